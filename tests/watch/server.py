"""A real HTTP server on 127.0.0.1 whose pages the tests change between polls.

Each route answers with a status, a body, headers and an optional delay; an ``ETag`` route answers
a matching ``If-None-Match`` with 304. Every request is logged (path, whether it was conditional),
so tests can count what was fetched.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["LocalServer", "Route", "article_page", "rss_feed", "sitemap"]


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    delay: float = 0.0
    location: str | None = None  # for redirects
    failures: int = 0  # answer 503 this many times first


@dataclass
class Request:
    method: str
    path: str
    conditional: bool
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)


class LocalServer:
    """``ThreadingHTTPServer`` on a free loopback port; ``routes`` may be changed while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                with server.lock:
                    server.requests.append(Request("GET", self.path, conditional, headers=dict(self.headers)))
                    route = server.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                if route.delay:
                    time.sleep(route.delay)
                with server.lock:
                    failing = route.failures > 0
                    route.failures -= 1 if failing else 0
                if failing:
                    self._answer(503, b"busy", "text/plain")
                    return
                if route.location:
                    self.send_response(route.status)
                    self.send_header("Location", route.location)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                extra = {"ETag": route.etag} if route.etag else {}
                self._answer(route.status, route.body, route.content_type, extra)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with server.lock:
                    server.requests.append(Request("POST", self.path, False, body, dict(self.headers)))
                    route = server.routes.get(self.path)
                    failing = route is not None and route.failures > 0
                    if failing and route is not None:
                        route.failures -= 1
                status = 503 if failing else route.status if route else 200
                self._answer(status, b"{}", "application/json")

            def _answer(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (extra or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"test-http-{self.port}", daemon=True)
        self.thread.start()

    def set(self, path: str, body: str | bytes = b"", **options: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            self.routes[path] = Route(body=data, **options)

    def gets(self, path: str, *, conditional: bool | None = None) -> int:
        """How many GETs of ``path`` were made (only conditional or unconditional ones when asked)."""
        with self.lock:
            return sum(
                1
                for r in self.requests
                if r.method == "GET" and r.path == path and (conditional is None or r.conditional == conditional)
            )

    def times(self, path: str) -> list[float]:
        """When each GET of ``path`` arrived (``time.monotonic``)."""
        with self.lock:
            return [r.at for r in self.requests if r.method == "GET" and r.path == path]

    def posts(self, path: str) -> list[Any]:
        with self.lock:
            return [json.loads(r.body) for r in self.requests if r.method == "POST" and r.path == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def article_page(
    title: str, body: str, *, published: str = "2025-03-04T08:00:00+00:00", site: str = "Harbour Times"
) -> str:
    """An HTML news page as outlets publish them (metadata in the head, the story in <article>)."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{paragraphs}
</article>
<footer>Copyright {site}. All rights reserved.</footer>
</body></html>"""


def rss_feed(base: str, items: list[tuple[str, str, str]], *, title: str = "Harbour Times - World") -> str:
    """An RSS 2.0 feed listing ``(path, title, updated)`` items."""
    entries = "\n".join(
        f"<item><title>{t}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>{updated}</pubDate><description>{t}</description></item>"
        for path, t, updated in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{title}</title><link>{base}/</link>
<description>World news</description>
{entries}
</channel></rss>"""


def sitemap(base: str, items: list[tuple[str, str]]) -> str:
    """A sitemap of ``(path, lastmod)`` pages."""
    urls = "\n".join(f"<url><loc>{base}{path}</loc><lastmod>{lastmod}</lastmod></url>" for path, lastmod in items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{urls}
</urlset>"""

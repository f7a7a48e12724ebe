"""Benchmark: the memory of a long ``crosswire watch`` while a local server feeds it many items.

A feed server on 127.0.0.1 (threads of this process) publishes ``items`` generated articles
(invented towns, figures and speakers; seeded, so every run serves the same text). Its feed lists
the newest ``window`` items; each time the watch polls it, ``step`` more are published, as a busy
outlet does. One item in ``edit_every`` is edited after it was first served (a new figure), so
the watch also rechecks the pages of the last 30 seconds every 10 seconds with conditional requests (ETag: 304
while unchanged) and stores revisions.

``crosswire watch`` runs as a separate process (so only its memory is measured), polling without
pause and without the politeness delay. Every ``sample`` seconds the benchmark reads the
process's resident set (``VmRSS`` in ``/proc``) and how many items the server has served. It ends
when every item is stored (or at ``seconds``), stops the watch with SIGTERM and reports RSS against
items served, the growth per 1,000 items after the first quarter, and the watch's CPU time.

``--no-stages`` measures the watch alone (fetch, read, store, revisions); with the stages the
extract and link stages run on every batch, and their indexes grow with the ledger by design
(``bench scale``: about 27 KB per article), which the growth per 1,000 items then shows.

``--full-text`` puts each article in its feed entry (a source with ``pages = false``): no page is
fetched, and a watch gets through many more items in the same time, which is how the 100,000-item
run is made. ``python -m crosswire.bench.watch --items 100000 --full-text`` is the long run;
``crosswire bench watch`` (and ``make bench``) runs a short one (3,000 pages) bounded in time.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["FeedServer", "main", "render", "score"]

TOWNS = ["Halvik", "Dolmek", "Serin", "Orvik", "Tavlin", "Brenna", "Kessa", "Morrow", "Vantor", "Ilsby"]
PEOPLE = ["Ada Moll", "Tomas Rieger", "Elin Varg", "Piet Salo", "Hanna Brisk", "Orla Venn", "Anton Berg"]
EVENTS = [
    ("storm", "homes lost power", "repairs"),
    ("flood", "families left their homes", "pumping"),
    ("strike", "flights were cancelled", "talks"),
    ("fire", "hectares burned", "firefighting"),
    ("blockade", "lorries were stopped", "negotiations"),
]


def article_text(number: int, edition: int = 0) -> str:
    """Item ``number``'s article (``edition`` 1: the edited text, a figure changed)."""
    pick = random.Random(number)
    town, other = pick.sample(TOWNS, 2)
    person = pick.choice(PEOPLE)
    event, effect, work = pick.choice(EVENTS)
    figure = pick.randint(20, 9000) + (37 * edition)
    cost = pick.randint(2, 90)
    return (
        f"{town.upper()}, March {1 + number % 28} - About {figure:,} {effect} in {town} after the {event} of "
        f"report {number}, the regional council said on Monday, and {other} sent {pick.randint(3, 40)} crews.\n\n"
        f'"We expect the {work} to take {pick.randint(2, 9)} days," said council spokesperson {person}. '
        f"The {work} will cost {cost} million crowns, the council said, twice the sum set aside in {other}.\n\n"
        f"Residents of {town} said the warnings came late. {person} said the council would publish its "
        f"figures for item {number} on Friday."
    )


def _page(number: int, edition: int) -> bytes:
    text = article_text(number, edition).split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in text)
    title = f"Report {number} from the regional council"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:site_name" content="Coast Wire"><meta property="article:published_time" '
        f'content="2025-03-{1 + number % 28:02d}T08:00:00+00:00"></head><body><nav>Home | Coast</nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>Coast Wire</footer></body></html>"
    ).encode()


class FeedServer:
    """The feed and its pages; a poll of the feed publishes ``step`` more items."""

    def __init__(
        self, items: int, *, window: int = 200, step: int = 100, edit_every: int = 50, full_text: bool = False
    ) -> None:
        self.items, self.window, self.step, self.edit_every = items, window, step, edit_every
        self.full_text = full_text
        self.published = min(step, items)
        self.served: set[int] = set()
        self.edited: set[int] = set()
        self.requests = 0
        self.not_modified = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                # headers and body go out in two writes: without this, Nagle's algorithm and the
                # client's delayed acknowledgement hold each response back for tens of milliseconds
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:
                outer.answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.requests += 1
            status, body, etag, kind = self._route(handler.path, handler.headers.get("If-None-Match"))
            if status == 304:
                self.not_modified += 1
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        if etag:
            handler.send_header("ETag", etag)
        handler.end_headers()
        handler.wfile.write(body)

    def _route(self, path: str, validator: str | None) -> tuple[int, bytes, str | None, str]:
        if path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n", None, "text/plain"
        if path == "/feed.xml":
            etag = f'"{self.published}"'
            if validator == etag:
                self.published = min(self.items, self.published + self.step)  # the next poll sees more
                return 304, b"", etag, "application/rss+xml"
            newest = range(max(0, self.published - self.window), self.published)
            entries = "".join(self._entry(n) for n in reversed(newest))
            channel = f"<channel><title>Coast Wire</title>{entries}</channel>"
            body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
            return 200, body.encode(), etag, "application/rss+xml"
        if path.startswith("/item/") and path[6:].isdigit() and not self.full_text:
            number = int(path[6:])
            if number >= self.published:
                return 404, b"", None, "text/plain"
            edition = self._edition(number)
            etag = f'"{number}-{edition}"'
            if validator == etag:
                return 304, b"", etag, "text/html"
            return 200, _page(number, edition), etag, "text/html; charset=utf-8"
        return 404, b"", None, "text/plain"

    def _entry(self, number: int) -> str:
        """A feed entry; in full-text mode it carries the article (edited the second time it is listed)."""
        head = (
            f"<item><title>Report {number}</title><link>{self.url}/item/{number}</link>"
            f"<pubDate>{formatdate(1740988800 + number * 60, usegmt=True)}</pubDate>"
        )
        if not self.full_text:
            return head + "</item>"
        return head + f"<description>{article_text(number, self._edition(number))}</description></item>"

    def _edition(self, number: int) -> int:
        """Which text an item is served with: one in ``edit_every`` is edited once it was served (1)."""
        if number in self.served and number % self.edit_every == 0:
            self.edited.add(number)
        self.served.add(number)
        return 1 if number in self.edited else 0

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True, slots=True)
class Settings:
    items: int = 3000
    seconds: float = 150.0
    stages: bool = False
    sample: float = 1.0
    full_text: bool = False


def score(path: Path | None = None, *, limit: int | None = None, settings: Settings | None = None) -> dict[str, Any]:
    """Run the watch against the feed server and measure it (``limit``: how many items)."""
    settings = settings or Settings()
    if limit is not None:
        settings = replace(settings, items=limit)
    server = FeedServer(settings.items, full_text=settings.full_text)
    folder = Path(tempfile.mkdtemp(prefix="crosswire-bench-watch-"))
    try:
        return _run(settings, server, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(settings: Settings, server: FeedServer, folder: Path) -> dict[str, Any]:
    db = folder / "watch.db"
    config = folder / "watch.toml"  # full text: the feed entries are the articles, no page is fetched
    config.write_text(f'[[source]]\nurl = "{server.url}/feed.xml"\npages = {str(not settings.full_text).lower()}\n')
    command = [sys.executable, "-m", "crosswire", "--quiet", "watch", "--config", str(config), "--db", str(db)]
    command += ["--interval", "0", "--delay", "0", "--recheck", "10s", "--recheck-for", "30s", "--retries", "1"]
    command += ["--stages" if settings.stages else "--no-stages"]
    started = time.monotonic()
    log_file = (folder / "watch.log").open("w+", encoding="utf-8")  # a pipe left unread would block the watch
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log_file, text=True)
    samples: list[dict[str, float]] = []
    cpu = None
    try:
        while process.poll() is None:
            elapsed = time.monotonic() - started
            rss = _rss_mb(process.pid)
            with server.lock:
                served = len(server.served)
            if rss is not None:
                samples.append({"seconds": round(elapsed, 1), "items": served, "rss_mb": round(rss, 1)})
            cpu = _cpu_seconds(process.pid) or cpu
            if served >= settings.items:
                stored, _, done = _progress(db, stages=settings.stages)
                if stored >= settings.items and done:
                    break
            if elapsed > settings.seconds:
                break
            time.sleep(settings.sample)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        server.stop()
        log_file.seek(0)
        err = log_file.read()
        log_file.close()
    stored, revisions, _ = _progress(db)
    figures = _figures(samples, settings, server, stored, cpu, time.monotonic() - started, process.returncode)
    figures["revisions_stored"] = revisions
    if process.returncode not in (0, -signal.SIGTERM):
        figures["error"] = (err or "").strip().splitlines()[-1:] or ["watch failed"]
    return figures


def _progress(db: Path, *, stages: bool = False) -> tuple[int, int, bool]:
    """Articles stored, revisions after the first, and (with the stages) whether all are linked."""
    if not db.exists():  # the watch creates it: never race it to the migrations
        return 0, 0, False
    from crosswire.errors import LedgerError
    from crosswire.extract import EXTRACTION_VERSION
    from crosswire.ledger import open_ledger
    from crosswire.ledger.watch import watch_ledger
    from crosswire.link import LinkOptions

    try:
        with open_ledger(db) as opened:
            ledger = watch_ledger(opened)
            articles = ledger.count_articles()
            revisions = sum(n - 1 for n in ledger.revision_counts().values())
            done = not stages or (
                ledger.count_to_extract(EXTRACTION_VERSION) == 0
                and not ledger.unlinked_extractions(LinkOptions().fingerprint())
            )
            return articles, revisions, done
    except LedgerError:
        return 0, 0, False


def _figures(
    samples: list[dict[str, float]],
    settings: Settings,
    server: FeedServer,
    stored: int,
    cpu: float | None,
    wall: float,
    code: int | None,
) -> dict[str, Any]:
    marks = {}
    for share in (0.1, 0.25, 0.5, 0.75, 1.0):
        wanted = settings.items * share
        hit = next((s for s in samples if s["items"] >= wanted), None)
        if hit is not None:
            marks[f"{int(share * 100)}%"] = hit
    quarter = marks.get("25%")
    last = marks.get("100%") or (samples[-1] if samples else None)
    growth = None
    if quarter and last and last["items"] > quarter["items"]:
        growth = round((last["rss_mb"] - quarter["rss_mb"]) / (last["items"] - quarter["items"]) * 1000, 2)
    return {
        "items": settings.items,
        "stages": settings.stages,
        "full_text": settings.full_text,
        "served": len(server.served),
        "stored_articles": stored,
        "revisions_served": len(server.edited),
        "requests": server.requests,
        "not_modified": server.not_modified,
        "seconds": round(wall, 1),
        "watch_cpu_seconds": None if cpu is None else round(cpu, 1),
        "rss_mb_at": {k: v["rss_mb"] for k, v in marks.items()},
        "rss_mb_peak": max((s["rss_mb"] for s in samples), default=None),
        "rss_mb_per_1000_items_after_25%": growth,
        "samples": samples[:: max(1, len(samples) // 40)],
        "complete": stored >= settings.items,
        "exit": code,
        "bench_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def render(figures: dict[str, Any]) -> str:
    lines = [
        f"crosswire watch against a local feed of {figures['items']:,} items "
        f"({'full text in the feed' if figures['full_text'] else 'a page fetched for each'}; "
        f"{'with' if figures['stages'] else 'without'} the extract and link stages)",
        f"  served {figures['served']:,} items, stored {figures['stored_articles']:,} articles, "
        f"{figures['revisions_served']} edited, {figures.get('revisions_stored', 0)} revisions stored; "
        f"{figures['requests']:,} requests, "
        f"{figures['not_modified']:,} answered 304",
        f"  {figures['seconds']} s wall, watch process CPU {figures['watch_cpu_seconds']} s"
        + ("" if figures["complete"] else "  (stopped by the time limit before every item was stored)"),
        "  resident memory (RSS) of the watch process against items served:",
    ]
    for mark, rss in figures["rss_mb_at"].items():
        lines.append(f"    {mark:>5} of the items: {rss:8.1f} MB")
    lines.append(f"    peak: {figures['rss_mb_peak']} MB")
    lines.append(f"  growth after the first quarter: {figures['rss_mb_per_1000_items_after_25%']} MB per 1,000 items")
    if figures.get("error"):
        lines.append(f"  watch error: {figures['error']}")
    return "\n".join(lines)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m crosswire.bench.watch --items 100000 [--stages] [--seconds N]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=150.0, help="stop after this long (default 150)")
    parser.add_argument("--stages", action="store_true", help="run the extract and link stages too")
    parser.add_argument("--sample", type=float, default=1.0, help="seconds between two samples")
    parser.add_argument("--full-text", action="store_true", help="articles in the feed itself: no page fetched")
    args = parser.parse_args(argv)
    # SIGTERM ends the benchmark like Ctrl-C: the watch process it started is stopped too
    signal.signal(signal.SIGTERM, _interrupt)
    figures = score(settings=Settings(args.items, args.seconds, args.stages, args.sample, args.full_text))
    print(render(figures))
    print(json.dumps({"task": "watch"} | figures))


if __name__ == "__main__":
    main()

"""The guard in front of every request: headers, host, token, cross-site posts and body size.

One ASGI middleware, so each rule is checked in one place and in this order:

1. every response gets a strict Content-Security-Policy and the other security headers;
2. the ``Host`` header must name an allowed host (stops DNS-rebinding pages reading a local server);
3. with a token, each request carries it: ``Authorization: Bearer T``, the cookie set by a first
   visit with ``?token=T``, or that query itself;
4. a request that changes something (POST, ...) must come from this site: the browser's
   ``Sec-Fetch-Site`` must be ``same-origin``, or, from browsers without it, the ``Origin`` (else the
   ``Referer``) must name the same host; the cookie is also ``SameSite=Strict``;
5. the body may not exceed the request size limit (checked on ``Content-Length`` and while reading).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "SECURITY_HEADERS", "SERVER_ERROR", "Guard", "RequestTooLarge", "is_loopback"]

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
COOKIE = "crosswire_token"
SERVER_ERROR = "something went wrong on the server; see its log"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class RequestTooLarge(Exception):
    """The request body is over the size limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the request is over the size limit of {limit / (1024 * 1024):.1f} MB")


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine can reach."""
    import ipaddress

    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(value: str) -> str:
    """The host part of a ``Host`` header value (``[::1]:8000`` -> ``::1``)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def cookie_value(token: str) -> str:
    """What the browser keeps: a digest of the token, never the token itself."""
    return hmac.new(token.encode(), b"crosswire-web-cookie", hashlib.sha256).hexdigest()


def headers_of(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}


class Guard:
    """The ASGI middleware that applies the rules in the module docstring."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        max_request_bytes: int,
        allowed_hosts: Iterable[str] | None = None,
    ) -> None:
        self.app = app
        self.token = token
        self.max_request_bytes = max_request_bytes
        self.allowed_hosts = {h.strip("[]").lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                raw = [
                    (k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in SECURITY_HEADERS
                ]
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        headers = headers_of(scope)
        path = scope.get("path", "")
        api = path.startswith("/api/") or path == "/openapi.json"
        host = _host_name(headers.get("host", ""))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await _deny(send_with_headers, 400, "this server does not answer to that host name", api)
            return
        if self.token is not None:
            verdict = self._check_token(scope, headers)
            if verdict == "redirect":
                await self._redirect_with_cookie(scope, send_with_headers)
                return
            if verdict is False:
                await _deny(send_with_headers, 401, "this server needs its access token", api)
                return
        if scope.get("method", "GET") not in SAFE_METHODS and not _same_site(headers):
            await _deny(send_with_headers, 403, "cross-site requests are refused", api)
            return
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_request_bytes:
            await _deny(send_with_headers, 413, str(RequestTooLarge(self.max_request_bytes)), api)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_request_bytes:
                    raise RequestTooLarge(self.max_request_bytes)
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except Exception:
            # The traceback goes to the log; the client only learns that something failed.
            log.exception("error serving %s %s", scope.get("method"), path)
            if started:
                raise
            await _deny(send_with_headers, 500, SERVER_ERROR, api)

    def _check_token(self, scope: Scope, headers: dict[str, str]) -> bool | str:
        assert self.token is not None
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        cookies = _cookies(headers.get("cookie", ""))
        if COOKIE in cookies and hmac.compare_digest(cookies[COOKIE].encode(), cookie_value(self.token).encode()):
            return True
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and hmac.compare_digest(query["token"].encode(), self.token.encode()):
            return "redirect" if scope.get("method") == "GET" else True
        return False

    async def _redirect_with_cookie(self, scope: Scope, send: Send) -> None:
        """Trade ``?token=`` for an HttpOnly cookie and drop the token from the address bar."""
        assert self.token is not None
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k != "token"]
        location = scope.get("path", "/") + ("?" + urlencode(query) if query else "")
        cookie = f"{COOKIE}={cookie_value(self.token)}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _cookies(header: str) -> dict[str, str]:
    pairs = (part.strip().split("=", 1) for part in header.split(";") if "=" in part)
    return {name: value for name, value in pairs}


def _same_site(headers: dict[str, str]) -> bool:
    """A state-changing request is accepted only from a page of this server (or from a non-browser)."""
    # Browsers say where a request comes from in Sec-Fetch-Site; with "Referrer-Policy: no-referrer"
    # they send "Origin: null" on form posts, so this is the header that tells same-site apart.
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    host = headers.get("host", "").lower()
    for name in ("origin", "referer"):
        value = headers.get(name)
        if value:
            if value == "null":
                return False
            return urlsplit(value).netloc.lower() == host
    # Browsers send Origin with every cross-site POST; a client without either header is not a browser.
    return True


async def _deny(send: Send, status: int, message: str, api: bool) -> None:
    if api:
        body = json.dumps({"error": message}).encode()
        kind = b"application/json"
    else:
        body = _page(status, message).encode()
        kind = b"text/html; charset=utf-8"
    headers: list[tuple[bytes, bytes]] = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _page(status: int, message: str) -> str:
    """A minimal error page (the message is fixed text of ours, never request data)."""
    from html import escape

    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crosswire: error</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main class="page">'
        f"<h1>{status}</h1><p>{escape(message)}.</p></main></body></html>"
    )

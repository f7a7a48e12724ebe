"""The guard in front of every request: headers, host, token, cross-site posts and body size.

One ASGI middleware, so each rule is checked in one place and in this order:

1. every response gets a strict Content-Security-Policy and the other security headers;
2. the ``Host`` header must name an allowed host (stops DNS-rebinding pages reading a local server);
3. who is asking: the server's shared ``--token``, or a named user's token (``crosswire users
   add``), sent as ``Authorization: Bearer T`` or kept by the cookie the sign-in page (``/login``,
   a form posting the token) sets. Never in the address: a ``?token=`` query is refused, since
   addresses are written to logs and browser histories (and :class:`RedactTokens` keeps any that
   arrives out of the server's log). When the server needs signing in (a token, or an address
   beyond this machine), a request without a valid one is refused; otherwise it is made as
   :data:`LOCAL` (the ``local`` user, who may do everything). The identity is
   ``request.state.user`` (:class:`Identity`);
4. a request that changes something (POST, ...) must come from this site: the browser's
   ``Sec-Fetch-Site`` must be ``same-origin``, or, from browsers without it, the ``Origin`` (else the
   ``Referer``) must name the same host; the cookie is also ``SameSite=Strict``; and it needs at
   least the analyst role (a reader gets 403);
5. the body may not exceed the request size limit (checked on ``Content-Length`` and while reading).

A named user's cookie is ``u.<key>.<mac>``: the key of their token and an HMAC keyed with the hash
the ledger keeps, so it stops working when the user is removed or given a new token, and the
ledger never holds anything a cookie could be made from without its hash.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosswire.desk.users import LOCAL_USER, User, may, parse_token, verify

__all__ = [
    "CSP",
    "LOCAL",
    "SECURITY_HEADERS",
    "SERVER_ERROR",
    "SHARED_TOKEN_USER",
    "Accounts",
    "Guard",
    "Identity",
    "RedactTokens",
    "RequestTooLarge",
    "is_loopback",
    "local_path",
    "log_config",
]

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
LOGIN = "/login"
LOGOUT = "/logout"
LOGIN_BODY_BYTES = 4096
SHARED_TOKEN_USER = "token"
"""Who the holder of the server's shared ``--token`` is, in the audit trail."""
VERIFIED_TOKENS = 1024
"""Named users' tokens kept as checked (a digest of each, in memory), so scrypt runs once per token."""
TOKEN_IN_ADDRESS = (
    "the token is not accepted in the address (addresses are logged); send it in an "
    "'Authorization: Bearer' header, or sign in at /login"
)


_TOKEN_QUERY = re.compile(r"(?i)([?&;](?:token|access_token)=)[^&;\s\"]*")


def redact(text: str) -> str:
    """``text`` with the value of every ``token=`` query parameter replaced."""
    return _TOKEN_QUERY.sub(r"\1[redacted]", text)


class RedactTokens(logging.Filter):
    """Keeps tokens out of log lines: the value of any ``token=`` in a request line is replaced."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def log_config() -> dict[str, Any]:
    """uvicorn's logging set-up with :class:`RedactTokens` on every handler (access and error log)."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_tokens"] = {"()": RedactTokens}
    for handler in config["handlers"].values():
        handler.setdefault("filters", []).append("redact_tokens")
    return config


@dataclass(frozen=True, slots=True)
class Identity:
    """Who a request comes from: a name, a role, and whether they signed in."""

    name: str
    role: str
    signed_in: bool = True

    def may(self, needed: str) -> bool:
        """Whether their role allows what ``needed`` may do."""
        return may(self.role, needed)


LOCAL = Identity(LOCAL_USER, "admin", signed_in=False)
"""Whoever uses a server that needs no signing in (on this machine): every write is theirs."""


class Accounts(Protocol):
    """What the guard asks of the ledger's users."""

    def user_by_key(self, key: str) -> User | None:
        """The user whose token has this key."""
        ...

    def has_users(self) -> bool:
        """Whether the ledger has named users."""
        ...


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


def user_cookie(user: User) -> str:
    """A named user's cookie: their token's key and an HMAC keyed with the hash the ledger keeps."""
    mac = hmac.new(user.token_hash.encode(), b"crosswire-web-cookie:" + user.key.encode(), hashlib.sha256)
    return f"u.{user.key}.{mac.hexdigest()}"


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
        accounts: Accounts | None = None,
        sign_in: bool | None = None,
    ) -> None:
        self.app = app
        self.token = token
        self.max_request_bytes = max_request_bytes
        self.allowed_hosts = {h.strip("[]").lower() for h in allowed_hosts} if allowed_hosts else None
        self.accounts = accounts
        self.sign_in = token is not None if sign_in is None else sign_in
        self._verified: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()

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
        if _query_has_token(scope):
            await _deny(send_with_headers, 401, TOKEN_IN_ADDRESS, api)
            return
        if path == LOGIN:
            await self._login(scope, receive, send_with_headers, headers)
            return
        if path == LOGOUT and scope.get("method") == "POST":
            await self._logout(send_with_headers, headers)
            return
        identity, refused = await self._identify(headers)
        if refused:
            await _deny(send_with_headers, 401, "that token is not right", api, sign_in=path)
            return
        if identity is None:
            if self.sign_in:
                await _deny(send_with_headers, 401, "this server needs its access token", api, sign_in=path)
                return
            identity = LOCAL
        if scope.get("method", "GET") not in SAFE_METHODS:
            if not _same_site(headers):
                await _deny(send_with_headers, 403, "cross-site requests are refused", api)
                return
            if not identity.may("analyst"):
                message = f"you are signed in as {identity.name}, a {identity.role}: readers cannot change the ledger"
                await _deny(send_with_headers, 403, message, api)
                return
        scope.setdefault("state", {})["user"] = identity
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

    # --- who is asking -------------------------------------------------------------------------------

    async def _identify(self, headers: dict[str, str]) -> tuple[Identity | None, bool]:
        """The identity a request's header or cookie proves, and whether it carried credentials that are wrong."""
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            found = await self._from_token(auth[7:].strip())
            return found, found is None
        value = _cookies(headers.get("cookie", "")).get(COOKIE)
        if not value:
            return None, False
        if self.token is not None and hmac.compare_digest(value.encode(), cookie_value(self.token).encode()):
            return Identity(SHARED_TOKEN_USER, "admin"), False
        parts = value.split(".")
        if len(parts) == 3 and parts[0] == "u" and self.accounts is not None:
            user = self.accounts.user_by_key(parts[1])
            if user is not None and hmac.compare_digest(value.encode(), user_cookie(user).encode()):
                return Identity(user.name, user.role), False
        return None, False  # a stale cookie (a removed user, a new token): sign in again

    async def _from_token(self, token: str) -> Identity | None:
        """The identity of the shared token or of a named user's token; ``None`` for a wrong one."""
        if self.token is not None and hmac.compare_digest(token.encode(), self.token.encode()):
            return Identity(SHARED_TOKEN_USER, "admin")
        user = await self._user(token)
        return None if user is None else Identity(user.name, user.role)

    async def _user(self, token: str) -> User | None:
        """The named user a token belongs to (scrypt runs in a worker thread, once per token)."""
        parsed = parse_token(token)
        if parsed is None or self.accounts is None:
            return None
        user = self.accounts.user_by_key(parsed[0])
        if user is None:
            return None
        digest = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            known = self._verified.get(digest)
        if known is not None and known == (user.key, user.token_hash):
            return user
        if not await run_in_threadpool(verify, token, user):
            return None
        with self._lock:
            self._verified[digest] = (user.key, user.token_hash)
            while len(self._verified) > VERIFIED_TOKENS:
                self._verified.popitem(last=False)
        return user

    def _can_sign_in(self) -> bool:
        return self.token is not None or (self.accounts is not None and self.accounts.has_users())

    async def _login(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str]) -> None:
        """The sign-in page: a form that posts a token; a right one sets the cookie and goes on to ``next``."""
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if not self._can_sign_in():
            await _deny(send, 404, "this server has no users and no token: nobody needs to sign in", api=False)
            return
        if scope.get("method") != "POST":
            await _send_html(send, 200, _login_page(local_path(query.get("next")), failed=False))
            return
        if not _same_site(headers):
            await _deny(send, 403, "cross-site requests are refused", api=False)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > LOGIN_BODY_BYTES:
                await _deny(send, 413, "the sign-in form is too large", api=False)
                return
            if not message.get("more_body"):
                break
        form = dict(parse_qsl(body.decode("utf-8", errors="replace")))
        target = local_path(form.get("next"))
        token = form.get("token", "").strip()
        if self.token is not None and hmac.compare_digest(token.encode(), self.token.encode()):
            value = cookie_value(self.token)
        else:
            user = await self._user(token)
            if user is None:
                await _send_html(send, 401, _login_page(target, failed=True))
                return
            value = user_cookie(user)
        cookie = f"{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", target.encode("latin-1")), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def _logout(self, send: Send, headers: dict[str, str]) -> None:
        """Sign out: the cookie is cleared."""
        if not _same_site(headers):
            await _deny(send, 403, "cross-site requests are refused", api=False)
            return
        cookie = f"{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        target = LOGIN if self.sign_in else "/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", target.encode("latin-1")), (b"set-cookie", cookie.encode())],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _query_has_token(scope: Scope) -> bool:
    names = {name.lower() for name, _ in parse_qsl(scope.get("query_string", b"").decode("latin-1"), True)}
    return bool(names & {"token", "access_token"})


def local_path(value: str | None) -> str:
    """Where to go after signing in: a path of this server, never another site (``//host``, ``\\host``)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or LOGIN in value:
        return "/"
    return value if value.isprintable() and len(value) < 2000 else "/"


def _login_page(target: str, *, failed: bool) -> str:
    note = '<p class="empty">That token is not right.</p>' if failed else ""
    return (
        # No stylesheet: it is behind the token too.
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crosswire: sign in</title>'
        '</head><body><main class="page">'
        f"<h1>Sign in</h1>{note}<p>Sign in with your token (an admin gives one with "
        "<code>crosswire users add</code>), or the server's access token.</p>"
        f'<form class="filters" method="post" action="{LOGIN}"><label>Token '
        '<input type="password" name="token" autocomplete="current-password" autofocus></label>'
        f'<input type="hidden" name="next" value="{escape(target)}"><button type="submit">Sign in</button></form>'
        "</main></body></html>"
    )


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


async def _deny(send: Send, status: int, message: str, api: bool, *, sign_in: str | None = None) -> None:
    """An error as JSON for the API, else a page (with a link to sign in and come back to ``sign_in``)."""
    if api:
        await _send(send, status, json.dumps({"error": message}).encode(), b"application/json")
        return
    await _send_html(send, status, _page(status, message, sign_in))


async def _send_html(send: Send, status: int, page: str) -> None:
    await _send(send, status, page.encode(), b"text/html; charset=utf-8")


async def _send(send: Send, status: int, body: bytes, kind: bytes) -> None:
    headers: list[tuple[bytes, bytes]] = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _page(status: int, message: str, sign_in: str | None = None) -> str:
    """A minimal error page (the message is fixed text of ours, never request data)."""
    link = ""
    if sign_in is not None:
        link = f' <a href="{LOGIN}?next={escape(quote(local_path(sign_in), safe="/"))}">Sign in</a>.'
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>crosswire: error</title>'
        '<link rel="stylesheet" href="/static/style.css"></head><body><main class="page">'
        f"<h1>{status}</h1><p>{escape(message)}.{link}</p></main></body></html>"
    )

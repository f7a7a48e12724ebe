"""Polite HTTP: conditional requests, a delay per host, robots.txt, timeouts, retries with backoff.

:class:`Fetcher` wraps one ``httpx.Client`` (the ``[watch]`` extra). Every request:

1. is refused when the host's robots.txt disallows it for our user agent (robots.txt is read
   once a day per host; a missing one allows everything, a 401/403 forbids everything);
2. waits until ``delay`` seconds have passed since the same host last answered;
3. carries ``If-None-Match`` / ``If-Modified-Since`` when validators are known (304: unchanged);
4. is retried on a timeout, a connection failure, 429 or a 5xx, ``retries`` times, waiting
   ``backoff`` seconds doubled each time (or what ``Retry-After`` asks, up to a minute);
5. reads at most ``max_bytes`` of the body.

A failure never raises: :class:`Fetched` carries a one-line ``error``, and the watcher logs it.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from crosswire import __version__
from crosswire.errors import MissingExtraError
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_USER_AGENT", "FetchOptions", "Fetched", "Fetcher", "httpx_module", "retry_after_seconds"]

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"crosswire/{__version__} (news monitoring; honours robots.txt)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
ROBOTS_TTL = 86400.0
ROBOTS_HOSTS = 256
"""robots.txt rules kept for this many hosts (the oldest forgotten first): memory stays bounded."""


def httpx_module() -> Any:
    """The httpx package, or :class:`MissingExtraError` naming the ``watch`` extra."""
    try:
        import httpx
    except ImportError as exc:
        raise MissingExtraError("crosswire watch", "watch") from exc
    return httpx


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: timeouts, retries, politeness."""

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    delay: float = 1.0
    user_agent: str = DEFAULT_USER_AGENT
    max_bytes: int = DEFAULT_MAX_BYTES
    robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one fetch: ``status`` 200 or 304 when it worked; else ``error`` says why."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    error: str | None = None
    tries: int = 1
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def permanent(self) -> bool:
        """A failure that asking again soon will not fix (gone, forbidden, disallowed by robots.txt)."""
        return self.status in (400, 401, 403, 404, 410, 451) or self.status == -1


class _TooLarge(Exception):
    pass


class Fetcher:
    """Fetches URLs politely with one HTTP client; ``wait`` sleeps (a stop event's ``wait`` ends sleeps early)."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        wait: Callable[[float], object] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        httpx = httpx_module()
        self.options = options or FetchOptions()
        self._wait = wait or time.sleep
        self._client = httpx.Client(
            timeout=self.options.timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": self.options.user_agent},
            transport=transport,
        )
        self._last: OrderedDict[str, float] = OrderedDict()
        self._robots: OrderedDict[str, tuple[float, RobotFileParser]] = OrderedDict()
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- public ---------------------------------------------------------------------------------------

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given), politely; never raises."""
        if self.options.robots and not self.allowed(url):
            return Fetched(url, -1, error="disallowed by robots.txt")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request(url, headers)

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch ``url``."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        now = time.monotonic()
        cached = self._robots.get(host)
        if cached is None or now - cached[0] > ROBOTS_TTL:
            cached = (now, self._read_robots(host))
            self._robots[host] = cached
            while len(self._robots) > ROBOTS_HOSTS:
                self._robots.popitem(last=False)
        self._robots.move_to_end(host)
        return cached[1].can_fetch(self.options.user_agent, url)

    # --- internals ---------------------------------------------------------------------------------------

    def _read_robots(self, host: str) -> RobotFileParser:
        parser = RobotFileParser(host + "/robots.txt")
        fetched = self._request(host + "/robots.txt", {}, retries=1)
        if fetched.status in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]
        elif fetched.ok:
            parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        else:
            if fetched.status not in (404, 410) and fetched.error:
                log.info("robots.txt of %s unreadable (%s); fetching as allowed", host, fetched.error)
            parser.allow_all = True  # type: ignore[attr-defined]
        return parser

    def _polite(self, url: str) -> None:
        """Wait until ``delay`` has passed since the last answer from the same host."""
        last = self._last.get(urlsplit(url).netloc)
        if last is not None:
            ahead = last + self.options.delay - time.monotonic()
            if ahead > 0:
                self._wait(ahead)

    def _answered(self, url: str) -> None:
        """Note when the host last answered (the delay counts from the end of its answer)."""
        host = urlsplit(url).netloc
        with self._lock:
            self._last[host] = time.monotonic()
            self._last.move_to_end(host)
            while len(self._last) > ROBOTS_HOSTS:
                self._last.popitem(last=False)

    def _request(self, url: str, headers: dict[str, str], *, retries: int | None = None) -> Fetched:
        httpx = httpx_module()
        attempts = 1 + (self.options.retries if retries is None else retries)
        pause = self.options.backoff
        result = Fetched(url, 0, error="not fetched")
        for attempt in range(1, attempts + 1):
            self._polite(url)
            retry_after: float | None = None
            try:
                try:
                    result = self._once(url, headers, attempt)
                finally:
                    self._answered(url)
                if result.status not in RETRY_STATUSES:
                    return result
                retry_after = result.retry_after
            except _TooLarge:
                return Fetched(url, 0, error=f"response over the size limit of {self.options.max_bytes} bytes")
            except httpx.TimeoutException:
                result = Fetched(url, 0, error=f"timed out after {self.options.timeout:g}s", tries=attempt)
            except httpx.TooManyRedirects:
                return Fetched(url, 0, error="too many redirects", tries=attempt)
            except httpx.HTTPError as exc:
                result = Fetched(url, 0, error=f"{type(exc).__name__}: {exc}".rstrip(": "), tries=attempt)
            if attempt < attempts:
                delay = min(retry_after if retry_after is not None else pause, 60.0)
                log.info("fetch %s: %s; try %d of %d in %.1fs", url, result.error, attempt + 1, attempts, delay)
                self._wait(delay)
                pause *= 2
        return result

    def _once(self, url: str, headers: dict[str, str], attempt: int) -> Fetched:
        with self._client.stream("GET", url, headers=headers) as response:
            final = str(response.url)
            common = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "content_type": response.headers.get("Content-Type"),
                "tries": attempt,
            }
            if response.status_code == 304:
                return Fetched(final, 304, **common)
            if response.status_code != 200:
                return Fetched(
                    final,
                    response.status_code,
                    error=f"HTTP status {response.status_code}",
                    retry_after=retry_after_seconds(response.headers.get("Retry-After")),
                    **common,
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > self.options.max_bytes:
                    raise _TooLarge
            return Fetched(final, 200, bytes(body), **common)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), if it can be read."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds())

"""The web application: pages for analysts and a JSON API over one ledger.

:func:`create_app` builds the FastAPI application: the guard middleware (security headers, token,
cross-site checks, size limit; see :mod:`crosswire.web.security`), the page routes
(:mod:`crosswire.web.pages`), the ingest form (:mod:`crosswire.web.upload`), the JSON API
(:mod:`crosswire.web.api`) and error handlers that never show a traceback to the client.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from crosswire import __version__
from crosswire.desk.users import User
from crosswire.errors import LedgerError
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES
from crosswire.ledger import Ledger, is_server_address, open_ledger
from crosswire.web.cache import DEFAULT_CACHE_BYTES, PageCache
from crosswire.web.security import LOCAL, LOOPBACK_NAMES, Guard, Identity, RedactTokens, RequestTooLarge

__all__ = ["DEFAULT_MAX_PASTE_BYTES", "DEFAULT_MAX_REQUEST_BYTES", "Settings", "create_app"]

log = logging.getLogger(__name__)

DEFAULT_MAX_REQUEST_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PASTE_BYTES = 5 * 1024 * 1024
"""A pasted text (or any other form field) is held in memory while it is read, so it is kept small."""
HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True)
class Settings:
    """What the application was started with."""

    ledger_path: str
    """A file path, or a server's address (which may hold a password: never shown)."""
    data_dir: Path
    token: str | None
    sign_in: bool
    """Whether every request needs a signed-in user (a token, or a server reachable beyond this machine)."""
    max_file_bytes: int
    max_request_bytes: int
    max_paste_bytes: int


class LedgerAccess:
    """Open ledgers for requests, reused from a small pool (opening one costs more than most requests);
    writes one at a time."""

    POOL = 8

    def __init__(self, path: str) -> None:
        self.path = path
        self.write_lock = threading.Lock()
        self._idle: queue.SimpleQueue[Ledger] = queue.SimpleQueue()
        self._idle.put(open_ledger(path))  # create or migrate once, up front

    def user_by_key(self, key: str) -> User | None:
        """The user whose token has this key (for the guard)."""
        with self.open() as ledger:
            return ledger.user_by_key(key)

    def has_users(self) -> bool:
        """Whether the ledger has named users (for the guard)."""
        with self.open() as ledger:
            return bool(ledger.users())

    @contextmanager
    def open(self) -> Iterator[Ledger]:
        try:
            ledger = self._idle.get_nowait()
        except queue.Empty:
            ledger = open_ledger(self.path)
        broken = False
        try:
            yield ledger
        except LedgerError:  # e.g. a database server that went away: this connection is not reused
            broken = True
            raise
        finally:
            if not broken and self._idle.qsize() < self.POOL:
                self._idle.put(ledger)
            else:
                ledger.close()


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["version"] = __version__
    from crosswire.report.names import speaker_key, title_of, when

    env.filters["speaker_key"] = speaker_key
    env.filters["title"] = title_of
    env.filters["when"] = when
    return env


def create_app(
    ledger_path: str | Path,
    *,
    token: str | None = None,
    data_dir: str | Path | None = None,
    max_file_bytes: int = DEFAULT_MAX_BYTES,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    max_paste_bytes: int = DEFAULT_MAX_PASTE_BYTES,
    allowed_hosts: list[str] | None = None,
    page_cache_bytes: int = DEFAULT_CACHE_BYTES,
    sign_in: bool | None = None,
) -> FastAPI:
    """The web app over the ledger at ``ledger_path``; uploads are kept under ``data_dir/uploads``.

    ``sign_in`` makes every request need a signed-in user: the shared ``token`` or a named user's
    (default: when a token is given). Without it only loopback host names are answered
    (``allowed_hosts`` adds others) and whoever asks is the ``local`` user. Rendered story pages are
    kept in memory up to ``page_cache_bytes`` (see :mod:`crosswire.web.cache`).
    """
    ledger_path = str(ledger_path)
    if data_dir is None:  # beside a ledger file; in the working folder for a ledger on a server
        data_dir = (
            Path("crosswire-data") if is_server_address(ledger_path) else Path(ledger_path).parent / "crosswire-data"
        )
    settings = Settings(
        ledger_path=ledger_path,
        data_dir=Path(data_dir),
        token=token or None,
        sign_in=bool(token) if sign_in is None else sign_in,
        max_file_bytes=max_file_bytes,
        max_request_bytes=max_request_bytes,
        max_paste_bytes=max_paste_bytes,
    )
    app = FastAPI(
        title="crosswire",
        version=__version__,
        description="Stories, articles, quotes, claims and links from a crosswire ledger.",
        docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    # Under any ASGI server that logs through uvicorn's loggers, no line carries a token.
    for name in ("uvicorn.access", "uvicorn.error"):
        server_log = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in server_log.filters):
            server_log.addFilter(RedactTokens())
    app.state.settings = settings
    app.state.ledger = LedgerAccess(ledger_path)
    app.state.templates = templates()
    app.state.pages = PageCache(page_cache_bytes)
    hosts = None if settings.sign_in else [*LOOPBACK_NAMES, *(allowed_hosts or [])]
    app.add_middleware(
        Guard,
        token=settings.token,
        max_request_bytes=max_request_bytes,
        allowed_hosts=hosts,
        accounts=app.state.ledger,
        sign_in=settings.sign_in,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from crosswire.web import api, desk, desk_api, pages, upload, watch

    app.include_router(api.router)
    app.include_router(desk_api.router)
    app.include_router(watch.api_router)
    app.include_router(upload.router)
    app.include_router(desk.router)
    app.include_router(watch.page_router)
    app.include_router(pages.router)
    _error_handlers(app)
    return app


def viewer(request: Request) -> Identity:
    """Who is asking (the guard put it on the request; :data:`~crosswire.web.security.LOCAL` otherwise)."""
    found = getattr(request.state, "user", None)
    return found if isinstance(found, Identity) else LOCAL


def require(request: Request, role: str) -> Identity:
    """The signed-in user, when their role allows what ``role`` may do; else 403."""
    who = viewer(request)
    if not who.may(role):
        raise HTTPException(403, f"this needs the {role} role; you are signed in as {who.name}, a {who.role}")
    return who


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """An error as JSON ``{"error": ...}`` for the API, as a page for the browser."""
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    page = render_text(request, "error.html", status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = "nothing here"
        return error_response(request, exc.status_code, message, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p not in ('query', 'path', 'body'))}: {e.get('msg')}"
            for e in exc.errors()
        )
        return error_response(request, 422 if wants_json(request) else 400, f"invalid request: {problems}")

    @app.exception_handler(RequestTooLarge)
    async def too_large(request: Request, exc: RequestTooLarge) -> Response:
        return error_response(request, 413, str(exc))


def render_text(request: Request, name: str, **context: Any) -> str:
    """A page from its template, as text; every value is escaped unless it is already ``Markup``.

    Every page knows who is asking (``viewer``): pages kept in the cache are kept per viewer.
    """
    template = request.app.state.templates.get_template(name)
    return str(template.render(request_path=request.url.path, viewer=viewer(request), **context))


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template (see :func:`render_text`)."""
    return HTMLResponse(render_text(request, name, **context), status_code=status)

"""The local web app and JSON API for analysts (the ``[web]`` extra).

::

    crosswire.web.serve(db, host, port, token)      what ``crosswire serve`` calls
      └── create_app(ledger_path, token=, data_dir=, sign_in=)   the FastAPI application (app.py)
            ├── security.Guard   headers, host, who is asking (a user's or the shared token: header, or the
            │                    cookie /login sets), cross-site posts, readers cannot write, size
            ├── pages            stories, story, article, speakers, search, map (Jinja templates)
            ├── upload           ingest from the browser: files and pasted text
            └── api              /api/... JSON, described at /openapi.json
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.errors import MissingExtraError, OptionError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(ledger_path: str | Path, **options: object) -> FastAPI:
    """The web application over a ledger (see :func:`crosswire.web.app.create_app`)."""
    try:
        from crosswire.web.app import create_app as build
    except ImportError as exc:  # fastapi, jinja2 or python-multipart missing
        raise MissingExtraError("the web app", "web") from exc
    return build(ledger_path, **options)  # type: ignore[arg-type]


def check_bind(host: str, token: str | None, has_users: bool = False) -> None:
    """Refuse to listen beyond this machine when nobody would need to sign in (no token, no users)."""
    from crosswire.web.security import is_loopback

    if not is_loopback(host) and not token and not has_users:
        raise OptionError(
            f"refusing to serve on {host}: other machines could reach it; add users (crosswire users add NAME "
            "--role analyst), or give --token SECRET, so that every request needs signing in; or use --host 127.0.0.1"
        )


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    *,
    data_dir: str | Path | None = None,
) -> None:
    """Serve the web app over ledger ``db`` until interrupted.

    On a loopback ``host`` nobody needs to sign in unless a ``token`` is given; beyond this machine
    every request needs a signed-in user (a named user's token, or the shared ``token``).
    """
    from crosswire.ledger import open_ledger
    from crosswire.web.security import is_loopback

    with open_ledger(db) as ledger:
        has_users = bool(ledger.users())
    check_bind(host, token, has_users)
    if not 0 < port < 65536:
        raise OptionError(f"port {port} is not a TCP port (1-65535)")
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("the web app", "web") from exc
    from crosswire.web.security import log_config

    sign_in = bool(token) or not is_loopback(host)
    app = create_app(db, token=token, data_dir=data_dir, allowed_hosts=[host], sign_in=sign_in)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        log_config=log_config(),  # tokens never reach the log, even from an address that carries one
        server_header=False,
        proxy_headers=False,
    )

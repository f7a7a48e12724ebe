"""A real uvicorn server on 127.0.0.1 (a free port) over the demo ledger, shared by the web tests.

The demo ledger is built once per test run; the server runs in a thread and stops when the run ends.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import sqlite3
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from crosswire.pipeline import run_demo
from crosswire.web import create_app

__all__ = ["TOKEN_FREE_LIMITS", "WebServer", "copy_ledger", "free_port", "shared_server", "start_server"]

# Small limits so the size checks can be tested without big uploads.
TOKEN_FREE_LIMITS = {"max_file_bytes": 200_000, "max_request_bytes": 1_000_000}


@dataclass
class WebServer:
    """A running server: where it listens, its ledger, and how to stop it."""

    url: str
    ledger: Path
    data_dir: Path
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def copy_ledger(source: Path, target: Path) -> Path:
    """A copy of a ledger a server may be using, made by SQLite itself.

    Never read a live ledger's file with plain file calls in a process that has it open: closing
    that file drops every lock the process holds on it (POSIX locks are per process), and another
    process may then take the ledger for unused and remove its write-ahead log.
    """
    with sqlite3.connect(source) as reading, sqlite3.connect(target) as writing:
        reading.backup(writing)
    reading.close()
    writing.close()
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(ledger: Path, data_dir: Path, **options: object) -> WebServer:
    """Start the app over ``ledger`` on a free loopback port and wait until it answers."""
    port = free_port()
    app = create_app(ledger, data_dir=data_dir, **options)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"web-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.02)
    return WebServer(f"http://127.0.0.1:{port}", ledger, data_dir, server, thread)


_shared: WebServer | None = None
_lock = threading.Lock()


def shared_server() -> WebServer:
    """The one server over the demo ledger for this test run (built on first use)."""
    global _shared
    with _lock:
        if _shared is None:
            root = Path(tempfile.mkdtemp(prefix="crosswire-web-"))
            run_demo(root / "demo")
            _shared = start_server(root / "demo" / "crosswire.db", root / "data", **TOKEN_FREE_LIMITS)

            def cleanup(server: WebServer = _shared, folder: Path = root) -> None:
                server.stop()
                shutil.rmtree(folder, ignore_errors=True)

            atexit.register(cleanup)
        return _shared

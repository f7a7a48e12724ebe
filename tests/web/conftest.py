"""The web tests' shared server (a real uvicorn on 127.0.0.1 over the demo ledger) and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.web.server import WebServer, shared_server


@pytest.fixture(scope="module")
def server() -> WebServer:
    return shared_server()


@pytest.fixture(scope="module")
def client(server: WebServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client

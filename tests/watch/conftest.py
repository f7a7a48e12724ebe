"""Fixtures of the watch tests: a real HTTP server on 127.0.0.1 and a watcher over a real SQLite ledger."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.ledger import SQLiteLedger, open_ledger
from crosswire.watch import FetchOptions, Source, Watcher, WatchOptions
from tests.watch.server import LocalServer

FAST = FetchOptions(delay=0.0, retries=1, backoff=0.05, timeout=2.0)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    yield running
    running.stop()


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[SQLiteLedger]:
    with open_ledger(tmp_path / "watch.db") as opened:
        yield opened


def make_watcher(ledger: SQLiteLedger, *sources: Source, **options: object) -> Watcher:
    """A watcher with no politeness delay and quick retries (the test server is on this machine)."""
    settings: dict[str, object] = {"fetch": FAST, "recheck": 0.0}
    settings.update(options)
    return Watcher(ledger, list(sources), WatchOptions(**settings))  # type: ignore[arg-type]

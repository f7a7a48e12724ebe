"""``crosswire watch`` as a real process, stopped with SIGTERM or SIGKILL mid-batch and started again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.extract import EXTRACTION_VERSION
from crosswire.ledger import open_ledger
from crosswire.link import LinkOptions
from tests.watch.server import LocalServer, article_page, rss_feed

PAGES = 30
TOWNS = ["Halvik", "Dolmek", "Serin", "Orvik", "Tavlin", "Brenna"]


def _text(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    return (
        f"{town.upper()}, March {1 + number % 27} - The {town} council said on Monday that {100 + 7 * number} homes "
        f"had lost power after storm number {number} crossed the coast overnight.\n\n"
        f'"Crews are working through the night," said council spokesperson Ada Moll{number}. Repairs to line '
        f"{number} are expected to cost {2 + number % 5} million crowns, the council said."
    )


@pytest.fixture
def site() -> Iterator[LocalServer]:
    server = LocalServer()
    server.set("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    items = []
    for number in range(PAGES):
        path = f"/news/storm-{number}"
        server.set(path, article_page(f"Storm {number} cuts power", _text(number)), delay=0.05)
        items.append((path, f"Storm {number}", "Mon, 03 Mar 2025 08:00:00 GMT"))
    server.set("/feed.xml", rss_feed(server.url, items), content_type="application/rss+xml")
    yield server
    server.stop()


def _start(site: LocalServer, db: Path, *extra: str) -> subprocess.Popen[str]:
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    command = [sys.executable, "-m", "crosswire", "watch", site.url + "/feed.xml", "--db", str(db)]
    command += ["--interval", "1s", "--delay", "0", "--recheck-for", "0", "--retries", "0", *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _page_gets(site: LocalServer) -> dict[int, int]:
    return {n: site.gets(f"/news/storm-{n}") for n in range(PAGES)}


def _wait_for_pages(site: LocalServer, process: subprocess.Popen[str], count: int) -> None:
    deadline = time.monotonic() + 60
    while sum(_page_gets(site).values()) < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the watch fetched too few pages"
        time.sleep(0.02)


def _check_ledger(db: Path) -> None:
    """Every page is one article with one revision and one sighting, extracted and linked."""
    with open_ledger(db) as ledger:
        assert ledger.count_articles() == PAGES
        assert ledger.count_watch_items(state="done") == PAGES  # type: ignore[attr-defined]
        assert ledger.count_to_extract(EXTRACTION_VERSION) == 0
        assert ledger.unlinked_extractions(LinkOptions().fingerprint()) == []
        assert ledger.pending_relinks() == []
    with sqlite3.connect(db) as connection:  # the tables as stored: one revision and one sighting each
        for table in ("revisions", "sightings"):
            counts = connection.execute(f"SELECT COUNT(*) FROM {table} GROUP BY article_id").fetchall()
            assert len(counts) == PAGES and {n for (n,) in counts} == {1}


def test_sigterm_stops_after_the_current_page_and_a_restart_fetches_nothing_twice(
    site: LocalServer, tmp_path: Path
) -> None:
    db = tmp_path / "watch.db"
    process = _start(site, db)
    _wait_for_pages(site, process, 10)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "stopping after the current page" in err
    fetched_before = sum(_page_gets(site).values())
    assert 10 <= fetched_before < PAGES
    restart = _start(site, db, "--once")
    _out, err = restart.communicate(timeout=120)
    assert restart.returncode == 0, err
    assert set(_page_gets(site).values()) == {1}  # each page exactly once, over both runs
    _check_ledger(db)


def test_sigkill_mid_batch_loses_nothing_and_repeats_at_most_the_page_in_flight(
    site: LocalServer, tmp_path: Path
) -> None:
    db = tmp_path / "watch.db"
    process = _start(site, db)
    _wait_for_pages(site, process, 12)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with open_ledger(db) as ledger:
        stored = ledger.count_articles()
    assert stored >= 10  # pages are stored one by one, not at the end of a batch
    restart = _start(site, db, "--once")
    _out, err = restart.communicate(timeout=120)
    assert restart.returncode == 0, err
    gets = _page_gets(site)
    assert all(1 <= n <= 2 for n in gets.values())
    assert sum(n - 1 for n in gets.values()) <= 1  # only the page in flight at the kill is asked again
    _check_ledger(db)

"""The ledger: round trips, idempotence, migrations, and surviving a kill mid-ingest."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.errors import LedgerError
from crosswire.ledger import ArticleFilter, Ledger, LinkUpdate, SQLiteLedger, open_ledger
from crosswire.ledger.sqlite import SCHEMA_VERSION
from crosswire.model import Article, clean_text

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
).filter(lambda t: clean_text(t) != "")
optional_text = st.none() | st.text(min_size=1, max_size=40).map(lambda s: " ".join(s.split()) or None)
published = (
    st.none()
    | st.dates(min_value=date(1900, 1, 1))
    | st.datetimes(
        min_value=datetime(1900, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5))]),
    )
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=texts,
    title=optional_text,
    outlet=optional_text,
    url=optional_text,
    when=published,
    byline=optional_text,
)
def test_article_round_trip(
    ledger: Ledger,
    text: str,
    title: str | None,
    outlet: str | None,
    url: str | None,
    when: object,
    byline: str | None,
) -> None:
    # One ledger for every example: each example's text is made new by a number of its own.
    number = ledger.count_articles() + 1
    text = f"{text}\n\nItem {number}."
    article = Article.create(text, source="in.txt", title=title, outlet=outlet, url=url, published=when, byline=byline)  # type: ignore[arg-type]
    assert ledger.add_articles([article]) == [True]
    assert ledger.get_article(article.id) == article
    assert ledger.add_articles([article]) == [False]
    assert [a for a in ledger.iter_articles() if a.id == article.id] == [article]
    assert ledger.count_articles() == number


def test_same_article_twice_is_stored_once(ledger: Ledger) -> None:
    first = Article.create("Talks resume in Geneva on Monday.", source="a.txt", outlet="CPA")
    second = Article.create("Talks  resume in GENEVA on Monday!", source="b.txt", title="Talks")
    assert first.id == second.id
    assert ledger.add_articles([first]) == [True]
    assert ledger.add_articles([second]) == [False]
    assert ledger.add_articles([second]) == [False]
    stored = ledger.get_article(first.id)
    assert stored is not None
    assert [s.source for s in stored.sightings] == ["a.txt", "b.txt"]
    assert stored.outlet == "CPA" and stored.title == "Talks"  # gaps filled, nothing overwritten
    assert ledger.count_articles() == 1


def test_filters_and_order(ledger: Ledger) -> None:
    ledger.add_articles(
        [
            Article.create("Undated note about Dolmek.", source="u"),
            Article.create("Later report from Halvik.", source="l", outlet="CPA", published=date(2024, 11, 6)),
            Article.create(
                "Earlier report from Halvik.",
                source="e",
                outlet="Meridian",
                published=datetime(2024, 11, 2, 23, tzinfo=UTC),
            ),
        ]
    )
    assert [a.source for a in ledger.iter_articles()] == ["e", "l", "u"]
    assert [a.source for a in ledger.iter_articles(ArticleFilter(outlet="cpa"))] == ["l"]
    assert [a.source for a in ledger.iter_articles(ArticleFilter(since=date(2024, 11, 3)))] == ["l"]
    assert [a.source for a in ledger.iter_articles(ArticleFilter(until=date(2024, 11, 2)))] == ["e"]
    assert [a.source for a in ledger.iter_articles(ArticleFilter(text="dolmek"))] == ["u"]


def test_prefix_lookup(ledger: Ledger) -> None:
    article = Article.create("A short wire item from Halvik.", source="x")
    ledger.add_articles([article])
    assert ledger.get_article(article.id[:8]) == ledger.get_article(article.id)
    assert ledger.get_article("ffffffffffff") is None


def test_wal_foreign_keys_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with SQLiteLedger(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        assert ledger._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ledger._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with SQLiteLedger(path) as again:  # opening twice migrates nothing
        assert again.schema_version == SCHEMA_VERSION


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}").connection.close()
    with pytest.raises(LedgerError, match="newer than this crosswire"):
        open_ledger(path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 100)
    with pytest.raises(LedgerError, match="not a usable crosswire ledger"):
        open_ledger(path)


def test_killed_ingest_leaves_only_complete_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    total = 30000
    with corpus.open("w") as stream:
        for n in range(total):
            text = f"Dispatch {n}: patrols near the border reported movement in sector {n % 97} at dawn."
            stream.write(json.dumps({"id": f"d{n}", "text": text, "outlet": f"Outlet {n % 7}"}) + "\n")
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "crosswire", "--quiet", "ingest", str(corpus), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as probe:
                        stored = probe.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                except sqlite3.OperationalError:
                    continue
                if stored >= 400:
                    break
        assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    with open_ledger(db) as ledger:
        count = ledger.count_articles()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert 0 < count < total
        orphans = check.execute("SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sightings)")
        assert orphans.fetchone()[0] == 0
        assert count % 200 == 0  # whole batches only
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with open_ledger(db) as ledger:
        assert ledger.count_articles() == total


def test_full_text_search(ledger: Ledger) -> None:
    ledger.add_articles(
        [
            Article.create("Launchers were moved toward the border overnight.", source="a", title="Border moves"),
            Article.create("The bridge over the river opened on Saturday.", source="b", title="Bridge opens"),
        ]
    )
    [hit] = ledger.search("launchers border")
    assert hit["title"] == "Border moves" and "[Launchers]" in hit["snippet"]
    assert [h["title"] for h in ledger.search("brid*")] == ["Bridge opens"]
    assert ledger.search('" OR NEAR(') == []  # query syntax is never passed through
    assert ledger.search("   ") == []


def test_migrations_run_on_an_old_ledger(tmp_path: Path) -> None:
    from crosswire.ledger.migrations import MIGRATIONS
    from crosswire.ledger.sqlite import _statements

    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0].script("sqlite")):
        db.execute(statement)
    db.execute("INSERT INTO articles (id, text, words, added_at) VALUES ('x1', 'Old text about Halvik.', 4, 'then')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with SQLiteLedger(path) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION
        assert [h["id"] for h in ledger.search("Halvik")] == ["x1"]


def test_text_sorts_and_ranges_by_code_point_whatever_the_locale(ledger: Ledger) -> None:
    """The test server's default collation is linguistic (ICU, en-US); the ledger's text columns are not."""
    sources = ["news/a.txt", "news/b/c.txt", "news-2/d.txt", "news_e.txt", "newsf.txt", "News/g.txt"]
    ledger.add_articles([Article.create(f"Report number {n} from Halvik.", source=s) for n, s in enumerate(sources)])
    assert ledger.sources_under("news/") == {"news/a.txt", "news/b/c.txt"}
    a, b = (Article.create(f"Second report {n} about the bridge.", source=f"z{n}") for n in range(2))
    ledger.add_articles([a, b])
    kinds = ["same_quote", "near_duplicate", "duplicate", "quote_variant", "shared_passage", "Zeta", "a-b", "a_c"]
    links = [
        {
            "id": f"l{n}",
            "kind": kind,
            "a": {"article_id": a.id, "start": 0, "end": 5},
            "b": {"article_id": b.id, "start": 0, "end": 5},
            "score": 0.123456789012345,
        }
        for n, kind in enumerate(kinds)
    ]
    ledger.apply_links(LinkUpdate(version="v", links=links))
    assert [link["kind"] for link in ledger.iter_links()] == sorted(kinds)
    assert next(ledger.iter_links())["score"] == 0.123456789012345  # no float4 on the way


def test_nul_characters_in_metadata_sources_and_queries(ledger: Ledger) -> None:
    article = Article.create("A report from Halvik.", source="feed.json#item\x00one", title="Bridge\x00 opens")
    assert article.title == "Bridge opens"
    ledger.add_articles([article])
    stored = ledger.get_article(article.id)
    assert stored is not None and stored.sightings[0].source.startswith("feed.json#item")
    assert [hit["id"] for hit in ledger.search("Halvik\x00")] == [article.id]
    assert ledger.get_article("abc\x00def") is None


def test_one_linking_run_at_a_time(fresh_ledger: Callable[[], str]) -> None:
    """Two ledger objects (two connections, or two open files) on one ledger: the second waits."""
    location = fresh_ledger()
    first, second = open_ledger(location), open_ledger(location)
    order: list[str] = []
    try:
        with first.linking():

            def link_second() -> None:
                with second.linking():
                    order.append("second")

            waiting = threading.Thread(target=link_second)
            waiting.start()
            time.sleep(0.5)
            order.append("first done")
        waiting.join(timeout=30)
        assert order == ["first done", "second"]
    finally:
        first.close()
        second.close()

"""A shared desk: three ``crosswire run`` processes and the web app write into one PostgreSQL ledger
at once, with overlapping inputs; nothing is lost or doubled, and the record is the one a single
run of everything into SQLite keeps.

What depends on the order articles are linked in is the exception. Which passages link which
articles does (an SQLite ledger fed the same inputs in four runs finds other ones than one run of
everything), and so do the assessments that fold copies by them. Stories do when batches do not
arrive in publication order: the clusterer re-places only the neighbourhood a batch reaches, with
word rarities of the moment, so a story can come out split where one run keeps it whole, and the
claim and quote-variant links made within a story follow it (an updates link too: which later figure
ends it depends on which articles the story holds). Of all of those, the test checks that
every article is in exactly one story and that nothing is stored twice; the links that do not
depend on the order (same quotes, copies) must be the single run's.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import psycopg

from crosswire.extract import EXTRACTION_VERSION
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import LinkOptions
from crosswire.model import format_published
from crosswire.pipeline import run
from crosswire.sample import CORPUS_DIR
from tests.conftest import PostgresLedgers
from tests.dispatches import copy_of, dispatch, write_dispatches
from tests.web.server import start_server

TABLES = ["articles", "sightings", "extractions", "linked", "stories", "story_articles", "story_summaries"]
ORDERED = {"shared_passage", "agrees", "conflicts", "disputes", "updates", "quote_variant"}
"""The kinds of link that depend on the order articles arrive in (see the module's docstring)."""
SAME_LINK_TWICE = (
    "SELECT COUNT(*) FROM (SELECT 1 FROM links GROUP BY kind, a_article, a_start, a_end, b_article, b_start, b_end"
    " HAVING COUNT(*) > 1) twice"
)
SAME_CLAIM_GROUP_TWICE = "SELECT COUNT(*) FROM (SELECT 1 FROM assessments GROUP BY data HAVING COUNT(*) > 1) twice"


def record(ledger: Ledger) -> dict[str, Any]:
    """What a desk reads from a ledger, in a form that does not depend on the order things arrived in."""
    return {
        "articles": {
            a.id: (a.title, a.outlet, format_published(a.published), len(a.sightings)) for a in ledger.iter_articles()
        },
        "links": sorted(
            json.dumps(link, sort_keys=True) for link in ledger.iter_links() if link["kind"] not in ORDERED
        ),
        "in_stories": sorted(a["id"] for story in ledger.iter_stories() for a in story["articles"]),
        "claims": sorted(json.dumps(a, sort_keys=True) for a in ledger.iter_assessments()),
        "waiting": ledger.count_to_extract(EXTRACTION_VERSION)
        + len(ledger.unlinked_extractions(LinkOptions().fingerprint())),
    }


def counts(rows: Any) -> dict[str, int]:
    return {table: int(rows(f"SELECT COUNT(*) FROM {table}")[0]) for table in TABLES}


def test_runs_and_the_web_app_write_at_once_without_losing_or_doubling_rows(
    postgres: PostgresLedgers, tmp_path: Path
) -> None:
    first = write_dispatches(tmp_path / "first.jsonl", range(0, 24), copies=range(30, 36))
    second = write_dispatches(tmp_path / "second.jsonl", range(24, 48), copies=range(0, 6))
    pasted = [dispatch(n) for n in range(48, 51)] + [copy_of(12)]
    inputs = [[CORPUS_DIR, first], [first, second], [CORPUS_DIR, second]]
    shared = postgres.new_database()
    # The processes start on an empty database: they race to create the tables, too.
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "crosswire",
                "--quiet",
                "run",
                *map(str, paths),
                "--db",
                shared,
                "--workers",
                "1",
                "--report",
                str(tmp_path / f"report-{n}.md"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, paths in enumerate(inputs)
    ]
    server = start_server(shared, tmp_path / "data")  # type: ignore[arg-type]
    try:
        with httpx.Client(base_url=server.url, timeout=300) as client:
            for item in pasted:  # each one ingested, extracted and linked while the runs go on
                fields = {key: item[key] for key in ("text", "title", "outlet", "published")}
                answer = client.post("/api/ingest", data=fields).json()
                assert answer.get("ingested") == 1, answer
    finally:
        server.stop()
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "error" not in err.lower(), err

    # The same inputs, one after the other, into SQLite.
    alone = tmp_path / "alone.db"
    pasted_file = tmp_path / "pasted.jsonl"
    pasted_file.write_text("".join(json.dumps({k: v for k, v in p.items() if k != "id"}) + "\n" for p in pasted))
    with open_ledger(alone) as ledger:
        run([str(CORPUS_DIR), str(first), str(second), str(pasted_file)], ledger)
        expected = record(ledger)
    with open_ledger(shared) as ledger:
        found = record(ledger)
    assert found["articles"] == expected["articles"]  # every article once, with each of its sightings once
    assert found["waiting"] == expected["waiting"] == 0  # every article extracted and linked
    assert found["in_stories"] == expected["in_stories"] == sorted(found["articles"])  # each in one story
    assert found["links"] == expected["links"]

    with psycopg.connect(shared) as db:
        on_server = counts(lambda sql: db.execute(sql.encode()).fetchone())
        assert db.execute(SAME_LINK_TWICE.encode()).fetchone() == (0,)
        assert db.execute(SAME_CLAIM_GROUP_TWICE.encode()).fetchone() == (0,)
    with sqlite3.connect(alone) as db:
        embedded = counts(lambda sql: db.execute(sql).fetchone())
    unordered = [table for table in TABLES if table not in ("stories", "story_summaries")]
    assert {t: on_server[t] for t in unordered} == {t: embedded[t] for t in unordered}
    assert on_server["articles"] == on_server["extractions"] == on_server["linked"] == on_server["story_articles"]
    assert on_server["stories"] == on_server["story_summaries"]

"""Numbers beyond any figure never poison a ledger: linking, the report and later runs all work.

Each test runs on both ledgers (an SQLite file and a PostgreSQL database; see ``tests/conftest.py``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from crosswire.extract import EXTRACTION_VERSION
from crosswire.ledger import Ledger, is_server_address, open_ledger
from crosswire.link import link_stage
from crosswire.link.claims.index import ClaimIndex
from crosswire.model import Article
from crosswire.pipeline import extract_stage, run
from crosswire.report import build_report, render_html, render_markdown
from crosswire.report.claims import claim_row
from crosswire.report.findings import figure_reading
from tests.hostile.articles import write_good

HUGE = "9" * 310

NewLedger = Callable[[], str]


def _huge_article(folder: Path) -> str:
    path = folder / "huge.txt"
    path.write_text(
        f"Officials said on Monday that {HUGE} troops had been moved toward the border town of Varel, "
        f"and the defence ministry said {HUGE} km of road was closed.\n",
        encoding="utf-8",
    )
    return str(path)


def _add_bridge_article(ledger: Ledger) -> Article:
    """A fourth article of the bridge story, source ``broken.txt``, ingested and extracted."""
    broken = Article.create(
        "Heavy rain closed the Orvell bridge on Monday, the regional council said, and 250 homes were "
        "evacuated in Brask as the water kept rising, council spokesperson Ilse Marten said.",
        source="broken.txt",
    )
    ledger.add_articles([broken])
    extract_stage(ledger)
    return broken


def _write_reopening(folder: Path) -> str:
    """A later article that joins the bridge story; its path."""
    path = folder / "more.md"
    path.write_text(
        "---\ntitle: Orvell bridge reopens\noutlet: Daily Meridian\npublished: 2024-11-07\n---\n"
        "The Orvell bridge reopened on Thursday, the regional council said, after the river fell. "
        "Council spokesperson Ilse Marten said 250 homes in Brask had been evacuated.\n",
        encoding="utf-8",
    )
    return str(path)


def test_a_310_digit_figure_is_kept_as_text_and_runs_go_on(tmp_path: Path, fresh_ledger: NewLedger) -> None:
    good = write_good(tmp_path / "good")
    with open_ledger(fresh_ledger()) as ledger:
        result = run([_huge_article(tmp_path), *good], ledger)
        assert result.ingest.ingested == 4
        assert not result.extract.failures and not result.link.failures
        huge = next(a for a in ledger.iter_articles() if a.source.endswith("huge.txt"))
        figures = ledger.get_extraction(huge.id)["quantities"]  # type: ignore[index]
        assert figures and all(q["value"] is None and q["low"] is None for q in figures if HUGE in q["text"])
        # the next run on the same ledger, and the report, work
        (tmp_path / "more.txt").write_text("Rescue teams reached Brask on Wednesday, the council said.\n")
        again = run([str(tmp_path / "more.txt")], ledger, report=tmp_path / "r.html")
        assert again.ingest.ingested == 1 and not again.link.failures
        assert "Flood closes the Orvell bridge" in (tmp_path / "r.html").read_text()


def _store_as_older_versions_did(location: str, article_id: str, findings: dict[str, object]) -> None:
    """Older versions wrote a figure of hundreds of digits as it was: a huge integer, or ``Infinity``
    (which is no JSON to SQLite or to PostgreSQL). The ledger of today writes neither, so the
    database is written here, past the ledger."""
    data = json.dumps(findings)
    if is_server_address(location):
        with psycopg.connect(location, autocommit=True) as conn:
            conn.execute("UPDATE extractions SET data = %s WHERE article_id = %s", (data, article_id))
        return
    with closing(sqlite3.connect(location)) as db, db:
        db.execute("UPDATE extractions SET data = ? WHERE article_id = ?", (data, article_id))


def test_a_ledger_written_with_huge_values_links_and_reports(tmp_path: Path, fresh_ledger: NewLedger) -> None:
    """Ledgers of older versions stored the 310-digit value itself: reading it back must not fail."""
    good = write_good(tmp_path / "good")
    location = fresh_ledger()
    with open_ledger(location) as ledger:
        run([_huge_article(tmp_path), *good], ledger)
        article = next(a for a in ledger.iter_articles() if a.source.endswith("huge.txt"))
        bridge = next(a for a in ledger.iter_articles() if a.source.endswith("bridge.md"))
        stored, bridge_stored = ledger.get_extraction(article.id), ledger.get_extraction(bridge.id)
    assert stored is not None and bridge_stored is not None
    for item in stored["quantities"]:
        item["value"] = int(HUGE)
    for claim in stored["claims"]:
        for item in claim.get("quantities") or ():
            item["value"] = int(HUGE)
            item["low"] = float("inf")
    bridge_stored["quantities"][0]["value"] = float("inf")  # an article in a story, which later runs relink
    _store_as_older_versions_did(location, article.id, stored)
    _store_as_older_versions_did(location, bridge.id, bridge_stored)
    with open_ledger(location) as ledger:
        assert ledger.extractions_of([bridge.id], kinds=["quantities"])[bridge.id][1]["quantities"]
        assert dict(ledger.iter_extractions(kinds=["claims"]))
        ledger.reset_links()
        linked = link_stage(ledger)
        assert linked.articles == 4 and not linked.failures
        assert any(s["articles"] and bridge.id in {a["id"] for a in s["articles"]} for s in ledger.iter_stories())
        report = build_report(ledger)
        assert "99999" in render_markdown(report)
        render_html(report)
        assert not report["failures"]
        # a new article that joins the bridge's story is linked, and its story shown
        again = run([_write_reopening(tmp_path)], ledger)
        assert again.ingest.ingested == 1 and not again.link.failures
        assert not build_report(ledger)["failures"]


def test_the_ledger_writes_no_number_its_database_cannot_read(tmp_path: Path, fresh_ledger: NewLedger) -> None:
    with open_ledger(fresh_ledger()) as ledger:
        run(write_good(tmp_path / "good"), ledger)
        article = next(iter(ledger.iter_articles()))
        stored = ledger.get_extraction(article.id)
        assert stored is not None
        stored["quantities"][0]["value"] = float("nan")
        stored["quantities"][0]["high"] = float("-inf")
        ledger.put_extractions([(article.id, stored)], EXTRACTION_VERSION)
        again = ledger.get_extraction(article.id)
        assert again is not None and again["quantities"][0]["value"] is None and again["quantities"][0]["high"] is None
        assert ledger.extractions_of([article.id], kinds=["quantities"])[article.id][1]["quantities"][0]["text"]


def test_a_linker_failing_on_one_article_leaves_the_others_linked(tmp_path: Path, fresh_ledger: NewLedger) -> None:
    """An article whose stored findings a linker cannot read is reported with its source; the rest link."""
    good = write_good(tmp_path / "good")
    with open_ledger(fresh_ledger()) as ledger:
        run(good, ledger)
        broken = _add_bridge_article(ledger)
        stored = ledger.get_extraction(broken.id)
        assert stored is not None
        stored["claims"] = [{"start": "nowhere", "text": 3, "quantities": [{"start": "x", "value": "many"}]}]
        stored["quotes"] = [{"start": 1}]
        stored["story_features"]["words"] = "not a list of pairs"
        ledger.put_extractions([(broken.id, stored)], EXTRACTION_VERSION)
        ledger.reset_links()
        linked = link_stage(ledger)
        assert linked.articles == 4
        assert linked.failures and all(f.source == "broken.txt" for f in linked.failures)
        assert "broken.txt" in str(linked.failures[0])
        # the good articles are linked: the two bridge reports share a story and a quote
        assert any(len(s["articles"]) == 2 for s in ledger.iter_stories())
        assert any(link["kind"] == "quote_variant" for link in ledger.iter_links())
        # the failing article is linked once and not tried again
        assert link_stage(ledger).articles == 0


def test_a_story_the_claim_linker_fails_on_is_linked_without_the_new_article(
    tmp_path: Path, fresh_ledger: NewLedger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure inside a story's claim linking names the new article, links the story without it,
    and later runs that touch the story link it without that article, with no failure."""
    good = write_good(tmp_path / "good")
    with open_ledger(fresh_ledger()) as ledger:
        run(good, ledger)
        broken = _add_bridge_article(ledger)
        update_story = ClaimIndex.update_story

        def failing(index: ClaimIndex, story_id: str, members: Iterable[str], copy_links: Any, **options: Any) -> Any:
            members = list(members)
            if broken.id in members:
                raise ValueError("a reading this linker cannot align")
            return update_story(index, story_id, members, copy_links, **options)

        monkeypatch.setattr(ClaimIndex, "update_story", failing)
        linked = link_stage(ledger)
        assert linked.articles == 1
        assert [f.source for f in linked.failures] == ["broken.txt"]
        story = next(s for s in ledger.iter_stories() if broken.id in {a["id"] for a in s["articles"]})
        assert len(story["articles"]) == 3  # the article keeps its story; its claims are left out
        assert not any(
            broken.id in (link["a"]["article_id"], link["b"]["article_id"])
            for link in ledger.iter_links()
            if link["kind"] in ("agrees", "conflicts")
        )
        assert any(link["kind"] == "quote_variant" for link in ledger.iter_links())
        # a later article joining the same story links with no failure, still without the broken one
        again = run([_write_reopening(tmp_path)], ledger)
        assert again.ingest.ingested == 1 and not again.link.failures
        assert not build_report(ledger)["failures"]


def test_the_report_shows_an_article_whose_findings_cannot_be_read(tmp_path: Path, fresh_ledger: NewLedger) -> None:
    with open_ledger(fresh_ledger()) as ledger:
        run(write_good(tmp_path / "good"), ledger)
        article = next(iter(ledger.iter_articles()))
        stored = ledger.get_extraction(article.id)
        assert stored is not None
        stored["quotes"] = [{"start": "x", "end": None, "kind": "direct"}]
        ledger.put_extractions([(article.id, stored)], EXTRACTION_VERSION)
        report = build_report(ledger)
        assert any(article.source in line for line in report["failures"])
        html = render_html(report)
        assert "Not shown in this report" in html and article.title in html  # type: ignore[operator]


def test_stored_numbers_beyond_any_figure_are_read_as_written() -> None:
    """Every place a page or report reads a stored figure back: nothing beyond MAX_FIGURE is formatted."""
    for huge in (int(HUGE), float("inf"), float("nan"), 10**19):
        quantity = {"text": f"{HUGE} troops", "value": huge, "low": None, "high": None, "unit": None}
        assert figure_reading(quantity) == f"{HUGE[:39]}…"
        row = claim_row({"id": "c1", "label": "troops", "value": huge, "status": "single-source"})
        assert row["figure"] is None
        ranged = claim_row({"id": "c2", "label": "troops", "low": 5, "high": huge, "status": "corroborated"})
        assert ranged["figure"] is None
    assert claim_row({"id": "c3", "label": "troops", "low": 5, "high": 10**18, "unit": "km"})["figure"] == "5–1e+18 km"

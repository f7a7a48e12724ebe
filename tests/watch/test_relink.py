"""A revised article is linked again from its new text: its old copies, quotes, story and claim links go."""

from __future__ import annotations

from crosswire.ledger import SQLiteLedger
from crosswire.link import link_stage
from crosswire.model import Article
from crosswire.pipeline import extract_stage
from tests.watch.corpus import ELECTION, LAUNCHERS


def _fetched(ledger: SQLiteLedger, url: str, text: str, outlet: str) -> str:
    article = Article.create(text, source=url, url=url, outlet=outlet, title=text[:40])
    return ledger.store_fetched(url, article, text.encode("utf-8")).article_id


def _stages(ledger: SQLiteLedger) -> None:
    extract_stage(ledger)
    link_stage(ledger)


def test_a_revised_copy_loses_its_copy_links_and_leaves_the_story(ledger: SQLiteLedger) -> None:
    original = _fetched(ledger, "https://harbourtimes.example/a", LAUNCHERS, "Harbour Times")
    copy_text = LAUNCHERS.replace("on Tuesday", "on Tuesday morning")
    copy = _fetched(ledger, "https://dolmekcourier.example/b", copy_text, "Dolmek Courier")
    _stages(ledger)
    kinds = {link["kind"] for link in ledger.iter_links(article_id=copy)}
    assert "near_duplicate" in kinds or "duplicate" in kinds or "shared_passage" in kinds
    stories = ledger.story_assignments()
    assert stories[original] == stories[copy]
    # the second outlet replaces its page with another story altogether
    outcome = ledger.store_fetched(
        "https://dolmekcourier.example/b",
        Article.create(ELECTION, source="https://dolmekcourier.example/b", outlet="Dolmek Courier"),
        ELECTION.encode("utf-8"),
    )
    assert (outcome.article_id, outcome.outcome, outcome.revision) == (copy, "revised", 2)
    assert ledger.pending_relinks() == [copy]
    _stages(ledger)
    assert ledger.pending_relinks() == []
    assert [
        link
        for link in ledger.iter_links(article_id=copy)
        if link["b"]["article_id"] == original or link["a"]["article_id"] == original
    ] == []
    stories = ledger.story_assignments()
    assert stories[original] != stories[copy]
    # the story it left was assessed again without it
    for assessment in ledger.iter_assessments(stories[original]):
        for role in ("supporting", "disputing", "conflicting"):
            assert all(entry["article_id"] != copy for entry in assessment[role])
    # linking once more changes nothing
    before = sorted(link["id"] for link in ledger.iter_links())
    _stages(ledger)
    assert sorted(link["id"] for link in ledger.iter_links()) == before


def test_the_same_text_again_is_unchanged_and_a_known_text_at_a_new_address_is_one_article(
    ledger: SQLiteLedger,
) -> None:
    first = _fetched(ledger, "https://harbourtimes.example/a", LAUNCHERS, "Harbour Times")
    again = ledger.store_fetched(
        "https://harbourtimes.example/a",
        Article.create(LAUNCHERS + "\n", source="https://harbourtimes.example/a"),
        b"other bytes, same text",
    )
    assert (again.article_id, again.outcome) == (first, "unchanged")
    elsewhere = ledger.store_fetched(
        "https://mirror.example/a", Article.create(LAUNCHERS, source="https://mirror.example/a"), b"x"
    )
    assert (elsewhere.article_id, elsewhere.outcome) == (first, "known")
    assert ledger.count_articles() == 1
    assert [r.number for r in ledger.revisions(first)] == [1]

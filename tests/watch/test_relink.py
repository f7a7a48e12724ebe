"""A revised article is linked again from its new text: its old copies, quotes, story and claim links go."""

from __future__ import annotations

from crosswire.ledger import SQLiteLedger
from crosswire.link import link_stage
from crosswire.model import Article
from crosswire.pipeline import extract_stage
from tests.watch.corpus import ELECTION, LAUNCHERS, LAUNCHERS_REVISED


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


def _outcome(ledger: SQLiteLedger) -> tuple[list[str], list[list[str]], list[tuple[str, str, int]]]:
    links = sorted(link["id"] for link in ledger.iter_links())
    members: dict[str, list[str]] = {}
    for article_id, story in sorted(ledger.story_assignments().items()):
        members.setdefault(story, []).append(article_id)
    assessments = sorted((a["id"], a["status"], a["independent"]) for a in ledger.iter_assessments())
    return links, sorted(members.values()), assessments


def test_linking_after_revisions_gives_what_linking_the_new_texts_afresh_gives(ledger: SQLiteLedger) -> None:
    launchers = _fetched(ledger, "https://harbourtimes.example/a", LAUNCHERS, "Harbour Times")
    _fetched(ledger, "https://dolmekcourier.example/b", LAUNCHERS.replace("on Tuesday", "on Tuesday morning"), "DC")
    _fetched(ledger, "https://serinpost.example/c", LAUNCHERS_REVISED, "Serin Post")
    election = _fetched(ledger, "https://orvikherald.example/d", ELECTION, "Orvik Herald")
    _stages(ledger)
    assert len({ledger.story_assignments()[a] for a in (launchers, election)}) == 2
    # the first outlet rewrites its launchers report as an election report; the election report gains a line
    for url, text, outlet in (
        ("https://harbourtimes.example/a", ELECTION.replace("61 percent", "62 percent"), "Harbour Times"),
        ("https://orvikherald.example/d", ELECTION + "\nCounting ended shortly after midnight.", "Orvik Herald"),
    ):
        assert ledger.store_fetched(url, Article.create(text, source=url, outlet=outlet), text.encode()).revision == 2
    _stages(ledger)
    assert ledger.pending_relinks() == []
    assert ledger.story_assignments()[launchers] == ledger.story_assignments()[election]
    incremental = _outcome(ledger)
    ledger.reset_links()
    link_stage(ledger)
    assert _outcome(ledger) == incremental

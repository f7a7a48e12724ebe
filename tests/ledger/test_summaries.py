"""Story summaries and the indexed queries pages are built from, on the linked sample corpus."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest

from crosswire.ledger import ArticleFilter, Ledger, StoryFilter, is_server_address, open_ledger
from crosswire.ledger.sqlite import SCHEMA_VERSION
from crosswire.model import Article
from crosswire.pipeline import run, sample_corpus
from tests.conftest import BACKENDS, copy_ledger


@pytest.fixture(scope="module", params=BACKENDS)
def linked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus run through every stage, once per backend for the module (tests copy it before writing)."""
    if request.param == "postgres":
        location = request.getfixturevalue("postgres").new_database()
    else:
        location = str(tmp_path_factory.mktemp("summaries") / "sample.db")
    with open_ledger(location) as ledger:
        run([str(sample_corpus())], ledger)
    return location


@pytest.fixture
def ledger(linked: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    with open_ledger(copy_ledger(linked, request, tmp_path)) as opened:
        yield opened


def test_every_story_has_a_summary_of_what_it_holds(ledger: Ledger) -> None:
    stories = list(ledger.iter_stories())
    summaries = ledger.story_summaries()
    assert [s.id for s in summaries] == [s["id"] for s in stories] and len(stories) >= 3
    for story, summary in zip(stories, summaries, strict=True):
        members = [ledger.get_article(a["id"]) for a in story["articles"]]
        assert summary.articles == len(members) and summary.label == story["label"]
        assert set(summary.outlets) == {a.outlet for a in members if a and a.outlet}
        assert (summary.first, summary.last) == (story["first"], story["last"])
        statuses = Counter(a["status"] for a in ledger.iter_assessments(story["id"]))
        assert dict(summary.statuses) == dict(statuses)
        stances = Counter(
            c.get("stance") or "unknown" for a in members if a for c in ledger.get_extraction(a.id)["claims"]
        )
        assert dict(summary.stances) == dict(stances)
        assert ledger.story_summary(story["id"]) == summary
    assert ledger.story_summary("s-no-such-story") is None


def test_story_filters_page_and_count(ledger: Ledger) -> None:
    stories = list(ledger.iter_stories())
    summaries = {s.id: s for s in ledger.story_summaries()}
    outlet = summaries[stories[0]["id"]].outlets[0]
    by_outlet = StoryFilter(outlet=outlet.upper())
    assert [s["id"] for s in ledger.iter_stories(by_outlet)] == [
        s["id"] for s in stories if outlet in summaries[s["id"]].outlets
    ]
    assert ledger.count_stories(by_outlet) == len(ledger.story_summaries(by_outlet))
    assert ledger.count_stories(StoryFilter(outlet=outlet[:-1])) == 0  # an outlet matches whole
    placed = next(s for s in stories if s["places"])
    place = placed["places"][0]
    assert placed["id"] in {s.id for s in ledger.story_summaries(StoryFilter(place=place[1:].lower()))}
    title = ledger.get_article(placed["articles"][0]["id"]).title
    word = max(title.split(), key=len)
    assert placed["id"] in {s["id"] for s in ledger.iter_stories(StoryFilter(q=word.swapcase()))}
    assert ledger.count_stories(StoryFilter(q="no story has this xyzzy")) == 0
    assert ledger.count_stories(StoryFilter(since=date(2100, 1, 1))) == 0
    assert ledger.count_stories() == len(stories)
    pages = [
        s["id"]
        for offset in range(0, len(stories), 2)
        for s in ledger.iter_stories(StoryFilter(limit=2, offset=offset))
    ]
    assert pages == [s["id"] for s in stories]


def test_article_pages_count_and_briefs(ledger: Ledger) -> None:
    everything = list(ledger.iter_articles())
    assert ledger.count_articles() == len(everything)
    page = list(ledger.iter_articles(ArticleFilter(limit=3, offset=2)))
    assert page == everything[2:5]
    outlet = everything[0].outlet
    assert ledger.count_articles(ArticleFilter(outlet=outlet, limit=1)) == sum(a.outlet == outlet for a in everything)
    briefs = ledger.article_briefs(a.id for a in everything[:4])
    for article in everything[:4]:
        brief = briefs[article.id]
        assert (brief.outlet, brief.published) == (article.outlet, article.published)
        assert brief.title == (article.title or article.text[:80].split("\n")[0])
    assert ledger.outlets() == sorted({a.outlet for a in everything if a.outlet}, key=str.casefold)


def test_story_links_membership_and_chosen_findings(ledger: Ledger) -> None:
    story = max(ledger.iter_stories(), key=lambda s: len(s["articles"]))
    ids = {a["id"] for a in story["articles"]}
    inside = [link for link in ledger.iter_links() if link["a"]["article_id"] in ids and link["b"]["article_id"] in ids]
    assert ledger.links_among(ids) == sorted(inside, key=lambda link: (link["kind"], link["id"])) and inside
    assert all(ledger.story_of(i) == story["id"] for i in ids)
    chosen = ledger.extractions_of(ids, kinds=["quotes", "claims"])
    whole = ledger.extractions_of(ids)
    for article_id, (article, findings) in chosen.items():
        assert set(findings) == {"quotes", "claims"}
        assert findings == {k: whole[article_id][1][k] for k in ("quotes", "claims")}
        assert article == whole[article_id][0]


def revisions(ledger: Ledger) -> dict[str, int]:
    return {s.id: s.revision for s in ledger.story_summaries()}


def test_a_story_that_changes_gets_a_new_revision_and_unrelated_ones_keep_theirs(ledger: Ledger) -> None:
    before = revisions(ledger)
    story = max(ledger.iter_stories(), key=lambda s: len(s["articles"]))
    member = ledger.get_article(story["articles"][0]["id"])
    copy = Article.create(
        member.text + "\n\nThe ministry gave no further details on Tuesday.",
        source="copy.txt",
        outlet="Copy Desk",
        published=member.published,
    )
    run([], ledger)  # nothing new: nothing changes
    assert revisions(ledger) == before
    ledger.add_articles([copy])
    run([], ledger)
    after = revisions(ledger)
    joined = ledger.story_of(copy.id)
    assert joined is not None and after[joined] > before.get(joined, 0)
    assert "Copy Desk" in ledger.story_summary(joined).outlets
    # Stories linked to the joined story's articles may change too (their articles' links did); no other does.
    members = [a["id"] for a in ledger.get_story(joined)["articles"]]
    neighbours = {
        ledger.story_of(end["article_id"])
        for member in members
        for link in ledger.iter_links(article_id=member)
        for end in (link["a"], link["b"])
    }
    unchanged = [s for s in before if s not in neighbours]
    assert unchanged and all(after[s] == before[s] for s in unchanged)


def test_a_new_sighting_or_metadata_filled_later_changes_the_story(ledger: Ledger) -> None:
    article, gap = next(
        (a, gap)
        for a in ledger.iter_articles()
        if ledger.story_of(a.id)
        for gap in ("title", "outlet", "url", "byline")
        if getattr(a, gap) is None
    )
    story = ledger.story_of(article.id)
    before, ledger_before = ledger.story_summary(story).revision, ledger.revision()
    ledger.add_articles([Article.create(article.text, source=article.source)])  # nothing new at all
    assert (ledger.story_summary(story).revision, ledger.revision()) == (before, ledger_before)
    ledger.add_articles([Article.create(article.text, source="seen-again.txt")])
    seen = ledger.story_summary(story).revision
    assert seen > before and ledger.revision() == seen
    ledger.add_articles([Article.create(article.text, source="filled.txt", **{gap: "Filled in later"})])
    assert getattr(ledger.get_article(article.id), gap) == "Filled in later"
    assert ledger.story_summary(story).revision > seen


def test_an_old_ledger_gets_summaries_when_migrated(
    linked: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    old = copy_ledger(linked, request, tmp_path)
    drops = ["DROP TABLE story_summaries", "DROP TABLE counters", "DROP INDEX articles_order"]
    # and what migration 6 (crosswire watch) added
    tables = ["watch_sources", "watch_items", "revisions", "relink", "watchlists", "alerts", "alert_seen"]
    drops += [f"DROP TABLE {table}" for table in [*tables, "alert_articles", "alert_stories"]]
    drops += ["DROP INDEX articles_url"]
    drops += ["DROP TABLE link_items"]  # and what migration 7 (the linkers' records) added
    # and what the desk's migrations add
    drops += [f"DROP TABLE {table}" for table in ("outlet_register", "corrections", "corrected_articles", "users")]
    if is_server_address(old):
        drops += ["DROP FUNCTION alert_articles_extracted CASCADE", "DROP FUNCTION alert_stories_assessed CASCADE"]
        with psycopg.connect(old, autocommit=True) as db:
            for statement in drops:
                db.execute(statement.encode())
            db.execute(b"UPDATE crosswire_schema SET version = 4")
    else:
        drops += ["DROP TRIGGER alert_articles_extracted", "DROP TRIGGER alert_stories_assessed"]
        with sqlite3.connect(old) as db:
            for statement in drops:
                db.execute(statement)
            db.execute("PRAGMA user_version = 4")
    with open_ledger(old) as migrated, open_ledger(linked) as fresh:
        assert migrated.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
        assert [s.as_dict() | {"revision": 0} for s in migrated.story_summaries()] == [
            s.as_dict() | {"revision": 0} for s in fresh.story_summaries()
        ]


@pytest.mark.parametrize("prefix", ["%%%%%%", "______", "7cd2%%", "0_____", "0%", "' OR 1=1 --"])
def test_id_prefixes_have_no_wildcards(ledger: Ledger, prefix: str) -> None:
    assert ledger.get_article(prefix) is None


def test_an_id_prefix_finds_its_article_in_any_case(ledger: Ledger) -> None:
    article = next(ledger.iter_articles())
    assert ledger.get_article(article.id[:7].upper()) == article

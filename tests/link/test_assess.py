"""Claim assessment: groups, origins folded across copies and common sources, status.

The first tests use hand-made claim dicts about invented events; the last runs the whole chain
(extraction, alignment, assessment) over the sample corpus, grouped by its hand-written stories.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from crosswire.desk.outlets import OutletEntry, Register
from crosswire.link.assess import STATUSES, ClaimAssessment, assess
from crosswire.link.claims.index import ClaimIndex, StoryChange, assessment_changes
from crosswire.link.claims.linker import ArticleClaims, align_claims
from crosswire.link.copies.linker import Link, LinkEnd
from tests.link.test_claims import article, claim, q

MON = datetime(2024, 11, 4, 9, 0, tzinfo=UTC)
TUE = datetime(2024, 11, 5, 9, 0, tzinfo=UTC)

MOVED = "Varnia moved some 250 launchers toward the border"


def moved(asserter: str, kind: str, text: str = MOVED, part: str = "some 250", value: float = 250) -> dict[str, Any]:
    return claim(
        text,
        asserter=asserter,
        kind=kind,
        event="move",
        subject="Varnia",
        quantities=(q(text, part, value, "~", thing="launchers"),),
    )


def run(story: list[ArticleClaims], copies: list[Link] | None = None) -> list[ClaimAssessment]:
    return assess(story, align_claims(story), copies or [], story_id="s1")


def group_with(results: list[ClaimAssessment], article_id: str) -> ClaimAssessment:
    found = [r for r in results if any(s.article_id == article_id for s in r.supporting)]
    assert len(found) == 1, found
    return found[0]


def copy(kind: str, a: str, b: str, span_a: tuple[int, int] = (0, 1), span_b: tuple[int, int] = (0, 1)) -> Link:
    return Link.create(kind, LinkEnd(a, *span_a), LinkEnd(b, *span_b), 0.9, "a_earlier")


def test_two_independent_sources_corroborate() -> None:
    story = [
        article("a", moved("a senior Osterland military official", "unnamed"), outlet="Wire"),
        article("b", moved("Ilse Brandt", "speaker"), outlet="Frontier Review"),
    ]
    [result] = run(story)
    assert result.status == "corroborated"
    assert result.independent == 2
    assert result.thing == "launcher"
    assert (result.value, result.low, result.high) == (None, 225, 275)
    assert result.modality == "done"
    assert result.label == MOVED
    assert {s.origin for s in result.supporting} == {"source:senior osterland military official", "person:brandt"}


def test_copies_count_once() -> None:
    own = "Varnia moved some 250 launchers toward the border on Sunday"
    story = [
        article("wire", moved("Wire", "outlet", own), outlet="Wire"),
        article("copy1", moved("Harbour Times", "outlet", own), outlet="Harbour Times", published=TUE),
        article("copy2", moved("Northgate Post", "outlet", own), outlet="Northgate Post", published=TUE),
    ]
    assert run(story)[0].independent == 3, "without copy links three outlets count three times"
    copies = [copy("near_duplicate", "copy1", "wire"), copy("duplicate", "copy2", "wire")]
    [result] = run(story, copies)
    assert result.independent == 1
    assert result.status == "single-source"
    assert {s.origin for s in result.supporting} == {"outlet:wire"}
    assert len(result.supporting) == 3


def test_a_claim_in_a_shared_passage_counts_once() -> None:
    own = "Varnia moved some 250 launchers toward the border on Sunday"
    story = [
        article("wire", moved("Wire", "outlet", own), outlet="Wire"),
        article("local", moved("Local", "outlet", own), outlet="Local", published=TUE),
    ]
    outside = copy("shared_passage", "local", "wire", (100, 200), (100, 200))
    assert run(story, [outside])[0].independent == 2, "a passage elsewhere in the articles does not fold the claim"
    inside = copy("shared_passage", "local", "wire", (0, 300), (0, 300))
    assert run(story, [inside])[0].independent == 1


def test_copies_that_rename_the_source_count_once() -> None:
    quote = "Our units in the Serin Valley have been placed on a higher state of readiness"
    story = [
        article("wire", claim(quote, asserter="Joint Defence Staff", kind="speaker", event="place")),
        article("copy", claim(quote, asserter="a military spokesperson", kind="unnamed", event="place")),
    ]
    [result] = run(story, [copy("near_duplicate", "copy", "wire")])
    assert result.independent == 1


def test_outlets_citing_one_agency_count_once() -> None:
    threat = "Varnia threatened to deploy some 250 launchers"
    says = "the Republic would send some 250 launchers to the frontier"

    def threatened(text: str, asserter: str) -> dict[str, Any]:
        return claim(
            text,
            asserter=asserter,
            kind="state_media",
            event="deploy" if "deploy" in text else "send",
            modality="threatened",
            quantities=(q(text, "some 250", 250, "~", thing="launchers"),),
        )

    story = [
        article("md", threatened(threat, "Varnian Central News Agency")),
        article("dh", threatened(says, "VCNA")),
        article("nr", threatened(threat, "state media")),
    ]
    [result] = run(story)
    assert result.independent == 1
    assert result.status == "single-source"
    assert result.modality == "threatened"
    assert {s.origin for s in result.supporting} == {"state:varni"}


def test_one_named_speaker_across_outlets_counts_once() -> None:
    # a sum of money is linked only when anchored on a name (here Varnia), see link/claims/frames.py
    text = "Varnia's government would provide $48.2 million to modernise the rocket artillery"

    def money(asserter: str) -> dict[str, Any]:
        quantity = q(text, "$48.2 million", 48.2e6, unit="USD")
        return claim(
            text, asserter=asserter, kind="speaker", event="provide", modality="planned", quantities=(quantity,)
        )

    story = [
        article("a", money("Aurel Maszek")),
        article("b", money("Maszek")),
        article("c", money("President Aurel Maszek")),
    ]
    [result] = run(story)
    assert result.independent == 1
    assert (result.value, result.unit) == (48.2e6, "USD")


def test_doubt_without_a_value_disputes() -> None:
    salvo = "some 1,000 missiles could be fired in a single salvo"
    rieger = claim(
        salvo,
        asserter="Tomas Rieger",
        kind="speaker",
        event="fire",
        modality="hypothetical",
        quantities=(q(salvo, "some 1,000", 1000, "~", thing="missiles"),),
    )
    okafor = claim("that figure was improbable", asserter="Hana Okafor", kind="speaker", stance="doubted", event="be")
    results = run([article("md", rieger, okafor)])
    [result] = [r for r in results if r.label == salvo]
    assert result.status == "disputed"
    assert [s.asserter for s in result.disputing] == ["Hana Okafor"]
    assert not result.conflicting


def test_another_value_contradicts_and_threat_stays_apart() -> None:
    story = [
        article("a", moved("a senior Osterland military official", "unnamed")),
        article("b", moved("Erik Valdar", "speaker", "about 180 launchers have been moved", "about 180", 180)),
        article(
            "c",
            claim(
                "Varnia threatened to deploy some 250 launchers",
                asserter="VCNA",
                kind="state_media",
                event="deploy",
                modality="threatened",
                quantities=(
                    q("Varnia threatened to deploy some 250 launchers", "some 250", 250, "~", thing="launchers"),
                ),
            ),
        ),
    ]
    results = run(story)
    assert len(results) == 3
    done = group_with(results, "a")
    assert done.status == "contradicted"
    assert {s.article_id for s in done.conflicting} == {"b", "c"}
    assert group_with(results, "b").status == "contradicted"
    threat = group_with(results, "c")
    assert threat.status == "single-source", "a report that it was done does not contradict the threat"


def test_denial_contradicts() -> None:
    story = [
        article("a", moved("a senior Osterland military official", "unnamed")),
        article(
            "b",
            claim(
                "Not a single launcher has left its garrison",
                asserter="VCNA",
                kind="state_media",
                stance="denied",
                event="leave",
                subject="Not a single launcher",
            ),
        ),
    ]
    result = group_with(run(story), "a")
    assert result.status == "contradicted"
    assert [s.asserter for s in result.disputing] == ["VCNA"]


def test_record_shape_and_stable_id() -> None:
    story = [
        article("a", moved("a senior Osterland military official", "unnamed")),
        article("b", moved("Ilse Brandt", "speaker")),
    ]
    first = run(story)
    again = run(list(reversed(story)))
    assert [r.id for r in first] == [r.id for r in again]
    data = first[0].as_dict()
    assert list(data) == [
        "id", "story_id", "key", "thing", "label", "value", "low", "high", "unit", "modality",
        "supporting", "disputing", "conflicting", "independent", "status", "history", "superseded_by", "folded",
        "outlets", "notes",
    ]  # fmt: skip
    assert data["story_id"] == "s1" and data["status"] in STATUSES
    assert set(data["supporting"][0]) == {"article_id", "start", "end", "asserter", "origin"}
    assert assess([], [], []) == []


def _register() -> Register:
    return Register(
        [
            OutletEntry("Harbour Times", "newspaper", owner="Aster Media"),
            OutletEntry("Aster Evening News", "newspaper", aliases=("AEN",), owner="Aster Media"),
            OutletEntry("Aster Media", "other", owner="Quayside Holdings"),
            OutletEntry("Varnian Central News Agency", "state news agency", aliases=("VCNA",), country="Varnia",
                        affiliation="state"),
            OutletEntry("Dolmek Herald", "newspaper", domains=("dolmekherald.example",), country="Varnia",
                        affiliation="state"),
            OutletEntry("Osterland Radio", "public broadcaster", country="Osterland", affiliation="public"),
        ]
    )  # fmt: skip


def test_the_register_folds_outlets_with_one_owner() -> None:
    story = [
        article("a", moved("Harbour Times", "outlet"), outlet="The Harbour Times"),
        article("b", moved("Aster Evening News", "outlet"), outlet="Aster Evening News"),
        article("c", moved("Northgate Post", "outlet"), outlet="Northgate Post"),
    ]
    [without] = run(story)
    assert (without.independent, without.outlets, without.notes) == (3, 3, ())
    [folded] = assess(story, align_claims(story), [], story_id="s1", register=_register())
    assert (folded.independent, folded.outlets, folded.status) == (2, 3, "corroborated")
    assert folded.notes == ("Aster Evening News and Harbour Times: one owner, Quayside Holdings",)
    origins = {s.article_id: s.origin for s in folded.supporting}
    assert origins["a"] == origins["b"] == "owner:quayside holdings" != origins["c"]


def test_the_register_makes_state_media_of_one_state_one_origin() -> None:
    story = [
        article("a", moved("VCNA", "state_media"), outlet="Meridian Daily"),
        article("b", moved("Dolmek Herald", "outlet"), outlet="Herald", url="https://dolmekherald.example/x"),
        article("c", moved("Osterland Radio", "outlet"), outlet="Osterland Radio"),
        article("d", moved("Osterland Radio", "outlet"), outlet="Osterland Radio Two"),
    ]
    [without] = run(story)
    [folded] = assess(story, align_claims(story), [], story_id="s1", register=_register())
    assert without.independent == 4
    assert folded.independent == 3, "VCNA and the Dolmek Herald are one state's voice; a public broadcaster is not"
    assert folded.notes == ("Dolmek Herald and Varnian Central News Agency: state media of Varnia",)


def test_an_empty_register_changes_nothing() -> None:
    story = [
        article("a", moved("Harbour Times", "outlet"), outlet="The Harbour Times"),
        article("b", moved("VCNA", "state_media"), outlet="Meridian Daily"),
    ]
    plain = assess(story, align_claims(story), [], story_id="s1")
    assert assess(story, align_claims(story), [], story_id="s1", register=Register()) == plain


def test_links_given_as_dicts() -> None:
    story = [article("a", moved("Wire", "outlet")), article("b", moved("Ilse Brandt", "speaker"))]
    links = [link.as_dict() for link in align_claims(story)]
    copies = [copy("near_duplicate", "a", "b").as_dict()]
    assert assess(story, links, copies) == assess(story, align_claims(story), [copy("near_duplicate", "a", "b")])


# --- the sample corpus ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> dict[str, Any]:
    from crosswire.extract import extract
    from crosswire.ingest import iter_articles
    from crosswire.link.copies.linker import find_copies
    from crosswire.model import Article
    from crosswire.sample import CORPUS_DIR
    from tests.sample_expected import expected, keyed

    articles = [a for a in iter_articles([str(CORPUS_DIR)]) if isinstance(a, Article)]
    by_key = keyed(articles)
    gold = expected()
    extracted = {a.id: ArticleClaims.from_extraction(extract(a)) for a in {a.id: a for a in articles}.values()}
    copies = find_copies(list({a.id: a for a in articles}.values()))
    links = []
    results = []
    for story in gold["stories"]:
        members = [extracted[by_key[key].id] for key in story["articles"]]
        found = align_claims(members)
        ids = {m.id for m in members}
        own_copies = [c for c in copies if c.a.article_id in ids and c.b.article_id in ids]
        links.extend(found)
        results.extend(assess(members, found, own_copies, story_id=story["label"]))
    texts = {a.id: a.text for a in articles}
    stories = [list(dict.fromkeys(by_key[key].id for key in story["articles"])) for story in gold["stories"]]
    return {
        "gold": gold,
        "by_key": by_key,
        "links": links,
        "results": results,
        "texts": texts,
        "extracted": extracted,
        "copies": copies,
        "stories": stories,
    }


def _pairs(links: list[Any], kind: str) -> set[tuple[str, str]]:
    out = set()
    for link in links:
        if link.kind == kind:
            out |= {(link.a.article_id, link.b.article_id), (link.b.article_id, link.a.article_id)}
    return out


def test_sample_corpus_agreements(corpus: dict[str, Any]) -> None:
    by_key, agrees = corpus["by_key"], _pairs(corpus["links"], "agrees")
    wanted = {
        "launchers",
        "Veltra-4 flight distance",
        "Halberd-2 flight distance claimed by VCNA",
        "Aldermoor Bridge cost",
    }
    for entry in corpus["gold"]["links"]["agrees"]:
        if entry["thing"] not in wanted:
            continue
        ids = sorted({by_key[k].id for k in entry["articles"]})
        missing = [(x, y) for i, x in enumerate(ids) for y in ids[i + 1 :] if (x, y) not in agrees]
        assert not missing, entry["thing"]


def test_sample_corpus_conflicts_and_negatives(corpus: dict[str, Any]) -> None:
    by_key, links = corpus["by_key"], corpus["links"]
    conflicts = _pairs(links, "conflicts")
    same_story = [
        e
        for e in corpus["gold"]["links"]["conflicts"]
        if e.get("kind") != "denial" or e["a"] == "radio-halvik-kettering-ridge.md"
    ]
    hits = sum((by_key[e["a"]].id, by_key[e["b"]].id) in conflicts for e in same_story)
    assert hits == len(same_story)
    figure_conflicts = {
        (x.a.article_id, x.b.article_id) for x in links if x.kind == "conflicts" and x.reason == "figure"
    }
    for entry in corpus["gold"]["links"]["not_conflicts"]:
        a, b = by_key[entry["a"]].id, by_key[entry["b"]].id
        assert (a, b) not in figure_conflicts and (b, a) not in figure_conflicts, entry["why"]


def test_sample_corpus_derivations_and_disputes(corpus: dict[str, Any]) -> None:
    by_key, links, texts = corpus["by_key"], corpus["links"], corpus["texts"]
    for entry in corpus["gold"]["links"]["derives"]:
        article_id = by_key[entry["article"]].id
        results = [
            texts[(x.a if x.by == "a" else x.b).article_id][
                (x.a if x.by == "a" else x.b).start : (x.a if x.by == "a" else x.b).end
            ]
            for x in links
            if x.kind == "derives" and (x.a if x.by == "a" else x.b).article_id == article_id
        ]
        assert any(r in entry["result"] for r in results), entry["result"]
    disputers = {(x.a if x.by == "a" else x.b).article_id for x in links if x.kind == "disputes"}
    for key in ("meridian-daily-launchers.md", "dolmek-herald-launchers.md", "cpa-export.jsonl#cpa-20240718-052"):
        assert by_key[key].id in disputers, key


def test_sample_corpus_independent_sources(corpus: dict[str, Any]) -> None:
    by_key, results = corpus["by_key"], corpus["results"]
    checked = {
        "some 250 launchers moved toward the Osterland border on 3 Nov 2024": "Varnia moved some 250",
        "about 180 launchers moved toward the border": "about 180",
        "some 1,000 missiles could be fired in a single salvo": "some 1,000 missiles",
        "the Veltra-4 flew about 300 kilometres on 7 Nov 2024": "flew about 300 kilometres",
        "the Halberd-2 flew 1,200 kilometres on 18 July 2024": "1,200 kilometres",
    }
    for entry in corpus["gold"]["independent_sources"]:
        if entry["claim"] not in checked:
            continue
        articles = {by_key[k].id for source in entry["sources"] for k in source["articles"]}
        candidates = [
            r
            for r in results
            if checked[entry["claim"]] in " ".join(corpus["texts"][s.article_id][s.start : s.end] for s in r.supporting)
            and {s.article_id for s in r.supporting} & articles
        ]
        best = max(candidates, key=lambda r: len(r.supporting))
        assert (best.status, best.independent) == (entry["status"], entry["independent"]), entry["claim"]


def test_one_office_and_one_person_under_several_names_count_once() -> None:
    text = "Varnia fired 12 artillery shells at the Kettering Ridge on Sunday"

    def shells(asserter: str) -> dict[str, Any]:
        quantity = q(text, "12", 12, thing="shells")
        return claim(text, asserter=asserter, kind="speaker", event="fire", quantities=(quantity,))

    office = [
        article("a", shells("Lena Orvik, spokesperson for the Joint Defence Staff")),
        article("b", shells("the spokesperson for the Joint Defence Staff")),
    ]
    [result] = run(office)
    assert result.independent == 1 and result.status == "single-source"
    assert result.folded == (
        "Lena Orvik, spokesperson for the Joint Defence Staff, the spokesperson for the Joint Defence Staff: "
        "one source (source:spokesperson for the joint defence staff)",
    )
    person = [article("a", shells("Kim Jong Un")), article("b", shells("Kim")), article("c", shells("Un"))]
    [result] = run(person)
    assert result.independent == 1 and "Kim, Kim Jong Un, Un: one source" in result.folded[0]
    two = [article("a", shells("Kim Jong Un")), article("b", shells("Ilse Brandt"))]
    [result] = run(two)
    assert result.independent == 2 and result.folded == ()


def test_a_growing_count_keeps_its_history_instead_of_a_contradiction() -> None:
    def dead(value: int) -> dict[str, Any]:
        text = f"{value} people died when the Tessa ferry capsized"
        return claim(text, asserter="Harbour Police", kind="speaker", event="die",
                     quantities=(q(text, str(value), value, thing="people"),))  # fmt: skip

    story = [article("a", dead(14), published=MON), article("b", dead(31), published=TUE)]
    results = {r.value: r for r in run(story)}
    assert {r.status for r in results.values()} == {"single-source"}
    assert [(s.article_id, s.start) for s in results[31].history] == [("a", 0)]
    assert [(s.article_id, s.start) for s in results[14].superseded_by] == [("b", 0)]
    assert results[31].as_dict()["history"][0]["article_id"] == "a"


# --- incremental: the claim index -----------------------------------------------------------


def _from_scratch(corpus: dict[str, Any], story_id: str, ids: list[str]) -> tuple[set[str], list[dict[str, Any]]]:
    members = [corpus["extracted"][a] for a in ids]
    links = align_claims(members)
    copies = [c for c in corpus["copies"] if c.a.article_id in ids and c.b.article_id in ids]
    return {link.id for link in links}, sorted(
        (a.as_dict() for a in assess(members, links, copies, story_id=story_id)), key=lambda a: a["id"]
    )


def _stored(index: ClaimIndex, corpus: dict[str, Any], changes: list[StoryChange], store: dict[str, Any]) -> None:
    """Apply changes as the link stage stores them: links by id, assessments by id."""
    for change in changes:
        for link_id in change.removed_links:
            store["links"].pop(link_id, None)
        store["links"].update((link.id, link) for link in change.links)
    stored, removed = assessment_changes(changes)
    for assessment_id in removed:
        store["assessments"].pop(assessment_id, None)
    store["assessments"].update((a.id, a) for a in stored)


def _state(store: dict[str, Any], ids: list[str], story_id: str) -> tuple[set[str], list[dict[str, Any]]]:
    inside = set(ids)
    links = {i for i, link in store["links"].items() if link.a.article_id in inside and link.b.article_id in inside}
    assessed = sorted(
        (a.as_dict() for a in store["assessments"].values() if a.story_id == story_id), key=lambda a: a["id"]
    )
    return links, assessed


def test_claim_index_in_steps_equals_one_go_through_merges_and_splits(corpus: dict[str, Any]) -> None:
    ids = max(corpus["stories"], key=len)
    assert len(ids) >= 4
    index = ClaimIndex()
    for article_id in ids:
        found = corpus["extracted"][article_id]
        index.add_article(found.id, found.published, found.outlet, found.claims, found.quotes)
    copies = [c for c in corpus["copies"] if c.a.article_id in ids and c.b.article_id in ids]
    store: dict[str, Any] = {"links": {}, "assessments": {}}
    first, second = ids[: len(ids) // 2], ids[len(ids) // 2 :]
    # two stories, then one article more in the first, then the two merged, then split again
    steps = [
        {"s-a": first[:-1], "s-b": second},
        {"s-a": first},
        {"s-ab": ids},
        {"s-a": first, "s-b": second},
    ]
    story_of: dict[str, str] = {}
    for step in steps:
        changes = [index.update_story(story_id, members, copies) for story_id, members in step.items()]
        _stored(index, corpus, changes, store)
        for story_id, members in step.items():
            assert _state(store, members, story_id) == _from_scratch(corpus, story_id, members), story_id
        story_of.update((a, story_id) for story_id, members in step.items() for a in members)
        assert all(story_of[link.a.article_id] == story_of[link.b.article_id] for link in store["links"].values())
        index.stores()
    merge = index.update_story("s-ab2", ids, copies)
    assert 0 < merge.aligned_pairs < len(ids) * (len(ids) - 1) // 2  # pairs within each half were kept


def test_claim_index_keeps_updates_as_one_go_does_when_articles_join_and_a_revision_leaves() -> None:
    def dead(article_id: str, value: int, published: datetime) -> ArticleClaims:
        text = f"{value} people died when the Tessa ferry capsized"
        found = claim(text, asserter="Harbour Police", kind="speaker", event="die",
                      quantities=(q(text, str(value), value, thing="people"),))  # fmt: skip
        return article(article_id, found, published=published)

    wed = datetime(2024, 11, 6, 9, 0, tzinfo=UTC)
    articles = {"a": dead("a", 14, MON), "b": dead("b", 22, TUE), "c": dead("c", 31, wed)}
    corpus = {"extracted": articles, "copies": []}
    index = ClaimIndex()
    store: dict[str, Any] = {"links": {}, "assessments": {}}

    def step(members: list[str]) -> list[dict[str, Any]]:
        _stored(index, corpus, [index.update_story("s", members, [])], store)
        links, assessed = _state(store, members, "s")
        assert (links, assessed) == _from_scratch(corpus, "s", members), members
        assert {store["links"][i].kind for i in links} == ({"updates"} if len(members) > 1 else set())
        index.stores()
        return assessed

    for found in articles.values():
        index.add_article(found.id, found.published, found.outlet, found.claims, found.quotes)
    step(["a"])
    step(["a", "b"])  # a new article joins the claim group's story
    latest = {a["value"]: a for a in step(["a", "b", "c"])}
    assert [s["article_id"] for s in latest[31]["history"]] == ["a", "b"]
    assert [s["article_id"] for s in latest[14]["superseded_by"]] == ["b", "c"]
    index.forget(["b"])  # b is revised: taken out, then read again with its new figure
    latest = {a["value"]: a for a in step(["a", "c"])}
    assert [s["article_id"] for s in latest[31]["history"]] == ["a"]
    articles["b"] = dead("b", 25, TUE)
    index.add_article("b", TUE, "Outlet", articles["b"].claims, articles["b"].quotes)
    latest = {a["value"]: a for a in step(["a", "b", "c"])}
    assert [s["article_id"] for s in latest[25]["superseded_by"]] == ["c"]
    assert 22 not in latest

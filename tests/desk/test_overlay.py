"""The overlays alone: findings found again by span, stories merged and split in order, copy verdicts, reviews."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.desk.corrections import (
    Correction,
    copy_verdicts,
    correct_findings,
    correct_links,
    correct_stories,
    find_finding,
    review_of,
    reviews_by_span,
    undone,
)


def quote(start: int, end: int, name: str | None = "Ilse Brandt") -> dict[str, Any]:
    speaker = None if name is None else {"name": name, "start": 0, "end": 5, "role": None, "org": None}
    return {"start": start, "end": end, "text": "x" * (end - start), "kind": "direct", "speaker": speaker}


def test_a_finding_is_found_by_its_span_or_the_one_that_overlaps_it_most() -> None:
    items = [quote(10, 50), quote(60, 100)]
    assert find_finding(items, 60, 100) == 1
    assert find_finding(items, 64, 104) == 1, "a boundary moved by a word"
    assert find_finding(items, 10, 200) is None, "half of the correction's span at least"
    assert find_finding(items, 0, 5) is None


def test_speaker_and_reject_corrections_apply_in_order_and_claims_follow() -> None:
    claim = {"start": 15, "end": 40, "text": "...", "asserter": "Ilse Brandt", "asserter_kind": "speaker"}
    findings = {"quotes": [quote(10, 50), quote(60, 100)], "claims": [claim]}
    fix = Correction("speaker", "ana", "w", id=1, article_id="a", finding="quotes", start=10, end=50,
                     value={"name": "Erik Valdar", "role": "head", "org": None})  # fmt: skip
    drop = Correction("reject", "ben", "w", id=2, article_id="a", finding="quotes", start=60, end=100)
    out = correct_findings(findings, [drop, fix])
    assert [q["speaker"]["name"] for q in out["quotes"]] == ["Erik Valdar"]
    assert out["quotes"][0]["corrected"][0]["by"] == "ana"
    assert out["claims"][0]["asserter"] == "Erik Valdar" and out["claims"][0]["corrected"]
    assert findings["quotes"][0]["speaker"]["name"] == "Ilse Brandt", "the machine's findings are not changed"
    assert correct_findings(findings, [undone(fix, "c", "t", "w"), undone(drop, "c", "t", "w")]) == findings


def test_a_rejected_figure_leaves_the_claims_that_used_it() -> None:
    figure = {"start": 5, "end": 13, "text": "some 250", "value": 250}
    claim = {"start": 0, "end": 30, "text": "...", "quantities": [figure], "asserter": "x"}
    fix = Correction("figure", "ana", "w", id=1, article_id="a", finding="quantities", start=5, end=13,
                     value={"value": 180, "low": None, "high": None, "bound": "~"})  # fmt: skip
    out = correct_findings({"quantities": [figure], "claims": [claim]}, [fix])
    assert out["claims"][0]["quantities"][0]["value"] == 180
    drop = Correction("reject", "ana", "w", id=2, article_id="a", finding="quantities", start=5, end=13)
    out = correct_findings({"quantities": [figure], "claims": [claim]}, [drop])
    assert out["quantities"] == [] and out["claims"][0]["quantities"] == []


def _split(number: int, *articles: str) -> Correction:
    return Correction("split", "ana", "w", id=number, articles=articles)


def _merge(number: int, *articles: str) -> Correction:
    return Correction("merge", "ana", "w", id=number, articles=articles)


def groups(result: list[Any]) -> set[frozenset[str]]:
    return {g.members for g in result}


def test_stories_are_split_and_merged_in_the_order_the_corrections_were_made() -> None:
    machine = {"a": "s1", "b": "s1", "c": "s1", "d": "s2"}
    assert groups(correct_stories(machine, [])) == {frozenset("abc"), frozenset("d")}
    assert all(g.machine for g in correct_stories(machine, []))
    split = correct_stories(machine, [_split(1, "c", "gone")])
    assert groups(split) == {frozenset("ab"), frozenset("c"), frozenset("d")}
    assert {g.members: g.corrections for g in split}[frozenset("c")] == (1,)
    assert groups(correct_stories(machine, [_split(1, "c"), _merge(2, "c", "d")])) == {frozenset("ab"), frozenset("cd")}
    assert groups(correct_stories(machine, [_merge(2, "c", "d"), _split(3, "c")])) == {frozenset("c"), frozenset("abd")}
    unchanged = correct_stories(machine, [_split(1, "d"), _merge(2, "a", "b")])
    assert all(g.machine for g in unchanged), "a split of a whole story or a merge inside one changes nothing"


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(["s1", "s2", "s3"]), min_size=1),
    st.lists(st.tuples(st.booleans(), st.sets(st.sampled_from("abcdefghz"), min_size=1)), max_size=6),
)
def test_every_article_stays_in_exactly_one_story(machine: dict[str, str], made: list[tuple[bool, set[str]]]) -> None:
    corrections = [
        (_split if is_split else _merge)(number, *sorted(ids)) for number, (is_split, ids) in enumerate(made, 1)
    ]
    result = correct_stories(machine, corrections)
    members = [a for g in result for a in g.members]
    assert sorted(members) == sorted(machine) and all(g.members for g in result)


def link(kind: str, a: str, b: str) -> dict[str, Any]:
    return {"id": f"{kind}-{a}-{b}", "kind": kind, "a": {"article_id": a, "start": 0, "end": 9},
            "b": {"article_id": b, "start": 0, "end": 9}, "score": 0.9, "direction": "a_earlier"}  # fmt: skip


def test_copy_verdicts_drop_and_add_links_the_latest_winning() -> None:
    links = [link("near_duplicate", "a", "b"), link("same_quote", "a", "b"), link("shared_passage", "a", "c")]
    apart = Correction("independent", "ana", "w", id=1, article_id="b", other_id="a")
    assert [x["kind"] for x in correct_links(links, copy_verdicts([apart]))] == ["same_quote", "shared_passage"]
    again = Correction("copies", "ben", "w", id=2, article_id="a", other_id="b")
    verdicts = copy_verdicts([again, apart])
    assert verdicts[frozenset("ab")].kind == "copies"
    lengths = {"a": (100, (False, "2024-11-05")), "b": (80, (False, "2024-11-04"))}
    added = [x for x in correct_links(links, verdicts, lengths) if x["id"] == "correction-2"]
    assert added[0]["a"] == {"article_id": "b", "start": 0, "end": 80}, "the earlier article first, its whole text"
    assert correct_links(links, verdicts, lengths, wanted={"c"}) == links


def test_a_review_follows_any_claim_of_its_assessment() -> None:
    first = Correction("review", "ana", "w", id=1, article_id="a", finding="claims", start=0, end=9,
                       value={"state": "checking", "note": None})  # fmt: skip
    second = Correction("review", "ben", "w", id=2, article_id="b", finding="claims", start=3, end=7,
                        value={"state": "checked", "note": "two sources"})  # fmt: skip
    assessment = {"supporting": [{"article_id": "a", "start": 0, "end": 9}, {"article_id": "b", "start": 3, "end": 7}]}
    assert review_of(assessment, reviews_by_span([first, second])) == second
    assert review_of(assessment, reviews_by_span([first, undone(second, "c", "t", "w")])) == first
    assert review_of({"supporting": []}, reviews_by_span([first])) is None

"""The link stage over a real ledger (each backend): incremental, idempotent, and the same in halves as in one run."""

from __future__ import annotations

import json
from collections.abc import Callable

from crosswire.ingest import ingest
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import link_stage
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR
from tests.sample_expected import expected, keyed


def _linked(db: str, batches: list[list[str]]) -> tuple[set[str], set[frozenset[str]]]:
    with open_ledger(db) as ledger:
        for paths in batches:
            ingest(paths, ledger)
            extract_stage(ledger)
            link_stage(ledger)
        links = {json.dumps(link, sort_keys=True) for link in ledger.iter_links()}
        stories = {frozenset(a["id"] for a in s["articles"]) for s in ledger.iter_stories()}
    return links, stories


def test_two_halves_link_like_one_run(fresh_ledger: Callable[[], str]) -> None:
    files = sorted(str(p) for p in CORPUS_DIR.iterdir())
    whole = _linked(fresh_ledger(), [files])
    halves = _linked(fresh_ledger(), [files[::2], files[1::2]])
    assert halves[0] == whole[0]
    assert halves[1] == whole[1]


def test_rerun_changes_nothing(ledger: Ledger) -> None:
    ingest([str(CORPUS_DIR)], ledger)
    extract_stage(ledger)
    first = link_stage(ledger)
    assert first.articles == ledger.count_articles() and first.links
    before = list(ledger.iter_links())
    again = link_stage(ledger)
    assert again.articles == 0 and not again.links
    assert list(ledger.iter_links()) == before


def test_wire_copies_found_with_direction(ledger: Ledger) -> None:
    ingest([str(CORPUS_DIR)], ledger)
    extract_stage(ledger)
    link_stage(ledger)
    by_key = keyed(list(ledger.iter_articles()))
    copies = {
        frozenset((link["a"]["article_id"], link["b"]["article_id"])): link
        for link in ledger.iter_links()
        if link["kind"] in ("duplicate", "near_duplicate", "shared_passage")
    }
    for copy in expected()["links"]["copies"]:
        a, b, earlier = by_key[copy["a"]], by_key[copy["b"]], by_key[copy["earlier"]]
        link = copies.get(frozenset((a.id, b.id)))
        assert link is not None, copy
        side = "a" if link["a"]["article_id"] == earlier.id else "b"
        assert link["direction"] == f"{side}_earlier", copy
    for pair in expected()["links"]["not_copies"]:
        ids = frozenset((by_key[pair["a"]].id, by_key[pair["b"]].id))
        assert ids not in copies, pair


def test_claims_are_cross_checked_in_the_ledger(ledger: Ledger) -> None:
    ingest([str(CORPUS_DIR)], ledger)
    extract_stage(ledger)
    link_stage(ledger)
    assessments = list(ledger.iter_assessments())
    kinds = {link["kind"] for link in ledger.iter_links()}
    assert {"agrees", "conflicts", "disputes", "derives"} <= kinds
    [launchers] = [
        a for a in assessments if _covers(a, 250) and a.get("thing") == "launcher" and a["modality"] == "done"
    ]
    assert launchers["independent"] == 2  # the wire story's anonymous official (four copies) and Brandt
    assert launchers["status"] == "contradicted"  # the border guard counts about 180
    assert all(a["status"] in {"corroborated", "single-source", "disputed", "contradicted"} for a in assessments)


def _covers(assessment: dict[str, object], value: float) -> bool:
    low, high, exact = assessment.get("low"), assessment.get("high"), assessment.get("value")
    if exact is not None:
        return exact == value
    return isinstance(low, float | int) and isinstance(high, float | int) and low <= value <= high

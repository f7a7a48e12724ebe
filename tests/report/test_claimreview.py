"""Reviewed claims as schema.org ClaimReview JSON-LD: the properties Google's fact-check documentation asks for.

The lists below are written from that documentation (developers.google.com, "Fact check
(ClaimReview) structured data"): what each type requires, and what it recommends, with the
schema.org types expected. Nothing is downloaded when the test runs.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crosswire.desk import actions
from crosswire.errors import OptionError
from crosswire.ledger import Ledger
from crosswire.report.claimreview import claim_reviews
from crosswire.report.export import export

REQUIRED = {
    "ClaimReview": {"claimReviewed": str, "reviewRating": "Rating", "url": "URL"},
    "Rating": {"alternateName": str},
}
RECOMMENDED = {
    "ClaimReview": {"author": ("Organization", "Person"), "datePublished": "Date", "itemReviewed": "Claim"},
    "Claim": {
        "appearance": ("CreativeWork", "NewsArticle", "URL"),
        "author": ("Organization", "Person"),
        "datePublished": "Date",
        "firstAppearance": ("CreativeWork", "NewsArticle", "URL"),
    },
    "Rating": {"name": str},
}


def _valid(value: Any, expected: Any) -> bool:
    if expected is str:
        return isinstance(value, str) and bool(value.strip())
    if expected == "URL":
        return isinstance(value, str) and value.startswith(("http://", "https://"))
    if expected == "Date":
        return isinstance(value, str) and date.fromisoformat(value[:10]) is not None
    kinds = expected if isinstance(expected, tuple) else (expected,)
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(
        (isinstance(item, dict) and item.get("@type") in kinds) or ("URL" in kinds and _valid(item, "URL"))
        for item in items
    )


def problems(thing: dict[str, Any], rules: dict[str, dict[str, Any]]) -> list[str]:
    """Each property of ``rules`` missing or of the wrong type, for the object and the objects it holds."""
    found = []
    kind = thing.get("@type")
    for name, expected in rules.get(str(kind), {}).items():
        if name not in thing:
            found.append(f"{kind}.{name} is missing")
        elif not _valid(thing[name], expected):
            found.append(f"{kind}.{name} is not a {expected}: {thing[name]!r}")
    for value in thing.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and item.get("@type") in rules:
                found.extend(problems(item, rules))
    return found


def test_a_reviewed_claim_has_every_required_and_recommended_property(linked_ledger: Ledger) -> None:
    ledger = linked_ledger
    assert list(claim_reviews(ledger)) == [], "only reviewed claims are exported"
    claim = next(a for a in ledger.iter_assessments() if "Varnia moved some 250" in a["label"])
    actions.review(ledger, claim["id"], state="checked", note="Backed by two sources; contradicted", by="Ana Ruiz")
    [review] = list(claim_reviews(ledger, site="https://desk.example/", publisher="Halvik Fact Desk"))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert problems(review, REQUIRED) == []
    assert problems(review, RECOMMENDED) == []
    assert review["url"] == f"https://desk.example/stories/{claim['story_id']}#claim-{claim['id']}"
    assert review["author"] == {"@type": "Organization", "name": "Halvik Fact Desk"}
    rating = review["reviewRating"]
    assert (rating["name"], rating["alternateName"], rating["author"]["name"]) == (
        "checked",
        "Backed by two sources; contradicted",
        "Ana Ruiz",
    )
    item = review["itemReviewed"]
    urls = [work["url"] for work in item["appearance"]]
    assert (
        item["firstAppearance"]["url"] == urls[0] == "https://cpa-wire.example/world/2024/11/04/varnia-launchers-border"
    )
    assert len(urls) == len(set(urls)) >= 4, "every article that carries the claim, once"
    assert item["datePublished"].startswith("2024-11-04")


def test_the_export_writes_json_ld_lines_and_refuses_csv(linked_ledger: Ledger, tmp_path: Path) -> None:
    ledger = linked_ledger
    claim = next(a for a in ledger.iter_assessments() if a["status"] == "corroborated")
    actions.review(ledger, claim["id"], state="checking", note=None, by="Ana Ruiz")
    path = tmp_path / "reviews.jsonl"
    assert export(ledger, "claimreview", "jsonl", path) == 1
    [line] = path.read_text(encoding="utf-8").splitlines()
    review = json.loads(line)
    assert review["reviewRating"]["alternateName"] == "checking", "without a note, the state is the short verdict"
    assert problems(review, REQUIRED) == []
    with pytest.raises(OptionError, match="claimreview is JSON-LD"):
        export(ledger, "claimreview", "csv", tmp_path / "x.csv")

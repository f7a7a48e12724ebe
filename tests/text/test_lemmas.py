"""The one stemmer: word forms that must meet, and nouns ending in -ly that are no adverbs."""

from __future__ import annotations

import pytest

from crosswire.text.lemmas import stem


@pytest.mark.parametrize(
    ("adverb", "adjective"),
    [("currently", "current"), ("heavily", "heavy"), ("easily", "easy"), ("quickly", "quick"), ("finally", "final")],
)
def test_an_adverb_meets_its_adjective(adverb: str, adjective: str) -> None:
    assert stem(adverb) == stem(adjective)


@pytest.mark.parametrize(
    ("noun", "plural"),
    [("supply", "supplies"), ("family", "families"), ("assembly", "assemblies"), ("monopoly", "monopolies")],
)
def test_a_noun_ending_in_ly_meets_its_plural(noun: str, plural: str) -> None:
    # "supply" once lost its "ly" as if it were an adverb ("supp"), apart from "supplies" ("supply")
    assert stem(noun) == stem(plural) == noun


def test_a_verb_ending_in_ly_meets_its_forms() -> None:
    assert stem("supplied") == stem("supplying") == stem("supply") == "supply"
    assert stem("multiplied") == stem("multiply")

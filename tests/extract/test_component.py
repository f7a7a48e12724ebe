"""The extractors' order: each after those it requires; a broken declaration is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from crosswire.extract.component import Extractor, Found, run_order
from crosswire.extract.stage import EXTRACTORS, extract, findings
from crosswire.model import Article
from crosswire.text.document import Document


def _make(name: str, requires: tuple[str, ...], assigns: tuple[str, ...]) -> Extractor:
    def run(doc: Document, found: Mapping[str, Any]) -> Found:
        assert all(r in found for r in requires), (name, requires, sorted(found))
        return {a: name for a in assigns}

    return Extractor(name, requires, assigns, run)


def test_every_extractor_runs_after_what_it_requires() -> None:
    assigned: set[str] = set()
    for extractor in EXTRACTORS:
        assert set(extractor.requires) <= assigned, extractor.name
        assigned.update(extractor.assigns)
    assert assigned == {"quotes", "quantities", "times", "places", "entities", "claims", "features"}


def test_order_follows_requirements_not_the_order_given() -> None:
    late = _make("late", ("early",), ("late",))
    early = _make("early", (), ("early",))
    assert [e.name for e in run_order([late, early])] == ["early", "late"]
    assert [e.name for e in run_order([late, early], ["early"])] == ["early"]


@pytest.mark.parametrize(
    ("extractors", "message"),
    [
        ([_make("a", ("b",), ("a",))], "requires 'b', which no extractor assigns"),
        ([_make("a", (), ("x",)), _make("b", (), ("x",))], "'x' is assigned by both a and b"),
        ([_make("a", ("b",), ("a",)), _make("b", ("a",), ("b",))], "cycle"),
    ],
)
def test_a_broken_set_of_extractors_is_refused(extractors: list[Extractor], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_order(extractors)


def test_findings_runs_only_what_is_wanted_and_what_it_requires() -> None:
    article = Article.create("Officials in Halvik said some 250 launchers moved on Sunday.", source="t")
    found = findings(article, ["entities"])
    assert sorted(found) == ["entities", "places"]
    whole = extract(article)
    assert found["entities"] == whole.entities and found["places"] == whole.places


def test_the_stage_and_the_architecture_draw_the_order_the_stage_runs() -> None:
    from pathlib import Path

    import crosswire.extract.stage as stage

    names = [e.name for e in EXTRACTORS]
    drawn = [line.split()[0] for line in (stage.__doc__ or "").splitlines() if line.strip().endswith(".py")]
    assert drawn == names
    architecture = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    table = architecture.split("extractor    requires", 1)[1].split("```", 1)[0]
    assert [line.split()[0] for line in table.strip().splitlines()[1:]] == names

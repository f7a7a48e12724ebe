"""An extractor as the extract stage runs it: a name, what it needs from earlier ones, what it adds.

Every extractor package declares one :class:`Extractor` next to its public function (as spaCy's
pipeline components declare ``requires`` and ``assigns``). :func:`run_order` puts a set of them
in an order where each runs after the ones whose findings it reads, and refuses a set where a
finding is required and nobody assigns it, or assigned twice; :mod:`crosswire.extract.stage` runs
that order once per article over one :class:`~crosswire.text.document.Document`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crosswire.text.document import Document

__all__ = ["Extractor", "Found", "run_order"]

Found = dict[str, Any]
"""What the extractors found so far in one article, by name of the finding ("quotes", "places" ...)."""


@dataclass(frozen=True, slots=True)
class Extractor:
    """One extractor: ``run(doc, found)`` reads the findings named in ``requires`` from ``found``
    and returns the ones named in ``assigns``."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Document, Mapping[str, Any]], Found]


def run_order(extractors: Iterable[Extractor], wanted: Iterable[str] | None = None) -> tuple[Extractor, ...]:
    """The extractors that give ``wanted`` (every finding when ``None``), each after those it requires.

    Ties keep the order given. Raises ``ValueError`` for a finding assigned twice, a requirement
    nobody assigns, or a cycle.
    """
    given = list(extractors)
    by_finding: dict[str, Extractor] = {}
    for extractor in given:
        for finding in extractor.assigns:
            if finding in by_finding:
                raise ValueError(f"{finding!r} is assigned by both {by_finding[finding].name} and {extractor.name}")
            by_finding[finding] = extractor
    targets = list(by_finding) if wanted is None else list(wanted)
    ordered: list[Extractor] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(finding: str, asker: str) -> None:
        extractor = by_finding.get(finding)
        if extractor is None:
            raise ValueError(f"{asker} requires {finding!r}, which no extractor assigns")
        if extractor.name in placed:
            return
        if extractor.name in visiting:
            raise ValueError(f"extractors require each other in a cycle through {extractor.name}")
        visiting.add(extractor.name)
        for required in extractor.requires:
            place(required, extractor.name)
        visiting.discard(extractor.name)
        placed.add(extractor.name)
        ordered.append(extractor)

    for finding in sorted(targets, key=lambda f: given.index(by_finding[f]) if f in by_finding else -1):
        place(finding, "the caller")
    return tuple(ordered)

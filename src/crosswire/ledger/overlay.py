"""Analysts' corrections laid over what the stages stored, alike in both ledgers.

The ledgers keep corrections apart from findings, links and assessments; every read of those
returns the stages' output with the active corrections applied by the functions of
:mod:`crosswire.desk.corrections`. :class:`CorrectionsOverlay` holds that reading side once for
both implementations: each provides only its SQL (:meth:`CorrectionsOverlay._active_corrections`,
:meth:`CorrectionsOverlay._lengths`) and the ledger's revision, by which the active corrections
are cached (every write of a correction moves the revision on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crosswire.desk.corrections import (
    Correction,
    copy_verdicts,
    correct_findings,
    correct_links,
    review_of,
    reviews_by_span,
    with_review,
)

__all__ = ["CorrectionsOverlay"]


@dataclass(frozen=True, slots=True)
class _Applied:
    """The active corrections of one revision of the ledger, as the reads apply them."""

    revision: int
    findings: dict[str, list[Correction]]
    """Article id -> its corrections of findings."""
    verdicts: dict[frozenset[str], Correction]
    """Pair of articles -> the latest copy verdict about it."""
    reviews: dict[tuple[str, int, int], Correction]
    """(article id, start, end) of a claim -> its latest review."""


def _link_order(link: dict[str, Any]) -> tuple[str, str]:
    return link["kind"], link["id"]


class CorrectionsOverlay:
    """The reads' side of corrections, mixed into both ledgers (see the module docstring)."""

    _applied_cache: _Applied | None = None

    if TYPE_CHECKING:  # provided by the ledger

        def revision(self) -> int: ...

    def _active_corrections(self) -> list[Correction]:
        """Every correction not undone, in the order they were made."""
        raise NotImplementedError

    def _lengths(self, article_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
        """Text length and a sort key of the publication time of these articles."""
        raise NotImplementedError

    def _applied(self) -> _Applied:
        """The active corrections as the reads apply them, loaded again when the revision moves on."""
        revision = self.revision()
        cached = self._applied_cache
        if cached is None or cached.revision != revision:
            active = self._active_corrections()
            findings: dict[str, list[Correction]] = defaultdict(list)
            for correction in active:
                if correction.finding and correction.article_id:
                    findings[correction.article_id].append(correction)
            cached = _Applied(revision, dict(findings), copy_verdicts(active), reviews_by_span(active))
            self._applied_cache = cached
        return cached

    def _corrected(self, article_id: str, findings: dict[str, Any]) -> dict[str, Any]:
        """An article's findings with its corrections applied."""
        mine = self._applied().findings.get(article_id)
        return correct_findings(findings, mine) if mine else findings

    def _corrected_links(
        self, links: list[dict[str, Any]], *, kind: str | None = None, article_id: str | None = None
    ) -> list[dict[str, Any]]:
        """Stored links (of one kind, touching one article, when given) with the copy verdicts applied."""
        verdicts = self._applied().verdicts
        if not verdicts:
            return links
        wanted = {article_id} if article_id else None
        lengths = self._verdict_lengths(verdicts) if kind in (None, "near_duplicate") else None
        return sorted(correct_links(links, verdicts, lengths, wanted=wanted), key=_link_order)

    def _corrected_among(self, links: list[dict[str, Any]], article_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored links among some articles with the verdicts about pairs of them applied."""
        ids = set(article_ids)
        verdicts = {pair: v for pair, v in self._applied().verdicts.items() if pair <= ids}
        if verdicts:
            links = correct_links(links, verdicts, self._verdict_lengths(verdicts))
        return sorted(links, key=_link_order)

    def _verdict_lengths(self, verdicts: dict[frozenset[str], Correction]) -> dict[str, tuple[int, Any]]:
        return self._lengths(sorted({a for pair in verdicts for a in pair}))

    def _reviewed(self, assessments: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        """Stored assessments, each with its review."""
        reviews = self._applied().reviews
        for assessment in assessments:
            yield with_review(assessment, review_of(assessment, reviews))

    @staticmethod
    def _touching(found: Iterable[Correction], article_ids: set[str]) -> list[Correction]:
        """Those of some corrections that touch one of these articles, by id."""
        return sorted((c for c in found if c.touched() & article_ids), key=lambda c: c.id)

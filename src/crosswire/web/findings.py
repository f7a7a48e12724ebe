"""Links from the pages to an article's findings and evidence spans.

The readings and marks themselves are :mod:`crosswire.report.findings` (shared with the report). A span
that is no finding of its own (a claim assessment's evidence, a shared passage) is linked as
``/articles/<id>?hl=START-END#hl``: the article page marks it and the browser scrolls to it.
"""

from __future__ import annotations

from typing import Any

from crosswire.report.findings import (
    ANCHORS,
    LISTED,
    anchor,
    describe,
    figure_reading,
    finding_marks,
    place_reading,
    readable_findings,
)

__all__ = [
    "ANCHORS",
    "LISTED",
    "anchor",
    "best_finding",
    "describe",
    "exact_finding",
    "figure_reading",
    "finding_marks",
    "place_reading",
    "readable_findings",
    "span_href",
]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_finding(findings: dict[str, Any] | None, kind: str, start: int, end: int) -> int | None:
    """The position of the finding of ``kind`` that overlaps ``start``-``end`` most, if any does."""
    best, best_overlap = None, 0
    for number, item in enumerate((findings or {}).get(kind, ())):
        overlap = _overlap((item["start"], item["end"]), (start, end))
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    return best


def exact_finding(findings: dict[str, Any] | None, kind: str, start: int, end: int) -> int | None:
    """The position of the finding of ``kind`` with exactly this span, if there is one."""
    for number, item in enumerate((findings or {}).get(kind, ())):
        if item["start"] == start and item["end"] == end:
            return number
    return None


def span_href(
    article_id: str, start: int | None, end: int | None, findings: dict[str, Any] | None = None, kind: str = "claims"
) -> str:
    """A link to exactly this span of an article: the finding's anchor when one has the very span, else ``?hl=``."""
    base = f"/articles/{article_id}"
    if start is None or end is None:
        return base
    number = exact_finding(findings, kind, start, end)
    if number is not None:
        return f"{base}#{anchor(kind, article_id, number)}"
    return f"{base}?hl={start}-{end}#hl"

"""Benchmarks: score crosswire against annotated data, and measure its speed.

Each task is a module ``crosswire.bench.<task>`` exposing

- ``score(path: Path, *, limit: int | None = None) -> dict``: run the task on the dataset at
  ``path`` and return its figures as a JSON-ready dict (raises ``DatasetError`` when the data is
  missing or malformed);
- ``render(figures: dict) -> str``: the figures as readable text, with the metric definitions.

``crosswire bench TASK PATH`` prints ``render(figures)`` and then one JSON line of the figures.
The datasets are never shipped with crosswire; the default location is ``../shared/bench``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DATA = Path("../shared/bench")

__all__ = ["CORPORA", "DEFAULT_DATA", "corpus_files", "f1", "match_spans", "prf", "reuters_date"]

CORPORA = ("bbc.jsonl", "reuters21578.jsonl")
"""The news corpora of the bench data, in ``corpus/``."""


def corpus_files(path: Path) -> list[Path]:
    """The corpus files a path names: the file itself, or the corpora in a folder (or its ``corpus/``)."""
    from crosswire.errors import DatasetError

    if path.is_file():
        return [path]
    if path.is_dir():
        for folder in (path, path / "corpus"):
            found = [folder / name for name in CORPORA if (folder / name).is_file()]
            if found:
                return found
        raise DatasetError(f"{path}: no {' or '.join(CORPORA)} here or in {path / 'corpus'}")
    raise DatasetError(f"{path}: no such file or folder")


def reuters_date(value: object) -> datetime | None:
    """The time of a Reuters-21578 record (``"26-FEB-1987 15:01:01.79"``, UTC), or None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), "%d-%b-%Y %H:%M:%S.%f").replace(tzinfo=UTC)
    except ValueError:
        return None


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def prf(true_positive: float, predicted: float, gold: float) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }


def match_spans(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]], *, min_share: float = 0.0
) -> list[tuple[int, int]]:
    """One-to-one ``(predicted index, gold index)`` pairs of overlapping spans, largest overlap first.

    A pair needs a shared character, and an overlap of at least ``min_share`` of each span's length
    (``0.5``: the "50% of both" rule of the quote benchmarks).
    """
    pairs = []
    for i, (p_start, p_end) in enumerate(predicted):
        for j, (g_start, g_end) in enumerate(gold):
            overlap = min(p_end, g_end) - max(p_start, g_start)
            if overlap > 0 and overlap >= min_share * (g_end - g_start) and overlap >= min_share * (p_end - p_start):
                pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_predicted and j not in used_gold:
            used_predicted.add(i)
            used_gold.add(j)
            matched.append((i, j))
    return matched

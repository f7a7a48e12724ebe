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

from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DATA = Path("../shared/bench")

__all__ = ["CORPORA", "DEFAULT_DATA", "corpus_files", "f1", "prf", "reuters_date"]

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

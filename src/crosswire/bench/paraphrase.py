"""Benchmark: the same-statement decision against the MSR Paraphrase Corpus (Dolan & Brockett, 2005).

``score(path)`` takes one MSRP file (tab-separated ``Quality  #1 ID  #2 ID  #1 String
#2 String`` with a header line) or a folder holding ``msr-para-train.tsv`` and/or
``msr-para-val.tsv``; each file found is scored and reported separately.

Metrics, as in the corpus paper and the work that reports on it:

- accuracy: the share of pairs where :func:`crosswire.link.quotes.paraphrase.same_statement` at its default
  threshold agrees with the label (1 = same meaning);
- precision, recall and F1 of the positive class (pairs labelled 1);
- the majority-class baseline: the accuracy of answering the more frequent label every time;
- pairs/s: pairs decided per second, preparation of both sentences included.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from crosswire.bench import prf
from crosswire.errors import DatasetError
from crosswire.link.quotes.paraphrase import THRESHOLD, prepare, same_statement

__all__ = ["load", "render", "score"]

FILES = ("msr-para-train.tsv", "msr-para-val.tsv")


def load(path: Path, *, limit: int | None = None) -> list[tuple[int, str, str]]:
    """The ``(label, sentence 1, sentence 2)`` pairs of one MSRP file."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read MSRP file ({exc})") from exc
    if not lines or not lines[0].lower().startswith("quality"):
        raise DatasetError(f"{path}: not an MSRP file (expected a header line starting with 'Quality')")
    pairs = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        # Split on tabs, not with the csv module: the sentences contain unbalanced quotation marks.
        parts = line.split("\t")
        if len(parts) != 5 or parts[0] not in ("0", "1"):
            raise DatasetError(f"{path}:{number}: expected 'label id1 id2 s1 s2' with label 0 or 1")
        pairs.append((int(parts[0]), parts[3], parts[4]))
        if limit is not None and len(pairs) >= limit:
            break
    return pairs


def _score_file(path: Path, limit: int | None) -> dict[str, Any]:
    pairs = load(path, limit=limit)
    if not pairs:
        raise DatasetError(f"{path}: no sentence pairs")
    prepare.cache_clear()
    started = time.perf_counter()
    decided = [same_statement(a, b) >= THRESHOLD for _, a, b in pairs]
    elapsed = time.perf_counter() - started
    gold = [label == 1 for label, _, _ in pairs]
    correct = sum(p == g for p, g in zip(decided, gold, strict=True))
    true_positive = sum(p and g for p, g in zip(decided, gold, strict=True))
    positives = sum(gold)
    return {
        "file": path.name,
        "pairs": len(pairs),
        "accuracy": round(correct / len(pairs), 4),
        "positive": prf(true_positive, sum(decided), positives),
        "majority_baseline": round(max(positives, len(pairs) - positives) / len(pairs), 4),
        "pairs_per_second": round(len(pairs) / elapsed) if elapsed > 0 else None,
    }


def score(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the same-statement decision on an MSRP file, or on each MSRP file in a folder."""
    path = Path(path)
    if path.is_dir():
        files = [path / name for name in FILES if (path / name).is_file()]
        if not files:
            raise DatasetError(f"{path}: no {' or '.join(FILES)} in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise DatasetError(f"{path}: no such MSRP file or folder")
    return {
        "task": "paraphrase",
        "threshold": THRESHOLD,
        "splits": [_score_file(file, limit) for file in files],
    }


def render(figures: dict[str, Any]) -> str:
    """The figures as text, with the metric definitions."""
    lines = [
        f"Same-statement decision on MSRP (threshold {figures['threshold']}, no model)",
        "  accuracy: share of pairs decided as labelled; P/R/F1 of the 'same meaning' class;",
        "  majority: accuracy of always answering the more frequent label.",
    ]
    for split in figures["splits"]:
        positive = split["positive"]
        lines.append(
            f"  {split['file']}: {split['pairs']} pairs  accuracy {split['accuracy']:.4f}"
            f"  (majority {split['majority_baseline']:.4f})  P {positive['precision']:.4f}"
            f"  R {positive['recall']:.4f}  F1 {positive['f1']:.4f}  {split['pairs_per_second']} pairs/s"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys

    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/paraphrase"))
    print(render(result))
    print(json.dumps(result))

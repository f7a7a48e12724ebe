"""Benchmark of story clustering (:mod:`crosswire.link.stories.linker`) on ECB+ (Cybulska & Vossen 2014).

``score(path)`` takes ``ecbplus-dev.jsonl`` (or a folder holding it, ``stories/`` under the bench
folder is looked in too): JSON lines ``{doc, topic, subtopic, cluster, text}``, the text tokenised
with spaces before punctuation. Each topic holds articles about two different real events of the
same kind; the gold story of an article is its ``cluster``. The articles carry no publication
dates, so only their content (and the dates written in it) can place them.

The text is detokenised (``Reid 's`` -> ``Reid's``) so that the extractors see news-like text,
and the articles are clustered in one batch. The clustering is then run again with the articles
in two halves (every other article of the file, in two batches), and the figures say whether the
halves gave exactly the same stories as the one batch.

Figures, against the gold ``cluster`` and against the coarser ``topic``:

- B-cubed (Bagga & Baldwin 1998): per article, precision = share of its predicted story that is
  in its gold story, recall = share of its gold story that is in its predicted story; averaged
  over articles, F1 of the two averages;
- pairwise: precision, recall and F1 over the pairs of articles put in one story;
- the number of predicted and gold stories, and articles per second (features and clustering);
- ``halves_identical``: whether two batches gave the same stories as one.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from crosswire.bench import f1, prf
from crosswire.errors import DatasetError
from crosswire.extract.stage import story_features
from crosswire.link.stories.linker import StoryClusterer, StoryOptions
from crosswire.model import Article

__all__ = ["detokenise", "render", "score"]

log = logging.getLogger(__name__)

FILE = "ecbplus-dev.jsonl"
_FIELDS = ("doc", "topic", "cluster", "text")


def score(path: Path, *, limit: int | None = None, options: StoryOptions | None = None) -> dict[str, Any]:
    """Cluster the ECB+ articles at ``path`` into stories and score them against the gold stories."""
    records = _read(_locate(Path(path)), limit)
    articles = [Article.create(detokenise(r["text"]), source=str(r["doc"])) for r in records]
    started = time.perf_counter()
    features = [story_features(a) for a in articles]
    featured = time.perf_counter()
    clusterer = StoryClusterer(options)
    clusterer.add_many(zip(articles, features, strict=True))
    finished = time.perf_counter()
    predicted = [clusterer.story_of(a.id) for a in articles]
    halves = StoryClusterer(options)
    pairs = list(zip(articles, features, strict=True))
    halves.add_many(pairs[::2])
    halves.add_many(pairs[1::2])
    gold_cluster = [str(r["cluster"]) for r in records]
    gold_topic = [str(r["topic"]) for r in records]
    seconds = finished - started
    return {
        "dataset": str(path),
        "articles": len(records),
        "stories_predicted": len(set(predicted)),
        "stories_gold": len(set(gold_cluster)),
        "topics_gold": len(set(gold_topic)),
        "cluster": {"bcubed": bcubed(predicted, gold_cluster), "pairwise": pairwise(predicted, gold_cluster)},
        "topic": {"bcubed": bcubed(predicted, gold_topic), "pairwise": pairwise(predicted, gold_topic)},
        "seconds": round(seconds, 3),
        "seconds_features": round(featured - started, 3),
        "seconds_clustering": round(finished - featured, 3),
        "articles_per_second": round(len(records) / seconds, 1) if seconds else None,
        "halves_identical": halves.assignments() == clusterer.assignments(),
    }


def bcubed(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``predicted`` labels against ``gold`` labels (same order)."""
    if not predicted:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_predicted: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for index, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_predicted[p].add(index)
        by_gold[g].add(index)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        common = len(by_predicted[p] & by_gold[g])
        precision += common / len(by_predicted[p])
        recall += common / len(by_gold[g])
    precision, recall = precision / len(predicted), recall / len(predicted)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1(precision, recall), 4),
    }


def pairwise(predicted: list[str], gold: list[str]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of articles placed in one story."""
    pairs_predicted = pairs_gold = both = 0
    for i, j in combinations(range(len(predicted)), 2):
        same_predicted, same_gold = predicted[i] == predicted[j], gold[i] == gold[j]
        pairs_predicted += same_predicted
        pairs_gold += same_gold
        both += same_predicted and same_gold
    return prf(both, pairs_predicted, pairs_gold)


_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|n't\b|'(?:s|re|ve|ll|d|m)\b)")
_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


def detokenise(text: str) -> str:
    """Undo the corpus tokenisation: no space before punctuation or clitics, straight quotes."""
    text = text.replace("`` ", '"').replace(" ''", '"').replace("``", '"').replace("''", '"')
    return _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))


def _locate(path: Path) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for candidate in (path / FILE, path / "stories" / FILE):
            if candidate.is_file():
                return candidate
        raise DatasetError(f"{path}: no {FILE} here or in {path / 'stories'}")
    raise DatasetError(f"{path}: no such file or folder")


def _read(file: Path, limit: int | None) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"{file}: cannot read ({error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DatasetError(f"{file}:{number}: not JSON ({error})") from error
        if not isinstance(record, dict) or any(name not in record for name in _FIELDS):
            raise DatasetError(f"{file}:{number}: expected a record with {', '.join(_FIELDS)}")
        if not isinstance(record["text"], str):
            raise DatasetError(f"{file}:{number}: text is not a string")
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    if not records:
        raise DatasetError(f"{file}: no records")
    return records


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with the definition of each metric."""
    lines = [
        f"Stories on {figures['dataset']}: {figures['articles']} articles, "
        f"{figures['stories_predicted']} stories predicted, {figures['stories_gold']} gold stories "
        f"in {figures['topics_gold']} topics",
    ]
    for level, meaning in (
        ("cluster", "gold story (one real event)"),
        ("topic", "topic (events of one kind)"),
    ):
        for metric in ("bcubed", "pairwise"):
            value = figures[level][metric]
            lines.append(
                f"  {metric:8} vs {meaning:28}  P {value['precision']:.4f}  R {value['recall']:.4f}  "
                f"F1 {value['f1']:.4f}"
            )
    lines += [
        f"  speed: {figures['articles_per_second']} articles/s ({figures['seconds_features']} s features, "
        f"{figures['seconds_clustering']} s clustering)",
        f"  two halves give the same stories as one batch: {'yes' if figures['halves_identical'] else 'no'}",
        "B-cubed: per article, precision = share of its predicted story in its gold story, recall = share",
        "of its gold story in its predicted story, averaged over articles. Pairwise: P/R/F1 over pairs of",
        "articles put in one story. Target: B-cubed F1 >= 0.90 against the gold story.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/stories"))
    print(render(result))
    print(json.dumps(result))

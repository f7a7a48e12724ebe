"""Extraction snapshot: every finding on a fixed set of real articles, to show that a change keeps output.

``python -m crosswire.bench.snapshot write OUT.jsonl`` extracts from the snapshot articles and
writes one JSON line per article (its id and everything the ledger stores of its extraction);
``python -m crosswire.bench.snapshot compare OUT.jsonl`` extracts again and lists, per kind of
finding, the articles whose findings differ, with the first differing items of a few of them. It
exits with status 1 when anything differs, so a refactoring can be checked in one command.

The articles: the first 1,000 of BBC News, the first 1,000 Reuters-21578 stories with their dates,
the first 400 PolNeAR train articles (quote-rich political news) and the built-in sample corpus.
Absent datasets are left out (the set is then smaller, and said so).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from crosswire.bench import DEFAULT_DATA, reuters_date
from crosswire.model import Article

__all__ = ["compare", "snapshot_articles", "write"]

SIZES = {"bbc": 1000, "reuters": 1000, "polnear": 400}


def _jsonl(path: Path, limit: int) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as stream:
        taken = 0
        for number, line in enumerate(stream, start=1):
            if taken >= limit:
                return
            record = json.loads(line)
            if isinstance(record, dict) and str(record.get("text") or "").strip():
                taken += 1
                yield number, record


def snapshot_articles(data: Path = DEFAULT_DATA) -> list[Article]:
    """The snapshot's articles, in a fixed order."""
    from crosswire.ingest import iter_articles
    from crosswire.pipeline import sample_corpus

    articles: list[Article] = []
    bbc = data / "corpus" / "bbc.jsonl"
    if bbc.is_file():
        for number, record in _jsonl(bbc, SIZES["bbc"]):
            articles.append(Article.create(record["text"], source=f"bbc#{number}", title=record.get("title")))
    reuters = data / "corpus" / "reuters21578.jsonl"
    if reuters.is_file():
        for number, record in _jsonl(reuters, SIZES["reuters"]):
            published = reuters_date(record.get("date"))
            articles.append(
                Article.create(
                    record["text"], source=f"reuters#{number}", title=record.get("title"), published=published
                )
            )
    polnear = data / "quotes" / "polnear" / "train" / "text"
    if polnear.is_dir():
        for file in sorted(polnear.glob("*.txt"))[: SIZES["polnear"]]:
            articles.append(Article.create(file.read_text(encoding="utf-8"), source=f"polnear/{file.name}"))
    articles.extend(item for item in iter_articles([str(sample_corpus())]) if isinstance(item, Article))
    return articles


def _records(articles: Sequence[Article]) -> Iterator[dict[str, Any]]:
    from crosswire.extract import extract_many
    from crosswire.extract.stage import ExtractionFailure

    for found in extract_many(articles):
        if isinstance(found, ExtractionFailure):
            yield {"source": found.article.source, "id": found.article.id, "failure": found.reason}
        else:
            yield {"source": found.article.source, "id": found.article.id, **found.stored()}


def write(out: Path, data: Path = DEFAULT_DATA) -> int:
    """Write the snapshot to ``out``; returns the number of articles."""
    articles = snapshot_articles(data)
    with out.open("w", encoding="utf-8") as stream:
        for record in _records(articles):
            stream.write(json.dumps(record, sort_keys=True, ensure_ascii=False) + "\n")
    return len(articles)


def compare(saved: Path, data: Path = DEFAULT_DATA, *, show: int = 3) -> list[str]:
    """The differences between ``saved`` and a new extraction, as lines (empty when identical)."""
    before = {}
    with saved.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            before[_key(record["source"])] = _normalised(record)
    lines: list[str] = []
    differing: dict[str, list[str]] = {}
    examples: list[str] = []
    articles = snapshot_articles(data)
    for record in _records(articles):
        record = _normalised(json.loads(json.dumps(record, sort_keys=True, ensure_ascii=False)))
        old = before.pop(record["source"], None)
        if old is None:
            lines.append(f"new article: {record['source']}")
            continue
        for kind in sorted(set(old) | set(record)):
            if old.get(kind) != record.get(kind):
                differing.setdefault(kind, []).append(record["source"])
                if len(examples) < show * 4 and len(differing[kind]) <= show:
                    examples.append(_first_difference(record["source"], kind, old.get(kind), record.get(kind)))
    lines.extend(f"missing article: {source}" for source in before)
    for kind, sources in sorted(differing.items()):
        lines.append(f"{kind}: {len(sources)} of {len(articles)} articles differ ({', '.join(sources[:show])} ...)")
    return lines + examples


def _key(source: str) -> str:
    """An article's source as compared: the sample corpus by its path inside the package, so that
    snapshots written in two checkouts of the repository compare."""
    _, marker, rest = source.rpartition(_SAMPLE)
    return f"{_SAMPLE.lstrip('/')}{rest}" if marker else source


_SAMPLE = "/sample/corpus/"


def _normalised(record: dict[str, Any]) -> dict[str, Any]:
    """``record`` with its sources (the article's and its story features') as :func:`_key` gives them."""
    record["source"] = _key(record["source"])
    features = record.get("story_features")
    if isinstance(features, dict) and isinstance(features.get("source"), str):
        features["source"] = _key(features["source"])
    return record


def _first_difference(source: str, kind: str, old: Any, new: Any) -> str:
    if isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            if a != b:
                return f"  {source} {kind}[{i}]:\n    was {json.dumps(a)[:600]}\n    now {json.dumps(b)[:600]}"
        return f"  {source} {kind}: {len(old)} items, now {len(new)}"
    return f"  {source} {kind}:\n    was {json.dumps(old)[:600]}\n    now {json.dumps(new)[:600]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crosswire.bench.snapshot", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("path", type=Path, help="the snapshot file (JSON Lines)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the benchmark data folder")
    args = parser.parse_args(argv)
    if args.action == "write":
        print(f"snapshot: {write(args.path, args.data)} articles written to {args.path}")
        return 0
    differences = compare(args.path, args.data)
    for line in differences:
        print(line)
    print("snapshot: identical" if not differences else "snapshot: output differs")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

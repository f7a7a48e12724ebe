"""Benchmark of copy detection (:mod:`crosswire.link.copies.linker`) on news corpora without copy annotations.

``score(path)`` takes ``bbc.jsonl`` (BBC News, Greene & Cunningham 2006: ``{id, section, outlet,
title, text}``), ``reuters21578.jsonl`` (``{newid, date, title, dateline, text}``) or a folder
holding either or both (``corpus/`` under the bench folder is looked in too). Per corpus:

- links and article pairs found, by kind;
- time (best of two runs), articles per second, and how time grows: the first 1/8, 1/4, 1/2
  and all of the corpus, seconds at each size and the ratio per doubling (2.0 is linear, 4.0 quadratic);
- recall of exact copies, the only gold these corpora have: pairs of articles whose normalised
  texts (words, case-folded) are identical must be found as ``duplicate`` or ``near_duplicate``;
- extra pairs: ``duplicate``/``near_duplicate`` pairs whose texts are not identical (real light
  edits, or false alarms: inspect them with ``examples=``);
- memory of the index per article (``tracemalloc`` over building it; the articles themselves,
  which the index only references, are not counted).
"""

from __future__ import annotations

import json
import logging
import time
import tracemalloc
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

from crosswire.bench import corpus_files, reuters_date
from crosswire.errors import DatasetError
from crosswire.link.copies.linker import CopyIndex, CopyOptions, Link, find_copies
from crosswire.model import Article, normalise_for_id

__all__ = ["render", "score"]

log = logging.getLogger(__name__)

FRACTIONS = (8, 4, 2, 1)
REPEATS = 2
WHOLE_KINDS = ("duplicate", "near_duplicate")


def score(
    path: Path | str,
    *,
    limit: int | None = None,
    options: CopyOptions | None = None,
    examples: Path | str | None = None,
) -> dict[str, Any]:
    """Run copy detection on the corpus or corpora at ``path``; ``examples`` names a file for samples."""
    files = corpus_files(Path(path))
    figures: dict[str, Any] = {"corpora": {}}
    samples: list[str] = []
    for file in files:
        articles = _load(file, limit)
        figures["corpora"][file.name] = _score_corpus(articles, options or CopyOptions(), samples)
        samples.append("")
    if examples is not None:
        Path(examples).write_text("\n".join(samples), encoding="utf-8")
    return figures


def _load(file: Path, limit: int | None) -> list[Article]:
    articles: list[Article] = []
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DatasetError(f"{file}: cannot read ({error})") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if "newid" in record:
                article_id = f"reuters/{record['newid']}"
                published = reuters_date(record.get("date"))
            else:
                article_id = str(record["id"])
                published = None
            text = record.get("text") or ""
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise DatasetError(f"{file}:{number}: not a corpus record ({error})") from error
        # The dataset's own ids, not text-derived ones: identical texts must stay two articles.
        articles.append(Article(id=article_id, text=text, title=record.get("title"), published=published))
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise DatasetError(f"{file}: no records")
    return articles


def _pair(link: Link) -> tuple[str, str]:
    return link.a.article_id, link.b.article_id


def _gold_pairs(articles: Iterable[Article]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        key = normalise_for_id(article.text)
        if key:
            groups[key].append(article.id)
    return {(x, y) if x < y else (y, x) for ids in groups.values() if len(ids) > 1 for x, y in combinations(ids, 2)}


def _score_corpus(articles: list[Article], options: CopyOptions, samples: list[str]) -> dict[str, Any]:
    n = len(articles)
    scaling: list[dict[str, Any]] = []
    links: list[Link] = []
    for fraction in FRACTIONS:
        size = max(1, n // fraction)
        best = float("inf")
        for _ in range(REPEATS):  # the best of a few runs: the machine may be busy with other work
            started = time.perf_counter()
            links = find_copies(articles[:size], options)
            best = min(best, time.perf_counter() - started)
        scaling.append({"articles": size, "seconds": round(best, 3)})
    for smaller, larger in pairwise(scaling):
        larger["ratio"] = round(larger["seconds"] / smaller["seconds"], 2) if smaller["seconds"] else None
    seconds = scaling[-1]["seconds"]

    kinds = Counter(link.kind for link in links)
    pairs_by_kind = {kind: len({_pair(x) for x in links if x.kind == kind}) for kind in sorted(kinds)}
    whole = {_pair(x): x for x in links if x.kind in WHOLE_KINDS}
    gold = _gold_pairs(articles)
    found = gold & whole.keys()
    extra = [whole[p] for p in sorted(whole.keys() - gold)]
    passage_only = {_pair(x) for x in links if x.kind == "shared_passage"} - whole.keys()
    texts = {a.id: a.text for a in articles}
    passage_words = sorted(
        len(texts[x.a.article_id][x.a.start : x.a.end].split())
        for x in links
        if x.kind == "shared_passage" and _pair(x) in passage_only
    )

    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index = CopyIndex.rebuild(articles, options)
    memory = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    del index

    _sample(articles, texts, links, extra, passage_only, samples)
    return {
        "articles": n,
        "seconds": seconds,
        "articles_per_second": round(n / seconds, 1) if seconds else None,
        "scaling": scaling,
        "links": dict(sorted(kinds.items())),
        "pairs": pairs_by_kind,
        "exact_copy_pairs": len(gold),
        "exact_copy_recall": round(len(found) / len(gold), 4) if gold else None,
        "extra_pairs": dict(Counter(x.kind for x in extra)),
        "passage_only_pairs": len(passage_only),
        "passage_words_median": passage_words[len(passage_words) // 2] if passage_words else None,
        "index_bytes_per_article": round(memory / n),
    }


def _sample(
    articles: list[Article],
    texts: dict[str, str],
    links: list[Link],
    extra: list[Link],
    passage_only: set[tuple[str, str]],
    out: list[str],
) -> None:
    titles = {a.id: a.title or "" for a in articles}
    out.append(f"## extra duplicate / near_duplicate pairs ({len(extra)})")
    for link in extra[:: max(1, len(extra) // 25)][:25]:
        out.append(f"{link.kind} {link.score:.3f} {link.a.article_id} | {titles[link.a.article_id]}")
        out.append(f"    {link.b.article_id} | {titles[link.b.article_id]}")
    passages = [x for x in links if x.kind == "shared_passage" and _pair(x) in passage_only]
    out.append(f"## shared passages between otherwise different articles ({len(passages)})")
    for link in passages[:: max(1, len(passages) // 40)][:40]:
        text = texts[link.a.article_id][link.a.start : link.a.end]
        out.append(f"{link.score:.3f} {link.a.article_id} | {titles[link.a.article_id]}")
        out.append(f"    {link.b.article_id} | {titles[link.b.article_id]}")
        out.append(f"    {' '.join(text.split())[:300]}")


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with what each one means."""
    lines = [
        "Copy detection (crosswire.link.copies.linker): duplicates, near-duplicates, shared passages.",
        "  exact-copy recall: share of article pairs with identical normalised text (words,",
        "    case-folded) found as duplicate or near_duplicate -- the only gold these corpora have;",
        "  extra pairs: duplicate/near_duplicate pairs whose texts are not identical (light edits",
        "    or false alarms); passage-only pairs: pairs linked only by shared passages;",
        "  scaling: seconds on the first 1/8, 1/4, 1/2 and all articles; ratio per doubling",
        "    (2.0 = linear, 4.0 = quadratic); index memory: tracemalloc bytes per indexed article.",
    ]
    for name, f in figures["corpora"].items():
        lines.append("")
        lines.append(f"{name}: {f['articles']} articles in {f['seconds']} s ({f['articles_per_second']}/s)")
        lines.append(f"  links by kind: {f['links']}")
        lines.append(f"  article pairs by kind: {f['pairs']}")
        lines.append(
            f"  exact-copy pairs: {f['exact_copy_pairs']}, recall {f['exact_copy_recall']}; "
            f"extra pairs: {f['extra_pairs']}"
        )
        lines.append(
            f"  passage-only pairs: {f['passage_only_pairs']} (median passage {f['passage_words_median']} words)"
        )
        steps = ", ".join(
            f"{s['articles']}: {s['seconds']} s" + (f" (x{s['ratio']})" if "ratio" in s else "") for s in f["scaling"]
        )
        lines.append(f"  scaling: {steps}")
        lines.append(f"  index memory: {f['index_bytes_per_article']} bytes per article")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    target = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench"
    figures = score(target, examples=sys.argv[2] if len(sys.argv) > 2 else None)
    print(render(figures))
    print(json.dumps(figures))

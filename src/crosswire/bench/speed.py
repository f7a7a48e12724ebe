"""Benchmark: extraction throughput per stage, per core and with all cores, against a library baseline.

``score(path)`` reads a JSON Lines corpus (``text`` field, e.g. BBC News or Reuters-21578) or a
folder of plain-text articles (PolNeAR's ``quotes/polnear/train/text``) and measures, on the same
articles in the same run:

- each extractor, one core (CPU time of this process): articles/s and words/s, run in the extract
  stage's order over each article's one document, each given the findings it requires, as the
  pipeline runs them (a view of the document is paid for by the first extractor that asks);
- the whole default extraction (every extractor, as ``crosswire extract`` runs it), one core;
- the same with all cores (a process pool fed in chunks, as ``crosswire run --workers`` does);
- the baseline a user would otherwise assemble: quantulum3 for quantities plus dateparser's
  ``search_dates`` for dates (the ``bench`` extra), on a sample of the articles because it is slow;
  the ratio is crosswire's one-core rate over the baseline's one-core rate;
- peak memory (maximum resident set size of this process and of the pool's workers).

Figures are printed, never asserted: tests do not time anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from crosswire.buildinfo import build_name
from crosswire.errors import DatasetError
from crosswire.model import Article

__all__ = ["load_corpus", "output_digest", "render", "score"]

BASELINE_SAMPLE = 60
"""Articles the baseline is timed on (it manages about 13 a second)."""


def load_corpus(path: Path, limit: int | None = None) -> list[Article]:
    """Articles from a JSON Lines corpus with a ``text`` field (and optional ``title``), or from a
    folder of plain-text articles (``*.txt``, one article each: PolNeAR's ``text`` folder)."""
    if path.is_dir():
        candidates = sorted(path.glob("*.jsonl"))
        if not candidates:
            return _text_folder(path, limit)
        path = candidates[0]
    articles: list[Article] = []
    try:
        with path.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if limit is not None and len(articles) >= limit:
                    break
                record = json.loads(line)
                text = record.get("text") or ""
                if text.strip():
                    articles.append(Article.create(text, source=f"{path.name}#{number}", title=record.get("title")))
    except (OSError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path}: not a JSON Lines corpus ({exc})") from None
    if not articles:
        raise DatasetError(f"{path}: no article with text")
    return articles


def _text_folder(path: Path, limit: int | None) -> list[Article]:
    """The ``*.txt`` files of a folder as articles, in name order."""
    files = sorted(path.glob("*.txt"))
    if not files:
        raise DatasetError(f"{path}: no .jsonl corpus and no .txt articles in this folder")
    articles: list[Article] = []
    for file in files:
        if limit is not None and len(articles) >= limit:
            break
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DatasetError(f"{file}: not a UTF-8 text article ({exc})") from None
        if text.strip():
            articles.append(Article.create(text, source=file.name))
    if not articles:
        raise DatasetError(f"{path}: no article with text")
    return articles


def _rate(function: Callable[[Any], object], articles: list[Any], words: int | None = None) -> dict[str, float]:
    """Articles and words per second of ``function`` over ``articles``, in CPU time of this process."""

    def each() -> None:
        for article in articles:
            function(article)

    return _timed(each, len(articles), words if words is not None else sum(len(a.text.split()) for a in articles))


def _rate_many(articles: list[Article]) -> dict[str, float]:
    """:func:`_rate` of the whole extraction through ``extract_many``, as the pipeline runs it."""
    from crosswire.extract import extract_many

    return _timed(lambda: list(extract_many(articles)), len(articles), sum(len(a.text.split()) for a in articles))


def _timed(run: Callable[[], object], articles: int, words: int) -> dict[str, float]:
    started = time.process_time()
    run()
    seconds = time.process_time() - started
    return {
        "seconds": round(seconds, 3),
        "articles_per_second": round(articles / seconds, 1),
        "words_per_second": round(words / seconds),
    }


def _extract_chunk(articles: list[Article]) -> int:
    from crosswire.extract import extract_many

    return sum(1 for _ in extract_many(articles))


def _parallel(articles: list[Article], workers: int, chunk: int = 64) -> dict[str, float]:
    words = sum(len(a.text.split()) for a in articles)
    chunks = [articles[i : i + chunk] for i in range(0, len(articles), chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(_extract_chunk, chunks[:workers]))  # warm the workers: imports, gazetteer
        started = time.perf_counter()
        done = sum(pool.map(_extract_chunk, chunks))
        seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "seconds": round(seconds, 3),
        "articles_per_second": round(done / seconds, 1),
        "words_per_second": round(words / seconds),
    }


def _baseline(articles: list[Article]) -> dict[str, Any] | None:
    try:
        from dateparser.search import search_dates
        from quantulum3 import parser
    except ImportError:
        return None

    def run(article: Article) -> None:
        parser.parse(article.text)
        search_dates(article.text)

    run(articles[0])  # first call loads models and language data
    return _rate(run, articles)


def _peak_mb() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"process": round(own, 1), "largest_worker": round(children, 1)}


def _per_extractor(articles: list[Article]) -> dict[str, dict[str, float]]:
    """Each extractor's rate, in the stage's order over each article's one document, as the pipeline
    runs them: a view of the document (its sentences, say) is paid for by the first extractor to ask."""
    from crosswire.extract.stage import EXTRACTORS
    from crosswire.text.document import Document

    docs = [Document(a) for a in articles]
    found: list[dict[str, Any]] = [{} for _ in docs]
    words = sum(len(a.text.split()) for a in articles)
    rates: dict[str, dict[str, float]] = {}
    for extractor in EXTRACTORS:

        def each(run: Callable[[Document, dict[str, Any]], dict[str, Any]] = extractor.run) -> None:
            for doc, so_far in zip(docs, found, strict=True):
                so_far.update(run(doc, so_far))

        rates["story features" if extractor.name == "features" else extractor.name] = _timed(each, len(articles), words)
    return rates


def score(path: Path, *, limit: int | None = None, workers: int | None = None) -> dict[str, Any]:
    """Throughput of each extractor, of the whole extraction on one core and on all, and of the baseline."""
    from crosswire.extract import extract

    articles = load_corpus(path, limit or 2000)
    extract(articles[0])  # build lazy tables (gazetteer, automata) before timing
    per_stage = _per_extractor(articles)
    # the whole extraction as the pipeline runs it: extract_many, a batch of articles per extractor
    one_core = _rate_many(articles)
    digest = output_digest(articles)
    cores = workers or os.cpu_count() or 1
    all_cores = _parallel(articles, cores)
    sample = articles[:BASELINE_SAMPLE]
    baseline = _baseline(sample)
    ours_on_sample = _rate_many(sample)
    figures: dict[str, Any] = {
        "dataset": str(path),
        "articles": len(articles),
        "mean_words": round(sum(len(a.text.split()) for a in articles) / len(articles)),
        "mean_chars": round(sum(len(a.text) for a in articles) / len(articles)),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "build": build_name(),
        "output_digest": digest,
        "stages": per_stage,
        "extract_one_core": one_core,
        "extract_all_cores": all_cores,
        "baseline": baseline,
        "baseline_sample": len(sample),
        "ratio_vs_baseline": (
            round(ours_on_sample["articles_per_second"] / baseline["articles_per_second"], 1) if baseline else None
        ),
        "peak_rss_mb": _peak_mb(),
    }
    return figures


def output_digest(articles: list[Article]) -> str:
    """SHA-256 of every extraction record of ``articles`` as JSON: equal digests, identical output."""
    from crosswire.extract import extract

    digest = hashlib.sha256()
    for article in articles:
        digest.update(json.dumps(extract(article).record(), sort_keys=True).encode())
    return digest.hexdigest()


def render(figures: dict[str, Any]) -> str:
    """The figures as a table, with what each means."""
    lines = [
        f"speed on {figures['dataset']}: {figures['articles']} articles, mean {figures['mean_words']} words "
        f"({figures['mean_chars']} characters); {figures['machine']['cpus']} CPUs, "
        f"Python {figures['machine']['python']}; {figures['build']} build",
        "per extractor, CPU time of one core (in the stage's order, over one document per article):",
    ]
    for name, rate in figures["stages"].items():
        lines.append(
            f"  {name:<11} {rate['articles_per_second']:>9.1f} articles/s {rate['words_per_second']:>10} words/s"
        )
    one, every = figures["extract_one_core"], figures["extract_all_cores"]
    lines.append(
        f"whole extraction, one core (CPU time):  {one['articles_per_second']:>9.1f} articles/s "
        f"{one['words_per_second']:>10} words/s"
    )
    lines.append(
        f"whole extraction, {every['workers']} workers (wall time): {every['articles_per_second']:>9.1f} articles/s "
        f"{every['words_per_second']:>10} words/s"
    )
    if figures["baseline"]:
        base = figures["baseline"]
        lines.append(
            f"baseline (quantulum3 + dateparser.search_dates), one core, {figures['baseline_sample']} articles: "
            f"{base['articles_per_second']:.1f} articles/s; crosswire is {figures['ratio_vs_baseline']}x faster "
            "on the same articles"
        )
    else:
        lines.append("baseline skipped: install the bench extra (pip install 'crosswire[bench]')")
    peak = figures["peak_rss_mb"]
    lines.append(f"output digest (SHA-256 of every extraction record): {figures['output_digest']}")
    lines.append(
        f"peak memory (max RSS): {peak['process']} MB this process, {peak['largest_worker']} MB largest worker"
    )
    return "\n".join(lines)

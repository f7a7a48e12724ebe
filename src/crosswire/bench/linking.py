"""Benchmark: a whole run on quote-rich real news, and linking in batches against one run.

``score(path)`` takes a folder of plain-text articles (by default PolNeAR's 840 training articles,
``quotes/polnear/train/text`` of the bench data: US political news, full of quotes and claims)
and measures, in CPU time of this one process (one core):

1. **the whole run** as ``crosswire run FOLDER --workers 1`` does it: ingest, extract and link
   into a fresh ledger, each stage's time per article, the run's articles per second, and the
   link stage's time per step (reading, quote index, copies, stories, quote links, claims,
   saving state, writing: :attr:`crosswire.link.LinkSummary.seconds`), which shows where
   linking spends its time;
2. **linking in batches**: the same extracted articles linked again into fresh ledgers, once in
   one batch and once in ``batches`` batches (each batch's articles stored, then the link stage
   run), twice each, taking turns, the faster of the two kept. Cost ratio = batches / one run
   (the target is 1.3 for ten batches). Measured twice: with the articles' publication dates
   (``metadata.tsv`` of the PolNeAR folder, read at run time), batches in publication order as
   a feed delivers them; and without dates (the worst case: every story is near every batch).
   The figures say too whether the batches gave the same links, stories and assessments as the
   one run.

Extraction is timed only in step 1; the batches reuse its findings.
"""

from __future__ import annotations

import csv
import json
import logging
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError
from crosswire.extract import EXTRACTION_VERSION
from crosswire.ingest import ingest
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import link_stage
from crosswire.model import Article

__all__ = ["render", "score"]

log = logging.getLogger(__name__)

BATCHES = 10
TURNS = 2
"""Runs of each way of linking, taking turns; the fastest counts (the machine may be busy)."""

Found = tuple[Article, dict[str, Any]]


def score(path: Path, *, limit: int | None = None, batches: int = BATCHES, turns: int = TURNS) -> dict[str, Any]:
    """The whole run and the batch ratio on the articles of ``path`` (a folder of ``.txt`` files)."""
    files = _files(Path(path), limit)
    with tempfile.TemporaryDirectory(prefix="crosswire-bench-link-") as folder:
        with open_ledger(Path(folder) / "run.db") as ledger:
            run = _whole_run(ledger, files)
            found = list(ledger.iter_extractions())
        dates = _dates(Path(path))
        modes: dict[str, Any] = {}
        if dates and all(Path(a.source).stem in dates for a, _ in found):
            # publication dates change what is extracted (times are read relative to them)
            dated = _extracted([_dated(a, dates) for a, _ in found])
            modes["dated"] = _batches(Path(folder), sorted(dated, key=_order), batches, turns)
        modes["undated"] = _batches(Path(folder), sorted(found, key=_order), batches, turns)
    return {"dataset": str(path), "articles": len(files), "run": run, "batches": batches, "linking": modes}


def _files(path: Path, limit: int | None) -> list[Path]:
    if not path.is_dir():
        raise DatasetError(f"{path}: not a folder of .txt articles")
    files = sorted(path.glob("*.txt"))[:limit]
    if not files:
        raise DatasetError(f"{path}: no .txt articles")
    return files


def _whole_run(ledger: Ledger, files: Sequence[Path]) -> dict[str, Any]:
    from crosswire.pipeline import extract_stage

    count = len(files)
    started = time.process_time()
    ingest([str(f) for f in files], ledger, workers=1)
    ingested = time.process_time()
    extract_stage(ledger, workers=1)
    extracted = time.process_time()
    summary = link_stage(ledger)
    linked = time.process_time()
    seconds = {"ingest": ingested - started, "extract": extracted - ingested, "link": linked - extracted}
    total = linked - started
    return {
        "ms_per_article": {stage: round(value * 1000 / count, 2) for stage, value in seconds.items()},
        "seconds": {stage: round(value, 2) for stage, value in seconds.items()},
        "articles_per_second": round(count / total, 1) if total else None,
        "link_steps": {step: round(value * 1000 / count, 2) for step, value in summary.seconds.items()},
        "links": dict(sorted(summary.links.items())),
        "stories": summary.stories,
    }


def _batches(folder: Path, found: list[Found], batches: int, turns: int) -> dict[str, Any]:
    """Link ``found`` in one batch and in ``batches`` batches, taking turns; the fastest of each."""
    best: dict[int, float] = {}
    results: dict[int, dict[str, Any]] = {}
    steps: dict[int, Counter[str]] = {}
    for turn in range(turns):
        for parts in (1, batches):
            db = folder / f"batches-{parts}-{turn}.db"
            with open_ledger(db) as ledger:
                seconds, spent = _link_in(ledger, found, parts)
                if parts not in best or seconds < best[parts]:
                    best[parts], steps[parts] = seconds, spent
                results[parts] = _outcome(ledger)
            for leftover in folder.glob(f"{db.name}*"):
                leftover.unlink()
    one, many = best[1], best[batches]
    return {
        "seconds": {"one": round(one, 2), "batches": round(many, 2)},
        "ms_per_article": {"one": round(one * 1000 / len(found), 2), "batches": round(many * 1000 / len(found), 2)},
        "ratio": round(many / one, 2) if one else None,
        "steps_one": {k: round(v, 2) for k, v in steps[1].items()},
        "steps_batches": {k: round(v, 2) for k, v in steps[batches].items()},
        "same_as_one_run": {key: results[1][key] == results[batches][key] for key in results[1]},
        "stories": {"one": len(results[1]["stories"]), "batches": len(results[batches]["stories"])},
    }


def _link_in(ledger: Ledger, found: list[Found], parts: int) -> tuple[float, Counter[str]]:
    """Store ``found`` in ``parts`` batches, linking after each; the link stage's CPU seconds."""
    size = -(-len(found) // parts)
    seconds = 0.0
    steps: Counter[str] = Counter()
    for start in range(0, len(found), size):
        chunk = found[start : start + size]
        ledger.add_articles([a for a, _ in chunk])
        ledger.put_extractions([(a.id, f) for a, f in chunk], EXTRACTION_VERSION)
        began = time.process_time()
        summary = link_stage(ledger)
        seconds += time.process_time() - began
        steps.update(summary.seconds)
    return seconds, steps


def _outcome(ledger: Ledger) -> dict[str, Any]:
    return {
        "links": sorted(link["id"] for link in ledger.iter_links()),
        "stories": sorted(sorted(a["id"] for a in s["articles"]) for s in ledger.iter_stories()),
        "assessments": sorted(a["id"] for a in ledger.iter_assessments()),
    }


def _extracted(articles: list[Article]) -> list[Found]:
    from crosswire.extract import ExtractionFailure, extract_many

    return [
        (found.article, found.stored()) for found in extract_many(articles) if not isinstance(found, ExtractionFailure)
    ]


def _dates(path: Path) -> dict[str, datetime]:
    """Publication dates by file name from PolNeAR's ``metadata.tsv`` (next to the split folders)."""
    for folder in (path, *path.parents[:3]):
        table = folder / "metadata.tsv"
        if table.is_file():
            break
    else:
        return {}
    found: dict[str, datetime] = {}
    with table.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            name, day = row.get("filename"), row.get("publication_date")
            if name and day:
                try:
                    found[name] = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)
                except ValueError:
                    continue
    return found


def _dated(article: Article, dates: dict[str, datetime]) -> Article:
    from dataclasses import replace

    day = dates.get(Path(article.source).stem)
    return replace(article, published=day) if day else article


def _order(item: Found) -> tuple[bool, str, str]:
    article = item[0]
    return (article.published is None, article.published.isoformat() if article.published else "", article.id)


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with what is measured."""
    run = figures["run"]
    ms = run["ms_per_article"]
    lines = [
        f"Whole run on {figures['articles']} articles of {figures['dataset']} (one process, CPU time):",
        f"  ingest {ms['ingest']} ms, extract {ms['extract']} ms, link {ms['link']} ms per article: "
        f"{run['articles_per_second']} articles/s",
        "  link steps, ms per article: " + ", ".join(f"{k} {v}" for k, v in run["link_steps"].items()),
        f"  links {json.dumps(run['links'])}; {run['stories']} stories",
        f"Linking the extracted articles in {figures['batches']} batches against one run "
        "(CPU seconds of the link stage, fastest of the turns; ratio = batches / one run):",
    ]
    for mode, found in figures["linking"].items():
        same = ", ".join(f"{k} {'same' if v else 'differ'}" for k, v in found["same_as_one_run"].items())
        lines.append(
            f"  {mode:8} one run {found['seconds']['one']} s, {figures['batches']} batches "
            f"{found['seconds']['batches']} s: ratio {found['ratio']} ({same}; stories {found['stories']['one']} "
            f"/ {found['stories']['batches']})"
        )
        steps = ", ".join(f"{k} {v}" for k, v in found["steps_batches"].items())
        lines.append(f"           batches by step, s: {steps}")
    lines.append("Target: whole run >= 250 articles/s with linking no dearer than extraction; batch ratio <= 1.3.")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    logging.basicConfig(level=logging.WARNING)
    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/quotes/polnear/train/text"))
    print(render(result))
    print(json.dumps(result))

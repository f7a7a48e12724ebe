"""The pipeline: crosswire's stages in the order they run.

::

    1. ingest   crosswire.ingest    files, feeds, archives  ->  articles in the ledger (once each)
    2. extract  crosswire.extract   each new article        ->  quotes, quantities, times, places,
                                                                 entities, claims (with spans)
    3. link     crosswire.link      new articles            ->  copies, stories, shared quotes,
                                                                 claim links and assessments
    4. report   crosswire.report    the ledger              ->  Markdown / HTML report

:func:`run` calls the stages in that order on the articles a run brings; each stage reads what
the previous ones stored in the ledger, so a run can stop anywhere and be run again.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from crosswire.extract import EXTRACTION_VERSION, Extraction, ExtractionFailure, extract_many
from crosswire.ingest import IngestOptions, IngestSummary, Progress, ingest
from crosswire.ledger import SQLiteLedger, open_ledger
from crosswire.link import LinkSummary, link_stage
from crosswire.report import write_report

__all__ = ["ExtractSummary", "RunResult", "extract_stage", "run", "run_demo", "sample_corpus"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ExtractSummary:
    """What the extract stage did: articles extracted, and those an extractor failed on."""

    extracted: int = 0
    failures: list[ExtractionFailure] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"extracted": self.extracted, "failed": [str(f) for f in self.failures]}


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run did: the summary of each stage and where the report was written (if it was)."""

    ingest: IngestSummary
    extract: ExtractSummary
    link: LinkSummary
    report: Path | None

    def as_dict(self) -> dict[str, object]:
        return {
            "ingest": self.ingest.as_dict(),
            "extract": self.extract.as_dict(),
            "link": self.link.as_dict(),
            "report": str(self.report) if self.report else None,
        }


def extract_stage(
    ledger: SQLiteLedger, *, progress: Progress | None = None, batch_size: int = 200
) -> ExtractSummary:
    """Extract from every article that has no extraction of the current version, storing in batches."""
    summary = ExtractSummary()
    pending: list[tuple[str, dict[str, Any]]] = []
    todo = ledger.articles_to_extract(EXTRACTION_VERSION)
    for done, found in enumerate(extract_many(todo), start=1):
        if isinstance(found, Extraction):
            pending.append((found.article.id, found.stored()))
            summary.extracted += 1
        else:
            summary.failures.append(found)
        if len(pending) >= batch_size:
            ledger.put_extractions(pending, EXTRACTION_VERSION)
            pending.clear()
        if progress is not None:
            progress(found.article.title or found.article.id, done, 0)
    if pending:
        ledger.put_extractions(pending, EXTRACTION_VERSION)
    return summary


def run(
    paths: Iterable[str],
    ledger: SQLiteLedger,
    options: IngestOptions | None = None,
    *,
    report: Path | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Ingest ``paths`` into ``ledger``, run every stage on the ledger, and write the report."""
    # 1. ingest
    ingested = ingest(paths, ledger, options, stdin=stdin, progress=progress, command="run")
    # 2. extract
    extracted = extract_stage(ledger, progress=progress)
    # 3. link
    linked = link_stage(ledger, progress=progress)
    # 4. report
    written = write_report(ledger, report) if report is not None else None
    return RunResult(ingest=ingested, extract=extracted, link=linked, report=written)


def sample_corpus() -> Path:
    """The folder of the built-in sample corpus (shipped in the package)."""
    return Path(str(resources.files("crosswire") / "sample" / "corpus"))


def run_demo(directory: Path, *, progress: Progress | None = None) -> RunResult:
    """Run the sample corpus into ``directory`` (a fresh ledger and ``report.html`` there)."""
    directory.mkdir(parents=True, exist_ok=True)
    ledger_path = directory / "crosswire.db"
    for stale in (ledger_path, directory / "crosswire.db-wal", directory / "crosswire.db-shm"):
        stale.unlink(missing_ok=True)
    corpus = directory / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(sample_corpus(), corpus)
    with open_ledger(ledger_path) as ledger:
        return run([str(corpus)], ledger, report=directory / "report.html", progress=progress)

"""The pipeline: crosswire's stages in the order they run.

::

    1. ingest   crosswire.ingest    files, feeds, archives  ->  articles in the ledger (once each)
    2. extract  crosswire.extract   each new article        ->  quotes, quantities, times, places,
                                                                 entities, claims (with spans)
    3. link     crosswire.link      new articles            ->  copies, stories, shared quotes,
                                                                 claim links, independent sources
    4. report   crosswire.report.render    the ledger              ->  Markdown / HTML report

:func:`run` calls the stages in that order on the articles a run brings; each stage reads what
the previous ones stored in the ledger, so a run can stop anywhere and be run again.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from crosswire.budget import DEFAULT_BUDGET
from crosswire.desk.outlets import read_csv
from crosswire.extract import EXTRACTION_VERSION, ExtractionFailure, extract_many
from crosswire.ingest import IngestOptions, IngestSummary, Progress, ingest
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import LinkSummary, link_stage
from crosswire.memory import DEFAULT_MEMORY, MemoryBudget
from crosswire.model import Article
from crosswire.parallel import chunked, ordered_map
from crosswire.report import check_output, write_report

if TYPE_CHECKING:
    from crosswire.cluster import ClusterSpec

__all__ = ["ExtractSummary", "RunResult", "extract_stage", "run", "run_demo", "sample_corpus", "sample_register"]

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


PARALLEL_ARTICLES = 64
"""Fewer articles than this are extracted in this process: starting workers would cost more."""


def extract_stage(
    ledger: Ledger,
    *,
    progress: Progress | None = None,
    batch_size: int = 200,
    workers: int = 1,
    budget: float | None = DEFAULT_BUDGET,
) -> ExtractSummary:
    """Extract from every article that has no extraction of the current version, storing in batches.

    With ``workers`` above one, articles are extracted in a process pool, in chunks; this process
    stays the only writer, and the result is the same as with one worker. An article over its
    time ``budget`` (seconds of processor time, in whichever process extracts it) is a failure.
    """
    summary = ExtractSummary()
    pending: list[tuple[str, dict[str, Any]]] = []
    total = ledger.count_to_extract(EXTRACTION_VERSION)
    in_use = workers if total >= PARALLEL_ARTICLES else 1
    chunks = chunked(ledger.articles_to_extract(EXTRACTION_VERSION), 16)
    done = 0
    for results in ordered_map(partial(_extract_chunk, budget=budget), chunks, workers=in_use):
        for found in results:
            done += 1
            if isinstance(found, ExtractionFailure):
                summary.failures.append(found)
            else:
                pending.append(found)
                summary.extracted += 1
        if len(pending) >= batch_size:
            ledger.put_extractions(pending, EXTRACTION_VERSION)
            pending.clear()
        if progress is not None:
            progress("extract", done, total)
    if pending:
        ledger.put_extractions(pending, EXTRACTION_VERSION)
    return summary


def _extract_chunk(
    articles: list[Article], *, budget: float | None
) -> list[tuple[str, dict[str, Any]] | ExtractionFailure]:
    """Extract a chunk of articles (in a worker process): what the ledger stores, or the failure."""
    return [
        found if isinstance(found, ExtractionFailure) else (found.article.id, found.stored())
        for found in extract_many(articles, budget=budget)
    ]


def run(
    paths: Iterable[str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    *,
    report: Path | None = None,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    cluster: ClusterSpec | str | None = None,
    memory: MemoryBudget | str = DEFAULT_MEMORY,
    budget: float | None = DEFAULT_BUDGET,
) -> RunResult:
    """Ingest ``paths`` into ``ledger``, run every stage on the ledger, and write the report.

    With ``cluster`` (``"local"``, ``"local:N"``, ``"tcp://HOST:PORT"``; the ``distributed`` extra),
    reading and extraction run as tasks on a Dask cluster, and this process writes the ledger and
    links; the ledger ends the same as without. ``memory`` bounds what the run holds besides the
    linkers' state (``"4GB"``; see ``crosswire.memory``). ``budget`` is each article's extraction
    time budget in seconds of processor time (``None``: none; on a cluster, the default budget).
    A ``report`` path that cannot be written is an ``OptionError`` before any work.
    """
    if report is not None:
        check_output(report)
    limits = memory if isinstance(memory, MemoryBudget) else MemoryBudget.parse(memory)
    if cluster is not None:
        from crosswire.cluster import cluster_ingest_extract, connect

        extracted = ExtractSummary()
        with connect(cluster, limits) as client:
            # 1. ingest and 2. extract, as tasks over partitions of the inputs
            ingested = cluster_ingest_extract(
                paths, ledger, options, extracted, client=client, budget=limits, stdin=stdin, progress=progress
            )
    else:
        # 1. ingest
        ingested = ingest(paths, ledger, options, stdin=stdin, progress=progress, command="run", workers=workers)
        # 2. extract
        extracted = extract_stage(
            ledger, progress=progress, workers=workers, batch_size=limits.batch_articles(), budget=budget
        )
    # 3. link
    linked = link_stage(ledger, progress=progress)
    # 4. report
    written = write_report(ledger, report) if report is not None else None
    return RunResult(ingest=ingested, extract=extracted, link=linked, report=written)


def sample_corpus() -> Path:
    """The folder of the built-in sample corpus (shipped in the package)."""
    return Path(str(resources.files("crosswire") / "sample" / "corpus"))


def sample_register() -> Path:
    """The register entries of the sample corpus's invented outlets (a CSV shipped in the package)."""
    return Path(str(resources.files("crosswire") / "sample" / "outlets.csv"))


def run_demo(directory: Path, *, progress: Progress | None = None) -> RunResult:
    """Run the sample corpus into ``directory`` (a fresh ledger and ``report.html`` there).

    The sample's register of outlets (its invented owners and state media) is imported first.
    """
    directory.mkdir(parents=True, exist_ok=True)
    ledger_path = directory / "crosswire.db"
    for stale in (ledger_path, directory / "crosswire.db-wal", directory / "crosswire.db-shm"):
        stale.unlink(missing_ok=True)
    corpus = directory / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    shutil.copytree(sample_corpus(), corpus)
    with open_ledger(ledger_path) as ledger:
        ledger.put_outlet_entries(read_csv(sample_register()))
        return run([str(corpus)], ledger, report=directory / "report.html", progress=progress)

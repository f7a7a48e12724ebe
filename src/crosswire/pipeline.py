"""The pipeline: crosswire's stages in the order they run.

::

    1. ingest   crosswire.ingest    files, feeds, archives  ->  articles in the ledger (once each)
    2. report   crosswire.report    the ledger              ->  Markdown / HTML report

:func:`run` calls the stages in that order on the articles a run brings; each stage reads what
the previous ones stored in the ledger, so a run can stop anywhere and be run again.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from crosswire.ingest import IngestOptions, IngestSummary, Progress, ingest
from crosswire.ledger import SQLiteLedger, open_ledger
from crosswire.report import write_report

__all__ = ["RunResult", "run", "run_demo", "sample_corpus"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a run did: the ingest summary and where the report was written (if it was)."""

    ingest: IngestSummary
    report: Path | None


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
    summary = ingest(paths, ledger, options, stdin=stdin, progress=progress, command="run")
    # 2. report
    written = write_report(ledger, report) if report is not None else None
    return RunResult(ingest=summary, report=written)


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

"""crosswire: a sourced, de-duplicated, cross-checked record from a pile or a stream of news.

The public surface, stage by stage (see ``docs/architecture.md``)::

    from crosswire import open_ledger, ingest, run

    with open_ledger("crisis.db") as ledger:
        result = run(["inbox/"], ledger, report=Path("report.html"))
"""

from __future__ import annotations

from crosswire._version import __version__  # first: modules below read it while the package loads
from crosswire.errors import CrosswireError, InputError, LedgerError, MissingExtraError, OptionError
from crosswire.extract import Extraction
from crosswire.ingest import IngestOptions, IngestSummary, Problem, ingest, iter_articles
from crosswire.ledger import Ledger, SQLiteLedger, open_ledger
from crosswire.link import LinkOptions, link_stage
from crosswire.model import Article, Sighting, Span
from crosswire.pipeline import RunResult, extract_stage, run, run_demo
from crosswire.report import build_report, render_html, render_markdown, write_report

__all__ = [
    "Article",
    "CrosswireError",
    "Extraction",
    "IngestOptions",
    "IngestSummary",
    "InputError",
    "Ledger",
    "LedgerError",
    "LinkOptions",
    "MissingExtraError",
    "OptionError",
    "Problem",
    "RunResult",
    "SQLiteLedger",
    "Sighting",
    "Span",
    "__version__",
    "build_report",
    "extract_stage",
    "ingest",
    "iter_articles",
    "link_stage",
    "open_ledger",
    "render_html",
    "render_markdown",
    "run",
    "run_demo",
    "write_report",
]

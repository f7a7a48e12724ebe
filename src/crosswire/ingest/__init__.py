"""Stage 1, ingest: read inputs in every common format and store each article once.

::

    paths ──expand_inputs──▶ files ──read_input──▶ bytes ──read_articles──▶ Article | Problem
                                                                              │
                                        ledger.add_articles (batched transactions) ◀┘

A bad file, line or record becomes a :class:`Problem` and the batch goes on; nothing already in
the ledger is changed by a bad input. Re-running the same ingest stores nothing new.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from crosswire.errors import InputError
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES, InputFile, expand_inputs, read_input
from crosswire.ingest.problems import Problem
from crosswire.ingest.readers import FIELD_ALIASES, FORMATS, ReadOptions, read_articles
from crosswire.model import Article, Published
from crosswire.parallel import ordered_map

if TYPE_CHECKING:
    from crosswire.ledger import Ledger

__all__ = [
    "FIELD_ALIASES",
    "FORMATS",
    "IngestOptions",
    "IngestSummary",
    "Problem",
    "ingest",
    "iter_articles",
    "read_file",
    "with_defaults",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read inputs.

    ``published`` and ``outlet`` apply to articles whose input carries none; ``fields`` maps an
    article field (``text``, ``title``, ``published``...) to the record field that holds it.
    """

    published: Published = None
    outlet: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    format: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 200

    def read_options(self) -> ReadOptions:
        return ReadOptions(fields=self.fields, format=self.format, max_bytes=self.max_bytes)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did: counts, the ids of new articles, and every problem met."""

    inputs: int = 0
    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    new_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def read(self) -> int:
        """Articles read from the inputs, new or not."""
        return self.ingested + self.duplicates

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == "warning")

    @property
    def ok(self) -> bool:
        """True unless inputs were given and no article could be read from any of them."""
        return self.read > 0 or self.inputs == 0

    def as_dict(self) -> dict[str, object]:
        return {
            "inputs": self.inputs,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "new_ids": self.new_ids,
            "problems": [p.as_dict() for p in self.problems],
        }


Progress = Callable[[str, int, int], None]
"""Called as ``progress(label, done, total)`` after each input file."""


def iter_articles(
    paths: Iterable[str],
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> Iterator[Article | Problem]:
    """Read inputs without storing them: every article and problem, in input order (standard input first).

    With ``workers`` above one, files are read in a process pool (HTML extraction is the slow
    part); the result is the same as with one.
    """
    options = options or IngestOptions()
    expanded = list(expand_inputs(paths))
    files = [item for item in expanded if isinstance(item, InputFile)]
    for missing in (item for item in expanded if isinstance(item, InputError)):
        yield Problem.from_error(missing)
    on_disk = [item for item in files if item.path is not None]
    piped = [item for item in files if item.path is None]
    jobs = ((item, options) for item in on_disk)
    in_use = workers if len(on_disk) >= PARALLEL_FILES else 1
    done = 0
    for item in piped:  # standard input is read here, never in a worker
        yield from read_file((item, options), stdin=stdin)
        done += 1
        if progress is not None:
            progress(item.label, done, len(files))
    for item, found in zip(on_disk, ordered_map(read_file, jobs, workers=in_use), strict=True):
        yield from found
        done += 1
        if progress is not None:
            progress(item.label, done, len(files))


PARALLEL_FILES = 16
"""Fewer files than this are read in this process: starting workers would cost more than it saves."""


def read_file(job: tuple[InputFile, IngestOptions], *, stdin: BinaryIO | None = None) -> list[Article | Problem]:
    """Every article and problem in one input (a file, or standard input), as ingest reads it."""
    item, options = job
    try:
        data = read_input(item, max_bytes=options.max_bytes, stdin=stdin)
    except InputError as exc:
        return [Problem.from_error(exc)]
    return with_defaults(read_articles(item, data, options.read_options()), options)


def with_defaults(found: Iterable[Article | Problem], options: IngestOptions) -> list[Article | Problem]:
    """What was read, each article given the options' publication date and outlet where it names none."""
    return [
        thing.with_defaults(published=options.published, outlet=options.outlet) if isinstance(thing, Article) else thing
        for thing in found
    ]


def ingest(
    paths: Iterable[str],
    ledger: Ledger,
    options: IngestOptions | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
    command: str = "ingest",
    workers: int = 1,
    items: Iterable[Article | Problem] | None = None,
    on_stored: Callable[[list[tuple[Article, bool]]], None] | None = None,
) -> IngestSummary:
    """Read ``paths`` and store every article in ``ledger`` once; problems are collected, not raised.

    ``items`` are the articles and problems of ``paths`` when they were read elsewhere (by a
    cluster's workers, in input order); ``on_stored`` is called after each batch is written with
    each of its articles and whether it was new.
    """
    options = options or IngestOptions()
    paths = list(paths)
    summary = IngestSummary(inputs=len(paths))
    batch_id = ledger.begin_batch(command)
    pending: list[Article] = []
    skipped_sources: set[str] = set()

    def flush() -> None:
        if not pending:
            return
        stored = list(zip(pending, ledger.add_articles(pending, batch=batch_id), strict=True))
        for article, is_new in stored:
            if is_new:
                summary.ingested += 1
                summary.new_ids.append(article.id)
            else:
                summary.duplicates += 1
        pending.clear()
        if on_stored is not None:
            on_stored(stored)

    seen_in_run: set[str] = set()
    if items is None:
        items = iter_articles(paths, options, stdin=stdin, progress=progress, workers=workers)
    for item in items:
        if isinstance(item, Problem):
            summary.problems.append(item)
            if item.severity == "error":
                key = f"{item.source}:{item.line}"
                if key not in skipped_sources:
                    skipped_sources.add(key)
                    summary.skipped += 1
            log.info("%s", item)
            continue
        if item.id in seen_in_run:
            # Same article twice in one run: flush so the ledger counts the second as a duplicate.
            flush()
        seen_in_run.add(item.id)
        pending.append(item)
        if len(pending) >= options.batch_size:
            flush()
    flush()
    ledger.add_problems(batch_id, summary.problems)
    ledger.finish_batch(
        batch_id,
        {"ingested": summary.ingested, "duplicates": summary.duplicates, "skipped": summary.skipped},
    )
    return summary

"""Ingest and extract on a Dask cluster, the driver the ledger's one writer.

::

    driver                                     workers (one task per partition)
    paths ─▶ files ─▶ partitions ── submit ──▶ read_and_extract(partition)
                                                  read as a plain run reads, extract every article
    ingest (batches, once each) ◀── in input order ── problems, (article, findings | failure)
      └─▶ ledger.add_articles ─▶ ledger.put_extractions for the new ones
    what is left (standard input, earlier runs, a lost partition) ── chunks ──▶ extract_articles

Results are taken in input order with a bounded number of partitions in flight, so the ledger
receives what a plain run writes, in the same order, and the driver's memory stays bounded.
Linking runs in the driver afterwards, as in a plain run.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from crosswire.cluster.partitions import Partition, partition_file
from crosswire.cluster.tasks import Extracted, extract_articles, read_and_extract, read_partition
from crosswire.errors import InputError
from crosswire.extract import EXTRACTION_VERSION, ExtractionFailure
from crosswire.ingest import IngestOptions, IngestSummary, Problem, Progress, ingest, read_file
from crosswire.ingest.inputs import InputFile, expand_inputs
from crosswire.memory import IN_FLIGHT_PER_WORKER, MemoryBudget
from crosswire.model import Article
from crosswire.parallel import chunked

if TYPE_CHECKING:
    from distributed import Client

    from crosswire.ledger import Ledger
    from crosswire.pipeline import ExtractSummary

__all__ = ["TaskLost", "cluster_ingest_extract", "ordered_results"]

log = logging.getLogger(__name__)

R = TypeVar("R")

EXTRACT_CHUNK = 64
"""Articles per task when the driver sends articles (not partitions) to the cluster."""


@dataclass(frozen=True, slots=True)
class TaskLost:
    """A task that failed as a whole (its worker died, or the cluster went away): why."""

    reason: str


def ordered_results(
    client: Client, function: Callable[..., R], jobs: Iterable[tuple[Any, ...]], *, ahead: int
) -> Iterator[tuple[tuple[Any, ...], R | TaskLost]]:
    """Each job and ``function(*job)``'s result on the cluster, in input order, at most ``ahead`` in flight."""
    pending: deque[tuple[tuple[Any, ...], Any]] = deque()
    iterator = iter(jobs)
    for job in islice(iterator, max(1, ahead)):
        pending.append((job, client.submit(function, *job, pure=False)))
    while pending:
        job, future = pending.popleft()
        result: R | TaskLost
        try:
            result = future.result()
        except Exception as exc:  # per-article failures come back as records; this is the task's loss
            result = TaskLost(f"{type(exc).__name__}: {exc}")
        finally:
            future.release()
        for more in islice(iterator, 1):
            pending.append((more, client.submit(function, *more, pure=False)))
        yield job, result


@dataclass(slots=True)
class _Outcomes:
    """Extractions on their way to the ledger, and what the run learnt of the articles it extracted."""

    waiting: dict[str, dict[str, Any] | str | None] = field(default_factory=dict)
    metadata: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)


def cluster_ingest_extract(
    paths: Iterable[str],
    ledger: Ledger,
    options: IngestOptions | None,
    summary: ExtractSummary,
    *,
    client: Client,
    budget: MemoryBudget,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``ledger`` and extract every new article on the cluster; fills ``summary``.

    The ledger ends as a plain run's ingest and extract stages leave it.
    """
    options = options or IngestOptions(batch_size=budget.batch_articles())
    paths = list(paths)
    workers = max(1, sum(client.nthreads().values()))
    ahead = IN_FLIGHT_PER_WORKER * workers
    outcomes = _Outcomes()

    def stored(batch: list[tuple[Article, bool]]) -> None:
        writes: list[tuple[str, dict[str, Any]]] = []
        for article, is_new in batch:
            outcome = outcomes.waiting.pop(article.id, None)
            if not is_new:
                if article.id in outcomes.metadata:
                    outcomes.stale.add(article.id)  # a second sighting in this run may have filled metadata in
            elif isinstance(outcome, dict):
                writes.append((article.id, outcome))
                outcomes.metadata[article.id] = _metadata(article)
            elif isinstance(outcome, str):
                summary.failures.append(ExtractionFailure(article, outcome))
                outcomes.failed.add(article.id)
        if writes:
            ledger.put_extractions(writes, EXTRACTION_VERSION)
            summary.extracted += len(writes)

    expanded = list(expand_inputs(paths))
    items = _read_on_cluster(expanded, options, outcomes, client=client, budget=budget, workers=workers, stdin=stdin)
    ingested = ingest(
        paths,
        ledger,
        options,
        stdin=stdin,
        command="run",
        items=_reporting(items, progress),
        on_stored=stored,
    )
    _extract_rest(ledger, summary, outcomes, client=client, ahead=ahead, progress=progress)
    return ingested


def _reporting(
    items: Iterator[tuple[str, int, int] | Article | Problem], progress: Progress | None
) -> Iterator[Article | Problem]:
    for item in items:
        if isinstance(item, tuple):
            if progress is not None:
                progress(*item)
        else:
            yield item


def _read_on_cluster(
    expanded: list[InputFile | InputError],
    options: IngestOptions,
    outcomes: _Outcomes,
    *,
    client: Client,
    budget: MemoryBudget,
    workers: int,
    stdin: BinaryIO | None,
) -> Iterator[tuple[str, int, int] | Article | Problem]:
    """What a plain run reads, in its order (missing inputs, standard input, files), each article's
    extraction put aside in ``outcomes``; progress as ``(label, done, total)`` tuples."""
    files = [item for item in expanded if isinstance(item, InputFile)]
    for missing in (item for item in expanded if isinstance(item, InputError)):
        yield Problem.from_error(missing)
    for item in (item for item in files if item.path is None):
        yield from read_file((item, options), stdin=stdin)  # extracted afterwards, with what is left
    on_disk = [item for item in files if item.path is not None]
    input_bytes = sum(_size(item) for item in on_disk)
    target = budget.partition_bytes(input_bytes, workers)
    partitions = [
        part
        for item in on_disk
        for part in partition_file(item, target_bytes=target, max_bytes=options.max_bytes, format=options.format)
    ]
    log.info("%d inputs in %d partitions of up to %d KB", len(on_disk), len(partitions), target // 1024)
    jobs = ((part, options) for part in partitions)
    results = ordered_results(client, read_and_extract, jobs, ahead=IN_FLIGHT_PER_WORKER * workers)
    for done, ((part, _), result) in enumerate(results, start=1):
        for entry in _entries(part, options, result):
            if isinstance(entry, Problem):
                yield entry
                continue
            article, outcome = entry
            outcomes.waiting.setdefault(article.id, outcome)
            yield article
        yield (part.item.label, done, len(partitions))


def _entries(
    part: Partition, options: IngestOptions, result: list[Problem | Extracted] | TaskLost
) -> list[Problem | tuple[Article, dict[str, Any] | str | None]]:
    """A partition's result; when its task was lost, its articles read here, to be extracted with what is left."""
    if not isinstance(result, TaskLost):
        return list(result)
    log.warning("%s: lost on the cluster (%s); read again here", part.item.label, result.reason)
    return [(thing, None) if isinstance(thing, Article) else thing for thing in read_partition(part, options)]


def _extract_rest(
    ledger: Ledger,
    summary: ExtractSummary,
    outcomes: _Outcomes,
    *,
    client: Client,
    ahead: int,
    progress: Progress | None,
) -> None:
    """Extract on the cluster what the partitions did not: articles from standard input, from earlier
    runs or lost partitions, and those whose metadata a later sighting in this run filled in."""
    refresh = [
        article
        for article_id in sorted(outcomes.stale)
        if (article := ledger.get_article(article_id)) is not None
        and _metadata(article) != outcomes.metadata[article_id]
    ]
    rest = (a for a in ledger.articles_to_extract(EXTRACTION_VERSION) if a.id not in outcomes.failed)
    total = ledger.count_to_extract(EXTRACTION_VERSION) - len(outcomes.failed) + len(refresh)
    if total <= 0:
        return
    chunks = ((chunk,) for chunk in chunked(chain(rest, refresh), EXTRACT_CHUNK))
    done = 0
    for (chunk,), results in ordered_results(client, extract_articles, chunks, ahead=ahead):
        if isinstance(results, TaskLost):
            results = [(article, f"lost on the cluster ({results.reason})") for article in chunk]
        writes = []
        for article, outcome in results:
            if isinstance(outcome, str):
                summary.failures.append(ExtractionFailure(article, outcome))
            else:
                writes.append((article.id, outcome))
        if writes:
            ledger.put_extractions(writes, EXTRACTION_VERSION)
            summary.extracted += sum(1 for article_id, _ in writes if article_id not in outcomes.metadata)
        done += len(results)
        if progress is not None:
            progress("extract", done, total)


def _metadata(article: Article) -> int:
    """What a later sighting may fill in, and extraction reads."""
    return hash((article.title, article.outlet, article.url, article.published, article.byline, article.language))


def _size(item: InputFile) -> int:
    try:
        return item.path.stat().st_size if item.path is not None else 0
    except OSError:
        return 0

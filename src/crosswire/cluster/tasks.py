"""What a cluster's worker runs: pure functions of their inputs, returning plain records.

No task opens the ledger: the driver is its one writer. A task's result is a list the driver
can pickle and store as it comes: problems, and each article with what the ledger keeps of its
extraction, or the reason an extractor failed on it.
"""

from __future__ import annotations

from typing import Any

from crosswire.cluster.partitions import Partition
from crosswire.errors import InputError
from crosswire.extract import ExtractionFailure, extract_many
from crosswire.ingest import IngestOptions, Problem, read_file, with_defaults
from crosswire.ingest.readers import read_json_lines
from crosswire.model import Article

__all__ = ["Extracted", "extract_articles", "read_and_extract", "read_partition"]

Extracted = tuple[Article, dict[str, Any] | str]
"""An article and what the ledger stores of its extraction, or why an extractor failed on it."""


def read_and_extract(partition: Partition, options: IngestOptions) -> list[Problem | Extracted]:
    """Read one partition as a plain run reads it, and extract from every article in it."""
    found = read_partition(partition, options)
    articles = [thing for thing in found if isinstance(thing, Article)]
    outcomes = iter(extract_articles(articles))
    return [thing if isinstance(thing, Problem) else next(outcomes) for thing in found]


def extract_articles(articles: list[Article]) -> list[Extracted]:
    """Extract from each article: what the ledger stores, or the reason it failed."""
    return [
        (found.article, found.reason) if isinstance(found, ExtractionFailure) else (found.article, found.stored())
        for found in extract_many(articles)
    ]


def read_partition(partition: Partition, options: IngestOptions) -> list[Article | Problem]:
    """The articles and problems of one partition, as a plain run reads them."""
    if partition.whole:  # as the ingest stage reads it, so both give the same articles
        return read_file((partition.item, options))
    assert partition.item.path is not None and partition.end is not None
    try:
        with partition.item.path.open("rb") as stream:
            stream.seek(partition.start)
            data = stream.read(partition.end - partition.start)
        # Decoded as the whole file is: a byte-order mark is dropped at its start only.
        text = data.decode("utf-8-sig" if partition.start == 0 else "utf-8", errors="replace")
        read = read_json_lines(partition.item.label, text, options.read_options(), first_line=partition.first_line)
        return with_defaults(read, options)
    except InputError as exc:
        return [Problem.from_error(exc)]
    except OSError as exc:
        return [Problem.from_error(InputError(partition.item.label, f"cannot read: {exc.strerror or exc}"))]

"""Exports: ledger records as JSON Lines, CSV or Parquet, for other tools to load.

Each kind of record (``--what``) has a row function giving plain JSON-ready dicts; the writers
turn a stream of such rows into a format. JSON Lines and CSV stream to any text stream; Parquet
needs a file.

Values an analyst corrected are marked: a story, link, quote or claim source that a correction
changed carries ``corrected`` (who, which correction), a claim its ``review``; ``corrections``
is the audit trail itself (every correction, undone ones included), and ``claimreview`` the
reviewed claims as schema.org ``ClaimReview`` JSON-LD (:mod:`crosswire.report.claimreview`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from crosswire.errors import OptionError
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.report.claimreview import DEFAULT_PUBLISHER, DEFAULT_SITE, claim_reviews

__all__ = ["EXPORTS", "FORMATS", "article_row", "claim_row", "export", "export_rows", "link_row", "story_row"]

FORMATS = ("jsonl", "csv", "parquet")

Rows = Callable[[Ledger], Iterator[dict[str, Any]]]


def article_row(article: Article) -> dict[str, Any]:
    """An article as exports and the API give it: its record and its number of words."""
    row = article.as_dict()
    row["words"] = len(article.text.split())
    return row


def _article_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for article in ledger.iter_articles():
        yield article_row(article)


def story_row(story: dict[str, Any]) -> dict[str, Any]:
    """A story as exports and the API give it: its record, and who reshaped it (``corrected``, or null)."""
    return story | {"corrected": story.get("corrected")}


def link_row(link: dict[str, Any]) -> dict[str, Any]:
    """A link as exports and the API give it: ``corrected`` says who marked two articles as copies, or null."""
    return link | {"corrected": link.get("corrected")}


def claim_row(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim assessment as exports and the API give it, with ``corrected_by``: who corrected its sources."""
    by = {
        marker["by"]
        for role in ("supporting", "disputing", "conflicting")
        for source in claim.get(role, ())
        for marker in source.get("corrected", ())
    }
    return claim | {"corrected_by": sorted(by) or None}


def _story_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    yield from map(story_row, ledger.iter_stories())


def _link_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    yield from map(link_row, ledger.iter_links())


def _claim_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    yield from map(claim_row, ledger.iter_assessments())


def _quote_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    stories = ledger.story_assignments()
    for article, findings in ledger.iter_extractions(kinds=["quotes"]):
        for quote in findings.get("quotes", ()):
            where = {"article_id": article.id, "source": article.source, "story_id": stories.get(article.id)}
            yield where | quote | {"corrected": quote.get("corrected")}


def _correction_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    for correction in ledger.corrections():
        yield correction.as_dict()


def _claim_review_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    yield from claim_reviews(ledger)


EXPORTS: dict[str, Rows] = {
    "articles": _article_rows,
    "stories": _story_rows,
    "links": _link_rows,
    "claims": _claim_rows,
    "quotes": _quote_rows,
    "corrections": _correction_rows,
    "claimreview": _claim_review_rows,
}
"""Exportable record kinds, each a function from the ledger to rows."""


def export_rows(ledger: Ledger, what: str) -> Iterator[dict[str, Any]]:
    """The rows of one kind of record."""
    try:
        rows = EXPORTS[what]
    except KeyError:
        raise OptionError(f"cannot export {what!r}; choose one of: {', '.join(EXPORTS)}") from None
    return rows(ledger)


def export(
    ledger: Ledger,
    what: str,
    fmt: str,
    output: Path | IO[str],
    *,
    site: str | None = None,
    publisher: str | None = None,
) -> int:
    """Write one kind of record in ``fmt`` to a path or text stream; returns the number of rows.

    ``site`` and ``publisher`` are for ``claimreview``: where the desk shows its reviews, and who
    publishes them (see :mod:`crosswire.report.claimreview`).
    """
    if fmt not in FORMATS:
        raise OptionError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if what == "claimreview" and fmt != "jsonl":
        raise OptionError("claimreview is JSON-LD: export it with --format jsonl")
    if what == "claimreview" and (site or publisher):
        rows = claim_reviews(ledger, site=site or DEFAULT_SITE, publisher=publisher or DEFAULT_PUBLISHER)
    else:
        rows = export_rows(ledger, what)
    if fmt == "parquet":
        if not isinstance(output, Path):
            raise OptionError("Parquet export needs a file: give --output FILE")
        return _write_parquet(rows, output)
    if isinstance(output, Path):
        with output.open("w", encoding="utf-8", newline="") as stream:
            return _WRITERS[fmt](rows, stream)
    return _WRITERS[fmt](rows, output)


def _write_jsonl(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _flat(value: Any) -> Any:
    """CSV cells: nested values as JSON text, nothing else changed."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False)
    return value


def _write_csv(rows: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    writer: csv.DictWriter[str] | None = None
    count = 0
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({key: _flat(value) for key, value in row.items()})
        count += 1
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    count = 0
    buffer: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer, schema
        if not buffer:
            return
        table = pa.Table.from_pylist(buffer, schema=schema)
        if writer is None:
            schema = pa.schema([pa.field(f.name, _widen(f.type)) for f in table.schema])
            table = table.cast(schema)
            writer = pq.ParquetWriter(path, schema)
        writer.write_table(table)
        buffer.clear()

    try:
        for row in rows:
            buffer.append(row)
            count += 1
            if len(buffer) >= chunk:
                flush()
        flush()
    finally:
        if writer is not None:
            writer.close()
    if count == 0:
        pq.write_table(pa.table({}), path)
    return count


def _widen(kind: Any) -> Any:
    """A Parquet type that later rows fit: columns that are null in the first rows become strings."""
    import pyarrow as pa

    if pa.types.is_null(kind):
        return pa.string()
    if pa.types.is_list(kind):
        return pa.list_(_widen(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _widen(f.type)) for f in kind])
    return kind


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv}

"""Partitions of a run's inputs: what one task on a cluster's worker reads and extracts.

A partition is a whole input file, or a run of whole lines of a large JSON Lines file. It names
the file by an absolute path (a worker may run in another folder, or on another machine that
sees the same storage) and keeps the label the file was given by, so that sources and line
numbers are those of a plain run. Standard input is no partition: the driver reads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from crosswire.ingest.inputs import InputFile
from crosswire.ingest.readers import detect_format

__all__ = ["Partition", "partition_file"]

_SPLIT_SUFFIXES = (".jsonl", ".ndjson")
_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Partition:
    """One input file, or the lines of a JSON Lines file from byte ``start`` to ``end`` (``first_line`` the first)."""

    item: InputFile
    start: int = 0
    end: int | None = None
    first_line: int = 1

    @property
    def whole(self) -> bool:
        return self.end is None

    @property
    def size(self) -> int:
        if self.end is not None:
            return self.end - self.start
        return self.item.path.stat().st_size if self.item.path is not None else 0


def partition_file(item: InputFile, *, target_bytes: int, max_bytes: int, format: str | None = None) -> list[Partition]:
    """The partitions of one file on disk, in order.

    A JSON Lines file larger than ``target_bytes`` (and within ``max_bytes``, the size limit a plain
    run enforces) is cut into runs of whole lines of about that size; any other file is one
    partition. The file is named by its absolute path, under the label it was given.
    """
    assert item.path is not None
    item = InputFile(label=item.label, path=item.path.absolute())
    return list(_split(item, target_bytes=target_bytes, max_bytes=max_bytes, format=format))


def _split(item: InputFile, *, target_bytes: int, max_bytes: int, format: str | None) -> Iterator[Partition]:
    assert item.path is not None
    try:
        size = item.path.stat().st_size
        splittable = size > target_bytes and size <= max_bytes and _is_json_lines(item, format)
    except OSError:  # the worker reads it and reports the trouble as a plain run does
        splittable = False
    if not splittable:
        yield Partition(item)
        return
    parts: list[Partition] = []
    with item.path.open("rb") as stream:
        start, line = 0, 1
        while chunk := stream.read(target_bytes):
            if not chunk.endswith(b"\n"):
                chunk += stream.readline()
            try:
                text = chunk.decode("utf-8")
            except UnicodeDecodeError:
                # not UTF-8: a plain run detects the whole file's encoding, so a worker reads it whole
                yield Partition(item)
                return
            parts.append(Partition(item, start=start, end=start + len(chunk), first_line=line))
            line += len(text.splitlines())  # as the reader counts lines (also at \r, \x0b, \u2028...)
            start += len(chunk)
    yield from parts


def _is_json_lines(item: InputFile, format: str | None) -> bool:
    """Whether a plain run reads the file line by line as JSON Lines (so that lines can be read apart)."""
    if item.compressed or not item.name.lower().endswith(_SPLIT_SUFFIXES) or item.path is None:
        return False
    with item.path.open("rb") as stream:
        head = stream.read(8192)
    if not head.strip() or b"\x00" in head or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x1f\x8b")):
        return False
    return (format or detect_format(item, head[:4096])) == "records"

"""Inputs: expand paths, folders, globs and ``-`` into files, and read their bytes safely.

Reading enforces the size limit (also on the decompressed size of ``.gz`` files, so a small
archive cannot expand without bound), and decoding reports invalid UTF-8 instead of failing.
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crosswire.errors import InputError

__all__ = ["DEFAULT_MAX_BYTES", "InputFile", "bad_utf8", "decode", "expand_inputs", "read_input"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Files that a folder walk passes over without complaint: hidden files, editor litter, our ledger.
_IGNORED_SUFFIXES = {".db", ".db-wal", ".db-shm", ".pyc", ".swp", ".tmp", ".lock"}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input to read: a file on disk, or standard input (``path`` is ``None``)."""

    label: str
    path: Path | None = None

    @property
    def name(self) -> str:
        """The file name without a trailing ``.gz``, used to choose a reader."""
        name = self.path.name if self.path is not None else self.label
        return name[:-3] if name.lower().endswith(".gz") else name

    @property
    def compressed(self) -> bool:
        return self.label.lower().endswith(".gz")


def expand_inputs(paths: Iterable[str]) -> Iterator[InputFile | InputError]:
    """Files named by ``paths``: files as given, folders walked recursively in name order, globs expanded.

    A path that does not exist (and matches nothing as a glob) yields an ``InputError`` in its place.
    """
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            yield InputFile(label="<stdin>")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _ignored(p, path))
            if not found:
                yield InputError(raw, "folder holds no files")
            yield from _unique(found, seen)
        elif path.exists():
            yield from _unique([path], seen)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                files.extend(sorted(p for p in folder.rglob("*") if p.is_file() and not _ignored(p, folder)))
            if not files:
                yield InputError(raw, "no file matches this pattern")
            yield from _unique(files, seen)
        else:
            yield InputError(raw, "no such file or folder")


def _ignored(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    if any(part.startswith(".") for part in relative.parts):
        return True
    return path.suffix.lower() in _IGNORED_SUFFIXES or path.name.endswith("~")


def _unique(paths: list[Path], seen: set[Path]) -> Iterator[InputFile]:
    for path in paths:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        yield InputFile(label=str(path), path=path)


def read_input(item: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of an input, decompressed when it ends in ``.gz``; raises ``InputError`` on any failure."""
    try:
        if item.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = _read_limited(stream, max_bytes, item.label)
        else:
            size = item.path.stat().st_size
            if size > max_bytes:
                raise InputError(item.label, f"file is {_mb(size)}, over the size limit of {_mb(max_bytes)}")
            data = item.path.read_bytes()
        if item.compressed or data[:2] == b"\x1f\x8b":
            if _is_warc_name(item.name):
                return data  # WARC readers take gzip members as they come
            data = _gunzip(data, max_bytes, item.label)
    except InputError:
        raise
    except PermissionError:
        raise InputError(item.label, "permission denied") from None
    except IsADirectoryError:
        raise InputError(item.label, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(item.label, f"cannot read: {exc.strerror or exc}") from None
    return data


def _is_warc_name(name: str) -> bool:
    return name.lower().endswith((".warc", ".arc"))


def _read_limited(stream: BinaryIO, max_bytes: int, label: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(label, f"input is over the size limit of {_mb(max_bytes)}")
    return data


def _gunzip(data: bytes, max_bytes: int, label: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            return _read_limited(stream, max_bytes, label)  # type: ignore[arg-type]
    except InputError:
        raise
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(label, f"not a valid gzip file ({exc})") from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def bad_utf8(position: int) -> str:
    """The warning for an input whose first invalid UTF-8 byte is at ``position``."""
    return f"invalid UTF-8 at byte {position}; decoded with replacement characters"


def decode(data: bytes, label: str) -> tuple[str, str | None]:
    """Text from bytes as UTF-8 (a BOM is dropped); invalid bytes become U+FFFD.

    Returns the text and a warning naming the first bad byte, or ``None`` when the bytes were valid.
    Raises ``InputError`` for binary data.
    """
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(label, "binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, bad_utf8(exc.start)

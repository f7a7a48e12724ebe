"""Inputs: expand paths, folders, globs and ``-`` into files, and read their bytes safely.

Only regular files are read: a FIFO, a device or a socket named as an argument (or a link to
one) is refused with a message, and passed over inside a folder. Reading enforces the size limit
(also on the decompressed size of ``.gz`` files, so a small archive cannot expand without bound).
Decoding takes UTF-8, a byte order mark (UTF-8, UTF-16, UTF-32), or else the encoding that
charset-normalizer detects, and says so in a warning.
"""

from __future__ import annotations

import codecs
import errno
import glob
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from crosswire.errors import InputError
from crosswire.ingest.limits import DEFAULT_MAX_BYTES

__all__ = ["DEFAULT_MAX_BYTES", "InputFile", "decode", "expand_inputs", "read_input"]

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

    A path that does not exist (and matches nothing as a glob), a folder that cannot be read, and
    anything but a regular file named as an argument yield an ``InputError`` in its place.
    """
    seen: set[Path] = set()
    for raw in paths:
        if raw == "-":
            yield InputFile(label="<stdin>")
            continue
        path = Path(raw)
        try:
            mode: int | None = path.stat().st_mode
        except OSError as exc:
            mode = None
            if exc.errno == errno.ELOOP:
                yield InputError(raw, "symbolic link loop")
                continue
            if path.is_symlink():
                yield InputError(raw, "symbolic link to a file that does not exist")
                continue
        if mode is not None and stat.S_ISDIR(mode):
            found: list[Path] = []
            yield from _walk(path, found)
            if not found:
                yield InputError(raw, "folder holds no files")
            yield from _unique(found, seen)
        elif mode is not None and not stat.S_ISREG(mode):
            yield InputError(raw, f"is {_kind(mode)}, not a regular file: only regular files are read")
        elif mode is not None:
            yield from _unique([path], seen)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file()]
            for folder in (m for m in matches if m.is_dir()):
                yield from _walk(folder, files)
            if not files:
                yield InputError(raw, "no file matches this pattern")
            yield from _unique(files, seen)
        else:
            yield InputError(raw, "no such file or folder")


def _walk(root: Path, found: list[Path]) -> Iterator[InputError]:
    """Regular files under ``root`` (hidden ones and litter passed over) appended to ``found`` in
    name order; a folder that cannot be read yields an error. Links to folders are not followed."""
    errors: list[OSError] = []
    walked: list[Path] = []
    for folder, subfolders, names in os.walk(root, onerror=errors.append):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        for name in names:
            path = Path(folder, name)
            if not name.startswith(".") and not _ignored(path) and path.is_file():
                walked.append(path)
    found.extend(sorted(walked))
    for error in errors:
        reason = "permission denied" if isinstance(error, PermissionError) else f"cannot read ({error.strerror})"
        yield InputError(str(error.filename or root), f"folder skipped: {reason}")


def _ignored(path: Path) -> bool:
    return path.suffix.lower() in _IGNORED_SUFFIXES or path.name.endswith("~")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


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
            data = _read_file(item.path, max_bytes, item.label)
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
        if exc.errno == errno.ELOOP:
            raise InputError(item.label, "symbolic link loop") from None
        raise InputError(item.label, f"cannot read: {exc.strerror or exc}") from None
    return data


def _read_file(path: Path, max_bytes: int, label: str) -> bytes:
    # Opened without blocking and checked on the open file: a FIFO or a device put in place of a
    # file after the paths were expanded is refused, never read (or waited on) forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(label, f"is {_kind(mode)}, not a regular file: only regular files are read")
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise InputError(label, f"file is {_mb(size)}, over the size limit of {_mb(max_bytes)}")
        return _read_limited(handle, max_bytes, label)


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


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark starts with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_BINARY_SHARE = 0.1
"""Text whose first 8,192 characters are more than this share of control characters is binary."""


def decode(data: bytes, label: str) -> tuple[str, str | None]:
    """Text from bytes: UTF-8, or the encoding a byte order mark names, or else the detected one.

    Returns the text and a warning (an encoding detected, invalid bytes replaced, NUL characters
    removed), or ``None`` when the bytes were clean UTF-8. Raises ``InputError`` for binary data.
    """
    warning: str | None = None
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                text = data.decode(encoding, errors="replace")
                warning = f"invalid {encoding.upper()} at byte {exc.start}; decoded with replacement characters"
            return _checked(text, warning, label)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, warning = _detected(data, label, f"invalid UTF-8 at byte {exc.start}")
    else:
        if _mostly(text.count("\x00", 0, 8192), text[:8192], 0.25):
            text, warning = _detected(data, label, "NUL bytes in UTF-8")  # UTF-16 or UTF-32 without a mark
    return _checked(text, warning, label)


def _mostly(count: int, head: str, share: float) -> bool:
    """More than ``share`` of ``head`` (and more than a stray few characters)."""
    return count > 8 and count > len(head) * share


def _detected(data: bytes, label: str, why: str) -> tuple[str, str]:
    """The text in the encoding charset-normalizer finds; UTF-8 with replacements when none fits."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        if b"\x00" in data[:8192]:
            raise InputError(label, "binary file, not text")
        return data.decode("utf-8", errors="replace"), f"{why}; decoded with replacement characters"
    for match in matches:
        # Single-byte Western encodings often tie on short texts; prefer the web's most common one.
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos:
            best = match
            break
    return str(best), f"not UTF-8 ({why}); read as {best.encoding} (detected)"


def _checked(text: str, warning: str | None, label: str) -> tuple[str, str | None]:
    """``text`` without NUL characters (said in the warning); ``InputError`` when it is mostly control characters."""
    head = text[:8192]
    if _mostly(len(_CONTROL.findall(head)), head, _BINARY_SHARE):
        raise InputError(label, "binary file, not text")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        removed = f"{nuls} NUL character{'s' if nuls > 1 else ''} removed"
        warning = f"{warning}; {removed}" if warning else removed
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, warning

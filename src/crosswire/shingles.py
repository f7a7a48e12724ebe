"""Word tokens with offsets, hashed word shingles and winnowed fingerprints, for finding copies.

Copies are compared on words only: case, punctuation and whitespace never matter, and short
bracketed insertions ("[Varnia]", "(VCNA)") that outlets add to wire copy are left out, so that
``A said (VCNA) B`` and ``A said B`` read the same. Every token keeps its character offsets into
the article's text, so any run of tokens maps back to an exact span.

Hashes are stable across processes and machines (CRC-32 per word, combined with 64-bit integer
arithmetic in numpy), so fingerprints can be stored and an index rebuilt or reloaded.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "Tokens",
    "jaccard",
    "shingle_hashes",
    "tokenize",
    "winnow",
]

U64 = npt.NDArray[np.uint64]

_WORD = re.compile(r"\w+")
# A bracketed insertion: at most 40 characters on one line, no nested brackets. Longer
# parentheticals are real content and stay in.
_BRACKETED = re.compile(r"[\[(][^\[\]()\n]{1,40}[\])]")

# Multiplier of the polynomial that combines word hashes into a shingle hash (odd, 64-bit), and
# the finaliser that spreads its bits (from MurmurHash3's fmix64).
_BASE = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)


@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a text used for comparison: offsets into the text and a stable hash each."""

    starts: list[int]
    ends: list[int]
    hashes: U64

    def __len__(self) -> int:
        return len(self.starts)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span from the start of token ``first`` to the end of token ``last - 1``."""
        return self.starts[first], self.ends[last - 1]


def tokenize(text: str) -> Tokens:
    """Words of ``text`` with offsets and hashes, short bracketed insertions left out."""
    brackets = [m.span() for m in _BRACKETED.finditer(text)] if ("(" in text or "[" in text) else []
    starts: list[int] = []
    ends: list[int] = []
    words: list[int] = []
    crc = zlib.crc32
    k = 0
    nb = len(brackets)
    for m in _WORD.finditer(text):
        start, end = m.span()
        if nb:
            while k < nb and brackets[k][1] <= start:
                k += 1
            if k < nb and brackets[k][0] <= start:
                continue
        starts.append(start)
        ends.append(end)
        words.append(crc(m.group().casefold().encode("utf-8")))
    return Tokens(starts, ends, np.array(words, dtype=np.uint64))


def _mix(values: U64) -> U64:
    values = values ^ (values >> np.uint64(33))
    values = values * _MIX1
    values = values ^ (values >> np.uint64(33))
    values = values * _MIX2
    return values ^ (values >> np.uint64(33))


def shingle_hashes(hashes: U64, size: int) -> U64:
    """64-bit hash of every run of ``size`` consecutive words (one shingle of all words if fewer)."""
    n = len(hashes)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    if n < size:
        size = n
    count = n - size + 1
    acc = np.zeros(count, dtype=np.uint64)
    for j in range(size):
        acc = acc * _BASE + hashes[j : j + count]
    return _mix(acc)


def winnow(values: U64, window: int) -> npt.NDArray[np.intp]:
    """Positions of the winnowing fingerprints (Schleimer et al. 2003): the smallest of every window.

    Any run of ``window`` consecutive values shared by two texts yields at least one shared
    fingerprint, while only about ``2 / (window + 1)`` of the values are kept.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.intp)
    if n <= window:
        return np.array([int(values.argmin())], dtype=np.intp)
    windows = np.lib.stride_tricks.sliding_window_view(values, window)
    # argmin takes the leftmost smallest value; equal picks in overlapping windows collapse.
    return np.unique(windows.argmin(axis=1) + np.arange(n - window + 1))


def jaccard(left: U64, right: U64) -> float:
    """Jaccard similarity of two sets of hashes (1.0 when both are empty)."""
    a = np.unique(left)
    b = np.unique(right)
    if len(a) == 0 and len(b) == 0:
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)

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


class Tokens:
    """The words of a text used for comparison: a stable hash each, and their offsets in the text.

    Offsets are found on first use: most texts are hashed for the index and never need them.
    """

    __slots__ = ("_ends", "_scan", "_starts", "hashes")

    def __init__(self, scan: str, hashes: U64, starts: list[int] | None = None, ends: list[int] | None = None):
        self._scan = scan  # a text of the same length as the article's, in which to find the words
        self.hashes = hashes
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self.hashes)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._find_offsets()
        assert self._starts is not None
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._find_offsets()
        assert self._ends is not None
        return self._ends

    def _find_offsets(self) -> None:
        spans = [m.span() for m in _WORD.finditer(self._scan)]
        self._starts = [start for start, _ in spans]
        self._ends = [end for _, end in spans]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span from the start of token ``first`` to the end of token ``last - 1``."""
        return self.starts[first], self.ends[last - 1]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def tokenize(text: str) -> Tokens:
    """Words of ``text`` with hashes (and offsets), short bracketed insertions left out."""
    # Brackets are blanked out, keeping every offset, rather than skipped word by word.
    masked = _BRACKETED.sub(_blank, text) if ("(" in text or "[" in text) else text
    folded = masked.casefold()
    if len(folded) != len(masked):
        # Case folding changed the length (ß, ligatures, dotted I): hash word by word instead.
        starts, ends, words = [], [], []
        for m in _WORD.finditer(masked):
            starts.append(m.start())
            ends.append(m.end())
            words.append(zlib.crc32(m.group().casefold().encode("utf-8")))
        return Tokens(masked, np.array(words, dtype=np.uint64), starts, ends)
    # One pass in C: words joined by spaces, split as bytes, CRC-32 of each.
    words_bytes = " ".join(_WORD.findall(folded)).encode("utf-8").split()
    return Tokens(folded, np.fromiter(map(zlib.crc32, words_bytes), dtype=np.uint64, count=len(words_bytes)))


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

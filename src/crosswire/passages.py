"""Passages of shared verbatim text between two articles, tolerant of light edits.

Written by hand because no installed library aligns two texts word by word with character
offsets in linear time (``difflib`` is quadratic in the worst case and reports one side only).

The method, on the word tokens of :mod:`crosswire.shingles` (case, punctuation and short
bracketed insertions ignored):

1. seeds: every run of ``SEED_WORDS`` words that occurs in both texts;
2. runs: seeds on the same diagonal (consecutive in both texts) joined into exact shared runs;
3. passages: runs that follow each other in both texts with at most ``max_gap`` words between
   them (a changed, added or dropped word or two) chained into one passage;
4. passages with at least ``min_words`` shared words are kept, longest first, never two over the
   same words of either text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crosswire.shingles import Tokens, shingle_hashes

__all__ = ["SEED_WORDS", "Passage", "shared_passages"]

SEED_WORDS = 4
"""Length in words of the exact matches passages are grown from."""

# A seed repeated more often than this within one text (a refrain, a table) is not used: it
# would pair every occurrence with every other.
_MAX_REPEATS = 8
# How many open passages a run may join (the most recent ones).
_LOOKBACK = 8


@dataclass(frozen=True, slots=True)
class Passage:
    """A shared passage: token ranges ``[a_first, a_last)`` and ``[b_first, b_last)``, words shared."""

    a_first: int
    a_last: int
    b_first: int
    b_last: int
    shared: int

    @property
    def similarity(self) -> float:
        """Share of the passage's words found verbatim in both texts (1.0: verbatim)."""
        return min(1.0, self.shared / max(self.a_last - self.a_first, self.b_last - self.b_first))


def _runs(a: Tokens, b: Tokens) -> list[tuple[int, int, int]]:
    """Exact shared runs as ``(a_first, b_first, words)``, sorted by position in ``a``."""
    seeds_a = shingle_hashes(a.hashes, SEED_WORDS) if len(a) >= SEED_WORDS else None
    seeds_b = shingle_hashes(b.hashes, SEED_WORDS) if len(b) >= SEED_WORDS else None
    if seeds_a is None or seeds_b is None:
        return []
    common = np.intersect1d(seeds_a, seeds_b)
    if len(common) == 0:
        return []
    positions: dict[int, list[int]] = {}
    for i in np.flatnonzero(np.isin(seeds_a, common)).tolist():
        positions.setdefault(int(seeds_a[i]), []).append(i)
    matches: set[tuple[int, int]] = set()
    for j in np.flatnonzero(np.isin(seeds_b, common)).tolist():
        found = positions[int(seeds_b[j])]
        if len(found) <= _MAX_REPEATS:
            matches.update((i, j) for i in found)
    runs = []
    for i, j in sorted(matches):
        if (i - 1, j - 1) in matches:
            continue
        length = 1
        while (i + length, j + length) in matches:
            length += 1
        runs.append((i, j, length + SEED_WORDS - 1))
    return runs


def shared_passages(a: Tokens, b: Tokens, *, min_words: int, max_gap: int) -> list[Passage]:
    """Maximal passages shared by two token sequences, sorted by position in ``a``."""
    open_passages: list[list[int]] = []  # [a_first, a_last, b_first, b_last, shared]
    for i, j, words in _runs(a, b):
        a_end, b_end = i + words, j + words
        for passage in reversed(open_passages[-_LOOKBACK:]):
            gap_a, gap_b = i - passage[1], j - passage[3]
            if i > passage[0] and j > passage[2] and -words < gap_a <= max_gap and -words < gap_b <= max_gap:
                passage[4] += a_end - max(i, passage[1])
                passage[1] = max(passage[1], a_end)
                passage[3] = max(passage[3], b_end)
                break
        else:
            open_passages.append([i, a_end, j, b_end, words])
    candidates = sorted((p for p in open_passages if p[4] >= min_words), key=lambda p: (-p[4], p[0], p[2]))
    kept: list[Passage] = []
    for a_first, a_last, b_first, b_last, shared in candidates:
        if any(
            (a_first < k.a_last and k.a_first < a_last) or (b_first < k.b_last and k.b_first < b_last)
            for k in kept
        ):
            continue
        kept.append(Passage(a_first, a_last, b_first, b_last, shared))
    kept.sort(key=lambda p: (p.a_first, p.b_first))
    return kept

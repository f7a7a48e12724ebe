"""Passages of shared verbatim text between two articles, tolerant of light edits.

Written by hand because no installed library aligns two texts word by word with character
offsets in linear time (``difflib`` is quadratic in the worst case and reports one side only).

The method, on the word tokens of :mod:`crosswire.link.copies.shingles` (case, punctuation and short
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

from crosswire.link.copies.shingles import Tokens, shingle_hashes

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
    """Exact shared runs as ``(a_first, b_first, words)``, sorted by position in ``a``.

    Vectorised: every pair of positions holding the same seed is listed with numpy, then pairs
    on one diagonal at consecutive positions are runs (no Python loop over the words).
    """
    if len(a) < SEED_WORDS or len(b) < SEED_WORDS:
        return []
    seeds_a = shingle_hashes(a.hashes, SEED_WORDS)
    seeds_b = shingle_hashes(b.hashes, SEED_WORDS)
    order = np.argsort(seeds_a, kind="stable")
    sorted_a = seeds_a[order]
    low = np.searchsorted(sorted_a, seeds_b, side="left")
    high = np.searchsorted(sorted_a, seeds_b, side="right")
    counts = high - low
    # a seed repeated too often in ``a`` is not used
    keep = (counts > 0) & (counts <= _MAX_REPEATS)
    if not keep.any():
        return []
    j_positions = np.flatnonzero(keep)
    low, counts = low[keep], counts[keep]
    total = int(counts.sum())
    # the positions in ``a`` of each b-seed: low, low+1, ... (count of them) in sorted order
    starts = np.repeat(low - np.cumsum(counts) + counts, counts) + np.arange(total)
    i_all = order[starts].astype(np.int64)
    j_all = np.repeat(j_positions, counts).astype(np.int64)
    diagonal = j_all - i_all
    ranked = np.lexsort((i_all, diagonal))
    i_all, diagonal = i_all[ranked], diagonal[ranked]
    breaks = np.ones(len(i_all), dtype=bool)
    breaks[1:] = (diagonal[1:] != diagonal[:-1]) | (i_all[1:] != i_all[:-1] + 1)
    firsts = np.flatnonzero(breaks)
    lengths = np.diff(np.append(firsts, len(i_all)))
    run_i = i_all[firsts]
    run_j = run_i + diagonal[firsts]
    by_position = np.lexsort((run_j, run_i))
    return [
        (i, j, n + SEED_WORDS - 1)
        for i, j, n in zip(
            run_i[by_position].tolist(), run_j[by_position].tolist(), lengths[by_position].tolist(), strict=True
        )
    ]


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
            (a_first < k.a_last and k.a_first < a_last) or (b_first < k.b_last and k.b_first < b_last) for k in kept
        ):
            continue
        kept.append(Passage(a_first, a_last, b_first, b_last, shared))
    kept.sort(key=lambda p: (p.a_first, p.b_first))
    return kept

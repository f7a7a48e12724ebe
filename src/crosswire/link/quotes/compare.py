"""How two quote units compare: the same words (or a fragment of them), or the same statement.

:func:`verbatim` decides ``same_quote``: the words compared with bracketed insertions and
ellipses as gaps, each of which may stand for a few words on the other side. :func:`best_window`
scores ``quote_variant``: :func:`~crosswire.link.quotes.paraphrase.score_prepared` of the two, the
shorter unit also against every window of its length (and two words longer) in the longer one.
Both read the units' prepared forms (:class:`~crosswire.link.quotes.units.QuoteUnit`), so nothing
is tokenised twice however often a unit is compared.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from crosswire.link.quotes.paraphrase import score_prepared
from crosswire.link.quotes.units import GAP, QuoteUnit

__all__ = ["Match", "best_window", "verbatim"]

Match = tuple[float, tuple[int, int], tuple[int, int]]
"""A score and the article spans of the two sides (the first unit's, then the second's)."""


def verbatim(new: QuoteUnit, old: QuoteUnit, *, min_exact_words: int, min_fragment_words: int) -> Match | None:
    """Whether two units are the same words (or one a fragment of the other): score and spans."""
    a_words = [w for w in new.words if w != GAP]
    b_words = [w for w in old.words if w != GAP]
    gaps = len(new.words) - len(a_words) + len(old.words) - len(b_words)
    if a_words == b_words:
        if len(a_words) >= min_exact_words and new.content_words >= 2:
            return 1.0, (new.start, new.end), (old.start, old.end)
        return None
    shorter, longer = (a_words, b_words) if len(a_words) <= len(b_words) else (b_words, a_words)
    if len(shorter) < min_fragment_words:
        return None
    blocks = [b for b in SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    matched = sum(b.size for b in blocks)
    missing = len(shorter) - matched
    region = blocks[-1].b + blocks[-1].size - blocks[0].b
    extra = region - matched
    # Each bracket or ellipsis may stand for a few words on the other side; otherwise exact.
    allowance = 3 * gaps
    if matched < min_fragment_words or missing > allowance or extra > allowance:
        return None
    if missing > len(shorter) // 4:
        return None
    score = matched / len(shorter)
    short_is_new = shorter is a_words
    lo, hi = blocks[0].b, blocks[-1].b + blocks[-1].size
    long_unit = old if short_is_new else new
    long_span = _word_span(long_unit, lo, hi)
    short_unit = new if short_is_new else old
    short_span = (short_unit.start, short_unit.end)
    if short_is_new:
        return score, short_span, long_span
    return score, long_span, short_span


def _word_span(unit: QuoteUnit, first: int, last: int) -> tuple[int, int]:
    """Article span of words ``[first, last)`` of a unit, counted without gaps."""
    positions = [i for i, w in enumerate(unit.words) if w != GAP]
    return unit.offsets[2 * positions[first]], unit.offsets[2 * positions[last - 1] + 1]


def best_window(new: QuoteUnit, old: QuoteUnit) -> Match:
    """Same-statement score of two units; the shorter is also tried against windows of the longer."""
    best = (score_prepared(new.prepared(), old.prepared()), (new.start, new.end), (old.start, old.end))
    short, long_ = (new, old) if len(new.words) <= len(old.words) else (old, new)
    size = len(short.words)
    if size * 3 > len(long_.words) * 2:
        return best
    short_form = short.prepared()
    offsets = long_.offsets
    count = len(long_.words)
    for width in (size, size + 2):
        for first in range(0, max(1, count - width + 1)):
            last = min(count, first + width) - 1
            lo, hi = offsets[2 * first], offsets[2 * last + 1]
            score = score_prepared(short_form, long_.prepared(lo, hi))
            if score > best[0]:
                spans = ((short.start, short.end), (lo, hi))
                best = (score, *spans) if short is new else (score, spans[1], spans[0])
    return best

"""How two quote units compare: the same words (or a fragment of them), or the same statement.

:func:`verbatim` decides ``same_quote``. The two units are aligned word by word, brackets,
parentheses and ellipses kept as marks, case and the form of apostrophes set aside. They are the
same quote when every stretch where they differ is an editing mark, not a change of words:

- an insertion in brackets or parentheses ("[the missile launchers]", "(sic)") on one side,
  standing for at most three words (or none) on the other, or the same insertion in other
  brackets;
- an ellipsis, standing for at most three words (or none);
- one or two function words ("as", "the", "of") added or dropped;
- and, for a fragment ("partial quote"), words beyond either end of the shorter quote.

The match carries those stretches as ``edits`` (``(text in one, text in the other)``), with the
brackets and quotation marks that differ, so a reader sees what the outlets changed. Its score is
the share of the shorter side's own words (insertions left out) that the other has.

:func:`best_window` scores ``quote_variant``: :func:`~crosswire.link.quotes.paraphrase.score_prepared` of
the two, the shorter unit also against every window of its length (and two words longer) in the
longer one. Both read the units' prepared forms (:class:`~crosswire.link.quotes.units.QuoteUnit`),
so nothing is tokenised twice however often a unit is compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from crosswire.link.quotes.paraphrase import score_prepared
from crosswire.link.quotes.units import QuoteUnit, Token
from crosswire.text.words import word_set

__all__ = ["Match", "Verbatim", "best_window", "verbatim"]

Match = tuple[float, tuple[int, int], tuple[int, int]]
"""A score and the article spans of the two sides (the first unit's, then the second's)."""
Verbatim = tuple[float, tuple[int, int], tuple[int, int], tuple[tuple[str, str], ...]]
"""A :data:`Match` and the stretches where the two texts differ (the first unit's text, the second's)."""

FUNCTION_WORDS = word_set(
    """
    a an the of to in on at by for from with into onto as that which who whom such so than and or
    but nor if whether then there
    """
)
"""Words an outlet may add or drop when it carries a quote without changing what was said."""
_MOST_FOR_MARK = 3
"""Most words an insertion or an ellipsis may stand for on the other side."""
_MOST_FUNCTION_WORDS = 2
"""Most function words one edit may add, drop or change."""


def verbatim(new: QuoteUnit, old: QuoteUnit, *, min_exact_words: int, min_fragment_words: int) -> Verbatim | None:
    """Whether two units are the same words up to editing marks (or one a fragment of the other)."""
    a, b = new.tokens(), old.tokens()
    a_words, b_words = _own_words(a), _own_words(b)
    if not a_words or not b_words:
        return None
    if [t.norm for t in a] == [t.norm for t in b] or a_words == b_words:
        if len(a_words) >= min_exact_words and new.content_words >= 2:
            edits = _edits(new, a, old, b)
            return 1.0, (new.start, new.end), (old.start, old.end), edits
        if a_words == b_words:
            return None
    opcodes = _align(a, b)
    a_is_shorter = len(a_words) <= len(b_words)
    equal = [k for k, op in enumerate(opcodes) if op[0] == "equal" and _has_words(a[op[1] : op[2]])]
    if not equal:
        return None
    first, last = equal[0], equal[-1]
    matched = sum(_count_words(a[op[1] : op[2]]) for op in opcodes if op[0] == "equal")
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        if k < first or k > last:
            # beyond the matched stretch the longer side may go on (a fragment); the shorter may
            # only have a function word or two of the writer's ("that") or marks
            own = [t.norm for t in (a[i1:i2] if a_is_shorter else b[j1:j2]) if t.kind == "w"]
            if len(own) <= _MOST_FUNCTION_WORDS and all(w in FUNCTION_WORDS for w in own):
                continue
            return None
        if not _tolerated(a[i1:i2], b[j1:j2]):
            return None
    shorter = min(len(a_words), len(b_words))
    if matched < min_fragment_words or shorter - matched > shorter // 4:
        return None
    a_span = _span(new, a, opcodes[first][1], opcodes[last][2]) if not a_is_shorter else (new.start, new.end)
    b_span = _span(old, b, opcodes[first][3], opcodes[last][4]) if a_is_shorter else (old.start, old.end)
    return min(1.0, matched / shorter), a_span, b_span, _edits(new, a, old, b, opcodes)


def _align(a: list[Token], b: list[Token]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes turning ``a`` into ``b`` (difflib's: equal, replace, delete, insert)."""
    matcher = SequenceMatcher(None, [t.norm for t in a], [t.norm for t in b], autojunk=False)
    return [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _own_words(tokens: list[Token]) -> list[str]:
    """The speaker's words: words outside insertions."""
    return [t.norm for t in tokens if t.kind == "w"]


def _has_words(tokens: Sequence[Token]) -> bool:
    return any(t.kind in "wi" for t in tokens)


def _count_words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if t.kind == "w")


def _tolerated(a: list[Token], b: list[Token]) -> bool:
    """Whether two differing stretches are editing marks rather than other words.

    Either both hold no more than two function words of the speaker's (whatever marks besides),
    or one holds an insertion or an ellipsis and, of the speaker's own words, only function
    words, while the other holds at most three words (those the mark stands for).
    """
    a_own = [t.norm for t in a if t.kind == "w"]
    b_own = [t.norm for t in b if t.kind == "w"]
    if len(a_own) + len(b_own) <= _MOST_FUNCTION_WORDS and all(w in FUNCTION_WORDS for w in (*a_own, *b_own)):
        return True
    for mine, own, theirs in ((a, a_own, b_own), (b, b_own, a_own)):
        marked = any(t.kind in "[]." for t in mine)
        if marked and all(w in FUNCTION_WORDS for w in own) and len(theirs) <= _MOST_FOR_MARK:
            return True  # an insertion or an ellipsis standing for a few words (or none)
    return False


def _span(unit: QuoteUnit, tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    """Article span of tokens ``[first, last)``."""
    return unit.start + tokens[first].start, unit.start + tokens[last - 1].end


def _edits(
    new: QuoteUnit,
    a: list[Token],
    old: QuoteUnit,
    b: list[Token],
    opcodes: Sequence[tuple[str, int, int, int, int]] | None = None,
) -> tuple[tuple[str, str], ...]:
    """Where the two texts differ, as ``(text in new, text in old)``, inside the stretch they share.

    Differing words and marks, and equal words written differently (another bracket, a curly
    apostrophe); an insertion is shown whole. Case alone is not a difference.
    """
    if opcodes is None:
        opcodes = _align(a, b)
    equal = [k for k, op in enumerate(opcodes) if op[0] == "equal"]
    if not equal:
        return ()
    ranges: list[tuple[int, int, int, int]] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if k < equal[0] or k > equal[-1]:
            continue
        if tag != "equal":
            ranges.append((i1, i2, j1, j2))
            continue
        for offset in range(i2 - i1):
            x, y = a[i1 + offset], b[j1 + offset]
            if _surface(new, x) != _surface(old, y):
                lo, hi = _whole_insertion(a, i1 + offset)
                ranges.append((lo, hi, max(0, j1 + lo - i1), min(len(b), j1 + hi - i1)))
    merged: list[tuple[int, int, int, int]] = []
    for i1, i2, j1, j2 in sorted(ranges):
        if merged and i1 <= merged[-1][1] and j1 <= merged[-1][3]:
            p1, p2, q1, q2 = merged[-1]
            merged[-1] = (p1, max(p2, i2), q1, max(q2, j2))
        else:
            merged.append((i1, i2, j1, j2))
    edits = []
    for i1, i2, j1, j2 in merged:
        if i1 == i2 or j1 == j2:
            # a word added or dropped: shown with the words around it ("such to" / "such as to")
            i1, j1 = max(0, i1 - 1), max(0, j1 - 1)
            i2, j2 = min(len(a), i2 + 1), min(len(b), j2 + 1)
        edits.append((_text(new, a, i1, i2), _text(old, b, j1, j2)))
    return tuple(edits)


def _surface(unit: QuoteUnit, token: Token) -> str:
    return unit.text[token.start : token.end].lower()


def _whole_insertion(tokens: list[Token], position: int) -> tuple[int, int]:
    """The insertion (brackets included) around a token, or the token alone."""
    if tokens[position].kind not in "[]i":
        return position, position + 1
    lo = position
    while lo > 0 and tokens[lo].kind != "[":
        lo -= 1
    hi = position
    while hi < len(tokens) - 1 and tokens[hi].kind != "]":
        hi += 1
    return lo, hi + 1


def _text(unit: QuoteUnit, tokens: list[Token], first: int, last: int) -> str:
    if first >= last:
        return ""
    return unit.text[tokens[first].start : tokens[last - 1].end]


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

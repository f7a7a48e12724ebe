"""Clause units of an article: who each stretch of text belongs to, cut once per article.

Used by :mod:`crosswire.extract.claims.extractor`. :func:`clause_units` cuts the whole text at the
document's sentence and paragraph breaks (:class:`~crosswire.text.document.Document`), at the
clause breaks one regular expression pass finds (";", ":", quotation marks, ", and", ", but",
", while", "in which", ", two days after" ..., ", which Osterland says"), and at the edges of
every quotation; each piece belongs to the innermost quotation
around it (its speaker asserts it) or to the article's own voice. Pieces are trimmed of
connectives and punctuation; datelines ("HALVIK, Nov 4 (CPA) -") and boilerplate sentences
("Reporting by ...", "Subscribe") are dropped.

Written by hand: clause cutting by punctuation and connectives is a few rules a parser would
spend far more time on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from heapq import heappop, heappush
from itertools import pairwise

__all__ = ["clause_units"]

# Sentences and paragraphs are the document's (crosswire.text.document); one regular expression
# pass adds the clause breaks inside a sentence. Every break starts with one of a few
# characters, so the pattern opens with that class (the regular expression engine then skips
# quickly to candidates) and each alternative checks which one it was. Breaks that start with
# a word ("... and that ...", "the launchers that Osterland says were moved") come from the
# caller's cue index as extra cuts.
_BREAK_BODY = (
    r"(?<=[;:])\s+"
    r"|(?<=[\"“”„«»])"
    r"|(?<=,)\s+(?:and|but|while|whereas|although|though)\s+(?:that\s+)?"
    r"|(?<=,)\s+(?P<rel>(?:in|after|during|under|by)\s+which|which|who|where)\s+"
    r"(?=[a-z][\w'’-]*\s+(?:[^,;.]|\.(?=\s*[\da-z])){2,80},)"
    r"|(?<=,)\s+(?:in|after|during)\s+which\s+"
    r"|(?<=,)\s+(?:\w+\s+){0,3}?(?:after|before|since|when|as|until)\s+(?=[A-Z])"
    r"|(?<=,)\s+(?:that|which|who)\s+(?=(?:[A-Z][\w'’-]*\s+){1,4}(?:says|said|claims|claimed|reported)\b)"
    r"|(?<=,)\s+(?:where|which|who)\s+(?=(?:\w+\s+){0,3}?(?:said|says|say|reported|told|denied|claimed)\b)"
    r"|(?<=,)\s+where\s+"
    r"|(?<=,)\s+(?=(?:a|an)\s+(?:claim|figure|report|charge|accusation|allegation)\s+(?:that|which)\b)"
)
_BREAKS = re.compile(f'[,;:"“”„«»](?:{_BREAK_BODY})')

_LEADING = re.compile(r"(?:[,;:\s]|and\b|but\b|that\b|so\b|while\b|the\s+opposite\s*:\s*that\b)+", re.I)
_BOILERPLATE = re.compile(
    r"\W*(?:\(?reporting\s+by|\(?editing\s+by|\(?writing\s+by|additional\s+reporting|subscribe|"
    r"sign\s+up|follow\s+us|read\s+more|click\s+here|copyright|all\s+rights\s+reserved|"
    r"share\s+this|advertisement|photo:|image:|getty\s+images|related:)",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,\s[^-—–()\n]{1,40}?)?(?:\s\([A-Za-z]{2,10}\))?\s*[-—–]\s+")
_TRAIL = frozenset(" \n\t.,;:!?)(—–-'’\"“”")
_LEAD = frozenset(" \n\t(—–-'’\"“”")
# characters a leading connective or mark may start with ("ſ" is an "s" to a case-blind match)
_LEADING_FIRST = frozenset(",;:aAbBtTsSwWſ")
# the first letters of boilerplate openers, and what a case-blind match takes for them
_BOILERPLATE_FIRST = frozenset("rewasfcpigREWASFCPIGİıſ")
_DATELINE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ .'’-")

# A unit: (start, end, owner, relative, hole) — owner is an index into the quotation spans or -1
# for the article's own voice; relative marks a non-restrictive relative clause (", which cost
# ...,"); hole is the span of such a relative clause inside a unit, which the unit's reading
# skips ("The ferry[, which has carried ...,] will make its last crossing"), or None.
Unit = tuple[int, int, int, bool, tuple[int, int] | None]
_OPEN, _CLOSE = 1, 2  # a cut that opens / closes a relative clause


def clause_units(
    text: str,
    sentences: Sequence[tuple[int, int]],
    quotes: Sequence[tuple[int, int]],
    extra: Sequence[tuple[int, int]] = (),
) -> list[Unit]:
    """Clause units of ``text`` in order, with the index of the innermost quotation around each.

    ``sentences`` are the document's sentence bounds (no sentence crosses a paragraph break);
    ``extra`` are more clause breaks (spans cut out of the text), found by the caller.
    """
    # cut points: (start, end, starts a sentence, opens or closes a relative clause)
    cuts: list[tuple[int, int, bool, int]] = []
    cuts.extend((s, e, False, 0) for s, e in extra)
    append = cuts.append
    end_before = 0  # the gap between two sentences (or before the first) starts a new one
    for opens, closes in sentences:
        append((end_before, opens, True, 0))
        end_before = closes
    for m in _BREAKS.finditer(text):
        if m.lastgroup is None:
            append((*m.span(), False, 0))
        else:  # "rel": ", which cost 412 million crowns," is cut at both commas
            comma = text.find(",", m.end(), m.end() + 90)
            if comma > 0:
                append((m.start(), m.end(), False, _OPEN))
                append((comma, comma + 1, False, _CLOSE))
            else:
                append((m.start(), m.end(), False, 0))
    for qs, qe in quotes:
        append((qs, qs, False, 0))
        append((qe, qe, False, 0))
    cuts.sort()
    cuts.append((end_before, len(text), True, 0))
    # the innermost quotation: the one that opens last ("He said that ..., VCNA reported": his).
    # Every quotation edge is a cut, so a piece never straddles one: its owner is the owner of the
    # stretch between the two edges around it, worked out once per stretch.
    # A sweep over the edges keeps the quotations open at each one in a heap, innermost first.
    edges = sorted({e for q in quotes for e in q})
    by_start = sorted((qs, qe - qs, qe, i) for i, (qs, qe) in enumerate(quotes))
    open_quotes: list[tuple[int, int, int, int, int]] = []
    owners = []
    k = 0
    for lo, _hi in pairwise(edges):
        while k < len(by_start) and by_start[k][0] <= lo:
            qs, length, qe, i = by_start[k]
            heappush(open_quotes, (-qs, length, qs, qe, i))
            k += 1
        while open_quotes and open_quotes[0][3] <= lo:
            heappop(open_quotes)  # closed before this stretch
        owners.append(open_quotes[0][4] if open_quotes else -1)
    n_owners = len(owners)
    units: list[Unit] = []
    pos = 0
    sentence_start = True
    relative = False
    skip_sentence = False
    before_relative = -1  # index of the unit a relative clause interrupts
    resume = -1  # that index once the relative clause has closed
    hole = (0, 0)
    for cut_start, cut_end, new_sentence, rel in cuts:
        if cut_start < pos:
            if cut_end > pos:
                pos = cut_end
            continue
        lo = pos
        hi = cut_start
        if hi > lo:
            owner = -1
            if n_owners:
                at = bisect_right(edges, lo) - 1
                if 0 <= at < n_owners:
                    owner = owners[at]
            if sentence_start:
                opener = text[lo]
                skip_sentence = (
                    owner < 0
                    and (opener in _BOILERPLATE_FIRST or not (opener.isalnum() or opener == "_"))
                    and _BOILERPLATE.match(text, lo, hi) is not None
                )
                if "A" <= text[lo] <= "Z" and text[lo + 1 : lo + 2] in _DATELINE_SECOND:
                    dateline = _DATELINE.match(text, lo, hi)
                    if dateline:
                        lo = dateline.end()
            if not skip_sentence:
                # the piece without leading connectives and marks around it; three words at least,
                # except before a relative clause
                s, e = lo, hi
                lead = text[s : s + 1]  # empty when a dateline is all there is
                if lead in _LEADING_FIRST or lead.isspace():
                    connective = _LEADING.match(text, s, e)
                    if connective:
                        s = connective.end()
                while e > s and text[e - 1] in _TRAIL:
                    e -= 1
                while s < e and text[s] in _LEAD:
                    s += 1
                if e > s and (rel == _OPEN or text.count(" ", s, e) >= 2):
                    if resume >= 0 and units[resume][2] == owner and not relative:
                        # the clause goes on after the relative clause: one unit with a hole
                        first = units[resume]
                        units[resume] = (first[0], e, owner, first[3], hole)
                    else:
                        units.append((s, e, owner, relative, None))
                    if rel == _OPEN:
                        before_relative = len(units) - 1 if units[-1][1] <= cut_start else -1
                        hole = (cut_start, cut_start)
            resume = -1
        if rel == _CLOSE and before_relative >= 0:
            resume, before_relative = before_relative, -1
            hole = (hole[0], cut_end)
        if new_sentence:
            sentence_start = True
            skip_sentence = False
            before_relative = resume = -1
        elif hi > lo or cut_end > cut_start:
            sentence_start = False
        relative = rel == _OPEN
        pos = cut_end
    units.sort()
    return units

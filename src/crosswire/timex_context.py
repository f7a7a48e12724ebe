"""Per-article state for resolving time expressions: creation time, reference time and tense.

A :class:`Context` holds the document creation time (DCT), the reference time (the last date
mentioned, which "a year earlier" or "the next day" count from) and guesses the tense of the clause
around an expression, which decides whether "Friday" or "in February" lies before or after the DCT.

Tense is read from cue words in the same sentence (the nearest one before the expression, else the
first one after it): modal and planning words ("will", "would", "is due to", "scheduled") speak of
the future; past forms ("said", "met", "-ed", "was") of the past; a past participle after "will be"
or "is" takes the tense of its auxiliary. Written by hand: a part-of-speech tagger would do better
but costs far more than the whole extractor's time budget.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from crosswire.timex import Point
from crosswire.timex_grammar import MODS

__all__ = [
    "Context",
    "Resolver",
    "Result",
    "modifier",
    "nearest_day",
    "prev_word",
    "relative_point",
    "undated",
    "unknown",
]

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
RANK = {"D": 0, "W": 1, "WE": 1, "M": 2, "S": 3, "Q": 3, "H": 4, "Y": 5, "E": 6, "C": 7}


class Result(NamedTuple):
    """What a resolver returns (or None to drop the match)."""

    kind: str
    value: str | None
    mod: str | None = None
    point: Point | None = None  # a date to remember as the reference time
    part: str | None = None  # part of day: morning, afternoon, evening, night
    end: int | None = None  # a shorter end than the match ("two days" of "two days later")
    start: int | None = None  # a later start ("three years" of "spread over three years")
    also: tuple[int, int, str | None] | None = None  # a second expression: start, end, value


Resolver = Callable[[re.Match[str], "Context"], Result | None]
"""A grammar branch's resolver: its match and the article's context to a result."""

_SENTENCE_END = re.compile(r"[.!?][\"'’”]*\s+(?=[\"'‘“`(]*[A-Z])|\n\s*\n")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st no gen sen rep gov lt col sgt capt maj prof rev jr sr inc corp co ltd jan feb
    mar apr jun jul aug sep sept oct nov dec""".split()  # noqa: SIM905
)
_WORD_BEFORE = re.compile(r"(\w+)\.$")


def _sentence_ends(text: str) -> list[int]:
    """Where sentences end: after . ! ? and a space before a capital, not after "Mr." or "U.S."."""
    ends = []
    for mark in _SENTENCE_END.finditer(text):
        if text[mark.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, mark.start() - 6), mark.start() + 1)
            if word is not None and (len(word[1]) == 1 or word[1].lower() in _ABBREVIATIONS):
                continue
        ends.append(mark.end())
    return ends


_CUE = re.compile(
    r"(?<![\w-])(?:(?P<fut>will|won't|'ll|shall|would|wouldn't|going\s+to|gonna|plans?\s+to"
    r"|planning|planned|scheduled|slated|expected|expects?|expecting|set\s+to|due|intends?\s+to"
    r"|aims?\s+to|hopes?\s+to|is\s+to|are\s+to|upcoming|may|might|should|must|next|tomorrow)"
    r"|(?P<past>said|told|was|were|had|did|didn't|wasn't|weren't|hadn't|ago|last|yesterday|met|went"
    r"|came|took|made|gave|held|left|began|saw|rose|fell|sold|bought|paid|won|lost|struck|brought"
    r"|thought|found|sent|spent|led|fled|flew|drove|ran|spoke|wrote|broke|chose|became|got|kept"
    r"|meant|heard|stood|sat|grew|knew|threw|shot|swept|sank|stole|drew|fought|caught|taught|built"
    r"|dealt|felt|sought|rode|shook|hid|forgot|slid|withdrew|arose|agreed|freed|overtook|undertook)"
    r"|(?P<ed>(?-i:[a-z][a-z]+ed)))\b",
    re.IGNORECASE,
)
# Words in -ed that are not past forms, or are mostly adjectives in news.
_NOT_PAST = frozenset(
    """need speed feed seed indeed succeed exceed proceed breed bleed weed deed greed creed steed
    heed hundred kindred red bed shed wed sled embed naked wicked sacred rugged ragged beloved united
    limited based related advanced detailed alleged supposed interested concerned armed skilled
    qualified unidentified unnamed unexpected unprecedented so-called listed registered estimated
    proposed""".split()  # noqa: SIM905
)
_FUTURE_PARTICIPLES = frozenset(["expected", "scheduled", "planned", "slated"])
_PAST_AUXILIARIES = frozenset(
    """said told was were had did didn't wasn't weren't hadn't ago last yesterday""".split()  # noqa: SIM905
)
_AUX_BEFORE = re.compile(
    r"(?:(?P<fut>will|would|shall|to|'ll|may|might|must|should)\s+(?:not\s+)?be"
    r"|(?P<pres>is|are|am|being|be))\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+(?:[\w.:]+\s+){0,3}$", re.IGNORECASE)
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told\s+[\w.]+(?:\s+[\w.]+)?|announced|reported|added|confirmed|stated)\s+(?:on\s+)?$",
    re.IGNORECASE,
)


class Context:
    """Per-article state: the creation time, the reference time, and the article's sentences."""

    __slots__ = ("_ends", "anchor", "anchor_part", "dct", "dct_time", "quarter", "text")

    def __init__(self, text: str, published: date | datetime | None) -> None:
        self.text = text
        self.dct_time: datetime | None = published if isinstance(published, datetime) else None
        # the publication's own calendar day, in its own time zone (never converted to UTC)
        day = published.date() if isinstance(published, datetime) else published
        self.dct: Point | None = Point.of_date(day) if day is not None else None
        self.anchor: Point | None = self.dct
        self.anchor_part: str | None = None
        self.quarter: Point | None = None
        self._ends: list[int] | None = None

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence holding ``start:end``."""
        if self._ends is None:
            self._ends = _sentence_ends(self.text)
        ends = self._ends
        index = bisect_right(ends, start)
        low = ends[index - 1] if index else 0
        while index < len(ends) and ends[index] <= end:
            index += 1
        high = ends[index] if index < len(ends) else len(self.text)
        return low, high

    def tense(self, start: int, end: int) -> int:
        """1 when the clause around ``start:end`` speaks of the future, -1 of the past, else 0."""
        tense, word = self._nearest_cue(start, end)
        if _UNTIL_BEFORE.search(self.text, max(0, start - 30), start):
            # "stay out of the gulf until Saturday": a deadline ahead, unless the clause is a
            # past perfect or past progressive ("until Thursday they had not called him")
            return -1 if word in ("had", "hadn't", "was", "were", "did", "didn't") else 1
        return tense

    def _nearest_cue(self, start: int, end: int) -> tuple[int, str]:
        """The tense of the nearest cue before the expression in its sentence, else the first after."""
        low, high = self.sentence(start, end)
        text = self.text
        before, word = 0, ""
        for cue in _CUE.finditer(text, max(low, start - 120), start):
            found = self._cue_tense(cue)
            if found:
                before, word = found, cue.group().lower()
        if before:
            return before, word
        for cue in _CUE.finditer(text, end, min(high, end + 80)):
            found = self._cue_tense(cue)
            word = cue.group().lower()
            if word in _FUTURE_PARTICIPLES and not _AUX_BEFORE.search(text, max(0, cue.start() - 25), cue.start()):
                found = -1  # "On Friday, the government planned to pay": the planning is past
            if found:
                return found, word
        return 0, ""

    def _cue_tense(self, cue: re.Match[str]) -> int:
        if cue["fut"]:
            return 1
        word = cue.group().lower()
        if cue["ed"] and word in _NOT_PAST:
            return 0
        if word in _FUTURE_PARTICIPLES:
            return 1
        if word not in _PAST_AUXILIARIES:
            aux = _AUX_BEFORE.search(self.text, max(0, cue.start() - 25), cue.start())
            if aux is not None:
                return 1 if aux["fut"] else 0  # "will be held", "is closed"
        return -1

    def reporting(self, start: int) -> bool:
        """Whether the words before ``start`` are a reporting verb ("said on", "told reporters")."""
        return _REPORTING_BEFORE.search(self.text, max(0, start - 30), start) is not None

    def seen(self, point: Point | None, part: str | None = None) -> None:
        if point is not None:
            self.anchor = point
            self.anchor_part = part
            if point.gran in ("Q", "H"):
                self.quarter = point


def modifier(*words: str | None) -> str | None:
    """The TimeML modifier of the first given word ("late" -> END, "about" -> APPROX)."""
    for word in words:
        if word:
            return MODS.get(" ".join(word.lower().rstrip("-").split()))
    return None


def prev_word(text: str, start: int) -> str:
    """The word just before ``start``, lower-cased."""
    match = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    return match.group(1).lower() if match else ""


def nearest_day(ctx: Context, month: int, day: int, start: int, end: int) -> Point | None:
    """A month-day without a year: by the clause's tense, else the nearest such day to the DCT."""
    dct = ctx.dct
    if dct is None:
        return None
    base = dct.as_date()
    candidates = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    after = [c for c in candidates if c >= base]
    before = [c for c in candidates if c <= base]
    nearest = min(candidates, key=lambda c: (abs((c - base).days), c > base))
    # a day within three months of the DCT is the nearest one (TempEval-3 training data: 92% right,
    # against 77% for the clause's tense); further away, the tense decides
    if after and before and abs((nearest - base).days) > 90:
        tense = ctx.tense(start, end)
        if tense > 0:
            return Point.of_date(after[0])
        if tense < 0:
            return Point.of_date(before[-1])
    return Point.of_date(nearest)


_PER_YEAR = {"M": 12, "S": 4, "Q": 4, "H": 2}


def relative_point(ctx: Context, gran: str, index: int, rel: str, start: int, end: int) -> Point | None:
    """A month/season/quarter named without a year ("in July", "last fall"), resolved by tense."""
    dct = ctx.dct
    if dct is None:
        return None
    here = dct.coarsen(gran)
    candidate = Point(gran, here.year, index)
    rel = rel.lower()
    if rel == "this":
        return candidate
    if rel in ("last", "past", "previous"):
        return candidate if (candidate.index < here.index) else candidate.shift(-1, "Y")
    if rel in ("next", "coming"):
        return candidate if (candidate.index > here.index) else candidate.shift(1, "Y")
    if gran in ("Q", "H"):  # quarterly results: the latest such quarter, never a future one
        return candidate if candidate.index <= here.index else candidate.shift(-1, "Y")
    before = candidate if candidate.index <= here.index else candidate.shift(-1, "Y")
    after = candidate if candidate.index >= here.index else candidate.shift(1, "Y")
    if before is None or after is None:
        return before or after
    per_year = _PER_YEAR.get(gran, 12)
    ahead = (after.year - here.year) * per_year + after.index - here.index
    behind = (here.year - before.year) * per_year + here.index - before.index
    # a month within three months of the DCT is the nearest one; otherwise the tense decides
    tense = ctx.tense(start, end) if gran != "M" or min(ahead, behind) > 3 else 0
    if tense:
        return after if tense > 0 else before
    # no tense cue: the nearer of the two, the past one on a tie
    return after if ahead < behind else before


_UNDATED = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "S": "XXXX-XX"}
_UNDATED |= {"Q": "XXXX-QX", "H": "XXXX-HX", "Y": "XXXX", "E": "XXX", "C": "XX"}


def undated(gran: str | None) -> str | None:
    """The underspecified TIMEX3 value of a relative expression when the DCT is unknown."""
    return _UNDATED.get(gran or "")


def unknown(point: Point | None, fallback: str | None) -> str | None:
    """The point's value, or ``fallback`` when it could not be resolved."""
    return point.value if point is not None else fallback

"""Per-article state for resolving time expressions: creation time, reference time and tense.

A :class:`Context` holds the document creation time (DCT), the reference time (the last date
mentioned, which "a year earlier" or "the next day" count from) and guesses the tense of the clause
around an expression, which decides whether "Friday" or "in February" lies before or after the DCT.

Tense is read from cue words in the same sentence (the document's, see
:class:`~crosswire.text.document.Document`) (the nearest one before the expression, else the
first one after it): modal and planning words ("will", "would", "is due to", "scheduled") speak of
the future; past forms ("said", "met", "-ed", "was") of the past; a past participle after "will be"
or "is" takes the tense of its auxiliary. Written by hand: a part-of-speech tagger would do better
but costs far more than the whole extractor's time budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import NamedTuple

from crosswire.extract.times.grammar import MODS
from crosswire.extract.times.timex import Point
from crosswire.text.document import Document

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

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’]*")

# Cue words for tense. Multi-word cues ("going to", "plans to") are a first word and "to".
_FUTURE = frozenset(
    """will won't wont shall would wouldn't gonna planning planned scheduled slated expected expects
    expect expecting due upcoming may might should must next tomorrow payable effective""".split()  # noqa: SIM905
)
_FUTURE_BEFORE_TO = frozenset("going plan plans set intend intends aim aims hope hopes is are".split())  # noqa: SIM905
_PAST = frozenset(
    """said told was were had did didn't wasn't weren't hadn't ago last yesterday since previously met went came
    took made gave held left began saw rose fell sold bought paid won lost struck brought thought
    found sent spent led fled flew drove ran spoke wrote broke chose became got kept meant heard
    stood sat grew knew threw shot swept sank stole drew fought caught taught built dealt felt sought
    rode shook hid forgot slid withdrew arose agreed freed overtook undertook""".split()  # noqa: SIM905
)
# Words in -ed that are not past forms, or are mostly adjectives in news.
_NOT_PAST = frozenset(
    """need speed feed seed indeed succeed exceed proceed breed bleed weed deed greed creed steed
    heed hundred kindred red bed shed wed sled embed naked wicked sacred rugged ragged beloved united
    limited based related advanced detailed alleged supposed interested concerned armed skilled
    qualified unidentified unnamed unexpected unprecedented listed registered estimated proposed
    unspecified""".split()  # noqa: SIM905
)
_FUTURE_PARTICIPLES = frozenset(["expected", "scheduled", "planned", "slated"])
_AUXILIARIES = frozenset(
    """said told was were had did didn't wasn't weren't hadn't ago last yesterday since previously""".split()  # noqa: SIM905
)
_MODALS = frozenset("will would shall to 'll may might must should".split())  # noqa: SIM905
_MODALS_OR_NOT = _MODALS | {"not"}
_PRESENT_BE = frozenset(["is", "are", "am", "being", "be"])
_DETERMINERS = frozenset("a an the its their his her our this that these those still very".split())  # noqa: SIM905
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+(?:[\w.:]+\s+){0,3}$", re.IGNORECASE)
_REPORTING = frozenset("said says told announced reported added confirmed stated".split())  # noqa: SIM905


def _cue(words: list[str], index: int) -> int:
    """The tense a word speaks of (1 future, -1 past, 0 none), given the words before it."""
    word = words[index].lower()
    if word in _FUTURE:
        return 1
    if word in _FUTURE_BEFORE_TO:
        return 1 if index + 1 < len(words) and words[index + 1].lower() == "to" else 0
    past = word in _PAST or (
        len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST and words[index][0].islower()
    )
    if not past:
        return 0
    if word in _AUXILIARIES:
        return -1
    # a participle: "will be held" is future, "is closed" present, "the detailed plan" no verb
    before = [w.lower() for w in words[max(0, index - 3) : index] if not w.endswith("ly")]
    if before and before[-1] in _DETERMINERS:
        return 0
    if before and before[-1] in ("be", "been") and len(before) > 1 and before[-2] in _MODALS_OR_NOT:
        return 1
    if before and before[-1] in _PRESENT_BE:
        return 1 if word in _FUTURE_PARTICIPLES else 0
    return -1


class Context:
    """Per-article state: the creation time, the reference time, and the tense around a position."""

    __slots__ = ("anchor", "anchor_part", "dct", "dct_time", "doc", "quarter", "text")

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        published = doc.published
        self.dct_time: datetime | None = published if isinstance(published, datetime) else None
        # the publication's own calendar day, in its own time zone (never converted to UTC)
        day = published.date() if isinstance(published, datetime) else published
        self.dct: Point | None = Point.of_date(day) if day is not None else None
        self.anchor: Point | None = self.dct
        self.anchor_part: str | None = None
        self.quarter: Point | None = None

    def _sentence_start(self, start: int) -> int:
        """The start of the sentence holding ``start``, looking back at most 120 characters."""
        return max(self.doc.sentence_start(start), start - 120, 0)

    def _sentence_end(self, end: int) -> int:
        """The end of the sentence holding ``end``, looking ahead at most 80 characters."""
        return min(self.doc.sentence_end(end), end + 80)

    def tense(self, start: int, end: int, near: bool = False) -> int:
        """1 when the clause around ``start:end`` speaks of the future, -1 of the past, else 0.

        The nearest cue word before the expression in its sentence decides, else the first after;
        ``near`` looks only at the four words before ("was founded in February").
        """
        text = self.text
        words = _WORDS.findall(text, self._sentence_start(start), start)
        tense, word = 0, ""
        for index in range(len(words) - 1, max(-1, len(words) - 5) if near else -1, -1):
            tense = _cue(words, index)
            if tense:
                word = words[index].lower()
                break
        if near:
            return tense
        if not tense:
            after = _WORDS.findall(text, end, self._sentence_end(end))
            for index in range(len(after)):
                tense = _cue(after, index)
                if tense:
                    word = after[index].lower()
                    if word in _FUTURE_PARTICIPLES and (index == 0 or after[index - 1].lower() not in _PRESENT_BE):
                        tense = -1  # "On Friday, the government planned to pay": the planning is past
                    break
        if "until" in text[max(0, start - 30) : start].lower() and _UNTIL_BEFORE.search(
            text, max(0, start - 30), start
        ):
            # "stay out of the gulf until Saturday": a deadline ahead, unless the clause is a
            # past perfect or past progressive ("until Thursday they had not called him")
            return -1 if word in ("had", "hadn't", "was", "were", "did", "didn't") else 1
        return tense

    def reporting(self, start: int) -> bool:
        """Whether the words before ``start`` are a reporting verb ("said on", "told reporters")."""
        words = _WORDS.findall(self.text, max(0, start - 30), start)[-3:]
        if words and words[-1].lower() == "on":
            words = words[:-1]
        return any(w.lower() in _REPORTING for w in words[-1:]) or (len(words) >= 2 and words[-2].lower() == "told")

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


_LAST_WORD = re.compile(r"(\w+)\W*$")


def prev_word(text: str, start: int) -> str:
    """The word just before ``start``, lower-cased."""
    match = _LAST_WORD.search(text[max(0, start - 20) : start])
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
    # a month within three months of the DCT is the nearest one unless the verb just before says
    # otherwise ("was founded in February"); further away, the clause's tense decides
    tense = ctx.tense(start, end, near=gran == "M" and min(ahead, behind) <= 3)
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

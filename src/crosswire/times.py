"""Time expressions: dates, times, durations and sets, normalised to TimeML TIMEX3 values.

``extract_times(article)`` finds "Sunday night", "in July", "late 2023", "Oct. 24", "last month",
"three days", "two years ago", "every week", "2.15pm" and the like, and gives each its TIMEX3
value relative to ``article.published`` (the document creation time) at its true granularity:
"in July" is ``2024-07``, never a day. With no publication date, nothing is borrowed from the
clock: the year stays unknown (``XXXX-10-24``) and purely relative expressions ("yesterday",
"last week") get ``value=None``.

One combined regular expression finds the candidates in a single pass; each grammar branch has
a resolver. Written by hand because no library gives TIMEX3 values with granularity, spans and
TimeML's conventions offline at this speed (dateparser resolves to full datetimes and is ~1000x
slower); see docs/extractors/times.md.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import ahocorasick

from crosswire.model import Article
from crosswire.timex import (
    DAY,
    UNIT_CODES,
    Point,
    holiday,
    number_value,
)

__all__ = ["TimeExpression", "extract_times"]

log = logging.getLogger(__name__)

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression: its span, TIMEX3 type and value, and TimeML modifier."""

    start: int
    end: int
    text: str
    value: str | None
    type: str
    mod: str | None = None
    granularity: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "type": self.type,
            "mod": self.mod,
            "granularity": self.granularity,
        }


# --- vocabulary -------------------------------------------------------------------------------

_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_FULL_MONTHS = [n for n in _MONTH_NUMBERS if len(n) > 4 or n in ("may", "june", "july")]
_ABBR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _cased(words: list[str]) -> str:
    """Title-case and upper-case forms only: "May" and "MAY", never the verb "may"."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_MONTH = _cased(_FULL_MONTHS)
_MONTH_ABBR = "(?-i:" + "|".join(_ABBR_MONTHS) + r")\.?"
_ANY_MONTH = rf"(?:{_MONTH}|{_MONTH_ABBR})"
_WEEKDAY = _cased(_WEEKDAYS)
_PART = r"morning|afternoon|evening|night"
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine)\b)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a |one )?hundred"
    r"|a dozen|a couple of|couple of|half an?|an?)"
)
_VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of|a\s+couple\s+of)"
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUMW})"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_MOD_WORDS = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|over|less\s+than|under"
    r"|at\s+least|up\s+to|at\s+most|fewer\s+than|just\s+over|just\s+under|well\s+over|only)"
)
_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "early": "START", "beginning": "START", "start": "START",
    "mid": "MID", "middle": "MID", "late": "END", "end": "END",
}  # fmt: skip
_POINT_MOD = r"(?:(?P<pm>early|mid|late)(?:-|\s+)|the\s+(?P<pm2>beginning|start|middle|end)\s+of\s+)"

# --- grammar: one branch per kind of expression, tried in this order at each word start -------

_BRANCHES: list[tuple[str, str]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d)(?::\d\d)?)?(?![\d-])"),
    (
        "clock",
        r"(?:(?P<approx>about|around|approximately|shortly\s+after|shortly\s+before)\s+)?"
        r"(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>[ap]\.?m\b\.?)"
        r"|(?P<h24>[012]?\d):(?P<min24>[0-5]\d)(?![\d:])(?:\s*hrs\b|\s*h\b)?"
        r"|(?P<oc>\d{1,2})\s+o'clock|(?P<noon>noon|midday|midnight)"
        r"|(?P<hp>\d{1,2})\s+in\s+the\s+(?P<pp>morning|afternoon|evening))"
        r"(?:\s+(?P<zone>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|local\s+time)\b)?",
    ),
    (
        "dmy",
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_ANY_MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?",
    ),
    (
        "mdy",
        rf"(?P<mon>{_ANY_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]\d)(?:,?\s+(?P<y>\d{{4}})\b)?",
    ),
    ("my", rf"{_POINT_MOD}?(?P<mon>{_ANY_MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})\b"),
    (
        "quarter",
        r"(?:(?P<yr>\d{4}|this\s+year|last\s+year|next\s+year)'s\s+|the\s+)?"
        r"(?:(?P<adj>latest|last|previous|prior|current|same|comparable|year-earlier|year-ago"
        r"|prior-year|next|coming|recent|just-ended|just-completed)\s+)?"
        r"(?:fiscal[- ])?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?)?"
        r"(?P<qh>quarter|half|period)(?!-century)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>\d{4}|this\s+year"
        r"|last\s+year|next\s+year))?"
        r"|(?P<yq>\d{4})?\s*Q(?P<qn>[1-4])\b(?:\s*(?P<y2>\d{4}))?",
    ),
    ("yearago", r"year-(?:earlier|ago)"),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<pm>early|mid|late)[- ]?)?(?:(?P<dec>1[0-9]|20)(?P<dd>\d)0'?s\b|'(?P<d2>\d)0s\b)",
    ),
    (
        "century",
        r"(?:the\s+)?(?:(?P<pm>early|mid|late)[- ])?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cw>first|second"
        r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
        r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[- ]century\b",
    ),
    (
        "ago",
        rf"(?:(?P<mod>{_MOD_WORDS})\s+)?(?:(?P<vague>{_VAGUE})\s+|(?P<num>{_NUM})[\s-]+)?(?P<unit>{_UNIT})"
        r"\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously|since)\b",
    ),
    (
        "anchored",
        r"the\s+(?:(?P<rel>previous|next|following|preceding|prior|same)\s+(?P<unit>day|week|month|year"
        r"|morning|afternoon|evening|night)|day\s+(?P<dir>before|after|earlier))",
    ),
    (
        "duration",
        rf"(?:(?P<mod>{_MOD_WORDS})\s+)?(?:(?P<the>the\s+)?(?P<rel>past|last|next|first|previous|final"
        rf"|coming|following|initial|remaining|latest|preceding)\s+)?(?:(?P<vague>{_VAGUE})\s+"
        rf"|(?P<num>{_NUM})(?:\s+(?:to|or|-)\s+(?P<num2>{_NUM}))?(?:\s+and\s+a\s+half)?[\s-]+)"
        rf"(?P<unit>{_UNIT})(?P<old>[\s-]old)?\b(?:\s+or\s+so)?",
    ),
    (
        "set",
        rf"(?P<every>every|each|per)\s+(?:other\s+)?(?:(?P<num>{_NUM})\s+)?(?:(?P<unit>{_UNIT})"
        rf"|(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH}))\b"
        rf"|(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|fortnightly"
        rf"|semiannually|semi-annually|bimonthly)\b"
        rf"|(?P<times>once|twice|thrice|{_NUM}\s+times)\s+(?:a|an|per|every)\s+(?P<unit2>{_UNIT})\b",
    ),
    (
        "relday",
        rf"(?:(?P<pre>early|late|mid-?)\s*)?(?:(?P<day>today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<part>{_PART}))?|the\s+day\s+(?P<far>before\s+yesterday|after\s+tomorrow)"
        rf"|(?P<which>this|last)\s+(?P<part2>{_PART})|(?P<over>overnight))\b",
    ),
    (
        "weekday",
        rf"(?:(?P<rel>last|this|next|coming|past|previous|early|late)\s+)?(?P<wd>{_WEEKDAY})(?P<pl>s\b)?"
        rf"(?:\s+(?P<part>{_PART})s?\b)?",
    ),
    (
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<name>(?-i:Christmas\s+Day|Christmas\s+Eve|Christmas"
        r"|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween"
        r"|Valentine's\s+Day|Easter\s+(?:Sunday|Monday)|Easter|Good\s+Friday|Boxing\s+Day|Labou?r\s+Day"
        r"|Memorial\s+Day|Bastille\s+Day|Veterans\s+Day|Armistice\s+Day))(?:\s+(?P<y>\d{4})\b)?",
    ),
    (
        "season",
        rf"{_POINT_MOD}?(?:(?P<rel>last|this|next|coming|past|the\s+coming|the\s+past|this\s+past)\s+"
        r"|(?P<the>the)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?!-)\b(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?",
    ),
    (
        "deictic",
        rf"(?:(?P<el>earlier|later)\s+|{_POINT_MOD})?(?:(?P<rel>this\s+past|this|last|next|past|previous"
        r"|coming|current|that)|the\s+(?P<rel2>past|last|previous|coming|next|current|same|following"
        r"|preceding|prior)|the)?\s*(?P<fiscal>fiscal\s+)?(?P<unit>week|weekend|month|year|decade|century)\b",
    ),
    (
        "year",
        rf"(?:{_POINT_MOD}|(?P<fy>fiscal(?:\s+year)?|FY|the\s+year|calendar)\s*)?(?P<y>1[6-9]\d\d|20\d\d)\b",
    ),
    ("month", rf"{_POINT_MOD}?(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<mon>{_MONTH}|{_MONTH_ABBR})"),
    (
        "ref",
        r"(?P<present>now|currently|current(?!\s+accounts?)|presently|at\s+present|nowadays|these\s+days"
        r"|at\s+the\s+moment|right\s+now|the\s+present)\b"
        r"|(?P<past>recently|recent|lately|the\s+past|previously|formerly|in\s+the\s+past)\b"
        r"|(?P<future>the\s+future|future|soon|shortly)\b",
    ),
    ("bareunits", r"(?P<unit>years|months|weeks|days|hours|decades|minutes)\b"),
]

_NAMED = re.compile(r"\?P<\w+>")
_PATTERNS = dict(_BRANCHES)


def _combined(names: list[str]) -> re.Pattern[str]:
    """One expression trying the named branches in order, each in a group named after it."""
    alternatives = "|".join(f"(?P<{name}>{_NAMED.sub('?:', _PATTERNS[name])})" for name in names)
    return re.compile(rf"(?<![\w$£€#'’.-])(?:{alternatives})", re.IGNORECASE)


_COMBINED = _combined(list(_PATTERNS))
_BRANCH = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _BRANCHES}

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|going\s+to|plans?\s+to|planned|scheduled|expected|expects?|set\s+to"
    r"|due\s+to|is\s+to|are\s+to|to\s+be\s+held|upcoming|would|intends?\s+to|hopes?\s+to|until|till"
    r"|as\s+soon\s+as|by|next|through)\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:said|says|told|was|were|had|been|did|ago|last|since|earlier|\w+ed)\b", re.IGNORECASE
)
_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|[a-z]+(?<!ss)s\b(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bits)(?<!\bthis)"
    r"(?<!\bas)(?<!\bus)(?<!\bplus))"
)
_SET_BEFORE = re.compile(
    r"(?:[\d%]|\b(?:times|once|twice|million|billion|trillion|percent|cent|dollars|pounds|euros|yen"
    r"|bn|m|k|tonnes|barrels|hours|days|visitors|people))\W{0,3}$",
    re.IGNORECASE,
)
_TIME_DATE_GAP = re.compile(r"\s*,?\s*(?:on\s+)?$")
_RANK = {"D": 0, "W": 1, "WE": 1, "M": 2, "S": 3, "Q": 3, "H": 4, "Y": 5, "E": 6, "C": 7}


class _Context:
    """Per-article state: the creation time and the last date mentioned (the reference time)."""

    __slots__ = ("anchor", "dct", "dct_time", "quarter", "text")

    def __init__(self, text: str, published: date | datetime | None) -> None:
        self.text = text
        self.dct_time: datetime | None = published if isinstance(published, datetime) else None
        day = published.date() if isinstance(published, datetime) else published
        self.dct: Point | None = Point.of_date(day) if day is not None else None
        self.anchor: Point | None = self.dct
        self.quarter: Point | None = None

    def tense(self, start: int, end: int) -> int:
        """1 when the nearest tense cue before ``start`` speaks of the future, -1 of the past, else 0."""
        text = self.text
        lo = max(0, start - 60)
        future = past = -1
        for cue in _FUTURE_CUE.finditer(text, lo, start):
            future = cue.end()
        for cue in _PAST_CUE.finditer(text, lo, start):
            past = cue.end()
        if future > past:
            return 1
        if past >= 0:
            return -1
        return 1 if _FUTURE_CUE.search(text, end, min(len(text), end + 25)) else 0

    def future(self, start: int, end: int) -> bool:
        """Whether the words just before (or just after) ``start:end`` speak of the future."""
        return self.tense(start, end) > 0

    def seen(self, point: Point | None) -> None:
        if point is not None:
            self.anchor = point
            if point.gran in ("Q", "H"):
                self.quarter = point


_Result = tuple[str, str | None, str | None, Point | None] | None
"""What a resolver returns: (type, value, mod, point to remember as reference time) or None to drop."""


def _mod(*words: str | None) -> str | None:
    for word in words:
        if word:
            return _MODS.get(word.lower().rstrip("-"))
    return None


def _month(word: str) -> int:
    return _MONTH_NUMBERS[word.lower().rstrip(".")]


def _prev_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    return match.group(1).lower() if match else ""


def _nearest_day(ctx: _Context, month: int, day: int, start: int, end: int) -> Point | None:
    """A month-day without a year: the nearest such day to publication (after it when future)."""
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
    tense = ctx.tense(start, end)
    after = [c for c in candidates if c >= base]
    before = [c for c in candidates if c <= base]
    if tense > 0 and after:
        return Point.of_date(after[0])
    if tense < 0 and before:
        return Point.of_date(before[-1])
    return Point.of_date(min(candidates, key=lambda c: (abs((c - base).days), c > base)))


def _relative_point(ctx: _Context, gran: str, index: int, rel: str, start: int, end: int) -> Point | None:
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
    tense = ctx.tense(start, end)
    before = candidate if candidate.index <= here.index else candidate.shift(-1, "Y")
    after = candidate if candidate.index >= here.index else candidate.shift(1, "Y")
    if tense or before is None or after is None:
        return after if tense > 0 else before
    # no tense cue: the nearer of the two, the past one on a tie
    ahead = (after.year - here.year) * 12 + after.index - here.index
    behind = (here.year - before.year) * 12 + here.index - before.index
    return after if ahead < behind else before


def _unknown(point: Point | None, fallback: str | None) -> str | None:
    return point.value if point is not None else fallback


# --- resolvers, one per branch ----------------------------------------------------------------


def _iso(m: re.Match[str], ctx: _Context) -> _Result:
    try:
        point = Point.of_date(date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None
    if m["hh"]:
        return TIME, f"{point.value}T{m['hh']}:{m['mm']}", None, point
    return DATE, point.value, None, point


def _clock(m: re.Match[str], ctx: _Context) -> _Result:
    minute = 0
    if m["noon"]:
        hour = 24 if m["noon"].lower() == "midnight" else 12
    elif m["oc"] or m["hp"]:
        hour = int(m["oc"] or m["hp"])
        if m["pp"] and m["pp"].lower() != "morning" and hour < 12:
            hour += 12
    elif m["h24"]:
        hour, minute = int(m["h24"]), int(m["min24"])
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        if hour > 12 or hour == 0:
            return None
        if m["ampm"][0].lower() == "p" and hour != 12:
            hour += 12
        elif m["ampm"][0].lower() == "a" and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return None
    day = ctx.dct.value if ctx.dct is not None else "XXXX-XX-XX"
    approx = "APPROX" if m["approx"] and m["approx"].lower() in ("about", "around", "approximately") else None
    return TIME, f"{day}T{hour:02d}:{minute:02d}", approx, None


def _dmy(m: re.Match[str], ctx: _Context) -> _Result:
    month, day = _month(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        try:
            point = Point.of_date(date(int(m["y"]), month, day))
        except ValueError:
            return None
        return DATE, point.value, None, point
    if day > (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    found = _nearest_day(ctx, month, day, m.start(), m.end())
    return DATE, _unknown(found, f"XXXX-{month:02d}-{day:02d}"), None, found


def _my(m: re.Match[str], ctx: _Context) -> _Result:
    point = Point("M", int(m["y"]), _month(m["mon"]))
    return DATE, point.value, _mod(m["pm"], m["pm2"]), point


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _year_phrase(phrase: str | None, ctx: _Context) -> int | None:
    if phrase is None:
        return None
    if phrase[0].isdigit():
        return int(phrase)
    if ctx.dct is None:
        return None
    word = phrase.split()[0].lower()
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[word]


def _quarter(m: re.Match[str], ctx: _Context) -> _Result:
    point: Point | None
    if m["qn"]:
        year = m["yq"] or m["y2"]
        if year:
            point = Point("Q", int(year), int(m["qn"]))
            return DATE, point.value, None, point
        found = _relative_point(ctx, "Q", int(m["qn"]), "", m.start(), m.end())
        return DATE, _unknown(found, f"XXXX-Q{m['qn']}"), None, found
    gran = "H" if m["qh"].lower() == "half" else "Q"
    adj = (m["adj"] or "").lower()
    ordinal = _ORDINALS.get((m["ord"] or "").lower())
    if m["qh"].lower() == "period" and not adj:
        return None
    if ordinal is None and not adj and not m[0].lower().startswith(("the", "fiscal")) and not m["yr"]:
        return None  # "a quarter of the vote"
    if m[0].lower().startswith("the") and not adj and ordinal is None and gran == "H":
        return None  # "the half"
    if ordinal is not None and (gran == "Q" or ordinal <= 2):
        year = _year_phrase(m["y"] or m["yr"], ctx)
        if year is not None:
            point = Point(gran, year, ordinal)
        else:
            point = _relative_point(ctx, gran, ordinal, "", m.start(), m.end())
        return DATE, _unknown(point, f"XXXX-{gran}{ordinal}"), None, point
    if m["ord"] and m["ord"].lower() == "final":
        point = ctx.dct.coarsen(gran).shift(-1, "Q" if gran == "Q" else "H") if ctx.dct else None
        return DATE, _unknown(point, None), None, point
    base = ctx.quarter if ctx.quarter is not None and ctx.quarter.gran == gran else None
    if ctx.dct is not None and base is None:
        base = ctx.dct.coarsen(gran).shift(-1, gran)
    if base is None:
        return DATE, None, None, None
    if adj in ("year-earlier", "year-ago", "prior-year", "comparable"):
        # a comparison period: not the period under discussion, so not remembered as the anchor
        return DATE, _unknown(base.shift(-1, "Y"), None), None, None
    elif adj in ("previous", "prior"):
        point = base.shift(-1, gran)
    elif adj == "current" and ctx.dct is not None:
        point = ctx.dct.coarsen(gran)
    elif adj in ("next", "coming") and ctx.dct is not None:
        point = ctx.dct.coarsen(gran).shift(1, gran)
    else:
        point = base
    return DATE, _unknown(point, None), None, point


def _yearago(m: re.Match[str], ctx: _Context) -> _Result:
    base = ctx.quarter or (ctx.anchor.coarsen("Y") if ctx.anchor else None)
    point = base.shift(-1, "Y") if base is not None else None
    return DATE, _unknown(point, None), None, None


def _decade(m: re.Match[str], ctx: _Context) -> _Result:
    if m["dec"]:
        value = f"{m['dec']}{m['dd']}"
    else:
        century = ctx.dct.year // 100 if ctx.dct is not None else 19
        # "the '90s" written in the 2000s still means the 1990s when it lies in the future
        if ctx.dct is not None and century * 100 + int(m["d2"]) * 10 > ctx.dct.year:
            century -= 1
        value = f"{century}{m['d2']}"
    return DATE, value, _mod(m["pm"]), None


_CENTURY_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "twenty-first",
]  # fmt: skip


def _century(m: re.Match[str], ctx: _Context) -> _Result:
    number = int(m["cn"]) if m["cn"] else _CENTURY_WORDS.index(m["cw"].lower()) + 1
    if not 1 <= number <= 22:
        return None
    return DATE, f"{number - 1:02d}", _mod(m["pm"]), None


def _unit(word: str) -> tuple[str, str | None, bool]:
    word = word.lower()
    word = "century" if word.startswith("centur") else word.rstrip("s")
    return UNIT_CODES.get(word, ("D", DAY, False))


def _duration_value(amount: float | None, unit_word: str) -> str:
    code, _gran, clock = _unit(unit_word)
    if unit_word.lower().startswith("fortnight") and amount is not None:
        amount *= 2
    if amount is None:
        number = "X"
    else:
        if amount == 0.5:
            half = {"Y": (6, "M", False), "M": (2, "W", False), "W": (84, "H", True), "D": (12, "H", True)}
            half |= {"H": (30, "M", True), "M_clock": (30, "S", True), "DE": (5, "Y", False)}
            half |= {"CE": (50, "Y", False), "Q": (6, "W", False)}
            key = "M_clock" if clock and code == "M" else code
            if key in half:
                amount, code, clock = half[key]
        if code == "DE":
            amount, code = amount * 10, "Y"
        elif code == "CE":
            amount, code = amount * 100, "Y"
        elif code == "Q":
            amount, code = amount * 3, "M"
        elif code == "WE":
            amount, code = amount * 2, "D"
        number = f"{amount:g}"
    if code == "DE":
        code = "DE"
    elif code == "CE":
        code = "CE"
    return f"PT{number}{code}" if clock else f"P{number}{code}"


def _amount(m: re.Match[str]) -> float | None:
    if m["vague"] or (m["num2"] if "num2" in m.re.groupindex else None):
        return None
    if m["num"] is None:
        return 1.0
    amount = number_value(m["num"])
    if amount is not None and "and a half" in m[0].lower():
        amount += 0.5
    return amount


def _ago(m: re.Match[str], ctx: _Context) -> _Result:
    direction = m["dir"].lower()
    past = direction in ("ago", "earlier", "before", "previously", "since")
    if m["vague"] or (m["num"] is None and m["unit"].lower().endswith("s")):
        return DATE, "PAST_REF" if past else "FUTURE_REF", None, None
    amount = number_value(m["num"]) if m["num"] else 1.0
    gran = _unit(m["unit"])[1]
    mod = _mod(m["mod"])
    if amount is None or amount != int(amount) or gran is None:
        return DATE, "PAST_REF" if past else "FUTURE_REF", mod, None
    steps = int(amount) * (-1 if past else 1)
    unit = gran
    if m["unit"].lower().startswith("fortnight"):
        steps *= 2
    if gran == "WE":
        unit = "W"
    if gran == "E":
        steps, unit = steps * 10, "Y"
    if gran == "C":
        steps, unit = steps * 100, "Y"
    relative_to_dct = direction in ("ago", "from now", "hence", "since")
    base = ctx.dct if relative_to_dct else ctx.anchor
    keep = not relative_to_dct  # "a year earlier" than a quarter is a quarter
    quarter = ctx.quarter
    if relative_to_dct and gran == "Y" and quarter and ctx.dct and quarter.year == ctx.dct.year:
        base, keep = quarter, True  # "a year ago" in quarterly results: the year-ago quarter
    if base is None:
        return DATE, None, mod, None
    if _RANK[base.gran] < _RANK[gran] and not keep:
        base = base.coarsen(gran)
    point = base.shift(steps, unit)
    if point is None:
        point = base.coarsen(gran).shift(steps, unit)
    # "a year earlier" compares with the period under discussion; it does not replace it
    return DATE, _unknown(point, None), mod, point if relative_to_dct else None


def _anchored(m: re.Match[str], ctx: _Context) -> _Result:
    base = ctx.anchor
    rel = (m["rel"] or m["dir"] or "").lower()
    unit = (m["unit"] or "day").lower()
    if base is None:
        return DATE, None, None, None
    gran = {"week": "W", "month": "M", "year": "Y"}.get(unit, "D")
    if _RANK[base.gran] < _RANK[gran]:
        base = base.coarsen(gran)
    step = 0 if rel == "same" else -1 if rel in ("previous", "preceding", "prior", "before", "earlier") else 1
    point = base.shift(step, gran if gran != "W" else "W") if base.gran == gran else None
    if point is None:
        return DATE, None, None, None
    part = _PART_CODES.get(unit)
    if part and point.gran == "D":
        return TIME, f"{point.value}T{part}", None, point
    return DATE, point.value, None, point


def _duration(m: re.Match[str], ctx: _Context) -> _Result:
    if m["old"]:
        return None  # ages ("a 35-year-old") are not time expressions in TimeML
    unit = m["unit"].lower()
    num = (m["num"] or "").lower()
    single = num in ("a", "an", "one") and not m["rel"] and not m["mod"]
    if single and _SET_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()):
        return SET, _duration_value(1.0, unit), None, None
    if unit.startswith("night") and not num:
        return None
    if unit.startswith("second") and num in ("a", "an"):
        return None  # "a second time"
    if unit.startswith("quarter") and not (m["rel"] or num.isdigit()):
        return None  # "three quarters of the vote"
    amount = _amount(m)
    return DURATION, _duration_value(amount, unit), _mod(m["mod"]), None


_ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "fortnightly": "P2W",
    "semiannually": "P6M", "semi-annually": "P6M", "bimonthly": "P2M",
}  # fmt: skip


def _set(m: re.Match[str], ctx: _Context) -> _Result:
    if m["adv"]:
        return SET, _ADVERB_SETS[m["adv"].lower()], None, None
    if m["wd"]:
        return SET, f"XXXX-WXX-{_WEEKDAYS.index(m['wd'].lower()) + 1}", None, None
    if m["mon"]:
        return SET, f"XXXX-{_month(m['mon']):02d}", None, None
    unit = m["unit"] or m["unit2"]
    amount = number_value(m["num"]) if m["num"] else 1.0
    if m["every"] and m["every"].lower() == "per" and m["num"] is None and unit.lower().startswith("cent"):
        return None  # "per cent"
    return SET, _duration_value(amount, unit), None, None


def _relday(m: re.Match[str], ctx: _Context) -> _Result:
    word = (m["day"] or "").lower()
    part = (m["part"] or m["part2"] or "").lower()
    if m["far"]:
        offset = -2 if m["far"].lower().startswith("before") else 2
    elif m["over"]:
        offset, part = -1, "night"
    elif m["which"]:
        offset = -1 if m["which"].lower() == "last" and part == "night" else 0
    else:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if word == "tonight":
            part = "night"
    if ctx.dct is None:
        return (TIME if part else DATE), None, None, None
    point = ctx.dct.shift(offset, "D")
    value = point.value if point else None
    if part and value:
        return TIME, f"{value}T{_PART_CODES[part]}", _mod(m["pre"]), point
    return DATE, value, _mod(m["pre"]), point


def _weekday(m: re.Match[str], ctx: _Context) -> _Result:
    weekday = _WEEKDAYS.index(m["wd"].lower())
    part = (m["part"] or "").lower()
    if m["pl"] or (part and m[0].lower().endswith("s")):
        suffix = f"T{_PART_CODES[part]}" if part else ""
        return SET, f"XXXX-WXX-{weekday + 1}{suffix}", None, None
    rel = (m["rel"] or "").lower()
    mod = _mod(rel) if rel in ("early", "late") else None
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday + 1}"
        return (TIME, value + f"T{_PART_CODES[part]}", mod, None) if part else (DATE, value, mod, None)
    base = ctx.dct.as_date()
    today = base.weekday()
    if rel in ("last", "past", "previous"):
        offset = -((today - weekday - 1) % 7 + 1)
    elif rel in ("next", "coming"):
        offset = (weekday - today - 1) % 7 + 1
    elif ctx.future(m.start(), m.end()):
        offset = (weekday - today) % 7
    else:
        offset = -((today - weekday) % 7)
    point = Point.of_date(base + timedelta(days=offset))
    if part:
        return TIME, f"{point.value}T{_PART_CODES[part]}", mod, point
    return DATE, point.value, mod, point


def _holiday(m: re.Match[str], ctx: _Context) -> _Result:
    name = " ".join(m["name"].split())
    if m["y"]:
        day = holiday(name, int(m["y"]))
        point = Point.of_date(day) if day else None
        return DATE, _unknown(point, None), None, point
    if ctx.dct is None:
        return DATE, None, None, None
    base = ctx.dct.as_date()
    days = [d for d in (holiday(name, base.year + k) for k in (-1, 0, 1)) if d is not None]
    if not days:
        return None
    rel = (m["rel"] or "").lower()
    if rel == "last" or (not rel and not ctx.future(m.start(), m.end())):
        chosen = max((d for d in days if d <= base), default=days[0])
    else:
        chosen = min((d for d in days if d >= base), default=days[-1])
    point = Point.of_date(chosen)
    return DATE, point.value, None, point


_SEASON_INDEX = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}


def _season(m: re.Match[str], ctx: _Context) -> _Result:
    season = m["season"].lower()
    rel = " ".join((m["rel"] or "").lower().split())
    bare = season == "fall" and not (rel or m["the"] or m["y"] or m["pm"] or m["pm2"])
    if bare and _prev_word(ctx.text, m.start()) not in ("in", "this", "of", "during", "by", "until", "since"):
        return None  # the verb "fall"
    index = _SEASON_INDEX[season]
    mod = _mod(m["pm"], m["pm2"])
    code = ("WI", "SP", "SU", "FA")[index]
    if m["y"]:
        point: Point | None = Point("S", int(m["y"]), index)
        return DATE, _unknown(point, None), mod, point
    if rel in ("the past", "the coming"):
        return DURATION, "P3M", mod, None
    rel = {"this past": "last", "the coming": "next"}.get(rel, rel)
    point = _relative_point(ctx, "S", index, rel, m.start(), m.end())
    return DATE, _unknown(point, f"XXXX-{code}"), mod, point


_DEICTIC_GRAN = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "E", "century": "C"}


def _deictic(m: re.Match[str], ctx: _Context) -> _Result:
    unit = m["unit"].lower()
    gran = _DEICTIC_GRAN[unit]
    rel = " ".join((m["rel"] or "").lower().split())
    rel2 = (m["rel2"] or "").lower()
    mod = _mod(m["pm"], m["pm2"])
    if not rel and not rel2:
        if not m[0].lower().startswith(("the", "early", "mid", "late")) and not m["el"] and not m["fiscal"]:
            return None
        if not re.search(r"\bthe\s+(?:fiscal\s+)?" + unit + "$", m[0], re.IGNORECASE):
            return None
        if m["fiscal"] and not mod:
            return DURATION, "P1Y", None, None
        rel = "this"
    if rel2 in ("past", "last", "coming", "next", "following") and not mod:
        if rel2 == "following" and ctx.anchor is not None:
            rel = "following"
        else:
            return DURATION, _duration_value(1.0, unit if unit != "weekend" else "weekend"), None, None
    if rel2 in ("same", "previous", "preceding", "prior") or rel in ("that", "following"):
        base = ctx.anchor
        step = {"same": 0, "that": 0, "following": 1}.get(rel2 or rel, -1)
    else:
        base = ctx.dct
        step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "this past": -1}.get(rel, 1)
        if rel2 == "current":
            step = 0
    if base is None:
        return DATE, None, mod, None
    weekday_report = base.gran == "D" and base.as_date().weekday() < 5
    if gran == "WE" and step == 0 and weekday_report and not ctx.future(m.start(), m.end()):
        step = -1  # "the weekend" in a weekday report: the one just past
    point = base.coarsen(gran) if _RANK[base.gran] <= _RANK[gran] else None
    if point is not None and step:
        point = point.shift(step, "W" if gran == "WE" else gran)
    return DATE, _unknown(point, None), mod, point


def _year(m: re.Match[str], ctx: _Context) -> _Result:
    text, end = ctx.text, m.end()
    if end < len(text) and (text[end] in ",." and text[end + 1 : end + 2].isdigit()):
        return None
    if _NOT_YEAR_AFTER.match(text, end) and not (m["pm"] or m["pm2"] or m["fy"]):
        return None
    if text[end : end + 1] == "-" and text[end + 1 : end + 5].isdigit() and len(text) >= end + 5:
        return None  # a range "1990-1995": two years would need two spans
    year = int(m["y"])
    point = Point("Y", year)
    return DATE, point.value, _mod(m["pm"], m["pm2"]), point


_BEFORE_MONTH = frozenset(
    """in since until till by from of during through before after early late mid and or to between
    throughout end last next this on for""".split()  # noqa: SIM905
)


def _month_only(m: re.Match[str], ctx: _Context) -> _Result:
    month = _month(m["mon"])
    word = m["mon"]
    rel = (m["rel"] or "").lower()
    ambiguous = word in ("May", "March", "MAY", "MARCH") and not (rel or m["pm"] or m["pm2"])
    if ambiguous and _prev_word(ctx.text, m.start()) not in _BEFORE_MONTH:
        return None  # the verbs "may" and "march", a name
    if word[0].isalpha() and len(word.rstrip(".")) <= 4 and not word.endswith(".") and month not in (5, 6, 7):
        return None  # "Jan" without a period or a day is a name
    point = _relative_point(ctx, "M", month, rel, m.start(), m.end())
    return DATE, _unknown(point, f"XXXX-{month:02d}"), _mod(m["pm"], m["pm2"]), point


def _ref(m: re.Match[str], ctx: _Context) -> _Result:
    if m["present"]:
        return DATE, "PRESENT_REF", None, None
    if m["past"]:
        return DATE, "PAST_REF", None, None
    return DATE, "FUTURE_REF", None, None


def _bareunits(m: re.Match[str], ctx: _Context) -> _Result:
    if _prev_word(ctx.text, m.start()) not in ("for", "over", "within", "in", "took", "takes", "lasted"):
        return None
    return DURATION, _duration_value(None, m["unit"]), None, None


_RESOLVERS: dict[str, Callable[[re.Match[str], _Context], _Result]] = {
    "iso": _iso,
    "clock": _clock,
    "dmy": _dmy,
    "mdy": _dmy,  # same groups as "dmy": month, day, optional year
    "my": _my,
    "quarter": _quarter,
    "yearago": _yearago,
    "decade": _decade,
    "century": _century,
    "ago": _ago,
    "anchored": _anchored,
    "duration": _duration,
    "set": _set,
    "relday": _relday,
    "weekday": _weekday,
    "holiday": _holiday,
    "season": _season,
    "deictic": _deictic,
    "year": _year,
    "month": _month_only,
    "ref": _ref,
    "bareunits": _bareunits,
}
_GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "S": "season", "Q": "quarter"}
_GRANULARITY |= {"H": "half", "Y": "year", "E": "decade", "C": "century"}


# --- candidate search ---------------------------------------------------------------------------
# Running the combined expression at every position costs ~3 ms per article in Python's re. Every
# time expression contains a head word (a month, weekday, unit, "today", "now"...) or a year/clock
# number, so an Aho-Corasick pass finds the heads and the expression is tried only at the word
# starts just before each head (walking back over modifiers such as "the past two").


def _words(text: str) -> list[str]:
    return text.split()


_HEAD_CLASSES = {
    # abbreviations only with a period or a space after ("Oct. 24", "Nov 4"), never "market"
    "month": [n for n in _MONTH_NUMBERS if n in _FULL_MONTHS]
    + [f"{n}{end}" for n in _MONTH_NUMBERS if n not in _FULL_MONTHS for end in ". "],
    "weekday": _WEEKDAYS,
    "part": [*_PART_CODES, "overnight", "noon", "midday", "midnight"],
    "relday": ["today", "tomorrow", "yesterday"],
    "unit": _words(
        "second minute hour day week fortnight month quarter half period year decade century centuries"
    ),
    "season": _words("spring summer fall autumn winter"),
    "adverb": [*_ADVERB_SETS],
    "ref": [
        *_words("now current currently presently present nowadays moment recent recently lately past"),
        *_words("previously formerly future soon shortly"),
        "these days",
    ],
    "holiday": [
        *_words("christmas thanksgiving halloween valentine easter"),
        *["new year", "independence day", "good friday", "boxing day", "labor day", "labour day"],
        *["memorial day", "bastille day", "veterans day", "armistice day", "may day"],
    ],
    "quarter": ["q1", "q2", "q3", "q4"],
    "decade": [f"'{digit}0s" for digit in range(10)],
    "number": [str(digit) for digit in range(10)],
}
# Which grammar branches can hold each kind of head (in the global order of _BRANCHES).
_CLASS_BRANCHES = {
    "month": ("dmy", "mdy", "my", "set", "holiday", "month"),
    "weekday": ("set", "weekday"),
    "part": ("clock", "anchored", "relday"),
    "relday": ("relday",),
    "unit": (
        "quarter",
        "yearago",
        "century",
        "ago",
        "anchored",
        "duration",
        "set",
        "relday",
        "deictic",
        "bareunits",
    ),
    "season": ("set", "season"),
    "adverb": ("set",),
    "ref": ("quarter", "ago", "anchored", "duration", "season", "deictic", "ref"),
    "holiday": ("holiday",),
    "quarter": ("quarter",),
    "year": ("iso", "quarter", "decade", "year"),
    "clock": ("clock",),
    "decade": ("decade",),
}
_BRANCH_ORDER = [name for name, _ in _BRANCHES]
_CLASS_PATTERNS = {
    head_class: _combined(sorted(names, key=_BRANCH_ORDER.index))
    for head_class, names in _CLASS_BRANCHES.items()
}
_HEADS = ahocorasick.Automaton()
for _class, _members in _HEAD_CLASSES.items():
    for _word in _members:
        _HEADS.add_word(_word, (len(_word), _class))
_HEADS.make_automaton()
_NUMBER_HEAD = re.compile(
    r"(?P<year>\d{4})|(?P<clock>\d{1,2}(?:[:.]\d\d|\s*[ap]\.?m\b|\s+o'clock|\s+in\s+the\b))"
)
_TOKEN = re.compile(r"[\w'’.$£€-]+")
_OPENERS = frozenset(
    """the a an about around approximately roughly some nearly almost more than over less under at
    least up to most fewer just well only past last next first previous final coming following
    initial remaining latest preceding this that early late mid earlier later every each per other
    once twice thrice times several few many number of dozens hundreds couple and or half fiscal fy
    calendar beginning start middle end same current recent prior comparable year-earlier year-ago
    just-ended just-completed shortly after before in second third fourth 1st 2nd 3rd 4th one two
    three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen
    this year's last year's next year's""".split()  # noqa: SIM905
)


def _plural_end(lowered: str, index: int) -> bool:
    """Whether ``lowered[index]`` is a plural "s" ending the word ("days")."""
    return lowered[index] == "s" and not lowered[index + 1 : index + 2].isalpha()


def _heads(text: str, lowered: str) -> list[tuple[int, str]]:
    """Head words (at word boundaries) and year-like or clock-like numbers: (start, head class)."""
    heads = []
    size = len(lowered)
    for end, (length, head_class) in _HEADS.iter_long(lowered):
        start = end - length + 1
        if start and lowered[start - 1].isalpha():
            continue
        if head_class == "number":
            # one hit per digit: look only at the first digit of a number, for a year or a clock time
            number = None if start and lowered[start - 1].isdigit() else _NUMBER_HEAD.match(text, start)
            if number is not None and number.lastgroup:
                heads.append((start, number.lastgroup))
            continue
        after = end + 1  # abbreviated months are matched with the period or space after them
        inside_word = lowered[end] not in ". " and after < size and lowered[after].isalpha()
        if inside_word and not _plural_end(lowered, after):
            continue
        heads.append((start, head_class))
    return heads


def _starts(text: str, head: int, floor: int) -> list[int]:
    """Word starts from which an expression ending at or after ``head`` may begin, leftmost first."""
    tokens = list(_TOKEN.finditer(text, max(floor, head - 60), head + 1))
    if not tokens:
        return [head]
    starts = [tokens[-1].start()]
    for token in reversed(tokens[:-1]):
        word = token.group().lower().strip(".,")
        if word in _OPENERS or word[:1].isdigit() or len(starts) > 6:
            starts.append(token.start())
        else:
            break
    starts.reverse()
    return starts


def extract_times(article: Article) -> list[TimeExpression]:
    """Time expressions in the article, with TIMEX3 values relative to its publication date."""
    text = article.text
    ctx = _Context(text, article.published)
    found: list[TimeExpression] = []
    done = 0
    for head, head_class in _heads(text, text.lower()):
        if head < done:
            continue
        pattern = _CLASS_PATTERNS[head_class]
        for start in _starts(text, head, done):
            match = pattern.match(text, start)
            if match is None or match.end() <= head:
                continue
            done = match.end()
            record = _resolve(match, ctx)
            if record is not None:
                found.append(record)
            break
    return _join_times_to_days(found, text)


def _resolve(match: re.Match[str], ctx: _Context) -> TimeExpression | None:
    branch = match.lastgroup
    if branch is None:
        return None
    detail = _BRANCH[branch].fullmatch(ctx.text, match.start(), match.end())
    if detail is None:
        log.debug("branch %s did not re-match %r", branch, match[0])
        return None
    result = _RESOLVERS[branch](detail, ctx)
    if result is None:
        return None
    kind, value, mod, point = result
    ctx.seen(point)
    granularity = _GRANULARITY.get(point.gran) if point is not None else None
    return TimeExpression(match.start(), match.end(), match[0], value, kind, mod, granularity)


def _join_times_to_days(found: list[TimeExpression], text: str) -> list[TimeExpression]:
    """Give a clock time the day written next to it ("10 p.m. Wednesday", "Friday at 9am")."""
    joined: list[TimeExpression] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            current.type == TIME
            and following is not None
            and following.granularity == "day"
            and current.value is not None
            and "T" in current.value
            and _TIME_DATE_GAP.match(text[current.end : following.start])
            and following.start - current.end <= 4
        ):
            day = (following.value or "XXXX-XX-XX").split("T")[0]
            clock = current.value.split("T")[1]
            joined.append(
                TimeExpression(
                    current.start,
                    following.end,
                    text[current.start : following.end],
                    f"{day}T{clock}",
                    TIME,
                    current.mod,
                    "time",
                )
            )
            index += 2
            continue
        previous = joined[-1] if joined else None
        if (
            current.type == TIME
            and previous is not None
            and previous.granularity == "day"
            and previous.value
            and current.value
            and "T" in current.value
            and current.start - previous.end <= 12
            and re.fullmatch(r"\s*,?\s*(?:at|from|by|around|about)?\s*", text[previous.end : current.start])
        ):
            current = TimeExpression(
                current.start,
                current.end,
                current.text,
                f"{previous.value.split('T')[0]}T{current.value.split('T')[1]}",
                TIME,
                current.mod,
                "time",
            )
        joined.append(current)
        index += 1
    return joined

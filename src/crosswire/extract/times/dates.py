"""Resolvers for calendar dates and clock times: one function per grammar branch.

Each takes the branch's match and the article's :class:`~crosswire.extract.times.context.Context` and returns
a :class:`~crosswire.extract.times.context.Result` (TIMEX3 type, value, modifier, the point to remember as
reference time, part of day) or None when the words are not a time expression after all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from crosswire.extract.times.context import (
    DATE,
    TIME,
    Context,
    Resolver,
    Result,
    modifier,
    nearest_day,
    prev_word,
    relative_point,
    unknown,
)
from crosswire.extract.times.grammar import PART_CODES, WEEKDAYS, month_number
from crosswire.extract.times.timex import Point, holiday, number_value

__all__ = ["DATE_RESOLVERS", "spelled_year"]

_PART_NAMES = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "MI": "midday"}
_PRE_PARTS = {"early": "MO", "late": "NI", "dawn": "MO", "daybreak": "MO", "dusk": "EV", "nightfall": "NI"}


def _iso(m: re.Match[str], ctx: Context) -> Result | None:
    try:
        point = Point.of_date(date(int(m["y"]), int(m["m"]), int(m["d"])))
    except ValueError:
        return None
    if m["hh"]:
        return Result(TIME, f"{point.value}T{m['hh']}:{m['mm']}", point=point)
    return Result(DATE, point.value, point=point)


_CLOCK_DAYS = {"today": 0, "tonight": 0, "this": 0, "tomorrow": 1, "yesterday": -1, "last": -1}
_MINUTES = {"half": 30, "quarter": 15, "a quarter": 15, "ten": 10, "twenty": 20, "five": 5}
_MINUTES["twenty-five"] = 25


def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    minute, spoken = 0, False
    if m["noon"]:
        hour = 24 if m["noon"].lower() == "midnight" else 12
    elif m["oc"] or m["hp"] or m["hw"]:
        hour = int(number_value(m["oc"] or m["hp"] or m["hw"]) or 0)
        spoken = True
        if m["frac"]:
            minute = _MINUTES[" ".join(m["frac"].lower().split())]
            if m["dir"].lower() == "to":
                hour, minute = hour - 1, 60 - minute
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
    if not 0 <= hour <= 24 or minute > 59:
        return None
    day, part = _clock_day(m, ctx)
    # "six o'clock this evening", "half past eleven" in a report about a night
    if spoken and not m["pp"] and hour < 12 and (part in ("AF", "EV") or (part == "NI" and hour >= 6)):
        hour += 12
    stamp = day.value if day is not None else "XXXX-XX-XX"
    approx = m["approx"] and m["approx"].lower() in ("about", "around", "approximately")
    return Result(TIME, f"{stamp}T{hour:02d}:{minute:02d}", "APPROX" if approx else None)


def _clock_day(m: re.Match[str], ctx: Context) -> tuple[Point | None, str | None]:
    """The day of a clock time and the part of day around it."""
    said = (m["cday"] or "").lower().split()
    if said:
        part = PART_CODES.get(said[-1]) if said[-1] != "tomorrow" else None
        if ctx.dct is None:
            return None, part
        return ctx.dct.shift(_CLOCK_DAYS.get(said[0], 0), "D"), part
    anchor = ctx.anchor
    if anchor is not None and anchor.gran == "D":
        return anchor, ctx.anchor_part
    return ctx.dct, None


_RANGE_JOIN = re.compile(r"\s*(?:-|–|to|and)\s*$")


def _month_day(m: re.Match[str], ctx: Context) -> Result | None:
    month, day = month_number(m["mon"]), int(m["d"])
    if not 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
        return None
    also: tuple[int, int, str | None] | None = None
    weekday = m.groupdict().get("wd")
    if m.groupdict().get("d2"):
        last = int(m["d2"])
        if not day < last <= 31:
            return None
        also = (m.start("d2"), m.end("d2"), None)
    point: Point | None
    if m["y"]:
        try:
            point = Point.of_date(date(int(m["y"]), month, day))
        except ValueError:
            return None
    elif weekday and ctx.dct is not None:
        point = _day_on_weekday(ctx, month, day, WEEKDAYS.index(weekday.lower()))
    else:
        point = nearest_day(ctx, month, day, m.start(), m.end())
    value = unknown(point, f"XXXX-{month:02d}-{day:02d}")
    if also is not None and value is not None:
        also = (also[0], also[1], value[:-2] + f"{int(m['d2']):02d}")
    end = m.start("d2") if also is not None else None
    if end is not None:
        join = _RANGE_JOIN.search(ctx.text, m.start(), end)  # "-", "to", "and" before the second day
        end = join.start() if join is not None else end
    return Result(DATE, value, point=point, end=end, also=also)


def _day_on_weekday(ctx: Context, month: int, day: int, weekday: int) -> Point | None:
    """ "Monday, Oct. 26": the year near the DCT in which that day is that weekday."""
    assert ctx.dct is not None
    base = ctx.dct.year
    for year in (base, base - 1, base + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return Point.of_date(candidate)
    return nearest_day(ctx, month, day, 0, 0)


def _month_year(m: re.Match[str], ctx: Context) -> Result | None:
    if m["y"]:
        year: int | None = int(m["y"])
    elif m["sy"]:
        year = spelled_year(m["sy"])
    else:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()] if ctx.dct else None
    month = month_number(m["mon"])
    if year is None:
        return Result(DATE, f"XXXX-{month:02d}", modifier(m["pm"], m["pm2"]))
    point = Point("M", year, month)
    return Result(DATE, point.value, modifier(m["pm"], m["pm2"]), point)


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_COMPARISON = ("year-earlier", "year-ago", "prior-year", "comparable")
_ENDED = re.compile(r"\s+(?:that\s+)?end(?:ed|ing|s)\s+(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?P<d>\d{1,2})\b")


def _year_phrase(phrase: str | None, ctx: Context) -> int | None:
    if phrase is None:
        return None
    phrase = phrase.lower().removeprefix("the").strip()
    if phrase[0].isdigit():
        return int(phrase)
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[phrase.split()[0]]


def _quarter(m: re.Match[str], ctx: Context) -> Result | None:
    point: Point | None
    if m["qn"]:
        year = m["yq"] or m["y2"]
        if year:
            point = Point("Q", int(year), int(m["qn"]))
            return Result(DATE, point.value, point=point)
        found = relative_point(ctx, "Q", int(m["qn"]), "", m.start(), m.end())
        return Result(DATE, unknown(found, f"XXXX-Q{m['qn']}"), point=found)
    kind = m["qh"].lower()
    gran = "H" if kind == "half" else "Q"
    adj = (m["adj"] or "").lower()
    ordinal = _ORDINALS.get((m["ord"] or "").lower())
    written_year = _year_phrase(m["y"] or m["yr"] or (adj if adj[-1:].isdigit() else None), ctx)
    if kind == "period" and not adj and not m["yr"]:
        return None
    if ordinal is None and not adj and not m[0].lower().startswith(("the", "fiscal")) and not m["yr"]:
        return None  # "a quarter of the vote"
    if m[0].lower().startswith("the") and not adj and ordinal is None and gran == "H":
        return None  # "the half"
    comparison = adj in _COMPARISON
    if ordinal is None and adj in ("last", "final") and written_year is not None:
        ordinal = 4 if gran == "Q" else 2  # "the last half of 1989"
    if ordinal is not None and (gran == "Q" or ordinal <= 2):
        if written_year is not None:
            point = Point(gran, written_year, ordinal)
        else:
            point = relative_point(ctx, gran, ordinal, "", m.start(), m.end())
            if comparison and point is not None:
                point = point.shift(-1, "Y")
        remember = not comparison and _reported(point, ctx)
        return Result(DATE, unknown(point, f"XXXX-{gran}{ordinal}"), point=point if remember else None)
    if m["ord"] and m["ord"].lower() == "final":
        point = ctx.dct.coarsen(gran).shift(-1, gran) if ctx.dct else None
        return Result(DATE, unknown(point, None), point=point if _reported(point, ctx) else None)
    ended = _ENDED.match(ctx.text, m.end()) if gran == "Q" else None
    base = _quarter_ended(ended, ctx) if ended else None
    if base is None and ctx.quarter is not None and ctx.quarter.gran == gran:
        base = ctx.quarter
    if base is None and ctx.dct is not None:
        base = ctx.dct.coarsen(gran).shift(-1, gran)
    if base is None:
        return Result(DATE, None)
    if written_year is not None:
        point = Point(gran, written_year, base.index)
        return Result(DATE, point.value, point=point if written_year == base.year else None)
    if comparison:
        # a comparison period: not the period under discussion, so not remembered as the anchor
        return Result(DATE, unknown(base.shift(-1, "Y"), None))
    if adj in ("latest", "just-ended", "just-completed", "recent") and ctx.dct is not None and not ended:
        point = ctx.dct.coarsen(gran).shift(-1, gran)  # the latest reported period
    elif adj in ("previous", "prior"):
        point = base.shift(-1, gran)
    elif adj == "current" and ctx.dct is not None:
        point = ctx.dct.coarsen(gran)
    elif adj in ("next", "coming") and ctx.dct is not None:
        point = ctx.dct.coarsen(gran).shift(1, gran)
    else:
        point = base
    return Result(DATE, unknown(point, None), point=point if _reported(point, ctx) else None)


def _reported(point: Point | None, ctx: Context) -> bool:
    """Whether a quarter or half is over at the DCT: results are reported for those, so later
    mentions ("the quarter", "a year earlier") refer to them; "the fourth quarter" ahead does not."""
    if point is None or ctx.dct is None:
        return point is not None
    current = ctx.dct.coarsen(point.gran)
    return (point.year, point.index) < (current.year, current.index)


def _quarter_ended(ended: re.Match[str], ctx: Context) -> Point | None:
    """ "the quarter ended Sept. 30": the quarter holding that day."""
    try:
        month = month_number(ended["mon"])
    except KeyError:
        return None
    day = nearest_day(ctx, month, int(ended["d"]), ended.start(), ended.end())
    return day.coarsen("Q") if day is not None else None


def _year_ago(m: re.Match[str], ctx: Context) -> Result | None:
    base = ctx.quarter or (ctx.anchor.coarsen("Y") if ctx.anchor else None)
    point = base.shift(-1, "Y") if base is not None else None
    return Result(DATE, unknown(point, None))


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["dec"]:
        value = f"{m['dec']}{m['dd']}"
    else:
        digit = int(m["d2"]) if m["d2"] else _DECADE_WORDS[m["dw"].lower()]
        century = ctx.dct.year // 100 if ctx.dct is not None else 19
        # "the '90s" written in the 2000s still means the 1990s when it lies in the future
        if ctx.dct is not None and century * 100 + digit * 10 > ctx.dct.year:
            century -= 1
        value = f"{century}{digit}"
    return Result(DATE, value, modifier(m["pm"]))


_CENTURY_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "twenty-first",
]  # fmt: skip


def _century(m: re.Match[str], ctx: Context) -> Result | None:
    number = int(m["cn"]) if m["cn"] else _CENTURY_WORDS.index(m["cw"].lower()) + 1
    if not 1 <= number <= 22:
        return None
    return Result(DATE, f"{number - 1:02d}", modifier(m["pm"]))


def _relday(m: re.Match[str], ctx: Context) -> Result | None:
    word = (m["day"] or "").lower()
    part = (m["part"] or m["part2"] or m["part3"] or "").lower()
    if m["far"]:
        offset = -2 if m["far"].lower().startswith("before") else 2
    elif m["over"]:
        offset, part = -1, "night"
    elif m["which"] or m["part3"]:
        offset = -1 if (m["which"] or "").lower() == "last" and part == "night" else 0
    else:
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        if word == "tonight":
            part = "night"
    code = PART_CODES.get(part)
    mod = modifier(m["pre"])
    if m["part3"]:
        offset, mod = 0, None  # "mid-afternoon": that part of the day under discussion
    if ctx.dct is None:
        stamp = "XXXX-XX-XX"
        return Result(TIME, f"{stamp}T{code}", mod, part=part) if code else Result(DATE, stamp, mod)
    point = ctx.dct.shift(offset, "D")
    if point is None:
        return None
    if code:
        return Result(TIME, f"{point.value}T{code}", mod, point, part=part)
    return Result(DATE, point.value, mod, point)


def _weekday(m: re.Match[str], ctx: Context) -> Result | None:
    weekday = WEEKDAYS.index(m["wd"].lower())
    part = (m["part"] or "").lower()
    code = PART_CODES.get(part)
    if m["pl"] or (part and m[0].lower().endswith("s")):
        return Result("SET", f"XXXX-WXX-{weekday + 1}" + (f"T{code}" if code else ""))
    rel = (m["rel"] or "").lower()
    pod = (m["pod"] or "").lower()
    if pod and not part:
        # "dawn on Monday" is a part of that day; "early on Thursday" a day with its morning noted
        part = _PART_NAMES[_PRE_PARTS[pod]]
        code = _PRE_PARTS[pod] if pod not in ("early", "late") else None
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday + 1}"
        return Result(TIME if code else DATE, value + (f"T{code}" if code else ""), part=part or None)
    base = ctx.dct.as_date()
    today = base.weekday()
    if rel in ("last", "past", "previous"):
        offset = -((today - weekday - 1) % 7 + 1)
    elif rel in ("next", "coming"):
        offset = (weekday - today - 1) % 7 + 1
    elif ctx.tense(m.start(), m.end()) > 0:
        offset = (weekday - today) % 7
    else:
        offset = -((today - weekday) % 7)
    point = Point.of_date(base + timedelta(days=offset))
    if code:
        return Result(TIME, f"{point.value}T{code}", point=point, part=part)
    return Result(DATE, point.value, point=point, part=part or None)


def _holiday(m: re.Match[str], ctx: Context) -> Result | None:
    name = " ".join(m["name"].split())
    if m["y"]:
        day = holiday(name, int(m["y"]))
        point = Point.of_date(day) if day else None
        return Result(DATE, unknown(point, None), point=point)
    if ctx.dct is None:
        return Result(DATE, None)
    base = ctx.dct.as_date()
    days = [d for d in (holiday(name, base.year + k) for k in (-1, 0, 1)) if d is not None]
    if not days:
        return None
    rel = (m["rel"] or "").lower()
    if rel == "last" or (not rel and ctx.tense(m.start(), m.end()) <= 0):
        chosen = max((d for d in days if d <= base), default=days[0])
    else:
        chosen = min((d for d in days if d >= base), default=days[-1])
    point = Point.of_date(chosen)
    return Result(DATE, point.value, point=point)


_SEASON_INDEX = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}
_BEFORE_FALL = frozenset(["in", "this", "of", "during", "by", "until", "since", "the"])


def _season(m: re.Match[str], ctx: Context) -> Result | None:
    season = m["season"].lower()
    rel = " ".join((m["rel"] or "").lower().split())
    bare = season == "fall" and not (rel or m["the"] or m["y"] or m["pm"] or m["pm2"])
    if bare and prev_word(ctx.text, m.start()) not in _BEFORE_FALL:
        return None  # the verb "fall"
    index = _SEASON_INDEX[season]
    mod = modifier(m["pm"], m["pm2"])
    code = ("WI", "SP", "SU", "FA")[index]
    year = int(m["y"]) if m["y"] else spelled_year(m["sy"]) if m["sy"] else None
    if year is not None:
        point: Point | None = Point("S", year, index)
        return Result(DATE, unknown(point, None), mod, point)
    if rel in ("the past", "the coming"):
        return Result("DURATION", "P3M", mod)
    rel = {"this past": "last", "the coming": "next"}.get(rel, rel)
    point = relative_point(ctx, "S", index, rel, m.start(), m.end())
    return Result(DATE, unknown(point, f"XXXX-{code}"), mod, point)


_NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s+cent|[a-z]+(?<!ss)s\b(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bits)(?<!\bthis)"
    r"(?<!\bas)(?<!\bus)(?<!\bplus))"
)


def _year(m: re.Match[str], ctx: Context) -> Result | None:
    if m["sy"]:
        year = spelled_year(m["sy"])
        if year is None:
            return None
        return Result(DATE, f"{year:04d}", modifier(m["pm"], m["pm2"]), Point("Y", year))
    text, end = ctx.text, m.end()
    if end < len(text) and (text[end] in ",." and text[end + 1 : end + 2].isdigit()):
        return None
    if _NOT_YEAR_AFTER.match(text, end) and not (m["pm"] or m["pm2"] or m["fy"]):
        return None
    if text[end : end + 1] in ("-", "–") and text[end + 1 : end + 3].isdigit():
        return None  # a range "1990-1995", "1990-95": two years would need two spans
    year = int(m["y"])
    point = Point("Y", year)
    return Result(DATE, point.value, modifier(m["pm"], m["pm2"]), point)


def spelled_year(words: str) -> int | None:
    """A year in words: "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    parts = words.lower().replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + int(number_value(" ".join(rest)) or 0) if rest else 2000
    high = number_value(parts[0])
    if high is None:
        return None
    rest = parts[1:]
    if rest == ["hundred"]:
        return int(high) * 100
    if rest and rest[0] == "oh":
        rest = rest[1:]
    low = number_value(" ".join(rest)) if rest else None
    return int(high) * 100 + int(low) if low is not None else None


_BEFORE_MONTH = frozenset(
    """in since until till by from of during through before after early late mid and or to between
    throughout end last next this on for""".split()  # noqa: SIM905
)


def _month(m: re.Match[str], ctx: Context) -> Result | None:
    month = month_number(m["mon"])
    word = m["mon"]
    rel = (m["rel"] or "").lower()
    ambiguous = word in ("May", "March", "MAY", "MARCH") and not (rel or m["pm"] or m["pm2"])
    if ambiguous and prev_word(ctx.text, m.start()) not in _BEFORE_MONTH:
        return None  # the verbs "may" and "march", a name
    if word[0].isalpha() and len(word.rstrip(".")) <= 4 and not word.endswith(".") and month not in (5, 6, 7):
        return None  # "Jan" without a period or a day is a name
    point = relative_point(ctx, "M", month, rel, m.start(), m.end())
    return Result(DATE, unknown(point, f"XXXX-{month:02d}"), modifier(m["pm"], m["pm2"]), point)


DATE_RESOLVERS: dict[str, Resolver] = {
    "iso": _iso,
    "clock": _clock,
    "dmy": _month_day,
    "mdy": _month_day,
    "my": _month_year,
    "quarter": _quarter,
    "yearago": _year_ago,
    "decade": _decade,
    "century": _century,
    "relday": _relday,
    "weekday": _weekday,
    "holiday": _holiday,
    "season": _season,
    "year": _year,
    "month": _month,
}

"""Resolvers for durations, sets and relative expressions: "three days", "every week", "two
years ago", "the next day", "last month", "now". One function per grammar branch, like
:mod:`crosswire.extract.times.dates`.
"""

from __future__ import annotations

import re

from crosswire.extract.times.context import (
    DATE,
    DURATION,
    RANK,
    SET,
    TIME,
    Context,
    Resolver,
    Result,
    modifier,
    prev_word,
    undated,
    unknown,
)
from crosswire.extract.times.grammar import ADVERB_SETS, PART_CODES, WEEKDAYS, month_number
from crosswire.extract.times.timex import DAY, UNIT_CODES, Point, number_value

__all__ = ["SPAN_RESOLVERS", "duration_value"]

_SET_BEFORE = re.compile(
    r"(?:[\d%]|\b(?:times|once|twice|million|billion|trillion|percent|cent|dollars|pounds|euros|yen"
    r"|bn|m|k|tonnes|barrels|hours|days|visitors|people))\W{0,3}$",
    re.IGNORECASE,
)


def _unit(word: str) -> tuple[str, str | None, bool]:
    word = word.lower()
    word = "century" if word.startswith("centur") else word.rstrip("s")
    return UNIT_CODES.get(word, ("D", DAY, False))


_HALVES = {
    "Y": (6, "M", False), "M": (2, "W", False), "W": (84, "H", True), "D": (12, "H", True),
    "H": (30, "M", True), "M_clock": (30, "S", True), "DE": (5, "Y", False), "CE": (50, "Y", False),
    "Q": (6, "W", False),
}  # fmt: skip
_SMALLER = {"Y": ("M", 12, False), "M": ("D", 30, False), "D": ("H", 24, True), "H": ("M", 60, True)}
_SMALLER_CLOCK = {"H": ("M", 60, True), "M": ("S", 60, True)}


def duration_value(amount: float | None, unit_word: str) -> str:
    """The TIMEX3 duration of an amount of a unit: (3, "days") -> P3D, (2.5, "hours") -> PT2H30M."""
    code, _gran, clock = _unit(unit_word)
    if unit_word.lower().startswith("fortnight") and amount is not None:
        amount *= 2
    if amount is None:
        number = "X"
    else:
        if amount == 0.5:
            key = "M_clock" if clock and code == "M" else code
            if key in _HALVES:
                amount, code, clock = _HALVES[key]
        if code == "DE":
            amount, code = amount * 10, "Y"
        elif code == "CE":
            amount, code = amount * 100, "Y"
        elif code == "WE":
            amount, code = amount * 2, "D"
        whole = int(amount)
        rest = amount - whole
        if rest and whole and code in _SMALLER:
            # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
            small, per, _clock = (_SMALLER_CLOCK if clock else _SMALLER)[code]
            extra = rest * per
            if extra == int(extra):
                body = f"{whole}{code}{int(extra)}{small}"
                return f"PT{body}" if clock else f"P{body}"
        number = f"{amount:g}"
    return f"PT{number}{code}" if clock else f"P{number}{code}"


def _amount(m: re.Match[str]) -> float | None:
    if m["vague"] or (m["num2"] if "num2" in m.re.groupindex else None):
        return None
    if m["num"] is None:
        return 1.0
    num = m["num"].replace("½", " 1/2")
    half = num.endswith("1/2") and num[0].isdigit()
    amount = number_value(num.removesuffix("1/2").strip() if half else num)
    before_unit = m.string[m.start() : m.start("unit")].lower()
    if amount is not None and (half or "and a half" in before_unit):
        amount += 0.5
    return amount


_FORWARD = ("later", "after", "from now", "hence")


def _ago(m: re.Match[str], ctx: Context) -> Result | None:
    direction = " ".join(m["dir"].lower().split())
    past = direction in ("ago", "earlier", "before", "since")
    mod = modifier(m["mod"])
    if direction in ("later", "after", "before") and (m["num"] or m["vague"]):
        # "two days later", "a month after the vote": TimeML tags the amount as a duration
        end = m.start("dir")
        if m["orso"]:
            end = m.start("orso")
        text = ctx.text
        while end > m.start() and text[end - 1].isspace():
            end -= 1
        amount = _amount(m)
        return Result(DURATION, duration_value(amount, m["unit"]), mod, end=end)
    if m["vague"] or (m["num"] is None and m["unit"].lower().endswith("s")):
        return Result(DATE, "PAST_REF" if past else "FUTURE_REF")
    amount = number_value(m["num"]) if m["num"] else 1.0
    gran = _unit(m["unit"])[1]
    if amount is None or amount != int(amount) or gran is None:
        return Result(DATE, "PAST_REF" if past else "FUTURE_REF", mod)
    steps = int(amount) * (-1 if past else 1)
    unit = gran
    if m["unit"].lower().startswith("fortnight"):
        steps *= 2
    if gran == "WE":
        unit = "W"
    if gran in ("E", "C"):
        # "a decade ago" is a year (TimeBank: 1989 for a decade before 1999)
        steps, unit, gran = steps * (10 if gran == "E" else 100), "Y", "Y"
    relative_to_dct = direction in ("ago", "from now", "hence", "since")
    base = ctx.dct if relative_to_dct else ctx.anchor
    keep = not relative_to_dct  # "a year earlier" than a quarter is a quarter
    quarter = ctx.quarter
    compared = False
    if relative_to_dct and gran == "Y" and quarter and ctx.dct and quarter.year == ctx.dct.year:
        base, keep, compared = quarter, True, True  # "a year ago" in quarterly results
    if base is None:
        return Result(DATE, undated(gran), mod)
    if RANK[base.gran] < RANK[gran] and not keep:
        base = base.coarsen(gran)
    point = base.shift(steps, unit)
    if point is None:
        point = base.coarsen(gran).shift(steps, unit)
    # "a year earlier" compares with the period under discussion; it does not replace it
    remember = relative_to_dct and not compared
    return Result(DATE, unknown(point, None), mod, point if remember else None)


def _anchored(m: re.Match[str], ctx: Context) -> Result | None:
    base = ctx.anchor
    rel = (m["rel"] or m["dir"] or "").lower()
    unit = (m["unit"] or "day").lower()
    gran = {"week": "W", "month": "M", "year": "Y"}.get(unit, "D")
    if base is None:
        return Result(DATE, undated(gran))
    if RANK[base.gran] < RANK[gran]:
        base = base.coarsen(gran)
    step = 0 if rel == "same" else -1 if rel in ("previous", "preceding", "prior", "before", "earlier") else 1
    point = base.shift(step, gran) if base.gran == gran else None
    if point is None:
        return Result(DATE, None)
    part = PART_CODES.get(unit)
    if part and point.gran == "D":
        return Result(TIME, f"{point.value}T{part}", point=point, part=unit)
    return Result(DATE, point.value, point=point)


def _recent(m: re.Match[str], ctx: Context) -> Result | None:
    return Result(DURATION, duration_value(None, m["unit"] or m["unit2"]))


_BEFORE_OVER = frozenset(["", "for", "in", "of", "after", "than", "within", "at", "to", "lasted", "took", "takes"])


def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    if m["old"]:
        return None  # ages ("a 35-year-old") are not time expressions in TimeML
    text = ctx.text
    if text[m.end() : m.end() + 1] == "-" and text[m.end() + 1 : m.end() + 4].lower() in ("ear", "ago"):
        return None  # "a year-earlier loss": the comparison, not a duration
    unit = m["unit"].lower()
    num = (m["num"] or "").lower()
    single = num in ("a", "an", "one") and not m["rel"] and not m["mod"]
    if single and _SET_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return Result(SET, duration_value(1.0, unit))
    if unit.startswith("night") and not num:
        return None
    if unit.startswith("second") and num in ("a", "an"):
        return None  # "a second time"
    if unit.startswith("quarter") and not (m["rel"] or num.isdigit() or m["vague"]):
        return None  # "three quarters of the vote"
    amount = _amount(m)
    if amount is not None and m["half"]:
        amount += 0.5
    mod = modifier(m["mod"])
    if m["mod"] and m["mod"].lower() == "over" and prev_word(text, m.start()) not in _BEFORE_OVER:
        # "spread over three years": the preposition, not "more than"
        start = m.end("mod")
        while text[start].isspace():
            start += 1
        return Result(DURATION, duration_value(amount, unit), start=start)
    return Result(DURATION, duration_value(amount, unit), mod)


def _set(m: re.Match[str], ctx: Context) -> Result | None:
    if m["adv"]:
        adverb = m["adv"].lower()
        if adverb in ("annually", "yearly", "daily") and _SET_BEFORE.search(
            ctx.text, max(0, m.start() - 30), m.start()
        ):
            return None  # "rise 8.5% annually", "average daily volume": a rate, not a recurring time
        if adverb == "daily" and prev_word(ctx.text, m.start()) == "average":
            return None
        return Result(SET, ADVERB_SETS[adverb])
    if m["wd"]:
        return Result(SET, f"XXXX-WXX-{WEEKDAYS.index(m['wd'].lower()) + 1}")
    if m["mon"]:
        return Result(SET, f"XXXX-{month_number(m['mon']):02d}")
    unit = m["unit"] or m["unit2"]
    amount = number_value(m["num"]) if m["num"] else 1.0
    if m["every"] and m["every"].lower() == "per" and m["num"] is None and unit.lower().startswith("cent"):
        return None  # "per cent"
    return Result(SET, duration_value(amount, unit))


_DEICTIC_GRAN = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "decade": "E", "century": "C"}
_THE_UNIT = {unit: re.compile(rf"\bthe\s+(?:fiscal\s+)?{unit}$", re.IGNORECASE) for unit in _DEICTIC_GRAN}
_ENDED_AFTER = re.compile(r"\s+(?:that\s+)?end(?:ed|ing)\b", re.IGNORECASE)


def _deictic(m: re.Match[str], ctx: Context) -> Result | None:
    unit = m["unit"].lower()
    gran = _DEICTIC_GRAN[unit]
    rel = " ".join((m["rel"] or "").lower().split())
    rel2 = (m["rel2"] or "").lower()
    mod = modifier(m["pm"], m["pm2"])
    if m["yend"] and gran == "Y":
        return _year_end(m, ctx, rel)
    if not rel and not rel2:
        if not m[0].lower().startswith(("the", "early", "mid", "late")) and not m["el"] and not m["fiscal"]:
            return None
        if not _THE_UNIT[unit].search(m[0]):
            return None
        if gran == "Y" and _ENDED_AFTER.match(ctx.text, m.end()):
            return Result(DURATION, "P1Y")  # "the (fiscal) year ended June 30"
        rel = "this"
    if rel2 == "following" and ctx.anchor is not None:
        rel = "following"
    if rel2 in ("same", "previous", "preceding", "prior") or rel in ("that", "following"):
        base = ctx.anchor
        step = {"same": 0, "that": 0, "following": 1}.get(rel2 or rel, -1)
    else:
        base = ctx.dct
        steps = {"this": 0, "current": 0, "full": 0, "whole": 0, "entire": 0, "last": -1, "past": -1}
        steps |= {"previous": -1, "this past": -1}
        step = steps.get(rel or rel2, 1)
    if base is None:
        return Result(DATE, undated(gran), mod)
    weekday_report = base.gran == "D" and base.as_date().weekday() < 5
    if gran == "WE" and step == 0 and weekday_report and ctx.tense(m.start(), m.end()) <= 0:
        step = -1  # "the weekend" in a weekday report: the one just past
    point = base.coarsen(gran) if RANK[base.gran] <= RANK[gran] else None
    if point is not None and step:
        point = point.shift(step, "W" if gran == "WE" else gran)
    return Result(DATE, unknown(point, None), mod, point)


def _year_end(m: re.Match[str], ctx: Context, rel: str) -> Result | None:
    """ "by year-end", "since year end": the end of the year (TimeBank gives the year)."""
    if ctx.dct is None:
        return Result(DATE, "XXXX", "END")
    year = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0)
    if not rel and prev_word(ctx.text, m.start()) == "since":
        year -= 1
    return Result(DATE, f"{year:04d}", "END", Point("Y", year))


_AFTER_FUTURE = re.compile(r"\s+of\b", re.IGNORECASE)


def _ref(m: re.Match[str], ctx: Context) -> Result | None:
    text = ctx.text
    if m["present"]:
        return Result(DATE, "PRESENT_REF")
    if m["past"]:
        return Result(DATE, "PAST_REF")
    word = m[0].lower()
    if word.endswith("term"):
        return Result(DATE, "FUTURE_REF")  # "the near term", "the short term"
    if word == "soon":
        # TimeBank tags "soon" only for a future event: not "as soon as", "soon after", "soon became"
        before = text[max(0, m.start() - 3) : m.start()].lower()
        after = text[m.end() : m.end() + 7].lower()
        if before.endswith("as ") or after.startswith((" after", " before")):
            return None
        if ctx.tense(m.start(), m.end()) < 0:
            return None
        return Result(DATE, "FUTURE_REF")
    if not m["the"] and prev_word(text, m.start()) != "in":
        return None  # the adjective: "future earnings"
    if prev_word(text, m.start()) == "foreseeable" or _AFTER_FUTURE.match(text, m.end()):
        return None  # "the foreseeable future", "the future of the alliance"
    return Result(DATE, "FUTURE_REF")


def _bareunits(m: re.Match[str], ctx: Context) -> Result | None:
    if prev_word(ctx.text, m.start()) not in ("for", "over", "within", "in", "took", "takes", "lasted"):
        return None
    return Result(DURATION, duration_value(None, m["unit"]))


SPAN_RESOLVERS: dict[str, Resolver] = {
    "ago": _ago,
    "anchored": _anchored,
    "recent": _recent,
    "duration": _duration,
    "set": _set,
    "deictic": _deictic,
    "ref": _ref,
    "bareunits": _bareunits,
}

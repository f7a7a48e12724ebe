"""Calendar points and TIMEX3 values: the arithmetic behind :mod:`crosswire.extract.times.extractor`.

A :class:`Point` is a stretch of the calendar at one granularity (a day, an ISO week, a month, a
quarter, a half, a season, a year, a decade or a century). Relative expressions are resolved by
coarsening the document creation time to the expression's granularity and shifting it
("last month" = the publication month minus one). ``Point.value`` gives the TimeML TIMEX3 value.

Written by hand: dateparser and friends resolve to a full datetime and lose the granularity
("in July" becomes a day), which is the point of TIMEX3 values.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from crosswire.text.numbers import figure

__all__ = [
    "DAY",
    "UNIT_CODES",
    "Point",
    "holiday",
    "number_value",
    "season_of",
]

# Granularities, finest first. "WE" is a weekend, "S" a season, "E" a decade, "C" a century.
DAY, WEEK, WEEKEND, MONTH, SEASON, QUARTER, HALF, YEAR, DECADE, CENTURY = (
    "D",
    "W",
    "WE",
    "M",
    "S",
    "Q",
    "H",
    "Y",
    "E",
    "C",
)

# Unit word -> (TIMEX3 duration code, calendar granularity, is it a clock unit)
UNIT_CODES: dict[str, tuple[str, str | None, bool]] = {
    "second": ("S", None, True),
    "minute": ("M", None, True),
    "hour": ("H", None, True),
    "night": ("D", DAY, False),
    "day": ("D", DAY, False),
    "week": ("W", WEEK, False),
    "weekend": ("WE", WEEKEND, False),
    "fortnight": ("W", WEEK, False),
    "month": ("M", MONTH, False),
    "quarter": ("Q", QUARTER, False),
    "year": ("Y", YEAR, False),
    "decade": ("DE", DECADE, False),
    "century": ("CE", CENTURY, False),
}

SEASONS = ("WI", "SP", "SU", "FA")
_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}

_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12, "half": 0.5,
    "a couple of": 2, "couple of": 2, "a couple": 2, "a half": 0.5, "half a": 0.5, "half an": 0.5,
}  # fmt: skip


def number_value(text: str) -> float | None:
    """The value of a number written in digits or words ("three", "twenty-four", "2.5"); None if vague."""
    text = text.lower().replace(",", "").strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return figure(float(text))  # beyond any figure: no value
        except ValueError:
            return None
    if text in _SMALL:
        return _SMALL[text]
    parts = text.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        tens, units = _SMALL[parts[0]], _SMALL[parts[1]]
        if tens >= 20 and tens % 10 == 0 and units < 10:
            return tens + units
    return None


def season_of(month: int) -> str:
    """The TIMEX3 season code of a month (northern hemisphere)."""
    return _SEASON_OF_MONTH.get(month, "FA")


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("year out of range")
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar stretch: ``gran`` plus its ``year`` and index within the year (month, week...)."""

    gran: str
    year: int
    index: int = 0
    day: int = 0

    @classmethod
    def of_date(cls, day: date) -> Point:
        return cls(DAY, day.year, day.month, day.day)

    def as_date(self) -> date:
        """The first day of this stretch."""
        gran, year, index = self.gran, self.year, self.index
        if gran == DAY:
            return date(year, index, self.day)
        if gran in (WEEK, WEEKEND):
            return date.fromisocalendar(year, index, 6 if gran == WEEKEND else 1)
        if gran == MONTH:
            return date(year, index, 1)
        if gran == QUARTER:
            return date(year, 3 * index - 2, 1)
        if gran == HALF:
            return date(year, 6 * index - 5, 1)
        if gran == SEASON:
            # Winter of year Y runs from December of Y-1.
            return date(year, 3 * index, 1) if index else date(year - 1, 12, 1)
        if gran == DECADE:
            return date(year * 10 if year * 10 > 0 else 1, 1, 1)
        if gran == CENTURY:
            return date(max(year * 100, 1), 1, 1)
        return date(year, 1, 1)

    def coarsen(self, gran: str) -> Point:
        """This point seen at a coarser granularity ("2024-11-04" as a month is "2024-11")."""
        if gran == self.gran:
            return self
        if gran in (YEAR, DECADE, CENTURY) and self.gran in (YEAR, DECADE, CENTURY):
            year = self._calendar_year()
            return Point(gran, year if gran == YEAR else year // 10 if gran == DECADE else year // 100)
        if gran in (YEAR, DECADE, CENTURY):
            return Point(YEAR, self._calendar_year()).coarsen(gran)
        day = self.as_date()
        if gran == DAY:
            return Point.of_date(day)
        if gran in (WEEK, WEEKEND):
            iso = day.isocalendar()
            return Point(gran, iso[0], iso[1])
        if gran == MONTH:
            return Point(MONTH, day.year, day.month)
        if gran == QUARTER:
            return Point(QUARTER, day.year, (day.month - 1) // 3 + 1)
        if gran == HALF:
            return Point(HALF, day.year, 1 if day.month <= 6 else 2)
        if gran == SEASON:
            season = SEASONS.index(season_of(day.month))
            return Point(SEASON, day.year + (day.month == 12), season)
        return Point(YEAR, day.year)

    def _calendar_year(self) -> int:
        if self.gran == DECADE:
            return self.year * 10
        if self.gran == CENTURY:
            return self.year * 100
        if self.gran in (WEEK, WEEKEND):
            return self.as_date().year
        return self.year

    def shift(self, amount: int, unit: str) -> Point | None:
        """This point moved by ``amount`` calendar units, at its own granularity (None if not expressible)."""
        try:
            return self._shift(amount, unit)
        except (ValueError, OverflowError):
            return None

    def _shift(self, amount: int, unit: str) -> Point | None:
        gran = self.gran
        months = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12, DECADE: 120, CENTURY: 1200}.get(unit)
        if gran == DAY:
            day = self.as_date()
            if unit == DAY:
                return Point.of_date(day + timedelta(days=amount))
            if unit in (WEEK, WEEKEND):
                return Point.of_date(day + timedelta(weeks=amount))
            if months:
                return Point.of_date(_add_months(day, amount * months))
            return None
        if gran in (WEEK, WEEKEND):
            if unit in (WEEK, WEEKEND, DAY) and (unit != DAY or amount % 7 == 0):
                weeks = amount if unit != DAY else amount // 7
                iso = (self.as_date() + timedelta(weeks=weeks)).isocalendar()
                return Point(gran, iso[0], iso[1])
            if months and months % 12 == 0:
                iso = _add_months(self.as_date(), amount * months).isocalendar()
                return Point(gran, iso[0], iso[1])
            return None
        if gran in (MONTH, QUARTER, HALF):
            step = {MONTH: 1, QUARTER: 3, HALF: 6}[gran]
            if not months or (amount * months) % step:
                return None
            moved = _add_months(self.as_date(), amount * months)
            return Point(MONTH, moved.year, moved.month).coarsen(gran)
        if gran == SEASON:
            if unit == YEAR:
                return Point(SEASON, self.year + amount, self.index)
            if unit == SEASON:
                # WI belongs to the year of its December: index 0 comes first in that year.
                total = self.year * 4 + self.index + amount
                return Point(SEASON, total // 4, total % 4)
            return None
        if gran == YEAR and months and months % 12 == 0:
            return Point(YEAR, self.year + amount * months // 12)
        if gran == DECADE and unit in (DECADE, CENTURY):
            return Point(DECADE, self.year + amount * (1 if unit == DECADE else 10))
        if gran == CENTURY and unit == CENTURY:
            return Point(CENTURY, self.year + amount)
        return None

    @property
    def value(self) -> str:
        """The TIMEX3 value: 2024-11-04, 2024-W45, 2024-W45-WE, 2024-11, 2024-Q4, 2024-SU, 2024, 199, 19."""
        gran, year, index = self.gran, self.year, self.index
        if gran == DAY:
            return f"{year:04d}-{index:02d}-{self.day:02d}"
        if gran == WEEK:
            return f"{year:04d}-W{index:02d}"
        if gran == WEEKEND:
            return f"{year:04d}-W{index:02d}-WE"
        if gran == MONTH:
            return f"{year:04d}-{index:02d}"
        if gran == QUARTER:
            return f"{year:04d}-Q{index}"
        if gran == HALF:
            return f"{year:04d}-H{index}"
        if gran == SEASON:
            return f"{year:04d}-{SEASONS[index]}"
        if gran == DECADE:
            return f"{year:03d}"
        if gran == CENTURY:
            return f"{year:02d}"
        return f"{year:04d}"


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    if nth > 0:
        return first + timedelta(days=offset + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "may day": (5, 1),
    "bastille day": (7, 14),
    "veterans day": (11, 11),
    "armistice day": (11, 11),
}


def holiday(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year`` (Christmas, Thanksgiving, Easter...), or None."""
    name = name.lower().replace("’", "'")
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if name in ("labor day", "labour day"):
        return _nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name in ("easter", "easter sunday"):
        return _easter(year)
    if name == "good friday":
        return _easter(year) - timedelta(days=2)
    if name == "easter monday":
        return _easter(year) + timedelta(days=1)
    return None

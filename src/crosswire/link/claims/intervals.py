"""Figures as intervals: "about 1,500", "at least three" and "1,200 to 1,800" become ranges that can be
compared, intersected and reconciled.

A quantity record (see :mod:`crosswire.extract.quantities.extractor`) becomes an :class:`Interval` in the base unit
of its unit family (kilometres and metres compare; kilometres and launchers never do):

========  ==========================================  =============================
bound     meaning                                     interval
========  ==========================================  =============================
``=``     exact ("250")                               [v, v]
``~``     approximate ("some", "about", "roughly")    [v - 10%, v + 10%]
``>=``    at least                                    [v, +inf)
``>``     more than                                   (v, +inf)
``<=``    up to, as many as, within                   [0, v]
``<``     less than                                   [0, v)
range     low/high ("1,200 to 1,800", "dozens")       [low, high] (no high: +inf)
========  ==========================================  =============================

Two figures agree when their intervals intersect and conflict when they are disjoint. The ±10%
reading of "about" (:data:`APPROX_TOLERANCE`) is a convention, stated in the docs: "about 180" and
"some 250" are disjoint; "about 1,500" and "1,200 to 1,800" intersect.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crosswire.text.numbers import figure

__all__ = ["APPROX_TOLERANCE", "Interval", "reconcile", "unit_family"]

APPROX_TOLERANCE = 0.1
"""Relative half-width given to an approximate figure ("about 300" -> 270..330)."""

# Unit -> (family, factor to the family's base unit). Units not listed are their own family.
_LENGTH = {
    "mm": 0.001, "cm": 0.01, "m": 1.0, "km": 1000.0, "inch": 0.0254, "ft": 0.3048, "yard": 0.9144,
    "mile": 1609.344, "nautical mile": 1852.0, "nm": 1852.0,
}  # fmt: skip
_MASS = {"mg": 1e-6, "g": 0.001, "kg": 1.0, "t": 1000.0, "ton": 1000.0, "lb": 0.4536, "oz": 0.02835}
_DURATION = {
    "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
    "month": 2629800.0, "year": 31557600.0, "decade": 315576000.0, "century": 3155760000.0,
}  # fmt: skip
_SPEED = {"km/h": 1 / 3.6, "mph": 0.44704, "m/s": 1.0, "knot": 0.5144}
_FAMILIES: dict[str, tuple[str, float]] = {}
for _family, _table in (("length", _LENGTH), ("mass", _MASS), ("duration", _DURATION), ("speed", _SPEED)):
    for _unit, _factor in _table.items():
        _FAMILIES[_unit] = (_family, _factor)


def unit_family(unit: str | None) -> tuple[str, float]:
    """The family of a unit and its factor to the family's base unit; counts are ``("count", 1)``.

    Each currency is a family of its own (dollars never compare with crowns).
    """
    if not unit:
        return ("count", 1.0)
    found = _FAMILIES.get(unit)
    if found is not None:
        return found
    if unit.isupper() and len(unit) == 3:
        return (f"money:{unit}", 1.0)
    if unit in ("cent", "pence"):
        return (f"money:{unit}", 1.0)
    if unit in ("percent", "percentage points", "basis point"):
        return ("percent" if unit == "percent" else "points", 1.0 if unit != "basis point" else 0.01)
    return (unit, 1.0)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed or half-open range of values; ``low_open``/``high_open`` exclude the end."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @classmethod
    def from_quantity(cls, quantity: Mapping[str, Any], factor: float = 1.0) -> Interval | None:
        """The interval a quantity record's value, bound or range stands for; ``None`` if it has none
        or if a number in it is beyond any figure (see :data:`crosswire.text.numbers.MAX_FIGURE`)."""
        value = quantity.get("value")
        low = quantity.get("low")
        high = quantity.get("high")
        if any(x is not None and figure(x) is None for x in (value, low, high)):
            return None  # beyond any figure (a ledger of an older version may hold one): kept as text
        bound = quantity.get("bound") or "="
        if value is None:
            if low is None and high is None:
                return None
            lo = float(low) * factor if low is not None else 0.0
            hi = float(high) * factor if high is not None else math.inf
            return cls(min(lo, hi), max(lo, hi))
        v = float(value) * factor
        if bound == "~":
            spread = abs(v) * APPROX_TOLERANCE
            return cls(v - spread, v + spread)
        if bound == ">=":
            return cls(v, math.inf)
        if bound == ">":
            return cls(v, math.inf, low_open=True)
        if bound == "<=":
            return cls(min(0.0, v), v)
        if bound == "<":
            return cls(min(0.0, v), v, high_open=True)
        return cls(v, v)

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def intersection(self, other: Interval) -> Interval | None:
        """The values both intervals allow, or ``None`` when they are disjoint."""
        if self.low > other.low or (self.low == other.low and self.low_open):
            low, low_open = self.low, self.low_open
        else:
            low, low_open = other.low, other.low_open
        if self.high < other.high or (self.high == other.high and self.high_open):
            high, high_open = self.high, self.high_open
        else:
            high, high_open = other.high, other.high_open
        if low > high or (low == high and (low_open or high_open)):
            return None
        return Interval(low, high, low_open, high_open)

    def intersects(self, other: Interval) -> bool:
        return self.intersection(other) is not None

    def contains(self, value: float) -> bool:
        above = value > self.low or (value == self.low and not self.low_open)
        below = value < self.high or (value == self.high and not self.high_open)
        return above and below

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        low, low_open = (self.low, self.low_open) if self.low <= other.low else (other.low, other.low_open)
        high, high_open = (self.high, self.high_open) if self.high >= other.high else (other.high, other.high_open)
        return Interval(low, high, low_open, high_open)

    def as_dict(self, factor: float = 1.0) -> dict[str, float | None]:
        """``value`` for a point, else ``low``/``high`` (``None`` for an open-ended side), in units of ``factor``."""

        def scaled(x: float) -> float | None:
            return None if math.isinf(x) else _tidy(x / factor)

        if self.is_point:
            return {"value": scaled(self.low), "low": None, "high": None}
        return {"value": None, "low": scaled(self.low), "high": scaled(self.high)}


def reconcile(intervals: Iterable[Interval]) -> Interval | None:
    """What every interval allows (their intersection), or their hull when they do not all meet."""
    items = list(intervals)
    if not items:
        return None
    common: Interval | None = items[0]
    for item in items[1:]:
        common = common.intersection(item) if common is not None else None
    if common is not None:
        return common
    hull = items[0]
    for item in items[1:]:
        hull = hull.hull(item)
    return hull


def _tidy(x: float) -> float:
    rounded = round(x, 6)
    return float(int(rounded)) if rounded == int(rounded) and abs(rounded) < 1e15 else rounded

"""The web pages' inline SVG charts, laid out from what :mod:`crosswire.report` assembles.

Geometry only (SVG units): what is charted is decided by the report modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["STANCES", "STATUSES", "status_bars", "timeline_chart"]

STATUSES = ("corroborated", "single-source", "disputed", "contradicted")
STANCES = ("asserted", "reported", "hedged", "doubted", "denied")


def status_bars(
    counts: Mapping[str, int], width: float = 160.0, names: tuple[str, ...] = STATUSES
) -> list[dict[str, Any]]:
    """Bars of a chart of claim status (or stance): one per value, widths in SVG units."""
    most = max(counts.values(), default=0)
    names = (*names, *sorted(set(counts) - set(names)))
    return [
        {
            "status": name,
            "count": counts.get(name, 0),
            "width": round(width * counts.get(name, 0) / most, 1) if most else 0,
            "y": 18 * row,
        }
        for row, name in enumerate(names)
    ]


def timeline_chart(entries: Sequence[dict[str, Any]], width: float = 1130.0, lane: float = 22.0) -> dict[str, Any]:
    """A story's timeline (:func:`crosswire.report.story.timeline`) on a time axis, one lane per outlet."""
    dated = [e for e in entries if e["stamp"] is not None]
    outlets = sorted({e["outlet"] for e in dated}, key=str.casefold)
    left, right = 170.0, width - 30.0
    points = []
    ticks = []
    if dated:
        first, last = dated[0]["stamp"], dated[-1]["stamp"]
        span = max(last - first, 1.0)
        for entry in dated:
            offset = (entry["stamp"] - first) / span if last > first else 0.5
            points.append(
                entry
                | {
                    "x": round(left + offset * (right - left), 1),
                    "y": round(20 + lane * outlets.index(entry["outlet"]), 1),
                }
            )
        ticks = [{"x": left, "label": dated[0]["day"]}]
        if dated[-1]["day"] != dated[0]["day"]:
            ticks.append({"x": right, "label": dated[-1]["day"]})
    return {
        "width": width,
        "height": 40 + lane * max(len(outlets), 1),
        "left": left,
        "right": right,
        "lanes": [{"outlet": o, "y": round(20 + lane * i, 1)} for i, o in enumerate(outlets)],
        "points": points,
        "ticks": ticks,
        "axis_y": round(20 + lane * max(len(outlets), 1) - lane / 2 + 4, 1),
        "undated": [e for e in entries if e["stamp"] is None],
    }

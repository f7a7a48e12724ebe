"""What the list pages and the map show, as plain data read from the ledger.

Every function takes an open :class:`~crosswire.ledger.Ledger` and returns dicts for the templates.
A story page and an article page render what :mod:`crosswire.report.story` and
:mod:`crosswire.report.findings` assemble; speakers are :mod:`crosswire.web.speakers`.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from crosswire.ledger import Ledger, StoryFilter, StorySummary
from crosswire.report.findings import anchor
from crosswire.report.names import speaker_key, title_of
from crosswire.web.charts import STANCES, status_bars

__all__ = ["list_stories", "map_places", "snippet_html", "speaker_key", "story_card"]

_HIT = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet (hits between ``[`` and ``]``) as escaped HTML with ``<mark>`` around hits."""
    return Markup(_HIT.sub(r"<mark>\1</mark>", str(escape(snippet))))


# --- stories --------------------------------------------------------------------------------------


def story_card(summary: StorySummary) -> dict[str, Any]:
    """What the stories page shows of one story, from its summary."""
    statuses, stances = summary.statuses, summary.stances
    return {
        "id": summary.id,
        "label": summary.label,
        "first": summary.first,
        "last": summary.last,
        "articles": summary.articles,
        "outlets": list(summary.outlets),
        "places": list(summary.places)[:6],
        "people": list(summary.people)[:6],
        "status": status_bars(statuses),
        "claims": sum(statuses.values()),
        "contested": statuses.get("contradicted", 0) + statuses.get("disputed", 0),
        "stance": status_bars(stances, names=STANCES) if stances and not statuses else [],
        "unassessed": sum(stances.values()) if not statuses else 0,
    }


def list_stories(ledger: Ledger, where: StoryFilter) -> dict[str, Any]:
    """The stories page: the page of stories ``where`` asks for, how many match, and the filters' choices."""
    everything = ledger.story_summaries()
    shown = ledger.story_summaries(where)
    return {
        "stories": [story_card(summary) for summary in shown],
        "total": ledger.count_stories(where),
        "outlets": ledger.outlets(),
        "places": sorted({p for s in everything for p in s.places}, key=str.casefold),
        "people": sorted({p for s in everything for p in s.people}, key=str.casefold),
    }


# --- places ---------------------------------------------------------------------------------------


def map_places(ledger: Ledger, width: float = 960.0) -> dict[str, Any]:
    """Resolved places as points of an equirectangular plot, framed to where the points are."""
    found: dict[tuple[str, float, float], dict[str, Any]] = {}
    for article, findings in ledger.iter_extractions(kinds=["places"]):
        for number, place in enumerate(findings.get("places", ())):
            if place.get("lat") is None or place.get("lon") is None:
                continue
            key = (place.get("name") or place["text"], round(place["lat"], 3), round(place["lon"], 3))
            entry = found.setdefault(
                key,
                {
                    "name": key[0],
                    "country": place.get("country"),
                    "lat": float(place["lat"]),
                    "lon": float(place["lon"]),
                    "mentions": 0,
                    "articles": {},
                },
            )
            entry["mentions"] += 1
            entry["articles"].setdefault(article.id, (title_of(article), anchor("places", article.id, number)))
    places = sorted(found.values(), key=lambda p: (-p["mentions"], p["name"]))
    if places:
        west = max(-180.0, min(p["lon"] for p in places) - 8)
        east = min(180.0, max(p["lon"] for p in places) + 8)
        south = max(-90.0, min(p["lat"] for p in places) - 6)
        north = min(90.0, max(p["lat"] for p in places) + 6)
    else:
        west, east, south, north = -180.0, 180.0, -90.0, 90.0
    # Keep the frame no narrower than 2:1 so a cluster of nearby places is not stretched.
    if (east - west) < 2 * (north - south):
        middle, half = (east + west) / 2, (north - south)
        west, east = max(-180.0, middle - half), min(180.0, middle + half)
    scale = width / (east - west)
    height = round((north - south) * scale, 1)

    def x(lon: float) -> float:
        return round((lon - west) * scale, 1)

    def y(lat: float) -> float:
        return round((north - lat) * scale, 1)

    def step(span: float) -> int:
        return 30 if span > 120 else 10 if span > 40 else 5 if span > 12 else 1

    lon_step, lat_step = step(east - west), step(north - south)
    meridians = [
        {"x": x(lon), "label": f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"}
        for lon in range(int(west // lon_step * lon_step), int(east) + 1, lon_step)
        if west <= lon <= east
    ]
    parallels = [
        {"y": y(lat), "label": f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}"}
        for lat in range(int(south // lat_step * lat_step), int(north) + 1, lat_step)
        if south <= lat <= north
    ]
    most = max((p["mentions"] for p in places), default=1)
    return {
        "width": width,
        "height": height,
        "meridians": meridians,
        "parallels": parallels,
        "equator": y(0) if south <= 0 <= north else None,
        "places": [
            p
            | {
                "x": x(p["lon"]),
                "y": y(p["lat"]),
                "r": round(4 + 10 * (p["mentions"] / most) ** 0.5, 1),
                "articles": [{"id": i, "title": t, "anchor": a} for i, (t, a) in p["articles"].items()],
            }
            for p in places
        ],
    }

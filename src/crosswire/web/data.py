"""What the pages show, as plain data read from the ledger (no HTML here except highlighted text).

Every function takes an open :class:`Ledger` and returns dicts for the templates: the stories
list, an article, the map. The story page is :mod:`crosswire.web.story`, speakers are
:mod:`crosswire.web.speakers`, and an article's findings (anchors, marks, readings) are
:mod:`crosswire.web.findings`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from crosswire.ledger import Ledger
from crosswire.model import Article, format_published
from crosswire.report.evidence import Mark, highlight
from crosswire.report.story import COPY_KINDS, QUOTE_KINDS
from crosswire.web.findings import ANCHORS, anchor, best_finding, finding_marks, readable_findings, span_href

__all__ = [
    "STANCES",
    "STATUSES",
    "StoryFilter",
    "article_page",
    "list_stories",
    "map_places",
    "safe_url",
    "snippet_html",
    "speaker_key",
    "status_bars",
    "title_of",
    "when",
]

STATUSES = ("corroborated", "single-source", "disputed", "contradicted")
STANCES = ("asserted", "reported", "hedged", "doubted", "denied")


def speaker_key(name: str) -> str:
    """A speaker's key: the name case-folded, accents dropped, runs of other characters as ``-``."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-") or "unknown"


def safe_url(url: str | None) -> str | None:
    """The URL when it is a web address a link may point to; ``javascript:`` and the like give ``None``."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


_HIT = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet (hits between ``[`` and ``]``) as escaped HTML with ``<mark>`` around hits."""
    return Markup(_HIT.sub(r"<mark>\1</mark>", str(escape(snippet))))


def title_of(article: Article) -> str:
    """The article's title, or its first line when it has none."""
    return article.title or article.text[:80].split("\n")[0] or article.id


def when(article: Article) -> str:
    """A readable publication time: ``2024-11-04 13:00 +01:00`` (``+00:00`` left out), or the day."""
    text = format_published(article.published)
    if text is None:
        return "undated"
    if "T" not in text:
        return text
    day, _, clock = text.partition("T")
    offset = clock[8:] if len(clock) > 8 else ""
    return f"{day} {clock[:5]}" + (f" {offset}" if offset not in ("", "+00:00", "Z") else "")


# --- stories --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to list: words in the label or titles, a date range, an outlet, a place, a person."""

    q: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    place: str | None = None
    person: str | None = None


def _articles(ledger: Ledger) -> dict[str, Article]:
    return {a.id: a for a in ledger.iter_articles()}


def status_counts(ledger: Ledger) -> dict[str, Counter[str]]:
    """Story id -> how many of its claims have each status."""
    return {summary.id: Counter(summary.statuses) for summary in ledger.story_summaries() if summary.statuses}


def _matches(story: dict[str, Any], members: list[Article], where: StoryFilter) -> bool:
    def has(values: Iterable[str | None], wanted: str) -> bool:
        wanted = wanted.casefold()
        return any(wanted in (v or "").casefold() for v in values)

    if where.q and not has(
        [story.get("label"), *story.get("places", ()), *story.get("people", ()), *story.get("actors", ())]
        + [a.title for a in members],
        where.q,
    ):
        return False
    if where.since and (story.get("last") or "") < where.since.isoformat():
        return False
    if where.until and (story.get("first") or "9999") > where.until.isoformat():
        return False
    if where.outlet and where.outlet.casefold() not in {(a.outlet or "").casefold() for a in members}:
        return False
    if where.place and not has(story.get("places", ()), where.place):
        return False
    return not (where.person and not has(story.get("people", ()), where.person))


def list_stories(ledger: Ledger, where: StoryFilter | None = None) -> dict[str, Any]:
    """The stories page: every story that passes the filter, and the choices the filters offer."""
    where = where or StoryFilter()
    articles = _articles(ledger)
    counts = status_counts(ledger)
    stances = _stance_counts(ledger) if not counts else {}
    rows = []
    places: set[str] = set()
    people: set[str] = set()
    for story in ledger.iter_stories():
        members = [articles[a["id"]] for a in story.get("articles", ()) if a["id"] in articles]
        places.update(story.get("places", ()))
        people.update(story.get("people", ()))
        if not _matches(story, members, where):
            continue
        status = counts.get(story["id"], Counter())
        stance: Counter[str] = Counter()
        for member in members:
            stance.update(stances.get(member.id, Counter()))
        rows.append(
            {
                "id": story["id"],
                "label": story.get("label") or story["id"],
                "first": story.get("first"),
                "last": story.get("last"),
                "articles": len(members),
                "outlets": sorted({a.outlet for a in members if a.outlet}),
                "places": list(story.get("places", ()))[:6],
                "people": list(story.get("people", ()))[:6],
                "status": status_bars(status),
                "claims": sum(status.values()),
                "contested": status.get("contradicted", 0) + status.get("disputed", 0),
                "stance": status_bars(stance, names=STANCES) if stance else [],
                "unassessed": sum(stance.values()),
            }
        )
    return {
        "stories": rows,
        "outlets": sorted({a.outlet for a in articles.values() if a.outlet}, key=str.casefold),
        "places": sorted(places, key=str.casefold),
        "people": sorted(people, key=str.casefold),
    }


def _stance_counts(ledger: Ledger) -> dict[str, Counter[str]]:
    """Article id -> its extracted claims by stance (shown while claims are not assessed yet)."""
    return {
        article.id: Counter(c.get("stance") or "unknown" for c in findings.get("claims", ()))
        for article, findings in ledger.iter_extractions()
    }


def status_bars(counts: Counter[str], width: float = 160.0, names: tuple[str, ...] = STATUSES) -> list[dict[str, Any]]:
    """Bars of an inline SVG chart of claim status (or stance): one per value, widths in SVG units."""
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


# --- articles -------------------------------------------------------------------------------------


def _span_of(link_end: dict[str, Any]) -> tuple[int, int]:
    return int(link_end["start"]), int(link_end["end"])


def article_page(ledger: Ledger, article_id: str, target: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """Everything the article page shows, or ``None`` for an unknown article.

    ``target`` is a span to mark as the linked evidence (``?hl=START-END``); the claims whose
    evidence it is are named above the text.
    """
    from crosswire.web.speakers import carried_speakers

    article = ledger.get_article(article_id)
    if article is None:
        return None
    findings = ledger.get_extraction(article.id) or {}
    marks = finding_marks(article.id, findings)
    if target is not None and not 0 <= target[0] < target[1] <= len(article.text):
        target = None
    if target is not None:
        marks.append(Mark(target[0], target[1], "target", "linked evidence", "hl"))
    story_id = ledger.story_assignments().get(article.id)
    story = ledger.get_story(story_id) if story_id else None
    links = list(ledger.iter_links(article_id=article.id))
    others = {end["article_id"] for link in links for end in (link["a"], link["b"])} - {article.id}
    titles = {brief.id: (brief.title, brief.outlet) for brief in ledger.article_briefs(others).values()}
    used_by: dict[str, dict[int, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    related = []
    for link in links:
        mine, other = (link["a"], link["b"]) if link["a"]["article_id"] == article.id else (link["b"], link["a"])
        title, outlet = titles.get(other["article_id"], (other["article_id"], None))
        href = span_href(other["article_id"], other["start"], other["end"])
        entry = {"kind": link["kind"].replace("_", " "), "href": href, "title": title, "outlet": outlet or ""}
        related.append(entry | {"score": link.get("score"), "why": link.get("why") or ""})
        kind = "quotes" if link["kind"] in QUOTE_KINDS else "claims" if link["kind"] not in COPY_KINDS else None
        if kind:
            number = best_finding(findings, kind, *_span_of(mine))
            if number is not None:
                used_by[kind][number].append(entry)
    targeted: list[dict[str, Any]] = []
    for assessment in ledger.iter_assessments(story_id) if story_id else ():
        claim = {
            "href": f"/stories/{story_id}#claim-{assessment.get('id')}",
            "title": str(assessment.get("label") or assessment.get("id")),
            "status": assessment.get("status") or "unknown",
        }
        for role in ("supporting", "disputing", "conflicting"):
            for entry in assessment.get(role, ()):
                if entry.get("article_id") != article.id or entry.get("start") is None:
                    continue
                if target == (entry["start"], entry["end"]) and not any(t["href"] == claim["href"] for t in targeted):
                    targeted.append(claim | {"role": role, "asserter": entry.get("asserter")})
                number = best_finding(findings, "claims", entry["start"], entry["end"])
                if number is not None:
                    used_by["claims"][number].append(
                        {
                            "kind": f"{role} · {claim['status']}",
                            "href": claim["href"],
                            "title": claim["title"],
                            "outlet": "",
                        }
                    )
    carried = carried_speakers(ledger)
    readable = readable_findings(findings)
    for kind, rows in readable.items():
        for number, row in enumerate(rows):
            if kind in ANCHORS:
                row["anchor"] = anchor(kind, article.id, number)
            row["used_by"] = used_by.get(kind, {}).get(number, [])
            if kind == "quotes":
                name = (row.get("speaker") or {}).get("name")
                row["speaker_key"] = speaker_key(name) if name else None
                row["carried"] = carried.get((article.id, row["start"]))
    return {
        "article": article,
        "title": title_of(article),
        "published": when(article) if article.published is not None else None,
        "url": safe_url(article.url),
        "words": len(article.text.split()),
        "highlighted": highlight(article.text, marks),
        "findings": readable,
        "story": story,
        "related": related,
        "target": {"start": target[0], "end": target[1], "claims": targeted} if target else None,
        "sightings": [
            {"source": s.source, "outlet": s.outlet, "url": s.url, "href": safe_url(s.url)} for s in article.sightings
        ],
    }


# --- places ---------------------------------------------------------------------------------------


def map_places(ledger: Ledger, width: float = 960.0) -> dict[str, Any]:
    """Resolved places as points of an equirectangular plot, framed to where the points are."""
    found: dict[tuple[str, float, float], dict[str, Any]] = {}
    for article, findings in ledger.iter_extractions():
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

"""What the pages show, as plain data read from the ledger (no HTML here except highlighted text).

Every function takes an open :class:`SQLiteLedger` and returns dicts for the templates. Anchors in
an article's highlighted text follow one scheme so any page can link to a finding:
``q-<article>-<n>`` (quote), ``n-<article>-<n>`` (figure), ``t-`` (time), ``p-`` (place) and
``c-<article>-<n>`` (claim), ``<n>`` being the finding's position in the stored extraction.
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

from crosswire.evidence import Mark, highlight
from crosswire.ledger import SQLiteLedger
from crosswire.model import Article, format_published
from crosswire.report import _describe, _readable_findings
from crosswire.story_report import COPY_KINDS, QUOTE_KINDS, story_sections

__all__ = [
    "StoryFilter",
    "article_page",
    "claim_href",
    "list_stories",
    "map_places",
    "safe_url",
    "snippet_html",
    "speaker_key",
    "speaker_page",
    "speakers_index",
    "story_page",
]

# Finding kinds marked in an article's text, with the one-letter anchor prefix of each.
ANCHORS = {"quotes": "q", "quantities": "n", "times": "t", "places": "p", "claims": "c"}
STATUSES = ("corroborated", "single-source", "disputed", "contradicted")
STANCES = ("asserted", "reported", "hedged", "doubted", "denied")
CONTEXT_CHARS = 220


def anchor(kind: str, article_id: str, number: int) -> str:
    """The element id of one finding in its article's highlighted text."""
    return f"{ANCHORS[kind]}-{article_id}-{number}"


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


def _title(article: Article) -> str:
    return article.title or article.text[:80].split("\n")[0] or article.id


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_finding(findings: dict[str, Any] | None, kind: str, start: int, end: int) -> int | None:
    """The position of the finding of ``kind`` that overlaps ``start``-``end`` most, if any does."""
    best, best_overlap = None, 0
    for number, item in enumerate((findings or {}).get(kind, ())):
        overlap = _overlap((item["start"], item["end"]), (start, end))
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    return best


def claim_href(article_id: str, start: int | None, end: int | None, findings: dict[str, Any] | None) -> str:
    """A link to evidence in an article: its claim's anchor, or the span itself highlighted."""
    base = f"/articles/{article_id}"
    if start is None or end is None:
        return base
    number = best_finding(findings, "claims", start, end)
    if number is not None:
        return f"{base}#{anchor('claims', article_id, number)}"
    return f"{base}?hl={start}-{end}#hl"


def quote_href(article_id: str, start: int, end: int, findings: dict[str, Any] | None) -> str:
    number = best_finding(findings, "quotes", start, end)
    if number is not None:
        return f"/articles/{article_id}#{anchor('quotes', article_id, number)}"
    return f"/articles/{article_id}?hl={start}-{end}#hl"


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


def _articles(ledger: SQLiteLedger) -> dict[str, Article]:
    return {a.id: a for a in ledger.iter_articles()}


def status_counts(ledger: SQLiteLedger) -> dict[str, Counter[str]]:
    """Story id -> how many of its claims have each status."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in ledger.execute("SELECT story_id, status, COUNT(*) FROM assessments GROUP BY story_id, status"):
        counts[row[0]][row[1]] += int(row[2])
    return counts


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


def list_stories(ledger: SQLiteLedger, where: StoryFilter | None = None) -> dict[str, Any]:
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


def _stance_counts(ledger: SQLiteLedger) -> dict[str, Counter[str]]:
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


def story_page(ledger: SQLiteLedger, story_id: str) -> dict[str, Any] | None:
    """Everything the story page shows, or ``None`` for an unknown story."""
    story = next((s for s in ledger.iter_stories() if s["id"] == story_id), None)
    if story is None:
        return None
    articles = _articles(ledger)
    section = next((s for s in story_sections(ledger, articles) if s["id"] == story_id), None)
    if section is None:
        return None
    members = [articles[a["id"]] for a in story.get("articles", ()) if a["id"] in articles]
    findings = {a.id: ledger.get_extraction(a.id) or {} for a in members}
    claims = [_claim_row(c, findings) for c in section["claims"]]
    counts = Counter(c["status"] for c in claims)
    extracted = [] if claims else _extracted_claims(members, findings)
    return {
        "story": story,
        "section": section,
        "timeline": timeline(members),
        "copies": [_copy_view(link, articles) for link in _story_copies(ledger, members)],
        "statements": [_statement_view(s, findings) for s in section["statements"]],
        "claims": claims,
        "extracted_claims": extracted,
        "stance": status_bars(Counter(c["stance"] or "unknown" for c in extracted), names=STANCES),
        "claim_links": section["claim_links"],
        "status": status_bars(counts),
        "outlets": section["outlets"],
    }


def _claim_row(assessment: dict[str, Any], findings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def evidence(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [
            e | {"href": claim_href(e["article_id"], e.get("start"), e.get("end"), findings.get(e["article_id"] or ""))}
            for e in entries
            if e.get("article_id")
        ]

    return {
        "id": assessment.get("id"),
        "label": assessment.get("label") or assessment.get("key") or assessment.get("id"),
        "status": assessment.get("status") or "unknown",
        "independent": assessment.get("independent", 0),
        "supporting": evidence(assessment.get("supporting", [])),
        "disputing": evidence(assessment.get("disputing", [])),
        "conflicting": evidence(assessment.get("conflicting", [])),
    }


def _extracted_claims(members: list[Article], findings: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims as extracted, per article, for a story whose claims are not assessed yet."""
    rows = []
    for article in members:
        for number, claim in enumerate(findings.get(article.id, {}).get("claims", ())):
            rows.append(
                {
                    "text": claim["text"],
                    "asserter": claim.get("asserter"),
                    "stance": claim.get("stance"),
                    "modality": claim.get("modality"),
                    "outlet": article.outlet or "unknown outlet",
                    "href": f"/articles/{article.id}#{anchor('claims', article.id, number)}",
                }
            )
    return rows


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


def timeline(members: list[Article], width: float = 900.0, lane: float = 24.0) -> dict[str, Any]:
    """The story's articles placed on a time axis, one lane per outlet (SVG units)."""
    dated = sorted((a for a in members if a.published is not None), key=lambda a: _stamp(a))
    outlets = sorted({a.outlet or "unknown outlet" for a in dated}, key=str.casefold)
    left, right = 170.0, width - 30.0
    points = []
    if dated:
        first, last = _stamp(dated[0]), _stamp(dated[-1])
        span = max(last - first, 1.0)
        for article in dated:
            offset = (_stamp(article) - first) / span if last > first else 0.5
            points.append(
                {
                    "id": article.id,
                    "title": _title(article),
                    "outlet": article.outlet or "unknown outlet",
                    "when": when(article),
                    "x": round(left + offset * (right - left), 1),
                    "y": round(20 + lane * outlets.index(article.outlet or "unknown outlet"), 1),
                }
            )
    ticks = []
    if dated:
        first_day, last_day = _day(dated[0]), _day(dated[-1])
        ticks = [{"x": left, "label": first_day}]
        if last_day != first_day:
            ticks.append({"x": right, "label": last_day})
    return {
        "width": width,
        "height": 40 + lane * max(len(outlets), 1),
        "left": left,
        "right": right,
        "lanes": [{"outlet": o, "y": round(20 + lane * i, 1)} for i, o in enumerate(outlets)],
        "points": points,
        "ticks": ticks,
        "axis_y": round(20 + lane * max(len(outlets), 1) - lane / 2 + 4, 1),
        "undated": [{"id": a.id, "title": _title(a), "outlet": a.outlet} for a in members if a.published is None],
    }


def _stamp(article: Article) -> float:
    from datetime import UTC, datetime

    value = article.published
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()
    return 0.0


def _day(article: Article) -> str:
    return (format_published(article.published) or "undated")[:10]


def _story_copies(ledger: SQLiteLedger, members: list[Article]) -> list[dict[str, Any]]:
    ids = {a.id for a in members}
    links = [
        link
        for kind in COPY_KINDS
        for link in ledger.iter_links(kind=kind)
        if link["a"]["article_id"] in ids and link["b"]["article_id"] in ids
    ]
    whole = {(k["a"]["article_id"], k["b"]["article_id"]) for k in links if k["kind"] != "shared_passage"}
    return [
        link
        for link in links
        if link["kind"] != "shared_passage" or (link["a"]["article_id"], link["b"]["article_id"]) not in whole
    ]


def _window(article: Article | None, start: int, end: int, whole: bool) -> Markup:
    """Part of an article around a shared passage, the passage marked."""
    if article is None:
        return Markup("")
    text = article.text
    if whole:
        cut = min(len(text), 900)
        body = highlight(text[:cut], [])
        return body + (Markup(" …") if cut < len(text) else Markup(""))
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    body = highlight(text[lo:hi], [Mark(start - lo, end - lo, "shared", "shared passage")])
    return (Markup("… ") if lo else Markup("")) + body + (Markup(" …") if hi < len(text) else Markup(""))


def _name(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return f"{article.outlet or 'unknown outlet'}: {_title(article)}"


def _copy_view(link: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    a, b = articles.get(link["a"]["article_id"]), articles.get(link["b"]["article_id"])
    whole = link["kind"] != "shared_passage"
    earlier = {"a_earlier": "a", "b_earlier": "b"}.get(link.get("direction") or "")
    return {
        "kind": link["kind"].replace("_", " "),
        "score": link.get("score"),
        "earlier": earlier,
        "sides": [
            {
                "id": end["article_id"],
                "name": _name(art, end["article_id"]),
                "when": when(art) if art else None,
                "text": _window(art, end["start"], end["end"], whole),
                "earlier": earlier == side,
            }
            for side, end, art in (("a", link["a"], a), ("b", link["b"], b))
        ],
    }


def _statement_view(statement: dict[str, Any], findings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return statement | {
        "speaker_key": speaker_key(statement["speaker"]) if statement["speaker"] != "unknown speaker" else None,
        "occurrences": [
            o | {"href": quote_href(o["article_id"], o["start"], o["end"], findings.get(o["article_id"]))}
            for o in statement["occurrences"]
        ],
    }


# --- articles -------------------------------------------------------------------------------------


def _marks(article_id: str, findings: dict[str, Any]) -> list[Mark]:
    return [
        Mark(item["start"], item["end"], kind, _describe(kind, item), anchor(kind, article_id, number))
        for kind in ANCHORS
        for number, item in enumerate(findings.get(kind, ()))
    ]


def _span_of(link_end: dict[str, Any]) -> tuple[int, int]:
    return int(link_end["start"]), int(link_end["end"])


def article_page(ledger: SQLiteLedger, article_id: str, target: tuple[int, int] | None = None) -> dict[str, Any] | None:
    """Everything the article page shows, or ``None`` for an unknown article."""
    article = ledger.get_article(article_id)
    if article is None:
        return None
    findings = ledger.get_extraction(article.id) or {}
    marks = _marks(article.id, findings)
    if target is not None and 0 <= target[0] < target[1] <= len(article.text):
        marks.append(Mark(target[0], target[1], "target", "linked evidence", "hl"))
    story_id = ledger.story_assignments().get(article.id)
    story = next((s for s in ledger.iter_stories() if s["id"] == story_id), None) if story_id else None
    links = list(ledger.iter_links(article_id=article.id))
    titles = {
        row[0]: (row[1] or row[3][:80], row[2])
        for row in ledger.execute(
            "SELECT id, title, outlet, text FROM articles WHERE id IN (SELECT a_article FROM links"
            " WHERE b_article = ? UNION SELECT b_article FROM links WHERE a_article = ?)",
            (article.id, article.id),
        )
    }
    used_by: dict[str, dict[int, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    related = []
    for link in links:
        mine, other = (link["a"], link["b"]) if link["a"]["article_id"] == article.id else (link["b"], link["a"])
        title, outlet = titles.get(other["article_id"], (other["article_id"], None))
        href = f"/articles/{other['article_id']}?hl={other['start']}-{other['end']}#hl"
        entry = {"kind": link["kind"].replace("_", " "), "href": href, "title": title, "outlet": outlet or ""}
        related.append(entry | {"score": link.get("score"), "why": link.get("why") or ""})
        kind = "quotes" if link["kind"] in QUOTE_KINDS else "claims" if link["kind"] not in COPY_KINDS else None
        if kind:
            number = best_finding(findings, kind, *_span_of(mine))
            if number is not None:
                used_by[kind][number].append(entry)
    if story_id:
        for assessment in ledger.iter_assessments(story_id):
            for role in ("supporting", "disputing", "conflicting"):
                for entry in assessment.get(role, ()):
                    if entry.get("article_id") != article.id or entry.get("start") is None:
                        continue
                    number = best_finding(findings, "claims", entry["start"], entry["end"])
                    if number is not None:
                        used_by["claims"][number].append(
                            {
                                "kind": f"{role} · {assessment.get('status')}",
                                "href": f"/stories/{story_id}#claim-{assessment.get('id')}",
                                "title": str(assessment.get("label") or assessment.get("id")),
                                "outlet": "",
                            }
                        )
    readable = _readable_findings(findings)
    for kind, rows in readable.items():
        for number, row in enumerate(rows):
            if kind in ANCHORS:
                row["anchor"] = anchor(kind, article.id, number)
            row["used_by"] = used_by.get(kind, {}).get(number, [])
            if kind == "quotes":
                name = (row.get("speaker") or {}).get("name")
                row["speaker_key"] = speaker_key(name) if name else None
    return {
        "article": article,
        "title": _title(article),
        "published": format_published(article.published),
        "url": safe_url(article.url),
        "words": len(article.text.split()),
        "highlighted": highlight(article.text, marks),
        "findings": readable,
        "story": story,
        "related": related,
        "sightings": [
            {"source": s.source, "outlet": s.outlet, "url": s.url, "href": safe_url(s.url)} for s in article.sightings
        ],
    }


# --- speakers, places -----------------------------------------------------------------------------


def _all_quotes(ledger: SQLiteLedger) -> Iterable[tuple[Article, int, dict[str, Any]]]:
    for article, findings in ledger.iter_extractions():
        for number, quote in enumerate(findings.get("quotes", ())):
            yield article, number, quote


def speakers_index(ledger: SQLiteLedger) -> list[dict[str, Any]]:
    """Every named speaker with how many quotes and articles."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    quotes: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for article, _, quote in _all_quotes(ledger):
        name = (quote.get("speaker") or {}).get("name")
        if not name:
            continue
        key = speaker_key(name)
        names[key][name] += 1
        quotes[key] += 1
        articles[key].add(article.id)
    return sorted(
        (
            {"key": key, "name": names[key].most_common(1)[0][0], "quotes": quotes[key], "articles": len(articles[key])}
            for key in names
        ),
        key=lambda s: (-s["quotes"], s["name"].casefold()),
    )


def speaker_page(ledger: SQLiteLedger, key: str) -> dict[str, Any] | None:
    """All quotes of one speaker (by key) across stories, or ``None`` when nobody has that key."""
    stories = ledger.story_assignments()
    labels = {s["id"]: s.get("label") or s["id"] for s in ledger.iter_stories()}
    rows = []
    names: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for article, number, quote in _all_quotes(ledger):
        speaker = quote.get("speaker") or {}
        name = speaker.get("name")
        if not name or speaker_key(name) != key:
            continue
        names[name] += 1
        for part in (speaker.get("role"), speaker.get("org")):
            if part and part != name:
                roles[part] += 1
        story_id = stories.get(article.id)
        rows.append(
            {
                "text": quote["text"],
                "kind": quote.get("kind"),
                "cue": quote.get("cue"),
                "article_id": article.id,
                "title": _title(article),
                "outlet": article.outlet or "unknown outlet",
                "published": format_published(article.published),
                "story_id": story_id,
                "story": labels.get(story_id or ""),
                "href": f"/articles/{article.id}#{anchor('quotes', article.id, number)}",
            }
        )
    if not rows:
        return None
    rows.sort(key=lambda r: (r["story"] or "~", r["published"] or "~"))
    return {
        "key": key,
        "name": names.most_common(1)[0][0],
        "roles": [r for r, _ in roles.most_common(5)],
        "quotes": rows,
    }


def map_places(ledger: SQLiteLedger, width: float = 960.0) -> dict[str, Any]:
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
            entry["articles"].setdefault(article.id, (_title(article), anchor("places", article.id, number)))
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

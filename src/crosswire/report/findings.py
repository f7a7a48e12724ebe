"""An article as pages and reports show it: its findings as readings, marks in its text, and links.

Used by the report and the web app alike: :func:`article_section` is what the report shows of an
article (its findings read, its text with every finding marked), :func:`article_view` adds what
the article page shows around it (its story, its links to other articles, what uses each finding,
speakers carried over from copies, a linked span marked).

Anchors in an article's highlighted text follow one scheme so any page can link to a finding:
``q-<article>-<n>`` (quote), ``n-<article>-<n>`` (figure), ``t-`` (time), ``p-`` (place) and
``c-<article>-<n>`` (claim), ``<n>`` being the finding's position in the stored extraction.
Where links point is an :class:`Hrefs`: the web app's pages (:data:`WEB`), or anchors inside the
one file of a report (:data:`REPORT`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from crosswire.desk.corrections import span_overlap
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.report.evidence import Mark, highlight
from crosswire.report.names import MOMENT, safe_url, speaker_key, title_of, when
from crosswire.text.numbers import figure

__all__ = [
    "ANCHORS",
    "LISTED",
    "REPORT",
    "WEB",
    "Hrefs",
    "anchor",
    "article_section",
    "article_view",
    "best_finding",
    "carried_speakers",
    "corrected_by",
    "describe",
    "exact_finding",
    "figure_reading",
    "finding_marks",
    "place_reading",
    "readable_findings",
]

log = logging.getLogger(__name__)

# Finding kinds marked in an article's text, with the one-letter anchor prefix of each.
ANCHORS = {"quotes": "q", "quantities": "n", "times": "t", "places": "p", "claims": "c"}
LISTED = ("quotes", "quantities", "times", "places", "entities", "claims")


def anchor(kind: str, article_id: str, number: int) -> str:
    """The element id of one finding in its article's highlighted text."""
    return f"{ANCHORS[kind]}-{article_id}-{number}"


def figure_reading(item: dict[str, Any]) -> str:
    """A figure as read: ``about 250 launcher``, ``225–275``, ``120 km range``.

    A number beyond any figure (which a ledger of an older version may hold) is shown as written.
    """
    value, low, high = (figure(item.get(key)) for key in ("value", "low", "high"))
    if value is not None:
        bound = item.get("bound")
        amount = f"{bound if bound not in (None, '=') else ''}{value:g}"
    elif low is not None and high is not None:
        amount = f"{low:g}–{high:g}"
    elif any(item.get(key) is not None for key in ("value", "low", "high")):
        written = str(item.get("text") or "?")
        return written if len(written) <= 40 else f"{written[:39]}…"
    else:
        amount = "?"
    return " ".join(p for p in (amount, item.get("unit") or "", item.get("thing") or "") if p)


def place_reading(item: dict[str, Any]) -> str:
    """A place as resolved: name, region and country, and its coordinates when known."""
    where = ", ".join(p for p in (item.get("name"), item.get("admin1"), item.get("country")) if p) or item["text"]
    if item.get("lat") is None or item.get("lon") is None:
        return f"{where} (unknown coordinates)"
    return f"{where} ({item['lat']:.2f}, {item['lon']:.2f})"


def corrected_by(item: dict[str, Any]) -> list[str]:
    """Who corrected a finding or record (its ``corrected`` markers), each name once, in order."""
    return list(dict.fromkeys(str(m.get("by")) for m in item.get("corrected") or () if m.get("by")))


def describe(kind: str, item: dict[str, Any]) -> str:
    """A one-line tooltip for a finding marked in the text."""
    if kind == "quotes":
        speaker = (item.get("speaker") or {}).get("name") or "unknown speaker"
        text = f"{item.get('kind')} quote · {speaker}"
    elif kind == "quantities":
        text = f"figure · {figure_reading(item)}"
    elif kind == "times":
        text = f"{str(item.get('type') or 'time').lower()} · {item.get('value') or 'not normalised'}"
    elif kind == "places":
        text = f"place · {place_reading(item)}"
    else:
        text = f"claim · {item.get('asserter') or 'unknown'} · {item.get('stance')} · {item.get('modality')}"
    names = corrected_by(item)
    return text + (f" · corrected by {', '.join(names)}" if names else "")


def readable_findings(findings: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each kind of finding as rows for the templates, each with its reading (``who``, ``reading``)."""
    readable: dict[str, list[dict[str, Any]]] = {}
    for kind in LISTED:
        rows = []
        for item in findings.get(kind, ()):
            row = dict(item)
            if kind == "quotes":
                speaker = item.get("speaker") or {}
                who = speaker.get("name") or "unknown speaker"
                extra = ", ".join(p for p in (speaker.get("role"), speaker.get("org")) if p and p != who)
                row["who"] = f"{who} ({extra})" if extra else who
            elif kind == "quantities":
                row["reading"] = figure_reading(item)
            elif kind == "places":
                row["reading"] = place_reading(item)
            row["corrected_by"] = corrected_by(item)
            rows.append(row)
        readable[kind] = rows
    return readable


def finding_marks(article_id: str, findings: dict[str, Any]) -> list[Mark]:
    """A mark for every finding that has a place in the text, each with its anchor."""
    return [
        Mark(item["start"], item["end"], kind, describe(kind, item), anchor(kind, article_id, number))
        for kind in ANCHORS
        for number, item in enumerate(findings.get(kind, ()))
    ]


def best_finding(findings: dict[str, Any] | None, kind: str, start: int, end: int) -> int | None:
    """The position of the finding of ``kind`` that overlaps ``start``-``end`` most, if any does."""
    best, best_overlap = None, 0
    for number, item in enumerate((findings or {}).get(kind, ())):
        overlap = span_overlap((item["start"], item["end"]), (start, end))
        if overlap > best_overlap:
            best, best_overlap = number, overlap
    return best


def exact_finding(findings: dict[str, Any] | None, kind: str, start: int, end: int) -> int | None:
    """The position of the finding of ``kind`` with exactly this span, if there is one."""
    for number, item in enumerate((findings or {}).get(kind, ())):
        if item["start"] == start and item["end"] == end:
            return number
    return None


@dataclass(frozen=True, slots=True)
class Hrefs:
    """Where links point: an article, a span of it (its finding's anchor when one has the very span,
    else a marked range when the target can mark one), a claim of a story's table, a speaker."""

    article_at: str
    anchor_at: str
    range_at: str | None
    claim_at: str
    speaker_at: str | None

    def article(self, article_id: str) -> str:
        return self.article_at.format(article=article_id)

    def span(
        self,
        article_id: str,
        start: int | None,
        end: int | None,
        findings: dict[str, Any] | None = None,
        kind: str = "claims",
    ) -> str:
        """A link to exactly this span of an article."""
        if start is None or end is None:
            return self.article(article_id)
        number = exact_finding(findings, kind, start, end)
        if number is not None:
            return self.anchor_at.format(article=article_id, anchor=anchor(kind, article_id, number))
        if self.range_at is None:
            return self.article(article_id)
        return self.range_at.format(article=article_id, start=start, end=end)

    def finding(self, kind: str, article_id: str, number: int) -> str:
        return self.anchor_at.format(article=article_id, anchor=anchor(kind, article_id, number))

    def claim(self, story_id: str, claim_id: object) -> str:
        return self.claim_at.format(story=story_id, claim=claim_id)

    def speaker(self, name: str) -> str | None:
        return None if self.speaker_at is None else self.speaker_at.format(key=speaker_key(name))


WEB = Hrefs(
    article_at="/articles/{article}",
    anchor_at="/articles/{article}#{anchor}",
    range_at="/articles/{article}?hl={start}-{end}#hl",
    claim_at="/stories/{story}#claim-{claim}",
    speaker_at="/speakers/{key}",
)
"""Links between the web app's pages: a span that is no finding of its own is marked by ``?hl=``."""

REPORT = Hrefs(
    article_at="#a-{article}", anchor_at="#{anchor}", range_at=None, claim_at="#claim-{claim}", speaker_at=None
)
"""Links inside one report file: a span that is no finding of its own links to its article."""


def carried_speakers(ledger: Ledger, hrefs: Hrefs = WEB) -> dict[tuple[str, int], dict[str, Any]]:
    """(article id, quote start) -> the speaker carried over from a copy, as the link stage saved it."""
    from crosswire.link import carried_speakers as saved

    try:
        entries = saved(ledger)
    except ValueError:
        log.warning("the carried speakers saved in %s cannot be read; relink to rebuild them", ledger.location)
        return {}
    carried: dict[tuple[str, int], dict[str, Any]] = {}
    for entry in entries if isinstance(entries, list) else ():
        speaker = entry.get("speaker") or {}
        name = speaker.get("name")
        if not name or not entry.get("article_id") or entry.get("start") is None:
            continue
        source = speaker.get("source") or {}
        carried[(entry["article_id"], int(entry["start"]))] = {
            "name": name,
            "key": speaker_key(name),
            "href": hrefs.speaker(name),
            "role": speaker.get("role"),
            "org": speaker.get("org"),
            "source_id": source.get("article_id"),
            "source_href": hrefs.span(source["article_id"], source.get("start"), source.get("end"))
            if source.get("article_id")
            else None,
        }
    return carried


def article_section(
    article: Article, findings: dict[str, Any] | None, *, target: tuple[int, int] | None = None, hrefs: Hrefs = WEB
) -> dict[str, Any]:
    """What the report shows of an article: its metadata, its findings read, its text with each marked.

    ``target`` is a span to mark as linked evidence (id ``hl``); a span outside the text is ignored.
    """
    findings = findings or {}
    marks = finding_marks(article.id, findings)
    if target is not None and not 0 <= target[0] < target[1] <= len(article.text):
        target = None
    if target is not None:
        marks.append(Mark(target[0], target[1], "target", "linked evidence", "hl"))
    readable = readable_findings(findings)
    for kind, rows in readable.items():
        for number, row in enumerate(rows):
            if kind in ANCHORS:
                row["anchor"] = anchor(kind, article.id, number)
                row["href"] = hrefs.finding(kind, article.id, number)
            if kind == "quotes":
                name = (row.get("speaker") or {}).get("name")
                row["speaker_href"] = hrefs.speaker(name) if name else None
    return {
        "id": article.id,
        "article": article,
        "title": title_of(article),
        "outlet": article.outlet,
        "url": article.url,
        "link": safe_url(article.url),
        "published": when(article.published, MOMENT),
        "byline": article.byline,
        "sources": [s.source for s in article.sightings],
        "sightings": [
            {"source": s.source, "outlet": s.outlet, "url": s.url, "href": safe_url(s.url)} for s in article.sightings
        ],
        "words": len(article.text.split()),
        "highlighted": highlight(article.text, marks),
        "findings": readable,
        "target": None if target is None else {"start": target[0], "end": target[1], "claims": []},
    }


LINK_ROLES = ("supporting", "disputing", "conflicting")


def article_view(
    ledger: Ledger, article_id: str, *, target: tuple[int, int] | None = None, hrefs: Hrefs = WEB
) -> dict[str, Any] | None:
    """Everything the article page shows, or ``None`` for an unknown article (an id or a unique prefix).

    :func:`article_section`, and: its story, its links to other articles (each finding listing the
    links and claims that use it), the quotes whose speaker a copy names, and the claims whose
    evidence ``target`` is.
    """
    from crosswire.report.story import COPY_KINDS, QUOTE_KINDS

    article = ledger.get_article(article_id)
    if article is None:
        return None
    findings = ledger.get_extraction(article.id) or {}
    view = article_section(article, findings, target=target, hrefs=hrefs)
    story_id = ledger.story_of(article.id)
    story = ledger.get_story(story_id) if story_id else None
    links = list(ledger.iter_links(article_id=article.id))
    others = {end["article_id"] for link in links for end in (link["a"], link["b"])} - {article.id}
    briefs = ledger.article_briefs(others)
    used_by: dict[str, dict[int, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    related = []
    for link in links:
        mine, other = (link["a"], link["b"]) if link["a"]["article_id"] == article.id else (link["b"], link["a"])
        brief = briefs.get(other["article_id"])
        entry = {
            "kind": link["kind"].replace("_", " "),
            "href": hrefs.span(other["article_id"], other["start"], other["end"]),
            "title": brief.title if brief else other["article_id"],
            "outlet": (brief.outlet if brief else None) or "",
        }
        related.append(entry | {"score": link.get("score"), "why": link.get("why") or ""})
        kind = "quotes" if link["kind"] in QUOTE_KINDS else "claims" if link["kind"] not in COPY_KINDS else None
        if kind:
            number = best_finding(findings, kind, int(mine["start"]), int(mine["end"]))
            if number is not None:
                used_by[kind][number].append(entry)
    targeted: list[dict[str, Any]] = []
    for assessment in ledger.iter_assessments(story_id) if story_id else ():
        claim = {
            "href": hrefs.claim(story_id or "", assessment.get("id")),
            "title": str(assessment.get("label") or assessment.get("id")),
            "status": assessment.get("status") or "unknown",
        }
        for role in LINK_ROLES:
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
    carried = carried_speakers(ledger, hrefs) if findings.get("quotes") else {}
    for kind, rows in view["findings"].items():
        for number, row in enumerate(rows):
            row["used_by"] = used_by.get(kind, {}).get(number, [])
            if kind == "quotes":
                row["carried"] = carried.get((article.id, row["start"]))
    if view["target"] is not None:
        view["target"]["claims"] = targeted
    corrections = [c.as_dict() for c in ledger.corrections(article_ids=[article.id])]
    return view | {"story": story, "related": related, "corrections": corrections}

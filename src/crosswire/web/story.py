"""What the story page shows: timeline, copies side by side, quotes by statement, the claim table.

Only the one story is read: its record (``ledger.get_story``), its articles, the links touching them
and its section of the report (``story_sections(..., only=story_id)``). Every piece of evidence links
to its exact span in the article page (see :func:`crosswire.web.findings.span_href`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from markupsafe import Markup

from crosswire.ledger import Ledger
from crosswire.model import Article, format_published
from crosswire.report.evidence import Mark, highlight
from crosswire.report.story import COPY_KINDS, story_sections
from crosswire.web.data import STANCES, speaker_key, status_bars, title_of, when
from crosswire.web.findings import span_href

__all__ = ["claim_row", "story_page", "timeline"]

CONTEXT_CHARS = 220
PASSAGE_COLOURS = 3
CLAIM_LINK_NAMES = {"conflicts": "conflict", "disputes": "dispute", "derives": "derivation", "agrees": "agreement"}
CONFLICT_REASONS = {
    "figure": "the figures differ",
    "modality": "the same event, told as done in one and as threatened, planned or possible in the other",
    "denial": "one source denies what the other states",
}
ORIGIN_KINDS = {
    "state": ("state", "an official or state media: all of them count as one origin"),
    "person": ("person", "a named person"),
    "source": ("source", "a source the article describes without naming"),
    "outlet": ("outlet", "the outlet's own reporting (copies of one report count once)"),
}


def story_page(ledger: Ledger, story_id: str) -> dict[str, Any] | None:
    """Everything the story page shows, or ``None`` for an unknown story."""
    story = ledger.get_story(story_id)
    if story is None:
        return None
    members = [a for a in (ledger.get_article(m["id"]) for m in story.get("articles", ())) if a is not None]
    articles = {a.id: a for a in members}
    sections = story_sections(ledger, articles, only=story_id)
    if not sections:
        return None
    section = sections[0]
    findings = {a.id: ledger.get_extraction(a.id) or {} for a in members}
    links = _links_inside(ledger, articles)
    claims = [claim_row(c) for c in section["claims"]]
    extracted = [] if claims else _extracted_claims(members, findings)
    return {
        "story": story,
        "timeline": timeline(members),
        "copies": copy_pairs(links, articles),
        "statements": [_statement_view(s, findings) for s in section["statements"]],
        "claims": [c for c in claims if not c["folded"]],
        "folded_claims": [c for c in claims if c["folded"]],
        "claim_count": len(claims),
        "status": status_bars(Counter(c["status"] for c in claims)),
        "extracted_claims": extracted,
        "stance": status_bars(Counter(c["stance"] or "unknown" for c in extracted), names=STANCES),
        "claim_links": claim_link_rows(links, articles, section["claims"]),
        "outlets": section["outlets"],
    }


def _links_inside(ledger: Ledger, articles: dict[str, Article]) -> list[dict[str, Any]]:
    """Every link whose two ends are articles of the story, each once."""
    seen: dict[str, dict[str, Any]] = {}
    for article_id in sorted(articles):
        for link in ledger.iter_links(article_id=article_id):
            if link["a"]["article_id"] in articles and link["b"]["article_id"] in articles:
                seen[link["id"]] = link
    return sorted(seen.values(), key=lambda link: (link["kind"], link["id"]))


# --- timeline -------------------------------------------------------------------------------------


def timeline(members: list[Article], width: float = 1130.0, lane: float = 22.0) -> dict[str, Any]:
    """The story's articles placed on a time axis, one lane per outlet (SVG units)."""
    dated = sorted((a for a in members if a.published is not None), key=_stamp)
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
                    "title": title_of(article),
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
        "undated": [{"id": a.id, "title": title_of(a), "outlet": a.outlet} for a in members if a.published is None],
    }


def _stamp(article: Article) -> float:
    value = article.published
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()
    return 0.0


def _day(article: Article) -> str:
    return (format_published(article.published) or "undated")[:10]


# --- copies ---------------------------------------------------------------------------------------


def copy_pairs(links: Iterable[dict[str, Any]], articles: dict[str, Article]) -> list[dict[str, Any]]:
    """One entry per pair of articles that copy each other or share passages, the passages numbered.

    A duplicate or near-duplicate pair shows both whole texts with every shared passage between them
    marked (passage ``n`` has the same colour on both sides); a pair that only shares passages shows
    the part of each text around them.
    """
    pairs: dict[frozenset[str], dict[str, Any]] = {}
    for link in links:
        if link["kind"] not in COPY_KINDS:
            continue
        a, b = link["a"]["article_id"], link["b"]["article_id"]
        pair = pairs.setdefault(frozenset((a, b)), {"ids": (a, b), "whole": None, "passages": []})
        if link["kind"] == "shared_passage":
            pair["passages"].append(link)
        elif pair["whole"] is None or link["kind"] == "duplicate":
            pair["whole"] = link
    views = []
    for number, pair in enumerate(sorted(pairs.values(), key=_pair_order), start=1):
        views.append(_pair_view(number, pair, articles))
    return views


def _pair_order(pair: dict[str, Any]) -> tuple[int, float]:
    whole = pair["whole"]
    rank = {"duplicate": 0, "near_duplicate": 1}.get(whole["kind"] if whole else "", 2)
    return rank, -float((whole or {}).get("score") or len(pair["passages"]))


def _oriented(link: dict[str, Any], first: str) -> tuple[dict[str, Any], dict[str, Any]]:
    return (link["a"], link["b"]) if link["a"]["article_id"] == first else (link["b"], link["a"])


def _earlier(link: dict[str, Any] | None) -> str | None:
    """The id of the article a link says came first, if it says."""
    if link is None:
        return None
    side = {"a_earlier": "a", "b_earlier": "b"}.get(link.get("direction") or "")
    return link[side]["article_id"] if side else None


def _pair_view(number: int, pair: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    whole = pair["whole"]
    first, second = (whole["a"]["article_id"], whole["b"]["article_id"]) if whole else pair["ids"]
    passages = sorted(pair["passages"], key=lambda link: _oriented(link, first)[0]["start"])
    if not passages and whole is not None:
        passages = [whole]  # an exact copy: the whole text is the shared passage
    earlier = _earlier(whole) or next((e for e in map(_earlier, passages) if e), None)
    sides = []
    shared = 0
    for index, article_id in enumerate((first, second)):
        article = articles.get(article_id)
        spans = [
            (_oriented(link, first)[index]["start"], _oriented(link, first)[index]["end"], n)
            for n, link in enumerate(passages, start=1)
        ]
        shared = shared or sum(end - start for start, end, _ in spans)
        sides.append(
            {
                "id": article_id,
                "name": _name(article, article_id),
                "when": when(article) if article else None,
                "earlier": earlier == article_id,
                "text": _marked_text(article, spans, number, "ab"[index], whole=whole is not None),
            }
        )
    return {
        "number": number,
        "kind": (whole["kind"] if whole else "shared_passage").replace("_", " "),
        "score": whole.get("score") if whole else None,
        "passages": len(pair["passages"]),
        "shared_chars": shared,
        "earlier": next((s["name"] for s in sides if s["earlier"]), None),
        "sides": sides,
    }


def _marked_text(
    article: Article | None, spans: list[tuple[int, int, int]], pair: int, side: str, *, whole: bool
) -> Markup:
    """An article's text (whole, or around its passages) with the shared passages marked and numbered."""
    if article is None:
        return Markup("")
    text = article.text
    lo, hi = 0, len(text)
    if not whole and spans:
        lo = max(0, min(s for s, _, _ in spans) - CONTEXT_CHARS)
        hi = min(len(text), max(e for _, e, _ in spans) + CONTEXT_CHARS)
        while lo > 0 and not text[lo - 1].isspace():  # start and end at word boundaries
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
    marks = [
        Mark(
            start - lo,
            end - lo,
            f"shared-{(n - 1) % PASSAGE_COLOURS}",
            f"shared passage {n} of {len(spans)}",
            f"sp-{pair}-{n}-{side}",
        )
        for start, end, n in spans
        if lo <= start < end <= hi
    ]
    body = highlight(text[lo:hi], marks)
    return (Markup("… ") if lo else Markup("")) + body + (Markup(" …") if hi < len(text) else Markup(""))


def _name(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return f"{article.outlet or 'unknown outlet'}: {title_of(article)}"


# --- quotes ---------------------------------------------------------------------------------------


def _statement_view(statement: dict[str, Any], findings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return statement | {
        "speaker_key": speaker_key(statement["speaker"]) if statement["speaker"] != "unknown speaker" else None,
        "occurrences": [
            o | {"href": span_href(o["article_id"], o["start"], o["end"], findings.get(o["article_id"]), "quotes")}
            for o in statement["occurrences"]
        ],
    }


# --- claims ---------------------------------------------------------------------------------------


def _figure(claim: dict[str, Any]) -> str | None:
    unit = f" {claim['unit']}" if claim.get("unit") else ""
    if claim.get("value") is not None:
        return f"{claim['value']:g}{unit}"
    low, high = claim.get("low"), claim.get("high")
    if low is not None and high is not None:
        return f"{low:g}–{high:g}{unit}" if low != high else f"{low:g}{unit}"
    if low is not None:
        return f"at least {low:g}{unit}"
    if high is not None:
        return f"up to {high:g}{unit}"
    return None


def _origin(origin: str | None) -> tuple[str, str]:
    kind = (origin or "").partition(":")[0]
    return ORIGIN_KINDS.get(kind, ("origin", "where the claim comes from"))


def _sources(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Evidence grouped by origin (one independent source each), every article's sentence linked."""
    groups: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not entry.get("article_id"):
            continue
        origin = entry.get("origin") or f"article:{entry['article_id']}"
        tag, meaning = _origin(origin)
        group = groups.setdefault(
            origin,
            {
                "origin": origin,
                "tag": tag,
                "meaning": meaning,
                "asserter": entry.get("asserter") or "unknown",
                "text": entry.get("text") or "",
                "links": [],
            },
        )
        again = sum(1 for link in group["links"] if link["article_id"] == entry["article_id"])
        outlet = entry.get("outlet") or "article"
        group["links"].append(
            {
                "article_id": entry["article_id"],
                "outlet": outlet if not again else f"{outlet} ({_ordinal(again + 1)} sentence)",
                "text": entry.get("text") or "",
                "href": span_href(entry["article_id"], entry.get("start"), entry.get("end")),
            }
        )
    return list(groups.values())


def _ordinal(n: int) -> str:
    return f"{n}{'nd' if n == 2 else 'rd' if n == 3 else 'th'}"


def claim_row(assessment: dict[str, Any]) -> dict[str, Any]:
    """One row of the claim table; single-source claims without a figure are folded away."""

    def spans(entries: Iterable[dict[str, Any]]) -> set[tuple[Any, Any, Any]]:
        return {(e.get("article_id"), e.get("start"), e.get("end")) for e in entries}

    disputing = list(assessment.get("disputing", ()))
    # A source that disputes a claim usually also states something that conflicts with it: list it once.
    shown = spans(disputing)
    conflicting = [
        e for e in assessment.get("conflicting", ()) if (e.get("article_id"), e.get("start"), e.get("end")) not in shown
    ]
    status = assessment.get("status") or "unknown"
    figure = _figure(assessment)
    roles = [
        {"role": role, "sources": _sources(entries)}
        for role, entries in (
            ("supporting", assessment.get("supporting", ())),
            ("disputing", disputing),
            ("conflicting", conflicting),
        )
        if entries
    ]
    return {
        "id": assessment.get("id"),
        "label": assessment.get("label") or assessment.get("key") or assessment.get("id"),
        "thing": assessment.get("thing"),
        "figure": figure,
        "modality": assessment.get("modality"),
        "status": status,
        "independent": int(assessment.get("independent") or 0),
        "roles": roles,
        "against": sum(len(r["sources"]) for r in roles if r["role"] != "supporting"),
        "folded": status == "single-source" and figure is None,
    }


def _extracted_claims(members: list[Article], findings: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims as extracted, per article, for a story whose claims are not assessed yet."""
    rows = []
    for article in members:
        for claim in findings.get(article.id, {}).get("claims", ()):
            rows.append(
                {
                    "text": claim["text"],
                    "asserter": claim.get("asserter"),
                    "stance": claim.get("stance"),
                    "modality": claim.get("modality"),
                    "outlet": article.outlet or "unknown outlet",
                    "href": span_href(article.id, claim["start"], claim["end"], findings.get(article.id)),
                }
            )
    return rows


def _claim_index(assessments: list[dict[str, Any]]) -> dict[str, list[tuple[int, int, int, str, str]]]:
    """Article id -> (start, end, role rank, claim id, label) of every piece of evidence in it."""
    index: dict[str, list[tuple[int, int, int, str, str]]] = {}
    for claim in assessments:
        for rank, role in enumerate(("supporting", "disputing", "conflicting")):
            for entry in claim.get(role, ()):
                if entry.get("article_id") and entry.get("start") is not None:
                    index.setdefault(entry["article_id"], []).append(
                        (entry["start"], entry["end"], rank, str(claim.get("id")), str(claim.get("label")))
                    )
    return index


def _claim_at(index: dict[str, list[tuple[int, int, int, str, str]]], end: dict[str, Any]) -> dict[str, str] | None:
    """The claim whose evidence holds this span (the tightest, a supporting one first)."""
    holding = [
        (stop - start, rank, claim_id, label)
        for start, stop, rank, claim_id, label in index.get(end["article_id"], ())
        if start <= end["start"] and end["end"] <= stop
    ]
    if not holding:
        return None
    _, _, claim_id, label = min(holding)
    return {"id": claim_id, "label": label}


def _side_tag(link: dict[str, Any], side: str) -> str | None:
    """What this side does in the link: the derived figure, or the source that denies or doubts."""
    if link.get("by") != side:
        return None
    if link["kind"] == "derives":
        return "derived"
    if link["kind"] == "disputes":
        return {"denied": "denies", "doubted": "doubts"}.get(link.get("reason") or "", "disputes")
    return None


def claim_link_rows(
    links: Iterable[dict[str, Any]], articles: dict[str, Article], assessments: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """How the sources' claims relate: conflicts, disputes and derivations first, then agreements.

    Links that say the same thing between the same words (one report and its copies) make one row,
    each side listing every article it was read in.
    """
    index = _claim_index(assessments)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    for link in links:
        name = CLAIM_LINK_NAMES.get(link["kind"])
        if name is None:
            continue
        ends = []
        for key in ("a", "b"):
            end = link[key]
            article = articles.get(end["article_id"])
            ends.append(
                {
                    "text": article.text[end["start"] : end["end"]] if article else "",
                    "outlet": (article.outlet if article else None) or "unknown outlet",
                    "href": span_href(end["article_id"], end["start"], end["end"]),
                    "claim": _claim_at(index, end),
                    "tag": _side_tag(link, key),
                }
            )
        if link.get("by") == "a":
            ends.reverse()  # the side that derives, denies or doubts goes on the right
        texts = (ends[0]["text"], ends[1]["text"])
        group = (link["kind"], link.get("why") or "", link.get("operation"), frozenset(texts))
        row = rows.get(group)
        if row is None:
            row = rows[group] = {
                "kind": link["kind"],
                "name": name,
                "why": link.get("why") or "",
                "thing": link.get("thing"),
                "reason": CONFLICT_REASONS.get(link.get("reason") or "") if link["kind"] == "conflicts" else None,
                "operation": link.get("operation"),
                "sides": [{"text": e["text"], "claim": e["claim"], "tag": e["tag"], "links": []} for e in ends],
            }
        if ends[0]["text"] != row["sides"][0]["text"]:
            ends.reverse()
        for side, end in zip(row["sides"], ends, strict=True):
            if all(existing["href"] != end["href"] for existing in side["links"]):
                side["links"].append({"outlet": end["outlet"], "href": end["href"]})
            side["claim"] = side["claim"] or end["claim"]
    order = list(CLAIM_LINK_NAMES)
    return sorted(rows.values(), key=lambda r: (order.index(r["kind"]), r["thing"] or "", r["why"]))

"""The story sections of the report (and of the web app): one story, everything linked in it.

:func:`story_sections` reads stories, links and assessments from the ledger and returns plain
data per story: its articles on a timeline, the copies among them, its quotes grouped by speaker
and statement (verbatim repeats and other translations folded together), and its claim table
with status, independent-source count and the evidence of each source.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from crosswire.ledger import Ledger
from crosswire.link.claims.linker import CLAIM_LINK_KINDS
from crosswire.link.copies.linker import KINDS as COPY_LINK_KINDS
from crosswire.link.quotes.linker import KINDS as QUOTE_LINK_KINDS
from crosswire.model import Article

__all__ = ["COPY_KINDS", "QUOTE_KINDS", "quote_statements", "story_sections"]

COPY_KINDS = COPY_LINK_KINDS
QUOTE_KINDS = QUOTE_LINK_KINDS
CLAIM_KINDS = CLAIM_LINK_KINDS


def story_sections(ledger: Ledger, articles: dict[str, Article], *, only: str | None = None) -> list[dict[str, Any]]:
    """One section per story, earliest story first (or only the story with id ``only``)."""
    if only is not None:
        story = ledger.get_story(only)
        stories = [story] if story is not None else []
        wanted = {a["id"] for s in stories for a in s["articles"]}
    else:
        stories = list(ledger.iter_stories())
        wanted = set(articles)
    if only is not None:
        findings = {article_id: f for article_id, (_, f) in ledger.extractions_of(wanted).items()}
    else:
        findings = {a.id: f for a, f in ledger.iter_extractions()}
    links_by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if only is None:
        links = list(ledger.iter_links())
    else:
        seen: dict[str, dict[str, Any]] = {}
        for article_id in sorted(wanted):
            seen.update((link["id"], link) for link in ledger.iter_links(article_id=article_id))
        links = sorted(seen.values(), key=lambda link: (link["kind"], link["id"]))
    for link in links:
        links_by_kind[link["kind"]].append(link)
    sections = []
    for story in stories:
        members = [articles[a["id"]] for a in story["articles"] if a["id"] in articles]
        ids = {a.id for a in members}
        inside = {
            kind: [link for link in links if link["a"]["article_id"] in ids and link["b"]["article_id"] in ids]
            for kind, links in links_by_kind.items()
        }
        sections.append(
            {
                "id": story["id"],
                "label": story["label"],
                "first": story.get("first"),
                "last": story.get("last"),
                "outlets": sorted({a.outlet for a in members if a.outlet}),
                "timeline": _timeline(members),
                "copies": [_copy(link, articles) for link in _copies(inside)],
                "statements": quote_statements(
                    members, findings, [*inside.get("same_quote", ()), *inside.get("quote_variant", ())]
                ),
                "claims": sorted(
                    (_assessment(a, articles) for a in ledger.iter_assessments(story["id"])), key=_claim_order
                ),
                "claim_links": [_claim_link(link, articles) for kind in CLAIM_KINDS for link in inside.get(kind, ())],
            }
        )
    return sections


def _copies(inside: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Copy links worth showing: whole-article copies, and shared passages of pairs that are not copies."""
    whole = [link for kind in COPY_KINDS[:2] for link in inside.get(kind, ())]
    pairs = {(link["a"]["article_id"], link["b"]["article_id"]) for link in whole}
    passages = [
        link
        for link in inside.get("shared_passage", ())
        if (link["a"]["article_id"], link["b"]["article_id"]) not in pairs
    ]
    return whole + passages


def _day(article: Article) -> str:
    return article.published.isoformat()[:16].replace("T", " ") if article.published else "undated"


def _timeline(members: list[Article]) -> list[dict[str, Any]]:
    ordered = sorted(members, key=lambda a: (a.published is None, a.published.isoformat() if a.published else ""))
    return [
        {"id": a.id, "title": a.title or a.text[:80], "outlet": a.outlet or "unknown outlet", "when": _day(a)}
        for a in ordered
    ]


def _name(article: Article | None) -> str:
    if article is None:
        return "?"
    return f"{article.outlet or 'unknown outlet'}: {article.title or article.id}"


def _copy(link: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    a, b = articles.get(link["a"]["article_id"]), articles.get(link["b"]["article_id"])
    earlier = {"a_earlier": a, "b_earlier": b}.get(link.get("direction") or "")
    passage = a.text[link["a"]["start"] : link["a"]["end"]] if a is not None else ""
    return {
        "kind": link["kind"],
        "a": _name(a),
        "b": _name(b),
        "a_id": link["a"]["article_id"],
        "b_id": link["b"]["article_id"],
        "score": link.get("score"),
        "earlier": _name(earlier) if earlier is not None else "unknown",
        "passage": passage if link["kind"] == "shared_passage" else "",
    }


def quote_statements(
    members: list[Article], findings: dict[str, dict[str, Any]], links: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Quotes of a story grouped into statements (same words, or another rendering of them), by speaker."""
    occurrences: dict[tuple[str, int, int], dict[str, Any]] = {}
    outlets = {a.id: a.outlet or "unknown outlet" for a in members}
    for article in members:
        for quote in findings.get(article.id, {}).get("quotes", ()):
            if quote["kind"] == "reported":
                continue
            occurrences[(article.id, quote["start"], quote["end"])] = quote | {"article_id": article.id}
    parent = {key: key for key in occurrences}

    def find(key: tuple[str, int, int]) -> tuple[str, int, int]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    variants: set[tuple[str, int, int]] = set()
    for link in links:
        first = _nearest((link["a"]["article_id"], link["a"]["start"], link["a"]["end"]), occurrences)
        second = _nearest((link["b"]["article_id"], link["b"]["start"], link["b"]["end"]), occurrences)
        if first is None or second is None:
            continue
        parent[find(first)] = find(second)
        if link["kind"] == "quote_variant":
            variants.update((first, second))
    groups: dict[tuple[str, int, int], list[tuple[str, int, int]]] = defaultdict(list)
    for key in occurrences:
        groups[find(key)].append(key)
    statements = []
    for keys in groups.values():
        quotes = [occurrences[k] for k in keys]
        speaker = _best_speaker(quotes)
        statements.append(
            {
                "speaker": speaker,
                "text": max((q["text"] for q in quotes), key=len),
                "occurrences": [
                    {
                        "article_id": q["article_id"],
                        "outlet": outlets[q["article_id"]],
                        "text": q["text"],
                        "start": q["start"],
                        "end": q["end"],
                        "attributed_to": ((q.get("speaker") or {}).get("name")) or "unattributed",
                        "variant": (q["article_id"], q["start"], q["end"]) in variants,
                    }
                    for q in sorted(quotes, key=lambda q: outlets[q["article_id"]])
                ],
            }
        )
    statements.sort(key=lambda s: (s["speaker"] == "unknown speaker", s["speaker"], -len(s["occurrences"])))
    return statements


def _nearest(end: tuple[str, int, int], occurrences: dict[tuple[str, int, int], Any]) -> tuple[str, int, int] | None:
    if end in occurrences:
        return end
    article, start, stop = end
    for key in occurrences:
        if key[0] == article and key[1] <= start and stop <= key[2]:
            return key
    return None


def _best_speaker(quotes: list[dict[str, Any]]) -> str:
    """A named speaker beats a role or a description, which beats nothing."""
    ranked = []
    for quote in quotes:
        speaker = quote.get("speaker") or {}
        name = speaker.get("name")
        if name:
            rank = 0 if speaker.get("kind", "named") == "named" else 1
            ranked.append((rank, -len(name), name))
    return min(ranked)[2] if ranked else "unknown speaker"


def _evidence(entry: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    article = articles.get(entry.get("article_id", ""))
    text = article.text[entry["start"] : entry["end"]] if article is not None and "start" in entry else ""
    return {
        "article_id": entry.get("article_id"),
        "outlet": article.outlet if article is not None else None,
        "asserter": entry.get("asserter"),
        "origin": entry.get("origin"),
        "text": text,
        "start": entry.get("start"),
        "end": entry.get("end"),
    }


def _assessment(assessment: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    return assessment | {
        "supporting": [_evidence(e, articles) for e in assessment.get("supporting", ())],
        "disputing": [_evidence(e, articles) for e in assessment.get("disputing", ())],
        "conflicting": [_evidence(e, articles) for e in assessment.get("conflicting", ())],
    }


_STATUS_ORDER = {"contradicted": 0, "disputed": 1, "corroborated": 2, "single-source": 3}


def _claim_order(assessment: dict[str, Any]) -> tuple[int, int, int, str]:
    """Contested claims first, then the best-sourced; claims with a figure before those without."""
    return (
        _STATUS_ORDER.get(assessment.get("status", ""), 4),
        -int(assessment.get("independent") or 0),
        0 if assessment.get("value") is not None or assessment.get("low") is not None else 1,
        str(assessment.get("label")),
    )


def _claim_link(link: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    a, b = articles.get(link["a"]["article_id"]), articles.get(link["b"]["article_id"])
    return {
        "kind": link["kind"],
        "why": link.get("why") or "",
        "a": _name(a),
        "b": _name(b),
        "a_text": a.text[link["a"]["start"] : link["a"]["end"]] if a is not None else "",
        "b_text": b.text[link["b"]["start"] : link["b"]["end"]] if b is not None else "",
        "a_id": link["a"]["article_id"],
        "b_id": link["b"]["article_id"],
    }

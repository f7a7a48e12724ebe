"""A story as pages and reports show it: timeline, copies, quotes by statement, claims.

:func:`story_section` assembles one story from the ledger with indexed queries (its record, its
articles with the findings it shows, the links among them, its claim assessments);
:func:`story_sections` does it for every story, for the report. The story page of the web app and
the report's story sections both render what these return:

- ``timeline``: its articles in publication order (undated last);
- ``copies``: each pair of articles that copy each other or share passages, side by side, the
  shared passages numbered and marked in both texts;
- ``statements``: its quotes grouped by speaker and statement (verbatim repeats and other
  renderings of one statement together);
- ``claims``: the claim table (:mod:`crosswire.report.claims`), ``claim_links`` how the sources'
  claims relate, and ``extracted_claims`` when the claims are not assessed yet.

Every piece of evidence links to its exact span through an :class:`~crosswire.report.findings.Hrefs`.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from markupsafe import Markup

from crosswire.ledger import Ledger
from crosswire.link.claims.linker import CLAIM_LINK_KINDS
from crosswire.link.copies.linker import KINDS as COPY_LINK_KINDS
from crosswire.link.quotes.linker import KINDS as QUOTE_LINK_KINDS
from crosswire.model import Article, Published
from crosswire.report.claims import claim_link_rows, claim_rows, extracted_claims
from crosswire.report.evidence import Mark, highlight
from crosswire.report.findings import WEB, Hrefs, corrected_by
from crosswire.report.names import DAY, title_of, when

__all__ = [
    "COPY_KINDS",
    "QUOTE_KINDS",
    "copy_pairs",
    "quote_statements",
    "story_section",
    "story_sections",
    "timeline",
]

COPY_KINDS = COPY_LINK_KINDS
QUOTE_KINDS = QUOTE_LINK_KINDS
CLAIM_KINDS = CLAIM_LINK_KINDS
SHOWN_FINDINGS = ("quotes", "claims")
"""The kinds of findings a story shows (statements; claims not assessed yet and their anchors)."""
CONTEXT_CHARS = 220
"""Characters kept around the passages of a pair that only shares passages."""
PASSAGE_COLOURS = 3
UNKNOWN_SPEAKER = "unknown speaker"

log = logging.getLogger(__name__)


def story_section(ledger: Ledger, story_id: str, hrefs: Hrefs = WEB) -> dict[str, Any] | None:
    """Everything a story's page or report section shows, or ``None`` for an unknown story."""
    story = ledger.get_story(story_id)
    if story is None:
        return None
    ids = [a["id"] for a in story.get("articles", ())]
    found = ledger.extractions_of(ids, kinds=SHOWN_FINDINGS)
    members = [found[i][0] for i in ids if i in found]
    findings = {i: found[i][1] for i in ids if i in found}
    links = ledger.links_among(ids)
    return assemble(story, members, findings, links, list(ledger.iter_assessments(story_id)), hrefs)


def story_sections(
    ledger: Ledger, hrefs: Hrefs = WEB, *, failures: list[str] | None = None
) -> Iterator[dict[str, Any]]:
    """Every story's section, earliest story first.

    A story whose section cannot be built is left out, logged, and named in ``failures``.
    """
    for story in ledger.iter_stories():
        try:
            section = story_section(ledger, story["id"], hrefs)
        except Exception as exc:  # what one story holds must not fail the whole report or page
            log.info("story %s cannot be shown", story["id"], exc_info=exc)  # the traceback with --verbose
            if failures is not None:
                failures.append(f"story {story['id']}: not shown ({type(exc).__name__}: {exc})")
            continue
        if section is not None:
            yield section


def assemble(
    story: dict[str, Any],
    members: list[Article],
    findings: dict[str, dict[str, Any]],
    links: list[dict[str, Any]],
    assessments: list[dict[str, Any]],
    hrefs: Hrefs = WEB,
) -> dict[str, Any]:
    """A story's section from its record, its articles and their findings, its links and assessments."""
    articles = {a.id: a for a in members}
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for link in links:
        by_kind[link["kind"]].append(link)
    claims = claim_rows(assessments, articles, hrefs)
    unassessed = [] if claims else extracted_claims(members, findings, hrefs)
    return {
        "id": story["id"],
        "label": story.get("label") or story["id"],
        "corrected": list(story.get("corrected") or ()),
        "first": story.get("first"),
        "last": story.get("last"),
        "story": story,
        "outlets": sorted({a.outlet for a in members if a.outlet}),
        "timeline": timeline(members, hrefs),
        "copies": copy_pairs(links, articles, hrefs),
        "statements": quote_statements(
            members, findings, [*by_kind.get("same_quote", ()), *by_kind.get("quote_variant", ())], hrefs
        ),
        "claims": claims,
        "statuses": dict(Counter(c["status"] for c in claims)),
        "extracted_claims": unassessed,
        "stances": dict(Counter(c["stance"] or "unknown" for c in unassessed)),
        "claim_links": claim_link_rows(
            [link for kind in CLAIM_KINDS for link in by_kind.get(kind, ())], articles, assessments, hrefs
        ),
    }


def timeline(members: list[Article], hrefs: Hrefs = WEB) -> list[dict[str, Any]]:
    """A story's articles in publication order, undated last; ``stamp`` is the time in seconds (UTC)."""
    ordered = sorted(members, key=lambda a: (a.published is None, _stamp(a.published), a.id))
    return [
        {
            "id": a.id,
            "href": hrefs.article(a.id),
            "title": title_of(a),
            "outlet": a.outlet or "unknown outlet",
            "when": when(a.published),
            "day": when(a.published, DAY),
            "stamp": None if a.published is None else _stamp(a.published),
        }
        for a in ordered
    ]


def _stamp(value: Published) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC).timestamp()
    return 0.0


def copy_pairs(
    links: Iterable[dict[str, Any]], articles: dict[str, Article], hrefs: Hrefs = WEB
) -> list[dict[str, Any]]:
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
        views.append(_pair_view(number, pair, articles, hrefs))
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


def _pair_view(number: int, pair: dict[str, Any], articles: dict[str, Article], hrefs: Hrefs) -> dict[str, Any]:
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
                "href": hrefs.article(article_id),
                "name": _name(article, article_id),
                "when": when(article.published) if article else None,
                "earlier": earlier == article_id,
                "text": _marked_text(article, spans, number, "ab"[index], whole=whole is not None),
            }
        )
    return {
        "number": number,
        "corrected_by": corrected_by(whole) if whole else [],
        "kind": (whole["kind"] if whole else "shared_passage").replace("_", " "),
        "score": whole.get("score") if whole else None,
        "passages": len(pair["passages"]),
        "shared_chars": shared,
        "earlier": next((s["name"] for s in sides if s["earlier"]), None),
        "passage": _passage_text(pair["passages"][0], articles) if pair["passages"] else "",
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


def _passage_text(link: dict[str, Any], articles: dict[str, Article]) -> str:
    """The words of a shared passage, as one side has them."""
    article = articles.get(link["a"]["article_id"])
    return article.text[link["a"]["start"] : link["a"]["end"]] if article is not None else ""


def _name(article: Article | None, fallback: str) -> str:
    if article is None:
        return fallback
    return f"{article.outlet or 'unknown outlet'}: {title_of(article)}"


def quote_statements(
    members: list[Article], findings: dict[str, dict[str, Any]], links: list[dict[str, Any]], hrefs: Hrefs = WEB
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
                "speaker_href": hrefs.speaker(speaker) if speaker != UNKNOWN_SPEAKER else None,
                "text": max((q["text"] for q in quotes), key=len),
                "occurrences": [
                    {
                        "article_id": q["article_id"],
                        "outlet": outlets[q["article_id"]],
                        "text": q["text"],
                        "start": q["start"],
                        "end": q["end"],
                        "attributed_to": ((q.get("speaker") or {}).get("name")) or "unattributed",
                        "corrected_by": corrected_by(q),
                        "variant": (q["article_id"], q["start"], q["end"]) in variants,
                        "href": hrefs.span(
                            q["article_id"], q["start"], q["end"], findings.get(q["article_id"]), "quotes"
                        ),
                    }
                    for q in sorted(quotes, key=lambda q: outlets[q["article_id"]])
                ],
            }
        )
    statements.sort(key=lambda s: (s["speaker"] == UNKNOWN_SPEAKER, s["speaker"], -len(s["occurrences"])))
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
    return min(ranked)[2] if ranked else UNKNOWN_SPEAKER

"""A story's claims as pages and reports show them: the claim table and how the sources' claims relate.

:func:`claim_rows` turns claim assessments into the table's rows: each claim with its figure, status,
independent-source count and its sources by role (supporting, disputing, conflicting), one line per
origin, each linked to its sentence. :func:`claim_link_rows` turns claim links into rows: conflicts,
disputes and derivations first, links that say the same between one report and its copies folded
into one row. :func:`extracted_claims` lists the claims of a story not assessed yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crosswire.model import Article
from crosswire.report.findings import WEB, Hrefs, corrected_by
from crosswire.text.numbers import figure

__all__ = [
    "CLAIM_LINK_NAMES",
    "CONFLICT_REASONS",
    "ORIGIN_KINDS",
    "claim_link_rows",
    "claim_order",
    "claim_row",
    "claim_rows",
    "extracted_claims",
]

CLAIM_LINK_NAMES = {
    "conflicts": "conflict",
    "disputes": "dispute",
    "updates": "update",
    "derives": "derivation",
    "agrees": "agreement",
}
"""Claim link kinds, in the order their rows are listed, with the name a row shows."""
CONFLICT_REASONS = {
    "figure": "the figures differ",
    "modality": "the same event, told as done in one and as threatened, planned or possible in the other",
    "denial": "one source denies what the other states",
}
ORIGIN_KINDS = {
    "state": ("state", "an official or state media: all of them count as one origin"),
    "owner": ("owner", "outlets with one owner (the register of outlets says which): they count as one origin"),
    "person": ("person", "a named person"),
    "source": ("source", "a source the article describes without naming"),
    "outlet": ("outlet", "the outlet's own reporting (copies of one report count once)"),
}
STATUS_ORDER = {"contradicted": 0, "disputed": 1, "corroborated": 2, "single-source": 3}


def claim_order(assessment: dict[str, Any]) -> tuple[int, int, int, str]:
    """Contested claims first, then the best-sourced; claims with a figure before those without."""
    return (
        STATUS_ORDER.get(assessment.get("status", ""), 4),
        -int(assessment.get("independent") or 0),
        0 if assessment.get("value") is not None or assessment.get("low") is not None else 1,
        str(assessment.get("label")),
    )


def _evidence(entry: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    """A piece of a claim's evidence with the words it points at and its article's outlet."""
    article = articles.get(entry.get("article_id") or "")
    start, end = entry.get("start"), entry.get("end")
    text = article.text[start:end] if article is not None and start is not None and end is not None else ""
    return entry | {"outlet": article.outlet if article is not None else None, "text": text}


def claim_rows(
    assessments: Iterable[dict[str, Any]], articles: dict[str, Article], hrefs: Hrefs = WEB
) -> list[dict[str, Any]]:
    """The claim table of a story, contested claims first (see :func:`claim_order`)."""
    rows = []
    for assessment in sorted(assessments, key=claim_order):
        with_text = assessment | {
            role: [_evidence(e, articles) for e in assessment.get(role, ())]
            for role in ("supporting", "disputing", "conflicting", "history", "superseded_by")
        }
        rows.append(claim_row(with_text, hrefs))
    return rows


def _figure(claim: dict[str, Any]) -> str | None:
    """A claim's figure as read; ``None`` without one, or when a number in it is beyond any figure
    (a ledger of an older version may hold one: the claim's evidence shows it as written)."""
    unit = f" {claim['unit']}" if claim.get("unit") else ""
    read = {key: figure(claim.get(key)) for key in ("value", "low", "high")}
    if any(claim.get(key) is not None and number is None for key, number in read.items()):
        return None
    value, low, high = read["value"], read["low"], read["high"]
    if value is not None:
        return f"{value:g}{unit}"
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


def _sources(entries: list[dict[str, Any]], hrefs: Hrefs) -> list[dict[str, Any]]:
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
                "corrected_by": [],
            },
        )
        group["corrected_by"] = list(dict.fromkeys([*group["corrected_by"], *corrected_by(entry)]))
        again = sum(1 for link in group["links"] if link["article_id"] == entry["article_id"])
        outlet = entry.get("outlet") or "article"
        group["links"].append(
            {
                "article_id": entry["article_id"],
                "outlet": outlet if not again else f"{outlet} ({_ordinal(again + 1)} sentence)",
                "text": entry.get("text") or "",
                "href": hrefs.span(entry["article_id"], entry.get("start"), entry.get("end")),
            }
        )
    return list(groups.values())


def _ordinal(n: int) -> str:
    return f"{n}{'nd' if n == 2 else 'rd' if n == 3 else 'th'}"


def claim_row(assessment: dict[str, Any], hrefs: Hrefs = WEB) -> dict[str, Any]:
    """One row of the claim table (evidence with its words); single-source claims without a figure are folded."""

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
        {"role": role, "sources": _sources(entries, hrefs)}
        for role, entries in (
            ("supporting", assessment.get("supporting", ())),
            ("disputing", disputing),
            ("conflicting", conflicting),
            ("earlier", assessment.get("history", ())),
            ("later", assessment.get("superseded_by", ())),
        )
        if entries
    ]
    review = assessment.get("review") or {}
    independent = int(assessment.get("independent") or 0)
    outlets = int(assessment.get("outlets") or 0)
    return {
        "id": assessment.get("id"),
        "label": assessment.get("label") or assessment.get("key") or assessment.get("id"),
        "thing": assessment.get("thing"),
        "figure": figure,
        "modality": assessment.get("modality"),
        "status": status,
        "independent": independent,
        "outlets": outlets,
        "origins": _origins_text(outlets, independent),
        "notes": list(assessment.get("notes") or ()),
        "review": review if review.get("state") not in (None, "unreviewed") else None,
        "roles": roles,
        "against": sum(len(r["sources"]) for r in roles if r["role"] in ("disputing", "conflicting")),
        "folded_sources": list(assessment.get("folded") or ()),
        "folded": status == "single-source" and figure is None and not review.get("by"),
    }


def _origins_text(outlets: int, independent: int) -> str | None:
    """ "3 outlets, 2 independent origins", when outlets fold into fewer origins."""
    if outlets <= independent or outlets < 2:
        return None
    return f"{outlets} outlets, {independent} independent origin{'s' if independent != 1 else ''}"


def extracted_claims(
    members: list[Article], findings: dict[str, dict[str, Any]], hrefs: Hrefs = WEB
) -> list[dict[str, Any]]:
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
                    "href": hrefs.span(article.id, claim["start"], claim["end"], findings.get(article.id)),
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
    links: Iterable[dict[str, Any]],
    articles: dict[str, Article],
    assessments: list[dict[str, Any]],
    hrefs: Hrefs = WEB,
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
                    "href": hrefs.span(end["article_id"], end["start"], end["end"]),
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

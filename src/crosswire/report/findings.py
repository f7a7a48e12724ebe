"""An article's findings as people read them: one-line readings, and marks in the text.

Used by the report and the web app alike. Anchors in an article's highlighted text follow one
scheme so any page can link to a finding: ``q-<article>-<n>`` (quote), ``n-<article>-<n>``
(figure), ``t-`` (time), ``p-`` (place) and ``c-<article>-<n>`` (claim), ``<n>`` being the
finding's position in the stored extraction.
"""

from __future__ import annotations

from typing import Any

from crosswire.report.evidence import Mark

__all__ = [
    "ANCHORS",
    "LISTED",
    "anchor",
    "describe",
    "figure_reading",
    "finding_marks",
    "place_reading",
    "readable_findings",
]

# Finding kinds marked in an article's text, with the one-letter anchor prefix of each.
ANCHORS = {"quotes": "q", "quantities": "n", "times": "t", "places": "p", "claims": "c"}
LISTED = ("quotes", "quantities", "times", "places", "entities", "claims")


def anchor(kind: str, article_id: str, number: int) -> str:
    """The element id of one finding in its article's highlighted text."""
    return f"{ANCHORS[kind]}-{article_id}-{number}"


def figure_reading(item: dict[str, Any]) -> str:
    """A figure as read: ``about 250 launcher``, ``225–275``, ``120 km range``."""
    if item.get("value") is not None:
        bound = item.get("bound")
        amount = f"{bound if bound not in (None, '=') else ''}{item['value']:g}"
    elif item.get("low") is not None and item.get("high") is not None:
        amount = f"{item['low']:g}–{item['high']:g}"
    else:
        amount = "?"
    return " ".join(p for p in (amount, item.get("unit") or "", item.get("thing") or "") if p)


def place_reading(item: dict[str, Any]) -> str:
    """A place as resolved: name, region and country, and its coordinates when known."""
    where = ", ".join(p for p in (item.get("name"), item.get("admin1"), item.get("country")) if p) or item["text"]
    if item.get("lat") is None or item.get("lon") is None:
        return f"{where} (unknown coordinates)"
    return f"{where} ({item['lat']:.2f}, {item['lon']:.2f})"


def describe(kind: str, item: dict[str, Any]) -> str:
    """A one-line tooltip for a finding marked in the text."""
    if kind == "quotes":
        speaker = (item.get("speaker") or {}).get("name") or "unknown speaker"
        return f"{item.get('kind')} quote · {speaker}"
    if kind == "quantities":
        return f"figure · {figure_reading(item)}"
    if kind == "times":
        return f"{str(item.get('type') or 'time').lower()} · {item.get('value') or 'not normalised'}"
    if kind == "places":
        return f"place · {place_reading(item)}"
    return f"claim · {item.get('asserter') or 'unknown'} · {item.get('stance')} · {item.get('modality')}"


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

"""Speakers: everyone quoted, keyed by normalised name, with all their quotes across stories.

A quote counts for the speaker its article names. When an article leaves a quote unattributed or
gives only a role ("the president said"), and a copy of it names the speaker, the link stage carries
that name over; such quotes are listed under the named speaker too, marked "attributed via a copy".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from crosswire.ledger import Ledger
from crosswire.model import Article, format_published
from crosswire.report.findings import WEB, carried_speakers
from crosswire.report.names import speaker_key, title_of, when

__all__ = ["speaker_page", "speakers_index"]


def _quotes(
    ledger: Ledger,
) -> Iterator[tuple[Article, int, dict[str, Any], dict[str, Any], dict[str, Any] | None]]:
    """Every quote with the speaker it counts for (twice when a copy names another speaker than its article)."""
    carried = carried_speakers(ledger)
    for article, findings in ledger.iter_extractions(kinds=["quotes"]):
        for number, quote in enumerate(findings.get("quotes", ())):
            speaker = quote.get("speaker") or {}
            via = carried.get((article.id, quote["start"]))
            if speaker.get("name"):
                yield article, number, quote, speaker, None
            if via is not None and (not speaker.get("name") or speaker_key(speaker["name"]) != via["key"]):
                yield article, number, quote, via, via


def speakers_index(ledger: Ledger) -> list[dict[str, Any]]:
    """Every named speaker with how many quotes (and how many of them came via a copy) and articles."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    quotes: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    for article, _, _, speaker, via in _quotes(ledger):
        key = speaker_key(speaker["name"])
        names[key][speaker["name"]] += 1
        quotes[key] += 1
        carried[key] += via is not None
        articles[key].add(article.id)
    return sorted(
        (
            {
                "key": key,
                "name": names[key].most_common(1)[0][0],
                "quotes": quotes[key],
                "carried": carried[key],
                "articles": len(articles[key]),
            }
            for key in names
        ),
        key=lambda s: (-s["quotes"], s["name"].casefold()),
    )


def speaker_page(ledger: Ledger, key: str) -> dict[str, Any] | None:
    """All quotes of one speaker (by key) across stories, or ``None`` when nobody has that key."""
    stories = ledger.story_assignments()
    labels: dict[str, str] = {}
    rows = []
    names: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for article, number, quote, speaker, via in _quotes(ledger):
        name = speaker["name"]
        if speaker_key(name) != key:
            continue
        names[name] += 1
        for part in (speaker.get("role"), speaker.get("org")):
            if part and part != name:
                roles[part] += 1
        story_id = stories.get(article.id)
        if story_id and story_id not in labels:
            story = ledger.get_story(story_id)
            labels[story_id] = (story or {}).get("label") or story_id
        rows.append(
            {
                "text": quote["text"],
                "kind": quote.get("kind"),
                "cue": quote.get("cue"),
                "article_id": article.id,
                "title": title_of(article),
                "outlet": article.outlet or "unknown outlet",
                "published": format_published(article.published),
                "when": when(article.published) or "undated",
                "story_id": story_id,
                "story": labels.get(story_id or ""),
                "href": WEB.finding("quotes", article.id, number),
                "carried": via,
                "named_here": (quote.get("speaker") or {}).get("name") if via else None,
            }
        )
    if not rows:
        return None
    rows.sort(key=lambda r: (r["story"] or "~", r["published"] or "~", r["href"]))
    return {
        "key": key,
        "name": names.most_common(1)[0][0],
        "roles": [r for r, _ in roles.most_common(5)],
        "quotes": rows,
        "carried": sum(1 for r in rows if r["carried"]),
    }

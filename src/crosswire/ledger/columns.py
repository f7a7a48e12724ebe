"""What every ledger implementation writes into its columns and reads back the same way.

The SQLite and the PostgreSQL ledger store the same values (times as sortable UTC text, lists as
case-folded lines, summaries as JSON), so the two give the same answers; these functions are
where those forms are decided. No SQL here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from crosswire.ledger.base import ArticleBrief, ArticleFilter, StoryFilter, story_search_text, summarise_story
from crosswire.model import Article, Published, Sighting, format_published, parse_published

__all__ = [
    "ARTICLE_COLUMNS",
    "ASSESSMENT_COLUMNS",
    "LINK_COLUMNS",
    "SummaryRow",
    "article_filter_values",
    "article_from_row",
    "article_row",
    "assessment_row",
    "claim_stances",
    "folded_lines",
    "hex_prefix_range",
    "known_metadata",
    "link_row",
    "now",
    "order_key",
    "published_utc",
    "record_json",
    "story_filter_values",
    "summary_rows",
]

SummaryRow = tuple[str, int, str | None, str | None, str, str, str, str, str]
"""A ``story_summaries`` row: story_id, revision, first_day, last_day, search, outlets, places, people, data."""


ARTICLE_COLUMNS = (
    "id",
    "text",
    "title",
    "outlet",
    "url",
    "published",
    "published_utc",
    "byline",
    "language",
    "words",
    "added_at",
)
"""The columns of ``articles`` a new article fills, in the order of :func:`article_row`."""
LINK_COLUMNS = (
    "id",
    "kind",
    "a_article",
    "a_start",
    "a_end",
    "b_article",
    "b_start",
    "b_end",
    "score",
    "direction",
    "data",
)
"""The columns of ``links``, in the order of :func:`link_row`."""
ASSESSMENT_COLUMNS = ("id", "story_id", "status", "independent", "data")
"""The columns of ``assessments``, in the order of :func:`assessment_row`."""


def article_row(article: Article, added_at: str) -> tuple[Any, ...]:
    """The values of :data:`ARTICLE_COLUMNS` for a new article."""
    return (
        article.id,
        article.text,
        article.title,
        article.outlet,
        article.url,
        format_published(article.published),
        published_utc(article.published),
        article.byline,
        article.language,
        len(article.text.split()),
        added_at,
    )


def known_metadata(article: Article) -> dict[str, str]:
    """The metadata columns an article gives a value for: what a later sighting may fill in where missing."""
    values = {
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "byline": article.byline,
        "language": article.language,
        "published_utc": published_utc(article.published),
        "published": format_published(article.published),
    }
    return {column: value for column, value in values.items() if value is not None}


def article_from_row(row: Any, sightings: Sequence[Sighting]) -> Article:
    """An article from a row of ``articles`` whose columns are read by name (``row["title"]``)."""
    return Article(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=parse_published(row["published"]),
        byline=row["byline"],
        language=row["language"],
        sightings=tuple(sightings),
    )


def link_row(link: Mapping[str, Any]) -> tuple[Any, ...]:
    """The values of :data:`LINK_COLUMNS` for a link record."""
    return (
        link["id"],
        link["kind"],
        link["a"]["article_id"],
        link["a"]["start"],
        link["a"]["end"],
        link["b"]["article_id"],
        link["b"]["start"],
        link["b"]["end"],
        link.get("score"),
        link.get("direction"),
        record_json(link),
    )


def assessment_row(assessment: Mapping[str, Any]) -> tuple[Any, ...]:
    """The values of :data:`ASSESSMENT_COLUMNS` for an assessment record."""
    a = assessment
    return (a["id"], a["story_id"], a["status"], a["independent"], record_json(a))


def record_json(record: Any) -> str:
    """A record as the JSON both ledgers store: a number that is not finite is written as null.

    Python writes such numbers as ``Infinity`` or ``NaN``, which are no JSON: SQLite's JSON functions
    and PostgreSQL's ``json`` type refuse them. The parsers keep numbers beyond any figure out of the
    findings (:data:`crosswire.text.numbers.MAX_FIGURE`), so this is a last guard, costing a second
    pass only for a record that holds one.
    """
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(record), ensure_ascii=False, allow_nan=False)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


def claim_stances(rows: Iterable[Sequence[Any]]) -> list[tuple[str, str | None]]:
    """(article id, stance) of each claim in rows of (article id, extraction as JSON text): what a
    ledger reads inside the database, read in Python for a record the database cannot read."""
    found: list[tuple[str, str | None]] = []
    for article_id, data in rows:
        claims = json.loads(data).get("claims")
        if isinstance(claims, list):
            found.extend((article_id, claim.get("stance") if isinstance(claim, dict) else None) for claim in claims)
    return found


def now() -> str:
    """The current time as stored (UTC, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def published_utc(value: Published) -> str | None:
    """A sortable UTC form: datetimes converted to UTC, dates taken as their start."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat() + "T00:00:00"


def order_key(article: Article) -> tuple[bool, str, str]:
    """Publication order as the ledger sorts it: by UTC time, undated last, ties by id."""
    published = published_utc(article.published)
    return (published is None, published or "", article.id)


def hex_prefix_range(prefix: str) -> tuple[str, str] | None:
    """The id range ``[low, high)`` a hexadecimal prefix covers; ``None`` when it is not hexadecimal.

    A range query instead of ``LIKE``: nothing in the prefix can act as a wildcard.
    """
    low = prefix.lower()
    if not low or any(c not in "0123456789abcdef" for c in low):
        return None
    return low, low[:-1] + chr(ord(low[-1]) + 1)


def folded_lines(values: Iterable[str]) -> str:
    """Values case-folded, one per line, with a newline on both ends (so ``\\nvalue\\n`` finds a whole one)."""
    return "\n" + "\n".join(v.casefold().replace("\n", " ") for v in values) + "\n"


def _folded(value: str) -> str:
    return value.casefold().replace("\n", " ")


def article_filter_values(where: ArticleFilter) -> list[tuple[str, str]]:
    """The tests an :class:`ArticleFilter` makes on ``articles``, as (test, value) pairs.

    Tests: ``outlet`` (equal, ignoring ASCII case), ``published_from`` (published at or after the
    value), ``published_before`` (before it), ``text`` (the lower-cased text or title holds the value).
    Each ledger writes them in its own SQL.
    """
    tests: list[tuple[str, str]] = []
    if where.outlet:
        tests.append(("outlet", where.outlet))
    if where.since:
        tests.append(("published_from", where.since.isoformat()))
    if where.until:
        tests.append(("published_before", date.fromordinal(where.until.toordinal() + 1).isoformat()))
    if where.text:
        tests.append(("text", where.text.lower()))
    return tests


def story_filter_values(where: StoryFilter) -> list[tuple[str, str]]:
    """The tests a :class:`StoryFilter` makes on ``story_summaries``, as (test, value) pairs.

    Tests: ``contains`` a column (``search``, ``outlets``, ``places``, ``people``, holding case-folded
    lines) the value; ``last_from`` (the story's last day is on or after the value); ``first_until``
    (its first day is on or before the value). Each ledger writes them in its own SQL.
    """
    tests: list[tuple[str, str]] = []
    if where.q:
        tests.append(("search", _folded(where.q)))
    if where.since:
        tests.append(("last_from", where.since.isoformat()))
    if where.until:
        tests.append(("first_until", where.until.isoformat()))
    if where.outlet:
        tests.append(("outlets", "\n" + _folded(where.outlet) + "\n"))
    if where.place:
        tests.append(("places", _folded(where.place)))
    if where.person:
        tests.append(("people", _folded(where.person)))
    return tests


def summary_rows(
    stories: Mapping[str, Mapping[str, Any]],
    members: Mapping[str, Sequence[str]],
    briefs: Mapping[str, ArticleBrief],
    statuses: Mapping[str, Mapping[str, int]],
    stances: Mapping[str, Sequence[str | None]],
    revision: int,
) -> list[SummaryRow]:
    """The ``story_summaries`` rows of some stories, from each story's record, its member articles' ids,
    their briefs, the story's claims by status and each article's extracted claims' stances.

    See :func:`~crosswire.ledger.base.summarise_story`.
    """
    rows: list[SummaryRow] = []
    for story_id, story in stories.items():
        ids = sorted(members.get(story_id, ()))
        mine = [briefs[a] for a in ids if a in briefs]
        summary = summarise_story(
            story, mine, statuses.get(story_id, {}), [s for a in ids for s in stances.get(a, ())], revision
        )
        rows.append(
            (
                story_id,
                revision,
                summary.first,
                summary.last,
                story_search_text(story, [brief.title for brief in mine]),
                folded_lines(summary.outlets),
                folded_lines(summary.places),
                folded_lines(summary.people),
                json.dumps(summary.as_dict(), ensure_ascii=False),
            )
        )
    return rows

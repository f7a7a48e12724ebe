"""The records every stage shares: articles, where they were seen, and evidence spans.

Records are frozen, slotted dataclasses. Each has ``as_dict()`` giving the plain JSON-ready
form used by the ledger, the exports and ``crosswire extract``. Character offsets are Python
string indices into ``Article.text`` exactly as stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

__all__ = [
    "Article",
    "Published",
    "Sighting",
    "Span",
    "article_id",
    "format_published",
    "headline",
    "normalise_for_id",
    "parse_published",
]

Published = datetime | date | None
"""A publication time: timezone-aware datetime, a bare date, or unknown (``None``)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}:{self.end}")

    def slice(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def as_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place an article was seen: the input it came from, and the URL and outlet given there."""

    source: str
    url: str | None = None
    outlet: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "url": self.url, "outlet": self.outlet}


@dataclass(frozen=True, slots=True)
class Article:
    """A news article as stored in the ledger.

    ``id`` is derived from the normalised text, so the same article read twice (from two files,
    or a feed and an archive) is one article with two sightings.
    """

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: Published = None
    byline: str | None = None
    language: str | None = None
    sightings: tuple[Sighting, ...] = field(default_factory=tuple)

    @classmethod
    def create(
        cls,
        text: str,
        *,
        source: str,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published: Published = None,
        byline: str | None = None,
        language: str | None = None,
    ) -> Article:
        """Build an article from raw text, cleaning line endings and deriving its id."""
        text = clean_text(text)
        return cls(
            id=article_id(text),
            text=text,
            title=_blank_to_none(title),
            outlet=_blank_to_none(outlet),
            url=_blank_to_none(url),
            published=published,
            byline=_blank_to_none(byline),
            language=_blank_to_none(language),
            sightings=(Sighting(source=source, url=_blank_to_none(url), outlet=_blank_to_none(outlet)),),
        )

    @property
    def source(self) -> str:
        """The first place this article was seen."""
        return self.sightings[0].source if self.sightings else ""

    def with_defaults(self, *, published: Published = None, outlet: str | None = None) -> Article:
        """Fill publication time and outlet where the input carried none."""
        if (published is None or self.published is not None) and (outlet is None or self.outlet):
            return self
        new_outlet = self.outlet or outlet
        sightings = tuple(replace(s, outlet=s.outlet or outlet) if outlet else s for s in self.sightings)
        return replace(
            self,
            published=self.published if self.published is not None else published,
            outlet=new_outlet,
            sightings=sightings,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": format_published(self.published),
            "byline": self.byline,
            "language": self.language,
            "text": self.text,
            "sightings": [s.as_dict() for s in self.sightings],
        }


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).replace("\x00", "").split())  # NUL, as in the text: no database keeps it everywhere
    return value or None


_NEWLINES = re.compile(r"\r\n?")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """The stored form of an article's text: Unix newlines, no trailing blanks, at most one blank line."""
    text = _NEWLINES.sub("\n", text).replace("\x00", "")
    text = _TRAILING_SPACE.sub("\n", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-"})
_WORDS = re.compile(r"\w+")


def normalise_for_id(text: str) -> str:
    """Text reduced to what makes two copies the same article: words, case-folded, NFKC."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_FOLD).casefold()
    return " ".join(_WORDS.findall(text))


def article_id(text: str) -> str:
    """A stable id for an article: the first 16 hex digits of SHA-256 over its normalised text."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def headline(title: str | None, text: str, fallback: str = "") -> str:
    """What an article is called: its title, else the start of its text's first line, else ``fallback``."""
    return title or text[:80].split("\n")[0] or fallback


def format_published(value: Published) -> str | None:
    """ISO 8601 form of a publication time (a date stays a date)."""
    if value is None:
        return None
    return value.isoformat()


def parse_published(value: object) -> Published:
    """Read a stored or given publication time back.

    Accepts ``None``, ``date``/``datetime`` objects and ISO 8601 strings; naive datetimes are
    read as UTC. Raises ``ValueError`` for anything else. (Free-form dates from inputs go
    through :func:`crosswire.ingest.dates.parse_date`, which is more forgiving.)
    """
    from datetime import UTC

    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if len(text) == 10:
        return date.fromisoformat(text)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

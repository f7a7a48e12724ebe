"""The records of the realnews set: annotated items, articles, stories and judged claim pairs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from crosswire.model import Article, Span

__all__ = [
    "ASSERTER_KINDS",
    "BOUNDS",
    "JUDGMENTS",
    "MODALITIES",
    "QUOTE_KINDS",
    "STANCES",
    "TIMEX_TYPES",
    "Frame",
    "GoldArticle",
    "GoldClaim",
    "GoldPlace",
    "GoldQuantity",
    "GoldQuote",
    "GoldTime",
    "Pair",
    "RealNewsSet",
    "Story",
]

QUOTE_KINDS = ("direct", "partial", "reported")
BOUNDS = ("=", "~", ">=", "<=", ">", "<")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
STANCES = ("asserted", "reported", "hedged", "doubted", "denied")
MODALITIES = ("done", "ongoing", "planned", "threatened", "hypothetical")
ASSERTER_KINDS = ("outlet", "speaker", "unnamed", "state_media", "organisation")
JUDGMENTS = ("agree", "conflict", "update", "dispute", "derive", "unrelated")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """A quotation: its content, who said it (the mention as written and the resolved name), its cue."""

    id: str
    span: Span
    kind: str
    speaker: Span | None
    name: str | None
    cue: Span | None
    continues: bool


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """A quantity: value or range, bound, unit (None for a count) and the thing counted or measured."""

    id: str
    span: Span
    value: float | None
    low: float | None
    high: float | None
    bound: str
    unit: str | None
    thing: str | None
    vague: bool  # a vague amount without a numeral ("dozens"): optional in scoring


@dataclass(frozen=True, slots=True)
class GoldTime:
    """A TIMEX3 time expression with its type, value and modifier."""

    id: str
    span: Span
    type: str
    value: str
    mod: str | None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """A toponym mention, resolved to a country, area and point, or unresolvable with a reason."""

    id: str
    span: Span
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    unresolvable: str | None


@dataclass(frozen=True, slots=True)
class Frame:
    """What a claim is about: the anchored thing, the attribute measured, its time and place."""

    about: str
    attribute: str
    time: str | None
    place: str | None

    @property
    def key(self) -> tuple[str, str]:
        """Two claims can agree, conflict, update or dispute only when these are equal."""
        return (self.about, self.attribute)


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """A checkable statement: who asserts it, the stance, the modality, its frame."""

    id: str
    span: Span
    asserter: str
    asserter_kind: str
    stance: str
    modality: str
    frame: Frame
    figure: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the set: the article as crosswire reads it and its annotations."""

    key: str  # "STORY/NAME"
    story: str
    path: Path
    article: Article
    quotes: tuple[GoldQuote, ...]
    quantities: tuple[GoldQuantity, ...]
    times: tuple[GoldTime, ...]
    places: tuple[GoldPlace, ...]
    claims: tuple[GoldClaim, ...]

    def claim(self, claim_id: str) -> GoldClaim | None:
        """The claim with this id, if the article has one."""
        return next((c for c in self.claims if c.id == claim_id), None)


@dataclass(frozen=True, slots=True)
class Pair:
    """A claim pair judged by hand: ``a`` and ``b`` are ``ARTICLE/CLAIM`` within one story."""

    a: str
    b: str
    judgment: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event told by several articles, with its judged claim pairs."""

    id: str
    title: str
    articles: tuple[GoldArticle, ...]
    pairs: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class RealNewsSet:
    """The whole set, story by story."""

    path: Path
    stories: tuple[Story, ...]

    @property
    def articles(self) -> list[GoldArticle]:
        """Every article, story by story."""
        return [a for s in self.stories for a in s.articles]

"""Stage 2, extract: every extractor over one article, with the evidence span of each item.

:func:`extract` is a pure function of one article (no ledger, no clock, no network), so it can
run in a process pool or on a distributed engine. It calls the extractors in this order:

::

    quotes       crosswire.extract.quotes.extractor       direct, partial and reported speech with speakers
    quantities   crosswire.extract.quantities.extractor   values, ranges, bounds, units, the thing counted
    times        crosswire.extract.times.extractor        TIMEX3 values relative to the publication date
    places       crosswire.extract.places.extractor       place names resolved to the offline gazetteer
    entities     crosswire.extract.entities.extractor     people, organisations, countries, media, weapons
    claims       crosswire.extract.claims.extractor       checkable statements with asserter, stance, modality
                                        (uses the five lists above)
    features     crosswire.link.stories.linker      what story clustering compares (from the lists above)

:meth:`Extraction.record` gives the output contract of ``crosswire extract`` (see
``docs/formats.md``): ``{id, source, title, outlet, published, text, quotes, quantities, times,
places, entities, claims}``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crosswire.extract.claims.extractor import Claim, extract_claims
from crosswire.extract.entities.extractor import Entity, extract_entities
from crosswire.extract.features import StoryFeatures, features_of
from crosswire.extract.places.extractor import Place, extract_places
from crosswire.extract.quantities.extractor import Quantity, extract_quantities
from crosswire.extract.quotes.extractor import Quote, extract_quotes
from crosswire.extract.times.extractor import TimeExpression, extract_times
from crosswire.model import Article, format_published
from crosswire.parallel import chunked

__all__ = ["EXTRACTION_VERSION", "KINDS", "Extraction", "ExtractionFailure", "extract", "extract_many"]

log = logging.getLogger(__name__)

EXTRACTION_VERSION = "3"
"""Changes whenever an extractor's output changes, so stored extractions are redone."""

KINDS = ("quotes", "quantities", "times", "places", "entities", "claims")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors found in one article."""

    article: Article
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    times: tuple[TimeExpression, ...]
    places: tuple[Place, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    features: StoryFeatures

    def findings(self) -> dict[str, list[dict[str, Any]]]:
        """The found items as plain dicts, by kind (what the ledger stores)."""
        return {kind: [item.as_dict() for item in getattr(self, kind)] for kind in KINDS}

    def stored(self) -> dict[str, Any]:
        """What the ledger keeps of an article's extraction: the findings and the story features."""
        return self.findings() | {"story_features": self.features.as_dict()}

    def record(self) -> dict[str, Any]:
        """The ``crosswire extract`` record: the article's metadata and text, then every finding."""
        return article_header(self.article) | self.findings()


def article_header(article: Article) -> dict[str, Any]:
    """The article fields that lead every extraction record."""
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "published": format_published(article.published),
        "text": article.text,
    }


Found = dict[str, Any]
"""What the extractors found so far in one article, by field of :class:`Extraction`."""


def extract(article: Article) -> Extraction:
    """Run every extractor on one article."""
    found: Found = {}
    for stage in _STAGES:
        found.update(stage(article, found))
    return Extraction(article=article, **found)


def _quotes(article: Article, found: Found) -> Found:
    return {"quotes": tuple(extract_quotes(article))}


def _quantities(article: Article, found: Found) -> Found:
    return {"quantities": tuple(extract_quantities(article))}


def _times(article: Article, found: Found) -> Found:
    return {"times": tuple(extract_times(article))}


def _places_and_entities(article: Article, found: Found) -> Found:
    # One stage: the entities recogniser asks for the article's places, which are then at hand.
    return {"places": tuple(extract_places(article)), "entities": tuple(extract_entities(article))}


def _claims(article: Article, found: Found) -> Found:
    claims = extract_claims(
        article,
        quotes=found["quotes"],
        quantities=found["quantities"],
        times=found["times"],
        places=found["places"],
        entities=found["entities"],
    )
    return {"claims": tuple(claims)}


def _features(article: Article, found: Found) -> Found:
    features = features_of(
        article,
        entities=found["entities"],
        places=found["places"],
        times=found["times"],
        quantities=found["quantities"],
    )
    return {"features": features}


_STAGES: tuple[Callable[[Article, Found], Found], ...] = (
    _quotes,
    _quantities,
    _times,
    _places_and_entities,
    _claims,
    _features,
)
"""The extractors in order, each given the article and what the earlier ones found in it."""


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An article an extractor failed on: reported and skipped, never fatal to the batch."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"extraction failed: {self.article.source} ({self.article.id}): {self.reason}"


def extract_many(articles: Iterable[Article], *, batch: int = 16) -> Iterator[Extraction | ExtractionFailure]:
    """Extract from each article, in order; an article that makes an extractor fail becomes a failure.

    Articles are taken ``batch`` at a time and each extractor runs over the whole batch before the
    next one starts: an extractor's code and tables stay in the processor's caches, which makes
    the whole extraction about a tenth faster than article by article, with the same results.
    """
    for chunk in chunked(articles, batch):
        yield from _extract_batch(chunk)


def _extract_batch(articles: list[Article]) -> Iterator[Extraction | ExtractionFailure]:
    found: list[Found] = [{} for _ in articles]
    failures: dict[int, ExtractionFailure] = {}
    for stage in _STAGES:
        for i, article in enumerate(articles):
            if i in failures:
                continue
            try:
                found[i].update(stage(article, found[i]))
            except Exception as exc:  # an extractor bug must not stop a batch of thousands
                log.exception("extraction failed for %s", article.id)
                failures[i] = ExtractionFailure(article, f"{type(exc).__name__}: {exc}")
    for i, article in enumerate(articles):
        yield failures[i] if i in failures else Extraction(article=article, **found[i])

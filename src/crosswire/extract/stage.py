"""Stage 2, extract: every extractor over one article, with the evidence span of each item.

:func:`extract` is a pure function of one article (no ledger, no clock, no network), so it can
run in a process pool or on a distributed engine. It builds one
:class:`~crosswire.text.document.Document` of the article, which every extractor reads, and runs
each extractor once, after those whose findings it requires
(:class:`~crosswire.extract.component.Extractor` declares ``requires`` and ``assigns``):

::

    extractor    requires                                   assigns     module
    places       -                                          places      extract/places/extractor.py
    entities     places                                     entities    extract/entities/extractor.py
    quotes       entities                                   quotes      extract/quotes/extractor.py
    quantities   -                                          quantities  extract/quantities/extractor.py
    times        -                                          times       extract/times/extractor.py
    claims       quotes quantities times places entities    claims      extract/claims/extractor.py
    features     quantities times places entities           features    extract/features.py

:meth:`Extraction.record` gives the output contract of ``crosswire extract`` (see
``docs/formats.md``): ``{id, source, title, outlet, published, text, quotes, quantities, times,
places, entities, claims}``.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from crosswire.budget import DEFAULT_BUDGET, BudgetExceeded, cpu_budget
from crosswire.extract.claims.extractor import CLAIMS, Claim
from crosswire.extract.component import Extractor, Found, run_order
from crosswire.extract.entities.extractor import ENTITIES, Entity
from crosswire.extract.features import FEATURES, StoryFeatures
from crosswire.extract.places.extractor import PLACES, Place
from crosswire.extract.quantities.extractor import QUANTITIES, Quantity
from crosswire.extract.quotes.extractor import QUOTES, Quote
from crosswire.extract.times.extractor import TIMES, TimeExpression
from crosswire.model import Article, format_published
from crosswire.parallel import chunked
from crosswire.text.document import Document

__all__ = [
    "EXTRACTION_VERSION",
    "EXTRACTORS",
    "KINDS",
    "Extraction",
    "ExtractionFailure",
    "extract",
    "extract_many",
    "findings",
    "story_features",
]

log = logging.getLogger(__name__)

EXTRACTION_VERSION = "4"
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


EXTRACTORS: tuple[Extractor, ...] = run_order(
    [QUOTES, QUANTITIES, TIMES, PLACES, ENTITIES, CLAIMS, FEATURES],
)
"""Every extractor, each after the ones whose findings it requires (see the module docstring)."""


def extract(article: Article) -> Extraction:
    """Run every extractor on one article, over one :class:`~crosswire.text.document.Document`."""
    doc = Document(article)
    found: Found = {}
    with _collector_paused():
        for extractor in EXTRACTORS:
            found.update(extractor.run(doc, found))
    return Extraction(article=article, **found)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while extractors run: they allocate many small
    objects and make no reference cycles worth chasing, and its collections cost about a tenth of
    the extraction time; what a batch leaves is collected once it is done."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def findings(source: Article | Document, wanted: Iterable[str]) -> Found:
    """The findings named in ``wanted``, running only the extractors they need (and those they require)."""
    doc = Document.of(source)
    found: Found = {}
    for extractor in run_order(EXTRACTORS, wanted):
        found.update(extractor.run(doc, found))
    return found


def story_features(article: Article) -> StoryFeatures:
    """The story features of a lone article, running the extractors they are made from."""
    features: StoryFeatures = findings(article, ["features"])["features"]
    return features


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """An article an extractor failed on: reported and skipped, never fatal to the batch."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"extraction failed: {self.article.source} ({self.article.id}): {self.reason}"


def extract_many(
    articles: Iterable[Article], *, batch: int = 16, budget: float | None = DEFAULT_BUDGET
) -> Iterator[Extraction | ExtractionFailure]:
    """Extract from each article, in order; an article that makes an extractor fail becomes a failure.

    Articles are taken ``batch`` at a time and each extractor runs over the whole batch before the
    next one starts: an extractor's code and tables stay in the processor's caches, which makes
    the whole extraction about a tenth faster than article by article, with the same results.

    Each article may take ``budget`` seconds of processor time over all extractors (``None``: no
    limit; see :mod:`crosswire.budget`); past it, it becomes a failure too.
    """
    for chunk in chunked(articles, batch):
        yield from _extract_batch(chunk, budget)


_warmed = False


def _warm_up() -> None:
    """Load every extractor's tables once per process, outside any article's time budget."""
    global _warmed
    if not _warmed:
        _warmed = True
        extract(Article.create("Officials in Paris said on Monday that 250 troops had arrived.", source="warm-up"))


def _extract_batch(articles: list[Article], budget: float | None) -> Iterator[Extraction | ExtractionFailure]:
    if budget:
        _warm_up()
    docs = [Document(article) for article in articles]
    found: list[Found] = [{} for _ in articles]
    failures: dict[int, ExtractionFailure] = {}
    left = [budget or 0.0 for _ in articles]
    with _collector_paused():
        for extractor in EXTRACTORS:
            for i, doc in enumerate(docs):
                if i in failures:
                    continue
                started = time.process_time()
                try:
                    with cpu_budget(max(left[i], 1e-3) if budget else None):
                        found[i].update(extractor.run(doc, found[i]))
                except BudgetExceeded:
                    log.warning("extraction of %s stopped: over its time budget", doc.article.id)
                    failures[i] = ExtractionFailure(
                        doc.article,
                        f"over the time budget of {budget:g} s of processor time"
                        f" ({len(doc.article.text):,} characters)",
                    )
                except Exception as exc:  # an extractor bug must not stop a batch of thousands
                    log.info("extraction failed for %s", doc.article.id, exc_info=exc)  # the traceback with --verbose
                    failures[i] = ExtractionFailure(doc.article, f"{type(exc).__name__}: {exc}")
                left[i] -= time.process_time() - started
    for i, article in enumerate(articles):
        yield failures[i] if i in failures else Extraction(article=article, **found[i])

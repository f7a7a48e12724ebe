"""Reviewed claims as schema.org ``ClaimReview`` JSON-LD, for fact-checkers' publishing tools.

One object per claim an analyst reviewed (review state ``checking`` or ``checked``):

- ``claimReviewed``: the claim's words (the assessment's label); ``url``: where the desk shows it
  (``SITE/stories/STORY#claim-ID``); ``datePublished``: the day of the review;
- ``author``: the organisation that publishes the review (``publisher``), the analyst who reviewed
  it as the rating's ``author``;
- ``reviewRating``: the review state as ``name``, the analyst's note as ``alternateName`` (the
  short verdict a reader sees; the state when there is no note) and, with the assessment's status
  and counts, as ``ratingExplanation``. crosswire's review states are steps of the desk's work,
  not a scale of truth, so no ``ratingValue`` is invented;
- ``itemReviewed``: the ``Claim``, with who asserts it (``author``), the day it first appeared,
  every article that carries it (``appearance``) and the earliest (``firstAppearance``), each a
  ``NewsArticle`` with its address, headline, day and outlet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from crosswire.ledger import Ledger
from crosswire.model import Article, format_published

__all__ = ["DEFAULT_PUBLISHER", "DEFAULT_SITE", "REVIEWED_STATES", "claim_review", "claim_reviews"]

DEFAULT_SITE = "http://127.0.0.1:8000"
DEFAULT_PUBLISHER = "crosswire"
REVIEWED_STATES = ("checking", "checked")
CONTEXT = "https://schema.org"


def claim_reviews(
    ledger: Ledger, *, site: str = DEFAULT_SITE, publisher: str = DEFAULT_PUBLISHER
) -> Iterator[dict[str, Any]]:
    """A ``ClaimReview`` for every reviewed claim of the ledger, by story."""
    for assessment in ledger.iter_assessments():
        review = assessment.get("review") or {}
        if review.get("state") not in REVIEWED_STATES:
            continue
        ids = [s["article_id"] for s in assessment.get("supporting", ())]
        articles = {a: found for a in dict.fromkeys(ids) if (found := ledger.get_article(a)) is not None}
        yield claim_review(assessment, articles, site=site, publisher=publisher)


def claim_review(
    assessment: Mapping[str, Any],
    articles: Mapping[str, Article],
    *,
    site: str = DEFAULT_SITE,
    publisher: str = DEFAULT_PUBLISHER,
) -> dict[str, Any]:
    """One reviewed claim assessment as a ``ClaimReview`` (``articles``: the articles of its supporting sources)."""
    review = assessment.get("review") or {}
    state = str(review.get("state") or "unreviewed")
    note = review.get("note")
    supporting = list(assessment.get("supporting", ()))
    ids = dict.fromkeys(s["article_id"] for s in supporting)
    carried = sorted(
        (articles[a] for a in ids if a in articles),
        key=lambda a: (a.published is None, format_published(a.published) or "", a.id),
    )
    first = carried[0] if carried else None
    rating: dict[str, Any] = {
        "@type": "Rating",
        "name": state,
        "alternateName": note or state,
        "ratingExplanation": _explanation(assessment, note),
    }
    if review.get("by"):
        rating["author"] = {"@type": "Person", "name": review["by"]}
    claim: dict[str, Any] = {"@type": "Claim", "appearance": [_work(a) for a in carried]}
    if supporting:
        claim["author"] = _asserter(supporting[0])
    if first is not None:
        claim["firstAppearance"] = _work(first)
        if first.published is not None:
            claim["datePublished"] = format_published(first.published)
    found: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"{site.rstrip('/')}/stories/{assessment.get('story_id')}#claim-{assessment.get('id')}",
        "claimReviewed": assessment.get("label") or assessment.get("key") or "",
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": rating,
        "itemReviewed": claim,
    }
    if review.get("at"):
        found["datePublished"] = str(review["at"])[:10]
    return found


def _explanation(assessment: Mapping[str, Any], note: str | None) -> str:
    independent = int(assessment.get("independent") or 0)
    outlets = int(assessment.get("outlets") or 0)
    counted = f"{independent} independent source{'s' if independent != 1 else ''}"
    if outlets:
        counted += f" across {outlets} outlet{'s' if outlets != 1 else ''}"
    summary = f"crosswire assessed the claim {assessment.get('status')}: {counted}."
    return f"{note} ({summary})" if note else summary


def _asserter(source: Mapping[str, Any]) -> dict[str, Any]:
    """Who asserts a claim: a person for a named person's origin, else an organisation."""
    kind = "Person" if str(source.get("origin") or "").startswith("person:") else "Organization"
    return {"@type": kind, "name": source.get("asserter") or "unknown"}


def _work(article: Article) -> dict[str, Any]:
    """An article as a schema.org ``NewsArticle``."""
    work: dict[str, Any] = {"@type": "NewsArticle", "identifier": article.id}
    if article.url:
        work["url"] = article.url
    if article.title:
        work["headline"] = article.title
    if article.published is not None:
        work["datePublished"] = format_published(article.published)
    if article.outlet:
        work["publisher"] = {"@type": "Organization", "name": article.outlet}
    return work

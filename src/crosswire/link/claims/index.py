"""Claim links and assessments kept per story, updated for what a new article brings.

:class:`ClaimIndex` reads each article's claims once (:func:`~crosswire.link.claims.linker.read_article`)
and keeps, per story, its claim links, its derivations and the assessment of each claim group.
When a story changes (:meth:`ClaimIndex.update_story`: a new article joins it, two stories merge,
or a story is split), only what is new is aligned:

- pairs of claims from two articles that were in one story before keep the links found then;
- pairs with an article new to the story, or from two stories that merged, are aligned now
  (:func:`~crosswire.link.claims.linker.align_readings` with ``known``);
- derivations, which read the whole story, are found again (they are few and cheap);
- a claim group keeps its assessment when its claims, their origins and the claims against it are
  unchanged (:func:`~crosswire.link.assess.assess_groups` with ``earlier``), and is assessed
  again otherwise.

The result of a change (:class:`StoryChange`) says which links and assessments to add and which
to remove, so that what is stored changes by what changed. It is the same as aligning and
assessing the story from scratch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from crosswire.desk.outlets import Register
from crosswire.link.assess import ClaimAssessment, ClaimSource, Inputs, assess_groups
from crosswire.link.claims.intervals import Interval
from crosswire.link.claims.keys import ClaimReading, Figure
from crosswire.link.claims.linker import ArticleClaims, ClaimLink, StoryReadings, align_readings, link_key, read_article
from crosswire.link.copies.linker import Link, LinkEnd
from crosswire.link.state import Items, compact
from crosswire.model import Published

__all__ = ["ArticleReadings", "ClaimIndex", "StoryChange", "StoryClaims", "assessment_changes"]

compact(ClaimReading, Figure, Interval, ClaimLink, Link, LinkEnd, ClaimAssessment, ClaimSource, ArticleClaims)

log = logging.getLogger(__name__)

_KEPT_FIELDS = (
    "start",
    "end",
    "text",
    "asserter",
    "asserter_kind",
    "stance",
    "modality",
    "cue",
    "event",
    "subject",
    "thing",
    "key",
    "corrected",
)
"""What alignment and assessment read of a claim once it is read (quantities become figures; an
analyst's corrections, shown with the claim)."""
_PLACE_FIELDS = ("text", "name", "country")
"""What a claim's frame reads of each of its places."""


@dataclass(slots=True)
class ArticleReadings:
    """One article's claims, read: its id, publication time, outlet, quote speakers and readings."""

    article: ArticleClaims
    readings: list[ClaimReading]


@dataclass(slots=True)
class StoryClaims:
    """What is kept of one story: its articles, claim links, derivations and group assessments."""

    members: frozenset[str]
    links: dict[tuple[Any, ...], ClaimLink] = field(default_factory=dict)
    derived: list[ClaimLink] = field(default_factory=list)
    assessed: dict[Inputs, ClaimAssessment] = field(default_factory=dict)


@dataclass(slots=True)
class StoryChange:
    """What changed in one story: links to store and ids of links to remove; its assessments now
    and those of the stories it was made from (a group may move between stories changed in one
    run, so what to remove is decided over all of them: :func:`assessment_changes`)."""

    links: list[ClaimLink] = field(default_factory=list)
    removed_links: list[str] = field(default_factory=list)
    assessments: dict[str, ClaimAssessment] = field(default_factory=dict)
    earlier_assessments: dict[str, ClaimAssessment] = field(default_factory=dict)
    aligned_pairs: int = 0
    """How many pairs of articles were aligned now (the rest kept their links)."""
    assessed_groups: int = 0
    """How many claim groups were assessed now (the rest kept their assessment)."""


class ClaimIndex:
    """Every article's claims read once, and each story's claim links and assessments."""

    def __init__(self) -> None:
        self.story_of: dict[str, str] = {}
        """Article id -> the story it was aligned in last."""
        self._articles: Items[ArticleReadings] = Items()
        self._stories: Items[StoryClaims] = Items()
        self._originals: dict[str, StoryClaims | None] = {}
        """The stories' records as they were before the changes made since :meth:`stores`."""

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = {"story_of": self.story_of}
        if not self._articles.stored:
            state["_articles"], state["_stories"] = self._articles, self._stories
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.story_of = state["story_of"]
        self._articles = state.get("_articles", Items())
        self._stories = state.get("_stories", Items())
        self._originals = {}

    def attach(self, articles: Items[ArticleReadings], stories: Items[StoryClaims]) -> None:
        """Keep the records in these stores (read from the ledger on demand)."""
        self._articles, self._stories = articles, stories

    def stores(self) -> tuple[Items[ArticleReadings], Items[StoryClaims]]:
        """The records per article and per story (the changes made so far count as saved)."""
        self._originals.clear()
        return self._articles, self._stories

    def add_article(
        self,
        article_id: str,
        published: Published,
        outlet: str | None,
        claims: Sequence[Mapping[str, Any]],
        quotes: Sequence[Mapping[str, Any]] = (),
        *,
        url: str | None = None,
    ) -> None:
        """Read an article's claims (stored dicts, as extracted) and keep them (``url`` for the register)."""
        # what the assessment reads of a story's quotes: officials by role, and named speakers
        # quoted with the organisation they speak for
        speakers = tuple(
            {"speaker": {key: q["speaker"].get(key) for key in ("name", "role", "org", "kind")}}
            for q in quotes
            if q.get("speaker") and (q["speaker"].get("role") or q["speaker"].get("org"))
        )
        article = ArticleClaims(
            id=article_id, published=published, outlet=outlet, claims=tuple(claims), quotes=speakers, url=url
        )
        readings = [
            ClaimReading(r.article_id, r.index, _slim(r.claim), r.event, r.object_head, r.anchors, r.figures)
            for r in read_article(article)
        ]
        kept = ArticleClaims(id=article_id, published=published, outlet=outlet, claims=(), quotes=speakers, url=url)
        self._articles[article_id] = ArticleReadings(kept, readings)

    def update_story(
        self,
        story_id: str,
        members: Iterable[str],
        copy_links: Iterable[Link | Mapping[str, Any]],
        *,
        register: Register | None = None,
        fresh: bool = False,
    ) -> StoryChange:
        """Align and assess a story whose articles changed; say what to store and what to remove.

        ``members`` come in publication order; ``copy_links`` are the copy links among them (for
        folding sources); ``register`` folds outlets into origins. ``fresh`` aligns and assesses
        the whole story again, keeping nothing from before (an analyst's correction changed what
        its claims say or where they come from).
        """
        ids = list(dict.fromkeys(members))
        self._articles.prefetch(ids)
        before_keys = sorted({self.story_of[a] for a in ids if a in self.story_of})
        self._stories.prefetch(before_keys)
        # as they were before this run: a story changed earlier in the run may have taken the key
        before = {key: record for key in before_keys if (record := self._original(key)) is not None}
        known: dict[str, object] = {}
        kept: dict[tuple[Any, ...], ClaimLink] = {}
        earlier: dict[Inputs, ClaimAssessment] = {}
        old_links: dict[str, ClaimLink] = {}
        old_assessments: dict[str, ClaimAssessment] = {}
        inside = set(ids)
        for key, record in before.items():
            for article_id in record.members & inside:
                if not fresh and self.story_of.get(article_id) == key:
                    known[article_id] = key
            for link in (*record.links.values(), *record.derived):
                if link.a.article_id in inside or link.b.article_id in inside:
                    old_links[link.id] = link
            if not fresh:
                for link_k, link in record.links.items():
                    if known.get(link.a.article_id) == key and known.get(link.b.article_id) == key:
                        kept[link_k] = link
                earlier.update(record.assessed)
            old_assessments.update((a.id, a) for a in record.assessed.values())
        records = {a: self._articles[a] for a in ids}
        story = StoryReadings.of([r.article for r in records.values()], {a: r.readings for a, r in records.items()})
        found, derived = align_readings(story, known=known)
        links = dict(kept)
        for link in found:
            found_key = link_key(link)
            if found_key not in links or link.score > links[found_key].score:
                links[found_key] = link
        every = sorted([*links.values(), *derived], key=link_key)
        assessed = assess_groups(story, every, copy_links, story_id=story_id, earlier=earlier, register=register)
        self._original(story_id)
        self._stories[story_id] = StoryClaims(frozenset(ids), links, derived, assessed)
        for article_id in ids:
            self.story_of[article_id] = story_id
        change = StoryChange(
            links=[link for link in every if old_links.get(link.id) != link],
            removed_links=sorted(set(old_links) - {link.id for link in every}),
            assessments={a.id: a for a in assessed.values()},
            earlier_assessments=old_assessments,
            aligned_pairs=_pairs(known, ids),
            assessed_groups=sum(1 for inputs in assessed if inputs not in earlier),
        )
        return change

    def _original(self, story_id: str) -> StoryClaims | None:
        if story_id not in self._originals:
            self._originals[story_id] = self._stories.get(story_id)
        return self._originals[story_id]

    def held(self, article_ids: Iterable[str]) -> list[str]:
        """Those of ``article_ids`` whose readings the index holds (in the order given)."""
        ids = list(article_ids)
        self._articles.prefetch(ids)
        return [a for a in ids if a in self._articles]

    def forget(self, article_ids: Iterable[str]) -> None:
        """Forget articles' readings (their text changed); the stories they left are updated without them."""
        for article_id in article_ids:
            if self.story_of.pop(article_id, None) is not None or article_id in self._articles:
                del self._articles[article_id]

    def forget_stories(self, story_ids: Iterable[str]) -> None:
        """Drop the records of stories that no longer exist (merged into others, or renamed)."""
        for story_id in story_ids:
            if self._stories.get(story_id) is not None:
                self._original(story_id)
                del self._stories[story_id]

    def story(self, story_id: str) -> StoryClaims | None:
        """What is kept of a story."""
        return self._stories.get(story_id)


def assessment_changes(changes: Iterable[StoryChange]) -> tuple[list[ClaimAssessment], list[str]]:
    """Over the stories changed in one run: the assessments to store, and the ids to remove."""
    now: dict[str, ClaimAssessment] = {}
    before: dict[str, ClaimAssessment] = {}
    for change in changes:
        now.update(change.assessments)
        before.update(change.earlier_assessments)
    stored = [a for key, a in now.items() if before.get(key) != a]
    return stored, sorted(before.keys() - now.keys())


def _slim(claim: Mapping[str, Any]) -> dict[str, Any]:
    kept = {name: claim[name] for name in _KEPT_FIELDS if name in claim}
    kept["times"] = [{"value": t.get("value")} for t in claim.get("times") or () if t.get("value")]
    if claim.get("places"):  # a claim's frame reads its places (claims.frames)
        kept["places"] = [{k: p[k] for k in _PLACE_FIELDS if p.get(k)} for p in claim["places"]]
    return kept


def _pairs(known: Mapping[str, object], ids: Sequence[str]) -> int:
    """Pairs of articles aligned now: all but those of one group known before."""
    groups: dict[object, int] = {}
    for article_id in ids:
        group = known.get(article_id)
        if group is not None:
            groups[group] = groups.get(group, 0) + 1
    total = len(ids) * (len(ids) - 1) // 2
    return total - sum(n * (n - 1) // 2 for n in groups.values())

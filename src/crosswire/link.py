"""Stage 3, link: relate articles to each other, incrementally.

Only articles not yet linked are processed; each linker keeps its state in the ledger, so a new
article is compared with what came before without redoing it:

::

    copies       crosswire.copies       duplicate, near_duplicate, shared_passage (MinHash LSH)
    stories      crosswire.stories      articles grouped into stories (incremental clustering)
    quotes       crosswire.quote_links  same_quote, quote_variant across articles
    claims       crosswire.claim_links  agrees, conflicts, disputes, derives — per story, and
                 crosswire.assess       each claim's independent sources and status

Claim links and assessments are recomputed for every story a new article joins; everything
else only grows. All of a run's results are written in one transaction: a run killed midway
leaves the ledger as it was, and running it again completes it.
"""

from __future__ import annotations

import json
import logging
import pickle
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from crosswire.copies import CopyIndex, CopyOptions, Link
from crosswire.ledger import LinkUpdate, SQLiteLedger
from crosswire.stories import StoryClusterer, StoryOptions
from crosswire.story_features import StoryFeatures

__all__ = ["LINK_VERSION", "LinkOptions", "LinkSummary", "link_stage"]

log = logging.getLogger(__name__)

LINK_VERSION = "1"
"""Changes whenever a linker's output changes: links are then rebuilt from scratch."""


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Settings of the linkers (defaults suit news)."""

    copies: CopyOptions = field(default_factory=CopyOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)

    def fingerprint(self) -> str:
        """Identifies the settings: state saved under other settings is not reused."""
        return f"{LINK_VERSION}:{self.copies!r}:{self.stories!r}"


@dataclass(slots=True)
class LinkSummary:
    """What a linking run did."""

    articles: int = 0
    links: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    touched_stories: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "links": dict(sorted(self.links.items())),
            "stories": self.stories,
            "touched_stories": self.touched_stories,
        }


Progress = Callable[[str, int, int], None]


def link_stage(
    ledger: SQLiteLedger, options: LinkOptions | None = None, *, progress: Progress | None = None
) -> LinkSummary:
    """Link every extracted article not linked yet, and store the results."""
    options = options or LinkOptions()
    version = options.fingerprint()
    copies = _load(ledger, "copies", version)
    stories = _load_stories(ledger, version)
    if copies is None or stories is None:
        # No usable saved state (first run, or other settings/version): relink everything.
        ledger.reset_links()
        copies, stories = CopyIndex(options.copies), StoryClusterer(options.stories)
    done = ledger.linked_ids(version)
    everything = list(ledger.iter_extractions())
    quoted = {a.id: [(q["start"], q["end"], q["kind"]) for q in f.get("quotes", ())] for a, f in everything}
    texts = {a.id: a.text for a, _ in everything}
    todo = [(a, f) for a, f in everything if a.id not in done]
    summary = LinkSummary(articles=len(todo))
    update = LinkUpdate(version=version, linked=[a.id for a, _ in todo])
    if todo:
        # 1. copies
        for number, (article, _) in enumerate(todo, start=1):
            update.links.extend(
                link.as_dict() for link in copies.add(article) if not _only_quote(link, quoted, texts)
            )
            if progress is not None:
                progress(article.title or article.id, number, len(todo))
        # 2. stories
        features = [(a, StoryFeatures.from_dict(f["story_features"])) for a, f in todo]
        joined = stories.add_many(features)
        update.stories = [story.as_dict() for story in stories.stories()]
        update.assignments = stories.assignments()
        touched = sorted(set(joined.values()))
        summary.touched_stories = len(touched)
        update.states = {
            "copies": (version, pickle.dumps(copies, protocol=pickle.HIGHEST_PROTOCOL)),
            "stories": (version, json.dumps(stories.snapshot()).encode("utf-8")),
        }
    ledger.apply_links(update)
    summary.links.update(link["kind"] for link in update.links)
    summary.stories = len(update.stories) if update.stories is not None else len(list(ledger.iter_stories()))
    return summary


SHORT_PASSAGE_WORDS = 20
"""A shared passage shorter than this inside reported speech is the same statement retold, not a copy."""


def _only_quote(link: Link, quoted: dict[str, list[tuple[int, int, str]]], texts: dict[str, str]) -> bool:
    """A passage that is a quotation on either side: a statement repeated, not a copy (quote links say so).

    Reported speech counts too when the passage is short: two outlets paraphrasing one speech
    share its phrases without one copying the other.
    """
    if link.kind != "shared_passage":
        return False
    slack = 3  # the quotation marks and a comma around the quoted words
    short = len(texts[link.a.article_id][link.a.start : link.a.end].split()) < SHORT_PASSAGE_WORDS
    return any(
        any(
            start - slack <= end.start and end.end <= stop + slack and (kind != "reported" or short)
            for start, stop, kind in quoted.get(end.article_id, ())
        )
        for end in (link.a, link.b)
    )


def _load(ledger: SQLiteLedger, name: str, version: str) -> Any:
    # The state is the ledger's own (written by link_stage above), so unpickling it is trusted.
    data = ledger.load_state(name, version)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, AttributeError, EOFError, ImportError) as exc:
        log.warning("saved %s state is unreadable (%s); relinking from scratch", name, exc)
        return None


def _load_stories(ledger: SQLiteLedger, version: str) -> StoryClusterer | None:
    data = ledger.load_state("stories", version)
    if data is None:
        return None
    try:
        return StoryClusterer.restore(json.loads(data))
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("saved story state is unreadable (%s); relinking from scratch", exc)
        return None

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

from crosswire.assess import assess
from crosswire.claim_links import ArticleClaims, align_claims
from crosswire.copies import CopyIndex, CopyOptions, Link
from crosswire.ledger import LinkUpdate, SQLiteLedger
from crosswire.model import Article
from crosswire.quote_links import QuoteIndex, QuoteOptions, resolve_speakers
from crosswire.quotes import Quote
from crosswire.speakers import Speaker
from crosswire.stories import StoryClusterer, StoryOptions
from crosswire.story_features import StoryFeatures

__all__ = ["LINK_VERSION", "LinkOptions", "LinkSummary", "link_stage"]

log = logging.getLogger(__name__)

LINK_VERSION = "1"

COPY_KINDS = ("duplicate", "near_duplicate", "shared_passage")
CLAIM_KINDS = ("agrees", "conflicts", "disputes", "derives")
"""Changes whenever a linker's output changes: links are then rebuilt from scratch."""


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Settings of the linkers (defaults suit news)."""

    copies: CopyOptions = field(default_factory=CopyOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    quotes: QuoteOptions = field(default_factory=QuoteOptions)

    def fingerprint(self) -> str:
        """Identifies the settings: state saved under other settings is not reused."""
        return f"{LINK_VERSION}:{self.copies!r}:{self.stories!r}:{self.quotes!r}"


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
    quotes = _load(ledger, "quotes", version)
    stories = _load_stories(ledger, version)
    if copies is None or quotes is None or stories is None:
        # No usable saved state (first run, or other settings/version): relink everything.
        ledger.reset_links()
        copies, quotes = CopyIndex(options.copies), QuoteIndex(options.quotes)
        stories = StoryClusterer(options.stories)
    done = ledger.linked_ids(version)
    everything = list(ledger.iter_extractions())
    quoted = {a.id: [(q["start"], q["end"], q["kind"]) for q in f.get("quotes", ())] for a, f in everything}
    texts = {a.id: a.text for a, _ in everything}
    todo = [(a, f) for a, f in everything if a.id not in done]
    summary = LinkSummary(articles=len(todo))
    update = LinkUpdate(version=version, linked=[a.id for a, _ in todo])
    if todo:
        # 1. copies
        related: dict[str, set[str]] = {a.id: set() for a, _ in todo}
        for number, (article, _) in enumerate(todo, start=1):
            for link in copies.add(article):
                if _only_quote(link, quoted, texts):
                    continue
                update.links.append(link.as_dict())
                related[article.id].update((link.a.article_id, link.b.article_id))
            if progress is not None:
                progress(article.title or article.id, number, len(todo))
        # 2. stories
        features = [(a, StoryFeatures.from_dict(f["story_features"])) for a, f in todo]
        joined = stories.add_many(features)
        update.stories = [story.as_dict() for story in stories.stories()]
        update.assignments = stories.assignments()
        touched = sorted(set(joined.values()))
        summary.touched_stories = len(touched)
        # 3. quotes: verbatim repeats anywhere (one incremental index), and every quote link
        #    inside each touched story recomputed from scratch in publication order, so that
        #    the result does not depend on how articles arrived in batches.
        for article, found in todo:
            quotes.add(article, [_quote(q) for q in found.get("quotes", ())])
        members: dict[str, list[str]] = {}
        for article_id, story in sorted(update.assignments.items()):
            members.setdefault(story, []).append(article_id)
        by_id = {a.id: (a, f) for a, f in everything}
        replaced: set[str] = {m for story in touched for m in members.get(story, ())}
        carried: dict[tuple[str, int], dict[str, Any]] = {}
        for story in touched:
            in_story = sorted((by_id[m] for m in members.get(story, ()) if m in by_id), key=lambda i: _order(i[0]))
            local = QuoteIndex(options.quotes)
            ids = {a.id for a, _ in in_story}
            for article, found in in_story:
                local.add(article, [_quote(q) for q in found.get("quotes", ())], related=ids - {article.id})
            update.links.extend(link.as_dict() for link in local.links())
            carried.update(resolve_speakers(local))
        update.links.extend(
            link.as_dict()
            for link in quotes.links()
            if link.kind == "same_quote" and (link.a.article_id in replaced or link.b.article_id in replaced)
        )
        update.replace_kinds = ("same_quote", "quote_variant")
        update.replace_articles = sorted(replaced)
        previous = json.loads(ledger.load_state("speakers", version) or b"[]")
        kept = [c for c in previous if c["article_id"] not in replaced]
        speakers = kept + [
            {"article_id": article_id, "start": start, "speaker": speaker}
            for (article_id, start), speaker in sorted(carried.items())
        ]
        # 4. claims: agreement, conflict, dispute, derivation, and independent sources, per touched story
        copy_links = [link for link in update.links if link["kind"] in COPY_KINDS]
        for kind in COPY_KINDS:
            copy_links.extend(ledger.iter_links(kind=kind))
        for story in touched:
            in_story = sorted((by_id[m] for m in members.get(story, ()) if m in by_id), key=lambda i: _order(i[0]))
            claims_of = [
                ArticleClaims(
                    id=article.id,
                    published=article.published,
                    outlet=article.outlet,
                    claims=tuple(found.get("claims", ())),
                    quotes=tuple(found.get("quotes", ())),
                )
                for article, found in in_story
            ]
            ids = {a.id for a in claims_of}
            aligned = align_claims(claims_of)
            update.links.extend(link.as_dict() for link in aligned)
            story_copies = [c for c in copy_links if c["a"]["article_id"] in ids and c["b"]["article_id"] in ids]
            update.assessments.extend(
                assessment.as_dict() for assessment in assess(claims_of, aligned, story_copies, story_id=story)
            )
        update.assessed_stories = list(touched)
        update.replace_kinds += CLAIM_KINDS
        update.states = {
            "copies": (version, pickle.dumps(copies, protocol=pickle.HIGHEST_PROTOCOL)),
            "quotes": (version, pickle.dumps(quotes, protocol=pickle.HIGHEST_PROTOCOL)),
            "stories": (version, json.dumps(stories.snapshot()).encode("utf-8")),
            "speakers": (version, json.dumps(speakers).encode("utf-8")),
        }
    ledger.apply_links(update)
    summary.links.update(link["kind"] for link in update.links)
    summary.stories = len(update.stories) if update.stories is not None else len(list(ledger.iter_stories()))
    return summary


SHORT_PASSAGE_WORDS = 20
"""A shared passage shorter than this inside reported speech is the same statement retold, not a copy."""


def _order(article: Article) -> tuple[bool, str, str]:
    """Publication order, undated last, ties by id: the order linkers see a batch in."""
    published = article.published.isoformat() if article.published else ""
    return (article.published is None, published, article.id)


def _quote(data: dict[str, Any]) -> Quote:
    """A stored quote record back as a :class:`Quote`."""
    speaker = data.get("speaker")
    return Quote(
        start=data["start"],
        end=data["end"],
        text=data["text"],
        kind=data["kind"],
        cue=data.get("cue"),
        speaker=None
        if speaker is None
        else Speaker(
            name=speaker["name"],
            start=speaker["start"],
            end=speaker["end"],
            role=speaker.get("role"),
            org=speaker.get("org"),
            kind=speaker.get("kind", "named"),
            antecedent=tuple(speaker["antecedent"]) if speaker.get("antecedent") else None,
        ),
    )


def _carried(quotes: QuoteIndex) -> list[dict[str, Any]]:
    """Speakers carried over quote links to copies that leave the quote unattributed (JSON-ready)."""
    return [
        {"article_id": article_id, "start": start, "speaker": speaker}
        for (article_id, start), speaker in sorted(resolve_speakers(quotes).items())
    ]


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

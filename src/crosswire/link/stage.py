"""Stage 3, link: relate articles to each other, incrementally.

Only articles not yet linked are processed; each linker keeps its state in the ledger, so a new
article is compared with what came before without redoing it:

::

    copies       crosswire.link.copies     duplicate, near_duplicate, shared_passage (MinHash LSH)
    stories      crosswire.link.stories    articles grouped into stories (incremental clustering)
    quotes       crosswire.link.quotes     same_quote, quote_variant across articles
    claims       crosswire.link.claims     agrees, conflicts, disputes, derives — per story, and
                 crosswire.link.assess     each claim's independent sources and status

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

from crosswire.extract.features import StoryFeatures
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.ledger import Ledger, LinkUpdate
from crosswire.link.assess import assess
from crosswire.link.claims.linker import CLAIM_LINK_KINDS, ArticleClaims, align_claims
from crosswire.link.copies.linker import KINDS as COPY_LINK_KINDS
from crosswire.link.copies.linker import CopyIndex, CopyOptions, Link
from crosswire.link.quotes.linker import KINDS as QUOTE_LINK_KINDS
from crosswire.link.quotes.linker import QuoteIndex, QuoteOptions, link_within, resolve_speakers
from crosswire.link.state import Items
from crosswire.link.stories.linker import StoryClusterer, StoryOptions
from crosswire.model import Article

__all__ = ["LINK_VERSION", "LinkOptions", "LinkSummary", "carried_speakers", "link_stage"]

log = logging.getLogger(__name__)

LINK_VERSION = "2"

COPY_KINDS = COPY_LINK_KINDS
QUOTE_KINDS = QUOTE_LINK_KINDS
CLAIM_KINDS = CLAIM_LINK_KINDS
"""The kinds each linker makes, as its own module defines them."""
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


def link_stage(ledger: Ledger, options: LinkOptions | None = None, *, progress: Progress | None = None) -> LinkSummary:
    """Link every extracted article not linked yet, and store the results.

    One linking run at a time per ledger (:meth:`~crosswire.ledger.base.Ledger.linking`): a run
    waits while another process links, then links what that one left.

    Memory: the copy and quote indexes keep every article's hashes (and a reference to its text);
    everything else is loaded per run for the new articles and the stories they join.
    """
    with ledger.linking():
        return _link_unlinked(ledger, options, progress)


def _link_unlinked(ledger: Ledger, options: LinkOptions | None, progress: Progress | None) -> LinkSummary:
    options = options or LinkOptions()
    version = options.fingerprint()
    copies = _load(ledger, "copies", version)
    quotes = _load(ledger, "quotes", version)
    stories = _load_stories(ledger, version)
    if copies is None or quotes is None or stories is None:
        # No usable saved state (first run, or other settings/version): relink everything.
        ledger.reset_links()
        copies, quotes = CopyIndex(options.copies), QuoteIndex(options.quotes, variants=False)
        stories = StoryClusterer(options.stories)
    else:
        quotes.attach(_stored(ledger, "quote-units", version), _stored(ledger, "quote-compared", version))
    # 0. revised articles: the linkers forget their old text; they come back in ``todo`` once re-extracted
    forgotten = ledger.pending_relinks()
    former: set[str] = set()
    if forgotten:
        assigned = ledger.story_assignments()
        old_stories = {assigned[a] for a in forgotten if a in assigned}
        former = {a for a, story in assigned.items() if story in old_stories} - set(forgotten)
        copies.forget(forgotten)
        quotes.forget(forgotten)
        stories = stories.without(forgotten)
    todo = ledger.unlinked_extractions(version)
    summary = LinkSummary(articles=len(todo))
    update = LinkUpdate(version=version, linked=[a.id for a, _ in todo], forgotten=forgotten)
    if todo or forgotten:
        cache = {a.id: (a, f) for a, f in todo}
        # 1. copies
        _link_copies(ledger, copies, todo, cache, update, progress)
        # 2. stories
        joined = stories.add_many([(a, StoryFeatures.from_dict(f["story_features"])) for a, f in todo])
        update.stories = [story.as_dict() for story in stories.stories()]
        update.assignments = stories.assignments()
        # the stories a revised article left are re-assessed without it
        touched = sorted(set(joined.values()) | {update.assignments[a] for a in former if a in update.assignments})
        summary.touched_stories = len(touched)
        members: dict[str, list[str]] = {}
        for article_id, story in sorted(update.assignments.items()):
            members.setdefault(story, []).append(article_id)
        wanted = {m for story in touched for m in members[story]}
        cache.update(ledger.extractions_of(wanted - set(cache)))
        in_story = {
            story: sorted((cache[m] for m in members[story] if m in cache), key=lambda item: _order(item[0]))
            for story in touched
        }
        # 3. quotes
        speakers = _link_quotes(ledger, quotes, todo, in_story, update, version)
        # 4. claims
        _link_claims(ledger, in_story, update)
        records, compared = quotes.stores()
        update.items["quote-units"] = records.changed()
        update.items["quote-compared"] = compared.changed()
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


def carried_speakers(ledger: Ledger, options: LinkOptions | None = None) -> list[dict[str, Any]]:
    """Speakers carried over quote links to copies that leave a quote unattributed or give only a role.

    Each entry: ``{article_id, start}`` (the quote's start in that article) and ``speaker``
    (``name, role, org, kind: "carried", source: {article_id, start, end}``).
    """
    data = ledger.load_state("speakers", (options or LinkOptions()).fingerprint())
    return list(json.loads(data)) if data else []


Found = tuple[Article, dict[str, Any]]


def _link_copies(
    ledger: Ledger,
    copies: CopyIndex,
    todo: list[Found],
    cache: dict[str, Found],
    update: LinkUpdate,
    progress: Progress | None,
) -> None:
    """Duplicates, near-duplicates and shared passages between each new article and all before it."""
    for number, (article, _) in enumerate(todo, start=1):
        for link in copies.add(article):
            other = link.b.article_id if link.a.article_id == article.id else link.a.article_id
            if other not in cache:
                cache.update(ledger.extractions_of([other]))
            if not _only_quote(link, cache):
                update.links.append(link.as_dict())
        if progress is not None:
            progress(article.title or article.id, number, len(todo))


def _link_quotes(
    ledger: Ledger,
    quotes: QuoteIndex,
    todo: list[Found],
    in_story: dict[str, list[Found]],
    update: LinkUpdate,
    version: str,
) -> list[dict[str, Any]]:
    """Quote links: verbatim repeats anywhere (the corpus-wide pass of the index), and every quote
    link inside each touched story (a pass over its articles in publication order, from the units
    and comparisons the index holds), so that the result does not depend on how articles arrived
    in batches. Returns the speakers carried over quote links."""
    for article, found in todo:
        quotes.add(article, [_quote(q) for q in found.get("quotes", ())])
    replaced = {a.id for members in in_story.values() for a, _ in members}
    carried: dict[tuple[str, int], dict[str, Any]] = {}
    for members in in_story.values():
        scope = link_within(quotes, [article.id for article, _ in members])
        update.links.extend(link.as_dict() for link in scope.links())
        carried.update(resolve_speakers(scope))
    update.links.extend(link.as_dict() for link in quotes.links_of(replaced) if link.kind == "same_quote")
    update.replace_kinds += QUOTE_KINDS
    update.replace_articles = sorted(replaced)
    previous = json.loads(ledger.load_state("speakers", version) or b"[]")
    kept = [c for c in previous if c["article_id"] not in replaced]
    return kept + [
        {"article_id": article_id, "start": start, "speaker": speaker}
        for (article_id, start), speaker in sorted(carried.items())
    ]


def _stored(ledger: Ledger, name: str, version: str) -> Items[Any]:
    """Records of a linker, read from the ledger on demand."""
    return Items(lambda keys: ledger.load_link_items(name, version, keys))


def _link_claims(ledger: Ledger, in_story: dict[str, list[Found]], update: LinkUpdate) -> None:
    """Agreement, conflict, dispute and derivation between claims, and their assessment, per story."""
    new_copies = [link for link in update.links if link["kind"] in COPY_KINDS]
    for story, members in in_story.items():
        claims_of = [
            ArticleClaims(
                id=article.id,
                published=article.published,
                outlet=article.outlet,
                claims=tuple(found.get("claims", ())),
                quotes=tuple(found.get("quotes", ())),
            )
            for article, found in members
        ]
        ids = {a.id for a in claims_of}
        story_copies = {
            link["id"]: link
            for article_id in sorted(ids)
            for link in ledger.iter_links(article_id=article_id)
            if link["kind"] in COPY_KINDS
        }
        story_copies.update((link["id"], link) for link in new_copies)
        inside = [c for c in story_copies.values() if c["a"]["article_id"] in ids and c["b"]["article_id"] in ids]
        aligned = align_claims(claims_of)
        update.links.extend(link.as_dict() for link in aligned)
        update.assessments.extend(a.as_dict() for a in assess(claims_of, aligned, inside, story_id=story))
    update.assessed_stories = list(in_story)
    update.replace_kinds += CLAIM_KINDS


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


def _only_quote(link: Link, cache: dict[str, Found]) -> bool:
    """A passage that is a quotation on either side: a statement repeated, not a copy (quote links say so).

    Reported speech counts too when the passage is short: two outlets paraphrasing one speech
    share its phrases without one copying the other.
    """
    if link.kind != "shared_passage":
        return False
    slack = 3  # the quotation marks and a comma around the quoted words
    article = cache[link.a.article_id][0]
    short = len(article.text[link.a.start : link.a.end].split()) < SHORT_PASSAGE_WORDS
    return any(
        any(
            q["start"] - slack <= end.start and end.end <= q["end"] + slack and (q["kind"] != "reported" or short)
            for q in cache[end.article_id][1].get("quotes", ())
        )
        for end in (link.a, link.b)
    )


def _load(ledger: Ledger, name: str, version: str) -> Any:
    # The state is the ledger's own (written by link_stage above), so unpickling it is trusted.
    data = ledger.load_state(name, version)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except (pickle.UnpicklingError, AttributeError, EOFError, ImportError) as exc:
        log.warning("saved %s state is unreadable (%s); relinking from scratch", name, exc)
        return None


def _load_stories(ledger: Ledger, version: str) -> StoryClusterer | None:
    data = ledger.load_state("stories", version)
    if data is None:
        return None
    try:
        return StoryClusterer.restore(json.loads(data))
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("saved story state is unreadable (%s); relinking from scratch", exc)
        return None

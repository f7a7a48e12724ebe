"""Stage 3, link: relate articles to each other, incrementally.

Only articles not yet linked are processed; each linker keeps its state in the ledger (a small
index, and records per article or story read on demand: :mod:`crosswire.link.state`), so a new
article is compared with what came before without redoing it:

::

    quotes       crosswire.link.quotes     each new article's quotes read into the quote index
    copies       crosswire.link.copies     duplicate, near_duplicate, shared_passage (MinHash LSH)
    stories      crosswire.link.stories    articles grouped into stories (incremental clustering)
                 crosswire.link.quotes     same_quote anywhere; every quote link within a story
    claims       crosswire.link.claims     agrees, conflicts, disputes, derives — per story, and
                 crosswire.link.assess     each claim group's independent sources and status

A story the new articles change is linked again from what the indexes hold: its quote links by a
pass over its articles that reuses the comparisons made before, its claim links for the pairs of
articles not aligned together before, its assessments for the groups whose claims or sources
changed. All of a run's results are written in one transaction: a run killed midway leaves the
ledger as it was, and running it again completes it.

A linker that fails on one article is reported as a :class:`LinkFailure` naming its source: the
article is taken out of every index again and joins no story, every other article is linked, and
the failing one is marked linked so that later runs do not stumble on it again. A story a linker
fails on is linked again without the run's new articles in it, which are reported.
"""

from __future__ import annotations

import json
import logging
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from crosswire.desk.corrections import COPY_KINDS as CORRECTED_COPY_KINDS
from crosswire.desk.corrections import STORY_KINDS, Correction, copy_verdicts, correct_links, correct_stories
from crosswire.desk.outlets import Register
from crosswire.extract.features import StoryFeatures
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.ledger import Ledger, LinkUpdate
from crosswire.link.claims.index import ClaimIndex, assessment_changes
from crosswire.link.claims.linker import CLAIM_LINK_KINDS
from crosswire.link.copies.linker import KINDS as COPY_LINK_KINDS
from crosswire.link.copies.linker import CopyIndex, CopyOptions, Link
from crosswire.link.quotes.linker import KINDS as QUOTE_LINK_KINDS
from crosswire.link.quotes.linker import QuoteIndex, QuoteOptions, carry_speakers, link_within
from crosswire.link.state import Items, dumps, loads
from crosswire.link.stories.linker import StoryClusterer, StoryOptions
from crosswire.model import Published

__all__ = ["LINK_VERSION", "LinkFailure", "LinkOptions", "LinkSummary", "carried_speakers", "link_stage"]

log = logging.getLogger(__name__)

LINK_VERSION = "2"
"""Changes whenever a linker's output or saved state changes: links are then rebuilt from scratch."""

COPY_KINDS = COPY_LINK_KINDS
QUOTE_KINDS = QUOTE_LINK_KINDS
CLAIM_KINDS = CLAIM_LINK_KINDS
"""The kinds each linker makes, as its own module defines them."""


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Settings of the linkers (defaults suit news)."""

    copies: CopyOptions = field(default_factory=CopyOptions)
    stories: StoryOptions = field(default_factory=StoryOptions)
    quotes: QuoteOptions = field(default_factory=QuoteOptions)

    def fingerprint(self) -> str:
        """Identifies the settings: state saved under other settings is not reused."""
        return f"{LINK_VERSION}:{self.copies!r}:{self.stories!r}:{self.quotes!r}"


@dataclass(frozen=True, slots=True)
class LinkFailure:
    """An article (or a story) a linker failed on: reported and left out, never fatal to the run."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"linking failed: {self.source}: {self.reason}"


@dataclass(slots=True)
class LinkSummary:
    """What a linking run did."""

    articles: int = 0
    links: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    touched_stories: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    """CPU seconds of each step (reading state and articles, each linker, writing)."""
    failures: list[LinkFailure] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "links": dict(sorted(self.links.items())),
            "stories": self.stories,
            "touched_stories": self.touched_stories,
            "seconds": {step: round(value, 3) for step, value in self.seconds.items()},
            "failed": [str(f) for f in self.failures],
        }

    def failed(self, source: str, exc: Exception) -> None:
        """Record that a linker failed on ``source`` (logged with its traceback)."""
        log.info("linking failed for %s", source, exc_info=exc)  # the traceback with --verbose
        self.failures.append(LinkFailure(source, f"{type(exc).__name__}: {exc}"))


class _Clock:
    """CPU time of the steps of a run, one after the other."""

    def __init__(self, summary: LinkSummary) -> None:
        self._seconds = summary.seconds
        self._last = time.process_time()

    def lap(self, step: str) -> None:
        now = time.process_time()
        self._seconds[step] = self._seconds.get(step, 0.0) + now - self._last
        self._last = now


Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class _Indexes:
    """The linkers' state: what each keeps between runs."""

    copies: CopyIndex
    quotes: QuoteIndex
    stories: StoryClusterer
    claims: ClaimIndex

    @classmethod
    def open(cls, ledger: Ledger, options: LinkOptions) -> _Indexes | None:
        """The indexes saved under these settings, their records read on demand; ``None`` when absent."""
        version = options.fingerprint()
        found = [_load(ledger, name, version) for name in _INDEXES]
        if any(index is None for index in found):
            return None
        indexes = cls(*found)
        indexes._attach(ledger, version)
        return indexes

    @classmethod
    def fresh(cls, ledger: Ledger, options: LinkOptions) -> _Indexes:
        """Empty indexes whose records will be stored in the ledger."""
        indexes = cls(
            CopyIndex(options.copies),
            QuoteIndex(options.quotes, variants=False),
            StoryClusterer(options.stories),
            ClaimIndex(),
        )
        indexes._attach(ledger, options.fingerprint())
        return indexes

    def _attach(self, ledger: Ledger, version: str) -> None:
        self.quotes.attach(_stored(ledger, "quote-units", version), _stored(ledger, "quote-compared", version))
        self.claims.attach(_stored(ledger, "claim-articles", version), _stored(ledger, "claim-stories", version))
        self.stories.attach(_stored(ledger, "story-articles", version))

    def save(self, update: LinkUpdate, speakers: list[dict[str, Any]]) -> None:
        """Put the indexes, and the records that changed, into the run's update."""
        version = update.version
        units, compared = self.quotes.stores()
        articles, stories = self.claims.stores()
        update.items = {
            "quote-units": units.changed(),
            "quote-compared": compared.changed(),
            "claim-articles": articles.changed(),
            "claim-stories": stories.changed(),
            "story-articles": {a: dumps(features) for a, features in self.stories.unsaved().items()},
        }
        update.states = {name: (version, dumps(getattr(self, name))) for name in _INDEXES}
        update.states["speakers"] = (version, json.dumps(speakers).encode("utf-8"))


_INDEXES = ("copies", "quotes", "stories", "claims")
"""The linkers' indexes, each saved as one blob under its name."""


def link_stage(
    ledger: Ledger,
    options: LinkOptions | None = None,
    *,
    progress: Progress | None = None,
    redo: Iterable[str] = (),
) -> LinkSummary:
    """Link every extracted article not linked yet, and store the results.

    The analysts' corrections are laid over what the linkers find: stories merged or split, copy
    verdicts (see :mod:`crosswire.desk.corrections`); the findings the ledger gives are corrected
    already. The articles of corrections made since the last run (the ledger's queue,
    :meth:`~crosswire.ledger.base.Ledger.corrected_to_link`) and ``redo`` are read again, and
    their stories linked again although nothing new joined them: their quote links, and their
    claim links and assessments from scratch (a correction changes what claims say or where they
    come from, which what the claim index kept does not show).

    One linking run at a time per ledger (:meth:`~crosswire.ledger.base.Ledger.linking`): a run
    waits while another process links, then links what that one left.

    Memory: the indexes keep what finding candidates needs of every article (band keys, quote
    keys, story vectors); quote units and claim readings are read from the ledger for the
    articles a run's new articles touch.
    """
    with ledger.linking():
        return _link_unlinked(ledger, options, progress, redo)


def _link_unlinked(
    ledger: Ledger, options: LinkOptions | None, progress: Progress | None, redo: Iterable[str]
) -> LinkSummary:
    options = options or LinkOptions()
    version = options.fingerprint()
    summary = LinkSummary()
    clock = _Clock(summary)
    indexes = _Indexes.open(ledger, options)
    if indexes is None:
        # No usable saved state (first run, or other settings/version): relink everything.
        ledger.reset_links()
        indexes = _Indexes.fresh(ledger, options)
    # 0. revised articles: the linkers forget their old text; they come back in ``todo`` once re-extracted
    forgotten = ledger.pending_relinks()
    left, former = _forget(indexes, forgotten)
    todo = ledger.unlinked_extractions(version)
    summary.articles = len(todo)
    update = LinkUpdate(version=version, linked=[a.id for a, _ in todo], forgotten=forgotten)
    # corrections made since the last run (or while it ran): their articles are read again
    corrected = ledger.corrected_to_link()
    update.corrections_linked = [entry for entry, _ in corrected]
    wanted = {*redo, *(article for _, article in corrected)} - {a.id for a, _ in todo} - set(forgotten)
    again = [found for a, found in ledger.extractions_of(wanted).items() if a in indexes.claims.story_of]
    clock.lap("read")
    if todo or forgotten or again:
        sources = {a.id: a.source for a, _ in [*todo, *again]}
        # 1. quotes of the new articles, and of the corrected ones again, read into the quote index
        #    (same_quote anywhere), and their claims into the claim index; an article either cannot
        #    read is linked no further
        features: dict[str, StoryFeatures] = {}
        indexes.quotes.forget([a.id for a, _ in again])

        def read_quotes(article: Any, found: dict[str, Any]) -> None:
            features[article.id] = StoryFeatures.from_dict(found["story_features"])
            indexes.quotes.add(article, [_quote(q) for q in found.get("quotes", ())])

        def read_claims(article: Any, found: dict[str, Any]) -> None:
            indexes.claims.add_article(
                article.id,
                article.published,
                article.outlet,
                found.get("claims", ()),
                found.get("quotes", ()),
                url=article.url,
            )

        todo = _each(indexes, todo, summary, read_quotes)
        again = _each(indexes, again, summary, read_quotes)
        clock.lap("quotes")
        todo = _each(indexes, todo, summary, read_claims)
        again = _each(indexes, again, summary, read_claims)
        clock.lap("claims")
        # 2. copies
        todo = _link_copies(indexes, todo, update, summary, progress)
        clock.lap("copies")
        # 3. stories, with the analysts' merges and splits; the stories revised articles left, and
        # those of corrected articles, are linked again
        stories = indexes.stories
        joined, dropped = _add_to_stories(indexes, [(a, features[a.id]) for a, _ in todo], summary)
        former = [*former, *dropped]
        redone = [a.id for a, _ in again]
        reshaped = _stories(ledger, stories, [*joined, *former, *redone], update)
        touched = list(reshaped)
        summary.touched_stories = len(touched)
        # each story's articles in publication order (undated last, ties by id)
        quotes = indexes.quotes
        quotes.prefetch(a for ids in reshaped.values() for a in ids)
        members = {story: sorted(ids, key=lambda a: _order(a, quotes.published(a))) for story, ids in reshaped.items()}
        previous = {indexes.claims.story_of.get(a) for ids in members.values() for a in ids} | left
        standing = set(update.assignments.values()) if update.assignments is not None else set(members)
        update.removed_stories = sorted(s for s in previous - standing if s is not None)
        if update.assignments is None:
            update.assignment_changes = {a: story for story, ids in members.items() for a in ids}
        clock.lap("stories")
        # 4. quote links within the stories
        speakers = _link_quotes(ledger, indexes.quotes, members, update, version, forgotten, summary, sources)
        clock.lap("quote links")
        # 5. claims: links and assessments (from scratch in the stories of corrected articles)
        fresh = {story for story, ids in members.items() if not set(ids).isdisjoint(redone)}
        _link_claims(ledger, indexes.claims, members, update, forgotten, summary, sources, fresh)
        indexes.claims.forget_stories(update.removed_stories)
        clock.lap("claims")
        indexes.save(update, speakers)
        clock.lap("state")
    ledger.apply_links(update)
    clock.lap("write")
    summary.links.update(link["kind"] for link in update.links)
    summary.stories = len(update.stories) if update.stories is not None else indexes.stories.story_count
    return summary


def _stories(ledger: Ledger, clusterer: StoryClusterer, changed: list[str], update: LinkUpdate) -> dict[str, list[str]]:
    """The stories to link again (id -> article ids) for the articles that ``changed``, put into ``update``.

    Without merges or splits by analysts these are the clusterer's stories of those articles, and
    only they are written. With them, the clusterer's stories are reshaped (a reshaped story is
    described afresh, its id from its earliest article as the clusterer's are, and says which
    corrections made it) and written whole; the stories whose articles differ from the ledger's are
    linked again too.
    """
    made = ledger.corrections(kinds=STORY_KINDS, undone=False)
    if not made:
        touched = clusterer.stories_of(changed)
        update.story_changes = [story.as_dict() for story in touched]
        return {story.id: [a.id for a in story.articles] for story in touched}
    update.stories, update.assignments = _corrected_stories(clusterer, made)
    members: dict[str, list[str]] = {}
    for article_id, story in sorted(update.assignments.items()):
        members.setdefault(story, []).append(article_id)
    before: dict[str, set[str]] = {}
    for article_id, story in ledger.story_assignments().items():
        before.setdefault(story, set()).add(article_id)
    reshaped = {story for story, ids in members.items() if set(ids) != before.get(story)}
    reshaped |= {update.assignments[a] for a in changed if a in update.assignments}
    return {story: members[story] for story in sorted(reshaped)}


def _corrected_stories(
    clusterer: StoryClusterer, corrections: list[Correction]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The clusterer's stories with the analysts' merges and splits applied: story records and assignments."""
    machine = {story.id: story for story in clusterer.stories()}
    made = {c.id: c for c in corrections}
    records: list[dict[str, Any]] = []
    assignments: dict[str, str] = {}
    for group in correct_stories(clusterer.assignments(), corrections):
        if group.machine is not None:
            record = machine[group.machine].as_dict()
        else:
            record = clusterer.describe(group.members).as_dict()
            record["corrected"] = [made[number].marker() for number in group.corrections]
        records.append(record)
        assignments.update(dict.fromkeys(group.members, record["id"]))
    records.sort(key=lambda r: (r.get("first") or "9999-12-31", r["id"]))
    return records, assignments


def _forget(indexes: _Indexes, forgotten: list[str]) -> tuple[set[str], list[str]]:
    """Take revised articles out of every index: the ids of the stories they were in, and the
    articles left in those stories (linked again in this run)."""
    if not forgotten:
        return set(), []
    known = [a for a in forgotten if a in indexes.claims.story_of]
    left = {indexes.claims.story_of[a] for a in known}
    former = indexes.stories.forget(forgotten)
    indexes.copies.forget(forgotten)
    indexes.quotes.forget(forgotten)
    indexes.claims.forget(forgotten)
    return left, former


def carried_speakers(ledger: Ledger, options: LinkOptions | None = None) -> list[dict[str, Any]]:
    """Speakers carried over quote links to copies that leave a quote unattributed or give only a role.

    Each entry: ``{article_id, start}`` (the quote's start in that article) and ``speaker``
    (``name, role, org, kind: "carried", source: {article_id, start, end}``).
    """
    data = ledger.load_state("speakers", (options or LinkOptions()).fingerprint())
    return list(json.loads(data)) if data else []


Found = tuple[Any, dict[str, Any]]
T = TypeVar("T")


def _each(
    indexes: _Indexes, todo: list[Found], summary: LinkSummary, work: Callable[[Any, dict[str, Any]], None]
) -> list[Found]:
    """``work`` on each new article; the articles it fails on are reported, taken out of the
    indexes again and left out of the list returned."""
    kept: list[Found] = []
    for article, found in todo:
        try:
            work(article, found)
        except Exception as exc:  # one article's content must not block the rest of the batch
            summary.failed(article.source, exc)
            _drop(indexes, article.id)
        else:
            kept.append((article, found))
    return kept


def _drop(indexes: _Indexes, article_id: str) -> None:
    """Take an article a linker failed on out of the copy, quote and claim indexes."""
    for index in (indexes.copies, indexes.quotes, indexes.claims):
        try:
            index.forget([article_id])
        except Exception:  # what was half added is not known: the index keeps it, the run goes on
            log.warning("article %s could not be taken out of the %s index", article_id, type(index).__name__)


def _link_copies(
    indexes: _Indexes, todo: list[Found], update: LinkUpdate, summary: LinkSummary, progress: Progress | None
) -> list[Found]:
    """Duplicates, near-duplicates and shared passages between each new article and all before it;
    the articles linked (those the copy linker failed on are reported and left out)."""
    copies, quotes = indexes.copies, indexes.quotes
    kept: list[Found] = []
    for number, (article, found) in enumerate(todo, start=1):
        try:
            links = [link.as_dict() for link in copies.add(article) if not _only_quote(link, copies, quotes)]
        except Exception as exc:  # one article's content must not block the rest of the batch
            summary.failed(article.source, exc)
            _drop(indexes, article.id)
        else:
            update.links.extend(links)
            kept.append((article, found))
        if progress is not None:
            progress(article.title or article.id, number, len(todo))
    return kept


def _add_to_stories(
    indexes: _Indexes, batch: list[tuple[Any, StoryFeatures]], summary: LinkSummary
) -> tuple[dict[str, str], list[str]]:
    """Each new article into a story: the story each joined, and the articles of stories left by
    articles the clusterer failed on (linked again). When the batch fails, its articles are taken
    out again and added one by one, so that one article cannot block the others."""
    stories = indexes.stories
    try:
        return stories.add_many(batch), []
    except Exception:  # found out below, article by article
        log.info("story clustering failed on a batch; adding its articles one by one")
    former = stories.forget([a.id for a, _ in batch])
    joined: dict[str, str] = {}
    failed: set[str] = set()
    for article, features in batch:
        try:
            joined.update(stories.add_many([(article, features)]))
        except Exception as exc:  # one article's content must not block the rest of the batch
            summary.failed(article.source, exc)
            failed.add(article.id)
            _drop(indexes, article.id)
            former.extend(stories.forget([article.id]))
    return {a: s for a, s in joined.items() if a not in failed}, [a for a in former if a not in failed]


class _Index(Protocol):
    def forget(self, article_ids: list[str]) -> Any: ...


def _isolated(
    summary: LinkSummary,
    story_id: str,
    ids: list[str],
    sources: dict[str, str],
    index: _Index,
    work: Callable[[list[str]], T],
) -> T | None:
    """``work`` over a story's articles; when it fails, the story's new articles are reported,
    taken out of the linker's ``index`` (later runs link the story without them) and the story is
    tried again without them; ``None`` (the story reported) when it still fails."""
    try:
        return work(ids)
    except Exception as exc:  # one article's content must not block the rest of the batch
        new = [a for a in ids if a in sources]
        summary.failed(", ".join(sources[a] for a in new) or f"story {story_id}", exc)
        if not new:
            return None
        index.forget(new)
    try:
        return work([a for a in ids if a not in sources])
    except Exception as exc:
        summary.failed(f"story {story_id}", exc)
        return None


def _link_quotes(
    ledger: Ledger,
    quotes: QuoteIndex,
    members: dict[str, list[str]],
    update: LinkUpdate,
    version: str,
    forgotten: list[str],
    summary: LinkSummary,
    sources: dict[str, str],
) -> list[dict[str, Any]]:
    """Quote links: verbatim repeats anywhere (the corpus-wide pass of the index), and every quote
    link inside each touched story (a pass over its articles in publication order, from the units
    and comparisons the index holds), so that the result does not depend on how articles arrived
    in batches. Returns the speakers carried over quote links."""
    replaced = {a for ids in members.values() for a in ids}
    carried: dict[tuple[str, int], dict[str, Any]] = {}
    quotes.prefetch(replaced)

    def within(ids: list[str]) -> tuple[list[dict[str, Any]], dict[tuple[str, int], dict[str, Any]]]:
        scope = link_within(quotes, ids)
        return [link.as_dict() for link in scope.links()], carry_speakers(scope)

    for story_id, ids in members.items():
        # an article a story's quote links failed on in an earlier run is no longer indexed
        linked = _isolated(summary, story_id, [a for a in ids if a in quotes], sources, quotes, within)
        if linked is not None:
            update.links.extend(linked[0])
            carried.update(linked[1])
    update.links.extend(link.as_dict() for link in quotes.links_of(replaced) if link.kind == "same_quote")
    update.replace_kinds += QUOTE_KINDS
    update.replace_articles = sorted(replaced)
    previous = json.loads(ledger.load_state("speakers", version) or b"[]")
    kept = [c for c in previous if c["article_id"] not in replaced and c["article_id"] not in forgotten]
    return kept + [
        {"article_id": article_id, "start": start, "speaker": speaker}
        for (article_id, start), speaker in sorted(carried.items())
    ]


def _stored(ledger: Ledger, name: str, version: str) -> Items[Any]:
    """Records of a linker, read from the ledger on demand."""
    return Items(lambda keys: ledger.load_link_items(name, version, keys))


def _link_claims(
    ledger: Ledger,
    claims: ClaimIndex,
    members: dict[str, list[str]],
    update: LinkUpdate,
    forgotten: list[str],
    summary: LinkSummary,
    sources: dict[str, str],
    fresh: set[str],
) -> None:
    """Agreement, conflict, dispute and derivation between claims, and their assessment, per changed
    story (the new articles' claims are already in ``claims``; those in ``fresh`` aligned and
    assessed from scratch)."""
    register = Register(ledger.outlet_entries())
    everyone = {a for ids in members.values() for a in ids}
    stale = set(forgotten)  # the copy links of a revised article's old text go in this run
    copy_links = {
        link["id"]: link
        for link in ledger.links_among(everyone, COPY_KINDS)
        if link["a"]["article_id"] not in stale and link["b"]["article_id"] not in stale
    }
    verdicts = copy_verdicts(ledger.corrections(kinds=CORRECTED_COPY_KINDS, undone=False))
    new_copies = correct_links([link for link in update.links if link["kind"] in COPY_KINDS], verdicts)
    copy_links.update((link["id"], link) for link in new_copies)
    by_article: dict[str, list[dict[str, Any]]] = {}
    for link in copy_links.values():
        by_article.setdefault(link["a"]["article_id"], []).append(link)
    changes = []
    for story_id, ids in members.items():
        inside = set(ids)
        story_copies = [link for a in ids for link in by_article.get(a, ()) if link["b"]["article_id"] in inside]

        def update_story(ids: list[str], story_id: str = story_id, story_copies: list[Any] = story_copies) -> Any:
            return claims.update_story(story_id, ids, story_copies, register=register, fresh=story_id in fresh)

        # an article a story's claims failed on in an earlier run has no readings kept
        change = _isolated(summary, story_id, claims.held(ids), sources, claims, update_story)
        if change is None:
            continue
        update.links.extend(link.as_dict() for link in change.links)
        update.delete_links.extend(change.removed_links)
        changes.append(change)
    stored, removed = assessment_changes(changes)
    update.assessments.extend(a.as_dict() for a in stored)
    update.removed_assessments.extend(removed)


SHORT_PASSAGE_WORDS = 20
"""A shared passage shorter than this inside reported speech is the same statement retold, not a copy."""


def _order(article_id: str, published: Published) -> tuple[bool, str, str]:
    """Publication order, undated last, ties by id: the order linkers see a batch in."""
    return (published is None, published.isoformat() if published else "", article_id)


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
            antecedent=_span(speaker.get("antecedent")),
        ),
    )


def _span(data: Any) -> tuple[int, int] | None:
    """A stored ``{start, end}`` as a pair (``None`` when absent)."""
    return (int(data["start"]), int(data["end"])) if isinstance(data, dict) else None


def _only_quote(link: Link, copies: CopyIndex, quotes: QuoteIndex) -> bool:
    """A passage that is a quotation on either side: a statement repeated, not a copy (quote links say so).

    Reported speech counts too when the passage is short: two outlets paraphrasing one speech
    share its phrases without one copying the other.
    """
    if link.kind != "shared_passage":
        return False
    slack = 3  # the quotation marks and a comma around the quoted words
    text = copies.article(link.a.article_id).text
    short = len(text[link.a.start : link.a.end].split()) < SHORT_PASSAGE_WORDS
    return any(
        any(
            start - slack <= end.start and end.end <= stop + slack and (kind != "reported" or short)
            for start, stop, kind in quotes.record(end.article_id).quotes
        )
        for end in (link.a, link.b)
    )


def _load(ledger: Ledger, name: str, version: str) -> Any:
    # The state is the ledger's own (written by link_stage above), so unpickling it is trusted.
    data = ledger.load_state(name, version)
    if data is None:
        return None
    try:
        return loads(data)
    except (pickle.UnpicklingError, AttributeError, EOFError, ImportError) as exc:
        log.warning("saved %s state is unreadable (%s); relinking from scratch", name, exc)
        return None

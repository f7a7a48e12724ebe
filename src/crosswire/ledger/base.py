"""The ledger interface: every method a stage, the report, the exports, the web app or the CLI calls.

:class:`Ledger` is a protocol: an implementation (the embedded :class:`~crosswire.ledger.sqlite.
SQLiteLedger`, a server database later) has each of these methods with these signatures, and no
caller needs anything else. Signatures use crosswire's records and plain JSON-ready dicts only,
never a database's own types, so no caller knows which database it talks to.

Stored records:

- articles (:class:`~crosswire.model.Article`) with their sightings, written in batches;
- problems met by an ingest run, per run (``begin_batch``/``finish_batch``);
- one extraction per article: the findings by kind, as JSON-ready dicts, with the extractors' version;
- links between spans of two articles, stories, claim assessments, which articles are linked and the
  linkers' saved state: all written by one linking run at once (:class:`LinkUpdate`);
- a :class:`StorySummary` per story, kept in step with every write that changes the story (its
  revision changes with it), for lists and caches that must not read whole stories; and the
  ledger's own revision, which moves on with every write;
- the register of outlets (:class:`~crosswire.desk.outlets.OutletEntry`, keyed by folded name),
  which the assessment reads to fold outlets with one owner, and state media of one state;
- analysts' corrections (:class:`~crosswire.desk.corrections.Correction`), kept apart from what
  the stages store: every read of findings, links and assessments returns the stages' output with
  the active corrections laid over it, by the functions of :mod:`crosswire.desk.corrections` (so
  every implementation applies them alike), each corrected record marked ``corrected``; stories
  are written by the link stage with the merges and splits already applied;
- the desk's users (:class:`~crosswire.desk.users.User`: name, role, the hash of their token).

Every write is one transaction: a run killed at any moment leaves the ledger as it was before the
write or after it, never between.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from crosswire.desk.corrections import Correction
from crosswire.desk.outlets import OutletEntry
from crosswire.desk.users import User
from crosswire.ingest.problems import Problem
from crosswire.model import Article, Published

__all__ = [
    "ArticleBrief",
    "ArticleFilter",
    "Ledger",
    "LinkUpdate",
    "StoryFilter",
    "StorySummary",
    "story_search_text",
    "summarise_story",
]


@dataclass(slots=True)
class LinkUpdate:
    """Everything one linking run changes, written in one transaction.

    ``links`` are link records (dicts with ``id``, ``kind``, ``a``, ``b``, ``score``, ...);
    ``replace_kinds`` removes earlier links of those kinds that touch ``replace_articles`` before
    the new ones are written (quote links are recomputed per story), and ``delete_links`` removes
    links by id. ``stories`` and ``assignments`` replace the stories wholesale when given;
    ``story_changes`` / ``removed_stories`` and ``assignment_changes`` change only those stories
    and articles. ``assessments`` replace those of ``assessed_stories`` and those whose ids are in
    ``removed_assessments``. ``states`` are the linkers' saved indexes by name (version, bytes);
    ``items`` their records per key (an article, a story) by name, ``None`` to delete one.
    """

    version: str
    linked: list[str] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    replace_kinds: tuple[str, ...] = ()
    replace_articles: list[str] = field(default_factory=list)
    stories: list[dict[str, Any]] | None = None
    assignments: dict[str, str] | None = None
    assessments: list[dict[str, Any]] = field(default_factory=list)
    assessed_stories: list[str] = field(default_factory=list)
    states: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    forgotten: list[str] = field(default_factory=list)
    """Articles whose text changed since they were linked (a new revision): every link touching them goes first."""
    delete_links: list[str] = field(default_factory=list)
    story_changes: list[dict[str, Any]] = field(default_factory=list)
    removed_stories: list[str] = field(default_factory=list)
    assignment_changes: dict[str, str] = field(default_factory=dict)
    removed_assessments: list[str] = field(default_factory=list)
    items: dict[str, dict[str, bytes | None]] = field(default_factory=dict)
    corrections_linked: list[int] = field(default_factory=list)
    """The entries of :meth:`Ledger.corrected_to_link` this run linked again: they are done."""


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles to list: by outlet, publication date range and words in the text or title; one page."""

    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to list: words in the label, names or titles, a date range, an outlet, a place, a person.

    Words, places and people match as case-insensitive substrings; the outlet matches one of the
    story's outlets whole (case-insensitive); ``since``/``until`` keep stories whose days overlap.
    """

    q: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    place: str | None = None
    person: str | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    """What a list or a link shows of an article, without its text."""

    id: str
    title: str
    """The title, or the start of the text's first line when the article has none."""
    outlet: str | None
    published: Published


@dataclass(frozen=True, slots=True)
class StorySummary:
    """What a list of stories shows of one story, kept by the ledger whenever the story changes.

    ``revision`` changes every time anything a story page shows changes (its articles, their
    metadata or findings, its links or claim assessments), and never returns to an earlier value
    (it is the ledger's :meth:`Ledger.revision` at the change): a page cached under (story id,
    revision) is current while the revision is.
    """

    id: str
    label: str
    first: str | None
    last: str | None
    articles: int
    outlets: tuple[str, ...]
    places: tuple[str, ...]
    people: tuple[str, ...]
    statuses: Mapping[str, int]
    """Assessed claims by status."""
    stances: Mapping[str, int]
    """Extracted claims by stance (what a list shows while the claims are not assessed)."""
    revision: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "first": self.first,
            "last": self.last,
            "articles": self.articles,
            "outlets": list(self.outlets),
            "places": list(self.places),
            "people": list(self.people),
            "statuses": dict(self.statuses),
            "stances": dict(self.stances),
            "revision": self.revision,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StorySummary:
        return cls(
            id=data["id"],
            label=data["label"],
            first=data.get("first"),
            last=data.get("last"),
            articles=int(data["articles"]),
            outlets=tuple(data.get("outlets", ())),
            places=tuple(data.get("places", ())),
            people=tuple(data.get("people", ())),
            statuses=dict(data.get("statuses", {})),
            stances=dict(data.get("stances", {})),
            revision=int(data["revision"]),
        )


def story_search_text(story: Mapping[str, Any], titles: Iterable[str]) -> str:
    """What the words of a :class:`StoryFilter` are looked for in: label, places, people, actors, titles."""
    words = [story.get("label") or "", *story.get("places", ()), *story.get("people", ()), *story.get("actors", ())]
    return "\n".join(word.casefold() for word in [*words, *titles])


def summarise_story(
    story: Mapping[str, Any],
    members: Sequence[ArticleBrief],
    statuses: Mapping[str, int],
    stances: Iterable[str | None],
    revision: int,
) -> StorySummary:
    """A story's summary from its record, its articles, its claims' statuses and its extracted claims' stances.

    Every implementation builds summaries with this function, so they agree.
    """
    return StorySummary(
        id=story["id"],
        label=story.get("label") or story["id"],
        first=story.get("first"),
        last=story.get("last"),
        articles=len(members),
        outlets=tuple(sorted({m.outlet for m in members if m.outlet}, key=str.casefold)),
        places=tuple(story.get("places", ())),
        people=tuple(story.get("people", ())),
        statuses={status: count for status, count in sorted(statuses.items()) if count},
        stances=dict(sorted(Counter(stance or "unknown" for stance in stances).items())),
        revision=revision,
    )


class Ledger(Protocol):
    """What every ledger implementation offers (see the module docstring for what it stores)."""

    # --- the ledger itself ---------------------------------------------------------------------------

    @property
    def location(self) -> str:
        """Where the ledger is, as a person would name it (a file path, a server without its password)."""
        ...

    def close(self) -> None:
        """Release the ledger; it cannot be used afterwards."""
        ...

    def __enter__(self) -> Ledger:
        """The ledger itself, closed when the ``with`` block ends."""
        ...

    def __exit__(self, *exc: object) -> None:
        """Close the ledger."""
        ...

    # --- ingest ------------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], *, batch: int | None = None) -> list[bool]:
        """Store articles in one transaction; ``True`` for each new one.

        A known article gets the new sightings, and metadata it lacked (title, outlet, ...) is filled
        in, never overwritten. ``batch`` is the ingest run the sightings belong to.
        """
        ...

    def begin_batch(self, command: str) -> int:
        """Record the start of an ingest run (the command that ran it) and return the run's id."""
        ...

    def finish_batch(self, batch: int, counts: dict[str, int]) -> None:
        """Record the end of an ingest run with its counts."""
        ...

    def add_problems(self, batch: int, problems: Iterable[Problem]) -> None:
        """Record problems met in an ingest run."""
        ...

    def problems(self) -> list[Problem]:
        """Problems recorded by the most recent ingest run that met any."""
        ...

    # --- articles ----------------------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 6 characters (only hex digits match).

        Raises :class:`~crosswire.errors.LedgerError` when a prefix matches more than one article.
        """
        ...

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        """Articles in publication order (undated last, ties by id), filtered and paged by ``where``."""
        ...

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        """How many articles the ledger holds, or how many match ``where`` (its page ignored)."""
        ...

    def article_briefs(self, article_ids: Iterable[str]) -> dict[str, ArticleBrief]:
        """Title, outlet and publication time of some articles by id, without their text."""
        ...

    def sources_under(self, prefix: str) -> set[str]:
        """The sources of sightings that begin with ``prefix`` (e.g. which files of one folder gave articles)."""
        ...

    def outlets(self) -> list[str]:
        """Every outlet named by an article, sorted case-insensitively."""
        ...

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search: matching articles, best first, each ``{id, title, outlet, published, snippet}``.

        The query is read as plain words (all must occur; a trailing ``*`` matches a prefix), so user
        input never reaches a query language; in the snippet ``[`` and ``]`` mark the hits.
        """
        ...

    def search_count(self, query: str) -> int:
        """How many articles :meth:`search` finds for ``query`` in all."""
        ...

    # --- extractions -------------------------------------------------------------------------------------

    def count_to_extract(self, version: str) -> int:
        """How many articles have no stored extraction of this version."""
        ...

    def articles_to_extract(self, version: str) -> Iterator[Article]:
        """Articles with no stored extraction of this version, in publication order.

        Safe to write extractions while the iterator is being read.
        """
        ...

    def put_extractions(self, found: Sequence[tuple[str, dict[str, Any]]], version: str) -> None:
        """Store extractions (article id, findings by kind) in one transaction, replacing older ones."""
        ...

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        """The stored findings of one article, by kind, or ``None`` when it has not been extracted.

        Like every read of findings, with the article's active corrections applied
        (:func:`~crosswire.desk.corrections.correct_findings`).
        """
        ...

    def extractions_of(
        self, article_ids: Iterable[str], *, kinds: Sequence[str] | None = None
    ) -> dict[str, tuple[Article, dict[str, Any]]]:
        """Some articles with their stored findings, by id (articles without an extraction left out).

        ``kinds`` keeps only those kinds of findings (cheaper when a page needs two of them).
        """
        ...

    def iter_extractions(self, *, kinds: Sequence[str] | None = None) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Every extracted article with its stored findings (only ``kinds`` of them, when given), in publication
        order."""
        ...

    def unlinked_extractions(self, version: str) -> list[tuple[Article, dict[str, Any]]]:
        """Extracted articles not yet linked by this version of the linkers, in publication order."""
        ...

    # --- links, stories, assessments ---------------------------------------------------------------------

    def linking(self) -> AbstractContextManager[None]:
        """The right to link, held by one process at a time: ``with ledger.linking(): ...`` waits while
        another process that uses this ledger links.

        A linking run reads the linkers' saved state, links the articles not linked yet and writes the
        results; two runs at once would each miss the other's articles.
        """
        ...

    def load_state(self, name: str, version: str) -> bytes | None:
        """A linker's saved state, when it was saved by this version of the linkers."""
        ...

    def load_link_items(self, name: str, version: str, keys: Iterable[str]) -> dict[str, bytes]:
        """A linker's records under these keys (those saved by this version of the linkers)."""
        ...

    def reset_links(self) -> None:
        """Forget every link, story, assessment and saved state (before relinking from scratch)."""
        ...

    def pending_relinks(self) -> list[str]:
        """Articles whose text changed since they were linked (a new revision): the linkers forget them first."""
        ...

    def apply_links(self, update: LinkUpdate) -> None:
        """Write one linking run's results in one transaction, and the summaries of the stories it changed."""
        ...

    def iter_links(self, *, kind: str | None = None, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Link records ordered by kind and id, optionally of one kind or touching one article.

        Like :meth:`links_among`, with the analysts' copy verdicts applied
        (:func:`~crosswire.desk.corrections.correct_links`): no copy link between two articles
        marked independent, a ``near_duplicate`` link (id ``correction-N``) between two marked copies.
        """
        ...

    def links_among(self, article_ids: Iterable[str], kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Link records whose two ends are both among ``article_ids`` (a story's own links), by kind and id;
        only those of ``kinds`` when given."""
        ...

    def iter_stories(self, where: StoryFilter | None = None) -> Iterator[dict[str, Any]]:
        """Story records, earliest first (undated last, ties by id), filtered and paged by ``where``."""
        ...

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One story record, or ``None``."""
        ...

    def story_of(self, article_id: str) -> str | None:
        """The id of the story an article is in, or ``None`` when it is in none (yet)."""
        ...

    def story_assignments(self) -> dict[str, str]:
        """Article id -> story id, for every article in a story."""
        ...

    def story_summaries(self, where: StoryFilter | None = None) -> list[StorySummary]:
        """Summaries of the stories :meth:`iter_stories` lists for ``where``, in the same order."""
        ...

    def story_summary(self, story_id: str) -> StorySummary | None:
        """One story's summary (with its current revision), or ``None`` for an unknown story."""
        ...

    def revision(self) -> int:
        """The ledger's revision: it moves on with every write that stores something new (articles,
        metadata filled in, extractions, links), never back; a story's revision is the ledger's at the
        story's last change (see :class:`StorySummary`)."""
        ...

    def count_stories(self, where: StoryFilter | None = None) -> int:
        """How many stories there are, or how many match ``where`` (its page ignored)."""
        ...

    def iter_assessments(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Claim assessments (by story, most independent sources first), optionally of one story.

        Each with its ``review`` (``{state, note, by, at}``, state ``unreviewed`` until an analyst
        reviews one of its claims: :func:`~crosswire.desk.corrections.review_of`).
        """
        ...

    # --- corrections ---------------------------------------------------------------------------------

    def add_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction in one transaction and return it with its id (and ``at``, when empty).

        The revisions of the stories it touches move on. Stories, claim links and assessments follow
        when the link stage links those stories again (:func:`crosswire.desk.desk.correct` does both).
        """
        ...

    def corrected_to_link(self) -> list[tuple[int, str]]:
        """Articles whose corrections changed what the linkers see since a linking run last took them in:
        (entry, article id) pairs, in the order the corrections were made.

        A correction and its entries are written in one transaction; a linking run links the stories of
        these articles again and names the entries it took in :attr:`LinkUpdate.corrections_linked`. So
        a correction made while a run links, or whose maker stopped before linking, waits for the next run.
        """
        ...

    def undo_correction(self, correction_id: int, *, by: str, why: str) -> Correction | None:
        """Mark a correction undone (who, why, now); it stays in the audit trail but no longer applies.

        ``None`` when there is no active correction of that id.
        """
        ...

    def get_correction(self, correction_id: int) -> Correction | None:
        """One correction by id (active or undone), or ``None``."""
        ...

    def corrections(
        self,
        *,
        article_ids: Iterable[str] | None = None,
        kinds: Sequence[str] | None = None,
        undone: bool = True,
    ) -> list[Correction]:
        """The audit trail: corrections in the order they were made, optionally only those touching some
        articles, of some kinds, or (``undone=False``) the active ones."""
        ...

    # --- the register of outlets ---------------------------------------------------------------------

    def outlet_entries(self) -> list[OutletEntry]:
        """Every entry of the register of outlets, by folded name.

        A new ledger starts with the starter register that ships with crosswire
        (:func:`~crosswire.desk.outlets.starter_register`).
        """
        ...

    def put_outlet_entries(self, entries: Sequence[OutletEntry], *, replace: bool = False) -> None:
        """Add entries to the register, each replacing the entry of the same folded name, in one transaction.

        With ``replace`` the register becomes exactly ``entries``. The ledger's revision moves on;
        the assessments change when the link stage assesses the stories again.
        """
        ...

    def remove_outlet_entry(self, name: str) -> bool:
        """Remove the entry of this name (compared folded) from the register; whether there was one."""
        ...

    # --- users ---------------------------------------------------------------------------------------

    def users(self) -> list[User]:
        """Every user of the ledger, by name (none: the ledger is one person's)."""
        ...

    def get_user(self, name: str) -> User | None:
        """A user by name (compared case-insensitively), or ``None``."""
        ...

    def user_by_key(self, key: str) -> User | None:
        """The user whose token has this key (its public part), or ``None``."""
        ...

    def put_user(self, user: User) -> None:
        """Add a user, or replace the one of the same name (a new role, a new token)."""
        ...

    def remove_user(self, name: str) -> bool:
        """Remove the user of this name (compared case-insensitively); whether there was one."""
        ...

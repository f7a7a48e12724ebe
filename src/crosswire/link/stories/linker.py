"""Stories: articles about the same real-world event or development, grouped incrementally.

:class:`StoryClusterer` keeps explicit state and takes one article at a time:
``add(article) -> story_id`` puts it into an existing story or starts a new one, without
re-clustering what came before. How an article is placed:

1. its features (:func:`crosswire.extract.features.features_of`, computed by the extract stage or
   :func:`crosswire.extract.stage.story_features` for a lone article: content-word stems, people and
   organisations, places, dates, figures, weapons) become a sparse vector of typed keys, each
   weighted by its type and its rarity so far (inverse document frequency);
2. candidate stories come from an inverted index of the article's rare keys (names, places,
   dates, figures, weapons and its rarest words): the article is never compared with all stories;
3. a candidate whose dated articles lie more than ``window_days`` from the article's publication
   day is skipped (undated articles compare by content only);
4. the article joins the most similar candidate when the similarity reaches ``threshold``. The
   similarity is the mean, over the story's articles, of a weighted sum of per-type cosines
   (average linkage): words say what kind of event it is, and the names, places, dates and
   figures say which one, which keeps two events of the same kind (two earthquakes, two
   missile tests) apart although they share their vocabulary. A candidate that shares none of
   the article's names, places, dates or figures is discounted (``unshared_penalty``);
5. then the changed stories are consolidated: the most similar pair of stories (mean similarity
   between their articles, pairs found through the index) merges while it reaches
   ``merge_threshold``, best pair first. An article that bridges two stories brings them together
   here. A batch (:meth:`StoryClusterer.add_many`) consolidates once, at its end, which makes the
   batch result close to average-linkage clustering of the whole batch whatever its order.

A story's id is a hash of its earliest article (by publication day, then article id), so it does
not depend on arrival order. :meth:`StoryClusterer.add_many` orders a batch by publication time,
which makes ingesting a corpus in chronological batches give the same stories as one run.
:meth:`StoryClusterer.snapshot` / :meth:`StoryClusterer.restore` persist the state as JSON.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
import operator
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from crosswire.errors import OptionError
from crosswire.extract.features import StoryFeatures, features_of
from crosswire.extract.stage import story_features
from crosswire.link.state import Items, compact
from crosswire.link.stories.labels import date_span, story_parts
from crosswire.model import Article
from crosswire.text.names import fold_name

__all__ = [
    "Story",
    "StoryArticle",
    "StoryClusterer",
    "StoryOptions",
    "cluster_stories",
    "features_of",
    "story_id",
]

log = logging.getLogger(__name__)

compact(StoryFeatures)

_SPECIFIC = frozenset("npdq")
"""Key types that tell one event from another: names, places, dates, figures."""
_key_type = operator.itemgetter(0)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Settings of story clustering; the defaults suit news articles of a few hundred words."""

    threshold: float = 0.35
    """Mean similarity between two groups' articles from which they are one story (average linkage)."""
    reach: float = 0.2
    """Similarity from which an existing story is re-placed together with a batch's new articles."""
    reach_depth: int = 2
    """How many steps from the new articles the re-placed neighbourhood extends."""
    refresh: float = 1.0
    """A story is re-placed once the articles counted have grown by this share since it was formed."""
    window_days: int = 7
    """Most days between the publication of two groups' dated articles for them to be one story."""
    event_gap_days: int = 3
    """Days between the events two groups' first sentences name beyond which they are two events."""
    event_penalty: float = 0.25
    """Factor on the similarity of two groups whose first sentences name days further apart."""
    word_weight: float = 1.0
    lead_weight: float = 0.5
    name_weight: float = 0.5
    place_weight: float = 0.3
    date_weight: float = 0.5
    figure_weight: float = 0.2
    weapon_weight: float = 0.2
    cohesion: float = 0.6
    """Two groups of ``cohesion_size`` articles or more merge only when their similarity reaches
    this share of the mean similarity inside the less cohesive one: two events of one kind form
    two tight groups that resemble each other less than their own articles do."""
    cohesion_size: int = 4
    unshared_penalty: float = 0.5
    """Factor on the similarity of two groups that share no name, place, date or figure."""
    rare_words: int = 25
    """How many of an article's rarest content words look up candidates."""
    max_candidates: int = 20
    """Most candidates scored in full per article or story."""
    max_postings: int = 5000
    """A key shared by more stories than this, within the time window of a group, proposes none of them."""
    nearest_postings: int = 40
    """A key shared by more re-placed articles than this proposes only this many of them, the
    nearest in publication order, which bounds the work per article."""

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0 or not 0.0 < self.reach <= 1.0:
            raise OptionError("threshold and reach must lie in (0, 1]")
        if self.window_days < 0 or self.event_gap_days < 0 or self.reach_depth < 1:
            raise OptionError("window_days and event_gap_days must be >= 0, reach_depth >= 1")
        if min(self.type_weights().values()) < 0:
            raise OptionError("feature weights must be >= 0")
        if not 0.0 <= self.unshared_penalty <= 1.0 or not 0.0 <= self.event_penalty <= 1.0:
            raise OptionError("unshared_penalty and event_penalty must lie in [0, 1]")
        if self.refresh < 0 or not 0.0 <= self.cohesion <= 1.0 or self.cohesion_size < 2:
            raise OptionError("refresh must be >= 0, cohesion lie in [0, 1], cohesion_size be >= 2")
        if min(self.rare_words, self.max_candidates, self.max_postings, self.nearest_postings) < 1:
            raise OptionError("rare_words, max_candidates, max_postings and nearest_postings must be >= 1")

    def type_weights(self) -> dict[str, float]:
        """The weight of each key type (``w`` words, ``l`` lead words, ``n`` names, ``p`` places, ...)."""
        return {
            "w": self.word_weight,
            "l": self.lead_weight,
            "n": self.name_weight,
            "p": self.place_weight,
            "d": self.date_weight,
            "q": self.figure_weight,
            "x": self.weapon_weight,
        }


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """An article of a story: its id and the input it was first seen in."""

    id: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "source": self.source}


@dataclass(frozen=True, slots=True)
class Story:
    """A story: articles about one real-world event or development, with a readable label."""

    id: str
    label: str
    articles: tuple[StoryArticle, ...]
    first: str | None
    """Earliest publication day of its articles (ISO), ``None`` when none is dated."""
    last: str | None
    actors: tuple[str, ...]
    """Key actors: people, organisations and countries most mentioned."""
    action: str | None
    """The words that say what happened, taken from the lead of its earliest article."""
    places: tuple[str, ...]
    people: tuple[str, ...]
    dates: tuple[str, ...]
    """Dates its articles mention most (TIMEX3 values)."""
    figures: tuple[str, ...]
    weapons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "articles": [a.as_dict() for a in self.articles],
            "first": self.first,
            "last": self.last,
            "actors": list(self.actors),
            "action": self.action,
            "places": list(self.places),
            "people": list(self.people),
            "dates": list(self.dates),
            "figures": list(self.figures),
            "weapons": list(self.weapons),
        }


def story_id(earliest_article_id: str) -> str:
    """The id of the story whose earliest article is ``earliest_article_id``."""
    return "s" + hashlib.sha256(earliest_article_id.encode("utf-8")).hexdigest()[:15]


class _Postings:
    """Key -> time bucket -> the stories holding the key (the candidate index of the stories).

    Saved in a compact form (tuples) and turned back into sets one key at a time, when a run
    first looks it up or changes it: a run touches the keys of its new articles and of the
    stories they join, a small part of all.
    """

    __slots__ = ("_frozen", "_live")

    def __init__(self) -> None:
        self._live: dict[str, dict[int | None, set[str]]] = {}
        self._frozen: dict[str, tuple[Any, ...]] = {}
        """Key -> one flat tuple: a bucket, how many stories, the stories, the next bucket ..."""

    def get(self, key: str) -> dict[int | None, set[str]] | None:
        live = self._live.get(key)
        if live is None:
            frozen = self._frozen.pop(key, None)
            if frozen is None:
                return None
            live = self._live[key] = {}
            position = 0
            while position < len(frozen):
                count = frozen[position + 1]
                live[frozen[position]] = set(frozen[position + 2 : position + 2 + count])
                position += 2 + count
        return live

    def setdefault(self, key: str) -> dict[int | None, set[str]]:
        found = self.get(key)
        if found is None:
            found = self._live[key] = {}
        return found

    def discard(self, key: str) -> None:
        self._live.pop(key, None)
        self._frozen.pop(key, None)

    def __getstate__(self) -> dict[str, tuple[Any, ...]]:
        frozen = dict(self._frozen)
        for key, buckets in self._live.items():
            if buckets:
                frozen[key] = tuple(x for bucket, stories in buckets.items() for x in (bucket, len(stories), *stories))
        return frozen

    def __setstate__(self, state: dict[str, tuple[Any, ...]]) -> None:
        self._frozen = state
        self._live = {}


@dataclass(slots=True)
class _Member:
    features: StoryFeatures
    keys: dict[str, float]
    """Typed keys with raw counts."""
    vector: dict[str, float]
    """Key -> sublinear count x idf, scaled to unit length per key type."""
    day: date | None


@dataclass(slots=True)
class _Group:
    """A story, or a group of articles while a neighbourhood is re-placed."""

    members: list[str] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    """Sum of the members' vectors."""
    first: date | None = None
    last: date | None = None
    events: set[int] = field(default_factory=set)
    """Days (ordinals) the members' first sentences name."""
    specific: bool = False
    """Whether any member has a name, place, date or figure."""
    placed: int = 0
    """How many articles the clusterer had counted when this story was formed."""
    pairs: float = 0.0
    """Sum of the similarities (without the time and specifics rules) of its pairs of articles."""

    def __getstate__(self) -> tuple[Any, ...]:
        # a tuple: the generic state of a slotted dataclass costs a field lookup per object
        return (self.members, self.total, self.first, self.last, self.events, self.specific, self.placed, self.pairs)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        (self.members, self.total, self.first, self.last, self.events, self.specific, self.placed, self.pairs) = state

    def cohesion(self) -> float:
        """Mean similarity between two of its articles (0 for fewer than two)."""
        n = len(self.members)
        return 2 * self.pairs / (n * (n - 1)) if n > 1 else 0.0


def _order_key(features: StoryFeatures) -> tuple[str, str]:
    return (features.published or "9999-12-31", features.article_id)


class StoryClusterer:
    """Incremental story clustering with explicit, restorable state."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._weights = self.options.type_weights()
        self._df: Counter[str] = Counter()
        self._documents = 0  # articles counted in ``_df``
        self._members: dict[str, _Member] = {}
        self._order: list[str] = []  # article ids in arrival order, for snapshots
        self._story_of: dict[str, str] = {}  # article id -> story key (its earliest article's id)
        self._stories: dict[str, _Group] = {}
        # key -> time bucket -> stories holding it; a bucket is ``window_days`` wide (None: undated), so
        # looking up candidates costs what the stories near a group in time hold, not the whole past
        self._postings = _Postings()
        self._formed: list[tuple[int, str]] = []  # heap of (articles counted when formed, story key)
        # the articles' features, read on demand when they live in the ledger (see ``attach``)
        self._stored: Items[StoryFeatures] | None = None
        self._unsaved: list[str] = []

    # ---- saving --------------------------------------------------------------------------------
    # Pickled, the clusterer keeps what placing new articles needs: word rarity, the stories'
    # vector sums and the postings. The articles' own features go to records per article when a
    # store is attached (read back only for the stories a batch re-places), and their vectors are
    # made again from the rarity of the moment they are re-placed, as they would be in one process.

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in _CLUSTERER_STATE}
        if self._stored is not None:
            state["_members"] = {}
        else:
            state["_members"] = {a: _Member(m.features, m.keys, {}, m.day) for a, m in self._members.items()}
        state["_stored"] = None
        state["_unsaved"] = []
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def attach(self, stored: Items[StoryFeatures]) -> None:
        """Read the features of articles added before from ``stored`` (the ledger), on demand."""
        self._stored = stored

    def unsaved(self) -> dict[str, StoryFeatures]:
        """The features of the articles added since the last call, to store."""
        found = {a: self._members[a].features for a in self._unsaved if a in self._members}
        self._unsaved.clear()
        return found

    def _member(self, article_id: str) -> _Member:
        member = self._members.get(article_id)
        if member is None:
            if self._stored is None:
                raise KeyError(article_id)
            features = self._stored[article_id]
            member = self._members[article_id] = _Member(features, features.keys(), {}, features.day)
        return member

    # ---- public API ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._story_of)

    def add(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Put ``article`` into a story (existing or new) and return that story's id."""
        if article.id in self._story_of:
            return self.story_of(article.id)
        return self.add_features(features if features is not None else story_features(article))

    def add_features(self, features: StoryFeatures) -> str:
        """Like :meth:`add`, for features computed beforehand."""
        self._add_batch([features])
        return self.story_of(features.article_id)

    def add_many(self, articles: Iterable[Article | tuple[Article, StoryFeatures]]) -> dict[str, str]:
        """Add a batch; article id -> story id for its articles and for every article whose story changed."""
        batch: list[StoryFeatures] = []
        for item in articles:
            article, features = item if isinstance(item, tuple) else (item, None)
            if article.id not in self._story_of:
                batch.append(features if features is not None else story_features(article))
        return self._add_batch(batch)

    def story_of(self, article_id: str) -> str:
        """The id of the story ``article_id`` is in (``KeyError`` when it was never added)."""
        return story_id(self._story_of[article_id])

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, for every article added."""
        return {article: story_id(key) for article, key in self._story_of.items()}

    def stories_of(self, article_ids: Iterable[str]) -> list[Story]:
        """The stories holding these articles (each once), earliest first, with their labels."""
        result = [self._story(key) for key in {self._story_of[a] for a in article_ids}]
        result.sort(key=lambda s: (s.first or "9999-12-31", s.id))
        return result

    @property
    def story_count(self) -> int:
        """How many stories there are."""
        return len(self._stories)

    def stories(self) -> list[Story]:
        """Every story, earliest first, with its label."""
        result = [self._story(key) for key in self._stories]
        result.sort(key=lambda s: (s.first or "9999-12-31", s.id))
        return result

    def describe(self, article_ids: Iterable[str]) -> Story:
        """A story record for some of the clusterer's articles taken together, labelled as its own stories
        are (for an analyst's merge or split; the clusterer's own stories stay as they are)."""
        ordered = sorted(set(article_ids), key=lambda a: _order_key(self._member(a).features))
        group = _Group(placed=self._documents)
        for article_id in ordered:
            self._absorb(group, self._single(article_id))
        return self._record(ordered[0], group)

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON-ready data: options, each article's features, and the stories."""
        return {
            "version": 2,
            "options": asdict(self.options),
            "articles": [self._member(a).features.as_dict() for a in self._order],
            "stories": [
                {"articles": sorted(group.members), "placed": group.placed}
                for _, group in sorted(self._stories.items())
            ],
        }

    @classmethod
    def restore(cls, data: Mapping[str, Any]) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`snapshot` data (the same stories, the same ids)."""
        if data.get("version") != 2:
            raise ValueError(f"unknown story snapshot version {data.get('version')!r}")
        clusterer = cls(StoryOptions(**data.get("options", {})))
        features = [StoryFeatures.from_dict(item) for item in data.get("articles", ())]
        clusterer._count(features)
        for item in features:
            clusterer._members[item.article_id] = _Member(item, item.keys(), {}, item.day)
            clusterer._order.append(item.article_id)
        for member in clusterer._members.values():
            member.vector = clusterer._vector(member.keys)
        stories = [(list(story["articles"]), int(story["placed"])) for story in data.get("stories", ())]
        if sorted(a for story, _ in stories for a in story) != sorted(clusterer._members):
            raise ValueError("story snapshot: stories do not hold exactly its articles")
        for story, placed in stories:
            clusterer._install(story, placed)
        return clusterer

    def forget(self, article_ids: Collection[str]) -> list[str]:
        """Take articles out (their text changed): each story they were in stays, less them (an
        emptied story goes), and word rarity no longer counts them. Returns the articles of the
        stories they left, which the caller links again."""
        drop = [a for a in dict.fromkeys(article_ids) if a in self._story_of]
        if not drop:
            return []
        gone = set(drop)
        keys = sorted({self._story_of[a] for a in drop})
        if self._stored is not None:
            self._stored.prefetch(a for key in keys for a in self._stories[key].members if a not in self._members)
        for article_id in drop:
            counted = self._member(article_id).keys
            self._df.subtract(counted.keys())
            for key in counted:
                if self._df[key] <= 0:
                    del self._df[key]
        self._documents -= len(drop)
        regrouped = []
        for key in keys:
            placed = self._stories[key].placed
            regrouped.append(([a for a in self._dissolve(key) if a not in gone], placed))
        for article_id in drop:
            del self._story_of[article_id]
            self._members.pop(article_id, None)
        self._order = [a for a in self._order if a not in gone]
        self._unsaved = [a for a in self._unsaved if a not in gone]
        kept: list[str] = []
        for members, placed in regrouped:
            if not members:
                continue
            for article_id in members:
                member = self._member(article_id)
                member.vector = self._vector(member.keys)
            self._install(members, placed)
            kept.extend(members)
        return kept

    # ---- placing a batch -----------------------------------------------------------------------
    # The batch's articles count towards word rarity first. Then the neighbourhood of the batch is
    # found: the stories similar enough (``reach``) to a new article, and the stories similar enough
    # to those (``reach_depth`` steps). Those stories are dissolved and their articles re-placed
    # with the new ones by average-linkage clustering (below), with the rarity of now. Clustering
    # depends only on the set of articles re-placed, never on their order, so the stories come out
    # the same however a corpus is split into batches, as long as each neighbourhood holds what the
    # one-run clustering would have grouped. Stories outside the neighbourhood are left untouched,
    # which keeps the cost of a batch proportional to the stories it touches.

    def _add_batch(self, batch: list[StoryFeatures]) -> dict[str, str]:
        fresh: dict[str, StoryFeatures] = {}
        for features in batch:
            if features.article_id not in self._story_of:
                fresh.setdefault(features.article_id, features)
        if not fresh:
            return {}
        keyed = {article_id: features.keys() for article_id, features in fresh.items()}
        for keys in keyed.values():
            self._df.update(keys.keys())
        self._documents += len(keyed)
        for article_id, features in fresh.items():
            self._members[article_id] = _Member(features, keyed[article_id], {}, features.day)
            self._order.append(article_id)
            self._unsaved.append(article_id)
        for article_id in fresh:
            member = self._members[article_id]
            member.vector = self._vector(member.keys)
        reached = self._neighbourhood(list(fresh), self._stale())
        before = {frozenset(self._stories[key].members) for key in reached}
        placed = list(fresh)
        for key in sorted(reached):
            placed.extend(self._dissolve(key))
        if self._stored is not None:
            self._stored.prefetch(a for a in placed[len(fresh) :] if a not in self._members)
        for article_id in placed[len(fresh) :]:
            member = self._member(article_id)
            member.vector = self._vector(member.keys)
        changed: dict[str, str] = {}
        for group in self._cluster(placed):
            key = self._install(group)
            if frozenset(group) not in before:
                changed.update((article_id, story_id(key)) for article_id in group)
        return {a: self.story_of(a) for a in sorted(set(fresh) | set(changed))}

    def _count(self, batch: list[StoryFeatures]) -> None:
        for features in batch:
            self._df.update(features.keys().keys())
        self._documents += len(batch)

    def _stale(self) -> set[str]:
        """Stories formed when the clusterer had counted ``refresh`` fewer articles than now."""
        stale: set[str] = set()
        while self._formed and self._formed[0][0] * (1 + self.options.refresh) < self._documents:
            placed, key = heapq.heappop(self._formed)
            story = self._stories.get(key)
            if story is not None and story.placed == placed:
                stale.add(key)
        return stale

    def _neighbourhood(self, fresh: list[str], stale: set[str]) -> set[str]:
        """The stories a batch's articles (or stale stories) reach, through ``reach_depth - 1`` others."""
        reached: set[str] = set()
        frontier: set[str] = set(stale)
        for article_id in fresh:
            single = self._single(article_id)
            for story in self._candidates(single, exclude=None):
                if story not in frontier and self._similarity(single, self._stories[story]) >= self.options.reach:
                    frontier.add(story)
        for _ in range(self.options.reach_depth - 1):
            reached |= frontier
            following: set[str] = set()
            for key in sorted(frontier):
                group = self._stories[key]
                for other in self._candidates(group, exclude=key):
                    if other in reached or other in following:
                        continue
                    if self._similarity(group, self._stories[other]) >= self.options.reach:
                        following.add(other)
            frontier = following
        return reached | frontier

    def _dissolve(self, key: str) -> list[str]:
        group = self._stories.pop(key)
        buckets = self._buckets(group)
        for k in group.total:
            postings = self._postings.get(k)
            if postings is None:
                continue
            for bucket in buckets:
                stories = postings.get(bucket)
                if stories is not None:
                    stories.discard(key)
                    if not stories:
                        del postings[bucket]
            if not postings:
                self._postings.discard(k)
        return group.members

    def _buckets(self, group: _Group, margin: int = 0) -> list[int | None]:
        """The time buckets of the days a group's dated articles span, ``margin`` days wider on each
        side; ``[None]`` for a group without dates."""
        if group.first is None or group.last is None:
            return [None]
        width = max(1, self.options.window_days)
        return list(range((group.first.toordinal() - margin) // width, (group.last.toordinal() + margin) // width + 1))

    def _install(self, members: list[str], placed: int | None = None) -> str:
        """Make ``members`` one story, keyed by its earliest article; returns the key."""
        ordered = sorted(members, key=lambda a: _order_key(self._member(a).features))
        group = _Group(placed=self._documents if placed is None else placed)
        for article_id in ordered:
            self._absorb(group, self._single(article_id))
        key = ordered[0]
        self._stories[key] = group
        heapq.heappush(self._formed, (group.placed, key))
        buckets = self._buckets(group)
        for k in group.total:
            postings = self._postings.setdefault(k)
            for bucket in buckets:
                postings.setdefault(bucket, set()).add(key)
        for article_id in ordered:
            self._story_of[article_id] = key
        return key

    # ---- average-linkage clustering of re-placed articles ----------------------------------------
    # Every article starts alone; the most similar pair of groups merges, best pair first, while
    # the similarity reaches ``threshold``. Pairs come from an inverted index of the articles' rare
    # keys, so only articles that share something specific are ever compared. Ties break on
    # article ids, which makes the result a function of the set of articles alone.

    def _cluster(self, articles: list[str]) -> list[list[str]]:
        ordered = sorted(set(articles), key=lambda a: _order_key(self._member(a).features))
        rank = {a: i for i, a in enumerate(ordered)}
        groups = {a: self._single(a) for a in ordered}
        index: dict[str, list[str]] = defaultdict(list)
        # Each article's place in the postings of its keys, which are in publication order.
        lookup: dict[str, list[tuple[str, int]]] = {}
        for a in ordered:
            places = []
            for k in self._lookup_keys(self._member(a).vector):
                postings = index[k]
                places.append((k, len(postings)))
                postings.append(a)
            lookup[a] = places
        # A key held by many articles proposes only the ``nearest_postings`` nearest to the article
        # in publication order: the work per article stays the same however large the batch, and
        # articles far apart in time are kept apart by the time window anyway.
        half = self.options.nearest_postings // 2
        neighbours: dict[str, set[str]] = {a: set() for a in ordered}
        for a in ordered:
            vector = self._member(a).vector
            hits: dict[str, float] = {}
            for k, position in lookup[a]:
                postings = index[k]
                if len(postings) > 2 * half + 1:
                    postings = postings[max(0, position - half) : position + half + 1]
                weight = vector[k]
                for b in postings:
                    hits[b] = hits.get(b, 0.0) + weight
            hits.pop(a, None)
            best = heapq.nlargest(self.options.max_candidates, hits, key=hits.__getitem__)
            for b in best:
                neighbours[a].add(b)
                neighbours[b].add(a)
        versions = dict.fromkeys(ordered, 0)
        heap: list[tuple[float, int, int, int, int]] = []

        # The dot product of two groups' totals (and whether they share a specific key) is cached
        # per pair: after a merge, the merged group's with a neighbour is the sum of its parts',
        # so the cost of a merge does not grow with the size of the groups.
        dots: dict[tuple[str, str], tuple[float, bool]] = {}

        def pair(a: str, b: str) -> tuple[str, str]:
            return (a, b) if rank[a] < rank[b] else (b, a)

        def push(a: str, b: str) -> float:
            if self._apart(groups[a], groups[b]):
                return 0.0
            key = pair(a, b)
            cached = dots.get(key)
            if cached is None:
                cached = dots[key] = _dot(groups[a], groups[b])
            similarity = round(self._score(groups[a], groups[b], *cached), 12)
            if similarity >= self.options.threshold and self._cohesive(groups[a], groups[b], similarity):
                first, second = (a, b) if rank[a] < rank[b] else (b, a)
                heapq.heappush(heap, (-similarity, rank[first], rank[second], versions[first], versions[second]))
            return similarity

        for a in ordered:
            for b in neighbours[a]:  # the heap orders the pairs: no need to sort here
                if rank[a] < rank[b]:
                    push(a, b)
        while heap:
            _, i, j, version_i, version_j = heapq.heappop(heap)
            keep, gone = ordered[i], ordered[j]
            if keep not in groups or gone not in groups:
                continue
            if versions[keep] != version_i or versions[gone] != version_j:
                continue
            absorbed = groups.pop(gone)
            near = (neighbours[keep] | neighbours.pop(gone)) - {keep, gone}
            for other in near:
                kept, merged = dots.pop(pair(keep, other), None), dots.pop(pair(gone, other), None)
                if kept is None and merged is None:
                    continue
                # the part not known yet is the smaller computation: do it before the merge
                kept = kept or _dot(groups[keep], groups[other])
                merged = merged or _dot(absorbed, groups[other])
                dots[pair(keep, other)] = (kept[0] + merged[0], kept[1] or merged[1])
            self._absorb(groups[keep], absorbed)
            versions[keep] += 1
            neighbours[keep] = near
            similarities: dict[str, float] = {}
            for other in near:
                neighbours[other].discard(gone)
                neighbours[other].add(keep)
                similarities[other] = push(keep, other)
            # A merged group keeps only its most similar neighbours, as an article does: the work
            # of a merge stays bounded however large the group grows.
            if len(near) > 2 * self.options.max_candidates:
                ranked = sorted(near, key=lambda other: (-similarities[other], rank[other]))
                for other in ranked[2 * self.options.max_candidates :]:
                    near.discard(other)
                    neighbours[other].discard(keep)
                    dots.pop(pair(keep, other), None)
        return [groups[a].members for a in ordered if a in groups]

    def _cohesive(self, a: _Group, b: _Group, similarity: float) -> bool:
        """Whether two groups of some size are nearly as similar to each other as inside themselves."""
        size = self.options.cohesion_size
        if len(a.members) < size or len(b.members) < size:
            return True
        return similarity >= self.options.cohesion * min(a.cohesion(), b.cohesion())

    def _single(self, article_id: str) -> _Group:
        member = self._member(article_id)
        group = _Group([article_id], dict(member.vector))
        self._extend_dates(group, member)
        return group

    @staticmethod
    def _extend_dates(group: _Group, member: _Member) -> None:
        if member.day is not None:
            group.first = member.day if group.first is None else min(group.first, member.day)
            group.last = member.day if group.last is None else max(group.last, member.day)
        group.events.update(date.fromisoformat(d).toordinal() for d in member.features.event_days)
        group.specific = group.specific or any(k[0] in _SPECIFIC for k in member.vector)

    @staticmethod
    def _absorb(group: _Group, other: _Group) -> None:
        if group.members and other.members:
            common = group.total.keys() & other.total.keys()
            products = map(operator.mul, map(group.total.__getitem__, common), map(other.total.__getitem__, common))
            group.pairs += other.pairs + math.fsum(products)
        group.members.extend(other.members)
        for k, v in other.total.items():
            group.total[k] = group.total.get(k, 0.0) + v
        if other.first is not None and other.last is not None:
            group.first = other.first if group.first is None else min(group.first, other.first)
            group.last = other.last if group.last is None else max(group.last, other.last)
        group.events |= other.events
        group.specific = group.specific or other.specific

    # ---- vectors and similarity ----------------------------------------------------------------
    # Each article is a sparse vector per key type, weighted by sublinear count and rarity (idf)
    # and scaled to unit length per type. A group keeps the sum of its articles' vectors, so the
    # mean cosine between the articles of two groups (average linkage) is one sparse dot product
    # divided by the product of their sizes.

    def _vector(self, keys: dict[str, float]) -> dict[str, float]:
        vector: dict[str, float] = {}
        norms: dict[str, float] = defaultdict(float)
        for key, count in keys.items():
            value = (1.0 + math.log(count)) * self._idf(key)
            if value > 0:
                vector[key] = value
                norms[key[0]] += value * value
        # Each type is scaled to unit length, then by the square root of its weight, so that a
        # plain dot product is the weighted sum of per-type cosines.
        scale = {t: math.sqrt(self._weights.get(t, 0.0) / n) for t, n in norms.items()}
        return {k: v * scale[k[0]] for k, v in vector.items() if scale[k[0]] > 0}

    def _idf(self, key: str) -> float:
        return math.log((self._documents + 1) / (self._df.get(key, 0) + 0.5))

    def _similarity(self, a: _Group, b: _Group) -> float:
        """Weighted mean cosine between the articles of two groups, with the time and specifics rules."""
        if self._apart(a, b):
            return 0.0
        return self._score(a, b, *_dot(a, b))

    def _apart(self, a: _Group, b: _Group) -> bool:
        """Whether the dated articles of two groups lie further apart than the time window."""
        if a.first and b.first and a.last and b.last:
            return max((a.first - b.last).days, (b.first - a.last).days) > self.options.window_days
        return False

    def _score(self, a: _Group, b: _Group, dot: float, shared: bool) -> float:
        """The similarity of two groups from the dot product of their totals and whether they share
        a name, place, date or figure (``shared``)."""
        score = dot / (len(a.members) * len(b.members))
        if a.specific and b.specific and not shared:
            score *= self.options.unshared_penalty
        if a.events and b.events and _gap(a.events, b.events) > self.options.event_gap_days:
            score *= self.options.event_penalty
        return score

    # ---- candidates ----------------------------------------------------------------------------

    def _lookup_keys(self, vector: Mapping[str, float]) -> list[str]:
        specific = [k for k in vector if k[0] not in "wl"]
        words = sorted((k for k in vector if k[0] == "w"), key=lambda k: (self._df[k], k))
        return specific + words[: self.options.rare_words]

    def _candidates(self, group: _Group, exclude: str | None) -> list[str]:
        """Stories sharing the group's rarest keys, most shared first, within the time window."""
        hits: dict[str, float] = defaultdict(float)
        # the buckets within the time window of the group (a superset of the days it reaches), and
        # the undated stories; an undated group may join a story of any time
        near = None if group.first is None else [*self._buckets(group, self.options.window_days), None]
        for k in self._lookup_keys(group.total):
            postings = self._postings.get(k)
            if not postings:
                continue
            stories = set().union(*(postings.values() if near is None else (postings.get(b, ()) for b in near)))
            if len(stories) > self.options.max_postings:
                continue
            weight = group.total[k]
            for story in stories:
                hits[story] += weight
        hits.pop(exclude or "", None)
        ranked = heapq.nsmallest(self.options.max_candidates, hits.items(), key=lambda item: (-item[1], item[0]))
        return [story for story, _ in ranked]

    # ---- records -------------------------------------------------------------------------------

    def _story(self, key: str) -> Story:
        return self._record(key, self._stories[key])

    def _record(self, key: str, group: _Group) -> Story:
        """The record of a group of articles whose earliest is ``key``."""
        members = sorted((self._member(a).features for a in group.members), key=_order_key)
        names: Counter[str] = Counter()
        people: Counter[str] = Counter()
        places: dict[str, float] = defaultdict(float)
        dates: Counter[str] = Counter()
        figures: Counter[str] = Counter()
        weapons: Counter[str] = Counter()
        for features in members:
            names.update(features.names[:8])
            people.update(features.people[:5])
            for rank, name in enumerate(features.places[:4]):
                places[name] += 1.0 / (rank + 1)  # an article's places come most event-like first
            dates.update(features.dates)
            figures.update(features.figures)
            weapons.update(features.weapons)
        actor, action, place = story_parts(members, names, places)
        first = group.first.isoformat() if group.first else None
        last = group.last.isoformat() if group.last else None
        date_list = _top(dates, 3, at_least=1 if len(members) == 1 else 2)
        span = date_span(self._span_days(group, date_list))
        label = " · ".join(part for part in (actor, action, place, span) if part)
        folded_places = {fold_name(p) for p in places}
        others = [
            n
            for n in _top(names, 8)
            if not n.isupper()  # a dateline
            and fold_name(n) not in folded_places
            and not (actor and fold_name(n).startswith(fold_name(actor)))  # "Varnian" after "Varnia"
        ]
        actors = tuple(dict.fromkeys([*([actor] if actor else []), *others]))[:3]
        return Story(
            id=story_id(key),
            label=label or members[0].lead[:60] or "(untitled)",
            articles=tuple(StoryArticle(f.article_id, f.source) for f in members),
            first=first,
            last=last,
            actors=actors,
            action=action,
            places=tuple(p for p in _top(places, 4, at_least=0) if p != actor)[:3],
            people=_top(people, 3),
            dates=date_list,
            figures=_top(figures, 3, at_least=2 if len(members) > 1 else 1),
            weapons=_top(weapons, 3),
        )

    def _span_days(self, group: _Group, mentioned: tuple[str, ...]) -> list[date]:
        """The days a story covers: from the earliest event day its first sentences name (within
        the time window before its first publication) to its last publication day."""
        if group.first is None or group.last is None:
            return [date.fromisoformat(d) for d in mentioned[:1] if len(d) == 10 and d[:4].isdigit()]
        earliest = group.first.toordinal() - self.options.window_days
        events = [date.fromordinal(d) for d in group.events if earliest <= d <= group.last.toordinal()]
        return [group.first, group.last, *events]


_CLUSTERER_STATE = (
    "options",
    "_postings",
    "_weights",
    "_df",
    "_documents",
    "_order",
    "_story_of",
    "_stories",
    "_formed",
)


def _dot(a: _Group, b: _Group) -> tuple[float, bool]:
    """The dot product of two groups' totals, and whether they share a specific key."""
    common = a.total.keys() & b.total.keys()
    # map() keeps these loops in C; fsum rounds the same whatever the order of ``common``
    products = map(operator.mul, map(a.total.__getitem__, common), map(b.total.__getitem__, common))
    return math.fsum(products), any(map(_SPECIFIC.__contains__, map(_key_type, common)))


def _gap(a: set[int], b: set[int]) -> int:
    """Fewest days between a day of ``a`` and a day of ``b``."""
    first, second = sorted(a), sorted(b)
    i = j = 0
    best = abs(first[0] - second[0])
    while i < len(first) and j < len(second):
        best = min(best, abs(first[i] - second[j]))
        if first[i] < second[j]:
            i += 1
        else:
            j += 1
    return best


def _top(counts: Mapping[str, float], n: int, *, at_least: float = 1) -> tuple[str, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(name for name, count in ranked[:n] if count >= at_least)


def cluster_stories(articles: Iterable[Article], options: StoryOptions | None = None) -> list[Story]:
    """Group ``articles`` into stories in one batch (publication order); earliest story first."""
    clusterer = StoryClusterer(options)
    clusterer.add_many(articles)
    return clusterer.stories()

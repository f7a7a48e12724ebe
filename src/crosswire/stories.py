"""Stories: articles about the same real-world event or development, grouped incrementally.

:class:`StoryClusterer` keeps explicit state and takes one article at a time:
``add(article) -> story_id`` puts it into an existing story or starts a new one, without
re-clustering what came before. How an article is placed:

1. its features (:func:`crosswire.story_features.features_of`: content-word stems, people and
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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from crosswire.errors import OptionError
from crosswire.model import Article
from crosswire.story_features import StoryFeatures, content_words, features_of

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

_SPECIFIC = ("n", "p", "d", "q", "x")


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Settings of story clustering; the defaults suit news articles of a few hundred words."""

    threshold: float = 0.6
    """Similarity (weighted mean cosine with the story's articles) from which an article joins it."""
    merge_threshold: float = 0.3
    """Similarity between two stories' articles from which an article bridging them merges them."""
    window_days: int = 7
    """Most days between an article's publication and a story's dated articles."""
    word_weight: float = 1.0
    name_weight: float = 0.5
    place_weight: float = 0.3
    date_weight: float = 0.5
    figure_weight: float = 0.2
    weapon_weight: float = 0.2
    unshared_penalty: float = 0.5
    """Factor on the similarity when the article and the story share no name, place, date or figure."""
    rare_words: int = 25
    """How many of an article's rarest content words look up candidate stories."""
    max_candidates: int = 30
    """Most candidate stories scored in full per article."""
    max_postings: int = 5000
    """A key indexed for more stories than this no longer proposes candidates."""

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0 or not 0.0 < self.merge_threshold <= 1.0:
            raise OptionError("threshold and merge_threshold must lie in (0, 1]")
        if self.window_days < 0:
            raise OptionError("window_days must be >= 0")
        weights = (self.word_weight, self.name_weight, self.place_weight, self.date_weight)
        if min(*weights, self.figure_weight, self.weapon_weight) < 0:
            raise OptionError("feature weights must be >= 0")
        if not 0.0 <= self.unshared_penalty <= 1.0:
            raise OptionError("unshared_penalty must lie in [0, 1]")
        if self.rare_words < 1 or self.max_candidates < 1 or self.max_postings < 1:
            raise OptionError("rare_words, max_candidates and max_postings must be >= 1")

    def type_weights(self) -> dict[str, float]:
        """The weight of each key type (``w`` words, ``n`` names, ``p`` places, ...)."""
        return {
            "w": self.word_weight,
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


@dataclass(slots=True)
class _Member:
    features: StoryFeatures
    vector: dict[str, float]
    """Key -> sublinear count x idf, scaled to unit length per key type."""
    day: date | None


@dataclass(slots=True)
class _StoryState:
    members: list[str] = field(default_factory=list)
    total: dict[str, float] = field(default_factory=dict)
    first: date | None = None
    last: date | None = None


def _order_key(features: StoryFeatures) -> tuple[str, str]:
    return (features.published or "9999-12-31", features.article_id)


class StoryClusterer:
    """Incremental story clustering with explicit, restorable state."""

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._weights = self.options.type_weights()
        self._df: Counter[str] = Counter()
        self._members: dict[str, _Member] = {}
        self._story_of: dict[str, str] = {}  # article id -> internal story key
        self._stories: dict[str, _StoryState] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._order: list[str] = []  # article ids in arrival order, for snapshots
        self._documents = 0  # articles counted in ``_df``
        self._counted: set[str] = set()
        self._touched: set[str] = (
            set()
        )  # stories a batch has changed  # articles of the current batch already in ``_df``
        self._next = 0

    # ---- public API ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._members)

    def add(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Put ``article`` into a story (existing or new) and return that story's id."""
        if article.id in self._members:
            return self.story_of(article.id)
        return self.add_features(features if features is not None else features_of(article))

    def add_many(self, articles: Iterable[Article | tuple[Article, StoryFeatures]]) -> dict[str, str]:
        """Add a batch in publication order (undated last, ties by id); article id -> story id."""
        batch: list[StoryFeatures] = []
        for item in articles:
            article, features = item if isinstance(item, tuple) else (item, None)
            if article.id not in self._members:
                batch.append(features if features is not None else features_of(article))
        # The whole batch counts towards word rarity before any of it is placed, so the first
        # articles of a batch are weighed as well as the last.
        counted = set()
        for features in batch:
            if features.article_id not in counted:
                counted.add(features.article_id)
                self._df.update(features.keys().keys())
                self._documents += 1
        self._counted.update(counted)
        for features in sorted(batch, key=_order_key):
            self.add_features(features)
        self._counted.clear()
        self._consolidate(self._touched)
        self._touched.clear()
        return {f.article_id: self.story_of(f.article_id) for f in batch}

    def add_features(self, features: StoryFeatures) -> str:
        """Like :meth:`add`, for features computed beforehand."""
        if features.article_id in self._members:
            return self.story_of(features.article_id)
        keys = features.keys()
        if features.article_id not in self._counted:
            self._df.update(keys.keys())
            self._documents += 1
        member = _Member(features, {}, features.day)
        self._members[features.article_id] = member
        self._order.append(features.article_id)
        member.vector = self._vector(keys)
        scored = self._score_candidates(member)
        if scored and scored[0][0] >= self.options.threshold:
            target = scored[0][1]
            self._join(target, member)
        else:
            target = f"k{self._next}"
            self._next += 1
            self._stories[target] = _StoryState()
            self._join(target, member)
        if self._counted:
            self._touched.add(target)  # a batch consolidates once, at its end
        else:
            target = self._consolidate({target}).get(target, target)
        return self._public_id(target)

    def story_of(self, article_id: str) -> str:
        """The id of the story ``article_id`` is in (``KeyError`` when it was never added)."""
        return self._public_id(self._story_of[article_id])

    def assignments(self) -> dict[str, str]:
        """Article id -> story id, for every article added."""
        public = {key: self._public_id(key) for key in self._stories}
        return {article: public[key] for article, key in self._story_of.items()}

    def stories(self) -> list[Story]:
        """Every story, earliest first, with its label."""
        result = [self._story(key) for key in self._stories]
        result.sort(key=lambda s: (s.first or "9999-12-31", s.id))
        return result

    def snapshot(self) -> dict[str, Any]:
        """The state as JSON-ready data: options and each article's features in arrival order."""
        return {
            "version": 1,
            "options": asdict(self.options),
            "articles": [self._members[a].features.as_dict() for a in self._order],
        }

    @classmethod
    def restore(cls, data: Mapping[str, Any]) -> StoryClusterer:
        """Rebuild a clusterer from :meth:`snapshot` data (the same stories, the same ids)."""
        if data.get("version") != 1:
            raise ValueError(f"unknown story snapshot version {data.get('version')!r}")
        clusterer = cls(StoryOptions(**data.get("options", {})))
        for item in data.get("articles", ()):
            clusterer.add_features(StoryFeatures.from_dict(item))
        return clusterer

    # ---- vectors -------------------------------------------------------------------------------
    # Each article is a sparse vector per key type, weighted by sublinear count and rarity (idf)
    # and scaled to unit length per type. A story keeps the sum of its articles' vectors, so the
    # mean cosine between an article and the story's articles (average linkage) is one sparse dot
    # product divided by the story's size. An article's own vector keeps the idf of the moment it
    # was added; that makes the result depend a little on arrival order while the corpus is small.

    def _vector(self, keys: dict[str, float]) -> dict[str, float]:
        vector: dict[str, float] = {}
        norms: dict[str, float] = defaultdict(float)
        for key, count in keys.items():
            value = (1.0 + math.log(count)) * self._idf(key)
            if value > 0:
                vector[key] = value
                norms[key[0]] += value * value
        return {k: v / math.sqrt(norms[k[0]]) for k, v in vector.items()}

    def _idf(self, key: str) -> float:
        return math.log((self._documents + 1) / (self._df.get(key, 0) + 0.5))

    def _similarity(self, vector: Mapping[str, float], total: Mapping[str, float], size: int) -> float:
        """Weighted sum over key types of the mean cosine between ``vector`` and a story's articles."""
        small, large = (vector, total) if len(vector) <= len(total) else (total, vector)
        score = 0.0
        for key, value in small.items():
            other = large.get(key)
            if other is not None:
                score += self._weights[key[0]] * value * other
        return score / size if size else 0.0

    # ---- candidates and scoring ----------------------------------------------------------------

    def _lookup_keys(self, member: _Member) -> list[str]:
        specific = [k for k in member.vector if k[0] != "w"]
        words = sorted((k for k in member.vector if k[0] == "w"), key=lambda k: (self._df[k], k))
        return specific + words[: self.options.rare_words]

    def _score_candidates(self, member: _Member) -> list[tuple[float, str]]:
        hits: dict[str, float] = defaultdict(float)
        for key in self._lookup_keys(member):
            postings = self._postings.get(key)
            if not postings or len(postings) > self.options.max_postings:
                continue
            weight = member.vector[key]
            for story in postings:
                hits[story] += weight
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[: self.options.max_candidates]
        specific = [k for k in member.vector if k[0] in "npdq"]
        scored: list[tuple[float, str]] = []
        for story, _ in ranked:
            state = self._stories[story]
            if not self._in_window(member.day, state):
                continue
            similarity = self._similarity(member.vector, state.total, len(state.members))
            if specific and not any(k in state.total for k in specific):
                similarity *= self.options.unshared_penalty
            scored.append((similarity, story))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored

    def _in_window(self, day: date | None, state: _StoryState) -> bool:
        if day is None or state.first is None or state.last is None:
            return True
        window = self.options.window_days
        return (state.first - day).days <= window and (day - state.last).days <= window

    def _story_similarity(self, a: str, b: str) -> float:
        """Weighted mean cosine between the articles of two stories (0 when their dates lie apart)."""
        first, second = self._stories[a], self._stories[b]
        if first.first and second.first and first.last and second.last:
            gap = max((first.first - second.last).days, (second.first - first.last).days)
            if gap > self.options.window_days:
                return 0.0
        return self._similarity(first.total, second.total, len(first.members)) / len(second.members)

    # ---- state changes -------------------------------------------------------------------------

    def _join(self, key: str, member: _Member) -> None:
        state = self._stories[key]
        state.members.append(member.features.article_id)
        for k, v in member.vector.items():
            if k not in state.total:
                self._postings[k].add(key)
            state.total[k] = state.total.get(k, 0.0) + v
        if member.day is not None:
            state.first = member.day if state.first is None else min(state.first, member.day)
            state.last = member.day if state.last is None else max(state.last, member.day)
        self._story_of[member.features.article_id] = key

    def _consolidate(self, touched: set[str]) -> dict[str, str]:
        """Merge stories best pair first while their articles are similar enough (average linkage).

        Only pairs involving a changed story are considered, found through the inverted index, so
        the cost follows the change, not the number of stories. Returns where merged stories went.
        """
        moved: dict[str, str] = {}
        versions: dict[str, int] = defaultdict(int)
        heap: list[tuple[float, str, str, int, int]] = []

        def push(key: str) -> None:
            for other in self._story_candidates(key):
                similarity = self._story_similarity(key, other)
                if similarity >= self.options.merge_threshold:
                    a, b = min(key, other), max(key, other)
                    heapq.heappush(heap, (-similarity, a, b, versions[a], versions[b]))

        for key in sorted(touched):
            if key in self._stories:
                push(key)
        while heap:
            _, a, b, version_a, version_b = heapq.heappop(heap)
            if a not in self._stories or b not in self._stories:
                continue
            if versions[a] != version_a or versions[b] != version_b:
                continue
            kept = self._merge(a, b)
            gone = b if kept == a else a
            moved[gone] = kept
            versions[kept] += 1
            push(kept)
        for gone in list(moved):
            while moved[gone] in moved:
                moved[gone] = moved[moved[gone]]
        return moved

    def _story_candidates(self, key: str) -> list[str]:
        state = self._stories[key]
        specific = [k for k in state.total if k[0] != "w"]
        words = sorted((k for k in state.total if k[0] == "w"), key=lambda k: (self._df[k], k))
        hits: dict[str, float] = defaultdict(float)
        for k in specific + words[: self.options.rare_words]:
            postings = self._postings.get(k)
            if not postings or len(postings) > self.options.max_postings:
                continue
            for other in postings:
                if other != key:
                    hits[other] += state.total[k]
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [other for other, _ in ranked[: self.options.max_candidates]]

    def _merge(self, a: str, b: str) -> str:
        keep, gone = (a, b) if len(self._stories[a].members) >= len(self._stories[b].members) else (b, a)
        for article in self._stories[gone].members:
            member = self._members[article]
            for k in member.vector:
                self._postings[k].discard(gone)
            self._join(keep, member)
        del self._stories[gone]
        return keep

    # ---- records -------------------------------------------------------------------------------

    def _earliest(self, key: str) -> StoryFeatures:
        return min((self._members[a].features for a in self._stories[key].members), key=_order_key)

    def _public_id(self, key: str) -> str:
        return story_id(self._earliest(key).article_id)

    def _story(self, key: str) -> Story:
        state = self._stories[key]
        members = sorted((self._members[a].features for a in state.members), key=_order_key)
        names: Counter[str] = Counter()
        people: Counter[str] = Counter()
        places: Counter[str] = Counter()
        dates: Counter[str] = Counter()
        figures: Counter[str] = Counter()
        weapons: Counter[str] = Counter()
        for features in members:
            names.update(features.names[:8])
            people.update(features.people[:5])
            places.update(features.places[:5])
            dates.update(features.dates)
            figures.update(features.figures)
            weapons.update(features.weapons)
        place_list = _top(places, 3)
        place_words = {w for p in place_list[:2] for w in _fold(p).split()}
        actors = tuple(n for n in _top(names, 6) if not set(_fold(n).split()) <= place_words)[:2]
        action = self._action(members, state, actors, place_list)
        first = state.first.isoformat() if state.first else None
        last = state.last.isoformat() if state.last else None
        date_list = _top(dates, 3, at_least=1 if len(members) == 1 else 2)
        parts = [" / ".join(actors[:2]) if actors else None, action, place_list[0] if place_list else None]
        if first:
            parts.append(first if first == last else f"{first} – {last}")
        elif date_list:
            parts.append(date_list[0])
        label = " · ".join(p for p in parts if p) or members[0].lead[:60] or "(untitled)"
        return Story(
            id=story_id(members[0].article_id),
            label=label,
            articles=tuple(StoryArticle(f.article_id, f.source) for f in members),
            first=first,
            last=last,
            actors=actors,
            action=action,
            places=place_list,
            people=_top(people, 3),
            dates=date_list,
            figures=_top(figures, 3, at_least=2 if len(members) > 1 else 1),
            weapons=_top(weapons, 3),
        )

    def _action(
        self,
        members: list[StoryFeatures],
        state: _StoryState,
        actors: tuple[str, ...],
        places: tuple[str, ...],
    ) -> str | None:
        """The two lead words that weigh most in the story, in lead order ("launchers moved")."""
        taken = {w.lower() for name in actors + places for w in name.split()}
        for features in members:
            candidates: list[tuple[float, int, str]] = []
            seen: set[str] = set()
            for position, (stemmed, surface) in enumerate(content_words(features.lead)):
                named = surface[:1].isupper() and not features.lead.startswith(surface)
                if stemmed in seen or surface.lower() in taken or named:
                    continue
                seen.add(stemmed)
                weight = state.total.get(f"w:{stemmed}", 0.0) * self._idf(f"w:{stemmed}")
                candidates.append((weight, position, surface.lower()))
            if candidates:
                best = sorted(candidates, key=lambda c: (-c[0], c[1]))[:2]
                return " ".join(word for _, _, word in sorted(best, key=lambda c: c[1]))
        return None


def _fold(name: str) -> str:
    """Lower case without accents, to compare names ("Tarnów" ~ "Tarnow")."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _top(counts: Counter[str], n: int, *, at_least: int = 1) -> tuple[str, ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(name for name, count in ranked[:n] if count >= at_least)


def cluster_stories(articles: Iterable[Article], options: StoryOptions | None = None) -> list[Story]:
    """Group ``articles`` into stories in one batch (publication order); earliest story first."""
    clusterer = StoryClusterer(options)
    clusterer.add_many(articles)
    return clusterer.stories()

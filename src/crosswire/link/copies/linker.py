"""Copies between articles: duplicates, near-duplicates and shared passages, with direction.

Three kinds of :class:`Link` come out of here:

- ``duplicate``: two articles whose texts are the same up to case, punctuation, whitespace,
  short bracketed insertions and a word or two (word-shingle Jaccard >= ``duplicate_threshold``);
- ``near_duplicate``: the same article lightly edited (Jaccard >= ``threshold``);
- ``shared_passage``: a stretch of verbatim text (at least ``passage_min_words`` words, light
  edits allowed) that two otherwise different articles share, e.g. a wire paragraph.

How candidates are found without comparing all pairs (cost grows with the corpus, not its square):

1. MinHash over word shingles (datasketch ``MinHash``), indexed with locality-sensitive hashing
   in bands (the band and row counts datasketch's ``MinHashLSH`` chooses for the threshold):
   only articles that share a band of the signature are compared;
2. winnowed fingerprints of ``passage_shingle_words``-word shingles in an inverted index: articles
   sharing one are compared, which finds a two-sentence wire passage inside different text.
   Fingerprints found in more than ``max_postings`` articles are boilerplate and are dropped.

Each candidate pair is then checked exactly: Jaccard over the shingle sets, and a word alignment
(:mod:`crosswire.link.copies.passages`) for the passages. Scores are exact, not estimates.

:class:`CopyIndex` is incremental: ``add(article)`` returns the links between the new article
and those already indexed, so links are updated on every ingest. :func:`find_copies` is the
same over a batch. The index keeps a reference to each article (it re-reads the text of
candidates) plus about 3 KB per article of band keys and fingerprints (``crosswire bench
scale``: 3.6 KB at 6,000 articles, 2.9 KB at 25,000), and it pickles; or rebuild it from stored
articles with :meth:`CopyIndex.rebuild`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosswire.errors import OptionError
from crosswire.link.copies.passages import shared_passages
from crosswire.link.copies.shingles import Tokens, _mix, jaccard, shingle_hashes, tokenize, winnow
from crosswire.model import Article, Published

__all__ = [
    "CopyIndex",
    "CopyOptions",
    "Direction",
    "Link",
    "LinkEnd",
    "direction",
    "find_copies",
]

log = logging.getLogger(__name__)

Direction = Literal["a_earlier", "b_earlier", "unknown"]
KINDS = ("duplicate", "near_duplicate", "shared_passage")
_KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class CopyOptions:
    """Settings of copy detection; the defaults suit news articles of a few hundred words."""

    shingle_words: int = 5
    """Words per shingle for (near-)duplicate similarity."""
    num_perm: int = 128
    """MinHash permutations: more is a finer similarity estimate, and more memory and time."""
    threshold: float = 0.7
    """Shingle Jaccard from which two articles are near-duplicates."""
    duplicate_threshold: float = 0.95
    """Shingle Jaccard from which two articles are duplicates."""
    lsh_threshold: float | None = None
    """Estimated Jaccard from which LSH proposes a pair (default: ``threshold - 0.1``)."""
    passage_shingle_words: int = 8
    """Words per fingerprinted shingle for finding shared passages."""
    passage_window: int = 16
    """Winnowing window: a passage of ``passage_window + passage_shingle_words - 1`` words is
    always found; shorter ones often."""
    passage_min_words: int = 8
    """Fewest words two texts must share verbatim to make a passage."""
    passage_max_gap: int = 4
    """Most words changed, added or dropped between two stretches of one passage."""
    max_postings: int = 50
    """A fingerprint seen in more articles than this is boilerplate and no longer used."""
    seed: int = 1
    """Seed of the MinHash permutations (indexes built with different seeds do not mix)."""

    def __post_init__(self) -> None:
        if self.shingle_words < 1 or self.passage_shingle_words < 1:
            raise OptionError("shingle sizes must be at least 1 word")
        if self.num_perm < 2:
            raise OptionError("num_perm must be at least 2")
        if not 0.0 < self.threshold <= self.duplicate_threshold <= 1.0:
            raise OptionError("need 0 < threshold <= duplicate_threshold <= 1")
        if self.lsh_threshold is not None and not 0.0 < self.lsh_threshold <= 1.0:
            raise OptionError("lsh_threshold must lie in (0, 1]")
        if self.passage_window < 1 or self.passage_min_words < 1 or self.passage_max_gap < 0:
            raise OptionError("passage_window and passage_min_words must be >= 1, passage_max_gap >= 0")
        if self.max_postings < 2:
            raise OptionError("max_postings must be at least 2")

    @property
    def candidate_threshold(self) -> float:
        """The LSH threshold in use."""
        if self.lsh_threshold is not None:
            return self.lsh_threshold
        return max(0.05, round(self.threshold - 0.1, 4))


@dataclass(frozen=True, slots=True)
class LinkEnd:
    """One side of a link: an article and the span of its text the link is about."""

    article_id: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Link:
    """A relation between spans of two articles.

    ``a`` is the side with the smaller article id (so a pair is one link, and its id never
    changes when a publication time is learnt later); ``direction`` tells which side was
    published earlier. ``id`` is a stable hash of kind and both sides. ``edits`` lists, for a
    quote carried with editing marks ("[the launchers]" / "(the launchers)", a dropped "as"),
    each stretch in which the two texts differ, as ``(text in a, text in b)``.
    """

    id: str
    kind: str
    a: LinkEnd
    b: LinkEnd
    score: float
    direction: Direction
    edits: tuple[tuple[str, str], ...] = ()

    @classmethod
    def create(
        cls,
        kind: str,
        a: LinkEnd,
        b: LinkEnd,
        score: float,
        direction: Direction,
        edits: tuple[tuple[str, str], ...] = (),
    ) -> Link:
        """Build a link, deriving its id."""
        return cls(link_id(kind, a, b), kind, a, b, round(float(score), 4), direction, edits)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Link:
        """Read a link back from its :meth:`as_dict` form."""
        return cls(
            id=data["id"],
            kind=data["kind"],
            a=LinkEnd(**data["a"]),
            b=LinkEnd(**data["b"]),
            score=float(data["score"]),
            direction=data["direction"],
            edits=tuple((str(x["a"]), str(x["b"])) for x in data.get("edits") or ()),
        )

    def as_dict(self) -> dict[str, Any]:
        found = {
            "id": self.id,
            "kind": self.kind,
            "a": self.a.as_dict(),
            "b": self.b.as_dict(),
            "score": self.score,
            "direction": self.direction,
        }
        if self.edits:
            found["edits"] = [{"a": a, "b": b} for a, b in self.edits]
        return found


def link_id(kind: str, a: LinkEnd, b: LinkEnd) -> str:
    """Stable id of a link: first 16 hex digits of SHA-256 over kind and both sides."""
    key = f"{kind}|{a.article_id}:{a.start}:{a.end}|{b.article_id}:{b.start}:{b.end}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def direction(a: Published, b: Published) -> Direction:
    """Which of two publication times is earlier; ``"unknown"`` when either is unknown or they tie.

    A bare date against a datetime compares by day (the datetime's own calendar day); on the
    same day the order is unknown.
    """
    if a is None or b is None:
        return "unknown"
    left: date | datetime
    right: date | datetime
    if isinstance(a, datetime) and isinstance(b, datetime):
        left, right = _aware(a), _aware(b)
    else:
        left = a.date() if isinstance(a, datetime) else a
        right = b.date() if isinstance(b, datetime) else b
    if left < right:
        return "a_earlier"
    if right < left:
        return "b_earlier"
    return "unknown"


def _aware(value: datetime) -> datetime:
    """A datetime with a timezone (naive ones are read as UTC, as the model does)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass(slots=True)
class _Features:
    """What comparing an article needs: tokens, shingle hashes, passage shingles and fingerprints."""

    tokens: Tokens
    shingles: np.ndarray
    passage_shingles: np.ndarray
    fingerprints: np.ndarray


class CopyIndex:
    """An incremental index of articles that finds the copies of each new one.

    ``add(article)`` indexes an article and returns its links to the articles added before.
    """

    def __init__(self, options: CopyOptions | None = None) -> None:
        self.options = options or CopyOptions()
        self._rows = _lsh_rows(self.options.candidate_threshold, self.options.num_perm)
        # per band: band hash -> the article with that band, or the list of them once there are
        # several. Written here rather than with datasketch's MinHashLSH, which keeps bytes keys,
        # a set per bucket and a list of keys per article: about five times the memory.
        self._buckets: list[dict[int, str | list[str]]] = [{} for _ in range(self._rows[0])]
        self._permutations = MinHash(num_perm=self.options.num_perm, seed=self.options.seed).permutations
        self._articles: dict[str, Article] = {}
        # fingerprint -> the article holding it, or the list of them once there are several
        # (most fingerprints are held by one article: a bare string saves a list each)
        self._postings: dict[int, str | list[str]] = {}
        self._common: set[int] = set()

    @classmethod
    def rebuild(cls, articles: Iterable[Article], options: CopyOptions | None = None) -> CopyIndex:
        """An index holding ``articles`` (e.g. read back from the ledger), links discarded."""
        index = cls(options)
        for article in articles:
            index.add(article)
        return index

    def __len__(self) -> int:
        return len(self._articles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._articles

    def article(self, article_id: str) -> Article:
        """An indexed article."""
        return self._articles[article_id]

    def add(self, article: Article) -> list[Link]:
        """Index ``article``; return its links to articles already indexed, sorted."""
        if article.id in self._articles:
            log.debug("article %s already indexed", article.id)
            return []
        features = self._features(article)
        candidates: set[str] = set()
        if len(features.shingles):
            candidates.update(self._bucket(article.id, self._signature(features)))
        candidates.update(self._passage_candidates(article.id, features))
        self._articles[article.id] = article
        links: list[Link] = []
        for other_id in sorted(candidates):
            other = self._articles[other_id]
            links.extend(self._compare(article, features, other, self._features(other)))
        links.sort(key=_link_order)
        return links

    def forget(self, article_ids: Iterable[str]) -> None:
        """Take articles out of the index (their text changed); the links already made are the caller's to drop."""
        for article_id in article_ids:
            article = self._articles.pop(article_id, None)
            if article is None:
                continue
            features = self._features(article)
            if len(features.shingles):
                keys = _band_keys(self._signature(features), *self._rows)
                for table, key in zip(self._buckets, keys, strict=True):
                    _unpost(table, key, article_id)
            for fingerprint in set(features.fingerprints.tolist()):
                _unpost(self._postings, fingerprint, article_id)

    def _signature(self, features: _Features) -> np.ndarray:
        """The MinHash signature of an article's shingles."""
        signature = MinHash(
            num_perm=self.options.num_perm,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme="affine32",
        )
        signature.update_batch((features.shingles >> np.uint64(32)).tolist())
        return signature.hashvalues

    def _bucket(self, article_id: str, hashvalues: np.ndarray) -> set[str]:
        """Articles sharing a band of the signature with this one; files it under its bands."""
        bands, rows = self._rows
        keys = _band_keys(hashvalues, bands, rows)
        found: set[str] = set()
        for table, key in zip(self._buckets, keys, strict=True):
            bucket = table.get(key)
            if bucket is None:
                table[key] = article_id
            elif isinstance(bucket, str):
                found.add(bucket)
                table[key] = [bucket, article_id]
            else:
                found.update(bucket)
                bucket.append(article_id)
        return found

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Read a pickled index; one from before the banded tables is rebuilt from its articles."""
        if "_lsh" not in state:
            self.__dict__.update(state)
            return
        rebuilt = CopyIndex(state["options"])
        for article in state["_articles"].values():
            rebuilt.add(article)
        self.__dict__.update(rebuilt.__dict__)

    def _features(self, article: Article) -> _Features:
        options = self.options
        tokens = tokenize(article.text)
        shingles = shingle_hashes(tokens.hashes, options.shingle_words)
        if len(tokens) < options.passage_min_words:
            return _Features(tokens, shingles, _NO_HASHES, _NO_HASHES)
        passage_shingles = shingle_hashes(tokens.hashes, options.passage_shingle_words)
        positions = winnow(passage_shingles, options.passage_window)
        return _Features(tokens, shingles, passage_shingles, passage_shingles[positions])

    def _passage_candidates(self, article_id: str, features: _Features) -> set[str]:
        """Articles sharing a fingerprint with this article; registers its fingerprints."""
        options = self.options
        found: set[str] = set()
        for fingerprint in set(features.fingerprints.tolist()):
            if fingerprint in self._common:
                continue
            posting = self._postings.get(fingerprint)
            if posting is None:
                self._postings[fingerprint] = article_id
                continue
            if isinstance(posting, str):
                found.add(posting)
                self._postings[fingerprint] = [posting, article_id]
                continue
            if len(posting) >= options.max_postings:
                del self._postings[fingerprint]
                self._common.add(fingerprint)
                continue
            found.update(posting)
            posting.append(article_id)
        return found

    def _compare(self, new: Article, new_f: _Features, other: Article, other_f: _Features) -> list[Link]:
        if other.id < new.id:
            a, fa, b, fb = other, other_f, new, new_f
        else:
            a, fa, b, fb = new, new_f, other, other_f
        options = self.options
        order = direction(a.published, b.published)
        similarity = jaccard(fa.shingles, fb.shingles) if len(fa.shingles) and len(fb.shingles) else 0.0
        whole_a, whole_b = LinkEnd(a.id, 0, len(a.text)), LinkEnd(b.id, 0, len(b.text))
        if similarity >= options.duplicate_threshold:
            return [Link.create("duplicate", whole_a, whole_b, similarity, order)]
        links = []
        if similarity >= options.threshold:
            links.append(Link.create("near_duplicate", whole_a, whole_b, similarity, order))
        for passage in shared_passages(
            fa.tokens, fb.tokens, min_words=options.passage_min_words, max_gap=options.passage_max_gap
        ):
            if self._is_boilerplate(fa, passage.a_first, passage.a_last):
                continue
            a_start, a_end = fa.tokens.span(passage.a_first, passage.a_last)
            b_start, b_end = fb.tokens.span(passage.b_first, passage.b_last)
            links.append(
                Link.create(
                    "shared_passage",
                    LinkEnd(a.id, a_start, a_end),
                    LinkEnd(b.id, b_start, b_end),
                    passage.similarity,
                    order,
                )
            )
        return links

    def _is_boilerplate(self, features: _Features, first: int, last: int) -> bool:
        """Whether tokens ``[first, last)`` are, but for too few words, made of common fingerprints.

        Formulas that many articles share ("said it filed a registration statement with the
        Securities and Exchange Commission") are shared text but not copying.
        """
        if not self._common:
            return False
        size = self.options.passage_shingle_words
        covered_until = first
        uncovered = 0
        shingles = features.passage_shingles
        for position in range(first, max(first, last - size + 1)):
            if int(shingles[position]) in self._common:
                if position > covered_until:
                    uncovered += position - covered_until
                covered_until = max(covered_until, position + size)
        uncovered += max(0, last - covered_until)
        return uncovered < self.options.passage_min_words


_NO_HASHES = np.zeros(0, dtype=np.uint64)


def _unpost(table: dict[int, str | list[str]], key: int, article_id: str) -> None:
    """Remove an article from one bucket or posting (a bare id, or a list once several share it)."""
    held = table.get(key)
    if held == article_id:
        del table[key]
    elif isinstance(held, list) and article_id in held:
        held.remove(article_id)
        if len(held) == 1:
            table[key] = held[0]


@lru_cache(maxsize=32)
def _lsh_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows per band for a threshold: those datasketch's ``MinHashLSH`` picks."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> list[int]:
    """One 64-bit hash per band of a MinHash signature (equal bands, equal keys)."""
    table = hashvalues[: bands * rows].astype(np.uint64).reshape(bands, rows)
    acc = np.zeros(bands, dtype=np.uint64)
    for column in range(rows):
        acc = acc * _BAND_BASE + table[:, column]
    return _mix(acc).tolist()


_BAND_BASE = np.uint64(0x9E3779B97F4A7C15)


def _identity(value: int) -> int:
    return value


def _link_order(link: Link) -> tuple[str, str, int, int, int]:
    return (link.a.article_id, link.b.article_id, _KIND_ORDER.get(link.kind, 99), link.a.start, link.b.start)


def find_copies(articles: Iterable[Article], options: CopyOptions | None = None) -> list[Link]:
    """Every duplicate, near-duplicate and shared-passage link among ``articles``, sorted."""
    index = CopyIndex(options)
    links: list[Link] = []
    for article in articles:
        links.extend(index.add(article))
    links.sort(key=_link_order)
    return links

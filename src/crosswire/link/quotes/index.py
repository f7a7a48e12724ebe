"""The quote index: every quote unit read once, candidates by lookup, each pair compared once.

:class:`QuoteIndex` keeps, per article, its units (:mod:`crosswire.link.quotes.units`) and the
outcome of every comparison made with them; across articles, an inverted index from each unit's
keys (content-word stems, synonyms folded, and ``@surname``) to the units holding them. A new
unit is compared only with the units that share two of its keys and at least 40% of the smaller
key set (``max_candidates`` of them at most, those sharing most first; a key held by more than
``max_postings`` units is too common to look up with). Never all pairs.

A *pass* walks articles in order and links each new unit to the candidates among those before:
the index runs one pass over the whole corpus in arrival order (``same_quote`` anywhere, and
``quote_variant`` when ``variants`` is on), and :func:`crosswire.link.quotes.linker.link_within`
runs one over the articles of a story in publication order. Both read the same units and the same
cached comparisons (:meth:`QuoteIndex.verbatim`, :meth:`QuoteIndex.variant`): a unit is read once
and a pair is compared once, whichever pass asks first.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crosswire.errors import OptionError
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.extract.stage import findings
from crosswire.link.copies.linker import Link, LinkEnd, direction
from crosswire.link.quotes.compare import Match, Verbatim, best_window, verbatim
from crosswire.link.quotes.paraphrase import THRESHOLD
from crosswire.link.quotes.speakers import conflict, descriptors, person_key, same_person
from crosswire.link.quotes.units import ArticleQuotes, QuoteUnit, read_units
from crosswire.link.state import Items, compact
from crosswire.model import Article, Published

__all__ = ["KINDS", "QuoteIndex", "QuoteOptions", "QuotePass"]

log = logging.getLogger(__name__)

KINDS = ("same_quote", "quote_variant")

compact(Speaker, Link, LinkEnd)


@dataclass(frozen=True, slots=True)
class QuoteOptions:
    """Settings of quote linking."""

    min_fragment_words: int = 6
    """Fewest words a contained fragment of a longer quote needs to count as the same quote."""
    min_exact_words: int = 4
    """Fewest words (two of them content words) two identical quotes need to be linked."""
    variant_threshold: float = THRESHOLD
    """Same-statement score from which two quotes of one speaker are variants."""
    min_variant_words: int = 4
    """Fewest words each side of a variant needs."""
    max_postings: int = 100
    """A key held by more quote units than this is too common to find candidates with."""
    max_candidates: int = 20
    """Most quote units compared with each new one (those sharing the most keys first)."""

    def __post_init__(self) -> None:
        if self.min_fragment_words < 2 or self.min_exact_words < 2 or self.min_variant_words < 2:
            raise OptionError("minimum word counts must be at least 2")
        if not 0.0 < self.variant_threshold <= 1.0:
            raise OptionError("variant_threshold must lie in (0, 1]")
        if self.max_postings < 2 or self.max_candidates < 1:
            raise OptionError("max_postings must be >= 2 and max_candidates >= 1")


@dataclass(slots=True)
class _Compared:
    """The comparisons made with one article's units, by ``new unit id << 32 | old unit id``."""

    verbatim: dict[int, Verbatim | None]
    variant: dict[int, Match]


class QuoteIndex:
    """An incremental index of quotes that links each new article's quotes to those indexed.

    ``add(article, quotes)`` indexes the quotes of an article and returns its links to the
    quotes of articles added before. :meth:`links` gives every link found so far.

    ``variants=False`` makes the corpus-wide pass look for ``same_quote`` only (the link stage
    finds variants within each story with :func:`~crosswire.link.quotes.linker.link_within`).
    """

    def __init__(self, options: QuoteOptions | None = None, *, variants: bool = True) -> None:
        self.options = options or QuoteOptions()
        self.variants = variants
        self._records: Items[ArticleQuotes] = Items()
        self._compared: Items[_Compared] = Items()
        self._unit_article: list[str] = []
        """Unit id -> its article's id (units are numbered in the order they are added)."""
        self._key_counts: list[int] = []
        """Unit id -> how many keys it has (the candidate rule compares key-set sizes)."""
        self._pass = QuotePass(self, variants=variants)
        self._dirty: set[str] = set()

    # ---- records ---------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._pass.articles)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and article_id in self._pass.articles

    def __getstate__(self) -> dict[str, Any]:
        state = {name: getattr(self, name) for name in ("options", "variants", "_unit_article", "_key_counts", "_pass")}
        if not self._records.stored:
            state["_records"], state["_compared"] = self._records, self._compared
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("_records", Items())
        self.__dict__.setdefault("_compared", Items())
        self._dirty = set()

    def attach(self, records: Items[ArticleQuotes], compared: Items[_Compared]) -> None:
        """Keep the per-article records in these stores (read from the ledger on demand)."""
        self._records, self._compared = records, compared

    def stores(self) -> tuple[Items[ArticleQuotes], Items[_Compared]]:
        """The per-article records: units and speakers, and comparisons made."""
        for article_id in sorted(self._dirty):
            compared = self._compared.get(article_id)
            if compared is not None:
                self._compared[article_id] = compared
        self._dirty.clear()
        return self._records, self._compared

    def record(self, article_id: str) -> ArticleQuotes:
        """The units and quote speakers of an indexed article."""
        return self._records[article_id]

    def prefetch(self, article_ids: Iterable[str]) -> None:
        """Read the records of these articles in one go (when they live in the ledger)."""
        ids = list(article_ids)
        self._records.prefetch(ids)
        self._compared.prefetch(ids)

    def unit(self, unit_id: int) -> QuoteUnit:
        """A unit by id."""
        record = self._records[self._unit_article[unit_id]]
        return record.units[unit_id - record.units[0].id]

    def key_count(self, unit_id: int) -> int:
        return self._key_counts[unit_id]

    def article_of(self, unit_id: int) -> str:
        return self._unit_article[unit_id]

    def published(self, article_id: str) -> Published:
        return self._records[article_id].published

    def speaker_of(self, article_id: str, quote_start: int) -> Speaker | None:
        """The speaker an indexed quote was given in its own article."""
        record = self._records.get(article_id)
        return record.speakers.get(quote_start) if record is not None else None

    # ---- adding ----------------------------------------------------------------------------------

    def add(
        self,
        article: Article,
        quotes: Sequence[Quote] | None = None,
        *,
        related: Collection[str] = (),
    ) -> list[Link]:
        """Index the quotes of ``article``; return their links to quotes already indexed, sorted.

        ``quotes`` defaults to the article's quotes as the extract stage finds them;
        ``related`` names already indexed articles that are copies of this one or tell the same
        story (a quote without a speaker is then matched in other words too).
        """
        if article.id in self:
            log.debug("article %s already indexed", article.id)
            return []
        if quotes is None:
            quotes = findings(article, ["quotes"])["quotes"]
        record = read_units(article, quotes, first_id=len(self._unit_article))
        self._records[article.id] = record
        self._compared[article.id] = _Compared({}, {})
        self._unit_article.extend(article.id for _ in record.units)
        self._key_counts.extend(len(unit.keys) for unit in record.units)
        return self._pass.add(article.id, record.units, related)

    def links(self) -> list[Link]:
        """Every link the corpus-wide pass found so far, sorted."""
        return self._pass.links()

    def links_of(self, article_ids: Iterable[str]) -> list[Link]:
        """The links of the corpus-wide pass that touch these articles, sorted."""
        return self._pass.links_touching(article_ids)

    def unit_at(self, article_id: str, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """The quote (its start) and speaker behind one end of a link the corpus-wide pass made."""
        return self._pass.unit_at(article_id, start, end)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Take articles' quotes out (their text changed), with every link the corpus-wide pass found to them.

        Unit ids are positions and are not reused: comparisons cached with a forgotten unit are
        never asked for again, since no posting reaches it.
        """
        gone = [a for a in dict.fromkeys(article_ids) if a in self]
        if not gone:
            return
        self.prefetch(gone)
        self._pass.forget(gone)
        for article_id in gone:
            del self._records[article_id]
            del self._compared[article_id]
            self._dirty.discard(article_id)

    # ---- comparing, once per pair ----------------------------------------------------------------

    def verbatim(self, new: QuoteUnit, old: QuoteUnit) -> Verbatim | None:
        """:func:`~crosswire.link.quotes.compare.verbatim` of two units, computed once."""
        compared = self._compared_of(new.article_id)
        key = new.id << 32 | old.id
        if key in compared.verbatim:
            return compared.verbatim[key]
        options = self.options
        found = verbatim(
            new, old, min_exact_words=options.min_exact_words, min_fragment_words=options.min_fragment_words
        )
        compared.verbatim[key] = found
        self._dirty.add(new.article_id)
        return found

    def variant(self, new: QuoteUnit, old: QuoteUnit) -> Match:
        """:func:`~crosswire.link.quotes.compare.best_window` of two units, computed once."""
        compared = self._compared_of(new.article_id)
        key = new.id << 32 | old.id
        found = compared.variant.get(key)
        if found is None:
            found = compared.variant[key] = best_window(new, old)
            self._dirty.add(new.article_id)
        return found

    def _compared_of(self, article_id: str) -> _Compared:
        compared = self._compared.get(article_id)
        if compared is None:
            compared = _Compared({}, {})
            self._compared[article_id] = compared
        return compared


class QuotePass:
    """Articles linked in order, each new unit against the candidates among the units before it.

    Holds what depends on the order and the articles of the pass: the postings, the units each
    unit shares a quote with or is a variant of, the role words seen with each surname, and the
    links found. Units and comparisons come from the index.
    """

    def __init__(self, index: QuoteIndex, *, variants: bool) -> None:
        self.index = index
        self.options = index.options
        self.variants = variants
        self.articles: dict[str, list[int]] = {}
        """Article id -> its unit ids, for the articles of this pass."""
        self._postings: dict[str, list[int]] = {}
        self._common: set[str] = set()
        self._links: list[Link] = []
        self._links_of: dict[str, list[Link]] = {}
        self._unit_spans: dict[tuple[str, int, int], int] = {}
        # unit id -> ids of units it shares a quote with, and of its variants
        self._same: dict[int, set[int]] = {}
        self._variants: dict[int, set[int]] = {}
        # surname -> role and affiliation words seen with it anywhere ("maszek" -> leader, varnian)
        self._roles: dict[str, set[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _PASS_STATE}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def add(self, article_id: str, units: Sequence[QuoteUnit], related: Collection[str]) -> list[Link]:
        """Link an article's units to those of the articles before; return the new links, sorted."""
        self.articles[article_id] = [unit.id for unit in units]
        for unit in units:
            surname = person_key(unit.speaker)
            if surname:
                self._roles.setdefault(surname, set()).update(_cached_descriptors(unit.speaker))
        found: list[Link] = []
        for unit in units:
            pairs: dict[int, Link] = {}
            for other in self._candidates(unit):
                link = self._compare(unit, other, related)
                if link is not None:
                    pairs[other.id] = link
            pairs.update(self._implied(unit, pairs))
            found.extend(pairs.values())
            for other_id, link in pairs.items():
                relation = self._same if link.kind == "same_quote" else self._variants
                relation.setdefault(unit.id, set()).add(other_id)
                relation.setdefault(other_id, set()).add(unit.id)
        for unit in units:
            self._register(unit)
        links = _merge(found)
        self._links.extend(links)
        for link in links:
            self._links_of.setdefault(link.a.article_id, []).append(link)
            self._links_of.setdefault(link.b.article_id, []).append(link)
        links.sort(key=_link_order)
        return links

    def forget(self, article_ids: Collection[str]) -> None:
        """Take these articles' units out of the postings and relations, with the links touching them."""
        gone = set(article_ids)
        for article_id in gone:
            for unit_id in self.articles.pop(article_id, ()):
                for key in self.index.unit(unit_id).keys:
                    posting = self._postings.get(key)
                    if posting is not None and unit_id in posting:
                        posting.remove(unit_id)
                for relation in (self._same, self._variants):
                    for other in relation.pop(unit_id, ()):
                        relation.get(other, set()).discard(unit_id)
        self._links = [link for link in self._links if link.a.article_id not in gone and link.b.article_id not in gone]
        for article_id in gone:
            for link in self._links_of.pop(article_id, ()):
                peer = link.b.article_id if link.a.article_id == article_id else link.a.article_id
                if peer in self._links_of:
                    self._links_of[peer] = [kept for kept in self._links_of[peer] if kept.id != link.id]
        self._unit_spans = {span: unit for span, unit in self._unit_spans.items() if span[0] not in gone}

    def links(self) -> list[Link]:
        """Every link of this pass, sorted."""
        return sorted(self._links, key=_link_order)

    def links_touching(self, article_ids: Iterable[str]) -> list[Link]:
        found = {link.id: link for a in article_ids for link in self._links_of.get(a, ())}
        return sorted(found.values(), key=_link_order)

    def speaker_of(self, article_id: str, quote_start: int) -> Speaker | None:
        return self.index.speaker_of(article_id, quote_start)

    def unit_at(self, article_id: str, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """The quote (its start) and speaker behind one end of a link this pass made."""
        unit_id = self._unit_spans.get((article_id, start, end))
        if unit_id is None:
            # a merged link: the unit where its span begins
            index = self.index
            unit_id = next(
                (i for i in self.articles.get(article_id, ()) if index.unit(i).start <= start < index.unit(i).end),
                None,
            )
            if unit_id is None:
                return None
        unit = self.index.unit(unit_id)
        return unit.quote_start, unit.speaker

    def _candidates(self, unit: QuoteUnit) -> list[QuoteUnit]:
        counts: Counter[int] = Counter()
        postings = self._postings
        for key in unit.keys:
            posting = postings.get(key)
            if posting:
                counts.update(posting)
        # Both sides must share two keys and at least 40% of the smaller key set: a quote and
        # its copy or translation share most of their content words (synonyms folded).
        size = len(unit.keys)
        least = min(2, size)
        key_count = self.index.key_count
        ranked = sorted(
            (-n, unit_id) for unit_id, n in counts.items() if n >= least and n * 5 >= 2 * min(size, key_count(unit_id))
        )
        chosen = [unit_id for _, unit_id in ranked[: self.options.max_candidates]]
        self.index.prefetch({self.index.article_of(unit_id) for unit_id in chosen})
        return [self.index.unit(unit_id) for unit_id in chosen]

    def _register(self, unit: QuoteUnit) -> None:
        limit = self.options.max_postings
        for key in unit.keys:
            if key in self._common:
                continue
            posting = self._postings.setdefault(key, [])
            posting.append(unit.id)
            if len(posting) > limit:
                del self._postings[key]
                self._common.add(key)

    def _compare(self, new: QuoteUnit, old: QuoteUnit, related: Collection[str]) -> Link | None:
        if new.article_id == old.article_id:
            return None
        options = self.options
        found = self.index.verbatim(new, old)
        if found is not None:
            if conflict(new.speaker, old.speaker):
                log.debug("same words, different speakers: %r / %r", new.text, old.text)
                return None
            score, new_span, old_span, edits = found
            return self._link("same_quote", new, new_span, old, old_span, score, edits)
        if not self.variants or not self._same_speaker(new, old, related):
            return None
        if min(len(new.words), len(old.words)) < options.min_variant_words:
            return None
        score, new_span, old_span = self.index.variant(new, old)
        if score < options.variant_threshold:
            return None
        return self._link("quote_variant", new, new_span, old, old_span, score)

    def _link(
        self,
        kind: str,
        new: QuoteUnit,
        new_span: tuple[int, int],
        old: QuoteUnit,
        old_span: tuple[int, int],
        score: float,
        edits: tuple[tuple[str, str], ...] = (),
    ) -> Link:
        ends = sorted(((new.article_id, new_span, new), (old.article_id, old_span, old)), key=lambda item: item[0])
        (a_id, a_span, a_unit), (b_id, b_span, b_unit) = ends
        self._unit_spans[(a_id, *a_span)] = a_unit.id
        self._unit_spans[(b_id, *b_span)] = b_unit.id
        if a_unit is not new:
            edits = tuple((theirs, mine) for mine, theirs in edits)
        return Link.create(
            kind,
            LinkEnd(a_id, *a_span),
            LinkEnd(b_id, *b_span),
            score,
            direction(self.index.published(a_id), self.index.published(b_id)),
            edits,
        )

    def _implied(self, unit: QuoteUnit, pairs: dict[int, Link]) -> dict[int, Link]:
        """Variants implied by a shared quote: the same words as V are a variant of V's variants.

        Keeps a wrong or missing speaker in one copy from hiding a translation of its quote.
        """
        implied: dict[int, Link] = {}
        for other_id, link in pairs.items():
            via = self._variants if link.kind == "same_quote" else self._same
            for third_id in sorted(via.get(other_id, ())):
                if third_id in pairs or third_id in implied:
                    continue
                third = self.index.unit(third_id)
                if third.article_id == unit.article_id:
                    continue  # a unit of the article being added
                score, new_span, old_span = self.index.variant(unit, third)
                if score >= self.options.variant_threshold:
                    implied[third_id] = self._link("quote_variant", unit, new_span, third, old_span, score)
        return implied

    def _same_speaker(self, a: QuoteUnit, b: QuoteUnit, related: Collection[str]) -> bool:
        """Whether two quotes come from one speaker (see :mod:`crosswire.link.quotes.linker`)."""
        if same_person(a.speaker, b.speaker):
            return True
        if conflict(a.speaker, b.speaker):
            return False
        if a.speaker is None or b.speaker is None:
            linked = a.article_id in related or b.article_id in related
            return linked and (a.speaker is not None or b.speaker is not None)
        return bool(self._descriptors(a.speaker) & self._descriptors(b.speaker))

    def _descriptors(self, speaker: Speaker) -> frozenset[str]:
        """A speaker's role words, with those seen with the same surname elsewhere."""
        own = _cached_descriptors(speaker)
        surname = person_key(speaker)
        return own | self._roles.get(surname, set()) if surname else own


_PASS_STATE = (
    "index",
    "options",
    "variants",
    "articles",
    "_postings",
    "_common",
    "_links",
    "_links_of",
    "_unit_spans",
    "_same",
    "_variants",
    "_roles",
)


@lru_cache(maxsize=4096)
def _cached_descriptors(speaker: Speaker) -> frozenset[str]:
    return descriptors(speaker)


def _merge(links: list[Link]) -> list[Link]:
    """Links of one kind between consecutive sentences of two quotes, merged into one link."""
    groups: dict[tuple[str, str, str], list[Link]] = {}
    for link in links:
        groups.setdefault((link.kind, link.a.article_id, link.b.article_id), []).append(link)
    merged: list[Link] = []
    for group in groups.values():
        group.sort(key=lambda link: (link.a.start, link.b.start))
        current = group[0]
        for link in group[1:]:
            if _adjacent(current.a, link.a) and _adjacent(current.b, link.b):
                current = Link.create(
                    current.kind,
                    LinkEnd(current.a.article_id, current.a.start, max(current.a.end, link.a.end)),
                    LinkEnd(
                        current.b.article_id,
                        min(current.b.start, link.b.start),
                        max(current.b.end, link.b.end),
                    ),
                    min(current.score, link.score),
                    current.direction,
                    current.edits + link.edits,
                )
            else:
                merged.append(current)
                current = link
        merged.append(current)
    return merged


def _adjacent(left: LinkEnd, right: LinkEnd) -> bool:
    """Whether two spans follow each other within a few characters (one quote's sentences)."""
    return 0 <= right.start - left.end <= 3


def _link_order(link: Link) -> tuple[str, str, int, int, int]:
    return (link.a.article_id, link.b.article_id, KINDS.index(link.kind), link.a.start, link.b.start)

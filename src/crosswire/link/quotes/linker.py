"""The same quotation across articles: verbatim, as a fragment, or in other words.

Two kinds of :class:`~crosswire.link.copies.linker.Link` come out of here, between the content spans of
quotes in two articles:

- ``same_quote``: the same words, once quotation marks, bracketed insertions ("[Varnia]"),
  ellipses, case and punctuation are set aside; also a partial quote that is a contained
  fragment (at least ``min_fragment_words`` words) of a longer quote. Score: the share of the
  shorter side's words found verbatim (1.0 for an exact copy). Two named people with different
  surnames never share a quote: the same words from two mouths are two statements.
- ``quote_variant``: the same speaker saying the same statement in other words (another
  translation of a speech, or reported speech of it). Score:
  :func:`crosswire.link.quotes.paraphrase.same_statement` of the two (the shorter against the best window
  of the longer), at least ``variant_threshold``. "The same speaker" means the same surname, or
  one side unnamed with a compatible role ("the President" / Aurel Maszek, Varnian President),
  or one side without any speaker when the caller says the two articles are related (copies or
  one story: the ``related`` argument of :meth:`QuoteIndex.add`).

What is compared: each quote's quoted words, split where the quote is interrupted by its
attribution ('"...," she said, "..."') and into sentences; plus any text between quotation
marks that :mod:`crosswire.extract.quotes.extractor` did not attribute (a phrase in a headline-like sentence),
kept as a quote without a speaker. Candidates come from an inverted index of content-word stems
(synonyms folded) plus a key per speaker surname: only units sharing two keys are compared,
and keys held by more than ``max_postings`` units are dropped as too common. Never all pairs.

:func:`carry_speakers` then carries a named speaker over the links to copies where the same
quote is unattributed or attributed only by role (rules in its docstring).
"""

from __future__ import annotations

import logging
import re
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from sys import intern
from typing import Any

from crosswire.errors import OptionError
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.extract.stage import findings
from crosswire.link.copies.linker import Link, LinkEnd, direction
from crosswire.link.quotes.paraphrase import THRESHOLD, content_of, prepare, same_statement
from crosswire.link.quotes.speakers import (
    compatible_roles,
    conflict,
    descriptors,
    full_name,
    known_speaker,
    person_key,
    same_person,
)
from crosswire.model import Article, Published

__all__ = ["QuoteIndex", "QuoteOptions", "carry_speakers", "find_quote_links"]

log = logging.getLogger(__name__)

KINDS = ("same_quote", "quote_variant")


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
class _Unit:
    """A stretch of quoted words: one sentence of a quote (or a whole short quote)."""

    id: int
    article_id: str
    quote_start: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    """Lower-cased words, bracketed insertions and ellipses as ``_GAP``."""
    offsets: array[int]
    """Article offsets of each word in ``words``: start and end of word ``k`` at ``2k`` and ``2k + 1``
    (a flat array of machine integers: a tuple of pairs costs ten times the memory)."""
    keys: frozenset[str]
    speaker: Speaker | None


_GAP = "\x00"
_MARKS = re.compile(r"[\"“”„«»]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»’']?\s+(?=[\"“‘'«(]?[A-Z0-9])|\n+")
# Words, bracketed insertions ("[Varnia]", "(sic)") and ellipses, in order.
_WORDS = re.compile(r"\[[^\]\n]{0,60}\]|\.\.\.|…|[^\W_]+(?:['’][^\W_]+)*")


def _pieces(text: str, quote: Quote) -> list[tuple[int, int]]:
    """The quoted stretches of a quote's content: between quotation marks, attribution left out.

    A direct quote's content starts inside the marks, a partial quote's in the writer's words; a
    mark that opens a paragraph while a quotation is open continues it (a quotation running over
    paragraphs reopens each one without closing the last).
    """
    if quote.kind == "reported":
        return [(quote.start, quote.end)]
    inside = quote.kind == "direct"
    pieces = []
    position = quote.start
    for match in _MARKS.finditer(text, quote.start, quote.end):
        mark = match.start()
        if not inside:
            position, inside = mark + 1, True
            continue
        pieces.append((position, mark))
        if text[quote.start : mark].rstrip(" \t").endswith("\n"):
            position = mark + 1  # a continued quotation: stay inside
        else:
            inside = False
    if inside:
        pieces.append((position, quote.end))
    return [(lo, hi) for lo, hi in pieces if hi > lo]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return spans


def _unquoted_phrases(text: str, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Text between quotation marks (within a paragraph) that no quote covers."""
    found = []
    marks = list(_MARKS.finditer(text))
    index = 0
    while index + 1 < len(marks):
        opening, closing = marks[index], marks[index + 1]
        if "\n" in text[opening.end() : closing.start()] or opening.group() in "”»":
            index += 1
            continue
        start, end = opening.end(), closing.start()
        if not any(lo <= start and end <= hi for lo, hi in covered):
            found.append((start, end))
        index += 2
    return found


class QuoteIndex:
    """An incremental index of quotes that links each new article's quotes to those indexed.

    ``add(article, quotes)`` indexes the quotes of an article and returns its links to the
    quotes of articles added before. :meth:`links` gives every link found so far.
    """

    def __init__(self, options: QuoteOptions | None = None) -> None:
        self.options = options or QuoteOptions()
        self._units: list[_Unit] = []
        self._published: dict[str, Published] = {}
        self._postings: dict[str, list[int]] = {}
        self._common: set[str] = set()
        self._links: list[Link] = []
        self._quotes: dict[tuple[str, int], Speaker | None] = {}
        self._unit_spans: dict[tuple[str, int, int], int] = {}
        self._by_article: dict[str, list[int]] = {}
        # unit id -> ids of units it shares a quote with, and of its variants
        self._same: dict[int, set[int]] = {}
        self._variants: dict[int, set[int]] = {}
        # surname -> role and affiliation words seen with it anywhere ("maszek" -> leader, varnian)
        self._roles: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self._published)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._published

    def links(self) -> list[Link]:
        """Every link found so far, sorted."""
        return sorted(self._links, key=_link_order)

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
        if article.id in self._published:
            log.debug("article %s already indexed", article.id)
            return []
        if quotes is None:
            quotes = findings(article, ["quotes"])["quotes"]
        self._published[article.id] = article.published
        units = self._units_of(article, quotes)
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
        links.sort(key=_link_order)
        return links

    def forget(self, article_ids: Iterable[str]) -> None:
        """Take articles' quotes out of the index (their text changed), with every link found to them.

        Their units stay in the list (unit ids are positions) but no posting or relation reaches them.
        """
        gone = {a for a in article_ids if a in self._published}
        if not gone:
            return
        for article_id in gone:
            del self._published[article_id]
            for unit_id in self._by_article.pop(article_id, ()):
                for key in self._units[unit_id].keys:
                    posting = self._postings.get(key)
                    if posting is not None and unit_id in posting:
                        posting.remove(unit_id)
                for relation in (self._same, self._variants):
                    for other in relation.pop(unit_id, ()):
                        relation.get(other, set()).discard(unit_id)
        self._links = [link for link in self._links if link.a.article_id not in gone and link.b.article_id not in gone]
        self._quotes = {key: value for key, value in self._quotes.items() if key[0] not in gone}
        self._unit_spans = {key: value for key, value in self._unit_spans.items() if key[0] not in gone}

    def speaker_of(self, article_id: str, quote_start: int) -> Speaker | None:
        """The speaker an indexed quote was given in its own article."""
        return self._quotes.get((article_id, quote_start))

    def _units_of(self, article: Article, quotes: Sequence[Quote]) -> list[_Unit]:
        text = article.text
        stretches: list[tuple[int, int, int, Speaker | None]] = []
        covered = []
        for quote in quotes:
            speaker = known_speaker(quote.speaker)
            self._quotes[(article.id, quote.start)] = speaker
            covered.append((quote.start, quote.end))
            for lo, hi in _pieces(text, quote):
                stretches.extend((quote.start, s, e, speaker) for s, e in _sentences(text, lo, hi))
        for lo, hi in _unquoted_phrases(text, covered):
            self._quotes.setdefault((article.id, lo), None)
            stretches.extend((lo, s, e, None) for s, e in _sentences(text, lo, hi))
        units: list[_Unit] = []
        for quote_start, lo, hi, speaker in stretches:
            matches = list(_WORDS.finditer(text, lo, hi))
            # interned: the same words recur in every quote, one string each is kept
            words = tuple(_GAP if m.group()[0] in "[.…" else intern(m.group().lower()) for m in matches)
            if sum(w != _GAP for w in words) < 2:
                continue
            start, end = matches[0].start(), matches[-1].end()
            unit_text = text[start:end]
            keys = {intern(key) for key in content_of(unit_text)}
            surname = person_key(speaker)
            if surname:
                keys.add("@" + surname)
                self._roles.setdefault(surname, set()).update(descriptors(speaker))
            unit = _Unit(
                id=len(self._units) + len(units),
                article_id=article.id,
                quote_start=quote_start,
                start=start,
                end=end,
                text=unit_text,
                words=words,
                offsets=array("l", [x for m in matches for x in m.span()]),
                keys=frozenset(keys),
                speaker=speaker,
            )
            units.append(unit)
        return units

    def _candidates(self, unit: _Unit) -> list[_Unit]:
        counts: Counter[int] = Counter()
        for key in unit.keys:
            for unit_id in self._postings.get(key, ()):
                counts[unit_id] += 1
        # Both sides must share two keys and at least 40% of the smaller key set: a quote and
        # its copy or translation share most of their content words (synonyms folded).
        size = len(unit.keys)
        ranked = sorted(
            (-n, unit_id)
            for unit_id, n in counts.items()
            if n >= min(2, size) and n * 5 >= 2 * min(size, len(self._units[unit_id].keys))
        )
        return [self._units[unit_id] for _, unit_id in ranked[: self.options.max_candidates]]

    def _register(self, unit: _Unit) -> None:
        self._units.append(unit)
        self._by_article.setdefault(unit.article_id, []).append(unit.id)
        for key in unit.keys:
            if key in self._common:
                continue
            posting = self._postings.setdefault(key, [])
            posting.append(unit.id)
            if len(posting) > self.options.max_postings:
                del self._postings[key]
                self._common.add(key)

    def _compare(self, new: _Unit, old: _Unit, related: Collection[str]) -> Link | None:
        if new.article_id == old.article_id:
            return None
        options = self.options
        verbatim = _verbatim(new, old, options)
        if verbatim is not None:
            if conflict(new.speaker, old.speaker):
                log.debug("same words, different speakers: %r / %r", new.text, old.text)
                return None
            score, new_span, old_span = verbatim
            return self._link("same_quote", new, new_span, old, old_span, score)
        if not self._same_speaker(new, old, related):
            return None
        if min(len(new.words), len(old.words)) < options.min_variant_words:
            return None
        score, new_span, old_span = _best_window(new, old)
        if score < options.variant_threshold:
            return None
        return self._link("quote_variant", new, new_span, old, old_span, score)

    def _link(
        self,
        kind: str,
        new: _Unit,
        new_span: tuple[int, int],
        old: _Unit,
        old_span: tuple[int, int],
        score: float,
    ) -> Link:
        ends = sorted(((new.article_id, new_span, new), (old.article_id, old_span, old)), key=lambda item: item[0])
        (a_id, a_span, a_unit), (b_id, b_span, b_unit) = ends
        self._unit_spans[(a_id, *a_span)] = a_unit.id
        self._unit_spans[(b_id, *b_span)] = b_unit.id
        return Link.create(
            kind,
            LinkEnd(a_id, *a_span),
            LinkEnd(b_id, *b_span),
            score,
            direction(self._published[a_id], self._published[b_id]),
        )

    def _implied(self, unit: _Unit, pairs: dict[int, Link]) -> dict[int, Link]:
        """Variants implied by a shared quote: the same words as V are a variant of V's variants.

        Keeps a wrong or missing speaker in one copy from hiding a translation of its quote.
        """
        implied: dict[int, Link] = {}
        for other_id, link in pairs.items():
            via = self._variants if link.kind == "same_quote" else self._same
            for third_id in sorted(via.get(other_id, ())):
                if third_id >= len(self._units):
                    continue  # a unit of the article being added
                third = self._units[third_id]
                if third_id in pairs or third_id in implied or third.article_id == unit.article_id:
                    continue
                score, new_span, old_span = _best_window(unit, third)
                if score >= self.options.variant_threshold:
                    implied[third_id] = self._link("quote_variant", unit, new_span, third, old_span, score)
        return implied

    def _same_speaker(self, a: _Unit, b: _Unit, related: Collection[str]) -> bool:
        """Whether two quotes come from one speaker (see the module docstring)."""
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

    def unit_at(self, article_id: str, start: int, end: int) -> tuple[int, Speaker | None] | None:
        """The quote (its start) and speaker behind one end of a link this index made."""
        unit_id = self._unit_spans.get((article_id, start, end))
        if unit_id is None:
            # a merged link: the unit where its span begins
            unit_id = next(
                (i for i in self._by_article.get(article_id, ()) if self._units[i].start <= start < self._units[i].end),
                None,
            )
            if unit_id is None:
                return None
        unit = self._units[unit_id]
        return unit.quote_start, unit.speaker


@lru_cache(maxsize=4096)
def _cached_descriptors(speaker: Speaker) -> frozenset[str]:
    return descriptors(speaker)


def _verbatim(new: _Unit, old: _Unit, options: QuoteOptions) -> tuple[float, tuple[int, int], tuple[int, int]] | None:
    """Whether two units are the same words (or one a fragment of the other): score and spans."""
    a_words = [w for w in new.words if w != _GAP]
    b_words = [w for w in old.words if w != _GAP]
    gaps = len(new.words) - len(a_words) + len(old.words) - len(b_words)
    if a_words == b_words:
        content = len(prepare(new.text).content)
        if len(a_words) >= options.min_exact_words and content >= 2:
            return 1.0, (new.start, new.end), (old.start, old.end)
        return None
    shorter, longer = (a_words, b_words) if len(a_words) <= len(b_words) else (b_words, a_words)
    if len(shorter) < options.min_fragment_words:
        return None
    blocks = [b for b in SequenceMatcher(None, shorter, longer, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return None
    matched = sum(b.size for b in blocks)
    missing = len(shorter) - matched
    region = blocks[-1].b + blocks[-1].size - blocks[0].b
    extra = region - matched
    # Each bracket or ellipsis may stand for a few words on the other side; otherwise exact.
    allowance = 3 * gaps
    if matched < options.min_fragment_words or missing > allowance or extra > allowance:
        return None
    if missing > len(shorter) // 4:
        return None
    score = matched / len(shorter)
    short_is_new = shorter is a_words
    lo, hi = blocks[0].b, blocks[-1].b + blocks[-1].size
    long_unit = old if short_is_new else new
    long_span = _word_span(long_unit, lo, hi)
    short_unit = new if short_is_new else old
    short_span = (short_unit.start, short_unit.end)
    if short_is_new:
        return score, short_span, long_span
    return score, long_span, short_span


def _word_span(unit: _Unit, first: int, last: int) -> tuple[int, int]:
    """Article span of words ``[first, last)`` of a unit, counted without gaps."""
    positions = [i for i, w in enumerate(unit.words) if w != _GAP]
    return unit.offsets[2 * positions[first]], unit.offsets[2 * positions[last - 1] + 1]


def _best_window(new: _Unit, old: _Unit) -> tuple[float, tuple[int, int], tuple[int, int]]:
    """Same-statement score of two units; the shorter is also tried against windows of the longer."""
    best = (same_statement(new.text, old.text), (new.start, new.end), (old.start, old.end))
    short, long_ = (new, old) if len(new.words) <= len(old.words) else (old, new)
    size = len(short.words)
    if size * 3 > len(long_.words) * 2:
        return best
    text_of = long_.offsets
    source = long_.text
    base = long_.start
    for width in (size, size + 2):
        for first in range(0, max(1, len(long_.words) - width + 1)):
            last = min(len(long_.words), first + width) - 1
            lo, hi = text_of[2 * first], text_of[2 * last + 1]
            score = same_statement(short.text, source[lo - base : hi - base])
            if score > best[0]:
                spans = ((short.start, short.end), (lo, hi))
                best = (score, *spans) if short is new else (score, spans[1], spans[0])
    return best


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


def find_quote_links(
    items: Iterable[tuple[Article, Sequence[Quote] | None]], options: QuoteOptions | None = None
) -> tuple[QuoteIndex, list[Link]]:
    """Every same-quote and quote-variant link among the articles' quotes, sorted, and the index."""
    index = QuoteIndex(options)
    for article, quotes in items:
        index.add(article, quotes)
    return index, index.links()


def carry_speakers(index: QuoteIndex, links: Iterable[Link] | None = None) -> dict[tuple[str, int], dict[str, Any]]:
    """Speakers carried over quote links: ``(article_id, quote_start) -> speaker dict``.

    Rules: the quotes joined by ``same_quote`` and ``quote_variant`` links form groups. In a
    group whose named people (full names, or one-word names when there is none) all share one
    surname, the fullest named mention (most words,
    then a role, then the earliest article) is the group's speaker. It is carried to every quote
    of the group that has no speaker or only a role or organisation ("a military spokesperson"),
    provided that role is compatible with the named speaker's role and affiliation (they share a
    word class, e.g. military, spokesperson, or one side has none). A named speaker beats a
    role; a group with two different named people carries nothing. Quotes that already name
    their speaker keep it. The dict has the speaker's ``name``, ``role``, ``org``, ``kind``
    (``"carried"``) and ``source`` (article id and span of the quote it came from).
    """
    if links is None:
        links = index.links()
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    spans: dict[tuple[str, int], tuple[int, int]] = {}
    for link in links:
        if link.kind not in KINDS:
            continue
        ends = []
        for side in (link.a, link.b):
            found = index.unit_at(side.article_id, side.start, side.end)
            if found is None:
                break
            node = (side.article_id, found[0])
            spans.setdefault(node, (side.start, side.end))
            ends.append(node)
        if len(ends) != 2:
            continue
        # A variant was made on the two speakers' likeness; it carries a name only when one
        # side has one (two role-only sides may be two people of one office).
        has_name = any(person_key(index.speaker_of(*node)) for node in ends)
        if link.kind == "same_quote" or has_name:
            parent[find(ends[0])] = find(ends[1])
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    carried: dict[tuple[str, int], dict[str, Any]] = {}
    for members in groups.values():
        named = [(node, index.speaker_of(*node)) for node in sorted(members)]
        people = [(node, s) for node, s in named if s is not None and full_name(s)]
        if not people:
            people = [(node, s) for node, s in named if s is not None and person_key(s) is not None]
        if not people or len({person_key(s) for _, s in people}) > 1:
            continue
        source, speaker = max(people, key=lambda item: (len(item[1].name.split()), item[1].role is not None))
        start, end = spans[source]
        for node, own in named:
            if own is not None and person_key(own) is not None:
                continue
            if not compatible_roles(own, speaker):
                continue
            carried[node] = {
                "name": speaker.name,
                "role": speaker.role,
                "org": speaker.org,
                "kind": "carried",
                "source": {"article_id": source[0], "start": start, "end": end},
            }
    return carried

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
kept as a quote without a speaker (:mod:`crosswire.link.quotes.units`). Candidates come from the
:class:`~crosswire.link.quotes.index.QuoteIndex`: units sharing keys, never all pairs.

:func:`link_within` links the articles of one story (every kind, in publication order) from the
units and comparisons the index already holds; :func:`carry_speakers` then carries a named
speaker over the links to copies where the same quote is unattributed or attributed only by role
(rules in its docstring).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.link.copies.linker import Link
from crosswire.link.quotes.index import KINDS, QuoteIndex, QuoteOptions, QuotePass
from crosswire.link.quotes.speakers import compatible_roles, full_name, person_key
from crosswire.model import Article

__all__ = ["KINDS", "QuoteIndex", "QuoteOptions", "carry_speakers", "find_quote_links", "link_within"]

log = logging.getLogger(__name__)


class Linked(Protocol):
    """What speaker carry-over reads: the links of a pass, and the quote behind each link end."""

    def links(self) -> list[Link]: ...

    def unit_at(self, article_id: str, start: int, end: int) -> tuple[int, Speaker | None] | None: ...

    def speaker_of(self, article_id: str, quote_start: int) -> Speaker | None: ...


def link_within(index: QuoteIndex, article_ids: Sequence[str]) -> Linked:
    """Every quote link among these indexed articles (one story), as if they were indexed alone.

    The articles are taken in the order given (publication order), each related to all the
    others: a quote without a speaker meets the others' quotes in other words too. The units and
    the comparisons come from ``index``, so a story linked again costs lookups, not comparisons.
    The result gives ``links()`` and serves :func:`carry_speakers`.
    """
    index.prefetch(article_ids)
    scope = QuotePass(index, variants=True)
    related = set(article_ids)
    for article_id in article_ids:
        scope.add(article_id, index.record(article_id).units, related - {article_id})
    return scope


def find_quote_links(
    items: Iterable[tuple[Article, Sequence[Quote] | None]], options: QuoteOptions | None = None
) -> tuple[QuoteIndex, list[Link]]:
    """Every same-quote and quote-variant link among the articles' quotes, sorted, and the index."""
    index = QuoteIndex(options)
    for article, quotes in items:
        index.add(article, quotes)
    return index, index.links()


def carry_speakers(index: Linked, links: Iterable[Link] | None = None) -> dict[tuple[str, int], dict[str, Any]]:
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

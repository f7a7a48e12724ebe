"""Quote units: the stretches of quoted words that quote links join, each read once.

A unit is one sentence of a quote's quoted words (split where the attribution interrupts the
quote, '"...," she said, "..."'), or text between quotation marks that no quote covers (kept
without a speaker). Reading a unit gives everything any comparison needs, once:

- ``words``: its words lower-cased, with bracketed insertions ("[Varnia]", "(sic)") and ellipses
  as :data:`GAP`, and ``offsets``, where each word lies in the article;
- ``keys``: the lookup keys of the quote index (content-word stems, synonyms folded, and
  ``@surname`` of a named speaker);
- its :class:`~crosswire.link.quotes.paraphrase.Wording`, made on first use and kept, from which
  the comparison form of the whole unit or of any window of it is read without tokenising again.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern
from typing import Any

from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.link.quotes.paraphrase import Prepared, Wording, content_of
from crosswire.link.quotes.speakers import known_speaker, person_key
from crosswire.model import Article, Published

__all__ = ["GAP", "ArticleQuotes", "QuoteUnit", "Token", "read_units", "tokens_of"]

GAP = "\x00"
"""A bracketed insertion or an ellipsis among a unit's words."""

_MARKS = re.compile(r"[\"“”„«»]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»’']?\s+(?=[\"“‘'«(]?[A-Z0-9])|\n+")
# Words, bracketed insertions ("[Varnia]", "(sic)") and ellipses, in order.
_WORDS = re.compile(r"\[[^\]\n]{0,60}\]|\.\.\.|…|[^\W_]+(?:['’][^\W_]+)*")


class Token:
    """A word or an editing mark of a unit, as :func:`~crosswire.link.quotes.compare.verbatim` aligns them.

    ``kind``: ``w`` a word, ``i`` a word inside an insertion, ``[`` and ``]`` an opening and a
    closing bracket or parenthesis, ``.`` an ellipsis. ``norm`` is what is compared: the word
    lower-cased with straight apostrophes, ``[``/``]`` for either kind of bracket, ``...`` for
    an ellipsis. ``start``/``end`` are offsets in the unit's text.
    """

    __slots__ = ("end", "kind", "norm", "start")

    def __init__(self, norm: str, kind: str, start: int, end: int) -> None:
        self.norm, self.kind, self.start, self.end = norm, kind, start, end

    def __repr__(self) -> str:
        return f"Token({self.norm!r}, {self.kind!r})"


_MARKED = re.compile(r"[\[(]|[\])]|\.\.\.|…|[^\W_]+(?:['’][^\W_]+)*")


def tokens_of(text: str) -> list[Token]:
    """The words and editing marks of a unit's text."""
    found: list[Token] = []
    depth = 0
    for match in _MARKED.finditer(text):
        piece = match.group()
        first = piece[0]
        if first in "[(":
            depth += 1
            found.append(Token("[", "[", match.start(), match.end()))
        elif first in "])":
            depth = max(0, depth - 1)
            found.append(Token("]", "]", match.start(), match.end()))
        elif first in ".…":
            found.append(Token("...", ".", match.start(), match.end()))
        else:
            word = intern(piece.lower().replace("’", "'"))
            found.append(Token(word, "i" if depth else "w", match.start(), match.end()))
    return found


@dataclass(slots=True, eq=False)
class QuoteUnit:
    """A stretch of quoted words: one sentence of a quote (or a whole short quote)."""

    id: int
    article_id: str
    quote_start: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    """Lower-cased words, bracketed insertions and ellipses as :data:`GAP`."""
    offsets: array[int]
    """Article offsets of each word in ``words``: start and end of word ``k`` at ``2k`` and ``2k + 1``
    (a flat array of machine integers: a tuple of pairs costs ten times the memory)."""
    keys: frozenset[str]
    speaker: Speaker | None
    wording: Wording | None = field(default=None, repr=False)
    marked: list[Token] | None = field(default=None, repr=False)

    def __getstate__(self) -> tuple[Any, ...]:
        # the wording is rebuilt on demand: cheaper than storing it
        return tuple(getattr(self, name) for name in _STORED)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_STORED, state, strict=True):
            setattr(self, name, value)
        self.wording = None
        self.marked = None

    def tokens(self) -> list[Token]:
        """Its words and editing marks (made on first use and kept)."""
        if self.marked is None:
            self.marked = tokens_of(self.text)
        return self.marked

    def prepared(self, start: int | None = None, end: int | None = None) -> Prepared:
        """The comparison form of the unit, or of its article span ``[start, end)``."""
        if self.wording is None:
            self.wording = Wording(self.text)
        if start is None or end is None:
            return self.wording.prepared()
        return self.wording.prepared(start - self.start, end - self.start)

    @property
    def content_words(self) -> int:
        """How many content words (keys that are not a speaker) it has."""
        return sum(1 for key in self.keys if key[:1] != "@")


_STORED = ("id", "article_id", "quote_start", "start", "end", "text", "words", "offsets", "keys", "speaker")


@dataclass(slots=True)
class ArticleQuotes:
    """What the quote index keeps of one article: its units, and the speaker of each quote."""

    published: Published
    units: list[QuoteUnit]
    speakers: dict[int, Speaker | None]
    """Quote start -> the speaker it was given in the article (``None``: unattributed)."""
    quotes: tuple[tuple[int, int, str], ...] = ()
    """Start, end and kind of each quote of the article."""


def read_units(article: Article, quotes: Sequence[Quote], first_id: int) -> ArticleQuotes:
    """The units of an article's quotes (and of its unattributed quoted phrases), numbered from ``first_id``."""
    text = article.text
    stretches: list[tuple[int, int, int, Speaker | None]] = []
    covered = []
    speakers: dict[int, Speaker | None] = {}
    for quote in quotes:
        speaker = known_speaker(quote.speaker)
        speakers[quote.start] = speaker
        covered.append((quote.start, quote.end))
        for lo, hi in _pieces(text, quote):
            stretches.extend((quote.start, s, e, speaker) for s, e in _sentences(text, lo, hi))
    for lo, hi in _unquoted_phrases(text, covered):
        speakers.setdefault(lo, None)
        stretches.extend((lo, s, e, None) for s, e in _sentences(text, lo, hi))
    units: list[QuoteUnit] = []
    for quote_start, lo, hi, speaker in stretches:
        matches = list(_WORDS.finditer(text, lo, hi))
        # interned: the same words recur in every quote, one string each is kept
        words = tuple(GAP if m.group()[0] in "[.…" else intern(m.group().lower()) for m in matches)
        if sum(w != GAP for w in words) < 2:
            continue
        start, end = matches[0].start(), matches[-1].end()
        unit_text = text[start:end]
        # content_of(unit_text), read word by word: the same words recur across quotes
        keys = {key for m in matches for key in _content_keys(m.group())}
        for symbol in _SYMBOLS.findall(unit_text):
            keys.update(_content_keys(symbol))
        surname = person_key(speaker)
        if surname:
            keys.add("@" + surname)
        units.append(
            QuoteUnit(
                id=first_id + len(units),
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
        )
    return ArticleQuotes(article.published, units, speakers, tuple((q.start, q.end, q.kind) for q in quotes))


_SYMBOLS = re.compile(r"[%$€£]")
"""Signs that are words of their own to :func:`~crosswire.link.quotes.paraphrase.content_of` ("%" is "percent")."""


@lru_cache(maxsize=1 << 16)
def _content_keys(word: str) -> tuple[str, ...]:
    """The content words of one word (or bracketed insertion), interned."""
    return tuple(intern(key) for key in sorted(content_of(word)))


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

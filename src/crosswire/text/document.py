"""One article's text, read once: the views every extractor shares, each computed when first asked.

A :class:`Document` is built once per article by the extract stage (:mod:`crosswire.extract.stage`)
and handed to every extractor, which reads what it needs from it instead of re-splitting,
re-lowering or re-scanning the text itself::

    doc = Document(article)
    doc.lower                  the text in lower case, of the same length (offsets hold)
    doc.ascii                  the text as ASCII bytes, one byte per character ("?" for others)
    doc.paragraphs             paragraph spans (crosswire.text.sentences)
    doc.sentence_starts/_ends  sentence bounds; doc.sentence(pos), doc.sentence_start(pos) ...
    doc.number_starts          where runs of digits start (crosswire.text.numbers)
    doc.capitalised_runs       runs of capitalised words (crosswire.text.capitalised)
    doc.tokens                 word and punctuation tokens with offsets and lower-case forms

Each view is computed the first time it is asked for and kept for the article's lifetime, so
the order in which extractors run never changes what they see, and no module needs a cache of
"the last text".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from crosswire.model import Article, Published, Span
from crosswire.text.capitalised import Run, capitalised_runs
from crosswire.text.numbers import number_starts
from crosswire.text.sentences import sentence_bounds, split_paragraphs
from crosswire.text.tokens import Tokens, tokenize_document

__all__ = ["Document", "lower_keeping_offsets"]


def lower_keeping_offsets(text: str) -> str:
    """``text`` in lower case with one character for each of ``text`` (offsets stay valid).

    Python lower-cases "İ" (capital I with a dot) to two characters, "i" and a combining dot;
    here it becomes "i", so that "İzmir" reads as "izmir" and every later offset holds.
    """
    if "İ" in text:
        text = text.replace("İ", "I")
    return text.lower()


class Document:
    """An article's text and the views of it the extractors share (see the module docstring)."""

    __slots__ = (
        "_ascii",
        "_lower",
        "_number_starts",
        "_paragraph_starts",
        "_paragraphs",
        "_runs",
        "_sentence_ends",
        "_sentence_starts",
        "_tokens",
        "article",
        "text",
    )

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text: str = article.text
        self._lower: str | None = None
        self._ascii: bytes | None = None
        self._paragraphs: list[Span] | None = None
        self._paragraph_starts: list[int] | None = None
        self._sentence_starts: list[int] | None = None
        self._sentence_ends: list[int] | None = None
        self._number_starts: list[int] | None = None
        self._runs: list[Run] | None = None
        self._tokens: Tokens | None = None

    @classmethod
    def of(cls, source: Article | Document) -> Document:
        """``source`` itself when it is a document, else a new document of the article."""
        return source if isinstance(source, Document) else cls(source)

    @property
    def published(self) -> Published:
        """The article's publication time (the reference time of its time expressions)."""
        return self.article.published

    # --- characters ----------------------------------------------------------------------------

    @property
    def lower(self) -> str:
        """The text in lower case, one character for each of the text's (see :func:`lower_keeping_offsets`)."""
        lower = self._lower
        if lower is None:
            lower = self._lower = lower_keeping_offsets(self.text)
        return lower

    @property
    def ascii(self) -> bytes:
        """The text as ASCII bytes, one byte per character: others are "?" (fast byte scans keep offsets)."""
        data = self._ascii
        if data is None:
            data = self._ascii = self.text.encode("ascii", "replace")
        return data

    # --- paragraphs and sentences --------------------------------------------------------------

    @property
    def paragraphs(self) -> list[Span]:
        """Paragraph spans, trimmed, in order."""
        paragraphs = self._paragraphs
        if paragraphs is None:
            paragraphs = self._paragraphs = split_paragraphs(self.text)
        return paragraphs

    @property
    def paragraph_starts(self) -> list[int]:
        """Start offsets of :attr:`paragraphs`."""
        starts = self._paragraph_starts
        if starts is None:
            starts = self._paragraph_starts = [p.start for p in self.paragraphs]
        return starts

    @property
    def sentence_starts(self) -> list[int]:
        """Start offsets of the sentences (trimmed; no sentence crosses a paragraph break)."""
        starts = self._sentence_starts
        if starts is None:
            starts = self._sentences()[0]
        return starts

    @property
    def sentence_ends(self) -> list[int]:
        """End offsets of the sentences, in the order of :attr:`sentence_starts`."""
        ends = self._sentence_ends
        if ends is None:
            ends = self._sentences()[1]
        return ends

    def _sentences(self) -> tuple[list[int], list[int]]:
        bounds = sentence_bounds(self.text, self.paragraphs)
        starts = [b[0] for b in bounds]
        ends = [b[1] for b in bounds]
        self._sentence_starts = starts
        self._sentence_ends = ends
        return starts, ends

    def sentences(self) -> list[Span]:
        """Sentence spans, in order."""
        return [Span(s, e) for s, e in zip(self.sentence_starts, self.sentence_ends, strict=True)]

    def sentence(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding ``pos`` (the first one before any sentence)."""
        starts = self.sentence_starts
        ends = self.sentence_ends
        if not starts:
            return 0, len(self.text)
        i = bisect_right(starts, pos) - 1
        if i < 0:
            i = 0
        return starts[i], ends[i]

    def sentence_before(self, pos: int) -> tuple[int, int] | None:
        """``(start, end)`` of the sentence before the one holding ``pos``, or ``None``."""
        starts = self.sentence_starts
        i = bisect_right(starts, pos) - 2
        return (starts[i], self.sentence_ends[i]) if i >= 0 else None

    def sentence_start(self, pos: int) -> int:
        """Where the sentence holding ``pos`` starts (``pos`` itself between sentences)."""
        starts = self.sentence_starts
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return 0
        return starts[i] if pos <= self.sentence_ends[i] else pos

    def sentence_end(self, pos: int) -> int:
        """Where the sentence holding ``pos`` ends (``pos`` itself between sentences)."""
        starts = self.sentence_starts
        i = bisect_right(starts, pos) - 1
        if i < 0:
            return pos
        end = self.sentence_ends[i]
        return end if pos <= end else pos

    def paragraph_index(self, pos: int) -> int:
        """Index in :attr:`paragraphs` of the paragraph holding ``pos`` (0 before the first)."""
        return max(bisect_right(self.paragraph_starts, pos) - 1, 0)

    # --- words and numbers ---------------------------------------------------------------------

    @property
    def number_starts(self) -> list[int]:
        """Start offsets of the runs of digits ("1,200.5" is one run)."""
        starts = self._number_starts
        if starts is None:
            starts = self._number_starts = number_starts(self.text, self.ascii)
        return starts

    @property
    def capitalised_runs(self) -> list[Run]:
        """Runs of capitalised words, in order (see :mod:`crosswire.text.capitalised`)."""
        runs = self._runs
        if runs is None:
            runs = self._runs = capitalised_runs(self.text)
        return runs

    @property
    def tokens(self) -> Tokens:
        """Word and punctuation tokens of the whole text with offsets (see :mod:`crosswire.text.tokens`)."""
        tokens = self._tokens
        if tokens is None:
            tokens = self._tokens = tokenize_document(self.text, self.lower)
        return tokens

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indexes ``i, j`` of the tokens lying wholly inside ``start..end``: ``tokens[i:j]``."""
        tokens = self.tokens
        i = bisect_left(tokens.starts, start)
        j = bisect_right(tokens.ends, end, i)
        return i, max(i, j)

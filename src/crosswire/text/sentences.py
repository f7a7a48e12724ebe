"""Sentences and paragraphs of news text, as spans into the article.

``split_sentences(text)`` and ``split_paragraphs(text)`` return :class:`~crosswire.model.Span`
lists in text order, trimmed of surrounding whitespace. Written by hand rather than taken from a
general tokenizer because news has its own habits that general splitters get wrong and because
the whole extraction budget is a few hundred microseconds per article: abbreviations before
names ("Lt. Col.", "Gen.", "U.S."), initials ("John F. Kennedy"), datelines
("HALVIK, Nov. 4 (VCNA) - ..."), and quotations whose closing mark comes after the full stop
('... the border." He added ...' — the closing mark belongs to the first sentence).

Paragraphs are separated by a blank line, or by a line break followed by indentation (wire
copy); when a text has neither, every line break separates paragraphs. A sentence never runs
over a paragraph break.
"""

from __future__ import annotations

import re

from crosswire.model import Span
from crosswire.text.abbreviations import NOT_SENTENCE_END

__all__ = ["ABBREVIATIONS", "sentence_bounds", "split_paragraphs", "split_sentences"]

# Words that end with a full stop without ending the sentence (compared case-folded, without the
# stop): the one list of crosswire.text.abbreviations.
ABBREVIATIONS = NOT_SENTENCE_END

# An abbreviation can end a sentence ("in the U.S. The talks ...") but is far more often
# followed by a name or a modifier ("U.S. officials"), so an abbreviation never ends one here.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]+\S)\s*")
_LINE_BREAK = re.compile(r"\n\s*")

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then whitespace.
# What follows must look like a sentence start (capital, digit, opening quote or bracket).
# (The pattern opens with a single character class so that the regex engine can skip ahead fast.)
_BOUNDARY = re.compile(
    r"""[.!?…](?P<more>[.!?…]*)(?P<close>[\"'”’»)\]]*)(?P<space>\s+)(?=[\"'“‘«(\[]{0,2} ?[A-Z0-9À-ÞĀ-ž])"""
)


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans of ``text``, trimmed, in order."""
    if "\n" not in text:
        return _trimmed([(0, len(text))], text)
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    pieces = []
    start = 0
    for match in breaks.finditer(text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    return _trimmed(pieces, text)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of ``text``, trimmed, in order; no sentence crosses a paragraph break."""
    return [Span(start, end) for start, end in sentence_bounds(text, split_paragraphs(text))]


def sentence_bounds(text: str, paragraphs: list[Span]) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` pairs within the given (trimmed) paragraphs, in order."""
    # Sentences come out trimmed without a separate pass: a boundary's whitespace is dropped and
    # paragraphs are already trimmed. The boundary test is inlined: this runs over every text.
    bounds: list[tuple[int, int]] = []
    append = bounds.append
    finditer = _BOUNDARY.finditer
    for paragraph in paragraphs:
        start = paragraph.start
        for match in finditer(text, paragraph.start, paragraph.end):
            stop = match.start()
            space = match.start("space")
            if space == stop + 1 and text[stop] == ".":  # a lone full stop: no "?!", no closing mark
                tail = text[max(0, stop - 16) : stop].rsplit(None, 1)
                word = tail[-1].lstrip("\"'“‘’([—–-") if tail else ""
                if word and not _ends_sentence(word):
                    continue
            append((start, space))
            start = match.end()
        append((start, paragraph.end))
    return bounds


def _ends_sentence(word: str) -> bool:
    """Can a full stop after ``word`` end a sentence (not "Mr.", "U.S.", an initial)?"""
    if word.casefold() in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "John F. Kennedy"
    # Dotted acronyms not listed ("N.A.T.O", "S.A", "S.&P"): letters separated by stops (not a
    # figure such as "£1.2m" or "18.8%", whose stop at the end does end the sentence).
    return not (("." in word) and all(len(part) <= 2 and part.strip("&").isalpha() for part in word.split(".") if part))


def _trimmed(pieces: list[tuple[int, int]], text: str) -> list[Span]:
    spans = []
    for start, end in pieces:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans

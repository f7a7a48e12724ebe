"""Word and punctuation tokens with their offsets into the article.

:func:`tokenize` cuts a stretch of text into words and marks ("Sen.", "U.S.", "O'Neill", "AT&T"
stay whole; "," and "(" are tokens of their own); :class:`Tokens` holds those of a whole text,
which :class:`crosswire.text.document.Document` computes once per article. Hand-written because
a general tokenizer is several times slower than these string tests, and news needs its own
abbreviation rules (a title keeps its stop).
"""

from __future__ import annotations

import re

__all__ = ["Token", "Tokens", "tokenize", "tokenize_document"]

Token = tuple[int, int, str]
"""A word or punctuation mark: ``(start, end, text)`` into the article text."""

# Words keep inner stops, apostrophes, hyphens and ampersands ("U.S.", "O'Neill", "AT&T"); a
# title abbreviation keeps its stop ("Sen.", "Gov.") so that it is one token.
_TOKEN = re.compile(
    r"\w+(?:[.'’&-]\w+)*"
    r"(?:\.(?:(?<=\b[A-Z]\.)|(?<=\b(?:Mr|Ms|Dr|St|Jr|Sr|Lt)\.)"
    r"|(?<=\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Maj|Sgt|Adm|Rev)\.)|(?<=\b(?:Capt|Prof|Supt)\.)))?"
    r"|[^\w\s]"
)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with article offsets."""
    # Most whitespace-separated chunks are one plain word, or a word with one mark before or
    # after it ("minister,", "(Dolmek"): those are split by string tests, a third faster than
    # running the token pattern over them; any other chunk goes through the pattern.
    tokens: list[Token] = []
    append = tokens.append
    pos = start
    part = text[start:end]
    # With no white space but " ", each chunk starts one past the end of the one before (an empty
    # chunk is one more space) and needs no search; otherwise each chunk is found from ``pos``.
    spaced = part.isprintable()
    find = text.find
    for chunk in part.split(" ") if spaced else part.split():
        if not chunk:
            pos += 1
            continue
        if not spaced:
            pos = find(chunk, pos)
        stop = pos + len(chunk)
        if chunk.isalnum():
            append((pos, stop, chunk))
        elif chunk[-1] in _MARK_AFTER and chunk[:-1].isalnum():
            append((pos, stop - 1, chunk[:-1]))
            append((stop - 1, stop, chunk[-1]))
        elif chunk[0] in _MARK_BEFORE and chunk[1:].isalnum():
            append((pos, pos + 1, chunk[0]))
            append((pos + 1, stop, chunk[1:]))
        else:
            tokens += [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, pos, stop)]
        pos = stop + 1 if spaced else stop
    return tokens


_MARK_AFTER = frozenset(',;:!?)]"”')  # never part of a word token (unlike "." and "'")
_MARK_BEFORE = frozenset('(["“')


class Tokens:
    """The tokens of a whole text: ``(start, end, text)`` triples, their starts and ends, and the
    tokens in lower case (from the offset-keeping lower-cased text)."""

    __slots__ = ("ends", "items", "lows", "starts")

    def __init__(self, items: list[Token], lower: str) -> None:
        self.items = items
        self.starts = [t[0] for t in items]
        self.ends = [t[1] for t in items]
        self.lows = [lower[t[0] : t[1]] for t in items]

    def __len__(self) -> int:
        return len(self.items)


def tokenize_document(text: str, lower: str) -> Tokens:
    """Every token of ``text``; ``lower`` is the text lower-cased with its offsets kept."""
    return Tokens(tokenize(text, 0, len(text)), lower)

"""Numbers as news writes them: digits, number words, scales and vague amounts.

``parse_number("1,200")`` is 1200, ``parse_number("1.5 million")`` is 1500000,
``parse_number("twenty-five")`` is 25 and ``parse_number("a dozen")`` is 12. Vague amounts
("dozens", "several", "hundreds of") are ranges, see :data:`VAGUE` and :func:`vague_range`.

Written by hand: the number libraries on PyPI (word2number, text2num, quantulum3) either parse
one whole string at a time, or are far too slow to run over every article; this module gives the
regular-expression fragments the quantity extractor scans with, and the parsers for the pieces
those fragments match.
"""

from __future__ import annotations

import math
import re

__all__ = [
    "DIGITS",
    "MAX_FIGURE",
    "NUMBER_WORD",
    "SCALES",
    "SCALE_WORD",
    "UNITS_WORDS",
    "VAGUE",
    "Number",
    "figure",
    "number_starts",
    "parse_digits",
    "parse_number",
    "parse_words",
    "vague_range",
]

Number = int | float

UNITS_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}  # fmt: skip

# Vague amounts as (low, high). Convention (see docs/extractors/quantities.md): the low end is
# ACLED's conservative reading ("dozens" = 12), the high end follows NewsQuant's
# order-of-magnitude reading ("hundreds" = 100 to 1,000); "a couple", "a few" and "several"
# are small ranges, never a single invented figure.
VAGUE: dict[str, tuple[int, int]] = {
    "a couple of": (2, 3), "a couple": (2, 3), "a few": (2, 5), "several": (3, 9),
    "dozens of": (12, 120), "dozens": (12, 120), "scores of": (40, 200),
    "hundreds of": (100, 1_000), "hundreds": (100, 1_000),
    "thousands of": (1_000, 10_000), "thousands": (1_000, 10_000),
    "tens of thousands of": (10_000, 100_000), "tens of thousands": (10_000, 100_000),
    "hundreds of thousands of": (100_000, 1_000_000), "hundreds of thousands": (100_000, 1_000_000),
    "millions of": (1_000_000, 10_000_000), "millions": (1_000_000, 10_000_000),
    "tens of millions of": (10_000_000, 100_000_000), "tens of millions": (10_000_000, 100_000_000),
    "hundreds of millions of": (100_000_000, 1_000_000_000),
    "hundreds of millions": (100_000_000, 1_000_000_000),
    "billions of": (1_000_000_000, 10_000_000_000), "billions": (1_000_000_000, 10_000_000_000),
}  # fmt: skip

_SMALL = "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
_WORD_ATOM = rf"(?:(?:{'|'.join(TENS_WORDS)})[- ](?:one|two|three|four|five|six|seven|eight|nine)|{_SMALL})"

DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
"""Digits with optional thousands separators and decimals: ``1,200``, ``48.2``, ``.5``."""

SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)"

NUMBER_WORD = (
    rf"(?:(?:a|{_WORD_ATOM})\s+(?:{SCALE_WORD}|dozen)(?:\s+(?:and\s+)?{_WORD_ATOM})?"
    rf"|{_WORD_ATOM})"
)
"""Number words: ``two``, ``twenty-five``, ``a dozen``, ``three hundred``, ``a million``."""

_DIGITS_RE = re.compile(DIGITS)
_WORD_TOKEN = re.compile(r"[a-z]+")
_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
# The same runs found in a copy of the text as bytes, with every digit made "0" and every other
# character but "." and "," a space: a pattern opening with one literal character lets the regex
# engine skip ahead with a fast search, where a digit class is tried at every position (five
# times slower over a whole article). Non-ASCII characters become "?" in the copy.
_DIGIT_MAP = bytes(48 if 48 <= code <= 57 else code if code in b".,?" else 32 for code in range(256))
_ZERO_RUN = re.compile(rb"0(?:0|[.,]0)*")  # the same language as \d+(?:[.,]\d+)*


def number_starts(text: str, data: bytes | None = None) -> list[int]:
    """Start offsets of the runs of digits in ``text`` (with "." and "," between digits: "1,200.5").

    ``data`` is ``text.encode("ascii", "replace")`` when the caller has it already
    (:attr:`crosswire.text.document.Document.ascii`).
    """
    if data is None:
        data = text.encode("ascii", "replace")  # one byte per character: offsets are kept
    if not text.isascii():
        others = data.count(b"?")
        if others > 64:
            return [run.start() for run in _DIGIT_RUN.finditer(text)]
        pos = data.find(b"?")
        while pos >= 0:
            if text[pos].isdecimal():  # a digit of another script ("٣"): the copy cannot see it
                return [run.start() for run in _DIGIT_RUN.finditer(text)]
            pos = data.find(b"?", pos + 1)
    return [run.start() for run in _ZERO_RUN.finditer(data.translate(_DIGIT_MAP))]


MAX_FIGURE = 10**18
"""The largest magnitude read as a figure. A number beyond it ("a 310-digit number of troops") is
kept as text: :func:`figure` gives ``None`` for it, so it never enters arithmetic. A quintillion is
far above any count or sum news reports (world output is about 10**14 dollars a year), converts to
a float without overflow even after unit factors and products, and fits a 64-bit integer."""

_MAX_WHOLE_DIGITS = len(str(MAX_FIGURE))


def figure(value: object) -> Number | None:
    """``value`` when it is a finite number no larger than :data:`MAX_FIGURE` in magnitude, else ``None``.

    Used where a number is parsed and again where a stored one is read back (a ledger written by an
    older version may hold any number).
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value if -MAX_FIGURE <= value <= MAX_FIGURE else None


def parse_digits(text: str) -> Number:
    """The value of a digit string such as ``1,200`` or ``48.2`` (int when whole).

    A whole part of more digits than any figure has is not converted (Python refuses integers of
    thousands of digits, and converting them costs time growing with their square): it reads as
    infinity, which :func:`figure` turns away.
    """
    clean = text.replace(",", "")
    if len(clean.partition(".")[0]) > _MAX_WHOLE_DIGITS:
        return math.inf
    if "." in clean:
        return float(clean)
    return int(clean)


def parse_words(text: str) -> int | None:
    """The value of number words such as ``twenty-five``, ``a dozen`` or ``two hundred``."""
    total = 0
    current = 0
    seen = False
    for token in _WORD_TOKEN.findall(text.lower()):
        if token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "a":
            current += 1
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[token]
            current = 0
        elif token == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> Number | None:
    """The value of a number as written: digits, words, or either followed by a scale word.

    >>> parse_number("1.5 million")
    1500000
    >>> parse_number("a couple of") is None   # vague: see vague_range()
    True

    A number beyond :data:`MAX_FIGURE` is no value (``None``): it stays text.
    """
    text = text.strip()
    if not text:
        return None
    match = _DIGITS_RE.match(text)
    if match:
        value: Number = parse_digits(match.group())
        rest = text[match.end() :].strip().lower()
        if not rest:
            return figure(value)
        factor = 1
        for token in rest.replace("-", " ").split():
            if token not in SCALES:
                return None
            factor *= SCALES[token]
        return figure(scale(value, factor))
    return figure(parse_words(text))


def scale(value: Number, factor: int) -> Number:
    """``value * factor``, kept an int when the result is whole (1.5 million -> 1500000)."""
    result = value * factor
    if isinstance(result, float) and result.is_integer() and abs(result) < 1e18:
        return int(result)
    return result


def vague_range(text: str) -> tuple[int, int] | None:
    """The (low, high) range a vague amount stands for: ``dozens`` -> (12, 120)."""
    return VAGUE.get(" ".join(text.lower().split()))

"""Do two sentences say the same thing? A fast decision without any model download.

``same_statement(a, b)`` returns a score in [0, 1]; at or above :data:`THRESHOLD` the two are
taken to express one statement (a paraphrase, or another translation of the same words). It is
symmetric, deterministic and takes some tens of microseconds per pair.

How: both sentences are reduced to lower-case word stems, each mapped to its synonym group from
the hand-written :mod:`crosswire.link.quotes.lexicon` ("arms" and "weapons" become one word). Then a few
measures of how much they share are combined by a logistic function whose weights were fitted
on the MSRP training split and written down here:

- content-word overlap both ways (the smaller and the larger share), and words left unmatched;
- word-bigram overlap and the longest common subsequence of words (order matters);
- character-trigram overlap (spelling variants, stems the stemmer misses);
- number agreement: a figure in one sentence that the other lacks or changes is strong evidence
  of a different statement ("rose 3%" vs "rose 5%");
- length ratio.

Written by hand: the libraries that do this well (sentence encoders, cross-encoders) need a model
download and are orders of magnitude slower; those are for an optional backend.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from crosswire.link.quotes.lexicon import SYNONYM_GROUPS
from crosswire.text.lemmas import stem as light_stem

__all__ = ["THRESHOLD", "Prepared", "content_of", "features", "prepare", "same_statement", "stem"]

THRESHOLD = 0.55
"""Default decision threshold of :func:`same_statement`."""


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_STOPWORDS = _wordset(
    """
    a an the and or but if of to in on at by for with from as into onto over under than then that
    this these those there here is are was were be been being am do does did done have has had
    having it its it's he she they we i you him her them us me my our your their his hers theirs
    ours who whom whose which what when where why how not no nor so such very just also too only
    s t can could would should may might must will shall about after before while during up down
    out off again further once more most other some any each few both all own same said say says
    told according
    """
)
_NEGATIONS = frozenset({"not", "no", "never", "nor", "n't", "without"})

# Word tokens: letters/digits with inner apostrophes, dots and commas in numbers, or % and $.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|[%$€£]")
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "sold": "sell",
    "bought": "buy",
    "won": "win",
    "lost": "lose",
    "held": "hold",
    "made": "make",
    "took": "take",
    "taken": "take",
    "gave": "give",
    "given": "give",
    "went": "go",
    "gone": "go",
    "saw": "see",
    "seen": "see",
    "began": "begin",
    "begun": "begin",
    "chose": "choose",
    "chosen": "choose",
    "spoke": "speak",
    "spoken": "speak",
    "brought": "bring",
    "thought": "think",
    "met": "meet",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "grown": "grow",
    "wrote": "write",
    "written": "write",
    "stood": "stand",
    "led": "lead",
    "paid": "pay",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "fought": "fight",
    "found": "find",
    "left": "leave",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "news": "news",
    "pct": "percent",
    "%": "percent",
    "n't": "not",
}


def stem(word: str) -> str:
    """The stem of a lower-case word for matching: an irregular form's base word ("said" -> "say"),
    else the one stemmer of :func:`crosswire.text.lemmas.stem` ("positioning" -> "position")."""
    irregular = _IRREGULAR.get(word)
    return irregular if irregular is not None else light_stem(word)


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        head = stem(group[0])
        for word in group:
            table.setdefault(stem(word), head)
    return table


_SYNONYMS = _build_synonyms()


@dataclass(frozen=True, slots=True)
class Prepared:
    """A sentence reduced for comparison."""

    words: tuple[str, ...]
    """Every word, stemmed and mapped to its synonym group, numbers normalised."""
    content: frozenset[str]
    """The content words (no stopwords, no numbers)."""
    numbers: frozenset[str]
    """The figures, normalised ("1,200" -> "1200")."""
    bigrams: frozenset[tuple[str, ...]]
    trigrams: frozenset[str]
    """Character trigrams of the lower-cased words."""
    negated: bool
    names: frozenset[str]
    """Capitalised words after the first word (names, mostly), lower-cased and stemmed."""
    wordset: frozenset[str] = frozenset()
    """The distinct words (kept with the form: every comparison needs them)."""
    fourgrams: frozenset[tuple[str, ...]] = frozenset()


def content_of(text: str) -> frozenset[str]:
    """The content words of a sentence, as ``prepare(text).content``, without the rest of the form.

    For indexing many sentences of which few are ever compared: about a third of the cost.
    """
    content: set[str] = set()
    for match in _TOKEN.finditer(text.lower().replace("’", "'")):
        token = match.group()
        if token[0].isdigit():
            continue
        if token.endswith("n't"):
            token = token[:-3] or token
        if token.endswith("'s"):
            token = token[:-2]
        stemmed = stem(token)
        word = _SYNONYMS.get(stemmed, stemmed)
        if token not in _STOPWORDS and word not in _STOPWORDS:
            content.add(word)
    return frozenset(content)


@lru_cache(maxsize=4096)
def prepare(text: str) -> Prepared:
    """The comparison form of a sentence (cached: quotes are compared many times)."""
    words: list[str] = []
    content: set[str] = set()
    numbers: set[str] = set()
    negated = False
    names = {
        stem(m.group().lower()) for m in _NAME.finditer(text) if m.start() > 0 and m.group().lower() not in _STOPWORDS
    }
    raw = text.lower().replace("’", "'")
    for match in _TOKEN.finditer(raw):
        token = match.group()
        if token[0].isdigit():
            number = token.replace(",", "")
            if "." in number:
                number = number.rstrip("0").rstrip(".")
            numbers.add(number)
            words.append(number)
            continue
        if token.endswith("n't"):
            negated = True
            token = token[:-3] or token
        elif token in _NEGATIONS:
            negated = True
        if token.endswith("'s"):
            token = token[:-2]
        stemmed = stem(token)
        word = _SYNONYMS.get(stemmed, stemmed)
        words.append(word)
        if token not in _STOPWORDS and word not in _STOPWORDS:
            content.add(word)
    joined = " " + " ".join(m.group() for m in _TOKEN.finditer(raw)) + " "
    trigrams = frozenset(joined[i : i + 3] for i in range(len(joined) - 2))
    bigrams = _ngrams(tuple(words), 2)
    return Prepared(
        tuple(words),
        frozenset(content),
        frozenset(numbers),
        bigrams,
        trigrams,
        negated,
        frozenset(names),
        frozenset(words),
        _ngrams(tuple(words), 4),
    )


FEATURES = (
    "unmatched",
    "lcs",
    "char_trigrams",
    "number_conflict",
    "negation_conflict",
    "prefix_share",
    "weighted_share",
    "name_conflict",
    "word_share",
    "bigram_share_min",
    "bigram_share_max",
    "fourgram_share_max",
)
"""Names of the measures :func:`features` returns, in order."""

# Logistic weights over FEATURES, fitted on the MSRP training split (five-fold cross-validated
# backward selection of measures, then one fit) and rounded; the bias comes last. A negative
# weight on the larger n-gram share reads: when one sentence is contained in the other, the
# other says more.
_WEIGHTS = (-1.05, 5.55, 4.09, -1.15, -1.07, 1.05, -0.71, 0.18, 1.6, 1.27, -2.62, -2.38)
_BIAS = -3.27


def features(a: str, b: str) -> tuple[float, ...]:
    """The similarity measures behind :func:`same_statement`, named by :data:`FEATURES`."""
    return _features(prepare(a), prepare(b))


def _features(pa: Prepared, pb: Prepared) -> tuple[float, ...]:
    ca, cb = pa.content, pb.content
    shared = len(ca & cb)
    unmatched = min(len(ca) - shared + len(cb) - shared, 12) / 12
    lcs = _lcs(pa.words, pb.words) / max(len(pa.words), len(pb.words)) if pa.words and pb.words else 0.0
    ta, tb = pa.trigrams, pb.trigrams
    trigram = len(ta & tb) / len(ta | tb) if ta and tb else 0.0
    bigram_min, bigram_max = _shares(pa.bigrams, pb.bigrams)
    return (
        unmatched,
        lcs,
        trigram,
        min(len(pa.numbers ^ pb.numbers), 3) / 3,
        1.0 if pa.negated != pb.negated else 0.0,
        _prefix_share(ca, cb),
        _weighted_share(ca, cb),
        min(len(pa.names ^ pb.names), 4) / 4,
        _shares(pa.wordset or frozenset(pa.words), pb.wordset or frozenset(pb.words))[0],
        bigram_min,
        bigram_max,
        _shares(pa.fourgrams or _ngrams(pa.words, 4), pb.fourgrams or _ngrams(pb.words, 4))[1],
    )


def _ngrams(words: tuple[str, ...], n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(words[i : i + n] for i in range(len(words) - n + 1))


def _shares(a: frozenset[object], b: frozenset[object]) -> tuple[float, float]:
    """The smaller and the larger of the two shares of items the sets have in common."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    share_a, share_b = shared / len(a), shared / len(b)
    return min(share_a, share_b), max(share_a, share_b)


def _prefix_share(ca: frozenset[str], cb: frozenset[str]) -> float:
    """Content words matched exactly or by a shared five-letter prefix, as the smaller share."""
    if not ca or not cb:
        return 0.0
    pa = {w[:5] for w in ca}
    pb = {w[:5] for w in cb}
    hits_a = sum(1 for w in ca if w[:5] in pb)
    hits_b = sum(1 for w in cb if w[:5] in pa)
    return min(hits_a / len(ca), hits_b / len(cb))


def _weighted_share(ca: frozenset[str], cb: frozenset[str]) -> float:
    """Shared content words weighted by length (longer words are rarer), as the smaller share."""
    if not ca or not cb:
        return 0.0
    shared = sum(len(w) for w in ca & cb)
    return min(shared / sum(len(w) for w in ca), shared / sum(len(w) for w in cb))


def _lcs(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Length of the longest common subsequence of two word sequences.

    Bit-parallel (Allison & Dix 1986; Hyyrö 2004): one bit per word of the shorter sequence in
    a Python integer, a few integer operations per word of the longer one instead of a row of
    the dynamic-programming table; the same result as the table, many times faster.
    """
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return 0
    masks: dict[str, int] = {}
    for position, word in enumerate(b):
        masks[word] = masks.get(word, 0) | (1 << position)
    full = (1 << len(b)) - 1
    row = full
    for word in a:
        match = masks.get(word)
        if match:
            shared = row & match
            row = ((row + shared) | (row - shared)) & full
    return len(b) - row.bit_count()


def same_statement(a: str, b: str) -> float:
    """How surely ``a`` and ``b`` express the same statement, in [0, 1] (same at >= THRESHOLD)."""
    pa, pb = prepare(a), prepare(b)
    if not pa.words or not pb.words:
        return 0.0
    if pa.words == pb.words:
        return 1.0
    values = _features(pa, pb)
    z = _BIAS + sum(w * v for w, v in zip(_WEIGHTS, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))

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
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from crosswire.link.quotes.lexicon import SYNONYM_GROUPS
from crosswire.text.lemmas import stem as light_stem

__all__ = [
    "THRESHOLD",
    "Prepared",
    "Wording",
    "content_of",
    "features",
    "prepare",
    "same_statement",
    "score_prepared",
    "stem",
]

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


class Wording:
    """A sentence tokenised once: the comparison form of the whole, or of any stretch of it.

    Comparing a short quote with every window of a longer one needs the form of each window;
    reading them off one token table costs a fraction of tokenising each window again, and
    gives the same form (:meth:`prepared` falls back to :func:`prepare` of the stretch when a
    token or a name runs across its ends, the one case where the two would differ).
    """

    __slots__ = ("_names", "_raw", "_tokens", "_whole", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        raw = text.lower().replace("’", "'")
        self._raw = raw if len(raw) == len(text) else None  # offsets of a lowered text may move
        # per token: start, end, the raw token, the word (stem in its synonym group, or number),
        # and flags: 1 number, 2 negation, 4 content word
        tokens: list[tuple[int, int, str, str, int]] = []
        for match in _TOKEN.finditer(raw):
            token = match.group()
            if token[0].isdigit():
                number = token.replace(",", "")
                if "." in number:
                    number = number.rstrip("0").rstrip(".")
                tokens.append((match.start(), match.end(), token, number, 1))
                continue
            flags = 0
            if token.endswith("n't"):
                flags = 2
                token = token[:-3] or token
            elif token in _NEGATIONS:
                flags = 2
            if token.endswith("'s"):
                token = token[:-2]
            stemmed = stem(token)
            word = _SYNONYMS.get(stemmed, stemmed)
            if token not in _STOPWORDS and word not in _STOPWORDS:
                flags |= 4
            tokens.append((match.start(), match.end(), match.group(), word, flags))
        self._tokens = tokens
        self._names = [
            (m.start(), m.end(), m.group().lower()) for m in _NAME.finditer(text) if m.group().lower() not in _STOPWORDS
        ]
        self._whole: Prepared | None = None

    def prepared(self, start: int = 0, end: int | None = None) -> Prepared:
        """The comparison form of ``text[start:end]`` (the same as ``prepare(text[start:end])``)."""
        text = self.text
        end = len(text) if end is None else end
        whole = start == 0 and end == len(text)
        if whole and self._whole is not None:
            return self._whole
        tokens = self._tokens
        if not whole and (self._raw is None or _crosses(tokens, start, end) or _crosses(self._names, start, end)):
            return prepare(text[start:end])
        if whole:
            inside = tokens
        else:
            first = bisect_left(tokens, (start,))
            last = bisect_left(tokens, (end,))
            while last > first and tokens[last - 1][1] > end:
                last -= 1
            inside = tokens[first:last]
        words = tuple(t[3] for t in inside)
        joined = " " + " ".join(t[2] for t in inside) + " "
        names = frozenset(stem(name) for s, e, name in self._names if start < s and e <= end)
        form = Prepared(
            words,
            frozenset(t[3] for t in inside if t[4] & 4),
            frozenset(t[3] for t in inside if t[4] & 1),
            _ngrams(words, 2),
            frozenset(joined[i : i + 3] for i in range(len(joined) - 2)),
            any(t[4] & 2 for t in inside),
            names,
            frozenset(words),
            _ngrams(words, 4),
        )
        if whole:
            self._whole = form
        return form


def _crosses(spans: list[tuple[int, int, str, str, int]] | list[tuple[int, int, str]], start: int, end: int) -> bool:
    """Whether a token (or name) starts before one end of a stretch and runs past it."""
    position = bisect_left(spans, (start,))
    if position and spans[position - 1][1] > start:
        return True
    position = bisect_left(spans, (end,))
    return bool(position) and spans[position - 1][1] > end


@lru_cache(maxsize=4096)
def prepare(text: str) -> Prepared:
    """The comparison form of a sentence (cached: quotes are compared many times)."""
    return Wording(text).prepared()


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
    return score_prepared(prepare(a), prepare(b))


def score_prepared(pa: Prepared, pb: Prepared) -> float:
    """:func:`same_statement` of two sentences already prepared (by :func:`prepare` or :class:`Wording`)."""
    if not pa.words or not pb.words:
        return 0.0
    if pa.words == pb.words:
        return 1.0
    values = _features(pa, pb)
    z = _BIAS + sum(w * v for w, v in zip(_WEIGHTS, values, strict=True))
    return 1.0 / (1.0 + math.exp(-z))

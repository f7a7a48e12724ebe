"""Benchmark: time and memory of the linking stage from 25,000 to 400,000 articles.

``score(path)`` reads the bench corpus (``bbc.jsonl`` and ``reuters21578.jsonl`` in the folder
``path``, or one of them) and builds, deterministically (seeded), corpora of growing size in
which copies, quotes and stories exist at every size:

- *base articles*: the corpus articles with text (generation 0), then, once those are used up,
  *rewritten generations*: every base again with its words mapped by a seeded,
  length-preserving word cipher per generation (each word to another corpus word of the same
  length and about the same frequency; the 300 commonest words among themselves), published
  ``GENERATION_DAYS`` later each time. A generation reads like new text about new names, with the
  corpus's own word statistics, and shares no copies with the others;
- *variants* of a base (0 to 6 each, about 0.9 on average): near-duplicates with light edits (a
  changed headline, a dropped or swapped sentence, a bracketed insertion, a few words substituted,
  a publication time 0 to 3 days later), and some that share only a passage of two or three
  sentences with the base inside otherwise new text.

A corpus of size N is the first bases, with their variants, until N articles: each corpus holds
the smaller ones. Extraction is not measured (``bench speed`` does): quotes are extracted once per
base article (``extract_quotes``), and each variant gets its base's quotes with offsets moved
where the text moved (quotes over an edit that breaks them are dropped). Story features are a
cheap proxy computed once per base (content-word stems as :func:`story_features.features_of`
counts them, capitalised word sequences as names, the Reuters dateline as place, numbers with
their next word as figures), with the same key types; a variant gets its base's features with its
own id and day, a rewritten generation its base's mapped through the same cipher.

What is timed (CPU time of the process, which other work on a shared machine barely changes; the
wall time is reported too), per size, in a fresh process (forked, so sizes do not share memory): the three
linkers exactly as :func:`crosswire.link.link_stage` runs them on a first run, without the ledger:

1. copies: ``CopyIndex.add`` for each article in arrival (publication) order, links that are only
   a quotation dropped as the link stage does;
2. stories: ``StoryClusterer.add_many`` over the batch, then ``stories()`` and ``assignments()``;
3. quotes: one ``QuoteIndex`` over every article (``same_quote`` anywhere), then per story a
   pass over its articles (``link_within``, every kind, from the index's units and comparisons)
   and ``carry_speakers``.

Peak memory is the growth of the process's resident set during linking (its high-water mark,
reset when linking starts, minus the size before); the bytes per article of each index are its
deep size (objects reachable from it, the articles it references left out) divided by the size.
"""

from __future__ import annotations

import gc
import json
import logging
import math
import multiprocessing
import os
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from itertools import count, islice, pairwise
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

from crosswire.bench import corpus_files, reuters_date
from crosswire.errors import DatasetError
from crosswire.extract.features import StoryFeatures, content_words
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import Speaker
from crosswire.extract.stage import findings
from crosswire.link.copies.linker import CopyIndex, Link
from crosswire.link.quotes.linker import QuoteIndex, carry_speakers, link_within
from crosswire.link.stories.linker import StoryClusterer
from crosswire.model import Article
from crosswire.text.lemmas import stem

__all__ = ["DEFAULT_SIZES", "FULL_SIZES", "Base", "build_corpus", "load_bases", "render", "score"]

log = logging.getLogger(__name__)

DEFAULT_SIZES = (6_250, 12_500, 25_000)
"""Sizes ``crosswire bench scale`` (and ``make bench``) measures: about ten minutes of one core."""
FULL_SIZES = (25_000, 50_000, 100_000, 200_000, 400_000)
"""The whole curve: ``python -m crosswire.bench.scale --sizes 25000,50000,100000,200000,400000``."""
INDEX_SIZES_UP_TO = 200_000
"""Largest corpus whose index sizes are measured: the walk over every object of the indexes needs
memory of its own (at 400k articles it no longer fit in 24 GB), and the bytes per article are flat."""
SEED = 20240611
GENERATION_DAYS = 400
"""How much later each rewritten generation is published (one corpus then spans several years)."""
COMMON_WORDS = 300
"""The commonest words (function words, "said"), which the cipher maps only to one another (by length):
mapped, so that two generations of one base do not share passages of function words; among
themselves, so that a generation's text keeps the corpus's word frequencies."""
VARIANT_COUNTS = ((0, 0.5), (1, 0.25), (2, 0.15), (3, 0.07), (6, 0.03))
"""How many variants a base gets, with probabilities (mean 0.93)."""
PASSAGE_SHARE = 0.2
"""Share of variants that keep only a passage of their base."""
LINK_KINDS = ("duplicate", "near_duplicate", "shared_passage", "same_quote", "quote_variant")


# ---- base articles ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Base:
    """A corpus article prepared once: text, quotes, sentence spans and proxy story features."""

    article: Article
    quotes: tuple[Quote, ...]
    sentences: tuple[tuple[int, int], ...]
    """Spans covering the text in order (each sentence with the whitespace after it)."""
    features: StoryFeatures


_SENTENCE = re.compile(r".*?(?:[.!?][\"”’']?(?:\s+|$)|\n+|$)", re.S)
_WORD = re.compile(r"[^\W\d_]+")
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)+")
_FIGURE = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+([a-z]{3,})")
_PLACE = re.compile(r"^([A-Z][A-Z .'-]+[A-Z])")


def load_bases(path: Path, *, limit: int | None = None) -> list[Base]:
    """The articles with text of the bench corpus at ``path``, prepared as bases."""
    bases: list[Base] = []
    for file in corpus_files(path):
        for number, record in enumerate(_records(file), start=1):
            if limit is not None and len(bases) >= limit:
                return bases
            text = record.get("text") or ""
            if not isinstance(text, str) or len(text.split()) < 20:
                continue
            if "newid" in record:
                article_id = f"reuters/{record['newid']}"
                published = reuters_date(record.get("date")) or datetime(1987, 3, 1, tzinfo=UTC)
                place = record.get("dateline") or ""
            else:
                article_id = str(record.get("id") or f"{file.stem}/{number}")
                # BBC News gives no dates: a deterministic day in 2004-2005 (its period).
                published = datetime(2004, 6, 1, 9, tzinfo=UTC) + timedelta(
                    days=random.Random(article_id).randrange(540), minutes=number % 600
                )
                place = ""
            title = record.get("title") if isinstance(record.get("title"), str) else None
            article = Article(id=article_id, text=text, title=title, published=published)
            bases.append(
                Base(
                    article=article,
                    quotes=tuple(findings(article, ["quotes"])["quotes"]),
                    sentences=_sentence_spans(text),
                    features=_proxy_features(article, place),
                )
            )
    if not bases:
        raise DatasetError(f"{path}: no article with text")
    return bases


def _records(file: Path) -> Iterable[dict[str, Any]]:
    try:
        with file.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise DatasetError(f"{file}:{number}: not a JSON object")
                yield record
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{file}: not a JSON Lines corpus ({exc})") from None


def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]
    return tuple(spans)


def _proxy_features(article: Article, dateline: str) -> StoryFeatures:
    """Story features of the same shape as ``features_of``'s, from cheap patterns (see the module docstring)."""
    text = article.text
    body = f"{article.title}\n{text}" if article.title else text
    words = Counter(s for s, _ in content_words(body))
    names = Counter(" ".join(m.group().split()) for m in _NAME.finditer(text))
    ranked = [name for name, _ in sorted(names.items(), key=lambda item: (-item[1], item[0]))][:15]
    place = _PLACE.match(dateline.strip())
    figures = {f"{m.group(1).replace(',', '')} {stem(m.group(2))}" for m in _FIGURE.finditer(text)}
    first = next((text[s:e] for s, e in _sentence_spans(text[:800]) if text[s:e].strip()), "")
    opening = " ".join(first.split())[:300]
    published = article.published
    day = published.date().isoformat() if isinstance(published, datetime) else None
    return StoryFeatures(
        article_id=article.id,
        source="scale",
        published=day,
        words=tuple(sorted(words.items())),
        names=tuple(ranked),
        people=tuple(n for n in ranked if len(n.split()) == 2),
        places=(place.group(1).title(),) if place else (),
        dates=(),
        figures=tuple(sorted(figures))[:10],
        weapons=(),
        lead=" ".join(article.title.split())[:300] if article.title else opening,
        opening=opening,
    )


# ---- the word cipher of rewritten generations ----------------------------------------------------


class Cipher:
    """A seeded, length-preserving map of words to other words of the corpus (case kept)."""

    def __init__(self, table: dict[str, str], stems: dict[str, str]) -> None:
        self.table = table
        self.stems = stems

    @classmethod
    def build(cls, vocabulary: Counter[str], stems: Counter[str], seed: int) -> Cipher:
        """Words permuted among those of one length and frequency band; the commonest among themselves."""
        rng = random.Random(seed)
        return cls(_permute(vocabulary, rng, lambda w, n: (len(w), int(math.log2(n)))), _permute(stems, rng, None))

    def _word(self, match: re.Match[str]) -> str:
        word = match.group()
        lowered = word.lower()
        new = self.table.get(lowered)
        if new is None or len(lowered) != len(word):
            return word
        if word.islower():
            return new
        if word.isupper() and len(word) > 1:
            return new.upper()
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    def text(self, value: str) -> str:
        """``value`` with every word mapped; same length, so every offset stays valid."""
        return _WORD.sub(self._word, value)

    def stem(self, value: str) -> str:
        return self.stems.get(value, value)


def _permute(counts: Counter[str], rng: random.Random, band: Callable[[str, int], object] | None) -> dict[str, str]:
    ranked = [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    groups: dict[object, list[str]] = {}
    common = min(COMMON_WORDS, len(ranked) // 20)  # a small corpus has fewer
    for rank, word in enumerate(ranked):
        if rank < common:
            key: object = ("common", len(word))
        else:
            key = band(word, counts[word]) if band is not None else rank // 64
        groups.setdefault(key, []).append(word)
    table: dict[str, str] = {}
    for words in groups.values():
        shuffled = words[:]
        rng.shuffle(shuffled)
        table.update(zip(words, shuffled, strict=True))
    return table


def _vocabularies(bases: Sequence[Base]) -> tuple[Counter[str], Counter[str]]:
    words: Counter[str] = Counter()
    stems: Counter[str] = Counter()
    for base in bases:
        words.update(w.lower() for w in _WORD.findall(base.article.text))
        stems.update(dict(base.features.words))
    return words, stems


def _rewrite(base: Base, cipher: Cipher, generation: int) -> Base:
    """The base in a rewritten generation: words mapped, published later, new id."""
    article = base.article
    shift = timedelta(days=GENERATION_DAYS * generation)
    new = Article(
        id=f"g{generation}/{article.id}",
        text=cipher.text(article.text),
        title=cipher.text(article.title) if article.title else None,
        published=article.published + shift if isinstance(article.published, datetime) else None,
    )
    quotes = tuple(
        replace(
            q,
            text=new.text[q.start : q.end],
            speaker=_mapped_speaker(q.speaker, cipher) if q.speaker else None,
        )
        for q in base.quotes
    )
    f = base.features
    features = replace(
        f,
        article_id=new.id,
        published=_shift_day(f.published, shift),
        words=tuple(sorted(Counter({cipher.stem(w): c for w, c in f.words}).items())),
        names=tuple(cipher.text(n) for n in f.names),
        people=tuple(cipher.text(n) for n in f.people),
        places=tuple(cipher.text(p) for p in f.places),
        figures=tuple(" ".join([v, *map(cipher.stem, rest)]) for v, *rest in (x.split() for x in f.figures)),
        lead=cipher.text(f.lead),
        opening=cipher.text(f.opening),
    )
    return Base(new, quotes, base.sentences, features)


def _mapped_speaker(speaker: Speaker, cipher: Cipher) -> Speaker:
    return replace(
        speaker,
        name=cipher.text(speaker.name),
        role=cipher.text(speaker.role) if speaker.role else None,
        org=cipher.text(speaker.org) if speaker.org else None,
    )


def _shift_day(day: str | None, shift: timedelta) -> str | None:
    return (date.fromisoformat(day) + shift).isoformat() if day else None


# ---- variants -------------------------------------------------------------------------------------

_INSERTIONS = (" (VCNA)", " [Reuters]", " (AFP)", " [updated]", " (pictured)", " (CPA)")
_HEADLINE_PREFIXES = ("UPDATE 1-", "UPDATE 2-", "CORRECTED-", "Analysis: ", "WRAPUP-")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A stretch of the variant's text: copied from the base at ``base_start`` or inserted (-1)."""

    text: str
    base_start: int


def make_variant(base: Base, number: int, rng: random.Random, cipher: Cipher | None) -> Base:
    """A near-duplicate of ``base`` (or, with a cipher, new text sharing one passage with it)."""
    if cipher is not None:
        return _passage_variant(base, number, rng, cipher)
    article = base.article
    text = _substitute(article.text, rng)
    pieces = [_Piece(text[s:e], s) for s, e in base.sentences]
    edits = rng.sample(("drop", "swap", "insert", "headline"), k=rng.randint(1, 3))
    if "drop" in edits and len(pieces) > 3:
        del pieces[rng.randrange(1, len(pieces))]
    if "swap" in edits and len(pieces) > 3:
        i = rng.randrange(1, len(pieces) - 1)
        pieces[i], pieces[i + 1] = pieces[i + 1], pieces[i]
        for j in (i, i + 1):  # a swapped last sentence needs a space after it
            if not pieces[j].text[-1:].isspace():
                pieces[j] = _Piece(pieces[j].text + " ", pieces[j].base_start)
    if "insert" in edits and pieces:
        first = pieces[0]
        match = _WORD.search(first.text)
        if match:
            cut = match.end()
            pieces[0:1] = [
                _Piece(first.text[:cut], first.base_start),
                _Piece(rng.choice(_INSERTIONS), -1),
                _Piece(first.text[cut:], first.base_start + cut),
            ]
    title = article.title
    if "headline" in edits and title:
        title = rng.choice(_HEADLINE_PREFIXES) + title
    new_text = "".join(p.text for p in pieces)
    delay = timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 20))
    new = Article(
        id=f"{article.id}~v{number}",
        text=new_text,
        title=title,
        published=article.published + delay if isinstance(article.published, datetime) else None,
    )
    quotes = tuple(q for q in (_moved_quote(q, pieces, new_text) for q in base.quotes) if q is not None)
    features = replace(base.features, article_id=new.id, published=_day(new.published), lead=title or "")
    return Base(new, quotes, _sentence_spans(new_text), features)


def _substitute(text: str, rng: random.Random) -> str:
    """A few words (of 4 letters or more) misspelt, their letters reversed: offsets unchanged."""
    for _ in range(rng.randint(1, 4)):
        match = _LONG_WORD.search(text, rng.randrange(len(text)))
        if match:
            word = match.group()
            swapped = word[::-1] if word.islower() else word[0] + word[1:][::-1]
            text = text[: match.start()] + swapped + text[match.end() :]
    return text


def _passage_variant(base: Base, number: int, rng: random.Random, cipher: Cipher) -> Base:
    """Text of its own (the base rewritten by another cipher) ending with 2-3 sentences of the base."""
    article = base.article
    own = _rewrite(base, cipher, 0)
    spans = base.sentences
    first = rng.randrange(max(1, len(spans) - 2))
    lo, hi = spans[first][0], spans[min(len(spans), first + 3) - 1][1]
    separator = "\n\n"
    offset = len(own.article.text) + len(separator) - lo
    new_text = own.article.text + separator + article.text[lo:hi]
    delay = timedelta(days=rng.randint(0, 3), hours=rng.randint(1, 20))
    new = Article(
        id=f"{article.id}~p{number}",
        text=new_text,
        title=own.article.title,
        published=article.published + delay if isinstance(article.published, datetime) else None,
    )
    quotes = list(own.quotes)
    for quote in base.quotes:
        if lo <= quote.start and quote.end <= hi:
            quotes.append(_shifted(quote, offset, new_text))
    features = replace(base.features, article_id=new.id, published=_day(new.published))
    return Base(new, tuple(quotes), _sentence_spans(new_text), features)


def _shifted(quote: Quote, offset: int, text: str) -> Quote:
    speaker = quote.speaker
    if speaker is not None:
        speaker = replace(speaker, start=speaker.start + offset, end=speaker.end + offset, antecedent=None)
    return replace(
        quote, start=quote.start + offset, end=quote.end + offset, text=text[quote.start + offset : quote.end + offset]
    )


def _moved_quote(quote: Quote, pieces: Sequence[_Piece], text: str) -> Quote | None:
    """The quote in the variant's text, or ``None`` when an edit broke it (a sentence dropped or moved)."""
    start = _position(quote.start, pieces, at_end=False)
    end = _position(quote.end, pieces, at_end=True)
    if start is None or end is None or end <= start or end - start > quote.end - quote.start + 20:
        return None
    speaker = quote.speaker
    if speaker is not None:
        s, e = _position(speaker.start, pieces, at_end=False), _position(speaker.end, pieces, at_end=True)
        if s is None or e is None or e <= s:
            s, e = start, start  # the attribution was edited away: keep who said it
        speaker = replace(speaker, start=s, end=e, antecedent=None)
    return replace(quote, start=start, end=end, text=text[start:end], speaker=speaker)


def _position(offset: int, pieces: Sequence[_Piece], *, at_end: bool) -> int | None:
    position = 0
    for piece in pieces:
        if piece.base_start >= 0:
            inside = offset - piece.base_start
            if (0 < inside <= len(piece.text)) if at_end else (0 <= inside < len(piece.text)):
                return position + inside
        position += len(piece.text)
    return None


def _day(published: datetime | date | None) -> str | None:
    if isinstance(published, datetime):
        return published.date().isoformat()
    return published.isoformat() if published else None


def _variant_count(rng: random.Random) -> int:
    roll = rng.random()
    for variants, probability in VARIANT_COUNTS:
        if roll < probability:
            return variants
        roll -= probability
    return 0


def generate(bases: Sequence[Base], *, seed: int = SEED) -> Iterator[Base]:
    """Bases (then rewritten generations), each followed by its variants; endless and deterministic."""
    if not bases:
        raise DatasetError("no base articles to build a corpus from")
    words, stems = _vocabularies(bases)
    ciphers: dict[int, Cipher] = {}
    # a seeded shuffle, so that every corpus size has the same mix of BBC and Reuters articles
    order = list(range(len(bases)))
    random.Random(seed).shuffle(order)
    for number in count():
        generation, position = divmod(number, len(bases))
        index = order[position]
        rng = random.Random(f"{seed}:{generation}:{index}")
        base = bases[index]
        if generation:
            if generation not in ciphers:
                ciphers[generation] = Cipher.build(words, stems, seed + generation)
            base = _rewrite(base, ciphers[generation], generation)
        yield base
        for variant in range(_variant_count(rng)):
            cipher = None
            if rng.random() < PASSAGE_SHARE:
                # the variant's own words: a cipher of its own among the variants of its base
                key = -1 - variant
                if key not in ciphers:
                    ciphers[key] = Cipher.build(words, stems, seed - 1 - variant)
                cipher = ciphers[key]
            yield make_variant(base, variant + 1, rng, cipher)


def build_corpus(bases: Sequence[Base], size: int, *, seed: int = SEED) -> list[Base]:
    """The first ``size`` articles of :func:`generate`, in publication order (arrival order of a stream).

    A larger corpus holds every article of a smaller one.
    """
    return _in_order(list(islice(generate(bases, seed=seed), size)))


def _in_order(items: Iterable[Base]) -> list[Base]:
    return sorted(items, key=lambda b: _order(b.article))


# ---- linking, timed --------------------------------------------------------------------------------

SHORT_PASSAGE_WORDS = 20
"""As in :mod:`crosswire.link.stage`: a shared passage this short inside reported speech is not a copy."""


def _order(article: Article) -> tuple[bool, str, str]:
    """Publication order, undated last, ties by id (the order the link stage sees a batch in)."""
    published = article.published.isoformat() if article.published else ""
    return (article.published is None, published, article.id)


def _only_quote(link: Link, quoted: dict[str, list[tuple[int, int, str]]], texts: dict[str, str]) -> bool:
    """The link stage's rule: a shared passage inside a quotation is a statement repeated, not a copy."""
    if link.kind != "shared_passage":
        return False
    slack = 3
    short = len(texts[link.a.article_id][link.a.start : link.a.end].split()) < SHORT_PASSAGE_WORDS
    return any(
        any(
            start - slack <= end.start and end.end <= stop + slack and (kind != "reported" or short)
            for start, stop, kind in quoted.get(end.article_id, ())
        )
        for end in (link.a, link.b)
    )


@dataclass(slots=True)
class _Linked:
    seconds: dict[str, float]
    """CPU seconds of this process per linker (the machine may be busy: wall time varies more)."""
    wall: dict[str, float]
    links: Counter[str]
    stories: int
    indexes: dict[str, object]
    errors: list[str]


def link_corpus(corpus: Sequence[Base]) -> _Linked:
    """The linkers over ``corpus`` as :func:`crosswire.link.link_stage` runs them on a first run."""
    seconds: dict[str, float] = {}
    wall: dict[str, float] = {}
    errors: list[str] = []
    links: Counter[str] = Counter()
    quoted = {b.article.id: [(q.start, q.end, q.kind) for q in b.quotes] for b in corpus}
    texts = {b.article.id: b.article.text for b in corpus}
    # 1. copies
    started, cpu = time.perf_counter(), time.process_time()
    copies = CopyIndex()
    for item in corpus:
        for link in copies.add(item.article):
            if not _only_quote(link, quoted, texts):
                links[link.kind] += 1
    seconds["copies"], wall["copies"] = time.process_time() - cpu, time.perf_counter() - started
    # 2. stories
    started, cpu = time.perf_counter(), time.process_time()
    stories = StoryClusterer()
    stories.add_many([(b.article, b.features) for b in corpus])
    assignments = stories.assignments()
    try:
        story_count = len(stories.stories())  # the records (labels) the link stage stores
    except Exception:  # a failing label must not hide the rest of the curve: reported with the figures
        log.exception("StoryClusterer.stories() failed; stories counted from the assignments")
        errors.append("stories(): " + traceback.format_exc(limit=-1).strip().splitlines()[-1])
        story_count = len(set(assignments.values()))
    seconds["stories"], wall["stories"] = time.process_time() - cpu, time.perf_counter() - started
    # 3. quotes: one index over everything (same_quote anywhere), then a pass over every story's
    # articles in publication order, from the units and comparisons the index holds
    started, cpu = time.perf_counter(), time.process_time()
    quotes = QuoteIndex(variants=False)
    for item in corpus:
        quotes.add(item.article, item.quotes)
    members: dict[str, list[str]] = {}
    for article_id, story in sorted(assignments.items()):
        members.setdefault(story, []).append(article_id)
    by_id = {b.article.id: b for b in corpus}
    carried = 0
    for story in sorted(members):
        in_story = sorted((by_id[m] for m in members[story]), key=lambda b: _order(b.article))
        scope = link_within(quotes, [item.article.id for item in in_story])
        links.update(link.kind for link in scope.links() if link.kind == "quote_variant")
        carried += len(carry_speakers(scope))
    links.update(link.kind for link in quotes.links() if link.kind == "same_quote")
    seconds["quotes"], wall["quotes"] = time.process_time() - cpu, time.perf_counter() - started
    links["speakers_carried"] = carried
    indexes: dict[str, object] = {"copies": copies, "stories": stories, "quotes": quotes}
    return _Linked(seconds, wall, links, story_count, indexes, errors)


def deep_size(root: object) -> int:
    """Bytes of the objects reachable from ``root`` (articles, classes, modules and functions left out)."""
    seen: set[int] = set()
    stack = [root]
    total = 0
    skip = (type, ModuleType, FunctionType, Article)
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, skip):
            continue
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def _rss(field_name: str) -> int:
    """A memory figure of this process from ``/proc/self/status`` in bytes (0 where unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # resets the resident set's high-water mark
        return True
    except OSError:
        return False


def measure(pool: Sequence[Base], size: int, *, sizes_of_indexes: bool | None = None) -> dict[str, Any]:
    """Link the first ``size`` articles of ``pool`` (from :func:`generate`): seconds, peak memory, links, sizes.

    The bytes per article of the indexes are measured up to :data:`INDEX_SIZES_UP_TO` articles
    unless ``sizes_of_indexes`` says otherwise."""
    if sizes_of_indexes is None:
        sizes_of_indexes = size <= INDEX_SIZES_UP_TO
    corpus = _in_order(pool[:size])
    counts = Counter("variant" if "~" in b.article.id else "base" for b in corpus)
    gc.collect()
    before = _rss("VmRSS")
    exact_peak = _reset_peak()
    linked = link_corpus(corpus)
    peak = _rss("VmHWM")
    figures: dict[str, Any] = {
        "articles": len(corpus),
        "bases": counts["base"],
        "variants": counts["variant"],
        "quotes": sum(len(b.quotes) for b in corpus),
        "seconds": round(sum(linked.seconds.values()), 2),
        "phases": {name: round(value, 2) for name, value in linked.seconds.items()},
        "wall_seconds": round(sum(linked.wall.values()), 2),
        "peak_mb": round(max(0, peak - before) / 2**20, 1) if exact_peak and before else None,
        "rss_mb": round(peak / 2**20, 1) if peak else None,
        "links": {kind: linked.links.get(kind, 0) for kind in LINK_KINDS},
        "speakers_carried": linked.links.get("speakers_carried", 0),
        "stories": linked.stories,
    }
    if linked.errors:
        figures["errors"] = linked.errors
    if sizes_of_indexes:
        figures["bytes_per_article"] = {
            name: round(deep_size(index) / len(corpus)) for name, index in linked.indexes.items()
        }
    return figures


def _measure_in_child(pool: Sequence[Base], size: int) -> dict[str, Any]:
    """:func:`measure` in a forked process, so each size starts with the same memory."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        try:
            send.send(measure(pool, size))
        except BaseException:  # reported to the parent, which raises it
            send.send({"error": traceback.format_exc()})

    process = context.Process(target=run)
    process.start()
    send.close()  # the child's end: reading fails at once if the child dies without a result
    try:
        result = receive.recv()
    except EOFError:
        process.join()
        why = "killed (out of memory?)" if process.exitcode == -9 else f"exit code {process.exitcode}"
        raise RuntimeError(f"linking {size} articles failed: the measuring process ended, {why}") from None
    process.join()
    if "error" in result:
        raise RuntimeError(f"linking {size} articles failed: {result['error']}")
    return dict(result)


def score(
    path: Path | str,
    *,
    limit: int | None = None,
    sizes: Sequence[int] | None = None,
    isolate: bool = True,
    bases_limit: int | None = None,
) -> dict[str, Any]:
    """Link corpora of growing size built from the bench corpus at ``path``; time and memory per size.

    ``sizes`` defaults to :data:`DEFAULT_SIZES`; ``limit`` keeps the sizes up to it (or measures
    ``limit`` alone when it is smaller than all). ``isolate`` runs each size in a forked process.
    """
    chosen = sorted(set(sizes or DEFAULT_SIZES))
    if limit is not None:
        chosen = [s for s in chosen if s <= limit] or [limit]
    if not chosen or chosen[0] < 1:
        raise DatasetError("sizes must be positive")
    started = time.perf_counter()
    bases = load_bases(Path(path), limit=bases_limit)
    pool = list(islice(generate(bases), chosen[-1]))
    prepared = time.perf_counter() - started
    curve: list[dict[str, Any]] = []
    for size in chosen:
        log.info("linking %d articles", size)
        fork = isolate and sys.platform == "linux"
        try:
            figures = _measure_in_child(pool, size) if fork else measure(pool, size)
        except RuntimeError as exc:  # the sizes measured so far are kept; larger ones would fail too
            log.error("%s", exc)
            failed = {"articles": size, "error": str(exc)}
            break
        curve.append(figures)
        log.info("%d articles: %s", size, json.dumps(figures))
    else:
        failed = None
    for smaller, larger in pairwise(curve):
        factor = larger["articles"] / smaller["articles"]
        if smaller["seconds"] and factor > 1:
            # growth per doubling of the corpus: 2.0 is linear, 4.0 quadratic
            larger["ratio_per_doubling"] = round((larger["seconds"] / smaller["seconds"]) ** (1 / math.log2(factor)), 2)
            if smaller.get("peak_mb") and larger.get("peak_mb"):
                larger["memory_ratio_per_doubling"] = round(
                    (larger["peak_mb"] / smaller["peak_mb"]) ** (1 / math.log2(factor)), 2
                )
    return {
        "base_articles": len(bases),
        "preparation_seconds": round(prepared, 1),
        "cores": os.cpu_count(),
        "curve": curve,
        "failed": failed,
    }


def render(figures: dict[str, Any]) -> str:
    """The curve as a table, with what is measured."""
    lines = [
        f"Linking stage (copies + stories + quote links, as link_stage runs them) on corpora built from "
        f"{figures['base_articles']} bench articles with generated near-duplicate variants.",
        "seconds: CPU time of the three linkers (one core; extraction not included; wall time in the JSON,",
        "it varies with other work on the machine); peak MB: growth of the",
        "process's resident set during linking; ratio: growth of the time per doubling of the corpus",
        "(2.0 = linear, 4.0 = quadratic); bytes/article: deep size of each index over the corpus size.",
        "",
        f"{'articles':>9} {'seconds':>8} {'copies':>7} {'stories':>7} {'quotes':>7} {'ratio':>6} {'peak MB':>8}"
        f" {'dup':>6} {'near':>6} {'passage':>7} {'s.quote':>7} {'q.var':>6} {'stories':>7}",
    ]
    for row in figures["curve"]:
        links = row["links"]
        phases = row["phases"]
        lines.append(
            f"{row['articles']:>9} {row['seconds']:>8.1f} {phases['copies']:>7.1f} {phases['stories']:>7.1f}"
            f" {phases['quotes']:>7.1f} {row.get('ratio_per_doubling', '-')!s:>6} {row['peak_mb']!s:>8}"
            f" {links['duplicate']:>6} {links['near_duplicate']:>6} {links['shared_passage']:>7}"
            f" {links['same_quote']:>7} {links['quote_variant']:>6} {row['stories']:>7}"
        )
    if figures.get("failed"):
        lines.append(f"{figures['failed']['articles']:>9} failed: {figures['failed']['error']}")
    lines.append("")
    lines.append("bytes per article of each index:")
    for row in figures["curve"]:
        if "bytes_per_article" in row:
            parts = ", ".join(f"{name} {value}" for name, value in row["bytes_per_article"].items())
            lines.append(f"{row['articles']:>9}: {parts}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m crosswire.bench.scale [PATH] [--sizes 25000,50000,...]``: print the curve."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", default="../shared/bench/corpus")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    figures = score(Path(args.path), sizes=[int(s) for s in args.sizes.split(",") if s.strip()])
    print(render(figures))
    print(json.dumps(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

"""The realnews set: articles and their hand annotations, each item resolved to character offsets.

The set is a folder of story folders. Each story folder holds ``story.yaml`` (its title and the
judged claim pairs) and, per article, ``NAME.md`` (the article as crosswire ingests it: YAML front
matter, then the text) beside ``NAME.yaml`` (its annotations). ``docs/benchmarks-realnews.md``
is the annotation guide; this module only reads and checks.

Every annotated item is located by an exact substring of the article text (``text``) and, when
that substring occurs more than once, the occurrence number ``n`` (1-based, counted left to
right; an occurrence must not start or end inside a word). ``until`` stretches a span to the end
of the first occurrence of another substring after it (a quotation interrupted by its cue). The
speaker and the cue of a quotation are mentions found next to it: the occurrence nearest to the
quotation in its own paragraph, else the nearest one before it (``speaker_n`` / ``cue_n`` pick
an occurrence explicitly). A place with ``all: true`` is every occurrence of its text.

:func:`load` raises :class:`~crosswire.errors.DatasetError` naming the file, the item and what
is wrong at the first problem; :func:`problems` lists every problem of a set instead.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

import yaml

from crosswire.bench.realnews.records import (
    ASSERTER_KINDS,
    BOUNDS,
    JUDGMENTS,
    MODALITIES,
    QUOTE_KINDS,
    STANCES,
    TIMEX_TYPES,
    Frame,
    GoldArticle,
    GoldClaim,
    GoldPlace,
    GoldQuantity,
    GoldQuote,
    GoldTime,
    Pair,
    RealNewsSet,
    Story,
)
from crosswire.errors import DatasetError
from crosswire.model import Article, Span

__all__ = ["DATA_DIR", "load", "locate", "occurrences", "problems", "unjudged_same_frame"]

DATA_DIR = Path(__file__).resolve().parent / "data"
"""The set as shipped with crosswire."""


def load(path: Path = DATA_DIR) -> RealNewsSet:
    """Read the set at ``path``; the first problem raises :class:`DatasetError`."""
    collector = _Collector(stop_at_first=True)
    try:
        return _read_set(Path(path), collector)
    except _Stop:
        raise DatasetError(collector.found[0]) from None


def problems(path: Path = DATA_DIR, *, stop_at_first: bool = False) -> list[str]:
    """Every problem of the set at ``path``, one line each (empty when the set is sound)."""
    collector = _Collector(stop_at_first=stop_at_first)
    with contextlib.suppress(_Stop):
        _read_set(Path(path), collector)
    return collector.found


class _Stop(Exception):
    pass


class _Collector:
    def __init__(self, *, stop_at_first: bool) -> None:
        self.found: list[str] = []
        self.stop_at_first = stop_at_first

    def add(self, message: str) -> None:
        self.found.append(message)
        if self.stop_at_first:
            raise _Stop


def _read_set(path: Path, problems: _Collector) -> RealNewsSet:
    if not path.is_dir():
        raise DatasetError(f"{path}: no such folder (expected the realnews set: story folders with story.yaml)")
    # a story folder on its own is a set of one story
    folders = (
        [path] if (path / "story.yaml").is_file() else sorted(p for p in path.iterdir() if (p / "story.yaml").is_file())
    )
    if not folders:
        raise DatasetError(f"{path}: no story folders (folders holding story.yaml)")
    stories = [_read_story(folder, problems) for folder in folders]
    return RealNewsSet(path, tuple(s for s in stories if s is not None))


def _yaml(path: Path, problems: _Collector) -> dict[str, Any] | None:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.add(f"{path}: not readable YAML ({str(exc).splitlines()[0]})")
        return None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        problems.add(f"{path}: expected a mapping at the top")
        return None
    return loaded


def _read_story(folder: Path, problems: _Collector) -> Story | None:
    meta = _yaml(folder / "story.yaml", problems)
    if meta is None:
        return None
    story_id = folder.name
    articles = []
    for text_path in sorted(folder.glob("*.md")):
        article = _read_article(story_id, text_path, problems)
        if article is not None:
            articles.append(article)
    where = folder / "story.yaml"
    if len(articles) < 2:
        problems.add(f"{where}: a story needs at least 2 articles, found {len(articles)}")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.add(f"{where}: title: missing")
        title = story_id
    pairs = _read_pairs(where, meta.get("pairs") or [], articles, problems)
    return Story(story_id, title, tuple(articles), tuple(pairs))


def _read_article(story: str, text_path: Path, problems: _Collector) -> GoldArticle | None:
    from crosswire.ingest import iter_articles

    found = [a for a in iter_articles([str(text_path)]) if isinstance(a, Article)]
    if len(found) != 1:
        problems.add(f"{text_path}: expected one article, crosswire read {len(found)}")
        return None
    article = found[0]
    if article.published is None and "undated" not in text_path.stem:
        problems.add(f"{text_path}: no publication date (name the file *undated* if that is meant)")
    notes_path = text_path.with_suffix(".yaml")
    if not notes_path.is_file():
        problems.add(f"{text_path}: no annotation file {notes_path.name} beside it")
        return None
    notes = _yaml(notes_path, problems)
    if notes is None:
        return None
    unknown = set(notes) - {"quotes", "quantities", "times", "places", "claims"}
    if unknown:
        problems.add(f"{notes_path}: unknown sections {', '.join(sorted(unknown))}")
    reader = _ItemReader(notes_path, article.text, problems)
    quotes = reader.many("quotes", notes, reader.quote)
    quantities = reader.many("quantities", notes, reader.quantity)
    times = reader.many("times", notes, reader.time)
    places = reader.many("places", notes, reader.place)
    claims = reader.many("claims", notes, reader.claim)
    reader.check_consistency(quotes, quantities, times, places, claims)
    return GoldArticle(
        key=f"{story}/{text_path.stem}",
        story=story,
        path=text_path,
        article=article,
        quotes=tuple(quotes),
        quantities=tuple(quantities),
        times=tuple(times),
        places=tuple(places),
        claims=tuple(claims),
    )


_TIMEX_VALUE = re.compile(
    r"""(?x)
    (?:PRESENT_REF|PAST_REF|FUTURE_REF)
    | (?:\d{4}|XXXX|\d{2}|\d{3})(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?
    | (?:\d{4}|XXXX)-(?:W\d{2}|WXX)(?:-(?:\d|WE))?
    | (?:\d{4}|XXXX)-(?:SP|SU|FA|WI|Q[1-4]|H[12])
    | (?:\d{4}|XXXX)-(?:\d{2}|XX)-(?:\d{2}|XX)T\d{2}:\d{2}
    | P(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|Q)(?:\d+(?:Y|M|W|D))*
    | PT(?:\d+(?:\.\d+)?|X)(?:H|M|S)(?:\d+(?:H|M|S))*
    | P(?:\d+|X)(?:Y|M|W|D)T(?:\d+|X)(?:H|M|S)
    """
)
_TIMEX_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
               "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")  # fmt: skip
_WORD = re.compile(r"\w")


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``text`` that do not begin or end inside a word."""
    starts = []
    at = text.find(needle) if needle else -1
    while at >= 0:
        end = at + len(needle)
        inside_before = bool(_WORD.match(needle[0])) and at > 0 and bool(_WORD.match(text[at - 1]))
        inside_after = bool(_WORD.match(needle[-1])) and end < len(text) and bool(_WORD.match(text[end]))
        if not inside_before and not inside_after:
            starts.append(at)
        at = text.find(needle, at + 1)
    return starts


def locate(text: str, needle: str, n: int | None = None, *, until: str | None = None) -> Span:
    """The span of the ``n``-th occurrence of ``needle`` (the only one when ``n`` is None).

    With ``until``, the span runs on to the end of the first ``until`` after that occurrence.
    Raises ``ValueError`` saying what is wrong: absent, ambiguous, no such occurrence.
    """
    starts = occurrences(text, needle)
    if not starts:
        raise ValueError(f"{needle!r} is not in the article text")
    if n is None:
        if len(starts) > 1:
            raise ValueError(f"{needle!r} occurs {len(starts)} times; say which with n")
        n = 1
    if not 1 <= n <= len(starts):
        raise ValueError(f"{needle!r} occurs {len(starts)} times, not {n}")
    start = starts[n - 1]
    end = start + len(needle)
    if until is not None:
        at = text.find(until, end)
        if at < 0:
            raise ValueError(f"until: {until!r} does not follow {needle!r}")
        end = at + len(until)
    return Span(start, end)


class _ItemReader:
    """Reads one annotation file's items, locating each in the article text."""

    def __init__(self, path: Path, text: str, problems: _Collector) -> None:
        self.path = path
        self.text = text
        self.problems = problems
        self.paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]

    # -- helpers ---------------------------------------------------------------------------------

    def fail(self, item: Mapping[str, Any] | None, message: str) -> None:
        label = f"{item.get('id', '?')}" if item is not None else "?"
        self.problems.add(f"{self.path}: {label}: {message}")

    def many(self, section: str, notes: Mapping[str, Any], read: Any) -> list[Any]:
        items = notes.get(section) or []
        if not isinstance(items, list):
            self.problems.add(f"{self.path}: {section}: expected a list")
            return []
        out: list[Any] = []
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, dict):
                self.problems.add(f"{self.path}: {section}: an item is not a mapping: {item!r}")
                continue
            item_id = item.get("id")
            if not isinstance(item_id, str) or not item_id:
                self.fail(item, f"{section}: every item needs an id")
                continue
            if item_id in seen:
                self.fail(item, f"{section}: duplicate id")
                continue
            seen.add(item_id)
            result = read(item)
            if isinstance(result, list):
                out.extend(result)
            elif result is not None:
                out.append(result)
        return out

    def occurrences(self, needle: str) -> list[int]:
        return occurrences(self.text, needle)

    def span(self, item: Mapping[str, Any], field: str = "text") -> Span | None:
        needle = item.get(field)
        if not isinstance(needle, str) or not needle:
            self.fail(item, f"{field}: missing")
            return None
        n, until = item.get("n"), item.get("until")
        if n is not None and (isinstance(n, bool) or not isinstance(n, int)):
            self.fail(item, f"n: {n!r} is not an occurrence number")
            return None
        if until is not None and (not isinstance(until, str) or not until):
            self.fail(item, "until: expected the closing words of the span")
            return None
        try:
            return locate(self.text, needle, n, until=until)
        except ValueError as exc:
            self.fail(item, f"{field}: {exc}")
            return None

    def paragraph(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    def mention(self, item: Mapping[str, Any], field: str, near: Span) -> Span | None:
        """A speaker or cue mention: the one named by ``FIELD_n``, else the nearest to ``near``."""
        needle = item.get(field)
        if needle is None:
            return None
        if not isinstance(needle, str) or not needle:
            self.fail(item, f"{field}: expected text or null")
            return None
        # a quotation interrupted by its attribution (``until``) holds its speaker and cue
        inside_allowed = item.get("until") is not None
        starts = [
            s for s in self.occurrences(needle) if inside_allowed or s + len(needle) <= near.start or s >= near.end
        ]
        if not starts:
            self.fail(item, f"{field}: {needle!r} is not in the article text outside the quotation")
            return None
        chosen = item.get(f"{field}_n")
        if chosen is not None:
            every = self.occurrences(needle)
            if not isinstance(chosen, int) or not 1 <= chosen <= len(every):
                self.fail(item, f"{field}_n: {chosen!r} is not an occurrence of {needle!r}")
                return None
            return Span(every[chosen - 1], every[chosen - 1] + len(needle))
        here = self.paragraph(near.start)
        same = [s for s in starts if self.paragraph(s) == here]
        if same:
            best = min(same, key=lambda s: max(near.start - s - len(needle), s - near.end, 0))
        else:
            before = [s for s in starts if s < near.start]
            if not before:
                self.fail(item, f"{field}: {needle!r} is neither in the quotation's paragraph nor before it")
                return None
            best = max(before)
        return Span(best, best + len(needle))

    def choice(self, item: Mapping[str, Any], field: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = item.get(field, default)
        if value not in allowed:
            self.fail(item, f"{field}: {value!r} is not one of {', '.join(allowed)}")
            return allowed[0]
        return str(value)

    def number(self, item: Mapping[str, Any], field: str) -> float | None:
        value = item.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(item, f"{field}: {value!r} is not a number")
            return None
        return float(value)

    # -- items -----------------------------------------------------------------------------------

    def quote(self, item: Mapping[str, Any]) -> GoldQuote | None:
        span = self.span(item)
        if span is None:
            return None
        kind = self.choice(item, "kind", QUOTE_KINDS)
        speaker = self.mention(item, "speaker", span)
        cue = self.mention(item, "cue", span)
        name = item.get("name")
        if name is not None and not isinstance(name, str):
            self.fail(item, "name: expected text or null")
            name = None
        if item.get("speaker") is not None and not name:
            self.fail(item, "name: a quotation with a speaker mention needs the resolved name")
        continues = item.get("continues", False)
        if not isinstance(continues, bool):
            self.fail(item, "continues: expected true or false")
            continues = False
        return GoldQuote(str(item["id"]), span, kind, speaker, name, cue, continues)

    def quantity(self, item: Mapping[str, Any]) -> GoldQuantity | None:
        span = self.span(item)
        if span is None:
            return None
        value, low, high = (self.number(item, f) for f in ("value", "low", "high"))
        if value is None and low is None and high is None:
            self.fail(item, "a quantity needs a value, or low and/or high")
        if value is not None and (low is not None or high is not None):
            self.fail(item, "give either value or low/high, not both")
        if low is not None and high is not None and low > high:
            self.fail(item, "low is above high")
        bound = self.choice(item, "bound", BOUNDS, default="=")
        unit, thing = item.get("unit"), item.get("thing")
        if unit is not None and not isinstance(unit, str):
            self.fail(item, "unit: expected text or null")
            unit = None
        if thing is not None and not isinstance(thing, str):
            self.fail(item, "thing: expected text or null")
            thing = None
        if unit is None and not thing:
            self.fail(item, "a count (no unit) needs the thing counted")
        vague = item.get("vague", False)
        if not isinstance(vague, bool):
            self.fail(item, "vague: expected true or false")
            vague = False
        return GoldQuantity(str(item["id"]), span, value, low, high, bound, unit, thing, vague)

    def time(self, item: Mapping[str, Any]) -> GoldTime | None:
        span = self.span(item)
        if span is None:
            return None
        kind = self.choice(item, "type", TIMEX_TYPES)
        value = item.get("value")
        if not isinstance(value, str) or not _TIMEX_VALUE.fullmatch(value):
            self.fail(item, f"value: {value!r} is not a TIMEX3 value")
            value = ""
        mod = item.get("mod")
        if mod is not None and mod not in _TIMEX_MODS:
            self.fail(item, f"mod: {mod!r} is not a TIMEX3 mod")
            mod = None
        return GoldTime(str(item["id"]), span, kind, value, mod)

    def place(self, item: Mapping[str, Any]) -> list[GoldPlace] | None:
        needle = item.get("text")
        if item.get("all"):
            if not isinstance(needle, str) or not needle or "n" in item:
                self.fail(item, "all: needs text and no n")
                return None
            spans = [Span(s, s + len(needle)) for s in self.occurrences(needle)]
            if not spans:
                self.fail(item, f"text: {needle!r} is not in the article text")
                return None
        elif isinstance(item.get("n"), list):
            every = self.occurrences(needle) if isinstance(needle, str) and needle else []
            chosen = item["n"]
            if not every or not all(isinstance(k, int) and 1 <= k <= len(every) for k in chosen):
                self.fail(item, f"n: {chosen!r} are not occurrences of {needle!r} (it occurs {len(every)} times)")
                return None
            spans = [Span(every[k - 1], every[k - 1] + len(str(needle))) for k in chosen]
        else:
            span = self.span(item)
            if span is None:
                return None
            spans = [span]
        name = item.get("name", needle)
        unresolvable = item.get("unresolvable")
        resolved = item.get("resolved")
        country = admin1 = None
        lat = lon = None
        if (unresolvable is None) == (resolved is None):
            self.fail(item, "give exactly one of resolved or unresolvable")
            return None
        if unresolvable is not None and (not isinstance(unresolvable, str) or not unresolvable):
            self.fail(item, "unresolvable: give the reason")
            return None
        if resolved is not None:
            if not isinstance(resolved, dict) or not isinstance(resolved.get("country"), str):
                self.fail(item, "resolved: needs at least a country code")
                return None
            country = resolved["country"]
            if not re.fullmatch(r"[A-Z]{2}", country):
                self.fail(item, f"resolved: country {country!r} is not an ISO 3166-1 alpha-2 code")
            admin1 = resolved.get("admin1")
            lat, lon = self.number(resolved, "lat"), self.number(resolved, "lon")
            if (lat is None) != (lon is None) or (
                lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
            ):
                self.fail(item, "resolved: lat and lon go together, within -90..90 and -180..180")
                lat = lon = None
        return [
            GoldPlace(
                f"{item['id']}" if len(spans) == 1 else f"{item['id']}.{i}",
                s,
                str(name),
                country,
                admin1 if isinstance(admin1, str) else None,
                lat,
                lon,
                unresolvable,
            )
            for i, s in enumerate(spans, start=1)
        ]

    def claim(self, item: Mapping[str, Any]) -> GoldClaim | None:
        span = self.span(item)
        if span is None:
            return None
        asserter = item.get("asserter")
        if not isinstance(asserter, str) or not asserter:
            self.fail(item, "asserter: missing")
            asserter = ""
        kind = self.choice(item, "asserter_kind", ASSERTER_KINDS)
        stance = self.choice(item, "stance", STANCES)
        modality = self.choice(item, "modality", MODALITIES)
        frame = item.get("frame")
        if not isinstance(frame, dict) or not all(isinstance(frame.get(k), str) for k in ("about", "attribute")):
            self.fail(item, "frame: needs about and attribute")
            return None
        when = frame.get("time")
        if when is not None and (not isinstance(when, str) or not _TIMEX_VALUE.fullmatch(when)):
            self.fail(item, f"frame: time {when!r} is not a TIMEX3 value")
            when = None
        where = frame.get("place")
        figure = item.get("figure")
        if figure is not None and not isinstance(figure, str):
            self.fail(item, "figure: expected a quantity id")
            figure = None
        return GoldClaim(
            str(item["id"]),
            span,
            asserter,
            kind,
            stance,
            modality,
            Frame(frame["about"], frame["attribute"], when, where if isinstance(where, str) else None),
            figure,
        )

    def check_consistency(
        self,
        quotes: list[GoldQuote],
        quantities: list[GoldQuantity],
        times: list[GoldTime],
        places: list[GoldPlace],
        claims: list[GoldClaim],
    ) -> None:
        """Spans of one kind do not overlap; every quotation has a speaker; figures lie inside claims."""
        for label, spans in (
            ("quantities", [(q.id, q.span) for q in quantities]),
            ("times", [(t.id, t.span) for t in times]),
            ("places", [(p.id, p.span) for p in places]),
        ):
            ordered = sorted(spans, key=lambda pair: pair[1].start)
            for (a, sa), (b, sb) in pairwise(ordered):
                if sb.start < sa.end:
                    self.problems.add(f"{self.path}: {label}: {a} and {b} overlap")
        for quote in quotes:
            if quote.name is None and not quote.continues:
                self.problems.add(f"{self.path}: {quote.id}: a quotation needs a speaker name or continues: true")
        by_id = {q.id: q for q in quantities}
        for claim in claims:
            if claim.figure is None:
                continue
            quantity = by_id.get(claim.figure)
            if quantity is None:
                self.problems.add(f"{self.path}: {claim.id}: figure {claim.figure!r} is not a quantity id")
            elif not (claim.span.start <= quantity.span.start and quantity.span.end <= claim.span.end):
                self.problems.add(f"{self.path}: {claim.id}: figure {claim.figure} lies outside the claim")


def _read_pairs(where: Path, raw: Any, articles: list[GoldArticle], problems: _Collector) -> list[Pair]:
    if not isinstance(raw, list):
        problems.add(f"{where}: pairs: expected a list")
        return []
    claims = {f"{a.key.split('/', 1)[1]}/{c.id}": c for a in articles for c in a.claims}
    pairs: list[Pair] = []
    seen: set[frozenset[str]] = set()
    for entry in raw:
        if not isinstance(entry, list) or len(entry) not in (3, 4) or not all(isinstance(x, str) for x in entry):
            problems.add(f"{where}: pairs: expected [ARTICLE/CLAIM, ARTICLE/CLAIM, judgment(, note)], got {entry!r}")
            continue
        a, b, judgment = entry[0], entry[1], entry[2]
        note = entry[3] if len(entry) == 4 else None
        for ref in (a, b):
            if ref not in claims:
                problems.add(f"{where}: pairs: {ref} is not an annotated claim of this story")
        if judgment not in JUDGMENTS:
            problems.add(f"{where}: pairs: {a} {b}: {judgment!r} is not one of {', '.join(JUDGMENTS)}")
        key = frozenset((a, b))
        if a == b:
            problems.add(f"{where}: pairs: {a} is paired with itself")
        elif key in seen:
            problems.add(f"{where}: pairs: {a} and {b} are judged twice")
        seen.add(key)
        pairs.append(Pair(a, b, judgment, note))
    return pairs


def unjudged_same_frame(story: Story) -> Iterator[tuple[str, str]]:
    """Pairs of claims of one story with the same frame that no judged pair covers."""
    judged = {frozenset((p.a, p.b)) for p in story.pairs}
    refs = [(f"{a.key.split('/', 1)[1]}/{c.id}", c) for a in story.articles for c in a.claims]
    for (ra, ca), (rb, cb) in combinations(refs, 2):
        if ca.frame.key == cb.frame.key and frozenset((ra, rb)) not in judged:
            yield ra, rb

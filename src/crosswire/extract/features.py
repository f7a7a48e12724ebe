"""What story clustering knows of an article: its content words, names, places, dates and figures.

:func:`features_of` reads the findings of the extractors story clustering needs (entities,
places, times, quantities) and keeps only what :mod:`crosswire.link.stories.linker` compares: a
bag of content-word stems, and the *specific* things that tell one event from another of the same kind (the people
and organisations involved, the places, the dates with a known year, the figures, the weapons).
The extract stage runs it after those extractors (it requires their findings), so nothing runs
twice; :func:`crosswire.extract.stage.story_features` gives the features of a lone article.

Each feature becomes a typed key of a sparse vector (``w:quake``, ``n:lohan``, ``p:halvik``,
``d:2024-11-03``, ``q:250``, ``x:kn-25``); the clusterer weighs the types and the rarity of each
key. Word stems and stopwords are hand-written: a light suffix rule is enough to fold plurals and
tenses for matching, and a stemmer library would be a dependency for little gain.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from crosswire.extract.component import Extractor, Found
from crosswire.extract.entities.extractor import Entity
from crosswire.extract.places.extractor import Place
from crosswire.extract.places.geodata import word_set
from crosswire.extract.quantities.extractor import Quantity
from crosswire.extract.times.extractor import TimeExpression
from crosswire.model import Article
from crosswire.text.document import Document
from crosswire.text.lemmas import stem

__all__ = ["FEATURES", "StoryFeatures", "content_words", "features_of"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_STOPWORDS = word_set(
    """
    a about above after again against ago all almost also although always am among an and another
    any anyone anything are around as at away back be became because become been before being
    below between both but by can cannot could did do does doing done down during each either else
    even ever every few for from further get gets getting give given go goes going gone got had has
    have having he her here hers herself him himself his how however i if in including into is it
    its itself just last least less like likely made make makes many may me might more most much
    must my myself near nearly neither never new next no nor not now of off often on once one only
    onto or other others otherwise our ours out over own part per perhaps put rather really said
    same say saying says see seen several she should since so some something still such take taken
    than that the their theirs them themselves then there these they thing things this those though
    three through thus to told too two under until up upon us use used very via was way we well
    were what whatever when where whether which while who whom whose why will with within without
    would yet you your yours yourself first second third four five six seven eight nine ten time
    times year years day days week weeks month months today yesterday tomorrow monday tuesday
    wednesday thursday friday saturday sunday january february march april june july august
    september october november december mr mrs ms dr according added adding report reported reports
    reporting news told tell telling asked statement according people percent including
    http https www com html htm org net article articles story stories page continue reading
    read click photo image video copyright reserved rights updated posted comments share email
    """
)
_PERSONAL = frozenset({"PERSON"})
_ORGANISATIONAL = frozenset({"ORG", "NORP", "GPE"})
_EXACT_DAY = re.compile(r"^(\d{4}|XXXX)-(\d\d)(?:-(\d\d))?$")
_KNOWN_DAY = re.compile(r"\d{4}-\d\d-\d\d")
# A wire dateline before the first sentence: "HALVIK, Nov 4 (CPA) - ", "KETTERING RIDGE, Osterland - ".
_DATELINE = re.compile(r"[A-Z][A-Z'’. ]*[A-Z](?:,[^\n–—-]{0,40})?\s*[-–—]+\s+")
_ANALYST_BEFORE = re.compile(
    r"\b(?:[Ii]nstitute|[Uu]niversity|[Cc]ollege|think[- ]tank|[Ff]oundation|fellow|analysts?|professor|"
    r"researchers?|experts?|economists?|consultancy|[Cc]entre for|[Cc]enter for)\b[^.;!?]*$"
)
_ANALYST_AFTER = re.compile(r"-based\b")


def content_words(text: str) -> list[tuple[str, str]]:
    """``(stem, surface)`` for each content word of ``text`` in order (stopwords and short words dropped)."""
    out: list[tuple[str, str]] = []
    append = out.append
    for surface in _WORD.findall(text):
        stemmed = _content_stem(surface)
        if stemmed:
            append((stemmed, surface))
    return out


@lru_cache(maxsize=1 << 16)
def _content_stem(surface: str) -> str:
    """The stem of a word as written, or "" for a stopword or a short word.

    A news vocabulary is small next to its running text, so the stem of each word as written is
    worked out once per process (bounded cache) rather than once per occurrence."""
    lowered = surface.lower()
    if len(lowered) < 3 or lowered in _STOPWORDS:
        return ""
    stemmed = stem(lowered)
    return stemmed if len(stemmed) >= 3 and stemmed not in _STOPWORDS else ""


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """The features of one article that story clustering compares; computed once, stored as JSON."""

    article_id: str
    source: str
    published: str | None
    """ISO date of publication (day only), or ``None`` when unknown."""
    words: tuple[tuple[str, int], ...]
    """Content-word stems and their counts."""
    names: tuple[str, ...]
    """People, organisations, countries and nationalities, as written (first mention first)."""
    people: tuple[str, ...]
    """The people among the names."""
    places: tuple[str, ...]
    """Place names (resolved name where the gazetteer knows it), most mentioned first."""
    dates: tuple[str, ...]
    """Dates mentioned, TIMEX3 values of a day or a month (``2024-11-03``, ``XXXX-07``)."""
    figures: tuple[str, ...]
    """Figures mentioned: value and, when known, the thing counted (``250 launcher``)."""
    weapons: tuple[str, ...]
    """Weapons and equipment named (``kn-25``, ``launcher``)."""
    lead: str
    """The title, or the first sentence: where the label's actor and action come from."""
    opening: str = ""
    """The first sentence of the text, without its dateline."""
    event_days: tuple[str, ...] = ()
    """Days (ISO) the first sentence names: when the reported event happened."""

    @property
    def day(self) -> date | None:
        """The publication day, when known."""
        return date.fromisoformat(self.published) if self.published else None

    def keys(self) -> dict[str, float]:
        """The typed keys of this article with their raw counts (before weights and rarity)."""
        keys: dict[str, float] = {f"w:{w}": float(c) for w, c in self.words}
        for name in self.names:
            for key in _name_keys(name, name in self.people):
                keys[key] = keys.get(key, 0.0) + 1.0
        for kind, values in (("p", self.places), ("d", self.dates), ("q", self.figures)):
            for value in values:
                key = f"{kind}:{value.lower()}"
                keys[key] = keys.get(key, 0.0) + 1.0
        for weapon in self.weapons:
            # "multiple rocket launcher" matches "rocket launcher" and "launcher" too
            words = weapon.lower().split()
            for key in {f"x:{' '.join(words[i:])}" for i in range(max(0, len(words) - 3), len(words))}:
                keys[key] = keys.get(key, 0.0) + 1.0
        for word in self.lead_words():
            keys[f"l:{word}"] = 1.0
        return keys

    def lead_words(self) -> set[str]:
        """Content-word stems of the title (else the first sentence): what the article is about."""
        return {s for s, _ in content_words(self.lead)}

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "source": self.source,
            "published": self.published,
            "words": [list(pair) for pair in self.words],
            "names": list(self.names),
            "people": list(self.people),
            "places": list(self.places),
            "dates": list(self.dates),
            "figures": list(self.figures),
            "weapons": list(self.weapons),
            "lead": self.lead,
            "opening": self.opening,
            "event_days": list(self.event_days),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StoryFeatures:
        """Read back what :meth:`as_dict` wrote."""
        return cls(
            article_id=str(data["article_id"]),
            source=str(data.get("source") or ""),
            published=data.get("published"),
            words=tuple((str(w), int(c)) for w, c in data.get("words", ())),
            names=tuple(data.get("names", ())),
            people=tuple(data.get("people", ())),
            places=tuple(data.get("places", ())),
            dates=tuple(data.get("dates", ())),
            figures=tuple(data.get("figures", ())),
            weapons=tuple(data.get("weapons", ())),
            lead=str(data.get("lead") or ""),
            opening=str(data.get("opening") or ""),
            event_days=tuple(data.get("event_days", ())),
        )


def _name_keys(name: str, is_person: bool) -> list[str]:
    """A person is matched by full name and by surname ("Lindsay Lohan" ~ "Lohan")."""
    lowered = name.lower()
    keys = [f"n:{lowered}"]
    parts = lowered.split()
    if is_person and len(parts) > 1:
        keys.append(f"n:{parts[-1]}")
    return keys


def features_of(
    source: Article | Document,
    *,
    entities: Sequence[Entity],
    places: Sequence[Place],
    times: Sequence[TimeExpression],
    quantities: Sequence[Quantity],
) -> StoryFeatures:
    """The story features of an article (or its document), from the other extractors' findings in it."""
    doc = Document.of(source)
    article = doc.article
    text = doc.text
    body = f"{article.title}\n{text}" if article.title else text
    words = Counter(map(_content_stem, _WORD.findall(body)))
    words.pop("", None)  # the stopwords and short words
    name_counts: Counter[str] = Counter()
    people: set[str] = set()
    weapons: list[str] = []
    for entity in entities:
        name = " ".join(entity.text.split())
        if entity.label == "WEAPON":
            weapons.append(_weapon(name))
        elif entity.label in _PERSONAL or entity.label in _ORGANISATIONAL:
            if "\n" in entity.text:
                continue
            # A name run across a full stop ("Halvik. Ilse Brandauer") is two names; keep the last.
            name = name.rsplit(". ", 1)[-1]
            if len(name) < 2:
                continue
            name_counts[name] += 1
            if entity.label in _PERSONAL:
                people.add(name)
    names = _merge_person_names(name_counts, people)
    opening_start, opening_end = _opening(doc)
    place_weights: dict[str, float] = defaultdict(float)
    for place in places:
        weight = _place_weight(text, place, opening_start, opening_end) if len(place.text) > 1 else 0.0
        if weight > 0:  # where a quoted analyst sits says nothing of the event
            place_weights[" ".join((place.name or place.text).split())] += weight
    opening = " ".join(text[opening_start:opening_end].split())[:300]
    return StoryFeatures(
        article_id=article.id,
        source=article.source,
        published=_day(article.published),
        words=tuple(sorted(words.items())),
        names=tuple(names),
        people=tuple(n for n in names if n in people),
        places=tuple(p for p, _ in sorted(place_weights.items(), key=lambda item: (-item[1], item[0]))),
        dates=tuple(sorted(_dates(times))),
        figures=tuple(sorted(_figures(quantities))),
        weapons=tuple(sorted(set(weapons))),
        lead=" ".join(article.title.split())[:300] if article.title else opening,
        opening=opening,
        event_days=tuple(sorted({d for t in times if opening_start <= t.start < opening_end and (d := _known_day(t))})),
    )


def _place_weight(text: str, place: Place, opening_start: int, opening_end: int) -> float:
    """How much a mention says the event happened there: most in the first sentence, nothing
    where it only says where a quoted analyst sits, little in the dateline (where the reporter is)."""
    if _ANALYST_BEFORE.search(text, max(0, place.start - 70), place.start) or _ANALYST_AFTER.match(text, place.end):
        return 0.0
    if place.end <= opening_start:
        return 0.5
    if place.start < opening_end:
        return 3.0
    return 1.0


def _day(published: date | datetime | None) -> str | None:
    if published is None:
        return None
    return (published.date() if isinstance(published, datetime) else published).isoformat()


def _merge_person_names(counts: Counter[str], people: set[str]) -> list[str]:
    """Names most mentioned first; a bare surname counts towards the full name it shortens."""
    full_by_surname: dict[str, str] = {}
    for name in counts:
        if name in people and " " in name:
            full_by_surname.setdefault(name.split()[-1], name)
    merged: Counter[str] = Counter()
    for name, count in counts.items():
        merged[full_by_surname.get(name, name) if name in people else name] += count
    return [name for name, _ in sorted(merged.items(), key=lambda item: (-item[1], item[0]))]


def _weapon(name: str) -> str:
    words = name.lower().split()
    return " ".join([*words[:-1], stem(words[-1])]) if words else name.lower()


def _dates(times: Iterable[TimeExpression]) -> set[str]:
    found: set[str] = set()
    for expression in times:
        if expression.type == "DATE" and expression.value and _EXACT_DAY.match(expression.value):
            found.add(expression.value)
        elif day := _known_day(expression):
            found.add(day)  # "Sunday night" (a TIME) names its day too
    return found


def _known_day(expression: TimeExpression) -> str | None:
    """The calendar day of a day-or-finer expression, when its year, month and day are known."""
    if expression.type not in ("DATE", "TIME") or not expression.value:
        return None
    day = expression.value.split("T", 1)[0]
    return day if _KNOWN_DAY.fullmatch(day) else None


def _figures(quantities: Iterable[Quantity]) -> set[str]:
    found: set[str] = set()
    for quantity in quantities:
        value = quantity.value if quantity.value is not None else quantity.high
        if value is None:
            continue
        number = f"{value:g}" if isinstance(value, float) else str(value)
        if quantity.thing:
            thing_words = quantity.thing.split()
            found.add(f"{number} {stem(thing_words[-1])}" if thing_words else number)
        elif quantity.unit:
            found.add(f"{number} {quantity.unit}")
        elif not (1900 <= float(value) <= 2100) and float(value) >= 10:
            found.add(number)  # bare small counts and years say little about which event
    return found


def _opening(doc: Document) -> tuple[int, int]:
    """Where the first sentence lies, its dateline left out (``(0, 0)`` when the text is empty)."""
    if not doc.sentence_starts:
        return (0, 0)
    text = doc.text
    start, end = doc.sentence_starts[0], doc.sentence_ends[0]
    dateline = _DATELINE.match(text, start, end)
    if dateline and dateline.end() < end:
        start = dateline.end()
    return (start, end)


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    features = features_of(
        doc,
        entities=found["entities"],
        places=found["places"],
        times=found["times"],
        quantities=found["quantities"],
    )
    return {"features": features}


FEATURES = Extractor("features", ("quantities", "times", "places", "entities"), ("features",), _extract)
"""Story features as the extract stage computes them, from the other extractors' findings."""

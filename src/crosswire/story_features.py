"""What story clustering knows of an article: its content words, names, places, dates and figures.

:func:`features_of` runs the extractors story clustering needs (entities, places, times,
quantities) once and keeps only what :mod:`crosswire.stories` compares: a bag of content-word
stems, and the *specific* things that tell one event from another of the same kind (the people
and organisations involved, the places, the dates with a known year, the figures, the weapons).
A pipeline that has already run the extractors passes their results in, and nothing runs twice.

Each feature becomes a typed key of a sparse vector (``w:quake``, ``n:lohan``, ``p:halvik``,
``d:2024-11-03``, ``q:250``, ``x:kn-25``); the clusterer weighs the types and the rarity of each
key. Word stems and stopwords are hand-written: a light suffix rule is enough to fold plurals and
tenses for matching, and a stemmer library would be a dependency for little gain.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from crosswire.entities import Entity, extract_entities
from crosswire.geodata import word_set
from crosswire.model import Article
from crosswire.places import Place, extract_places
from crosswire.quantities import Quantity, extract_quantities
from crosswire.times import TimeExpression, extract_times

__all__ = ["StoryFeatures", "content_words", "features_of", "stem"]

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


def stem(word: str) -> str:
    """A light stem: lower case, possessive, plural and common verb endings folded."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) <= 3:
        return word
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes")):
                continue
            base = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "planned" -> "plan", "hitting" -> "hit"
            return base
    return word


def content_words(text: str) -> list[tuple[str, str]]:
    """``(stem, surface)`` for each content word of ``text`` in order (stopwords and short words dropped)."""
    out: list[tuple[str, str]] = []
    for match in _WORD.finditer(text):
        surface = match.group(0)
        lowered = surface.lower()
        if len(lowered) < 3 or lowered in _STOPWORDS:
            continue
        stemmed = stem(lowered)
        if len(stemmed) >= 3 and stemmed not in _STOPWORDS:
            out.append((stemmed, surface))
    return out


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
    """The title, or the first sentence: where the label's action words come from."""

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
        for kind, values in (("p", self.places), ("d", self.dates), ("q", self.figures), ("x", self.weapons)):
            for value in values:
                key = f"{kind}:{value.lower()}"
                keys[key] = keys.get(key, 0.0) + 1.0
        return keys

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
    article: Article,
    *,
    entities: Sequence[Entity] | None = None,
    places: Sequence[Place] | None = None,
    times: Sequence[TimeExpression] | None = None,
    quantities: Sequence[Quantity] | None = None,
) -> StoryFeatures:
    """The story features of ``article``; pass extractor results already at hand to skip re-running them."""
    text = article.text
    if entities is None:
        entities = extract_entities(article)
    if places is None:
        places = extract_places(article)
    if times is None:
        times = extract_times(article)
    if quantities is None:
        quantities = extract_quantities(article)
    body = f"{article.title}\n{text}" if article.title else text
    words = Counter(s for s, _ in content_words(body))
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
    place_counts = Counter(" ".join((p.name or p.text).split()) for p in places if len(p.text) > 1)
    return StoryFeatures(
        article_id=article.id,
        source=article.source,
        published=_day(article.published),
        words=tuple(sorted(words.items())),
        names=tuple(names),
        people=tuple(n for n in names if n in people),
        places=tuple(p for p, _ in sorted(place_counts.items(), key=lambda item: (-item[1], item[0]))),
        dates=tuple(sorted(_dates(times))),
        figures=tuple(sorted(_figures(quantities))),
        weapons=tuple(sorted(set(weapons))),
        lead=_lead(article),
    )


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
        if expression.type != "DATE" or not expression.value:
            continue
        match = _EXACT_DAY.match(expression.value)
        if match:
            found.add(expression.value)
    return found


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


def _lead(article: Article) -> str:
    if article.title:
        return " ".join(article.title.split())[:300]
    text = article.text.lstrip()
    cut = re.search(r"(?<=[.!?])\s|\n", text)
    return " ".join((text[: cut.start()] if cut else text).split())[:300]

"""Choosing a gazetteer entry for each place mention, and borrowing a point for places it lacks.

Between same-named entries the story decides, in this order:

1. a place named right after the mention qualifies it: "Paris, Texas", "Halvik, Osterland" (a
   containing area), "Kingston, south of Brisbane" (a nearby city);
2. the rest of the article: candidates in the countries and states its other places lie in, and
   candidates close to its other places, score higher (a first pass picks every mention's likeliest
   entry; the second scores each mention against the others' picks);
3. size: log population, with countries, states and regions weighing like large places, capitals
   a little more, and a name matched only as an alternate name of a place a little less;
4. one sense per article: every mention of a name takes the reading of its qualified mention.

A place the gazetteer lacks gets no point, except when the article names what contains it: a
town qualified by its state or country ("Hinton, Alberta"), a street or building followed by its
city ("Seaton Street, Edmonton", "Baker Street in London"), a building named after its city
("Manila Cathedral"), a place after a possessive ("Seoul's Jamsil Stadium"). It then takes that
area's point, marked approximate. Hand-written because no installed library does offline toponym
resolution; the weights are round numbers chosen for news, not fitted to any dataset.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from crosswire.extract.places.context import Mention
from crosswire.extract.places.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    CONTINENT,
    COUNTRY,
    REGION,
    Gazetteer,
    GazetteerEntry,
)
from crosswire.text.words import word_set

__all__ = ["Resolution", "resolve"]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The entry chosen for a mention; ``approximate`` when its point is borrowed from ``entry``."""

    entry: GazetteerEntry | None
    approximate: bool = False


_IN, _NEAR = "in", "near"
_NEAR_BETWEEN = re.compile(
    r",?\s+(?:(?:just|about|some|roughly|around|a few)\s+)?(?:[\d.,]+\s*(?:km|kilometres|kilometers|"
    r"miles|mi)\s+)?(?:(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+of|"
    r"outside(?:\s+of)?|near|close\s+to)\s+(?:the\s+)?$"
)
_IN_BETWEEN = re.compile(r",?\s+(?:in|at|on|of|near)\s+(?:the\s+)?$")
_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|suburb|district|neighbou?rhood|community|"
    r"county|area|region|province|island|port|hamlet|settlement|municipality)\s+(in|of|near|outside|on)\s+"
    r"(?:the\s+)?"
)
_STATE_AFTER = re.compile(
    r" (?:Gov\.|Governor|[Ss]tate\b(?! (?:University|College|Park|Street|Route|Road|Police))|Legislature|"
    r"Assembly|Senate|Attorney General|Department of)"
)
_STATE_BEFORE = re.compile(r"\b[Ss]tate of $")
_CITY_OF = re.compile(r"\b(?:city|town|village|suburb|hamlet|borough) of\s+$", re.IGNORECASE)
_BIG_KINDS = (COUNTRY, CONTINENT, REGION)


def _distance_km(a: GazetteerEntry, b: GazetteerEntry) -> float:
    """Distance in km, by the equirectangular approximation (close enough below 2,000 km)."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    dl = abs(b.lon - a.lon)
    if dl > 180.0:
        dl = 360.0 - dl
    x = dl * math.cos(math.radians((a.lat + b.lat) / 2))
    return 111.2 * math.hypot(x, b.lat - a.lat)


def _has_point(entry: GazetteerEntry | None) -> bool:
    return entry is not None and entry.lat is not None and entry.lon is not None


@lru_cache(maxsize=1 << 16)
def _simple(name: str) -> str:
    return name.lower().replace("saint ", "st ").replace("st. ", "st ")


# log10 of an entry's weight, by the entry's id; the entry is kept with it, so its id stays its own.
_LOG_SIZES: dict[int, tuple[GazetteerEntry, float]] = {}


def _prior(entry: GazetteerEntry, key: str, primaries: set[str]) -> float:
    """How likely a bare name means this entry, in log10 people (kinds weigh like big places)."""
    cached = _LOG_SIZES.get(id(entry))
    score = _log_size(entry) if cached is None else cached[1]
    if entry.kind == CITY:
        name, simple_key = _simple(entry.name), _simple(key)
        if name != simple_key:
            # Matched on an alternate name only: less likely, and much less when it is an unrelated
            # name that another candidate carries as its own ("Salisbury" is not Harare).
            if simple_key in primaries and not name.startswith(simple_key[:4]):
                score -= 1.5
            elif entry.population < 1_000_000:
                score -= 0.5
    return score


def _log_size(entry: GazetteerEntry) -> float:
    if entry.kind == COUNTRY:
        size = max(entry.population, 50_000_000)
    elif entry.kind == ADMIN1:
        size = 5_000_000 if entry.lat is not None else 2_000_000
    elif entry.kind == CONTINENT:
        size = 100_000_000
    elif entry.kind == REGION:
        size = 10_000_000
    elif entry.kind == CITY:
        size = entry.population
    elif entry.kind == ADMIN2 and not entry.approximate:
        size = 800_000
    else:
        size = 20_000
    score = math.log10(size + 1)
    if len(_LOG_SIZES) >= 1 << 16:
        _LOG_SIZES.clear()
    _LOG_SIZES[id(entry)] = (entry, score)
    return score


class _Context:
    """What the rest of the article says: countries, states and points of its places."""

    def __init__(self) -> None:
        self.countries: defaultdict[str, float] = defaultdict(float)
        self.states: defaultdict[tuple[str | None, str | None], float] = defaultdict(float)
        self.points: list[tuple[str, float, float]] = []  # key, lat, lon
        self.own: dict[str, tuple[GazetteerEntry, float]] = {}  # each name counts once

    def add(self, key: str, entry: GazetteerEntry, weight: float) -> None:
        if key in self.own:
            return
        self.own[key] = (entry, weight)
        if entry.country:
            self.countries[entry.country] += weight
        state = _state_of(entry)
        if state is not None:
            self.states[state] += weight
        if _has_point(entry) and entry.kind not in (CONTINENT, REGION) and not entry.approximate:
            self.points.append((key, entry.lat, entry.lon))  # type: ignore[arg-type]

    def closeness(self, entry: GazetteerEntry, key: str) -> float:
        """The bonus for the distance to the nearest point of another name: 1.5 under 50 km, 1.0 under
        250 km, 0.4 under 1,000 km (the arithmetic of :func:`_distance_km`, inlined)."""
        lat, lon = entry.lat, entry.lon
        assert lat is not None and lon is not None
        cos, radians, hypot = math.cos, math.radians, math.hypot
        nearest = math.inf
        for other_key, other_lat, other_lon in self.points:
            if other_key == key:
                continue
            dl = abs(other_lon - lon)
            if dl > 180.0:
                dl = 360.0 - dl
            distance = 111.2 * hypot(dl * cos(radians((lat + other_lat) / 2)), other_lat - lat)
            if distance < nearest:
                if distance < 50:
                    return 1.5
                nearest = distance
        return 1.0 if nearest < 250 else 0.4 if nearest < 1000 else 0.0

    def country_support(self, country: str, key: str) -> tuple[float, float]:
        """Weight of the other names in ``country``, and of all other names."""
        support, total = self.countries.get(country, 0.0), sum(self.countries.values())
        if key in self.own:
            entry, weight = self.own[key]
            total -= weight if entry.country else 0.0
            support -= weight if entry.country == country else 0.0
        return support, total

    def state_support(self, state: tuple[str | None, str | None], key: str) -> float:
        support = self.states.get(state, 0.0)
        if key in self.own and _state_of(self.own[key][0]) == state:
            support -= self.own[key][1]
        return support


def _state_of(entry: GazetteerEntry) -> tuple[str | None, str | None] | None:
    if entry.kind == ADMIN1:
        return (entry.country, entry.name)
    if entry.admin1 and entry.kind in (CITY, ADMIN2):
        return (entry.country, entry.admin1)
    return None


def resolve(text: str, mentions: list[Mention], gazetteer: Gazetteer, capitals: frozenset[int]) -> list[Resolution]:
    """One resolution per mention, in order."""
    keys = [_simple(m.key) for m in mentions]
    candidates = [_restricted(text, m) for m in mentions]
    links = [_link(text, mentions, i, candidates) for i in range(len(mentions))]

    # Qualified by a containing area: keep only the candidates inside it.
    for i, link in enumerate(links):
        if link is not None and link[1] == _IN and candidates[i]:
            area = _area_of(candidates[link[0]])
            if area is not None:
                inside = tuple(c for c in candidates[i] if _inside(c, area))
                if inside:
                    candidates[i] = inside

    # A country's own name is the country, never a city that lists it as an alternate ("Mexico").
    for i, options in enumerate(candidates):
        if len(options) > 1 and any(c.kind == COUNTRY and _simple(c.name) == keys[i] for c in options):
            candidates[i] = tuple(c for c in options if c.name == mentions[i].key)
    primaries = {_simple(c.name) for options in candidates for c in options if c.kind == CITY}

    memo: dict[tuple[str, int, bool], GazetteerEntry] = {}

    def best(i: int, context: _Context | None) -> GazetteerEntry | None:
        options = candidates[i]
        if not options:
            return None
        if len(options) == 1:
            return options[0]
        memo_key = (keys[i], id(options), context is None)
        if memo_key not in memo:
            several = len({c.country for c in options}) > 1
            memo[memo_key] = max(
                options, key=lambda c: _score(c, mentions[i].key, keys[i], context, several, primaries, capitals)
            )
        return memo[memo_key]

    first = [best(i, None) for i in range(len(mentions))]
    context = _Context()
    for i, entry in enumerate(first):
        if entry is not None:
            context.add(keys[i], entry, 1.0 if len(candidates[i]) == 1 else 0.5)
    chosen = [best(i, context) if len(candidates[i]) > 1 else first[i] for i in range(len(mentions))]

    resolutions = [Resolution(entry) for entry in chosen]
    qualified: dict[str, Resolution] = {}
    for i, link in enumerate(links):
        if link is None:
            continue
        target = chosen[link[0]]
        resolution = _linked(candidates[i], chosen[i], target, link[1])
        if resolution is not None:
            resolutions[i] = resolution
            if mentions[i].kind is None or mentions[i].kind == "unknown":
                qualified.setdefault(keys[i], resolution)
    for i, mention in enumerate(mentions):
        if links[i] is None and keys[i] in qualified and mention.kind != "demonym":
            resolutions[i] = qualified[keys[i]]
        elif resolutions[i].entry is None and mention.kind in ("feature", "region", "unknown"):
            resolutions[i] = _embedded(text, mention, gazetteer, context)
    return resolutions


def _score(
    entry: GazetteerEntry,
    key: str,
    simple_key: str,
    context: _Context | None,
    several_countries: bool,
    primaries: set[str],
    capitals: frozenset[int],
) -> float:
    value = _prior(entry, key, primaries)
    if entry.kind == CITY and entry.geonameid in capitals:
        value += 1.5
    if context is None:
        return value
    if several_countries and entry.country:
        support, total = context.country_support(entry.country, simple_key)
        if support > 0:
            value += (1.0 if entry.kind in (ADMIN1, COUNTRY) else 0.75) + 1.5 * support / total
    state = _state_of(entry)
    if state is not None and context.state_support(state, simple_key) > 0:
        value += 2.0 if entry.kind != ADMIN1 else 1.5
    if _has_point(entry) and entry.kind not in (CONTINENT, REGION):
        value += context.closeness(entry, simple_key)
    return value


def _restricted(text: str, mention: Mention) -> tuple[GazetteerEntry, ...]:
    """The mention's candidates; only towns after "the city of", only states before "Gov." or
    "state" ("New York Gov. Andrew Cuomo", "Washington state")."""
    options = mention.candidates
    if len(options) < 2:
        return options
    start = mention.start
    # Both patterns before the name end in "of" and white space: test that first, it is rarely so.
    of_before = text[max(0, start - 20) : start].rstrip()[-2:].lower() == "of"
    if of_before and _CITY_OF.search(text, max(0, start - 20), start):
        return tuple(c for c in options if c.kind in (CITY, ADMIN2))
    if (text.startswith(" ", mention.end) and _STATE_AFTER.match(text, mention.end)) or (
        of_before and _STATE_BEFORE.search(text, max(0, start - 12), start)
    ):
        states = tuple(c for c in options if c.kind == ADMIN1)
        return states or options
    return options


def _link(
    text: str, mentions: list[Mention], index: int, candidates: list[tuple[GazetteerEntry, ...]]
) -> tuple[int, str] | None:
    """The mention that qualifies this one, and how: ("Paris, Texas") in; ("X, south of Y") near."""
    mention = mentions[index]
    options = candidates[index]
    if mention.kind == "demonym" or any(c.kind in _BIG_KINDS for c in options):
        return None
    if index + 1 < len(mentions):
        following = mentions[index + 1]
        between = text[mention.end : following.start]
        if following.kind != "demonym" and candidates[index + 1]:
            if between in (", ", ","):
                area = _area_of(candidates[index + 1])
                if area is None or not _in_list(text, mentions, index):
                    return index + 1, _IN
                if any(_inside(c, area) for c in options) and not any(c.kind == ADMIN1 for c in options):
                    return index + 1, _IN
                return None
            if len(between) < 40 and _NEAR_BETWEEN.fullmatch(between):
                return index + 1, _NEAR
            if len(between) < 70 and not _has_big(options):
                appositive = _APPOSITIVE.fullmatch(between)  # "Brask, a market town in Karsk province"
                if appositive:
                    return index + 1, _NEAR if appositive.group(1) in ("near", "outside") else _IN
            if not options and mention.kind in ("feature", "unknown") and _IN_BETWEEN.fullmatch(between):
                return index + 1, _IN
    if index > 0 and not options:
        previous = mentions[index - 1]
        between = text[previous.end : mention.start]
        if between in ("'s ", "’s ") and candidates[index - 1] and previous.kind != "demonym":
            return index - 1, _IN
    return None


_LIST_GAP = re.compile(r"\s*(?:,|and|or|&)\s*(?:and\s+|or\s+)?")


def _in_list(text: str, mentions: list[Mention], index: int) -> bool:
    """Whether "A, B" is part of a list of places ("Washington, New York and Boston")."""
    if index + 2 < len(mentions):
        gap = text[mentions[index + 1].end : mentions[index + 2].start]
        if _LIST_GAP.fullmatch(gap):
            return True
    if index > 0:
        gap = text[mentions[index - 1].end : mentions[index].start]
        if gap in (", ", ","):
            return True
    return False


def _has_big(options: tuple[GazetteerEntry, ...]) -> bool:
    return any(c.kind in (COUNTRY, ADMIN1) or c.population >= 1_000_000 for c in options)


def _area_of(candidates: tuple[GazetteerEntry, ...]) -> GazetteerEntry | None:
    for candidate in candidates:
        if candidate.kind in (ADMIN1, COUNTRY, ADMIN2):
            return candidate
    return None


def _inside(entry: GazetteerEntry, area: GazetteerEntry) -> bool:
    if entry.country != area.country:
        return False
    if area.kind == ADMIN1:
        return entry.admin1 == area.name or (entry.kind == ADMIN2 and entry.admin1 == area.name)
    if area.kind == ADMIN2:
        return _has_point(entry) and _has_point(area) and _distance_km(entry, area) < 80
    return True


def _linked(
    candidates: tuple[GazetteerEntry, ...],
    chosen: GazetteerEntry | None,
    target: GazetteerEntry | None,
    relation: str,
) -> Resolution | None:
    """The resolution a qualifier gives; None when it says nothing new."""
    if target is None:
        return None
    if relation == _IN:
        if target.kind in (ADMIN1, COUNTRY, ADMIN2):
            fitting = [c for c in candidates if _inside(c, target)]
            if fitting:
                return Resolution(chosen if chosen in fitting else fitting[0])
        elif target.kind == CITY and not candidates:
            return Resolution(target, approximate=True) if _has_point(target) else None
        else:
            return None
        return Resolution(target, approximate=True) if _has_point(target) else None
    # near: a candidate within reach of the named place, else (for a town) that place's point.
    if not _has_point(target):
        return None
    near = [c for c in candidates if _has_point(c) and _distance_km(c, target) < 300]
    if near:
        return Resolution(max(near, key=lambda c: c.population))
    if target.kind == CITY:
        return Resolution(target, approximate=True)
    return None


_DIRECTIONS = word_set(
    "North South East West Northern Southern Eastern Western Central Far Upper Lower Greater Inner Outer"
    " Northeast Northwest Southeast Southwest Northeastern Northwestern Southeastern Southwestern"
)


def _embedded(text: str, mention: Mention, gazetteer: Gazetteer, context: _Context) -> Resolution:
    """A place named after the town or area it lies in borrows that place's point.

    "Manila Cathedral", "Colchester Hospital" (a building named after its town), "Far North
    Queensland", "West Wales" (a part of a known area).
    """
    words = text[mention.start : mention.end].split()
    options: list[GazetteerEntry] = []
    name = ""
    if len(words) > 1 and words[0].title() in _DIRECTIONS:
        rest = [w for w in words if w.title() not in _DIRECTIONS]
        name = " ".join(rest)
        options = [e for e in gazetteer.lookup(name) or gazetteer.lookup(name.title()) if _has_point(e)]
    if not options and mention.kind in ("feature", "region"):
        for size in range(min(3, len(words) - 1), 0, -1):
            name = " ".join(words[:size])
            options = [e for e in gazetteer.lookup(name) if e.kind in (CITY, ADMIN2) and _has_point(e)]
            if options:
                break
    if not options:
        return Resolution(None)
    simple = _simple(name)
    entry = max(options, key=lambda c: _score(c, name, simple, context, True, set(), frozenset()))
    return Resolution(entry, approximate=True)

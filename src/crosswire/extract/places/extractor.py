"""Places: place names in an article, resolved offline to a gazetteer entry when one fits.

Three sources of mentions, merged so that no two overlap (the longer one wins):

1. gazetteer names and demonyms found by the Aho-Corasick automaton of
   :mod:`crosswire.extract.places.gazetteer`, at word boundaries, in their capitalised form;
2. features and regions named by their head word ("the Karsk Peninsula", "Idlib province",
   "the Osterland border", "Mount Sinai", "Baker Street");
3. names that only context shows to be places: "in X", "near X", "the town of X", and the
   capitalised dateline at the top of a paragraph ("HALVIK, Nov 4").

A mention the gazetteer cannot resolve stays a place with unknown coordinates: small towns,
streets and features are not dropped and no point is guessed for them. Between same-named
entries the story decides: a place qualified by the next name ("Paris, Texas"), then the
countries and states named elsewhere in the article, then size.

The rules are hand-written because no installed library geoparses offline at this speed; see
``docs/extractors/places.md``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crosswire.extract.component import Extractor, Found
from crosswire.extract.entities.lexicons import FIRST_NAMES as _GIVEN_NAMES
from crosswire.extract.places.context import (
    Mention,
    capital_ids,
    context_places,
    is_person_context,
)
from crosswire.extract.places.gazetteer import ADMIN1, CITY, COUNTRY, Gazetteer, GazetteerEntry, load_gazetteer
from crosswire.extract.places.geodata import AMBIGUOUS_WORDS, COMMA_ONLY_ALIASES, PERSON_FIRST_NAMES
from crosswire.extract.places.resolution import Resolution, resolve
from crosswire.model import Article
from crosswire.text.document import Document
from crosswire.text.words import word_set

__all__ = ["PLACES", "Place", "extract_places"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Place:
    """A place mentioned in an article, with its gazetteer entry when one was found."""

    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    kind: str = "unknown"
    feature_class: str | None = None
    approximate: bool = False  # the point is that of the area or town that contains the place

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "kind": self.kind,
            "feature_class": self.feature_class,
            "approximate": self.approximate,
        }


def extract_places(source: Article | Document) -> list[Place]:
    """Place names in an article (or its document), resolved to gazetteer entries where possible."""
    doc = Document.of(source)
    text = doc.text
    if not text:
        return []
    gazetteer = load_gazetteer()
    from_context, surnames, said_alone = context_places(doc, gazetteer)
    mentions = _merge(len(text), _gazetteer_mentions(text, gazetteer), from_context)
    people: set[str] = set()
    mentions = [m for m in mentions if _keep(doc, m, surnames, said_alone, people)]
    if people:
        mentions = [m for m in mentions if m.key not in people or m.kind is not None or _qualified(text, m)]
    mentions = _repeat_context_names(text, mentions)
    resolutions = resolve(text, mentions, gazetteer, capital_ids())
    return [_place(text, m, r) for m, r in zip(mentions, resolutions, strict=True)]


def _repeat_context_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """Once context shows a name to be a place ("the town of Brask"), its other mentions are too."""
    known = {m.key: m for m in mentions if m.settled and m.kind == "unknown" and m.key.istitle()}
    if not known:
        return mentions
    occupied = bytearray(len(text))
    for mention in mentions:
        occupied[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    extra = []
    for key, mention in known.items():
        position = text.find(key)
        while position >= 0:
            end = position + len(key)
            if not any(occupied[position:end]) and _at_boundary(text, position, end):
                extra.append(Mention(position, end, key, mention.candidates, mention.kind))
            position = text.find(key, end)
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda m: m.start)


def _at_boundary(text: str, start: int, end: int) -> bool:
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_@#"):
        return False
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return False
    # "U.S." followed by a letter would be an abbreviation inside something longer.
    return not (end < len(text) - 1 and text[end] == "." and text[end + 1].isalpha())


def _gazetteer_mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    found: list[Mention] = []
    last_index = len(text) - 1
    for last, (length, key, candidates, kind) in gazetteer.automaton.iter(text):
        # The word-boundary test of _at_boundary, inlined: it runs for every match of the scan.
        start = last - length + 1
        if start > 0:
            before = text[start - 1]
            if before.isalnum() or before in "_@#":
                continue
        if last < last_index:
            after = text[last + 1]
            if after.isalnum() or after == "_" or (after == "." and last + 1 < last_index and text[last + 2].isalpha()):
                continue
        found.append(Mention(start, last + 1, key, candidates, kind))
    return found


def _merge(length: int, *groups: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (the earlier one on a tie); sorted by start."""
    everything = [m for group in groups for m in group]
    everything.sort(key=lambda m: (m.start - m.end, m.start))
    taken: list[Mention] = []
    occupied = bytearray(length)
    for mention in everything:
        if any(occupied[mention.start : mention.end]):
            continue
        occupied[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
        taken.append(mention)
    taken.sort(key=lambda m: m.start)
    return taken


def _keep(doc: Document, mention: Mention, surnames: set[str], said_alone: set[str], people: set[str]) -> bool:
    text = doc.text
    if mention.kind is not None and mention.kind != "demonym":
        return True
    key = mention.key
    if key in _NEVER:
        return False
    if key in COMMA_ONLY_ALIASES:
        return _AFTER_TOWN.search(text, max(0, mention.start - 40), mention.start) is not None
    if mention.kind is None and (key in surnames or (key in said_alone and _small(mention))):
        return False
    if key in AMBIGUOUS_WORDS and not _qualified(text, mention):
        return False
    if mention.kind is None:
        first_name = key in FIRST_NAMES
        city_only = _all_cities(mention.candidates)
    else:
        first_name = city_only = False
    if (city_only or first_name) and is_person_context(doc, mention.start, mention.end, first_name=first_name):
        if first_name:
            people.add(key)  # "Georgia Stevens": the article's other bare "Georgia"s are her too
        return False
    # An all-capitals short key ("US", "UK") inside an all-capitals stretch is a word, not a name.
    return not (key.isupper() and len(key) <= 3 and _in_capitals(text, mention.start, mention.end))


_AFTER_TOWN = re.compile(r"[A-Z][\w'’.-]*,\s?$")
_QUALIFIED_AFTER = re.compile(r",\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
FIRST_NAMES = _GIVEN_NAMES | PERSON_FIRST_NAMES
# Months and weekdays are never places, whatever town shares their name.
_NEVER = word_set(
    "January February March April May June July August September October November December"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
_QUALIFIED_BEFORE = re.compile(r"(?:town|city|village|port|capital|region|province|state) of\s+$")


def _qualified(text: str, mention: Mention) -> bool:
    after = _QUALIFIED_AFTER.match(text, mention.end)
    if after and any(c.kind == CITY for c in mention.candidates):
        gazetteer = load_gazetteer()
        words = after.group(1)
        if any(e.kind in (ADMIN1, COUNTRY) for e in gazetteer.lookup(words) + gazetteer.lookup(words.split()[0])):
            return True
    return bool(_QUALIFIED_BEFORE.search(text, max(0, mention.start - 20), mention.start))


# Whether every candidate is a city, by the id of the candidates' tuple (kept, so the id stays its own).
_ALL_CITIES: dict[int, tuple[tuple[GazetteerEntry, ...], bool]] = {}


def _all_cities(candidates: tuple[GazetteerEntry, ...]) -> bool:
    cached = _ALL_CITIES.get(id(candidates))
    if cached is not None:
        return cached[1]
    if len(_ALL_CITIES) >= 1 << 16:
        _ALL_CITIES.clear()
    answer = all(c.kind == CITY for c in candidates)
    _ALL_CITIES[id(candidates)] = (candidates, answer)
    return answer


def _small(mention: Mention) -> bool:
    """Whether every reading of a name is a town of under 200,000 people (so "Allen said" is a person)."""
    return all(c.kind == CITY and c.population < 200_000 for c in mention.candidates)


def _in_capitals(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 20) : end + 20]
    if around.isupper():
        return True
    if around.isascii():
        # The same counts for ASCII text, from the lengths left once lower or upper case is deleted.
        raw = around.encode("ascii")
        lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
        alpha = lower + len(raw) - len(raw.translate(None, _ASCII_UPPER))
        return lower < 0.2 * alpha
    return sum(map(str.islower, around)) < 0.2 * sum(map(str.isalpha, around))


_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"
_ASCII_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _place(text: str, mention: Mention, resolution: Resolution) -> Place:
    start, end = mention.start, mention.end
    surface = text[start:end]
    entry = resolution.entry
    if entry is None:
        return Place(start, end, surface, mention.key, None, None, None, None, None,
                     mention.kind or "unknown", None, False)  # fmt: skip
    if resolution.approximate:
        # The place itself is not in the gazetteer: it keeps its own name and borrows the point of
        # the area or town the article places it in.
        admin1 = entry.name if entry.kind == ADMIN1 else entry.admin1
        return Place(
            start, end, surface, mention.key, entry.country, admin1, entry.lat, entry.lon,
            None, mention.kind or "unknown", None, True,
        )  # fmt: skip
    kind = mention.kind if mention.kind == "demonym" else entry.kind
    return Place(
        start, end, surface, entry.name, entry.country, entry.admin1, entry.lat, entry.lon,
        entry.geonameid, kind, entry.feature_class, entry.approximate,
    )  # fmt: skip


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    return {"places": tuple(extract_places(doc))}


PLACES = Extractor("places", (), ("places",), _extract)
"""The places extractor as the extract stage runs it."""

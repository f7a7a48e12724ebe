"""Context rules for places: names that only their surroundings show to be places, and names that
their surroundings show to be people.

Hand-written because the cues are lexical ("in X", "the town of X", "X Peninsula", "Mr X") and a
parser would cost far more than the per-article budget of the default pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.gazetteer import ADMIN1, CITY, Gazetteer, GazetteerEntry, load_gazetteer
from crosswire.geodata import word_set

__all__ = ["Mention", "capital_ids", "context_places", "is_person_context", "surnames_in"]


@dataclass(slots=True)
class Mention:
    """A candidate place mention before resolution."""

    start: int
    end: int
    key: str
    candidates: tuple[GazetteerEntry, ...]
    kind: str | None = None  # "demonym", "feature", "region", "unknown"; None for a plain name


_NAME = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_NAMES = rf"{_NAME}(?:\s{_NAME}){{0,2}}"

# Heads that make the capitalised words before them a natural feature, a structure or an area.
_FEATURE_HEADS = (
    "Peninsula|Valley|Sea|Ocean|River|Mountains|Mountain|Hills|Lake|Gulf|Bay|Strait|Straits|Island|"
    "Islands|Isles|Desert|Basin|Coast|Plateau|Delta|Canal|Channel|Highlands|Plain|Plains|Forest|"
    "Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Square|Bridge|Airport|Park|Harbour|Harbor|Heights|"
    "Beach|Falls|Dam|Pass|Corridor|Strip|Range|Glacier|Canyon|Reservoir|Creek|Highway|Freeway|"
    "Parkway|Lane|Drive|Place|Station|Port|Base|Airbase|Air Base|Naval Base|Square|Quarter|Mall|"
    "Stadium|Arena|Center|Centre|Hospital|Church|Cathedral|Mosque|Temple|Palace|Castle|Tower|"
    "Marina|Pier|Terminal|Wharf|Crossing|Checkpoint|Border|Frontier"
)
_AREA_HEADS = (
    "County|Province|Region|District|Prefecture|Oblast|Governorate|State|Territory|Municipality|"
    "Parish|Borough|Township|Canton|Emirate|Krai"
)
_LOWER_HEADS = (
    "province|region|district|county|governorate|prefecture|oblast|state|border|frontier|valley|"
    "peninsula|coast|area|city|town|village|municipality|enclave|region's|basin|delta|island|islands|"
    "suburb|neighbourhood|neighborhood|township|borough|canton|department|territory"
)
_FEATURE_AFTER = re.compile(rf"\b({_NAMES})\s(?:({_FEATURE_HEADS})|({_AREA_HEADS})|({_LOWER_HEADS}))\b")
_FEATURE_BEFORE = re.compile(
    rf"\b(?:Lake|Mount|Mt\.?|Gulf of|Sea of|Strait of|Straits of|Bay of|Isle of|Isles of|Cape|Fort|"
    rf"Port|Camp|Lake|Sierra|Cerro|Monte|Wadi|Jebel|Jabal|Tel|Kafr)\s{_NAME}(?:\s{_NAME})?"
)
_AFTER_CUE = re.compile(
    rf"\b(?:in|near|outside|around|across|nearby|the (?:town|city|village|port|capital|region|province|"
    rf"district|state|county|island|suburb|settlement|border town|enclave|area) of)\s(?:the\s)?({_NAMES})"
)
_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+){0,3})(?=[ \t]*(?:,|\(|—|–|-|:))")

# Capitalised words that follow "in" or lead a dateline without naming a place.
_NOT_PLACES = word_set(
    """
    The A An This That These Those His Her Their Its Our My Your It He She They We I You Some
    Many January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter Ramadan Eid Lent
    Parliament Congress Senate House Court Council Cabinet Government Assembly Commons Lords
    English French German Spanish Arabic Russian Chinese Latin Greek Hebrew Persian Turkish
    Italian God Christ Islam Christianity Judaism Buddhism Hinduism Heaven Hell Jesus Allah
    Internet Twitter Facebook Instagram YouTube Google Apple Microsoft Amazon Netflix Office
    Department Ministry Agency Committee Commission Party Group Company Bank Fund Club Team
    University College School Institute Academy Hospital Museum Theatre Theater Gallery Library
    Act Bill Law Article Section Chapter Part Volume Page Figure Table Phase Stage Round Game
    Week Season Series Cup League Championship Olympics Games Final Finals World Open Tour Prize
    Awards Q1 Q2 Q3 Q4 AM PM BC AD UTC GMT CEO CFO UN EU NATO BBC CNN AP AFP USA Mr Mrs Ms Dr
    Prof President Prime Minister Secretary General Senator Governor Mayor King Queen Chapter
    Update UPDATE BREAKING EXCLUSIVE WATCH LIVE VIDEO PHOTOS ANALYSIS OPINION EDITORIAL Court
    Federal National International Royal Supreme High Grand Democrat Democrats Republican
    Republicans Labour Conservative Tory Tories Liberal Green Greens Communist Socialist
    Advertisement Related Reuters Photo Image Getty Islamic
    """
)

_TITLES = (
    r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|President|Senator|Sen|Rep|Gov|Governor|Minister|Secretary|"
    r"Chancellor|Judge|Justice|General|Gen|Col|Colonel|Lt|Capt|Captain|Sgt|Major|Admiral|Adm|Gov|"
    r"King|Queen|Prince|Princess|Pope|Sheikh|Imam|Rabbi|Father|Rev|Reverend|Lord|Lady|Sir|Dame|"
    r"Coach|Officer|Detective|Commissioner|Ambassador|Mayor|Chief|Spokesman|Spokeswoman|Director)"
)
_TITLE_BEFORE = re.compile(rf"\b{_TITLES}\.?\s+(?:[A-Z][\w'’\-]*\s+)?$")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][a-z'’]+)\s$")
_CAPITALISED_AFTER = re.compile(r"\s([A-Z][a-z]+)\b")
_SURNAME_CUES = (
    re.compile(rf"\b{_TITLES}\.?\s+(?:[A-Z][a-z]+\s+)?([A-Z][a-z]+)\b"),
    re.compile(
        r"\b([A-Z][a-z]+)\s([A-Z][a-z]+)\s(?:said|says|told|added|wrote|tweeted|"
        r"argued|noted|explained|stated|announced|insisted|warned)\b"
    ),
)

# Capitalised words that may stand right before a place name without making it part of a person's
# or an organisation's name ("Central London", "In Paris", "Greater Manchester").
_PRECEDERS = word_set(
    """
    North South East West Northern Southern Eastern Western Central Greater Downtown Metro
    Upstate Inner Outer Old New Mid Lower Upper Northeast Northwest Southeast Southwest
    Northeastern Northwestern Southeastern Southwestern Rural Suburban Coastal Occupied Mainland
    Metropolitan In From The But And When As At On For Across Outside Near Like Both While After
    Before Since Unlike Including Visit Of To By With Into Throughout Within Around Between
    Beyond Over Under Also Even Only Then Now Where Here There Meanwhile Yesterday Today
    Tomorrow Elsewhere If Although Though Because During Until Against Via Per Than Neither
    Either Nor Or Not Every Each All Most Many Some Several Such Last Next First This That These
    Those Why How What Which Who Whom Pro Anti Post Pre Trans Pan Ex
    """
)


def context_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Places found from their context: features, areas, "in X", "the town of X", datelines."""
    found: list[Mention] = []
    for match in _FEATURE_AFTER.finditer(text):
        name_start, name = _strip_leading(match.start(1), match.group(1))
        if name is None:
            continue
        head_upper, head_area, head_lower = match.group(2), match.group(3), match.group(4)
        if head_lower and (name in gazetteer.names or name in gazetteer.demonyms):
            continue  # "the Syrian border", "Idlib province": the known name stands by itself
        candidates = _admin_candidates(gazetteer, name) if (head_area or head_lower) else ()
        kind = (
            "feature" if head_upper or head_lower in ("border", "frontier", "valley", "coast") else "region"
        )
        found.append(Mention(name_start, match.end(), text[name_start : match.end()], candidates, kind))
    for match in _FEATURE_BEFORE.finditer(text):
        key = match.group(0)
        found.append(Mention(match.start(), match.end(), key, gazetteer.lookup(key), "feature"))
    for match in _AFTER_CUE.finditer(text):
        start, name = _strip_leading(match.start(1), match.group(1))
        if name is None or name in gazetteer.demonyms:
            continue
        name, end = _trim_trailing(name, start)
        if name is None:
            continue
        found.append(
            Mention(start, end, name, gazetteer.lookup(name), None if name in gazetteer.names else "unknown")
        )
    for match in _DATELINE.finditer(text):
        raw = match.group(1).rstrip(".-'’")
        if len(raw) < 3 or raw in _NOT_PLACES:
            continue
        key = raw.title()
        candidates = gazetteer.lookup(key) or gazetteer.lookup(raw)
        found.append(
            Mention(
                match.start(1), match.start(1) + len(raw), key, candidates, None if candidates else "unknown"
            )
        )
    return found


def _strip_leading(start: int, name: str) -> tuple[int, str | None]:
    words = name.split(" ")
    while words and words[0] in _NOT_PLACES:
        start += len(words[0]) + 1
        words.pop(0)
    if not words or any(w in _NOT_PLACES for w in words):
        return start, None
    return start, " ".join(words)


def _trim_trailing(name: str, start: int) -> tuple[str | None, int]:
    # "in Halvik Mayor ..." -> stop at a title; possessives stay outside the name.
    words = name.split(" ")
    for i, word in enumerate(words):
        if re.fullmatch(_TITLES, word):
            words = words[:i]
            break
    if not words:
        return None, start
    cleaned = " ".join(words)
    for suffix in ("'s", "’s"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    return cleaned, start + len(cleaned)


def _admin_candidates(gazetteer: Gazetteer, name: str) -> tuple[GazetteerEntry, ...]:
    entries = gazetteer.lookup(name)
    admins = tuple(e for e in entries if e.kind == ADMIN1)
    return admins or tuple(e for e in entries if e.kind == CITY)


def is_person_context(text: str, start: int, end: int, *, first_name: bool) -> bool:
    """Whether a capitalised name at ``text[start:end]`` is part of a person's name."""
    before = text[max(0, start - 40) : start]
    if _TITLE_BEFORE.search(before):
        return True
    previous = _CAPITALISED_BEFORE.search(before)
    if (
        previous
        and previous.group(1) not in _PRECEDERS
        and not _sentence_start(text, start - len(previous.group(0)))
    ):
        gazetteer = load_gazetteer()
        word = previous.group(1)
        if word not in gazetteer.names and word not in gazetteer.demonyms:
            return True
    if first_name:
        after = _CAPITALISED_AFTER.match(text, end)
        if after and after.group(1) not in _PLACE_FOLLOWERS:
            return True
    return False


_PLACE_FOLLOWERS = word_set(
    """
    City County State Province Region District Street Avenue Road Square Bridge Airport Park
    River Valley Bay Lake Beach Harbour Harbor Heights Hills Island Islands Coast Peninsula
    Mountains Township Borough Police Fire Council Metro International Int University Airport
    Station Centre Center Regional Capital Bulletin Post Times Herald Tribune Star Journal
    Gazette Chronicle
    """
)


def _sentence_start(text: str, position: int) -> bool:
    head = text[max(0, position - 3) : position].rstrip(" \"'“‘(")
    return not head or head[-1] in ".!?\n:;"


def surnames_in(text: str) -> set[str]:
    """Words the article uses as people's surnames ("Mr Lincoln", "Jane Clinton said")."""
    gazetteer = load_gazetteer()
    names: set[str] = set()
    for match in _SURNAME_CUES[0].finditer(text):
        names.add(match.group(1))
    for match in _SURNAME_CUES[1].finditer(text):
        first, last = match.group(1), match.group(2)
        if first in _PRECEDERS or first in gazetteer.names or first in gazetteer.demonyms:
            continue
        names.add(last)
    return names


def capital_ids() -> frozenset[int]:
    """GeoNames ids of the cities that are their country's capital."""
    return load_gazetteer().capitals

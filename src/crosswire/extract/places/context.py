"""Context rules for places: names that only their surroundings show to be places, and names that
their surroundings show to be people.

Hand-written because the cues are lexical ("in X", "the town of X", "X Peninsula", "Mr X") and a
parser would cost far more than the per-article budget of the default pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crosswire.extract.places.gazetteer import ADMIN1, CITY, Gazetteer, GazetteerEntry, load_gazetteer
from crosswire.text.document import Document
from crosswire.text.words import word_set

__all__ = ["Mention", "capital_ids", "context_places", "is_person_context"]


@dataclass(slots=True)
class Mention:
    """A candidate place mention before resolution."""

    start: int
    end: int
    key: str
    candidates: tuple[GazetteerEntry, ...]
    kind: str | None = None  # "demonym", "feature", "region", "unknown"; None for a plain name
    settled: bool = False  # context says outright that it is a place ("the town of X", a dateline)


_NAME = r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"

# Heads that make the capitalised words before them a natural feature, a structure or an area.
_FEATURE_HEADS = word_set(
    """
    Peninsula Valley Sea Ocean River Mountains Mountain Hills Lake Gulf Bay Strait Straits Island
    Islands Isles Desert Basin Coast Plateau Delta Canal Channel Highlands Plain Plains Forest
    Street St St. Avenue Ave Ave. Road Rd Rd. Boulevard Blvd Square Bridge Airport Park Harbour Harbor Heights
    Beach Falls Dam Pass Corridor Strip Range Glacier Canyon Reservoir Creek Highway Freeway
    Parkway Lane Drive Place Station Port Base Airbase Quarter Mall Stadium Arena Center Centre
    Hospital Church Cathedral Mosque Temple Palace Castle Tower Marina Pier Terminal Wharf Crossing
    Checkpoint Border Frontier
    """
)
_AREA_HEADS = word_set(
    """
    County Province Region District Prefecture Oblast Governorate State Territory Municipality
    Parish Borough Township Canton Emirate Krai
    """
)
_ALL_HEADS = _FEATURE_HEADS | _AREA_HEADS
_LOWER_HEAD = re.compile(
    r"\s(province|region|district|county|governorate|prefecture|oblast|state|border|frontier|valley|"
    r"peninsula|coast|area|city|town|village|municipality|enclave|region's|basin|delta|island|islands|"
    r"suburb|neighbourhood|neighborhood|township|borough|canton|department|territory)\b"
)
# The first two letters of those heads: a cheap test that spares most runs the regular expression.
_LOWER_HEAD_STARTS = frozenset(word[:2] for word in _LOWER_HEAD.pattern[4:].split(")")[0].split("|"))
_FEATURE_BEFORE = re.compile(
    rf"(?:Lake|Mount|Mt\.?|Gulf of|Sea of|Strait of|Straits of|Bay of|Isle of|Isles of|Cape|Fort|"
    rf"Port|Camp|Sierra|Cerro|Monte|Wadi|Jebel|Jabal|Tel|Kafr)\s{_NAME}(?:\s{_NAME})?"
)
_CUE_WORDS = word_set("in near outside around across nearby")
# A run is read by _after_cue only when the text before it ends with one of these.
_CUE_TAILS = (*_CUE_WORDS, "the", "of")
_OF_CUES = frozenset(
    [
        "town",
        "city",
        "village",
        "port",
        "capital",
        "region",
        "province",
        "district",
        "state",
        "county",
        "island",
        "suburb",
        "settlement",
        "enclave",
        "area",
    ]
)
# A dateline at the start of a line: the first line is matched on its own, the others after their
# "\n" (a literal first character the scan finds fast, where "(?m)^" is tried at every position).
_DATELINE_BODY = r"[ \t]*([A-Z][A-Z'’.\-]+(?:[ ][A-Z][A-Z'’.\-]+){0,3})(?=[ \t]*(?:,|\(|—|–|-|:))"
_DATELINE_FIRST = re.compile(_DATELINE_BODY)
_DATELINE = re.compile("\n" + _DATELINE_BODY)
_LOWER_NAME = re.compile(r"[A-Z][a-z]+")
_SAID_VERBS = ("said", "says", "told", "added", "wrote", "tweeted", "argued", "noted", "explained", "stated",
               "announced", "insisted", "warned")  # fmt: skip
_SAID = re.compile(rf" (?:{'|'.join(_SAID_VERBS)})\b")
_SAID_TAILS = tuple(" " + verb for verb in _SAID_VERBS)  # every match of _SAID is one of these

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
_TITLE_WORDS = frozenset(_TITLES[3:-1].split("|")) | {t + "." for t in _TITLES[3:-1].split("|")}
_TITLES_AND_HEADS = _TITLE_WORDS | _ALL_HEADS
_TITLE_BEFORE = re.compile(rf"\b{_TITLES}\.?\s+(?:[A-Z][\w'’\-]*\s+)?$")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][a-z'’]+)\s$")
_CAPITALISED_AFTER = re.compile(r"\s([A-Z][a-z]+)\b")
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


def context_places(doc: Document, gazetteer: Gazetteer) -> tuple[list[Mention], set[str], set[str]]:
    """Places found from their context, the words the article uses as surnames, and the single
    capitalised words it puts right before or after "said".

    Places: features and areas ("the Karsk Peninsula", "Karsk province"), "in X", "the town of X",
    datelines. Surnames: the last name after a title ("Mr Lincoln", "President Aurel Maszek") or
    before "said" ("Jane Clinton said").
    """
    text = doc.text
    found: list[Mention] = []
    surnames: set[str] = set()
    said_alone: set[str] = set()
    for start, end, words in doc.capitalised_runs:
        # " said" right after the run; for a single word also "said" (and one character) before it.
        said_after = text.startswith(_SAID_TAILS, end) and _SAID.match(text, end) is not None
        if len(words) == 1:
            # The character before a run is never a word character, so "\b" after the verb holds.
            if said_after or (start and text.endswith(_SAID_TAILS, 0, start - 1)):
                said_alone.add(words[0])  # "Allen said", "said Allen": a person unless a big place
        elif said_after:
            first, last = words[-2], words[-1]
            if (
                _LOWER_NAME.fullmatch(first)
                and _LOWER_NAME.fullmatch(last)
                and first not in _PRECEDERS
                and first not in gazetteer.names
                and first not in gazetteer.demonyms
            ):
                surnames.add(last)
        headed = False  # most runs hold no title and no head word: one test spares them both
        if not _TITLES_AND_HEADS.isdisjoint(words):
            if not _TITLE_WORDS.isdisjoint(words):
                _title_surname(words, surnames)
            headed = not _ALL_HEADS.isdisjoint(words)
        if headed or (text[end + 1 : end + 3] in _LOWER_HEAD_STARTS and _LOWER_HEAD.match(text, end)):
            _features(text, start, words, gazetteer, found)
        if start > 2 and text[start - 1] == " " and text.endswith(_CUE_TAILS, 0, start - 1):
            _after_cue(text, start, words, gazetteer, found)
    for match in _FEATURE_BEFORE.finditer(text):
        if match.start() and text[match.start() - 1].isalnum():
            continue
        key = match.group(0)
        found.append(Mention(match.start(), match.end(), key, gazetteer.lookup(key), "feature"))
    first_line = _DATELINE_FIRST.match(text)
    for match in ([first_line] if first_line else []) + list(_DATELINE.finditer(text)):
        raw = match.group(1).rstrip(".-'’")
        if len(raw) < 3 or raw in _NOT_PLACES:
            continue
        key = raw.title()
        candidates = gazetteer.lookup(key) or gazetteer.lookup(raw)
        found.append(
            Mention(match.start(1), match.start(1) + len(raw), key, candidates, None if candidates else "unknown", True)
        )
    return found, surnames, said_alone


def _title_surname(words: list[str], surnames: set[str]) -> None:
    # "Mr Lincoln", "President Aurel Maszek": the name after a title (its second word if two).
    for i, word in enumerate(words[:-1]):
        if word in _TITLE_WORDS:
            rest = words[i + 1 : i + 3]
            name = rest[1] if len(rest) > 1 and _LOWER_NAME.fullmatch(rest[0]) else rest[0]
            if _LOWER_NAME.fullmatch(name):
                surnames.add(name)
            return


def _features(text: str, start: int, words: list[str], gazetteer: Gazetteer, found: list[Mention]) -> None:
    """A feature or area named by its head: "Baker Street", "Karsk Province", "Karsk province"."""
    head = len(words) - 1
    while head > 0 and words[head] not in _FEATURE_HEADS and words[head] not in _AREA_HEADS:
        head -= 1
    lower = None
    if head == 0:
        after = _LOWER_HEAD.match(text, start + len(" ".join(words)))
        if after is None:
            return
        lower = after.group(1)
        head = len(words)
    first = max(0, head - 3)
    name_start = start + sum(len(w) + 1 for w in words[:first])
    name_start, name = _strip_leading(name_start, " ".join(words[first:head]))
    if name is None:
        return
    if lower is not None:
        if name in gazetteer.names or name in gazetteer.demonyms:
            return  # "the Syrian border", "Idlib province": the known name stands by itself
        end = name_start + len(name) + 1 + len(lower)
        candidates = _admin_candidates(gazetteer, name)
        kind = "feature" if lower in ("border", "frontier", "valley", "coast") else "region"
    else:
        end = name_start + len(name) + 1 + len(words[head])
        area = words[head] in _AREA_HEADS
        candidates = _admin_candidates(gazetteer, name) if area else ()
        kind = "region" if area else "feature"
    found.append(Mention(name_start, end, text[name_start:end], candidates, kind))


def _after_cue(text: str, start: int, words: list[str], gazetteer: Gazetteer, found: list[Mention]) -> None:
    """A name after "in", "near", "outside", "the town of", ... is a place."""
    if start < 3 or text[start - 1] != " ":
        return
    cut = text.rfind(" ", max(0, start - 12), start - 1)
    previous = text[cut + 1 : start - 1]
    if previous == "the":
        start_of_the = cut
        cut = text.rfind(" ", max(0, cut - 12), cut)
        previous = text[cut + 1 : start_of_the]
    settled = previous == "of"
    if previous not in _CUE_WORDS:
        if previous != "of":
            return
        words_before = text[max(0, cut - 25) : cut].split()[-2:]
        if len(words_before) < 2 or words_before[1] not in _OF_CUES or words_before[0] not in ("the", "border"):
            return
    # Leading words that never name a place are dropped; the name stops at a title ("in Halvik Mayor
    # ..."); a possessive stays outside it.
    name_start = start
    rest = words[:3]
    while rest and rest[0] in _NOT_PLACES:
        name_start += len(rest[0]) + 1
        rest = rest[1:]
    if not rest or not _NOT_PLACES.isdisjoint(rest) or " ".join(rest) in gazetteer.demonyms:
        return
    if not _TITLE_WORDS.isdisjoint(rest):
        rest = rest[: next(i for i, word in enumerate(rest) if word in _TITLE_WORDS)]
        if not rest:
            return
    name = " ".join(rest)
    for suffix in ("'s", "’s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    kind = None if name in gazetteer.names else "unknown"
    found.append(Mention(name_start, name_start + len(name), name, gazetteer.lookup(name), kind, settled))


def _strip_leading(start: int, name: str) -> tuple[int, str | None]:
    words = name.split(" ")
    while words and words[0] in _NOT_PLACES:
        start += len(words[0]) + 1
        words.pop(0)
    if not words or any(w in _NOT_PLACES for w in words):
        return start, None
    return start, " ".join(words)


def _admin_candidates(gazetteer: Gazetteer, name: str) -> tuple[GazetteerEntry, ...]:
    entries = gazetteer.lookup(name)
    admins = tuple(e for e in entries if e.kind == ADMIN1)
    return admins or tuple(e for e in entries if e.kind == CITY)


def is_person_context(doc: Document, start: int, end: int, *, first_name: bool) -> bool:
    """Whether a capitalised name at ``doc.text[start:end]`` is part of a person's name."""
    text = doc.text
    before = text[max(0, start - 40) : start]
    if _TITLE_BEFORE.search(before):
        return True
    previous = _CAPITALISED_BEFORE.search(before)
    if previous and previous.group(1) not in _PRECEDERS and not _opens_clause(doc, start - len(previous.group(0))):
        gazetteer = load_gazetteer()
        word = previous.group(1)
        if word not in gazetteer.names and word not in gazetteer.demonyms:
            return True
    if first_name:
        # "Paris Hilton", "Mary Fallin": a given name that is also a place, before a surname.
        after = _CAPITALISED_AFTER.match(text, end)
        if after and after.group(1) not in _PLACE_FOLLOWERS and after.group(1) not in load_gazetteer().names:
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


def _opens_clause(doc: Document, position: int) -> bool:
    """Whether the word at ``position`` opens a sentence (the document's), a line or a clause after ":" or ";"."""
    text = doc.text
    head = text[max(0, position - 3) : position].rstrip(" \"'“‘(")
    if head and head[-1] in "\n:;":
        return True
    return not text[doc.sentence_start(position) : position].strip(" \"'“‘(")


def capital_ids() -> frozenset[int]:
    """GeoNames ids of the cities that are their country's capital."""
    return load_gazetteer().capitals

"""Entities: people, organisations, countries and places, nationalities, media and weapons.

Labels follow OntoNotes where it has one: ``PERSON``, ``ORG``, ``GPE`` (countries, states and
cities as political entities), ``NORP`` (nationalities: "Varnian", "Syrians"); plus ``MEDIA``
(outlets and news agencies) and ``WEAPON`` (weapons and military equipment).

The work is done by a :class:`Recogniser`. The default, :class:`RuleRecogniser`, needs no model: it
reads capitalised sequences and classifies them with title, organisation and media lexicons and the
gazetteer of :mod:`crosswire.extract.places.gazetteer`; weapons come from a lexicon and model-designator patterns
("KN-25", "Iskander-type missiles"). A model-based recogniser can replace it through
:func:`use_recogniser` without changing any caller.

Hand-written because the default pipeline must run without a model download; see
``docs/extractors/entities.md``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from crosswire.extract.component import Extractor, Found
from crosswire.extract.entities.lexicons import (
    CONNECTORS,
    FIRST_NAMES,
    MEDIA_NAMES,
    MEDIA_WORDS,
    NOT_NAMES,
    NOT_NORP,
    ORG_ACRONYMS,
    ORG_WORDS,
    TITLE_HEADS,
    TITLE_WORDS,
    WEAPON_HEADS,
    WEAPON_MODIFIERS,
    WEAPON_NAMES,
    WEAPON_NAMES_BEFORE_HEAD,
    WEAPON_SPECIFIC,
)
from crosswire.extract.places.extractor import Place
from crosswire.extract.places.gazetteer import load_gazetteer
from crosswire.model import Article
from crosswire.text.document import Document

__all__ = [
    "ENTITIES",
    "LABELS",
    "Entity",
    "Recogniser",
    "RuleRecogniser",
    "current_recogniser",
    "extract_entities",
    "use_recogniser",
]

log = logging.getLogger(__name__)

LABELS = ("PERSON", "ORG", "GPE", "NORP", "MEDIA", "WEAPON")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing mentioned in an article: its span, its label, and a person's title or role."""

    start: int
    end: int
    text: str
    label: str
    title: str | None = None
    role: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "title": self.title,
            "role": self.role,
        }


class Recogniser(Protocol):
    """Anything that finds entities in an article's document, given the places found in it."""

    def recognise(self, doc: Document, places: Sequence[Place]) -> list[Entity]: ...


# ---- patterns ---------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"(?:Mc|Mac|O['’]|D['’])?[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]\.")
_DESIGNATOR = re.compile(
    r"(?:(?!G-)[A-Z]{1,3}-\d{2,4}|(?:MiG|Su|Tu|Mi|Ka|Yak|Il|Hwasong|Pukguksong|Fateh|Shahed)-\d{1,4})[A-Z]{0,2}s?"
)
_NATIONALITY = re.compile(r"[A-Z][a-z]{2,}(?:ian|ean|ese)s?")
_NATIONALITY_ENDINGS = ("ian", "ean", "ese", "ians", "eans", "eses")
_ACRONYM_AFTER = re.compile(r"\s?\(([A-Z][A-Za-z]{1,7})\)")
_SAID_AFTER = re.compile(r",?\s(?:said|says|told|added|wrote|warned|announced|argued|insisted|stated|explained)\b")
_AGE_AFTER = re.compile(r",\s\d{1,3},")
_ROLE_AFTER = re.compile(r",\s((?:the\s|a\s|an\s)?[a-z][\w'’ -]{2,60}?(?:\s(?:of|for|at)\s[^,.;]{2,60})?),")
_ROLE_HEADS = re.compile(
    r"\b(?:minister|president|spokes(?:man|woman|person)|secretary|director|chief|head|leader|"
    r"general|commander|analyst|researcher|professor|official|ambassador|envoy|governor|mayor|"
    r"chairman|chairwoman|editor|correspondent|adviser|advisor|officer|lawmaker|senator|member|"
    r"founder|owner|executive|manager|coach|lawyer|economist|scientist|author)\b"
)
_LOWER_ROLE_BEFORE = re.compile(
    r"(?:leader|spokes(?:man|woman|person)|minister|secretary|chief|chairman|chairwoman|director|"
    r"analyst|economist|professor|governor|mayor|president|boss|coach|manager|striker|lawyer|"
    r"executive|founder|head|colleague|rival|senator|MP|candidate|singer|actor|actress|author) $"
)
_STATE_MEDIA = re.compile(
    r"[Ss]tate(?:-run|-controlled|-owned)?\s(?:media|television|TV|radio|news agency|broadcaster|press)\b"
)
# Weapon head words as they stand in the text's whitespace-split tokens, punctuation included.
_HEAD_TOKENS = {
    head + mark: head
    for head in WEAPON_HEADS | WEAPON_SPECIFIC
    for mark in ("", ",", ".", ";", ":", ")", "'", "’", '"', "”", "!", "?")
}
_HEAD_TOKEN_SET = frozenset(_HEAD_TOKENS)
_WORD_AT = re.compile(r"[\w-]+")


class RuleRecogniser:
    """The default recogniser: capitalised runs read with lexicons, plus the places found before."""

    def recognise(self, doc: Document, places: Sequence[Place]) -> list[Entity]:
        text = doc.text
        place_spans = {(p.start, p.end) for p in places}
        found = _place_entities(places)
        learned: dict[str, str] = {}  # a name or acronym -> label, for its bare mentions
        pending: list[tuple[int, str]] = []  # single words labelled only if the article defines them
        said = _SaidNames(text)
        for start, words in _segments(doc):
            _classify(text, start, words, place_spans, learned, pending, found, said)
        for start, word in pending:
            label = learned.get(word)
            if label is not None:
                found.append(Entity(start, start + len(word), word, label, None, None))
        found.extend(_state_media(text))
        found.extend(_weapons(text))
        return _resolve_overlaps(text, found)


def _state_media(text: str) -> list[Entity]:
    """ "state media", "state-run television": the pattern is tried only where "tate" stands."""
    found: list[Entity] = []
    resume = 0
    position = text.find("tate", 1)
    while position >= 0:
        if position - 1 >= resume:
            match = _STATE_MEDIA.match(text, position - 1)
            if match is not None:
                found.append(Entity(match.start(), match.end(), match.group(0), "MEDIA"))
                resume = match.end()
        position = text.find("tate", position + 1)
    return found


_PLACE_LABELS = {
    "country": "GPE", "admin1": "GPE", "admin2": "GPE", "city": "GPE", "unknown": "GPE", "demonym": "NORP",
}  # fmt: skip


def _place_entities(places: Sequence[Place]) -> list[Entity]:
    """Countries, states, cities and towns (GPE) and nationalities (NORP) from the places extractor."""
    found = []
    for place in places:
        label = _PLACE_LABELS.get(place.kind)
        if label is not None:
            found.append(Entity(place.start, place.end, place.text, label, None, None))
    return found


_LONGEST_CONNECTOR = max(map(len, CONNECTORS))  # a longer gap between runs is never a connector


def _segments(doc: Document) -> list[tuple[int, list[str]]]:
    """Capitalised runs, joined across "of"/"for" after an organisation word ("Bank of England")."""
    text = doc.text
    joined: list[tuple[int, list[str]]] = []
    last_end = -1
    for start, end, words in doc.capitalised_runs:
        if joined and start - last_end <= _LONGEST_CONNECTOR and text[last_end:start] in CONNECTORS:
            last_start, last_words = joined[-1]
            if last_words[-1] in ORG_WORDS:  # "Bank of England", "Institute for Strategic Balance"
                joined[-1] = (last_start, [*last_words, *text[last_end:start].split(), *words])
                last_end = end
                continue
        joined.append((start, words))
        last_end = end
    return joined


def _classify(
    text: str,
    start: int,
    words: list[str],
    place_spans: set[tuple[int, int]],
    learned: dict[str, str],
    pending: list[tuple[int, str]],
    found: list[Entity],
    said: _SaidNames,
) -> None:
    while words and words[0] in NOT_NAMES:
        start += len(words[0]) + 1
        words = words[1:]
    if not words:
        return
    if words[-1].endswith(("'s", "’s")):
        words = [*words[:-1], words[-1][:-2]]
    if not words[-1]:
        return
    name = " ".join(words)
    end = start + len(name)
    if (start, end) in place_spans:
        return
    person = None if TITLE_HEADS.isdisjoint(words) else _titled_person(text, start, words, learned)
    if person is not None:
        found.append(person)
        return
    label = learned.get(name) or _media_by_context(text, start, end) or _label(text, start, end, name, words, said)
    if label is None:
        if len(words) == 1:
            pending.append((start, name))
        return
    learned[name] = label
    if label in ("ORG", "MEDIA"):
        acronym = _ACRONYM_AFTER.match(text, end)
        if acronym:
            learned[acronym.group(1)] = label
    role = None
    if label == "PERSON":
        learned[words[-1]] = "PERSON"
        role = _role(text, end)
    found.append(Entity(start, end, name, label, None, role))


def _media_by_context(text: str, start: int, end: int) -> str | None:
    """ "the newspaper Rodong Sinmun", "Minju Choson, the ruling party's newspaper,": a medium by
    what the text calls it, whatever its name looks like."""
    if _MEDIA_NOUN_BEFORE.search(text, max(0, start - 16), start) or _MEDIA_NOUN_AFTER.match(text, end):
        return "MEDIA"
    return None


_MEDIA_NOUNS = r"(?:newspaper|news\s+agency|daily|tabloid|broadcaster|magazine|weekly|mouthpiece|news\s+outlet)"
_MEDIA_NOUN_BEFORE = re.compile(_MEDIA_NOUNS + r"\s$")
_MEDIA_NOUN_AFTER = re.compile(r",\s+(?:the|a|an|its)\s+(?:[\w'’-]+\s+){0,5}?" + _MEDIA_NOUNS + r"\b")


def _titled_person(text: str, start: int, words: list[str], learned: dict[str, str]) -> Entity | None:
    """ "Defence Minister Karl Vogt", "Dr. Tomas Rieger", "Bank of England Governor Jane Doe"."""
    head = len(words) - 2
    while head >= 0 and words[head] not in TITLE_HEADS:
        head -= 1
    if head < 0:
        return None
    rest = words[head + 1 :]
    if len(rest) > 4 or not all(_NAME_WORD.fullmatch(w) for w in rest) or ORG_WORDS.intersection(rest):
        return None
    title = " ".join(words[: head + 1])
    person_start = start + len(title) + 1
    person = " ".join(rest)
    learned[person] = learned[rest[-1]] = "PERSON"
    end = person_start + len(person)
    return Entity(person_start, end, person, "PERSON", title, _role(text, end))


def _label(text: str, start: int, end: int, name: str, words: list[str], said: _SaidNames) -> str | None:
    label = _name_label(name)
    if label == _PERSON_IF_EVIDENCE:
        return "PERSON" if _person_evidence(text, start, end, words, said) else None
    if label == _NORP_IF_ADJECTIVE:
        return "NORP" if text[end : end + 2].strip()[:1].islower() else None
    return label


_NORP_IF_ADJECTIVE = "NORP if an adjective"  # a nationality word: NORP when a lower-case word follows
_PERSON_IF_EVIDENCE = "PERSON if evidence"  # two to four name words: a person when the text says so


@lru_cache(maxsize=1 << 16)
def _name_label(name: str) -> str | None:
    """The label of a name (its words joined by single spaces) as far as the name alone tells, or one
    of the two markers above when the text around it decides."""
    words = name.split(" ")
    last = words[-1]
    if name in MEDIA_NAMES or name.endswith(("News Agency", "News Service")):
        return "MEDIA"
    if len(words) > 1 and last in MEDIA_WORDS and words[0] not in FIRST_NAMES:
        return "MEDIA"
    if name in ORG_ACRONYMS or (len(words) > 1 and ORG_WORDS.intersection(words)):
        return "ORG"
    if len(words) == 1:
        # Every designator holds a hyphen; every nationality of this shape ends so (cheap tests first).
        if name in WEAPON_NAMES or ("-" in name and _DESIGNATOR.fullmatch(name)):
            return "WEAPON"
        if name.endswith(_NATIONALITY_ENDINGS) and _NATIONALITY.fullmatch(name) and name not in NOT_NORP:
            return "NORP" if name.endswith("s") else _NORP_IF_ADJECTIVE
        return None
    gazetteer = load_gazetteer()
    first = words[0]
    if first in gazetteer.demonyms or any(
        e.kind in ("country", "admin1") or e.population >= 200_000 for e in gazetteer.lookup(first)
    ):
        # "Manchester United", "France Telecom": a place's name leading a name is an organisation.
        rest = words[1:]
        if (
            first not in FIRST_NAMES
            and all(_NAME_WORD.fullmatch(w) for w in rest)
            and not any(w in gazetteer.names or w in gazetteer.demonyms for w in rest)
        ):
            return "ORG"
        if first not in FIRST_NAMES:
            return None
    if len(words) > 4 or not all(_NAME_WORD.fullmatch(w) and w not in TITLE_WORDS for w in words):
        return None
    return _PERSON_IF_EVIDENCE


def _person_evidence(text: str, start: int, end: int, words: list[str], said: _SaidNames) -> bool:
    """Whether a two-to-four-word name is a person's: a known given name, "X said", an age or a
    role beside it, a role word before it, or its last word used alone elsewhere ("Vogt said")."""
    if words[0] in FIRST_NAMES:
        return True
    if _SAID_AFTER.match(text, end) or _AGE_AFTER.match(text, end):
        return True
    if _LOWER_ROLE_BEFORE.search(text, max(0, start - 16), start):
        return True
    if _role(text, end) is not None:
        return True
    return words[-1] in said.names()


# "Vogt said", "Vogt, said": the name is found by scanning back from the verb, which starts with a
# space and so is found fast; the name is the capital and the [a-z'’-] letters right before it.
_SAID_VERB = re.compile(r" (?:said|says|told|added|argued|insisted|warned)\b")
_NAME_TAIL_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")
_TITLED = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof)\.? ([A-Z][a-z'’-]+)")
_TITLED_STARTS = ("Mr", "Ms", "Dr", "Prof")  # every match of _TITLED starts with one of these


class _SaidNames:
    """Words an article uses alone as a person's name ("Vogt said", "Mr Vogt"), found when first asked."""

    __slots__ = ("_names", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._names: frozenset[str] | None = None

    def names(self) -> frozenset[str]:
        names = self._names
        if names is None:
            names = self._names = frozenset(_names_before_said(self.text) | _titled_names(self.text))
        return names


def _names_before_said(text: str) -> set[str]:
    """The names of ``([A-Z][a-z'’-]+),? (?:said|says|...)\\b`` in ``text``."""
    names = set()
    for match in _SAID_VERB.finditer(text):
        end = match.start()
        if end and text[end - 1] == ",":
            end -= 1
        start = end
        while start and text[start - 1] in _NAME_TAIL_LETTERS:
            start -= 1
        if start < end and start and "A" <= text[start - 1] <= "Z":
            names.add(text[start - 1 : end])
    return names


def _titled_names(text: str) -> set[str]:
    """The names of ``_TITLED.finditer(text)``, trying the pattern only where a title starts."""
    starts = []
    for title in _TITLED_STARTS:
        position = text.find(title)
        while position >= 0:
            starts.append(position)
            position = text.find(title, position + 1)
    names = set()
    resume = 0
    for position in sorted(starts):
        if position >= resume:
            match = _TITLED.match(text, position)
            if match is not None:
                names.add(match.group(1))
                resume = match.end()
    return names


def _role(text: str, end: int) -> str | None:
    match = _ROLE_AFTER.match(text, end)
    if match and _ROLE_HEADS.search(match.group(1)):
        return match.group(1)
    return None


def _weapons(text: str) -> list[Entity]:
    """Weapons named by type or system: "multiple rocket launchers", "S-400 systems", "howitzers".

    A bare generic word ("missiles", "drones", "tanks") is not labelled: it names a category, not a
    weapon the article can be checked against.
    """
    found: list[Entity] = []
    seen: set[int] = set()
    heads = {_HEAD_TOKENS[token] for token in _HEAD_TOKEN_SET.intersection(text.split())}
    for head in heads:
        position = text.find(head)
        while position >= 0:
            entity = _weapon_at(text, position)
            if entity is not None and entity.end not in seen:
                seen.add(entity.end)
                found.append(entity)
            position = text.find(head, position + len(head))
    return found


def _weapon_at(text: str, position: int) -> Entity | None:
    if position and (text[position - 1].isalnum() or text[position - 1] == "-"):
        return None
    match = _WORD_AT.match(text, position)
    if match is None or (match.group() not in WEAPON_HEADS and match.group() not in WEAPON_SPECIFIC):
        return None
    head, end = match.group(), match.end()
    following = _WORD_AT.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is not None and following.group() in WEAPON_HEADS:
        return None  # "missile launchers": this word modifies the next
    start = position
    qualified = False
    for _ in range(3):
        cut = text.rfind(" ", max(0, start - 30), start - 1)
        if start < 2 or text[start - 1] != " ":
            break
        previous = text[cut + 1 : start - 1]
        if (
            previous in WEAPON_MODIFIERS
            or previous in WEAPON_NAMES
            or previous in WEAPON_NAMES_BEFORE_HEAD
            or previous.endswith(("-type", "-class"))
            or _DESIGNATOR.fullmatch(previous)
        ):
            start, qualified = cut + 1, True
        else:
            break
    if not qualified and head not in WEAPON_SPECIFIC:
        return None
    return Entity(start, end, text[start:end], "WEAPON")


def _resolve_overlaps(text: str, found: list[Entity]) -> list[Entity]:
    """The longest of overlapping entities (the earlier one on a tie), sorted by start."""
    found.sort(key=lambda e: (e.start - e.end, e.start))
    taken: list[Entity] = []
    occupied = bytearray(len(text))
    for entity in found:
        if entity.end <= entity.start or any(occupied[entity.start : entity.end]):
            continue
        occupied[entity.start : entity.end] = b"\x01" * (entity.end - entity.start)
        taken.append(entity)
    taken.sort(key=lambda e: e.start)
    return taken


_recogniser: Recogniser = RuleRecogniser()


def use_recogniser(recogniser: Recogniser) -> Recogniser:
    """Make ``recogniser`` the one :func:`extract_entities` calls; returns the previous one."""
    global _recogniser
    previous, _recogniser = _recogniser, recogniser
    return previous


def current_recogniser() -> Recogniser:
    """The recogniser :func:`extract_entities` calls."""
    return _recogniser


def extract_entities(source: Article | Document, places: Sequence[Place]) -> list[Entity]:
    """People, organisations, places, nationalities, media and weapons named in an article (or its
    document), given the places found in it (the places extractor's findings)."""
    doc = Document.of(source)
    if not doc.text:
        return []
    return _finalise(doc.text, _recogniser.recognise(doc, places))


def _finalise(text: str, found: list[Entity]) -> list[Entity]:
    result = [e for e in found if 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text]
    result.sort(key=lambda e: (e.start, e.end))
    return result


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    return {"entities": tuple(extract_entities(doc, found["places"]))}


ENTITIES = Extractor("entities", ("places",), ("entities",), _extract)
"""The entities extractor as the extract stage runs it."""

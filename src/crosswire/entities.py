"""Entities: people, organisations, countries and places, nationalities, media and weapons.

Labels follow OntoNotes where it has one: ``PERSON``, ``ORG``, ``GPE`` (countries, states and
cities as political entities), ``NORP`` (nationalities: "Varnian", "Syrians"); plus ``MEDIA``
(outlets and news agencies) and ``WEAPON`` (weapons and military equipment).

The work is done by a :class:`Recogniser`. The default, :class:`RuleRecogniser`, needs no model: it
reads capitalised sequences and classifies them with title, organisation and media lexicons and the
gazetteer of :mod:`crosswire.gazetteer`; weapons come from a lexicon and model-designator patterns
("KN-25", "Iskander-type missiles"). A model-based recogniser can replace it through
:func:`use_recogniser` without changing any caller.

Hand-written because the default pipeline must run without a model download; see
``docs/extractors/entities.md``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Protocol

from crosswire.gazetteer import CITY, load_gazetteer
from crosswire.geodata import word_set
from crosswire.model import Article
from crosswire.places import extract_places

__all__ = [
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
    """Anything that finds entities in an article."""

    def recognise(self, article: Article) -> list[Entity]: ...


# ---- lexicons ---------------------------------------------------------------------------------

_TITLE_WORDS = word_set(
    """
    President Vice Prime Minister Secretary Chancellor Premier Governor Mayor Senator Sen. Rep.
    Representative Ambassador Envoy Spokesman Spokeswoman Spokesperson General Gen. Lieutenant Lt.
    Colonel Col. Major Maj. Captain Capt. Admiral Adm. Commander Sergeant Sgt. Marshal Brigadier
    King Queen Prince Princess Emperor Sheikh Emir Pope Cardinal Bishop Archbishop Imam Rabbi
    Father Rev. Reverend Dr. Dr Prof. Professor Mr. Mr Mrs. Mrs Ms. Ms Miss Sir Dame Lord Lady
    Judge Justice Chief Director Chairman Chairwoman Chair Commissioner Inspector Detective Officer
    Defence Defense Foreign Interior Finance Justice Health Deputy Acting Former Opposition State
    Economy Trade Energy Education Culture Labour Labor Agriculture Transport Security Army Navy
    Supreme Senior Leader Speaker Minister-President CEO Editor Analyst Professor
    """
)
# Words that can only close a title phrase ("Defence Minister", "Foreign Secretary").
_TITLE_HEADS = word_set(
    """
    President Minister Secretary Chancellor Premier Governor Mayor Senator Sen. Rep. Representative
    Ambassador Envoy Spokesman Spokeswoman Spokesperson General Gen. Lieutenant Lt. Colonel Col.
    Major Maj. Captain Capt. Admiral Adm. Commander Sergeant Sgt. Marshal Brigadier King Queen
    Prince Princess Emperor Sheikh Emir Pope Cardinal Bishop Archbishop Imam Rabbi Father Rev.
    Reverend Dr. Dr Prof. Professor Mr. Mr Mrs. Mrs Ms. Ms Miss Sir Dame Lord Lady Judge Justice
    Chief Director Chairman Chairwoman Chair Commissioner Inspector Detective Officer Leader Speaker
    CEO Editor Analyst
    """
)
_ORG_WORDS = word_set(
    """
    Ministry Agency Institute Council Party Army Command Staff Committee University Group Bank
    Corporation Corp. Company Co. Inc. Inc Ltd Ltd. LLC PLC plc Association Union Forces Force Navy
    Police Court Parliament Assembly Commission Office Department Service Services Organisation
    Organization Federation Front Movement Brigade Brigades Guard Guards Foundation Fund Board
    Authority Senate Congress Coalition Alliance Centre Center School College Hospital Academy
    Society Trust Bureau Directorate Secretariat Cabinet Government Administration Regiment
    Division Battalion Corps Fleet Airlines Airways Holdings Industries Motors Systems Technologies
    Partners Capital Investments Institution Observatory Commission Tribunal Club League Church
    Nations Network Reserve Exchange Unit Units Militia Taliban Hezbollah Hamas NATO OPEC
    """
)
_MEDIA_WORDS = word_set(
    """
    Herald Times Post Tribune Gazette Journal Daily Telegraph Guardian Chronicle Observer Independent
    Mirror Express Mail Courier Monitor Review Bulletin Dispatch Standard Star Sun Globe Inquirer
    Television TV Radio Broadcasting Broadcaster News Press Newspaper Magazine Weekly Wire Media
    Reuters Bloomberg Xinhua TASS Interfax Yonhap KCNA IRNA ANI PTI Anadolu Kyodo AFP Sputnik RIA
    BBC CNN NBC CBS ABC Fox MSNBC NPR PBS Aljazeera Jazeera Euronews Politico Axios
    """
)
_MEDIA_NAMES = word_set(
    "Reuters Bloomberg Xinhua TASS Interfax Yonhap KCNA IRNA Anadolu Kyodo AFP AP Sputnik BBC CNN NPR"
)
_NOT_NAMES = word_set(
    """
    The A An This That These Those It He She They We I You His Her Their Its Our But And Or If When
    While As At In On For From To By With After Before Since During Under Over Into Of Not No Yes
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December However Meanwhile Also Still Yet Although
    Though Because So Then Now Here There Where What Which Who Why How Some Many Most Several All
    Both Each Every Other Such Last Next First Second Third One Two Three Today Yesterday Tomorrow
    According Asked Earlier Later Officials Residents Analysts Troops Soldiers Police Critics
    """
)
_CONNECTORS = word_set("of for the and on de del da di al el bin ibn van von der le la du")
_WEAPON_TERMS = (
    "multiple rocket launchers?|rocket launchers?|ballistic missiles?|cruise missiles?|hypersonic missiles?|"
    "anti-tank missiles?|anti-aircraft missiles?|surface-to-air missiles?|air-to-air missiles?|"
    "intercontinental ballistic missiles?|ICBMs?|SLBMs?|missile launchers?|launchers|howitzers?|"
    "artillery(?: pieces| guns| shells)?|mortars?|tanks|battle tanks?|armou?red vehicles?|"
    "armou?red personnel carriers?|APCs|fighter jets?|fighter planes?|bombers?|warships?|frigates?|"
    "destroyers?|submarines?|aircraft carriers?|drones?|attack helicopters?|helicopter gunships?|"
    "air defen[cs]e systems?|missile defen[cs]e systems?|nuclear warheads?|warheads?|"
    "assault rifles?|rifles|machine guns?|grenades?|landmines?|mines|rockets|missiles|shells"
)
_WEAPON_LEXICON = re.compile(rf"\b(?:{_WEAPON_TERMS})\b")
# "KN-25", "S-400", "F-35", "MiG-29", "Su-35", "T-90A", "Iskander-M", "Iskander-type missiles".
_DESIGNATOR = re.compile(
    r"\b(?:[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]{0,2}|[A-Z][a-z]+-M)\b(?:\s(?:missiles?|rockets?|launchers?|systems?|"
    r"jets?|tanks?|drones?|interceptors?))?"
    r"|\b[A-Z][a-z]+-(?:type|class)\s(?:missiles?|rockets?|launchers?|systems?|drones?|submarines?|"
    r"destroyers?|frigates?|warships?|tanks?)\b"
    r"|\b(?:HIMARS|ATACMS|Javelins?|Stingers?|Patriot(?: missiles?| systems?)?|Tomahawks?|Kalibr|"
    r"Kinzhal|Iskanders?|Shaheds?|Bayraktars?|Storm Shadow|Leopard(?: 2)? tanks?|Abrams tanks?)\b"
)
_STATE_MEDIA = re.compile(
    r"\b[Ss]tate(?:-run|-controlled|-owned)?\s(?:media|television|TV|radio|news agency|broadcaster|press)\b"
)
_ABBREVIATION = (
    r"(?:Dr|Mr|Mrs|Ms|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Rev|Prof|Sen|Rep|Gov|St|Inc|Co|Corp|Ltd|Jr|Sr)\."
)
_WORD = rf"(?:{_ABBREVIATION}|[A-Z][\w'’&-]*(?:\.[A-Z][\w'’&-]*)*\.?(?=\w|\s[a-z]|[^.\w]|$)|[A-Z][\w'’&-]*)"
_SEQUENCE = re.compile(
    rf"{_WORD}(?:(?:\s(?:of|for|the|and|on|de|del|da|di|al|el|bin|ibn|van|von|der|le|la|du))*\s{_WORD})*"
)
# A nationality the gazetteer does not know: "Varnian forces", "Varnians".
_NATIONALITY = re.compile(r"(?<![A-Z][a-z]\s)\b([A-Z][a-z]{2,}(?:ian|ean|ese))(s\b|\s(?=[a-z]))")
_ACRONYM_AFTER = re.compile(r"\s?\(([A-Z][A-Za-z]{1,7})\)")
_SAID_AFTER = re.compile(r",?\s(?:said|says|told|added|wrote|warned|announced)\b")
_ROLE_AFTER = re.compile(r",\s((?:the\s|a\s|an\s)?[a-z][\w'’ -]{2,60}?(?:\s(?:of|for|at)\s[^,.;]{2,60})?),")
_ROLE_HEADS = re.compile(
    r"\b(?:minister|president|spokes(?:man|woman|person)|secretary|director|chief|head|leader|"
    r"general|commander|analyst|researcher|professor|official|ambassador|envoy|governor|mayor|"
    r"chairman|chairwoman|editor|correspondent|adviser|advisor|officer|lawmaker|senator|member)\b"
)


class RuleRecogniser:
    """The default recogniser: capitalised sequences classified by lexicons and the gazetteer."""

    def recognise(self, article: Article) -> list[Entity]:
        text = article.text
        found: list[Entity] = []
        labels: dict[str, str] = {}  # surface form -> label, for bare mentions anywhere
        sequences = [(m.start(), m.group(0)) for m in _SEQUENCE.finditer(text)]
        for start, sequence in sequences:  # first pass: learn the labels of names and acronyms
            self._classify(text, start, sequence, labels)
        for start, sequence in sequences:
            found.extend(self._classify(text, start, sequence, labels))
        found.extend(_places(article))
        for match in _NATIONALITY.finditer(text):
            word = match.group(1) + match.group(2).strip()
            if match.group(1) not in _NOT_NAMES:
                found.append(Entity(match.start(), match.start() + len(word), word, "NORP"))
        for match in _STATE_MEDIA.finditer(text):
            found.append(Entity(match.start(), match.end(), match.group(0), "MEDIA"))
        for pattern in (_DESIGNATOR, _WEAPON_LEXICON):
            for match in pattern.finditer(text):
                found.append(Entity(match.start(), match.end(), match.group(0), "WEAPON"))
        return _resolve_overlaps(_relabel_repeats(found, labels))

    def _classify(self, text: str, start: int, sequence: str, labels: dict[str, str]) -> list[Entity]:
        words = sequence.split(" ")
        # Drop sentence-initial function words ("The", "In") and trailing connectors.
        while words and (words[0] in _NOT_NAMES or words[0] in _CONNECTORS):
            start += len(words[0]) + 1
            words.pop(0)
        while words and words[-1] in _CONNECTORS:
            words.pop()
        if not words:
            return []
        name = " ".join(words)
        end = start + len(name)
        if name.endswith(("'s", "’s")):
            name, end = name[:-2], end - 2
        name = name.rstrip(".,") if not name.endswith(("Inc.", "Co.", "Ltd.", "Corp.", "Jr.")) else name
        end = start + len(name)
        if not name:
            return []
        # A title before a name: "Defence Minister Karl Vogt", "Dr. Tomas Rieger".
        title_len = 0
        while title_len < len(words) - 1 and words[title_len] in _TITLE_WORDS:
            title_len += 1
        if 0 < title_len < len(words) and words[title_len - 1] in _TITLE_HEADS:
            title = " ".join(words[:title_len])
            person_start = start + len(title) + 1
            person = text[person_start:end]
            if person and person.split(" ")[0] not in _ORG_WORDS:
                labels[person] = "PERSON"
                labels[person.split(" ")[-1]] = "PERSON"
                return [Entity(person_start, end, person, "PERSON", title=title, role=_role(text, end))]
        label = labels.get(name) or _label(name, words)
        if label is None:
            return []
        labels[name] = label
        acronym = _ACRONYM_AFTER.match(text, end)
        if acronym and label in ("ORG", "MEDIA"):
            labels[acronym.group(1)] = label
        if label == "PERSON":
            labels[words[-1]] = "PERSON"
            return [Entity(start, end, name, label, role=_role(text, end))]
        return [Entity(start, end, name, label)]


_PLACE_LABELS = {"country": "GPE", "admin1": "GPE", "admin2": "GPE", "city": "GPE", "demonym": "NORP"}


def _places(article: Article) -> list[Entity]:
    """Countries, states and cities (GPE) and nationalities (NORP) from the places extractor."""
    found = []
    for place in extract_places(article):
        label = _PLACE_LABELS.get(place.kind)
        if label is None and place.kind == "unknown" and place.text.isupper():
            label = "GPE"  # a dateline town
        if label is not None:
            found.append(Entity(place.start, place.end, place.text, label))
    return found


def _label(name: str, words: list[str]) -> str | None:
    gazetteer = load_gazetteer()
    last = words[-1]
    if name in _MEDIA_NAMES or (last in _MEDIA_WORDS and len(words) > 1) or name.endswith("News Agency"):
        return "MEDIA"
    if any(w in _ORG_WORDS for w in words) or name in _ORG_WORDS:
        return "ORG"
    if name in gazetteer.demonyms:
        entries = gazetteer.lookup(name)
        return "GPE" if entries else "NORP"
    if name in gazetteer.names:
        entries = gazetteer.lookup(name)
        if any(e.kind != CITY or e.population > 100_000 for e in entries):
            return "GPE"
        return "GPE" if len(words) > 1 else None
    if words[0] in gazetteer.demonyms and len(words) > 1:
        return "ORG" if last in _ORG_WORDS else None
    if name.isupper() and 2 <= len(name) <= 6:
        return None  # an acronym whose meaning this article has not defined
    if 2 <= len(words) <= 4 and all(_name_like(w) for w in words):
        return "PERSON"
    return None


def _name_like(word: str) -> bool:
    return word[:1].isupper() and word not in _NOT_NAMES and not word.isupper() and word not in _TITLE_WORDS


def _role(text: str, end: int) -> str | None:
    match = _ROLE_AFTER.match(text, end)
    if match and _ROLE_HEADS.search(match.group(1)):
        return match.group(1)
    return None


def _relabel_repeats(found: list[Entity], labels: dict[str, str]) -> list[Entity]:
    """Bare mentions of names labelled elsewhere in the article ("Maszek said", "VCNA")."""
    result: list[Entity] = []
    for entity in found:
        if entity.label == "PERSON" and entity.text in labels and labels[entity.text] != "PERSON":
            result.append(Entity(entity.start, entity.end, entity.text, labels[entity.text]))
        else:
            result.append(entity)
    return result


def _resolve_overlaps(found: list[Entity]) -> list[Entity]:
    found.sort(key=lambda e: (-(e.end - e.start), e.start))
    taken: list[Entity] = []
    occupied: set[int] = set()
    for entity in found:
        span = range(entity.start, entity.end)
        if entity.end <= entity.start or any(i in occupied for i in span):
            continue
        occupied.update(span)
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


def extract_entities(article: Article) -> list[Entity]:
    """People, organisations, places, nationalities, media and weapons named in ``article``."""
    if not article.text:
        return []
    return _finalise(article.text, _recogniser.recognise(article))


def _finalise(text: str, found: list[Entity]) -> list[Entity]:
    result = [e for e in found if 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text]
    result.sort(key=lambda e: (e.start, e.end))
    return result

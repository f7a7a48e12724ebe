"""Who said it, for comparing quotes across articles: person keys and role descriptors.

Used by :mod:`crosswire.link.quotes.linker`. A :class:`~crosswire.extract.quotes.speakers.Speaker` from
:mod:`crosswire.extract.quotes.extractor` is reduced to

- a *person key*: the lower-cased surname when the speaker is a named person ("Colonel Ilse
  Brandt" -> "brandt"), else ``None`` (an organisation, a role, a state medium, a pronoun that
  was never resolved);
- *descriptors*: the role and affiliation words, mapped to broad classes so that "a military
  spokesperson" and "Colonel Ilse Brandt, a spokesperson for the Joint Defence Staff" meet
  ("military", "spokesperson").

Two speakers *conflict* when both are named persons (full names) with different surnames; a role is
*compatible* with another speaker when their descriptor sets share a word, or either has none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crosswire.extract.quotes.speakers import Speaker, wordset

__all__ = [
    "compatible_roles",
    "conflict",
    "descriptors",
    "full_name",
    "known_speaker",
    "person_key",
    "same_person",
]

# Words that make a "name" an organisation or a group, not a person.
_NOT_PERSON = wordset(
    """
    staff agency ministry guard government military council news office police army forces force
    group institute committee party department command service services agency's media
    television radio press times post herald daily review union alliance embassy mission court
    parliament assembly administration authority authorities commission bank company corporation
    university school hospital brigade battalion navy coast republic state states kingdom
    residents traders stallholders officials sources analysts witnesses people statement report
    it they we he she who
    """
)
_TITLES = wordset(
    """
    mr mrs ms dr prof sen rep gov gen lt col maj capt adm sgt president minister secretary
    colonel general major captain admiral sergeant lieutenant mayor governor senator judge
    chancellor premier king queen prince ambassador commander professor doctor foreign defence
    defense prime deputy vice chief
    """
)
# Role and affiliation words mapped to a broad class (others stand for themselves).
_ROLE_CLASS = {
    **dict.fromkeys(("spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen"), "spokesperson"),
    **dict.fromkeys(
        (
            "military",
            "army",
            "armed",
            "defence",
            "defense",
            "colonel",
            "general",
            "major",
            "captain",
            "lieutenant",
            "admiral",
            "sergeant",
            "officer",
            "officers",
            "commander",
            "soldier",
            "troops",
            "forces",
            "col",
            "gen",
            "lt",
            "maj",
            "capt",
        ),
        "military",
    ),
    **dict.fromkeys(("president", "leader", "head", "premier", "chancellor"), "leader"),
    **dict.fromkeys(("minister", "ministry", "secretary"), "minister"),
    **dict.fromkeys(("agency", "vcna", "media", "news"), "agency"),
    **dict.fromkeys(("official", "officials", "authorities", "government"), "official"),
}
_SKIP = wordset(
    """
    a an the of for at in on to and its his her their our this that said told declined says
    senior former deputy new
    """
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


_PRONOUNS = wordset("he she they it we i you who which one")


def known_speaker(speaker: Speaker | None) -> Speaker | None:
    """The speaker, or ``None`` when it is only a pronoun that was never resolved ("they")."""
    if speaker is not None and speaker.name.lower() in _PRONOUNS:
        return None
    return speaker


def person_key(speaker: Speaker | None) -> str | None:
    """The surname of a named person speaker, lower-cased; ``None`` when it is not a person."""
    names = _person_names(speaker)
    return names[-1] if names else None


def full_name(speaker: Speaker | None) -> bool:
    """Whether the speaker is named with at least two name words ("Ilse Brandt", not "Brandt")."""
    return len(_person_names(speaker)) >= 2


def _person_names(speaker: Speaker | None) -> tuple[str, ...]:
    """The lower-cased name words of a person speaker (titles left out); empty when not a person."""
    if speaker is None or speaker.kind == "unnamed":
        return ()
    return _names_of(speaker.name)


@lru_cache(maxsize=1 << 14)
def _names_of(name: str) -> tuple[str, ...]:
    """The person-name words of a speaker's name (cached: every comparison of quotes asks)."""
    words = _WORD.findall(name)
    if not words or not all(w[:1].isupper() for w in words):
        return ()
    lowered = [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in words]
    if any(w in _NOT_PERSON for w in lowered) or any(len(w) > 1 and w.isupper() for w in words):
        return ()
    if any(ch.isdigit() for ch in name):
        return ()
    return tuple(w for w in lowered if w not in _TITLES)


def same_person(a: Speaker | None, b: Speaker | None) -> bool:
    """Whether both speakers are named persons with the same surname."""
    key = person_key(a)
    return key is not None and key == person_key(b)


def conflict(a: Speaker | None, b: Speaker | None) -> bool:
    """Whether two speakers are certainly different people: two full names, different surnames.

    A one-word "name" is too often a place or a misread word ("the mayor of Halvik said") to
    overrule the same words.
    """
    return full_name(a) and full_name(b) and person_key(a) != person_key(b)


def descriptors(speaker: Speaker | None) -> frozenset[str]:
    """The role and affiliation words of a speaker, in broad classes."""
    if speaker is None:
        return frozenset()
    parts = [speaker.role or "", speaker.org or ""]
    if person_key(speaker) is None:
        parts.append(speaker.name)
    found = set()
    for part in parts:
        for word in _WORD.findall(part):
            lowered = word.lower().removesuffix("'s").removesuffix("’s")
            if lowered in _SKIP or len(lowered) < 2:
                continue
            found.add(_ROLE_CLASS.get(lowered, lowered))
    return frozenset(found)


def compatible_roles(a: Speaker | None, b: Speaker | None) -> bool:
    """Whether the roles of two speakers may describe one person: shared words, or none to compare."""
    da, db = descriptors(a), descriptors(b)
    return not da or not db or bool(da & db)

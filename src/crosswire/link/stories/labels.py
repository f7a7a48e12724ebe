"""Story labels: who did what, where and when, read from the leads of a story's articles.

A label reads like a short headline: ``"Varnia · moves rocket launchers to Osterland border ·
Serin Valley · 3–5 Nov 2024"``. Its parts:

- the **actor**: the subject most of the story's leads (titles and first sentences) share,
  when it is a name (a country, an organisation, a person), else the most mentioned name;
- the **action**: the verb phrase of the lead that best names the actor doing something
  (headlines first, reporting verbs such as "says" last), cut at the first clause break, without
  its time words ("on Sunday night") and determiners, its verb in the present tense ("moved" ->
  "moves"), as headlines put it;
- the **place**: the place the articles put nearest their leads (where the event happened), not
  where the analysts they quote sit (``crosswire.extract.features`` ranks each article's places so);
- the **dates**: from the earliest day the first sentences name to the last publication day.

Written by hand: a headline's subject and verb are found with a few rules on capitals, verb
endings and a short list of auxiliaries, which is enough for news leads; a parser would be a
large dependency for one label per story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from crosswire.extract.features import StoryFeatures, content_words
from crosswire.extract.places.geodata import word_set
from crosswire.text.lemmas import lemma
from crosswire.text.names import fold_name

__all__ = ["Lead", "date_span", "parse_lead", "story_parts"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ0-9][\w’'.-]*[\w]|[A-Za-zÀ-ÿ0-9]|\([^)]{1,40}\)")
_AUXILIARIES = word_set(
    "is are was were has have had will would can could may might shall should must does do did be been"
)
_PAST_SAME = word_set("hurt hit cut put set let quit shut spread cost bet burst cast")
_PARTICIPLES = word_set(
    "seen taken given shown known done gone begun flown written driven broken spoken stolen chosen fallen"
)
_COMMON_SUBJECTS = word_set(
    """
    police officials analysts residents troops rebels protesters authorities government army military
    president experts witnesses investigators firefighters scientists researchers doctors officers
    soldiers villagers locals critics sources diplomats ministers lawmakers voters workers it he she they
    we this that there people
    """
)
_NUMBER_WORDS = word_set("one two three four five six seven eight nine ten eleven twelve dozens hundreds thousands")
_REPORTING = word_set("say tell report claim announce state confirm add note warn insist accuse deny allege")
_PREPOSITIONS = word_set("of to toward towards near in on at from into over across along with for by against under")
_DETERMINERS = word_set(
    "the a an its their his her our my your this these those some about around nearly almost roughly"
)
_CLAUSE_BREAK = re.compile(
    r"\s*(?:[,;:(—–]|\s-\s|\b(?:as|after|amid|while|because|when|where|which|who|but|before|"
    r"according|saying|despite|although|though|until|since)\b)"
)
_TIME_WORDS = re.compile(
    r"\b(?:(?:early|late)\s+)?(?:(?:on|since|by|until|from)\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:overnight|yesterday|today|tonight)\b"
    r"|\b(?:last|this|next|on|since)\s+(?:week|month|year|weekend|morning|afternoon|evening|night)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"(?:,\s*|\s+)(?:[\w’' -]{1,40}\s+)?(?:says?|said|claims?|reports?|confirms?)\s*[.!]?$", re.IGNORECASE
)
_MAX_ACTION_WORDS = 8


@dataclass(frozen=True, slots=True)
class Lead:
    """The subject and verb phrase of one lead (a title or a first sentence)."""

    subject: str
    action: str
    reporting: bool
    """Whether the verb only reports speech ("says", "told")."""
    named: bool
    """Whether the subject starts with a capital (a name, not "three soldiers")."""


def parse_lead(text: str, known: frozenset[str] = frozenset()) -> Lead | None:
    """The subject and action of a headline-like sentence, ``None`` when no verb is found.

    ``known`` holds the article's names and places (lower case), which tell a named subject
    ("Varnia moved") from a common noun at the start of a sentence ("Rocket launchers moved").
    """
    text = " ".join(text.split()).strip(" .")
    head, colon, rest = text.partition(": ")
    if colon and len(head.split()) <= 4 and rest:
        text = rest  # "Border guard: about 180 launchers seen near frontier"
    text = _ATTRIBUTION.sub("", text.split("; ", 1)[0])  # ", officials say"
    tokens = list(_TOKEN.finditer(text))
    words = [t.group(0) for t in tokens if not t.group(0).startswith("(")]
    if len(words) < 2:
        return None
    long_words = [w for w in words if len(w) > 3]
    if len(words) > 4 and sum(w[:1].isupper() for w in long_words) > 0.7 * len(long_words):
        return None  # Title Case: capitals say nothing about names
    verb_at = _verb_index([t.group(0) for t in tokens])
    if verb_at is None:
        return None
    verb = tokens[verb_at]
    subject = _TIME_WORDS.sub(" ", text[: verb.start()])
    subject = re.sub(r"\([^)]*\)", " ", subject)
    subject = re.sub(r"^\s*(?:The|A|An)\s+", "", " ".join(subject.split()))
    if not subject:
        return None
    parts = subject.split()
    named = (
        parts[0].lower() not in _NUMBER_WORDS
        and (
            any((w.isupper() and len(w) > 1) or re.split(r"['’]", w.lower())[0] in known for w in parts)
            or any(w[:1].isupper() for w in parts[1:])
            # A single capitalised word before the verb is a name ("Varnia moved"), unless it is one
            # of the common nouns that start news sentences ("Police said", "Analysts warned").
            or (len(parts) == 1 and parts[0][:1].isupper() and parts[0].lower() not in _COMMON_SUBJECTS)
        )
    )
    last = subject.split()[-1]
    plural = " and " in subject or (last.islower() and last.endswith("s") and not last.endswith("ss"))
    phrase = _phrase(text[verb.start() :], passive=not named, plural=plural)
    if not phrase:
        return None
    return Lead(subject=subject, action=phrase, reporting=lemma(verb.group(0).lower()) in _REPORTING, named=named)


def _verb_index(tokens: list[str]) -> int | None:
    """Where the main verb is: the first lower-case word after the subject that looks finite."""
    for i in range(1, len(tokens)):
        word = tokens[i]
        lowered = word.lower()
        if word.startswith("(") or not word[:1].islower():
            continue
        if _looks_verb(lowered):
            return i
        if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) and len(lowered) > 3:
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if following and _looks_verb(following):
                continue  # "launchers moved": a plural noun before the verb
            return i
    return None


def _looks_verb(word: str) -> bool:
    return (
        word in _AUXILIARIES
        or word in _PAST_SAME
        or (word.endswith("ed") and len(word) > 4)
        or (lemma(word) != word and not word.endswith(("s", "ing", "ed")))
    )


def _phrase(text: str, *, passive: bool, plural: bool) -> str:
    """The verb phrase at the start of ``text``, cut at the clause's end, tidied like a headline."""
    cut = _CLAUSE_BREAK.search(text, text.find(" ") + 1 if " " in text else len(text))
    if cut:
        text = text[: cut.start()]
    text = _TIME_WORDS.sub(" ", text)
    kept = [w for w in text.split() if w.lower() not in _DETERMINERS]
    if not kept:
        return ""
    # "has vowed" -> "vows", "were wounded" -> "wounded"; "will stand" stays.
    finite = True
    while len(kept) > 1 and kept[0].lower() in _AUXILIARIES and kept[0].lower() not in ("will", "would", "can"):
        auxiliary = kept.pop(0).lower()
        finite = auxiliary in ("has", "have", "had")
        if kept[0].lower() == "been":
            kept.pop(0)
            finite = False
            if not kept:
                return ""
    if kept[0].lower() in _AUXILIARIES:
        pass
    elif (passive and _looks_verb(kept[0].lower())) or kept[0].lower() in _PARTICIPLES:
        finite = False  # "Three soldiers wounded": a passive headline keeps its participle
    if finite and kept[0].lower() not in _AUXILIARIES:
        kept[0] = _present(kept[0], plural=plural)
    if len(kept) > _MAX_ACTION_WORDS:
        # Cut before the last preposition that keeps the phrase short: "... near border town".
        cuts = [i for i in range(2, _MAX_ACTION_WORDS + 1) if kept[i].lower() in _PREPOSITIONS]
        kept = kept[: cuts[-1] if cuts else _MAX_ACTION_WORDS]
    return " ".join(kept)


def _present(verb: str, *, plural: bool = False) -> str:
    """The present tense of a verb form, as headlines write it ("moved" -> "moves")."""
    lowered = verb.lower()
    base = lemma(lowered)
    if plural:
        return base
    if base == lowered and lowered.endswith("s"):
        return lowered  # already present: "moves"
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def story_parts(
    members: Sequence[StoryFeatures], names: Counter[str], places: Mapping[str, float]
) -> tuple[str | None, str | None, str | None]:
    """The actor, action and place of a story from its members (earliest first), names and places.

    Each lead (title or first sentence) with a subject and a verb is scored: how many leads share
    its subject, how much of its action the other articles' leads repeat, a title before a first
    sentence, a named subject before a common noun, a verb that does something before one that
    reports speech. The best lead gives the actor and the action.
    """
    known = _known_words(members)
    full_names = _full_names(names)
    leads: list[tuple[float, Lead, str]] = []
    for features in members:
        texts = [features.lead, features.opening] if features.lead != features.opening else [features.lead]
        for position, text in enumerate(texts):
            parsed = parse_lead(text, known)
            if parsed is not None:
                leads.append((0.3 if position == 0 and len(texts) > 1 else 0.0, parsed, features.article_id))
    vocabulary = {f.article_id: {stem for stem, _ in content_words(f"{f.lead} {f.opening}")} for f in members}
    subjects = Counter(_actor(lead.subject, full_names) for _, lead, _ in leads if lead.named)
    actor: str | None = None
    action: str | None = None
    if leads:
        others = max(len(members) - 1, 1)

        def score(item: tuple[float, Lead, str]) -> tuple[float, str]:
            bonus, lead, article_id = item
            stems = {stem for stem, _ in content_words(lead.action)}
            support = (
                sum(len(stems & words) / len(stems) for other, words in vocabulary.items() if other != article_id)
                / others
                if stems
                else 0.0
            )
            share = subjects[_actor(lead.subject, full_names)] / len(leads) if lead.named else 0.0
            value = bonus + support + 2 * share - 0.3 * lead.reporting - 0.5 * (not lead.named)
            return (-value, lead.action)

        best = min(leads, key=score)[1]
        action = best.action
        actor = _actor(best.subject, full_names)  # the subject that goes with the action
    if actor is None and subjects:
        actor = max(subjects, key=lambda s: (subjects[s], s))
    if actor is None and names:
        folded_places = {fold_name(p) for p in places}
        named = [n for n in names if not n.isupper() and fold_name(n) not in folded_places]
        actor = max(named, key=lambda n: (names[n], n)) if named else None
    place = None
    for name, _ in sorted(places.items(), key=lambda item: (-item[1], item[0])):
        if actor is None or fold_name(name) not in fold_name(actor):
            place = name
            break
    if action and place and fold_name(place) in fold_name(action):
        place = None  # "opens in Halvik" says where already
    return actor, action, place


def _known_words(members: Sequence[StoryFeatures]) -> frozenset[str]:
    """Lower-case words of the members' names and places, with countries behind nationalities
    ("Varnian" -> "varnia"), to tell names from common nouns at the start of a lead."""
    known: set[str] = set()
    for features in members:
        for name in (*features.names, *features.places):
            for word in name.lower().split():
                word = re.split(r"['’]", word)[0]
                known.add(word)
                if word.endswith("an") and len(word) > 4:
                    known.add(word[:-1])
    return frozenset(known)


def _full_names(names: Counter[str]) -> dict[str, str]:
    """A surname or a possessive's head -> the full name it most likely shortens."""
    found: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-names[n], n)):
        parts = name.split()
        if len(parts) > 1:
            found.setdefault(parts[-1], name)
    return found


def _actor(subject: str, full_names: dict[str, str]) -> str:
    """A lead's subject as an actor: "Varnia's Maszek" and "President Aurel Maszek" -> "Aurel Maszek"."""
    for full in sorted(set(full_names.values()), key=lambda name: (-len(name), name)):  # ties by name, not hash
        if full in subject:
            return full
    if re.search(r"['’]s\s+[A-Z]", subject):
        subject = re.split(r"['’]s\s+", subject)[-1]
    words = subject.split()
    while len(words) > 1 and (words[0] in _TITLES or words[0] in ("the", "a", "an")):
        words.pop(0)
    subject = " ".join(words)
    return full_names.get(subject, subject)


_TITLES = word_set("President Prime Minister General Colonel Mayor King Queen Dr Dr. Mr Mrs Ms")


def date_span(days: Sequence[date]) -> str | None:
    """Days as a short range: "5 Nov 2024", "3–5 Nov 2024", "30 Oct – 2 Nov 2024"."""
    if not days:
        return None
    first, last = min(days), max(days)
    if first == last:
        return f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {_MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} – {last.day} {_MONTHS[last.month - 1]} {last.year}"
    return f"{first.day} {_MONTHS[first.month - 1]} {first.year} – {last.day} {_MONTHS[last.month - 1]} {last.year}"

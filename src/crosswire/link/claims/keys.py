"""What two claims must share to be about the same thing: normalised thing, unit family, event class.

:func:`read_claim` turns a stored claim dict (``Claim.as_dict()``) into a :class:`ClaimReading`:

- **figures**: each quantity of the claim as an :class:`~crosswire.link.claims.intervals.Interval` in its unit
  family's base unit, with a *thing key*: the singular head of the counted noun ("some 250 multiple
  rocket launchers" -> ``launcher``), a currency ("412 million crowns" -> ``money:crown``), a
  measured noun ("a range of 300 kilometres" -> ``range``) or, for a length after a verb of motion
  ("flew about 300 kilometres", "tracked it for 400 kilometres"), ``distance``. A rate ("each
  carries four missiles") is keyed apart (``missile per launcher``) so it never meets a total.
  A bare number ("if all 250 are deployed") borrows the thing of the same number elsewhere in the
  article. Figures with no thing, and lengths with no measured noun, are not aligned at all.
- **event class**: the verb nearest before the figure (or the claim's event), folded into a class
  of near-synonyms (the verb families of :mod:`crosswire.text.lemmas`: "moved", "sent", "left its
  garrison" -> ``deploy``; "fired", "shelled" -> ``fire``); neutral verbs
  ("be", "have", "count", "see") go with any class.
- **object head** and **anchors**: the head noun of the thing or subject, and the content words of
  the claim (singular, lower case), for claims without figures.

Written by hand: the rules are small lookups over the claim extractor's own output; a parser or an
embedding model would cost far more than the alignment itself and still need these unit rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crosswire.link.claims.intervals import Interval, unit_family
from crosswire.text.lemmas import family, family_of, lemma, singular
from crosswire.text.names import fold_name

__all__ = [
    "NEUTRAL_EVENTS",
    "UNALIGNED",
    "ClaimReading",
    "Figure",
    "asserter_key",
    "claim_event_class",
    "event_class",
    "events_compatible",
    "initials",
    "read_claim",
    "same_source",
    "singular",
    "times_compatible",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNALIGNED = "?"
"""Thing key of a figure kept for derivations only (a percentage with no thing)."""

_DISTANCE = family("fly")  # the event of a length after a verb of motion ("flew about 300 kilometres")

NEUTRAL_EVENTS = _words("be have count see number total estimate report say include put find observe spot")
"""Verbs that state a figure without saying what happened: they go with any event class."""

# Nouns a length, mass or duration measures; other things of a measure are too loose to align.
_MEASURE_NOUNS = _words(
    "range distance altitude height depth length width radius reach speed weight payload warhead flight journey trip"
)
_MOTION_WORDS = _words(
    "fly flew flown flying flies travel travelled traveled travelling covered cover covering tracked "
    "track tracking followed follow following reached reach"
)
_CURRENCY_WORDS = {
    "crown": "crown", "krona": "crown", "kronor": "crown", "kroner": "crown", "dollar": "USD",
    "euro": "EUR", "pound": "GBP", "franc": "franc", "yen": "JPY", "yuan": "CNY", "rouble": "RUB",
    "ruble": "RUB", "rupee": "INR", "peso": "peso", "lira": "lira", "shekel": "ILS", "mark": "mark",
    "dinar": "dinar", "dirham": "dirham", "riyal": "riyal", "won": "KRW", "zloty": "zloty",
}  # fmt: skip
_RATE_AFTER = re.compile(r"\W*(?:\w+\W+){0,3}?(?:each|apiece|a\s+piece|per\b|every\b)", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:each|every)\b(?:\s+of)?\s+(?:these\s+|the\s+|those\s+)?(\w+)", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_OPEN_QUESTION = re.compile(
    r"whether|unclear|not\s+clear|uncertain|unknown|(?:verified|verify|confirmed|confirm|identified)\b", re.IGNORECASE
)

_STOPWORDS = _words(
    """
    the a an and or but of in on at to for with by from as that this these those its his her their our
    your my it they them he she we you i be is are was were been being has have had having do does did
    will would could can may might shall should must not no never also only all any some each every
    more most much many other such than then there here when where which who whom whose what why how
    about over under into onto out up down off again further once both few own same so too very just
    said says say told according reported reportedly week weeks day days month months year years
    monday tuesday wednesday thursday friday saturday sunday morning evening night afternoon today
    yesterday tomorrow january february march april may june july august september october november
    december earlier later last next since until while after before during because if whether
    per cent percent one two three four five six seven eight nine ten hundred thousand million
    """
)
_PRONOUNS = _words("it they he she we you i this that there these those one some who which what")


def event_class(verb: str | None, clause: str = "") -> str | None:
    """The family of an event lemma ("move" -> "deploy", "shell" -> "fire"); a verb in no family is
    its own, and so is a verb of several senses unless ``clause`` names its family's sense."""
    if not verb:
        return None
    return family(verb.lower(), clause)


def claim_event_class(claim: Mapping[str, Any]) -> str | None:
    """The event class of a claim dict: the family its extraction put in its key ("fire|depot"),
    read again from its event and text for a claim without one."""
    key = claim.get("key")
    event = claim.get("event")
    if isinstance(key, str) and key and event:
        return key.split("|", 1)[0]
    return event_class(event, str(claim.get("text") or ""))


def times_compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two claims' dates can be the same time (either has none, or some pair agrees).

    TIMEX3 values agree when one is a prefix of the other with ``X`` matching anything
    ("2024-11" and "2024-11-03"; "XXXX-WXX-7" and "2024-10-27" are left as compatible).
    """
    if not a or not b:
        return True
    for x in a:
        for y in b:
            if "W" in x or "W" in y or all(p == q or p == "X" or q == "X" for p, q in zip(x, y, strict=False)):
                return True
    return False


@lru_cache(maxsize=1 << 14)
def asserter_key(name: str | None) -> str:
    """A source's name folded for comparison: no article, title, possessive owner or time tail.

    "Osterland's Joint Defence Staff" and "Joint Defence Staff" give "joint defence staff";
    "Dr. Tomas Rieger" gives "tomas rieger"; "Aurel Maszek on Tuesday" gives "aurel maszek".
    """
    if not name:
        return ""
    name = name.split(". ")[0].replace("’", "'")
    name = _TIME_TAIL.sub("", name)
    name = re.sub(r"^(?:that|the|a|an)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^[A-Z][\w-]*'s\s+", "", name)
    words = [w for w in re.findall(r"[\w'-]+", name) if w.lower().rstrip(".") not in _TITLES]
    return fold_name(" ".join(words))


def same_source(a: str | None, b: str | None) -> bool:
    """Whether two asserter names name one source (equal folded names, acronym, surname, or first part of a name)."""
    ka, kb = asserter_key(a), asserter_key(b)
    if not ka or not kb:
        return False
    if ka == kb or initials(ka) == kb or ka == initials(kb):
        return True
    short, long = sorted((ka, kb), key=len)
    if " " not in short and " " in long and long.startswith(short + " ") and _ORG_KEY.search(long) is None:
        return True  # a person named by the first part of the name ("Kim" for "Kim Jong Un")
    return long.endswith(" " + short) and (" " not in short or len(short.split()) >= 2)


_ORG_KEY = re.compile(r"\b(?:of|for|and|ministry|agency|news|staff|guard|office|group|bank|party|union)\b")


def initials(key: str) -> str:
    """The initials of a folded multi-word name ("joint defence staff" -> "jds"); "" for one word."""
    words = [w for w in key.split() if w not in ("of", "and", "for", "the")]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|late|early|earlier|later|last|this)\b.*$|\s+(?:also|later|earlier|again)$", re.IGNORECASE
)
_TITLES = _words(
    "dr mr mrs ms prof professor president colonel col general gen minister sir lt captain capt major maj "
    "admiral adm sergeant sgt senator sen governor gov mayor"
)


def events_compatible(a: str | None, b: str | None) -> bool:
    """Whether two event classes can describe one fact (equal, unknown, or one of them neutral)."""
    return a is None or b is None or a == b or a in NEUTRAL_EVENTS or b in NEUTRAL_EVENTS


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a claim, ready to compare: interval in base units, unit family, thing key."""

    text: str
    start: int
    end: int
    interval: Interval
    family: str
    factor: float
    unit: str | None
    thing: str
    """Normalised thing key: ``launcher``, ``missile per launcher``, ``distance``, ``money``."""
    value: float | None
    """The stated number in base units ("some 250" -> 250, "as many as 1,000" -> 1000); ``None`` for vague amounts."""
    event: str | None
    """Event class of the verb the figure belongs to."""

    @property
    def key(self) -> str:
        return f"{self.family}|{self.thing}"


@dataclass(frozen=True, slots=True)
class ClaimReading:
    """A stored claim with what alignment needs: figures, event class, object head and anchors."""

    article_id: str
    index: int
    claim: Mapping[str, Any]
    event: str | None
    object_head: str | None
    anchors: frozenset[str]
    figures: tuple[Figure, ...]

    @property
    def start(self) -> int:
        return int(self.claim["start"])

    @property
    def end(self) -> int:
        return int(self.claim["end"])

    @property
    def stance(self) -> str:
        return str(self.claim.get("stance") or "asserted")

    @property
    def modality(self) -> str:
        return str(self.claim.get("modality") or "done")

    @property
    def factual(self) -> bool:
        """Says something happened or holds (done, ongoing) rather than is planned, threatened or imagined."""
        return self.modality in ("done", "ongoing")

    @property
    def supports(self) -> bool:
        """Whether its asserter stands behind it (not doubting, denying or leaving it open)."""
        if self.stance == "hedged":
            return not _OPEN_QUESTION.search(str(self.claim.get("cue") or ""))
        return self.stance in ("asserted", "reported")

    @property
    def open_question(self) -> bool:
        """A hedge that asserts nothing ("it was not clear whether ...", "could not be verified")."""
        return self.stance == "hedged" and not self.supports

    @property
    def times(self) -> tuple[str, ...]:
        """TIMEX3 values of the dates in the claim (durations left out)."""
        return tuple(
            str(t["value"]) for t in self.claim.get("times") or () if t.get("value") and str(t["value"])[:1] != "P"
        )

    @property
    def text(self) -> str:
        return str(self.claim.get("text") or "")


def read_claim(
    article_id: str, index: int, claim: Mapping[str, Any], siblings: Sequence[Mapping[str, Any]]
) -> ClaimReading:
    """Read one claim dict; ``siblings`` are the other claims of its article (for bare numbers)."""
    event = claim_event_class(claim)
    figures = tuple(_figures(claim, event, siblings))
    return ClaimReading(
        article_id=article_id,
        index=index,
        claim=claim,
        event=event,
        object_head=_object_head(claim),
        anchors=_anchors(str(claim.get("text") or ""), claim.get("event")),
        figures=figures,
    )


def _figures(claim: Mapping[str, Any], event: str | None, siblings: Sequence[Mapping[str, Any]]) -> list[Figure]:
    text = str(claim.get("text") or "")
    base = int(claim.get("start") or 0)
    out = []
    for quantity in claim.get("quantities") or ():
        unit = quantity.get("unit")
        q_start = int(quantity.get("start", base)) - base
        q_end = int(quantity.get("end", base)) - base
        head = _head(quantity.get("thing"))
        if head is None and unit is None:
            head = _plural_after(text, q_end)
        elif head is None:
            head = _head(quantity.get("concept"))
        if head in _CURRENCY_WORDS and unit is None:
            unit = _CURRENCY_WORDS[head]
            head = None
            family, factor = f"money:{unit}", 1.0
        else:
            family, factor = unit_family(unit)
        if family in ("duration",):
            continue  # "four years", "about two hours": how long, rarely a claim's checkable figure
        interval = Interval.from_quantity(quantity, factor)
        if interval is None:
            continue
        before = text[max(0, q_start - 60) : max(0, q_start)]
        after = text[max(0, q_end) : q_end + 40]
        predicate = _predicate(before, text) or event
        thing: str | None
        if family.startswith("money:"):
            thing = "money"
        elif family == "count":
            thing = head or _borrowed_thing(quantity, siblings)
            if thing is None:
                continue
            if _RATE_AFTER.match(after) or _RATE_BEFORE.search(before):
                per = _rate_of(quantity, before)
                thing = f"{thing} per {per}" if per else f"{thing} per unit"
        elif head in _MEASURE_NOUNS:
            thing = "distance" if head in ("flight", "journey", "trip") else head
        elif family == "length" and _MOTION_WORDS.intersection(w.lower() for w in _WORD.findall(before)[-6:]):
            thing = "distance"
            predicate = _DISTANCE
        elif family in ("percent", "points"):
            thing = head or UNALIGNED  # a bare share still serves derivations ("25% of 800")
        else:
            continue
        out.append(
            Figure(
                text=str(quantity.get("text") or ""),
                start=int(quantity.get("start", base)),
                end=int(quantity.get("end", base)),
                interval=interval,
                family=family,
                factor=factor,
                unit=unit,
                thing=thing,
                value=float(quantity["value"]) * factor if quantity.get("value") is not None else None,
                event=predicate,
            )
        )
    return out


def _head(words: Any) -> str | None:
    """Singular head noun (last word) of a thing phrase."""
    if not isinstance(words, str):
        return None
    found = _WORD.findall(words)
    if not found:
        return None
    head = singular(found[-1])
    return None if head in _STOPWORDS or head in _PRONOUNS else head


# Nouns news uses interchangeably for the armed actor of an event ("Varnian guns fired" /
# "Varnian forces fired"): folded for event alignment only, never for counted things.
_ACTOR_NOUNS = _words("force gun unit troop gunner artillery army battery")


_BORROW_FROM = 10
"""Smallest bare number that may borrow the thing of the same number elsewhere in its article."""


def _plural_after(text: str, pos: int) -> str | None:
    """The plural noun right after a bare number ("four missiles" -> "missile"), if there is one."""
    m = _WORD.match(text, pos + 1) if text[pos : pos + 1] == " " else None
    if m is None:
        return None
    word = m.group().lower()
    if not word.endswith("s") or word.endswith("ss") or word in _STOPWORDS or len(word) < 4:
        return None
    return singular(word)


def _borrowed_thing(quantity: Mapping[str, Any], siblings: Sequence[Mapping[str, Any]]) -> str | None:
    """The thing of the same number given elsewhere in the article ("all 250" after "250 launchers")."""
    value = quantity.get("value")
    if value is None or value < _BORROW_FROM:
        return None  # small numbers recur by chance ("two o'clock", "two towers")
    for other in siblings:
        for q in other.get("quantities") or ():
            if q.get("value") == value and q.get("unit") is None and q.get("thing"):
                head = _head(q["thing"])
                if head is not None:
                    return head
    return None


def _rate_of(quantity: Mapping[str, Any], before: str) -> str | None:
    m = _RATE_BEFORE.search(before)
    if m:
        return singular(m.group(1))
    return _head(quantity.get("concept"))


def _predicate(before: str, clause: str) -> str | None:
    """Class of the nearest known verb in the few words before a figure ("would set aside" -> spend);
    ``clause`` tells the sense of a verb of several ("hit")."""
    words = [w.lower() for w in _WORD.findall(before)[-5:]]
    for i in range(len(words) - 1, -1, -1):
        verb = lemma(words[i])
        if i + 1 < len(words):
            phrasal = family_of(f"{verb} {words[i + 1]}", clause)
            if phrasal is not None:
                return phrasal
        found = family_of(verb, clause)
        if found is not None:
            return found
    return None


def _object_head(claim: Mapping[str, Any]) -> str | None:
    head = _head(claim.get("thing"))
    if head is not None:
        return head
    subject = claim.get("subject")
    if not isinstance(subject, str):
        return None
    words = _WORD.findall(subject)
    # "some of them", "any of the launchers": the noun after "of" is the head
    if "of" in (w.lower() for w in words):
        lowered = [w.lower() for w in words]
        after = lowered[lowered.index("of") + 1 :]
        words = [w for w in after if w not in _STOPWORDS] or words
    for word in reversed(words):
        w = singular(word)
        if w not in _STOPWORDS and w not in _PRONOUNS and len(w) > 2:
            return "force" if w in _ACTOR_NOUNS else w
    return None


def _anchors(text: str, event: Any) -> frozenset[str]:
    verb = str(event).lower() if event else ""
    out = set()
    for word in _WORD.findall(text):
        anchor, verb_form = _anchor_word(word)
        if anchor is None or (verb and verb_form == verb):
            continue
        out.add(anchor)
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _anchor_word(word: str) -> tuple[str | None, str]:
    """A word as an anchor (``None`` for a short word or a stopword), and its verb lemma."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) < 3 or w in _STOPWORDS:
        return None, ""
    head = singular(w)
    return ("force" if head in _ACTOR_NOUNS else head), lemma(w)

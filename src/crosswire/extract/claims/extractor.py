"""Claims: checkable statements with who asserts them, the asserter's stance and the event's modality.

``extract_claims(article)`` returns :class:`Claim` records sorted by ``start``. A claim is a
clause that says something happened, is happening, is planned or threatened, or gives a figure.
Rules in brief (details in ``docs/extractors/claims.md``):

1. **Units** (:mod:`crosswire.extract.claims.clauses`): the article is cut once into clauses; the content of
   every quotation (direct, partial, reported) belongs to its speaker, the rest to the outlet's
   own voice. A clause needs a finite verb (attribution frames such as "a senior official said
   on Monday" are dropped); boilerplate ("Reporting by ...", "Subscribe") and opinions without
   checkable content ("the plan is a provocation", "Varnia must withdraw") are skipped.
2. **Asserter** (:mod:`crosswire.extract.claims.asserters`): a quote's speaker, kept as a named speaker, an
   unnamed source or a news medium; a frame verb inside a clause ("VCNA dismissed reports that
   ...", "Osterland accused Varnia of ...", "which Osterland says were moved") makes its subject
   the asserter; otherwise the outlet.
3. **Stance**: denied > doubted > hedged (cue words in the clause, found once per article, or
   the frame verb), else reported when attributed, asserted in the outlet's voice. A source
   negating a past event ("no deployment had been ordered") denies it; a doubt inside what a
   third party thinks ("58% thought a war was unlikely") is theirs, not the asserter's.
4. **Modality, event, subject**: from the clause's main verb group (:mod:`crosswire.extract.claims.stance`).
5. **Contents and key**: the quantities, times and places inside the clause, as their records'
   dicts; ``thing`` is the singular head noun of what the claim counts or is about; ``key`` is
   ``family(event, clause)|thing`` (:mod:`crosswire.text.lemmas`) for grouping claims across articles.

Written by hand: no library does attribution-aware claim detection offline within the speed
budget (see ANCHORS.md: comparable systems drop "X said Y happened" or use trained models).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, itemgetter
from typing import Any, Protocol

from crosswire.extract.claims.asserters import Asserters, Source
from crosswire.extract.claims.clauses import clause_units
from crosswire.extract.claims.stance import (
    CUT,
    DENY_FRAME,
    NEITHER,
    OPINION,
    SAY,
    STANCE_RANK,
    ClauseReading,
    Cue,
    CueIndex,
    lemma,
    read_clause,
)
from crosswire.extract.component import Extractor, Found
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import wordset
from crosswire.model import Article
from crosswire.text.document import Document
from crosswire.text.lemmas import event_of_noun, family, singular

__all__ = ["CLAIMS", "Claim", "extract_claims"]

log = logging.getLogger(__name__)


class _Record(Protocol):
    """Any extractor record: a span into the article and a JSON form."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    def as_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement, who asserts it, the asserter's stance and the event's modality."""

    start: int
    end: int
    text: str
    asserter: str
    asserter_kind: str  # "speaker" | "unnamed" | "state_media" | "outlet"
    asserter_start: int | None
    asserter_end: int | None
    stance: str  # "asserted" | "reported" | "hedged" | "doubted" | "denied"
    modality: str  # "done" | "ongoing" | "planned" | "threatened" | "hypothetical"
    cue: str | None
    event: str | None
    subject: str | None
    thing: str | None
    key: str | None
    quantities: tuple[dict[str, Any], ...] = ()
    times: tuple[dict[str, Any], ...] = ()
    places: tuple[dict[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "asserter": self.asserter,
            "asserter_kind": self.asserter_kind,
            "asserter_start": self.asserter_start,
            "asserter_end": self.asserter_end,
            "stance": self.stance,
            "modality": self.modality,
            "cue": self.cue,
            "event": self.event,
            "subject": self.subject,
            "thing": self.thing,
            "key": self.key,
            "quantities": list(self.quantities),
            "times": list(self.times),
            "places": list(self.places),
        }


# --- vocabulary -------------------------------------------------------------------------------

_HEDGE_FRAME = re.compile(
    r"(?:it\s+)?(?:remains|remained|was|is|is\s+still|was\s+still)\s+(?:not\s+)?"
    r"(?:unclear|clear|uncertain|unknown)\s+(?:whether|if)\s+",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"(?:so\s+|and\s+|but\s+)?(?:if|unless|once|should)\b[^,]{3,120},\s*", re.IGNORECASE)
_TRAILING_FRAME = re.compile(
    r",\s+(?P<src>(?:[\w'’.()-]+\s+){0,7}?[\w'’.()-]+)\s+(?:has\s+|have\s+|had\s+)?"
    r"(?P<verb>said|says|reported|reports|told|added|claimed|claims|insisted|confirmed|estimated)\b"
    r"|,?\s+according\s+to\s+(?P<src2>[^,.;]{2,80})"
)
_WHICH_TAIL = re.compile(r",\s+(?:which|who)\s*$")
_NEITHER_VERIFIED = re.compile(
    r"\bneither\b[^.;]{0,40}\bcould\s+be\s+(?:independently\s+)?(?:verified|confirmed)", re.I
)
# "a figure that Osterland's military dismissed as ...": the noun before names the claim denied.
_NOUN_FRAME = re.compile(
    r"(?:a|an|the)\s+(?:claim|figure|report|charge|accusation|allegation|number|account)\s+"
    r"(?:that|which)\s+",
    re.IGNORECASE,
)
# "the launchers that Osterland says were moved": the relative clause is Osterland's claim
_THAT_NAME = re.compile(r"\s(?:that|which|who)\s+(?=(?:[A-Z][\w'’-]*\s+){1,4}$)")
_AUX_ENDINGS = (" would", " will", " could", " had", " has", " have", " was", " were")
_SAYS_AFTER_NAME = wordset("says said claims claimed reported")
_BACKSHIFT = re.compile(r"\b(?:were|was)\s+still\b")
_SAY_LEMMAS = frozenset({"say", "report", "tell", "claim", "add", "state", "note", "announce"})
_FRAME_STANCE = {
    "deny": "denied",
    "dismiss": "denied",
    "reject": "denied",
    "refute": "denied",
    "dispute": "doubted",
    "question": "doubted",
    "doubt": "doubted",
}
_NEGATED_SUBJECT = re.compile(r"(?:no|none|nobody|nothing|neither|not\s+(?:a\s+single|one))\b", re.IGNORECASE)
_OPINION_VERBS = wordset("think believe feel expect hope fear")
_FIRST_PERSON = wordset("i we")
_FIRST_PERSON_VIEW = re.compile(r"(?:i|we)\s+(?:\w+\s+)?(?:think|believe|feel|hope|wish|fear|suspect)\b")
_LIKING = wordset("think believe feel hope wish like love hate prefer want")
# Words of judgement: a copula whose predicate is one of these, with no figure, time or place,
# states an opinion rather than a checkable fact ("the plan is a provocation").
_JUDGEMENT = wordset("""
    provocation mistake disgrace shame scandal outrage tragedy disaster catastrophe farce joke
    insult nonsense threat warning triumph failure success step message signal blow
    important unacceptable acceptable wrong right good bad great best worst terrible awful
    brilliant excellent fantastic wonderful lovely beautiful ridiculous absurd dangerous reckless
    irresponsible fair unfair vital crucial essential necessary disappointing encouraging welcome
    worrying concerning obvious hard difficult easy interesting exciting amazing incredible sad
    happy proud delighted pleased glad sorry confident optimistic pessimistic worried concerned
    modest significant serious nice fun special perfect strong weak clear early late enough
    """)
_LIKE_VERBS = wordset("sound look seem feel")
_STOP_PREDICATE = wordset("of to in on at for with by from than that because and but")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def extract_claims(
    source: Article | Document,
    *,
    quotes: Sequence[Quote],
    quantities: Sequence[_Record],
    times: Sequence[_Record],
    places: Sequence[_Record],
    entities: Sequence[Any],
) -> list[Claim]:
    """Checkable claims in an article (or its document) with asserter, stance, modality and what
    they contain, given the other extractors' findings in it."""
    doc = Document.of(source)
    if not doc.text.strip():
        return []
    return _Extraction(doc, quotes, quantities, times, places, entities).claims()


_START = itemgetter(0)
_SPAN = attrgetter("start", "end")


def _by_start(records: Sequence[Any]) -> list[Any]:
    """``records`` in text order (extractors return them so; sorted only when they are not)."""
    out = list(records)
    starts = [r.start for r in out]
    if starts != sorted(starts):
        out.sort(key=lambda r: (r.start, r.end))
    return out


class _Extraction:
    """One article's claims: units, their sources, cue index and the other extractors' records."""

    def __init__(
        self,
        doc: Document,
        quotes: Sequence[Quote],
        quantities: Sequence[_Record],
        times: Sequence[_Record],
        places: Sequence[_Record],
        entities: Sequence[Any],
    ) -> None:
        self.text = doc.text
        self.lowered = doc.lower
        self.sentences = list(zip(doc.sentence_starts, doc.sentence_ends, strict=True))
        self.outlet = doc.article.outlet or "outlet"
        self.outlet_source = Source(self.outlet, "outlet", None, None, None)
        self.hole: tuple[int, int] | None = None
        self.blanked: tuple[str, str, CueIndex] = (self.text, self.lowered, CueIndex("", []))
        self.holes: list[tuple[int, int]] = []
        self.longest_hole = 0
        self.names = Asserters(doc, entities, quotes)
        self.quotes = _by_start(quotes)
        self.cues = CueIndex(self.lowered)
        # quantities, times and places in one list by start, each with its group (0, 1, 2); a
        # stable sort keeps each group's own order
        groups = [_by_start(records) for records in (quantities, times, places)]
        merged = [(r.start, 0, r) for r in groups[0]]
        merged += [(r.start, 1, r) for r in groups[1]]
        merged += [(r.start, 2, r) for r in groups[2]]
        merged.sort(key=_START)
        self.content_starts = [m[0] for m in merged]
        self.contents_by_start = merged
        # quantity value -> (where, counted noun) of its first mention with a noun
        self.things: dict[Any, tuple[int, str]] = {}
        for q in groups[0]:
            noun = getattr(q, "thing", None)
            value = getattr(q, "value", None)
            if isinstance(noun, str) and noun and value is not None and value not in self.things:
                self.things[value] = (q.start, _head(noun))

    def claims(self) -> list[Claim]:
        sources = [self.names.of_quote(q) for q in self.quotes]
        units = clause_units(self.text, self.sentences, [(q.start, q.end) for q in self.quotes], self.cuts())
        holes = [unit[4] for unit in units if unit[4] is not None]
        if holes:
            self.blank(holes)
        out: list[Claim] = []
        previous: Claim | None = None
        for start, end, owner, relative, hole in units:
            if owner < 0 or (relative and self.quotes[owner].kind != "direct"):
                source, own_voice = self.outlet_source, True  # ", which cost ...,": the writer's aside
            else:
                source, own_voice = sources[owner], False
            if hole is None:
                claim = self.claim(start, end, source, own_voice, previous)
            else:
                claim = self.claim_with_hole(start, end, hole, source, own_voice, previous)
            if claim is not None:
                previous = claim
                out.append(claim)
        out.sort(key=_SPAN)
        return out

    def claim_with_hole(
        self, start: int, end: int, hole: tuple[int, int], source: Source, own_voice: bool, previous: Claim | None
    ) -> Claim | None:
        """A claim read with a relative clause blanked out; its span and text stay whole."""
        text, lowered, cues = self.text, self.lowered, self.cues
        if self.alone(hole, start - _READ_BEFORE, end + _READ_AFTER):
            self.text, self.lowered, self.cues = self.blanked  # made once for every such clause
        else:  # another relative clause is near: blank this one alone
            lo, hi = hole
            blank = " " * (hi - lo)
            self.text = text[:lo] + blank + text[hi:]
            self.lowered = lowered[:lo] + blank + lowered[hi:]
            self.cues = cues.without(lo, hi)
        self.hole = hole
        try:
            claim = self.claim(start, end, source, own_voice, previous)
        finally:
            self.text, self.lowered, self.cues, self.hole = text, lowered, cues, None
        if claim is None:
            return None
        return replace(claim, text=text[claim.start : claim.end])

    def alone(self, hole: tuple[int, int], lo: int, hi: int) -> bool:
        """Whether ``hole`` is the only relative clause that ``lo``..``hi`` overlaps."""
        holes = self.holes
        i = bisect_left(holes, (lo - self.longest_hole, 0))
        while i < len(holes) and holes[i][0] < hi:
            if holes[i][1] > lo and holes[i] != hole:
                return False
            i += 1
        return True

    def blank(self, holes: list[tuple[int, int]]) -> None:
        """Make :attr:`blanked`: the text, lower-cased text and cues with every relative clause
        blanked out, once for the article (a copy per clause would read a long article again for
        each); a clause with no other relative clause near reads it as if only its own were blanked."""
        holes = sorted(set(holes))
        self.holes = holes
        self.longest_hole = max(hi - lo for lo, hi in holes)
        text_parts: list[str] = []
        lower_parts: list[str] = []
        at = 0
        for lo, hi in holes:
            lo = max(lo, at)
            if hi <= lo:
                continue
            text_parts += [self.text[at:lo], " " * (hi - lo)]
            lower_parts += [self.lowered[at:lo], " " * (hi - lo)]
            at = hi
        text_parts.append(self.text[at:])
        lower_parts.append(self.lowered[at:])
        starts = [lo for lo, _ in holes]
        ends = list(accumulate((hi for _, hi in holes), max))

        def outside(cue: Cue) -> bool:
            # no hole overlaps the cue: of the holes opening before the cue ends, none closes after it starts
            i = bisect_left(starts, cue[1])
            return i == 0 or ends[i - 1] <= cue[0]

        kept = CueIndex("", [c for c in self.cues.cues if outside(c)])
        self.blanked = ("".join(text_parts), "".join(lower_parts), kept)

    def cuts(self) -> list[tuple[int, int]]:
        """Clause breaks that open with a word: "and that", "in which", "that Osterland says"."""
        text = self.text
        out = []
        for start, end, _, flags, phrase in self.cues.cues:
            if flags & CUT:
                if phrase.endswith(_AUX_ENDINGS):
                    end = start + 4  # "... and would form ...": only "and" goes, the verb group stays
                while end < len(text) and text[end] == " ":
                    end += 1
                out.append((start - 1 if start and text[start - 1] == " " else start, end))
            elif flags & SAY and phrase in _SAYS_AFTER_NAME:
                m = _THAT_NAME.search(text, max(0, start - 80), start)
                if m:
                    out.append((m.start(), m.end()))
        return out

    def contents(self, start: int, end: int) -> tuple[list[_Record], list[_Record], list[_Record]]:
        """The quantities, times and places inside ``start..end`` (and outside a blanked hole)."""
        starts = self.content_starts
        i = bisect_left(starts, start)
        stop = bisect_left(starts, end, i)  # records from ``stop`` on start at or after the end
        out: tuple[list[_Record], list[_Record], list[_Record]] = ([], [], [])
        if i == stop:
            return out
        if self.hole is None:
            for _, group, r in self.contents_by_start[i:stop]:
                if r.end <= end:
                    out[group].append(r)
        else:
            lo, hi = self.hole
            for _, group, r in self.contents_by_start[i:stop]:
                if r.end <= end and (r.end <= lo or r.start >= hi):
                    out[group].append(r)
        return out

    def claim(self, start: int, end: int, source: Source, own_voice: bool, previous: Claim | None) -> Claim | None:
        text = self.text
        lowered = self.lowered
        lo = start
        cues: list[str] = []
        modality_hint: str | None = None
        hedge_frame = _HEDGE_FRAME.match(text, start, end) if lowered[start] in "irw" else None
        if hedge_frame:
            lo = hedge_frame.end()
        condition = _CONDITION.match(text, lo, end) if lowered[lo : lo + 1] in "sabiuo" else None
        if condition:
            lo = condition.end()
            modality_hint = "hypothetical"
            cues.append(text[condition.start() : condition.start() + 2].strip().lower() or "if")
        stance = "asserted" if own_voice else "reported"
        warned = False
        if source.cue:
            cues.append(source.cue)
            cue_stance, warned = _cue_info(source.cue)
            if cue_stance:
                stance = cue_stance
        # "a claim that ...", "the figure which ...": only clauses opening with "a" or "the" can frame
        noun_frame = _NOUN_FRAME.match(text, lo, end) if lowered.startswith(("a", "the"), lo) else None
        reading = read_clause(text, noun_frame.end() if noun_frame else lo, end, lowered)
        if reading.event is None and (noun_frame is None or previous is None):
            return None  # no verb group: an attribution ("a senior official said on Monday") or a fragment
        found = self.cues.within(start, end)
        if reading.frame is not None:
            framed = self.frame_source(start, reading)
            if framed is not None:
                source = framed
                own_voice = False
                stance = _FRAME_STANCE.get(reading.frame, "reported")
                cues.append(" ".join(text[reading.frame_start or start : reading.frame_end or end].split()))
            elif own_voice and reading.frame in _SAY_LEMMAS:
                if previous is None or previous.asserter_kind == "outlet" or not self.pronoun_frame(start, reading):
                    return None  # "X said ..." where X is no source we can name: leave it out rather than guess
                # "It said that ...": the source of the claim before
                source = Source(previous.asserter, previous.asserter_kind, None, None, None)
                own_voice = False
                stance = "reported"
        elif own_voice and found and reading.verb_end is not None and _said_after(found, reading.verb_end):
            trailing = _TRAILING_FRAME.search(text, reading.verb_end, end)
            if trailing is not None:
                lo_src, hi_src = trailing.span("src") if trailing.group("src") else trailing.span("src2")
                framed = self.names.named(lo_src, hi_src)
                if framed is not None:
                    source, own_voice, stance = framed, False, "reported"
                    cues.append(trailing.group("verb") or "according to")
                    end = trailing.start()
                    found = [c for c in found if c[1] <= end]
        event, modality = reading.event, reading.modality
        inherited = None
        if previous is not None and noun_frame is not None and reading.frame in _FRAME_STANCE and not own_voice:
            # "..., a claim that Varnia's state media has dismissed": the denied event is the one before
            event, modality, inherited = previous.event, previous.modality, previous
        if event is None or modality is None:
            return None
        quantities, times, places = self.contents(start, end)
        if self.opinion(reading, event, start, end, bool(quantities or times), places):
            return None
        if not own_voice:
            at = self.cues.flagged_before(DENY_FRAME, start, 30)
            if at is not None and "." not in text[at[1] : start] and ";" not in text[at[1] : start]:
                stance = "denied"  # "denied that ...", "says the opposite: that ..."
        if hedge_frame:
            found.append((0, 0, "hedged", 0, " ".join(hedge_frame.group().lower().split())))
        neither = None
        if found and any(c[3] & NEITHER for c in found):
            neither = _NEITHER_VERIFIED.search(text, start, end)
            if neither:
                found.append((0, 0, "hedged", 0, "could be independently verified"))
        embedded_from = self.embedded(found) if found else None
        embedded_doubt = False
        for c_start, _, found_stance, _, cue in found:
            if found_stance is None:
                continue
            if embedded_from is not None and c_start >= embedded_from:
                embedded_doubt = embedded_doubt or found_stance == "doubted"
                continue  # "58% thought a war was unlikely": the doubt is theirs, not the asserter's
            cues.append(cue)
            if STANCE_RANK[found_stance] < STANCE_RANK[stance]:
                stance = found_stance
        if not own_voice and stance == "reported" and modality == "done" and self.negated(reading):
            stance = "denied"
            cues.append("not")
        if modality_hint and modality in ("done", "ongoing", "planned"):
            modality = modality_hint
        if hedge_frame and modality == "planned":
            modality = "hypothetical"
        if (reading.frame == "warn" or warned) and modality == "planned":
            modality = "threatened"
        if event == "be" and stance == "doubted":
            modality = "hypothetical"  # "a salvo of 1,000 missiles is highly unlikely"
        if embedded_doubt:
            modality = "hypothetical"  # what they think unlikely is a possibility, not a fact
        if neither and modality == "hypothetical":
            modality = "done"
        if (
            not own_voice
            and event == "be"
            and modality == "done"
            and lowered.find("still", start, end) >= 0
            and _BACKSHIFT.search(lowered, start, end)
        ):
            modality = "ongoing"  # "the launchers were still in position": a state when it was said
        cues.extend(reading.cues)
        subject = None
        if reading.subject_start is not None and reading.subject_end is not None:
            subject = text[reading.subject_start : reading.subject_end]
            if self.hole is not None:
                subject = " ".join(subject.split())
            if len(subject) > 90 or subject.count(" ") > 8:
                subject = None
        if quantities or event in _LIGHT_EVENTS:
            event, thing = self.event_and_thing(event, reading, quantities, subject)
        else:  # no figure and a full verb: the thing is what the verb is done to
            thing = _patient_thing(reading.patient) if reading.patient is not None else None
        if inherited is not None:
            thing, subject = inherited.thing, inherited.subject
        key_object = thing or _subject_key(subject)
        event_family = family(event, lowered[start:end])  # "missiles hit" is firing, "prices hit" is not
        key = f"{event_family}|{key_object}" if key_object else event_family
        return Claim(
            start,
            end,
            text[start:end],
            source.name,
            source.kind,
            source.start,
            source.end,
            stance,
            modality,
            "; ".join(dict.fromkeys(cues)) if cues else None,
            event,
            subject,
            thing,
            key,
            tuple([q.as_dict() for q in quantities]) if quantities else (),
            tuple([t.as_dict() for t in times]) if times else (),
            tuple([p.as_dict() for p in places]) if places else (),
        )

    def frame_source(self, start: int, reading: ClauseReading) -> Source | None:
        """The subject of a frame verb inside a clause; "which said" looks back to the noun before."""
        text = self.text
        verb_at = reading.frame_start if reading.frame_start is not None else start
        if verb_at - start >= 2:
            noun_frame = _NOUN_FRAME.match(text, start, verb_at)
            return self.names.named(noun_frame.end() if noun_frame else start, verb_at)
        before = text[max(0, start - 160) : start]
        m = _WHICH_TAIL.search(before)
        if m is None:
            return None
        lo = max(0, start - 160)
        comma = before.rfind(",", 0, m.start() + 1)
        seg_lo = lo + max(before.rfind(",", 0, comma) + 1, before.rfind(".", 0, comma) + 1, 0)
        return self.names.named(seg_lo, lo + comma)

    def pronoun_frame(self, start: int, reading: ClauseReading) -> bool:
        """Whether the frame's subject is "it" or "they" ("It said that ...")."""
        subject = self.lowered[start : reading.frame_start].strip() if reading.frame_start else ""
        return subject in ("it", "they", "it also", "they also", "it added", "the agency")

    def negated(self, reading: ClauseReading) -> bool:
        if reading.negated:
            return True
        if reading.subject_start is None:
            return False
        return bool(
            _NEGATED_SUBJECT.match(self.text, reading.subject_start, reading.subject_end or reading.subject_start)
        )

    def embedded(self, found: list[tuple[int, int, str | None, int, str]]) -> int | None:
        """Where the complement of a third party's opinion verb starts ("58% thought ...")."""
        for start, end, _, flags, _ in found:
            if flags & OPINION:
                before = self.lowered[max(0, start - 4) : start]
                if before.endswith((" i ", "we ")) or not self.lowered[start - 1 : start].isspace():
                    return None  # "I think ...": the asserter's own view
                return end
        return None

    def opinion(
        self, reading: ClauseReading, event: str, start: int, end: int, contents: bool, places: list[_Record]
    ) -> bool:
        """An opinion without checkable content: advice, a first-person view, a judgement.

        ``contents`` tells whether the clause has figures or times; ``places`` are its places.
        """
        if reading.normative:
            return True  # "Varnia must withdraw", "they should talk"
        lowered = self.lowered
        if (
            event in _LIKING
            and reading.subject_start is not None
            and lowered[reading.subject_start : reading.subject_end] in _FIRST_PERSON
        ):
            return True  # "I think ...", "we hope ..."
        if lowered[start] in "iw" and _FIRST_PERSON_VIEW.match(lowered, start, end):
            return True
        if event not in _LIKE_VERBS and event != "be":
            return False
        if reading.verb_end is None or contents:
            return False
        predicate = _WORD.findall(self.lowered, reading.verb_end, min(end, reading.verb_end + 60))
        for word in predicate[:5]:
            if word in _JUDGEMENT:
                return not places
            if word in _STOP_PREDICATE:
                break
        return False

    def event_and_thing(
        self, event: str, reading: ClauseReading, quantities: list[_Record], subject: str | None
    ) -> tuple[str, str | None]:
        """The event (a noun's verb when the verb is light) and the singular thing it is about."""
        thing = None
        for q in quantities:
            noun = getattr(q, "thing", None)
            if isinstance(noun, str) and noun:
                thing = _head(noun)
                break
        if thing is None and self.things:
            for q in quantities:
                seen = self.things.get(getattr(q, "value", None))
                if getattr(q, "unit", None) is None and seen is not None and seen[0] < q.start:
                    thing = seen[1]  # "all 250" counts what "some 250 launchers" did
                    break
        if event in _LIGHT_EVENTS and subject:
            words = subject.lower().split()
            for i, word in enumerate(words):
                verb = event_of_noun(word)
                if verb is not None:
                    event = verb  # "the deployment of launchers began": the event is "deploy"
                    if thing is None and "of" in words[i + 1 : i + 2]:
                        after = [w for w in words[i + 2 :] if w.isalpha()]
                        thing = singular(after[-1]) if after else None
                    break
        patient = reading.patient
        if (
            thing is None
            and patient is not None
            and (
                not quantities
                or not any(getattr(q, "unit", None) and patient in self.lowered[q.start : q.end] for q in quantities)
            )
        ):
            thing = _patient_thing(patient)  # not "kilometres" of "flew 300 kilometres"
        return event, thing


# How far around its own span a clause is read (the frame of "..., which said" before it, a
# character after it): a relative clause blanked out elsewhere in that reach changes the reading.
_READ_BEFORE = 170
_READ_AFTER = 8

_LIGHT_EVENTS = wordset("be have begin start continue take carry complete end confirm follow happen occur")


_CUE_INFO: dict[str, tuple[str | None, bool]] = {}


def _said_after(found: list[tuple[int, int, str | None, int, str]], at: int) -> bool:
    """Whether an attribution verb is among the cues ``found`` from ``at`` on."""
    return any(c[3] & SAY and c[0] >= at for c in found)


def _cue_info(cue: str) -> tuple[str | None, bool]:
    """The stance a quote's cue verb gives ("denied" -> denied) and whether it warns or threatens."""
    info = _CUE_INFO.get(cue)
    if info is None:
        verb = lemma(cue.rsplit(None, 1)[-1])
        info = (_FRAME_STANCE.get(verb), verb in ("warn", "threaten", "vow"))
        if len(_CUE_INFO) < 10_000:
            _CUE_INFO[cue] = info
    return info


def _head(noun: str) -> str:
    """Singular head noun of a counted noun phrase ("multiple rocket launchers" -> "launcher")."""
    return singular(_bare(noun.rsplit(None, 1)[-1].lower()))


def _bare(word: str) -> str:
    """``word`` without a possessive ending ("varnia's" -> "varnia")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word


@lru_cache(maxsize=1 << 14)
def _patient_thing(patient: str) -> str:
    """The singular of a patient noun without its possessive ending ("launchers" -> "launcher")."""
    return singular(_bare(patient))


@lru_cache(maxsize=1 << 14)
def _subject_key(subject: str | None) -> str | None:
    """A grouping form of a subject: proper names whole, common nouns by their singular head."""
    if not subject:
        return None
    words = [_bare(w) for w in subject.split() if w.lower() not in _KEY_SKIP]
    if not words:
        return None
    last = words[-1]
    if last[:1].islower():
        return singular(last.lower())
    return " ".join(words).lower()


_KEY_SKIP = wordset("the a an its their his her our this these those")


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    claims = extract_claims(
        doc,
        quotes=found["quotes"],
        quantities=found["quantities"],
        times=found["times"],
        places=found["places"],
        entities=found["entities"],
    )
    return {"claims": tuple(claims)}


CLAIMS = Extractor("claims", ("quotes", "quantities", "times", "places", "entities"), ("claims",), _extract)
"""The claims extractor as the extract stage runs it."""

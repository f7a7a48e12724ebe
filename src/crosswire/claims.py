"""Claims: checkable statements with who asserts them, the asserter's stance and the event's modality.

``extract_claims(article)`` returns :class:`Claim` records sorted by ``start``. A claim is a
clause that says something happened, is happening, is planned or threatened, or gives a figure.
Rules in brief (details in ``docs/extractors/claims.md``):

1. **Units.** The content of every quotation (direct, partial, reported) is attributed to its
   speaker; the rest of each sentence is the outlet's own voice. Both are cut into clauses at
   ";", ", and", ", but", ", while", "in which", ", two days after" and the like; a clause needs
   a finite verb (attribution frames such as "a senior official said on Monday" are dropped),
   and boilerplate ("Reporting by ...", "Subscribe") is skipped.
2. **Asserter.** A quote's speaker (pronouns resolved by :mod:`crosswire.quotes`), kept as a
   named speaker, an unnamed source ("a senior official", "diplomats") or a news medium ("VCNA",
   "state media", "the Dolmek Herald"); a frame verb inside a clause ("VCNA dismissed reports
   that ...", "Osterland accused Varnia of ...", "which Osterland says were moved") makes its
   subject the asserter; otherwise the outlet.
3. **Stance.** denied > doubted > hedged (cue words in the clause, or the frame verb), else
   reported when attributed, asserted in the outlet's voice. A source negating an event ("no
   deployment had been ordered") denies it.
4. **Modality, event, subject**: from the clause's main verb group (:mod:`crosswire.stance`).
5. The quantities, times and places inside the clause, as their records' dicts; ``thing`` is
   the counted noun of the first quantity that has one; ``key`` is ``event|thing`` (or
   ``event|subject``) for grouping claims about the same thing across articles.

Written by hand: no library does attribution-aware claim detection offline within the speed
budget (see ANCHORS.md: comparable systems drop "X said Y happened" or use trained models).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from crosswire.model import Article
from crosswire.quotes import Quote, extract_quotes
from crosswire.sentences import split_sentences
from crosswire.speakers import TITLES, parse_left, tokenize
from crosswire.stance import STANCE_ORDER, ClauseReading, StanceCues, lemma, read_clause

__all__ = ["Claim", "extract_claims"]

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


@dataclass(frozen=True, slots=True)
class _Source:
    """Who a stretch of text is attributed to."""

    name: str
    kind: str
    start: int | None
    end: int | None
    cue: str | None


# --- vocabulary -------------------------------------------------------------------------------

# News media as sources: agencies, state outlets, newspapers and broadcasters cited by name.
_MEDIA = re.compile(
    r"\b(?:news\s+agency|state\s+(?:media|television|tv|radio|broadcaster|news)|state-run|"
    r"agency|broadcaster|newspaper|Herald|Times|Post|Daily|Gazette|Tribune|Radio|Television|TV|"
    r"Xinhua|TASS|KCNA|Yonhap|Reuters|AFP|AP|[A-Z]{2,3}NA)\b",
    re.IGNORECASE,
)
_MEDIA_EXACT = re.compile(r"^(?:[A-Z]{2,3}NA|Xinhua|TASS|Reuters|AFP|AP|Yonhap|Interfax|IRNA)$")
_TITLE_ONLY = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Sen|Rep|Gov|Lt|Capt|Maj|Adm|Sgt)\.?$")
_NAME_AFTER = re.compile(r"\.?\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")
_UNNAMED_HEADS = re.compile(
    r"\b(?:officials?|sources?|diplomats?|residents|analysts?|observers|experts?|witnesses|people|"
    r"spokes(?:person|man|woman)|aides?|officers?|lines|agents|masters|council|administration|"
    r"ministry|military|government|engineers|traders|monitors|stallholders)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLES)
_PLACEHOLDER_PRONOUNS = frozenset({"it", "they", "we", "which", "who"})

# Boilerplate lines: credits, calls to subscribe, copyright, photo captions.
_BOILERPLATE = re.compile(
    r"\W*(?:\(?reporting\s+by|\(?editing\s+by|\(?writing\s+by|additional\s+reporting|subscribe|"
    r"sign\s+up|follow\s+us|read\s+more|click\s+here|copyright|all\s+rights\s+reserved|"
    r"share\s+this|advertisement|photo:|image:|getty\s+images|related:)",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,}(?:,\s[^-—–()\n]{1,40}?)?(?:\s\([A-Za-z]{2,10}\))?\s*[-—–]\s+")

# Clause boundaries inside a sentence or a quotation.
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|[\"“”„«»]"
    r"|,\s+(?:and|but|while|whereas|although|though)\s+(?:that\s+)?"
    r"|\s+(?:and|but)\s+that\s+"
    r"|,?\s+(?:in\s+which|after\s+which|during\s+which)\s+"
    r"|,\s+(?:\w+\s+){0,3}?(?:after|before|since|when|as|until)\s+(?=[A-Z])"
    r"|,?\s+(?:that|which|who)\s+(?=(?:[A-Z][\w'’-]*\s+){1,4}(?:says|said|claims|claimed|reported)\b)"
    r"|,\s+(?:where|which|who)\s+(?=(?:\w+\s+){0,3}?(?:said|says|say|reported|told|denied|claimed)\b)"
    r"|,\s+where\s+"
    r"|,\s+(?=(?:a|an)\s+(?:claim|figure|report|charge|accusation|allegation)\s+(?:that|which)\b)"
)
_LEADING = re.compile(r"(?:[,;:\s]|and\b|but\b|that\b|so\b|while\b|the\s+opposite\s*:\s*that\b)+", re.I)
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
_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,6}[A-Z][\w'’-]*)\s+\(([A-Z]{2,8})\)")
_DENY_BEFORE = re.compile(
    r"\b(?:denied|denies|deny|dismissed|rejected|refuted|the\s+opposite)\b[^.;]{0,25}$", re.IGNORECASE
)
_WHICH_TAIL = re.compile(r",\s+(?:which|who)\s*$")
_NEITHER_VERIFIED = re.compile(
    r"\bneither\b[^.;]{0,40}\bcould\s+be\s+(?:independently\s+)?(?:verified|confirmed)", re.I
)
_BACKSHIFT = re.compile(r"\b(?:were|was)\s+still\b", re.IGNORECASE)
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
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|late|early|earlier|later|last|this)\b.*$|\s+(?:also|later|earlier|again)$", re.I
)
_NEGATED_SUBJECT = re.compile(r"(?:no|none|nobody|nothing|neither|not\s+(?:a\s+single|one))\b", re.IGNORECASE)
_MIN_CLAUSE_WORDS = 3


def extract_claims(
    article: Article,
    *,
    quotes: Sequence[Quote] | None = None,
    quantities: Sequence[_Record] | None = None,
    times: Sequence[_Record] | None = None,
    places: Sequence[_Record] | None = None,
    entities: Sequence[Any] | None = None,
) -> list[Claim]:
    """Checkable claims in ``article`` with asserter, stance, modality and what they contain."""
    text = article.text
    if not text.strip():
        return []
    if quotes is None:
        quotes = extract_quotes(article)
    if quantities is None:
        from crosswire.quantities import extract_quantities

        quantities = extract_quantities(article)
    if times is None:
        from crosswire.times import extract_times

        times = extract_times(article)
    if places is None:
        from crosswire.places import extract_places

        places = extract_places(article)
    if entities is None:
        from crosswire.entities import extract_entities

        entities = extract_entities(article)
    outlet = article.outlet or "outlet"
    names = _Names(text, entities, outlet)
    pieces = _attributed_pieces(text, quotes, names)
    claimed = sorted((q.start, q.end) for q in quotes)
    for sentence in split_sentences(text):
        if _BOILERPLATE.match(text, sentence.start):
            continue
        for lo, hi in _gaps(sentence.start, sentence.end, claimed):
            pieces.extend((s, e, None) for s, e in _clauses(text, lo, hi))
    pieces.sort(key=lambda p: (p[0], p[1]))
    contents = _Contents(StanceCues(text), quantities, times, places)
    claims: list[Claim] = []
    outlet_source = _Source(outlet, "outlet", None, None, None)
    previous: Claim | None = None
    for start, end, source in pieces:
        claim = _claim(text, start, end, source or outlet_source, source is None, names, contents, previous)
        if claim is not None:
            previous = claim
            claims.append(claim)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


# --- units ------------------------------------------------------------------------------------


def _attributed_pieces(
    text: str, quotes: Sequence[Quote], names: _Names
) -> list[tuple[int, int, _Source | None]]:
    """Clauses of quotation content with their source; nested quotes go to the innermost one."""
    pieces: list[tuple[int, int, _Source | None]] = []
    taken: list[tuple[int, int]] = []
    last: _Source | None = None
    sources = {}
    for q in sorted(quotes, key=lambda q: q.start):
        sources[(q.start, q.end)] = last = names.source(q, last)
    for q in sorted(quotes, key=lambda q: q.end - q.start):
        source = sources[(q.start, q.end)]
        for lo, hi in _gaps(q.start, q.end, taken):
            pieces.extend((s, e, source) for s, e in _clauses(text, lo, hi))
        taken.append((q.start, q.end))
        taken.sort()
    return pieces


def _gaps(lo: int, hi: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``lo..hi`` minus the (sorted) ``taken`` spans."""
    out = []
    pos = lo
    for s, e in taken:
        if e <= pos or s >= hi:
            continue
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < hi:
        out.append((pos, hi))
    return out


def _clauses(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Clause spans of ``text[lo:hi]``, trimmed of connectives and punctuation."""
    dateline = _DATELINE.match(text, lo, hi)
    if dateline:
        lo = dateline.end()
    out = []
    pos = lo
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, hi))
    trimmed = []
    for s, e in out:
        lead = _LEADING.match(text, s, e)
        if lead:
            s = lead.end()
        while e > s and text[e - 1] in " \n\t.,;:!?)(—–-'’\"“”":
            e -= 1
        while s < e and text[s] in " \n\t(—–-'’\"“”":
            s += 1
        if len(text[s:e].split()) >= _MIN_CLAUSE_WORDS:
            trimmed.append((s, e))
    return trimmed


# --- asserters --------------------------------------------------------------------------------


class _Names:
    """Asserter names: quote speakers made whole with the entity list, and their kinds."""

    def __init__(self, text: str, entities: Sequence[Any], outlet: str) -> None:
        self.text = text
        self.outlet = outlet
        self.outlet_key = _fold(outlet)
        spans = [(e.start, e.end, e.text, getattr(e, "label", "")) for e in entities]
        spans.sort()
        self.entities = spans
        self.entity_starts = [s[0] for s in spans]
        self.persons = [(s[0], s[2]) for s in spans if s[3] == "PERSON" and " " in s[2]]
        # "the Varnian Central News Agency (VCNA)": the acronym stands for the full name
        self.aliases = {m.group(2): _strip_article(m.group(1)) for m in _ACRONYM.finditer(text)}
        self.seen: list[_Source] = []

    def full(self, name: str) -> str:
        return self.aliases.get(name, name)

    def entity_at(self, start: int, end: int) -> tuple[int, int, str, str] | None:
        i = bisect_left(self.entity_starts, start - 80)
        best = None
        while i < len(self.entities) and self.entities[i][0] < end:
            ent = self.entities[i]
            if (
                ent[1] > start
                and ent[3] in ("ORG", "MEDIA", "PERSON", "GPE", "NORP")
                and (best is None or ent[1] - ent[0] > best[1] - best[0])
            ):
                best = ent
            i += 1
        return best

    def source(self, quote: Quote, previous: _Source | None) -> _Source:
        speaker = quote.speaker
        if speaker is None:
            return _Source("unknown speaker", "unnamed", None, None, quote.cue)
        return self.from_speaker(speaker.name, speaker.start, speaker.end, speaker.kind, quote.cue, previous)

    def from_speaker(
        self, name: str, start: int, end: int, speaker_kind: str, cue: str | None, previous: _Source | None
    ) -> _Source:
        lowered = name.lower()
        if lowered in _PLACEHOLDER_PRONOUNS and previous is not None and previous.kind != "speaker":
            return self._remember(_Source(previous.name, previous.kind, start, end, cue))
        if _TITLE_ONLY.match(name) and _NAME_AFTER.match(self.text, end):
            pass  # "Dr. Tomas Rieger": the name follows the title
        elif lowered in ("he", "she", "i") or lowered in _TITLE_WORDS:
            person = self.person_before(start)
            if person is not None:
                return self._remember(_Source(person, "speaker", start, end, cue))
        if lowered.startswith(("the ", "this ")) and " " in lowered:
            head = lowered.split()[-1]
            for earlier in reversed(self.seen):
                if head in earlier.name.lower() or (head == "agency" and earlier.kind == "state_media"):
                    return self._remember(_Source(earlier.name, earlier.kind, start, end, cue))
        if _TITLE_ONLY.match(name):
            m = _NAME_AFTER.match(self.text, end)
            if m:
                name = m.group(1)
                end = m.end(1)
        elif speaker_kind in ("named", "unnamed") and name[:1].isupper():
            ent = self.entity_at(start, end)
            if ent is not None and ent[0] <= start and end <= ent[1] and ent[3] in ("ORG", "MEDIA"):
                name, start, end = ent[2], ent[0], ent[1]
        name = self.full(_strip_article(name) if name[:1].isupper() else name)
        return self._remember(_Source(name, self.kind_of(name, speaker_kind), start, end, cue))

    def _remember(self, source: _Source) -> _Source:
        self.seen.append(source)
        return source

    def person_before(self, pos: int) -> str | None:
        found = None
        for start, name in self.persons:
            if start >= pos:
                break
            found = name
        return found

    def named(self, start: int, end: int) -> _Source | None:
        """A source named by the subject ``text[start:end]`` of a frame verb ("VCNA on Tuesday")."""
        raw = self.text[start:end]
        phrase = _TIME_TAIL.sub("", raw).strip(" ,")
        if not phrase:
            return None
        lead = len(raw) - len(raw.lstrip(" ,"))
        start += lead
        end = start + len(phrase)
        tokens = tokenize(self.text, start, end)
        speaker = parse_left(self.text, tokens) if tokens else None
        if speaker is None:
            return None
        lowered = speaker.name.lower()
        if lowered in _PLACEHOLDER_PRONOUNS:
            return None
        if (
            not speaker.name[:1].isupper()
            and not _UNNAMED_HEADS.search(speaker.name)
            and not _MEDIA.search(speaker.name)
        ):
            return None
        return self.from_speaker(speaker.name, speaker.start, speaker.end, speaker.kind, None, None)

    def kind_of(self, name: str, speaker_kind: str) -> str:
        if _fold(name) == self.outlet_key:
            return "outlet"
        if _MEDIA_EXACT.match(name) or _MEDIA.search(name):
            return "state_media"
        if speaker_kind == "unnamed" or (speaker_kind == "descriptor" and not name[:1].isupper()):
            return "unnamed"
        if name[:1].islower() or name.lower().startswith(("a ", "an ", "the ")):
            return "unnamed"
        return "speaker"


def _strip_article(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) and name[4:5].isupper() else name


def _fold(name: str) -> str:
    name = name.lower().replace("’", "'")
    return name[4:] if name.startswith("the ") else name


# --- claims -----------------------------------------------------------------------------------


class _Contents:
    """The other extractors' records, found by position."""

    def __init__(self, cues: StanceCues, *groups: Sequence[_Record]) -> None:
        self.cues = cues
        self.groups = []
        for records in groups:
            ordered = sorted(records, key=lambda r: r.start)
            self.groups.append((ordered, [r.start for r in ordered]))

    def inside(self, index: int, start: int, end: int) -> list[_Record]:
        records, starts = self.groups[index]
        i = bisect_left(starts, start)
        out = []
        while i < len(records) and records[i].start < end:
            if records[i].end <= end:
                out.append(records[i])
            i += 1
        return out


def _claim(
    text: str,
    start: int,
    end: int,
    source: _Source,
    own_voice: bool,
    names: _Names,
    contents: _Contents,
    previous: Claim | None,
) -> Claim | None:
    lo = start
    cues: list[str] = []
    modality_hint: str | None = None
    hedge_frame = _HEDGE_FRAME.match(text, start, end)
    if hedge_frame:
        lo = hedge_frame.end()
    condition = _CONDITION.match(text, lo, end)
    if condition:
        lo = condition.end()
        modality_hint = "hypothetical"
        cues.append(text[condition.start() : condition.start() + 2].strip().lower() or "if")
    stance = "asserted" if own_voice else "reported"
    if source.cue:
        cues.append(source.cue)
        cue_stance = _FRAME_STANCE.get(lemma(source.cue.split()[-1]))
        if cue_stance:
            stance = cue_stance
    reading = read_clause(text, lo, end)
    if reading.frame is not None:
        framed = _frame_source(text, start, reading, names)
        if framed is not None:
            source = framed
            own_voice = False
            stance = _FRAME_STANCE.get(reading.frame, "reported")
            cues.append(text[reading.frame_start or start : reading.frame_end or end])
        elif own_voice and reading.frame in _SAY_LEMMAS:
            return None  # "X said ..." where X is no source we can name: leave it out rather than guess
    elif own_voice and reading.verb_end is not None:
        trailing = _TRAILING_FRAME.search(text, reading.verb_end, end)
        if trailing is not None:
            lo_src, hi_src = trailing.span("src") if trailing.group("src") else trailing.span("src2")
            framed = names.named(lo_src, hi_src)
            if framed is not None:
                source, own_voice, stance = framed, False, "reported"
                cues.append(trailing.group("verb") or "according to")
                end = trailing.start()
    event, modality = reading.event, reading.modality
    if event is None and previous is not None and reading.frame in _FRAME_STANCE and not own_voice:
        # "..., a claim that Varnia's state media has dismissed": the denied event is the one before
        event, modality = previous.event, previous.modality
    if event is None or modality is None:
        return None
    if not own_voice and _DENY_BEFORE.search(text, max(0, start - 30), start):
        stance = "denied"  # "denied that ...", "says the opposite: that ..."
    found = contents.cues.within(start, end)
    if hedge_frame:
        found.append(("hedged", " ".join(hedge_frame.group().lower().split())))
    neither = _NEITHER_VERIFIED.search(text, start, end)
    if neither:
        found.append(("hedged", "could be independently verified"))
    for found_stance, cue in found:
        cues.append(cue)
        if STANCE_ORDER.index(found_stance) < STANCE_ORDER.index(stance):
            stance = found_stance
    if not own_voice and stance == "reported" and _negated(text, reading):
        stance = "denied"
        cues.append("not")
    if modality_hint and modality in ("done", "ongoing", "planned"):
        modality = modality_hint
    if hedge_frame and modality == "planned":
        modality = "hypothetical"
    warned = source.cue is not None and lemma(source.cue.split()[-1]) in ("warn", "threaten", "vow")
    if (reading.frame == "warn" or warned) and modality == "planned":
        modality = "threatened"
    if event == "be" and stance == "doubted":
        modality = "hypothetical"  # "a salvo of 1,000 missiles is highly unlikely"
    if neither and modality == "hypothetical":
        modality = "done"
    if not own_voice and event == "be" and modality == "done" and _BACKSHIFT.search(text, start, end):
        modality = "ongoing"  # "the launchers were still in position": a state when it was said
    cues.extend(reading.cues)
    subject = None
    if reading.subject_start is not None and reading.subject_end is not None:
        subject = text[reading.subject_start : reading.subject_end]
        if len(subject.split()) > 10:
            subject = None
    quantities = contents.inside(0, start, end)
    thing = next((t for t in (_thing(q) for q in quantities) if t), None)
    key_object = thing or (subject.lower() if subject else None)
    key = f"{event}|{key_object}" if key_object else event
    return Claim(
        start=start,
        end=end,
        text=text[start:end],
        asserter=source.name,
        asserter_kind=source.kind,
        asserter_start=source.start,
        asserter_end=source.end,
        stance=stance,
        modality=modality,
        cue="; ".join(dict.fromkeys(" ".join(c.split()) for c in cues if c.strip())) or None,
        event=event,
        subject=subject,
        thing=thing,
        key=key,
        quantities=tuple(q.as_dict() for q in quantities),
        times=tuple(t.as_dict() for t in contents.inside(1, start, end)),
        places=tuple(p.as_dict() for p in contents.inside(2, start, end)),
    )


def _frame_source(text: str, start: int, reading: ClauseReading, names: _Names) -> _Source | None:
    """The subject of a frame verb inside a clause; "which said" looks back to the noun before."""
    verb_at = reading.frame_start if reading.frame_start is not None else start
    if verb_at - start >= 2:
        return names.named(start, verb_at)
    before = text[max(0, start - 160) : start]
    m = _WHICH_TAIL.search(before)
    if m is None:
        return None
    lo = max(0, start - 160)
    comma = before.rfind(",", 0, m.start() + 1)
    seg_lo = lo + max(before.rfind(",", 0, comma) + 1, before.rfind(".", 0, comma) + 1, 0)
    return names.named(seg_lo, lo + comma)


def _negated(text: str, reading: ClauseReading) -> bool:
    if reading.negated:
        return True
    if reading.subject_start is None:
        return False
    return bool(
        _NEGATED_SUBJECT.match(text, reading.subject_start, reading.subject_end or reading.subject_start)
    )


def _thing(record: _Record) -> str | None:
    thing = getattr(record, "thing", None)
    return thing.lower() if isinstance(thing, str) and thing else None

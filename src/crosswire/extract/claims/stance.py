"""Stance and modality of a claim clause: cue words, the main verb group and its lemma.

Used by :mod:`crosswire.extract.claims.extractor`. Two parts, both built for one pass over an article:

- :class:`CueIndex` finds every stance cue of a text at once with one Aho-Corasick automaton
  over the lower-cased text: hedges ("reportedly", "appears to", "it remains unclear
  whether"), doubts ("unlikely", "no evidence"), denials ("denied", "a fabrication", "no such"),
  and the attribution verbs that tell :mod:`crosswire.extract.claims.extractor` where a frame may hide ("said",
  "according to"). Clauses then look their cues up by position.
- :func:`read_clause` walks the words of one clause only as far as its main verb group ("has
  moved", "threatened on Monday to deploy", "could not be independently verified", "are being
  deployed") and reads from it the **modality** (done, ongoing, planned, threatened,
  hypothetical), the **event** (lemma of the main verb, "moved" -> "move", "flew" -> "fly"),
  the **subject** (the words before the verb group), the **patient** (the head noun of what the
  event is done to: the object, or the subject of a passive) and an attribution **frame**
  before the content ("VCNA said ...", "Osterland accused Varnia of ...").

Written by hand: a part-of-speech tagger or parser is far over the per-article time budget, and
English news marks tense, aspect and modality with a small closed set of auxiliaries and
catenative verbs ("plans to", "vowed to") that word lists cover well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import repeat
from typing import Any

import ahocorasick

from crosswire.extract.quotes.speakers import wordset
from crosswire.text.lemmas import lemma

__all__ = ["FRAME_VERBS", "SAY_VERBS", "STANCE_ORDER", "ClauseReading", "CueIndex", "lemma", "read_clause"]

# Strongest first: a clause with a denial cue and a hedge is a denial.
STANCE_ORDER = ("denied", "doubted", "hedged", "reported", "asserted")
STANCE_RANK = {s: i for i, s in enumerate(STANCE_ORDER)}


def _phrases(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.strip().split("\n") if p.strip()]


_HEDGE = _phrases(
    """
    reportedly
    allegedly
    purportedly
    apparently
    ostensibly
    supposedly
    appears to
    appear to
    appeared to
    seems to
    seem to
    seemed to
    may have
    might have
    may well have
    is believed to
    are believed to
    was believed to
    were believed to
    is thought to
    are thought to
    were thought to
    was thought to
    is said to
    are said to
    is understood to
    unclear whether
    unclear if
    not clear whether
    not clear if
    remains unclear
    could not be independently verified
    could not be verified
    could not be confirmed
    could not be independently confirmed
    could not be identified
    could not be established
    could not independently verify
    could not independently confirm
    could not verify
    could not confirm
    cannot be verified
    cannot be independently verified
    was not possible to verify
    unverified
    unconfirmed
    """
)
_DOUBT = _phrases(
    """
    unlikely
    improbable
    implausible
    doubt
    doubts
    doubted
    doubtful
    questioned
    questions whether
    sceptical
    skeptical
    remains uncertain
    it is uncertain
    no evidence
    not convinced
    exaggeration
    exaggerated
    overstated
    """
)
_DENY = _phrases(
    """
    denied
    denies
    deny
    denying
    rejected reports
    rejected claims
    rejected the claim
    rejected the report
    rejects reports
    dismissed
    dismisses
    false
    untrue
    baseless
    groundless
    fabrication
    fabricated
    no such
    the opposite
    refuted
    refutes
    """
)
# Words that matter to clause handling but are no stance of their own: attribution verbs (a
# trailing ", X said" may hide in a clause), denial frames just before a clause ("rejected
# that ..."), "neither ... could be verified", and verbs of opinion whose complement belongs
# to someone else ("58% thought a war was unlikely").
_SAY = _phrases(
    """
    said
    says
    reported
    reports
    told
    added
    claimed
    claims
    insisted
    confirmed
    estimated
    according to
    """
)
_DENY_FRAME = _phrases(
    """
    denied
    denies
    deny
    dismissed
    dismisses
    rejected
    rejects
    refuted
    the opposite
    """
)
_OPINION = _phrases(
    """
    thought
    think
    thinks
    believe
    believes
    believed
    felt
    feel
    feels
    expect
    expects
    expected
    """
)
# Connectives that open a clause without a comma before them.
_CUT = _phrases(
    """
    and would
    and will
    and could
    and had
    and has
    and have
    and was
    and were
    and that
    but that
    in which
    after which
    during which
    """
)
SAY, DENY_FRAME, NEITHER, OPINION, CUT = 1, 2, 4, 8, 16


def _automaton() -> ahocorasick.Automaton:
    stances: dict[str, str] = {}
    flags: dict[str, int] = {}
    for stance, phrases in (("denied", _DENY), ("doubted", _DOUBT), ("hedged", _HEDGE)):
        for p in phrases:
            stances[p] = stance
    for flag, phrases in (
        (SAY, _SAY),
        (DENY_FRAME, _DENY_FRAME),
        (NEITHER, ["neither"]),
        (OPINION, _OPINION),
        (CUT, _CUT),
    ):
        for p in phrases:
            flags[p] = flags.get(p, 0) | flag
    automaton = ahocorasick.Automaton()
    for phrase in stances.keys() | flags.keys():
        automaton.add_word(phrase, (len(phrase), stances.get(phrase), flags.get(phrase, 0), phrase))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _automaton()


Cue = tuple[int, int, str | None, int, str]
"""A cue found in a text: ``(start, end, stance or None, flags, phrase)``."""


class CueIndex:
    """Every cue of a whole text, found in one Aho-Corasick pass, looked up by span.

    ``lowered`` is the lower-cased text, of the same length as the text (positions agree). A
    cue is ``(start, end, stance or None, flags, phrase)``.
    """

    __slots__ = ("cues", "starts")

    def __init__(self, lowered: str, cues: list[Cue] | None = None) -> None:
        """Index the cues of ``lowered``, or take ``cues`` (already found, in text order) as they are."""
        if cues is not None:
            self.cues = cues
            self.starts = [c[0] for c in cues]
            return
        cues = []
        n = len(lowered)
        for last, (size, stance, flags, phrase) in _AUTOMATON.iter(lowered):
            start = last - size + 1
            after = last + 1
            if (start and lowered[start - 1].isalnum()) or (after < n and lowered[after].isalnum()):
                continue  # inside a longer word: "deny" in "denying" is found as "denying"
            cues.append((start, after, stance, flags, phrase))
        cues.sort()
        self.cues = cues
        self.starts = [c[0] for c in cues]

    def within(self, start: int, end: int) -> list[Cue]:
        """The cues inside ``start..end``, in text order."""
        if not self.cues:
            return []
        i = bisect_left(self.starts, start)
        out = []
        cues = self.cues
        while i < len(cues) and cues[i][0] < end:
            if cues[i][1] <= end:
                out.append(cues[i])
            i += 1
        return out

    def without(self, lo: int, hi: int) -> CueIndex:
        """A copy without the cues inside ``lo..hi``."""
        return CueIndex("", [c for c in self.cues if c[1] <= lo or c[0] >= hi])

    def flagged_before(self, flag: int, start: int, reach: int) -> tuple[int, int] | None:
        """The span of the last cue with ``flag`` that ends within ``reach`` before ``start``."""
        i = bisect_left(self.starts, start) - 1
        while i >= 0 and self.cues[i][1] >= start - reach:
            cue = self.cues[i]
            if cue[3] & flag and cue[1] <= start:
                return cue[0], cue[1]
            i -= 1
        return None


# --- word classes -----------------------------------------------------------------------------

BE, HAVE, DO, MODAL, ADV, NEG, DET, NOT_VERB, PRESENT, PAST_IRR = (1 << i for i in range(10))
FRAME, NOT_FRAME, THREAT, PLAN, ONGOING, HEDGE_VERB, ABLE, PARTICLE, PREP, BASE_PAST = (1 << i for i in range(10, 20))
AUX = BE | HAVE | DO | MODAL

_CLASS: dict[str, int] = {}


def _add(flag: int, words: str) -> frozenset[str]:
    for w in words.split():
        _CLASS[w] = _CLASS.get(w, 0) | flag
    return frozenset(words.split())


_add(BE, "is are was were be been being am 's 're")
_add(HAVE, "has have had having 've")
_add(DO, "did does do")
_add(MODAL, "will would could can may might shall should must wo ca 'll 'd")
_FUTURE = wordset("will shall wo 'll")
_MAYBE = wordset("could might may")
_NORMATIVE = wordset("should must")
_add(
    ADV,
    """
    not n't never also already reportedly allegedly apparently still only repeatedly independently
    well just yet since now then again first later once previously recently quickly immediately
    ever further officially formally publicly fully largely partly mostly probably possibly
    certainly clearly actually even no longer
    """,
)
_add(NEG, "not n't never no")
_add(DET, "the a an its his her their our this these those some any every each no")
_add(
    NOT_VERB,
    """
    the a an of in on at to for with by from and or but as that this these those its his her
    their our your my red need indeed speed seed feed breed hundred bed shed embed
    armed united based led
    """,
)
# Common verbs in the present tense (third person), too few to be told from plural nouns by
# their ending alone ("carries" vs "launchers").
_add(
    PRESENT,
    """
    has is does carries says comes follows lies remains includes holds shows needs accuses plans
    intends threatens wants seeks continues stands sits runs leads faces denies claims keeps
    gives takes makes moves fires deploys sends tests sounds looks owns controls borders covers
    costs weighs hosts houses employs operates produces begins ends opens closes lasts reaches
    appears seems speaks works stays says
    """,
)
# Attribution verbs: a clause whose only verb is one of these is an attribution frame.
SAY_VERBS = _add(
    FRAME,
    """
    said says say saying told tells tell added adds stated states announced announces claimed
    claims noted notes reported reports confirmed confirms insisted insists
    estimated estimates quoted quotes
    """,
)
# Verbs that frame someone else's claim: attribution verbs and verbs of denial, doubt, accusation.
FRAME_VERBS = SAY_VERBS | _add(
    FRAME,
    """
    denied denies dismissed dismisses rejected rejects disputed disputes questioned doubted
    accused accuses accusing refuted refutes alleged alleges insisted insists warned warns
    """,
)
_add(NOT_FRAME, "reported reports")  # "had reported" is mostly an event ("it had reported losses")
# Catenative verbs ("threatened to deploy"): the verb after "to" is the event, the catenative
# gives the modality.
_add(THREAT, "threaten threatens threatened threatening vow vows vowed vowing warn warns warned hesitate")
_add(
    PLAN,
    """
    plan plans planned planning intend intends intended intending aim aims aimed set due expected
    scheduled prepare prepares preparing prepared agree agrees agreed promise promises promised
    pledge pledges pledged decide decides decided want wants wanted seek seeks sought hope hopes
    going
    """,
)
_add(ONGOING, "continue continues continued continuing keep keeps")
_add(HEDGE_VERB, "appear appears appeared seem seems seemed believed thought said reported alleged")
_add(ABLE, "able capable likely unlikely")
_add(PARTICLE, "up down off out aside back over away")
# Past forms that are also nouns: verbs only where the context says so (see _base_past).
_add(BASE_PAST, "cost costs hurt shut let cast burst")
_GAP_PLANS = wordset("plan plans planned planning intend intends intended promised pledged agreed decided vowed")
_TIME_AFTER = ("on ", "in ", "at ", "last ", "earlier ", "this ")  # "the launchers it reported on Monday"
_NUMERALS = wordset("one two three four five six seven eight nine ten dozen dozens hundreds thousands")
_PRONOUN_SUBJECTS = wordset("which that who it they he she we i you")
_PRONOUNS = wordset("it they them he him she her we us i me you this that these those one")
_add(
    PREP,
    """
    to toward towards into onto in on at from by for with without within near across along over
    under through since until after before during against between about around off of as than
    via per amid despite because if while when where which who that whether and or but
    south north east west southward northward southwards northwards home abroad overnight
    """,
)

_PAST_IRREGULAR = wordset("""
    flew flown sent fell fallen took taken began begun came left held struck shot hit made said
    told gave given went gone saw seen built brought bought sold lost won led met kept sank sunk
    rose risen stood spent found thought drove driven broke broken ran put set cut quit spread
    fought caught heard wrote written knew known chose chosen blew blown slept grew grown threw
    thrown had were was been did done got shown became fled bled swept dealt meant paid laid
    withdrew withdrawn overtook undertook sought lay lain lit led
    """)
for _w in _PAST_IRREGULAR:
    _CLASS[_w] = _CLASS.get(_w, 0) | PAST_IRR

# Contractions with "n't" are an auxiliary and a negation at once.
_CONTRACTED = {
    "didn't": "did", "doesn't": "does", "don't": "do", "isn't": "is", "aren't": "are",
    "wasn't": "was", "weren't": "were", "hasn't": "has", "haven't": "have", "hadn't": "had",
    "won't": "will", "wouldn't": "would", "can't": "can", "cannot": "can", "couldn't": "could",
    "shouldn't": "should", "mustn't": "must", "mightn't": "might",
}  # fmt: skip
for _w, _base in _CONTRACTED.items():
    _CLASS[_w] = _CLASS[_base] | NEG
_add(BE, "it's that's there's he's she's what's who's they're we're you're i'm")
_add(HAVE, "we've they've i've you've")
_add(MODAL, "we'll they'll i'll it'll he'll she'll you'll there'll")

_PUNCT = ".,;:!?\"'“”‘’()[]—–-…"
# endless arguments for map(): a window's words are stripped and classed at C speed
_REPEAT_PUNCT = repeat(_PUNCT)
_REPEAT_ZERO = repeat(0)
_STOP_END = frozenset('.,;:!?)—–…"”')
_GERUND = re.compile(r"\b[a-z]{3,}ing\b")
_WINDOW = 64  # characters of a clause read from its verb on: the verb group and its object


class ClauseReading:
    """What the main verb group of a clause says: event lemma, modality, subject, frame.

    Fields left at their class defaults were not found.
    """

    event: str | None = None
    modality: str | None = None
    verb_start: int | None = None
    verb_end: int | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    negated = False
    only_saying = False
    passive = False
    normative = False
    patient: str | None = None  # head noun the event is done to, as written
    cues: tuple[str, ...] = ()
    frame: str | None = None  # lemma of an attribution verb before the content ("say", "deny")
    frame_start: int | None = None
    frame_end: int | None = None


def _alternation(words: frozenset[str] | set[str]) -> str:
    """A regular expression alternation of ``words`` shaped as a trie, so a failing position
    costs a character test or two instead of one test per word."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?" if len(alts) == 1 and len(alts[0]) > 1 else f"{body}?"
        return body

    return build(trie)


# The first word of a clause that may open its verb group: an auxiliary, an attribution verb, a
# listed present or irregular past form, an -ed form, or "according to" (searched in lower case).
_VERBISH = {w for w, c in _CLASS.items() if c & (AUX | FRAME | PRESENT | PAST_IRR | BASE_PAST) and w[0] != "'"}
_FIRST = re.compile(
    r"(?<![A-Za-z'’-])(?:according\s+to|"
    + _alternation(_VERBISH)
    + r"(?![A-Za-z'’-])|[a-z][a-z'’-]{2,}ed(?![A-Za-z'’-]))"
)
_ADVERB_RUN = r"(?:\s+(?:" + _alternation({w for w, c in _CLASS.items() if c & ADV and "'" not in w}) + r"))*"
_AUX_FRAME = re.compile(
    _ADVERB_RUN + r"\s+(" + _alternation({w for w, c in _CLASS.items() if c & FRAME and not c & NOT_FRAME}) + r")\b"
)
_SUBJECT_STOP_WORDS = wordset("that whether if and but which who")
_SUBJECT_STOP_CHARS = frozenset(',;:()"“”—–')
_SUBJECT_STOP_CHAR = re.compile('[,;:()"“”—–]')


def read_clause(text: str, start: int, end: int, lowered: str | None = None) -> ClauseReading:
    """Read the main verb group of ``text[start:end]`` (see the module docstring).

    ``lowered`` is the lower-cased text (same length); pass it when reading many clauses.
    """
    if lowered is None:
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    reading = ClauseReading()
    frame_start = -1
    subject_from = start
    found = -1
    pos = start
    search = _FIRST.search
    while True:
        m = search(lowered, pos, end)
        if m is None:
            break
        at, pos = m.span()
        w = m.group()
        c = _CLASS.get(w, 0)
        if not c:  # "according to", or an -ed form no list names
            if w[0] == "a" and w.startswith("according"):
                reading.only_saying = True
                subject_from = pos
                continue
            if text[at].islower() and not _after_determiner(lowered, start, at):
                found = at
                break
            continue
        if frame_start < 0 and c & (HAVE | DO | MODAL):
            frame = _AUX_FRAME.match(lowered, pos, end)
            if frame is not None:  # "has accused", "had said": an auxiliary before a frame verb
                reading.frame = lemma(frame.group(1))
                frame_start = at
                reading.frame_start, reading.frame_end = at, frame.end()
                reading.only_saying = True
                subject_from = pos = frame.end()
                continue
        if c & NOT_FRAME and lowered.startswith(_TIME_AFTER, pos + 1):
            continue  # "the launchers it reported on Monday were ...": neither frame nor main verb
        if c & FRAME and frame_start < 0 and text[at].islower() and not _after_determiner(lowered, start, at):
            reading.frame = lemma(w)
            frame_start = at
            reading.frame_start, reading.frame_end = at, pos
            reading.only_saying = True
            subject_from = pos
            continue
        if c & AUX or (
            not c & NOT_VERB
            and text[at].islower()
            and (c & (PRESENT | PAST_IRR) or w.endswith("ed") or (c & BASE_PAST and _base_past(lowered, at, pos)))
            and not _after_determiner(lowered, start, at, w[-1] == "s")
        ):
            found = at
            break
    if found < 0:
        if frame_start >= 0:
            _read_gerund(reading, text, lowered, end)
        return reading
    reading.only_saying = False
    stop = found + _WINDOW
    if stop >= end:
        stop = end
    elif not text[stop].isspace():
        space = text.rfind(" ", found, stop)
        if space > found:
            stop = space
    window = lowered[found:stop]
    if "’" in window:
        window = window.replace("’", "'")
    lows = window.split()
    cores = list(map(str.strip, lows, _REPEAT_PUNCT))
    classes = list(map(_CLASS.get, cores, _REPEAT_ZERO))
    k_end = _verb_group(reading, text, found, stop, lows, cores, classes, start, end)
    reading.verb_start = found
    # where the verb group's last word ends, without trailing punctuation (the window's words
    # sit at the same places in the text as in the lower-cased window)
    last = k_end - 1 if k_end > 1 else 0
    at = 0
    for w in lows[:last]:
        at = window.find(w, at) + len(w)
    last_word = lows[last]
    at = window.find(last_word, at)
    bare = len(last_word.rstrip(_PUNCT))
    reading.verb_end = found + at + (bare or len(last_word))
    subject = _read_subject(reading, lowered, subject_from, found) if subject_from < found else []
    if reading.passive:
        reading.patient = _subject_head(subject)
    elif reading.event is not None:
        reading.patient = _noun_after(lows, cores, classes, k_end)
    return reading


def _read_gerund(reading: ClauseReading, text: str, lowered: str, end: int) -> None:
    """The event of "accused Varnia of moving launchers": the gerund after the frame."""
    frame_end: int = reading.frame_end  # type: ignore[assignment]
    g = _GERUND.search(lowered, frame_end, end)
    if (
        g is not None
        and text[g.start()].islower()
        and (lowered.endswith(" of ", 0, g.start()) or g.start() <= frame_end + 1)
    ):
        reading.event = lemma(g.group())
        reading.modality = "done"
        reading.only_saying = False
        lows = lowered[g.end() : min(end, g.end() + _WINDOW)].split()
        cores = list(map(str.strip, lows, _REPEAT_PUNCT))
        reading.patient = _noun_after(lows, cores, list(map(_CLASS.get, cores, _REPEAT_ZERO)), 0)


def _read_subject(reading: ClauseReading, lowered: str, subject_from: int, found: int) -> list[str]:
    """The subject: the words before the verb, back to an opener ("that", "and") or punctuation.

    Sets the reading's subject span; returns the subject's words.
    """
    segment = lowered[subject_from:found]
    before = segment.split()
    j = len(before)
    if not _SUBJECT_STOP_WORDS.isdisjoint(before) or _SUBJECT_STOP_CHAR.search(segment):
        while j > 0:
            word = before[j - 1]
            if word in _SUBJECT_STOP_WORDS or word[-1] in _SUBJECT_STOP_CHARS:
                break
            j -= 1
            if word[0] in _SUBJECT_STOP_CHARS:
                break
    else:
        j = 0  # no opener and no punctuation: all the words before the verb
    subject = before[j:] if j else before
    n_words = len(subject)
    trailing = 0
    while n_words > trailing and _CLASS.get(subject[-1 - trailing], 0) & ADV:
        trailing += 1
    if n_words > trailing:
        segment = segment.rstrip()
        s_lo = subject_from + (len(segment.rsplit(None, n_words)[0]) if len(before) > n_words else 0)
        while lowered[s_lo].isspace():
            s_lo += 1
        s_hi = subject_from + (len(segment.rsplit(None, trailing)[0].rstrip()) if trailing else len(segment))
        reading.subject_start = s_lo
        reading.subject_end = s_hi
        subject = subject[: n_words - trailing]
    return subject


def _base_past(lowered: str, at: int, end: int) -> bool:
    """A past form that is also a noun ("cost") is a verb after "which" or before a figure."""
    before = lowered.rfind(" ", 0, at - 1)
    if lowered[before + 1 : at - 1] in _PRONOUN_SUBJECTS:
        return True
    after = lowered[end + 1 : end + 2]
    return after.isdigit() or after in ("$", "£", "€")


def _after_determiner(lowered: str, start: int, at: int, plural: bool = False) -> bool:
    """Whether the word before ``at`` is a determiner ("a reported attack", "the armed forces")."""
    if at - 1 <= start or lowered[at - 1] != " ":
        return False
    before = lowered.rfind(" ", start, at - 1)
    word = lowered[before + 1 : at - 1]
    if _CLASS.get(word, 0) & DET:
        return True
    # "two houses", "Varnia's plans": a numeral or a possessive before an -s form makes it a noun
    return plural and (word in _NUMERALS or word[:1].isdigit() or word.endswith("'s"))


def _verb_group(
    reading: ClauseReading,
    text: str,
    found: int,
    stop: int,
    lows: list[str],
    cores: list[str],
    classes: list[int],
    start: int,
    end: int,
) -> int:
    """Read the verb group that the window's words open; returns the index after it.

    The window is ``text[found:stop]``; ``lows`` are its lower-cased words, ``cores`` the same
    without punctuation around them, ``classes`` their word classes.
    """
    n = len(lows)
    first_class = classes[0]
    if not first_class & _OPENS_GROUP and cores[0] and cores[0] != "in":
        return _plain_verb(reading, lows, cores, classes, first_class)
    cues: list[str] = []
    modality: str | None = None
    aux: list[str] = []
    main: str | None = None
    k = 0
    main_at = 0
    infinitive = False
    words: list[str] | None = None  # the window's words as written, split only when needed
    while k < n:
        low = cores[k]
        c = classes[k]
        if not low:
            break
        if c & NEG:
            reading.negated = True
            if not c & AUX:
                k += 1
                continue
            low = _CONTRACTED.get(low, low)
        if low == "in" and k + 1 < n and cores[k + 1] == "theory":
            cues.append("in theory")
            modality = "hypothetical"
            k += 2
            continue
        if c & ADV:
            k += 1
            continue
        if c & AUX:
            aux.append(low)
            main_at = k
            k += 1
            if lows[k - 1][-1] in _STOP_END:
                break
            if c & HAVE and k < n and not classes[k] & ADV:
                after, c_after = cores[k], classes[k]
                if not (after.endswith(("ed", "en")) or c_after & PAST_IRR or after == "been"):
                    main = low  # "has a range of": "have" is the main verb
                    break
            continue
        if aux:
            if words is None:
                words = text[found:stop].split()
            first = words[k].lstrip(_PUNCT)[:1]
            if (
                c & DET
                or (c & NOT_VERB and not (c & PAST_IRR or low.endswith("ed")))
                or first.isdigit()
                or first.isupper()
            ):
                main = aux[-1]  # "were still in position", "is a deliberate provocation": a copula
                break
            if (
                not infinitive
                and _CLASS.get(aux[-1], 0) & BE
                and not c & (THREAT | PLAN | ONGOING | HEDGE_VERB | ABLE)
                and not (low.endswith(("ed", "en", "ing")) or c & PAST_IRR or low == "been")
            ):
                main = aux[-1]  # "it's lovely", "was unlikely": a copula before an adjective
                break
        if c & ABLE and k + 1 < n and cores[k + 1] in ("to", "of"):
            cues.append(f"{low} {cores[k + 1]}")
            if low in ("able", "capable"):
                modality = "hypothetical"
            k += 2
            infinitive = True
            continue
        kind = _catenative(c, lows, cores, k) if c & (THREAT | PLAN | ONGOING | HEDGE_VERB) else None
        if kind is not None:
            cue_kind, to_at = kind
            cues.append(f"{low} to")
            if cue_kind != "hedge" and modality != "threatened":
                modality = cue_kind
            aux.append(low)
            k = to_at + 1
            infinitive = True
            continue
        main = low
        main_at = k
        k += 1
        break
    if cues:
        reading.cues = tuple(cues)
    if main is None:
        if not aux:
            return k if k > 1 else 1
        main = aux[-1]
    c_main = _CLASS.get(main, 0)
    if (
        k < n
        and classes[k] & PARTICLE
        and main not in aux
        and lows[k - 1][-1] not in _STOP_END
        and (k + 1 >= n or not classes[k + 1] & DET)
    ):
        reading.event = f"{lemma(main)} {cores[k]}"  # "set up", "came down": the particle belongs to the verb
        k += 1
    elif not c_main & MODAL or main not in aux:
        reading.event = lemma(main)
    if modality is None:
        modality = _modality(aux, main, c_main, text, start, end)
    if aux:
        if "hesitate" in aux:
            modality = "threatened"
        elif modality == "hypothetical" and reading.negated and aux[0] in ("could", "can", "ca"):
            modality = "done"  # "could not be verified": a fact about the past
        if aux[0] in _NORMATIVE or aux[-1] in _NORMATIVE:
            reading.normative = True
        if main_at > 0 and main != aux[-1] and _CLASS.get(aux[-1], 0) & BE:
            reading.passive = main.endswith(("ed", "en")) or bool(c_main & PAST_IRR) or main == "been"
    reading.modality = modality
    return k if k > main_at else main_at + 1


# classes of a first word that make the verb group more than one plain verb
_OPENS_GROUP = NEG | ADV | AUX | ABLE | THREAT | PLAN | ONGOING | HEDGE_VERB


def _plain_verb(reading: ClauseReading, lows: list[str], cores: list[str], classes: list[int], c_main: int) -> int:
    """The verb group of a lone main verb ("moved", "says"), perhaps with a particle ("set up")."""
    main = cores[0]
    if (
        len(lows) > 1
        and classes[1] & PARTICLE
        and lows[0][-1] not in _STOP_END
        and (len(lows) <= 2 or not classes[2] & DET)
    ):
        reading.event = f"{lemma(main)} {cores[1]}"  # "set up", "came down": the particle belongs to the verb
        k = 2
    else:
        reading.event = lemma(main)
        k = 1
    if c_main & PRESENT or (main.endswith("s") and not main.endswith("ss")):
        reading.modality = "ongoing"
    else:
        reading.modality = "done"
    return k


def _looks_participle(word: str, c: int) -> bool:
    return word.endswith(("ed", "en")) or bool(c & PAST_IRR) or word == "been"


def _catenative(c: int, lows: list[str], cores: list[str], k: int) -> tuple[str, int] | None:
    """``(modality or "hedge", index of "to")`` for "threatened (on Monday) to", else ``None``."""
    if c & THREAT:
        kind = "threatened"
    elif c & PLAN:
        kind = "planned"
    elif c & ONGOING:
        kind = "ongoing"
    elif c & HEDGE_VERB:
        kind = "hedge"
    else:
        return None
    if lows[k][-1] in _STOP_END:
        return None
    # "threatened on Monday to deploy" may put words before "to"; "set aside $48m to" is no "set to"
    reach = 5 if c & THREAT or cores[k] in _GAP_PLANS else 2
    for j in range(k + 1, min(len(cores), k + reach)):
        w = cores[j]
        if w == "to":
            return kind, j
        if w == "that" or lows[j][-1] in _STOP_END:
            break
    return None


def _modality(aux: list[str], main: str, c_main: int, text: str, start: int, end: int) -> str:
    if aux:
        if not _MAYBE.isdisjoint(aux):
            return "hypothetical"
        if "would" in aux or "'d" in aux:
            clause = text[start:end].lower()
            conditional = " if " in clause or " whether " in clause or " unless " in clause
            return "hypothetical" if conditional or "able" in aux else "planned"
        if not _FUTURE.isdisjoint(aux):
            return "hypothetical" if " whether " in text[start:end].lower() else "planned"
        last = aux[-1]
        if main.endswith("ing") and _CLASS.get(last, 0) & BE:
            return "ongoing"
        if main != last and not _HAVE_FORMS.isdisjoint(aux):
            return "done"
        first = aux[0]
        if first in _PAST_AUX:
            return "done"
        if first in _PRESENT_AUX:
            return "ongoing"
    if c_main & PRESENT or (main.endswith("s") and not main.endswith("ss")):
        return "ongoing"
    if main in ("has", "have"):
        return "ongoing"
    return "done"


_HAVE_FORMS = frozenset(w for w, c in _CLASS.items() if c & HAVE)
_PAST_AUX = wordset("was were did had")
_PRESENT_AUX = wordset("is are am does do has have can ca 's 're")


_PARTITIVE = wordset("""
    dozens hundreds thousands millions billions tens scores number numbers lot lots couple pair
    group groups series total most all some none many each both one two three four five six
    several handful batch wave waves salvo volley part rest majority
    """)


def _noun_after(lows: list[str], cores: list[str], classes: list[int], k: int) -> str | None:
    """Head noun of the object after the verb group: the last word before a preposition."""
    head = None
    get = _NOUN_KIND.get
    for j in range(k, min(len(cores), k + 8)):
        w = cores[j]
        kind = get(w)
        if kind is None:
            kind = _noun_kind(w, classes[j])
        if kind == _HEAD:
            head = w
            if lows[j][-1] in _STOP_END:
                break
        elif kind == _SKIP:  # a figure, a determiner or an adverb
            if head is not None:
                break
        elif kind == _OF and (head is None or head in _PARTITIVE):
            head = None  # "dozens of shells", "two battalions of troops": the noun after "of"
        else:
            break
    return None if head in _PRONOUNS else head


# What a word is to the object's head noun, by the word alone (cached: words repeat).
_END, _OF, _SKIP, _HEAD = range(4)
_NOUN_KIND: dict[str, int] = {}


def _noun_kind(w: str, c: int) -> int:
    if not w:
        kind = _END
    elif w == "of":
        kind = _OF
    elif w[0].isdigit():
        kind = _SKIP
    elif c & PREP or not w[0].isalpha() or c & AUX:
        kind = _END
    elif c & (DET | ADV) or w.endswith("ly"):
        kind = _SKIP
    else:
        kind = _HEAD
    if len(_NOUN_KIND) > 50_000:
        _NOUN_KIND.clear()
    _NOUN_KIND[w] = kind
    return kind


def _subject_head(words: list[str]) -> str | None:
    """Head noun of a subject phrase: the last noun before any "of"-phrase."""
    head = None
    get = _CLASS.get
    for raw in words:
        w = raw.strip(_PUNCT)
        if not w:
            continue
        if w == "of" and (head is None or head in _PARTITIVE):
            head = None
            continue
        c = get(w, 0)
        if c & PREP:
            if head is not None:
                break
            continue
        if w[0].isalpha() and not c & (DET | ADV):
            head = w
    return None if head in _PRONOUNS else head

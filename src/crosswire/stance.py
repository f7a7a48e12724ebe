"""Stance and modality of a claim clause: cue words, the main verb group and its lemma.

Used by :mod:`crosswire.claims`. :func:`read_clause` walks the word tokens of one clause once,
finds its main verb group ("has moved", "threatened on Monday to deploy", "could not be
independently verified", "are being deployed") and reads from it:

- the **modality** of the event: done, ongoing, planned, threatened or hypothetical;
- the **event**: the lemma of the main verb ("moved" -> "move", "flew" -> "fly");
- the **subject**: the words before the verb group;
- the **stance** cues inside the clause: hedges ("reportedly", "appears to", "it remains unclear
  whether"), doubts ("unlikely", "no evidence") and denials ("denied", "a fabrication", "no such").

Written by hand: a part-of-speech tagger or parser is far over the per-article time budget, and
English news marks tense, aspect and modality with a small closed set of auxiliaries and
catenative verbs ("plans to", "vowed to") that word lists cover well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

__all__ = ["STANCE_ORDER", "ClauseReading", "StanceCues", "find_stance_cues", "lemma", "read_clause"]

# Strongest first: a clause with a denial cue and a hedge is a denial.
STANCE_ORDER = ("denied", "doubted", "hedged", "reported", "asserted")


def _phrases(text: str) -> list[str]:
    return [p.strip() for p in text.strip().split("\n") if p.strip()]


# Stance cue phrases, matched case-insensitively on word boundaries by one regular expression
# per stance (a handful of alternations over one clause; cheaper than tokenising twice).
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


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"\b(?:{body})\b", re.IGNORECASE)


_STANCE_PATTERNS = (
    ("denied", _alternation(_DENY)),
    ("doubted", _alternation(_DOUBT)),
    ("hedged", _alternation(_HEDGE)),
)


def find_stance_cues(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """``(stance, cue)`` pairs found in ``text[start:end]``, strongest stance first."""
    found = []
    for stance, pattern in _STANCE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            found.append((stance, " ".join(m.group().lower().split())))
    return found


class StanceCues:
    """Every stance cue of a whole text, found in one pass per stance, looked up by span."""

    __slots__ = ("cues", "starts")

    def __init__(self, text: str) -> None:
        cues = []
        for rank, (stance, pattern) in enumerate(_STANCE_PATTERNS):
            for m in pattern.finditer(text):
                cues.append((m.start(), m.end(), rank, stance, " ".join(m.group().lower().split())))
        cues.sort()
        self.cues = cues
        self.starts = [c[0] for c in cues]

    def within(self, start: int, end: int) -> list[tuple[str, str]]:
        """``(stance, cue)`` pairs inside ``start..end``, strongest stance first."""
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.cues) and self.cues[i][0] < end:
            if self.cues[i][1] <= end:
                found.append(self.cues[i])
            i += 1
        found.sort(key=lambda c: c[2])
        return [(c[3], c[4]) for c in found]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BE = _words("is are was were be been being am")
_HAVE = _words("has have had having")
_DO = _words("did does do")
_MODALS = _words("will would could can may might shall should must wo ca")
_FUTURE = _words("will shall wo")
_MAYBE = _words("could might may")
_ADVERBS = _words(
    """
    not n't never also already reportedly allegedly apparently still only repeatedly independently
    well just yet since now then again first later once previously recently quickly immediately
    ever further officially formally publicly fully largely partly mostly probably possibly
    certainly clearly actually in theory even no longer
    """
)
_NEGATIONS = _words("not n't never no")

# Catenative verbs ("threatened to deploy"): the verb after "to" is the event, the catenative
# gives the modality.
_THREAT = _words(
    """
    threaten threatens threatened threatening vow vows vowed vowing warn warns warned hesitate
    """
)
_PLAN = _words(
    """
    plan plans planned planning intend intends intended intending aim aims aimed set due expected
    scheduled prepare prepares preparing prepared agree agrees agreed promise promises promised
    pledge pledges pledged decide decides decided want wants wanted seek seeks sought hope hopes
    going
    """
)
_ONGOING = _words("continue continues continued continuing keep keeps")
_HEDGE_VERBS = _words("appear appears appeared seem seems seemed believed thought said reported alleged")
_ABLE = _words("able capable likely unlikely")

# Cue verbs of attribution: a clause whose only verb is one of these is an attribution frame.
SAY_VERBS = _words(
    """
    said says say saying told tells tell added adds stated states announced announces claimed
    claims noted notes reported reports confirmed confirms insisted insists
    estimated estimates quoted quotes
    """
)
_NOT_FRAMES = _words("reported reports")  # "had reported" is mostly an event ("it had reported losses")
# Verbs that frame someone else's claim: attribution verbs and verbs of denial, doubt, accusation.
FRAME_VERBS = SAY_VERBS | _words(
    """
    denied denies dismissed dismisses rejected rejects disputed disputes questioned doubted
    accused accuses accusing refuted refutes alleged alleges insisted insists warned warns
    """
)

# Irregular verb forms news uses most, mapped to their lemma.
_IRREGULAR = {
    "flew": "fly", "flown": "fly", "flies": "fly", "sent": "send", "fell": "fall", "fallen": "fall",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "came": "come",
    "left": "leave", "held": "hold", "struck": "strike", "shot": "shoot", "hit": "hit",
    "made": "make", "said": "say", "told": "tell", "gave": "give", "given": "give", "went": "go",
    "gone": "go", "saw": "see", "seen": "see", "built": "build", "brought": "bring",
    "bought": "buy", "sold": "sell", "lost": "lose", "won": "win", "led": "lead", "met": "meet",
    "kept": "keep", "sank": "sink", "sunk": "sink", "rose": "rise", "risen": "rise",
    "stood": "stand", "spent": "spend", "found": "find", "thought": "think", "drove": "drive",
    "driven": "drive", "broke": "break", "broken": "break", "ran": "run", "put": "put",
    "set": "set", "cut": "cut", "quit": "quit", "spread": "spread", "fought": "fight",
    "caught": "catch", "heard": "hear", "wrote": "write", "written": "write", "knew": "know",
    "known": "know", "chose": "choose", "chosen": "choose", "blew": "blow", "blown": "blow",
    "slept": "sleep", "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw",
    "has": "have", "had": "have", "is": "be", "are": "be", "was": "be", "were": "be",
    "been": "be", "did": "do", "does": "do", "done": "do", "got": "get", "shown": "show",
    "became": "become", "fled": "flee", "bled": "bleed", "swept": "sweep", "dealt": "deal",
    "meant": "mean", "paid": "pay", "laid": "lay", "withdrew": "withdraw",
    "withdrawn": "withdraw", "overtook": "overtake", "undertook": "undertake", "sought": "seek",
    "lay": "lie", "lain": "lie",
}  # fmt: skip
_PAST_IRREGULAR = frozenset(k for k in _IRREGULAR if k not in ("has", "is", "are", "does", "flies"))

# Common verbs in the present tense (third person), too few to be told from plural nouns by
# their ending alone ("carries" vs "launchers").
_PRESENT_S = _words(
    """
    has is does carries says comes follows lies remains includes holds shows needs accuses plans
    intends threatens wants seeks continues stands sits runs leads faces denies claims keeps
    gives takes makes moves fires deploys sends tests sounds looks owns controls borders covers
    costs weighs hosts houses employs operates produces begins ends opens closes lasts reaches
    """
)
_NOT_VERBS = _words(
    """
    the a an of in on at to for with by from and or but as that this these those its his her
    their our your my red need indeed speed seed feed breed hundred bed shed embed
    armed united based led
    """
)
_DETERMINERS = _words("the a an its his her their our this these those some any every each no")

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class ClauseReading:
    """What the main verb group of a clause says: event lemma, modality, subject, cues."""

    event: str | None
    modality: str | None
    verb_start: int | None
    verb_end: int | None
    subject_start: int | None
    subject_end: int | None
    negated: bool
    only_saying: bool
    cues: tuple[str, ...]
    frame: str | None = None  # lemma of an attribution verb before the content ("say", "deny")
    frame_subject_start: int | None = None
    frame_subject_end: int | None = None
    frame_end: int | None = None
    frame_start: int | None = None


def lemma(word: str) -> str:
    """The dictionary form of an English verb form ("moved" -> "move", "carries" -> "carry")."""
    w = word.lower().replace("’", "'")
    if "-" in w:  # "test-fired" -> "test-fire"
        head, _, last = w.rpartition("-")
        return f"{head}-{lemma(last)}"
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        return _restore(w[:-2])
    if w.endswith("ing") and len(w) > 5:
        return _restore(w[:-3])
    if w.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _restore(stem: str) -> str:
    """Undo the spelling changes of -ed / -ing: "stopp" -> "stop", "mov" -> "move"."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if len(stem) > 5 and stem.endswith("ll") and stem[-3] in "aeiou" and stem[-4] not in "aeiou":
        return stem[:-1]  # British spelling: "travelled", "cancelled"
    if stem.endswith(("v", "c", "z", "u", "g")) and not stem.endswith(("ng", "gg")):
        return stem + "e"
    if re.search(r"[aeiou]s$|[^aeiou]at$|[^aeiou]it$|ur$|ir$|[^e]ar$|[^aeiou][aeiou][^aeiouwxyrlnt]$", stem):
        if stem.endswith(("it",)) and len(stem) > 4:
            return stem  # "visit", "limit", "credit"
        return stem + "e"
    return stem


def _is_verb_form(word: str, prev: str) -> bool:
    """A finite lexical verb on its own: past tense, or a listed present form."""
    low = word.lower()
    if low in _NOT_VERBS or prev in _DETERMINERS:
        return False
    if low in _PRESENT_S or low in _PAST_IRREGULAR:
        return True
    return low.endswith("ed") and len(low) > 4 and word[0].islower()


def read_clause(text: str, start: int, end: int) -> ClauseReading:
    """Read the main verb group of ``text[start:end]`` (see the module docstring)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    n = len(tokens)
    frame: tuple[str, int | None, int | None, int, int] | None = None
    found_at = -1
    say_only = False
    i = 0
    prev = ""
    while i < n:
        word = tokens[i][2]
        low = word.lower()
        if low == "according" and i + 1 < n and tokens[i + 1][2].lower() == "to":
            say_only = True
            i += 2
            prev = "to"
            continue
        if frame is None and (low in _HAVE or low in _DO or low in _MODALS):
            # "has accused", "had said": an auxiliary before a frame verb
            j = i + 1
            while j < n and tokens[j][2].lower() in _ADVERBS:
                j += 1
            if j < n and tokens[j][2].lower() in FRAME_VERBS and tokens[j][2].lower() not in _NOT_FRAMES:
                s_start, s_end = _subject(tokens, i)
                frame = (lemma(tokens[j][2]), s_start, s_end, tokens[j][1], tokens[i][0])
                say_only = True
                prev = tokens[j][2].lower()
                i = j + 1
                continue
        if low in FRAME_VERBS and frame is None and word[0].islower() and prev not in _DETERMINERS:
            s_start, s_end = _subject(tokens, i)
            frame = (lemma(low), s_start, s_end, tokens[i][1], tokens[i][0])
            say_only = True
            i += 1
            prev = low
            continue
        if low in _BE or low in _HAVE or low in _DO or low in _MODALS or _is_verb_form(word, prev):
            found_at = i
            break
        prev = low
        i += 1
    if found_at < 0:
        return _empty(frame, say_only, tokens, start, end)
    reading = _verb_group(text, start, end, tokens, found_at)
    if frame is not None:
        return ClauseReading(
            reading.event,
            reading.modality,
            reading.verb_start,
            reading.verb_end,
            reading.subject_start,
            reading.subject_end,
            reading.negated,
            False,
            reading.cues,
            frame[0],
            frame[1],
            frame[2],
            frame[3],
            frame[4],
        )
    return reading


def _empty(
    frame: tuple[str, int | None, int | None, int, int] | None,
    say_only: bool,
    tokens: list[tuple[int, int, str]],
    start: int,
    end: int,
) -> ClauseReading:
    if frame is None:
        return ClauseReading(None, None, None, None, None, None, False, say_only, ())
    # "accused Varnia of moving launchers": the event is the gerund after the frame
    event = None
    for tok in tokens:
        if tok[0] >= frame[3] and tok[2].lower().endswith("ing") and len(tok[2]) > 5:
            event = lemma(tok[2])
            break
    if event is None:
        return ClauseReading(
            None, None, None, None, None, None, False, True, (), frame[0], frame[1], frame[2], *frame[3:]
        )
    return ClauseReading(
        event, "done", None, None, None, None, False, False, (), frame[0], frame[1], frame[2], *frame[3:]
    )


def _verb_group(
    text: str, start: int, end: int, tokens: list[tuple[int, int, str]], found_at: int
) -> ClauseReading:
    n = len(tokens)
    cues: list[str] = []
    modality: str | None = None
    aux: list[str] = []
    negated = False
    main: str | None = None
    main_end = tokens[found_at][1]
    k = found_at
    while k < n:
        word = tokens[k][2]
        low = word.lower().replace("’", "'")
        if low in _NEGATIONS:
            negated = True
            k += 1
            continue
        if low == "in" and k + 1 < n and tokens[k + 1][2].lower() == "theory":
            cues.append("in theory")
            modality = "hypothetical"
            k += 2
            continue
        if low in _ADVERBS:
            k += 1
            continue
        if low in _BE or low in _HAVE or low in _DO or low in _MODALS:
            aux.append(low)
            main_end = tokens[k][1]
            k += 1
            if (
                low in _HAVE
                and k < n
                and tokens[k][2].lower() not in _ADVERBS
                and tokens[k][2].lower() not in _NEGATIONS
                and not _looks_participle(tokens[k][2])
            ):
                main = low  # "has a range of": "have" is the main verb
                break
            continue
        if low in _ABLE and k + 1 < n and tokens[k + 1][2].lower() in ("to", "of"):
            cues.append(f"{low} {tokens[k + 1][2].lower()}")
            if low in ("able", "capable"):
                modality = "hypothetical"
            k += 2
            continue
        if aux and (low in _NOT_VERBS or low in _DETERMINERS or word[:1].isdigit() or word[:1].isupper()):
            main = aux[-1]  # "were still in position", "is a deliberate provocation": a copula
            break
        catenative = _catenative(low, tokens, k)
        if catenative is not None:
            kind, to_at = catenative
            cues.append(f"{low} to")
            if kind != "hedge" and modality != "threatened":
                modality = kind
            aux.append(low)
            k = to_at + 1
            continue
        main = word
        main_end = tokens[k][1]
        k += 1
        break
    if main is None and aux:
        main = aux[-1]
    if main is None:
        return ClauseReading(None, None, None, None, None, None, negated, False, tuple(cues))
    lowered = main.lower()
    if modality is None:
        modality = _modality(aux, lowered, text[start:end])
    if "hesitate" in aux:
        modality = "threatened"
    elif modality == "hypothetical" and negated and aux and aux[0] in ("could", "can", "ca"):
        modality = "done"  # "could not be verified": a fact about the past
    subject_start, subject_end = _subject(tokens, found_at)
    event = lemma(main) if lowered not in _MODALS else None
    return ClauseReading(
        event,
        modality,
        tokens[found_at][0],
        main_end,
        subject_start,
        subject_end,
        negated,
        False,
        tuple(cues),
    )


def _looks_participle(word: str) -> bool:
    low = word.lower()
    return low.endswith(("ed", "en")) or low in _PAST_IRREGULAR or low == "been"


def _catenative(low: str, tokens: list[tuple[int, int, str]], k: int) -> tuple[str, int] | None:
    """``(modality or "hedge", index of "to")`` for "threatened (on Monday) to", else ``None``."""
    if low in _THREAT:
        kind = "threatened"
    elif low in _PLAN:
        kind = "planned"
    elif low in _ONGOING:
        kind = "ongoing"
    elif low in _HEDGE_VERBS:
        kind = "hedge"
    else:
        return None
    for j in range(k + 1, min(len(tokens), k + 5)):
        w = tokens[j][2].lower()
        if w == "to":
            return kind, j
        if w in (".", ";", ":", "that"):
            break
    if kind == "threatened" and low.startswith("warn"):
        return None  # "warned that ..." is read from what follows
    return None


def _modality(aux: list[str], main: str, clause: str) -> str:
    lowered = f" {clause.lower()} "
    conditional = " if " in lowered or " whether " in lowered or " unless " in lowered
    if any(a in _MAYBE for a in aux):
        return "hypothetical"
    if "would" in aux:
        return "hypothetical" if conditional or "able" in aux else "planned"
    if any(a in _FUTURE for a in aux):
        return "hypothetical" if " whether " in lowered else "planned"
    if main.endswith("ing") and aux and aux[-1] in _BE:
        return "ongoing"
    if any(a in _HAVE for a in aux) and main != aux[-1]:
        return "done"
    if aux and aux[0] in ("was", "were", "did", "had"):
        return "done"
    if aux and aux[0] in ("is", "are", "am", "does", "do", "has", "have", "can", "ca"):
        return "ongoing"
    if main in _PRESENT_S or (main.endswith("s") and not main.endswith("ss")):
        return "ongoing"
    if main in ("has", "have"):
        return "ongoing"
    return "done"


def _subject(tokens: list[tuple[int, int, str]], verb_at: int) -> tuple[int | None, int | None]:
    """The words before the verb group, back to a clause opener or punctuation."""
    j = verb_at
    while j > 0:
        word = tokens[j - 1][2]
        if word in ',;:()"“”—–-' or word.lower() in ("that", "whether", "if", "and", "but", "which", "who"):
            break
        j -= 1
    k = verb_at
    while k > j and tokens[k - 1][2].lower() in _ADVERBS:
        k -= 1
    if k <= j:
        return None, None
    return tokens[j][0], tokens[k - 1][1]

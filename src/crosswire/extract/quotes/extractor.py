"""Quotations in news articles: direct, partial and reported speech, with their speakers.

``extract_quotes(article)`` returns :class:`Quote` records sorted by ``start``. The content span
of a direct quote lies inside the quotation marks; a quotation interrupted by its attribution
('"We are ready," he said. "We will stay."') is one quote whose span runs from the first part to
the last. Rules in brief (details in ``docs/extractors/quotes.md``):

1. pair quotation marks per paragraph, straight and curly, telling opening from closing marks by
   the characters around them; a paragraph that opens a quote and does not close it continues
   into the next paragraph when that one reopens;
2. attach each quote to a cue next to it: after the closing mark ('"...," said X', '"...," X
   told Y', '"...," X fumed'), before the opening mark ('X said: "..."', 'According to X, "..."',
   'X echoed: "..."'), or in the sentence before ('X said:'); a quote with no cue of its own in
   the paragraph of a quote with a speaker continues that quote;
3. a quoted phrase inside a clause with a cue is a partial quote: the content is the clause
   ('X said that the plan was "dead on arrival"');
4. reported speech: 'X said (that) ...', '..., X said', 'according to X, ...' without marks;
5. decide who each speaker is, once (:mod:`crosswire.extract.quotes.resolution`): pronouns and
   descriptors ("he", "the minister") take the person named earlier, "it" the source before, a
   nearer frame or "quoted X as saying" the one it names; the quote leaves extraction with its
   final speaker, which claims take as it is.

Only the neighbourhood of quotation marks and cue words is tokenised: the rest of the text is
never looked at word by word. Written by hand: no library does quote attribution offline within
the speed budget (see ANCHORS.md: comparable systems use trained sequence models and
coreference).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import ahocorasick

from crosswire.extract.component import Extractor, Found
from crosswire.extract.quotes.resolution import SpeakerResolver
from crosswire.extract.quotes.speakers import (
    DETERMINERS,
    ROLE_WORDS,
    Speaker,
    Token,
    parse_left,
    parse_right,
    parse_subject,
    tokenize,
    wordset,
)
from crosswire.model import Article, Span
from crosswire.text.document import Document

__all__ = ["CUE_WORDS", "QUOTES", "Quote", "extract_quotes"]

log = logging.getLogger(__name__)


def _inflect(lemma: str) -> set[str]:
    """A regular verb's forms: "state" -> state, states, stated, stating."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma, lemma + "s", lemma + "ed", lemma + "ing"}


def _verbs(regular: str, irregular: str) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in regular.split():
        forms |= _inflect(lemma)
    return frozenset(forms | set(irregular.split()))


# Verbs that introduce speech, quoted or reported.
_SPEECH_VERBS = _verbs(
    """
    add announce warn claim argue insist note explain tweet declare assert acknowledge deny
    confirm suggest predict urge reply respond caution stress emphasize emphasise recall concede
    complain contend maintain vow promise pledge estimate allege counter continue reiterate
    remark observe exclaim retort proclaim interject echo confess testify wonder boast muse
    conclude fume scoff lament recount concur agree demand plead repeat whisper mutter thunder
    gush marvel sigh cry chant sing shout yell joke ask tout post text email state report charge
    answer mention brag reveal disclose assure reassure dispute
    """,
    """
    say says said saying tell tells told telling write writes wrote writing written
    admit admits admitted admitting quip quips quipped quipping snap snaps snapped snapping
    speak speaks spoke speaking concurred concurring rebut rebuts rebutted rebutting
    """,
)
# Verbs that attribute a quoted phrase but are too common (or too often nouns) to start reported
# speech on their own: 'called it "a provocation"', 'the statement reads'.
_PARTIAL_ONLY = _verbs(
    """
    describe call dub label brand mock blast praise accuse criticize criticise dismiss question
    cite characterize characterise refer hail slam decry denounce term
    """,
    """
    read reads put puts referred referring
    """,
) | frozenset({"continued", "continues", "asked", "asks", "asking", "ask", "post", "posted", "posts"})

CUE_WORDS = _SPEECH_VERBS | _PARTIAL_ONLY
_PHRASES = (
    "according to",
    "pointed out",
    "points out",
    "went on",
    "goes on",
    "shot back",
    "put it",
    "puts it",
)

# Cue words are found with one Aho-Corasick pass (a regex alternation of a few hundred words is
# several times slower over a whole article). Keys start with a space or line break so that the
# automaton stays near its root inside ordinary words; the end of a match is checked for a word
# boundary.
_CUES = ahocorasick.Automaton()
for _word in (*CUE_WORDS, *_PHRASES, "According to"):
    for _lead in (" ", "\n", "“", '"', "("):
        _CUES.add_word(_lead + _word, len(_word))
_CUES.make_automaton()

_QUOTE_MARK = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_OPEN_BEFORE = frozenset(" \t\n([{—–-/:;")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-/")
_INCH = re.compile(r"\d['’]\d{1,2}$")
_GAP_STOP = re.compile('[!?;"“”]')  # marks that end the attribution after a quotation
_CLAUSE_END_MARKS = frozenset(":,;([—–.!?-")  # a clause ends with one of these, or with "that"
_DASH_SPEAKER = re.compile(r"\s*[―—–]\s*(?P<name>[A-Z][^\n,.;:!?()\"“”]{1,60}?)\s*[.,]?\s*(?=\n|$)")
_TIME_WORDS = wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier later
    this last week month year morning afternoon evening night a an the statement interview on in
    at during to reporters journalists his her their its recently also
    """
)
_AUXILIARIES = wordset(
    """
    was is has does were are had did be been being seems seemed appears appeared remains
    remained needs needed wants wanted includes included uses used gets got goes went comes
    came makes made takes took gives gave looks looked feels felt thinks thought sees saw
    knows knew means meant seems hopes hoped plans planned tries tried expects expected
    """
)


def _find_cues(text: str) -> list[tuple[int, int]]:
    """Spans of cue words in ``text`` (whole words only), in order."""
    found = []
    size = len(text)
    if text.startswith("According to"):
        found.append((0, 12))
    for last, length in _CUES.iter_long(text):
        if last + 1 == size or not text[last + 1].isalnum():
            start = last + 1 - length
            if (length > 4 or text[start : last + 1] not in _ALWAYS_VERBS) and _noun_use(text, start, last + 1):
                continue
            found.append((start, last + 1))
    return found


_ALWAYS_VERBS = frozenset(("said", "says", "told", "say"))
_NOUN_BEFORE = DETERMINERS | wordset("of in such my your our no any every whose")


def _noun_use(text: str, start: int, end: int) -> bool:
    """Is the cue word used as a noun or adjective ("his remarks", "the alleged", "Vogt's claims")?"""
    before = text[max(0, start - 24) : start].rsplit(None, 1)  # only the last word is read
    if not before:
        return False
    prev = before[-1]
    low = prev.lower()
    if low in _NOUN_BEFORE or prev.endswith(("'s", "’s")):
        return True
    word = text[start:end]
    if word in _NOUNY and prev.isalpha() and prev.islower() and low not in _SUBJECT_WORDS:
        return True  # "domestic demand", "criminal charges", "member states": nouns
    if word in ("state", "State"):
        return True  # "state media", "the North Korean state": a verb only as "states", "stated"
    if word == "states" and prev[:1].isupper() and low not in _SUBJECT_WORDS:
        return True  # "the Gulf states", "the United States": a name before the word makes it a noun
    # "the generals remarks": a plural subject does not take a verb in -s
    return (
        text[end - 1] == "s"
        and prev.isalpha()
        and prev.islower()
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in _NOT_PLURAL
    )


# Cue words that are more often nouns: a verb only after a name, a pronoun, a role noun or an
# auxiliary ("Vogt charges", "officials estimate", "she will answer").
_NOUNY = wordset(
    """
    demand demands charge charges report reports state states claim claims answer answers text
    texts estimate estimates comment comments remark remarks note notes call calls post posts
    promise promises pledge pledges vow vows echo echoes quote quotes question questions counter
    counters reply replies response chant chants cry cries tweet tweets email emails
    """
)
_SUBJECT_WORDS = ROLE_WORDS | wordset(
    """
    he she they we i you it who which also has have had will would can could may might should must
    to not never now then still often later
    """
)
_NOT_PLURAL = wordset("has was is as this thus always perhaps its his hers yes across unless")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its content span, how it is given, the cue verb and the speaker."""

    start: int
    end: int
    text: str
    kind: str  # "direct" | "partial" | "reported"
    cue: str | None
    speaker: Speaker | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": self.speaker.as_dict() if self.speaker else None,
        }


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    cue: str | None
    speaker: Speaker | None
    cue_span: tuple[int, int] | None = None
    inherited: bool = False  # speaker taken from the quote before (no cue of its own)
    mark_end: int = 0  # just after the last closing mark


@dataclass(slots=True)
class _Segment:
    start: int  # content start (after the opening mark)
    end: int  # content end (at the closing mark, or the paragraph end)
    open_at: int
    close_at: int | None  # position of the closing mark, or None when the paragraph ends first


class _Doc:
    """The article's document (its paragraphs and sentences) with the cue words found in it."""

    __slots__ = ("cue_starts", "cues", "document", "next_joined", "paragraphs", "text")

    def __init__(self, document: Document) -> None:
        self.document = document
        text = self.text = document.text
        self.paragraphs = document.paragraphs
        self.cues = _find_cues(text)
        self.cue_starts = [c[0] for c in self.cues]
        # for each cue, the index of the first cue from it on that follows " and" or ","
        # ("X said the plan failed and said ..."): found once, so a sentence of many cues is read once
        following = len(self.cues)
        self.next_joined = [following] * (following + 1)
        for i in range(len(self.cues) - 1, -1, -1):
            k = self.cues[i][0]
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if text[k - 1 : k] == "," or text[k - 4 : k] == " and":
                following = i
            self.next_joined[i] = following

    def sentence(self, pos: int) -> tuple[int, int]:
        return self.document.sentence(pos)

    def sentence_before(self, pos: int) -> tuple[int, int] | None:
        return self.document.sentence_before(pos)

    def paragraph_index(self, pos: int) -> int:
        return self.document.paragraph_index(pos)

    def cues_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        i = bisect_left(self.cue_starts, lo)
        j = bisect_left(self.cue_starts, hi, i)  # the cues starting in lo..hi (most often none)
        if i == j:
            return []
        return [cue for cue in self.cues[i:j] if cue[1] <= hi]


def extract_quotes(
    source: Article | Document,
    entities: Sequence[Any],
    *,
    learned: bool = True,
    record: list[tuple[str, int, list[tuple[Speaker | None, dict[str, float]]]]] | None = None,
) -> list[Quote]:
    """Direct, partial and reported quotations in an article (or its document) with their speakers.

    ``entities`` are the entity extractor's findings in it: a speaker mentioned as "he" or "the
    minister" is resolved to the last person they name when no earlier quote or sentence does.
    ``learned`` and ``record``: see :class:`~crosswire.extract.quotes.resolution.SpeakerResolver`
    (``learned=False`` is the rules alone).
    """
    document = Document.of(source)
    text = document.text
    if not text or text.isspace():
        return []
    doc = _Doc(document)
    found: list[_Found] = []
    segments = _segments(doc)
    consumed_to = -1
    last_close = 0
    for n, seg in enumerate(segments):
        if seg.open_at < consumed_to:
            continue
        quote = _attribute(doc, seg, segments, n, found, last_close)
        if quote is None:
            continue  # a dropped title or scare quote does not cut the clause around it
        last_close = seg.close_at + 1 if seg.close_at is not None else seg.end
        if quote.kind == "partial":
            consumed_to = quote.mark_end
        prev = found[-1] if found else None
        if prev is not None and _continues(doc, prev, quote):
            prev.end = quote.end
            prev.mark_end = quote.mark_end
        else:
            found.append(quote)
    used = {q.cue_span for q in found if q.cue_span}
    covered = _Spans([(q.start - 1, q.end + 1) for q in found])
    for cue in doc.cues:
        if cue in used or covered.holds(cue[0]):
            continue
        reported = _reported(doc, cue, covered)
        if reported is not None:
            found.append(reported)
    found.sort(key=lambda q: q.start)
    # who said each quote is decided here, once, in text order (crosswire.extract.quotes.resolution)
    resolver = SpeakerResolver(
        document,
        entities,
        [(q.start, q.end) for q in found if q.kind != "reported"],
        learned=learned,
        record=record,
    )
    quotes = []
    for q in found:
        speaker, said = resolver.quote(q.speaker, q.cue, q.start, q.end if q.kind == "direct" else None)
        quotes.append(Quote(q.start, q.end, text[q.start : q.end], q.kind, said, speaker))
    return quotes


class _Spans:
    """Spans of text, asked whether one of them holds a position or overlaps a stretch (by bisection:
    an article may hold hundreds of quotations)."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.ends = list(accumulate((e for _, e in spans), max))  # the furthest end of the spans so far

    def holds(self, pos: int) -> bool:
        """Whether a span holds ``pos`` (start <= pos < end)."""
        i = bisect_right(self.starts, pos)
        return i > 0 and self.ends[i - 1] > pos

    def overlaps(self, lo: int, hi: int) -> bool:
        """Whether a span overlaps ``lo``-``hi`` (both ends open)."""
        i = bisect_left(self.starts, hi)
        return i > 0 and self.ends[i - 1] > lo


# 1. Quotation marks -------------------------------------------------------------------------


def _segments(doc: _Doc) -> list[_Segment]:
    """Quotations between paired marks, outermost only, in text order."""
    text = doc.text
    segments: list[_Segment] = []
    marks = _quote_marks(text)
    if not marks:
        return segments
    paragraphs = doc.paragraphs
    k = 0
    open_at: int | None = None
    depth = 0
    for n, para in enumerate(paragraphs):
        p_start, p_end = para.start, para.end
        while k < len(marks) and marks[k] < p_start:
            k += 1
        continuing = open_at is not None
        first_in_para = True
        while k < len(marks) and marks[k] < p_end:
            pos = marks[k]
            k += 1
            if continuing and first_in_para and pos == p_start:
                first_in_para = False
                continue  # the reopening mark of a quote running over paragraphs
            first_in_para = False
            if depth > 0 and open_at is not None and _new_line(text, pos):
                # a line opening with a quotation mark after a finished sentence: the quotation
                # left open on the line before ends there (line-per-paragraph texts)
                line_end = text.rfind("\n", open_at, pos)
                if line_end > open_at + 1:
                    segments.append(_Segment(open_at + 1, line_end, open_at, None))
                open_at = None
                depth = 0
            role = _mark_role(text, pos, p_start, p_end, depth > 0)
            if role == "open":
                if depth == 0:
                    open_at = pos
                depth = min(depth + 1, 2)
            elif role == "close" and depth > 0:
                depth -= 1
                if depth == 0 and open_at is not None:
                    if pos > open_at + 1:
                        segments.append(_Segment(open_at + 1, pos, open_at, pos))
                    open_at = None
        if open_at is None:
            depth = 0
            continue
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if nxt is not None and text[nxt.start] in '"“„«' and depth == 1 and not _attributed_line(text, nxt):
            continue  # the quote runs on into the next paragraph
        if p_end > open_at + 1:
            segments.append(_Segment(open_at + 1, p_end, open_at, None))
        open_at = None
        depth = 0
    return segments


def _quote_marks(text: str) -> list[int]:
    """Offsets of the quotation marks in ``text``, in order."""
    # A one-character search over a byte copy (other scripts' characters become "?") is a fast
    # search, where the pattern's character class is tried at every position: three times faster
    # unless the text has many characters outside ASCII.
    data = text.encode("ascii", "replace")
    others = data.count(b"?")
    if others > 40:
        return [m.start() for m in _QUOTE_MARK.finditer(text)]
    marks = []
    find = data.find
    pos = find(b'"')
    while pos >= 0:
        marks.append(pos)
        pos = find(b'"', pos + 1)
    if others:
        pos = find(b"?")
        while pos >= 0:
            if text[pos] in _CURLY_MARKS:
                marks.append(pos)
            pos = find(b"?", pos + 1)
        marks.sort()
    return marks


_CURLY_MARKS = frozenset("“”„«»")
_OWN_ATTRIBUTION = re.compile(r"[,?!][\"”]\s+(?:he|she|they|[A-Z][a-z]+)\s+(?:said|says|added|told|asked)\b")


def _attributed_line(text: str, para: Span) -> bool:
    """Does a paragraph open with a quotation attributed within it ('"...," he said.')?

    Such a paragraph starts a quotation of its own: the quote left open before it lost its
    closing mark rather than running on.
    """
    return _OWN_ATTRIBUTION.search(text, para.start, min(para.end, para.start + 400)) is not None


def _new_line(text: str, pos: int) -> bool:
    """Does the mark at ``pos`` open a line that follows a finished sentence?"""
    k = pos - 1
    while k >= 0 and text[k] in " \t\xa0":
        k -= 1
    if k < 0 or text[k] != "\n":
        return False
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] in ".!?…:"


def _mark_role(text: str, pos: int, p_start: int, p_end: int, is_open: bool) -> str:
    """Is the mark at ``pos`` opening or closing a quotation (or neither, an inch mark)?"""
    mark = text[pos]
    before = text[pos - 1] if pos > p_start else " "
    after = text[pos + 1] if pos + 1 < p_end else " "
    if before.isdigit() and mark in '"”' and _INCH.search(text, max(p_start, pos - 6), pos):
        return "none"  # 6’2”: feet and inches
    opens = before in _OPEN_BEFORE or (before in "“‘'\"" and after not in _CLOSE_AFTER)
    closes = after in _CLOSE_AFTER or after in "”’'\""
    if pos == p_start and not is_open:
        return "open"  # a paragraph opening with any quotation mark opens a quotation
    if opens and not closes and after not in " \t\n":
        return "open"
    if closes and not opens and before not in " \t\n":
        return "close"
    if opens and closes and mark in _OPENERS + _CLOSERS and after not in " \t\n":
        return "close" if is_open else "open"  # '” … he said': a closing glyph opening a quote
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    return "close" if is_open else "open"


# 2. Attribution of a quotation --------------------------------------------------------------


def _attribute(
    doc: _Doc,
    seg: _Segment,
    segments: list[_Segment],
    n: int,
    found: list[_Found],
    last_close: int,
) -> _Found | None:
    text = doc.text
    start, end = seg.start, seg.end
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    if end <= start:
        return None
    close = seg.close_at + 1 if seg.close_at is not None else seg.end
    s_lo = doc.sentence(seg.open_at)[0]
    c_lo, c_hi = doc.sentence(close - 1)
    before_lo = max(s_lo, last_close)
    line = text.rfind("\n", before_lo, seg.open_at)
    if line >= 0 and text[line : seg.open_at].isspace():
        before_lo = line + 1  # a quotation opening a line starts a clause
    before = text[before_lo : seg.open_at]
    clause_start = _starts_clause(before)
    # 'his memoir, "Nights in Halvik,"': a title, not a quotation, unless a speaker follows it
    title = _title_like(text, start, end) and not _after_cue(before)
    nxt = segments[n + 1].open_at if n + 1 < len(segments) else len(text)
    para_end = doc.paragraphs[doc.paragraph_index(close - 1)].end
    after_hi = min(para_end, close + 240, nxt)
    near = doc.cues_in(before_lo, seg.open_at)  # cues before the opening mark, in its clause
    if (
        not clause_start
        and not near
        and not doc.cues_in(close, min(after_hi, c_hi))
        and text[close - 2 : close] not in (',"', ",”", '?"', "?”", '!"', "!”")
    ):
        return _uncued(doc, seg, start, end, close, before_lo, c_hi)

    # a. a cue after the closing mark: '"...," said X', '"...," X said', '"...," X fumed'
    fallback: _Found | None = None
    if seg.close_at is not None:
        hit = _cue_after(doc, close, after_hi, c_lo)
        if hit is not None and not (title and hit[1] is None):
            cue, speaker = hit
            if clause_start:
                found_after = _Found(start, end, "direct", text[cue[0] : cue[1]], speaker, cue, False, close)
                if speaker is not None or not near:
                    return found_after
                fallback = found_after  # 'Berg said, "Not yet," when asked': the cue before wins
            if speaker is not None and not near:
                # 'The plan is "dead on arrival" for now, X said': the clause around the phrase,
                # up to the attribution
                lo = before_lo + len(before) - len(before.lstrip())
                hi = min(speaker.start, cue[0])
                comma = text.rfind(",", close, hi)
                hi = comma if comma >= 0 else close
                while hi > close and text[hi - 1] in " ,;":
                    hi -= 1
                return _Found(lo, max(hi, close), "partial", text[cue[0] : cue[1]], speaker, cue, False, close)

    if title:
        return None

    # b. a cue before the opening mark in the same sentence
    prev = found[-1] if found else None
    resumed = (
        prev is not None
        and prev.kind == "direct"
        and prev.speaker is not None
        and prev.cue_span is not None
        and prev.mark_end <= prev.cue_span[0]
        and doc.sentence(prev.cue_span[0])[0] == doc.sentence(seg.open_at)[0]
    )
    if resumed and (clause_start or before.rstrip().endswith((" and", " but"))):
        # '"...," Vogt said, referring to the shelling, "we will answer it ..."' and
        # '"...," she said, and "never again ..."': the same quotation resumed
        assert prev is not None
        others = [c for c in near if c != prev.cue_span and text[c[0] : c[1]].lower() not in _PARTIAL_ONLY]
        if not [c for c in others if _speaker_at_cue(doc, c, before_lo, seg.open_at)]:
            return _Found(start, end, "direct", prev.cue, prev.speaker, None, True, close)
    if near and not clause_start and found and near[-1] == found[-1].cue_span:
        return None  # a title or a phrase inside the attribution of the quote before
    if near:
        cue = near[-1]
        gap = text[cue[1] : seg.open_at]
        speaker = _speaker_at_cue(doc, cue, max(s_lo, cue[0] - 260), min(seg.open_at, cue[1] + 100))
        if speaker is not None and speaker.start > cue[0] and _not_before_quote(text[speaker.end : seg.open_at]):
            # right of the cue only as 'said Vogt: "..."', not inside the content, and not as the
            # subject of the reported clause ('said the dam "will drown three villages"'): the
            # subject of the clause before the cue speaks
            speaker = _clause_subject(doc, before_lo, cue[0])
        word = text[cue[0] : cue[1]]
        if speaker is None and before.rstrip().endswith(":"):
            hit2 = _colon_subject(doc, before_lo, seg.open_at)
            if hit2 is not None:
                return _Found(start, end, "direct", hit2[0], hit2[1], None, False, close)
        if clause_start and len(gap.split()) <= 8:
            if speaker is not None and seg.close_at is not None and _runs_on(doc, cue, seg, close, c_hi):
                return _mixed(doc, seg, segments, n, cue, speaker, c_hi)
            return _Found(start, end, "direct", word, speaker, cue, False, close)
        if speaker is not None:
            # 'Vogt said the envoys were calling "every hour of the day."': the outermost cue
            # of the clause with a speaker of its own gives the content
            for outer in near[:-1]:
                if outer[0] < before_lo or text[outer[0] : outer[1]].lower() in _PARTIAL_ONLY:
                    continue
                first = _speaker_at_cue(doc, outer, max(s_lo, outer[0] - 260), outer[0])
                if first is not None:
                    return _mixed(doc, seg, segments, n, outer, first, c_hi)
                break
            return _mixed(doc, seg, segments, n, cue, speaker, c_hi)
    if fallback is not None:
        return fallback
    if not clause_start:
        return _uncued(doc, seg, start, end, close, before_lo, c_hi)

    # c. 'X echoed: "..."', 'As Vogt put it: "..."': the subject of the clause before a colon
    if before.rstrip().endswith(":"):
        hit2 = _colon_subject(doc, before_lo, seg.open_at)
        if hit2 is not None:
            return _Found(start, end, "direct", hit2[0], hit2[1], None, False, close)

    # d. '"..." ― Name' closing a paragraph (readers' comments, epigraphs)
    if seg.close_at is not None:
        dash = _DASH_SPEAKER.match(text, close)
        if dash is not None:
            tokens = tokenize(text, dash.start("name"), dash.end("name"))
            speaker = parse_left(text, tokens)
            if speaker is not None:
                return _Found(start, end, "direct", None, speaker, None, False, close)

    words = text.count(" ", start, end) + 1
    short = words < 4 and not before.strip()  # a title, a name, or a short reply ("But, come on.")

    # e. no cue beside it: an 'X said:' sentence before, the quote just before, or the subject of
    # the sentence before
    para = doc.paragraph_index(seg.open_at)
    para_start = doc.paragraphs[para].start
    prior = doc.sentence_before(seg.open_at) if s_lo == before_lo or not before.strip() else None
    if prior is not None:
        p_lo, p_hi = prior
        own_para = doc.paragraph_index(p_lo) == para
        opens_para = text[para_start : seg.open_at].strip() == ""
        if (own_para or opens_para) and text[p_lo:p_hi].rstrip().endswith(":"):
            pcues = doc.cues_in(p_lo, p_hi)
            if pcues:
                speaker = _speaker_at_cue(doc, pcues[-1], p_lo, p_hi)
                word = text[pcues[-1][0] : pcues[-1][1]]
                return _Found(start, end, "direct", word, speaker, pcues[-1], False, close)
            hit2 = _colon_subject(doc, p_lo, p_hi)
            if hit2 is not None:
                return _Found(start, end, "direct", hit2[0], hit2[1], None, False, close)
    prev = found[-1] if found else None
    if prior is not None and doc.paragraph_index(prior[0]) == para:
        # '... the ministry will watch the border closely, Berg says. "If they cross ..."'
        pcues = doc.cues_in(prior[0], prior[1])
        if pcues and (prev is None or pcues[-1] != prev.cue_span) and text.count(" ", pcues[-1][1], prior[1]) <= 3:
            speaker = _speaker_at_cue(doc, pcues[-1], prior[0], prior[1])
            if speaker is not None and speaker.start < pcues[-1][0]:
                word = text[pcues[-1][0] : pcues[-1][1]]
                return _Found(start, end, "direct", word, speaker, None, False, close)
    if prev is not None and prev.kind != "reported" and prev.speaker is not None:
        prev_para = doc.paragraph_index(prev.end)
        opens_para = text[para_start : seg.open_at].strip() == ""
        attribution = doc.sentence(prev.cue_span[0]) if prev.cue_span else (prev.mark_end, prev.mark_end)
        others = [
            c
            for c in doc.cues_in(prev.mark_end, seg.open_at)
            if c != prev.cue_span and not attribution[0] <= c[0] < attribution[1]
        ]
        if not others and prev_para == para and short:
            return _Found(start, end, "direct", prev.cue, prev.speaker, None, True, close)
        if short:
            return None
        if not others and prev_para == para:
            subject = None
            if (
                prior is not None
                and prior[0] >= prev.mark_end
                and not (prev.cue_span and prior[0] <= prev.cue_span[0] < prior[1])
                and not _QUOTE_MARK.search(text, prior[0], prior[1])
            ):
                subject = _sentence_subject(doc, prior[0], prior[1])
            if subject is None:
                return _Found(start, end, "direct", prev.cue, prev.speaker, None, True, close)
            return _Found(start, end, "direct", None, subject, None, False, close)
        if not others and prev_para == para - 1 and opens_para:
            return _Found(start, end, "direct", prev.cue, prev.speaker, None, False, close)
    if short:
        return None
    if prior is not None and doc.paragraph_index(prior[0]) == para and not _QUOTE_MARK.search(text, prior[0], prior[1]):
        subject = _sentence_subject(doc, prior[0], prior[1])
        if subject is not None:
            return _Found(start, end, "direct", None, subject, None, False, close)
    if text.count(" ", start, end) < 4:
        return None  # a few quoted words with no cue and no speaker: a slogan, a name or a label
    return _Found(start, end, "direct", None, None, None, False, close)


def _not_before_quote(gap: str) -> bool:
    """Whether the text between a speaker right of its cue and the quotation rules that speaker
    out: words in it, or no mark at all ('said the dam "will ..."' is the content's subject)."""
    return bool(gap.strip(" ,:—–-")) or not gap.strip()


def _uncued(doc: _Doc, seg: _Segment, start: int, end: int, close: int, lo: int, sent_hi: int) -> _Found | None:
    """A quoted clause inside a sentence with no cue word: 'Vogt portrays himself as a
    "man of peace" who "never wanted this war."' -> partial, from the verb before the phrase.

    Short phrases (three words or fewer) are scare quotes, names and titles far more often than
    quotations, and are dropped.
    """
    text = doc.text
    if seg.close_at is None or text.count(" ", start, end) < 3:
        return None
    words = text[lo : seg.open_at].split()
    if not words or len(words) > 30:
        return None
    # the nearest verb-like word before the phrase, within its clause
    k = len(words) - 1
    while k >= 0 and not words[k].endswith((",", ";", ":")) and not _looks_verb(words[k]):
        if words[k].lower() in _SHOW_VERBS:
            break
        k -= 1
    if k < 0 or words[k].endswith((",", ";", ":")) or words[k].lower() in _SHOW_VERBS:
        return None  # 'Photos showed "dozens of trucks"': what a picture or a paper shows is nobody's words
    pos = lo
    for word in words[: k + 1]:
        pos = text.find(word, pos) + len(word)
    speaker = _clause_subject(doc, doc.sentence(seg.open_at)[0], pos)
    if speaker is None:
        return None
    content = pos
    while content < seg.open_at and text[content].isspace():
        content += 1
    return _Found(content, close, "partial", text[pos - len(words[k]) : pos], speaker, None, False, close)


_SHOW_VERBS = wordset("show shows showed shown showing depict depicts depicted depicting")


def _title_like(text: str, start: int, end: int) -> bool:
    """A short quotation in title case: "Nights in Halvik: A Border Diary"."""
    words = text[start:end].split(None, 9)  # ten parts at most: enough to tell more than nine words
    if not 2 <= len(words) <= 9:
        return False
    long_words = [w.strip(".,:;!?'’‘\"()") for w in words]
    long_words = [w for w in long_words if len(w) >= 4]
    return bool(long_words) and all(w[0].isupper() for w in long_words) and words[0][0].isupper()


def _after_cue(before: str) -> bool:
    """Does the text before a quotation end with its cue ('said:', 'wrote,', 'chanted')?"""
    words = before.rstrip(" ,:—–-").rsplit(None, 1)
    return bool(words) and words[-1].lower() in CUE_WORDS


def _is_word_char(char: str) -> bool:
    """What ``\\w`` matches."""
    return char.isalnum() or char == "_"


def _starts_clause(before: str) -> bool:
    stripped = before.rstrip()
    if not stripped:
        return True
    # the text before a mark ends a clause: ends in a mark or in the word "that" (tested on the
    # last characters; a pattern anchored at the end would be tried at every position)
    if stripped[-1] in _CLAUSE_END_MARKS:
        return True
    if stripped.endswith("that") and (len(stripped) == 4 or not _is_word_char(stripped[-5])):
        return True
    last = stripped.rsplit(None, 1)[-1].lower().strip(",")
    return last in CUE_WORDS


def _cue_after(doc: _Doc, close: int, hi: int, sent_lo: int) -> tuple[tuple[int, int], Speaker | None] | None:
    """The cue and speaker right after a closing mark, in the same sentence.

    A quote ending in "?" or "!" ('"Why now?" Vogt asked.') makes the splitter start a new
    sentence after it; a short attribution sentence there still belongs to the quote.
    """
    text = doc.text
    ended = text[close - 2] if close >= 2 else ""
    for cue in doc.cues_in(close, hi):
        cue_lo, cue_hi = doc.sentence(cue[0])
        if cue_lo != sent_lo and not (
            cue_lo <= close + 2 and (ended in "?!" or (ended == "." and text.count(" ", cue[1], cue_hi) <= 6))
        ):
            break  # the cue belongs to the next sentence
        gap = text[close : cue[0]]
        if gap.count(" ") > 24 or _GAP_STOP.search(gap):
            break
        word = text[cue[0] : cue[1]]
        if word.endswith("ing") and gap.strip(" ,"):
            break  # '"...," Vogt said, adding': the quote's cue is the first verb
        speaker = _speaker_at_cue(doc, cue, close, min(hi, cue_hi), strong=True)
        return cue, speaker
    # any verb right after the speaker: '"...," Vogt fumed on Tuesday.'
    if ended in ",?!" or text[close : close + 1] == ",":
        tokens = tokenize(text, close, min(hi, close + 80))
        if tokens and tokens[0][2] == ",":
            tokens = tokens[1:]
        if len(tokens) > 1 and _looks_verb(tokens[0][2]):
            # '"This is a great day!" beamed Anna Berg'
            speaker = parse_right(text, tokens[1:])
            if speaker is not None and speaker.kind in ("named", "unnamed", "descriptor"):
                return (tokens[0][0], tokens[0][1]), speaker
        for k in range(1, min(len(tokens), 7)):
            word = tokens[k][2]
            if not word.isalpha() or not word.islower():
                continue
            if _looks_verb(word):
                speaker = parse_left(text, tokens[:k])
                if speaker is not None:
                    return (tokens[k][0], tokens[k][1]), speaker
            break
    return None


def _runs_on(doc: _Doc, cue: tuple[int, int], seg: _Segment, close: int, sent_hi: int) -> bool:
    """Is a quotation after its cue part of a longer clause?

    'He adds that Dolmek has two options: "..."' (the clause opens before the mark) and
    'Berg said, "we have three days left" before the vote' (it goes on after the mark).
    """
    text = doc.text
    tail = text[close:sent_hi].lstrip()
    if tail[:1].isalpha() and tail[:1].islower() and not doc.cues_in(close, sent_hi):
        return True
    lead = text[cue[1] : seg.open_at].split()
    return len(lead) >= 3 and lead[0].lower() == "that"


def _looks_verb(word: str) -> bool:
    """A past or present-tense verb form: "fumed", "beams" (not "was", "has", "is")."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith(("ed", "s"))
        and word not in _AUXILIARIES
        and not word.endswith("ss")
    )


def _speaker_at_cue(doc: _Doc, cue: tuple[int, int], lo: int, hi: int, *, strong: bool = False) -> Speaker | None:
    """Speaker next to a cue: left of it within ``lo``, else right of it within ``hi``."""
    text = doc.text
    word = text[cue[0] : cue[1]]
    lower = word.lower()
    if lower != "according to":
        speaker, left = _left_speaker(text, cue[0], lo)
        if left:
            if speaker is not None:
                return speaker
            if lower.endswith("ing") or lower in ("put it", "puts it") or left[-1][2] in ("and", "but"):
                # 'Vogt claimed victory, saying: "..."': the subject of the sentence
                s_lo = max(doc.sentence(cue[0])[0], lo)
                return _clause_subject(doc, s_lo, cue[0])
    right = tokenize(text, cue[1], min(hi, cue[1] + 110))
    return parse_right(text, right, strong=strong)


def _left_speaker(text: str, at: int, lo: int) -> tuple[Speaker | None, list[Token]]:
    """The speaker ending just before ``at`` (not before ``lo``), and the tokens looked at.

    Most speakers sit within a few words of their cue ("he said", "Karl Vogt said"), so a short
    window is tokenised first and widened only when the speaker may run on past its start (an
    appositive, a long title) or nothing was found there.
    """
    left: list[Token] = []
    speaker = None
    tokens: list[Token] = []
    done = at  # ``tokens`` are those of text[done:at]
    for size in (36, 100, 260):
        window = max(lo, at - size)
        truncated = window > lo
        if truncated:
            space = text.find(" ", window, at)
            window = space + 1 if space >= 0 else at
        # a wider window adds the tokens before the narrower one: that one starts after a
        # space (or is empty), so no word is cut where the two meet
        if window < done:
            tokens = tokenize(text, window, done) + tokens
            done = window
        left = tokens
        if left and left[0][2] == ",":
            left = left[1:]
        speaker = parse_left(text, left) if left else None
        if not truncated:
            break
        if speaker is not None:
            if speaker.start > left[0][0]:
                break
        elif not any(t[2] in ",)" for t in left) and any(t[2].lower() not in _SKIPPABLE for t in left):
            break
    return speaker, left


_SKIPPABLE = wordset(
    """
    also later previously then recently has had have was were is are would will once repeatedly
    further again publicly privately earlier reportedly flatly simply just never not since
    """
)


def _clause_subject(doc: _Doc, lo: int, hi: int) -> Speaker | None:
    """The subject of the clause a participle or a second verb hangs on.

    "In Dolmek, where talks stalled, Vogt left early, saying ..." -> "Vogt": the nearest comma
    group before ``hi`` that opens with a noun phrase followed by a verb.
    """
    text = doc.text
    # the sentence's opening and the comma groups of the last 300 characters: reading no more keeps
    # a long sentence of many cues from being read again for each of them
    starts = [lo]
    comma = text.find(",", max(lo, hi - 300), hi)
    while comma >= 0:
        starts.append(comma + 1)
        comma = text.find(",", comma + 1, hi)
    for start in reversed(starts):
        speaker = _sentence_subject(doc, start, hi, verb=start != lo)
        if speaker is not None:
            return speaker
    return None


def _sentence_subject(doc: _Doc, lo: int, hi: int, *, verb: bool = False) -> Speaker | None:
    """The subject opening a sentence: "Vogt shook his head.", "She smiled."."""
    text = doc.text
    tokens = tokenize(text, lo, min(hi, lo + 140))
    speaker = parse_subject(text, tokens)
    if speaker is None:
        return None
    after = [t for t in tokens if t[0] >= speaker.end]
    # the subject must be followed by a verb-like lower-case word (or an appositive)
    if not after:
        return None
    if verb:
        if not (after[0][2].isalpha() and after[0][2].islower()) or after[0][2] in _NOT_VERBS:
            return None
    elif after[0][2] not in (",", "(") and not after[0][2].islower():
        return None
    return speaker


_NOT_VERBS = wordset("and or of for in on at to with who which that whose from by as")


def _colon_subject(doc: _Doc, lo: int, hi: int) -> tuple[str | None, Speaker] | None:
    """'Vogt echoed:' / 'As Vogt put it:' -> (cue verb, speaker), from the clause before a colon."""
    text = doc.text
    tokens = tokenize(text, lo, hi)
    if not tokens:
        return None
    for k in range(len(tokens) - 2):
        # 'a message posted by councillor Eva Brandt:' / 'Ames was named in a post shared by X:':
        # the message is its writer's, whoever it names
        if tokens[k + 1][2] == "by" and tokens[k][2].lower() in _MESSAGE_AGENT_VERBS:
            agent = parse_right(text, tokens[k + 2 :], strong=True)
            if agent is not None:
                return text[tokens[k][0] : tokens[k][1]], agent
    speaker = parse_subject(text, tokens)
    if speaker is None:
        return None
    rest = [t for t in tokens if t[0] >= speaker.end and t[2] not in ","]
    if not rest or not rest[0][2].islower():
        return None
    cue = next((t for t in rest[:4] if t[2].isalpha() and t[2] not in _ADVERB_GAP), None)
    return (text[cue[0] : cue[1]] if cue else None), speaker


_MESSAGE_AGENT_VERBS = wordset("posted shared written sent published tweeted signed issued released")
_ADVERB_GAP = wordset("also then later again once has had have was is will would")


def _mixed(
    doc: _Doc,
    seg: _Segment,
    segments: list[_Segment],
    n: int,
    cue: tuple[int, int],
    speaker: Speaker,
    sent_hi: int,
) -> _Found:
    """'X said that the plan was "dead on arrival" and "a waste"': the clause after the cue."""
    text = doc.text
    content = _content_after(doc, cue, seg.open_at)
    if content is None or content > seg.open_at:
        content = seg.open_at
    end = seg.close_at + 1 if seg.close_at is not None else seg.end
    # the clause runs to the end of the sentence, or to a later cue with a subject of its own
    # ('..., but Osterland said ...')
    stop = sent_hi
    for later in doc.cues_in(end, sent_hi):
        stop = later[0]
        break
    for m in range(n + 1, len(segments)):
        later_seg = segments[m]
        if later_seg.open_at >= stop or later_seg.close_at is None:
            break
        end = later_seg.close_at + 1
    connector = _CONNECTOR.search(text, end, stop)
    if connector is not None:
        stop = connector.start()  # '... "a provocation," and threatened to ...'
    tail = stop  # the clause without the marks it ends with (read back from its end)
    while tail > end and (text[tail - 1].isspace() or text[tail - 1] in ".,;:!?"):
        tail -= 1
    end = max(end, tail)
    while end > content and text[end - 1] in " ,;":
        end -= 1
    word = text[cue[0] : cue[1]]
    return _Found(content, end, "partial", word, speaker, cue, False, end)


_CONNECTOR = re.compile(r",?\s+(?:and|but|while|as|because|although|though|whereas)\s")


def _content_after(doc: _Doc, cue: tuple[int, int], limit: int) -> int | None:
    """Where the reported content starts after a cue: skips "on Monday", keeps "that".

    Works on the whitespace-separated words right after the cue (a handful at most), which is
    much cheaper than tokenising the clause.
    """
    text = doc.text
    lo = cue[1]
    chunk = text[lo : min(limit, lo + 80)]
    parts = chunk.split(None, 12)[:12]
    if not parts:
        return None
    lows = [p.rstrip(",:;") for p in chunk.lower().split(None, 12)[:12]]  # lower case splits alike
    n = 0
    if lows[0] == "" and parts[0] in (",", ":", "—", "-", "–"):
        n = 1
    if text[cue[0] : cue[1]].lower() in _ADDRESSEE_CUES:
        # the person told: "told reporters", "told the Varnian Central News Agency on Monday"
        while n < len(parts) and n < 7 and lows[n] != "that":
            if n > 0 and parts[n].islower() and lows[n] not in _ADDRESSEE_WORDS:
                break
            n += 1
            if parts[n - 1][-1] in ",:":
                break
    k = n
    while k < len(parts) and k < n + 8:
        if (
            lows[k] in _TIME_WORDS
            or parts[k] == ","
            or (parts[k][:1].isupper() and k > n and lows[k - 1] in ("on", "in", "at", "to"))
        ):
            k += 1
        else:
            break
    if k < len(parts) and lows[k] == "that":
        n = k
    while n < len(parts) and parts[n] in (",", ":", "—", "-", "–"):
        n += 1
    if n >= len(parts):
        return None
    pos = 0
    for m in range(n + 1):
        pos = chunk.find(parts[m], pos) + (len(parts[m]) if m < n else 0)
    start = lo + pos
    while start < len(text) and text[start] in ",:":
        start += 1
    return start


_ADDRESSEE_CUES = wordset("told tells tell telling asked asks asking")
_ADDRESSEE_WORDS = DETERMINERS | ROLE_WORDS | _TIME_WORDS


def _continues(doc: _Doc, prev: _Found, quote: _Found) -> bool:
    """Is ``quote`` the same quotation as ``prev``, interrupted by its attribution or resumed?"""
    if prev.kind == "reported" or quote.kind != "direct":
        return False
    if doc.paragraph_index(prev.end) != doc.paragraph_index(quote.start):
        return False
    if quote.cue_span is not None and quote.cue_span == prev.cue_span:
        return True
    return quote.inherited and quote.speaker is prev.speaker


# 3. Reported speech -------------------------------------------------------------------------


def _reported(doc: _Doc, cue: tuple[int, int], covered: _Spans) -> _Found | None:
    text = doc.text
    word = text[cue[0] : cue[1]]
    lower = word.lower()
    if lower in _PARTIAL_ONLY or lower in _NOT_REPORTING:
        return None
    s_lo, s_hi = doc.sentence(cue[0])
    content_end = s_hi
    while content_end > s_lo and text[content_end - 1] in _CONTENT_TRAIL:
        content_end -= 1
    if covered.overlaps(cue[1], content_end) and covered.overlaps(s_lo, cue[0]):
        return None  # quotations on both sides of the cue: nothing left to report
    # "X said the plan failed and said ...": the content stops before the next cue after "and" or ","
    joined = doc.next_joined[bisect_left(doc.cue_starts, cue[1])]
    if joined < len(doc.cues) and doc.cues[joined][1] <= content_end:
        content_end = doc.cues[joined][0]
    if lower == "according to":
        right = tokenize(text, cue[1], min(s_hi, cue[1] + 160))
        speaker = parse_right(text, right)
        if speaker is None:
            return None
        if cue[0] - s_lo < 3:  # "According to X, content."
            comma = text.find(",", speaker.end, s_hi)
            if comma < 0:
                return None
            following = text[comma + 1 : comma + 40].split(None, 1)
            if following and following[0].lower() in _APPOSITIVE_START:
                # "According to Lee, spokesperson for the Joint Chiefs, the launchers ..."
                nxt = text.find(",", comma + 1, s_hi)
                comma = nxt if nxt > 0 else comma
            return _make_reported(text, comma + 1, content_end, word, speaker, cue, covered)
        return _make_reported(text, s_lo, cue[0], word, speaker, cue, covered)
    words = text[max(s_lo, cue[0] - 40) : cue[0]].split()
    while words and words[-1].lower() in _SKIP_BEFORE_CUE:
        words.pop()
    if words and words[-1].lower() in _NO_SUBJECT:
        return None  # "... to say", "... been said", "... who said": no speaker next to the cue
    speaker, left = _left_speaker(text, cue[0], s_lo)
    if speaker is None:
        if not left:
            return None
        last = left[-1][2]
        if (lower.endswith("ing") and last == ",") or last in ("and", "but"):
            speaker = _clause_subject(doc, s_lo, cue[0])  # "Vogt left the talks, saying that ..."
            if speaker is None:
                return None
            start = _content_after(doc, cue, content_end)
            if start is None:
                return None
            return _make_reported(text, start, content_end, word, speaker, cue, covered)
        if last != ",":
            return None
        # "..., said X." at the end of a sentence
        after = tokenize(text, cue[1], min(s_hi, cue[1] + 120))
        speaker = parse_right(text, after) if after and len(after) <= 14 else None
        if speaker is None:
            return None
        return _make_reported(text, s_lo, left[-1][0], word, speaker, cue, covered)
    # the words before the speaker, without its title and role words ("VCNA Director"); read back
    # at most 300 characters: a longer stretch is far more than the eight words looked for
    pre_lo = max(s_lo, speaker.start - 300)
    pre = text[pre_lo : speaker.start].split()
    if pre_lo > s_lo and pre:
        pre[0] = "x"  # a cut word, and not the sentence's first
    while pre and (pre[-1][:1].isupper() or pre[-1].lower() in _LEAD):
        pre.pop()
    start = _content_after(doc, cue, content_end)
    if pre and pre[-1].endswith(",") and (start is None or _fewer_spaces(text, start, content_end, 3)):
        # "Content, X said (on Monday)."
        comma = text.rfind(",", s_lo, speaker.start)
        return _make_reported(text, s_lo, comma, word, speaker, cue, covered)
    if pre and not _subject_start(pre) and not (len(pre) <= 8 and pre[0].lower() in _OPENING_PREPOSITIONS):
        return None
    if start is None:
        return None
    first = text[start : start + 12].split(None, 1)[0].lower() if text[start : start + 12].strip() else ""
    if first in ("in", "on", "at", "by", "to", "for", "with", "of", "about", "it.", "so."):
        return None
    if _fewer_spaces(text, start, content_end, 2):
        return None
    return _make_reported(text, start, content_end, word, speaker, cue, covered)


_CONTENT_TRAIL = frozenset(" \t\n.,;:!?")


def _fewer_spaces(text: str, lo: int, hi: int, count: int) -> bool:
    """Whether ``text[lo:hi]`` holds fewer than ``count`` spaces (read only as far as it needs)."""
    pos = lo - 1
    for _ in range(count):
        pos = text.find(" ", pos + 1, hi)
        if pos < 0:
            return True
    return False


_SKIP_BEFORE_CUE = wordset("has had have also is was will would")
_NO_SUBJECT = wordset("to be been being it who which by with for can not that of in on at from this there what")
_NOT_REPORTING = frozenset(
    ("put it", "puts it", "went on", "goes on", "shot back", "speak", "speaks", "spoke", "speaking")
)
_APPOSITIVE_START = ROLE_WORDS | wordset("a an the former senior deputy chief head who")


_LEAD = ROLE_WORDS | DETERMINERS | {"former", "senior", "deputy", "chief", "of", "for"}
# "The Tarsanian state daily People's Standard said": the words describing a medium before its name
_LEAD = _LEAD | wordset("state state-run state-owned official daily weekly ruling party government")
_OPENING_PREPOSITIONS = wordset("at on in during after before later earlier speaking from")


def _subject_start(words: list[str]) -> bool:
    """The words before a speaker leave it as the subject of a clause ("But", "On Monday,")."""
    last = words[-1]
    return last[-1] in ",:;(" or last in ("—", "–", "-") or last.lower() in ("but", "and", "as", "so", "yet", "while")


def _make_reported(
    text: str,
    start: int,
    end: int,
    cue: str,
    speaker: Speaker,
    cue_span: tuple[int, int],
    covered: _Spans,
) -> _Found | None:
    while start < end and text[start] in " \n\t,:":
        start += 1
    while end > start and text[end - 1] in " \n\t,;":
        end -= 1
    if end - start < 12 or _fewer_spaces(text, start, end, 2):
        return None
    if covered.overlaps(start, end):
        return None  # overlaps a direct quote: not reported speech
    kind = "partial" if _QUOTE_MARK.search(text, start, end) else "reported"
    return _Found(start, end, kind, cue, speaker, cue_span, False, end)


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    return {"quotes": tuple(extract_quotes(doc, found["entities"]))}


QUOTES = Extractor("quotes", ("entities",), ("quotes",), _extract)
"""The quotes extractor as the extract stage runs it."""

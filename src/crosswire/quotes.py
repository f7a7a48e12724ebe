"""Quotations in news articles: direct, partial and reported speech, with their speakers.

``extract_quotes(article)`` returns :class:`Quote` records sorted by ``start``. The content span
of a direct or partial quote lies inside the quotation marks; a quotation interrupted by its
attribution ('"We are ready," he said, "and we will stay."') is one quote whose span runs from
the first part to the last. Rules in brief (details in ``docs/extractors/quotes.md``):

1. pair quotation marks per paragraph (straight and curly); a paragraph that opens a quote and
   does not close it continues into the next paragraph when that one reopens;
2. attach each quote to a cue verb next to it: after the closing mark ('"...," said X',
   '"...," X told Y', '"...", according to X') or before the opening mark ('X said: "..."');
   a quoted phrase inside a clause is a partial quote of that clause's speaker; a quote with no
   cue takes the speaker of the quote just before it, or of a preceding "X said:" sentence;
3. reported speech: 'X said (that) ...', '..., X said', 'according to X, ...' without marks;
4. resolve pronoun and descriptor speakers ("he", "the minister") to the person named earlier.

Written by hand: no library does quote attribution offline within the speed budget (see
ANCHORS.md: the comparable systems use trained sequence models and coreference).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

import ahocorasick

from crosswire.model import Article, Span
from crosswire.sentences import split_paragraphs, split_sentences
from crosswire.speakers import (
    DETERMINERS,
    ROLE_WORDS,
    Speaker,
    Token,
    parse_left,
    parse_right,
    tokenize,
    wordset,
)

__all__ = ["CUE_WORDS", "Quote", "extract_quotes"]

log = logging.getLogger(__name__)

CUE_WORDS = wordset(
    """
    said says say saying told tells tell added adds stated states announced announces warned warns
    claimed claims argued argues insisted insists noted notes explained explains wrote writes
    tweeted tweets declared declares asserted asserts acknowledged acknowledges admitted admits
    denied denies confirmed confirms suggested suggests predicted predicts urged urges replied
    replies responded responds cautioned cautions stressed stresses emphasized emphasised recalled
    recalls conceded concedes complained complains contended contends maintained maintains vowed
    vows promised promises pledged pledges estimated estimates alleged alleges charged charges
    countered counters continued continues asked asks described describes called calls dubbed
    labelled labeled quipped joked shouted yelled told reported reports
    """
)
# Verbs that attribute a quoted phrase but are too common to start reported speech on their own.
_PARTIAL_ONLY = wordset(
    """
    described describes called calls dubbed labelled labeled asked asks continued
    """
)

# Cue verbs are found with one Aho-Corasick pass (a regex alternation of ~200 words is several
# times slower over a whole article); matches are then checked for word boundaries.
_CUES = ahocorasick.Automaton()
for _word in (*CUE_WORDS, "according to", "According to"):
    _CUES.add_word(_word, len(_word))
_CUES.make_automaton()


def _find_cues(text: str) -> list[tuple[int, int]]:
    """Spans of cue words in ``text`` (whole words only), in order."""
    found = []
    size = len(text)
    for last, length in _CUES.iter(text):
        start = last + 1 - length
        if (start == 0 or not text[start - 1].isalnum()) and (
            last + 1 == size or not text[last + 1].isalnum()
        ):
            found.append((start, last + 1))
    return found


_QUOTE_MARK = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_CLAUSE_START = re.compile(r"(?:[:,;(\[—–-]|\bthat)\s*$")
_LEAD = ROLE_WORDS | DETERMINERS | {"former", "senior", "deputy", "chief", "of", "for"}
_PUNCT_END = re.compile(r"[\s.,;:!?]+$")
_SKIP_AFTER_CUE = wordset(
    """
    that on in at during to reporters journalists
    """
)
_TIME_WORDS = wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight earlier later
    this last week month year morning afternoon evening night a an the statement interview
    """
)


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


def extract_quotes(article: Article) -> list[Quote]:
    """Direct, partial and reported quotations in ``article`` with their speakers."""
    text = article.text
    if not text:
        return []
    paragraphs = split_paragraphs(text)
    ctx = _Context(text, split_sentences(text), paragraphs, _find_cues(text))
    found: list[_Found] = []
    for seg_start, seg_end in _segments(text, paragraphs):
        quote = _direct(ctx, seg_start, seg_end, found)
        if quote is None:
            continue
        prev = found[-1] if found else None
        if prev is not None and _continues(ctx, prev, quote):
            found[-1] = _Found(prev.start, quote.end, "direct", prev.cue, prev.speaker, prev.cue_span)
        else:
            found.append(quote)
    used = {q.cue_span for q in found if q.cue_span}
    covered = [(q.start - 1, q.end + 1) for q in found]
    for cue in ctx.cues:
        if cue in used or _inside(cue[0], covered):
            continue
        quote = _reported(ctx, cue, covered)
        if quote is not None and not (
            found and found[-1].start == quote.start and found[-1].end == quote.end
        ):
            found.append(quote)
    found.sort(key=lambda q: q.start)
    return _resolve(text, found)


class _Context:
    """The article text with its sentences, paragraphs and cue-verb positions."""

    __slots__ = ("cue_starts", "cues", "para_starts", "paragraphs", "sentences", "starts", "text")

    def __init__(
        self, text: str, sentences: list[Span], paragraphs: list[Span], cues: list[tuple[int, int]]
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.paragraphs = paragraphs
        self.para_starts = [p.start for p in paragraphs]
        self.cues = cues
        self.cue_starts = [c[0] for c in cues]

    def sentence_index(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def sentence(self, pos: int) -> Span:
        return self.sentences[self.sentence_index(pos)]

    def paragraph_index(self, pos: int) -> int:
        return max(bisect_right(self.para_starts, pos) - 1, 0)

    def cues_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        i = bisect_right(self.cue_starts, lo - 1)
        out = []
        while i < len(self.cues) and self.cues[i][0] < hi:
            if self.cues[i][1] <= hi:
                out.append(self.cues[i])
            i += 1
        return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _segments(text: str, paragraphs: list[Span]) -> list[tuple[int, int]]:
    """Content spans between paired quotation marks (inside the marks)."""
    segments: list[tuple[int, int]] = []
    open_at: int | None = None
    for n, para in enumerate(paragraphs):
        skip_first = False
        if open_at is not None:
            # a quote left open by the previous paragraph continues if this one reopens
            if text[para.start] in _OPENERS or text[para.start] == '"':
                skip_first = True
            else:
                segments.append((open_at + 1, paragraphs[n - 1].end))
                open_at = None
        for m in _QUOTE_MARK.finditer(text, para.start, para.end):
            pos = m.start()
            if skip_first:
                skip_first = False
                continue
            mark = m.group()
            if mark in _OPENERS or (mark == '"' and open_at is None):
                if open_at is None:
                    open_at = pos
            elif open_at is not None:
                if pos > open_at + 1:
                    segments.append((open_at + 1, pos))
                open_at = None
        if open_at is not None and n + 1 < len(paragraphs):
            continue
        if open_at is not None:
            segments.append((open_at + 1, para.end))
            open_at = None
    return segments


def _speaker_at_cue(text: str, cue: tuple[int, int], lo: int, hi: int) -> Speaker | None:
    """Speaker next to a cue: left of it within ``lo``, else right of it within ``hi``."""
    word = text[cue[0] : cue[1]].lower()
    if word != "according to":
        left = tokenize(text, lo, cue[0])
        speaker = parse_left(text, left) if left else None
        if speaker is not None:
            return speaker
    right = tokenize(text, cue[1], hi)
    return parse_right(text, right)


def _direct(ctx: _Context, start: int, end: int, found: list[_Found]) -> _Found | None:
    text = ctx.text
    first = ctx.sentence(start - 1)
    last = ctx.sentence(end)
    close = end + 1 if end < len(text) and _QUOTE_MARK.match(text, end) else end
    prev_end = found[-1].end + 1 if found else 0
    before_lo = max(first.start, prev_end)
    before = text[before_lo : start - 1]
    clause_start = _starts_clause(before)
    after_hi = min(last.end, close + 160)
    next_mark = _QUOTE_MARK.search(text, close, after_hi)
    if next_mark:
        after_hi = next_mark.start()
    words = len(text[start:end].split())
    # 1. cue after the quote: '"...," said X', '"...," X said', '"...", according to X'
    for cue in ctx.cues_in(close, after_hi):
        gap = text[close : cue[0]]
        if len(gap.split()) > 8 or any(ch in gap for ch in ".!?;"):
            break
        speaker = _speaker_at_cue(text, cue, close, after_hi)
        if clause_start and (speaker is not None or not gap.strip(" ,")):
            return _Found(start, end, "direct", text[cue[0] : cue[1]], speaker, cue)
        if speaker is not None and not ctx.cues_in(before_lo, start):
            # 'The plan is "dead on arrival," X said': the clause around the quoted phrase
            lo = before_lo + len(before) - len(before.lstrip())
            return _Found(lo, close, "partial", text[cue[0] : cue[1]], speaker, cue)
        break
    if not clause_start:
        return None  # a quoted phrase inside a clause: partial, found with reported speech
    # 2. cue before the quote: 'X said: "..."', 'According to X, "..."'
    near = ctx.cues_in(before_lo, start - 1)
    if near:
        cue = near[-1]
        gap = text[cue[1] : start - 1]
        if len(gap.split()) <= 6:
            speaker = _speaker_at_cue(text, cue, before_lo, start - 1)
            if speaker is not None and speaker.end > start:
                speaker = None
            return _Found(start, end, "direct", text[cue[0] : cue[1]], speaker, cue)
    if words < 4 and not before.strip():
        return None  # a title, a name or a scare-quoted word with no one saying it
    # 3. no cue beside it: "X said:" in the sentence before, the subject of the sentence before,
    # or the speaker of the quote just before
    i = ctx.sentence_index(start - 1)
    para = ctx.paragraph_index(start)
    if i > 0:
        prior = ctx.sentences[i - 1]
        prior_text = text[prior.start : prior.end]
        same_para = ctx.paragraph_index(prior.start) == para
        if prior_text.rstrip().endswith(":"):
            pcues = ctx.cues_in(prior.start, prior.end)
            if pcues:
                speaker = _speaker_at_cue(text, pcues[-1], prior.start, prior.end)
                return _Found(start, end, "direct", text[pcues[-1][0] : pcues[-1][1]], speaker, pcues[-1])
        if same_para and not _QUOTE_MARK.search(prior_text):
            speaker = _subject(text, prior.start, prior.end)
            if speaker is not None:
                return _Found(start, end, "direct", None, speaker, None)
    if found and found[-1].kind == "direct" and start - found[-1].end < 400:
        prev = found[-1]
        prev_para = ctx.paragraph_index(prev.end)
        own_para = text[ctx.paragraphs[para].start : start - 1].strip() == ""
        others = [c for c in ctx.cues_in(prev.end, start) if c != prev.cue_span]
        if (prev_para == para or (prev_para == para - 1 and own_para)) and not others:
            return _Found(start, end, "direct", prev.cue, prev.speaker, None)
    return _Found(start, end, "direct", None, None, None)


def _subject(text: str, lo: int, hi: int) -> Speaker | None:
    """The speaker-like subject opening a sentence: "Vogt shook his head.", "She smiled."."""
    tokens = tokenize(text, lo, min(hi, lo + 80))
    n = 0
    while n < len(tokens) and n < 6 and (tokens[n][2][:1].isupper() or tokens[n][2] in ".-"):
        n += 1
    if n == 0 or n >= len(tokens) or not tokens[n][2].islower():
        return None
    return parse_left(text, tokens[:n])


def _continues(ctx: _Context, prev: _Found, quote: _Found) -> bool:
    """Is ``quote`` the same quotation as ``prev``, interrupted by its attribution or resumed?"""
    if prev.kind != "direct" or ctx.paragraph_index(prev.end) != ctx.paragraph_index(quote.start):
        return False
    if quote.cue_span is not None and quote.cue_span == prev.cue_span:
        return True
    return quote.cue_span is None and quote.speaker is prev.speaker and prev.speaker is not None


def _starts_clause(before: str) -> bool:
    stripped = before.rstrip()
    if not stripped:
        return True
    if _CLAUSE_START.search(stripped):
        return True
    last = stripped.split()[-1].lower().strip(",")
    return last in CUE_WORDS


def _reported(ctx: _Context, cue: tuple[int, int], covered: list[tuple[int, int]]) -> _Found | None:
    text = ctx.text
    word = text[cue[0] : cue[1]]
    lower = word.lower()
    sentence = ctx.sentence(cue[0])
    s_lo, s_hi = sentence.start, sentence.end
    if lower in _PARTIAL_ONLY and not _QUOTE_MARK.search(text, cue[1], s_hi):
        return None
    content_end = s_lo + len(_PUNCT_END.sub("", text[s_lo:s_hi]))
    for later in ctx.cues_in(cue[1], content_end):
        # "X said the plan failed and said ...": the content stops before the next cue
        if text[cue[1] : later[0]].rstrip().endswith((" and", ",")):
            content_end = later[0]
            break
    if lower == "according to":
        right = tokenize(text, cue[1], s_hi)
        speaker = parse_right(text, right)
        if speaker is None:
            return None
        if cue[0] - s_lo < 3:  # "According to X, content."
            comma = text.find(",", speaker.end, s_hi)
            if comma < 0:
                return None
            return _make_reported(text, comma + 1, content_end, word, speaker, cue, covered)
        return _make_reported(text, s_lo, cue[0], word, speaker, cue, covered)
    left = tokenize(text, s_lo, cue[0])
    speaker = parse_left(text, left) if left else None
    after = tokenize(text, cue[1], s_hi)
    if speaker is None:
        # "..., said X." at the end of a sentence
        speaker = parse_right(text, after) if after and len(after) <= 14 else None
        if speaker is None or not left or left[-1][2] != ",":
            return None
        return _make_reported(text, s_lo, left[-1][0], word, speaker, cue, covered)
    before_speaker = [t for t in left if t[1] <= speaker.start]
    while before_speaker and (before_speaker[-1][2][:1].isupper() or before_speaker[-1][2].lower() in _LEAD):
        before_speaker.pop()  # the speaker's title and role words: "FBI Director", "ministry"
    content_start = _skip_to_content(after, lower)
    if (
        before_speaker
        and before_speaker[-1][2] == ","
        and (content_start is None or len(text[content_start:content_end].split()) < 4)
    ):
        # "Content, X said (on Monday)."
        return _make_reported(text, s_lo, before_speaker[-1][0], word, speaker, cue, covered)
    if before_speaker and not _subject_start(before_speaker) and not _opening_phrase(before_speaker):
        return None
    # "X said (on Monday) (that) content."
    if content_start is None:
        return None
    return _make_reported(text, content_start, content_end, word, speaker, cue, covered)


_OPENING_PREPOSITIONS = wordset("at on in during after before later earlier speaking from")


def _opening_phrase(tokens: list[Token]) -> bool:
    """A short adverbial opening the sentence before its subject: "At the town hall she said"."""
    return len(tokens) <= 8 and tokens[0][2].lower() in _OPENING_PREPOSITIONS


def _subject_start(tokens: list[Token]) -> bool:
    """The words before a speaker leave it as the subject of a clause ("But", "On Monday,")."""
    last = tokens[-1][2]
    return last in (",", ":", ";", "—", "–", "-", "(") or last.lower() in (
        "but",
        "and",
        "as",
        "so",
        "yet",
        "while",
    )


def _skip_to_content(after: list[Token], cue: str) -> int | None:
    if not after:
        return None
    n = 0
    if cue in ("told", "tells", "tell"):
        while n < len(after) and n < 6 and after[n][2].lower() not in ("that", ",", ":"):
            n += 1
    # "said on Monday that", "said in a statement that", "said Tuesday"
    that_at = next((k for k in range(n, min(len(after), n + 8)) if after[k][2].lower() == "that"), None)
    if that_at is not None and all(
        after[k][2].lower() in _SKIP_AFTER_CUE or after[k][2].lower() in _TIME_WORDS or after[k][2] in ","
        for k in range(n, that_at)
    ):
        n = that_at + 1
    else:
        while n < len(after) and (after[n][2] in ",:" or after[n][2].lower() in ("that",)):
            n += 1
    if n >= len(after):
        return None
    first = after[n][2]
    if first in ".!?;" or first.lower() in ("in", "on", "at", "by", "to", "for", "with", "of"):
        return None
    if len(after) - n < 3:
        return None
    return after[n][0]


def _make_reported(
    text: str,
    start: int,
    end: int,
    cue: str,
    speaker: Speaker,
    cue_span: tuple[int, int],
    covered: list[tuple[int, int]],
) -> _Found | None:
    while start < end and text[start] in " \n\t,:":
        start += 1
    while end > start and text[end - 1] in " \n\t,;":
        end -= 1
    if end - start < 12 or len(text[start:end].split()) < 3:
        return None
    for s, e in covered:
        if s < end and start < e:
            return None  # overlaps a direct quote: not reported speech
    kind = "partial" if _QUOTE_MARK.search(text, start, end) else "reported"
    return _Found(start, end, kind, cue, speaker, cue_span)


_PERSON_PRONOUNS = wordset(
    """
    he she him her his i
    """
)


# A person named in running text before any quote ("Karl Vogt visited the border."): two or three
# capitalised words, the first not a sentence opener. Used only when no named speaker came before.
_PERSON = re.compile(
    r"\b(?!(?:The|A|An|In|On|At|But|And|It|This|That|When|After)\b)"
    r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z]\.)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}\b"
)


def _last_person(text: str, before: int) -> tuple[int, int, str] | None:
    last = None
    for m in _PERSON.finditer(text, max(0, before - 600), before):
        last = (m.start(), m.end(), m.group())
    return last


def _resolve(text: str, found: list[_Found]) -> list[Quote]:
    """Resolve pronoun and descriptor speakers to the latest fitting named speaker before them."""
    named: list[Speaker] = []
    out = []
    for q in found:
        speaker = q.speaker
        if speaker is not None:
            speaker = _resolve_one(text, speaker, named)
            if speaker.kind == "named":
                named.append(speaker)
        out.append(Quote(q.start, q.end, text[q.start : q.end], q.kind, q.cue, speaker))
    return out


def _resolve_one(text: str, speaker: Speaker, named: list[Speaker]) -> Speaker:
    if speaker.kind == "named":
        if " " not in speaker.name:
            for earlier in reversed(named):
                if earlier.name.endswith(" " + speaker.name) and earlier.start < speaker.start:
                    return replace(
                        speaker,
                        name=earlier.name,
                        role=speaker.role or earlier.role,
                        org=speaker.org or earlier.org,
                    )
        return speaker
    if speaker.kind == "pronoun":
        if speaker.name.lower() in _PERSON_PRONOUNS:
            for earlier in reversed(named):
                if (earlier.start < speaker.start and " " in earlier.name) or earlier.role:
                    return _take(speaker, earlier, "pronoun")
            if named:
                return _take(speaker, named[-1], "pronoun")
            mention = _last_person(text, speaker.start)
            if mention is not None:
                return replace(speaker, name=mention[2], antecedent=(mention[0], mention[1]))
        return speaker
    if speaker.kind == "descriptor" and speaker.role:
        head = speaker.role.split()[-1]
        for earlier in reversed(named):
            if earlier.role and head in earlier.role.lower():
                return _take(speaker, earlier, "descriptor")
        return replace(speaker, kind="unnamed")
    return speaker


def _take(speaker: Speaker, earlier: Speaker, kind: str) -> Speaker:
    return replace(
        speaker,
        name=earlier.name,
        role=earlier.role or speaker.role,
        org=earlier.org or speaker.org,
        kind=kind,
        antecedent=(earlier.start, earlier.end),
    )

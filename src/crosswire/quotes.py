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

from crosswire.model import Article, Span
from crosswire.sentences import split_paragraphs, split_sentences
from crosswire.speakers import Speaker, Token, parse_left, parse_right, tokenize, wordset

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

_CUE = re.compile(r"\b(?:according to|" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")\b", re.I)
_QUOTE_MARK = re.compile(r"[\"“”„«»]")
_OPENERS = "“„«"
_CLOSERS = "”»"
_CLAUSE_START = re.compile(r"(?:[:,;(\[—–-]|\bthat)\s*$")
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
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    cues = [(m.start(), m.end()) for m in _CUE.finditer(text)]
    cue_starts = [c[0] for c in cues]
    found: list[_Found] = []
    segments = _segments(text, paragraphs)
    for seg_start, seg_end in segments:
        quote = _direct(text, seg_start, seg_end, sentences, starts, cues, cue_starts, found)
        if quote is not None:
            found.append(quote)
    used = {q.cue_span for q in found if q.cue_span}
    covered = [(s - 1, e + 1) for s, e in segments]
    for cue in cues:
        if cue in used or _inside(cue[0], covered):
            continue
        quote = _reported(text, cue, sentences, starts, covered)
        if quote is not None:
            found.append(quote)
    found.sort(key=lambda q: q.start)
    return _resolve(text, found)


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


def _sentence_of(pos: int, sentences: list[Span], starts: list[int]) -> Span:
    i = bisect_right(starts, pos) - 1
    return sentences[max(i, 0)]


def _cues_in(cues: list[tuple[int, int]], cue_starts: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    i = bisect_right(cue_starts, lo - 1)
    out = []
    while i < len(cues) and cues[i][0] < hi:
        if cues[i][1] <= hi:
            out.append(cues[i])
        i += 1
    return out


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


def _direct(
    text: str,
    start: int,
    end: int,
    sentences: list[Span],
    starts: list[int],
    cues: list[tuple[int, int]],
    cue_starts: list[int],
    found: list[_Found],
) -> _Found | None:
    first = _sentence_of(start - 1, sentences, starts)
    last = _sentence_of(end, sentences, starts)
    close = end + 1 if end < len(text) and _QUOTE_MARK.match(text, end) else end
    prev_end = found[-1].end + 1 if found else 0
    before_lo = max(first.start, prev_end)
    before = text[before_lo : start - 1]
    after_hi = min(last.end, close + 160)
    next_mark = _QUOTE_MARK.search(text, close, after_hi)
    if next_mark:
        after_hi = next_mark.start()
    words = len(text[start:end].split())
    # 1. cue after the quote: '"...," said X', '"...," X said', '"...", according to X'
    for cue in _cues_in(cues, cue_starts, close, after_hi):
        gap = text[close : cue[0]]
        if len(gap.split()) > 8 or any(ch in gap for ch in ".!?;"):
            break
        speaker = _speaker_at_cue(text, cue, close, after_hi)
        if speaker is not None or not gap.strip(" ,"):
            kind = "direct" if _starts_clause(before) else "partial"
            return _Found(start, end, kind, text[cue[0] : cue[1]], speaker, cue)
        break
    # 2. cue before the quote: 'X said: "..."', 'According to X, "..."'
    near = _cues_in(cues, cue_starts, before_lo, start - 1)
    if near:
        cue = near[-1]
        gap = text[cue[1] : start - 1]
        starts_clause = _starts_clause(before)
        if len(gap.split()) <= 6 or not starts_clause:
            speaker = _speaker_at_cue(text, cue, before_lo, start - 1)
            if speaker is not None and speaker.end > start:
                speaker = None
            kind = "direct" if starts_clause and len(gap.split()) <= 6 else "partial"
            if speaker is not None or kind == "direct":
                return _Found(start, end, kind, text[cue[0] : cue[1]], speaker, cue)
    if not _starts_clause(before) or words < 4:
        return None  # a title, a name or a scare-quoted word with no one saying it
    # 3. no cue beside it: continue the previous quote, or take "X said:" from the sentence before
    if found and found[-1].kind == "direct" and start - found[-1].end < 400:
        prev = found[-1]
        between = text[prev.end : start]
        if between.count("\n\n") <= 1 and not _other_cue_between(prev, cues, cue_starts, start):
            return _Found(start, end, "direct", prev.cue, prev.speaker, None)
    i = bisect_right(starts, start - 1) - 1
    if i > 0:
        prior = sentences[i - 1]
        if text[prior.start : prior.end].rstrip().endswith(":"):
            pcues = _cues_in(cues, cue_starts, prior.start, prior.end)
            if pcues:
                speaker = _speaker_at_cue(text, pcues[-1], prior.start, prior.end)
                return _Found(start, end, "direct", text[pcues[-1][0] : pcues[-1][1]], speaker, pcues[-1])
    return _Found(start, end, "direct", None, None, None)


def _other_cue_between(prev: _Found, cues: list[tuple[int, int]], cue_starts: list[int], start: int) -> bool:
    return any(c != prev.cue_span for c in _cues_in(cues, cue_starts, prev.end, start))


def _starts_clause(before: str) -> bool:
    stripped = before.rstrip()
    if not stripped:
        return True
    if _CLAUSE_START.search(stripped):
        return True
    last = stripped.split()[-1].lower().strip(",")
    return last in CUE_WORDS


def _reported(
    text: str,
    cue: tuple[int, int],
    sentences: list[Span],
    starts: list[int],
    covered: list[tuple[int, int]],
) -> _Found | None:
    word = text[cue[0] : cue[1]]
    lower = word.lower()
    if lower in _PARTIAL_ONLY:
        return None
    sentence = _sentence_of(cue[0], sentences, starts)
    s_lo, s_hi = sentence.start, sentence.end
    content_end = s_lo + len(_PUNCT_END.sub("", text[s_lo:s_hi]))
    if lower == "according to":
        right = tokenize(text, cue[1], s_hi)
        speaker = parse_right(text, right)
        if speaker is None:
            return None
        comma = text.find(",", speaker.end, s_hi)
        if cue[0] - s_lo < 3:  # "According to X, content."
            if comma < 0:
                return None
            return _make_reported(text, comma + 1, content_end, word, speaker, cue, covered)
        return _make_reported(
            text, s_lo, _PUNCT_END.sub("", text[s_lo : cue[0]]).__len__() + s_lo, word, speaker, cue, covered
        )
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
    if before_speaker and before_speaker[-1][2] == "," and len(after) <= 12:
        # "Content, X said (on Monday)."
        comma = before_speaker[-1][0]
        return _make_reported(text, s_lo, comma, word, speaker, cue, covered)
    if before_speaker and not _subject_start(before_speaker):
        return None
    # "X said (on Monday) (that) content."
    content_start = _skip_to_content(text, after, lower)
    if content_start is None:
        return None
    return _make_reported(text, content_start, content_end, word, speaker, cue, covered)


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


def _skip_to_content(text: str, after: list[Token], cue: str) -> int | None:
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
    if first in ".!?;" or first.lower() in ("in", "on", "at", "by", "to", "for", "with", "of", "it", "so"):
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
    while start < end and text[start] in ' \n\t,:"“':
        start += 1
    while end > start and text[end - 1] in " \n\t,;":
        end -= 1
    if end - start < 12 or len(text[start:end].split()) < 3:
        return None
    for s, e in covered:
        if s <= start and end <= e:
            return None  # inside a direct quote: not reported speech
    kind = "partial" if any(start <= s and e <= end for s, e in covered) else "reported"
    return _Found(start, end, kind, cue, speaker, cue_span)


_PERSON_PRONOUNS = wordset(
    """
    he she him her his i
    """
)


def _resolve(text: str, found: list[_Found]) -> list[Quote]:
    """Resolve pronoun and descriptor speakers to the latest fitting named speaker before them."""
    named: list[Speaker] = []
    out = []
    for q in found:
        speaker = q.speaker
        if speaker is not None:
            speaker = _resolve_one(speaker, named)
            if speaker.kind == "named":
                named.append(speaker)
        out.append(Quote(q.start, q.end, text[q.start : q.end], q.kind, q.cue, speaker))
    return out


def _resolve_one(speaker: Speaker, named: list[Speaker]) -> Speaker:
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

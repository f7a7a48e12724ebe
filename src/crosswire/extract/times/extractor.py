"""Time expressions: dates, times, durations and sets, normalised to TimeML TIMEX3 values.

``extract_times(article)`` finds "Sunday night", "in July", "late 2023", "Oct. 24", "last month",
"three days", "two years ago", "every week", "2.15pm" and the like, and gives each its TIMEX3
value relative to ``article.published`` (the document creation time) at its true granularity:
"in July" is ``2024-07``, never a day. With no publication date, nothing is borrowed from the
clock: the year stays unknown (``XXXX-10-24``) and relative expressions get TIMEX3's underspecified
forms ("yesterday" ``XXXX-XX-XX``, "last month" ``XXXX-XX``).

How: an Aho-Corasick pass finds head words and a regular expression finds year and clock numbers
(:mod:`crosswire.extract.times.grammar`); at the word starts just before each head the grammar
branches for that kind of head are tried; the matching branch's resolver
(:mod:`crosswire.extract.times.dates`, :mod:`crosswire.extract.times.spans`) gives the value, using
the article's reference time and the clause's tense (:mod:`crosswire.extract.times.context`) and
calendar arithmetic (:mod:`crosswire.extract.times.timex`). Written by hand because no library
gives TIMEX3 values with granularity, spans and TimeML's conventions offline at this speed
(dateparser resolves to full datetimes and is ~1000x slower); see
docs/extractors/times.md.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crosswire.extract.component import Extractor, Found
from crosswire.extract.times.context import TIME, Context, Resolver
from crosswire.extract.times.dates import DATE_RESOLVERS
from crosswire.extract.times.grammar import BRANCH, CLASS_PATTERNS, HEADS, NUMBER_HEAD, OPENERS, PART_CODES, head_view
from crosswire.extract.times.spans import SPAN_RESOLVERS
from crosswire.model import Article
from crosswire.text.document import Document

__all__ = ["TIMES", "TimeExpression", "extract_times"]

log = logging.getLogger(__name__)

_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)|(?:\d{4}|XXXX)-W(?:\d\d|XX)-[1-7]")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression: its span, TIMEX3 type and value, and TimeML modifier.

    ``date`` is the calendar day of a day-or-finer expression without its time of day, and
    ``part`` the part of day named in it, so "Sunday night" reads both as TimeML's
    ``2024-11-03TNI`` and as the day ``2024-11-03`` with part ``night``.
    """

    start: int
    end: int
    text: str
    value: str | None
    type: str
    mod: str | None = None
    granularity: str | None = None
    part: str | None = None

    @property
    def date(self) -> str | None:
        """The day of the expression ("2024-11-03" of "2024-11-03TNI"), None when coarser."""
        if self.value is None or self.type not in ("DATE", "TIME"):
            return None
        day = self.value.split("T", 1)[0]
        return day if _DAY_VALUE.fullmatch(day) else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "type": self.type,
            "mod": self.mod,
            "granularity": self.granularity,
            "part": self.part,
            "date": self.date,
        }


_RESOLVERS: dict[str, Resolver] = DATE_RESOLVERS | SPAN_RESOLVERS
_GRANULARITY = {"D": "day", "W": "week", "WE": "weekend", "M": "month", "S": "season", "Q": "quarter"}
_GRANULARITY |= {"H": "half", "Y": "year", "E": "decade", "C": "century"}


def extract_times(source: Article | Document) -> list[TimeExpression]:
    """Time expressions in an article (or its document), with TIMEX3 values relative to its publication date."""
    doc = Document.of(source)
    text = doc.text
    ctx = Context(doc)
    found: list[TimeExpression] = []
    done = 0
    for head, head_class in _heads(doc):
        if head < done:
            continue
        pattern = CLASS_PATTERNS[head_class]
        for start in _starts(text, head, done):
            match = pattern.match(text, start)
            if match is None or match.end() <= head:
                continue
            if _resolve(match, ctx, found):
                done = match.end()
                break
    return _join_times_to_days(found, text)


def _heads(doc: Document) -> list[tuple[int, str]]:
    """Head words (at word boundaries) and year-like or clock-like numbers: (start, head class)."""
    text = doc.text
    lowered = doc.lower  # of the text's length: "İ" would lower to two characters and shift offsets
    size = len(lowered)
    heads = _number_heads(doc)
    for last, (core, length, head_class, follow) in HEADS.iter_long(head_view(lowered)):
        start = last - core  # ``last`` counts the view's leading "|"
        end = start + length - 1
        if follow and (end >= size or lowered[end] not in follow):
            continue  # "oct." and "oct 4" but not "octane"; "q1" but not "quota"
        if start and lowered[start - 1].isalpha():
            continue
        after = end + 1  # abbreviated months are matched with the period or space after them
        if head_class in _CAPITALISED and not text[start].isupper():
            continue  # "may", "march", "sunday best": month and weekday names are capitalised
        inside = lowered[end] not in ". " and after < size and lowered[after].isalpha()
        if inside and (lowered[after] != "s" or lowered[after + 1 : after + 2].isalpha()):
            continue  # inside a longer word, and not a plural "s" ("days")
        heads.append((start, head_class))
    heads.sort()
    return heads


def _number_heads(doc: Document) -> list[tuple[int, str]]:
    """Years and clock times: ``NUMBER_HEAD`` tried where a run of digits starts (not after "." or ",")."""
    text = doc.text
    heads = []
    done = 0
    for start in doc.number_starts:
        if start < done or (start and text[start - 1] in ".,"):
            continue
        number = NUMBER_HEAD.match(text, start)
        if number is not None:
            heads.append((start, number.lastgroup or ""))
            done = number.end()
    return heads


def _starts(text: str, head: int, floor: int) -> list[int]:
    """Word starts from which an expression ending at or after ``head`` may begin, leftmost first:
    the head's own and those of the modifiers just before it ("the past two", "more than")."""
    position = head
    while position > floor and (text[position - 1].isalnum() or text[position - 1] in _JOINERS):
        position -= 1  # the whole word holding the head: "mid-1990s", "$400"
    starts = [position]
    while len(starts) < 7:
        gap = position - 1
        if gap <= floor or text[gap] not in _SPACE:
            break
        while gap > floor and text[gap - 1] in _SPACE:
            gap -= 1
        space = text.rfind(" ", floor, gap)
        # a line break counts only after the last space: searching no further back keeps this
        # from scanning to ``floor`` in every paragraph without one
        start = max(space, text.rfind("\n", max(floor, space + 1), gap)) + 1
        start = max(start, floor)
        while start < gap and text[start] in _OPENING:
            start += 1  # "(the", a quotation mark
        word = text[start:gap].lower().rstrip(".,")
        if word not in OPENERS and not word[:1].isdigit():
            break
        if word not in _INSIDE:
            starts.append(start)
        position = start
    starts.reverse()
    return starts


# words that sit inside an expression but never begin one ("more than", "a number of")
_INSIDE = frozenset(["of", "and", "or", "than", "to", "on", "least", "most", "number", "other"])
_CAPITALISED = frozenset(["month", "weekday", "holiday"])
_JOINERS = frozenset("'’.$£€-")
_SPACE = frozenset(" \n\t\r\xa0")
_OPENING = frozenset("(\"'“‘[")


def _resolve(match: re.Match[str], ctx: Context, found: list[TimeExpression]) -> bool:
    """Resolve a grammar match and add its expression(s) to ``found``; False if it is none."""
    branch = match.lastgroup
    if branch is None:
        return False
    detail = BRANCH[branch].fullmatch(ctx.text, match.start(), match.end())
    if detail is None:
        log.debug("branch %s did not re-match %r", branch, match[0])
        return False
    result = _RESOLVERS[branch](detail, ctx)
    if result is None:
        return False
    point = result.point
    if point is not None and not (point.gran == "D" and ctx.reporting(match.start())):
        # the date of an event becomes the reference time; the date of a statement does not
        ctx.seen(point, PART_CODES.get(result.part or ""))
    granularity = _GRANULARITY.get(point.gran) if point is not None else None
    start, end = result.start or match.start(), result.end or match.end()
    text = ctx.text
    found.append(
        TimeExpression(start, end, text[start:end], result.value, result.kind, result.mod, granularity, result.part)
    )
    if result.also is not None:
        also_start, also_end, value = result.also
        found.append(
            TimeExpression(also_start, also_end, text[also_start:also_end], value, result.kind, None, granularity)
        )
    return True


_TIME_DATE_GAP = re.compile(r"\s*,?\s*(?:on\s+)?")
_DATE_TIME_GAP = re.compile(r"\s*,?\s*(?:at|from|by|around|about)?\s*")


def _join_times_to_days(found: list[TimeExpression], text: str) -> list[TimeExpression]:
    """Give a clock time the day written next to it ("10 p.m. Wednesday", "Friday at 9am")."""
    joined: list[TimeExpression] = []
    index = 0
    while index < len(found):
        current = found[index]
        following = found[index + 1] if index + 1 < len(found) else None
        clock = current.value.split("T")[1] if current.type == TIME and current.value else None
        if clock is None or ":" not in clock:
            joined.append(current)
            index += 1
            continue
        if (
            following is not None
            and following.granularity == "day"
            and following.start - current.end <= 4
            and _TIME_DATE_GAP.fullmatch(text, current.end, following.start)
        ):
            day = following.date or "XXXX-XX-XX"
            start, end = current.start, following.end
            joined.append(TimeExpression(start, end, text[start:end], f"{day}T{clock}", TIME, current.mod, "time"))
            index += 2
            continue
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.granularity == "day"
            and previous.date
            and current.start - previous.end <= 12
            and _DATE_TIME_GAP.fullmatch(text, previous.end, current.start)
        ):
            current = TimeExpression(
                current.start,
                current.end,
                current.text,
                f"{previous.date}T{clock}",
                TIME,
                current.mod,
                "time",
            )
        joined.append(current)
        index += 1
    return joined


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    return {"times": tuple(extract_times(doc))}


TIMES = Extractor("times", (), ("times",), _extract)
"""The times extractor as the extract stage runs it."""

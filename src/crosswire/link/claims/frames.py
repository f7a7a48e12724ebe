"""Claim frames: what a claim is about, so that only claims about the same thing agree or conflict.

A :class:`Frame` is read from a claim (a :class:`~crosswire.link.claims.keys.ClaimReading`) and,
for a figure, from the figure (a :class:`~crosswire.link.claims.keys.Figure`):

``anchors``
    the named things the claim is about: runs of capitalised words of the claim's text ("Yukos",
    "Deutsche Boerse", "Selk Islands"), folded (no possessive, title or company suffix), less the
    asserter's own name, dates and words that are only capitalised because they open the sentence.
``attribute``
    the thing counted or measured and the event ("launcher moved", "money spend").
``times``
    the claim's TIMEX3 dates; ``periods`` the reporting periods it names ("quarter", "year",
    "half"); ``day`` the article's publication day.
``places``
    the countries and place names of the claim.
``dimension``
    the unit family of the figure (``count``, ``money:GBP``, ``percent``, ``length``).

:func:`frames_differ` says why two frames are not about the same thing (``None`` when they are):
different anchors, a generic thing without an anchor ("money", "person", "rate": a firm's profit
and another firm's fine are not rivals), different events, times, periods or places.
:func:`is_growing` names the counts that grow as a story unfolds (deaths, arrests, evacuees), whose
later figures update the earlier ones rather than contradict them.

Written by hand: the rules read the claim extractor's own fields; an entity linker would need a
model download, and the decisions here are about the claim, not about the entity's identity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from crosswire.link.claims.intervals import Interval
from crosswire.link.claims.keys import NEUTRAL_EVENTS, ClaimReading, Figure, times_compatible
from crosswire.text.capitalised import capitalised_runs

__all__ = [
    "BOUND_REACH",
    "TIME_WINDOW_DAYS",
    "Frame",
    "anchors_meet",
    "comparable",
    "frame_of",
    "frames_differ",
    "is_generic",
    "is_growing",
    "is_name_number",
    "out_of_reach",
    "sentence_words",
]

TIME_WINDOW_DAYS = 14
"""A claim with no time expression is about the days around its article's date: this many before."""
BOUND_REACH = 2.0
"""A bound ("more than 250") meets figures up to this factor past it; farther ones are not about it."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


GENERIC_THINGS = _words(
    """
    money person people man woman child bank customer rate country film company firm share stock
    year month week day time percent point unit item thing case number figure total amount part
    price cost sale value level growth rise fall increase decrease profit loss income revenue
    earning dividend net result deficit surplus debt loan asset fund index market job worker
    employee member user reader viewer household home house job game match vote seat ?
    dlr dollar stg sterling ct cent pence mln billion pct franc guilder yen mark won crown tonne ton
    barrel bpd contract bond note issue order output production export import stake quarter half
    season round leader executive official
    """
)
"""Things too general to say two figures measure one quantity without a named anchor."""

GROWING_THINGS = _words(
    """
    death dead body victim casualty killed fatality injured wounded injury missing arrest arrested
    detainee detained evacuee evacuated displaced refugee homeless case infection patient survivor
    rescued rescue boil aftershock complaint claim applicant
    """
)
"""Counts that grow as a story unfolds: a later, larger figure updates the earlier one."""
_OBSERVING = _words("count see spot observe estimate number total find track")
_GROWING_EVENTS = _words("kill wound die arrest detain evacuate displace rescue infect injure")

_NOT_ANCHORS = _words(
    """
    the a an and or but if in on at to of for by with from as it its this that these those there
    he she they we i you his her their our my your who which what when where while after before
    however meanwhile also last next this mr mrs ms dr sir prof mr. mrs. dr. st inc corp co ltd plc
    llc group holdings january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep
    sept oct nov dec today yesterday earlier later some many most all any each every no not one two
    three four five six seven eight nine ten net shr shares oper qtr year avg revs div qtly mths
    president minister chief executive chairman spokesman spokeswoman spokesperson secretary director
    officials official analysts analyst economists economist traders dealers reporters police
    """
)
_PERIODS = {
    "quarter": "quarter", "qtr": "quarter", "quarters": "quarter", "half": "half", "year": "year",
    "years": "year", "annual": "year", "annually": "year", "month": "month", "months": "month",
    "mths": "month", "week": "week", "weeks": "week", "weekly": "week", "monthly": "month",
    "daily": "day",
}  # fmt: skip
_PERIOD_WORD = re.compile(r"\b(" + "|".join(_PERIODS) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NUMBER_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|several|half)(?:-\w+)?$"
)
_TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SUFFIX = re.compile(r"(?:'s|’s|'|’)$")


_CONTEXT_AFTER = 5
"""Words after a figure that say what a generic figure measures ("a $27bn back-tax bill")."""
_CONTEXT_STOP = _words(
    """
    the a an and or of in on at to for with by from as that this these those its his her their our it
    is are was were be been has have had will would could can may might not no also only about some
    more than less over under up down around nearly almost roughly just per each one two three four five
    six seven eight nine ten hundred thousand million billion trillion bn m mln pct percent cent cents
    dlr dlrs dollar dollars pound pounds euro euros stg said says say year years month week day last
    which who while after before since until into out said according reported its
    """
)


@dataclass(frozen=True, slots=True)
class Frame:
    """What one claim (or one figure of it) is about; see the module docstring."""

    anchors: frozenset[str]
    thing: str | None
    event: str | None
    times: tuple[str, ...]
    periods: frozenset[str]
    places: frozenset[str]
    dimension: str | None
    day: date | None
    observed: bool = False
    """The figure is given as observed (counted, seen, estimated): it rivals a figure of any event."""
    context: frozenset[str] = frozenset()
    """Content words after the figure: what a generic figure is a figure of ("tax", "bill")."""

    @property
    def generic(self) -> bool:
        """A generic thing with no named anchor: never linked."""
        return not self.anchors and is_generic(self.thing, self.dimension)

    def describe(self) -> str:
        """The frame in a few words: ``Yukos | money (pay) | 2004-12 | Russia``."""
        about = ", ".join(sorted(self.anchors)) or "-"
        what = self.thing or "-"
        if self.event:
            what += f" ({self.event})"
        when = ", ".join(self.times) or (self.day.isoformat() if self.day else "-")
        if self.periods:
            when += " per " + "/".join(sorted(self.periods))
        parts = [about, what, when]
        if self.places:
            parts.append(", ".join(sorted(self.places)))
        return " | ".join(parts)


def is_generic(thing: str | None, dimension: str | None) -> bool:
    """Whether a thing (with its unit family) is too general to anchor a figure on its own."""
    if thing is None:
        return dimension is not None
    if dimension is not None and (dimension.startswith("money:") or dimension in ("percent", "points")):
        return True
    return thing.split(" per ")[0] in GENERIC_THINGS


def is_growing(thing: str | None, event: str | None) -> bool:
    """Whether a count grows as a story unfolds (deaths, arrests, evacuees)."""
    return (thing is not None and thing in GROWING_THINGS) or (event is not None and event in _GROWING_EVENTS)


def is_name_number(reading: ClaimReading, figure: Figure) -> bool:
    """A number that is part of a name ("Three Gorges", "the Big Four"), not a count."""
    offset = figure.end - reading.start
    after = reading.text[offset : offset + 2]
    return figure.text[:1].isupper() and len(after) == 2 and after[0] == " " and after[1].isupper()


def sentence_words(readings: Iterable[ClaimReading]) -> frozenset[str]:
    """Words written in lower case somewhere in these claims (an article's): common words, not names."""
    out: set[str] = set()
    for reading in readings:
        out.update(w for w in _WORD.findall(reading.text) if w[0].islower())
    return frozenset(out)


def frame_of(
    reading: ClaimReading, figure: Figure | None, published: Any, lower_words: frozenset[str] = frozenset()
) -> Frame:
    """The frame of a claim, or of one of its figures; ``lower_words`` from :func:`sentence_words`."""
    claim = reading.claim
    text = reading.text
    places = claim.get("places") or ()
    anchors = _anchors(text, str(claim.get("asserter") or ""), lower_words, _place_stems(places))
    if figure is not None:
        thing: str | None = figure.thing
        event = figure.event or reading.event
        dimension: str | None = figure.family
    else:
        thing, event, dimension = reading.object_head, reading.event, None
    observed = event in _OBSERVING
    if event in NEUTRAL_EVENTS:
        event = None
    return Frame(
        anchors=anchors,
        thing=thing,
        event=event,
        times=reading.times,
        periods=frozenset(_PERIODS[m.lower()] for m in _PERIOD_WORD.findall(text)),
        places=_places(places),
        dimension=dimension,
        day=_day(published),
        observed=observed,
        context=_context(text, figure.start - reading.start, figure.end - reading.start, anchors)
        if figure is not None
        else frozenset(),
    )


def _context(text: str, start: int, end: int, anchors: frozenset[str]) -> frozenset[str]:
    """Content words just after a figure, singular, less anchors and figure words."""
    named = {w for a in anchors for w in a.split()}
    # the words after a figure say what it is ("$900m loan", "$27bn back-tax bill"); the verb before
    # it is the event, already in the frame, and shared by rival sums ("pay back a $900m loan")
    after = _WORD.findall(text[end : end + 60])[:_CONTEXT_AFTER]
    before = _WORD.findall(text[max(0, start - 40) : max(0, start)])
    if before and before[-1].lower() == "of":
        after = [*after, *before[-3:-1]]  # "a tax bill of $27bn": the noun before "of" names it
    out = set()
    for word in after:
        w = _fold(word)
        for part in w.split("-"):
            part = part[:-1] if part.endswith("s") and len(part) > 3 and not part.endswith("ss") else part
            if len(part) > 2 and part not in _CONTEXT_STOP and part not in named:
                out.add(part)
    return frozenset(out)


def frames_differ(a: Frame, b: Frame, *, loose_events: bool = False) -> str | None:
    """Why two frames are about different things, or ``None`` when they are about the same one.

    ``loose_events``: an unknown or neutral event ("was", "had") goes with any event.
    """
    if a.generic or b.generic:
        return "a generic thing with no named anchor"
    if is_generic(a.thing, a.dimension) or is_generic(b.thing, b.dimension):
        # a generic thing is only as specific as its anchor: both sides name it
        if not a.anchors or not b.anchors:
            return "a generic thing anchored on one side only"
        if not anchors_meet(a.anchors, b.anchors):
            return "different anchors"
        if not a.context & b.context:
            return "different things of one anchor"  # or one of them does not say what it measures
    if a.event != b.event and not (loose_events and (a.event is None or b.event is None)):
        return "different events"
    if not _times_meet(a, b):
        return "different times"
    if a.periods and b.periods and not a.periods & b.periods:
        return "different periods"
    if a.places and b.places and not a.places & b.places:
        return "different places"
    return None


def anchors_meet(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two anchor sets name a common thing: one name equal to, inside, or the head of another."""
    for x in a:
        for y in b:
            if x == y or _stem(x) == _stem(y):
                return True
            short, long = sorted((x, y), key=len)
            if f" {short} " in f" {long} " and len(short) > 3:
                return True
    return False


def _stem(name: str) -> str:
    """A one-word name cut to five letters, so that a country meets its adjective (Japan, Japanese)."""
    return name[:5] if " " not in name and len(name) >= 5 else name


def _times_meet(a: Frame, b: Frame) -> bool:
    """Whether two claims can be about one time: their dates, or the days around their articles' dates."""
    if a.times and b.times:
        return times_compatible(a.times, b.times) or _next_days(a.times, b.times)
    if a.times or b.times:
        timed, other = (a, b) if a.times else (b, a)
        if other.day is None:
            return True
        window = (other.day - timedelta(days=TIME_WINDOW_DAYS), other.day + timedelta(days=1))
        return any(_overlaps(_date_range(t), window) for t in timed.times)
    if a.day is None or b.day is None:
        return True
    return abs((a.day - b.day).days) <= TIME_WINDOW_DAYS


def _next_days(a: Iterable[str], b: Iterable[str]) -> bool:
    """Two days at most one apart ("Sunday night" and "Monday morning" of one event)."""
    days_a = [r[0] for r in map(_date_range, a) if r is not None and r[0] == r[1]]
    days_b = [r[0] for r in map(_date_range, b) if r is not None and r[0] == r[1]]
    return any(abs((x - y).days) <= 1 for x in days_a for y in days_b)


def _date_range(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 date covers ("2025-05" -> all of May); ``None`` when it is not a plain date."""
    m = _TIMEX_DATE.match(value[:10])
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None and month is not None:
            return date(year, int(month), int(day)), date(year, int(month), int(day))
        if month is not None:
            first = date(year, int(month), 1)
            following = date(year + int(month) // 12, int(month) % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


def _overlaps(span: tuple[date, date] | None, window: tuple[date, date]) -> bool:
    return span is None or (span[0] <= window[1] and window[0] <= span[1])


def comparable(figure: Figure) -> Interval:
    """The interval two figures are compared by: a large round figure ("$27bn") stands for what rounds to it."""
    interval = figure.interval
    if not interval.is_point or abs(interval.low) < 1e6:
        return interval
    digits = f"{abs(interval.low):.0f}".rstrip("0")
    unit = 10.0 ** (len(f"{abs(interval.low):.0f}") - len(digits))
    return Interval(interval.low - unit / 2, interval.low + unit / 2)


def out_of_reach(a: Figure, b: Figure) -> bool:
    """A bound and a figure far past it: "more than 250" says nothing about 2,000, nor "up to 500" about 20."""
    for bound, other in ((a.interval, b.interval), (b.interval, a.interval)):
        if math.isinf(bound.high) and bound.low > 0 and other.low > BOUND_REACH * bound.low:
            return True
        if bound.low <= 0 < bound.high and not math.isinf(other.high) and other.high * BOUND_REACH < bound.high:
            return not (other.low <= 0 < other.high)
    return False


def _place_stems(places: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    out = set()
    for place in places:
        for key in ("text", "name"):
            value = place.get(key)
            if value:
                out.add(_stem(_fold(str(value))))
    return frozenset(out)


def _anchors(text: str, asserter: str, lower_words: frozenset[str], places: frozenset[str]) -> frozenset[str]:
    """Named things of a claim; places are left to ``places`` (a country alone anchors nothing)."""
    own = {w.lower() for w in _WORD.findall(asserter)}
    out: set[str] = set()
    for start, _end, words in capitalised_runs(text):
        kept = [_fold(w) for w in words]
        if start == 0 and kept and words[0].lower() in lower_words:
            kept = kept[1:]  # a common word capitalised because it opens the sentence
        kept = [w for w in kept if w and w not in _NOT_ANCHORS and w not in own and not _NUMBER_WORD.match(w)]
        name = " ".join(kept)
        if kept and not all(len(w) <= 1 for w in kept) and _stem(name) not in places:
            out.add(name)
    return frozenset(out)


def _fold(word: str) -> str:
    return _SUFFIX.sub("", word.lower().rstrip(".,"))


def _places(places: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    out = set()
    for place in places:
        country = place.get("country")
        out.add(str(country) if country else str(place.get("name") or place.get("text") or "").lower())
    return frozenset(p for p in out if p)


def _day(published: Any) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return None

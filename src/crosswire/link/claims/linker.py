"""Claims aligned across the articles of one story: agreement, conflict, dispute and derivation.

:func:`align_claims` takes the articles of ONE story (each as :class:`ArticleClaims`: its id,
publication time, outlet and stored claim dicts) and returns :class:`ClaimLink` records, each a
:class:`crosswire.link.copies.linker.Link` plus a readable ``why`` and a few extra fields. It is a pure
function of the story, so a new article only re-aligns the story it joins; claims of different
stories are never compared. Link kinds:

``agrees``
    two claims give compatible figures for the same thing (their intervals intersect, see
    :mod:`crosswire.link.claims.intervals`: "about 1,500" and "1,200 to 1,800", "at least three" and "four"),
    or say the same event with the same modality about the same object.
``conflicts``
    a different figure for the same thing (disjoint intervals: "some 250" vs "about 180"
    launchers; ``reason`` ``figure``); the same event as done in one and only threatened,
    planned or imagined in the other (``modality``); or a denial of the event (``denial``).
``disputes``
    a source doubts or denies another's claim: by its own matching figure ("a salvo of 1,000
    missiles is highly unlikely"), by the same event, or by pointing at the figure just given ("a
    figure that the military dismissed as ..."). ``by`` names the disputing side (``a``/``b``).
``derives``
    a figure computed from others of the story: a product with a rate ("250 launchers" x "four
    missiles each" = "1,000 missiles"), a total ("in all", "combined") or a percentage of a
    figure. One link per input; ends are the figures' own spans; ``by`` names the result side,
    ``operation`` says the arithmetic, ``score`` is 1.0 when it is exact.

"Same thing" is decided by :mod:`crosswire.link.claims.keys`: the singular head of the counted noun and
the unit family must match (kilometres never meet launchers, dollars never meet crowns, 1,000
missiles never meet 1,000 listeners), and the events must be compatible.

Links follow the :class:`~crosswire.link.copies.linker.Link` conventions: ``a`` is the side with the smaller
article id (then the smaller offset), ``direction`` says which side was published first, ``id``
is a stable hash of kind and both spans.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from crosswire.link.claims.frames import (
    Frame,
    anchors_meet,
    comparable,
    frame_of,
    frames_differ,
    is_growing,
    is_name_number,
    out_of_reach,
    sentence_words,
)
from crosswire.link.claims.keys import (
    NEUTRAL_EVENTS,
    UNALIGNED,
    ClaimReading,
    Figure,
    events_compatible,
    read_claim,
    same_source,
    times_compatible,
)
from crosswire.link.copies.linker import Link, LinkEnd, direction
from crosswire.model import Published

__all__ = [
    "CLAIM_LINK_KINDS",
    "ArticleClaims",
    "ClaimLink",
    "StoryReadings",
    "align_claims",
    "align_readings",
    "link_key",
    "read_article",
    "read_story",
]

log = logging.getLogger(__name__)

CLAIM_LINK_KINDS = ("agrees", "conflicts", "disputes", "updates", "derives")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Event classes too generic to say two claims report one event ("be", "have", "say" ...).
_GENERIC_EVENTS = _words("be have do say tell make get go come take give see think know seem")
# A doubt or denial that points at a figure given just before it ("that figure was improbable").
_NUMERIC_REFERENT = re.compile(
    r"\b(?:figure|figures|number|numbers|estimate|estimates|total|tally|count|distance|toll)\b", re.IGNORECASE
)
# A doubt or denial that points at the claim right before it ("..., a claim that X dismissed").
_POINTING = re.compile(
    r"(?:a|an|the)\s+(?:claim|report|accusation|allegation|charge|figure|account|assertion)\s+(?:that|which)\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"\b(?:exaggeration|fabrication|invention|lie|lies|propaganda|nonsense|fiction)\b", re.IGNORECASE)
_LABEL_GAP = 160
"""Most characters between a claim and the dismissal that labels it."""
_TOTAL_CUE = re.compile(r"\b(?:in\s+(?:all|total)|total(?:l?ing)?|altogether|combined|together)\b", re.IGNORECASE)
_REFERENT_REACH = 3
"""How many claims back a pointing doubt ("that figure was improbable") may look for its figure."""


@dataclass(frozen=True, slots=True)
class ArticleClaims:
    """One article of a story as alignment needs it: id, publication time, outlet and claim dicts.

    ``claims`` are the stored dicts of :meth:`crosswire.extract.claims.extractor.Claim.as_dict` (as in
    ``Extraction.findings()["claims"]``); ``quotes`` optionally the quote dicts.
    """

    id: str
    published: Published
    outlet: str | None
    claims: tuple[Mapping[str, Any], ...]
    quotes: tuple[Mapping[str, Any], ...] = ()
    url: str | None = None
    """The article's address (the register of outlets knows outlets by domain too)."""

    @classmethod
    def from_extraction(cls, extraction: Any) -> ArticleClaims:
        """From a :class:`crosswire.extract.Extraction`."""
        findings = extraction.findings()
        article = extraction.article
        return cls(
            id=article.id,
            published=article.published,
            outlet=article.outlet,
            claims=tuple(findings["claims"]),
            quotes=tuple(findings["quotes"]),
            url=article.url,
        )


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """A link between two claims (or, for ``derives``, two figures), with the reason in words."""

    link: Link
    why: str
    thing: str | None = None
    reason: str | None = None
    """``conflicts``: figure, modality or denial; ``disputes``: the disputing stance."""
    by: str | None = None
    """``disputes``: the side (``a``/``b``) that disputes; ``derives``: the side holding the result."""
    operation: str | None = None
    """``derives``: the arithmetic ("250 x 4 = 1000")."""

    @property
    def id(self) -> str:
        return self.link.id

    @property
    def kind(self) -> str:
        return self.link.kind

    @property
    def a(self) -> LinkEnd:
        return self.link.a

    @property
    def b(self) -> LinkEnd:
        return self.link.b

    @property
    def score(self) -> float:
        return self.link.score

    def as_dict(self) -> dict[str, Any]:
        """The link's contract keys (``id, kind, a, b, score, direction``) plus the extras."""
        return self.link.as_dict() | {
            "why": self.why,
            "thing": self.thing,
            "reason": self.reason,
            "by": self.by,
            "operation": self.operation,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClaimLink:
        """Read a claim link back from its :meth:`as_dict` form."""
        return cls(
            link=Link.from_dict(dict(data)),
            why=str(data.get("why") or ""),
            thing=data.get("thing"),
            reason=data.get("reason"),
            by=data.get("by"),
            operation=data.get("operation"),
        )


@dataclass(slots=True)
class StoryReadings:
    """The readings of one story's claims (articles in id order), with the articles (in the order given)."""

    articles: dict[str, ArticleClaims]
    readings: list[ClaimReading]
    by_article: dict[str, list[ClaimReading]] = field(default_factory=dict)
    lower_words: dict[str, frozenset[str]] = field(default_factory=dict)
    frames: dict[tuple[str, int, int], Frame] = field(default_factory=dict)

    def frame(self, reading: ClaimReading, figure: Figure | None = None) -> Frame:
        """The frame of a claim or of one of its figures (:mod:`crosswire.link.claims.frames`)."""
        key = (reading.article_id, reading.index, figure.start if figure is not None else -1)
        found = self.frames.get(key)
        if found is None:
            if reading.article_id not in self.lower_words:
                self.lower_words[reading.article_id] = sentence_words(self.by_article.get(reading.article_id, ()))
            published = self.articles[reading.article_id].published
            found = frame_of(reading, figure, published, self.lower_words[reading.article_id])
            self.frames[key] = found
        return found

    @classmethod
    def of(
        cls, story_articles: Sequence[ArticleClaims], read: Mapping[str, list[ClaimReading]] | None = None
    ) -> StoryReadings:
        """The story's articles (seen twice count once), each read here or taken from ``read``."""
        articles: dict[str, ArticleClaims] = {}
        for article in story_articles:
            articles.setdefault(article.id, article)
        readings: list[ClaimReading] = []
        by_article: dict[str, list[ClaimReading]] = {}
        for article in sorted(articles.values(), key=lambda a: a.id):
            own = read[article.id] if read is not None and article.id in read else read_article(article)
            by_article[article.id] = own
            readings.extend(own)
        return cls(articles, readings, by_article)


def read_article(article: ArticleClaims) -> list[ClaimReading]:
    """Every claim of one article read for alignment, in text order."""
    claims = sorted(article.claims, key=lambda c: (int(c["start"]), int(c["end"])))
    return [read_claim(article.id, i, claim, claims) for i, claim in enumerate(claims)]


def read_story(story_articles: Sequence[ArticleClaims]) -> list[ClaimReading]:
    """Every claim of the story read for alignment (articles seen twice count once)."""
    return StoryReadings.of(story_articles).readings


def align_claims(story_articles: Sequence[ArticleClaims]) -> list[ClaimLink]:
    """Agreement, conflict, dispute and derivation links between the claims of one story, sorted."""
    pairs, derived = align_readings(StoryReadings.of(story_articles))
    return sorted([*pairs, *derived], key=link_key)


def align_readings(
    story: StoryReadings, *, known: Mapping[str, object] | None = None
) -> tuple[list[ClaimLink], list[ClaimLink]]:
    """The links of a story read already: those between two claims, and the derivations, sorted.

    ``known`` maps the articles whose claims were aligned before to a group: two articles of one
    group were aligned with each other already, so only pairs of claims from different groups,
    or from an article not in ``known`` (its own pairs too), are aligned here. Derivations, which
    read the whole story, are always all found. Without ``known`` every pair is aligned.
    """
    links: dict[tuple[str, tuple[str, int, int], tuple[str, int, int]], ClaimLink] = {}

    def add(found: ClaimLink | None) -> None:
        if found is None:
            return
        key = link_key(found)
        kept = links.get(key)
        if kept is None or found.score > kept.score:
            links[key] = found

    pairs = _Pairs(story, known)
    figure_pairs = _figure_links(story, pairs, add)
    _event_links(story, pairs, figure_pairs, add)
    _referent_disputes(story, pairs, add)
    found = sorted(links.values(), key=link_key)
    links.clear()
    _derivations(story, add)
    return found, sorted(links.values(), key=link_key)


def link_key(link: ClaimLink) -> tuple[str, tuple[str, int, int], tuple[str, int, int]]:
    """What identifies a claim link: its kind and both ends (one link per key, the best score)."""
    return (link.kind, _end_key(link.a), _end_key(link.b))


class _Pairs:
    """Which pairs of a story's readings to align: all, or those not aligned before (``known``)."""

    def __init__(self, story: StoryReadings, known: Mapping[str, object] | None) -> None:
        self.all = known is None
        self.group: dict[str, object] = {}
        self.new: set[str] = set()
        if known is not None:
            for article_id in story.by_article:
                if article_id in known:
                    self.group[article_id] = known[article_id]
                else:
                    self.group[article_id] = (_NEW, article_id)
                    self.new.add(article_id)
        self.article_of = [r.article_id for r in story.readings]

    def fresh(self, article_id: str) -> bool:
        """Whether the pairs inside this article are to be aligned."""
        return self.all or article_id in self.new

    def among(self, members: Sequence[int]) -> list[tuple[int, int]]:
        """Pairs ``(i, j)`` of positions ``i < j`` in ``members`` (readings) to align, in order."""
        if self.all:
            return [(i, j) for i in range(len(members)) for j in range(i + 1, len(members))]
        buckets: dict[object, list[int]] = {}
        for position, n in enumerate(members):
            buckets.setdefault(self.group[self.article_of[n]], []).append(position)
        groups = list(buckets.items())
        chosen: list[tuple[int, int]] = []
        for g, (group, first) in enumerate(groups):
            if isinstance(group, tuple) and group[:1] == (_NEW,):
                chosen.extend((x, y) for k, x in enumerate(first) for y in first[k + 1 :])
            for _, second in groups[g + 1 :]:
                chosen.extend((x, y) if x < y else (y, x) for x in first for y in second)
        chosen.sort()
        return chosen


_NEW = "\x00new"


# --- figures ----------------------------------------------------------------------------------


def _figure_links(story: StoryReadings, pairs: _Pairs, add: Any) -> set[tuple[int, int]]:
    """Agreement, conflict, update and dispute by figures; returns the claim pairs whose figures aligned.

    Two figures are compared only when their frames match (:func:`frames_differ`).
    """
    by_key: dict[str, list[tuple[int, ClaimReading, Figure]]] = defaultdict(list)
    for n, reading in enumerate(story.readings):
        for figure in reading.figures:
            if figure.thing != UNALIGNED:
                by_key[figure.key].append((n, reading, figure))
    aligned: set[tuple[int, int]] = set()
    for entries in by_key.values():
        for i, j in pairs.among([n for n, _, _ in entries]):
            n1, r1, f1 = entries[i]
            n2, r2, f2 = entries[j]
            if n1 == n2:
                continue
            frame1, frame2 = story.frame(r1, f1), story.frame(r2, f2)
            if frames_differ(frame1, frame2, loose_events=True) is not None:
                continue
            if is_name_number(r1, f1) or is_name_number(r2, f2):
                continue
            pair = (min(n1, n2), max(n1, n2))
            update = _update(story, r1, f1, r2, f2) if r1.supports and r2.supports else None
            if update is not None:
                aligned.add(pair)
                add(update)
                continue
            if out_of_reach(f1, f2):
                continue
            common = comparable(f1).intersection(comparable(f2))
            frames = _frames_why(frame1, frame2)
            if r1.supports and r2.supports:
                if common is not None:
                    aligned.add(pair)
                    why = _fig_why(r1, f1, r2, f2) + frames
                    add(_claim_link(story, "agrees", r1, r2, _agree_score(f1, f2), why, f1))
                    if _modality_clash(r1, r2) and f1.event == f2.event and f1.event not in NEUTRAL_EVENTS:
                        # the same figure, but done in one and only threatened or planned in the other
                        why = _event_why(r1, r2) + frames
                        add(_claim_link(story, "conflicts", r1, r2, 0.8, why, f1, reason="modality"))
                elif _may_conflict(r1, f1, r2, f2) and _rivals(frame1, frame2):
                    if r1.article_id == r2.article_id and same_source(_asserter(r1), _asserter(r2)):
                        continue  # one source giving two figures in one article: two things, not a conflict
                    aligned.add(pair)
                    why = _fig_why(r1, f1, r2, f2) + frames
                    add(_claim_link(story, "conflicts", r1, r2, 1.0, why, f1, reason="figure"))
            elif r1.supports != r2.supports and common is not None:
                aligned.add(pair)
                doubter, target = (r2, r1) if r1.supports else (r1, r2)
                fd, ft = (f2, f1) if r1.supports else (f1, f2)
                why = f"{_asserter(doubter)} {_stance_word(doubter)} {ft.text} ({_asserter(target)})" + frames
                add(_dispute(story, doubter, target, why, ft.thing))
                if doubter.stance == "denied" and _rivals(frame1, frame2):
                    add(_claim_link(story, "conflicts", target, doubter, 0.9, why, fd, reason="denial"))
    return aligned


def _update(story: StoryReadings, r1: ClaimReading, f1: Figure, r2: ClaimReading, f2: Figure) -> ClaimLink | None:
    """A later figure that updates an earlier one: a growing count, or a source revising itself.

    ``None`` when the two are not in articles published on different days (then they conflict).
    """
    day1, day2 = story.frame(r1, f1).day, story.frame(r2, f2).day
    if day1 is None or day2 is None or day1 == day2:
        return None
    (early, fe), (late, fl) = ((r1, f1), (r2, f2)) if day1 < day2 else ((r2, f2), (r1, f1))
    before, after = _stated(fe), _stated(fl)
    if before is None or after is None or before == after:
        return None
    revising = same_source(_asserter(early), _asserter(late)) and not comparable(fe).intersects(comparable(fl))
    growing = is_growing(fl.thing, fl.event) and after > before
    if not (revising or growing):
        return None
    reason = "revision" if revising else "growing"
    why = f"{fe.text} ({_asserter(early)}, {day1 if early is r1 else day2}) then {fl.text} ({_asserter(late)}, "
    why += f"{day2 if late is r2 else day1}){_frames_why(story.frame(r1, f1), story.frame(r2, f2))}"
    return _claim_link(story, "updates", r1, r2, 1.0, why, fl, reason=reason)


def _stated(figure: Figure) -> float | None:
    """The number a figure states ("at least 14" -> 14, "12 to 15" -> 12)."""
    if figure.value is not None:
        return figure.value
    return None if math.isinf(figure.interval.low) else figure.interval.low


def _frames_why(a: Frame, b: Frame) -> str:
    return f"; frames: [{a.describe()}] / [{b.describe()}]"


def _rivals(a: Frame, b: Frame) -> bool:
    """Rival figures tell one event (the same verb class, or none, or one of them only counts what it saw)
    and name the same thing when both name one.

    ("Ryanair ordered 70" is no rival of "JAL ordered 30"; 240 passengers aboard are no rival of
    250 passengers the ferry was licensed for.)
    """
    if a.event != b.event and not (a.observed or b.observed):
        return False  # a figure counted or seen rivals the figure of any event
    return not a.anchors or not b.anchors or anchors_meet(a.anchors, b.anchors)


def _may_conflict(r1: ClaimReading, f1: Figure, r2: ClaimReading, f2: Figure) -> bool:
    """Disjoint figures conflict only for one event told the same way (both factual, or same modality)."""
    if f1.event is None and f2.event is None:
        return False
    if not events_compatible(f1.event, f2.event):
        return False
    if f1.thing == "money" and (f1.event is None or f1.event != f2.event):
        return False  # sums of money conflict only when both say what the money is for
    if r1.factual and r2.factual:
        return True
    return r1.modality == r2.modality


def _same_point(f1: Figure, f2: Figure) -> bool:
    """The same figure to within rounding, large enough not to meet by chance ("$48.2 million" twice)."""
    if f1.family == "count":
        return False  # counts need compatible events: "250 launchers" may be moved in one, fired in another
    a, b = f1.interval, f2.interval
    mid1, mid2 = (a.low + a.high) / 2, (b.low + b.high) / 2
    return (
        a.high != float("inf")
        and b.high != float("inf")
        and min(mid1, mid2) >= 10
        and abs(mid1 - mid2) <= 1e-9 * max(mid1, mid2)
    )


def _agree_score(f1: Figure, f2: Figure) -> float:
    if f1.interval == f2.interval:
        return 1.0
    return 0.8


# --- events -----------------------------------------------------------------------------------


def _event_links(story: StoryReadings, pairs: _Pairs, figure_pairs: set[tuple[int, int]], add: Any) -> None:
    """Agreement, modality conflict and denial by event, for claims whose figures did not decide."""
    by_event: dict[str, list[int]] = defaultdict(list)
    for n, reading in enumerate(story.readings):
        if reading.event and reading.event not in _GENERIC_EVENTS:
            by_event[reading.event].append(n)
    for members in by_event.values():
        for i, j in pairs.among(members):
            n1, n2 = members[i], members[j]
            if (n1, n2) in figure_pairs:
                continue
            r1, r2 = story.readings[n1], story.readings[n2]
            if _event_frames_differ(story, r1, r2, both_anchored=r1.supports and r2.supports):
                continue
            if r1.supports and r2.supports:
                if not _same_object(r1, r2) or (r1.figures and r2.figures):
                    continue  # two claims with figures agree or conflict by their figures
                if r1.factual == r2.factual or not _modality_clash(r1, r2):
                    if not times_compatible(r1.times, r2.times):
                        continue  # the same kind of event at two different times
                    if r1.modality == r2.modality or (r1.factual and r2.factual):
                        why = _event_why(r1, r2) + _frames_why(story.frame(r1), story.frame(r2))
                        add(_claim_link(story, "agrees", r1, r2, 0.7, why, None))
                else:
                    why = _event_why(r1, r2) + _frames_why(story.frame(r1), story.frame(r2))
                    add(_claim_link(story, "conflicts", r1, r2, 0.8, why, None, reason="modality"))
            elif r1.supports != r2.supports:
                denier, target = (r2, r1) if r1.supports else (r1, r2)
                if denier.stance != "denied" or not target.factual or target.open_question:
                    continue
                if not _loosely_same_object(r1, r2) or same_source(_asserter(denier), _asserter(target)):
                    continue  # a source negating its own statement is not denying another's
                if not _denies_that(story, denier, target):
                    continue
                why = f"{_asserter(target)}: {_short(target.text)} vs {_asserter(denier)} denies it"
                why += _frames_why(story.frame(target), story.frame(denier))
                add(_claim_link(story, "conflicts", target, denier, 0.8, why, None, reason="denial"))
                add(_dispute(story, denier, target, why, target.object_head))


def _denies_that(story: StoryReadings, denier: ClaimReading, target: ClaimReading) -> bool:
    """A denial denies *that* claim: when both name things (anchors or places), a common one."""
    a, b = story.frame(denier), story.frame(target)
    names_a, names_b = a.anchors | a.places, b.anchors | b.places
    return not names_a or not names_b or anchors_meet(names_a, names_b)


def _modality_clash(r1: ClaimReading, r2: ClaimReading) -> bool:
    """Done (or going on) in one claim and only threatened in the other: a planned or expected event is no rival."""
    return (r1.factual and r2.modality == "threatened") or (r2.factual and r1.modality == "threatened")


def _event_frames_differ(story: StoryReadings, r1: ClaimReading, r2: ClaimReading, *, both_anchored: bool) -> bool:
    """Events meet only in one frame: a common anchor, compatible times and places.

    ``both_anchored``: both claims must name the anchor (agreement and modality); a denial names
    its object briefly ("not a single launcher"), so it needs a common anchor only when both name one.
    """
    a, b = story.frame(r1), story.frame(r2)
    if (both_anchored or (a.anchors and b.anchors)) and not anchors_meet(a.anchors, b.anchors):
        return True
    bare_a = replace(a, thing=None, dimension=None, event=None)
    bare_b = replace(b, thing=None, dimension=None, event=None)
    return frames_differ(bare_a, bare_b) is not None


def _same_actor(r1: ClaimReading, r2: ClaimReading) -> bool:
    """False when both subjects name an actor and the actors differ ("Varnian guns" / "Osterland gunners")."""
    a, b = _actors(r1), _actors(r2)
    return not a or not b or bool(a & b)


def _actors(reading: ClaimReading) -> frozenset[str]:
    subject = reading.claim.get("subject")
    accused = _ACCUSED.search(reading.text)
    if accused:
        subject = accused.group(1)  # "X accused Osterland of shelling ...": Osterland is the actor
    if not isinstance(subject, str):
        return frozenset()
    words = re.findall(r"[A-Z][\w-]+", subject)
    return frozenset(w.lower()[:5] for w in words if w.lower() not in _NOT_ACTORS)


_ACCUSED = re.compile(r"\b(?:accus\w*|blam\w*)\s+((?:[A-Z][\w'’-]*\s+){0,2}?[A-Z][\w'’-]*)\s+(?:of|for)\b")
_NOT_ACTORS = _words("the a an it its this that these those there some all any no not our their we they")


def _same_object(r1: ClaimReading, r2: ClaimReading) -> bool:
    """Most content words shared (a subject such as "Varnia" alone says little about the event)."""
    if not _same_actor(r1, r2):
        return False
    shared = len(r1.anchors & r2.anchors)
    smaller = min(len(r1.anchors), len(r2.anchors)) or 1
    return shared >= 2 and shared / smaller >= 0.5


def _loosely_same_object(r1: ClaimReading, r2: ClaimReading) -> bool:
    """Denials name the object briefly ("not a single launcher"): its head, or two shared words."""
    if not _same_actor(r1, r2):
        return False
    if r1.object_head is not None and (r1.object_head == r2.object_head or r1.object_head in r2.anchors):
        return True
    if r2.object_head is not None and r2.object_head in r1.anchors:
        return True
    return len(r1.anchors & r2.anchors) >= 2


# --- doubts pointing back ---------------------------------------------------------------------


def _referent_disputes(story: StoryReadings, pairs: _Pairs, add: Any) -> None:
    """Doubts and denials that point back at what was just said, by another source.

    "that figure was improbable", "the distance Dolmek claims": the nearest figure a few claims
    back; "a claim that state media has dismissed", or a dismissal that is only a label ("an
    exaggeration made for television"): the claim right before it.
    """
    for article_id, readings in story.by_article.items():
        if not pairs.fresh(article_id):
            continue  # pairs inside one article are aligned once, when it is new
        for i, reading in enumerate(readings):
            if reading.supports or reading.open_question or reading.figures:
                continue
            target: ClaimReading | None = None
            if _POINTING.match(reading.text) or _LABEL.search(str(reading.claim.get("cue") or "")):
                earlier = readings[i - 1] if i else None
                if earlier is not None and earlier.supports and reading.start - earlier.end <= _LABEL_GAP:
                    target = earlier
            elif _NUMERIC_REFERENT.search(reading.text):
                for earlier in reversed(readings[max(0, i - _REFERENT_REACH) : i]):
                    if earlier.figures and earlier.supports and not same_source(_asserter(earlier), _asserter(reading)):
                        target = earlier
                        break
            if target is None or same_source(_asserter(target), _asserter(reading)):
                continue
            what = target.figures[-1].text if target.figures else _short(target.text, 60)
            why = f"{_asserter(reading)} {_stance_word(reading)} {what} ({_asserter(target)})"
            add(
                _dispute(
                    story, reading, target, why, target.figures[-1].thing if target.figures else target.object_head
                )
            )
            if reading.stance == "denied":
                add(_claim_link(story, "conflicts", target, reading, 0.8, why, None, reason="denial"))


# --- derivations ------------------------------------------------------------------------------


def _derivations(story: StoryReadings, add: Any) -> None:
    """Figures that are the product, sum or percentage of other figures of the story."""
    totals: dict[str, list[tuple[ClaimReading, Figure]]] = defaultdict(list)
    rates: dict[str, list[tuple[ClaimReading, Figure]]] = defaultdict(list)
    percents: list[tuple[ClaimReading, Figure]] = []
    for reading in story.readings:
        for figure in reading.figures:
            if figure.family == "percent":
                percents.append((reading, figure))
            elif " per " in figure.thing:
                rates[figure.thing.split(" per ")[0]].append((reading, figure))
            elif figure.family == "count":
                totals[figure.thing].append((reading, figure))
    for thing, results in totals.items():
        for reading, result in results:
            target = _point(result)
            if target is None or not reading.supports:
                continue
            found = _product(story, reading, result, target, rates.get(thing, []), totals)
            if not found and _TOTAL_CUE.search(reading.text):
                found = _sum(story, reading, result, target, results)
            if not found:
                _percentage(story, reading, result, target, percents, results, add)
            for link in found:
                add(link)


def _product(
    story: StoryReadings,
    reading: ClaimReading,
    result: Figure,
    target: float,
    rates: list[tuple[ClaimReading, Figure]],
    totals: Mapping[str, list[tuple[ClaimReading, Figure]]],
) -> list[ClaimLink]:
    for rate_reading, rate in _nearest(reading, rates):
        per = rate.thing.split(" per ", 1)[1]
        rate_value = _point(rate)
        if rate_value is None or rate_value <= 1:
            continue
        for count_reading, count in _nearest(reading, totals.get(per, [])):
            count_value = _point(count)
            if count_value is None or count is result:
                continue
            product = count_value * rate_value
            if not result.interval.contains(product):
                continue
            score = 1.0 if abs(product - target) <= 1e-9 * max(1.0, target) else 0.8
            op = (
                f"{_num(count_value)} {per}s x {_num(rate_value)} {result.thing}s per {per} = "
                f"{_num(product)} {result.thing}s"
            )
            return [
                _derive(story, reading, result, count_reading, count, score, op),
                _derive(story, reading, result, rate_reading, rate, score, op),
            ]
    return []


def _sum(
    story: StoryReadings,
    reading: ClaimReading,
    result: Figure,
    target: float,
    same_thing: list[tuple[ClaimReading, Figure]],
) -> list[ClaimLink]:
    parts = [
        (r, f)
        for r, f in same_thing
        if r.article_id == reading.article_id and f is not result and (v := _point(f)) is not None and v < target
    ]
    parts.sort(key=lambda p: p[1].start)
    for size in (2, 3):
        for i in range(len(parts) - size + 1):
            chunk = parts[i : i + size]
            total = sum(_point(f) or 0.0 for _, f in chunk)
            if abs(total - target) <= 1e-9 * max(1.0, target):
                op = " + ".join(_num(_point(f) or 0.0) for _, f in chunk) + f" = {_num(total)} {result.thing}s"
                return [_derive(story, reading, result, r, f, 1.0, op) for r, f in chunk]
    return []


def _percentage(
    story: StoryReadings,
    reading: ClaimReading,
    result: Figure,
    target: float,
    percents: list[tuple[ClaimReading, Figure]],
    same_thing: list[tuple[ClaimReading, Figure]],
    add: Any,
) -> None:
    for pct_reading, pct in percents:
        if pct_reading.article_id != reading.article_id:
            continue
        share = _point(pct)
        if share is None:
            continue
        for base_reading, base in same_thing:
            value = _point(base)
            if base is result or value is None or value <= target:
                continue
            if abs(value * share / 100 - target) <= 1e-9 * max(1.0, target):
                op = f"{_num(share)}% of {_num(value)} = {_num(target)} {result.thing}s"
                add(_derive(story, reading, result, pct_reading, pct, 1.0, op))
                add(_derive(story, reading, result, base_reading, base, 1.0, op))
                return


def _nearest(
    reading: ClaimReading, candidates: Iterable[tuple[ClaimReading, Figure]]
) -> list[tuple[ClaimReading, Figure]]:
    """Candidates from the same claim first, then the same article, then the rest of the story."""

    def rank(item: tuple[ClaimReading, Figure]) -> tuple[int, int]:
        r, f = item
        if r is reading:
            return (0, 0)
        if r.article_id == reading.article_id:
            return (1, abs(f.start - reading.start))
        return (2, 0)

    return sorted(candidates, key=rank)


def _point(figure: Figure) -> float | None:
    """The figure's stated number ("some 1,000", "as many as 1,000" -> 1000); ``None`` for vague amounts."""
    return figure.value


def _num(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


# --- building links ---------------------------------------------------------------------------


def _claim_link(
    story: StoryReadings,
    kind: str,
    r1: ClaimReading,
    r2: ClaimReading,
    score: float,
    why: str,
    figure: Figure | None,
    *,
    reason: str | None = None,
) -> ClaimLink:
    thing = figure.thing if figure is not None else (r1.object_head or r2.object_head)
    link, _ = _link(story, kind, (r1.article_id, r1.start, r1.end), (r2.article_id, r2.start, r2.end), score)
    return ClaimLink(link=link, why=why, thing=thing, reason=reason)


def _dispute(
    story: StoryReadings, doubter: ClaimReading, target: ClaimReading, why: str, thing: str | None
) -> ClaimLink:
    link, swapped = _link(
        story,
        "disputes",
        (doubter.article_id, doubter.start, doubter.end),
        (target.article_id, target.start, target.end),
        0.9 if doubter.stance in ("denied", "doubted") else 0.6,
    )
    return ClaimLink(link=link, why=why, thing=thing, reason=doubter.stance, by="b" if swapped else "a")


def _derive(
    story: StoryReadings,
    reading: ClaimReading,
    result: Figure,
    input_reading: ClaimReading,
    figure: Figure,
    score: float,
    op: str,
) -> ClaimLink:
    link, swapped = _link(
        story,
        "derives",
        (reading.article_id, result.start, result.end),
        (input_reading.article_id, figure.start, figure.end),
        score,
    )
    why = f"{result.text} from {figure.text}"
    return ClaimLink(link=link, why=why, thing=result.thing, by="b" if swapped else "a", operation=op)


def _link(
    story: StoryReadings, kind: str, first: tuple[str, int, int], second: tuple[str, int, int], score: float
) -> tuple[Link, bool]:
    """A link with ``a`` the smaller (article id, start); also whether ``first`` became ``b``."""
    swapped = second < first
    a, b = (second, first) if swapped else (first, second)
    published_a = story.articles[a[0]].published
    published_b = story.articles[b[0]].published
    return Link.create(kind, LinkEnd(*a), LinkEnd(*b), score, direction(published_a, published_b)), swapped


def _end_key(end: LinkEnd) -> tuple[str, int, int]:
    return (end.article_id, end.start, end.end)


def _asserter(reading: ClaimReading) -> str:
    return str(reading.claim.get("asserter") or "unknown")


def _stance_word(reading: ClaimReading) -> str:
    return {"denied": "denies", "doubted": "doubts", "hedged": "questions"}.get(reading.stance, "disputes")


def _fig_why(r1: ClaimReading, f1: Figure, r2: ClaimReading, f2: Figure) -> str:
    return f"{f1.text} ({_asserter(r1)}) vs {f2.text} ({_asserter(r2)})"


def _event_why(r1: ClaimReading, r2: ClaimReading) -> str:
    return f"{_short(r1.text)} ({r1.modality}, {_asserter(r1)}) vs {_short(r2.text)} ({r2.modality}, {_asserter(r2)})"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

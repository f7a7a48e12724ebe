"""Analysts' corrections: what each one says, and how it is laid over the machine's output.

A :class:`Correction` is stored apart from what the extractors and linkers found, and applied over
it whenever that output is read (the ledger does it, with the functions here), so a new extractor
version or a re-link never undoes it. Each names its target by something that does not move: an
article id and the span of a finding in the article's text (never a position in a list), a pair
of articles, or the articles of stories. Each records who made it, when, why and the value it
replaced; undoing one keeps it in the audit trail, marked undone.

==============  ====================================  =======================================
kind            target                                value
==============  ====================================  =======================================
``speaker``     a quote (article, span)               ``{name, role, org}`` (name null: unattributed)
``reject``      a quote, claim or quantity            -
``figure``      a quantity                            ``{value, low, high, bound, unit}``
``date``        a time expression                     ``{value}`` (a TIMEX3 value)
``review``      a claim (article, span)               ``{state, note}``; state: unreviewed, checking, checked
``merge``       the articles of two stories           -
``split``       articles of one story                 - (they become a story of their own)
``copies``      two articles                          - (one copies the other)
``independent`` two articles                          - (neither copies the other)
==============  ====================================  =======================================

The overlays, all pure:

- :func:`correct_findings`: one article's findings with its corrections applied; a corrected
  finding carries ``corrected``, a list of markers ``{correction, kind, by, at, why, was}``;
  a rejected one is left out; a speaker fix reaches the claims the quote holds, a figure or date
  fix the claims that use that figure or time.
- :func:`correct_links`: links with the copy verdicts applied: links that make two articles
  copies are dropped for a pair marked independent; a pair marked as copies gets a
  ``near_duplicate`` link of its own (``corrected`` says by whom).
- :func:`correct_stories`: the linker's stories with merges and splits applied, in the order
  they were made.
- :func:`review_of`: the review of a claim assessment (the latest review of any of its claims).

A finding is found again by its span: the same span, else the finding of that kind that overlaps
it most (at least half of both), so a re-extraction that moves a boundary by a word keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "COPY_KINDS",
    "FINDING_KINDS",
    "KINDS",
    "LINKED_KINDS",
    "REVIEW_STATES",
    "STORY_KINDS",
    "Correction",
    "StoryGroup",
    "copy_verdicts",
    "correct_findings",
    "correct_links",
    "correct_stories",
    "find_finding",
    "review_of",
    "reviews_by_span",
    "span_overlap",
    "undone",
    "with_review",
]

KINDS = {
    "speaker": "a quote's speaker fixed",
    "reject": "a quote, claim or quantity rejected",
    "figure": "a figure's value fixed",
    "date": "a date or time fixed",
    "review": "a claim's review state set",
    "merge": "two stories made one",
    "split": "articles split off into a story of their own",
    "copies": "two articles marked as copies",
    "independent": "two articles marked as independent",
}
"""Every kind of correction, with what it does."""
FINDING_KINDS: dict[str, tuple[str, ...]] = {
    "speaker": ("quotes",),
    "reject": ("quotes", "claims", "quantities"),
    "figure": ("quantities",),
    "date": ("times",),
    "review": ("claims",),
}
"""Corrections of one finding, with the kinds of finding each applies to."""
STORY_KINDS = ("merge", "split")
COPY_KINDS = ("copies", "independent")
LINKED_KINDS = ("speaker", "reject", "figure", "date", *STORY_KINDS, *COPY_KINDS)
"""Corrections that change what the linkers see: the stories they touch are linked again."""
REVIEW_STATES = ("unreviewed", "checking", "checked")
COPY_LINK_KINDS = ("duplicate", "near_duplicate", "shared_passage")
"""Links that make two articles copies (what a pair marked independent loses)."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction (see the module docstring for the kinds and their targets)."""

    kind: str
    by: str
    """Who made it: a user's name."""
    why: str
    at: str = ""
    """When, as an ISO 8601 UTC time."""
    article_id: str | None = None
    finding: str | None = None
    """The kind of finding it corrects: quotes, claims, quantities or times."""
    start: int | None = None
    end: int | None = None
    other_id: str | None = None
    """The second article of a pair (``copies``, ``independent``)."""
    articles: tuple[str, ...] = ()
    """``merge``: the articles of both stories; ``split``: the articles split off."""
    value: Any = None
    """The new value, JSON-ready (see the module docstring)."""
    was: Any = None
    """The value it replaced, JSON-ready (a rejected finding whole; a story's articles)."""
    id: int = 0
    """Given by the ledger when it is stored."""
    undone_by: str | None = None
    undone_at: str | None = None
    undone_why: str | None = None

    @property
    def active(self) -> bool:
        """Whether it applies (it has not been undone)."""
        return self.undone_at is None

    def touched(self) -> set[str]:
        """The articles whose findings, links or stories it changes."""
        found = set(self.articles)
        found.update(a for a in (self.article_id, self.other_id) if a)
        return found

    def marker(self) -> dict[str, Any]:
        """What a corrected record carries to say so."""
        return {
            "correction": self.id,
            "kind": self.kind,
            "by": self.by,
            "at": self.at,
            "why": self.why,
            "was": self.was,
        }

    def describe(self) -> str:
        """One line for lists and logs: who did what to which target."""
        target = ""
        if self.finding and self.article_id:
            target = f" {self.finding[:-1] if self.finding.endswith('s') else self.finding} in {self.article_id}"
            target += f" at {self.start}-{self.end}"
        elif self.other_id:
            target = f" {self.article_id} and {self.other_id}"
        elif self.articles:
            target = f" ({len(self.articles)} articles)"
        return f"#{self.id} {self.kind}{target} by {self.by}: {self.why}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "by": self.by,
            "at": self.at,
            "why": self.why,
            "article_id": self.article_id,
            "finding": self.finding,
            "start": self.start,
            "end": self.end,
            "other_id": self.other_id,
            "articles": list(self.articles),
            "value": self.value,
            "was": self.was,
            "undone_by": self.undone_by,
            "undone_at": self.undone_at,
            "undone_why": self.undone_why,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Correction:
        return cls(
            kind=data["kind"],
            by=data["by"],
            why=data.get("why") or "",
            at=data.get("at") or "",
            article_id=data.get("article_id"),
            finding=data.get("finding"),
            start=data.get("start"),
            end=data.get("end"),
            other_id=data.get("other_id"),
            articles=tuple(data.get("articles") or ()),
            value=data.get("value"),
            was=data.get("was"),
            id=int(data.get("id") or 0),
            undone_by=data.get("undone_by"),
            undone_at=data.get("undone_at"),
            undone_why=data.get("undone_why"),
        )


# --- findings --------------------------------------------------------------------------------------


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_finding(items: Sequence[Mapping[str, Any]], start: int, end: int) -> int | None:
    """The position of the finding with this span, else of the one overlapping it most (half of both at least)."""
    best, best_overlap = None, 0
    for number, item in enumerate(items):
        span = (int(item["start"]), int(item["end"]))
        if span == (start, end):
            return number
        shared = span_overlap(span, (start, end))
        if shared > best_overlap and 2 * shared >= end - start and 2 * shared >= span[1] - span[0]:
            best, best_overlap = number, shared
    return best


def _marked(item: Mapping[str, Any], correction: Correction) -> dict[str, Any]:
    return {**item, "corrected": [*item.get("corrected", ()), correction.marker()]}


def _within(item: Mapping[str, Any], start: int, end: int) -> bool:
    return start <= int(item["start"]) and int(item["end"]) <= end


def correct_findings(findings: Mapping[str, Any], corrections: Iterable[Correction]) -> dict[str, Any]:
    """One article's findings (by kind) with its active corrections applied, in the order they were made."""
    out: dict[str, Any] = dict(findings)
    for correction in sorted(corrections, key=lambda c: c.id):
        if not correction.active or correction.finding is None or correction.start is None or correction.end is None:
            continue
        items = out.get(correction.finding)
        if not isinstance(items, list):
            continue
        number = find_finding(items, correction.start, correction.end)
        if number is None:
            continue  # the finding is gone: nothing to correct (the audit trail still lists it)
        target = items[number]
        if correction.kind == "reject":
            out[correction.finding] = items[:number] + items[number + 1 :]
            if correction.finding == "quantities":
                _in_claims(out, "quantities", target, None, correction)
            continue
        changed = _changed(target, correction)
        out[correction.finding] = [*items[:number], _marked(changed, correction), *items[number + 1 :]]
        if correction.kind == "speaker":
            _speaker_to_claims(out, target, changed, correction)
        elif correction.kind in ("figure", "date"):
            _in_claims(out, correction.finding, target, changed, correction)
    return out


def _changed(item: Mapping[str, Any], correction: Correction) -> dict[str, Any]:
    value = correction.value if isinstance(correction.value, Mapping) else {}
    changed = dict(item)
    if correction.kind == "speaker":
        changed["speaker"] = _speaker(item, value)
    elif correction.kind == "figure":
        for key in ("value", "low", "high", "bound", "unit"):
            if key in value:
                changed[key] = value[key]
    elif correction.kind == "date":
        changed["value"] = value.get("value")
        day = value.get("value")
        changed["date"] = day if isinstance(day, str) and len(day) == 10 and day[4] == "-" else None
    elif correction.kind == "review":
        changed["review"] = {"state": value.get("state"), "note": value.get("note"), "by": correction.by}
    return changed


def _speaker(quote: Mapping[str, Any], value: Mapping[str, Any]) -> dict[str, Any] | None:
    """The quote's speaker as corrected; a corrected speaker keeps the old one's place in the text, if any."""
    name = value.get("name")
    if not name:
        return None
    old = quote.get("speaker") or {}
    start = old.get("start", quote["start"])
    return {
        "name": name,
        "start": start,
        "end": old.get("end", start),
        "role": value.get("role"),
        "org": value.get("org"),
        "kind": "named",
        "antecedent": None,
    }


def _speaker_to_claims(
    out: dict[str, Any], quote: Mapping[str, Any], changed: Mapping[str, Any], correction: Correction
) -> None:
    """The claims a quote holds, or whose asserter was its speaker, take the corrected speaker."""
    claims = out.get("claims")
    if not isinstance(claims, list):
        return
    old = quote.get("speaker") or {}
    speaker = changed.get("speaker") or {}
    fixed = []
    for claim in claims:
        inside = _within(claim, int(quote["start"]), int(quote["end"]))
        named = old and claim.get("asserter_start") is not None and claim.get("asserter_start") == old.get("start")
        if (inside or named) and claim.get("asserter_kind") != "outlet":
            claim = _marked(claim, correction) | {
                "asserter": speaker.get("name") or "unknown",
                "asserter_kind": "speaker" if speaker else "unknown",
                "asserter_start": speaker.get("start"),
                "asserter_end": speaker.get("end"),
            }
        fixed.append(claim)
    out["claims"] = fixed


def _in_claims(
    out: dict[str, Any],
    kind: str,
    target: Mapping[str, Any],
    changed: Mapping[str, Any] | None,
    correction: Correction,
) -> None:
    """A figure or time fixed (or rejected, ``changed`` None) in the claims that use it too."""
    claims = out.get("claims")
    if not isinstance(claims, list):
        return
    span = (target["start"], target["end"])
    fixed = []
    for claim in claims:
        used = claim.get(kind) or []
        if any((item.get("start"), item.get("end")) == span for item in used):
            kept = [item for item in used if (item.get("start"), item.get("end")) != span]
            if changed is not None:
                kept = [changed if (item.get("start"), item.get("end")) == span else item for item in used]
            claim = _marked(claim, correction) | {kind: kept}
        fixed.append(claim)
    out["claims"] = fixed


# --- links -----------------------------------------------------------------------------------------


def copy_verdicts(corrections: Iterable[Correction]) -> dict[frozenset[str], Correction]:
    """Pair of articles -> the latest active ``copies`` or ``independent`` verdict about it."""
    verdicts: dict[frozenset[str], Correction] = {}
    for correction in sorted(corrections, key=lambda c: c.id):
        if correction.active and correction.kind in COPY_KINDS and correction.article_id and correction.other_id:
            verdicts[frozenset((correction.article_id, correction.other_id))] = correction
    return verdicts


def correct_links(
    links: Iterable[dict[str, Any]],
    verdicts: Mapping[frozenset[str], Correction],
    articles: Mapping[str, tuple[int, Any]] | None = None,
    *,
    wanted: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Links with the copy verdicts applied (see the module docstring).

    ``articles`` gives each article's text length and a sort key of its publication time, for the
    link a ``copies`` verdict adds (none are added without it); ``wanted`` keeps only added links
    that touch those articles.
    """
    out = []
    for link in links:
        pair = frozenset((link["a"]["article_id"], link["b"]["article_id"]))
        verdict = verdicts.get(pair)
        if verdict is not None and verdict.kind == "independent" and link["kind"] in COPY_LINK_KINDS:
            continue
        out.append(link)
    if articles is None:
        return out
    for pair, verdict in verdicts.items():
        if verdict.kind != "copies" or any(a not in articles for a in pair):
            continue
        if wanted is not None and not pair & wanted:
            continue
        out.append(_copy_link(verdict, articles))
    return out


def _copy_link(verdict: Correction, articles: Mapping[str, tuple[int, Any]]) -> dict[str, Any]:
    """The link a ``copies`` verdict adds: the two whole texts, the earlier one first."""
    a, b = sorted((str(verdict.article_id), str(verdict.other_id)), key=lambda x: (articles[x][1], x))
    return {
        "id": f"correction-{verdict.id}",
        "kind": "near_duplicate",
        "a": {"article_id": a, "start": 0, "end": articles[a][0]},
        "b": {"article_id": b, "start": 0, "end": articles[b][0]},
        "score": 1.0,  # the analyst is sure
        "direction": "a_earlier",
        "corrected": [verdict.marker()],
    }


# --- stories ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """A story after the analysts' merges and splits: its articles, and whether the linker's story stands."""

    members: frozenset[str]
    machine: str | None
    """The linker's story id when the story is the linker's unchanged, else ``None``."""
    corrections: tuple[int, ...] = field(default=())
    """The corrections that shaped it."""


def correct_stories(assignments: Mapping[str, str], corrections: Iterable[Correction]) -> list[StoryGroup]:
    """The stories (article id -> story id from the linker) with merges and splits applied in order.

    A split makes its articles a story of their own (those still in the ledger); a merge makes one
    story of every story holding one of its articles.
    """
    groups: dict[int, set[str]] = {}
    machine: dict[int, str | None] = {}
    shaped: dict[int, list[int]] = {}
    of: dict[str, int] = {}
    for number, (story_id, ids) in enumerate(sorted(_by_story(assignments).items())):
        groups[number], machine[number], shaped[number] = set(ids), story_id, []
        of.update(dict.fromkeys(ids, number))
    fresh = len(groups)
    for correction in sorted(corrections, key=lambda c: c.id):
        if not correction.active or correction.kind not in STORY_KINDS:
            continue
        present = [a for a in correction.articles if a in of]
        if not present:
            continue
        holders = {of[a] for a in present}
        if correction.kind == "split":
            if len(holders) == 1 and groups[next(iter(holders))] == set(present):
                continue  # already a story of its own
            groups[fresh], machine[fresh], shaped[fresh] = set(present), None, [correction.id]
            for holder in holders:
                groups[holder].difference_update(present)
                machine[holder] = None
                shaped[holder].append(correction.id)
            of.update(dict.fromkeys(present, fresh))
            fresh += 1
        elif len(holders) > 1:
            keep, *others = sorted(holders)
            for other in others:
                groups[keep] |= groups.pop(other)
                shaped[keep] += shaped.pop(other)
                machine.pop(other)
            shaped[keep].append(correction.id)
            machine[keep] = None
            of.update(dict.fromkeys(groups[keep], keep))
    return [
        StoryGroup(frozenset(members), machine[number], tuple(dict.fromkeys(shaped[number])))
        for number, members in groups.items()
        if members
    ]


def _by_story(assignments: Mapping[str, str]) -> dict[str, list[str]]:
    stories: dict[str, list[str]] = {}
    for article_id, story_id in assignments.items():
        stories.setdefault(story_id, []).append(article_id)
    return stories


# --- reviews ---------------------------------------------------------------------------------------


def review_of(assessment: Mapping[str, Any], reviews: Mapping[tuple[str, int, int], Correction]) -> Correction | None:
    """The latest active review of any claim an assessment holds (reviews keyed by article id and span)."""
    found = [
        review
        for source in assessment.get("supporting", ())
        if (review := reviews.get((source.get("article_id"), source.get("start"), source.get("end")))) is not None
    ]
    return max(found, key=lambda r: r.id) if found else None


def reviews_by_span(corrections: Iterable[Correction]) -> dict[tuple[str, int, int], Correction]:
    """Active reviews by the claim they were made on (the latest per claim)."""
    found: dict[tuple[str, int, int], Correction] = {}
    for correction in sorted(corrections, key=lambda c: c.id):
        if correction.active and correction.kind == "review" and correction.article_id and correction.start is not None:
            found[(correction.article_id, correction.start, int(correction.end or 0))] = correction
    return found


def with_review(assessment: dict[str, Any], review: Correction | None) -> dict[str, Any]:
    """An assessment with its review state (``unreviewed`` when nobody reviewed it)."""
    if review is None:
        return assessment | {"review": {"state": "unreviewed", "note": None, "by": None, "at": None}}
    value = review.value if isinstance(review.value, Mapping) else {}
    return assessment | {
        "review": {
            "state": value.get("state", "unreviewed"),
            "note": value.get("note"),
            "by": review.by,
            "at": review.at,
            "correction": review.id,
        }
    }


def undone(correction: Correction, by: str, at: str, why: str) -> Correction:
    """The correction marked undone."""
    return replace(correction, undone_by=by, undone_at=at, undone_why=why)

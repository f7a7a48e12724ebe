"""What an analyst does to a ledger: correct, undo, and assess again after the register changed.

Each correction function checks its target against the ledger (the article, the finding at that
span, the stories, the claim), records the value it replaces, stores the
:class:`~crosswire.desk.corrections.Correction` and links the stories it touches again, so the
independent-source counts and statuses follow at once. The web app, the API and the CLI call
these, and :func:`request` turns the fields of a form or an API body into the right call.

::

    fix_speaker(ledger, article, start, end, name=..., by=..., why=...)
    reject(ledger, article, "quotes" | "claims" | "quantities", start, end, by=..., why=...)
    fix_figure(ledger, article, start, end, value=... | low=..., high=..., by=..., why=...)
    fix_date(ledger, article, start, end, value="2024-11-03", by=..., why=...)
    review(ledger, claim_id, state="checked", note=..., by=..., why=...)
    merge(ledger, story_a, story_b, by=..., why=...)
    split(ledger, story, [article, ...], by=..., why=...)
    mark_copies(ledger, a, b, by=..., why=...) / mark_independent(ledger, a, b, by=..., why=...)
    undo(ledger, correction_id, by=..., why=...)
    update_register(ledger, entries, by=...) / remove_from_register(ledger, name)
    reassess(ledger)                      assess every story's claims again
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from crosswire.desk.corrections import (
    FINDING_KINDS,
    KINDS,
    LINKED_KINDS,
    REVIEW_STATES,
    Correction,
    copy_verdicts,
    find_finding,
)
from crosswire.desk.outlets import OutletEntry, updated
from crosswire.errors import DeskError, LedgerError, NotFoundError
from crosswire.ledger import Ledger
from crosswire.link import LinkOptions, LinkSummary, link_stage

__all__ = [
    "fix_date",
    "fix_figure",
    "fix_speaker",
    "mark_copies",
    "mark_independent",
    "merge",
    "reassess",
    "reject",
    "remove_from_register",
    "request",
    "review",
    "split",
    "undo",
    "update_register",
]

log = logging.getLogger(__name__)

MAX_TEXT = 2000
"""Characters a reason, a note or a name may hold."""
_TIMEX = re.compile(r"^(?:\d{4}|XXXX)(?:-(?:\d{2}|W\d{2}|Q[1-4]|SU|SP|FA|WI)(?:-\d{2})?)?(?:T[\w:.+-]+)?$")


# --- corrections of one finding -------------------------------------------------------------------


def fix_speaker(
    ledger: Ledger,
    article_id: str,
    start: int,
    end: int,
    *,
    name: str | None,
    role: str | None = None,
    org: str | None = None,
    by: str,
    why: str,
) -> Correction:
    """Say who really said a quote (``name`` empty: nobody the article names); its claims follow."""
    value = {"name": _text(name, "name", blank=True), "role": _text(role, "role", blank=True)}
    value["org"] = _text(org, "org", blank=True)
    return _finding("speaker", ledger, article_id, "quotes", start, end, value, by, why)


def reject(ledger: Ledger, article_id: str, finding: str, start: int, end: int, *, by: str, why: str) -> Correction:
    """Reject a quote, claim or quantity the extractors found (it is no longer shown or counted)."""
    kind = _REJECTABLE.get(str(finding).strip().lower())
    if kind is None:
        raise DeskError(f"finding: {finding!r} cannot be rejected; choose quote, claim or quantity")
    return _finding("reject", ledger, article_id, kind, start, end, None, by, why)


_REJECTABLE = {"quote": "quotes", "claim": "claims", "quantity": "quantities", "figure": "quantities"}
_REJECTABLE |= {kind: kind for kind in FINDING_KINDS["reject"]}
_SINGULAR = {"quotes": "quote", "claims": "claim", "quantities": "figure", "times": "time expression"}


def fix_figure(
    ledger: Ledger,
    article_id: str,
    start: int,
    end: int,
    *,
    value: float | None = None,
    low: float | None = None,
    high: float | None = None,
    bound: str | None = None,
    unit: str | None = None,
    by: str,
    why: str,
) -> Correction:
    """Give a figure its right value (``value``), or range (``low``/``high``), optionally its bound and unit."""
    numbers = {"value": _number(value, "value"), "low": _number(low, "low"), "high": _number(high, "high")}
    if all(n is None for n in numbers.values()):
        raise DeskError("figure: give a value, or low and/or high")
    if numbers["value"] is not None and (numbers["low"] is not None or numbers["high"] is not None):
        raise DeskError("figure: give either a value or a range (low, high), not both")
    if numbers["low"] is not None and numbers["high"] is not None and numbers["low"] > numbers["high"]:
        raise DeskError("figure: low is above high")
    fixed: dict[str, Any] = dict(numbers)
    fixed["bound"] = (
        _choice(bound, "bound", ("=", "~", ">=", "<=", ">", "<"))
        if bound
        else ("=" if numbers["value"] is not None else None)
    )
    if unit is not None:
        fixed["unit"] = _text(unit, "unit", blank=True)
    return _finding("figure", ledger, article_id, "quantities", start, end, fixed, by, why)


def fix_date(ledger: Ledger, article_id: str, start: int, end: int, *, value: str, by: str, why: str) -> Correction:
    """Give a time expression its right TIMEX3 value (``2024-11-03``, ``2024-11``, ``2024-W45``, ``XXXX-07``)."""
    text = (value or "").strip()
    if not _TIMEX.match(text):
        raise DeskError(f"date: {value!r} is not a TIMEX3 value such as 2024-11-03, 2024-11 or 2024-W45")
    return _finding("date", ledger, article_id, "times", start, end, {"value": text}, by, why)


def review(
    ledger: Ledger,
    claim: str,
    *,
    state: str,
    note: str | None = None,
    by: str,
    why: str | None = None,
) -> Correction:
    """Set a claim's review state (unreviewed, checking, checked) with a note; ``claim`` is an assessment's id.

    The review is kept on the claim the assessment leads with (its first supporting claim), so it
    follows that claim when the stories are linked again.
    """
    chosen = _choice(state, "state", REVIEW_STATES)
    found = next((a for a in ledger.iter_assessments() if a["id"] == claim), None)
    if found is None:
        raise NotFoundError(f"claim: no claim assessment with id {claim!r}")
    lead = (found.get("supporting") or [None])[0]
    if lead is None:
        raise DeskError(f"claim: {claim!r} has no supporting claim to review")
    text = _text(note, "note", blank=True)
    correction = Correction(
        kind="review",
        by=_by(by),
        why=_text(why, "why", blank=True) or text or f"marked {chosen}",
        article_id=lead["article_id"],
        finding="claims",
        start=int(lead["start"]),
        end=int(lead["end"]),
        value={"state": chosen, "note": text},
        was=_review_was(found),
    )
    return _store(ledger, correction)


def _review_was(assessment: Mapping[str, Any]) -> dict[str, Any]:
    current = assessment.get("review") or {}
    return {"state": current.get("state", "unreviewed"), "note": current.get("note"), "status": assessment["status"]}


def _finding(
    kind: str,
    ledger: Ledger,
    article_id: str,
    finding: str,
    start: int,
    end: int,
    value: Any,
    by: str,
    why: str,
) -> Correction:
    """A correction of the finding of ``finding`` kind at ``start``-``end`` of an article, stored and linked."""
    article = _article(ledger, article_id)
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(article.text):
        raise DeskError(f"span: {start}-{end} is not a span of article {article.id} (0-{len(article.text)})")
    items = (ledger.get_extraction(article.id) or {}).get(finding) or []
    number = find_finding(items, start, end)
    if number is None:
        raise NotFoundError(f"span: article {article.id} has no {_SINGULAR[finding]} at {start}-{end}")
    target = items[number]
    was: Any = dict(target) if kind == "reject" else _was(kind, target)
    correction = Correction(
        kind=kind,
        by=_by(by),
        why=_why(why),
        article_id=article.id,
        finding=finding,
        start=int(target["start"]),
        end=int(target["end"]),
        value=value,
        was=was,
    )
    return _store(ledger, correction)


def _was(kind: str, item: Mapping[str, Any]) -> Any:
    """The part of a finding a correction replaces."""
    if kind == "speaker":
        speaker = item.get("speaker") or {}
        return {"name": speaker.get("name"), "role": speaker.get("role"), "org": speaker.get("org")}
    if kind == "figure":
        return {key: item.get(key) for key in ("value", "low", "high", "bound", "unit")}
    if kind == "date":
        return {"value": item.get("value")}
    return None


# --- stories and copies ---------------------------------------------------------------------------


def merge(ledger: Ledger, story: str, other: str, *, by: str, why: str) -> Correction:
    """Make two stories one (they tell the same event)."""
    first, second = _story(ledger, story), _story(ledger, other)
    if first["id"] == second["id"]:
        raise DeskError("merge: give two different stories")
    members = {s["id"]: [a["id"] for a in s.get("articles", ())] for s in (first, second)}
    correction = Correction(
        kind="merge",
        by=_by(by),
        why=_why(why),
        articles=tuple(sorted({a for ids in members.values() for a in ids})),
        was={"stories": members},
    )
    return _store(ledger, correction)


def split(ledger: Ledger, story: str, article_ids: Sequence[str], *, by: str, why: str) -> Correction:
    """Split some articles off a story into a story of their own (they tell another event)."""
    found = _story(ledger, story)
    members = [a["id"] for a in found.get("articles", ())]
    chosen = sorted({_article(ledger, a).id for a in article_ids})
    if not chosen:
        raise DeskError("split: name the articles to split off")
    outside = [a for a in chosen if a not in members]
    if outside:
        raise DeskError(f"split: article {outside[0]} is not in story {found['id']}")
    if len(chosen) == len(members):
        raise DeskError("split: leave at least one article in the story")
    correction = Correction(
        kind="split",
        by=_by(by),
        why=_why(why),
        articles=tuple(chosen),
        was={"story": found["id"], "articles": members},
    )
    return _store(ledger, correction)


def mark_copies(ledger: Ledger, article: str, other: str, *, by: str, why: str) -> Correction:
    """Say one of two articles copies the other: their claims count once."""
    return _pair("copies", ledger, article, other, by, why)


def mark_independent(ledger: Ledger, article: str, other: str, *, by: str, why: str) -> Correction:
    """Say neither of two articles copies the other: the linker's copy links between them no longer count."""
    return _pair("independent", ledger, article, other, by, why)


def _pair(kind: str, ledger: Ledger, article: str, other: str, by: str, why: str) -> Correction:
    first, second = _article(ledger, article).id, _article(ledger, other).id
    if first == second:
        raise DeskError(f"{kind}: give two different articles")
    links = [
        {"id": link["id"], "kind": link["kind"]}
        for link in ledger.iter_links(article_id=first)
        if {link["a"]["article_id"], link["b"]["article_id"]} == {first, second}
        and link["kind"] in ("duplicate", "near_duplicate", "shared_passage")
    ]
    earlier = copy_verdicts(ledger.corrections(article_ids=[first], kinds=("copies", "independent"), undone=False))
    verdict = earlier.get(frozenset((first, second)))
    correction = Correction(
        kind=kind,
        by=_by(by),
        why=_why(why),
        article_id=first,
        other_id=second,
        was={"copy_links": links, "verdict": verdict.kind if verdict else None},
    )
    return _store(ledger, correction)


# --- storing, undoing, linking again --------------------------------------------------------------


def _store(ledger: Ledger, correction: Correction, options: LinkOptions | None = None) -> Correction:
    stored = ledger.add_correction(correction)
    log.info("correction %s", stored.describe())
    _relink(ledger, stored, options)
    return stored


def undo(ledger: Ledger, correction_id: int, *, by: str, why: str, options: LinkOptions | None = None) -> Correction:
    """Undo a correction: it stays in the audit trail, marked undone, and the stories it touched are linked again."""
    found = ledger.get_correction(correction_id)
    if found is None:
        raise NotFoundError(f"correction: no correction #{correction_id}")
    if not found.active:
        raise DeskError(f"correction: #{correction_id} was undone already, by {found.undone_by} at {found.undone_at}")
    stored = ledger.undo_correction(correction_id, by=_by(by), why=_why(why))
    if stored is None:  # undone by someone else in between
        raise DeskError(f"correction: #{correction_id} was undone already")
    log.info("undone: %s", stored.describe())
    _relink(ledger, stored, options)
    return stored


def _relink(ledger: Ledger, correction: Correction, options: LinkOptions | None) -> None:
    """Link again the stories a correction touches (a review changes no link)."""
    if correction.kind in LINKED_KINDS:
        link_stage(ledger, options, redo=correction.touched())


def reassess(
    ledger: Ledger, *, articles: Iterable[str] | None = None, options: LinkOptions | None = None
) -> LinkSummary:
    """Assess claims again (after the register of outlets changed): the stories of ``articles``, or every story."""
    ids = set(articles) if articles is not None else set(ledger.story_assignments())
    return link_stage(ledger, options, redo=ids)


def update_register(ledger: Ledger, entries: Sequence[OutletEntry], *, by: str, replace: bool = False) -> LinkSummary:
    """Add entries to the register of outlets (``replace``: make it exactly these), marked as changed by ``by``,
    then assess the claims again."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    ledger.put_outlet_entries([updated(e, _by(by), at) for e in entries], replace=replace)
    return reassess(ledger)


def remove_from_register(ledger: Ledger, name: str) -> LinkSummary:
    """Remove an outlet from the register, then assess the claims again."""
    if not ledger.remove_outlet_entry(name):
        raise NotFoundError(f"name: no outlet {name!r} in the register")
    return reassess(ledger)


# --- requests from forms and API bodies -----------------------------------------------------------


def request(ledger: Ledger, fields: Mapping[str, Any], *, by: str) -> Correction:
    """Make the correction a form or an API body asks for (``kind`` and that kind's fields).

    Fields: ``article``, ``start``, ``end`` (a finding); ``finding`` (reject: quote, claim or
    quantity); ``name``, ``role``, ``org`` (speaker); ``value``, ``low``, ``high``, ``bound``,
    ``unit`` (figure); ``value`` (date); ``claim``, ``state``, ``note`` (review); ``story``,
    ``other`` (merge: two stories; copies, independent: ``article`` and ``other``); ``articles``
    (split); ``why`` for all.
    """
    kind = str(fields.get("kind") or "")
    if kind not in KINDS:
        raise DeskError(f"kind: {kind!r} is not a correction; choose one of: {', '.join(KINDS)}")
    why = str(fields.get("why") or "")
    if kind == "review":
        return review(
            ledger,
            _field(fields, "claim"),
            state=_field(fields, "state"),
            note=fields.get("note"),
            by=by,
            why=why or None,
        )
    if kind == "merge":
        return merge(ledger, _field(fields, "story"), _field(fields, "other"), by=by, why=why)
    if kind == "split":
        wanted = fields.get("articles") or []
        listed = [str(a) for a in (wanted.split() if isinstance(wanted, str) else wanted)]
        return split(ledger, _field(fields, "story"), listed, by=by, why=why)
    if kind in ("copies", "independent"):
        marker = mark_copies if kind == "copies" else mark_independent
        return marker(ledger, _field(fields, "article"), _field(fields, "other"), by=by, why=why)
    article, start, end = _field(fields, "article"), _integer(fields, "start"), _integer(fields, "end")
    if kind == "speaker":
        return fix_speaker(
            ledger, article, start, end, name=fields.get("name"), role=fields.get("role"), org=fields.get("org"),
            by=by, why=why,
        )  # fmt: skip
    if kind == "reject":
        return reject(ledger, article, _field(fields, "finding"), start, end, by=by, why=why)
    if kind == "figure":
        return fix_figure(
            ledger, article, start, end,
            value=_optional_number(fields, "value"), low=_optional_number(fields, "low"),
            high=_optional_number(fields, "high"), bound=fields.get("bound") or None,
            unit=fields.get("unit") if "unit" in fields else None, by=by, why=why,
        )  # fmt: skip
    return fix_date(ledger, article, start, end, value=_field(fields, "value"), by=by, why=why)


def _field(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None or not str(value).strip():
        raise DeskError(f"{name}: required")
    return str(value).strip()


def _integer(fields: Mapping[str, Any], name: str) -> int:
    value = fields.get(name)
    if isinstance(value, bool):
        raise DeskError(f"{name}: expected a whole number")
    try:
        return int(str(value).strip())
    except ValueError:
        raise DeskError(f"{name}: expected a whole number, not {value!r}") from None


def _optional_number(fields: Mapping[str, Any], name: str) -> float | None:
    value = fields.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise DeskError(f"{name}: expected a number")
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise DeskError(f"{name}: expected a number, not {value!r}") from None


# --- checks --------------------------------------------------------------------------------------


def _article(ledger: Ledger, article_id: str) -> Any:
    try:
        found = ledger.get_article(str(article_id).strip())
    except LedgerError as exc:
        raise DeskError(f"article: {exc}") from None
    if found is None:
        raise NotFoundError(f"article: no article with id {article_id!r}")
    return found


def _story(ledger: Ledger, story_id: str) -> dict[str, Any]:
    found = ledger.get_story(str(story_id).strip())
    if found is None:
        raise NotFoundError(f"story: no story with id {story_id!r}")
    return found


def _text(value: object, name: str, *, blank: bool = False) -> str | None:
    if value is None:
        if blank:
            return None
        raise DeskError(f"{name}: required")
    if not isinstance(value, str):
        raise DeskError(f"{name}: expected text")
    text = " ".join(value.split())
    if not text:
        if blank:
            return None
        raise DeskError(f"{name}: required")
    if len(text) > MAX_TEXT:
        raise DeskError(f"{name}: longer than {MAX_TEXT} characters")
    return text


def _why(why: object) -> str:
    text = _text(why, "why", blank=True)
    if text is None:
        raise DeskError("why: say why (a correction without a reason cannot be checked later)")
    return text


def _by(by: object) -> str:
    text = _text(by, "by", blank=True)
    if text is None:
        raise DeskError("by: say who makes the correction")
    return text


def _number(value: float | None, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise DeskError(f"{name}: expected a finite number")
    return float(value)


def _choice(value: object, name: str, choices: Sequence[str]) -> str:
    text = str(value or "").strip().lower()
    if text not in choices:
        raise DeskError(f"{name}: {value!r} is not one of: {', '.join(choices)}")
    return text

"""What changed between two revisions of an article: the text (a diff) and the findings.

The text is compared sentence by sentence (``difflib``), so a diff reads as the sentences an outlet
rewrote. The findings are compared inside the rewritten sentences only:

- a **figure** whose value changed ("figure changed from 250 to 200 in revision 2"), flagged on the
  claim that holds it in the new text;
- a **quote** whose words changed (same speaker, or most words shared);
- a **claim** reworded with no figure changed, and claims **added** or **removed**.

:func:`compare_revisions` works out the changes of every revision not compared yet and stores them
in the ledger; it needs the current revision's findings, so it runs after the extract stage.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from crosswire.model import Article, parse_published
from crosswire.text.sentences import split_sentences

if TYPE_CHECKING:
    from crosswire.ledger.watch import StoredRevision, WatchLedger

__all__ = ["compare_revisions", "diff_rows", "finding_changes", "format_value", "unified_diff"]

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text)]


def unified_diff(old: str, new: str, *, old_label: str, new_label: str) -> list[str]:
    """A unified diff with one sentence per line (lines without newlines)."""
    old_lines = [old[s:e] for s, e in _sentences(old)]
    new_lines = [new[s:e] for s, e in _sentences(new)]
    return list(difflib.unified_diff(old_lines, new_lines, fromfile=old_label, tofile=new_label, lineterm="", n=1))


def diff_rows(old: str, new: str, *, context: int = 1) -> list[dict[str, Any]]:
    """Rows for showing a diff: ``{op, old, new}`` where op is equal, delete, insert or replace.

    ``old``/``new`` are lists of ``(text, changed)`` pieces: in a replaced sentence the words that
    changed are marked, so a figure edited inside a long sentence stands out. Unchanged runs longer
    than ``2 * context`` sentences are cut to ``{op: "skip", count}``.
    """
    old_spans, new_spans = _sentences(old), _sentences(new)
    old_lines = [old[s:e] for s, e in old_spans]
    new_lines = [new[s:e] for s, e in new_spans]
    rows: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = [{"op": "equal", "old": [(line, False)], "new": [(line, False)]} for line in old_lines[i1:i2]]
            if len(same) > 2 * context + 1:
                rows.extend(same[:context] if rows else [])
                rows.append({"op": "skip", "count": len(same) - (context if rows else 0) - context})
                rows.extend(same[-context:] if j2 < len(new_lines) else [])
            else:
                rows.extend(same)
            continue
        left = " ".join(old_lines[i1:i2])
        right = " ".join(new_lines[j1:j2])
        if tag == "replace":
            marked_old, marked_new = _word_marks(left, right)
            rows.append({"op": "replace", "old": marked_old, "new": marked_new})
        elif tag == "delete":
            rows.append({"op": "delete", "old": [(left, True)], "new": []})
        else:
            rows.append({"op": "insert", "old": [], "new": [(right, True)]})
    return rows


def _word_marks(old: str, new: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both sides as pieces, the words that differ marked."""
    old_words = re.findall(r"\S+\s*", old)
    new_words = re.findall(r"\S+\s*", new)
    left: list[tuple[str, bool]] = []
    right: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(None, [w.strip() for w in old_words], [w.strip() for w in new_words])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            left.append(("".join(old_words[i1:i2]), changed))
        if j2 > j1:
            right.append(("".join(new_words[j1:j2]), changed))
    return left, right


# --- findings -------------------------------------------------------------------------------------------


def format_value(quantity: dict[str, Any]) -> str:
    """A figure's reading: ``250``, ``200-250``, ``at least 3``, with its unit when it has one."""
    low, high, value = quantity.get("low"), quantity.get("high"), quantity.get("value")

    def number(x: Any) -> str:
        if isinstance(x, int | float):
            return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"
        return str(x)

    if low is not None and high is not None:
        text = f"{number(low)}-{number(high)}"
    elif value is not None:
        text = number(value)
    else:
        text = quantity.get("text", "?")
    bound = quantity.get("bound")
    if bound in (">", ">="):
        text = f"at least {text}"
    elif bound in ("<", "<="):
        text = f"at most {text}"
    unit = quantity.get("unit")
    return f"{text} {unit}" if unit and unit not in ("count",) else text


def _reading(quantity: dict[str, Any]) -> tuple[Any, ...]:
    return (quantity.get("value"), quantity.get("low"), quantity.get("high"), quantity.get("bound"))


def _inside(item: dict[str, Any], span: tuple[int, int]) -> bool:
    return span[0] <= item["start"] and item["end"] <= span[1]


def _overlaps(item: dict[str, Any], span: tuple[int, int]) -> bool:
    return item["start"] < span[1] and span[0] < item["end"]


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _similar(a: str, b: str) -> float:
    left, right = _words(a), _words(b)
    return len(left & right) / len(left | right) if left | right else 1.0


def _pair(old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]], floor: float) -> Iterator[tuple[int, int]]:
    """Greedy best pairs of old and new findings by shared words (at least ``floor``)."""
    scores = sorted(
        ((-_similar(o["text"], n["text"]), i, j) for i, o in enumerate(old) for j, n in enumerate(new)),
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scores:
        if -score < floor or i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        yield i, j


def _claim_ref(claim: dict[str, Any] | None) -> dict[str, Any] | None:
    if claim is None:
        return None
    return {k: claim.get(k) for k in ("start", "end", "text", "key", "thing", "asserter")}


def _span(item: dict[str, Any] | None) -> dict[str, int] | None:
    return None if item is None else {"start": item["start"], "end": item["end"]}


def finding_changes(
    old_text: str,
    old_findings: dict[str, Any],
    new_text: str,
    new_findings: dict[str, Any],
    revision: int,
) -> list[dict[str, Any]]:
    """Figures, quotes and claims that changed from one revision's text to the next (see the module)."""
    changes: list[dict[str, Any]] = []
    old_spans, new_spans = _sentences(old_text), _sentences(new_text)
    matcher = difflib.SequenceMatcher(
        None, [old_text[s:e] for s, e in old_spans], [new_text[s:e] for s, e in new_spans], autojunk=False
    )
    new_claims = new_findings.get("claims", [])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_region = (old_spans[i1][0], old_spans[i2 - 1][1]) if i2 > i1 else (0, 0)
        new_region = (new_spans[j1][0], new_spans[j2 - 1][1]) if j2 > j1 else (0, 0)

        def within(findings: dict[str, Any], kind: str, region: tuple[int, int]) -> list[dict[str, Any]]:
            return [item for item in findings.get(kind, []) if _overlaps(item, region)]

        def holder(item: dict[str, Any]) -> dict[str, Any] | None:
            return next((c for c in new_claims if _inside(item, (c["start"], c["end"]))), None) or next(
                (c for c in new_claims if _overlaps(item, (c["start"], c["end"]))), None
            )

        flagged: set[tuple[int, int]] = set()
        figures: list[dict[str, Any]] = []  # new spans of changed figures
        # figures: paired in order among those counting the same unit
        old_q = within(old_findings, "quantities", old_region)
        new_q = within(new_findings, "quantities", new_region)
        for unit in dict.fromkeys(q.get("unit") for q in old_q + new_q):
            left = [q for q in old_q if q.get("unit") == unit]
            right = [q for q in new_q if q.get("unit") == unit]
            for before, after in zip(left, right, strict=False):
                if _reading(before) == _reading(after):
                    continue
                claim = holder(after)
                if claim is not None:
                    flagged.add((claim["start"], claim["end"]))
                figures.append(after)
                was, now = format_value(before), format_value(after)
                changes.append(
                    {
                        "kind": "figure",
                        "revision": revision,
                        "message": f"figure changed from {was} to {now} in revision {revision}",
                        "before": before["text"],
                        "after": after["text"],
                        "before_value": was,
                        "after_value": now,
                        "old": _span(before),
                        "new": _span(after),
                        "claim": _claim_ref(claim),
                    }
                )
        # quotes
        old_quotes = within(old_findings, "quotes", old_region)
        new_quotes = within(new_findings, "quotes", new_region)
        paired = list(_pair(old_quotes, new_quotes, 0.4))
        for i, j in paired:
            before, after = old_quotes[i], new_quotes[j]
            if before["text"] == after["text"] or any(_inside(f, (after["start"], after["end"])) for f in figures):
                continue  # unchanged, or its change is a figure already reported
            who = (after.get("speaker") or {}).get("name") or "unknown speaker"
            changes.append(
                {
                    "kind": "quote",
                    "revision": revision,
                    "message": f"quote by {who} changed in revision {revision}",
                    "before": before["text"],
                    "after": after["text"],
                    "old": _span(before),
                    "new": _span(after),
                    "speaker": who,
                    "claim": _claim_ref(holder(after)),
                }
            )
        changes.extend(_removed_and_added(old_quotes, new_quotes, paired, "quote", revision))
        # claims
        old_claims = within(old_findings, "claims", old_region)
        region_claims = within(new_findings, "claims", new_region)
        paired = list(_pair(old_claims, region_claims, 0.3))
        for i, j in paired:
            before, after = old_claims[i], region_claims[j]
            if before["text"] == after["text"] or (after["start"], after["end"]) in flagged:
                continue
            changes.append(
                {
                    "kind": "claim",
                    "revision": revision,
                    "message": f"claim reworded in revision {revision}",
                    "before": before["text"],
                    "after": after["text"],
                    "old": _span(before),
                    "new": _span(after),
                    "claim": _claim_ref(after),
                }
            )
        changes.extend(_removed_and_added(old_claims, region_claims, paired, "claim", revision))
    return changes


def _removed_and_added(
    old: list[dict[str, Any]], new: list[dict[str, Any]], paired: list[tuple[int, int]], kind: str, revision: int
) -> Iterator[dict[str, Any]]:
    used_old = {i for i, _ in paired}
    used_new = {j for _, j in paired}
    for i, item in enumerate(old):
        if i not in used_old:
            yield {
                "kind": f"{kind}_removed",
                "revision": revision,
                "message": f"{kind} removed in revision {revision}",
                "before": item["text"],
                "after": None,
                "old": _span(item),
                "new": None,
                "claim": _claim_ref(item) if kind == "claim" else None,
            }
    for j, item in enumerate(new):
        if j not in used_new:
            yield {
                "kind": f"{kind}_added",
                "revision": revision,
                "message": f"{kind} added in revision {revision}",
                "before": None,
                "after": item["text"],
                "old": None,
                "new": _span(item),
                "claim": _claim_ref(item) if kind == "claim" else None,
            }


# --- in the ledger -------------------------------------------------------------------------------------------


def _findings_of(revision: StoredRevision, article: Article) -> dict[str, Any]:
    """A revision's findings: as stored when it was replaced, else extracted now (extraction is pure)."""
    if revision.findings is not None:
        return revision.findings
    from crosswire.extract import extract

    text_of = Article(
        id=revision.content_id,
        text=revision.text,
        title=revision.title,
        outlet=article.outlet,
        url=article.url,
        published=parse_published(revision.published) if revision.published else article.published,
    )
    return extract(text_of).findings()


def compare_revisions(ledger: WatchLedger) -> list[tuple[str, int]]:
    """Work out and store the changes of every revision not compared yet; returns those compared.

    A current revision waits until the extract stage has stored its findings.
    """
    done: list[tuple[str, int]] = []
    by_article: dict[str, list[int]] = {}
    for article_id, number in ledger.uncompared_revisions():
        by_article.setdefault(article_id, []).append(number)
    for article_id, numbers in by_article.items():
        article = ledger.get_article(article_id)
        if article is None:
            continue
        chain = {r.number: r for r in ledger.revisions(article_id)}
        latest = max(chain)
        current = ledger.get_extraction(article_id)
        for number in numbers:
            if number - 1 not in chain:
                continue
            if number == latest:
                if current is None:
                    continue  # not extracted yet: compared after the next extract stage
                new_findings = current
            else:
                new_findings = _findings_of(chain[number], article)
            old_findings = _findings_of(chain[number - 1], article)
            changes = finding_changes(chain[number - 1].text, old_findings, chain[number].text, new_findings, number)
            ledger.put_revision_changes(article_id, number, changes)
            log.info("%s revision %d: %d finding(s) changed", article_id, number, len(changes))
            done.append((article_id, number))
    return done

"""Watchlists and alerts: what an analyst watches, what fires, and where alerts go.

A watchlist is a name with entries, each of one kind:

=========  ===================================================================================
kind       matches a claim or quote when
=========  ===================================================================================
entity     the name occurs in its text, or is its speaker, asserter, a person, organisation or
           country found in it
speaker    it is the quote's speaker or the claim's asserter (by name; a surname alone matches)
place      a place found in it, or its text, names the place
claim      the claim's key (``deploy|launcher``), its event or the thing it is about is this
query      every word of the query occurs in its text (case-insensitive)
=========  ===================================================================================

:func:`check_alerts` fires, for every matching entry:

- ``new_claim`` / ``new_quote``: a claim or quote in an article extracted since the last check;
- ``status_changed``: a claim whose assessment's status changed (corroborated, single-source,
  disputed, contradicted) when its story was assessed again;
- ``figure_changed`` / ``quote_changed`` / ``claim_changed`` (and ``..._added`` / ``..._removed``): a
  revision of an article changed a watched figure, quote or claim.

Each alert carries its evidence: the article id, the span, and ``evidence`` (the web app's link to
that span). Alerts are stored in the ledger first and then delivered to the sinks
(:class:`JsonLinesSink`, :class:`WebhookSink`); delivery is at least once, and each alert's ``id``
lets a receiver drop a repeat.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from crosswire.errors import OptionError
from crosswire.model import normalise_for_id
from crosswire.text.names import fold_text

if TYPE_CHECKING:
    from crosswire.ledger.watch import WatchLedger

__all__ = [
    "WATCH_KINDS",
    "AlertSink",
    "JsonLinesSink",
    "WatchEntry",
    "WebhookSink",
    "check_alerts",
    "deliver_alerts",
    "evidence_href",
    "watch_entries",
]

log = logging.getLogger(__name__)

WATCH_KINDS = ("entity", "speaker", "place", "claim", "query")


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One entry of a watchlist."""

    id: int
    name: str
    kind: str
    value: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "value": self.value}

    def matches(self, context: dict[str, Any]) -> bool:
        """Whether a claim's or quote's context (see :func:`_context`) matches this entry."""
        wanted = _fold(self.value)
        if not wanted:
            return False
        text = _fold(context.get("text") or "")
        if self.kind == "query":
            words = _fold_words(self.value)
            present = set(_fold_words(text))
            return bool(words) and all(w in present or any(p.startswith(w) for p in present) for w in words)
        if self.kind == "claim":
            key = context.get("key") or ""
            names = {_fold(key), _fold(context.get("thing") or ""), _fold(context.get("event") or "")}
            names.update(_fold(part) for part in key.split("|"))
            return wanted in names
        if self.kind == "speaker":
            return any(_same_name(wanted, _fold(name)) for name in context.get("speakers", ()) if name)
        if self.kind == "place":
            return any(wanted == _fold(p) for p in context.get("places", ())) or _has_phrase(text, wanted)
        # entity
        people = [*context.get("entities", ()), *context.get("speakers", ())]
        return _has_phrase(text, wanted) or any(_same_name(wanted, _fold(n)) for n in people if n)


def _fold(text: str) -> str:
    return " ".join(_fold_words(text))


def _fold_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold_text(text))  # the one fold of names: case, accents, apostrophes


def _has_phrase(text: str, phrase: str) -> bool:
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def _same_name(wanted: str, name: str) -> bool:
    """``Orla Venn`` matches ``Orla Venn`` and ``Venn``; ``Venn`` matches ``Orla Venn``."""
    if not wanted or not name:
        return False
    if wanted == name:
        return True
    wanted_words, name_words = wanted.split(), name.split()
    return wanted_words[-1] == name_words[-1] and (len(wanted_words) == 1 or len(name_words) == 1)


def validate_entry(kind: str, value: str) -> str:
    """The value of a new watchlist entry, checked; ``OptionError`` names what is wrong."""
    if kind not in WATCH_KINDS:
        raise OptionError(f"watchlist entry kind {kind!r}: choose one of {', '.join(WATCH_KINDS)}")
    value = " ".join(value.split())
    if not _fold_words(value):
        raise OptionError(f"--{kind} {value!r}: give at least one word")
    return value


def watch_entries(ledger: WatchLedger) -> list[WatchEntry]:
    """Every watchlist entry in the ledger."""
    return [WatchEntry(int(r["id"]), r["name"], r["kind"], r["value"]) for r in ledger.watchlist_entries()]


def evidence_href(article_id: str, start: int | None, end: int | None) -> str:
    """The web app's link to a span of an article."""
    if start is None or end is None:
        return f"/articles/{article_id}"
    return f"/articles/{article_id}?hl={start}-{end}#hl"


def _item_key(kind: str, article_id: str, text: str) -> str:
    digest = hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]
    return f"{kind}:{article_id}:{digest}"


def _names_within(findings: dict[str, Any], kind: str, start: int, end: int, field: str) -> list[str]:
    return [
        str(item.get(field) or item.get("text"))
        for item in findings.get(kind, ())
        if start <= item["start"] and item["end"] <= end
    ]


def _claim_context(claim: dict[str, Any], findings: dict[str, Any]) -> dict[str, Any]:
    start, end = claim["start"], claim["end"]
    places = _names_within(findings, "places", start, end, "name")
    places += [str(p.get("name") or p.get("text")) for p in claim.get("places", ())]
    return {
        "text": claim.get("text", ""),
        "key": claim.get("key"),
        "thing": claim.get("thing"),
        "event": claim.get("event"),
        "speakers": [claim.get("asserter")],
        "places": places,
        "entities": _names_within(findings, "entities", start, end, "text"),
    }


def _quote_context(quote: dict[str, Any], findings: dict[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    start, end = quote["start"], quote["end"]
    return {
        "text": quote.get("text", ""),
        "speakers": [speaker.get("name")],
        "places": _names_within(findings, "places", start, end, "name"),
        "entities": [*_names_within(findings, "entities", start, end, "text"), speaker.get("org") or ""],
    }


def _alert(
    kind: str, entry: WatchEntry, article_id: str, start: int | None, end: int | None, message: str, **extra: Any
) -> dict[str, Any]:
    data = {
        "kind": kind,
        "message": message,
        "watchlist": entry.as_dict(),
        "article_id": article_id,
        "start": start,
        "end": end,
        "evidence": evidence_href(article_id, start, end),
    }
    return data | extra


def check_alerts(ledger: WatchLedger, entries: Sequence[WatchEntry] | None = None) -> list[dict[str, Any]]:
    """Fire the alerts for everything extracted or assessed since the last check, and store them.

    Returns the new alerts (also in the ledger, not yet delivered). Safe to run at any time: what
    was checked is cleared in the same transaction that stores the alerts.
    """
    entries = list(entries) if entries is not None else watch_entries(ledger)
    articles, stories = ledger.alert_work()
    if not entries or not (articles or stories):
        ledger.record_alerts([], {}, articles=articles, stories=stories)
        return []
    alerts: list[dict[str, Any]] = []
    seen: dict[str, str | None] = {}
    found = ledger.extractions_of(articles)
    keys = {
        _item_key(kind[:-1], article.id, item["text"])
        for article, findings in found.values()
        for kind in ("claims", "quotes")
        for item in findings.get(kind, ())
    }
    before = ledger.seen_alert_items(keys)
    # 1. revisions that changed a watched figure, quote or claim; 2. new claims and quotes
    for article_id in articles:
        if article_id not in found:
            continue
        findings = found[article_id][1]
        changed = _revision_alerts(ledger, entries, article_id, findings, alerts)
        for kind, context_of in (("claim", _claim_context), ("quote", _quote_context)):
            for item in findings.get(f"{kind}s", ()):
                key = _item_key(kind, article_id, item["text"])
                if key in before or key in seen:
                    continue
                seen[key] = None
                if (item["start"], item["end"]) in changed:
                    continue  # reported as a change of the revision
                context = context_of(item, findings)
                for entry in entries:
                    if entry.matches(context):
                        who = context["speakers"][0] or "unknown"
                        message = (
                            f"new claim by {who}: {item['text'][:160]}"
                            if kind == "claim"
                            else f"new quote by {who}: “{item['text'][:160]}”"
                        )
                        alerts.append(
                            _alert(
                                f"new_{kind}", entry, article_id, item["start"], item["end"], message, text=item["text"]
                            )
                        )
    # 3. claims whose status changed
    for story_id in stories:
        alerts.extend(_status_alerts(ledger, entries, story_id, seen))
    ids = ledger.record_alerts(alerts, seen, articles=articles, stories=stories)
    return [alert | {"id": number} for alert, number in zip(alerts, ids, strict=True)]


def _revision_alerts(
    ledger: WatchLedger,
    entries: Sequence[WatchEntry],
    article_id: str,
    findings: dict[str, Any],
    alerts: list[dict[str, Any]],
) -> set[tuple[int, int]]:
    """Alerts for the latest revision's changes that touch a watched claim or quote; the new spans it covers."""
    revisions = ledger.revisions(article_id)
    if len(revisions) < 2 or not revisions[-1].changes:
        return set()
    covered: set[tuple[int, int]] = set()
    for change in revisions[-1].changes:
        claim = change.get("claim")
        new = change.get("new")
        if claim:
            covered.add((claim["start"], claim["end"]))
        if new:
            covered.add((new["start"], new["end"]))
        if claim:
            context = _claim_context(claim | {"places": []}, findings)
        else:
            span = new or change.get("old") or {"start": 0, "end": 0}
            quote = next((q for q in findings.get("quotes", ()) if q["start"] == span["start"]), None)
            context = (
                _quote_context(quote, findings)
                if quote
                else {"text": change.get("after") or change.get("before") or "", "speakers": [change.get("speaker")]}
            )
        context["text"] = f"{context.get('text') or ''} {change.get('before') or ''} {change.get('after') or ''}"
        where = claim or new or {}
        for entry in entries:
            if entry.matches(context):
                alerts.append(
                    _alert(
                        f"{change['kind']}_changed" if "_" not in change["kind"] else change["kind"],
                        entry,
                        article_id,
                        where.get("start"),
                        where.get("end"),
                        change["message"],
                        revision=change["revision"],
                        before=change.get("before"),
                        after=change.get("after"),
                    )
                )
    return covered


def _status_alerts(
    ledger: WatchLedger, entries: Sequence[WatchEntry], story_id: str, seen: dict[str, str | None]
) -> list[dict[str, Any]]:
    assessments = list(ledger.iter_assessments(story_id))
    members = {s["article_id"] for a in assessments for s in a.get("supporting", ())}
    found = ledger.extractions_of(members)
    statuses: dict[str, tuple[str, dict[str, Any], dict[str, Any], str]] = {}
    for assessment in assessments:
        for source in assessment.get("supporting", ()):
            if source["article_id"] not in found:
                continue
            article, findings = found[source["article_id"]]
            text = article.text[source["start"] : source["end"]]
            key = _item_key("claim", article.id, text)
            claim = next(
                (c for c in findings.get("claims", ()) if c["start"] == source["start"] and c["end"] == source["end"]),
                {"start": source["start"], "end": source["end"], "text": text, "asserter": source.get("asserter")},
            )
            context = _claim_context(claim | {"key": claim.get("key") or assessment.get("key")}, findings)
            statuses[key] = (assessment["status"], source, context, assessment["id"])
    before = ledger.seen_alert_items(statuses)
    alerts = []
    for key, (status, source, context, assessment_id) in sorted(statuses.items()):
        previous = seen.get(key, before.get(key))
        seen[key] = status
        if previous is None or previous == status:
            continue  # first status seen, or unchanged
        for entry in entries:
            if entry.matches(context):
                alerts.append(
                    _alert(
                        "status_changed",
                        entry,
                        source["article_id"],
                        source["start"],
                        source["end"],
                        f"claim now {status} (was {previous}): {context['text'][:160]}",
                        before=previous,
                        after=status,
                        story_id=story_id,
                        assessment_id=assessment_id,
                    )
                )
    return alerts


# --- sinks -----------------------------------------------------------------------------------------------


class AlertSink(Protocol):
    """Somewhere alerts go; ``send`` never raises (a failure is logged)."""

    def send(self, alert: dict[str, Any]) -> bool: ...


class JsonLinesSink:
    """Alerts as JSON Lines on a text stream (standard output, or a file opened for appending)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def send(self, alert: dict[str, Any]) -> bool:
        try:
            self.stream.write(json.dumps(alert, ensure_ascii=False, sort_keys=True) + "\n")
            self.stream.flush()
        except (OSError, ValueError) as exc:
            log.warning("alert %s not written: %s", alert.get("id"), exc)
            return False
        return True


class WebhookSink:
    """Alerts POSTed as JSON to a URL, retried with backoff; a failure is logged, never fatal."""

    def __init__(
        self,
        url: str,
        *,
        retries: int = 3,
        backoff: float = 1.0,
        timeout: float = 10.0,
        wait: Callable[[float], object] | None = None,
    ) -> None:
        from crosswire.watch.fetch import DEFAULT_USER_AGENT, httpx_module

        httpx = httpx_module()
        self.url = url
        self.retries = retries
        self.backoff = backoff
        self._wait = wait or time.sleep
        self._client = httpx.Client(timeout=timeout, headers={"User-Agent": DEFAULT_USER_AGENT})

    def send(self, alert: dict[str, Any]) -> bool:
        import httpx

        pause = self.backoff
        problem = ""
        for attempt in range(1, self.retries + 2):
            try:
                response = self._client.post(self.url, json=alert)
                if response.status_code < 300:
                    return True
                problem = f"HTTP status {response.status_code}"
                if response.status_code < 500 and response.status_code != 429:
                    break
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}".rstrip(": ")
            if attempt <= self.retries:
                log.info("webhook %s: %s; try %d in %.1fs", self.url, problem, attempt + 1, pause)
                self._wait(pause)
                pause *= 2
        log.warning("webhook %s: alert %s not delivered (%s)", self.url, alert.get("id"), problem)
        return False

    def close(self) -> None:
        self._client.close()


def deliver_alerts(ledger: WatchLedger, sinks: Iterable[AlertSink]) -> int:
    """Send every undelivered alert to every sink, oldest first, and mark it sent; returns how many."""
    sinks = list(sinks)
    sent = 0
    while True:
        pending = ledger.alerts(unsent=True, limit=200)
        if not pending:
            return sent
        for alert in pending:
            for sink in sinks:
                sink.send(alert)
            ledger.mark_alerts_sent([alert["id"]])  # one by one: a stop mid-way repeats at most one alert
            sent += 1

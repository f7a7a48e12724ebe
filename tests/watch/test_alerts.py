"""Watchlists and alerts end to end: new claims and quotes, a status change, a changed figure, delivery."""

from __future__ import annotations

import io
import json
import logging

import pytest

from crosswire.errors import OptionError
from crosswire.ledger import SQLiteLedger
from crosswire.watch import JsonLinesSink, Source, WatchEntry, WebhookSink
from crosswire.watch.alerts import validate_entry
from tests.watch.conftest import make_watcher
from tests.watch.corpus import ELECTION, LAUNCHERS_REVISED
from tests.watch.server import LocalServer, article_page, rss_feed

CLAIM = """HALVIK, March 4 - Varnia has moved some 250 rocket launchers to within 30 kilometres of the Osterland border, the Osterland Joint Defence Staff said on Tuesday.

"We are watching every unit that crosses the Vesse," said Colonel Mira Lund, a spokesperson for the Joint Defence Staff."""  # noqa: E501

DENIAL = """DOLMEK, March 5 - Varnia's defence ministry on Wednesday denied that any rocket launchers had been moved toward the Osterland border, calling reports of 250 launchers near the Vesse a provocation.

"Not a single launcher has moved," said ministry spokesperson Anton Berg."""  # noqa: E501


def _publish(server: LocalServer, pages: dict[str, str]) -> None:
    for path, text in pages.items():
        day = {"/w/denial": "2025-03-05", "/w/election": "2025-03-07"}.get(path, "2025-03-04")
        server.set(path, article_page(path.rsplit("/", 1)[-1], text, published=f"{day}T08:00:00+00:00"))
    items = [(path, path.rsplit("/", 1)[-1], "Tue, 04 Mar 2025 08:00:00 GMT") for path in pages]
    server.set("/feed.xml", rss_feed(server.url, items), content_type="application/rss+xml")


def test_entries_match_what_they_name() -> None:
    claim = {
        "text": "Varnia has moved some 250 rocket launchers to the border",
        "key": "deploy|launcher",
        "thing": "launcher",
        "event": "move",
        "speakers": ["Osterland Joint Defence Staff"],
        "places": ["Halvik"],
        "entities": ["Varnia"],
    }
    assert WatchEntry(1, "w", "claim", "deploy|launcher").matches(claim)
    assert WatchEntry(1, "w", "claim", "launcher").matches(claim)
    assert not WatchEntry(1, "w", "claim", "missile").matches(claim)
    assert WatchEntry(1, "w", "entity", "varnia").matches(claim)
    assert not WatchEntry(1, "w", "entity", "Varn").matches(claim)  # whole words only
    assert WatchEntry(1, "w", "place", "Halvik").matches(claim)
    assert WatchEntry(1, "w", "speaker", "Osterland Joint Defence Staff").matches(claim)
    assert WatchEntry(1, "w", "query", "rocket launch").matches(claim)  # a word's start matches
    assert not WatchEntry(1, "w", "query", "rocket drones").matches(claim)
    quote = {"text": "We are watching", "speakers": ["Colonel Mira Lund"], "places": [], "entities": []}
    assert WatchEntry(1, "w", "speaker", "Lund").matches(quote)
    assert WatchEntry(1, "w", "speaker", "Mira Lund").matches(quote) is False  # two words must be the name given
    with pytest.raises(OptionError, match="choose one of"):
        validate_entry("colour", "red")
    with pytest.raises(OptionError, match="at least one word"):
        validate_entry("query", " !! ")


def test_watchlist_entries_match_across_accents_and_case() -> None:
    claim = {"text": "Officials in Tarnow said the Łódź plant stays shut", "places": [], "entities": ["Zoë Marsh"]}
    assert WatchEntry(1, "w", "query", "tarnów").matches(claim)
    assert WatchEntry(1, "w", "query", "LODZ plant").matches(claim)
    assert WatchEntry(1, "w", "entity", "Zoe Marsh").matches(claim)
    assert not WatchEntry(1, "w", "query", "Krakow").matches(claim)


def test_alerts_fire_on_new_claims_status_changes_and_changed_figures(
    server: LocalServer, ledger: SQLiteLedger
) -> None:
    ledger.add_watchlist_entry("border", "claim", "launcher")
    ledger.add_watchlist_entry("people", "speaker", "Lund")
    stream = io.StringIO()
    _publish(server, {"/w/launchers": CLAIM, "/w/election": ELECTION})
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    watcher.sinks = [JsonLinesSink(stream)]
    watcher.poll(force=True)
    first = [json.loads(line) for line in stream.getvalue().splitlines()]
    kinds = sorted((a["kind"], a["watchlist"]["name"]) for a in first)
    assert ("new_claim", "border") in kinds and ("new_quote", "people") in kinds
    assert all(a["watchlist"]["name"] != "border" or "launchers" in a["text"] for a in first)
    launchers = ledger.watch_item(server.url + "/w/launchers")["article_id"]  # type: ignore[index]
    claim_alert = next(a for a in first if a["kind"] == "new_claim")
    article = ledger.get_article(launchers)
    assert article is not None
    assert claim_alert["evidence"] == f"/articles/{launchers}?hl={claim_alert['start']}-{claim_alert['end']}#hl"
    assert "250 rocket launchers" in article.text[claim_alert["start"] : claim_alert["end"]]
    # nothing new: nothing fires again
    watcher.poll(force=True)
    assert len(stream.getvalue().splitlines()) == len(first)
    # a denial from another outlet: the claim is now contradicted
    _publish(server, {"/w/launchers": CLAIM, "/w/election": ELECTION, "/w/denial": DENIAL})
    watcher.poll(force=True)
    second = [json.loads(line) for line in stream.getvalue().splitlines()][len(first) :]
    status = [a for a in second if a["kind"] == "status_changed"]
    assert status, second
    assert status[0]["before"] == "single-source" and status[0]["after"] == "contradicted"
    assert status[0]["article_id"] == launchers
    # the figure is edited: a revision that changes a watched figure
    _publish(
        server, {"/w/launchers": CLAIM.replace("some 250", "about 200"), "/w/election": ELECTION, "/w/denial": DENIAL}
    )
    watcher.poll(force=True)
    third = [json.loads(line) for line in stream.getvalue().splitlines()][len(first) + len(second) :]
    figure = [a for a in third if a["kind"] == "figure_changed"]
    assert len(figure) == 1, third
    assert figure[0]["message"] == "figure changed from 250 to 200 in revision 2"
    assert figure[0]["revision"] == 2 and figure[0]["article_id"] == launchers
    assert not [a for a in third if a["kind"] == "new_claim" and a["article_id"] == launchers]
    # every alert is in the ledger, delivered once
    assert ledger.count_alerts() == len(first) + len(second) + len(third)
    assert ledger.alerts(unsent=True) == []
    watcher.close()


def test_webhook_receives_each_alert_retrying_a_failure(server: LocalServer, ledger: SQLiteLedger) -> None:
    ledger.add_watchlist_entry("border", "query", "launchers")
    server.set("/hook", status=200, failures=2, content_type="application/json")
    _publish(server, {"/w/launchers": LAUNCHERS_REVISED})
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    watcher.sinks = [WebhookSink(server.url + "/hook", retries=3, backoff=0.05)]
    watcher.poll(force=True)
    received = server.posts("/hook")
    stored = ledger.alerts(limit=100)
    assert stored and len(received) == len(stored) + 2  # two refused tries, then each alert once
    assert {a["id"] for a in received} == {a["id"] for a in stored}
    assert all(a["evidence"].startswith(f"/articles/{a['article_id']}") for a in received)
    watcher.close()


def test_a_webhook_that_stays_down_is_logged_and_the_watch_goes_on(
    server: LocalServer, ledger: SQLiteLedger, caplog: pytest.LogCaptureFixture
) -> None:
    ledger.add_watchlist_entry("border", "query", "launchers")
    server.set("/hook", status=500, content_type="application/json")
    _publish(server, {"/w/launchers": LAUNCHERS_REVISED})
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    watcher.sinks = [WebhookSink(server.url + "/hook", retries=1, backoff=0.01)]
    with caplog.at_level(logging.WARNING, logger="crosswire.watch"):
        summary = watcher.poll(force=True)
    assert summary.new == 1 and summary.alerts >= 1
    assert any("not delivered (HTTP status 500)" in r.getMessage() for r in caplog.records)
    assert ledger.alerts(unsent=True) == []  # given up, still shown in the web app and by crosswire alerts
    watcher.close()

"""Revisions, alerts and sources in a real headless Chromium, over a ledger a real watch filled.

The watch follows a feed on a test HTTP server (127.0.0.1); the article is edited between two
polls, so the ledger holds a revision and the alerts it raised. Skipped without Chromium unless
``CROSSWIRE_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crosswire.ledger import open_ledger
from crosswire.watch import FetchOptions, Source, Watcher, WatchOptions
from tests.watch.corpus import ELECTION, LAUNCHERS, LAUNCHERS_REVISED
from tests.watch.server import LocalServer, article_page, rss_feed
from tests.web.server import WebServer, start_server
from tests.web.test_browser import Watched, browser

__all__ = ["browser"]


def _publish(site: LocalServer, launchers: str) -> None:
    site.set("/w/launchers", article_page("Varnia moves launchers to the border", launchers))
    site.set("/w/turnout", article_page("Orvik turnout reaches 61 percent", ELECTION, published="2025-03-07T08:00:00Z"))
    items = [(p, p, "Tue, 04 Mar 2025 08:00:00 GMT") for p in ("/w/launchers", "/w/turnout")]
    site.set("/feed.xml", rss_feed(site.url, items), content_type="application/rss+xml")


@pytest.fixture(scope="module")
def watched() -> Iterator[tuple[WebServer, LocalServer]]:
    root = Path(tempfile.mkdtemp(prefix="crosswire-watch-web-"))
    site = LocalServer()
    site.set("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    site.set("/gone.xml", "gone", status=404, content_type="text/plain")
    _publish(site, LAUNCHERS)
    db = root / "watch.db"
    with open_ledger(db) as ledger:
        ledger.add_watchlist_entry("border", "claim", "launcher")
        options = WatchOptions(fetch=FetchOptions(delay=0, retries=0), recheck=0)
        watcher = Watcher(ledger, [Source(site.url + "/feed.xml"), Source(site.url + "/gone.xml")], options)
        watcher.poll(force=True)
        _publish(site, LAUNCHERS_REVISED)
        watcher.poll(force=True)
        watcher.close()
    web = start_server(db, root / "data")
    yield web, site
    web.stop()
    site.stop()
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def page(browser: object, watched: tuple[WebServer, LocalServer]) -> Iterator[Watched]:
    opened = Watched(browser, watched[0].url)
    yield opened
    opened.page.close()


def test_an_alert_leads_to_the_changed_claim_and_the_revision_diff(
    page: Watched, watched: tuple[WebServer, LocalServer]
) -> None:
    web, _ = watched
    total = httpx.get(f"{web.url}/api/watch/alerts").json()["total"]
    assert total >= 2
    page.goto("/stories")
    # the count is asked for when the page is shown (pages are cached, alerts are not)
    page.page.wait_for_function("() => !document.getElementById('alert-count').hidden")
    assert page.page.locator("nav.top #alert-count").inner_text() == str(total)
    page.page.locator("nav.top a.nav-alerts").click()
    page.page.wait_for_url("**/alerts")
    assert page.page.locator("li.alert").count() == total
    figure = page.page.locator("li.alert-figure_changed")
    assert figure.count() == 1
    assert "figure changed from 250 to 200 in revision 2" in figure.inner_text()
    page.shot("watch-1-alerts")
    figure.locator("a.evidence-link").click()
    page.page.wait_for_url("**/articles/**#hl")
    marked = page.page.evaluate(
        "() => Array.from(document.querySelectorAll('mark.ev-target')).map(m => m.textContent).join('')"
    )
    assert "about 200 rocket launchers" in marked
    assert page.page.locator("#hl").is_visible()
    # the claim is flagged, the revisions are listed, the diff marks the changed words
    flag = page.page.locator("aside.findings .badge.changed")
    assert flag.count() >= 1 and flag.first.inner_text() == "figure changed from 250 to 200 in revision 2"
    revisions = page.page.locator("section.revisions")
    assert revisions.locator("details.revision").count() == 2
    current = revisions.locator("#revision-2")
    assert current.get_attribute("open") is not None
    assert current.locator("table.diff tr.replace td.old del").first.inner_text().strip() == "some 250"
    assert current.locator("table.diff tr.replace td.new ins").first.inner_text().strip() == "about 200"
    current.scroll_into_view_if_needed()
    page.shot("watch-2-revision-diff")
    # the raw bytes are the evidence: their SHA-256 is the one shown
    sha = current.locator("code.sha256").inner_text()
    raw_href = current.locator("a[download]").get_attribute("href")
    assert raw_href is not None
    raw = httpx.get(web.url + raw_href)
    assert raw.status_code == 200 and raw.headers["content-type"] == "application/octet-stream"
    assert hashlib.sha256(raw.content).hexdigest() == sha
    assert b"about 200 rocket launchers" in raw.content
    # the older revision opens on a click and holds the old text's bytes
    older = revisions.locator("#revision-1")
    older.locator("summary").click()
    assert older.locator("code.sha256").is_visible()
    # the story's claim table flags the claim too
    page.page.locator("p.crumbs a[href^='/stories/']").click()
    page.page.wait_for_url("**/stories/**")
    row = page.page.locator("tr.claim", has=page.page.locator(".badge.changed"))
    assert row.count() == 1
    assert "about 200 rocket launchers" in row.locator("td.claim-label").inner_text()
    assert row.locator(".badge.changed").inner_text() == "figure changed from 250 to 200 in revision 2"
    row.scroll_into_view_if_needed()
    page.shot("watch-2b-story-claim-flagged")
    assert page.real_errors() == []


def test_the_sources_page_shows_each_sources_last_fetch_errors_and_next_run(
    page: Watched, watched: tuple[WebServer, LocalServer]
) -> None:
    _, site = watched
    page.goto("/alerts")
    page.page.locator("nav.top a[href='/sources']").click()
    page.page.wait_for_url("**/sources")
    rows = page.page.locator("tr.source")
    assert rows.count() == 2
    failing = page.page.locator("tr.source.has-error")
    assert failing.count() == 1
    assert site.url + "/gone.xml" in failing.inner_text()
    assert failing.locator(".source-error").inner_text() == "HTTP status 404"
    healthy = rows.filter(has_text=site.url + "/feed.xml")
    assert "feed, 2 listed" in healthy.inner_text()
    assert healthy.locator("td").nth(1).inner_text() == "feed"  # what the address turned out to be
    assert healthy.locator("td").nth(7).inner_text() == "2"  # articles
    assert "ago" in healthy.locator("td").nth(2).inner_text() and "in " in healthy.locator("td").nth(5).inner_text()
    page.shot("watch-3-sources")
    assert page.real_errors() == []

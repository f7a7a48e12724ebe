"""The watch loop against a real HTTP server on 127.0.0.1 whose feeds and pages change between polls."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from crosswire.ledger import SQLiteLedger
from crosswire.link import LinkOptions
from crosswire.watch import Source
from tests.watch.conftest import make_watcher
from tests.watch.corpus import BRIDGE, ELECTION, FUEL, HARBOUR, LAUNCHERS, LAUNCHERS_REVISED
from tests.watch.server import LocalServer, article_page, rss_feed, sitemap

DAY = "Tue, 04 Mar 2025 08:00:00 GMT"


def _feed(server: LocalServer, paths: list[str]) -> None:
    server.set(
        "/feed.xml",
        rss_feed(server.url, [(p, p.rsplit("/", 1)[-1].replace("-", " "), DAY) for p in paths]),
        content_type="application/rss+xml",
        etag=f'"{len(paths)}-{hash(tuple(paths))}"',
    )


def _page(server: LocalServer, path: str, title: str, text: str, **options: object) -> bytes:
    body = article_page(title, text)
    server.set(path, body, **options)  # type: ignore[arg-type]
    return body.encode("utf-8")


def test_new_items_are_fetched_once_and_an_unchanged_feed_answers_304(
    server: LocalServer, ledger: SQLiteLedger
) -> None:
    _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS, etag='"a1"')
    _page(server, "/world/bridge", "Iron Bridge reopens", BRIDGE, etag='"b1"')
    _feed(server, ["/world/launchers", "/world/bridge"])
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"), recheck_for=0.0)
    first = watcher.poll(force=True)
    assert (first.new, first.fetched, first.failed) == (2, 2, 0)
    assert first.extracted == 2 and first.linked == 2
    # a new item appears: only it is fetched
    _page(server, "/world/harbour", "Patrol boats in Serin", HARBOUR)
    _feed(server, ["/world/harbour", "/world/launchers", "/world/bridge"])
    second = watcher.poll(force=True)
    assert (second.new, second.fetched) == (1, 1)
    # nothing changed: the feed answers 304 and no page is asked for
    third = watcher.poll(force=True)
    assert (third.new, third.fetched, third.not_modified) == (0, 0, 0)
    assert server.gets("/feed.xml", conditional=True) >= 2
    assert server.gets("/world/launchers") == 1 and server.gets("/world/harbour") == 1
    assert ledger.count_articles() == 3
    state = ledger.watch_source(server.url + "/feed.xml")
    assert state is not None and state["last_status"] == "not modified" and state["errors"] == 0
    watcher.close()


def test_an_edited_article_becomes_a_revision_with_its_bytes_and_the_changed_figure(
    server: LocalServer, ledger: SQLiteLedger
) -> None:
    first_bytes = _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS, etag='"v1"')
    _page(server, "/world/bridge", "Iron Bridge reopens", BRIDGE)
    _feed(server, ["/world/launchers", "/world/bridge"])
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    watcher.poll(force=True)
    article_id = ledger.watch_item(server.url + "/world/launchers")["article_id"]  # type: ignore[index]
    before = ledger.get_extraction(article_id)
    assert before is not None
    # unchanged page: a conditional request answered 304, no revision
    assert watcher.poll(force=True).not_modified == 2 - 1  # the bridge page has no validator: fetched again
    second_bytes = _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS_REVISED, etag='"v2"')
    summary = watcher.poll(force=True)
    assert summary.revised == 1 and summary.new == 0
    assert ledger.count_articles() == 2  # a revision, not a new article
    chain = ledger.revisions(article_id, raw=True)
    assert [r.number for r in chain] == [1, 2]
    assert chain[0].raw == first_bytes and chain[0].sha256 == hashlib.sha256(first_bytes).hexdigest()
    assert chain[1].raw == second_bytes and chain[1].sha256 == hashlib.sha256(second_bytes).hexdigest()
    article = ledger.get_article(article_id)
    assert article is not None and "about 200 rocket launchers" in article.text
    # the findings are of the current text; the old ones are kept with revision 1
    after = ledger.get_extraction(article_id)
    assert after is not None and after != before
    assert chain[0].findings == before
    figure = next(c for c in chain[1].changes or () if c["kind"] == "figure")
    assert figure["message"] == "figure changed from 250 to 200 in revision 2"
    claim = figure["claim"]
    assert article.text[claim["start"] : claim["end"]] == claim["text"]
    assert "about 200 rocket launchers" in claim["text"]
    # relinked: no link points outside the new text, and nothing waits to be relinked
    for link in ledger.iter_links(article_id=article_id):
        end = link["a"] if link["a"]["article_id"] == article_id else link["b"]
        assert end["end"] <= len(article.text)
    assert ledger.pending_relinks() == []
    assert ledger.unlinked_extractions(LinkOptions().fingerprint()) == []
    watcher.close()


def test_the_same_text_from_a_file_is_one_more_sighting_of_the_revised_article(
    server: LocalServer, ledger: SQLiteLedger, tmp_path: Path
) -> None:
    from crosswire.ingest import ingest

    _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS)
    _feed(server, ["/world/launchers"])
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    watcher.poll(force=True)
    _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS_REVISED)
    watcher.poll(force=True)
    saved = tmp_path / "copy.txt"
    saved.write_text(LAUNCHERS_REVISED, encoding="utf-8")
    summary = ingest([str(saved)], ledger)
    assert (summary.ingested, summary.duplicates) == (0, 1)
    assert ledger.count_articles() == 1
    watcher.close()


def test_errors_slow_pages_redirects_and_robots_are_handled_and_logged(
    server: LocalServer, ledger: SQLiteLedger, caplog: pytest.LogCaptureFixture
) -> None:
    _page(server, "/world/launchers", "Varnia moves launchers", LAUNCHERS)
    server.set("/world/broken", "oops", status=500, content_type="text/plain")
    server.set("/world/gone", "gone", status=404, content_type="text/plain")
    _page(server, "/world/slow", "Patrol boats in Serin", HARBOUR, delay=3.0)
    server.set("/world/old-address", status=301, location="/world/new-address")
    _page(server, "/world/new-address", "Orvik turnout", ELECTION)
    _page(server, "/private/memo", "Fuel reserve", FUEL)
    _feed(
        server,
        ["/world/launchers", "/world/broken", "/world/gone", "/world/slow", "/world/old-address", "/private/memo"],
    )
    watcher = make_watcher(ledger, Source(server.url + "/feed.xml"))
    with caplog.at_level(logging.WARNING, logger="crosswire.watch"):
        summary = watcher.poll(force=True)
    assert summary.new == 2  # the article and the redirected one
    assert summary.failed == 4
    messages = "\n".join(r.getMessage() for r in caplog.records)
    assert f"page {server.url}/world/broken: HTTP status 500 (after 2 tries); asking again later" in messages
    assert f"page {server.url}/world/gone: HTTP status 404; given up" in messages
    assert f"page {server.url}/world/slow: timed out after 2s" in messages
    assert f"page {server.url}/private/memo: disallowed by robots.txt" in messages
    assert server.gets("/private/memo") == 0
    assert server.gets("/world/broken") == 2  # the first try and one retry
    broken = ledger.watch_item(server.url + "/world/broken")
    assert broken is not None and broken["state"] == "pending" and broken["attempts"] == 1
    assert broken["next_check"] > broken["first_seen"]  # asked again later, not at once
    gone = ledger.watch_item(server.url + "/world/gone")
    assert gone is not None and gone["state"] == "failed" and gone["next_check"] is None
    moved = ledger.get_article(ledger.watch_item(server.url + "/world/old-address")["article_id"])  # type: ignore[index]
    assert moved is not None and moved.url == server.url + "/world/new-address"
    assert moved.sightings[0].source == server.url + "/world/old-address"
    watcher.close()


def test_a_malformed_feed_is_an_error_of_that_source_only(
    server: LocalServer, ledger: SQLiteLedger, caplog: pytest.LogCaptureFixture
) -> None:
    server.set("/bad.xml", "<rss><channel><item><title>cut off", content_type="application/rss+xml")
    server.set("/down.xml", "", status=503, content_type="text/plain")
    _page(server, "/world/bridge", "Iron Bridge reopens", BRIDGE)
    _feed(server, ["/world/bridge"])
    watcher = make_watcher(
        ledger, Source(server.url + "/bad.xml"), Source(server.url + "/down.xml"), Source(server.url + "/feed.xml")
    )
    with caplog.at_level(logging.WARNING, logger="crosswire.watch"):
        summary = watcher.poll(force=True)
    assert summary.new == 1
    assert len(summary.errors) == 2
    bad = ledger.watch_source(server.url + "/bad.xml")
    assert bad is not None and bad["errors"] == 1 and bad["last_error"].startswith("not a well-formed feed")
    down = ledger.watch_source(server.url + "/down.xml")
    assert down is not None and down["last_error"] == "HTTP status 503"
    assert any("source " + server.url + "/bad.xml" in r.getMessage() for r in caplog.records)
    watcher.poll(force=True)
    bad = ledger.watch_source(server.url + "/bad.xml")
    assert bad is not None and bad["errors"] == 2  # errors in a row
    watcher.close()


def test_sitemaps_and_sitemap_indexes(server: LocalServer, ledger: SQLiteLedger) -> None:
    _page(server, "/a/launchers", "Varnia moves launchers", LAUNCHERS)
    _page(server, "/a/bridge", "Iron Bridge reopens", BRIDGE)
    server.set("/sitemap-1.xml", sitemap(server.url, [("/a/launchers", "2025-03-04")]), content_type="application/xml")
    server.set("/sitemap-2.xml", sitemap(server.url, [("/a/bridge", "2025-03-05")]), content_type="application/xml")
    server.set(
        "/sitemap.xml",
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{server.url}/sitemap-1.xml</loc></sitemap><sitemap><loc>/sitemap-2.xml</loc></sitemap>"
        "</sitemapindex>",
        content_type="application/xml",
    )
    watcher = make_watcher(ledger, Source(server.url + "/sitemap.xml"), recheck_for=0.0)
    assert watcher.poll(force=True).new == 2
    # a new lastmod makes the page due again: the edit becomes a revision
    _page(server, "/a/launchers", "Varnia moves launchers", LAUNCHERS_REVISED)
    server.set("/sitemap-1.xml", sitemap(server.url, [("/a/launchers", "2025-03-06")]), content_type="application/xml")
    summary = watcher.poll(force=True)
    assert (summary.revised, summary.fetched) == (1, 1)
    watcher.close()


def test_a_folder_source_reads_new_files_and_edits_become_revisions(ledger: SQLiteLedger, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    watcher = make_watcher(ledger, Source(str(inbox), kind="folder"))
    assert watcher.poll(force=True).new == 1
    assert watcher.poll(force=True).fetched == 0  # unchanged files are not read again
    (inbox / "fuel.md").write_text("---\ntitle: Fuel reserve\n---\n\n" + FUEL, encoding="utf-8")
    (inbox / "bridge.txt").write_text(BRIDGE.replace("4 million crowns", "5 million crowns"), encoding="utf-8")
    summary = watcher.poll(force=True)
    assert (summary.new, summary.revised) == (1, 1)
    assert ledger.count_articles() == 2
    bridge = ledger.watch_item((inbox / "bridge.txt").resolve().as_uri())
    assert bridge is not None
    changes = ledger.revisions(bridge["article_id"])[-1].changes or []
    assert any(c["message"] == "figure changed from 4,000,000 to 5,000,000 in revision 2" for c in changes), changes
    watcher.close()


def test_a_source_without_pages_stores_each_entrys_own_text(server: LocalServer, ledger: SQLiteLedger) -> None:
    server.set(
        "/full.xml",
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Turnout</title><link>{server.url}/e/1</link><description>{ELECTION}</description></item>
<item><title>Fuel</title><link>{server.url}/e/2</link><description>{FUEL}</description></item>
</channel></rss>""",
        content_type="application/rss+xml",
    )
    watcher = make_watcher(ledger, Source(server.url + "/full.xml", pages=False))
    assert watcher.poll(force=True).new == 2
    assert server.gets("/e/1") == 0
    assert watcher.poll(force=True).new == 0
    assert ledger.count_articles() == 2
    watcher.close()

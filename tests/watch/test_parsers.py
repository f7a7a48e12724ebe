"""The watch's parsers: listings (feeds, sitemaps), durations, the TOML watch file, diffs (Hypothesis too)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.errors import InputError, OptionError
from crosswire.watch import load_config, parse_duration, read_listing, source_from_argument
from crosswire.watch.revisions import diff_rows, finding_changes, unified_diff
from tests.watch.corpus import HARBOUR, LAUNCHERS, LAUNCHERS_REVISED

BASE = "https://harbourtimes.example/world/"


def test_a_feed_lists_its_entries_with_absolute_addresses_and_markers() -> None:
    feed = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Times</title>
<entry><title>Launchers</title><link href="/2025/launchers"/><id>tag:1</id><updated>2025-03-04T08:00:00Z</updated>
<summary>Varnia moved launchers.</summary></entry>
<entry><title>No link</title><id>urn:uuid:1</id></entry>
<entry><title>Bridge</title><link href="https://harbourtimes.example/2025/bridge#top"/><id>tag:2</id></entry>
</feed>"""
    listing = read_listing(feed, BASE)
    assert listing.kind == "feed" and listing.title == "Harbour Times"
    assert [i.url for i in listing.items] == [
        "https://harbourtimes.example/2025/launchers",
        "https://harbourtimes.example/2025/bridge",
    ]
    assert listing.skipped == 1
    first = listing.items[0]
    assert first.title == "Launchers" and first.published == "2025-03-04T08:00:00Z"
    edited = read_listing(feed.replace(b"moved launchers", b"moved 200 launchers"), BASE)
    assert edited.items[0].marker != first.marker  # the entry's text changed
    assert edited.items[1].marker == listing.items[1].marker


def test_sitemaps_news_sitemaps_and_indexes() -> None:
    news = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://harbourtimes.example/a</loc><news:news><news:publication_date>2025-03-04T08:00:00Z</news:publication_date>
<news:title>Launchers</news:title></news:news></url>
<url><loc>javascript:alert(1)</loc></url>
<url><loc>/b</loc><lastmod>2025-03-05</lastmod></url></urlset>"""
    listing = read_listing(news, BASE)
    assert listing.kind == "sitemap"
    assert [(i.url, i.marker, i.title) for i in listing.items] == [
        ("https://harbourtimes.example/a", "2025-03-04T08:00:00Z", "Launchers"),
        ("https://harbourtimes.example/b", "2025-03-05", None),
    ]
    assert listing.skipped == 1
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://harbourtimes.example/s1.xml</loc></sitemap><sitemap><loc>s2.xml</loc></sitemap></sitemapindex>"""
    assert read_listing(index, BASE).sitemaps == (
        "https://harbourtimes.example/s1.xml",
        "https://harbourtimes.example/world/s2.xml",
    )


def test_what_is_no_listing_is_an_input_error_naming_the_source() -> None:
    with pytest.raises(InputError, match=r"^feed\.xml: empty response"):
        read_listing(b"  ", BASE, label="feed.xml")
    with pytest.raises(InputError, match="sitemap is not well-formed XML"):
        read_listing(b"<urlset><url><loc>x</loc>", BASE)
    with pytest.raises(InputError, match="neither a feed nor a sitemap"):
        read_listing(b"<html><body>Just a page</body></html>", BASE)
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&lol2;</loc></url></urlset>"""
    listing = read_listing(bomb, BASE)  # entities are not expanded
    assert all("lollol" not in i.url for i in listing.items)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=400).map(lambda t: ("<rss><channel><item>" + t).encode()))
def test_read_listing_never_fails_but_with_an_input_error(data: bytes) -> None:
    try:
        listing = read_listing(data, BASE)
    except InputError as exc:
        assert exc.source == BASE and exc.reason
        return
    for item in listing.items:
        parts = urlsplit(item.url)
        assert parts.scheme in ("http", "https") and parts.netloc and not parts.fragment


def test_durations() -> None:
    assert parse_duration("90", "x") == 90.0
    assert parse_duration("250ms", "x") == 0.25
    assert parse_duration("5m", "x") == 300.0
    assert parse_duration("1.5h", "x") == 5400.0
    assert parse_duration(" 2D ", "x") == 172800.0
    assert parse_duration(3, "x") == 3.0
    for bad in ("", "soon", "-1s", "5 weeks", True, "400d"):
        with pytest.raises(OptionError, match=r"^--interval: "):
            parse_duration(bad, "--interval")


@given(st.text(max_size=20) | st.floats() | st.integers())
def test_parse_duration_gives_seconds_or_an_option_error(value: object) -> None:
    try:
        seconds = parse_duration(value, "--delay")
    except OptionError as exc:
        assert str(exc).startswith("--delay: ")
        return
    assert 0 <= seconds <= 365 * 86400


def test_the_watch_file(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "crosswire-watch.toml"
    config.write_text(
        'interval = "5m"\ndelay = "2s"\nwebhook = "http://127.0.0.1:9/hook"\n\n'
        '[[source]]\nurl = "https://harbourtimes.example/rss.xml"\ninterval = "1m"\n\n'
        '[[source]]\nurl = "https://harbourtimes.example/sitemap.xml"\nkind = "sitemap"\n\n'
        '[[source]]\nfolder = "inbox"\n',
        encoding="utf-8",
    )
    loaded = load_config(config)
    assert [(s.kind, s.interval) for s in loaded.sources] == [("auto", 60.0), ("sitemap", 300.0), ("folder", 300.0)]
    assert loaded.sources[2].location == str((tmp_path / "inbox").resolve())
    assert loaded.settings == {"interval": "5m", "delay": "2s", "webhook": "http://127.0.0.1:9/hook"}
    problems = {
        'intervall = "5m"': "unknown setting 'intervall'",
        "[[source]]\nurl = 3": "source 1: url '3' is not an http or https address",
        '[[source]]\nurl = "ftp://x.example/feed"': "is not an http or https address",
        '[[source]]\nfolder = "missing"': "source 1: folder 'missing' does not exist",
        '[[source]]\nurl = "https://x.example"\nfolder = "inbox"': "give exactly one of url or folder",
        '[[source]]\nurl = "https://x.example"\ncolour = 1': "unknown field 'colour'",
        '[[source]]\nurl = "https://x.example"\ninterval = "often"': "source 1: interval: 'often' is not a duration",
        "interval = ": "not valid TOML",
    }
    for text, message in problems.items():
        config.write_text(text, encoding="utf-8")
        with pytest.raises(OptionError, match=message):
            load_config(config)
    with pytest.raises(OptionError, match="no such watch file"):
        load_config(tmp_path / "absent.toml")


def test_sources_from_the_command_line(tmp_path: Path) -> None:
    assert source_from_argument("https://x.example/feed").kind == "auto"
    assert source_from_argument(str(tmp_path)).kind == "folder"
    with pytest.raises(OptionError, match="only http and https"):
        source_from_argument("ftp://x.example/feed")
    with pytest.raises(OptionError, match="nor an existing folder"):
        source_from_argument(str(tmp_path / "absent"))


def test_diffs_mark_the_changed_words() -> None:
    rows = diff_rows(LAUNCHERS, LAUNCHERS_REVISED)
    changed = [row for row in rows if row["op"] == "replace"]
    assert len(changed) == 1
    assert [piece for piece, marked in changed[0]["old"] if marked] == ["some 250 "]
    assert [piece for piece, marked in changed[0]["new"] if marked] == ["about 200 "]
    lines = unified_diff(LAUNCHERS, LAUNCHERS_REVISED, old_label="revision 1", new_label="revision 2")
    assert lines[0] == "--- revision 1" and any(line.startswith("+") and "about 200" in line for line in lines)
    assert all(row["op"] in ("equal", "skip") for row in diff_rows(LAUNCHERS, LAUNCHERS))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["Varnia moved 250 launchers.", "Osterland said so.", "Nobody knows.", "x"]), max_size=8),
    st.lists(st.sampled_from(["Varnia moved 200 launchers.", "Osterland said so.", "Nobody knows."]), max_size=8),
)
def test_a_diff_keeps_every_changed_sentence(old: list[str], new: list[str]) -> None:
    before, after = " ".join(old), " ".join(new)
    rows = diff_rows(before, after, context=100)
    left = " ".join("".join(p for p, _ in row["old"]) for row in rows if row["op"] != "skip").split()
    right = " ".join("".join(p for p, _ in row["new"]) for row in rows if row["op"] != "skip").split()
    assert left == before.split() and right == after.split()
    assert finding_changes(before, {}, after, {}, 2) == []  # no findings, nothing to flag


def test_a_rewritten_quote_a_reworded_claim_and_a_sentence_replaced_are_each_reported() -> None:
    from crosswire.extract import extract
    from crosswire.model import Article

    before = Article.create(HARBOUR, source="a")
    after = Article.create(
        HARBOUR.replace("They turned back when", "They turned back only when").replace(
            "Fishing crews in Serin said about 40 boats stayed in port as a precaution.",
            "Varnia's navy said its boats had kept to their patrol routes.",
        ),
        source="a",
    )
    changes = finding_changes(before.text, extract(before).findings(), after.text, extract(after).findings(), 3)
    found = {(c["kind"], c["before"], c["after"]) for c in changes}
    assert (
        "quote",
        "They turned back when our frigate arrived,",
        "They turned back only when our frigate arrived,",
    ) in found
    assert any(kind == "claim_removed" and "about 40 boats" in (old or "") for kind, old, _ in found)
    assert any(kind == "claim_added" for kind, _, _ in found)
    assert all(c["revision"] == 3 and c["message"].endswith("in revision 3") for c in changes)
    for change in changes:  # every span is in its own revision's text
        if change["new"]:
            assert after.text[change["new"]["start"] : change["new"]["end"]] == change["after"]
        if change["old"]:
            assert before.text[change["old"]["start"] : change["old"]["end"]] == change["before"]

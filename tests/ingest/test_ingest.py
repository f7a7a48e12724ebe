"""Ingest from every input format, from real files the tests write."""

from __future__ import annotations

import gzip
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crosswire.ingest import IngestOptions, ingest, iter_articles
from crosswire.ingest.problems import Problem
from crosswire.ledger import Ledger
from crosswire.model import Article

BODY = (
    "Varnian forces moved some 250 rocket launchers toward the Osterland border on Sunday night, "
    "according to officials in Halvik.\n\nThe defence staff said the deployment was being watched closely."
)
OTHER = "Halvik's new river bridge opened to traffic on Saturday after three years of building work."


def articles_and_problems(paths: list[Path], **options: object) -> tuple[list[Article], list[Problem]]:
    found = list(iter_articles([str(p) for p in paths], IngestOptions(**options)))  # type: ignore[arg-type]
    return [a for a in found if isinstance(a, Article)], [p for p in found if isinstance(p, Problem)]


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Launchers reach the border\noutlet: Harbour Times\nurl: https://harbour.example/a\n"
        "published: 2024-11-04T09:30:00+00:00\nbyline: Mara Quist\n---\n" + BODY + "\n",
        encoding="utf-8",
    )
    [article], problems = articles_and_problems([path])
    assert problems == []
    assert article.title == "Launchers reach the border"
    assert article.outlet == "Harbour Times"
    assert article.url == "https://harbour.example/a"
    assert article.byline == "Mara Quist"
    assert article.published == datetime(2024, 11, 4, 9, 30, tzinfo=UTC)
    assert article.text == BODY
    assert article.source == str(path)


def test_plain_text_headline_and_no_date(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Bridge opens in Halvik\n\n" + OTHER + "\n", encoding="utf-8")
    [article], _ = articles_and_problems([path])
    assert article.title == "Bridge opens in Halvik"
    assert article.text == OTHER
    assert article.published is None  # never guessed


def test_published_and_outlet_options_fill_only_gaps(tmp_path: Path) -> None:
    bare = tmp_path / "bare.txt"
    bare.write_text(OTHER, encoding="utf-8")
    dated = tmp_path / "dated.md"
    dated.write_text("---\npublished: 2024-11-02\noutlet: Meridian Daily\n---\n" + BODY, encoding="utf-8")
    found, _ = articles_and_problems([bare, dated], published=date(2024, 11, 10), outlet="Wire Desk")
    by_text = {a.text: a for a in found}
    assert by_text[OTHER].published == date(2024, 11, 10)
    assert by_text[OTHER].outlet == "Wire Desk"
    assert by_text[BODY].published == date(2024, 11, 2)
    assert by_text[BODY].outlet == "Meridian Daily"


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = (
        "<!doctype html><html><head><title>Launchers reach the border | Frontier Review</title>"
        '<meta property="og:site_name" content="Frontier Review">'
        '<meta name="author" content="Ivo Marek">'
        '<meta property="article:published_time" content="2024-11-05T07:15:00+00:00"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Launchers reach the border</h1>{paragraphs}</article>"
        "<footer>Subscribe to our newsletter. All rights reserved.</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article], problems = articles_and_problems([path])
    assert [p for p in problems if p.severity == "error"] == []
    assert "some 250 rocket launchers" in article.text
    assert "newsletter" not in article.text and "Home" not in article.text
    assert article.outlet == "Frontier Review"
    assert article.byline == "Ivo Marek"
    assert article.published == datetime(2024, 11, 5, 7, 15, tzinfo=UTC)


def test_html_without_main_text_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    found, problems = articles_and_problems([path])
    assert found == []
    assert [(p.source, p.reason) for p in problems] == [(str(path), "no main text found in the HTML page")]


def test_json_lines_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    lines = [
        json.dumps({"id": "w-1", "title": "Launchers", "text": BODY, "published": "2024-11-04", "outlet": "CPA"}),
        "{not json",
        json.dumps({"id": "w-3", "body": OTHER, "source": {"name": "Radio Halvik"}, "date": "Nov. 3, 2024"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, problems = articles_and_problems([path])
    assert [a.source for a in found] == [f"{path}#w-1", f"{path}#w-3"]
    assert found[1].outlet == "Radio Halvik"
    assert found[1].published == date(2024, 11, 3)
    [problem] = problems
    assert problem.line == 2 and problem.source == str(path) and "invalid JSON" in problem.reason


def test_json_array_and_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"items": [{"story": BODY, "headline": "H", "when": "2024-11-04"}]}), encoding="utf-8")
    [article], problems = articles_and_problems([path], fields={"text": "story", "published": "when"})
    assert problems == []
    assert article.text == BODY and article.title == "H" and article.published == date(2024, 11, 4)
    assert article.source == f"{path}#1"


def test_csv_records_use_id_else_line_number(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        f'id,title,text,outlet\nc1,Launchers,"{BODY}",CPA\n,Bridge,"{OTHER}",Radio Halvik\n,Empty,,Nobody\n',
        encoding="utf-8",
    )
    found, problems = articles_and_problems([path])
    assert found[0].source == f"{path}#c1"
    assert found[1].source.startswith(f"{path}#") and found[1].outlet == "Radio Halvik"
    assert len(problems) == 1 and "no text" in problems[0].reason


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    rss = tmp_path / "feed.rss"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Northgate Post</title>'
        "<item><title>Launchers</title><link>https://northgate.example/1</link>"
        "<pubDate>Mon, 04 Nov 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{BODY.split(chr(10))[0]}</p>"
        "<p>Second <b>paragraph</b>.</p><script>x()</script>]]>"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian</title>'
        "<entry><title>Bridge</title><link href='https://meridian.example/b'/><id>urn:b</id>"
        f"<updated>2024-11-02T08:00:00Z</updated><content type='html'>&lt;p&gt;{OTHER}&lt;/p&gt;</content>"
        "</entry></feed>",
        encoding="utf-8",
    )
    found, problems = articles_and_problems([rss, atom])
    assert problems == []
    first, second = found
    assert first.outlet == "Northgate Post" and first.url == "https://northgate.example/1"
    assert first.published == datetime(2024, 11, 4, 10, 0, tzinfo=UTC)
    assert first.text.endswith("Second paragraph.") and "x()" not in first.text
    assert first.source == f"{rss}#https://northgate.example/1"
    assert second.outlet == "Meridian" and second.text == OTHER


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    found, problems = articles_and_problems([path])
    assert found == [] and problems[0].reason == "feed has no entries"


def _warc(path: Path, pages: dict[str, str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for uri, html in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("name", ["archive.warc", "archive.warc.gz"])
def test_warc_archives(tmp_path: Path, name: str) -> None:
    html = "<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>{}</article></body></html>"
    pages = {
        "https://halvik.example/bridge": html.format(f"<p>{OTHER}</p><p>{OTHER.upper()}</p>"),
        "https://harbour.example/launchers": html.format("".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))),
    }
    path = tmp_path / name
    _warc(path, pages)
    found, problems = articles_and_problems([path])
    assert [p for p in problems if p.severity == "error"] == []
    assert sorted(a.url for a in found) == sorted(pages)
    assert {a.source for a in found} == {f"{path}#{uri}" for uri in pages}


def test_gzip_stdin_globs_and_folders(tmp_path: Path) -> None:
    folder = tmp_path / "in" / "deeper"
    folder.mkdir(parents=True)
    (folder / "one.txt.gz").write_bytes(gzip.compress(OTHER.encode()))
    (tmp_path / "in" / "two.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "in" / ".hidden.txt").write_text("hidden files are passed over", encoding="utf-8")
    found, _ = articles_and_problems([tmp_path / "in"])
    assert sorted(a.text for a in found) == sorted([OTHER, BODY])
    globbed = list(iter_articles([str(tmp_path / "in" / "**" / "*.gz")]))
    assert [a.text for a in globbed if isinstance(a, Article)] == [OTHER]
    piped = list(iter_articles(["-"], stdin=io.BytesIO(OTHER.encode())))
    assert [(a.source, a.text) for a in piped if isinstance(a, Article)] == [("<stdin>", OTHER)]


def test_bad_inputs_each_get_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners in Halvik reopened on Monday.".encode("latin-1"))
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"text": "unfinished', encoding="utf-8")
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8bnot really gzip")
    unreadable = tmp_path / "locked.txt"
    unreadable.write_text(OTHER, encoding="utf-8")
    unreadable.chmod(0)
    try:
        found, problems = articles_and_problems([tmp_path, tmp_path / "missing.txt"], max_bytes=1000)
    finally:
        unreadable.chmod(0o644)
    reasons = {Path(p.source).name: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["latin1.txt"].startswith("not UTF-8 (invalid UTF-8 at byte 3); read as ")
    assert any(a.text.startswith("Café owners") for a in found)  # detected, not replaced
    assert "over the size limit" in reasons["big.txt"]
    assert reasons["broken.json"].startswith("invalid JSON")
    assert reasons["bad.txt.gz"].startswith("not a valid gzip file")
    assert reasons["missing.txt"] == "no such file or folder"
    import os

    if os.geteuid() != 0:  # root reads everything
        assert reasons["locked.txt"] == "permission denied"
    texts = [a.text for a in found]
    assert "Café owners in Halvik reopened on Monday." in texts


def test_ingest_stores_once_and_counts(tmp_path: Path, ledger: Ledger) -> None:
    (tmp_path / "a.md").write_text("---\noutlet: CPA\n---\n" + BODY, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(BODY.replace("\n\n", "\n\n\n"), encoding="utf-8")  # same normalised text
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    summary = ingest([str(tmp_path)], ledger)
    assert (summary.ingested, summary.duplicates, summary.skipped) == (2, 1, 1)
    assert ledger.count_articles() == 2
    again = ingest([str(tmp_path)], ledger)
    assert (again.ingested, again.duplicates, again.skipped) == (0, 3, 1)
    assert ledger.count_articles() == 2
    [stored] = [a for a in ledger.iter_articles() if a.text == BODY]
    assert sorted(s.source for s in stored.sightings) == sorted([str(tmp_path / "a.md"), str(tmp_path / "copy.txt")])


def test_nothing_readable_is_not_ok(tmp_path: Path, ledger: Ledger) -> None:
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    summary = ingest([str(tmp_path / "junk.json")], ledger)
    assert not summary.ok and summary.skipped == 1


def test_an_unterminated_quote_at_the_end_of_a_csv_is_warned_about() -> None:
    from crosswire.ingest.inputs import InputFile
    from crosswire.ingest.readers import read_articles

    data = b'title,text\na,"one"\nb,"two\nc,three\n'
    found = list(read_articles(InputFile("e.csv"), data))
    assert [str(p) for p in found if isinstance(p, Problem)] == [
        "warning: e.csv:3: unterminated quote: the record of line 3 runs to the end of the file "
        "(2 lines read as one record)"
    ]

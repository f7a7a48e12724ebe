"""Hostile inputs: each one run beside three good articles under a watchdog, one line per case.

``crosswire bench hostile [FOLDER]`` writes a corpus of hostile and odd inputs into ``FOLDER`` (a
temporary folder by default), then runs ``crosswire run BAD GOOD1 GOOD2 GOOD3`` once per case in a
fresh ledger, as a new user would, and reports per case: whether a traceback was printed, the
time, the peak memory, how many of the three good articles were stored, and whether a line of the
output names the bad input. A case passes when there is no traceback, all three good articles
are stored, and it took at most :data:`TIME_TARGET` seconds of processor time (the run and its
workers; wall time is shown too, but on a shared machine it measures the neighbours) and
:data:`MEMORY_TARGET` MB.

The watchdog stops a case after ``--timeout`` seconds or when it holds more than
:data:`MEMORY_KILL` MB, so a hang or a memory bomb costs one line of the table, not the machine.

Run as a module to test another build of crosswire (the children run with ``--pythonpath``)::

    python -m crosswire.bench.hostile /tmp/hostile --pythonpath /tmp/older/src
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["CASES", "CaseResult", "render", "run_cases", "score", "write_case"]

TIME_TARGET = 10.0
MEMORY_TARGET = 500
MEMORY_KILL = 2500
GOOD_NAMES = ("harbour-times-launchers.md", "meridian-daily-launchers.md", "halvik-bridge.txt")
"""The good articles, from the built-in sample corpus."""

Builder = Callable[[Path], list[str]]
CASES: dict[str, tuple[str, Builder]] = {}
"""Every case: name -> (what it is, a function writing it into a folder and returning its arguments)."""


def case(name: str, about: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        CASES[name] = (about, builder)
        return builder

    return register


def _file(folder: Path, name: str, data: bytes | str) -> list[str]:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [str(path)]


ARTICLE = (
    "Officials in the border town of Varel said on Monday that about 250 troops had arrived, "
    'and a ministry spokesperson, Tomas Greve, said "the situation is calm".'
)


def _front(meta: str, body: str = ARTICLE) -> str:
    return f"---\n{meta}\n---\n{body}\n"


def _html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>Varel</title>{head}</head><body>{body}</body></html>"


def _rss(items: str, extra: str = "") -> str:
    return f'<?xml version="1.0"?>{extra}<rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'


def _item(description: str, extra: str = "") -> str:
    return f"<item><title>Varel</title><link>https://x.example/a</link>{extra}<description>{description}</description></item>"


def _warc_record(uri: str, payload: bytes, *, length: int | None = None, status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html\r\n\r\n".encode() + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-04T09:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) if length is None else length}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _page() -> bytes:
    return _html(f"<article><p>{ARTICLE}</p><p>{ARTICLE}</p></article>").encode()


def _deflate_bomb(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes (about 1/1000 of that compressed)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(size >> 20)]
    parts.append(packer.flush())
    return b"".join(parts)


# --- paths and files --------------------------------------------------------------------------------


@case("fifo-argument", "a FIFO (named pipe) given as an argument")
def _fifo(folder: Path) -> list[str]:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return [str(path)]


@case("fifo-in-folder", "a folder holding a FIFO and a good file")
def _fifo_folder(folder: Path) -> list[str]:
    inner = folder / "with-pipe"
    inner.mkdir()
    os.mkfifo(inner / "pipe.txt")
    (inner / "fine.txt").write_text("Rescue teams reached Brask on Wednesday, the council said in a statement.")
    return [str(inner)]


@case("dev-zero-link", "a symbolic link to /dev/zero given as an argument")
def _dev_zero(folder: Path) -> list[str]:
    (folder / "zero.txt").symlink_to("/dev/zero")
    return [str(folder / "zero.txt")]


@case("dev-urandom-link", "a symbolic link to /dev/urandom given as an argument")
def _dev_urandom(folder: Path) -> list[str]:
    (folder / "random.json").symlink_to("/dev/urandom")
    return [str(folder / "random.json")]


@case("device-argument", "/dev/null itself given as an argument")
def _dev_null(folder: Path) -> list[str]:
    return ["/dev/null"]


@case("socket-argument", "a Unix socket given as an argument")
def _socket(folder: Path) -> list[str]:
    path = folder / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return [str(path)]


@case("symlink-loop", "a symbolic link loop given as an argument")
def _loop(folder: Path) -> list[str]:
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return [str(folder / "a.txt")]


@case("symlink-loop-folder", "a folder whose symbolic link points at itself")
def _loop_folder(folder: Path) -> list[str]:
    inner = folder / "looped"
    inner.mkdir()
    (inner / "self").symlink_to(inner)
    (inner / "fine.txt").write_text("Rescue teams reached Brask on Wednesday, the council said in a statement.")
    return [str(inner)]


@case("dangling-symlink", "a symbolic link to nothing")
def _dangling(folder: Path) -> list[str]:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return [str(folder / "gone.txt")]


@case("unreadable-file", "a file without read permission (root reads it anyway)")
def _unreadable(folder: Path) -> list[str]:
    path = _file(folder, "secret.txt", ARTICLE)
    os.chmod(path[0], 0)
    return path


@case("unreadable-folder", "a folder without permissions holding a file")
def _unreadable_folder(folder: Path) -> list[str]:
    inner = folder / "locked"
    inner.mkdir()
    (inner / "a.txt").write_text(ARTICLE)
    os.chmod(inner, 0)
    return [str(inner)]


@case("folder-named-like-file", "an empty folder named data.json")
def _folder_json(folder: Path) -> list[str]:
    (folder / "data.json").mkdir()
    return [str(folder / "data.json")]


@case("missing-file", "a path that does not exist")
def _missing(folder: Path) -> list[str]:
    return [str(folder / "no-such-file.txt")]


@case("empty-file", "an empty .txt file")
def _empty(folder: Path) -> list[str]:
    return _file(folder, "empty.txt", b"")


@case("empty-json", "an empty .json file")
def _empty_json(folder: Path) -> list[str]:
    return _file(folder, "empty.json", b"")


@case("whitespace-only", "a file of blanks and newlines")
def _blank(folder: Path) -> list[str]:
    return _file(folder, "blank.txt", " \n\t\n" * 1000)


@case("over-size-limit", "a 60 MB sparse file (over the 50 MB limit)")
def _sparse(folder: Path) -> list[str]:
    path = folder / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)
    return [str(path)]


@case("deep-folders", "a file 200 folders deep")
def _deep_folders(folder: Path) -> list[str]:
    inner = folder / "deep"
    path = inner
    for _ in range(200):
        path = path / "d"
    path.mkdir(parents=True)
    (path / "a.txt").write_text(ARTICLE)
    return [str(inner)]


@case("odd-file-name", "a file name with a newline, a tab and an emoji")
def _odd_name(folder: Path) -> list[str]:
    return _file(folder, "odd\nname\t\U0001f4f0.txt", ARTICLE)


# --- bytes and encodings ----------------------------------------------------------------------------


@case("binary-junk", "random bytes named .txt")
def _junk(folder: Path) -> list[str]:
    return _file(folder, "junk.txt", os.urandom(200_000))


@case("binary-json", "random bytes named .json")
def _junk_json(folder: Path) -> list[str]:
    return _file(folder, "junk.json", os.urandom(50_000))


@case("png-as-html", "a PNG header named .html")
def _png(folder: Path) -> list[str]:
    return _file(folder, "image.html", b"\x89PNG\r\n\x1a\n" + os.urandom(5000))


@case("elf-no-suffix", "a program (ELF) without a suffix")
def _elf(folder: Path) -> list[str]:
    return _file(folder, "program", Path(sys.executable).resolve().read_bytes()[:300_000])


@case("invalid-utf8", "UTF-8 text with invalid bytes")
def _bad_utf8(folder: Path) -> list[str]:
    return _file(folder, "bad.txt", ARTICLE.encode() + b"\xff\xfe\xc3(" + ARTICLE.encode())


@case("latin-1", "Latin-1 text (accented names)")
def _latin1(folder: Path) -> list[str]:
    text = "Le maire de Bréval, José Müller, a déclaré lundi que 250 soldats étaient arrivés à Varel. " * 3
    return _file(folder, "latin1.txt", text.encode("latin-1"))


@case("windows-1252", "Windows-1252 text with curly quotes and dashes")
def _cp1252(folder: Path) -> list[str]:
    text = (
        "The mayor said \u201cthe bridge is closed\u201d \u2013 and 250 homes were evacuated in Varel on Monday. " * 3
    )
    return _file(folder, "cp1252.txt", text.encode("cp1252"))


@case("cp1251", "Cyrillic text in Windows-1251")
def _cp1251(folder: Path) -> list[str]:
    text = "Мэр города Варель заявил в понедельник, что около 250 военных прибыли в город. " * 3
    return _file(folder, "cp1251.txt", text.encode("cp1251"))


@case("shift-jis", "Japanese text in Shift JIS")
def _sjis(folder: Path) -> list[str]:
    text = "バレル市の市長は月曜日、約二百五十人の兵士が到着したと述べた。" * 5
    return _file(folder, "sjis.txt", text.encode("shift_jis"))


@case("utf-16-bom", "UTF-16 with a byte order mark")
def _utf16(folder: Path) -> list[str]:
    return _file(folder, "utf16.txt", ARTICLE.encode("utf-16"))


@case("utf-16-no-bom", "UTF-16 little-endian without a byte order mark")
def _utf16_nobom(folder: Path) -> list[str]:
    return _file(folder, "utf16le.txt", ARTICLE.encode("utf-16-le"))


@case("utf-32-bom", "UTF-32 with a byte order mark")
def _utf32(folder: Path) -> list[str]:
    return _file(folder, "utf32.txt", ARTICLE.encode("utf-32"))


@case("utf-8-bom", "UTF-8 with a byte order mark")
def _utf8_bom(folder: Path) -> list[str]:
    return _file(folder, "bom.txt", ARTICLE.encode("utf-8-sig"))


@case("nul-bytes", "text with NUL bytes in it")
def _nul(folder: Path) -> list[str]:
    return _file(folder, "nul.txt", ARTICLE.encode() + b"\x00" + ARTICLE.encode())


@case("control-characters", "text full of control characters")
def _controls(folder: Path) -> list[str]:
    return _file(folder, "controls.txt", ARTICLE + "".join(chr(c) for c in range(1, 32)) * 50 + ARTICLE)


@case("carriage-returns", "old Mac line endings (CR only)")
def _cr(folder: Path) -> list[str]:
    return _file(folder, "cr.txt", (ARTICLE + "\r\r") * 5)


@case("combining-marks", "text buried in combining marks and right-to-left overrides")
def _zalgo(folder: Path) -> list[str]:
    return _file(folder, "zalgo.txt", "".join(c + "\u0301\u0334\u202e" for c in ARTICLE) * 20)


@case("one-huge-line", "5 MB of words on one line, no full stop")
def _huge_line(folder: Path) -> list[str]:
    return _file(folder, "line.txt", "troops moved near Varel and " * 180_000)


@case("long-sentence", "one 300 KB sentence of ordinary words")
def _long_sentence(folder: Path) -> list[str]:
    words = "the council said that about 250 homes in Brask were evacuated after the river rose and "
    return _file(folder, "sentence.txt", words * 3400 + "then it stopped.")


@case("punctuation-only", "1 MB of punctuation")
def _punctuation(folder: Path) -> list[str]:
    return _file(folder, "punct.txt", "\"'.,;:!?()[]{}-" * 70_000)


@case("huge-number", "a 310-digit number of troops")
def _huge_number(folder: Path) -> list[str]:
    return _file(folder, "number.txt", f"Officials said {'9' * 310} troops were moved toward Varel on Monday.")


@case("number-5000-digits", "a 5,000-digit number in the text")
def _long_number(folder: Path) -> list[str]:
    return _file(folder, "digits.txt", f"The ministry said {'7' * 5000} days ago about {'8' * 5000}% of homes.")


# --- front matter --------------------------------------------------------------------------------------


@case("yaml-alias-bomb", "front matter with a YAML alias bomb (billion laughs)")
def _alias_bomb(folder: Path) -> list[str]:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return _file(folder, "bomb.md", _front("\n".join(lines) + "\ntitle: *a9"))


@case("yaml-deep-nesting", "front matter nested 20,000 levels deep")
def _yaml_deep(folder: Path) -> list[str]:
    return _file(folder, "deep.md", _front("title: " + "[" * 20_000 + "]" * 20_000))


@case("yaml-bad-timestamp", "front matter published: 2024-11-04 25:00:00")
def _yaml_time(folder: Path) -> list[str]:
    return _file(folder, "time.md", _front("title: Varel\npublished: 2024-11-04 25:00:00"))


@case("yaml-bad-date", "front matter date: 2024-02-30")
def _yaml_date(folder: Path) -> list[str]:
    return _file(folder, "date.md", _front("title: Varel\ndate: 2024-02-30"))


@case("yaml-python-tag", "front matter with a !!python/object tag")
def _yaml_python(folder: Path) -> list[str]:
    return _file(folder, "tag.md", _front("title: !!python/object/apply:os.system ['echo hi']"))


@case("yaml-list", "front matter that is a list")
def _yaml_list(folder: Path) -> list[str]:
    return _file(folder, "list.md", _front("- a\n- b"))


@case("yaml-title-mapping", "a title that is a nested mapping and a date that is a list")
def _yaml_types(folder: Path) -> list[str]:
    return _file(folder, "types.md", _front("title: {a: {b: [1, 2, {c: d}]}}\npublished: [2024, 11, 4]\noutlet: 12"))


@case("unterminated-front-matter", "front matter that never closes")
def _yaml_open(folder: Path) -> list[str]:
    return _file(folder, "open.md", "---\ntitle: Varel\n" + ARTICLE)


@case("front-matter-only", "front matter and no body")
def _yaml_only(folder: Path) -> list[str]:
    return _file(folder, "only.md", "---\ntitle: Varel\n---\n")


# --- HTML ------------------------------------------------------------------------------------------------


@case("html-deep-nesting", "HTML nested 100,000 elements deep")
def _html_deep(folder: Path) -> list[str]:
    return _file(folder, "deep.html", _html("<div>" * 100_000 + f"<p>{ARTICLE}</p>" + "</div>" * 100_000))


@case("html-many-elements", "HTML with 200,000 empty elements")
def _html_wide(folder: Path) -> list[str]:
    return _file(folder, "wide.html", _html("<span></span>" * 200_000 + f"<p>{ARTICLE}</p>"))


@case("html-huge-attribute", "HTML with a 10 MB attribute")
def _html_attribute(folder: Path) -> list[str]:
    return _file(folder, "attr.html", _html(f'<p title="{"x" * 10_000_000}">{ARTICLE}</p>'))


@case("html-broken-tags", "HTML of unclosed and misnested tags")
def _html_broken(folder: Path) -> list[str]:
    return _file(folder, "broken.html", "<html><body><p><b><i>" + ARTICLE + "</p></b><table><td>" * 500 + "<<<>>>")


@case("html-script-only", "an HTML page of scripts and no text")
def _html_script(folder: Path) -> list[str]:
    return _file(folder, "script.html", _html("<script>" + "var a=1;" * 10_000 + "</script>"))


@case("html-latin-1", "an HTML page in Latin-1 with a meta charset")
def _html_latin1(folder: Path) -> list[str]:
    body = f"<article><p>{'Le maire de Bréval a déclaré lundi que 250 soldats étaient arrivés. ' * 4}</p></article>"
    return _file(folder, "latin1.html", _html(body, '<meta charset="iso-8859-1">').encode("latin-1"))


@case("html-entities", "an HTML page of a million character references")
def _html_entities(folder: Path) -> list[str]:
    return _file(folder, "entities.html", _html("<p>" + "&amp;&#x110000;&#0;&bogus;" * 250_000 + "</p>"))


@case("xml-entity-bomb", "an .xml page declaring an entity bomb")
def _xml_bomb(folder: Path) -> list[str]:
    entities = '<!ENTITY a0 "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    return _file(
        folder, "bomb.xml", f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><p>&a9;</p></body></html>'
    )


# --- records ---------------------------------------------------------------------------------------------


def _records(*records: dict[str, Any]) -> str:
    return json.dumps(list(records))


@case("json-deep-nesting", "a JSON document nested 100,000 deep")
def _json_deep(folder: Path) -> list[str]:
    return _file(folder, "deep.json", "[" * 100_000 + "]" * 100_000)


@case("jsonl-deep-nesting", "a JSON Lines line nested 100,000 deep, then a good line")
def _jsonl_deep(folder: Path) -> list[str]:
    good = json.dumps({"text": ARTICLE.replace("Monday", "Tuesday")})
    return _file(folder, "deep.jsonl", '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + good + "\n")


@case("json-title-900-lists", "a record whose title is nested in 900 lists")
def _json_title(folder: Path) -> list[str]:
    return _file(
        folder, "title.json", '[{"text": ' + json.dumps(ARTICLE) + ', "title": ' + "[" * 900 + '"t"' + "]" * 900 + "}]"
    )


@case("json-5000-digit-id", "a record with a 5,000-digit id")
def _json_id(folder: Path) -> list[str]:
    return _file(folder, "id.json", '[{"id": ' + "9" * 5000 + ', "text": ' + json.dumps(ARTICLE) + "}]")


@case("json-huge-float", "a record with published 1e999 and a NaN")
def _json_float(folder: Path) -> list[str]:
    return _file(folder, "float.json", '[{"published": 1e999, "score": NaN, "text": ' + json.dumps(ARTICLE) + "}]")


@case("json-huge-timestamp", "a record with published 10^20")
def _json_timestamp(folder: Path) -> list[str]:
    return _file(folder, "stamp.json", _records({"published": 10**20, "text": ARTICLE}))


@case("json-negative-timestamp", "a record with published -10^15")
def _json_negative(folder: Path) -> list[str]:
    return _file(folder, "negative.json", _records({"published": -(10**15), "text": ARTICLE}))


@case("json-string", "a JSON document that is a string")
def _json_string(folder: Path) -> list[str]:
    return _file(folder, "string.json", json.dumps("just a string"))


@case("json-many-records", "300,000 records without text")
def _json_many(folder: Path) -> list[str]:
    return _file(folder, "many.jsonl", "\n".join(json.dumps({"title": f"note {i}"}) for i in range(300_000)))


@case("json-odd-types", "records whose text is a number, a mapping, a list and null")
def _json_types(folder: Path) -> list[str]:
    return _file(
        folder, "types.json", json.dumps([{"text": 12}, {"text": {"a": 1}}, {"text": [1, [2]]}, {"text": None}])
    )


@case("json-truncated", "a JSON document cut short")
def _json_cut(folder: Path) -> list[str]:
    return _file(folder, "cut.json", _records({"text": ARTICLE}, {"text": ARTICLE})[:-30])


@case("json-lone-surrogate", "a record with a lone surrogate escape")
def _json_surrogate(folder: Path) -> list[str]:
    return _file(folder, "surrogate.json", '[{"text": ' + json.dumps(ARTICLE)[:-1] + '\\ud800", "title": "\\udfff"}]')


@case("json-huge-record", "one record with a 30 MB text")
def _json_huge(folder: Path) -> list[str]:
    return _file(folder, "huge.json", _records({"text": "The council met. " * 1_800_000}))


@case("csv-unterminated-quote", "a CSV whose third row opens a quote and never closes it")
def _csv_quote(folder: Path) -> list[str]:
    quoted = ARTICLE.replace('"', '""')
    rows = ["title,text", f'a,"{quoted}"', f'b,"{quoted.replace("Monday", "Friday")}', f'c,"{quoted}"']
    return _file(folder, "quote.csv", "\n".join(rows) + "\n")


@case("csv-nul-byte", "a CSV with one NUL byte")
def _csv_nul(folder: Path) -> list[str]:
    return _file(folder, "nul.csv", f'title,text\na,"{ARTICLE}"\n'.encode() + b"b,\x00" + ARTICLE.encode() + b"\n")


@case("csv-huge-field", "a CSV with a 40 MB field")
def _csv_huge(folder: Path) -> list[str]:
    return _file(folder, "huge.csv", "title,text\na," + "x" * 40_000_000 + "\n")


@case("csv-no-header", "a CSV of one line")
def _csv_header(folder: Path) -> list[str]:
    return _file(folder, "header.csv", "")


@case("csv-wide-header", "a CSV with 200,000 columns")
def _csv_wide(folder: Path) -> list[str]:
    return _file(folder, "wide.csv", ",".join(f"c{i}" for i in range(200_000)) + "\n" + ",".join(["x"] * 200_000))


@case("csv-ragged", "a CSV whose rows have too many and too few fields")
def _csv_ragged(folder: Path) -> list[str]:
    return _file(folder, "ragged.csv", f"title,text\na,{ARTICLE},x,y,z\nb\n,,,,\n")


# --- feeds -------------------------------------------------------------------------------------------------


@case("rss-bad-character-reference", "an RSS item with &#x110000;")
def _rss_char(folder: Path) -> list[str]:
    return _file(folder, "char.rss", _rss(_item(ARTICLE + " &#x110000;")))


@case("rss-no-links", "RSS items with empty link elements and odd attributes")
def _rss_links(folder: Path) -> list[str]:
    return _file(
        folder,
        "links.rss",
        _rss("<item><link/><link href=''/><guid/><description>" + ARTICLE + "</description></item>"),
    )


@case("rss-entity-bomb", "an RSS feed declaring an entity bomb")
def _rss_bomb(folder: Path) -> list[str]:
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    return _file(folder, "bomb.rss", _rss(_item("&a9;"), f"<!DOCTYPE rss [{entities}]>"))


@case("rss-bad-dates", "RSS items with impossible dates")
def _rss_dates(folder: Path) -> list[str]:
    items = _item(ARTICLE, "<pubDate>Mon, 99 Foo 99999 99:99:99 +9999</pubDate>")
    items += _item(ARTICLE.replace("Monday", "Sunday"), "<pubDate>Sat, 31 Feb 2024 25:61:00 GMT</pubDate>")
    return _file(folder, "dates.rss", _rss(items))


@case("atom-deep-content", "an Atom entry with content nested 50,000 deep")
def _atom_deep(folder: Path) -> list[str]:
    content = "&lt;div&gt;" * 50_000 + ARTICLE
    return _file(
        folder,
        "deep.atom",
        f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>'
        f'<entry><title>V</title><content type="html">{content}</content></entry></feed>',
    )


@case("rss-not-xml", "an .rss file that is not XML")
def _rss_text(folder: Path) -> list[str]:
    return _file(folder, "plain.rss", "this is not a feed at all\n" * 10)


@case("rss-many-empty-items", "an RSS feed of 100,000 items without text")
def _rss_many(folder: Path) -> list[str]:
    return _file(folder, "many.rss", _rss("<item><title>t</title><description></description></item>" * 100_000))


# --- archives ----------------------------------------------------------------------------------------------


@case("warc-huge-content-length", "a WARC record declaring Content-Length 10^20")
def _warc_length(folder: Path) -> list[str]:
    return _file(folder, "length.warc", _warc_record("https://x.example/a", _page(), length=10**20))


@case("warc-gz-bomb", "a .warc.gz record that expands to 5 GB")
def _warc_bomb(folder: Path) -> list[str]:
    size = 5 * 1024**3
    head = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: https://x.example/b\r\n"
        f"Content-Type: text/html\r\nContent-Length: {size}\r\n\r\n"
    ).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(head)]
    chunk = bytes(1 << 20)
    parts.extend(packer.compress(chunk) for _ in range(size >> 20))
    parts.append(packer.flush())
    return _file(folder, "bomb.warc.gz", b"".join(parts))


@case("warc-truncated", "a WARC whose last record is cut short")
def _warc_cut(folder: Path) -> list[str]:
    data = _warc_record("https://x.example/a", _page()) + _warc_record("https://x.example/b", _page() * 2)
    return _file(folder, "cut.warc", data[:-400])


@case("warc-garbage-header", "a WARC whose header lines are garbage")
def _warc_garbage(folder: Path) -> list[str]:
    return _file(folder, "garbage.warc", b"WARC/1.0\r\n\x00\x01: \xff\r\nContent-Length: x\r\n\r\n" + os.urandom(3000))


@case("warc-http-garbage", "a WARC response whose HTTP head is garbage")
def _warc_http(folder: Path) -> list[str]:
    body = b"\x00garbage\r\n\xff\xfe: :\r\n\r\n" + _page()
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/c\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return _file(folder, "http.warc", head + body + b"\r\n\r\n")


@case("warc-error-status", "a WARC whose only page answered HTTP 500")
def _warc_status(folder: Path) -> list[str]:
    return _file(folder, "status.warc", _warc_record("https://x.example/a", _page(), status="500 Server Error"))


@case("gz-text-bomb", "a .txt.gz that expands to 5 GB")
def _gz_bomb(folder: Path) -> list[str]:
    return _file(folder, "bomb.txt.gz", _deflate_bomb(5 * 1024**3))


@case("gz-not-gzip", "a .txt.gz file that is not gzip")
def _gz_fake(folder: Path) -> list[str]:
    return _file(folder, "fake.txt.gz", ARTICLE)


@case("gz-truncated", "a .txt.gz cut short")
def _gz_cut(folder: Path) -> list[str]:
    return _file(folder, "cut.txt.gz", gzip.compress(ARTICLE.encode() * 20)[:-40])


@case("gz-nested", "gzip inside gzip named .json.gz")
def _gz_nested(folder: Path) -> list[str]:
    return _file(folder, "nested.json.gz", gzip.compress(gzip.compress(_records({"text": ARTICLE}).encode())))


@case("zip-as-json", "a zip archive (a 1 GB zip bomb) named .json")
def _zip(folder: Path) -> list[str]:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("a.json", "w", force_zip64=True) as member,
    ):
        chunk = bytes(1 << 20)
        for _ in range(1024):
            member.write(chunk)
    return _file(folder, "bomb.json", buffer.getvalue())


@case("tar-as-txt", "a tar archive named .txt")
def _tar(folder: Path) -> list[str]:
    import tarfile

    path = folder / "archive.txt"
    with tarfile.open(path, "w") as archive:
        info = tarfile.TarInfo("a.txt")
        data = ARTICLE.encode()
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return [str(path)]


# --- running -------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What one case did."""

    name: str
    about: str
    exit_code: int | None
    traceback: bool
    seconds: float
    cpu_seconds: float
    peak_mb: int
    good_stored: int
    reported: bool
    killed: str | None

    @property
    def passed(self) -> bool:
        return (
            self.killed is None
            and not self.traceback
            and self.good_stored == len(GOOD_NAMES)
            and self.cpu_seconds <= TIME_TARGET
            and self.peak_mb <= MEMORY_TARGET
        )


def write_case(name: str, folder: Path) -> list[str]:
    """Write case ``name`` into a fresh ``folder``; the arguments it gives ``crosswire run``."""
    if folder.exists():
        _make_removable(folder)
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return CASES[name][1](folder)


def _make_removable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            os.chmod(path, 0o755)


def _good_files(folder: Path) -> list[str]:
    from crosswire.pipeline import sample_corpus

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in GOOD_NAMES:
        shutil.copy(sample_corpus() / name, folder / name)
        paths.append(str(folder / name))
    return paths


def run_case(name: str, root: Path, good: list[str], *, timeout: float, pythonpath: str | None = None) -> CaseResult:
    """Run one case under the watchdog."""
    folder = root / name
    bad = write_case(name, folder / "input")
    db = folder / "ledger.db"
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    command = [
        sys.executable,
        "-m",
        "crosswire",
        "run",
        *bad,
        *good,
        "--db",
        str(db),
        "--report",
        str(folder / "r.html"),
    ]
    started = time.monotonic()
    with open(folder / "stdout", "wb") as stdout, open(folder / "stderr", "wb") as stderr:
        child = subprocess.Popen(
            command, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=env, start_new_session=True
        )
        watch = _Watchdog(child.pid, timeout)
        watch.start()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        watch.done.set()
    seconds = time.monotonic() - started
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)  # workers left behind by a killed run
    errors = (folder / "stderr").read_text(errors="replace")
    output = errors + (folder / "stdout").read_text(errors="replace")
    names = {Path(b).name for b in bad} | set(bad)
    return CaseResult(
        name=name,
        about=CASES[name][0],
        exit_code=None if watch.killed else child.returncode,
        traceback="Traceback (most recent call last)" in errors,
        seconds=round(seconds, 2),
        cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
        peak_mb=max(int(usage.ru_maxrss / 1024), watch.peak_mb),
        good_stored=_stored(db, good),
        reported=any(n in line for line in output.splitlines() for n in names if n),
        killed=watch.killed,
    )


class _Watchdog(threading.Thread):
    """Kills a process group that runs too long or holds too much memory."""

    def __init__(self, pid: int, timeout: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.timeout = pid, timeout
        self.done = threading.Event()
        self.killed: str | None = None
        self.peak_mb = 0

    def run(self) -> None:
        deadline = time.monotonic() + self.timeout
        while not self.done.wait(0.05):
            rss = _group_rss_mb(self.pid)
            self.peak_mb = max(self.peak_mb, rss)
            if rss > MEMORY_KILL:
                self.killed = f"memory over {MEMORY_KILL} MB"
            elif time.monotonic() > deadline:
                self.killed = f"still running after {self.timeout:g} s"
            if self.killed:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pid, signal.SIGKILL)
                return


def _group_rss_mb(pgid: int) -> int:
    """Resident memory of every process in a process group, in MB (Linux /proc)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) == pgid:
                total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total // (1024 * 1024)


def _stored(db: Path, good: list[str]) -> int:
    if not db.exists():
        return 0
    from crosswire.errors import CrosswireError
    from crosswire.ledger import open_ledger

    try:
        with open_ledger(db, create=False) as ledger:
            sources = {s.source for article in ledger.iter_articles() for s in article.sightings}
    except CrosswireError:
        return 0
    return sum(1 for path in good if path in sources)


def run_cases(
    root: Path,
    *,
    names: list[str] | None = None,
    timeout: float = 60.0,
    pythonpath: str | None = None,
    progress: Callable[[CaseResult], None] | None = None,
) -> list[CaseResult]:
    """Every case (or those named) run in ``root``, in order."""
    good = _good_files(root / "_good")
    results = []
    for name in names or list(CASES):
        result = run_case(name, root, good, timeout=timeout, pythonpath=pythonpath)
        results.append(result)
        if progress is not None:
            progress(result)
    return results


def score(path: Path | None = None, *, limit: int | None = None) -> dict[str, Any]:
    """The benchmark task: every case (the first ``limit``) run in ``path`` (default: a new temporary
    folder); figures per case and in total."""
    names = list(CASES)[:limit] if limit else None
    if path is None:
        path = Path(tempfile.mkdtemp(prefix="crosswire-bench-hostile-"))
    if path.exists() and not path.is_dir():
        from crosswire.errors import DatasetError

        raise DatasetError(f"{path}: the hostile-input benchmark needs a folder to work in")
    results = run_cases(path, names=names)
    return summarise(results)


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    return {
        "cases": len(results),
        "passed": sum(r.passed for r in results),
        "tracebacks": sum(r.traceback for r in results),
        "killed": sum(r.killed is not None for r in results),
        "over_time": sum(r.cpu_seconds > TIME_TARGET for r in results),
        "over_memory": sum(r.peak_mb > MEMORY_TARGET for r in results),
        "good_lost": sum(r.good_stored < len(GOOD_NAMES) for r in results),
        "results": [asdict(r) for r in results],
    }


def render(figures: dict[str, Any]) -> str:
    """The table of cases, then the totals."""
    lines = [
        f"{'case':<30} {'ok':<4} {'exit':>4} {'tb':<3} {'s':>6} {'cpu s':>6} {'MB':>5} {'good':>4} reported",
    ]
    for r in figures["results"]:
        ok = "ok" if CaseResult(**r).passed else "FAIL"
        exit_code = "-" if r["exit_code"] is None else str(r["exit_code"])
        lines.append(
            f"{r['name']:<30} {ok:<4} {exit_code:>4} {'yes' if r['traceback'] else 'no':<3} {r['seconds']:>6.1f} "
            f"{r['cpu_seconds']:>6.1f} {r['peak_mb']:>5} {r['good_stored']:>2}/{len(GOOD_NAMES)} "
            f"{'yes' if r['reported'] else 'no'}{'  KILLED: ' + r['killed'] if r['killed'] else ''}"
        )
    lines.append(
        f"{figures['passed']}/{figures['cases']} cases passed (no traceback, {len(GOOD_NAMES)} good articles "
        f"stored, <= {TIME_TARGET:g} s of processor time, <= {MEMORY_TARGET} MB); tracebacks {figures['tracebacks']}, "
        f"killed {figures['killed']}, over time {figures['over_time']}, over memory {figures['over_memory']}, "
        f"good articles lost in {figures['good_lost']}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crosswire.bench.hostile", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, help="where to write the corpus and ledgers (default: a temporary folder)"
    )
    parser.add_argument("--case", action="append", dest="cases", help="run only this case (repeatable)")
    parser.add_argument("--timeout", type=float, default=60.0, help="watchdog: seconds before a case is stopped")
    parser.add_argument("--pythonpath", help="PYTHONPATH for the runs (to test another build of crosswire)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, (about, _) in CASES.items():
            print(f"{name:<30} {about}")
        return
    unknown = [n for n in args.cases or () if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    root = args.folder or Path(tempfile.mkdtemp(prefix="crosswire-hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    print(render({"results": [], **summarise([])}).splitlines()[0], flush=True)

    def show(result: CaseResult) -> None:
        print(render(summarise([result])).splitlines()[1], flush=True)

    figures = summarise(
        run_cases(root, names=args.cases, timeout=args.timeout, pythonpath=args.pythonpath, progress=show)
    )
    print(render(figures).splitlines()[-1])
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()

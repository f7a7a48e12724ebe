"""Readers: turn one input's bytes into articles, one reader per format.

Every reader is a generator of :class:`~crosswire.model.Article` and
:class:`~crosswire.ingest.problems.Problem` items, so a bad record is reported and the next one
read. The format is chosen by file name (after ``.gz``), else sniffed from the first bytes.
Every reader works within the limits of :mod:`crosswire.ingest.limits` (nesting depth, records
and problems per file, article length, YAML aliases, decompressed size of archive records).

========  =======================================  ===================================
format    file names                               library
========  =======================================  ===================================
text      .txt .text .md .markdown (front matter)  PyYAML for the front matter
html      .html .htm .xhtml                        trafilatura
records   .json .jsonl .ndjson .csv .tsv           json, csv
feed      .rss .atom .rdf .xml (RSS, Atom, RDF)     feedparser
warc      .warc .warc.gz .arc                      warcio
========  =======================================  ===================================
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from crosswire.budget import BudgetExceeded, cpu_budget
from crosswire.errors import InputError
from crosswire.ingest.dates import parse_date
from crosswire.ingest.htmltext import extract_html, html_to_text
from crosswire.ingest.inputs import DEFAULT_MAX_BYTES, InputFile, decode
from crosswire.ingest.limits import (
    HTML_BUDGET,
    MAX_ARCHIVE_FACTOR,
    MAX_ARTICLE_CHARS,
    MAX_DEPTH,
    MAX_PROBLEMS,
    MAX_RECORDS,
    depth_over,
)
from crosswire.ingest.problems import Problem
from crosswire.model import Article, Published

__all__ = ["FIELD_ALIASES", "FORMATS", "ReadOptions", "detect_format", "read_articles", "read_json_lines"]

log = logging.getLogger(__name__)

Item = Article | Problem

FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link", "uri"),
    "published": ("published", "date", "published_at", "pubdate", "datetime", "date_publish", "timestamp"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "site"),
    "id": ("id", "guid", "uuid", "doc_id"),
    "byline": ("byline", "author", "authors", "creator"),
    "language": ("language", "lang"),
}
"""Record field names tried in order for each article field; ``--field`` puts a name first."""

FORMATS = ("text", "html", "records", "feed", "warc")

_SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "records",
    ".jsonl": "records",
    ".ndjson": "records",
    ".csv": "records",
    ".tsv": "records",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".arc": "warc",
}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: field mapping for records, a forced format, and the size limit."""

    fields: Mapping[str, str] = field(default_factory=dict)
    format: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


def detect_format(item: InputFile, head: bytes) -> str:
    """The reader for an input: by file name, else by its first bytes."""
    name = item.name.lower()
    suffix = name[name.rfind(".") :] if "." in name else ""
    if suffix == ".xml":
        return "feed" if _looks_like_feed(head) else "html"
    if suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix]
    return _sniff(head)


def _looks_like_feed(head: bytes) -> bool:
    start = head[:2048].lower()
    return any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))


def _sniff(head: bytes) -> str:
    start = head.lstrip()[:2048]
    lowered = start.lower()
    if start.startswith(b"WARC/") or head[:2] == b"\x1f\x8b":
        return "warc"
    if _looks_like_feed(start):
        return "feed"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if start[:1] in (b"{", b"["):
        return "records"
    return "text"


def read_articles(item: InputFile, data: bytes, options: ReadOptions | None = None) -> Iterator[Item]:
    """Articles and problems found in one input's bytes, within the limits (see :mod:`crosswire.ingest.limits`).

    Whatever a reader raises on this input is reported as a problem of this input: one file
    never costs the others.
    """
    articles = problems = 0
    try:
        for found in read_unguarded(item, data, options):
            if isinstance(found, Article):
                if len(found.text) > MAX_ARTICLE_CHARS:
                    found = Problem(found.source, _too_long(found.text))
                elif articles == MAX_RECORDS:
                    yield Problem(item.label, f"more than {MAX_RECORDS:,} articles in one file; the rest is skipped")
                    return
                else:
                    articles += 1
            if isinstance(found, Problem):
                problems += 1
                if problems > MAX_PROBLEMS:
                    continue
                if _SURROGATE.search(found.source + found.reason):
                    found = replace(found, source=_unicode(found.source) or "", reason=_unicode(found.reason) or "")
            yield found
    except Exception as exc:  # a library's bug on hostile bytes: this input is reported, the batch goes on
        log.info("reading %s failed", item.label, exc_info=exc)  # the traceback with --verbose
        yield Problem(item.label, f"could not be read ({type(exc).__name__}: {_first_line(exc)})")
    if problems > MAX_PROBLEMS:
        yield Problem(item.label, f"{problems - MAX_PROBLEMS:,} more problems in this file not listed")


def read_unguarded(item: InputFile, data: bytes, options: ReadOptions | None = None) -> Iterator[Item]:
    """What :func:`read_articles` reads, without its last guard: an unexpected exception escapes
    (the fuzz tests call this to find them)."""
    options = options or ReadOptions()
    fmt = options.format or detect_format(item, data[:4096])
    if fmt != "warc" and not data.strip():
        yield Problem(item.label, "empty file")
        return
    reader = _READERS[fmt]
    try:
        yield from reader(item, data, options)
    except InputError as exc:
        yield Problem.from_error(exc)


# --- text and Markdown ---------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADLINE = re.compile(r"\A(?:#{1,6}[ \t]+)?([^\n]{1,200})\n[ \t]*\n(?=\S)")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML for front matter: no aliases (an alias bomb is refused, not expanded), at most
    :data:`MAX_DEPTH` levels of nesting, and timestamps left as text for :func:`parse_date`, which
    reports an impossible one ("25:00:00") instead of failing the whole file."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases are not read in front matter", event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _read_text(item: InputFile, data: bytes, options: ReadOptions) -> Iterator[Item]:
    text, warning = decode(data, item.label)
    if warning:
        yield Problem(item.label, warning, severity="warning")
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match:
        try:
            loaded = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # a SafeLoader
        except (yaml.YAMLError, RecursionError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            yield Problem(
                item.label,
                f"front matter is not valid YAML; read as text ({_first_line(exc)})",
                line=None if line is None else line + 2,
                severity="warning",
            )
        else:
            if isinstance(loaded, dict):
                meta = {str(k).lower(): v for k, v in loaded.items()}
                text = text[match.end() :]
            elif loaded is not None:
                yield Problem(
                    item.label,
                    "front matter is not a mapping of keys to values; read as text",
                    severity="warning",
                )
    body = text.strip()
    title = _field(meta, "title", options)
    if title is None:
        headline = _HEADLINE.match(body)
        if headline and not re.search(r"[.!?\"”]\s*$", headline.group(1)):
            title = headline.group(1).strip()
            body = body[headline.end() :]
    if not body.strip():
        yield Problem(item.label, "no article text")
        return
    yield from _article(item.label, body, meta, options, title=title, line=None)


# --- HTML -------------------------------------------------------------------------------------------


def _read_html(item: InputFile, data: bytes, options: ReadOptions) -> Iterator[Item]:
    yield from _html_article(item.label, data, url=None)


def _html_article(label: str, data: bytes | str, *, url: str | None) -> Iterator[Item]:
    try:
        with cpu_budget(HTML_BUDGET):
            page = extract_html(data, url=url)
    except BudgetExceeded:
        yield Problem(label, f"HTML page not read: its main text took over {HTML_BUDGET:g} s to find")
        return
    if page is None or not page.text.strip():
        yield Problem(label, "no main text found in the HTML page")
        return
    published: Published = None
    if page.date:
        try:
            published = parse_date(page.date)
        except ValueError:
            yield Problem(label, f"unreadable page date {page.date!r}; stored without a date", severity="warning")
    yield Article.create(
        page.text,
        source=label,
        title=page.title,
        outlet=page.sitename,
        url=page.url or url,
        published=published,
        byline=page.author,
        language=page.language,
    )


# --- JSON, JSON Lines, CSV ---------------------------------------------------------------------------

_RECORD_LISTS = ("articles", "items", "data", "records", "results", "documents", "docs", "entries")


def _read_records(item: InputFile, data: bytes, options: ReadOptions) -> Iterator[Item]:
    text, warning = decode(data, item.label)
    if warning:
        yield Problem(item.label, warning, severity="warning")
    name = item.name.lower()
    if name.endswith((".csv", ".tsv")):
        yield from _csv_records(item.label, text, options, tab=name.endswith(".tsv"))
    elif name.endswith((".jsonl", ".ndjson")) or (not name.endswith(".json") and _is_json_lines(text)):
        yield from _json_lines(item.label, text, options)
    else:
        yield from _json_document(item.label, text, options)


def _is_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines()[:3] if line.strip()]
    return len(lines) > 1 and all(line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines)


_MAX_INT_DIGITS = 30


def _json_int(digits: str) -> int | str:
    """A JSON integer; one of more digits than any count or id needs is kept as its text (Python
    refuses to convert thousands of digits, and the time it takes grows with their square)."""
    return int(digits) if len(digits) <= _MAX_INT_DIGITS else digits


def _load_json(text: str) -> Any:
    """A JSON value; ``_TooDeep`` when it is nested too deep to read at all (each record's own depth
    is checked by :func:`_record`, so that one deep record costs only itself)."""
    try:
        return json.loads(text, parse_int=_json_int)
    except RecursionError:
        raise _TooDeep(f"nested deeper than {MAX_DEPTH} levels") from None


class _TooDeep(ValueError):
    @property
    def msg(self) -> str:
        return str(self)


def read_json_lines(label: str, text: str, options: ReadOptions, *, first_line: int = 1) -> Iterator[Item]:
    """Articles and problems in a run of whole lines of the JSON Lines input ``label``, from ``first_line``.

    A part of a large file read on its own gives the sources and line numbers the whole file gives.
    """
    return _json_lines(label, text, options, first_line=first_line)


def _json_lines(label: str, text: str, options: ReadOptions, *, first_line: int = 1) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        try:
            record = _load_json(line)
        except json.JSONDecodeError as exc:
            yield Problem(label, f"invalid JSON ({exc.msg} at column {exc.colno})", line=number)
            continue
        except _TooDeep as exc:
            yield Problem(label, f"JSON {exc}", line=number)
            continue
        yield from _record(label, record, options, line=number)


def _json_document(label: str, text: str, options: ReadOptions) -> Iterator[Item]:
    try:
        document = _load_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(label, f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except _TooDeep as exc:
        raise InputError(label, f"JSON {exc}") from None
    records: list[Any]
    if isinstance(document, list):
        records = document
    elif isinstance(document, dict) and _lookup(document, "text", options):
        records = [document]
    elif isinstance(document, dict):
        lists = [document[key] for key in _RECORD_LISTS if isinstance(document.get(key), list)]
        if not lists:
            raise InputError(label, "JSON holds no article records (expected a list, or a record with a text field)")
        records = lists[0]
    else:
        raise InputError(label, "JSON holds no article records (expected a list, or a record with a text field)")
    if not records:
        yield Problem(label, "JSON holds an empty list of records")
    for number, record in enumerate(records, start=1):
        yield from _record(label, record, options, line=None, index=number)


def _csv_records(label: str, text: str, options: ReadOptions, *, tab: bool) -> Iterator[Item]:
    csv.field_size_limit(MAX_ARTICLE_CHARS * 4)  # a longer field is reported by the csv module
    delimiter = "\t" if tab else _csv_delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        raise InputError(label, "CSV has no header row")
    last = reader.line_num
    spanning: list[tuple[int, int]] = []  # records read over several lines: checked for a stray quote
    try:
        for row in reader:
            first, last = last + 1, reader.line_num
            if last > first:
                spanning.append((first, last))
            yield from _record(label, row, options, line=first)
    except csv.Error as exc:
        yield Problem(label, f"invalid CSV ({exc})", line=reader.line_num)
        return
    yield from _stray_quotes(label, text, spanning, delimiter)


_LINE_ENDS = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")
"""Where the csv module ends a line (it knows only \\n, \\r and \\r\\n, unlike ``str.splitlines``)."""


def _stray_quotes(label: str, text: str, spanning: list[tuple[int, int]], delimiter: str) -> Iterator[Problem]:
    """A warning for each record that a quote opened and never closed where a field ends.

    The csv module reads such a quote on, over the following records, without a word (to the end of
    the file, or to the next quote); the lines of the record alone, read strictly, say so.
    """
    lines: list[str] = []
    for first, last in spanning:
        lines = lines or _LINE_ENDS.split(text)
        try:
            for _ in csv.reader(
                io.StringIO("".join(lines[first - 1 : last]), newline=""), delimiter=delimiter, strict=True
            ):
                pass
        except csv.Error as exc:
            to_end = "unexpected end of data" in str(exc)
            yield Problem(
                label,
                f"unterminated quote: the record of line {first} runs "
                + (
                    f"to the end of the file ({last - first + 1} lines read as one record)"
                    if to_end
                    else f"over lines {first}–{last}, read as one record"
                ),
                line=first,
                severity="warning",
            )


def _csv_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t", "|"), key=header.count)


def _record(
    label: str, record: Any, options: ReadOptions, *, line: int | None, index: int | None = None
) -> Iterator[Item]:
    position = line if line is not None else index
    if not isinstance(record, dict):
        yield Problem(label, f"record is a {type(record).__name__}, not an object", line=line)
        return
    if depth_over(record):
        where = label if line is not None else f"{label}#{position}"
        yield Problem(where, f"record nested deeper than {MAX_DEPTH} levels", line=line)
        return
    record_id = _lookup(record, "id", options)
    source = f"{label}#{record_id}" if record_id else f"{label}#{position}"
    text = _lookup(record, "text", options)
    if not text:
        names = ", ".join(_names("text", options))
        yield Problem(source, f"record has no text (looked for fields: {names})", line=line)
        return
    meta = {key: _lookup(record, key, options) for key in FIELD_ALIASES if key not in ("text", "id")}
    if "published" in options.fields or meta["published"] is None:
        meta["published"] = _raw_lookup(record, "published", options)
    yield from _article(source, text, meta, options, title=meta.get("title"), line=line)


def _names(key: str, options: ReadOptions) -> tuple[str, ...]:
    mapped = options.fields.get(key)
    return ((mapped,) if mapped else ()) + FIELD_ALIASES[key]


def _raw_lookup(record: Mapping[str, Any], key: str, options: ReadOptions) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in _names(key, options):
        value = record.get(name, lowered.get(name.lower()))
        if value not in (None, "", [], {}):
            return value
    return None


def _lookup(record: Mapping[str, Any], key: str, options: ReadOptions) -> str | None:
    value = _raw_lookup(record, key, options)
    return _as_text(value)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # e.g. {"id": "x", "name": "Outlet"}
        return _as_text(value.get("name") or value.get("title") or value.get("id"))
    if isinstance(value, list):
        parts = [part for part in (_as_text(v) for v in value) if part]
        return ", ".join(parts) or None
    return str(value)


# --- RSS and Atom feeds -------------------------------------------------------------------------------


def _read_feed(item: InputFile, data: bytes, options: ReadOptions) -> Iterator[Item]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser raises assorted errors on malformed feeds (chr() out of range...)
        raise InputError(item.label, f"not a readable feed ({type(exc).__name__}: {_first_line(exc)})") from None
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(item.label, f"not a readable feed ({_first_line(parsed.get('bozo_exception'))})")
        raise InputError(item.label, "feed has no entries")
    feed = parsed.get("feed", {})
    outlet, language = feed.get("title"), feed.get("language")
    for number, entry in enumerate(entries, start=1):
        try:
            yield from _feed_entry(item.label, number, entry, outlet, language, options)
        except Exception as exc:  # one malformed entry (feedparser's KeyError 'links'...) costs only itself
            yield Problem(f"{item.label}#{number}", f"feed entry could not be read ({type(exc).__name__}: {exc})")


def _feed_entry(
    label: str, number: int, entry: Any, outlet: Any, language: Any, options: ReadOptions
) -> Iterator[Item]:
    key = entry.get("link") or entry.get("id") or str(number)
    source = f"{label}#{key}"
    html = ""
    if entry.get("content"):
        html = max((str(c.get("value") or "") for c in entry["content"]), key=len)
    html = html or str(entry.get("summary") or "")
    text = html_to_text(html)
    if not text.strip():
        yield Problem(source, "feed entry has no text")
        return
    published_struct = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = {
        "url": entry.get("link"),
        "outlet": outlet,
        "published": published_struct,
        "byline": entry.get("author"),
        "language": language,
    }
    yield from _article(source, text, meta, options, title=entry.get("title"), line=None)


# --- WARC web archives --------------------------------------------------------------------------------


def _read_warc(item: InputFile, data: bytes, options: ReadOptions) -> Iterator[Item]:
    """HTML pages of a WARC (or ARC) archive, each record within the size limit.

    warcio reads exactly the declared ``Content-Length`` of each record, decompressing as it goes,
    so the declared lengths bound the work: a record declaring more than the size limit, or
    records adding up to more than :data:`MAX_ARCHIVE_FACTOR` times it, end the reading there.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    budget = options.max_bytes * MAX_ARCHIVE_FACTOR
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            declared = record.length or 0
            budget -= declared
            if declared > options.max_bytes or budget < 0:
                limit = "over the size limit" if declared > options.max_bytes else "over the archive's size budget"
                yield Problem(
                    item.label,
                    f"record {found + 1} declares {declared:,} bytes, {limit}; the rest of the archive is skipped",
                )
                return
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:
                status = "200"
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                continue
            label = f"{item.label}#{uri}"
            if status != "200":
                yield Problem(label, f"HTTP status {status}; skipped", severity="warning")
                continue
            page = record.content_stream().read(options.max_bytes + 1)
            if len(page) > options.max_bytes:
                yield Problem(label, f"page expands beyond the size limit of {options.max_bytes:,} bytes; skipped")
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                yield Problem(
                    label,
                    f"record cut short: {missing:,} of {declared:,} bytes missing (truncated archive)",
                    severity="warning",
                )
            found += 1
            yield from _html_article(label, page, url=uri or None)
    except ArchiveLoadFailed as exc:
        if found:
            raise InputError(item.label, f"WARC archive is damaged after {found} pages ({_first_line(exc)})") from None
        raise InputError(item.label, f"not a readable WARC archive ({_first_line(exc)})") from None
    except Exception as exc:  # warcio raises assorted errors on damaged archives (OverflowError, AttributeError...)
        raise InputError(
            item.label, f"WARC archive is damaged after {found} pages ({type(exc).__name__}: {_first_line(exc)})"
        ) from None
    if not found:
        yield Problem(item.label, "WARC archive holds no HTML responses")


# --- shared ----------------------------------------------------------------------------------------------


def _field(meta: Mapping[str, Any], key: str, options: ReadOptions) -> str | None:
    return _unicode(_lookup(meta, key, options))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode(value: str | None) -> str | None:
    """``value`` with lone surrogates (JSON's ``"\\ud800"``) made U+FFFD: no UTF-8 can store them."""
    if value is None or not _SURROGATE.search(value):
        return value
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _article(
    source: str,
    text: str,
    meta: Mapping[str, Any],
    options: ReadOptions,
    *,
    title: str | None,
    line: int | None,
) -> Iterator[Item]:
    published: Published = None
    raw_date = meta.get("published")
    if raw_date is None and "date" in meta:
        raw_date = meta["date"]
    source = _unicode(source) or source
    if len(text) > MAX_ARTICLE_CHARS:  # before its id is computed over every character
        yield Problem(source, _too_long(text), line=line)
        return
    try:
        published = parse_date(raw_date)
    except ValueError as exc:
        yield Problem(source, f"{_unicode(str(exc))}; stored without a date", line=line, severity="warning")
    yield Article.create(
        _unicode(text) or text,
        source=source,
        title=_unicode(title),
        outlet=_field(meta, "outlet", options),
        url=_field(meta, "url", options),
        published=published,
        byline=_field(meta, "byline", options),
        language=_field(meta, "language", options),
    )


def _too_long(text: str) -> str:
    return f"article is {len(text):,} characters, over the limit of {MAX_ARTICLE_CHARS:,}"


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


_READERS: dict[str, Callable[[InputFile, bytes, ReadOptions], Iterator[Item]]] = {
    "text": _read_text,
    "html": _read_html,
    "records": _read_records,
    "feed": _read_feed,
    "warc": _read_warc,
}

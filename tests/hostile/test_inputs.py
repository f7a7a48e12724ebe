"""Every hostile input named in issue 17, read beside three good articles: one line about it, and
the good articles stored. Each case is built by the same code as ``crosswire bench hostile``."""

from __future__ import annotations

import gzip
import os
import zlib
from pathlib import Path

import pytest

from crosswire.bench.hostile import write_case
from crosswire.ingest import IngestOptions, ingest
from crosswire.ingest.problems import Problem
from crosswire.ledger import open_ledger
from tests.hostile.articles import GOOD, write_good

KB = 1024


def _ingest(tmp_path: Path, bad: list[str], **options: object) -> tuple[int, list[Problem]]:
    """Ingest ``bad`` and the good articles; how many good ones were stored, and the problems."""
    good = write_good(tmp_path / "good")
    with open_ledger(tmp_path / "l.db") as ledger:
        summary = ingest([*bad, *good], ledger, IngestOptions(**options))  # type: ignore[arg-type]
        sources = {s.source for a in ledger.iter_articles() for s in a.sightings}
    return sum(path in sources for path in good), summary.problems


def _case(tmp_path: Path, name: str, **options: object) -> tuple[int, list[Problem], list[str]]:
    bad = write_case(name, tmp_path / "bad")
    stored, problems = _ingest(tmp_path, bad, **options)
    return stored, problems, bad


def _about(problems: list[Problem], bad: list[str]) -> list[str]:
    return [str(p) for p in problems if any(b in p.source or Path(b).name in p.source for b in bad)]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("json-deep-nesting", "nested deeper than 64 levels"),
        ("jsonl-deep-nesting", "nested deeper than 64 levels"),
        ("json-title-900-lists", "nested deeper than 64 levels"),
        ("rss-bad-character-reference", "not a readable feed"),
        ("warc-huge-content-length", "WARC archive is damaged after 0 pages (OverflowError"),
        ("csv-huge-field", "invalid CSV"),
        ("json-huge-record", "over the limit of 1,000,000"),
        ("html-many-elements", "HTML page not read: its main text took over 5 s to find"),
    ],
)
def test_a_bad_input_is_one_line_and_costs_no_good_article(tmp_path: Path, name: str, says: str) -> None:
    stored, problems, bad = _case(tmp_path, name)
    assert stored == len(GOOD)
    lines = _about(problems, bad)
    assert len(lines) == 1 and says in lines[0], lines


def test_a_5000_digit_json_id_is_kept_as_text(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "json-5000-digit-id")
    assert stored == len(GOOD) and not problems
    with open_ledger(tmp_path / "l.db") as ledger:
        assert any(s.source == f"{bad[0]}#{'9' * 5000}" for a in ledger.iter_articles() for s in a.sightings)


def test_front_matter_with_an_impossible_time_keeps_the_article(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "yaml-bad-timestamp")
    assert stored == len(GOOD)
    assert _about(problems, bad) == [
        f"warning: {bad[0]}: unreadable date '2024-11-04 25:00:00' "
        "(expected e.g. 2024-11-04 or 2024-11-04T09:30:00+00:00); stored without a date"
    ]
    with open_ledger(tmp_path / "l.db") as ledger:
        assert ledger.count_articles() == len(GOOD) + 1


@pytest.mark.parametrize("name", ["yaml-alias-bomb", "yaml-deep-nesting"])
def test_hostile_front_matter_is_read_as_text(tmp_path: Path, name: str) -> None:
    stored, problems, bad = _case(tmp_path, name)
    assert stored == len(GOOD)
    lines = _about(problems, bad)
    assert len(lines) == 1 and "front matter is not valid YAML; read as text" in lines[0]
    assert ("aliases are not read" in lines[0]) == (name == "yaml-alias-bomb")


def test_a_fifo_argument_is_refused_and_one_in_a_folder_passed_over(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "fifo-argument")
    assert stored == len(GOOD)
    assert _about(problems, bad) == [
        f"skipped: {bad[0]}: is a FIFO (named pipe), not a regular file: only regular files are read"
    ]
    stored, problems, bad = _case(tmp_path / "2", "fifo-in-folder")
    assert stored == len(GOOD) and not problems


@pytest.mark.parametrize(("name", "kind"), [("dev-zero-link", "a device"), ("socket-argument", "a socket")])
def test_devices_and_sockets_are_refused(tmp_path: Path, name: str, kind: str) -> None:
    stored, problems, bad = _case(tmp_path, name)
    assert stored == len(GOOD)
    assert _about(problems, bad) == [f"skipped: {bad[0]}: is {kind}, not a regular file: only regular files are read"]


def test_symbolic_link_loops_are_named(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "symlink-loop")
    assert stored == len(GOOD) and _about(problems, bad) == [f"skipped: {bad[0]}: symbolic link loop"]


def test_a_warc_gz_record_expanding_past_the_limit_is_refused(tmp_path: Path) -> None:
    """The issue's 5 GB record, at a scale a test can build: 64 MB of zeros against a 1 MB limit."""
    head = (
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://x.example/b\r\n"
        f"Content-Type: text/html\r\nContent-Length: {64 * KB * KB}\r\n\r\n"
    ).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    data = packer.compress(head) + b"".join(packer.compress(bytes(KB * KB)) for _ in range(64)) + packer.flush()
    (tmp_path / "bomb.warc.gz").write_bytes(data)
    stored, problems = _ingest(tmp_path, [str(tmp_path / "bomb.warc.gz")], max_bytes=KB * KB)
    assert stored == len(GOOD)
    assert [p.reason for p in problems] == [
        f"record 1 declares {64 * KB * KB:,} bytes, over the size limit; the rest of the archive is skipped"
    ]


def test_a_gz_text_expanding_past_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(bytes(8 * KB * KB)))
    stored, problems = _ingest(tmp_path, [str(tmp_path / "bomb.txt.gz")], max_bytes=KB * KB)
    assert stored == len(GOOD) and "over the size limit" in problems[0].reason


def test_a_truncated_warc_is_stored_with_a_warning(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "warc-truncated")
    assert stored == len(GOOD)
    lines = _about(problems, bad)
    assert len(lines) == 1 and "record cut short: 396 of 894 bytes missing (truncated archive)" in lines[0]


def test_an_unterminated_csv_quote_is_warned_about(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "csv-unterminated-quote")
    assert stored == len(GOOD)
    assert _about(problems, bad) == [
        f"warning: {bad[0]}:3: unterminated quote: the record of line 3 runs over lines 3–4, read as one record"
    ]


def test_one_nul_byte_does_not_make_a_csv_binary(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "csv-nul-byte")
    assert stored == len(GOOD)
    assert _about(problems, bad) == [f"warning: {bad[0]}: 1 NUL character removed"]
    with open_ledger(tmp_path / "l.db") as ledger:
        assert ledger.count_articles() == len(GOOD) + 2


@pytest.mark.parametrize(
    ("name", "encoding", "word"),
    [("latin-1", "cp1252", "Bréval"), ("utf-32-bom", None, "Varel"), ("utf-16-no-bom", "utf_16_le", "Varel")],
)
def test_encodings_are_detected_not_replaced(tmp_path: Path, name: str, encoding: str | None, word: str) -> None:
    stored, problems, bad = _case(tmp_path, name)
    assert stored == len(GOOD)
    lines = _about(problems, bad)
    assert lines == (
        [f"warning: {bad[0]}: not UTF-8 ({lines[0].split('(')[1].split(')')[0]}); read as {encoding} (detected)"]
        if encoding
        else []
    )
    with open_ledger(tmp_path / "l.db") as ledger:
        texts = [a.text for a in ledger.iter_articles() if a.source == bad[0]]
    assert len(texts) == 1 and word in texts[0] and "\ufffd" not in texts[0] and "\x00" not in texts[0]


def test_files_of_many_records_list_a_hundred_problems_and_a_count(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "json-many-records")
    assert stored == len(GOOD)
    lines = _about(problems, bad)
    assert len(lines) == 101 and lines[-1] == f"skipped: {bad[0]}: 299,900 more problems in this file not listed"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_named(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "unreadable-folder")
    try:
        assert stored == len(GOOD) and any(
            "folder skipped: permission denied" in line for line in _about(problems, bad)
        )
    finally:
        os.chmod(bad[0], 0o755)


def test_lone_surrogates_in_json_are_replaced_not_fatal(tmp_path: Path) -> None:
    stored, problems, bad = _case(tmp_path, "json-lone-surrogate")
    assert stored == len(GOOD) and not problems
    with open_ledger(tmp_path / "l.db") as ledger:
        found = [a for a in ledger.iter_articles() if a.source.startswith(bad[0])]
    assert len(found) == 1 and found[0].text.endswith("\ufffd") and found[0].title == "\ufffd"

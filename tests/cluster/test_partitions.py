"""Partitions of the inputs: a JSON Lines file cut into runs of lines reads as the whole file reads."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.cluster.partitions import Partition, partition_file
from crosswire.cluster.tasks import read_partition
from crosswire.ingest import IngestOptions, read_file
from crosswire.ingest.inputs import InputFile
from crosswire.model import Article
from tests.dispatches import write_dispatches


def _whole_and_parts(path: Path, target: int, options: IngestOptions) -> tuple[list[object], list[object]]:
    item = InputFile(label=str(path), path=path)
    whole = read_file((item, options))
    parts = partition_file(item, target_bytes=target, max_bytes=options.max_bytes)
    return whole, [thing for part in parts for thing in read_partition(part, options)]


def test_a_large_json_lines_file_is_cut_at_line_ends_and_reads_the_same(tmp_path: Path) -> None:
    path = write_dispatches(tmp_path / "desk.jsonl", range(120))
    item = InputFile(label="desk.jsonl", path=path)
    parts = partition_file(item, target_bytes=8 * 1024, max_bytes=1 << 30)
    assert len(parts) > 5
    assert parts[0].start == 0 and parts[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in pairwise(parts))
    data = path.read_bytes()
    assert all(data[p.start - 1 : p.start] == b"\n" for p in parts[1:])
    assert [p.first_line for p in parts][:2] == [1, 1 + data[: parts[1].start].count(b"\n")]
    whole, pieces = _whole_and_parts(path, 8 * 1024, IngestOptions(outlet="Desk", published="2025-01-02"))
    assert pieces == whole and len(whole) == 120


def test_files_that_are_not_json_lines_or_are_small_or_too_large_stay_whole(tmp_path: Path) -> None:
    big = write_dispatches(tmp_path / "desk.jsonl", range(60))
    as_json = tmp_path / "desk.json"
    as_json.write_text(json.dumps([json.loads(line) for line in big.read_text().splitlines()]))
    text = tmp_path / "notes.txt"
    text.write_text("A long note.\n" * 5000)
    for path, max_bytes in ((as_json, 1 << 30), (text, 1 << 30), (big, 1 << 30), (big, 1024)):
        target = 1 << 30 if (path, max_bytes) == (big, 1 << 30) else 1024
        parts = partition_file(InputFile(label=path.name, path=path), target_bytes=target, max_bytes=max_bytes)
        assert parts == [Partition(InputFile(label=path.name, path=path.absolute()))]


def test_a_partition_names_its_file_by_absolute_path_under_its_given_label(tmp_path: Path, monkeypatch) -> None:
    write_dispatches(tmp_path / "desk.jsonl", range(40))
    monkeypatch.chdir(tmp_path)
    parts = partition_file(InputFile(label="desk.jsonl", path=Path("desk.jsonl")), target_bytes=2048, max_bytes=1 << 30)
    monkeypatch.chdir("/")
    read = [thing for part in parts for thing in read_partition(part, IngestOptions())]
    assert all(part.item.label == "desk.jsonl" and part.item.path.is_absolute() for part in parts)
    assert [a.sightings[0].source for a in read if isinstance(a, Article)][:2] == [
        "desk.jsonl#dispatch-0",
        "desk.jsonl#dispatch-1",
    ]


_LINE = st.one_of(
    st.builds(
        lambda text, title, with_id: json.dumps(
            {"text": text, "title": title} | ({"id": title} if with_id else {}), ensure_ascii=False
        ),
        st.text(min_size=1, max_size=80),
        st.text(max_size=12),
        st.booleans(),
    ),
    st.sampled_from(["", "   ", "{not json", "[1, 2]", '{"title": "no text"}', '{"text": "a\u2028b"}']),
    st.text(max_size=30),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.one_of(_LINE.map(str.encode), st.just(b'{"text": "a bad \xff byte"}')), min_size=3, max_size=40),
    ending=st.sampled_from([b"\n", b"\r\n"]),
    target=st.integers(min_value=1, max_value=400),
    bom=st.booleans(),
)
def test_any_json_lines_file_reads_the_same_whole_and_in_parts(
    tmp_path: Path, lines: list[bytes], ending: bytes, target: int, bom: bool
) -> None:
    path = tmp_path / "any.jsonl"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ending.join(lines) + b"\n")
    whole, pieces = _whole_and_parts(path, target, IngestOptions())
    assert pieces == whole

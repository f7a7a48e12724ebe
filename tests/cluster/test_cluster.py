"""A run on a Dask cluster keeps the record a plain run keeps: the same exports, byte for byte after
sorting, from a local cluster of two worker processes and from a real scheduler and two workers
reached over tcp://; failures stay per article, and a lost task loses no input."""

from __future__ import annotations

import io
import json
import logging
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

import crosswire.cluster.stage
import crosswire.cluster.tasks
import crosswire.extract.stage
from crosswire.cluster import cluster_ingest_extract, parse_cluster
from crosswire.cluster.connect import ClusterSpec, connect
from crosswire.errors import MissingExtraError, OptionError
from crosswire.extract.component import Found
from crosswire.extract.times.extractor import TIMES
from crosswire.ledger import open_ledger
from crosswire.link import link_stage
from crosswire.memory import MemoryBudget
from crosswire.pipeline import ExtractSummary, run
from crosswire.report.export import export
from crosswire.sample import CORPUS_DIR
from crosswire.text.document import Document
from tests.conftest import run_cli
from tests.dispatches import dispatch, write_dispatches

Exports = dict[str, list[str]]

STDIN = json.dumps(dispatch(900) | {"id": "piped"}) + "\n"


def _inputs(folder: Path) -> list[str]:
    """The sample corpus, a JSON Lines file large enough to be cut into parts (with copies, a bad line
    and a record without text), and a file whose dispatch is read again later with a date it lacked."""
    desk = write_dispatches(folder / "desk.jsonl", range(160), range(0, 160, 9))
    with desk.open("a", encoding="utf-8") as stream:
        stream.write("{this is not JSON\n")
        stream.write(json.dumps({"id": "empty", "title": "no text here"}) + "\n")
        stream.write(json.dumps(dispatch(500)) + "\n")
    undated = folder / "early.jsonl"
    record = dispatch(500)
    del record["published"], record["outlet"]
    undated.write_text(json.dumps(record) + "\n" + json.dumps(dispatch(501)) + "\n", encoding="utf-8")
    return [str(undated), str(CORPUS_DIR), str(desk), "-"]


RECORDS = ("articles", "stories", "links", "claims", "quotes")
"""What a run finds (the desk's exports, corrections and reviews, are made by analysts, not by a run)."""


def _exports(db: Path) -> Exports:
    found = {}
    with open_ledger(db) as ledger:
        for what in RECORDS:
            stream = io.StringIO()
            export(ledger, what, "jsonl", stream)
            found[what] = sorted(stream.getvalue().splitlines())
    return found


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def plain(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Exports:
    db = tmp_path_factory.mktemp("plain") / "plain.db"
    with open_ledger(db) as ledger:
        result = run(inputs, ledger, stdin=io.BytesIO(STDIN.encode()))
    assert result.extract.extracted == result.ingest.ingested > 200 and not result.extract.failures
    return _exports(db)


def test_a_run_on_a_local_cluster_of_two_workers_exports_what_a_plain_run_does(
    inputs: list[str], plain: Exports, tmp_path: Path
) -> None:
    db = tmp_path / "cluster.db"
    with open_ledger(db) as ledger:
        result = run(inputs, ledger, stdin=io.BytesIO(STDIN.encode()), cluster="local:2", memory="2GB")
    assert result.extract.extracted == result.ingest.ingested and not result.extract.failures
    problems = [str(p) for p in result.ingest.problems]
    assert any("desk.jsonl:" in p and "invalid JSON" in p for p in problems)
    assert any("desk.jsonl#empty" in p and "no text" in p for p in problems)
    distributed = _exports(db)
    for what in RECORDS:
        assert distributed[what] == plain[what], what
        assert plain[what], f"the inputs give no {what}"


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, in another folder."""
    dask = shutil.which("dask", path=str(Path(sys.executable).parent))
    command = [dask] if dask else [sys.executable, "-m", "dask"]
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    elsewhere = tmp_path / "workers"
    elsewhere.mkdir()
    started = [
        subprocess.Popen(
            [*command, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            cwd=elsewhere,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        for _ in range(2):
            worker = [*command, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"]
            started.append(
                subprocess.Popen(worker, cwd=elsewhere, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        deadline = time.monotonic() + 30
        for process in started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_crosswire_run_through_a_dask_scheduler_exports_what_a_plain_run_does(
    inputs: list[str], plain: Exports, scheduler: str, tmp_path: Path
) -> None:
    db = tmp_path / "remote.db"
    result = run_cli(
        "run", *inputs, "--db", str(db), "--report", str(tmp_path / "r.html"), "--cluster", scheduler,
        stdin=STDIN.encode(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "extracted" in result.stdout and "failed" not in result.stdout
    remote = _exports(db)
    for what in RECORDS:
        assert remote[what] == plain[what], what


# --- failures, in a cluster of threads in this process (so that the test can break an extractor) ---------


@pytest.fixture(scope="module")
def threads() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _desk(folder: Path) -> list[str]:
    return [str(write_dispatches(folder / "desk.jsonl", range(90), range(0, 90, 11)))]


def test_an_article_an_extractor_fails_on_is_reported_with_its_source_and_the_rest_is_stored(
    threads: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(doc: Document, found: Mapping[str, Any]) -> Found:
        if "(17)" in (doc.article.title or ""):
            raise ValueError("no such month")
        return TIMES.run(doc, found)

    extractors = tuple(replace(e, run=failing) if e is TIMES else e for e in crosswire.extract.stage.EXTRACTORS)
    monkeypatch.setattr(crosswire.extract.stage, "EXTRACTORS", extractors)
    summary = ExtractSummary()
    with open_ledger(tmp_path / "l.db") as ledger:
        ingested = cluster_ingest_extract(
            _desk(tmp_path), ledger, None, summary, client=threads, budget=MemoryBudget(1 << 30)
        )
        assert ingested.ingested == 90 + 9
        assert summary.extracted == 90 + 9 - 1
        assert ledger.count_to_extract(crosswire.extract.EXTRACTION_VERSION) == 1
    [failure] = summary.failures
    assert failure.reason == "ValueError: no such month" and "desk.jsonl#dispatch-17" in str(failure)


def test_a_partition_lost_on_the_cluster_is_read_again_here_and_its_articles_extracted(
    threads: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    paths = _desk(tmp_path)
    with open_ledger(tmp_path / "plain.db") as ledger:
        run(paths, ledger)
    real = crosswire.cluster.tasks.read_and_extract
    victim = 8 * 1024 * 3  # the task of the partition that starts near here dies with its worker

    def dying(partition, options):  # type: ignore[no-untyped-def]
        if partition.start <= victim < partition.end:
            raise MemoryError("worker killed")
        return real(partition, options)

    monkeypatch.setattr(crosswire.cluster.stage, "read_and_extract", dying)
    monkeypatch.setattr(MemoryBudget, "partition_bytes", lambda self, total, workers: 8 * 1024)
    with open_ledger(tmp_path / "cluster.db") as ledger, caplog.at_level(logging.WARNING):
        summary = ExtractSummary()
        ingested = cluster_ingest_extract(paths, ledger, None, summary, client=threads, budget=MemoryBudget(1 << 30))
        link_stage(ledger)
    assert [r.message for r in caplog.records if "lost on the cluster" in r.message] == [
        f"{paths[0]}: lost on the cluster (MemoryError: worker killed); read again here"
    ]
    assert ingested.ingested == 99 and summary.extracted == 99 and not summary.failures
    assert _exports(tmp_path / "cluster.db") == _exports(tmp_path / "plain.db")


# --- options -------------------------------------------------------------------------------------------


def test_cluster_addresses_are_parsed_and_a_bad_one_is_one_clear_error() -> None:
    assert parse_cluster("local:3") == ClusterSpec(workers=3)
    assert parse_cluster("tcp://10.0.0.5:8786") == ClusterSpec(address="tcp://10.0.0.5:8786")
    assert parse_cluster("local").workers >= 1
    for bad in ("local:0", "remote", "tcp://nohost", "http://x:1"):
        with pytest.raises(OptionError, match="--cluster"):
            parse_cluster(bad)


def test_the_command_names_a_bad_cluster_or_memory_in_one_line(tmp_path: Path) -> None:
    for option, value in (("--cluster", "lokal"), ("--memory", "lots")):
        result = run_cli("run", str(CORPUS_DIR), "--db", str(tmp_path / "x.db"), option, value)
        assert result.returncode == 2 and option in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_without_the_distributed_extra_the_cluster_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError) as caught, connect("local:1", MemoryBudget(1 << 30)):
        pass
    assert str(caught.value) == "--cluster needs the 'distributed' extra: pip install 'crosswire[distributed]'"


def test_a_scheduler_that_does_not_answer_is_one_clear_error() -> None:
    with (
        pytest.raises(OptionError, match="no scheduler answers"),
        connect(f"tcp://127.0.0.1:{_free_port()}", MemoryBudget(1 << 30)),
    ):
        pass

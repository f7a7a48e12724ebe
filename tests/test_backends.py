"""Both ledgers keep the same record: ``crosswire run`` of the sample corpus into an SQLite file and
into PostgreSQL exports the same articles, stories, links, claims and quotes; every command that
takes ``--db`` takes a ``postgresql://`` address."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from crosswire.ledger import open_ledger
from crosswire.report.export import EXPORTS, export
from crosswire.sample import CORPUS_DIR
from tests.conftest import PostgresLedgers
from tests.web.test_hardening import Served

Cli = Callable[..., Any]
DESK_EXPORTS = ("corrections", "claimreview")
"""What analysts made: none in a ledger just run (see the desk's test below)."""


@pytest.fixture(scope="module")
def both(postgres: PostgresLedgers, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The sample corpus run by the command into a new SQLite file and a new PostgreSQL database."""
    from tests.conftest import run_cli

    folder = tmp_path_factory.mktemp("backends")
    ledgers = {"sqlite": str(folder / "sample.db"), "postgres": postgres.new_database()}
    for name, db in ledgers.items():
        result = run_cli("--quiet", "run", str(CORPUS_DIR), "--db", db, "--report", str(folder / f"{name}.html"))
        assert result.returncode == 0, result.stderr
    return ledgers


@pytest.mark.parametrize("what", [what for what in EXPORTS if what not in DESK_EXPORTS])
def test_every_export_is_the_same_from_both_ledgers(both: dict[str, str], what: str) -> None:
    exported = {}
    for name, db in both.items():
        stream = io.StringIO()
        with open_ledger(db) as ledger:
            export(ledger, what, "jsonl", stream)
        exported[name] = sorted(stream.getvalue().splitlines())
    assert exported["postgres"] == exported["sqlite"]
    assert exported["sqlite"], f"the sample corpus gives no {what}"


def test_the_export_command_reads_postgresql(both: dict[str, str], cli: Cli, tmp_path: Path) -> None:
    for fmt in ("csv", "parquet"):
        target = tmp_path / f"claims.{fmt}"
        result = cli("export", "--what", "claims", "--format", fmt, "--db", both["postgres"], "-o", str(target))
        assert result.returncode == 0 and target.stat().st_size > 0, result.stderr


def test_reports_and_listings_are_the_same_from_both_ledgers(both: dict[str, str], cli: Cli) -> None:
    commands = [["report"], ["articles", "--json"], ["articles", "--outlet", "cpa"], ["articles", "-s", "launchers"]]
    for command in commands:
        answers = {name: cli(*command, "--db", db) for name, db in both.items()}
        assert answers["postgres"].returncode == answers["sqlite"].returncode == 0, answers["postgres"].stderr
        # The report names its ledger; everything else is the same.
        said = {name: answer.stdout.replace(both[name], "LEDGER") for name, answer in answers.items()}
        assert said["postgres"] == said["sqlite"], command


def test_show_ingest_and_run_again_on_postgresql(both: dict[str, str], cli: Cli, tmp_path: Path) -> None:
    db = both["postgres"]
    first = json.loads(cli("articles", "--json", "--limit", "1", "--db", db).stdout.splitlines()[0])
    shown = cli("show", first["id"][:8], "--db", db, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["id"] == first["id"]
    assert cli("show", "ffffffffffff", "--db", db).returncode == 1
    again = cli("ingest", str(CORPUS_DIR), "--db", db, "--json")
    assert json.loads(again.stdout)["ingested"] == 0  # every article is known already
    rerun = cli("run", str(CORPUS_DIR), "--db", db, "--report", str(tmp_path / "again.md"), "--json")
    assert rerun.returncode == 0 and json.loads(rerun.stdout)["link"]["articles"] == 0


def test_serve_over_postgresql(both: dict[str, str], tmp_path: Path) -> None:
    served = {name: Served(db, tmp_path / f"{name}.log") for name, db in both.items()}  # type: ignore[arg-type]
    try:
        answers = {
            name: httpx.get(s.url + "/api/stories", params={"limit": 200}, timeout=60) for name, s in served.items()
        }
        assert answers["postgres"].status_code == 200
        without_revisions = {
            name: [{k: v for k, v in item.items() if k != "revision"} for item in answer.json()["items"]]
            for name, answer in answers.items()
        }
        assert without_revisions["postgres"] == without_revisions["sqlite"] and without_revisions["sqlite"]
    finally:
        logs = {name: s.stop() for name, s in served.items()}
    assert "password" not in logs["postgres"].lower()

"""Shared fixtures: real files in a temp dir, a real ledger on each backend, the CLI in a subprocess.

The ``ledger`` fixture runs each test that takes it twice: on an SQLite file and on a database of
a real PostgreSQL server, which the test run starts once (initdb in a temporary folder, a free
port on 127.0.0.1; see :mod:`crosswire.bench.pgserver`) and stops at its end. Each test gets a
fresh, empty ledger: a new file, or a new schema of the server's ``ledgers`` database. Without
PostgreSQL's programs the PostgreSQL half is skipped, saying why; with
``CROSSWIRE_REQUIRE_POSTGRES=1`` (as CI sets) it fails instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from crosswire.bench.pgserver import PG_BIN_ENV, ServerError, TemporaryServer, find_bin
from crosswire.ingest import ingest
from crosswire.ledger import Ledger, is_server_address, open_ledger
from crosswire.link import link_stage
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR

BACKENDS = ["sqlite", "postgres"]
REQUIRE_POSTGRES = "CROSSWIRE_REQUIRE_POSTGRES"


class PostgresLedgers:
    """The test run's PostgreSQL server, handing out fresh ledgers: one schema each of one database.

    Creating a schema's tables takes about half a second, so a ledger's schema is emptied after its
    test (every table truncated, the rows migrations write put back from a pristine copy) and handed
    out again: the next test finds it as a fresh migration leaves it.
    """

    DATABASE = "ledgers"
    PRISTINE = "pristine"

    def __init__(self, server: TemporaryServer) -> None:
        self.server = server
        self._names = itertools.count()
        self._free: list[str] = []
        self._admin = psycopg.connect(server.create_database(self.DATABASE), autocommit=True)
        self._admin.execute("SET lock_timeout = '10s'")
        self._admin.execute(f"CREATE SCHEMA {self.PRISTINE}")
        open_ledger(self.address(self.PRISTINE)).close()
        self._tables = self._tables_of(self.PRISTINE)
        self._seeded = sorted(  # tables a migration writes rows into (the revision counter)
            table
            for table in self._tables - {"crosswire_schema"}
            if self._admin.execute(f"SELECT EXISTS (SELECT 1 FROM {self.PRISTINE}.{table})").fetchone()[0]  # type: ignore[index]
        )

    def address(self, schema: str) -> str:
        return self.server.url(self.DATABASE) + f"?options=-csearch_path%3D{schema}"

    def new(self) -> str:
        """The address of a fresh, empty ledger (its own schema, chosen through libpq's search_path)."""
        if self._free:
            return self.address(self._free.pop())
        schema = f"ledger_{next(self._names)}"
        self._admin.execute(f"CREATE SCHEMA {schema}")
        return self.address(schema)

    def recycle(self, addresses: list[str]) -> None:
        """Empty these ledgers' schemas for later tests (or drop one whose tables a test changed)."""
        for address in addresses:
            schema = address.rsplit("%3D", 1)[1]
            tables = self._tables_of(schema)
            try:
                if tables == self._tables:
                    names = ", ".join(f"{schema}.{table}" for table in sorted(tables) if table != "crosswire_schema")
                    with self._admin.transaction():
                        self._admin.execute(f"TRUNCATE {names} RESTART IDENTITY")
                        for table in self._seeded:
                            self._admin.execute(f"INSERT INTO {schema}.{table} SELECT * FROM {self.PRISTINE}.{table}")
                elif tables:
                    self._admin.execute(f"DROP SCHEMA {schema} CASCADE")
                    continue
            except psycopg.errors.LockNotAvailable:  # a ledger the test left open: never handed out again
                continue
            self._free.append(schema)

    def _tables_of(self, schema: str) -> set[str]:
        rows = self._admin.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))
        return {row[0] for row in rows}

    def new_database(self, *, template: str | None = None) -> str:
        """The address of a new database of its own (a copy of ``template``, when given)."""
        return self.server.create_database(f"ledger_db_{next(self._names)}", template=template)


def postgres_missing(reason: str) -> None:
    """Skip, saying why and how to install it; fail instead when PostgreSQL is required."""
    if os.environ.get(REQUIRE_POSTGRES) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_POSTGRES}=1 requires the PostgreSQL tests")
    pytest.skip(
        f"{reason}: apt-get install postgresql (or set {PG_BIN_ENV} to the folder of initdb);"
        f" {REQUIRE_POSTGRES}=1 makes this a failure"
    )


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresLedgers]:
    """A real PostgreSQL server for the whole test run."""
    try:
        bin_dir = find_bin()
    except ServerError as exc:
        postgres_missing(str(exc))
    if bin_dir is None:
        postgres_missing("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    with TemporaryServer(bin_dir) as server:
        yield PostgresLedgers(server)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The ledger implementation a test runs on: each test that takes it runs on both."""
    return str(request.param)


@pytest.fixture
def fresh_ledger(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Where to open a fresh, empty ledger on this test's backend: a file path or a postgresql:// address."""
    if backend == "postgres":
        ledgers: PostgresLedgers = request.getfixturevalue("postgres")
        handed: list[str] = []

        def new() -> str:
            handed.append(ledgers.new())
            return handed[-1]

        yield new
        ledgers.recycle(handed)
        return
    numbers = itertools.count()
    yield lambda: str(tmp_path / f"ledger-{next(numbers)}.db")


@pytest.fixture
def ledger(fresh_ledger: Callable[[], str]) -> Iterator[Ledger]:
    with open_ledger(fresh_ledger()) as opened:
        yield opened


def copy_ledger(location: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A copy of a closed ledger: a copy of the file, or a new database made from it as a template."""
    if is_server_address(location):
        return str(request.getfixturevalue("postgres").new_database(template=location.rsplit("/", 1)[1]))
    copy = tmp_path / f"copy-{next(_copies)}.db"
    shutil.copy(location, copy)
    return str(copy)


_copies = itertools.count()


@pytest.fixture(scope="session", params=BACKENDS)
def linked_sample(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus ingested, extracted and linked (without the sample's register of outlets), once
    per backend: an SQLite file, a PostgreSQL database. Tests change copies of it (:func:`copy_ledger`)."""
    if request.param == "postgres":
        location = request.getfixturevalue("postgres").new_database()
    else:
        location = str(tmp_path_factory.mktemp("linked") / "linked.db")
    with open_ledger(location) as ledger:
        ingest([str(CORPUS_DIR)], ledger)
        extract_stage(ledger)
        link_stage(ledger)
    return location


@pytest.fixture
def linked_copy(linked_sample: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh copy of the linked sample is, for one test to change."""
    return copy_ledger(linked_sample, request, tmp_path)


@pytest.fixture
def linked_ledger(linked_copy: str) -> Iterator[Ledger]:
    """A fresh copy of the linked sample, open."""
    with open_ledger(linked_copy) as opened:
        yield opened


def run_cli(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the crosswire command in a subprocess, as a user would (``env`` adds variables)."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "crosswire", *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli

"""What only the PostgreSQL ledger has: connecting (and its errors), its schema on a shared server,
text that sorts as SQLite's does whatever the server's locale, and surviving a kill mid-ingest."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from crosswire.errors import LedgerError
from crosswire.ledger import open_ledger
from crosswire.ledger.migrations import MIGRATIONS, SCHEMA_VERSION
from crosswire.ledger.postgres import PostgresLedger, display_address
from tests.conftest import PostgresLedgers, run_cli


@pytest.fixture
def pg_ledger(postgres: PostgresLedgers) -> str:
    """The address of a fresh ledger in a database of its own."""
    return postgres.new_database()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- addresses and connection errors ---------------------------------------------------------------


def test_the_location_never_shows_a_password() -> None:
    assert (
        display_address("postgresql://ana:s3cret@db.desk:5433/crosswire") == "postgresql://ana@db.desk:5433/crosswire"
    )
    assert display_address("postgres://ana@db.desk/crosswire?sslmode=require") == "postgresql://ana@db.desk/crosswire"
    assert "s3cret" not in display_address("postgresql://ana:s3cret@[broken/crosswire")


def connect_error(address: str) -> str:
    with pytest.raises(LedgerError) as raised:
        open_ledger(address)
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_each_connection_problem_has_a_clear_one_line_error(postgres: PostgresLedgers) -> None:
    server = postgres.server
    postgres.new_database()  # the server works: the failures below are each address's own
    port = free_port()
    refused = connect_error(f"postgresql://crosswire@127.0.0.1:{port}/ledgers")
    assert "refused the connection" in refused and f"127.0.0.1:{port}" in refused
    missing = connect_error(server.url("no_such_ledger"))
    assert "database 'no_such_ledger' does not exist" in missing and "createdb" in missing
    with psycopg.connect(server.url(), autocommit=True) as admin:
        admin.execute(b"CREATE ROLE analyst LOGIN PASSWORD 'right-one'")
        admin.execute(b"GRANT ALL ON DATABASE ledgers TO analyst")
    wrong = connect_error(server.url("ledgers", user="analyst", password="wrong-one"))
    assert "wrong password for user 'analyst'" in wrong and "wrong-one" not in wrong
    assert "none was given" in connect_error(server.url("ledgers", user="analyst"))
    assert "s3cret" not in connect_error(f"postgresql://nobody:s3cret@127.0.0.1:{server.port}/ledgers")
    malformed = connect_error("postgresql://ana:s3cret@[unclosed/ledgers")
    assert "not a valid PostgreSQL address" in malformed and "s3cret" not in malformed


def test_the_cli_says_what_is_wrong_in_one_line(postgres: PostgresLedgers) -> None:
    address = f"postgresql://crosswire:pa55word@127.0.0.1:{free_port()}/ledgers"
    result = run_cli("articles", "--db", address)
    assert result.returncode == 3
    [line] = result.stderr.strip().splitlines()
    assert "refused the connection" in line and "pa55word" not in line and "Traceback" not in result.stderr


def test_a_missing_extra_names_its_install_command(tmp_path: Path) -> None:
    script = "import sys; sys.modules['psycopg'] = None; from crosswire.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", script, "articles", "--db", "postgresql://ana@127.0.0.1/ledgers"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 4
    assert "pip install 'crosswire[postgres]'" in result.stderr


# --- the schema -------------------------------------------------------------------------------------


def test_the_schema_is_migrated_once_and_a_newer_one_refused(pg_ledger: str) -> None:
    with open_ledger(pg_ledger) as ledger:
        assert isinstance(ledger, PostgresLedger) and ledger.schema_version == SCHEMA_VERSION
    with open_ledger(pg_ledger) as again:  # opening twice migrates nothing
        assert again.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
    with psycopg.connect(pg_ledger, autocommit=True) as db:
        db.execute("UPDATE crosswire_schema SET version = %s", (SCHEMA_VERSION + 5,))
    with pytest.raises(LedgerError, match="newer than this crosswire"):
        open_ledger(pg_ledger)


def test_a_database_of_other_tables_is_refused(pg_ledger: str) -> None:
    with psycopg.connect(pg_ledger, autocommit=True) as db:
        db.execute(b"CREATE TABLE invoices (id integer PRIMARY KEY, total numeric)")
    with pytest.raises(LedgerError, match="not a crosswire ledger"):
        open_ledger(pg_ledger)


def test_migrations_run_on_an_old_ledger(pg_ledger: str) -> None:
    with psycopg.connect(pg_ledger, autocommit=True) as db, db.transaction():
        db.execute(b"CREATE TABLE crosswire_schema (version BIGINT NOT NULL)")
        db.execute(b"INSERT INTO crosswire_schema VALUES (1)")
        db.execute(MIGRATIONS[0].script("postgres").encode())
        db.execute(
            b"INSERT INTO articles (id, text, words, added_at) VALUES ('x1', 'Old text about Halvik.', 4, 'then')"
        )
    with open_ledger(pg_ledger) as ledger:
        assert ledger.schema_version == SCHEMA_VERSION  # type: ignore[attr-defined]
        assert [h["id"] for h in ledger.search("Halvik")] == ["x1"]
        assert ledger.revision() == 1  # migration 5 summarised the (no) stories under a first revision


def test_the_tables_are_those_of_the_sqlite_ledger(pg_ledger: str, tmp_path: Path) -> None:
    import sqlite3

    open_ledger(pg_ledger).close()
    open_ledger(tmp_path / "same.db").close()
    with psycopg.connect(pg_ledger) as db:
        server = {row[0] for row in db.execute(b"SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    with sqlite3.connect(tmp_path / "same.db") as db:
        embedded = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert server - {"crosswire_schema"} == {t for t in embedded if not t.startswith(("articles_fts", "sqlite_"))}


# --- surviving a kill -------------------------------------------------------------------------------


def count_rows(address: str, table: str) -> int:
    try:
        with psycopg.connect(address, connect_timeout=5) as probe:
            row = probe.execute(f"SELECT COUNT(*) FROM {table}".encode()).fetchone()
    except psycopg.Error:
        return 0
    return int(row[0]) if row else 0


def test_killed_ingest_leaves_only_complete_articles(pg_ledger: str, tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    total = 12000
    with corpus.open("w") as stream:
        for n in range(total):
            text = f"Dispatch {n}: patrols near the border reported movement in sector {n % 97} at dawn."
            stream.write(json.dumps({"id": f"d{n}", "text": text, "outlet": f"Outlet {n % 7}"}) + "\n")
    command = [sys.executable, "-m", "crosswire", "--quiet", "ingest", str(corpus), "--db", pg_ledger]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            if count_rows(pg_ledger, "articles") >= 400:
                break
        assert process.poll() is None, "ingest finished before it could be killed; make the corpus larger"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    count = count_rows(pg_ledger, "articles")
    assert 0 < count < total and count % 200 == 0  # whole batches only
    with psycopg.connect(pg_ledger) as check:
        orphans = check.execute(b"SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sightings)")
        assert orphans.fetchone() == (0,)
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert count_rows(pg_ledger, "articles") == total
    assert count_rows(pg_ledger, "sightings") == total

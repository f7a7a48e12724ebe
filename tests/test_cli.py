"""The crosswire command end to end, in a subprocess, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from crosswire import __version__

BODY = "Osterland's defence staff said on Monday that some 250 launchers had been moved toward the border."
BRIDGE = "The new bridge over the Halvik river opened on Saturday, cutting the crossing to five minutes."


def _mixed_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "a.md").write_text(f"---\ntitle: Launchers\noutlet: CPA\npublished: 2024-11-04\n---\n{BODY}\n")
    (folder / "b.txt").write_text(BRIDGE)
    (folder / "copy.txt").write_text(BODY)
    (folder / "records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Talks were held in Geneva on Tuesday between both delegations."}) + "\n{oops\n"
    )
    (folder / "empty.txt").write_text("")
    return folder


def test_version(cli) -> None:
    result = cli("--version")
    # the tests run the editable (pure-Python) install; a compiled build says "compiled, N modules"
    assert result.returncode == 0 and result.stdout.strip() == f"crosswire {__version__} (pure Python)"


def test_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0
    for command in ("ingest", "run", "articles", "show", "report", "export", "demo"):
        assert command in result.stdout


def test_ingest_reports_each_problem_and_counts(cli, tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "l.db"
    result = cli("ingest", str(folder), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "ingested 3, duplicates 1, skipped 2" in result.stdout
    problems = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(problems) == 2
    assert any("records.jsonl:2: invalid JSON" in line for line in problems)
    assert any("empty.txt: empty file" in line for line in problems)
    again = cli("ingest", str(folder), "--db", str(db), "--json")
    summary = json.loads(again.stdout)
    assert (summary["ingested"], summary["duplicates"], summary["skipped"]) == (0, 4, 2)


def test_exit_code_when_nothing_could_be_read(cli, tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 1
    assert "missing.txt: no such file or folder" in result.stderr


def test_all_duplicates_is_success(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    db = str(tmp_path / "l.db")
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", db).returncode == 0
    result = cli("ingest", str(tmp_path / "a.txt"), "--db", db)
    assert result.returncode == 0 and "ingested 0, duplicates 1" in result.stdout


def test_stdin_options_and_listing(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    result = cli(
        "ingest",
        "-",
        "--db",
        db,
        "--published",
        "2024-11-05",
        "--outlet",
        "Radio Halvik",
        stdin=BRIDGE.encode(),
    )
    assert result.returncode == 0, result.stderr
    listing = cli("articles", "--db", db, "--json")
    [row] = [json.loads(line) for line in listing.stdout.splitlines()]
    assert row["outlet"] == "Radio Halvik" and row["published"] == "2024-11-05" and row["source"] == "<stdin>"
    shown = cli("show", row["id"][:8], "--db", db)
    assert shown.returncode == 0 and BRIDGE in shown.stdout and "Radio Halvik" in shown.stdout
    filtered = cli("articles", "--db", db, "--outlet", "CPA")
    assert filtered.stdout.strip() == ""
    missing = cli("show", "0000000000000000", "--db", db)
    assert missing.returncode == 1 and "no article with id" in missing.stderr


def test_bad_options_are_usage_errors(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    db = str(tmp_path / "l.db")
    bad_date = cli("ingest", str(tmp_path / "a.txt"), "--db", db, "--published", "someday")
    assert bad_date.returncode == 2 and "--published" in bad_date.stderr
    bad_field = cli("ingest", str(tmp_path / "a.txt"), "--db", db, "--field", "body")
    assert bad_field.returncode == 2 and "ARTICLE_FIELD=RECORD_FIELD" in bad_field.stderr
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", db).returncode == 0
    parquet = cli("export", "--db", db, "--format", "parquet")
    assert parquet.returncode == 2 and "--output" in parquet.stderr
    unknown = cli("export", "--db", db, "--what", "nonsense")
    assert unknown.returncode == 2 and "cannot export 'nonsense'" in unknown.stderr


def test_ledger_errors_exit_3(cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database " * 200)
    result = cli("articles", "--db", str(notes))
    assert result.returncode == 3 and "not a usable crosswire ledger" in result.stderr


def test_run_report_and_exports(cli, tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path)
    db = str(tmp_path / "l.db")
    report = tmp_path / "out.html"
    result = cli("run", str(folder), "--db", db, "--report", str(report))
    assert result.returncode == 0, result.stderr
    assert f"report: {report}" in result.stdout
    html = report.read_text()
    assert "Launchers" in html and "<script" not in html
    markdown = cli("report", "--db", db)
    assert markdown.returncode == 0 and "## Exact duplicates" in markdown.stdout and "copy.txt" in markdown.stdout
    jsonl = cli("export", "--db", db)
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == 3 and {"id", "text", "published", "sightings"} <= set(rows[0])
    csv_out = cli("export", "--db", db, "--format", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("id,source,title")
    target = tmp_path / "a.parquet"
    parquet = cli("export", "--db", db, "--format", "parquet", "--output", str(target))
    assert parquet.returncode == 0
    assert pq.read_table(target).num_rows == 3


def test_demo_prints_report_path(cli, tmp_path: Path) -> None:
    result = cli("demo", "--dir", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    report_line = [line for line in result.stdout.splitlines() if line.startswith("report: ")]
    assert report_line and Path(report_line[0].removeprefix("report: ")).is_file()
    assert "corrupt-export.json" in result.stderr  # the sample's broken file is reported, not fatal


def test_serve_refuses_a_public_address_without_a_token(cli, tmp_path: Path) -> None:
    result = cli("serve", "--db", str(tmp_path / "l.db"), "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "token" in result.stderr.lower()

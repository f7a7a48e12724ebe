"""The per-article time budget (also in worker processes), and the CLI's doors: outputs checked
before the work, read commands that never create a ledger, flags shown as flags, split reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosswire.errors import LedgerError
from crosswire.extract import ExtractionFailure, extract_many
from crosswire.ingest import ingest
from crosswire.ledger import open_ledger
from crosswire.model import Article
from crosswire.pipeline import extract_stage
from crosswire.report import write_report
from tests.conftest import PostgresLedgers
from tests.hostile.articles import write_good

LONG = "the council said that about 250 homes in Brask were evacuated after the river rose and " * 3400


def test_an_article_over_its_time_budget_fails_alone() -> None:
    good = Article.create("Officials in Varel said on Monday that 250 troops had arrived.", source="good.txt")
    found = list(extract_many([Article.create(LONG, source="long.txt"), good], budget=0.3))
    assert isinstance(found[0], ExtractionFailure)
    assert "over the time budget of 0.3 s of processor time (295,799 characters)" in str(found[0])
    assert not isinstance(found[1], ExtractionFailure) and found[1].quantities


def test_the_time_budget_holds_in_worker_processes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(70):  # enough for the extract stage to start its workers
        (folder / f"{n}.txt").write_text(f"Officials in Varel said on day {n} that {n + 10} troops had arrived.\n")
    (folder / "long.txt").write_text(LONG)
    with open_ledger(tmp_path / "l.db") as ledger:
        ingest([str(folder)], ledger)
        summary = extract_stage(ledger, workers=2, budget=0.3)
    assert summary.extracted == 70
    assert [f.article.source for f in summary.failures] == [str(folder / "long.txt")]


def test_unwritable_outputs_fail_before_the_work(cli, tmp_path: Path) -> None:
    good = write_good(tmp_path / "good")
    db = str(tmp_path / "l.db")
    run = cli("run", *good, "--db", db, "--report", str(tmp_path / "missing" / "r.html"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert (
        run.stderr.strip() == f"error: cannot write {tmp_path}/missing/r.html: folder {tmp_path}/missing does not exist"
    )
    assert not Path(db).exists()  # nothing was done
    assert cli("ingest", *good, "--db", db).returncode == 0
    export = cli("export", "--db", db, "--output", str(tmp_path / "missing" / "x.csv"), "--format", "csv")
    assert (
        export.returncode == 2 and export.stderr.startswith("error: cannot write") and "Traceback" not in export.stderr
    )
    report = cli("report", "--db", db, "--format", "html", "--output", str(tmp_path))
    assert report.returncode == 2 and "it is a folder" in report.stderr


def test_read_commands_never_create_a_ledger(cli, tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    for command in (["articles"], ["show", "abcdef123456"], ["report"], ["export"]):
        result = cli(*command, "--db", str(typo))
        assert result.returncode == 3, command
        assert (
            result.stderr.strip() == f"error: {typo}: no ledger here (check --db; crosswire ingest or run creates one)"
        )
    assert not typo.exists()


def test_read_commands_never_create_a_ledger_on_a_server(cli, postgres: PostgresLedgers) -> None:
    empty = postgres.new_database()  # a new database, without crosswire's tables
    for command in (["articles"], ["report"]):
        result = cli(*command, "--db", empty)
        assert result.returncode == 3, command
        assert result.stderr.startswith("error: postgresql://") and "no ledger here (check --db" in result.stderr
    with pytest.raises(LedgerError, match="no ledger here"):
        open_ledger(empty, create=False)
    with open_ledger(empty) as ledger:  # the commands that write create it
        assert ledger.count_articles() == 0
    open_ledger(empty, create=False).close()


def test_flags_are_shown_and_parsed_as_flags(cli, tmp_path: Path) -> None:
    shown = cli("--help").stdout + cli("run", "--help").stdout
    assert "<bool>" not in shown and "<list[str]>" not in shown
    assert re.search(r"--quiet\s+-q\s+Print only results", shown)
    assert re.search(r"--db\s+LEDGER", shown)
    quiet = cli("-q", "ingest", *write_good(tmp_path / "good"), "--db", str(tmp_path / "l.db"))
    assert quiet.returncode == 0 and quiet.stdout == ""


def test_a_large_html_report_is_an_index_and_a_page_per_story(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n}.txt").write_text(
            f"Officials in Varel said on Monday that {n + 10} troops of unit {n} arrived.\n"
        )
    with open_ledger(tmp_path / "l.db") as ledger:
        ingest([str(folder), *write_good(tmp_path / "good")], ledger)
        from crosswire.link import link_stage

        extract_stage(ledger)
        link_stage(ledger)
        stories = len(list(ledger.iter_stories()))
        write_report(ledger, tmp_path / "r.html", split_over=10)
        index = (tmp_path / "r.html").read_text()
        pages = sorted((tmp_path / "r_files").iterdir())
        assert len(pages) == stories and all(p.name.startswith("story-") for p in pages)
        assert all(f'href="r_files/{p.name}"' in index for p in pages)
        assert '<article id="a-' not in index
        page_text = "".join(p.read_text() for p in pages)
        assert page_text.count('<article id="a-') == ledger.count_articles()
        assert 'href="../r.html"' in pages[0].read_text()
        write_report(ledger, tmp_path / "r.html", split_over=None)
        assert (tmp_path / "r.html").read_text().count('<article id="a-') == ledger.count_articles()

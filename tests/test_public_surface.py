"""The public surface is what the docs say: the package's __all__, and every CLI command documented."""

from __future__ import annotations

import re
from pathlib import Path

import crosswire
from crosswire.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_all_names_exist_and_are_documented() -> None:
    readme_and_docs = (ROOT / "README.md").read_text() + (ROOT / "docs" / "library.md").read_text()
    for name in crosswire.__all__:
        assert hasattr(crosswire, name), name
        if not name.startswith("_"):
            assert f"`{name}`" in readme_and_docs, f"{name} is exported but not documented in docs/library.md"


def test_every_command_is_documented() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = sorted(group.commands)  # type: ignore[attr-defined]
    cli_doc = (ROOT / "docs" / "cli.md").read_text()
    documented = set(re.findall(r"`crosswire (\w+)", cli_doc))
    assert set(commands) <= documented, set(commands) - documented
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme


def test_every_command_has_help() -> None:
    import typer.main
    from typer.testing import CliRunner

    group = typer.main.get_command(app)
    runner = CliRunner()
    for name in group.commands:  # type: ignore[attr-defined]
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, name
        assert group.commands[name].help, f"{name} has no help text"  # type: ignore[attr-defined]


# The public surface, pinned: a change here is a change users see, and must be made on purpose.
PUBLIC_NAMES = [
    "Article",
    "CrosswireError",
    "Extraction",
    "IngestOptions",
    "IngestSummary",
    "InputError",
    "Ledger",
    "LedgerError",
    "LinkOptions",
    "MissingExtraError",
    "OptionError",
    "Problem",
    "RunResult",
    "SQLiteLedger",
    "Sighting",
    "Span",
    "__version__",
    "build_report",
    "extract_stage",
    "ingest",
    "iter_articles",
    "link_stage",
    "open_ledger",
    "render_html",
    "render_markdown",
    "run",
    "run_demo",
    "write_report",
]
COMMANDS = ["alerts", "articles", "bench", "correct", "demo", "export", "extract", "ingest", "outlets", "report"]
COMMANDS += ["run", "serve", "show", "users", "watch", "watchlist"]
EXTRACT_RECORD = ["id", "source", "title", "outlet", "published", "text", "quotes", "quantities", "times", "places"]
EXTRACT_RECORD += ["entities", "claims"]
LEDGER_TABLES = [
    "alert_articles",
    "alert_seen",
    "alert_stories",
    "alerts",
    "articles",
    "articles_fts",
    "assessments",
    "batches",
    "corrected_articles",
    "corrections",
    "counters",
    "extractions",
    "link_items",
    "linked",
    "links",
    "outlet_register",
    "problems",
    "relink",
    "revisions",
    "sightings",
    "state",
    "stories",
    "story_articles",
    "story_summaries",
    "users",
    "watch_items",
    "watch_sources",
    "watchlists",
]


def test_public_names_are_pinned() -> None:
    assert sorted(crosswire.__all__) == sorted(PUBLIC_NAMES)


def test_commands_are_pinned() -> None:
    import typer.main

    group = typer.main.get_command(app)
    assert sorted(group.commands) == COMMANDS  # type: ignore[attr-defined]


def test_extract_record_is_pinned() -> None:
    from crosswire.extract import extract

    article = crosswire.Article.create("Varnia moved some 250 launchers on Sunday, an official said.", source="a")
    assert list(extract(article).record()) == EXTRACT_RECORD


def test_ledger_schema_is_pinned(tmp_path: Path) -> None:
    import sqlite3

    from crosswire.ledger.sqlite import SCHEMA_VERSION

    with crosswire.open_ledger(tmp_path / "pinned.db"):
        pass
    connection = sqlite3.connect(tmp_path / "pinned.db")
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert SCHEMA_VERSION == 10
    assert sorted(t for t in tables if not t.startswith(("articles_fts_", "sqlite_"))) == LEDGER_TABLES

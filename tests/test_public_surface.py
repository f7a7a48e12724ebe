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

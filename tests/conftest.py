"""Shared fixtures: real files in a temp dir, a real SQLite ledger, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.ledger import SQLiteLedger, open_ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[SQLiteLedger]:
    with open_ledger(tmp_path / "ledger.db") as opened:
        yield opened


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run the crosswire command in a subprocess, as a user would."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
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

"""Benchmark: ``crosswire run`` into an SQLite file and into PostgreSQL, and two writers at once.

``score(path)`` takes the first ``limit`` (default 1,000) records of a JSON Lines corpus and runs
the ``crosswire run`` command on them, one worker each, as a user would:

- into a new SQLite file, and into a new database of a throwaway PostgreSQL server (durable
  settings: fsync and commit waits on), alternately, each twice; the best of each is kept;
- into one more new PostgreSQL database, by two ``crosswire run`` processes at once, each given
  half of the records.

For each: wall time, the command's processor time (its process and children), and, for
PostgreSQL, the processor time of the server's connection processes (Linux: read from the
postmaster's ended children). Afterwards the rows of the two-writer ledger are counted: every
record once, every article extracted and linked. Figures are printed, never asserted.
"""

from __future__ import annotations

import importlib.util
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from crosswire.bench.pgserver import ServerError, TemporaryServer, find_bin
from crosswire.errors import DatasetError

__all__ = ["render", "score", "unavailable"]

DEFAULT_LIMIT = 1000
REPEATS = 2


def unavailable() -> str | None:
    """Why this benchmark cannot run here (no PostgreSQL server programs), or ``None``."""
    try:
        if find_bin() is None:
            return (
                "PostgreSQL's server programs are not installed (apt-get install postgresql, or set CROSSWIRE_PG_BIN)"
            )
    except ServerError as exc:
        return str(exc)
    if importlib.util.find_spec("psycopg") is None:
        return "the postgres extra is not installed: pip install 'crosswire[postgres]'"
    return None


def _records(path: Path, limit: int) -> list[str]:
    lines: list[str] = []
    try:
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                if len(lines) >= limit:
                    break
                if line.strip():
                    json.loads(line)
                    lines.append(line if line.endswith("\n") else line + "\n")
    except (OSError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path}: not a JSON Lines corpus ({exc})") from None
    if not lines:
        raise DatasetError(f"{path}: no records")
    return lines


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _runs(inputs: list[Path], db: str, folder: Path, server: TemporaryServer | None = None) -> dict[str, float]:
    """``crosswire run`` on each input at once (one process each) into ``db``: wall and CPU seconds."""
    cpu, server_cpu, start = _children_cpu(), server.cpu_seconds() if server else 0.0, time.perf_counter()
    command = [sys.executable, "-m", "crosswire", "--quiet", "run", "--db", db, "--workers", "1"]
    processes = [
        subprocess.Popen(
            [*command, "--report", str(folder / f"report-{n}.md"), str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, path in enumerate(inputs)
    ]
    for process in processes:
        _, err = process.communicate()
        if process.returncode != 0:
            raise DatasetError(f"crosswire run into {db} failed: {err.strip().splitlines()[-1:]}")
    wall = time.perf_counter() - start
    figures = {"wall_s": round(wall, 2), "cpu_s": round(_children_cpu() - cpu, 2)}
    if server is not None:
        time.sleep(0.5)  # the connections' processes end and are counted
        figures["server_cpu_s"] = round(server.cpu_seconds() - server_cpu, 2)
    return figures


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return min(runs, key=lambda run: run["cpu_s"] + run.get("server_cpu_s", 0.0))


def _counts(db: str) -> dict[str, int]:
    from crosswire.extract import EXTRACTION_VERSION
    from crosswire.ledger import open_ledger
    from crosswire.link import LinkOptions

    with open_ledger(db) as ledger:
        articles = ledger.count_articles()
        return {
            "articles": articles,
            "sightings": sum(len(a.sightings) for a in ledger.iter_articles()),
            "unextracted": ledger.count_to_extract(EXTRACTION_VERSION),
            "unlinked": len(ledger.unlinked_extractions(LinkOptions().fingerprint())),
            "stories": ledger.count_stories(),
        }


def score(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the three measurements on the first ``limit`` records of ``path`` (see the module docstring)."""
    bin_dir = find_bin()
    if bin_dir is None:
        raise DatasetError(unavailable() or "PostgreSQL is not installed")
    records = _records(path, limit or DEFAULT_LIMIT)
    with (
        tempfile.TemporaryDirectory(prefix="crosswire-bench-ledger-") as name,
        TemporaryServer(bin_dir, durable=True) as server,
    ):
        folder = Path(name)
        whole = folder / "records.jsonl"
        whole.write_text("".join(records), encoding="utf-8")
        halves = [folder / "first-half.jsonl", folder / "second-half.jsonl"]
        middle = len(records) // 2
        halves[0].write_text("".join(records[:middle]), encoding="utf-8")
        halves[1].write_text("".join(records[middle:]), encoding="utf-8")
        sqlite_runs, postgres_runs = [], []
        for repeat in range(REPEATS):  # alternately, so both meet the same load on the machine
            sqlite_runs.append(_runs([whole], str(folder / f"run-{repeat}.db"), folder))
            postgres_runs.append(_runs([whole], server.create_database(f"run_{repeat}"), folder, server))
        shared = server.create_database("two_writers")
        two = _runs(halves, shared, folder, server)
        counts = _counts(shared)
    return {
        "records": len(records),
        "sqlite": _best(sqlite_runs),
        "postgres": _best(postgres_runs),
        "postgres_two_writers": two,
        "two_writers_counts": counts,
        "repeats": REPEATS,
        "postgres_bin": str(bin_dir),
        "python": platform.python_version(),
    }


def render(figures: dict[str, Any]) -> str:
    """The figures as a few readable lines."""

    def line(label: str, run: dict[str, float]) -> str:
        server = f", server {run['server_cpu_s']:.1f} s" if "server_cpu_s" in run else ""
        return f"  {label:<34} wall {run['wall_s']:6.1f} s, CPU: crosswire {run['cpu_s']:.1f} s{server}"

    counts = figures["two_writers_counts"]
    return "\n".join(
        [
            f"crosswire run of {figures['records']} records, one worker, best of {figures['repeats']}:",
            line("into SQLite", figures["sqlite"]),
            line("into PostgreSQL", figures["postgres"]),
            line("into PostgreSQL, 2 writers at once", figures["postgres_two_writers"]),
            f"  two writers' ledger: {counts['articles']} articles, {counts['sightings']} sightings,"
            f" {counts['unextracted']} not extracted, {counts['unlinked']} not linked, {counts['stories']} stories",
        ]
    )

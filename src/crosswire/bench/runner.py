"""Run benchmark tasks by name: find their data, call ``score``, print ``render`` and one JSON line."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError, OptionError

__all__ = ["TASKS", "BenchResult", "run_task"]


@dataclass(frozen=True, slots=True)
class Task:
    """A benchmark: its module under ``crosswire.bench`` and its dataset inside the data folder."""

    module: str
    default_data: str | None
    """``None``: the task makes its own data (it runs without ``../shared/bench``)."""
    summary: str
    bundled: bool = False  # the dataset ships with crosswire; ``default_data`` is unused


TASKS: dict[str, Task] = {
    "quotes": Task("quotes", "quotes/polnear", "quotes and speakers vs PolNeAR"),
    "quantities": Task("quantities", "quantities/newsquant-dev.json", "quantities vs NewsQuant"),
    "times": Task("times", "time/tempeval3-train", "time expressions vs TempEval-3"),
    "places": Task("places", "places", "toponyms and coordinates vs GeoWebNews and TR-News"),
    "stories": Task("stories", "stories/ecbplus-dev.jsonl", "story clustering vs ECB+"),
    "paraphrase": Task("paraphrase", "paraphrase", "same-statement decision vs MSRP"),
    "dedup": Task("dedup", "corpus", "duplicates and near-duplicates, time vs corpus size"),
    "speed": Task("speed", "corpus/bbc.jsonl", "extraction throughput vs quantulum3 + dateparser"),
    "linear": Task("linear", "corpus/bbc.jsonl", "extraction time per character of one article, 1 KB to 1 MB"),
    "scale": Task("scale", "corpus", "linking time and memory from 25k to 400k articles"),
    "link": Task("linking", "quotes/polnear/train/text", "whole run on quote-rich news; linking in batches vs one run"),
    "web": Task("web", "corpus/bbc.jsonl", "web app under load: requests/s, p50, p99 and server CPU per endpoint"),
    "realnews": Task("realnews", "", "30 annotated articles written for crosswire: every task", bundled=True),
    "claims": Task("claims", "corpus", "claim links vs judged claim pairs (BBC, Reuters and realnews)"),
    "watch": Task("watch", None, "memory of crosswire watch fed by a local server (bounded in time)"),
    "ledger": Task("ledger", "corpus/bbc.jsonl", "crosswire run into SQLite vs PostgreSQL, and two writers at once"),
    "distributed": Task("distributed", "corpus/bbc.jsonl", "crosswire run plain vs on a local Dask cluster of 1 and 2"),
    "hostile": Task("hostile", None, "hostile inputs beside good articles: tracebacks, time, memory, articles lost"),
}
"""Every benchmark ``crosswire bench`` knows, in the order ``bench all`` runs them."""


@dataclass(frozen=True, slots=True)
class BenchResult:
    """The outcome of one task: its figures and their readable form, or why it was skipped."""

    task: str
    path: Path
    figures: dict[str, Any] | None
    text: str
    skipped: str | None = None


def run_task(task: str, path: Path | None, *, data: Path, limit: int | None = None) -> BenchResult:
    """Run one task on ``path`` (default: its dataset inside ``data``); absent data is a skip, not an error."""
    if task not in TASKS:
        raise OptionError(f"unknown benchmark {task!r}; choose one of: {', '.join(TASKS)}, all")
    spec = TASKS[task]
    if spec.default_data is None:  # the task makes its own data; PATH, if given, is a folder to work in
        module = importlib.import_module(f"crosswire.bench.{spec.module}")
        figures = module.score(path, limit=limit)
        return BenchResult(task, path if path is not None else Path("."), figures, module.render(figures))
    target = path if path is not None else _bundled_data(spec) if spec.bundled else data / spec.default_data
    if path is not None and not path.exists():
        raise DatasetError(f"{path}: no such dataset file or folder")
    if not target.exists():
        return BenchResult(task, target, None, "", skipped=f"dataset not found at {target}")
    try:
        module = importlib.import_module(f"crosswire.bench.{spec.module}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("crosswire"):
            return BenchResult(task, target, None, "", skipped="this benchmark is not available in this version")
        raise DatasetError(f"benchmark {task} needs {exc.name}: pip install 'crosswire[bench]'") from None
    missing = module.unavailable() if hasattr(module, "unavailable") else None  # e.g. a server program
    if missing:
        return BenchResult(task, target, None, "", skipped=missing)
    figures = module.score(target, limit=limit)
    return BenchResult(task, target, figures, module.render(figures))


def _bundled_data(spec: Task) -> Path:
    """Where a task whose dataset ships with crosswire keeps it (``DATA_DIR`` of its module)."""
    module = importlib.import_module(f"crosswire.bench.{spec.module}")
    return Path(module.DATA_DIR)

"""Benchmark: a plain run against a run on a local Dask cluster of one and of two workers.

``score(path)`` runs the first ``limit`` records of a JSON Lines corpus (default: the BBC corpus,
400 records) three ways, each in a fresh process with a fresh ledger: plain (one process, no
pool), ``--cluster local:1`` and ``--cluster local:2``. Each run is split in its two phases:
ingest and extract (on the cluster: reading and extraction in the workers, the driver writing
the ledger), then link (in the driver in every case).

What is measured, CPU time of every process taking part (the machine is shared, so wall time is
reported but not relied on):

- *CPU per article*: the driver's CPU time (``time.process_time``, with the scheduler's threads,
  which run in it) plus the CPU time of each worker and nanny process (``psutil``), from when the
  cluster is up to the end of linking, divided by the articles. Starting the cluster is reported
  apart (it is paid once per run, not per article);
- *overhead* of one worker: CPU per article through Dask over the plain run's;
- *throughput* with N workers, from CPU time, as on an idle machine with a core per process: the
  extraction phase lasts as long as its busiest process (``max(driver, each worker)``), the run
  that plus linking; the ratio of one worker's figure to two workers' is the speed-up;
- peak memory: the driver's high-water mark (``ru_maxrss``) and each worker's (``VmHWM``).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError

__all__ = ["render", "score"]

DEFAULT_LIMIT = 400
RUNS = (None, "local:1", "local:2")


def unavailable() -> str | None:
    """Why the benchmark cannot run here (the distributed extra is missing), or ``None``."""
    import importlib.util

    return None if importlib.util.find_spec("distributed") else "needs the distributed extra (crosswire[distributed])"


def score(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """The three runs of the first ``limit`` records of ``path`` (see the module docstring)."""
    if path.is_dir():
        path = path / "corpus" / "bbc.jsonl" if (path / "corpus").is_dir() else path / "bbc.jsonl"
    if not path.is_file():
        raise DatasetError(f"{path}: no such JSON Lines corpus")
    limit = limit or DEFAULT_LIMIT
    with tempfile.TemporaryDirectory(prefix="crosswire-bench-distributed-") as name:
        folder = Path(name)
        records = folder / "records.jsonl"
        with path.open(encoding="utf-8") as source, records.open("w", encoding="utf-8") as target:
            for number, line in enumerate(source):
                if number >= limit:
                    break
                target.write(line)
        runs = {}
        for cluster in RUNS:
            label = cluster or "plain"
            runs[label] = _in_fresh_process(cluster, records, folder / f"{label.replace(':', '-')}.db")
    plain, one, two = runs["plain"], runs["local:1"], runs["local:2"]
    return {
        "records": limit,
        "runs": runs,
        "overhead_one_worker": round(one["cpu_per_article_ms"] / plain["cpu_per_article_ms"] - 1, 3),
        "extract_overhead_one_worker": round(one["extract_cpu_s"] / plain["extract_cpu_s"] - 1, 3),
        "extract_speedup_two_workers": round(one["extract_busiest_s"] / two["extract_busiest_s"], 2),
        "run_speedup_two_workers": round(one["run_busiest_s"] / two["run_busiest_s"], 2),
        "run_speedup_two_workers_vs_plain": round(plain["run_busiest_s"] / two["run_busiest_s"], 2),
        "load_average": round(os.getloadavg()[0], 2),
    }


def _in_fresh_process(cluster: str | None, records: Path, db: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "crosswire.bench.distributed", cluster or "plain", str(records), str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=3600)
    if done.returncode != 0:
        raise DatasetError(f"bench distributed: the {cluster or 'plain'} run failed: {done.stderr.strip()[-500:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(cluster: str | None, records: Path, db: Path) -> dict[str, Any]:
    """One run of ``records`` into a new ledger ``db``, in this process, measured."""
    from crosswire.extract import EXTRACTION_VERSION  # noqa: F401 - extractors' modules loaded as in a run
    from crosswire.ledger import open_ledger
    from crosswire.link import link_stage
    from crosswire.memory import MemoryBudget
    from crosswire.pipeline import ExtractSummary, extract_stage

    budget = MemoryBudget.parse("4GB")
    with open_ledger(db) as ledger:
        if cluster is None:
            warm_up()
            cpu, wall = time.process_time(), time.perf_counter()
            from crosswire.ingest import ingest

            ingested = ingest([str(records)], ledger, command="run")
            extract_stage(ledger, workers=1)
            extract_cpu = time.process_time() - cpu
            figures: dict[str, Any] = {"startup_s": 0.0, "extract_cpu_s": extract_cpu, "extract_busiest_s": extract_cpu}
            figures["workers_peak_mb"] = []
        else:
            import psutil

            from crosswire.cluster import cluster_ingest_extract, connect

            started = time.perf_counter()
            with connect(cluster, budget) as client:
                client.run(warm_up)
                pids = list(client.run(os.getpid).values())
                children = psutil.Process().children(recursive=True)
                figures = {"startup_s": time.perf_counter() - started}
                cpu, wall, before = time.process_time(), time.perf_counter(), _cpu(children)
                summary = ExtractSummary()
                ingested = cluster_ingest_extract([str(records)], ledger, None, summary, client=client, budget=budget)
                driver = time.process_time() - cpu
                after = _cpu(children)
                spent = {pid: after[pid] - before.get(pid, 0.0) for pid in after}
                figures["extract_cpu_s"] = driver + sum(spent.values())
                figures["extract_busiest_s"] = max([driver, *(spent[pid] for pid in pids if pid in spent)])
                figures["workers_peak_mb"] = [_peak_mb(pid) for pid in pids]
                children_cpu = sum(spent.values())
        link_cpu = time.process_time()
        link_stage(ledger)
        link_cpu = time.process_time() - link_cpu
    articles = ingested.ingested
    total = figures["extract_cpu_s"] + link_cpu
    figures |= {
        "articles": articles,
        "link_cpu_s": link_cpu,
        "cpu_s": total,
        "cpu_per_article_ms": 1000 * total / articles,
        "extract_cpu_per_article_ms": 1000 * figures["extract_cpu_s"] / articles,
        "run_busiest_s": figures["extract_busiest_s"] + link_cpu,
        "wall_s": time.perf_counter() - wall,
        "driver_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if cluster is not None:
        figures["workers_cpu_s"] = children_cpu
    return {key: round(value, 3) if isinstance(value, float) else value for key, value in figures.items()}


def warm_up() -> None:
    """Load the extractors' tables (gazetteer, lexicons: a few seconds, once per process) before timing."""
    from crosswire.extract import extract
    from crosswire.model import Article

    extract(Article.create('The mayor of Halvik said on Monday: "The bridge reopens in May."', source="warm-up"))


def _cpu(processes: list[Any]) -> dict[int, float]:
    found = {}
    for process in processes:
        try:
            times = process.cpu_times()
        except Exception:  # a process that ended (psutil.NoSuchProcess)
            continue
        found[process.pid] = times.user + times.system
    return found


def _peak_mb(pid: int) -> float:
    """A process's resident high-water mark (Linux), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def render(figures: dict[str, Any]) -> str:
    """The figures as a few readable lines."""
    lines = [f"crosswire run of {figures['records']} records, plain and on a local Dask cluster (CPU time):"]
    for label, run in figures["runs"].items():
        workers = ", ".join(f"{mb:.0f}" for mb in run["workers_peak_mb"]) or "-"
        link_ms = 1000 * run["link_cpu_s"] / run["articles"]
        lines.append(
            f"  {label:<8} {run['cpu_per_article_ms']:7.1f} ms CPU/article"
            f" (extract {run['extract_cpu_per_article_ms']:.1f}, link {link_ms:.1f});"
            f" busiest process {run['run_busiest_s']:.1f} s; wall {run['wall_s']:.1f} s;"
            f" startup {run['startup_s']:.1f} s; peak MB driver {run['driver_peak_mb']:.0f}, workers {workers}"
        )
    lines += [
        f"  overhead of one worker: {figures['overhead_one_worker']:+.1%} CPU per article"
        f" (extraction phase {figures['extract_overhead_one_worker']:+.1%}; target at most +15%)",
        f"  two workers vs one: extraction {figures['extract_speedup_two_workers']:.2f}x (target 1.8x),"
        f" whole run {figures['run_speedup_two_workers']:.2f}x (target 1.5x; vs plain"
        f" {figures['run_speedup_two_workers_vs_plain']:.2f}x), from the busiest process's CPU time",
        f"  load average at the end: {figures['load_average']} (wall times are of a shared machine)",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    label, records_path, db_path = sys.argv[1:4]
    print(json.dumps(measure(None if label == "plain" else label, Path(records_path), Path(db_path))))

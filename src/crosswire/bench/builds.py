"""Benchmark: the compiled build against the pure-Python one, on the same articles in the same run.

``python -m crosswire.bench.builds OTHER_PYTHON [CORPUS] [--limit N]`` runs the whole extraction
over the same articles in this interpreter and in ``OTHER_PYTHON`` (normally
``.venv-compiled/bin/python``, which ``make compiled`` builds with ``CROSSWIRE_COMPILE=1``), each
in a fresh process, taking turns, best of ``--rounds``. It prints each build's rate (CPU time of
one core), the ratio, and whether the two give identical output (the same SHA-256 over every
extraction record); it exits with status 1 when they do not. ``make bench-compiled`` runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.bench import DEFAULT_DATA
from crosswire.errors import DatasetError

__all__ = ["compare", "measure", "render"]

DEFAULT_CORPUS = DEFAULT_DATA / "corpus" / "bbc.jsonl"
DEFAULT_LIMIT = 1000


def measure(path: Path, *, limit: int | None = DEFAULT_LIMIT, passes: int = 2) -> dict[str, Any]:
    """This interpreter's build: its name, its best one-core rate over ``passes`` and its output digest."""
    from crosswire.bench.speed import load_corpus, output_digest
    from crosswire.buildinfo import build_name
    from crosswire.extract import extract

    articles = load_corpus(path, limit)
    extract(articles[0])  # lazy tables (gazetteer, automata) are built before timing
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for article in articles:
            extract(article)
        best = min(best, time.process_time() - started)
    return {
        "build": build_name(),
        "python": sys.executable,
        "articles": len(articles),
        "articles_per_second": round(len(articles) / best, 1),
        "microseconds_per_article": round(best / len(articles) * 1e6),
        "output_digest": output_digest(articles),
    }


def _measure_in(python: str, path: Path, limit: int | None) -> dict[str, Any]:
    command = [python, "-m", "crosswire.bench.builds", "--measure", str(path)]
    if limit is not None:
        command += ["--limit", str(limit)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise DatasetError(f"{python}: cannot run this interpreter ({exc.strerror})") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit status {done.returncode}"
        raise DatasetError(f"{python}: the measurement failed: {reason}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare(other: str, path: Path, *, limit: int | None = DEFAULT_LIMIT, rounds: int = 2) -> dict[str, Any]:
    """This interpreter's build against ``other``'s: rates, ratio, identical output or not."""
    if not path.exists():
        raise DatasetError(f"{path}: no such corpus file")
    runs: dict[str, list[dict[str, Any]]] = {"this": [], "other": []}
    for _ in range(rounds):  # taking turns evens out what else the machine is doing
        runs["this"].append(_measure_in(sys.executable, path, limit))
        runs["other"].append(_measure_in(other, path, limit))
    this = max(runs["this"], key=lambda r: r["articles_per_second"])
    that = max(runs["other"], key=lambda r: r["articles_per_second"])
    return {
        "corpus": str(path),
        "this": this,
        "other": that,
        "ratio": round(that["articles_per_second"] / this["articles_per_second"], 2),
        "identical": this["output_digest"] == that["output_digest"],
    }


def render(figures: dict[str, Any]) -> str:
    """The comparison as readable lines."""
    this, other = figures["this"], figures["other"]
    lines = [f"whole extraction on {figures['corpus']} ({this['articles']} articles), CPU time of one core, best run:"]
    for run in (this, other):
        lines.append(
            f"  {run['build']:<24} {run['articles_per_second']:>8.1f} articles/s "
            f"({run['microseconds_per_article']} µs per article)  [{run['python']}]"
        )
    lines.append(f"  {other['build']} over {this['build']}: x{figures['ratio']}")
    verdict = "identical" if figures["identical"] else "DIFFERENT"
    lines.append(f"  extraction output: {verdict} (SHA-256 of every record: {this['output_digest'][:16]}…)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("other", nargs="?", help="the other build's Python interpreter")
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="JSON Lines corpus")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="articles to use (default: 1000)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each build, taking turns (default: 2)")
    parser.add_argument("--measure", type=Path, metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.measure is not None:
            print(json.dumps(measure(args.measure, limit=args.limit)))
            return 0
        if args.other is None:
            parser.error("give the other build's Python interpreter")
        figures = compare(args.other, args.corpus, limit=args.limit, rounds=args.rounds)
    except DatasetError as exc:
        print(f"bench builds: {exc}", file=sys.stderr)
        return 2
    print(render(figures))
    print(json.dumps({"task": "builds"} | figures))
    return 0 if figures["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Fuzz the ingest readers: mutated inputs per reader, counting every exception that escapes.

``make fuzz`` (``python -m crosswire.bench.fuzz``) runs each reader for its share of
``--seconds`` with atheris (coverage-guided, libFuzzer's mutations, from a seed corpus per
reader), one reader at a time in its own process. An input whose reading raises anything but
the readers' own reports is an *escape*: it is written to ``--crashes`` (the input, and its
traceback beside it) and the run goes on. At the end each reader prints inputs, inputs per
second, escapes and distinct escapes (by exception and place).

What is fuzzed is what ``crosswire ingest`` does with one input's bytes: ``read_input`` (size
limit, gzip) and then :func:`crosswire.ingest.readers.read_unguarded` (the readers without the
last guard that turns an unexpected exception into a problem).

Without atheris (``pip install atheris``), ``make fuzz`` runs the Hypothesis fuzz tests of
``tests/fuzz`` with a large example budget instead.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

__all__ = ["READERS", "SEEDS", "read_bytes"]

READERS = {
    "text": "fuzz.txt",
    "markdown": "fuzz.md",
    "html": "fuzz.html",
    "json": "fuzz.json",
    "jsonl": "fuzz.jsonl",
    "csv": "fuzz.csv",
    "rss": "fuzz.rss",
    "atom": "fuzz.atom",
    "warc": "fuzz.warc",
    "gz": "fuzz.txt.gz",
}
"""Each reader fuzzed, with the file name its inputs are given (the name chooses the reader)."""

SEEDS = Path(__file__).resolve().parents[3] / "tests" / "fuzz" / "seeds"
"""The seed corpus, a folder per reader (in the source tree)."""

MAX_BYTES = 1024 * 1024
"""The size limit while fuzzing: small, so that a mutated length does not make one input slow."""


def read_bytes(reader: str, data: bytes) -> int:
    """Read ``data`` as an input of ``reader`` does; the number of articles and problems.

    Raises whatever escapes the readers (``InputError`` from reading the bytes is no escape).
    """
    from crosswire.errors import InputError
    from crosswire.ingest.inputs import InputFile, read_input
    from crosswire.ingest.readers import ReadOptions, read_unguarded

    item = InputFile(label=READERS[reader])
    try:
        content = read_input(item, max_bytes=MAX_BYTES, stdin=io.BytesIO(data))
    except InputError:
        return 0
    return sum(1 for _ in read_unguarded(item, content, ReadOptions(max_bytes=MAX_BYTES)))


class _Tally:
    """Inputs and escapes of one reader's run; escapes written to the crashes folder."""

    def __init__(self, reader: str, crashes: Path, figures: Path | None = None) -> None:
        self.reader, self.crashes, self.figures = reader, crashes, figures
        self.inputs = 0
        self.escapes = 0
        self.kinds: dict[str, int] = {}
        self.started = self.saved = time.process_time()

    def run(self, data: bytes) -> None:
        self.inputs += 1
        try:
            read_bytes(self.reader, data)
        except Exception as exc:  # an escape: recorded, and the fuzzing goes on
            self.escape(data, exc)
            self.saved = 0.0
        if self.figures is not None and time.process_time() - self.saved > 1:
            self.save()

    def save(self) -> None:
        """The figures so far, to the figures file (libFuzzer ends the process without notice)."""
        assert self.figures is not None
        self.saved = time.process_time()
        self.figures.write_text(json.dumps(self.summary()), encoding="utf-8")

    def escape(self, data: bytes, exc: Exception) -> None:
        self.escapes += 1
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        kind = f"{type(exc).__name__} at {where}"
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        if self.kinds[kind] <= 3:  # a few inputs per kind are enough to reproduce it
            digest = hashlib.sha1(data).hexdigest()[:16]
            self.crashes.mkdir(parents=True, exist_ok=True)
            (self.crashes / f"{self.reader}-{digest}.bin").write_bytes(data)
            (self.crashes / f"{self.reader}-{digest}.txt").write_text(
                "".join(traceback.format_exception(exc)), encoding="utf-8"
            )

    def summary(self) -> dict[str, object]:
        seconds = time.process_time() - self.started
        return {
            "reader": self.reader,
            "inputs": self.inputs,
            "cpu_seconds": round(seconds, 1),
            "inputs_per_second": round(self.inputs / seconds, 1) if seconds else None,
            "escapes": self.escapes,
            "kinds": self.kinds,
        }


def _instrument(atheris: Any, prefixes: tuple[str, ...]) -> None:
    """Coverage instrumentation for the functions of the modules under ``prefixes`` (every loaded
    function would take minutes: the package imports all its stages)."""
    import gc
    import types

    modules = {name for name in sys.modules if name.startswith(prefixes)}
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and obj.__module__ in modules:
            try:
                atheris.instrument_func(obj)
            except Exception as exc:  # a function atheris cannot rewrite stays as it is
                print(f"not instrumented: {obj.__qualname__} ({exc})", file=sys.stderr)


def _fuzz_one(reader: str, seconds: int, crashes: Path, work: Path, max_len: int, runs: int | None) -> None:
    """Run atheris on one reader in this process (atheris exits the process when done)."""
    import atheris
    import feedparser  # noqa: F401 - loaded now, so that it is instrumented with the rest
    import warcio.archiveiterator  # noqa: F401
    import yaml  # noqa: F401

    import crosswire.ingest.readers  # noqa: F401

    _instrument(atheris, ("crosswire.ingest", "feedparser", "warcio", "yaml"))
    corpus = work / reader
    corpus.mkdir(parents=True, exist_ok=True)
    tally = _Tally(reader, crashes, work / f"{reader}.json")
    arguments = [
        sys.argv[0],
        str(corpus),
        str(SEEDS / reader),
        f"-max_total_time={seconds}",
        *([f"-runs={runs}"] if runs else []),
        f"-max_len={max_len}",
        "-timeout=120",
        "-rss_limit_mb=3000",
        "-print_final_stats=0",
        "-close_fd_mask=3",  # the readers' own logging would swamp the terminal
    ]
    atheris.Setup(arguments, tally.run)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crosswire.bench.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="processor time in all, shared by the readers")
    parser.add_argument("--reader", action="append", choices=list(READERS), help="fuzz only this reader (repeatable)")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"), help="where escaping inputs are written")
    parser.add_argument("--work", type=Path, default=Path("fuzz-corpus"), help="the corpus the fuzzer grows")
    parser.add_argument("--max-len", type=int, default=16384, help="longest input tried, in bytes")
    parser.add_argument("--runs", type=int, help="stop each reader after this many inputs (--seconds still caps it)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: fuzz this reader in this process
    args = parser.parse_args(argv)
    if args.one:
        _fuzz_one(args.one, args.seconds, args.crashes, args.work, args.max_len, args.runs)
        return 0
    readers = args.reader or list(READERS)
    share = max(10, args.seconds // len(readers))
    print(f"fuzzing {len(readers)} readers, {share} s each; escapes go to {args.crashes}/", flush=True)
    results: list[dict[str, Any]] = []
    for reader in readers:
        command = [sys.executable, "-m", "crosswire.bench.fuzz", "--one", reader, "--seconds", str(share)]
        command += ["--crashes", str(args.crashes), "--work", str(args.work), "--max-len", str(args.max_len)]
        command += ["--runs", str(args.runs)] if args.runs else []
        figures_file = args.work / f"{reader}.json"
        figures_file.unlink(missing_ok=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, PYTHONWARNINGS="ignore"))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs = re.search(r"Done (\d+) runs in", done.stderr)
        if done.returncode != 0 or not figures_file.exists() or runs is None:
            print(f"{reader:<9} the fuzzer stopped (exit {done.returncode}):\n{done.stderr[-2000:]}")
            results.append({"reader": reader, "inputs": 0, "escapes": None, "failed": done.returncode or 1})
            continue
        figures = json.loads(figures_file.read_text())  # escapes (saved as they happen)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        figures |= {"inputs": int(runs.group(1)), "cpu_seconds": round(cpu, 1)}
        figures["inputs_per_second"] = round(figures["inputs"] / cpu, 1) if cpu else None
        results.append(figures)
        print(
            f"{reader:<9} {figures['inputs']:>9,} inputs  {figures['inputs_per_second']:>8} inputs/s  "
            f"{figures['escapes']:>5} escapes  {len(figures['kinds'])} distinct"
            + "".join(f"\n            {n:>5} x {kind}" for kind, n in figures["kinds"].items()),
            flush=True,
        )
    total = sum(int(r["inputs"]) for r in results)
    escapes = sum(int(r["escapes"] or 0) for r in results)
    print(f"all readers: {total:,} inputs, {escapes} escapes")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 1 if escapes or any(r.get("failed") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())

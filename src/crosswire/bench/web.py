"""Benchmark: the web app under load, on a ledger built from the BBC corpus.

``score(path)`` builds a ledger from the corpus file at ``path`` (``bbc.jsonl``; ingest, extract
and link, as ``crosswire run`` does) in a temporary folder, starts the real server
(``crosswire serve``, its own process) on 127.0.0.1, and drives each endpoint in turn with
:data:`CLIENTS` concurrent clients (one asyncio client, one connection each) for
:data:`SECONDS` seconds. Per endpoint it reports:

- ``first_ms``, ``first_cpu_ms``: the time of one request alone, before the load (a page not cached
  yet), and the server's CPU time for it;
- ``rps``: completed requests per second under the load; ``p50_ms``, ``p99_ms``: their latency;
- ``cpu_ms``: the server process's CPU time (user + system, from ``/proc``) per request under the
  load: the server time a request costs, whatever the client and the rest of the machine do.

The endpoints are the story page of the largest story, an article page of that story, the
stories list, one API page of articles, one API page of stories, the largest story as JSON and a
search. ``python -m crosswire.bench.web [PATH] --ledger FILE --clients N --seconds S`` reuses a
built ledger and changes the load.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError
from crosswire.ledger import Ledger, open_ledger

__all__ = ["CLIENTS", "SECONDS", "Endpoint", "build_ledger", "endpoints", "render", "score"]

log = logging.getLogger(__name__)

CLIENTS = 50
"""Concurrent clients, as in the load test that set the targets."""
SECONDS = 5.0
"""How long each endpoint is driven: the whole benchmark stays under a minute once the ledger is built."""
SEARCH = "economy growth"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One address to drive, with a short name for the table, and a sibling address requested first.

    The sibling (another story, another page of the list) warms what every request shares (templates
    compiled, the ledger's pages read from disk), so the first request of ``path`` costs what a page
    not cached yet costs in a running server.
    """

    name: str
    path: str
    sibling: str


def build_ledger(corpus: Path, ledger_path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Ingest, extract and link ``corpus`` (its first ``limit`` records) into a new ledger."""
    from crosswire.pipeline import run

    source = corpus
    if limit is not None:
        source = ledger_path.parent / f"first-{limit}.jsonl"
        with corpus.open(encoding="utf-8") as lines, source.open("w", encoding="utf-8") as out:
            for number, line in enumerate(lines):
                if number >= limit:
                    break
                out.write(line)
    started = time.process_time()
    with open_ledger(ledger_path) as ledger:
        result = run([str(source)], ledger)
        articles = ledger.count_articles()
    spent = round(time.process_time() - started, 1)
    return {"articles": articles, "stories": result.link.stories, "build_cpu_s": spent}


def endpoints(ledger: Ledger) -> list[Endpoint]:
    """What to drive: the largest story's pages, one of its articles, the lists, the API and a search."""
    stories = sorted(ledger.iter_stories(), key=lambda story: (-len(story["articles"]), story["id"]))
    if len(stories) < 2:
        raise DatasetError("the ledger has fewer than two stories to load; is the corpus that small?")
    largest, other = stories[0], stories[1]
    article = largest["articles"][0]["id"]
    return [
        Endpoint(
            f"story page ({len(largest['articles'])} articles)", f"/stories/{largest['id']}", f"/stories/{other['id']}"
        ),
        Endpoint("article page", f"/articles/{article}", f"/articles/{other['articles'][0]['id']}"),
        Endpoint("stories list", "/stories", "/stories?page=2"),
        Endpoint("API articles, 50", "/api/articles?limit=50", "/api/articles?limit=50&offset=50"),
        Endpoint("API stories, 50", "/api/stories?limit=50", "/api/stories?limit=50&offset=50"),
        Endpoint("API story", f"/api/stories/{largest['id']}", f"/api/stories/{other['id']}"),
        Endpoint("API search", f"/api/search?q={SEARCH.replace(' ', '+')}", "/api/search?q=market+shares"),
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux ``/proc``), or ``None`` elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # After the command name: state is field 3, utime field 14 and stime field 15 (1-based).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _thread_cpu_seconds(pid: int) -> float | None:
    """CPU time of a process's live threads, to the nanosecond (``/proc/PID/task/*/schedstat``).

    Finer than :func:`_cpu_seconds` (clock ticks of 10 ms) but blind to threads that have ended: right
    for one request, when the server's threads stay the same.
    """
    try:
        return sum(int(p.read_text().split()[0]) for p in Path(f"/proc/{pid}/task").glob("*/schedstat")) / 1e9
    except (OSError, ValueError):
        return None


@contextmanager
def _server(ledger_path: Path, log_path: Path) -> Iterator[tuple[str, int]]:
    """``crosswire serve`` on a free loopback port, its log in ``log_path``; yields (base URL, pid)."""
    import httpx

    port = _free_port()
    command = [sys.executable, "-m", "crosswire", "serve", "--db", str(ledger_path), "--port", str(port)]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise DatasetError(f"the web server exited with {process.returncode}; see {log_path}")
                try:
                    if httpx.get(base + "/static/style.css", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise DatasetError("the web server did not start within 60 s")
                time.sleep(0.1)
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One GET on a kept-alive connection: its status (the body is read and dropped)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")),
        None,
    )
    if length is None:
        raise DatasetError("a response without Content-Length; this client reads only those")
    await reader.readexactly(length)
    return status


async def _drive(base: str, path: str, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """``clients`` clients requesting ``path`` back to back for ``seconds``: latencies, errors, wall time.

    Each client keeps one connection open. A small HTTP/1.1 client written here, rather than httpx:
    with 50 clients on one core httpx's own work per request would cap the rate below the server's.
    """
    host, port = base.removeprefix("http://").split(":")
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n\r\n".encode()
    latencies: list[float] = []
    errors = 0
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + seconds

    async def one_client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port), limit=1 << 20)
        try:
            while loop.time() < deadline:
                sent = time.perf_counter()
                try:
                    ok = await _get(reader, writer, request) == 200
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port), limit=1 << 20)
                latencies.append(time.perf_counter() - sent)
                errors += not ok
        finally:
            writer.close()

    await asyncio.gather(*(one_client() for _ in range(clients)))
    return latencies, errors, loop.time() - started


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(base: str, pid: int, endpoint: Endpoint, *, clients: int, seconds: float) -> dict[str, Any]:
    """One endpoint: its sibling, a lone first request, then the load; the figures of the module docstring."""
    import httpx

    httpx.get(base + endpoint.sibling, timeout=300)
    sent, threads_before, ticks_before = time.perf_counter(), _thread_cpu_seconds(pid), _cpu_seconds(pid)
    first = httpx.get(base + endpoint.path, timeout=300)
    first_ms = (time.perf_counter() - sent) * 1000
    threads_after, ticks_after = _thread_cpu_seconds(pid), _cpu_seconds(pid)
    first_cpu = None
    if threads_before is not None and threads_after is not None and threads_after >= threads_before:
        first_cpu = threads_after - threads_before
    elif ticks_before is not None and ticks_after is not None:  # a thread ended meanwhile: count ticks
        first_cpu = ticks_after - ticks_before
    if first.status_code != 200:
        raise DatasetError(f"{endpoint.path}: the server answered {first.status_code}")
    cpu_before, client_before = _cpu_seconds(pid), time.process_time()
    latencies, errors, wall = asyncio.run(_drive(base, endpoint.path, clients, seconds))
    cpu_after, client_cpu = _cpu_seconds(pid), time.process_time() - client_before
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return {
        "endpoint": endpoint.name,
        "path": endpoint.path,
        "bytes": len(first.content),
        "first_ms": round(first_ms, 1),
        "first_cpu_ms": None if first_cpu is None else round(first_cpu * 1000, 1),
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "cpu_ms": round(cpu * 1000 / len(latencies), 2) if cpu is not None and latencies else None,
        "client_cpu_ms": round(client_cpu * 1000 / len(latencies), 2) if latencies else None,
    }


def score(
    path: Path | str,
    *,
    limit: int | None = None,
    ledger: Path | None = None,
    clients: int = CLIENTS,
    seconds: float = SECONDS,
) -> dict[str, Any]:
    """Build a ledger from the corpus at ``path`` (or use ``ledger``), serve it, and load each endpoint."""
    corpus = Path(path)
    if corpus.is_dir():
        corpus = corpus / "bbc.jsonl"
    if ledger is None and not corpus.is_file():
        raise DatasetError(f"{corpus}: no such corpus file")
    with tempfile.TemporaryDirectory(prefix="crosswire-bench-web-") as folder:
        built: dict[str, Any] = {}
        if ledger is None:
            ledger = Path(folder) / "bench.db"
            log.info("building a ledger from %s", corpus)
            built = build_ledger(corpus, ledger, limit=limit)
        with open_ledger(ledger) as opened:
            targets = endpoints(opened)
            articles = opened.count_articles()
        rows = []
        with _server(ledger, Path(folder) / "server.log") as (base, pid):
            for endpoint in targets:
                log.info("driving %s", endpoint.path)
                rows.append(measure(base, pid, endpoint, clients=clients, seconds=seconds))
    return {"articles": articles, "clients": clients, "seconds": seconds, **built, "endpoints": rows}


def render(figures: dict[str, Any]) -> str:
    """The figures as a table, with what is measured."""
    lines = [
        f"Web app under load: {figures['clients']} concurrent clients on 127.0.0.1 for {figures['seconds']:g} s "
        f"per endpoint, a ledger of {figures['articles']} articles.",
        "first: one request alone before the load (not cached yet), wall and server CPU time;",
        "rps: requests/s under the load; p50, p99: latency under the load; cpu: server CPU time per",
        "request under the load (user + system).",
        "",
        f"{'endpoint':<32} {'first ms':>9} {'cpu':>6} {'rps':>8} {'p50 ms':>8} {'p99 ms':>8} {'cpu ms':>7}"
        f" {'errors':>6} {'kB':>6}",
    ]
    for row in figures["endpoints"]:
        cpu = "-" if row["cpu_ms"] is None else f"{row['cpu_ms']:.2f}"
        first_cpu = "-" if row.get("first_cpu_ms") is None else f"{row['first_cpu_ms']:.1f}"
        lines.append(
            f"{row['endpoint']:<32} {row['first_ms']:>9.1f} {first_cpu:>6} {row['rps']:>8.1f} {row['p50_ms']:>8.1f}"
            f" {row['p99_ms']:>8.1f} {cpu:>7} {row['errors']:>6} {row['bytes'] / 1024:>6.0f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m crosswire.bench.web [PATH] [--ledger FILE] [--clients N] [--seconds S]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("path", nargs="?", default="../shared/bench/corpus/bbc.jsonl")
    parser.add_argument("--ledger", type=Path, help="serve this ledger instead of building one")
    parser.add_argument("--limit", type=int, help="build the ledger from the first N records")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    figures = score(args.path, limit=args.limit, ledger=args.ledger, clients=args.clients, seconds=args.seconds)
    print(render(figures))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

"""Run per-item work on every core, in order, with a bounded number of items in flight.

Per-article work in crosswire is a pure function of its input, so it can run in a process pool;
results come back in input order, which keeps a run with N workers identical to a run with one.
Only a few chunks are submitted ahead of the one being consumed, so memory stays bounded however
long the input is (``Executor.map`` would submit everything at once).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

__all__ = ["chunked", "default_workers", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(function: Callable[[T], R], items: Iterable[T], *, workers: int, ahead: int = 2) -> Iterator[R]:
    """``function`` over ``items`` in ``workers`` processes, results in input order.

    With one worker it runs in this process (no pool, easiest to debug and profile). At most
    ``workers * ahead`` items are in flight. ``function`` and the items must be picklable.
    """
    if workers <= 1:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[R]] = deque()
        iterator = iter(items)
        for item in islice(iterator, workers * ahead):
            pending.append(pool.submit(function, item))
        while pending:
            result = pending.popleft().result()
            for item in islice(iterator, 1):
                pending.append(pool.submit(function, item))
            yield result

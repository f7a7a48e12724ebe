"""A budget of processor time for one piece of work: past it, the work is stopped with an exception.

Per-article work (extraction) runs under :func:`cpu_budget` so that no article, however long or
strange, can hold a run for minutes: its work is stopped, it becomes a failure of that article,
and the batch goes on. The budget counts processor time of this process (``ITIMER_PROF``), not
wall time, so a busy machine does not make articles fail; each worker process of ``--workers``
keeps its own.

A signal is the only way to stop pure-Python work from outside without a second process per
article; Python delivers it to the main thread only, so elsewhere (a web server's worker thread)
the work runs without a budget. The regular-expression engine checks for signals as it goes, so a
runaway pattern is stopped too.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["DEFAULT_BUDGET", "BudgetExceeded", "cpu_budget"]

DEFAULT_BUDGET = 4.0
"""Seconds of processor time one article may take to extract: a typical article takes
milliseconds, one of 1 MB (the longest read, see ``crosswire.ingest.limits``) of ordinary news
about 2.6 s on one core here; pathological text (one sentence of 300 KB) far longer."""


class BudgetExceeded(BaseException):
    """The work used up its time budget.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` inside the
    work can swallow it.
    """


@contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Run the body with at most ``seconds`` of processor time, else raise :class:`BudgetExceeded`.

    ``None`` or a value not above zero means no budget; off the main thread there is none either.
    """
    if seconds is None or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def stop(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise BudgetExceeded(f"over the time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGPROF, stop)
    # Repeated every 50 ms after the first: a signal that lands where Python cannot raise (a
    # garbage-collector callback, a __del__) is lost, and the next one stops the work.
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.05)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)

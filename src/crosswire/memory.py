"""The memory budget of a run (``--memory``): what it bounds, and what it cannot.

A run keeps in memory, besides the linkers' state, a few batches of articles on their way to the
ledger and, on a cluster, the results of the partitions in flight; a cluster's local workers get
a memory limit each (Dask pauses a worker near it and restarts one that passes it). The budget
sizes those. It does not bound the linkers: their indexes grow with the ledger (see
``docs/scaling.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from crosswire.errors import OptionError

__all__ = ["DEFAULT_MEMORY", "IN_FLIGHT_PER_WORKER", "MemoryBudget", "parse_size"]

DEFAULT_MEMORY = "4GB"

IN_FLIGHT_PER_WORKER = 3
"""Partitions submitted ahead per worker: results are taken in input order, so a slow one holds
the next ones back; three keep every worker busy past one slow partition."""

MIN_WORKER_BYTES = 768 * 1024**2
"""What one extraction worker needs: its tables (gazetteer, lexicons) and a partition's findings."""

_UNITS = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def parse_size(value: str, option: str) -> int:
    """Bytes from a size such as ``4GB``, ``512M`` or ``200K``; ``option`` names it in the error."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    factor = _UNITS.get(text[-1:], 1)
    try:
        number = float(text[:-1] if factor > 1 else text)
    except ValueError:
        raise OptionError(f"{option} {value!r}: expected a size such as 4GB, 512MB or 200K") from None
    if number <= 0:
        raise OptionError(f"{option} {value!r}: must be above zero")
    return int(number * factor)


@dataclass(frozen=True, slots=True)
class MemoryBudget:
    """How much memory a run may use, and the sizes derived from it."""

    total: int

    @classmethod
    def parse(cls, value: str) -> MemoryBudget:
        return cls(parse_size(value, "--memory"))

    def partition_bytes(self, input_bytes: int, workers: int) -> int:
        """Input bytes per cluster task: small enough that every worker gets about 16 (so none waits
        long for the last), and that the results in flight (about ten times their input) fit a
        sixteenth of the budget."""
        in_flight = max(1, workers) * IN_FLIGHT_PER_WORKER
        by_budget = self.total // (16 * 10 * in_flight)
        by_spread = input_bytes // (16 * max(1, workers)) if input_bytes else by_budget
        return max(64 * 1024, min(by_budget, by_spread, 64 * 1024**2))

    def worker_limit(self, workers: int) -> int:
        """The memory limit of each of a local cluster's ``workers``: the budget less the driver's quarter."""
        return max(MIN_WORKER_BYTES, self.total * 3 // 4 // max(1, workers))

    def batch_articles(self) -> int:
        """Articles written to the ledger per transaction (as a plain run writes, unless the budget is tiny)."""
        return max(20, min(200, self.total // (1024 * 1024)))

"""Which cluster a run uses (``--cluster``), and a client connected to it.

``local`` or ``local:N`` starts a Dask cluster of N worker processes on this machine (one thread
each: extraction is pure Python) and stops it afterwards; ``tcp://HOST:PORT`` (or ``tls://``)
connects to a running scheduler, whose workers must import crosswire and see the input files
at the same paths.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crosswire.errors import MissingExtraError, OptionError
from crosswire.memory import MemoryBudget
from crosswire.parallel import default_workers

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["ClusterSpec", "connect", "parse_cluster"]

log = logging.getLogger(__name__)

_LOCAL = re.compile(r"local(?::(\d+))?")
_REMOTE = re.compile(r"(?:tcp|tls)://[^\s/]+:\d+")


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """A local cluster of ``workers`` processes (``address`` is ``None``), or a scheduler's address."""

    address: str | None = None
    workers: int = 1

    def __str__(self) -> str:
        return self.address or f"local:{self.workers}"


def parse_cluster(value: str) -> ClusterSpec:
    """``local``, ``local:N`` or ``tcp://HOST:PORT``; anything else is an ``OptionError``."""
    text = value.strip()
    if local := _LOCAL.fullmatch(text):
        workers = int(local.group(1)) if local.group(1) else default_workers()
        if workers < 1:
            raise OptionError(f"--cluster {value!r}: a local cluster needs at least one worker")
        return ClusterSpec(workers=workers)
    if _REMOTE.fullmatch(text):
        return ClusterSpec(address=text)
    raise OptionError(f"--cluster {value!r}: expected local, local:N or a scheduler address such as tcp://HOST:8786")


@contextmanager
def connect(spec: ClusterSpec | str, budget: MemoryBudget) -> Iterator[Client]:
    """A client of the cluster ``spec``; a local one is started with a memory limit per worker, and stopped after."""
    if isinstance(spec, str):
        spec = parse_cluster(spec)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtraError("--cluster", "distributed") from None
    if spec.address is None:
        limit = budget.worker_limit(spec.workers)
        log.info("starting a local cluster of %d workers, %d MB each", spec.workers, limit // 1024**2)
        with (
            LocalCluster(
                n_workers=spec.workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=limit,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(spec.address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise OptionError(f"--cluster {spec.address}: no scheduler answers there ({exc})") from None
    with client:
        if not client.scheduler_info().get("workers"):
            log.warning("the scheduler at %s has no workers yet; tasks wait for one", spec.address)
        yield client

"""crosswire on a Dask cluster (the ``distributed`` extra): ``crosswire run --cluster local[:N]|tcp://HOST:PORT``.

::

    connect.py      which cluster (--cluster), a client of it; a local one is started and stopped
    partitions.py   the inputs cut into partitions: whole files, runs of lines of large JSON Lines
    tasks.py        what a worker runs: read a partition and extract its articles (pure, no ledger)
    stage.py        the driver: partitions submitted in order, the ledger written in batches

Only ``connect`` imports Dask, and only when a cluster is asked for.
"""

from crosswire.cluster.connect import ClusterSpec, connect, parse_cluster
from crosswire.cluster.stage import cluster_ingest_extract

__all__ = ["ClusterSpec", "cluster_ingest_extract", "connect", "parse_cluster"]

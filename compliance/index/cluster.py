"""Building a source index on a Dask cluster: the workers read and shingle the sources, batch by batch,
and the client writes what comes back into the one SQLite index, as an audit's client writes its store.

Reading pages (fetching, parsing, finding the prose) is the cost, and it spreads over the workers; the
index file is written by one process. For 10^7 articles the index itself would have to be partitioned
(see the README).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cluster import results_on_cluster
from ..fetch import Fetcher, FetchOptions

BATCH_SOURCES = 32  # sources a task: a task costs the scheduler about a millisecond, a source tens


def shingled_on_cluster(locations: list[str], options: FetchOptions, scheduler: str) -> Iterator:
    """Each source read and shingled on the cluster at `scheduler` (or the line saying why it could not be),
    as its batch finishes."""
    for shingled in results_on_cluster(
        scheduler, "building an index", shingle_batch, locations, len(locations), BATCH_SOURCES, options
    ):
        yield from shingled


def shingle_batch(batch: list[str], options: FetchOptions) -> list:
    """On a worker: a batch of sources read and shingled."""
    from . import Shingled

    fetcher = Fetcher(options)
    return [Shingled.read(location, fetcher) for location in batch]

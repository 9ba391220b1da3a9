"""Building a source index on a Dask cluster: the workers read and shingle the sources, batch by batch,
and the client writes what comes back into the one SQLite index, as an audit's client writes its store.

Reading pages (fetching, parsing, finding the prose) is the cost, and it spreads over the workers; the
index file is written by one process. For 10^7 articles the index itself would have to be partitioned
(see the README).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from ..errors import ComplianceError
from ..fetch import Fetcher, FetchOptions

BATCH_SOURCES = 32  # sources a task: a task costs the scheduler about a millisecond, a source tens
CONNECT_TIMEOUT = "10s"


def shingled_on_cluster(locations: list[str], options: FetchOptions, scheduler: str) -> Iterator:
    """Each source read and shingled on the cluster at `scheduler` (or the line saying why it could not be),
    as its batch finishes."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ComplianceError('building an index on Dask needs Dask: pip install "compliance[dask]"') from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ComplianceError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
    try:
        sources = iter(locations)
        batches = iter(lambda: list(islice(sources, BATCH_SOURCES)), [])
        futures = [client.submit(shingle_batch, batch, options, pure=False) for batch in batches]
        for future in as_completed(futures, loop=client.loop):
            yield from future.result()
            future.release()
    finally:
        client.close()


def shingle_batch(batch: list[str], options: FetchOptions) -> list:
    """On a worker: a batch of sources read and shingled."""
    from . import Shingled

    fetcher = Fetcher(options)
    return [Shingled.read(location, fetcher) for location in batch]

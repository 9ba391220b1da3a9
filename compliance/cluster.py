"""Work on a Dask cluster, as audits and index builds send it: connecting, and a window of batches in flight.

Both send batches of pages to an existing `distributed` cluster and take the
answers back in this process as each batch finishes. Only a few batches a
worker thread are in flight at once: the tasks of a manifest of millions are
made as the cluster frees up, never all at once (each costs the scheduler
memory and about a millisecond).

Dask is an optional dependency: `pip install "compliance[dask]"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .errors import ComplianceError

BATCHES_IN_FLIGHT = 4  # per worker thread: enough to keep it busy while results travel back
BATCHES_PER_THREAD = 16  # at least, when the work is small: every worker thread gets its share
CONNECT_TIMEOUT = "10s"


def batches(items: Iterable, size: int) -> Iterator[list]:
    """`items` in lists of `size`, read lazily."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def batch_size(items: int, threads: int, largest: int) -> int:
    """Items a task: `largest` for long work, so that scheduling stays a small share of it; fewer for short
    work, so that every worker thread gets batches (500 pages in batches of 64 would leave all but 8 of a
    cluster's threads idle) and the last batch a thread finishes alone is short."""
    return max(1, min(largest, items // (threads * BATCHES_PER_THREAD)))


def results_on_cluster(
    scheduler: str,
    what: str,
    function: Callable[..., list],
    items: Iterable,
    count: int,
    largest: int,
    *settings: object,
) -> Iterator[list]:
    """`function(batch, *settings)` for batches of the `count` `items` (at most `largest` each, see batch_size)
    on the cluster at `scheduler`, each answer as its batch finishes. `what` names the work in the error when
    Dask is not installed ("auditing")."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ComplianceError(f'{what} on a Dask cluster needs Dask: pip install "compliance[dask]"') from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ComplianceError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        work = batches(items, batch_size(count, threads, largest))
        first = islice(work, threads * BATCHES_IN_FLIGHT)
        pending = as_completed(
            [client.submit(function, batch, *settings, pure=False) for batch in first], loop=client.loop
        )
        for future in pending:
            answer = future.result()
            future.release()
            if (batch := next(work, None)) is not None:
                pending.add(client.submit(function, batch, *settings, pure=False))
            yield answer
    finally:
        client.close()

"""Audits on a Dask cluster: pages checked on many machines, results stored here as they finish.

`compliance audit INPUT --scheduler tcp://HOST:PORT` (or `COMPLIANCE_SCHEDULER`)
sends the audit's pages to an existing Dask `distributed` cluster. Each worker
process keeps its own checker (fetcher, policies, sources read once), fetches
pages and sources itself, and answers a batch of pages at a time with their
results as JSON text; this process writes them into the same SQLite store as
`--jobs` does, as each batch finishes. So resume, incremental re-runs, reports
and exit codes behave exactly as with `--jobs`.

Batches keep scheduling overhead a small share (a task costs the scheduler
about a millisecond; a batch of pages costs the workers a second or more), and
only a few batches per worker are in flight at once, so the tasks of a manifest
of millions are made as the cluster frees up, never all at once.

Dask is an optional dependency: `pip install "compliance[dask]"`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from ..errors import ComplianceError
from ..fetch import FetchOptions

BATCH_PAGES = 16  # pages a task: scheduling overhead stays near 1% of the work
BATCHES_IN_FLIGHT = 4  # per worker thread: enough to keep it busy while results travel back
CONNECT_TIMEOUT = "10s"


def cluster_outcomes(
    tasks: Iterable, options: FetchOptions, default_policy: str, scheduler: str, index: str | None = None
) -> Iterator:
    """Check `tasks` on the cluster at `scheduler`, yielding each page's outcome as its batch finishes."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ComplianceError(
            'auditing on a Dask cluster needs Dask: pip install "compliance[dask]" (or dask[distributed])'
        ) from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ComplianceError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from None
    try:
        threads = max(1, sum(client.nthreads().values()))
        batches = _batches(iter(tasks), BATCH_PAGES)
        run = uuid.uuid4().hex
        first = islice(batches, threads * BATCHES_IN_FLIGHT)
        settings = (options, default_policy, run, index)
        futures = [client.submit(check_batch, b, *settings, pure=False) for b in first]
        pending = as_completed(futures, loop=client.loop)
        for future in pending:
            outcomes = future.result()
            future.release()
            if (batch := next(batches, None)) is not None:
                pending.add(client.submit(check_batch, batch, *settings, pure=False))
            yield from outcomes
    finally:
        client.close()


def check_batch(batch: list, options: FetchOptions, default_policy: str, run: str, index: str | None) -> list:
    """On a worker: check a batch of pages with the worker process's own checker for this audit run (the
    source index, if any, at the same path on the worker: shared storage)."""
    from .. import audit

    audit.ensure_worker(options, default_policy, run, index)
    return [audit.check_task(task) for task in batch]


def _batches(tasks: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(tasks, size)):
        yield batch

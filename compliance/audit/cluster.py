"""Audits on a Dask cluster: pages checked on many machines, results stored here as they finish.

`compliance audit INPUT --scheduler tcp://HOST:PORT` (or `COMPLIANCE_SCHEDULER`)
sends the audit's pages to an existing Dask `distributed` cluster. Each worker
process keeps its own checker (fetcher, policies, sources read once), fetches
pages and sources itself, and answers a batch of pages at a time with their
results as JSON text; this process writes them into the same SQLite store as
`--jobs` does, as each batch finishes. So resume, incremental re-runs, reports
and exit codes behave exactly as with `--jobs`.

Batches keep scheduling overhead a small share (a task costs the scheduler
about a millisecond; a batch of pages costs the workers a second or more);
`compliance.cluster` keeps only a few of them a worker in flight.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

from ..cluster import batches, results_on_cluster
from ..fetch import FetchOptions

BATCH_PAGES = 16  # pages a task: scheduling overhead stays near 1% of the work


def cluster_outcomes(
    tasks: Iterable, options: FetchOptions, default_policy: str, scheduler: str, index: str | None = None
) -> Iterator:
    """Check `tasks` on the cluster at `scheduler`, yielding each page's outcome as its batch finishes."""
    run = uuid.uuid4().hex
    work = batches(tasks, BATCH_PAGES)
    for outcomes in results_on_cluster(scheduler, "auditing", check_batch, work, options, default_policy, run, index):
        yield from outcomes


def check_batch(batch: list, options: FetchOptions, default_policy: str, run: str, index: str | None) -> list:
    """On a worker: check a batch of pages with the worker process's own checker for this audit run (the
    source index, if any, at the same path on the worker: shared storage)."""
    from .. import audit

    audit.ensure_worker(options, default_policy, run, index)
    return [audit.check_task(task) for task in batch]

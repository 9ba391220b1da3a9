"""Audits on a Dask cluster: pages checked on many machines, results stored here as they finish.

`compliance audit INPUT --scheduler tcp://HOST:PORT` (or `COMPLIANCE_SCHEDULER`)
sends the audit's pages to an existing Dask `distributed` cluster. Each worker
process keeps its own checker (fetcher, policies, sources read once), fetches
pages and sources itself, and answers a batch of pages at a time with their
results as JSON text; this process writes them into the same SQLite store as
`--jobs` does, as each batch finishes. So resume, incremental re-runs, reports
and exit codes behave exactly as with `--jobs`.

Batches keep scheduling overhead a small share: the scheduler and this process
share the machines' cores with the workers, and each task costs them some
milliseconds, where a batch of 64 pages costs a worker from a third of a second
(small pages) to several. On the corpus audit with two local workers, batches of
16 cost the scheduler 0.6 s of CPU, batches of 64 0.4 s. A short audit is cut
into smaller batches, so that every worker thread has its share
(`compliance.cluster.batch_size`). Only a few batches a worker are in flight, so
a killed audit re-checks at most those.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator

from ..cluster import results_on_cluster
from ..fetch import FetchOptions

BATCH_PAGES = 64  # pages a task (see above)


def cluster_outcomes(
    tasks: Iterable, count: int, options: FetchOptions, default_policy: str, scheduler: str, index: str | None = None
) -> Iterator:
    """Check the `count` `tasks` on the cluster at `scheduler`, yielding each page's outcome as its batch
    finishes."""
    run = uuid.uuid4().hex
    settings = (options, default_policy, run, index)
    for outcomes in results_on_cluster(scheduler, "auditing", check_batch, tasks, count, BATCH_PAGES, *settings):
        yield from outcomes


def check_batch(batch: list, options: FetchOptions, default_policy: str, run: str, index: str | None) -> list:
    """On a worker: check a batch of pages with the worker process's own checker for this audit run (the
    source index, if any, at the same path on the worker: shared storage)."""
    from .. import audit

    audit.ensure_worker(options, default_policy, run, index)
    return [audit.check_task(task) for task in batch]

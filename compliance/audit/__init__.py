"""Audits: many pages checked in worker processes, results stored as they finish.

Every page gets a result (passed, failed or errored); one bad page never stops
the audit. Results go to the SQLite store (store.py) one by one, so a killed
audit resumes where it stopped, and a re-run skips pages whose page, source,
policy and variables are unchanged. Reports read the results back from the
store: this process holds none of them, however many pages an audit has.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..engine import AUTO, Checker, Job
from ..errors import ComplianceError
from ..fetch import Fetcher, FetchOptions
from ..policy import builtin_names, rules_dir
from ..reading import read_bytes
from ..reporters.summary import Tally, tallied
from ..version import VERSION
from .cluster import cluster_outcomes
from .inputs import Listing
from .store import Store, StoredResults

_checker: Checker | None = None  # one per worker process
_settings: tuple | None = None  # the fetch options, default policy and audit run it was made for
MAX_CHUNK = 8
TASKS_IN_FLIGHT_PER_CHUNK = 4  # chunks a worker may have queued: enough to keep it busy between answers
WINDOW_POLL_SECONDS = 0.2
COMMIT_SECONDS = 0.2  # results are committed as they come, at most this often: a kill loses what came since


@dataclass
class AuditRun:
    results: StoredResults
    checked: int
    skipped: int
    tally: Tally  # counted in one pass over the stored results, for the run's record and its exit code


def run_audit(
    listing: Listing,
    store: Store,
    options: FetchOptions,
    default_policy: str,
    workers: int,
    progress: Callable[[int], None] = lambda done: None,
    scheduler: str | None = None,
    index: str | None = None,
) -> AuditRun:
    """Check every job listed (or reuse its stored result when nothing it depends on changed), in `workers`
    local processes or, given a Dask `scheduler` address, on that cluster. Jobs are read from the listing as
    the workers free up, and a page's stored fingerprint is looked up as its job goes out. With a source
    `index`, a page that declares no source is checked against the indexed article it reproduces most."""
    stored = store.fingerprint_lookup()
    tasks = ((index, job, stored(job.page)) for index, job in enumerate(listing.jobs()))
    run = store.begin_run()
    checked = skipped = 0
    committed_at = time.monotonic()
    if scheduler:
        outcomes = cluster_outcomes(tasks, listing.count, options, default_policy, scheduler, index)
    else:
        outcomes = _outcomes(tasks, listing.count, options, default_policy, workers, index)
    for position, page, fingerprint, text in outcomes:
        if text is None:
            store.keep(page, run, position)
            skipped += 1
        else:
            store.save(page, fingerprint, text, run, position)
            checked += 1
        if time.monotonic() - committed_at >= COMMIT_SECONDS:
            store.commit()
            committed_at = time.monotonic()
        progress(1)
    store.commit()
    results = store.results(run)
    tally = tallied(results)
    store.record_run(run, tally.pages, tally.by_rule)
    return AuditRun(results, checked, skipped, tally)


# (job index, page, fingerprint, result as JSON text; None: the stored result holds)
Outcome = tuple[int, str, str, "str | None"]


def _outcomes(tasks: Iterator, count: int, options: FetchOptions, default_policy: str, workers: int, index: str | None):
    if workers <= 1 or count <= 1:
        _start_worker(options, default_policy, "", index)
        yield from map(check_task, tasks)
        return
    chunk = _chunk_size(count, workers)
    window = _Window(workers * chunk * TASKS_IN_FLIGHT_PER_CHUNK)
    with multiprocessing.Pool(workers, _start_worker, (options, default_policy, "", index)) as pool:
        try:
            for outcome in pool.imap_unordered(check_task, window.feed(tasks), chunksize=chunk):
                window.done()
                yield outcome
        except BaseException:
            pool.terminate()
            raise
        finally:
            window.close()


class _Window:
    """At most `size` tasks handed to the pool and not yet answered. The pool's feeding thread would
    otherwise read the whole manifest into its queue at once."""

    def __init__(self, size: int) -> None:
        self._free = threading.Semaphore(size)
        self._closed = threading.Event()

    def feed(self, tasks: Iterator) -> Iterator:
        for task in tasks:
            while not self._free.acquire(timeout=WINDOW_POLL_SECONDS):
                if self._closed.is_set():  # the audit stopped: the pool's thread must not wait for ever
                    return
            yield task

    def done(self) -> None:
        self._free.release()

    def close(self) -> None:
        self._closed.set()


def _chunk_size(tasks: int, workers: int) -> int:
    """Pages handed to a worker at a time: a few when there are many, to save round trips, and
    never so many that a killed audit loses much or the last worker finishes long after the others."""
    return max(1, min(MAX_CHUNK, tasks // (workers * 32)))


def _start_worker(options: FetchOptions, default_policy: str, run: str = "", index: str | None = None) -> None:
    global _checker, _settings
    finder = None
    if index:
        from ..index import SourceIndex  # each process its own connection to the index

        finder = SourceIndex(Path(index)).candidates
    _checker = Checker(Fetcher(options), default_policy, finder)
    _settings = (options, default_policy, run, index)
    _digest_of_source.cache_clear()  # a new run: files may have changed since the last one in this process
    _digest_of_policies.cache_clear()


def ensure_worker(options: FetchOptions, default_policy: str, run: str, index: str | None) -> None:
    """A long-lived worker (a Dask worker's process) keeps its checker from batch to batch of one audit run,
    and starts afresh for the next run (whose files may have changed)."""
    if _checker is None or _settings != (options, default_policy, run, index):
        _start_worker(options, default_policy, run, index)


def check_task(task: tuple[int, Job, str | None]) -> Outcome:
    index, job, known = task
    assert _checker is not None
    fingerprint = _fingerprint(job, _checker)
    if fingerprint and fingerprint == known:
        return index, job.page, fingerprint, None
    result = _checker.check(job)
    text = json.dumps(result.to_json(), ensure_ascii=False)  # a string crosses between processes faster than a tree
    return index, job.page, fingerprint if not result.error else "", text


def _fingerprint(job: Job, checker: Checker) -> str:
    """What a page's result depends on, hashed; "" when the page cannot be read (never reused)."""
    digest = hashlib.sha256(VERSION.encode())
    digest.update(json.dumps([job.page, job.policy, job.source, sorted(job.variables.items())]).encode())
    try:
        digest.update(read_bytes(job.location, checker.fetcher))
        if job.source:
            digest.update(_digest_of_source(job.source, checker))
    except ComplianceError:
        return ""
    digest.update(_digest_of_policies(job.policy))
    if _settings and _settings[3]:  # a rebuilt index may find another source
        status = os.stat(_settings[3])
        digest.update(f"{_settings[3]}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.hexdigest()


@functools.cache
def _digest_of_policies(policy: str) -> bytes:
    """The policy files a job may read (the named file and the built-ins `auto` chooses among), hashed once a run."""
    digest = hashlib.sha256()
    files = [str(rules_dir() / f"{name}.yaml") for name in builtin_names()]
    if policy != AUTO and os.path.isfile(policy):
        files.insert(0, policy)
    for path in files:
        digest.update(path.encode())
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.digest()


@functools.lru_cache(maxsize=4096)  # the sources used last: a network's audit may name one a page
def _digest_of_source(location: str, checker: Checker) -> bytes:
    """A source's bytes hashed once a run: an audit of one source's republications reads it once."""
    return hashlib.sha256(read_bytes(location, checker.fetcher)).digest()

"""`compliance audit --scheduler`: the audit on a real Dask cluster (a `distributed.LocalCluster` of two
worker processes on 127.0.0.1), against the same audit in local processes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests import samples
from tests.conftest import run_cli
from tests.test_audit import VARS, audit_counting_reads, kill_part_way_and_resume

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as running:
        yield running.scheduler_address


@pytest.fixture
def site(write, tmp_path):
    """Forty pages: compliant ones, dead links, altered bodies, a missing notice, one unreadable."""
    write("original.txt", samples.ARTICLE_TEXT)
    altered = [p.replace("nearly eleven million", "about eleven million") for p in samples.PARAGRAPHS]
    kinds = [
        samples.republished(),
        samples.republished(credit=f'<p>Source: <a href="#">{samples.PUBLISHER}</a></p>'),
        samples.republished(paragraphs=altered),
        samples.republished(notice=""),
    ]
    for i in range(39):
        write(f"site/page-{i:02}.html", kinds[i % len(kinds)])
    write("site/page-99.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return tmp_path


def audit_args(site: Path, store: Path, *extra) -> list:
    """`compliance audit` of the site's pages against its original, into `store`."""
    source = ["--source", site / "original.txt", "--policy", "fair-use-notice", *VARS]
    return ["audit", site / "site", *source, "--store", store, *extra]


def audit(site: Path, store: Path, *extra) -> dict:
    run = run_cli(*audit_args(site, store, "--format", "json", *extra))
    assert run.code == 2, run.stderr  # the unreadable page errors; the batch answers every page
    return {r["page"]: r for r in run.json()["results"]}


def test_the_cluster_gives_the_same_verdicts_as_local_processes(site, cluster):
    local = audit(site, site / "local.sqlite", "--jobs", "1")
    remote = audit(site, site / "cluster.sqlite", "--scheduler", cluster)
    assert len(remote) == 40
    assert remote == local
    with sqlite3.connect(site / "cluster.sqlite") as db:
        assert {checks for (checks,) in db.execute("SELECT checks FROM results")} == {1}
    again = run_cli(*audit_args(site, site / "cluster.sqlite", "--scheduler", cluster))
    assert "1 checked, 39 unchanged" in again.stderr  # the unreadable page is tried again, the rest reused


def test_reports_from_the_cluster_are_the_reports_of_local_processes(site, cluster):
    reports = {}
    for name, extra in (("local", ["--jobs", "2"]), ("cluster", ["--scheduler", cluster])):
        run_cli(*audit_args(site, site / f"{name}.sqlite", "--report", site / f"{name}.html", *extra))
        reports[name] = (site / f"{name}.html").read_text()
    assert reports["cluster"] == reports["local"]


def test_the_scheduler_from_the_environment_and_an_unreachable_one(site, cluster, monkeypatch):
    monkeypatch.setenv("COMPLIANCE_SCHEDULER", cluster)
    assert len(audit(site, site / "env.sqlite")) == 40
    monkeypatch.setenv("COMPLIANCE_SCHEDULER", "tcp://127.0.0.1:9")
    run = run_cli("audit", site / "site", "--source", site / "original.txt", "--store", site / "x.sqlite")
    assert run.code == 2
    assert run.stderr.startswith("compliance: tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert "Traceback" not in run.stderr


def test_an_audit_on_the_cluster_killed_part_way_resumes(write, tmp_path, cluster):
    """The client killed mid-audit: the store holds what finished; the next run checks only the rest."""
    kill_part_way_and_resume(write, tmp_path, pages=120, kill_after=16, runner=["--scheduler", cluster])


def test_a_manifest_is_sent_to_the_cluster_as_it_frees_up(write, tmp_path, cluster):
    """A few batches a worker thread are in flight; the rest of the manifest is read as they come back."""
    rows, read_by_first_answer = audit_counting_reads(write, tmp_path, rows=600, scheduler=cluster)
    assert read_by_first_answer < rows // 2


def test_an_index_built_on_the_cluster_answers_as_one_built_here(write, tmp_path, cluster):
    """The workers read and shingle the sources; the client writes the one index file."""
    from tests.test_index import OTHER, THIRD, article_page

    write("sources/library.html", samples.source_page())
    write("sources/harbour.html", article_page(OTHER))
    write("sources/press.txt", "\n\n".join(THIRD))
    write("sources/broken.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    here = run_cli("index", "build", tmp_path / "here.sqlite", tmp_path / "sources")
    there = run_cli("index", "build", tmp_path / "there.sqlite", tmp_path / "sources", "--scheduler", cluster)
    assert here.code == there.code == 2 and "broken.html: binary data" in there.stderr
    assert "index: 3 articles added, 3 in" in there.stderr
    page = write("page.html", samples.republished())
    answers = [
        run_cli("find-source", page, "--index", tmp_path / name, "--format", "json").json()["results"][0]["sources"]
        for name in ("here.sqlite", "there.sqlite")
    ]
    assert answers[0] == answers[1] and answers[0][0]["location"].endswith("library.html")


def test_a_short_audit_is_cut_into_batches_every_worker_thread_shares():
    """Long work goes in the largest batches (scheduling stays a small share); short work in smaller ones, so
    that a cluster's threads all get some: 500 pages in batches of 64 would keep 8 of 20 threads busy."""
    from compliance.cluster import BATCHES_PER_THREAD, batch_size

    assert batch_size(1_000_000, 20, 64) == 64
    assert batch_size(500, 20, 64) * 20 * BATCHES_PER_THREAD <= 500
    assert batch_size(5, 20, 64) == 1

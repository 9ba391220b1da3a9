"""`compliance audit`: every input kind, errors mid-batch, kill and resume, skipping unchanged pages."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import samples
from tests.conftest import run_cli
from tests.test_fetch import Site

VARS = [arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")]


@pytest.fixture
def pages(write, tmp_path):
    """A small site: two compliant pages, one with a dead link, the original article."""
    write("original.txt", samples.ARTICLE_TEXT)
    write("site/one.html", samples.republished())
    write(
        "site/two.md",
        "# Title\n\n" + "\n\n".join(samples.PARAGRAPHS) + "\n\nOriginally published by "
        f"[Riverton Ledger]({samples.SOURCE_URL}).\n\nCopyright © Riverton Ledger, 2024\n\n{samples.NOTICE}\n",
    )
    write("site/dead-link.html", samples.republished(credit='<p>Source: <a href="#">Riverton Ledger</a></p>'))
    return tmp_path


def audit(*args, store: Path, jobs: int = 2):
    return run_cli(
        "audit", *args, "--policy", "fair-use-notice", *VARS, "--format", "json", "--store", store, "--jobs", jobs
    )


def verdict(run) -> dict[str, str]:
    return {
        r["page"].rsplit("/", 1)[-1]: "errored" if "error" in r else "passed" if r["passed"] else "failed"
        for r in run.json()["results"]
    }


def test_a_csv_manifest_with_relative_paths_and_variables(pages, write):
    manifest = write(
        "manifest.csv",
        "page,source,policy,var.notice-site\n"
        "site/one.html,original.txt,fair-use-notice,\n"
        "site/dead-link.html,original.txt,,\n"
        "site/two.md,original.txt,cc-by-4.0,Other Site\n",
    )
    run = audit(manifest, store=pages / "s.sqlite")
    assert run.code == 1
    results = run.json()["results"]
    assert [r["page"] for r in results] == ["site/one.html", "site/dead-link.html", "site/two.md"]
    assert [r["policy"] for r in results] == ["fair-use-notice", "fair-use-notice", "cc-by-4.0"]
    assert verdict(run) == {"one.html": "passed", "dead-link.html": "failed", "two.md": "failed"}


def test_a_json_lines_manifest(pages, write):
    manifest = write(
        "m.jsonl",
        json.dumps({"page": "site/one.html", "source": "original.txt"})
        + "\n\n"
        + json.dumps({"page": "site/two.md", "source": "original.txt", "vars": {"notice-site": "This site"}}),
    )
    assert verdict(audit(manifest, store=pages / "s.sqlite")) == {"one.html": "passed", "two.md": "passed"}


def test_a_directory_and_a_list_of_paths(pages, write):
    source = ["--source", pages / "original.txt"]
    by_dir = audit(pages / "site", *source, store=pages / "a.sqlite")
    assert verdict(by_dir) == {"dead-link.html": "failed", "one.html": "passed", "two.md": "passed"}
    listing = write("pages.txt", "# pages to audit\nsite/one.html\n\nsite/two.md\n")
    assert verdict(audit(listing, *source, store=pages / "b.sqlite")) == {"one.html": "passed", "two.md": "passed"}


def test_a_sitemap_index_by_url(pages):
    site = Site()
    try:
        urls = [site.url("/page.html"), site.url("/missing")]
        site_routes = site.routes
        site.routes = lambda: {
            **site_routes(),
            "/sitemap.xml": (
                200,
                {"Content-Type": "application/xml"},
                f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>'
                f"{site.url('/pages.xml')}</loc></sitemap></sitemapindex>".encode(),
            ),
            "/pages.xml": (
                200,
                {"Content-Type": "application/xml"},
                (
                    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join(f"<url><loc>{u}</loc></url>" for u in urls)
                    + "</urlset>"
                ).encode(),
            ),
        }
        run = audit(
            site.url("/sitemap.xml"),
            "--source",
            site.url("/source.html"),
            "--cache-dir",
            pages / "c",
            store=pages / "s.sqlite",
        )
    finally:
        site.close()
    assert run.code == 2
    assert verdict(run) == {"page.html": "failed", "missing": "errored"}
    page, missing = run.json()["results"]
    # --var source.url names the publisher's address, the served page links to the test server's copy
    assert [f["rule"] for f in page["findings"] if not f["passed"] and f["level"] == "error"] == ["source-link"]
    assert "HTTP 404" in missing["error"]


def test_a_bad_page_mid_batch_is_errored_and_the_rest_checked(pages, write):
    write("site/middle.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 not html")
    run = audit(pages / "site", "--source", pages / "original.txt", store=pages / "s.sqlite")
    assert run.code == 2
    assert verdict(run) == {
        "dead-link.html": "failed",
        "middle.html": "errored",
        "one.html": "passed",
        "two.md": "passed",
    }
    assert run.stderr.strip().endswith("middle.html: binary data, not an HTML, Markdown or text document")


def test_an_audits_exit_code_follows_fail_on_and_names_the_first_of_its_errored_pages(pages, write):
    """The exit code and the error line come from the tally the audit keeps of its stored results."""
    args = [pages / "site", "--source", pages / "original.txt"]
    assert audit(*args, "--fail-on", "never", store=pages / "s.sqlite").code == 0
    assert audit(*args, "--fail-on", "error", store=pages / "s.sqlite").code == 1  # dead-link.html
    write("site/a.html", b"%PDF-1.7 not html")
    write("site/b.html", b"\x89PNG\r\n\x1a\n not html")
    run = audit(*args, "--fail-on", "never", store=pages / "s.sqlite")
    assert run.code == 2
    assert (
        run.stderr.strip()
        .splitlines()[-1]
        .endswith("a.html: binary data, not an HTML, Markdown or text document (and 1 more)")
    )


def test_a_rerun_skips_unchanged_pages_and_rechecks_changed_ones(pages):
    store = pages / "s.sqlite"
    args = [pages / "site", "--source", pages / "original.txt"]
    first = audit(*args, store=store)
    assert "3 checked, 0 unchanged" in first.stderr
    again = audit(*args, store=store)
    assert "0 checked, 3 unchanged" in again.stderr
    assert again.json() == first.json()
    (pages / "site" / "dead-link.html").write_text(samples.republished())
    fixed = audit(*args, store=store)
    assert "1 checked, 2 unchanged" in fixed.stderr
    assert verdict(fixed)["dead-link.html"] == "passed"


def test_a_report_lists_the_pages_of_its_own_run_in_the_listings_order(pages, write):
    """Reports are read back from the store, which also holds pages an earlier run listed: a run's report has
    exactly the pages it listed, in the order listed, whether they were checked or reused from the store."""
    store = pages / "s.sqlite"

    def listing(name: str, *listed: str) -> Path:
        return write(name, "page,source\n" + "".join(f"site/{page},original.txt\n" for page in listed))

    write("site/new.html", samples.republished())
    assert list(verdict(audit(listing("all.csv", "one.html", "two.md", "dead-link.html"), store=store))) == [
        "one.html",
        "two.md",
        "dead-link.html",
    ]
    assert list(verdict(audit(listing("fewer.csv", "dead-link.html", "two.md"), store=store))) == [
        "dead-link.html",
        "two.md",
    ]
    run = audit(listing("new.csv", "new.html", "one.html"), store=store)
    assert "1 checked, 1 unchanged" in run.stderr
    assert list(verdict(run)) == ["new.html", "one.html"]


def test_pages_of_a_killed_audit_are_not_reported_by_the_next_one(pages):
    """A killed audit leaves results of its run in the store; the next audit, of other pages, reports only its own."""
    from compliance.audit.store import Store

    store = Store(pages / "s.sqlite")
    killed = store.begin_run()
    store.save("elsewhere.html", "0" * 64, json.dumps({"page": "elsewhere.html", "findings": []}), killed, 0)
    store.close()
    run = audit(pages / "site", "--source", pages / "original.txt", store=pages / "s.sqlite")
    assert sorted(verdict(run)) == ["dead-link.html", "one.html", "two.md"]


def test_a_store_from_the_previous_version_is_reused(pages):
    """A store written before results kept their run: its results still count (nothing is checked again)."""
    store = pages / "s.sqlite"
    args = [pages / "site", "--source", pages / "original.txt"]
    first = audit(*args, store=store)
    db = sqlite3.connect(store)
    db.executescript(
        "DROP INDEX results_by_run; ALTER TABLE results DROP COLUMN run; ALTER TABLE results DROP COLUMN position"
    )
    db.close()
    again = audit(*args, store=store)
    assert "0 checked, 3 unchanged" in again.stderr
    assert again.json() == first.json()


def test_reports_from_an_audit(pages):
    report = pages / "report.html"
    run = run_cli(
        "audit",
        pages / "site",
        "--source",
        pages / "original.txt",
        "--policy",
        "fair-use-notice",
        *VARS,
        "--format",
        "junit",
        "--report",
        report,
        "--store",
        pages / "s.sqlite",
    )
    assert run.code == 1 and run.stdout.startswith("<?xml")
    html = report.read_text()
    assert html.count("<tbody class='page'") == 3 and "src=" not in html and 'href="http' not in html


def test_an_audit_killed_part_way_resumes_with_no_page_lost_or_done_twice(write, tmp_path):
    """SIGKILL mid-audit, run again: every page has one result and was checked exactly once."""
    kill_part_way_and_resume(write, tmp_path, pages=80, kill_after=5, runner=["--jobs", "1"])


def kill_part_way_and_resume(write, tmp_path: Path, pages: int, kill_after: int, runner: list[str]) -> None:
    """Audit `pages` long pages in a subprocess, SIGKILL it once `kill_after` results are stored, run it
    again: the second run checks only the rest, and every page was checked exactly once."""
    long_article = "\n\n".join(f"{p} (Part {i}.)" for i in range(12) for p in samples.PARAGRAPHS)
    write("original.txt", long_article)
    page = samples.republished(paragraphs=long_article.split("\n\n"))
    for i in range(pages):
        write(f"site/page-{i:03}.html", page)
    store = tmp_path / "s.sqlite"
    command = [str(Path(sys.executable).parent / "compliance"), "audit", str(tmp_path / "site")]
    command += ["--source", str(tmp_path / "original.txt"), "--policy", "fair-use-notice", *VARS, *runner]
    command += ["--store", str(store), "--format", "json", "--output", str(tmp_path / "out.json")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while _stored(store) < kill_after and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    done = _stored(store)
    assert kill_after <= done < pages, "the audit must be killed part-way"
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert f"{pages - done} checked, {done} unchanged" in resumed.stderr
    results = json.loads((tmp_path / "out.json").read_text())["results"]
    assert sorted(r["page"].rsplit("/", 1)[-1] for r in results) == [f"page-{i:03}.html" for i in range(pages)]
    with sqlite3.connect(store) as db:
        assert {checks for (checks,) in db.execute("SELECT checks FROM results")} == {1}


def _stored(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(store) as db:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize(
    ("name", "text", "error"),
    [
        ("m.csv", "page,source\nsite/a.html,x\n,missing-page\n", "m.csv:3: no `page` in this row"),
        (
            "m.csv",
            "page,source\nsite/a.html,x,extra\n",
            "m.csv:2: this row has more values than the header has columns",
        ),
        ("m.jsonl", '{"page": "a.html", "vars": [1]}\n', "m.jsonl:1: `vars` must be an object of names and values"),
    ],
)
def test_manifest_errors_name_the_line(write, tmp_path, name, text, error):
    run = audit(write(name, text), store=tmp_path / "s.sqlite")
    assert run.code == 2 and run.stderr.strip().endswith(error) and "Traceback" not in run.stderr


def test_a_page_named_with_a_nul_byte_is_reported_as_errored(write, tmp_path):
    """No file can have that name: the page errs with a one-line reason, the audit goes on to the next."""
    write("original.txt", samples.ARTICLE_TEXT)
    write("a.html", samples.republished())
    run = audit(write("m.csv", "page,source\n\x00,original.txt\na.html,original.txt\n"), store=tmp_path / "s.sqlite")
    assert run.code == 2 and "\\x00': cannot read (embedded null byte)" in run.stderr and "Traceback" not in run.stderr
    assert verdict(run)["a.html"] == "passed"


def test_progress_stays_quiet_in_ci(pages, monkeypatch):
    monkeypatch.setenv("CI", "true")
    run = audit(pages / "site", "--source", pages / "original.txt", store=pages / "s.sqlite")
    assert "checking" not in run.stderr
    assert os.environ["CI"] == "true"


def test_an_internal_error_costs_one_page_not_the_batch(pages, monkeypatch):
    from compliance.checks import copyright

    real = copyright.check

    def fragile(rule, context):
        if context.page.location.endswith("two.md"):
            raise ValueError("boom")
        return real(rule, context)

    monkeypatch.setattr(copyright, "check", fragile)
    run = audit(pages / "site", "--source", pages / "original.txt", store=pages / "s.sqlite", jobs=1)
    assert run.code == 2
    assert verdict(run) == {"dead-link.html": "failed", "one.html": "passed", "two.md": "errored"}
    assert "internal error while checking (ValueError: boom); please report it" in run.stderr


def test_a_manifest_is_read_as_the_workers_free_up_not_all_at_once(write, tmp_path):
    """The pool is handed a few chunks a worker ahead; the rest of the manifest is read as results come back
    (a manifest of millions of rows must never be held whole)."""
    rows, read_by_first_answer = audit_counting_reads(write, tmp_path, rows=400)
    assert read_by_first_answer < rows // 4


def audit_counting_reads(write, tmp_path, rows: int, scheduler: str | None = None) -> tuple[int, int]:
    """Audit a manifest of `rows` pages through the Python API: (rows, how many rows had been read from the
    manifest when the first result came back)."""
    from compliance.audit import run_audit
    from compliance.audit.inputs import read_listing
    from compliance.audit.store import Store
    from compliance.engine import Job
    from compliance.fetch import Fetcher, FetchOptions

    write("original.txt", samples.ARTICLE_TEXT)
    write("page.html", samples.republished())
    manifest = write("m.csv", "page,source\n" + "".join(f"page.html?{i},original.txt\n" for i in range(rows)))
    listing = read_listing(str(manifest), Fetcher(), Job("", "fair-use-notice", None, samples.VARIABLES))
    assert listing.count == rows
    read, read_at_answers = [], []
    every_job = listing.jobs

    def counted_jobs():
        for job in every_job():
            read.append(job)
            yield Job(str(tmp_path / "page.html"), job.policy, job.source, job.variables, job.page)

    listing.jobs = counted_jobs
    store = Store(tmp_path / "s.sqlite")

    def answered(done: int) -> None:
        read_at_answers.append(len(read))

    run = run_audit(listing, store, FetchOptions(), "auto", 2, answered, scheduler)
    assert len(run.results) == rows and run.checked == rows and len(read) == rows
    store.close()
    return rows, read_at_answers[0]


def test_a_worker_keeps_a_bounded_number_of_sources_however_many_the_audit_names(write, monkeypatch):
    """A network's audit may name a different source on every page: a worker keeps the sources it read last,
    not every source of the run (each weighs about half a megabyte once read)."""
    import gc
    import tracemalloc

    from compliance import engine
    from compliance.engine import Checker, Job

    monkeypatch.setattr(engine, "MAX_SOURCES_KEPT", 2)
    article = "\n\n".join(samples.PARAGRAPHS * 20)
    page = write("page.html", samples.republished())
    jobs = [
        Job(str(page), "fair-use-notice", str(write(f"sources/{n}.txt", f"Story {n}.\n\n{article}")), samples.VARIABLES)
        for n in range(12)
    ]
    checker = Checker()
    tracemalloc.start()
    try:
        held = []
        for job in jobs:
            checker.check(job)
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    one_source = (held[1] - held[0]) or 1
    assert held[-1] - held[2] < one_source  # flat once two are kept: not ten more sources' worth

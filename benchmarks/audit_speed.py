#!/usr/bin/env python3
"""Audit throughput and memory, against bare lxml parsing of the same pages in the same run.

    python benchmarks/audit_speed.py [CORPUS]     # default ../shared/corpus, else generated pages

Prints pages/second for `compliance audit --jobs 1` and with every core, the
bare lxml parse rate of the same files, the ratios the targets name, the peak
memory of an audit's largest process, and the peak memory of checking one
20 MB page. Each audit starts from an empty store and cache, and its time
includes the command's start-up, as a user's would. The runs compared (one job
and one a core; one Dask worker and one a core) are made in rounds, each pair
one after the other, and the median is printed with each round's ratio: on a
shared machine one pair alone can be off by a tenth.

With the corpus, it also times the phases of checking its real news pages
(each against its own article and another's, as the corpus's real-page cases
do) in this process: bare parse, the document model, the checks. Those pages
weigh what pages on the web weigh, so the split shows where a page's time goes.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
COMPLIANCE = [sys.executable, "-c", "from compliance.cli import main; main()"]


def corpus_manifest(corpus: Path, folder: Path) -> tuple[Path, list[Path]]:
    """A manifest of the corpus's republished pages, each with its source text, policy and variables."""
    manifest = folder / "manifest.csv"
    cases = [json.loads(line) for line in (corpus / "cases.jsonl").read_text().splitlines()]
    names = sorted({key for case in cases for key in case["vars"]})
    pages = []
    with manifest.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["page", "source", "policy", *(f"var.{name}" for name in names)])
        for case in cases:
            if case["kind"] != "syndication":
                continue
            pages.append(corpus / case["page"])
            writer.writerow(
                [
                    corpus / case["page"],
                    corpus / case["source_text"],
                    corpus / case["policy"],
                    *(case["vars"].get(name, "") for name in names),
                ]
            )
    return manifest, pages


def generated_manifest(folder: Path) -> tuple[Path, list[Path]]:
    """Without the corpus: 300 pages built from the test suite's sample article."""
    sys.path.insert(0, str(ROOT))
    from tests import samples

    (folder / "original.txt").write_text(samples.ARTICLE_TEXT)
    pages = []
    for i in range(300):
        page = folder / f"page-{i:03}.html"
        page.write_text(samples.republished())
        pages.append(page)
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["page", "source", "policy", *(f"var.{k}" for k in samples.VARIABLES)])
        writer.writerows([p, folder / "original.txt", "fair-use-notice", *samples.VARIABLES.values()] for p in pages)
    return manifest, pages


def bare_parse_rate(pages: list[Path]) -> float:
    data = [page.read_bytes() for page in pages]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for content in data:
            lxml.html.document_fromstring(content)
        best = min(best, time.perf_counter() - start)
    return len(data) / best


def real_page_phases(corpus: Path) -> tuple[int, float, dict[str, float]]:
    """Pages, their average KB, and milliseconds a page for each phase of checking the corpus's real pages.

    Each page is read cold: the stylesheet caches are emptied first (these pages come from different sites;
    the pages of one site share their sheets, which an audit of that site reads once). The same page read
    again, its sheets known, is timed too."""
    sys.path.insert(0, str(ROOT))
    import compliance
    from compliance.reading import visibility

    # what the module remembers of the sheets it has seen (its functions' caches, its sheets' rules)
    caches = [kept for kept in vars(visibility).values() if hasattr(kept, "cache_clear") and not isinstance(kept, type)]
    cases = [json.loads(line) for line in (corpus / "cases.jsonl").read_text().splitlines()]
    cases = [case for case in cases if case["kind"] == "real-page"]
    sources = {case["source_text"]: compliance.read_source(str(corpus / case["source_text"])) for case in cases}
    policies = {case["policy"]: compliance.load_policy(str(corpus / case["policy"])) for case in cases}
    data = [(corpus / case["page"]).read_bytes() for case in cases]
    phases = ["bare lxml parse", "document model", "checks", "document model, sheets known"]
    totals = dict.fromkeys(phases, 0.0)
    for _ in range(3):
        for case, content in zip(cases, data):
            for cached in caches:
                cached.cache_clear()
            start = time.perf_counter()
            lxml.html.document_fromstring(content)
            parsed = time.perf_counter()
            page = compliance.read_document(str(corpus / case["page"]))
            read = time.perf_counter()
            compliance.check_page(page, policies[case["policy"]], sources[case["source_text"]], {})
            checked = time.perf_counter()
            compliance.read_document(str(corpus / case["page"]))
            totals["bare lxml parse"] += parsed - start
            totals["document model"] += read - parsed
            totals["checks"] += checked - read
            totals["document model, sheets known"] += time.perf_counter() - checked
    size = sum(map(len, data)) / len(data) / 1024
    return len(cases), size, {phase: seconds / (3 * len(cases)) * 1000 for phase, seconds in totals.items()}


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds, and the peak resident MB of the largest process the command ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def audit_rate(manifest: Path, pages: int, jobs: int, folder: Path) -> tuple[float, float]:
    folder.mkdir(exist_ok=True)
    store, cache = folder / f"store-{jobs}.sqlite", folder / f"cache-{jobs}"
    command = [
        *COMPLIANCE,
        "audit",
        str(manifest),
        "--jobs",
        str(jobs),
        "--store",
        str(store),
        "--format",
        "json",
        "--output",
        os.devnull,
    ]
    elapsed, peak = timed(command, {**os.environ, "COMPLIANCE_CACHE_DIR": str(cache), "CI": "true"})
    return pages / elapsed, peak


def dask_rate(manifest: Path, pages: int, workers: int, folder: Path) -> float | None:
    """Pages/s of the audit on a running Dask cluster of `workers` local worker processes (the cluster is
    started first, as a user's would already be running); None without Dask installed."""
    try:
        from distributed import LocalCluster
    except ImportError:
        return None
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        folder.mkdir(exist_ok=True)
        store, cache = folder / f"store-dask-{workers}.sqlite", folder / f"cache-dask-{workers}"
        command = [*COMPLIANCE, "audit", str(manifest), "--scheduler", cluster.scheduler_address, "--store", str(store)]
        command += ["--format", "json", "--output", os.devnull]
        elapsed, _ = timed(command, {**os.environ, "COMPLIANCE_CACHE_DIR": str(cache), "CI": "true"})
    return pages / elapsed


ROUNDS = 3  # pairs of runs compared, a round at a time: the machine may be shared, and one pair be off by a tenth
MANIFEST_ROWS = 1_000_000
LISTING = """
import re, sys, time
from compliance.audit.inputs import read_listing
from compliance.engine import Job
from compliance.fetch import Fetcher
def peak():  # this process's own high-water mark (ru_maxrss would carry the forking parent's over)
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
before = peak()
start = time.perf_counter()
listing = read_listing(sys.argv[1], Fetcher(), Job("", "auto", None, {}))
rows = sum(1 for _ in listing.jobs())
print(listing.count, rows, time.perf_counter() - start, before, peak())
"""


def manifest_reading(folder: Path) -> tuple[int, float, float, float]:
    """Rows, seconds, and peak MB before and after reading a manifest of a million rows twice as an audit
    does (checked and counted, then every job made), in a fresh process: the listing is never held whole."""
    manifest = folder / "million.csv"
    with manifest.open("w") as handle:
        handle.write("page,source,var.source.url\n")
        handle.writelines(
            f"site/page-{i}.html,originals/{i % 5000}.txt,https://example.org/{i}\n" for i in range(MANIFEST_ROWS)
        )
    out = subprocess.run([sys.executable, "-c", LISTING, str(manifest)], capture_output=True, text=True, check=True)
    count, rows, seconds, before, after = out.stdout.split()
    assert int(count) == int(rows) == MANIFEST_ROWS
    return int(rows), float(seconds), int(before) / 1024, int(after) / 1024


def store_rates(folder: Path, results: int = 20_000) -> tuple[float, float]:
    """Results a second the one store takes, saved as an audit saves them (committed every COMMIT_SECONDS),
    and, as the baseline, committed one by one: the store, written by the one client, is what limits an
    audit on a cluster."""
    sys.path.insert(0, str(ROOT))
    from compliance.audit import COMMIT_SECONDS
    from compliance.audit.store import Store

    text = json.dumps({"page": "p", "policy": "fair-use-notice", "findings": [{"message": "m" * 300}] * 6})
    rates = []
    for each_one in (False, True):
        store = Store(folder / f"rate-{each_one}.sqlite")
        run = store.begin_run()
        start = committed = time.perf_counter()
        for position in range(results):
            store.save(f"page-{position}.html", "0" * 64, text, run, position)
            if each_one or time.perf_counter() - committed >= COMMIT_SECONDS:
                store.commit()
                committed = time.perf_counter()
        store.commit()
        rates.append(results / (time.perf_counter() - start))
        store.close()
    return rates[0], rates[1]


def audit_memory_by_pages(folder: Path, counts: tuple[int, ...] = (500, 5000)) -> dict[int, float]:
    """Peak MB of `audit --jobs 1 --format json` over `count` small pages, each republishing an article of its
    own (a network's audit), for each count: results are stored as they finish and reports read them back a
    page at a time, and a worker keeps the sources it used last, so the peak should not grow with the pages."""
    sys.path.insert(0, str(ROOT))
    from tests import samples

    page = samples.republished(credit='<p>Source: <a href="#">Riverton Ledger</a></p>')  # fails: findings to hold
    peaks = {}
    for count in counts:
        manifest = folder / f"small-{count}.csv"
        with manifest.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["page", "source", "policy", *(f"var.{k}" for k in samples.VARIABLES)])
            for i in range(count):
                path, source = folder / f"small-{i}.html", folder / f"original-{i}.txt"
                if not path.exists():
                    path.write_text(page)
                    source.write_text(f"Story {i}.\n\n{samples.ARTICLE_TEXT}")
                writer.writerow([path, source, "fair-use-notice", *samples.VARIABLES.values()])
        command = [*COMPLIANCE, "audit", str(manifest), "--jobs", "1", "--store", str(folder / f"small-{count}.sqlite")]
        command += ["--format", "json", "--output", os.devnull]
        script = (
            "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True)
        peaks[count] = int(out.stdout) / 1024
    return peaks


def big_pages(folder: Path) -> dict[str, Path]:
    """Two 20 MB pages of different shapes: 110,000 paragraphs, and one paragraph of three million words."""
    sys.path.insert(0, str(ROOT))
    from tests import samples

    paragraphs, one = folder / "big-paragraphs.html", folder / "big-one-paragraph.html"
    body = "".join(f"<p>{p} ({i})</p>\n" for i in range(110_000) for p in samples.PARAGRAPHS[:1])
    paragraphs.write_text(f"<html><body><article>{body}</article></body></html>")
    words = " ".join(samples.ARTICLE_TEXT.split())
    one.write_text(f"<html><body><p>{' '.join([words] * 19_000)}</p></body></html>")
    return {"110,000 paragraphs": paragraphs, "one paragraph": one}


def big_page_memory(page: Path) -> tuple[list[float], float]:
    """Peak MB of checking one big page, in a fresh process, three times (the allocator's
    placement varies from run to run by about 10%); and the page's size in MB."""
    size = page.stat().st_size / 2**20
    command = [*COMPLIANCE, "check", str(page), "--policy", "fair-use-notice", "--format", "json"]
    script = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    peaks = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True)
        peaks.append(int(out.stdout) / 1024)
    return sorted(peaks), size


def compared(rounds: list[list[float]]) -> tuple[float, float, list[float]]:
    """The median rate of each of the two runs a round makes, and each round's ratio of the second to the
    first, sorted: each ratio is of runs made one after the other, while the machine's load held."""
    ratios = sorted(second / first for first, second in rounds)
    return statistics.median(first for first, _ in rounds), statistics.median(second for _, second in rounds), ratios


def ratio_text(ratios: list[float], baseline: str, target: float) -> str:
    """`1.84x --jobs 1, the median of 3 rounds (1.76, 1.84, 1.91; target …)`."""
    rounds = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    median = statistics.median(ratios)
    return f"{median:.2f}x {baseline}, the median of {ROUNDS} rounds ({rounds}; target >= {target} on 2 cores)"


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if (corpus / "cases.jsonl").exists():
            manifest, pages = corpus_manifest(corpus, folder)
            origin = f"the shared corpus ({corpus})"
        else:
            manifest, pages = generated_manifest(folder)
            origin = "generated pages"
        bare = bare_parse_rate(pages)
        local_rounds = [  # (rate, peak MB) with --jobs 1 and with a job a core
            [audit_rate(manifest, len(pages), jobs, folder / f"local-round-{round_}") for jobs in (1, cores)]
            for round_ in range(ROUNDS)
        ]
        dask_rounds = [  # rates of one worker and of one a core, a round at a time: the machine may be shared
            [dask_rate(manifest, len(pages), workers, folder / f"dask-round-{round_}") for workers in (1, cores)]
            for round_ in range(ROUNDS)
        ]
        big = {shape: big_page_memory(page) for shape, page in big_pages(folder).items()}
        rows, listing_seconds, listing_before, listing_after = manifest_reading(folder)
        by_pages = audit_memory_by_pages(folder)
        batched, one_by_one = store_rates(folder)
    if (corpus / "cases.jsonl").exists():
        count, size, phases = real_page_phases(corpus)
        bare_ms, checks_ms = phases["bare lxml parse"], phases["checks"]
        print(f"real news pages: {count} checks of the corpus's own pages ({size:.0f} KB on average), in-process")
        for phase, ms in phases.items():
            print(f"  {phase + ':':30} {ms:6.2f} ms a page = {bare_ms / ms:.2f} of the bare parse rate")
        for read, sheets in (("document model", "new"), ("document model, sheets known", "known")):
            total_ms = phases[read] + checks_ms
            rate = f"{1000 / total_ms:6.1f} pages/s checked"
            print(f"  = {rate}, {bare_ms / total_ms:.2f} of the bare parse rate (sheets {sheets})")
        print()
    print(f"pages: {len(pages)} from {origin}; machine: {cores} cores")
    print(f"bare lxml parse:          {bare:8.1f} pages/s")
    one, many, ratios = compared([[rate for rate, _ in pair] for pair in local_rounds])
    print(f"audit --jobs 1:           {one:8.1f} pages/s  = {one / bare:.2f} of bare parse (median; target >= 0.33)")
    print(f"audit --jobs {cores}:           {many:8.1f} pages/s (median); {ratio_text(ratios, '--jobs 1', 1.8)}")
    if all(one and many for one, many in dask_rounds):
        one, many, ratios = compared(dask_rounds)
        print(f"audit on Dask, 1 worker:  {one:8.1f} pages/s (median)")
        print(f"audit on Dask, {cores} workers: {many:7.1f} pages/s (median); {ratio_text(ratios, 'one worker', 1.6)}")
    peak = max(peak for pair in local_rounds for _, peak in pair)
    print(f"peak memory, largest process of an audit: {peak:6.0f} MB (target <= 250)")
    print(
        f"a manifest of {rows:,} rows read twice (checked and counted, then every job made): {listing_seconds:.1f} s, "
        f"peak {listing_before:.0f} MB before, {listing_after:.0f} MB after (never held whole)"
    )
    print(
        "peak memory of an audit by its pages, each with a source of its own (--jobs 1, JSON report): "
        + ", ".join(f"{count:,} pages {peak:.0f} MB" for count, peak in by_pages.items())
        + " (results read back from the store, the sources used last kept: flat)"
    )
    print(
        f"the store, written by the one client: {batched:,.0f} results a second committed a few times a second, "
        f"{one_by_one:,.0f} committed one by one (= {batched / one_by_one:.1f}x)"
    )
    for shape, (peaks, size) in big.items():
        low, high = peaks[0], peaks[-1]
        print(
            f"one {size:.0f} MB page ({shape}) checked, 3 runs: peak {low:.0f}-{high:.0f} MB = "
            f"{low / size:.1f}-{high / size:.1f}x its size (target about 10x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

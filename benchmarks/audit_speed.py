#!/usr/bin/env python3
"""Audit throughput and memory, against bare lxml parsing of the same pages in the same run.

    python benchmarks/audit_speed.py [CORPUS]     # default ../shared/corpus, else generated pages

Prints pages/second for `compliance audit --jobs 1` and with every core, the
bare lxml parse rate of the same files, the ratios the targets name, the peak
memory of an audit's largest process, and the peak memory of checking one
20 MB page. Each audit starts from an empty store and cache, and its time
includes the command's start-up, as a user's would.
"""

from __future__ import annotations

import csv
import json
import os
import resource
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


def timed(command: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds, and the peak resident MB of the largest process the command ran."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def audit_rate(manifest: Path, pages: int, jobs: int, folder: Path) -> tuple[float, float]:
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


def big_page_memory(folder: Path) -> tuple[float, float]:
    """Peak MB of checking one 20 MB page (in a fresh process), and the page's size in MB."""
    sys.path.insert(0, str(ROOT))
    from tests import samples

    page = folder / "big.html"
    body = "".join(f"<p>{p} ({i})</p>\n" for i in range(110_000) for p in samples.PARAGRAPHS[:1])
    page.write_text(f"<html><body><article>{body}</article></body></html>")
    size = page.stat().st_size / 2**20
    command = [*COMPLIANCE, "check", str(page), "--policy", "fair-use-notice", "--format", "json"]
    script = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024, size


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
        one, peak_one = audit_rate(manifest, len(pages), 1, folder)
        many, peak_many = audit_rate(manifest, len(pages), cores, folder)
        big_peak, big_size = big_page_memory(folder)
    print(f"pages: {len(pages)} from {origin}; machine: {cores} cores")
    print(f"bare lxml parse:          {bare:8.1f} pages/s")
    print(f"audit --jobs 1:           {one:8.1f} pages/s  = {one / bare:.2f} of bare parse (target >= 0.33)")
    print(
        f"audit --jobs {cores}:           {many:8.1f} pages/s  = {many / one:.2f}x --jobs 1 (target >= 1.7 on 2 cores)"
    )
    print(f"peak memory, largest process of an audit: {max(peak_one, peak_many):6.0f} MB (target <= 250)")
    print(
        f"one {big_size:.0f} MB page checked: peak {big_peak:.0f} MB = {big_peak / big_size:.1f}x its size "
        "(target about 10x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

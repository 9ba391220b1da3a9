#!/usr/bin/env python3
"""Cost in every dimension of a page: each grown x10 and x100, checked against the test article.

    python benchmarks/hostile_pages.py

For each dimension (links, paragraphs, nesting depth, the length of one
paragraph, hidden elements, stylesheet rules) it builds three pages, 1x, 10x and
100x, checks each with `compliance check` in a fresh process, and prints the
seconds and peak memory, and the growth of time from one size to the next:
linear cost shows as about 10x a step (start-up, about 0.3 s, flattens the
first step). The largest pages are the targets' own: 50,000 links, 100,000
paragraphs, 20,000 levels deep, each to be checked in under 5 s with peak memory
under 10x the page's size above the interpreter's own.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import samples  # noqa: E402

COMPLIANCE = [sys.executable, "-c", "from compliance.cli import main; main()"]
ARTICLE = "".join(f"<p>{html.escape(p)}</p>" for p in samples.PARAGRAPHS)
CREDIT = samples.CREDIT + samples.COPYRIGHT + samples.NOTICE_HTML


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>t</title>{head}</head><body>{ARTICLE}{body}{CREDIT}</body></html>"


DIMENSIONS = {  # name -> (the 1x count, a page of n of them)
    "links": (500, lambda n: page("<p>" + " ".join(f'<a href="/p/{i}">item {i}</a>' for i in range(n)) + "</p>")),
    "paragraphs": (1000, lambda n: page("".join(f"<p>Paragraph {i} of the site's archive.</p>" for i in range(n)))),
    "nesting depth": (200, lambda n: page("<div>" * n + "<p>Deep inside.</p>" + "</div>" * n)),
    "one paragraph's words": (10_000, lambda n: page("<p>" + " ".join(f"word{i % 997}" for i in range(n)) + "</p>")),
    "hidden elements": (100, lambda n: page("".join(f'<p style="display:none">Hidden {i}</p>' for i in range(n)))),
    "stylesheet rules": (
        100,
        lambda n: page(
            "".join(f'<p class="c{i}">Styled {i}</p>' for i in range(0, n, 10)),
            "<style>"
            + "".join(f".c{i} {{ display: none }} .c{i}:hover {{ color: red }}" for i in range(n))
            + "</style>",
        ),
    ),
}


PEAK = (  # runs a command and prints the peak memory of that one child, in KB
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL).returncode; print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)"
)


def measure(path: Path, source: Path) -> tuple[float, float, int]:
    """Seconds, peak MB and exit code of `compliance check` on one page, in a fresh process."""
    command = [*COMPLIANCE, "check", str(path), "--source", str(source), "--policy", "fair-use-notice"]
    command += [arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")]
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", PEAK, *command, "--format", "json"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak, code = out.stdout.split()
    return seconds, int(peak) / 1024, int(code)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "original.txt"
        source.write_text(samples.ARTICLE_TEXT)
        baseline, interpreter, _ = measure(_write(folder / "plain.html", page("")), source)
        print(f"a plain page: {baseline:.2f} s, {interpreter:.0f} MB peak (start-up and interpreter included)\n")
        print(f"{'dimension':22} {'size':>9} {'page MB':>8} {'seconds':>8} {'x last':>7} {'peak MB':>8} {'verdict':>8}")
        for name, (unit, build) in DIMENSIONS.items():
            last = None
            for factor in (1, 10, 100):
                path = _write(folder / f"{name.replace(' ', '-')}-{factor}.html", build(unit * factor))
                seconds, peak, code = measure(path, source)
                growth = f"{seconds / last:6.1f}x" if last else ""
                size = path.stat().st_size / 2**20
                verdict = {0: "passed", 1: "failed"}.get(code, "ERROR")
                print(f"{name:22} {unit * factor:>9,} {size:8.1f} {seconds:8.2f} {growth:>7} {peak:8.0f} {verdict:>8}")
                last = seconds
    return 0


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


if __name__ == "__main__":
    sys.exit(main())

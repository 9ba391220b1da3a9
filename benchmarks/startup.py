#!/usr/bin/env python3
"""Start-up of `compliance check` on one small page, against the interpreter's own start in the same run.

    python benchmarks/startup.py

Runs each command 15 times and prints the median and the fastest: a bare
`python -c pass`, `python -c "import lxml.html"` (the parser every check
needs), and `compliance check examples/republished.html --source
examples/original.html`. The target is 0.3 s for the check.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import lxml.html'": [sys.executable, "-c", "import lxml.html"],
    "compliance check (one small page)": [
        sys.executable,
        "-c",
        "from compliance.cli import main; main()",
        "check",
        str(ROOT / "examples" / "republished.html"),
        "--source",
        str(ROOT / "examples" / "original.html"),
    ],
}


def timings(command: list[str]) -> list[float]:
    subprocess.run(command, capture_output=True, check=False)  # bytecode written, caches warm
    seconds = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> int:
    base = None
    for name, command in COMMANDS.items():
        seconds = timings(command)
        median = statistics.median(seconds)
        base = base or median
        print(f"{name:36} median {median:.3f} s  fastest {min(seconds):.3f} s  = {median / base:4.1f}x python -c pass")
    print("target: compliance check of one small page <= 0.3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

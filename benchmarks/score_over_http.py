#!/usr/bin/env python3
"""Score the checker on the shared corpus with sources fetched over HTTP from 127.0.0.1.

    python benchmarks/score_over_http.py ../shared/corpus [score.py options, e.g. --limit 5]

It serves the corpus folder on a loopback port, and runs the corpus's own
score.py in `--mode real` with a CLI that turns each `--source FILE` into the
URL of that file on the server, so every source page is fetched, decoded and
cached the way a user's `--source https://…` is. The cache is a fresh folder.
"""

from __future__ import annotations

import functools
import os
import shlex
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REWRITE = """
import sys
from compliance.cli import main
args, base, root = sys.argv[3:], sys.argv[1], sys.argv[2]
for i, arg in enumerate(args[:-1]):
    if arg == "--source" and args[i + 1].startswith(root):
        args[i + 1] = base + args[i + 1][len(root):]
sys.argv = ["compliance", *args]
main()
"""


class CountingHandler(SimpleHTTPRequestHandler):
    """Serves the corpus folder, counting requests instead of logging them."""

    served = 0

    def do_GET(self) -> None:
        CountingHandler.served += 1
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


def main() -> int:
    if len(sys.argv) < 2 or not (Path(sys.argv[1]) / "score.py").exists():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    corpus = Path(sys.argv[1]).resolve()
    handler = functools.partial(CountingHandler, directory=str(corpus))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with tempfile.TemporaryDirectory() as cache:
        cli = shlex.join([sys.executable, "-c", REWRITE, base, str(corpus)])
        command = [sys.executable, str(corpus / "score.py"), str(corpus), "--mode", "real", "--cli", cli, *sys.argv[2:]]
        result = subprocess.run(command, env={**os.environ, "COMPLIANCE_CACHE_DIR": cache})
    server.shutdown()
    print(f"sources fetched over HTTP from {base}: {CountingHandler.served} requests")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())

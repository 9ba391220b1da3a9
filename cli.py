"""`python cli.py …` in a checkout runs the same program as the `compliance` command.

Run by a Python that lacks the dependencies, it hands over to the checkout's
`.venv` (what the README's set-up creates) or says in one line how to make one.
"""

import os
import sys
from pathlib import Path

VENV = Path(__file__).resolve().parent / ".venv"
VENV_PYTHON = VENV / "bin" / "python"

try:
    from compliance.cli import main
except ImportError as error:
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    print(f"compliance: {error}; set up first: python3 -m venv .venv && .venv/bin/pip install .", file=sys.stderr)
    sys.exit(2)

if __name__ == "__main__":
    main()

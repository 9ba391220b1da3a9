"""Shared helpers: write pages to a temporary folder, run the CLI in-process or installed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text_or_bytes) -> path of a new file in the test's folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


class Run:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def json(self) -> dict:
        return json.loads(self.stdout)


def run_cli(*args: str, stdin: str | None = None) -> Run:
    """Run `compliance ARGS` in-process, as a user would from a shell."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_installed(*args: str, cwd: Path | None = None) -> Run:
    """Run the `compliance` command installed beside this Python, in a subprocess."""
    command = Path(sys.executable).parent / "compliance"
    assert command.exists(), f"`pip install .` first: no {command}"
    proc = subprocess.run([str(command), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def verdicts(run: Run) -> dict[str, bool]:
    """rule id -> passed, for the only page of a JSON report."""
    (result,) = run.json()["results"]
    return {f["rule"]: f["passed"] for f in result["findings"]}

"""The pre-commit hook, run by `pre-commit try-repo` on this repository against a small site repository,
and the GitHub Action's steps run as the runner would run them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import samples
from tests.test_gate import DEAD_CREDIT, site  # noqa: F401 (the site fixture)

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="pre-commit try-repo needs this checkout's git history")
def test_pre_commit_try_repo_runs_the_hook_on_a_site(site, write, tmp_path):  # noqa: F811
    git("init", "-q", cwd=site)
    git("add", ".", cwd=site)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        command = [str(PRE_COMMIT), "try-repo", str(ROOT), "compliance", "--files", *files]
        return subprocess.run(command, cwd=site, env=env, capture_output=True, text=True, timeout=600)

    passing = try_repo("public/index.html", "content/library.md", "content/drafts/unfinished.md", "originals/story.txt")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "compliance" in passing.stdout and "Passed" in passing.stdout

    write("public/index.html", samples.republished(credit=DEAD_CREDIT))
    failing = try_repo("public/index.html", "content/drafts/unfinished.md")
    assert failing.returncode == 1
    assert "public/index.html" in failing.stdout and "source-link" in failing.stdout
    assert "unfinished.md" not in failing.stdout.split("compliance", 1)[1]  # the config excludes drafts


def test_the_hook_definition_names_the_command():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "compliance" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["compliance", "check"] and "--force-exclude" in hook["entry"]
    assert shutil.which("compliance", path=str(Path(sys.executable).parent))

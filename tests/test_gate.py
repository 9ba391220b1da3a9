"""The CI gate: a project config, suppressions in pages and config, a baseline; on a small site repository."""

from __future__ import annotations

import json

import pytest

from tests import samples
from tests.conftest import run_cli

CONFIG = f"""\
policy = "fair-use-notice"
include = ["content/**/*.md", "public/**/*.html"]
exclude = ["content/drafts/"]
source = "originals/library.txt"
source-field = "source_url"

[variables]
{"".join(f'"{key}" = "{value}"{chr(10)}' for key, value in samples.VARIABLES.items())}
[[pages]]
match = ["public/partners/**"]
policy = "partner.yaml"
source = "originals/{{stem}}.txt"

[[pages]]
match = ["public/legacy/**"]
ignore = ["copyright"]
reason = "The legacy CMS strips copyright lines; restored by hand (#214)"
"""
PARTNER_POLICY = """\
policy: partner
title: A partner's terms (credit and body only)
rules:
  attribution: {check: attribution, names: ["{source.publisher}"]}
  body: {check: body, min-coverage: 0.9}
"""
SUPPRESSED_LINK = "<!-- compliance: ignore[source-link] The CMS adds the canonical link at publish time -->\n"
DEAD_CREDIT = f'<p>Source: <a href="#">{samples.PUBLISHER}</a></p>'


def markdown_page(source_url: str, extra: str = "") -> str:
    body = "\n\n".join(samples.PARAGRAPHS)
    return (
        f"---\ntitle: {samples.TITLE}\nsource_url: {source_url}\n---\n\n# {samples.TITLE}\n\n{body}\n\n"
        f"Originally published by [{samples.PUBLISHER}]({samples.SOURCE_URL}).\n\n"
        f"Copyright © {samples.PUBLISHER}, {samples.YEAR}\n\n{samples.NOTICE}\n{extra}"
    )


@pytest.fixture
def site(write, tmp_path, monkeypatch):
    """A site repository: its config, Markdown and HTML pages, the originals they republish."""
    write("compliance.toml", CONFIG)
    write("partner.yaml", PARTNER_POLICY)
    write("originals/library.txt", samples.ARTICLE_TEXT)
    write("originals/story.txt", samples.ARTICLE_TEXT)
    write("content/library.md", markdown_page("../originals/library.txt"))
    write("content/drafts/unfinished.md", "# Not ready\n\nNo credit at all.\n")
    write("public/index.html", samples.republished())
    write("public/linked.html", samples.republished(credit=SUPPRESSED_LINK + DEAD_CREDIT))
    write("public/partners/story.html", samples.republished(copyright_line="", notice=""))
    write("public/legacy/old.html", samples.republished(copyright_line=""))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args) -> tuple[int, dict]:
    run = run_cli("check", *args, "--format", "json")
    assert run.code in (0, 1), run.stderr
    return run.code, {result["page"]: result for result in run.json()["results"]}


def failing(result: dict) -> list[str]:
    return [f["rule"] for f in result["findings"] if not f["passed"] and "suppression" not in f]


def test_check_with_no_arguments_checks_the_configured_pages_with_their_terms(site):
    code, results = check()
    assert sorted(results) == [
        "content/library.md",
        "public/index.html",
        "public/legacy/old.html",
        "public/linked.html",
        "public/partners/story.html",
    ]  # the draft excluded
    assert code == 0, {page: failing(result) for page, result in results.items()}
    assert results["public/partners/story.html"]["policy"] == "partner"  # the [[pages]] entry's policy
    assert results["public/index.html"]["policy"] == "fair-use-notice"
    library = results["content/library.md"]["source"]
    assert library["declared_by"] == "front matter (source_url)" and library["path"].endswith("originals/library.txt")
    partner = results["public/partners/story.html"]["source"]
    assert partner["path"].endswith("originals/story.txt") and partner["declared_by"] == "the config (compliance.toml)"


def test_suppressions_in_a_page_and_in_the_config_stay_visible(site):
    _, results = check()
    (link,) = [f for f in results["public/linked.html"]["findings"] if f["rule"] == "source-link"]
    assert not link["passed"] and link["code"] == "CMP002"
    assert link["suppression"] == {
        "kind": "inSource",
        "justification": "The CMS adds the canonical link at publish time",
        "location": "public/linked.html:13",
    }
    (copyright_line,) = [f for f in results["public/legacy/old.html"]["findings"] if f["rule"] == "copyright"]
    assert copyright_line["suppression"]["kind"] == "external"
    assert copyright_line["suppression"]["location"] == "compliance.toml:20"
    run = json.loads(run_cli("check", "--format", "sarif").stdout)["runs"][0]
    link_rule = next(rule for rule in run["tool"]["driver"]["rules"] if rule["id"] == "source-link")
    assert link_rule["helpUri"].endswith("/compliance/checks/link.py") and link_rule["properties"]["code"] == "CMP002"
    (suppressed,) = [r for r in run["results"] if r["ruleId"] == "source-link"]
    assert suppressed["suppressions"][0]["kind"] == "inSource"
    assert suppressed["partialFingerprints"]["complianceFinding/v1"]


def test_a_suppression_that_suppresses_nothing_is_reported(site, write):
    write(
        "public/index.html",
        samples.republished(credit="<!-- compliance: ignore[CMP003] Old exception -->\n" + samples.CREDIT),
    )
    write("public/legacy/old.html", samples.republished())  # the config's exception is no longer needed
    code, results = check()
    (unused,) = [f for f in results["public/index.html"]["findings"] if f["rule"] == "unused-suppression"]
    assert unused["code"] == "CMP100" and unused["level"] == "warning" and unused["evidence"]["line"] == 13
    assert "The suppression of CMP003 (public/index.html:13) suppresses nothing" in unused["message"]
    (config_unused,) = results["compliance.toml"]["findings"]
    assert "The suppression of copyright (compliance.toml:20) suppresses nothing" in config_unused["message"]
    assert code == 0  # a warning: `--fail-on warning` makes it fail
    assert run_cli("check", "--fail-on", "warning").code == 1


def test_a_suppression_needs_its_reason(site, write):
    write("public/linked.html", samples.republished(credit="<!-- compliance: ignore[source-link] -->\n" + DEAD_CREDIT))
    code, results = check()
    assert code == 1
    assert sorted(failing(results["public/linked.html"])) == ["source-link", "suppression-without-reason"]
    write(
        "compliance.toml",
        CONFIG.replace('reason = "The legacy CMS strips copyright lines; restored by hand (#214)"\n', ""),
    )
    run = run_cli("check")
    assert run.code == 2 and run.stderr.strip().endswith(
        "compliance.toml:20: pages #2: `ignore` needs a `reason` (why it does not apply)"
    )


def test_ignore_next_covers_only_the_next_block(site, write):
    comment = "<!-- compliance: ignore-next[source-link] The CMS rewrites this link -->\n"
    write("public/linked.html", samples.republished(credit=comment + DEAD_CREDIT))
    _, results = check()
    assert failing(results["public/linked.html"]) == []
    write("public/linked.html", samples.republished(credit=comment + "<p>Another paragraph.</p>\n" + DEAD_CREDIT))
    _, results = check()
    assert failing(results["public/linked.html"]) == ["source-link", "unused-suppression"]


def test_a_baseline_lets_old_failures_pass_and_fails_on_exactly_the_new_one(site, write):
    write("public/index.html", samples.republished(notice=""))  # an old defect: no fair-use notice
    write("public/linked.html", samples.republished(credit=DEAD_CREDIT))  # an old dead link, no suppression
    assert run_cli("check").code == 1
    written = run_cli("check", "--write-baseline", "baseline.json")
    assert written.code == 0 and "2 failing findings recorded in baseline.json" in written.stderr
    entries = json.loads((site / "baseline.json").read_text())["findings"]
    assert [(e["page"], e["rule"], e["code"]) for e in entries] == [
        ("public/index.html", "disclaimer", "CMP004"),
        ("public/linked.html", "source-link", "CMP002"),
    ]
    assert run_cli("check", "--baseline", "baseline.json").code == 0

    # lines move (a new paragraph above everything): the recorded failures are still the same failures
    moved = samples.republished(notice="").replace("<body>", "<body>\n<p>A note added later.</p>\n\n\n")
    write("public/index.html", moved)
    run = run_cli("check", "--baseline", "baseline.json")
    assert run.code == 0, run.stdout

    # a new defect on a baselined page: exactly one finding fails
    write("public/index.html", moved.replace(samples.COPYRIGHT, ""))
    code, results = check("--baseline", "baseline.json")
    assert code == 1
    new = [f for r in results.values() for f in r["findings"] if f.get("baseline") == "new"]
    assert [(f["rule"], f["code"]) for f in new] == [("copyright", "CMP003")]

    # fixing a recorded failure is reported, so the baseline can shrink
    write("public/linked.html", samples.republished())
    run = run_cli("check", "--baseline", "baseline.json")
    assert "1 recorded findings no longer occur" in run.stderr and "public/linked.html source-link" in run.stderr


def test_pages_given_on_the_command_line_take_the_config_terms_and_hooks_force_the_excludes(site):
    code, results = check("public/partners/story.html", "content/drafts/unfinished.md")
    assert results["public/partners/story.html"]["policy"] == "partner"
    assert "content/drafts/unfinished.md" in results  # named explicitly: checked, as ruff does
    code, results = check("--force-exclude", "public/partners/story.html", "content/drafts/unfinished.md")
    assert list(results) == ["public/partners/story.html"] and code == 0
    assert run_cli("check", "--force-exclude", "content/drafts/unfinished.md").code == 0  # nothing left to check


def test_an_entry_may_leave_a_page_to_the_source_it_declares_and_include_may_list_urls(site, write, monkeypatch):
    text = (site / "compliance.toml").read_text()
    text = text.replace(
        'include = ["content/**/*.md", "public/**/*.html"]', 'include = ["public/index.html", "https://127.0.0.1:9/x"]'
    )
    write("compliance.toml", text + '\n[[pages]]\nmatch = ["public/index.html"]\nsource = "declared"\n')
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(site / "cache"))
    run = run_cli("check", "--offline", "--format", "json")
    assert run.code == 2  # a page that could not be read
    results = {result["page"]: result for result in run.json()["results"]}
    assert list(results) == ["https://127.0.0.1:9/x", "public/index.html"]
    assert "error" in results["https://127.0.0.1:9/x"]  # offline, and never fetched: listed, checked, errored
    declared = results["public/index.html"]["source"]
    assert declared["declared_by"] != "the config (compliance.toml)" and declared["error"]  # its credit link


def test_isolated_and_an_explicit_config(site, write):
    run = run_cli("check", "--isolated")
    assert run.code == 2 and "no pages given, and no compliance.toml" in run.stderr
    write("other/compliance.toml", 'include = ["../public/index.html"]\npolicy = "nope"\n')
    run = run_cli("check", "--config", "other/compliance.toml")
    assert run.code == 2


def test_a_config_without_include_checks_its_html_markdown_and_mdx_pages(site, write):
    write("plain/compliance.toml", 'source = "original.txt"\n')
    write("plain/original.txt", samples.ARTICLE_TEXT)
    for name in ("a.html", "b.md", "c.mdx", "d.txt"):
        write(f"plain/{name}", samples.republished() if name.endswith("html") else markdown_page("original.txt"))
    run = run_cli("check", "--config", "plain/compliance.toml", "--format", "json")
    assert [result["page"].rsplit("/", 1)[-1] for result in run.json()["results"]] == ["a.html", "b.md", "c.mdx"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("policy = 3\n", "compliance.toml:1: policy: 3 is not of type 'string'"),
        ("[[pages]]\npolicy = 'x'\n", "compliance.toml:1: pages.0: 'match' is a required property"),
        (
            'include = ["a"]\ncolour = "blue"\n',
            "compliance.toml:1: Additional properties are not allowed ('colour' was unexpected)",
        ),
        ("policy = \n", "compliance.toml:1: invalid TOML"),
    ],
)
def test_a_broken_config_names_its_file_and_line(site, write, text, error):
    write("compliance.toml", text)
    run = run_cli("check")
    assert run.code == 2 and error in run.stderr and "Traceback" not in run.stderr


def test_config_in_pyproject_and_what_is_in_force(site, write):
    (site / "compliance.toml").unlink()
    write(
        "pyproject.toml",
        '[project]\nname = "site"\n\n[tool.compliance]\npolicy = "fair-use-notice"\nexclude = ["content/"]\n',
    )
    shown = run_cli("config")
    assert shown.code == 0
    assert f"config: {site / 'pyproject.toml'}" in shown.stdout
    assert 'policy = "fair-use-notice"  # pyproject.toml:5' in shown.stdout
    assert 'fail-on = "error"  # default' in shown.stdout
    _, results = check()
    assert not any(page.startswith("content/") for page in results)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{not json", "baseline.json:1: invalid JSON"),
        ('{"findings": [{"rule": "x"}]}', "baseline.json:1: not a compliance baseline"),
    ],
)
def test_a_broken_baseline_is_one_line_naming_the_file(site, write, content, error):
    write("baseline.json", content)
    run = run_cli("check", "--baseline", "baseline.json")
    assert run.code == 2 and error in run.stderr and "Traceback" not in run.stderr
    assert (
        run_cli("check", "--baseline", "missing.json")
        .stderr.strip()
        .endswith("missing.json: no such baseline (write one with --write-baseline)")
    )


def test_bad_write_and_config_arguments_are_usage_errors(site, write):
    run = run_cli("check", "--write", "pdf:out.pdf")
    assert run.code == 2 and "expected FORMAT:FILE" in run.stderr
    write("compliance.toml", "policy = [\n")
    shown = run_cli("config")
    assert shown.code == 2 and "compliance.toml:" in shown.stderr and "invalid TOML" in shown.stderr

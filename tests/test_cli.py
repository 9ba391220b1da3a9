"""The command line as users and CI meet it: output formats, exit codes, bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import samples
from tests.conftest import FIXTURES, run_cli, run_installed, verdicts

VARS = [arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")]


@pytest.fixture
def site(write):
    source = write("original.txt", samples.ARTICLE_TEXT)
    good = write("site/good.html", samples.republished())
    bad = write(
        "site/post/bad.md", "# Title\n\n" + "\n\n".join(samples.PARAGRAPHS) + "\n\nSource: [Riverton Ledger](#)\n"
    )
    return source, good, bad


def test_json_report_follows_the_contract(site):
    source, good, _ = site
    run = run_cli("check", good, "--source", source, "--policy", "fair-use-notice", *VARS, "--format", "json")
    assert run.code == 0, run.stderr
    report = run.json()
    assert report["version"] == 1
    (result,) = report["results"]
    assert (result["page"], result["policy"], result["passed"]) == (str(good), "fair-use-notice", True)
    rules = ["attribution", "source-link", "copyright", "disclaimer", "permission", "body"]
    assert [f["rule"] for f in result["findings"]] == rules
    body = result["findings"][-1]
    assert body["metrics"] == {
        "coverage": 1.0,
        "altered": 0,
        "added_words": 0,
        "paragraphs": 5,
        "reproduced_words": 191,
    }
    assert set(body) >= {"rule", "check", "level", "passed", "message", "metrics"}


def test_failing_page_exits_1_with_evidence_and_fix(site):
    source, _, bad = site
    run = run_cli("check", bad, "--source", source, "--policy", "fair-use-notice", *VARS, "--format", "json")
    assert run.code == 1
    findings = {f["rule"]: f for f in run.json()["results"][0]["findings"]}
    link = findings["source-link"]
    assert not link["passed"]
    assert link["message"] == f'The link to the original points to "#", not to {samples.SOURCE_URL}'
    assert link["evidence"] == {"text": "Riverton Ledger", "href": "#", "line": 13, "path": "p:nth-of-type(6) > a"}
    assert link["fix"] == f'<a href="{samples.SOURCE_URL}">Riverton Ledger</a>'


def test_a_directory_is_checked_page_by_page(site, tmp_path):
    """Its HTML, Markdown and MDX pages, in sorted order; other files are not pages."""
    source, good, bad = site
    mdx = tmp_path / "site" / "post" / "mdx.mdx"
    mdx.write_text(bad.read_text())
    (tmp_path / "site" / "notes.txt").write_text("not a page")
    run = run_cli(
        "check", tmp_path / "site", "--source", source, "--policy", "fair-use-notice", *VARS, "--format", "json"
    )
    assert [r["page"] for r in run.json()["results"]] == [str(good), str(bad), str(mdx)]
    assert run.code == 1


def test_text_report_marks_each_rule_and_summarises(site):
    source, _, bad = site
    run = run_cli("check", bad, "--source", source, "--policy", "fair-use-notice", *VARS)
    lines = run.stdout.splitlines()
    assert lines[0] == f"{bad}  (policy fair-use-notice)"
    assert lines[1].startswith(f"  source: {source} (by --source); publisher Riverton Ledger; url https://")
    assert lines[2].startswith("  ✓ attribution  Credits Riverton Ledger")
    assert lines[3].startswith('  ✗ source-link  The link to the original points to "#"')
    assert "\x1b[" not in run.stdout  # no colour when not on a terminal
    assert lines[-1] == "1 page checked: 0 passed, 1 failed (3 rule failures)"


def test_fail_on_and_warning_levels(site, write):
    source, _, bad = site
    policy = write(
        "warn.yaml",
        "policy: warn\nextends: [fair-use-notice]\nrules:\n  source-link: {level: warning}\n"
        "  copyright: {level: off}\n  disclaimer: {level: off}\n",
    )
    args = ["check", bad, "--source", source, "--policy", policy, *VARS]
    assert run_cli(*args).code == 0
    assert run_cli(*args, "--fail-on", "warning").code == 1
    assert (
        run_cli("check", bad, "--source", source, "--policy", "fair-use-notice", *VARS, "--fail-on", "never").code == 0
    )


def test_output_file_and_stdin(site, tmp_path):
    source, good, _ = site
    out = tmp_path / "report.json"
    run = run_cli(
        "check",
        "-",
        "--source",
        source,
        "--policy",
        "fair-use-notice",
        *VARS,
        "--format",
        "json",
        "--output",
        out,
        stdin=good.read_text(),
    )
    assert run.code == 0 and run.stdout == ""
    assert '"page": "-"' in out.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "missing.html", "--policy", "fair-use-notice"], "missing.html: no such file"),
        (["check", "PAGE", "--policy", "no-such-policy"], "unknown policy 'no-such-policy'"),
        (
            ["check", "PAGE", "--policy", "fair-use-notice", "--var", "Bad Name=x"],
            "--var 'Bad Name=x': expected KEY=VALUE",
        ),
        (["check", "PAGE", "--policy", "fair-use-notice", "--var", "novalue"], "--var 'novalue': expected KEY=VALUE"),
        (["check", "PAGE", "--policy", "fair-use-notice", "--source", "gone.txt"], "gone.txt: no such file"),
        (["check", "BINARY", "--policy", "fair-use-notice"], "binary data"),
        (
            ["check", "PAGE", "--policy", "BROKEN"],
            "broken.yaml:3: rules.body.min-coverage: 7 is greater than the maximum of 1",
        ),
    ],
    ids=[
        "missing-page",
        "unknown-policy",
        "bad-var-name",
        "var-without-value",
        "missing-source",
        "binary",
        "broken-policy",
    ],
)
def test_bad_input_is_one_line_and_exit_2(write, args, message):
    page = write("page.html", samples.republished())
    binary = write("image.html", b"\x89PNG\r\n\x1a\n\x00\x00")
    broken = write("broken.yaml", "policy: broken\nrules:\n  body: {check: body, min-coverage: 7}\n")
    replace = {"PAGE": str(page), "BINARY": str(binary), "BROKEN": str(broken)}
    run = run_cli(*[replace.get(a, a) for a in args])
    assert run.code == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert message in run.stderr


def test_a_bad_page_in_a_batch_is_reported_and_the_rest_checked(site, write, tmp_path):
    source, _, _ = site
    write("site/zz-broken.html", b"\x89PNG\r\n\x1a\n" + bytes(64))
    run = run_cli(
        "check", tmp_path / "site", "--source", source, "--policy", "fair-use-notice", *VARS, "--format", "json"
    )
    assert run.code == 2
    results = {r["page"].rsplit("/", 1)[-1]: r for r in run.json()["results"]}
    assert results["good.html"]["passed"] is True
    assert "binary data" in results["zz-broken.html"]["error"]
    assert "zz-broken.html: binary data" in run.stderr


def test_empty_page_is_checked_and_fails(write):
    run = run_cli("check", write("empty.html", b""), "--policy", "fair-use-notice", *VARS, "--format", "json")
    assert run.code == 1
    assert not any(verdicts(run).values())


def test_policies_lists_builtins_with_titles():
    run = run_cli("policies")
    assert run.code == 0
    names = [line.split()[0] for line in run.stdout.splitlines()]
    assert names == [
        "calmatters",
        "cc-by-4.0",
        "cc-by-nc-4.0",
        "cc-by-nc-nd-4.0",
        "cc-by-nc-sa-4.0",
        "cc-by-nd-4.0",
        "cc-by-sa-4.0",
        "excerpt-only",
        "fair-use-notice",
        "fair-use-quote",
        "global-press-journal",
        "globalresearch",
        "inn-tracker",
        "propublica",
        "texas-tribune",
        "the-conversation",
        "the-texan",
    ]
    assert "Global Research cross-posting" in run.stdout and "[globalresearch.ca, *.globalresearch.ca]" in run.stdout


SEED_VERDICTS = {
    "attribution": True,
    "source-link": False,
    "copyright": True,
    "disclaimer": True,
    "permission": False,  # at level info: with no source, whether it reserves all rights is not known
    "body": False,
}


def test_seed_page_tells_its_story_with_the_installed_command(tmp_path):
    """The page this project started from: credit, copyright and notice kept; every link lost to "#"."""
    run = run_installed(
        "check",
        FIXTURES / "seed-globalresearch.md",
        "--policy",
        "fair-use-notice",
        "--var",
        "source.publisher=Zero Hedge",
        "--var",
        "source.year=2017",
        "--var",
        "notice-site=www.globalresearch.ca",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert run.code == 1, run.stderr
    findings = {f["rule"]: f for f in run.json()["results"][0]["findings"]}
    assert {rule: f["passed"] for rule, f in findings.items()} == SEED_VERDICTS
    assert findings["source-link"]["message"].startswith('The link to the original points to "#"')
    assert findings["source-link"]["evidence"]["line"] == 93
    assert (
        findings["body"]["message"]
        == "Not checked: no source article (none given, and the page declares none); give --source FILE or URL"
    )
    assert findings["copyright"]["evidence"]["text"] == "Copyright © Zero Hedge, Zero Hedge, 2017"


def test_seed_page_with_no_options_takes_its_names_from_its_own_credit_and_copyright_lines():
    """Given nothing but the page, its own lines name the original: the credit and the copyright line pass,
    the link fails naming "#", the notice passes, and the body asks for a source; reported as taken from
    the page."""
    run = run_cli("check", str(FIXTURES / "seed-globalresearch.md"), "--format", "json")
    assert run.code == 1, run.stderr
    result = run.json()["results"][0]
    findings = {f["rule"]: f for f in result["findings"]}
    assert {rule: f["passed"] for rule, f in findings.items()} == SEED_VERDICTS
    assert (
        findings["attribution"]["message"] == "Credits Zero Hedge: “The original source of this article is Zero Hedge”"
    )
    assert findings["source-link"]["message"].startswith('The link to the original points to "#"')
    assert findings["body"]["message"].startswith("Not checked: no source article")
    assert findings["permission"]["level"] == "info"
    assert result["source"] == {
        "declared_by": "the page's own credit and copyright lines",
        "publisher": "Zero Hedge",
        "author": "Zero Hedge",
        "year": "2017",
    }


def test_a_photo_credit_is_not_the_articles_credit(write):
    from compliance.engine.declared import credited_source
    from compliance.reading import read_document

    page = write(
        "p.html",
        "<p>The convoy on the road. Photo source: Stripes, via Arabic media.</p><p>Source: Reuters</p>"
        "<p>Text of the article follows here, long enough to be a paragraph of its own.</p>"
        "<p>The original source of this article is <a href='#'>Zero Hedge</a></p><p>© 2019 Zero Hedge</p>",
    )
    assert credited_source(read_document(str(page))) == {
        "source.publisher": "Zero Hedge",
        "source.author": "Zero Hedge",
        "source.year": "2019",
    }


def test_cli_py_runs_the_same_program_in_a_checkout():
    import subprocess
    import sys
    from pathlib import Path

    checkout = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "cli.py", "policies"], cwd=checkout, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("calmatters")


def test_a_huge_file_is_refused_not_read(tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    run = run_cli("check", huge, "--policy", "fair-use-notice")
    assert run.code == 2 and "larger than 64 MiB" in run.stderr


def test_policy_auto_follows_the_source_host(write):
    page = write("page.md", "The original source of this article is [Zero Hedge](#)\n")
    gr = run_cli(
        "check", page, "--var", "source.url=https://www.globalresearch.ca/isis-convoy/5607437", "--format", "json"
    )
    assert gr.json()["results"][0]["policy"] == "globalresearch"
    other = run_cli("check", page, "--var", "source.url=https://news.example/story", "--format", "json")
    assert other.json()["results"][0]["policy"] == "fair-use-notice"
    chosen = run_cli(
        "check",
        page,
        "--var",
        "source.url=https://news.example/story",
        "--default-policy",
        "cc-by-4.0",
        "--format",
        "json",
    )
    assert chosen.json()["results"][0]["policy"] == "cc-by-4.0"


def test_cli_py_hands_over_to_the_checkouts_venv_from_a_plain_python():
    """`python3 cli.py` from an interpreter without the dependencies still runs, through .venv."""
    import subprocess
    import sys
    from pathlib import Path

    checkout = Path(__file__).resolve().parent.parent
    if not (checkout / ".venv" / "bin" / "python").exists():
        return  # installed elsewhere: nothing to hand over to
    plain = getattr(sys, "_base_executable", sys.executable)
    proc = subprocess.run([plain, "cli.py", "policies"], cwd=checkout, capture_output=True, text=True, env={})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("calmatters")


def test_a_photo_credit_link_is_never_the_declared_source(write):
    from compliance.engine.declared import declared_source
    from compliance.reading import read_document

    photo = write("p.html", "<p>Photo source: <a href='https://photos.example/1'>Stripes</a></p><p>Text.</p>")
    assert declared_source(read_document(str(photo))) is None
    credit = write("c.html", "<p>Text.</p><p>Originally published by <a href='https://news.example/a'>News</a>.</p>")
    assert declared_source(read_document(str(credit))).url == "https://news.example/a"


def test_checking_files_loads_no_http_stack_schema_validator_markdown_or_beautifulsoup(write):
    """Start-up is what the command uses: a check of an HTML file against a built-in policy, with no project
    config, needs none of them (each costs a tenth to a fifth of the start-up)."""
    page = write("page.html", samples.republished())
    source = write("original.txt", samples.ARTICLE_TEXT)
    script = (
        "import sys\nfrom compliance.cli import main\n"
        f"sys.argv = ['compliance', 'check', {str(page)!r}, '--source', {str(source)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('requests', 'jsonschema', 'markdown_it', 'bs4', 'pathspec') if m in sys.modules),"
        " file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.stderr.strip().splitlines()[-1] == "[]"

"""`compliance fix`: edits of the page's own text that mend a rule, leave every other byte as it was, and
change nothing the second time."""

from __future__ import annotations

import html
import json
import random

import pytest

from tests import samples
from tests.conftest import run_cli

TERMS = [
    "--source",
    None,
    "--policy",
    "fair-use-notice",
    *[arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")],
]
LAST_PARAGRAPH = f"<p>{samples.PARAGRAPHS[-1]}</p>"


@pytest.fixture
def fix(write, tmp_path):
    """fix(page, *args) -> the run of `compliance fix PAGE` with the test's original article as source."""
    original = write("original.txt", samples.ARTICLE_TEXT)

    def _fix(page, *args):
        terms = [str(original) if arg is None else arg for arg in TERMS]
        return run_cli("fix", page, *terms, *args)

    return _fix


def test_a_missing_credit_is_added_after_the_article_and_nothing_else_changes(write, fix):
    page = write("page.html", samples.republished(credit=""))
    before = page.read_bytes()
    run = fix(page)
    assert run.code == 0, run.stdout
    after = page.read_bytes()
    credit = f'\n<p>Originally published by <a href="{samples.SOURCE_URL}">{samples.PUBLISHER}</a>.</p>'.encode()
    at = before.index(LAST_PARAGRAPH.encode()) + len(LAST_PARAGRAPH)
    assert after == before[:at] + credit + before[at:]  # one insertion; every other byte as it was
    assert "fixed: attribution: added a credit to Riverton Ledger" in run.stdout
    again = fix(page)
    assert again.code == 0 and page.read_bytes() == after and "fixed:" not in again.stdout


@pytest.mark.parametrize(
    ("hidden", "shown"),
    [
        (f'<div style="display:none">{samples.CREDIT}</div>', f"<div>{samples.CREDIT}</div>"),
        (
            f'<div style="color: grey; display: none">{samples.CREDIT}</div>',
            f'<div style="color: grey">{samples.CREDIT}</div>',
        ),
        (
            f'<div style="margin: 0; color: transparent">{samples.CREDIT}</div>',
            f'<div style="margin: 0">{samples.CREDIT}</div>',
        ),
        (
            f'<div style="height: 0; overflow: hidden; color: grey">{samples.CREDIT}</div>',
            f'<div style="overflow: hidden; color: grey">{samples.CREDIT}</div>',
        ),
        (f'<div style="opacity:0">{samples.CREDIT}</div>', f"<div>{samples.CREDIT}</div>"),
        (samples.CREDIT.replace("<p>", "<p hidden>"), samples.CREDIT),
        (f"<!-- {samples.CREDIT} -->", samples.CREDIT),
    ],
    ids=[
        "inline-style",
        "one-declaration-of-several",
        "transparent-colour",
        "two-declarations-together",
        "opacity",
        "hidden-attribute",
        "comment",
    ],
)
def test_a_hidden_credit_is_shown(write, fix, hidden, shown):
    page = write("page.html", samples.republished(credit=hidden))
    run = fix(page)
    assert run.code == 0, run.stdout
    assert page.read_text() == samples.republished(credit=shown)
    assert "fixed: attribution: showed the credit hidden by" in run.stdout


def test_wrong_link_targets_copyright_lines_and_notices_are_corrected_in_place(write, fix):
    wrong = samples.republished(
        credit=f'<p>Originally published by <a href="#">{samples.PUBLISHER}</a>.</p>',
        copyright_line=f"<p>Copyright © {samples.PUBLISHER}, 2019</p>",
        notice=f"<p>{samples.NOTICE[:200]}</p>",
    )
    page = write("page.html", wrong)
    run = fix(page, "--format", "json")
    assert run.code == 0
    assert page.read_text() == samples.republished(notice=f"<p>{html.escape(samples.NOTICE, quote=False)}</p>")
    fixes = run.json()["results"][0]["fixes"]
    assert [(f["rule"], f["code"]) for f in fixes] == [
        ("source-link", "CMP002"),
        ("copyright", "CMP003"),
        ("disclaimer", "CMP004"),
    ]
    assert fixes[0]["fix"] == f"pointed the link at {samples.SOURCE_URL} (was #)" and not fixes[0]["unsafe"]


def markdown_page(credit: str) -> str:
    body = "\n\n".join(samples.PARAGRAPHS)
    return (
        f"# {samples.TITLE}\n\n{body}\n\n{credit}Copyright © {samples.PUBLISHER}, {samples.YEAR}\n\n{samples.NOTICE}\n"
    )


def test_markdown_pages_are_fixed_in_markdown(write, fix):
    page = write("page.md", markdown_page(""))
    assert fix(page).code == 0
    credit = f"Originally published by [{samples.PUBLISHER}]({samples.SOURCE_URL}).\n\n"
    assert page.read_text() == markdown_page(credit)
    write("page.md", markdown_page(f"Originally published by [{samples.PUBLISHER}](#).\n\n"))
    assert fix(page).code == 0
    assert page.read_text() == markdown_page(credit)


def test_an_altered_sentence_in_markdown_is_restored_with_markdown_escapes(write, tmp_path):
    """The page's converter escaped the brackets of a title (`\\<The Palace\\>`): the sentence is found
    through the escapes, and the source's wording goes back escaped the same way, not as HTML entities."""
    paragraphs = [
        "The troupe staged <The Palace: Tale of Jang Noksu> in the park on Saturday, and the crowd stayed "
        "for an encore that ran past ten o'clock.",
        *samples.PARAGRAPHS[1:],
    ]
    original = write("original.txt", "\n\n".join(paragraphs))
    altered = paragraphs[0].replace("<", "\\<").replace(">", "\\>").replace("stayed", "hardly stayed")
    page = write("page.md", "\n\n".join([altered, *paragraphs[1:]]) + "\n")
    run = run_cli(
        "fix", page, "--source", original, "--policy", "fair-use-notice", "--unsafe-fixes", "--format", "json"
    )
    assert "restored an altered sentence" in [f["fix"] for f in run.json()["results"][0]["fixes"]]
    assert {f["rule"]: f["passed"] for f in run.json()["results"][0]["findings"]}["body"] is True
    assert page.read_text().startswith("The troupe staged \\<The Palace: Tale of Jang Noksu\\> in the park")


def test_a_short_heading_left_out_goes_back_as_a_block_of_its_own(write, tmp_path):
    """Under the length of a passage put back inside a paragraph, a heading is put back only as a block."""
    paragraphs = [*samples.PARAGRAPHS[:2], "The new wing", *samples.PARAGRAPHS[2:]]
    original = write("original.txt", "\n\n".join(paragraphs))
    whole = write("whole.yaml", "policy: whole\nrules:\n  body: {check: body, min-coverage: 1}\n")
    page = write("page.html", samples.republished(paragraphs=[p for p in paragraphs if p != "The new wing"]))
    run = run_cli("fix", page, "--source", original, "--policy", whole, "--unsafe-fixes", "--format", "json")
    assert run.code == 0 and [f["fix"] for f in run.json()["results"][0]["fixes"]] == ["restored an omitted paragraph"]
    second, third = (html.escape(p, quote=False) for p in samples.PARAGRAPHS[1:3])
    assert f"<p>{second}</p>\n<p>The new wing</p>\n<p>{third}</p>" in page.read_text()


def test_a_heading_said_earlier_in_a_sentence_goes_back_where_the_source_has_it(write, tmp_path):
    """The omitted heading "January 2015" is also words of the first paragraph: it is looked for from its
    own line in the source, not found in that sentence."""
    opening = "The company filed its petition in January 2015, and the court heard both sides in the spring."
    paragraphs = [opening, *samples.PARAGRAPHS[:2], "January 2015", *samples.PARAGRAPHS[2:]]
    original = write("original.txt", "\n\n".join(paragraphs))
    whole = write("whole.yaml", "policy: whole\nrules:\n  body: {check: body, min-coverage: 1}\n")
    page = write("page.html", samples.republished(paragraphs=[p for p in paragraphs if p != "January 2015"]))
    assert run_cli("fix", page, "--source", original, "--policy", whole, "--unsafe-fixes").code == 0
    second, third = (html.escape(p, quote=False) for p in samples.PARAGRAPHS[1:3])
    assert f"<p>{second}</p>\n<p>January 2015</p>\n<p>{third}</p>" in page.read_text()


def test_more_passages_left_out_than_a_report_lists_all_go_back(write, tmp_path):
    """Eighty paragraphs left out: a finding lists twenty, the fix puts back every one."""
    rng = random.Random(4)
    vocabulary = [f"{word}{n}" for n in range(40) for word in ("harbour", "council", "ferry", "quay", "tide")]
    paragraphs = [" ".join(rng.choices(vocabulary, k=14)) + "." for _ in range(160)]
    original = write("original.txt", "\n\n".join(paragraphs))
    page = write("page.html", samples.republished(paragraphs=paragraphs[::2]))
    run = run_cli(
        "fix", page, "--source", original, "--policy", "fair-use-notice", "--unsafe-fixes", "--format", "json"
    )
    result = run.json()["results"][0]
    assert {f["rule"]: f["passed"] for f in result["findings"]}["body"] is True
    assert len(result["fixes"]) == 80


def test_crlf_line_endings_are_kept(write, fix):
    crlf = samples.republished(credit="").replace("\n", "\r\n").encode()
    page = write("page.html", crlf)
    assert fix(page).code == 0
    after = page.read_bytes()
    assert after.count(b"\n") == after.count(b"\r\n") == crlf.count(b"\n") + 1
    assert after.replace(b'\r\n<p>Originally published by <a href="', b"", 1).startswith(crlf[:100])


def test_a_windows_1252_page_stays_in_windows_1252(write, fix):
    text = samples.republished(credit="", copyright_line="").replace('charset="utf-8"', 'charset="windows-1252"')
    text = text.replace("Valley Reposts. All rights", "Valley Reposts — café included —. All rights")
    data = text.encode("cp1252")
    page = write("page.html", data)
    assert fix(page).code == 0
    after = page.read_bytes()
    assert (
        "— café included —".encode("cp1252") in after and "Copyright © Riverton Ledger, 2024".encode("cp1252") in after
    )
    with pytest.raises(UnicodeDecodeError):
        after.decode("utf-8")  # written back in its own encoding, not re-encoded as UTF-8
    assert after.replace("<p>Copyright © Riverton Ledger, 2024</p>".encode("cp1252"), b"", 1).count(
        b"\n"
    ) >= data.count(b"\n")


def test_diff_prints_the_change_and_writes_nothing(write, fix):
    page = write("page.html", samples.republished(credit=""))
    before = page.read_bytes()
    run = fix(page, "--diff")
    assert run.code == 1 and page.read_bytes() == before  # a diff to apply: as ruff, exit 1
    assert "+<p>Originally published by <a href=" in run.stderr and run.stderr.startswith("--- a/")
    assert (
        run_cli("check", page, *[str(page.parent / "original.txt") if a is None else a for a in TERMS], "--fix").code
        == 0
    )
    assert fix(page, "--diff").code == 0 and fix(page, "--diff").stderr == ""


def test_what_cannot_be_fixed_still_fails(write, fix):
    altered = [p.replace("nearly eleven million", "about eleven million") for p in samples.PARAGRAPHS]
    page = write("page.html", samples.republished(paragraphs=altered))
    run = fix(page, "--format", "json")
    assert run.code == 1  # the body is not fixed without --unsafe-fixes
    result = run.json()["results"][0]
    assert "fixes" not in result and [f["rule"] for f in result["findings"] if not f["passed"]] == ["body"]


def test_a_fix_that_would_change_how_the_rest_reads_is_not_written(write, tmp_path):
    """The safety net: an edit that opens a comment would hide the rest of the page."""
    from compliance.engine import Checker, Job
    from compliance.fix import PageText, _document, _reads_differently
    from compliance.fix.edits import Edit, apply_edits

    page = write("page.html", samples.republished())
    job = Job(str(page))
    text = PageText.read(str(page), Checker())
    at = text.text.index(samples.CREDIT)

    def reads_differently(edits):
        after = apply_edits(text.text, edits)
        old, new = (_document(text, version, job).blocks for version in (text.text, after))
        return _reads_differently(job, old, new, text.text, after, edits, markdown=False)

    broken = [Edit(at, at, "<!-- ", "attribution", "CMP001", "a careless edit")]
    assert reads_differently(broken)
    fine = [Edit(at, at, "<p>A new line.</p>", "attribution", "CMP001", "an edit that adds a block")]
    assert reads_differently(fine) is None


def test_a_page_by_url_is_fixed_with_diff_only(fix):
    run = fix("https://127.0.0.1:9/page.html")
    assert run.code == 2 and "a page not in a file is fixed with --diff only" in run.stderr


def test_fixing_reports_json_with_each_fix(write, fix):
    page = write("page.html", samples.republished(credit="", notice=""))
    result = fix(page, "--format", "json").json()["results"][0]
    assert [fix["rule"] for fix in result["fixes"]] == ["attribution", "disclaimer"]
    assert result["passed"] is True
    assert json.dumps(result).count("Originally published by") >= 1


def test_unsafe_fixes_restore_the_article_only_when_asked(write, fix):
    altered = [p.replace("nearly eleven million", "about eleven million") for p in samples.PARAGRAPHS]
    altered.insert(
        2, "Our editors think the council should have cancelled the whole project years ago, and say so here."
    )
    del altered[4]  # the councillor's paragraph left out
    page = write("page.html", samples.republished(paragraphs=altered))
    safe = fix(page)
    assert safe.code == 1 and "fixed:" not in safe.stdout
    assert "note: body: restored an altered sentence (an unsafe fix: --unsafe-fixes)" in safe.stdout
    run = fix(page, "--unsafe-fixes", "--format", "json")
    assert run.code == 0, run.stdout
    fixes = [f["fix"] for f in run.json()["results"][0]["fixes"]]
    assert sorted(fixes) == [
        "removed a passage the page added",
        "restored an altered sentence",
        "restored an omitted paragraph",
    ]
    assert all(f["unsafe"] for f in run.json()["results"][0]["fixes"])
    text = page.read_text()
    assert "nearly eleven million" in text and "Our editors think" not in text and "Councillor Pete Varga" in text
    assert fix(page, "--unsafe-fixes").code == 0 and page.read_text() == text  # nothing left to do


def test_an_omitted_opening_paragraph_goes_back_before_the_one_that_follows_it(write, fix):
    page = write("page.html", samples.republished(paragraphs=samples.PARAGRAPHS[1:]))
    run = fix(page, "--unsafe-fixes", "--format", "json")
    assert run.code == 0, run.stdout
    assert [f["fix"] for f in run.json()["results"][0]["fixes"]] == ["restored an omitted paragraph"]
    first, second = (html.escape(p, quote=False) for p in samples.PARAGRAPHS[:2])
    assert f"<p>{first}</p>\n<p>{second}</p>" in page.read_text()


def test_a_sentence_is_found_in_its_markup_whatever_the_markup_holds():
    """Unsafe fixes rewrite a sentence where the markup reads as it: through entities, an emphasis or a
    Markdown escape, but never across a tag it does not close."""
    from compliance.fix.edits import visible_span

    page = "<p>It&#8217;s <em>deeply</em> depressing,\n   they said.</p>"
    start, end = visible_span(page, 0, "It’s deeply depressing, they said")
    assert page[start:end] == "It&#8217;s <em>deeply</em> depressing,\n   they said"
    assert visible_span("<p>One <a href='#'>two</a> three</p>", 0, "One two") is None  # would cut the link
    markdown = "This is never Daehak-ro\\! Park \\~"
    start, end = visible_span(markdown, 0, "Daehak-ro! Park ~", markdown=True)
    assert markdown[start:end] == "Daehak-ro\\! Park \\~"


def test_a_plain_text_page_is_not_fixed(write, fix):
    run = fix(write("page.txt", samples.ARTICLE_TEXT))
    assert run.code == 2 and "plain text; only HTML and Markdown pages are fixed" in run.stderr


def test_a_missing_licence_is_named_with_its_deed(write, fix):
    policy = write("cc.yaml", "policy: cc\nrules:\n  license: {check: license, license: by-nd}\n")
    page = write("page.html", samples.republished())
    run = fix(page, "--policy", policy)
    assert run.code == 0, run.stdout
    deed = '<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>'
    assert f"<p>Republished under {deed}.</p>" in page.read_text()
    assert "fixed: license: named CC BY-ND 4.0" in run.stdout


def test_a_missing_tracking_pixel_is_copied_from_the_publishers_republish_box(write, fix):
    """The INN plugin's pixel address is only in the box the source page hands out: the fix copies it."""
    from tests import boxes

    source = write("source.html", boxes.inn_source_page())
    page = write("page.html", boxes.republished(boxes.inn_box(pixel=False), headline=None))
    run = run_cli("fix", page, "--source", source, "--policy", "inn-tracker", "--format", "json")
    assert run.code == 0, run.stdout
    (added,) = run.json()["results"][0]["fixes"]
    assert (
        added["rule"] == "pixel"
        and added["fix"] == "added republication tracking pixel from the publisher's republish box"
    )
    assert (
        'id="republication-tracker-tool-source"' in page.read_text() and "republication-pixel=true" in page.read_text()
    )

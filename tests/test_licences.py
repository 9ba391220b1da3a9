"""The licence a source declares: read in every spelling, it picks the CC pack; an all-rights-reserved
source with no licence asks the page for its permission."""

from __future__ import annotations

import pytest

import compliance
from compliance.reading.licences import Licence, parse_licence
from tests import samples
from tests.conftest import run_cli

BY_SA_DEED = "https://creativecommons.org/licenses/by-sa/4.0/"


@pytest.mark.parametrize(
    ("written", "licence"),
    [
        ("https://creativecommons.org/licenses/by-sa/4.0/deed.en", Licence("by-sa", "4.0")),
        ("http://creativecommons.org/licenses/by-nc-nd/3.0/us/", Licence("by-nc-nd", "3.0")),
        ("https://licensebuttons.net/l/by-nd/4.0/88x31.png", Licence("by-nd", "4.0")),
        ("https://i.creativecommons.org/l/by/4.0/80x15.png", Licence("by", "4.0")),
        ("CC BY-NC-SA 4.0", Licence("by-nc-sa", "4.0")),
        ("by-nd", Licence("by-nd", None)),
        ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International", Licence("by-nc-nd", "4.0")),
        ("Creative Commons Attribution-NoDerivs 3.0", Licence("by-nd", "3.0")),
        ("Creative Commons Attribution-No Derivatives 4.0 International License", Licence("by-nd", "4.0")),
        ("Creative Commons Attribution-Non-Commercial-Share Alike 4.0", Licence("by-nc-sa", "4.0")),
        ("Creative Commons BY-ND 4.0", Licence("by-nd", "4.0")),
        ("Creative Commons BY 4.0", Licence("by", "4.0")),
        ("Licensed under Creative Commons by the author", None),
        (  # Wikipedia's rel=license link: its own page of the licence text
            "https://en.wikipedia.org/wiki/Wikipedia:Text_of_the_Creative_Commons_Attribution-ShareAlike_4.0_International_License",
            Licence("by-sa", "4.0"),
        ),
        ("All rights reserved", None),
        ("https://example.org/terms/", None),
    ],
)
def test_a_licence_is_read_in_every_spelling(written, licence):
    assert parse_licence(written) == licence


def source_declaring(declaration: str) -> str:
    """The publisher's page with a licence declared one way, and no "All rights reserved"."""
    page = samples.source_page().replace(". All rights reserved.", ".")
    if declaration.startswith("<script"):
        return page.replace("</head>", f"{declaration}</head>")
    return page.replace("<footer>", f"<footer>{declaration}")


@pytest.mark.parametrize(
    ("declaration", "how"),
    [
        (f'<p><a rel="license" href="{BY_SA_DEED}">CC BY-SA 4.0</a></p>', "rel=license"),
        ('<img src="https://licensebuttons.net/l/by-sa/4.0/88x31.png" alt="CC BY-SA">', "a Creative Commons badge"),
        (
            '<script type="application/ld+json">{"@type": "WebPage", "license": "' + BY_SA_DEED + '"}</script>',
            "JSON-LD license",
        ),
    ],
)
def test_auto_picks_the_cc_pack_of_the_licence_the_source_declares_and_says_why(write, declaration, how):
    source = write("original.html", source_declaring(declaration))
    page = write("page.html", samples.republished(copyright_line="", notice=""))
    run = run_cli("check", page, "--source", source, "--format", "json")
    (result,) = run.json()["results"]
    assert result["policy"] == "cc-by-sa-4.0"
    assert result["policy_reason"] == f"the source declares CC BY-SA 4.0 ({how})"
    text = run_cli("check", page, "--source", source).stdout
    assert "(policy cc-by-sa-4.0: the source declares CC BY-SA 4.0" in text


def test_a_publisher_pack_outranks_the_licence(write):
    source = samples.source_page().replace(samples.SOURCE_URL, "https://www.propublica.org/article/library")
    source = source.replace("<footer>", f'<footer><a rel="license" href="{BY_SA_DEED}">CC BY-SA</a>')
    run = run_cli(
        "check", write("page.html", samples.republished()), "--source", write("o.html", source), "--format", "json"
    )
    (result,) = run.json()["results"]
    assert (result["policy"], result["policy_reason"]) == ("propublica", "the source is on propublica.org")


def test_an_all_rights_reserved_source_without_a_stated_permission_gets_a_warning(write):
    source = write("original.html", samples.source_page())  # "© 2024 Riverton Ledger. All rights reserved."
    run = run_cli("check", write("page.html", samples.republished()), "--source", source, "--format", "json")
    (result,) = run.json()["results"]
    assert result["policy"] == "fair-use-notice" and run.code == 0
    permission = next(f for f in result["findings"] if f["rule"] == "permission")
    assert (permission["passed"], permission["level"]) == (False, "warning")
    assert permission["message"] == (
        "The source reserves all rights and declares no licence, and the page states no permission from "
        "Riverton Ledger to republish it"
    )


@pytest.mark.parametrize(
    ("source_html", "page_extra", "message"),
    [
        (samples.source_page(), "<p>Republished with permission of the Riverton Ledger.</p>", "States the permission"),
        (samples.source_page(), "<p>Published by arrangement with the Riverton Ledger.</p>", "States the permission"),
        (
            source_declaring(f'<a rel="license" href="{BY_SA_DEED}">CC BY-SA</a>'),
            "",
            "The source declares CC BY-SA 4.0",
        ),
        (samples.source_page().replace(". All rights reserved.", "."), "", "The source reserves no rights in words"),
    ],
)
def test_permission_passes_when_stated_licensed_or_not_reserved(write, source_html, page_extra, message):
    source = compliance.read_source(str(write("original.html", source_html)))
    page = compliance.read_document(str(write("page.html", samples.republished(credit=samples.CREDIT + page_extra))))
    result = compliance.check_page(page, compliance.load_policy("fair-use-notice"), source, samples.VARIABLES)
    permission = next(f for f in result.findings if f.rule == "permission")
    assert permission.passed and permission.message.startswith(message), permission.message


def test_a_fair_use_notice_asking_readers_for_permission_states_none(write):
    """The notice's "you must request permission from the copyright owner" is no permission of the page's."""
    source = compliance.read_source(str(write("original.html", samples.source_page())))
    page = compliance.read_document(str(write("page.html", samples.republished())))
    result = compliance.check_page(page, compliance.load_policy("fair-use-notice"), source, samples.VARIABLES)
    assert not next(f for f in result.findings if f.rule == "permission").passed


def test_auto_picks_the_pack_of_the_republish_box_the_source_hands_out(write):
    """Every site using the INN plugin has its own host; its republish box says which pack governs it."""
    from tests import boxes

    source = write("original.html", boxes.inn_source_page())
    page = write("page.html", boxes.republished(boxes.inn_box(), headline=None))
    run = run_cli("check", page, "--source", source, "--format", "json")
    (result,) = run.json()["results"]
    assert result["policy"] == "inn-tracker" and result["passed"], result
    assert result["policy_reason"] == (
        "the source page hands out its republish box (republication-tracker-tool-shareable-content)"
    )


def test_a_licence_line_on_the_source_page_is_not_taken_for_the_article(write):
    """The page's credit says "under CC BY-ND 4.0" as the source's licence line does; that echo does not
    move the article out of the story into the whole page, so an excerpt stays an excerpt."""
    licence_line = '<p class="license">This work is licensed under CC BY-ND 4.0.</p>'
    source = compliance.read_source(
        str(write("original.html", samples.source_page().replace("<footer>", licence_line + "<footer>")))
    )
    credit = (
        samples.CREDIT
        + '<p>Republished under <a href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>.</p>'
    )
    page = samples.republished(paragraphs=samples.PARAGRAPHS[:2], credit=credit, copyright_line="", notice="")
    result = compliance.check_page(
        compliance.read_document(str(write("page.html", page))),
        compliance.load_policy("cc-by-nd-4.0"),
        source,
        samples.VARIABLES,
    )
    body = next(f for f in result.findings if f.rule == "body")
    assert body.passed, body.message
    assert body.passages["source_region"]["element"] != "body"


def test_a_source_under_an_older_version_gets_its_licences_terms_under_that_version(write):
    """CC BY-SA 3.0: the BY-SA terms, and the page must name and link the 3.0 deed the material is under."""
    deed = "https://creativecommons.org/licenses/by-sa/3.0/us/"
    source = write("original.html", source_declaring(f'<a rel="license" href="{deed}">CC BY-SA 3.0 US</a>'))
    named = f'<p><a rel="license" href="{deed}">CC BY-SA 3.0</a></p>'
    run = run_cli(
        "check",
        write("page.html", samples.republished(credit=samples.CREDIT + named)),
        "--source",
        source,
        "--format",
        "json",
    )
    (result,) = run.json()["results"]
    assert (result["policy"], result["policy_reason"]) == (
        "cc-by-sa-4.0",
        "the source declares CC BY-SA 3.0 (rel=license)",
    )
    licence = next(f for f in result["findings"] if f["rule"] == "license")
    assert licence["passed"] and licence["message"] == "Names CC BY-SA 3.0 and links to its deed"
    wrong = samples.republished(credit=samples.CREDIT + licence_link("by-sa"))
    run = run_cli("check", write("wrong.html", wrong), "--source", source, "--format", "json")
    assert not next(f for f in run.json()["results"][0]["findings"] if f["rule"] == "license")["passed"]


def licence_link(code: str) -> str:
    return f'<p><a rel="license" href="https://creativecommons.org/licenses/{code}/4.0/">CC {code.upper()} 4.0</a></p>'

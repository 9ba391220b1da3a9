"""ProPublica and The Conversation: a compliant page from each one's republish pattern, and a page breaking each rule.

The article is the test suite's own; the pages follow what the publishers'
republish boxes produce (credit line, licence link, tracking pixel or counter).
"""

from __future__ import annotations

import pytest

import compliance
from tests import samples

PP_URL = "https://www.propublica.org/article/riverton-library-reopens"
PP_PIXEL = '<img src="https://pixel.propublica.org/pixel.gif?id=riverton" width="1" height="1" alt="">'
PP_CREDIT = (
    f'<p>This story was originally published by <a href="{PP_URL}">ProPublica</a>.</p>'
    '<p><a rel="license" href="https://creativecommons.org/licenses/by-nc-nd/3.0/">CC BY-NC-ND 3.0</a> '
    '<a rel="license" href="https://creativecommons.org/licenses/by-nc-nd/4.0/">CC BY-NC-ND 4.0</a></p>'
)
TC_URL = "https://theconversation.com/riverton-library-reopens-123456"
TC_COUNTER = '<img src="https://counter.theconversation.com/content/123456/count.gif?distributor=republish-lightbox-basic" alt="The Conversation" width="1" height="1">'
TC_TOP = (
    f'<p>This article is republished from <a href="{TC_URL}">The Conversation</a> under a Creative Commons license.</p>'
)
TC_BYLINE = "<p class='byline'>Maya Lindqvist, University of Riverton</p>"
TC_LICENSE = '<p><a href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a></p>'


def run(write, policy: str, page_html: str, variables: dict) -> dict[str, bool]:
    source = compliance.read_source(str(write("original.txt", samples.ARTICLE_TEXT)))
    page = compliance.read_document(str(write("page.html", page_html)))
    result = compliance.check_page(page, compliance.load_policy(policy), source, variables)
    return {f.rule: f.passed for f in result.findings}


def propublica_page(**changes) -> str:
    parts = {"credit": PP_CREDIT + PP_PIXEL, "paragraphs": samples.PARAGRAPHS, "before": ""} | changes
    return samples.republished(
        paragraphs=parts["paragraphs"], credit=parts["credit"], copyright_line="", notice="", before=parts["before"]
    )


PP_VARS = {"source.url": PP_URL, "source.author": "Maya Lindqvist"}


def test_propublica_compliant(write):
    assert all(run(write, "propublica", propublica_page(), PP_VARS).values())


@pytest.mark.parametrize(
    ("rule", "page"),
    [
        (
            "attribution",
            propublica_page(
                credit=PP_CREDIT.replace("This story was originally published by ", "Via ").replace(
                    "ProPublica</a>", "a partner</a>"
                )
                + PP_PIXEL
            ),
        ),
        ("source-link", propublica_page(credit=PP_CREDIT.replace(PP_URL, "https://www.propublica.org/") + PP_PIXEL)),
        ("license", propublica_page(credit=PP_CREDIT.split("<p><a rel")[0] + PP_PIXEL)),
        ("pixel", propublica_page(credit=PP_CREDIT)),
        (
            "photos",
            propublica_page(
                before='<figure><img src="https://img.assets-d.propublica.org/v5/images/library.jpg"></figure>'
            ),
        ),
        (
            "body",
            propublica_page(
                paragraphs=[p.replace("nearly eleven million", "about eleven million") for p in samples.PARAGRAPHS]
            ),
        ),
    ],
)
def test_propublica_each_rule_can_fail(write, rule, page):
    verdicts = run(write, "propublica", page, PP_VARS)
    assert [r for r, passed in verdicts.items() if not passed] == [rule]


def conversation_page(**changes) -> str:
    parts = {
        "top": TC_TOP,
        "byline": TC_BYLINE,
        "paragraphs": samples.PARAGRAPHS,
        "end": TC_LICENSE + TC_COUNTER,
    } | changes
    return samples.republished(
        paragraphs=parts["paragraphs"],
        before=parts["byline"] + parts["top"],
        credit=parts["end"],
        copyright_line="",
        notice="",
    )


TC_VARS = {"source.author": "Maya Lindqvist", "source.institution": "University of Riverton"}


def test_the_conversation_compliant_full_and_extract(write):
    assert all(run(write, "the-conversation", conversation_page(), TC_VARS).values())
    extract = conversation_page(
        paragraphs=samples.PARAGRAPHS[:2],
        end=f'<p>Read the full article on <a href="{TC_URL}">The Conversation</a>.</p>' + TC_LICENSE + TC_COUNTER,
    )
    assert all(run(write, "the-conversation", extract, TC_VARS).values())


@pytest.mark.parametrize(
    ("rule", "page"),
    [
        ("attribution", conversation_page(top=f'<p><a href="{TC_URL}">Source</a></p>')),
        ("source-link", conversation_page(top=TC_TOP.replace(TC_URL, "#"))),
        ("byline", conversation_page(byline="<p class='byline'>Maya Lindqvist</p>")),
        ("counter", conversation_page(end=TC_LICENSE)),
        ("license", conversation_page(end=TC_COUNTER)),
        ("body", conversation_page(paragraphs=[samples.PARAGRAPHS[0], samples.PARAGRAPHS[2]])),
    ],
)
def test_the_conversation_each_rule_can_fail(write, rule, page):
    verdicts = run(write, "the-conversation", page, TC_VARS)
    assert [r for r, passed in verdicts.items() if not passed] == [rule]

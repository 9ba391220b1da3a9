"""Every publisher pack: the publisher's box pasted unchanged passes; each single defect fails its rule alone.

The boxes follow `spec/publishers.md` (tests/boxes.py); the article is this
suite's own, served on a publisher's page with links inside the story.
"""

from __future__ import annotations

import html

import pytest

import compliance
from compliance.policy.variables import source_variables
from tests import boxes, samples
from tests.boxes import AUTHOR, republished, story

PP_URL = "https://www.propublica.org/article/riverton-library-reopens"
PP_TRACKER = '<script type="text/javascript" src="https://pixel.propublica.org/pixel.js" async></script>'
CM_URL = "https://calmatters.org/politics/2024/03/riverton-library-reopens/"
TT_URL = "https://www.texastribune.org/2024/03/09/riverton-library-reopens/"
GPJ_URL = "https://globalpressjournal.com/americas/usa/riverton-library-reopens/"
TX_URL = "https://thetexan.news/local/riverton-library-reopens/2024/03/09/"
RENAMED = "Library opens its doors again"


def propublica_box(credited="ProPublica", url=PP_URL, byline=True, tracker=True, links=True, altered=False, photo=""):
    return "\n".join(
        [
            f"<p>by {AUTHOR}, ProPublica</p>" if byline else "",
            photo,
            story(links=links, altered=altered),
            f'<p>This story was originally published by <a href="{url}">{credited}</a>.</p>',
            PP_TRACKER if tracker else "",
        ]
    )


def calmatters_box(top=True, credited="CalMatters", url=CM_URL, byline=f"By {AUTHOR}, CalMatters", altered=False):
    note = f'<p><em>This story was originally published by <a href="{url}">{credited}</a>.</em></p>'
    return "\n".join([note if top else "", f"<p>{byline}</p>", story(altered=altered), "" if top else note])


def texas_tribune_box(closing=None, url=TT_URL, byline=f"by {AUTHOR}, The Texas Tribune", links=True, altered=False):
    closing = closing or f'This article originally appeared in The Texas Tribune at <a href="{url}">{url}</a>.'
    return "\n".join([f"<p>{byline}</p>", story(links=links, altered=altered), f"<p>{closing}</p>"])


def gpj_box(credited="Global Press Journal", url=GPJ_URL, links=True, altered=False):
    credit = f'<p>This story was originally published by <a href="{url}">{credited}</a>.</p>'
    return "\n".join([story(links=links, altered=altered), credit])


LONG_STORY = [*samples.PARAGRAPHS, *boxes.MORE_PARAGRAPHS]  # 287 words


def texan_box(paragraphs=samples.PARAGRAPHS[:3], credited="The Texan", url=TX_URL):
    return "\n".join([story(paragraphs), f'<p>This article first appeared in <a href="{url}">{credited}</a>.</p>'])


CM_HEAD = f'<link rel="canonical" href="{CM_URL}">'
PACKS = {  # pack -> (source page, {"box": page, rule: page breaking that rule alone})
    "the-conversation": (
        boxes.source_page(boxes.TC_URL, "The Conversation", affiliation=boxes.INSTITUTION),
        {
            "box": republished(boxes.conversation_box()),
            "attribution": republished(boxes.conversation_box(credited="our partners")),
            "source-link": republished(boxes.conversation_box(article_url="#", home_url="#")),
            "byline": republished(boxes.conversation_box(institution=False)),
            "counter": republished(boxes.conversation_box(counter=False)),
            "license": republished(boxes.conversation_box(licence="")),
            "body": republished(boxes.conversation_box(altered=True)),
        },
    ),
    "propublica": (
        boxes.source_page(PP_URL, "ProPublica"),
        {
            "box": republished(propublica_box()),
            "attribution": republished(propublica_box(credited="our partners")),
            "byline": republished(propublica_box(byline=False)),
            "source-link": republished(propublica_box(url="https://www.propublica.org/")),
            "pixel": republished(propublica_box(tracker=False)),
            "photos": republished(
                propublica_box(photo='<img src="https://img.assets-d.propublica.org/v5/images/library.jpg">')
            ),
            "links": republished(propublica_box(links=False)),
            "body": republished(propublica_box(altered=True)),
        },
    ),
    "calmatters": (
        boxes.source_page(CM_URL, "CalMatters"),
        {
            "box": republished(calmatters_box(), head=CM_HEAD),
            "attribution": republished(calmatters_box(top=False), head=CM_HEAD),
            "source-link": republished(calmatters_box(url="https://calmatters.org/"), head=CM_HEAD),
            "byline": republished(calmatters_box(byline=f"By {AUTHOR}"), head=CM_HEAD),
            "headline": republished(calmatters_box(), headline=RENAMED, head=CM_HEAD),
            "canonical": republished(calmatters_box()),
            "body": republished(calmatters_box(altered=True), head=CM_HEAD),
        },
    ),
    "texas-tribune": (
        boxes.source_page(TT_URL, "The Texas Tribune"),
        {
            "box": republished(texas_tribune_box()),
            "attribution": republished(texas_tribune_box(closing=f'Read the story <a href="{TT_URL}">here</a>.')),
            "source-link": republished(texas_tribune_box(url="https://www.texastribune.org/")),
            "byline": republished(texas_tribune_box(byline=f"by {AUTHOR}")),
            "links": republished(texas_tribune_box(links=False)),
            "body": republished(texas_tribune_box(altered=True)),
        },
    ),
    "inn-tracker": (
        boxes.inn_source_page(),
        {
            "box": republished(boxes.inn_box(), headline=None),
            "attribution": republished(boxes.inn_box(credit=boxes.inn_credit(site="a partner")), headline=None),
            "source-link": republished(boxes.inn_box(credit=boxes.inn_credit(article_url="#")), headline=None),
            "license": republished(boxes.inn_box(credit=boxes.inn_credit(licence="by-nd")), headline=None),
            "byline": republished(boxes.inn_box(byline=False), headline=None),
            "headline": republished(boxes.inn_box(headline=RENAMED), headline=None, title=RENAMED),
            "pixel": republished(boxes.inn_box(pixel=False), headline=None),
            "body": republished(boxes.inn_box(altered=True), headline=None),
        },
    ),
    "global-press-journal": (
        boxes.source_page(GPJ_URL, "Global Press Journal"),
        {
            "box": republished(gpj_box()),
            "attribution": republished(gpj_box(credited="a partner")),
            "source-link": republished(gpj_box(url="https://globalpressjournal.com/")),
            "links": republished(gpj_box(links=False)),
            "body": republished(gpj_box(altered=True)),
        },
    ),
    "the-texan": (
        boxes.source_page(TX_URL, "The Texan", paragraphs=LONG_STORY),
        {
            "box": republished(texan_box()),
            "attribution": republished(texan_box(credited="a partner")),
            "source-link": republished(texan_box(url="#")),
            "headline": republished(texan_box(), headline=RENAMED),
            "body": republished(texan_box(paragraphs=LONG_STORY)),
        },
    ),
}


def verdicts(write, pack: str, page_html: str) -> dict[str, tuple[bool, str]]:
    source_html, _ = PACKS[pack]
    source = compliance.read_source(str(write("original.html", source_html)))
    page = compliance.read_document(str(write("page.html", page_html)))
    result = compliance.check_page(page, compliance.load_policy(pack), source, {})
    return {f.rule: (f.passed, f.level) for f in result.findings}


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_the_box_pasted_unchanged_passes(write, pack):
    result = verdicts(write, pack, PACKS[pack][1]["box"])
    assert [rule for rule, (passed, _) in result.items() if not passed] == []


@pytest.mark.parametrize(
    ("pack", "rule"), [(pack, rule) for pack, (_, pages) in sorted(PACKS.items()) for rule in pages if rule != "box"]
)
def test_each_single_defect_fails_its_rule_alone(write, pack, rule):
    result = verdicts(write, pack, PACKS[pack][1][rule])
    assert [r for r, (passed, _) in result.items() if not passed] == [rule]


def test_every_rule_of_every_publisher_pack_has_a_breaking_page():
    for pack, (_, pages) in PACKS.items():
        assert {r.id for r in compliance.load_policy(pack).rules} == set(pages) - {"box"}, pack


def test_the_conversation_extract_with_its_read_more_line_passes(write):
    """The Conversation allows "the first few lines or paragraphs" with "Read the full article on The
    Conversation"; an excerpt is no adaptation under CC BY-ND."""
    box = boxes.conversation_box().replace(story(), story(samples.PARAGRAPHS[:2]))
    result = verdicts(write, "the-conversation", republished(box))
    assert all(passed for passed, _ in result.values()), result


def test_inn_licence_is_read_from_the_sources_republish_box(write):
    """The site chose BY-NC-ND: its shareable copy (escaped in a textarea) says so, and the pack asks for it."""
    source = compliance.read_source(str(write("original.html", boxes.inn_source_page())))
    assert source.metadata.license == ("https://creativecommons.org/licenses/by-nc-nd/4.0/", "its republish box")
    page = compliance.read_document(str(write("page.html", republished(boxes.inn_box(), headline=None))))
    result = compliance.check_page(page, compliance.load_policy("inn-tracker"), source, {})
    licence = next(f for f in result.findings if f.rule == "license")
    assert licence.passed and "CC BY-NC-ND 4.0" in licence.message


def test_a_link_kept_with_another_target_is_named(write):
    changed = propublica_box().replace(boxes.IN_BODY_LINKS[2][1], "https://valley-reposts.example/foundations")
    result = compliance.check_page(
        compliance.read_document(str(write("page.html", republished(changed)))),
        compliance.load_policy("propublica"),
        compliance.read_source(str(write("original.html", PACKS["propublica"][0]))),
    )
    links = next(f for f in result.findings if f.rule == "links")
    assert not links.passed
    assert links.message == (
        "1 of 2 links in the article as reproduced are not kept: “the old foundations” links to "
        "https://valley-reposts.example/foundations, not https://riverton.example/reports/east-wing-survey"
    )
    assert links.passages == {
        "links_lost": [{"text": "the old foundations", "href": "https://riverton.example/reports/east-wing-survey"}]
    }


def test_an_excerpt_is_asked_only_for_the_links_of_what_it_quotes(write):
    excerpt = republished(gpj_box().replace(story(), story(samples.PARAGRAPHS[:2])))
    result = verdicts(write, "global-press-journal", excerpt)
    assert result["links"] == (True, "error")
    assert html.escape(boxes.IN_BODY_LINKS[2][0]) not in excerpt


def test_the_code_in_a_republish_box_is_not_the_sources_text(write):
    """The INN modal's textarea holds the article as HTML code; shown or not, it is no part of the page's prose."""
    source = compliance.read_document(str(write("original.html", boxes.inn_source_page())))
    assert not any("<h1>" in block.text for block in source.blocks)
    assert [block.text for block in source.blocks if "republication" in block.path] == ["Republish this article"]


@pytest.mark.parametrize(("printed", "passes"), [(TT_URL, True), ("https://www.texastribune.org/", False)])
def test_the_address_printed_unlinked_in_the_closing_line_is_a_uri_to_the_story(write, printed, passes):
    """CC asks for "a URI or hyperlink": the Tribune's closing line may print the story's address."""
    box = texas_tribune_box(closing=f"This article originally appeared in The Texas Tribune at {printed}.")
    result = verdicts(write, "texas-tribune", republished(box))
    assert result["source-link"] == (passes, "error")
    assert result["body"] == (True, "error")  # the closing line is no text added to the article


def test_the_author_line_far_below_the_partners_headline_is_still_the_byline(write):
    """A partner's CMS puts its date, share bar and a teaser between its title and the pasted box."""
    between = "<p>May 2, 2025</p><p>Share: Facebook · X · Email</p><p>Our readers asked about the library.</p>" * 2
    box = between + boxes.conversation_box()
    assert verdicts(write, "the-conversation", republished(box))["byline"] == (True, "error")
    without = between + boxes.conversation_box(institution=False)
    assert verdicts(write, "the-conversation", republished(without))["byline"] == (False, "error")
    page = compliance.read_document(str(write("page.html", republished(without))))
    source = compliance.read_source(str(write("original.html", PACKS["the-conversation"][0])))
    result = compliance.check_page(page, compliance.load_policy("the-conversation"), source)
    byline = next(f for f in result.findings if f.rule == "byline")
    assert byline.message == f"The byline credits {AUTHOR} but not {boxes.INSTITUTION} beside the name"


def test_inn_site_name_is_read_from_the_sources_own_box(write):
    """The site's metadata names it with a tagline; the box's credit line says the name partners print."""
    tagline = f"{boxes.INN_SITE} | Independent news for the valley"
    source_html = boxes.inn_source_page().replace(f'content="{boxes.INN_SITE}"', f'content="{tagline}"')
    source_html = source_html.replace(f'"name": "{boxes.INN_SITE}"', f'"name": "{tagline}"')
    source = compliance.read_source(str(write("original.html", source_html)))
    assert source_variables(source)["source.site"] == boxes.INN_SITE
    page = compliance.read_document(str(write("page.html", republished(boxes.inn_box(), headline=None))))
    result = compliance.check_page(page, compliance.load_policy("inn-tracker"), source, {})
    assert all(f.passed for f in result.findings), [f.message for f in result.findings if not f.passed]

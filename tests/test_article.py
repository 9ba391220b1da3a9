"""Finding the article in a real source page, and what the body check makes of the differences."""

from __future__ import annotations

import pytest

import compliance
from compliance.reading import parse_bytes
from tests import samples

BODY_POLICY = "policy: body-only\nrules:\n  body: {check: body, min-coverage: 0.9}\n"
LONG = " ".join(["This related post is long enough to look like prose to a careless extractor."] * 4)


def _extract(markup: str):
    from compliance.alignment.article import extract_article

    return extract_article(parse_bytes(markup.encode(), "source.html", structure=True))


def test_full_length_related_posts_do_not_outweigh_the_article():
    related = "".join(
        f'<article class="post"><h2><a href="/p/{i}">Another post title {i}</a></h2><p>{LONG} {i}</p></article>'
        for i in range(6)
    )
    markup = (
        f'<body><article class="post"><h1>{samples.TITLE}</h1><p>{samples.PARAGRAPHS[0]}</p>'
        f'<p>{samples.PARAGRAPHS[1]}</p></article><article class="post"><h3>You may also like</h3>{related}'
        "</article></body>"
    )
    assert [b.text for b in _extract(markup).blocks] == samples.PARAGRAPHS[:2]


def test_ad_labels_promotions_and_captions_are_left_out():
    markup = (
        "<body><h1>T</h1><div class='story'><p>The storm damaged the harbour wall. Photo: Reuters</p>"
        f"<p>{samples.PARAGRAPHS[0]}</p><p>Advertisement</p><p>{samples.PARAGRAPHS[1]}</p>"
        "<p>Sign up for our morning newsletter to get the day's news before breakfast, every day.</p></div></body>"
    )
    assert [b.text for b in _extract(markup).blocks] == samples.PARAGRAPHS[:2]


def test_a_roundup_whose_items_lead_with_their_story_link_is_kept_whole():
    """A newsletter roundup: each item opens with a long linked sentence, so most of its words are a link."""
    items = [
        (
            f"Item {n}: the city council approved a new budget for the river parks this week",
            "after a long debate that ran late into the night.",
        )
        for n in range(1, 9)
    ]
    intro = "Good morning! Here is the news you need to know this Tuesday, in eight items."
    markup = f"<body><h1>Ten things</h1><div class='story'><p>{intro}</p><ol>"
    markup += "".join(
        f'<li><a href="/story/{i}">{linked}</a> {rest} More soon.</li>' for i, (linked, rest) in enumerate(items)
    )
    markup += "</ol><p>That is all for today; we will be back tomorrow morning with more.</p></div></body>"
    texts = [b.text for b in _extract(markup).blocks]
    assert texts[0] == intro
    assert [t.split(":")[0] for t in texts[1:9]] == [f"{n}. Item {n}" for n in range(1, 9)]  # as a reader sees them


def test_a_paragraph_crowded_with_links_is_not_prose():
    """A hover card (a name's related headlines, styled hidden by an external stylesheet) is a link cluster,
    even in a long sentence: only a sentence led by a single link is a roundup's item."""
    card = " ".join(
        f'<a href="/h/{i}">A headline about the senator and the budget fight, part {i}</a>' for i in range(3)
    )
    lead = "Senator Jane Roe, who chairs the budget committee and has served the district since 2010, said on Monday"
    markup = (
        f"<body><div class='story'><p>{lead} <span>{card}</span> that she would vote no.</p>"
        f"<p>{samples.PARAGRAPHS[0]}</p><p>{samples.PARAGRAPHS[1]}</p></div></body>"
    )
    assert [b.text for b in _extract(markup).blocks] == [samples.PARAGRAPHS[0], samples.PARAGRAPHS[1]]


def test_teaser_lists_with_links_do_not_become_the_article():
    teasers = "".join(
        f'<li><a href="/s/{i}">Teaser headline number {i} for a story</a> with a summary of it that runs on.</li>'
        for i in range(12)
    )
    markup = f"<body><ul>{teasers}</ul><div><p>{samples.PARAGRAPHS[0]}</p><p>{samples.PARAGRAPHS[2]}</p></div></body>"
    assert [b.text for b in _extract(markup).blocks] == [samples.PARAGRAPHS[0], samples.PARAGRAPHS[2]]


CHINESE = [
    "市议会周二批准了修缮老图书馆的新计划。议员们表示，工程将于下个月开工，预计两年内完成。",
    "这座图书馆的建筑已有一百多年的历史。去年雨季，屋顶开始漏水，导致许多珍贵的古籍受损。",
    "根据计划，馆内将新建一间阅览室和一间儿童活动室，并在顶层设立一座小型博物馆。",
]
OTHER_CHINESE = [
    "气象部门周三发布预报称，未来三天我国南方大部分地区将出现持续强降雨，部分地区可能发生洪涝灾害。",
    "农业专家提醒农民及时排水，防止农田积水影响水稻生长。有关部门已经向受影响地区调拨了抗洪物资。",
    "专家指出，近年来极端天气事件越来越频繁，城市排水系统面临的压力也越来越大。",
]


def chinese_source_page() -> str:
    """A Chinese story page whose "related" list links each other story by its opening words."""
    story = "".join(f"<p>{p}</p>" for p in CHINESE)
    related = "".join(f'<li><a href="/s/{i}">{p[:30]}</a></li>' for i, p in enumerate(OTHER_CHINESE))
    return f"<body><h1>修缮老图书馆</h1><div class='story'>{story}</div><aside><ul>{related}</ul></aside></body>"


def test_a_chinese_story_is_found_by_its_characters_not_its_spaces():
    """Chinese writes no spaces: a paragraph is dozens of words, one character each, not one word (which made
    every paragraph too short to be prose, and the page's article nothing at all)."""
    assert [b.text for b in _extract(chinese_source_page()).blocks] == CHINESE


def test_a_chinese_list_of_linked_teasers_is_no_article(write):
    """A page reproducing the stories a source page's related list links to is not the source's article: a
    list of links is as much link in Chinese as in English, though its links hold no spaces."""
    source = compliance.read_source(str(write("source.html", chinese_source_page())))
    policy = compliance.load_policy(
        str(write("body.yaml", "policy: body-only\nrules:\n  body: {check: body, min-coverage: 0.9}\n"))
    )
    page = compliance.read_document(str(write("page.html", samples.republished(paragraphs=OTHER_CHINESE))))
    (finding,) = compliance.check_page(page, policy, source).findings
    assert not finding.passed and finding.metrics["coverage"] < 0.5, finding.message


@pytest.mark.parametrize(
    "ending",
    ["।", "’", " »", "」", "؟", "۔", ""],
    ids=["Hindi", "British closing quote", "French guillemet", "Japanese bracket", "Arabic question", "Urdu", "Thai"],
)
def test_a_paragraph_ending_as_its_language_ends_a_sentence_is_one_a_page_leaves_out(write, ending):
    """A story page's last paragraphs, ending in a danda, a closing quote or guillemet, are paragraphs, not
    labels: a page that stops before them is cut short."""
    paragraphs = [*samples.PARAGRAPHS[:3], *(p.removesuffix(".") + ending for p in samples.PARAGRAPHS[3:])]
    if ending in ("।", ""):  # Thai ends a sentence with no mark
        paragraphs = samples.HINDI_PARAGRAPHS if ending else samples.THAI_PARAGRAPHS
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    source_page = f"<body><nav><a href='/'>Home</a></nav><h1>T</h1><div class='story'>{story}</div></body>"
    source = compliance.read_source(str(write("source.html", source_page)))
    policy = compliance.load_policy(str(write("body.yaml", BODY_POLICY)))
    page = compliance.read_document(str(write("page.html", samples.republished(paragraphs=paragraphs[:-2]))))
    (finding,) = compliance.check_page(page, policy, source).findings
    assert not finding.passed, finding.message


def test_paragraphs_half_links_still_say_where_the_article_is(write):
    """A paragraph whose words are mostly a link to another story is still the article's (a teaser is all but
    wholly a link): an excerpt of such paragraphs locates the article by them."""
    linked = [
        f'<p><a href="/s/{i}">{" ".join(p.split()[:12])}</a> {" ".join(p.split()[12:20])}</p>'
        for i, p in enumerate(samples.PARAGRAPHS[:2])
    ]
    story = "".join(linked) + "".join(f"<p>{p}</p>" for p in samples.PARAGRAPHS[2:])
    source_page = f"<body><nav><a href='/'>Home</a></nav><div class='story'>{story}</div></body>"
    source = compliance.read_source(str(write("source.html", source_page)))
    shown = [" ".join(p.split()[:20]) for p in samples.PARAGRAPHS[:2]]
    page = compliance.read_document(str(write("page.html", samples.republished(paragraphs=shown))))
    policy = compliance.load_policy(str(write("body.yaml", BODY_POLICY)))
    (finding,) = compliance.check_page(page, policy, source).findings
    assert finding.passages["source_region"]["element"] == "div.story", finding.message


def test_words_split_by_inline_markup_are_not_an_alteration(write):
    source = write(
        "s.html",
        "<body><h1>T</h1><div><p>NASA picked five companies to join its "
        "<a href='/a'>Arte</a><a href='/a'>mis m</a><a href='/a'>oon program</a> on Monday, "
        "the agency said in a statement released to reporters.</p>"
        f"<p>{samples.PARAGRAPHS[0]}</p></div></body>",
    )
    page = write(
        "p.html",
        "<p>NASA picked five companies to join its Arte mis m oon program on Monday, the agency said "
        f"in a statement released to reporters.</p><p>{samples.PARAGRAPHS[0]}</p>",
    )
    policy = compliance.load_policy(str(write("b.yaml", "policy: b\nrules:\n  body: {check: body, max-altered: 0}\n")))
    result = compliance.check_page(compliance.read_document(str(page)), policy, compliance.read_source(str(source)))
    assert result.findings[0].passed, result.findings[0].message


def test_text_outside_the_extracted_article_is_not_counted_as_added(write):
    """A pull quote the extraction leaves out is still the source's own text, not the republisher's."""
    quote = "The piles had rotted through, and nobody had looked at them for ninety years, she told the council."
    source = write(
        "s.html",
        f"<body><h1>T</h1><div class='story'><p>{samples.PARAGRAPHS[0]}</p>"
        f"<aside class='pull-quote'><p>{quote}</p></aside><p>{samples.PARAGRAPHS[1]}</p></div></body>",
    )
    page = write(
        "p.html", f"<p>{samples.PARAGRAPHS[0]}</p><blockquote>{quote}</blockquote><p>{samples.PARAGRAPHS[1]}</p>"
    )
    policy = compliance.load_policy(
        str(write("b.yaml", "policy: b\nrules:\n  body: {check: body, max-added-words: 0}\n"))
    )
    result = compliance.check_page(compliance.read_document(str(page)), policy, compliance.read_source(str(source)))
    assert result.findings[0].passed, result.findings[0].message


MORE = [
    "The architects kept the reading room's oak shelves, which a carpenter from the next valley stripped and "
    "refinished by hand over the winter, working nights so the contractors could use the room by day.",
    "A new lift reaches the roof garden, where the library plans summer readings, a seed exchange and a small "
    "stage for the school choir, which has not had a home since the old hall closed in 2019.",
]


def _body(write, source_markup: str, paragraphs: list[str]) -> compliance.Finding:
    """The body finding (95% of the article required) of a page of `paragraphs` against a source page."""
    source = write("s.html", source_markup)
    policy = compliance.load_policy(
        str(write("b.yaml", "policy: b\nrules:\n  body: {check: body, min-coverage: 0.95}\n"))
    )
    page = write("p.html", "".join(f"<p>{p}</p>" for p in paragraphs))
    result = compliance.check_page(compliance.read_document(str(page)), policy, compliance.read_source(str(source)))
    return result.findings[0]


def _sections_in_wrappers(*sections: list[str]) -> str:
    """A source whose body is split into sections, each in a wrapper of its own after a figure (cousins, not
    siblings: a layout's column after each image)."""
    figure = "<figure><img src='roof.jpg'><figcaption><p>The roof garden, seen from the lift.</p></figcaption></figure>"
    wrapped = [
        "<section class='outer'><div class='post-section wysiwyg'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></section>"
        for paragraphs in sections
    ]
    first, *rest = wrapped
    after = "".join(f"{figure}<div class='acf-content'>{section}</div>" for section in rest)
    return f"<body><div class='post-wrapper'><h1>{samples.TITLE}</h1><div class='mha'>{first}</div></div>{after}</body>"


def test_a_body_split_into_wrapped_sections_is_whole_when_a_page_stops_halfway(write):
    """The page has the first section and part of the second: the article is all three, so the body is cut."""
    source = _sections_in_wrappers(samples.PARAGRAPHS[:2], samples.PARAGRAPHS[2:4], [*samples.PARAGRAPHS[4:], *MORE])
    cut = _body(write, source, samples.PARAGRAPHS[:3])
    assert not cut.passed and cut.metrics["coverage"] < 0.6, cut.message
    assert _body(write, source, [*samples.PARAGRAPHS, *MORE]).passed


def test_sections_marked_alike_but_parted_by_other_prose_are_not_joined(write):
    """The site's section style on a second story further down, after prose of its own: not the article."""
    unrelated = [
        samples.PARAGRAPHS[4],
        "The bakery on Mill Street will close for two weeks in August while its "
        "ovens are replaced, the owners said, and will reopen with a longer menu.",
    ]
    between = f"<div class='note'><p>{MORE[0]}</p><p>{MORE[1]}</p></div>"
    source = _sections_in_wrappers(samples.PARAGRAPHS[:3], unrelated).replace("<figure>", between + "<figure>", 1)
    finding = _body(write, source, samples.PARAGRAPHS[:3])
    assert finding.passed, finding.message


def test_sibling_sections_that_number_themselves_are_one_body(write):
    """`story-body story-body-1`, then `-2` after an ad: one class counted, not two different ones."""
    sections = [samples.PARAGRAPHS[:2], [*samples.PARAGRAPHS[2:], *MORE]]
    body = "<div class='ad'>Advertisement</div>".join(
        f"<div class='story-body story-body-{n}'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
        for n, paragraphs in enumerate(sections, 1)
    )
    source = f"<body><article><h1>{samples.TITLE}</h1><div class='supplemental'>{body}</div></article></body>"
    cut = _body(write, source, samples.PARAGRAPHS[:2])
    assert not cut.passed and cut.metrics["coverage"] < 0.5, cut.message


def test_a_buttons_label_is_no_word_of_the_article(write):
    """A code sample's "Copy" button is the source page's control, not the article's words: a page that
    reproduces the sample without it has changed no sentence."""
    code = "Riverton library catalogue running at http://127.0.0.1:3000/"  # a program's output, shown as prose is
    first, second, *rest = samples.PARAGRAPHS
    source = write(
        "s.html",
        f"<body><article><h1>{samples.TITLE}</h1><p>{first}</p><pre><code>{code}</code> "
        "<button class='copy-button'>Copy</button></pre>{''.join(f'<p>{p}</p>' for p in [second, *rest])}</article></body>",
    )
    page = write("p.html", f"<p>{first}</p><pre>{code}</pre>" + "".join(f"<p>{p}</p>" for p in [second, *rest]))
    policy = write("b.yaml", "policy: b\nrules:\n  body: {check: body, min-coverage: 0.95, max-altered: 0}\n")
    result = compliance.check_page(
        compliance.read_document(str(page)), compliance.load_policy(str(policy)), compliance.read_source(str(source))
    )
    assert result.findings[0].passed, result.findings[0].message


CHAPTERS = [  # the second the longest, by more than the others together: the part a page's words point to
    [
        "The library opened its doors again on Saturday morning at nine.",
        "Hundreds of readers queued along the river path before the opening.",
    ],
    samples.PARAGRAPHS[2:],
    [
        "Volunteers will run the lending desk on Sundays until more staff are hired.",
        "The county approved the money for two more librarians in its March budget.",
    ],
    [
        "The old card catalogue now stands by the entrance as a display case.",
        "Pupils from the primary school across the road will change it every term.",
    ],
]


def _chapters(permalink: str) -> str:
    """A documentation page: each chapter a bare `<section>` (no class to show they are one body), its subhead
    with a permalink to itself when `permalink` names the page (`#`, or its own address, `s.html#`; `#` under a
    `<base>` that names the site)."""
    sections = []
    for number, paragraphs in enumerate(CHAPTERS, 1):
        mark = f"<a class='headerlink' href='{permalink}part-{number}'>¶</a>" if permalink else ""
        text = "".join(f"<p>{p}</p>" for p in paragraphs)
        sections.append(f"<section id='part-{number}'><h2>Part {number}{mark}</h2>{text}</section>")
    base = "<head><base href='https://ledger.example/docs/'></head>" if permalink == "#" else ""
    return (
        f"<html>{base}<body><div role='main'><h1>{samples.TITLE}</h1>"
        f"<section id='all'>{''.join(sections)}</section></div></body></html>"
    )


@pytest.mark.parametrize("permalink", ["", "#", "s.html#"], ids=["plain", "permalinks", "permalinks-by-address"])
def test_bare_sections_the_page_reproduces_two_of_are_one_body(write, permalink):
    """A page that copies the first two chapters of four and stops has cut the article, though the second
    chapter, the longest, is all there; the whole of it is reproduced."""
    source = _chapters(permalink)
    cut = _body(write, source, [p for chapter in CHAPTERS[:2] for p in chapter])
    assert not cut.passed and cut.metrics["coverage"] < 0.8, cut.message
    assert _body(write, source, [p for chapter in CHAPTERS for p in chapter]).passed


def test_a_faq_page_that_stops_at_the_next_question_is_cut(write):
    """A FAQ in a list, each item its question then its answer's paragraphs: a page with the first item
    whole and the second's question only stops short, though the first item holds most of what it shares."""
    items = [  # the second and third answers are one paragraph each
        ("Why did the library close for two years?", samples.PARAGRAPHS[:4]),
        ("Who paid for the new building?", samples.PARAGRAPHS[4:]),
        ("When can residents use the workshop?", MORE[:1]),
    ]
    faq = "".join(f"<li>{question}{''.join(f'<p>{p}</p>' for p in answer)}</li>" for question, answer in items)
    source = f"<body><main><h1>{samples.TITLE}</h1><ol class='faq'>{faq}</ol></main></body>"
    (first, first_answer), (second, _), _ = items
    cut = _body(write, source, [first, *first_answer, second])
    assert not cut.passed, cut.message
    omitted = " ".join(passage["text"] for passage in cut.passages["omitted"])
    assert omitted.startswith(samples.PARAGRAPHS[4][:30]) and MORE[0][:30] in omitted
    assert _body(write, source, [part for question, answer in items for part in (question, *answer)]).passed


STEPS = [
    "Rent a hall from the parish instead of a restaurant: the fee is a third of a restaurant's, and you may bring "
    "your own food and music.",
    "Ask a friend with a good speaker to play a playlist the graduate chose, which saves the cost of a band and "
    "pleases the guest of honour.",
    "Serve one large dish that guests help themselves to, such as a pasta bake, rather than a carving station "
    "that needs a cook all evening.",
    "Send invitations by message rather than by post, and ask guests to reply by a date, so you know how much "
    "food to make for the day.",
]


def _steps_page(steps: list[str], footer: str = "") -> str:
    """A how-to page: one paragraph a step, each step in its own module, the later ones nested deeper (a
    stray unclosed `span` in the markup); a footer styled with the same generic class."""
    first, *rest = [f"<div class='mod step'><div class='content'><p>{step}</p></div></div>" for step in steps]
    nested = "".join(f"<span>{step}" for step in rest) + "</span>" * len(rest)
    foot = f"<footer><div class='content'><p>{footer}</p></div></footer>" if footer else ""
    return f"<body><article><h1>{samples.TITLE}</h1>{first}{nested}</article>{foot}</body>"


def test_a_how_to_page_of_one_paragraph_steps_is_whole_when_a_page_stops_early(write):
    cut = _body(write, _steps_page(STEPS), STEPS[:2])
    assert not cut.passed and cut.metrics["coverage"] < 0.6, cut.message
    assert _body(write, _steps_page(STEPS), STEPS).passed


def test_a_footer_styled_like_the_body_does_not_join_it(write):
    """A page that stops early is cut short of the steps, not of the site's footer."""
    hours = "The parish hall is open on weekdays from nine until five, and on Saturdays for weddings and parties."
    omitted = [passage["text"] for passage in _body(write, _steps_page(STEPS, hours), STEPS[:2]).passages["omitted"]]
    assert omitted and not any("parish hall" in text for text in omitted), omitted


def test_a_story_continued_in_a_read_more_wrapper_is_the_article(write):
    """A collapsed "read more" holds the rest of the story, not other stories: a page stopping inside it is cut."""
    opening, rest = [*samples.PARAGRAPHS, *MORE[:1]], [*MORE[1:], *STEPS]
    source = (
        f"<body><div class='story'><h1>{samples.TITLE}</h1><div class='story-body'>"
        + "".join(f"<p>{p}</p>" for p in opening)
        + "<div class='read-more'><div class='read-more-content'>"
        + "".join(f"<p>{p}</p>" for p in rest)
        + "</div></div></div></div></body>"
    )
    cut = _body(write, source, [*opening, *rest[:2]])
    assert not cut.passed and cut.metrics["coverage"] < 0.9, cut.message


def test_a_photo_essay_whose_lines_end_without_stops_is_cut_short_when_a_page_stops_early(write):
    """A blog's lines under its photos end without a full stop: past the last line a page reproduces they are
    still the article, not short lines, when the article's own lines are written that way."""
    lines = [f"{p.rstrip('.')} — photo {n}" for n, p in enumerate([*samples.PARAGRAPHS, *MORE, *STEPS], 1)]
    figures = "".join(f"<figure><img src='{n}.jpg'></figure><p>{line}</p>" for n, line in enumerate(lines))
    source = f"<body><div class='article-content'><h1>{samples.TITLE}</h1>{figures}</div></body>"
    cut = _body(write, source, lines[:7])
    assert not cut.passed and cut.metrics["coverage"] < 0.8, cut.message
    assert _body(write, source, lines).passed

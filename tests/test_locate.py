"""The article in a real source page, as the republished page locates it, and the furniture around it."""

from __future__ import annotations

import pytest

import compliance
from tests import samples

P = samples.PARAGRAPHS
POLICY = "policy: b\nrules:\n  body: {check: body, min-coverage: 0.95, max-altered: 0, max-added-words: 12}\n"
COMMENT = (
    "I have lived in Riverton for thirty years and I think this library is the best thing the council has "
    "done in a long time, even if the budget was a scandal and someone should answer for it. {n}"
)


def body(write, source: str, page: str):
    """The body rule's finding for `page` (HTML) against the real source page `source` (HTML)."""
    policy = compliance.load_policy(str(write("b.yaml", POLICY)))
    source_document = compliance.read_source(str(write("source.html", source)))
    result = compliance.check_page(compliance.read_document(str(write("page.html", page))), policy, source_document)
    return result.findings[0]


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def source_page(article: str, after: str = "") -> str:
    return (
        "<html><body><nav class='menu'><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><h1>{samples.TITLE}</h1>{article}</main>{after}"
        "<footer><p>About us. Contact. Privacy policy. Riverton Ledger, 12 Mill Street, Riverton.</p></footer>"
        "</body></html>"
    )


def test_the_page_locates_an_article_that_reader_comments_outweigh(write):
    """Ten long comments outweigh five paragraphs for an extractor; the page's text says which is the article."""
    comments = "".join(f"<p>{COMMENT.format(n=n)}</p>" for n in range(10))
    source = source_page(f"<div class='entry'>{paragraphs(P)}</div>", f"<div class='thread'>{comments}</div>")
    assert body(write, source, paragraphs(P)).passed
    finding = body(write, source, paragraphs(P[:2] + P[3:]))
    assert not finding.passed
    assert "Head librarian Dolores Okafor" in finding.message


def test_furniture_in_the_article_is_not_counted_as_left_out(write):
    """Captions, credits, bylines, datelines, share and newsletter prompts, related links, tags and an
    editor's note sit inside the article's element; a page without them reproduces the article."""
    article = (
        "<article class='story'>"
        "<div class='story-byline'>By Maya Lindqvist</div><p class='dateline'>March 9, 2024</p>"
        "<figure><img src='a.jpg'><figcaption>The new reading garden on the roof. (Image: GETTY)</figcaption></figure>"
        f"<p>{P[0]}</p><p>{P[1]}</p>"
        "<div class='share-bar'><a href='#'>Share on Facebook</a> <a href='#'>Share on X</a></div>"
        f"<p>{P[2]}</p><p>Photo: Riverton Ledger staff</p><p>{P[3]}</p>"
        "<p>Sign up for our morning newsletter to get the day's news before breakfast.</p>"
        f"<p>{P[4]}</p>"
        "<p class='editors-note'>This story was reported with support from the Riverton Civic Fund, "
        "which has no say over our coverage of the library or the council.</p>"
        "<div class='related'><h3>Read more</h3><ul><li><a href='/x'>Council approves the budget</a></li>"
        "<li><a href='/y'>The mill reopens as a museum</a></li></ul></div>"
        "<ul class='tags'><li>library</li><li>council</li></ul>"
        "</article>"
    )
    finding = body(write, source_page(article), paragraphs(P))
    assert finding.passed, finding.message
    assert "not counted as the article, and not on the page: related links (3)" in finding.message
    region = finding.passages["source_region"]
    assert region["element"] == "article.story"
    assert {"byline", "caption", "share buttons", "promotion", "related links", "tags"} <= set(
        region["furniture_left_out"]
    )
    truncated = body(write, source_page(article), paragraphs(P[:3]))
    assert not truncated.passed
    assert "Council members who had opposed" in truncated.message


def test_a_first_paragraph_set_apart_by_its_class_is_the_articles_and_a_standfirst_is_not(write):
    """A drop cap's class (`p.has-drop-cap`, `p.caps`) marks the article's first paragraph, and a page that
    leaves it out leaves out the article's opening; a standfirst above it (`p.dek`) is display copy, like
    the headline, and a page may leave it out."""
    standfirst = (
        "<p class='dek'>The renovated library reopens with a reading garden, longer hours and free workshops.</p>"
    )
    opening = f"<p class='has-drop-cap'>{P[0]}</p>"
    source = source_page(f"<div class='entry'>{standfirst}{opening}{paragraphs(P[1:])}</div>")
    assert body(write, source, paragraphs(P)).passed
    finding = body(write, source, paragraphs(P[1:]))
    assert not finding.passed
    assert P[0][:40] in finding.message


NOT_AN_OPENING = {  # before the article's first paragraph, `p.caps`
    "in another element": "<div class='box'><p class='note'>{prose}</p></div>",
    "another tag": "<div>{prose}</div>",
    "above a short line": "<p class='note'>{prose}</p><p>Library news roundup</p>",
    "above a promotion": "<p class='note'>{prose}</p><p>Sign up for our morning newsletter to get the day's news"
    " before breakfast, every weekday.</p>",
}


@pytest.mark.parametrize("before", NOT_AN_OPENING.values(), ids=NOT_AN_OPENING)
def test_only_prose_paragraphs_beside_the_first_open_the_article(write, before):
    """What stands before the article's first paragraph opens it only as a paragraph of its own kind beside it."""
    prose = "The council's budget office said the figures for the renovation would be published in the spring."
    source = source_page(
        f"<div class='entry'>{before.format(prose=prose)}<p class='caps'>{P[0]}</p>{paragraphs(P[1:])}</div>"
    )
    assert body(write, source, paragraphs(P)).passed


def test_a_quote_is_measured_against_the_whole_article_however_its_parts_are_wrapped(write):
    """A roundup wraps each of its paragraphs in an element of its own; a page quoting one of them under fair
    use takes that paragraph's share of the article, not all of a region that holds no more than it."""
    policy = compliance.load_policy(
        str(write("q.yaml", "policy: q\nrules:\n  amount: {check: amount, max-share: 0.3}\n"))
    )
    wrapped = "".join(f"<div class='review'><p>{text}</p></div>" for text in P)
    source = compliance.read_source(str(write("source.html", source_page(f"<div class='roundup'>{wrapped}</div>"))))
    own = " ".join(COMMENT.format(n=n) for n in range(3))
    page = compliance.read_document(str(write("page.html", f"<p>{own}</p><blockquote><p>{P[3]}</p></blockquote>")))
    finding = compliance.check_page(page, policy, source).findings[0]
    assert finding.passed, finding.message
    assert finding.metrics["share"] == pytest.approx(len(P[3].split()) / len(samples.ARTICLE_TEXT.split()), abs=0.02)


NEXT_STORY = [
    f"The county fair opens on Friday with a parade down Mill Street, {n} floats and the high school band, "
    "and organisers expect more visitors than last year after the rain kept many families at home."
    for n in range(12)
]


@pytest.mark.parametrize(
    "beside",
    [
        pytest.param(
            lambda story: (
                f"{story}<article class='next-story'><h1>Fair opens</h1><p>By Staff</p>"
                f"{paragraphs(NEXT_STORY[:8])}</article>"
            ),
            id="the next story an infinite scroll loads",
        ),
        pytest.param(lambda story: f"<p class='dek'>{' '.join(NEXT_STORY)}</p>{story}", id="a long standfirst"),
    ],
)
def test_what_stands_beside_the_story_is_not_taken_for_a_part_the_page_left_out(write, beside):
    """The source page's own reading takes the story with what stands beside it, which outweighs it: a page
    that republishes the whole story reproduces it, and one that leaves a paragraph out does not."""
    source = f"<html><body><div class='content'>{beside(paragraphs(P))}</div></body></html>"
    finding = body(write, source, paragraphs(P))
    assert finding.passed, finding.message
    assert not body(write, source, paragraphs(P[:2] + P[3:])).passed


def test_a_body_split_into_sections_is_one_article(write):
    """Some sites cut the body into sibling sections (a column after each ad slot): a change or a cut in
    the first one counts though the longest is elsewhere."""
    article = "".join(
        f"<div class='body-section'><div class='inner'>{paragraphs(part)}</div></div><div class='ad'>Advertisement</div>"
        for part in (P[:1], P[1:4], P[4:])
    )
    source = source_page(f"<section class='story-body'>{article}</section>")
    assert body(write, source, paragraphs(P)).passed
    altered = P[0].replace("nearly eleven", "almost twelve")
    assert "sentence altered" in body(write, source, paragraphs([altered, *P[1:]])).message
    assert not body(write, source, paragraphs(P[:1] + P[2:])).passed


def test_lines_of_one_paragraph_are_judged_one_by_one(write):
    """An article written as lines broken by `<br>` in one element: a closing line that is all link (a
    subscription offer) is furniture, a line of the article left out is not."""
    lines = "<br>".join(P)
    offer = "<a href='/pro'>Get our Pro subscription for as little as a dollar a week. Use the code SAVE.</a>"
    source = source_page(f"<div class='text'>{lines}<br><br>{offer}</div>")
    assert body(write, source, paragraphs(P)).passed
    assert not body(write, source, paragraphs(P[:3])).passed


def test_a_table_whose_cells_link_elsewhere_is_the_articles_when_the_page_reproduces_it(write):
    """A table listing branches, each name a link to its own page, beside its state: cells that are all link
    are the article's when the page has the table, however the page writes them (without the links); without
    them the states alone ("open", "open", "closed", …) say the same few words over and align nowhere."""
    places = "Central Mill Riverside North Old Station Harbour Bridge Castle Church Market Park Orchard Meadow".split()
    rows = [(f"{place} branch", state) for place, state in zip(places, ["open", "open", "closed"] * 5)]
    head = "<tr><th>Branch</th><th>State</th></tr>"
    linked = "".join(
        f"<tr><td><a href='/branches/{n}'>{name}</a></td><td>{state}</td></tr>" for n, (name, state) in enumerate(rows)
    )
    plain = "".join(f"<tr><td>{name}</td><td>{state}</td></tr>" for name, state in rows)
    source = source_page(f"{paragraphs(P[:2])}<table>{head}{linked}</table>{paragraphs(P[2:])}")
    finding = body(write, source, f"{paragraphs(P[:2])}<table>{head}{plain}</table>{paragraphs(P[2:])}")
    assert finding.passed, finding.message
    cut = plain[: plain.index("<tr><td>Station")]  # the last eight rows left out: their names are missed too
    assert not body(write, source, f"{paragraphs(P[:2])}<table>{head}{cut}</table>{paragraphs(P[2:])}").passed


def test_a_table_of_contents_in_a_layout_table_is_not_the_articles(write):
    """A FAQ laid out in a table (DocBook's): a row of links to its questions, by the page's address (here
    not the name it was saved under), is its table of contents, not part of it, though the page reproduces
    the table's other cells."""
    questions = ["Why did the library close?", "When does the roof garden open?"]
    contents = "<br>".join(f"<a href='faq.html#q{n}'>{q}</a>" for n, q in enumerate(questions))
    rows = "".join(
        f"<tr><td><a name='q{n}'></a>{q}</td></tr><tr><td>{answer}</td></tr>"
        for n, (q, answer) in enumerate(zip(questions, P[:2]))
    )
    source = source_page(f"<table><tr class='toc'><td>{contents}</td></tr>{rows}</table>")
    page = "".join(f"<p>{q}</p><p>{answer}</p>" for q, answer in zip(questions, P[:2]))
    finding = body(write, source, page)
    assert finding.passed, finding.message


def test_a_table_or_list_the_page_reproduces_is_the_articles_however_short_its_items(write):
    rows = "".join(f"<tr><td>{n}</td><td>Runner number {n}</td><td>{40 + n}:10</td></tr>" for n in range(1, 41))
    source = source_page(f"<div class='results'><p>{P[0]}</p><table>{rows}</table></div>")
    page_rows = "".join(f"<tr><td>{n}</td><td>Runner number {n}</td><td>{40 + n}:10</td></tr>" for n in range(1, 41))
    assert body(write, source, f"<p>{P[0]}</p><table>{page_rows}</table>").passed
    half = "".join(f"<tr><td>{n}</td><td>Runner number {n}</td><td>{40 + n}:10</td></tr>" for n in range(1, 21))
    assert not body(write, source, f"<p>{P[0]}</p><table>{half}</table>").passed


def test_a_page_that_does_not_reproduce_the_article_still_fails(write):
    """Sharing the source site's footer or menu is not reproducing its article."""
    source = source_page(f"<div class='entry'>{paragraphs(P)}</div>")
    page = "<p>About us. Contact. Privacy policy. Riverton Ledger, 12 Mill Street, Riverton.</p><p>Home News</p>"
    finding = body(write, source, page)
    assert not finding.passed
    assert "Only 0% of the source article is on the page" in finding.message


def test_list_numbers_shown_written_out_or_left_off_are_no_edit(write):
    items = [
        f"Step {n}: fill in the form at the desk and bring it back before the end of month {n}." for n in range(15)
    ]
    source = source_page(f"<div class='entry'><p>{P[0]}</p><ol>{''.join(f'<li>{i}</li>' for i in items)}</ol></div>")
    written_out = paragraphs([P[0], *(f"{n}. {item}" for n, item in enumerate(items, 1))])
    left_off = paragraphs([P[0], *items])
    assert body(write, source, written_out).passed
    assert body(write, source, left_off).passed


def test_chinese_is_compared_character_by_character(write):
    """Chinese runs its words together: each character counts as a word, so a left-out paragraph shows."""
    chinese = [
        "一波波接續性低溫寒流報到，已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣，遊客紛紛上山賞楓。",
        "玉峰道路一路上雲氣山嵐滯留山頭，順路下切蜿蜒道路後不久即抵達營地，營主早已在門口等候。",
        "營區水電方便，水槽也很有特色，這次選擇左側地勢高些的營位，以防午夜下雨泥濘難行。",
        "隔日睡到很晚才起床，不用拍日出晨光的營地，反而讓人感到格外悠閒自在，心情也跟著放鬆。",
    ]
    source = source_page(f"<div class='entry'>{paragraphs(chinese)}</div>")
    assert body(write, source, paragraphs(chinese)).passed
    finding = body(write, source, paragraphs(chinese[:2] + chinese[3:]))
    assert not finding.passed
    assert "營區水電方便" in finding.message


def test_an_excerpt_is_measured_against_the_whole_article(write):
    """A page quoting two paragraphs of a long article takes a small share of it: the region is the
    article, not the two paragraphs, so excerpt terms (`max-coverage`) see how much was taken."""
    long_article = P + [f"{p} (continued, part {n})" for n in range(3) for p in P]
    source = source_page(f"<div class='entry'>{paragraphs(long_article)}</div>")
    policy = compliance.load_policy(
        str(write("e.yaml", "policy: e\nrules:\n  body: {check: body, max-coverage: 0.3}\n"))
    )
    page = compliance.read_document(str(write("page.html", paragraphs(P[:2]))))
    finding = compliance.check_page(page, policy, compliance.read_source(str(write("s.html", source)))).findings[0]
    assert finding.passed, finding.message
    assert finding.metrics["coverage"] < 0.15
    whole = compliance.read_document(str(write("whole.html", paragraphs(long_article))))
    assert (
        not compliance.check_page(whole, policy, compliance.read_source(str(write("s.html", source))))
        .findings[0]
        .passed
    )


def test_text_the_source_collapses_behind_read_more_is_not_added(write):
    """A source page that hides the rest of its story until "read more" is clicked still published it:
    a page showing all of it has added nothing."""
    article = (
        f"<div class='story collapsed'>{paragraphs(P[:2])}<div class='rest'>{paragraphs(P[2:])}</div></div>"
        "<button>Read more</button>"
    )
    source = source_page(article).replace("<html>", "<html><head><style>.collapsed .rest{display:none}</style></head>")
    finding = body(write, source, paragraphs(P))
    assert finding.passed, finding.message
    assert not body(write, source, paragraphs([*P[:3], COMMENT.format(n=1), *P[3:]])).passed

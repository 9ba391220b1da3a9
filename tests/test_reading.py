"""Reading pages: visibility, lines and paths, links, metadata, Markdown, text, encodings."""

from __future__ import annotations

import codecs

import pytest

from compliance import ComplianceError, read_document
from compliance.reading import expand_pages


def texts(path) -> list[str]:
    return [block.text for block in read_document(str(path)).blocks]


def styled(write, style: str) -> tuple[list[str], list[str]]:
    """The texts of a page with `style` on an element, given inline and by the page's stylesheet."""
    inline = write("inline.html", f'<p>seen</p><div style="{style}"><p>styled</p></div>')
    sheet = write("sheet.html", f"<style>.styled {{{style}}}</style><p>seen</p><p class='styled'>styled</p>")
    return texts(inline), texts(sheet)


def test_only_visible_text_counts(write):
    page = write(
        "p.html",
        """<html><head><title>T</title><style>.gone{display:none} #away{visibility: hidden}
@media (max-width: 600px) {.mobile-only-hidden{display:none}}</style></head><body>
<p>seen one</p><script>not seen</script><noscript>not seen</noscript><template><p>not seen</p></template>
<!-- <p>not seen</p> --><p hidden>not seen</p><p style="display: none">not seen</p>
<div style="visibility:hidden"><p>not seen</p></div><p class="x gone">not seen</p><p id="away">not seen</p>
<p class="mobile-only-hidden">seen two</p><p>seen <span style="display:none">not</span>three</p></body></html>""",
    )
    assert texts(page) == ["seen one", "seen two", "seen three"]


@pytest.mark.parametrize(
    "style",
    [
        "opacity: 0",
        "opacity:0.0 !important",
        "font-size: 0px",
        "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)",
        "clip-path: inset(50%)",
        "position: absolute; left: -9999px",
        "text-indent:-10000px",
        "height: 0; overflow: hidden",
        "max-height:1px;overflow:hidden",
        "transform: scale(0)",
        "visibility: collapse",
    ],
)
def test_text_styled_out_of_sight_does_not_count(write, style):
    assert styled(write, style) == (["seen"], ["seen"])


@pytest.mark.parametrize(
    "style",
    [
        "opacity: 0.5",
        "font-size: 0.9em",
        "-webkit-backface-visibility: hidden",
        "line-height: 0",
        "height: 0",
        "overflow: hidden",
        "margin-left: -20px",
        "transform: scale(0.98)",
        "min-height: 0; overflow: hidden",
    ],
)
def test_styles_that_leave_text_in_sight(write, style):
    assert styled(write, style) == (["seen", "styled"], ["seen", "styled"])


def test_stylesheets_are_read_rule_by_rule_even_when_malformed(write):
    """An at-rule's rules don't hide; a block left open at the end of the sheet still does, as in a browser."""
    css = "@media print{.print-only{display:none}} @font-face{font-display:block} .gone{display:none} .open{opacity:0"
    page = write(
        "p.html",
        f"<style>{css}</style><p class='print-only'>seen</p><p class='gone'>not seen</p><p class='open'>not seen</p>",
    )
    assert texts(page) == ["seen"]


def test_blocks_carry_line_and_css_path(write):
    page = write(
        "p.html",
        '<html><body>\n<div class="entry-content">\n<p>one</p>\n<p>two <a href="#">x</a></p>\n</div>\n</body></html>',
    )
    document = read_document(str(page))
    assert [(b.text, b.line, b.path) for b in document.blocks] == [
        ("one", 3, "div.entry-content > p:nth-of-type(1)"),
        ("two x", 4, "div.entry-content > p:nth-of-type(2)"),
    ]
    (link,) = document.links
    assert (link.raw_href, link.text, link.line, link.path, link.block) == (
        "#",
        "x",
        4,
        "div.entry-content > p:nth-of-type(2) > a",
        1,
    )


def test_br_keeps_lines_apart(write):
    page = write("p.html", "<p>The original source of this article is X<br>Copyright © X, 2017</p>")
    assert texts(page) == ["The original source of this article is X\nCopyright © X, 2017"]


def test_a_newline_in_the_markup_is_a_space_except_in_pre(write):
    page = write(
        "p.html",
        "<p>The original source\nof this <a href='/a'>article\nis</a> X<br>Copyright\n© X</p>"
        "<div>loose\ntext<p>in a block</p>more\ntext</div><pre>x = 1\ny = 2</pre><pre><b>a</b>\nb</pre>",
    )
    assert texts(page) == [
        "The original source of this article is X\nCopyright © X",
        "loose text",
        "in a block",
        "more text",
        "x = 1\ny = 2",
        "a\nb",
    ]
    assert [link.text for link in read_document(str(page)).links] == ["article is"]


def test_metadata_from_head_and_json_ld(write):
    page = write(
        "p.html",
        """<html><head><title>Headline | Paper</title>
<link rel="canonical" href="https://paper.example/a/1"><meta property="og:site_name" content="The Paper">
<meta name="author" content="Meta Author"><meta property="article:published_time" content="2019-05-01T10:00:00Z">
<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": ["NewsArticle"],
 "headline": "Headline", "author": [{"name": "Ana Ruiz"}], "publisher": {"name": "The Paper Inc"},
 "datePublished": "2019-04-30"}]}</script></head><body><p>x</p></body></html>""",
    )
    meta = read_document(str(page)).metadata
    assert (meta.title, meta.headline, meta.canonical) == ("Headline | Paper", "Headline", "https://paper.example/a/1")
    assert (meta.site_name, meta.publisher, meta.authors, meta.published) == (
        "The Paper",
        "The Paper Inc",
        ["Ana Ruiz"],
        "2019-04-30",
    )


def test_markdown_renders_links_front_matter_raw_html_and_lines(write):
    page = write(
        "post.md",
        """---
title: "A post"
date: 2024-03-05
author: Jo
---

# A post

First paragraph with an [inline link](https://a.example/1).

Second with a [reference link][ref].

<div style="display:none">Hidden credit</div>
<!-- a comment -->
<p class="raw">Raw <a href="https://c.example/">html</a> block</p>

[ref]: https://b.example/2
""",
    )
    document = read_document(str(page))
    assert [(b.text, b.line) for b in document.blocks] == [
        ("A post", 7),
        ("First paragraph with an inline link.", 9),
        ("Second with a reference link.", 11),
        ("Raw html block", 15),
    ]
    assert [link.href for link in document.links] == [
        "https://a.example/1",
        "https://b.example/2",
        "https://c.example/",
    ]
    assert (document.metadata.title, document.metadata.authors, document.metadata.published) == (
        "A post",
        ["Jo"],
        "2024-03-05",
    )


def test_markdown_with_toml_front_matter_keeps_its_lines(write):
    page = write(
        "post.md",
        '+++\ntitle = "A post"\ndate = 2024-03-05\ncanonical = "https://a.example/1"\n+++\n\n'
        "First paragraph.\n\nSecond paragraph.\n",
    )
    document = read_document(str(page))
    assert [(b.text, b.line) for b in document.blocks] == [("First paragraph.", 7), ("Second paragraph.", 9)]
    assert (document.metadata.title, document.metadata.published, document.metadata.canonical) == (
        "A post",
        "2024-03-05",
        "https://a.example/1",
    )
    broken = write("broken.md", "+++\ntitle = [unclosed\n+++\n\nText.\n")
    assert texts(broken) == ["Text."]


def test_broken_markdown_and_front_matter_still_read(write):
    page = write("bad.md", "---\ntitle: [unclosed\n---\n\n**bold *mixed _ `code\n\n<div><p>unclosed html\n")
    assert texts(page) == ["**bold *mixed _ `code", "unclosed html"]


def test_plain_text_paragraphs(write):
    page = write("a.txt", "First line\nsame paragraph\n\n\nSecond paragraph\n")
    assert [(b.text, b.line) for b in read_document(str(page)).blocks] == [
        ("First line\nsame paragraph", 1),
        ("Second paragraph", 5),
    ]


def test_markdown_saved_as_text_is_read_as_markdown(write):
    """Like the page this project started from: Markdown links, every target lost to "#", in a .txt file."""
    page = write(
        "export.txt", "A title\n\nBy [Zero Hedge](#)\n\nThe original source of this article is [Zero Hedge](#)\n"
    )
    document = read_document(str(page))
    assert document.kind == "markdown"
    assert [b.text for b in document.blocks] == [
        "A title",
        "By Zero Hedge",
        "The original source of this article is Zero Hedge",
    ]
    assert [(link.raw_href, link.text, link.line) for link in document.links] == [
        ("#", "Zero Hedge", 3),
        ("#", "Zero Hedge", 5),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<meta charset="windows-1252"><p>caf\xe9 \x93quoted\x94</p>'.encode("latin-1"), "café “quoted”"),
        (codecs.BOM_UTF16_LE + "<p>naïve</p>".encode("utf-16-le"), "naïve"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-5"><p>\xbf\xe0\xd8</p>'.encode(
                "latin-1"
            ),
            "При",
        ),
        (b"<p>caf\xc3\xa9 and a broken \xff byte</p>", "café and a broken"),
    ],
    ids=["meta-charset", "utf16-bom", "http-equiv", "invalid-bytes"],
)
def test_encodings(write, data, expected):
    (text,) = texts(write("p.html", data))
    assert text.startswith(expected)


def test_deep_nesting_is_read_or_refused_never_lost(write):
    assert texts(write("deep.html", "<div>" * 1500 + "<p>deep text")) == ["deep text"]
    with pytest.raises(ComplianceError, match="nested too deeply"):
        read_document(str(write("deeper.html", "<div>" * 5000 + "<p>deep text")))


def test_broken_html_reads(write):
    assert texts(write("broken.html", "<p>one<p>two</b></i><table><td>cell")) == ["one", "two", "cell"]


def test_empty_page_has_no_blocks(write):
    assert texts(write("empty.html", b"")) == []


def test_binary_and_missing_files_are_input_errors(write):
    with pytest.raises(ComplianceError, match="binary data"):
        read_document(str(write("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    with pytest.raises(ComplianceError, match="no such file"):
        read_document("/nonexistent/page.html")


def test_directories_expand_to_pages_in_sorted_order(write, tmp_path):
    write("site/b.html", "<p>b</p>")
    write("site/a/z.md", "z")
    write("site/a/skip.txt", "not a page")
    write("site/c.htm", "<p>c</p>")
    found = expand_pages([str(tmp_path / "site")])
    assert [p.removeprefix(str(tmp_path / "site")) for p in found] == ["/a/z.md", "/b.html", "/c.htm"]


def test_words_fold_typography_and_case_and_keep_offsets():
    from compliance.textfold import words

    text = "İstanbul’s “Quoted” ﬁne—DONE"
    tokens = words(text)
    assert tokens.norms == ["i̇stanbul's", "quoted", "fine", "done"]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == ["İstanbul’s", "Quoted", "ﬁne", "DONE"]

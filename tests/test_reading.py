"""Reading pages: visibility, lines and paths, links, metadata, Markdown, text, encodings."""

from __future__ import annotations

import codecs
import unicodedata

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
        "content-visibility: hidden",
        "color: transparent",
        "color: rgba(0, 0, 0, 0)",
        "color: rgb(0 0 0 / 0%)",
        "color: #ffffff00",
        "font-size: 1px",
        "clip-path: inset(100%)",
        "height: 0px; overflow: hidden",
        "transform: translateX(-9999px)",
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
        "content-visibility: auto",
        "color: transparent; background-clip: text; background-image: linear-gradient(red, blue)",
        "color: transparent; -webkit-text-fill-color: #222",
        "color: transparent; text-shadow: 0 0 4px #000",
        "background-color: transparent",
        "color: rgba(0, 0, 0, 0.5)",
        "color: rgb(0, 0, 0)",
        "color: hsl(0, 0%, 0%)",
        "color: rgb(0 0 0)",
        "font-size: 10px",
        "clip-path: inset(10%)",
        "transform: translateX(-50%)",
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


@pytest.mark.parametrize("content", ["→", "İ"])  # "İ" lowers to two characters: the sheet is read case-blind
def test_a_stylesheet_in_any_case_and_script_hides(write, content):
    css = f'.icon::before{{content:"{content}"}} .Gone{{DISPLAY: None}} .faded{{Opacity:0}} .shown{{display:block}}'
    page = write("p.html", f"<style>{css}</style><p class='Gone'>a</p><p class='faded'>b</p><p class='shown'>seen</p>")
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
        "<div>loose\ntext<p>in a block</p>more\ntext</div><pre>x = 1\ny = 2</pre><pre><b>a</b>\nb</pre>"
        "<p>after\nthe pre</p>",
    )
    assert texts(page) == [
        "The original source of this article is X\nCopyright © X",
        "loose text",
        "in a block",
        "more text",
        "x = 1\ny = 2",
        "a\nb",
        "after the pre",
    ]
    assert [link.text for link in read_document(str(page)).links] == ["article is"]


def test_links_resolve_against_the_page_url_however_often_their_targets_repeat(monkeypatch):
    from compliance.reading import html

    monkeypatch.setattr(html, "MAX_TARGETS_REMEMBERED", 2)  # remembered targets let go every second one
    links = "".join(f"<a href='{href}'>{n}</a> " for n, href in enumerate(["a", "b", "a", "/c", "b", "//x.org/d"]))
    document = html.parse_html(f"<p>{links}</p>", "p.html", base_url="https://example.com/news/item.html")
    assert [link.href for link in document.links] == [
        "https://example.com/news/a",
        "https://example.com/news/b",
        "https://example.com/news/a",
        "https://example.com/c",
        "https://example.com/news/b",
        "https://x.org/d",
    ]


def test_an_anchor_without_a_target_is_text_not_a_link(write):
    page = write("p.html", "<p>See <a name='top'>the top</a> and <a href='/x'>the <a id='y'>next</a> page</a>.</p>")
    document = read_document(str(page))
    assert [block.text for block in document.blocks] == ["See the top and the next page."]
    assert [(link.raw_href, link.text) for link in document.links] == [("/x", "the")]


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
        (b"<p>caf\xc3\xa9, a cut \xe2\x80 sequence.</p>", "café, a cut \ufffd sequence."),  # one mark, as browsers
        (codecs.BOM_UTF8 + "<p>naïve “quoted”</p>".encode(), "naïve “quoted”"),
    ],
    ids=["meta-charset", "utf16-bom", "http-equiv", "invalid-bytes", "cut-sequence", "utf8-bom"],
)
def test_encodings(write, data, expected):
    (text,) = texts(write("p.html", data))
    assert text.startswith(expected)


def test_deep_nesting_is_read_never_lost(write):
    """Browsers show a page nested 20,000 deep; past the parser's depth the deepest tags are flattened, the
    text kept, and the result says so."""
    assert texts(write("deep.html", "<div>" * 1500 + "<p>deep text")) == ["deep text"]
    deeper = (
        "<div><span>" * 10_000 + "<p>deep text</p><script>if (a<b) x = '<div>';</script>" + "</span></div>" * 10_000
    )
    document = read_document(str(write("deeper.html", deeper + "<p>after</p>")))
    assert [block.text for block in document.blocks] == ["deep text", "after"]
    assert document.notes == ["elements nested past 1000 levels read flattened (38002 tags set aside, their text kept)"]
    assert read_document(str(write("shallow.html", "<div>" * 1500 + "<p>deep text"))).notes == []


def test_css_paths_down_a_deep_chain_are_not_all_kept(write):
    """Naming the blocks of a page nested 2,000 deep must not keep a path for each level (2,000 ever
    longer strings, megabytes for a page of kilobytes)."""
    from compliance.reading.html import MAX_KEPT_PATH, _CssPaths, parse_tree

    root, _ = parse_tree("<div>" * 2000 + "<p>deep</p><p>text</p>" + "</div>" * 2000, "deep.html")
    paths = _CssPaths()
    deep = [paths(p) for p in root.iter("p")]
    assert deep[0].count("div") == 2000 and deep[0].endswith("> p:nth-of-type(1)")
    assert all(len(kept) <= MAX_KEPT_PATH for kept in paths._parents.values())


def test_a_paragraph_of_a_million_characters_is_read_and_searched_without_a_string_a_word(write):
    """Collapsing a paragraph's spaces, or asking whether a line is short enough to be a credit, must not
    split it into a string a word: a 20 MB paragraph has three million (peak memory 18x the page's size)."""
    import tracemalloc

    from compliance.engine import credited_source

    paragraph = " ".join(f"w{i % 50}" for i in range(400_000))  # 1.5 MB of text, 400,000 words
    page = write("long.html", f"<p>{paragraph}</p><p>Copyright 2024 Riverton Ledger</p>")
    tracemalloc.start()
    try:
        document = read_document(str(page))
        read_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        credited = credited_source(document)
        search_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert document.blocks[0].text == paragraph and credited["source.publisher"] == "Riverton Ledger"
    assert read_peak < 4 * len(paragraph) and search_peak < 2 * len(paragraph)  # split: 17x and 16x


def test_css_paths_are_the_same_worked_out_when_asked_or_at_once(write, monkeypatch):
    """A page's CSS paths are worked out when a report names a block or a link, a big page's as it is read
    (its tree then goes before the checks): both ways name the same elements."""
    from compliance.reading import html

    page = write(
        "paths.html",
        "<div class='story'><h2>Title</h2><p>One <a href='/a'>a</a>.</p><p>Two.</p>"
        "<ul><li>x</li><li><a href='/b'>b</a></li></ul></div><footer id='f'><p>Foot <a href='/c'>c</a></p></footer>",
    )
    asked = read_document(str(page))
    monkeypatch.setattr(html, "MAX_MARKUP_PATHS_ON_DEMAND", 0)
    at_once = read_document(str(page))
    assert isinstance(at_once.blocks[0].where, str) and not isinstance(asked.blocks[0].where, str)
    assert [b.path for b in asked.blocks] == [b.path for b in at_once.blocks]
    assert [link.path for link in asked.links] == [link.path for link in at_once.links]
    assert [b.path for b in asked.blocks][:2] == ["div.story > h2", "div.story > p:nth-of-type(1)"]
    assert [link.path for link in asked.links][-1] == "footer#f > p > a"


def test_a_childs_place_among_its_siblings_is_counted_whatever_order_the_paths_are_asked_in(write):
    """Siblings are counted as they are named (a page read at once names them in order; a report, in any)."""
    import random

    cells = "".join(f"<p>Note {i}</p><div><span>Box {i}</span></div>" for i in range(60))
    document = read_document(str(write("siblings.html", f"<main class='list'>{cells}</main>")))
    expected = [
        f"main.list > p:nth-of-type({i // 2 + 1})" if i % 2 == 0 else f"main.list > div:nth-of-type({i // 2 + 1})"
        for i in range(120)
    ]
    order = list(range(120))
    random.Random(7).shuffle(order)
    shuffled = {i: document.blocks[i].path for i in order}
    backwards = {i: document.blocks[i].path for i in reversed(range(120))}
    assert [shuffled[i] for i in range(120)] == expected == [backwards[i] for i in range(120)]


def test_a_few_nul_and_control_bytes_are_dropped_as_browsers_drop_them(write):
    document = read_document(
        str(write("nul.html", b"<p>caf\xc3\xa9\x00 and\x01 tea\x07.</p>" + b"<p>More text.</p>" * 20))
    )
    assert document.blocks[0].text == "café and tea."
    assert document.notes == ["3 control character(s) (NUL and the like) dropped, as a browser drops them"]
    assert read_document(str(write("nul.md", b"Plain\x00 Markdown.\n"))).blocks[0].text == "Plain Markdown."
    utf16 = codecs.BOM_UTF16_LE + "<p>UTF-16 with a NUL\x00.</p>".encode("utf-16-le")  # NUL bytes everywhere
    assert texts(write("utf16.html", utf16)) == ["UTF-16 with a NUL."]


def test_a_drop_down_list_shows_its_chosen_option_only(write):
    """A closed <select> shows one option, the selected one or else the first: a newsletter form's list of
    two hundred countries is not text a reader sees. A list box (`multiple`, `size` over 1) shows them all,
    and a <datalist>'s suggestions are never shown."""
    page = write(
        "form.html",
        "<p>Sign up. Country:<select><option>Albania</option><option selected>Chad</option>"
        "<option>Chile</option></select> then send.</p>"
        "<p>Size: <select><optgroup label='Sizes'><option>Small</option><option>Large</option></optgroup></select></p>"
        "<p>Topics: <select multiple><option>Politics</option><option>Sport</option></select></p>"
        "<p>Text <input list='c'><datalist id='c'><option>Suggested</option></datalist> here.</p>",
    )
    assert texts(page) == ["Sign up. Country: Chad then send.", "Size: Small", "Topics: Politics Sport", "Text here."]


def test_broken_html_reads(write):
    assert texts(write("broken.html", "<p>one<p>two</b></i><table><td>cell")) == ["one", "two", "cell"]


def test_empty_page_has_no_blocks(write):
    assert texts(write("empty.html", b"")) == []


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.7\n%\xe2\xe3", b"PK\x03\x04\x14\x00", bytes(range(256)) * 4],
    ids=["png", "pdf", "zip", "mostly-not-text"],
)
def test_binary_and_missing_files_are_input_errors(write, data):
    with pytest.raises(ComplianceError, match="binary data"):
        read_document(str(write("image.html", data)))
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
    from compliance.reading.textfold import words

    text = "İstanbul’s “Quoted” ﬁne—DONE"
    tokens = words(text)
    assert tokens.norms == ["i̇stanbul's", "quoted", "fine", "done"]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == ["İstanbul’s", "Quoted", "ﬁne", "DONE"]
    assert len(tokens.starts) == len(tokens.ends) == len(tokens.norms)


@pytest.mark.parametrize(
    "text",
    ["Condé Nast, Jelić and Fabergé", "Каждый год", "がんばる 東京", "Ivana Jelić, 2019: Ünïcode"],
)
def test_decomposed_accents_make_the_same_words_as_composed_ones(text):
    """A page copied from a Mac writes "é" as "e" and a combining accent (NFD): a reader sees the same word,
    and its offsets cover the accent."""
    from compliance.reading.textfold import fold, word_string, words

    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    tokens = words(decomposed)
    assert tokens.norms == words(text).norms
    assert [fold(decomposed[s:e]) for s, e in zip(tokens.starts, tokens.ends)] == tokens.norms
    assert word_string(decomposed) == word_string(text)


def test_marks_out_of_nfc_order_make_the_same_words_as_in_order():
    """Arabic typed with its shadda before its fatha is not NFC, but nothing in it composes: its words are
    the NFC text's, each word with its marks."""
    from compliance.reading.textfold import word_string, words

    typed = "ال\u0645\u0651\u064eدرسة \u0645\u0651\u064eعلم"
    in_order = unicodedata.normalize("NFC", typed)
    assert typed != in_order
    assert words(typed).norms == words(in_order).norms == ["المَّدرسة", "مَّعلم"]
    assert word_string(typed) == word_string(in_order)


@pytest.mark.parametrize(
    "text",
    [
        "हिन्दी भाषा में लेख",  # Hindi: vowel signs and the virama are marks
        "তথ্য অধিকার আইন",  # Bengali
        "தமிழ் மொழி இலக்கியம்",  # Tamil
        "قال المُعلّمُ إنّ الدرسَ انتهى أيضاً",  # Arabic news text: a shadda, a tanween
        "שָׁלוֹם עוֹלָם",  # Hebrew with its points
    ],
)
def test_a_word_written_with_marks_is_one_word_with_its_marks(text):
    """Hindi, Bengali and Tamil write a word's vowels as marks on its letters, Arabic and Hebrew may add
    theirs: a reader sees one word, and "दिन" (day) and "दान" (gift) are two words, not both "द", "न"."""
    from compliance.reading.textfold import fold, word_string, words

    tokens = words(text)
    assert tokens.norms == [fold(word) for word in text.split()]
    assert [text[s:e] for s, e in zip(tokens.starts, tokens.ends)] == text.split()
    assert word_string(text) == " ".join(tokens.norms)
    assert words("दिन दान").norms == ["दिन", "दान"]


def test_digits_of_any_script_fold_to_the_same_number():
    """ "٢٠٢٤" (Arabic), "۲۰۲۴" (Persian) and "२०२४" (Hindi) are 2024 to a reader."""
    from compliance.reading.textfold import fold, word_string

    assert {fold("عام ٢٠٢٤"), fold("عام ۲۰۲۴"), fold("عام 2024")} == {"عام 2024"}
    assert word_string("वर्ष २०२४ में") == word_string("वर्ष 2024 में")


def test_thai_is_compared_letter_by_letter_each_with_its_marks():
    """Thai writes no space between words (its spaces part phrases): like Chinese, each letter is a word, with
    the marks written on it, so a word changed in a phrase is that word, not the whole phrase."""
    from compliance.reading.textfold import joined, words

    text = "สวัสดี ครับ"
    assert words(text).norms == ["ส", "วั", "ส", "ดี", "ค", "รั", "บ"]
    assert joined(words(text).norms) == "สวัสดีครับ"


@pytest.mark.parametrize("apostrophe", ["\u02bc", "\u00b4", "\u2019", "`"])
def test_the_marks_typed_for_an_apostrophe_fold_to_one(apostrophe):
    from compliance.reading.textfold import fold, words

    assert words(f"The governor{apostrophe}s mansion, don{apostrophe}t").norms == [
        "the",
        "governor's",
        "mansion",
        "don't",
    ]
    assert fold(f"don{apostrophe}t") == "don't"


def test_a_long_texts_repeated_words_are_one_string_each():
    """A 20 MB page's three million words would each keep a string of their own: a long text's are interned."""
    from compliance.reading.textfold import MIN_INTERNED_TEXT, words

    text = "repeated Words, " * (MIN_INTERNED_TEXT // 10)
    norms = words(text).norms
    assert len(norms) > 10_000
    assert len({id(word) for word in norms}) == 2


def test_the_offsets_of_a_long_texts_words_hold_in_every_piece_it_is_read_in():
    """A long text is tokenized a piece at a time (textfold._CHUNK): each word's offsets still point at it."""
    from compliance.reading.textfold import fold, words

    text = " ".join(f"Word{i % 97}, 東京 “quoted”" for i in range(30_000))
    tokens = words(text)
    assert len(tokens.starts) == len(tokens.ends) == len(tokens.norms) == 120_000
    assert all(fold(text[s:e]) == norm for s, e, norm in zip(tokens.starts, tokens.ends, tokens.norms))


@pytest.mark.parametrize(
    "text",
    [
        "İstanbul’s “Quoted” ﬁne—DONE",
        "plain ascii, words and 42 numbers; don't",
        "東京で会議 Ünïcode ½ ㏂ Straße",
        "word " * 20_000 + "İstanbul " + "ﬁne " * 20_000,  # pieces of which one lowers longer than it is
    ],
)
def test_a_word_string_holds_the_words_that_words_finds(text):
    """word_string finds the words without their offsets, more cheaply: the same words, folded the same."""
    from compliance.reading.textfold import word_string, words

    assert word_string(text) == " ".join(words(text).norms)


def test_the_stylesheets_remembered_from_page_to_page_do_not_keep_their_text():
    """An audit remembers the rules of the sheets it read last, not the sheets: pages that each inline 150 KB
    of their own CSS, with a hiding rule carrying a 50 KB image, held 128 sheets' text and bodies (25 MB)."""
    import gc
    import tracemalloc

    from compliance.reading.html import parse_html

    filler = "".join(f".c{i} {{ color: red; margin: 0 auto }}\n" for i in range(5000))
    tracemalloc.start()
    try:
        for page in range(140):
            image = f"data:image/png;base64,{'A' * 50_000}{page}"
            css = f"{filler}.promo-{page} {{ display: none; background: url({image}) }}"
            markup = f"<style>{css}</style><p>Shown</p><p class='promo-{page}'>Hidden {page}</p>"
            assert [block.text for block in parse_html(markup, "page.html").blocks] == ["Shown"]
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 2_000_000


@pytest.mark.parametrize(
    ("css", "markup"),
    [
        (".story .promo{display:none}", "<div class='story'><p class='promo'>not seen</p></div>"),
        ("div.story > p.promo{display:none}", "<div class='story'><p class='promo'>not seen</p></div>"),
        ("[data-role=teaser]{display:none}", "<p data-role='teaser'>not seen</p>"),
        ("h6, .promo, #x{visibility:hidden}", "<p class='promo'>not seen</p>"),
        ("h6, [data-role=teaser]{display:none}", "<p data-role='teaser'>not seen</p>"),
        (".lead + .promo{display:none}", "<p class='lead'>seen</p><p class='promo'>not seen</p>"),
        ("ul.menu li[data-teaser]{display:none}", "<ul class='menu'><li data-teaser>not seen</li><li>seen</li></ul>"),
        ('@charset "UTF-8"; [ng-cloak], .ng-hide{display:none}', "<p class='ng-hide'>not seen</p>"),
        ("#main .promo{display:none}", "<div id='main'><div><p class='promo'>not seen</p></div></div>"),
        (".lead ~ div .promo{display:none}", "<p class='lead'>seen</p><div><span class='promo'>not seen</span></div>"),
        (r".\!hidden{display:none}", "<p class='!hidden'>not seen</p>"),
        (r"main .sm\:hidden{display:none}", "<main><p class='sm:hidden'>not seen</p></main>"),
        (r"#top\.bar .promo{display:none}", "<div id='top.bar'><p class='promo'>not seen</p></div>"),
    ],
)
def test_any_selector_a_browser_matches_hides(write, css, markup):
    """Descendant, child, sibling, attribute and grouped selectors count, not only `.class`; so do class
    names and ids a selector escapes (Tailwind's `.sm\\:hidden` styles `class="sm:hidden"`)."""
    page = write("p.html", f"<style>{css}</style><p>seen</p>{markup}")
    assert "not seen" not in texts(page)
    assert texts(page)[0] == "seen"


@pytest.mark.parametrize(
    ("css", "markup", "shown"),
    [
        (".story .promo{display:none}", "<div class='other'><p class='promo'>x</p></div>", True),
        (r"main .sm\:hidden{display:none}", "<div class='main'><p class='sm:hidden'>x</p></div>", True),
        ("a:hover .tip{display:none}", "<a href='#'><span class='tip'>x</span></a>", True),
        (".promo::before{display:none}", "<p class='promo'>x</p>", True),
        ("@media (max-width:600px){.promo{display:none}}", "<p class='promo'>x</p>", True),
        (".promo{display:none} #shown.promo{display:block}", "<p id='shown' class='promo'>x</p>", True),
        ("#shown.promo{display:block} .promo{display:none}", "<p id='shown' class='promo'>x</p>", True),
        (".promo{display:none} p.promo{display:block}", "<p class='promo'>x</p>", True),
        (".promo{display:none!important} p.promo{display:block}", "<p class='promo'>x</p>", False),
        (".promo{display:none} .promo{display:block}", "<p class='promo'>x</p>", True),
        (".promo{display:block} .promo{display:none}", "<p class='promo'>x</p>", False),
        (".promo{display:block} .promo{/* display:none */ color:red}", "<p class='promo'>x</p>", True),
        ("p.promo:nth-child(2){display:none}", "<p class='promo'>x</p>", True),
        ("@layer utilities{.hidden{display:none}}", "<p class='hidden'>x</p>", False),
        ("@layer a{@layer b{.promo{display:none}}}", "<p class='promo'>x</p>", False),
        ("@supports (display:grid){.promo{display:none}}", "<p class='promo'>x</p>", False),
        ("@supports not (display:grid){.promo{display:none}}", "<p class='promo'>x</p>", True),
        ("@media print{@layer u{.promo{display:none}}}", "<p class='promo'>x</p>", True),
        ("@media screen{@layer u{.promo{display:none}}}", "<p class='promo'>x</p>", False),
        ("@media (min-width:992px){.d-lg-none{display:none!important}}", "<p class='d-lg-none'>x</p>", False),
        (
            ".d-none{display:none!important} @media (min-width:768px){.d-md-block{display:block!important}}",
            "<p class='d-none d-md-block'>x</p>",
            True,
        ),
        (".menu{display:none} @media (max-width:600px){.menu{display:block}}", "<p class='menu'>x</p>", False),
        ("@media (prefers-color-scheme:dark){.promo{display:none}}", "<p class='promo'>x</p>", True),
        (".card{color:red; .promo{display:none}}", "<div class='card'><p class='promo'>x</p></div>", False),
        (".card{.promo{display:none}}", "<p class='promo'>x</p>", True),
        (".card, .box{&.promo{display:none}}", "<p class='box promo'>x</p>", False),
        (".card{& > p{display:none}}", "<div class='card'><p>x</p></div>", False),
        (".promo{@media (min-width:1px){display:none}}", "<p class='promo'>x</p>", False),
        (".promo{@media (max-width:1px){display:none}}", "<p class='promo'>x</p>", True),
        ("@layer base{.promo{display:none}} p{display:block}", "<p class='promo'>x</p>", True),
        (
            "@layer base{.promo{display:none!important}} p.promo{display:block!important}",
            "<p class='promo'>x</p>",
            False,
        ),
    ],
)
def test_the_cascade_decides_between_hiding_and_showing(write, css, markup, shown):
    """Dynamic states, pseudo-elements and structural pseudo-classes (`:nth-child`, a count of siblings for each
    element) never hide; rules in `@layer` and `@supports` do, those in `@media` when it holds on a desktop
    screen, and nested rules as written out (`.card { .promo {…} }` is `.card .promo`). Importance, then layer
    (outside one wins, inside one for `!important`), then specificity, then order wins."""
    page = write("p.html", f"<style>{css}</style><p>seen</p>{markup}")
    assert texts(page) == (["seen", "x"] if shown else ["seen"])


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ("screen", True),
        ("print", False),
        ("not print", True),
        ("only screen and (min-width: 768px)", True),
        ("(min-width: 62em)", True),
        ("(min-width: 1400px)", False),
        ("(max-width: 600px)", False),
        ("(max-width: 1399.98px)", True),
        ("(width >= 48rem)", True),
        ("(width < 48rem)", False),
        ("(48rem <= width < 80rem)", False),
        ("(64rem <= width < 90rem)", True),
        ("screen and (max-width: 767px), print", False),
        ("(max-width: 600px), (min-width: 1000px)", True),
        ("not screen and (max-width: 600px)", True),
        ("(orientation: portrait)", False),
        ("(hover: hover) and (pointer: fine)", True),
        ("(prefers-color-scheme: dark)", False),
        ("(prefers-reduced-motion: no-preference)", True),
        ("(-webkit-min-device-pixel-ratio: 2)", False),
        ("(min-width: 50vw)", False),
    ],
)
def test_a_media_condition_holds_as_on_a_desktop_screen(condition, holds):
    """A screen 1,280 pixels wide and 720 high, in landscape, with a mouse and no stated preference; what
    cannot be told (a resolution, a unit relative to the screen) does not hold."""
    from compliance.reading.media import on_a_desktop

    assert on_a_desktop(condition) == holds


def test_tailwind_4_utilities_hide_and_show_as_a_desktop_browser_does(write):
    """Tailwind 4 ships its utilities in `@layer utilities`, a breakpoint inside the class's own rule
    (`.md\\:block { @media (width >= 48rem) { display: block } }`): `hidden md:block` shows on a desktop,
    `sr-only` and `hidden` hide."""
    css = (
        "@layer theme, base, components, utilities;@layer utilities{.hidden{display:none}"
        ".sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0,0,0,0)}"
        ".md\\:block{@media (width >= 48rem){display:block}}}"
    )
    markup = "<p class='hidden md:block'>desktop</p><p class='sr-only'>reader only</p><p class='hidden'>never</p>"
    page = write("p.html", f"<style>{css}</style><p>seen</p>{markup}")
    assert texts(page) == ["seen", "desktop"]


def test_rules_for_pages_without_scripts_do_not_hide(write):
    """`.no-js .content {display:none}` hides the article only until the page's scripts run: a reader has them."""
    page = write(
        "p.html",
        "<html class='no-js'><head><style>.no-js .content{display:none}</style></head>"
        "<body><div class='content'><p>the article</p></div></body></html>",
    )
    assert texts(page) == ["the article"]


def test_a_rule_hiding_most_of_the_page_waits_for_a_script(write):
    """A page is not published to hide its own text: a rule that hides most of it (an article opened in a
    modal that the site's scripts mark open) is read as the state the scripts set, while a small hidden
    element beside it stays hidden."""
    article = " ".join(f"Sentence number {n} of the article that the page is published to show." for n in range(40))
    page = write(
        "p.html",
        "<style>#app #modal{display:none} #app .tooltip{display:none}</style>"
        f"<div id='app'><div id='modal'><p>{article}</p></div><p class='tooltip'>not seen</p><p>menu</p></div>",
    )
    assert texts(page) == [article, "menu"]


def test_a_hidden_element_names_the_rule_that_hides_it(write):
    page = write("p.html", "<style>.story .promo{display:none}</style><div class='story'><p class='promo'>x</p></div>")
    (hidden,) = read_document(str(page)).hidden
    assert hidden.why == "the page's stylesheet (.story .promo)"


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("<dialog><p>x</p></dialog>", False),
        ("<dialog open><p>x</p></dialog>", True),
        ("<dialog style='display:block'><p>x</p></dialog>", True),
        ("<style>.box{display:flex}</style><dialog class='box'><p>x</p></dialog>", True),
    ],
)
def test_a_closed_dialog_hides_what_it_holds(write, markup, shown):
    """A browser shows a `<dialog>` only once it is open (its own stylesheet hides it until then), unless the
    page styles it shown."""
    document = read_document(str(write("p.html", f"<p>seen</p>{markup}")))
    assert [block.text for block in document.blocks] == (["seen", "x"] if shown else ["seen"])
    assert [hidden.why for hidden in document.hidden] == ([] if shown else ["a closed <dialog>"])


def test_a_declarative_shadow_root_is_shown_and_a_template_is_not(write):
    """A web component's server-rendered content (`<template shadowrootmode="open">`) is what the browser
    shows in its place; any other template is never shown."""
    page = write(
        "p.html",
        "<site-footer><template shadowrootmode='open'><p>Originally published by the Riverton Ledger</p>"
        "</template></site-footer><template><p>a template</p></template><p>after</p>",
    )
    assert texts(page) == ["Originally published by the Riverton Ledger", "after"]


def test_numbered_lists_show_their_numbers(write):
    page = write(
        "p.html",
        "<ol><li>a</li><li>b</li></ol><ol start='4'><li>d</li><li value='9'>i</li><li>j</li></ol>"
        "<ol reversed><li>two</li><li>one</li></ol><ol type='a'><li>letter</li></ol><ul><li>bullet</li></ul>",
    )
    assert texts(page) == ["1. a", "2. b", "4. d", "9. i", "10. j", "2. two", "1. one", "letter", "bullet"]


def test_markdown_reads_as_its_renderer_shows_it(write):
    """Raw HTML in Markdown hides what it hides; escaped markup is text; a list starting at 4 shows 4."""
    page = write(
        "p.md",
        "Intro.\n\n<div hidden>a hidden credit</div>\n\nShown \\<b>as text\\</b>.\n\n"
        '<span style="display:none">secret</span> visible\n\n4. four\n5. five\n',
    )
    assert texts(page) == ["Intro.", "Shown <b>as text</b>.", "visible", "4. four", "5. five"]


def test_markdown_leaves_out_a_site_generators_tags_but_not_in_code(write):
    """Hugo's shortcodes, Jekyll's Liquid tags and output, kramdown's attribute lists and a heading's anchor
    are replaced by the site before anyone reads the page; inside code they are shown as written."""
    page = write(
        "p.md",
        "## The garden {#garden}\n\nIntro.\n{: .lead}\n\n"
        '{{< figure src="/a.jpg" caption="The new reading garden on the roof" >}}\n\n'
        "{{% notice info %}}\nOpen on Sundays.\n{{% /notice %}}\n\n{% include newsletter.html %}\n\n"
        "Posted on {{ page.date | date: '%B %d' }}.\n\nWrite `{{ name }}` to greet.\n\n"
        "```\n{% raw %}{{ title }}{% endraw %}\n```\n",
    )
    assert texts(page) == [
        "The garden",
        "Intro.",
        "Open on Sundays.",
        "Posted on .",
        "Write {{ name }} to greet.",
        "{% raw %}{{ title }}{% endraw %}",
    ]


def test_markdown_keeps_braces_that_are_no_attribute_list(write):
    """A documentation page's format strings (`{:N$}`, `{:>8}`) and braces a writer escaped (`\\{: .lead\\}`)
    are the text; an attribute list holds nothing but attributes (`{: .lead}`, `{:toc}`, `{#id key="v"}`)."""
    page = write(
        "p.md",
        "Use {:N$} or {:>8} to pad, and {:name$} for a named width.\n\n"
        "Write \\{: .lead\\} after a paragraph to style it.\n\n"
        'Kept apart.\n{:toc}\n\nAn anchor {#intro data-level="2" .wide} here.\n',
    )
    assert texts(page) == [
        "Use {:N$} or {:>8} to pad, and {:name$} for a named width.",
        "Write {: .lead} after a paragraph to style it.",
        "Kept apart.",
        "An anchor here.",
    ]


MDX_PAGE = """---
title: Library reopens
---
import Figure from "../components/Figure"
export const meta = {
  section: "news",
}

<Figure
  src="/img/garden.jpg"
  caption="The reading garden"
/>

The library reopened on {meta.day}. {/* the photo desk's note */}

<Callout type="info">
    Originally published by [Riverton Ledger](https://ledger.example/a).
</Callout>

<>Fragments hold text too.</>

Write `<Callout>` around a note.

```jsx
import Figure from "../components/Figure"
<Figure src="/a.jpg" />
```
"""


def test_mdx_reads_as_mdx_renders_it(write):
    """An MDX page: its statements, expressions and components' tags are code, and the Markdown a component
    wraps (indented or not) is Markdown, its link a link, at its own line; inside code all is as written."""
    document = read_document(str(write("post.mdx", MDX_PAGE)))
    assert [block.text for block in document.blocks] == [
        "The library reopened on .",
        "Originally published by Riverton Ledger.",
        "Fragments hold text too.",
        "Write <Callout> around a note.",
        'import Figure from "../components/Figure"\n<Figure src="/a.jpg" />',
    ]
    assert [(link.text, link.href) for link in document.links] == [("Riverton Ledger", "https://ledger.example/a")]
    assert document.blocks[1].line == 17


def test_the_same_page_saved_as_markdown_is_read_as_commonmark(write):
    """The MDX reading is for `.mdx` files: in a `.md` file a statement is text, and the lines after an
    opening tag are raw HTML, the link's brackets and all."""
    texts_md = [block.text for block in read_document(str(write("post.md", MDX_PAGE))).blocks]
    assert texts_md[0].startswith("import Figure")
    assert any("[Riverton Ledger](https://ledger.example/a)" in text for text in texts_md)


def test_a_stylesheet_of_hints_and_no_braces_is_read_once(write):
    """Malformed CSS full of `display:none` and no rule around it hides nothing, and costs one reading."""
    css = "display:none; opacity:0; " * 20000
    page = write("p.html", f"<style>{css}</style><p class='x'>seen</p>")
    assert texts(page) == ["seen"]


def test_a_hostile_stylesheet_costs_a_bounded_number_of_tests(write):
    """Thousands of rules naming one class, over thousands of elements with it: read in bounded time,
    and the page's text still comes out."""
    css = "".join(f".x .y{{display:none}} .x .y.k{n}{{display:block}}" for n in range(3000))
    items = "".join(f"<p class='y'>item {n}</p>" for n in range(3000))
    page = write("p.html", f"<style>{css}</style><div class='x'>{items}</div><p>after</p>")
    assert texts(page)[-1] == "after"


def test_rules_nested_past_sixteen_blocks_are_not_read(write):
    """A hostile sheet nesting rules thousands deep costs one pass: a rule inside more than 16 blocks (real
    sheets nest a few) is not read, where each would have been written out with every selector above it."""
    css = ".x{" * 20 + "display:none" + "}" * 20 + ".a{.b{display:none}}"
    deep = "<div class='x'>" * 20 + "<p>seen</p>" + "</div>" * 20
    page = write("p.html", f"<style>{css}</style>{deep}<div class='a'><p class='b'>not seen</p></div>")
    assert texts(page) == ["seen"]


def test_undeclared_text_that_is_not_utf8_is_detected(write):
    """No BOM, no header, no <meta>: bytes that are not UTF-8 go to detection (UnicodeDammit)."""
    data = "<p>Le café crème, déjà vu, été après été à la fenêtre.</p>".encode("cp1252")
    (text,) = texts(write("latin.html", data))
    assert text.startswith("Le café cr") and "\ufffd" not in text  # a guess: 1252 and 1250 share é


def test_a_charset_declared_late_in_a_long_head_is_found(write):
    head = "<head>" + "<link rel='preload' href='/a.css'>" * 60 + '<meta charset="windows-1252"></head>'
    (text,) = texts(
        write("late.html", (f"<html>{head}<body><p>Caf\u00e9 cr\u00e8me</p></body></html>").encode("cp1252"))
    )
    assert text == "Café crème"

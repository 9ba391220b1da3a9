"""Each check, passing and failing, through the Python API on pages written for the tests."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

import compliance
from compliance.alignment.align import align
from compliance.reading.document import Document
from compliance.reading.markdown import parse_markdown
from compliance.reading.textfold import words
from tests import samples

POLICY = """
policy: test-terms
rules:
  attribution: {check: attribution, names: ["{source.publisher}"]}
  source-link: {check: link, href: "{source.url}"}
  copyright: {check: copyright, holders: ["{source.publisher}"], year: "{source.year}"}
  disclaimer: {check: text, text: NOTICE}
  body: {check: body, min-coverage: 0.95, max-altered: 0, max-added-words: 12}
""".replace("NOTICE", repr(samples.NOTICE))


REWORDED = (
    samples.NOTICE.replace("has not always been specifically authorized", "has been fully licensed")
    .replace("without profit", "for profit")
    .replace("research and educational", "commercial")
)


@pytest.fixture
def policy(write):
    return compliance.load_policy(str(write("terms.yaml", POLICY)))


@pytest.fixture
def source(write):
    return compliance.read_source(str(write("original.txt", samples.ARTICLE_TEXT)))


def check(write, policy, source, page_html: str, variables=None) -> dict[str, compliance.Finding]:
    page = compliance.read_document(str(write("page.html", page_html)))
    result = compliance.check_page(page, policy, source, samples.VARIABLES if variables is None else variables)
    return {finding.rule: finding for finding in result.findings}


def test_compliant_page_passes_every_rule(write, policy, source):
    findings = check(write, policy, source, samples.republished())
    assert {rule: f.passed for rule, f in findings.items()} == dict.fromkeys(findings, True)
    assert findings["body"].metrics == {
        "coverage": 1.0,
        "altered": 0,
        "added_words": 0,
        "paragraphs": 5,
        "reproduced_words": 191,
    }


@pytest.mark.parametrize("name", ["page.html", "page.md"])
def test_credit_and_copyright_wrapped_over_lines_in_the_markup_pass(write, policy, source, name):
    """Editors and static-site generators hard-wrap paragraphs; a reader sees one line."""
    if name == "page.html":
        page = samples.republished(
            credit=samples.CREDIT.replace("published by", "published\n   by"),
            copyright_line=samples.COPYRIGHT.replace("© ", "©\n"),
        )
    else:
        body = "\n\n".join(samples.PARAGRAPHS)
        page = (
            f"{body}\n\nOriginally published\nby [{samples.PUBLISHER}]({samples.SOURCE_URL}).\n\n"
            f"Copyright ©\n{samples.PUBLISHER}, {samples.YEAR}\n\n{samples.NOTICE}\n"
        )
    document = compliance.read_document(str(write(name, page)))
    findings = compliance.check_page(document, policy, source, samples.VARIABLES).findings
    assert {f.rule: f.passed for f in findings} == dict.fromkeys(
        ["attribution", "source-link", "copyright", "disclaimer", "body"], True
    )


# attribution ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        f"<p>The original source of this article is {samples.PUBLISHER}</p>",
        f"<p>Source: <a href='{samples.SOURCE_URL}'>{samples.PUBLISHER}</a></p>",
        f"<p>Reprinted with permission from the {samples.PUBLISHER}.</p>",
        f"<p>This story first appeared in {samples.PUBLISHER.upper()} and is republished here.</p>",
        f"<p>Courtesy of {samples.PUBLISHER}</p>",
        f"<p>Source article: {samples.PUBLISHER}</p>",
        f"<p><a class='button' href='{samples.SOURCE_URL}'>Read the original at {samples.PUBLISHER}</a></p>",
        f"<p>Originally published by:</p><p><a href='{samples.SOURCE_URL}'>{samples.PUBLISHER}</a></p>",
        f"<p>From <a href='{samples.SOURCE_URL}'>{samples.PUBLISHER}</a></p>",
        f"<p>Published by arrangement with {samples.PUBLISHER}.</p>",
        f"<p>Read the story at {samples.PUBLISHER}.</p>",
        f"<p>{samples.PUBLISHER} is the original publisher of this story.</p>",
        f"<p>This story originally featured on the {samples.PUBLISHER} website.</p>",
    ],
)
def test_attribution_passes_for_common_credit_wordings(write, policy, source, credit):
    findings = check(
        write,
        policy,
        source,
        samples.republished(credit=credit + samples.CREDIT.replace(samples.PUBLISHER, "the original")),
    )
    assert findings["attribution"].passed, findings["attribution"].message


@pytest.mark.parametrize(
    "credit",
    [
        f'<p><a href="{samples.SOURCE_URL}">Read the original article</a></p>',
        f'<div style="display:none"><p>Originally published by {samples.PUBLISHER}.</p></div>',
        f'<p class="visually-gone">Originally published by {samples.PUBLISHER}.</p>',
        f"<p hidden>Originally published by {samples.PUBLISHER}.</p>",
        f"<!-- <p>Originally published by {samples.PUBLISHER}.</p> -->",
        f"<p>Copyright © {samples.PUBLISHER}</p>",
        f'<p style="font-size:0">Originally published by {samples.PUBLISHER}.</p>',
        f'<p style="position:absolute;left:-9999px">Originally published by {samples.PUBLISHER}.</p>',
    ],
    ids=[
        "no-credit",
        "display-none",
        "stylesheet-hidden",
        "hidden-attribute",
        "comment",
        "copyright-only",
        "font-size-zero",
        "off-screen",
    ],
)
def test_attribution_fails_without_a_visible_credit(write, policy, source, credit):
    finding = check(write, policy, source, samples.republished(credit=credit))["attribution"]
    assert not finding.passed
    assert "Riverton Ledger" in finding.message and finding.fix


@pytest.mark.parametrize("other", ["newsnation.in", "zeitung.at", "daily.by"])
def test_a_credit_to_a_domain_is_not_a_label_awaiting_the_next_line(write, policy, source, other):
    """ "…published by newsnation.in." names its publisher; the copyright line after it does not complete it."""
    credit = f'<p>This article was originally published by <a href="{samples.SOURCE_URL}">{other}</a>.</p>'
    finding = check(write, policy, source, samples.republished(credit=credit))["attribution"]
    assert not finding.passed and other in finding.message


def test_a_policys_own_cues_keep_their_escapes_and_ignore_case(write, source):
    """`\\S` stays "not a space" (lowering the pattern would make it "a space"); curly quotes match straight ones."""
    policy = compliance.load_policy(
        str(
            write(
                "cues.yaml",
                "policy: cues\nrules:\n  credit:\n    check: attribution\n    names: ['{source.publisher}']\n"
                "    cues: ['Wire\\S{3}:', '“wire”']\n",
            )
        )
    )
    for credit in (f"<p>WIRE-AP: {samples.PUBLISHER}</p>", f'<p>A "wire" story of {samples.PUBLISHER}</p>'):
        finding = check(write, policy, source, samples.republished(credit=credit))["credit"]
        assert finding.passed, credit


@pytest.mark.parametrize(
    ("wrapped", "why"),
    [
        ("<!-- {credit} -->", "an HTML comment"),
        ('<div style="display: none">{credit}</div>', 'an inline style ("display: none")'),
        ("<div hidden>{credit}</div>", "the hidden attribute"),
        ('<div class="visually-gone">{credit}</div>', "the page's stylesheet (.visually-gone)"),
    ],
)
def test_a_hidden_credit_is_pointed_at_with_what_hides_it(write, policy, source, wrapped, why):
    page = samples.republished(credit=wrapped.format(credit=samples.CREDIT))
    findings = check(write, policy, source, page)
    assert findings["source-link"].message.startswith(f"The link to the original is on the page but hidden by {why}")
    finding = findings["attribution"]
    assert not finding.passed
    assert finding.message.startswith(f"A credit to Riverton Ledger is on the page but hidden by {why}: “Originally")
    line = next(n for n, text in enumerate(page.splitlines(), 1) if "Originally published" in text)
    assert (finding.evidence["line"], finding.evidence["hidden_by"]) == (line, why)
    assert finding.fix.startswith("Show it (")


def test_a_hidden_copyright_notice_is_pointed_at(write, policy, source):
    page = samples.republished(copyright_line=f"<!-- {samples.COPYRIGHT} -->")
    finding = check(write, policy, source, page)["copyright"]
    assert not finding.passed
    assert "copyright notice naming Riverton Ledger is on the page but hidden by an HTML comment" in finding.message


def test_attribution_names_the_wrong_publisher(write, policy, source):
    credit = f'<p>This article was originally published by <a href="{samples.SOURCE_URL}">Hill Gazette</a>.</p>'
    finding = check(write, policy, source, samples.republished(credit=credit))["attribution"]
    assert not finding.passed
    assert "names someone else" in finding.message and "Hill Gazette" in finding.message


def test_the_name_inside_the_article_is_not_a_credit(write, policy, source):
    paragraphs = [
        *samples.PARAGRAPHS[:-1],
        samples.PARAGRAPHS[-1] + " The story was first reported by Riverton Ledger.",
    ]
    source_doc = compliance.read_source(str(write("original2.txt", "\n\n".join(paragraphs))))
    page = samples.republished(paragraphs=paragraphs, credit="")
    assert not check(write, policy, source_doc, page)["attribution"].passed


def test_attribution_placement_top(write, source):
    top = compliance.load_policy(
        str(
            write(
                "top.yaml",
                """
policy: top
rules:
  attribution: {check: attribution, names: ["{source.publisher}"], placement: top}
""",
            )
        )
    )
    assert not check(write, top, source, samples.republished())["attribution"].passed
    page = samples.republished(before=samples.CREDIT, credit="")
    assert check(write, top, source, page)["attribution"].passed


# link ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "href",
    [
        samples.SOURCE_URL,
        "http://riverton-ledger.example/news/2024/03/library-reopens-after-renovation",
        samples.SOURCE_URL + "?utm_source=partner&utm_medium=rss#top",
        "https://www.riverton-ledger.example:443/news/2024/03/library-reopens-after-renovation/?fbclid=x",
        "//www.riverton-ledger.example/news/2024/03/library-reopens-after-renovation/",
        "https://m.riverton-ledger.example/news/2024/03/library-reopens-after-renovation/",
        "https://amp.riverton-ledger.example/news/2024/03/library-reopens-after-renovation/",
        samples.SOURCE_URL + "?mod=article_inline&CMP=share_btn_tw",  # a partner's or the site's own tracking
        "https://www.riverton-ledger.example/amp/news/2024/03/library-reopens-after-renovation/",
        samples.SOURCE_URL + "amp/",
        samples.SOURCE_URL + "?outputType=amp",
        samples.SOURCE_URL + "index.html",
        samples.SOURCE_URL.rstrip("/") + ".amp",
    ],
)
def test_link_accepts_the_same_article_written_differently(write, policy, source, href):
    credit = f'<p>Originally published by <a href="{href}">{samples.PUBLISHER}</a>.</p>'
    assert check(write, policy, source, samples.republished(credit=credit))["source-link"].passed


@pytest.mark.parametrize(
    ("href", "words"),
    [
        ("#", 'points to "#"'),
        ("javascript:void(0)", 'points to "javascript:void(0)"'),
        ("https://www.riverton-ledger.example/", "home page"),
        ("https://www.riverton-ledger.example/news/2024/03/council-budget/", "another page"),
        ("https://elsewhere.example/story", "points to https://elsewhere.example/story"),
    ],
)
def test_link_fails_when_it_does_not_open_the_article(write, policy, source, href, words):
    credit = f'<p>Originally published by <a href="{href}">{samples.PUBLISHER}</a>.</p>'
    finding = check(write, policy, source, samples.republished(credit=credit))["source-link"]
    assert not finding.passed
    assert words in finding.message
    assert finding.fix == f'<a href="{samples.SOURCE_URL}">{samples.PUBLISHER}</a>'
    assert finding.evidence["href"] == href


@pytest.mark.parametrize(
    ("href", "passes"),
    [
        ("https://news.example/story.php?id=5&mod=rss", True),
        ("https://news.example/story.php?mod=rss&id=5&utm_source=x", True),
        ("https://news.example/story.php?id=6", False),
        ("https://news.example/story.php", False),
    ],
)
def test_link_keeps_the_query_that_names_the_article(write, policy, source, href, passes):
    """A query naming the article (`?id=5`) must be on the link; what else the link carries is tracking."""
    credit = f'<p>Originally published by <a href="{href}">{samples.PUBLISHER}</a>.</p>'
    variables = {**samples.VARIABLES, "source.url": "https://news.example/story.php?id=5"}
    finding = check(write, policy, source, samples.republished(credit=credit), variables)["source-link"]
    assert finding.passed is passes, finding.message


def test_link_missing_entirely(write, policy, source):
    finding = check(
        write, policy, source, samples.republished(credit="<p>Originally published by Riverton Ledger.</p>")
    )
    assert not finding["source-link"].passed
    assert finding["source-link"].message.startswith("No link to the original article")


def test_relative_links_resolve_against_the_base_url(write, policy, source):
    credit = (
        '<base href="https://www.riverton-ledger.example/news/2024/03/"><p>Originally published by '
        f'<a href="library-reopens-after-renovation/">{samples.PUBLISHER}</a>.</p>'
    )
    assert check(write, policy, source, samples.republished(credit=credit))["source-link"].passed


def test_link_forbid_rel_and_regex(write, source):
    policy = compliance.load_policy(
        str(
            write(
                "rel.yaml",
                """
policy: rel
rules:
  follow: {check: link, href: "{source.url}", forbid-rel: [nofollow]}
  any-ledger: {check: link, href: "^https://www\\\\.riverton-ledger\\\\.example/news/", match: regex}
""",
            )
        )
    )
    credit = f'<p>Originally published by <a rel="nofollow" href="{samples.SOURCE_URL}">{samples.PUBLISHER}</a>.</p>'
    findings = check(write, policy, source, samples.republished(credit=credit))
    assert not findings["follow"].passed and 'rel="nofollow"' in findings["follow"].message
    assert findings["any-ledger"].passed


def test_link_regex_broken_by_a_variable_says_so(write, source):
    policy = compliance.load_policy(
        str(write("re.yaml", 'policy: re\nrules:\n  titled: {check: link, href: "{source.title}$", match: regex}\n'))
    )
    variables = {**samples.VARIABLES, "source.title": "Library (draft"}
    finding = check(write, policy, source, samples.republished(), variables)["titled"]
    assert not finding.passed
    assert finding.message.startswith(
        "Cannot check: 'Library (draft$' with its variables filled is not a valid regular"
    )


# copyright -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "<p>© 2024 Riverton Ledger. All rights reserved.</p>",
        "<p>Copyright 2022-2025 The Riverton Ledger</p>",
        "<p>(c) Riverton Ledger 2024</p>",
        "<p>Copyright © 2024 Riverton Ledger. Reprinted by Valley Reposts with permission.</p>",
        "<p>Content from Riverton Ledger © 2024</p>",
        "<p>Copr. 2024 Riverton Ledger</p>",
        "<p>Tous droits réservés : Riverton Ledger 2024</p>",
        "<p>Riverton Ledger 2024. Все права защищены.</p>",
        "<p>저작권자 ⓒ Riverton Ledger 2024, 무단 전재 및 재배포 금지</p>",
        "<p>Ⓒ 2024 Riverton Ledger</p>",
        "<p>Riverton Ledger 2024। सर्वाधिकार सुरक्षित।</p>",
        "<p>جميع الحقوق محفوظة Riverton Ledger 2024</p>",
        "<p>כל הזכויות שמורות ל-Riverton Ledger 2024</p>",
        "<p>Riverton Ledger 2024. Tüm hakları saklıdır.</p>",
        "<p>Hak cipta Riverton Ledger 2024</p>",
        "<p>Riverton Ledger 2024. Wszelkie prawa zastrzeżone.</p>",
        "<p>Riverton Ledger 2024. Усі права захищені.</p>",
        "<p>Bản quyền thuộc về Riverton Ledger 2024</p>",
        "<p>Riverton Ledger 2024. Alla rättigheter förbehållna.</p>",
        "<p>Riverton Ledger 2024. Kaikki oikeudet pidätetään.</p>",
        "<p>สงวนลิขสิทธิ์ 2024 Riverton Ledger</p>",
        "<p>© ٢٠٢٤ Riverton Ledger</p>",  # the year in Arabic-Indic digits
        "<p>कॉपीराइट © २०२४ Riverton Ledger</p>",  # in Devanagari digits
    ],
)
def test_copyright_variants_pass(write, policy, source, line):
    assert check(write, policy, source, samples.republished(copyright_line=line))["copyright"].passed


def test_evidence_from_a_huge_unpunctuated_paragraph_stays_readable(write, policy, source):
    """One "sentence" of 30,000 words holding the notice: the finding quotes a readable part, not all of it."""
    filler = " ".join(["and the council met again"] * 6000)
    line = f"<p>Copyright © {samples.PUBLISHER} {samples.YEAR} {filler}</p>"
    finding = check(write, policy, source, samples.republished(copyright_line=line))["copyright"]
    assert finding.passed
    assert finding.evidence["text"].startswith("Copyright © Riverton Ledger 2024 and the council")
    assert len(finding.evidence["text"]) <= 2001 and len(finding.message) < 300


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("", "No copyright notice names Riverton Ledger; found “© 2024 Valley Reposts"),
        ("<p>Copyright © Riverton Ledger, 2019</p>", "gives 2019, not 2024"),
        ("<p>Copyright © Valley Reposts, 2024</p>", "found “Copyright © Valley Reposts, 2024”"),
        ("<p>Seats reserved for Riverton Ledger readers, 2024</p>", "No copyright notice names Riverton Ledger"),
        (
            "<p>Copyright © 2024 Valley Reposts, reprinted from Riverton Ledger</p>",
            "claims the article for someone else and names Riverton Ledger only as its source",
        ),
    ],
    ids=["missing", "wrong-year", "republisher-claims-it", "no-notice-only-a-name", "source-named-as-source"],
)
def test_copyright_failures_say_what_is_wrong(write, policy, source, line, words):
    finding = check(write, policy, source, samples.republished(copyright_line=line))["copyright"]
    assert not finding.passed
    assert words in finding.message
    assert finding.fix == "<p>Copyright © Riverton Ledger, 2024</p>"


def test_copyright_without_a_known_year_is_not_a_pass(write, policy, source):
    variables = {k: v for k, v in samples.VARIABLES.items() if k != "source.year"}
    finding = check(write, policy, source, samples.republished(), variables)["copyright"]
    assert not finding.passed and "{source.year} is not set: give --var source.year=…" in finding.message


def test_a_credit_and_notice_naming_a_long_name_the_article_mentions_are_no_article_text(write, policy):
    """A publisher's name of five words or more (or of five Chinese characters) that the article mentions in
    a paragraph the page left out aligns with the page's credit line: words aligned only inside a line do
    not make it the article's text, so the credit and the copyright notice are still read as such."""
    name = "Riverton Valley Ledger and Gazette"
    last = f"Readers can write to the {name} about the library's new hours."
    source_text = "\n\n".join([*samples.PARAGRAPHS, last])
    source = compliance.read_source(str(write("original.txt", source_text)))
    page = samples.republished(copyright_line=f"<p>Copyright © {samples.YEAR} {name}</p>")
    variables = {**samples.VARIABLES, "source.publisher": name}
    findings = check(write, policy, source, page.replace(samples.PUBLISHER, name), variables)
    assert findings["copyright"].passed, findings["copyright"].message
    assert findings["attribution"].passed, findings["attribution"].message


# text ----------------------------------------------------------------------------------------------------------


def test_text_tolerates_typography_and_line_breaks(write, policy, source):
    notice = "<p>" + samples.NOTICE.replace('"fair use"', "“fair use”").replace(". ", ".<br>\n") + "</p>"
    finding = check(write, policy, source, samples.republished(notice=notice))["disclaimer"]
    assert finding.passed and finding.metrics["similarity"] == 1.0


@pytest.mark.parametrize(
    "notice",
    [
        "",
        "<p>" + samples.NOTICE[:150] + "</p>",
        "<p>" + REWORDED + "</p>",
    ],
    ids=["missing", "truncated", "reworded"],
)
def test_text_fails_when_the_notice_is_missing_or_changed(write, policy, source, notice):
    finding = check(write, policy, source, samples.republished(notice=notice))["disclaimer"]
    assert not finding.passed
    assert finding.fix == samples.NOTICE


def test_text_reports_the_changed_words(write, policy, source):
    finding = check(write, policy, source, samples.republished(notice=f"<p>{REWORDED}</p>"))["disclaimer"]
    assert "has [-not always-] been [-specifically authorized-] {+fully licensed+}" in finding.message
    assert "[-without-] {+for+} profit" in finding.message


def test_text_min_similarity_one_demands_the_exact_words(write, source):
    exact = compliance.load_policy(
        str(
            write(
                "exact.yaml",
                f"policy: exact\nrules:\n  notice: {{check: text, text: {samples.NOTICE!r}, min-similarity: 1}}\n",
            )
        )
    )
    one_word = "<p>" + samples.NOTICE.replace("has not always", "has always") + "</p>"
    assert check(write, exact, source, samples.republished())["notice"].passed
    assert not check(write, exact, source, samples.republished(notice=one_word))["notice"].passed


@pytest.mark.parametrize(
    ("changed", "said"),
    [
        (("has not always been", "has always been"), "drops “not”"),
        (("distributed without profit", "distributed with profit"), "drops “without”"),
        (("you must request", "you don't need to request"), "adds “don't”"),
        (("has not always", "has not always"), ""),  # as required
    ],
    ids=["not dropped", "without dropped", "negation added", "unchanged"],
)
def test_text_fails_a_notice_that_changes_a_negation_however_alike(write, policy, source, changed, said):
    notice = f"<p>{samples.NOTICE.replace(*changed)}</p>"
    finding = check(write, policy, source, samples.republished(notice=notice))["disclaimer"]
    assert finding.metrics["similarity"] >= 0.95
    assert finding.passed == (not said), finding.message
    assert said in finding.message
    if said:
        assert finding.fix == samples.NOTICE


def test_text_fails_a_statement_whose_number_changed_and_forgives_another_slip(write, source):
    statement = (
        "This story is republished from Example News under a Creative Commons Attribution-NoDerivatives 4.0"
        " International License. Read the original article, and the rest of our reporting, at example.com."
    )
    licence = compliance.load_policy(
        str(write("cc.yaml", f"policy: cc\nrules:\n  licence: {{check: text, text: {statement!r}}}\n"))
    )
    older = f"<p>{statement.replace('4.0', '3.0')}</p>"
    finding = check(write, licence, source, samples.republished(notice=older))["licence"]
    assert not finding.passed and "drops “4”; adds “3”" in finding.message
    slip = f"<p>{statement.replace('This story', 'This article')}</p>"  # a word, not what it says
    assert check(write, licence, source, samples.republished(notice=slip))["licence"].passed


# body ----------------------------------------------------------------------------------------------------------


def test_body_passes_a_page_whose_accents_are_decomposed_and_apostrophes_are_other_marks(write, policy):
    """A page pasted from a Mac (NFD: "é" as "e" and a combining accent) or typed with a modifier apostrophe
    reproduces the article as a reader sees it."""
    accented = [p.replace("Councillor Pete Varga", "Councillor Zoë Château-Jelić’s deputy") for p in samples.PARAGRAPHS]
    source = compliance.read_source(str(write("accented.txt", "\n\n".join(accented))))
    pasted = [unicodedata.normalize("NFD", p).replace("\u2019", "\u02bc") for p in accented]
    finding = check(write, policy, source, samples.republished(paragraphs=pasted))["body"]
    assert finding.passed, finding.message
    assert finding.metrics["coverage"] == 1.0 and finding.metrics["altered"] == 0


def test_body_reads_a_word_whole_with_its_vowel_signs(write, policy):
    """Hindi writes its vowels as marks on the letters: a copy that changes one ("साल", year, to "सील", seal)
    changed a word, and is told so; a faithful copy passes, its words counted as a reader counts them."""
    hindi = samples.HINDI_PARAGRAPHS
    source = compliance.read_source(str(write("hindi.txt", "\n\n".join(hindi))))
    faithful = check(write, policy, source, samples.republished(paragraphs=hindi))["body"]
    assert faithful.passed, faithful.message
    assert faithful.metrics["reproduced_words"] == sum(len(p.replace("।", " ").split()) for p in hindi) == 107
    changed = [hindi[0].replace("दो साल", "दो सील"), *hindi[1:]]
    finding = check(write, policy, source, samples.republished(paragraphs=changed))["body"]
    assert not finding.passed and finding.metrics["altered"] == 1, finding.message


def test_body_counts_thai_words_in_a_paragraph_inserted_into_a_thai_article(write, policy):
    """A Thai paragraph of the republisher's own is dozens of words, not the three phrases its spaces part."""
    thai = samples.THAI_PARAGRAPHS
    source = compliance.read_source(str(write("thai.txt", "\n\n".join(thai))))
    assert check(write, policy, source, samples.republished(paragraphs=thai))["body"].passed
    note = "หมายเหตุบรรณาธิการ: เราจะตีพิมพ์ความคิดเห็นของผู้อ่านในฉบับหน้า ส่งความคิดเห็นมาทางอีเมลได้"
    finding = check(write, policy, source, samples.republished(paragraphs=[*thai[:2], note, *thai[2:]]))["body"]
    assert not finding.passed and finding.metrics["added_words"] > 40, finding.message


def test_body_reads_a_number_in_arabic_digits_as_the_same_number(write, policy):
    """A site syndicating across the Arab world may write "٢٠٢٦" where the source wrote "2026": the same number."""
    arabic = "وقال المجلس إن الخطة ستكلف ٣٥٠ مليون دينار وستنتهي في عام ٢٠٢٦ إذا سارت الأعمال كما هو مخطط لها."
    source = compliance.read_source(str(write("original.txt", "\n\n".join([*samples.PARAGRAPHS, arabic]))))
    western = arabic.replace("٣٥٠", "350").replace("٢٠٢٦", "2026")
    finding = check(write, policy, source, samples.republished(paragraphs=[*samples.PARAGRAPHS, western]))["body"]
    assert finding.passed and finding.metrics["altered"] == 0, finding.message


@pytest.mark.parametrize("label", ["Advertisement", "Anzeige", "Publicidad", "广告", "إعلان", "विज्ञापन"])
def test_body_tolerates_typography_merged_paragraphs_and_an_ad_label(write, policy, source, label):
    paragraphs = [p.replace("“", '"').replace("”", '"') for p in samples.PARAGRAPHS]
    paragraphs = [paragraphs[0] + " " + paragraphs[1], label, *paragraphs[2:]]
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert finding.passed, finding.message
    assert finding.metrics["added_words"] == 0
    assert finding.passages["furniture_inside"] == {"advertising": 1}


RELATED = (
    '<p class="related-link">Related: <a href="/budget/">City council approves budget after weeks of debate</a></p>'
)
CAPTION = (
    '<figure><img src="/a.jpg" alt=""><figcaption>The reading room, seen from the new balcony</figcaption></figure>'
)
PROMO = '<aside class="inline-box"><p>Get the morning briefing in your inbox every day.</p></aside>'
EDITORIAL = "Our editors add that the council never answered our questions about any of this before we went to press."


def article_with(*inserts: str, container: str = "entry") -> str:
    """The republished page with markup of its own after the article's paragraphs, the first insert after the
    first paragraph and so on."""
    body = "".join(
        f"<p>{p}</p>{insert}" for p, insert in itertools.zip_longest(samples.PARAGRAPHS, inserts, fillvalue="")
    )
    return samples.republished(paragraphs=[]).replace('<div class="entry">', f'<div class="{container}">{body}')


def test_body_counts_no_furniture_of_the_page_inside_the_article_as_added(write, policy, source):
    """A related-story link, a photo's caption and a newsletter box between the paragraphs add nothing to the
    article (they are the page's, told by their links, tags and names); an editorial paragraph among them does."""
    finding = check(write, policy, source, article_with(RELATED, CAPTION, PROMO))["body"]
    assert finding.passed, finding.message
    assert finding.metrics["added_words"] == 0
    assert finding.passages["furniture_inside"] == {"related links": 1, "caption": 1, "sidebar": 1}
    assert "the page's own furniture inside the article, not counted as added: related links (1)" in finding.message
    finding = check(write, policy, source, article_with(RELATED, f"<p>{EDITORIAL}</p>", CAPTION))["body"]
    assert not finding.passed
    assert finding.passages["added"][0]["text"].startswith("Our editors add")


def test_body_sets_apart_a_caption_whose_first_word_the_next_paragraph_shares(write, policy, source):
    """The run of the paragraph before runs on into the caption's first word, which opens the source's next
    paragraph too: one word spilt over does not make the caption the article's."""
    spilt = "<figure><figcaption>Head of the library, at the new reading garden's opening</figcaption></figure>"
    assert samples.PARAGRAPHS[2].startswith("Head ")
    finding = check(write, policy, source, article_with("", spilt))["body"]
    assert finding.passages["furniture_inside"] == {"caption": 1}, finding.message


def test_body_counts_a_paragraph_added_inside_an_article_container_named_like_furniture(write, policy, source):
    """The article's own container cannot make what it holds furniture, whatever its name ("widget-area")."""
    finding = check(write, policy, source, article_with(f"<p>{EDITORIAL}</p>", container="widget-area entry"))
    assert not finding["body"].passed


def test_body_counts_a_promotion_written_into_a_paragraph_of_the_article(write, policy, source):
    """A block holding the article's words is the article's, even when the words added to it read as a
    promotion: the paragraph was changed."""
    promotion = " Sign up for our newsletter to get stories like this one in your inbox every single morning."
    paragraphs = [samples.PARAGRAPHS[0] + promotion, *samples.PARAGRAPHS[1:]]
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert not finding.passed


def test_body_reports_an_omitted_paragraph(write, policy, source):
    paragraphs = samples.PARAGRAPHS[:2] + samples.PARAGRAPHS[3:]
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert not finding.passed
    assert finding.metrics["coverage"] < 0.85
    assert finding.passages["omitted"][0]["text"].startswith("Head librarian Dolores Okafor")


CARS = [
    "The carmaker showed a wagon on Monday. The all-wheel-drive version will be able to go from zero to 60 mph in "
    "five seconds, the company says, and its battery will last a week of commuting.",
    "Dealers expect the first cars to arrive next spring, with a price yet to be announced for either model.",
    "The coupe gets some styling cues from the old sports car. A performance version will be able to go from zero "
    "to 60 mph in about three seconds, and it goes on sale in the autumn.",
]


def test_body_leaves_a_sentence_said_twice_with_the_paragraph_the_page_reproduced(write, policy):
    """Its words also open a sentence of a paragraph the page left out, earlier in the source: the page's
    sentence belongs to the paragraph it is in, so nothing is altered or added, one paragraph is omitted."""
    cars = compliance.read_source(str(write("cars.txt", "\n\n".join(CARS))))
    finding = check(write, policy, cars, samples.republished(paragraphs=CARS[1:]))["body"]
    assert finding.metrics["altered"] == finding.metrics["added_words"] == 0, finding.message
    assert [passage["text"] for passage in finding.passages["omitted"]] == [CARS[0].rstrip(".")]


def test_alignment_gives_each_page_word_to_one_source_passage_the_longest_match_first():
    """The page's copy of the twice-said words sits inside the paragraph it reproduces whole: it is that
    paragraph's, not the earlier omitted one's, and no page word is counted for both."""
    source, page = words("\n\n".join(CARS)).norms, words("\n\n".join(CARS[1:])).norms
    runs = align(source, page)
    on_page = [j for run in runs for j in range(run.page, run.page + run.length)]
    assert sorted(on_page) == list(range(len(page)))  # every page word once
    first_paragraph = len(words(CARS[0]).norms)
    assert all(run.src >= first_paragraph for run in runs)


def test_a_notice_sought_on_a_huge_page_holds_nothing_for_each_of_the_pages_words():
    """Aligning a notice of a hundred words with a page of 300,000 keeps the handful of places where its words
    stand, found with at most a byte for each of the page's words (a Python object each held megabytes)."""
    import tracemalloc

    notice = words(samples.NOTICE).norms
    page = words(" ".join(f"filler{i % 5000} word" for i in range(150_000)) + " " + samples.NOTICE).norms
    tracemalloc.start()
    try:
        runs = align(notice, page)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(run.src, run.length) for run in runs] == [(0, len(notice))]
    assert peak < 1_000_000, peak


def test_body_does_not_list_a_short_heading_the_page_has_as_omitted(write, policy):
    """A heading of three words is under the length of an aligned run: all of it there, it is there."""
    paragraphs = [*samples.PARAGRAPHS[:2], "The new wing", *samples.PARAGRAPHS[2:]]
    with_heading = compliance.read_source(str(write("headed.txt", "\n\n".join(paragraphs))))
    page = samples.republished(paragraphs=[p for p in paragraphs if p != samples.PARAGRAPHS[4]])
    finding = check(write, policy, with_heading, page)["body"]
    assert [passage["text"] for passage in finding.passages["omitted"]] == [samples.PARAGRAPHS[4].rstrip(".")]


def _line_of(markup: str, text: str) -> int:
    return markup[: markup.index(text)].count("\n") + 1


def test_body_says_a_page_that_stops_short_is_cut_and_where(write, policy, source):
    """An editor is told where the page stops and how much of the article is missing after it, and a
    report's line is that place."""
    page = samples.republished(paragraphs=samples.PARAGRAPHS[:3])
    finding = check(write, policy, source, page)["body"]
    last_line = _line_of(page, samples.PARAGRAPHS[2])
    omitted = finding.passages["omitted"]
    assert len(omitted) == 1 and omitted[0]["at_end"] and omitted[0]["after"]["line"] == last_line
    assert omitted[0]["after"]["text"] == "on that until it was rebuilt"
    assert "the page stops short after “on that until it was rebuilt”" in finding.message
    assert f"the article's last {omitted[0]['words']} words are missing, from “Council members" in finding.message
    assert finding.evidence["line"] == last_line


def test_body_says_where_a_passage_left_out_goes_back(write, policy, source):
    """A paragraph left out in the middle goes back after the one before it; one opening the article goes
    before the first the page has. Neither is a page cut short."""
    middle = samples.republished(paragraphs=samples.PARAGRAPHS[:2] + samples.PARAGRAPHS[3:])
    finding = check(write, policy, source, middle)["body"]
    omitted = finding.passages["omitted"][0]
    line = _line_of(middle, samples.PARAGRAPHS[1])
    assert not omitted["at_end"] and omitted["after"]["line"] == line
    assert f"first omitted passage (after line {line}): “Head librarian" in finding.message
    assert f"(after line {line})" in finding.fix
    opening = samples.republished(paragraphs=samples.PARAGRAPHS[1:])
    omitted = check(write, policy, source, opening)["body"].passages["omitted"][0]
    assert "at_end" not in omitted and omitted["before"]["line"] == _line_of(opening, samples.PARAGRAPHS[1])
    assert omitted["before"]["text"].startswith("Hundreds of residents queued")


def test_body_says_when_an_omitted_passage_is_on_the_page_but_hidden(write, policy, source):
    """A "read more" left collapsed: the paragraphs are in the markup, not in sight."""
    shown = "".join(f"<p>{p}</p>" for p in samples.PARAGRAPHS[:3])
    collapsed = "".join(f"<p>{p}</p>" for p in samples.PARAGRAPHS[3:])
    page = samples.republished(paragraphs=[], before=f'{shown}\n<div class="more" hidden>{collapsed}</div>')
    finding = check(write, policy, source, page)["body"]
    assert not finding.passed
    assert "first omitted passage: “Council members" in finding.message
    assert finding.message.endswith("but hidden by the hidden attribute)")
    assert finding.passages["omitted"][0]["hidden_by"] == "the hidden attribute"


def test_body_reports_an_altered_sentence_with_its_diff(write, policy, source):
    paragraphs = list(samples.PARAGRAPHS)
    paragraphs[3] = paragraphs[3].replace("he still believed", "he rightly believed")
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert not finding.passed
    assert finding.metrics["altered"] == 1
    assert "[-still-] {+rightly+}" in finding.passages["altered"][0]["diff"]
    assert finding.evidence["line"] == 11  # the page's line holding that paragraph


@pytest.mark.parametrize(
    ("original", "changed", "diff"),
    [
        ("first presented to the council.", "first presented to the mayor.", "[-council-] {+mayor+}"),
        ("free of charge.", "free for all club members.", "[-of charge-] {+for all club members+}"),
        ("The library will keep", "Our library will keep", "[-The-] {+Our+}"),
    ],
)
def test_body_shows_what_replaced_a_sentences_first_or_last_words(write, policy, source, original, changed, diff):
    """The words that replaced a sentence's last (or first) words are on the page, after the last word it kept:
    the diff shows them, not a bare deletion ("… to the [-council-]")."""
    paragraphs = [p.replace(original, changed) for p in samples.PARAGRAPHS]
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert finding.metrics["altered"] == 1, finding.message
    assert diff in finding.passages["altered"][0]["diff"]
    assert changed.rstrip(".") in finding.passages["altered"][0]["page"]


def test_a_chinese_sentences_diff_reads_as_chinese_is_written(write, policy):
    """Chinese runs its characters together: each is a word to compare, but the diff shows them as written,
    not one by one with spaces between ("开 工 预 计")."""
    article = ["市议会周二批准了修缮老图书馆的新计划。议员们表示，工程将于下个月开工，预计两年内完成。"] * 2
    article[1] = "这座图书馆的建筑已有一百多年的历史。去年雨季，屋顶开始漏水，导致许多珍贵的古籍受损。"
    source = compliance.read_source(str(write("zh.txt", "\n\n".join(article))))
    changed = [article[0].replace("两年内", "三年内"), article[1]]
    finding = check(write, policy, source, samples.republished(paragraphs=changed))["body"]
    assert finding.metrics["altered"] == 1, finding.message
    assert finding.passages["altered"][0]["diff"] == "… 开工预计 [-两-] {+三+} 年内完成"


@pytest.mark.parametrize(
    ("paragraph", "old", "new", "sentence"),
    [
        (
            "Совет одобрил план в среду вечером после долгих споров. Работы начнутся в мае и продлятся два года.",
            "два года",
            "три года",
            "Работы начнутся в мае и продлятся два года",
        ),
        (
            "Le conseil a approuvé le plan mercredi soir après un long débat. Élise Martin dit que les travaux"
            " dureront deux ans.",
            "deux ans",
            "trois ans",
            "Élise Martin dit que les travaux dureront deux ans",
        ),
        (
            samples.HINDI_PARAGRAPHS[0],
            "दो साल",
            "दो सील",
            "परिषद के सदस्यों ने कहा कि काम अगले महीने शुरू होगा और दो साल में पूरा होगा",
        ),
        (
            "市议会周二批准了修缮老图书馆的新计划。议员们表示，工程将于下个月开工，预计两年内完成。",
            "两年内",
            "三年内",
            "议员们表示，工程将于下个月开工，预计两年内完成",
        ),
    ],
    ids=["Russian", "French", "Hindi", "Chinese"],
)
def test_an_altered_sentence_is_told_apart_from_the_sentence_before_it(write, policy, paragraph, old, new, sentence):
    """A sentence starts after a stop and a capital, or, in scripts without capitals, after their own stop
    (। in Hindi, 。 in Chinese): the altered sentence is the one changed, not its whole paragraph."""
    source = compliance.read_source(str(write("original.txt", "\n\n".join([*samples.PARAGRAPHS, paragraph]))))
    page = samples.republished(paragraphs=[*samples.PARAGRAPHS, paragraph.replace(old, new)])
    finding = check(write, policy, source, page)["body"]
    assert finding.metrics["altered"] == 1, finding.message
    assert finding.passages["altered"][0]["source"] == sentence


def test_body_reports_a_word_changed_in_a_short_sentence_as_an_alteration(write, policy):
    """Five words, one replaced: under an aligned run's length, but the page put a word of its own in it."""
    paragraphs = [*samples.PARAGRAPHS[:2], "This is some rank snobbery.", *samples.PARAGRAPHS[2:]]
    short = compliance.read_source(str(write("short.txt", "\n\n".join(paragraphs))))
    changed = [p.replace("This is some", "This quietly some") for p in paragraphs]
    finding = check(write, policy, short, samples.republished(paragraphs=changed))["body"]
    assert not finding.passed and finding.metrics["altered"] == 1, finding.message
    assert "[-is-] {+quietly+}" in finding.passages["altered"][0]["diff"]
    dropped = [p.replace("This is some rank snobbery.", "Some rank snobbery.") for p in paragraphs]
    assert check(write, policy, short, samples.republished(paragraphs=dropped))["body"].metrics["altered"] == 0


def test_body_reports_an_inserted_paragraph(write, policy, source):
    editorial = (
        "Our editors believe the council should publish every invoice from this project so that readers can judge."
    )
    paragraphs = [*samples.PARAGRAPHS[:3], editorial, *samples.PARAGRAPHS[3:]]
    finding = check(write, policy, source, samples.republished(paragraphs=paragraphs))["body"]
    assert not finding.passed
    assert finding.metrics["added_words"] == 17
    assert finding.passages["added"][0]["text"] == editorial[:-1]


def test_an_unrelated_article_scores_near_zero(write, policy):
    other = compliance.read_source(str(write("other.txt", UNRELATED)))
    finding = check(write, policy, other, samples.republished())["body"]
    assert not finding.passed
    assert finding.metrics["coverage"] < 0.05


def test_body_without_a_source_is_not_checked_and_says_so(write, policy):
    finding = check(write, policy, None, samples.republished())["body"]
    assert not finding.passed
    assert (
        finding.message
        == "Not checked: no source article (none given, and the page declares none); give --source FILE or URL"
    )


def test_body_against_the_real_source_page_finds_the_article(write, policy):
    source = compliance.read_source(str(write("original.html", samples.source_page())))
    assert [b.text for b in source.blocks] == samples.PARAGRAPHS
    findings = check(write, policy, source, samples.republished())
    assert findings["body"].passed, findings["body"].message


LONG_TITLE = "Riverton library reopens after a two-year renovation with a reading garden and longer evening hours"


def test_body_does_not_start_the_article_at_a_credit_and_headline_the_source_page_has_side_by_side(write, policy):
    """The source page shows its name just before its headline; the page credits that name at the top, above
    the same headline, then a line of its own furniture. One run of words crosses the credit into the
    headline: only the credit's few words lie outside the heading, and they are not the article, so the page's
    meta lines between the headline and the first paragraph are not words added inside it."""
    masthead = f'<div class="page"><div class="masthead">{samples.PUBLISHER}</div><article class="story">'
    original = samples.source_page().replace('<div class="page"><article class="story">', masthead)
    original = original.replace(f"<h1>{samples.TITLE}</h1>", f"<h1>{LONG_TITLE}</h1>")
    source = compliance.read_source(str(write("original.html", original)))
    top = (
        f"<p>Source: {samples.PUBLISHER}</p><h1>{LONG_TITLE}</h1><p>Updated 3 hours ago · 6 min read</p>"
        "<p>Listen to this story: 4 minutes</p>"
    )
    page = samples.republished().replace(f"<h1>{samples.TITLE}</h1>", top)
    finding = check(write, policy, source, page)["body"]
    assert finding.passed, finding.message
    inserted = f"<p>{LONG_TITLE}</p>"  # the same words as a paragraph of the page's own, not a headline
    finding = check(write, policy, source, page.replace(f"<h1>{LONG_TITLE}</h1>", inserted))["body"]
    assert finding.passed, finding.message
    share_box = f'<div class="page"><div hidden>Share: {samples.PUBLISHER} {LONG_TITLE}</div><article class="story">'
    hidden = compliance.read_source(str(write("hidden.html", original.replace(masthead, share_box))))
    finding = check(write, policy, hidden, page)["body"]  # the run crosses from the credit into the text it hides
    assert finding.passed, finding.message


def test_body_finds_a_paragraph_inserted_in_one_block_of_lines_with_the_credit_and_notice(write, policy):
    """A page of `<br>`-parted lines holds a short article, its credit, copyright line and notice in one block,
    mostly not the article's words: the credit's link vouches for its own line, not for the whole block, so
    an editorial paragraph inserted among the article's lines is still words added to it."""
    short = [f"{samples.PARAGRAPHS[0]} The {samples.PUBLISHER} asked to see the plans.", samples.PARAGRAPHS[1]]
    source = compliance.read_source(str(write("original.txt", "\n\n".join(short))))
    lines = [*short, samples.CREDIT[3:-4], samples.COPYRIGHT[3:-4], samples.NOTICE]
    page = samples.republished(paragraphs=[], credit="", copyright_line="", notice="")
    body = page.replace('<div class="entry">', '<div class="entry"><div>LINES</div>')
    finding = check(write, policy, source, body.replace("LINES", "<br><br>".join(lines)))
    assert all(f.passed for f in finding.values()), [f.message for f in finding.values() if not f.passed]
    inserted = [short[0], "Our editors add that the council never answered any of our questions about it.", *lines[1:]]
    finding = check(write, policy, source, body.replace("LINES", "<br><br>".join(inserted)))["body"]
    assert not finding.passed
    assert finding.passages["added"][0]["text"].startswith("Our editors add")
    appended = [
        f"{short[0]} Our editors add that the council never answered any of our many questions about it.",
        *lines[1:],
    ]
    finding = check(write, policy, source, body.replace("LINES", "<br><br>".join(appended)))["body"]
    assert not finding.passed  # a line of the article naming the source is not the credit's


def test_body_counts_no_list_number_opening_a_line_as_added(write, policy):
    """A page whose article is one block of lines parted by `<br><br>` numbers its list at the start of a line,
    where the source numbers it at the start of a paragraph (no word of the text there): a number opening a
    line is the list's, not a word the page added."""
    numbered = [f"{n}. {heading}" for n, heading in enumerate(["Stacks open again", "A reading garden"], start=1)]
    paragraphs = [samples.PARAGRAPHS[0], numbered[0], *samples.PARAGRAPHS[1:3], numbered[1], *samples.PARAGRAPHS[3:]]
    source = compliance.read_source(str(write("original.txt", "\n\n".join(paragraphs))))
    lines = "<br><br>\n".join(paragraphs)
    page = samples.republished(paragraphs=[]).replace('<div class="entry">', f'<div class="entry"><div>{lines}</div>')
    finding = check(write, policy, source, page)["body"]
    assert finding.passed, finding.message
    assert finding.metrics["added_words"] == 0
    note = "Our editors counted 12. Then they left."  # a number inside a line is a word of the line
    finding = check(write, policy, source, page.replace(numbered[1], f"{note}<br><br>{numbered[1]}"))["body"]
    assert finding.metrics["added_words"] == 7


def test_source_metadata_fills_variables(write, policy):
    source = compliance.read_source(str(write("original.html", samples.source_page())))
    findings = check(write, policy, source, samples.republished(), variables={})
    assert all(f.passed for f in findings.values()), [f.message for f in findings.values() if not f.passed]


def test_alignment_stays_fast_on_a_long_article():
    long_text = "\n\n".join(f"{p} Section {i}." for i in range(400) for p in samples.PARAGRAPHS[:1])
    doc = Document.from_blocks("long", "text", [(long_text, 1, "")])
    page = parse_markdown(long_text, "page.md")
    from compliance.alignment.context import Alignment

    alignment = Alignment.between(doc, page)
    assert alignment.coverage == 1.0


UNRELATED = """Farmers across the northern plains began the wheat harvest two weeks early this year after an unusually
warm spring, according to the regional agriculture board. Yields are expected to be slightly above the
ten-year average, although a shortage of seasonal workers has left some farms struggling to bring the crop in.

The board said prices at the grain elevators had fallen since June, when a wet forecast pushed futures higher.
Several cooperatives have asked the state for help with storage costs, arguing that a second year of low prices
would put smaller family farms at risk.

At a meeting in the county hall, growers also discussed a new program that pays for soil testing and cover crops.
Officials said more than three hundred farms had signed up in its first month, far more than expected."""


def test_a_credit_and_copyright_appended_to_the_last_paragraph_count(write, policy, source):
    last = (
        samples.PARAGRAPHS[-1]
        + f" This article was originally published by {samples.PUBLISHER}. © {samples.YEAR} {samples.PUBLISHER}."
    )
    page = samples.republished(paragraphs=[*samples.PARAGRAPHS[:-1], last], copyright_line="")
    findings = check(write, policy, source, page)
    assert findings["attribution"].passed and findings["copyright"].passed
    assert findings["body"].passed, findings["body"].message


def test_body_excerpt_terms_leading_paragraphs_and_coverage(write, source):
    excerpt = compliance.load_policy(
        str(
            write(
                "excerpt.yaml",
                """
policy: excerpt
rules:
  body: {check: body, max-paragraphs: 3, max-coverage: 0.7, leading: true, max-altered: 0}
""",
            )
        )
    )
    opening = check(write, excerpt, source, samples.republished(paragraphs=samples.PARAGRAPHS[:3]))["body"]
    assert opening.passed, opening.message
    assert opening.metrics["paragraphs"] == 3
    too_much = check(write, excerpt, source, samples.republished())["body"]
    assert not too_much.passed
    assert "5 paragraphs of the source reproduced (at most 3)" in too_much.message
    assert "100% of the source article is on the page (at most 70%)" in too_much.message
    skipped = check(
        write, excerpt, source, samples.republished(paragraphs=[samples.PARAGRAPHS[0], samples.PARAGRAPHS[2]])
    )["body"]
    assert (
        not skipped.passed and "must run from the start of the article, but paragraph 2 is left out" in skipped.message
    )


def test_an_excerpt_counts_paragraphs_not_the_lines_above_them_nor_its_headline(write):
    """ "The first three paragraphs": the article's dateline above them is no paragraph, and the page's
    headline echoing a sentence the excerpt leaves out ("Riverton library reopens after two-year renovation,
    said the mayor.") is not an edit of that sentence."""
    excerpt = compliance.load_policy(
        str(write("excerpt.yaml", "policy: x\nrules:\n  body: {check: body, max-paragraphs: 3, leading: true}\n"))
    )
    echo = "Riverton library reopens after two-year renovation, said the mayor."
    text = "\n\n".join(["RIVERTON, March 9", *samples.PARAGRAPHS[:4], f"{samples.PARAGRAPHS[4]} {echo}"])
    source = compliance.read_source(str(write("original.txt", text)))
    opening = check(write, excerpt, source, samples.republished(paragraphs=samples.PARAGRAPHS[:3]))["body"]
    assert opening.passed, opening.message
    assert opening.metrics["paragraphs"] == 3 and opening.metrics["altered"] == 0
    later = check(write, excerpt, source, samples.republished(paragraphs=samples.PARAGRAPHS[1:4]))["body"]
    assert not later.passed and "paragraph 1 is left out" in later.message


def test_a_subhead_the_page_sets_as_a_heading_is_reproduced_not_omitted(write, policy):
    subhead = "A garden on the roof for readers"
    text = "\n\n".join([*samples.PARAGRAPHS[:2], subhead, *samples.PARAGRAPHS[2:]])
    source = compliance.read_source(str(write("original.txt", text)))
    paragraphs = [*samples.PARAGRAPHS[:2], "\x00", *samples.PARAGRAPHS[2:]]
    page = samples.republished(paragraphs=paragraphs).replace("<p>\x00</p>", f"<h2>{subhead}</h2>")
    finding = check(write, policy, source, page)["body"]
    assert finding.passed, finding.message
    assert finding.passages["omitted"] == [] and finding.metrics["coverage"] == 1.0


def test_a_source_kept_for_many_pages_holds_one_string_for_each_of_its_words(write):
    """A checker keeps the sources it read last (64): their words are interned, so the sources of a network's
    audit hold one string for each word, not one for each time the word occurs in them."""
    sentence = "Riverton councillors approved the riverside budget on Tuesday. "
    text = write("original.txt", sentence * 40)
    page = write(
        "original.html", f"<html><body><article><p>{sentence * 40}</p><p>{sentence}</p></article></body></html>"
    )
    for source in (compliance.read_source(str(text)), compliance.read_source(str(page))):
        for document in filter(None, (source, source.origin)):
            norms = document.words.norms
            assert len(norms) > 300
            assert len({id(word) for word in norms}) == len(set(norms))

"""Credit lines in the forms editors write: quotations, excerpts, syndication, licences, other languages.

Each form is a line below a quoted passage or an excerpt; it must pass the
attribution rule, and the same page with the line saying something else must
not (the name alone, without a credit, is no credit).
"""

from __future__ import annotations

import re

import pytest

import compliance
from compliance.alignment.statements import names_in
from compliance.engine.declared import declared_source
from compliance.policy.lexicon import Cues, credit_cues
from compliance.reading.textfold import fold
from tests import samples

NAMED = f'<a href="{samples.SOURCE_URL}">Riverton Ledger</a>'
FORMS = {
    # quotations
    "quoted from": f"<p>Quoted from {NAMED}.</p>",
    "as quoted in": f"<p>(As quoted in the {NAMED}, March 2024.)</p>",
    "quote source": f"<p>Quote source: {NAMED}</p>",
    # excerpts
    "continue reading at": f"<p>Continue reading at {NAMED} →</p>",
    "continue reading the full story on": f"<p>Continue reading the full story on {NAMED}.</p>",
    "this is an excerpt from": f"<p>This is an excerpt from a longer article in the {NAMED}.</p>",
    "full article available at": f"<p>The full article is available at {NAMED}.</p>",
    "read the complete story": f"<p>Read the complete story at the {NAMED}.</p>",
    # syndication and licences
    "licensed from": f"<p>Licensed from {NAMED} through Tribune Content Agency.</p>",
    "partnership": f"<p>Published through a content-sharing partnership with the {NAMED}.</p>",
    "co-published": f"<p>This story was co-published with the {NAMED}.</p>",
    "work by": f"<p>This work by the {NAMED} is licensed under CC BY 4.0.</p>",
    "attribution label": f"<p>Attribution: {NAMED}, CC BY-SA 4.0</p>",
    "content-sharing agreement": f"<p>This story is part of a content-sharing agreement with the {NAMED}.</p>",
    "thanks for permission": f"<p>Thanks to the {NAMED} for permission to republish this story.</p>",
    # where the story comes from
    "reporting by": f"<p>Reporting by {NAMED}.</p>",
    "comes to us from": f"<p>This story comes to us from the {NAMED}.</p>",
    "this article comes from": f"<p>This article comes from the {NAMED}.</p>",
    "shared this story with us": f"<p>The {NAMED} shared this story with us.</p>",
    "belongs to": f"<p>This article belongs to the {NAMED}.</p>",
    "copied from": f"<p>Copied from the {NAMED}.</p>",
    "brought to you by": f"<p>Brought to you by the {NAMED}.</p>",
    "credit goes to": f"<p>All credit goes to the {NAMED}.</p>",
    "see the original at": f"<p>See the original at the {NAMED}.</p>",
    "link to the original": f"<p>Link to the original: {NAMED}</p>",
    # a label with a dash or a bar
    "source dash": f"<p>Source – {NAMED}</p>",
    "source bar": f"<p>Source | {NAMED}</p>",
    # a label on a line of its own, the name on the next (a credit box's two lines)
    "label above the name": f"<p>Originally published by<br>{NAMED}</p>",
    "source label above the name": f"<div class='credit'><strong>Source:</strong><br>{NAMED}</div>",
    "partnership label above the name": f"<p>Published in partnership with<br>{NAMED}</p>",
    "via above the name": f"<p>Story via<br>{NAMED}</p>",
    "written for above the name": f"<p>Written for<br>{NAMED}</p>",
    # other languages
    "es": f"<p>Este artículo fue publicado originalmente en {NAMED}.</p>",
    "fr": f"<p>Cet article a d’abord été publié dans {NAMED}.</p>",
    "de": f"<p>Zuerst erschienen bei {NAMED}.</p>",
    "pt": f"<p>Publicado originalmente no {NAMED}.</p>",
    "it": f"<p>Pubblicato originariamente su {NAMED}.</p>",
    "nl": f"<p>Oorspronkelijk gepubliceerd door {NAMED}.</p>",
    "ja": f"<p>出典：{NAMED}</p>",
    "es, via": f"<p>Vía {NAMED}</p>",
    "pt, original story": f"<p>Matéria original de {NAMED}.</p>",
    "nl, appeared first": f"<p>Dit artikel verscheen eerder op {NAMED}.</p>",
    "cs": f"<p>Původně publikováno na {NAMED}.</p>",
    "cs, source": f"<p>Zdroj: {NAMED}</p>",
    "ru": f"<p>Впервые опубликовано в {NAMED}.</p>",
    "ru, source": f"<p>Источник: {NAMED}</p>",
    "ja, published in": f"<p>この記事は{NAMED}に掲載されたものです。</p>",
    "zh, first published in": f"<p>本文原载于《{NAMED}》。</p>",
    "th": f"<p>ที่มา: {NAMED}</p>",
    "th, first published": f"<p>บทความนี้เผยแพร่ครั้งแรกที่ {NAMED}</p>",
    "ko": f"<p>출처: {NAMED}</p>",
    "ko, first published": f"<p>이 기사는 {NAMED}에 처음 게재되었습니다.</p>",
    "hi": f"<p>यह लेख मूल रूप से {NAMED} पर प्रकाशित हुआ था।</p>",
    "hi, with thanks": f"<p>साभार: {NAMED}</p>",
    "ar": f"<p>نُشر هذا المقال أصلاً في {NAMED}.</p>",
    "ar, reported from": f"<p>نقلاً عن {NAMED}</p>",
    "ar, a right-to-left mark before the colon": f"<p>المصدر\u200f: {NAMED}</p>",
    "fa": f"<p>به نقل از {NAMED}</p>",
    "he": f"<p>הכתבה פורסמה לראשונה ב-{NAMED}.</p>",
    "he, source": f"<p>מקור: {NAMED}</p>",
    "tr": f"<p>Bu makale ilk olarak {NAMED} tarafından yayımlandı.</p>",
    "tr, capital": f"<p>İlk kez {NAMED} sitesinde yayımlandı.</p>",
    "id": f"<p>Artikel ini telah tayang di {NAMED}.</p>",
    "pl": f"<p>Artykuł pierwotnie ukazał się w {NAMED}.</p>",
    "uk": f"<p>Вперше опубліковано в {NAMED}.</p>",
    "vi": f"<p>Nguồn: {NAMED}</p>",
    "sv": f"<p>Ursprungligen publicerad av {NAMED}.</p>",
    "da": f"<p>Kilde: {NAMED}</p>",
    "fi": f"<p>Julkaistu alun perin {NAMED}-lehdessä.</p>",
}
POLICY = "policy: credit-only\nrules:\n  attribution: {check: attribution, names: ['{source.publisher}']}\n"


def excerpt_page(credit: str) -> str:
    commentary = "<p>We went to the reopening ourselves and spoke to residents about the new building.</p>"
    quoted = f"<blockquote><p>{samples.PARAGRAPHS[2]}</p></blockquote>"
    return samples.republished(
        paragraphs=samples.PARAGRAPHS[:1], before=commentary + quoted, credit=credit, copyright_line="", notice=""
    )


def attribution(write, page_html: str, policy_text: str = POLICY) -> compliance.Finding:
    source = compliance.read_source(str(write("original.txt", samples.ARTICLE_TEXT)))
    page = compliance.read_document(str(write("page.html", page_html)))
    policy = compliance.load_policy(str(write("policy.yaml", policy_text)))
    (finding,) = compliance.check_page(page, policy, source, samples.VARIABLES).findings
    return finding


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_credit_form_is_a_credit(write, form):
    finding = attribution(write, excerpt_page(FORMS[form]))
    assert finding.passed, finding.message


@pytest.mark.parametrize(
    "not_a_credit",
    [
        f"<p>{NAMED} is a daily newspaper in the valley.</p>",
        f"<p>Subscribe to the {NAMED} for more local news.</p>",
        f"<p>Thanks to our readers for sending us tips about the {NAMED}.</p>",
        f"<p>The {NAMED} is brought to our town by its carriers at dawn.</p>",
        f"<p>Photo: {NAMED}</p>",
        f"<p>Foto: {NAMED}</p>",
        f"<p>Photo source: {NAMED}</p>",
        f"<p>Image courtesy of the {NAMED}.</p>",
        f"<p>फोटो स्रोत: {NAMED}</p>",
        f"<p>사진 출처: {NAMED}</p>",
        f"<p>{NAMED} नगर का सबसे पुराना अख़बार है।</p>",  # "… is the town's oldest paper": no credit
    ],
)
def test_the_name_without_a_credit_is_no_credit(write, not_a_credit):
    assert not attribution(write, excerpt_page(not_a_credit)).passed


@pytest.mark.parametrize(
    ("logo", "copyright_line", "passes"),
    [
        ('<img src="/ledger.png" alt="Riverton Ledger">', "", True),
        ('<img src="/ledger.png" alt="Riverton Ledger">', samples.COPYRIGHT, True),
        ('<img src="/ledger.png" alt="">', "", False),
        ('<img src="/courier.png" alt="The Valley Courier">', "", False),
        ('<img src="/courier.png" alt="The Valley Courier">', samples.COPYRIGHT, False),
    ],
)
def test_a_credit_label_followed_by_a_linked_logo_credits_whom_the_logo_names(write, logo, copyright_line, passes):
    """ "Originally published by [logo]": the logo's `alt` names the publisher to a reader, as its picture does.
    A logo naming another, or nothing, credits no one, and a logo naming another is the label's name: the
    copyright line below is not taken for it."""
    credit = f'<p>Originally published by <a href="{samples.SOURCE_URL}">{logo}</a></p>'
    finding = attribution(write, samples.republished(credit=credit, copyright_line=copyright_line))
    assert finding.passed is passes, finding.message


def test_a_policy_adds_its_own_wording(write):
    house = f"<p>Our thanks to the {NAMED} for this story.</p>"
    assert not attribution(write, excerpt_page(house)).passed
    extended = POLICY.replace("names:", "cues: ['our thanks to'], names:")
    assert attribution(write, excerpt_page(house), extended).passed


def test_a_licence_link_in_the_credit_line_is_not_the_declared_source(write):
    page = compliance.read_document(
        str(
            write(
                "page.html",
                '<p>Republished under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> '
                f"from the {NAMED}.</p>",
            )
        )
    )
    assert declared_source(page).url == samples.SOURCE_URL


def test_a_name_written_into_a_japanese_name_is_another_name():
    """ "Yahoo!ニュース" (Yahoo Japan's news) is one name as Japanese writes it: it credits neither "Yahoo"
    nor fails to credit itself; a Japanese credit line names a Japanese publisher."""
    assert names_in("Originally published at Yahoo!ニュース.", ["Yahoo"]) == []
    assert names_in("出典：Yahoo!ニュース", ["Yahoo!ニュース"]) == ["Yahoo!ニュース"]
    assert names_in("出典：朝日新聞", ["朝日新聞"]) == ["朝日新聞"]
    assert names_in("Originally published at Yahoo! News.", ["Yahoo"]) == ["Yahoo"]


def test_a_name_followed_by_its_particle_is_named():
    """Japanese and Thai write no space around a name, Korean none between a name and its particle
    ("데일리뉴스에": in Daily News), Hebrew none between a preposition and the name after it ("בהארץ": in
    Haaretz); a Korean name inside another word is another name."""
    assert names_in("この記事は朝日新聞に掲載されたものです。", ["朝日新聞"]) == ["朝日新聞"]
    assert names_in("이 기사는 데일리뉴스에 처음 게재되었습니다.", ["데일리뉴스"]) == ["데일리뉴스"]
    assert names_in("บทความนี้เผยแพร่ครั้งแรกที่ข่าวรายวัน", ["ข่าวรายวัน"]) == ["ข่าวรายวัน"]
    assert names_in("이 기사는 코리아데일리뉴스에 처음 게재되었습니다.", ["데일리뉴스"]) == []
    assert names_in("הכתבה פורסמה לראשונה בהארץ", ["הארץ"]) == ["הארץ"]  # Hebrew's "in" joins the name
    assert names_in("הכתבה פורסמה לראשונה בעיתון אחר", ["הארץ"]) == []


def test_a_name_written_with_vowel_signs_is_told_by_them():
    """Hindi writes a name's vowels as marks on its letters: "दैनिक भूस्कर" is not "दैनिक भास्कर" (Dainik
    Bhaskar), though their letters are the same."""
    assert names_in("स्रोत: दैनिक भास्कर", ["दैनिक भास्कर"]) == ["दैनिक भास्कर"]
    assert names_in("स्रोत: दैनिक भूस्कर", ["दैनिक भास्कर"]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Originally published by AP.", "The Associated Press"),
        ("Copyright 2024 AFP", "Agence France-Presse"),
        ("Source: TOI", "The Times of India"),
        ("Originally published in The Wall Street Journal.", "WSJ"),
        ("Originally published in El Pais.", "El País"),
        ("Zuerst erschienen in: Sueddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("Originally published in El País.", "El Pais"),
        ("Quelle: Süddeutsche Zeitung", "Suddeutsche Zeitung"),
        ("Originally published by BBC.", "BBC News"),  # a site's name for its news section
        ("Source: The Associated Press", "AP News"),
        ("Originally published in the Daily Mail.", "Daily Mail Online"),
    ],
)
def test_a_name_is_read_by_its_initials_and_without_its_accents(text, name):
    """Credits shorten a publisher's name to its initials, and English text writes a foreign name without its
    accents or with its umlauts written out: each still names the publisher."""
    assert names_in(text, [name]) == [name]


def test_a_page_crediting_the_publisher_by_its_initials_passes_attribution_and_copyright(tmp_path):
    """The policy names "The Associated Press" (as its metadata does); the page's credit and copyright line
    say "AP": both rules pass, and the same lines naming "UPI" fail both."""
    source = tmp_path / "original.txt"
    source.write_text(samples.ARTICLE_TEXT)
    variables = {**samples.VARIABLES, "source.publisher": "The Associated Press"}
    for initials, passes in (("AP", True), ("UPI", False)):
        page = tmp_path / f"{initials}.html"
        credit = f'<p>Originally published by <a href="{samples.SOURCE_URL}">{initials}</a>.</p>'
        page.write_text(samples.republished(credit=credit, copyright_line=f"<p>Copyright © {initials} 2024</p>"))
        result = compliance.check_page(
            compliance.read_document(str(page)),
            compliance.load_policy("fair-use-notice"),
            compliance.read_source(str(source)),
            variables,
        )
        verdicts = {finding.rule: finding.passed for finding in result.findings}
        assert (verdicts["attribution"], verdicts["copyright"]) == (passes, passes), initials


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Originally published by ap.", "The Associated Press"),  # a word in lower case is no initial's
        ("Originally published by AP.", "Riverton"),  # one word has no initials to go by
        ("Originally published by The Washington Times.", "WP"),
        ("Originally published by WT.", "The Washington Post"),
        ("Originally published in El Paso.", "El País"),
        ("Originally published by Fox.", "Fox News"),  # one word left could be anyone's
        ("Originally published by NBC.", "CBS News"),
    ],
)
def test_other_initials_and_other_names_name_no_one(text, name):
    assert names_in(text, [name]) == []


def test_the_lexicons_pre_check_never_hides_or_moves_a_match():
    """Every cue needs a word the pre-check looks for: lines with a credit are found where the lexicon's
    union finds them, though each is searched only for the cues its words allow (a line with several
    cue words, a cue matching before another's word, a cue of another language), and a cue with no word
    to look for turns the pre-check off rather than hide its matches."""
    cues = Cues(credit_cues())
    assert cues.cues_needing is not None
    lines = [form for form in FORMS.values()] + [
        "h/t the riverton ledger",
        "出典：朝日新聞",
        "a plain line of prose",
        "this story first appeared in the ledger, and is reprinted from there with permission of its editors",
        "photos from the archive. originally published by the riverton ledger",
        "quelle: die zeit. this article is from the ledger",
        "original source: the riverton ledger",  # two cues match here, the lexicon's order tells which
    ]
    for line in lines:
        folded = fold(re.sub("<[^>]+>", "", line))
        expected = cues.pattern.search(folded)
        found = cues.search(folded)
        assert (found and found.span()) == (expected and expected.span()), line
    assert Cues(["published by", r"\d+ \w+"]).cues_needing is None
    assert Cues(["published by", r"\d+ \w+"]).search("page 2 of 3")

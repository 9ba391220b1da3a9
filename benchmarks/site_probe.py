#!/usr/bin/env python3
"""How the checks hold up on republishing sites and credit wordings the corpora do not have.

    python benchmarks/site_probe.py [--text] [CORPUS ...]   # default ../shared/corpus ../shared/corpus-wild

The corpora republish their articles on four kinds of site with four credit
wordings; acceptance is decided on other sites and other wordings. For each
source of the corpora, this republishes its labelled article on five more
layouts (a Ghost-like blog, a public-media CMS, a static site, an old table
layout parting paragraphs by `<br>`, a news aggregator crediting the source
above the headline), each with a credit wording and a copyright line drawn from
lists the corpora do not use, and checks each page against the source page
(with --text, against the labelled text) under the corpus's own policy:

- compliant: as is; with the page's furniture between paragraphs (a related
  link, a captioned photo, a newsletter box); with the credit's label and the
  linked name on two lines; with the link on "original article";
- each breaking one rule: no credit, the credit unlinked, hidden by the page's
  stylesheet, in an HTML comment (a bare "original article" link kept), naming
  another publisher, linked to `#`, to the publisher's home page or to another
  of its articles; the copyright line missing, its year wrong, naming the
  republishing site; the notice missing, cut at half, altered; the article cut
  at half its words, the longest middle paragraph left out (when over 8% of the
  words), an editorial paragraph inserted, and that paragraph among the
  furniture.

Prints, for each variant, how many pages were judged as made, and each page
judged otherwise with the rules that went wrong.
"""

from __future__ import annotations

import html
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import chosen, print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)

import compliance  # noqa: E402
from compliance.reading.document import Document  # noqa: E402

CREDITS = (
    "This story first appeared in {name}.",
    "Republished with permission from {name}.",
    "This article is republished from {name}.",
    "Originally appeared on {name}.",
    "Courtesy of {name}.",
    "Story via {name}.",
    "Credit: {name}",
    "This piece was first published by {name}.",
    "Used with permission from {name}.",
    "The original version of this story ran on {name}.",
    "Published in partnership with {name}.",
    "This post originally ran at {name}.",
    "Distributed by {name}.",
)
COPYRIGHTS = (
    "© {name} {year}. All rights reserved.",
    "Copyright {year} {name}. All Rights Reserved.",
    "(C) {year} {name}",
    "Copyright © {year} {name}",
    "© Copyright {name} {year}",
    "Copyright {year}, {name}",
)
ALTERED = ("has not always been specifically authorized", "has been fully licensed")
FURNITURE = (
    '<p class="related-link"><strong>Related:</strong> <a href="/2024/01/budget/">City council approves new budget'
    " after weeks of debate</a></p>",
    '<figure><img src="/a.jpg" alt=""><figcaption>The new reading room, seen from the balcony. (Photo: Jane Doe /'
    " Staff)</figcaption></figure>",
    '<aside class="inline-promo"><p>Get the morning briefing in your inbox. <a href="/newsletter/">Sign up here</a>.'
    "</p></aside>",
)
EDITORIAL = (
    "Our editors add that the council never answered our questions about any of this, and that the figures quoted"
    " here could not be checked against the minutes before we went to press."
)
HIDING_SHEET = (
    "<style>.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}</style>"
)
OTHER_PUBLISHER = "The Valley Courier"
ANOTHER_ARTICLE = "/2019/11/another-story-entirely/"
SITE_NAMES = {  # each layout's own name, for a copyright line naming the republishing site
    "blog": "Riverside Notes",
    "public media": "Valley Public Media",
    "static site": "Field Notes",
    "table and <br>": "Old Town Gazette",
    "aggregator": "NewsHub Media Group",
}
FURNITURE_MARK = "\x00"  # a paragraph's text, then markup of the page's own after it


def ghost(title: str, body: str, credit: str, notice: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>{title} | Riverside Notes</title></head><body>
<header class="site-header"><a class="site-logo" href="/">Riverside Notes</a><nav><a href="/">Home</a>
<a href="/tag/news/">News</a> <a href="/signup/">Sign up</a></nav></header>
<main><article class="article post"><header class="article-header"><h1 class="article-title">{title}</h1>
<div class="article-byline"><span>By Staff</span> <time>Feb 1, 2024</time> <span>4 min read</span></div>
<figure class="article-image"><img src="/cover.jpg" alt=""><figcaption>Photo: Getty Images</figcaption></figure>
</header><section class="gh-content">{body}<p><em>{credit}</em></p>{notice}</section>
<footer class="article-footer"><div class="tags">Tags: <a href="/tag/news/">News</a></div>
<div class="share">Share this post: <a href="/s/t">Twitter</a> <a href="/s/e">Email</a></div></footer></article>
<section class="subscribe-box"><h3>Subscribe to Riverside Notes</h3><p>Don't miss out on the latest issues. Sign up
now to get access to the library of members-only issues.</p></section></main>
<footer class="site-footer"><p>Riverside Notes © 2024 · Published with Ghost</p></footer></body></html>"""


def public_media(title: str, body: str, credit: str, notice: str) -> str:
    return f"""<html><head><title>{title}</title></head><body><div id="page">
<div class="region region-header"><a href="/">Valley Public Media</a><ul class="menu"><li><a href="/news">News</a></li>
<li><a href="/donate">Donate</a></li></ul></div>
<div class="region region-highlighted"><div class="alert">Support local journalism. Donate today.</div></div>
<div class="node node--type-article"><h1 class="page-title"><span>{title}</span></h1>
<div class="field field--name-field-byline">{credit}</div><div class="field field--name-body">{body}</div>
<div class="field field--name-field-disclaimer">{notice}</div>
<div class="field field--name-field-tags"><div class="field__label">Topics</div><a href="/t/1">Economy</a></div></div>
<div class="view-related"><h2>More Stories</h2><div class="views-row"><a href="/n/1">School board delays vote on new
calendar</a></div></div><footer class="region region-footer"><p>© 2024 Valley Public Media</p></footer></div>
</body></html>"""


def static_site(title: str, body: str, credit: str, notice: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} - Field Notes</title></head>
<body><header><a href="/">Field Notes</a> | <a href="/posts/">Posts</a></header><main><h1>{title}</h1>
<p class="meta">2024-03-09 · 5 minute read</p><blockquote><p>{credit}</p></blockquote>{body}
<footer>{notice}</footer><nav class="pagination"><a href="/posts/prev/">← Previous post</a></nav></main>
</body></html>"""


def table_layout(title: str, body: str, credit: str, notice: str) -> str:
    return f"""<html><head><title>{title}</title></head><body><table width="100%"><tr><td class="nav">
<a href="/">Home</a><br><a href="/archive">Archive</a></td><td class="main"><font size="4"><b>{title}</b></font><br><br>
<div class="story">{body}<br><br>{credit}<br>{notice}</div></td></tr></table>
<center><font size="1">Powered by PHP-Nuke</font></center></body></html>"""


def aggregator(title: str, body: str, credit: str, notice: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>{title} | NewsHub</title></head><body>
<div class="topbar"><a href="/">NewsHub</a> <a href="/login">Log in</a></div><div class="container"><div class="col-8">
<div class="source-label">{credit}</div><h1>{title}</h1><div class="story-meta">Updated 3 hours ago · 6 min read</div>
<div class="story-body">{body}</div><footer class="story-footer">{notice}</footer>
<div class="trending"><h4>Trending now</h4><ol><li><a href="/t1">Markets rally as inflation cools</a></li></ol></div>
</div><div class="col-4"><h4>Newsletter</h4><p>The morning briefing, delivered daily.</p></div></div>
<footer class="site">© 2024 NewsHub Media Group</footer></body></html>"""


LAYOUTS = {
    "blog": ghost,
    "public media": public_media,
    "static site": static_site,
    "table and <br>": table_layout,
    "aggregator": aggregator,
}


def paragraphs_html(paragraphs: list[str], layout: str) -> str:
    """The article's markup in a layout: paragraphs, or lines parted by `<br>` in the table layout."""
    parts = []
    for paragraph in paragraphs:
        text, _, furniture = paragraph.partition(FURNITURE_MARK)
        parts.append(html.escape(text) if layout == "table and <br>" else f"<p>{html.escape(text)}</p>")
        parts[-1] += furniture
    return ("<br><br>\n" if layout == "table and <br>" else "\n").join(parts)


def credit_html(wording: str, name: str, url: str, linked: bool = True, two_lines: bool = False) -> str:
    """The credit line's markup: its wording with the name, linked to the article or not; with `two_lines`,
    the label and the name parted by `<br>`, as a credit box sets them."""
    named = f'<a href="{html.escape(url)}">{html.escape(name)}</a>' if linked else html.escape(name)
    before, _, after = wording.partition("{name}")
    if two_lines and before.endswith(" "):
        return f"{html.escape(before.rstrip())}<br>{named}{html.escape(after)}"
    return f"{html.escape(before)}{named}{html.escape(after)}"


class Variant(NamedTuple):
    paragraphs: list[str]
    credit: str  # markup
    copyright_line: str  # markup
    notice: str  # the policy's notice as the page gives it
    failing: tuple[str, ...]  # the rules that must fail


def variants(paragraphs: list[str], credit: dict, lines: dict, notice: str) -> dict[str, Variant]:
    """Each way a page is made, compliant or breaking rules: `credit` and `lines` (copyright lines) give
    the markup of each of their forms by name."""
    furnished = [p + FURNITURE_MARK + FURNITURE[i // 2 - 1] if i in (2, 4, 6) else p for i, p in enumerate(paragraphs)]
    middle = len(paragraphs) // 2
    inserted = [*paragraphs[:middle], EDITORIAL, *paragraphs[middle:]]
    right = lines["right"]
    cut_notice = " ".join(notice.split()[: len(notice.split()) // 2])
    made = {
        "compliant": Variant(paragraphs, credit["linked"], right, notice, ()),
        "compliant, furniture between paragraphs": Variant(furnished, credit["linked"], right, notice, ()),
        "compliant, label and name on two lines": Variant(paragraphs, credit["two lines"], right, notice, ()),
        "compliant, link on 'original article'": Variant(paragraphs, credit["original article"], right, notice, ()),
        "no credit": Variant(paragraphs, "", right, notice, ("attribution", "source-link")),
        "credit unlinked": Variant(paragraphs, credit["unlinked"], right, notice, ("source-link",)),
        "credit hidden by the stylesheet": Variant(
            paragraphs, credit["hidden"], right, notice, ("attribution", "source-link")
        ),
        "credit in a comment": Variant(paragraphs, credit["in a comment"], right, notice, ("attribution",)),
        "credit naming another publisher": Variant(paragraphs, credit["other name"], right, notice, ("attribution",)),
        "credit linked to '#'": Variant(paragraphs, credit["to #"], right, notice, ("source-link",)),
        "credit linked to the home page": Variant(paragraphs, credit["to home"], right, notice, ("source-link",)),
        "credit linked to another article": Variant(paragraphs, credit["to another"], right, notice, ("source-link",)),
        "copyright line missing": Variant(paragraphs, credit["linked"], "", notice, ("copyright",)),
        "copyright year wrong": Variant(paragraphs, credit["linked"], lines["wrong year"], notice, ("copyright",)),
        "copyright naming the site": Variant(paragraphs, credit["linked"], lines["the site"], notice, ("copyright",)),
        "notice missing": Variant(paragraphs, credit["linked"], right, "", ("disclaimer",)),
        "notice cut at half": Variant(paragraphs, credit["linked"], right, cut_notice, ("disclaimer",)),
        "notice altered": Variant(paragraphs, credit["linked"], right, notice.replace(*ALTERED), ("disclaimer",)),
    }
    if len(paragraphs) >= 3:  # inserted before the article's first paragraph, it is the site's own note
        made["editorial paragraph inserted"] = Variant(inserted, credit["linked"], right, notice, ("body",))
        among = [*furnished[:middle], EDITORIAL, *furnished[middle:]]
        made["inserted among furniture"] = Variant(among, credit["linked"], right, notice, ("body",))
    words = sum(len(p.split()) for p in paragraphs)
    half, budget = [], words // 2
    for paragraph in paragraphs:  # cut at half its words, mid-paragraph if need be
        if budget > 0:
            half.append(" ".join(paragraph.split()[:budget]))
            budget -= len(paragraph.split())
    made["cut at half its words"] = Variant(half, credit["linked"], right, notice, ("body",))
    inner = [(len(p.split()), i) for i, p in enumerate(paragraphs) if 0 < i < len(paragraphs) - 1]
    if inner and max(inner)[0] > 0.08 * words:
        left_out = max(inner)[1]
        kept = paragraphs[:left_out] + paragraphs[left_out + 1 :]
        made["longest middle paragraph left out"] = Variant(kept, credit["linked"], right, notice, ("body",))
    return made


def cases(corpora: list[Path]) -> list[tuple[Path, Path, dict, Path]]:
    """(corpus, labelled text, variables, real source page) for each source of the corpora, once."""
    found: dict[Path, tuple] = {}
    for corpus in corpora:
        for line in (corpus / "cases.jsonl").read_text().splitlines():
            case = json.loads(line)
            text = corpus / case["source_text"]
            if case["kind"] == "syndication" and case.get("source_html") and text not in found:
                found[text] = (corpus, text, case["vars"], corpus / case["source_html"])
    return list(found.values())


class Setting(NamedTuple):
    """What a source's pages are checked with: the corpus's syndication policy and its notice, the source as
    read (its real page, or its labelled text), and its labelled article's paragraphs."""

    policy: compliance.Policy
    notice: str
    source: Document
    paragraphs: list[str]


def setting(corpus: Path, text: Path, source_page: Path, labelled: bool) -> Setting:
    policy_path = corpus / "policies" / "bench-syndication.yaml"
    return Setting(
        compliance.load_policy(str(policy_path)),
        yaml.safe_load(policy_path.read_text())["rules"]["disclaimer"]["text"],
        compliance.read_source(str(text if labelled else source_page)),
        [p for p in text.read_text().split("\n") if p.strip()],
    )


def main() -> int:
    labelled = "--text" in sys.argv
    corpora = chosen(sys.argv[1:])
    choose = random.Random(11)
    judged, wrong = Counter(), []
    with tempfile.TemporaryDirectory() as tmp:
        for corpus, text, variables, source_page in cases(corpora):
            policy, notice, source, paragraphs = setting(corpus, text, source_page, labelled)
            name, url, year = variables["source.publisher"], variables["source.url"], variables["source.year"]
            address = urlsplit(url)
            for layout, render in LAYOUTS.items():
                wording, copyright_wording = choose.choice(CREDITS), choose.choice(COPYRIGHTS)
                credit = {
                    "linked": credit_html(wording, name, url),
                    "unlinked": credit_html(wording, name, url, linked=False),
                    "two lines": credit_html(wording, name, url, two_lines=True),
                    "original article": f'Read the <a href="{html.escape(url)}">original article</a> at'
                    f" {html.escape(name)}.",
                    "hidden": f"{HIDING_SHEET}<span class='visually-hidden'>{credit_html(wording, name, url)}</span>",
                    "other name": credit_html(wording, OTHER_PUBLISHER, url),
                    "in a comment": f'<!-- {credit_html(wording, name, url)} --><a href="{html.escape(url)}">'
                    "Read the original article</a>",
                    "to #": credit_html(wording, name, "#"),
                    "to home": credit_html(wording, name, f"{address.scheme}://{address.netloc}/"),
                    "to another": credit_html(wording, name, f"{address.scheme}://{address.netloc}{ANOTHER_ARTICLE}"),
                }
                lines = {
                    "right": html.escape(copyright_wording.format(name=name, year=year)),
                    "wrong year": html.escape(copyright_wording.format(name=name, year=int(year) - 3)),
                    "the site": html.escape(copyright_wording.format(name=SITE_NAMES[layout], year=year)),
                }
                for variant, made in variants(paragraphs, credit, lines, notice).items():
                    closing = [f"<p>{line}</p>" for line in (made.copyright_line, html.escape(made.notice)) if line]
                    if layout == "table and <br>":
                        closing = [line[3:-4] + "<br><br>" for line in closing]
                    page = Path(tmp) / "page.html"
                    page.write_text(
                        render(
                            html.escape(variables["source.title"]),
                            paragraphs_html(made.paragraphs, layout),
                            made.credit,
                            "".join(closing),
                        )
                    )
                    result = compliance.check_page(compliance.read_document(str(page)), policy, source, variables)
                    off = sorted(f.rule for f in result.findings if f.passed == (f.rule in made.failing))
                    judged[(variant, not off)] += 1
                    if off:
                        wrong.append(f"  {text.stem}, {layout}, {variant}: {', '.join(off)} judged otherwise")
    against = "labelled article texts" if labelled else "real source pages"
    print(f"{len(cases(corpora))} sources, five layouts each, checked against their {against}:")
    print_judged(judged, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())

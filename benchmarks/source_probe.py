#!/usr/bin/env python3
"""How finding the article holds up on source pages laid out as the corpora's sites do not lay them out.

    python benchmarks/source_probe.py [CORPUS ...]   # default ../shared/corpus ../shared/corpus-wild

With a real source page, the checker finds the article in it (alignment/article.py)
from what the republished page shares with it; acceptance is decided on other
sites, whose pages put other things around and inside their articles. For each
real source page of the corpora, this rewrites the page the way other sites are
built (the article's paragraphs, found by its labelled text, stay as they are):

- inside the article: a pull quote repeating one of its sentences, a related link,
  a newsletter box, a captioned photo, three ad slots, a standfirst and a byline
  with a share bar before the first paragraph, the paragraphs split between two
  containers with a promotion between them, the paragraphs as lines of one
  element parted by `<br><br>` (an old CMS);
- after it: eight reader comments, an author's biography, five related stories
  with their summaries, the next story loaded below (infinite scroll);
- and as it was, written out again (the control).

The words added are prose from the other sources, as real teasers and comments
are. Each page of the corpus made from that source that the body check judges
(compliant as made, with typography changed, with inline noise; the body
altered, inserted into, omitted from, truncated; an unrelated article) is then
checked against the rewritten page under its case's policy, and every rule must
come out as the case expects. Prints, for each rewrite, how many checks did, and
each that did not.
"""

from __future__ import annotations

import html
import json
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import chosen, print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)

import compliance  # noqa: E402
from compliance.reading import decode  # noqa: E402

DEFECTS = (  # the cases of a source whose body verdict depends on finding its article
    "ok-basic",
    "ok-typography",
    "ok-inline-noise",
    "body-altered",
    "body-inserted",
    "body-omitted",
    "body-truncated",
    "unrelated",
)
MIN_FOUND_WORDS = 8  # a labelled paragraph this long is looked for in the page (short lines repeat: menus, titles)


@dataclass
class Article:
    """The elements holding the labelled paragraphs, in order, and the prose of the other sources."""

    elements: list[lxml.html.HtmlElement]
    starts_at_first: bool  # the first element holds the label's first paragraph (not a line after it)
    others: list[str]

    def prose(self, which: int, words: int) -> str:
        return html.escape(" ".join(self.others[which % len(self.others)].split()[:words]))


def _side_by_side(elements: list[lxml.html.HtmlElement]) -> bool:
    """Whether the elements are the children of one element, one after the other with nothing between them (a
    subhead between two would be moved out of its place by a rewrite that regroups them)."""
    parent = elements[0].getparent()
    children = list(parent) if parent is not None else []
    if any(element.getparent() is not parent for element in elements):
        return False
    first = children.index(elements[0])
    return children[first : first + len(elements)] == elements


def _place_after(element: lxml.html.HtmlElement, markup: str) -> None:
    new = lxml.html.fragment_fromstring(markup)
    new.tail, element.tail = element.tail, None
    element.addnext(new)


def _place_before(element: lxml.html.HtmlElement, markup: str) -> None:
    element.addprevious(lxml.html.fragment_fromstring(markup))


def as_it_was(article: Article) -> bool:
    return True


def pull_quote(article: Article) -> bool:
    if len(article.elements) < 5:
        return False
    sentence = " ".join(article.elements[4].text_content().split()[:16])
    _place_after(article.elements[2], f'<aside class="pullquote"><p>“{html.escape(sentence)}”</p></aside>')
    return True


def related_link(article: Article) -> bool:
    if len(article.elements) < 4:
        return False
    link = f'<a href="/news/another-story">{article.prose(0, 9)}</a>'
    _place_after(article.elements[1], f'<div class="related-inline"><strong>Read more:</strong> {link}</div>')
    return True


def newsletter_box(article: Article) -> bool:
    if len(article.elements) < 5:
        return False
    _place_after(
        article.elements[3],
        '<div class="newsletter-signup"><h4>Sign up for our newsletter</h4><p>Get the best of our journalism'
        ' delivered to your inbox every weekday morning. <a href="/newsletters">Sign up now</a>.</p></div>',
    )
    return True


def captioned_photo(article: Article) -> bool:
    if len(article.elements) < 3:
        return False
    caption = f"{article.prose(1, 24)} (Photo: Jane Doe/Staff)"
    photo = f'<figure><img src="/photo.jpg" alt=""><figcaption>{caption}</figcaption></figure>'
    _place_after(article.elements[0], photo)
    return True


def ad_slots(article: Article) -> bool:
    if len(article.elements) < 6:
        return False
    for index in (1, 3, 5):
        _place_after(article.elements[index], '<div class="ad-slot"><span>Advertisement</span></div>')
    return True


def standfirst(article: Article) -> bool:
    if not article.starts_at_first:
        return False
    _place_before(article.elements[0], f'<p class="dek">{article.prose(2, 22)}</p>')
    return True


def byline_and_share_bar(article: Article) -> bool:
    if not article.starts_at_first:
        return False
    _place_before(
        article.elements[0],
        '<div class="article-meta"><span class="byline">By Jane Doe and John Roe</span> <time>Updated 10:42 AM'
        ' EST, Tue November 19, 2019</time><div class="share-bar"><a href="/s/fb">Facebook</a> <a href="/s/tw">'
        'Twitter</a> <a href="/s/em">Email</a> <a href="#comments">12 comments</a></div></div>',
    )
    return True


def split_in_two(article: Article) -> bool:
    """The article's stretch of elements (subheads and figures between its paragraphs with them) in two sibling
    containers, a promotion between them."""
    elements = article.elements
    parent = elements[0].getparent()
    if len(elements) < 6 or any(element.getparent() is not parent for element in elements):
        return False
    children = list(parent)
    first, middle, last = (children.index(elements[at]) for at in (0, len(elements) // 2, -1))
    for stretch in (children[first:middle], children[middle : last + 1]):
        part = lxml.html.fragment_fromstring('<div class="article-body__part"></div>')
        stretch[0].addprevious(part)
        part.extend(stretch)
    _place_after(part.getprevious(), '<div class="promo"><a href="/subscribe">Subscribe for $1 a week</a></div>')
    return True


def lines_of_one_element(article: Article) -> bool:
    """An old CMS: the paragraphs as lines of one element, parted by `<br><br>`."""
    elements = article.elements
    if len(elements) < 3 or not _side_by_side(elements) or any(e.tag != "p" or e.attrib for e in elements):
        return False
    inner = (lxml.html.tostring(element, encoding="unicode", with_tail=False)[3:-4] for element in elements)
    _place_before(elements[0], f'<div class="storytext">{"<br><br>".join(inner)}</div>')
    for element in elements:
        element.getparent().remove(element)
    return True


def reader_comments(article: Article) -> bool:
    comments = "".join(
        f'<li class="comment"><div class="comment-author">reader{n}</div><p>{article.prose(n, 45)}</p>'
        '<a href="#reply">Reply</a></li>'
        for n in range(8)
    )
    _place_after(article.elements[-1], f'<section class="comments"><h3>8 Comments</h3><ol>{comments}</ol></section>')
    return True


def author_biography(article: Article) -> bool:
    _place_after(
        article.elements[-1],
        '<div class="author-bio"><p>Jane Doe is a staff reporter who covers local government, housing and the'
        " environment. She joined the newsroom in 2015 after a decade at regional papers. Reach her at"
        " jane@example.com.</p></div>",
    )
    return True


def related_stories(article: Article) -> bool:
    items = "".join(
        f'<li><a href="/s/{n}">{article.prose(n, 8)}</a><p>{article.prose(n + 5, 30)}</p></li>' for n in range(5)
    )
    box = f'<section class="related-stories"><h2>Related stories</h2><ul>{items}</ul></section>'
    _place_after(article.elements[-1], box)
    return True


def next_story_below(article: Article) -> bool:
    """Infinite scroll: the next story, its headline and paragraphs, loaded after the article's element."""
    outer = article.elements[-1]
    while outer.getparent() is not None and outer.getparent().tag != "body" and outer.tag not in ("article", "main"):
        outer = outer.getparent()
    if outer.getparent() is None:
        return False
    words = article.others[3 % len(article.others)].split()
    paragraphs = "".join(f"<p>{html.escape(' '.join(words[at : at + 45]))}</p>" for at in range(0, 270, 45))
    headline = article.prose(4, 10)
    _place_after(outer, f'<article class="next-story"><h1>{headline}</h1><p>By Staff</p>{paragraphs}</article>')
    return True


REWRITES: dict[str, Callable[[Article], bool]] = {
    "as it was": as_it_was,
    "pull quote": pull_quote,
    "related link": related_link,
    "newsletter box": newsletter_box,
    "captioned photo": captioned_photo,
    "ad slots": ad_slots,
    "standfirst": standfirst,
    "byline and share bar": byline_and_share_bar,
    "split in two": split_in_two,
    "lines of one element": lines_of_one_element,
    "reader comments": reader_comments,
    "author's biography": author_biography,
    "related stories": related_stories,
    "next story below": next_story_below,
}


def article_in(root: lxml.html.HtmlElement, label: str, others: list[str]) -> Article | None:
    """The elements of the page holding the label's paragraphs: for each in turn, the next element whose text
    is that paragraph's (an article may repeat one; the element is the paragraph's own, not a container whose
    text starts with it)."""
    paragraphs = [" ".join(paragraph.split()) for paragraph in label.split("\n") if paragraph.strip()]
    wanted = [paragraph for paragraph in paragraphs if len(paragraph.split()) >= MIN_FOUND_WORDS]
    candidates = [(" ".join(e.text_content().split()), e) for e in root.iter("p", "div", "li", "blockquote")]
    elements, at = [], 0
    for text in wanted:
        found = next((n for n in range(at, len(candidates)) if _holds_just(candidates[n][0], text)), None)
        if found is not None:
            elements.append(candidates[found][1])
            at = found + 1
    if not elements:
        return None
    return Article(elements, len(paragraphs[0].split()) >= MIN_FOUND_WORDS, others)


def _holds_just(text: str, paragraph: str) -> bool:
    """Whether an element's text is the paragraph's, give or take a little (a label drops a caption's credit)."""
    return text[:80] == paragraph[:80] and len(text) <= 1.2 * len(paragraph)


def sources(corpora: list[Path]) -> dict[Path, tuple[Path, list[dict]]]:
    """Each real source page of the corpora, with its corpus and the cases made from it that DEFECTS names."""
    found: dict[Path, tuple[Path, list[dict]]] = {}
    for corpus in corpora:
        for line in (corpus / "cases.jsonl").read_text().splitlines():
            case = json.loads(line)
            if case["kind"] == "syndication" and case.get("source_html") and case["defect"] in DEFECTS:
                found.setdefault(corpus / case["source_html"], (corpus, []))[1].append(case)
    return found


def main() -> int:
    found = sources(chosen(sys.argv[1:]))
    labels = {page: page.with_suffix(".txt").read_text() for page in found}
    judged, wrong = Counter(), []
    with tempfile.TemporaryDirectory() as tmp:
        rewritten = Path(tmp) / "source.html"
        for source_page, (corpus, cases) in found.items():
            others = [" ".join(text.split()) for page, text in labels.items() if page != source_page]
            random.Random(source_page.name).shuffle(others)
            pages = {case["id"]: compliance.read_document(str(corpus / case["page"])) for case in cases}
            policies = {case["policy"]: compliance.load_policy(str(corpus / case["policy"])) for case in cases}
            for name, rewrite in REWRITES.items():
                root = lxml.html.document_fromstring(decode(source_page.read_bytes(), True))
                article = article_in(root, labels[source_page], others)
                if article is None or not rewrite(article):
                    continue
                rewritten.write_bytes(lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>"))
                source = compliance.read_source(str(rewritten))
                for case in cases:
                    result = compliance.check_page(pages[case["id"]], policies[case["policy"]], source, case["vars"])
                    verdicts = {finding.rule: "pass" if finding.passed else "fail" for finding in result.findings}
                    off = sorted(rule for rule, verdict in case["expect"].items() if verdicts.get(rule) != verdict)
                    judged[(name, not off)] += 1
                    if off:
                        wrong.append(f"  {case['id']}, {name}: {', '.join(off)} judged otherwise")
    print(f"{len(found)} real source pages rewritten, each checked against the corpus's pages made from it:")
    print_judged(judged, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""links-kept: the links inside the source article are still links on the page, to the same targets.

What it does
    Takes the links inside the source article (as the page locates it in the
    source page) whose anchor text the page reproduces, and passes when each
    one is a link on the page to the same article (compared as `link` compares
    URLs: scheme, `www.`, tracking parameters and a trailing slash don't
    matter). A link whose text the page leaves out is not asked for: an
    excerpt keeps the links of what it quotes. A source given as plain text
    has no links, so there is nothing to compare.

Why
    ProPublica, The Texas Tribune and Global Press Journal ask republishers
    to keep the links in their stories: they are the reporting's sources and
    evidence, and a CMS that strips links quietly changes the work.

Example
    check: links-kept
    source:  <p>The <a href="https://city.example/budget.pdf">budget</a> doubled.</p>
    passes:  <p>The <a href="https://city.example/budget.pdf">budget</a> doubled.</p>
    fails:   <p>The budget doubled.</p>

Fix
    Link the anchor text again to its original target (the finding lists each
    one as `<a href="…">text</a>`).
"""

from __future__ import annotations

from ..alignment.context import Alignment, Context
from ..fetch.urls import article_key, is_dead, links_to, opens_a_web_page
from ..findings import Finding
from ..policy import Rule
from ..reading.document import Document, Link
from ..reading.textfold import fold
from .base import finding, quote

ID = "links-kept"
CODE = "CMP012"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS: dict = {}
REQUIRED = ()
DEFAULTS: dict = {}
MAX_LISTED = 5


def check(rule: Rule, context: Context) -> Finding:
    article, alignment = context.article, context.alignment
    if article is None:
        return finding(rule, False, f"Not checked: {context.no_source}", context.variables)
    links = [link for link in article.links if _web_link(link)]
    if not links:
        why = "the source is plain text, with no links" if article.kind == "text" else "it has none"
        return finding(rule, True, f"No links in the source article to keep ({why})", context.variables)
    expected = [link for link in links if alignment is not None and _reproduced(link, article, alignment)]
    on_page: dict[tuple[str, str], list[str]] = {}  # (host, path) -> the page's links there
    for link in context.page.links:
        if not is_dead(link.raw_href) and (key := article_key(link.href)) is not None:
            on_page.setdefault(key[:2], []).append(link.href)
    lost = [link for link in expected if not _kept(link, on_page)]
    if not lost:
        return finding(rule, True, f"Keeps the {len(expected)} link(s) of the article it reproduces", context.variables)
    retargeted = {id(link): _same_text_link(context.page, link) for link in lost}
    listed = "; ".join(_describe(link, retargeted[id(link)]) for link in lost[:MAX_LISTED])
    more = f"; and {len(lost) - MAX_LISTED} more" if len(lost) > MAX_LISTED else ""
    message = f"{len(lost)} of {len(expected)} links in the article as reproduced are not kept: {listed}{more}"
    evidence = {"text": lost[0].text, "href": lost[0].href}
    if (page_link := retargeted[id(lost[0])]) is not None and page_link.line is not None:
        evidence["line"] = page_link.line
    fix = "Link the text again: " + " ".join(f'<a href="{link.href}">{link.text}</a>' for link in lost[:MAX_LISTED])
    return finding(
        rule,
        False,
        message,
        context.variables,
        evidence=evidence,
        fix=fix,
        passages={"links_lost": [{"text": link.text, "href": link.href} for link in lost]},
    )


def _web_link(link: Link) -> bool:
    return bool(link.text.strip()) and opens_a_web_page(link.raw_href, link.href)


def _reproduced(link: Link, article: Document, alignment: Alignment) -> bool:
    """Whether the page reproduces the link's anchor text where the article has it."""
    block = article.blocks[link.block]
    offset = block.text.find(link.text)
    if offset < 0:
        return False
    words = article.words_between(block.start + offset, block.start + offset + len(link.text))
    return bool(words) and -1 not in alignment.source_to_page[words.start : words.stop]


def _kept(link: Link, on_page: dict[tuple[str, str], list[str]]) -> bool:
    """Whether a link of the page opens where `link` does (fetch.urls.links_to: a site's tracking added)."""
    key = article_key(link.href)
    return key is not None and any(links_to(href, link.href) for href in on_page.get(key[:2], ()))


def _same_text_link(page: Document, lost: Link) -> Link | None:
    """A page link with the lost link's text (pointed elsewhere), if there is one."""
    wanted = fold(lost.text)
    return next((link for link in page.links if link.text and fold(link.text) == wanted), None)


def _describe(link: Link, page_link: Link | None) -> str:
    if page_link is None:
        return f"{quote(link.text, 60)} is no longer a link (was {link.href})"
    return f"{quote(link.text, 60)} links to {page_link.href or page_link.raw_href}, not {link.href}"


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    return "Keep the links inside the article as links, to the same targets."

"""link: the page links to the original article.

What it does
    Passes when a visible link (`<a href>`, a Markdown inline or reference
    link) resolves, against the page's base URL, to the same article as
    `href`. Scheme, `www.`, the default port, a trailing slash, a directory's
    `index.html`, an AMP version's `amp` path segment, the fragment and
    parameters the link adds (tracking: `utm_*`, `mod=`, `CMP=`, …) don't
    matter; the path and the parameters of `href`'s own query (`?id=5`) do.
    `#`, `javascript:`, the site's home page or another article do not pass.
    The address printed in a line outside the article ("… at https://…"),
    unlinked, passes too and says so: a URI is what Creative Commons licences
    ask for.

Why
    Syndication terms and Creative Commons licences ask for a link to the
    original article so readers (and search engines) reach the source; a
    link to the home page or a placeholder `#` does not do that.

Example
    href: "{source.url}"
    passes:  <a href="http://example.com/news/story/?utm_source=rss">Example</a>
    fails:   <a href="#">Example</a>

Fix
    Point the credit's link at the original article: `<a href="{source.url}">…</a>`.

Parameters
    `match`: `article` (default, same article), `prefix` (the link starts with
    `href`, compared as URLs), `regex` (the resolved link matches `href`).
    `forbid-rel`: rel values the link must not carry, e.g. `[nofollow]`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from ..alignment.context import Context
from ..alignment.statements import names_in
from ..fetch.urls import article_key, host, is_dead, is_home_page, links_to
from ..findings import Finding
from ..policy import Rule
from ..reading.document import HiddenText, Link
from ..reading.textfold import fold
from .attribution import in_credit_line
from .base import block_evidence, finding, hidden_finding, missing_variables, regex_problem

ID = "link"
CODE = "CMP002"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "href": {"type": "string", "minLength": 1, "description": "The original article's URL; may use {variables}."},
    "match": {"enum": ["article", "prefix", "regex"], "description": "How a link is compared with `href`."},
    "forbid-rel": {
        "type": "array",
        "items": {"type": "string", "pattern": "^[a-z-]+$"},
        "description": "rel values the link must not carry (e.g. nofollow).",
    },
}
CONDITIONS = [  # with `match: regex`, `href` is a regular expression
    {
        "if": {"properties": {"match": {"const": "regex"}}, "required": ["match"]},
        "then": {"properties": {"href": {"format": "regex"}}},
    }
]
REQUIRED = ("href",)
DEFAULTS = {"match": "article", "forbid-rel": []}
PRINTED_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+")
ORIGINAL_WORDS = re.compile(r"\b(?:original|source|full (?:article|story)|read more|continue reading)\b")


def check(rule: Rule, context: Context) -> Finding:
    href, missing = context.value(rule, "href")
    if href is None:
        return _unknown_target(rule, context, missing)
    if rule.params["match"] == "regex" and (problem := regex_problem(href)):
        return finding(rule, False, f"Cannot check: {href!r} with its variables filled {problem}", context.variables)
    matches = [link for link in context.page.links if _matches(link, href, rule.params["match"])]
    forbidden = set(rule.params["forbid-rel"])
    for link in matches:
        if not forbidden & set(link.rel):
            return finding(
                rule,
                True,
                f"Links to the original: {link.href}",
                context.variables,
                evidence=_evidence(link),
                claims=_claims(link, context),
            )
    if matches:
        link = matches[0]
        rel = " ".join(sorted(forbidden & set(link.rel)))
        message = f'The link to the original carries rel="{rel}", which the terms forbid'
        return finding(
            rule,
            False,
            message,
            context.variables,
            evidence=_evidence(link),
            fix=f'<a href="{link.href}">{link.text or href}</a>',
        )
    if printed := _printed_address(context, href, rule.params["match"]):
        index, address = printed
        message = (
            f"Prints the original's address, not linked: {address} (a URI is enough for CC; a link serves readers)"
        )
        block = context.page.blocks[index]
        claims = _lines_holding(context, index, address)
        return finding(rule, True, message, context.variables, evidence=block_evidence(block), claims=claims)
    return _wrong_target(rule, context, href)


def _printed_address(context: Context, href: str, how: str) -> tuple[int, str] | None:
    """The original's address written out in a line outside the article ("… at https://…"), unlinked."""
    for index, block in enumerate(context.page.blocks):
        if index in context.article_blocks or "://" not in block.text:
            continue
        for address in PRINTED_URL.findall(block.text):
            address = address.rstrip(".,;:!?")
            if _matches(Link(address, address, address, None, (), index), href, how):
                return index, address
    return None


def _hidden_link(context: Context, href: str, how: str) -> HiddenText | None:
    """Hidden markup (a comment, a hidden element) holding a link that would have passed."""
    for hidden in context.page.hidden:
        for raw in hidden.hrefs:
            try:
                target = urljoin(context.page.base_url or "", raw)
            except ValueError:  # not a URL at all ("http://[oops")
                continue
            if _matches(Link(target, raw, "", None, (), None), href, how):
                return hidden
    return None


def _matches(link: Link, href: str, how: str) -> bool:
    if how == "regex":
        return re.search(href, link.href) is not None
    if how == "prefix":
        key, want = article_key(link.href), article_key(href)
        return bool(key and want and key[0] == want[0] and (key[1] + "/").startswith(want[1].rstrip("/") + "/"))
    return links_to(link.href, href)


def _wrong_target(rule: Rule, context: Context, href: str) -> Finding:
    candidate = _likely_original_link(context, href)
    fix = f'<a href="{href}">{(candidate.text if candidate else "") or _label(context)}</a>'
    if hidden := _hidden_link(context, href, rule.params["match"]):
        return hidden_finding(rule, context, "The link to the original", hidden, fix)
    if candidate is None:
        return finding(rule, False, f"No link to the original article {href}", context.variables, fix=fix)
    if is_dead(candidate.raw_href):
        message = f'The link to the original points to "{candidate.raw_href}", not to {href}'
    elif host(candidate.href) == host(href) and is_home_page(candidate.href):
        message = f"The link to the original points to the home page {candidate.href}, not to the article {href}"
    elif host(candidate.href) == host(href):
        message = f"The link to the original points to another page ({candidate.href}), not to {href}"
    else:
        message = f"The link to the original points to {candidate.href}, not to {href}"
    return finding(rule, False, message, context.variables, evidence=_evidence(candidate), fix=fix)


def _unknown_target(rule: Rule, context: Context, missing: list[str]) -> Finding:
    """Without the article's URL the rule cannot pass, but a dead credit link is still news."""
    candidate = _likely_original_link(context, None)
    if candidate is not None and is_dead(candidate.raw_href):
        message = f'The link to the original points to "{candidate.raw_href}" ({missing_variables(missing)})'
        return finding(
            rule,
            False,
            message,
            context.variables,
            evidence=_evidence(candidate),
            fix=f'<a href="{{source.url}}">{candidate.text}</a>',
        )
    return finding(rule, False, f"Cannot check the link: {missing_variables(missing)}", context.variables)


def _likely_original_link(context: Context, href: str | None) -> Link | None:
    """The link a reader would take for the link to the original, best evidence first."""
    names = [v for k, v in context.variables.items() if k in ("source.publisher", "source.author", "source.title")]
    target_host = host(href) if href else None
    page = context.page

    def rank(link: Link) -> int:
        if link.block is not None and link.block not in context.article_blocks and in_credit_line(page, link):
            return 0
        if names and names_in(link.text, names):
            return 1
        if target_host and host(link.href) == target_host:
            return 2
        if ORIGINAL_WORDS.search(fold(link.text)):
            return 3
        return 9

    ranked = sorted((rank(link), index) for index, link in enumerate(page.links))
    return page.links[ranked[0][1]] if ranked and ranked[0][0] < 9 else None


def _label(context: Context) -> str:
    return context.variables.get("source.publisher") or context.variables.get("source.title") or "the original article"


def _evidence(link: Link) -> dict:
    evidence: dict = {"text": link.text, "href": link.raw_href}
    if link.line is not None:
        evidence["line"] = link.line
    if link.path:
        evidence["path"] = link.path
    return evidence


def _claims(link: Link, context: Context) -> list[range]:
    if link.block is None or link.block in context.article_blocks:
        return []
    return _lines_holding(context, link.block, link.text)


def _lines_holding(context: Context, index: int, text: str) -> list[range]:
    """The words of the lines of block `index` that hold `text` and are not the article's: a credit's link
    vouches for its own line, and a page may part its article, credit and notice by `<br>` in one block."""
    page = context.page
    if not text or "\n" not in page.blocks[index].text:
        return [page.block_words(index)]
    return [
        page.words_between(start, end)
        for start, end in page.line_spans(index)
        if text in page.text[start:end] and not context.is_article_text(start, end)
    ]


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    how = {"article": "to the same article as", "prefix": "to an address under", "regex": "matching"}[params["match"]]
    rel = f", without rel={'/'.join(params['forbid-rel'])}" if params.get("forbid-rel") else ""
    return f"Link {how} {params['href']}{rel}."

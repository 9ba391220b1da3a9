"""Where a page says it came from, when the user gives no `--source`.

Best evidence first: `<meta name="original-source">` / `syndication-source`,
JSON-LD `isBasedOn` / `sourceOrganization` with a URL, a `<link rel=canonical>`
pointing to another site, and last the link inside the credit statement
("Originally published by <a href=…>"). With no source to read at all, the
page's own credit and copyright lines still name the original
(`credited_source`): "The original source of this article is Zero Hedge",
"Copyright © Zero Hedge, 2017".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..alignment.statements import is_short_line
from ..checks.attribution import article_credit_cue, in_credit_line
from ..checks.copyright import NOTICE, YEARS, holder_part, notice_years
from ..fetch.urls import host, opens_a_web_page
from ..policy.variables import page_variables
from ..reading.document import Document
from ..reading.textfold import fold

LICENCE_HOST = "creativecommons.org"  # a credit line's licence link ("… under CC BY-ND") is not the source


@dataclass(frozen=True)
class DeclaredSource:
    url: str
    declared_by: str


def declared_source(page: Document) -> DeclaredSource | None:
    """The original article a page declares, or None."""
    for url, how in page.metadata.declared_sources:
        return DeclaredSource(url, how)
    canonical = page.metadata.canonical
    page_url = page_variables(page).get("page.url") if page.location.startswith("http") else page.metadata.og_url
    if canonical and page_url and host(canonical) and host(canonical) != host(page_url):
        return DeclaredSource(canonical, "rel=canonical")
    for link in page.links:
        if (
            opens_a_web_page(link.raw_href, link.href)
            and host(link.href) != LICENCE_HOST
            and in_credit_line(page, link)
        ):
            return DeclaredSource(link.href, "credit link")
    return None


MAX_NAME_WORDS = 8
MAX_LEAD_WORDS = 3  # words a credit line may have before its cue ("Note: originally published by")
_CONNECTORS = re.compile(  # what stands between a credit's cue and its name: "… of this article is"
    r"^(?:\W|\b(?:of|this|the|article|story|post|piece|report|is|was|by|in|on|at|from|via)\b)+", re.I
)
_NAME_END = re.compile(r"[.;!?\n]\s|[.;!?]$|\s[-–—|]\s")
_MARKS = re.compile(f"{NOTICE.pattern}|{YEARS.pattern}", re.I)  # what in a notice is not its holders' names


def credited_source(page: Document) -> dict[str, str]:
    """`source.*` values a page's own credit and copyright lines give: the publisher its credit names,
    the holders and year its copyright line names. Empty where the page has neither."""
    values: dict[str, str] = {}
    if credited := _credited_name(page):
        values["source.publisher"] = credited
    holders, year = _copyright_holders(page)
    if holders:
        values.setdefault("source.publisher", holders[-1])
        values["source.author"] = holders[0]
    if year:
        values["source.year"] = year
    return values


def _credited_name(page: Document) -> str | None:
    """The name a credit line gives ("The original source of this article is Zero Hedge" -> "Zero Hedge"):
    the text of a link after the cue, else the words after it up to the sentence's end.

    A credit line opens with its cue; a photo's or a chart's ("Photo source: Stripes") is not the
    article's. Of several, a linked one (credits link the original), else the last (below the article)."""
    found: list[tuple[bool, int, str]] = []
    link_texts: dict[int, list[str]] = {}
    for link in page.links:
        if link.block is not None and link.text:
            link_texts.setdefault(link.block, []).append(link.text)
    for index, block in enumerate(page.blocks):
        for line in block.text.split("\n"):
            if not is_short_line(line):  # before folding or searching: a line may be megabytes
                continue
            folded = fold(line)
            cue = article_credit_cue(folded)
            if not cue or len(folded[: cue.start()].split()) > MAX_LEAD_WORDS:
                continue
            after = line[cue.end() :] if len(folded) == len(line) else line
            linked = [text for text in link_texts.get(index, []) if text in after]
            name = linked[0] if linked else _NAME_END.split(_CONNECTORS.sub("", after), maxsplit=1)[0]
            name = name.strip(" \t\"'“”‘’:,")
            if name and len(name.split()) <= MAX_NAME_WORDS:
                found.append((bool(linked), len(found), name))
    return max(found)[2] if found else None


def _copyright_holders(page: Document) -> tuple[list[str], str | None]:
    """The holders a copyright line names, in its order, and its latest year."""
    for block in page.blocks:
        for line in block.text.split("\n"):
            if not is_short_line(line) or not NOTICE.search(line):
                continue
            part = _MARKS.sub(",", holder_part(line))
            holders = [name.strip(" .\t") for name in part.split(",") if name.strip(" .\t")]
            years = notice_years(line)
            if holders and all(len(name.split()) <= MAX_NAME_WORDS for name in holders):
                return holders, max(years) if years else None
    return [], None

"""Where a page says it came from, when the user gives no `--source`.

Best evidence first: `<meta name="original-source">` / `syndication-source`,
JSON-LD `isBasedOn` / `sourceOrganization` with a URL, a `<link rel=canonical>`
pointing to another site, and last the link inside the credit statement
("Originally published by <a href=…>").
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks.attribution import in_credit_line
from .document import Document
from .urls import host, is_dead
from .variables import page_variables


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
        if not is_dead(link.raw_href) and link.href.startswith(("http://", "https://")) and in_credit_line(page, link):
            return DeclaredSource(link.href, "credit link")
    return None

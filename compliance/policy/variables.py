"""`{name}` variables in policies, and where their values come from.

Precedence, highest first: `--var` on the command line (or a manifest
column), metadata read from the source document, the policy's `variables`.
"""

from __future__ import annotations

import re

from ..errors import ComplianceError
from ..fetch.urls import host
from ..reading.document import Document
from ..reading.licences import parse_licence

NAME = r"[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)*"
_PLACEHOLDER = re.compile(r"\{(" + NAME + r")\}")
_VAR_ARGUMENT = re.compile(r"^(" + NAME + r")=(.*)$", re.S)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
_BOX_SITE = re.compile(r"first appeared on\s*<a\b[^>]*>([^<]{1,100})</a>", re.I)  # the INN box's credit line


def parse_var_arguments(arguments: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`KEY=VALUE` strings to a mapping; a malformed one is a usage error."""
    variables = {}
    for argument in arguments:
        match = _VAR_ARGUMENT.match(argument)
        if not match:
            raise ComplianceError(
                f"--var {argument!r}: expected KEY=VALUE with a lowercase name such as source.publisher=NAME"
            )
        variables[match.group(1)] = match.group(2)
    return variables


def substitute(template: str, variables: dict[str, str]) -> tuple[str | None, list[str]]:
    """Fill `{name}` placeholders; (None, missing names) when any is unknown."""
    missing = [name for name in _PLACEHOLDER.findall(template) if not variables.get(name)]
    if missing:
        return None, missing
    return _PLACEHOLDER.sub(lambda m: variables[m.group(1)], template), []


def source_variables(document: Document) -> dict[str, str]:
    """`source.*` values a source page declares about itself."""
    meta = document.metadata
    values = {
        "source.url": meta.canonical or meta.og_url,
        "source.title": meta.headline or meta.title,
        "source.publisher": meta.publisher or meta.site_name,
        "source.author": meta.authors[0] if meta.authors else None,
        "source.institution": meta.affiliations[0] if meta.affiliations else None,
        "source.date": meta.published,
    }
    if meta.republish_box and (site := _BOX_SITE.search(meta.republish_box.code)):
        values["source.site"] = " ".join(site.group(1).split())
    if meta.license and (licence := parse_licence(meta.license[0])):
        values["source.license"] = licence.short
    if meta.published and (year := _YEAR.search(meta.published)):
        values["source.year"] = year.group(1)
    if not values["source.url"] and document.location.startswith(("http://", "https://")):
        values["source.url"] = document.location
    return {key: value for key, value in values.items() if value}


def page_variables(document: Document) -> dict[str, str]:
    """`page.*` values: the page's own URL and site."""
    url = document.metadata.canonical or document.metadata.og_url
    if not url and document.location.startswith(("http://", "https://")):
        url = document.location
    values = {"page.url": url, "page.site": document.metadata.site_name or (host(url) if url else None)}
    return {key: value for key, value in values.items() if value}

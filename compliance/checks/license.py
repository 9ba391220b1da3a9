"""license: the page names the Creative Commons licence and links to its deed.

What it does
    Passes when the page names the licence given by `license` (`by`,
    `by-sa`, `by-nd`, `by-nc`, `by-nc-sa`, `by-nc-nd`) at `version` — by its
    short name ("CC BY-ND 4.0") or its long one ("Creative Commons
    Attribution-NoDerivatives 4.0 International") — and links to its deed on
    creativecommons.org (`http` or `https`, with or without `deed.xx` or a
    trailing slash). A link carrying `rel="license"` counts as naming it.

Why
    Every Creative Commons licence requires a republisher to name the licence
    and link to it, so readers know the terms they may reuse the work under.

Example
    license: by-nd
    version: "4.0"
    passes:  <p>Licensed under <a href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>.</p>

Fix
    Add `<a rel="license" href="https://creativecommons.org/licenses/by-nd/4.0/">CC BY-ND 4.0</a>`.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..policy import Rule
from ..textfold import fold
from .base import block_evidence, finding

ID = "license"
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "license": {
        "enum": ["by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd"],
        "description": "The Creative Commons licence, by its code.",
    },
    "version": {"type": "string", "pattern": "^[0-9]\\.[0-9]$", "description": "The licence version, e.g. 4.0."},
}
REQUIRED = ("license",)
DEFAULTS = {"version": "4.0"}

ELEMENT_NAMES = {"by": "Attribution", "sa": "ShareAlike", "nd": "NoDerivatives", "nc": "NonCommercial"}


def check(rule: Rule, context: Context) -> Finding:
    code, version = rule.params["license"], rule.params["version"]
    short = f"CC {code.upper()} {version}"
    deed = f"https://creativecommons.org/licenses/{code}/{version}/"
    fix = f'<a rel="license" href="{deed}">{short}</a>'
    deed_links = [link for link in context.page.links if _is_deed(link.href, code, version)]
    named = _names_licence(context, code, version)
    if deed_links and (named is not None or any("license" in link.rel for link in deed_links)):
        evidence = {"text": deed_links[0].text, "href": deed_links[0].raw_href, "line": deed_links[0].line}
        return finding(
            rule,
            True,
            f"Names {short} and links to its deed",
            context.variables,
            evidence=evidence,
            claims=[context.page.block_words(named)] if named is not None else [],
        )
    if deed_links:
        return finding(
            rule, False, f"Links to the {short} deed but never names the licence", context.variables, fix=fix
        )
    if named is not None:
        block = context.page.blocks[named]
        return finding(
            rule,
            False,
            f"Names {short} but does not link to its deed {deed}",
            context.variables,
            evidence=block_evidence(block),
            fix=fix,
        )
    return finding(rule, False, f"The licence ({short}) is neither named nor linked", context.variables, fix=fix)


def _is_deed(href: str, code: str, version: str) -> bool:
    pattern = rf"^https?://(?:www\.)?creativecommons\.org/licenses/{re.escape(code)}/{re.escape(version)}(?:/(?:deed\.[a-z_-]+|legalcode(?:\.[a-z_-]+)?)?)?/?$"
    return re.match(pattern, href.strip(), re.I) is not None


def _names_licence(context: Context, code: str, version: str) -> int | None:
    """The first block naming the licence by its short or long name."""
    parts = code.split("-")
    short = r"\bcc[\s-]+" + r"[\s-]+".join(parts) + r"(?:[\s-]+" + re.escape(version) + r")?\b"
    long_name = "creative commons " + "-".join(ELEMENT_NAMES[p].lower() for p in parts)
    pattern = re.compile(f"{short}|{re.escape(long_name)}")
    for index, block in enumerate(context.page.blocks):
        if pattern.search(fold(block.text).replace("‐", "-")):
            return index
    return None


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    short = f"CC {params['license'].upper()} {params['version']}"
    return f"Name the licence ({short}) and link to its deed on creativecommons.org."

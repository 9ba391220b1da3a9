"""license: the page names the Creative Commons licence and links to its deed.

What it does
    Passes when the page names the licence given by `license` (`by`,
    `by-sa`, `by-nd`, `by-nc`, `by-nc-sa`, `by-nc-nd`) at `version` — by its
    short name ("CC BY-ND 4.0") or its long one ("Creative Commons
    Attribution-NoDerivatives 4.0 International") — and links to its deed on
    creativecommons.org (`http` or `https`, with or without `deed.xx` or a
    trailing slash). A link carrying `rel="license"` counts as naming it.
    The version is the one the source declares when it declares this licence
    (`{source.license}`: a source under CC BY-SA 3.0 is shared under 3.0).
    With `generic: true`, a sentence saying the work is shared "under a
    Creative Commons license" also passes, named as the publisher's own box
    names it (The Conversation's box names no licence and links no deed).

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

from ..alignment.context import Context
from ..findings import Finding
from ..policy import Rule
from ..reading.licences import CODES, Licence, deed_licence, named_licences, parse_licence
from .base import block_evidence, finding, missing_variables, quote

ID = "license"
CODE = "CMP006"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "license": {
        "anyOf": [{"enum": list(CODES)}, {"type": "string", "pattern": "\\{[a-z][a-z0-9_.-]*\\}"}],
        "description": "The Creative Commons licence, by its code (by-nd), or a variable holding it "
        "({source.license}: a code, a name such as CC BY-ND 4.0, or a deed URL).",
    },
    "version": {"type": "string", "pattern": "^[0-9]\\.[0-9]$", "description": "The licence version, e.g. 4.0."},
    "generic": {
        "type": "boolean",
        "description": "A statement that the work is under “a Creative Commons license”, unnamed and unlinked, "
        "also passes: for publishers whose own box words it so.",
    },
}
REQUIRED = ("license",)
DEFAULTS = {"version": "4.0", "generic": False}

GENERIC_STATEMENT = re.compile(r"\bunder (?:a|the) creative commons (?:license|licence)\b")


def check(rule: Rule, context: Context) -> Finding:
    value, missing = context.value(rule, "license")
    if value is None:
        return finding(rule, False, f"Cannot check the licence: {missing_variables(missing)}", context.variables)
    licence = parse_licence(value)
    if licence is None:
        return finding(rule, False, f"Cannot check: {value!r} is no Creative Commons licence", context.variables)
    code, version = licence.code, licence.version or rule.params["version"]
    declared = parse_licence(context.variables.get("source.license", ""))
    if declared and declared.code == code and declared.version:
        version = declared.version  # the material is under the version its source declares
    short = f"CC {code.upper()} {version}"
    deed = f"https://creativecommons.org/licenses/{code}/{version}/"
    fix = f'<a rel="license" href="{deed}">{short}</a>'
    wanted = Licence(code, version)
    deed_links = [link for link in context.page.links if deed_licence(link.href) == wanted]
    named = _names_licence(context, wanted)
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
    if rule.params["generic"] and (generic := _generic_statement(context)) is not None:
        block = context.page.blocks[generic]
        message = f"Says it is shared under a Creative Commons licence, as the box does: {quote(block.text)}"
        return finding(rule, True, message, context.variables, evidence=block_evidence(block))
    return finding(rule, False, f"The licence ({short}) is neither named nor linked", context.variables, fix=fix)


def _generic_statement(context: Context) -> int | None:
    """The first block saying the work is shared "under a Creative Commons license"."""
    return next(
        (index for index, folded in enumerate(context.page.folded_blocks) if GENERIC_STATEMENT.search(folded)), None
    )


def _names_licence(context: Context, wanted: Licence) -> int | None:
    """The first block naming the licence by its short or long name (the version, if said, must be right)."""
    for index, folded in enumerate(context.page.folded_blocks):
        for licence in named_licences(folded.replace("‐", "-")):
            if licence.code == wanted.code and licence.version in (None, wanted.version):
                return index
    return None


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    licence = parse_licence(params["license"])
    short = licence.short if licence else params["license"]
    if licence and not licence.version:
        short += f" {params['version']}"
    also = (
        " (or say it is shared “under a Creative Commons license”, as the publisher's box does)"
        if params.get("generic")
        else ""
    )
    return f"Name the licence ({short}) and link to its deed on creativecommons.org{also}."

"""permission: a source that reserves all rights is republished with a stated permission.

What it does
    Looks at the source page: when it declares a licence (a `rel="license"`
    link, a Creative Commons badge, JSON-LD `license`), or does not say "All
    rights reserved", there is nothing to ask and the rule passes. When it
    reserves all rights and declares no licence, the page must say under what
    permission it republishes: "Republished with permission of …", "… by
    arrangement with …", "Licensed from …", "syndicated by …", or a
    licence of its own. Built-in policies run it as a warning.

Why
    Copying an all-rights-reserved article whole needs the owner's
    permission; a credit line is not one. A page that names no permission
    leaves its reader, and its own editor, unable to tell whether it had any.

Example
    source:  <footer>© 2024 Riverton Ledger. All rights reserved.</footer>
    passes:  <p>Republished with permission of the Riverton Ledger.</p>
    fails:   <p>Originally published by the Riverton Ledger.</p>

Fix
    State the permission the page republishes under (or the licence), next to
    the credit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..alignment.context import Context
from ..findings import Finding
from ..policy import Rule
from ..reading.licences import parse_licence
from .base import block_evidence, finding, pattern_list, quote, user_patterns

ID = "permission"
CODE = "CMP013"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {"cues": pattern_list("Extra wordings of a stated permission (regular expressions, case-insensitive).")}
REQUIRED = ()
DEFAULTS = {"cues": []}
ALL_RIGHTS_RESERVED = re.compile(r"\ball rights reserved\b", re.I)
PERMISSION_CUES = (
    r"\b(?:with|by) (?:the )?(?:kind |express |written )?permission\b",  # not "request permission from"
    r"\bpermission (?:granted|given)\b",
    r"\b(?:by|under) (?:special )?(?:arrangement|agreement|license|licence) (?:with|from)\b",
    r"\blicen[cs]ed (?:from|by|through)\b",
    r"\bsyndicated (?:by|through|via)\b",
    r"\bcreative commons\b",
)


def check(rule: Rule, context: Context) -> Finding:
    pattern = re.compile("|".join([*PERMISSION_CUES, *user_patterns(rule.params["cues"])]))
    if stated := context.statements(pattern):
        block = context.page.blocks[stated[0].block]
        message = f"States the permission it republishes under: {quote(stated[0].text)}"
        return finding(rule, True, message, context.variables, evidence=block_evidence(block, stated[0].text))
    source = context.source
    if source is None:  # not known either way: said at the lowest level, so it never fails a page
        message = f"Not checked, and the page states no permission: {context.no_source}"
        return replace(finding(rule, False, message, context.variables), level="info")
    origin = source.origin or source
    if origin.metadata.license and (licence := parse_licence(origin.metadata.license[0])):
        return finding(rule, True, f"The source declares {licence.short}", context.variables)
    if not ALL_RIGHTS_RESERVED.search(origin.text):
        return finding(rule, True, "The source reserves no rights in words and declares no licence", context.variables)
    owner = context.variables.get("source.publisher") or "the copyright owner"
    message = (
        f"The source reserves all rights and declares no licence, and the page states no permission from {owner} "
        "to republish it"
    )
    fix = f"<p>Republished with permission of {owner}.</p> (only if you have that permission)"
    return finding(rule, False, message, context.variables, fix=fix)


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    return (
        "When the source reserves all rights and declares no licence, state the permission the page republishes under."
    )

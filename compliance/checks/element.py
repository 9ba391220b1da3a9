"""element: a required (or forbidden) element, found by CSS selector and attribute patterns.

What it does
    Finds the elements matching `selector` whose attributes match the regular
    expressions in `attributes` (for example a `src` on the publisher's pixel
    host). Passes when at least one is there; with `forbid: true`, when none
    is. Elements count whether or not they are visible: a tracking pixel is
    invisible by design.

Why
    Publishers' republishing boxes carry a tracking pixel or page-view
    counter that must stay, and some terms exclude photos: both are about
    elements, not text.

Example
    selector: img
    attributes: {src: "^https://pixel\\.propublica\\.org/"}

Fix
    Paste the element from the publisher's republishing box back in (or, with
    `forbid`, remove the matching elements).
"""

from __future__ import annotations

import re

from lxml.cssselect import CSSSelector

from ..alignment.context import Context
from ..findings import Finding
from ..policy import Rule
from ..policy.variables import substitute
from .base import finding, missing_variables, regex_problem

ID = "element"
CODE = "CMP011"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = True  # queries the page's element tree, not only its text
PHASE = 0
PARAMETERS = {
    "selector": {
        "type": "string",
        "minLength": 1,
        "format": "css-selector",
        "description": "A CSS selector, e.g. img or a[rel~=license].",
    },
    "attributes": {
        "type": "object",
        "additionalProperties": {"type": "string", "format": "regex"},
        "description": "Attribute name -> regular expression its value must match; may use {variables}.",
    },
    "forbid": {"type": "boolean", "description": "Pass only when no such element is there."},
    "description": {"type": "string", "description": "What the element is, in words, for messages."},
}
REQUIRED = ("selector",)
DEFAULTS = {"attributes": {}, "forbid": False, "description": ""}


def check(rule: Rule, context: Context) -> Finding:
    root = context.page.root
    what = rule.params["description"] or f"{rule.params['selector']} element"
    if root is None:
        return finding(rule, rule.params["forbid"], f"The page has no markup to hold a {what}", context.variables)
    selector = CSSSelector(rule.params["selector"])  # the policy loader made sure it parses
    patterns, missing = {}, []
    for name, template in rule.params["attributes"].items():
        value, unknown = substitute(template, context.variables)
        missing += unknown
        patterns[name] = value
    if missing:
        return finding(rule, False, f"Cannot check the {what}: {missing_variables(missing)}", context.variables)
    for name, pattern in patterns.items():
        if problem := regex_problem(pattern):
            return finding(
                rule, False, f"Cannot check: {name} {pattern!r} with its variables filled {problem}", context.variables
            )
    found = [e for e in selector(root) if all(re.search(p, e.get(n) or "") for n, p in patterns.items())]
    evidence = _evidence(found[0]) if found else None
    if rule.params["forbid"]:
        if found:
            return finding(
                rule,
                False,
                f"{len(found)} forbidden {what}(s) on the page",
                context.variables,
                evidence=evidence,
                fix=f"Remove {_markup(found[0])}",
            )
        return finding(rule, True, f"No {what} on the page", context.variables)
    if found:
        return finding(rule, True, f"Has the {what}", context.variables, evidence=evidence)
    return finding(
        rule,
        False,
        f"The {what} is missing",
        context.variables,
        fix=f"Add the {what} from the publisher's republishing box",
    )


def _evidence(element) -> dict:
    evidence = {"text": _markup(element)}
    if element.sourceline:
        evidence["line"] = element.sourceline
    return evidence


def _markup(element) -> str:
    attributes = " ".join(f'{name}="{value}"' for name, value in element.attrib.items())
    return f"<{element.tag} {attributes}>" if attributes else f"<{element.tag}>"


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    what = params.get("description") or f"{params['selector']} element"
    where = "".join(f", {name} matching {pattern}" for name, pattern in params.get("attributes", {}).items())
    return f"{'Carry no' if params.get('forbid') else 'Carry the'} {what} ({params['selector']}{where})."

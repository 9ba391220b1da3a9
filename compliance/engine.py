"""Checking pages: the Python API behind the command line.

from compliance import check_page, load_policy, read_document, read_source
policy = load_policy("fair-use-notice")
source = read_source("original.html")
result = check_page(read_document("draft.html"), policy, source, {"source.year": "2017"})
"""

from __future__ import annotations

from .article import extract_article
from .checks import CHECKS
from .context import Context
from .document import Document
from .findings import PageResult
from .policy import Policy
from .reading import read_document
from .variables import page_variables, source_variables


def read_source(location: str) -> Document:
    """Read the original article: an HTML page is cut down to its article."""
    document = read_document(location)
    return extract_article(document) if document.kind == "html" else document


def resolve_variables(policy: Policy, page: Document, source: Document | None, given: dict[str, str]) -> dict[str, str]:
    """Variables in force for one page: `given` over source metadata over the policy's defaults."""
    variables = dict(policy.variables)
    if source is not None:
        variables.update(source_variables(source))
    variables.update(page_variables(page))
    variables.update({key: value for key, value in given.items() if value != ""})
    return variables


def check_page(
    page: Document,
    policy: Policy,
    source: Document | None = None,
    variables: dict[str, str] | None = None,
) -> PageResult:
    """Run every rule of `policy` on `page`; one finding per rule, in the policy's order."""
    context = Context(page, source, resolve_variables(policy, page, source, variables or {}))
    ordered = sorted(policy.rules, key=lambda rule: CHECKS[rule.check].PHASE)
    by_rule = {}
    for rule in ordered:
        result = CHECKS[rule.check].check(rule, context)
        context.earlier.append(result)
        by_rule[rule.id] = result
    return PageResult(page.location, policy.id, [by_rule[rule.id] for rule in policy.rules])

"""amount: how much of an unlicensed source the page takes — a fair-use risk signal, not legal advice.

What it does
    Aligns the source with the page and measures the share of the source's
    words reproduced (`max-share`), the longest verbatim run in words
    (`max-run`), and the share of the page's words that are the republisher's
    own (`min-own-share`). A limit left out is not checked.

Why
    Quoting without a licence leans on fair use, where the amount and
    substantiality taken, and how much the new work adds, weigh heavily.
    Courts weigh more than counts, so thresholds here are conservative flags
    for an editor to look at, not a legal verdict.

Example
    max-share: 0.2
    max-run: 120
    min-own-share: 0.5

Fix
    Quote less (summarise, link to the original for the rest) and add more of your own reporting.
"""

from __future__ import annotations

from ..alignment.context import Context
from ..findings import Finding
from ..policy import Rule
from .base import finding, share

ID = "amount"
CODE = "CMP010"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "max-share": share("Most share (0–1) of the source's words the page may reproduce."),
    "max-run": {"type": "integer", "minimum": 1, "description": "Longest verbatim run of source words allowed."},
    "min-own-share": share("Least share (0–1) of the page's words that must be its own."),
}
REQUIRED = ()
DEFAULTS: dict = {}


def check(rule: Rule, context: Context) -> Finding:
    alignment = context.alignment
    if alignment is None:
        return finding(rule, False, f"Not checked: {context.no_source}", context.variables)
    page_words = len(context.page.words)
    metrics = {
        "share": round(alignment.coverage, 3),
        "longest_run": _longest_run(alignment.source_to_page),
        "own_share": round(1 - sum(alignment.page_aligned) / page_words, 3) if page_words else 0.0,
    }
    problems = []
    if (limit := rule.params.get("max-share")) is not None and metrics["share"] > limit:
        problems.append(f"the page reproduces {metrics['share']:.0%} of the source (at most {limit:.0%})")
    if (limit := rule.params.get("max-run")) is not None and metrics["longest_run"] > limit:
        problems.append(f"it quotes {metrics['longest_run']} words in a row (at most {limit})")
    if (limit := rule.params.get("min-own-share")) is not None and metrics["own_share"] < limit:
        problems.append(f"only {metrics['own_share']:.0%} of the page is its own text (at least {limit:.0%})")
    if problems:
        message = "Takes more than the terms allow: " + "; ".join(problems)
        return finding(
            rule,
            False,
            message,
            context.variables,
            metrics=metrics,
            fix="Quote less, link to the original for the rest, and add your own reporting",
        )
    message = (
        f"Takes {metrics['share']:.0%} of the source, at most {metrics['longest_run']} words in a row; "
        f"{metrics['own_share']:.0%} of the page is its own"
    )
    return finding(rule, True, message, context.variables, metrics=metrics)


def _longest_run(source_to_page) -> int:
    """The most source words in a row that stand in a row on the page."""
    longest = current = 0
    previous = -2
    for position in source_to_page:
        current = current + 1 if position >= 0 and position == previous + 1 else (1 if position >= 0 else 0)
        longest = max(longest, current)
        previous = position
    return longest


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    limits = []
    if params.get("max-share") is not None:
        limits.append(f"at most {params['max-share']:.0%} of the source")
    if params.get("max-run") is not None:
        limits.append(f"at most {params['max-run']} words in a row")
    if params.get("min-own-share") is not None:
        limits.append(f"at least {params['min-own-share']:.0%} of the page your own")
    return "Quote sparingly: " + (", ".join(limits) or "no limit set") + " (a risk signal, not legal advice)."

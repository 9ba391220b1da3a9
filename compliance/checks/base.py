"""What every check shares: building findings, and saying what a rule lacks."""

from __future__ import annotations

import re

from ..alignment.context import Context
from ..alignment.statements import Searchable, names_in
from ..findings import Finding
from ..policy import Rule
from ..policy.registry import CHECKS
from ..policy.variables import substitute
from ..reading.document import Block, Document, HiddenText
from ..reading.textfold import fold, fold_characters

MAX_EVIDENCE_CHARS = 2000


def string_list(description: str, min_items: int = 1) -> dict:
    """The schema of a list of strings (names, holders, cues)."""
    return {"type": "array", "items": {"type": "string"}, "minItems": min_items, "description": description}


def pattern_list(description: str) -> dict:
    """The schema of a list of regular expressions (checked when the policy loads)."""
    return {"type": "array", "items": {"type": "string", "minLength": 1, "format": "regex"}, "description": description}


def user_patterns(patterns: list[str]) -> list[str]:
    """A policy's own regular expressions, made to match folded text: curly quotes and dashes as
    the text has them, and case-blind in their own group (lowering the pattern would turn `\\S` into `\\s`)."""
    return [f"(?i:{fold_characters(pattern)})" for pattern in patterns]


def regex_problem(pattern: str) -> str | None:
    """Why a pattern is no regular expression: a variable's value can break one the policy loader passed."""
    try:
        re.compile(pattern)
    except re.error as error:
        return f"is not a valid regular expression ({error})"
    return None


def share(description: str) -> dict:
    """The schema of a share or similarity, from 0 to 1."""
    return {"type": "number", "minimum": 0, "maximum": 1, "description": description}


def finding(rule: Rule, passed: bool, message: str, variables: dict[str, str], **details) -> Finding:
    """A finding for `rule`; a failing rule's own `message` leads, the check's explanation follows."""
    if not passed and rule.message:
        custom, _ = substitute(rule.message, variables)
        message = f"{custom or rule.message}: {message}"
    return Finding(rule.id, rule.check, rule.level, passed, message, code=CHECKS[rule.check].CODE, **details)


def missing_variables(missing: list[str]) -> str:
    """Which variables a rule lacks, and how to give them."""
    names = sorted(set(missing))
    unset = " and ".join("{" + name + "}" for name in names)
    options = " ".join(f"--var {name}=…" for name in names)
    also = " or give --source with a page that declares it" if any(n.startswith("source.") for n in names) else ""
    return f"{unset} {'is' if len(names) == 1 else 'are'} not set: give {options}{also}"


def block_evidence(block: Block, text: str | None = None) -> dict:
    """Where a block is: its text, line and CSS path."""
    evidence: dict = {"text": _bounded(text if text is not None else block.text)}
    if block.line is not None:
        evidence["line"] = block.line
    if block.path:
        evidence["path"] = block.path
    return evidence


def hidden_mention(page: Document, pattern: Searchable, names: list[str]) -> HiddenText | None:
    """Text readers don't see that would have passed (matching `pattern` and naming one of `names`):
    a credit in a comment or under display:none is worth pointing at, not just reporting missing."""
    for hidden in page.hidden:
        if pattern.search(fold(hidden.text)) and names_in(hidden.text, names):
            return hidden
    return None


def hidden_finding(rule: Rule, context: Context, what: str, hidden: HiddenText, fix: str) -> Finding:
    """A failure that shows where the hidden text is and what hides it."""
    message = f"{what} is on the page but hidden by {hidden.why}: {quote(hidden.text)}"
    evidence: dict = {"text": hidden.text, "hidden_by": hidden.why}
    if hidden.line is not None:
        evidence["line"] = hidden.line
    return finding(
        rule, False, message, context.variables, evidence=evidence, fix=f"Show it ({hidden.remedy}), or add {fix}"
    )


def _bounded(text: str, limit: int = MAX_EVIDENCE_CHARS) -> str:
    """Evidence text kept to a readable length: a page may be one 20 MB paragraph."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def quote(text: str, limit: int = 160) -> str:
    """Text for a message, shortened in the middle of nothing: cut at a word, with an ellipsis."""
    text = " ".join(text[: 4 * limit].split())  # a block can be megabytes long; a quote needs its start
    if len(text) <= limit:
        return f"“{text}”"
    return f"“{text[:limit].rsplit(' ', 1)[0]}…”"

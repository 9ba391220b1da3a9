"""Suppressions: a known exception accepted, with its reason, beside the page or in the config.

In an HTML or Markdown page:

    <!-- compliance: ignore[copyright] The photo desk holds the rights; agreed with the Ledger -->
    <!-- compliance: ignore-next[source-link,CMP002] The link is added by the CMS template -->

`ignore` waives the rules (names as the policy has them, or check codes) for
the whole page; `ignore-next` only for findings on the next block (the first
line with text after the comment). In the config, `ignore` and `reason` in a
`[[pages]]` entry waive rules for the pages it matches (CMSs strip comments).

A suppressed finding is kept, marked `suppressed` in JSON and with SARIF
`suppressions`, and no longer fails the check. A suppression without its reason
is refused (CMP101) unless the config sets `require-reason = false`; one that
suppresses nothing is reported (CMP100), as ruff's RUF100 reports unused
`noqa`, so exceptions do not outlive the defect they excused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Finding, PageResult

UNUSED_CODE, UNUSED_RULE = "CMP100", "unused-suppression"
NO_REASON_CODE, NO_REASON_RULE = "CMP101", "suppression-without-reason"
META_RULES = {
    UNUSED_CODE: (
        UNUSED_RULE,
        "A suppression that suppresses nothing: the defect it excused is gone, or the rule is misspelt. "
        "Remove it (a warning).",
    ),
    NO_REASON_CODE: (
        NO_REASON_RULE,
        "A suppression that gives no reason is not applied: say why the rule does not apply, after the "
        "brackets (an error; `require-reason = false` in the config allows none).",
    ),
}
_COMMENT = re.compile(r"<!--\s*compliance:\s*(ignore|ignore-next)\[([^\]]*)\]([^>]*?)-->", re.S)


@dataclass
class Suppression:
    """One waiver: the rules (names or codes) it covers, its reason, and where it was written."""

    rules: list[str]
    reason: str
    where: str  # "page.html:12" or "compliance.toml:20"
    line: int | None = None  # the line it was written on, in the page or the config
    next_line: int | None = None  # ignore-next: the line of the block it covers
    external: bool = False  # written in the config
    used: bool = False

    def covers(self, finding: Finding) -> bool:
        if self.next_line is not None and (finding.evidence or {}).get("line") != self.next_line:
            return False
        return any(rule == finding.rule or rule.upper() == finding.code for rule in self.rules)


def page_suppressions(text: str, page: str) -> list[Suppression]:
    """The suppression comments in a page's source text."""
    found = []
    for match in _COMMENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        rules = [rule.strip() for rule in match.group(2).split(",") if rule.strip()]
        reason = " ".join(match.group(3).split())
        next_line = _next_text_line(text, match.end()) if match.group(1) == "ignore-next" else None
        found.append(Suppression(rules, reason, f"{page}:{line}", line, next_line))
    return found


def _next_text_line(text: str, offset: int) -> int:
    """The line of the first text after `offset` (the block an `ignore-next` covers)."""
    rest = re.search(r"\S", text[offset:])
    end = offset + (rest.start() if rest else 0)
    return text.count("\n", 0, end) + 1


def apply(result: PageResult, suppressions: list[Suppression], require_reason: bool) -> None:
    """Mark the page's failing findings its suppressions cover; report the suppressions that have no reason
    or cover nothing in the page's own comments (the config's are reported once a run, see `unused`)."""
    for suppression in suppressions:
        if require_reason and not suppression.reason:
            if not suppression.external:
                result.findings.append(_no_reason(suppression))
            continue
        for finding in result.findings:
            if not finding.passed and finding.suppression is None and suppression.covers(finding):
                finding.suppression = {
                    "kind": "external" if suppression.external else "inSource",
                    "justification": suppression.reason,
                    "location": suppression.where,
                }
                suppression.used = True
    for suppression in suppressions:
        if not suppression.external and not suppression.used and (suppression.reason or not require_reason):
            result.findings.append(_unused(suppression))


def unused(suppressions: list[Suppression]) -> list[Finding]:
    """Findings for the config's suppressions that covered nothing on any page checked."""
    return [_unused(s) for s in suppressions if not s.used]


def _unused(suppression: Suppression) -> Finding:
    rules = ", ".join(suppression.rules) or "no rule"
    return _about(
        suppression,
        UNUSED_RULE,
        UNUSED_CODE,
        "warning",
        f"The suppression of {rules} ({suppression.where}) suppresses nothing",
        "Remove it: the defect it excused is gone, or the rule's name or code is misspelt",
    )


def _no_reason(suppression: Suppression) -> Finding:
    return _about(
        suppression,
        NO_REASON_RULE,
        NO_REASON_CODE,
        "error",
        f"The suppression of {', '.join(suppression.rules)} ({suppression.where}) gives no reason: not applied",
        "Say why after the brackets: <!-- compliance: ignore[RULE] why this page is an exception -->",
    )


def _about(suppression: Suppression, rule: str, code: str, level: str, message: str, fix: str) -> Finding:
    """A failing finding of the suppression meta-rules, pointing at the suppression's line."""
    evidence = {"line": suppression.line} if suppression.line else None
    return Finding(rule, "suppression", level, False, message, evidence=evidence, fix=fix, code=code)

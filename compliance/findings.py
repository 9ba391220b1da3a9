"""What a rule says about a page: a finding, and a page's result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

LEVELS = ("info", "warning", "error")


def any_at_or_above(levels: Iterable[str], threshold: str) -> bool:
    """Whether any of `levels` (of failed findings) is at or above `threshold` (`never`: none is): what
    `--fail-on` asks of a page, or of a run's tally."""
    if threshold == "never":
        return False
    floor = LEVELS.index(threshold)
    return any(LEVELS.index(level) >= floor for level in levels)


@dataclass
class Finding:
    """One rule's verdict on one page, with what a person needs to act on it."""

    rule: str
    check: str
    level: str
    passed: bool
    message: str
    evidence: dict | None = None
    fix: str | None = None
    metrics: dict | None = None
    passages: dict | None = None
    claims: list[range] = field(default_factory=list, repr=False)  # page words this rule matched
    code: str = ""  # the check's stable code ("CMP001")
    suppression: dict | None = None  # a failure accepted: {"kind", "justification", "location"} (gate/suppressions)
    baseline: str | None = None  # with a baseline: "unchanged" (recorded there: does not count) or "new"

    @property
    def fails(self) -> bool:
        """A failure that counts: not passed, not suppressed, not an old one recorded in the baseline."""
        return not self.passed and self.suppression is None and self.baseline != "unchanged"

    def to_json(self) -> dict:
        data = {
            "rule": self.rule,
            "code": self.code,
            "check": self.check,
            "level": self.level,
            "passed": self.passed,
            "message": self.message,
        }
        for key in ("evidence", "fix", "metrics", "passages", "suppression", "baseline"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class PageResult:
    """Every rule's finding on one page, or why the page could not be checked."""

    page: str
    policy: str | None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    source: dict | None = None
    title: str | None = None
    policy_reason: str | None = None  # why `--policy auto` chose this policy
    notes: list[str] = field(default_factory=list)  # what reading the page or source set aside
    fixes: list[dict] = field(default_factory=list)  # what `compliance fix` changed: {rule, code, fix, unsafe}

    @property
    def passed(self) -> bool:
        return self.error is None and not any(f.level == "error" and f.fails for f in self.findings)

    def fails_at(self, threshold: str) -> bool:
        """Whether a finding at or above `threshold` failed (`never` never does)."""
        return any_at_or_above((f.level for f in self.findings if f.fails), threshold)

    def to_json(self) -> dict:
        data: dict = {"page": self.page, "policy": self.policy, "passed": self.passed}
        if self.policy_reason:
            data["policy_reason"] = self.policy_reason
        if self.title:
            data["title"] = self.title
        if self.source:
            data["source"] = self.source
        if self.error:
            data["error"] = self.error
        if self.notes:
            data["notes"] = self.notes
        if self.fixes:
            data["fixes"] = self.fixes
        data["findings"] = [finding.to_json() for finding in self.findings]
        return data

"""Totals that several reports share: pages passed, failed and errored; results by rule."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import PageResult, any_at_or_above


class Tally:
    """Totals kept as results go by: a report that lists the pages counts them in the same pass (an audit's
    results are read back from its store, a page at a time)."""

    def __init__(self) -> None:
        self.pages = self.passed = self.errored = 0
        self.by_rule: dict[str, dict[str, int]] = {}
        self.first_error: str | None = None
        self.failed_levels: set[str] = set()  # the levels of the failed findings: what --fail-on asks

    def add(self, result: PageResult) -> None:
        self.pages += 1
        self.passed += result.passed
        self.errored += bool(result.error)
        if result.error and self.first_error is None:
            self.first_error = result.error
        for finding in result.findings:
            counts = self.by_rule.setdefault(finding.rule, {"passed": 0, "failed": 0})
            counts["failed" if finding.fails else "passed"] += 1
            if finding.fails:
                self.failed_levels.add(finding.level)

    def fails_at(self, threshold: str) -> bool:
        """Whether a page of the tally failed a finding at or above `threshold` (see PageResult.fails_at)."""
        return any_at_or_above(self.failed_levels, threshold)

    def totals(self) -> dict:
        failed = self.pages - self.passed - self.errored
        return {
            "pages": self.pages,
            "passed": self.passed,
            "failed": failed,
            "errored": self.errored,
            "by_rule": self.by_rule,
        }


def tallied(results: Iterable[PageResult]) -> Tally:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally

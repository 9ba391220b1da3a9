"""Totals that several reports share: pages passed, failed and errored; results by rule."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import PageResult


class Tally:
    """Totals kept as results go by: a report that lists the pages counts them in the same pass (an audit's
    results are read back from its store, a page at a time)."""

    def __init__(self) -> None:
        self.pages = self.passed = self.errored = 0
        self.by_rule: dict[str, dict[str, int]] = {}

    def add(self, result: PageResult) -> None:
        self.pages += 1
        self.passed += result.passed
        self.errored += bool(result.error)
        for finding in result.findings:
            counts = self.by_rule.setdefault(finding.rule, {"passed": 0, "failed": 0})
            counts["failed" if finding.fails else "passed"] += 1

    def totals(self) -> dict:
        failed = self.pages - self.passed - self.errored
        return {
            "pages": self.pages,
            "passed": self.passed,
            "failed": failed,
            "errored": self.errored,
            "by_rule": self.by_rule,
        }


def totals(results: Iterable[PageResult]) -> dict:
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.totals()

"""Totals that several reports share: pages passed, failed and errored; results by rule."""

from __future__ import annotations

from ..findings import PageResult


def totals(results: list[PageResult]) -> dict:
    errored = sum(1 for r in results if r.error)
    passed = sum(1 for r in results if r.passed)
    by_rule: dict[str, dict[str, int]] = {}
    for result in results:
        for finding in result.findings:
            counts = by_rule.setdefault(finding.rule, {"passed": 0, "failed": 0})
            counts["failed" if finding.fails else "passed"] += 1
    return {
        "pages": len(results),
        "passed": passed,
        "failed": len(results) - passed - errored,
        "errored": errored,
        "by_rule": by_rule,
    }

"""`--format csv`: one row per page and rule, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ..findings import PageResult

COLUMNS = [
    "page",
    "policy",
    "rule",
    "check",
    "level",
    "passed",
    "message",
    "line",
    "path",
    "fix",
    "coverage",
    "altered",
    "added_words",
    "error",
]


def render(results: Iterable[PageResult], color: bool = False) -> Iterator[str]:
    """A page's rows at a time: an audit's results are never all held."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        if result.error:
            writer.writerow({"page": result.page, "policy": result.policy, "passed": "errored", "error": result.error})
        for finding in result.findings:
            evidence, metrics = finding.evidence or {}, finding.metrics or {}
            writer.writerow(
                {
                    "page": result.page,
                    "policy": result.policy,
                    "rule": finding.rule,
                    "check": finding.check,
                    "level": finding.level,
                    "passed": "yes" if finding.passed else "no",
                    "message": finding.message,
                    "line": evidence.get("line", ""),
                    "path": evidence.get("path", ""),
                    "fix": finding.fix or "",
                    **{key: metrics[key] for key in ("coverage", "altered", "added_words") if key in metrics},
                }
            )
    yield out.getvalue()

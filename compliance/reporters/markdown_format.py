"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..findings import PageResult
from .summary import Tally

MAX_LISTED = 50


def render(results: Iterable[PageResult], color: bool = False) -> Iterator[str]:
    """The totals, then the problems: both gathered in one pass over the results."""
    tally = Tally()
    errors, problems, unlisted = _rows(results, tally)
    summary = tally.totals()
    lines = [
        "## Republishing compliance",
        "",
        f"**{summary['pages']}** pages: **{summary['passed']}** passed, **{summary['failed']}** failed"
        + (f", **{summary['errored']}** errored" if summary["errored"] else "")
        + ".",
        "",
    ]
    if summary["by_rule"]:
        lines += ["| rule | passed | failed |", "| --- | ---: | ---: |"]
        lines += [f"| `{rule}` | {n['passed']} | {n['failed']} |" for rule, n in summary["by_rule"].items()]
        lines.append("")
    if problems or errors:
        lines += ["| page | rule | what is wrong |", "| --- | --- | --- |", *errors, *problems]
        if unlisted:
            lines.append(f"\n…and {unlisted} more.")
    yield "\n".join(lines) + "\n"


def _rows(results: Iterable[PageResult], tally: Tally) -> tuple[list[str], list[str], int]:
    """The table's rows: every errored page, the first MAX_LISTED failed findings, and how many more failed;
    each result counted into `tally` on the way."""
    errors, problems, unlisted = [], [], 0
    for result in results:
        tally.add(result)
        if result.error:
            errors.append(f"| {_cell(result.page)} | (error) | {_cell(result.error)} |")
        for finding in result.findings:
            if not finding.fails:
                continue
            if len(problems) == MAX_LISTED:
                unlisted += 1
                continue
            line = (finding.evidence or {}).get("line")
            where = f":{line}" if line else ""
            problems.append(f"| {_cell(result.page)}{where} | `{finding.rule}` | {_cell(finding.message)} |")
    return errors, problems, unlisted


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML."""
    text = " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text if len(text) <= 300 else text[:299] + "…"

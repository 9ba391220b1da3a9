"""`--format markdown`: a summary fit for a pull-request comment."""

from __future__ import annotations

from ..findings import PageResult
from .summary import totals

MAX_LISTED = 50


def render(results: list[PageResult], color: bool = False) -> str:
    summary = totals(results)
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
    problems = [(r, f) for r in results for f in r.findings if f.fails]
    errors = [r for r in results if r.error]
    if problems or errors:
        lines += ["| page | rule | what is wrong |", "| --- | --- | --- |"]
        for result in errors:
            lines.append(f"| {_cell(result.page)} | (error) | {_cell(result.error)} |")
        for result, finding in problems[:MAX_LISTED]:
            line = (finding.evidence or {}).get("line")
            where = f":{line}" if line else ""
            lines.append(f"| {_cell(result.page)}{where} | `{finding.rule}` | {_cell(finding.message)} |")
        if len(problems) > MAX_LISTED:
            lines.append(f"\n…and {len(problems) - MAX_LISTED} more.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no HTML."""
    text = " ".join(text.split()).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return text if len(text) <= 300 else text[:299] + "…"

"""`--format text` (the default): a line a rule with a pass/fail mark, then a summary.

Colour only on a terminal (the caller decides); the marks read without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from ..findings import PageResult
from .summary import Tally

MARKS = {True: ("✓", "green"), False: ("✗", "red")}
LEVEL_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(results: Iterable[PageResult], color: bool = False) -> Iterator[str]:
    """A page at a time, then the totals counted on the way."""
    tally = Tally()
    for result in results:
        tally.add(result)
        yield "\n".join(_page(result, color)) + "\n"
    yield _summary(tally.totals()) + "\n"


def _page(result: PageResult, color: bool) -> list[str]:
    style = _styler(color)
    if result.error:
        return [f"{style(result.page, bold=True)}", f"  {style('!', fg='red')} error: {result.error}", ""]
    reason = f": {result.policy_reason}" if result.policy_reason else ""
    lines = [f"{style(result.page, bold=True)}  (policy {result.policy}{reason})"]
    if result.source:
        lines.append(f"  {style('source:', dim=True)} {_source_line(result.source)}")
    lines.extend(f"  {style('note:', dim=True)} {note}" for note in result.notes)
    lines.extend(f"  {style('fixed:', fg='green')} {fix['rule']}: {fix['fix']}" for fix in result.fixes)
    width = max((len(f.rule) for f in result.findings), default=0)
    for finding in result.findings:
        mark, colour = MARKS[not finding.fails]
        if finding.fails and finding.level != "error":
            colour = LEVEL_COLOURS[finding.level]
        level = "" if not finding.fails or finding.level == "error" else f"[{finding.level}] "
        where = _where(finding.evidence) + _waived(finding)
        lines.append(f"  {style(mark, fg=colour)} {finding.rule:<{width}}  {level}{finding.message}{where}")
        if finding.fails and finding.fix:
            fix_lines = finding.fix.splitlines()
            lines.append(f"  {'':<{width + 2}}  fix: {fix_lines[0]}")
            lines.extend(f"  {'':<{width + 2}}       {line}" for line in fix_lines[1:])
    lines.append("")
    return lines


def _source_line(source: dict) -> str:
    """What the checker believed about the source: where it is, how it was found, what it declares."""
    where = source.get("path") or source.get("url") or "none given"
    facts = [f"{key} {source[key]}" for key in ("publisher", "author", "date", "year") if key in source]
    canonical = source.get("url") if "path" in source and "url" in source else None
    if canonical:
        facts.append(f"url {canonical}")
    return f"{where} (by {source['declared_by']})" + "".join(f"; {fact}" for fact in facts)


def _waived(finding) -> str:
    """Why a failure does not count: suppressed (with the reason), or recorded in the baseline."""
    if finding.passed:
        return ""
    if finding.suppression:
        return f"  [suppressed at {finding.suppression['location']}: {finding.suppression['justification']}]"
    return "  [in the baseline]" if finding.baseline == "unchanged" else ""


def _where(evidence: dict | None) -> str:
    if not evidence or "line" not in evidence:
        return ""
    path = f", {evidence['path']}" if evidence.get("path") else ""
    return f"  (line {evidence['line']}{path})"


def _summary(totals: dict) -> str:
    failures = sum(counts["failed"] for counts in totals["by_rule"].values())
    pages = "page" if totals["pages"] == 1 else "pages"
    text = f"{totals['pages']} {pages} checked: {totals['passed']} passed, {totals['failed']} failed"
    if totals["errored"]:
        text += f", {totals['errored']} errored"
    return text + f" ({failures} rule failures)"


def _styler(color: bool):
    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    return style

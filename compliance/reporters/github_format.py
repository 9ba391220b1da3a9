"""`--format github`: GitHub Actions workflow commands, one annotation per failed rule."""

from __future__ import annotations

from ..findings import PageResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def render(results: list[PageResult], color: bool = False) -> str:
    lines = []
    for result in results:
        if result.error:
            lines.append(f"::error file={_property(result.page)},title=compliance::{_data(result.error)}")
        for finding in result.findings:
            if not finding.fails:  # passed, suppressed, or recorded in the baseline
                continue
            line = (finding.evidence or {}).get("line")
            where = f",line={line}" if line else ""
            message = finding.message + (f"\nFix: {finding.fix}" if finding.fix else "")
            title = _property(f"{finding.rule} ({finding.check})")
            lines.append(
                f"::{COMMANDS[finding.level]} file={_property(result.page)}{where},title={title}::{_data(message)}"
            )
    return "\n".join(lines) + ("\n" if lines else "")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

"""`--format github`: GitHub Actions workflow commands, one annotation per failed rule, within GitHub's limits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator

from ..findings import PageResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SHOWN_PER_LEVEL = 10  # GitHub shows 10 error, 10 warning and 10 notice annotations a step (50 a job)


def render(results: Collection[PageResult], color: bool = False) -> Iterator[str]:
    """Annotations in the order of the pages, at most as many of each level as GitHub shows a step (it drops
    the rest silently); then one notice saying how many more there are, and where to read them all."""
    shown: Counter = Counter()
    left_out: Counter = Counter()
    lines = []
    for command, annotation in _annotations(results):
        limit = SHOWN_PER_LEVEL - (command == "notice")  # room for the notice saying what was left out
        if shown[command] < limit:
            shown[command] += 1
            lines.append(f"::{command} {annotation}")
        else:
            left_out[command] += 1
    if left_out:
        counts = ", ".join(f"{count} more {command}s" for command, count in sorted(left_out.items()))
        lines.append(
            f"::notice title=compliance::{counts} than GitHub shows as annotations: "
            "every finding is in the job summary (--format markdown) and the SARIF results"
        )
    yield "\n".join(lines) + ("\n" if lines else "")


def _annotations(results: Collection[PageResult]) -> Iterator[tuple[str, str]]:
    """(command, the rest of its line) for each page error and each failure that counts."""
    for result in results:
        if result.error:
            yield "error", f"file={_property(result.page)},title=compliance::{_data(result.error)}"
        for finding in result.findings:
            if not finding.fails:  # passed, suppressed, or recorded in the baseline
                continue
            line = (finding.evidence or {}).get("line")
            where = f",line={line}" if line else ""
            message = finding.message + (f"\nFix: {finding.fix}" if finding.fix else "")
            title = _property(f"{finding.rule} ({finding.check})")
            yield COMMANDS[finding.level], f"file={_property(result.page)}{where},title={title}::{_data(message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")

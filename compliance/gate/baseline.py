"""The baseline: today's failures recorded, so a site adopts the gate before fixing every old page.

`compliance check --write-baseline FILE` records each failing finding;
`compliance check --baseline FILE` then fails only on findings not recorded
(marked `"baseline": "new"`; recorded ones `"unchanged"`), and says which recorded
ones no longer occur, so the file shrinks as pages are fixed (write it again).

A finding is keyed without line numbers, so moving text around a page keeps
it: its rule, its page (the path relative to the config's folder, or the URL),
and a hash of what it is about, folded (case, typography, spaces) and with digits
masked: the evidence's text when it has one, else its message (what is missing).
SARIF results carry the same key in `partialFingerprints`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import ComplianceError
from ..findings import Finding, PageResult
from ..reading.textfold import fold
from ..version import VERSION

FORMAT_VERSION = 1
_DIGITS = re.compile(r"\d+")


def fingerprint(page: str, finding: Finding) -> str:
    """The key of a finding, the same from run to run while the defect is the same."""
    about = (finding.evidence or {}).get("text") or finding.message
    normalised = _DIGITS.sub("#", fold(str(about)))
    return hashlib.sha256("\0".join((finding.rule, page, normalised)).encode()).hexdigest()[:32]


@dataclass
class BaselineOutcome:
    new: int  # failures not in the baseline
    known: int  # failures recorded in it
    gone: list[dict]  # recorded failures of the pages checked that no longer occur


def write_baseline(path: Path, results: list[PageResult]) -> int:
    """Record every counting failure (suppressed ones need no entry); how many were written."""
    entries = [
        {"page": page, "rule": finding.rule, "code": finding.code, "fingerprint": fingerprint(page, finding)}
        for result in results
        for finding in result.findings
        if finding.fails and (page := result.page)
    ]
    entries.sort(key=lambda entry: (entry["page"], entry["rule"], entry["fingerprint"]))
    document = {"version": FORMAT_VERSION, "tool": f"compliance {VERSION}", "findings": entries}
    try:
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise ComplianceError(f"{path}: cannot write the baseline ({error.strerror or error})") from None
    return len(entries)


def apply_baseline(path: Path, results: list[PageResult]) -> BaselineOutcome:
    """Mark each failure `unchanged` (recorded) or `new`, and list the recorded ones that are gone."""
    entries = _entries(path)
    outstanding = Counter((entry["page"], entry["fingerprint"]) for entry in entries)
    new = known = 0
    for result in results:
        page = result.page
        for finding in result.findings:
            if not finding.fails:
                continue
            key = (page, fingerprint(page, finding))
            if outstanding[key] > 0:
                outstanding[key] -= 1
                finding.baseline = "unchanged"
                known += 1
            else:
                finding.baseline = "new"
                new += 1
    checked = {result.page for result in results if not result.error}
    gone = []
    for entry in entries:
        key = (entry["page"], entry["fingerprint"])
        if entry["page"] in checked and outstanding[key] > 0:
            outstanding[key] -= 1
            gone.append(entry)
    return BaselineOutcome(new, known, gone)


def _entries(path: Path) -> list[dict]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ComplianceError(f"{path}: no such baseline (write one with --write-baseline)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ComplianceError(f"{path}: cannot read the baseline ({error})") from None
    except json.JSONDecodeError as error:
        raise ComplianceError(f"{path}:{error.lineno}: invalid JSON ({error.msg})") from None
    findings = document.get("findings") if isinstance(document, dict) else None
    if not isinstance(findings, list) or not all(
        isinstance(entry, dict) and {"page", "fingerprint"} <= entry.keys() for entry in findings
    ):
        raise ComplianceError(f"{path}:1: not a compliance baseline (no list of findings with page and fingerprint)")
    return findings

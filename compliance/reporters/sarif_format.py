"""`--format sarif`: SARIF 2.1.0 for code-scanning views, with rule help from each check's documentation."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator

from ..checks import CHECKS
from ..findings import PageResult
from ..gate.baseline import fingerprint
from ..gate.suppressions import META_RULES
from ..version import DOCUMENTATION, VERSION

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
INFORMATION_URI = "https://pypi.org/project/compliance/"


def render(results: Collection[PageResult], color: bool = False) -> Iterator[str]:
    rules = _rules(results)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results = [
        _result(result, finding, index[finding.rule])
        for result in results
        for finding in result.findings
        if not finding.passed
    ]
    notifications = [
        {
            "level": "error",
            "message": {"text": result.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": result.page}}}],
        }
        for result in results
        if result.error
    ]
    run = {
        "tool": {
            "driver": {"name": "compliance", "version": VERSION, "informationUri": INFORMATION_URI, "rules": rules}
        },
        "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        "results": sarif_results,
    }
    yield json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=1, ensure_ascii=False) + "\n"


def _rules(results: Collection[PageResult]) -> list[dict]:
    """One reporting descriptor per rule id, documented by its check's docstring."""
    seen: dict[str, dict] = {}
    for result in results:
        for finding in result.findings:
            if finding.rule in seen:
                continue
            module = CHECKS.get(finding.check)
            if module is not None:
                doc, help_uri = (
                    (module.__doc__ or finding.check).strip(),
                    DOCUMENTATION + module.__name__.replace(".", "/") + ".py",
                )
            else:  # a suppression's own finding (gate/suppressions.py)
                doc, help_uri = f"{finding.rule}: {META_RULES[finding.code][1]}", DOCUMENTATION + "README.md"
            summary = doc.splitlines()[0]
            seen[finding.rule] = {
                "id": finding.rule,
                "name": finding.check,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": summary},
                "help": {"text": doc},
                "helpUri": help_uri,
                "defaultConfiguration": {"level": LEVELS[finding.level]},
                "properties": {"check": finding.check, "code": finding.code},
            }
    return list(seen.values())


def _result(result: PageResult, finding, rule_index: int) -> dict:
    location: dict = {"artifactLocation": {"uri": result.page}}
    line = (finding.evidence or {}).get("line")
    if line:
        location["region"] = {"startLine": line}
    sarif = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.level],
        "message": {"text": finding.message + (f"\nFix: {finding.fix}" if finding.fix else "")},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"complianceFinding/v1": fingerprint(result.page, finding)},
    }
    if finding.suppression:
        kind, justification = finding.suppression["kind"], finding.suppression["justification"]
        sarif["suppressions"] = [{"kind": kind, "justification": justification, "status": "accepted"}]
    if finding.baseline:
        sarif["baselineState"] = finding.baseline
    if (finding.evidence or {}).get("path"):
        sarif["locations"][0]["logicalLocations"] = [
            {"fullyQualifiedName": finding.evidence["path"], "kind": "element"}
        ]
    return sarif

"""`--format junit`: JUnit XML, one test case per page and rule, for CI test views."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator

from ..findings import PageResult


def render(results: Collection[PageResult], color: bool = False) -> Iterator[str]:
    cases = [case for result in results for case in _cases(result)]
    suite = ET.Element(
        "testsuite",
        name="compliance",
        tests=str(len(cases)),
        failures=str(sum(1 for c in cases if c.find("failure") is not None)),
        errors=str(sum(1 for c in cases if c.find("error") is not None)),
    )
    suite.extend(cases)
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    yield ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _waived(finding) -> str:
    if finding.suppression:
        return f"suppressed at {finding.suppression['location']}: {finding.suppression['justification']}"
    return "in the baseline"


def _cases(result: PageResult) -> list[ET.Element]:
    if result.error:
        case = ET.Element("testcase", classname=result.page, name="(page)")
        ET.SubElement(case, "error", message=result.error)
        return [case]
    cases = []
    for finding in result.findings:
        case = ET.Element("testcase", classname=result.page, name=finding.rule)
        if not finding.passed and not finding.fails:  # suppressed, or recorded in the baseline
            ET.SubElement(case, "skipped", message=_waived(finding))
        elif not finding.passed:
            element = ET.SubElement(case, "failure", message=finding.message, type=finding.level)
            line = (finding.evidence or {}).get("line")
            element.text = "\n".join(filter(None, [f"line {line}" if line else "", finding.fix or ""])) or None
        cases.append(case)
    return cases

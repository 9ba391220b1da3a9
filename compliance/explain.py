"""`compliance explain`: a policy's rules in plain words with the terms it encodes, or a check's documentation."""

from __future__ import annotations

from pathlib import Path

from .checks import CHECKS, CODES
from .gate.suppressions import META_RULES
from .policy import load_policy


def explain_rule(name: str) -> str | None:
    """The documentation of a check, or of a suppression's own rule (CMP100), by name or code; None if
    `name` is neither (a policy, then)."""
    if name in CHECKS or name.upper() in CODES:
        return explain_check(name)
    for code, (rule, doc) in META_RULES.items():
        if name.upper() == code or name == rule:
            return f"{code} {rule}: {doc}"
    return None


def explain_check(name: str) -> str:
    """A check's documentation (its module docstring), its code and its parameters; by name or code."""
    module = CHECKS[CODES.get(name.upper(), name)]
    lines = [f"{module.CODE} {(module.__doc__ or name).strip()}", ""]
    lines.append("Parameters" if module.PARAMETERS else "Parameters: none")
    for parameter, schema in module.PARAMETERS.items():
        kind = "one of " + ", ".join(map(str, schema["enum"])) if "enum" in schema else schema.get("type", "")
        if isinstance(kind, list):
            kind = " or ".join(kind)
        if parameter in module.REQUIRED:
            need = "required"
        elif parameter in module.DEFAULTS:
            need = f"default {module.DEFAULTS[parameter]!r}"
        else:
            need = "optional: left out, not checked"
        lines.append(f"    {parameter} ({kind}; {need}): {schema.get('description', '')}")
    return "\n".join(lines)


def explain_policy(name: str) -> str:
    """A policy's title, the terms it cites, the hosts it governs, and each rule in plain words."""
    policy = load_policy(name)
    lines = [f"{policy.id}: {policy.title}"]
    terms = _leading_comment(Path(policy.path)) if policy.path else ""
    if terms:
        lines += ["", "Terms:", *(f"    {line}" for line in terms.splitlines())]
    if policy.applies_to:
        lines += ["", f"Applies to sources on: {', '.join(policy.applies_to)}"]
    if policy.applies_to_boxes:
        lines += ["", f"Applies to sources handing out the republish box: {', '.join(policy.applies_to_boxes)}"]
    if policy.variables:
        lines += ["", "Defaults: " + "; ".join(f"{{{k}}} = {v}" for k, v in policy.variables.items())]
    lines += ["", "Rules:"]
    for rule in policy.rules:
        level = "" if rule.level == "error" else f" [{rule.level}]"
        lines.append(f"    {rule.id} ({rule.check}){level}: {CHECKS[rule.check].describe(rule.params)}")
    return "\n".join(lines)


def _leading_comment(path: Path) -> str:
    comment = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        comment.append(line[1:].strip())
    return "\n".join(comment).strip()

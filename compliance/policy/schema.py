"""The policy JSON Schema, composed from each check's own parameter schema.

`rules/policy.schema.json` is this schema written out (`compliance schema`);
a test keeps the file and the checks in step.
"""

from __future__ import annotations

from functools import cache

import jsonschema
from lxml.cssselect import CSSSelector, SelectorError

from .registry import CHECKS
from .variables import NAME

FORMATS = jsonschema.FormatChecker()  # jsonschema's own ("regex" among them), and ours below


@FORMATS.checks("css-selector", raises=SelectorError)
def _is_css_selector(value: object) -> bool:
    """A selector lxml can run: a broken one is a broken policy, reported when it loads."""
    return not isinstance(value, str) or CSSSelector(value) is not None


LEVEL = {
    "enum": ["error", "warning", "info", "off"],
    "description": "How serious a failure is; `off` removes the rule.",
}
MESSAGE = {"type": "string", "description": "The message shown when the rule fails; may use {variables}."}


@cache
def policy_schema() -> dict:
    rule_properties = {
        "check": {"enum": sorted(CHECKS), "description": "Which check this rule runs."},
        "level": LEVEL,
        "message": MESSAGE,
    }
    per_check = [
        {
            "if": {"properties": {"check": {"const": name}}, "required": ["check"]},
            "then": {
                "properties": {**rule_properties, **module.PARAMETERS},
                "required": list(module.REQUIRED),
                "additionalProperties": False,
                **({"allOf": module.CONDITIONS} if hasattr(module, "CONDITIONS") else {}),
            },
        }
        for name, module in sorted(CHECKS.items())
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/compliance/compliance/rules/policy.schema.json",
        "title": "compliance policy",
        "description": "Terms under which a source's articles may be republished, as rules the checker tests.",
        "type": "object",
        "required": ["policy", "rules"],
        "additionalProperties": False,
        "properties": {
            "policy": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9.-]*$",
                "description": "The policy id (lowercase, digits, dashes, dots).",
            },
            "title": {"type": "string"},
            "extends": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "Built-in policy names or relative paths, merged in order; later wins.",
            },
            "applies-to": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Source hosts this policy governs (`*.example.org` patterns).",
            },
            "applies-to-boxes": {
                "type": "array",
                "items": {"type": "string", "minLength": 1},
                "description": "Republish boxes that mark the sources this policy governs: the start of the id "
                "of the box's textarea on the source page (a plugin many sites share).",
            },
            "variables": {
                "type": "object",
                "propertyNames": {"pattern": f"^{NAME}$"},
                "additionalProperties": {"type": ["string", "number"]},
                "description": "Default values of {variables}, lowest precedence.",
            },
            "rules": {
                "type": "object",
                "propertyNames": {"pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},
                "additionalProperties": {"type": "object", "properties": rule_properties, "allOf": per_check},
            },
        },
    }

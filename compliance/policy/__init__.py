"""Policies: loading, validating against the schema, `extends`, variables.

A policy is YAML (or JSON). It is validated against `rules/policy.schema.json`
(composed from each check's parameter schema), so a mistake is an error naming
the file, the line and what is wrong, never a silent pass. YAML is loaded
safely, and anchors/aliases are refused so a hostile file cannot blow up
memory.
"""

from __future__ import annotations

import fnmatch
import importlib.resources
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import ComplianceError
from ..fetch.urls import site_host
from .registry import CHECKS

if TYPE_CHECKING:
    import jsonschema

MAX_POLICY_BYTES = 1024 * 1024
POLICY_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Rule:
    """One rule of a policy: which check, how serious, and the check's parameters."""

    id: str
    check: str
    level: str = "error"
    message: str | None = None
    params: dict = field(default_factory=dict)


@dataclass
class Policy:
    """A loaded policy, `extends` resolved, rules at `level: off` removed."""

    id: str
    title: str
    rules: list[Rule]
    variables: dict[str, str] = field(default_factory=dict)
    applies_to: list[str] = field(default_factory=list)
    path: str | None = None
    applies_to_boxes: list[str] = field(default_factory=list)


def rules_dir() -> Path:
    """Where the built-in policies and the schema live, installed or in a checkout."""
    installed = importlib.resources.files("compliance").joinpath("rules")
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent.parent / "rules"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in rules_dir().glob("*.yaml"))


def policy_for_host(source_host: str) -> str | None:
    """The built-in policy whose `applies-to` patterns match a source's host, if one does."""
    for name in builtin_names():
        data, _ = read_policy_file(rules_dir() / f"{name}.yaml")
        if any(_host_matches(source_host, pattern) for pattern in data.get("applies-to", [])):
            return name
    return None


def policy_for_box(box_id: str) -> str | None:
    """The built-in policy whose `applies-to-boxes` names the republish box a source page hands out."""
    for name in builtin_names():
        data, _ = read_policy_file(rules_dir() / f"{name}.yaml")
        if any(box_id.startswith(prefix) for prefix in data.get("applies-to-boxes", [])):
            return name
    return None


def _host_matches(source_host: str, pattern: str) -> bool:
    """`example.org` matches itself (and www., m., amp.); `*.example.org` matches any subdomain and itself."""
    source_host, pattern = site_host(source_host), site_host(pattern)
    if pattern.startswith("*."):
        return source_host == pattern[2:] or fnmatch.fnmatchcase(source_host, pattern)
    return source_host == pattern


def load_policy(name_or_path: str) -> Policy:
    """Load a built-in policy by name, or a policy file by path."""
    path = _locate(name_or_path, Path.cwd())
    data = _merged(path, [])
    return _build(data, path)


def _locate(reference: str, base: Path) -> Path:
    candidate = (base / reference) if not Path(reference).is_absolute() else Path(reference)
    if candidate.is_file():
        return candidate
    builtin = rules_dir() / f"{reference}.yaml"
    if "/" not in reference and builtin.is_file():
        return builtin
    if reference.endswith(POLICY_SUFFIXES) or "/" in reference:
        raise ComplianceError(f"{reference}: no such policy file")
    raise ComplianceError(f"unknown policy {reference!r}; built-in policies: {', '.join(builtin_names())}")


def _merged(path: Path, chain: list[Path]) -> dict:
    """The policy at `path` with everything it extends merged in (later wins)."""
    if path.resolve() in chain:
        cycle = " -> ".join(p.name for p in [*chain, path.resolve()])
        raise ComplianceError(f"{path}: `extends` goes round in a circle ({cycle})")
    data, lines = read_policy_file(path)
    _validate(data, lines, path)
    merged: dict = {"rules": {}, "variables": {}}
    for parent in data.get("extends", []):
        _merge_into(merged, _merged(_locate(parent, path.parent), [*chain, path.resolve()]))
    _merge_into(merged, data)
    merged["_lines"] = {"file": path, "lines": lines}
    return merged


def _merge_into(target: dict, data: dict) -> None:
    for key, value in data.items():
        if key == "rules":
            for rule_id, rule in value.items():
                target["rules"][rule_id] = {**target["rules"].get(rule_id, {}), **rule}
        elif key == "variables":
            target["variables"].update(value)
        elif key not in ("extends", "_lines"):
            target[key] = value


def _build(data: dict, path: Path) -> Policy:
    lines = data["_lines"]["lines"]  # the file's own: a rule it extends is checked whole, and its fault is there
    rules = []
    for rule_id, spec in data["rules"].items():
        if spec.get("level") == "off":
            continue
        if "check" not in spec:
            line = f":{lines[('rules', rule_id)]}" if ("rules", rule_id) in lines else ""
            raise ComplianceError(f"{path}{line}: rules.{rule_id}: no `check`, and no inherited rule of that id")
        _validate({"policy": "x", "rules": {rule_id: spec}}, lines, path)
        check = CHECKS[spec["check"]]
        params = {**check.DEFAULTS, **{k: v for k, v in spec.items() if k not in ("check", "level", "message")}}
        rules.append(Rule(rule_id, spec["check"], spec.get("level", "error"), spec.get("message"), params))
    variables = {key: str(value) for key, value in data["variables"].items()}
    return Policy(
        data["policy"],
        data.get("title", data["policy"]),
        rules,
        variables,
        data.get("applies-to", []),
        str(path),
        data.get("applies-to-boxes", []),
    )


def read_policy_file(path: Path) -> tuple[dict, dict[tuple, int]]:
    """Parse a policy file: its data and, for each value, the line it is on."""
    try:
        size = path.stat().st_size
        if size > MAX_POLICY_BYTES:
            raise ComplianceError(f"{path}: policy file larger than 1 MiB")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ComplianceError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise ComplianceError(f"{path}: cannot read ({error.strerror or error})") from None
    try:
        data, lines = _load_yaml(text)
    except yaml.YAMLError as error:
        if path.suffix == ".json":
            return _load_json(text, path), {}
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ComplianceError(f"{path}{where}: invalid YAML: {problem}") from None
    except RecursionError:
        raise ComplianceError(f"{path}: nested too deeply") from None
    if not isinstance(data, dict):
        raise ComplianceError(f"{path}:1: a policy must be a mapping with `policy` and `rules`")
    return data, lines


def _load_json(text: str, path: Path) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ComplianceError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise ComplianceError(f"{path}:1: a policy must be an object with `policy` and `rules`")
    return data


class _PolicyLoader(yaml.SafeLoader):
    """Safe YAML with YAML 1.2 booleans: `level: off` means off, not False."""


_PolicyLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PolicyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load_yaml(text: str) -> tuple[object, dict[tuple, int]]:
    loader = _PolicyLoader(text)
    try:
        node = loader.get_single_node()
        lines: dict[tuple, int] = {}
        if node is not None:
            _record_lines(node, (), lines, set())
        return (loader.construct_document(node) if node is not None else None), lines
    finally:
        loader.dispose()


def _record_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int], seen: set[int]) -> None:
    """Map each value's path to its line; refuse aliases (a node reached twice)."""
    if id(node) in seen:
        raise yaml.YAMLError(f"line {node.start_mark.line + 1}: anchors and aliases are not allowed in policies")
    seen.add(id(node))
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _record_lines(value, (*path, key.value), lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, seen)


def _validate(data: dict, lines: dict[tuple, int], path: Path) -> None:
    """Validate a policy file against the schema. The built-in policies are validated by the test suite
    (tests/test_policy.py), not at every start: jsonschema costs a command a sixth of its start-up."""
    if path.resolve().parent == rules_dir().resolve():
        return
    import jsonschema

    from .schema import FORMATS, policy_schema

    validator = jsonschema.Draft202012Validator(policy_schema(), format_checker=FORMATS)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    error = _most_specific(errors[0])
    location = tuple(error.absolute_path)
    while location not in lines and location:
        location = location[:-1]
    line = f":{lines[location]}" if location in lines else ""
    dotted = ".".join(str(part) for part in error.absolute_path) or "policy"
    raise ComplianceError(f"{path}{line}: {dotted}: {_message(error)}")


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator != "format":
        return error.message
    kind = {"regex": "regular expression", "css-selector": "CSS selector"}.get(str(error.validator_value), "value")
    return f"{error.instance!r} is not a valid {kind} ({error.cause})"


def _most_specific(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Descend into if/then and allOf so the message names the parameter at fault."""
    while error.context:
        error = max(error.context, key=lambda e: len(e.absolute_path))
    return error

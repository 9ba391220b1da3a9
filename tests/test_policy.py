"""Policies: built-ins, validation errors with lines, extends, variables, hostile YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compliance import ComplianceError, load_policy
from compliance.engine import resolve_variables
from compliance.policy import builtin_names, read_policy_file, rules_dir
from compliance.policy.schema import policy_schema
from compliance.reading import parse_bytes


def error_of(path: Path) -> str:
    with pytest.raises(ComplianceError) as caught:
        load_policy(str(path))
    return str(caught.value)


def test_every_builtin_policy_loads_and_cites_its_terms():
    assert {"fair-use-notice", "globalresearch", "cc-by-4.0", "cc-by-nd-4.0"} <= set(builtin_names())
    for name in builtin_names():
        policy = load_policy(name)
        assert policy.rules and policy.title
        assert (rules_dir() / f"{name}.yaml").read_text().startswith("#"), f"{name} must cite its terms"


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_policy_is_valid_against_the_schema(name):
    """Loading trusts the built-ins (validating them at every start would cost a sixth of it): this is
    where they are validated, with their lines."""
    from compliance.policy import _merged, _validate

    data, lines = read_policy_file(rules_dir() / f"{name}.yaml")
    outside = Path("/nonexistent") / f"{name}.yaml"  # validated as a user's file would be
    _validate(data, lines, outside)
    for rule_id, spec in _merged(rules_dir() / f"{name}.yaml", [])["rules"].items():
        _validate({"policy": "x", "rules": {rule_id: spec}}, {}, outside)


def test_schema_file_is_the_composed_schema():
    shipped = json.loads((rules_dir() / "policy.schema.json").read_text())
    assert shipped == policy_schema(), "run `compliance schema > rules/policy.schema.json`"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "policy: p\nrules:\n  body:\n    check: body\n    min-coverage: 7\n",
            ":5: rules.body.min-coverage: 7 is greater than the maximum of 1",
        ),
        (
            "policy: p\nrules:\n  body:\n    check: body\n    min-coverag: 0.9\n",
            ":4: rules.body: Additional properties are not allowed ('min-coverag' was unexpected)",
        ),
        ("policy: p\nrules:\n  x:\n    check: spelling\n", ":4: rules.x.check: 'spelling' is not one of"),
        ("policy: p\nrules:\n  credit:\n    check: attribution\n", ":4: rules.credit: 'names' is a required property"),
        ("rules: {}\n", ":1: policy: 'policy' is a required property"),
        ("policy: p\nrules:\n  a: {check: link, href: [1]}\n", ":3: rules.a.href: [1] is not of type 'string'"),
        ("policy: p\nrules: [\n", ": invalid YAML"),
        ("- just\n- a list\n", ":1: a policy must be a mapping"),
        (
            "policy: p\nrules:\n  a:\n    check: attribution\n    names: [X]\n    cues: ['(']\n",
            ":6: rules.a.cues.0: '(' is not a valid regular expression (missing ), unterminated subpattern",
        ),
        (
            "policy: p\nrules:\n  a: {check: link, href: '[', match: regex}\n",
            ":3: rules.a.href: '[' is not a valid regular expression",
        ),
        (
            "policy: p\nrules:\n  a: {check: element, selector: 'div[[['}\n",
            ":3: rules.a.selector: 'div[[[' is not a valid CSS selector",
        ),
        (
            "policy: p\nrules:\n  a: {check: element, selector: img, attributes: {src: '(('}}\n",
            ":3: rules.a.attributes.src: '((' is not a valid regular expression",
        ),
    ],
    ids=[
        "maximum",
        "typo",
        "unknown-check",
        "required",
        "no-id",
        "type",
        "syntax",
        "not-a-mapping",
        "cue-regex",
        "href-regex",
        "selector",
        "attribute-regex",
    ],
)
def test_invalid_policies_name_file_line_and_problem(write, text, expected):
    path = write("bad.yaml", text)
    message = error_of(path)
    assert message.startswith(str(path))
    assert expected in message


def test_aliases_are_refused_so_a_hostile_file_cannot_blow_up(write):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert "anchors and aliases are not allowed" in error_of(write("laughs.yaml", laughs))


def test_python_tags_are_not_constructed(write):
    assert "invalid YAML" in error_of(
        write("evil.yaml", "policy: !!python/object/apply:os.system ['true']\nrules: {}\n")
    )


def test_json_policies_load(write):
    path = write("p.json", json.dumps({"policy": "j", "rules": {"body": {"check": "body", "min-coverage": 0.5}}}))
    assert load_policy(str(path)).rules[0].params["min-coverage"] == 0.5


def test_unknown_policy_lists_the_builtins():
    with pytest.raises(ComplianceError, match=r"unknown policy 'nope'; built-in policies: calmatters, cc-by-4\.0"):
        load_policy("nope")


def test_extends_merges_later_wins_and_off_removes(write):
    write(
        "base.yaml",
        "policy: base\nvariables: {notice-site: Base}\nrules:\n"
        "  body: {check: body, min-coverage: 0.9}\n  copyright: {check: copyright, holders: [X]}\n",
    )
    child = write(
        "child.yaml",
        "policy: child\nextends: [base.yaml, fair-use-notice]\n"
        "variables: {notice-site: Child}\nrules:\n"
        "  body: {max-added-words: 3}\n  copyright: {level: off}\n  disclaimer: {level: warning}\n",
    )
    policy = load_policy(str(child))
    rules = {rule.id: rule for rule in policy.rules}
    assert "copyright" not in rules
    assert rules["body"].params == {"min-coverage": 0.95, "max-altered": 0, "max-added-words": 3}
    assert rules["disclaimer"].level == "warning" and rules["disclaimer"].check == "text"
    assert policy.variables["notice-site"] == "Child"


def test_extends_cycle_and_rule_without_check(write):
    write("a.yaml", "policy: a\nextends: [b.yaml]\nrules: {}\n")
    b = write("b.yaml", "policy: b\nextends: [a.yaml]\nrules: {}\n")
    assert "goes round in a circle" in error_of(b)
    lone = write("lone.yaml", "policy: lone\nrules:\n  body: {min-coverage: 0.5}\n")
    assert "lone.yaml:3: rules.body: no `check`" in error_of(lone)


def test_a_fault_in_an_inherited_rule_names_the_line_that_overrides_it(write):
    """A value the file sets on a rule it extends is checked with the whole rule: its line is named."""
    child = write("child.yaml", "policy: child\nextends: [cc-by-4.0]\nrules:\n  license:\n    license: nope\n")
    assert "child.yaml:5: rules.license.license: 'nope' is not one of" in error_of(child)


def test_variable_precedence_command_line_over_source_over_policy(write):
    policy = load_policy(
        str(write("v.yaml", "policy: v\nvariables: {source.publisher: From Policy, x: 1}\nrules: {}\n"))
    )
    source = parse_bytes(b'<meta property="og:site_name" content="From Source"><p>x</p>', "s.html")
    page = parse_bytes(b"<p>page</p>", "p.html")
    assert resolve_variables(policy, page, None, {})["source.publisher"] == "From Policy"
    assert resolve_variables(policy, page, source, {})["source.publisher"] == "From Source"
    assert resolve_variables(policy, page, source, {"source.publisher": "Given"})["source.publisher"] == "Given"

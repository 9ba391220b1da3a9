"""The checks, one module each, registered by name.

Each module reads like a yamllint rule: its docstring is the user
documentation (what it does, why, an example, the fix), `ID` is its name in
policies, `CODE` its stable code ("CMP001": suppressions, baselines and SARIF
use it), `PARAMETERS` / `REQUIRED` / `DEFAULTS` describe its parameters (the
policy schema is composed from them; an optional `CONDITIONS` adds JSON Schema
`if`/`then` rules between them), `PHASE` orders it (checks that use other
rules' matches run later), `USES_MARKUP` says whether it needs the element tree,
`describe(params)` says a rule in plain words, and `check(rule, context)` returns
its Finding. Importing this package registers every check with the policy layer
(policy/registry.py), which validates policies against their parameters.
"""

from __future__ import annotations

from ..policy.registry import CHECKS as CHECKS  # the registry, filled below: `from compliance.checks import CHECKS`
from ..policy.registry import CODES as CODES
from ..policy.registry import register
from . import (
    amount,
    attribution,
    body,
    byline,
    changes_noted,
    copyright,
    element,
    headline,
    license,
    link,
    links_kept,
    permission,
    text,
)

register(
    attribution,
    link,
    copyright,
    text,
    body,
    license,
    headline,
    byline,
    changes_noted,
    amount,
    element,
    links_kept,
    permission,
)

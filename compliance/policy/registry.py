"""The checks a policy may name, by id: filled by `compliance.checks` as it loads.

Policies sit below the checks (a check reads its rule, a `Rule` of a policy), yet a policy
is validated against the parameters each check declares. The checks package registers its
modules here, so loading a policy never imports the checks it names.
"""

from __future__ import annotations

from types import ModuleType

CHECKS: dict[str, ModuleType] = {}
CODES: dict[str, str] = {}  # a check's stable code ("CMP001") -> its name ("attribution")


def register(*modules: ModuleType) -> None:
    """Make checks nameable in policies (`check: ID`) and by their codes (`CODE`)."""
    for module in modules:
        if module.CODE in CODES:
            raise ValueError(f"{module.ID}: code {module.CODE} is {CODES[module.CODE]}'s")
        CHECKS[module.ID] = module
        CODES[module.CODE] = module.ID

"""Edits some terms allow: relative time, location and house style.

The Conversation and ProPublica-style terms forbid edits "except to reflect
relative changes in time, location and editorial style". An altered sentence is
tolerated when every word changed, removed or inserted belongs to one of the
allowed kinds: dates, weekdays and relative-time words; place words and proper
names; or style variants (numbers spelled out, abbreviations, honorifics).
"""

from __future__ import annotations

import difflib

from .textfold import words

TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec today yesterday tomorrow tonight now recently earlier later this last next past coming
    week weeks weekend month months year years day days morning afternoon evening night ago on at in since until
    recent current currently""".split()
)
LOCATION_WORDS = frozenset(
    """here there local locally nearby area region regional city state county town country nation national in at
    near of the our this""".split()
)
STYLE_WORDS = frozenset(
    """one two three four five six seven eight nine ten percent per cent pct mr mrs ms dr prof st street ave avenue
    rd road us u s uk u k and the a an co inc ltd corp""".split()
)
KINDS = {"time", "location", "style"}


def tolerated(original: str, edited: str, kinds: list[str]) -> bool:
    """Whether every word that differs between the two sentences is an allowed kind of edit."""
    old, new = words(original), words(edited)
    old_tokens = [original[s:e] for s, e in zip(old.starts, old.ends)]
    new_tokens = [edited[s:e] for s, e in zip(new.starts, new.ends)]
    matcher = difflib.SequenceMatcher(None, old.norms, new.norms, autojunk=False)
    changed = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "equal":
            changed += list(zip(old.norms[a0:a1], old_tokens[a0:a1])) + list(zip(new.norms[b0:b1], new_tokens[b0:b1]))
    return bool(changed) and all(_allowed(norm, token, kinds) for norm, token in changed)


def _allowed(norm: str, token: str, kinds: list[str]) -> bool:
    if "time" in kinds and (norm in TIME_WORDS or norm.isdigit()):
        return True
    if "location" in kinds and (norm in LOCATION_WORDS or token[:1].isupper()):
        return True
    return "style" in kinds and (norm in STYLE_WORDS or norm.isdigit())

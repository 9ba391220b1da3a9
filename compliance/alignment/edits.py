"""Edits some terms allow: relative time, location and house style.

The Conversation and ProPublica-style terms forbid edits "except to reflect
relative changes in time, location and editorial style". An altered sentence is
tolerated when each changed stretch of words (what was removed with what was
put in its place) is one allowed kind of edit:

- time: a relative time made absolute or the other way ("next Monday" ->
  "Monday, March 18", "yesterday" -> "on Tuesday"): only time words and
  numbers, and a relative one (a weekday, "yesterday", "last", "ago") on one
  side. Changing a duration or a quantity ("two weeks" -> "a month") is not.
- location: a place said from the republisher's side ("here", "in the city"
  -> "in Riverton"): only place words and names, and a relative place word on
  one side.
- style: the same thing written another way: numbers spelled out, an
  abbreviation, an honorific, "per cent" for "percent".
"""

from __future__ import annotations

import difflib

from ..reading.textfold import words

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun".split()
RELATIVE_TIME = frozenset(
    [
        *WEEKDAYS,
        *"today yesterday tomorrow tonight now recently this last next past coming ago current currently".split(),
    ]
)
TIME_WORDS = RELATIVE_TIME | frozenset(
    """january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec week weeks weekend month months year years day days morning afternoon evening night
    on at in since until of the""".split()
)
RELATIVE_PLACE = frozenset("here there local locally nearby area region city state county town country nation".split())
LOCATION_WORDS = RELATIVE_PLACE | frozenset("regional national in at near of the our this".split())
STYLE_FORMS = {  # word -> the form it stands for
    **{
        word: str(number) for number, word in enumerate("zero one two three four five six seven eight nine ten".split())
    },
    "per": "percent",
    "cent": "",
    "pct": "percent",
    "mr": "mister",
    "mrs": "missus",
    "dr": "doctor",
    "prof": "professor",
    "st": "street",
    "ave": "avenue",
    "rd": "road",
    "co": "company",
    "inc": "incorporated",
    "ltd": "limited",
    "corp": "corporation",
}


def tolerated(original: str, edited: str, kinds: list[str]) -> bool:
    """Whether every changed stretch between the two sentences is an allowed kind of edit."""
    old, new = words(original), words(edited)
    old_tokens = [original[s:e] for s, e in zip(old.starts, old.ends)]
    new_tokens = [edited[s:e] for s, e in zip(new.starts, new.ends)]
    matcher = difflib.SequenceMatcher(None, old.norms, new.norms, autojunk=False)
    stretches = [
        (old.norms[a0:a1], new.norms[b0:b1], old_tokens[a0:a1] + new_tokens[b0:b1], old.norms[max(0, a0 - 1) : a1 + 1])
        for op, a0, a1, b0, b1 in matcher.get_opcodes()
        if op != "equal"
    ]
    return bool(stretches) and all(_allowed(*stretch, kinds) for stretch in stretches)


def _allowed(removed: list[str], added: list[str], tokens: list[str], around: list[str], kinds: list[str]) -> bool:
    """Whether one changed stretch is an allowed edit; `around` is the original's words with a neighbour each
    side, so "next Monday" -> "Monday, March 18" is seen as the relative time it rewrites."""
    both = removed + added
    if "style" in kinds and _style_form(removed) == _style_form(added):
        return True
    if "time" in kinds and all(w in TIME_WORDS or w.isdigit() for w in both) and RELATIVE_TIME & {*both, *around}:
        return True
    names = all(w in LOCATION_WORDS or t[:1].isupper() for w, t in zip(both, tokens))
    return "location" in kinds and names and bool(RELATIVE_PLACE & set(both))


def _style_form(norms: list[str]) -> str:
    """The words as a style guide would reduce them: digits for numbers, expansions for abbreviations, run
    together so a dotted abbreviation is its plain one ("U.S." reads as the words "u", "s": "us")."""
    return "".join(STYLE_FORMS.get(w, w) for w in norms)

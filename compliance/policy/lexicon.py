"""Word lists the checks read as data (`rules/lexicon/*.yaml`), so wordings are added without code.

The credit cues are regular expressions in several languages; every
language's cues apply to every page (a credit is read in the page's own
language). A policy adds its own with a rule's `cues` parameter.
"""

from __future__ import annotations

import re
from functools import cache
from re import _constants, _parser  # the parser behind `re`, to read which words a cue needs

import yaml

from . import rules_dir

LEXICON = "lexicon/credit-cues.yaml"


@cache
def _credit_lexicon() -> dict:
    with (rules_dir() / LEXICON).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def credit_cues() -> tuple[str, ...]:
    """Every language's credit cues, English first."""
    return tuple(cue for language, cues in _credit_lexicon().items() if language != "media" for cue in cues)


def media_words() -> tuple[str, ...]:
    """Words that, before a credit cue, make it a photo's or a chart's credit ("Photo: …")."""
    return tuple(_credit_lexicon()["media"])


class Cues:
    """Cue patterns searched as one, behind a pre-check for the words they all need.

    A lexicon of a hundred wordings costs a regular-expression engine a hundred tries at every
    character of every line; a page of 100,000 paragraphs would spend seconds there. Every cue
    needs at least one literal word ("published", "source", "出典"), so a line holding none of
    them is passed over with one cheap search. A cue whose words cannot be told makes every
    line searched in full: the pre-check never hides a match."""

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.pattern = re.compile("|".join(patterns))
        needed = [_needed_literals(list(_parser.parse(pattern))) for pattern in patterns]
        if all(needed):
            # searched in folded (lower-case) text, so without IGNORECASE, which would make it slow
            words = sorted({word.lower() for literals in needed for word in literals}, key=len, reverse=True)
            self.trigger: re.Pattern | None = re.compile("|".join(map(re.escape, words)))
        else:
            self.trigger = None

    def search(self, text: str) -> re.Match | None:
        """The first cue in folded text (textfold.fold), as the patterns' union would find it."""
        if self.trigger is not None and not self.trigger.search(text):
            return None
        return self.pattern.search(text)


MIN_TRIGGER_CHARS = 2  # a shorter literal would let almost every line through


def _needed_literals(items: list) -> set[str] | None:
    """Strings one of which every match of a parsed pattern holds; None when none can be named."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(found: set[str] | None) -> None:
        nonlocal best
        shortest = min(map(len, found)) if found else 0
        if shortest >= MIN_TRIGGER_CHARS and (best is None or shortest > min(map(len, best))):
            best = found

    for op, argument in [*items, (None, None)]:
        if op is _constants.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is _constants.SUBPATTERN:
            consider(_needed_literals(list(argument[-1])))
        elif op is _constants.BRANCH:
            branches = [_needed_literals(list(branch)) for branch in argument[1]]
            consider(set().union(*branches) if all(branches) else None)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and argument[0] >= 1:
            consider(_needed_literals(list(argument[2])))
    return best

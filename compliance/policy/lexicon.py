"""Word lists the checks read as data (`rules/lexicon/*.yaml`), so wordings are added without code.

The credit cues are regular expressions in several languages; every
language's cues apply to every page (a credit is read in the page's own
language). A policy adds its own with a rule's `cues` parameter.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import compress
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
    """Cue patterns searched as one, each only where the words it needs are.

    A lexicon of a hundred wordings costs a regular-expression engine a hundred tries at every
    character of every line: a line that held one common word of theirs ("from", "this") took a
    third of a millisecond, and an audit a tenth of its time there. Every cue needs one of a few
    literal words ("published", "source", "出典"), so a line is first asked which of the lexicon's
    words it holds (a substring test each, in C), then searched only for the cues those words allow,
    most often none or three of ninety. A cue whose words cannot be told makes every line
    searched for every cue: the pre-check never hides a match."""

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.patterns = tuple(patterns)
        self.pattern = re.compile("|".join(patterns))
        needed = [_needed_literals(list(_parser.parse(pattern))) for pattern in patterns]
        # a word -> the cues that need it (or another of theirs); None: some cue's words cannot be told.
        # Lines are searched folded (in lower case), so without IGNORECASE, which would make it slow.
        self.cues_needing: dict[str, list[int]] | None = None
        if all(needed):
            self.cues_needing = {}
            for index, literals in enumerate(needed):
                for word in {literal.lower() for literal in literals}:
                    self.cues_needing.setdefault(word, []).append(index)
        # an ASCII line (most lines, once folded) can hold none of the others: the lexicon's words in Chinese,
        # Hindi or Arabic are not looked for in English, nor English ones in Thai
        self._ascii_words = [word for word in self.cues_needing or () if word.isascii()]

    def search(self, text: str) -> re.Match | None:
        """The first cue in folded text (textfold.fold), as the patterns' union would find it: a cue whose
        words the text lacks cannot match, and leaving it out moves no match."""
        if self.cues_needing is None:
            return self.pattern.search(text)
        words = self._ascii_words if text.isascii() else self.cues_needing
        present = compress(words, map(text.__contains__, words))
        possible = {index for word in present for index in self.cues_needing[word]}
        if not possible:
            return None
        return _union(tuple(self.patterns[index] for index in sorted(possible))).search(text)


@lru_cache(maxsize=256)
def _union(patterns: tuple[str, ...]) -> re.Pattern:
    """Patterns compiled as one, in their order (the first that matches at a place wins, as in the lexicon)."""
    return re.compile("|".join(patterns))


MIN_CUE_WORD_CHARS = 2  # a cue word shorter than this would let almost every line through


def _needed_literals(items: list) -> set[str] | None:
    """Strings one of which every match of a parsed pattern holds; None when none can be named."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(found: set[str] | None) -> None:
        nonlocal best
        shortest = min(map(len, found)) if found else 0
        if shortest >= MIN_CUE_WORD_CHARS and (best is None or shortest > min(map(len, best))):
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

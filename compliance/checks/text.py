"""text: the page carries a required passage (a notice, a licence statement).

What it does
    Passes when the page holds a passage whose similarity to `text`, after
    folding typography and case, is at least `min-similarity` (0–1, default
    0.95), and that says what `text` says: a passage that drops or adds a
    negation ("not", "without", "never", "don't" …) or changes a number fails
    however alike it is. The passage may span several paragraphs or `<br>`
    lines. The finding quotes the best passage found and what differs.

Why
    Fair-use notices, disclaimers and licence statements must be reproduced
    as written: a truncated or reworded notice no longer says what it must.
    The threshold forgives a slip of a word or two, but "has not always been
    authorized" made "has always been authorized" is 98% alike and says the
    opposite; so does a licence's "4.0" made "3.0".

Example
    text: "{notice-site} contains copyrighted material the use of which has not …"
    min-similarity: 0.95

Fix
    Replace the passage with the required text (the finding's diff shows the changes).
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz

from ..alignment.align import MIN_RUN, Run, align
from ..alignment.context import Context
from ..alignment.wdiff import word_diff
from ..findings import Finding
from ..policy import Rule
from ..reading.textfold import words
from .base import block_evidence, finding, missing_variables, quote, share

ID = "text"
CODE = "CMP004"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "text": {"type": "string", "minLength": 1, "description": "The required passage; may use {variables}."},
    "min-similarity": share("Least similarity (0–1) of the best passage to `text`."),
}
REQUIRED = ("text",)
DEFAULTS = {"min-similarity": 0.95}
NEGATIONS = frozenset({"not", "no", "never", "without", "nor", "none", "neither", "cannot"})  # and "…n't"


def check(rule: Rule, context: Context) -> Finding:
    required, missing = context.value(rule, "text")
    if required is None:
        return finding(rule, False, f"Cannot check the passage: {missing_variables(missing)}", context.variables)
    target = words(required).norms
    page = context.page
    span = best_passage(target, page.words.norms)
    if span is None:
        return finding(
            rule, False, f"The required passage is missing: {quote(required, 120)}", context.variables, fix=required
        )
    first, last = span
    found = page.quote(first, last)
    similarity = fuzz.ratio(" ".join(target), " ".join(page.words.norms[first : last + 1])) / 100
    block = page.blocks[page.word_blocks[first]]
    details = {
        "evidence": block_evidence(block, found),
        "metrics": {"similarity": round(similarity, 3)},
        "claims": [range(first, last + 1)],
    }
    changed = meaning_changes(target, page.words.norms[first : last + 1])
    needed = rule.params["min-similarity"]
    if similarity >= needed and not changed:
        return finding(rule, True, f"Found the passage (similarity {similarity:.2f})", context.variables, **details)
    if similarity >= needed:
        message = (
            f"The passage is {similarity:.1%} like the required text but says otherwise ({changed}): "
            f"{word_diff(required, found)}"
        )
    else:
        message = (
            f"The passage differs from the required text (similarity {similarity:.2f}, "
            f"needs {needed:.2f}): {word_diff(required, found)}"
        )
    return finding(rule, False, message, context.variables, fix=required, **details)


def meaning_changes(required: list[str], found: list[str]) -> str:
    """The negations and numbers the passage found drops or adds against the required one (folded words), in
    words ('drops "not"; adds "3"'); "" when it keeps them all."""
    wanted, given = Counter(filter(_carries_meaning, required)), Counter(filter(_carries_meaning, found))
    dropped, added = wanted - given, given - wanted
    parts = [
        f"{verb} {', '.join(f'“{word}”' for word in sorted(changed))}"
        for verb, changed in (("drops", dropped), ("adds", added))
        if changed
    ]
    return "; ".join(parts)


def _carries_meaning(word: str) -> bool:
    """A word whose change turns what a passage says: a negation, or a number."""
    return word in NEGATIONS or word.endswith("n't") or any(character.isdigit() for character in word)


def best_passage(target: list[str], page: list[str]) -> tuple[int, int] | None:
    """First and last page word of the densest cluster of runs shared with `target`."""
    runs = sorted(align(target, page, min(MIN_RUN, len(target))), key=lambda run: run.page)
    if not runs:
        return None
    clusters: list[list[Run]] = [[runs[0]]]
    for run in runs[1:]:
        previous = clusters[-1][-1]
        if run.page - (previous.page + previous.length) > len(target):
            clusters.append([])
        clusters[-1].append(run)
    best = max(clusters, key=lambda cluster: sum(run.length for run in cluster))
    return best[0].page, max(run.page + run.length for run in best) - 1


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    return f"Carry this passage ({params['min-similarity']:.0%} alike or more): “{params['text']}”"

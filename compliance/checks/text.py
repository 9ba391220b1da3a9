"""text: the page carries a required passage (a notice, a licence statement).

What it does
    Passes when the page holds a passage whose similarity to `text`, after
    folding typography and case, is at least `min-similarity` (0–1, default
    0.95). The passage may span several paragraphs or `<br>` lines. The
    finding quotes the best passage found and what differs.

Why
    Fair-use notices, disclaimers and licence statements must be reproduced
    as written: a truncated or reworded notice no longer says what it must.

Example
    text: "{notice-site} contains copyrighted material the use of which has not …"
    min-similarity: 0.95

Fix
    Replace the passage with the required text (the finding's diff shows the changes).
"""

from __future__ import annotations

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
    if similarity >= rule.params["min-similarity"]:
        return finding(rule, True, f"Found the passage (similarity {similarity:.2f})", context.variables, **details)
    message = (
        f"The passage differs from the required text (similarity {similarity:.2f}, "
        f"needs {rule.params['min-similarity']:.2f}): {word_diff(required, found)}"
    )
    return finding(rule, False, message, context.variables, fix=required, **details)


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

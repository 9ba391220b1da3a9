"""headline: the page keeps the source's headline.

What it does
    Compares the page's headline — its first `<h1>`, its `og:title`, or its
    `<title>` with the site's name cut off — with `title` (by default
    `{source.title}`, itself without a site name) after folding typography
    and case; passes when the best pair is at least `min-similarity` alike.

Why
    Terms that forbid edits (ND licences, "no changes beyond style") cover
    the headline; a rewritten headline changes what the author said.

Example
    title: "{source.title}"
    min-similarity: 0.9

Fix
    Restore the original headline (the finding shows what differs).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..alignment.context import Context
from ..alignment.wdiff import word_diff
from ..findings import Finding
from ..policy import Rule
from ..reading.textfold import word_string
from .base import block_evidence, finding, missing_variables, share

ID = "headline"
CODE = "CMP007"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "title": {"type": "string", "minLength": 1, "description": "The original headline; may use {variables}."},
    "min-similarity": share("Least similarity (0–1) of the page's headline to `title`."),
}
REQUIRED = ()
DEFAULTS = {"title": "{source.title}", "min-similarity": 0.9}
SITE_SEPARATOR = re.compile(r"\s+[|–—:·•-]\s+")


def headline_variants(title: str) -> list[str]:
    """A title and its parts around a site-name separator ("Headline | Site", "Headline - Site")."""
    parts = [p for p in SITE_SEPARATOR.split(title) if p.strip()]
    return [title, *parts] if len(parts) > 1 else [title]


def check(rule: Rule, context: Context) -> Finding:
    wanted, missing = context.value(rule, "title")
    if wanted is None:
        return finding(rule, False, f"Cannot check the headline: {missing_variables(missing)}", context.variables)
    page = context.page
    h1 = next((i for i, b in enumerate(page.blocks) if b.heading == "h1"), None)
    candidates = [page.blocks[h1].text] if h1 is not None else []
    candidates += [t for t in (page.metadata.headline, page.metadata.title) if t]
    if not candidates:
        return finding(
            rule,
            False,
            "The page has no headline (no <h1>, og:title or <title>)",
            context.variables,
            fix=f"<h1>{wanted}</h1>",
        )
    score, found, target = max(
        (fuzz.ratio(word_string(c), word_string(w)) / 100, c, w)
        for candidate in candidates
        for c in headline_variants(candidate)
        for w in headline_variants(wanted)
    )
    evidence = block_evidence(page.blocks[h1]) if h1 is not None else {"text": found}
    if score >= rule.params["min-similarity"]:
        return finding(rule, True, f"Keeps the headline (similarity {score:.2f})", context.variables, evidence=evidence)
    message = f"The headline differs from the original (similarity {score:.2f}): {word_diff(target, found)}"
    return finding(rule, False, message, context.variables, evidence=evidence, fix=f"<h1>{target}</h1>")


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    return f"Keep the original headline {params['title']} ({params['min-similarity']:.0%} alike or more)."

"""changes-noted: when the article was changed, the page says so.

What it does
    Measures the body as the `body` check does; when sentences were altered or
    text was added inside the article, passes only if a visible statement says
    the work was changed ("This article has been edited for length", "Adapted
    from …", "Changes were made"). An unchanged article passes with nothing to
    note, and so does an excerpt: passages left out, the rest as it was.

Why
    CC BY and BY-SA require indicating whether the material was modified;
    many syndication terms ask the same of edits they allow. Sharing a part
    is not modifying: CC 4.0 licenses reproducing and sharing the material "in
    whole or in part" (section 2(a)(1)(A)), so an excerpt owes no notice.

Example
    check: changes-noted
    passes:  <p>This article has been condensed for length.</p> under an edited article

Fix
    Add a line saying the article was edited, e.g. `<p>This article has been edited for length.</p>`.
"""

from __future__ import annotations

import re

from ..alignment.context import Context
from ..findings import Finding
from ..policy import Rule
from . import body
from .base import block_evidence, finding, pattern_list, quote, user_patterns

ID = "changes-noted"
CODE = "CMP009"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 1
PARAMETERS = {
    "cues": pattern_list("Extra wordings of a change notice (regular expressions, case-insensitive)."),
}
REQUIRED = ()
DEFAULTS = {"cues": []}
CHANGE_CUES = (
    r"\b(?:has|have|was|were|is|are) been (?:edited|condensed|shortened|abridged|adapted|updated|modified|changed"
    r"|excerpted|trimmed|translated|revised)\b",
    r"\b(?:edited|condensed|shortened|abridged|trimmed) for (?:length|clarity|style|space|brevity)\b",
    r"\badapted (?:from|by|for)\b",
    r"\bchanges (?:were|have been|has been) made\b",
    r"\b(?:modified|excerpted|translated) from\b",
    r"\b(?:traducido|traducción|traduit|traduction|übersetzt|tradotto|traduzido|vertaald)"
    r" (?:de|del|du|de l'|aus|dal|do|uit)\b",
    r"\bthis is an? (?:excerpt|edited version|abridged version|adaptation)\b",
    r"\b(?:an )?excerpt (?:of|from)\b",
    r"\bthis (?:article|story|version|piece) (?:is|was) (?:edited|abridged|adapted|shortened)\b",
)
MAX_UNCHANGED_ADDITION = 12  # words of labels ("Advertisement") inside an article, not an edit


def check(rule: Rule, context: Context) -> Finding:
    reproduction = body.measure(context)
    if isinstance(reproduction, str):
        return finding(rule, False, f"Not checked: {reproduction}", context.variables)
    metrics = reproduction.metrics
    changed = metrics["altered"] > 0 or metrics["added_words"] > MAX_UNCHANGED_ADDITION
    if not changed:
        kept = "" if metrics["coverage"] >= 1 else f" ({metrics['coverage']:.0%} of it: an excerpt is no change)"
        return finding(rule, True, f"The article is reproduced unchanged{kept}: nothing to note", context.variables)
    pattern = re.compile("|".join([*CHANGE_CUES, *user_patterns(rule.params["cues"])]))
    notices = context.statements(pattern)
    what = f"{metrics['altered']} altered sentences, {metrics['added_words']} added words"
    if notices:
        block = context.page.blocks[notices[0].block]
        return finding(
            rule,
            True,
            f"The changes ({what}) are noted: {quote(notices[0].text)}",
            context.variables,
            evidence=block_evidence(block, notices[0].text),
        )
    return finding(
        rule,
        False,
        f"The article was changed ({what}) but the page does not say so",
        context.variables,
        fix="<p>This article has been edited for length.</p>",
    )


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    return "When the article was edited or added to, say so on the page (“This article has been edited …”)."

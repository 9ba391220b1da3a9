"""byline: the authors (and their institutions, where required) are credited in a byline.

What it does
    Passes when every name in `names` — and every one of `institutions`, if
    given — appears in a byline: a line near the headline (within `window`
    blocks of the first `<h1>`), a line that starts with "By", or the credit
    statement. Names that only appear inside the article text do not count.

Why
    Terms such as The Conversation's ask republishers to credit the authors
    and their institutions, ideally in the byline; a story without its
    author's name misattributes the work.

Example
    names: ["{source.author}"]
    institutions: ["University of Leeds"]

Fix
    Add a byline under the headline: `<p class="byline">By Ana Ruiz, University of Leeds</p>`.
"""

from __future__ import annotations

import re

from ..context import Context
from ..findings import Finding
from ..policy import Rule
from ..statements import names_in
from ..textfold import fold
from .attribution import CREDIT_CUE
from .base import finding, missing_variables, string_list

ID = "byline"
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "names": string_list("Author names, all of which the byline must carry; may use {variables}."),
    "institutions": {
        "type": "array",
        "items": {"type": "string"},
        "description": "Institutions the byline must also carry.",
    },
    "window": {"type": "integer", "minimum": 1, "description": "How many blocks after the headline count as byline."},
}
REQUIRED = ("names",)
DEFAULTS = {"institutions": [], "window": 3}
BY_LINE = re.compile(r"^\W*(?:by|words by|written by|story by|reporting by)\b", re.I)


def check(rule: Rule, context: Context) -> Finding:
    names, missing = context.alternatives(rule, "names")
    if not names:
        return finding(rule, False, f"Cannot check the byline: {missing_variables(missing)}", context.variables)
    institutions, _ = context.alternatives(rule, "institutions")
    lines = _byline_lines(context, rule.params["window"])
    text = "\n".join(lines)
    absent = [n for n in [*names, *institutions] if not names_in(text, [n])]
    if not absent:
        return finding(rule, True, f"The byline credits {', '.join([*names, *institutions])}", context.variables)
    return finding(
        rule,
        False,
        f"No byline credits {', '.join(absent)}",
        context.variables,
        fix=f'<p class="byline">By {", ".join(names)}{", " if institutions else ""}{", ".join(institutions)}</p>',
    )


def _byline_lines(context: Context, window: int) -> list[str]:
    """Lines a reader takes for a byline: near the headline, starting with "By", or the credit."""
    page = context.page
    h1 = next((i for i, b in enumerate(page.blocks) if re.search(r"(?:^|> )h1(?:[.#:]|$)", b.path)), None)
    near = set(range(h1, h1 + window + 1)) if h1 is not None else set()
    lines = []
    for index, block in enumerate(page.blocks):
        if context.is_article_text(block.start, block.start + len(block.text)):
            continue
        for line in block.text.split("\n"):
            if index in near or BY_LINE.match(line) or CREDIT_CUE.search(fold(line)):
                lines.append(line)
    return lines


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    who = ", ".join([*params["names"], *params.get("institutions", [])])
    return f"Credit {who} in a byline near the headline or in the credit line."

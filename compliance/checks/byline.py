"""byline: the authors (and their institutions, where required) are credited in a byline.

What it does
    Passes when every name in `names` appears in a byline: a line near the
    headline (within `window` blocks of the first `<h1>`), a line that starts
    with "By" or with the author's name ("Ana Ruiz, University of Leeds"), or
    the credit statement; and every one of `institutions`, if
    given, stands with an author, in the author's line or the line after it
    ("By Ana Ruiz, CalMatters"). Names that only appear inside the article
    text do not count. An institution left unknown (its variable unset) is
    not checked, and the finding says so.

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

from ..alignment.context import Context
from ..alignment.statements import is_short_line, names_in, normalize_name
from ..findings import Finding
from ..policy import Rule
from ..reading.textfold import fold
from .attribution import CREDIT_CUE
from .base import finding, missing_variables, string_list

ID = "byline"
CODE = "CMP008"  # stable: in suppressions, baselines and SARIF; never reused
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
MAX_NAME_LINE_WORDS = 20  # a byline names people and places; a longer line is a sentence
BY_LINE = re.compile(r"^\W*(?:by|words by|written by|story by|reporting by)\b", re.I)


def check(rule: Rule, context: Context) -> Finding:
    names, missing = context.alternatives(rule, "names")
    if not names:
        return finding(rule, False, f"Cannot check the byline: {missing_variables(missing)}", context.variables)
    institutions, unknown = context.alternatives(rule, "institutions")
    lines = _byline_lines(context, rule.params["window"], names)
    absent = [name for name in names if not names_in("\n".join(text for _, text in lines), [name])]
    apart = [place for place in institutions if not _beside_an_author(place, names, lines)]
    fix = f'<p class="byline">By {", ".join(names)}{", " if institutions else ""}{", ".join(institutions)}</p>'
    if absent:
        return finding(rule, False, f"No byline credits {', '.join(absent + apart)}", context.variables, fix=fix)
    if apart:
        message = f"The byline credits {', '.join(names)} but not {', '.join(apart)} beside the name"
        return finding(rule, False, message, context.variables, fix=fix)
    note = f" (institution not checked: {missing_variables(unknown)})" if unknown else ""
    return finding(rule, True, f"The byline credits {', '.join([*names, *institutions])}{note}", context.variables)


def _beside_an_author(institution: str, names: list[str], lines: list[tuple[int, str]]) -> bool:
    """Whether an institution stands in an author's line or the line after it ("By Ana Ruiz, CalMatters"):
    a credit line naming the publisher elsewhere on the page is no byline."""
    for index, (position, line) in enumerate(lines):
        if not names_in(line, names):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        after = following[1] if following and following[0] == position + 1 else ""
        if names_in(f"{line}\n{after}", [institution]):
            return True
    return False


def _byline_lines(context: Context, window: int, names: list[str]) -> list[tuple[int, str]]:
    """Lines a reader takes for a byline (near the headline, starting with "By" or with an author's name,
    or the credit), each with its position among the page's lines. A byline is short, which is told first:
    a page's one paragraph may be megabytes, and folding or splitting it would copy it ten times over."""
    page = context.page
    openings = [normalize_name(name) for name in names]
    h1 = next((i for i, b in enumerate(page.blocks) if b.heading == "h1"), None)
    near = set(range(h1, h1 + window + 1)) if h1 is not None else set()
    lines, position = [], 0
    for index, block in enumerate(page.blocks):
        block_lines = block.text.split("\n")
        if not context.is_article_text(block.start, block.start + len(block.text)):
            for offset, line in enumerate(block_lines):
                if is_short_line(line) and (index in near or _reads_as_byline(line, openings)):
                    lines.append((position + offset, line))
        position += len(block_lines)
    return lines


def _reads_as_byline(line: str, openings: list[str]) -> bool:
    """Wherever it stands: "By …", a credit, or an author's name opening the line."""
    return bool(BY_LINE.match(line) or CREDIT_CUE.search(fold(line)) or _opens(line, openings))


def _opens(line: str, names: list[str]) -> bool:
    """A short line opening with an author's name ("Ana Ruiz, University of Leeds"): a byline by its shape."""
    if len(line.split()) > MAX_NAME_LINE_WORDS:
        return False
    opening = normalize_name(line)
    return any(name and (opening + " ").startswith(name + " ") for name in names)


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    institutions = params.get("institutions", [])
    beside = f", with {', '.join(institutions)} beside the name" if institutions else ""
    return f"Credit {', '.join(params['names'])} in a byline near the headline or in the credit line{beside}."

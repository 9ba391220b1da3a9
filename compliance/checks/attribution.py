"""attribution: the page credits the original source.

What it does
    Passes when a credit statement names one of `names`: a line or sentence
    that pairs a credit cue ("Originally published by", "The original source
    of this article is", "Source:", "Reprinted with permission from",
    "Courtesy of", "This story first appeared in", "Quoted from", "Continue
    reading at", "Publicado originalmente en", "本文原载于", "साभार", …) with
    the name, which may be a link's text. The cues are data,
    `rules/lexicon/credit-cues.yaml`, in 25 languages; a rule adds its own
    with `cues`. A photo's or a chart's credit ("Photo source: …", "Image
    courtesy of …") credits no article. A label left hanging
    at the end of its line ("Originally published by:") takes the next line
    (of its block, or the next block's first) as its name, or the linked logo
    closing its block ("Originally published by [logo]"), named to a reader by
    its image's `alt` or its `aria-label`. Names are
    compared without a leading "The", case, punctuation or accents ("El Pais"
    names "El País"), by their initials in capitals ("AP" names "The
    Associated Press"; "The Wall Street Journal" names "WSJ"), and a site
    named for its news section by what it stands for ("BBC" names "BBC News").
    A name in a script written without spaces (Japanese, Thai) may stand
    anywhere in its line, a Korean one before its particle ("데일리뉴스에"),
    and a Hebrew one after a preposition ("בהארץ").

Why
    Every republishing licence and syndication agreement requires the
    original publisher to be credited where readers see it. A copyright
    notice alone is not a credit, and neither is the name inside the article
    text; hidden text (`display:none`, `hidden`, comments, off-screen or
    zero-size text) is not seen.

Example
    names: ["{source.publisher}", "{source.author}"]
    passes:  <p>Originally published at <a href="https://…">Connecticut Post</a>.</p>
    fails:   <p><a href="https://…">Read the original article</a></p>

Fix
    Add a visible credit line naming the source, e.g.
    `<p>Originally published by <a href="{source.url}">{source.publisher}</a>.</p>`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..alignment.context import Context
from ..alignment.statements import Statement, is_short_line, names_in
from ..findings import Finding
from ..policy import Rule
from ..policy.lexicon import Cues, credit_cues, media_words
from ..reading.document import Document, Link
from ..reading.textfold import fold
from .base import (
    block_evidence,
    finding,
    hidden_finding,
    hidden_mention,
    missing_variables,
    pattern_list,
    quote,
    string_list,
    user_patterns,
)

ID = "attribution"
CODE = "CMP001"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "names": string_list("Names any one of which the credit must name; may use {variables}."),
    "cues": pattern_list("Extra credit wordings (regular expressions, case-insensitive)."),
    "placement": {
        "enum": ["any", "top", "bottom"],
        "description": "Where the credit must stand relative to the article.",
    },
}
REQUIRED = ("names",)
DEFAULTS = {"placement": "any", "cues": []}

CREDIT_CUES = credit_cues()  # rules/lexicon/credit-cues.yaml
CREDIT_CUE = Cues(CREDIT_CUES)
MEDIA_CREDIT = re.compile(rf"(?:^|\W)(?:{'|'.join(map(re.escape, media_words()))})s?\W*$")
# a credit label awaiting its name: "Originally published by", "In partnership with", "Source:"
_HANGING = re.compile(r"(?:(?:^|\s)(?:by|in|on|at|from|of|via|with|for|is|was)|:)\W*$")


def check(rule: Rule, context: Context) -> Finding:
    names, missing = context.alternatives(rule, "names")
    if not names:
        return finding(rule, False, f"Cannot check the credit: {missing_variables(missing)}", context.variables)
    cue = _cue_pattern(rule)
    credits = [s for s in context.statements(cue) if article_credit_cue(fold(s.text), cue)]
    placed = [s for s in credits if _placed(s, rule.params["placement"], context)]
    for statement in placed:
        if logo := _logo_after(statement, context.page):
            if not (named := names_in(logo.logo, names)):
                continue  # the label's name is the logo's, another's: not the next line's
            block = context.page.blocks[statement.block]
            message = f"Credits {named[0]} by its logo: {quote(statement.text)}, then a linked logo named “{logo.logo}”"
            return finding(rule, True, message, context.variables, evidence=block_evidence(block, statement.text))
        text, end = _completed(statement, context.page)
        if found := names_in(text, names):
            block = context.page.blocks[statement.block]
            return finding(
                rule,
                True,
                f"Credits {found[0]}: {quote(text)}",
                context.variables,
                evidence=block_evidence(block, statement.text),
                claims=[context.page.words_between(statement.start, end)],
            )
    return _failure(rule, context, names, credits, placed)


def _completed(statement: Statement, page: Document) -> tuple[str, int]:
    """The credit's text and where it ends: a label left hanging at the end of its line ("Originally
    published by:") goes on into the next line, of its block or else of the next block, where a template
    puts the name."""
    block = page.blocks[statement.block]
    block_end = block.start + len(block.text)
    if not _HANGING.search(fold(statement.text)):
        return statement.text, statement.end
    if statement.end < block_end and page.text[statement.end] == "\n":  # a credit box's label, then `<br>`
        start = statement.end + 1
    elif statement.end == block_end and statement.block + 1 < len(page.blocks):
        start = page.blocks[statement.block + 1].start
    else:
        return statement.text, statement.end
    end = page.text.find("\n", start)
    line = page.text[start : end if end >= 0 else len(page.text)]
    if not is_short_line(line):
        return statement.text, statement.end
    return f"{statement.text} {line}", start + len(line)


def _logo_after(statement: Statement, page: Document) -> Link | None:
    """The linked logo that names a label left hanging at the end of its block ("Originally published by
    [logo]"): the block's last link showing no text, named by its image's `alt` or its `aria-label`."""
    block = page.blocks[statement.block]
    if statement.end != block.start + len(block.text) or not _HANGING.search(fold(statement.text)):
        return None
    return next((link for link in reversed(page.links) if link.logo and link.block == statement.block), None)


def _cue_pattern(rule: Rule) -> Cues:
    extra = user_patterns(rule.params["cues"])
    return Cues([*CREDIT_CUES, *extra]) if extra else CREDIT_CUE


def _placed(statement: Statement, placement: str, context: Context) -> bool:
    """Whether a statement stands where `placement` requires: above or below the article."""
    if placement == "any":
        return True
    article = sorted(context.article_blocks)
    if article:
        first, last = article[0], article[-1]
    else:
        first = last = len(context.page.blocks) // 2
    return statement.block < first if placement == "top" else statement.block > last


def _failure(
    rule: Rule, context: Context, names: list[str], credits: list[Statement], placed: list[Statement]
) -> Finding:
    wanted = " or ".join(names)
    fix = f'<p>Originally published by <a href="{context.variables.get("source.url", "URL")}">{names[0]}</a>.</p>'
    misplaced = [s for s in credits if s not in placed and names_in(s.text, names)]
    if misplaced:
        block = context.page.blocks[misplaced[0].block]
        where = "above" if rule.params["placement"] == "top" else "below"
        message = f"The credit to {wanted} must stand {where} the article: {quote(misplaced[0].text)}"
        return finding(
            rule, False, message, context.variables, evidence=block_evidence(block, misplaced[0].text), fix=fix
        )
    if hidden := hidden_mention(context.page, _cue_pattern(rule), names):
        return hidden_finding(rule, context, f"A credit to {wanted}", hidden, fix)
    if placed:
        statement = placed[-1]
        block = context.page.blocks[statement.block]
        message = f"The credit names someone else, not {wanted}: {quote(statement.text)}"
        return finding(rule, False, message, context.variables, evidence=block_evidence(block, statement.text), fix=fix)
    message = f"No visible credit to {wanted} (a line such as “Originally published by {names[0]}”)"
    return finding(rule, False, message, context.variables, fix=fix)


def in_credit_line(page: Document, link: Link) -> bool:
    """Whether a link sits in a short line with a credit cue ("The original source of this article is …")."""
    if link.block is None:
        return False
    return any(link.text in line for line in _credit_lines(page.blocks[link.block].text))


@lru_cache(maxsize=64)
def _credit_lines(text: str) -> tuple[str, ...]:
    """A block's short lines with a credit cue, found once however many links the block holds (a page of
    50,000 links in one paragraph asks 50,000 times)."""
    lines = (line for line in text.split("\n") if is_short_line(line))
    return tuple(line for line in lines if article_credit_cue(fold(line)))


def article_credit_cue(folded_line: str, cues: Cues = CREDIT_CUE) -> re.Match | None:
    """The credit cue of a line that credits the article; a photo's or a chart's ("Photo source: …",
    "Image courtesy of …") credits something else."""
    cue = cues.search(folded_line)
    if cue and MEDIA_CREDIT.search(folded_line[: cue.start()]):
        return None
    return cue


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    where = {"any": "", "top": " above the article", "bottom": " below the article"}[params.get("placement", "any")]
    return (
        f"Credit {' or '.join(params['names'])} as the original source{where}, in a visible line such as "
        "“Originally published by …”."
    )

"""`compliance fix`: repair a republished page minimally and safely, as ruff's `--fix` does code.

Each fix is an edit of the page's own text (fixers.py says which rules have one
and what they do); every byte outside the edited ranges stays as it was: the
page is read in its own encoding, byte for byte (undecodable bytes kept as
they were), and written back in it, with its own line endings. Fixes that
overlap wait for a later pass; the page is checked again after each pass, up
to MAX_PASSES, and a pass that does not bring the page closer to passing is
dropped and reported, never looped. A page whose text, outside what was fixed, would read differently after
the edits (a fix that broke its markup) is not written. Fixing a fixed page
changes nothing.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..alignment.context import Context
from ..engine import Checker, Job, resolve_variables
from ..errors import ComplianceError
from ..findings import PageResult
from ..reading import decoded, page_kind, parse_bytes, read_bytes
from ..reading.document import Block, Document
from ..reading.textfold import fold
from .edits import MARKDOWN_ESCAPE, Edit, apply_edits, unified_diff, visible_letters
from .fixers import FIXERS, Fixing

MAX_PASSES = 3
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_UNESCAPED_TAG = re.compile(r"(?<!\\)<[^>]*>")


@dataclass
class FixOutcome:
    """What fixing one page did: the edits applied, the text before and after, and the check afterwards."""

    page: str
    source: PageText  # how the page's bytes hold its text, to write it back the same way
    before: str
    after: str
    applied: list[Edit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # fixes that could not be made, and why
    result: PageResult | None = None  # the page checked after the fixes

    @property
    def changed(self) -> bool:
        return self.after != self.before

    def diff(self) -> str:
        return unified_diff(self.before, self.after, self.page)

    @property
    def fixes(self) -> list[dict]:
        """The edits applied, as reports list them."""
        return [{"rule": e.rule, "code": e.code, "fix": e.description, "unsafe": e.unsafe} for e in self.applied]


@dataclass
class PageText:
    """A page's text exactly as its bytes hold it, and how to write it back the same way."""

    prefix: bytes  # a byte-order mark
    encoding: str
    text: str
    markdown: bool

    @classmethod
    def read(cls, location: str, checker: Checker) -> PageText:
        data = read_bytes(location, checker.fetcher)
        kind = page_kind(location, data)
        if kind == "text":
            raise ComplianceError(f"{location}: plain text; only HTML and Markdown pages are fixed")
        markdown = kind == "markdown"
        _, encoding, start = decoded(data, is_html=not markdown)
        try:
            text = data[start:].decode(encoding, "surrogateescape")  # undecodable bytes kept, to write back
        except UnicodeDecodeError:  # a multi-byte encoding with broken sequences: not safely editable
            raise ComplianceError(f"{location}: not valid {encoding}; fix it by hand") from None
        return cls(data[:start], encoding, text, markdown)

    def encode(self, text: str) -> bytes:
        """The text in the page's own encoding (its undecodable bytes as they were); new characters the
        encoding lacks become character references in HTML ("©" in an ASCII page is "&#169;")."""
        try:
            return self.prefix + text.encode(self.encoding, "surrogateescape")
        except UnicodeEncodeError:
            if self.markdown:
                raise ComplianceError(f"the fix needs characters {self.encoding} cannot write") from None
            referenced = "".join(_referenced(character, self.encoding) for character in text)
            return self.prefix + referenced.encode(self.encoding, "surrogateescape")


def _referenced(character: str, encoding: str) -> str:
    try:
        character.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        return f"&#{ord(character)};"
    return character


def fix_page(checker: Checker, job: Job, unsafe: bool = False) -> FixOutcome:
    """Fix one page (in memory: the caller writes `after`); its check afterwards is in `result`.

    A pass is kept only when it brings the page closer to passing (fewer failing rules, or fewer passages
    wrong in a failing one); one that does not is dropped and fixing stops, so a fix never loops."""
    source = PageText.read(job.location, checker)
    outcome = FixOutcome(job.page, source, source.text, source.text)
    fixing, result = _checked(checker, job, source, outcome.after)
    for passes in range(MAX_PASSES + 1):
        edits = _edits(result, fixing, unsafe, outcome)
        if not edits:
            break
        if passes == MAX_PASSES:
            outcome.problems.append(f"fixes did not settle in {MAX_PASSES} passes; the rest is left as it is")
            break
        after = apply_edits(outcome.after, edits)
        after_page = _document(source, after, job)
        blocks = fixing.page.blocks, after_page.blocks
        if problem := _reads_differently(job, *blocks, outcome.after, after, edits, source.markdown):
            outcome.problems.append(problem)
            break
        next_fixing, next_result = _checked(checker, job, source, after, after_page)
        if _still_wrong(next_result) >= _still_wrong(result):
            rules = ", ".join(sorted({edit.rule for edit in edits}))
            outcome.problems.append(f"{rules}: the fixes would not bring the page closer to passing; not made")
            break
        outcome.after, outcome.applied = after, outcome.applied + edits
        fixing, result = next_fixing, next_result
    outcome.result = result
    return outcome


def _still_wrong(result: PageResult) -> tuple[int, float]:
    """How far a page is from passing: its failing rules, then how wrong they are (for the body: sentences
    altered, a tenth for each word added, ten for all of the article missing)."""
    failing = [finding for finding in result.findings if finding.fails]
    return len(failing), round(sum(_distance(finding.metrics) for finding in failing), 6)


def _distance(metrics: dict | None) -> float:
    if not metrics or "coverage" not in metrics:
        return 1.0
    return metrics.get("altered", 0) + metrics.get("added_words", 0) / 10 + (1 - metrics["coverage"]) * 10


def write_fixed(outcome: FixOutcome, location: str) -> None:
    """Write a fixed page back in its own encoding."""
    try:
        Path(location).write_bytes(outcome.source.encode(outcome.after))
    except OSError as error:
        raise ComplianceError(f"{location}: cannot write ({error.strerror or error})") from None


def _document(source: PageText, text: str, job: Job) -> Document:
    return parse_bytes(source.encode(text), job.location, kind="markdown" if source.markdown else "html")


def _checked(
    checker: Checker, job: Job, source: PageText, text: str, page: Document | None = None
) -> tuple[Fixing, PageResult]:
    """The page as it stands (parsed from `text` unless given), checked, with what its fixers need."""
    terms = checker.terms(page or _document(source, text, job), job)
    variables = resolve_variables(terms.policy, terms.page, terms.source, terms.variables)
    context = Context(terms.page, terms.source, variables, terms.source_problem)
    result = checker.check(job, terms.page)
    return Fixing(text, source.markdown, terms.page, context, {rule.id: rule for rule in terms.policy.rules}), result


def _edits(result: PageResult, fixing: Fixing, unsafe: bool, outcome: FixOutcome) -> list[Edit]:
    """This pass's edits: one fixer a failing rule, in the policy's order; overlapping ones wait."""
    if result.error:
        raise ComplianceError(result.error)
    chosen: list[Edit] = []
    for finding in result.findings:
        fixer = FIXERS.get(finding.check)
        rule = fixing.rules.get(finding.rule)
        if not finding.fails or fixer is None or rule is None:
            continue
        for edit in fixer(finding, rule, fixing):
            if edit.unsafe and not unsafe:
                note = f"{edit.rule}: {edit.description} (an unsafe fix: --unsafe-fixes)"
                outcome.problems += [note] if note not in outcome.problems else []
            elif not any(edit.overlaps(other) for other in chosen):
                chosen.append(edit)
    return chosen


def _reads_differently(
    job: Job,
    old_blocks: list[Block],
    new_blocks: list[Block],
    before: str,
    after: str,
    edits: list[Edit],
    markdown: bool,
) -> str | None:
    """Why the edited page cannot be written, or None. Parsed before and after, the page must read the same
    outside what was edited: every block but those the edits put in, took out or showed, or, for edits
    inside a block, every block but those on the edited lines, in the same order."""
    if _same_but_edited_text(old_blocks, new_blocks, before, edits, markdown) or _same_off_edited_lines(
        old_blocks, new_blocks, before, after, edits
    ):
        return None
    return f"{job.page}: the fixes would change how the rest of the page reads; nothing written"


def _same_but_edited_text(old_blocks, new_blocks, before: str, edits: list[Edit], markdown: bool) -> bool:
    """Whether the blocks differ only by blocks made of text the edits took out (old) or put in (new)."""
    old, new = [fold(b.text) for b in old_blocks], [fold(b.text) for b in new_blocks]
    taken = _words(" ".join(before[e.start : e.end] for e in edits), markdown)
    given = _words(" ".join(f"{e.text} {e.shows}" for e in edits), markdown)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        gone = all(_within(text, taken) for text in old[old_start:old_end])
        come = all(_within(text, given) or _within(text, taken) for text in new[new_start:new_end])
        if tag != "equal" and not (gone and come):
            return False
    return True


def _same_off_edited_lines(old_blocks, new_blocks, before: str, after: str, edits: list[Edit]) -> bool:
    """Whether the blocks that start off the edited lines read the same, in the same order, and are most of
    the page (a page on a few long lines says nothing this way)."""
    shift, old_ranges, new_ranges = 0, [], []
    for edit in sorted(edits, key=lambda e: e.start):
        old_ranges.append((edit.start, edit.end))
        new_ranges.append((edit.start + shift, edit.start + shift + len(edit.text)))
        shift += len(edit.text) - (edit.end - edit.start)
    old_kept = _off_lines(old_blocks, before, old_ranges)
    new_kept = _off_lines(new_blocks, after, new_ranges)
    return len(old_kept) * 2 >= len(old_blocks) and old_kept == new_kept


def _off_lines(blocks, text: str, ranges: list[tuple[int, int]]) -> list[str]:
    """The folded texts of the blocks that neither start on an edited line nor hold one (the last block
    starting before it)."""
    touched: set[int] = set()
    lines = [block.line or 0 for block in blocks]
    for start, end in ranges:
        first, last = text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1
        touched.update(i for i, line in enumerate(lines) if first <= line <= last)
        holding = [i for i, line in enumerate(lines) if line < first]
        touched.update(holding[-1:])
    return [fold(block.text) for i, block in enumerate(blocks) if i not in touched]


def _words(markup: str, markdown: bool) -> str:
    """Markup as the letters a reader sees, folded, with no spaces (tags and entities read away; in
    Markdown, links and backslash escapes too: `\\<` is a letter, not a tag)."""
    if not markdown:
        return _squeezed(visible_letters(markup))
    text = _MARKDOWN_LINK.sub(r"\1", _UNESCAPED_TAG.sub("", markup))
    return _squeezed(html.unescape(MARKDOWN_ESCAPE.sub(lambda escape: escape.group()[1], text)))


def _squeezed(text: str) -> str:
    return "".join(fold(text).split())


def _within(text: str, words: str) -> bool:
    """Whether a block's text (as a reader sees it) comes from what an edit put in or took out (see _words)."""
    squeezed = _squeezed(text)
    return bool(squeezed) and squeezed in words

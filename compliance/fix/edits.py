"""Edits on a page's own text, and finding in that text what the document model points at by line.

A fix never re-serialises the page: each is a range of the page's text and
what replaces it, so every byte outside the ranges stays as it was. The
document model knows blocks, links and hidden text by their line; these
helpers find the exact characters on and after that line.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_MARKDOWN_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_STYLE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_HIDDEN_ATTRIBUTE = re.compile(r"""\shidden(?:\s*=\s*(?:""|''|"hidden"|'hidden'|hidden))?(?=[\s/>])""", re.I)


@dataclass(frozen=True)
class Edit:
    """Replace the page's text from `start` to `end` (characters) with `text`, to mend one rule."""

    start: int
    end: int
    text: str
    rule: str
    code: str
    description: str
    unsafe: bool = False
    shows: str = ""  # text the edit shows that was hidden (a credit whose hiding style it removes)

    def overlaps(self, other: Edit) -> bool:
        """Two edits that cannot go in one pass: their ranges share characters (an insertion inside the other's
        range counts; insertions at one point, or at a range's edge, do not)."""
        return self.start < other.end and other.start < self.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with non-overlapping edits applied; insertions at one point go in the order given."""
    ordered = sorted(enumerate(edits), key=lambda item: (item[1].start, item[0]))
    pieces, position = [], 0
    for _, edit in ordered:
        pieces.append(text[position : edit.start])
        pieces.append(edit.text)
        position = max(position, edit.end)
    pieces.append(text[position:])
    return "".join(pieces)


def unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def changed_lines(before: str, after: str) -> int:
    """How many lines a diff touches (removed plus added)."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def line_start(text: str, line: int) -> int:
    """The offset where a 1-based line starts."""
    position = 0
    for _ in range(line - 1):
        found = text.find("\n", position)
        if found < 0:
            return len(text)
        position = found + 1
    return position


def line_end(text: str, offset: int) -> int:
    found = text.find("\n", offset)
    return len(text) if found < 0 else found


def element_span(text: str, line: int, tag: str, contains: str = "") -> tuple[int, int, int, int] | None:
    """(start, inner start, inner end, end) of the `tag` element starting on `line` (the one holding
    `contains`, when several start there): from `<tag` to its matching `</tag>`, nested ones counted."""
    start_of_line = line_start(text, line)
    opening = re.compile(rf"<{tag}\b[^>]*>", re.I)
    starts = [m for m in opening.finditer(text, start_of_line, line_end(text, start_of_line) + 1)]
    if not starts:
        return None
    tags = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    for match in starts:
        depth, position = 1, match.end()
        for found in tags.finditer(text, position):
            depth += -1 if found.group(1) else 1
            if depth == 0:
                inner = text[match.end() : found.start()]
                if not contains or visible_letters(inner).find(visible_letters(contains)[:40]) >= 0 or len(starts) == 1:
                    return match.start(), match.end(), found.start(), found.end()
                break
    return None


def markdown_block_span(text: str, line: int) -> tuple[int, int]:
    """(start, end) of the Markdown block starting on `line`: its lines up to the next blank one."""
    start = line_start(text, line)
    blank = re.compile(r"\n[ \t]*\r?\n")
    found = blank.search(text, start)
    end = found.start() if found else len(text.rstrip("\r\n"))
    if end > 0 and text[end - 1] == "\r":
        end -= 1
    return start, end


def href_span(text: str, line: int, current: str, markdown: bool) -> tuple[int, int] | None:
    """(start, end) of the link target written on `line` (or the two after it) that reads `current`."""
    start = line_start(text, line)
    end = line_end(text, line_end(text, line_end(text, start) + 1) + 1)
    if markdown:
        for match in _MARKDOWN_TARGET.finditer(text, start, end):
            if match.group(1) == current:
                return match.start(1), match.end(1)
        return None
    for match in _HREF.finditer(text, start, end):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        if html.unescape(match.group(group)).strip() == current:
            return match.start(group), match.end(group)
    return None


def comment_around(text: str, line: int, contains: str) -> tuple[int, int, int, int] | None:
    """(start, inner start, inner end, end) of the HTML comment starting on `line` that holds `contains`."""
    start = line_start(text, line)
    opening = text.find("<!--", start, line_end(text, start) + 1)
    while opening >= 0:
        closing = text.find("-->", opening + 4)
        if closing < 0:
            return None
        if visible_letters(contains)[:40] in visible_letters(text[opening + 4 : closing]):
            return opening, opening + 4, closing, closing + 3
        opening = text.find("<!--", closing, line_end(text, start) + 1)
    return None


def style_span(text: str, line: int) -> tuple[int, int, str] | None:
    """(start, end, value) of the first `style` attribute on `line`."""
    start = line_start(text, line)
    match = _STYLE.search(text, start, line_end(text, start) + 1)
    if not match:
        return None
    group = 1 if match.group(1) is not None else 2
    return match.start(), match.end(), match.group(group)


def hidden_attribute_span(text: str, line: int) -> tuple[int, int] | None:
    start = line_start(text, line)
    match = _HIDDEN_ATTRIBUTE.search(text, start, line_end(text, start) + 1)
    return (match.start(), match.end()) if match else None


def visible_letters(markup: str) -> str:
    """Markup as the letters a reader sees, without spaces: tags out, entities read (to find a block's text
    in its source, however the markup breaks it)."""
    return "".join(html.unescape(re.sub(r"<[^>]*>", "", markup)).split())


_TAG_OR_ENTITY = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
MARKDOWN_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")  # CommonMark's backslash escapes of ASCII punctuation
_OPENING_OR_CLOSING = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>")


def visible_span(
    text: str, start: int, wanted: str, markdown: bool = False, window: int = 20_000
) -> tuple[int, int] | None:
    """(start, end) of the markup after `start` that reads as `wanted` (spaces collapsed, tags read away,
    entities read; in Markdown, backslash escapes too), when the tags inside it open and close there: what
    to replace to rewrite a sentence whose markup holds an emphasis, a link, an entity or an escape."""
    wanted = " ".join(html.unescape(wanted).split())
    if not wanted:
        return None
    letters, offsets = [], []  # the visible text, and where each of its characters starts in the markup
    position, end = start, min(len(text), start + window)
    while position < end:
        markup = (MARKDOWN_ESCAPE if markdown else _TAG_OR_ENTITY).match(text, position)
        if markup and markup.group().startswith("<"):
            position = markup.end()
            continue
        character = (markup.group()[-1] if markdown else html.unescape(markup.group())) if markup else text[position]
        if character.isspace() and (not letters or letters[-1] == " "):
            position = markup.end() if markup else position + 1
            continue
        letters.append(" " if character.isspace() else character)
        offsets.append(position)
        position = markup.end() if markup else position + 1
    found = "".join(letters).find(wanted)
    if found < 0:
        return None
    last = offsets[found + len(wanted) - 1]
    entity = (MARKDOWN_ESCAPE if markdown else _TAG_OR_ENTITY).match(text, last)
    span = offsets[found], entity.end() if entity and not entity.group().startswith("<") else last + 1
    markup = text[span[0] : span[1]]
    return span if _balanced(MARKDOWN_ESCAPE.sub("", markup) if markdown else markup) else None


def _balanced(markup: str) -> bool:
    """Whether every tag opened in `markup` closes in it, and none closes that did not open there."""
    open_tags: list[str] = []
    for closing, name, self_closing in _OPENING_OR_CLOSING.findall(markup):
        name = name.lower()
        if self_closing or name in ("br", "img", "wbr", "hr"):
            continue
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags

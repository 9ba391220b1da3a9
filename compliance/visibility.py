"""Which elements a page's styles put out of a reader's sight.

Inline styles and the page's own `<style>` rules with simple selectors (tag,
`.class`, `#id`, `tag.class`) count; rules inside `@media` do not hide (a
desktop reader is the measure), and a later rule that shows an element again
wins, as in the cascade. Hidden means `display:none`, `visibility:hidden`,
`opacity:0`, `font-size:0`, clipped to nothing (the screen-reader-only
pattern), moved thousands of pixels off screen, scaled to nothing, or a box of
no height that hides its overflow.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import lxml.html

_END = r"\s*(?:!important\s*)?(?=[;}]|$)"  # the end of a declaration's value
_HIDING = (
    r"(?<![\w-])(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)"
    rf"|opacity\s*:\s*(?:0+(?:\.0*)?|\.0+)%?{_END}"
    rf"|font-size\s*:\s*0+(?:\.0*)?(?:px|em|rem|pt|%)?{_END}"
    r"|clip\s*:\s*rect\(\s*(?:0|1px)[\s,]+(?:0|1px)[\s,]+(?:0|1px)[\s,]+(?:0|1px)\s*\)"
    r"|clip-path\s*:\s*inset\(\s*50%"
    r"|(?:left|top|text-indent|margin-left)\s*:\s*-\d{4,}"
    r"|transform\s*:\s*scale\(\s*0\s*\))"
)
_HIDING_STYLE = re.compile(_HIDING, re.I)
_NO_HEIGHT = re.compile(r"(?<![\w-])(?:max-)?height\s*:\s*(?:0|1px)" + _END, re.I)
_OVERFLOW_HIDDEN = re.compile(r"(?<![\w-])overflow\s*:\s*hidden", re.I)
_SHOWN_STYLE = re.compile(r"(?<![\w-])(?:display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible)", re.I)
# where a stylesheet may hide or show something: the rules around these are read whole (a loose
# net, and a simple pattern: one with the exact declarations scans a stylesheet seven times slower)
_VISIBILITY_DECLARATION = re.compile(
    r"display\s*:|visibility\s*:\s*[hcv]|opacity\s*:\s*\.?0|font-size\s*:\s*\.?0|clip|-\d{4}|scale\(\s*0\s*\)"
    r"|overflow\s*:\s*hidden",
    re.I,
)
_VISIBILITY_LOWER = re.compile(_VISIBILITY_DECLARATION.pattern)
_BRACE = re.compile(r"[{}]")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$", re.I)


def hidden_selectors(root: lxml.html.HtmlElement) -> set[str]:
    """Simple selectors (`tag`, `.class`, `#id`, `tag.class`) that a page's stylesheet hides.

    Only rules outside `@media` blocks hide (a reader on a desktop screen is the
    measure), and a later rule that shows the element again wins, as in the cascade.
    """
    hidden: set[str] = set()
    for css in root.xpath("//style/text()"):
        for selectors, hiding, top_level in _visibility_rules(str(css)):
            if not hiding:
                hidden -= selectors
            elif top_level:
                hidden |= selectors
    return hidden


@functools.lru_cache(maxsize=32)
def _visibility_rules(css: str) -> tuple[tuple[frozenset[str], bool, bool], ...]:
    """(simple selectors, hides?, outside any at-rule?) for each rule of a stylesheet that hides or shows.

    Remembered by the stylesheet's text: the pages of one site inline the same
    stylesheet, often tens of kilobytes of it, and an audit reads thousands of them.
    """
    rules = []
    for selectors, body, top_level in _css_rules(css):
        simple = frozenset(s.strip() for s in selectors.split(",") if _SIMPLE_SELECTOR.match(s.strip()))
        if hides(body):
            rules.append((simple, True, top_level))
        elif _SHOWN_STYLE.search(body):
            rules.append((simple, False, top_level))
    return tuple(rules)


def hides(style: str) -> bool:
    """Whether CSS declarations (an inline `style`, a rule's body) put an element out of a reader's sight."""
    if _HIDING_STYLE.search(style):
        return True
    return bool(_NO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style))


def _css_rules(css: str) -> Iterator[tuple[str, str, bool]]:
    """(selectors, body, outside any at-rule?) for each rule that may hide or show, in order.

    One pass over the braces, keeping the blocks open at each point, reads only
    the rules around a hint of hiding or showing: pages inline up to a megabyte
    of CSS, and its rules are read once, whatever the CSS (an unclosed block
    must not make each hint rescan the sheet).
    """
    # matching case-blind costs twice as much: ASCII CSS is lowered instead (same offsets)
    haystack, pattern = (css.lower(), _VISIBILITY_LOWER) if css.isascii() else (css, _VISIBILITY_DECLARATION)
    hints = [match.start() for match in pattern.finditer(haystack)]
    if not hints:
        return
    hints.append(len(css))  # a sentinel: the hints after the last brace are read at the end
    open_blocks: list[tuple[int, int, bool]] = []  # ("{" position, the brace before it, opens an at-rule?)
    next_hint, previous_brace, last_read, at_rules_open = 0, -1, -1, 0
    for brace in [*_BRACE.finditer(css), None]:
        position = brace.start() if brace else len(css)
        if hints[next_hint] < position:  # the declarations up to this brace belong to the innermost open block
            while hints[next_hint] < position:
                next_hint += 1
            if open_blocks and open_blocks[-1][0] > last_read:
                opening, before, _ = open_blocks[-1]
                last_read = opening
                yield css[before + 1 : opening], css[opening + 1 : position], at_rules_open == 0
        if brace is None:
            return
        if brace.group() == "{":
            at_rule = css[previous_brace + 1 : position].lstrip().startswith("@")
            open_blocks.append((position, previous_brace, at_rule))
            at_rules_open += at_rule
        elif open_blocks:
            at_rules_open -= open_blocks.pop()[2]
        previous_brace = position

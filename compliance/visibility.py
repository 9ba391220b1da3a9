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

import bisect
import functools
import re

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
_AT_RULE = re.compile(r"@[\w-]+[^{};]*\{")
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


def _css_rules(css: str):
    """(selectors, body, outside any at-rule?) for each rule that may hide or show, in order.

    Found from the declarations back to their rules: pages inline up to a
    megabyte of CSS, and scanning every rule of it would dominate a page's cost.
    """
    starts, ends = _at_rule_blocks(css) if "@" in css else ([], [])
    # matching case-blind costs twice as much: ASCII CSS is lowered instead (same offsets)
    declarations = _VISIBILITY_LOWER.finditer(css.lower()) if css.isascii() else _VISIBILITY_DECLARATION.finditer(css)
    last_opening = -1
    for declaration in declarations:
        opening = css.rfind("{", 0, declaration.start())
        if opening <= last_opening or css.rfind("}", opening, declaration.start()) >= 0:
            continue  # not inside a rule, or in the rule already read
        last_opening = opening
        closing = css.find("}", declaration.end())
        selector_start = max(css.rfind("}", 0, opening), css.rfind("{", 0, opening)) + 1
        block = bisect.bisect_right(starts, opening) - 1
        body = css[opening + 1 : closing if closing >= 0 else len(css)]
        yield css[selector_start:opening], body, block < 0 or opening >= ends[block]


def _at_rule_blocks(css: str) -> tuple[list[int], list[int]]:
    """Where each outermost `@media … { … }` (or other at-rule block) starts, and where it ends."""
    starts: list[int] = []
    ends: list[int] = []
    for opening in _AT_RULE.finditer(css):
        if ends and opening.start() < ends[-1]:
            continue  # nested in the block before
        depth = 1
        for brace in _BRACE.finditer(css, opening.end()):
            depth += 1 if brace.group() == "{" else -1
            if depth == 0:
                starts.append(opening.start())
                ends.append(brace.end())
                break
    return starts, ends

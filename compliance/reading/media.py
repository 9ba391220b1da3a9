"""Whether a `@media` condition holds on the screen a reader is measured by: a desktop browser's.

A page may hide a credit only on desktops (`@media (min-width: 992px) { .credit { display: none } }`)
or show on desktops what it hides on phones; its rules inside `@media` count when their condition
holds for a screen DESKTOP_WIDTH pixels wide and DESKTOP_HEIGHT high, in landscape, with a mouse,
scripts running and no stated preference (motion, contrast, a light colour scheme). A feature this
cannot tell (a resolution, an aspect ratio, a unit other than px, em and rem) keeps its query from
holding: a rule a reader may never meet neither hides nor shows.
"""

from __future__ import annotations

import functools
import re

DESKTOP_WIDTH = 1280  # px: a laptop's screen (Bootstrap's `lg` starts at 992, Tailwind's `xl` at 1280)
DESKTOP_HEIGHT = 720
EM = 16  # px: a browser's default font size, which `em` and `rem` in a media query are measured in
SCREEN_TYPES = frozenset({"all", "screen"})
# discrete features and the values a desktop browser has (any other value does not hold)
DESKTOP_VALUES = {
    "orientation": "landscape",
    "hover": "hover",
    "any-hover": "hover",
    "pointer": "fine",
    "any-pointer": "fine",
    "scripting": "enabled",
    "display-mode": "browser",
    "prefers-reduced-motion": "no-preference",
    "prefers-reduced-transparency": "no-preference",
    "prefers-contrast": "no-preference",
    "prefers-color-scheme": "light",
    "forced-colors": "none",
    "update": "fast",
}
BOOLEAN_FEATURES = frozenset({"color", "hover", "any-hover", "pointer", "any-pointer", "grid", "update"})
_FEATURE = re.compile(r"\(([^()]*)\)")
_SIZE_FEATURE = re.compile(r"(min-|max-)?(?:device-)?(width|height)")  # `min-width`, `max-device-height`
_LENGTH = re.compile(r"(\d*\.?\d+)(px|em|rem)?")
_COMPARISON = re.compile(r"\s*(<=|>=|<|>|=)\s*")
_OPERATORS = {
    "<": float.__lt__,
    "<=": float.__le__,
    ">": float.__gt__,
    ">=": float.__ge__,
    "=": float.__eq__,
}


@functools.lru_cache(maxsize=1024)  # a sheet repeats its few breakpoints in each of its `@media` blocks
def on_a_desktop(condition: str) -> bool:
    """Whether a `@media` rule's condition (`screen and (min-width: 62em)`, a list of them, or Media
    Queries 4's ranges, `(48rem <= width < 80rem)`) holds on a desktop browser's screen."""
    return any(_query_holds(query) for query in condition.lower().split(","))


def _query_holds(query: str) -> bool:
    features = _FEATURE.findall(query)
    words = _FEATURE.sub(" ", query).split()
    negated = words[:1] == ["not"]
    types = [word for word in words if word not in ("not", "only", "and", "or")]
    if any(word not in SCREEN_TYPES for word in types):  # print, speech, or a type this does not know
        return negated
    holding = [_feature_holds(feature) for feature in features]
    holds = any(holding) if "or" in words else all(holding)
    return holds != negated


def _feature_holds(feature: str) -> bool:
    """Whether one media feature (`min-width: 62em`, `width >= 48rem`, `hover`) holds on the desktop screen."""
    name, _, value = (part.strip() for part in feature.partition(":"))
    if not value:
        return _range_holds(name) if _COMPARISON.search(name) else name in BOOLEAN_FEATURES
    if name in DESKTOP_VALUES:
        return value == DESKTOP_VALUES[name]
    sized, length = _SIZE_FEATURE.fullmatch(name), _pixels(value)
    if sized is None or length is None:
        return False
    size = _size(sized.group(2))
    return {"min-": size >= length, "max-": size <= length, None: size == length}[sized.group(1)]


def _range_holds(feature: str) -> bool:
    """`width >= 48rem`, `48rem <= width < 80rem`: every comparison holds."""
    parts = _COMPARISON.split(feature)
    terms, operators = parts[::2], parts[1::2]
    for left, operator, right in zip(terms, operators, terms[1:]):
        left_size, right_size = _term(left), _term(right)
        if left_size is None or right_size is None or not _OPERATORS[operator](left_size, right_size):
            return False
    return bool(operators)


def _term(term: str) -> float | None:
    """A range's term as pixels: the screen's width or height, or a length."""
    size = _size(term.strip())
    return size if size is not None else _pixels(term)


def _size(dimension: str) -> float | None:
    """The screen's `width` or `height` in pixels; None for any other word."""
    return {"width": float(DESKTOP_WIDTH), "height": float(DESKTOP_HEIGHT)}.get(dimension)


def _pixels(value: str) -> float | None:
    """A length in pixels (`62em` is 992), or None for a unit this does not measure."""
    if not (match := _LENGTH.fullmatch(value.strip())):
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit is None and number != 0:
        return None
    return number * EM if unit in ("em", "rem") else number

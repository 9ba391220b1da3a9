"""Which elements a page's styles put out of a reader's sight.

Inline styles and the rules of the page's own `<style>` sheets count, with any
selector cssselect matches, nested rules written out, those inside `@layer` and
`@supports`, and those inside `@media` whose condition holds on a desktop
browser's screen (a desktop reader is the measure: media.py), and the cascade
decides between a rule that hides an element and one that shows it. The sheets
are scanned once for the rules that may hide or show (a page may inline a
megabyte of CSS); those rules' declarations are read with tinycss2. Hidden means
`display:none`, `visibility:hidden` (or `content-visibility:hidden`), `opacity:0`,
`font-size` of a pixel or less, a transparent `color` (unless the text is
filled some other way: a gradient clipped to it, a shadow), clipped to nothing
(the screen-reader-only pattern), moved thousands of pixels off screen, scaled
to nothing, or a box of no height that hides its overflow.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Iterator
from itertools import chain, islice
from operator import methodcaller
from typing import NamedTuple

import cssselect
import lxml.etree
import lxml.html
import tinycss2
from cssselect.parser import unescape_ident

from .media import on_a_desktop

_END = r"\s*(?:!important\s*)?(?=[;}]|$)"  # the end of a declaration's value
_HIDING = (
    r"(?<![\w-])(?:display\s*:\s*none|(?:content-)?visibility\s*:\s*(?:hidden|collapse)"
    rf"|opacity\s*:\s*(?:0+(?:\.0*)?|\.0+)%?{_END}"
    rf"|font-size\s*:\s*(?:0+(?:\.0*)?(?:px|em|rem|pt|%)?|(?:0?\.\d+|1(?:\.0*)?)px){_END}"
    r"|clip\s*:\s*rect\(\s*(?:0|1px)[\s,]+(?:0|1px)[\s,]+(?:0|1px)[\s,]+(?:0|1px)\s*\)"
    r"|clip-path\s*:\s*inset\(\s*(?:[5-9]\d|100)(?:\.\d+)?%"
    r"|(?:left|top|text-indent|margin-left)\s*:\s*-\d{4,}"
    r"|transform\s*:[^;]*translate(?:x|y|3d)?\(\s*-\d{4,}"
    r"|transform\s*:\s*scale\(\s*0\s*\))"
)
# a text colour that shows nothing: `transparent`, or an alpha of 0 given as the fourth of four values
# (`rgba(0,0,0,0)`), after a slash (`rgb(0 0 0 / 0%)`) or in hex (`#0000`, `#ffffff00`); `rgb(0,0,0)` is black
_ZERO_ALPHA = r"(?:rgb|hsl)a?\((?:[^,()/]*,){3}\s*0*\.?0*%?\s*\)|(?:rgb|hsl)a?\([^,()/]*/\s*0*\.?0*%?\s*\)"
_TRANSPARENT_COLOUR = re.compile(
    rf"color(?<![\w-]color)\s*:\s*(?:transparent|{_ZERO_ALPHA}|#[0-9a-f]{{3}}0|#[0-9a-f]{{6}}00){_END}", re.I
)
_FILLED_OTHERWISE = re.compile(r"background-clip\s*:\s*text|text-fill-color|text-shadow|text-stroke", re.I)
_HIDING_STYLE = re.compile(_HIDING, re.I)
_FAR_OFF = re.compile(r"-\d{4}")
_NO_HEIGHT = re.compile(r"(?<![\w-])(?:max-)?height\s*:\s*(?:0(?:px|em|rem|%)?|1px)" + _END, re.I)
_OVERFLOW_HIDDEN = re.compile(r"(?<![\w-])overflow\s*:\s*hidden", re.I)
_SHOWN_STYLE = re.compile(r"(?<![\w-])(?:display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible)", re.I)
# where a stylesheet may hide or show something: the rules around these are read whole (a loose
# net). Each is its own pattern, opening with a literal that the regex engine finds with a fast
# scan: one pattern of alternatives tries each at every character, three to four times slower.
_VISIBILITY_HINTS = (
    r"display\s*:",
    r"visibility\s*:\s*[hcv]",
    r"opacity\s*:\s*\.?0",
    r"font-size\s*:\s*(?:\.?0|1(?:\.0*)?px|\.\d+px)",
    # `color` itself, not `background-color`: told after the literal, which keeps the fast scan
    r"color(?<![\w-]color)\s*:\s*(?:transparent|#[0-9a-f]{3}0\b|#[0-9a-f]{6}00\b|(?:rgb|hsl)a?\([^)]*[,/]\s*\.?0)",
    "clip",
    r"-\d{4}",
    r"scale\(\s*0\s*\)",
    r"overflow\s*:\s*hidden",
)
_VISIBILITY_DECLARATION = re.compile("|".join(_VISIBILITY_HINTS), re.I)
_HINTS_IN_LOWER_CASE = tuple(re.compile(hint) for hint in _VISIBILITY_HINTS)
# a declaration that counts, matched in lower case: case-blind, each part of a body cost twice as much
_MAY_HIDE_OR_SHOW = re.compile(_VISIBILITY_DECLARATION.pattern + r"|height\s*:|" + _FILLED_OTHERWISE.pattern)
_BRACE = re.compile(r"[{}]")
_OPENING_A_BLOCK = re.compile(r"\{(?=[^{}]*\{)")  # a brace opening a block whose next brace opens another
_CLOSED_BEFORE = re.compile(r"\}(?=([^{}]*)\})")  # a brace closing a block, whose next brace closes another
_AT_RULE = re.compile(r"@([\w-]+)\s*(.*)", re.S)  # an at-rule's name and condition
_START = methodcaller("start")  # where a match starts
MAX_RULES_A_NAME = 32  # rules kept filed under one class: real sheets have a few at most
MAX_SUBJECT_TESTS = 20_000  # selector tests by XPath a page: past them its other elements are read as shown
MAX_ROOT_QUERIES = 200  # rules naming no class, matched from the root, a page
MAX_BLOCKS_AROUND = 16  # blocks a rule is read inside (`@layer`, `@media`, nesting): real sheets nest a few
MAX_NESTED_SELECTORS = 64  # a nested rule's selectors written out: each of its own with each of its parent's
MAX_SHEETS_KEPT = 128  # stylesheets whose rules are remembered (by a digest of the sheet) from page to page
MAIN_TEXT_SHARE = 4  # an element holding a quarter of the page's text holds its main text
MIN_MAIN_TEXT_CHARACTERS = 1000
_TEXT_LENGTH = lxml.etree.XPath("string-length(normalize-space(.))")
_UNREAD_TEXT = lxml.etree.XPath(".//script/text() | .//style/text() | .//template//text()")
_SCRIPTLESS = "no-js"  # the class a page carries until its scripts run
_NEVER_SHOWN_ANYWAY = frozenset({"[hidden]", "template", "script", "style", "noscript", "head", "title"})
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # attribute tests and arguments, which name no class of the subject
_TAG = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
_STRUCTURAL = re.compile(r":(?:nth-|first-|last-|only-)", re.I)
_PLAIN = re.compile(r"^([a-zA-Z][a-zA-Z0-9-]*)?(?:[.#][\w-]+)+$")  # "div.promo", ".a.b", "#x": found by name
_NAME = re.compile(r"(?<=\.)(?:\\.|[\w-])+|#(?:\\.|[\w-])+")  # a class ("promo" of ".promo"), an id ("#top")
_TRANSLATOR = cssselect.HTMLTranslator()
_COMBINATOR = re.compile(r"\s*[\s>+~]\s*")
_SIBLING_COMBINATOR = re.compile(r"[+~]")
# each combinator seen from the element it styles: "a b" is b with an ancestor a
_LOOKING_BACK = {" ": "ancestor::", ">": "parent::", "~": "preceding-sibling::", "+": "preceding-sibling::*[1]/self::"}


class _StyleRule(NamedTuple):
    """A stylesheet rule whose declarations look like they hide or show (tinycss2 confirms it if it matches).
    Rules and candidates are tuples: a sheet not seen before makes dozens of each, and a frozen dataclass
    is three times slower to make."""

    selectors: str
    declarations: str  # those of its body that may hide or show (a body may carry a long data URL)
    hides: bool
    applies: bool  # to a desktop reader: its `@media` conditions hold, and no other at-rule keeps it out
    layered: bool  # inside `@layer`: in the cascade, a rule outside any layer wins over it


class _Candidate(NamedTuple):
    """One selector of a rule's group, not yet parsed."""

    selector: str
    needs: frozenset[str]  # classes ("c") and ids ("#i") it names: one absent from the page, it matches nothing
    subject_needs: frozenset[str]  # those its rightmost part names: the elements it may style have them
    subject_tag: str | None  # the tag its rightmost part names, if any
    tag: str | None  # for a plain selector ("div.promo", ".a.b", "#x"): its tag, matched without XPath
    plain: bool
    up_the_tree: bool  # its combinators look only up from its subject (no `+`, `~`): `needs` are on its lineage


class _Selector:
    """A selector as cssselect reads it, its specificity, and its XPath forms, each compiled when first used."""

    __slots__ = ("_subject_test", "_xpath", "parsed", "specificity")

    def __init__(self, parsed: cssselect.Selector) -> None:
        self.parsed, self.specificity = parsed, parsed.specificity()
        self._xpath: lxml.etree.XPath | None = None
        self._subject_test: lxml.etree.XPath | None = None

    @property
    def xpath(self) -> lxml.etree.XPath:
        """The elements it matches, read from the root."""
        if self._xpath is None:
            self._xpath = lxml.etree.XPath(_TRANSLATOR.selector_to_xpath(self.parsed))
        return self._xpath

    @property
    def subject_test(self) -> lxml.etree.XPath:
        """Whether an element it is given matches, read from that element (see _SubjectFirst)."""
        if self._subject_test is None:
            self._subject_test = lxml.etree.XPath(_SUBJECT_FIRST.selector_to_xpath(self.parsed, prefix="self::"))
        return self._subject_test


class _SubjectFirst(cssselect.HTMLTranslator):
    """Translates a selector into a test of one element: `.a .b` becomes `self::*[.b][ancestor::*[.a]]`.

    A selector read from the root scans the whole tree; an element that has the
    subject's classes can be tested by looking up from it, which costs far less
    when few elements have them."""

    def xpath_combinedselector(self, combined: cssselect.parser.CombinedSelector) -> cssselect.xpath.XPathExpr:
        subject = self.xpath(combined.subselector)
        subject.add_condition(_LOOKING_BACK[combined.combinator] + str(self.xpath(combined.selector)))
        return subject


_SUBJECT_FIRST = _SubjectFirst()


class PageStyles:
    """Which elements a page's own stylesheets hide, asked element by element as the page is read.

    Selectors are matched as a browser would (descendant, child, sibling,
    attribute and grouped selectors, with cssselect); of the rules that hide or
    show an element, the one with the highest importance, layer and specificity
    wins, the later one on a tie, as in the cascade. Rules inside `@media` count
    when their condition holds on a desktop screen (a reader on one is the
    measure), dynamic states (`:hover`, `:checked`) never match, and the page is
    read as a reader's browser runs it: with scripts, so rules for `.no-js` pages
    do not apply, and a rule that would hide most of the page's text is waiting
    for a state the scripts set (`.modal-open`): a page is not published to hide
    its own text.

    A site's stylesheet styles every page of the site, and most of its rules none
    of the elements of this one: rules are filed by the classes and ids their
    subject names, so an element is tested only against the rules that name one
    of its own, by looking up from it (see _SubjectFirst). The few rules that name
    none (`[hidden]`, `dialog`) are matched once from the root. Structural
    pseudo-classes (`:nth-child`) are not matched: each costs a count of siblings
    for every element, and they arrange a page rather than hide its text. A hostile
    sheet costs a bounded number of tests (MAX_RULES_A_NAME, MAX_SUBJECT_TESTS,
    MAX_ROOT_QUERIES); past them, elements are read as shown.
    """

    def __init__(self, root: lxml.html.HtmlElement, sheets: list[str]) -> None:
        """`sheets`: the text of the page's `<style>` elements."""
        self.root = root
        self.rules = [rule for css in sheets for rule in _style_rules(css)]
        self.hiding = _Filed()
        self.showing: _Filed | None = None  # filed only once an element is found hidden
        self._page_text: float | None = None
        for order, rule in enumerate(self.rules):
            if rule.hides and rule.applies:  # see _context
                self.hiding.add(order, rule)
        self.hidden_from_root = self.hiding.match_unnamed(root)
        self._classes_named: dict[str, bool] = {}

    def may_hide(self, classes: str) -> bool:
        """Whether a rule filed under one of these classes (a `class` attribute's value) may hide its element.

        Most elements of a page have no such class: told by one lookup a `class` value, the walk asks
        hidden_by only of the few that do (and of those with an id a rule names, or matched from the root)."""
        if (named := self._classes_named.get(classes)) is None:
            named = self._classes_named[classes] = not self.hiding.by_name.keys().isdisjoint(classes.split())
        return named

    def may_hide_id(self, element_id: str) -> bool:
        """Whether a rule filed under this id may hide its element: half the elements a walk asked about had
        an id no rule names."""
        return f"#{element_id.strip()}" in self.hiding.by_name

    def hidden_by(self, element: lxml.html.HtmlElement) -> str | None:
        """The selector of the rule that hides `element`, or None."""
        lineage = _Lineage(element)
        hiding = self.hiding.best(lineage, self.hidden_from_root.get(element))
        if hiding is None:
            return None
        showing = self._shown(lineage)
        if (showing is not None and showing[0] >= hiding[0]) or self._holds_main_text(element):
            return None
        return hiding[1]

    def shows(self, element: lxml.html.HtmlElement) -> bool:
        """Whether the page shows an element the browser's own styles hide (a `<dialog>` without `open`): its
        inline style or a rule of its sheets shows it, or it holds the page's main text (a script opens it)."""
        style = element.get("style")
        if (style and _SHOWN_STYLE.search(style)) or self._holds_main_text(element):
            return True
        return self._shown(_Lineage(element)) is not None

    def _shown(self, lineage: _Lineage) -> tuple | None:
        """(rank, selector) of the highest-ranking rule that shows the element, if any; the rules that show
        are filed the first time one is asked for."""
        if self.showing is None:
            self.showing = _Filed()
            for order, rule in enumerate(self.rules):
                if not rule.hides and rule.applies:
                    self.showing.add(order, rule)
        return self.showing.best(lineage, self.showing.best_unnamed(lineage))

    def _holds_main_text(self, element: lxml.html.HtmlElement) -> bool:
        if _TEXT_LENGTH(element) < MIN_MAIN_TEXT_CHARACTERS:
            return False
        if self._page_text is None:
            self._page_text = _text_size(self.root)
        return _text_size(element) >= max(MIN_MAIN_TEXT_CHARACTERS, self._page_text / MAIN_TEXT_SHARE)


class _Filed:
    """Rules filed by a class or id their subject names, so an element meets only those that may match it;
    the few that name none (`[hidden]`, `dialog`) are kept apart, by the tag they name if any."""

    def __init__(self) -> None:
        self.tests_left = MAX_SUBJECT_TESTS
        self.by_name: dict[str, list[tuple[int, _Candidate, _StyleRule]]] = {}
        self.unnamed: dict[str | None, list[tuple[int, _Candidate, _StyleRule]]] = {}
        self._by_attributes: dict[tuple[str | None, str | None], tuple[frozenset[str], list]] = {}

    def add(self, order: int, rule: _StyleRule) -> None:
        for candidate in _candidates(rule.selectors):
            if _SCRIPTLESS in candidate.needs or candidate.selector in _NEVER_SHOWN_ANYWAY:
                continue
            if candidate.subject_needs:
                key = min(candidate.subject_needs)  # any one will do: the element must have them all
                filed = self.by_name.setdefault(key, [])
                filed.append((order, candidate, rule))
                if len(filed) > MAX_RULES_A_NAME:  # a hostile sheet must not cost its rules for each element
                    del filed[0]  # the earliest: on a tie the later rule wins
            else:
                self.unnamed.setdefault(candidate.subject_tag, []).append((order, candidate, rule))

    def best(self, lineage: _Lineage, best: tuple | None) -> tuple | None:
        """(rank, selector) of the highest-ranking filed rule naming the element's classes that it matches,
        or `best` if none ranks higher."""
        if not self.by_name:
            return best
        element = lineage.element
        names, filed = self._filed_for(element.get("class"), element.get("id"))
        for rules in filed:
            for order, candidate, rule in rules:
                if candidate.subject_needs <= names and self._may_test(candidate):
                    best = _better(best, _ranks(lineage, order, candidate, rule))
        return best

    def _may_test(self, candidate: _Candidate) -> bool:
        """Whether the page's budget of XPath tests allows testing this candidate (a plain one costs none)."""
        if candidate.plain:
            return True
        self.tests_left -= 1
        return self.tests_left >= 0

    def _filed_for(self, classes: str | None, element_id: str | None) -> tuple[frozenset[str], list]:
        """An element's names and the rules filed under them, looked up once for each `class` value:
        the elements of a page share a few dozen of them."""
        key = (classes, element_id)
        if key not in self._by_attributes:
            names = frozenset(_names_of(classes, element_id))
            self._by_attributes[key] = (names, [self.by_name[name] for name in names if name in self.by_name])
        return self._by_attributes[key]

    def best_unnamed(self, lineage: _Lineage) -> tuple | None:
        """(rank, selector) of the highest-ranking rule naming no class that the element matches, tested on it."""
        best = None
        for order, candidate, rule in [*self.unnamed.get(None, ()), *self.unnamed.get(lineage.element.tag, ())]:
            if self._may_test(candidate):
                best = _better(best, _ranks(lineage, order, candidate, rule))
        return best

    def match_unnamed(self, root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, tuple]:
        """(rank, selector) for each element a rule naming no class matches, read from the root once."""
        matched: dict[lxml.html.HtmlElement, tuple] = {}
        filed = [rule for rules in self.unnamed.values() for rule in rules]
        unnamed = sorted(filed, key=lambda filed_rule: filed_rule[0])[-MAX_ROOT_QUERIES:]  # the latest win ties
        for order, candidate, rule in unnamed:
            for selector in _parsed(candidate.selector):
                try:
                    found = selector.xpath(root)
                except (cssselect.SelectorError, lxml.etree.XPathError):
                    continue  # a pseudo-class cssselect does not know
                effect = _effect(rule.declarations) if found else None
                if effect is None or effect[0] != rule.hides:
                    continue
                rank = _rank(effect[1], rule, selector.specificity, order)
                for element in found:
                    matched[element] = _better(matched.get(element), (rank, candidate.selector))
        return matched


def _ranks(lineage: _Lineage, order: int, candidate: _Candidate, rule: _StyleRule) -> tuple | None:
    """(rank, selector) if the element matches the candidate and its rule does what it seemed to, else None."""
    best = None
    for specificity in _subject_matches(lineage, candidate):
        effect = _effect(rule.declarations)  # (hides, !important), read with tinycss2; None: neither
        if effect is None or effect[0] != rule.hides:
            return None
        best = _better(best, (_rank(effect[1], rule, specificity, order), candidate.selector))
    return best


def _rank(important: bool, rule: _StyleRule, specificity: tuple[int, int, int], order: int) -> tuple:
    """Where a declaration stands in the cascade: importance first, then its layer (a rule outside any
    `@layer` wins over one inside, and the other way round for `!important`), specificity, then order."""
    return important, rule.layered == important, specificity, order


def _better(one: tuple | None, other: tuple | None) -> tuple | None:
    """The higher-ranking of two (rank, selector) pairs, the later on a tie, as in the cascade."""
    if one is None or (other is not None and other[0] >= one[0]):
        return other
    return one


def _subject_matches(lineage: _Lineage, candidate: _Candidate) -> Iterator[tuple[int, int, int]]:
    """The specificity of each of the candidate's selectors that the element matches.

    A plain selector ("div.promo") matches by its names, already checked, and its tag:
    no parsing needed, and most rules are plain. Another, whose combinators look only up
    from its subject, cannot match an element whose lineage lacks a name it needs: two
    in three of those tried on a real page, each parsed and compiled to XPath before."""
    element = lineage.element
    if candidate.plain:
        if candidate.tag in (None, element.tag):
            ids = sum(name.startswith("#") for name in candidate.needs)
            yield ids, len(candidate.needs) - ids, int(candidate.tag is not None)
        return
    if candidate.up_the_tree and not lineage.holds(candidate.needs):
        return
    for selector in _parsed(candidate.selector):
        try:
            matched = bool(selector.subject_test(element))
        except (cssselect.SelectorError, lxml.etree.XPathError):
            matched = False  # a pseudo-class cssselect does not know
        if matched:
            yield selector.specificity


class _Lineage:
    """An element asked about, and the classes and ids of it and its ancestors, gathered when first needed."""

    __slots__ = ("_names", "element")

    def __init__(self, element: lxml.html.HtmlElement) -> None:
        self.element = element
        self._names: set[str] | None = None

    def holds(self, names: frozenset[str]) -> bool:
        if self._names is None:
            self._names = set()
            for node in (self.element, *self.element.iterancestors()):
                self._names.update(_names_of(node.get("class"), node.get("id")))
        return names <= self._names


def _text_size(element: lxml.html.HtmlElement) -> float:
    """How many characters of text an element holds for a reader (spaces collapsed; scripts and styles aside)."""
    return max(0.0, _TEXT_LENGTH(element) - sum(len(" ".join(text.split())) for text in _UNREAD_TEXT(element)))


def _names_of(classes: str | None, element_id: str | None) -> list[str]:
    """An element's classes ("c") and id ("#i"), from its `class` and `id` attributes."""
    names = classes.split() if classes else []
    if element_id and element_id.strip():
        names.append(f"#{element_id.strip()}")
    return names


class _RulesBySheet:
    """The rules of the stylesheets read last (see _read_rules), each remembered under a digest of the sheet.

    The pages of one site inline the same stylesheet, often tens of kilobytes of it, and an audit reads
    thousands of them. A cache keyed by the sheets' text would keep the texts: a megabyte each on some
    sites, and on some every page inlines its own variant (pages each with 433 KB of their own CSS held
    56 MB once 128 were read)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[bytes, tuple[_StyleRule, ...]] = OrderedDict()

    def __call__(self, css: str) -> tuple[_StyleRule, ...]:
        key = hashlib.blake2b(css.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if (rules := self._kept.get(key)) is not None:
            self._kept.move_to_end(key)
            return rules
        rules = self._kept[key] = _read_rules(css)
        if len(self._kept) > self.size:
            self._kept.popitem(last=False)  # the one used longest ago
        return rules

    def cache_clear(self) -> None:
        self._kept.clear()


_style_rules = _RulesBySheet(MAX_SHEETS_KEPT)


def _read_rules(css: str) -> tuple[_StyleRule, ...]:
    """The rules of a stylesheet that may hide or show, in order (a quick read of their declarations)."""
    found = []
    uncommented = _COMMENT.sub(" ", css) if "/*" in css else css  # a substring test is ten times quicker
    for selectors, body, applies, layered in _css_rules(uncommented):
        hiding = hides(body)
        if hiding or _SHOWN_STYLE.search(body):
            found.append(_StyleRule(selectors, _relevant(body), hiding, applies, layered))
    return tuple(found)


def _relevant(body: str) -> str:
    """The declarations of a rule's body that may hide or show (the body may carry a long data URL)."""
    parts, lowered = body.split(";"), body.lower().split(";")  # lowering adds no ";": the parts stay in step
    return ";".join(part for part, lower in zip(parts, lowered) if _MAY_HIDE_OR_SHOW.search(lower))


@functools.lru_cache(maxsize=4096)
def _candidates(selectors: str) -> tuple[_Candidate, ...]:
    """Each selector of a rule's group, with what it needs of a page to match anything."""
    found = []
    for selector in _split_group(selectors):
        if plain := _PLAIN.match(selector):  # most selectors: the subject is the whole of it
            names = frozenset(_NAME.findall(selector))
            tag = plain.group(1).lower() if plain.group(1) else None
            found.append(_Candidate(selector, names, names, tag, tag, True, True))
            continue
        if _STRUCTURAL.search(selector):
            continue  # :nth-child and kin: a count of siblings an element, and they arrange rather than hide text
        unbracketed = _BRACKETED.sub("", selector)
        subject = _COMBINATOR.split(unbracketed.strip())[-1]
        subject_tag = _TAG.match(subject)
        tag = subject_tag.group().lower() if subject_tag else None
        up_the_tree = not _SIBLING_COMBINATOR.search(unbracketed)
        needs, subject_needs = _names_in(unbracketed), _names_in(subject)
        found.append(_Candidate(selector, needs, subject_needs, tag, None, False, up_the_tree))
    return tuple(found)


def _split_group(group: str) -> list[str]:
    """The selectors of a group ("a, .b") at its top level: commas inside `:not(…)` or `[…]` stay."""
    if "(" not in group and "[" not in group:
        return [part.strip() for part in group.split(",") if part.strip()]
    parts, depth, start = [], 0, 0
    for position, character in enumerate(group):
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        elif character == "," and depth == 0:
            parts.append(group[start:position])
            start = position + 1
    parts.append(group[start:])
    return [part.strip() for part in parts if part.strip()]


def _names_in(unbracketed: str) -> frozenset[str]:
    """The classes and ids a selector requires on the page, given with its `:not(…)` and `[…]` taken out
    (they require none), as the page's `class` and `id` attributes write them: `.sm\\:hidden` styles
    `class="sm:hidden"`."""
    names = _NAME.findall(unbracketed)
    if "\\" in unbracketed:
        return frozenset(unescape_ident(name) if "\\" in name else name for name in names)
    return frozenset(names)


@functools.lru_cache(maxsize=4096)
def _parsed(selector: str) -> tuple[_Selector, ...]:
    """The selector read by cssselect; () for what cannot match (a pseudo-element, a pseudo-class
    cssselect does not know, a typo)."""
    try:
        return tuple(_Selector(one) for one in cssselect.parse(selector) if one.pseudo_element is None)
    except cssselect.SelectorError:
        return ()


@functools.lru_cache(maxsize=4096)
def _effect(style: str) -> tuple[bool, bool] | None:
    """(hides?, !important?) of a rule's declarations that may hide or show (_StyleRule.declarations), read
    by tinycss2; None if they neither hide nor show."""
    parsed = tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True)
    declarations = [item for item in parsed if item.type == "declaration"]
    text = ";".join(f"{item.lower_name}:{tinycss2.serialize(item.value).strip()}" for item in declarations)
    important = any(item.important for item in declarations)
    if hides(text):
        return True, important
    if _SHOWN_STYLE.search(text):
        return False, important
    return None


def hides(style: str) -> bool:
    """Whether CSS declarations (an inline `style`, a rule's body) put an element out of a reader's sight."""
    lowered = style.lower()
    if _may_hide(lowered) and (
        _HIDING_STYLE.search(style) or (_NO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style))
    ):
        return True
    # a colour is tested apart: most declarations have one, and this pattern opens with a literal, found quickly
    return "color" in lowered and bool(_TRANSPARENT_COLOUR.search(lowered)) and not _FILLED_OTHERWISE.search(lowered)


def _may_hide(lowered: str) -> bool:
    """Whether lowered declarations hold the words one that hides needs (see _HIDING and _NO_HEIGHT)."""
    return (
        ("none" in lowered and "display" in lowered)
        or "visibility" in lowered
        or "opacity" in lowered
        or "font-size" in lowered
        or "clip" in lowered
        or "scale" in lowered
        or ("height" in lowered and "hidden" in lowered)
        or _FAR_OFF.search(lowered) is not None
    )


def _css_rules(css: str) -> Iterator[tuple[str, str, bool, bool]]:
    """(selectors, body, applies?, layered?) for each style rule that may hide or show, in order: see
    _context for what a rule's blocks make of it.

    Only the rules around a hint of hiding or showing are read, each found from its
    hint by looking back for the brace that opens it; the blocks open before it are
    counted between one rule and the next, so the sheet is read once, whatever the
    CSS (pages inline up to a megabyte of it; an unclosed block must not make each
    hint rescan the sheet, and one left open at the end still holds its rule).
    """
    # matching case-blind costs twice as much: the CSS is lowered instead, when that keeps every offset
    # (no character lowers to two, as "İ" does)
    lowered = css.lower()
    if len(lowered) == len(css):
        # each pattern's places, sorted in C (merging the patterns' matches as they come took 3 µs a hint)
        hints = sorted(chain.from_iterable(map(_START, hint.finditer(lowered)) for hint in _HINTS_IN_LOWER_CASE))
    else:
        hints = list(map(_START, _VISIBILITY_DECLARATION.finditer(css)))
    depth, counted, read_until = 0, 0, -1  # blocks open before `counted`; the end of the rule read last
    opening = closing_before = -1  # the last "{" and "}" before the hint, found looking back no further
    scanned = 0  # than the previous hint: a sheet of hints and no braces is read once, not once a hint
    around = _OpenBlocks(css)
    for hint in hints:
        if hint < read_until:  # another hint in the rule just read (no brace between them: nothing to count)
            scanned = hint
            continue
        opening = max(opening, css.rfind("{", scanned, hint))
        closing_before = max(closing_before, css.rfind("}", scanned, hint))
        scanned = hint
        if opening < 0 or closing_before > opening:
            continue  # not inside a rule's declarations
        closing = _BRACE.search(css, hint)
        end = closing.start() if closing else len(css)
        depth = max(0, depth + css.count("{", counted, opening) - css.count("}", counted, opening))
        counted = opening
        read_until = end
        prelude = _prelude(css, opening)
        if depth == 0:  # most rules: one that is not an at-rule's own block applies as it is
            around.at_top(opening)
            if not prelude.lstrip().startswith("@"):
                yield prelude, css[opening + 1 : end], True, False
        elif (preludes := around.preludes(opening)) is not None and (context := _context([*preludes, prelude])):
            yield context[0], css[opening + 1 : end], context[1], context[2]


def _prelude(css: str, opening: int) -> str:
    """What comes before the block opening at `opening`: a rule's selectors, or an at-rule's name and condition
    (after a statement such as `@charset "…";`)."""
    before = max(css.rfind("}", 0, opening), css.rfind("{", 0, opening))
    return css[before + 1 : opening].rsplit(";", 1)[-1]


class _OpenBlocks:
    """The preludes of the blocks open at a place in a sheet, followed as the reading moves on, and only from
    the last rule read outside any block: a sheet without at-rules or nesting costs nothing."""

    def __init__(self, css: str) -> None:
        self.css = css
        self.openings: list[int] = []
        self.followed_to = 0

    def at_top(self, position: int) -> None:
        """No block is open at `position`."""
        self.openings.clear()
        self.followed_to = position

    def preludes(self, position: int) -> list[str] | None:
        """The preludes of the blocks open at `position` (a block's opening), the outermost first; None past
        MAX_BLOCKS_AROUND of them (a hostile sheet's: each rule would be read with thousands).

        A rule's block, `{…}` with no brace inside, opens and closes in one: only the braces of blocks
        holding blocks (`@media {`, its `}`) change what is open, found in C, so a sheet's thousand rules
        are not followed one by one."""
        css = self.css
        openings = (match.start() for match in _OPENING_A_BLOCK.finditer(css, self.followed_to, position + 1))
        closings = (match.end(1) for match in _CLOSED_BEFORE.finditer(css, self.followed_to, position))
        for brace in sorted(chain(openings, closings)):
            if css[brace] == "{":
                if brace < position:
                    self.openings.append(brace)
            elif self.openings:
                self.openings.pop()
        self.followed_to = position
        if len(self.openings) > MAX_BLOCKS_AROUND:
            return None
        return [_prelude(css, opening) for opening in self.openings]


def _context(preludes: list[str]) -> tuple[str, bool, bool] | None:
    """(selectors, applies?, layered?) of a rule inside blocks of these preludes, the outermost first and its
    own last; None when none is a rule's selectors (`@font-face {…}`).

    A nested rule's selectors are written out in full (see _nested); a desktop reader's browser applies the
    rules inside `@layer` and `@supports` (Tailwind 4 puts `.hidden` and `.sr-only` in `@layer utilities`),
    those inside `@media` whose condition holds on its screen (see media.py), and none inside any other
    at-rule (`@supports not (…)`, `@container`).
    """
    selectors, applies, layered = None, True, False
    for prelude in preludes:
        text = prelude.strip()
        if not (at_rule := _AT_RULE.match(text)):
            selectors = text if selectors is None else _nested(selectors, text)
        elif (name := at_rule.group(1).lower()) == "layer":
            layered = True
        elif name == "media":
            applies = applies and on_a_desktop(at_rule.group(2))
        elif name != "supports" or at_rule.group(2).lower().startswith("not"):
            applies = False
    return None if selectors is None else (selectors, applies, layered)


def _nested(parents: str, child: str) -> str:
    """A nested rule's selectors in full: `&` stands for its parent's selector, and a selector without one is
    read inside it (`.card { .credit {…} }` styles `.card .credit`, `.card { &.open {…} }` `.card.open`)."""
    combined = (
        selector.replace("&", parent) if "&" in selector else f"{parent} {selector}"
        for parent in _split_group(parents)
        for selector in _split_group(child)
    )
    return ", ".join(islice(combined, MAX_NESTED_SELECTORS))

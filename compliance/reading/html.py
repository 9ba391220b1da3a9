"""HTML to the document model, with lxml (fast) and the spec's visibility rules.

What a reader does not see does not count: `<script>`, `<style>`,
`<template>` (not a declarative shadow root, which a browser shows), `<noscript>`,
comments, the `hidden` attribute, a `<dialog>` not open, and elements styled out
of sight (visibility.py says which). A credit only a screen reader
or a crawler can find is not a credit; what was hidden, and by what, is kept
aside to explain a failure.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import NamedTuple
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from ..errors import ComplianceError
from .document import Document, HiddenText, Link, Metadata, RepublishBox
from .licences import LICENCE_URL, parse_licence
from .textfold import clean_visible, collapse_spaces, drop_invisible
from .visibility import PageStyles, hides

MAX_HIDDEN_NOTED = 200  # hidden elements and comments remembered a page, to explain failures
MAX_HIDDEN_CHARS = 500
MAX_LOGO_NAME = 200  # characters of a logo link's name: a name, not a description
MAX_SOURCE_HIDDEN_CHARS = 20_000  # a source's hidden text is kept whole: a page may show what it collapses
MAX_KEPT_PATH = 300  # characters of a CSS path remembered for the elements below it
LINK_LOOKBACK = 10_000  # characters behind the last link's place searched for a link out of order
MAX_TARGETS_REMEMBERED = 1024  # link targets a page remembers resolved (see _Walker.links_for)
MAX_DEPTH = 2048  # libxml2's limit with huge_tree; past it content would be lost silently
# characters of markup past which a page's CSS paths are worked out as it is read, not when a report asks:
# the elements a path is worked out from keep the page's tree, ten times its size, through its checks
MAX_MARKUP_PATHS_ON_DEMAND = 1_000_000
FLATTEN_DEPTH = 1000  # a page deeper than the parser reads is read again with tags past this depth left out
_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>")
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
SELF_CLOSING_SIBLINGS = frozenset("p li dt dd tr td th option".split())  # a new one closes the last
RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title"})
INVISIBLE_TAGS = frozenset(  # textarea: a form field's value (a republish box's code to copy) is not prose
    {
        "script",
        "style",
        "template",
        "noscript",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "textarea",
        "datalist",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    """address article aside blockquote body button caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody td tfoot th
    thead tr ul""".split()
)
# what _Walker does at the start and the end of an element of these tags, besides gathering its text
_OPENING = {
    **dict.fromkeys(BLOCK_TAGS, "_open_block"),
    "li": "_open_item",
    "option": "_open_option",
    "pre": "_open_preformatted",
    "br": "_line_break",
    "a": "_open_link",
}
_CLOSING = {**dict.fromkeys(BLOCK_TAGS, "_close_block"), "pre": "_close_preformatted", "a": "_close_link"}
_NEVER_SHOWN = ("an element never shown", "")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_TAG = re.compile(r"<[^>]*>")
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.I)
_SPACE_BEFORE_MARK = re.compile(r" ([.,;:!?])")
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")


def parse_html(
    markup: str, location: str, base_url: str | None = None, line_attr: str | None = None, structure: bool = False
) -> Document:
    """Parse HTML text into a Document. `line_attr` names an attribute carrying source lines;
    `structure` keeps each block's ancestors and the elements' classes (article extraction needs them)
    and leaves out what only a checked page shows, its links' CSS paths."""
    comments = comments_in(markup, with_lines=line_attr is None)  # rendered Markdown's lines are not the file's
    root, notes = parse_tree(markup, location)
    document = html_document(root, location, base_url, line_attr, structure, comments, paths_on_demand(len(markup)))
    document.notes = notes
    return document


def paths_on_demand(markup_length: int) -> bool:
    """Whether a page this long works out its CSS paths when a report asks (see MAX_MARKUP_PATHS_ON_DEMAND)."""
    return markup_length <= MAX_MARKUP_PATHS_ON_DEMAND


def comments_in(markup: str, with_lines: bool = True) -> list[HiddenText]:
    """The page's HTML comments (the parser drops them), to say so when a credit hides in one."""
    found: list[HiddenText] = []
    line, counted = 1, 0
    end = markup.rfind("-->") + 3  # past the last end, an opening "<!--" would scan to the end of the page for one
    for match in _COMMENT.finditer(markup, 0, max(end, 0)):
        text = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(_TAG.sub(" ", match.group(1)).split()))
        if not text:
            continue
        line += markup.count("\n", counted, match.start())
        counted = match.start()
        hrefs = tuple(href.strip() for href in _HREF.findall(match.group(1)))
        why, remedy = "an HTML comment", "take it out of the comment"
        found.append(HiddenText(text[:MAX_HIDDEN_CHARS], line if with_lines else None, why, remedy, hrefs))
        if len(found) == MAX_HIDDEN_NOTED:
            break
    return found


def html_document(
    root: lxml.html.HtmlElement | None,
    location: str,
    base_url: str | None = None,
    line_attr: str | None = None,
    structure: bool = False,
    comments: list[HiddenText] | None = None,
    paths_on_demand: bool = True,
) -> Document:
    """The Document of a parsed tree (see parse_html); `comments` are the markup's (see comments_in).
    `paths_on_demand`: a page's CSS paths are worked out when a report names a block or link (see
    MAX_MARKUP_PATHS_ON_DEMAND); a source's are worked out at once, and its tree let go."""
    if root is None:
        return Document.from_blocks(location, "html", [], base_url=base_url)
    elements = _elements_by_tag(root)
    base = _base_url(elements, base_url)
    sheets = [style.text for style in elements["style"] if style.text]
    walker = _Walker(base, PageStyles(root, sheets), line_attr, structure, paths_on_demand and not structure)
    walker.walk(root)
    metadata = read_metadata(root, elements)
    kind = "markdown" if line_attr else "html"
    document = Document.from_blocks(
        location, kind, walker.blocks, metadata=metadata, base_url=base, labels=walker.labels
    )
    document.links.extend(walker.links_for(document))
    document.hidden = sorted([*(comments or []), *walker.hidden_texts], key=lambda h: h.line or 0)
    document.root = root
    return document


def parse_tree(markup: str | bytes, location: str) -> tuple[lxml.html.HtmlElement | None, list[str]]:
    """The lxml tree of HTML, given as text or as its UTF-8 bytes (None for a document with nothing in it),
    and notes of what reading it set aside: a page nested deeper than the parser goes is read again with
    its deepest tags flattened."""
    root, too_deep = _parsed(markup if isinstance(markup, bytes) else markup.encode("utf-8", "replace"))
    if not too_deep:
        return root, []
    text = markup.decode("utf-8") if isinstance(markup, bytes) else markup
    text, flattened = _flattened(text, FLATTEN_DEPTH)
    root, too_deep = _parsed(text.encode("utf-8", "replace"))
    if too_deep:
        raise ComplianceError(f"{location}: elements nested too deeply to read (more than {MAX_DEPTH} levels)")
    note = f"elements nested past {FLATTEN_DEPTH} levels read flattened ({flattened} tags set aside, their text kept)"
    return root, [note]


def _parsed(utf8: bytes) -> tuple[lxml.html.HtmlElement | None, bool]:
    # lxml.etree's parser, not lxml.html's: its elements need no Python class lookup each (a fifth of a walk)
    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.etree.fromstring(utf8, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None, False  # an empty document: nothing visible
    return root, root is not None and any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def _flattened(markup: str, limit: int) -> tuple[str, int]:
    """The markup with start tags past `limit` open elements (and their end tags) left out, and how many:
    one pass over the tags, as an HTML tokenizer would make it (raw text of scripts and styles skipped)."""
    kept, stack, dropped, position, count = [], [], Counter(), 0, 0
    lowered = markup.lower()
    for tag in _TAG_TOKEN.finditer(markup):
        if tag.start() < position:  # inside a script or style skipped below
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        keep = True
        if closing and dropped[name]:
            dropped[name] -= 1
            keep = False
        elif closing and name in stack:
            while stack and stack.pop() != name:
                pass
        elif not closing and name not in VOID_TAGS and not tag.group(0).endswith("/>"):
            if stack and stack[-1] == name and name in SELF_CLOSING_SIBLINGS:
                stack.pop()
            if len(stack) >= limit and name not in RAW_TEXT_TAGS:  # a script's code must stay a script
                dropped[name] += 1
                keep = False
            else:
                stack.append(name)
        kept.append(markup[position : tag.start()])
        if keep:
            kept.append(tag.group(0))
        else:
            count += 1
        position = tag.end()
        if not closing and name in RAW_TEXT_TAGS:
            end = lowered.find(f"</{name}", position)
            end = len(markup) if end < 0 else end
            kept.append(markup[position:end])
            position = end
    kept.append(markup[position:])
    return "".join(kept), count


# the elements a page's base URL, stylesheets and metadata are read from: gathered in one pass over the
# tree, in C, where each tag's own `iter` or XPath was a pass of its own (a real page's metadata took 0.4 ms,
# its base URL 0.2)
_INDEXED_TAGS = ("base", "style", "meta", "title", "script", "textarea", "img")
_ANCHORS_AND_LINKS = ("a", "link")  # one list, in document order, as licence declarations are ranked


def _elements_by_tag(root: lxml.html.HtmlElement) -> dict[str, list[lxml.html.HtmlElement]]:
    """The page's elements of _INDEXED_TAGS by tag, and its `a` and `link` elements together ("a/link")."""
    found: dict[str, list] = {tag: [] for tag in _INDEXED_TAGS}
    anchors_and_links = found["a/link"] = []
    for element in root.iter(*_INDEXED_TAGS, *_ANCHORS_AND_LINKS):
        found.get(element.tag, anchors_and_links).append(element)
    return found


def _base_url(elements: dict[str, list], fallback: str | None) -> str | None:
    for base in elements["base"]:
        if (href := base.get("href")) is not None:
            return urljoin(fallback or "", href.strip())
    return fallback


class _Walker:
    """One pass over the tree (lxml's iterwalk, no recursion) collecting visible blocks and links.

    CSS paths are worked out only for what is kept (blocks with text, links): most
    elements of a real page are neither, and this is the hot path of an audit.
    """

    def __init__(
        self, base_url: str | None, styles: PageStyles, line_attr: str | None, structure: bool, on_demand: bool
    ) -> None:
        self.base_url = base_url
        self.structure = structure
        self.on_demand = on_demand
        self.styles = styles
        self.line_attr = line_attr
        self.blocks: list[tuple] = []  # (text, line, CSS path or how to find it, ancestors, tag, heading)
        self.labels: dict[int, str] = {}
        self._raw_links: list[tuple[str, str, int | None, str | Callable[[], str], tuple[str, ...], int, str]] = []
        self._frames: list[_Frame] = []  # the blocks open around the walk, the innermost last
        self._parts: list[str] = []  # the text gathered in the innermost block since it or its last block closed
        self._open_links: list[tuple[lxml.html.HtmlElement, list[str], int | None]] = []
        self._line_anchor: tuple[int, int] | None = None  # (markdown line, html line)
        self._serials: list[int] = []
        self._next_serial = 0
        self._css_path = _CssPaths()
        self._preformatted = 0  # depth of <pre> elements around the walk
        self._list_numbers: dict[lxml.html.HtmlElement, int] = {}  # each numbered list's last item number
        self.hidden_texts: list[HiddenText] = []

    def walk(self, root: lxml.html.HtmlElement) -> None:
        """Most elements of a page are inline (`span`, `em`, a link's parts) and shown: for them the walk only
        gathers text, inline here. An element that starts a block, a link or a list item is opened and closed
        by its tag's own methods (_OPENING, _CLOSING): four in five elements of a real page are such."""
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        every = self.structure  # a source's structure numbers every element
        text = self._text
        opening = {tag: getattr(self, name) for tag, name in _OPENING.items()}
        closing = {tag: getattr(self, name) for tag, name in _CLOSING.items()}
        may_hide, may_hide_id, from_root = self.styles.may_hide, self.styles.may_hide_id, self.styles.hidden_from_root
        skipped = None
        for event, element in walker:
            if skipped is not None:  # the end of a hidden element: only its tail is seen
                skipped = None
                if tail := element.tail:
                    text(tail)
                continue
            tag = element.tag
            if event == "end":
                if (close := closing.get(tag)) is not None:
                    close(element)
                if every:
                    self._serials.pop()
                if tail := element.tail:
                    text(tail)
                continue
            if tag in INVISIBLE_TAGS and not (tag == "template" and _is_shadow_root(element)):
                why = _NEVER_SHOWN
            elif (  # told cheaply for most elements: nothing that may hide them
                element.get("style") is not None
                or element.get("hidden") is not None
                or tag == "dialog"
                or element in from_root
                or ((element_id := element.get("id")) is not None and may_hide_id(element_id))
                or ((classes := element.get("class")) is not None and may_hide(classes))
            ):
                why = self._hidden_because(element)
            else:
                why = None
            if why is None and (tag != "select" or _is_list_box(element)):
                if every:
                    self._number(element)
                if (open_ := opening.get(tag)) is not None:
                    open_(element)
                if own := element.text:
                    text(own)
                continue
            if why is None:  # a drop-down list: a reader sees the option it shows, not the others, in a box
                text(f" {_shown_option(element)} ")
            else:
                line = self._line(element)  # a hidden line marker still tells where the lines after it are
                if why is not _NEVER_SHOWN:  # scripts, styles and the head explain no failure
                    self._note_hidden(element, line, why)
            walker.skip_subtree()
            skipped = element

    def _hidden_because(self, element: lxml.html.HtmlElement) -> tuple[str, str] | None:
        """Why a reader does not see `element` (not an invisible tag), and how to show it; None when it is seen."""
        if element.get("hidden") is not None:
            return "the hidden attribute", "remove the hidden attribute"
        style = element.get("style")
        if style and hides(style):
            return f'an inline style ("{" ".join(style.split())[:80]}")', "remove the style that hides it"
        if element.tag == "dialog" and element.get("open") is None and not self.styles.shows(element):
            return "a closed <dialog>", "give the dialog the open attribute, or move the text out of it"
        if selector := self.styles.hidden_by(element):
            return f"the page's stylesheet ({selector})", f"change the element, or the rule `{selector}` hiding it"
        return None

    def _note_hidden(self, element: lxml.html.HtmlElement, line: int | None, why: tuple[str, str]) -> None:
        if len(self.hidden_texts) < MAX_HIDDEN_NOTED:
            raw = lxml.etree.tostring(element, method="text", encoding=str, with_tail=False)
            limit = MAX_SOURCE_HIDDEN_CHARS if self.structure else MAX_HIDDEN_CHARS
            text = " ".join(raw[: 4 * limit].split())  # enough to explain, whatever the element holds
            hrefs = tuple(a.get("href").strip() for a in element.iter("a") if a.get("href") is not None)
            if text or hrefs:
                self.hidden_texts.append(HiddenText(text[:limit], line, *why, hrefs=hrefs))

    def _line(self, element: lxml.html.HtmlElement) -> int | None:
        if not self.line_attr:
            return element.sourceline
        own = element.get(self.line_attr)
        if own is not None and own.isdigit():
            self._line_anchor = (int(own), element.sourceline or 0)
            return int(own)
        if self._line_anchor is None:
            return None
        md_line, html_line = self._line_anchor
        return md_line + max(0, (element.sourceline or html_line) - html_line)

    def _list_number(self, item: lxml.html.HtmlElement) -> int | None:
        """The number a browser shows before an item of a numbered list (`<ol start reversed>`, `<li value>`)."""
        numbered = item.getparent()
        if numbered is None or numbered.tag != "ol" or (numbered.get("type") or "1") != "1":
            return None
        step = -1 if numbered.get("reversed") is not None else 1
        if numbered not in self._list_numbers:
            first = _integer(numbered.get("start"))
            if first is None:
                first = sum(1 for child in numbered if child.tag == "li") if step < 0 else 1
            self._list_numbers[numbered] = first - step
        value = _integer(item.get("value"))
        self._list_numbers[numbered] = value if value is not None else self._list_numbers[numbered] + step
        return self._list_numbers[numbered]

    def _number(self, element: lxml.html.HtmlElement) -> None:
        """Give an element of a source its serial number and label (article extraction reads them)."""
        self._serials.append(self._next_serial)
        self.labels[self._next_serial] = element_label(element.tag, element.get("id", ""), element.get("class", ""))
        self._next_serial += 1

    def _open_block(self, element: lxml.html.HtmlElement) -> None:
        if self._parts:
            self._flush()
        tag = element.tag
        heading = tag if tag in HEADING_TAGS else self._frames[-1].heading if self._frames else ""
        self._frames.append(_Frame(element, self._line(element), tuple(self._serials), heading))

    def _close_block(self, element: lxml.html.HtmlElement) -> None:
        if self._parts:
            self._flush()
        self._frames.pop()

    def _open_item(self, item: lxml.html.HtmlElement) -> None:
        self._open_block(item)
        if (number := self._list_number(item)) is not None:
            self._parts.append(f"{number}. ")  # a reader sees "4." before the fourth item

    def _open_option(self, option: lxml.html.HtmlElement) -> None:
        """An option of a list box: apart from the text before it, in the block around it."""
        if self._frames:
            self._parts.append(" ")

    def _open_preformatted(self, element: lxml.html.HtmlElement) -> None:
        self._open_block(element)
        self._preformatted += 1

    def _close_preformatted(self, element: lxml.html.HtmlElement) -> None:
        self._close_block(element)
        self._preformatted -= 1

    def _line_break(self, element: lxml.html.HtmlElement) -> None:
        self._append("\n")

    def _open_link(self, element: lxml.html.HtmlElement) -> None:
        if element.get("href") is not None:
            self._open_links.append((element, [], self._line(element)))

    def _close_link(self, element: lxml.html.HtmlElement) -> None:
        if not (self._open_links and self._open_links[-1][0] is element):
            return  # an anchor without a link
        element, parts, line = self._open_links.pop()
        text = " ".join("".join(parts).split())
        raw = element.get("href", "").strip()
        rel = tuple(element.get("rel", "").lower().split())
        where = "" if self.structure else self._where(element)  # a source's links are never shown
        self._raw_links.append((raw, text, line, where, rel, len(self.blocks), "" if text else _logo_name(element)))

    def _where(self, element: lxml.html.HtmlElement) -> str | Callable[[], str]:
        """An element's CSS path, or how to work it out when a report asks (see html_document)."""
        return partial(self._css_path, element) if self.on_demand else self._css_path(element)

    def _text(self, text: str) -> None:
        """Text from the markup: a newline in it is a space to a reader, except inside `<pre>`. White space
        opening a block (most of it: the indentation between tags) is left out, as a reader does."""
        if not (self._open_links or self._parts or (self._frames and not text.isspace())):
            return  # outside any block, or white space opening one: half the texts of a real page
        shown = text if self._preformatted else text.replace("\n", " ")
        if self._open_links:
            self._append(shown)
        else:
            self._parts.append(shown)

    def _append(self, text: str) -> None:
        if self._frames:
            self._parts.append(text)
        if self._open_links:
            for _, parts, _ in self._open_links:
                parts.append(text)

    def _flush(self) -> None:
        """Emit the text gathered so far in the innermost block as a block of its own."""
        if not (self._frames and self._parts):
            return
        frame = self._frames[-1]
        raw = "".join(self._parts)
        self._parts.clear()
        if raw.isspace():  # most flushes: the white space between two blocks
            return
        if text := _visible_lines(raw):
            element = frame.element
            self.blocks.append((text, frame.line, self._where(element), frame.ancestors, element.tag, frame.heading))

    def links_for(self, document: Document) -> list[Link]:
        """Resolve the gathered links and tie each to the block holding its text."""
        links = []
        flat: dict[int, list] = {}  # a block's text on one line and where its last link was: see _block_holding
        # each target resolved once: a page links to the same ones again and again (a link in four on real
        # pages), and resolving one against the page's URL costs 5 us
        resolved: dict[str, str] = {}
        for raw, text, line, where, rel, blocks_before, logo in self._raw_links:
            block = _block_holding(document, text, blocks_before, flat)
            if logo and blocks_before < len(document.blocks):
                block = blocks_before  # no text to find it by: the block that was open around it
            if (href := resolved.get(raw)) is None:
                if len(resolved) == MAX_TARGETS_REMEMBERED:  # a page of 50,000 targets keeps 3 MB more
                    resolved.clear()
                href = resolved[raw] = _resolve(self.base_url, raw)
            links.append(Link(href, raw, text, line, rel, block, where, logo))
        return links


def _logo_name(link: lxml.html.HtmlElement) -> str:
    """What names a link that shows no text (a publisher's logo) to a reader: its `aria-label`, else the `alt`
    of its images. Only the link has that name: an image's `alt` is no text of the page's."""
    label = link.get("aria-label") or " ".join(alt for image in link.iter("img") if (alt := image.get("alt")))
    return " ".join(label.split())[:MAX_LOGO_NAME]


def _is_shadow_root(template: lxml.html.HtmlElement) -> bool:
    """Whether a <template> is a declarative shadow root, whose content a browser shows in its host's place."""
    return template.get("shadowrootmode") is not None or template.get("shadowroot") is not None


def _is_list_box(select: lxml.html.HtmlElement) -> bool:
    """Whether a <select> shows its options as a list (`multiple`, or `size` over 1) rather than one of them."""
    return select.get("multiple") is not None or (_integer(select.get("size")) or 1) > 1


def _shown_option(select: lxml.html.HtmlElement) -> str:
    """The text a closed drop-down list shows: its selected option's, else its first's."""
    options = list(select.iter("option"))
    shown = next((option for option in options if option.get("selected") is not None), options[0] if options else None)
    return "".join(shown.itertext()) if shown is not None else ""  # spaces collapsed with the block's


def _integer(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value else None
    except ValueError:
        return None


def element_label(tag: str, element_id: str, classes: str) -> str:
    """`tag id classes`, lower case, camelCase words parted ("PromoSmall" -> "promo-small"): names tell furniture."""
    label = f"{tag} {element_id} {classes}"
    return label if label == label.lower() else _CAMEL_HUMP.sub("-", label).lower()


def _visible_lines(raw: str) -> str:
    """Text as a reader sees it: invisible characters dropped, spaces collapsed, blank lines gone."""
    if "\n" not in raw:  # most blocks: one line (a newline in the markup reads as a space)
        return collapse_spaces(raw if raw.isascii() else drop_invisible(raw))
    text = clean_visible(raw)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


class _Frame(NamedTuple):
    """A block open around the walk."""

    element: lxml.html.HtmlElement
    line: int | None
    ancestors: tuple[int, ...]
    heading: str  # the heading this block is or is inside of, else ""


class _CssPaths:
    """Readable CSS paths, each parent's children counted as they are named (a page may have 100,000 siblings)."""

    def __init__(self) -> None:
        self._numbers: dict[lxml.html.HtmlElement, _SiblingNumbers] = {}
        self._parents: dict[lxml.html.HtmlElement, str] = {}  # an element's path as the parent of another

    def __call__(self, element: lxml.html.HtmlElement) -> str:
        """From the nearest ancestor with an id or a class, down to `element`."""
        if element.tag in ("html", "body"):
            return ""
        part = self._part(element)
        if "#" in part:
            return part
        parent = element.getparent()
        if parent is None or parent.tag in ("html", "body"):
            return part
        return f"{self._parent_path(parent)} > {part}"

    def _parent_path(self, element: lxml.html.HtmlElement) -> str:
        """The path of an ancestor of what is being named, which stops at its own class or id. Worked out
        once for the blocks and links that share their parents, and kept when short: a chain of a thousand
        anonymous `div`s would otherwise keep a thousand ever longer paths."""
        parts: list[str] = []
        start = element
        while (known := self._parents.get(element)) is None:
            part = self._part(element)
            parts.append(part)
            parent = element.getparent()
            if "#" in part or "." in part or parent is None or parent.tag in ("html", "body"):
                break
            element = parent
        path = " > ".join(([known] if known is not None else []) + parts[::-1])
        if len(path) <= MAX_KEPT_PATH:
            self._parents[start] = path
        return path

    def _part(self, element: lxml.html.HtmlElement) -> str:
        """`tag#id`, or `tag.class` / `tag` with `:nth-of-type(n)` when siblings share the tag."""
        tag = element.tag
        if element.get("id"):
            return f"{tag}#{element.get('id')}"
        classes = (element.get("class") or "").split()
        part = f"{tag}.{classes[0]}" if classes else tag
        parent = element.getparent()
        if parent is None:
            return part
        if parent not in self._numbers:
            self._numbers[parent] = _SiblingNumbers(parent)
        return part + self._numbers[parent].of(element)


class _SiblingNumbers:
    """`:nth-of-type(n)` of each child of a parent that shares its tag with a sibling, counted as the children are
    named: a page read at once names them in document order, so the siblings are counted once in all; a report
    naming a few out of order counts again from the first. (A number kept for each child held 100,000 elements
    and strings for a page of 100,000 paragraphs.)"""

    __slots__ = ("at", "first", "seen", "totals")

    def __init__(self, parent: lxml.html.HtmlElement) -> None:
        self.totals = Counter(child.tag for child in parent)
        self.first = parent[0] if len(parent) else None
        self.at: lxml.html.HtmlElement | None = None  # the child counted to last
        self.seen: Counter = Counter()  # the tags of the children up to it

    def of(self, child: lxml.html.HtmlElement) -> str:
        tag = child.tag
        if self.totals[tag] < 2:
            return ""
        if child is not self.at:
            if self.at is not None and self.at.getnext() is child:  # the next one: most, for a page read at once
                self.at = child
                self.seen[tag] += 1
            else:
                self._count_to(child)
        return f":nth-of-type({self.seen[tag]})"

    def _count_to(self, child: lxml.html.HtmlElement) -> None:
        """Count on to `child` from the child counted to last, else (it comes before: the count run past it
        is dropped) from the first."""
        after = self.at.getnext() if self.at is not None else None
        for node, seen in ((after, self.seen), (self.first, Counter())):
            while node is not None:
                seen[node.tag] += 1
                if node is child:
                    self.at, self.seen = child, seen
                    return
                node = node.getnext()


def _block_holding(document: Document, text: str, blocks_before: int, flat: dict[int, list]) -> int | None:
    """The block that holds a link's text (spaces already collapsed): the one being built when the link closed.

    Links come in reading order, so each block's text is searched on from where its last link was found:
    a block of 50,000 links is read once, not once a link."""
    for index in (blocks_before, blocks_before - 1):
        if not (text and 0 <= index < len(document.blocks)):
            continue
        if index not in flat:  # a block's text on one line (it has no other runs of spaces), and a cursor
            flat[index] = [document.blocks[index].text.replace("\n", " "), 0]
        line, cursor = flat[index]
        found = line.find(text, cursor)
        if found < 0:  # a link out of order (nested, or in a caption read later) is near where the last one was
            found = line.find(text, max(0, cursor - LINK_LOOKBACK), cursor + len(text))
        if found >= 0:
            flat[index][1] = found + len(text)
            return index
    return None


def _resolve(base_url: str | None, href: str) -> str:
    try:
        return urljoin(base_url or "", href)
    except ValueError:
        return href


def read_metadata(root: lxml.html.HtmlElement, elements: dict[str, list]) -> Metadata:
    """Title, canonical URL, Open Graph, meta author/dates and JSON-LD of an HTML tree (`elements`: its
    elements of the tags read, see _elements_by_tag)."""
    meta: dict[str, str] = {}
    for element in elements["meta"]:
        key = element.get("property") or element.get("name") or element.get("itemprop") or element.get("http-equiv")
        key = (key or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in meta:
            meta[key] = content
    objects = list(_jsonld_objects(elements["script"]))  # parsed once: the article's and the licence's facts
    article = _jsonld_article(objects)
    box = _republish_box(elements["textarea"])
    title = elements["title"][0].text if elements["title"] else None
    canonical = next(
        (
            link.get("href")
            for link in elements["a/link"]
            if link.tag == "link" and "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    published = (
        article.get("datePublished") or meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")
    )
    authors = _names(article.get("author")) or [a for a in [meta.get("author") or meta.get("article:author")] if a]
    publisher = _names(article.get("publisher"))
    return Metadata(
        title=" ".join(title.split()) if title else meta.get("og:title"),
        headline=_text(article.get("headline")) or meta.get("og:title"),
        canonical=canonical.strip() if canonical else None,
        og_url=meta.get("og:url"),
        site_name=meta.get("og:site_name") or (publisher[0] if publisher else None),
        publisher=publisher[0] if publisher else meta.get("og:site_name"),
        authors=authors,
        affiliations=_affiliations(article.get("author")),
        published=_text(published),
        declared_sources=_declared_sources(meta, article),
        license=_declared_licence(elements, meta, objects, box),
        language=_language(root, meta),
        republish_box=box,
    )


def _republish_box(textareas: list[lxml.html.HtmlElement]) -> RepublishBox | None:
    """The textarea a publisher's republish box hands partners the article's code in, if any. A saved page
    may escape part of the code twice (the INN plugin's credit line): it is unescaped once more."""
    for box in textareas:
        if REPUBLISH_BOX_ID.search(box.get("id") or ""):
            return RepublishBox(box.get("id"), html.unescape(box.text or ""))
    return None


def _language(root: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """The page's declared language, as its primary subtag: `<html lang>`, else Content-Language or og:locale."""
    declared = root.get("lang") or root.get("xml:lang") or meta.get("content-language") or meta.get("og:locale")
    primary = re.split(r"[-_,;\s]", declared.strip().lower(), maxsplit=1)[0] if declared else ""
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


REPUBLISH_BOX_ID = re.compile(r"republi(?:sh|cation)", re.I)
CC_DEED = re.compile(r"https?://creativecommons\.org/licenses/[a-z-]+/\d\.\d/?", re.I)


def _declared_licence(
    elements: dict[str, list], meta: dict[str, str], objects: list[dict], box: RepublishBox | None
) -> tuple[str, str] | None:
    """The licence the page declares: the first declaration naming a Creative Commons licence, else the first
    of any kind. Best evidence first: JSON-LD, rel=license, meta, a CC badge, its republish box's copy."""
    first = None
    for found in _licence_declarations(elements, meta, objects, box):
        if parse_licence(found[0]):
            return found
        first = first or found
    return first


def _licence_declarations(
    elements: dict[str, list], meta: dict[str, str], objects: list[dict], box: RepublishBox | None
):
    for item in sorted(objects, key=lambda item: not _is_article(item)):  # the article's own first
        value = item.get("license")
        value = value.get("url") or value.get("@id") if isinstance(value, dict) else value
        if isinstance(value, str) and value.strip():
            yield value.strip(), "JSON-LD license"
    for element in elements["a/link"]:
        if "license" in (element.get("rel") or "").lower().split() and element.get("href"):
            yield element.get("href").strip(), "rel=license"
    for name in ("license", "dcterms.license", "dc.rights"):
        if meta.get(name):
            yield meta[name], f"meta {name}"
    for image in elements["img"]:
        if LICENCE_URL.search(image.get("src") or ""):  # a badge: licensebuttons.net/l/by-nd/4.0/88x31.png
            yield image.get("src"), "a Creative Commons badge"
    if box and (deed := CC_DEED.search(box.code)):
        yield deed.group(0), "its republish box"


def _declared_sources(meta: dict[str, str], article: dict) -> list[tuple[str, str]]:
    """Where the page says it came from, best evidence first (canonical and credit links are judged later)."""
    found = [(meta[name], f"meta {name}") for name in ("original-source", "syndication-source") if meta.get(name)]
    for key in ("isBasedOn", "sourceOrganization"):
        for value in article.get(key) if isinstance(article.get(key), list) else [article.get(key)]:
            url = (
                value
                if isinstance(value, str)
                else (value.get("url") or value.get("@id"))
                if isinstance(value, dict)
                else None
            )
            if isinstance(url, str) and url.startswith(("http://", "https://")):
                found.append((url, f"JSON-LD {key}"))
    return found


_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "socialmediaposting",
}


def _jsonld_article(objects: list[dict]) -> dict:
    """The first JSON-LD object typed as an article (lists and @graph searched)."""
    return next((item for item in objects if _is_article(item)), {})


def _is_article(item: dict) -> bool:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types)


def _jsonld_objects(scripts: list[lxml.html.HtmlElement]):
    """Every JSON-LD object of the page's scripts, lists and @graph searched."""
    for script in scripts:
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        yield from _jsonld_items(data)


def _jsonld_items(data: object, depth: int = 0):
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity"):
            if key in data:
                yield from _jsonld_items(data[key], depth + 1)


def _names(value: object) -> list[str]:
    """Names from a JSON-LD person/organisation value (a string, an object or a list)."""
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(" ".join(name.split()))
    return names


def _affiliations(authors: object) -> list[str]:
    """The institutions JSON-LD names for the authors (`"affiliation": {"name": …}`)."""
    people = authors if isinstance(authors, list) else [authors]
    return [name for person in people if isinstance(person, dict) for name in _names(person.get("affiliation"))]


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

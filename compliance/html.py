"""HTML to the document model, with lxml (fast) and the spec's visibility rules.

What a reader does not see does not count: `<script>`, `<style>`,
`<template>`, `<noscript>`, comments, the `hidden` attribute, an inline
`display:none` / `visibility:hidden`, and elements a page's own `<style>`
hides with a simple class, id or tag selector.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from .document import Document, Link, Metadata
from .errors import ComplianceError
from .textfold import clean_visible

MAX_DEPTH = 2048  # libxml2's limit with huge_tree; past it content would be lost silently
INVISIBLE_TAGS = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "meta", "link", "iframe", "object"}
)
BLOCK_TAGS = frozenset(
    """address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section summary table tbody td tfoot th thead
    tr ul""".split()
)
_HIDDEN_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_SHOWN_STYLE = re.compile(r"display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible", re.I)
_CSS_TOKEN = re.compile(r"[^{}]*\{[^{}]*\}|[^{}]*\{|\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:([.#])([\w-]+))?$", re.I)


def parse_html(markup: str, location: str, base_url: str | None = None, line_attr: str | None = None) -> Document:
    """Parse HTML text into a Document. `line_attr` names an attribute carrying source lines."""
    root = _parse_tree(markup, location)
    if root is None:
        return Document.from_blocks(location, "html", [], base_url=base_url)
    base = _base_url(root, base_url)
    walker = _Walker(base, _hidden_selectors(root), line_attr)
    walker.walk(root)
    metadata = read_metadata(root)
    kind = "markdown" if line_attr else "html"
    document = Document.from_blocks(
        location, kind, walker.blocks, metadata=metadata, base_url=base, labels=walker.labels
    )
    document.links.extend(walker.links_for(document))
    return document


def _parse_tree(markup: str, location: str) -> lxml.html.HtmlElement | None:
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None  # an empty document: nothing visible
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise ComplianceError(f"{location}: elements nested too deeply to read (more than {MAX_DEPTH} levels)")
    return root


def _base_url(root: lxml.html.HtmlElement, fallback: str | None) -> str | None:
    for href in root.xpath("//base/@href"):
        return urljoin(fallback or "", href.strip())
    return fallback


def _hidden_selectors(root: lxml.html.HtmlElement) -> set[str]:
    """Simple selectors (`tag`, `.class`, `#id`, `tag.class`) that a page's stylesheet hides.

    Only rules outside `@media` blocks hide (a reader on a desktop screen is the
    measure), and a later rule that shows the element again wins, as in the cascade.
    """
    hidden: set[str] = set()
    for css in root.xpath("//style/text()"):
        for selectors, body, top_level in _css_rules(css):
            simple = {s.strip() for s in selectors.split(",") if _SIMPLE_SELECTOR.match(s.strip())}
            if _HIDDEN_STYLE.search(body):
                if top_level:
                    hidden |= simple
            elif _SHOWN_STYLE.search(body):
                hidden -= simple
    return hidden


def _css_rules(css: str):
    """(selectors, declarations, at top level?) of each rule, `@media` blocks included."""
    depth = 0
    for match in _CSS_TOKEN.finditer(css):
        token = match.group()
        if token == "}":
            depth = max(0, depth - 1)
        elif token.endswith("{") and token.lstrip().startswith("@"):
            depth += 1
        elif token.endswith("}"):
            selectors, body = token[:-1].split("{", 1)
            yield selectors, body, depth == 0


class _Walker:
    """One pass over the tree collecting visible blocks and links, without recursion."""

    def __init__(self, base_url: str | None, hidden: set[str], line_attr: str | None) -> None:
        self.base_url = base_url
        self.hidden = hidden
        self.line_attr = line_attr
        self.blocks: list[tuple[str, int | None, str, tuple[int, ...]]] = []
        self._raw_links: list[tuple[str, str, int | None, str, tuple[str, ...], int]] = []
        self._frames: list[_Frame] = []
        self._path: list[str] = []
        self._open_links: list[tuple[lxml.html.HtmlElement, list[str], int | None, str]] = []
        self._line_anchor: tuple[int, int] | None = None  # (markdown line, html line)
        self._serials: list[int] = []
        self.labels: dict[int, str] = {}
        self._next_serial = 0

    def walk(self, root: lxml.html.HtmlElement) -> None:
        stack: list[tuple[lxml.html.HtmlElement, str, bool]] = [(root, "html", False)]
        while stack:
            element, part, closing = stack.pop()
            if closing:
                self._end(element)
                continue
            if not isinstance(element.tag, str) or self._is_hidden(element):
                if self.line_attr and isinstance(element.tag, str):
                    self._line(element)  # a hidden line marker still tells where the lines after it are
                self._text(element.tail)
                continue
            self._start(element, part)
            stack.append((element, part, True))
            stack.extend(reversed(_child_parts(element)))

    def _is_hidden(self, element: lxml.html.HtmlElement) -> bool:
        tag = element.tag.lower()
        if tag in INVISIBLE_TAGS or element.get("hidden") is not None:
            return True
        if _HIDDEN_STYLE.search(element.get("style", "")):
            return True
        if not self.hidden:
            return False
        names = {tag, *(f"#{element.get('id')}",) * bool(element.get("id"))}
        names.update(f".{c}" for c in element.get("class", "").split())
        names.update(f"{tag}.{c}" for c in element.get("class", "").split())
        return bool(names & self.hidden)

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

    def _start(self, element: lxml.html.HtmlElement, part: str) -> None:
        tag = element.tag.lower()
        self._path.append(part)
        self._serials.append(self._next_serial)
        if element.get("class") or element.get("id"):
            self.labels[self._next_serial] = f"{tag} {element.get('id', '')} {element.get('class', '')}".lower()
        self._next_serial += 1
        line = self._line(element)
        if tag in BLOCK_TAGS:
            self._flush()
            self._frames.append(_Frame(line, self._css_path(), tuple(self._serials)))
        elif tag == "br":
            self._text("\n")
        elif tag == "a" and element.get("href") is not None:
            self._open_links.append((element, [], line, self._css_path()))
        if tag in {"td", "th", "li", "dt", "dd"} and self._frames:
            self._frames[-1].parts.append(" ")
        self._text(element.text)

    def _end(self, element: lxml.html.HtmlElement) -> None:
        tag = element.tag.lower()
        if tag == "a" and self._open_links and self._open_links[-1][0] is element:
            self._close_link()
        if tag in BLOCK_TAGS:
            self._flush()
            self._frames.pop()
        self._path.pop()
        self._serials.pop()
        self._text(element.tail)

    def _close_link(self) -> None:
        element, parts, line, path = self._open_links.pop()
        raw = element.get("href", "").strip()
        rel = tuple(element.get("rel", "").lower().split())
        text = " ".join("".join(parts).split())
        self._raw_links.append((raw, text, line, path, rel, len(self.blocks)))

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if self._frames:
            self._frames[-1].parts.append(text)
        for _, parts, _, _ in self._open_links:
            parts.append(text)

    def _flush(self) -> None:
        """Emit the text gathered so far in the innermost block as a block of its own."""
        if not self._frames:
            return
        frame = self._frames[-1]
        text = clean_visible("".join(frame.parts))
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
        frame.parts.clear()
        if text:
            self.blocks.append((text, frame.line, frame.path, frame.ancestors))

    def _css_path(self) -> str:
        """A readable CSS path: from the nearest ancestor with an id or a class, down."""
        parts = self._path[2:] if len(self._path) > 2 else self._path[-1:]
        for i in range(len(parts) - 1, -1, -1):
            if "#" in parts[i] or ("." in parts[i] and i < len(parts) - 1):
                return " > ".join(parts[i:])
        return " > ".join(parts)

    def links_for(self, document: Document) -> list[Link]:
        """Resolve the gathered links and tie each to the block holding its text."""
        links = []
        for raw, text, line, path, rel, blocks_before in self._raw_links:
            block = _block_holding(document, text, blocks_before)
            links.append(Link(_resolve(self.base_url, raw), raw, text, line, path, rel, block))
        return links


class _Frame:
    __slots__ = ("ancestors", "line", "parts", "path")

    def __init__(self, line: int | None, path: str, ancestors: tuple[int, ...]) -> None:
        self.line = line
        self.path = path
        self.ancestors = ancestors
        self.parts: list[str] = []


def _child_parts(element: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, str, bool]]:
    """Children with their CSS path part (`tag#id`, `tag.class`, `:nth-of-type(n)`)."""
    children = [child for child in element if isinstance(child.tag, str)]
    totals = Counter(child.tag for child in children)
    seen: Counter[str] = Counter()
    parts = []
    for child in element:
        if not isinstance(child.tag, str):
            parts.append((child, "", False))
            continue
        seen[child.tag] += 1
        part = child.tag.lower()
        if child.get("id"):
            part += f"#{child.get('id')}"
        elif child.get("class", "").split():
            part += f".{child.get('class').split()[0]}"
        if totals[child.tag] > 1 and not child.get("id"):
            part += f":nth-of-type({seen[child.tag]})"
        parts.append((child, part, False))
    return parts


def _block_holding(document: Document, text: str, blocks_before: int) -> int | None:
    """The block that holds a link's text: the one being built when the link closed."""
    folded = " ".join(text.split())
    for index in (blocks_before, blocks_before - 1):
        if 0 <= index < len(document.blocks) and folded and folded in " ".join(document.blocks[index].text.split()):
            return index
    return None


def _resolve(base_url: str | None, href: str) -> str:
    try:
        return urljoin(base_url or "", href)
    except ValueError:
        return href


def read_metadata(root: lxml.html.HtmlElement) -> Metadata:
    """Title, canonical URL, Open Graph, meta author/dates and JSON-LD of an HTML tree."""
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in meta:
            meta[key] = content
    article = _jsonld_article(root)
    title = root.findtext(".//title")
    canonical = next(
        (link.get("href") for link in root.iter("link") if "canonical" in (link.get("rel") or "").lower().split()), None
    )
    published = (
        article.get("datePublished") or meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")
    )
    authors = _names(article.get("author")) or [a for a in [meta.get("author") or meta.get("article:author")] if a]
    publisher = _names(article.get("publisher"))
    body = article.get("articleBody")
    return Metadata(
        title=" ".join(title.split()) if title else meta.get("og:title"),
        headline=_text(article.get("headline")) or meta.get("og:title"),
        canonical=canonical.strip() if canonical else None,
        og_url=meta.get("og:url"),
        site_name=meta.get("og:site_name") or (publisher[0] if publisher else None),
        publisher=publisher[0] if publisher else meta.get("og:site_name"),
        authors=authors,
        published=_text(published),
        article_body=body if isinstance(body, str) else None,
        declared_sources=_declared_sources(meta, article),
    )


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


def _jsonld_article(root: lxml.html.HtmlElement) -> dict:
    """The first JSON-LD object typed as an article (searching lists and @graph)."""
    for script in root.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]/text()'):
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        for item in _jsonld_items(data):
            types = item.get("@type")
            types = types if isinstance(types, list) else [types]
            if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                return item
    return {}


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


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None

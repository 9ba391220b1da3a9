"""Markdown pages read as the HTML they render to (CommonMark, via markdown-it-py).

Front matter is read as metadata. Each rendered block carries the Markdown
line it came from, so findings point at the line an author edits. The tags a
site generator replaces before anyone reads the page (Hugo's shortcodes,
Liquid's tags and output in Jekyll, kramdown's and Pandoc's attribute lists)
are not its text, outside code, where they are shown as written.

An MDX page (`.mdx`: Astro, Next.js, Docusaurus) is read as MDX renders it: its
`import` and `export` statements and `{expressions}` are code, not text; its
components' tags (`<Callout type="info">`, `<Figure … />`) are set aside and
the Markdown between them read as Markdown (CommonMark would read the lines
inside a tag as raw HTML, a link's brackets and all); and indentation makes no
code block. What a component renders of its own is not known, so not read.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from .document import Document
from .html import parse_html

LINE_ATTR = "data-source-line"
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: ten times faster
# `{{< figure … >}}`, `{{% notice %}}`, `{% include … %}`, `{{ page.date }}`; an attribute list, `{: .lead}`,
# `{#anchor .class key="value"}`, `{:toc}`, `{:ref: …}`, of nothing but attributes (`{:N$}` is a format string)
_ATTRIBUTE = r"""(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)|[\w-]+)"""
_TEMPLATE_TAG = re.compile(
    rf"\{{%.*?%\}}|\{{\{{.*?\}}\}}|\{{(?::(?:[\w-]+:)?|(?=[.#]))\s*(?:{_ATTRIBUTE}\s*)*\}}", re.S
)
_MDX_EXPRESSION = re.compile(r"\{[^{}\n]*\}")  # `{props.year}`, `{/* a comment */}`: all braces in MDX text are code
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})", re.M)
_ESM = re.compile(r"^(?:import|export)[\s{*][^\n]*(?:\n[^\n]*\S[^\n]*)*", re.M)  # up to the next blank line
# a component's tag (its name capitalized: `<Callout …>`, `</Tabs.Item>`, `<Figure … />`) or a fragment's (`<>`);
# a code span is matched too, to be kept as written
_ATTRIBUTES = r"""(?:\s(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^<>"'{}])*)?"""
_COMPONENT_OR_CODE = re.compile(rf"(`+)[^`]*?\1|<(?:/?[A-Z][\w.:-]*{_ATTRIBUTES}/?|/?)>")


def _markdown(mdx: bool) -> MarkdownIt:
    """CommonMark with tables (MDX: without indented code); an escaped character stays a token of its own
    (no `text_join`), so that `\\{: .lead\\}` is text, not an attribute list, and is rendered as text."""
    markdown = MarkdownIt("commonmark", {"html": True}).use(front_matter_plugin).enable("table").disable("text_join")
    markdown.add_render_rule("text_special", markdown.renderer.rules["text"])
    return markdown.disable("code") if mdx else markdown


_MARKDOWN, _MDX = _markdown(mdx=False), _markdown(mdx=True)


def parse_markdown(text: str, location: str, base_url: str | None = None) -> Document:
    """Render Markdown to HTML, tagging blocks with their source line, and parse that."""
    env: dict = {}
    text, front_matter = _toml_front_matter(text)
    mdx = Path(location).suffix.lower() == ".mdx"
    if mdx:
        text = _without_mdx_code(text)
    markdown = _MDX if mdx else _MARKDOWN
    tokens = markdown.parse(text, env)
    for token in tokens:
        if token.type == "front_matter":
            front_matter = _front_matter(token.content)
        elif token.map and token.nesting == 1:
            token.attrSet(LINE_ATTR, str(token.map[0] + 1))
        elif token.map and token.type == "html_block":
            token.content = f'<meta {LINE_ATTR}="{token.map[0] + 1}">' + token.content
        if token.type == "inline" and "{" in token.content:
            _drop_template_tags(token, _MDX_EXPRESSION if mdx else _TEMPLATE_TAG)
    html = markdown.renderer.render(tokens, markdown.options, env)
    document = parse_html(f"<html><body>{html}</body></html>", location, base_url, line_attr=LINE_ATTR)
    _apply_front_matter(document, front_matter)
    return document


def _drop_template_tags(inline: Token, tags: re.Pattern) -> None:
    """Take a site generator's tags (or MDX's expressions) out of an inline run's text (code spans keep theirs)."""
    for child in inline.children or []:
        if child.type == "text":
            child.content = tags.sub("", child.content)


def _without_mdx_code(text: str) -> str:
    """MDX's statements and components' tags blanked out, outside fenced code, line for line: a tag alone on
    its line leaves the line blank, so the Markdown it wraps is read as Markdown, at its own line numbers."""
    parts, position, fence = [], 0, None
    for match in _FENCE.finditer(text):
        if fence is None:
            parts.append(_blank_mdx_code(text[position : match.start()]))
            position, fence = match.start(), match.group(1)
        elif match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            parts.append(text[position : match.end()])
            position, fence = match.end(), None
    parts.append(text[position:] if fence else _blank_mdx_code(text[position:]))
    return "".join(parts)


def _blank_mdx_code(markdown: str) -> str:
    markdown = _ESM.sub(_newlines_only, markdown)
    return _COMPONENT_OR_CODE.sub(lambda match: match.group() if match.group(1) else _newlines_only(match), markdown)


def _newlines_only(match: re.Match) -> str:
    return "\n" * match.group().count("\n")


def _toml_front_matter(text: str) -> tuple[str, dict]:
    """Hugo's TOML front matter (between `+++` lines), read and blanked out line for line,
    so the Markdown after it keeps its line numbers; other text is returned as it is."""
    match = _TOML_FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        data = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError:
        data = {}
    return "\n" * match.group().count("\n") + text[match.end() :], data


def _front_matter(content: str) -> dict:
    """The front matter as a mapping; broken or hostile YAML is read as none."""
    try:
        data = yaml.load(content, Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _apply_front_matter(document: Document, front_matter: dict) -> None:
    meta = document.metadata
    meta.front_matter = front_matter
    title = front_matter.get("title")
    if isinstance(title, str):
        meta.title = meta.headline = title
    for key in ("canonical", "canonical_url", "canonicalURL", "original_url", "source_url"):
        if isinstance(front_matter.get(key), str):
            meta.canonical = front_matter[key]
            break
    author = front_matter.get("author") or front_matter.get("authors")
    if isinstance(author, str):
        meta.authors = [author]
    elif isinstance(author, list):
        meta.authors = [a for a in author if isinstance(a, str)]
    date = front_matter.get("date")
    if isinstance(date, (datetime.date, str)):
        meta.published = str(date)

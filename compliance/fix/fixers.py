"""One fixer a check: from a failing finding, the edits that mend it.

Safe fixes add what the terms require or correct what points the wrong way:
a credit line with its link, a credit link's target, the copyright line, the
notice; and show a credit that is hidden (out of its comment, its hiding style
or `hidden` attribute removed). New text goes after the article (before it,
for a rule placed at the top), in the page's own format: `<p>` in HTML, a
paragraph with `[text](url)` links in Markdown. A line that is plainly the
failing notice (a line of its own, after the article) is corrected in place.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import lxml.etree
import lxml.html
from lxml.cssselect import CSSSelector
from rapidfuzz import fuzz

from ..alignment.context import Context
from ..checks.body import Reproduction, measure
from ..findings import Finding
from ..policy import Rule
from ..policy.variables import substitute
from ..reading.document import Block, Document
from ..reading.visibility import hides
from .edits import (
    MARKDOWN_ESCAPE,
    Edit,
    comment_around,
    element_span,
    hidden_attribute_span,
    href_span,
    line_start,
    markdown_block_span,
    style_span,
    visible_span,
)

WHOLE_BLOCK_SHARE = 0.9  # a quote this much of its block stands for the block (a sentence's stop left off)
FURNITURE = re.compile(r"(?:^|[ >.#-])(?:footer|nav|header|aside)\b")
MIN_LIKE_TO_CORRECT = 50  # how like the required notice a line must be (0-100) to be corrected, not added to
MIN_LIKE_A_CUT, MIN_SHARE_OF_A_CUT = 90, 0.2  # a notice cut short: nearly all of it a part of the required one
MIN_RESTORED_WORDS = 8  # a passage shorter than this is put back only as blocks of its own (a heading)
CLOSING_MARKS = frozenset(".!?\"'”’»)]")  # what may follow a passage's last word in its sentence
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]<>]")  # what would start an emphasis, code, a link or HTML
_DEED_LINK = re.compile(r'href="([^"]+)">([^<]+)</a>')


@dataclass
class Fixing:
    """A page being fixed: its text, its document model and the context its rules were checked in."""

    text: str
    markdown: bool
    page: Document
    context: Context
    rules: dict[str, Rule]
    credit_edited: bool = False  # this pass adds or shows a credit: the link is judged again after it

    @property
    def newline(self) -> str:
        return "\r\n" if "\r\n" in self.text else "\n"

    def literal(self, value: str) -> str:
        """Text written into the page to read as itself: HTML-escaped, or in Markdown the characters that
        would start markup backslash-escaped."""
        return _MARKDOWN_SPECIAL.sub(r"\\\g<0>", value) if self.markdown else _text(value)

    def value(self, rule: Rule, name: str) -> str | None:
        value, missing = self.context.value(rule, name)
        return None if missing or not value else value

    def first(self, rule: Rule, name: str) -> str | None:
        values, _ = self.context.alternatives(rule, name)
        return values[0] if values else None

    def paragraph(self, rule: Rule, code: str, markup: str, markdown: str, description: str) -> Edit:
        """A new paragraph where the rule's placement puts it: after the article, or before it (`top`)."""
        return self.block(rule, code, markdown if self.markdown else f"<p>{markup}</p>", description)

    def block(self, rule: Rule, code: str, block: str, description: str) -> Edit:
        """New markup (a paragraph, an element) on its own line after the article, or before it (`top`)."""
        top = rule.params.get("placement") == "top"
        point, before = self._point(top)
        gap = self.newline * (2 if self.markdown else 1)
        text = f"{block}{gap}" if before else f"{gap}{block}"
        return Edit(point, point, text, rule.id, code, description)

    def _point(self, top: bool) -> tuple[int, bool]:
        """Where new paragraphs go, and whether they go before what is there: the end of the article's last
        block (its first, for `top`); without the article on the page, the end of the page's content."""
        blocks = sorted(self.context.article_blocks)
        if blocks:
            block = self.page.blocks[blocks[0] if top else blocks[-1]]
            span = self.block_span(block)
            if span:
                return (span[0], True) if top else (span[1], False)
        if self.markdown:
            return len(self.text.rstrip()), False
        for closing in ("</article>", "</main>", "</body>"):
            found = self.text.lower().rfind(closing)
            if found >= 0:
                return found, True
        return len(self.text), False

    def block_span(self, block: Block) -> tuple[int, int] | None:
        """(start, end) of a block's element (its Markdown lines) in the page's text."""
        span = self._span(block)
        return (span[0], span[3]) if span else None

    def inner_span(self, block: Block) -> tuple[int, int] | None:
        """(start, end) of a block's text in the page's text: inside its element, or its Markdown lines."""
        span = self._span(block)
        return (span[1], span[2]) if span else None

    def _span(self, block: Block) -> tuple[int, int, int, int] | None:
        """(start, inner start, inner end, end) of a block in the page's text (Markdown: its lines, twice)."""
        if block.line is None:
            return None
        if self.markdown:
            start, end = markdown_block_span(self.text, block.line)
            return start, start, end, end
        return element_span(self.text, block.line, block.tag or "p", block.text)

    def line_of_its_own(self, evidence: dict) -> Block | None:
        """The block a finding's evidence quotes, when the quote is (nearly) the whole block and stands after
        the article: a notice line the republisher got wrong, not the site's own footer or the article."""
        line, quoted = evidence.get("line"), " ".join(str(evidence.get("text", "")).split())
        after = max(self.context.article_blocks, default=-1)
        for index, block in enumerate(self.page.blocks):
            text = " ".join(block.text.split())
            whole = bool(quoted) and quoted in text and len(quoted) >= WHOLE_BLOCK_SHARE * len(text)
            if block.line == line and whole and index > after and not FURNITURE.search(block.path):
                return block
        return None


def fix_attribution(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Show a hidden credit; else add one naming the source, with its link."""
    evidence = finding.evidence or {}
    if evidence.get("hidden_by") and (shown := _unhide(finding, rule, fixing, evidence)):
        fixing.credit_edited = True
        return shown
    name = fixing.first(rule, "names")
    if not name:
        return []
    url = fixing.context.variables.get("source.url")
    fixing.credit_edited = True
    markup = f"Originally published by {_link(url, name)}." if url else f"Originally published by {_text(name)}."
    markdown = f"Originally published by [{name}]({url})." if url else f"Originally published by {name}."
    return [fixing.paragraph(rule, finding.code, markup, markdown, f"added a credit to {name}")]


def fix_link(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Point the credit's link at the article; with no link to point, add a line linking it."""
    href = fixing.value(rule, "href")
    if not href:
        return []
    evidence = finding.evidence or {}
    if evidence.get("href") is not None and evidence.get("line"):
        span = href_span(fixing.text, evidence["line"], evidence["href"], fixing.markdown)
        if span:
            target = href if fixing.markdown else html.escape(href)
            was = evidence["href"] or "(empty)"
            return [Edit(*span, target, rule.id, finding.code, f"pointed the link at {href} (was {was})")]
    if fixing.credit_edited:
        return []
    name = fixing.context.variables.get("source.publisher") or href
    markup, markdown = f"Read the original at {_link(href, name)}.", f"Read the original at [{name}]({href})."
    return [fixing.paragraph(rule, finding.code, markup, markdown, f"added a link to {href}")]


def fix_copyright(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Correct the copyright line that names the wrong holder or year; else add one."""
    holder = fixing.first(rule, "holders")
    if not holder:
        return []
    year = fixing.value(rule, "year")
    notice = f"Copyright © {holder}, {year}" if year else f"Copyright © {holder}"
    block = fixing.line_of_its_own(finding.evidence or {})
    if block and (span := fixing.inner_span(block)):
        corrected = fixing.literal(notice)
        return [Edit(*span, corrected, rule.id, finding.code, f"corrected the copyright line to {notice!r}")]
    return [fixing.paragraph(rule, finding.code, _text(notice), fixing.literal(notice), f"added {notice!r}")]


def fix_text(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Correct the required notice where a line of its own is most like it; else add it."""
    required = fixing.value(rule, "text")
    if not required:
        return []
    required = " ".join(required.split())
    block = fixing.line_of_its_own(finding.evidence or {})
    if block and _like(block.text, required) and (span := fixing.inner_span(block)):
        corrected = fixing.literal(required)
        return [Edit(*span, corrected, rule.id, finding.code, "corrected the notice to the required text")]
    return [
        fixing.paragraph(rule, finding.code, _text(required), fixing.literal(required), "added the required notice")
    ]


def fix_license(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Add a sentence naming the licence and linking its deed (the check's own fix says which)."""
    deed = _DEED_LINK.search(finding.fix or "")
    if not deed:
        return []
    url, name = html.unescape(deed.group(1)), html.unescape(deed.group(2))
    markup = f'Republished under <a rel="license" href="{html.escape(url)}">{_text(name)}</a>.'
    return [fixing.paragraph(rule, finding.code, markup, f"Republished under [{name}]({url}).", f"named {name}")]


def fix_element(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Add a required element (a counter, a tracking pixel) as the publisher's republish box writes it: the
    source page's box is the one place its exact address is. Without the box there is nothing to copy."""
    source = fixing.context.source
    box = (source.origin or source).metadata.republish_box if source is not None else None
    if rule.params["forbid"] or box is None:
        return []
    variables = fixing.context.variables
    patterns = {name: substitute(value, variables)[0] for name, value in rule.params["attributes"].items()}
    try:
        shared = lxml.html.fragment_fromstring(box.code, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    elements = CSSSelector(rule.params["selector"])(shared)
    for element in elements:
        if all(pattern and re.search(pattern, element.get(name) or "") for name, pattern in patterns.items()):
            markup = lxml.html.tostring(element, encoding=str, with_tail=False).strip()
            what = rule.params["description"] or f"the {rule.params['selector']} element"
            return [fixing.block(rule, finding.code, markup, f"added {what} from the publisher's republish box")]
    return []


def _like(line: str, required: str) -> bool:
    """Whether a line is the required notice got wrong (altered, or cut short), not some other text."""
    if fuzz.ratio(line, required) >= MIN_LIKE_TO_CORRECT:
        return True
    return len(line) >= MIN_SHARE_OF_A_CUT * len(required) and fuzz.partial_ratio(line, required) >= MIN_LIKE_A_CUT


def _unhide(finding: Finding, rule: Rule, fixing: Fixing, evidence: dict) -> list[Edit]:
    """Edits that show a hidden credit: out of its comment, or without the style or attribute hiding it."""
    line, why, quoted = evidence.get("line"), evidence["hidden_by"], str(evidence.get("text", ""))
    if not line:
        return []
    describe = f"showed the credit hidden by {why}"
    if why == "an HTML comment" and (span := comment_around(fixing.text, line, quoted)):
        start, inner_start, inner_end, end = span
        inner = fixing.text[inner_start:inner_end].strip(" ")
        return [Edit(start, end, inner, rule.id, finding.code, describe)]
    if why.startswith("an inline style") and (style := style_span(fixing.text, line)):
        start, end, value = style
        kept = _shown_style(value)
        replacement = f' style="{kept}"' if kept else ""
        return [Edit(start, end, replacement, rule.id, finding.code, describe, shows=quoted)]
    if why == "the hidden attribute" and (span := hidden_attribute_span(fixing.text, line)):
        return [Edit(*span, "", rule.id, finding.code, describe, shows=quoted)]
    return []


def _shown_style(style: str) -> str:
    """An inline style without what hides its element: each declaration that hides alone (`display: none`,
    `opacity: 0`, `color: transparent`), then one of those that hide together (`height: 0` beside
    `overflow: hidden`); the others (a colour, a margin) kept as written."""
    kept = [declaration for declaration in style.split(";") if declaration.strip() and not hides(declaration)]
    if hides(";".join(kept)):
        fewer = (kept[:i] + kept[i + 1 :] for i in range(len(kept)))
        kept = next((rest for rest in fewer if not hides(";".join(rest))), [])
    return ";".join(kept).strip()


def _link(url: str, name: str) -> str:
    return f'<a href="{html.escape(url)}">{_text(name)}</a>'


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def fix_body(finding: Finding, rule: Rule, fixing: Fixing) -> list[Edit]:
    """Unsafe: restore the article as the source has it. Altered sentences are rewritten from the source,
    passages the page added inside the article taken out, omitted ones put back after the words that come
    before them; each only where the page's markup holds the text plainly (no tags inside it)."""
    passages, metrics, params = finding.passages or {}, finding.metrics or {}, rule.params
    edits = []  # only what the rule holds against the page: a page short of nothing gets nothing put back
    for altered in passages.get("altered", []) if metrics.get("altered", 0) > params.get("max-altered", 0) else []:
        page, source = _one_block(altered["page"]), altered["source"]
        if page[-1:] in ".!?" and source[-1:] not in ".!?":
            source += page[-1]  # the sentence's stop, which the comparison leaves off
        span = _plain_text_span(fixing, altered.get("line"), page)
        if span:
            end, marks = _closing_marks_after(fixing, span[1])  # taken and put back: the block reads the same
            restored = fixing.literal(source) + marks
            edits.append(_unsafe((span[0], end), restored, rule, finding, "restored an altered sentence"))
    altered_text = " ".join(altered["page"] for altered in passages.get("altered", []))
    too_many_added = metrics.get("added_words", 0) > params.get("max-added-words", float("inf"))
    for added in passages.get("added", []) if too_many_added else []:
        if added["text"] not in altered_text:  # words added inside an altered sentence go with it
            edits += _removal(fixing, added, rule, finding)
    too_little = metrics.get("coverage", 1) < params.get("min-coverage", 0)
    for omitted in _every_omitted_passage(fixing) if too_little else []:
        # a few words are put back only as blocks of their own (a heading): inside a paragraph they would be
        # a caption or a label the alignment read there
        short = omitted.get("words", 0) < MIN_RESTORED_WORDS
        edits += _restoration(fixing, omitted, rule, finding, whole_blocks_only=short)
    return edits


def _every_omitted_passage(fixing: Fixing) -> list[dict]:
    """The passages the page leaves out, all of them (a finding lists the first few)."""
    reproduction = measure(fixing.context, listed=None)
    return reproduction.passages["omitted"] if isinstance(reproduction, Reproduction) else []


def _closing_marks_after(fixing: Fixing, position: int) -> tuple[int, str]:
    """Where the stops and closing quotes written after `position` end (in Markdown, escaped or not), and
    they as written."""
    end = position
    while end < len(fixing.text):
        escape = MARKDOWN_ESCAPE.match(fixing.text, end) if fixing.markdown else None
        if escape and escape.group()[1] in CLOSING_MARKS:
            end = escape.end()
        elif fixing.text[end] in CLOSING_MARKS:
            end += 1
        else:
            break
    return end, fixing.text[position:end]


def _one_block(sentence: str) -> str:
    """A sentence as the page's block holds it: a sentence read on across blocks stops at the first."""
    return sentence.split("\n", 1)[0].strip()


def _unsafe(span: tuple[int, int], text: str, rule: Rule, finding: Finding, description: str) -> Edit:
    return Edit(span[0], span[1], text, rule.id, finding.code, description, unsafe=True)


def _plain_text_span(fixing: Fixing, line: int | None, text: str) -> tuple[int, int] | None:
    """Where the page's markup reads as `text`, on or after `line`: written plainly, or with entities, an
    emphasis or a link inside it (in Markdown, backslash escapes)."""
    start = line_start(fixing.text, line) if line else 0
    found = fixing.text.find(text, start)
    if found >= 0:
        return found, found + len(text)
    return visible_span(fixing.text, start, text, fixing.markdown)


def _removal(fixing: Fixing, added: dict, rule: Rule, finding: Finding) -> list[Edit]:
    """Take out a passage the page added: its whole block when it is one, else the text itself."""
    quoted = " ".join(added["text"].split())
    for block in fixing.page.blocks:
        if block.line == added.get("line") and " ".join(block.text.split()).rstrip(".") == quoted.rstrip("."):
            span = fixing.block_span(block)
            if span:
                end = span[1] + len(fixing.newline) if fixing.text.startswith(fixing.newline, span[1]) else span[1]
                return [_unsafe((span[0], end), "", rule, finding, "removed a passage the page added")]
    span = _plain_text_span(fixing, added.get("line"), added["text"])
    if span is None:
        return []
    end = span[1] + 1 if fixing.text[span[1] : span[1] + 1] == " " else span[1]
    return [_unsafe((span[0], end), "", rule, finding, "removed a passage the page added")]


def _restoration(
    fixing: Fixing, passage: dict, rule: Rule, finding: Finding, whole_blocks_only: bool = False
) -> list[Edit]:
    """Put back a passage the page left out: after the page words aligned with the source words before it,
    as a paragraph of its own when it starts one in the source, else inside the page's paragraph; a passage
    opening the article, before the paragraph that follows it."""
    article, alignment = fixing.context.article, fixing.context.alignment
    if article is None or alignment is None:
        return []
    offset = _passage_offset(article, passage["text"], passage.get("source_line"))
    if offset < 0:
        return []
    omitted = _with_closing_marks(article.text, offset, passage["text"])
    first = bisect.bisect_left(article.words.starts, offset)
    before = next((i for i in range(first - 1, -1, -1) if alignment.source_to_page[i] >= 0), None)
    starts_a_block = article.blocks[article.block_at(offset)].start == offset
    if whole_blocks_only and not (starts_a_block and _ends_a_block(article, offset + len(omitted))):
        return []
    if before is None:
        return _restored_before_next(fixing, offset, omitted, rule, finding) if starts_a_block else []
    page_word = alignment.source_to_page[before]
    block = fixing.page.blocks[fixing.page.word_blocks[page_word]]
    if starts_a_block:
        span = fixing.block_span(block)
        if not span:
            return []
        written = _paragraphs(fixing, omitted, leading=True)
        return [_unsafe((span[1], span[1]), written, rule, finding, "restored an omitted paragraph")]
    words_before = fixing.page.text[block.start : fixing.page.words.ends[page_word]].split()[-4:]
    span = _plain_text_span(fixing, block.line, " ".join(words_before))
    if span is None:
        return []
    return [_unsafe((span[1], span[1]), f" {fixing.literal(omitted)}", rule, finding, "restored an omitted passage")]


def _passage_offset(article: Document, text: str, line: int | None) -> int:
    """Where the article holds an omitted passage, looked for from the block on its source line: a short
    one ("0.6", "January 2015") may be said earlier too."""
    start = next((block.start for block in article.blocks if (block.line or 0) >= line), 0) if line else 0
    found = article.text.find(text, start)
    return found if found >= 0 else article.text.find(text)


def _ends_a_block(article: Document, end: int) -> bool:
    """Whether the article's text at `end` (after a passage's closing marks) is the end of a block."""
    block = article.blocks[article.block_at(max(0, end - 1))]
    return end >= block.start + len(block.text)


def _with_closing_marks(text: str, offset: int, passage: str) -> str:
    """A passage with the stops and closing quotes that follow it in the source (a passage is quoted
    without its last sentence's stop)."""
    end = offset + len(passage)
    while end < len(text) and text[end] in CLOSING_MARKS:
        end += 1
    return text[offset:end]


def _restored_before_next(fixing: Fixing, offset: int, omitted: str, rule: Rule, finding: Finding) -> list[Edit]:
    """The paragraphs of a passage that opens the article, put back before the block holding the first
    source word after them that the page has."""
    alignment = fixing.context.alignment
    article = fixing.context.article
    end = bisect.bisect_left(article.words.starts, offset + len(omitted))
    following = range(end, len(alignment.source_to_page))
    after = next((i for i in following if alignment.source_to_page[i] >= 0), None)
    if after is None:
        return []
    block = fixing.page.blocks[fixing.page.word_blocks[alignment.source_to_page[after]]]
    span = fixing.block_span(block)
    if not span:
        return []
    written = _paragraphs(fixing, omitted, leading=False)
    return [_unsafe((span[0], span[0]), written, rule, finding, "restored an omitted paragraph")]


def _paragraphs(fixing: Fixing, passage: str, leading: bool) -> str:
    """A passage's paragraphs as the page writes paragraphs, each after a line break (`leading`, to go after
    a block) or before one (to go before a block)."""
    gap = fixing.newline * (2 if fixing.markdown else 1)
    parts = [" ".join(part.split()) for part in passage.split("\n\n") if part.strip()]
    written = [fixing.literal(part) if fixing.markdown else f"<p>{_text(part)}</p>" for part in parts]
    return "".join(f"{gap}{part}" if leading else f"{part}{gap}" for part in written)


FIXERS: dict[str, Callable[[Finding, Rule, Fixing], list[Edit]]] = {
    "attribution": fix_attribution,
    "link": fix_link,
    "copyright": fix_copyright,
    "text": fix_text,
    "license": fix_license,
    "element": fix_element,
    "body": fix_body,
}

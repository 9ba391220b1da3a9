"""The document model: a page or source parsed once into what a reader sees.

Every check reads the same model, whatever the input was (HTML, Markdown or
plain text): the visible text blocks in reading order, each with its source
line and a CSS path; the visible links; and the metadata a publisher declares
(title, canonical URL, Open Graph, JSON-LD, author and dates). What a reader
does not see is set aside with what hides it, only to explain a failure.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import not_

from .textfold import Words, fold, words


# Blocks and links are not frozen: a frozen class sets each field through object.__setattr__, which made
# them four times slower to make, and a page has hundreds of each (a 20 MB page 100,000). Nothing changes one.
@dataclass(slots=True)
class Block:
    """A run of visible text that a reader sees as one unit (a paragraph, a heading, a cell)."""

    text: str
    line: int | None
    # its CSS path, or how to work it out when asked: a page has hundreds of blocks, a report names a few
    where: str | Callable[[], str] = field(repr=False, compare=False)
    start: int  # offset of `text` in Document.text
    ancestors: tuple[int, ...] = ()  # serial numbers of the enclosing elements, outermost first
    tag: str = ""  # its element's tag ("p", "li", "h2"); "" in plain text
    heading: str = ""  # the heading it is or is inside of ("h1" … "h6"), else ""

    @property
    def path(self) -> str:
        return self.where if isinstance(self.where, str) else self.where()


@dataclass(slots=True)
class Link:
    """A visible link: its target resolved against the page's base URL, and its text."""

    href: str
    raw_href: str
    text: str
    line: int | None
    rel: tuple[str, ...]
    block: int | None  # index of the block holding the link's text
    # its CSS path, or how to work it out when asked: a page has hundreds of links, a report names one or two
    where: str | Callable[[], str] = field(default="", repr=False, compare=False)
    # for a link with no text (a logo): what names it to a reader (its `aria-label`, its image's `alt`)
    logo: str = ""

    @property
    def path(self) -> str:
        return self.where if isinstance(self.where, str) else self.where()


@dataclass(frozen=True)
class RepublishBox:
    """The copy a publisher's republish box hands partners (a textarea of HTML), as its source page holds it."""

    id: str  # the textarea's id, which names the plugin: "republication-tracker-tool-shareable-content"
    code: str  # the HTML a partner pastes, unescaped


@dataclass
class Metadata:
    """What the document declares about itself, for `source.*` and `page.*` variables."""

    title: str | None = None
    headline: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)  # the authors' institutions (JSON-LD `affiliation`)
    published: str | None = None
    declared_sources: list[tuple[str, str]] = field(default_factory=list)  # (url, how the page declares it)
    language: str | None = None  # the primary language subtag the page declares: "es" for lang="es-MX"
    republish_box: RepublishBox | None = None
    license: tuple[str, str] | None = None  # (the licence as written: a URL or a name, how the page declares it)
    front_matter: dict = field(default_factory=dict)  # a Markdown page's, as written (config `source-field`)


@dataclass(frozen=True, slots=True)
class HiddenText:
    """Text on the page that a reader does not see, kept to explain a failure ("the credit is hidden")."""

    text: str
    line: int | None
    why: str  # "an HTML comment", "the hidden attribute", "an inline style (display:none)", …
    remedy: str  # how to show it: "take it out of the comment", …
    hrefs: tuple[str, ...] = ()  # the targets of the links inside it, as written


BLOCK_SEPARATOR = "\n\n"
LIST_MARKER = re.compile(r"\d{1,3}[.)]\s")  # "4. " before a numbered list's item, as html.py writes it


@dataclass
class Document:
    """A parsed page or source. `location` is the path or URL as the user gave it."""

    location: str
    kind: str  # "html", "markdown" or "text"
    blocks: list[Block]
    links: list[Link]
    metadata: Metadata
    base_url: str | None = None
    labels: dict[int, str] = field(default_factory=dict)  # element serial -> its tag, id and classes
    origin: Document | None = None  # for an article cut from a page: the whole page
    hidden: list[HiddenText] = field(default_factory=list, repr=False)  # what readers don't see, and why
    root: object = field(default=None, repr=False, compare=False)  # the lxml tree, for element queries
    notes: list[str] = field(default_factory=list)  # what reading it had to set aside ("nesting flattened")
    # read once and checked against many pages (a source a checker keeps): its words are interned, so the
    # sources kept share one string for each word they have in common (300 sources of 5,000 words each, 64
    # kept, took an audit's peak from 55 to 74 MB without)
    kept: bool = field(default=False, repr=False, compare=False)

    @classmethod
    def from_blocks(
        cls,
        location: str,
        kind: str,
        texts: list[tuple],
        links: list[Link] | None = None,
        metadata: Metadata | None = None,
        base_url: str | None = None,
        labels: dict[int, str] | None = None,
    ) -> Document:
        """Build a document from (text, line, path[, ancestors, tag, heading]) tuples, laying out Document.text."""
        blocks, offset = [], 0
        for text, line, where, *more in texts:
            blocks.append(Block(text, line, where, offset, *more))
            offset += len(text) + len(BLOCK_SEPARATOR)
        return cls(location, kind, blocks, links or [], metadata or Metadata(), base_url, labels or {})

    @cached_property
    def text(self) -> str:
        """All visible text, blocks separated by a blank line."""
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    @cached_property
    def words(self) -> Words:
        """The folded words of the visible text, with offsets into Document.text.

        A list item's number ("4.") is shown but is not one of the text's words: one
        copy of an article numbers its list, another writes the numbers out or leaves
        them off, and neither changed what the article says."""
        found = words(self.text, interned=self.kept)
        markers = {block.start for block in self.blocks if LIST_MARKER.match(block.text)}
        if not markers:
            return found
        kept = bytearray(map(not_, map(markers.__contains__, found.starts)))  # in C, a byte a word: pages have millions
        return Words(
            list(compress(found.norms, kept)),
            array("i", compress(found.starts, kept)),
            array("i", compress(found.ends, kept)),
        )

    @cached_property
    def hidden_document(self) -> Document:
        """The texts the page hides, as a document of their own: a source's collapsed "read more" is
        still its text, and every page checked against the source is compared with it."""
        return Document.from_blocks(self.location, self.kind, [(h.text, h.line, "") for h in self.hidden])

    @cached_property
    def folded_blocks(self) -> list[str]:
        """Each block's text folded (textfold.fold), for the many patterns searched in every block."""
        return [fold(block.text) for block in self.blocks]

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_at(self, offset: int) -> int:
        """Index of the block holding character `offset` of Document.text."""
        return max(0, bisect.bisect_right(self._block_starts, offset) - 1)

    @cached_property
    def word_blocks(self) -> array:
        """For each word, the index of its block."""
        blocks, starts = array("i"), self.words.starts
        firsts = [bisect.bisect_left(starts, block.start) for block in self.blocks[1:]]
        for index, (first, end) in enumerate(zip([0, *firsts], [*firsts, len(starts)])):
            blocks.extend(array("i", [index]) * (end - first))
        return blocks

    def block_words(self, index: int) -> range:
        """The word positions that fall inside block `index`."""
        block = self.blocks[index]
        return self.words_between(block.start, block.start + len(block.text))

    def line_spans(self, index: int) -> list[tuple[int, int]]:
        """Where each line of block `index` starts and ends in Document.text (a block's lines are parted by
        `<br>` or, in plain text, by its line breaks)."""
        block = self.blocks[index]
        spans, start = [], block.start
        for line in block.text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        return spans

    def words_between(self, start: int, end: int) -> range:
        """The word positions that start between two offsets of Document.text."""
        return range(bisect.bisect_left(self.words.starts, start), bisect.bisect_left(self.words.starts, end))

    def quote(self, first_word: int, last_word: int) -> str:
        """The original text from word `first_word` through word `last_word`."""
        return self.text[self.words.starts[first_word] : self.words.ends[last_word]]

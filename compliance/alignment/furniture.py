"""Page furniture: the text around an article that a reader does not count as the article.

Captions and image credits, bylines and datelines, tags, share and newsletter
prompts, related-story lists, comments, contact lines and widget words sit
beside (or inside) the article's markup on a real source page. A republisher
who leaves them out has reproduced the article, so missing furniture never
fails a page. Furniture is told from prose by structure first: the element it
sits in (`figure`, `figcaption`, `aside`, `nav`, `footer`, elements named like
captions, share bars or comments), its link density, whether it is a heading,
whether the same text appears elsewhere on the page (a teaser repeating a
headline, a share prompt at the top and the bottom), and how short it is; a few
patterns catch what structure cannot show (ad labels, "Photo: Reuters", "Sign
up for our newsletter" at an article's edge, shortcode residue).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ..reading.document import Document, Link
from ..reading.html import HEADING_TAGS, element_label
from ..reading.textfold import count_words

MIN_PROSE_WORDS = 10
MAX_KEPT_LINK_SHARE = 0.5
MIN_LINKED_PROSE_WORDS = 25  # a block this long, with one link, may be mostly that link and still be prose
MAX_LINKED_PROSE_SHARE = 0.75
MAX_EDGE_WORDS = 60
MAX_CAPTION_WORDS = 40
MIN_REPEATED_WORDS = 5
MAX_REMEMBERED = 8  # source pages whose furniture is kept at once (a run checks against a few)

# Elements whose content is furniture by their HTML meaning, with the kind a note names.
FURNITURE_TAGS = {
    "figure": "caption",
    "figcaption": "caption",
    "caption": "caption",
    "aside": "sidebar",
    "nav": "navigation",
    "footer": "footer",
    "header": "header",
    "form": "form",
    "button": "form",
    "label": "form",
    "select": "form",
    "address": "contact line",
}
# What an element's name ("related-posts", "share-bar") says it holds, in a note's words.
LABEL_KINDS = {
    "caption": "caption",
    "captions": "caption",
    "credit": "image credit",
    "credits": "image credit",
    "gallery": "caption",
    "related": "related links",
    "recommended": "related links",
    "popular": "related links",
    "trending": "related links",
    "more": "related links",
    "read-more": "related links",
    "teaser": "related links",
    "share": "share buttons",
    "sharing": "share buttons",
    "social": "share buttons",
    "promo": "promotion",
    "newsletter": "promotion",
    "subscribe": "promotion",
    "signup": "promotion",
    "comment": "comments",
    "comments": "comments",
    "sidebar": "sidebar",
    "widget": "sidebar",
    "breadcrumb": "navigation",
    "breadcrumbs": "navigation",
    "nav": "navigation",
    "menu": "navigation",
    "toolbar": "navigation",
    "byline": "byline",
    "author": "byline",
    "tag": "tags",
    "tags": "tags",
    "advert": "advertising",
    "ad": "advertising",
    "ads": "advertising",
    "sponsored": "advertising",
    "footer": "footer",
    "cookie": "cookie notice",
    "disclaimer": "disclaimer",
}
_RECENT: dict[int, Furniture] = {}  # furniture_of's, by the source page's identity (it holds the page)
BOILERPLATE_LABEL = re.compile(r"(?<![a-z])(?:" + "|".join(sorted(LABEL_KINDS, key=len, reverse=True)) + r")(?![a-z])")
AD_LABEL = re.compile(
    r"^\W*(?:advert(?:isement)?|ad|sponsored(?: content)?|story continues(?: below)?|continue reading(?: below)?"
    r"|read more|related(?: articles| stories| content)?|share(?: this)?(?: article| story)?"
    # an ad slot's label in the other languages of the credit cues
    r"|anzeige|werbung|publicidad|publicité|pubblicità|publicidade|advertentie|reclame|reklama|reklam|реклама"
    r"|広告|广告|廣告|광고|إعلان|اعلان|تبلیغات|विज्ञापन|פרסומת|iklan|quảng cáo|mainos|annonse|โฆษณา)\W*$",
    re.I,
)
# one \b before the alternatives, not one each: the engine tries them only where a word starts
PROMOTION = re.compile(
    r"©|\b(?:sign up|subscribe|newsletter|follow (?:us|me|him|her|them)|(?:may|can) be reached"
    r"|reach (?:him|her|them|us|me) at|start your day|download (?:the|our) app|click here"
    r"|delivered (?:to|through) your|all rights reserved|have a (?:news )?tip)\b",
    re.I,
)
CAPTION = re.compile(
    r"\b(?:reuters|ap|afp|getty images|getty|associated press|shutterstock|epa|istock|bloomberg"
    r"|(?:photo|image|picture|credit|file photo)s?\s*(?:by|:)[^.]*)\W*$",
    re.I,
)
CAPTION_TAIL = 160  # characters at a text's end where a credit stands
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.\w[\w.-]*")  # an e-mail address: "write to us at …"
LICENCE_NOTICE = re.compile(r"\b(?:creative commons|licen[cs]ed under|cc[ -]by(?:[ -](?:nc|nd|sa))*|cc0)\b", re.I)
BARE_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")  # a printed page's own address
SHORTCODE = re.compile(r"^\s*\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]")  # WordPress residue: [button link=…], [/caption]
_NUMBER_AT_END = re.compile(r"\d+$")
_PATH_STEP = re.compile(r"([^.#:]+)(?:#([^.:]*))?(?:\.([^:]*))?")  # "p.related-link:nth-of-type(4)": tag, id, class
# a sentence's end, in the scripts a paragraph may be in (Chinese and Japanese 。, Hindi's danda, Arabic's question
# mark, Urdu's full stop …), with the closing quotes and brackets that may follow it (a closing quote, », 」);
# Thai and Lao end a sentence with no mark at all
SENTENCE_END = re.compile(r"[.!?…。！？．｡।॥؟۔։።။។།”\"'’»」』)\]）\u0e01-\u0e4e\u0e81-\u0ece]\s*$")


class Furniture:
    """Which blocks of a source page are furniture, and of what kind: facts of the page alone,
    worked out once (`furniture_of`) and shared by every republished page checked against it.

    `kind(index, below, exempt)` names the furniture kind of block `index`,
    judging only the elements below serial `below` (the article's container: what
    holds the whole article cannot make a block furniture) and not those in
    `exempt` (elements shown to hold the article, whatever their names), or None
    for prose.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.links: dict[int | None, list[Link]] = {}  # each block's links
        for link in document.links:
            self.links.setdefault(link.block, []).append(link)
        count = len(document.blocks)
        self.word_ranges = [document.block_words(index) for index in range(count)]  # each block's word positions
        self.link_words = [sum(count_words(link.text) for link in self.links.get(i, ())) for i in range(count)]
        self.link_counts = [len(self.links.get(i, ())) for i in range(count)]
        seen: set[str] = set()
        self.repeated = []  # a later copy of a block's text: a caption or teaser saying again what was said
        for text in document.folded_blocks:
            self.repeated.append(text in seen)
            seen.add(text)
        self._text_kinds: dict[int, str | None] = {}
        self._element_kinds: dict[int, str | None] = {}
        self._stories: dict[int, bool] = {}
        self._by_marks: dict[tuple[str, frozenset[str]], list[int]] | None = None
        self._marked: dict[tuple[str, frozenset[str]], set[int]] = {}

    def word_count(self, index: int) -> int:
        return len(self.word_ranges[index])

    def is_prose(self, index: int) -> bool:
        """Not a link list: mostly not links, or a long sentence led by one link (a roundup's item)."""
        words = self.word_count(index)
        share = self.link_words[index] / max(1, words)
        if share <= MAX_KEPT_LINK_SHARE:
            return True
        return self.link_counts[index] == 1 and words >= MIN_LINKED_PROSE_WORDS and share <= MAX_LINKED_PROSE_SHARE

    def kind(self, index: int, below: int | None = None, exempt: Collection[int] = ()) -> str | None:
        """The furniture kind of a block ("caption", "related links", "byline", …), or None if it reads as prose."""
        ancestors = self.document.blocks[index].ancestors
        start = ancestors.index(below) + 1 if below is not None and below in ancestors else 0
        for serial in ancestors[start:]:
            if serial not in exempt and (kind := self.element_kind(serial)):
                return kind
        return self.kind_by_text(index)

    def furniture_depth(self, index: int, exempt: Collection[int] = ()) -> int:
        """How deep the innermost furniture element around a block is (-1 for none): a region deeper
        than that holds the block as furniture, a region at or above it as its own content."""
        ancestors = self.document.blocks[index].ancestors
        for depth in range(len(ancestors) - 1, -1, -1):
            if ancestors[depth] not in exempt and self.element_kind(ancestors[depth]):
                return depth
        return -1

    def kind_by_text(self, index: int) -> str | None:
        """The furniture kind a block shows by itself (a heading, a link list, an ad label, a caption, …)."""
        if index not in self._text_kinds:
            self._text_kinds[index] = self._read_kind(index)
        return self._text_kinds[index]

    def _read_kind(self, index: int) -> str | None:
        block = self.document.blocks[index]
        if block.tag in HEADING_TAGS:
            return "heading"
        if not self.is_prose(index):
            return "link list"
        words = self.word_count(index)
        if kind := text_kind(block.text, words):
            return kind
        if self.repeated[index] and words >= MIN_REPEATED_WORDS and not self._paragraph(index, words):
            return "repeated text"  # a caption or a teaser title said again; not a table's numbers
        return None

    def titles_a_story(self, index: int) -> bool:
        """An h1, a block in a `header`, or a heading that links to a page: the title of a story of its own
        (a teaser), not a subhead of the article. A link to a place in a page (a permalink's "¶" or "#"
        beside a documentation page's subhead) is not one."""
        if index not in self._stories:
            block, labels = self.document.blocks[index], self.document.labels
            tag = block.tag
            self._stories[index] = (
                tag == "h1"
                or any(labels.get(a, "").startswith("header ") for a in block.ancestors)
                or (tag in HEADING_TAGS and self.links_to_pages(index))
            )
        return self._stories[index]

    def links_to_pages(self, index: int) -> bool:
        """Whether block `index` has a link with words to a page as a whole, not to a place in one (`#…`: a
        table of contents' entry, whatever address it names the page by: a page saved under another name
        still points to itself)."""
        return any(link.text.split() and "#" not in link.raw_href for link in self.links.get(index, ()))

    def line_kind(self, index: int, line: str) -> str | None:
        """The furniture kind of one line of block `index`: all link, or a label, caption or promotion."""
        words = count_words(line)
        link_words = sum(count_words(link.text) for link in self.links.get(index, ()) if link.text in line)
        if words and link_words / words > MAX_KEPT_LINK_SHARE:
            return "link list"
        return text_kind(line, words)

    def _paragraph(self, index: int, words: int) -> bool:
        """Long enough and ending as a sentence: a paragraph, even if the page says it twice."""
        return words >= MIN_PROSE_WORDS and self.ends_sentence(index)

    def ends_sentence(self, index: int) -> bool:
        """Whether a block ends as a sentence does, not as a label or a date."""
        return bool(SENTENCE_END.search(self.document.blocks[index].text))

    def marked_like(self, marks: tuple[str, frozenset[str]]) -> set[int]:
        """The elements marked like `marks` (see `alike`), found once a source page: every page checked
        against it asks again."""
        if marks not in self._marked:
            if self._by_marks is None:
                by_label: dict[str, list[int]] = {}  # the tag and classes as written, without the id
                for serial, label in self.document.labels.items():
                    tag, _, rest = label.partition(" ")
                    by_label.setdefault(f"{tag}  {rest.partition(' ')[2]}", []).append(serial)
                self._by_marks = {}
                for label, serials in by_label.items():
                    self._by_marks.setdefault(tag_and_classes(label), []).extend(serials)
            alike_marks = (serials for other, serials in self._by_marks.items() if alike(other, marks))
            self._marked[marks] = {serial for serials in alike_marks for serial in serials}
        return self._marked[marks]

    def in_furniture(self, ancestors: tuple[int, ...], exempt: Collection[int] = ()) -> bool:
        """Whether any of these elements is furniture by its tag or name (a `footer`, a "related" box)."""
        return any(serial not in exempt and self.element_kind(serial) for serial in ancestors)

    def element_kind(self, serial: int) -> str | None:
        """The furniture kind an element's tag or name says it holds, if any."""
        if serial not in self._element_kinds:
            self._element_kinds[serial] = _kind_of_label(self.document.labels.get(serial))
        return self._element_kinds[serial]


class PageFurniture:
    """Furniture a republisher puts inside the article on its own page: a related-story link, a photo and its
    caption, an ad label, a newsletter prompt. None of it is a word added to the article.

    A checked page is read without its elements' labels (what a source page keeps
    for its extraction), so a block is judged by its text, by its links and by the
    tags and names on its CSS path below the article's container (`container`: the
    path the article's first and last paragraphs share), which cannot make a block
    furniture whatever it is called.
    """

    def __init__(self, page: Document, container: list[str]) -> None:
        self.page = page
        self.container = container
        self.text = Furniture(page)  # what a block's text and links say, as on a source page

    def kind(self, index: int) -> str | None:
        """The furniture kind of block `index` of the page, or None if it reads as the republisher's prose."""
        block = self.page.blocks[index]
        steps = block.path.split(" > ") if block.path else []
        if steps[: len(self.container)] == self.container:
            steps = steps[len(self.container) :]
        for step in filter(None, map(_PATH_STEP.match, steps)):
            tag, element_id, first_class = step.groups()
            if kind := _kind_of_label(element_label(tag, element_id or "", first_class or "")):
                return kind
        if not self.text.is_prose(index):
            return "link list"
        return text_kind(block.text, self.text.word_count(index))


def common_steps(paths: list[str]) -> list[str]:
    """The leading steps the CSS paths share: the element holding all of them, as far as their paths go."""
    split = [path.split(" > ") for path in paths if path]
    if len(split) < len(paths) or not split:
        return []
    shared = []
    for steps in zip(*split):
        if len(set(steps)) > 1:
            break
        shared.append(steps[0])
    return shared


def furniture_of(document: Document) -> Furniture:
    """The Furniture of a source page, made once while it is in use: each page checked against the
    same source asks the same questions of it."""
    cached = _RECENT.get(id(document))
    if cached is None or cached.document is not document:
        if len(_RECENT) >= MAX_REMEMBERED:
            del _RECENT[next(iter(_RECENT))]
        cached = _RECENT[id(document)] = Furniture(document)
    return cached


def tag_and_classes(label: str) -> tuple[str, frozenset[str]]:
    """An element's tag and classes, from its label ("div  story-body main"), each class without the number
    it ends in ("story-body-2" is "story-body-#": the sections of one body number themselves)."""
    tag, _, classes = (label or "  ").split(" ", 2)
    return tag, frozenset(_NUMBER_AT_END.sub("#", name) for name in classes.split())


def alike(one: tuple[str, frozenset[str]], other: tuple[str, frozenset[str]]) -> bool:
    """Same tag, and most classes in common: each section of one body may add a modifier ("version-2")."""
    (tag, classes), (other_tag, other_classes) = one, other
    return tag == other_tag and 2 * len(classes & other_classes) > len(classes | other_classes)


def _kind_of_label(label: str | None) -> str | None:
    """The furniture kind an element's tag or name says it holds."""
    if not label:
        return None
    tag = label.split(" ", 1)[0]
    if tag in FURNITURE_TAGS:
        return FURNITURE_TAGS[tag]
    found = BOILERPLATE_LABEL.search(label, len(tag))
    return LABEL_KINDS[found.group(0)] if found else None


def text_kind(text: str, words: int) -> str | None:
    """The furniture kind a text shows by its words: an ad label, a page's address, shortcode residue,
    a photo credit, a promotion, a contact line, a licence notice."""
    if AD_LABEL.match(text):
        return "advertising"
    if BARE_URL.match(text):
        return "page address"
    if SHORTCODE.match(text):
        return "shortcode"
    if words <= MAX_CAPTION_WORDS and CAPTION.search(text, max(0, len(text) - CAPTION_TAIL)):
        return "caption"
    if words <= MAX_EDGE_WORDS and PROMOTION.search(text):
        return "promotion"
    if words <= MAX_EDGE_WORDS and "@" in text and CONTACT.search(text):
        return "contact line"
    if words <= MAX_EDGE_WORDS and LICENCE_NOTICE.search(text):
        return "licence notice"
    return None

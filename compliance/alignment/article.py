"""Find the article in a real source page: by the page that republishes it, else by its look.

A source given as a real page carries navigation, teasers, captions, comments
and footers around the article. Two ways find the article in it:

- `locate_article`: the republished page says where the article is. Its words
  are aligned with the whole source page; the element that best explains the
  aligned text (its container in the source's tree) is the article's region,
  and the article is that region's aligned blocks plus its unaligned prose:
  what the republisher left out. Furniture in the region (furniture.py) is
  never counted as left out. Whatever an extractor would guess, this is what
  the republisher actually took, so it wins where the two disagree.
- `extract_article`: the guess from the page alone, for when the republished
  page shares no text with the source (it does not reproduce the article, and
  must fail as such). Blocks are scored like a reader skims: long,
  sentence-like blocks with few link words count for the article; link lists
  and short boilerplate count against it. The article is the contiguous stretch
  of blocks with the best total (a maximum-sum window) inside the element
  holding most of the prose, less the headline (compared by its own check) and
  furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from ..reading.document import Block, Document
from ..reading.textfold import count_words
from .furniture import (
    AD_LABEL,
    BOILERPLATE_LABEL,
    CAPTION,
    HEADING_TAGS,
    MAX_CAPTION_WORDS,
    MAX_EDGE_WORDS,
    MIN_PROSE_WORDS,
    PROMOTION,
    Furniture,
    alike,
    furniture_of,
    tag_and_classes,
    text_kind,
)

TEASER_LINK_SHARE = 0.8  # a block this much link (a linked title, a share bar) marks its element a teaser
MIN_ALIGNED_RUN = 5  # words in a row a block must share with the page to show where the article is
MIN_LOCATED_WORDS = 30  # aligned words needed before the page's word overrides the extractor's guess
MAX_SECTION_CLIMB = 4  # levels above the region where a body split into sections may part
UNSHARED_PENALTY = 0.5  # what an unshared prose word costs a candidate region, against a shared word's 1
MIN_UNPUNCTUATED_PARAGRAPHS = 5  # reproduced paragraphs without stops that show an article's own style
NEAR_BEST = 0.9  # of the candidates scoring this share of the best or more, the innermost is the region
MAX_LOCATED_SHARE = 0.5  # of the page-alone article's words: less located is a part of it (see _with_the_guess)
MIN_LOCATED_IN_GUESS = 0.8  # of the located blocks inside the page-alone article, for it to be the article
# the names of an article's summary set above its first paragraph, which republishers leave out with the headline
_STANDFIRST = re.compile(
    r"(?<![a-z])(?:dek|deck|standfirst|summary|subtitle|sub-?head(?:line)?|excerpt|strapline)(?![a-z])"
)


@dataclass
class Located:
    """The article as the republished page locates it in the source page, and the furniture beside it."""

    article: Document
    container: str | None = None  # the region's element(s) as selectors; None when the guess was kept
    left_out: Counter = field(default_factory=Counter)  # furniture kinds in the region not on the page


def extract_article(document: Document) -> Document:
    """A document holding only the article blocks of `document`, guessed from the page alone."""
    if not document.blocks:
        return document
    furniture = furniture_of(document)
    link_words = furniture.link_words
    prose = [furniture.is_prose(i) for i in range(len(document.blocks))]
    scores = [_score(block.text, words, ok) for block, words, ok in zip(document.blocks, link_words, prose)]
    container = _best_container(document, scores, link_words)
    inside = [i for i, block in enumerate(document.blocks) if container in block.ancestors[:-1]]
    first, last = _best_window([scores[i] for i in inside])
    keep = [
        i
        for i in inside[first : last + 1]
        if prose[i]
        and not _in_boilerplate(document, document.blocks[i].ancestors, container)
        and document.blocks[i].tag != "h1"
    ]
    blocks = _trim_edges([document.blocks[i] for i in keep if not AD_LABEL.match(document.blocks[i].text)])
    return _article_of(document, blocks)


def locate_article(document: Document, guess: Document, covered: bytearray) -> Located:
    """The article of source page `document` as a republished page shows it.

    `covered[w]` is 1 where word `w` of the source page is in a run the republished page shares. With too
    little shared text to go by, the extractor's `guess` stands: a page that does
    not reproduce the article is judged against what the source looks like."""
    region = _Region.of(furniture_of(document), covered)
    if region is None:
        return Located(guess)
    kept, left_out = region.article()
    if not kept:
        return Located(guess)
    return Located(_article_of(document, _with_the_guess(document, guess, kept)), region.describe(), left_out)


def _with_the_guess(document: Document, guess: Document, kept: list[Block]) -> list[Block]:
    """The located article, or, for a page that takes a small part of it (an excerpt, a quote), the article the
    source page alone shows with the located blocks.

    Around a quoted paragraph the region may hold no more than it (a lede in an element of its own), and an
    excerpt's measure (its share, that it is the opening) needs the whole article. When what is located is
    under MAX_LOCATED_SHARE of the guess's words and mostly inside it, the guess is the article: had the
    guess taken other prose for it (comments outweighing the story), the located blocks would lie outside.
    What the guess holds beside the story is not taken with it: another story (in an `<article>` element
    holding none of the located blocks: the next one an infinite scroll loads, a related one), or a
    standfirst the page left out (named as one: `p.dek`), as the located region leaves them out."""
    located = {document.block_at(block.start): block for block in kept}  # a block the region cut keeps its cut
    index_of = {(block.line, block.text): index for index, block in enumerate(document.blocks)}
    guessed = {index_of[key] for block in guess.blocks if (key := (block.line, block.text)) in index_of}
    if len(guessed & located.keys()) < MIN_LOCATED_IN_GUESS * len(located):
        return kept
    stories = {_story_of(document, index) for index in located}
    guessed = {index for index in guessed if index in located or not _beside_the_story(document, index, stories)}
    if sum(len(document.block_words(index)) for index in located) >= MAX_LOCATED_SHARE * sum(
        len(document.block_words(index)) for index in guessed | located.keys()
    ):
        return kept  # words as the guess counts them: a Chinese character is one
    return [located.get(index, document.blocks[index]) for index in sorted(guessed | located.keys())]


def _story_of(document: Document, index: int) -> int | None:
    """The innermost `<article>` element around a block (its serial number), if any."""
    ancestors, labels = document.blocks[index].ancestors, document.labels
    return next((a for a in reversed(ancestors) if labels.get(a, "").startswith("article ")), None)


def _beside_the_story(document: Document, index: int, stories: set[int | None]) -> bool:
    """Whether a block the guess holds and the page does not is another story's, or a standfirst."""
    story = _story_of(document, index)
    if story is not None and story not in stories:
        return True
    block = document.blocks[index]
    return bool(block.ancestors) and bool(_STANDFIRST.search(document.labels.get(block.ancestors[-1], "")))


class _Region:
    """The part of a source page where the republished page's text lives, and what in it is the article."""

    def __init__(self, furniture: Furniture, covered: bytearray, on_page: list[bool], exempt: set[int]) -> None:
        self.furniture, self.covered, self.on_page = furniture, covered, on_page
        self.exempt = exempt  # elements shown to hold the article: never furniture by their names
        self.sections: set[int] = set()
        self.paragraphs_unpunctuated = False  # the article's own paragraphs mostly end without a stop
        blocks = furniture.document.blocks
        self.reproduced_lists = {_list_of(block) for index, block in enumerate(blocks) if on_page[index]} - {None}

    @classmethod
    def of(cls, furniture: Furniture, covered: bytearray) -> _Region | None:
        """The element that best explains the page: most of the text the page shares with the source,
        and least unshared prose (which the page would then have left out).

        Only elements holding at least half the shared text are candidates: a stray match
        (a teaser repeating the lead) cannot become the region. Those elements hold the
        article whatever their names say (a site may call its article wrapper "sidebar")."""
        document = furniture.document
        blocks = document.blocks
        aligned = [_count(covered, words) for words in furniture.word_ranges]
        on_page = [aligned[i] >= min(MIN_ALIGNED_RUN, furniture.word_count(i)) > 0 for i in range(len(blocks))]
        weights: Counter = Counter()
        depths: dict[int, int] = {}
        for index, count in enumerate(aligned):
            # a notice the page echoes in its own credit lines ("… under CC BY-ND 4.0", "©") says nothing of
            # where the article is, nor does a teaser, a block all but wholly a link (a "related" list linking
            # other stories by their opening words, which a page reproducing those stories shares)
            notice = text_kind(blocks[index].text, furniture.word_count(index)) is not None
            teaser = furniture.link_words[index] >= TEASER_LINK_SHARE * furniture.word_count(index)
            if on_page[index] and not notice and not teaser and blocks[index].tag not in HEADING_TAGS:
                for depth, serial in enumerate(blocks[index].ancestors[:-1]):
                    weights[serial] += count
                    depths[serial] = depth
        total = max(weights.values(), default=0)  # the outermost element holds all the shared words
        if total < MIN_LOCATED_WORDS:
            return None
        candidates = {serial for serial, weight in weights.items() if 2 * weight >= total}
        region = cls(furniture, covered, on_page, candidates | _continuations(furniture, on_page))
        unshared: Counter = Counter()
        for index, block in enumerate(blocks):
            if region.unshared_prose(index):
                for serial in block.ancestors[max(0, furniture.furniture_depth(index, candidates)) : -1]:
                    if serial in candidates:
                        unshared[serial] += furniture.word_count(index)
        scores = {serial: weights[serial] - UNSHARED_PENALTY * unshared[serial] for serial in candidates}
        top = max(scores.values())
        # the innermost of the near-best: a stray match outside (a page's own title in its JSON) must not widen
        # it; an excerpt leaves out more than it takes, so every score may be below zero
        near = top - (1 - NEAR_BEST) * abs(top)
        best = max((s for s in candidates if scores[s] >= near), key=depths.__getitem__)
        region.sections = region.sections_like(best, depths[best]) or region.cousins_like(best, depths[best])
        return region

    def unshared_prose(self, index: int) -> bool:
        """A block not on the page that reads as prose by itself: left out, if it is in the region."""
        return not (self.on_page[index] or self.furniture.kind_by_text(index) or self.short_line(index, True))

    def sections_like(self, container: int, depth: int) -> set[int]:
        """Where a body split into sections continues: an element up to MAX_SECTION_CLIMB levels above
        the container, with its siblings of the same tag and most classes in common that hold paragraphs
        of the article's shape (a "StoryBodyCompanionColumn" after another), but not those titled as
        stories of their own (a list of teasers). Empty when the body is not split among siblings.

        Sections of one body are marked alike; bare ones (a documentation page's `<section id=…>` for each
        chapter, a FAQ's `<li>` for each question) say nothing by their names, so the page must show it: it
        reproduces two of them or more (a question the page goes on to counts), and then each that holds a
        paragraph of the article's shape is the body's."""
        blocks, labels = self.furniture.document.blocks, self.furniture.document.labels
        inside = [b for b in blocks if len(b.ancestors) > depth + 1 and b.ancestors[depth] == container]
        chain, shapes = inside[0].ancestors, {_shape(labels, b) for b in inside}
        for level in range(depth, max(0, depth - MAX_SECTION_CLIMB), -1):
            element, parent = chain[level], chain[level - 1]
            kind = tag_and_classes(labels.get(element, ""))
            like_it: dict[int, bool] = {}  # each sibling of the element: marked like it?
            prose: Counter = Counter()
            stories: set[int] = set()  # a section with a title of its own, or articles inside, holds other stories
            reproduced: set[int] = set()  # the sections like it whose text the page reproduces
            for index, block in enumerate(blocks):
                ancestors = block.ancestors
                if not (len(ancestors) > level and ancestors[level - 1] == parent):
                    continue
                section = ancestors[level]
                if section not in like_it:
                    like_it[section] = _marked_alike(tag_and_classes(labels.get(section, "")), kind)
                if not like_it[section] or section in stories:
                    continue
                if self.on_page[index] and self.furniture.kind_by_text(index) is None:
                    reproduced.add(section)  # a question opening a FAQ's next item shows the page went on into it
                if len(ancestors) == level + 1:
                    continue  # the section's own text, not a paragraph inside it
                if self.furniture.titles_a_story(index) or any(
                    labels.get(a, "").startswith("article ") for a in ancestors[level + 1 :]
                ):
                    stories.add(section)
                elif self.furniture.word_count(index) >= MIN_PROSE_WORDS and _shape(labels, block) in shapes:
                    prose[section] += 1
            sections = {element} | {s for s, count in prose.items() if count >= 2 and s not in stories}
            if not kind[1]:
                if len(reproduced - stories) < 2:
                    continue
                sections = {element} | ((reproduced | prose.keys()) - stories)  # a FAQ's answer may be one paragraph
            if len(sections) > 1:
                return sections
        return set()

    def cousins_like(self, container: int, depth: int) -> set[int]:
        """The container, and the sections of one body that a page's layout puts in wrappers of their own
        (a step after each figure, each in its own column): elements marked as the container or one of the
        MAX_SECTION_CLIMB around it, anywhere on the page, that hold a paragraph of the article's shape and
        no story of their own, and follow on from it with no other prose between. One before the region
        needs two paragraphs: a lone one there is a standfirst, not the body."""
        blocks, labels = self.furniture.document.blocks, self.furniture.document.labels
        chain = next(b.ancestors for b in blocks if len(b.ancestors) > depth + 1 and b.ancestors[depth] == container)
        shapes = {_shape(labels, b) for b in blocks if len(b.ancestors) > depth + 1 and b.ancestors[depth] == container}
        for element in reversed(chain[max(0, depth - MAX_SECTION_CLIMB + 1) : depth + 1]):
            kind = tag_and_classes(labels.get(element, ""))
            if not kind[1] or not self.furniture.marked_like(kind) - set(chain):
                continue  # bare, or no other element marked like it: most pages
            found = self._sections_marked(kind, shapes)
            if element in found and len(run := _following_on(found, element, self._joins)) > 1:
                return run
        return {container}

    def _sections_marked(self, kind: tuple[str, frozenset[str]], shapes: set) -> dict[int, _Section]:
        """The outermost elements marked like `kind` that hold a paragraph of the article's shapes and no story
        of their own."""
        blocks = self.furniture.document.blocks
        marked = self.furniture.marked_like(kind)
        held: dict[int, list[int]] = {}
        for index, block in enumerate(blocks):
            section = next((a for a in block.ancestors[:-1] if a in marked), None)
            if section is not None:
                held.setdefault(section, []).append(index)
        found = {}
        for section, indexes in held.items():
            around = blocks[indexes[0]].ancestors
            if self.furniture.in_furniture(around[: around.index(section) + 1], self.exempt):
                continue  # the site's footer or a related box, styled with the body's generic class
            paragraphs = sum(self._paragraph_like(i, section, shapes) for i in indexes)
            if paragraphs and not any(self.furniture.titles_a_story(i) for i in indexes):
                found[section] = _Section(indexes, paragraphs)
        return found

    def _paragraph_like(self, index: int, section: int, shapes: set) -> bool:
        """A paragraph of the article's shape that reads as prose, in no furniture inside the section (a
        footer's notice is not one)."""
        labels = self.furniture.document.labels
        return (
            self.furniture.word_count(index) >= MIN_PROSE_WORDS
            and _shape(labels, self.furniture.document.blocks[index]) in shapes
            and self.furniture.kind(index, section) is None
        )

    def _joins(self, here: _Section, new: _Section, before: bool) -> bool:
        """Whether section `new`, just before or after `here` in reading order, continues the same body."""
        earlier, later = (new, here) if before else (here, new)
        if any(
            self.furniture.word_count(i) >= MIN_PROSE_WORDS and self.furniture.kind(i) is None
            for i in range(earlier.blocks[-1] + 1, later.blocks[0])
        ):
            return False  # other prose parts them
        return not before or new.paragraphs >= 2

    def short_line(self, index: int, within: bool) -> str | None:
        """A line too slight to be a paragraph the page left out: a dateline, a label, a widget's word.

        An item of a list (or a cell of a table) the page reproduces other items of is
        the article's, however short; `within` the article's first and last reproduced
        paragraphs, a line need not end like a sentence (a code sample, a quotation cut off),
        nor anywhere when the article's own paragraphs mostly do not (a photo essay's lines)."""
        if _list_of(self.furniture.document.blocks[index]) in self.reproduced_lists:
            return None
        punctuated = within or self.paragraphs_unpunctuated or self.furniture.ends_sentence(index)
        if self.furniture.word_count(index) < MIN_PROSE_WORDS or not punctuated:
            return "short line"
        return None

    def section_of(self, index: int) -> int | None:
        """The region's section around a block, if any."""
        return next((a for a in self.furniture.document.blocks[index].ancestors[:-1] if a in self.sections), None)

    def holds(self, index: int) -> bool:
        return self.section_of(index) is not None

    def article(self) -> tuple[list[Block], Counter]:
        """The region's blocks that are the article (on the page, or prose left out), and the furniture kinds."""
        document, furniture = self.furniture.document, self.furniture
        inside = [i for i in range(len(document.blocks)) if self.holds(i)]
        kinds = {i: furniture.kind(i, self.section_of(i), self.exempt) for i in inside}
        reproduced = [i for i in inside if self.on_page[i] and kinds[i] is None]
        shapes = {_shape(document.labels, document.blocks[i]) for i in reproduced}
        paragraphs = [i for i in reproduced if furniture.word_count(i) >= MIN_PROSE_WORDS]
        unpunctuated = sum(not furniture.ends_sentence(i) for i in paragraphs)
        self.paragraphs_unpunctuated = len(paragraphs) >= MIN_UNPUNCTUATED_PARAGRAPHS and 2 * unpunctuated > len(
            paragraphs
        )
        kept, left_out = [], Counter()
        opening = self._opening(inside, reproduced, kinds)
        stories = {_story_of(document, i) for i in reproduced}
        for index in inside:
            block, kind = document.blocks[index], kinds[index]
            if kind == "link list" and _list_of(block) in self.reproduced_lists and furniture.links_to_pages(index):
                kind = None  # a cell all link of a table the page reproduces (modules, each with its state), not
                # the table of contents of a layout table
            if self.on_page[index]:
                # furniture the page has too (a subhead, a caption) is neither kept nor missed; a passage
                # said twice (a refrain, a repeated sample) is the article's when the page has it whole
                if kind is None or (kind == "repeated text" and self._whole_on_page(index)):
                    kept.append(self._without_furniture_lines(block, index, left_out))
                continue
            outside = bool(reproduced) and not reproduced[0] < index < reproduced[-1]
            kind = kind or self.short_line(index, not outside)
            if kind is None and outside and (story := _story_of(document, index)) is not None and story not in stories:
                kind = "another story"  # in an `<article>` holding none of the page's: the next one loaded, say
            if kind is None and outside and index not in opening and _shape(document.labels, block) not in shapes:
                # past the article's first and last paragraphs, only more of the same shape continue it
                kind = "note before the article" if index < reproduced[0] else "note after the article"
            if kind:
                left_out[kind] += 1
            else:
                kept.append(block)
        return kept, left_out

    def _opening(self, inside: list[int], reproduced: list[int], kinds: dict[int, str | None]) -> set[int]:
        """The paragraphs just before the first reproduced one that open the article though their classes
        differ (a drop cap's `p.caps`, `p.first`, `p.has-drop-cap`): its siblings of its tag, prose, not named as
        a standfirst (`p.dek`), back to the first block that is not one."""
        if not reproduced:
            return set()
        blocks = self.furniture.document.blocks
        first = blocks[reproduced[0]]
        found: set[int] = set()
        for index in reversed([i for i in inside if i < reproduced[0]]):
            block = blocks[index]
            if (
                kinds[index]
                or block.tag != first.tag
                or len(block.ancestors) < 2
                or block.ancestors[-2:-1] != first.ancestors[-2:-1]
                or _STANDFIRST.search(self.furniture.document.labels.get(block.ancestors[-1], ""))
                or self.short_line(index, False)
            ):
                break
            found.add(index)
        return found

    def _whole_on_page(self, index: int) -> bool:
        words = self.furniture.word_ranges[index]
        return _count(self.covered, words) == len(words)

    def _without_furniture_lines(self, block: Block, index: int, left_out: Counter) -> Block:
        """A block the page has in part, less its lines that are not on the page and are furniture
        (a line that is all link, a promotion) where lines break (`<br>`) inside one element."""
        if "\n" not in block.text:
            return block
        document, kept, offset = self.furniture.document, [], block.start
        for line in block.text.split("\n"):
            words = document.words_between(offset, offset + len(line))
            offset += len(line) + 1
            if _count(self.covered, words) >= min(MIN_ALIGNED_RUN, len(words)) or not (
                kind := self.furniture.line_kind(index, line)
            ):
                kept.append(line)
            else:
                left_out[kind] += 1
        return block if len(kept) == block.text.count("\n") + 1 else replace(block, text="\n".join(kept))

    def describe(self) -> str:
        labels = self.furniture.document.labels
        names = sorted({_selector(labels.get(serial, "")) for serial in self.sections})
        return ", ".join(names) + (f" ({len(self.sections)} sections)" if len(self.sections) > 1 else "")


def _continuations(furniture: Furniture, on_page: list[bool]) -> set[int]:
    """Elements named as links to more stories ("read-more", "more") that hold two or more paragraphs the
    page reproduces as prose: the story's own collapsed continuation, not a box of other stories."""
    held: Counter = Counter()
    for index, block in enumerate(furniture.document.blocks):
        if on_page[index] and furniture.word_count(index) >= MIN_PROSE_WORDS and furniture.kind_by_text(index) is None:
            held.update(a for a in block.ancestors[:-1] if furniture.element_kind(a) == "related links")
    return {serial for serial, count in held.items() if count >= 2}


class _Section(NamedTuple):
    blocks: list[int]  # indexes of the blocks it holds, in reading order
    paragraphs: int  # of the article's shape


def _following_on(sections: dict[int, _Section], start: int, joins) -> set[int]:
    """`start` and the sections before and after it in reading order, as far as each joins the last
    (`joins(here, new, before)`)."""
    ordered = sorted(sections, key=lambda serial: sections[serial].blocks[0])
    at = ordered.index(start)
    run = {start}
    for step in (-1, 1):
        here = at
        while 0 <= here + step < len(ordered) and joins(
            sections[ordered[here]], sections[ordered[here + step]], step < 0
        ):
            here += step
            run.add(ordered[here])
    return run


def _marked_alike(one: tuple[str, frozenset[str]], other: tuple[str, frozenset[str]]) -> bool:
    """Sections of one body: marked alike, or both bare elements of one tag."""
    return alike(one, other) or (one[0] == other[0] and not one[1] and not other[1])


def _count(covered: bytearray, words: range) -> int:
    return covered[words.start : words.stop].count(1)


def _list_of(block: Block) -> int | None:
    """The list (`ul`, `ol`, `dl`) or table holding an item or cell block, by serial; None for other blocks."""
    tag, depth = block.tag, len(block.ancestors)
    if tag in ("li", "dt", "dd") and depth >= 2:
        return block.ancestors[-2]
    if tag in ("td", "th") and depth >= 3:
        return block.ancestors[-3]
    return None


def _shape(labels: dict[int, str], block: Block) -> tuple[str, frozenset[str]]:
    """A block's tag and classes, without its id or position: what the article's paragraphs share."""
    return tag_and_classes(labels.get(block.ancestors[-1], "")) if block.ancestors else ("", frozenset())


def _selector(label: str) -> str:
    """`tag#id` or `tag.class` for an element's label ("div  story-body main" -> "div.story-body")."""
    tag, element_id, classes = (label or "  ").split(" ", 2)
    if element_id:
        return f"{tag}#{element_id}"
    return f"{tag}.{classes.split()[0]}" if classes.split() else tag


def _article_of(document: Document, blocks: list[Block]) -> Document:
    """The article as a document of its own, with the links inside its blocks (terms may ask that they stay)."""
    index_of = {document.block_at(block.start): new for new, block in enumerate(blocks)}
    links = [
        replace(link, block=index_of[link.block])
        for link in document.links
        if link.block in index_of and link.text in blocks[index_of[link.block]].text
    ]
    article = Document.from_blocks(
        document.location,
        document.kind,
        [(b.text, b.line, b.where, (), b.tag, b.heading) for b in blocks],
        links=links,
        metadata=document.metadata,
        base_url=document.base_url,
    )
    article.origin = document
    return article


def _trim_edges(blocks: list[Block]) -> list[Block]:
    """Drop promotions, contact lines and photo captions from the article's first and last blocks."""
    while blocks and _edge_boilerplate(blocks[0].text):
        blocks = blocks[1:]
    while blocks and _edge_boilerplate(blocks[-1].text):
        blocks = blocks[:-1]
    return blocks


def _edge_boilerplate(text: str) -> bool:
    words = count_words(text)
    return bool(
        (words <= MAX_EDGE_WORDS and PROMOTION.search(text)) or (words <= MAX_CAPTION_WORDS and CAPTION.search(text))
    )


def _share(link_words: int, text: str) -> float:
    return link_words / max(1, count_words(text))


def _score(text: str, link_words: int, mostly_text: bool) -> float:
    """Prose scores its words (less its link words); link lists score against, short blocks slightly."""
    n = count_words(text)
    if n >= MIN_PROSE_WORDS and mostly_text:
        return n * (1 - _share(link_words, text))
    if not mostly_text or n >= MIN_PROSE_WORDS:
        return -max(n, 3)
    return -1.0


def _in_boilerplate(document: Document, ancestors: tuple[int, ...], container: int) -> bool:
    """Whether an element between the container and the block is named like boilerplate."""
    below = ancestors[ancestors.index(container) + 1 :] if container in ancestors else ancestors
    return any(BOILERPLATE_LABEL.search(document.labels.get(serial, "")) for serial in below)


def _best_container(document: Document, scores: list[float], link_words: list[int]) -> int:
    """The element whose paragraphs weigh most: a block's score goes to its parent, half to its grandparent.

    List items don't vote: lists of teasers (a linked title and a summary) look
    like prose but are rarely the article. Nor do elements that carry their own
    link bar or linked title (a teaser, a "related post") vote for what holds
    them: six related posts side by side must not outweigh the one article.
    """
    teasers = {
        block.ancestors[-2]
        for block, links in zip(document.blocks, link_words)
        if len(block.ancestors) >= 2 and links >= 2 and _share(links, block.text) >= TEASER_LINK_SHARE
    }
    weights: dict[int, float] = {}
    for block, score in zip(document.blocks, scores):
        if score <= 0 or len(block.ancestors) < 2 or block.tag == "li":
            continue
        weights[block.ancestors[-2]] = weights.get(block.ancestors[-2], 0) + score
        if len(block.ancestors) >= 3 and block.ancestors[-2] not in teasers:
            weights[block.ancestors[-3]] = weights.get(block.ancestors[-3], 0) + score / 2
    return max(weights, key=weights.__getitem__) if weights else 0


def _best_window(scores: list[float]) -> tuple[int, int]:
    """The contiguous window of blocks with the largest total score (Kadane)."""
    best, best_range = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for i, score in enumerate(scores):
        if total <= 0:
            total, start = score, i
        else:
            total += score
        if total > best:
            best, best_range = total, (start, i)
    return best_range

"""Find the article in a real source page: the densest run of prose blocks.

A source given as a real page carries navigation, teasers, share bars and
footers around the article. Blocks are scored like a reader skims: long,
sentence-like blocks with few link words count for the article; link lists
and short boilerplate count against it; headings and captions are neutral.
The article is the contiguous stretch of blocks with the best total
(a maximum-sum window) inside the element holding most of the prose, then
stripped of the headline (compared by its own check), link lists and
elements named like boilerplate (captions, share bars, promos).
"""

from __future__ import annotations

import re

from .document import Block, Document

MIN_PROSE_WORDS = 10
MAX_KEPT_LINK_SHARE = 0.5
MIN_LINKED_PROSE_WORDS = 25  # a block this long, with one link, may be mostly that link and still be prose
MAX_LINKED_PROSE_SHARE = 0.75
TEASER_LINK_SHARE = 0.8  # a block this much link (a linked title, a share bar) marks its element a teaser
MAX_EDGE_WORDS = 60
MAX_CAPTION_WORDS = 40
AD_LABEL = re.compile(
    r"^\W*(?:advert(?:isement)?|ad|sponsored(?: content)?|story continues(?: below)?|continue reading(?: below)?"
    r"|read more|related(?: articles| stories| content)?|share(?: this)?(?: article| story)?)\W*$",
    re.I,
)
PROMOTION = re.compile(
    r"\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|me|him|her|them)\b|\b(?:may|can) be reached\b"
    r"|\breach (?:him|her|them|us|me) at\b|\bstart your day\b|\bdownload (?:the|our) app\b|\bclick here\b"
    r"|\bdelivered (?:to|through) your\b|©|\ball rights reserved\b|\bhave a (?:news )?tip\b",
    re.I,
)
CAPTION = re.compile(
    r"(?:\b(?:reuters|ap|afp|getty images|associated press|shutterstock|epa|istock|bloomberg)"
    r"|\b(?:photo|image|picture|credit|file photo)s?\s*(?:by|:)[^.]*)\W*$",
    re.I,
)
BOILERPLATE_LABEL = re.compile(
    r"(?<![a-z])(?:captions?|credits?|gallery|related|recommended|share|sharing|social|promo|teaser|newsletter"
    r"|subscribe|signup|comments?|sidebar|widget|breadcrumbs?|byline|author|tags?|advert|ads?|sponsored|popular"
    r"|trending|more|read-more|footer|nav|menu|toolbar|cookie|disclaimer)(?![a-z])"
)


def extract_article(document: Document) -> Document:
    """A document holding only the article blocks of `document`."""
    if not document.blocks:
        return document
    link_words, links = _links_per_block(document)
    prose = [_mostly_text(block.text, words, count) for block, words, count in zip(document.blocks, link_words, links)]
    scores = [_score(block.text, words, ok) for block, words, ok in zip(document.blocks, link_words, prose)]
    container = _best_container(document, scores, link_words)
    inside = [i for i, block in enumerate(document.blocks) if container in block.ancestors[:-1]]
    first, last = _best_window([scores[i] for i in inside])
    keep = [
        i
        for i in inside[first : last + 1]
        if prose[i]
        and not _in_boilerplate(document, document.blocks[i].ancestors, container)
        and _tag(document.blocks[i].path) != "h1"
    ]
    blocks = _trim_edges([document.blocks[i] for i in keep if not AD_LABEL.match(document.blocks[i].text)])
    article = Document.from_blocks(
        document.location,
        document.kind,
        [(b.text, b.line, b.path) for b in blocks],
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
    words = len(text.split())
    return bool(
        (words <= MAX_EDGE_WORDS and PROMOTION.search(text)) or (words <= MAX_CAPTION_WORDS and CAPTION.search(text))
    )


def _links_per_block(document: Document) -> tuple[list[int], list[int]]:
    """For each block, the words of its links, and how many links it holds."""
    words, counts = [0] * len(document.blocks), [0] * len(document.blocks)
    for link in document.links:
        if link.block is not None:
            words[link.block] += len(link.text.split())
            counts[link.block] += 1
    return words, counts


def _mostly_text(text: str, link_words: int, links: int) -> bool:
    """Not a link list: mostly not links, or a long sentence led by one link (a roundup's item)."""
    share, words = _share(link_words, text), len(text.split())
    if share <= MAX_KEPT_LINK_SHARE:
        return True
    return links == 1 and words >= MIN_LINKED_PROSE_WORDS and share <= MAX_LINKED_PROSE_SHARE


def _share(link_words: int, text: str) -> float:
    return link_words / max(1, len(text.split()))


def _score(text: str, link_words: int, mostly_text: bool) -> float:
    """Prose scores its words (less its link words); link lists score against, short blocks slightly."""
    n = len(text.split())
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
        if score <= 0 or len(block.ancestors) < 2 or _tag(block.path) == "li":
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


def _tag(path: str) -> str:
    return re.split(r"[.#:]", path.rsplit(" > ", 1)[-1], maxsplit=1)[0]

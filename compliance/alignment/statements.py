"""Lines and sentences of a page, and names found in them.

Credits and copyright notices are short statements: a line (a paragraph or a
`<br>`-separated line) or a sentence inside a longer one. Names are compared
after folding, ignoring a leading "The" and punctuation, so "The Hill",
"the Hill" and "TheHill" are one publisher.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..reading.document import Document
from ..reading.textfold import fold

SHORT_LINE_WORDS = 30  # a credit line, a copyright line: no longer than this
MAX_SHORT_LINE_CHARACTERS = SHORT_LINE_WORDS * 100
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_NON_WORD = re.compile(r"[\W_]+")
# Japanese and Chinese write a name without spaces: "Yahoo!ニュース" is one name, not "Yahoo" and a word
_JOINED_TO_CJK = re.compile(r"(?<=[a-z0-9])[^\w\s]+(?=[\u3040-\u30ff\u3400-\u9fff])")


@dataclass(frozen=True)
class Statement:
    """A line or sentence of one block, with its offset in Document.text."""

    block: int
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def sentences(text: str) -> list[str]:
    """Split text into sentences: at line breaks, and at `.`, `!` or `?` followed by a capital or digit."""
    return [part for line in text.split("\n") for part in _SENTENCE_END.split(line) if part.strip()]


class Searchable(Protocol):
    """A compiled pattern, or a lexicon of them (lexicon.Cues)."""

    def search(self, text: str) -> re.Match | None: ...


def statements(
    document: Document, pattern: Searchable, skip: Callable[[int], bool] = lambda block: False
) -> Iterator[Statement]:
    """The statements (short lines whole, and every sentence of every line) where folded `pattern` matches.

    A block is searched once, and split only when it matches somewhere; blocks
    `skip` names (the article's own paragraphs) are not searched at all."""
    for index, (block, folded) in enumerate(zip(document.blocks, document.folded_blocks)):
        if skip(index) or not pattern.search(folded):
            continue
        for statement in _split(index, block.start, block.text):
            if pattern.search(fold(statement.text)):
                yield statement


def is_short_line(line: str) -> bool:
    """Whether a line has at most SHORT_LINE_WORDS words, told without splitting a long one (a 20 MB
    paragraph would make a string of each of its millions of words at once)."""
    return len(line) <= MAX_SHORT_LINE_CHARACTERS and len(line.split()) <= SHORT_LINE_WORDS


def _split(index: int, start: int, text: str) -> Iterator[Statement]:
    offset = start
    for line in text.split("\n"):
        parts = sentences(line)
        if len(parts) > 1 and is_short_line(line):
            yield Statement(index, line, offset)
        position = offset
        for part in parts:
            position = start + text.find(part, position - start)
            yield Statement(index, part, position)
        offset += len(line) + 1


def normalize_name(name: str) -> str:
    """Folded words of a name, without a leading article: `The Hill` -> `hill`; `Yahoo!ニュース` ->
    `yahooニュース` (one name, as its script writes it)."""
    words = _NON_WORD.sub(" ", _JOINED_TO_CJK.sub("", fold(name))).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def names_in(text: str, names: list[str]) -> list[str]:
    """The names (as given) that `text` mentions."""
    haystack = f" {normalize_name(text)} "
    squashed = haystack.replace(" ", "")
    found = []
    for name in names:
        needle = normalize_name(name)
        if not needle:
            continue
        if f" {needle} " in haystack or (len(needle.replace(" ", "")) >= 8 and needle.replace(" ", "") in squashed):
            found.append(name)
    return found

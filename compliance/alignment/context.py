"""What a rule sees while it checks a page: the page, the source, variables, and
the alignment of the source article with the page, computed once and shared."""

from __future__ import annotations

import bisect
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress

from ..findings import Finding
from ..policy import Rule
from ..policy.variables import substitute
from ..reading.document import Document
from .align import MIN_PROSE_RUN, Run, align
from .article import Located, locate_article
from .statements import Searchable, Statement, statements

MIN_ARTICLE_COVERAGE = 0.2  # below this the source is not on the page, and no page text is "the article"


@dataclass
class Alignment:
    """The source article's words mapped onto the page's words."""

    runs: list[Run]
    source_to_page: array  # -1 where a source word is not on the page
    page_aligned: bytearray  # 1 where a page word is aligned with the source

    @classmethod
    def between(cls, source: Document, page: Document) -> Alignment:
        runs = align(source.words.norms, page.words.norms)
        source_to_page = array("i", [-1]) * len(source.words)
        page_aligned = bytearray(len(page.words))
        for run in runs:
            source_to_page[run.src : run.src + run.length] = array("i", range(run.page, run.page + run.length))
            page_aligned[run.page : run.page + run.length] = b"\x01" * run.length
        return cls(runs, source_to_page, page_aligned)

    def aligned_as_prose(self, first: int, stop: int) -> int:
        """How many of page words `first`..`stop - 1` runs of prose align, MIN_PROSE_RUN words or longer. A
        shorter run (a name of five words or five Chinese characters that the article mentions in a part the
        page left out, matched by a credit line) is a coincidence of wording, not the article's text."""
        ends, runs = self._by_page
        count = 0
        for run in runs[bisect.bisect_right(ends, first) :]:
            if run.page >= stop:
                break
            if run.length >= MIN_PROSE_RUN:
                count += min(stop, run.page + run.length) - max(first, run.page)
        return count

    @cached_property
    def _by_page(self) -> tuple[list[int], list[Run]]:
        """The runs in page order (they never overlap on the page), and where each ends."""
        runs = sorted(self.runs, key=lambda run: run.page)
        return [run.page + run.length for run in runs], runs

    @cached_property
    def coverage(self) -> float:
        """The share of source words found on the page; asked once per page block, so computed once."""
        if not self.source_to_page:
            return 0.0
        return 1 - self.source_to_page.count(-1) / len(self.source_to_page)


def covered_words(document: Document, runs: list[Run]) -> bytearray:
    """For each word of `document`, 1 where the runs cover it."""
    covered = bytearray(len(document.words))
    for run in runs:
        covered[run.src : run.src + run.length] = b"\x01" * run.length
    return covered


def _either(one: bytearray, other: bytearray) -> bytearray:
    """1 where either of two 0/1 masks of one length has 1, computed in C (a page may have millions of words)."""
    return bytearray((int.from_bytes(one, "big") | int.from_bytes(other, "big")).to_bytes(len(one), "big"))


@dataclass
class Context:
    """A page under check, with its source article (if any) and the variables in force."""

    page: Document
    source: Document | None
    variables: dict[str, str]
    source_problem: str | None = None  # why the source the page declares could not be read
    earlier: list[Finding] = field(default_factory=list)  # findings of the rules already run

    @property
    def no_source(self) -> str:
        """Why there is no source article, for a rule that needs one."""
        if self.source_problem:
            return f"the source the page declares could not be read ({self.source_problem})"
        return "no source article (none given, and the page declares none); give --source FILE or URL"

    @cached_property
    def located(self) -> Located | None:
        """The source article as this page locates it in a real source page (article.locate_article);
        a source given as text is the article as it stands."""
        if self.source is None:
            return None
        whole = self.whole_source_alignment
        if whole is None:
            return Located(self.source)
        return locate_article(self.source.origin, self.source, covered_words(self.source.origin, whole.runs))

    @cached_property
    def article(self) -> Document | None:
        """The source article this page is judged against."""
        return self.located.article if self.located else None

    @cached_property
    def alignment(self) -> Alignment | None:
        if self.article is None or not self.article.words.norms:
            return None
        return Alignment.between(self.article, self.page)

    @cached_property
    def from_source(self) -> bytearray:
        """For each page word, whether the source has it: in the article, or elsewhere on the source page.

        Words a source page carries outside the article (a caption, a pull quote
        the article leaves out), or carries hidden (the rest of a story behind a
        "read more"), were not added by the republisher.
        """
        alignment, whole = self.alignment, self.whole_source_alignment
        if alignment is None:
            return bytearray(len(self.page.words))
        if whole is None:
            return alignment.page_aligned
        found = _either(alignment.page_aligned, whole.page_aligned)
        hidden = self.hidden_source_alignment
        return _either(found, hidden.page_aligned) if hidden else found

    @cached_property
    def hidden_source_alignment(self) -> Alignment | None:
        """The text the source page hides, aligned with the page."""
        origin = self.source.origin if self.source else None
        if origin is None or not origin.hidden or not origin.hidden_document.words.norms:
            return None
        return Alignment.between(origin.hidden_document, self.page)

    @cached_property
    def whole_source_alignment(self) -> Alignment | None:
        """The whole source page (not just its article) aligned with the page, for HTML sources."""
        origin = self.source.origin if self.source else None
        if origin is None or not origin.words.norms:
            return None
        return Alignment.between(origin, self.page)

    @cached_property
    def article_blocks(self) -> frozenset[int]:
        """Page blocks that are mostly the source article's own text (not credits or notices)."""
        return frozenset(block for block, (aligned, words) in self._aligned_words if aligned / words >= 0.5)

    @cached_property
    def _aligned_words(self) -> list[tuple[int, tuple[int, int]]]:
        """For each page block with words aligned with the article: how many, and how many words it has; one
        pass over the page's words (none when the article is not on the page). A page of a hundred thousand
        paragraphs has a few that are the article's."""
        alignment = self.alignment
        if alignment is None or alignment.coverage < MIN_ARTICLE_COVERAGE:
            return []
        aligned = Counter(compress(self.page.word_blocks, alignment.page_aligned))
        return [(block, (count, len(self.page.block_words(block)))) for block, count in aligned.items()]

    def is_article_text(self, start: int, end: int) -> bool:
        """Whether the page text from `start` to `end` is mostly the source article's own words: aligned by
        runs of prose (see Alignment.aligned_as_prose)."""
        alignment = self.alignment
        if alignment is None or alignment.coverage < MIN_ARTICLE_COVERAGE:
            return False
        positions = self.page.words_between(start, end)
        aligned = alignment.aligned_as_prose(positions.start, positions.stop)
        return bool(positions) and aligned / len(positions) >= 0.5

    def is_pure_article(self, block: int) -> bool:
        """Whether every word of a page block is the source article's: no credit or notice can hide in it."""
        return block in self._pure_article_blocks

    @cached_property
    def _pure_article_blocks(self) -> frozenset[int]:
        """The blocks all of whose words are aligned with the article (asked of every block by every
        statement search)."""
        return frozenset(block for block, (aligned, words) in self._aligned_words if aligned == words)

    def statements(self, pattern: Searchable) -> list[Statement]:
        """The page's statements matching `pattern` that are not the article's own text (credits, notices)."""
        found = statements(self.page, pattern, self.is_pure_article)
        return [s for s in found if not self.is_article_text(s.start, s.end)]

    def value(self, rule: Rule, name: str) -> tuple[str | None, list[str]]:
        """A string parameter with its variables filled: (value, missing variable names)."""
        template = rule.params.get(name)
        if template is None:
            return None, []
        return substitute(str(template), self.variables)

    def alternatives(self, rule: Rule, name: str) -> tuple[list[str], list[str]]:
        """A list parameter with variables filled; alternatives with unknown variables are dropped."""
        values, missing = [], []
        for template in rule.params.get(name) or []:
            value, unknown = substitute(str(template), self.variables)
            if value is None:
                missing.extend(unknown)
            elif value.strip():
                values.append(value)
        return values, missing

"""Align two word sequences as runs of several words.

Plain word-level LCS credits unrelated texts with every shared "the" and "of";
counting only runs of `MIN_RUN` or more words keeps unrelated articles near 0.
Runs are found through an index of the page's word n-grams, so the cost grows
with the text's length, not its square. Short gaps anchored between two runs
are then aligned word by word, which is what exposes a changed word inside an
otherwise faithful sentence.
"""

from __future__ import annotations

import bisect
import difflib
import heapq
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

MIN_RUN = 5
MIN_PROSE_RUN = 12  # words in a row that only article prose shares with the page (a name, a menu line: fewer)
MAX_CANDIDATES = 24
MAX_GAP_WORDS = 40
MAX_LOOK_BACK = 2000  # source words looked back through for where the text before a passage went
_STRIDE = 16


@dataclass(frozen=True, slots=True)
class Run:
    """`length` words equal in both: source[src:src+length] == page[page:page+length]."""

    src: int
    page: int
    length: int


def align(source: Sequence[str], page: Sequence[str], min_run: int = MIN_RUN) -> list[Run]:
    """Runs of equal words, ordered by source position, each source word and each page word in one run
    at most.

    The longest runs are laid first (greedy string tiling, as plagiarism detectors
    align): a sentence the source says twice, once inside the paragraph the page
    reproduces and once in a paragraph the page left out, goes with the paragraph,
    whichever comes first in the source. Equally long copies of a passage go next
    to where the text before it went: a sentence repeated on both sides maps copy
    to copy, and a source saying twice what the page says once has its other copy
    off the page."""
    runs = _anchor_runs(source, page, min_run)
    return _fill_gaps(source, page, runs)


def _anchor_runs(source: Sequence[str], page: Sequence[str], k: int) -> list[Run]:
    # each distinct run of k source words numbered, and the page places of each number: a run's tuple is
    # hashed once a side rather than at each lookup (tuples do not keep their hash)
    numbers: dict[tuple[str, ...], int] = {}
    source_numbers = [numbers.setdefault(gram, len(numbers)) for gram in _grams(source, k)]
    places: dict[int, list[int]] = {}
    # a notice sought on a huge page records a handful of places, not every word
    for j, number in enumerate(map(numbers.get, _grams(page, k))):
        if number is not None:
            places.setdefault(number, []).append(j)
    slope = len(page) / max(1, len(source))  # where page word j would be for source word i, on the diagonal
    heap: list[tuple[int, int, int]] = []
    for i, number in enumerate(source_numbers):
        candidates = places.get(number)
        if candidates is None:
            continue
        if len(candidates) > MAX_CANDIDATES:  # a page repeating one text thousands of times
            candidates = _nearest(candidates, int(i * slope))
        for j in candidates:
            if i and j and source[i - 1] == page[j - 1]:
                continue  # inside the run that starts a word earlier on both sides
            heap.append((-_extend(source, page, i, j, k), i, j))
    heapq.heapify(heap)
    return sorted(_Tiling(len(source), len(page), slope).lay(heap, k), key=lambda run: run.src)


class _Tiling:
    """Runs laid longest first, each word on either side taken once (greedy string tiling)."""

    def __init__(self, source_words: int, page_words: int, slope: float) -> None:
        self.slope = slope
        self.page_of = array("q", [-1]) * source_words  # the page word each source word went to
        self.page_taken = bytearray(page_words)

    def lay(self, heap: list[tuple[int, int, int]], k: int) -> Iterator[Run]:
        """Lay the runs of `heap` ((-length, source, page) items); a run crossing words already taken is
        cut into its free stretches, which wait their turn by their own length. Copies of one source
        passage, equally long, go nearest the page word after the source words before them."""
        while heap:
            negative_length, i, j = heapq.heappop(heap)
            copies = [j]
            while heap and heap[0][0] == negative_length and heap[0][1] == i:
                copies.append(heapq.heappop(heap)[2])
            if len(copies) > 1:
                expected = self._expected(i)
                copies.sort(key=lambda copy: abs(copy - expected))
            for copy in copies:
                yield from self._laid(i, copy, -negative_length, heap, k)

    def _laid(self, i: int, j: int, length: int, heap: list, k: int) -> Iterator[Run]:
        """The run, if none of its words is taken; else its free stretches of `k` words or more, queued."""
        taken = self.page_of[i : i + length]
        if max(taken) < 0 and 1 not in self.page_taken[j : j + length]:
            self.page_of[i : i + length] = array("q", range(j, j + length))
            self.page_taken[j : j + length] = b"\x01" * length
            yield Run(i, j, length)
            return
        offset = 0
        while offset < length:
            while offset < length and (taken[offset] >= 0 or self.page_taken[j + offset]):
                offset += 1
            free = offset
            while offset < length and taken[offset] < 0 and not self.page_taken[j + offset]:
                offset += 1
            if offset - free >= k:
                heapq.heappush(heap, (free - offset, i + free, j + free))

    def _expected(self, i: int) -> float:
        """Where on the page the text at source word `i` would go: right after the page word that the nearest
        source word before it went to (what lies between may be left out: nothing is added for it), else on
        the diagonal."""
        for before in range(i - 1, max(-1, i - MAX_LOOK_BACK), -1):
            if self.page_of[before] >= 0:
                return self.page_of[before] + 1
        return i * self.slope


def _grams(words: Sequence[str], k: int) -> Iterator[tuple[str, ...]]:
    """Every run of `k` consecutive words, as tuples built in C by zipping shifted views (no copies)."""
    return zip(*(islice(words, offset, None) for offset in range(k)))


def _nearest(candidates: list[int], expected: int) -> list[int]:
    """The MAX_CANDIDATES positions closest to `expected` (`candidates` are in page order): on a page
    repeating one text thousands of times, pairing every copy with every source word would take time
    squared."""
    after = bisect.bisect_left(candidates, expected)
    low = max(0, min(after - MAX_CANDIDATES // 2, len(candidates) - MAX_CANDIDATES))
    return candidates[low : low + MAX_CANDIDATES]


def _extend(source: Sequence[str], page: Sequence[str], i: int, j: int, k: int) -> int:
    """How far the run of equal words starting at source[i] and page[j] goes (at least `k`).

    Compared a stride of words at a time (a slice comparison runs in C): runs are
    often whole paragraphs."""
    length = k
    while source[i + length : i + length + _STRIDE] == page[j + length : j + length + _STRIDE]:
        if i + length + _STRIDE > len(source) or j + length + _STRIDE > len(page):
            break  # equal up to the end of one of them: the rest is counted word by word
        length += _STRIDE
    while i + length < len(source) and j + length < len(page) and source[i + length] == page[j + length]:
        length += 1
    return length


def _fill_gaps(source: Sequence[str], page: Sequence[str], runs: list[Run]) -> list[Run]:
    """Align the words of short gaps that sit between two consecutive runs."""
    filled: list[Run] = []
    for left, right in zip(runs, [*runs[1:], None]):
        filled.append(left)
        if right is None:
            break
        src_lo, page_lo = left.src + left.length, left.page + left.length
        src_gap, page_gap = right.src - src_lo, right.page - page_lo
        if not (0 < src_gap <= MAX_GAP_WORDS and 0 < page_gap <= MAX_GAP_WORDS):
            continue
        matcher = difflib.SequenceMatcher(None, source[src_lo : right.src], page[page_lo : right.page], autojunk=False)
        filled.extend(Run(src_lo + a, page_lo + b, size) for a, b, size in matcher.get_matching_blocks() if size)
    return filled

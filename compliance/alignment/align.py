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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

MIN_RUN = 5
MAX_CANDIDATES = 24
MAX_LOOKED_AT = 4 * MAX_CANDIDATES
MAX_GAP_WORDS = 40
_STRIDE = 16


@dataclass(frozen=True, slots=True)
class Run:
    """`length` words equal in both: source[src:src+length] == page[page:page+length]."""

    src: int
    page: int
    length: int


def align(source: Sequence[str], page: Sequence[str], min_run: int = MIN_RUN) -> list[Run]:
    """Runs of equal words, ordered by source position, each source word in one run at most.

    A page position is in one run at most: a sentence repeated on both sides maps copy
    to copy, and a source saying twice what the page says once has its second copy off
    the page (a paragraph left out is left out, even if another says the same)."""
    runs = _anchor_runs(source, page, min_run)
    return _fill_gaps(source, page, runs)


def _anchor_runs(source: Sequence[str], page: Sequence[str], k: int) -> list[Run]:
    source_grams = list(_grams(source, k))
    wanted = set(source_grams)
    index: dict[tuple[str, ...], list[int]] = {}
    # a notice sought on a huge page indexes a handful of places, not every word
    for j, gram in [(j, gram) for j, gram in enumerate(_grams(page, k)) if gram in wanted]:
        index.setdefault(gram, []).append(j)
    runs: list[Run] = []
    used = bytearray(len(page))
    expected = 0
    i = 0
    for start in [position for position, gram in enumerate(source_grams) if gram in index]:
        if start < i:
            continue  # inside the run found last
        i = start
        candidates = index[source_grams[i]]
        if len(candidates) == 1:  # most n-grams of an article occur once on the page
            best_j, best_len = candidates[0], _extend(source, page, i, candidates[0], k)
        else:
            best_j, best_len = _best_candidate(source, page, i, k, candidates, used, expected)
        if best_j < 0 or used[best_j]:
            continue  # the page says it once, and that once is taken: a second copy in the source is not on it
        runs.append(Run(i, best_j, best_len))
        used[best_j : best_j + best_len] = b"\x01" * best_len
        i += best_len
        expected = best_j + best_len
    return runs


def _best_candidate(
    source: Sequence[str], page: Sequence[str], i: int, k: int, candidates: list[int], used: bytearray, expected: int
) -> tuple[int, int]:
    """The longest run among the candidates nearest where the last run ended, fresh positions first."""
    best_j, best_len = -1, 0
    for j in _nearest(candidates, expected, used):
        length = _extend(source, page, i, j, k)
        if length > best_len:
            best_j, best_len = j, length
    return best_j, best_len


def _grams(words: Sequence[str], k: int) -> Iterator[tuple[str, ...]]:
    """Every run of `k` consecutive words, as tuples built in C by zipping shifted views (no copies)."""
    return zip(*(islice(words, offset, None) for offset in range(k)))


def _nearest(candidates: list[int], expected: int, used: bytearray) -> list[int]:
    """Up to MAX_CANDIDATES positions closest to where the previous run ended, best first, of those
    not yet in a run.

    `candidates` are in page order, so the walk goes outwards from `expected`, and
    stops after MAX_LOOKED_AT: on a page repeating one text thousands of times,
    ranking every copy for every source word would take time squared."""
    after = bisect.bisect_left(candidates, expected)
    before = after - 1
    fresh: list[int] = []
    looked_at = 0
    while len(fresh) < MAX_CANDIDATES and looked_at < MAX_LOOKED_AT and (before >= 0 or after < len(candidates)):
        if after < len(candidates) and (before < 0 or candidates[after] - expected < expected - candidates[before]):
            j, after = candidates[after], after + 1
        else:
            j, before = candidates[before], before - 1
        looked_at += 1
        if not used[j]:
            fresh.append(j)
    return fresh


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

"""body: the source article is reproduced as the terms allow.

What it does
    Aligns the source article with the page and measures:
    - `coverage`: the share of the source's words found on the page in
      aligned runs of several words (unrelated text sharing common words
      scores near 0);
    - `altered`: source sentences reproduced with words changed, inserted or
      removed (each reported with its word-level diff);
    - `added_words`: words inside the article's span on the page (from its
      first reproduced paragraph to its last: a headline, and a dateline
      between it and the first paragraph, are outside) that come neither
      from the source nor from another rule's match (the credit, notice and
      copyright lines). The page's own furniture between the paragraphs (an
      ad label, a related-story link, a photo's caption, a newsletter box:
      told by its links, its tag, its element's name or its words) adds
      nothing to the article and is noted apart ("the page's own furniture
      inside the article, not counted as added: caption (1)"); words written
      into a paragraph of the article always count.
    Excerpt terms count paragraphs of ten words or more (`max-paragraphs`,
    `leading`: a headline, dateline or subhead above them is none), and the
    page's headline echoing a sentence it leaves out is no edit of it.
    A limit left out is not checked. Typography (quotes, dashes, spacing,
    paragraphs merged or split, a list's numbers written out or left off) is
    not an edit. An omitted passage that is in the page's markup but hidden (a
    "read more" left collapsed) says so.

    Given a real source page, the page's own text says where the article is:
    the region of the source holding the text the page shares with it. Page
    furniture in that region (captions, image credits, bylines, datelines,
    tags, share and newsletter prompts, related links, comments) is not the
    article: leaving it out never fails a page, and the finding notes it
    ("not counted as the article, and not on the page: caption (2)").

Why
    Most syndication terms allow republishing only complete and unaltered;
    an omitted paragraph, a changed word or an inserted editorial changes
    what the author said under the author's name.

Example
    min-coverage: 0.95
    max-altered: 0
    max-added-words: 12

Fix
    Restore the omitted passages and the original wording (see the diff),
    and move added text outside the article.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from ..alignment.align import MIN_PROSE_RUN, MIN_RUN, Run
from ..alignment.article import Located
from ..alignment.context import Alignment, Context
from ..alignment.edits import tolerated
from ..alignment.furniture import MIN_PROSE_WORDS, PageFurniture, common_steps
from ..alignment.statements import CASELESS_STOPS, sentences
from ..alignment.wdiff import word_diff
from ..findings import Finding
from ..policy import Rule
from ..reading.document import LIST_MARKER, Document
from ..reading.textfold import word_string
from .base import finding, quote, share

ID = "body"
CODE = "CMP005"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 1  # runs after the rules whose matches (credit, notice) it must not count as added
PARAMETERS = {
    "min-coverage": share("Least share (0–1) of the source's words that must be on the page."),
    "max-altered": {
        "type": "integer",
        "minimum": 0,
        "description": "Most source sentences that may be reproduced with changed words.",
    },
    "max-added-words": {
        "type": "integer",
        "minimum": 0,
        "description": "Most words that may be added inside the article.",
    },
    "max-coverage": share("Most share (0–1) of the source's words that may be on the page (excerpt terms)."),
    "max-words": {
        "type": "integer",
        "minimum": 1,
        "description": "Most words of the source that may be reproduced (excerpt terms such as “up to 250 words”).",
    },
    "max-paragraphs": {
        "type": "integer",
        "minimum": 0,
        "description": "Most source paragraphs (of ten words or more) that may be reproduced (excerpt terms).",
    },
    "allow-edits": {
        "type": "array",
        "items": {"enum": ["time", "location", "style"]},
        "uniqueItems": True,
        "description": "Edits tolerated in altered sentences: relative time, location words, house style.",
    },
    "leading": {
        "type": "boolean",
        "description": "The reproduced paragraphs must be the article's first ones, in order (excerpt terms).",
    },
}
REQUIRED = ()
DEFAULTS: dict = {}

MIN_KEPT_SHARE = 0.5  # a sentence with less of its words on the page is omitted, not altered
SPAN_GAP_WORDS = 150  # unaligned words that separate the article from a stray quotation
MAX_LISTED = 20
MIN_TRANSLATED_COVERAGE = 0.2  # a page in another language still holding this share quotes the original
MAX_FURNITURE_KINDS = 4
MAX_REPLACING_WORDS = 12  # words of the page's own shown in place of a sentence's first or last words
_SENTENCE_BREAK = re.compile(f"[.!?{CASELESS_STOPS}\\n]")  # a stop between two words: they are in two sentences


@dataclass
class SentenceVerdict:
    first: int  # source word positions
    last: int
    kept: int
    contiguous: bool
    replaced: bool = False  # the page has words of its own between the ones it kept: a word changed

    @property
    def omitted(self) -> bool:
        """Too little of it on the page to call it altered; a short one (a heading) only if not all there,
        unless a word of it was replaced ("This is some rank snobbery" -> "This quietly some …")."""
        length = self.last - self.first + 1
        if self.replaced and self.kept >= MIN_KEPT_SHARE * length:
            return False
        return self.kept < min(length, max(MIN_RUN, MIN_KEPT_SHARE * length))

    @property
    def altered(self) -> bool:
        return not self.omitted and (self.kept < self.last - self.first + 1 or not self.contiguous)


@dataclass
class Reproduction:
    """How the source article stands on the page: figures and the passages behind them."""

    metrics: dict
    passages: dict
    reproduced_paragraphs: list[int]  # places among the source's paragraphs of those mostly on the page


def measure(context: Context, listed: int | None = MAX_LISTED) -> Reproduction | str:
    """Align the source article with the page; a string says why that cannot be done. Passages are
    listed up to `listed` of each kind (None: all, for a fix to mend them all)."""
    source, alignment = context.article, context.alignment
    if source is None:
        return context.no_source
    if alignment is None:
        return f"the source {source.location} has no article text"
    verdicts = [
        _verdict(alignment, context.from_source, first, last, source, context.page)
        for first, last in source_sentences(source)
    ]
    altered = [v for v in verdicts if v.altered]
    added, furniture = _added_passages(context, alignment)
    translated = _translation(context, alignment)
    paragraphs = _reproduced_paragraphs(source, alignment)
    metrics = {
        "coverage": round(alignment.coverage, 3),
        "altered": len(verdicts) if translated else len(altered),
        "added_words": sum(len(p["words"]) for p in added),
        "paragraphs": len(paragraphs),
        "reproduced_words": len(alignment.source_to_page) - alignment.source_to_page.count(-1),
    }
    passages = {
        "omitted": _mark_hidden(_omitted_passages(source, context.page, alignment, verdicts, listed), context.page),
        "altered": [_altered_passage(source, context.page, alignment, v) for v in altered[:listed]],
        "added": [{k: v for k, v in p.items() if k != "words"} | {"words": len(p["words"])} for p in added[:listed]],
    }
    if translated:
        passages["translated"] = translated
    if furniture:
        passages["furniture_inside"] = dict(furniture)
    return Reproduction(metrics, passages, paragraphs)


def _translation(context: Context, alignment: Alignment) -> dict | None:
    """The languages, when the page declares another language than the source and holds little of its
    words: a translation, which alters every sentence (an adaptation, under CC)."""
    source_language, page_language = context.article.metadata.language, context.page.metadata.language
    if not source_language or not page_language or source_language == page_language:
        return None
    if alignment.coverage >= MIN_TRANSLATED_COVERAGE:
        return None
    return {"source": source_language, "page": page_language}


def check(rule: Rule, context: Context) -> Finding:
    reproduction = measure(context)
    if isinstance(reproduction, str):
        return finding(rule, False, f"Not checked: {reproduction}", context.variables)
    metrics, passages = reproduction.metrics, reproduction.passages
    if rule.params.get("allow-edits"):
        _tolerate(metrics, passages, rule.params["allow-edits"])
    problems = _problems(rule, metrics, passages) + _extent_problems(rule, reproduction)
    located = context.located
    if located is not None and located.container:
        passages["source_region"] = {"element": located.container, "furniture_left_out": dict(located.left_out)}
    details = {"metrics": metrics, "passages": passages}
    if not problems:
        message = (
            f"The article is reproduced: {metrics['coverage']:.0%} of its words, "
            f"{metrics['altered']} altered sentences, {metrics['added_words']} added words"
        )
        note = _furniture_note(located) + _inside_note(passages.get("furniture_inside"))
        return finding(rule, True, message + note, context.variables, **details)
    min_coverage = rule.params.get("min-coverage")
    evidence = _first_evidence(passages, min_coverage is not None and metrics["coverage"] < min_coverage)
    return finding(
        rule, False, "; ".join(problems), context.variables, fix=_fix(passages), evidence=evidence, **details
    )


def _furniture_note(located: Located | None) -> str:
    """What of the source page's furniture around the article the page leaves out, which is no fault."""
    if located is None or not located.left_out:
        return ""
    kinds = ", ".join(f"{kind} ({count})" for kind, count in located.left_out.most_common(MAX_FURNITURE_KINDS))
    return f"; not counted as the article, and not on the page: {kinds}"


def _inside_note(furniture: dict | None) -> str:
    """The page's own furniture inside the article (a related link, a caption), which adds nothing to it."""
    if not furniture:
        return ""
    kinds = ", ".join(f"{kind} ({count})" for kind, count in Counter(furniture).most_common(MAX_FURNITURE_KINDS))
    return f"; the page's own furniture inside the article, not counted as added: {kinds}"


def _tolerate(metrics: dict, passages: dict, kinds: list[str]) -> None:
    """Move altered sentences whose changes are all allowed edits to `tolerated`."""
    kept, tolerated_edits = [], []
    for altered in passages["altered"]:
        (tolerated_edits if tolerated(altered["source"], altered["page"], kinds) else kept).append(altered)
    passages["altered"], passages["tolerated"] = kept, tolerated_edits
    metrics["altered"] -= len(tolerated_edits)
    tolerated_words = {p["text"] for p in passages["added"] if any(p["text"] in t["page"] for t in tolerated_edits)}
    metrics["added_words"] -= sum(p["words"] for p in passages["added"] if p["text"] in tolerated_words)
    passages["added"] = [p for p in passages["added"] if p["text"] not in tolerated_words]


def _reproduced_paragraphs(source: Document, alignment: Alignment) -> list[int]:
    """The source's paragraphs with most of their words on the page, each by its place among the source's
    paragraphs: blocks of MIN_PROSE_WORDS or more. A headline, a dateline or a subhead is no paragraph of
    "the first three paragraphs" an excerpt may take, and a page that leaves one out still opens the article."""
    kept, paragraph = [], 0
    for index in range(len(source.blocks)):
        positions = source.block_words(index)
        if len(positions) < MIN_PROSE_WORDS:
            continue
        on_page = len(positions) - alignment.source_to_page[positions.start : positions.stop].count(-1)
        if on_page / len(positions) >= MIN_KEPT_SHARE:
            kept.append(paragraph)
        paragraph += 1
    return kept


def _extent_problems(rule: Rule, reproduction: Reproduction) -> list[str]:
    """Limits on how much may be taken: an excerpt's coverage, its paragraphs, and that it is the opening."""
    problems = []
    metrics, kept = reproduction.metrics, reproduction.reproduced_paragraphs
    max_coverage = rule.params.get("max-coverage")
    if max_coverage is not None and metrics["coverage"] > max_coverage:
        problems.append(f"{metrics['coverage']:.0%} of the source article is on the page (at most {max_coverage:.0%})")
    max_words = rule.params.get("max-words")
    if max_words is not None and metrics["reproduced_words"] > max_words:
        problems.append(f"{metrics['reproduced_words']} words of the source reproduced (at most {max_words})")
    max_paragraphs = rule.params.get("max-paragraphs")
    if max_paragraphs is not None and len(kept) > max_paragraphs:
        problems.append(f"{_plural(len(kept), 'paragraph')} of the source reproduced (at most {max_paragraphs})")
    if rule.params.get("leading") and kept and kept != list(range(len(kept))):
        skipped = next(i for i in range(len(kept)) if i not in kept) + 1
        problems.append(f"the excerpt must run from the start of the article, but paragraph {skipped} is left out")
    return problems


def source_sentences(source: Document) -> list[tuple[int, int]]:
    """First and last word position of every sentence of the source, in order."""
    starts = source.words.starts
    spans = []
    for block in source.blocks:
        offset = 0
        for sentence in sentences(block.text):
            offset = block.text.find(sentence, offset)
            lo = bisect.bisect_left(starts, block.start + offset)
            hi = bisect.bisect_left(starts, block.start + offset + len(sentence)) - 1
            offset += len(sentence)
            if hi >= lo:
                spans.append((lo, hi))
    return spans


def _verdict(
    alignment: Alignment, from_source: list[bool], first: int, last: int, source: Document, page: Document
) -> SentenceVerdict:
    """How a source sentence fares: how many of its words are kept, and whether anything foreign
    (words the source page does not have) or reordering breaks it up on the page.

    A sentence whose words differ only in where spaces fall ("Arte mis" for "Artemis",
    as inline markup often renders) is kept whole: readers don't call that an edit."""
    kept = [p for p in alignment.source_to_page[first : last + 1] if p >= 0]
    if kept and len(kept) <= last - first and all(_in_heading(page, position) for position in kept):
        kept = []  # the page's headline echoing part of a sentence it leaves out (an excerpt's): no edit of it
    contiguous = (
        (kept and kept == list(range(kept[0], kept[-1] + 1)))
        or all(  # most sentences: word after word
            a < b and 0 not in from_source[a + 1 : b] for a, b in itertools.pairwise(kept)
        )
    )
    replaced = bool(kept) and 0 in from_source[kept[0] + 1 : kept[-1]]
    verdict = SentenceVerdict(first, last, len(kept), contiguous, replaced)
    if verdict.altered and _same_but_spacing(source.words.norms[first : last + 1], page.words.norms, kept):
        return SentenceVerdict(first, last, last - first + 1, True)
    return verdict


def _same_but_spacing(sentence: list[str], page: list[str], kept: list[int]) -> bool:
    slack = len(sentence) - len(kept) + 2
    around = "".join(page[max(0, min(kept) - slack) : max(kept) + slack + 1])
    return "".join(sentence) in around


def _article_span(runs: list[Run]) -> tuple[int, int] | None:
    """First and last page word of the article: the main clusters of aligned runs."""
    runs = sorted(runs, key=lambda run: run.page)
    if not runs:
        return None
    clusters = [[runs[0]]]
    for run in runs[1:]:
        previous = clusters[-1][-1]
        if run.page - (previous.page + previous.length) > SPAN_GAP_WORDS:
            clusters.append([])
        clusters[-1].append(run)
    total = sum(run.length for run in runs)
    kept = [c for c in clusters if sum(r.length for r in c) >= min(30, 0.1 * total)] or clusters
    return kept[0][0].page, max(run.page + run.length for run in kept[-1]) - 1


def _body_runs(context: Context, alignment: Alignment) -> list[Run]:
    """Runs that place the article on the page: the article's own, and the prose-length parts of the
    whole source page's runs (the article as extracted may miss some of it; a shared menu or footer
    line is not the article), headings apart on either side: a headline is not the body."""
    whole = context.whole_source_alignment
    if whole is None:
        return alignment.runs
    page, origin = context.page, context.source.origin
    aligned = [(whole, origin)]
    if hidden := context.hidden_source_alignment:  # the rest of a story the source collapses is the story too
        aligned.append((hidden, origin.hidden_document))
    parts = [
        part
        for source_alignment, source_page in aligned
        for run in source_alignment.runs
        if run.length >= MIN_PROSE_RUN
        for part in _outside_headings(run, page, source_page)
    ]
    return alignment.runs + parts


def _outside_headings(run: Run, page: Document, origin: Document) -> list[Run]:
    """The stretches of a run of the source page (`origin`: the whole page, or the text it hides) that are
    neither in a heading of the page nor in one of the source page, MIN_PROSE_RUN words or longer. A source
    page shows its name just before its headline, and a page may credit that name just above the same
    headline: one run then crosses from the credit into the headline, and the credit's few words outside
    it are not the article."""
    cuts = sorted({*_block_starts(page, run.page, run.length), *_block_starts(origin, run.src, run.length)})
    stretches: list[list[int]] = []  # [first, end) offsets into the run
    for low, high in itertools.pairwise(cuts):
        if _in_heading(page, run.page + low) or _in_heading(origin, run.src + low):
            continue
        if stretches and stretches[-1][1] == low:
            stretches[-1][1] = high
        else:
            stretches.append([low, high])
    return [Run(run.src + low, run.page + low, high - low) for low, high in stretches if high - low >= MIN_PROSE_RUN]


def _block_starts(document: Document, first: int, length: int) -> list[int]:
    """0, `length`, and the offsets from word `first` at which a block of `document` starts within those words."""
    blocks = document.word_blocks
    inside = range(blocks[first] + 1, blocks[first + length - 1] + 1)
    return [0, length, *(document.block_words(block).start - first for block in inside)]


def _in_heading(document: Document, word: int) -> bool:
    return bool(document.blocks[document.word_blocks[word]].heading)


def _added_passages(context: Context, alignment: Alignment) -> tuple[list[dict], Counter]:
    span = _article_span(_body_runs(context, alignment))
    if span is None:
        return [], Counter()
    claimed = set()
    for earlier in context.earlier:
        for claim in earlier.claims:
            claimed.update(claim)
    page = context.page
    passages: list[dict] = []
    for position in range(span[0], span[1] + 1):
        if context.from_source[position] or position in claimed or _opens_a_numbered_line(page, position):
            continue
        block = page.word_blocks[position]
        if passages and passages[-1]["words"][-1] == position - 1 and passages[-1]["block"] == block:
            passages[-1]["words"].append(position)
        else:
            passages.append({"block": block, "words": [position]})
    added, furniture = _furniture_apart(context, span, passages)
    return [_describe_added(page, p) for p in added], furniture


def _opens_a_numbered_line(page: Document, position: int) -> bool:
    """Whether page word `position` is a list's number opening a line ("4. " after a `<br>`): the source may
    number the same list at the start of its paragraphs, where the number is no word of the text."""
    start = page.words.starts[position]
    return start > 0 and page.text[start - 1] == "\n" and LIST_MARKER.match(page.text, start) is not None


def _furniture_apart(context: Context, span: tuple[int, int], passages: list[dict]) -> tuple[list[dict], Counter]:
    """The passages added to the article, and how many blocks of the page's own furniture (a related link, a
    caption, an ad label) hold the others: a block holding no run of the source's words, told by PageFurniture."""
    if not passages:
        return passages, Counter()
    page, from_source = context.page, context.from_source
    ends = [page.word_blocks[span[0]], page.word_blocks[span[1]]]
    furniture = PageFurniture(page, common_steps([page.blocks[index].path for index in ends]))
    kinds: dict[int, str | None] = {}
    added, apart = [], Counter()
    for passage in passages:
        block = passage["block"]
        if block not in kinds:
            words = page.block_words(block)
            holds_source = from_source[words.start : words.stop].count(1) >= MIN_RUN  # a run, not a word spilt over
            kinds[block] = None if holds_source else furniture.kind(block)
            if kinds[block]:
                apart[kinds[block]] += 1
        if not kinds[block]:
            added.append(passage)
    return added, apart


def _describe_added(page: Document, passage: dict) -> dict:
    block = page.blocks[passage["block"]]
    described = {"text": page.quote(passage["words"][0], passage["words"][-1]), "words": passage["words"]}
    if block.line is not None:
        described["line"] = block.line
    if block.path:
        described["path"] = block.path
    return described


def _omitted_passages(
    source: Document, page: Document, alignment: Alignment, verdicts: list[SentenceVerdict], listed: int | None
) -> list[dict]:
    passages: list[dict] = []
    previous_last = None
    for verdict in verdicts:
        if not verdict.omitted:
            continue
        if passages and previous_last == verdict.first - 1:
            passages[-1]["last"] = verdict.last
        else:
            passages.append({"first": verdict.first, "last": verdict.last})
        previous_last = verdict.last
    described = []
    for passage in passages[:listed]:
        block = source.blocks[source.word_blocks[passage["first"]]]
        item = {
            "text": source.quote(passage["first"], passage["last"]),
            "words": passage["last"] - passage["first"] + 1,
        }
        if block.line is not None:
            item["source_line"] = block.line
        described.append(item | _place_on_page(page, alignment, passage["first"], passage["last"]))
    return described


def _place_on_page(page: Document, alignment: Alignment, first: int, last: int) -> dict:
    """Where an omitted passage (source words `first` to `last`) belongs on the page: `after` the page's
    words aligned with the source's just before it, or, opening the article, `before` those just after it;
    `at_end` when the page has nothing of the article after it (it stops short: the article is cut)."""
    to_page = alignment.source_to_page
    after = next((to_page[i] for i in range(last + 1, len(to_page)) if to_page[i] >= 0), None)
    before = next((to_page[i] for i in range(first - 1, -1, -1) if to_page[i] >= 0), None)
    place: dict = {"at_end": after is None} if before is not None else {}
    if before is not None:
        place["after"] = _page_place(page, before, closing=True)
    elif after is not None:
        place["before"] = _page_place(page, after, closing=False)
    return place


def _page_place(page: Document, word: int, closing: bool) -> dict:
    """A page word's place: its block's line and CSS path, and the words there (ending or starting at it)."""
    block_index = page.word_blocks[word]
    block = page.blocks[block_index]
    words = page.block_words(block_index)
    around = range(max(words.start, word - 5), word + 1) if closing else range(word, min(words.stop, word + 6))
    place = {"text": page.quote(around.start, around.stop - 1)}
    if block.line is not None:
        place["line"] = block.line
    if block.path:
        place["path"] = block.path
    return place


def _mark_hidden(omitted: list[dict], page: Document) -> list[dict]:
    """Omitted passages that are on the page but hidden (a collapsed "read more", a comment) say so."""
    if not page.hidden or not omitted:  # most pages omit nothing: their hidden texts need no reading
        return omitted
    hidden = [(word_string(h.text), h) for h in page.hidden]
    for passage in omitted:
        wanted = word_string(passage["text"])
        if found := next((h for text, h in hidden if wanted and wanted in text), None):
            passage["hidden_by"] = found.why
            if found.line is not None:
                passage["line"] = found.line
    return omitted


def _replacing_words_end(page: Document, alignment: Alignment, kept: int, step: int) -> int:
    """Where the page's words in place of a sentence's last (`step` 1) or first (-1) words end: those past the
    last (or before the first) word it kept that the source does not have, in its block and sentence, at most
    MAX_REPLACING_WORDS ("to the [-council-] {+mayor+}", where the kept words alone read "to the [-council-]")."""
    block = page.word_blocks[kept]
    for _ in range(MAX_REPLACING_WORDS):
        word = kept + step
        if not 0 <= word < len(page.words) or alignment.page_aligned[word] or page.word_blocks[word] != block:
            break
        first, last = sorted((kept, word))
        if _SENTENCE_BREAK.search(page.text, page.words.ends[first], page.words.starts[last]):
            break
        kept = word
    return kept


def _altered_passage(source: Document, page: Document, alignment: Alignment, verdict: SentenceVerdict) -> dict:
    original = source.quote(verdict.first, verdict.last)
    mapped = [p for p in alignment.source_to_page[verdict.first : verdict.last + 1] if p >= 0]
    lo, hi = min(mapped), max(mapped)
    if alignment.source_to_page[verdict.first] < 0:
        lo = _replacing_words_end(page, alignment, lo, -1)
    if alignment.source_to_page[verdict.last] < 0:
        hi = _replacing_words_end(page, alignment, hi, 1)
    reproduced = page.quote(lo, hi)
    block = page.blocks[page.word_blocks[lo]]
    item = {"source": original, "page": reproduced, "diff": word_diff(original, reproduced)}
    if block.line is not None:
        item["line"] = block.line
    if block.path:
        item["path"] = block.path
    return item


def _problems(rule: Rule, metrics: dict, passages: dict) -> list[str]:
    problems = []
    min_coverage = rule.params.get("min-coverage")
    if min_coverage is not None and metrics["coverage"] < min_coverage:
        problems.append(_too_little(metrics["coverage"], min_coverage, passages["omitted"]))
    max_altered = rule.params.get("max-altered")
    if max_altered is not None and metrics["altered"] > max_altered and "translated" in passages:
        languages = passages["translated"]
        problems.append(
            f"The page is in another language ({languages['page']}) than the source ({languages['source']}): "
            f"a translation alters every sentence ({metrics['altered']}; at most {max_altered})"
        )
    elif max_altered is not None and metrics["altered"] > max_altered:
        first = passages["altered"][0]
        where = f" at line {first['line']}" if "line" in first else ""
        problems.append(
            f"{_plural(metrics['altered'], 'sentence')} altered (at most {max_altered}); first{where}: {first['diff']}"
        )
    max_added = rule.params.get("max-added-words")
    if max_added is not None and metrics["added_words"] > max_added:
        first = max(passages["added"], key=lambda p: p["words"])
        where = f" at line {first['line']}" if "line" in first else ""
        problems.append(
            f"{metrics['added_words']} words added inside the article (at most {max_added}); "
            f"the longest{where}: {quote(first['text'], 100)}"
        )
    return problems


def _too_little(coverage: float, min_coverage: float, omitted: list[dict]) -> str:
    """Says how much of the article is missing, and where the first passage left out belongs; a page that
    stops short (nothing of the article after its first omitted passage) is said to be cut."""
    figures = f"Only {coverage:.0%} of the source article is on the page (needs {min_coverage:.0%}"
    if not omitted:
        return figures + ")"
    first = omitted[0]
    if first.get("at_end") and "hidden_by" not in first:
        return (
            f"{figures}): the page stops short after {quote(first['after']['text'], 60)}; "
            f"the article's last {first['words']} words are missing, from {quote(first['text'], 100)}"
        )
    if "hidden_by" in first:  # it is on the page already: where it goes is where it is
        where = f" at line {first['line']}" if "line" in first else ""
        hidden = f", on the page{where} but hidden by {first['hidden_by']}"
        detail = f"; first omitted passage: {quote(first['text'], 100)}{hidden}"
    else:
        detail = f"; first omitted passage{_where(first)}: {quote(first['text'], 100)}"
    return f"{figures}, {_plural(len(omitted), 'passage')} omitted{detail})"


def _where(passage: dict) -> str:
    """Where an omitted passage goes back on the page, by line: " (after line 12)"."""
    for side in ("after", "before"):
        if "line" in passage.get(side, {}):
            return f" ({side} line {passage[side]['line']})"
    return ""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _first_evidence(passages: dict, too_little: bool) -> dict | None:
    """Where on the page to look: the first altered or added passage, else, when the page has `too_little`
    of the article, where the first omitted one goes (for a page that stops short, where it stops)."""
    for kind in ("altered", "added"):
        if passages[kind]:
            item = passages[kind][0]
            evidence = {"text": item.get("page", item.get("text"))}
            evidence.update({k: item[k] for k in ("line", "path") if k in item})
            return evidence
    if too_little and passages["omitted"]:
        return passages["omitted"][0].get("after") or passages["omitted"][0].get("before")
    return None


def _fix(passages: dict) -> str:
    fixes = []
    if passages["altered"]:
        fixes.append("Restore the original wording: " + " | ".join(p["diff"] for p in passages["altered"][:3]))
    if passages["omitted"]:
        fixes.append(
            "Restore the omitted passages: "
            + " | ".join(quote(p["text"], 80) + _where(p) for p in passages["omitted"][:3])
        )
    inside_altered = {p["text"] for p in passages["added"] if any(p["text"] in a["page"] for a in passages["altered"])}
    added = [p for p in passages["added"] if p["text"] not in inside_altered]
    if added:
        fixes.append(
            "Remove the added text or move it outside the article: "
            + " | ".join(quote(p["text"], 80) for p in added[:3])
        )
    return "\n".join(fixes)


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    limits = []
    if params.get("min-coverage") is not None:
        limits.append(f"at least {params['min-coverage']:.0%} of its words")
    if params.get("max-coverage") is not None:
        limits.append(f"at most {params['max-coverage']:.0%} of its words")
    if params.get("max-words") is not None:
        limits.append(f"at most {params['max-words']} of its words")
    if params.get("max-paragraphs") is not None:
        limits.append(f"at most {params['max-paragraphs']} paragraphs")
    if params.get("leading"):
        limits.append("from its start")
    if params.get("max-altered") is not None:
        limits.append(f"at most {params['max-altered']} altered sentences")
    if params.get("allow-edits"):
        limits.append(f"edits to {', '.join(params['allow-edits'])} allowed")
    if params.get("max-added-words") is not None:
        limits.append(f"at most {params['max-added-words']} words added inside it")
    return "Reproduce the article: " + (", ".join(limits) or "as it is") + "."

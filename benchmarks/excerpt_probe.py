#!/usr/bin/env python3
"""How the excerpt and fair-use packs hold up on real articles: the opening paragraphs, and a quote.

    python benchmarks/excerpt_probe.py [--text] [CORPUS ...]   # default ../shared/corpus ../shared/corpus-wild

The corpora republish whole articles; two built-in packs allow less: `excerpt-only`
(the first three paragraphs, credited and linked) and `fair-use-quote` (a limited
share, credited and linked, in a page mostly of its own words). For each source
of the corpora whose labelled article opens with a paragraph and has six or more
(of ten words or more), this republishes on a blog layout, with a credit line
linking the article, and checks against the real source page (with --text, the
labelled text):

- excerpt-only: the first three paragraphs (with any short lines among them:
  must pass); the first five, three from the second on, the first three with a
  word changed (must fail);
- fair-use-quote: one paragraph of under 55 words and 18% of the article, quoted
  in six paragraphs of the page's own (must pass); most of the article quoted
  under one paragraph of comment (must fail). The page's own words are prose
  from the other sources.

Prints, for each, how many pages were judged as made, and each judged otherwise.
"""

from __future__ import annotations

import html
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import chosen, print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)
from site_probe import cases, ghost  # noqa: E402

import compliance  # noqa: E402
from compliance.alignment.furniture import MIN_PROSE_WORDS  # noqa: E402

MIN_PARAGRAPH_WORDS = MIN_PROSE_WORDS  # a labelled line this long is a paragraph, for the packs as for this probe
MAX_QUOTE_WORDS, MAX_QUOTE_SHARE = 55, 0.18  # a quote the fair-use pack allows (max-run 60, max-share 0.2)


def pages(paragraphs: list[str], own: list[str]) -> dict[tuple[str, str, bool], str]:
    """(pack, what the page does, whether it keeps the pack's terms) -> the page's article markup."""
    long = [index for index, paragraph in enumerate(paragraphs) if len(paragraph.split()) >= MIN_PARAGRAPH_WORDS]
    first_three = paragraphs[: long[3]]
    made = {
        ("excerpt-only", "the first three paragraphs", True): first_three,
        ("excerpt-only", "the first five paragraphs", False): paragraphs[: long[5]],
        ("excerpt-only", "three from the second on", False): paragraphs[long[1] : long[4]],
    }
    if " the " in first_three[-1]:
        changed = [*first_three[:-1], first_three[-1].replace(" the ", " a ", 1)]
        made[("excerpt-only", "the first three, a word changed", False)] = changed
    markup = {key: "".join(f"<p>{html.escape(p)}</p>" for p in kept) for key, kept in made.items()}
    quote, words = paragraphs[long[1]], sum(len(paragraph.split()) for paragraph in paragraphs)
    commentary = ["".join(f"<p>{html.escape(text)}</p>" for text in part) for part in (own[:3], own[3:6])]
    if len(quote.split()) <= MAX_QUOTE_WORDS and len(quote.split()) <= MAX_QUOTE_SHARE * words:
        quoted = f"<blockquote><p>{html.escape(quote)}</p></blockquote>"
        markup[("fair-use-quote", "a paragraph quoted in commentary", True)] = quoted.join(commentary)
    most = "".join(f"<blockquote><p>{html.escape(p)}</p></blockquote>" for p in paragraphs[: long[-1]])
    markup[("fair-use-quote", "most of the article, a line of comment", False)] = f"<p>{html.escape(own[0])}</p>{most}"
    return markup


def main() -> int:
    labelled = "--text" in sys.argv
    judged, wrong = Counter(), []
    found = cases(chosen(sys.argv[1:]))
    texts = [text.read_text() for _, text, _, _ in found]
    packs = {name: compliance.load_policy(name) for name in ("excerpt-only", "fair-use-quote")}
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        for number, (_, text, variables, source_page) in enumerate(found):
            paragraphs = [p for p in texts[number].split("\n") if p.strip()]
            long = [p for p in paragraphs if len(p.split()) >= MIN_PARAGRAPH_WORDS]
            if len(long) < 6 or long[0] != paragraphs[0]:
                continue
            source = compliance.read_source(str(text if labelled else source_page))
            own = [" ".join(other.split()[:60]) for other in texts[number + 1 :] + texts[:number]][:6]
            name, url = html.escape(variables["source.publisher"]), html.escape(variables["source.url"])
            credit = f'Read the full story at <a href="{url}">{name}</a>.'
            for (pack, made, keeps), markup in pages(paragraphs, own).items():
                page.write_text(ghost(html.escape(variables["source.title"]), markup, credit, ""))
                result = compliance.check_page(compliance.read_document(str(page)), packs[pack], source, variables)
                failed = [finding for finding in result.findings if not finding.passed]
                judged[(f"{pack}: {made}", (not failed) == keeps)] += 1
                if (not failed) != keeps:
                    said = "; ".join(f"{f.rule}: {f.message[:120]}" for f in failed) or "every rule passed"
                    wrong.append(f"  {text.stem}, {made}: {said}")
    against = "labelled article texts" if labelled else "real source pages"
    print(f"excerpts and quotes of the corpora's articles, checked against their {against}:")
    print_judged(judged, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How the body check holds up on every real source page, beyond the corpora's own defects.

    python benchmarks/edit_probe.py [--text] [CORPUS ...]     # default ../shared/corpus ../shared/corpus-wild

For each real source page of the corpora (checked as a real page: the article is
found in it), pages are made from its labelled article text: the whole of it (must
pass), cut at 30%, 50% and 70% of its words (must fail), its longest middle
paragraph left out when that is over 8% of the words, one word changed in a
middle paragraph, and a paragraph of the republisher's inserted before it (each
must fail). The corpora test one cut and one edit a source; this tries several,
so an extraction that only fits those shows. With --text, each page is checked
against the labelled article text instead (no extraction: the alignment and the
verdicts alone). Prints the counts and each page judged wrongly.
"""

from __future__ import annotations

import html
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import chosen  # noqa: E402  (benchmarks/corpora.py, beside this script)

from compliance.engine import Checker, Job  # noqa: E402

# the built-in syndication packs' terms (rules/fair-use-notice.yaml, cc-by-nd-4.0.yaml)
POLICY = "policy: body\nrules:\n  body: {check: body, min-coverage: 0.95, max-altered: 0, max-added-words: 12}\n"
INSERTED = (  # more words than the packs allow: the republisher's own paragraph inside the article
    "Our editors add that the council never answered our questions about any of this, and that the "
    "figures quoted here could not be checked against the minutes before we went to press."
)
CUTS = (0.3, 0.5, 0.7)


def sources(corpora: list[Path], labelled: bool) -> list[tuple[Path, list[str]]]:
    """Each real source page once (or its labelled text), with its labelled article's paragraphs."""
    found: dict[Path, list[str]] = {}
    for corpus in corpora:
        for line in (corpus / "cases.jsonl").read_text().splitlines():
            case = json.loads(line)
            if not case.get("source_html"):
                continue
            source = corpus / case["source_text" if labelled else "source_html"]
            if source not in found:
                text = (corpus / case["source_text"]).read_text()
                found[source] = [p for p in text.split("\n\n") if p.strip()]
    return list(found.items())


def variants(paragraphs: list[str]) -> list[tuple[str, list[str], bool]]:
    """(what was done, the page's paragraphs, whether the body must pass)."""
    words = sum(len(p.split()) for p in paragraphs)
    made = [("whole", paragraphs, True)]
    for share in CUTS:
        budget, kept = int(words * share), []
        for paragraph in paragraphs:
            if budget <= 0:
                break
            kept.append(" ".join(paragraph.split()[:budget]))
            budget -= len(paragraph.split())
        made.append((f"cut at {share:.0%}", kept, False))
    middle = [(len(p.split()), i) for i, p in enumerate(paragraphs) if 0 < i < len(paragraphs) - 1]
    if middle and max(middle)[0] > 0.08 * words:
        i = max(middle)[1]
        made.append(("longest middle paragraph left out", paragraphs[:i] + paragraphs[i + 1 :], False))
    long = [i for i, p in enumerate(paragraphs) if len(p.split()) >= 25]
    if long:
        i = long[len(long) // 2]
        changed = paragraphs[i].split()
        changed[len(changed) // 2] = "quietly" if changed[len(changed) // 2].lower() != "quietly" else "loudly"
        made.append(("one word changed", [*paragraphs[:i], " ".join(changed), *paragraphs[i + 1 :]], False))
        if i > 0:  # before the first paragraph it is the site's own note, not the article's
            made.append(("a paragraph inserted", [*paragraphs[:i], INSERTED, *paragraphs[i:]], False))
    return made


def main() -> int:
    labelled = "--text" in sys.argv
    corpora = chosen(sys.argv[1:])
    checker, wrong, tried = Checker(), [], {}
    with tempfile.TemporaryDirectory() as tmp:
        policy = Path(tmp) / "body.yaml"
        policy.write_text(POLICY)
        for number, (source, paragraphs) in enumerate(sources(corpora, labelled)):
            for what, kept, passes in variants(paragraphs):
                page = Path(tmp) / f"page-{number}.html"
                body = "".join(f"<p>{html.escape(p)}</p>" for p in kept)
                page.write_text(f"<html><body><article>{body}</article><p>Republished here.</p></body></html>")
                finding = checker.check(Job(str(page), str(policy), str(source), {})).findings[0]
                kind = "whole" if passes else what.split(" at ")[0]
                tried[kind] = tried.get(kind, 0) + 1
                if finding.passed != passes:
                    wrong.append(f"  {source.name}, {what}: {finding.message[:110]}")
    what = "labelled article texts" if labelled else "real source pages"
    print(f"{len(sources(corpora, labelled))} {what}; pages judged right by what was done to them:")
    for kind, count in tried.items():
        misses = sum(1 for line in wrong if f", {kind}" in line)
        print(f"  {kind:36} {count - misses:4} of {count}")
    print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""How well the checker finds the article in a real source page, beside trafilatura, in one run.

    python benchmarks/extraction.py [CORPUS ...]    # default: ../shared/corpus and ../shared/corpus-wild

For every real source page of a corpus (`sources/KEY.html`, labelled with its
article text `sources/KEY.txt`), it compares three extractions with the label,
as bags of folded words (token precision, recall and F1, averaged over pages):

- `located`: the article as the checker judges it, located by a compliant
  republished page of the corpus (`pages/KEY-ok-basic.*`): what `check --source`
  compares a page against;
- `guess`: the checker's extraction from the source page alone, its fallback for
  pages that share no text with the source;
- `trafilatura`: trafilatura's main-text extraction (`pip install trafilatura
  lxml_html_clean`), when it is installed.

It also prints the pages a second each one reads, and the pages where the
located article is furthest from the label.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compliance import read_document, read_source  # noqa: E402
from compliance.alignment.context import Context  # noqa: E402
from compliance.reading.textfold import words  # noqa: E402

try:
    import trafilatura
except ImportError:  # the comparison is optional; the checker's own figures stand alone
    trafilatura = None


def main() -> int:
    corpora = [Path(arg) for arg in sys.argv[1:]] or [
        path for path in (ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-wild") if path.is_dir()
    ]
    if not corpora:
        print("no corpus given, and none at ../shared", file=sys.stderr)
        return 2
    if trafilatura is None:
        print("trafilatura is not installed: pip install trafilatura lxml_html_clean (its column is left out)")
    for corpus in corpora:
        report(corpus)
    return 0


def report(corpus: Path) -> None:
    sources = compliant_pages(corpus)
    scores: dict[str, list[tuple[float, float]]] = {"located": [], "guess": [], "trafilatura": []}
    seconds: Counter = Counter()
    worst = []
    for key, (source, page) in sorted(sources.items()):
        truth = Counter(words((corpus / "sources" / f"{key}.txt").read_text(encoding="utf-8")).norms)
        started = time.perf_counter()
        guess = read_source(str(source))
        seconds["guess"] += time.perf_counter() - started
        started = time.perf_counter()
        located = Context(read_document(str(page)), guess, {}).article
        seconds["located"] += time.perf_counter() - started
        scores["guess"].append(overlap(Counter(guess.words.norms), truth))
        scores["located"].append(overlap(Counter(located.words.norms), truth))
        worst.append((f1(*scores["located"][-1]), key))
        if trafilatura is not None:
            started = time.perf_counter()
            extracted = trafilatura.extract(source.read_text(encoding="utf-8", errors="replace")) or ""
            seconds["trafilatura"] += time.perf_counter() - started
            scores["trafilatura"].append(overlap(Counter(words(extracted).norms), truth))
    print(f"\n{corpus}: {len(sources)} real source pages (token precision / recall / F1 against the labelled article)")
    print(f"  {'extraction':12s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'F1 < 0.9':>9s} {'pages/s':>8s}")
    for name, rows in scores.items():
        if not rows:
            continue
        precision = sum(p for p, _ in rows) / len(rows)
        recall = sum(r for _, r in rows) / len(rows)
        mean_f1 = sum(f1(p, r) for p, r in rows) / len(rows)
        poor = sum(f1(p, r) < 0.9 for p, r in rows)
        rate = len(rows) / seconds[name] if seconds[name] else float("inf")
        print(f"  {name:12s} {precision:9.3f} {recall:7.3f} {mean_f1:6.3f} {poor:9d} {rate:8.0f}")
    print("  located, furthest from the label: " + ", ".join(f"{key} {score:.2f}" for score, key in sorted(worst)[:5]))
    print("  (located pages/s includes reading the republished page and aligning it with the source)")


def compliant_pages(corpus: Path) -> dict[str, tuple[Path, Path]]:
    """For each source key, its real page and a compliant republished page (`ok-basic`)."""
    found = {}
    for line in (corpus / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case.get("defect") == "ok-basic" and case.get("source_html"):
            key = Path(case["source_html"]).stem
            found[key] = (corpus / case["source_html"], corpus / case["page"])
    return found


def overlap(found: Counter, truth: Counter) -> tuple[float, float]:
    """(precision, recall) of the words found against the label's, as bags of words."""
    shared = sum((found & truth).values())
    return shared / max(1, sum(found.values())), shared / max(1, sum(truth.values()))


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The source index: how well it finds originals on the shared corpora, and how it grows.

    python benchmarks/find_source.py [--sizes 1000,10000,100000]

With the shared corpora beside the checkout: every real source page of both is
indexed; each republished page is looked up (its own source must come first),
each source page too (it must find itself), and each source page against the
index without its own article (it must find nothing: another article's
candidates are scored on their own, so leaving one out is filtering it out).
Then indexes of synthetic articles (300 words drawn from a 20,000-word
vocabulary) of each size: build time, size on disk, and the median of 200
queries with a page that republishes one of them, and the time to index an article
again with new text (`index add`).
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compliance.fetch import Fetcher  # noqa: E402
from compliance.index import SourceIndex, index_sources  # noqa: E402
from compliance.reading import read_document  # noqa: E402
from compliance.reading.document import Document  # noqa: E402

SHARED = ROOT.parent / "shared"


def corpora(folder: Path) -> None:
    cases = []
    for corpus in (SHARED / "corpus", SHARED / "corpus-wild"):
        if (corpus / "cases.jsonl").exists():
            lines = (corpus / "cases.jsonl").read_text().splitlines()
            cases += [{**json.loads(line), "root": corpus} for line in lines]
    cases = [case for case in cases if case.get("source_html")]
    if not cases:
        print("the shared corpora are not beside the checkout: corpus figures skipped\n")
        return
    index = SourceIndex(folder / "corpora.sqlite")
    sources = sorted({str(case["root"] / case["source_html"]) for case in cases})
    index_sources(index, sources, Fetcher())
    first = wrong = missing = as_copy = 0
    start = time.perf_counter()
    pages = [case for case in cases if case["kind"] == "syndication"]
    for case in pages:
        found = index.candidates(read_document(str(case["root"] / case["page"])))
        own = str(case["root"] / case["source_html"])
        first += bool(found) and own in _locations(found[0])
        as_copy += bool(found) and own in found[0].copies
        wrong += bool(found) and own not in _locations(found[0])
        missing += not found
    seconds = (time.perf_counter() - start) / len(pages)
    itself = sum(1 for s in sources if (found := index.candidates(read_document(s))) and s in _locations(found[0]))
    false = [s for s in sources if any(s not in _locations(c) for c in index.candidates(read_document(s)))]
    print(f"shared corpora: {len(sources)} real source pages indexed, {len(pages)} republished pages looked up")
    print(f"  own source first: {first} ({first / len(pages):.1%}); another first: {wrong}; none found: {missing}")
    print(f"    of them, found as another saved copy of the same URL listed with the first: {as_copy}")
    print(f"  source pages finding themselves: {itself} of {len(sources)}")
    print(f"  source pages matching another article when their own is left out: {len(false)}: {false}")
    print(f"  {seconds * 1000:.1f} ms a page (reading it included)\n")


def _locations(candidate) -> tuple[str, ...]:
    """Where a candidate is indexed: its location and its copies (the same URL saved again)."""
    return candidate.location, *candidate.copies


def synthetic(folder: Path, sizes: list[int]) -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(20_000)]
    for size in sizes:
        path = folder / f"synthetic-{size}.sqlite"
        index = SourceIndex(path)
        articles = []
        start = time.perf_counter()
        for number in range(size):
            text = " ".join(rng.choices(vocabulary, k=300))
            if number < 200:
                articles.append(text)
            index.add(f"article-{number}", Document.from_blocks(f"article-{number}", "text", [(text, 1, "")]))
        built = time.perf_counter() - start
        timings = []
        for number, text in enumerate(articles):
            page = Document.from_blocks("page", "text", [("Republished from elsewhere. " + text, 1, "")])
            start = time.perf_counter()
            found = index.candidates(page)
            timings.append(time.perf_counter() - start)
            assert found and found[0].location == f"article-{number}"
        start = time.perf_counter()
        for number in range(20):  # `index add` of an article rewritten: its old shingles go, the new ones in
            text = " ".join(rng.choices(vocabulary, k=300))
            index.add(f"article-{number}", Document.from_blocks(f"article-{number}", "text", [(text, 1, "")]))
        updated = (time.perf_counter() - start) / 20
        index.close()
        megabytes = path.stat().st_size / 2**20
        print(
            f"{size:>7,} articles: built in {built:6.1f} s ({size / built:,.0f} a second), {megabytes:7.1f} MB, "
            f"query median {statistics.median(timings) * 1000:.1f} ms, slowest {max(timings) * 1000:.1f} ms, "
            f"an article indexed again {updated * 1000:.1f} ms"
        )


def main() -> int:
    sizes = [1000, 10_000, 100_000]
    if "--sizes" in sys.argv:
        sizes = [int(size) for size in sys.argv[sys.argv.index("--sizes") + 1].split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        corpora(Path(tmp))
        synthetic(Path(tmp), sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())

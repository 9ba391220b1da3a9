"""The shared corpora a benchmark reads (those named on its command line, else both beside the checkout),
and how a probe of them prints what it judged."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def chosen(arguments: list[str]) -> list[Path]:
    """The corpora named among `arguments` (options such as `--text` left out), else ../shared/corpus and
    ../shared/corpus-wild; only those that are there (each holds a cases.jsonl). With none, the benchmark
    says so and ends: it has nothing to measure."""
    named = [Path(argument) for argument in arguments if not argument.startswith("--")]
    corpora = [corpus for corpus in named or [SHARED / "corpus", SHARED / "corpus-wild"] if _holds_cases(corpus)]
    if not corpora:
        print("the shared corpora are not beside the checkout: nothing to probe")
        raise SystemExit(0)
    return corpora


def _holds_cases(corpus: Path) -> bool:
    return (corpus / "cases.jsonl").exists()


def print_judged(judged: Counter, wrong: list[str]) -> None:
    """A probe's figures: for each way of making a page (in the order first judged), how many of its pages
    were judged as made, out of how many; then each page judged otherwise. `judged` counts (way, right?)."""
    for way in dict.fromkeys(way for way, _ in judged):
        right = judged[(way, True)]
        print(f"  {way:44} {right:5} of {right + judged[(way, False)]}")
    print("\n".join(wrong))

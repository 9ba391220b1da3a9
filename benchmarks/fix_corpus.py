#!/usr/bin/env python3
"""`compliance fix` on the shared corpora: every page whose one defect is in a rule with a safe fix.

    python benchmarks/fix_corpus.py [CORPUS ...]     # default ../shared/corpus ../shared/corpus-wild

For each republished page whose expected verdicts fail exactly one of attribution,
source-link, copyright and disclaimer, a copy is fixed (the corpus is never
written), then checked: the fixed rule must pass, every other rule's verdict
must be what it was, and a second fix must change nothing. Then the same with
--unsafe-fixes for the pages whose one defect is an altered or omitted body.
Prints how many pages meet each condition, the median and largest number of
changed lines, and the pages that do not, with why.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compliance.engine import Checker, Job  # noqa: E402
from compliance.fix import fix_page, write_fixed  # noqa: E402
from compliance.fix.edits import changed_lines  # noqa: E402

FIXABLE = {"attribution", "source-link", "copyright", "disclaimer"}
UNSAFE_DEFECTS = ("body-altered", "body-omitted")


def cases(corpus: Path, unsafe: bool) -> list[dict]:
    """The pages whose one expected failure is a rule with a safe fix (or, `unsafe`, an altered or omitted body)."""
    found = []
    for line in (corpus / "cases.jsonl").read_text().splitlines():
        case = json.loads(line)
        failing = {rule for rule, verdict in case.get("expect", {}).items() if verdict == "fail"}
        if case["kind"] != "syndication" or len(failing) != 1:
            continue
        if (case["defect"] in UNSAFE_DEFECTS) if unsafe else failing <= FIXABLE:
            found.append({**case, "corpus": corpus, "rule": failing.pop()})
    return found


def verdicts(result) -> dict[str, bool]:
    return {finding.rule: not finding.fails for finding in result.findings}


def run(case: dict, checker: Checker, folder: Path, unsafe: bool) -> tuple[str | None, int]:
    """Why the page's fix falls short (None when it does not), and the lines it changed."""
    page = folder / Path(case["page"]).name
    shutil.copyfile(case["corpus"] / case["page"], page)
    job = Job(str(page), str(case["corpus"] / case["policy"]), str(case["corpus"] / case["source_text"]), case["vars"])
    before = verdicts(checker.check(job))
    outcome = fix_page(checker, job, unsafe)
    if outcome.changed:
        write_fixed(outcome, str(page))
    after = verdicts(checker.check(job))
    lines = changed_lines(outcome.before, outcome.after)
    if not after.get(case["rule"]):
        return f"{case['rule']} still fails ({'; '.join(outcome.problems) or 'no fix made'})", lines
    others = {rule: (was, after[rule]) for rule, was in before.items() if rule != case["rule"] and was != after[rule]}
    if others:
        return f"other verdicts changed: {others}", lines
    if fix_page(checker, job, unsafe).changed:
        return "a second fix changed the page again", lines
    return None, lines


def main() -> int:
    shared = ROOT.parent / "shared"
    corpora = [Path(arg) for arg in sys.argv[1:]] or [shared / "corpus", shared / "corpus-wild"]
    checker = Checker()
    for corpus, unsafe in [(corpus, unsafe) for unsafe in (False, True) for corpus in corpora]:
        if not (corpus / "cases.jsonl").exists():
            print(f"{corpus}: no cases.jsonl; skipped")
            continue
        chosen = cases(corpus, unsafe)
        problems, lines = [], []
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            for case in chosen:
                problem, changed = run(case, checker, Path(tmp), unsafe)
                lines.append(changed)
                if problem:
                    problems.append(f"  {case['id']}: {problem}")
        seconds = time.perf_counter() - start
        fixed = len(chosen) - len(problems)
        what = " and ".join(UNSAFE_DEFECTS) + " (--unsafe-fixes)" if unsafe else ", ".join(sorted(FIXABLE))
        print(f"{corpus.name}: {len(chosen)} pages with one defect in {what}")
        print(f"  fixed, other verdicts unchanged, a second fix a no-op: {fixed} ({fixed / max(1, len(chosen)):.1%})")
        median = statistics.median(lines) if lines else 0
        print(f"  changed lines a page: median {median}, largest {max(lines, default=0)}")
        print(f"  {seconds:.0f} s ({seconds / max(1, len(chosen)) * 1000:.0f} ms a page, three checks and two fixes)")
        print("\n".join(problems[:40]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

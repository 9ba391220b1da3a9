"""`--report FILE.html`: one self-contained page people read (no external assets; works offline).

Totals, pass rate by rule, by policy and by source publisher, then every page
(the worst MAX_PAGES_LISTED of a bigger audit), worst first, in a table that
filters and sorts; each page expands to its findings with evidence, the fix,
and the body's altered sentences side by side.
Every string taken from a page is escaped, so a page titled `<script>…` stays inert.
"""

from __future__ import annotations

import difflib
import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from html import escape

from ..findings import PageResult
from ..reading.textfold import words
from ..version import VERSION
from .summary import Tally

STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border-bottom:1px solid #ddd;padding:4px 8px;
text-align:left;vertical-align:top}th{background:#f4f4f4;cursor:pointer;user-select:none}
.bar{display:inline-block;height:8px;background:#2a7;vertical-align:middle;margin-right:6px}
.passed{color:#176b3a}.failed{color:#b00020}.errored{color:#8a5a00}
.cards span{display:inline-block;margin-right:2em;font-size:1.2em}
tbody.page>tr.details>td{background:#fafafa}tbody.page>tr.details[hidden]{display:none}
button.toggle{border:1px solid #bbb;background:#fff;border-radius:3px;cursor:pointer}
.finding{margin:.4em 0}.fix{font-family:monospace;white-space:pre-wrap;background:#f0f7ff;padding:2px 4px}
.diff{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin:.3em 0}.diff>div{background:#fff;border:1px solid #ddd;
padding:4px}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.controls{margin:.5em 0}.controls *{margin-right:.8em}
.legend>span{margin-right:1.2em}.legend>span>span{display:inline-block;width:12px;height:3px;margin-right:4px;
vertical-align:middle}
"""

SCRIPT = """
const table=document.getElementById('pages'),status=document.getElementById('status'),
search=document.getElementById('search');
function filter(){const s=status.value,q=search.value.toLowerCase();
for(const body of table.tBodies){const show=(s==='all'||body.dataset.status===s)&&
body.dataset.page.toLowerCase().includes(q);body.hidden=!show;}}
status.addEventListener('change',filter);search.addEventListener('input',filter);
table.addEventListener('click',e=>{const b=e.target.closest('button.toggle');if(!b)return;
const d=b.closest('tbody').querySelector('tr.details');d.hidden=!d.hidden;b.textContent=d.hidden?'show':'hide';});
let order={};for(const th of table.tHead.rows[0].cells){th.addEventListener('click',()=>{const k=th.dataset.key,
dir=order[k]=-(order[k]||-1);const bodies=[...table.tBodies].sort((a,b)=>{const x=a.dataset[k],y=b.dataset[k];
const n=parseFloat(x)-parseFloat(y);return dir*(isNaN(n)?x.localeCompare(y):n);});
bodies.forEach(b=>table.appendChild(b));});}
"""


MAX_PAGES_LISTED = 5000  # a bigger table no browser opens readily: the JSON and CSV reports list every page


class _Gathered:
    """What the report shows, gathered in one pass over the results (an audit's are read from its store):
    totals, counts by policy and by publisher, pages found by the index, and the worst pages."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.by_policy: dict[str, dict[str, int]] = defaultdict(lambda: {"passed": 0, "failed": 0})
        self.by_publisher: dict[str, dict[str, int]] = defaultdict(lambda: {"passed": 0, "failed": 0})
        self.found_by_index: list[str] = []
        self._worst: list[tuple[tuple[int, int], int, str]] = []  # a heap: the least bad listed page first

    def add(self, position: int, result: PageResult) -> None:
        self.tally.add(result)
        outcome = "passed" if result.passed else "failed"
        self.by_policy[result.policy or "(none)"][outcome] += 1
        self.by_publisher[(result.source or {}).get("publisher", "(unknown)")][outcome] += 1
        if (result.source or {}).get("declared_by") == "index":
            self.found_by_index.append(_found_row(result))
        rank = (_badness(result), -position)  # worse first, then earlier in the listing
        if len(self._worst) < MAX_PAGES_LISTED:
            heapq.heappush(self._worst, (*rank, _page(result)))
        elif rank > self._worst[0][:2]:
            heapq.heapreplace(self._worst, (*rank, _page(result)))

    def worst_pages(self) -> list[str]:
        return [page for *_, page in sorted(self._worst, reverse=True)]


def _found_row(result: PageResult) -> str:
    source = result.source or {}
    return (
        f"<tr><td>{escape(result.page)}</td><td>{escape(source.get('path') or source.get('url', ''))}</td>"
        f"<td>{source.get('score', 0):.0%}</td><td class='{_status(result)}'>{_status(result)}</td></tr>"
    )


def _found_by_index(rows: list[str]) -> str:
    """The pages republishing an indexed article without saying so (their source found by the index)."""
    if not rows:
        return ""
    return (
        "<h2>Pages republishing our articles without a declared source</h2>"
        "<table><thead><tr><th>page</th><th>the indexed article it reproduces</th><th>how much of it</th>"
        f"<th>status</th></tr></thead>{''.join(rows)}</table>"
    )


def render(results: Iterable[PageResult], history: list[tuple[str, dict]] | None = None) -> Iterator[str]:
    """The report of an audit's results; `history` (the store's runs, oldest first) adds the trend by rule."""
    gathered = _Gathered()
    for position, result in enumerate(results):
        gathered.add(position, result)
    summary = gathered.tally.totals()
    listed = gathered.worst_pages()
    note = [f"<p>The {len(listed):,} worst of {summary['pages']:,} pages: the JSON and CSV reports list them all.</p>"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width'><title>Republishing compliance audit</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Republishing compliance audit</h1>",
        _cards(summary),
        "<h2>Pass rate by rule</h2>",
        _rates(summary["by_rule"], "rule"),
        _trend(history or []),
        "<h2>Pass rate by policy</h2>",
        _rates(gathered.by_policy, "policy"),
        "<h2>Pass rate by source publisher</h2>",
        _rates(gathered.by_publisher, "publisher"),
        _found_by_index(gathered.found_by_index),
        "<h2>Pages, worst first</h2>",
        *(note if len(listed) < summary["pages"] else []),
        "<div class='controls'><label>Show <select id='status'><option value='all'>all</option>"
        "<option value='failed'>failed</option><option value='errored'>errored</option>"
        "<option value='passed'>passed</option></select></label>"
        "<label>Page <input id='search' type='search' placeholder='filter by page'></label></div>",
        "<table id='pages'><thead><tr><th data-key='page'>page</th><th data-key='policy'>policy</th>"
        "<th data-key='status'>status</th><th data-key='failures'>failed rules</th><th>findings</th></tr></thead>",
        *listed,
        "</table>",
        f"<p><small>compliance {escape(VERSION)}</small></p>",
        f"<script>{SCRIPT}</script></body></html>",
    ]
    yield "\n".join(parts) + "\n"


PALETTE = ("#1b6ca8", "#c0392b", "#2a7d3f", "#8e44ad", "#d35400", "#16a085", "#7f6000", "#5d6d7e", "#b03a78")
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_TOP = 640, 200, 48, 12


def _trend(history: list[tuple[str, dict]]) -> str:
    """The pass rate of each rule across the store's runs, as an inline SVG line chart (offline, no script)."""
    if len(history) < 2:
        return ""
    rules = sorted({rule for _, by_rule in history for rule in by_rule})
    step = (CHART_WIDTH - CHART_LEFT - 16) / (len(history) - 1)
    parts = [
        f"<h2>Pass rate by rule across runs</h2><svg id='trend' role='img' width='{CHART_WIDTH}' "
        f"height='{CHART_HEIGHT + 40}' viewBox='0 0 {CHART_WIDTH} {CHART_HEIGHT + 40}' "
        "aria-label='Pass rate by rule across audit runs' font-size='11' font-family='system-ui,sans-serif'>"
    ]
    for share in (0, 0.5, 1):
        y = _chart_y(share)
        parts.append(
            f"<line x1='{CHART_LEFT}' x2='{CHART_WIDTH - 8}' y1='{y:.1f}' y2='{y:.1f}' stroke='#ddd'/>"
            f"<text x='{CHART_LEFT - 6}' y='{y + 4:.1f}' text-anchor='end'>{share:.0%}</text>"
        )
    for end, anchor in ((0, "start"), (len(history) - 1, "end")):
        x = CHART_LEFT + end * step
        parts.append(
            f"<text x='{x:.1f}' y='{CHART_HEIGHT + 34}' text-anchor='{anchor}'>{escape(history[end][0])}</text>"
        )
    for index, rule in enumerate(rules):
        colour = PALETTE[index % len(PALETTE)]
        points = []
        for run, (finished, by_rule) in enumerate(history):
            counts = by_rule.get(rule)
            if counts and (total := counts["passed"] + counts["failed"]):
                points.append((CHART_LEFT + run * step, counts["passed"] / total, finished))
        coordinates = " ".join(f"{x:.1f},{_chart_y(rate):.1f}" for x, rate, _ in points)
        parts.append(
            f"<polyline class='rule' data-rule='{escape(rule)}' fill='none' stroke='{colour}' stroke-width='2' "
            f"points='{coordinates}'/>"
        )
        parts.extend(
            f"<circle cx='{x:.1f}' cy='{_chart_y(rate):.1f}' r='3' fill='{colour}'>"
            f"<title>{escape(rule)}: {rate:.0%} ({escape(finished)})</title></circle>"
            for x, rate, finished in points
        )
    parts.append("</svg>")
    legend = "".join(
        f"<span class='legend'><span style='background:{PALETTE[i % len(PALETTE)]}'></span>{escape(rule)}</span>"
        for i, rule in enumerate(rules)
    )
    parts.append(f"<p class='legend'>{legend}</p>")
    return "".join(parts)


def _chart_y(rate: float) -> float:
    return CHART_TOP + (1 - rate) * CHART_HEIGHT


def _badness(result: PageResult) -> tuple[int, int]:
    return (2 if result.error else 0, sum(1 for f in result.findings if not f.passed))


def _status(result: PageResult) -> str:
    return "errored" if result.error else "passed" if result.passed else "failed"


def _cards(summary: dict) -> str:
    rate = summary["passed"] / summary["pages"] if summary["pages"] else 0
    return (
        f"<p class='cards'><span>{summary['pages']} pages</span><span class='passed'>{summary['passed']} passed"
        f"</span><span class='failed'>{summary['failed']} failed</span><span class='errored'>"
        f"{summary['errored']} errored</span><span>pass rate {rate:.0%}</span></p>"
    )


def _rates(counts: dict[str, dict[str, int]], label: str) -> str:
    rows = []
    for name, n in sorted(counts.items(), key=lambda item: item[1]["passed"] / max(1, sum(item[1].values()))):
        total = n["passed"] + n["failed"]
        rate = n["passed"] / total if total else 0
        rows.append(
            f"<tr><td>{escape(name)}</td><td>{n['passed']}</td><td>{n['failed']}</td><td>"
            f"<span class='bar' style='width:{rate * 120:.0f}px'></span>{rate:.0%}</td></tr>"
        )
    return (
        f"<table><thead><tr><th>{label}</th><th>passed</th><th>failed</th><th>pass rate</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _page(result: PageResult) -> str:
    status = _status(result)
    failed = [f.rule for f in result.findings if not f.passed]
    summary = escape(result.error) if result.error else escape(", ".join(failed) or "all rules pass")
    return (
        f"<tbody class='page' data-page='{escape(result.page)}' data-policy='{escape(result.policy or '')}' "
        f"data-status='{status}' data-failures='{len(failed)}'>"
        f"<tr><td>{escape(result.page)}{_title(result)}</td><td>{escape(result.policy or '')}</td>"
        f"<td class='{status}'>{status}</td><td>{summary}</td>"
        f"<td><button class='toggle' type='button'>show</button></td></tr>"
        f"<tr class='details' hidden><td colspan='5'>{_details(result)}</td></tr></tbody>"
    )


def _title(result: PageResult) -> str:
    return f"<br><small class='title'>{escape(result.title)}</small>" if result.title else ""


def _details(result: PageResult) -> str:
    if result.error:
        return f"<p class='errored'>Could not be checked: {escape(result.error)}</p>"
    parts = []
    if result.source:
        facts = "; ".join(f"{escape(k)}: {escape(str(v))}" for k, v in result.source.items())
        parts.append(f"<p><b>source</b> {facts}</p>")
    parts.extend(f"<p><b>note</b> {escape(note)}</p>" for note in result.notes)
    for finding in result.findings:
        mark = "✓" if finding.passed else "✗"
        where = finding.evidence or {}
        location = f" (line {where['line']})" if "line" in where else ""
        parts.append(
            f"<div class='finding'><span class='{'passed' if finding.passed else 'failed'}'>{mark}</span> "
            f"<b>{escape(finding.rule)}</b>{escape(location)}: {escape(finding.message)}"
        )
        if finding.fix and not finding.passed:
            parts.append(f"<div>fix: <span class='fix'>{escape(finding.fix)}</span></div>")
        parts.append(_passages(finding.passages or {}))
        parts.append("</div>")
    return "".join(parts)


def _passages(passages: dict) -> str:
    parts = []
    for altered in passages.get("altered", []):
        source, page = _side_by_side(altered["source"], altered["page"])
        parts.append(f"<div class='diff altered'><div>{source}</div><div>{page}</div></div>")
    for omitted in passages.get("omitted", []):
        place = escape(_goes(omitted))
        parts.append(
            f"<div class='diff omitted'><div><del>{escape(omitted['text'])}</del></div><div>{place}</div></div>"
        )
    for added in passages.get("added", []):
        parts.append(f"<div class='diff added'><div></div><div><ins>{escape(added['text'])}</ins></div></div>")
    return "".join(parts)


def _goes(omitted: dict) -> str:
    """Where an omitted passage goes back on the page, in the page's column: "goes after line 12: “…”"."""
    for side in ("after", "before"):
        if side in omitted:
            place = omitted[side]
            line = f" line {place['line']}" if "line" in place else ""
            return f"goes {side}{line}: “{place['text']}”"
    return ""


def _side_by_side(old: str, new: str) -> tuple[str, str]:
    """The source sentence with removed words struck, and the page's with inserted words marked."""
    old_words, new_words = words(old), words(new)
    left = [escape(old[s:e]) for s, e in zip(old_words.starts, old_words.ends)]
    right = [escape(new[s:e]) for s, e in zip(new_words.starts, new_words.ends)]
    matcher = difflib.SequenceMatcher(None, old_words.norms, new_words.norms, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            left[a0:a1] = ["<del>" + " ".join(left[a0:a1]) + "</del>"] + [""] * (a1 - a0 - 1)
        if op in ("insert", "replace"):
            right[b0:b1] = ["<ins>" + " ".join(right[b0:b1]) + "</ins>"] + [""] * (b1 - b0 - 1)
    return " ".join(w for w in left if w), " ".join(w for w in right if w)

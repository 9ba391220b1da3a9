"""The HTML audit report in a real browser: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import os
import shutil

import pytest
from playwright.sync_api import sync_playwright

from tests import samples
from tests.conftest import run_cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VARS = [arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")]
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>"


def _require_browser() -> None:
    """Outside CI a missing browser skips; in CI (.ci/run installs it) it fails."""
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture
def report(write, tmp_path):
    write("original.txt", samples.ARTICLE_TEXT)
    write("site/good.html", samples.republished())
    altered = list(samples.PARAGRAPHS)
    altered[3] = altered[3].replace("he still believed", "he rightly believed")
    write("site/altered.html", samples.republished(paragraphs=altered))
    hostile = samples.republished(credit=f"<p>Source: {HOSTILE.replace('<', '&lt;')} Riverton Ledger</p>")
    write("site/hostile.html", hostile.replace(f"<title>{samples.TITLE}", f"<title>{HOSTILE}"))
    path = tmp_path / "report.html"
    run = run_cli(
        "audit",
        tmp_path / "site",
        "--source",
        tmp_path / "original.txt",
        "--policy",
        "fair-use-notice",
        *VARS,
        "--report",
        path,
        "--store",
        tmp_path / "s.sqlite",
        "--format",
        "json",
    )
    assert run.code == 1
    return path


def test_report_filters_expands_shows_the_diff_and_stays_inert(report, tmp_path):
    _require_browser()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(report.as_uri())
            assert page.locator("tbody.page:visible").count() == 3
            page.select_option("#status", "failed")
            visible = page.locator("tbody.page:visible")
            assert visible.count() == 2
            assert sorted(visible.evaluate_all("bodies => bodies.map(b => b.dataset.page.split('/').pop())")) == [
                "altered.html",
                "hostile.html",
            ]
            altered = page.locator("tbody.page[data-page$='altered.html']")
            assert altered.locator("tr.details").is_hidden()
            altered.locator("button.toggle").click()
            assert altered.locator("tr.details").is_visible()
            diff = altered.locator(".diff.altered")
            assert diff.locator("del").first.inner_text() == "still"
            assert diff.locator("ins").first.inner_text() == "rightly"
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
            shutil.copy(tmp_path / "report.png", os.environ.get("REPORT_SCREENSHOT", tmp_path / "copy.png"))
            assert (tmp_path / "report.png").stat().st_size > 10_000
            assert page.evaluate("window.__pwned") is None
            hostile = page.locator("tbody.page[data-page$='hostile.html']")
            hostile.locator("button.toggle").click()
            assert HOSTILE in hostile.inner_text()  # shown as text, never run
            assert page.evaluate("window.__pwned") is None
        finally:
            browser.close()


def test_a_store_of_three_runs_plots_each_rules_pass_rate_across_them(write, tmp_path):
    """A nightly audit: the pages get fixed run by run, and the report's chart shows each rule improving."""
    _require_browser()
    write("original.txt", samples.ARTICLE_TEXT)
    dead = samples.republished(credit=f'<p>Source: <a href="#">{samples.PUBLISHER}</a></p>')
    for fixed in (0, 1, 2):
        for i in range(2):
            write(f"site/page-{i}.html", samples.republished() if i < fixed else dead)
        args = ["audit", tmp_path / "site", "--source", tmp_path / "original.txt", "--policy", "fair-use-notice"]
        run_cli(*args, *VARS, "--store", tmp_path / "s.sqlite", "--report", tmp_path / "report.html")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto((tmp_path / "report.html").as_uri())
            chart = page.locator("svg#trend")
            assert chart.is_visible() and chart.bounding_box()["height"] > 100
            lines = chart.locator("polyline.rule")
            rules = lines.evaluate_all("lines => lines.map(l => l.dataset.rule)")
            assert rules == ["attribution", "body", "copyright", "disclaimer", "permission", "source-link"]
            link = chart.locator("polyline[data-rule='source-link']").get_attribute("points").split()
            heights = [float(point.split(",")[1]) for point in link]
            assert len(heights) == 3 and heights[0] > heights[1] > heights[2]  # 0%, 50%, 100%: higher is better
            assert chart.locator("circle title").first.inner_html().startswith("attribution: 100% (")
            assert "source-link" in page.locator("p.legend").inner_text()
        finally:
            browser.close()

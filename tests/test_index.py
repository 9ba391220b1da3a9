"""The source index: `compliance index build` and `find-source` on the test's own articles."""

from __future__ import annotations

import html
import sqlite3

from tests import samples
from tests.conftest import run_cli

OTHER = [
    "The harbour authority approved a plan on Tuesday to dredge the northern channel, a project that will "
    "close the fishing docks for most of the autumn and cost more than the port earned last year.",
    "Fishermen who attended the meeting said they had not been consulted. Several asked for compensation "
    "for the weeks without landings, and the authority agreed to publish its figures before the vote.",
    "Engineers expect the dredging to begin in September. The channel has silted up faster than predicted "
    "since the breakwater was extended, leaving larger vessels waiting outside for the tide.",
]
THIRD = [
    "A small press in the old mill has printed its last book after forty years. The owners, two sisters who "
    "learned the trade from their father, said rising paper costs had made every edition a loss.",
    "Their final title, a history of the valley's railways, sold out in a week, and collectors queued in "
    "the rain for signed copies while a brass band played on the loading dock outside.",
]


def article_page(paragraphs: list[str]) -> str:
    return (
        "<html><body><article>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</article></body></html>"
    )


def build(write, tmp_path):
    write("sources/library.html", samples.source_page())
    write("sources/harbour.html", article_page(OTHER))
    write("sources/press.txt", "\n\n".join(THIRD))
    run = run_cli("index", "build", tmp_path / "index.sqlite", tmp_path / "sources")
    return run


def find(tmp_path, page) -> dict:
    run = run_cli("find-source", page, "--index", tmp_path / "index.sqlite", "--format", "json")
    return {"code": run.code, "sources": run.json()["results"][0]["sources"]}


def test_a_republished_page_finds_its_original_first(write, tmp_path):
    built = build(write, tmp_path)
    assert built.code == 0 and "index: 3 articles added, 3 in" in built.stderr
    again = run_cli("index", "add", tmp_path / "index.sqlite", tmp_path / "sources" / "press.txt")
    assert "index: 1 articles added, 3 in" in again.stderr  # indexed again, in place
    found = find(tmp_path, write("page.html", samples.republished(credit="")))
    assert found["code"] == 0
    (best,) = found["sources"]
    assert best["location"].endswith("library.html") and best["containment"] > 0.5 and best["page_share"] > 0.5


def test_a_page_built_from_two_sources_finds_both(write, tmp_path):
    build(write, tmp_path)
    page = write("page.html", article_page([*samples.PARAGRAPHS[:3], *THIRD]))
    found = find(tmp_path, page)
    assert sorted(s["location"].rsplit("/", 1)[-1] for s in found["sources"]) == ["library.html", "press.txt"]


def test_a_page_with_no_reused_text_finds_none(write, tmp_path):
    build(write, tmp_path)
    own = [
        "Our own reporter spent a day with the volunteers who repair bicycles in the church hall every Saturday.",
        "They fixed forty bikes, most of them for children, and the library lent its reading garden for lunch.",
    ]
    found = find(tmp_path, write("page.html", article_page([*own, samples.NOTICE])))
    assert found == {"code": 1, "sources": []}
    text = run_cli("find-source", tmp_path / "page.html", "--index", tmp_path / "index.sqlite")
    assert "no indexed article on it" in text.stdout


def test_an_unreadable_source_is_reported_and_the_rest_indexed(write, tmp_path):
    write("sources/harbour.html", article_page(OTHER))
    write("sources/broken.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    run = run_cli("index", "build", tmp_path / "index.sqlite", tmp_path / "sources")
    assert run.code == 2 and "broken.html: binary data" in run.stderr and "1 articles added" in run.stderr


def test_check_with_an_index_judges_a_page_that_declares_no_source_against_what_it_reproduces(write, tmp_path):
    build(write, tmp_path)
    page = write("page.html", samples.republished(credit="<p>From our partners.</p>"))  # no source declared
    args = ["check", page, "--policy", "fair-use-notice", "--format", "json"]
    args += [arg for key in ("source.publisher", "source.year") for arg in ("--var", f"{key}={samples.VARIABLES[key]}")]
    without = run_cli(*args).json()["results"][0]
    assert {f["rule"]: f["passed"] for f in without["findings"]}["body"] is False  # no source to compare with
    run = run_cli(*args, "--index", tmp_path / "index.sqlite")
    result = run.json()["results"][0]
    assert result["source"]["declared_by"] == "index" and result["source"]["path"].endswith("library.html")
    assert result["source"]["score"] > 0.5
    assert {f["rule"]: f["passed"] for f in result["findings"]}["body"] is True


def test_an_audit_with_an_index_finds_each_pages_source_and_reports_them(write, tmp_path):
    build(write, tmp_path)
    no_credit = "<p>Shared with us by a reader.</p>"
    write("site/library.html", samples.republished(credit=no_credit))
    write("site/library-altered.html", samples.republished(credit=no_credit, paragraphs=samples.PARAGRAPHS[:2]))
    write("site/harbour.html", article_page(OTHER))
    args = ["audit", tmp_path / "site", "--policy", "fair-use-notice", "--store", tmp_path / "s.sqlite", "--jobs", 2]
    args += ["--index", tmp_path / "index.sqlite", "--report", tmp_path / "report.html", "--format", "json"]
    run = run_cli(*args)
    results = {r["page"].rsplit("/", 1)[-1]: r for r in run.json()["results"]}
    found = {page: result["source"]["path"].rsplit("/", 1)[-1] for page, result in results.items()}
    assert found == {
        "harbour.html": "harbour.html",
        "library-altered.html": "library.html",
        "library.html": "library.html",
    }
    assert all(result["source"]["declared_by"] == "index" for result in results.values())
    body = {page: {f["rule"]: f["passed"] for f in result["findings"]}["body"] for page, result in results.items()}
    assert body == {"harbour.html": True, "library-altered.html": False, "library.html": True}
    report = (tmp_path / "report.html").read_text()
    assert "Pages republishing our articles without a declared source" in report and report.count("library") >= 2


def test_two_copies_of_one_url_are_one_candidate_listing_both(write, tmp_path):
    canonical = '<link rel="canonical" href="https://harbour.example/dredging">'
    saved = article_page(OTHER).replace("<html>", f"<html><head>{canonical}</head>")
    write("sources/harbour.html", saved)
    later = saved.replace("</article>", "</article><section><p>Reader comments loaded after the story.</p></section>")
    write("sources/harbour-again.html", later)  # the same article saved again, with more around it
    write("sources/press.txt", "\n\n".join(THIRD))
    run_cli("index", "build", tmp_path / "index.sqlite", tmp_path / "sources")
    found = find(tmp_path, write("page.html", article_page(OTHER)))
    (best,) = found["sources"]
    assert best["url"] == "https://harbour.example/dredging"
    assert [best["location"].rsplit("/", 1)[-1], *(c.rsplit("/", 1)[-1] for c in best["copies"])] == [
        "harbour.html",
        "harbour-again.html",
    ]
    text = run_cli("find-source", tmp_path / "page.html", "--index", tmp_path / "index.sqlite").stdout
    assert "the same URL also indexed as" in text and "harbour-again.html" in text


def test_an_article_indexed_again_answers_with_its_new_text_only(write, tmp_path):
    write("sources/harbour.html", article_page(OTHER))
    run_cli("index", "build", tmp_path / "index.sqlite", tmp_path / "sources")
    write("sources/harbour.html", article_page(THIRD))  # the same address, rewritten
    run_cli("index", "add", tmp_path / "index.sqlite", tmp_path / "sources" / "harbour.html")
    assert find(tmp_path, write("old.html", article_page(OTHER))) == {"code": 1, "sources": []}
    (found,) = find(tmp_path, write("new.html", article_page(THIRD)))["sources"]
    assert found["location"].endswith("harbour.html") and found["containment"] > 0.9


def test_an_index_of_another_version_is_one_line_asking_to_build_it_again(tmp_path):
    old = tmp_path / "old.sqlite"
    sqlite3.connect(old).executescript("CREATE TABLE articles (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;")
    run = run_cli("find-source", tmp_path / "old.sqlite", "--index", old)
    assert (
        run.code == 2
        and run.stderr.strip() == f"compliance: {old}: a source index of another version of compliance; build it again"
    )

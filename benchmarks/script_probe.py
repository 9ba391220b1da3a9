#!/usr/bin/env python3
"""How the checks hold on pages in other scripts: Hindi, Arabic, Hebrew, Chinese, Thai and Korean.

    python benchmarks/script_probe.py

The corpora are in Latin script but for one Cyrillic, one Chinese and one Japanese
source; pages in other scripts have their own ways: vowels written as marks on the
letters (Hindi), words without spaces between them (Chinese, Thai), particles and
prepositions joined to a name (Korean, Hebrew), right to left (Arabic, Hebrew), their
own stops (।, 。, ؟) or none (Thai). For each language, a short story written for this
probe (a town library's repair) is republished in eight ways:

- whole (must pass every rule);
- a paragraph left out, cut after two paragraphs, a word changed, an editor's
  paragraph inserted, the other story (a weather report) in its place: `body` fails;
- the credit line left out: `attribution` fails; the copyright line left out:
  `copyright` fails;

as a web page and as Markdown, each checked against the story as text and against
a story page of the source's (a menu, the story, a list of related stories linked by
their opening words, comments). The credit and copyright lines are written in the
page's language. Prints, for each language and way, how many of its four checks were
judged as made, and each judged otherwise. Needs nothing beside the checkout.
"""

from __future__ import annotations

import html
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)

import compliance  # noqa: E402

POLICY = """policy: script-probe
rules:
  attribution: {check: attribution, names: ["{source.publisher}"]}
  copyright: {check: copyright, holders: ["{source.publisher}"], year: "2024"}
  body: {check: body, min-coverage: 0.95, max-altered: 0, max-added-words: 12}
"""
YEAR = "2024"


class Language(NamedTuple):
    story: list[str]
    other_story: list[str]
    publisher: str
    credit: str  # a credit line in the language, naming the publisher
    inserted: str  # an editor's note, inserted among the story's paragraphs
    changed: list[str]  # a word of the story's first paragraph, and what a page changes it to


STORIES = Path(__file__).with_name("script_stories.yaml")  # the stories, each language's, written for this probe
RIGHT_TO_LEFT = {"Arabic", "Hebrew"}


def ways(language: Language) -> dict[str, tuple[list[str], bool, bool, set[str]]]:
    """What a page does -> (its paragraphs, whether it has the credit, the copyright line, the rules that fail)."""
    story = language.story
    return {
        "whole": (story, True, True, set()),
        "a paragraph left out": ([story[0], *story[2:]], True, True, {"body"}),
        "cut after two paragraphs": (story[:2], True, True, {"body"}),
        "a word changed": ([story[0].replace(*language.changed), *story[1:]], True, True, {"body"}),
        "a paragraph inserted": ([*story[:2], language.inserted, *story[2:]], True, True, {"body"}),
        "the other story": (language.other_story, True, True, {"body"}),
        "no credit line": (story, False, True, {"attribution"}),
        "no copyright line": (story, True, False, {"copyright"}),
    }


def web_page(name: str, language: Language, paragraphs: list[str], credit: bool, copyright_line: bool) -> str:
    lines = [*paragraphs, *([language.credit] if credit else [])]
    lines += [f"© {YEAR} {language.publisher}"] if copyright_line else []
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    direction = "rtl" if name in RIGHT_TO_LEFT else "ltr"
    return (
        f'<!DOCTYPE html><html dir="{direction}"><head><meta charset="utf-8"><title>t</title></head><body>'
        f'<header><a href="/">Site</a></header><main><article>{body}</article></main>'
        "<footer><p>Site footer</p></footer></body></html>"
    )


def markdown_page(language: Language, paragraphs: list[str], credit: bool, copyright_line: bool) -> str:
    lines = [*paragraphs, *([language.credit] if credit else [])]
    lines += [f"© {YEAR} {language.publisher}"] if copyright_line else []
    return "---\ntitle: t\n---\n\n" + "\n\n".join(lines) + "\n"


def story_page(language: Language) -> str:
    """The source's own page: a menu, the story, related stories linked by their opening words, comments."""
    other = language.other_story
    story = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in language.story)
    related = "".join(f'<li><a href="/s/{i}">{html.escape(p[:40])}</a></li>' for i, p in enumerate(other))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(language.publisher)}</title></head>'
        f'<body><nav><a href="/">{html.escape(language.publisher)}</a></nav><main><article>'
        f"<div class='story'>{story}</div></article><aside><ul>{related}</ul></aside>"
        f"<section class='comments'><p>{html.escape(other[3][:60])}</p></section></main>"
        f"<footer><p>© {YEAR} {html.escape(language.publisher)}</p></footer></body></html>"
    )


def main() -> int:
    judged, wrong = Counter(), []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "policy.yaml").write_text(POLICY)
        policy = compliance.load_policy(str(folder / "policy.yaml"))
        languages = yaml.safe_load(STORIES.read_text(encoding="utf-8"))
        for name, language in ((name, Language(**fields)) for name, fields in languages.items()):
            (folder / "story.txt").write_text("\n\n".join(language.story))
            (folder / "story.html").write_text(story_page(language))
            sources = {kind: compliance.read_source(str(folder / f"story.{kind}")) for kind in ("txt", "html")}
            variables = {"source.publisher": language.publisher}
            for way, (paragraphs, credit, copyright_line, failing) in ways(language).items():
                pages = {
                    "html": web_page(name, language, paragraphs, credit, copyright_line),
                    "md": markdown_page(language, paragraphs, credit, copyright_line),
                }
                for page_kind, markup in pages.items():
                    (folder / f"page.{page_kind}").write_text(markup)
                    page = compliance.read_document(str(folder / f"page.{page_kind}"))
                    for source_kind, source in sources.items():
                        result = compliance.check_page(page, policy, source, variables)
                        failed = {finding.rule for finding in result.findings if not finding.passed}
                        judged[(f"{name}: {way}", failed == failing)] += 1
                        if failed != failing:
                            said = "; ".join(f"{f.rule}: {f.message[:100]}" for f in result.findings if not f.passed)
                            wrong.append(
                                f"  {name}, {way}, {page_kind} page, source as {source_kind}: {said or 'passed'}"
                            )
    print("pages in other scripts, each way checked as a web page and as Markdown, against text and a story page:")
    print_judged(judged, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pages whose markup is what HTML tokenizers are tested on: every one gets a verdict, none an error.

The inputs are this suite's own, built from the constructs tokenizer test suites exercise:
unfinished tags and attributes, comments and bogus comments, CDATA, character references
(valid, out of range, surrogates, unterminated), raw-text elements left open, NUL and other
control characters, carriage returns, non-characters. Each is written as a page, alone and
inside an article, and all of them are checked in one batch run.
"""

from __future__ import annotations

import itertools
import json
import random

from tests import samples
from tests.conftest import run_cli

PIECES = [
    "<",
    "</",
    "<!",
    "<!--",
    "-->",
    "--!>",
    "<!-->",
    "<!---",
    "<![CDATA[x]]>",
    "<?php x ?>",
    "<!DOCTYPE",
    "<!doctype html public",
    "&",
    "&#",
    "&#x",
    "&#0;",
    "&#xD800;",
    "&#x110000;",
    "&#9999999999;",
    "&amp",
    "&notin",
    "&noti;",
    "&AMP;",
    "\x00",
    "\r\n",
    "\r",
    "\x0b",
    "\x1b[0m",
    "\ufffe",
    "\U0001f600",
    "<a b='",
    '<a b="c',
    "<a b=c d>",
    "<a/b>",
    "<a =b>",
    "<a b c=d e>",
    "<a a a a>",
    "<a\x00>",
    "</a b>",
    "</ >",
    "</>",
    "<script>",
    "</script",
    "<script><!--",
    "<style>",
    "<textarea>",
    "<title>",
    "<plaintext>",
    "<xmp>",
    "<iframe>",
    "<noscript>",
    "<template>",
    "<svg><![CDATA[",
    "<math>",
    "<table><td>",
    "<select><option>",
    "<p",
    "<p ",
    "<p/",
    "<div hidden",
    "<span style='display:none'>",
    "<br/>",
    "</br>",
    "</p>",
]


def inputs(count: int) -> list[str]:
    rng = random.Random(20261130)
    made = [*PIECES, *("".join(pair) for pair in itertools.product(PIECES[:12], repeat=2))]
    made += ["".join(rng.choice(PIECES) for _ in range(rng.randint(3, 12))) for _ in range(count)]
    return made


def test_every_tokenizer_input_gets_a_verdict_in_one_batch(write, tmp_path):
    article = "".join(f"<p>{p}</p>" for p in samples.PARAGRAPHS)
    for index, markup in enumerate(inputs(150)):
        write(f"site/alone-{index:04}.html", markup)
        write(
            f"site/inside-{index:04}.html",
            f"<html><body><article>{article}{markup}{samples.CREDIT}</article></body></html>",
        )
    write("original.txt", samples.ARTICLE_TEXT)
    run = run_cli(
        "check",
        tmp_path / "site",
        "--source",
        tmp_path / "original.txt",
        "--policy",
        "fair-use-notice",
        *[arg for key, value in samples.VARIABLES.items() for arg in ("--var", f"{key}={value}")],
        "--format",
        "json",
    )
    results = json.loads(run.stdout)["results"]
    assert len(results) == 2 * len(inputs(150))
    errored = [(r["page"], r["error"]) for r in results if "error" in r]
    assert errored == []
    assert run.code == 1  # verdicts: the pages alone hold no article
    inside = [r for r in results if "/inside-" in r["page"]]
    assert all(any(f["rule"] == "body" for f in r["findings"]) for r in inside)

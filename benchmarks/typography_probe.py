#!/usr/bin/env python3
"""How the checks hold up when a republishing site's tools rewrite the article's characters or markup.

    python benchmarks/typography_probe.py [--text] [CORPUS ...]   # default ../shared/corpus ../shared/corpus-wild

A CMS, an editor's keyboard or a copy from another program changes how the same
text is written: accents decomposed (NFD, as a Mac's clipboard gives them),
quotes and dashes straightened or curled, ligatures, non-breaking and zero-width
spaces, soft hyphens, other marks typed for an apostrophe, every character an
entity, each word in a span of its own, lines wrapped with `<br>`. A reader sees
the same article. For each source of the corpora, this republishes its labelled
article compliant (credit, link, copyright line, notice) on a blog layout with
one such change at a time, and checks it against the real source page (with
--text, the labelled text): every rule must pass. Prints, for each change, how
many pages passed, and each that did not with its first failing rule's message.
"""

from __future__ import annotations

import html
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpora import chosen, print_judged  # noqa: E402  (benchmarks/corpora.py, beside this script)
from site_probe import cases, credit_html, ghost, setting  # noqa: E402

import compliance  # noqa: E402

_LONG_WORD = re.compile(r"(\w{5})(\w{4,})")
_APOSTROPHES = ("’", "'")

TEXT_CHANGES: dict[str, Callable[[str], str]] = {  # on a paragraph's text, before it is escaped
    "accents decomposed (NFD)": lambda text: unicodedata.normalize("NFD", text),
    "straight quotes": lambda text: text.translate(str.maketrans("“”‘’", "\"\"''")),
    "curly quotes": lambda text: re.sub(r'"(?=\w)', "“", text).replace('"', "”").replace("'", "’"),
    "dashes as hyphens": lambda text: text.replace("—", "--").replace("–", "-"),
    "em dashes spaced": lambda text: re.sub(r"\s*—\s*", " — ", text),
    "ellipsis as three dots": lambda text: text.replace("…", "..."),
    "fi ligature": lambda text: text.replace("fi", "ﬁ"),
    "two spaces after a stop": lambda text: text.replace(". ", ".  "),
    "no-break space after a stop": lambda text: text.replace(". ", ".\u00a0"),
    "zero-width spaces in long words": lambda text: _LONG_WORD.sub("\\1\u200b\\2", text),
    "soft hyphens in long words": lambda text: _LONG_WORD.sub("\\1\u00ad\\2", text),
    "non-breaking hyphens": lambda text: text.replace("-", "\u2011"),
    "full-width commas": lambda text: text.replace(", ", "，"),
    "prime for an apostrophe": lambda text: text.replace(_APOSTROPHES[0], "′").replace(_APOSTROPHES[1], "′"),
    "modifier letter apostrophe": lambda text: text.replace(_APOSTROPHES[0], "ʼ").replace(_APOSTROPHES[1], "ʼ"),
    "acute accent for an apostrophe": lambda text: text.replace(_APOSTROPHES[0], "´").replace(_APOSTROPHES[1], "´"),
}
MARKUP_CHANGES: dict[str, Callable[[str], str]] = {  # on a paragraph's markup
    "quotes and non-ASCII as entities": lambda markup: "".join(
        f"&#{ord(c)};" if not c.isascii() or c in "'\"" else c for c in markup
    ),
    "a drop cap's span": lambda markup: f'<span class="dropcap">{markup[0]}</span>{markup[1:]}',
    "each word in a span": lambda markup: " ".join(f"<span>{word}</span>" for word in markup.split(" ")),
    "lines wrapped at 70 with <br>": lambda markup: re.sub(r"(.{60,70}?) ", "\\1<br>\n", markup),
    "a bold lead-in": lambda markup: re.sub(r"^(\S+ \S+ \S+)", r"<strong>\1</strong>", markup),
}


def article_markup(paragraphs: list[str], change: str) -> str:
    if change in TEXT_CHANGES:
        return "\n".join(f"<p>{html.escape(TEXT_CHANGES[change](p), quote=False)}</p>" for p in paragraphs)
    return "\n".join(f"<p>{MARKUP_CHANGES[change](html.escape(p, quote=False))}</p>" for p in paragraphs)


def main() -> int:
    labelled = "--text" in sys.argv
    passed, wrong = Counter(), []
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        for corpus, text, variables, source_page in cases(chosen(sys.argv[1:])):
            policy, notice, source, paragraphs = setting(corpus, text, source_page, labelled)
            name, url, year = variables["source.publisher"], variables["source.url"], variables["source.year"]
            credit = credit_html("This story first appeared in {name}.", name, url)
            closing = f"<p>© {html.escape(name)} {year}. All rights reserved.</p><p>{html.escape(notice)}</p>"
            title = html.escape(variables["source.title"])
            for change in [*TEXT_CHANGES, *MARKUP_CHANGES]:
                page.write_text(ghost(title, article_markup(paragraphs, change), credit, closing))
                result = compliance.check_page(compliance.read_document(str(page)), policy, source, variables)
                failed = [finding for finding in result.findings if not finding.passed]
                passed[(change, not failed)] += 1
                if failed:
                    wrong.append(f"  {text.stem}, {change}: {failed[0].rule}: {failed[0].message[:160]}")
    against = "labelled article texts" if labelled else "real source pages"
    print(f"each source's article republished compliant, one change at a time, checked against the {against}:")
    print_judged(passed, wrong)
    return 0


if __name__ == "__main__":
    sys.exit(main())

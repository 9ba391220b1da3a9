"""Every built-in policy: a compliant page, and a page breaking each of its rules (one rule at a time)."""

from __future__ import annotations

import html

import pytest

import compliance
from compliance.policy import builtin_names
from tests import samples
from tests.test_publisher_policies import PACKS

AUTHOR = "Maya Lindqvist"
VARIABLES = {**samples.VARIABLES, "source.author": AUTHOR, "notice-site": "This site"}
DEAD_CREDIT = f'<p>Originally published by <a href="#">{samples.PUBLISHER}</a>.</p>'
NO_CREDIT = f'<p><a href="{samples.SOURCE_URL}">Read more</a></p>'
CHANGED = [p.replace("nearly eleven million", "about eleven million") for p in samples.PARAGRAPHS]
FOOTNOTE = "<p>Our reporters added this paragraph of commentary on the renovation and its many costs to the town.</p>"


def licence(code: str) -> str:
    return f'<p><a rel="license" href="https://creativecommons.org/licenses/{code}/4.0/">CC {code.upper()} 4.0</a></p>'


def page(
    paragraphs=None, credit=samples.CREDIT, copyright_line=samples.COPYRIGHT, notice=samples.NOTICE_HTML, extra=""
) -> str:
    return samples.republished(
        paragraphs=paragraphs, credit=credit + extra, copyright_line=copyright_line, notice=notice
    )


def cc(code: str, **changes) -> dict:
    """A CC policy's compliant page and one page per rule it breaks."""
    ok = {"credit": samples.CREDIT, "copyright_line": "", "notice": "", "extra": licence(code)}
    return {
        "compliant": page(**ok),
        "attribution": page(**(ok | {"credit": NO_CREDIT})),
        "source-link": page(**(ok | {"credit": DEAD_CREDIT})),
        "license": page(**(ok | {"extra": ""})),
        **changes,
    }


EXCERPT = samples.PARAGRAPHS[:3]
CASES = {
    "fair-use-notice": {
        "compliant": page(),
        "attribution": page(credit=NO_CREDIT),
        "source-link": page(credit=DEAD_CREDIT),
        "copyright": page(copyright_line="<p>© 2024 Valley Reposts</p>"),
        "disclaimer": page(notice=f"<p>{html.escape(samples.NOTICE[:200])}</p>"),
        "body": page(paragraphs=CHANGED),
    },
    "globalresearch": {
        "compliant": page(notice=""),
        "attribution": page(credit=NO_CREDIT, notice=""),
        "source-link": page(credit=DEAD_CREDIT, notice=""),
        "copyright": page(copyright_line="", notice=""),
    },
    "cc-by-4.0": cc(
        "by", changes=page(paragraphs=CHANGED, credit=samples.CREDIT, copyright_line="", notice="", extra=licence("by"))
    ),
    "cc-by-sa-4.0": cc("by-sa", changes=page(paragraphs=CHANGED, copyright_line="", notice="", extra=licence("by-sa"))),
    "cc-by-nd-4.0": cc(
        "by-nd",
        body=page(
            paragraphs=[*samples.PARAGRAPHS[:2], FOOTNOTE[3:-4], *samples.PARAGRAPHS[2:]],
            copyright_line="",
            notice="",
            extra=licence("by-nd"),
        ),
    ),
    "cc-by-nc-4.0": cc("by-nc", changes=page(paragraphs=CHANGED, copyright_line="", notice="", extra=licence("by-nc"))),
    "cc-by-nc-sa-4.0": cc(
        "by-nc-sa", changes=page(paragraphs=CHANGED, copyright_line="", notice="", extra=licence("by-nc-sa"))
    ),
    "cc-by-nc-nd-4.0": cc(
        "by-nc-nd", body=page(paragraphs=CHANGED, copyright_line="", notice="", extra=licence("by-nc-nd"))
    ),
    "excerpt-only": {
        "compliant": page(paragraphs=EXCERPT, copyright_line="", notice=""),
        "attribution": page(paragraphs=EXCERPT, credit=NO_CREDIT, copyright_line="", notice=""),
        "source-link": page(paragraphs=EXCERPT, credit=DEAD_CREDIT, copyright_line="", notice=""),
        "body": page(copyright_line="", notice=""),
    },
    "fair-use-quote": {
        "compliant": f"<body><p>{'We went to see the new library and spoke to residents about it. ' * 20}</p>"
        f"<blockquote>{samples.PARAGRAPHS[2][:120]}</blockquote>{samples.CREDIT}</body>",
        "attribution": f"<body><p>{'We went to see it. ' * 40}</p>{NO_CREDIT}</body>",
        "source-link": f"<body><p>{'We went to see it. ' * 40}</p>{DEAD_CREDIT}</body>",
        "amount": page(copyright_line="", notice=""),
    },
}


def verdicts(write, policy: str, markup: str) -> dict[str, bool]:
    source = compliance.read_source(str(write("original.txt", samples.ARTICLE_TEXT)))
    document = compliance.read_document(str(write("page.html", markup)))
    result = compliance.check_page(document, compliance.load_policy(policy), source, VARIABLES)
    return {f.rule: f.passed for f in result.findings}


TESTED_ELSEWHERE = {"fair-use-notice": {"permission"}}  # needs a real source page: test_more_checks


def test_every_builtin_policy_is_covered_here_or_with_the_publishers_boxes():
    assert set(builtin_names()) == set(CASES) | set(PACKS)


@pytest.mark.parametrize("policy", sorted(CASES))
def test_compliant_page_passes(write, policy):
    result = verdicts(write, policy, CASES[policy]["compliant"])
    assert all(result.values()), result


@pytest.mark.parametrize(
    ("policy", "rule"),
    [(policy, rule) for policy, cases in sorted(CASES.items()) for rule in cases if rule != "compliant"],
)
def test_each_rule_fails_alone(write, policy, rule):
    result = verdicts(write, policy, CASES[policy][rule])
    assert [r for r, passed in result.items() if not passed] == [rule]


def test_every_rule_of_every_policy_has_a_breaking_page():
    for policy, cases in CASES.items():
        rules = {r.id for r in compliance.load_policy(policy).rules}
        assert rules == set(cases) - {"compliant"} | TESTED_ELSEWHERE.get(policy, set()), policy

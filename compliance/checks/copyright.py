"""copyright: the page carries the source's copyright notice.

What it does
    Passes when a visible copyright notice (©, ⓒ, "(c)", "Copyright", "Copr.",
    "All rights reserved" or its like in the languages of the credit cues:
    "Tous droits réservés", "Все права защищены") names one of `holders`, and
    `year` if given (a holder is read as the attribution check reads a name:
    "© AP 2024" names "The Associated Press"). Year
    ranges ("2015–2019") include every year in them. The holder is named
    before any source cue: "© 2019 The Daily Reposter, reprinted from
    Connecticut Post" is the republisher's claim, naming the Post as source.

Why
    Syndication terms ask republishers to keep the original copyright line;
    a notice naming only the republisher (its own site footer) claims the
    work for the wrong owner.

Example
    holders: ["{source.publisher}"]
    year: "{source.year}"
    passes:  <p>© 2019 Connecticut Post. All rights reserved.</p>
    fails:   <p>Copyright © The Daily Reposter, 2019</p>

Fix
    Add (or correct) the notice: `<p>Copyright © {source.publisher}, {source.year}</p>`.
"""

from __future__ import annotations

import re
import unicodedata

from ..alignment.context import Context
from ..alignment.statements import Statement, names_in
from ..findings import Finding
from ..policy import Rule
from .base import block_evidence, finding, hidden_finding, hidden_mention, missing_variables, quote, string_list

ID = "copyright"
CODE = "CMP003"  # stable: in suppressions, baselines and SARIF; never reused
USES_MARKUP = False
PHASE = 0
PARAMETERS = {
    "holders": string_list("Copyright holders any one of which the notice must name; may use {variables}."),
    "year": {
        "type": ["string", "integer"],
        "description": "The year the notice must give; may use {variables}.",
    },
}
REQUIRED = ("holders",)
DEFAULTS: dict = {}

# "all rights reserved" as the languages of the credit cues write it, standing for a notice without a mark
RIGHTS_RESERVED = (
    "all rights reserved",
    "derechos reservados",  # todos los derechos reservados
    "tous droits réservés",
    "alle rechte vorbehalten",
    "direitos reservados",  # todos os direitos reservados
    "tutti i diritti riservati",
    "alle rechten voorbehouden",
    "všechna práva vyhrazena",
    "все права защищены",
    "版权所有",
    "版權所有",
    "無断転載",
    "著作権",
    "저작권",  # 저작권자 ⓒ …: the copyright holder
    "무단 전재",  # 무단 전재 및 재배포 금지: no reproduction without permission
    "सर्वाधिकार सुरक्षित",
    "कॉपीराइट",
    "حقوق محفوظ",  # جميع الحقوق محفوظة; Persian: تمامی حقوق … محفوظ است
    "حقوق النشر",
    "הזכויות שמורות",  # כל הזכויות שמורות
    "hakları saklıdır",  # Turkish: all rights reserved
    "hakkı saklıdır",  # Turkish: every right reserved
    "hak cipta",
    "prawa zastrzeżone",  # wszelkie prawa zastrzeżone
    "права захищені",  # Ukrainian: all rights reserved
    "bản quyền",
    "alla rättigheter förbehållna",
    "alle rettigheder forbeholdes",
    "alle rettigheter reservert",
    "kaikki oikeudet pidätetään",
    "ลิขสิทธิ์",  # Thai: copyright (สงวนลิขสิทธิ์: all rights reserved)
)
# the three forms of notice 17 U.S.C. § 401(b)(1) names (©, "Copyright", "Copr."), "(c)" for ©, or a reservation;
# each opens with a character, not an assertion ("c(?<!\wc)opr" for "\bcopr"), so in lower case the engine skips
# to where one may start
_NOTICE_FORMS = "|".join(
    [r"©|\(c\)|c(?<!\wc)opr\.|c(?<!\wc)opyright\b(?!ed| owner| holder| law| infringement| material)", *RIGHTS_RESERVED]
)
NOTICE = re.compile(_NOTICE_FORMS, re.I)  # in text as written
# in folded text (textfold.fold, in lower case), without IGNORECASE: twenty times quicker through a long line
FOLDED_NOTICE = re.compile(_NOTICE_FORMS)
_SOURCE_CUE = re.compile(
    r"\b(?:reprinted|republished|reproduced|reposted|syndicated|excerpted|adapted|originally|first published|from"
    r"|via|courtesy|source)\b",
    re.I,
)
YEARS = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-–—/]\s*((?:19|20)\d\d))?\b")
_DIGIT = re.compile(r"\d")  # a decimal digit of any script


def holder_part(text: str) -> str:
    """The part of a notice that names whose copyright it is: up to a source cue after the mark.

    "© 2024 Valley Reposts, reprinted from the Riverton Ledger" is the republisher's
    claim; the Ledger is named there as the source, not as the holder."""
    mark = NOTICE.search(text)
    cue = _SOURCE_CUE.search(text, mark.end()) if mark else None
    return text[: cue.start()] if cue else text


def notice_years(text: str) -> set[str]:
    """Every year a notice covers, ranges expanded, in whatever digits it is written ("© ٢٠٢٤", "२०२४")."""
    if not text.isascii():
        text = _DIGIT.sub(lambda digit: str(unicodedata.decimal(digit.group())), text)
    years: set[str] = set()
    for first, last in YEARS.findall(text):
        if last and int(first) <= int(last) <= int(first) + 200:
            years.update(str(y) for y in range(int(first), int(last) + 1))
        else:
            years.add(first)
    return years


def check(rule: Rule, context: Context) -> Finding:
    holders, missing = context.alternatives(rule, "holders")
    year, year_missing = context.value(rule, "year")
    if not holders:
        return finding(
            rule, False, f"Cannot check the copyright notice: {missing_variables(missing)}", context.variables
        )
    notices = context.statements(FOLDED_NOTICE)
    naming = [s for s in notices if names_in(holder_part(s.text), holders)]
    fix = f"<p>Copyright © {holders[0]}, {year or '{source.year}'}</p>"
    for notice in naming:
        if (year is None and not year_missing) or (year is not None and year in notice_years(notice.text)):
            return _found(rule, context, notice, f"Copyright notice names {names_in(notice.text, holders)[0]}")
    if naming:
        notice = naming[0]
        if year is None:
            message = f"Found {quote(notice.text)} but cannot check its year: {missing_variables(year_missing)}"
        else:
            given = ", ".join(sorted(notice_years(notice.text))) or "no year"
            message = f"The copyright notice gives {given}, not {year}: {quote(notice.text)}"
        return _failed(rule, context, notice, message, fix)
    wanted = " or ".join(holders)
    if hidden := hidden_mention(context.page, FOLDED_NOTICE, holders):
        return hidden_finding(rule, context, f"A copyright notice naming {wanted}", hidden, fix)
    if sourced := [s for s in notices if names_in(s.text, holders)]:
        message = f"The copyright notice claims the article for someone else and names {wanted} only as its source"
        return _failed(rule, context, sourced[0], f"{message}: {quote(sourced[0].text)}", fix)
    if notices:
        notice = _nearest_to_article(notices, context)
        return _failed(rule, context, notice, f"No copyright notice names {wanted}; found {quote(notice.text)}", fix)
    return finding(rule, False, f"No copyright notice for {wanted}", context.variables, fix=fix)


def _nearest_to_article(notices: list[Statement], context: Context) -> Statement:
    """The notice a reader would read as the article's: the first after the article, else the first."""
    last_article_block = max(context.article_blocks, default=-1)
    after = [n for n in notices if n.block > last_article_block]
    return after[0] if after else notices[0]


def _found(rule: Rule, context: Context, notice: Statement, message: str) -> Finding:
    block = context.page.blocks[notice.block]
    return finding(
        rule,
        True,
        f"{message}: {quote(notice.text)}",
        context.variables,
        evidence=block_evidence(block, notice.text),
        claims=[context.page.words_between(notice.start, notice.end)],
    )


def _failed(rule: Rule, context: Context, notice: Statement, message: str, fix: str) -> Finding:
    block = context.page.blocks[notice.block]
    return finding(
        rule,
        False,
        message,
        context.variables,
        evidence=block_evidence(block, notice.text),
        fix=fix,
        claims=[context.page.words_between(notice.start, notice.end)],
    )


def describe(params: dict) -> str:
    """The rule in plain words, for `compliance explain`."""
    year = f", with the year {params['year']}" if params.get("year") else ""
    return f"Carry a copyright notice naming {' or '.join(params['holders'])}{year}."

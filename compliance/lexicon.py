"""Word lists the checks read as data (`rules/lexicon/*.yaml`), so wordings are added without code.

The credit cues are regular expressions in several languages; every
language's cues apply to every page (a credit is read in the page's own
language). A policy adds its own with a rule's `cues` parameter.
"""

from __future__ import annotations

from functools import cache

import yaml

from .policy import rules_dir

LEXICON = "lexicon/credit-cues.yaml"


@cache
def _credit_lexicon() -> dict:
    with (rules_dir() / LEXICON).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def credit_cues() -> tuple[str, ...]:
    """Every language's credit cues, English first."""
    return tuple(cue for language, cues in _credit_lexicon().items() if language != "media" for cue in cues)


def media_words() -> tuple[str, ...]:
    """Words that, before a credit cue, make it a photo's or a chart's credit ("Photo: …")."""
    return tuple(_credit_lexicon()["media"])

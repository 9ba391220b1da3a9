"""Typographic folding and word tokens.

Readers don't call curly quotes, dashes, non-breaking spaces or compatibility
forms an edit, so every comparison in the checker happens on folded text.
Word tokens keep their character offsets so findings can quote the original.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

_CHAR_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[^\S\n]+")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def fold(text: str) -> str:
    """Fold typography and case: compatibility forms, quotes, dashes, spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_FOLDS)
    return " ".join(text.split()).casefold()


def clean_visible(text: str) -> str:
    """Drop invisible characters and collapse runs of spaces (not newlines)."""
    return _SPACES.sub(" ", text.translate(_INVISIBLE))


@dataclass(frozen=True)
class Words:
    """The folded words of a text, with where each one stands in it."""

    norms: list[str]
    starts: array  # array('i'): a 20 MB page has millions of words
    ends: array

    def __len__(self) -> int:
        return len(self.norms)


def words(text: str) -> Words:
    """Tokenize `text` into folded words (letters and digits; inner apostrophes kept)."""
    lowered = text.translate(_CHAR_FOLDS).lower()
    aligned = len(lowered) == len(text)  # else a rare letter's lower case is longer: fold word by word
    norms: list[str] = []
    starts, ends = array("i"), array("i")
    shared: dict[str, str] = {}  # one string object per distinct word
    for match in _WORD.finditer(lowered if aligned else text):
        token = match.group()
        norm = token if aligned and token.isascii() else fold(token)
        norms.append(shared.setdefault(norm, norm))
        starts.append(match.start())
        ends.append(match.end())
    return Words(norms, starts, ends)


def word_string(text: str) -> str:
    """The folded words of `text` joined by single spaces: punctuation-blind."""
    return " ".join(words(text).norms)

"""Typographic folding and word tokens.

Readers don't call curly quotes, dashes, non-breaking spaces or compatibility
forms an edit, so every comparison in the checker happens on folded text.
Word tokens keep their character offsets so findings can quote the original.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, groupby, pairwise
from sys import intern

_CHAR_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",  # an acute accent typed for an apostrophe, as Spanish and German keyboards make it
        "\u02bc": "'",  # the modifier letter apostrophe some editors put for one
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
        "\u24b8": "\u00a9",  # Ⓒ and ⓒ for ©, as Korean notices write it: NFKC would make them a bare "c"
        "\u24d2": "\u00a9",
    }
    # digits as Arabic (٢٠٢٤), Persian and Urdu, Hindi, Bengali and Thai write them: the same number to a reader,
    # and a site syndicating across the Arab world may write them either way
    | {chr(zero + digit): str(digit) for zero in (0x660, 0x6F0, 0x966, 0x9E6, 0xE50) for digit in range(10)}
)
_FOLDABLE = re.compile("[" + "".join(map(chr, _CHAR_FOLDS)) + "]")
# characters that take no room: soft hyphens, zero-width spaces and joiners, and the marks that set the direction
# of right-to-left text (an Arabic or Hebrew page puts them around punctuation: "المصدر\u200f:")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]")
# White space to collapse: runs, and single characters other than a plain space. A single space
# is left alone, not replaced by itself: re.sub keeps every piece of a text with millions of matches.
_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_SPACES = re.compile(r"[^\S\n]{2,}|[^\S \n]")  # the same, newlines kept
_SPACE = re.compile(r"\s")
_CHUNK = 1 << 16  # characters tokenized at a time
# a text longer than a piece has its words interned: one string for each distinct word, where a 20 MB page's
# three million words would each keep one of their own; a shorter text's are not, unless asked (a lookup for
# each of its words, 7% of checking a real page against its source)
MIN_INTERNED_TEXT = _CHUNK
MAX_WORDS_REMEMBERED = 1 << 14  # distinct non-ASCII words whose folded form is kept (see _fold_word)
# Chinese and Japanese write words without spaces between them: each character is a word of its own
# there, so a run of several is a phrase, as several words are elsewhere (Korean spaces its words). So do
# Thai, Lao, Myanmar and Khmer, whose spaces part phrases: each letter with its marks is a word there, or a
# phrase would be one word, and a word changed in it the whole phrase.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_WORD_SPLIT = re.compile(rf"([{_UNSPACED}]|[^\W{_UNSPACED}]+(?:['\u2019][^\W{_UNSPACED}]+)*)")
# the same for a text with no such character (most): a fifth quicker, as each character is tested against
# one class rather than against the unspaced scripts first and then a class with them taken out
_SPACED_WORD_SPLIT = re.compile(r"(\w+(?:['\u2019]\w+)*)")
_UNSPACED_CHARACTER = re.compile(f"[{_UNSPACED}]")
_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Fold typography and case: compatibility forms, quotes, dashes, spaces."""
    # folded before NFKC too: it makes an acute accent typed for an apostrophe a space and a combining accent
    text = fold_characters(unicodedata.normalize("NFKC", fold_characters(text)))
    return _WHITESPACE.sub(" ", text).strip().casefold()


LONG_TEXT = 100_000  # characters past which white space is collapsed by pattern rather than by splitting


def collapse_spaces(text: str) -> str:
    """Runs of white space as one space, the ends trimmed. Split and joined when short, which is quickest;
    by pattern when long, since splitting a 20 MB paragraph makes a string of each of its three million
    words at once."""
    if len(text) < LONG_TEXT:
        return " ".join(text.split())
    return _WHITESPACE.sub(" ", text).strip()


def clean_visible(text: str) -> str:
    """Drop invisible characters and collapse runs of spaces (not newlines)."""
    return _SPACES.sub(" ", drop_invisible(text))


def drop_invisible(text: str) -> str:
    """Text without the characters that take no room (soft hyphens, zero-width spaces and joiners, direction
    marks)."""
    return _INVISIBLE.sub("", text)


def fold_characters(text: str) -> str:
    """Curly quotes and dashes to their ASCII forms, one character for one.

    A regular expression finds the few such characters; `str.translate` with a
    table would look up every character of every page in Python objects."""
    return _FOLDABLE.sub(lambda match: _CHAR_FOLDS[ord(match.group())], text)


@dataclass(frozen=True)
class Words:
    """The folded words of a text, with where each one stands in it."""

    norms: list[str]
    starts: array  # array('i'): a 20 MB page has millions of words
    ends: array

    def __len__(self) -> int:
        return len(self.norms)


def words(text: str, interned: bool = False) -> Words:
    """Tokenize `text` into folded words (letters and digits; inner apostrophes kept); `interned`: each word
    the one string for it, whatever the text's length (see MIN_INTERNED_TEXT).

    Splitting on a capturing pattern yields separators and words alternately,
    and their running lengths are the offsets: all in C, which matters because
    every page of an audit is tokenized. A long text goes a chunk at a time, so
    the separators' strings never all exist at once (a 20 MB page has millions)."""
    result = Words([], array("i"), array("i"))
    interned = interned or len(text) > MIN_INTERNED_TEXT
    for start, end in _chunks(text):
        _tokenize(text[start:end], start, result, interned)
    return result


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of pieces of about _CHUNK characters, each ending at white space (no word is cut)."""
    position = 0
    while position < len(text):
        boundary = _SPACE.search(text, position + _CHUNK)
        end = boundary.start() if boundary else len(text)
        yield position, end
        position = end


def _tokenize(text: str, offset: int, into: Words, interned: bool) -> None:
    lowered, aligned = _lowered(text)
    searched = lowered if aligned else text
    parts = _word_pattern(searched).split(searched)
    tokens = parts[1::2]
    # added up in a list and made into arrays at once: an array grown from an iterator takes each item in turn
    bounds = list(accumulate(map(len, parts), initial=offset))
    into.starts.extend(array("i", bounds[1:-1:2]))
    into.ends.extend(array("i", bounds[2::2]))
    folded = _folded(tokens, aligned, lowered)
    into.norms.extend(map(intern, folded) if interned else folded)


def _word_pattern(text: str) -> re.Pattern:
    """The pattern of a word of `text`: _WORD_SPLIT, or its quicker form when no character is a word of its own;
    for text with combining marks, the same taking those marks into its words (see _marks)."""
    unspaced = _UNSPACED_CHARACTER.search(text) is not None
    if _has_marks(text):
        return _marked_word_pattern(unspaced)
    return _WORD_SPLIT if unspaced else _SPACED_WORD_SPLIT


def non_word(text: str) -> re.Pattern:
    """What parts the words of a name (`text`): any character but a letter or digit, and a mark in none."""
    return _marked_non_word() if _has_marks(text) else _NON_WORD


def _has_marks(text: str) -> bool:
    """Whether `text` has a combining mark."""
    return not text.isascii() and _mark_pattern().search(text) is not None


@functools.cache
def _marks() -> str:
    """The combining marks, as a character class's ranges. `\\w` matches no mark, yet a word may hold several:
    Hindi, Bengali and Tamil write their vowels as marks on the letters ("हिन्दी" is ह, a mark, न, two
    marks, द and a mark), Arabic its shadda and tanween, Hebrew its points, and a page copied from a Mac
    writes "é" as "e" and a combining accent. Split at its marks, such a word would lose them ("दिन", day,
    and "दान", gift, both ["द", "न"]); taken whole, it folds to the composed form (NFKC, in _fold_word)
    whichever order its marks were typed in.

    Those of the Basic Multilingual Plane, which holds every script in wide use: a class reaching past it is
    tried range by range, forty times slower. Listed on first need, in a few milliseconds, passing over the
    blocks that have none (Chinese characters, Hangul, surrogates, private use)."""
    searched = chain(range(0x300, 0x3400), range(0xA000, 0xAC00), range(0xF900, 0x10000))
    codes = [code for code in searched if unicodedata.category(chr(code))[0] == "M"]
    runs = ([code for _, code in run] for _, run in groupby(enumerate(codes), key=lambda pair: pair[1] - pair[0]))
    return "".join(f"{chr(run[0])}-{chr(run[-1])}" for run in runs)  # each run of consecutive marks a range


@functools.cache
def _mark_pattern() -> re.Pattern:
    return re.compile(f"[{_marks()}]")


@functools.cache
def _marked_non_word() -> re.Pattern:
    return re.compile(rf"[^\w{_marks()}]+|_+")


@functools.cache
def _marked_word_pattern(unspaced: bool) -> re.Pattern:
    """_WORD_SPLIT (`unspaced`) or _SPACED_WORD_SPLIT with each word's marks taken in."""
    marks = _marks()
    if not unspaced:
        return re.compile(rf"([\w{marks}]+(?:['\u2019][\w{marks}]+)*)")
    letter = rf"(?:[^\W{_UNSPACED}]|[{marks}])"
    return re.compile(rf"([{_UNSPACED}][{marks}]*|{letter}+(?:['\u2019]{letter}+)*)")


def _lowered(text: str) -> tuple[str, bool]:
    """The text's characters folded and lowered, and whether that kept every offset (else a rare letter's
    lower case is longer, and its words are folded one by one)."""
    lowered = fold_characters(text).lower()
    return lowered, len(lowered) == len(text)


def _folded(tokens: list[str], aligned: bool, lowered: str) -> list[str]:
    """The tokens of a piece of text folded: as they are when taken from its ASCII lower case."""
    if aligned and lowered.isascii():
        return tokens
    return [token if aligned and token.isascii() else _fold_word(token) for token in tokens]


@functools.lru_cache(maxsize=MAX_WORDS_REMEMBERED)
def _fold_word(word: str) -> str:
    """A word folded, remembered: a page's words repeat, and in Chinese or Japanese each character is a
    word, so a page folds its few thousand distinct characters rather than each of its tens of thousands."""
    return fold(word)


def unspaced(character: str) -> bool:
    """Whether a character is of a script written without spaces between its words (Chinese, Japanese, Thai …)."""
    return _UNSPACED_CHARACTER.match(character) is not None


def count_words(text: str) -> int:
    """How many words `text` has: its runs between spaces, each character of a script written without them one
    (a Chinese paragraph is dozens of words, not one), about as words() has them."""
    if _UNSPACED_CHARACTER.search(text) is None:
        return len(text.split())
    return len(_UNSPACED_CHARACTER.sub(r" \g<0> ", text).split())


def joined(words: list[str]) -> str:
    """Words as their scripts write them: parted by a space, but for those written without one ("开工预计", not
    "开 工 预 计")."""
    parts = words[:1]
    for before, word in pairwise(words):
        if not (unspaced(before[-1]) and unspaced(word[0])):
            parts.append(" ")
        parts.append(word)
    return "".join(parts)


def word_string(text: str) -> str:
    """The folded words of `text` joined by single spaces: punctuation-blind. The words of words(), found
    without their offsets (three times quicker: the texts a page hides are compared this way, each check)."""
    folded = []
    for start, end in _chunks(text):
        piece = text[start:end]
        lowered, aligned = _lowered(piece)
        searched = lowered if aligned else piece
        folded.extend(_folded(_word_pattern(searched).findall(searched), aligned, lowered))
    return " ".join(folded)

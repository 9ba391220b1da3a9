"""Lines and sentences of a page, and names found in them.

Credits and copyright notices are short statements: a line (a paragraph or a
`<br>`-separated line) or a sentence inside a longer one. Names are compared
after folding, ignoring a leading "The" and punctuation, so "The Hill",
"the Hill" and "TheHill" are one publisher; with its accents or without them, or
with German's umlauts written out ("El País" and "El Pais", "Süddeutsche" and
"Sueddeutsche"), as English text often writes a foreign name; by its
initials in capitals ("The Associated Press" and "AP", "WSJ" and "The Wall Street
Journal"), as credits shorten a name; and a site named for its news section by
the name it stands for ("BBC" for "BBC News").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..reading.document import Document
from ..reading.textfold import fold, non_word, unspaced

SHORT_LINE_WORDS = 30  # a credit line, a copyright line: no longer than this
MAX_SHORT_LINE_CHARACTERS = SHORT_LINE_WORDS * 100
# where a sentence may end (the break between two is captured): a stop and the closing quotes or brackets after
# it, then white space, before what may start a sentence (a capital or digit, or a character past ASCII, told in
# _sentences_of); or, after a stop of a script with no capitals to start the next (Chinese and Japanese 。,
# Hindi's danda, Arabic's question mark, Urdu's full stop), with or without white space
CASELESS_STOPS = "。！？।॥؟۔"  # stops of scripts with no capitals to start the next sentence
_SENTENCE_BREAK = re.compile(
    r"((?<=[.!?])[\"'’”»)\]]*\s+(?=[\"'‘“«(\[]?[A-Z0-9\u0080-\U0010ffff])"
    rf"|(?<=[{CASELESS_STOPS}])[\"'’”»」』)\]）]*\s*(?=\S))"
)
_OPENING = "\"'‘“«(["  # what may open a sentence before its first letter
_ASCII_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")  # the same, quicker in ASCII
# Japanese and Chinese write a name without spaces: "Yahoo!ニュース" is one name, not "Yahoo" and a word
_JOINED_TO_CJK = re.compile(r"(?<=[a-z0-9])[^\w\s]+(?=[\u3040-\u30ff\u3400-\u9fff])")
_HANGUL = re.compile("[\uac00-\ud7a3]")  # a Korean syllable: a particle joins the word it follows
_HEBREW = re.compile("[\u05d0-\u05ea]")
_HEBREW_PREFIXES = "בהולמשכ"  # in, the, and, to, from, that, as: Hebrew writes them joined to the word after
_LATIN_ACCENT = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")  # of a Latin letter only: a kana's voicing mark stays
_UMLAUTS_WRITTEN_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_INITIALED_WORD = re.compile(r"[A-Z][\w'’.]*")  # a word a name's initials are taken from: "Wall", "France"
_MINOR_WORDS = r"(?:of|and|&|for|the|de|du|des|la|le|el|der|die)"  # left out of initials: "Bank of America", BoA
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# a site's name of its news section: "BBC News", "AP News", "Daily Mail Online" are credited as "BBC", "AP" …
_NEWS_SECTION = re.compile(r"^(.+?)\s+(?:News|Online)$")


@dataclass(frozen=True)
class Statement:
    """A line or sentence of one block, with its offset in Document.text."""

    block: int
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def sentences(text: str) -> list[str]:
    """Split text into sentences: at line breaks, and at a stop followed by a sentence's start (see _sentences_of)."""
    return [part for line in text.split("\n") for part in _sentences_of(line) if part.strip()]


def _sentences_of(line: str) -> list[str]:
    """A line's sentences, split in C; a split after `.`, `!` or `?` before a character past ASCII stands only
    where that starts a sentence: a capital ("É", "Ж") or a letter of a script without capitals (Arabic,
    Hebrew), not a small letter ("т.е. это") or a sign."""
    if line.isascii():
        return _ASCII_SENTENCE_BREAK.split(line)
    pieces = _SENTENCE_BREAK.split(line)  # a sentence, a break, a sentence, …
    found = [pieces[0]]
    for separator, piece in zip(pieces[1::2], pieces[2::2]):
        first = piece.lstrip(_OPENING)[:1]
        starts = first.isdigit() or first.isupper() or (first.isalpha() and not first.islower())
        if found[-1][-1] in ".!?" and not starts:
            found[-1] += separator + piece
        else:
            found.append(piece)
    return found


class Searchable(Protocol):
    """A compiled pattern, or a lexicon of them (lexicon.Cues)."""

    def search(self, text: str) -> re.Match | None: ...


def statements(
    document: Document, pattern: Searchable, skip: Callable[[int], bool] = lambda block: False
) -> Iterator[Statement]:
    """The statements (short lines whole, and every sentence of every line) where folded `pattern` matches.

    A block is searched once, and split only when it matches somewhere; blocks
    `skip` names (the article's own paragraphs) are not searched at all."""
    for index, (block, folded) in enumerate(zip(document.blocks, document.folded_blocks)):
        if skip(index) or not pattern.search(folded):
            continue
        for statement in _split(index, block.start, block.text):
            if pattern.search(fold(statement.text)):
                yield statement


def is_short_line(line: str) -> bool:
    """Whether a line has at most SHORT_LINE_WORDS words, told without splitting a long one (a 20 MB
    paragraph would make a string of each of its millions of words at once)."""
    return len(line) <= MAX_SHORT_LINE_CHARACTERS and len(line.split()) <= SHORT_LINE_WORDS


def _split(index: int, start: int, text: str) -> Iterator[Statement]:
    offset = start
    for line in text.split("\n"):
        parts = sentences(line)
        if len(parts) > 1 and is_short_line(line):
            yield Statement(index, line, offset)
        position = offset
        for part in parts:
            position = start + text.find(part, position - start)
            yield Statement(index, part, position)
        offset += len(line) + 1


def normalize_name(name: str) -> str:
    """Folded words of a name, without a leading article: `The Hill` -> `hill`; `Yahoo!ニュース` ->
    `yahooニュース` (one name, as its script writes it)."""
    folded = _JOINED_TO_CJK.sub("", fold(name))
    words = non_word(folded).sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def names_in(text: str, names: list[str]) -> list[str]:
    """The names (as given) that `text` mentions: in full, however accented, or by their initials."""
    haystacks = [(f" {spelling} ", spelling.replace(" ", "")) for spelling in _spellings(normalize_name(text))]
    found = []
    for name in names:
        for form in _forms(name):
            normalized = normalize_name(form)
            if not normalized:
                continue
            if any(_mentions(haystacks, needle) for needle in _spellings(normalized)) or _by_initials(text, form):
                found.append(name)
                break
    return found


def _forms(name: str) -> list[str]:
    """A name, and the name its news section's name stands for: "BBC" for "BBC News", "Daily Mail" for
    "Daily Mail Online" (what is left must be initials or two words: "Fox" alone could be anyone's)."""
    section = _NEWS_SECTION.match(name.strip())
    if section and (_ACRONYM.fullmatch(section.group(1)) or len(section.group(1).split()) >= 2):
        return [name, section.group(1)]
    return [name]


def _mentions(haystacks: list[tuple[str, str]], needle: str) -> bool:
    """Whether one of the text's spellings (spaced, and with its spaces taken out) holds the name's words, or,
    for a name of eight letters or more, its letters run together ("TheHill", "Riverton-Ledger"). A name in a
    script written without spaces (Japanese, Thai) may stand anywhere, a Korean one may be followed by its
    particle ("데일리뉴스에"), and a Hebrew one preceded by a preposition or article ("בהארץ")."""
    squashed = needle.replace(" ", "")
    if unspaced(needle[0]):
        return any(needle in spaced for spaced, _ in haystacks)
    if _HANGUL.match(needle[-1]):
        return any(f" {needle}" in spaced for spaced, _ in haystacks)
    if _HEBREW.match(needle[0]):
        joined_to = re.compile(rf" [{_HEBREW_PREFIXES}]{{0,2}}{re.escape(needle)} ")
        return any(joined_to.search(spaced) for spaced, _ in haystacks)
    return any(f" {needle} " in spaced or (len(squashed) >= 8 and squashed in joined) for spaced, joined in haystacks)


def _spellings(normalized: str) -> set[str]:
    """A normalized name as written, without its Latin accents, and with German's umlauts written out."""
    if normalized.isascii():
        return {normalized}
    unaccented = _LATIN_ACCENT.sub("", unicodedata.normalize("NFD", normalized))
    written_out = _LATIN_ACCENT.sub("", unicodedata.normalize("NFD", normalized.translate(_UMLAUTS_WRITTEN_OUT)))
    return {normalized, unicodedata.normalize("NFC", unaccented), unicodedata.normalize("NFC", written_out)}


def _by_initials(text: str, name: str) -> bool:
    """Whether `text` names `name` by its initials in capitals ("AP" for "The Associated Press"), or, a name
    given as its initials ("WSJ"), spells it out in capitalized words ("The Wall Street Journal"). Minor
    words ("of", "and") are passed over; a word in lower case is no initial's, so "ap" names nothing."""
    given = name.strip()
    if _ACRONYM.fullmatch(given):
        spelled = rf"[\s-]+(?:{_MINOR_WORDS}\s+)?".join(rf"{letter}[\w'’.]*" for letter in given)
        return re.search(rf"(?<![\w]){spelled}(?![\w])", text) is not None
    words = re.split(r"[\s-]+", re.sub(r"^the\s+", "", given, flags=re.I))
    major = [word for word in words if not re.fullmatch(_MINOR_WORDS, word, re.I)]
    if len(major) < 2 or not all(_INITIALED_WORD.fullmatch(word) for word in major):
        return False
    forms = {"".join(word[0] for word in major), "".join(word[0] for word in words).upper()}  # NYT; TOI, BOA
    return re.search(rf"(?<![\w.])(?:{'|'.join(forms)})(?![\w])", text) is not None

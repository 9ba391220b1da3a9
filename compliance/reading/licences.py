"""Creative Commons licences, read from what pages write: deed URLs, badges, short and long names.

A source page declares its licence in many spellings — a `rel="license"` link
to `https://creativecommons.org/licenses/by-nd/4.0/`, a badge image from
`licensebuttons.net/l/by-nd/4.0/88x31.png`, JSON-LD `"license"`, or words
("CC BY-ND 4.0", "Creative Commons BY-ND 4.0", "Creative Commons
Attribution-NoDerivatives 4.0 International", "No Derivatives" in two words).
One reading serves the metadata reader, the `license` check and `--policy
auto`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

CODES = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
_ELEMENT_ORDER = ("by", "nc", "sa", "nd")
_LONG_ELEMENTS = {
    "attribution": "by",
    "noncommercial": "nc",
    "sharealike": "sa",
    "noderivatives": "nd",
    "noderivs": "nd",
}
LICENCE_URL = re.compile(  # a deed's or a badge's address
    r"(?:creativecommons\.org/licenses|licensebuttons\.net/l|i\.creativecommons\.org/l)"
    r"/((?:by|nc|sa|nd)(?:-(?:by|nc|sa|nd))*)(?:/(\d\.\d))?",
    re.I,
)
_SHORT = re.compile(r"\bcc[\s-]+((?:by|nc|sa|nd)(?:[\s-]+(?:nc|sa|nd))*)(?:[\s-]+(\d\.\d))?\b", re.I)
_CODE = re.compile(r"^\s*((?:by|nc|sa|nd)(?:-(?:nc|sa|nd))*)(?:\s+(\d\.\d))?\s*$", re.I)
# "Creative Commons BY-ND 4.0": the code after the long name's first words, joined by dashes or with a version
# ("licensed under Creative Commons by the author" names none)
_NAMED_CODE = re.compile(
    r"(?<![a-z0-9])creative[\s_]+commons[\s_-]+(by(?:-(?:nc|sa|nd))+|by(?=[\s-]+\d\.\d))(?:[\s-]+(\d\.\d))?", re.I
)
_LONG = re.compile(  # words apart by spaces, dashes, or underscores (a wiki page's name), "No Derivatives" too
    r"(?<![a-z0-9])creative[\s_]+commons[\s_]+"
    r"(attribution(?:[\s_-]+(?:non[\s_-]?commercial|share[\s_-]?alike|no[\s_-]?derivatives|no[\s_-]?derivs))*)"
    r"(?:[\s_]+(\d\.\d))?",
    re.I,
)


@dataclass(frozen=True)
class Licence:
    """A Creative Commons licence: its code (`by-nd`) and version (`4.0`, or None when not said)."""

    code: str
    version: str | None = None

    @property
    def short(self) -> str:
        """The name a reader knows: `CC BY-ND 4.0`."""
        return f"CC {self.code.upper()}" + (f" {self.version}" if self.version else "")

    @property
    def pack(self) -> str:
        """The built-in policy for this licence's terms: `cc-by-nd-4.0` (its licence rule takes the version the
        source declares, so a 3.0 source is judged by the same terms under its own version)."""
        return f"cc-{self.code}-4.0"


def parse_licence(value: str) -> Licence | None:
    """The licence a URL, a badge's address, a code (`by-nd 4.0`) or a name stands for; None if none."""
    for pattern in (LICENCE_URL, _SHORT, _CODE, _NAMED_CODE, _LONG):
        if match := pattern.search(value):
            return _from_match(match)
    return None


def named_licences(text: str) -> Iterator[Licence]:
    """Every licence a text names, by its short name ("CC BY-ND 4.0") or its long one ("Creative Commons
    Attribution-NoDerivatives 4.0 International")."""
    for pattern in (_SHORT, _NAMED_CODE, _LONG):
        for match in pattern.finditer(text):
            if licence := _from_match(match):
                yield licence


def deed_licence(href: str) -> Licence | None:
    """The licence whose deed (or legal code) on creativecommons.org a link opens; a badge image is no deed."""
    try:
        host = (urlsplit(href.strip()).hostname or "").removeprefix("www.")
    except ValueError:
        return None
    licence = parse_licence(href) if host == "creativecommons.org" else None
    return licence if licence and licence.version else None


def _from_match(match: re.Match) -> Licence | None:
    if match.re is _LONG:
        words = re.split(r"[\s_-]+", re.sub(r"\b(non|share|no)[\s_-]+", r"\1", match.group(1).lower()))
        return _licence([_LONG_ELEMENTS[word] for word in words], match.group(2))
    return _licence(re.split(r"[\s-]+", match.group(1).lower()), match.group(2))


def _licence(elements: list[str], version: str | None) -> Licence | None:
    """Elements in any order (`by-nd-nc`) to the code CC writes (`by-nc-nd`)."""
    code = "-".join(element for element in _ELEMENT_ORDER if element in elements)
    return Licence(code, version) if code in CODES else None

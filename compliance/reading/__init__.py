"""Reading pages and sources: files, directories, standard input, any encoding.

Bytes are decoded as a browser would: the byte-order mark, then the declared
charset (the HTTP header, else an XML declaration or a `<meta charset>` /
`http-equiv` near the start, looked for as BeautifulSoup's EncodingDetector does),
then UTF-8, then detection (BeautifulSoup's UnicodeDammit, loaded only for text
that is neither declared nor UTF-8: it costs a fifth of the start-up), with
invalid bytes replaced rather than fatal.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from ..errors import ComplianceError
from ..fetch import Fetcher, is_url
from .document import Document
from .html import comments_in, html_document, parse_tree, paths_on_demand
from .text import parse_text

PAGE_SUFFIXES = (".html", ".htm", ".md", ".mdx")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MAX_BYTES = 64 * 1024 * 1024
MAX_BAD_BYTES_PER = 200  # more than one undecodable byte in this many: not UTF-8
BINARY_SIGNATURES = (  # images, PDFs, archives, audio, video, executables: what no browser shows as a page
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"fLaC",
    b"\x00\x00\x00",
    b"\x7fELF",
    b"MZ",
    b"\xca\xfe\xba\xbe",
    b"wOFF",
)
TEXT_CONTROLS = b"\t\n\x0c\r"
CONTROL_BYTES = bytes(b for b in range(32) if b not in TEXT_CONTROLS) + b"\x7f"
MAX_CONTROL_SHARE = 0.1  # of the first 8 KB: a text document with a few stray control bytes is still text
CONTROL_SCAN_CHUNK = 1 << 20  # bytes copied at a time when counting control bytes
MIN_SNIFFED_BYTES = 64  # a few bytes say too little to be called binary: "<a\x00>" is a page a browser shows
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


_MARKDOWN_LINK = re.compile(rb"\[[^\]\n]{1,200}\]\([^()\s]*\)")
XML_PRESCAN_BYTES = 1024  # where an XML declaration may stand
HTML_PRESCAN_BYTES = 2048  # at least this far for a <meta> charset
MAX_HEAD_BYTES = 256 * 1024  # a head longer than this (inline scripts and styles) is not searched to its end
_BODY_START = re.compile(rb"<body[\s>]", re.I)
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def expand_pages(locations: list[str]) -> list[str]:
    """Files as given; directories as their pages, recursively, in sorted order."""
    pages: list[str] = []
    for location in locations:
        path = Path(location)
        if location != "-" and not is_url(location) and path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES and p.is_file())
            if not found:
                raise ComplianceError(f"{location}: no .html, .htm, .md or .mdx files in this directory")
            pages.extend(found)
        else:
            pages.append(location)
    return pages


def read_document(
    location: str, fetcher: Fetcher | None = None, from_content: bool = False, structure: bool = False
) -> Document:
    """Read and parse a page or source given as a path, a URL or `-` (standard input).

    `from_content`: the URL was found in a page, not given by the user (see compliance/fetch);
    `structure`: keep what article extraction needs (see html.parse_html)."""
    if is_url(location):
        fetched = (fetcher or Fetcher()).fetch(location, from_content=from_content)
        data, kind = fetched.data, fetched.kind
        _refuse_binary(data, location)
        return parse_bytes(data, location, fetched.charset, base_url=fetched.url, kind=kind, structure=structure)
    # handed over without a name here, so parse_bytes can let a 20 MB page's bytes go once decoded
    return parse_bytes(_refuse_binary(_read_bytes(location), location), location, structure=structure)


def read_bytes(location: str, fetcher: Fetcher | None = None) -> bytes:
    """The raw bytes of a path or URL (fetched through the cache)."""
    return (fetcher or Fetcher()).fetch(location).data if is_url(location) else _read_bytes(location)


def _refuse_binary(data: bytes, location: str) -> bytes:
    """Refuse what is not a text document (an image, a PDF, an archive, bytes mostly not text); a page with
    a few NUL or control bytes is read as a browser reads it, without them."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, by its byte-order mark
        return data
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    mostly_not_text = len(head) >= MIN_SNIFFED_BYTES and controls > MAX_CONTROL_SHARE * len(head)
    if head.startswith(BINARY_SIGNATURES) or mostly_not_text:
        raise ComplianceError(f"{location}: binary data, not an HTML, Markdown or text document")
    return data


def _has_control_bytes(data: bytes) -> bool:
    """Whether bytes may decode to control characters: counted in the bytes, in C, a chunk at a time (five
    times quicker than searching the text). An ASCII-compatible encoding writes a control character as its
    own byte; UTF-16 writes NUL bytes everywhere, so its text is searched instead."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    chunks = (data[start : start + CONTROL_SCAN_CHUNK] for start in range(0, len(data), CONTROL_SCAN_CHUNK))
    return any(len(chunk.translate(None, CONTROL_BYTES)) < len(chunk) for chunk in chunks)


def _without_controls(text: str, controls_possible: bool) -> tuple[str, list[str]]:
    """Text less the control characters browsers do not show (NUL among them), and a note if any went."""
    if not controls_possible:
        return text, []
    cleaned, dropped = _CONTROL_CHARACTERS.subn("", text)
    note = f"{dropped} control character(s) (NUL and the like) dropped, as a browser drops them"
    return cleaned, [note] if dropped else []


def parse_bytes(
    data: bytes,
    location: str,
    declared_encoding: str | None = None,
    base_url: str | None = None,
    kind: str | None = None,
    structure: bool = False,
) -> Document:
    """Decode and parse a document's bytes; its kind is given, or comes from its name, else its content."""
    kind = kind or page_kind(location, data)
    controls_possible = _has_control_bytes(data)
    if kind == "html":  # the bytes or the text are let go before the tree is read
        text, encoding, _ = decoded(data, True, declared_encoding)
        text, notes = _without_controls(text, controls_possible)
        comments = comments_in(text)
        on_demand = paths_on_demand(len(text))
        # valid UTF-8 is parsed as it came (encoding the text again cost 0.1-0.2 ms a page); libxml2 would
        # read a cut sequence's bytes as a replacement character each, where a browser reads one
        markup = data if _is_utf8(encoding) and not notes and "\ufffd" not in text else text
        del data, text
        root, flattened = parse_tree(markup, location)
        del markup
        document = html_document(
            root, location, base_url, structure=structure, comments=comments, paths_on_demand=on_demand
        )
        document.notes = notes + flattened
        return document
    text, notes = _without_controls(decode(data, False, declared_encoding), controls_possible)
    if kind == "markdown":
        from .markdown import parse_markdown  # markdown-it loaded only for Markdown

        document = parse_markdown(text, location, base_url)
    else:
        document = parse_text(text, location)
    document.notes = notes
    return document


def decode(data: bytes, is_html: bool, declared_encoding: str | None = None) -> str:
    """Bytes to text as a browser would: BOM, declared charset, UTF-8, then detection.

    Undeclared text that is UTF-8 but for a few bad bytes stays UTF-8 (the bad
    bytes replaced); only text that is clearly not UTF-8 goes to detection.
    """
    return decoded(data, is_html, declared_encoding)[0]


def decoded(data: bytes, is_html: bool, declared_encoding: str | None = None) -> tuple[str, str, int]:
    """The text of `decode`, the encoding it was read in, and where the text starts (past a byte-order mark)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace"), encoding, len(bom)
    for encoding in (declared_encoding, _declared_in(data, is_html)):
        if encoding and _known(encoding):
            return data.decode(encoding, "replace"), encoding, 0
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
    if text.count("\ufffd") <= max(1, len(data) // MAX_BAD_BYTES_PER):
        return text, "utf-8", 0
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(data, is_html=is_html)
    if dammit.unicode_markup is None:
        return text, "utf-8", 0
    return dammit.unicode_markup, dammit.original_encoding or "utf-8", 0


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _declared_in(data: bytes, is_html: bool) -> str | None:
    """The charset the document declares near its start: an XML declaration in the first 1 KB, or (in HTML) a
    `<meta>` anywhere in the head, or in the first 2 KB or 5% (as BeautifulSoup's EncodingDetector looks)."""
    found = _XML_ENCODING.search(data, 0, XML_PRESCAN_BYTES)
    if not found and is_html:
        body = _BODY_START.search(data, 0, MAX_HEAD_BYTES)
        end = max(HTML_PRESCAN_BYTES, len(data) // 20, body.start() if body else 0)
        found = _META_CHARSET.search(data, 0, end)
    return found.group(1).decode("ascii").lower() if found else None


def _read_bytes(location: str) -> bytes:
    if location == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    path = Path(location)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ComplianceError(f"{location}: larger than {MAX_BYTES // 2**20} MiB")
        return path.read_bytes()
    except FileNotFoundError:
        raise ComplianceError(f"{location}: no such file") from None
    except IsADirectoryError:
        raise ComplianceError(f"{location}: is a directory") from None
    except OSError as error:
        raise ComplianceError(f"{location}: cannot read ({error.strerror or error})") from None
    except ValueError as error:  # a name no file can have: "embedded null byte"
        raise ComplianceError(f"{location!r}: cannot read ({error})") from None


def page_kind(location: str, data: bytes) -> str:
    """ "html", "markdown" or "text": by the name's suffix, else by what the bytes begin with."""
    suffix = Path(location).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head or b"<div" in head:
        return "html"
    if head.startswith((b"---\n", b"---\r\n", b"+++\n", b"+++\r\n")) or _MARKDOWN_LINK.search(head):
        return "markdown"  # front matter, or [text](url) links: Markdown saved under another name
    return "text"

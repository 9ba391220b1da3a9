"""Plain-text pages: paragraphs separated by blank lines, each line kept."""

from __future__ import annotations

from .document import Document
from .textfold import clean_visible


def parse_text(text: str, location: str) -> Document:
    """One block a paragraph, with the line it starts on."""
    blocks: list[tuple[str, int | None, str]] = []
    lines: list[str] = []
    first = 0
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(clean_visible(line).strip())
        elif lines:
            blocks.append(("\n".join(lines), first, ""))
            lines = []
    return Document.from_blocks(location, "text", blocks)

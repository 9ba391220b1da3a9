"""`--format json`: one JSON document, as the CLI contract specifies."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..findings import PageResult

VERSION = 1


def render(results: Iterable[PageResult], color: bool = False) -> Iterator[str]:
    """The document json.dumps(indent=1) would write, a page at a time: an audit's results are never all held."""
    yield f'{{\n "version": {VERSION},\n "results": ['
    separator = "\n"
    for result in results:
        page = json.dumps(result.to_json(), ensure_ascii=False, indent=1)  # no newline inside a JSON string
        yield separator + "  " + page.replace("\n", "\n  ")
        separator = ",\n"
    yield "]\n}\n" if separator == "\n" else "\n ]\n}\n"

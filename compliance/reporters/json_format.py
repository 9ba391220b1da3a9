"""`--format json`: one JSON document, as the CLI contract specifies."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..findings import PageResult

VERSION = 1


def render(results: Iterable[PageResult], color: bool = False) -> Iterator[str]:
    """The document, a page a line (grep and diff find a page's line; a JSON reader sees one document),
    written a page at a time: an audit's results are never all held. Each page is encoded by the json
    module's C encoder: an indented layout goes through its Python one, which took 0.1 ms a page, the
    largest part of a 1,338-page audit's tail when every core was busy checking."""
    yield f'{{"version": {VERSION},\n "results": ['
    separator = "\n  "
    for result in results:
        yield separator + json.dumps(result.to_json(), ensure_ascii=False)  # no newline inside a JSON string
        separator = ",\n  "
    yield "]}\n" if separator == "\n  " else "\n ]}\n"

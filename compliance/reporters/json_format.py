"""`--format json`: one JSON document, as the CLI contract specifies."""

from __future__ import annotations

import json

from ..findings import PageResult

VERSION = 1


def render(results: list[PageResult], color: bool = False) -> str:
    return (
        json.dumps({"version": VERSION, "results": [r.to_json() for r in results]}, ensure_ascii=False, indent=1) + "\n"
    )

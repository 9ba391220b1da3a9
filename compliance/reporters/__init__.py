"""Reporters, one module a format: each has `render(results, color)`, yielding the report in pieces that
are written as they come (an audit's results are read back from its store: the formats an audit of a
million pages writes, text, JSON and CSV, go a page at a time)."""

from __future__ import annotations

from types import ModuleType

from . import csv_format, github_format, json_format, junit_format, markdown_format, sarif_format, text_format

REPORTERS: dict[str, ModuleType] = {
    "text": text_format,
    "json": json_format,
    "csv": csv_format,
    "markdown": markdown_format,
    "sarif": sarif_format,
    "junit": junit_format,
    "github": github_format,
}

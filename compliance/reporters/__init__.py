"""Reporters, one module a format: each has `render(results, color) -> str`."""

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

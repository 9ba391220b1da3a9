"""Reporters, one module a format: each has `render(results, color) -> str`."""

from __future__ import annotations

from types import ModuleType

from . import json_format, text_format

REPORTERS: dict[str, ModuleType] = {"text": text_format, "json": json_format}

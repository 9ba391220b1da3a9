"""The project config: `compliance.toml`, or `[tool.compliance]` in `pyproject.toml`.

Found from the current folder upward (the first folder holding either wins;
a `pyproject.toml` without the table is passed over), so `compliance check` in
any folder of a site's repository checks what the repository says. Paths in it
are relative to its folder. It is validated by `rules/config.schema.json`, and a
mistake is reported with its file and line, as a policy's is.

    policy = "auto"
    include = ["content/**/*.md", "public/**/*.html"]
    exclude = ["drafts/"]
    source-field = "source_url"            # a Markdown page's front matter names its source

    [variables]
    "source.publisher" = "Riverton Ledger"

    [[pages]]                              # every matching entry applies, later ones over earlier
    match = ["content/partners/**"]
    policy = "cc-by-nd-4.0"

    [[pages]]
    match = ["content/legacy/**"]
    ignore = ["copyright"]                 # rule names or codes (CMP003)
    reason = "The old CMS strips copyright lines; pages are re-published by hand (#214)"
"""

from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import ComplianceError
from ..fetch import is_url
from ..policy import rules_dir

CONFIG_FILE = "compliance.toml"
PYPROJECT = "pyproject.toml"
DEFAULT_INCLUDE = ("**/*.html", "**/*.htm", "**/*.md", "**/*.mdx")
DECLARED = "declared"  # `source = "declared"`: each page's own declared source (its credit link, canonical…)
DEFAULT_EXCLUDE = (".git/", ".venv/", "node_modules/")
_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass
class Terms:
    """What a config says of one page: its policy, variables, where its source is, and rules it waives."""

    policy: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    source: str | None = None
    source_field: str | None = None
    ignored: list[tuple[str, str, int]] = field(default_factory=list)  # (rule, reason, the config's line saying so)


@dataclass
class Config:
    """A project's config, as read; `path` None for none (defaults only)."""

    path: Path | None
    data: dict
    lines: dict[str, int]  # each setting -> the line it was set on ("pages.2.ignore" for an entry's key)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    def origin(self, key: str) -> str:
        """Where a setting was set: `compliance.toml:3`, or `default`."""
        return f"{self.path.name}:{self.lines[key]}" if self.path and key in self.lines else "default"

    def pages(self) -> list[str]:
        """The configured pages: the URLs `include` lists, then the files its globs match less `exclude`,
        sorted, as paths relative to the current folder."""
        patterns = self.get("include", DEFAULT_INCLUDE)
        urls = [pattern for pattern in patterns if is_url(pattern)]
        include = _spec(tuple(pattern for pattern in patterns if not is_url(pattern)))
        found = sorted(relative for relative in include.match_tree_files(self.root) if not self.excludes(relative))
        return urls + [os.path.relpath(self.root / relative) for relative in found]

    def excludes(self, relative: str) -> bool:
        """Whether a page (relative to the config's folder) is excluded."""
        return _spec(tuple(self.get("exclude", ())) + DEFAULT_EXCLUDE).match_file(relative)

    def relative(self, location: str) -> str:
        """A page's location relative to the config's folder (a URL as it is)."""
        if is_url(location):
            return location
        return Path(os.path.relpath(Path(location).resolve(), self.root.resolve())).as_posix()

    def terms_for(self, location: str) -> Terms:
        """The terms of one page: the top-level settings, then every matching `[[pages]]` entry in order."""
        terms = Terms(self.policy_setting("policy"), dict(self.get("variables", {})), None, self.get("source-field"))
        if self.get("source") != DECLARED:
            terms.source = self._source(self.get("source"), location)
        relative = self.relative(location)
        for number, entry in enumerate(self.get("pages", []), start=1):
            if not _matches(entry["match"], relative):
                continue
            terms.policy = self.policy_setting("policy", entry) or terms.policy
            terms.variables.update(entry.get("variables", {}))
            if entry.get("source") == DECLARED:  # what each page declares, as with no source at all
                terms.source, terms.source_field = None, None
            elif entry.get("source"):
                terms.source = self._source(entry["source"], location)
            terms.source_field = entry.get("source-field", terms.source_field)
            line = self.lines.get(f"pages.{number}.ignore", 1)
            terms.ignored += [(rule, entry.get("reason", ""), line) for rule in entry.get("ignore", [])]
        return terms

    def policy_setting(self, key: str, table: dict | None = None) -> str | None:
        """A policy setting: a file named relative to the config's folder, else a built-in name."""
        value = (self.data if table is None else table).get(key)
        if value and value.endswith((".yaml", ".yml", ".json")) and not os.path.isabs(value):
            return str(self.root / value)
        return value

    def _source(self, template: str | None, location: str) -> str | None:
        """A source setting filled in for one page ({path}, {dir}, {name}, {stem}), relative to the config."""
        if not template:
            return None
        path = self.relative(location)
        parts = PurePosixPath(path)
        folder = path.rpartition("/")[0]
        filled = template.format_map({"path": path, "dir": folder, "name": parts.name, "stem": parts.stem})
        return filled if is_url(filled) or os.path.isabs(filled) else str(self.root / filled)


def find_config(start: Path | None = None) -> Path | None:
    """The config in force: `compliance.toml`, or a `pyproject.toml` with `[tool.compliance]`, in the
    current folder or the nearest one above it."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and re.search(r"^\[tool\.compliance[\].]", _text(pyproject), re.M):
            return pyproject
    return None


def load_config(path: Path | None) -> Config:
    """Read and validate a config file (None: no config, every setting its default)."""
    if path is None:
        return Config(None, {}, {})
    text = _text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise ComplianceError(f"{path}:{line.group(1) if line else 1}: invalid TOML ({error})") from None
    prefix: tuple[str, ...] = ()
    if path.name == PYPROJECT:
        data, prefix = data.get("tool", {}).get("compliance", {}), ("tool", "compliance")
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(error.absolute_path))
    if errors:
        error = errors[0]
        where = [*prefix, *error.absolute_path]
        message = error.message if not error.absolute_path else f"{'.'.join(map(str, where))}: {error.message}"
        raise ComplianceError(f"{path}:{line_of(text, where)}: {message}")
    if data.get("require-reason", True):
        for number, entry in enumerate(data.get("pages", [])):
            if entry.get("ignore") and not entry.get("reason"):
                line = line_of(text, [*prefix, "pages", number, "ignore"])
                message = f"pages #{number + 1}: `ignore` needs a `reason` (why it does not apply)"
                raise ComplianceError(f"{path}:{line}: {message}")
    return Config(path, data, _lines(text, data, prefix))


def line_of(text: str, where: list) -> int:
    """The line of a TOML text where a key path (["pages", 1, "policy"]) is set: the key's own line in its
    table (or array entry), else the entry's header, else 1."""
    if any(isinstance(part, int) for part in where):
        cut = next(i for i, part in enumerate(where) if isinstance(part, int))
        table, index = ".".join(map(str, where[:cut])), where[cut]
        key = next((part for part in where[cut + 1 :] if isinstance(part, str)), None)
    else:
        table, index, key = ".".join(where[:-1]), None, (where[-1] if where else None)
    current, entries, entry_line = "", -1, None
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _TABLE_HEADER.match(line):
            current = header.group(2).replace('"', "").replace(" ", "")
            if header.group(1) == "[[" and current == table:
                entries += 1
                entry_line = number if entries == index else entry_line
            elif index is None and key and current == ".".join(filter(None, (table, key))):
                return number  # the key is a table of its own
            continue
        in_place = key and current == table and (index is None or entries == index)
        if in_place and re.match(rf'\s*"?{re.escape(key)}"?\s*=', line):
            return number
    return entry_line or 1


def _lines(text: str, data: dict, prefix: tuple[str, ...]) -> dict[str, int]:
    """The line each setting was set on."""
    lines = {key: line_of(text, [*prefix, key]) for key in data if key != "pages"}
    for number, entry in enumerate(data.get("pages", []), start=1):
        lines[f"pages.{number}"] = line_of(text, [*prefix, "pages", number - 1])
        if "ignore" in entry:
            lines[f"pages.{number}.ignore"] = line_of(text, [*prefix, "pages", number - 1, "ignore"])
    return lines


def describe(config: Config) -> str:
    """What `compliance config` prints: each setting in force, and where it came from."""
    lines = [f"config: {config.path}" if config.path else "config: none found (defaults in force)"]
    settings = {
        "policy": "auto",
        "default-policy": "fair-use-notice",
        "variables": {},
        "include": list(DEFAULT_INCLUDE),
        "exclude": [],
        "source": None,
        "source-field": None,
        "fail-on": "error",
        "require-reason": True,
    }
    for key, default in settings.items():
        value = config.get(key, default)
        origin = config.origin(key)
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}  # {origin}")
    lines.append(f"exclude (always) = {json.dumps(list(DEFAULT_EXCLUDE))}  # default")
    for number, entry in enumerate(config.get("pages", []), start=1):
        origin = config.origin(f"pages.{number}")
        lines.append(f"[[pages]] #{number} = {json.dumps(entry, ensure_ascii=False)}  # {origin}")
    return "\n".join(lines)


def _matches(patterns: list[str], relative: str) -> bool:
    """Whether a page matches an entry: URL patterns by fnmatch-style globbing, paths by gitignore rules."""
    urls = [pattern for pattern in patterns if is_url(pattern)]
    paths = tuple(pattern for pattern in patterns if not is_url(pattern))
    if is_url(relative):
        return any(_url_pattern(pattern).fullmatch(relative) for pattern in urls)
    return bool(paths) and _spec(paths).match_file(relative)


@functools.lru_cache(maxsize=256)
def _url_pattern(pattern: str) -> re.Pattern:
    """`*` is any run of characters but `/`, `**` any run at all."""
    parts = re.split(r"(\*\*|\*)", pattern)
    return re.compile("".join({"**": ".*", "*": "[^/]*"}.get(part, re.escape(part)) for part in parts))


@functools.lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]):
    """Gitignore-style patterns matched by pathspec (loaded only with a config: a tenth of start-up)."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


@functools.cache
def _validator():
    import jsonschema  # loaded by the commands that read a config

    schema = json.loads((rules_dir() / "config.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ComplianceError(f"{path}: cannot read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ComplianceError(f"{path}:1: not UTF-8 text") from None

"""What an audit checks: a manifest, a directory, a sitemap or a list of URLs, read into jobs.

- Manifest, CSV or JSON Lines: columns `page`, `source`, `policy` and
  `var.<name>`; relative paths resolve against the manifest's folder, and a
  result keeps `page` as written.
- Directory: its `.html`, `.htm`, `.md` and `.mdx` files, recursively, sorted.
- Sitemap (`sitemap.xml`, a file or URL): its `<loc>` URLs; sitemap indexes are followed.
- Text file of URLs (or paths): one a line; blank lines and `#` comments skipped.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import lxml.etree

from ..engine import Job
from ..errors import ComplianceError
from ..fetch import Fetcher, is_url
from ..policy.variables import parse_var_arguments
from ..reading import expand_pages, read_bytes

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MAX_SITEMAPS = 1000


@dataclass
class Listing:
    """What an audit input lists. A manifest is read twice, a row at a time: once here to check every row
    (an error names its line before any page is checked) and count them, once as the audit runs, so a
    manifest of millions of rows is never held whole."""

    count: int
    policies: set[str]  # the policies rows name, loaded before any page so a mistake stops the audit early
    jobs: Callable[[], Iterator[Job]]


def read_listing(source: str, fetcher: Fetcher, defaults: Job) -> Listing:
    """The jobs an audit input lists; `defaults` gives the policy, source and variables rows leave out."""
    path = Path(source)
    suffix = path.suffix.lower() if not is_url(source) else ""
    if suffix in (".csv", ".jsonl", ".ndjson"):
        rows = _csv_rows if suffix == ".csv" else _jsonl_rows

        def jobs() -> Iterator[Job]:
            return (_manifest_job(path, line, row, defaults) for line, row in rows(path))

        count, policies = 0, {defaults.policy}
        for job in jobs():
            count += 1
            policies.add(job.policy)
        return Listing(count, policies, jobs)
    listed = _listed_jobs(source, path, fetcher, defaults)
    return Listing(len(listed), {defaults.policy}, lambda: iter(listed))


def _listed_jobs(source: str, path: Path, fetcher: Fetcher, defaults: Job) -> list[Job]:
    """The jobs of a directory, a sitemap or a file of URLs (a list of locations, held: no rows to check)."""
    if not is_url(source) and path.is_dir():
        return [_job(defaults, location) for location in expand_pages([source])]
    data = read_bytes(source, fetcher)
    if _is_sitemap(data):
        return [_job(defaults, url) for url in _sitemap_urls(data, source, fetcher)]
    if is_url(source):
        raise ComplianceError(f"{source}: not a sitemap (an audit of one page is `compliance check`)")
    return [_job(defaults, _resolve(path, line)) for line in _lines(data)]


def _job(defaults: Job, location: str, label: str | None = None, **changes) -> Job:
    return Job(
        location,
        changes.get("policy") or defaults.policy,
        changes.get("source") or defaults.source,
        {**defaults.variables, **changes.get("variables", {})},
        label,
    )


def _manifest_job(path: Path, line: int, row: dict, defaults: Job) -> Job:
    page = str(row.get("page") or "").strip()
    if not page:
        raise ComplianceError(f"{path}:{line}: no `page` in this row")
    if None in row:  # csv's key for the values past the header's columns
        raise ComplianceError(f"{path}:{line}: this row has more values than the header has columns")
    if not isinstance(row.get("vars") or {}, dict):
        raise ComplianceError(f"{path}:{line}: `vars` must be an object of names and values")
    variables = {key[4:]: str(value) for key, value in row.items() if key.startswith("var.") and value}
    variables.update(row.get("vars") or {})
    try:
        parse_var_arguments([f"{key}={value}" for key, value in variables.items()])
    except ComplianceError as error:
        raise ComplianceError(f"{path}:{line}: {error}") from None
    source = str(row.get("source") or "").strip() or None
    return _job(
        defaults,
        _resolve(path, page),
        page,
        policy=_resolve_policy(path, row.get("policy")),
        source=_resolve(path, source) if source else None,
        variables=variables,
    )


def _resolve(manifest: Path, location: str) -> str:
    """A location as the manifest names it, relative to the manifest's folder (os.path: a million rows)."""
    if is_url(location) or location == "-" or os.path.isabs(location):
        return location
    return os.path.join(os.path.dirname(manifest), location)


def _resolve_policy(manifest: Path, policy: object) -> str | None:
    if not policy or not str(policy).strip():
        return None
    name = str(policy).strip()
    return _resolve(manifest, name) if name.endswith((".yaml", ".yml", ".json")) or "/" in name else name


@contextmanager
def _opened(path: Path) -> Iterator[TextIO]:
    """A manifest opened as text (a byte-order mark skipped, bad bytes replaced), or its one-line error."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            yield handle
    except FileNotFoundError:
        raise ComplianceError(f"{path}: no such file") from None
    except OSError as error:
        raise ComplianceError(f"{path}: cannot read ({error.strerror or error})") from None


def _csv_rows(path: Path) -> Iterator[tuple[int, dict]]:
    with _opened(path) as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "page" not in reader.fieldnames:
            raise ComplianceError(f"{path}:1: a manifest needs a `page` column (and may have source, policy, var.NAME)")
        for row in reader:
            yield reader.line_num, row


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict]]:
    with _opened(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ComplianceError(f"{path}:{number}: invalid JSON ({error.msg})") from None
            if not isinstance(row, dict):
                raise ComplianceError(f"{path}:{number}: each line must be a JSON object")
            yield number, row


def _lines(data: bytes) -> list[str]:
    lines = [line.strip() for line in data.decode("utf-8-sig", "replace").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def _is_sitemap(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _sitemap_urls(data: bytes, location: str, fetcher: Fetcher, depth: int = 0) -> list[str]:
    """The page URLs of a sitemap, following a sitemap index into its sitemaps."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise ComplianceError(f"{location}: invalid sitemap XML ({error})") from None
    locations = [(loc.text or "").strip() for loc in root.iter(f"{SITEMAP_NS}loc", "loc")]
    if root.tag.endswith("sitemapindex"):
        if depth > 2:
            raise ComplianceError(f"{location}: sitemap indexes nested too deeply")
        urls = []
        for nested in locations[:MAX_SITEMAPS]:
            content = read_bytes(_resolve(Path(location), nested), fetcher)
            urls.extend(_sitemap_urls(content, nested, fetcher, depth + 1))
        return urls
    return [url for url in locations if url]

"""Checking pages: the Python API behind the command line.

from compliance import check_page, load_policy, read_document, read_source
policy = load_policy("fair-use-notice")
source = read_source("original.html")
result = check_page(read_document("draft.html"), policy, source, {"source.year": "2017"})
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from ..alignment.article import extract_article
from ..alignment.context import Context
from ..checks import CHECKS
from ..errors import ComplianceError
from ..fetch import Fetcher, is_url
from ..fetch.urls import host
from ..findings import PageResult
from ..policy import Policy, load_policy, policy_for_box, policy_for_host
from ..policy.variables import page_variables, source_variables
from ..reading import read_document
from ..reading.document import Document
from ..reading.licences import parse_licence
from .declared import credited_source, declared_source

AUTO = "auto"
DEFAULT_POLICY = "fair-use-notice"
# sources a checker keeps once read (about half a megabyte each): the last ones used, not all of a run's,
# since an audit of a network's republications may name a different source on every page
MAX_SOURCES_KEPT = 64


def read_source(location: str, fetcher: Fetcher | None = None, from_content: bool = False) -> Document:
    """Read the original article (a path or URL): an HTML page is cut down to its article."""
    document = read_document(location, fetcher, from_content, structure=True)
    document.root = None  # no rule queries a source's elements; its tree would outlive every page checked
    document.kept = True
    if document.kind != "html":
        return document
    article = extract_article(document)
    article.kept = True
    return article


@dataclass(frozen=True)
class Job:
    """One page to check: where it is, how to label it, and the terms to check it against."""

    location: str
    policy: str = AUTO
    source: str | None = None
    variables: dict[str, str] = field(default_factory=dict)
    label: str | None = None  # the page as the user wrote it, when `location` was resolved from it
    source_field: str | None = None  # the front-matter field naming the page's source (a project config's)
    source_by: str = "--source"  # who named `source`, for reports

    @property
    def page(self) -> str:
        return self.label or self.location


@dataclass
class PageTerms:
    """A page with what it is checked against (Checker.terms)."""

    page: Document
    policy: Policy
    source: Document | None
    variables: dict[str, str]  # given, over what the page's own credit says of a source no one gave
    source_problem: str | None  # why the source the page declares could not be read
    reason: str | None  # why `auto` chose the policy
    described: dict | None  # what the checker believed about the source, for reports


class Checker:
    """Checks pages one by one with what a run shares: the fetcher, the policies, the sources.

    Without a given source, each page's declared source is fetched (once per URL);
    with policy `auto`, each page gets the policy that governs its source's host.
    """

    def __init__(
        self,
        fetcher: Fetcher | None = None,
        default_policy: str = DEFAULT_POLICY,
        finder: Callable[[Document], list] | None = None,
    ) -> None:
        self.fetcher = fetcher or Fetcher()
        self.default_policy = default_policy
        self.finder = finder  # a source index's lookup (compliance.index), for pages that declare no source
        self._policies: dict[str, Policy] = {}
        self._source_or_error = functools.lru_cache(maxsize=MAX_SOURCES_KEPT)(self._read_source)

    def prepare(self, job: Job) -> None:
        """Load what a job names (its policy, its given source) so a mistake is an error before any page."""
        if job.policy != AUTO:
            self.policy(job.policy)
        if job.source:
            self.source(job.source)

    def check(self, job: Job, page: Document | None = None) -> PageResult:
        """Check one page (read from its location, unless given already read); an unreadable page (or
        source) gives a result with its error."""
        try:
            terms = self.terms(page or read_document(job.location, self.fetcher), job)
            result = check_page(terms.page, terms.policy, terms.source, terms.variables, terms.source_problem)
            result.policy_reason = terms.reason
        except ComplianceError as error:
            return PageResult(job.page, None if job.policy == AUTO else job.policy, error=str(error))
        except Exception as error:  # a bug must cost one page of a batch, not the batch
            message = f"{job.page}: internal error while checking ({type(error).__name__}: {error}); please report it"
            return PageResult(job.page, None if job.policy == AUTO else job.policy, error=message)
        result.page = job.page
        result.source = terms.described
        return result

    def terms(self, page: Document, job: Job) -> PageTerms:
        """What a page is checked against: its source, its policy and the variables given or credited."""
        source, about = self._source_for(page, job)
        credited = credited_source(page) if source is None else {}
        unreadable = about.get("error") if about else None
        if unreadable:  # what the page declares still names the original for the link rule
            credited["source.url"] = about["location"]
        name, reason = self._policy_name_for(job, source, about)
        described = _describe(source, about, job.variables) if about else _from_credits(credited, job.variables)
        variables = {**credited, **job.variables}
        return PageTerms(page, self.policy(name), source, variables, unreadable, reason, described)

    def source(self, location: str, from_content: bool = False) -> Document:
        """A source read once while it is in use (see MAX_SOURCES_KEPT); one that cannot be read is tried once
        too, and its error raised afresh for each page that names it."""
        found = self._source_or_error(location, from_content)
        if isinstance(found, ComplianceError):
            raise found.with_traceback(None)  # a traceback kept from page to page would keep every page's frames
        return found

    def _read_source(self, location: str, from_content: bool) -> Document | ComplianceError:
        try:
            return read_source(location, self.fetcher, from_content)
        except ComplianceError as error:
            return error

    def policy(self, name: str) -> Policy:
        if name not in self._policies:
            self._policies[name] = load_policy(name)
        return self._policies[name]

    def _source_for(self, page: Document, job: Job) -> tuple[Document | None, dict | None]:
        named = page.metadata.front_matter.get(job.source_field) if job.source_field else None
        if isinstance(named, str) and named.strip():  # the page's own field, over a config's source for many
            location = _beside(job.location, named.strip())
            about = {"location": location, "declared_by": f"front matter ({job.source_field})"}
            try:
                return self.source(location, from_content=True), about
            except ComplianceError as error:
                return None, about | {"error": str(error)}
        if job.source:
            return self.source(job.source), {"location": job.source, "declared_by": job.source_by}
        declared = declared_source(page)
        if declared is None:
            return self._indexed_source(page)
        about = {"location": declared.url, "declared_by": declared.declared_by}
        try:
            return self.source(declared.url, from_content=True), about
        except ComplianceError as error:  # the page's own claim, unreadable: it costs the body rule, not the page
            return None, about | {"error": str(error)}

    def _indexed_source(self, page: Document) -> tuple[Document | None, dict | None]:
        """The indexed article the page reproduces most, for a page that declares no source."""
        found = self.finder(page) if self.finder else []
        if not found:
            return None, None
        best = found[0]
        about = {"location": best.location, "declared_by": "index", "score": round(best.containment, 3)}
        try:
            return self.source(best.location), about
        except ComplianceError as error:
            return None, about | {"error": str(error)}

    def _policy_name_for(self, job: Job, source: Document | None, about: dict | None) -> tuple[str, str | None]:
        """The policy for a job, and with `auto` why: the publisher's pack for the source's host, else the
        pack of the republish box the source page hands out, else the pack of the licence the source
        declares, else the default."""
        if job.policy != AUTO:
            return job.policy, None
        url = job.variables.get("source.url") or (source_variables(source).get("source.url") if source else None)
        url = url or (about or {}).get("location")
        source_host = host(url) if url else None
        if source_host and (pack := policy_for_host(source_host)):
            return pack, f"the source is on {source_host}"
        if source is None:
            return self.default_policy, "no source to go by; the default"
        box = source.metadata.republish_box
        if box and (pack := policy_for_box(box.id)):
            return pack, f"the source page hands out its republish box ({box.id})"
        return self._licence_pack(source)

    def _licence_pack(self, source: Document) -> tuple[str, str]:
        """The pack of the Creative Commons licence a source declares, else the default."""
        declared = source.metadata.license
        licence = parse_licence(declared[0]) if declared else None
        if licence is None:
            return self.default_policy, "no publisher policy or licence applies to the source; the default"
        return licence.pack, f"the source declares {licence.short} ({declared[1]})"


def _beside(page: str, location: str) -> str:
    """A location a page names, relative to the page (a URL or an absolute path as it is)."""
    if is_url(location) or os.path.isabs(location):
        return location
    return urljoin(page, location) if is_url(page) else os.path.join(os.path.dirname(page), location)


def _describe(source: Document | None, about: dict, given: dict[str, str]) -> dict:
    """What the checker believed about the source (what it declares, overridden by --var), for reports."""
    described = {"url" if is_url(about["location"]) else "path": about["location"], "declared_by": about["declared_by"]}
    for key in ("score", "error"):
        if key in about:
            described[key] = about[key]
    if source is not None:
        values = {**source_variables(source), **given}
        for key in ("url", "title", "publisher", "author", "date", "license"):
            if f"source.{key}" in values:
                described.setdefault(key, values[f"source.{key}"])
    return described


def _from_credits(credited: dict[str, str], given: dict[str, str]) -> dict | None:
    """What the page's own credit and copyright lines said of a source no one gave, for reports."""
    taken = {key.removeprefix("source."): value for key, value in credited.items() if key not in given}
    return {"declared_by": "the page's own credit and copyright lines", **taken} if taken else None


def resolve_variables(policy: Policy, page: Document, source: Document | None, given: dict[str, str]) -> dict[str, str]:
    """Variables in force for one page: `given` over source metadata over the policy's defaults."""
    variables = dict(policy.variables)
    if source is not None:
        variables.update(source_variables(source))
    variables.update(page_variables(page))
    variables.update({key: value for key, value in given.items() if value != ""})
    return variables


def check_page(
    page: Document,
    policy: Policy,
    source: Document | None = None,
    variables: dict[str, str] | None = None,
    source_problem: str | None = None,
) -> PageResult:
    """Run every rule of `policy` on `page`; one finding per rule, in the policy's order.

    `source_problem` says why there is no `source` when the page declared one that could not be read:
    the rules that need the source say so, the others judge from the variables."""
    if not any(CHECKS[rule.check].USES_MARKUP for rule in policy.rules):
        page.root = None  # let the tree go before the words are counted: a 20 MB page's tree is large
    context = Context(page, source, resolve_variables(policy, page, source, variables or {}), source_problem)
    ordered = sorted(policy.rules, key=lambda rule: CHECKS[rule.check].PHASE)
    by_rule = {}
    for rule in ordered:
        result = CHECKS[rule.check].check(rule, context)
        context.earlier.append(result)
        by_rule[rule.id] = result
    title = page.metadata.headline or page.metadata.title
    source_notes = (source.origin or source).notes if source else []
    notes = [*page.notes, *(f"the source: {note}" for note in source_notes)]
    return PageResult(page.location, policy.id, [by_rule[rule.id] for rule in policy.rules], title=title, notes=notes)

"""The CI gate: a project's config, suppressions and a baseline, around `compliance check`.

`config.py` reads `compliance.toml` (or `[tool.compliance]`): which pages, which
terms, where each page's source is. `suppressions.py` honours
`<!-- compliance: ignore[RULE] reason -->` comments and the config's `ignore`
entries, and reports those that suppress nothing. `baseline.py` records today's
failures so a site adopts the gate without fixing every old page first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..engine import AUTO, Checker, Job
from ..errors import ComplianceError
from ..findings import PageResult
from ..reading import expand_pages, read_bytes
from . import suppressions
from .config import Config


@dataclass
class Overrides:
    """What the command line says, over the config: only what the user gave."""

    policy: str | None = None
    source: str | None = None
    variables: dict[str, str] = field(default_factory=dict)


def project_jobs(config: Config, pages: list[str], overrides: Overrides, force_exclude: bool = False) -> list[Job]:
    """The jobs of a check: the pages given (or, with none, the config's), each with the terms the config
    maps it to, the command line's over them. `force_exclude` drops given pages the config excludes (as a
    pre-commit hook, which names every changed file, needs)."""
    if pages:
        locations = expand_pages(pages)
    elif config.path is None:
        raise ComplianceError("no pages given, and no compliance.toml (or [tool.compliance]) here or above")
    else:
        locations = config.pages()
        if not locations:
            raise ComplianceError(f"{config.path}: its include and exclude leave no pages to check")
    if force_exclude and config.path is not None:
        locations = [location for location in locations if not config.excludes(config.relative(location))]
    return [_job(config, location, overrides) for location in locations]


def _job(config: Config, location: str, overrides: Overrides) -> Job:
    terms = config.terms_for(location) if config.path else None
    if terms is None:
        return Job(location, overrides.policy or AUTO, overrides.source, overrides.variables)
    return Job(
        location,
        overrides.policy or terms.policy or AUTO,
        overrides.source or terms.source,
        {**terms.variables, **overrides.variables},
        config.relative(location) if location != "-" else None,
        None if overrides.source else terms.source_field,
        "--source" if overrides.source else f"the config ({config.path.name})",
    )


def check_project(
    checker: Checker, config: Config, jobs: list[Job], run: Callable[[Job], PageResult] | None = None
) -> list[PageResult]:
    """Check every job (with `run`: fix it, see compliance.fix), then apply the suppressions written in each
    page and in the config; the config's suppressions that covered nothing on any page are reported under
    the config file's name."""
    require_reason = config.get("require-reason", True)
    from_config: dict[str, list[suppressions.Suppression]] = {}  # one object per config entry and rule
    results = []
    for job in jobs:
        result = (run or checker.check)(job)
        if not result.error:
            waivers = _page_suppressions(job, checker)
            for rule, reason, line in config.terms_for(job.location).ignored if config.path else []:
                key = f"{line}\0{rule}"
                where = f"{config.path.name}:{line}"
                from_config.setdefault(key, [suppressions.Suppression([rule], reason, where, line, external=True)])
                waivers.append(from_config[key][0])
            suppressions.apply(result, waivers, require_reason)
        results.append(result)
    unused = suppressions.unused([waiver for (waiver,) in from_config.values()])
    if unused and config.path:
        results.append(PageResult(config.relative(str(config.path)), None, unused))
    return results


def _page_suppressions(job: Job, checker: Checker) -> list[suppressions.Suppression]:
    """The suppression comments in a page's own text (read again: from the cache, for a URL)."""
    try:
        data = read_bytes(job.location, checker.fetcher) if job.location != "-" else b""
    except ComplianceError:
        return []
    if b"compliance:" not in data:  # most pages: no comment to read, and nothing decoded
        return []
    return suppressions.page_suppressions(data.decode("utf-8", "replace"), job.page)

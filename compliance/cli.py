"""The `compliance` command: a thin layer over the Python API.

Exit status: 0 when no finding at or above `--fail-on` failed, 1 when one
did, 2 for a usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Collection, Iterable
from pathlib import Path

import click

from .engine import AUTO, DEFAULT_POLICY, Checker, Job
from .errors import ComplianceError
from .explain import explain_policy, explain_rule
from .fetch import CACHE_ENV, Fetcher, FetchOptions
from .findings import PageResult
from .policy import builtin_names, read_policy_file, rules_dir
from .policy.variables import parse_var_arguments
from .reading import expand_pages
from .reporters import REPORTERS
from .reporters.summary import Tally, tallied
from .version import VERSION

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class _Group(click.Group):
    """Turns every ComplianceError (and an unexpected crash) into one line and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ComplianceError as error:
            click.echo(f"compliance: {error}", err=True)
            sys.exit(EXIT_ERROR)
        except RecursionError:
            click.echo("compliance: input nested too deeply to read", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="compliance")
def main() -> None:
    """Check republished pages against the source's republishing terms."""


def _shared_options(command):
    """The options `check` and `audit` share: the terms, the variables, the output, the network."""
    for option in reversed(
        [
            click.option(
                "--source",
                "source_location",
                metavar="FILE|URL",
                help="The original article (HTML, Markdown or text); else each page's declared source.",
            ),
            click.option(
                "--policy",
                "policy_name",
                default=AUTO,
                show_default=True,
                metavar="NAME|FILE|auto",
                help="A built-in policy name (see `compliance policies`), a policy file, or `auto`: the "
                "built-in policy whose applies-to matches the source's host, else --default-policy.",
            ),
            click.option(
                "--default-policy",
                default=DEFAULT_POLICY,
                show_default=True,
                metavar="NAME|FILE",
                envvar="COMPLIANCE_DEFAULT_POLICY",
                help="The policy `auto` falls back to [env COMPLIANCE_DEFAULT_POLICY].",
            ),
            click.option(
                "--var", "var_arguments", multiple=True, metavar="KEY=VALUE", help="Set a variable; repeatable."
            ),
            click.option(
                "--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True
            ),
            click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE."),
            click.option(
                "--fail-on",
                type=click.Choice(["error", "warning", "info", "never"]),
                default="error",
                show_default=True,
                help="Exit 1 when a finding at or above this level fails.",
            ),
            click.option(
                "--cache-dir",
                type=click.Path(file_okay=False),
                envvar=CACHE_ENV,
                help=f"Where fetched pages are cached [env {CACHE_ENV}; default: the user cache directory].",
            ),
            click.option("--offline", is_flag=True, help="Use only cached copies of URLs; fail on a miss."),
            click.option("--refresh", is_flag=True, help="Fetch URLs again, ignoring cached copies."),
            click.option(
                "--allow-private-hosts",
                is_flag=True,
                help="Let URLs found in pages reach loopback and private addresses (off: a page cannot "
                "steer the checker into internal services).",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.1),
                default=20.0,
                show_default=True,
                metavar="SECONDS",
                help="Give up on a URL that does not answer within this time.",
            ),
        ]
    ):
        command = option(command)
    return command


def _fetch_options(cache_dir, offline, refresh, allow_private_hosts, timeout) -> FetchOptions:
    if offline and refresh:
        raise ComplianceError("--offline and --refresh contradict each other")
    return FetchOptions(Path(cache_dir) if cache_dir else None, offline, refresh, allow_private_hosts, timeout)


def _gate_options(command):
    """The options `check` and `fix` share beyond the terms: the project config, baselines, more reports."""
    for option in reversed(
        [
            click.option("--config", "config_file", type=click.Path(dir_okay=False), help="The project config to use."),
            click.option("--isolated", is_flag=True, help="Ignore any compliance.toml or [tool.compliance]."),
            click.option(
                "--force-exclude", is_flag=True, help="Leave out pages given here that the config excludes (for hooks)."
            ),
            click.option(
                "--baseline",
                "baseline_file",
                type=click.Path(dir_okay=False),
                help="Fail only on findings not recorded in FILE; say which recorded ones no longer occur.",
            ),
            click.option(
                "--write-baseline",
                "write_baseline_file",
                type=click.Path(dir_okay=False),
                help="Record today's failures in FILE (then exit 0) for --baseline.",
            ),
            click.option(
                "--write",
                "also_write",
                multiple=True,
                metavar="FORMAT:FILE",
                callback=lambda ctx, param, values: [_format_and_file(value) for value in values],
                help="Also write the report in FORMAT to FILE (repeatable): one run, SARIF and a summary both.",
            ),
            click.option(
                "--index",
                "index_file",
                type=click.Path(dir_okay=False, exists=True),
                help="A source index (compliance index build): a page declaring no source is checked against "
                "the indexed article it reproduces most.",
            ),
            click.option("--diff", is_flag=True, help="With fixes: print them as a unified diff, write nothing."),
            click.option(
                "--unsafe-fixes", is_flag=True, help="Also restore altered or omitted article text from the source."
            ),
        ]
    ):
        command = option(command)
    return command


@main.command()
@click.argument("pages", nargs=-1)
@_shared_options
@_gate_options
@click.option("--fix", "fixing", is_flag=True, help="Fix what can be fixed first (see `compliance fix`).")
@click.pass_context
def check(ctx, pages, fixing, **options) -> None:
    """Check PAGE... (files, directories, URLs, or - for standard input) against a policy; with no PAGE,
    the pages the project config (compliance.toml or [tool.compliance]) lists."""
    _run_check(ctx, pages, fixing or options["diff"], **options)


@main.command()
@click.argument("pages", nargs=-1)
@_shared_options
@_gate_options
@click.pass_context
def fix(ctx, pages, **options) -> None:
    """Fix PAGE... (or the configured pages) with edits of their own text: add the missing credit, link,
    copyright line or notice, point a wrong link at the article, show a hidden credit; then report the
    check. Exit 0 when nothing fails afterwards, 1 when something still does (with --diff: or would change)."""
    _run_check(ctx, pages, True, **options)


def _run_check(
    ctx,
    pages,
    fixing,
    source_location,
    policy_name,
    default_policy,
    var_arguments,
    output_format,
    output,
    fail_on,
    config_file,
    isolated,
    force_exclude,
    baseline_file,
    write_baseline_file,
    also_write,
    index_file,
    diff,
    unsafe_fixes,
    **network,
) -> None:
    from .gate import Overrides, check_project, project_jobs
    from .gate.config import find_config, load_config

    config = load_config(None if isolated else Path(config_file) if config_file else find_config())
    given = _given(ctx)
    overrides = Overrides(
        policy_name if "policy_name" in given else None, source_location, parse_var_arguments(var_arguments)
    )
    if "default_policy" not in given and config.get("default-policy"):
        default_policy = config.policy_setting("default-policy")
    if "fail_on" not in given:
        fail_on = config.get("fail-on", fail_on)
    finder = None
    if index_file:
        from .index import SourceIndex

        finder = SourceIndex(Path(index_file)).candidates
    checker = Checker(Fetcher(_fetch_options(**network)), default_policy, finder)
    jobs = project_jobs(config, list(pages), overrides, force_exclude)
    if not jobs:  # every page given was excluded: nothing to check, nothing failed
        sys.exit(EXIT_OK)
    checker.prepare(jobs[0])
    fixer = _Fixer(checker, diff, unsafe_fixes) if fixing else None
    results = check_project(checker, config, jobs, fixer)
    if write_baseline_file:  # today's failures are the baseline: they fail nothing
        _write_baseline(Path(write_baseline_file), results)
        fail_on = "never"
    elif baseline_file:
        _report_baseline(Path(baseline_file), results)
    finish(results, output_format, output, fail_on, also_write, changes_pending=bool(fixer and fixer.pending))


class _Fixer:
    """Fixes each page, writes it (or with `diff`, prints the diff), and hands back its check afterwards."""

    def __init__(self, checker: Checker, diff: bool, unsafe: bool) -> None:
        self.checker, self.diff, self.unsafe = checker, diff, unsafe
        self.pending = False  # with --diff: a page would change

    def __call__(self, job: Job) -> PageResult:
        from .fetch import is_url
        from .fix import fix_page, write_fixed

        if (is_url(job.location) or job.location == "-") and not self.diff:
            return PageResult(job.page, None, error=f"{job.location}: a page not in a file is fixed with --diff only")
        try:
            outcome = fix_page(self.checker, job, self.unsafe)
        except ComplianceError as error:
            return PageResult(job.page, None, error=str(error))
        if outcome.changed and self.diff:
            click.echo(outcome.diff(), nl=False, err=True)
            self.pending = True
        elif outcome.changed:
            write_fixed(outcome, job.location)
        result = outcome.result
        result.fixes = outcome.fixes
        result.notes += outcome.problems
        return result


def _format_and_file(value: str) -> tuple[str, str]:
    """`sarif:results.sarif` -> ("sarif", "results.sarif")."""
    output_format, _, output = value.partition(":")
    if output_format not in REPORTERS or not output:
        raise click.BadParameter(f"{value!r}: expected FORMAT:FILE, FORMAT one of {', '.join(sorted(REPORTERS))}")
    return output_format, output


def _given(ctx: click.Context) -> set[str]:
    """The options the user set (on the command line or by environment), not left at their defaults."""
    sources = (click.core.ParameterSource.COMMANDLINE, click.core.ParameterSource.ENVIRONMENT)
    return {name for name in ctx.params if ctx.get_parameter_source(name) in sources}


def _write_baseline(path: Path, results: list[PageResult]) -> None:
    from .gate.baseline import write_baseline

    recorded = write_baseline(path, results)
    click.echo(f"baseline: {recorded} failing findings recorded in {path}", err=True)


def _report_baseline(path: Path, results: list[PageResult]) -> None:
    from .gate.baseline import apply_baseline

    outcome = apply_baseline(path, results)
    click.echo(f"baseline: {outcome.new} new failing findings, {outcome.known} recorded in {path}", err=True)
    if outcome.gone:
        click.echo(
            f"baseline: {len(outcome.gone)} recorded findings no longer occur (write the baseline again to drop "
            "them): " + "; ".join(f"{entry['page']} {entry.get('rule', '')}".strip() for entry in outcome.gone),
            err=True,
        )


@main.command("config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="The project config to show.")
def show_config(config_file) -> None:
    """Print the project config in force: each setting, and the file and line it came from."""
    from .gate.config import describe, find_config, load_config

    click.echo(describe(load_config(Path(config_file) if config_file else find_config())))


@main.command()
@click.argument("input_location", metavar="INPUT")
@_shared_options
@click.option("--report", type=click.Path(dir_okay=False, writable=True), help="Write an HTML report to FILE.")
@click.option(
    "--store",
    type=click.Path(dir_okay=False),
    help="The SQLite store of results [default: beside the output or report, else .compliance-audit.sqlite].",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the CPU count",
    help="Worker processes.",
)
@click.option(
    "--scheduler",
    envvar="COMPLIANCE_SCHEDULER",
    metavar="tcp://HOST:PORT",
    help="Run the audit on this Dask cluster instead of local processes [env COMPLIANCE_SCHEDULER].",
)
@click.option(
    "--index",
    "index_file",
    type=click.Path(dir_okay=False, exists=True),
    help="A source index (compliance index build): pages declaring no source are checked against the indexed "
    "article they reproduce most; the report lists them.",
)
def audit(
    input_location,
    source_location,
    policy_name,
    default_policy,
    var_arguments,
    output_format,
    output,
    fail_on,
    report,
    store,
    jobs,
    scheduler,
    index_file,
    **network,
) -> None:
    """Check every page INPUT lists: a manifest (CSV or JSON Lines), a directory, a sitemap or a file of URLs."""
    from .audit.inputs import read_listing  # what only audits use is loaded only by them: `check` starts faster
    from .audit.store import Store
    from .reporters.html_report import render as render_report

    options = _fetch_options(**network)
    defaults = Job("", policy_name, source_location, parse_var_arguments(var_arguments))
    listing = read_listing(input_location, Fetcher(options), defaults)
    if not listing.count:
        raise ComplianceError(f"{input_location}: lists no pages")
    checker = Checker(Fetcher(options), default_policy)
    for policy in listing.policies:  # a source a row names is read by the pages that use it
        checker.prepare(Job("", policy, None, {}))
    checker.prepare(defaults)
    results_store = Store(_store_path(store, output, report))
    try:
        index = str(Path(index_file).resolve()) if index_file else None
        run = _run_with_progress(listing, results_store, options, default_policy, jobs, scheduler, index)
        click.echo(
            f"audit: {len(run.results)} pages, {run.checked} checked, {run.skipped} unchanged since the last run",
            err=True,
        )
        if report:
            _write(render_report(run.results, results_store.history()), report)
        finish(run.results, output_format, output, fail_on, tally=run.tally)  # read from the store, a page at a time
    except KeyboardInterrupt:
        click.echo(
            f"compliance: interrupted; {results_store.pages()} pages stored in {results_store.path}. "
            "Run the same command again to resume.",
            err=True,
        )
        sys.exit(130)
    finally:
        results_store.close()


def _run_with_progress(listing, store, options, default_policy, workers, scheduler, index):
    """Run the audit with a progress bar (count, rate, ETA) on a terminal; quietly in CI or a pipe."""
    from .audit import run_audit

    quiet = os.environ.get("CI", "").lower() in ("1", "true", "yes") or not sys.stderr.isatty()
    if quiet:
        return run_audit(listing, store, options, default_policy, workers, scheduler=scheduler, index=index)
    started = time.monotonic()
    with click.progressbar(
        length=listing.count,
        label="checking",
        show_eta=True,
        show_pos=True,
        file=sys.stderr,
        item_show_func=lambda rate: rate,
    ) as bar:

        def advance(done: int) -> None:
            rate = (bar.pos + done) / max(time.monotonic() - started, 1e-6)
            bar.update(done, f"{rate:.1f} pages/s")

        return run_audit(listing, store, options, default_policy, workers, advance, scheduler, index)


def _store_path(store: str | None, output: str | None, report: str | None) -> Path:
    if store:
        return Path(store)
    beside = output or report
    return Path(beside).with_suffix(".audit.sqlite") if beside else Path(".compliance-audit.sqlite")


def finish(
    results: Collection[PageResult],
    output_format: str,
    output: str | None,
    fail_on: str,
    also_write: tuple = (),
    changes_pending: bool = False,
    tally: Tally | None = None,
) -> None:
    """Write the report (and any others asked for, as (format, file)) and exit: 2 if a page errored, 1 if a
    finding at or above `fail_on` failed (or `changes_pending`: a --diff that is not empty), else 0.
    `tally`: the results' own, when counted already (an audit's results are read back from its store)."""
    report = REPORTERS[output_format].render(results, color=output is None and sys.stdout.isatty())
    _write(report, output)
    for other_format, other_output in also_write:
        _write(REPORTERS[other_format].render(results), other_output)
    tally = tally or tallied(results)
    if tally.errored:
        more = f" (and {tally.errored - 1} more)" if tally.errored > 1 else ""
        click.echo(f"compliance: {tally.first_error}{more}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FAILED if changes_pending or tally.fails_at(fail_on) else EXIT_OK)


@main.group()
def index() -> None:
    """An index of source articles, to find which of them a page reproduces (`compliance find-source`)."""


_SCHEDULER = click.option(
    "--scheduler",
    envvar="COMPLIANCE_SCHEDULER",
    metavar="tcp://HOST:PORT",
    help="Read the sources on this Dask cluster's workers [env COMPLIANCE_SCHEDULER].",
)


@index.command("build")
@click.argument("index_file", metavar="INDEX")
@click.argument("sources", nargs=-1, required=True)
@_SCHEDULER
def index_build(index_file, sources, scheduler) -> None:
    """Build INDEX afresh from SOURCES: files (HTML, Markdown, text), directories of them, URLs, sitemaps
    (sitemap*.xml), manifests (.csv, .jsonl: their `page` column) or @FILE, a list of paths or URLs."""
    path = Path(index_file)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):  # a killed build's journal must not replay
        try:
            stale.unlink(missing_ok=True)
        except OSError as error:
            raise ComplianceError(f"{stale}: cannot replace ({error.strerror or error})") from None
    _index_add(path, sources, scheduler)


@index.command("add")
@click.argument("index_file", metavar="INDEX")
@click.argument("sources", nargs=-1, required=True)
@_SCHEDULER
def index_add(index_file, sources, scheduler) -> None:
    """Add SOURCES to INDEX (an article indexed again replaces its old entry)."""
    _index_add(Path(index_file), sources, scheduler)


def _index_add(path: Path, sources, scheduler: str | None) -> None:
    from .index import SourceIndex, index_sources

    fetcher = Fetcher()
    locations = [location for given in sources for location in _source_locations(given, fetcher)]
    store = SourceIndex(path)
    try:
        added, problems = index_sources(store, locations, fetcher, scheduler)
        total = len(store)
    finally:
        store.close()
    for problem in problems:
        click.echo(f"compliance: {problem}", err=True)
    click.echo(f"index: {added} articles added, {total} in {path}", err=True)
    sys.exit(EXIT_ERROR if problems else EXIT_OK)


SOURCE_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".mdx", ".txt")


def _source_locations(given: str, fetcher: Fetcher) -> list[str]:
    """The sources an argument names: a directory's pages and texts (recursively, sorted), a manifest's or a
    sitemap's or an @FILE list's entries (read as audits read them), else the file or URL itself."""
    from .audit.inputs import read_listing

    path = Path(given.removeprefix("@"))
    if given.startswith("@") or path.suffix.lower() in (".csv", ".jsonl", ".ndjson") or path.name.startswith("sitemap"):
        return [job.location for job in read_listing(str(path), fetcher, Job("")).jobs()]
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
    return [given]


@main.command("find-source")
@click.argument("pages", nargs=-1, required=True)
@click.option("--index", "index_file", required=True, type=click.Path(dir_okay=False, exists=True), help="The index.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def find_source(pages, index_file, output_format) -> None:
    """The indexed articles each PAGE reproduces, most first: how much of each it holds. Exit 1 when a page
    reproduces none."""
    import json

    from .index import SourceIndex
    from .reading import read_document

    store = SourceIndex(Path(index_file))
    found = {}
    try:
        for location in expand_pages(list(pages)):
            found[location] = store.candidates(read_document(location))
    finally:
        store.close()
    if output_format == "json":
        results = [{"page": page, "sources": [c.to_json() for c in candidates]} for page, candidates in found.items()]
        click.echo(json.dumps({"version": 1, "results": results}, indent=1, ensure_ascii=False))
    else:
        for page, candidates in found.items():
            click.echo(page if candidates else f"{page}: no indexed article on it")
            for candidate in candidates:
                what = f"{candidate.title or candidate.url or candidate.location} ({candidate.location})"
                click.echo(f"  {candidate.containment:.0%} of {what}, {candidate.page_share:.0%} of the page")
                for copy in candidate.copies:
                    click.echo(f"    the same URL also indexed as {copy}")
    sys.exit(EXIT_OK if all(found.values()) else EXIT_FAILED)


@main.command()
def policies() -> None:
    """List the built-in policies with their titles."""
    names = builtin_names()
    width = max(map(len, names))
    for name in names:
        data, _ = read_policy_file(rules_dir() / f"{name}.yaml")
        hosts = ", ".join(data.get("applies-to", []))
        click.echo(f"{name:<{width}}  {data.get('title', '')}" + (f"  [{hosts}]" if hosts else ""))


@main.command()
@click.argument("name")
def explain(name: str) -> None:
    """Explain a policy (its rules in plain words, and the terms it encodes) or a check, by name or code
    (its documentation and parameters)."""
    click.echo(explain_rule(name) or explain_policy(name))


@main.command()
def schema() -> None:
    """Print the policy JSON Schema (composed from the checks' parameters)."""
    import json

    from .policy.schema import policy_schema

    click.echo(json.dumps(policy_schema(), indent=2, ensure_ascii=False))


def _write(report: Iterable[str], output: str | None) -> None:
    """Write a report's pieces as they come (see reporters), to `output` or standard output."""
    if output is None:
        for piece in report:
            click.echo(piece, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.writelines(report)
    except OSError as error:
        raise ComplianceError(f"{output}: cannot write ({error.strerror or error})") from None

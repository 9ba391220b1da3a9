"""The `compliance` command: a thin layer over the Python API.

Exit status: 0 when no finding at or above `--fail-on` failed, 1 when one
did, 2 for a usage or input error (one line on stderr, no traceback).
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .engine import check_page, read_source
from .errors import ComplianceError
from .findings import PageResult
from .policy import builtin_names, load_policy, read_policy_file, rules_dir
from .reading import expand_pages, read_document
from .reporters import REPORTERS
from .variables import parse_var_arguments

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
@click.version_option(__version__, prog_name="compliance")
def main() -> None:
    """Check republished pages against the source's republishing terms."""


@main.command()
@click.argument("pages", nargs=-1, required=True)
@click.option("--source", "source_location", metavar="FILE", help="The original article (HTML, Markdown or text).")
@click.option(
    "--policy",
    "policy_name",
    required=True,
    metavar="NAME|FILE",
    help="A built-in policy name (see `compliance policies`) or a policy file.",
)
@click.option("--var", "var_arguments", multiple=True, metavar="KEY=VALUE", help="Set a variable; repeatable.")
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding at or above this level fails.",
)
def check(pages, source_location, policy_name, var_arguments, output_format, output, fail_on) -> None:
    """Check PAGE... (files, directories, or - for standard input) against a policy."""
    variables = parse_var_arguments(var_arguments)
    policy = load_policy(policy_name)
    source = read_source(source_location) if source_location else None
    results = []
    for location in expand_pages(list(pages)):
        try:
            results.append(check_page(read_document(location), policy, source, variables))
        except ComplianceError as error:
            results.append(PageResult(location, policy.id, error=str(error)))
    report = REPORTERS[output_format].render(results, color=output is None and sys.stdout.isatty())
    _write(report, output)
    errors = [r.error for r in results if r.error]
    if errors:
        click.echo(f"compliance: {errors[0]}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""), err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FAILED if any(r.fails_at(fail_on) for r in results) else EXIT_OK)


@main.command()
def policies() -> None:
    """List the built-in policies with their titles."""
    for name in builtin_names():
        data, _ = read_policy_file(rules_dir() / f"{name}.yaml")
        hosts = ", ".join(data.get("applies-to", []))
        click.echo(f"{name:<18} {data.get('title', '')}" + (f"  [{hosts}]" if hosts else ""))


@main.command()
def schema() -> None:
    """Print the policy JSON Schema (composed from the checks' parameters)."""
    import json

    from .schema import policy_schema

    click.echo(json.dumps(policy_schema(), indent=2, ensure_ascii=False))


def _write(report: str, output: str | None) -> None:
    if output is None:
        click.echo(report, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(report)
    except OSError as error:
        raise ComplianceError(f"{output}: cannot write ({error.strerror or error})") from None

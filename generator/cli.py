"""Command line: `sdkwright generate | check | validate | diff | diff-staged`.

Exit codes: 0 ok, 1 output stale (check) or breaking changes (diff), 2 bad input (one message naming
file, line and JSON pointer; never a traceback).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.config import INPUT_KINDS, Job, default_jobs
from generator.errors import SpecError

F = TypeVar("F", bound=Callable[..., Any])


def _job(spec: str | None, output: str | None, package: str | None, lenient: bool, input: str | None = None) -> Job:
    jobs = _jobs(spec, output, package, lenient, input)
    if len(jobs) != 1:
        raise SpecError("[tool.sdkwright] lists several specs: give SPEC to choose one")
    return jobs[0]


def _jobs(spec: str | None, output: str | None, package: str | None, lenient: bool, input: str | None = None) -> list[Job]:
    """The command line's job, or without SPEC every job of [tool.sdkwright] (options override)."""
    if spec is not None:
        # A spec that [tool.sdkwright] lists keeps its configured output and package.
        configured = next((job for job in _configured_jobs() if _same_file(job.spec, spec)), None)
        if configured is None:
            return [Job(spec, Path(output or "output"), package, lenient, input)]
        jobs = [configured]
    else:
        jobs = default_jobs()
    if len(jobs) > 1 and (output or package or input):
        raise SpecError("[tool.sdkwright] lists several specs: give SPEC with --output, --package or --input")
    return [
        dataclasses.replace(
            job, output=Path(output) if output else job.output, package=package or job.package, lenient=lenient or job.lenient, input=input or job.input
        )
        for job in jobs
    ]


def _configured_jobs() -> list[Job]:
    try:
        return default_jobs()
    except SpecError:
        return []  # no usable [tool.sdkwright]: the command line says everything


def _same_file(first: str, second: str) -> bool:
    if "://" in first or "://" in second:
        return first == second
    return Path(first).resolve() == Path(second).resolve()


def _progress() -> Callable[[str], None]:
    """Stage messages on a terminal; nothing when piped or in CI."""
    if not sys.stderr.isatty():
        return lambda message: None
    started = time.perf_counter()

    def show(message: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.2f}s] {message}", err=True)

    return show


def _fail(error: SpecError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(2)


def _job_options(function: F) -> F:
    function = click.option(
        "--input",
        "input_kind",
        type=click.Choice(INPUT_KINDS),
        help="What SPEC is; by default a document without an `openapi` key is a JSON Schema (models-only package).",
    )(function)
    function = click.option("--lenient", is_flag=True, help="Generate despite defects that do not block it, with warnings.")(function)
    function = click.option("--package", "-p", help="Name of the generated Python package.")(function)
    function = click.option("--output", "-o", type=click.Path(file_okay=False), help="Output directory (the SDK's project root).")(function)
    return click.argument("spec", required=False)(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sdkwright")
def main() -> None:
    """Generate typed Python SDKs from OpenAPI documents.

    Without SPEC, the commands use [tool.sdkwright] in the project's pyproject.toml.
    """


@main.command()
@_job_options
@click.option("--force", is_flag=True, help="Overwrite files in the output that sdkwright did not write.")
def generate(spec: str | None, output: str | None, package: str | None, lenient: bool, input_kind: str | None, force: bool) -> None:
    """Generate the SDK of SPEC (a path or an http(s) URL) into the output directory.

    Without SPEC, every spec [tool.sdkwright] lists is generated into its output. A file
    there that sdkwright did not write (a README.md of your own) stops it unless --force.
    """
    from generator.pipeline import generate as run

    try:
        jobs = _jobs(spec, output, package, lenient, input_kind)
    except SpecError as error:
        _fail(error)
        return
    for job in jobs:
        try:
            result, changed = run(job, _progress(), force=force)
        except SpecError as error:
            _fail(error)
            return
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
        if sys.stderr.isatty():
            click.echo(f"{len(changed)} file(s) changed in {job.output}", err=True)


@main.command()
@_job_options
def check(spec: str | None, output: str | None, package: str | None, lenient: bool, input_kind: str | None) -> None:
    """Exit 1, listing the stale files, when the output differs from what SPEC gives.

    Without SPEC, every spec [tool.sdkwright] lists is checked against its output.
    """
    from generator.pipeline import stale_files

    stale_any = False
    try:
        jobs = _jobs(spec, output, package, lenient, input_kind)
        for job in jobs:
            stale, _ = stale_files(job, _progress())
            if stale:
                stale_any = True
                click.echo(f"{job.output} is stale; these files differ from what the spec gives:", err=True)
                for path in stale:
                    click.echo(f"  {path}", err=True)
    except SpecError as error:
        _fail(error)
        return
    if stale_any:
        fix = "sdkwright generate" + ("" if spec is None else f" {spec} --output {jobs[0].output}")
        click.echo(f"Run `{fix}` to regenerate.", err=True)
        sys.exit(1)


@main.command()
@click.argument("spec")
@click.option("--lenient", is_flag=True, help="Report defects that do not block generation as warnings.")
@click.option("--input", "input_kind", type=click.Choice(INPUT_KINDS), help="What SPEC is (by default told by its `openapi` key).")
def validate(spec: str, lenient: bool, input_kind: str | None) -> None:
    """Check SPEC against the OpenAPI specification (or its JSON Schema meta-schema) and the generator's own rules."""
    from generator.load import load
    from generator.model import build_model
    from generator.pipeline import input_kind as kind_of
    from generator.resolve import Resolver
    from generator.validate import validate as run

    try:
        document = load(spec)
        if kind_of(Job(spec, Path("output"), input=input_kind), document.contents) == "jsonschema":
            _validate_schema(document, lenient)
            return
        warnings = run(document, lenient=lenient)
        api = build_model(Resolver(document))
    except SpecError as error:
        _fail(error)
        return
    for warning in warnings:
        click.echo(f"warning: {document.display_name}{warning}", err=True)
    click.echo(f"{document.display_name}: valid OpenAPI {api.openapi}, {len(api.operations)} operations, {len(api.types)} types")


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output_format", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True, help="How to print the changes.")
@click.option("--fail-on-breaking", is_flag=True, help="Exit 1 when a change is breaking.")
@click.option("--sdk", "with_sdk", is_flag=True, help="Add the generated SDK's public-symbol changes and changed files.")
@click.option("--package", "-p", help="Name of the generated package (for --sdk).")
def diff(old: str, new: str, output_format: str, fail_on_breaking: bool, with_sdk: bool, package: str | None) -> None:
    """Report what changes between two versions of a spec, in the SDK's terms.

    OLD and NEW are each a path, an http(s) URL, or git:REV:PATH (e.g.
    git:origin/main:specs/api.yml; git::PATH is the staged version).
    """
    from generator.diff import build_side, diff_sides, load_source, sdk_changes
    from generator.diff_report import as_json, as_markdown, as_text

    try:
        before, after = build_side(load_source(old)), build_side(load_source(new))
        report = diff_sides(before, after)
        sdk = sdk_changes(before, after, package) if with_sdk else None
    except SpecError as error:
        _fail(error)
        return
    if output_format == "json":
        click.echo(as_json(report, sdk), nl=False)
    elif output_format == "markdown":
        click.echo(as_markdown(report, sdk), nl=False)
    else:
        colour = sys.stdout.isatty()
        click.echo(as_text(report, sdk, colour=colour), nl=False, color=colour)
    if fail_on_breaking and report.breaking:
        sys.exit(1)


@main.command("diff-staged")
@click.argument("files", nargs=-1)
@click.option("--allow-breaking", is_flag=True, envvar="SDKWRIGHT_ALLOW_BREAKING", help="Report breaking changes but do not fail.")
def diff_staged(files: tuple[str, ...], allow_breaking: bool) -> None:
    """The pre-commit hook: breaking changes of the staged spec FILES against HEAD.

    Files that are not OpenAPI documents, or are new, are skipped. Exits 1 on a
    breaking change unless --allow-breaking (or SDKWRIGHT_ALLOW_BREAKING=1).
    """
    from generator.staged import staged_specs

    changed = staged_specs(files)
    if not changed:
        return
    from generator.diff import diff_documents, load_source
    from generator.diff_report import as_text

    failed = False
    try:
        for path in changed:
            report = diff_documents(load_source(f"git:HEAD:{path}"), load_source(f"git::{path}"))
            if report.breaking:
                failed = True
                breaking = type(report)(f"{path} (HEAD)", f"{path} (staged)", report.breaking)
                click.echo(as_text(breaking, colour=sys.stdout.isatty()), nl=False)
    except SpecError as error:
        _fail(error)
        return
    if failed:
        if allow_breaking:
            click.echo("breaking changes allowed (--allow-breaking / SDKWRIGHT_ALLOW_BREAKING)")
            return
        click.echo("Breaking API changes. To commit them anyway: SDKWRIGHT_ALLOW_BREAKING=1 git commit ...")
        sys.exit(1)

def _validate_schema(document: Any, lenient: bool) -> None:
    """`validate` for a JSON Schema input: the meta-schema and defaults, then the model (raises SpecError)."""
    from generator.model_schema import build_schema_model
    from generator.resolve import SchemaResolver
    from generator.validate_schema import validate_schema

    warnings = validate_schema(document, lenient=lenient)
    api = build_schema_model(SchemaResolver(document))
    for warning in warnings:
        click.echo(f"warning: {document.display_name}{warning}", err=True)
    click.echo(f"{document.display_name}: valid JSON Schema, {len(api.types)} types")

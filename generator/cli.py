"""Command line: `sdkwright generate | check | validate | diff | diff-staged`.

Exit codes: 0 ok, 1 output stale (check) or breaking changes (diff), 2 bad input (one message naming
file, line and JSON pointer; never a traceback).
"""

from __future__ import annotations

import atexit
import dataclasses
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from generator.config import INPUT_KINDS, Job, default_jobs
from generator.errors import SpecDefects, SpecError, SpecWarning, count

F = TypeVar("F", bound=Callable[..., Any])


def _job(spec: str | None, output: str | None, package: str | None, lenient: bool, input: str | None = None, strict: bool = False) -> Job:
    jobs = _jobs(spec, output, package, lenient, input, strict)
    if len(jobs) != 1:
        raise SpecError("[tool.sdkwright] lists several specs: give SPEC to choose one")
    return jobs[0]


def _jobs(
    spec: str | None, output: str | None, package: str | None, lenient: bool, input: str | None = None, strict: bool = False
) -> list[Job]:
    """The command line's job, or without SPEC every job of [tool.sdkwright] (options override)."""
    if spec is not None:
        # A spec that [tool.sdkwright] lists keeps its configured output and package.
        configured = next((job for job in _configured_jobs() if _same_file(job.spec, spec)), None)
        if configured is None:
            return [Job(spec, Path(output or "output"), package, lenient, input, strict=strict)]
        jobs = [configured]
    else:
        jobs = default_jobs()
    if len(jobs) > 1 and (output or package or input):
        raise SpecError("[tool.sdkwright] lists several specs: give SPEC with --output, --package or --input")
    return [
        dataclasses.replace(
            job,
            output=Path(output) if output else job.output,
            package=package or job.package,
            lenient=lenient or job.lenient,
            input=input or job.input,
            strict=strict or job.strict,
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
    """Exit 2 with the error: one line, or one line per defect that `--strict` refuses."""
    for line in error.lines() if isinstance(error, SpecDefects) else [str(error)]:
        click.echo(f"error: {line}", err=True)
    sys.exit(2)


def _warn(warnings: Sequence[SpecWarning]) -> None:
    """One line per defect, saying what was done about it, and the count."""
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if warnings:
        click.echo(count(warnings), err=True)


def _job_options(function: F) -> F:
    function = click.option(
        "--input",
        "input_kind",
        type=click.Choice(INPUT_KINDS),
        help="What SPEC is; by default a document without an `openapi` key is a JSON Schema (models-only package).",
    )(function)
    function = click.option(
        "--lenient",
        is_flag=True,
        help="Accepted for existing configurations; has no effect (defects are warnings by default).",
    )(function)
    function = click.option(
        "--strict", is_flag=True, help="Refuse any defect: every warning is an error (exit code 2), the output is left as it was."
    )(function)
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
@click.option(
    "--rename-all",
    is_flag=True,
    help="Choose every name afresh, as for a new output, instead of keeping the names the output's manifest records.",
)
@click.option("--force", is_flag=True, help="Overwrite files in the output that sdkwright did not write.")
def generate(
    spec: str | None, output: str | None, package: str | None, lenient: bool, strict: bool, input_kind: str | None, rename_all: bool, force: bool
) -> None:
    """Generate the SDK of SPEC (a path or an http(s) URL) into the output directory.

    Without SPEC, every spec [tool.sdkwright] lists is generated into its output. Names
    the output already has are kept (its manifest records them) unless --rename-all. A file
    there that sdkwright did not write (a README.md of your own) stops it unless --force.
    """
    from generator.pipeline import generate as run

    try:
        jobs = _jobs(spec, output, package, lenient, input_kind, strict)
    except SpecError as error:
        _fail(error)
        return
    for job in jobs:
        try:
            result, changed = run(job, _progress(), rename_all, force=force)
        except SpecError as error:
            _fail(error)
            return
        _warn(result.warnings)
        if sys.stderr.isatty():
            click.echo(f"{len(changed)} file(s) changed in {job.output}", err=True)


@main.command()
@_job_options
def check(spec: str | None, output: str | None, package: str | None, lenient: bool, strict: bool, input_kind: str | None) -> None:
    """Exit 1, listing the stale files, when the output differs from what SPEC gives.

    Without SPEC, every spec [tool.sdkwright] lists is checked against its output.
    """
    from generator.pipeline import stale_files

    stale_any = False
    try:
        jobs = _jobs(spec, output, package, lenient, input_kind, strict)
        for job in jobs:
            stale, result = stale_files(job, _progress())
            _warn(result.warnings if result is not None else ())
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
@click.option("--lenient", is_flag=True, help="Accepted for existing configurations; has no effect.")
@click.option("--input", "input_kind", type=click.Choice(INPUT_KINDS), help="What SPEC is (by default told by its `openapi` key).")
def validate(spec: str, lenient: bool, input_kind: str | None) -> None:
    """Check SPEC against the OpenAPI specification (or its JSON Schema meta-schema) and the generator's own rules.

    Every defect is reported (with what `generate` would do about it); the exit code is 2 when
    there is any, or a blocker.
    """
    from generator.document.load import load
    from generator.document.resolve import Resolver
    from generator.openapi.read import build_model
    from generator.openapi.validate import validate as run
    from generator.pipeline import input_kind as kind_of
    from generator.pipeline import notice_warnings

    try:
        document = load(spec)
        if kind_of(Job(spec, Path("output"), input=input_kind), document.contents) == "jsonschema":
            _validate_schema(document)
            return
        warnings = run(document)
        resolver = Resolver(document)
        api = build_model(resolver)
    except SpecError as error:
        _fail(error)
        return
    defects = [*warnings, *notice_warnings(api.notices, resolver)]
    _warn(defects)
    verdict = "valid " if not defects else ""
    click.echo(f"{document.display_name}: {verdict}OpenAPI {api.openapi}, {len(api.operations)} operations, {len(api.types)} types")
    if defects:
        sys.exit(2)


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
    from generator.diff.compare import diff_sides
    from generator.diff.report import as_json, as_markdown, as_text
    from generator.diff.sdk import sdk_changes
    from generator.diff.sources import build_side, describe, load_source

    try:
        before, after = build_side(load_source(old), describe(old)), build_side(load_source(new), describe(new))
        report = diff_sides(before, after, package)
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
    from generator.diff.staged import staged_specs

    changed = staged_specs(files)
    if not changed:
        return
    from generator.diff.compare import diff_documents
    from generator.diff.report import as_text
    from generator.diff.sources import load_source

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

def run() -> None:
    """The `sdkwright` command: `main`, then leave the process as soon as everything is written.

    Python frees every object and module when it exits, which takes a quarter of a second after
    generating a whole API: that is skipped (`os._exit`) once the exit handlers have run (threads
    are joined before them) and the standard streams are flushed.
    """
    status = 1  # an exception that escaped `main`: Python printed its traceback already

    def leave() -> None:  # registered first, so the last exit handler to run
        nonlocal status
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:  # (none without a console)
                    stream.flush()
            except (OSError, ValueError):  # a closed pipe (or stream): what Python exits with then
                status = status or 120
        os._exit(status)

    atexit.register(leave)
    try:
        main()
        status = 0  # (click's `main` ends with `sys.exit` even on success)
    except SystemExit as done:
        status = _exit_status(done.code)
        raise


def _exit_status(code: object) -> int:
    """The status Python exits with for `sys.exit(code)` (a message is printed, and gives 1)."""
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def _validate_schema(document: Any) -> None:
    """`validate` for a JSON Schema input: the meta-schema and defaults, then the model (raises SpecError)."""
    from generator.document.resolve import SchemaResolver
    from generator.jsonschema.validate import validate_schema
    from generator.jsonschema.read import build_schema_model

    warnings = validate_schema(document)
    api = build_schema_model(SchemaResolver(document))
    _warn(warnings)
    click.echo(f"{document.display_name}: {'' if warnings else 'valid '}JSON Schema, {len(api.types)} types")
    if warnings:
        sys.exit(2)

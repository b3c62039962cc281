"""The `[tool.sdkwright]` table of the project's pyproject.toml: default spec, output, package, names."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from generator.errors import SpecError
from generator.naming.lock import EMPTY, Key, NameLock


@dataclass(frozen=True)
class Job:
    """One generation: the spec, where its SDK goes, and the options it is made with."""

    spec: str
    output: Path
    package: str | None = None
    lenient: bool = False  # accepted and without effect: defects are warnings unless `strict`
    input: str | None = None  # "openapi" or "jsonschema"; None: told by the document (`openapi` key or not)
    names: NameLock = EMPTY  # names the user pins or overrides (the `names` table)
    strict: bool = False  # every defect (warning) is an error
    # `webhook-signature = {algorithm, signature-header, timestamp-header, payload}`: over the spec's own
    webhook_signature: tuple[tuple[str, str], ...] = ()


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def default_job(start: Path | None = None) -> Job:
    """The first job `[tool.sdkwright]` describes (see `default_jobs`)."""
    return default_jobs(start)[0]


INPUT_KINDS = ("openapi", "jsonschema")


NAME_TABLES = ("types", "methods")


def _names_of(table: Any, where: str, pyproject: Path) -> NameLock:
    """The `names` table: `types` maps a schema's place (`"#/components/schemas/Pet"`, or
    `"common.yaml#/..."` in another document, relative to the spec's folder) to a class name;
    `methods` maps an operation (`"get /pets"`) to a method name."""
    if table is None:
        return EMPTY
    if not isinstance(table, dict) or set(table) - set(NAME_TABLES):
        raise SpecError(f"{where}: names is a table of {' and '.join(NAME_TABLES)}", str(pyproject))
    names: dict[Key, str] = {}
    for kind, entries in table.items():
        if not isinstance(entries, dict):
            raise SpecError(f"{where}: names.{kind} must be a table of \"place\" = \"name\"", str(pyproject))
        for place, name in entries.items():
            if not isinstance(name, str) or not name.isascii() or not name.isidentifier() or name.startswith("_"):
                raise SpecError(f"{where}: names.{kind}.{place!r}: {name!r} is not a public Python identifier", str(pyproject))
            if kind == "types":
                document, hash_sign, pointer = place.partition("#")
                if not hash_sign:
                    raise SpecError(f"{where}: names.types.{place!r} is not a schema's place (\"#/components/schemas/Name\")", str(pyproject))
                names[Key("type", (document, pointer))] = name
            else:
                method, _, path = place.partition(" ")
                if not path.startswith("/"):
                    raise SpecError(f"{where}: names.methods.{place!r} is not an operation (\"get /path\")", str(pyproject))
                names[Key("method", (method.lower(), path))] = name
    type_names = [name for key, name in names.items() if key.kind == "type"]
    twice = sorted({name for name in type_names if type_names.count(name) > 1})
    if twice:
        raise SpecError(f"{where}: names.types gives {twice[0]!r} to two schemas", str(pyproject))
    return NameLock(names)


def _job_of(table: dict[str, Any], root: Path, where: str, pyproject: Path) -> Job:
    if not isinstance(table.get("spec"), str) or not table["spec"]:
        raise SpecError(f"{where} needs spec = \"...\"", str(pyproject))
    spec = str(table["spec"])
    if "://" not in spec:
        spec = str(root / spec)
    kind = table.get("input")
    if kind is not None and kind not in INPUT_KINDS:
        raise SpecError(f"{where}: input = {kind!r} is not one of {', '.join(INPUT_KINDS)}", str(pyproject))
    signature = table.get("webhook-signature")
    if signature is not None:
        from generator.ir import WebhookSignature

        try:
            WebhookSignature.from_mapping(signature)
        except ValueError as error:
            raise SpecError(f"{where}: webhook-signature {error}", str(pyproject)) from None
    return Job(
        spec=spec,
        output=root / str(table.get("output", "output")),
        package=str(table["package"]) if table.get("package") else None,
        lenient=bool(table.get("lenient", False)),
        input=kind,
        names=_names_of(table.get("names"), where, pyproject),
        strict=bool(table.get("strict", False)),
        webhook_signature=tuple(sorted((str(k), str(v)) for k, v in (signature or {}).items())),
    )


def default_jobs(start: Path | None = None) -> list[Job]:
    """The jobs `[tool.sdkwright]` describes, paths relative to its pyproject.toml.

    Either one spec in the table itself (`spec`, `output`, `package`, ...), or
    several as an array of tables `[[tool.sdkwright.specs]]` with the same keys;
    both forms together give the table's own job first. Two jobs may not share
    an output directory; one job's output may hold another's (its own folder).
    """
    pyproject = find_pyproject((start or Path.cwd()).resolve())
    if pyproject is None:
        raise SpecError("no SPEC given and no pyproject.toml with [tool.sdkwright] found")
    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("sdkwright")
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"invalid TOML: {exc}", str(pyproject)) from None
    listed = table.get("specs") if isinstance(table, dict) else None
    if not isinstance(table, dict) or ("spec" not in table and not listed):
        raise SpecError("no SPEC given and no [tool.sdkwright] spec = ... (or [[tool.sdkwright.specs]]) in pyproject.toml", str(pyproject))
    root = pyproject.parent
    jobs = [_job_of(table, root, "[tool.sdkwright]", pyproject)] if "spec" in table else []
    if listed is not None:
        if not isinstance(listed, list) or not all(isinstance(entry, dict) for entry in listed):
            raise SpecError("[tool.sdkwright] specs must be an array of tables ([[tool.sdkwright.specs]])", str(pyproject))
        jobs += [_job_of(entry, root, f"[[tool.sdkwright.specs]] #{i + 1}", pyproject) for i, entry in enumerate(listed)]
    outputs: dict[Path, Job] = {}
    for job in jobs:
        output = job.output.resolve()
        if output in outputs:
            raise SpecError(f"two specs write to the same output {job.output}: {outputs[output].spec} and {job.spec}", str(pyproject))
        outputs[output] = job
    return jobs

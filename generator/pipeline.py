"""The pipeline: load -> validate -> resolve -> model -> naming -> render -> format -> write.

Also the fingerprint that lets `check` answer without running the pipeline
when neither the spec nor the generator changed since the output was written.
The heavy stages are imported only when they run, so that answer is quick.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator import TEMPLATES, __version__
from generator.config import Job
from generator.errors import SpecError
from generator.load import line_of, to_uri
from generator.naming.lock import EMPTY, NameLock
from generator.output.manifest import MANIFEST, Manifest, read_manifest

if TYPE_CHECKING:
    from generator.load import Document
    from generator.resolve import Resolver
    from generator.validate import SpecWarning

Progress = Callable[[str], None]

_PACKAGE_ROOT = Path(__file__).resolve().parent


def _quiet(message: str) -> None:
    pass


@functools.lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A digest of the generator's own code, templates and formatter version."""
    digest = hashlib.sha256(__version__.encode())
    # Every module below the package; not the templates, which an installed wheel holds inside it.
    templates_root = TEMPLATES.resolve()
    code = [p for p in _PACKAGE_ROOT.rglob("*.py") if "__pycache__" not in p.parts and templates_root not in p.resolve().parents]
    templates = [p for p in TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    # The same bytes whether run from a checkout or an installed wheel (templates inside the package).
    for root, paths in ((_PACKAGE_ROOT, code), (TEMPLATES, templates)):
        for path in sorted(paths):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("black").encode())
    except Exception:  # noqa: BLE001 - a missing distribution only weakens the fingerprint
        pass
    return digest.hexdigest()


# Mappings whose key order is part of the API (field order) or copied into code verbatim.
_ORDER_KEPT = frozenset({"properties", "default", "const", "enum", "example", "examples"})


def _canonical(value: Any, keep_order: bool = False) -> Any:
    if isinstance(value, dict):
        items = value.items() if keep_order else sorted(value.items())
        return [[key, _canonical(item, keep_order or key in _ORDER_KEPT)] for key, item in items]
    if isinstance(value, list):
        return [_canonical(item, keep_order) for item in value]
    return value


def document_digest(contents: Any) -> str:
    """A digest of a document that ignores what the generated SDK ignores.

    Key order of paths, components, webhooks and the like, layout and comments
    leave the output unchanged, so they leave this digest (and the manifest)
    unchanged too.
    """
    canonical = json.dumps(_canonical(contents), ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _input_name(uri: str, output: Path) -> str:
    """How the manifest names an input: relative to the output for files, else the URL."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return uri
    return Path(os.path.relpath(unquote(parts.path), output.resolve())).as_posix()


def _input_uri(name: str, output: Path) -> str:
    if "://" in name:
        return name
    return (output.resolve() / name).resolve().as_uri()


def fingerprint(job: Job, inputs: dict[str, str], names: NameLock = EMPTY) -> str:
    """A digest of everything the output follows from: the generator, the options, the inputs, and
    the names (the lock the output was named with, which the next generation reads back)."""
    data: dict[str, Any] = {
        "generator": generator_fingerprint(),
        "package": job.package,
        "lenient": job.lenient,
        "root": _input_name(to_uri(job.spec), job.output),
        "inputs": sorted(inputs.items()),
    }
    if job.input is not None:
        data["input"] = job.input
    if len(names):
        data["names"] = names.to_json()
    if len(job.names):
        data["overrides"] = job.names.to_json()
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Result:
    files: dict[str, str]
    manifest: Manifest
    warnings: tuple[str, ...]


def name_lock(job: Job, rename_all: bool = False) -> NameLock:
    """The names the output's manifest records (none for a fresh output, or when asked to rename all)."""
    previous = None if rename_all else read_manifest(job.output)
    return previous.names if previous is not None else EMPTY


def generate_files(job: Job, progress: Progress = _quiet, rename_all: bool = False) -> Result:
    """Run every stage but the write; the formatted files and their manifest.

    Names are kept from the output's manifest (the lock) unless `rename_all`.
    """
    from generator.load import load
    from generator.model import build_model
    from generator.naming import build_names
    from generator.render import render, verbatim_files
    from generator.resolve import Resolver
    from generator.validate import SpecWarning, validate_in_background

    progress("load")
    document = load(job.spec)
    lock = name_lock(job, rename_all)
    if input_kind(job, document.contents) == "jsonschema":
        return _generate_models(job, document, progress, lock)
    progress("validate (in the background)")
    validated = validate_in_background(document, lenient=job.lenient)
    try:
        progress("resolve")
        resolver = Resolver(document)
        progress("model")
        api = build_model(resolver)
        progress(f"naming: {len(api.operations)} operations, {len(api.types)} types")
        names = build_names(api, job.package, root=document.uri, lock=lock, overrides=job.names)
        progress("render")
        sources = render(api, names)
    except SpecError as error:
        # Both stages may object to one defect: report the more precise place.
        try:
            validated()
        except SpecError as verdict:
            raise verdict if len(verdict.pointer) >= len(error.pointer) else error from None
        raise
    except Exception:
        validated()  # an invalid document is reported by the validator, in its words
        raise

    notices = [
        f"{where.display_name}{SpecWarning(n.message, n.pointer, line_of(where, n.pointer))}"
        for n in api.notices
        for where in [resolver.documents[n.uri]]
    ]
    return _finish(job, document, resolver, sources, validated, progress, names.lock, verbatim_files(names.package), notices)


def _finish(
    job: Job,
    document: Document,
    resolver: Resolver,
    sources: dict[str, str],
    validated: Callable[[], list[SpecWarning]],
    progress: Progress,
    names: NameLock,
    verbatim: frozenset[str] = frozenset(),
    notices: Sequence[str] = (),
) -> Result:
    """Format the rendered sources (reusing unchanged files, leaving `verbatim` ones as they
    are) and describe them in a manifest."""
    from generator.output.format import digest, format_files

    previous = read_manifest(job.output)

    def reuse(path: str, source_digest: str) -> str | None:
        if previous is None or previous.files.get(path, ("", ""))[0] != source_digest:
            return None
        try:
            text = (job.output / path).read_text(encoding="utf-8")
        except OSError:
            return None
        return text if digest(text) == previous.files[path][1] else None

    progress(f"format: {len(sources)} files")
    files = format_files(sources, reuse, verbatim)
    warnings = validated()
    inputs = {_input_name(uri, job.output): document_digest(doc.contents) for uri, doc in sorted(resolver.documents.items())}
    manifest = Manifest(
        fingerprint(job, inputs, names),
        inputs,
        {path: (digest(sources[path]), digest(files[path])) for path in files},
        names,
    )
    return Result(files, manifest, (*(f"{document.display_name}{w}" for w in warnings), *notices))


def input_kind(job: Job, contents: Any) -> str:
    """`openapi` or `jsonschema`: as the job says, else `jsonschema` when there is no `openapi` key."""
    from generator.model_schema import is_json_schema

    if job.input is not None:
        return job.input
    return "jsonschema" if is_json_schema(contents) else "openapi"


def _generate_models(job: Job, document: Document, progress: Progress, lock: NameLock) -> Result:
    """The models-only package of a JSON Schema document."""
    from generator.model_schema import build_schema_model
    from generator.naming import build_names
    from generator.render_models import MODELS_RESERVED, render_models
    from generator.resolve import SchemaResolver
    from generator.validate_schema import validate_schema_now

    progress("validate against the meta-schema")
    validated = validate_schema_now(document, lenient=job.lenient)
    progress("resolve")
    resolver = SchemaResolver(document)
    progress("model")
    api = build_schema_model(resolver)
    external = sorted(uri for uri in resolver.documents if uri != document.uri)
    if external:
        raise SpecError(
            f"$refs to other documents are not supported in a JSON Schema input (the package ships one schema): {external[0]}",
            document.display_name,
        )
    progress(f"naming: {len(api.types)} types")
    names = build_names(api, job.package, MODELS_RESERVED, root=document.uri, lock=lock, overrides=job.names)
    progress("render")
    sources = render_models(api, names, document)
    return _finish(job, document, resolver, sources, validated, progress, names.lock)


def generate(job: Job, progress: Progress = _quiet, rename_all: bool = False) -> tuple[Result, list[str]]:
    """Generate and write; returns the result and the paths that changed."""
    from generator.output.write import write_tree

    result = generate_files(job, progress, rename_all)
    progress("write")
    changed = write_tree(job.output, result.files, result.manifest)
    return result, changed


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def is_fresh(job: Job) -> bool:
    """True when the manifest proves the output is what the spec gives, without generating."""
    manifest = read_manifest(job.output)
    if manifest is None:
        return False
    inputs: dict[str, str] = {}
    for name in manifest.inputs:
        uri = _input_uri(name, job.output)
        if not uri.startswith("file:"):
            return False  # a remote input may have changed: generate to know
        try:
            from generator.load import load

            inputs[name] = document_digest(load(uri).contents)
        except Exception:  # noqa: BLE001 - anything unreadable is for the full pipeline to report
            return False
    if fingerprint(job, inputs, manifest.names) != manifest.fingerprint:
        return False
    return all(_file_digest(job.output / path) == output for path, (_, output) in manifest.files.items())


def stale_files(job: Job, progress: Progress = _quiet) -> tuple[list[str], Result | None]:
    """The output files that differ from what the spec gives (empty when up to date)."""
    if is_fresh(job):
        return [], None
    result = generate_files(job, progress)
    stale = []
    for path, text in [*result.files.items(), (MANIFEST, result.manifest.dumps())]:
        target = job.output / path
        try:
            if target.read_text(encoding="utf-8") != text:
                stale.append(path)
        except OSError:
            stale.append(path)
    previous = read_manifest(job.output)
    if previous is not None:
        stale.extend(sorted(set(previous.files) - set(result.files)))
    return sorted(stale), result

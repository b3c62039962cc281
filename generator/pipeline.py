"""The pipeline: load -> validate -> resolve -> model -> naming -> render -> format -> write.

Also the fingerprint that lets `check` answer without running the pipeline
when neither the spec nor the generator changed since the output was written.
The heavy stages are imported only when they run, so that answer is quick.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator import TEMPLATES, __version__
from generator.background import Background, in_background
from generator.config import Job
from generator.errors import SpecDefects, SpecError, SpecWarning
from generator.document.load import line_of, to_uri
from generator.naming.lock import EMPTY, EncodedLock, NameLock
from generator.output.manifest import MANIFEST, Manifest, read_manifest

if TYPE_CHECKING:
    from generator.document.load import Document, Documents
    from generator.document.resolve import Resolver
    from generator.emit.render import PlannedFile
    from generator.ir import Notice

Progress = Callable[[str], None]

_PACKAGE_ROOT = Path(__file__).resolve().parent


def _quiet(message: str) -> None:
    pass


@functools.lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A digest of the generator's own code, templates and formatter version."""
    from generator.output.format import black_version

    digest = hashlib.sha256(__version__.encode())
    # Every module below the package (subpackages too), but not the templates a wheel carries
    # inside it; each file by its path below its root: the same bytes whether run from a
    # checkout or an installed wheel (templates inside the package).
    for root, suffix, skipped in ((str(_PACKAGE_ROOT), ".py", str(TEMPLATES)), (str(TEMPLATES), "", None)):
        for relative, path in sorted(_sources(root, suffix, skipped)):
            with open(path, "rb") as source:
                digest.update(relative.encode() + b"\0" + source.read())
    digest.update(black_version().encode())
    return digest.hexdigest()


def _sources(root: str, suffix: str = "", skipped: str | None = None) -> list[tuple[str, str]]:
    """`(path relative to root, with slashes; path)` of the files below `root` whose names end in
    `suffix`, leaving out `__pycache__` folders and the folder `skipped`. (Plain strings: a run
    takes the fingerprint once, and pathlib's objects made it cost three times as much.)"""
    found: list[tuple[str, str]] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__" and os.path.join(folder, name) != skipped]
        prefix = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend((prefix + name, os.path.join(folder, name)) for name in names if name.endswith(suffix))
    return found


# Mappings whose key order is part of the API (field order) or copied into code verbatim.
_ORDER_KEPT = frozenset({"properties", "default", "const", "enum", "example", "examples"})


def _canonical(value: Any, keep_order: bool = False) -> Any:
    """`value` with every mapping a list of `(key, value)` pairs, sorted unless its order is kept.

    The JSON of a tuple is that of a list, so the pairs are tuples; a value that is no container
    is kept as it is, and so is a list that holds none (no copies).
    """
    if isinstance(value, dict):
        pairs = list(value.items()) if keep_order else sorted(value.items())
        for index, (key, item) in enumerate(pairs):
            if isinstance(item, (dict, list)):
                pairs[index] = (key, _canonical(item, keep_order or key in _ORDER_KEPT))
        return pairs
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)):
                return [*value[:index], *(_canonical(rest, keep_order) for rest in value[index:])]
    return value


def document_digest(contents: Any) -> str:
    """A digest of a document that ignores what the generated SDK ignores.

    Key order of paths, components, webhooks and the like, layout and comments
    leave the output unchanged, so they leave this digest (and the manifest)
    unchanged too. The digest is that of the canonical form's JSON, hashed piece by
    piece: the canonical copy of a whole API would be as big as its parsed document.
    """
    digest = hashlib.sha256()
    for piece in _canonical_json(contents):
        digest.update(piece.encode())
    return digest.hexdigest()


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
# The same JSON, without the encoder's bookkeeping of the containers it is inside (half its time): a
# document that contains itself (a YAML alias of its own parent) never reaches it, `_canonical` recurses
# without end first.
_ENCODE_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str, check_circular=False).encode
_WHOLE_BELOW = 3  # subtrees this deep (an operation, a schema) are made canonical and encoded at once


def _canonical_json(value: Any, keep_order: bool = False, depth: int = 0) -> Iterator[str]:
    """The JSON text of `_canonical(value)`, in pieces."""
    if depth >= _WHOLE_BELOW or not isinstance(value, (dict, list)):
        yield _ENCODE_CANONICAL(_canonical(value, keep_order))
        return
    yield "["
    if isinstance(value, dict):
        items = value.items() if keep_order else sorted(value.items())
        for index, (key, item) in enumerate(items):
            yield ("," if index else "") + "[" + _ENCODE(key) + ","
            yield from _canonical_json(item, keep_order or key in _ORDER_KEPT, depth + 1)
            yield "]"
    else:
        for index, item in enumerate(value):
            if index:
                yield ","
            yield from _canonical_json(item, keep_order, depth + 1)
    yield "]"


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
        "root": _input_name(to_uri(job.spec), job.output),
        "inputs": sorted(inputs.items()),
    }
    if job.input is not None:
        data["input"] = job.input
    if len(names):
        data["names"] = names.encoded.digest  # of the lines the manifest writes the lock as
    if len(job.names):
        data["overrides"] = job.names.to_json()
    if job.webhook_signature:
        data["webhook_signature"] = list(job.webhook_signature)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Result:
    """What a generation gives before the write: the files' texts, their manifest, the warnings."""

    files: dict[str, str]
    manifest: Manifest
    warnings: tuple[SpecWarning, ...]


def name_lock(job: Job, rename_all: bool = False) -> NameLock:
    """The names the output's manifest records (none for a fresh output, or when asked to rename all)."""
    previous = None if rename_all else read_manifest(job.output)
    return previous.names if previous is not None else EMPTY


def generate_files(job: Job, progress: Progress = _quiet, rename_all: bool = False) -> Result:
    """Run every stage but the write; the formatted files and their manifest.

    Names are kept from the output's manifest (the lock) unless `rename_all`.
    """
    from generator.collector import generation

    with generation():
        return _generate_files(job, progress, rename_all)


def _generate_files(job: Job, progress: Progress, rename_all: bool) -> Result:
    from generator.collector import collector_paused

    # The stages' modules (their classes, functions and tables) live as long as the process: the
    # collector neither walks them while they load nor afterwards.
    with collector_paused(freeze=True):
        from generator.document.load import Documents, load
        from generator.openapi.validate import validate_in_background

    progress("load")
    document = load(job.spec)
    lock = name_lock(job, rename_all)
    if input_kind(job, document.contents) == "jsonschema":
        return _generate_models(job, document, progress, lock)
    documents = Documents(document)
    documents.load_referenced()  # each file read and parsed once, shared with the validator's process
    # One forked process digests the documents and validates them (unless the verdict is cached),
    # started before the later stages' modules load: on a small spec, loading them is most of the
    # time the validator needs (its own imports, jsonschema-rs and its meta-schema, are as long).
    background = Background()
    digested = digests_in_background(documents, background)
    progress("validate (in the background)")
    validated = validate_in_background(document, documents=documents, background=background)
    background.start()
    with collector_paused(freeze=True):
        from generator.openapi.read import build_model
        from generator.naming import build_names
        from generator.emit.render import plan_files, verbatim_files
        from generator.document.resolve import Resolver
    encoded_lock: Callable[[], EncodedLock] | None = None
    try:
        progress("resolve")
        resolver = Resolver(document, documents)
        progress("model")
        api = build_model(resolver)
        if job.webhook_signature:  # the configuration's scheme over the spec's
            from generator.ir import WebhookSignature

            api = dataclasses.replace(api, webhook_signature=WebhookSignature.from_mapping(dict(job.webhook_signature)))
        notices = notice_warnings(api.notices, resolver)
        digests = _digests_when_done(job, resolver, digested)
        # The model holds all the later stages read: the documents (parsed, about six times
        # their text) are freed before naming, rendering and formatting.
        resolver.release()
        del resolver, documents
        progress(f"naming: {len(api.operations)} operations, {len(api.types)} types")
        names = build_names(api, job.package, root=document.uri, lock=lock, overrides=job.names)
        encoded_lock = encoded_in_background(names.lock)
        progress("render: views")
        with collector_paused(freeze=True):  # the views live until the files are rendered
            planned = plan_files(api, names)
        del api
        inputs = digests()
    except SpecError as error:
        _settle(encoded_lock)
        # Both stages may object to one defect: report the more precise place.
        try:
            validated()
        except SpecError as verdict:
            raise verdict if len(verdict.pointer) >= len(error.pointer) else error from None
        raise
    except Exception:
        _settle(encoded_lock)
        validated()  # an invalid document is reported by the validator, in its words
        raise

    return _finish(job, inputs, planned, validated, progress, names.lock, verbatim_files(names.package), notices, encoded_lock)


ENCODED_APART_FROM = 5_000  # lock entries from which a forked process encodes the lock: below, forking costs more


def encoded_in_background(lock: NameLock) -> Callable[[], EncodedLock] | None:
    """A large lock's `encoded`, taken in a forked process while this one builds the views (and
    the function that waits for it); None for a small lock, which is encoded when it is read."""
    if len(lock) < ENCODED_APART_FROM or not hasattr(os, "fork"):
        return None
    return in_background(lambda: lock.encoded, "encoding the name lock")


def _settle(wait: Callable[[], object] | None) -> None:
    """Wait for a piece of work in the background whose result is no longer wanted (a run that
    stops at a defect): its process ends, rather than waiting for a reader until this one exits."""
    if wait is not None:
        try:
            wait()
        except Exception:  # noqa: BLE001 - the run's own error is the one to report
            pass


def input_digests(job: Job, resolver: Resolver) -> dict[str, str]:
    """The manifest's inputs: every document the run read, by its name relative to the output, and its digest."""
    return _digests_when_done(job, resolver, {})()


def digests_in_background(documents: Documents, background: Background | None = None) -> dict[str, Callable[[], str]]:
    """The `document_digest` of each document read so far, by URI, as a function that waits for it:
    all are taken in a forked process, which shares the parsed documents, beside the model stage
    (a piece of `background`'s, which the caller starts, or a process of their own)."""
    uris = sorted(documents.by_uri)
    contents = [documents.by_uri[uri].contents for uri in uris]

    def digest_all() -> list[str]:
        return [document_digest(each) for each in contents]

    wait = background.add(digest_all, "digesting the inputs") if background is not None else in_background(digest_all, "digesting the inputs")
    return {uri: functools.partial(lambda index: wait()[index], index) for index, uri in enumerate(uris)}


def _digests_when_done(job: Job, resolver: Resolver, digested: Mapping[str, Callable[[], str]]) -> Callable[[], dict[str, str]]:
    """`input_digests`, waiting for those `digested` takes: a document it does not know (one the
    resolver read later) is digested now, while the resolver still holds its contents."""
    taken = {uri: digested.get(uri) or _at_once(document_digest(doc.contents)) for uri, doc in sorted(resolver.documents.items())}
    return lambda: {_input_name(uri, job.output): digest() for uri, digest in taken.items()}


def _at_once(digest: str) -> Callable[[], str]:
    return lambda: digest


def notice_warnings(notices: Sequence[Notice], resolver: Resolver) -> list[SpecWarning]:
    """The model's notices as warnings, each naming its own file (`defect: what was done`)."""
    warnings = []
    for notice in notices:
        where = resolver.documents[notice.uri]
        message, _, action = notice.message.rpartition(": ")
        warnings.append(SpecWarning(message or action, where.display_name, notice.pointer, line_of(where, notice.pointer), action if message else "ignored"))
    return sorted(warnings, key=lambda w: (w.uri, w.line or 0, w.pointer))  # in the order of the file, as the validator's


def _finish(
    job: Job,
    inputs: dict[str, str],
    planned: Sequence[PlannedFile],
    validated: Callable[[], list[SpecWarning]],
    progress: Progress,
    names: NameLock,
    verbatim: frozenset[str] = frozenset(),
    notices: Sequence[SpecWarning] = (),
    encoded_lock: Callable[[], EncodedLock] | None = None,
) -> Result:
    """Render and format the planned files (reusing unchanged files, leaving `verbatim` ones as
    they are) and describe them in a manifest. With `job.strict`, any defect is refused (`SpecDefects`)."""
    from generator.collector import collector_paused
    from generator.output.format import digest, render_and_format

    previous = read_manifest(job.output)

    def reuse(path: str, source_digest: str) -> str | None:
        if previous is None or previous.files.get(path, ("", ""))[0] != source_digest:
            return None
        try:
            text = (job.output / path).read_text(encoding="utf-8")
        except OSError:
            return None
        return text if digest(text) == previous.files[path][1] else None

    try:
        found = validated()
        places = {(w.uri, w.pointer) for w in found}  # one warning per defect: the validator's words first
        warnings = (*found, *(n for n in notices if (n.uri, n.pointer) not in places))
        if job.strict and warnings:
            raise SpecDefects(warnings)
        progress(f"render and format: {len(planned)} files")
        with collector_paused():
            formatted = render_and_format(planned, reuse, verbatim)
    except BaseException:
        _settle(encoded_lock)
        raise
    if encoded_lock is not None:
        names.adopt(encoded_lock())  # what the fingerprint and the manifest read of the lock
    manifest = Manifest(
        fingerprint(job, inputs, names),
        inputs,
        {path: (file.source_digest, file.digest) for path, file in formatted.items()},
        names,
    )
    return Result({path: file.text for path, file in formatted.items()}, manifest, warnings)


def input_kind(job: Job, contents: Any) -> str:
    """`openapi` or `jsonschema`: as the job says, else `jsonschema` when there is no `openapi` key."""
    from generator.jsonschema.read import is_json_schema

    if job.input is not None:
        return job.input
    return "jsonschema" if is_json_schema(contents) else "openapi"


def _generate_models(job: Job, document: Document, progress: Progress, lock: NameLock) -> Result:
    """The models-only package of a JSON Schema document."""
    from generator.jsonschema.read import build_schema_model
    from generator.naming import build_names
    from generator.emit.models_only import MODELS_RESERVED, render_models
    from generator.document.resolve import SchemaResolver
    from generator.jsonschema.validate import validate_schema_now

    progress("validate against the meta-schema")
    validated = validate_schema_now(document)
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
    from generator.emit.render import given_text, verbatim_files

    planned = [given_text(path, text) for path, text in sources.items()]
    return _finish(job, input_digests(job, resolver), planned, validated, progress, names.lock, verbatim_files(names.package))


def generate(job: Job, progress: Progress = _quiet, rename_all: bool = False, force: bool = False) -> tuple[Result, list[str]]:
    """Generate and write; returns the result and the paths that changed.

    Without `force`, a file in the output that sdkwright did not write stops it (`SpecError`)."""
    from generator.output.write import write_tree

    result = generate_files(job, progress, rename_all)
    progress("write")
    changed = write_tree(job.output, result.files, result.manifest, force=force)
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
            from generator.document.load import load

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

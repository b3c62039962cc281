"""Validate stage: check a document against the OpenAPI 3.0, 3.1 or 3.2 specification.

openapi-spec-validator does the checking. What it finds is either a defect, which
the generator reads one sound way (an unknown key is ignored, an optional path
parameter is read as required, a default that does not fit is dropped or kept):
a `SpecWarning` saying what was done; or a blocker, with no one reading: a
`SpecError`. Its verdict on a document is cached by content digest, so
regenerating an unchanged spec (pre-commit, `check`, builds) does not pay for
validation twice.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import referencing.exceptions

from generator import __version__
from generator.background import Background, in_background
from generator.document.load import Document, Documents, line_of
from generator.errors import SpecError, SpecWarning, join_pointer, unescape_token
from generator.openapi import spec_checks
from generator.openapi.spec_checks import Finding

__all__ = ["SpecWarning", "check_version", "fast_findings", "reference_findings", "validate", "validate_in_background", "verdict"]

SUPPORTED_VERSION = re.compile(r"^3\.[012]\.\d+$")

# Errors in these places are defects of documentation, not of the API's shape (the
# whole Telnyx API, for instance, has `default: null` on integers that are not nullable).
_NON_BLOCKING_KEYWORDS = frozenset({"default", "example", "examples"})


def check_version(document: Document) -> str:
    """The document's OpenAPI version, or a SpecError for what is not OpenAPI 3.0, 3.1 or 3.2."""
    contents = document.contents
    name = document.display_name
    if not isinstance(contents, dict):
        raise SpecError("not an OpenAPI document: the top level is not a mapping", name, "", 1)
    if "swagger" in contents:
        raise SpecError(
            "Swagger 2.0 is not supported: convert the document to OpenAPI 3 first",
            name,
            "/swagger",
            line_of(document, "/swagger"),
        )
    version = contents.get("openapi")
    if version is None:
        raise SpecError("not an OpenAPI document: no `openapi` field", name, "", 1)
    if not isinstance(version, str) or not SUPPORTED_VERSION.match(version):
        raise SpecError(
            f"unsupported OpenAPI version {version!r}: 3.0.x, 3.1.x and 3.2.x are supported",
            name,
            "/openapi",
            line_of(document, "/openapi"),
        )
    return version


def _cache_marker(document: Document) -> Path | None:
    # A document whose $refs leave it depends on other files: no cached verdict.
    if document.leaves_itself:
        return None
    if os.environ.get("SDKWRIGHT_NO_CACHE"):
        return None
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sdkwright" / "valid"
    key = hashlib.sha256(f"{__version__}\0{document.digest}".encode()).hexdigest()
    return root / key


def _pointer_of(error: Any) -> str:
    path = getattr(error, "absolute_path", None) or getattr(error, "path", None) or ()
    located = getattr(error, "spec_pointer", "")
    return join_pointer(located, *path) if path or located else ""


def _locating(keyword: str, keyword_class: type[Any]) -> type[Any]:
    """A keyword validator that records where in the spec each error it finds lies.

    The checks beyond the meta-schema (unique operationIds, path parameters,
    defaults) report no location of their own; the innermost spec node being
    checked when an error appears is its place, and its keyword says what kind
    of check failed.
    """
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    def __call__(self: Any, node: Any, *args: Any, **kwargs: Any) -> Any:
        for error in keyword_class.__call__(self, node, *args, **kwargs):
            if not getattr(error, "spec_pointer", "") and hasattr(node, "parts"):
                if not isinstance(error, OpenAPIValidationError):
                    error = OpenAPIValidationError.create_from(error)  # kept as is from here on
                setattr(error, "spec_pointer", join_pointer("", *node.parts))  # noqa: B010 - an attribute of our own
                setattr(error, "spec_keyword", keyword)  # noqa: B010
            yield error

    return type(keyword_class.__name__, (keyword_class,), {"__call__": __call__})


def _broken_reference(document: Document, reason: BaseException, documents: Documents | None = None) -> SpecError:
    """The error for a validator that could not follow the document's references."""
    from generator.document.resolve import Located, Resolver

    resolver = Resolver(document, documents)
    pending = [Located(document.contents, document.uri, "")]
    while pending:
        node = pending.pop()
        if isinstance(node.value, dict):
            if isinstance(node.value.get("$ref"), str):
                resolver.deref(node)  # raises the precise error
            pending.extend(node.child(key) for key in sorted(node.value, reverse=True) if key != "$ref")
        elif isinstance(node.value, list):
            pending.extend(node.child(index) for index in reversed(range(len(node.value))))
    return SpecError(f"the document could not be validated: {reason}", document.display_name)


@cache
def _openapi_meta_schema(version: str) -> dict[str, Any]:
    """The meta-schema of OpenAPI 3.0, 3.1 or 3.2, as openapi-spec-validator ships it (read from its
    files without importing the package, whose settings module alone costs a second)."""
    spec = importlib.util.find_spec("openapi_spec_validator")
    assert spec is not None and spec.submodule_search_locations is not None, "openapi-spec-validator is a dependency"
    folder = Path(list(spec.submodule_search_locations)[0]) / "resources" / "schemas"
    meta_schema: dict[str, Any] = json.loads((folder / f"v{version[:3]}" / "schema.json").read_text(encoding="utf-8"))
    return meta_schema


@cache
def _meta_schema_check(version: str) -> Any:
    """The meta-schema check on jsonschema-rs, made as openapi-spec-validator makes it."""
    import jsonschema_rs

    meta_schema = _openapi_meta_schema(version)
    return jsonschema_rs.validator_cls_for(meta_schema)(meta_schema)


Find = Callable[[Document, Any, str, Documents], list[Finding]]


def fast_findings(document: Document, contents: Any, version: str, store: Documents) -> list[Finding]:
    """The meta-schema check (openapi-spec-validator's, on jsonschema-rs), then the checks beyond it."""
    found = [Finding(str(error), join_pointer("", *error.instance_path)) for error in _meta_schema_check(version).iter_errors(contents)]
    return found + spec_checks.findings(document, contents, version, store)


def reference_findings(document: Document, contents: Any, version: str, store: Documents) -> list[Finding]:
    """openapi-spec-validator's own findings, located: the reference the fast checks are held to.

    Its walk is about 50 times slower than the fast checks on a large document (it looks every
    node up through `jsonschema-path`), so validation does not use it; the tests compare the
    verdicts of both on every spec at hand.
    """
    from openapi_spec_validator.validation.exceptions import DuplicateOperationIDError
    from openapi_spec_validator.validation import validators

    base_class = getattr(validators, f"OpenAPIV{spec_checks.schema_version(version).replace('.', '')}SpecValidator")
    keyword_validators = {name: _locating(name, cls) for name, cls in base_class.keyword_validators.items()}
    handlers = {scheme: store.contents for scheme in ("file", "http", "https")}
    validator_class = type("LocatingValidator", (base_class,), {"keyword_validators": keyword_validators, "resolver_handlers": handlers})
    return [
        Finding(str(getattr(error, "message", error)), _pointer_of(error), getattr(error, "spec_keyword", None))
        for error in validator_class(contents, base_uri=document.uri).iter_errors()
        # the model names the later operation from its method and path, and says so
        if not isinstance(error, DuplicateOperationIDError)
    ]


def _errors(find: Find, contents: Any, document: Document, version: str, store: Documents) -> list[Finding]:
    try:
        return find(document, contents, version, store)
    except SpecError:
        raise
    except (referencing.exceptions.Unresolvable, RecursionError, spec_checks.BrokenReference) as exc:
        # The validator cannot follow a broken or cyclic $ref: find it and say where.
        raise _broken_reference(document, exc, store) from None
    except Exception as exc:  # noqa: BLE001 - a validator crash is still the document's defect
        raise SpecError(f"the document could not be validated: {exc}", document.display_name, "", 1) from None


def _deepest_cause(document: Document, version: str, pointer: str) -> tuple[str, str] | None:
    """The innermost defect behind a "valid under none of the alternatives" error at
    `pointer`. The fast validator reports only the alternatives' parent, so the
    meta-schema check runs again with the validator that keeps each alternative's
    errors, and follows the alternative that fits best: never the `$ref` one when
    the value is no reference, else the one jsonschema ranks most relevant."""
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for

    meta_schema = _openapi_meta_schema(version)
    validator = validator_for(meta_schema)(meta_schema)
    for error in validator.iter_errors(document.contents):
        if join_pointer("", *error.absolute_path) != pointer:
            continue
        while error.context:
            fitting = [e for e in error.context if not (e.validator == "required" and "'$ref'" in e.message)]
            error = best_match(fitting or error.context)
        return error.message.splitlines()[0], join_pointer("", *error.absolute_path)
    return None


def _is_ecma_regex(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    from regress import Regex, RegressError  # ECMA-262 regular expressions

    try:
        Regex(value)
    except RegressError:
        return False
    return True


def _regex_check() -> Callable[[Any], bool]:
    """The meta-schema check's own test of a `pattern`, in the regex dialect of jsonschema-rs."""
    import jsonschema_rs

    is_valid: Callable[[Any], bool] = jsonschema_rs.validator_for({"type": "string", "format": "regex"}, validate_formats=True).is_valid
    return is_valid


# Keys whose values are data, not schemas: a `pattern` key inside them is an example's field.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "value"})


def _bad_patterns(contents: Any, errors: list[Finding]) -> list[str]:
    """Pointers of the unreadable `pattern`s inside the places the errors name."""
    if not errors:
        return []
    valid = _regex_check()
    found: dict[str, None] = {}
    for error in errors:
        pointer = error.pointer
        if pointer.endswith("/pattern"):
            pointer = pointer[: -len("/pattern")]
        pending = [(pointer, _node_at(contents, pointer))]
        while pending:
            where, node = pending.pop()
            if isinstance(node, dict):
                if "pattern" in node and not isinstance(node["pattern"], dict) and not valid(node["pattern"]):
                    found[join_pointer(where, "pattern")] = None
                pending.extend(
                    (join_pointer(where, key), value) for key, value in node.items() if key not in _DATA_KEYS and key != "pattern"
                )
            elif isinstance(node, list):
                pending.extend((join_pointer(where, index), value) for index, value in enumerate(node))
    return sorted(found)


def _without(contents: Any, pointers: list[str]) -> Any:
    """A copy of `contents` without the values at `pointers` (each a key of a mapping)."""
    import copy

    stripped = copy.deepcopy(contents)
    for pointer in pointers:
        parent, _, key = pointer.rpartition("/")
        node = _node_at(stripped, parent)
        if isinstance(node, dict):
            node.pop(unescape_token(key), None)
    return stripped


_PATH_TEMPLATE = re.compile(r"/(?:[^{}]|" + spec_checks.PATH_PARAMETER.pattern + ")*")


def _check_path_templates(document: Document) -> None:
    """Path keys start with `/` and their `{name}` templates are balanced and named (the checks and
    the model read the names inside; a lone brace has no one reading)."""
    paths = document.contents.get("paths") if isinstance(document.contents, dict) else None
    for path in paths if isinstance(paths, dict) else ():
        if not str(path).startswith("x-") and not _PATH_TEMPLATE.fullmatch(str(path)):
            pointer = join_pointer("/paths", str(path))
            raise SpecError(
                f"malformed path {str(path)!r}: it must start with '/' and name its parameters as {{name}}"
                " (a name without '{', '}' or '/')",
                document.display_name,
                pointer,
                line_of(document, pointer),
            )


def _node_at(contents: Any, pointer: str) -> Any:
    node = contents
    for token in pointer.lstrip("#/").split("/") if pointer.lstrip("#/") else []:
        token = unescape_token(token)
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def _through_refs(document: Document, pointer: str, documents: Documents | None = None) -> tuple[Document, str]:
    """The document and pointer of `pointer` with each `$ref` on its way followed: where the
    error really is, in whichever file that is.

    The validator reports an error inside a referenced schema under the node that
    refers to it, a place the document does not have.
    """
    from generator.document.resolve import Located, Resolver

    if not pointer or _node_at(document.contents, pointer) is not None:
        return document, pointer
    resolver = Resolver(document, documents)
    node = Located(document.contents, document.uri, "")
    try:
        for token in map(unescape_token, pointer.split("/")[1:]):
            if isinstance(node.value, dict) and "$ref" in node.value and token not in node.value:
                node = resolver.deref(node)
            if isinstance(node.value, dict) and token in node.value:
                node = node.child(token)
            elif isinstance(node.value, list) and token.isdigit() and int(token) < len(node.value):
                node = node.child(int(token))
            else:
                break  # the error's own path goes on inside a value: its nearest place is this node
    except SpecError:
        return document, pointer
    if node.uri != document.uri:
        return resolver.store.get(node.uri), node.pointer  # inside another file: named in it
    return document, node.pointer if node.pointer else pointer


# Where a token `type` is a property's (or a definition's) name, not the keyword.
_NAMED_SCHEMAS = frozenset({"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"})


def _clearer(document: Document, message: str, pointer: str) -> tuple[str, str]:
    """A plainer message for validator errors whose wording hides the cause."""
    parent, _, last = pointer.rpartition("/")
    if last == "type" and parent.rpartition("/")[2] not in _NAMED_SCHEMAS:
        value = _node_at(document.contents, pointer)
        if value is not None and not isinstance(value, (str, list)):
            # (a schema nested under `type` by mistake, say: the meta-schema's words name no cause)
            return f"`type` is {value!r}: a schema's type is a name (`string`, `object`, ...) or a list of names", pointer
    base = pointer[: -len("/required")] if pointer.endswith("/required") else pointer
    node = _node_at(document.contents, base)
    if isinstance(node, dict) and node.get("in") == "path" and node.get("required") is not True:
        name = node.get("name")
        where = base + "/required" if "required" in node else base
        return f"path parameter {name!r} must be `required: true` (a path parameter cannot be optional)", where
    # "Additional properties are not allowed ('x' was unexpected)": the place is the key itself.
    unexpected = re.fullmatch(r"Additional properties are not allowed \('([^']*)' was unexpected\)", message) or re.fullmatch(
        r"'([^']*)' does not match any of the regexes: '\^x-'", message
    )
    if unexpected is not None and isinstance(node, dict) and unexpected[1] in node:
        if pointer.endswith("/responses"):
            return f"invalid response status {unexpected[1]!r}", join_pointer(pointer, unexpected[1])
        return f"{unexpected[1]!r} is not a field here (only extensions, named x-..., may be added)", join_pointer(pointer, unexpected[1])
    return message, pointer


def _meta_schema_leaves(document: Document, version: str) -> dict[str, list[tuple[str, str]]]:
    """For each "valid under none of the alternatives" error of the meta-schema check, by its
    pointer: the findings inside the one alternative that applies (never the Reference one when
    the value is no `$ref`, never one for another `in` or `type`), deepest first. An error
    whose alternatives cannot be told apart maps to an empty list: no one reading."""
    import jsonschema_rs

    validator = jsonschema_rs.validator_for(_openapi_meta_schema(version))
    found: dict[str, list[tuple[str, str]]] = {}
    for error in validator.iter_errors(document.contents):
        if getattr(error.kind, "context", None):
            found[join_pointer("", *error.instance_path)] = _leaves(error) or []
    return found


def _other_kind(error: Any) -> bool:
    """A finding that says the value is of another kind (`in: path` against the query parameter's
    schema, a `$ref` missing where there is none): that alternative does not apply."""
    if type(error.kind).__name__ == "Required" and '"$ref"' in error.message:
        return True
    return type(error.kind).__name__ in ("Enum", "Constant") and bool(error.instance_path) and error.instance_path[-1] in ("in", "type")


def _leaves(error: Any) -> list[tuple[str, str]] | None:
    context = getattr(error.kind, "context", None)
    if not context:
        return [(str(error.message).splitlines()[0], join_pointer("", *error.instance_path))]
    applying = [alternative for alternative in context if not any(_other_kind(e) for e in alternative)]
    if len(applying) != 1 or not applying[0]:
        return None
    leaves: list[tuple[str, str]] = []
    for inner in applying[0]:
        found = _leaves(inner)
        if found is None:
            return None
        leaves += found
    return leaves


# 3.1 fields a 3.0 document may carry, read as 3.1 reads them.
_READ_AS_31 = frozenset({"webhooks", "const"})
_UNEXPECTED = re.compile(
    r"(?:Additional|Unevaluated) properties are not allowed \((?P<keys>.*) (?:was|were) unexpected\)"
    r"|(?P<key>'[^']*') does not match any of the regexes: '\^x-'"
)
_UNDECLARED = re.compile(r"Path parameter '(?P<name>[^']*)' for '(?P<method>[^']+)' operation in '(?P<path>.*)' was not resolved")
# JSON Schema lets `required` name a key no `properties` describe (the key must be there, any
# value); openapi-spec-validator refuses that beside `allOf`. The finding names the schema.
_UNDEFINED_REQUIRED = re.compile(r"Required list has not defined properties: (?P<names>\[.*\])")
# OpenAPI 3.2's tag tree: a `parent` that names no tag, or a tag that is its own ancestor. Tags
# only group operations (a group is an operation's first tag): the parent is ignored.
_TAG_PARENT = re.compile(r"Tag '(?P<name>.*)' references unknown parent tag '.*'|Circular tag hierarchy detected: (?P<first>.*?) -> .*")
# A `$schema` no validator knows (a draft that never was, a private dialect's address): the
# schema is read as every schema of the document is, by its own dialect, and checked by it.
_UNKNOWN_DIALECT = re.compile(r"Unknown JSON Schema dialect: (?P<dialect>.*)")


def _admits_null(schema: dict[str, Any], version: str) -> bool:
    """Whether the model reads `schema` as nullable: 3.0's `nullable: true`, a 3.1 (or later) `type` with "null"."""
    if version.startswith("3.0"):
        return schema.get("nullable") is True
    kinds = schema.get("type")
    return "null" in kinds if isinstance(kinds, list) else kinds == "null"


def _defects(document: Document, version: str, message: str, pointer: str, keyword: str | None) -> list[SpecWarning] | None:
    """The defects one finding of the validator stands for, each with what the generator does
    about it; None for a blocker (a finding with no one reading)."""

    def defect(text: str, where: str, action: str) -> SpecWarning:
        return SpecWarning(text, document.display_name, where, line_of(document, where), action)

    tokens = [unescape_token(t) for t in pointer.split("/")[1:]]
    if keyword in _NON_BLOCKING_KEYWORDS or _NON_BLOCKING_KEYWORDS & set(tokens):
        kind = next((t for t in reversed(tokens) if t in _NON_BLOCKING_KEYWORDS), keyword or "default")
        where = pointer if kind in tokens else join_pointer(pointer, kind)
        if kind != "default":
            return [defect(f"{kind} {message}", where, "kept as documentation")]
        # The model keeps a default of the right type (the SDK checks what callers send, not its
        # own defaults) and drops one of another type, null included: it would not type-check.
        wrong_type = " is not of type " in message or "for not nullable" in message
        parent, _, last = where.rpartition("/")
        holder = _node_at(document.contents, parent)
        if isinstance(holder, dict) and unescape_token(last) in holder and holder[unescape_token(last)] is None:
            if wrong_type or not _admits_null(holder, version):
                # (null outside an enum's values, too: the model has no `None` for the field to take)
                return [defect("default null, but the value is not nullable", where, "dropped")]
        return [defect(f"default {message}", where, "dropped" if wrong_type else "kept")]
    undeclared = _UNDECLARED.fullmatch(message)
    if undeclared is not None:
        method = undeclared["method"]
        item = _node_at(document.contents, join_pointer("/paths", undeclared["path"]))
        additional = item.get("additionalOperations") if isinstance(item, dict) else None
        if isinstance(additional, dict) and method in additional and method not in item:
            where = join_pointer("/paths", undeclared["path"], "additionalOperations", method)  # 3.2: a method of any name
        else:
            where = join_pointer("/paths", undeclared["path"], method)
        text = f"path parameter {undeclared['name']!r} of {undeclared['path']!r} is not declared"
        return [defect(text, where, "read as a required `str` argument")]
    base = pointer[: -len("/required")] if pointer.endswith("/required") else pointer
    node = _node_at(document.contents, base)
    if isinstance(node, dict) and node.get("in") == "path" and node.get("required") is not True:
        where = base + "/required" if "required" in node else base
        return [defect(f"path parameter {node.get('name')!r} is not `required: true`", where, "read as required")]
    unexpected = _UNEXPECTED.fullmatch(message)
    if unexpected is not None:
        if pointer.endswith("/responses"):
            return None  # a status that is no status (`20x`): no one reading
        keys = re.findall(r"'([^']*)'", unexpected["keys"] or unexpected["key"])
        found = []
        for key in keys:
            if key == "$ref":
                continue  # a `$ref` where OpenAPI has none (an Operation object's): followed like any other
            where = join_pointer(pointer, key)
            if version.startswith("3.0") and key in _READ_AS_31:
                found.append(defect(f"{key!r} is an OpenAPI 3.1 field, not 3.0", where, "read as in 3.1"))
            else:
                found.append(defect(f"{key!r} is not a field here (only extensions, named x-..., may be added)", where, "ignored"))
        return found
    undefined = _UNDEFINED_REQUIRED.fullmatch(message)
    if undefined is not None:
        import ast

        names = ", ".join(repr(name) for name in sorted(ast.literal_eval(undefined["names"])))
        text = f"`required` names {names}, which neither the schema nor its `allOf` parts define"
        return [defect(text, pointer, "ignored (no field is made for them; a response keeps them in `model_extra`)")]
    bound = tokens[-1] if tokens else ""
    if not version.startswith("3.0") and bound in ("exclusiveMinimum", "exclusiveMaximum"):
        holder = _node_at(document.contents, pointer.rpartition("/")[0])
        if isinstance(holder, dict) and isinstance(holder.get(bound), bool):
            # 3.0's spelling: a boolean beside `minimum`/`maximum` (3.1 takes the bound itself).
            return [defect(f"{bound}: {str(holder[bound]).lower()} is OpenAPI 3.0's form, not {version[:3]}'s", pointer, "read as in 3.0")]
    tag_parent = _TAG_PARENT.fullmatch(message)
    if tag_parent is not None and pointer == "/tags":
        name = tag_parent["name"] if tag_parent["name"] is not None else tag_parent["first"]
        tags = document.contents.get("tags")
        index = next((i for i, tag in enumerate(tags) if isinstance(tag, dict) and tag.get("name") == name), None) if isinstance(tags, list) else None
        where = pointer if index is None else join_pointer(pointer, str(index), "parent")
        return [defect(message[0].lower() + message[1:], where, "ignored (tags only group the operations)")]
    if message.endswith(" has non-unique elements"):
        return [defect(message, pointer, "each entry read once")]
    unknown = _UNKNOWN_DIALECT.fullmatch(message)
    if unknown is not None and not version.startswith("3.0"):
        return _read_by_the_documents_dialect(document, version, pointer, unknown["dialect"])
    return None


def _read_by_the_documents_dialect(document: Document, version: str, pointer: str, dialect: str) -> list[SpecWarning] | None:
    """The defects of a 3.1 (or 3.2) schema whose `$schema` names an unknown dialect: that one, and
    what the document's own dialect finds in the rest of it; None if that is a blocker."""
    schema = _node_at(document.contents, pointer)
    family = spec_checks.schema_version(version)
    base = spec_checks.BASE_DIALECT_ID[family]
    if not isinstance(schema, dict) or "$schema" not in schema or document.contents.get("jsonSchemaDialect", base) != base:
        return None
    where = join_pointer(pointer, "$schema")
    message = f"$schema names a dialect no validator knows, {dialect}"
    found = [SpecWarning(message, document.display_name, where, line_of(document, where), "ignored (the schema is read by the document's dialect)")]
    rest = {key: value for key, value in schema.items() if key != "$schema"}
    for error in spec_checks.dialect_checker(family).iter_errors(rest):
        defects = _defects(document, version, str(error.message).splitlines()[0], join_pointer(pointer, *error.absolute_path), str(error.validator))
        if defects is None:
            return None
        found.extend(defects)
    return found


def validate(document: Document, *, lenient: bool = False, documents: Documents | None = None) -> list[SpecWarning]:
    """Raise SpecError for the first blocker; return every defect, each with what is done about it.

    `lenient` is accepted and changes nothing: defects never block generation (`--strict`
    refuses them, after this stage). `$ref`s into other documents are read through
    `documents`, so that a run reads and parses each file once.
    """
    check_version(document)
    marker = _cache_marker(document)
    if marker is not None and marker.exists():
        return []
    warnings = verdict(document, documents=documents)
    if marker is not None and not warnings:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only cache only costs time
    return warnings


def verdict(document: Document, *, documents: Documents | None = None, find: Find = fast_findings) -> list[SpecWarning]:
    """The verdict on `document`, uncached: SpecError for the first blocker, else its defects.

    `find` makes the findings: the fast checks, or `reference_findings` (openapi-spec-validator).
    """
    version = check_version(document)
    store = documents if documents is not None and documents.root is document else Documents(document)
    warnings: dict[str, SpecWarning] = {}  # one per place, however many findings name it
    _check_path_templates(document)
    errors = _errors(find, document.contents, document, version, store)
    bad_patterns = _bad_patterns(document.contents, errors)
    if bad_patterns:
        # The validator blames the whole schema around a pattern it cannot read: take the
        # patterns out, validate again for the other defects, and name each pattern.
        errors = _errors(find, _without(document.contents, bad_patterns), document, version, store)
        # The fast check reads patterns with Rust's regex engine, stricter than ECMA-262
        # (`\000` octal escapes, a lone `}`): a pattern ECMA-262 reads is no defect.
        for pointer in bad_patterns:
            pattern = _node_at(document.contents, pointer)
            if not _is_ecma_regex(pattern):
                message = f"pattern {pattern!r} is not a valid regular expression"
                action = "ignored (the SDK leaves the check to the server)"
                warnings[f"{document.display_name}#{pointer}"] = SpecWarning(
                    message, document.display_name, pointer, line_of(document, pointer), action
                )
    alternatives: dict[str, list[tuple[str, str]]] | None = None
    for error in errors:
        raw = error.pointer
        if _UNDEFINED_REQUIRED.fullmatch(error.message):
            raw = join_pointer(raw, "required")  # named at the keyword, in the schema a `$ref` leads to
        keyword = error.keyword
        if keyword == "default" and "default" not in raw.split("/"):
            # A default is named by its schema's place, which may be a `$ref` to the schema that
            # holds it (a property's, say): the default is followed to where it is written.
            raw = join_pointer(raw, "default")
        where, pointer = _through_refs(document, raw, store)
        message = error.message.splitlines()[0]
        findings: list[tuple[Document, str, str]] | None = [(where, message, pointer)]
        if " is not valid under any of the " in message:
            alternatives = _meta_schema_leaves(document, version) if alternatives is None else alternatives
            findings = [(d, m, p) for m, raw_p in alternatives.get(raw) or [] for d, p in [_through_refs(document, raw_p, store)]] or None
        defects = [_defects(d, version, m, p, keyword) for d, m, p in findings or []]
        if findings is None or any(found is None for found in defects):
            if where is not document:
                raise SpecError(message, where.display_name, pointer, line_of(where, pointer))
            clearer = _clearer(document, message, pointer)
            if clearer == (message, pointer) and " is not valid under any of the " in message:
                deepest = _deepest_cause(document, version, pointer)
                clearer = _clearer(document, *deepest) if deepest is not None else clearer
            message, pointer = clearer
            raise SpecError(message, document.display_name, pointer, line_of(document, pointer))
        for found in defects:
            for warning in found or ():
                warnings.setdefault(f"{warning.uri}#{warning.pointer}", warning)
    return sorted(warnings.values(), key=lambda w: (w.uri != document.display_name, w.uri, w.line or 0, w.pointer))


def validate_in_background(
    document: Document, *, lenient: bool = False, documents: Documents | None = None, background: Background | None = None
) -> Callable[[], list[SpecWarning]]:
    """Start validating in a forked process; the returned function waits for the verdict.

    Validation is the slowest stage before formatting and depends on nothing
    else, so it runs beside resolving, modelling, rendering and formatting: in a
    process of its own, or as a piece of `background`'s (which the caller starts).
    A cached verdict is read at once.
    """
    check_version(document)
    marker = _cache_marker(document)
    if (marker is not None and marker.exists()) or not hasattr(os, "fork"):
        verdict = validate(document, documents=documents)
        return lambda: verdict

    def work() -> list[SpecWarning]:
        return validate(document, documents=documents)

    wait = background.add(work, "validation") if background is not None else in_background(work, "validation")
    return lambda: list(wait())

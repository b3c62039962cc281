"""The checks of an OpenAPI document beyond its meta-schema, in one pass over plain data.

openapi-spec-validator checks, besides the meta-schema: tag names are unique; each
parameter list names a parameter (name, in) once; the `{name}`s of a path and its
`in: path` parameters are the same names; operationIds are unique; every schema it
reaches (those of `components/schemas`, of parameters and of response contents, and
what they contain) is a schema of the document's dialect; an `allOf` schema's
`required` names properties it or its parts define; and a schema's `default` fits
it. This module checks the same, in the same order and with the same messages, over
the parsed document instead of through `jsonschema-path` (whose lookups cost most of
its time): the dialect check runs on jsonschema-rs first, and only a schema it
rejects is checked again by the Python validator, for that validator's message.

Each finding's pointer is the walk's, through `$ref`s as if they were inlined, as
openapi-spec-validator's are; the validate stage maps it to the real place.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, cast

from generator.document.load import Document, Documents
from generator.document.resolve import Located, Resolver
from generator.errors import join_pointer

__all__ = ["Finding", "BrokenReference", "findings"]

# The methods of a Path Item whose operations are checked (3.0 and 3.1 alike; 3.2 adds `query`,
# and any other method under `additionalOperations`).
_OPERATIONS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_OPERATIONS_32 = _OPERATIONS | {"query"}


# A path template's `{name}`: OpenAPI's grammar takes any character in a name but braces (and
# a `/` would cut the path's segment). openapi-spec-validator reads templates as Python format
# strings, where `{id:}`, `{a[0]}` or `{a!r}` name `id` or `a`, or crash: the names are read here as
# the model reads them, so that a parameter named `id:` is the one `{id:}` takes.
PATH_PARAMETER = re.compile(r"\{([^{}/]+)\}")


# The default dialect of the schemas of an OpenAPI 3.1 or 3.2 document, by version
# (openapi_schema_validator's OAS31_BASE_DIALECT_ID and OAS32_BASE_DIALECT_ID), and the files of
# openapi-schema-validator that hold its meta-schema and the vocabulary that refers to.
BASE_DIALECT_ID = {
    "3.1": "https://spec.openapis.org/oas/3.1/dialect/base",
    "3.2": "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
}
_DIALECT_FILES = {
    "3.1": (("oas3.1", "metaschema.json"), ("oas3.1", "vocabularies", "base")),
    "3.2": (("oas3.2", "dialect", "2025-09-17.json"), ("oas3.2", "meta", "2025-09-17.json")),
}


def schema_version(version: str) -> str:
    """The OpenAPI version whose rules a document's schemas follow: "3.0" (its own dialect of
    draft 4), "3.1" or "3.2" (dialects of JSON Schema 2020-12)."""
    return version[:3]


def format_checker(version: str) -> Any:
    """openapi-schema-validator's format checker for the schemas of `version` ("3.0", "3.1", "3.2")."""
    import openapi_schema_validator

    return getattr(openapi_schema_validator, f"oas{version.replace('.', '')}_format_checker")

# The walk's place: the tokens of a JSON pointer, joined only for a finding.
Tokens = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    """One finding: its message, the walk's JSON pointer and the check (keyword) that made it."""

    message: str
    pointer: str
    keyword: str | None = None


class BrokenReference(Exception):
    """A `$ref` the walk could not follow (unresolvable, or a cycle of `$ref`s)."""


def _is_ref(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("$ref"), str)


def _is_ecma_regex(value: str) -> bool:
    """The Python validator's `regex` format: ECMA-262, read by `regress` (its `ecma-regex` extra)."""
    from regress import Regex, RegressError

    try:
        Regex(value)
    except RegressError:
        return False
    return True


@cache
def _formats() -> dict[str, Callable[[str], bool]]:
    """The formats the meta-schemas name, each tested as the Python validator tests them: `regex`
    as ECMA-262; `uri` and its kin not at all unless a package that checks them is installed
    (jsonschema's own format checks need one), and then by the Python validator itself."""
    names = ("uri", "uri-reference", "iri", "iri-reference")
    if any(importlib.util.find_spec(package) for package in ("rfc3987", "rfc3986_validator", "rfc3987_syntax")):
        from openapi_schema_validator import oas31_format_checker

        def conforms(name: str) -> Callable[[str], bool]:
            return lambda value: bool(oas31_format_checker.conforms(value, name))

        return {"regex": _is_ecma_regex, **{name: conforms(name) for name in names}}
    return {"regex": _is_ecma_regex, **{name: (lambda value: True) for name in names}}


def _package_file(package: str, *parts: str) -> Any:
    """A JSON file shipped in `package`, read without importing it (openapi-schema-validator's
    settings alone cost a third of a second)."""
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations is not None, f"{package} is a dependency"
    return json.loads(Path(list(spec.submodule_search_locations)[0], *parts).read_text(encoding="utf-8"))


@cache
def _fast_dialect_check(version: str) -> Callable[[Any], bool]:
    """jsonschema-rs's verdict on a schema against the meta-schema of the document's default dialect
    (draft-04, which openapi-schema-validator's 3.0 validator checks schemas against; or the
    OpenAPI 3.1 or 3.2 dialect)."""
    import jsonschema_rs

    if version == "3.0":
        meta_schema = _package_file("jsonschema_specifications", "schemas", "draft4", "metaschema.json")
        validator = jsonschema_rs.validator_for(meta_schema, formats=_formats(), validate_formats=True)
    else:
        dialect, vocabulary = _oas_dialect(version)
        registry = jsonschema_rs.Registry([(dialect["$id"], dialect), (vocabulary["$id"], vocabulary)])
        validator = jsonschema_rs.validator_for(dialect, registry=registry, formats=_formats(), validate_formats=True)
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


@cache
def _oas_dialect(version: str) -> tuple[Any, Any]:
    """The base dialect of OpenAPI `version` (3.1 or 3.2): its meta-schema and the vocabulary that
    meta-schema refers to."""
    meta_schema, vocabulary = _DIALECT_FILES[version]
    return _package_file("openapi_schema_validator", "schemas", *meta_schema), _package_file("openapi_schema_validator", "schemas", *vocabulary)


@cache
def dialect_checker(version: str) -> Any:
    """jsonschema's validator of schemas against the base dialect of OpenAPI `version` (3.1 or
    3.2), for every error of one (its `check_schema` gives the first alone)."""
    import referencing
    from jsonschema.validators import validator_for
    from referencing.jsonschema import DRAFT202012

    meta_schema, vocabulary = _oas_dialect(version)
    registry: Any = referencing.Registry().with_resources((part["$id"], DRAFT202012.create_resource(part)) for part in (meta_schema, vocabulary))
    return validator_for(meta_schema)(meta_schema, format_checker=format_checker(version), registry=registry)


# Keywords a default's schema may hold for jsonschema-rs to say it fits as the Python validator
# would: no references, patterns (each engine reads its own way), nor numeric subtleties.
_NOT_FAST = ("$", "pattern", "multipleOf", "uniqueItems")

# Formats jsonschema checks only with a package beside it: without one, the Python validator
# does not check them, and neither does jsonschema-rs (it runs with formats off). Any other
# format goes to the Python validator.
_FORMAT_PACKAGES = {
    "uri": ("rfc3987", "rfc3986_validator"),
    "uri-reference": ("rfc3987", "rfc3986_validator"),
    "iri": ("rfc3987",),
    "iri-reference": ("rfc3987",),
    "uri-template": ("uri_template",),
    "json-pointer": ("jsonpointer",),
    "relative-json-pointer": ("jsonpointer",),
    "hostname": ("fqdn",),
    "color": ("webcolors",),
    "duration": ("isoduration",),
}


# Keywords whose value maps names to schemas, and keywords whose value is data, not schemas.
_NAMED_SCHEMAS = frozenset({"properties", "patternProperties", "dependentSchemas", "definitions"})
_DATA = frozenset({"default", "example", "examples", "enum", "const", "required"})


@cache
def _unchecked_formats() -> frozenset[str]:
    def installed(package: str) -> bool:
        return importlib.util.find_spec(package) is not None

    return frozenset(name for name, packages in _FORMAT_PACKAGES.items() if not any(map(installed, packages)))


# OpenAPI's numeric formats, as openapi-schema-validator checks a value against them: an
# integer (not a bool) within the bounds; any value fits `float` and `double` once parsed
# from JSON or YAML (an int or a float, or not a number at all).
_NUMERIC_FORMATS: dict[str, Callable[[Any], bool]] = {
    "int32": lambda value: isinstance(value, bool) or not isinstance(value, int) or -(1 << 31) <= value < 1 << 31,
    "int64": lambda value: isinstance(value, bool) or not isinstance(value, int) or -(1 << 63) <= value < 1 << 63,
    "float": lambda value: True,
    "double": lambda value: True,
}


def _plain(schema: Any) -> bool:
    """Whether `schema` (and each schema inside it) holds none of `_NOT_FAST` and no format the
    Python validator checks, but for one of `_NUMERIC_FORMATS` on `schema` itself (that one
    applies to the value alone: `fits_plainly` checks it)."""
    unchecked = _unchecked_formats()
    if isinstance(schema, dict) and schema.get("format") in _NUMERIC_FORMATS:
        schema = {key: value for key, value in schema.items() if key != "format"}
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str) or key.startswith(_NOT_FAST):
                    return False
                if key == "format" and (not isinstance(value, str) or value not in unchecked):
                    return False
                if key in _NAMED_SCHEMAS and isinstance(value, dict):
                    pending.extend(value.values())  # the names are not keywords
                elif key not in _DATA:
                    pending.append(value)
        elif isinstance(node, list):
            pending.extend(node)
    return True


class _Walk:
    """One pass over a document: the state openapi-spec-validator keeps (schemas seen, schemas
    checked against the dialect) and the findings so far."""

    def __init__(self, document: Document, contents: Any, version: str, store: Documents) -> None:
        self.document = document
        self.contents = contents
        self.version = schema_version(version)
        self.operations = _OPERATIONS_32 if self.version == "3.2" else _OPERATIONS
        self.store = store
        self.resolver = Resolver(document, store)
        self.targets: dict[tuple[str, str], tuple[Any, str]] = {}
        self.found: list[Finding] = []
        self.visited: set[int] = set()
        self.dialect_checked: set[int] = set()
        self._registry: Any = None

    # -- references ------------------------------------------------------------

    def deref(self, value: Any, uri: str) -> tuple[Any, str]:
        """The value a `$ref` (or a chain of them) names, and the URI of its document."""
        if not _is_ref(value):
            return value, uri
        key = (uri, value["$ref"])
        found = self.targets.get(key)
        if found is None:
            from generator.errors import SpecError

            try:
                target = self.resolver.deref(Located(value, uri, ""))
            except SpecError as exc:
                failure = exc.message
            else:
                found = self.targets[key] = (target.value, target.uri)
                return found
            # Raised outside the handler: the validate stage finds the broken `$ref` again
            # and says why from its own lookup, with no earlier error in the chain.
            raise BrokenReference(failure)
        return found

    def referencing_resolver(self, uri: str) -> Any:
        """A `referencing` resolver for the Python validator's own `$ref` lookups from `uri`."""
        if self._registry is None:
            import referencing
            from referencing.jsonschema import DRAFT202012

            def retrieve(target: str) -> referencing.Resource[Any]:
                return DRAFT202012.create_resource(self.store.contents(target))

            registry: referencing.Registry[Any] = referencing.Registry(retrieve=retrieve)  # type: ignore[call-arg]
            self._registry = registry.with_resource(self.document.uri, DRAFT202012.create_resource(self.contents))
        return self._registry.resolver(base_uri=uri)

    def add(self, message: str, pointer: Tokens, keyword: str) -> None:
        self.found.append(Finding(message, join_pointer("", *pointer), keyword))

    # -- the document ----------------------------------------------------------

    def root(self) -> None:
        uri = self.document.uri
        spec, uri = self.deref(self.contents, uri)
        if not isinstance(spec, dict):
            return
        if "tags" in spec:
            self.tags(*self.deref(spec["tags"], uri))
        if "paths" in spec:
            paths, paths_uri = self.deref(spec["paths"], uri)
            if isinstance(paths, dict):
                for url, item in paths.items():
                    self.path_item(str(url), item, paths_uri, ("paths", str(url)))
        if "components" in spec:
            components, components_uri = self.deref(spec["components"], uri)
            if isinstance(components, dict) and "schemas" in components:
                schemas, schemas_uri = self.deref(components["schemas"], components_uri)
                if isinstance(schemas, dict):
                    for name in schemas:
                        self.schema(schemas[name], schemas_uri, ("components", "schemas", str(name)))

    def tags(self, tags: Any, uri: str) -> None:
        seen: set[str] = set()
        parents: dict[str, str | None] = {}  # 3.2: each tag's `parent`, by name
        for tag in tags if isinstance(tags, list) else ():
            tag = self.deref(tag, uri)[0]
            name = tag["name"]
            if name in seen:
                self.add(f"Duplicate tag name '{name}'", ("tags",), "tags")
            seen.add(name)
            parents[name] = tag.get("parent")
        if self.version == "3.2":
            self.tag_hierarchy(parents)

    def tag_hierarchy(self, parents: dict[str, str | None]) -> None:
        """3.2's tags: a `parent` names a tag, and no tag is its own ancestor (each cycle once)."""
        for name, parent in parents.items():
            if parent is not None and parent not in parents:
                self.add(f"Tag '{name}' references unknown parent tag '{parent}'", ("tags",), "tags")
        reported: set[str] = set()
        for start in parents:
            trail: list[str] = []
            at: str | None = start
            while at is not None and at in parents:
                if at in trail:
                    cycle = " -> ".join([*trail[trail.index(at) :], at])
                    if cycle not in reported:
                        reported.add(cycle)
                        self.add(f"Circular tag hierarchy detected: {cycle}", ("tags",), "tags")
                    break
                trail.append(at)
                at = parents[at]

    def parameters(self, parameters: Any, uri: str, pointer: Tokens) -> Iterator[Any]:
        """Check a list of parameters; yield each (resolved)."""
        seen = set()
        for index, item in enumerate(parameters if isinstance(parameters, list) else ()):
            parameter, parameter_uri = self.deref(item, uri)
            where = (*pointer, index)
            if isinstance(parameter, dict) and "schema" in parameter:
                self.schema(parameter["schema"], parameter_uri, (*where, "schema"))
            key = (parameter["name"], parameter["in"])
            if key in seen:
                self.add(f"Duplicate parameter '{parameter['name']}'", pointer, "parameters")
            seen.add(key)
            yield parameter

    def path_item(self, url: str, item: Any, uri: str, pointer: Tokens) -> None:
        item, uri = self.deref(item, uri)
        if not isinstance(item, dict):
            return
        shared: list[Any] | None = None
        if "parameters" in item:
            listed, listed_uri = self.deref(item["parameters"], uri)
            shared = list(self.parameters(listed, listed_uri, (*pointer, "parameters")))
        for method, operation in item.items():
            if method in self.operations:
                self.operation(url, method, operation, uri, (*pointer, method), shared)
            elif method == "additionalOperations" and self.version == "3.2" and isinstance(operation, dict):
                for name, additional in operation.items():
                    self.operation(url, str(name), additional, uri, (*pointer, method, str(name)), shared)

    def operation(self, url: str, method: str, operation: Any, uri: str, pointer: Tokens, shared: list[Any] | None) -> None:
        operation, uri = self.deref(operation, uri)
        if not isinstance(operation, dict):
            operation = {}
        if "responses" in operation:
            responses, responses_uri = self.deref(operation["responses"], uri)
            for code, response in responses.items() if isinstance(responses, dict) else ():
                self.response(response, responses_uri, (*pointer, "responses", str(code)))
        names: list[str] = []
        if "parameters" in operation:
            listed, listed_uri = self.deref(operation["parameters"], uri)
            names += [p["name"] for p in self.parameters(listed, listed_uri, (*pointer, "parameters")) if p["in"] == "path"]
        if shared is not None:
            names += [p["name"] for p in shared if p["in"] == "path"]
        declared = set(names)
        in_url = set(PATH_PARAMETER.findall(url))
        for name in [*sorted(in_url - declared), *sorted(declared - in_url)]:
            self.add(f"Path parameter '{name}' for '{method}' operation in '{url}' was not resolved", ("paths",), "paths")

    def response(self, response: Any, uri: str, pointer: Tokens) -> None:
        response, uri = self.deref(response, uri)
        if not isinstance(response, dict) or "content" not in response:
            return
        content, content_uri = self.deref(response["content"], uri)
        for media_type_name, media_type in content.items() if isinstance(content, dict) else ():
            media_type, media_type_uri = self.deref(media_type, content_uri)
            if isinstance(media_type, dict) and "schema" in media_type:
                self.schema(media_type["schema"], media_type_uri, (*pointer, "content", str(media_type_name), "schema"))

    # -- schemas ---------------------------------------------------------------

    def dialect_error(self, schema: Any) -> tuple[str, list[Any]] | None:
        """The first error of `schema` against the meta-schema of its dialect: (message, path)."""
        if self.version == "3.0":
            if _fast_dialect_check("3.0")(schema):
                return None
            from openapi_schema_validator import OAS30Validator

            check: Callable[[Any], None] = OAS30Validator.check_schema
        else:
            if isinstance(schema, dict) and "$schema" in schema:
                dialect = schema["$schema"]
                if not isinstance(dialect, str):
                    return f"Unknown JSON Schema dialect: {dialect!r}", []
            else:
                base = BASE_DIALECT_ID[self.version]
                dialect = self.contents.get("jsonSchemaDialect", base) if isinstance(self.contents, dict) else base
            if dialect == BASE_DIALECT_ID[self.version] and _fast_dialect_check(self.version)(schema):
                return None
            from jsonschema.validators import validator_for

            formats = format_checker(self.version)  # (its import registers the OpenAPI dialects with jsonschema)
            validator_class: Any = validator_for({"$schema": dialect}, default=cast(Any, None))
            if validator_class is None:
                return f"Unknown JSON Schema dialect: {dialect!r}", []

            def check(value: Any) -> None:
                validator_class.check_schema(value, format_checker=formats)

        from jsonschema.exceptions import SchemaError, ValidationError

        try:
            check(schema)
        except (SchemaError, ValidationError) as error:
            return str(error.message), list(error.path)
        return None

    def schema(self, schema: Any, uri: str, pointer: Tokens, top_level: bool = True) -> None:
        """Check a schema and what it contains, once each (as openapi-spec-validator does: a schema
        reached first from inside another was checked against the dialect as part of it)."""
        value, uri = self.deref(schema, uri)
        if not isinstance(value, (dict, bool)):
            self.add(f"{value!r} is not of type 'object', 'boolean'", pointer, "schema")
            return
        if top_level and id(value) not in self.dialect_checked:
            self.dialect_checked.add(id(value))
            error = self.dialect_error(value)
            if error is not None:
                self.add(error[0], (*pointer, *error[1]), "schema")
                return
        if id(value) in self.visited or not isinstance(value, dict):
            return
        self.visited.add(id(value))
        nested_properties: list[Any] = []
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in value:
                parts, parts_uri = self.deref(value[keyword], uri)
                for index, part in enumerate(parts if isinstance(parts, list) else ()):
                    self.schema(part, parts_uri, (*pointer, keyword, index), top_level=False)
                    if keyword == "allOf":
                        nested_properties += list(self.properties_of(part, parts_uri))
        for keyword in ("not", "items"):
            if keyword in value:
                self.schema(value[keyword], uri, (*pointer, keyword), top_level=False)
        properties: Any = {}
        if "properties" in value:
            properties, properties_uri = self.deref(value["properties"], uri)
            for name, subschema in properties.items() if isinstance(properties, dict) else ():
                self.schema(subschema, properties_uri, (*pointer, "properties", str(name)), top_level=False)
        required = "required" in value and self.deref(value["required"], uri)[0] or []
        if "allOf" in value:
            extra = list(set(required) - set(properties or []) - set(nested_properties))
            if extra and top_level:
                self.add(f"Required list has not defined properties: {extra}", pointer, "schema")
        if "default" in value:
            self.default(value, uri, pointer)

    def properties_of(self, schema: Any, uri: str) -> set[str]:
        """Every property name `schema` and its parts define (no guard against cycles: the
        reference validator has none, and a cycle is reported as it reports it)."""
        value, uri = self.deref(schema, uri)
        names: set[str] = set()
        if not isinstance(value, dict):
            return names
        if "properties" in value:
            names.update(self.deref(value["properties"], uri)[0])
        for keyword in ("allOf", "anyOf", "oneOf"):
            if keyword in value:
                parts, parts_uri = self.deref(value[keyword], uri)
                for part in parts:
                    names.update(self.properties_of(part, parts_uri))
        for keyword in ("items", "not"):
            if keyword in value:
                names.update(self.properties_of(value[keyword], uri))
        return names

    def fits_plainly(self, schema: dict[str, Any], value: Any) -> bool:
        """Whether jsonschema-rs finds `value` fits a schema it reads as the Python validator does.
        Only a "fits" is taken; a "does not fit" goes to the Python validator, for its message
        (and its reading of `nullable`, which jsonschema-rs does not know)."""
        import jsonschema_rs

        if not _plain(schema):
            return False
        validator_class: Any = jsonschema_rs.Draft4Validator if self.version == "3.0" else jsonschema_rs.Draft202012Validator
        try:
            fits: bool = validator_class(schema, validate_formats=False).is_valid(value)
        except ValueError:
            return False  # a schema jsonschema-rs does not take (`exclusiveMinimum: true` in 3.1)
        numeric = _NUMERIC_FORMATS.get(schema.get("format"))  # type: ignore[arg-type]
        return fits and (numeric is None or numeric(value))

    def default(self, schema: dict[str, Any], uri: str, pointer: Tokens) -> None:
        value = schema["default"]
        if value is None and schema.get("nullable", False) is True:
            return  # a null default of a nullable 3.0 schema: fits
        if self.fits_plainly(schema, value):
            return
        import openapi_schema_validator

        validator_class: Any = getattr(openapi_schema_validator, f"OAS{self.version.replace('.', '')}Validator")
        validator = validator_class(schema, _resolver=self.referencing_resolver(uri), format_checker=format_checker(self.version))
        for error in validator.iter_errors(value):
            self.add(str(error.message), (*pointer, *error.path), "default")


def findings(document: Document, contents: Any, version: str, store: Documents) -> list[Finding]:
    """What the checks beyond the meta-schema find in `contents` (the document's, or a copy of
    them), in openapi-spec-validator's order. Raises BrokenReference for a `$ref` the walk
    cannot follow; a crash on a malformed document (a parameter without `name`) propagates."""
    walk = _Walk(document, contents, version, store)
    walk.root()
    return walk.found

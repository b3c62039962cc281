"""Validate stage for a bare JSON Schema document: check it against its meta-schema.

The `jsonschema` library picks the dialect from `$schema` (draft 2020-12 when
there is none) and reports the most relevant violation, whose path becomes the
JSON pointer of the one-line error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match

from generator.document.load import Document, line_of
from generator.errors import SpecError, SpecWarning, join_pointer

# Top-level keywords by which a document without `openapi` shows it is a JSON Schema.
_SCHEMA_KEYWORDS = frozenset(
    {"$schema", "$id", "$defs", "definitions", "$ref", "type", "properties", "items", "oneOf", "anyOf", "allOf", "enum", "const"}
)
DIALECTS: dict[str, Any] = {
    str(validator.META_SCHEMA.get("$id") or validator.META_SCHEMA.get("id") or "").rstrip("#"): validator
    for validator in (
        jsonschema.Draft4Validator,
        jsonschema.Draft6Validator,
        jsonschema.Draft7Validator,
        jsonschema.Draft201909Validator,
        jsonschema.Draft202012Validator,
    )
}


def _validator_class(document: Document) -> Any:
    contents = document.contents
    name = document.display_name
    if not isinstance(contents, dict):
        raise SpecError("not a JSON Schema document: the top level is not a mapping", name, "", 1)
    if not _SCHEMA_KEYWORDS & set(contents):
        raise SpecError(
            "neither an OpenAPI document (no `openapi` field) nor a JSON Schema (no `$schema`, `type`, `$defs`, ...)",
            name,
            "",
            1,
        )
    dialect = contents.get("$schema")
    if dialect is None:
        return jsonschema.Draft202012Validator
    found = DIALECTS.get(str(dialect).rstrip("#")) if isinstance(dialect, str) else None
    if found is None:
        known = ", ".join(sorted(DIALECTS))
        raise SpecError(f"unsupported $schema {dialect!r}: one of {known}", name, "/$schema", line_of(document, "/$schema"))
    return found


# Keywords whose value is a schema, a list of schemas, or a mapping of names to schemas.
_SCHEMA_VALUED = frozenset(
    {"items", "additionalItems", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "not", "if", "then", "else", "contains", "propertyNames"}
)
_SCHEMA_LISTS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems", "items"})
_SCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def _defaults(schema: Any, pointer: str = "") -> list[str]:
    """The pointers of every schema that has a `default`, found through the schema keywords only."""
    if not isinstance(schema, dict):
        return []
    found = [pointer] if "default" in schema else []
    for keyword, value in schema.items():
        if keyword in _SCHEMA_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                found += _defaults(sub, join_pointer(pointer, keyword, name))
        elif keyword in _SCHEMA_LISTS and isinstance(value, list):
            for index, sub in enumerate(value):
                found += _defaults(sub, join_pointer(pointer, keyword, index))
        elif keyword in _SCHEMA_VALUED and isinstance(value, dict):
            found += _defaults(value, join_pointer(pointer, keyword))
    return found


def _check_defaults(document: Document, validator: Any) -> list[SpecWarning]:
    """Each `default` must match the schema it is the default of (`$ref`s resolved in the document):
    one that does not is a defect: kept when of the right type (the SDK checks what callers send,
    not its own defaults), else dropped (the model's `_default`)."""
    import referencing
    import referencing.jsonschema

    base = "urn:sdkwright:schema"
    specification = referencing.jsonschema.specification_with(validator.META_SCHEMA.get("$schema", ""), default=referencing.jsonschema.DRAFT202012)
    resource = specification.create_resource(document.contents)
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(base, resource)
    identifier = document.contents.get("$id")
    if isinstance(identifier, str) and identifier:
        registry = registry.with_resource(identifier.rstrip("#"), resource)
    root = identifier.rstrip("#") if isinstance(identifier, str) and identifier else base
    warnings: list[SpecWarning] = []
    for pointer in sorted(_defaults(document.contents)):  # the same order whatever the key order
        default = _at(document.contents, pointer)["default"]
        checker = validator({"$ref": f"{root}#{pointer}"}, registry=registry)
        error = best_match(checker.iter_errors(default))
        if error is None:
            continue
        where = join_pointer(pointer, "default", *error.absolute_path)
        message = f"default {error.message}" if not error.absolute_path else f"default: {error.message}"
        action = "dropped" if error.validator == "type" and not error.absolute_path else "kept"
        warnings.append(SpecWarning(message, document.display_name, where, line_of(document, where), action))
    return warnings


def _at(contents: Any, pointer: str) -> Any:
    from generator.errors import unescape_token

    for token in pointer.split("/")[1:]:
        token = unescape_token(token)
        contents = contents[int(token)] if isinstance(contents, list) else contents[token]
    return contents


def validate_schema(document: Document, *, lenient: bool = False) -> list[SpecWarning]:
    """Check `document` against its dialect's meta-schema; a SpecError names the first violation.

    A `default` that does not match its own schema is a defect (a warning): it
    misleads readers but does not block generation. `lenient` changes nothing.
    """
    validator = _validator_class(document)
    error = best_match(validator(validator.META_SCHEMA).iter_errors(document.contents))
    if error is not None:
        pointer = join_pointer("", *error.absolute_path)
        raise SpecError(f"invalid JSON Schema: {error.message}", document.display_name, pointer, line_of(document, pointer))
    return _check_defaults(document, validator)


def validate_schema_now(document: Document, *, lenient: bool = False) -> Callable[[], list[SpecWarning]]:
    """`validate_schema` in the shape of `validate_in_background`: these checks are quick."""
    verdict = validate_schema(document, lenient=lenient)
    return lambda: verdict

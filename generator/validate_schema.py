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

from generator.errors import SpecError, join_pointer
from generator.load import Document, line_of
from generator.validate import SpecWarning

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


def validate_schema(document: Document) -> list[SpecWarning]:
    """Check `document` against its dialect's meta-schema; a SpecError names the first violation."""
    validator = _validator_class(document)
    error = best_match(validator(validator.META_SCHEMA).iter_errors(document.contents))
    if error is not None:
        pointer = join_pointer("", *error.absolute_path)
        raise SpecError(f"invalid JSON Schema: {error.message}", document.display_name, pointer, line_of(document, pointer))
    return []


def validate_schema_now(document: Document) -> Callable[[], list[SpecWarning]]:
    """`validate_schema` in the shape of `validate_in_background`: meta-schema checks are quick."""
    verdict = validate_schema(document)
    return lambda: verdict

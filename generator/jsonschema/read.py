"""Model stage for a bare JSON Schema document (draft 2020-12 or draft-07).

The schema translator is the OpenAPI reader's (`SchemaTranslator`), given a
`JsonSchemaStyle`: the same type expressions, hoisting and naming hints. What differs is where types come
from: the root schema and every entry of `$defs` (or draft-07's
`definitions`), in sorted order, and no operations. Two JSON Schema habits
get a shape of their own:

- the root schema is named by its `title` (`SWML document` -> `SWMLDocument`),
  falling back to the file's name;
- an object whose only property is required, holds an inline object and
  admits nothing else (`{"join_conference": {...}}`, the form of SWML's
  methods) is one class with the inner object's fields; the key it sits in
  is kept as the class's `wrapper`.
"""

from __future__ import annotations

from typing import Any

from dataclasses import dataclass

from generator import ir
from generator.errors import SpecError
from generator.document.resolve import Located, Resolver
from generator.schema.translate import SchemaTranslator, _text, component_context

DEFINITIONS = ("$defs", "definitions")
# Drafts in which keywords beside `$ref` apply (before 2019-09 they are ignored).
_REF_SIBLINGS_DRAFTS = ("2019-09", "2020-12")


def is_json_schema(contents: Any) -> bool:
    """True for a document that is not OpenAPI (or Swagger): a bare JSON Schema."""
    return isinstance(contents, dict) and "openapi" not in contents and "swagger" not in contents


def _closed(schema: dict[str, Any]) -> bool:
    """The object admits no property besides those it lists."""
    return schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False


@dataclass(frozen=True)
class JsonSchemaStyle:
    """A bare JSON Schema's habits, for the schema translator; see the module docstring."""

    uri: str  # the root document's
    ref_siblings: bool

    def explicit_context(self, target: Located) -> tuple[str, ...] | None:
        if not target.pointer and target.uri == self.uri and isinstance(target.value, dict):
            title = _text(target.value.get("title"))
            if title:
                return (title,)
        return component_context(target)

    def wrapped(self, node: Located, schema: dict[str, Any]) -> tuple[str, Located] | None:
        """The key and inner object of a one-key wrapper object, else None."""
        properties = schema.get("properties")
        if not isinstance(properties, dict) or len(properties) != 1 or not _closed(schema):
            return None
        (key, inner), = properties.items()
        required = schema.get("required")
        if not isinstance(required, list) or key not in required or not isinstance(inner, dict) or "$ref" in inner:
            return None
        if not isinstance(inner.get("properties"), dict) or not inner["properties"]:
            return None
        if any(k in inner for k in ("oneOf", "anyOf", "allOf")) or inner.get("type", "object") != "object":
            return None
        return key, node.child("properties", key)


class JsonSchemaReader:
    """Builds the models of a JSON Schema document; see the module docstring."""

    def __init__(self, resolver: Resolver) -> None:
        self.document = resolver.root
        self.root = Located(self.document.contents, self.document.uri, "")
        dialect = str(self.document.contents.get("$schema", ""))
        ref_siblings = not dialect or any(draft in dialect for draft in _REF_SIBLINGS_DRAFTS)
        self.schemas = SchemaTranslator(resolver, JsonSchemaStyle(self.document.uri, ref_siblings))

    def build(self) -> ir.Api:
        contents = self.document.contents
        self.schemas.type_of(self.root, ())
        for keyword in DEFINITIONS:
            definitions = contents.get(keyword)
            if isinstance(definitions, dict):
                for name in sorted(definitions):
                    self.schemas.type_of(self.root.child(keyword, name), (name,))
        title = _text(contents.get("title")) or self.document.display_name.rsplit("/", 1)[-1].split(".", 1)[0]
        return ir.Api(
            title=title,
            version="",
            description=_text(contents.get("description")),
            openapi="",
            servers=(),
            security_schemes=(),
            security=(),
            operations=(),
            webhooks=(),
            types=tuple(self.schemas.types[k] for k in sorted(self.schemas.types)),
        )


def build_schema_model(resolver: Resolver) -> ir.Api:
    """The models of the JSON Schema document `resolver` starts from."""
    contents = resolver.root.contents
    if not isinstance(contents, dict):
        raise SpecError("a JSON Schema document must be an object", resolver.root.display_name, "", 1)
    try:
        return JsonSchemaReader(resolver).build()
    except RecursionError:
        raise SpecError("schemas nest too deeply to generate", resolver.root.display_name) from None

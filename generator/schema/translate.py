"""JSON Schema -> intermediate model types, for both readers.

`SchemaTranslator` turns a schema (at a place of a resolved document) into a
type expression: `Primitive`, `ListOf`, `MapOf`, `Nullable`, `UnionOf`, or
`Named`, a reference into the table of named types (objects, enums and unions
of models, inline ones included: they are hoisted and later named from their
context). The table is keyed by the schema's canonical place, which is how
recursive schemas stay finite. What differs between an OpenAPI document and a
bare JSON Schema (how a referenced schema is named, whether an object is a
one-key wrapper, whether keywords beside `$ref` apply) is a `SchemaStyle` the
translator is given.
"""

from __future__ import annotations

import datetime
import functools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from generator import ir
from generator.errors import SpecError, join_pointer, unescape_token
from generator.document.resolve import Located, Resolver


# One instance of each primitive, shared: a whole API asks for `str` and `none` some 100,000 times.
_primitive: Callable[[ir.PrimitiveKind], ir.Primitive] = functools.cache(ir.Primitive)


def _as_number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _as_count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class SchemaStyle(Protocol):
    """What a kind of document says about its schemas beyond JSON Schema itself."""

    @property
    def ref_siblings(self) -> bool:
        """Whether keywords beside a `$ref` refine its target (OpenAPI 3.1, JSON Schema 2019-09 on)."""
        ...

    def explicit_context(self, target: Located) -> tuple[str, ...] | None:
        """The name a schema has of its own, if the document gives it one where it is."""
        ...

    def wrapped(self, node: Located, schema: dict[str, Any]) -> tuple[str, Located] | None:
        """The key and inner object of an object that only wraps another, if it is one."""
        ...


def component_context(target: Located, root_uri: str | None = None) -> tuple[str, ...] | None:
    """The name of a schema from where it is: its component name, a definition's, or its file's."""
    pointer = target.pointer
    if pointer.count("/") > 3 and "//" not in pointer and not pointer.endswith("/"):
        return None  # four tokens or more, deeper than any named place (most schemas of a whole API)
    tokens = [t for t in pointer.split("/") if t]
    if len(tokens) == 3 and tokens[0] == "components" and tokens[1] == "schemas":
        return (unescape_token(tokens[2]),)
    if len(tokens) >= 1 and tokens[0] in ("definitions", "$defs") and len(tokens) == 2:
        return (tokens[1],)
    if len(tokens) == 1 and root_uri is not None and target.uri != root_uri:
        return (unescape_token(tokens[0]),)  # a schema file of a multi-file spec: `schemas.yaml#/Book`
    if not tokens:
        stem = target.uri.rsplit("/", 1)[-1].split(".", 1)[0]
        return (stem,) if stem else None
    return None


@dataclass(frozen=True)
class OpenApiStyle:
    """OpenAPI's schemas: named by component, no wrappers; 3.1 reads keywords beside `$ref`."""

    ref_siblings: bool
    root_uri: str | None = None  # the root document; a top-level key of another file names a schema

    def explicit_context(self, target: Located) -> tuple[str, ...] | None:
        return component_context(target, self.root_uri)

    def wrapped(self, node: Located, schema: dict[str, Any]) -> tuple[str, Located] | None:
        return None


class SchemaTranslator:
    """Translates the schemas of one document; one instance fills one table of named types."""

    def __init__(self, resolver: Resolver, style: SchemaStyle) -> None:
        self.resolver = resolver
        self.style = style
        self.is_31 = style.ref_siblings
        self.types: dict[str, ir.NamedType] = {}
        self._in_progress: set[str] = set()
        self._recursive: set[str] = set()
        self._exprs: dict[str, ir.TypeExpr] = {}
        self.notices: dict[str, ir.Notice] = {}

    def constraints(self, schema: dict[str, Any], where: Located) -> ir.Constraints:
        """The checks of `schema` (found at `where`) that the client can apply; a pattern
        it cannot is noted, as the SDK leaves that check to the server."""
        constraints = _constraints(schema)
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and constraints.pattern is None:
            pointer = join_pointer(where.pointer, "pattern")
            self.notices[f"{where.uri}#{pointer}"] = ir.Notice(
                where.uri, pointer, f"pattern {pattern!r} {_pattern_problem(pattern) or 'is not checked'}: the SDK does not check it"
            )
        return constraints

    def type_of(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        """The type expression of the schema at `node` (which may be a `$ref`)."""
        value = node.value
        if isinstance(value, dict) and "$ref" in value:
            return self._referenced(node, self.resolver.deref(node), context)
        return self._schema(node, context)

    def _referenced(self, node: Located, target: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        """The type of the `$ref` at `node`, whose target is `target`."""
        value = node.value
        expr = self._schema(target, self._explicit_context(target) or context)
        if len(value) > 1:
            siblings = {k: v for k, v in value.items() if k not in ("$ref", "description", "summary")}
            if self.is_31 and any(k in siblings for k in ("properties", "allOf", "oneOf", "anyOf", "required")):
                # 3.1 allows keywords beside $ref: they refine the target, as allOf would.
                return self._all_of(node, context, [{"$ref": value["$ref"]}, siblings])
            if siblings.get("nullable") is True or (
                isinstance(siblings.get("type"), list) and "null" in siblings["type"]
            ):
                return _nullable(expr)
        return expr

    def _explicit_context(self, target: Located) -> tuple[str, ...] | None:
        """The context of a referenced schema: the name its document gives it, if any."""
        return self.style.explicit_context(target)

    def _is_component(self, node: Located) -> bool:
        return self._explicit_context(node) is not None

    def _schema(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        if isinstance(node.value, dict):
            simple = _simple_primitive(node.value)
            if simple is not None:  # (most schemas): nothing to name, nothing inside to reach it again
                return simple
        key = node.key
        cached = self._exprs.get(key)
        if cached is not None:
            return cached
        if key in self._in_progress:
            self._recursive.add(key)
            schema = node.value if isinstance(node.value, dict) else {}
            types = schema.get("type")
            nullable = schema.get("nullable") is True or (isinstance(types, list) and "null" in types)
            return ir.Nullable(ir.Named(key)) if nullable else ir.Named(key)
        self._in_progress.add(key)
        try:
            expr = self._build_schema(node, context)
        finally:
            self._in_progress.discard(key)
        if key in self._recursive and expr != ir.Named(key) and key not in self.types:
            # A schema that contains itself (a recursive union or list) needs a name to refer to.
            schema = node.value if isinstance(node.value, dict) else {}
            self.types[key] = ir.AliasType(key, self._hint(node, context, schema), _text(schema.get("description")), expr)
            expr = ir.Named(key)
        self._exprs[key] = expr
        return expr

    def _build_schema(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        schema = node.value
        if schema is True or schema == {}:
            return ir.ANY
        if schema is False or not isinstance(schema, dict):
            return ir.ANY

        nullable = schema.get("nullable") is True
        types = schema.get("type")
        type_list: list[str] = [types] if isinstance(types, str) else [t for t in types if isinstance(t, str)] if isinstance(types, list) else []
        if type_list == ["null"]:
            return _primitive("none")
        if "null" in type_list:
            nullable = True
            type_list = [t for t in type_list if t != "null"]

        expr = self._shape(node, context, schema, type_list)
        if isinstance(expr, ir.Nullable):
            return expr
        if expr == _primitive("none"):
            return expr
        return _nullable(expr) if nullable else expr

    def _shape(self, node: Located, context: tuple[str, ...], schema: dict[str, Any], type_list: list[str]) -> ir.TypeExpr:
        if "const" in schema:
            const = schema["const"]
            if const is None:
                return _primitive("none")
            if isinstance(const, (str, int)) and not isinstance(const, bool):
                return self._enum(node, context, schema, [const])
            return _primitive_of(type_list or _types_of_values([const]), schema)
        if isinstance(schema.get("enum"), list):
            values = schema["enum"]
            present = [v for v in values if v is not None]
            enum_values = [v for v in present if isinstance(v, (str, int)) and not isinstance(v, bool)]
            if present and len(enum_values) == len(present) and len({type(v) for v in enum_values}) == 1:
                named = [name for value, name in zip(values, _member_names(schema, len(values))) if value is not None]
                expr = self._enum(node, context, schema, enum_values, named)
            elif type_list:
                expr = _primitive_of(type_list, schema)
            else:  # the values say the type
                kinds = _types_of_values(present)
                expr = _primitive_of(kinds, schema) if len(kinds) < 2 else ir.UnionOf(tuple(_primitive_of([k], schema) for k in kinds))
            return _nullable(expr) if None in values else expr
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            parts = schema["allOf"]
            own = {k: v for k, v in schema.items() if k not in ("allOf",)}
            # `allOf: [{$ref: X}, {description: ...}]` says "an X, described": X itself, not a copy.
            shaping = [i for i, part in enumerate(parts) if not _annotation_only(part)]
            if len(shaping) == 1 and not own.get("properties"):
                inner = self.type_of(node.child("allOf", shaping[0]), context)
                annotated_nullable = any(isinstance(p, dict) and p.get("nullable") is True for p in parts)
                return _nullable(inner) if annotated_nullable else inner
            return self._all_of(node, context, list(parts))
        for keyword in ("oneOf", "anyOf"):
            if isinstance(schema.get(keyword), list) and schema[keyword] and not schema.get("properties"):
                constants = self._constants(node, schema, keyword)
                if constants is not None:
                    values, titles, nullable = constants
                    expr = self._enum(node, context, schema, values, titles)
                    return _nullable(expr) if nullable else expr
                return self._union(node, context, schema, keyword)
        if "object" in type_list or (not type_list and ("properties" in schema or "additionalProperties" in schema)):
            return self._object(node, context, schema)
        if "array" in type_list or (not type_list and ("items" in schema or "prefixItems" in schema)):
            items = schema.get("items")
            if isinstance(schema.get("prefixItems"), list) or isinstance(items, list):
                return self._tuple(node, context, schema)
            if isinstance(items, dict):
                item_context = context[:-1] + (f"{context[-1]}_item",) if context else ("item",)
                return ir.ListOf(self.type_of(node.child("items"), item_context))
            return ir.ListOf(ir.ANY)
        if len(type_list) > 1:
            return ir.UnionOf(tuple(_primitive_of([t], schema) for t in type_list))
        return _primitive_of(type_list, schema)

    def _tuple(self, node: Located, context: tuple[str, ...], schema: dict[str, Any]) -> ir.TypeExpr:
        """A tuple-like array (`prefixItems`, or draft-07's list of `items`): a list of the union
        of its positions' types and of the type the schema gives the items after them. Items
        it does not describe are not typed (`list[Leaf | str]`, not `list[Any]`); the runtime
        keeps any such item as it came."""
        keyword, rest = ("prefixItems", "items") if isinstance(schema.get("prefixItems"), list) else ("items", "additionalItems")
        if schema.get(rest) is True or schema.get(rest) == {}:
            return ir.ListOf(ir.ANY)  # any item may follow, said outright
        places = [(node.child(keyword, i), f"item {i + 1}") for i in range(len(schema[keyword]))]
        if isinstance(schema.get(rest), dict):
            places.append((node.child(rest), "item"))
        variants: list[ir.TypeExpr] = []
        nullable = False
        for place, label in places:
            expr = self.type_of(place, context[:-1] + (f"{context[-1]} {label}",) if context else (label,))
            if expr == _primitive("none") or isinstance(expr, ir.Nullable):
                nullable = True
                expr = expr.inner if isinstance(expr, ir.Nullable) else expr
                if expr == _primitive("none"):
                    continue
            if expr == ir.ANY:
                return ir.ListOf(ir.ANY)
            if expr not in variants:
                variants.append(expr)
        item: ir.TypeExpr = ir.ANY if not variants else variants[0] if len(variants) == 1 else ir.UnionOf(tuple(variants))
        return ir.ListOf(_nullable(item) if nullable else item)

    def _hint(self, node: Located, context: tuple[str, ...], schema: dict[str, Any]) -> ir.NameHint:
        explicit = self._explicit_context(node)
        return ir.NameHint(
            explicit=explicit[0] if explicit else None,
            context=context,
            title=_text(schema.get("title")),
        )

    def _register(self, node: Located, make: Callable[[], ir.NamedType]) -> ir.TypeExpr:
        # `_schema` has marked the key as in progress: references back to it become Named.
        if node.key not in self.types:
            self.types[node.key] = make()
        return ir.Named(node.key)

    def _enum(
        self, node: Located, context: tuple[str, ...], schema: dict[str, Any], values: list[Any], titles: list[str | None] | None = None
    ) -> ir.TypeExpr:
        names = titles if titles is not None else _member_names(schema, len(values))
        first: dict[Any, str | None] = {}
        for value, name in zip(values, names):
            first.setdefault(value, name)  # a repeated value keeps its first name
        unique = tuple(first)
        hints = tuple(first.values()) if any(first.values()) else ()
        return self._register(
            node,
            lambda: ir.EnumType(node.key, self._hint(node, context, schema), _text(schema.get("description")), unique, hints),
        )

    def _constants(self, node: Located, schema: dict[str, Any], keyword: str) -> tuple[list[Any], list[str | None], bool] | None:
        """The values, titles and nullability of a `oneOf`/`anyOf` whose every variant is a constant
        (`{title: Ringing, const: ringing}`), one enum written the JSON Schema way; else None."""
        values: list[Any] = []
        titles: list[str | None] = []
        nullable = False
        for index in range(len(schema[keyword])):
            variant = self.resolver.deref(node.child(keyword, index)).value
            if not isinstance(variant, dict) or "const" not in variant or not all(k in _CONSTANT_KEYS or k.startswith("x-") for k in variant):
                return None
            const = variant["const"]
            if const is None:
                nullable = True
                continue
            if isinstance(const, bool) or not isinstance(const, (str, int)):
                return None
            values.append(const)
            titles.append(_text(variant.get("title")))
        if not values or len({type(v) for v in values}) != 1:
            return None
        return values, titles, nullable

    def _object(self, node: Located, context: tuple[str, ...], schema: dict[str, Any]) -> ir.TypeExpr:
        inner = self.style.wrapped(node, schema)
        if inner is not None:
            return self._wrapper(node, context, schema, *inner)
        properties = schema.get("properties")
        additional = schema.get("additionalProperties")
        if not isinstance(properties, dict) or not properties:
            if isinstance(additional, dict) and additional:
                return ir.MapOf(self.type_of(node.child("additionalProperties"), context + ("value",)))
            return ir.MapOf(ir.ANY)

        def make() -> ir.NamedType:
            return ir.ObjectType(
                node.key,
                self._hint(node, context, schema),
                _text(schema.get("description")),
                self._properties([(node, schema)], context),
                self._additional(node, schema, context),
            )

        return self._register(node, make)

    def _wrapper(self, node: Located, context: tuple[str, ...], schema: dict[str, Any], wrapper: str, inner_node: Located) -> ir.TypeExpr:
        """An object whose one property holds the object it stands for: that object's fields,
        with the key they sit in kept as the class's `wrapper`."""

        def make() -> ir.NamedType:
            return ir.ObjectType(
                node.key,
                self._hint(node, context, schema),
                _text(schema.get("description")) or _text(inner_node.value.get("description")),
                self._properties([(inner_node, inner_node.value)], context),
                self._additional(inner_node, inner_node.value, context),
                wrapper=wrapper,
            )

        return self._register(node, make)

    def _additional(self, node: Located, schema: dict[str, Any], context: tuple[str, ...]) -> ir.TypeExpr | None:
        additional = schema.get("additionalProperties")
        if isinstance(additional, dict) and additional:
            return self.type_of(node.child("additionalProperties"), context + ("value",))
        return None

    def _properties(self, sources: list[tuple[Located, dict[str, Any]]], context: tuple[str, ...]) -> tuple[ir.Property, ...]:
        """The properties of one or more object schemas (several for allOf), in spec order."""
        found: dict[str, ir.Property] = {}
        required: set[str] = set()
        for _, schema in sources:
            if isinstance(schema.get("required"), list):
                required.update(r for r in schema["required"] if isinstance(r, str))
        for owner, schema in sources:
            properties = schema.get("properties")
            if not isinstance(properties, dict):
                continue
            where = join_pointer(owner.pointer, "properties")
            for name, prop_schema in properties.items():
                wire_name = name if isinstance(name, str) else str(name)  # a YAML key may be a number
                prop_node = Located(prop_schema, owner.uri, join_pointer(where, wire_name))  # `owner.child("properties", name)`
                found[name] = self._property(prop_node, wire_name, prop_schema, context + (name,), name in required)
        return tuple(found.values())

    def _property(self, node: Located, wire_name: str, schema: Any, context: tuple[str, ...], required: bool) -> ir.Property:
        own = schema if isinstance(schema, dict) else {}
        if "$ref" in own:
            target = self.resolver.deref(node)
            expr = self._referenced(node, target, context)
            resolved = target.value if isinstance(target.value, dict) else {}
            # The keywords beside the `$ref` over its target's (most properties have none: the target's own).
            merged = {**resolved, **{k: v for k, v in own.items() if k != "$ref"}} if len(own) > 1 else resolved
        else:
            target, expr = node, self._schema(node, context)
            resolved = merged = own
        return ir.Property(
            wire_name=wire_name,
            type=expr,
            required=required,
            description=_described(own) or (_described(resolved) if resolved is not own else None),
            default=_default(merged, expr),
            constraints=self.constraints(merged, node if "pattern" in own else target),
            read_only=merged.get("readOnly") is True,
            write_only=merged.get("writeOnly") is True,
            deprecated=merged.get("deprecated") is True,
            uri=node.uri,
            pointer=node.pointer,
        )

    def _all_of(self, node: Located, context: tuple[str, ...], parts: list[Any]) -> ir.TypeExpr:
        schema = node.value if isinstance(node.value, dict) else {}

        def sources() -> list[tuple[Located, dict[str, Any]]]:
            collected: list[tuple[Located, dict[str, Any]]] = []
            pending = [(node.child("allOf", i) if "allOf" in schema else Located(part, node.uri, node.pointer), part) for i, part in enumerate(parts)]
            seen: set[str] = set()
            while pending:
                part_node, _ = pending.pop(0)
                target = self.resolver.deref(part_node)
                if target.key in seen or not isinstance(target.value, dict):
                    continue
                seen.add(target.key)
                collected.append((target, target.value))
                nested = target.value.get("allOf")
                if isinstance(nested, list):
                    pending[0:0] = [(target.child("allOf", i), p) for i, p in enumerate(nested)]
            own = {k: v for k, v in schema.items() if k in ("properties", "required")}
            if own and "allOf" in schema:
                collected.append((node, own))
            return collected

        def make() -> ir.NamedType:
            parts_found = sources()
            description = _text(schema.get("description")) or next(
                (_text(s.get("description")) for _, s in parts_found if _text(s.get("description"))), None
            )
            additional = next((self._additional(n, s, context) for n, s in parts_found if isinstance(s.get("additionalProperties"), dict)), None)
            return ir.ObjectType(node.key, self._hint(node, context, schema), description, self._properties(parts_found, context), additional)

        return self._register(node, make)

    def _union(self, node: Located, context: tuple[str, ...], schema: dict[str, Any], keyword: str) -> ir.TypeExpr:
        variants: list[ir.TypeExpr] = []
        nullable = False
        for index, variant in enumerate(schema[keyword]):
            label = _variant_label(variant, index)
            expr = self.type_of(node.child(keyword, index), context + (label,))
            if expr == _primitive("none"):
                nullable = True
                continue
            if isinstance(expr, ir.Nullable):
                nullable = True
                expr = expr.inner
            if expr not in variants:
                variants.append(expr)
        if not variants:
            return _primitive("none")
        if len(variants) == 1:
            union: ir.TypeExpr = variants[0]
        else:
            union = ir.UnionOf(tuple(variants), self._discriminator(node, schema, variants))
        if isinstance(union, ir.UnionOf) and (
            self._is_component(node)
            or union.discriminator is not None
            or any(isinstance(v, ir.Named) for v in union.variants)
        ):
            # A union of models is named (hoisted): readable in signatures, documented once.
            hint = self._hint(node, context, schema)
            self.types[node.key] = ir.AliasType(node.key, hint, _text(schema.get("description")), union)
            union = ir.Named(node.key)
        return _nullable(union) if nullable else union

    def _discriminator(self, node: Located, schema: dict[str, Any], variants: list[ir.TypeExpr]) -> ir.Discriminator | None:
        spec = schema.get("discriminator")
        if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
            return None
        named = [v for v in variants if isinstance(v, ir.Named)]
        mapping: dict[str, str] = {}
        if isinstance(spec.get("mapping"), dict):
            unreadable = False
            for value, ref in spec["mapping"].items():
                entry = join_pointer(node.pointer, "discriminator", "mapping", str(value))
                if not isinstance(ref, str):
                    return None  # (the validator names it)
                ref_node = Located({"$ref": ref if "/" in ref or "#" in ref else f"#/components/schemas/{ref}"}, node.uri, entry)
                try:
                    target = self.resolver.deref(ref_node)
                except SpecError as error:
                    # A mapping only tells variants apart faster: without it, each variant is tried.
                    # Every entry that cannot be read is named, not the first alone.
                    self.notices[f"{node.uri}#{entry}"] = ir.Notice(
                        node.uri, entry, f"discriminator mapping {str(value)!r}: {error.message}: the mapping is ignored (each variant is tried)"
                    )
                    unreadable = True
                    continue
                mapping[str(value)] = target.key
            if unreadable:
                return None
        else:
            for variant in named:
                name = variant.key.rsplit("/", 1)[-1]
                mapping[name] = variant.key
        if not mapping or any(key not in {v.key for v in named} for key in mapping.values()):
            return None
        return ir.Discriminator(spec["propertyName"], tuple(sorted(mapping.items())))

def _variant_label(variant: Any, index: int) -> str:
    if isinstance(variant, dict):
        if _text(variant.get("title")):
            return str(variant["title"])
        properties = variant.get("properties")
        if isinstance(properties, dict):
            for prop in properties.values():
                if isinstance(prop, dict) and isinstance(prop.get("const"), str):
                    return str(prop["const"])
                if isinstance(prop, dict) and isinstance(prop.get("enum"), list) and len(prop["enum"]) == 1:
                    return str(prop["enum"][0])
        if isinstance(variant.get("type"), str) and variant["type"] != "object":
            return str(variant["type"])
    return f"option {index + 1}"


# The keywords that make `_shape` look further than a schema's `type`.
_SHAPING_KEYWORDS = frozenset({"const", "enum", "allOf", "oneOf", "anyOf", "properties", "additionalProperties", "items", "prefixItems"})
_SIMPLE_TYPES = frozenset({"string", "integer", "number", "boolean"})


def _simple_primitive(schema: dict[str, Any]) -> ir.TypeExpr | None:
    """The type of a schema of one primitive `type` and no keyword that shapes it further (what
    `_build_schema` gives it, without its walk); None for any other schema."""
    kind = schema.get("type")
    if not isinstance(kind, str) or kind not in _SIMPLE_TYPES or not _SHAPING_KEYWORDS.isdisjoint(schema):
        return None
    expr = _primitive_of([kind], schema)
    return _nullable(expr) if schema.get("nullable") is True else expr


def _nullable(expr: ir.TypeExpr) -> ir.TypeExpr:
    if isinstance(expr, ir.Nullable) or expr == ir.ANY or expr == _primitive("none"):
        return expr
    return ir.Nullable(expr)


_TYPE_NAMES = {bool: "boolean", int: "integer", float: "number", str: "string"}  # JSON Schema's


def _types_of_values(values: list[Any]) -> list[str]:
    """The JSON types of an untyped `enum`'s (or `const`'s) values, when all are scalars: what
    the schema means without saying it (`enum: [true, false]` is a boolean). Else none."""
    kinds = {_TYPE_NAMES.get(type(value), "other") for value in values}
    if not kinds or "other" in kinds:
        return []
    if "number" in kinds:
        kinds.discard("integer")  # 1 and 1.5: numbers
    return [kind for kind in ("boolean", "integer", "number", "string") if kind in kinds]


def _primitive_of(type_list: list[str], schema: dict[str, Any]) -> ir.TypeExpr:
    kind = type_list[0] if len(type_list) == 1 else None
    fmt = schema.get("format")
    if kind == "string":
        if fmt == "date-time":
            return _primitive("datetime")
        if fmt == "date":
            return _primitive("date")
        if fmt == "binary":
            return _primitive("bytes")
        return _primitive("str")
    if kind == "integer":
        return _primitive("int")
    if kind == "number":
        return _primitive("float")
    if kind == "boolean":
        return _primitive("bool")
    if kind == "null":
        return _primitive("none")
    return ir.ANY


def _default(schema: dict[str, Any], expr: ir.TypeExpr) -> ir.Default | None:
    """The default of a value of type `expr`, with its parsed value; None when there is none,
    or when it is one the SDK cannot hold (a date that is no date, a value outside the
    schema's own checks): a default that fails as soon as it is sent is no default."""
    if "default" not in schema:
        return None
    value = schema["default"]
    if value is None and not isinstance(expr, ir.Nullable):
        return None  # `default: null` on a non-nullable value documents "no default"
    core = expr.inner if isinstance(expr, ir.Nullable) else expr
    parsed = value
    if isinstance(value, str) and core in (_primitive("date"), _primitive("datetime")):
        parsed = _parse_date(value, datetime_=core == _primitive("datetime"))
        if parsed is None:
            return None
    if isinstance(core, ir.Primitive) and value is not None and not _fits(value, core.kind):
        return None  # a default of another type (the validator warns) would not type-check: dropped
    return ir.Default(value, parsed)


def _parse_date(text: str, datetime_: bool) -> datetime.date | None:
    """An RFC 3339 `date` or `date-time` string's value (`Z` read as UTC), else None."""
    try:
        if not datetime_:
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
    except ValueError:
        return None



# The keywords of a `oneOf` variant that is one constant of an enum.
_CONSTANT_KEYS = frozenset({"const", "title", "description", "type", "$comment", "deprecated", "examples", "example"})


def _member_names(schema: dict[str, Any], count: int) -> list[str | None]:
    """The member names an enum schema gives (`x-enum-varnames`, or `x-enumNames`), one per value."""
    for keyword in ("x-enum-varnames", "x-enumNames"):
        names = schema.get(keyword)
        if isinstance(names, list) and len(names) == count:
            return [_text(n) for n in names]
    return [None] * count


_JSON_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _fits(value: Any, primitive: str) -> bool:
    """Whether a JSON value can stand for a primitive (bools are not numbers)."""
    kinds = _JSON_TYPES.get(primitive)
    if kinds is None:
        return True
    return isinstance(value, kinds) and (primitive == "bool" or not isinstance(value, bool))


# Keywords that describe a value without shaping its type.
_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "nullable"}
)


def _annotation_only(part: Any) -> bool:
    """An `allOf` member that only describes (`{description: ...}`), adding no constraint."""
    return isinstance(part, dict) and all(k in _ANNOTATIONS or k.startswith("x-") for k in part)


def _described(schema: dict[str, Any]) -> str | None:
    """A schema's description, or that of an `allOf` member that only describes it."""
    description = _text(schema.get("description"))
    parts = schema.get("allOf")
    if description is not None or not isinstance(parts, list):
        return description
    notes = [p for p in parts if _annotation_only(p)]
    return next((_text(p.get("description")) for p in notes if _text(p.get("description"))), None)


def _checkable_pattern(value: Any) -> bool:
    """Whether Python's `re` reads a `pattern` (OpenAPI's are ECMA-262: `\\p{L}`, for one, is not Python)."""
    return _pattern_problem(value) is None


def _pattern_problem(value: Any) -> str | None:
    """Why Python's `re` cannot check `value` as a pattern, or None when it can.

    A pattern `re` reads with a warning (`[[A-Z]`: "possible nested set", which a later Python
    reads otherwise) is not checked either: the SDK would print that warning at each check."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(value)
        except (re.error, TypeError, ValueError, OverflowError, RecursionError):
            return "is not a Python regular expression"
        except Warning as warning:
            return f"is read with a warning by Python's `re` ({str(warning).lower()})"
    return None


# The keywords `_constraints` reads: a schema with none of them (most) has the shared empty set.
_CONSTRAINT_KEYWORDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "multipleOf"}
)


def _constraints(schema: dict[str, Any]) -> ir.Constraints:
    if _CONSTRAINT_KEYWORDS.isdisjoint(schema):
        return ir.NO_CONSTRAINTS
    minimum = _as_number(schema.get("minimum"))
    maximum = _as_number(schema.get("maximum"))
    exclusive_minimum = _as_number(schema.get("exclusiveMinimum"))
    exclusive_maximum = _as_number(schema.get("exclusiveMaximum"))
    # OpenAPI 3.0 spells exclusive bounds as booleans beside minimum/maximum.
    if schema.get("exclusiveMinimum") is True and minimum is not None:
        exclusive_minimum, minimum = minimum, None
    if schema.get("exclusiveMaximum") is True and maximum is not None:
        exclusive_maximum, maximum = maximum, None
    pattern = schema.get("pattern")
    return ir.Constraints(
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=exclusive_minimum,
        exclusive_maximum=exclusive_maximum,
        min_length=_as_count(schema.get("minLength")),
        max_length=_as_count(schema.get("maxLength")),
        pattern=pattern if isinstance(pattern, str) and _checkable_pattern(pattern) else None,
        min_items=_as_count(schema.get("minItems")),
        max_items=_as_count(schema.get("maxItems")),
        multiple_of=step if (step := _as_number(schema.get("multipleOf"))) is not None and step > 0 else None,
    )

"""Model stage: turn a resolved OpenAPI document into the intermediate model.

Every path and method becomes an operation, every schema a type expression;
object, enum and union schemas become named types, inline ones included (they
are hoisted and later named from their context). The walk follows sorted keys
wherever the spec's order carries no meaning (paths, methods, components,
statuses, webhooks), so reordering a spec does not change the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from generator import ir
from generator.conventions import recognise_conventions
from generator.errors import SpecError, join_pointer, unescape_token
from generator.load import Document, line_of
from generator.resolve import Located, Resolver

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json(?:;.*)?$|^\*/\*$")
_FORM_MEDIA = "application/x-www-form-urlencoded"
_MULTIPART_MEDIA = "multipart/form-data"
_STATUS = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]XX|default)$")


def _status_order(status: str) -> tuple[int, str]:
    return (0 if status[0].isdigit() else 1, status)


def _media_rank(media_type: str) -> int:
    if _JSON_MEDIA.match(media_type):
        return 0
    if media_type == _FORM_MEDIA:
        return 1
    if media_type == _MULTIPART_MEDIA:
        return 2
    return 3


def _words_of_path(method: str, path: str) -> str:
    """A name for an operation without operationId: `post /conferences/{id}/join`."""
    parts = [p.strip("{}") for p in path.split("/") if p]
    return " ".join([method, *parts])


def _as_number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _as_count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


class ModelBuilder:
    """Walks the document once; one instance builds one `ir.Api`."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.document: Document = resolver.root
        self.root = Located(self.document.contents, self.document.uri, "")
        self.is_31 = str(self.document.contents.get("openapi", "")).startswith("3.1")
        self.types: dict[str, ir.NamedType] = {}
        self._in_progress: set[str] = set()
        self._recursive: set[str] = set()
        self._exprs: dict[str, ir.TypeExpr] = {}
        self.notices: dict[str, ir.Notice] = {}

    # -- schemas -------------------------------------------------------------

    def _constraints(self, schema: dict[str, Any], where: Located) -> ir.Constraints:
        """The checks of `schema` (found at `where`) that the client can apply; a pattern
        it cannot is noted, as the SDK leaves that check to the server."""
        constraints = _constraints(schema)
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and constraints.pattern is None:
            pointer = join_pointer(where.pointer, "pattern")
            self.notices[f"{where.uri}#{pointer}"] = ir.Notice(
                where.uri, pointer, f"pattern {pattern!r} is not a Python regular expression: the SDK does not check it"
            )
        return constraints

    def type_of(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        """The type expression of the schema at `node` (which may be a `$ref`)."""
        value = node.value
        if isinstance(value, dict) and "$ref" in value:
            target = self.resolver.deref(node)
            expr = self._schema(target, self._explicit_context(target) or context)
            siblings = {k: v for k, v in value.items() if k not in ("$ref", "description", "summary")}
            if self.is_31 and any(k in siblings for k in ("properties", "allOf", "oneOf", "anyOf", "required")):
                # 3.1 allows keywords beside $ref: they refine the target, as allOf would.
                return self._all_of(node, context, [{"$ref": value["$ref"]}, siblings])
            if siblings.get("nullable") is True or (
                isinstance(siblings.get("type"), list) and "null" in siblings["type"]
            ):
                return _nullable(expr)
            return expr
        return self._schema(node, context)

    def _explicit_context(self, target: Located) -> tuple[str, ...] | None:
        """The context of a referenced schema: its component name, or its file's name."""
        tokens = [t for t in target.pointer.split("/") if t]
        if len(tokens) == 3 and tokens[0] == "components" and tokens[1] == "schemas":
            return (unescape_token(tokens[2]),)
        if len(tokens) >= 1 and tokens[0] in ("definitions", "$defs") and len(tokens) == 2:
            return (tokens[1],)
        if not tokens:
            stem = target.uri.rsplit("/", 1)[-1].split(".", 1)[0]
            return (stem,) if stem else None
        return None

    def _is_component(self, node: Located) -> bool:
        return self._explicit_context(node) is not None

    def _schema(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
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
            return ir.Primitive("none")
        if "null" in type_list:
            nullable = True
            type_list = [t for t in type_list if t != "null"]

        expr = self._shape(node, context, schema, type_list)
        if isinstance(expr, ir.Nullable):
            return expr
        if expr == ir.Primitive("none"):
            return expr
        return _nullable(expr) if nullable else expr

    def _shape(self, node: Located, context: tuple[str, ...], schema: dict[str, Any], type_list: list[str]) -> ir.TypeExpr:
        if "const" in schema:
            const = schema["const"]
            if const is None:
                return ir.Primitive("none")
            if isinstance(const, (str, int)) and not isinstance(const, bool):
                return self._enum(node, context, schema, [const])
            return _primitive_of(type_list, schema)
        if isinstance(schema.get("enum"), list):
            values = schema["enum"]
            present = [v for v in values if v is not None]
            enum_values = [v for v in present if isinstance(v, (str, int)) and not isinstance(v, bool)]
            if present and len(enum_values) == len(present) and len({type(v) for v in enum_values}) == 1:
                expr = self._enum(node, context, schema, enum_values)
            else:
                expr = _primitive_of(type_list, schema)
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
                return self._union(node, context, schema, keyword)
        if "object" in type_list or (not type_list and ("properties" in schema or "additionalProperties" in schema)):
            return self._object(node, context, schema)
        if "array" in type_list or (not type_list and "items" in schema):
            items = schema.get("items")
            if isinstance(items, dict):
                item_context = context[:-1] + (f"{context[-1]}_item",) if context else ("item",)
                return ir.ListOf(self.type_of(node.child("items"), item_context))
            return ir.ListOf(ir.ANY)
        if len(type_list) > 1:
            return ir.UnionOf(tuple(_primitive_of([t], schema) for t in type_list))
        return _primitive_of(type_list, schema)

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

    def _enum(self, node: Located, context: tuple[str, ...], schema: dict[str, Any], values: list[Any]) -> ir.TypeExpr:
        unique = tuple(dict.fromkeys(values))
        return self._register(
            node,
            lambda: ir.EnumType(node.key, self._hint(node, context, schema), _text(schema.get("description")), unique),
        )

    def _object(self, node: Located, context: tuple[str, ...], schema: dict[str, Any]) -> ir.TypeExpr:
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
            for name, prop_schema in properties.items():
                prop_node = owner.child("properties", name)
                found[name] = self._property(prop_node, prop_schema, context + (name,), name in required)
        return tuple(found.values())

    def _property(self, node: Located, schema: Any, context: tuple[str, ...], required: bool) -> ir.Property:
        expr = self.type_of(node, context)
        target = self.resolver.deref(node) if isinstance(schema, dict) and "$ref" in schema else node
        own = schema if isinstance(schema, dict) else {}
        resolved = target.value if isinstance(target.value, dict) else {}
        merged = {**resolved, **{k: v for k, v in own.items() if k != "$ref"}}
        return ir.Property(
            wire_name=unescape_token(node.pointer.rsplit("/", 1)[-1]),
            type=expr,
            required=required,
            description=_described(own) or _described(resolved),
            default=_default(merged, expr),
            constraints=self._constraints(merged, node if "pattern" in own else target),
            read_only=merged.get("readOnly") is True,
            write_only=merged.get("writeOnly") is True,
            deprecated=merged.get("deprecated") is True,
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
            if expr == ir.Primitive("none"):
                nullable = True
                continue
            if isinstance(expr, ir.Nullable):
                nullable = True
                expr = expr.inner
            if expr not in variants:
                variants.append(expr)
        if not variants:
            return ir.Primitive("none")
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
            for value, ref in spec["mapping"].items():
                ref_node = Located({"$ref": ref if "/" in ref or "#" in ref else f"#/components/schemas/{ref}"}, node.uri, node.pointer + "/discriminator/mapping")
                target = self.resolver.deref(ref_node)
                mapping[str(value)] = target.key
        else:
            for variant in named:
                name = variant.key.rsplit("/", 1)[-1]
                mapping[name] = variant.key
        if not mapping or any(key not in {v.key for v in named} for key in mapping.values()):
            return None
        return ir.Discriminator(spec["propertyName"], tuple(sorted(mapping.items())))

    # -- operations ----------------------------------------------------------

    def build(self) -> ir.Api:
        spec = self.document.contents
        info = spec.get("info") if isinstance(spec.get("info"), dict) else {}
        operations = self._operations()
        webhooks = self._webhooks()
        # Every component schema becomes a type, used or not: an SDK exposes its API's vocabulary.
        schemas = ((spec.get("components") or {}).get("schemas")) or {}
        for name in sorted(schemas):
            self.type_of(self.root.child("components", "schemas", name), (name,))
        tags = tuple(
            (t["name"], _text(t.get("description")))
            for t in spec.get("tags") or []
            if isinstance(t, dict) and isinstance(t.get("name"), str)
        )
        return ir.Api(
            title=str(info.get("title") or "API"),
            version=str(info.get("version") or ""),
            description=_text(info.get("description")),
            openapi=str(spec.get("openapi")),
            servers=self._servers(spec.get("servers")),
            security_schemes=self._security_schemes(),
            security=_requirements(spec.get("security")) or (),
            operations=operations,
            webhooks=webhooks,
            types=tuple(self.types[k] for k in sorted(self.types)),
            tags=tags,
            notices=tuple(self.notices[k] for k in sorted(self.notices)),
            webhook_signature=self._webhook_signature(spec),
        )

    def _webhook_signature(self, spec: dict[str, Any]) -> ir.WebhookSignature | None:
        """The document's `x-webhook-signature` (at its root), if it states one."""
        if "x-webhook-signature" not in spec:
            return None
        try:
            return ir.WebhookSignature.from_mapping(spec["x-webhook-signature"])
        except ValueError as error:
            root = self.resolver.root
            raise SpecError(f"x-webhook-signature {error}", root.display_name, "/x-webhook-signature", line_of(root, "/x-webhook-signature")) from None

    def _operations(self) -> tuple[ir.Operation, ...]:
        paths = self.document.contents.get("paths") or {}
        operations = []
        first_use: dict[str, str] = {}
        for path in sorted(paths):
            item_node = self.resolver.deref(self.root.child("paths", path))
            if not isinstance(item_node.value, dict):
                continue
            for method in HTTP_METHODS:
                if isinstance(item_node.value.get(method), dict):
                    operation = self._operation(path, method, item_node, item_node.child(method))
                    if operation.operation_id is not None:
                        where = f"{method.upper()} {path}"
                        if operation.operation_id in first_use:
                            raise self.resolver.error(
                                f"operationId {operation.operation_id!r} is used by {first_use[operation.operation_id]} too",
                                item_node.child(method, "operationId"),
                            )
                        first_use[operation.operation_id] = where
                    operations.append(operation)
        return tuple(operations)

    def _operation(self, path: str, method: str, item: Located, node: Located) -> ir.Operation:
        op = node.value
        operation_id = _text(op.get("operationId"))
        name = operation_id or _words_of_path(method, path)
        parameters = self._parameters(item, node, name, path)
        tags = op.get("tags")
        return ir.Operation(
            operation_id=operation_id,
            method=method.upper(),
            path=path,
            group=tags[0] if isinstance(tags, list) and tags and isinstance(tags[0], str) else None,
            summary=_text(op.get("summary")),
            description=_text(op.get("description")),
            deprecated=op.get("deprecated") is True,
            parameters=parameters,
            body=self._body(node, (f"{name} request",)),
            responses=self._responses(node, name),
            security=_requirements(op.get("security")),
            pointer=node.pointer,
            callbacks=self._callbacks(node),
        )

    def _parameters(self, item: Located, node: Located, name: str, path: str) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], ir.Parameter] = {}
        for owner in (item, node):
            listed = owner.value.get("parameters")
            if not isinstance(listed, list):
                continue
            for index in range(len(listed)):
                param_node = self.resolver.deref(owner.child("parameters", index))
                parameter = self._parameter(param_node, name)
                merged[(parameter.location, parameter.wire_name)] = parameter
        declared = {p.wire_name for p in merged.values() if p.location == "path"}
        for template in re.findall(r"{([^}]+)}", path):
            if template not in declared:
                raise self.resolver.error(f"path parameter {template!r} of {path!r} is not declared", node.child("parameters") if "parameters" in node.value else node)
        return tuple(merged.values())

    def _parameter(self, node: Located, operation_name: str) -> ir.Parameter:
        param = node.value
        location = param.get("in")
        wire_name = param.get("name")
        if location not in ("path", "query", "header", "cookie") or not isinstance(wire_name, str):
            raise self.resolver.error("a parameter needs a `name` and `in` (path, query, header or cookie)", node)
        if location == "path" and param.get("required") is not True:
            raise self.resolver.error(f"path parameter {wire_name!r} must be required", node)
        context = (operation_name, wire_name)
        schema_node: Located | None = None
        as_json = False  # `content: {application/json: ...}`: the value is sent as JSON text
        if isinstance(param.get("schema"), dict):
            schema_node = node.child("schema")
        elif isinstance(param.get("content"), dict) and param["content"]:
            media = sorted(param["content"], key=lambda m: (_media_rank(m), m))[0]
            as_json = "json" in media.lower()
            if isinstance(param["content"][media], dict) and "schema" in param["content"][media]:
                schema_node = node.child("content", media, "schema")
        expr = self.type_of(schema_node, context) if schema_node is not None else ir.Primitive("str")
        resolved = self.resolver.deref(schema_node).value if schema_node is not None else {}
        resolved = resolved if isinstance(resolved, dict) else {}
        style = "json" if as_json else param.get("style") or ("simple" if location in ("path", "header") else "form")
        explode = param.get("explode")
        return ir.Parameter(
            wire_name=wire_name,
            location=location,
            type=expr,
            required=param.get("required") is True,
            description=_text(param.get("description")) or _text(resolved.get("description")),
            default=_default(resolved, expr),
            constraints=self._constraints(resolved, self.resolver.deref(schema_node) if schema_node is not None else node),
            style=str(style),
            explode=explode if isinstance(explode, bool) else style == "form",
            deprecated=param.get("deprecated") is True,
        )

    def _content(self, node: Located, context: tuple[str, ...]) -> tuple[str, ir.TypeExpr | None] | None:
        """The preferred media type of a `content` map and its type."""
        content = node.value.get("content")
        if not isinstance(content, dict) or not content:
            return None
        media = sorted(content, key=lambda m: (_media_rank(m), m))[0]
        entry = content[media] if isinstance(content[media], dict) else {}
        if "schema" in entry:
            expr: ir.TypeExpr | None = self.type_of(node.child("content", media, "schema"), context)
        elif media.startswith("text/"):
            expr = ir.Primitive("str")
        elif _JSON_MEDIA.match(media):
            expr = ir.ANY
        else:
            expr = ir.Primitive("bytes")
        if expr == ir.Primitive("str") and not media.startswith("text/") and not _JSON_MEDIA.match(media) and media not in (_FORM_MEDIA, _MULTIPART_MEDIA):
            expr = ir.Primitive("bytes")
        return media, expr

    def _body(self, node: Located, context: tuple[str, ...]) -> ir.Body | None:
        if "requestBody" not in node.value:
            return None
        body_node = self.resolver.deref(node.child("requestBody"))
        if not isinstance(body_node.value, dict):
            return None
        body_context = self._explicit_body_context(body_node) or context
        found = self._content(body_node, body_context)
        if found is None:
            return None
        media, expr = found
        if expr is None:
            return None
        return ir.Body(media, expr, body_node.value.get("required") is True, _text(body_node.value.get("description")))

    def _explicit_body_context(self, node: Located) -> tuple[str, ...] | None:
        tokens = node.pointer.split("/")
        if len(tokens) == 4 and tokens[1] == "components":
            return (tokens[3],)
        return None

    def _responses(self, node: Located, name: str) -> tuple[ir.Response, ...]:
        responses = node.value.get("responses")
        if not isinstance(responses, dict):
            return ()
        result = []
        first_success: str | None = None
        for status in sorted((str(s) for s in responses), key=_status_order):
            if not _STATUS.match(status):
                raise self.resolver.error(f"invalid response status {status!r}", node.child("responses", status))
            response_node = self.resolver.deref(node.child("responses", status))
            if not isinstance(response_node.value, dict):
                continue
            if status.startswith("2") and first_success is None:
                first_success = status
            # The first success is "the" response; others say their status (`202 response`).
            suffix = "response" if status == first_success else f"{status} response"
            context = self._explicit_body_context(response_node) or (f"{name} {suffix}",)
            found = self._content(response_node, context)
            media, expr = found if found is not None else (None, None)
            codes = self._error_codes(response_node) if not status.startswith(("1", "2", "3")) else ()
            result.append(ir.Response(status, _text(response_node.value.get("description")), media, expr, codes))
        return tuple(result)

    def _error_codes(self, response: Located) -> tuple[ir.ErrorCode, ...]:
        """API error codes named in the examples of an error response."""
        content = response.value.get("content")
        if not isinstance(content, dict):
            return ()
        found: list[ir.ErrorCode] = []
        for media in sorted(content):
            entry = content[media]
            if not isinstance(entry, dict):
                continue
            samples: list[tuple[str | None, Any, str]] = []
            if "example" in entry:
                samples.append((None, entry["example"], response.child("content", media, "example").pointer))
            if isinstance(entry.get("examples"), dict):
                for example_name in sorted(entry["examples"]):
                    example = self.resolver.deref(response.child("content", media, "examples", example_name))
                    if isinstance(example.value, dict) and "value" in example.value:
                        samples.append((example_name, example.value["value"], example.pointer))
            for example_name, value, pointer in samples:
                errors = value.get("errors") if isinstance(value, dict) else None
                entries = errors if isinstance(errors, list) else [value] if isinstance(value, dict) else []
                for item in entries:
                    if not isinstance(item, dict):
                        continue
                    code = item.get("code")
                    if isinstance(code, bool) or not isinstance(code, (str, int)) or str(code) == "":
                        continue
                    title = _text(item.get("title")) or _text(item.get("message"))
                    hint = example_name if example_name and len(entries) == 1 else title or f"error {code}"
                    found.append(ir.ErrorCode(str(code), hint, title, response.key + "|" + pointer))
        return tuple(found)

    def _webhooks(self) -> tuple[ir.Webhook, ...]:
        webhooks = self.document.contents.get("webhooks")
        if not isinstance(webhooks, dict):
            return ()
        found = (self._event(name, self.resolver.deref(self.root.child("webhooks", name))) for name in sorted(webhooks))
        return tuple(event for event in found if event is not None)

    def _callbacks(self, node: Located) -> tuple[ir.Webhook, ...]:
        """The requests an operation's `callbacks` say the API sends, one per callback URL."""
        callbacks = node.value.get("callbacks")
        if not isinstance(callbacks, dict):
            return ()
        events = []
        for name in sorted(callbacks):
            callback = self.resolver.deref(node.child("callbacks", name))
            if not isinstance(callback.value, dict):
                continue
            for expression in sorted(callback.value):
                label = name if len(callback.value) == 1 else f"{name} {expression}"
                event = self._event(label, self.resolver.deref(callback.child(expression)))
                if event is not None:
                    events.append(event)
        return tuple(events)

    def _event(self, name: str, item: Located) -> ir.Webhook | None:
        """The request of a webhook's or callback's path item (its first method)."""
        if not isinstance(item.value, dict):
            return None
        for method in HTTP_METHODS:
            if isinstance(item.value.get(method), dict):
                node = item.child(method)
                op = node.value
                return ir.Webhook(
                    name=name,
                    operation_id=_text(op.get("operationId")),
                    summary=_text(op.get("summary")),
                    description=_text(op.get("description")),
                    body=self._body(node, (f"{name} event",)),
                    pointer=node.pointer,
                )
        return None

    def _servers(self, servers: Any) -> tuple[ir.Server, ...]:
        result = []
        for server in servers if isinstance(servers, list) else []:
            if not isinstance(server, dict) or not isinstance(server.get("url"), str):
                continue
            variables = tuple(
                ir.ServerVariable(
                    name,
                    str(var.get("default", "")),
                    tuple(str(v) for v in var.get("enum") or ()),
                    _text(var.get("description")),
                )
                for name, var in sorted((server.get("variables") or {}).items())
                if isinstance(var, dict)
            )
            result.append(ir.Server(server["url"], _text(server.get("description")), variables))
        return tuple(result)

    def _security_schemes(self) -> tuple[ir.SecurityScheme, ...]:
        schemes = (self.document.contents.get("components") or {}).get("securitySchemes") or {}
        result = []
        for key in sorted(schemes):
            scheme = self.resolver.deref(self.root.child("components", "securitySchemes", key)).value
            if not isinstance(scheme, dict):
                continue
            kind = scheme.get("type")
            http_scheme = str(scheme.get("scheme", "")).lower()
            description = _text(scheme.get("description"))
            if kind == "http" and http_scheme in ("basic", "digest"):
                result.append(ir.SecurityScheme(key, "basic" if http_scheme == "basic" else "digest", description=description))
            elif kind == "http":
                # Any other HTTP scheme sends `Authorization: <scheme> <token>`, as bearer does.
                word = str(scheme.get("scheme") or "Bearer").strip()
                word = "Bearer" if word.lower() == "bearer" else word
                result.append(ir.SecurityScheme(key, "bearer", word, description=description))
            elif kind == "apiKey":
                result.append(ir.SecurityScheme(key, "apiKey", str(scheme.get("name", "")), str(scheme.get("in", "header")), description))
            elif kind in ("oauth2", "openIdConnect"):
                result.append(ir.SecurityScheme(key, kind, description=description))
            else:
                result.append(ir.SecurityScheme(key, "other", description=description))
        return tuple(result)


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


def _nullable(expr: ir.TypeExpr) -> ir.TypeExpr:
    if isinstance(expr, ir.Nullable) or expr == ir.ANY or expr == ir.Primitive("none"):
        return expr
    return ir.Nullable(expr)


def _primitive_of(type_list: list[str], schema: dict[str, Any]) -> ir.TypeExpr:
    kind = type_list[0] if len(type_list) == 1 else None
    fmt = schema.get("format")
    if kind == "string":
        if fmt == "date-time":
            return ir.Primitive("datetime")
        if fmt == "date":
            return ir.Primitive("date")
        if fmt == "binary":
            return ir.Primitive("bytes")
        return ir.Primitive("str")
    if kind == "integer":
        return ir.Primitive("int")
    if kind == "number":
        return ir.Primitive("float")
    if kind == "boolean":
        return ir.Primitive("bool")
    if kind == "null":
        return ir.Primitive("none")
    return ir.ANY


def _default(schema: dict[str, Any], expr: ir.TypeExpr) -> ir.Default | None:
    if "default" not in schema:
        return None
    value = schema["default"]
    if value is None and not isinstance(expr, ir.Nullable):
        return None  # `default: null` on a non-nullable value documents "no default"
    return ir.Default(value)


# Keywords that describe a value without shaping its type.
_ANNOTATIONS = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "nullable"}
)


def _annotation_only(part: Any) -> bool:
    """An `allOf` member that only describes (`{description: ...}`), adding no constraint."""
    return isinstance(part, dict) and all(k in _ANNOTATIONS or k.startswith("x-") for k in part)


def _described(schema: dict[str, Any]) -> str | None:
    """A schema's description, or that of an `allOf` member that only describes it."""
    parts = schema.get("allOf")
    notes = [p for p in parts if _annotation_only(p)] if isinstance(parts, list) else []
    return _text(schema.get("description")) or next((_text(p.get("description")) for p in notes if _text(p.get("description"))), None)


def _checkable_pattern(value: Any) -> bool:
    """Whether Python's `re` compiles a `pattern` (OpenAPI's are ECMA-262: `\\p{L}`, for one, is not Python)."""
    try:
        re.compile(value)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return False
    return True


def _constraints(schema: dict[str, Any]) -> ir.Constraints:
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
    )


def _requirements(value: Any) -> tuple[tuple[str, ...], ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(tuple(sorted(r)) for r in value if isinstance(r, dict))


def build_model(resolver: Resolver) -> ir.Api:
    """Build the intermediate model of the document `resolver` starts from."""
    try:
        return recognise_conventions(ModelBuilder(resolver).build())
    except RecursionError:
        raise SpecError("schemas nest too deeply to generate", resolver.root.display_name) from None

"""Model stage: turn a resolved OpenAPI document into the intermediate model.

Every path and method becomes an operation; every schema becomes a type
expression through the schema translator (`generator.schema.translate`),
which this reader is given, not derived from. The walk follows sorted keys
wherever the spec's order carries no meaning (paths, methods, components,
statuses, webhooks), so reordering a spec does not change the model.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from generator import ir
from generator.collector import collector_paused
from generator.errors import SpecError
from generator.document.load import Document, line_of
from generator.openapi.conventions import recognise_conventions
from generator.document.resolve import Located, Resolver
from generator.schema.translate import OpenApiStyle, SchemaTranslator, _default, _text

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_JSON_MEDIA = re.compile(r"^application/(?:[\w.+-]+\+)?json(?:;.*)?$|^\*/\*$")
_FORM_MEDIA = "application/x-www-form-urlencoded"
_MULTIPART_MEDIA = "multipart/form-data"
_STATUS = re.compile(r"^(?:[1-5][0-9][0-9]|[1-5]XX|default)$")
# Media types whose body is a sequence of items, each read as it arrives (OpenAPI 3.2's sequential media types).
_STREAM_MEDIA = frozenset({"text/event-stream", "application/jsonl", "application/x-ndjson", "application/x-jsonlines"})
_EVENTS_MEDIA = "text/event-stream"


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


class OpenApiReader:
    """Walks the document once; one instance builds one `ir.Api`.

    Schemas are the translator's (`self.schemas`); this class reads what
    OpenAPI adds around them: paths, operations, parameters, responses,
    security and webhooks.
    """

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.document: Document = resolver.root
        self.root = Located(self.document.contents, self.document.uri, "")
        version = str(self.document.contents.get("openapi", ""))
        # 3.2 adds the `query` method and `additionalOperations` (any other method, by its name).
        self.version_32 = version.startswith("3.2")
        self.schemas = SchemaTranslator(resolver, OpenApiStyle(ref_siblings=not version.startswith("3.0"), root_uri=resolver.root.uri))

    def type_of(self, node: Located, context: tuple[str, ...]) -> ir.TypeExpr:
        """The type expression of the schema at `node` (which may be a `$ref`)."""
        return self.schemas.type_of(node, context)

    def _constraints(self, schema: dict[str, Any], where: Located) -> ir.Constraints:
        return self.schemas.constraints(schema, where)

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
            types=tuple(self.schemas.types[k] for k in sorted(self.schemas.types)),
            tags=tags,
            notices=tuple(self.schemas.notices[k] for k in sorted(self.schemas.notices)),
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
        first_use: dict[str, tuple[str, str]] = {}  # operationId, case folded -> the first operation (in path order) with it
        for path in sorted(paths):
            item_node = self.resolver.deref(self.root.child("paths", path))
            if not isinstance(item_node.value, dict):
                continue
            for method, at in self._methods(item_node):
                # An Operation object may be a `$ref` (into another file, in multi-file layouts).
                operation = self._operation(path, method, item_node, self.resolver.deref(at))
                operation_id = operation.operation_id
                if operation_id is not None:
                    where = f"{method.upper()} {path}"
                    folded = operation_id.casefold()
                    if folded in first_use:
                        # Both are generated: the later one is named from its method and path.
                        at = self.resolver.deref(at).child("operationId")
                        first, first_id = first_use[folded]
                        spelt = "" if first_id == operation_id else f" as {first_id!r}"
                        self.schemas.notices[at.key] = ir.Notice(
                            at.uri,
                            at.pointer,
                            f"operationId {operation_id!r} is used by {first} too{spelt}:"
                            f" renamed, this operation is named from its method and path ({where})",
                        )
                        operation = dataclasses.replace(operation, operation_id=None)
                    else:
                        first_use[folded] = (where, operation_id)
                operations.append(operation)
        return tuple(operations)

    def _methods(self, item: Located) -> list[tuple[str, Located]]:
        """The operations of a path item: `(method, its node)`, in OpenAPI's order of methods,
        then 3.2's `additionalOperations` by name (a method is spelt there as it is sent)."""
        found = [(method, item.child(method)) for method in HTTP_METHODS if isinstance(item.value.get(method), dict)]
        if self.version_32:
            if isinstance(item.value.get("query"), dict):
                found.append(("query", item.child("query")))
            additional = item.value.get("additionalOperations")
            if isinstance(additional, dict):
                found.extend((str(name), item.child("additionalOperations", name)) for name in sorted(additional) if isinstance(additional[name], dict))
        return found

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
            stream=self._stream(node, name),
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
        for template in dict.fromkeys(re.findall(r"{([^}]+)}", path)):
            if template not in declared:
                # Used in the template, declared nowhere (the validator warns): a required `str` argument.
                merged[("path", template)] = ir.Parameter(wire_name=template, location="path", type=ir.Primitive("str"), required=True, style="simple", explode=False)
        return tuple(merged.values())

    def _parameter(self, node: Located, operation_name: str) -> ir.Parameter:
        param = node.value
        location = param.get("in")
        wire_name = param.get("name")
        if location not in ("path", "query", "querystring", "header", "cookie") or not isinstance(wire_name, str):
            raise self.resolver.error("a parameter needs a `name` and `in` (path, query, querystring, header or cookie)", node)
        context = (operation_name, wire_name)
        schema_node: Located | None = None
        as_json = False  # `content: {application/json: ...}`: the value is sent as JSON text
        media = ""
        if isinstance(param.get("schema"), dict):
            schema_node = node.child("schema")
        elif isinstance(param.get("content"), dict) and param["content"]:
            media = min(param["content"], key=lambda m: (_media_rank(m), m))
            media_node = self.resolver.deref(node.child("content", media))  # 3.2: a Media Type may be a `$ref`
            as_json = "json" in media.lower()
            if isinstance(media_node.value, dict) and "schema" in media_node.value:
                schema_node = media_node.child("schema")
        expr = self.type_of(schema_node, context) if schema_node is not None else ir.Primitive("str")
        resolved = self.resolver.deref(schema_node).value if schema_node is not None else {}
        resolved = resolved if isinstance(resolved, dict) else {}
        style = "json" if as_json else param.get("style") or ("simple" if location in ("path", "header") else "form")
        if location == "querystring":
            # 3.2: the whole query string, as its one media type writes it (a form's fields, JSON or text).
            style = "json" if as_json else "form" if media == _FORM_MEDIA else "text"
        explode = param.get("explode")
        return ir.Parameter(
            wire_name=wire_name,
            location=location,
            type=expr,
            # A path parameter is always sent: one that says it is optional is read as required (the validator warns).
            required=param.get("required") is True or location == "path",
            description=_text(param.get("description")) or _text(resolved.get("description")),
            default=_default(resolved, expr),
            constraints=self._constraints(resolved, self.resolver.deref(schema_node) if schema_node is not None else node),
            style=str(style),
            explode=explode if isinstance(explode, bool) else style == "form",
            deprecated=param.get("deprecated") is True,
            uri=node.uri,
            pointer=node.pointer,
        )

    def _content(self, node: Located, context: tuple[str, ...]) -> tuple[str, ir.TypeExpr | None] | None:
        """The preferred media type of a `content` map and its type."""
        content = node.value.get("content")
        if not isinstance(content, dict) or not content:
            return None
        media = min(content, key=lambda m: (_media_rank(m), m))
        entry_node = self.resolver.deref(node.child("content", media))  # 3.2: a Media Type may be a `$ref`
        entry = entry_node.value if isinstance(entry_node.value, dict) else {}
        if "schema" in entry:
            expr: ir.TypeExpr | None = self.type_of(entry_node.child("schema"), context)
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
            headers = response_node.value.get("headers")
            documented = tuple(sorted({str(h).lower() for h in headers})) if isinstance(headers, dict) else ()
            result.append(ir.Response(status, _text(response_node.value.get("description")), media, expr, codes, documented))
        return tuple(result)

    def _stream(self, node: Located, name: str) -> ir.EventStream | None:
        """The stream of items the first success may come as: one of its media types is
        sequential. Its `itemSchema` (3.2) is the type of one item, for server-sent events the
        whole event; before 3.2, its `schema` is that of one item, an event's data."""
        responses = node.value.get("responses")
        if not isinstance(responses, dict):
            return None
        status = next((s for s in sorted((str(s) for s in responses), key=_status_order) if s.startswith("2")), None)
        if status is None:
            return None
        response_node = self.resolver.deref(node.child("responses", status))
        content = response_node.value.get("content") if isinstance(response_node.value, dict) else None
        if not isinstance(content, dict):
            return None
        essence = {m: m.partition(";")[0].strip().lower() for m in content}  # (without its parameters)
        media = next((m for m in sorted(content) if essence[m] in _STREAM_MEDIA), None)
        if media is None:
            return None
        entry_node = self.resolver.deref(response_node.child("content", media))
        entry = entry_node.value if isinstance(entry_node.value, dict) else {}
        events = essence[media] == _EVENTS_MEDIA
        schema = "itemSchema" if "itemSchema" in entry else "schema" if "schema" in entry else None
        item = self.type_of(entry_node.child(schema), (f"{name} event",)) if schema is not None else ir.ANY
        if item == ir.Primitive("bytes"):
            item = ir.Primitive("str")  # (events and lines are text)
        return ir.EventStream(media, item, envelope=events and schema == "itemSchema")

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


def _requirements(value: Any) -> tuple[tuple[str, ...], ...] | None:
    if not isinstance(value, list):
        return None
    return tuple(tuple(sorted(r)) for r in value if isinstance(r, dict))


def build_model(resolver: Resolver) -> ir.Api:
    """Build the intermediate model of the document `resolver` starts from."""
    try:
        with collector_paused(freeze=True):
            return recognise_conventions(OpenApiReader(resolver).build())
    except RecursionError:
        raise SpecError("schemas nest too deeply to generate", resolver.root.display_name) from None

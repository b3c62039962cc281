"""Request building and response parsing: an `Operation`'s arguments to an httpx request, its answer to a typed result."""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from .errors import (
    APIResponseValidationError,
    APIStatusError,
    ClientError,
    ServerError,
    _combined,
    _error_details,
    _read_body,
)
from .models import (
    UNSET,
    _codec,
    _List,
    _Map,
    _ModelCodec,
    _Nullable,
    _plain,
    check,
    decode,
    resolved,
)

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Param:
    """A path, query, header or cookie parameter of an operation, or the whole query string
    (`querystring`, whose style says how its media type writes it: form, json or text).
    """

    argument: str
    wire: str
    location: str
    type: Any
    required: bool = False
    style: str = "form"  # path and header parameters leave `simple` unsaid
    explode: bool | None = None  # None: OpenAPI's default, true for form (query, cookie) only
    checks: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def exploded(self) -> bool:
        if self.explode is not None:
            return self.explode
        return self.style == "form" and self.location in ("query", "cookie")


@dataclasses.dataclass(frozen=True)
class Body:
    """The request body: one argument, or a model whose fields are the method's keyword arguments."""

    media_type: str
    type: Any
    flatten: bool = False
    renamed: Mapping[str, str] = dataclasses.field(
        default_factory=dict
    )  # argument -> field, where they differ
    argument: str = "body"
    required: bool = True
    # Turns the checked payload into httpx's arguments (`forms.form_urlencoded`, ...); else JSON.
    encode: Callable[[Any], Mapping[str, Any]] | None = None

    @functools.cached_property
    def argument_of(self) -> Mapping[str, str]:
        """field -> argument, where they differ."""
        return {field: argument for argument, field in self.renamed.items()}

    @functools.cached_property
    def arguments(self) -> tuple[tuple[str, str], ...]:
        """(argument, field) of a flattened body: every field but the read-only ones."""
        argument_of = {field: argument for argument, field in self.renamed.items()}
        return tuple(
            (argument_of.get(f.name, f.name), f.name)
            for f in dataclasses.fields(resolved(self.type))
            if not f.metadata.get("readOnly")
        )


@dataclasses.dataclass(frozen=True)
class Operation(Generic[T]):
    """Everything the runtime needs to call one API operation."""

    method: str
    path: str
    params: tuple[Param, ...] = ()
    body: Body | None = None
    responses: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    error: type[APIStatusError] = APIStatusError
    idempotency_key: str | None = None  # an argument the client fills with a fresh UUID
    pagination: Any = None  # a `PageNumber`, `NextLink`, `Cursor` or `LinkHeader` (of `pagination`)
    stream: Any = None  # a `Streamed` (of `streams`): the success may come as a stream of items
    security: tuple[tuple[str, ...], ...] | None = None  # None: the API's requirements
    accept: str = "application/json"  # the media types its responses are read as (`Accept`)

    @property
    def retry_safe(self) -> bool:
        """Whether sending the request again cannot repeat a side effect."""
        return self.method in _IDEMPOTENT_METHODS or self.idempotency_key is not None


_EXTRA_BODY = Body("application/json", dict, required=False, argument="")

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


def _text_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_text(value: Any) -> str:
    """Bytes in a JSON document (a `format: binary` string in a JSON body) as base64: JSON has no
    bytes, and base64 is the text that loses none of them.
    """
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _serialize(param: Param, value: Any) -> list[tuple[str, str]]:
    """Encode a checked parameter value by its style (form, deepObject, ...)."""
    if param.style == "json":  # a parameter described by `content: {application/json: ...}`
        return [(param.wire, _json(value))]
    if isinstance(value, Mapping):
        if param.style == "deepObject":
            return _deep_object(param.wire, value)
        if param.exploded:
            return [(str(k), _text_value(v)) for k, v in value.items()]
        return [(param.wire, ",".join(f"{k},{_text_value(v)}" for k, v in value.items()))]
    if isinstance(value, list):
        if param.exploded and param.location == "query":
            return [(param.wire, _text_value(v)) for v in value]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
        return [(param.wire, separator.join(_text_value(v) for v in value))]
    return [(param.wire, _text_value(value))]


# What a query may hold unescaped besides letters, digits and `-._~` (RFC 3986's pchar, `/`, `?`).
_QUERY_SAFE = "!$&'()*+,;=:@/?"


def _query_string(param: Param, value: Any) -> str:
    """The query string a `querystring` parameter (OpenAPI 3.2) is: a form's fields, as a form
    body writes them, else the JSON or text of the value; percent-encoded.
    """
    if param.style == "form" and isinstance(value, Mapping):
        return str(httpx.QueryParams(tuple(_form_fields(value))))
    text = _json(value) if param.style == "json" or not isinstance(value, str) else value
    return quote(text, safe=_QUERY_SAFE)


def _each_item(data: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(name, value) of each field, and of each item of a list: a form repeats the name."""
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            yield str(key), item


def _form_fields(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A form's fields as text: a field per item of a list, an object or a list in it as JSON."""
    return [
        (key, json.dumps(item) if isinstance(item, (dict, list)) else _text_value(item))
        for key, item in _each_item(data)
    ]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_text)


def _path_segment(param: Param, value: Any) -> str:
    """A path parameter's text by its style: RFC 6570's simple (`a,b`), label (`.a.b`) or matrix
    (`;id=a;id=b`) expansion, values percent-encoded and the separators left as they are.
    """
    if param.style == "json":
        return quote(_serialize(param, value)[0][1], safe="")
    if isinstance(value, (Mapping, list)) and not value:
        return ""  # an empty list or object expands to nothing
    explode = param.explode is True
    named = True  # matrix: `;point=x,1,y,2`, but exploded `;x=1;y=2`
    if isinstance(value, Mapping):
        pairs = [(_escaped(key), _escaped(item)) for key, item in value.items()]
        if explode:
            items, named = [f"{key}={item}" for key, item in pairs], False
        else:
            items = [",".join(f"{key},{item}" for key, item in pairs)]
    elif isinstance(value, list):
        texts = [_escaped(item) for item in value]
        items = texts if explode else [",".join(texts)]
    else:
        items = [_escaped(value)]
    if param.style == "label":
        return "." + ".".join(items)
    if param.style == "matrix":
        name = _escaped(param.wire)
        return "".join(f";{name}={item}" if named else f";{item}" for item in items)
    return ",".join(items)


def _escaped(value: Any) -> str:
    return quote(_text_value(value), safe="")


def _deep_object(prefix: str, value: Mapping[str, Any]) -> list[tuple[str, str]]:
    """`filter[name][contains]=x` pairs for nested objects; lists repeat their key."""
    pairs: list[tuple[str, str]] = []
    for key, item in value.items():
        name = f"{prefix}[{key}]"
        if isinstance(item, Mapping):
            pairs.extend(_deep_object(name, item))
        elif isinstance(item, list):
            pairs.extend((name, _text_value(v)) for v in item)
        else:
            pairs.append((name, _text_value(item)))
    return pairs


class CallOptions(typing.TypedDict, total=False):
    """Keyword arguments every operation method takes besides the API's own."""

    timeout: float | httpx.Timeout | None  # seconds, for this call only; None waits forever
    extra_headers: Mapping[str, str]  # sent with this call, over the client's headers
    extra_query: Mapping[str, object]  # query parameters added to this call's
    extra_body: Mapping[str, object]  # fields merged into this call's JSON body
    max_retries: int  # retries for this call, instead of the client's policy


def build_request(
    operation: Operation[Any],
    arguments: Mapping[str, Any],
    base_url: str,
    headers: Mapping[str, str],
    timeout: httpx.Timeout,
) -> httpx.Request:
    """Check the arguments against the spec and turn them into an HTTP request.

    `base_url` ends without a slash; `headers` are the client's, by lower-case name.
    """
    # `**options` takes any keyword at run time: a misspelt argument must not vanish.
    unknown = sorted(set(arguments.get("options") or ()) - set(CallOptions.__annotations__))
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    path = operation.path
    query: list[tuple[str, Any]] = []
    query_string = ""  # a `querystring` parameter's, which the other query parameters follow
    request_headers = dict(headers)
    cookies: dict[str, str] = {}
    for param in operation.params:
        value = arguments.get(param.argument, UNSET)
        if value is UNSET:
            if param.required:
                raise ValueError(f"{param.argument} is required")
            continue
        encoded = check(value, _codec(resolved(param.type)), param.checks, param.argument)
        if encoded is None:
            continue
        if param.location == "path":
            path = path.replace("{" + param.wire + "}", _path_segment(param, encoded))
            continue
        if param.location == "querystring":
            query_string = _query_string(param, encoded)
            continue
        pairs = _serialize(param, encoded)
        if param.location == "query":
            query.extend(pairs)
        elif param.location == "header":
            request_headers[param.wire.lower()] = ",".join(v for _, v in pairs)
        else:
            cookies[param.wire] = quote(",".join(v for _, v in pairs), safe="")

    options = typing.cast(CallOptions, arguments.get("options") or {})
    content: dict[str, Any] = {}
    body = operation.body
    extra_body = options.get("extra_body")
    if extra_body:
        if body is None:
            body = _EXTRA_BODY
    if body is not None:
        if body.flatten:
            codec = _codec(resolved(body.type))
            assert isinstance(codec, _ModelCodec)
            payload = codec.encode_arguments(arguments, body.argument_of)
        else:
            value = arguments.get(body.argument, UNSET)
            if value is UNSET:
                if body.required:
                    raise ValueError(f"{body.argument} is required")
                payload = UNSET
            else:
                payload = check(value, _codec(resolved(body.type)), {}, body.argument)
        if extra_body:
            payload = {**(payload if isinstance(payload, Mapping) else {}), **_plain(extra_body)}
        if payload is not UNSET:
            if body.encode is not None:
                encoded = dict(body.encode(payload))
                request_headers.update(encoded.pop("headers", {}))
                content.update(encoded)
            elif isinstance(payload, (bytes, str)) and not body.media_type.endswith("json"):
                content["content"] = payload
                request_headers["content-type"] = body.media_type
            else:
                content["content"] = json.dumps(
                    payload,
                    ensure_ascii=False,
                    separators=(",", ":"),
                    allow_nan=False,
                    default=_json_text,
                ).encode()
                request_headers["content-type"] = "application/json"
    for name, value in options.get("extra_query", {}).items():
        query.extend(_serialize(Param(name, name, "query", Any), _plain(value)))
    for name, value in options.get("extra_headers", {}).items():
        request_headers[name.lower()] = value
    if cookies:
        request_headers["cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    # Every name here is lower-case: an `Accept` of the caller's is found, and wins.
    request_headers.setdefault("accept", operation.accept)
    chosen = options.get("timeout", timeout)
    url = base_url + path
    if query_string:
        url += "?" + "&".join(
            part for part in (query_string, str(httpx.QueryParams(query))) if part
        )
        query = []
    return httpx.Request(
        operation.method,
        url,
        params=query or None,
        headers=request_headers,
        extensions={"timeout": httpx.Timeout(chosen).as_dict()},
        **content,
    )


def parse_response(
    operation: Operation[T],
    response: httpx.Response,
    status_errors: Mapping[int, type[APIStatusError]],
    error_codes: Mapping[str, type[APIStatusError]],
    strict: bool = False,
) -> T:
    """The typed result of a success; the matching error class for a failure.

    A success is never turned into an error unless `strict`: a body that lacks
    a required field or holds another type than documented is kept as it came
    (see `decode`), so is one that is not JSON (its text), and an empty body
    gives the type's empty value.
    """
    status = response.status_code
    if status >= 400:
        raise _status_error(operation, response, status_errors, error_codes)
    responses = operation.responses
    key = str(status)
    annotation = resolved(
        responses[key]
        if key in responses
        else responses.get(f"{key[0]}XX", responses.get("default"))
    )
    if annotation is None or status == 204:
        return None  # type: ignore[return-value]
    where = f"{operation.method} {operation.path}: the {status} answer"
    if not response.content:
        if strict:
            raise APIResponseValidationError(f"{where} is empty", response)
        return _empty(annotation)  # type: ignore[no-any-return]
    if annotation is bytes:
        return response.content  # type: ignore[return-value]
    if annotation is str and "json" not in response.headers.get("content-type", ""):
        return response.text  # type: ignore[return-value]
    try:
        payload = response.json()
    except ValueError as error:
        if not strict:
            return response.text  # type: ignore[return-value]  # kept as it came, as a success
        raise APIResponseValidationError(f"{where} is not JSON ({error})", response) from error
    try:
        result: T = decode(annotation, payload, strict)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        if not strict:
            return payload  # type: ignore[no-any-return]  # kept as it came
        raise APIResponseValidationError(
            f"{where} does not fit its schema ({error})", response
        ) from error
    return result


def _empty(annotation: Any) -> Any:
    """What an empty body stands for in `annotation`: an empty model, list, dict or text."""
    codec = _codec(annotation)
    if isinstance(codec, _Nullable):
        return None
    if isinstance(codec, _ModelCodec):
        return codec.decode({})
    if isinstance(codec, _List):
        return []
    if isinstance(codec, _Map):
        return {}
    if annotation is bytes:
        return b""
    if annotation is str:
        return ""
    return None


def _status_error(
    operation: Operation[Any],
    response: httpx.Response,
    status_errors: Mapping[int, type[APIStatusError]],
    error_codes: Mapping[str, type[APIStatusError]],
) -> APIStatusError:
    body = _read_body(response)
    details = _error_details(body)
    status = response.status_code
    status_class = status_errors.get(status) or (ServerError if status >= 500 else ClientError)
    code_class = error_codes.get(details[0].code or "") if details else None
    bases = tuple(
        dict.fromkeys(c for c in (operation.error, status_class, code_class) if c is not None)
    )
    first = details[0] if details else None
    summary = (
        ": ".join(p for p in ((first.title, first.detail) if first else ()) if p)
        or response.reason_phrase
    )
    message = f"{operation.method} {operation.path} failed with {status}" + (
        f": {summary}" if summary else ""
    )
    return _combined(bases)(message, response=response, body=body, errors=details)


__all__ = [
    "Body",
    "CallOptions",
    "Operation",
    "Param",
    "build_request",
    "parse_response",
]

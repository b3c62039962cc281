"""Runtime shared by the generated modules: models, checks, requests and errors.

The generated code is declarative: dataclasses with type annotations, and one
`Operation` description per API operation. Everything that acts on them lives
here, once, so that a change of the spec changes only declarations.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import quote

import httpx

T = TypeVar("T")
M = TypeVar("M", bound="Model")


class Unset:
    """The type of `UNSET`: a value that was not given (absent), as opposed to null."""

    _instance: ClassVar[Unset | None] = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = Unset()


def _unlisted_member(kind: Any, base: type, value: object) -> Any:
    """A member of `kind` for a value the spec does not list; outside `__members__`."""
    if not isinstance(value, base) or isinstance(value, bool):
        return None
    member: Any = base.__new__(kind, value)
    member._name_ = "UNKNOWN"
    member._value_ = value
    return member


class OpenStrEnum(str, enum.Enum):
    """A string enum that accepts values the spec does not list (servers add values).

    An unknown value becomes a member outside `__members__`; requests refuse it.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return _unlisted_member(cls, str, value)

    def __str__(self) -> str:
        return str(self.value)


class OpenIntEnum(int, enum.Enum):
    """An integer enum that accepts values the spec does not list."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        return _unlisted_member(cls, int, value)


@dataclasses.dataclass(frozen=True)
class Discriminator:
    """Marks a union whose variant is chosen by the value of one property."""

    property: str
    mapping: tuple[tuple[str, type[Model]], ...]


class Model:
    """Base of the generated dataclasses: conversion from and to JSON-ready dicts."""

    __slots__ = ()

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build an instance from a decoded JSON object; unknown keys are ignored."""
        result: M = _codec(cls).decode(data)
        return result

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: absent fields are left out, null ones kept as None."""
        result: dict[str, Any] = _codec(type(self)).encode(self, type(self).__name__, False)
        return result


# -- conversion ---------------------------------------------------------------


class _Codec:
    """Converts between one annotated type and its JSON form."""

    nullable = False

    def decode(self, data: Any) -> Any:
        return data

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        return _plain(value)

    def accepts(self, data: Any) -> bool:
        return True


def _plain(value: Any) -> Any:
    """The JSON form of any value, by its runtime type."""
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Primitive(_Codec):
    def __init__(self, kind: type) -> None:
        self.kind = kind

    def accepts(self, data: Any) -> bool:
        if self.kind is float:
            return isinstance(data, (int, float)) and not isinstance(data, bool)
        if self.kind is int:
            return isinstance(data, int) and not isinstance(data, bool)
        return isinstance(data, self.kind)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if strict and not self.accepts(value):
            raise ValueError(f"{where}: expected {self.kind.__name__}, got {_describe(value)}")
        return value


class _DateTime(_Codec):
    def __init__(self, kind: type[datetime.date]) -> None:
        self.kind = kind

    def decode(self, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        text = data[:-1] + "+00:00" if data.endswith(("Z", "z")) else data
        try:
            return self.kind.fromisoformat(text)
        except ValueError:
            return data  # not ISO 8601: the raw text is kept rather than failing the call

    def accepts(self, data: Any) -> bool:
        return isinstance(data, (str, self.kind))

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        if strict and not isinstance(value, str):
            raise ValueError(f"{where}: expected {self.kind.__name__}, got {_describe(value)}")
        return value


class _Enum(_Codec):
    def __init__(self, kind: type[enum.Enum]) -> None:
        self.kind = kind
        self.values = frozenset(member.value for member in kind)

    def decode(self, data: Any) -> Any:
        try:
            return self.kind(data)
        except ValueError:
            return data

    def accepts(self, data: Any) -> bool:
        return data in self.values

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        raw = value.value if isinstance(value, enum.Enum) else value
        if strict and raw not in self.values:
            allowed = ", ".join(repr(v) for v in sorted(self.values, key=str))
            raise ValueError(f"{where}: {_describe(raw)} is not one of {allowed}")
        return raw


class _List(_Codec):
    def __init__(self, item: _Codec) -> None:
        self.item = item

    def decode(self, data: Any) -> Any:
        if not isinstance(data, list):
            return data
        decode = self.item.decode
        return [None if v is None else decode(v) for v in data]

    def accepts(self, data: Any) -> bool:
        return isinstance(data, list)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if strict and not isinstance(value, (list, tuple)):
            raise ValueError(f"{where}: expected a list, got {_describe(value)}")
        return [_encode_value(self.item, v, f"{where}[{i}]", strict) for i, v in enumerate(value)]


class _Map(_Codec):
    def __init__(self, value: _Codec) -> None:
        self.value = value

    def decode(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        decode = self.value.decode
        return {k: None if v is None else decode(v) for k, v in data.items()}

    def accepts(self, data: Any) -> bool:
        return isinstance(data, Mapping)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if strict and not isinstance(value, Mapping):
            raise ValueError(f"{where}: expected a mapping, got {_describe(value)}")
        return {
            str(k): _encode_value(self.value, v, f"{where}[{k!r}]", strict)
            for k, v in value.items()
        }


class _Union(_Codec):
    def __init__(self, variants: Sequence[_Codec], discriminator: Discriminator | None) -> None:
        self.variants = variants
        self.discriminator = discriminator
        self.by_tag = (
            {tag: _codec(kind) for tag, kind in discriminator.mapping} if discriminator else {}
        )

    def decode(self, data: Any) -> Any:
        if self.discriminator is not None and isinstance(data, Mapping):
            chosen = self.by_tag.get(str(data.get(self.discriminator.property)))
            if chosen is not None:
                return chosen.decode(data)
        for variant in self.variants:
            if variant.accepts(data):
                try:
                    return variant.decode(data)
                except (TypeError, ValueError):
                    continue
        return data

    def accepts(self, data: Any) -> bool:
        return any(variant.accepts(data) for variant in self.variants)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        for variant in self.variants:
            if isinstance(variant, _ModelCodec) and isinstance(value, variant.kind):
                return variant.encode(value, where, strict)
        errors = []
        for variant in self.variants:
            if isinstance(variant, _ModelCodec):
                continue
            try:
                return variant.encode(value, where, True)
            except ValueError as exc:
                errors.append(str(exc))
        if strict:
            raise ValueError(
                f"{where}: {_describe(value)} matches no variant ({'; '.join(errors)})"
            )
        return _plain(value)


@dataclasses.dataclass
class _Field:
    attr: str
    wire: str
    required: bool
    checks: Mapping[str, Any]
    annotation: Any
    codec: _Codec | None = None

    def resolved(self) -> _Codec:
        if self.codec is None:
            self.codec = _codec(self.annotation)
        return self.codec


class _ModelCodec(_Codec):
    def __init__(self, kind: type[Model]) -> None:
        self.kind = kind
        self._fields: list[_Field] | None = None

    @property
    def fields(self) -> list[_Field]:
        if self._fields is None:
            hints = typing.get_type_hints(self.kind, include_extras=True)
            self._fields = [
                _Field(
                    f.name,
                    f.metadata.get("wire", f.name),
                    f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                    {k: v for k, v in f.metadata.items() if k != "wire"},
                    hints[f.name],
                )
                for f in dataclasses.fields(self.kind)  # type: ignore[arg-type]
            ]
        return self._fields

    def accepts(self, data: Any) -> bool:
        return isinstance(data, Mapping) and all(f.wire in data for f in self.fields if f.required)

    def decode(self, data: Any) -> Any:
        if not isinstance(data, Mapping):
            raise TypeError(f"{self.kind.__name__}: expected an object, got {_describe(data)}")
        values: dict[str, Any] = {}
        for f in self.fields:
            if f.wire in data and not f.checks.get("writeOnly"):
                raw = data[f.wire]
                values[f.attr] = None if raw is None else f.resolved().decode(raw)
            elif f.required:
                raise ValueError(
                    f"{self.kind.__name__}: the response lacks required field {f.wire!r}"
                )
        return self.kind(**values)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if strict and not isinstance(value, self.kind):
            raise ValueError(f"{where}: expected {self.kind.__name__}, got {_describe(value)}")
        result: dict[str, Any] = {}
        for f in self.fields:
            item = getattr(value, f.attr)
            if item is UNSET or (strict and f.checks.get("readOnly")):
                if strict and f.required and item is UNSET:
                    raise ValueError(f"{where}.{f.attr} is required")
                continue
            result[f.wire] = check(
                item, f.resolved(), f.checks, f"{where}.{f.attr}" if where else f.attr, strict
            )
        return result


def _encode_value(codec: _Codec, value: Any, where: str, strict: bool) -> Any:
    if value is None:
        if strict and not codec.nullable:
            raise ValueError(f"{where} must not be None")
        return None
    return codec.encode(value, where, strict)


class _Nullable(_Codec):
    nullable = True

    def __init__(self, inner: _Codec) -> None:
        self.inner = inner

    def decode(self, data: Any) -> Any:
        return None if data is None else self.inner.decode(data)

    def accepts(self, data: Any) -> bool:
        return data is None or self.inner.accepts(data)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        return None if value is None else self.inner.encode(value, where, strict)


_PRIMITIVES: dict[Any, _Codec] = {
    str: _Primitive(str),
    int: _Primitive(int),
    float: _Primitive(float),
    bool: _Primitive(bool),
    bytes: _Primitive(bytes),
    datetime.datetime: _DateTime(datetime.datetime),
    datetime.date: _DateTime(datetime.date),
    Any: _Codec(),
    object: _Codec(),
}


_CODECS: dict[Any, _Codec] = {}


def _codec(annotation: Any) -> _Codec:
    """The codec of a type annotation, built once per annotation."""
    found = _CODECS.get(annotation)
    if found is None:
        found = _CODECS[annotation] = _build_codec(annotation)
    return found


def _build_codec(annotation: Any) -> _Codec:
    if annotation in _PRIMITIVES:
        return _PRIMITIVES[annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        discriminator = next((e for e in extras if isinstance(e, Discriminator)), None)
        base = _codec(inner)
        if discriminator is None:
            return base
        core = base.inner if isinstance(base, _Nullable) else base
        union = _Union(core.variants if isinstance(core, _Union) else [core], discriminator)
        return _Nullable(union) if isinstance(base, _Nullable) else union
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not Unset]
        nullable = type(None) in args
        variants = [_codec(a) for a in args if a is not type(None)]
        single = (
            variants[0] if len(variants) == 1 else _Union(variants, None) if variants else _Codec()
        )
        return _Nullable(single) if nullable else single
    if origin in (list, Sequence):
        return _List(_codec(typing.get_args(annotation)[0]))
    if origin in (dict, Mapping):
        return _Map(_codec(typing.get_args(annotation)[1]))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _Enum(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return _ModelCodec(annotation)
    return _Codec()


def decode(annotation: Any, data: Any) -> Any:
    """Turn decoded JSON into the value of `annotation` (models, enums, dates)."""
    return None if data is None else _codec(annotation).decode(data)


def _check_bounds(value: Any, checks: Mapping[str, Any], where: str) -> None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in checks and value < checks["minimum"]:
            raise ValueError(f"{where}: {value} is less than the minimum of {checks['minimum']}")
        if "maximum" in checks and value > checks["maximum"]:
            raise ValueError(f"{where}: {value} is more than the maximum of {checks['maximum']}")
        if "exclusiveMinimum" in checks and value <= checks["exclusiveMinimum"]:
            raise ValueError(f"{where}: {value} must be more than {checks['exclusiveMinimum']}")
        if "exclusiveMaximum" in checks and value >= checks["exclusiveMaximum"]:
            raise ValueError(f"{where}: {value} must be less than {checks['exclusiveMaximum']}")
    elif isinstance(value, str):
        if "minLength" in checks and len(value) < checks["minLength"]:
            raise ValueError(f"{where}: shorter than {checks['minLength']} characters")
        if "maxLength" in checks and len(value) > checks["maxLength"]:
            raise ValueError(f"{where}: longer than {checks['maxLength']} characters")
        if "pattern" in checks and re.search(checks["pattern"], value) is None:
            raise ValueError(f"{where}: {_describe(value)} does not match {checks['pattern']!r}")
    elif isinstance(value, (list, tuple)):
        if "minItems" in checks and len(value) < checks["minItems"]:
            raise ValueError(f"{where}: fewer than {checks['minItems']} items")
        if "maxItems" in checks and len(value) > checks["maxItems"]:
            raise ValueError(f"{where}: more than {checks['maxItems']} items")


def check(
    value: Any, codec: _Codec, checks: Mapping[str, Any], where: str, strict: bool = True
) -> Any:
    """Check `value` against its type and the spec's constraints; return its JSON form."""
    if value is None:
        return _encode_value(codec, value, where, strict)
    if strict and checks:
        _check_bounds(value, checks, where)
    return codec.encode(value, where, strict)


# -- errors -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ErrorDetail:
    """One entry of an error response's `errors` list."""

    code: str | None
    title: str | None
    detail: str | None
    pointer: str | None
    meta: Mapping[str, Any] | None = None


class APIError(Exception):
    """Base of every error the client raises."""


class APIConnectionError(APIError):
    """The request could not be sent or its response not received."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class APIStatusError(APIError):
    """The API answered with an error status (4xx or 5xx)."""

    status_code: ClassVar[int | None] = None
    code: ClassVar[str | None] = None

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, errors: Sequence[ErrorDetail]
    ) -> None:
        super().__init__(message)
        self.message = message
        self.response = response
        self.status = response.status_code
        self.headers = response.headers
        self.body = body
        self.errors = tuple(errors)

    @property
    def error_code(self) -> str | None:
        """The first API error code of the response, if it has one."""
        return self.errors[0].code if self.errors else None


class ClientError(APIStatusError):
    """A 4xx answer."""


class ServerError(APIStatusError):
    """A 5xx answer."""


def _error_details(body: Any) -> list[ErrorDetail]:
    entries = body.get("errors") if isinstance(body, Mapping) else None
    if not isinstance(entries, list):
        entries = [body] if isinstance(body, Mapping) and "code" in body else []
    details = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        source = entry.get("source")
        pointer = source.get("pointer") if isinstance(source, Mapping) else None
        code = entry.get("code")
        meta = entry.get("meta")
        details.append(
            ErrorDetail(
                None if code is None else str(code),
                entry.get("title") if isinstance(entry.get("title"), str) else None,
                (
                    (entry.get("detail") or entry.get("message"))
                    if isinstance(entry.get("detail") or entry.get("message"), str)
                    else None
                ),
                pointer if isinstance(pointer, str) else None,
                meta if isinstance(meta, Mapping) else None,
            )
        )
    return details


@functools.lru_cache(maxsize=None)
def _combined(bases: tuple[type[APIStatusError], ...]) -> type[APIStatusError]:
    """One class deriving from the operation's, the status's and the code's error class."""
    if len(bases) == 1:
        return bases[0]
    return type(
        bases[0].__name__, bases, {"__module__": bases[0].__module__, "__doc__": bases[0].__doc__}
    )


def _read_body(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


# -- requests -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Param:
    """A path, query, header or cookie parameter of an operation."""

    argument: str
    wire: str
    location: str
    type: Any
    required: bool = False
    style: str = "form"
    explode: bool = True
    checks: Mapping[str, Any] = dataclasses.field(default_factory=dict)


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

    @functools.cached_property
    def arguments(self) -> tuple[tuple[str, str], ...]:
        """(argument, field) of a flattened body: every field but the read-only ones."""
        argument_of = {field: argument for argument, field in self.renamed.items()}
        return tuple(
            (argument_of.get(f.name, f.name), f.name)
            for f in dataclasses.fields(self.type)
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


def _text_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _serialize(param: Param, value: Any) -> list[tuple[str, str]]:
    """Encode a checked parameter value by its style (form, deepObject, ...)."""
    if isinstance(value, Mapping):
        if param.style == "deepObject":
            return [(f"{param.wire}[{k}]", _text_value(v)) for k, v in value.items()]
        if param.explode:
            return [(str(k), _text_value(v)) for k, v in value.items()]
        return [(param.wire, ",".join(f"{k},{_text_value(v)}" for k, v in value.items()))]
    if isinstance(value, list):
        if param.explode and param.location == "query":
            return [(param.wire, _text_value(v)) for v in value]
        separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(param.style, ",")
        return [(param.wire, separator.join(_text_value(v) for v in value))]
    return [(param.wire, _text_value(value))]


def _form_fields(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    fields = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append(
                (key, json.dumps(item) if isinstance(item, (dict, list)) else _text_value(item))
            )
    return fields


def build_request(
    client: httpx.Client | httpx.AsyncClient,
    operation: Operation[Any],
    arguments: Mapping[str, Any],
) -> httpx.Request:
    """Check the arguments against the spec and turn them into an HTTP request."""
    path = operation.path
    query: list[tuple[str, Any]] = []
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for param in operation.params:
        value = arguments.get(param.argument, UNSET)
        if value is UNSET:
            if param.required:
                raise ValueError(f"{param.argument} is required")
            continue
        encoded = check(value, _codec(param.type), param.checks, param.argument)
        if encoded is None:
            continue
        pairs = _serialize(param, encoded)
        if param.location == "path":
            path = path.replace("{" + param.wire + "}", quote(pairs[0][1], safe=""))
        elif param.location == "query":
            query.extend(pairs)
        elif param.location == "header":
            headers[param.wire] = ",".join(v for _, v in pairs)
        else:
            cookies[param.wire] = quote(",".join(v for _, v in pairs), safe="")

    content: dict[str, Any] = {}
    body = operation.body
    if body is not None:
        if body.flatten:
            given = {
                attr: arguments[arg]
                for arg, attr in body.arguments
                if arguments.get(arg, UNSET) is not UNSET
            }
            payload = _codec(body.type).encode(
                body.type(**given), "", True
            )  # errors name the arguments
        else:
            value = arguments.get(body.argument, UNSET)
            if value is UNSET:
                if body.required:
                    raise ValueError(f"{body.argument} is required")
                payload = UNSET
            else:
                payload = check(value, _codec(body.type), {}, body.argument)
        if payload is not UNSET:
            if body.media_type == "application/x-www-form-urlencoded":
                content["data"] = _form_fields(payload)
            elif body.media_type == "multipart/form-data":
                files = {k: v for k, v in payload.items() if isinstance(v, bytes)}
                content["files"] = files
                content["data"] = dict(
                    _form_fields({k: v for k, v in payload.items() if k not in files})
                )
            elif isinstance(payload, (bytes, str)) and not body.media_type.endswith("json"):
                content["content"] = payload
                headers["Content-Type"] = body.media_type
            else:
                content["json"] = payload
    if cookies:
        # One Cookie header (httpx's cookie jar needs an absolute URL, and the path is relative).
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return client.build_request(
        operation.method,
        path,
        params=query or None,
        headers=headers or None,
        **content,
    )


def parse_response(
    operation: Operation[T],
    response: httpx.Response,
    status_errors: Mapping[int, type[APIStatusError]],
    error_codes: Mapping[str, type[APIStatusError]],
) -> T:
    """The typed result of a success; the matching error class for a failure."""
    status = response.status_code
    if status >= 400:
        raise _status_error(operation, response, status_errors, error_codes)
    responses = operation.responses
    key = str(status)
    annotation = (
        responses[key]
        if key in responses
        else responses.get(f"{key[0]}XX", responses.get("default"))
    )
    if annotation is None or status == 204 or not response.content:
        return None  # type: ignore[return-value]
    if annotation is bytes:
        return response.content  # type: ignore[return-value]
    if annotation is str and "json" not in response.headers.get("content-type", ""):
        return response.text  # type: ignore[return-value]
    result: T = decode(annotation, response.json())
    return result


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


# -- clients ------------------------------------------------------------------


def credential(value: str | None, *environment: str) -> str | None:
    """An explicit credential, or the first environment variable that is set."""
    import os

    if value is not None:
        return value
    for name in environment:
        found = os.environ.get(name)
        if found:
            return found
    return None


class BaseClient:
    """Holds the HTTP client and sends operations; subclasses add the API's groups."""

    status_errors: ClassVar[Mapping[int, type[APIStatusError]]] = {}
    error_codes: ClassVar[Mapping[str, type[APIStatusError]]] = {}

    def __init__(
        self,
        *,
        base_url: str,
        http_client: httpx.Client | None = None,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout = httpx.Timeout(60.0, connect=5.0),
    ) -> None:
        self._owns_http_client = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout)
        self._base_url = httpx.URL(base_url.rstrip("/") + "/")
        self._headers = dict(headers or {})
        self._auth = auth

    @property
    def base_url(self) -> str:
        return str(self._base_url)

    def _send(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        request = build_request(self._http, operation, arguments)
        request.url = self._base_url.join(request.url.raw_path.decode("ascii").lstrip("/"))
        for name, value in self._headers.items():
            request.headers.setdefault(name, value)
        try:
            response = self._http.send(request, auth=self._auth or httpx.USE_CLIENT_DEFAULT)
            response.read()
        except httpx.TimeoutException as exc:
            raise APITimeoutError(f"{operation.method} {operation.path} timed out: {exc}") from exc
        except httpx.TransportError as exc:
            raise APIConnectionError(
                f"{operation.method} {operation.path} could not connect: {exc}"
            ) from exc
        return parse_response(operation, response, self.status_errors, self.error_codes)

    def close(self) -> None:
        """Close the HTTP client, if this client created it."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`."""

    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


class ApiKeyAuth(httpx.Auth):
    """An API key sent in a header, a query parameter or a cookie."""

    def __init__(self, name: str, location: str, key: str) -> None:
        self.name = name
        self.location = location
        self.key = key

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        if self.location == "query":
            request.url = request.url.copy_merge_params({self.name: self.key})
        elif self.location == "cookie":
            cookie = f"{self.name}={self.key}"
            sent = request.headers.get("Cookie")
            request.headers["Cookie"] = f"{sent}; {cookie}" if sent else cookie
        else:
            request.headers[self.name] = self.key
        yield request


class MultiAuth(httpx.Auth):
    """Several credentials at once (a spec may require more than one)."""

    def __init__(self, parts: Iterable[httpx.Auth]) -> None:
        self.parts = list(parts)

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        for part in self.parts:
            flow = part.auth_flow(request)
            request = next(flow)
        yield request


def combine_auth(parts: Sequence[httpx.Auth | None]) -> httpx.Auth | None:
    present = [p for p in parts if p is not None]
    if not present:
        return None
    return present[0] if len(present) == 1 else MultiAuth(present)


class Resource:
    """A group of operations (one tag of the spec), reached as an attribute of the client."""

    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        return self._client._send(operation, arguments)


__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "ApiKeyAuth",
    "BaseClient",
    "BearerAuth",
    "Body",
    "ClientError",
    "Discriminator",
    "ErrorDetail",
    "Model",
    "OpenIntEnum",
    "OpenStrEnum",
    "Operation",
    "Param",
    "Resource",
    "ServerError",
    "Unset",
    "check",
    "combine_auth",
    "credential",
    "decode",
]

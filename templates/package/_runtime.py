"""Runtime shared by the generated modules: models, checks, requests and errors.

The generated code is declarative: dataclasses with type annotations, and one
`Operation` description per API operation. Everything that acts on them lives
here, once, so that a change of the spec changes only declarations.
"""

from __future__ import annotations

import base64
import binascii
import copy
import dataclasses
import datetime
import email.utils
import enum
import functools
import json
import logging
import os
import random
import re
import sys
import time
import types
import typing
import uuid
from collections.abc import Callable, Coroutine, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Concatenate, Generic, ParamSpec, TypeVar
from urllib.parse import quote, urlencode

import httpx

T = TypeVar("T")
M = TypeVar("M", bound="Model")
P = ParamSpec("P")


class Unset:
    """The type of `UNSET`: a value that was not given (absent), as opposed to null."""

    _instance: ClassVar[Unset | None] = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> typing.Literal[False]:  # `if value:` narrows `T | Unset` to `T`
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
    """Base of the generated dataclasses: conversion from and to JSON-ready dicts.

    A model remembers which fields were set: given to its constructor, read from a
    response, or changed since from their default. `to_dict()` and request bodies
    write exactly those (and the fields a response had that the spec does not
    know), so a field left out stays out and the server applies its own default.
    """

    __slots__ = ("_set", "_extra")
    _set: frozenset[str]  # the attributes given to the constructor or read from a response
    _extra: dict[str, Any] | None  # what a response held that the spec does not know
    # The key of a one-key object the fields sit in (`{"join_conference": {...}}`), if any.
    _wrapper: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "__wrapped__", None) is not None:
            return  # not yet a dataclass, or already recording

        @functools.wraps(init)
        def recording_init(self: Model, **values: Any) -> None:
            init(self, **values)
            self._set = frozenset(values)
            self._extra = None

        setattr(cls, "__init__", recording_init)
        # A response may lack a required field (its attribute is then unset): these cope.
        setattr(cls, "__repr__", Model._repr)
        setattr(cls, "__eq__", Model._eq)

    def _values(self) -> list[tuple[str, Any]]:
        codec = _codec(type(self))
        assert isinstance(codec, _ModelCodec)
        return [(f.attr, getattr(self, f.attr, _NOTHING)) for f in codec.fields]

    def _repr(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in self._values() if value is not _NOTHING
        )
        return f"{type(self).__qualname__}({shown})"

    def _eq(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented  # type: ignore[no-any-return]
        assert isinstance(other, Model)
        return self._values() == other._values()

    def __getattr__(self, name: str) -> Any:
        """Fields the spec does not know, by wire name; a required field the response lacked."""
        if name.startswith("__") or name in ("_set", "_extra"):
            raise AttributeError(name)
        extra = self._extra
        if extra and name in extra:
            return extra[name]
        if any(f.attr == name for f in _codec(type(self)).fields):  # type: ignore[attr-defined]
            raise AttributeError(
                f"{type(self).__name__}.{name}: the response lacked this required field"
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    @property
    def model_extra(self) -> dict[str, Any]:
        """The fields of the response that the spec does not know, as sent."""
        return dict(self._extra or {})

    @property
    def model_fields_set(self) -> frozenset[str]:
        """The attributes that were set (and so are sent and written by `to_dict`)."""
        codec = _codec(type(self))
        assert isinstance(codec, _ModelCodec)
        return frozenset(f.attr for f in codec.fields if codec.is_set(self, f))

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build an instance from a decoded JSON object; unknown keys are kept."""
        result: M = _codec(cls).decode(data, False)
        return result

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the fields that were set (null ones as None), unknown ones too."""
        result: dict[str, Any] = _codec(type(self)).encode(self, type(self).__name__, False)
        return result


# -- conversion ---------------------------------------------------------------


class _Codec:
    """Converts between one annotated type and its JSON form."""

    nullable = False

    def decode(self, data: Any, strict: bool = False) -> Any:
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

    def decode(self, data: Any, strict: bool = False) -> Any:
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

    def decode(self, data: Any, strict: bool = False) -> Any:
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

    def decode(self, data: Any, strict: bool = False) -> Any:
        if not isinstance(data, list):
            if strict:
                raise TypeError(f"expected a list, got {_describe(data)}")
            return data
        decode = self.item.decode
        return [None if v is None else decode(v, strict) for v in data]

    def accepts(self, data: Any) -> bool:
        return isinstance(data, list)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if strict and not isinstance(value, (list, tuple)):
            raise ValueError(f"{where}: expected a list, got {_describe(value)}")
        return [_encode_value(self.item, v, f"{where}[{i}]", strict) for i, v in enumerate(value)]


class _Map(_Codec):
    def __init__(self, value: _Codec) -> None:
        self.value = value

    def decode(self, data: Any, strict: bool = False) -> Any:
        if not isinstance(data, Mapping):
            if strict:
                raise TypeError(f"expected an object, got {_describe(data)}")
            return data
        decode = self.value.decode
        return {k: None if v is None else decode(v, strict) for k, v in data.items()}

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

    def decode(self, data: Any, strict: bool = False) -> Any:
        if self.discriminator is not None and isinstance(data, Mapping):
            chosen = self.by_tag.get(str(data.get(self.discriminator.property)))
            if chosen is not None:
                return chosen.decode(data, strict)
        for variant in self.variants:
            if variant.accepts(data):
                try:
                    return variant.decode(data, True)
                except (TypeError, ValueError):
                    continue
        if strict:
            raise TypeError(f"{_describe(data)} matches no variant of the union")
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
    default: Any = UNSET
    factory: Callable[[], Any] | None = None
    codec: _Codec | None = None

    def resolved(self) -> _Codec:
        if self.codec is None:
            self.codec = _codec(self.annotation)
        return self.codec


_NOTHING = object()


class _ModelCodec(_Codec):
    def __init__(self, kind: type[Model]) -> None:
        self.kind = kind
        self._fields: list[_Field] | None = None
        self._wires: frozenset[str] = frozenset()

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
                    UNSET if f.default is dataclasses.MISSING else f.default,
                    None if f.default_factory is dataclasses.MISSING else f.default_factory,
                )
                for f in dataclasses.fields(self.kind)  # type: ignore[arg-type]
            ]
            self._wires = frozenset(f.wire for f in self._fields)
        return self._fields

    def accepts(self, data: Any) -> bool:
        wrapper = self.kind._wrapper
        if wrapper is not None:
            data = data.get(wrapper) if isinstance(data, Mapping) and len(data) == 1 else None
        return isinstance(data, Mapping) and all(f.wire in data for f in self.fields if f.required)

    def decode(self, data: Any, strict: bool = False) -> Any:
        wrapper = self.kind._wrapper
        if wrapper is not None and isinstance(data, Mapping) and wrapper in data:
            data = data[wrapper]
        if not isinstance(data, Mapping):
            raise TypeError(f"{self.kind.__name__}: expected an object, got {_describe(data)}")
        result = object.__new__(self.kind)
        given = []
        for f in self.fields:
            if f.wire in data and not f.checks.get("writeOnly"):
                raw = data[f.wire]
                if raw is None:
                    value = None
                elif strict:
                    value = f.resolved().decode(raw, True)
                else:
                    try:
                        value = f.resolved().decode(raw)
                    except (TypeError, ValueError):
                        value = raw  # not the documented type: kept as it came
                setattr(result, f.attr, value)
                given.append(f.attr)
            elif f.required:
                if strict:
                    raise ValueError(
                        f"{self.kind.__name__}: the response lacks required field {f.wire!r}"
                    )
                # Left unset: reading the attribute says the response lacked it.
            else:
                setattr(result, f.attr, f.default if f.factory is None else f.factory())
        result._set = frozenset(given)
        wires = self._wires
        result._extra = (
            {k: v for k, v in data.items() if k not in wires} if len(data) > len(given) else None
        )
        return result

    def is_set(self, value: Any, f: _Field) -> bool:
        """Whether `f` of `value` was set: given, read, or changed from its default."""
        current = getattr(value, f.attr, _NOTHING)
        if current is _NOTHING:
            return False
        if f.attr in value._set:
            return True
        if f.factory is not None:
            return bool(current != f.factory())
        return current is not f.default and bool(current != f.default)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        if not isinstance(value, self.kind):
            if strict:
                raise ValueError(f"{where}: expected {self.kind.__name__}, got {_describe(value)}")
            return _plain(value)  # a response's value of another type, written back as it came
        items = [
            (f, getattr(value, f.attr) if self.is_set(value, f) else UNSET) for f in self.fields
        ]
        encoded = self._encode_items(items, where, strict)
        extra = value._extra
        if extra:
            inner = encoded if self.kind._wrapper is None else encoded[self.kind._wrapper]
            for key, item in extra.items():
                inner.setdefault(key, item)
        return encoded

    def encode_arguments(self, arguments: Mapping[str, Any], argument_of: Mapping[str, str]) -> Any:
        """A flattened body's JSON straight from the method's arguments, by field."""
        items = [(f, arguments.get(argument_of.get(f.attr, f.attr), UNSET)) for f in self.fields]
        return self._encode_items(items, "", True)

    def _encode_items(self, items: list[tuple[_Field, Any]], where: str, strict: bool) -> Any:
        result: dict[str, Any] = {}
        for f, item in items:
            if item is UNSET or (strict and f.checks.get("readOnly")):
                if strict and f.required and item is UNSET:
                    raise ValueError(f"{where}.{f.attr} is required")
                continue
            result[f.wire] = check(
                item, f.resolved(), f.checks, f"{where}.{f.attr}" if where else f.attr, strict
            )
        wrapper = self.kind._wrapper
        return result if wrapper is None else {wrapper: result}


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

    def decode(self, data: Any, strict: bool = False) -> Any:
        return None if data is None else self.inner.decode(data, strict)

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


class _Deferred(_Codec):
    """A type named before it is defined (a union that contains itself, `dict[str, "X"] | Y`):
    looked up in the package's models when first used."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._target: _Codec | None = None

    @property
    def target(self) -> _Codec:
        if self._target is None:
            models = sys.modules[__name__.partition(".")[0] + ".models"]  # the package's models
            # A name the generator wrote in an annotation (`"Tree"`), evaluated as typing does.
            self._target = _codec(eval(self.name, vars(models)))  # noqa: S307
        return self._target

    @property
    def nullable(self) -> bool:  # type: ignore[override]
        return self.target.nullable

    def decode(self, data: Any) -> Any:
        return self.target.decode(data)

    def encode(self, value: Any, where: str, strict: bool) -> Any:
        return self.target.encode(value, where, strict)

    def accepts(self, data: Any) -> bool:
        return self.target.accepts(data)


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
    if isinstance(annotation, (str, typing.ForwardRef)):
        return _Deferred(annotation if isinstance(annotation, str) else annotation.__forward_arg__)
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


def decode(annotation: Any, data: Any, strict: bool = False) -> Any:
    """Turn decoded JSON into the value of `annotation` (models, enums, dates).

    Leniently by default: a value of another type than documented, or a model
    lacking a required field, is kept as it came. `strict` raises instead.
    """
    return None if data is None else _codec(annotation).decode(data, strict)


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


class APIResponseValidationError(APIError, ValueError):
    """A success answer whose body is not what the spec says (not JSON, or another shape)."""

    def __init__(self, message: str, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response
        self.status = response.status_code


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
            for f in dataclasses.fields(self.type)
            if not f.metadata.get("readOnly")
        )


@dataclasses.dataclass(frozen=True)
class PageNumber:
    """Pages chosen by a page-number argument; the response says how many pages there are."""

    items: str  # the attribute of a page that holds its items
    argument: str  # the argument that selects the page
    key: str | None = None  # the page number's attribute or key, when the argument is an object
    page_number: tuple[str, ...] = ()  # attribute path of the current page's number
    total_pages: tuple[str, ...] = ()  # attribute path of the number of pages


@dataclasses.dataclass(frozen=True)
class NextLink:
    """Pages chained by a link to the next one in each page."""

    items: str  # the attribute of a page that holds its items
    link: tuple[str, ...]  # attribute path of the next page's URL or path


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
    pagination: PageNumber | NextLink | None = None
    security: tuple[tuple[str, ...], ...] | None = None  # None: the API's requirements

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


def _serialize(param: Param, value: Any) -> list[tuple[str, str]]:
    """Encode a checked parameter value by its style (form, deepObject, ...)."""
    if param.style == "json":  # a parameter described by `content: {application/json: ...}`
        return [(param.wire, json.dumps(value, ensure_ascii=False, separators=(",", ":")))]
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


def _form_fields(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    fields = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append(
                (key, json.dumps(item) if isinstance(item, (dict, list)) else _text_value(item))
            )
    return fields


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
    request_headers = dict(headers)
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
            codec = _codec(body.type)
            assert isinstance(codec, _ModelCodec)
            payload = codec.encode_arguments(arguments, body.argument_of)
        else:
            value = arguments.get(body.argument, UNSET)
            if value is UNSET:
                if body.required:
                    raise ValueError(f"{body.argument} is required")
                payload = UNSET
            else:
                payload = check(value, _codec(body.type), {}, body.argument)
        if extra_body:
            payload = {**(payload if isinstance(payload, Mapping) else {}), **_plain(extra_body)}
        if payload is not UNSET:
            if body.media_type == "application/x-www-form-urlencoded":
                content["content"] = urlencode(_form_fields(payload)).encode()
                request_headers["content-type"] = body.media_type
            elif body.media_type == "multipart/form-data":
                files = {k: v for k, v in payload.items() if isinstance(v, bytes)}
                content["files"] = files
                content["data"] = dict(
                    _form_fields({k: v for k, v in payload.items() if k not in files})
                )
            elif isinstance(payload, (bytes, str)) and not body.media_type.endswith("json"):
                content["content"] = payload
                request_headers["content-type"] = body.media_type
            else:
                content["content"] = json.dumps(
                    payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False
                ).encode()
                request_headers["content-type"] = "application/json"
    for name, value in options.get("extra_query", {}).items():
        query.extend(_serialize(Param(name, name, "query", Any), _plain(value)))
    for name, value in options.get("extra_headers", {}).items():
        request_headers[name.lower()] = value
    if cookies:
        request_headers["cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    chosen = options.get("timeout", timeout)
    return httpx.Request(
        operation.method,
        base_url + path,
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
    (see `decode`), an empty body gives the type's empty value.
    """
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
        if not strict and annotation in (str, Any, object):
            return response.text  # type: ignore[return-value]
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


# -- clients ------------------------------------------------------------------


class CallOptions(typing.TypedDict, total=False):
    """Keyword arguments every operation method takes besides the API's own."""

    timeout: float | httpx.Timeout | None  # seconds, for this call only; None waits forever
    extra_headers: Mapping[str, str]  # sent with this call, over the client's headers
    extra_query: Mapping[str, object]  # query parameters added to this call's
    extra_body: Mapping[str, object]  # fields merged into this call's JSON body
    max_retries: int  # retries for this call, instead of the client's policy


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """When and how soon a failed request is sent again.

    Connection errors, 408, 429 and 5xx answers are retried, with exponential
    backoff (`initial_delay` doubling up to `max_delay`, plus up to a quarter of
    jitter) or after the server's `Retry-After` (capped at `max_retry_after`).
    A request that may have had an effect (POST or PATCH) is sent again only if
    it never reached the server, or if its operation carries an idempotency
    key, which the client fills once and sends unchanged on every attempt.
    """

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt + 1`."""
        delay: float = min(self.max_delay, self.initial_delay * 2.0**attempt)
        return min(self.max_delay, delay * (1 + random.random() / 4))

    def after_error(
        self, error: httpx.TransportError, attempt: int, retries: int, retry_safe: bool
    ) -> float | None:
        """Seconds to wait before sending again after `error`, or None to give up."""
        if attempt >= retries:
            return None
        if not retry_safe and not isinstance(error, _UNSENT_ERRORS):
            return None  # the server may have acted on it
        return self.backoff(attempt)

    def after_response(
        self, response: httpx.Response, attempt: int, retries: int, retry_safe: bool
    ) -> float | None:
        """Seconds to wait before sending again after `response`, or None to keep it."""
        status = response.status_code
        if attempt >= retries or not retry_safe:
            return None
        if status not in (408, 429) and status < 500:
            return None
        after = retry_after(response.headers)
        if after is not None:
            return min(after, self.max_retry_after)
        return self.backoff(attempt)


# Failures that happen before any byte of the request reaches the server.
_UNSENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def retry_after(headers: httpx.Headers) -> float | None:
    """The delay a response asks for, from `Retry-After` (seconds or HTTP date)."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


def credential(value: str | None, *environment: str) -> str | None:
    """An explicit credential, or the first environment variable that is set."""
    if value is not None:
        return value
    for name in environment:
        found = os.environ.get(name)
        if found:
            return found
    return None


DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)


def user_agent(package: str, version: str) -> str:
    """`<package>/<version> python/<x.y> httpx/<version>`."""
    python = ".".join(str(n) for n in sys.version_info[:2])
    return f"{package}/{version} python/{python} httpx/{httpx.__version__}"


def _logger(package: str, prefix: str) -> logging.Logger:
    """The package's logger; `<PREFIX>_LOG=debug` (or `info`) turns it on, to stderr."""
    logger = logging.getLogger(package)
    level = os.environ.get(f"{prefix}_LOG", "").lower() if prefix else ""
    if level in ("debug", "info") and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s:%(levelname)s] %(message)s")
        )
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    return logger


def _log_attempt(
    logger: logging.Logger,
    request: httpx.Request,
    outcome: httpx.Response | httpx.TransportError,
    started: float,
    attempt: int,
) -> None:
    what = outcome.status_code if isinstance(outcome, httpx.Response) else type(outcome).__name__
    logger.debug(
        "%s %s -> %s in %.3f s (attempt %d)",
        request.method,
        request.url,
        what,
        time.perf_counter() - started,
        attempt + 1,
    )


class RawResponse(Generic[T]):
    """A call's parsed result with the HTTP response it came in."""

    __slots__ = ("http_response", "_parsed")

    def __init__(self, parsed: T, response: httpx.Response) -> None:
        self._parsed = parsed
        self.http_response = response

    def parse(self) -> T:
        """The typed result, as the method without `with_raw_response` returns it."""
        return self._parsed

    @property
    def parsed(self) -> T:
        return self._parsed

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def request_id(self) -> str | None:
        """The server's id of the request (`x-request-id` or `request-id`), if it sent one."""
        headers = self.http_response.headers
        found: str | None = headers.get("x-request-id") or headers.get("request-id")
        return found

    @property
    def elapsed(self) -> datetime.timedelta:
        return self.http_response.elapsed


H = TypeVar("H", httpx.Client, httpx.AsyncClient)
S = TypeVar("S", bound="_Sender[Any]")


class _Sender(Generic[H]):
    """What the sync and async clients share: configuration and request building."""

    status_errors: ClassVar[Mapping[int, type[APIStatusError]]] = {}
    error_codes: ClassVar[Mapping[str, type[APIStatusError]]] = {}
    security: ClassVar[tuple[tuple[str, ...], ...]] = ()  # the API's security requirements
    package: ClassVar[str] = "sdk"  # the generated package: its logger and User-Agent
    version: ClassVar[str] = "0.0.0"
    environment_prefix: ClassVar[str] = ""  # `<PREFIX>_BASE_URL`, `<PREFIX>_LOG`
    default_base_url: ClassVar[str] = "http://localhost"

    def __init__(
        self,
        *,
        base_url: str | None = None,
        http_client: H | None = None,
        headers: Mapping[str, str] | None = None,
        auth: httpx.Auth | Mapping[str, httpx.Auth | None] | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        retry_policy: RetryPolicy | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        owns_http_client = http_client is None
        self._owns_http_client = owns_http_client
        self._http: H = self._new_http_client() if http_client is None else http_client
        http_client = self._http
        prefix = self.environment_prefix
        if base_url is None:
            base_url = (prefix and os.environ.get(f"{prefix}_BASE_URL")) or self.default_base_url
        self._base_url = base_url.rstrip("/")
        self._logger = _logger(self.package, prefix)
        # Plain, by lower-case name: copied for every request, which httpx.Headers is slow at.
        self._headers = {name.lower(): value for name, value in http_client.headers.items()}
        if self._headers.get("user-agent", "").startswith("python-httpx/"):
            self._headers["user-agent"] = user_agent(self.package, self.version)
        self._headers.update({name.lower(): value for name, value in (headers or {}).items()})
        # One httpx.Auth for every request, or the credentials by security scheme.
        self._credentials = auth
        self._auths: dict[tuple[tuple[str, ...], ...] | None, Any] = {}
        # The SDK's timeout, whatever `http_client` was given (httpx's own is 5 s).
        self._timeout = httpx.Timeout(DEFAULT_TIMEOUT if isinstance(timeout, Unset) else timeout)
        policy = retry_policy or RetryPolicy()
        if not isinstance(max_retries, Unset):
            policy = dataclasses.replace(policy, max_retries=max_retries)
        self.retry_policy = policy
        self._strict = strict_response_validation

    def with_options(
        self: S,
        *,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        headers: Mapping[str, str] | None = None,
    ) -> S:
        """A copy of this client with other options; it shares the HTTP client."""
        clone = copy.copy(self)
        clone._owns_http_client = False  # closing the copy leaves the original working
        clone._headers = {**self._headers, **{k.lower(): v for k, v in (headers or {}).items()}}
        if not isinstance(timeout, Unset):
            clone._timeout = httpx.Timeout(timeout)
        if not isinstance(max_retries, Unset):
            clone.retry_policy = dataclasses.replace(self.retry_policy, max_retries=max_retries)
        clone.__dict__.pop("with_raw_response", None)
        for name, value in list(vars(clone).items()):
            if isinstance(value, (Resource, AsyncResource)) and value._client is self:
                setattr(clone, name, type(value)(clone))  # type: ignore[arg-type]
        return clone

    def _new_http_client(self) -> H:
        raise NotImplementedError

    def _auth(self, operation: Operation[Any]) -> Any:
        """The credentials `operation` needs: the first of its requirements (or else the
        API's) whose schemes all have one; the httpx client's own when none applies."""
        requirements = operation.security
        found = self._auths.get(requirements, UNSET)
        if found is UNSET:
            found = self._auths[requirements] = self._choose_auth(requirements)
        return found

    def _choose_auth(self, requirements: tuple[tuple[str, ...], ...] | None) -> Any:
        credentials = self._credentials
        if credentials is None or isinstance(credentials, httpx.Auth):
            return credentials or httpx.USE_CLIENT_DEFAULT
        given = {key: auth for key, auth in credentials.items() if auth is not None}
        if requirements is None:
            requirements = self.security or (tuple(given),)  # no requirement: all given
        for requirement in sorted(requirements, key=lambda r: not r):  # anonymous last
            if all(key in given for key in requirement):
                return combine_auth([given[key] for key in requirement]) or httpx.USE_CLIENT_DEFAULT
        return httpx.USE_CLIENT_DEFAULT  # what is missing is the server's to refuse

    @property
    def base_url(self) -> str:
        return self._base_url

    def _request(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> httpx.Request:
        key = operation.idempotency_key
        if key is not None and arguments.get(key, UNSET) is UNSET:
            # One key for every attempt, so that the server can ignore repeats.
            arguments = {**arguments, key: str(uuid.uuid4())}
        return build_request(operation, arguments, self._base_url, self._headers, self._timeout)

    def _link_request(self, link: str, previous: httpx.Request) -> httpx.Request:
        """A GET of the page at `link` (absolute, or relative to the API's address)."""
        url = httpx.URL(self._base_url + "/").join(link)
        # The previous page's headers (the call's extra ones included), less its body's and host.
        headers = [
            (name, value)
            for name, value in previous.headers.multi_items()
            if name.lower() not in ("content-length", "content-type", "host", "cookie")
        ]
        return httpx.Request("GET", url, headers=headers, extensions=previous.extensions)

    def _retries(self, arguments: Mapping[str, Any]) -> int:
        options = typing.cast(CallOptions, arguments.get("options") or {})
        return options.get("max_retries", self.retry_policy.max_retries)

    def _retry_delay(
        self,
        operation: Operation[Any],
        outcome: httpx.Response | httpx.TransportError,
        attempt: int,
        retries: int,
    ) -> float | None:
        """Seconds to wait before sending again; None to keep `outcome`, a response.

        A transport error the policy gives up on is raised as the API's error.
        """
        policy, safe = self.retry_policy, operation.retry_safe
        if isinstance(outcome, httpx.Response):
            return policy.after_response(outcome, attempt, retries, safe)
        delay = policy.after_error(outcome, attempt, retries, safe)
        if delay is None:
            raise self._failure(operation, outcome) from outcome
        return delay

    def _failure(
        self, operation: Operation[Any], error: httpx.TransportError
    ) -> APIConnectionError:
        where = f"{operation.method} {operation.path}"
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(f"{where} timed out: {error}")
        return APIConnectionError(f"{where} could not connect: {error}")

    def _result(self, operation: Operation[T], response: httpx.Response) -> T:
        return parse_response(
            operation, response, self.status_errors, self.error_codes, self._strict
        )


class BaseClient(_Sender[httpx.Client]):
    """Sends operations with an `httpx.Client`; subclasses add the API's groups."""

    def _new_http_client(self) -> httpx.Client:
        return httpx.Client()

    def _send(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        request = self._request(operation, arguments)
        return self._result(operation, self._transmit(operation, request, arguments))

    def _send_raw(self, operation: Operation[T], arguments: Mapping[str, Any]) -> RawResponse[T]:
        request = self._request(operation, arguments)
        response = self._transmit(operation, request, arguments)
        return RawResponse(self._result(operation, response), response)

    def _transmit(
        self, operation: Operation[Any], request: httpx.Request, arguments: Mapping[str, Any]
    ) -> httpx.Response:
        """Send `request`, again as the retry policy allows; the last response."""
        retries, attempt = self._retries(arguments), 0
        while True:
            outcome: httpx.Response | httpx.TransportError
            started = time.perf_counter()
            try:
                outcome = self._http.send(request, auth=self._auth(operation))
            except httpx.TransportError as error:
                outcome = error
            if self._logger.isEnabledFor(logging.DEBUG):
                _log_attempt(self._logger, request, outcome, started, attempt)
            delay = self._retry_delay(operation, outcome, attempt, retries)
            if delay is None:
                assert isinstance(outcome, httpx.Response)
                return outcome
            time.sleep(delay)
            attempt += 1

    def _paginate(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> Pager[Any]:
        return Pager(self, operation, dict(arguments))

    def close(self) -> None:
        """Close the HTTP client, if this client created it."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncBaseClient(_Sender[httpx.AsyncClient]):
    """Sends operations with an `httpx.AsyncClient`; subclasses add the API's groups."""

    def _new_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient()

    async def _send(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        request = self._request(operation, arguments)
        return self._result(operation, await self._transmit(operation, request, arguments))

    async def _send_raw(
        self, operation: Operation[T], arguments: Mapping[str, Any]
    ) -> RawResponse[T]:
        request = self._request(operation, arguments)
        response = await self._transmit(operation, request, arguments)
        return RawResponse(self._result(operation, response), response)

    async def _transmit(
        self, operation: Operation[Any], request: httpx.Request, arguments: Mapping[str, Any]
    ) -> httpx.Response:
        """Send `request`, again as the retry policy allows; the last response."""
        import asyncio  # only async clients need it, and it is slow to import

        retries, attempt = self._retries(arguments), 0
        while True:
            outcome: httpx.Response | httpx.TransportError
            started = time.perf_counter()
            try:
                outcome = await self._http.send(request, auth=self._auth(operation))
            except httpx.TransportError as error:
                outcome = error
            if self._logger.isEnabledFor(logging.DEBUG):
                _log_attempt(self._logger, request, outcome, started, attempt)
            delay = self._retry_delay(operation, outcome, attempt, retries)
            if delay is None:
                assert isinstance(outcome, httpx.Response)
                return outcome
            await asyncio.sleep(delay)
            attempt += 1

    def _paginate(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> AsyncPager[Any]:
        return AsyncPager(self, operation, dict(arguments))

    async def close(self) -> None:
        """Close the HTTP client, if this client created it."""
        if self._owns_http_client:
            await self._http.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client, if this client created it."""
        await self.close()

    async def __aenter__(self: T) -> T:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


# -- pagination ---------------------------------------------------------------


def _attribute_path(value: Any, path: Sequence[str]) -> Any:
    for name in path:
        value = getattr(value, name, None)
    return value


class _Pages:
    """The state of a walk over the pages of a paginated operation."""

    def __init__(
        self, client: _Sender[Any], operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        assert operation.pagination is not None
        self.client = client
        self.operation = operation
        self.paging = operation.pagination
        self.arguments = arguments

    def first(self) -> httpx.Request:
        return self.client._request(self.operation, self.arguments)

    def items(self, page: Any) -> list[Any]:
        items = getattr(page, self.paging.items, None)
        return items if isinstance(items, list) else []

    def following(self, page: Any, request: httpx.Request) -> httpx.Request | None:
        """The request for the page after `page`, or None when it was the last."""
        paging = self.paging
        if not self.items(page):
            return None
        if isinstance(paging, NextLink):
            link = _attribute_path(page, paging.link)
            return self.client._link_request(link, request) if isinstance(link, str) else None
        number = _attribute_path(page, paging.page_number)
        total = _attribute_path(page, paging.total_pages)
        if not isinstance(number, int):
            number = self._current_number()
        if not isinstance(total, int) or number >= total:
            return None
        self.arguments[paging.argument] = self._with_number(number + 1)
        return self.client._request(self.operation, self.arguments)

    def _current_number(self) -> int:
        paging = self.paging
        assert isinstance(paging, PageNumber)
        value = self.arguments.get(paging.argument, UNSET)
        if paging.key is not None and value is not UNSET:
            value = (
                value.get(paging.key)
                if isinstance(value, Mapping)
                else getattr(value, paging.key, None)
            )
        return value if isinstance(value, int) else 1

    def _with_number(self, number: int) -> Any:
        paging = self.paging
        assert isinstance(paging, PageNumber)
        if paging.key is None:
            return number
        value = self.arguments.get(paging.argument, UNSET)
        if isinstance(value, Model):
            return dataclasses.replace(value, **{paging.key: number})  # type: ignore[type-var]
        if isinstance(value, Mapping):
            return {**value, paging.key: number}
        param = next(p for p in self.operation.params if p.argument == paging.argument)
        if isinstance(param.type, type) and issubclass(param.type, Model):
            return param.type(**{paging.key: number})
        return {paging.key: number}


class Pager(Generic[T]):
    """The items of a paginated operation, across pages fetched only as iterated."""

    def __init__(
        self, client: BaseClient, operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        self._client = client
        self._pages = _Pages(client, operation, arguments)

    def pages(self) -> typing.Iterator[Any]:
        """The pages themselves, each the operation's typed response."""
        walk, client = self._pages, self._client
        request: httpx.Request | None = walk.first()
        while request is not None:
            response = client._transmit(walk.operation, request, walk.arguments)
            page = client._result(walk.operation, response)
            yield page
            request = walk.following(page, request)

    def __iter__(self) -> typing.Iterator[T]:
        for page in self.pages():
            yield from self._pages.items(page)


class AsyncPager(Generic[T]):
    """The items of a paginated operation, across pages fetched only as iterated."""

    def __init__(
        self, client: AsyncBaseClient, operation: Operation[Any], arguments: dict[str, Any]
    ) -> None:
        self._client = client
        self._pages = _Pages(client, operation, arguments)

    async def pages(self) -> typing.AsyncIterator[Any]:
        """The pages themselves, each the operation's typed response."""
        walk, client = self._pages, self._client
        request: httpx.Request | None = walk.first()
        while request is not None:
            response = await client._transmit(walk.operation, request, walk.arguments)
            page = client._result(walk.operation, response)
            yield page
            request = walk.following(page, request)

    async def __aiter__(self) -> typing.AsyncIterator[T]:
        async for page in self.pages():
            for item in self._pages.items(page):
                yield item


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`, or another HTTP scheme's word before the token."""

    def __init__(self, token: str, scheme: str = "Bearer") -> None:
        self.token = token
        self.scheme = scheme

    def auth_flow(
        self, request: httpx.Request
    ) -> typing.Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"{self.scheme} {self.token}"
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


# -- webhooks -----------------------------------------------------------------


class WebhookVerificationError(ValueError):
    """A webhook whose headers, timestamp or signature do not prove it came from the API."""


@dataclasses.dataclass(frozen=True)
class EventRoute:
    """Bodies whose value at `path` (wire names) is `value` are events of class `event`."""

    path: tuple[str, ...]
    value: str
    event: type[Model]


@dataclasses.dataclass(frozen=True)
class UnknownEvent:
    """An event of a type this SDK does not know (the API added it): its body as sent."""

    event_type: str | None
    body: Mapping[str, Any]


def _wire_path(data: Any, path: Sequence[str]) -> Any:
    for name in path:
        data = data.get(name) if isinstance(data, Mapping) else None
    return data


def parse_event(body: bytes | str, routes: Sequence[EventRoute]) -> Any:
    """The typed event a webhook's JSON body holds, or `UnknownEvent`."""
    data = json.loads(body)
    if not isinstance(data, Mapping):
        raise WebhookVerificationError("the webhook's body is not a JSON object")
    for route in routes:
        if _wire_path(data, route.path) == route.value:
            return route.event.from_dict(data)
    tag = _wire_path(data, routes[0].path) if routes else None
    return UnknownEvent(tag if isinstance(tag, str) else None, data)


def verify_signature(
    body: bytes | str,
    headers: Mapping[str, str],
    public_key: str | bytes,
    tolerance: float = 300,
    *,
    signature_header: str = "telnyx-signature-ed25519",
    timestamp_header: str = "telnyx-timestamp",
) -> None:
    """Check the Ed25519 signature of `"{timestamp}|{body}"` and the timestamp's age.

    `public_key` is the raw 32-byte key or its base64 text. Raises
    `WebhookVerificationError` for a missing header, a timestamp more than
    `tolerance` seconds away from now (a replay) or a signature that does not
    match.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    signature, timestamp = lowered.get(signature_header), lowered.get(timestamp_header)
    if not signature or not timestamp:
        missing = signature_header if not signature else timestamp_header
        raise WebhookVerificationError(f"the webhook lacks the {missing} header")
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookVerificationError(f"{timestamp_header} is not a Unix time") from None
    if abs(time.time() - sent) > tolerance:
        raise WebhookVerificationError(
            f"{timestamp_header} is more than {tolerance:g} s from now: a replayed webhook?"
        )
    try:
        key = public_key if isinstance(public_key, bytes) else base64.b64decode(public_key)
        raw_signature = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookVerificationError("the key or signature is not valid base64") from None
    payload = body.encode() if isinstance(body, str) else body
    if not _ed25519_verifies(key, raw_signature, timestamp.encode() + b"|" + payload):
        raise WebhookVerificationError("the webhook's signature does not match its body")


def _ed25519_verifies(key: bytes, signature: bytes, message: bytes) -> bool:
    """Ed25519 with PyNaCl, or else `cryptography`: the optional `webhooks` extra.

    Imported by name, so that the SDK type-checks without either installed.
    """
    import importlib

    try:
        signing: Any = importlib.import_module("nacl.signing")
        nacl_errors: Any = importlib.import_module("nacl.exceptions")
    except ImportError:
        pass
    else:
        try:
            signing.VerifyKey(key).verify(message, signature)
        except (nacl_errors.CryptoError, ValueError, TypeError):
            return False
        return True
    try:
        ed25519: Any = importlib.import_module("cryptography.hazmat.primitives.asymmetric.ed25519")
        crypto_errors: Any = importlib.import_module("cryptography.exceptions")
    except ImportError:
        raise ImportError(
            "verifying webhooks needs PyNaCl or cryptography: install the 'webhooks' extra"
        ) from None
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
    except (crypto_errors.InvalidSignature, ValueError):
        return False
    return True


class Resource:
    """A group of operations (one tag of the spec), reached as an attribute of the client."""

    __slots__ = ("_client",)

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        return self._client._send(operation, arguments)

    def _paginate(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> Pager[Any]:
        return self._client._paginate(operation, arguments)


class RawResource(Resource):
    """A group whose methods return a `RawResponse`: `client.with_raw_response.<group>`."""

    __slots__ = ()

    def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> Any:
        return self._client._send_raw(operation, arguments)


class AsyncResource:
    """A group of operations of the async client; its methods are the sync group's, awaited."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncBaseClient) -> None:
        self._client = client

    async def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> T:
        return await self._client._send(operation, arguments)

    def _paginate(self, operation: Operation[Any], arguments: Mapping[str, Any]) -> AsyncPager[Any]:
        return self._client._paginate(operation, arguments)


class AsyncRawResource(AsyncResource):
    """An async group whose methods return a `RawResponse`."""

    __slots__ = ()

    async def _call(self, operation: Operation[T], arguments: Mapping[str, Any]) -> Any:
        return await self._client._send_raw(operation, arguments)


def awaitable(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, T]]:
    """A sync group's method as a coroutine function of the async group.

    The method's body returns what `self._call` returns, which for an async
    group is a coroutine: one definition serves both clients, and this wrapper
    awaits it, so `inspect.iscoroutinefunction` holds.
    """

    async def call(self: Any, /, *args: P.args, **kwargs: P.kwargs) -> T:
        result: T = await method(self, *args, **kwargs)  # type: ignore[misc]
        return result

    functools.update_wrapper(call, method)
    return call


def async_pages(
    method: Callable[Concatenate[Any, P], Pager[T]],
) -> Callable[Concatenate[Any, P], AsyncPager[T]]:
    """A sync group's paginating method as a method of the async group."""
    return method  # type: ignore[return-value]


def raw(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], RawResponse[T]]:
    """A group's method as a method of its `with_raw_response` group."""
    return method  # type: ignore[return-value]


def async_raw(
    method: Callable[Concatenate[Any, P], T],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, RawResponse[T]]]:
    """A group's method as a coroutine function of its async `with_raw_response` group."""
    return awaitable(raw(method))


__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ApiKeyAuth",
    "AsyncBaseClient",
    "AsyncPager",
    "AsyncRawResource",
    "AsyncResource",
    "BaseClient",
    "BearerAuth",
    "Body",
    "CallOptions",
    "ClientError",
    "Discriminator",
    "ErrorDetail",
    "EventRoute",
    "Model",
    "NextLink",
    "OpenIntEnum",
    "OpenStrEnum",
    "Operation",
    "PageNumber",
    "Pager",
    "Param",
    "RawResource",
    "RawResponse",
    "Resource",
    "RetryPolicy",
    "ServerError",
    "UnknownEvent",
    "Unset",
    "WebhookVerificationError",
    "async_pages",
    "async_raw",
    "awaitable",
    "check",
    "combine_auth",
    "credential",
    "decode",
    "parse_event",
    "raw",
    "retry_after",
    "verify_signature",
]

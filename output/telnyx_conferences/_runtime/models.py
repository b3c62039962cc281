"""Models and codecs: the generated dataclasses' base, enums, and conversion from and to JSON.

No HTTP here: a models-only package ships this module alone.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import re
import sys
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

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


if TYPE_CHECKING:
    # Type checkers read a model as the dataclass it is: its constructor is checked as one.
    from dataclasses import dataclass as model
else:

    def model(cls=None, /, **options):
        """`dataclasses.dataclass`, leaving out the `__init__`, `__repr__` and `__eq__` that
        `Model` gives every model: dataclasses compiles those anew for each class as its module
        loads, a large share of importing an SDK of many models.
        """

        def build(kind):
            return dataclasses.dataclass(kind, init=False, repr=False, eq=False, **options)

        return build if cls is None else build(cls)


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"  # as dataclasses shows a default made per instance


_FACTORY = _Factory()


class _Parameters:
    """A model's constructor, read once per class from its dataclass fields (the codec's fields
    would evaluate the annotations, importing the types they name)."""

    def __init__(self, kind: type) -> None:
        self.kind = kind
        self.fields = [f for f in dataclasses.fields(kind) if f.init]
        self.names = frozenset(f.name for f in self.fields)
        self.post_init = getattr(kind, "__post_init__", None)

    def initialize(self, target: Model, values: dict[str, Any]) -> None:
        if not self.names.issuperset(values):
            unexpected = next(name for name in values if name not in self.names)
            raise TypeError(
                f"{self.kind.__qualname__}.__init__() got an unexpected keyword argument"
                f" {unexpected!r}"
            )
        missing = []
        for f in self.fields:
            if f.name in values:
                setattr(target, f.name, values[f.name])
            elif f.default_factory is not dataclasses.MISSING:
                setattr(target, f.name, f.default_factory())
            elif f.default is not dataclasses.MISSING:
                setattr(target, f.name, f.default)
            else:
                missing.append(repr(f.name))
        if missing:
            listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1])
            if len(missing) > 1:
                listed += ("," if len(missing) > 2 else "") + " and " + missing[-1]
            raise TypeError(
                f"{self.kind.__qualname__}.__init__() missing {len(missing)} required"
                f" keyword-only argument{'s' if len(missing) > 1 else ''}: {listed}"
            )
        target._set = frozenset(values)
        target._extra = None
        if self.post_init is not None:
            self.post_init(target)

    def signature(self) -> Any:
        import inspect

        return inspect.Signature(
            [
                inspect.Parameter(
                    f.name,
                    inspect.Parameter.KEYWORD_ONLY,
                    default=(
                        _FACTORY
                        if f.default_factory is not dataclasses.MISSING
                        else (
                            inspect.Parameter.empty
                            if f.default is dataclasses.MISSING
                            else f.default
                        )
                    ),
                    annotation=f.type,
                )
                for f in self.fields
            ],
            return_annotation=None,
        )


_PARAMETERS: dict[type, _Parameters] = {}


def _parameters(kind: type) -> _Parameters:
    found = _PARAMETERS.get(kind)
    if found is None:
        found = _PARAMETERS[kind] = _Parameters(kind)
    return found


class _Signature:
    """`inspect.signature` of a model class: its fields as keyword-only parameters."""

    def __get__(self, instance: object, owner: type) -> Any:
        return None if owner is Model else _parameters(owner).signature()


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
    __signature__: ClassVar[Any] = _Signature()

    def __init__(self, /, **values: Any) -> None:  # (a field may be named `self`)
        _parameters(type(self)).initialize(self, values)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        init = cls.__dict__.get("__init__")
        if init is None or getattr(init, "__wrapped__", None) is not None:
            return  # built by `model`, not yet a dataclass, or already recording

        # A subclass made a dataclass of its own (`@dataclasses.dataclass`): its `__init__`
        # records what was given too.
        @functools.wraps(init)
        def recording_init(self: Model, **values: Any) -> None:
            init(self, **values)
            self._set = frozenset(values)
            self._extra = None

        setattr(cls, "__init__", recording_init)
        # A response may lack a required field (its attribute is then unset): these cope.
        setattr(cls, "__repr__", Model.__repr__)
        setattr(cls, "__eq__", Model.__eq__)

    def _values(self) -> list[tuple[str, Any]]:
        codec = _codec(type(self))
        assert isinstance(codec, _ModelCodec)
        return [(f.attr, getattr(self, f.attr, _NOTHING)) for f in codec.fields]

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in self._values() if value is not _NOTHING
        )
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
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
        if f.attr in value._set or f.checks.get("required"):  # set, or one the schema requires
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


def resolved(annotation: Any) -> Any:
    """An annotation; one written as a string (`"Tree"`, `"list[Pet] | None"`) evaluated, as
    typing does, among the package's models: those of a large SDK, which names the types of
    its operations so, are imported when first looked up."""
    return _evaluated(annotation) if isinstance(annotation, str) else annotation


@functools.lru_cache(maxsize=None)
def _evaluated(annotation: str) -> Any:
    models = sys.modules[__name__.partition(".")[0] + ".models"]  # the package's models
    spelt = {"datetime": datetime, "Any": Any, "Discriminator": Discriminator}
    spelt.update({"Annotated": typing.Annotated, "Literal": typing.Literal, "Union": typing.Union})
    return eval(annotation, spelt, _Attributes(models))  # noqa: S307


class _Attributes(Mapping[str, Any]):
    """A module's attributes as a mapping, for `eval`: `__getattr__` (PEP 562) included."""

    def __init__(self, module: types.ModuleType) -> None:
        self.module = module

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self.module, name)
        except AttributeError:
            raise KeyError(name) from None

    def __iter__(self) -> Iterator[str]:
        return iter(vars(self.module))

    def __len__(self) -> int:
        return len(vars(self.module))


class _Deferred(_Codec):
    """A type named before it is defined (a union that contains itself, `dict[str, "X"] | Y`):
    looked up in the package's models when first used."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._target: _Codec | None = None

    @property
    def target(self) -> _Codec:
        if self._target is None:
            self._target = _codec(resolved(self.name))
        return self._target

    @property
    def nullable(self) -> bool:  # type: ignore[override]
        return self.target.nullable

    def decode(self, data: Any, strict: bool = False) -> Any:
        return self.target.decode(data, strict)

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
        if "multipleOf" in checks and not _is_multiple(value, checks["multipleOf"]):
            raise ValueError(f"{where}: {value} is not a multiple of {checks['multipleOf']}")
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


def _is_multiple(value: float, step: float) -> bool:
    """Whether `value` is a whole multiple of `step`, counted in decimal as the JSON reads
    (0.3 is one of 0.1); a value too large or small for that to be told is left to the server.
    """
    import decimal

    try:
        return decimal.Decimal(repr(value)) % decimal.Decimal(repr(step)) == 0
    except decimal.InvalidOperation:
        return True


def check(
    value: Any, codec: _Codec, checks: Mapping[str, Any], where: str, strict: bool = True
) -> Any:
    """Check `value` against its type and the spec's constraints; return its JSON form."""
    if value is None:
        return _encode_value(codec, value, where, strict)
    if strict and checks:
        _check_bounds(value, checks, where)
    return codec.encode(value, where, strict)


__all__ = [
    "UNSET",
    "Discriminator",
    "Model",
    "OpenIntEnum",
    "OpenStrEnum",
    "Unset",
    "check",
    "decode",
    "model",
    "resolved",
]

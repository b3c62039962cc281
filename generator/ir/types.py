"""The intermediate model's types: what a JSON Schema becomes.

Type expressions (`Primitive`, `ListOf`, `MapOf`, `Named`, `Nullable`,
`UnionOf`) and the named types they refer to (`ObjectType`, `EnumType`,
`AliasType`), which are kept in one table keyed by the canonical place of
their schema (`uri#pointer`), so recursive schemas are references into that
table rather than infinitely deep values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Union

PrimitiveKind = Literal["str", "int", "float", "bool", "bytes", "date", "datetime", "any", "none"]


@dataclass(frozen=True)
class Primitive:
    """A built-in type: a string, a number, a date, raw bytes, any JSON value, or none."""

    kind: PrimitiveKind


@dataclass(frozen=True)
class ListOf:
    """A JSON array whose items are all of one type."""

    item: TypeExpr


@dataclass(frozen=True)
class MapOf:
    """A JSON object used as a map: string keys, values of one type."""

    value: TypeExpr


@dataclass(frozen=True)
class Named:
    """A reference to an entry of `Api.types`."""

    key: str


@dataclass(frozen=True)
class Nullable:
    """A type that may also be JSON `null`."""

    inner: TypeExpr


@dataclass(frozen=True)
class Discriminator:
    """The property whose wire value tells which variant of a union an object is."""

    property: str
    mapping: tuple[tuple[str, str], ...]  # wire value -> key of a named type


@dataclass(frozen=True)
class UnionOf:
    """One of several types (`oneOf`/`anyOf`), told apart by a discriminator when the spec gives one."""

    variants: tuple[TypeExpr, ...]
    discriminator: Discriminator | None = None


TypeExpr = Union[Primitive, ListOf, MapOf, Named, Nullable, UnionOf]

ANY = Primitive("any")


@dataclass(frozen=True)
class Constraints:
    """The JSON Schema checks a client applies to a value before sending it."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    multiple_of: float | None = None

    def as_items(self) -> tuple[tuple[str, Any], ...]:
        """The set checks under their JSON Schema keyword names."""
        names = {
            "minimum": "minimum",
            "maximum": "maximum",
            "exclusive_minimum": "exclusiveMinimum",
            "exclusive_maximum": "exclusiveMaximum",
            "min_length": "minLength",
            "max_length": "maxLength",
            "pattern": "pattern",
            "min_items": "minItems",
            "max_items": "maxItems",
            "multiple_of": "multipleOf",
        }
        return tuple((keyword, getattr(self, attr)) for attr, keyword in names.items() if getattr(self, attr) is not None)


NO_CONSTRAINTS = Constraints()


_AS_WRITTEN: Any = object()


@dataclass(frozen=True)
class Default:
    """A spec default (wrapped, so that a default of null differs from none).

    `value` is the JSON value as the spec writes it; `parsed` the value the SDK
    holds: a `datetime.date` or `datetime.datetime` for a string of that format,
    else the same value.
    """

    value: Any
    parsed: Any = _AS_WRITTEN

    def __post_init__(self) -> None:
        if self.parsed is _AS_WRITTEN:
            object.__setattr__(self, "parsed", self.value)


@dataclass(frozen=True)
class NameHint:
    """What a named type may be called, most preferred first.

    `explicit` is a name the spec gives (a component's key or a title).
    `context` is the path of words from the nearest named ancestor to this
    schema (`("CreateConferenceRequest", "beep_enabled")`), for inline schemas.
    """

    explicit: str | None
    context: tuple[str, ...]
    title: str | None = None


# Not frozen, unlike the rest of the model: a whole API has some 40,000 properties, and a
# frozen dataclass sets each of their eleven fields through `object.__setattr__` (three
# times the cost of a slotted one). No stage changes one; none is hashed.
@dataclass(slots=True)
class Property:
    """A property of an object schema, as the model reads it."""

    wire_name: str
    type: TypeExpr
    required: bool
    description: str | None = None
    default: Default | None = None
    constraints: Constraints = NO_CONSTRAINTS
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    # Where the property is defined: the document's URI and the JSON pointer in it (`.../properties/name`).
    uri: str = ""
    pointer: str = ""


@dataclass(frozen=True)
class ObjectType:
    """A named object schema: its properties and what it allows beyond them."""

    key: str
    hint: NameHint
    description: str | None
    properties: tuple[Property, ...]
    additional: TypeExpr | None = None
    # JSON Schema input: the object's fields sit inside a one-key wrapper (`{"join_conference": {...}}`).
    wrapper: str | None = None


@dataclass(frozen=True)
class EnumType:
    """A named enumeration of string or integer values."""

    key: str
    hint: NameHint
    description: str | None
    values: tuple[str | int, ...]
    # The names the spec gives the members, aligned with `values` (None where it gives none):
    # `x-enum-varnames` / `x-enumNames`, or the titles of a `oneOf` of constants. Hints, not
    # identifiers: the naming stage makes those.
    member_hints: tuple[str | None, ...] = ()

    @property
    def base(self) -> Literal["str", "int"]:
        return "int" if all(isinstance(v, int) for v in self.values) else "str"


@dataclass(frozen=True)
class AliasType:
    """A named schema that is not an object or enum (a union, list or map)."""

    key: str
    hint: NameHint
    description: str | None
    target: TypeExpr


NamedType = Union[ObjectType, EnumType, AliasType]

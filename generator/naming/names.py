"""Naming stage: choose every Python identifier of the generated SDK.

Rules:
- Identifiers are ASCII, never keywords, never shadow what the generated code
  itself uses, and never start with an underscore.
- Each name space (the package's top-level names, an object's fields, a
  method's arguments, an enum's members) is allocated as a whole: every claim
  lists candidate names, most readable first; claims that collide all move on
  to their next candidate, except that a name the spec states outright (a
  component's key) keeps it against derived ones. The result depends on the set
  of claims, never on their order, so reordering a spec changes no name, and
  nothing is dropped because two names collide.
"""

from __future__ import annotations

import builtins
import functools
import json
import keyword
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator import ir
from generator.collector import collector_paused
from generator.errors import SpecError
from generator.naming.allocate import Claim, allocate
from generator.naming.lock import EMPTY, Key, KeyKind, NameLock, document_place, kept_names
from generator.naming.words import (
    DATE_SYMBOLS,
    ORDER_SYMBOLS,
    SYMBOL_NAMES,
    Prepared,
    identifier,
    merged_pascal,
    pascal,
    prepared,
    snake,
    stable_suffix,
    upper_snake,
    words,
)

# Names the generated modules use themselves; a generated name must not hide them.
RUNTIME_NAMES = frozenset(
    {
        "Any", "Annotated", "Enum", "Literal", "Mapping", "Model", "OpenEnum", "Unset", "UNSET",
        "Discriminator", "Operation", "Param", "Body", "Resource", "BaseClient", "Client",
        "AsyncClient", "APIError", "APIStatusError", "APIConnectionError", "APITimeoutError", "APIResponseValidationError",
        "ClientError", "ServerError", "ErrorDetail", "ERROR_CODES", "STATUS_ERRORS", "dataclass",
        "field", "datetime", "httpx", "annotations", "AsyncBaseClient", "AsyncResource", "Pager",
        "AsyncPager", "CallOptions", "Unpack", "TYPE_CHECKING", "RetryPolicy", "awaitable",
        "async_pages", "EventRoute", "UnknownEvent", "WebhookEvent", "parse_webhook",
        "verify_webhook", "NextLink", "PageNumber", "RawResource", "AsyncRawResource", "RawResponse",
        "ClientWithRawResponse", "AsyncClientWithRawResponse", "raw", "async_raw", "Union",
    }
)
TOP_LEVEL_RESERVED = frozenset(dir(builtins)) | RUNTIME_NAMES | {"models", "errors", "client"}
# The lowercase names generated annotations use: a name defined in a class body hides them
# from the annotations after it (to a type checker, which reads the body in order).
ANNOTATION_BUILTINS = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict", "object", "datetime"})
# A dataclass field must not hide a name its class body's annotations use.
FIELD_RESERVED = ANNOTATION_BUILTINS | {"field", "from_dict", "to_dict"} | RUNTIME_NAMES
# `locals` is what a generated method's body calls; `self` and `cls` are taken; the
# per-call options (`CallOptions`) are keyword arguments of every method.
ARGUMENT_RESERVED = frozenset({"self", "cls", "locals", "options", "timeout", "extra_headers", "max_retries"})
# A group's async and raw classes wrap its methods in their bodies (`raw = raw(Group.raw)`): a
# method named like a wrapper would hide it from the lines after its own.
METHOD_RESERVED = ARGUMENT_RESERVED | {"awaitable", "raw", "async_raw", "async_pages", "async_stream", "deprecated_operation"}
MEMBER_RESERVED = frozenset({"MRO"})

STATUS_NAMES = {
    400: "BadRequestError",
    401: "AuthenticationError",
    402: "PaymentRequiredError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    405: "MethodNotAllowedError",
    406: "NotAcceptableError",
    408: "RequestTimeoutError",
    409: "ConflictError",
    410: "GoneError",
    412: "PreconditionFailedError",
    413: "PayloadTooLargeError",
    415: "UnsupportedMediaTypeError",
    422: "UnprocessableEntityError",
    423: "LockedError",
    429: "RateLimitError",
    500: "InternalServerError",
    501: "NotImplementedServerError",
    502: "BadGatewayError",
    503: "ServiceUnavailableError",
    504: "GatewayTimeoutError",
}
COMMON_STATUSES = (400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class Group:
    """A tag's operations, reached as `client.<attribute>` of class `class_name`."""

    tag: str | None
    attribute: str
    class_name: str
    description: str | None
    async_class_name: str = ""
    raw_class_name: str = ""  # the group's methods returning raw responses (`with_raw_response`)
    raw_async_class_name: str = ""


def value_key(value: object) -> str:
    """An enum value as a key: its JSON (`1` and `"1"` differ)."""
    if type(value) is str:
        return _json_string(value)  # what `json.dumps` gives a string, without its encoder's set-up
    if value is None or isinstance(value, (str, int, float, bool)):
        return json.dumps(value)
    return json.dumps(value, sort_keys=True, default=str)


_json_string: Callable[[str], str] = json.encoder.encode_basestring_ascii


@dataclass(frozen=True)
class OperationNames:
    """The names of one operation's method, group, error class, arguments and descriptor."""

    method: str
    group: str | None
    error_class: str
    arguments: tuple[str, ...]  # parameters in order, then body fields (flattened) or `body`
    pager: str | None = None  # the method iterating over the items of every page
    stream: str | None = None  # the method reading a streamed success item by item
    constant: str = ""  # the module constant of its `Operation` description (`_operations.py`)
    # (location, wire name) -> argument; location `body` for a flattened body's fields, ("body", "") the body
    argument_of: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # (location, wire name) -> the module constant of a `Param(...)` it shares with other operations
    shared_parameters: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def parameter(self, param: ir.Parameter) -> str:
        return self.argument_of[(param.location, param.wire_name)]

    def body_field(self, prop: ir.Property) -> str:
        return self.argument_of[("body", prop.wire_name)]

    def body_argument(self) -> str:
        return self.argument_of[("body", "")]

    def shared_parameter(self, param: ir.Parameter) -> str | None:
        return self.shared_parameters.get((param.location, param.wire_name))


@dataclass(frozen=True)
class Credential:
    """A constructor argument of the client: a security scheme's token, user name or password."""

    scheme: str
    part: str  # `token`, `username` or `password`
    argument: str


@dataclass(frozen=True)
class Names:
    """Every identifier of the SDK, keyed by the model's own keys."""

    package: str
    types: dict[str, str]  # named type key -> class or alias name
    members: dict[str, tuple[str, ...]]  # enum key -> member names, aligned with values
    fields: dict[str, tuple[str, ...]]  # object key -> attribute names, aligned with properties
    groups: tuple[Group, ...]
    operations: tuple[OperationNames, ...]  # aligned with Api.operations
    status_errors: dict[int, str]
    error_codes: dict[str, tuple[str, ir.ErrorCode]]  # code -> (class name, its source)
    env_prefix: str
    lock: NameLock = EMPTY  # every public name by key: the manifest's record, the next generation's lock
    credentials: tuple[Credential, ...] = ()  # in the order of the API's security schemes
    field_of: dict[str, dict[str, str]] = field(default_factory=dict)  # object key -> wire name -> attribute
    member_of: dict[str, dict[str, str]] = field(default_factory=dict)  # enum key -> `value_key` -> member

    def attribute(self, obj: ir.ObjectType, prop: ir.Property) -> str:
        """The attribute of `prop`, by its wire name."""
        return self.field_of[obj.key][prop.wire_name]

    def member(self, enum: ir.EnumType, value: object) -> str:
        return self.member_of[enum.key][value_key(value)]

    def credential(self, scheme: str, part: str) -> str:
        return next(c.argument for c in self.credentials if c.scheme == scheme and c.part == part)


def flattened_body(operation: ir.Operation, types: dict[str, ir.NamedType]) -> ir.ObjectType | None:
    """The object whose fields become keyword arguments, if the body is one."""
    body = operation.body
    if body is None or not isinstance(body.type, ir.Named):
        return None
    target = types.get(body.type.key)
    return target if isinstance(target, ir.ObjectType) else None


def request_properties(obj: ir.ObjectType) -> tuple[ir.Property, ...]:
    return tuple(p for p in obj.properties if not p.read_only)


@functools.lru_cache(maxsize=1 << 15)
def _prepared_words(text: str) -> Prepared:
    """The words of `text`, `prepared`: one part of a context (`repos/get response`, `owner`) is in
    the contexts of many types."""
    return prepared(words(text))


def _type_candidates(named: ir.NamedType, place: str) -> tuple[tuple[str, ...], bool]:
    """Candidates of a named type; `place` (its key relative to the root document) seeds the digest."""
    hint = named.hint
    # Each part's words capitalized and lowered once: a part is in most of the candidates.
    parts = [_prepared_words(part) for part in hint.context]
    # All the context's words (those of its parts joined with blanks, one part after another).
    every_word: Prepared = (
        tuple([w for capitalized, _ in parts for w in capitalized]),
        tuple([w for _, lowered in parts for w in lowered]),
    )
    all_words = "".join(every_word[0])
    final = (all_words if " ".join(hint.context) else "Model") + stable_suffix(place).upper()
    if hint.explicit is not None:
        base = pascal(words(hint.explicit)) or "Model"
        return _unique([base, base + "Model", base + "Schema", final]), True
    candidates: list[str] = []
    if hint.title:
        candidates.append(pascal(words(hint.title)))
    if parts:
        last = parts[-1]
        candidates.append("".join(last[0]))
        if isinstance(named, ir.EnumType) and len(named.values) == 1:
            # A one-value enum (`event_type: [conference.created]`) is named by its value.
            candidates.append(merged_pascal(_prepared_words(str(named.values[0])), last))
        for depth in range(1, len(parts)):
            candidates.append(merged_pascal(parts[0], *parts[len(parts) - depth : -1], last))
        candidates.append(merged_pascal(*parts))
        # Folding may give back the parent's own name (`400Error` + `error`): say every word.
        candidates.append(all_words)
        # Last before the digest: what kind of type it is (an inline copy of a component
        # of the same name, say).
        kind = "Enum" if isinstance(named, ir.EnumType) else "Object" if isinstance(named, ir.ObjectType) else "Type"
        candidates.append(merged_pascal(every_word, prepared([kind])))
        # Two schemas of one context (a property in two parts of an `allOf`, two variants of a
        # `oneOf`) are told apart by where they sit, not by a digest: `...AssigneePart2`.
        steps = _composition_words(place)
        if steps:
            candidates.append(all_words + pascal(steps))
    candidates.append(final)
    return _unique(candidates), False


_COMPOSITION = re.compile(r"/(allOf|oneOf|anyOf)/([0-9]+)(?=/|$)")


def _composition_words(place: str) -> list[str]:
    """`Part2` for an `allOf/1` in the schema's pointer, `Variant2` for a `oneOf/1` or `anyOf/1`."""
    return [("Part" if keyword_ == "allOf" else "Variant") + str(int(index) + 1) for keyword_, index in _COMPOSITION.findall(place)]


def _class_name(name: str) -> str:
    return identifier(name, "Model", TOP_LEVEL_RESERVED)


def _is_identifier(name: str, reserved: frozenset[str]) -> bool:
    return name.isascii() and name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_") and name not in reserved


class _Namer:
    """Allocates each name space with the names the lock and the overrides keep, and records every name."""

    def __init__(self, api: ir.Api, root: str | None, lock: NameLock, overrides: NameLock) -> None:
        self.api = api
        self.root = root
        self.lock = lock
        self.overrides = overrides
        self.record: dict[Key, str] = {}

    def place(self, key: str) -> tuple[str, str]:
        return document_place(key, self.root)

    def allocate(self, claims: Sequence[Claim[Key]], reserved: frozenset[str] = frozenset()) -> dict[Key, str]:
        # The SDK's own classes keep their names against the lock too (a name a schema held before they came).
        owned = frozenset(c.candidates[0] for c in claims if c.owned)
        taken = reserved | owned if owned else reserved  # once per name space, not once per name it keeps
        kept = kept_names((c.key for c in claims if not c.owned), self.lock, self.overrides, lambda name: _is_identifier(name, taken))
        if self.overrides.names:
            for claim in claims:
                name = self.overrides.get(claim.key)
                if name is not None and not _is_identifier(name, taken):
                    raise SpecError(f"the names table gives {name!r} to {'#'.join(claim.key.place)}, a name the SDK itself uses there", "[tool.sdkwright] names")
        allocated = allocate(claims, reserved, kept)
        self.record.update(allocated)
        return allocated


# The runtime class that describes each style of pagination (`ir.Pagination.style`) in an
# `Operation(...)`. Those an SDK imports beside its models only when an operation needs them,
# and `Stream` and `Streamed`, are names a schema may have only in an API that does not (so no
# earlier name moves for them; `PageNumber` and `NextLink` are reserved in every SDK).
PAGINATION_CLASSES = {
    "page_number": "PageNumber",
    "next_link": "NextLink",
    "cursor": "Cursor",
    "after_last": "AfterLast",
    "offset": "Offset",
    "link_header": "LinkHeader",
}
STREAM_CLASSES = frozenset({"Stream", "Streamed"})


def _method_claim(key: Key, candidates: Sequence[str]) -> Claim[Key]:
    """A claim of a resource's method: its candidates as identifiers, in order, each once."""
    return Claim(key, _unique([identifier(c, "call", METHOD_RESERVED) for c in candidates]))


def _runtime_names_used(api: ir.Api) -> frozenset[str]:
    used = {PAGINATION_CLASSES[op.pagination.style] for op in api.operations if op.pagination is not None}
    return frozenset(used) | (STREAM_CLASSES if any(op.stream is not None for op in api.operations) else frozenset())


def _name_types(namer: _Namer, extra: Sequence[Claim[Key]], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Names of all named types (by model key) and of the extra top-level claims (errors, groups)."""
    # Inline enums with the same values and the same preferred name are one type: named by the
    # claim of a member the lock or the overrides name, else of the first.
    groups: dict[tuple[object, ...], list[tuple[ir.NamedType, Key]]] = {}
    claims: list[Claim[Key]] = []
    type_keys: dict[str, Key] = {}
    top = TOP_LEVEL_RESERVED | reserved
    for named in namer.api.types:
        key = Key("type", namer.place(named.key))
        type_keys[named.key] = key
        candidates, explicit = _type_candidates(named, "#".join(key.place))
        claim = Claim(key, tuple(identifier(c, "Model", top) for c in candidates), explicit)
        if isinstance(named, ir.EnumType) and not explicit:
            signature = (candidates[0], named.values)
            if signature in groups:
                groups[signature].append((named, key))
                continue
            groups[signature] = [(named, key)]
            claims.append(claim)
            continue
        claims.append(claim)
    by_key = {claim.key: claim for claim in claims}
    alias_of: dict[Key, Key] = {}
    for members in groups.values():
        first = members[0][1]
        named_member = next((k for _, k in members if namer.overrides.get(k) is not None), None) or next((k for _, k in members if namer.lock.get(k) is not None), first)
        if named_member != first:
            # The named member claims for the group, with its own candidates.
            named_type = next(t for t, k in members if k == named_member)
            candidates, explicit = _type_candidates(named_type, "#".join(named_member.place))
            by_key.pop(first)
            by_key[named_member] = Claim(named_member, tuple(identifier(c, "Model", top) for c in candidates), explicit)
        for _, key in members:
            if key != named_member:
                alias_of[key] = named_member
    allocated = namer.allocate([*by_key.values(), *extra], top)
    for key, target in alias_of.items():
        allocated[key] = allocated[target]
        namer.record[key] = allocated[target]
    return {model_key: allocated[key] for model_key, key in type_keys.items()}


def _unique_key(key: Key, seen: set[Key]) -> Key:
    """`key`, or, for a second thing of one place (a duplicate in the spec), the place with its rank."""
    unique, rank = key, 1
    while unique in seen:
        rank += 1
        unique = Key(key.kind, (*key.place, str(rank)))
    seen.add(unique)
    return unique


def _field_names(namer: _Namer, obj: ir.ObjectType) -> tuple[str, ...]:
    document, pointer = namer.place(obj.key)
    keys = [Key("field", (document, pointer, p.wire_name)) for p in obj.properties]
    if len(set(keys)) < len(keys):  # (an object's wire names are its schema's keys: distinct but in a hand-made model)
        seen: set[Key] = set()
        keys = [_unique_key(key, seen) for key in keys]
    claims = [Claim(key, _field_candidates(p.wire_name)) for key, p in zip(keys, obj.properties)]
    allocated = namer.allocate(claims, FIELD_RESERVED)
    return tuple(allocated[c.key] for c in claims)


# Bounded: the same wire names (`id`, `url`, `created_at`) recur in thousands of objects of a whole API.
@functools.lru_cache(maxsize=1 << 14)
def _field_candidates(wire_name: str) -> tuple[str, ...]:
    return _unique(
        [
            identifier(snake(words(wire_name)), "field", FIELD_RESERVED),
            identifier(snake(words(wire_name, SYMBOL_NAMES)), "field", FIELD_RESERVED),
            identifier((snake(words(wire_name)) or "field") + "_" + stable_suffix(wire_name), "field", FIELD_RESERVED),
        ]
    )


def _member_names(namer: _Namer, enum: ir.EnumType) -> tuple[str, ...]:
    document, pointer = namer.place(enum.key)
    seen: set[Key] = set()
    claims = []
    hints = enum.member_hints
    for index, value in enumerate(enum.values):
        # A name the spec gives the member (x-enum-varnames, a constant's title) comes first.
        hint = hints[index] if index < len(hints) else None
        claims.append(Claim(_unique_key(Key("member", (document, pointer, value_key(value))), seen), _member_candidates(value, hint), explicit=bool(hint)))
    if not claims:
        return ()
    allocated = namer.allocate(claims, MEMBER_RESERVED)
    return tuple(allocated[c.key] for c in claims)


# Bounded, typed (`1` and `"1"` are two values): the same values (`open`, `asc`) recur in thousands of enums.
@functools.lru_cache(maxsize=1 << 14, typed=True)
def _member_candidates(value: str | int, hint: str | None) -> tuple[str, ...]:
    text = str(value)
    base = upper_snake(words(text, ORDER_SYMBOLS)) if not isinstance(value, int) else ("MINUS_" if value < 0 else "") + str(abs(value))
    spelled = upper_snake(words(text, SYMBOL_NAMES)) if not isinstance(value, int) else base
    given = [identifier(upper_snake(words(hint, SYMBOL_NAMES)), "V", MEMBER_RESERVED)] if hint else []
    return _unique(
        [
            *given,
            identifier(base, "VALUE" if isinstance(value, int) else "V", MEMBER_RESERVED),
            identifier(spelled, "V", MEMBER_RESERVED),
            identifier((base or "V") + "_" + stable_suffix(text).upper(), "V", MEMBER_RESERVED),
        ]
    )


def argument_words(wire_name: str, expr: ir.TypeExpr) -> list[str]:
    """Words of a parameter name; comparison suffixes read as before/after for dates."""
    lowered = wire_name.lower()
    datelike = "date" in lowered or "time" in lowered or expr in (ir.Primitive("date"), ir.Primitive("datetime"))
    return words(wire_name, DATE_SYMBOLS if datelike else ORDER_SYMBOLS)


def operation_place(operation: ir.Operation) -> tuple[str, str]:
    """An operation's place: its method and path (what the spec keys it by)."""
    return (operation.method.lower(), operation.path)


def _argument_names(namer: _Namer, operation: ir.Operation, body: ir.ObjectType | None) -> tuple[tuple[str, ...], dict[tuple[str, str], str]]:
    """The arguments in order (parameters, then body fields or the body) and by (location, wire name)."""
    claims: list[Claim[Key]] = []
    seen: set[Key] = set()
    where = operation_place(operation)
    for param in operation.parameters:
        base = snake(argument_words(param.wire_name, param.type)) or "param"
        claims.append(
            Claim(
                _unique_key(Key("argument", (*where, param.location, param.wire_name)), seen),
                _unique(
                    [
                        identifier(base, "param", ARGUMENT_RESERVED),
                        identifier(f"{param.location}_{base}", "param", ARGUMENT_RESERVED),
                        identifier(snake(words(param.wire_name, SYMBOL_NAMES)), "param", ARGUMENT_RESERVED),
                        identifier(f"{base}_{stable_suffix(param.location + param.wire_name)}", "param", ARGUMENT_RESERVED),
                    ]
                ),
            )
        )
    if body is not None:
        for prop in request_properties(body):
            base = snake(argument_words(prop.wire_name, prop.type)) or "field"
            claims.append(
                Claim(
                    _unique_key(Key("argument", (*where, "body", prop.wire_name)), seen),
                    _unique(
                        [
                            identifier(base, "field", ARGUMENT_RESERVED),
                            identifier(f"body_{base}", "field", ARGUMENT_RESERVED),
                            identifier(snake(words(prop.wire_name, SYMBOL_NAMES)), "field", ARGUMENT_RESERVED),
                            identifier(f"{base}_{stable_suffix('body' + prop.wire_name)}", "field", ARGUMENT_RESERVED),
                        ]
                    ),
                )
            )
    elif operation.body is not None:
        claims.append(Claim(_unique_key(Key("argument", (*where, "body", "")), seen), ("body", "request_body", "body_" + stable_suffix(operation.path))))
    allocated = namer.allocate(claims, ARGUMENT_RESERVED)
    by_place: dict[tuple[str, str], str] = {}
    for claim in claims:
        by_place.setdefault((claim.key.place[2], claim.key.place[3]), allocated[claim.key])
    return tuple(allocated[c.key] for c in claims), by_place


def operation_words(operation: ir.Operation) -> list[str]:
    if operation.operation_id:
        return words(operation.operation_id)
    return words(operation.method.lower() + " " + operation.path.replace("{", " by ").replace("}", " "))


# A package named like a standard module or the SDK's own dependencies would hide it.
PACKAGE_RESERVED = (
    TOP_LEVEL_RESERVED
    | frozenset(sys.stdlib_module_names)
    | {"httpx", "httpcore", "h11", "anyio", "sniffio", "certifi", "idna", "typing_extensions", "exceptiongroup"}
)


def package_name(title: str) -> str:
    parts = [w for w in words(title) if w.lower() not in ("api", "rest", "openapi")]
    return identifier(snake(parts), "api_client", PACKAGE_RESERVED) if parts else "api_client"


def env_prefix(api: ir.Api, package: str) -> str:
    """TELNYX for https://api.telnyx.com/v2: the name of the API's domain."""
    for server in api.servers:
        try:
            host = urlsplit(server.url).hostname or ""
        except ValueError:  # not a URL (an unclosed IPv6 bracket, ...)
            continue
        labels = [label for label in host.split(".") if label and "{" not in label]
        if len(labels) >= 2 and not host.replace(".", "").isdigit():
            prefix = upper_snake(words(labels[-2]))
            if prefix:
                return prefix
    return package.upper()


# What the clients already hold (the runtime's `_Sender` and its subclasses, the generated
# `Client`): a group named so would hide it, or be hidden. A test reads the runtime for these.
GROUP_ATTRIBUTE_RESERVED = frozenset(
    {
        *("close", "aclose", "request", "base_url", "http_client", "with_options", "retry_policy", "with_raw_response"),
        *("status_errors", "error_codes", "security", "package", "version", "environment_prefix", "default_base_url"),
        "cached_property",  # the decorator of the groups of a client split by group, in its class body
    }
)


def build_names(
    api: ir.Api,
    package: str | None = None,
    reserved: frozenset[str] = frozenset(),
    *,
    root: str | None = None,
    lock: NameLock = EMPTY,
    overrides: NameLock = EMPTY,
) -> Names:
    """Name everything in `api`; `package` overrides the name derived from the title.

    `reserved` adds top-level names the package's own modules use (`Document` in a models-only package).
    `root` is the URI of the root document: schema keys are taken relative to it, so that no name
    depends on where the spec lies or what its file is called. `lock` gives the names of an earlier
    generation (`Names.lock`, or the manifest's): every key it holds that still exists keeps its
    name, and new keys are named around them; `overrides` (the user's `names` table) win over both.
    """
    with collector_paused(freeze=True):  # a whole API's claims and names: many objects, next to no cyclic garbage
        return _build_names(api, package, reserved, root, lock, overrides)


def _build_names(api: ir.Api, package: str | None, reserved: frozenset[str], root: str | None, lock: NameLock, overrides: NameLock) -> Names:
    if package is not None and not (package.isascii() and package.isidentifier() and not keyword.iskeyword(package)):
        raise SpecError(f"the package name {package!r} is not a Python identifier (letters, digits and '_')", "--package")
    namer = _Namer(api, root, lock, overrides)
    types = api.type_by_key()
    package_key = Key("package")
    kept_package = overrides.get(package_key) or lock.get(package_key)
    if package is not None:
        chosen_package = package
    elif kept_package is not None and _is_identifier(kept_package, PACKAGE_RESERVED):
        chosen_package = kept_package
    else:
        chosen_package = package_name(api.title)
    namer.record[package_key] = chosen_package

    statuses = set(COMMON_STATUSES)
    for operation in api.operations:
        for response in operation.responses:
            if response.status[0] in "45" and response.status.isdigit():
                statuses.add(int(response.status))
    status_errors = {s: STATUS_NAMES.get(s, f"Status{s}Error") for s in sorted(statuses)}

    # Error codes: one class per code, from the first place (by JSON pointer) that documents it.
    sources: dict[str, ir.ErrorCode] = {}
    for operation in api.operations:
        for response in operation.responses:
            for documented in response.error_codes:
                if documented.code not in sources or documented.pointer < sources[documented.code].pointer:
                    sources[documented.code] = documented

    extra: list[Claim[Key]] = []
    for status, name in status_errors.items():
        # The SDK's own classes: a schema of the same name yields.
        extra.append(Claim(Key("status error", (str(status),)), (name,), explicit=True, owned=True))
    for code, source in sorted(sources.items()):
        base = pascal(words(source.hint))
        base = base if base.endswith("Error") else base + "Error"
        coded = pascal(words(source.hint)) + pascal(words(code)) + "Error"
        extra.append(Claim(Key("code error", (code,)), _unique([_class_name(base), _class_name(coded), _class_name("Error" + pascal(words(code)))])))

    group_tags = sorted({op.group or "" for op in api.operations})
    for tag in group_tags:
        base = pascal(words(tag or "default")) or "Default"
        extra.append(Claim(Key("group", (tag,)), _unique([_class_name(base + "Resource"), _class_name(base + "Operations"), _class_name(base + "Resource" + stable_suffix(tag).upper())])))
        extra.append(Claim(Key("async group", (tag,)), _unique([_class_name("Async" + base + "Resource"), _class_name("Async" + base + "Operations"), _class_name("Async" + base + "Resource" + stable_suffix(tag).upper())])))
        raw_kinds: tuple[tuple[KeyKind, str], ...] = (("raw group", ""), ("async raw group", "Async"))
        for kind, prefix in raw_kinds:
            raw = [_class_name(prefix + base + middle + "WithRawResponse") for middle in ("Resource", "Operations", "Resource" + stable_suffix(tag).upper())]
            extra.append(Claim(Key(kind, (tag,)), _unique(raw), owned=True))  # the SDK's own class: a schema yields
    for operation in api.operations:
        base = pascal(operation_words(operation))
        extra.append(
            Claim(
                Key("operation error", operation_place(operation)),
                _unique([_class_name(base + "Error"), _class_name(base + "OperationError"), _class_name(base + stable_suffix(operation.method + " " + operation.path).upper() + "Error")]),
            )
        )

    type_names = _name_types(namer, extra, reserved | _runtime_names_used(api))
    allocated = namer.record

    tag_descriptions = dict(api.tags)
    attributes = namer.allocate(
        [
            Claim(
                Key("attribute", (tag,)),
                _unique(
                    [
                        identifier(snake(words(tag or "default")), "default", ARGUMENT_RESERVED),
                        identifier(snake(words(tag or "default")) + "_resource", "default"),  # beside a client attribute of its name
                        identifier(snake(words(tag)) + "_" + stable_suffix(tag), "group"),
                    ]
                ),
            )
            for tag in group_tags
        ],
        GROUP_ATTRIBUTE_RESERVED,
    )
    groups = tuple(
        Group(
            tag or None,
            attributes[Key("attribute", (tag,))],
            allocated[Key("group", (tag,))],
            tag_descriptions.get(tag),
            allocated[Key("async group", (tag,))],
            allocated[Key("raw group", (tag,))],
            allocated[Key("async raw group", (tag,))],
        )
        for tag in group_tags
    )

    method_claims: dict[str, list[Claim[Key]]] = defaultdict(list)
    for operation in api.operations:
        where = operation_place(operation)
        base = snake(operation_words(operation)) or "call"
        suffix = stable_suffix(operation.method + operation.path)
        claims = method_claims[operation.group or ""]
        spelt = snake(words(operation.method.lower() + " " + operation.path, SYMBOL_NAMES))
        claims.append(_method_claim(Key("method", where), [base, f"{base}_{operation.method.lower()}", spelt, f"{base}_{suffix}"]))
        if operation.pagination is not None:
            rest = base[len("list_") :] if base.startswith("list_") else base
            claims.append(_method_claim(Key("pager", where), [f"iter_{rest}", f"iter_{base}", f"iter_{base}_{suffix}"]))
        if operation.stream is not None:
            claims.append(_method_claim(Key("stream", where), [f"stream_{base}", f"stream_{base}_{suffix}"]))
    methods: dict[Key, str] = {}
    for claims in method_claims.values():
        methods.update(namer.allocate(claims, METHOD_RESERVED))

    arguments = [_argument_names(namer, operation, flattened_body(operation, types)) for operation in api.operations]
    constants = _operation_constants(namer, api, methods, set(type_names.values()))
    shared = _shared_parameters(namer, api, arguments, constants, type_names)
    operations = tuple(
        OperationNames(
            method=methods[Key("method", operation_place(operation))],
            group=operation.group,
            error_class=allocated[Key("operation error", operation_place(operation))],
            arguments=arguments[index][0],
            pager=methods.get(Key("pager", operation_place(operation))),
            stream=methods.get(Key("stream", operation_place(operation))),
            constant=constants[index],
            argument_of=arguments[index][1],
            shared_parameters=shared[index],
        )
        for index, operation in enumerate(api.operations)
    )
    enums = [t for t in api.types if isinstance(t, ir.EnumType)]
    objects = [t for t in api.types if isinstance(t, ir.ObjectType)]
    members = {t.key: _member_names(namer, t) for t in enums}
    fields = {t.key: _field_names(namer, t) for t in objects}
    credentials = _credentials(namer, api)

    return Names(
        package=chosen_package,
        types=type_names,
        members=members,
        fields=fields,
        groups=groups,
        operations=operations,
        status_errors={status: allocated[Key("status error", (str(status),))] for status in status_errors},
        error_codes={code: (allocated[Key("code error", (code,))], source) for code, source in sources.items()},
        env_prefix=env_prefix(api, chosen_package),
        lock=NameLock(dict(namer.record)),
        credentials=credentials,
        field_of={t.key: {p.wire_name: name for p, name in reversed(list(zip(t.properties, fields[t.key])))} for t in objects},
        member_of={t.key: {value_key(v): name for v, name in reversed(list(zip(t.values, members[t.key])))} for t in enums},
    )


OPERATIONS_MODULE_RESERVED = frozenset({"T", "UNSET", "Operation", "Param", "Body", "errors"})


def _operation_constants(namer: _Namer, api: ir.Api, methods: Mapping[Key, str], type_names: set[str]) -> list[str]:
    """Module constants of the `Operation` descriptions: the method's name, or group-qualified."""

    def constant(name: str) -> str:
        return name if name and not name[0].isdigit() else f"OPERATION_{name}".rstrip("_")

    claims = []
    for operation in api.operations:
        where = operation_place(operation)
        method, group = methods[Key("method", where)], operation.group or ""
        qualified = upper_snake(words(group + " " + method))
        claims.append(
            Claim(
                Key("operation constant", where),
                _unique([constant(upper_snake(words(method))), constant(qualified), f"OPERATION_{qualified}_{stable_suffix(' '.join(where)).upper()}"]),
            )
        )
    allocated = namer.allocate(claims, OPERATIONS_MODULE_RESERVED | type_names)
    return [allocated[claim.key] for claim in claims]


def _as_named(expr: ir.TypeExpr, type_names: Mapping[str, str]) -> object:
    """A type as the SDK spells it: named types by their names (two merged enums are one type)."""
    if isinstance(expr, ir.Named):
        return ("named", type_names.get(expr.key, expr.key))
    if isinstance(expr, ir.ListOf):
        return ("list", _as_named(expr.item, type_names))
    if isinstance(expr, ir.MapOf):
        return ("map", _as_named(expr.value, type_names))
    if isinstance(expr, ir.Nullable):
        return ("nullable", _as_named(expr.inner, type_names))
    if isinstance(expr, ir.UnionOf):
        return ("union", tuple(_as_named(v, type_names) for v in expr.variants))
    return expr


def _shared_parameters(
    namer: _Namer,
    api: ir.Api,
    arguments: Sequence[tuple[tuple[str, ...], Mapping[tuple[str, str], str]]],
    constants: Sequence[str],
    type_names: Mapping[str, str],
) -> list[dict[tuple[str, str], str]]:
    """Module constants for the parameters several operations take alike (`ACCOUNT_SID`), said once.

    Alike: the same argument name and the same description on the wire (location, name, type,
    requirement, style, checks). Ones of one name that differ are told apart by the first
    operation taking each.
    """
    uses: dict[tuple[object, ...], list[int]] = defaultdict(list)
    first: dict[tuple[object, ...], tuple[ir.Parameter, str]] = {}
    for index, operation in enumerate(api.operations):
        for param in operation.parameters:
            argument = arguments[index][1][(param.location, param.wire_name)]
            alike: tuple[object, ...] = (argument, param.wire_name, param.location, _as_named(param.type, type_names), param.required, param.style, param.explode, param.constraints)
            uses[alike].append(index)
            first.setdefault(alike, (param, argument))
    claims: dict[tuple[object, ...], Claim[Key]] = {}
    for alike, users in uses.items():
        if len(users) < 2:
            continue
        param, argument = first[alike]
        where = operation_place(api.operations[users[0]])
        spoken = upper_snake(words(argument))
        located = upper_snake(words(f"{param.location} {argument}"))
        claims[alike] = Claim(
            Key("shared parameter", (param.location, param.wire_name, *where)),
            _unique([spoken or "PARAM", located + "_PARAM", f"{constants[users[0]]}_{spoken}", f"{located}_PARAM_{stable_suffix(' '.join((param.location, param.wire_name, *where))).upper()}"]),
        )
    allocated = namer.allocate(list(claims.values()), OPERATIONS_MODULE_RESERVED | set(type_names.values()) | set(constants))
    shared: list[dict[tuple[str, str], str]] = [{} for _ in api.operations]
    for alike, users in uses.items():
        if alike in claims:
            for index in users:
                param = first[alike][0]
                shared[index][(param.location, param.wire_name)] = allocated[claims[alike].key]
    return shared


CREDENTIAL_RESERVED = frozenset(
    {"self", "base_url", "http_client", "headers", "timeout", "max_retries", "retry_policy", "strict_response_validation"}
)


def used_security_schemes(api: ir.Api) -> list[ir.SecurityScheme]:
    """The schemes the API or an operation requires (all of them when none is required)."""
    used = {key for requirement in api.security for key in requirement}
    for operation in api.operations:
        for requirement in operation.security or ():
            used.update(requirement)
    return [s for s in api.security_schemes if s.key in used] or list(api.security_schemes)


def _credentials(namer: _Namer, api: ir.Api) -> tuple[Credential, ...]:
    """The client's constructor arguments: `api_key` (or `<scheme>_key` of several), `username` and `password`."""
    schemes = used_security_schemes(api)
    tokens = [s for s in schemes if s.kind in ("bearer", "apiKey", "oauth2", "openIdConnect")]
    pairs = [s for s in schemes if s.kind in ("basic", "digest")]
    wanted: list[tuple[str, str, str]] = []  # scheme, part, preferred argument
    for scheme in schemes:
        prefix = snake(words(scheme.key))
        if scheme in pairs:
            wanted.append((scheme.key, "username", "username" if len(pairs) == 1 else f"{prefix}_username"))
            wanted.append((scheme.key, "password", "password" if len(pairs) == 1 else f"{prefix}_password"))
        elif scheme in tokens:
            wanted.append((scheme.key, "token", "api_key" if len(tokens) == 1 else f"{prefix}_key"))
    claims = [
        Claim(Key("credential", (scheme, part)), _unique([identifier(name, "key", CREDENTIAL_RESERVED), identifier(f"{name}_{stable_suffix(scheme)}", "key", CREDENTIAL_RESERVED)]))
        for scheme, part, name in wanted
    ]
    allocated = namer.allocate(claims, CREDENTIAL_RESERVED)
    return tuple(Credential(claim.key.place[0], claim.key.place[1], allocated[claim.key]) for claim in claims)

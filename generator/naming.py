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
import hashlib
import keyword
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator import ir
from generator.errors import SpecError

# Spelled-out symbols keep names such as `DateCreated<` and `DateCreated>` apart.
_DATE_SYMBOLS = {"<=": " on or before ", ">=": " on or after ", "<": " before ", ">": " after "}
_ORDER_SYMBOLS = {"<=": " lte ", ">=": " gte ", "<": " lt ", ">": " gt ", "!=": " ne ", "=": " eq "}
_SYMBOL_NAMES = {
    "[": "open", "]": "close", ".": "dot", "-": "dash", "@": "at", "$": "dollar", "+": "plus",
    ":": "colon", "/": "slash", "_": "underscore", "#": "hash", "*": "star",
    "&": "and", "%": "percent", "!": "not", "~": "tilde", "<": "lt", ">": "gt", "=": "eq",
}
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")

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
        "verify_webhook", "NextLink", "PageNumber",
    }
)
TOP_LEVEL_RESERVED = frozenset(dir(builtins)) | RUNTIME_NAMES | {"models", "errors", "client"}
# A dataclass field must not hide a name its class body's annotations use.
FIELD_RESERVED = frozenset(
    {"str", "int", "float", "bool", "bytes", "list", "dict", "object", "datetime", "field", "from_dict", "to_dict"}
) | RUNTIME_NAMES
# `locals` is what a generated method's body calls; `self` and `cls` are taken; the
# per-call options (`CallOptions`) are keyword arguments of every method.
ARGUMENT_RESERVED = frozenset({"self", "cls", "locals", "options", "timeout", "extra_headers", "max_retries"})
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


def ascii_text(text: str) -> str:
    """Text with accents removed and anything outside ASCII dropped (homoglyphs included)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str, symbols: dict[str, str] | None = None) -> list[str]:
    """Split a name in any style (camelCase, snake_case, prose, kebab) into words."""
    for symbol, spelled in (symbols or {}).items():
        text = text.replace(symbol, f" {spelled.strip()} ")
    return _WORD.findall(ascii_text(text))


def snake(parts: Sequence[str]) -> str:
    return "_".join(w.lower() for w in parts)


def pascal(parts: Sequence[str]) -> str:
    return "".join(w[0].upper() + w[1:] for w in parts)


def upper_snake(parts: Sequence[str]) -> str:
    return "_".join(w.upper() for w in parts)


def _merge(*groups: Sequence[str]) -> list[str]:
    """Concatenate word lists, folding an overlap (`...CreatedEvent` + `EventType`)."""
    merged: list[str] = []
    for group in groups:
        overlap = 0
        for size in range(min(len(merged), len(group)), 0, -1):
            if [w.lower() for w in merged[-size:]] == [w.lower() for w in group[:size]]:
                overlap = size
                break
        merged.extend(group[overlap:])
    return merged


def stable_suffix(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:6]


def identifier(name: str, fallback: str, reserved: Iterable[str] = ()) -> str:
    """Make `name` a safe identifier: not empty, no leading digit, no keyword, not reserved."""
    name = name or fallback
    if name[0].isdigit():
        name = fallback + ("_" if fallback.islower() else "") + name
    reserved_set = set(reserved)
    while keyword.iskeyword(name) or keyword.issoftkeyword(name) and name == "_" or name in reserved_set:
        name += "_"
    return name


@dataclass(frozen=True)
class Claim:
    """A request for a name: its candidates in order of preference.

    The last candidate is a fallback that carries a digest; `allocate` adds one
    more of its own if even that collides, so every claim ends with a name.
    """

    key: str
    candidates: tuple[str, ...]
    explicit: bool = False


def _last_resort(claim: Claim) -> str:
    last = claim.candidates[-1]
    suffix = stable_suffix(claim.key + "\0last")
    return f"{last}{suffix.upper()}" if last[:1].isupper() else f"{last}_{suffix}"


def allocate(claims: Sequence[Claim], reserved: Iterable[str] = ()) -> dict[str, str]:
    """Give every claim a distinct name; see the module docstring for the rule.

    In a collision, a claim keeps the name when it is the only one for which
    the name is stated by the spec; else when it has no readable candidate
    left (of several such, the one with the shortest key); else when the name
    is its first candidate and a later one of all the others. All the others
    move on. Nothing depends on claim order.
    """
    reserved_set = frozenset(reserved)
    options = {claim.key: (*claim.candidates, _last_resort(claim)) for claim in claims}
    level = {claim.key: 0 for claim in claims}

    def current(claim: Claim) -> str:
        return options[claim.key][level[claim.key]]

    def cornered(claim: Claim) -> bool:  # the next candidate is only a fallback
        return level[claim.key] >= len(claim.candidates) - 2

    while True:
        holders: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            holders[current(claim)].append(claim)
        moved = False
        for name, group in holders.items():
            if len(group) == 1 and name not in reserved_set:
                continue
            keeper = None
            if name not in reserved_set:
                stated = [c for c in group if c.explicit and level[c.key] == 0]
                stuck = [c for c in group if cornered(c)]
                nearest = min(level[c.key] for c in group)
                preferring = [c for c in group if level[c.key] == nearest]
                if stated:
                    keeper = stated[0] if len(stated) == 1 else None
                elif stuck:
                    # Only a digest is left to it: it keeps the name, and of several, the one
                    # nearest the document's root (shortest key: a schema before those inside it).
                    keeper = min(stuck, key=lambda c: (len(c.key), c.key))
                elif len(preferring) == 1:
                    keeper = preferring[0]  # the name is its first wish and a later one of the others'

            for claim in group:
                if claim is keeper or level[claim.key] >= len(options[claim.key]) - 1:
                    continue
                level[claim.key] += 1
                moved = True
        if not moved:
            return {claim.key: current(claim) for claim in claims}


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


@dataclass(frozen=True)
class OperationNames:
    method: str
    group: str | None
    error_class: str
    arguments: tuple[str, ...]  # parameters in order, then body fields (flattened) or `body`
    pager: str | None = None  # the method iterating over the items of every page


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


def flattened_body(operation: ir.Operation, types: dict[str, ir.NamedType]) -> ir.ObjectType | None:
    """The object whose fields become keyword arguments, if the body is one."""
    body = operation.body
    if body is None or not isinstance(body.type, ir.Named):
        return None
    target = types.get(body.type.key)
    return target if isinstance(target, ir.ObjectType) else None


def request_properties(obj: ir.ObjectType) -> tuple[ir.Property, ...]:
    return tuple(p for p in obj.properties if not p.read_only)


def _type_candidates(named: ir.NamedType) -> tuple[tuple[str, ...], bool]:
    hint = named.hint
    final = pascal(words(" ".join(hint.context) or "Model")) + stable_suffix(named.key).upper()
    if hint.explicit is not None:
        base = pascal(words(hint.explicit)) or "Model"
        return _unique([base, base + "Model", base + "Schema", final]), True
    context_words = [words(part) for part in hint.context]
    candidates: list[str] = []
    if hint.title:
        candidates.append(pascal(words(hint.title)))
    if context_words:
        last = context_words[-1]
        candidates.append(pascal(last))
        if isinstance(named, ir.EnumType) and len(named.values) == 1:
            # A one-value enum (`event_type: [conference.created]`) is named by its value.
            candidates.append(pascal(_merge(words(str(named.values[0])), last)))
        for depth in range(1, len(context_words)):
            candidates.append(pascal(_merge(context_words[0], *context_words[len(context_words) - depth : -1], last)))
        candidates.append(pascal(_merge(*context_words)))
        # Folding may give back the parent's own name (`400Error` + `error`): say every word.
        every_word = [w for part in context_words for w in part]
        candidates.append(pascal(every_word))
        # Last before the digest: what kind of type it is (an inline copy of a component
        # of the same name, say).
        kind = "Enum" if isinstance(named, ir.EnumType) else "Object" if isinstance(named, ir.ObjectType) else "Type"
        candidates.append(pascal(_merge(every_word, [kind])))
    candidates.append(final)
    return _unique(candidates), False


def _class_name(name: str) -> str:
    return identifier(name, "Model", TOP_LEVEL_RESERVED)


def _name_types(api: ir.Api, extra: Sequence[Claim], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Names of all named types and of the extra top-level claims (errors, groups)."""
    # Inline enums with the same values and the same preferred name are one type.
    shared: dict[tuple[object, ...], str] = {}
    alias_of: dict[str, str] = {}
    claims: list[Claim] = []
    for named in api.types:
        candidates, explicit = _type_candidates(named)
        if isinstance(named, ir.EnumType) and not explicit:
            signature = (candidates[0], named.values)
            if signature in shared:
                alias_of[named.key] = shared[signature]
                continue
            shared[signature] = named.key
        claims.append(Claim(named.key, tuple(identifier(c, "Model", TOP_LEVEL_RESERVED | reserved) for c in candidates), explicit))
    allocated = allocate([*claims, *extra], TOP_LEVEL_RESERVED | reserved)
    for key, target in alias_of.items():
        allocated[key] = allocated[target]
    return allocated


def _field_names(obj: ir.ObjectType) -> tuple[str, ...]:
    claims = [
        Claim(
            str(index),
            _unique(
                [
                    identifier(snake(words(p.wire_name)), "field", FIELD_RESERVED),
                    identifier(snake(words(p.wire_name, _SYMBOL_NAMES)), "field", FIELD_RESERVED),
                    identifier((snake(words(p.wire_name)) or "field") + "_" + stable_suffix(p.wire_name), "field", FIELD_RESERVED),
                ]
            ),
        )
        for index, p in enumerate(obj.properties)
    ]
    allocated = allocate(claims)
    return tuple(allocated[str(i)] for i in range(len(obj.properties)))


def _member_names(enum: ir.EnumType) -> tuple[str, ...]:
    claims = []
    for index, value in enumerate(enum.values):
        text = str(value)
        base = upper_snake(words(text, _ORDER_SYMBOLS)) if not isinstance(value, int) else ("MINUS_" if value < 0 else "") + str(abs(value))
        spelled = upper_snake(words(text, _SYMBOL_NAMES)) if not isinstance(value, int) else base
        # A name the spec gives the member (x-enum-varnames, a constant's title) comes first.
        hint = enum.member_hints[index] if index < len(enum.member_hints) else None
        given = [identifier(upper_snake(words(hint, _SYMBOL_NAMES)), "V", MEMBER_RESERVED)] if hint else []
        claims.append(
            Claim(
                str(index),
                _unique(
                    [
                        *given,
                        identifier(base, "VALUE" if isinstance(value, int) else "V", MEMBER_RESERVED),
                        identifier(spelled, "V", MEMBER_RESERVED),
                        identifier((base or "V") + "_" + stable_suffix(text).upper(), "V", MEMBER_RESERVED),
                    ]
                ),
                explicit=bool(given),
            )
        )
    if not claims:
        return ()
    allocated = allocate(claims)
    return tuple(allocated[str(i)] for i in range(len(enum.values)))


def argument_words(wire_name: str, expr: ir.TypeExpr) -> list[str]:
    """Words of a parameter name; comparison suffixes read as before/after for dates."""
    lowered = wire_name.lower()
    datelike = "date" in lowered or "time" in lowered or expr in (ir.Primitive("date"), ir.Primitive("datetime"))
    return words(wire_name, _DATE_SYMBOLS if datelike else _ORDER_SYMBOLS)


def _argument_names(operation: ir.Operation, body: ir.ObjectType | None) -> tuple[str, ...]:
    claims: list[Claim] = []
    for index, param in enumerate(operation.parameters):
        base = snake(argument_words(param.wire_name, param.type)) or "param"
        claims.append(
            Claim(
                f"p{index}",
                _unique(
                    [
                        identifier(base, "param", ARGUMENT_RESERVED),
                        identifier(f"{param.location}_{base}", "param", ARGUMENT_RESERVED),
                        identifier(snake(words(param.wire_name, _SYMBOL_NAMES)), "param", ARGUMENT_RESERVED),
                        identifier(f"{base}_{stable_suffix(param.location + param.wire_name)}", "param", ARGUMENT_RESERVED),
                    ]
                ),
            )
        )
    if body is not None:
        for index, prop in enumerate(request_properties(body)):
            base = snake(argument_words(prop.wire_name, prop.type)) or "field"
            claims.append(
                Claim(
                    f"b{index}",
                    _unique(
                        [
                            identifier(base, "field", ARGUMENT_RESERVED),
                            identifier(f"body_{base}", "field", ARGUMENT_RESERVED),
                            identifier(snake(words(prop.wire_name, _SYMBOL_NAMES)), "field", ARGUMENT_RESERVED),
                            identifier(f"{base}_{stable_suffix('body' + prop.wire_name)}", "field", ARGUMENT_RESERVED),
                        ]
                    ),
                )
            )
    elif operation.body is not None:
        claims.append(Claim("body", ("body", "request_body", "body_" + stable_suffix(operation.path))))
    allocated = allocate(claims)
    return tuple(allocated[c.key] for c in claims)


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


def build_names(api: ir.Api, package: str | None = None, reserved: frozenset[str] = frozenset()) -> Names:
    """Name everything in `api`; `package` overrides the name derived from the title.

    `reserved` adds top-level names the package's own modules use (`Document` in a models-only package).
    """
    if package is not None and not (package.isascii() and package.isidentifier() and not keyword.iskeyword(package)):
        raise SpecError(f"the package name {package!r} is not a Python identifier (letters, digits and '_')", "--package")
    types = api.type_by_key()
    chosen_package = package or package_name(api.title)

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

    extra: list[Claim] = []
    for status, name in status_errors.items():
        extra.append(Claim(f"status:{status}", (name,), explicit=True))
    for code, source in sorted(sources.items()):
        base = pascal(words(source.hint))
        base = base if base.endswith("Error") else base + "Error"
        coded = pascal(words(source.hint)) + pascal(words(code)) + "Error"
        extra.append(Claim(f"code:{code}", _unique([_class_name(base), _class_name(coded), _class_name("Error" + pascal(words(code)))])))

    group_tags = sorted({op.group or "" for op in api.operations})
    for tag in group_tags:
        base = pascal(words(tag or "default")) or "Default"
        extra.append(Claim(f"group:{tag}", _unique([_class_name(base + "Resource"), _class_name(base + "Operations"), _class_name(base + "Resource" + stable_suffix(tag).upper())])))
        extra.append(Claim(f"async group:{tag}", _unique([_class_name("Async" + base + "Resource"), _class_name("Async" + base + "Operations"), _class_name("Async" + base + "Resource" + stable_suffix(tag).upper())])))
    for index, operation in enumerate(api.operations):
        base = pascal(operation_words(operation))
        extra.append(
            Claim(
                f"op:{operation.method} {operation.path}",
                _unique([_class_name(base + "Error"), _class_name(base + "OperationError"), _class_name(base + stable_suffix(operation.method + " " + operation.path).upper() + "Error")]),
            )
        )

    allocated = _name_types(api, extra, reserved)
    type_names = {t.key: allocated[t.key] for t in api.types}

    tag_descriptions = dict(api.tags)
    attributes = allocate(
        [
            Claim(tag, _unique([identifier(snake(words(tag or "default")), "default", ARGUMENT_RESERVED), identifier(snake(words(tag)) + "_" + stable_suffix(tag), "group")]))
            for tag in group_tags
        ],
        reserved={"close", "aclose", "request", "base_url", "http_client", "with_options", "retry_policy"},
    )
    groups = tuple(
        Group(tag or None, attributes[tag], allocated[f"group:{tag}"], tag_descriptions.get(tag), allocated[f"async group:{tag}"])
        for tag in group_tags
    )

    method_claims: dict[str, list[Claim]] = defaultdict(list)
    for index, operation in enumerate(api.operations):
        base = snake(operation_words(operation)) or "call"
        method_claims[operation.group or ""].append(
            Claim(
                str(index),
                _unique(
                    [
                        identifier(base, "call", ARGUMENT_RESERVED),
                        identifier(f"{base}_{operation.method.lower()}", "call", ARGUMENT_RESERVED),
                        identifier(snake(words(operation.method.lower() + " " + operation.path, _SYMBOL_NAMES)), "call", ARGUMENT_RESERVED),
                        identifier(f"{base}_{stable_suffix(operation.method + operation.path)}", "call", ARGUMENT_RESERVED),
                    ]
                ),
            )
        )
        if operation.pagination is not None:
            rest = base[len("list_") :] if base.startswith("list_") else base
            method_claims[operation.group or ""].append(
                Claim(
                    f"{index} pages",
                    _unique(
                        [
                            identifier(f"iter_{rest}", "call", ARGUMENT_RESERVED),
                            identifier(f"iter_{base}", "call", ARGUMENT_RESERVED),
                            identifier(f"iter_{base}_{stable_suffix(operation.method + operation.path)}", "call", ARGUMENT_RESERVED),
                        ]
                    ),
                )
            )
    methods: dict[str, str] = {}
    for claims in method_claims.values():
        methods.update(allocate(claims))

    operations = tuple(
        OperationNames(
            method=methods[str(index)],
            group=operation.group,
            error_class=allocated[f"op:{operation.method} {operation.path}"],
            arguments=_argument_names(operation, flattened_body(operation, types)),
            pager=methods.get(f"{index} pages"),
        )
        for index, operation in enumerate(api.operations)
    )

    return Names(
        package=chosen_package,
        types=type_names,
        members={t.key: _member_names(t) for t in api.types if isinstance(t, ir.EnumType)},
        fields={t.key: _field_names(t) for t in api.types if isinstance(t, ir.ObjectType)},
        groups=groups,
        operations=operations,
        status_errors={status: allocated[f"status:{status}"] for status in status_errors},
        error_codes={code: (allocated[f"code:{code}"], source) for code, source in sources.items()},
        env_prefix=env_prefix(api, chosen_package),
    )

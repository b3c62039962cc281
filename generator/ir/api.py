"""The intermediate model's API: operations, parameters, responses, security, webhooks.

Built by the OpenAPI reader (`generator.openapi.read`); the JSON Schema reader
gives an `Api` with types only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from generator.ir.types import NO_CONSTRAINTS, Constraints, Default, NamedType, TypeExpr


@dataclass(frozen=True)
class Parameter:
    """An operation's parameter: in its path, query, headers or cookies."""

    wire_name: str
    location: Literal["path", "query", "header", "cookie"]
    type: TypeExpr
    required: bool
    description: str | None = None
    default: Default | None = None
    constraints: Constraints = NO_CONSTRAINTS
    style: str = "form"  # OpenAPI's styles, or `json` for a parameter described by JSON `content`
    explode: bool = True
    deprecated: bool = False
    # Where the parameter is defined (after its `$ref`s): the document's URI and the JSON pointer in it.
    uri: str = ""
    pointer: str = ""


@dataclass(frozen=True)
class Body:
    """An operation's request body in one media type."""

    media_type: str
    type: TypeExpr
    required: bool
    description: str | None = None


@dataclass(frozen=True)
class ErrorCode:
    """An API error code documented in an error response's examples."""

    code: str
    hint: str  # the example's name, or its title
    title: str | None
    pointer: str  # where the example is, for a stable choice between duplicates


@dataclass(frozen=True)
class Response:
    """One documented response of an operation: its status and what its body holds."""

    status: str  # "200", "4XX", "default"
    description: str | None
    media_type: str | None
    type: TypeExpr | None
    error_codes: tuple[ErrorCode, ...] = ()
    headers: tuple[str, ...] = ()  # the names of the headers it documents, in lower case, sorted

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")


@dataclass(frozen=True)
class SecurityScheme:
    """A way the API authenticates requests (`components/securitySchemes`)."""

    key: str
    kind: Literal["bearer", "basic", "digest", "apiKey", "oauth2", "openIdConnect", "other"]
    parameter_name: str | None = None  # apiKey: header, query or cookie name; bearer: the scheme word (`Bearer`, `Negotiate`)
    location: str | None = None  # apiKey: header, query or cookie
    description: str | None = None


@dataclass(frozen=True)
class IdempotencyKey:
    """A request value the server uses to ignore repeats of one command."""

    location: Literal["body", "header"]
    wire_name: str


@dataclass(frozen=True)
class EventStream:
    """A success answered as a stream of items, read as they arrive: server-sent events
    (`text/event-stream`) or JSON Lines (`application/jsonl`, `application/x-ndjson`)."""

    media_type: str
    item: TypeExpr  # one item's type: an event's data, or the whole event (`envelope`)
    envelope: bool = False  # an event's item is the event itself, {data, event, id, retry}: 3.2's `itemSchema`
    flag: str | None = None  # the body's boolean property that asks for the stream (`stream`), by convention


@dataclass(frozen=True)
class Pagination:
    """How a list operation's pages follow one another.

    Paths are wire names from the page (the success response's object) down.
    """

    style: Literal["page_number", "next_link", "cursor", "after_last", "offset", "link_header"]
    items: str | None  # the page's list of items; None when the page is the list itself (link_header)
    item_type: TypeExpr
    parameter: str | None = None  # page_number, cursor, after_last, offset: the query parameter that selects the page
    parameter_key: str | None = None  # page_number: the property of that parameter's object, if any; after_last: the item's property it takes
    page_number: tuple[str, ...] = ()
    total_pages: tuple[str, ...] = ()
    link: tuple[str, ...] = ()  # next_link: the next page's URL or path
    token: tuple[str, ...] = ()  # cursor: the value of `parameter` that selects the next page
    has_more: tuple[str, ...] = ()  # after_last: the flag that there is a next page
    total_items: tuple[str, ...] = ()  # offset: the count of the items of all pages


@dataclass(frozen=True)
class EventTag:
    """The value that tells one webhook event from the others, and where it is."""

    path: tuple[str, ...]  # wire names from the event's body down
    value: str


@dataclass(frozen=True)
class Webhook:
    """A request the API sends to its users (a webhook, or an operation's callback)."""

    name: str
    operation_id: str | None
    summary: str | None
    description: str | None
    body: Body | None
    pointer: str
    tag: EventTag | None = None


@dataclass(frozen=True)
class Operation:
    """One operation: a method on a path, with its parameters, body and responses."""

    operation_id: str | None
    method: str
    path: str
    group: str | None
    summary: str | None
    description: str | None
    deprecated: bool
    parameters: tuple[Parameter, ...]
    body: Body | None
    responses: tuple[Response, ...]
    security: tuple[tuple[str, ...], ...] | None  # None: the API's default
    pointer: str
    callbacks: tuple[Webhook, ...] = ()  # requests the API sends back, named by callback
    idempotency_key: IdempotencyKey | None = None
    pagination: Pagination | None = None
    stream: EventStream | None = None  # a success that may come as a stream of items


@dataclass(frozen=True)
class ServerVariable:
    """A variable of a server URL template, with its default and allowed values."""

    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None


@dataclass(frozen=True)
class Server:
    """A base URL the API is served from."""

    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()


@dataclass(frozen=True)
class Notice:
    """A part of the document the SDK does not carry out, and where it is."""

    uri: str  # the document (the root, or one its $refs lead to)
    pointer: str
    message: str


@dataclass(frozen=True)
class WebhookSignature:
    """How the API signs the webhooks it sends (`x-webhook-signature`, or `[tool.sdkwright]`)."""

    algorithm: str  # "ed25519" (a public key) or "hmac-sha256" (a shared secret)
    signature_header: str
    timestamp_header: str
    payload: str = "{timestamp}|{body}"  # what is signed

    KEYS = ("algorithm", "signature-header", "timestamp-header", "payload")
    ALGORITHMS = ("ed25519", "hmac-sha256")

    @classmethod
    def from_mapping(cls, value: Any) -> WebhookSignature:
        """Read `{algorithm, signature-header, timestamp-header, payload}`; ValueError names a defect."""
        if not isinstance(value, dict):
            raise ValueError("must be a mapping of algorithm, signature-header, timestamp-header and payload")
        unknown = sorted(set(value) - set(cls.KEYS))
        if unknown:
            raise ValueError(f"unknown key {unknown[0]!r} (known: {', '.join(cls.KEYS)})")
        algorithm = value.get("algorithm", "ed25519")
        if algorithm not in cls.ALGORITHMS:
            raise ValueError(f"algorithm {algorithm!r} is not one of {', '.join(cls.ALGORITHMS)}")
        headers = [value.get("signature-header"), value.get("timestamp-header")]
        if not all(isinstance(h, str) and h for h in headers):
            raise ValueError("needs signature-header and timestamp-header (header names)")
        payload = value.get("payload", "{timestamp}|{body}")
        if not isinstance(payload, str) or "{body}" not in payload:
            raise ValueError("payload must be text holding {body} (and, usually, {timestamp})")
        return cls(str(algorithm), str(headers[0]), str(headers[1]), payload)


@dataclass(frozen=True)
class Api:
    """The whole API as the later stages read it: its operations, webhooks, types and security."""

    title: str
    version: str
    description: str | None
    openapi: str
    servers: tuple[Server, ...]
    security_schemes: tuple[SecurityScheme, ...]
    security: tuple[tuple[str, ...], ...]
    operations: tuple[Operation, ...]
    webhooks: tuple[Webhook, ...]
    types: tuple[NamedType, ...]
    tags: tuple[tuple[str, str | None], ...] = field(default=())
    notices: tuple[Notice, ...] = field(default=())  # what the SDK leaves out, for the user to know
    webhook_signature: WebhookSignature | None = None  # None: the convention render applies

    def type_by_key(self) -> dict[str, NamedType]:
        return {t.key: t for t in self.types}

"""The diff stage: what changed between two versions of an API, in the SDK's terms.

Both versions go through load -> resolve -> model; the two `ir.Api`s are
compared, never the text, so layout, key order and `$ref` structure that the
model does not see report nothing. Every change has a kind, a severity and a
location (the operation, when there is one, and a JSON pointer into the new
document, or the old one for what was removed).

Severity knows direction. A schema used in requests is checked against what a
caller may send (a value that was accepted must still be), one used in
responses against what the SDK parses (a value it parsed must still be typed
the same); a schema used both ways gets the stricter verdict. The generated SDK
tolerates enum values and fields it does not know and does not check
constraints on what it receives, which is why, for example, an enum value added
to a response is not breaking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Any, Literal

from generator import ir
from generator.diff.sources import Side, build_side
from generator.errors import join_pointer, unescape_token
from generator.document.load import Document
from generator.document.resolve import Located

Severity = Literal["breaking", "non-breaking", "docs"]
Direction = Literal["request", "response"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "non-breaking", "docs")
BOTH: frozenset[Direction] = frozenset({"request", "response"})

# Every kind of change and its severity when a schema is used in requests / in responses.
# Kinds that do not depend on direction have the same verdict twice; `None` means "decided by the
# change itself" (a required parameter added breaks, an optional one does not).
KINDS: dict[str, tuple[Severity | None, Severity | None]] = {
    "operation-added": ("non-breaking", "non-breaking"),
    "operation-removed": ("breaking", "breaking"),
    "operation-renamed": ("breaking", "breaking"),  # operationId: the method's name
    "operation-regrouped": ("breaking", "breaking"),  # first tag: the resource it is reached by
    "operation-deprecated": ("non-breaking", "non-breaking"),
    "parameter-added": (None, None),
    "parameter-removed": ("breaking", "breaking"),
    "parameter-serialization-changed": ("non-breaking", "non-breaking"),
    "body-added": (None, None),
    "body-removed": ("breaking", "breaking"),
    "media-type-changed": ("non-breaking", "non-breaking"),
    "field-added": (None, "non-breaking"),
    "field-removed": ("breaking", "breaking"),
    "field-access-changed": ("breaking", "non-breaking"),
    "field-deprecated": ("non-breaking", "non-breaking"),
    "made-required": ("breaking", "non-breaking"),
    "made-optional": ("non-breaking", "breaking"),
    "retyped": ("breaking", "breaking"),
    # A value of any type (no `type` in the schema) given a type, or the other way: a narrower request
    # refuses what callers sent; a wider response is no longer typed for its readers.
    "retyped-from-any": ("breaking", "non-breaking"),
    "retyped-to-any": ("non-breaking", "breaking"),
    "made-nullable": ("non-breaking", "breaking"),
    "made-non-nullable": ("breaking", "non-breaking"),
    "default-changed": ("breaking", "non-breaking"),  # the SDK sends its default: callers get another value
    "default-added": ("non-breaking", "non-breaking"),  # a server-side fallback, not part of the contract
    "default-removed": ("non-breaking", "non-breaking"),
    "constraint-narrowed": ("breaking", "non-breaking"),
    "constraint-widened": ("non-breaking", "non-breaking"),
    "enum-value-added": ("non-breaking", "non-breaking"),
    "enum-value-removed": ("breaking", "non-breaking"),
    "union-variant-added": ("non-breaking", "breaking"),
    "union-variant-removed": ("breaking", "non-breaking"),
    "status-added": ("non-breaking", "non-breaking"),
    "status-removed": ("breaking", "breaking"),
    "response-body-added": ("non-breaking", "non-breaking"),  # the SDK returned None, now a typed value
    "response-body-removed": ("breaking", "breaking"),
    "error-code-added": ("docs", "docs"),  # inferred from examples: documentation, not a contract
    "error-code-removed": ("docs", "docs"),
    "webhook-added": ("non-breaking", "non-breaking"),
    "webhook-removed": ("breaking", "breaking"),
    "callback-added": ("non-breaking", "non-breaking"),
    "callback-removed": ("breaking", "breaking"),
    "type-added": ("non-breaking", "non-breaking"),
    "type-removed": ("breaking", "breaking"),
    "security-tightened": ("breaking", "breaking"),  # a way to authenticate (or none) no longer accepted
    "security-loosened": ("non-breaking", "non-breaking"),
    "security-scheme-added": ("non-breaking", "non-breaking"),
    "security-scheme-removed": ("breaking", "breaking"),
    "security-scheme-changed": ("breaking", "breaking"),
    "base-url-changed": ("breaking", "breaking"),  # the first server: the SDK's default base URL
    "server-changed": ("non-breaking", "non-breaking"),  # the other servers: documentation and choices
    "docs-changed": ("docs", "docs"),
    # The generated SDK's public names, by key (whatever the wire says: an import that fails breaks).
    "sdk-symbol-renamed": ("breaking", "breaking"),
    "sdk-symbol-removed": ("breaking", "breaking"),
    "sdk-symbol-added": ("non-breaking", "non-breaking"),
}

# What makes a release minor rather than a patch: something a user can now call, send or receive.
ADDITIONS = frozenset(kind for kind in KINDS if kind.endswith("-added") and kind not in ("error-code-added", "default-added"))


@dataclass(frozen=True)
class Change:
    """One change. `pointer` is in the new document, or the old one when something was removed."""

    kind: str
    severity: Severity
    operation: str | None  # "POST /conferences", or None for schemas, webhooks, security, info
    pointer: str
    message: str
    old: Any = None
    new: Any = None
    direction: str | None = None  # "request", "response", "request+response" or None
    used_by: tuple[str, ...] = ()  # for a shared schema: the operations and webhooks that use it

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "location": {"operation": self.operation, "pointer": self.pointer, "used_by": list(self.used_by)},
            "direction": self.direction,
            "message": self.message,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class Report:
    old: str
    new: str
    changes: tuple[Change, ...]

    @property
    def breaking(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.severity == "breaking")

    def counts(self) -> dict[Severity, int]:
        return {s: sum(1 for c in self.changes if c.severity == s) for s in SEVERITIES}

    @property
    def bump(self) -> Literal["major", "minor", "patch"]:
        """The version bump the SDK needs: major when anything breaks, minor when anything is added."""
        if self.breaking:
            return "major"
        if any(c.kind in ADDITIONS and c.severity == "non-breaking" for c in self.changes):
            return "minor"
        return "patch"


def diff_documents(old: Document, new: Document, package: str | None = None) -> Report:
    return diff_sides(build_side(old), build_side(new), package)


def diff_sides(old: Side, new: Side, package: str | None = None) -> Report:
    """The API's changes, then the SDK's public names that move (named under one package name)."""
    wire = _Differ(old, new).run()
    # A name that goes with a breaking change of the API at its place (its operation, its field, its
    # enum value) is that change, said once; so is a name that comes with an addition.
    breaking = {c.pointer for c in wire if c.severity == "breaking"} | {c.operation for c in wire if c.severity == "breaking" and c.operation}
    added = {c.pointer for c in wire if c.kind in ADDITIONS} | {c.operation for c in wire if c.kind in ADDITIONS and c.operation}
    said = breaking | added

    def within(change: Change, places: set[str]) -> bool:
        tokens = change.pointer.split("/")
        return change.operation in places or any("/".join(tokens[:n]) in places for n in range(len(tokens), 1, -1))

    symbols = tuple(
        c for c in _symbol_changes(old, new, package)
        if not (c.kind == "sdk-symbol-removed" and within(c, breaking)) and not (c.kind == "sdk-symbol-added" and within(c, said))
    )
    changes = wire + symbols
    return Report(old.label or old.document.display_name, new.label or new.document.display_name, changes)


def _symbol_changes(old: Side, new: Side, package: str | None) -> tuple[Change, ...]:
    from generator.diff.sdk import named_symbols, names_for_comparison, symbol_changes
    from generator.naming import package_name

    chosen = package or package_name(new.api.title)
    old_names = names_for_comparison(old, chosen)
    before = named_symbols(old, old_names)
    after = named_symbols(new, names_for_comparison(new, chosen, old_names.lock))
    changes = []
    for found in symbol_changes(before, after):
        symbol = found.symbol
        folded = f" (with {found.folded} more below it)" if found.folded else ""
        if found.renamed_to is not None:
            message, old_value, new_value = f"SDK {symbol.kind} `{symbol.dotted}` renamed to `{found.renamed_to.dotted}`", symbol.dotted, found.renamed_to.dotted
            pointer = found.renamed_to.pointer
        elif found.kind == "sdk-symbol-removed":
            message, old_value, new_value, pointer = f"SDK {symbol.kind} `{symbol.dotted}` removed{folded}", symbol.dotted, None, symbol.pointer
        else:
            message, old_value, new_value, pointer = f"SDK {symbol.kind} `{symbol.dotted}` added{folded}", None, symbol.dotted, symbol.pointer
        verdict = KINDS[found.kind][0]
        assert verdict is not None
        changes.append(Change(found.kind, verdict, symbol.operation, pointer, message, old_value, new_value))
    return tuple(sorted(changes, key=lambda c: (c.operation or "", c.pointer, c.kind, c.message)))


# -- small functions -----------------------------------------------------------------------


def _worst(severities: Iterable[Severity]) -> Severity:
    found = set(severities)
    for severity in SEVERITIES:
        if severity in found:
            return severity
    return "docs"


def _direction_label(directions: frozenset[Direction]) -> str | None:
    return "+".join(d for d in ("request", "response") if d in directions) or None


def _pointer_of(key: str) -> str:
    return key[1:] if key.startswith("#") else key


def _children(named: ir.NamedType) -> Iterator[ir.TypeExpr]:
    if isinstance(named, ir.ObjectType):
        yield from (p.type for p in named.properties)
        if named.additional is not None:
            yield named.additional
    elif isinstance(named, ir.AliasType):
        yield named.target


def _named_in(expr: ir.TypeExpr) -> Iterator[str]:
    if isinstance(expr, ir.Named):
        yield expr.key
    elif isinstance(expr, (ir.ListOf,)):
        yield from _named_in(expr.item)
    elif isinstance(expr, ir.MapOf):
        yield from _named_in(expr.value)
    elif isinstance(expr, ir.Nullable):
        yield from _named_in(expr.inner)
    elif isinstance(expr, ir.UnionOf):
        for variant in expr.variants:
            yield from _named_in(variant)


def _value(default: ir.Default | None) -> Any:
    return None if default is None else default.value


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


# Constraint keywords: which way is narrower. "low" bounds narrow when they grow, "high" when they shrink.
_BOUNDS = {
    "minimum": "low",
    "exclusiveMinimum": "low",
    "minLength": "low",
    "minItems": "low",
    "maximum": "high",
    "exclusiveMaximum": "high",
    "maxLength": "high",
    "maxItems": "high",
}


def _divides(step: float, other: float) -> bool:
    """Whether `other` is a whole multiple of `step`, in decimal (0.3 is one of 0.1)."""
    return Decimal(repr(other)) % Decimal(repr(step)) == 0


@dataclass(frozen=True)
class _Where:
    operation: str | None
    pointer: str
    directions: frozenset[Direction]
    subject: str  # "parameter `Limit`", "field `name` of Conference"
    used_by: tuple[str, ...] = ()


class _Differ:
    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        self._pairs: set[tuple[str, str]] = set()  # (old key, new key) of named types compared by shape
        self._unwrapping: set[tuple[bool, str]] = set()  # (old side?, key) of aliases being stood in by their targets
        self.old_uses = self._uses(old)
        self.new_uses = self._uses(new)
        self.users = self._users(old)
        for key, labels in self._users(new).items():
            self.users[key] |= labels
        self.op_pointers = sorted(
            {(op.pointer, self._op_label(op)) for side in (old, new) for op in side.api.operations},
            key=lambda item: -len(item[0]),
        )

    # -- bookkeeping ----------------------------------------------------------

    @staticmethod
    def _op_label(op: ir.Operation) -> str:
        return f"{op.method} {op.path}"

    def _users(self, side: Side) -> dict[str, set[str]]:
        """Named type (local key) -> the operations and webhooks whose requests or responses reach it."""
        users: dict[str, set[str]] = defaultdict(set)
        roots: list[tuple[str, list[ir.TypeExpr]]] = []
        for op in side.api.operations:
            exprs = [p.type for p in op.parameters] + [r.type for r in op.responses if r.type is not None]
            exprs += [c.body.type for c in op.callbacks if c.body is not None]  # a callback belongs to its operation
            roots.append((self._op_label(op), exprs + ([op.body.type] if op.body is not None else [])))
        for webhook in side.api.webhooks:
            roots.append((f"webhook {webhook.name}", [webhook.body.type] if webhook.body is not None else []))
        for label, exprs in roots:
            pending = [side.local(k) for e in exprs for k in _named_in(e)]
            while pending:
                key = pending.pop()
                if label in users[key]:
                    continue
                users[key].add(label)
                named = side.types.get(key)
                if named is not None:
                    pending.extend(side.local(k) for child in _children(named) for k in _named_in(child))
        return users

    def _uses(self, side: Side) -> dict[str, set[Direction]]:
        uses: dict[str, set[Direction]] = defaultdict(set)

        def mark(expr: ir.TypeExpr, direction: Direction) -> None:
            for key in _named_in(expr):
                local = side.local(key)
                if direction in uses[local]:
                    continue
                uses[local].add(direction)
                named = side.types.get(local)
                if named is not None:
                    for child in _children(named):
                        mark(child, direction)

        for op in side.api.operations:
            for parameter in op.parameters:
                mark(parameter.type, "request")
            if op.body is not None:
                mark(op.body.type, "request")
            for response in op.responses:
                if response.type is not None:
                    mark(response.type, "response")
            for callback in op.callbacks:
                if callback.body is not None:
                    mark(callback.body.type, "response")  # the SDK parses the callbacks it receives
        for webhook in side.api.webhooks:
            if webhook.body is not None:
                mark(webhook.body.type, "response")  # the SDK parses the events it receives
        return uses

    def _operation_at(self, pointer: str) -> str | None:
        for prefix, label in self.op_pointers:
            if pointer == prefix or pointer.startswith(prefix + "/"):
                return label
        return None

    def add(self, kind: str, where: _Where, message: str, old: Any = None, new: Any = None, severity: Severity | None = None) -> None:
        if severity is None:
            verdicts = KINDS[kind]
            chosen = [verdicts[0] if d == "request" else verdicts[1] for d in where.directions or BOTH]
            severity = _worst(s for s in chosen if s is not None)
        self.changes.append(
            Change(
                kind,
                severity,
                where.operation,
                where.pointer,
                message,
                _jsonable(old),
                _jsonable(new),
                _direction_label(where.directions),
                where.used_by,
            )
        )

    def docs(self, where: _Where, what: str, old: str | None, new: str | None) -> None:
        if (old or "") != (new or ""):
            self.add("docs-changed", where, f"{what} of {where.subject} changed", old, new)

    def _node(self, side: Side, pointer: str) -> Located | None:
        """The value at `pointer` of the side's root document, following `$ref`s on the way."""
        node = Located(side.document.contents, side.document.uri, "")
        for token in [unescape_token(t) for t in pointer.split("/")[1:]]:
            node = side.resolver.deref(node)
            value = node.value
            if isinstance(value, dict) and token in value:
                node = node.child(token)
            elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
                node = node.child(int(token))
            else:
                return None
        return side.resolver.deref(node)

    def _place(self, side: Side, node: Located) -> str:
        return node.pointer if node.uri == side.document.uri else side.local(node.key)

    def _parameter_pointer(self, side: Side, op: ir.Operation, parameter: ir.Parameter) -> str:
        for owner in (op.pointer, op.pointer.rsplit("/", 1)[0]):
            node = self._node(side, owner)
            listed = node.value.get("parameters") if node is not None and isinstance(node.value, dict) else None
            if node is None or not isinstance(listed, list):
                continue
            for index in range(len(listed)):
                entry = side.resolver.deref(node.child("parameters", index))
                if isinstance(entry.value, dict) and entry.value.get("name") == parameter.wire_name and entry.value.get("in") == parameter.location:
                    return self._place(side, entry)
        return join_pointer(op.pointer, "parameters")

    def _deref_pointer(self, side: Side, pointer: str) -> str:
        node = self._node(side, pointer)
        return pointer if node is None else self._place(side, node)

    # -- the walk -------------------------------------------------------------------

    def run(self) -> tuple[Change, ...]:
        self._info()
        self._security()
        self._operations()
        self._webhooks()
        self._types()
        unique = {(c.operation or "", c.pointer, c.kind, repr(c.old), repr(c.new), c.message): c for c in _said_once(self.changes)}
        return tuple(unique[k] for k in sorted(unique))

    def _info(self) -> None:
        old, new = self.old.api, self.new.api
        where = _Where(None, "/info", frozenset(), "the API")
        self.docs(where, "title", old.title, new.title)
        self.docs(where, "version", old.version, new.version)
        self.docs(where, "description", old.description, new.description)
        if _base_url(old) != _base_url(new):
            self.add("base-url-changed", _Where(None, "/servers/0" if new.servers else "/servers", frozenset(), "the default base URL"), "the default base URL changed", _base_url(old), _base_url(new))
        elif [s.url for s in old.servers] != [s.url for s in new.servers] or old.servers != new.servers:
            self.add("server-changed", _Where(None, "/servers", frozenset(), "servers"), "servers changed", [s.url for s in old.servers], [s.url for s in new.servers])
        old_tags, new_tags = dict(old.tags), dict(new.tags)
        new_index = {name: index for index, (name, _) in enumerate(new.tags)}
        old_index = {name: index for index, (name, _) in enumerate(old.tags)}
        for name in sorted(set(old_tags) | set(new_tags)):
            if name not in old_tags:
                self.add("docs-changed", _Where(None, f"/tags/{new_index[name]}", frozenset(), f"tag `{name}`"), f"tag `{name}` added", None, name)
            elif name not in new_tags:
                self.add("docs-changed", _Where(None, f"/tags/{old_index[name]}", frozenset(), f"tag `{name}`"), f"tag `{name}` removed", name, None)
            else:
                self.docs(_Where(None, f"/tags/{new_index[name]}", frozenset(), f"tag `{name}`"), "description", old_tags[name], new_tags[name])

    def _security(self) -> None:
        old = {s.key: s for s in self.old.api.security_schemes}
        new = {s.key: s for s in self.new.api.security_schemes}
        for key in sorted(set(old) | set(new)):
            where = _Where(None, join_pointer("/components/securitySchemes", key), frozenset(), f"security scheme `{key}`")
            if key not in old:
                self.add("security-scheme-added", where, f"security scheme `{key}` added", None, new[key].kind)
            elif key not in new:
                self.add("security-scheme-removed", where, f"security scheme `{key}` removed", old[key].kind, None)
            else:
                a, b = old[key], new[key]
                if (a.kind, a.parameter_name, a.location) != (b.kind, b.parameter_name, b.location):
                    self.add("security-scheme-changed", where, f"security scheme `{key}` changed", [a.kind, a.location, a.parameter_name], [b.kind, b.location, b.parameter_name])
                self.docs(where, "description", a.description, b.description)
        self._requirements(_Where(None, "/security", frozenset(), "the API"), self.old.api.security, self.new.api.security)

    def _requirements(self, where: _Where, old: tuple[tuple[str, ...], ...], new: tuple[tuple[str, ...], ...]) -> None:
        before = {frozenset(r) for r in old}
        after = {frozenset(r) for r in new}
        if before == after:
            return
        # An empty list, or an empty requirement among them, lets a caller send no credentials.
        before_open = not before or frozenset() in before
        after_open = not after or frozenset() in after
        if before_open and not after_open:
            kind, what = "security-tightened", f"authentication now required for {where.subject}"
        elif after_open and not before_open:
            kind, what = "security-loosened", f"authentication now optional for {where.subject}"
        elif before - after:
            kind, what = "security-tightened", f"fewer ways to authenticate for {where.subject}"
        else:
            kind, what = "security-loosened", f"more ways to authenticate for {where.subject}"
        self.add(kind, where, what, sorted(sorted(r) for r in before), sorted(sorted(r) for r in after))

    # -- operations ---------------------------------------------------------------------

    def _operations(self) -> None:
        old = {(op.path, op.method): op for op in self.old.api.operations}
        new = {(op.path, op.method): op for op in self.new.api.operations}
        for key in sorted(set(old) | set(new)):
            if key not in old:
                op = new[key]
                self.add("operation-added", _Where(self._op_label(op), op.pointer, frozenset(), "operation"), f"operation {op.operation_id or self._op_label(op)} added")
            elif key not in new:
                op = old[key]
                self.add("operation-removed", _Where(self._op_label(op), op.pointer, frozenset(), "operation"), f"operation {op.operation_id or self._op_label(op)} removed")
            else:
                self._operation(old[key], new[key])

    def _operation(self, a: ir.Operation, b: ir.Operation) -> None:
        label = self._op_label(b)
        here = _Where(label, b.pointer, frozenset(), "the operation")
        if a.operation_id != b.operation_id:
            self.add("operation-renamed", here, "operationId changed (the method's name)", a.operation_id, b.operation_id)
        if a.group != b.group:
            self.add("operation-regrouped", here, "first tag changed (the resource it is reached by)", a.group, b.group)
        if a.deprecated != b.deprecated:
            self.add("operation-deprecated", here, "operation deprecated" if b.deprecated else "operation no longer deprecated", a.deprecated, b.deprecated)
        self.docs(here, "summary", a.summary, b.summary)
        self.docs(here, "description", a.description, b.description)
        if a.security is not None or b.security is not None:
            old_req = a.security if a.security is not None else self.old.api.security
            new_req = b.security if b.security is not None else self.new.api.security
            self._requirements(_Where(label, join_pointer(b.pointer, "security"), frozenset(), "the operation"), old_req, new_req)
        self._parameters(a, b, label)
        self._body(a, b, label)
        self._responses(a, b, label)
        self._callbacks(a, b, label)

    def _callbacks(self, a: ir.Operation, b: ir.Operation, label: str) -> None:
        """An operation's callbacks are part of it: added, removed, or their payloads compared."""
        old = {c.name: c for c in a.callbacks}
        new = {c.name: c for c in b.callbacks}
        response: frozenset[Direction] = frozenset({"response"})  # the SDK parses the requests it receives
        for name in sorted(set(old) | set(new)):
            subject = f"callback `{name}`"
            if name not in old:
                self.add("callback-added", _Where(label, new[name].pointer, response, subject), f"{subject} added")
            elif name not in new:
                self.add("callback-removed", _Where(label, old[name].pointer, response, subject), f"{subject} removed")
            else:
                self._event(old[name], new[name], _Where(label, new[name].pointer, response, subject))

    def _parameters(self, a: ir.Operation, b: ir.Operation, label: str) -> None:
        old = {(p.location, p.wire_name): p for p in a.parameters}
        new = {(p.location, p.wire_name): p for p in b.parameters}
        request: frozenset[Direction] = frozenset({"request"})
        for key in sorted(set(old) | set(new)):
            subject = f"{key[0]} parameter `{key[1]}`"
            if key not in old:
                p = new[key]
                where = _Where(label, self._parameter_pointer(self.new, b, p), request, subject)
                self.add("parameter-added", where, f"{'required' if p.required else 'optional'} {subject} added", None, _sig(self.new, p.type), "breaking" if p.required else "non-breaking")
            elif key not in new:
                p = old[key]
                where = _Where(label, self._parameter_pointer(self.old, a, p), request, subject)
                self.add("parameter-removed", where, f"{subject} removed", _sig(self.old, p.type), None)
            else:
                p, q = old[key], new[key]
                where = _Where(label, self._parameter_pointer(self.new, b, q), request, subject)
                self._required(where, p.required, q.required)
                self._expr(p.type, q.type, _Where(label, join_pointer(where.pointer, "schema"), request, subject))
                self._default(where, p.default, q.default)
                self._constraints(join_pointer(where.pointer, "schema"), where, p.constraints, q.constraints)
                if (p.style, p.explode) != (q.style, q.explode):
                    self.add("parameter-serialization-changed", where, f"style or explode of {subject} changed", [p.style, p.explode], [q.style, q.explode])
                if p.deprecated != q.deprecated:
                    self.add("field-deprecated", where, f"{subject} {'deprecated' if q.deprecated else 'no longer deprecated'}", p.deprecated, q.deprecated)
                self.docs(where, "description", p.description, q.description)

    def _body(self, a: ir.Operation, b: ir.Operation, label: str) -> None:
        request: frozenset[Direction] = frozenset({"request"})
        subject = "the request body"
        if a.body is None and b.body is None:
            return
        if a.body is None:
            assert b.body is not None
            where = _Where(label, self._deref_pointer(self.new, join_pointer(b.pointer, "requestBody")), request, subject)
            self.add("body-added", where, f"{'required' if b.body.required else 'optional'} request body added", None, _sig(self.new, b.body.type), "breaking" if b.body.required else "non-breaking")
            return
        if b.body is None:
            where = _Where(label, self._deref_pointer(self.old, join_pointer(a.pointer, "requestBody")), request, subject)
            self.add("body-removed", where, "request body removed", _sig(self.old, a.body.type), None)
            return
        where = _Where(label, self._deref_pointer(self.new, join_pointer(b.pointer, "requestBody")), request, subject)
        if a.body.media_type != b.body.media_type:
            self.add("media-type-changed", where, "media type of the request body changed", a.body.media_type, b.body.media_type)
        self._required(where, a.body.required, b.body.required)
        self.docs(where, "description", a.body.description, b.body.description)
        self._expr(a.body.type, b.body.type, _Where(label, join_pointer(where.pointer, "content", b.body.media_type, "schema"), request, subject))

    def _responses(self, a: ir.Operation, b: ir.Operation, label: str) -> None:
        old = {r.status: r for r in a.responses}
        new = {r.status: r for r in b.responses}
        response: frozenset[Direction] = frozenset({"response"})
        for status in sorted(set(old) | set(new)):
            subject = f"response {status}"
            if status not in old:
                where = _Where(label, self._deref_pointer(self.new, join_pointer(b.pointer, "responses", status)), response, subject)
                self.add("status-added", where, f"{subject} added", None, status)
                for code in new[status].error_codes:
                    self.add("error-code-added", where, f"error code {code.code} added ({subject})", None, code.code)
                continue
            if status not in new:
                where = _Where(label, self._deref_pointer(self.old, join_pointer(a.pointer, "responses", status)), response, subject)
                self.add("status-removed", where, f"{subject} removed", status, None)
                for code in old[status].error_codes:
                    self.add("error-code-removed", where, f"error code {code.code} removed ({subject})", code.code, None)
                continue
            r, s = old[status], new[status]
            where = _Where(label, self._deref_pointer(self.new, join_pointer(b.pointer, "responses", status)), response, subject)
            self.docs(where, "description", r.description, s.description)
            if r.media_type != s.media_type and r.type is not None and s.type is not None:
                self.add("media-type-changed", where, f"media type of {subject} changed", r.media_type, s.media_type)
            if r.type is None or s.type is None:
                if (r.type is None) != (s.type is None):
                    kind = "response-body-added" if s.type is not None else "response-body-removed"
                    self.add(kind, where, f"{subject} {'now has' if s.type is not None else 'no longer has'} a body", _sig(self.old, r.type), _sig(self.new, s.type))
            else:
                self._expr(r.type, s.type, _Where(label, join_pointer(where.pointer, "content", s.media_type or "", "schema"), response, subject))
            old_codes = {c.code for c in r.error_codes}
            new_codes = {c.code for c in s.error_codes}
            for added in sorted(new_codes - old_codes):
                self.add("error-code-added", where, f"error code {added} added ({subject})", None, added)
            for removed in sorted(old_codes - new_codes):
                self.add("error-code-removed", where, f"error code {removed} removed ({subject})", removed, None)

    def _webhooks(self) -> None:
        old = {w.name: w for w in self.old.api.webhooks}
        new = {w.name: w for w in self.new.api.webhooks}
        response: frozenset[Direction] = frozenset({"response"})
        for name in sorted(set(old) | set(new)):
            subject = f"webhook `{name}`"
            if name not in old:
                self.add("webhook-added", _Where(None, new[name].pointer, response, subject), f"{subject} added")
            elif name not in new:
                self.add("webhook-removed", _Where(None, old[name].pointer, response, subject), f"{subject} removed")
            else:
                self._event(old[name], new[name], _Where(None, new[name].pointer, response, subject))

    def _event(self, a: ir.Webhook, b: ir.Webhook, where: _Where) -> None:
        """A webhook or a callback: a request the API sends, whose payload the SDK parses."""
        self.docs(where, "summary", a.summary, b.summary)
        self.docs(where, "description", a.description, b.description)
        if a.body is not None and b.body is not None:
            self._expr(a.body.type, b.body.type, replace(where, pointer=join_pointer(b.pointer, "requestBody", "content", b.body.media_type, "schema")))
        elif (a.body is None) != (b.body is None):
            self.add("retyped", where, f"payload of {where.subject} {'added' if b.body is not None else 'removed'}", None if a.body is None else _sig(self.old, a.body.type), None if b.body is None else _sig(self.new, b.body.type))

    # -- values ---------------------------------------------------------------------------

    def _required(self, where: _Where, old: bool, new: bool) -> None:
        if old and not new:
            self.add("made-optional", where, f"{where.subject} made optional", True, False)
        elif new and not old:
            self.add("made-required", where, f"{where.subject} made required", False, True)

    def _default(self, where: _Where, old: ir.Default | None, new: ir.Default | None) -> None:
        if old == new:
            return
        if old is None:
            self.add("default-added", where, f"default of {where.subject} added", None, _value(new))
        elif new is None:
            self.add("default-removed", where, f"default of {where.subject} removed", _value(old), None)
        else:
            self.add("default-changed", where, f"default of {where.subject} changed", _value(old), _value(new))

    def _constraints(self, pointer: str, where: _Where, old: ir.Constraints, new: ir.Constraints) -> None:
        before, after = dict(old.as_items()), dict(new.as_items())
        for keyword in sorted(set(before) | set(after)):
            a, b = before.get(keyword), after.get(keyword)
            if a == b:
                continue
            at = replace(where, pointer=join_pointer(pointer, keyword), subject=where.subject)
            side = _BOUNDS.get(keyword)
            if a is None:
                narrowed = True
            elif b is None:
                narrowed = False
            elif side == "low":
                narrowed = b > a
            elif side == "high":
                narrowed = b < a
            elif keyword == "multipleOf":
                narrowed = not _divides(b, a)  # from 10 to 5 every value still fits; from 5 to 10 not
            else:
                narrowed = True  # a different pattern: some values it accepted may now be refused
            kind = "constraint-narrowed" if narrowed else "constraint-widened"
            self.add(kind, at, f"{keyword} of {where.subject} {'narrowed' if narrowed else 'widened'}", a, b)

    def _expr(self, old: ir.TypeExpr, new: ir.TypeExpr, where: _Where) -> None:
        """Compare two type expressions at one place; named types are compared once, in `_types`."""
        old_null, new_null = isinstance(old, ir.Nullable), isinstance(new, ir.Nullable)
        old_any, new_any = (_is_any(e.inner if isinstance(e, ir.Nullable) else e) for e in (old, new))
        if old_null != new_null and not (old_any or new_any):  # a value of any type may be null already
            kind = "made-nullable" if new_null else "made-non-nullable"
            self.add(kind, where, f"{where.subject} {'made nullable' if new_null else 'no longer nullable'}", old_null, new_null)
        if isinstance(old, ir.Nullable):
            old = old.inner
        if isinstance(new, ir.Nullable):
            new = new.inner
        if isinstance(old, ir.Named) and isinstance(new, ir.Named) and self.old.local(old.key) == self.new.local(new.key):
            return  # one named type: compared once, in `_types`
        if old_any != new_any:
            kind = "retyped-from-any" if old_any else "retyped-to-any"
            self.add(kind, where, f"{where.subject} retyped", _sig(self.old, old), _sig(self.new, new))
            return
        # A named type met where the other side has something else, or another named type: an alias
        # stands for its target (a union made a component), and two named types are compared by shape
        # (an inline schema moved to a component is the same type to a caller).
        old_alias = self._alias_target(self.old, old)
        new_alias = self._alias_target(self.new, new)
        if old_alias is not None or new_alias is not None:
            unwrapping = {(True, k) for k in _named_in(old) if old_alias is not None} | {(False, k) for k in _named_in(new) if new_alias is not None}
            self._unwrapping |= unwrapping
            try:
                self._expr(old if old_alias is None else old_alias, new if new_alias is None else new_alias, where)
            finally:
                self._unwrapping -= unwrapping
            return
        if isinstance(old, ir.Named) and isinstance(new, ir.Named):
            self._moved(old, new, where)
        elif isinstance(old, ir.ListOf) and isinstance(new, ir.ListOf):
            self._expr(old.item, new.item, replace(where, pointer=join_pointer(where.pointer, "items"), subject=f"items of {where.subject}"))
        elif isinstance(old, ir.MapOf) and isinstance(new, ir.MapOf):
            self._expr(old.value, new.value, replace(where, pointer=join_pointer(where.pointer, "additionalProperties"), subject=f"values of {where.subject}"))
        elif isinstance(old, ir.UnionOf) or isinstance(new, ir.UnionOf):
            # A union and a type it had or gained as a variant: variants removed or added.
            before = {str(_sig(self.old, v)) for v in (old.variants if isinstance(old, ir.UnionOf) else (old,))}
            after = {str(_sig(self.new, v)) for v in (new.variants if isinstance(new, ir.UnionOf) else (new,))}
            if not before & after:
                self.add("retyped", where, f"{where.subject} retyped", _sig(self.old, old), _sig(self.new, new))
                return
            for variant in sorted(after - before):
                self.add("union-variant-added", where, f"variant {variant} added to {where.subject}", None, variant)
            for variant in sorted(before - after):
                self.add("union-variant-removed", where, f"variant {variant} removed from {where.subject}", variant, None)
        elif _sig(self.old, old) != _sig(self.new, new):
            self.add("retyped", where, f"{where.subject} retyped", _sig(self.old, old), _sig(self.new, new))

    def _alias_target(self, side: Side, expr: ir.TypeExpr) -> ir.TypeExpr | None:
        if not isinstance(expr, ir.Named):
            return None
        named = side.types.get(side.local(expr.key))
        if not isinstance(named, ir.AliasType) or (side is self.old, expr.key) in self._unwrapping:
            return None  # an alias met again inside its own target: compare it as a name
        return named.target

    def _moved(self, old: ir.Named, new: ir.Named, where: _Where) -> None:
        """Two named types at one place: equal shapes report nothing, other shapes their differences."""
        old_key, new_key = self.old.local(old.key), self.new.local(new.key)
        a, b = self.old.types.get(old_key), self.new.types.get(new_key)
        if a is None or b is None:
            self.add("retyped", where, f"{where.subject} retyped", _sig(self.old, old), _sig(self.new, new))
            return
        if (old_key, new_key) in self._pairs:
            return
        self._pairs.add((old_key, new_key))
        pointer = _pointer_of(new_key) if new_key.startswith("#") else where.pointer
        name = _type_name(b, new_key)
        self._named(a, b, replace(where, pointer=pointer, subject=f"type {name}"), name)

    # -- named types -----------------------------------------------------------------------

    def _named(self, a: ir.NamedType, b: ir.NamedType, where: _Where, name: str) -> None:
        self.docs(where, "description", a.description, b.description)
        if type(a) is not type(b):
            self.add("retyped", where, f"type {name} changed from {type(a).__name__} to {type(b).__name__}", type(a).__name__, type(b).__name__)
        elif isinstance(a, ir.EnumType) and isinstance(b, ir.EnumType):
            self._enum(a, b, where)
        elif isinstance(a, ir.ObjectType) and isinstance(b, ir.ObjectType):
            self._object(a, b, where, name)
        elif isinstance(a, ir.AliasType) and isinstance(b, ir.AliasType):
            self._expr(a.target, b.target, where)

    def _types(self) -> None:
        for key in sorted(set(self.old.types) | set(self.new.types)):
            a, b = self.old.types.get(key), self.new.types.get(key)
            pointer = _pointer_of(key)
            is_component = len(pointer.split("/")) == 4 and pointer.startswith("/components/schemas/")
            operation = self._operation_at(pointer) if pointer.startswith("/paths/") else None
            directions = frozenset(self.old_uses.get(key, set()) | self.new_uses.get(key, set())) or BOTH
            name = _type_name(b or a, key)
            used_by = () if operation is not None else tuple(sorted(self.users.get(key, set())))
            where = _Where(operation, pointer, directions, f"type {name}", used_by)
            if a is None:
                if is_component:
                    self.add("type-added", where, f"type {name} added")
                continue
            if b is None:
                if is_component:
                    self.add("type-removed", where, f"type {name} removed")
                continue
            self._named(a, b, where, name)

    def _enum(self, a: ir.EnumType, b: ir.EnumType, where: _Where) -> None:
        pointer = join_pointer(where.pointer, "enum")
        at = replace(where, pointer=pointer, subject=where.subject)
        for value in sorted(set(b.values) - set(a.values), key=str):
            self.add("enum-value-added", at, f"value {value!r} added to {where.subject}", None, value)
        for value in sorted(set(a.values) - set(b.values), key=str):
            self.add("enum-value-removed", at, f"value {value!r} removed from {where.subject}", value, None)

    def _object(self, a: ir.ObjectType, b: ir.ObjectType, where: _Where, name: str) -> None:
        old = {p.wire_name: p for p in a.properties}
        new = {p.wire_name: p for p in b.properties}
        for wire in sorted(set(old) | set(new)):
            subject = f"field `{wire}` of {name}"
            at = replace(where, pointer=join_pointer(where.pointer, "properties", wire), subject=subject)
            if wire not in old:
                p = new[wire]
                severity = _worst(
                    ("breaking" if p.required and not p.read_only else "non-breaking") if d == "request" else "non-breaking"
                    for d in where.directions
                )
                self.add("field-added", at, f"{'required' if p.required else 'optional'} {subject} added", None, _sig(self.new, p.type), severity)
            elif wire not in new:
                self.add("field-removed", at, f"{subject} removed", _sig(self.old, old[wire].type), None)
            else:
                p, q = old[wire], new[wire]
                self._required(at, p.required, q.required)
                self._expr(p.type, q.type, at)
                self._default(at, p.default, q.default)
                self._constraints(at.pointer, at, p.constraints, q.constraints)
                if (p.read_only, p.write_only) != (q.read_only, q.write_only):
                    self.add("field-access-changed", at, f"readOnly or writeOnly of {subject} changed", [p.read_only, p.write_only], [q.read_only, q.write_only])
                if p.deprecated != q.deprecated:
                    self.add("field-deprecated", at, f"{subject} {'deprecated' if q.deprecated else 'no longer deprecated'}", p.deprecated, q.deprecated)
                self.docs(at, "description", p.description, q.description)
        if (a.additional is None) != (b.additional is None):
            at = replace(where, pointer=join_pointer(where.pointer, "additionalProperties"), subject=f"additional fields of {name}")
            self.add("retyped", at, f"{name} {'now has' if b.additional is not None else 'no longer has'} additional fields", None if a.additional is None else _sig(self.old, a.additional), None if b.additional is None else _sig(self.new, b.additional))
        elif a.additional is not None and b.additional is not None:
            self._expr(a.additional, b.additional, replace(where, pointer=join_pointer(where.pointer, "additionalProperties"), subject=f"additional fields of {name}"))


_MEMBERSHIP = frozenset(
    f"{part}-{what}" for part in ("operation", "parameter", "body", "status", "callback") for what in ("added", "removed")
)


def _is_any(expr: ir.TypeExpr) -> bool:
    return isinstance(expr, ir.Primitive) and expr.kind == "any"


def _said_once(changes: list[Change]) -> list[Change]:
    """A change met through several operations (a shared response, parameter or request body: one
    place, one change) becomes one entry without an operation, naming them all in `used_by`."""
    places: dict[tuple[str, str, str, str, str], list[Change]] = defaultdict(list)
    for change in changes:
        places[(change.pointer, change.kind, change.message, repr(change.old), repr(change.new))].append(change)
    said: list[Change] = []
    for same in places.values():
        operations = {c.operation for c in same if c.operation is not None}
        # An operation that starts or stops using a shared part is a change of that operation.
        if len(operations) < 2 or same[0].kind in _MEMBERSHIP:
            said.extend(same)
            continue
        users = sorted(operations | {u for c in same for u in c.used_by})
        severity = _worst(c.severity for c in same)
        said.append(replace(same[0], operation=None, severity=severity, used_by=tuple(users)))
    return said


def _base_url(api: ir.Api) -> str | None:
    """The URL the generated client calls when given none: the first server, its variables at their defaults."""
    if not api.servers:
        return None
    server = api.servers[0]
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name + "}", variable.default)
    return url


def _type_name(named: ir.NamedType | None, key: str) -> str:
    if named is not None and named.hint.explicit:
        return named.hint.explicit
    if named is not None and named.hint.context:
        return "(" + " ".join(named.hint.context) + ")"
    return _pointer_of(key)


def _sig(side: Side, expr: ir.TypeExpr | None) -> str | None:
    """A short, order-independent spelling of a type for messages and comparisons."""
    if expr is None:
        return None
    if isinstance(expr, ir.Primitive):
        return expr.kind
    if isinstance(expr, ir.Named):
        local = side.local(expr.key)
        return _type_name(side.types.get(local), local)
    if isinstance(expr, ir.ListOf):
        return f"list[{_sig(side, expr.item)}]"
    if isinstance(expr, ir.MapOf):
        return f"map[{_sig(side, expr.value)}]"
    if isinstance(expr, ir.Nullable):
        return f"{_sig(side, expr.inner)} | null"
    return " | ".join(sorted(str(_sig(side, v)) for v in expr.variants))

"""Render stage: build template views from the model and names, then apply the templates.

All decisions live in the view builders below; the Jinja templates only print
the strings they are given. Every literal that comes from the spec goes through
`repr` or `docstring`, so no spec text can end a string or a docstring early.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from generator import TEMPLATES, ir
from generator.collector import collector_paused
from generator.openapi.conventions import TypeTable
from generator.naming import ANNOTATION_BUILTINS, PAGINATION_CLASSES, Names, OperationNames, flattened_body, request_properties, upper_snake, used_security_schemes, words
from generator.emit.imports import RUNTIME_NAMES, ImportsView, References, identifiers, imports_of, models_runtime
from generator.emit.template_cache import compiled_templates
from generator.emit.source import (
    annotated_parameter,
    assigned_call,
    assignment,
    block_docstring,
    bracket,
    call,
    class_head,
    conditional_dict,
    docstring,
    field_call,
    field_declaration,
    fits,
    import_from,
    keyword_call,
    method_head,
    operation_statement,
    py,
    signature_end,
    tuple_assignment,
    union_assignment,
)


def default_note(default: ir.Default) -> str:
    """The sentence a docstring says a spec default in: its JSON value, as the spec writes it."""
    return f"Default: ``{json.dumps(default.value, ensure_ascii=False)}``."


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# Views are records the templates read, never compared: `eq=False` spares each class the
# `__eq__` and `__hash__` that dataclasses compile for it when the module loads.
# Slotted and not frozen: a whole API has some 40,000 fields, and a frozen dataclass sets each
# attribute through `object.__setattr__` (three times the cost). Nothing changes a view once built.
@dataclass(slots=True, eq=False)
class FieldView:
    """A field of a generated model class: its name, annotation, default and docstring."""

    name: str
    annotation: str
    default: str | None  # the code after `=`, if any
    doc: str
    declaration: str  # `name: annotation = default` in a class body (at 4 spaces), as black lays it out


@dataclass(frozen=True, eq=False)
class ClassView:
    """A generated model class (a dataclass of the SDK's models)."""

    name: str
    doc: str
    fields: tuple[FieldView, ...]
    base: str = "Model"
    wrapper: str | None = None  # the literal of the one-key object the fields sit in
    refers: frozenset[str] = frozenset()  # the model names its fields name


@dataclass(frozen=True, eq=False)
class EnumView:
    """A generated enum class and its members."""

    name: str
    base: str
    doc: str
    members: tuple[tuple[str, str], ...]  # (member name, value literal)

    @property
    def statements(self) -> tuple[str, ...]:
        """`MEMBER = value` for each member, in a class body, as black lays it out."""
        return tuple(assignment(member, value, 4) for member, value in self.members)


@dataclass(frozen=True, eq=False)
class AliasView:
    """A generated type alias (a named union, list or map)."""

    name: str
    target: str
    doc: str
    refers: frozenset[str] = frozenset()  # the model names its target names

    @property
    def statement(self) -> str:
        """`name = target`, as black lays it out."""
        return union_assignment(self.name, self.target.split(" | ")) or f"{self.name} = {self.target}"


@dataclass(frozen=True, eq=False)
class ArgumentView:
    """An argument of a generated operation method."""

    name: str
    annotation: str
    default: str | None
    doc: str

    @property
    def parameter(self) -> str:
        """Its line in a method's exploded signature (at 8 spaces), as black lays it out."""
        return annotated_parameter(self.name, self.annotation, self.default, 8)


@dataclass(frozen=True, eq=False)
class OperationView:
    """An operation as its generated method and `Operation` descriptor show it."""

    method: str
    constant: str
    http_method: str
    path: str
    summary: str
    doc: str
    positional: tuple[ArgumentView, ...]
    keyword: tuple[ArgumentView, ...]
    returns: str
    descriptor: str  # the Operation(...) expression
    pager: str | None = None  # the method iterating over the items of all pages
    item_type: str = ""  # the annotation of one item, for `pager`
    stream: str | None = None  # the method reading a streamed success item by item
    stream_item: str = ""  # the annotation of one item, for `stream`

    statement: str = ""  # `CONSTANT: Operation[returns] = Operation(...)`, as black lays it out
    error_class: str = ""  # the class raised when the operation fails
    refers: frozenset[str] = frozenset()  # the model names its method and `Operation` name
    shared_params: tuple[str, ...] = ()  # the module constants of the shared parameters it takes
    deprecation: str | None = None  # a deprecated operation's warning, the literal its methods' decorator takes


@dataclass(frozen=True, eq=False)
class GroupView:
    """A resource group of the client: its classes (sync, async and raw) and operations."""

    attribute: str
    class_name: str
    async_class_name: str
    doc: str
    summary: str
    operations: tuple[OperationView, ...]
    raw_class_name: str = ""
    raw_async_class_name: str = ""

    @functools.cached_property
    def definitions(self) -> tuple[MethodView, ...]:
        """The resource class's methods in the order it defines them: each operation's, then its
        pager. A type checker reads a class body in order, and `list[str]` after `def list` would
        name the method: the methods named like a name the annotations use (`list`, `str`) come
        last, `datetime` (a module) the very last, and in those after the first such method its
        name is spelt `builtins.list`."""
        defined = [(op, kind) for op in self.operations for kind in ("call", *(("pages",) if op.pager else ()), *(("stream",) if op.stream else ()))]
        shadowing = sorted(
            (item for item in defined if item[1] == "call" and item[0].method in ANNOTATION_BUILTINS), key=lambda item: (item[0].method == "datetime", item[0].method)
        )
        methods = [MethodView.of(op, kind) for op, kind in defined if (op, kind) not in shadowing]
        hidden: set[str] = set()
        for op, kind in shadowing:
            methods.append(MethodView.of(op, kind, frozenset(hidden)))
            hidden.add(op.method)
        return tuple(methods)

    @property
    def uses_builtins(self) -> bool:
        """Whether its resource class spells a builtin `builtins.<name>` (see `definitions`)."""
        return any(method.spelt_builtins for method in self.definitions)


# A name of the builtins in an annotation, not in a string literal nor after a dot.
_ANNOTATION_NAME = re.compile(r'("(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?<![\w.])([a-z]+)\b')


def _spelt_builtins(annotation: str, hidden: frozenset[str]) -> str:
    """`annotation` with each name of `hidden` (methods defined before it in a class body) spelt
    `builtins.<name>`; strings are left as they are."""
    if not hidden:
        return annotation
    return _ANNOTATION_NAME.sub(lambda m: f"builtins.{m.group(2)}" if m.group(2) in hidden else m.group(0), annotation)


@dataclass(frozen=True, eq=False)
class MethodView:
    """One method of a resource class: an operation's call, its pager (`kind` "pages") or its
    stream (`kind` "stream"), with its signature's parameters (each line, at 8 spaces) and its
    return annotation."""

    operation: OperationView
    kind: str  # "call", "pages" or "stream"
    name: str
    positional: tuple[str, ...]
    keyword: tuple[str, ...]
    returns: str
    spelt_builtins: bool = False  # whether a name of the builtins is spelt `builtins.<name>` in it

    @staticmethod
    def of(op: OperationView, kind: str, hidden: frozenset[str] = frozenset()) -> MethodView:
        hidden = hidden - {"datetime"}  # (a module, last of all: never hidden from a method after it)
        returns = f"Pager[{op.item_type}]" if kind == "pages" else f"Stream[{op.stream_item}]" if kind == "stream" else op.returns
        spelt = _spelt_builtins(returns, hidden)
        changed = spelt != returns

        def parameters(arguments: Sequence[ArgumentView]) -> tuple[str, ...]:
            nonlocal changed
            lines = []
            for argument in arguments:
                annotation = _spelt_builtins(argument.annotation, hidden)
                changed = changed or annotation != argument.annotation
                lines.append(argument.parameter if annotation == argument.annotation else annotated_parameter(argument.name, annotation, argument.default, 8))
            return tuple(lines)

        positional, keyword = parameters(op.positional), parameters(op.keyword)
        name = (op.pager or "") if kind == "pages" else (op.stream or "") if kind == "stream" else op.method
        return MethodView(op, kind, name, positional, keyword, spelt, changed)


@dataclass(frozen=True, eq=False)
class ErrorView:
    """A generated error class: for a status, an API error code, or an operation."""

    name: str
    base: str
    doc: str
    attribute: str | None  # `status_code = 400` or `code = "90032"`


@dataclass(frozen=True, eq=False)
class CredentialView:
    """A credential the client takes: its argument and the environment variable it falls back on."""

    argument: str
    environment: str
    doc: str


@dataclass(frozen=True, eq=False)
class EventView:
    """A route of the webhook event parser: where the event's tag is, its value, its class."""

    path: str  # a tuple literal of wire names
    value: str  # a string literal
    class_name: str

    @property
    def route(self) -> str:
        """`EventRoute(path, value, class),`, an item of the exploded `EVENTS` tuple."""
        return call("", "EventRoute", [self.path, self.value, self.class_name], 4, ",")

    @property
    def route_line(self) -> str:
        """`EventRoute(path, value, class)` on one line."""
        return f"EventRoute({self.path}, {self.value}, {self.class_name})"


@dataclass(frozen=True, eq=False)
class ClientView:
    """One of the two client classes, sync or async."""

    name: str
    base: str
    http_client: str
    is_async: bool


CLIENTS = (
    ClientView("Client", "BaseClient", "httpx.Client", False),
    ClientView("AsyncClient", "AsyncBaseClient", "httpx.AsyncClient", True),
)


def _imports(code: str, runtime: Iterable[str], models: Iterable[str] = (), always: Iterable[str] = ()) -> ImportsView:
    return imports_of(identifiers(code), runtime, models, always)


@dataclass(frozen=True, eq=False)
class PackageView:
    """Everything a generated package's files are rendered from."""

    package: str
    distribution: str
    version: str
    title: str
    doc: str
    base_url: str
    classes: tuple[ClassView, ...]
    enums: tuple[EnumView, ...]
    aliases: tuple[AliasView, ...]
    groups: tuple[GroupView, ...]
    status_errors: tuple[ErrorView, ...]
    code_errors: tuple[ErrorView, ...]
    operation_errors: tuple[ErrorView, ...]
    status_map: tuple[tuple[str, str], ...]
    code_map: tuple[tuple[str, str], ...]
    credentials: tuple[CredentialView, ...]
    auth_expression: str
    credentials_required: bool
    imports: dict[str, ImportsView] = field(default_factory=dict)
    example: str = ""
    operation_table: tuple[tuple[str, str, str], ...] = ()
    clients: tuple[ClientView, ...] = CLIENTS
    shared_params: tuple[str, ...] = ()  # `NAME = Param(...)` statements
    security: str = "()"  # the API's security requirements, a tuple literal
    events: tuple[EventView, ...] = ()
    event_classes: tuple[str, ...] = ()
    environment_prefix: str = ""  # `<PREFIX>_BASE_URL`, `<PREFIX>_LOG`
    raw_groups: tuple[GroupView, ...] = ()  # the groups with operations: `with_raw_response`
    runtime_modules: tuple[str, ...] = ()  # the modules of `templates/runtime/` the package ships
    signature: str = ""  # `SIGNATURE = SignatureScheme(...)`: how the API signs its webhooks
    signature_headers: str = ""  # the headers it reads, for the docstring
    signature_algorithm: str = "ed25519"
    missing_credentials: str = ""  # `raise errors.APIError(...)` when no credential is found

    @property
    def events_statement(self) -> str:
        """`EVENTS: tuple[EventRoute, ...] = (...)`, the webhook routes, as black lays it out."""
        return tuple_assignment("EVENTS: tuple[EventRoute, ...]", [e.route_line for e in self.events], [e.route for e in self.events])


class _Builder:
    def __init__(self, api: ir.Api, names: Names, quoted_types: bool = False) -> None:
        self.api = api
        self.names = names
        # An SDK split by group names the types of its Operations as strings, which the
        # runtime looks up on first use, so loading a group loads none of its models.
        self.quoted_types = quoted_types
        self.references = References()  # the model names each piece refers to
        self.model_names = frozenset(names.types.values())
        self.types = api.type_by_key()
        self.table = TypeTable(api)
        self.param_constants: dict[str, str] = {}  # one-line Param(...) -> its module constant
        self.shared_options: dict[str, list[str]] = {}  # one-line Param(...) -> its arguments

    # -- types ---------------------------------------------------------------

    def refer(self, key: str) -> str:
        """The name of the model `key`, recorded as referred to by the piece being built."""
        name = self.names.types[key]
        self.references.add(name)
        return name

    def annotation(self, expr: ir.TypeExpr) -> str:
        if isinstance(expr, ir.Primitive):
            return {
                "str": "str",
                "int": "int",
                "float": "float",
                "bool": "bool",
                "bytes": "bytes",
                "date": "datetime.date",
                "datetime": "datetime.datetime",
                "any": "Any",
                "none": "None",
            }[expr.kind]
        if isinstance(expr, ir.ListOf):
            return f"list[{self.annotation(expr.item)}]"
        if isinstance(expr, ir.MapOf):
            return f"dict[str, {self.annotation(expr.value)}]"
        if isinstance(expr, ir.Named):
            return self.refer(expr.key)
        if isinstance(expr, ir.Nullable):
            inner = self.annotation(expr.inner)
            return inner if inner == "Any" else f"{inner} | None"
        with self.references.piece(enclosed=False) as named:
            variants = " | ".join(dict.fromkeys(self.annotation(v) for v in expr.variants))
        if "Any" in variants.split(" | "):
            return "Any"  # which names no variant
        self.references.add(*named)
        if expr.discriminator is None:
            return variants
        return self.discriminated(variants, expr.discriminator)

    def discriminated(self, union: str, discriminator: ir.Discriminator) -> str:
        """`Annotated[union, Discriminator(property, mapping)]`, the mapping a tuple of `(value, Class)`
        pairs: with a trailing comma only when it has one pair (a comma black would take for
        a magic one, splitting every bracket around it, however short the line)."""
        pairs = [f"({py(value)}, {self.refer(key)})" for value, key in discriminator.mapping]
        mapping = f"({pairs[0]},)" if len(pairs) == 1 else f"({', '.join(pairs)})"
        return f"Annotated[{union}, Discriminator({py(discriminator.property)}, {mapping})]"

    def literal(self, value: Any, expr: ir.TypeExpr) -> str | None:
        """Python source for a spec default (its parsed value) of type `expr`; None if it does not fit."""
        if isinstance(expr, ir.Nullable):
            return "None" if value is None else self.literal(value, expr.inner)
        if isinstance(expr, ir.Named):
            target = self.types[expr.key]
            if isinstance(target, ir.EnumType) and value in target.values:
                member = self.names.member(target, value)
                return f"{self.refer(target.key)}.{member}"
            if isinstance(target, ir.AliasType):
                return self.literal(value, target.target)
            if isinstance(target, ir.ObjectType) and isinstance(value, dict) and _json_literal(value):
                demanded = {p.wire_name for p in target.properties if p.required and not (p.read_only or p.write_only)}
                inner = value[target.wrapper] if target.wrapper is not None and target.wrapper in value else value
                if not isinstance(inner, dict) or not demanded <= set(inner):
                    return None  # a default that lacks a required field would fail every construction
                return f"{self.refer(target.key)}.from_dict({py(value)})"
            return None
        if isinstance(expr, ir.UnionOf):
            # The first variant the value fits, as the runtime decodes a union.
            return next((found for v in expr.variants if (found := self.literal(value, v)) is not None), None)
        if isinstance(expr, ir.Primitive):
            if expr.kind in ("date", "datetime"):
                kind = datetime.datetime if expr.kind == "datetime" else datetime.date
                return repr(value) if type(value) is kind else None
            checks = {
                "str": lambda v: isinstance(v, str),
                "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
                "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
                "bool": lambda v: isinstance(v, bool),
                "any": lambda v: v is None or _json_literal(v),
            }
            fits = checks.get(expr.kind)
            if fits is not None and fits(value):
                return py(float(value) if expr.kind == "float" else value)
            return None
        if isinstance(expr, ir.ListOf) and isinstance(value, list) and _json_literal(value):
            # Each item as its type writes it: an enum's members, not their wire values.
            items = [self.literal(item, expr.item) for item in value]
            return None if None in items else "[" + ", ".join(item for item in items if item is not None) + "]"
        if isinstance(expr, ir.MapOf) and isinstance(value, dict) and _json_literal(value):
            entries = {key: self.literal(item, expr.value) for key, item in value.items()}
            if None in entries.values():
                return None
            return "{" + ", ".join(f"{py(key)}: {text}" for key, text in entries.items()) + "}"
        return None

    def _field_default(self, prop: ir.Property, name: str, metadata: dict[str, Any]) -> tuple[str, str | None, str]:
        """A field's annotation, the code after its `=` (if any) and its declaration."""
        annotation = self.annotation(prop.type)
        literal = None
        # A readOnly field is absent from requests and a writeOnly one from responses:
        # whatever the spec's `required`, the dataclass cannot demand them.
        required = prop.required and not (prop.read_only or prop.write_only)
        if prop.default is not None:  # (most fields have none: no piece of references for them)
            with self.references.piece(enclosed=False) as named:
                literal = self.literal(prop.default.parsed, prop.type)
            if not required:  # the default is written: the models it names are referred to
                self.references.add(*named)
        entries = [f"{py(key)}: {py(value)}" for key, value in metadata.items()]
        if not required:
            annotation = annotation if literal is not None else f"{annotation} | Unset"
        if required:
            arguments: list[str] = []
        elif literal is not None and _mutable(literal):
            arguments = [f"default_factory=lambda: {literal}"]
        else:
            default = literal if literal is not None else "UNSET"
            if not entries:
                return annotation, default, annotated_parameter(name, annotation, default, 4, assignment=True)
            arguments = [f"default={default}"]
        if not entries and not arguments:
            return annotation, None, annotated_parameter(name, annotation, None, 4, assignment=True)
        declaration = field_declaration(name, annotation, arguments, entries, 4)
        prefix = f"{name}: {annotation} = "
        code = (field_call(prefix, arguments, entries, 4) if entries else call(prefix, "field", arguments, 4))[len(prefix) :]
        return annotation, code, declaration

    def class_view(self, obj: ir.ObjectType) -> ClassView:
        with self.references.piece() as refers:
            fields = self._fields(obj)
        doc = obj.description or obj.hint.title or f"The {self.names.types[obj.key]} object."
        return ClassView(self.names.types[obj.key], block_docstring(doc, 4), fields, refers=frozenset(refers))

    def _fields(self, obj: ir.ObjectType) -> tuple[FieldView, ...]:
        fields = []
        for prop in obj.properties:
            name = self.names.attribute(obj, prop)
            metadata: dict[str, Any] = {}
            if name != prop.wire_name:
                metadata["wire"] = prop.wire_name
            if _checks_anything(prop.constraints):
                metadata.update(dict(prop.constraints.as_items()))
            if prop.read_only:
                metadata["readOnly"] = True
            if prop.write_only:
                metadata["writeOnly"] = True
            annotation, default, declaration = self._field_default(prop, name, metadata)
            doc = prop.description or ""
            applied = not prop.required or prop.read_only or prop.write_only  # as in _field_default
            if applied and prop.default is not None and self._documented_default(prop) is not None:
                doc = (doc + "\n\n" if doc else "") + default_note(prop.default)
            if prop.deprecated:
                doc = (doc + "\n\n" if doc else "") + "Deprecated."
            fields.append(FieldView(name, annotation, default, docstring(doc, 4), declaration))
        return tuple(fields)

    def _documented_default(self, prop: ir.Property) -> str | None:
        """The source of a field's default, for its docstring only: no model is referred to."""
        assert prop.default is not None
        with self.references.piece(enclosed=False):
            return self.literal(prop.default.parsed, prop.type)

    def enum_view(self, enum: ir.EnumType) -> EnumView:
        members = tuple(zip(self.names.members[enum.key], (py(v) for v in enum.values)))
        doc = enum.description if enum.hint.explicit else None
        doc = doc or f"Values of {' '.join(enum.hint.context[-1:]) or self.names.types[enum.key]}."
        base = "OpenIntEnum" if enum.base == "int" else "OpenStrEnum"
        return EnumView(self.names.types[enum.key], base, block_docstring(doc, 4), members)

    def alias_views(self) -> tuple[AliasView, ...]:
        aliases = [t for t in self.api.types if isinstance(t, ir.AliasType)]
        ordered: list[ir.AliasType] = []
        placed: set[str] = set()
        pending = sorted(aliases, key=lambda a: self.names.types[a.key])
        alias_keys = {a.key for a in aliases}
        needs = {a.key: _named_keys(a.target) & alias_keys - {a.key} for a in aliases}
        while pending:
            waiting = []  # (one pass over them each round: a whole API has thousands of aliases)
            for alias in pending:
                if needs[alias.key] <= placed:
                    ordered.append(alias)
                    placed.add(alias.key)
                else:
                    waiting.append(alias)
            if len(waiting) == len(pending):  # a cycle through aliases only: keep the rest in name order
                ordered.extend(waiting)
                break
            pending = waiting
        position = {alias.key: index for index, alias in enumerate(ordered)}
        views = []
        for index, alias in enumerate(ordered):
            # An alias that names itself, or one defined after it, is evaluated at import: those names are quoted.
            later = frozenset(key for key in _named_keys(alias.target) if position.get(key, -1) >= index)
            with self.references.piece() as refers:
                target = self.alias_target(alias.target, later)
            views.append(AliasView(self.names.types[alias.key], target, docstring(alias.description), frozenset(refers)))
        return tuple(views)

    def alias_target(self, expr: ir.TypeExpr, forward: frozenset[str]) -> str:
        """The annotation of an alias's target, evaluated at import although it names types in
        `forward` that are not defined yet: those names are quoted (`dict[str, "X"] | Y`), and a
        union in which one of them stands bare is spelt `Union["X", None]`, as `"X" | None` fails
        (and a string is no type alias, nor can another annotation say `"X | None" | Unset`)."""
        if not forward or not (_named_keys(expr) & forward):
            return self.annotation(expr)
        if isinstance(expr, ir.Named):
            return py(self.refer(expr.key))
        if isinstance(expr, ir.ListOf):
            return f"list[{self.alias_target(expr.item, forward)}]"
        if isinstance(expr, ir.MapOf):
            return f"dict[str, {self.alias_target(expr.value, forward)}]"
        if not isinstance(expr, (ir.Nullable, ir.UnionOf)):
            return self.annotation(expr)
        parts = [expr.inner] if isinstance(expr, ir.Nullable) else list(expr.variants)
        bare = any(isinstance(part, ir.Named) and part.key in forward for part in parts)
        if bare:
            spelt = [self.alias_target(part, forward) for part in parts] + (["None"] if isinstance(expr, ir.Nullable) else [])
            union = f"Union[{', '.join(dict.fromkeys(spelt))}]"
            if isinstance(expr, ir.UnionOf) and expr.discriminator is not None:
                return self.discriminated(union, expr.discriminator)
            return union
        if isinstance(expr, ir.Nullable):
            return f"{self.alias_target(expr.inner, forward)} | None"
        return " | ".join(dict.fromkeys(self.alias_target(v, forward) for v in expr.variants))

    # -- operations ----------------------------------------------------------

    def descriptor_type(self, expr: ir.TypeExpr | None) -> str:
        """A type in an `Operation(...)` (`None` for no content): as written, or quoted when it
        names a model and `quoted_types` holds."""
        if expr is None:
            return "None"
        with self.references.piece() as named:
            annotation = self.annotation(expr)
        return py(annotation) if self.quoted_types and named else annotation

    def _argument(self, name: str, expr: ir.TypeExpr, required: bool, default: ir.Default | None, doc: str | None) -> ArgumentView:
        """A method argument. Only what the caller sets is sent: an optional argument is
        `UNSET` until given, and the spec's default, which the server applies, is documented."""
        annotation = self.argument_annotation(expr)
        if required:
            return ArgumentView(name, annotation, None, one_line(doc))
        text = one_line(doc)
        if default is not None:
            shown = json.dumps(default.value, ensure_ascii=False, default=str)
            text = f"{text} (the server's default: ``{shown}``)" if text else f"The server's default: ``{shown}``."
        return ArgumentView(name, f"{annotation} | Unset", "UNSET", text)

    def argument_annotation(self, expr: ir.TypeExpr) -> str:
        """An argument's annotation: an enum is accepted as a member or as its `Literal` values."""
        if isinstance(expr, ir.Nullable):
            inner = self.argument_annotation(expr.inner)
            return inner if inner == "Any" else f"{inner} | None"
        if isinstance(expr, ir.Named):
            target = self.types[expr.key]
            if isinstance(target, ir.EnumType) and target.values:
                values = ", ".join(py(v) for v in target.values)
                # A value spelt like a model (`Literal["Team"]`) counts as naming it, as it did when
                # imports were found in the text: the group's type-checking imports stay as they were.
                self.references.add(*(self.model_names & identifiers(" ".join(v for v in target.values if isinstance(v, str)))))
                return f"{self.refer(target.key)} | Literal[{values}]"
        if isinstance(expr, ir.ListOf):
            return f"list[{self.argument_annotation(expr.item)}]"
        return self.annotation(expr)

    def _attribute_path(self, start: ir.TypeExpr, path: Sequence[str]) -> tuple[str, ...]:
        """The attribute names along a path of wire names, from a value of type `start`."""
        attributes = []
        expr: ir.TypeExpr | None = start
        for wire in path:
            obj = self.table.object(expr)
            assert obj is not None, f"no object at {wire!r}"
            prop = next(p for p in obj.properties if p.wire_name == wire)
            attributes.append(self.names.attribute(obj, prop))
            expr = prop.type
        return tuple(attributes)

    def _pagination_item(self, operation: ir.Operation, op_names: OperationNames, paging: ir.Pagination, page_type: ir.TypeExpr) -> Callable[[int], str]:
        """The `pagination=...,` item of an operation's `Operation(...)`, at an indent: the
        runtime's description of its style, with attribute paths into the typed page."""
        items = self._attribute_path(page_type, (paging.items,))[0] if paging.items is not None else None
        param = next((p for p in operation.parameters if p.location == "query" and p.wire_name == paging.parameter), None)
        argument = py(op_names.parameter(param)) if param is not None else ""
        head = PAGINATION_CLASSES[paging.style]
        if paging.style == "page_number":
            assert param is not None
            options = [py(items), argument]
            if paging.parameter_key is not None:
                options.append(f"key={py(self._attribute_path(param.type, (paging.parameter_key,))[0])}")
            if paging.page_number:
                options.append(f"page_number={py(self._attribute_path(page_type, paging.page_number))}")
            options.append(f"total_pages={py(self._attribute_path(page_type, paging.total_pages))}")
            return lambda i: call("pagination=", head, options, i, ",")
        if paging.style == "link_header":
            values = [py(items)] if items is not None else []
        elif paging.style == "next_link":
            values = [py(items), py(self._attribute_path(page_type, paging.link))]
        elif paging.style == "cursor":
            values = [py(items), py(self._attribute_path(page_type, paging.token)), argument]
        elif paging.style == "after_last":
            assert paging.parameter_key is not None
            item_key = self._attribute_path(paging.item_type, (paging.parameter_key,))[0]
            values = [py(items), py(self._attribute_path(page_type, paging.has_more)), argument, py(item_key)]
        else:  # offset
            values = [py(items), argument, py(self._attribute_path(page_type, paging.total_items))]
        return lambda i: keyword_call("pagination", head, "(", ")", values, i)

    def param_options(self, argument: str, param: ir.Parameter) -> list[str]:
        """The arguments of the `Param(...)` that describes `param`."""
        options = [py(argument), py(param.wire_name), py(param.location), self.descriptor_type(param.type)]
        if param.required:
            options.append("required=True")
        if param.style not in ("form", "simple"):
            options.append(f"style={py(param.style)}")
        if param.explode != (param.style == "form"):
            options.append(f"explode={param.explode!r}")
        constraints = dict(param.constraints.as_items()) if _checks_anything(param.constraints) else {}
        if constraints:
            options.append(f"checks={_dict_literal(constraints)}")
        return options

    def _params_item(self, param_code: list[list[str]], indent: int) -> str:
        """`params=(...),`, an item of an `Operation(...)` at `indent`: the module constants of
        shared parameters, the others' `Param(...)`; on one line if it fits, else one a line."""
        elements = [self.param_constants.get(f"Param({', '.join(p)})") or call("", "Param", p, indent + 4) for p in param_code]
        one = f"params=({', '.join(elements)}{',' if len(elements) == 1 else ''}),"
        if "\n" not in one and fits(one, indent):
            return one
        margin = " " * indent
        return "params=(\n" + "".join(f"{margin}    {e},\n" for e in elements) + f"{margin}),"

    def shared_params(self) -> dict[str, str]:
        """The parameters that several operations take alike, as naming names them (`ACCOUNT_SID`):
        one-line `Param(...)` -> module constant. Said once, they keep `_operations.py` short."""
        constants: dict[str, str] = {}
        for index, operation in enumerate(self.api.operations):
            op_names = self.names.operations[index]
            for param in operation.parameters:
                constant = op_names.shared_parameter(param)
                if constant is not None:
                    options = self.param_options(op_names.parameter(param), param)
                    line = f"Param({', '.join(options)})"
                    self.shared_options[line] = options
                    constants.setdefault(line, constant)
        return constants

    def operation_view(self, index: int, operation: ir.Operation, constant: str) -> OperationView:
        with self.references.piece() as refers:
            view = self._operation_view(index, operation, constant)
        return dataclasses.replace(view, refers=frozenset(refers))

    def _operation_view(self, index: int, operation: ir.Operation, constant: str) -> OperationView:
        op_names = self.names.operations[index]
        body_object = flattened_body(operation, self.types)
        positional: list[ArgumentView] = []
        keyword: list[ArgumentView] = []
        param_code: list[list[str]] = []
        path_order = re.findall(r"{([^}]+)}", operation.path)
        path_params = sorted(
            (p for p in operation.parameters if p.location == "path"), key=lambda p: path_order.index(p.wire_name) if p.wire_name in path_order else len(path_order)
        )
        for param in path_params:
            positional.append(self._argument(op_names.parameter(param), param.type, True, None, param.description))
        for param in operation.parameters:
            name = op_names.parameter(param)
            if param.location != "path":
                keyword.append(self._argument(name, param.type, param.required, param.default, param.description))
            param_code.append(self.param_options(name, param))

        body_arguments: list[str] | None = None
        body = operation.body
        if body is not None:
            if body_object is not None:
                properties = request_properties(body_object)
                for prop in properties:
                    keyword.append(self._argument(op_names.body_field(prop), prop.type, prop.required, prop.default, prop.description))
                renamed = ", ".join(
                    f"{py(a)}: {py(b)}"
                    for prop in properties
                    for a, b in [(op_names.body_field(prop), self.names.attribute(body_object, prop))]
                    if a != b
                )
                body_arguments = [py(body.media_type), self.descriptor_type(ir.Named(body_object.key)), "flatten=True"]
                body_arguments += [f"renamed={{{renamed}}}"] if renamed else []
                body_arguments += _form_encoder(body.media_type)
            else:
                argument = op_names.body_argument()
                keyword.append(self._argument(argument, body.type, body.required, None, body.description))
                body_arguments = [py(body.media_type), self.descriptor_type(body.type)]
                body_arguments += [] if argument == "body" else [f"argument={py(argument)}"]
                body_arguments += [] if body.required else ["required=False"]
                body_arguments += _form_encoder(body.media_type)

        keyword.sort(key=lambda a: a.default is not None)  # required keywords first, stable
        successes = [r for r in operation.responses if r.is_success] or [r for r in operation.responses if r.status == "default"]
        response_types = {r.status: (self.annotation(r.type) if r.type is not None else "None") for r in successes}
        returns = " | ".join(dict.fromkeys(response_types.values())) or "None"
        if "Any" in returns.split(" | "):
            returns = "Any"
        if returns != "None" and "None" in returns.split(" | "):
            returns = " | ".join([t for t in returns.split(" | ") if t != "None"] + ["None"])
        described = {r.status: self.descriptor_type(r.type) for r in successes}
        responses = ", ".join(f"{py(status)}: {described_type}" for status, described_type in described.items())

        # The items of the exploded `Operation(...)`, each with its comma, laid out at an indent:
        # the descriptor is at four spaces, or eight when black wraps it in parentheses.
        parts: list[Callable[[int], str]] = [lambda i: py(operation.method) + ",", lambda i: py(operation.path) + ","]
        if param_code:
            parts.append(lambda i: self._params_item(param_code, i))
        if body_arguments is not None:
            arguments = body_arguments
            parts.append(lambda i: keyword_call("body", "Body", "(", ")", arguments, i))
        if len(response_types) == 1:
            parts.append(lambda i: keyword_call("responses", "", "{", "}", [responses], i))
        elif response_types:
            parts.append(
                lambda i: "responses={\n"
                + "".join(f"{' ' * (i + 4)}{py(s)}: {a},\n" for s, a in described.items())
                + " " * i
                + "},"
            )
        # Split by group, an operation's error class is defined beside it, in its group's module.
        error = f"error={'' if self.quoted_types else 'errors.'}{op_names.error_class},"
        parts.append(lambda i: error)
        key, key_argument = operation.idempotency_key, None
        if key is not None and key.location == "header":
            key_argument = op_names.argument_of[("header", key.wire_name)]
        elif key is not None and body_object is not None:
            if any(p.wire_name == key.wire_name for p in request_properties(body_object)):
                key_argument = op_names.argument_of[("body", key.wire_name)]
        if key_argument is not None:
            idempotency = f"idempotency_key={py(key_argument)},"
            parts.append(lambda i: idempotency)
        if operation.security is not None and operation.security != self.api.security:
            security = f"security={py(operation.security)},"
            parts.append(lambda i: security)
        accept = _accept(operation)
        if accept is not None and accept != DEFAULT_ACCEPT:
            accepted = f"accept={py(accept)},"
            parts.append(lambda i: accepted)
        item_type = ""
        paging = operation.pagination
        if paging is not None and op_names.pager is not None and successes:
            page_type = next(r.type for r in successes if r.status == "200")
            assert page_type is not None
            item_type = self.annotation(paging.item_type)
            parts.append(self._pagination_item(operation, op_names, paging, page_type))

        stream_item = ""
        stream = operation.stream
        if stream is not None and op_names.stream is not None:
            stream_item = self.annotation(stream.item)
            streamed = [py(stream.media_type), self.descriptor_type(stream.item), *(["envelope=True"] if stream.envelope else [])]
            flagged = next((p for p in request_properties(body_object) if p.wire_name == stream.flag), None) if body_object is not None else None
            streamed += [f"flag={py(op_names.body_field(flagged))}"] if flagged is not None else []
            parts.append(lambda i: keyword_call("stream", "Streamed", "(", ")", streamed, i))

        def descriptor_at(indent: int) -> str:
            # Exploded with trailing commas: the layout black keeps.
            return "Operation(\n" + "".join(f"{' ' * (indent + 4)}{part(indent + 4)}\n" for part in parts) + " " * indent + ")"

        descriptor = descriptor_at(0)
        statement = operation_statement(constant, f"Operation[{returns}]", descriptor, descriptor_at(4))

        summary = operation.summary or f"{operation.method} {operation.path}"
        lines = [summary]
        if operation.description and one_line(operation.description) != one_line(summary):
            lines += ["", operation.description.strip()]
        if operation.deprecated:
            lines += ["", "Deprecated."]
        if body is not None and body.description and one_line(body.description) not in (one_line(summary), one_line(operation.description)):
            lines += ["", f"Request body: {body.description.strip()}"]
        documented = [a for a in positional + keyword if a.doc]
        if documented:
            lines += ["", "Args:"] + [f"    {a.name}: {a.doc}" for a in documented]
        if operation.summary:
            lines += ["", f"``{operation.method} {operation.path}``"]
        return OperationView(
            method=op_names.method,
            constant=constant,
            http_method=operation.method,
            path=operation.path,
            summary=one_line(operation.summary),
            doc=docstring("\n".join(lines), 8),
            positional=tuple(positional),
            keyword=tuple(keyword),
            returns=returns,
            descriptor=descriptor,
            statement=statement,
            error_class=op_names.error_class,
            pager=op_names.pager if item_type else None,
            item_type=item_type,
            stream=op_names.stream if stream_item else None,
            stream_item=stream_item,
            shared_params=tuple(sorted({shared for p in param_code if (shared := self.param_constants.get(f"Param({', '.join(p)})"))})),
            deprecation=py(f"{op_names.method} is deprecated by the API") if operation.deprecated else None,
        )

    # -- the package ---------------------------------------------------------

    def package(self) -> PackageView:
        api, names = self.api, self.names
        constants = [operation.constant for operation in names.operations]
        self.param_constants = self.shared_params()
        indices_by_tag: dict[str | None, list[int]] = {}
        for i, op in enumerate(api.operations):
            indices_by_tag.setdefault(op.group or None, []).append(i)
        groups = []
        for group in names.groups:
            views = [self.operation_view(i, api.operations[i], constants[i]) for i in indices_by_tag.get(group.tag, ())]
            views.sort(key=lambda v: v.method)
            doc = group.description or f"Operations tagged {group.tag!r}." if group.tag else "Operations without a tag."
            groups.append(
                GroupView(
                    group.attribute,
                    group.class_name,
                    group.async_class_name,
                    block_docstring(doc, 4),
                    docstring(one_line(doc)),
                    tuple(views),
                    group.raw_class_name,
                    group.raw_async_class_name,
                )
            )

        seen: set[str] = set()
        classes, enums = [], []
        for named in api.types:
            name = names.types[named.key]
            if name in seen:
                continue  # one class for the enums that share a name
            seen.add(name)
            if isinstance(named, ir.ObjectType):
                classes.append(self.class_view(named))
            elif isinstance(named, ir.EnumType):
                enums.append(self.enum_view(named))
        classes.sort(key=lambda c: c.name)
        enums.sort(key=lambda e: e.name)

        status_errors = tuple(
            ErrorView(name, "ServerError" if status >= 500 else "ClientError", f"HTTP {status}.", f"status_code = {status}")
            for status, name in sorted(names.status_errors.items())
        )
        code_errors = tuple(
            ErrorView(
                name,
                "APIStatusError",
                block_docstring(f"API error {code}" + (f": {one_line(source.title)}." if source.title else "."), 4),
                f"code = {py(code)}",
            )
            for code, (name, source) in sorted(names.error_codes.items(), key=lambda item: item[1][0])
        )
        operation_errors = tuple(
            sorted(
                (
                    ErrorView(
                        names.operations[i].error_class,
                        "APIStatusError",
                        block_docstring(f"Raised when ``{names.operations[i].method}`` ({op.method} {op.path}) fails.", 4),
                        None,
                    )
                    for i, op in enumerate(api.operations)
                ),
                key=lambda e: e.name,
            )
        )
        credentials, auth_expression = self._credentials()
        server = api.servers[0] if api.servers else ir.Server("http://localhost")
        base_url = server.url
        for variable in server.variables:
            base_url = base_url.replace("{" + variable.name + "}", variable.default)
        # Characters a URL cannot hold (quotes, backslashes, spaces, controls) percent-encoded:
        # the address is printed in a docstring as well as in a string literal.
        base_url = quote(base_url, safe=":/?#[]@!$&'()*+,;=%~{}")

        aliases = self.alias_views()
        model_names = {c.name for c in classes} | {e.name for e in enums} | {a.name for a in aliases}
        models_code = " ".join(
            [f"{f.annotation} {f.default or ''}" for c in classes for f in c.fields]
            + [e.base for e in enums]
            + [a.target for a in aliases]
            + (["model Model"] if classes else [])
        )
        signatures = " ".join(
            f"{a.annotation} {a.default or ''}" for g in groups for o in g.operations for a in o.positional + o.keyword
        ) + " " + " ".join(f"{o.returns} {o.item_type} {o.stream_item}" for g in groups for o in g.operations)
        signatures += " builtins" if any(g.uses_builtins for g in groups) else ""
        descriptors = " ".join(f"{o.returns} {o.descriptor}" for g in groups for o in g.operations) + " ".join(self.shared_options)
        imports = {
            "models": _imports(models_code, models_runtime(bool(classes))),
            "client": _imports(
                signatures + " " + auth_expression + (" credential" if credentials else ""),
                (
                    "UNSET", "ApiKeyAuth", "AsyncBaseClient", "AsyncRawResource", "AsyncResource", "BaseClient", "BearerAuth",
                    "CallOptions", "Discriminator", "Pager", "RawResource", "Resource", "RetryPolicy", "Stream", "Unset", "async_pages",
                    "async_raw", "async_stream", "awaitable", "combine_auth", "credential", "deprecated_operation", "paginate", "raw",
                    "stream_items",
                ),
                model_names,
                always=("AsyncBaseClient", "BaseClient", "RetryPolicy", "Unset", "UNSET")
                + (
                    ("AsyncRawResource", "AsyncResource", "CallOptions", "RawResource", "Resource", "async_raw", "awaitable", "raw")
                    if any(g.operations for g in groups)
                    else ()
                )
                + (("Pager", "async_pages", "paginate") if any(o.pager for g in groups for o in g.operations) else ())
                + (("Stream", "async_stream", "stream_items") if any(o.stream for g in groups for o in g.operations) else ())
                + (("deprecated_operation",) if any(o.deprecation for g in groups for o in g.operations) else ()),
            ),
            "operations": _imports(
                descriptors,
                ("AfterLast", "Body", "Cursor", "Discriminator", "LinkHeader", "NextLink", "Offset", "Operation", "PageNumber", "Param", "Streamed", "form_urlencoded", "multipart"),
                model_names,
                always=("Operation",),
            ),
        }
        events = self.event_views()
        scheme = self.api.webhook_signature or default_signature(names.env_prefix)
        first = next((o for g in groups for o in g.operations), None)
        example = ""
        if first is not None:
            owner = next(g for g in groups if first in g.operations)
            args = [py("...") for _ in first.positional] + [f"{a.name}={example_value(a.annotation)}" for a in first.keyword if a.default is None]
            example = f"client.{owner.attribute}.{first.method}({', '.join(args)})"
        table = tuple(
            (f"client.{g.attribute}.{o.method}", f"{o.http_method} {o.path}", o.summary)
            for g in groups
            for o in g.operations
        )
        return PackageView(
            package=names.package,
            distribution=names.package.replace("_", "-"),
            version=_package_version(api.version),
            title=docstring(one_line(api.title)),
            doc=docstring(f"Python SDK of the {api.title}" + (f" (version {api.version})." if api.version else ".")),
            base_url=base_url,
            classes=tuple(classes),
            enums=tuple(enums),
            aliases=aliases,
            groups=tuple(groups),
            status_errors=status_errors,
            code_errors=code_errors,
            operation_errors=operation_errors,
            status_map=tuple((str(status), name) for status, name in sorted(names.status_errors.items())),
            code_map=tuple((py(code), name) for code, (name, _) in sorted(names.error_codes.items())),
            credentials=credentials,
            auth_expression=auth_expression,
            security=py(self.api.security),
            credentials_required=bool(api.security) and bool(credentials),
            imports=imports,
            example=example,
            operation_table=table,
            events=events,
            event_classes=tuple(sorted({e.class_name for e in events})),
            environment_prefix=names.env_prefix,
            raw_groups=tuple(g for g in groups if g.operations),
            runtime_modules=runtime_modules(imports.values(), sends_events=bool(events)),
            signature=call("SIGNATURE = ", "SignatureScheme", [py(scheme.algorithm), py(scheme.signature_header), py(scheme.timestamp_header), py(scheme.payload)], 0),
            signature_headers=f"``{scheme.signature_header}``, ``{scheme.timestamp_header}``",
            signature_algorithm=scheme.algorithm,
            missing_credentials=bracket(
                "raise errors.APIError",
                "(",
                ")",
                [
                    py(
                        f"no credentials: pass {'=, '.join(c.argument for c in credentials)}="
                        f" or set {', '.join(c.environment for c in credentials)}"
                    )
                ],
                8,
            ),
            shared_params=tuple(
                call(f"{name} = ", "Param", self.shared_options[line], 0)
                for line, name in sorted(self.param_constants.items(), key=lambda item: item[1])
            ),
        )

    def event_views(self) -> tuple[EventView, ...]:
        """How webhook bodies are routed to their event classes, by the value that tells them apart."""
        views = {}
        for event in list(self.api.webhooks) + [c for op in self.api.operations for c in op.callbacks]:
            target = self.table.object(event.body.type) if event.body is not None else None
            if event.tag is None or target is None:
                continue
            views[(event.tag.path, event.tag.value)] = EventView(py(event.tag.path), py(event.tag.value), self.names.types[target.key])
        return tuple(views[key] for key in sorted(views))

    def _credentials(self) -> tuple[tuple[CredentialView, ...], str]:
        """Constructor arguments for the API's security schemes, and the auth they build."""
        prefix = self.names.env_prefix
        schemes = used_security_schemes(self.api)
        views: list[CredentialView] = []
        parts: list[tuple[str, str, str, str]] = []  # `"scheme key": <auth> if <given> else None` entries
        for scheme in schemes:
            if scheme.kind in ("basic", "digest"):
                user, password = self.names.credential(scheme.key, "username"), self.names.credential(scheme.key, "password")
                views.append(CredentialView(user, f"{prefix}_{user.upper()}", f"User name for HTTP {scheme.kind} authentication."))
                views.append(CredentialView(password, f"{prefix}_{password.upper()}", f"Password for HTTP {scheme.kind} authentication."))
                auth = "httpx.BasicAuth" if scheme.kind == "basic" else "httpx.DigestAuth"
                parts.append((py(scheme.key), f"{auth}({user}, {password})", f"{user} is not None and {password} is not None", "None"))
            elif scheme.kind in ("bearer", "apiKey", "oauth2", "openIdConnect"):
                argument = self.names.credential(scheme.key, "token")
                views.append(CredentialView(argument, f"{prefix}_{upper_snake(words(argument))}", docstring(one_line(scheme.description)) or "API key."))
                if scheme.kind == "apiKey":
                    auth = f"ApiKeyAuth({py(scheme.parameter_name)}, {py(scheme.location)}, {argument})"
                    parts.append((py(scheme.key), auth, f"{argument} is not None", "None"))
                elif scheme.parameter_name not in (None, "Bearer"):
                    parts.append((py(scheme.key), f"BearerAuth({argument}, {py(scheme.parameter_name)})", f"{argument} is not None", "None"))
                else:
                    parts.append((py(scheme.key), f"BearerAuth({argument})", f"{argument} is not None", "None"))
        # The function's `return` statement, at 4 spaces, as black lays it out.
        expression = conditional_dict("return ", parts, 4)[len("return ") :] if parts else "None"
        return tuple(views), expression


# The `Accept` the runtime sends for an operation whose descriptor names none (`Operation.accept`):
# a descriptor names the media types of its responses only when they are others.
DEFAULT_ACCEPT = "application/json"
_HEADER_TEXT = re.compile(r"[\x20-\x7e]+")


_AS_IT_CAME = (ir.Primitive("bytes"), ir.Primitive("str"))  # read as the body's bytes or text, not as JSON
_RANGE_AFTER_JSON = "q=0.9"


def _accept(operation: ir.Operation) -> str | None:
    """The media types an operation's responses are read as, for its requests' `Accept` header
    (so that a server offering XML beside JSON answers in JSON); None when none has a body.

    A media range (`*/*`, `application/*`: springdoc writes `*/*` for every response) whose
    schema is read as JSON asks for JSON first and the range after it."""
    media: dict[str, None] = {}
    for response in operation.responses:
        kind = response.media_type
        if kind is None or not _HEADER_TEXT.fullmatch(kind):  # (a media type no header can carry is left out)
            continue
        if "*" in kind.partition(";")[0] and response.type is not None and response.type not in _AS_IT_CAME:
            media.setdefault(DEFAULT_ACCEPT)
            kind = kind if ";" in kind else f"{kind};{_RANGE_AFTER_JSON}"
        media.setdefault(kind)
    return ", ".join(media) if media else None


def _checks_anything(constraints: ir.Constraints) -> bool:
    """Whether `constraints` is other than the empty set: most are the shared one, told by
    identity before the nine fields are compared (a whole API has 40,000 fields)."""
    return constraints is not ir.NO_CONSTRAINTS and constraints != ir.NO_CONSTRAINTS


def _named_keys(expr: ir.TypeExpr) -> set[str]:
    if isinstance(expr, ir.Named):
        return {expr.key}
    if isinstance(expr, (ir.ListOf,)):
        return _named_keys(expr.item)
    if isinstance(expr, ir.MapOf):
        return _named_keys(expr.value)
    if isinstance(expr, ir.Nullable):
        return _named_keys(expr.inner)
    if isinstance(expr, ir.UnionOf):
        return set().union(*(_named_keys(v) for v in expr.variants))
    return set()


def _mutable(literal: str) -> bool:
    """Whether a default's source makes a new mutable value (a list, a dict, a model), which
    a dataclass field must build per instance and an argument cannot hold."""
    return literal.startswith(("[", "{")) or ".from_dict(" in literal


# What a module of the runtime imports from the others.
RUNTIME_NEEDS = {
    "models": (),
    "errors": (),
    "request": ("errors", "models"),
    "auth": (),
    "api_key": (),
    "client": ("auth", "errors", "models", "request"),
    "forms": ("request",),
    "pagination": ("client", "models", "request"),
    "streams": ("client", "models", "request"),
    "webhooks": ("models",),
}


def runtime_modules(imports: Iterable[ImportsView], sends_events: bool = False, client: bool = True) -> tuple[str, ...]:
    """The runtime modules a package ships: those its modules import, and theirs, in order.

    An SDK's client always needs `client` (and so `request`, `errors`, `auth`); pagination,
    form bodies, API keys and webhooks only when the API uses them; a models-only package
    ships `models` alone.
    """
    wanted = {"models"} | ({"client"} if client else set()) | ({"webhooks"} if sends_events else set())
    wanted |= {module for view in imports for module, _ in view.runtime}
    pending = list(wanted)
    while pending:
        for needed in RUNTIME_NEEDS[pending.pop()]:
            if needed not in wanted:
                wanted.add(needed)
                pending.append(needed)
    return ("__init__", *sorted(wanted))


def default_signature(environment_prefix: str) -> ir.WebhookSignature:
    """The webhook signature an API is taken to use when neither its spec (`x-webhook-signature`)
    nor `[tool.sdkwright]` (`webhook-signature`) says: Ed25519 over `"{timestamp}|{body}"`, in the
    vendor-named headers `<vendor>-signature-ed25519` and `<vendor>-timestamp`, the vendor being
    the SDK's environment prefix (`TELNYX` for the Telnyx API: Telnyx's own scheme)."""
    vendor = environment_prefix.lower().replace("_", "-") or "webhook"
    return ir.WebhookSignature("ed25519", f"{vendor}-signature-ed25519", f"{vendor}-timestamp")


def _form_encoder(media_type: str) -> list[str]:
    """The `encode=` of a form body's `Body(...)` (the runtime's `forms` module), if it has one."""
    encoder = {"application/x-www-form-urlencoded": "form_urlencoded", "multipart/form-data": "multipart"}.get(media_type)
    return [f"encode={encoder}"] if encoder else []


def example_value(annotation: str) -> str:
    """A value of `annotation` for the README's example call, so that it type-checks."""
    first = annotation.split(" | ")[0]
    literal = re.search(r"Literal\[([^,\]]+)", annotation)
    if literal:
        return literal.group(1)
    samples = {"str": py("..."), "int": "1", "float": "1.0", "bool": "True", "Any": "None"}
    if first in samples:
        return samples[first]
    if first.startswith("list["):
        return "[]"
    if first.startswith("dict["):
        return "{}"
    return "..."


def _json_literal(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_literal(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_literal(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def _dict_literal(values: dict[str, Any]) -> str:
    return py(values)


def _package_version(version: str) -> str:
    numbers = re.findall(r"\d+", version)
    return ".".join(str(int(n)) for n in numbers[:3]) if numbers else "0.0.0"


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # noqa: S701 - Python source, every value pre-escaped by the builders
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.bytecode_cache = compiled_templates(environment, TEMPLATES)
    environment.globals["assigned_call"] = assigned_call  # black's layout of `x = f(...)` lines
    environment.globals["class_head"] = class_head  # and of `class X(Base):`
    environment.globals["method_head"] = method_head  # `def x(self) -> Y:`
    environment.globals["signature_end"] = signature_end  # `) -> Y:`
    environment.globals["import_from"] = import_from  # `from x import y`
    environment.globals["call"] = call  # `return f(...)`
    return environment


# Generated file (relative to the output root) -> template.
FILES = {
    "pyproject.toml": "project/pyproject.toml.j2",
    "README.md": "project/README.md.j2",
    "{package}/__init__.py": "package/__init__.py.j2",
    "{package}/py.typed": None,
    "{package}/models.py": "package/models.py.j2",
    "{package}/errors.py": "package/errors.py.j2",
    "{package}/_operations.py": "package/_operations.py.j2",
    "{package}/client.py": "package/client.py.j2",
    "{package}/webhooks.py": "package/webhooks.py.j2",  # only for an API that sends events
}


RUNTIME = "{package}/_runtime/{module}.py"  # a module of `templates/runtime/`, copied as it is


def verbatim_files(package: str) -> frozenset[str]:
    """Generated files copied from a template as they are: already black's layout (tested)."""
    copied = {t.format(package=package) for t, template in FILES.items() if template is not None and not template.endswith(".j2")}
    copied.add(f"{package}/_document.py")
    copied.update(RUNTIME.format(package=package, module=m.stem) for m in (TEMPLATES / "runtime").glob("*.py"))
    return frozenset(copied)


def runtime_files(package: str, modules: Iterable[str]) -> dict[str, str]:
    """The runtime modules a package ships, by their path in the output."""
    return {
        RUNTIME.format(package=package, module=module): (TEMPLATES / "runtime" / f"{module}.py").read_text(encoding="utf-8")
        for module in modules
    }


def build_view(api: ir.Api, names: Names, quoted_types: bool = False) -> PackageView:
    return _Builder(api, names, quoted_types).package()


@dataclass(frozen=True, eq=False)
class PlannedFile:
    """A file of the output, ready to render: its views are built and its template loaded.

    `weight` is a rough measure of its size (model members, operations): when the work is
    shared between processes the heaviest files are taken first, so that none is left for last."""

    path: str
    weight: int
    text: Callable[[], str]


def given_text(path: str, text: str) -> PlannedFile:
    """A file whose text is already known."""
    return PlannedFile(path, len(text) // 40, lambda: text)


def render(api: ir.Api, names: Names) -> dict[str, str]:
    """The generated project: relative path -> unformatted text."""
    # The model, the names and the views are a million objects that live through the stage,
    # and it makes next to no cyclic garbage: a collection during it would only walk them.
    with collector_paused():
        return {planned.path: planned.text() for planned in plan_files(api, names)}


LAZY_FROM = 100  # operations: from this size on, an SDK loads each group on first use (`groups`)


def is_lazy(api: ir.Api) -> bool:
    """Whether the package is large enough to load its groups one by one."""
    return len(api.operations) >= LAZY_FROM and len({op.group or None for op in api.operations}) > 1


def plan_files(api: ir.Api, names: Names) -> list[PlannedFile]:
    """The generated project, each file planned but not yet rendered, in the output's order."""
    split = is_lazy(api)
    if split:
        from generator.emit import groups  # it builds on this module's views (a small SDK never loads it)
    view = build_view(api, names, quoted_types=split)
    environment = _environment()
    lazy = groups.lazy_view(view) if split else None
    files: list[PlannedFile] = []
    members = len(view.classes) + len(view.enums) + len(view.aliases)
    errors = len(view.status_errors) + len(view.code_errors) + len(view.operation_errors)
    for target, template in FILES.items():
        path = target.format(package=names.package)
        if target.endswith("/webhooks.py") and not view.events:
            continue
        if lazy is not None and target.endswith(("/models.py", "/_operations.py")):
            continue  # split by group: `groups`
        if template is None:
            files.append(given_text(path, ""))
        elif template.endswith(".j2"):
            weight = {"/models.py": members * 8, "/errors.py": errors * 4, "/client.py": len(view.groups) * 8}
            files.append(
                PlannedFile(
                    path,
                    next((w for end, w in weight.items() if target.endswith(end)), len(api.operations) * 4),
                    functools.partial(environment.get_template(template).render, view=view, lazy=lazy),
                )
            )
        else:
            files.append(given_text(path, (TEMPLATES / template).read_text(encoding="utf-8")))
    if lazy is not None:
        files.extend(groups.lazy_files(view, lazy, environment))
    files.extend(given_text(path, text) for path, text in runtime_files(names.package, view.runtime_modules).items())
    return files

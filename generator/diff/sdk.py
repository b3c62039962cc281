"""What a change of spec does to the generated SDK: its public symbols and its files."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from generator import ir
from generator.diff.sources import Side
from generator.naming.lock import EMPTY, NameLock


@dataclass(frozen=True)
class SdkChanges:
    """What a change of spec does to the generated SDK: its public symbols and its files."""

    package: str
    symbols_added: tuple[str, ...]
    symbols_removed: tuple[str, ...]
    files_added: tuple[str, ...]
    files_removed: tuple[str, ...]
    files_changed: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "symbols_added": list(self.symbols_added),
            "symbols_removed": list(self.symbols_removed),
            "files_added": list(self.files_added),
            "files_removed": list(self.files_removed),
            "files_changed": list(self.files_changed),
        }


# The packages of an SDK split by group (`emit/groups.py`), by the module that answers for them.
SPLIT_MODULES = {"models": "models", "_groups": "client"}


def public_symbols(files: dict[str, str], package: str) -> set[str]:
    """Dotted names a user of the SDK can reach: classes, their fields, members and methods, and
    each method's parameters (`pkg.client.Calls.create(to)`)."""
    symbols: set[str] = set()
    for path, text in files.items():
        parts = path[:-3].split("/") if path.endswith(".py") else []
        classes_only = False
        if len(parts) == 3 and parts[1] in SPLIT_MODULES:
            # An SDK split by group: users import these names from `models` and `client`.
            parts, classes_only = [parts[0], SPLIT_MODULES[parts[1]]], parts[1] == "_groups"
        if not parts or parts[0] != package or any(p.startswith("_") for p in parts[1:]):
            continue
        module = ".".join(parts)
        for node in ast.parse(text).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                # A group's module defines its operations' error classes, which `errors` answers for.
                errors = classes_only and any(isinstance(b, ast.Name) and b.id == "APIStatusError" for b in node.bases)
                owner = f"{package}.errors.{node.name}" if errors else f"{module}.{node.name}"
                symbols.add(owner)
                for item in node.body:
                    symbols.update(f"{owner}.{name}" for name in _assigned(item))
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_") and not _lazy_group(item):
                        method = f"{owner}.{item.name}"
                        symbols.add(method)
                        arguments = item.args
                        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
                            if arg.arg not in ("self", "cls"):
                                symbols.add(f"{method}({arg.arg})")
            elif not classes_only:
                symbols.update(f"{module}.{name}" for name in _assigned(node))
    return symbols


def _lazy_group(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A client's group in an SDK split by group, which `__init__` sets in one that is not."""
    return any(isinstance(d, ast.Name) and d.id == "cached_property" for d in function.decorator_list)


def _assigned(node: ast.stmt) -> list[str]:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    return [t.id for t in targets if isinstance(t, ast.Name) and not t.id.startswith("_")]


def sdk_changes(old: Side, new: Side, package: str | None = None) -> SdkChanges:
    """The SDK's files as the render stage makes them (not formatted: enough to compare), the new
    side named with the old side's names as its lock."""
    from generator.naming import package_name
    from generator.emit.render import render

    chosen = package or package_name(new.api.title)
    old_names = names_for_comparison(old, chosen)
    before = render(old.api, old_names)
    after = render(new.api, names_for_comparison(new, chosen, old_names.lock))
    old_symbols, new_symbols = public_symbols(before, chosen), public_symbols(after, chosen)
    return SdkChanges(
        chosen,
        tuple(sorted(new_symbols - old_symbols)),
        tuple(sorted(old_symbols - new_symbols)),
        tuple(sorted(set(after) - set(before))),
        tuple(sorted(set(before) - set(after))),
        tuple(sorted(p for p in set(before) & set(after) if before[p] != after[p])),
    )


# -- public names by key: what `diff` always compares ------------------------------------------

SymbolKey = tuple[str, ...]  # ("type", key), ("field", key, wire name), ("operation", METHOD, path), ...


@dataclass(frozen=True)
class Symbol:
    """One public name of the SDK: what it is (`kind`), the dotted way a user reaches it, the part
    that is its own name, the key of the symbol it belongs to, and where the spec says it."""

    kind: str  # "class", "field", "member", "resource", "method", "argument", "error"
    dotted: str
    name: str
    parent: SymbolKey | None
    pointer: str
    operation: str | None = None


def names_for_comparison(side: Side, package: str, lock: NameLock = EMPTY) -> Any:
    """The one place a model is named for the comparison (naming's `build_names`).

    The new side is named with the old side's names as its lock, as `generate` names a spec
    over its previous output: a name moves only when its key is gone."""
    from generator.naming import build_names

    return build_names(side.api, package, root=side.document.uri, lock=lock)


def named_symbols(side: Side, names: Any) -> dict[SymbolKey, Symbol]:
    """Every public name the naming stage gives, by the key of what it names (plain tuples).

    Error classes of error codes read from examples are left out: they are documentation (see
    DESIGN.md), so a code that comes or goes is never breaking."""
    from generator.naming import flattened_body, request_properties

    symbols: dict[SymbolKey, Symbol] = {}
    types = {t.key: t for t in side.api.types}
    labels = {op.pointer: f"{op.method} {op.path}" for op in side.api.operations}
    for named in side.api.types:
        local = side.local(named.key)
        pointer = local[1:] if local.startswith("#") else local
        class_name = names.types.get(named.key)
        if class_name is None:
            continue
        own: SymbolKey = ("type", local)
        # An inline schema belongs to the operation it is written in.
        tokens = pointer.split("/")
        label = next((labels[p] for p in ("/".join(tokens[:n]) for n in range(len(tokens), 1, -1)) if p in labels), None)
        symbols[own] = Symbol("class", class_name, class_name, None, pointer, label)
        if isinstance(named, ir.ObjectType):
            for prop, attribute in zip(named.properties, names.fields.get(named.key, ())):
                at = f"{pointer}/properties/{prop.wire_name.replace('~', '~0').replace('/', '~1')}"
                symbols[("field", local, prop.wire_name)] = Symbol("field", f"{class_name}.{attribute}", attribute, own, at, label)
        elif isinstance(named, ir.EnumType):
            for value, member in zip(named.values, names.members.get(named.key, ())):
                symbols[("member", local, repr(value))] = Symbol("member", f"{class_name}.{member}", member, own, f"{pointer}/enum", label)
    attributes = {group.tag: group for group in names.groups}
    for group in names.groups:
        symbols[("resource", group.tag or "")] = Symbol("resource", f"client.{group.attribute}", group.attribute, None, "/tags")
    for operation, chosen in zip(side.api.operations, names.operations):
        label = f"{operation.method} {operation.path}"
        group = attributes.get(chosen.group)
        owner = f"client.{group.attribute}" if group is not None else "client"
        parent: SymbolKey = ("resource", chosen.group or "")
        own = ("operation", operation.method, operation.path)
        method = f"{owner}.{chosen.method}"
        symbols[own] = Symbol("method", method, chosen.method, parent if group is not None else None, operation.pointer, label)
        for kind, extra in (("pager", chosen.pager), ("stream", chosen.stream)):  # an operation's more methods
            if extra:
                symbols[(kind, operation.method, operation.path)] = Symbol("method", f"{owner}.{extra}", extra, own, operation.pointer, label)
        symbols[("operation-error", operation.method, operation.path)] = Symbol("error", chosen.error_class, chosen.error_class, None, operation.pointer, label)
        body = flattened_body(operation, types)
        wires: list[SymbolKey] = [("argument", operation.method, operation.path, p.location, p.wire_name) for p in operation.parameters]
        if body is not None:
            wires += [("argument", operation.method, operation.path, "body", p.wire_name) for p in request_properties(body)]
        elif operation.body is not None:
            wires.append(("argument", operation.method, operation.path, "body", ""))
        for key, argument in zip(wires, chosen.arguments):
            symbols[key] = Symbol("argument", f"{method}({argument})", argument, own, operation.pointer, label)
    for status, class_name in names.status_errors.items():
        # Said where the first operation that answers with the status says it.
        first = next((op for op in side.api.operations if any(r.status == str(status) for r in op.responses)), None)
        pointer = f"{first.pointer}/responses/{status}" if first is not None else "/paths"
        label = f"{first.method} {first.path}" if first is not None else None
        symbols[("status-error", str(status))] = Symbol("error", class_name, class_name, None, pointer, label)
    return symbols


@dataclass(frozen=True)
class SymbolChange:
    kind: str  # "sdk-symbol-renamed", "sdk-symbol-removed", "sdk-symbol-added"
    symbol: Symbol  # the old symbol, or the new one when added
    renamed_to: Symbol | None = None
    folded: int = 0  # symbols below it that went with it (a class's fields, a method's arguments)


def symbol_changes(old: dict[SymbolKey, Symbol], new: dict[SymbolKey, Symbol]) -> list[SymbolChange]:
    """Names of a key that changed (renamed), names that are gone (removed) or new (added).

    Compared by key: a kept key whose name differs is renamed even if its old name is still given
    to something else. A symbol that goes or comes with the symbol it belongs to is folded into it."""
    old_dotted = {s.dotted for s in old.values()}
    new_dotted = {s.dotted for s in new.values()}
    found: dict[SymbolKey, SymbolChange] = {}
    for key, symbol in old.items():
        if key in new and new[key].name != symbol.name:
            found[key] = SymbolChange("sdk-symbol-renamed", symbol, new[key])
        elif key not in new and symbol.dotted not in new_dotted:
            found[key] = SymbolChange("sdk-symbol-removed", symbol)
    for key, symbol in new.items():
        if key not in old and symbol.dotted not in old_dotted:
            found[key] = SymbolChange("sdk-symbol-added", symbol)
    folded: dict[SymbolKey, int] = {}
    kept: list[tuple[SymbolKey, SymbolChange]] = []
    for key, change in found.items():
        top = key
        while change.kind != "sdk-symbol-renamed":  # a renamed class keeps its fields' names
            up = found[top].symbol.parent
            if up is None or up not in found or found[up].kind != change.kind:
                break
            top = up
        if top == key:
            kept.append((key, change))
        else:
            folded[top] = folded.get(top, 0) + 1
    # One class can name several keys (inline enums of one shape are merged): its rename is one change.
    said: dict[tuple[str, str, str], SymbolChange] = {}
    for key, change in sorted(kept, key=lambda item: (item[1].symbol.dotted, item[1].symbol.pointer)):
        moved = change.renamed_to.dotted if change.renamed_to is not None else ""
        said.setdefault((change.kind, change.symbol.dotted, moved), SymbolChange(change.kind, change.symbol, change.renamed_to, folded.get(key, 0)))
    return list(said.values())

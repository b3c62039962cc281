"""The layout of a large SDK: a module per group of operations, each imported when first used.

A whole API (GitHub's 1,223 operations) in one `client.py` and one `models.py` is
loaded whole on import. From `render.LAZY_FROM` operations on, the package is split:

- `_groups/<group>.py`: the group's resource classes, its `Operation` descriptions and
  its operations' error classes; the Operations name their types as strings, which the
  runtime looks up on first use, so loading a group loads no models;
- `models/_<type>.py`: the types the same operations use (directly or through the types
  they name), named for the type they name most; `models/_unused.py`: those no operation
  uses. What a type names is used by every operation that uses it, and more: a module
  imports only modules of strictly larger sets, so they form no cycle;
- `models/__init__.py`, `errors.py` and `client.py`: every public name where it was,
  imported from its module on first access (PEP 562 `__getattr__`), and for type checkers
  and IDEs by `TYPE_CHECKING` imports; the client's groups are typed `cached_property`s.

A smaller API keeps the flat layout, which is easier to read.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass

import jinja2

from generator import ir
from generator.naming import words
from generator.emit.imports import RUNTIME_NAMES, ImportsView, from_modules, models_runtime
from generator.emit.render import (
    AliasView,
    ClassView,
    EnumView,
    ErrorView,
    GroupView,
    OperationView,
    PackageView,
    PlannedFile,
    _imports,
    given_text,
)

UNUSED = "_unused"  # the models module of the types no operation uses


# Never compared, like render's views (`eq=False`).
@dataclass(frozen=True, eq=False)
class ModelsModuleView:
    """One module of the `models` package, as `models.py.j2` prints it."""

    title: str
    imports: dict[str, ImportsView]
    enums: tuple[EnumView, ...]
    classes: tuple[ClassView, ...]
    aliases: tuple[AliasView, ...]
    parent: str = ".."  # the package, relative to the module


@dataclass(frozen=True, eq=False)
class GroupModuleView:
    """One module of `_groups`: a group's classes and the operations they call."""

    title: str
    group: GroupView
    imports: ImportsView
    shared_params: tuple[str, ...]  # the `NAME = Param(...)` statements its operations use
    # The models its annotations name, imported for type checkers only: its Operations name
    # them as strings, which the runtime looks up in `models` on first use.
    type_names: tuple[str, ...] = ()
    errors: tuple[ErrorView, ...] = ()  # the error classes of its operations
    exported: tuple[str, ...] = ()  # its `__all__`


@dataclass(frozen=True, eq=False)
class LazyView:
    """What `client.py.j2` and `models_lazy.py.j2` print of the lazy layout."""

    client_imports: ImportsView
    group_imports: tuple[tuple[str, tuple[str, ...]], ...]  # (group module, its class names)
    group_of: tuple[tuple[str, str], ...]  # (group class, its module), by class
    model_imports: tuple[tuple[str, tuple[str, ...]], ...]  # (models module, its names)
    model_module: tuple[tuple[str, str], ...]  # (model name, its module), by name
    models: dict[str, ModelsModuleView]
    groups: dict[str, GroupModuleView]
    error_imports: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (group module, its error classes)
    error_of: tuple[tuple[str, str], ...] = ()  # (operation error class, its group module), by class


def _class_code(cls: ClassView) -> str:
    return " ".join(f"{f.annotation} {f.default or ''}" for f in cls.fields)


def _operation_code(operation: OperationView) -> str:
    """An operation's annotations and description: every name its method and `Operation` refer to."""
    arguments = [f"{a.annotation} {a.default or ''}" for a in operation.positional + operation.keyword]
    return " ".join([*arguments, operation.returns, operation.item_type, operation.stream_item, operation.descriptor])


def _group_code(group: GroupView) -> str:
    return " ".join([*(_operation_code(o) for o in group.operations), *(["builtins"] if group.uses_builtins else [])])


def _group_classes(group: GroupView) -> tuple[str, ...]:
    raw = (group.raw_class_name, group.raw_async_class_name) if group.operations else ()
    return tuple(sorted((group.class_name, group.async_class_name, *raw)))


def model_modules(view: PackageView) -> dict[str, str]:
    """The module of each model: the types the same operations use share one, named for the
    type most of them name (`_full_repository`); those no operation uses are in `_unused`."""
    model_names = {c.name for c in view.classes} | {e.name for e in view.enums} | {a.name for a in view.aliases}
    refers: dict[str, frozenset[str]] = {c.name: c.refers & model_names for c in view.classes}
    refers.update({a.name: a.refers & model_names for a in view.aliases})
    # The operations that use a type, by index, in increasing order: an operation reaching a type
    # again finds its own index last. (Not a bit set: or-ing bits into an int of 22,000 bits, as
    # Microsoft Graph's operations make, copies the whole int each time.)
    users: dict[str, list[int]] = {name: [] for name in model_names}
    named_by: dict[str, int] = dict.fromkeys(model_names, 0)  # how many operations name a type themselves
    operations = [operation for group in view.groups for operation in group.operations]
    for index, operation in enumerate(operations):
        named = operation.refers & model_names
        for name in named:
            named_by[name] += 1
        pending = list(named)
        while pending:
            name = pending.pop()
            using = users[name]
            if not using or using[-1] != index:
                using.append(index)
                pending.extend(refers.get(name, ()))
    clusters: dict[tuple[int, ...], list[str]] = {}
    for name in sorted(model_names):
        clusters.setdefault(tuple(users[name]), []).append(name)
    taken = {UNUSED}
    module_of: dict[str, str] = {}
    for used_by, members in sorted(clusters.items(), key=lambda item: item[1][0]):
        if not used_by:
            module = UNUSED
        else:
            first = min(members, key=lambda n: (-named_by[n], n))
            module = "_" + "_".join(words(first)).lower()
            while module in taken:
                module = f"{module}_{len(taken)}"
            taken.add(module)
        module_of.update(dict.fromkeys(members, module))
    return module_of


def lazy_view(view: PackageView) -> LazyView:
    module_of = model_modules(view)
    # Each module's members, in the package's order, gathered in one pass.
    members: dict[str, tuple[list[ClassView], list[EnumView], list[AliasView]]] = {m: ([], [], []) for m in sorted(set(module_of.values()))}
    for cls in view.classes:
        members[module_of[cls.name]][0].append(cls)
    for enum in view.enums:
        members[module_of[enum.name]][1].append(enum)
    for alias in view.aliases:
        members[module_of[alias.name]][2].append(alias)
    models: dict[str, ModelsModuleView] = {}
    for module, (module_classes, module_enums, module_aliases) in members.items():
        classes, enums, aliases = tuple(module_classes), tuple(module_enums), tuple(module_aliases)
        own = {c.name for c in classes} | {e.name for e in enums} | {a.name for a in aliases}
        named = [c.refers for c in classes] + [a.refers for a in aliases]
        imported = {name for refers in named for name in refers if name in module_of} - own
        code = " ".join(
            [_class_code(c) for c in classes] + [e.base for e in enums] + [a.target for a in aliases] + (["model Model"] if classes else [])
        )
        found = _imports(code, models_runtime(bool(classes)))
        imports = dataclasses.replace(found, model_modules=from_modules(imported, module_of, "."))
        users = "that no operation uses" if module == UNUSED else "that the same operations use"
        models[module] = ModelsModuleView(f"{view.title} {users}", {"models": imports}, enums, classes, aliases)

    statements = {statement.split(" = ", 1)[0]: statement for statement in view.shared_params}
    group_runtime = tuple(sorted({*RUNTIME_NAMES["client"], *RUNTIME_NAMES["request"], *RUNTIME_NAMES["pagination"], *RUNTIME_NAMES["streams"], *RUNTIME_NAMES["forms"], "UNSET", "Unset", "Discriminator"}))
    error_view = {e.name: e for e in view.operation_errors}
    groups: dict[str, GroupModuleView] = {}
    for group in view.groups:
        # The group's module defines its operations' error classes: `errors` imports them on first access.
        errors = tuple(sorted((error_view[o.error_class] for o in group.operations), key=lambda e: e.name))
        code = _group_code(group)
        shared = tuple(statements[name] for name in sorted({name for o in group.operations for name in o.shared_params}))
        code = " ".join((code, *shared))
        always: tuple[str, ...] = ("AsyncResource", "Resource")
        if group.operations:
            always += ("AsyncRawResource", "CallOptions", "Operation", "RawResource", "async_raw", "awaitable", "raw")
        if any(o.pager for o in group.operations):
            always += ("Pager", "async_pages", "paginate")
        if any(o.stream for o in group.operations):
            always += ("Stream", "async_stream", "stream_items")
        if any(o.deprecation for o in group.operations):
            always += ("deprecated_operation",)
        found = _imports(code, group_runtime, always=always)
        imports = dataclasses.replace(found, typing=tuple(sorted({*found.typing, "TYPE_CHECKING"})))
        exported = tuple(sorted(_group_classes(group) + tuple(e.name for e in errors)))
        groups[group.attribute] = GroupModuleView(view.title, group, imports, shared, tuple(sorted({name for o in group.operations for name in o.refers if name in module_of})), errors, exported)

    client_imports = dataclasses.replace(
        _imports(view.auth_expression + (" credential" if view.credentials else ""), RUNTIME_NAMES["client"] + RUNTIME_NAMES["models"] + RUNTIME_NAMES["auth"] + RUNTIME_NAMES["api_key"], always=("AsyncBaseClient", "BaseClient", "RetryPolicy", "Unset", "UNSET")),
        typing=("Any", "TYPE_CHECKING"),
    )
    return LazyView(
        client_imports=client_imports,
        group_imports=tuple((g.attribute, _group_classes(g)) for g in sorted(view.groups, key=lambda g: g.attribute)),
        group_of=tuple(sorted((name, g.attribute) for g in view.groups for name in _group_classes(g))),
        model_imports=from_modules(module_of, module_of, ""),
        model_module=tuple(sorted(module_of.items())),
        models=models,
        groups=groups,
        error_imports=tuple((name, tuple(e.name for e in g.errors)) for name, g in sorted(groups.items()) if g.errors),
        error_of=tuple(sorted((e.name, name) for name, g in groups.items() for e in g.errors)),
    )


def lazy_files(view: PackageView, lazy: LazyView, environment: jinja2.Environment) -> list[PlannedFile]:
    """The `models` package and the `_groups` modules, planned (see `render.plan_files`)."""
    package = view.package
    models = environment.get_template("package/models.py.j2")
    group_template = environment.get_template("package/group.py.j2")
    index = environment.get_template("package/models_lazy.py.j2")
    files = [PlannedFile(f"{package}/models/__init__.py", len(lazy.model_module) * 3, functools.partial(index.render, view=view, lazy=lazy))]
    files.extend(
        PlannedFile(f"{package}/models/{module}.py", _members_weight(module_view), functools.partial(models.render, view=module_view))
        for module, module_view in lazy.models.items()
    )
    files.append(given_text(f"{package}/_groups/__init__.py", f'"""The groups of operations of the {view.title}, each imported when first used."""\n'))
    files.extend(
        PlannedFile(f"{package}/_groups/{name}.py", len(group_view.group.operations) * 40, functools.partial(group_template.render, view=group_view))
        for name, group_view in lazy.groups.items()
    )
    return files


def _members_weight(module: ModelsModuleView) -> int:
    """About the lines a models module takes: its classes' fields, its enums' members."""
    return sum(4 + 3 * len(c.fields) for c in module.classes) + sum(3 + len(e.members) for e in module.enums) + 2 * len(module.aliases)

"""What a change of spec does to the generated SDK: its public symbols and its files."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from generator.diff.sources import Side


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


def public_symbols(files: dict[str, str], package: str) -> set[str]:
    """Dotted names a user of the SDK can reach: classes, their fields, members and methods, and
    each method's parameters (`pkg.client.Calls.create(to)`)."""
    symbols: set[str] = set()
    for path, text in files.items():
        parts = path[:-3].split("/") if path.endswith(".py") else []
        if not parts or parts[0] != package or any(p.startswith("_") for p in parts[1:]):
            continue
        module = ".".join(parts)
        for node in ast.parse(text).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                owner = f"{module}.{node.name}"
                symbols.add(owner)
                for item in node.body:
                    symbols.update(f"{owner}.{name}" for name in _assigned(item))
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and not item.name.startswith("_"):
                        method = f"{owner}.{item.name}"
                        symbols.add(method)
                        arguments = item.args
                        for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
                            if arg.arg not in ("self", "cls"):
                                symbols.add(f"{method}({arg.arg})")
            else:
                symbols.update(f"{module}.{name}" for name in _assigned(node))
    return symbols


def _assigned(node: ast.stmt) -> list[str]:
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign):
        targets = [node.target]
    return [t.id for t in targets if isinstance(t, ast.Name) and not t.id.startswith("_")]


def render_sdk(side: Side, package: str) -> dict[str, str]:
    """The SDK's files as the render stage makes them (not formatted: enough to compare)."""
    from generator.naming import build_names
    from generator.render import render

    return render(side.api, build_names(side.api, package))


def sdk_changes(old: Side, new: Side, package: str | None = None) -> SdkChanges:
    from generator.naming import package_name

    chosen = package or package_name(new.api.title)
    before, after = render_sdk(old, chosen), render_sdk(new, chosen)
    old_symbols, new_symbols = public_symbols(before, chosen), public_symbols(after, chosen)
    return SdkChanges(
        chosen,
        tuple(sorted(new_symbols - old_symbols)),
        tuple(sorted(old_symbols - new_symbols)),
        tuple(sorted(set(after) - set(before))),
        tuple(sorted(set(before) - set(after))),
        tuple(sorted(p for p in set(before) & set(after) if before[p] != after[p])),
    )

"""What a generated module imports, from the names its pieces refer to.

The view builder records, while it writes a piece (a class, an alias, an operation), the
model names that piece refers to (`References`); a module's imports are computed from the
names of the pieces it holds, so no generated text is searched for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ImportsView:
    """What one generated module imports, computed from the code it holds."""

    datetime: bool
    dataclasses: tuple[str, ...]
    typing: tuple[str, ...]
    runtime: tuple[tuple[str, tuple[str, ...]], ...]  # (runtime module, names), by module
    models: tuple[str, ...]
    document: tuple[str, ...] = ()  # from the models-only package's `_document` module
    model_modules: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (relative module, names): the lazy layout's models
    builtins: bool = False  # `import builtins`: a name of them is spelt `builtins.<name>` (see `render.GroupView`)


# The runtime's public names, by the module of `templates/runtime/` that defines them.
RUNTIME_NAMES = {
    "models": ("UNSET", "Discriminator", "Model", "OpenIntEnum", "OpenStrEnum", "Unset", "model"),
    "request": ("Body", "CallOptions", "Operation", "Param"),
    "client": (
        "AsyncBaseClient", "AsyncRawResource", "AsyncResource", "BaseClient", "RawResource", "Resource", "RetryPolicy",
        "async_raw", "awaitable", "credential", "deprecated_operation", "raw",
    ),
    "auth": ("BearerAuth", "combine_auth"),
    "api_key": ("ApiKeyAuth",),
    "forms": ("form_urlencoded", "multipart"),
    "pagination": ("AfterLast", "Cursor", "LinkHeader", "NextLink", "Offset", "PageNumber", "Pager", "async_pages", "paginate"),
    "streams": ("Stream", "Streamed", "async_stream", "stream_items"),
}
RUNTIME_MODULE = {name: module for module, names in RUNTIME_NAMES.items() for name in names}


def models_runtime(with_classes: bool) -> tuple[str, ...]:
    """The runtime names a models module may import: the `model` decorator only when it defines
    classes (its word may also be spelt inside a string of the module's aliases)."""
    return RUNTIME_NAMES["models"] if with_classes else tuple(n for n in RUNTIME_NAMES["models"] if n != "model")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def identifiers(code: str) -> set[str]:
    """The identifiers in a short piece of code (an annotation, a default): its candidate imports."""
    return set(_IDENTIFIER.findall(code))


def imports_of(used: Iterable[str], runtime: Iterable[str], models: Iterable[str] = (), always: Iterable[str] = ()) -> ImportsView:
    """The imports of a module whose code uses the identifiers `used` (and `always`)."""
    tokens = set(used) | set(always)
    by_module: dict[str, list[str]] = {}
    for name in sorted((n for n in runtime if n in tokens), key=lambda n: (not n.isupper(), n)):
        by_module.setdefault(RUNTIME_MODULE[name], []).append(name)
    return ImportsView(
        datetime="datetime" in tokens,
        dataclasses=tuple(n for n in ("dataclass", "field") if n in tokens),
        typing=tuple(n for n in ("Annotated", "Any", "Literal", "Union") if n in tokens),
        runtime=tuple((module, tuple(names)) for module, names in sorted(by_module.items())),
        models=tuple(sorted(n for n in models if n in tokens)),
        builtins="builtins" in tokens,
    )


def from_modules(names: Iterable[str], module_of: dict[str, str], prefix: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`(module, its names)` for `from <prefix><module> import ...` lines, by module, names sorted."""
    by_module: dict[str, list[str]] = {}
    for name in sorted(names):
        by_module.setdefault(module_of[name], []).append(name)
    return tuple((prefix + module, tuple(found)) for module, found in sorted(by_module.items()))


class References:
    """The model names referred to by the pieces being built, one set per piece.

    Pieces nest (an operation's parameters, a class's fields): what an inner piece refers
    to, its enclosing piece refers to as well.
    """

    def __init__(self) -> None:
        self._open: list[set[str]] = []

    def add(self, *names: str) -> None:
        if self._open:
            self._open[-1].update(names)

    def piece(self, enclosed: bool = True) -> _Piece:
        """Record the names referred to inside the `with` block, into the set it yields; unless
        `enclosed` is false (a draft the caller may drop), the enclosing piece refers to them too."""
        return _Piece(self._open, enclosed)


class _Piece:
    """One `References.piece()` block (a class rather than `contextlib`: it is entered tens of
    thousands of times for a large API)."""

    def __init__(self, open_pieces: list[set[str]], enclosed: bool) -> None:
        self._open = open_pieces
        self._enclosed = enclosed
        self._names: set[str] = set()

    def __enter__(self) -> set[str]:
        self._open.append(self._names)
        return self._names

    def __exit__(self, *exception: object) -> None:
        self._open.pop()
        if self._enclosed and self._open:
            self._open[-1] |= self._names

"""The name lock: every public name of a generation with the key of what it names.

A key is plain data: the kind of name (`type`, `method`, `argument`, ...) and
the place of what it names, as a tuple (`("", "/components/schemas/Pet")` for
a schema of the root document; `("get", "/pets")` for an operation). Places of
schemas are relative to the root document, so a spec moved, renamed or checked
out elsewhere keeps its keys.

The lock is written into the output's manifest. The next generation gives every
key that still exists its locked name; new keys take names that do not clash
with kept ones. Overrides (the `names` table of `[tool.sdkwright]`) win over both.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, get_args
from urllib.parse import urlsplit

KeyKind = Literal[
    "package",  # ()
    "type",  # (document, pointer): a schema's class, enum or alias
    "field",  # (document, pointer, wire name): a dataclass attribute
    "member",  # (document, pointer, JSON of the value): an enum member
    "status error",  # (status,)
    "code error",  # (code,)
    "operation error",  # (method, path)
    "group",  # (tag,): the resource class
    "async group",  # (tag,)
    "raw group",  # (tag,): the resource class whose methods return raw responses
    "async raw group",  # (tag,)
    "attribute",  # (tag,): `client.<attribute>`
    "method",  # (method, path)
    "pager",  # (method, path): the method iterating over every page
    "stream",  # (method, path): the method reading a streamed success item by item
    "argument",  # (method, path, location, wire name): location `body` for a flattened field, ("body", "") for the body
    "operation constant",  # (method, path): the module-level `Operation` of `_operations.py`
    "shared parameter",  # (location, wire name, method, path of the first operation taking it)
    "credential",  # (security scheme, part): a keyword argument of the client
]
KEY_KINDS: tuple[str, ...] = get_args(KeyKind)
_KINDS = frozenset(KEY_KINDS)


class Key(NamedTuple):
    """What a name names: its kind and its place (a typed tuple: hashed and ordered as one)."""

    kind: KeyKind
    place: tuple[str, ...] = ()


def document_place(key: str, root: str | None) -> tuple[str, str]:
    """`(document, pointer)` of a model key `uri#pointer`: the document relative to the root's folder
    (`""` for the root itself), so it does not depend on where the spec lies or what its file is called."""
    uri, _, pointer = key.partition("#")
    if root is None:
        return (uri, pointer)
    if uri == root:
        return ("", pointer)
    a, b = urlsplit(uri), urlsplit(root)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return (uri, pointer)  # another host: its address is its place
    return (posixpath.relpath(a.path, posixpath.dirname(b.path) or "/"), pointer)


@dataclass(frozen=True)
class NameLock:
    """Names by key. A plain value: `build_names(api, lock=earlier.lock)` names `api` as `earlier` did."""

    names: Mapping[Key, str] = field(default_factory=dict)

    def get(self, key: Key) -> str | None:
        return self.names.get(key)

    def __iter__(self) -> Iterator[tuple[Key, str]]:
        """The entries in the order of their keys, (kind, *place) compared part by part."""
        return ((key, self.names[key]) for key in sorted(self.names, key=_order))

    def __len__(self) -> int:
        return len(self.names)

    @functools.cached_property
    def json_lines(self) -> tuple[str, ...]:
        """Each sorted entry's JSON, `["kind", "place", ..., "name"]`, as the manifest writes it.

        A large API's lock has some 65,000 entries: the manifest and the fingerprint both read
        them, so they are encoded once, each string by the json module's C encoder."""
        return tuple("[" + ", ".join(map(_encode_string, (key.kind, *key.place, name))) + "]" for key, name in self)

    @functools.cached_property
    def encoded(self) -> EncodedLock:
        """The entries as the manifest writes them, one a line, and the digest the fingerprint takes of them."""
        lines = self.json_lines
        return EncodedLock(
            hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest() if lines else hashlib.sha256().hexdigest(),
            ",\n".join(f"    {line}" for line in lines),
        )

    def adopt(self, encoded: EncodedLock) -> None:
        """Take `encoded` as this lock's `encoded` (computed from an equal lock in a forked process).

        It is a cache of what the entries give: the lock itself is not changed."""
        self.__dict__["encoded"] = encoded

    def to_json(self) -> list[list[str]]:
        """`[kind, *place, name]` per key, sorted."""
        return [[key.kind, *key.place, name] for key, name in self]

    @staticmethod
    def from_json(data: Any) -> NameLock:
        """The lock of a manifest; entries that are not `[kind, *place, name]` strings are left out."""
        names: dict[Key, str] = {}
        if isinstance(data, list):
            for entry in data:
                if isinstance(entry, list) and len(entry) >= 2 and entry[0] in _KINDS:
                    try:
                        "".join(entry)  # every part a string, checked in one call (a large lock has 65,000 entries)
                    except TypeError:
                        continue
                    names[_new_key((entry[0], tuple(entry[1:-1])))] = entry[-1]
        return NameLock(names)


@dataclass(frozen=True)
class EncodedLock:
    """A lock's entries as the manifest's `names` list writes them, and their digest."""

    digest: str  # sha256 of the entries' JSON lines, each ended by a newline
    manifest_block: str  # the entries' lines, 4 spaces in, separated by commas and newlines


# `Key(kind, place)` without the Python-level `__new__` of a named tuple: a large lock is read
# back as 65,000 of them.
_new_key: Callable[[tuple[str, tuple[str, ...]]], Key] = functools.partial(tuple.__new__, Key)


def _order(key: Key) -> str:
    """A key's sort key: its parts joined by NUL sort as the parts do (but for parts holding a
    NUL, still in a fixed order), one string comparison instead of two levels of tuples: three
    times faster over a large lock."""
    return "\0".join((key.kind, *key.place))


_encode_string = json.encoder.encode_basestring  # what `json.dumps(..., ensure_ascii=False)` writes a string as

EMPTY = NameLock()


def merged(*locks: NameLock | Mapping[Key, str]) -> NameLock:
    """One lock of several, later ones winning."""
    names: dict[Key, str] = {}
    for lock in locks:
        names.update(lock.names if isinstance(lock, NameLock) else lock)
    return NameLock(names)


def kept_names(keys: Iterable[Key], lock: NameLock, overrides: NameLock, valid: Any) -> dict[Key, str]:
    """The names of `keys` the lock and the overrides keep, distinct from one another.

    An override always wins; a locked name is kept when `valid(name)` holds and
    no override or other kept key has it (of several keys locked to one name,
    the smallest key keeps it; the others are named afresh).
    """
    chosen: dict[Key, str] = {}
    if not lock.names and not overrides.names:
        return chosen
    locked = lock.names
    if not overrides.names:
        # Most name spaces of a regeneration: each key locked to a name of its own, whose order
        # decides nothing (a whole API asks 8,000 of them, 65,000 keys in all).
        found = {key: name for key in keys if (name := locked.get(key)) is not None}
        if len(set(found.values())) == len(found):
            return {key: name for key, name in found.items() if valid(name)}
        keys = found
    taken: set[str] = set()
    wanted = sorted(set(keys))
    for key in wanted:
        name = overrides.get(key)
        if name is not None:
            chosen[key] = name
            taken.add(name)
    for key in wanted:
        name = locked.get(key)
        if key in chosen or name is None or name in taken or not valid(name):
            continue
        chosen[key] = name
        taken.add(name)
    return chosen

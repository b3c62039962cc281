"""Words and identifiers: split any name into words, join them in a Python style, make it safe."""

from __future__ import annotations

import functools
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable, Sequence

# Spelled-out symbols keep names such as `DateCreated<` and `DateCreated>` apart.
DATE_SYMBOLS = {"<=": " on or before ", ">=": " on or after ", "<": " before ", ">": " after "}
ORDER_SYMBOLS = {"<=": " lte ", ">=": " gte ", "<": " lt ", ">": " gt ", "!=": " ne ", "=": " eq "}
SYMBOL_NAMES = {
    "[": "open", "]": "close", ".": "dot", "-": "dash", "@": "at", "$": "dollar", "+": "plus",
    ":": "colon", "/": "slash", "_": "underscore", "#": "hash", "*": "star",
    "&": "and", "%": "percent", "!": "not", "~": "tilde", "<": "lt", ">": "gt", "=": "eq",
}
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")


def ascii_text(text: str) -> str:
    """Text with accents removed and anything outside ASCII dropped (homoglyphs included)."""
    if text.isascii():  # NFKD leaves ASCII as it is
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str, symbols: dict[str, str] | None = None) -> list[str]:
    """Split a name in any style (camelCase, snake_case, prose, kebab) into words."""
    if not symbols:
        return list(_split(text, ()))
    table = tuple(symbols.items())
    return list(_split(text, _SYMBOL_TABLES.setdefault(table, table)))


# One tuple per table of symbols, shared by every cache key that names it.
_SYMBOL_TABLES: dict[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = {}


# Bounded: a whole API asks for the words of one wire name many times (one split per candidate).
@functools.lru_cache(maxsize=1 << 15)
def _split(text: str, symbols: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    for symbol, spelled in symbols:
        text = text.replace(symbol, f" {spelled.strip()} ")
    return tuple(_WORD.findall(ascii_text(text)))


def snake(parts: Sequence[str]) -> str:
    return "_".join([w.lower() for w in parts])


def pascal(parts: Sequence[str]) -> str:
    return "".join([w[0].upper() + w[1:] for w in parts])


def upper_snake(parts: Sequence[str]) -> str:
    return "_".join([w.upper() for w in parts])


def _overlap(lowered: Sequence[str], group_lowered: Sequence[str]) -> int:
    """How many words at the end of `lowered` the group starts with (the most there are).

    Both are of one kind (lists, or tuples): only a size whose first word is the group's is compared whole.
    """
    if not group_lowered:
        return 0
    first = group_lowered[0]
    for size in range(min(len(lowered), len(group_lowered)), 0, -1):
        if lowered[-size] == first and lowered[-size:] == group_lowered[:size]:
            return size
    return 0


def merge_words(*groups: Sequence[str]) -> list[str]:
    """Concatenate word lists, folding an overlap (`...CreatedEvent` + `EventType`)."""
    merged: list[str] = []
    lowered: list[str] = []  # `merged` in lower case: each word lowered once
    for group in groups:
        group_lowered = [w.lower() for w in group]
        overlap = _overlap(lowered, group_lowered)
        merged.extend(group[overlap:])
        lowered.extend(group_lowered[overlap:])
    return merged


Prepared = tuple[tuple[str, ...], tuple[str, ...]]  # a word list's words capitalized (for `pascal`) and lowered (to fold overlaps)


def prepared(group: Sequence[str]) -> Prepared:
    """`group` ready for `merged_pascal`: each word capitalized and lowered once, for many names."""
    return tuple([w[0].upper() + w[1:] for w in group]), tuple([w.lower() for w in group])


def merged_pascal(*groups: Prepared) -> str:
    """`pascal(merge_words(*groups))`, of `prepared` groups."""
    pieces: list[str] = []
    lowered: tuple[str, ...] = ()
    for capitalized, group_lowered in groups:
        # An overlap starts with the group's first word: most groups share none with the words before.
        overlap = _overlap(lowered, group_lowered) if group_lowered and group_lowered[0] in lowered else 0
        pieces.extend(capitalized[overlap:])
        lowered += group_lowered[overlap:]
    return "".join(pieces)


def stable_suffix(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:6]


def identifier(name: str, fallback: str, reserved: Iterable[str] = ()) -> str:
    """Make `name` a safe identifier: not empty, no leading digit, no keyword, not reserved."""
    name = name or fallback
    if name[0].isdigit():
        name = fallback + ("_" if fallback.islower() else "") + name
    # The reserved names are a frozenset where it matters (every field, member, class): not copied.
    reserved_set = reserved if isinstance(reserved, (set, frozenset)) else set(reserved)
    while name in reserved_set or keyword.iskeyword(name) or name == "_":  # `_`: the one soft keyword a name cannot be
        name += "_"
    return name

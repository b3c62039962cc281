"""Format stage: black over the generated Python files.

Formatting is the main cost at scale, so:
- modules are cut at their top-level classes and functions, black runs on the
  pieces (in parallel when there is enough to pay for worker processes), and
  the pieces are joined with the two blank lines black puts between them;
- a piece formatted before, by the same black, is taken from a cache keyed by
  its digest, so a spec change re-formats only the code it changed;
- the templates already emit black's layout, so black needs one pass, not two.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from black.mode import Mode

_PARALLEL_THRESHOLD = 200_000  # characters to format before worker processes pay off


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def mode() -> Mode:
    """black's settings (imported only when something is left to format)."""
    from black.mode import Mode, TargetVersion

    return Mode(target_versions={TargetVersion.PY310}, line_length=100)


def format_source(source: str) -> str:
    """black's formatting of one piece of a module."""
    from black import format_str
    from black.parsing import InvalidInput

    try:
        return format_str(source, mode=mode())
    except InvalidInput as exc:  # a generator bug, never a user error
        raise RuntimeError(f"generated code does not parse: {exc}") from exc


_BLOCK = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def split_module(source: str) -> list[tuple[str, int]]:
    """Cut a module before each top-level statement: (piece, blank lines before it).

    The imports stay together, and a string right after a statement (its
    docstring) stays with it. Each piece is black's input on its own.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:  # a generator bug, never a user error
        raise RuntimeError(f"generated code does not parse: {exc}") from exc
    lines = source.splitlines(keepends=True)
    starts: list[tuple[int, bool, bool]] = []  # (first line, is a class or def, follows an import)
    for index, node in enumerate(tree.body):
        if index == 0 or isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue  # an attribute docstring belongs to the statement before it
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        while start > 1 and lines[start - 2].lstrip().startswith("#"):
            start -= 1  # comments above a statement belong to it
        after_import = isinstance(tree.body[index - 1], (ast.Import, ast.ImportFrom))
        starts.append((start, isinstance(node, _BLOCK), after_import))
    first_is_block = bool(tree.body) and isinstance(tree.body[0], _BLOCK)
    bounds = [(1, first_is_block, False), *starts]
    pieces: list[tuple[str, int]] = []
    previous_trailing, previous_block = 0, False
    for index, (start, is_block, after_import) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(lines) + 1
        text = "".join(lines[start - 1 : end - 1])
        body = text.rstrip("\n")
        if not body.strip():
            continue
        # black's rules: two blank lines around top-level classes and functions,
        # exactly one after the imports, otherwise as written (at most two).
        before = 2 if is_block or previous_block else 1 if after_import else min(previous_trailing, 2)
        pieces.append((body + "\n", before if pieces else 0))
        previous_trailing, previous_block = len(text) - len(body) - 1, is_block
    return pieces


def join_pieces(pieces: list[tuple[str, int]]) -> str:
    """Formatted pieces laid out as black lays out a module."""
    text = ""
    for index, (piece, blanks) in enumerate(pieces):
        text += ("\n" * blanks if index else "") + piece
    return text


@contextmanager
def _cache() -> Iterator[sqlite3.Connection | None]:
    """The cache of formatted pieces, if one can be opened."""
    if os.environ.get("SDKWRIGHT_NO_CACHE"):
        yield None
        return
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sdkwright"
    connection = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        from importlib.metadata import version

        connection = sqlite3.connect(root / f"black-{version('black')}.sqlite3", timeout=5)
        connection.execute("CREATE TABLE IF NOT EXISTS pieces (key TEXT PRIMARY KEY, text TEXT NOT NULL)")
    except (OSError, sqlite3.Error):
        connection = None
    try:
        yield connection
    finally:
        if connection is not None:
            connection.close()


def _cached(connection: sqlite3.Connection | None, keys: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    if connection is None:
        return found
    try:
        for start in range(0, len(keys), 500):
            batch = keys[start : start + 500]
            rows = connection.execute(
                f"SELECT key, text FROM pieces WHERE key IN ({','.join('?' * len(batch))})", batch
            )
            found.update(rows.fetchall())
    except sqlite3.Error:
        return {}
    return found


def _store(connection: sqlite3.Connection | None, items: dict[str, str]) -> None:
    if connection is None or not items:
        return
    try:
        with connection:
            connection.executemany("INSERT OR REPLACE INTO pieces VALUES (?, ?)", items.items())
    except sqlite3.Error:
        pass  # the cache only saves time


def _format_all(sources: list[str]) -> list[str]:
    total = sum(len(s) for s in sources)
    workers = min(os.cpu_count() or 1, len(sources))
    if total < _PARALLEL_THRESHOLD or workers < 2 or not hasattr(os, "fork"):
        return [format_source(s) for s in sources]
    mode()  # import black once, before the workers fork
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(format_source, sources, chunksize=max(1, len(sources) // (workers * 8))))


def format_files(
    files: Mapping[str, str],
    reuse: Callable[[str, str], str | None] = lambda path, source_digest: None,
    verbatim: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Format every .py file but the `verbatim` ones (already formatted);
    `reuse(path, digest)` may return a file's previous result."""
    result = dict(files)
    pieces_of: dict[str, list[tuple[str, int]]] = {}
    for path, source in files.items():
        if not path.endswith(".py") or path in verbatim:
            continue
        previous = reuse(path, digest(source))
        if previous is not None:
            result[path] = previous
        else:
            pieces_of[path] = split_module(source)
    keys = {piece: digest(piece) for pieces in pieces_of.values() for piece, _ in pieces}
    with _cache() as connection:
        known = _cached(connection, sorted(set(keys.values())))
        todo = sorted({piece for piece, key in keys.items() if key not in known}, key=len, reverse=True)
        formatted = dict(zip(todo, _format_all(todo)))
        _store(connection, {keys[piece]: text for piece, text in formatted.items()})
    for path, pieces in pieces_of.items():
        result[path] = join_pieces([(formatted[p] if p in formatted else known[keys[p]], b) for p, b in pieces])
    return result

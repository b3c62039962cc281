"""Format stage: the generated Python files in black's layout, black run only where needed.

The render stage writes black's layout by construction (`generator.emit.source`),
so black is a fallback, not a pass over everything:
- modules are cut at their top-level statements, found line by line (black's
  layout indents every line inside brackets; `ast` only where that reading is
  unsure), and a class that needs black at its members (each formatted inside a
  stand-in class); the pieces are joined with the blank lines black puts
  between them;
- a piece is vouched for, and kept as written, unless a line of it is longer
  than black's limit outside a docstring (a shape the builder could not lay
  out: black decides where it splits) or it holds a tab (black expands them);
  black runs on the rest, in parallel when there is enough to pay for worker
  processes;
- a piece formatted before, by the same black, is taken from a cache keyed by
  its digest, so a spec change re-formats only the code it changed.
A test runs black over every generated file of the corpus and finds nothing to change.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from generator.emit.source import LINE_LENGTH, width
from generator.output.forked import shared_with_a_fork

if TYPE_CHECKING:
    import sqlite3

    from black.mode import Mode

    from generator.emit.render import PlannedFile

_PARALLEL_THRESHOLD = 200_000  # characters to format before worker processes pay off


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def mode() -> Mode:
    """black's settings (imported only when something is left to format)."""
    from black.mode import Mode, TargetVersion

    return Mode(target_versions={TargetVersion.PY310}, line_length=LINE_LENGTH)


def format_source(source: str) -> str:
    """black's formatting of one piece of a module."""
    from black import format_str
    from black.parsing import InvalidInput

    try:
        return format_str(source, mode=mode())
    except InvalidInput as exc:  # a generator bug, never a user error
        raise RuntimeError(f"generated code does not parse: {exc}") from exc


def _too_long(line: str) -> bool:
    return width(line) > LINE_LENGTH


_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"  # a name, or a dotted one
# Lines too long that black cannot split either: a string (or a dict entry of two) alone on its
# line; a name alone, after `| ` in a union split one variant a line, or before a comma; a
# parameter annotated with a lone name; a keyword argument whose value is a name or a string
# (`error=...Error,` in an exploded call); the head of a class whose name is that long, of a
# function (`def name(` of an exploded signature), or of a call or parentheses assigned to a
# name that long; the head of an exploded import.
_UNSPLITTABLE = re.compile(
    rf' +(?:"(?:[^"\\]|\\.)*"(?:,|: "(?:[^"\\]|\\.)*",?)|(?:\| )?{_NAME},?|{_NAME}: {_NAME},'
    rf'|[A-Za-z_][A-Za-z0-9_]*=(?:{_NAME}|"(?:[^"\\]|\\.)*"),)'
    r'|(?: {4})*from \.*[A-Za-z0-9_.]* import \('
    r'|(?: {4})*class [A-Za-z_][A-Za-z0-9_]*\('
    r'|(?: {4})*(?:async )?def [A-Za-z_][A-Za-z0-9_]*\('
    rf"|(?: {{4}})*[A-Za-z_][A-Za-z0-9_]* = (?:{_NAME})?\("
)


# The head of an annotated assignment whose annotation's subscript black splits, for a target
# too long for `X: (` (`render`'s operation statements of a long constant).
_SUBSCRIPT_HEAD = re.compile(rf"([A-Za-z_][A-Za-z0-9_]*): {_NAME}\[")
# A field annotated with a lone name, and the closing line of an exploded signature with a lone
# name for its return annotation: black puts that name in parentheses of its own, on a line four
# spaces in, unless it is too long for that line as well.
_WRAPPED_ATOM = re.compile(rf"( *)(?:{_NAME}: ({_NAME})|\) -> ({_NAME}):)")


def _unsplittable(line: str) -> bool:
    if _UNSPLITTABLE.fullmatch(line):
        return True
    head = _SUBSCRIPT_HEAD.fullmatch(line)
    if head is not None:
        return width(head.group(1)) + 3 > LINE_LENGTH  # else black puts the annotation in parentheses: `X: (`
    atom = _WRAPPED_ATOM.fullmatch(line)
    if atom is None:
        return False
    indent, name = atom.group(1), atom.group(2) or atom.group(3)
    return len(indent) + 4 + width(name) > LINE_LENGTH


def _plain_text(text: str) -> bool:
    """A docstring's first or only line that black keeps as it is: no space or quote at
    either end (black strips spaces and pads quotes), no odd backslash at the end."""
    return bool(text) and text == text.strip() and not text.startswith('"') and not text.endswith(('"', "\\"))


def _padded(text: str) -> bool:
    """A docstring's only line ending in a quote, with the space black puts before the closing
    quotes, and nothing else for black to change: no space or quote at its start."""
    return text.endswith('" ') and not text.startswith((" ", '"'))


def needs_black(piece: str) -> bool:
    """Whether black may lay `piece` out otherwise than it is written.

    The builder writes every shape black's way when it fits the line; a line
    over the limit is a shape it left to black (black decides where, or
    whether, it splits), unless it is a docstring's text, which black never
    wraps (black measures lines in its own way: `width`). Docstrings are black's as well unless they are as black leaves them:
    one line of plain text, or a first line of it, lines at the opening quotes'
    indentation or deeper (at least one at it) without trailing spaces, and the
    closing quotes on a line of their own at that indentation. A string after a
    statement rather than first in its block (an attribute's docstring) is no
    docstring to black, which leaves it as written. A tab in a line's indentation is black's too.
    Generated code writes triple quotes only for docstrings and no string holds
    three quotes, so counting them finds the docstrings.
    """
    tabbed = "\t" in piece
    ascii_only = piece.isascii()  # then a line's width is its length
    margin: int | None = None  # the indentation of the docstring the line is in, if it is
    least = 0  # the least indentation of that docstring's lines of text so far
    plain = False  # whether the string the line is in is no docstring (see below)
    opens_block = True  # whether the last line of code opened a block (the piece's start does)
    for line in piece.splitlines():
        if tabbed and "\t" in line[: len(line) - len(line.lstrip())]:
            return True  # black expands the tabs of a line's indentation (leaving the others)
        quotes = line.count('"""')
        if margin is None and quotes == 0:
            if (len(line) > LINE_LENGTH if ascii_only else _too_long(line)) and not _unsplittable(line):
                return True
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                opens_block = stripped.endswith(":")
            continue
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if margin is None:
            if not stripped.startswith('"""') or quotes > 2:
                return True
            # A string after a statement (an attribute's docstring) is no docstring to black,
            # which leaves it as it is written.
            plain, opens_block = not opens_block, False
            if quotes == 2:  # a docstring of one line
                if not stripped.endswith('"""') or not (plain or _plain_text(stripped[3:-3]) or _padded(stripped[3:-3])):
                    return True
                continue
            if not (plain or _plain_text(stripped[3:])):
                return True
            margin, least = indent, 1 << 30
        elif quotes == 0:
            if plain:
                continue
            if line != line.rstrip() or line.endswith("\\"):
                return True
            if stripped:
                least = min(least, indent)
        else:
            if plain:
                if quotes > 1 or not stripped.endswith('"""'):
                    return True
            elif stripped != '"""' or indent != margin or least not in (margin, 1 << 30):
                return True
            margin = None
    return margin is not None


_BLOCK = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def _is_string(node: ast.stmt) -> bool:
    """A string on its own: a docstring, of the module or of the statement before it."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _first_line(node: ast.stmt, lines: list[str], offset: int = 0) -> int:
    """Where a statement starts: its decorators, and the comments right above it, belong to it.
    `offset`: the lines of `lines` before the text `node` was parsed from."""
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    start = offset + min([node.lineno, *(d.lineno for d in decorators)])
    while start > 1 and lines[start - 2].lstrip().startswith("#"):
        start -= 1
    return start


@dataclass(frozen=True)
class _Statement:
    """What cutting a module needs of one of its top-level statements."""

    first_line: int  # see `_first_line`
    is_block: bool  # a class or def
    is_import: bool
    is_string: bool  # a string on its own (`_is_string`)


_PART = 32_000  # characters: a module is parsed in parts of about this length
_NO_START = ("", " ", "\t", "\n", "#", ")", "]", "}")  # first characters of lines no statement starts at


def _statements(source: str, lines: list[str], part: int = _PART) -> list[_Statement]:
    """The module's top-level statements. A syntax tree takes some 70 times its text (135 MB for
    a 2 MB module), so the module is parsed in parts of about `part` characters, cut before
    unindented lines, and only this is kept of each part's tree. A part cut inside a statement
    does not parse and grows to the next cut; one that parses is statements of the whole module,
    unless what follows it continues its last one (`else:`), which parses in no part: then the
    module is parsed whole."""
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    cuts = [index for index, line in enumerate(lines) if index and line[:1] not in _NO_START]
    found: list[_Statement] = []
    begin = 0  # the line (from 0) the part starts at
    for cut in [*cuts, len(lines)]:
        if cut < len(lines) and offsets[cut] - offsets[begin] < part:
            continue
        try:
            tree = ast.parse(source[offsets[begin] : offsets[cut]])
        except SyntaxError as exc:
            if cut < len(lines):
                continue
            if begin:
                return _statements(source, lines, part=len(source) + 1)
            raise RuntimeError(f"generated code does not parse: {exc}") from exc  # a generator bug, never a user error
        for node in tree.body:
            is_import = isinstance(node, (ast.Import, ast.ImportFrom))
            found.append(_Statement(_first_line(node, lines, begin), isinstance(node, _BLOCK), is_import, _is_string(node)))
        begin = cut
    return found


def split_module(source: str) -> list[tuple[str, int]]:
    """Cut a module before each top-level statement: (piece, blank lines before it).

    The imports stay together, and a string right after a statement (its
    docstring) stays with it. Each piece is black's input on its own.
    """
    lines = source.splitlines(keepends=True)
    statements = _statements(source, lines)
    starts: list[tuple[int, bool, bool]] = []  # (first line, is a class or def, follows an import)
    for index, statement in enumerate(statements):
        if index == 0 or statement.is_import:
            continue
        if statement.is_string:
            continue  # an attribute docstring belongs to the statement before it
        starts.append((statement.first_line, statement.is_block, statements[index - 1].is_import))
    first_is_block = bool(statements) and statements[0].is_block
    return _pieces(lines, first_is_block, starts)


# A line at the left margin, and what it begins: black's layout indents every line inside
# brackets, so a line there opens a statement, closes brackets, or is a clause of a
# compound statement, a comment, or a docstring's line (the quotes are counted). The match
# starts at the newline before the line (searched for in `"\n" + source`, its start is then
# the line's start in `source`): the engine looks for a literal first, twice as fast as `^`.
_MARGIN_LINE = re.compile(
    r'\n(?:(?P<block>(?:class|def|async)\b|@)|(?P<imports>(?:import|from)\b)|(?P<clause>(?:else|elif|except|finally)\b|[)\]}])'
    r'|(?P<comment>#)|(?P<docstring>""")|(?P<unsure>[A-Za-z]{0,2}[\'"]|\t)|(?P<other>[^ \n]))'
)
# What the line-wise reading cannot place: line breaks other than `\n` (ast and
# `str.splitlines` count them otherwise), a backslash continuation, `\'\'\'` strings.
_UNSURE = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\\\n", "'''")
_UNSURE_IN_ASCII = tuple(mark for mark in _UNSURE if mark.isascii())  # (`str.isascii` is a flag, read at once)


def split_lines(source: str) -> list[tuple[str, int]] | None:
    """`split_module`'s cut, read off the lines of a module in black's layout without parsing
    it; None when a line is one this reading cannot place (`split_module` then parses it).

    Generated code writes triple quotes only for docstrings, so the statements start at the
    lines at the left margin outside docstrings that are neither a comment, nor a closing
    bracket, nor a clause (`else:`, `except ...:`), nor the `def` or `class` of decorators.
    """
    if any(mark in source for mark in (_UNSURE_IN_ASCII if source.isascii() else _UNSURE)):
        return None
    quotes = [match.start() for match in re.finditer('"""(?!")', source)]  # the last three of `\""""`
    if len(quotes) % 2:
        return None
    for opening, closing in zip(quotes[::2], quotes[1::2]):
        # A docstring opens after its indentation and closes at the end of its line.
        if source[source.rfind("\n", 0, opening) + 1 : opening].strip(" ") or source[closing + 3 : closing + 4] not in ("\n", ""):
            return None
    spans = iter(zip(quotes[::2], quotes[1::2]))  # (opening, closing) of each docstring
    span_end = -1
    next_span = next(spans, None)
    statements: list[tuple[int, str]] = []  # (line number, kind) of each top-level statement
    line_number, counted = 1, 0
    decorated = False  # the statement so far is decorators: its `def` or `class` is to come
    for match in _MARGIN_LINE.finditer("\n" + source):
        position = match.start()
        while next_span is not None and next_span[0] < position:
            span_end, next_span = next_span[1], next(spans, None)
        if position <= span_end:
            continue  # a line of a docstring
        kind = match.lastgroup or "unsure"
        if kind in ("clause", "comment"):
            continue
        if kind == "unsure" or (decorated and kind != "block"):
            return None
        line_number += source.count("\n", counted, position)
        counted = position
        if not decorated:
            statements.append((line_number, kind))
        decorated = kind == "block" and source.startswith("@", position)
    lines = source.splitlines(keepends=True)
    starts: list[tuple[int, bool, bool]] = []
    for index, (number, kind) in enumerate(statements):
        if index == 0 or kind in ("imports", "docstring"):
            continue
        previous = number - 1
        while previous > 1 and not lines[previous - 1].strip():
            previous -= 1
        if lines[previous - 1].rstrip().endswith(("(", "[", "{", ",", "\\")):
            return None  # inside brackets after all: not black's layout
        start = number
        while start > 1 and lines[start - 2].lstrip().startswith("#"):
            start -= 1
        starts.append((start, kind == "block", statements[index - 1][1] == "imports"))
    first_is_block = bool(statements) and statements[0][1] == "block"
    return _pieces(lines, first_is_block, starts)


def _pieces(lines: list[str], first_is_block: bool, starts: list[tuple[int, bool, bool]]) -> list[tuple[str, int]]:
    """A module's lines cut before each statement of `starts` (its first line, whether it is a
    class or def, whether it follows an import), with black's blank lines before each piece."""
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


_RUN = 64_000  # characters: a longer class is formatted in runs of its members, in parallel
_STAND_IN = "class _:\n"  # black formats a run of members inside this class


def class_runs(piece: str, size: int = _RUN) -> list[tuple[str, int]]:
    """A top-level class longer than `size`, cut before some of its members: runs of about
    `size` characters, each with the blank lines before it. The first run is the class
    with its first members; each later one is members in a stand-in class (`class _:`),
    which `join_runs` takes away again. Anything else is one run, itself."""
    if len(piece) <= size:
        return [(piece, 0)]
    tree = ast.parse(piece)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.ClassDef):
        return [(piece, 0)]
    lines = piece.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    cuts = [1]
    for member in tree.body[0].body[1:]:
        if _is_string(member):
            continue  # an attribute docstring stays with its field
        start = _first_line(member, lines)
        if offsets[start - 1] - offsets[cuts[-1] - 1] >= size:
            cuts.append(start)
    runs: list[tuple[str, int]] = []
    blanks = 0
    for index, start in enumerate(cuts):
        text = "".join(lines[start - 1 : cuts[index + 1] - 1 if index + 1 < len(cuts) else len(lines)])
        body = text.rstrip("\n") + "\n"
        runs.append((body if index == 0 else _STAND_IN + body, min(blanks, 1)))  # a class body keeps at most one
        blanks = len(text) - len(body)
    return runs


def join_runs(runs: list[tuple[str, int]]) -> str:
    """A class from its formatted runs and the blank lines before each (see `class_runs`)."""
    text = runs[0][0]
    for formatted, blanks in runs[1:]:
        text += "\n" * blanks + formatted.split("\n", 1)[1].lstrip("\n")  # without the stand-in's line
    return text


def join_pieces(pieces: list[tuple[str, int]]) -> str:
    """Formatted pieces laid out as black lays out a module."""
    return "".join(("\n" * blanks if index else "") + piece for index, (piece, blanks) in enumerate(pieces))


@functools.lru_cache(maxsize=1)
def black_version() -> str:
    """The installed black's version: from its own version module (importing `importlib.metadata`
    costs more than the whole fingerprint), else from its distribution's metadata."""
    try:
        return str(importlib.import_module("_black_version").version)
    except (ImportError, AttributeError):
        pass
    try:
        from importlib.metadata import version as distribution_version

        return distribution_version("black")
    except Exception:  # noqa: BLE001 - a missing distribution only weakens the fingerprint
        return ""


@contextmanager
def _cache() -> Iterator[sqlite3.Connection | None]:
    """The cache of formatted pieces, if one can be opened."""
    if os.environ.get("SDKWRIGHT_NO_CACHE"):
        yield None
        return
    import sqlite3  # (only when some piece needs black)

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sdkwright"
    connection = None
    try:
        root.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(root / f"black-{black_version()}.sqlite3", timeout=5)
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
    import sqlite3

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
    import sqlite3

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
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    mode()  # import black once, before the workers fork
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(format_source, sources, chunksize=max(1, len(sources) // (workers * 8))))


@dataclass(frozen=True)
class FormatCounts:
    """How many pieces (top-level statements, or members of a class that needed black) there
    were, and how many of them black was run on or taken from the cache for."""

    pieces: int = 0
    to_black: int = 0
    characters: int = 0
    characters_to_black: int = 0

    def __add__(self, other: FormatCounts) -> FormatCounts:
        return FormatCounts(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other))))


LAST_COUNTS = FormatCounts()  # of the last `format_files`, for the benchmarks


def _runs(piece: str) -> list[tuple[str, int]]:
    """A piece that needs black, cut so that black sees only the parts that need it:
    a class into its members (see `class_runs`), anything else whole."""
    return class_runs(piece, size=1)


Reuse = Callable[[str, str], "str | None"]


class _Formatting:
    """The files of one process's share: cut into pieces as they come (`add`), then black run
    once over the pieces of all of them that need it, and the files joined again (`finish`)."""

    def __init__(self, reuse: Reuse, verbatim: frozenset[str]) -> None:
        self.reuse = reuse
        self.verbatim = verbatim
        self.result: dict[str, str] = {}
        self.pieces_of: dict[str, list[tuple[list[tuple[str, int]], int]]] = {}  # path -> (runs, blank lines before)
        self.candidates: list[str] = []  # the runs of the pieces that need black: each is looked at again

    def add(self, path: str, source: str, source_digest: str | None = None) -> None:
        self.result[path] = source
        if not path.endswith(".py") or path in self.verbatim:
            return
        previous = self.reuse(path, digest(source) if source_digest is None else source_digest)
        if previous is not None:
            self.result[path] = previous
            return
        cut = []
        module = split_lines(source)
        for piece, blanks in split_module(source) if module is None else module:
            piece_runs = [(piece, 0)]
            if needs_black(piece):
                piece_runs = _runs(piece)
                self.candidates.extend(run for run, _ in piece_runs)
            cut.append((piece_runs, blanks))
        self.pieces_of[path] = cut

    def finish(self) -> tuple[dict[str, str], FormatCounts]:
        runs = [run for pieces in self.pieces_of.values() for piece_runs, _ in pieces for run, _ in piece_runs]
        keys = {run: digest(run) for run in self.candidates if needs_black(run)}
        counts = FormatCounts(len(runs), len(keys), sum(map(len, runs)), sum(map(len, keys)))
        known: dict[str, str] = {}
        formatted: dict[str, str] = {}
        if keys:  # (most specs have no piece for black: no cache is opened)
            with _cache() as connection:
                known = _cached(connection, sorted(set(keys.values())))
                todo = sorted({piece for piece, key in keys.items() if key not in known}, key=len, reverse=True)
                formatted = dict(zip(todo, _format_all(todo)))
                _store(connection, {keys[piece]: text for piece, text in formatted.items()})

        def done(run: str) -> str:
            if run not in keys:
                return run  # vouched for
            return formatted[run] if run in formatted else known[keys[run]]

        for path, pieces in self.pieces_of.items():
            self.result[path] = join_pieces([(join_runs([(done(run), b) for run, b in piece_runs]), blanks) for piece_runs, blanks in pieces])
        return self.result, counts


def format_files(
    files: Mapping[str, str],
    reuse: Reuse = lambda path, source_digest: None,
    verbatim: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Every .py file but the `verbatim` ones (already formatted) in black's layout: the
    pieces the builder vouches for as written, black's formatting of the others;
    `reuse(path, digest)` may return a file's previous result."""
    global LAST_COUNTS
    formatting = _Formatting(reuse, verbatim)
    for path, source in files.items():
        formatting.add(path, source)
    result, LAST_COUNTS = formatting.finish()
    return result


@dataclass(frozen=True)
class FormattedFile:
    """A file as written: its text, its digest, and the digest of the source it was formatted from."""

    text: str
    source_digest: str  # of the unformatted text, which the manifest records
    digest: str  # of `text`


SHARED_FROM = 20_000  # planned weight (about lines) from which a forked process takes half the files: below, forking costs more than it saves


def render_and_format(
    planned: Sequence[PlannedFile],
    reuse: Reuse = lambda path, source_digest: None,
    verbatim: frozenset[str] = frozenset(),
) -> dict[str, FormattedFile]:
    """The planned files rendered and formatted as `format_files` formats them, by path in
    the plan's order. A large plan is shared with a forked process, the heaviest files first."""
    global LAST_COUNTS
    order = sorted(range(len(planned)), key=lambda index: -planned[index].weight)

    def share(indexes: Iterator[int]) -> tuple[dict[str, tuple[str, str]], FormatCounts]:
        formatting = _Formatting(reuse, verbatim)
        source_digests: dict[str, str] = {}
        for index in indexes:
            file = planned[order[index]]
            source = file.text()
            source_digests[file.path] = digest(source)
            formatting.add(file.path, source, source_digests[file.path])
        texts, counts = formatting.finish()
        return {path: (text, source_digests[path]) for path, text in texts.items()}, counts

    if sum(file.weight for file in planned) >= SHARED_FROM:
        shares = shared_with_a_fork(len(planned), share)
    else:
        shares = [share(iter(range(len(planned))))]
    done: dict[str, tuple[str, str]] = {}
    LAST_COUNTS = FormatCounts()
    for texts, counts in shares:
        done.update(texts)
        LAST_COUNTS += counts
    return {file.path: FormattedFile(done[file.path][0], done[file.path][1], digest(done[file.path][0])) for file in planned}

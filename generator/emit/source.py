"""Python source laid out as black (line length 100) lays it out, for the shapes the generator emits.

The format stage keeps a piece as written when no line of it is over the limit
(outside a docstring), so every helper here must write exactly black's bytes
whenever its result fits; a result that cannot fit is black's to lay out (it
sees the piece and formats it), and the helpers then only keep black's input
what it was: the same tokens and the same magic trailing commas.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import Any

LINE_LENGTH = 100
INDENT = "    "

# A string literal, or a dict entry of two, which black cannot split when too long for its line.
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_ATOMIC = re.compile(rf"{_STRING}(?:: {_STRING})?")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u0085]")
_QUOTE_BEFORE_QUOTE = re.compile(r'"(?=")')


def width(line: str) -> int:
    """A line's length as black measures it: East Asian wide characters count twice, zero-width
    ones not at all (black's own table, imported only for a line that is not ASCII)."""
    if line.isascii():
        return len(line)
    from black.strings import str_width

    return int(str_width(line))


def fits(text: str, indent: int = 0) -> bool:
    """Whether every line of `text`, the first indented by `indent`, is within black's limit."""
    if "\n" not in text:  # (most: one line)
        return indent + (len(text) if text.isascii() else width(text)) <= LINE_LENGTH
    lines = text.split("\n")
    lines[0] = " " * indent + lines[0]
    return all(width(line) <= LINE_LENGTH for line in lines)


def string(value: str) -> str:
    """A string literal, quoted as black quotes it: double quotes unless they need more escapes."""
    if value.isprintable() and "'" not in value and '"' not in value and "\\" not in value:
        return f'"{value}"'  # what the lines below make of it (most names and words)
    text = repr(value)
    if text.startswith("'") and value.count('"') <= value.count("'"):
        text = '"' + text[1:-1].replace("\\'", "'").replace('"', '\\"') + '"'
    return text


def py(value: Any) -> str:
    """Python source for a JSON-like value, on one line, its strings quoted as black quotes them."""
    if isinstance(value, str):
        return string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py(k)}: {py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(py(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(py(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def docstring(text: str | None, indent: int = 0) -> str:
    """The body of a triple-quoted docstring showing `text` as written, whatever it holds.

    Lines are indented as black lays docstrings out, so black has nothing to redo.
    """
    if not text or not text.strip():
        return ""
    text = _CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        text.replace("\\", "\\\\"),
    )
    # A quote followed by another is escaped: no two unescaped quotes touch, so no `"""`.
    if '""' in text:
        text = _QUOTE_BEFORE_QUOTE.sub(lambda m: '\\"', text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    last = lines[-1]
    if last.endswith('"') and (len(last) - 1 - len(last[:-1].rstrip("\\"))) % 2 == 0:
        lines[-1] = last[:-1] + '\\"'  # an unescaped quote would touch the closing ones
    if len(lines) == 1:
        return lines[0]
    margin = " " * indent
    # A docstring of several lines closes on a line of its own.
    return "\n".join([lines[0], *(margin + line if line else "" for line in lines[1:]), margin])


def block_docstring(text: str | None, indent: int = 0) -> str:
    """`docstring`, for the first statement of a class or a function (a docstring to black,
    unlike an attribute's): one line ending in a quote gets the space black puts before the
    closing quotes."""
    body = docstring(text, indent)
    return body + " " if body.endswith('"') and "\n" not in body else body


def call(prefix: str, function: str, arguments: Sequence[str], indent: int, suffix: str = "") -> str:
    """`prefix + function(arguments) + suffix` laid out as black lays out a call.

    On one line if it fits; else the arguments on one line of their own; else
    one argument a line with a trailing comma. black keeps each of these as is.
    """
    margin = " " * indent
    line = f"{prefix}{function}({', '.join(arguments)}){suffix}"
    if fits(line, indent):
        return line
    inner = ", ".join(arguments)
    if fits(inner, indent + 4):
        return f"{prefix}{function}(\n{margin}    {inner}\n{margin}){suffix}"
    exploded = "".join(f"{margin}    {argument},\n" for argument in arguments)
    return f"{prefix}{function}(\n{exploded}{margin}){suffix}"


def field_call(prefix: str, arguments: Sequence[str], metadata: Sequence[str], indent: int) -> str:
    """`prefix + field(arguments, metadata={metadata})` (a dataclass field), as black lays it out:
    a call (see `call`) whose `metadata=` dict, when the call is exploded and the dict's line is
    too long, is exploded in turn (see `dict_argument`)."""
    dictionary = f"metadata={{{', '.join(metadata)}}}"
    whole = call(prefix, "field", [*arguments, dictionary], indent)
    margin = " " * indent
    lines = whole.split("\n")
    if len(lines) < 3 or lines[-2] != f"{margin}    {dictionary},":
        return whole  # on one line, or the arguments on a line of their own
    lines[-2] = f"{margin}    " + dict_argument("metadata", metadata, indent + 4)
    return "\n".join(lines)


def field_declaration(name: str, annotation: str, arguments: Sequence[str], metadata: Sequence[str], indent: int) -> str:
    """`name: annotation = field(arguments, metadata={metadata})` (no `metadata=` when empty), a
    dataclass field, as black lays it out: split at the call (see `field_call`) when its first
    line fits; else, when `name: annotation = (` fits, the call in those parentheses on a line of
    its own if it fits there; else, when `name: annotation = (` does not fit either, split at the
    annotation with the call after it (see `annotated`); anything else is black's."""
    prefix = f"{name}: {annotation} = "
    whole = field_call(prefix, arguments, metadata, indent) if metadata else call(prefix, "field", arguments, indent)
    if fits(whole.split("\n", 1)[0], indent):
        return whole
    items = [*arguments, f"metadata={{{', '.join(metadata)}}}"] if metadata else list(arguments)
    value = f"field({', '.join(items)})"
    if fits(f"{prefix}(", indent):
        margin = " " * indent
        return f"{prefix}(\n{margin}    {value}\n{margin})" if fits(value, indent + 4) else whole
    return annotated(name, annotation, f" = {value}", indent) or whole


def dict_argument(name: str, entries: Sequence[str], indent: int) -> str:
    """`name={entries},`, an item of an exploded call at `indent`, as black lays it out: on its
    line if it fits; else one entry a line with black's trailing comma (a lone entry on a line
    of its own, without); an entry too long for its line leaves the item to black as it is,
    but for a `"key": "value"` entry, which black leaves whole on its line."""
    line = f"{name}={{{', '.join(entries)}}},"
    if fits(line, indent) or not entries:
        return line
    margin = " " * indent
    if len(entries) == 1:
        lone = fits(entries[0], indent + 4) or _ATOMIC.fullmatch(entries[0])
        return f"{name}={{\n{margin}    {entries[0]}\n{margin}}}," if lone else line
    if not all(fits(entry + ",", indent + 4) or _ATOMIC.fullmatch(entry) for entry in entries):
        return line
    return f"{name}={{\n" + "".join(f"{margin}    {entry},\n" for entry in entries) + f"{margin}}},"


def bracket(head: str, opening: str, closing: str, items: Sequence[str], indent: int, suffix: str = "") -> str:
    """`head` + a bracketed, comma-separated list + `suffix`, as black splits it at its brackets
    (a call, a subscript, a tuple, a list or a dict whose items are `items`).

    On one line if it fits; else the items on one line of their own between the
    brackets (black's right-hand split); else, for several items, one item a
    line with the trailing comma black adds. A lone item too long for its line
    is left on the one line (black splits it at delimiters of its own), but for
    a string or a `"key": "value"` entry, which black leaves whole on its line.
    """
    margin = " " * indent
    inner = ", ".join(items)
    line = f"{head}{opening}{inner}{closing}{suffix}"
    if fits(line, indent) or not items:
        return line
    if "\n" not in inner and fits(inner, indent + 4):
        return f"{head}{opening}\n{margin}    {inner}\n{margin}{closing}{suffix}"
    if len(items) == 1:
        return f"{head}{opening}\n{margin}    {inner}\n{margin}{closing}{suffix}" if _ATOMIC.fullmatch(inner) else line
    return exploded(head, opening, closing, items, indent, suffix)


def exploded(head: str, opening: str, closing: str, items: Sequence[str], indent: int, suffix: str = "") -> str:
    """A bracketed list exploded one item a line with a magic trailing comma: black keeps it so."""
    margin = " " * indent
    return f"{head}{opening}\n" + "".join(f"{margin}    {item},\n" for item in items) + f"{margin}{closing}{suffix}"


def keyword_call(name: str, head: str, opening: str, closing: str, items: Sequence[str], indent: int, suffix: str = ",") -> str:
    """One item of an exploded call, `name=head(items),` at `indent`, as black lays it out:
    on its line if it fits, else split at its own brackets (see `bracket`)."""
    return bracket(f"{name}={head}", opening, closing, items, indent, suffix)


def annotated_parameter(name: str, annotation: str, default: str | None, indent: int, assignment: bool = False) -> str:
    """`name: annotation = default,`, a parameter of an exploded signature, or with `assignment`
    `name: annotation = default`, a dataclass field, as black lays it out (`default` may be None).

    When the line is too long black puts an assignment's value in parentheses of its own
    if its first line fits; else it splits the annotation (see `annotated`). A default that
    is a call (a date or date-time) is split at the call's brackets first (see `assigned_call`).
    """
    comma = "" if assignment else ","
    tail = f" = {default}{comma}" if default is not None else comma
    line = f"{name}: {annotation}{tail}"
    if fits(line, indent) or "\n" in line:
        return line
    margin = " " * indent
    called = _call_parts(default) if default is not None and default.endswith(")") else None
    if called is not None:
        # A call (a `datetime.date(...)` default) is split at its own brackets first, as black
        # splits it; a parameter whose `name: annotation = function(` is too long is black's.
        if assignment:
            return assigned_call(f"{name}: {annotation}", *called, indent)
        split = call(f"{name}: {annotation} = ", *called, indent, ",")
        return split if fits(split.split("\n", 1)[0], indent) else line
    if assignment and default is not None and fits(f"{name}: {annotation} = (", indent):
        # An assignment's value has parentheses black may show: they come first.
        if fits(default, indent + 4):
            return f"{name}: {annotation} = (\n{margin}    {default}\n{margin})"
        return line
    return annotated(name, annotation, tail, indent, parameter=not assignment) or line


def annotated(name: str, annotation: str, tail: str, indent: int, parameter: bool = False) -> str | None:
    """`name: annotation` + `tail` (`,`, ` = value`, or nothing), too long for its line, split at
    the annotation as black splits it: a union in parentheses of its own
    (`name: (\n    A\n    | B\n) = value`), and so a lone name outside a `parameter` list
    (black wraps only expressions there); a lone subscript at its brackets
    (`name: list[\n    A\n] = value`). None when black would split it otherwise, or where
    the result could not fit (black's to lay out)."""
    margin = " " * indent
    expression = _type_expression(annotation)
    if expression is None:
        return None
    if isinstance(expression, ast.Subscript) and not _union(expression):
        lines = _split_subscript(f"{name}: ", annotation, expression, indent, tail)
        return None if lines is None else "\n".join(lines)[indent:]
    if not (_union(expression) or (not parameter and isinstance(expression, (ast.Name, ast.Attribute)))):
        return None
    if not _union(expression) and not fits(annotation, indent + 4) and not tail.endswith(")"):
        return None  # a lone name too long for a line of its own: black leaves it where it is, but before a call
    inner = type_lines(annotation, indent + 4)
    if inner is None or not fits(f"{name}: (", indent) or not fits(f"){tail}", indent):
        return None
    return "\n".join([f"{name}: (", *inner, f"{margin}){tail}"])


def type_lines(annotation: str, indent: int, suffix: str = "") -> list[str] | None:
    """The lines (indented by `indent`) of a type expression inside brackets, followed by
    `suffix` (a comma, or nothing), as black lays it out: on one line if it fits; else a
    union one variant a line, `| ` before each but the first; a line still too long split
    at its subscript's brackets (see `_split_subscript`). None for a shape it cannot fit."""
    if fits(annotation + suffix, indent):
        return [" " * indent + annotation + suffix]
    expression = _type_expression(annotation)
    if expression is None:
        return None
    return _expression_lines(annotation, expression, indent, suffix)


def _call_parts(value: str) -> tuple[str, list[str]] | None:
    """The function and the argument texts of `value` when it is a plain call, `f(a, k=b)`."""
    node = _type_expression(value)
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return None
    if any(isinstance(argument, ast.Starred) for argument in node.args) or any(keyword.arg is None for keyword in node.keywords):
        return None
    positional = [_segment(value, argument) for argument in node.args]
    return _segment(value, node.func), [*positional, *(f"{keyword.arg}={_segment(value, keyword.value)}" for keyword in node.keywords)]


def _segment(source: str, node: ast.expr) -> str:
    """The text of `node` in `source`, an annotation on one line. `ast.get_source_segment` splits
    the whole source at each call: on an annotation of a thousand variants, each of them costs as
    much as the whole."""
    if "\n" in source or "\r" in source or "\f" in source:
        return ast.get_source_segment(source, node) or ""
    start, end = node.col_offset, node.end_col_offset
    if end is None:
        return ""
    if source.isascii():
        return source[start:end]
    return source.encode()[start:end].decode()  # the offsets count UTF-8 bytes


def _type_expression(annotation: str) -> ast.expr | None:
    try:
        return ast.parse(annotation, mode="eval").body
    except SyntaxError:
        return None


def _union(expression: ast.expr) -> list[ast.expr]:
    """The variants of `A | B | ...` (left to right), or none for anything else."""
    if not (isinstance(expression, ast.BinOp) and isinstance(expression.op, ast.BitOr)):
        return []
    return [*(_union(expression.left) or [expression.left]), expression.right]


def _expression_lines(source: str, expression: ast.expr, indent: int, suffix: str) -> list[str] | None:
    text = _segment(source, expression)
    if fits(text + suffix, indent):
        return [" " * indent + text + suffix]
    variants = _union(expression)
    if not variants:
        return _variant_lines("", source, expression, indent, suffix)
    lines: list[str] = []
    for index, variant in enumerate(variants):
        last = index == len(variants) - 1
        found = _variant_lines("| " if index else "", source, variant, indent, suffix if last else "")
        if found is None:
            return None
        lines.extend(found)
    return lines


def _variant_lines(prefix: str, source: str, expression: ast.expr, indent: int, suffix: str) -> list[str] | None:
    """One variant of a union on its line(s), after `prefix`: split at its subscript's brackets when too long."""
    text = prefix + _segment(source, expression) + suffix
    if fits(text, indent) or isinstance(expression, (ast.Name, ast.Attribute)):
        return [" " * indent + text]  # (a name too long for its line stays on it: black cannot split it)
    if not isinstance(expression, ast.Subscript):
        return None
    return _split_subscript(prefix, source, expression, indent, suffix)


def _split_subscript(prefix: str, source: str, expression: ast.Subscript, indent: int, suffix: str) -> list[str] | None:
    """`prefix` + `X[items]` + `suffix` split at the subscript's brackets, as black's right-hand
    split does: the items on one line of their own if they fit, else one a line with the
    trailing comma black adds (a lone item laid out in turn, without one)."""
    margin = " " * indent
    if _TRAILING_COMMA.search(_segment(source, expression) or ","):
        return None  # a magic trailing comma, maybe: black splits every bracket around it
    head = prefix + _segment(source, expression.value) + "["
    items = expression.slice.elts if isinstance(expression.slice, ast.Tuple) else [expression.slice]
    texts = [_segment(source, item) for item in items]
    if not fits(head, indent) or not fits("]" + suffix, indent) or not all(texts):
        return None
    if fits(", ".join(texts), indent + 4):
        body: list[str] | None = [f"{margin}    {', '.join(texts)}"]
    elif len(items) == 1:
        body = _expression_lines(source, items[0], indent + 4, "")
    else:
        body = []
        for item in items:
            found = _expression_lines(source, item, indent + 4, ",")
            if found is None:
                return None
            body.extend(found)
    if body is None:
        return None
    return [margin + head, *body, f"{margin}]{suffix}"]


_TRAILING_COMMA = re.compile(r",\s*[)\]}]")
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*")


def assigned_call(target: str, function: str, arguments: Sequence[str], indent: int) -> str:
    """`target = function(arguments)`, as black lays it out: on one line if it fits; else split
    at the call's brackets if its first line fits (a lone `Class.attribute` argument too long
    for its line included: black cannot split it either); else the call in parentheses of its
    own, split in turn at its brackets if need be; anything longer is black's."""
    margin = " " * indent
    inner = ", ".join(arguments)
    line = f"{target} = {function}({inner})"
    if fits(line, indent):
        return line
    if fits(f"{target} = {function}(", indent):
        if fits(inner, indent + 4) or (len(arguments) == 1 and _DOTTED.fullmatch(inner)):
            return f"{target} = {function}(\n{margin}    {inner}\n{margin})"
        return line
    if fits(f"{target} = (", indent):
        if fits(f"{function}({inner})", indent + 4):
            return f"{target} = (\n{margin}    {function}({inner})\n{margin})"
        if fits(f"{function}(", indent + 4) and fits(inner, indent + 8):
            return f"{target} = (\n{margin}    {function}(\n{margin}        {inner}\n{margin}    )\n{margin})"
    if len(arguments) == 1 and _DOTTED.fullmatch(inner) and not fits(inner, indent + 8):
        # Parentheses would not make it fit: black splits at the call's brackets, however long the lines.
        return f"{target} = {function}(\n{margin}    {inner}\n{margin})"
    return line


def tuple_assignment(target: str, items: Sequence[str], exploded_items: Sequence[str]) -> str:
    """`target = (...)` at the margin, a tuple of `items` (each on one line, without its comma)
    whose lines in an exploded tuple are `exploded_items` (laid out four spaces in, each with its
    comma), as black lays it out: `()` when empty; a lone item on the assignment's line as
    `(item,)` if it fits (black takes a one-tuple's comma for no magic one), else on lines of its
    own; two items or more one a line, the last comma a magic one black keeps."""
    if not items:
        return f"{target} = ()"
    if len(items) == 1 and fits(f"{target} = ({items[0]},)", 0):
        return f"{target} = ({items[0]},)"
    return f"{target} = (\n" + "".join(f"    {item}\n" for item in exploded_items) + ")"


def assignment(target: str, value: str, indent: int) -> str:
    """`target = value`, `value` a literal (a string, a number), as black lays it out: on one
    line if it fits; else the value in parentheses of its own if it fits there; else as it
    is (black cannot split it either)."""
    line = f"{target} = {value}"
    if fits(line, indent) or not fits(f"{target} = (", indent) or not fits(value, indent + 4):
        return line
    margin = " " * indent
    return f"{target} = (\n{margin}    {value}\n{margin})"


def conditional_dict(head: str, entries: Sequence[tuple[str, str, str, str]], indent: int) -> str:
    """`head` + a dict of `key: value if condition else otherwise` entries (each a tuple of
    those four), as black lays it out: on one line if it fits; else split at the braces, one
    entry a line with black's trailing comma when there are several; an entry too long for its
    line has its value in parentheses of its own, on one line or split before `if` and `else`.
    A line that still cannot fit leaves the whole to black as one line."""
    texts = [f"{key}: {value} if {condition} else {otherwise}" for key, value, condition, otherwise in entries]
    line = f"{head}{{{', '.join(texts)}}}"
    if fits(line, indent) or not entries:
        return line
    margin = " " * indent
    inner = indent + 4
    suffix = "," if len(entries) > 1 else ""
    lines = [f"{head}{{"]
    for text, (key, value, condition, otherwise) in zip(texts, entries):
        if fits(text + suffix, inner):
            lines.append(" " * inner + text + suffix)
            continue
        ternary = f"{value} if {condition} else {otherwise}"
        parts = [ternary] if fits(ternary, inner + 4) else [value, f"if {condition}", f"else {otherwise}"]
        if not fits(f"{key}: (", inner) or not all(fits(part, inner + 4) for part in parts):
            return line
        lines += [" " * inner + f"{key}: (", *(" " * (inner + 4) + part for part in parts), " " * inner + ")" + suffix]
    lines.append(margin + "}")
    return "\n".join(lines)


def operation_statement(target: str, annotation: str, value: str, wrapped: str) -> str:
    """`target: annotation = value`, `value` an exploded call (`Operation(\n...\n)`), as black
    lays it out: on the first line if it fits; else the value in parentheses of its own
    (`wrapped` is the value laid out four spaces in); else black's right-hand split of the
    annotation's subscript (`X: Operation[\n    Name\n] = Operation(`, a name too long for its
    line alone on it) when `X: Operation[` fits; else the annotation in parentheses of its own
    (`X: (\n    Operation[Name]\n) = Operation(`) when `X: (` fits; else the subscript's split
    again, for a target too long for either; else as it is, for black.
    """
    head, _, rest = value.partition("\n")
    if fits(f"{target}: {annotation} = {head}"):
        return f"{target}: {annotation} = {value}"
    if fits(f"{target}: {annotation} = ("):
        return f"{target}: {annotation} = (\n    {wrapped}\n)"
    match = re.fullmatch(r"(\w+)\[(.*)\]", annotation)
    split = None
    if match is not None and (fits(match.group(2), 4) or _SIMPLE_TYPE.fullmatch(match.group(2))) and fits(f"] = {head}"):
        split = f"{target}: {match.group(1)}[\n    {match.group(2)}\n] = {value}"
        if fits(f"{target}: {match.group(1)}["):
            return split
    if fits(f"{target}: ("):
        # The subscript's head too long: black puts the annotation in parentheses of its own.
        if fits(annotation, 4) and fits(f") = {head}"):
            return f"{target}: (\n    {annotation}\n) = {value}"
        return f"{target}: {annotation} = {value}"
    return split or f"{target}: {annotation} = {value}"


def class_head(name: str, bases: str) -> str:
    """`class name(bases):`, or black's split of a head too long for the line: the bases on
    a line of their own (a longer base list is black's to lay out)."""
    line = f"class {name}({bases}):"
    if width(line) <= LINE_LENGTH:
        return line
    return f"class {name}(\n{INDENT}{bases}\n):"


def signature_end(returns: str, indent: int) -> str:
    """`) -> returns:`, the closing line of an exploded signature at `indent`, as black lays it
    out: on the line if it fits; else a subscript split at its brackets (its items laid out as
    in an annotation, a name too long for its line alone on it), a lone name in parentheses
    of its own when that makes it fit; else as it is (black cannot split it either)."""
    line = f") -> {returns}:"
    if fits(line, indent):
        return line
    expression = _type_expression(returns)
    if isinstance(expression, ast.Subscript):
        lines = _split_subscript(") -> ", returns, expression, indent, ":")
        return line if lines is None else "\n".join(lines)[indent:]
    if isinstance(expression, (ast.Name, ast.Attribute)) and fits(returns, indent + 4):
        margin = " " * indent
        return f") -> (\n{margin}    {returns}\n{margin}):"
    return line


def method_head(name: str, returns: str, indent: int) -> str:
    """`def name(self) -> returns:`, or black's split of a head too long for the line: `self`
    on a line of its own with the trailing comma black adds to a lone parameter (a return
    annotation too long for the last line is black's to lay out)."""
    line = f"def {name}(self) -> {returns}:"
    if fits(line, indent):
        return line
    return f"def {name}(\n{' ' * indent}    self,\n{' ' * indent}) -> {returns}:"


def import_from(module: str, names: Sequence[str], indent: int) -> str:
    """`from module import names`, or, too long for the line, black's exploded import: one
    name a line, each with a trailing comma."""
    line = f"from {module} import {', '.join(names)}"
    if fits(line, indent):
        return line
    margin = " " * indent
    return f"from {module} import (\n" + "".join(f"{margin}    {name},\n" for name in names) + f"{margin})"


_SIMPLE_TYPE = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")


def union_assignment(target: str, variants: Sequence[str]) -> str | None:
    """`target = A | B | ...` at the top level as black lays it out: on one line; else the
    union in parentheses on a line of its own; else one variant a line, each after `| `. A
    subscript (a discriminated union, `Annotated[A | B, ...]`) is split at its brackets (see
    `_split_subscript`). None for any other shape black may lay out otherwise."""
    line = f"{target} = {' | '.join(variants)}"
    if width(line) <= LINE_LENGTH:
        return line
    if len(variants) < 2:
        return None
    if all(_SIMPLE_TYPE.fullmatch(v) for v in variants):
        inner = INDENT + " | ".join(variants)
        if width(inner) <= LINE_LENGTH:
            return f"{target} = (\n{inner}\n)"
        return f"{target} = (\n{INDENT}{variants[0]}\n" + "".join(f"{INDENT}| {v}\n" for v in variants[1:]) + ")"
    union = " | ".join(variants)
    expression = _type_expression(union)
    if isinstance(expression, ast.Subscript):  # `|` inside brackets only (`Annotated[A | B, ...]`)
        split = _split_subscript(f"{target} = ", union, expression, 0, "")
        return None if split is None else "\n".join(split)
    if expression is None or not _union(expression):
        return None
    lines = type_lines(union, 4)
    return None if lines is None else "\n".join([f"{target} = (", *lines, ")"])

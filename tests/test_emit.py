"""The builder's layout is black's: `generator.emit.source` and the format stage's vouching rule.

A piece the format stage vouches for (`needs_black` is false) is written as it is, so
black must have nothing to change in it: these tests hold that for the helpers' shapes,
at every length around the line limit, for any docstring text and string value, and
for the SDKs of the committed specs (formatted with black only where it was needed,
they equal black's formatting of the whole files).
"""

from __future__ import annotations

from pathlib import Path

import black
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.document.load import load
from generator.document.resolve import Resolver
from generator.emit.source import (
    annotated_parameter,
    assigned_call,
    call,
    docstring,
    field_call,
    fits,
    keyword_call,
    operation_statement,
    string,
)
from generator.naming import build_names
from generator.openapi.read import build_model
from generator.output.format import format_files, mode, needs_black
from generator.emit.render import render

SPECS = Path(__file__).resolve().parent.parent / "specs"
# Identifiers of every length from short to longer than a line.
names = st.integers(min_value=1, max_value=110).map(lambda n: ("name_" * 23)[:n].strip("_") or "n")
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)


def black_keeps(source: str) -> bool:
    return black.format_str(source, mode=mode()) == source


def assert_vouched_is_black(source: str) -> None:
    """If the format stage would keep `source` as written, black would too."""
    if not needs_black(source):
        assert black_keeps(source), source


@settings(max_examples=150, deadline=None)
@given(value=texts)
def test_a_string_literal_is_quoted_as_black_quotes_it(value: str) -> None:
    source = f"x = {string(value)}\n"
    assert eval(string(value)) == value  # noqa: S307 - the literal of a generated test value
    if len(source) <= 100:
        assert black_keeps(source), source


@settings(max_examples=200, deadline=None)
@given(text=texts | st.lists(texts, max_size=5).map("\n".join), indent=st.sampled_from([0, 4, 8]))
def test_a_vouched_docstring_is_as_black_leaves_it(text: str, indent: int) -> None:
    body = docstring(text, indent) or "Doc."
    if indent == 0:
        source = f'"""{body}"""\n'
    elif indent == 4:
        source = f'class A:\n    """{body}"""\n'
    else:
        source = f'class A:\n    def f(self) -> None:\n        """{body}"""\n'
    assert_vouched_is_black(source)


def test_docstrings_black_would_change_are_left_to_black() -> None:
    for text in ['"Quoted" first', 'ends in a quote"', "indented\n    more\n    lines", "tab\tinside"]:
        assert needs_black(f'class A:\n    """{docstring(text, 4)}"""\n'), text


@settings(max_examples=150, deadline=None)
@given(function=names, arguments=st.lists(names, min_size=1, max_size=6), indent=st.sampled_from([0, 4, 8]))
def test_a_call_is_laid_out_as_black_lays_it_out(function: str, arguments: list[str], indent: int) -> None:
    prefix = "" if indent == 0 else "def f():\n" if indent == 4 else "def f():\n    def g():\n"
    for statement in (call("x = ", function, arguments, indent), call("return ", f"self.{function}", arguments, indent)):
        body = " " * indent + statement  # the lines after the first carry their indentation
        if indent or not statement.startswith("return"):
            assert_vouched_is_black(prefix + body + "\n")


@settings(max_examples=150, deadline=None)
@given(
    target=names,
    function=names,
    arguments=st.lists(names, min_size=1, max_size=3),
    indent=st.sampled_from([4, 8]),
)
def test_an_assigned_call_is_laid_out_as_black_lays_it_out(target: str, function: str, arguments: list[str], indent: int) -> None:
    line = assigned_call(target, function, arguments, indent)
    prefix = "class A:\n" if indent == 4 else "class A:\n    def f(self) -> None:\n"
    assert_vouched_is_black(prefix + " " * indent + line + "\n")


# A variant of a union: a name, a `Literal` of a dozen values or fewer, a subscript of names.
values = st.integers(min_value=1, max_value=40).map(lambda n: '"' + (("value_" * 8)[:n].strip("_") or "v") + '"')
variants = (
    names
    | st.lists(values, min_size=1, max_size=12).map(lambda items: f"Literal[{', '.join(items)}]")
    | names.map(lambda name: f"list[{name}]")
    | st.lists(names, min_size=2, max_size=3).map(lambda items: f"dict[{', '.join(items)}]")
)


def in_context(declaration: str, indent: int) -> str:
    """A parameter in an exploded signature (at 8 spaces) or a field in a class body (at 4)."""
    if indent == 4:
        return f"class A:\n    {declaration}\n"
    return f"class A:\n    def f(\n        self,\n        *,\n        {declaration}\n        **options: int,\n    ) -> None:\n        pass\n"


@settings(max_examples=300, deadline=None)
@given(
    name=names,
    annotation=st.lists(variants, min_size=1, max_size=4).map(" | ".join),
    default=st.sampled_from([None, "UNSET", "None"]),
)
def test_a_parameter_and_a_field_are_laid_out_as_black_lays_them_out(name: str, annotation: str, default: str | None) -> None:
    parameter = annotated_parameter(name, annotation, default, 8)
    method = f"class A:\n    def f(\n        self,\n        *,\n        {parameter}\n        **options: int,\n    ) -> None:\n        pass\n"
    assert_vouched_is_black(method)
    field = annotated_parameter(name, annotation, default, 4, assignment=True)
    assert_vouched_is_black(f"class A:\n    {field}\n")
    # A union split one variant a line, or an annotation without a default in parentheses, is
    # what black makes of the parameter or field on one line.
    tail = f" = {default}" if default is not None else ""
    for laid_out, line, indent in ((parameter, f"{name}: {annotation}{tail},", 8), (field, f"{name}: {annotation}{tail}", 4)):
        if laid_out != line and (default is None or not fits(annotation, indent + 4)) and not needs_black(in_context(laid_out, indent)):
            assert black.format_str(in_context(line, indent), mode=mode()) == in_context(laid_out, indent)


@settings(max_examples=150, deadline=None)
@given(
    name=names,
    entries=st.lists(names.map(lambda key: f'"{key}": 1'), min_size=1, max_size=5),
    arguments=st.sampled_from([[], ["default=UNSET"], ["default_factory=lambda: []"]]),
)
def test_a_field_with_metadata_is_laid_out_as_black_lays_it_out(name: str, entries: list[str], arguments: list[str]) -> None:
    prefix = f"{name}: int = "
    assert_vouched_is_black(f"class A:\n    {field_call(prefix, arguments, entries, 4)}\n")


@settings(max_examples=150, deadline=None)
@given(
    constant=names,
    returns=names,
    function=names,
    items=st.lists(names, min_size=1, max_size=4),
    responses=names,
)
def test_an_operation_statement_is_laid_out_as_black_lays_it_out(
    constant: str, returns: str, function: str, items: list[str], responses: str
) -> None:
    def descriptor(indent: int) -> str:
        margin = " " * (indent + 4)
        parts = [
            '"GET",',
            keyword_call("body", function, "(", ")", items, indent + 4),
            keyword_call("responses", "", "{", "}", [f'"200": {responses}'], indent + 4),
        ]
        return "Operation(\n" + "".join(f"{margin}{part}\n" for part in parts) + " " * indent + ")"

    statement = operation_statement(constant.upper(), f"Operation[{returns}]", descriptor(0), descriptor(4))
    assert_vouched_is_black(statement + "\n")


@pytest.mark.parametrize("spec", sorted(p.name for p in SPECS.glob("*") if p.suffix in (".yml", ".yaml", ".json")))
def test_the_sdk_of_a_committed_spec_is_black_with_black_run_only_where_needed(spec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    document = load(str(SPECS / spec))
    api = build_model(Resolver(document))
    sources = {path: text for path, text in render(api, build_names(api, "sdk")).items() if path.endswith(".py")}
    formatted = format_files(sources)
    for path, source in sources.items():
        assert formatted[path] == black.format_str(source, mode=mode()), path


@pytest.mark.parametrize("count", [3, 8, 14])
def test_a_long_union_with_a_literal_is_vouched_for_in_black_layout(count: int) -> None:
    literal = "Literal[" + ", ".join(f'"state_number_{index}"' for index in range(count)) + "]"
    parameter = annotated_parameter("state", f"RepositoryWorkflowRunStateFilter | {literal} | Unset", "UNSET", 8)
    method = f"class A:\n    def f(\n        self,\n        *,\n        {parameter}\n        **options: int,\n    ) -> None:\n        pass\n"
    assert not needs_black(method)
    assert black_keeps(method)

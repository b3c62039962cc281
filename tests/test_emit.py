"""The builder's layout is black's: `generator.emit.source` and the format stage's vouching rule.

A piece the format stage vouches for (`needs_black` is false) is written as it is, so
black must have nothing to change in it: these tests hold that for the helpers' shapes,
at every length around the line limit, for any docstring text and string value, and
for the SDKs of the committed specs (formatted with black only where it was needed,
they equal black's formatting of the whole files).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import black
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.document.load import load
from generator.document.resolve import Resolver
from generator.emit.source import (
    annotated_parameter,
    assigned_call,
    block_docstring,
    assignment,
    call,
    conditional_dict,
    dict_argument,
    docstring,
    field_call,
    field_declaration,
    fits,
    import_from,
    keyword_call,
    method_head,
    operation_statement,
    signature_end,
    string,
    union_assignment,
)
from generator.naming import build_names
from generator.openapi.read import build_model
from generator.output.format import format_files, mode, needs_black
from generator.emit.render import render

SPECS = Path(__file__).resolve().parent.parent / "specs"
# Identifiers of every length from short to longer than a line.
names = st.integers(min_value=1, max_value=110).map(lambda n: ("name_" * 23)[:n].strip("_") or "n")
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120)
# Type expressions as the builder writes them: names, `Literal[...]` values, lists, maps and unions.
literals = st.lists(names.map(lambda value: f'"{value}"'), min_size=1, max_size=8).map(lambda values: f"Literal[{', '.join(values)}]")
types = st.recursive(
    names | literals,
    lambda inner: st.one_of(
        inner.map(lambda item: f"list[{item}]"),
        inner.map(lambda item: f"dict[str, {item}]"),
        st.lists(inner, min_size=2, max_size=4).map(" | ".join),
    ),
    max_leaves=6,
)


def black_keeps(source: str) -> bool:
    return black.format_str(source, mode=mode()) == source


def assert_vouched_is_black(source: str) -> None:
    """If the format stage would keep `source` as written, black would too."""
    if not needs_black(source):
        assert black_keeps(source), source


def assert_vouched_is_black_of(plain: str, source: str) -> None:
    """If the format stage would keep `source` (the builder's layout of `plain`, the same code
    on one line) as written, it is black's formatting of `plain`: of two layouts black keeps
    (parentheses black would not add, for one), the builder writes the one black makes."""
    if not needs_black(source):
        assert black.format_str(plain, mode=mode()) == source, source


@settings(max_examples=150, deadline=None)
@given(value=texts)
def test_a_string_literal_is_quoted_as_black_quotes_it(value: str) -> None:
    source = f"x = {string(value)}\n"
    assert eval(string(value)) == value  # noqa: S307 - the literal of a generated test value
    if len(source) <= 100:
        assert black_keeps(source), source


@settings(max_examples=200, deadline=None)
@given(text=texts | st.lists(texts, max_size=5).map("\n".join), indent=st.sampled_from([0, 4, 8]))
@example(text='ends in a quote"', indent=4)
@example(text='"', indent=0)
def test_a_vouched_docstring_is_as_black_leaves_it(text: str, indent: int) -> None:
    body = block_docstring(text, indent) or "Doc."
    if indent == 0:
        source = f'"""{body}"""\n'
    elif indent == 4:
        source = f'class A:\n    """{body}"""\n'
    else:
        source = f'class A:\n    def f(self) -> None:\n        """{body}"""\n'
    assert_vouched_is_black(source)


@settings(max_examples=200, deadline=None)
@given(text=texts | st.lists(texts, max_size=5).map("\n".join), indent=st.sampled_from([0, 4]))
@example(text='ends in a quote"', indent=4)
@example(text="indented\n    more\n    lines", indent=0)
def test_the_docstring_of_an_attribute_is_vouched_for_as_black_leaves_it(text: str, indent: int) -> None:
    """A string after a statement is no docstring to black: it keeps it however it reads, while
    the same string first in its block is a docstring, which black may change."""
    body = docstring(text, indent) or "Doc."
    margin = " " * indent
    attribute = f'{margin}name: int = 1\n{margin}"""{body}"""\n'
    source = f"class A:\n{attribute}" if indent else attribute
    assert black_keeps(source), source
    if "\t" not in source:
        assert not needs_black(source), source  # (a tab may be left to black, which keeps it here too)
    first = f'class A:\n    """{docstring(text, 4) or "Doc."}"""\n\n    name: int = 1\n'
    assert_vouched_is_black(first)


def test_docstrings_black_would_change_are_left_to_black() -> None:
    padded = block_docstring('ends in a quote"', 4)
    assert padded.endswith('\\" ') and not needs_black(f'class A:\n    """{padded}"""\n')  # as black pads it
    for text in ['"Quoted" first', 'ends in a quote"', "indented\n    more\n    lines", "first\n\tthen a tab"]:
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


def _literal(width: int) -> str:
    """`Literal["aa..", "bb..", ...]`: eight values of `width` letters each."""
    return "Literal[" + ", ".join(f'"{letter * width}"' for letter in "abcdefgh") + "]"


@settings(max_examples=400, deadline=None)
@given(name=names, annotation=names | types, default=st.sampled_from([None, "UNSET", "None"]))
# A lone name (wrapped in a class body, not in a signature), a lone subscript, a union with a
# `Literal` too long for one line, and a list of such a union.
@example(name="name_" * 10, annotation="Long" * 20, default="UNSET")
@example(name="name_" * 10, annotation="Long" * 20, default=None)
@example(name="name_" * 10, annotation=f"list[{'Long' * 20}]", default="UNSET")
@example(name="status", annotation=f"Status | {_literal(6)} | Unset", default="UNSET")
@example(name="categories", annotation=f"list[Category | {_literal(9)}] | None", default=None)
def test_a_long_annotation_is_split_as_black_splits_it(name: str, annotation: str, default: str | None) -> None:
    def method(parameter: str) -> str:
        return f"class A:\n    def f(\n        self,\n        *,\n        {parameter}\n        **options: int,\n    ) -> None:\n        pass\n"

    tail = "" if default is None else f" = {default}"
    assert_vouched_is_black_of(method(f"{name}: {annotation}{tail},"), method(annotated_parameter(name, annotation, default, 8)))
    field = annotated_parameter(name, annotation, default, 4, assignment=True)
    assert_vouched_is_black_of(f"class A:\n    {name}: {annotation}{tail}\n", f"class A:\n    {field}\n")


@settings(max_examples=200, deadline=None)
@given(
    name=names,
    annotation=names | types,
    entries=st.lists(names.map(lambda key: f'"{key}": 1'), max_size=3),
    arguments=st.sampled_from([[], ["default=UNSET"], ["default_factory=lambda: []"]]),
)
# A lone name too long for a line of its own, and such a name in a union: in parentheses all the same.
@example(name="name", annotation="Long" * 25, entries=['"wire": 1'], arguments=[])
@example(name="name", annotation="Long" * 25 + " | Unset", entries=['"wire": 1'], arguments=["default=UNSET"])
def test_a_field_declaration_is_laid_out_as_black_lays_it_out(name: str, annotation: str, entries: list[str], arguments: list[str]) -> None:
    if not (entries or arguments):
        return
    declaration = f"class A:\n    {field_declaration(name, annotation, arguments, entries, 4)}\n"
    if declaration.startswith(f"class A:\n    {name}: {annotation} = "):
        assert_vouched_is_black(declaration)  # split at the call: `field_call`'s layout
        return
    items = [*arguments, f"metadata={{{', '.join(entries)}}}"] if entries else arguments
    assert_vouched_is_black_of(f"class A:\n    {name}: {annotation} = field({', '.join(items)})\n", declaration)


@settings(max_examples=150, deadline=None)
@given(target=names, function=names, owner=names, attribute=names, indent=st.sampled_from([4, 8]))
# A target so long that neither the call's head nor parentheses fit: black splits at the call.
@example(target="name_" * 18, function="awaitable", owner="Resource", attribute="name_" * 18, indent=4)
@example(target="name_" * 20, function="awaitable", owner="Resource", attribute="name", indent=4)
def test_an_assigned_call_of_an_attribute_is_laid_out_as_black_lays_it_out(target: str, function: str, owner: str, attribute: str, indent: int) -> None:
    argument = f"{owner.title()}.{attribute}"
    prefix = "class A:\n" if indent == 4 else "class A:\n    def f(self) -> None:\n"
    plain = f"{prefix}{' ' * indent}{target} = {function}({argument})\n"
    assert_vouched_is_black_of(plain, prefix + " " * indent + assigned_call(target, function, [argument], indent) + "\n")


@settings(max_examples=150, deadline=None)
@given(
    entries=st.lists(st.tuples(names.map(lambda key: f'"{key}"'), names.map(lambda n: f"Auth({n})"), names.map(lambda n: f"{n} is not None")), min_size=1, max_size=3),
)
def test_a_dict_of_conditional_values_is_laid_out_as_black_lays_it_out(entries: list[tuple[str, str, str]]) -> None:
    full = [(key, value, condition, "None") for key, value, condition in entries]
    plain = "def f():\n    return {" + ", ".join(f"{k}: {v} if {c} else {o}" for k, v, c, o in full) + "}\n"
    assert_vouched_is_black_of(plain, f"def f():\n    {conditional_dict('return ', full, 4)}\n")


@settings(max_examples=150, deadline=None)
@given(target=names, value=names.map(lambda text: f'"{text}"') | st.integers(min_value=0).map(str))
def test_an_enum_member_is_laid_out_as_black_lays_it_out(target: str, value: str) -> None:
    plain = f"class A:\n    {target.upper()} = {value}\n"
    assert_vouched_is_black_of(plain, f"class A:\n    {assignment(target.upper(), value, 4)}\n")


@settings(max_examples=150, deadline=None)
@given(name=names, returns=names, module=names, imported=st.lists(names, min_size=1, max_size=3))
def test_a_lazy_group_property_is_laid_out_as_black_lays_it_out(name: str, returns: str, module: str, imported: list[str]) -> None:
    def source(head: str, statement: str) -> str:
        return f"class A:\n    @cached_property\n    {head}\n        {statement}\n\n        return x\n"

    plain = source(f"def {name}(self) -> {returns}:", f"from ._groups.{module} import {', '.join(imported)}")
    assert_vouched_is_black_of(plain, source(method_head(name, returns, 4), import_from(f"._groups.{module}", imported, 8)))


@settings(max_examples=150, deadline=None)
@given(key=names, value=names, escaped=st.booleans())
def test_a_long_string_entry_is_left_whole_on_its_line(key: str, value: str, escaped: bool) -> None:
    text = f'"{value}\\\\d"' if escaped else f'"{value}"'
    entry = f'"{key}": {text}'
    plain = f"X = f(\n    a,\n    responses={{{entry}}},\n)\n"
    laid_out = f"X = f(\n    a,\n    {keyword_call('responses', '', '{', '}', [entry], 4)}\n)\n"
    assert_vouched_is_black_of(plain, laid_out)
    metadata = f'x: int = field(\n    default=UNSET,\n    {dict_argument("metadata", [f"{chr(34)}{key}{chr(34)}: 1", entry], 4)}\n)\n'
    assert_vouched_is_black(metadata)


@settings(max_examples=150, deadline=None)
@given(target=names, variants=st.lists(names | types, min_size=2, max_size=4))
# A discriminated union: its `|` is inside the brackets, so the alias is no union at the top.
@example(target="response", variants=["Annotated[PrivateUser", 'PublicUser, Discriminator("user_view_type", (("private", PrivateUser), ("public", PublicUser),))]'])
def test_an_alias_union_is_laid_out_as_black_lays_it_out(target: str, variants: list[str]) -> None:
    statement = union_assignment(target.title(), variants)
    if statement is not None:
        assert_vouched_is_black_of(f"{target.title()} = {' | '.join(variants)}\n", statement + "\n")


@settings(max_examples=150, deadline=None)
@given(
    name=names,
    entries=st.lists(names.map(lambda key: f'"{key}": 1'), min_size=1, max_size=5),
    arguments=st.sampled_from([[], ["default=UNSET"], ["default_factory=lambda: []"]]),
)
def test_a_field_with_metadata_is_laid_out_as_black_lays_it_out(name: str, entries: list[str], arguments: list[str]) -> None:
    prefix = f"{name}: int = "
    assert_vouched_is_black(f"class A:\n    {field_call(prefix, arguments, entries, 4)}\n")


@settings(max_examples=300, deadline=None)
@given(returns=names | types, wrapper=st.sampled_from(["{}", "Pager[{}]", "RawResponse[{}]"]), indent=st.sampled_from([0, 4]))
# A name that fits four spaces in but not after `) -> `, one that fits nowhere, and either in a subscript.
@example(returns="Name" * 23, wrapper="{}", indent=4)
@example(returns="Name" * 30, wrapper="{}", indent=4)
@example(returns="Name" * 30, wrapper="Pager[{}]", indent=4)
def test_the_end_of_a_signature_is_laid_out_as_black_lays_it_out(returns: str, wrapper: str, indent: int) -> None:
    def method(end: str) -> str:
        margin = " " * indent
        text = f"{margin}def f(\n{margin}    self,\n{margin}    a: int,\n{margin}{end}\n{margin}    pass\n"
        return f"class A:\n{text}" if indent else text

    annotation = wrapper.format(returns)
    assert_vouched_is_black_of(method(f") -> {annotation}:"), method(signature_end(annotation, indent)))


@settings(max_examples=200, deadline=None)
@given(method=names, keyword=names, value=names | names.map(lambda text: f'"{text}"'), indent=st.sampled_from([0, 4]))
@example(method="m" * 100, keyword="error", value="E" * 100, indent=4)
def test_a_long_def_head_and_a_keyword_argument_of_a_long_name_or_string_are_as_black_leaves_them(method: str, keyword: str, value: str, indent: int) -> None:
    margin = " " * indent
    text = (
        f"{margin}def {method}(\n{margin}    self,\n{margin}    a: int,\n{margin}) -> None:\n"
        f"{margin}    return f(\n{margin}        {keyword}={value},\n{margin}        b=1,\n{margin}    )\n"
    )
    assert_vouched_is_black(f"class A:\n{text}" if indent else text)


@settings(max_examples=300, deadline=None)
@given(
    constant=names,
    returns=names,
    function=names,
    items=st.lists(names, min_size=1, max_size=4),
    responses=names,
)
# The subscript's head fits; it does not, but `X: (` does (black's parentheses); neither fits.
@example(constant="n" * 41, returns="n" * 43, function="n", items=["n"], responses="n")
@example(constant="n" * 89, returns="n", function="n", items=["n"], responses="n")
@example(constant="n" * 99, returns="n", function="n", items=["n"], responses="n")
def test_an_operation_statement_is_laid_out_as_black_lays_it_out(
    constant: str, returns: str, function: str, items: list[str], responses: str
) -> None:
    def descriptor(indent: int) -> str:
        margin = " " * (indent + 4)
        parts = [
            '"GET",',
            keyword_call("body", function, "(", ")", items, indent + 4),
            keyword_call("responses", "", "{", "}", [f'"200": {responses}'], indent + 4),
            f"error={function.capitalize()}Error,",
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


def _discriminated(variants: list[str], prop: str, values: list[str]) -> str:
    """A discriminated union as the builder writes it (`discriminated`): no trailing comma after two pairs or more."""
    pairs = [f'("{value}", {variant})' for value, variant in zip(values, variants)]
    mapping = f"({pairs[0]},)" if len(pairs) == 1 else f"({', '.join(pairs)})"
    return f'Annotated[{" | ".join(variants)}, Discriminator("{prop}", {mapping})]'


@settings(max_examples=200, deadline=None)
@given(target=names, variants=st.lists(names, min_size=2, max_size=4, unique=True), prop=names, suffix=st.sampled_from(["", " | Unset", " | None"]))
# GitHub's shape: too long for a line, its variants on one line of their own.
@example(target="UsersGetAuthenticatedResponse", variants=["PrivateUser", "PublicUser"], prop="user_view_type", suffix="")
# Short enough for one line: the mapping's trailing comma would have made black split it all.
@example(target="pet", variants=["Cat", "Dog"], prop="type", suffix="")
def test_a_discriminated_union_is_laid_out_as_black_lays_it_out(target: str, variants: list[str], prop: str, suffix: str) -> None:
    union = _discriminated(variants, prop, [v.lower() for v in variants]) + suffix
    alias = union_assignment(target.title(), union.split(" | "))
    if alias is not None:
        assert_vouched_is_black_of(f"{target.title()} = {union}\n", alias + "\n")
    field = annotated_parameter(target, union, "UNSET" if suffix else None, 4, assignment=True)
    tail = " = UNSET" if suffix else ""
    assert_vouched_is_black_of(f"class A:\n    {target}: {union}{tail}\n", f"class A:\n    {field}\n")


def test_the_discriminated_unions_of_github_and_short_ones_are_vouched_for() -> None:
    """Both shapes are the builder's, not black's: black is not even imported for them."""
    long = union_assignment("UsersGetAuthenticatedResponse", _discriminated(["PrivateUser", "PublicUser"], "user_view_type", ["private", "public"]).split(" | "))
    short = annotated_parameter("pet", _discriminated(["Cat", "Dog"], "type", ["cat", "dog"]), None, 4, assignment=True)
    assert long is not None and long.startswith("UsersGetAuthenticatedResponse = Annotated[\n")
    for source in (f"{long}\n", f"class A:\n    {short}\n"):
        assert not needs_black(source), source
        assert black_keeps(source), source


@pytest.mark.parametrize("annotation", ["WebhookPullRequestReviewRequestRemovedReviewRequestRemovedPullRequestLinksVariant2", "ConferenceRecordingStatusCallbackMethod | Unset"])
def test_a_field_whose_call_head_is_too_long_takes_the_call_into_parentheses(annotation: str) -> None:
    """`name: annotation = field(` too long, `name: annotation = (` not: the call in those parentheses, as black puts it."""
    name = "conference_recording_status_callback_method" if "|" in annotation else "links"
    arguments = ["default=UNSET"] if "|" in annotation else []
    wire = '"wire": "' + name + '_x"'
    declaration = f"class A:\n    {field_declaration(name, annotation, arguments, [wire], 4)}\n"
    assert "= (\n        field(" in declaration
    assert not needs_black(declaration)
    items = ", ".join([*arguments, f"metadata={{{wire}}}"])
    assert black.format_str(f"class A:\n    {name}: {annotation} = field({items})\n", mode=mode()) == declaration


@pytest.mark.parametrize(
    ("text", "vouched"),
    [("| Location per result\t | 1,000 |", True), ("\t| Location per result |", False), ("text\t", False)],
)
def test_a_tab_in_a_docstring_is_vouched_for_unless_black_expands_or_strips_it(text: str, vouched: bool) -> None:
    source = f'class A:\n    """Summary\n\n    {text}\n    """\n'
    assert needs_black(source) is not vouched
    assert black_keeps(source) is vouched


PETS = """\
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
components:
  schemas:
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator: {propertyName: type}
    Owner:
      type: object
      properties:
        pet:
          oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
          discriminator: {propertyName: type, mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}}
    Cat: {type: object, required: [type], properties: {type: {type: string}}}
    Dog: {type: object, required: [type], properties: {type: {type: string}}}
"""


def test_short_discriminated_unions_are_rendered_in_black_layout_without_black(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A discriminated union short enough for its line (an alias, a field) is black's layout as written."""
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    (tmp_path / "pets.yml").write_text(PETS, encoding="utf-8")
    document = load(str(tmp_path / "pets.yml"))
    api = build_model(Resolver(document))
    sources = {path: text for path, text in render(api, build_names(api, "pets")).items() if path.endswith(".py")}
    assert any("Discriminator(" in text for text in sources.values())
    for path, source in sources.items():
        assert format_files({path: source}) == {path: black.format_str(source, mode=mode())}, path
    from generator.output.format import LAST_COUNTS

    format_files(sources)
    assert LAST_COUNTS.to_black == 0


# -- the text of an annotation's parts ---------------------------------------------


@given(types, st.text(st.characters(codec="utf-8", min_codepoint=0x20, exclude_categories=("Cs",), exclude_characters='"\\'), max_size=8))
@settings(max_examples=200, deadline=None)
def test_a_part_of_an_annotation_is_its_source_segment(annotation: str, value: str) -> None:
    import ast

    from generator.emit.source import _segment

    source = f'{annotation} | Literal["{value}"]'  # a value beyond ASCII: offsets count UTF-8 bytes
    parts = [node for node in ast.walk(ast.parse(source, mode="eval").body) if isinstance(node, ast.expr)]
    assert [_segment(source, node) for node in parts] == [ast.get_source_segment(source, node) for node in parts]


def test_a_long_literal_is_laid_out_without_splitting_its_source_per_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ast.get_source_segment` splits the whole source at each call: over a `Literal` of EC2's 800
    instance types that was a minute and a half for one file."""
    import ast

    from generator.emit.source import type_lines

    values = [f'"type-{index}.large"' for index in range(2000)]

    def refuse(source: str, node: ast.AST, *, padded: bool = False) -> str | None:
        raise AssertionError("the annotation was split into lines")

    monkeypatch.setattr(ast, "get_source_segment", refuse)
    lines = type_lines(f"Literal[{', '.join(values)}] | None", 8)
    assert lines == [" " * 8 + "Literal[", *(" " * 12 + value + "," for value in values), " " * 8 + "]", " " * 8 + "| None"]


# A default the model writes as a call: a `date-time` or `date` default (`repr` of the value).
call_defaults = st.one_of(
    st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc, datetime.timezone(datetime.timedelta(hours=-5))])),
    st.dates(),
).map(repr)


@settings(max_examples=300, deadline=None)
@given(name=names, annotation=names | st.sampled_from(["datetime.datetime", "datetime.date | None", "Stamp | Unset"]), default=call_defaults)
@example(name="end_date", annotation="datetime.datetime", default="datetime.datetime(2025, 10, 15, 13, 51, 2, 527000, tzinfo=datetime.timezone.utc)")
def test_a_field_and_a_parameter_with_a_call_default_are_laid_out_as_black_lays_them_out(name: str, annotation: str, default: str) -> None:
    field = annotated_parameter(name, annotation, default, 4, assignment=True)
    assert_vouched_is_black_of(f"class A:\n    {name}: {annotation} = {default}\n", f"class A:\n    {field}\n")

    def method(parameter: str) -> str:
        return f"class A:\n    def f(\n        self,\n        *,\n        {parameter}\n        **options: int,\n    ) -> None:\n        pass\n"

    assert_vouched_is_black_of(method(f"{name}: {annotation} = {default},"), method(annotated_parameter(name, annotation, default, 8)))


@settings(max_examples=200, deadline=None)
@given(routes=st.lists(st.tuples(st.lists(names, min_size=1, max_size=3), names, names), max_size=3))
@example(routes=[(["template"], "failover", "FinalReport")])
def test_the_events_tuple_is_laid_out_as_black_lays_it_out(routes: list[tuple[list[str], str, str]]) -> None:
    """A lone route on the assignment's line when it fits (a one-tuple's comma is no magic one)."""
    from generator.emit.render import EventView
    from generator.emit.source import tuple_assignment

    events = [EventView(repr(tuple(path)).replace("'", '"'), f'"{value}"', name) for path, value, name in routes]
    statement = tuple_assignment("EVENTS: tuple[EventRoute, ...]", [e.route_line for e in events], [e.route for e in events])
    assert_vouched_is_black(statement + "\n")
    if len(events) == 1 and len(statement.splitlines()) > 1:
        assert not fits(f"EVENTS: tuple[EventRoute, ...] = ({events[0].route_line},)", 0)

"""Defects (tests/fixtures/defects/): each has one sound reading, so the default mode generates.

Each fixture carries one defect. The default mode exits 0 and prints one warning
line (file, line, JSON pointer, what was done) and the count; `--strict` exits 2
with the same place as one error line and leaves the earlier output as it was;
`validate` reports it and exits 2. The generated package imports, and where the
defect changes the SDK, the SDK is checked for the reading the warning names.
"""

from __future__ import annotations

import inspect
import re
from importlib import import_module
import shutil
from pathlib import Path

import pytest

from conftest import import_package, run_cli
from test_bad_specs import generated_before  # noqa: F401 - the fixture: an output generated before the defect
from test_cli import ERROR_LINE, cli_env, snapshot

DEFECTS = Path(__file__).resolve().parent / "fixtures" / "defects"
WARNING_LINE = re.compile(r"^warning: (?P<file>[^\s:]+):(?P<line>\d+) at (?P<pointer>#\S*): (?P<message>.+): (?P<action>[^:]+)$")

# file -> (line, pointer, words of the message, what was done)
CASES: dict[str, tuple[int, str, str, str]] = {
    "repeated_required_30.yaml": (20, "#/components/schemas/Item/required", "has non-unique elements", "each entry read once"),
    "required_not_defined_30.yaml": (
        27,
        "#/components/schemas/Item/required",
        "`required` names 'nickname', which neither the schema nor its `allOf` parts define",
        "ignored (no field is made for them; a response keeps them in `model_extra`)",
    ),
    "operation_title_31.yaml": (9, "#/paths/~1items/get/title", "'title' is not a field here", "ignored"),
    "max_length_30.yaml": (
        17,
        "#/paths/~1items/post/requestBody/content/application~1json/schema/properties/name/max_length",
        "'max_length' is not a field here",
        "ignored",
    ),
    "misspelt_key.yaml": (12, "#/paths/~1items/get/responses/200/contnet", "'contnet' is not a field here", "ignored"),
    "webhooks_in_30.yaml": (12, "#/webhooks", "'webhooks' is an OpenAPI 3.1 field, not 3.0", "read as in 3.1"),
    "const_in_30.yaml": (23, "#/components/schemas/Item/properties/kind/const", "'const' is an OpenAPI 3.1 field", "read as in 3.1"),
    "exclusive_minimum_boolean_31.yaml": (
        15,
        "#/paths/~1items/get/parameters/0/schema/exclusiveMinimum",
        "exclusiveMinimum: true is OpenAPI 3.0's form, not 3.1's",
        "read as in 3.0",
    ),
    "default_null_30.yaml": (
        14,
        "#/paths/~1items/get/parameters/0/schema/default",
        "default null, but the value is not nullable",
        "dropped",
    ),
    "default_null_outside_enum_30.yaml": (
        15,
        "#/paths/~1items/get/parameters/0/schema/default",
        "default null, but the value is not nullable",
        "dropped",
    ),
    "default_below_minimum_31.yaml": (
        15,
        "#/paths/~1items/get/parameters/0/schema/default",
        "default 0 is less than the minimum of 1",
        "kept",
    ),
    "optional_path_30.yaml": (12, "#/paths/~1items~1{id}/get/parameters/0/required", "path parameter 'id' is not `required: true`", "read as required"),
    "optional_path_31.yaml": (12, "#/paths/~1items~1{id}/get/parameters/0/required", "path parameter 'id' is not `required: true`", "read as required"),
    "undeclared_path_parameter_30.yaml": (
        7,
        "#/paths/~1items~1{id}/get",
        "path parameter 'id' of '/items/{id}' is not declared",
        "read as a required `str` argument",
    ),
    "duplicate_operation_ids.yaml": (
        14,
        "#/paths/~1others/get/operationId",
        "operationId 'sameName' is used by GET /items too",
        "renamed, this operation is named from its method and path (GET /others)",
    ),
    "default_in_referenced_schema_30.yaml": (27, "#/components/schemas/Flag/default", "default 'false' is not of type 'boolean'", "dropped"),
    "discriminator_mapping_missing_file_30.yaml": (
        21,
        "#/paths/~1shapes/get/responses/200/content/application~1json/schema/discriminator/mapping/square",
        "discriminator mapping 'square': unresolvable $ref 'shapes.yaml#/Square': no such file",
        "the mapping is ignored (each variant is tried)",
    ),
    "unknown_dialect_31.yaml": (
        13,
        "#/paths/~1items/get/parameters/0/schema/$schema",
        "$schema names a dialect no validator knows, 'https://json-schema.org/draft-05/schema#'",
        "ignored (the schema is read by the document's dialect)",
    ),
    "tag_parent_unknown_32.yaml": (
        6,
        "#/tags/1/parent",
        "tag 'books' references unknown parent tag 'shelf'",
        "ignored (tags only group the operations)",
    ),
    "operation_ids_differing_in_case_31.yaml": (
        14,
        "#/paths/~1v2~1reports/get/operationId",
        "operationId 'GetReports' is used by GET /reports too as 'getReports'",
        "renamed, this operation is named from its method and path (GET /v2/reports)",
    ),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in DEFECTS.iterdir()) == sorted(CASES)


def _package(out: Path) -> str:
    (typed,) = out.glob("*/py.typed")
    return typed.parent.name


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_defect_is_one_warning_and_the_package_imports(tmp_path: Path, name: str) -> None:
    line, pointer, words, action = CASES[name]
    shutil.copyfile(DEFECTS / name, tmp_path / name)
    done = run_cli("generate", name, "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    warning, total = done.stderr.splitlines()
    match = WARNING_LINE.match(warning)
    assert match is not None, warning
    assert (match["file"], match["line"], match["pointer"], match["action"]) == (name, str(line), pointer, action), warning
    assert words in match["message"], warning
    assert total == "1 warning"
    import_package(tmp_path / "out", _package(tmp_path / "out"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_defect_is_an_error_when_strict_and_the_output_is_kept(tmp_path: Path, generated_before: Path, name: str) -> None:
    line, pointer, words, _ = CASES[name]
    project = tmp_path / "project"
    shutil.copytree(generated_before, project)
    shutil.copyfile(DEFECTS / name, project / name)
    before = snapshot(project / "out")
    done = run_cli("generate", name, "--output", "out", "--strict", cwd=project, env=cli_env())
    assert done.returncode == 2, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    (error,) = done.stderr.splitlines()
    match = ERROR_LINE.match(error)
    assert match is not None, error
    assert (match["file"], match["line"], match["pointer"]) == (name, str(line), pointer), error
    assert words in match["message"], error
    assert snapshot(project / "out") == before

    validated = run_cli("validate", name, cwd=project, env=cli_env())
    assert validated.returncode == 2, validated.stderr
    assert validated.stderr.splitlines()[-1] == "1 warning"
    assert f"{name}:{line} at {pointer}: " in validated.stderr


def _client_methods(module: object) -> dict[str, inspect.Signature]:
    """The public methods of the generated sync client's resources, by name."""
    client = import_module(f"{module.__name__}.client")  # type: ignore[attr-defined]
    methods = {}
    for _, cls in inspect.getmembers(client, inspect.isclass):
        if issubclass(cls, client.Resource) and cls is not client.Resource:
            for name, function in inspect.getmembers(cls, inspect.isfunction):
                if not name.startswith("_"):
                    methods[name] = inspect.signature(function)
    return methods


def _generate(tmp_path: Path, name: str) -> dict[str, inspect.Signature]:
    shutil.copyfile(DEFECTS / name, tmp_path / name)
    done = run_cli("generate", name, "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    return _client_methods(import_package(tmp_path / "out", _package(tmp_path / "out")))


@pytest.mark.parametrize("name", ["duplicate_operation_ids.yaml", "operation_ids_differing_in_case_31.yaml"])
def test_both_operations_of_a_duplicate_operation_id_are_generated(tmp_path: Path, name: str) -> None:
    methods = _generate(tmp_path, name)
    expected = {"duplicate_operation_ids.yaml": {"same_name", "get_others"}, "operation_ids_differing_in_case_31.yaml": {"get_reports", "get_v2_reports"}}
    assert expected[name] <= set(methods), sorted(methods)


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("exclusive_minimum_boolean_31.yaml", 0),  # 0 is not above the exclusive minimum 0
        ("unknown_dialect_31.yaml", 101),  # its `maximum` holds: the schema was read, not skipped
    ],
)
def test_a_bound_is_checked_as_the_warning_reads_it(tmp_path: Path, name: str, refused: int) -> None:
    shutil.copyfile(DEFECTS / name, tmp_path / "spec.yaml")
    done = run_cli("generate", "spec.yaml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    client = import_package(tmp_path / "out", _package(tmp_path / "out")).Client(base_url="http://127.0.0.1:9")
    with pytest.raises(ValueError, match="limit"):
        client.default.list_items(limit=refused)  # refused before sending


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        # What the document's dialect finds in the rest of the schema: each a defect of its own...
        ("{type: integer, minimum: 0, exclusiveMinimum: true}", "exclusiveMinimum: true is OpenAPI 3.0's form"),
        # ...or a blocker, as it would be without the `$schema`.
        ("{type: text}", "error:"),
    ],
)
def test_the_rest_of_a_schema_of_an_unknown_dialect_is_checked(tmp_path: Path, schema: str, expected: str) -> None:
    text = (DEFECTS / "unknown_dialect_31.yaml").read_text(encoding="utf-8")
    text = text.replace("            type: integer\n            minimum: 1\n            maximum: 100\n", "")
    text = text.replace("$schema: https://json-schema.org/draft-05/schema#", "$schema: https://json-schema.org/draft-05/schema#\n            allOf: [" + schema + "]")
    (tmp_path / "spec.yaml").write_text(text, encoding="utf-8")
    done = run_cli("generate", "spec.yaml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert expected in done.stderr, done.stderr
    assert done.returncode == (2 if expected == "error:" else 0), done.stderr
    assert "Traceback" not in done.stderr


def test_each_unreadable_discriminator_mapping_entry_is_named(tmp_path: Path) -> None:
    text = (DEFECTS / "discriminator_mapping_missing_file_30.yaml").read_text(encoding="utf-8")
    (tmp_path / "spec.yaml").write_text(text.replace('circle: "#/components/schemas/Circle"', "circle: shapes.yaml#/Circle"), encoding="utf-8")
    done = run_cli("generate", "spec.yaml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    *warnings, total = done.stderr.splitlines()
    named = [match["pointer"].rsplit("/", 1)[-1] for match in map(WARNING_LINE.match, warnings) if match is not None]
    assert (named, total) == (["square", "circle"], "2 warnings"), done.stderr


@pytest.mark.parametrize("name", ["optional_path_30.yaml", "undeclared_path_parameter_30.yaml"])
def test_a_path_parameter_is_a_required_argument(tmp_path: Path, name: str) -> None:
    methods = _generate(tmp_path, name)
    parameter = methods["get_item"].parameters["id"]
    assert parameter.default is inspect.Parameter.empty
    assert parameter.annotation in (str, "str")


def test_a_required_key_no_schema_defines_is_kept_from_a_response(tmp_path: Path) -> None:
    import httpx

    shutil.copyfile(DEFECTS / "required_not_defined_30.yaml", tmp_path / "spec.yaml")
    done = run_cli("generate", "spec.yaml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    package = import_package(tmp_path / "out", _package(tmp_path / "out"))
    body = {"id": "i1", "name": "Ada", "nickname": "ada"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    item = package.Client(base_url="http://127.0.0.1:9", http_client=httpx.Client(transport=transport)).default.list_items()
    assert (item.id, item.name) == ("i1", "Ada")
    assert item.model_extra == {"nickname": "ada"}


def test_a_null_default_outside_an_enum_is_dropped_as_the_warning_says(tmp_path: Path) -> None:
    methods = _generate(tmp_path, "default_null_outside_enum_30.yaml")
    side = methods["list_items"].parameters["side"]
    assert type(side.default).__name__ == "Unset"  # not sent unless given, rather than a null default
    assert "None" not in str(side.annotation)

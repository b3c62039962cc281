"""The fast checks give openapi-spec-validator's verdicts.

Validation runs the meta-schema check on jsonschema-rs and then its own one pass over
the document (generator/openapi/spec_checks.py) for what openapi-spec-validator checks
beyond the meta-schema. Here openapi-spec-validator's own walk is the reference: on
every fixture, on small documents that each trip one of its checks, and on every spec
of ../shared/specs (marker `corpus`; its walk takes about 25 s of CPU on GitHub's REST
API, 2 s on Box's, 1 to 2 s on each Twilio spec), both give the same verdict: the same
blocker (file, pointer, line, message), or the same defects (file, pointer, line,
message, what is done), or none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SHARED
from generator.document.load import Documents, load
from generator.errors import SpecError
from generator.openapi.validate import check_version, fast_findings, reference_findings, verdict

FIXTURES = REPO / "tests" / "fixtures"
SPECS_FOLDER = SHARED / "specs"
ABSENT = "../shared/specs is absent (third-party specs are not part of the repository)"

Outcome = tuple[str, tuple[tuple[Any, ...], ...]]


def outcome(path: Path, reference: bool) -> Outcome:
    """ok, defects or blocker, with what each names."""
    document = load(str(path))
    documents = Documents(document)
    documents.load_referenced()
    try:
        if reference:
            warnings = verdict(document, documents=documents, find=reference_findings)
        else:
            warnings = verdict(document, documents=documents)
    except SpecError as error:
        return "blocker", ((error.uri, error.pointer, error.line, error.message),)
    return ("defects" if warnings else "ok"), tuple((w.uri, w.pointer, w.line, w.message, w.action) for w in warnings)


def fixture_specs() -> list[Any]:
    found = [
        *sorted((FIXTURES / "bad").iterdir()),
        *sorted((FIXTURES / "defects").iterdir()),
        *sorted((FIXTURES / "coverage").iterdir()),
        FIXTURES / "multifile" / "openapi.yaml",
        FIXTURES / "production.yaml",
        *sorted((REPO / "specs").iterdir()),
    ]
    return [pytest.param(p, id=p.relative_to(REPO).as_posix()) for p in found if not p.name.startswith("malformed") and p.name not in FORMAT_STRING_PATHS]


# openapi-spec-validator reads a path's templates as Python format strings: `{id:}` names `id`,
# and `{id/raw` or `{cell!}` crash it. Path keys are read by OpenAPI's grammar (any character
# but braces in a name) before either walk, so these fixtures get verdicts it cannot give.
FORMAT_STRING_PATHS = frozenset({"path_template_names_30.yaml", "path_unbalanced_brace.yaml"})


def test_the_reference_reads_path_templates_as_format_strings() -> None:
    named = load(str(FIXTURES / "coverage" / "path_template_names_30.yaml"))
    assert outcome(FIXTURES / "coverage" / "path_template_names_30.yaml", reference=False) == ("ok", ())
    with pytest.raises(ValueError, match="format spec"):  # Python's format-string parser, on `{insight_id:}/...`
        reference_findings(named, named.contents, check_version(named), Documents(named))


def corpus_specs() -> list[Any]:
    if not SPECS_FOLDER.is_dir():
        return [pytest.param(None, id="absent", marks=pytest.mark.skip(reason=ABSENT))]
    found = sorted(p for p in SPECS_FOLDER.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
    return [pytest.param(p, id=p.relative_to(SPECS_FOLDER).as_posix(), marks=pytest.mark.corpus) for p in found]


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")


@pytest.mark.parametrize("path", fixture_specs())
def test_fixture_verdict_is_the_reference_verdict(path: Path) -> None:
    assert outcome(path, reference=False) == outcome(path, reference=True)


@pytest.mark.parametrize("path", corpus_specs())
def test_corpus_verdict_is_the_reference_verdict(path: Path) -> None:
    assert outcome(path, reference=False) == outcome(path, reference=True)


HEAD_30 = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
HEAD_31 = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"
HEAD_32 = "openapi: 3.2.0\ninfo: {title: t, version: '1'}\n"
OK = "responses: {'200': {description: ok}}"

# Each trips one check of openapi-spec-validator's beyond the meta-schema (or sits beside one).
DOCUMENTS: dict[str, str] = {
    "duplicate_tag": HEAD_30 + "tags: [{name: a}, {name: b}, {name: a}]\npaths: {}\n",
    "duplicate_parameter": HEAD_30
    + "paths:\n  /a:\n    get:\n      parameters:\n        - {name: q, in: query, schema: {type: string}}\n"
    + "        - {name: q, in: query, schema: {type: integer}}\n      "
    + OK
    + "\n",
    "declared_not_in_path": HEAD_31
    + "paths:\n  /a:\n    parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n    get: {"
    + OK
    + "}\n",
    "undeclared_in_path_level": HEAD_30 + "paths:\n  /a/{id}/{other}:\n    get: {" + OK + "}\n    post: {" + OK + "}\n",
    "required_not_defined_in_all_of": HEAD_30
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      allOf: [{$ref: '#/components/schemas/B'}]\n"
    + "      required: [name, missing]\n    B:\n      properties: {name: {type: string}}\n",
    "required_defined_in_a_part": HEAD_31
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      allOf: [{anyOf: [{properties: {x: {}}}]}, {items: {properties: {y: {}}}}]\n"
    + "      required: [x, y]\n",
    "default_inside_a_referenced_schema": HEAD_30
    + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n"
    + "            application/json: {schema: {$ref: '#/components/schemas/A'}}\n"
    + "components:\n  schemas:\n    A:\n      type: object\n      properties:\n        n: {type: integer, minimum: 3, default: 1}\n"
    + "        s: {type: string, format: byte, default: '***'}\n        o: {type: object, properties: {k: {type: integer}}, default: {k: x}}\n",
    "default_formats_30": HEAD_30
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n"
    + "        when: {type: string, format: date-time, default: yesterday}\n        site: {type: string, format: uri, default: ''}\n"
    + "        whole: {type: integer, default: 1.0}\n        small: {type: integer, format: int32, default: 9999999999}\n"
    + "        maybe: {type: string, nullable: true, enum: [a, null], default: null}\n",
    "numeric_formats_at_their_bounds_30": HEAD_30
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n"
    + "        a: {type: integer, format: int32, default: 2147483647}\n        b: {type: integer, format: int32, default: -2147483648}\n"
    + "        c: {type: integer, format: int64, default: 9223372036854775807}\n        d: {type: integer, format: int64, default: -9223372036854775808}\n"
    + "        e: {type: number, format: float, default: 1}\n        f: {type: number, format: double, default: 0.5}\n"
    + "        g: {type: string, format: int32, default: '99999999999'}\n        h: {format: int64, default: true}\n",
    "numeric_formats_beyond_their_bounds_31": HEAD_31
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n"
    + "        a: {type: integer, format: int32, default: 2147483648}\n        b: {type: integer, format: int32, default: -2147483649}\n"
    + "        c: {type: integer, format: int64, default: 9223372036854775808}\n        d: {type: integer, format: int64, minimum: 3, default: 1}\n"
    + "        e: {type: object, properties: {k: {type: integer, format: int32}}, default: {k: 4294967296}}\n",
    "default_beside_3_0_bounds_31": HEAD_31
    + "paths: {}\ncomponents:\n  schemas:\n    A: {type: integer, minimum: 0, exclusiveMinimum: true, default: 0}\n",
    "property_names_like_keywords_30": HEAD_30
    + "paths: {}\ncomponents:\n  schemas:\n    A:\n      type: object\n      default: {format: 5}\n      properties:\n"
    + "        format: {type: string, default: 5}\n        default: {type: integer, default: x}\n",
    "default_null_nullable_30": HEAD_30 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, nullable: true, default: null}\n",
    "default_of_a_ref_sibling_31": HEAD_31
    + "paths: {}\ncomponents:\n  schemas:\n    A: {type: integer}\n    B: {$ref: '#/components/schemas/A', default: x}\n"
    + "    C: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}, default: {a: 'no'}}\n",
    "schema_not_a_mapping": HEAD_31 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: object, properties: {a: 5}}\n",
    "items_as_a_list_30": HEAD_30 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: array, items: [{type: string}]}\n",
    "boolean_schemas_31": HEAD_31 + "paths: {}\ncomponents:\n  schemas:\n    A: true\n    B: {properties: {a: false, b: true}}\n",
    "bad_type_in_31": HEAD_31 + "paths: {}\ncomponents:\n  schemas:\n    A: {properties: {a: {type: text}}}\n",
    "unknown_dialect_31": HEAD_31 + "paths: {}\ncomponents:\n  schemas:\n    A: {$schema: 'https://example.com/dialect', type: string}\n",
    "draft_7_dialect_31": HEAD_31
    + "paths: {}\ncomponents:\n  schemas:\n    A: {$schema: 'http://json-schema.org/draft-07/schema#', type: [string, 5]}\n",
    "document_dialect_31": HEAD_31
    + "jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema'\npaths: {}\ncomponents:\n  schemas:\n    A: {type: string, discriminator: 5}\n",
    "ecma_pattern_31": HEAD_31 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, pattern: '^\\p{L}+$', default: '1'}\n",
    "broken_pattern_30": HEAD_30 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: string, pattern: '(?<x'}\n",
    "unresolvable_schema_ref": HEAD_30
    + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n"
    + "            application/json: {schema: {$ref: '#/components/schemas/Missing'}}\n",
    "parameter_schema_via_ref_30": HEAD_30
    + "paths:\n  /a/{id}:\n    get:\n      parameters: [{$ref: '#/components/parameters/Id'}]\n      "
    + OK
    + "\n"
    + "components:\n  parameters:\n    Id: {name: id, in: path, required: true, schema: {type: integer, default: zero}}\n",
    "tag_tree_32": HEAD_32 + "tags: [{name: a, parent: b}, {name: b, parent: a}, {name: c, parent: z}, {name: d}]\npaths: {}\n",
    "undeclared_in_path_of_new_methods_32": HEAD_32
    + "paths:\n  /a/{id}:\n    query: {" + OK + "}\n    additionalOperations:\n      M-SEARCH: {" + OK + "}\n",
    "default_beyond_minimum_32": HEAD_32 + "paths: {}\ncomponents:\n  schemas:\n    A: {type: integer, minimum: 3, default: 1}\n",
    "bad_type_in_32": HEAD_32 + "paths: {}\ncomponents:\n  schemas:\n    A: {properties: {a: {type: text}}}\n",
    "unknown_dialect_32": HEAD_32 + "paths: {}\ncomponents:\n  schemas:\n    A: {$schema: 'https://example.com/dialect', type: string}\n",
    "optional_path_parameter_31": HEAD_31
    + "paths:\n  /a/{id}:\n    get:\n      parameters: [{name: id, in: path, schema: {type: string}}]\n      "
    + OK
    + "\n",
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_check_gives_the_reference_verdict(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(DOCUMENTS[name], encoding="utf-8")
    assert outcome(path, reference=False) == outcome(path, reference=True)


def test_the_checks_find_what_the_documents_carry(tmp_path: Path) -> None:
    """Not only agreement: each document's verdict is the one it was written for."""
    kinds = {}
    for name, text in DOCUMENTS.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        kinds[name] = outcome(path, reference=False)
    assert kinds["duplicate_tag"] == ("blocker", ((kinds["duplicate_tag"][1][0][0], "/tags", 3, "Duplicate tag name 'a'"),))
    assert kinds["duplicate_parameter"][0] == "blocker" and "Duplicate parameter 'q'" in kinds["duplicate_parameter"][1][0][3]
    # A defect, not a blocker: JSON Schema lets `required` name a key no schema describes.
    (undefined,) = kinds["required_not_defined_in_all_of"][1]
    assert kinds["required_not_defined_in_all_of"][0] == "defects"
    assert (undefined[1], undefined[2]) == ("/components/schemas/A/required", 8) and "'missing'" in undefined[3]
    assert kinds["required_defined_in_a_part"][0] == "ok"
    assert kinds["default_null_nullable_30"][0] == "ok"
    assert kinds["declared_not_in_path"][0] == "defects"
    undeclared = kinds["undeclared_in_path_level"]
    assert [entry[1] for entry in undeclared[1]] == ["/paths/~1a~1{id}~1{other}/get", "/paths/~1a~1{id}~1{other}/post"]
    defaults = {entry[1]: entry[4] for entry in kinds["default_inside_a_referenced_schema"][1]}
    assert defaults == {
        "/components/schemas/A/properties/n/default": "kept",
        "/components/schemas/A/properties/s/default": "kept",
        "/components/schemas/A/properties/o/default": "dropped",
    }
    assert kinds["parameter_schema_via_ref_30"][1][0][1] == "/components/parameters/Id/schema/default"
    assert kinds["numeric_formats_at_their_bounds_30"][0] == "ok"
    beyond = [entry[1].split("/")[-2] for entry in kinds["numeric_formats_beyond_their_bounds_31"][1]]
    assert beyond == ["a", "b", "c", "d", "e"]
    assert kinds["unresolvable_schema_ref"][0] == "blocker"
    # A `$schema` no validator knows is ignored: the schema is read by the document's dialect.
    assert kinds["unknown_dialect_31"][0] == "defects"
    assert [entry[1] for entry in kinds["unknown_dialect_31"][1]] == ["/components/schemas/A/$schema"]
    assert kinds["bad_type_in_31"][0] == "blocker"
    # OpenAPI 3.2: its tag tree, its new methods, its dialect.
    assert [(entry[1], entry[4]) for entry in kinds["tag_tree_32"][1]] == [
        ("/tags/0/parent", "ignored (tags only group the operations)"),
        ("/tags/1/parent", "ignored (tags only group the operations)"),
        ("/tags/2/parent", "ignored (tags only group the operations)"),
    ]
    new_methods = kinds["undeclared_in_path_of_new_methods_32"]
    assert [entry[1] for entry in new_methods[1]] == ["/paths/~1a~1{id}/query", "/paths/~1a~1{id}/additionalOperations/M-SEARCH"]
    assert kinds["default_beyond_minimum_32"] == ("defects", ((kinds["default_beyond_minimum_32"][1][0][0], "/components/schemas/A/default", 6, "default 1 is less than the minimum of 3", "kept"),))
    assert kinds["bad_type_in_32"][0] == "blocker"
    assert [entry[1] for entry in kinds["unknown_dialect_32"][1]] == ["/components/schemas/A/$schema"]


def raw_findings(path: Path) -> Any:
    """Every finding of either walk, as a set of (message, pointer, check); or the kind of failure."""
    document = load(str(path))
    documents = Documents(document)
    documents.load_referenced()
    try:
        version = check_version(document)
    except SpecError:
        pytest.skip("not an OpenAPI 3.0, 3.1 or 3.2 document: neither walk runs")
    found = {}
    for name, find in (("fast", fast_findings), ("reference", reference_findings)):
        try:
            found[name] = {(f.message.splitlines()[0], f.pointer, f.keyword) for f in find(document, document.contents, version, documents)}
        except Exception:  # noqa: BLE001 - both walks give up on a `$ref` they cannot follow, each in its own words
            found[name] = "gave up"
    return found


@pytest.mark.parametrize("path", fixture_specs())
def test_fixture_findings_are_the_reference_findings(path: Path) -> None:
    """Beyond the verdict (which stops at the first blocker): every finding, with its place and check."""
    found = raw_findings(path)
    assert found["fast"] == found["reference"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_each_check_finds_the_reference_findings(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(DOCUMENTS[name], encoding="utf-8")
    found = raw_findings(path)
    assert found["fast"] == found["reference"]


def test_the_default_dialect_is_openapi_schema_validators() -> None:
    from openapi_schema_validator import OAS31_BASE_DIALECT_ID, OAS32_BASE_DIALECT_ID

    from generator.openapi import spec_checks

    assert spec_checks.BASE_DIALECT_ID == {"3.1": OAS31_BASE_DIALECT_ID, "3.2": OAS32_BASE_DIALECT_ID}

"""The model stage: inline OpenAPI 3.0 and 3.1 documents turned into `ir.Api`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import ir
from generator.errors import SpecError
from generator.document.load import load
from generator.openapi.read import build_model
from generator.document.resolve import Resolver

OK: dict[str, Any] = {"200": {"description": "ok"}}


def spec(version: str = "3.1.0", paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": version, "info": {"title": "Test API", "version": "1.0"}, "paths": paths or {}}
    if schemas is not None:
        document["components"] = {"schemas": schemas}
    document.update(extra)
    return document


def write(tmp_path: Path, document: dict[str, Any], fmt: str = "json") -> Path:
    path = tmp_path / f"spec.{'yaml' if fmt == 'yaml' else 'json'}"
    if fmt == "yaml":
        path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    else:
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def build(tmp_path: Path, document: dict[str, Any], fmt: str = "json") -> ir.Api:
    return build_model(Resolver(load(str(write(tmp_path, document, fmt)))))


def schema_key(api: ir.Api, pointer: str) -> str:
    """The key of the named type whose schema is at `pointer` (of the one document)."""
    matches = [t.key for t in api.types if t.key.endswith("#" + pointer)]
    assert len(matches) == 1, (pointer, [t.key for t in api.types])
    return matches[0]


def named(api: ir.Api, pointer: str) -> ir.NamedType:
    return api.type_by_key()[schema_key(api, pointer)]


def prop(obj: ir.NamedType, wire_name: str) -> ir.Property:
    assert isinstance(obj, ir.ObjectType)
    found = [p for p in obj.properties if p.wire_name == wire_name]
    assert len(found) == 1, (wire_name, [p.wire_name for p in obj.properties])
    return found[0]


def operation(api: ir.Api, method: str, path: str) -> ir.Operation:
    found = [op for op in api.operations if op.method == method and op.path == path]
    assert len(found) == 1
    return found[0]


# -- operations ------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_every_path_and_method_becomes_an_operation(tmp_path: Path, version: str) -> None:
    paths: dict[str, dict[str, Any]] = {
        "/pets": {
            "summary": "not a method",
            "get": {"responses": OK},
            "post": {"operationId": "createPet", "responses": OK},
        },
        "/pets/{pet_id}": {
            "parameters": [{"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"responses": OK},
            "put": {"responses": OK},
            "patch": {"responses": OK},
            "delete": {"responses": OK},
            "head": {"responses": OK},
            "options": {"responses": OK},
            "trace": {"responses": OK},
        },
        "/health": {"get": {"operationId": "health", "responses": OK}},
    }
    api = build(tmp_path, spec(version, paths))

    expected = {(method.upper(), path) for path, item in paths.items() for method in item if method not in ("summary", "parameters")}
    assert len(api.operations) == len(expected) == 10
    assert {(op.method, op.path) for op in api.operations} == expected
    assert operation(api, "POST", "/pets").operation_id == "createPet"
    assert operation(api, "GET", "/pets").operation_id is None


def test_path_level_parameters_are_merged_and_the_operation_wins(tmp_path: Path) -> None:
    paths = {
        "/pets/{pet_id}": {
            "parameters": [
                {"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "description": "path level", "schema": {"type": "integer"}},
                {"name": "trace", "in": "header", "schema": {"type": "string"}},
            ],
            "get": {
                "parameters": [
                    {"name": "limit", "in": "query", "description": "operation level", "required": True, "schema": {"type": "string"}},
                    {"name": "fields", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": OK,
            },
            "delete": {"responses": OK},
        }
    }
    api = build(tmp_path, spec("3.0.3", paths))

    get = operation(api, "GET", "/pets/{pet_id}")
    by_place = {(p.location, p.wire_name): p for p in get.parameters}
    assert set(by_place) == {("path", "pet_id"), ("query", "limit"), ("header", "trace"), ("query", "fields")}
    assert len(get.parameters) == 4
    limit = by_place[("query", "limit")]
    assert limit.description == "operation level"
    assert limit.type == ir.Primitive("str")
    assert limit.required is True

    delete = operation(api, "DELETE", "/pets/{pet_id}")
    delete_places = {(p.location, p.wire_name): p for p in delete.parameters}
    assert set(delete_places) == {("path", "pet_id"), ("query", "limit"), ("header", "trace")}
    assert delete_places[("query", "limit")].type == ir.Primitive("int")
    assert delete_places[("query", "limit")].description == "path level"


def test_a_parameter_that_only_differs_by_location_is_kept(tmp_path: Path) -> None:
    paths = {
        "/items": {
            "parameters": [{"name": "token", "in": "header", "schema": {"type": "string"}}],
            "get": {"parameters": [{"name": "token", "in": "query", "schema": {"type": "string"}}], "responses": OK},
        }
    }
    api = build(tmp_path, spec("3.1.0", paths))
    get = operation(api, "GET", "/items")
    assert sorted((p.location, p.wire_name) for p in get.parameters) == [("header", "token"), ("query", "token")]


# -- nullability -------------------------------------------------------------------


def test_openapi_30_nullable_becomes_nullable(tmp_path: Path) -> None:
    schemas = {
        "Pet": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "nullable": True},
                "age": {"type": "integer"},
                "owner": {"allOf": [{"$ref": "#/components/schemas/Owner"}], "nullable": True},
                "mood": {"type": "string", "enum": ["happy", "sad"], "nullable": True},
            },
        },
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
    }
    api = build(tmp_path, spec("3.0.3", schemas=schemas))
    pet = named(api, "/components/schemas/Pet")

    assert prop(pet, "name").type == ir.Nullable(ir.Primitive("str"))
    assert prop(pet, "age").type == ir.Primitive("int")
    assert prop(pet, "owner").type == ir.Nullable(ir.Named(schema_key(api, "/components/schemas/Owner")))
    mood = prop(pet, "mood").type
    assert isinstance(mood, ir.Nullable) and isinstance(mood.inner, ir.Named)
    assert isinstance(api.type_by_key()[mood.inner.key], ir.EnumType)


def test_openapi_31_null_in_type_list_becomes_nullable(tmp_path: Path) -> None:
    schemas = {
        "Pet": {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "null"]},
                "born": {"type": ["null", "string"], "format": "date-time"},
                "tag": {"type": "string"},
                "counts": {"type": ["array", "null"], "items": {"type": "integer"}},
                "mood": {"type": ["string", "null"], "enum": ["happy", "sad", None]},
            },
        },
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    pet = named(api, "/components/schemas/Pet")

    assert prop(pet, "name").type == ir.Nullable(ir.Primitive("str"))
    assert prop(pet, "born").type == ir.Nullable(ir.Primitive("datetime"))
    assert prop(pet, "tag").type == ir.Primitive("str")
    assert prop(pet, "counts").type == ir.Nullable(ir.ListOf(ir.Primitive("int")))
    mood = prop(pet, "mood").type
    assert isinstance(mood, ir.Nullable) and isinstance(mood.inner, ir.Named)
    mood_enum = api.type_by_key()[mood.inner.key]
    assert isinstance(mood_enum, ir.EnumType) and mood_enum.values == ("happy", "sad")


def test_openapi_31_one_of_with_a_null_variant_is_nullable(tmp_path: Path) -> None:
    schemas = {"Pet": {"type": "object", "properties": {"nick": {"oneOf": [{"type": "string"}, {"const": None}]}}}}
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    assert prop(named(api, "/components/schemas/Pet"), "nick").type == ir.Nullable(ir.Primitive("str"))


def test_openapi_31_any_of_reference_or_type_null_is_a_nullable_reference(tmp_path: Path) -> None:
    schemas = {
        "Pet": {
            "type": "object",
            "properties": {"owner": {"anyOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]}},
        },
        "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    owner = schema_key(api, "/components/schemas/Owner")
    assert prop(named(api, "/components/schemas/Pet"), "owner").type == ir.Nullable(ir.Named(owner))


# -- composition -----------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_all_of_merges_into_one_object(tmp_path: Path, version: str) -> None:
    schemas = {
        "Base": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "string"}, "created": {"type": "string", "format": "date-time"}},
        },
        "Extra": {"type": "object", "required": ["color"], "properties": {"color": {"type": "string"}}},
        "Pet": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"$ref": "#/components/schemas/Extra"},
                {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}},
            ]
        },
    }
    api = build(tmp_path, spec(version, schemas=schemas))
    pet = named(api, "/components/schemas/Pet")

    assert isinstance(pet, ir.ObjectType)
    assert [p.wire_name for p in pet.properties] == ["id", "created", "color", "name", "age"]
    assert {p.wire_name for p in pet.properties if p.required} == {"id", "color", "name"}
    assert prop(pet, "created").type == ir.Primitive("datetime")
    assert pet.hint.explicit == "Pet"
    # The parts stay types of their own.
    assert isinstance(named(api, "/components/schemas/Base"), ir.ObjectType)


def test_nested_all_of_is_flattened(tmp_path: Path) -> None:
    schemas = {
        "A": {"type": "object", "properties": {"a": {"type": "string"}}},
        "B": {"allOf": [{"$ref": "#/components/schemas/A"}, {"type": "object", "required": ["b"], "properties": {"b": {"type": "integer"}}}]},
        "C": {"allOf": [{"$ref": "#/components/schemas/B"}, {"type": "object", "properties": {"c": {"type": "boolean"}}}]},
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    c = named(api, "/components/schemas/C")
    assert isinstance(c, ir.ObjectType)
    assert {p.wire_name for p in c.properties} == {"a", "b", "c"}
    assert prop(c, "b").required is True
    assert prop(c, "a").required is False


def _pet_schemas(discriminator: dict[str, Any]) -> dict[str, Any]:
    return {
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": discriminator,
        },
        "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "meows": {"type": "boolean"}}},
        "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "barks": {"type": "boolean"}}},
    }


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_one_of_with_discriminator_without_mapping(tmp_path: Path, version: str) -> None:
    api = build(tmp_path, spec(version, schemas=_pet_schemas({"propertyName": "kind"})))
    pet = named(api, "/components/schemas/Pet")
    cat = schema_key(api, "/components/schemas/Cat")
    dog = schema_key(api, "/components/schemas/Dog")

    assert isinstance(pet, ir.AliasType)
    union = pet.target
    assert isinstance(union, ir.UnionOf)
    assert union.variants == (ir.Named(cat), ir.Named(dog))
    assert union.discriminator == ir.Discriminator("kind", (("Cat", cat), ("Dog", dog)))


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_one_of_with_discriminator_mapping(tmp_path: Path, version: str) -> None:
    mapping = {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}}
    api = build(tmp_path, spec(version, schemas=_pet_schemas(mapping)))
    pet = named(api, "/components/schemas/Pet")
    cat = schema_key(api, "/components/schemas/Cat")
    dog = schema_key(api, "/components/schemas/Dog")

    assert isinstance(pet, ir.AliasType) and isinstance(pet.target, ir.UnionOf)
    discriminator = pet.target.discriminator
    assert discriminator is not None
    assert discriminator.property == "kind"
    assert dict(discriminator.mapping) == {"cat": cat, "dog": dog}


def test_one_of_without_discriminator_is_a_plain_union(tmp_path: Path) -> None:
    schemas = {"Value": {"oneOf": [{"type": "string"}, {"type": "integer"}]}}
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    value = named(api, "/components/schemas/Value")
    assert isinstance(value, ir.AliasType)
    assert value.target == ir.UnionOf((ir.Primitive("str"), ir.Primitive("int")), None)


# -- enums -----------------------------------------------------------------------------


def test_enums_are_hoisted_as_named_enum_types(tmp_path: Path) -> None:
    schemas = {
        "Region": {"type": "string", "enum": ["Europe", "Middle East", "US"], "description": "Where."},
        "Pet": {
            "type": "object",
            "properties": {
                "status": {"type": "string", "enum": ["available", "sold", "available"]},
                "size": {"type": "integer", "enum": [1, 2, 3]},
                "region": {"$ref": "#/components/schemas/Region"},
            },
        },
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    pet = named(api, "/components/schemas/Pet")

    region = named(api, "/components/schemas/Region")
    assert isinstance(region, ir.EnumType)
    assert region.values == ("Europe", "Middle East", "US")
    assert region.hint.explicit == "Region"
    assert region.description == "Where."
    assert prop(pet, "region").type == ir.Named(region.key)

    status_type = prop(pet, "status").type
    assert isinstance(status_type, ir.Named)
    status = api.type_by_key()[status_type.key]
    assert isinstance(status, ir.EnumType)
    assert status.values == ("available", "sold")
    assert status.base == "str"
    assert status.hint.explicit is None
    assert status.hint.context == ("Pet", "status")

    size_type = prop(pet, "size").type
    assert isinstance(size_type, ir.Named)
    size = api.type_by_key()[size_type.key]
    assert isinstance(size, ir.EnumType) and size.values == (1, 2, 3) and size.base == "int"


def test_an_untyped_enum_or_const_is_typed_by_its_values(tmp_path: Path) -> None:
    properties = {
        "flag": {"enum": [True, False]},
        "ratio": {"enum": [0.5, 1]},
        "mixed": {"enum": [True, 2, None]},
        "on": {"const": True},
        "shapes": {"enum": [{"a": 1}, 2]},
    }
    api = build(tmp_path, spec("3.1.0", schemas={"Item": {"type": "object", "properties": properties}}))
    item = named(api, "/components/schemas/Item")
    boolean, integer, number = (ir.Primitive(name) for name in ("bool", "int", "float"))
    assert prop(item, "flag").type == boolean
    assert prop(item, "ratio").type == number
    assert prop(item, "mixed").type == ir.Nullable(ir.UnionOf((boolean, integer)))
    assert prop(item, "on").type == boolean
    assert prop(item, "shapes").type == ir.ANY  # an object among the values: no one type


# -- recursion ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_recursive_schema_is_a_reference_to_itself(tmp_path: Path, version: str) -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                "parent": {"$ref": "#/components/schemas/Node"},
            },
        }
    }
    api = build(tmp_path, spec(version, schemas=schemas))
    node = named(api, "/components/schemas/Node")
    assert isinstance(node, ir.ObjectType)
    assert prop(node, "children").type == ir.ListOf(ir.Named(node.key))
    assert prop(node, "parent").type == ir.Named(node.key)
    assert [t.key for t in api.types] == [node.key]


def test_mutually_recursive_schemas_reference_each_other(tmp_path: Path) -> None:
    schemas = {
        "Folder": {"type": "object", "properties": {"files": {"type": "array", "items": {"$ref": "#/components/schemas/File"}}}},
        "File": {"type": "object", "properties": {"folder": {"$ref": "#/components/schemas/Folder"}}},
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    folder = named(api, "/components/schemas/Folder")
    file = named(api, "/components/schemas/File")
    assert prop(folder, "files").type == ir.ListOf(ir.Named(file.key))
    assert prop(file, "folder").type == ir.Named(folder.key)


def test_recursive_union_through_an_array_is_a_reference_to_itself(tmp_path: Path) -> None:
    schemas = {
        "JsonValue": {
            "oneOf": [
                {"type": "string"},
                {"type": "number"},
                {"type": "array", "items": {"$ref": "#/components/schemas/JsonValue"}},
            ]
        }
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    value = named(api, "/components/schemas/JsonValue")
    assert isinstance(value, ir.AliasType) and isinstance(value.target, ir.UnionOf)
    assert ir.ListOf(ir.Named(value.key)) in value.target.variants


# -- defaults and constraints ---------------------------------------------------------------


def test_defaults_and_constraints_are_captured(tmp_path: Path) -> None:
    schemas = {
        "Query": {
            "type": "object",
            "properties": {
                "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "code": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[A-Z]+$", "default": "AB"},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 5},
                "enabled": {"type": "boolean", "default": False},
                "note": {"type": ["string", "null"], "default": None},
                "plain": {"type": "string"},
            },
        }
    }
    api = build(tmp_path, spec("3.1.0", schemas=schemas))
    query = named(api, "/components/schemas/Query")

    limit = prop(query, "limit")
    assert limit.default == ir.Default(20)
    assert (limit.constraints.minimum, limit.constraints.maximum) == (1, 100)
    ratio = prop(query, "ratio")
    assert (ratio.constraints.exclusive_minimum, ratio.constraints.exclusive_maximum) == (0, 1)
    assert ratio.default is None
    code = prop(query, "code")
    assert code.default == ir.Default("AB")
    assert (code.constraints.min_length, code.constraints.max_length, code.constraints.pattern) == (2, 8, "^[A-Z]+$")
    tags = prop(query, "tags")
    assert (tags.constraints.min_items, tags.constraints.max_items) == (1, 5)
    # False is a default, not "no default".
    assert prop(query, "enabled").default == ir.Default(False)
    # null is a real default of a nullable value.
    assert prop(query, "note").default == ir.Default(None)
    assert prop(query, "plain").default is None
    assert prop(query, "plain").constraints == ir.NO_CONSTRAINTS
    assert dict(limit.constraints.as_items()) == {"minimum": 1, "maximum": 100}


def test_openapi_30_boolean_exclusive_bounds(tmp_path: Path) -> None:
    schemas = {
        "Range": {
            "type": "object",
            "properties": {
                "open": {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": 10, "exclusiveMaximum": True},
                "closed": {"type": "number", "minimum": 0, "exclusiveMinimum": False, "maximum": 10},
            },
        }
    }
    api = build(tmp_path, spec("3.0.3", schemas=schemas))
    range_type = named(api, "/components/schemas/Range")
    open_constraints = prop(range_type, "open").constraints
    assert open_constraints.exclusive_minimum == 0 and open_constraints.minimum is None
    assert open_constraints.exclusive_maximum == 10 and open_constraints.maximum is None
    closed = prop(range_type, "closed").constraints
    assert (closed.minimum, closed.maximum, closed.exclusive_minimum) == (0, 10, None)


def test_parameter_defaults_and_constraints_are_captured(tmp_path: Path) -> None:
    paths = {
        "/items": {
            "get": {
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 50}},
                ],
                "responses": OK,
            }
        }
    }
    api = build(tmp_path, spec("3.0.3", paths))
    params = {p.wire_name: p for p in operation(api, "GET", "/items").parameters}
    assert params["page"].default == ir.Default(1)
    assert params["page"].constraints.minimum == 1
    assert params["q"].constraints.max_length == 50
    assert params["q"].default is None


# -- error codes ---------------------------------------------------------------------------


def _error_body(code: Any, title: str) -> dict[str, Any]:
    return {"errors": [{"code": code, "title": title, "detail": "..."}]}


def test_error_codes_come_from_named_examples_of_an_error_response(tmp_path: Path) -> None:
    responses = {
        "200": {"description": "ok"},
        "422": {
            "description": "unprocessable",
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "examples": {
                        "max_participants_reached": {"value": _error_body("90032", "Maximum number of participants reached")},
                        "queue_full": {"value": _error_body(90036, "Queue full")},
                        "no_code": {"value": {"errors": [{"title": "Nothing to see"}]}},
                    },
                }
            },
        },
        "401": {
            "description": "unauthorized",
            "content": {"application/json": {"example": _error_body("10009", "Authentication failed")}},
        },
    }
    api = build(tmp_path, spec("3.1.0", {"/conferences": {"post": {"operationId": "create", "responses": responses}}}))
    by_status = {r.status: r for r in operation(api, "POST", "/conferences").responses}

    assert by_status["200"].error_codes == ()
    codes = {c.code: c for c in by_status["422"].error_codes}
    assert set(codes) == {"90032", "90036"}
    assert codes["90032"].hint == "max_participants_reached"
    assert codes["90032"].title == "Maximum number of participants reached"
    assert codes["90036"].hint == "queue_full"
    assert all(isinstance(c.code, str) for c in codes.values())
    assert codes["90032"].pointer != codes["90036"].pointer

    unnamed = by_status["401"].error_codes
    assert [(c.code, c.hint) for c in unnamed] == [("10009", "Authentication failed")]


def test_error_codes_from_referenced_examples_and_top_level_code(tmp_path: Path) -> None:
    document = spec(
        "3.1.0",
        {
            "/things": {
                "get": {
                    "responses": {
                        "200": {"description": "ok"},
                        "404": {
                            "description": "missing",
                            "content": {
                                "application/json": {
                                    "examples": {"thing_missing": {"$ref": "#/components/examples/ThingMissing"}}
                                }
                            },
                        },
                    }
                }
            }
        },
    )
    document["components"] = {"examples": {"ThingMissing": {"value": {"code": "E404", "message": "Thing not found"}}}}
    api = build(tmp_path, document)
    response = {r.status: r for r in operation(api, "GET", "/things").responses}["404"]
    assert [(c.code, c.hint, c.title) for c in response.error_codes] == [("E404", "thing_missing", "Thing not found")]


# -- refused input ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_an_undeclared_path_parameter_is_a_required_str_argument(tmp_path: Path, fmt: str) -> None:
    paths = {
        "/things/{thing_id}/parts/{part_id}": {
            "get": {
                "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": OK,
            }
        }
    }
    (operation,) = build(tmp_path, spec("3.1.0", paths), fmt).operations
    assert [(p.wire_name, p.location, p.type, p.required) for p in operation.parameters] == [
        ("thing_id", "path", ir.Primitive("int"), True),
        ("part_id", "path", ir.Primitive("str"), True),
    ]


def test_an_optional_path_parameter_is_read_as_required(tmp_path: Path) -> None:
    paths = {"/things/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": False, "schema": {"type": "string"}}], "responses": OK}}}
    (operation,) = build(tmp_path, spec("3.0.3", paths), "yaml").operations
    assert [(p.wire_name, p.required) for p in operation.parameters] == [("id", True)]


def test_duplicate_operation_ids_keep_both_operations_the_later_named_from_its_path(tmp_path: Path) -> None:
    paths = {
        "/b": {"get": {"operationId": "listThings", "responses": OK}},
        "/a": {"get": {"operationId": "ListThings", "responses": OK}, "post": {"operationId": "listThings", "responses": OK}},
    }
    api = build(tmp_path, spec("3.1.0", paths), "yaml")
    # Path order, not the document's: /a comes first, so GET /a keeps its operationId.
    assert [(o.method, o.path, o.operation_id) for o in api.operations] == [("GET", "/a", "ListThings"), ("POST", "/a", None), ("GET", "/b", None)]
    assert sorted(n.pointer for n in api.notices) == ["/paths/~1a/post/operationId", "/paths/~1b/get/operationId"]


@pytest.mark.parametrize("status", ["20x", "600", "2xx", "OK"])
def test_invalid_status_key_is_a_spec_error(tmp_path: Path, status: str) -> None:
    paths = {"/things": {"get": {"responses": {"200": {"description": "ok"}, status: {"description": "odd"}}}}}
    with pytest.raises(SpecError) as caught:
        build(tmp_path, spec("3.1.0", paths), "yaml")
    error = caught.value
    assert repr(status) in error.message
    assert error.pointer == f"/paths/~1things/get/responses/{status}"
    assert error.line is not None


@pytest.mark.parametrize("status", ["200", "2XX", "4XX", "default", "503"])
def test_valid_status_keys_are_kept(tmp_path: Path, status: str) -> None:
    paths = {"/things": {"get": {"responses": {status: {"description": "fine"}}}}}
    api = build(tmp_path, spec("3.1.0", paths))
    assert [r.status for r in operation(api, "GET", "/things").responses] == [status]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_described_reference_is_the_referenced_type_not_a_copy(tmp_path: Path, version: str) -> None:
    # OpenAPI 3.0 ignores a $ref's siblings, so a description is added through allOf.
    schemas = {
        "Status": {"type": "string", "enum": ["open", "fixed"]},
        "Finding": {
            "type": "object",
            "properties": {
                "status": {"allOf": [{"$ref": "#/components/schemas/Status"}, {"description": "Where the finding stands."}]},
                "previous": {"allOf": [{"$ref": "#/components/schemas/Status"}, {"description": "Before.", "nullable": True}]},
                "merged": {"allOf": [{"$ref": "#/components/schemas/Status"}, {"enum": ["open"]}]},
            },
        },
    }
    api = build(tmp_path, spec(version, schemas=schemas))
    finding = named(api, "/components/schemas/Finding")
    status_key = schema_key(api, "/components/schemas/Status")
    assert prop(finding, "status").type == ir.Named(status_key)
    assert prop(finding, "status").description == "Where the finding stands."
    assert prop(finding, "previous").type == ir.Nullable(ir.Named(status_key))
    # A member that constrains is no mere description: that one stays a type of its own.
    assert prop(finding, "merged").type != ir.Named(status_key)
    hoisted = [t.key.split("#", 1)[1] for t in api.types if "/properties/" in t.key]
    assert hoisted == ["/components/schemas/Finding/properties/merged"]


def test_parameters_and_properties_carry_the_pointer_of_their_definition(tmp_path: Path) -> None:
    (tmp_path / "shared.json").write_text(
        json.dumps({"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}), encoding="utf-8"
    )
    document = spec(
        paths={
            "/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {
                    "parameters": [{"$ref": "shared.json#/Limit"}, {"$ref": "#/components/parameters/Page"}],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}},
                },
            }
        },
        schemas={"Thing": {"type": "object", "properties": {"name": {"type": "string"}, "a/b": {"$ref": "#/components/schemas/Name"}}}, "Name": {"type": "string"}},
    )
    document["components"]["parameters"] = {"Page": {"name": "page", "in": "query", "schema": {"type": "integer"}}}
    api = build(tmp_path, document)
    params = {p.wire_name: p for p in operation(api, "GET", "/things/{id}").parameters}
    root_uri = write(tmp_path, document).resolve().as_uri()
    assert (params["id"].uri, params["id"].pointer) == (root_uri, "/paths/~1things~1{id}/parameters/0")
    assert (params["page"].uri, params["page"].pointer) == (root_uri, "/components/parameters/Page")
    assert params["limit"].uri.endswith("/shared.json") and params["limit"].pointer == "/Limit"
    thing = named(api, "/components/schemas/Thing")
    assert prop(thing, "name").pointer == "/components/schemas/Thing/properties/name"
    # The property's own definition, not the schema its $ref leads to.
    assert prop(thing, "a/b").pointer == "/components/schemas/Thing/properties/a~1b"
    assert prop(thing, "a/b").uri == root_uri


def test_enum_member_names_the_spec_gives_are_hints_aligned_with_the_values(tmp_path: Path) -> None:
    api = build(
        tmp_path,
        spec(
            schemas={
                "Level": {"type": "string", "enum": ["lo", None, "hi", "lo"], "x-enum-varnames": ["Low", "Nothing", "High", "Again"]},
                "Mismatched": {"type": "string", "enum": ["a", "b"], "x-enumNames": ["Only one"]},
                "Titled": {"oneOf": [{"const": 1, "title": "One"}, {"const": 2}]},
                "Mixed": {"oneOf": [{"const": "a", "title": "A"}, {"type": "string", "title": "Anything"}]},
            }
        ),
    )
    level = named(api, "/components/schemas/Level")
    assert isinstance(level, ir.EnumType)
    assert (level.values, level.member_hints) == (("lo", "hi"), ("Low", "High"))  # null and the repeat dropped
    mismatched = named(api, "/components/schemas/Mismatched")
    assert isinstance(mismatched, ir.EnumType) and mismatched.member_hints == ()  # not one name per value: ignored
    titled = named(api, "/components/schemas/Titled")
    assert isinstance(titled, ir.EnumType)
    assert (titled.values, titled.member_hints, titled.base) == ((1, 2), ("One", None), "int")
    # A variant that is not a constant keeps the union.
    mixed = named(api, "/components/schemas/Mixed")
    assert isinstance(mixed, ir.AliasType) and isinstance(mixed.target, ir.UnionOf)


def test_defaults_carry_their_parsed_value_and_unusable_ones_are_dropped(tmp_path: Path) -> None:
    import datetime

    document = spec(
        paths={
            "/days": {
                "get": {
                    "parameters": [{"name": "since", "in": "query", "schema": {"type": "string", "format": "date", "default": "2024-01-01"}}],
                    "responses": OK,
                }
            }
        },
        schemas={
            "Thing": {
                "type": "object",
                "properties": {
                    "on": {"type": "string", "format": "date", "default": "2024-02-29"},
                    "at": {"type": ["string", "null"], "format": "date-time", "default": "2024-02-29T12:30:00Z"},
                    "local": {"type": "string", "format": "date-time", "default": "2024-02-29T12:30:00"},
                    "not_a_day": {"type": "string", "format": "date", "default": "2023-02-29"},
                    "too_small": {"type": "integer", "minimum": 1, "default": 0},
                    "too_long": {"type": "string", "maxLength": 2, "default": "abc"},
                    "either": {"anyOf": [{"type": "string"}, {"type": "integer"}], "default": 5},
                    "untyped": {"default": [1, "a"]},
                },
            }
        },
    )
    api = build(tmp_path, document)
    thing = named(api, "/components/schemas/Thing")
    assert prop(thing, "on").default == ir.Default("2024-02-29", datetime.date(2024, 2, 29))
    assert prop(thing, "at").default == ir.Default("2024-02-29T12:30:00Z", datetime.datetime(2024, 2, 29, 12, 30, tzinfo=datetime.timezone.utc))
    assert prop(thing, "local").default == ir.Default("2024-02-29T12:30:00", datetime.datetime(2024, 2, 29, 12, 30))
    assert prop(thing, "not_a_day").default is None  # no such day: dropped
    # Of the right type but outside the schema's range or length: kept (the validator warns).
    assert prop(thing, "too_small").default == ir.Default(0)
    assert prop(thing, "too_long").default == ir.Default("abc")
    assert prop(thing, "either").default == ir.Default(5)
    assert prop(thing, "untyped").default == ir.Default([1, "a"])
    assert ir.Default(5).parsed == 5
    (since,) = operation(api, "GET", "/days").parameters
    assert since.default == ir.Default("2024-01-01", datetime.date(2024, 1, 1))


def test_prefix_items_are_a_list_of_the_union_of_the_positions(tmp_path: Path) -> None:
    pair_api = build(
        tmp_path,
        spec(
            schemas={
                "Leaf": {"type": "object", "properties": {"value": {"type": "string"}}},
                "Holder": {
                    "type": "object",
                    "properties": {
                        "pair": {"type": "array", "prefixItems": [{"$ref": "#/components/schemas/Leaf"}, {"type": "string"}]},
                        "open": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": ["integer", "null"]}},
                        "same": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}], "items": False},
                        "any": {"type": "array", "prefixItems": [{"type": "string"}], "items": True},
                        "draft7": {"type": "array", "items": [{"type": "boolean"}], "additionalItems": {"type": "string"}},
                    },
                }
            }
        ),
    )
    holder = named(pair_api, "/components/schemas/Holder")
    pair_leaf = ir.Named(schema_key(pair_api, "/components/schemas/Leaf"))
    assert prop(holder, "pair").type == ir.ListOf(ir.UnionOf((pair_leaf, ir.Primitive("str"))))
    assert prop(holder, "open").type == ir.ListOf(ir.Nullable(ir.UnionOf((ir.Primitive("str"), ir.Primitive("int")))))
    assert prop(holder, "same").type == ir.ListOf(ir.Primitive("float"))
    assert prop(holder, "any").type == ir.ListOf(ir.ANY)
    assert prop(holder, "draft7").type == ir.ListOf(ir.UnionOf((ir.Primitive("bool"), ir.Primitive("str"))))


def test_a_property_keyed_by_a_yaml_number_is_named_by_its_text(tmp_path: Path) -> None:
    schemas = {"Codes": {"type": "object", "properties": {200: {"type": "string"}, "~a/b": {"$ref": "#/components/schemas/Item"}}}, "Item": {"type": "integer", "readOnly": True}}
    codes = named(build(tmp_path, spec("3.1.0", schemas=schemas), "yaml"), "/components/schemas/Codes")
    assert prop(codes, "200").type == ir.Primitive("str")
    assert prop(codes, "200").pointer == "/components/schemas/Codes/properties/200"
    escaped = prop(codes, "~a/b")
    assert escaped.pointer == "/components/schemas/Codes/properties/~0a~1b"
    assert escaped.type == ir.Primitive("int") and escaped.read_only  # the target's keywords, through the `$ref`


# -- pagination conventions ------------------------------------------------------------------

_ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}


def _list_operation(page: dict[str, Any], params: dict[str, str], headers: tuple[str, ...] = ()) -> dict[str, Any]:
    """A GET whose 200 answers `page` (an object's properties, or a list schema), with query parameters of `params`' types."""
    schema = page if page.get("type") == "array" else {"type": "object", "properties": page}
    response: dict[str, Any] = {"description": "A page.", "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = {name: {"schema": {"type": "string"}} for name in headers}
    parameters = [{"name": name, "in": "query", "schema": {"type": kind}} for name, kind in params.items()]
    return {"/things": {"get": {"operationId": "ListThings", "parameters": parameters, "responses": {"200": response}}}}


@pytest.mark.parametrize(
    ("page", "params", "headers", "expected"),
    [
        ({"items": {"type": "array", "items": _ITEM}, "nextPageToken": {"type": "string"}}, {"pageToken": "string"}, (), ("cursor", "items", "pageToken", ("nextPageToken",))),
        ({"Items": {"type": "array", "items": _ITEM}, "NextToken": {"type": "string"}}, {"NextToken": "string"}, (), ("cursor", "Items", "NextToken", ("NextToken",))),
        ({"members": {"type": "array", "items": _ITEM}, "response_metadata": {"type": "object", "properties": {"next_cursor": {"type": "string"}}}}, {"cursor": "string"}, (), ("cursor", "members", "cursor", ("response_metadata", "next_cursor"))),
        ({"results": {"type": "array", "items": _ITEM}, "next_cursor": {"type": "string"}}, {"start_cursor": "string"}, (), ("cursor", "results", "start_cursor", ("next_cursor",))),
        # A link is no cursor of a parameter named as its rest, and a `token` parameter may be a credential.
        ({"data": {"type": "array", "items": _ITEM}, "next_url": {"type": "string"}}, {"url": "string"}, (), ("next_link", "data", None, ("next_url",))),
        ({"items": {"type": "array", "items": _ITEM}, "nextPageToken": {"type": "string"}}, {"token": "string"}, (), None),
        ({"value": {"type": "array", "items": _ITEM}, "nextLink": {"type": "string"}}, {}, (), ("next_link", "value", None, ("nextLink",))),
        ({"data": {"type": "array", "items": _ITEM}, "has_more": {"type": "boolean"}}, {"starting_after": "string", "limit": "integer"}, (), ("after_last", "data", "starting_after", ("has_more",))),
        ({"data": {"type": "array", "items": {"type": "string"}}, "has_more": {"type": "boolean"}}, {"starting_after": "string"}, (), None),
        ({"results": {"type": "array", "items": _ITEM}, "totalCount": {"type": "integer"}}, {"offset": "integer", "limit": "integer"}, (), ("offset", "results", "offset", ("totalCount",))),
        ({"results": {"type": "array", "items": _ITEM}}, {"offset": "integer"}, (), None),
        ({"type": "array", "items": _ITEM}, {"page": "integer"}, ("Link",), ("link_header", None, None, ())),
        ({"type": "array", "items": _ITEM}, {"page": "integer"}, (), None),
        ({"total_count": {"type": "integer"}, "runs": {"type": "array", "items": _ITEM}}, {"page": "integer"}, ("link",), ("link_header", "runs", None, ())),
    ],
    ids=["google", "aws", "slack", "notion", "link-not-cursor", "token-credential", "azure", "stripe", "stripe-without-ids", "offset", "offset-without-total", "link-header", "list-alone", "link-header-object"],
)
def test_pagination_conventions(tmp_path: Path, page: dict[str, Any], params: dict[str, str], headers: tuple[str, ...], expected: tuple[Any, ...] | None) -> None:
    paging = operation(build(tmp_path, spec(paths=_list_operation(page, params, headers))), "GET", "/things").pagination
    if expected is None:
        assert paging is None
        return
    assert paging is not None
    style, items, parameter, path = expected
    assert (paging.style, paging.items, paging.parameter) == (style, items, parameter)
    assert path == {"cursor": paging.token, "next_link": paging.link, "after_last": paging.has_more, "offset": paging.total_items, "link_header": ()}[style]

"""The review of a spec change (`sdkwright diff`), each verdict on a small spec pair of its own:
oasdiff's rules where the SDK gives no reason to differ, callbacks as parts of their operations,
shared changes said once, public SDK names that move, the report's size and its semver advice."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml

from conftest import run_cli
from generator.diff.compare import Change, Report, diff_sides
from generator.diff.sources import build_side, load_source


def spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }
    for key, value in extra.items():
        if key in ("callbacks", "responses", "parameters"):
            document["components"][key] = value
        else:
            document[key] = value
    return document


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def ok(schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"200": {"description": "OK", **(json_body(schema) if schema is not None else {})}}


def write(folder: Path, name: str, document: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def review(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> Report:
    before, after = write(tmp_path, "old.yml", old), write(tmp_path, "new.yml", new)
    return diff_sides(build_side(load_source(str(before))), build_side(load_source(str(after))))


def kinds(report: Report) -> list[tuple[str, str]]:
    return [(c.kind, c.severity) for c in report.changes]


ITEM = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}


# -- verdicts -------------------------------------------------------------------------------


def test_an_inline_schema_moved_to_a_component_with_the_same_shape_is_not_retyped(tmp_path: Path) -> None:
    old = spec({"/items": {"get": {"operationId": "listItems", "responses": ok({"type": "array", "items": ITEM})},
                           "post": {"operationId": "createItem", "requestBody": json_body(ITEM), "responses": ok(ITEM)}}})
    ref = {"$ref": "#/components/schemas/Item"}
    new = spec({"/items": {"get": {"operationId": "listItems", "responses": ok({"type": "array", "items": ref})},
                           "post": {"operationId": "createItem", "requestBody": json_body(ref), "responses": ok(ref)}}},
               {"Item": ITEM})
    report = review(tmp_path, old, new)
    assert "retyped" not in {c.kind for c in report.changes}, kinds(report)
    wire = [c for c in report.changes if not c.kind.startswith("sdk-")]
    assert [c for c in wire if c.severity == "breaking"] == [], kinds(report)
    assert ("type-added", "non-breaking") in kinds(report)


def test_a_moved_schema_that_also_changed_reports_the_change_not_a_retype(tmp_path: Path) -> None:
    old = spec({"/items": {"post": {"operationId": "createItem", "requestBody": json_body(ITEM), "responses": ok()}}})
    moved = copy.deepcopy(ITEM)
    moved["required"] = ["id", "name"]
    new = spec({"/items": {"post": {"operationId": "createItem", "requestBody": json_body({"$ref": "#/components/schemas/Item"}), "responses": ok()}}},
               {"Item": moved})
    report = review(tmp_path, old, new)
    assert "retyped" not in {c.kind for c in report.changes}, kinds(report)
    made = [c for c in report.changes if c.kind == "made-required"]
    assert [(c.severity, c.pointer, c.operation) for c in made] == [("breaking", "/components/schemas/Item/properties/name", "POST /items")]


def test_a_request_default_added_or_removed_is_not_breaking(tmp_path: Path) -> None:
    def with_default(default: Any | None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer"}
        body: dict[str, Any] = {"type": "object", "properties": {"size": {"type": "integer"}}}
        if default is not None:
            schema["default"] = default
            body["properties"]["size"]["default"] = default
        return spec({"/items": {"post": {"operationId": "createItem", "parameters": [{"name": "limit", "in": "query", "schema": schema}],
                                         "requestBody": json_body(body), "responses": ok()}}})

    added = review(tmp_path, with_default(None), with_default(10))
    removed = review(tmp_path, with_default(10), with_default(None))
    changed = review(tmp_path, with_default(10), with_default(20))
    assert sorted(kinds(added)) == [("default-added", "non-breaking")] * 2
    assert sorted(kinds(removed)) == [("default-removed", "non-breaking")] * 2
    # A default that changes still breaks: the SDK sends its default, so callers send another value.
    assert sorted(kinds(changed)) == [("default-changed", "breaking")] * 2


def test_a_response_that_gains_a_body_is_not_breaking(tmp_path: Path) -> None:
    old = spec({"/items": {"post": {"operationId": "createItem", "responses": ok()}}})
    new = spec({"/items": {"post": {"operationId": "createItem", "responses": ok(ITEM)}}})
    assert [k for k in kinds(review(tmp_path, old, new)) if not k[0].startswith("sdk-")] == [("response-body-added", "non-breaking")]
    assert ("response-body-removed", "breaking") in kinds(review(tmp_path, new, old))


def test_a_request_type_widened_to_a_union_that_contains_it_is_not_breaking(tmp_path: Path) -> None:
    def document(query: dict[str, Any], field: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
        body = {"type": "object", "properties": {"item": field}}
        return spec({"/items": {"post": {"operationId": "createItem", "parameters": [{"name": "q", "in": "query", "schema": query}],
                                         "requestBody": json_body(body), "responses": ok()}}}, schemas)

    old = document({"type": "string"}, {"$ref": "#/components/schemas/Item"}, {"Item": ITEM})
    # The query parameter inline, the field through a union that is a component of its own.
    new = document({"oneOf": [{"type": "string"}, {"type": "integer"}]}, {"$ref": "#/components/schemas/AnyItem"},
                   {"Item": ITEM, "Other": {"type": "object", "properties": {"code": {"type": "string"}}},
                    "AnyItem": {"oneOf": [{"$ref": "#/components/schemas/Item"}, {"$ref": "#/components/schemas/Other"}]}})
    report = review(tmp_path, old, new)
    wire = [c for c in report.changes if not c.kind.startswith("sdk-")]
    assert [c for c in wire if c.severity == "breaking"] == [], kinds(report)
    assert sorted(c.kind for c in wire if c.kind == "union-variant-added") == ["union-variant-added"] * 2, kinds(report)
    # Narrowed back, a request type breaks.
    assert ("union-variant-removed", "breaking") in kinds(review(tmp_path, new, old))


def test_error_codes_from_examples_are_documentation(tmp_path: Path) -> None:
    def document(codes: list[str]) -> dict[str, Any]:
        error = {"type": "object", "properties": {"code": {"type": "string"}}}
        examples = {f"e{code}": {"value": {"code": code}} for code in codes}
        response = {"description": "Bad", "content": {"application/json": {"schema": error, "examples": examples}}}
        return spec({"/items": {"post": {"operationId": "createItem", "responses": {**ok(), "400": response}}}})

    report = review(tmp_path, document(["1001", "1002"]), document(["1002", "1003"]))
    wire = [c for c in report.changes if not c.kind.startswith("sdk-")]
    assert sorted((c.kind, c.severity) for c in wire) == [("error-code-added", "docs"), ("error-code-removed", "docs")]
    assert report.breaking == ()


def test_the_default_base_url_changing_is_breaking(tmp_path: Path) -> None:
    old = spec({"/items": {"get": {"operationId": "listItems", "responses": ok()}}})
    new = copy.deepcopy(old)
    new["servers"] = [{"url": "https://{region}.example.com/v2", "variables": {"region": {"default": "eu"}}}]
    report = review(tmp_path, old, new)
    assert [(c.kind, c.severity, c.old, c.new) for c in report.changes] == [
        ("base-url-changed", "breaking", "https://api.example.com", "https://eu.example.com/v2")
    ]
    # Another server offered beside the default one changes no default.
    more = copy.deepcopy(old)
    more["servers"].append({"url": "https://sandbox.example.com"})
    assert kinds(review(tmp_path, old, more)) == [("server-changed", "non-breaking")]


def test_a_response_enum_value_added_is_not_breaking_a_request_one_removed_is(tmp_path: Path) -> None:
    def document(values: list[str]) -> dict[str, Any]:
        return spec({"/items": {"get": {"operationId": "listItems", "responses": ok({"$ref": "#/components/schemas/State"})},
                                "post": {"operationId": "createItem", "requestBody": json_body({"$ref": "#/components/schemas/Kind"}), "responses": ok()}}},
                    {"State": {"type": "string", "enum": values}, "Kind": {"type": "string", "enum": values}})

    report = review(tmp_path, document(["a", "b"]), document(["a", "b", "c"]))
    # The SDK keeps a value it does not know (enums are open), so a new response value breaks no one.
    assert sorted(kinds(report)) == [("enum-value-added", "non-breaking")] * 2
    assert report.bump == "minor"
    removed = review(tmp_path, document(["a", "b"]), document(["a"]))
    wire = sorted((c.kind, c.severity, c.pointer) for c in removed.changes if not c.kind.startswith("sdk-"))
    assert wire == [("enum-value-removed", "breaking", "/components/schemas/Kind/enum"), ("enum-value-removed", "non-breaking", "/components/schemas/State/enum")]
    # ... but a member users could name (`State.B`) is gone: the SDK breaks though the wire does not.
    sdk = [(c.kind, c.severity, c.old) for c in removed.changes if c.kind.startswith("sdk-")]
    assert sdk == [("sdk-symbol-removed", "breaking", "State.B")]


# -- callbacks and shared places ------------------------------------------------------------


def _with_callback(event: dict[str, Any], subscribed: tuple[str, ...] = ("createOrder", "createRefund")) -> dict[str, Any]:
    callback = {"{$request.body#/callbackUrl}": {"post": {"requestBody": json_body({"$ref": "#/components/schemas/Event"}), "responses": ok()}}}
    paths: dict[str, Any] = {}
    for operation_id in ("createOrder", "createRefund", "listOrders"):
        operation: dict[str, Any] = {"operationId": operation_id, "responses": ok()}
        if operation_id in subscribed:
            operation["callbacks"] = {"onEvent": {"$ref": "#/components/callbacks/onEvent"}}
        paths[f"/{operation_id}"] = {"post": operation}
    return spec(paths, {"Event": event}, callbacks={"onEvent": callback})


EVENT = {"type": "object", "properties": {"id": {"type": "string"}, "state": {"type": "string"}}}


def test_a_change_in_a_callback_payload_names_every_operation_that_declares_it(tmp_path: Path) -> None:
    changed = copy.deepcopy(EVENT)
    changed["properties"]["state"] = {"type": "integer"}
    report = review(tmp_path, _with_callback(EVENT), _with_callback(changed))
    retyped = [c for c in report.changes if c.kind == "retyped"]
    assert len(retyped) == 1, kinds(report)
    assert retyped[0].used_by == ("POST /createOrder", "POST /createRefund")
    assert retyped[0].severity == "breaking"  # the SDK parses a callback it receives: a response


def test_a_callback_added_to_or_removed_from_an_operation_is_a_change_of_that_operation(tmp_path: Path) -> None:
    one, two = _with_callback(EVENT, ("createOrder",)), _with_callback(EVENT)
    added = [c for c in review(tmp_path, one, two).changes if c.kind.startswith("callback-")]
    removed = [c for c in review(tmp_path, two, one).changes if c.kind.startswith("callback-")]
    assert [(c.kind, c.severity, c.operation) for c in added] == [("callback-added", "non-breaking", "POST /createRefund")]
    assert [(c.kind, c.severity, c.operation) for c in removed] == [("callback-removed", "breaking", "POST /createRefund")]


def test_a_change_to_a_shared_response_is_said_once_with_its_users(tmp_path: Path) -> None:
    def document(description: str, limit: int) -> dict[str, Any]:
        paths = {
            f"/{name}": {"get": {"operationId": name, "parameters": [{"$ref": "#/components/parameters/Limit"}],
                                 "responses": {**ok(), "404": {"$ref": "#/components/responses/NotFound"}}}}
            for name in ("listA", "listB", "listC")
        }
        return spec(paths, responses={"NotFound": {"description": description}},
                    parameters={"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": limit}}})

    report = review(tmp_path, document("Not found.", 100), document("Nothing there.", 50))
    assert sorted((c.kind, c.pointer, c.operation, c.used_by) for c in report.changes) == [
        ("constraint-narrowed", "/components/parameters/Limit/schema/maximum", None, ("GET /listA", "GET /listB", "GET /listC")),
        ("docs-changed", "/components/responses/NotFound", None, ("GET /listA", "GET /listB", "GET /listC")),
    ]
    assert report.counts()["breaking"] == 1

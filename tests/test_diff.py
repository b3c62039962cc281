"""`sdkwright diff`: every kind of change with its severity and place, the three output formats,
the sources (path, http URL, git:REV:PATH) and the SDK's symbol changes."""

from __future__ import annotations

import copy
import http.server
import json
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run_cli
from generator.diff.compare import KINDS, Report, diff_documents, diff_sides
from generator.diff.sdk import sdk_changes
from generator.diff.sources import build_side, load_source

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1.0", "description": "Pets to adopt."},
    "servers": [{"url": "https://api.example.com"}],
    "security": [{"bearer": []}],
    "tags": [{"name": "pets", "description": "Pets."}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Color": {"type": "string", "enum": ["red", "green"]},
            "Status": {"type": "string", "enum": ["alive", "dead"]},
            "Kind": {"type": "string", "enum": ["cat", "dog"]},
            "Unused": {"type": "object", "properties": {"x": {"type": "string"}}},
            "Pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string", "maxLength": 50, "description": "The name."},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "tag": {"type": ["string", "null"]},
                    "owner": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                },
            },
            "NewPet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 50},
                    "kind": {"$ref": "#/components/schemas/Kind"},
                    "age": {"type": "integer", "minimum": 0, "default": 1},
                    "nickname": {"type": "string"},
                },
            },
            "Error": {
                "type": "object",
                "properties": {"errors": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}}}}},
            },
        },
    },
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "summary": "List pets.",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                    {"name": "color", "in": "query", "schema": {"$ref": "#/components/schemas/Color"}},
                ],
                "responses": {
                    "200": {
                        "description": "The pets.",
                        "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}},
                    }
                },
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewPet"}}}},
                "responses": {
                    "201": {"description": "Created.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                    "422": {
                        "description": "Invalid.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Error"},
                                "examples": {"too_long": {"value": {"errors": [{"code": "1001", "title": "Name too long"}]}}},
                            }
                        },
                    },
                },
            },
        }
    },
    "webhooks": {
        "petAdopted": {
            "post": {
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
}

SCHEMAS = ("components", "schemas")
GET = ("paths", "/pets", "get")
POST = ("paths", "/pets", "post")


def at(spec: dict[str, Any], *path: str | int) -> Any:
    node: Any = spec
    for token in path:
        node = node[token]
    return node


def write(folder: Path, name: str, spec: dict[str, Any]) -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def report_of(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Report:
    new = copy.deepcopy(BASE)
    change(new)
    old_path, new_path = write(tmp_path, "old.yml", BASE), write(tmp_path, "new.yml", new)
    return diff_documents(load_source(str(old_path)), load_source(str(new_path)))


def _set(*path: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        at(spec, *path[:-1])[path[-1]] = value

    return change


def _delete(*path: str | int) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        del at(spec, *path[:-1])[path[-1]]

    return change


def _append(*path: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        at(spec, *path).append(value)

    return change


def _remove(*path: str | int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        at(spec, *path).remove(value)

    return change


NEW_OPERATION = {"operationId": "getPet", "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}], "responses": {"204": {"description": "ok"}}}
ERROR_EXAMPLE = {"value": {"errors": [{"code": "1002", "title": "Name taken"}]}}
P_NEWPET = "/components/schemas/NewPet"
P_PET = "/components/schemas/Pet"
P_GET = "/paths/~1pets/get"
P_POST = "/paths/~1pets/post"

# (id, change, kind, severity, operation, pointer of the change)
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str, str | None, str]] = [
    ("operation added", _set("paths", "/pets/{id}", value={"get": NEW_OPERATION}), "operation-added", "non-breaking", "GET /pets/{id}", "/paths/~1pets~1{id}/get"),
    ("operation removed", _delete(*POST), "operation-removed", "breaking", "POST /pets", P_POST),
    ("operation renamed", _set(*GET, "operationId", value="findPets"), "operation-renamed", "breaking", "GET /pets", P_GET),
    ("operation regrouped", _set(*GET, "tags", value=["animals"]), "operation-regrouped", "breaking", "GET /pets", P_GET),
    ("operation deprecated", _set(*GET, "deprecated", value=True), "operation-deprecated", "non-breaking", "GET /pets", P_GET),
    ("optional parameter added", _append(*GET, "parameters", value={"name": "q", "in": "query", "schema": {"type": "string"}}), "parameter-added", "non-breaking", "GET /pets", P_GET + "/parameters/2"),
    ("required parameter added", _append(*GET, "parameters", value={"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}), "parameter-added", "breaking", "GET /pets", P_GET + "/parameters/2"),
    ("parameter removed", _delete(*GET, "parameters", 0), "parameter-removed", "breaking", "GET /pets", P_GET + "/parameters/0"),
    ("parameter made required", _set(*GET, "parameters", 0, "required", value=True), "made-required", "breaking", "GET /pets", P_GET + "/parameters/0"),
    ("parameter retyped", _set(*GET, "parameters", 0, "schema", "type", value="string"), "retyped", "breaking", "GET /pets", P_GET + "/parameters/0/schema"),
    ("parameter maximum narrowed", _set(*GET, "parameters", 0, "schema", "maximum", value=50), "constraint-narrowed", "breaking", "GET /pets", P_GET + "/parameters/0/schema/maximum"),
    ("parameter maximum widened", _set(*GET, "parameters", 0, "schema", "maximum", value=500), "constraint-widened", "non-breaking", "GET /pets", P_GET + "/parameters/0/schema/maximum"),
    ("parameter default added", _set(*GET, "parameters", 0, "schema", "default", value=10), "default-added", "non-breaking", "GET /pets", P_GET + "/parameters/0"),
    ("parameter serialization changed", _set(*GET, "parameters", 0, "explode", value=False), "parameter-serialization-changed", "non-breaking", "GET /pets", P_GET + "/parameters/0"),
    ("parameter deprecated", _set(*GET, "parameters", 0, "deprecated", value=True), "field-deprecated", "non-breaking", "GET /pets", P_GET + "/parameters/0"),
    ("parameter documented", _set(*GET, "parameters", 0, "description", value="At most this many."), "docs-changed", "docs", "GET /pets", P_GET + "/parameters/0"),
    ("request enum value removed", _remove(*SCHEMAS, "Color", "enum", value="green"), "enum-value-removed", "breaking", None, "/components/schemas/Color/enum"),
    ("request enum value added", _append(*SCHEMAS, "Kind", "enum", value="bird"), "enum-value-added", "non-breaking", None, "/components/schemas/Kind/enum"),
    ("response enum value added", _append(*SCHEMAS, "Status", "enum", value="missing"), "enum-value-added", "non-breaking", None, "/components/schemas/Status/enum"),
    ("response enum value removed", _remove(*SCHEMAS, "Status", "enum", value="dead"), "enum-value-removed", "non-breaking", None, "/components/schemas/Status/enum"),
    ("optional request field added", _set(*SCHEMAS, "NewPet", "properties", "color", value={"type": "string"}), "field-added", "non-breaking", None, P_NEWPET + "/properties/color"),
    ("required request field added", lambda s: (_set(*SCHEMAS, "NewPet", "properties", "color", value={"type": "string"})(s), _append(*SCHEMAS, "NewPet", "required", value="color")(s)), "field-added", "breaking", None, P_NEWPET + "/properties/color"),
    ("request field removed", _delete(*SCHEMAS, "NewPet", "properties", "nickname"), "field-removed", "breaking", None, P_NEWPET + "/properties/nickname"),
    ("request field made optional", _set(*SCHEMAS, "NewPet", "required", value=[]), "made-optional", "non-breaking", None, P_NEWPET + "/properties/name"),
    ("request field made required", _append(*SCHEMAS, "NewPet", "required", value="nickname"), "made-required", "breaking", None, P_NEWPET + "/properties/nickname"),
    ("request field made nullable", _set(*SCHEMAS, "NewPet", "properties", "nickname", "type", value=["string", "null"]), "made-nullable", "non-breaking", None, P_NEWPET + "/properties/nickname"),
    ("request field length narrowed", _set(*SCHEMAS, "NewPet", "properties", "name", "minLength", value=3), "constraint-narrowed", "breaking", None, P_NEWPET + "/properties/name/minLength"),
    ("request field pattern added", _set(*SCHEMAS, "NewPet", "properties", "name", "pattern", value="^[a-z]+$"), "constraint-narrowed", "breaking", None, P_NEWPET + "/properties/name/pattern"),
    ("request field minimum widened", _delete(*SCHEMAS, "NewPet", "properties", "age", "minimum"), "constraint-widened", "non-breaking", None, P_NEWPET + "/properties/age/minimum"),
    ("request field default changed", _set(*SCHEMAS, "NewPet", "properties", "age", "default", value=2), "default-changed", "breaking", None, P_NEWPET + "/properties/age"),
    ("request field default removed", _delete(*SCHEMAS, "NewPet", "properties", "age", "default"), "default-removed", "non-breaking", None, P_NEWPET + "/properties/age"),
    ("request field made read-only", _set(*SCHEMAS, "NewPet", "properties", "nickname", "readOnly", value=True), "field-access-changed", "breaking", None, P_NEWPET + "/properties/nickname"),
    ("response field added", _set(*SCHEMAS, "Pet", "properties", "born", value={"type": "string", "format": "date"}), "field-added", "non-breaking", None, P_PET + "/properties/born"),
    ("response field removed", _delete(*SCHEMAS, "Pet", "properties", "tag"), "field-removed", "breaking", None, P_PET + "/properties/tag"),
    ("response field made optional", _set(*SCHEMAS, "Pet", "required", value=["id"]), "made-optional", "breaking", None, P_PET + "/properties/name"),
    ("response field made required", _set(*SCHEMAS, "Pet", "required", value=["id", "name", "status"]), "made-required", "non-breaking", None, P_PET + "/properties/status"),
    ("response field made nullable", _set(*SCHEMAS, "Pet", "properties", "name", "type", value=["string", "null"]), "made-nullable", "breaking", None, P_PET + "/properties/name"),
    ("response field no longer nullable", _set(*SCHEMAS, "Pet", "properties", "tag", "type", value="string"), "made-non-nullable", "non-breaking", None, P_PET + "/properties/tag"),
    ("response field retyped", _set(*SCHEMAS, "Pet", "properties", "id", "type", value="string"), "retyped", "breaking", None, P_PET + "/properties/id"),
    ("response field length narrowed", _set(*SCHEMAS, "Pet", "properties", "name", "maxLength", value=20), "constraint-narrowed", "non-breaking", None, P_PET + "/properties/name/maxLength"),
    ("response field documented", _set(*SCHEMAS, "Pet", "properties", "name", "description", value="What it answers to."), "docs-changed", "docs", None, P_PET + "/properties/name"),
    ("response union variant added", _append(*SCHEMAS, "Pet", "properties", "owner", "oneOf", value={"type": "boolean"}), "union-variant-added", "breaking", None, P_PET + "/properties/owner"),
    ("response union variant removed", _delete(*SCHEMAS, "Pet", "properties", "owner", "oneOf", 1), "union-variant-removed", "non-breaking", None, P_PET + "/properties/owner"),
    ("request body removed", _delete(*POST, "requestBody"), "body-removed", "breaking", "POST /pets", P_POST + "/requestBody"),
    ("request body added", _set(*GET, "requestBody", value={"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}), "body-added", "breaking", "GET /pets", P_GET + "/requestBody"),
    ("request body made optional", _set(*POST, "requestBody", "required", value=False), "made-optional", "non-breaking", "POST /pets", P_POST + "/requestBody"),
    ("request media type changed", lambda s: at(s, *POST, "requestBody", "content").update({"application/x-www-form-urlencoded": at(s, *POST, "requestBody", "content").pop("application/json")}), "media-type-changed", "non-breaking", "POST /pets", P_POST + "/requestBody"),
    ("status added", _set(*GET, "responses", "404", value={"description": "Not found."}), "status-added", "non-breaking", "GET /pets", P_GET + "/responses/404"),
    ("status removed", _delete(*POST, "responses", "422"), "status-removed", "breaking", "POST /pets", P_POST + "/responses/422"),
    ("error code added", _set(*POST, "responses", "422", "content", "application/json", "examples", "taken", value=ERROR_EXAMPLE), "error-code-added", "docs", "POST /pets", P_POST + "/responses/422"),
    ("error code removed", _delete(*POST, "responses", "422", "content", "application/json", "examples"), "error-code-removed", "docs", "POST /pets", P_POST + "/responses/422"),
    ("response loses its body", _set(*POST, "responses", "201", value={"description": "Created."}), "response-body-removed", "breaking", "POST /pets", P_POST + "/responses/201"),
    ("response retyped", _set(*GET, "responses", "200", "content", "application/json", "schema", "items", value={"type": "string"}), "retyped", "breaking", "GET /pets", P_GET + "/responses/200/content/application~1json/schema/items"),
    ("response documented", _set(*GET, "responses", "200", "description", value="All pets."), "docs-changed", "docs", "GET /pets", P_GET + "/responses/200"),
    ("summary changed", _set(*GET, "summary", value="Lists pets."), "docs-changed", "docs", "GET /pets", P_GET),
    ("webhook added", _set("webhooks", "petReturned", value=copy.deepcopy(BASE["webhooks"]["petAdopted"])), "webhook-added", "non-breaking", None, "/webhooks/petReturned/post"),
    ("webhook removed", _delete("webhooks", "petAdopted"), "webhook-removed", "breaking", None, "/webhooks/petAdopted/post"),
    ("type added", _set(*SCHEMAS, "Toy", value={"type": "object", "properties": {"n": {"type": "string"}}}), "type-added", "non-breaking", None, "/components/schemas/Toy"),
    ("type removed", _delete(*SCHEMAS, "Unused"), "type-removed", "breaking", None, "/components/schemas/Unused"),
    ("security scheme added", _set("components", "securitySchemes", "key", value={"type": "apiKey", "in": "header", "name": "X-Key"}), "security-scheme-added", "non-breaking", None, "/components/securitySchemes/key"),
    ("security scheme changed", _set("components", "securitySchemes", "bearer", "scheme", value="basic"), "security-scheme-changed", "breaking", None, "/components/securitySchemes/bearer"),
    ("authentication made optional", _append("security", value={}), "security-loosened", "non-breaking", None, "/security"),
    ("authentication dropped", _set("security", value=[]), "security-loosened", "non-breaking", None, "/security"),
    ("operation accepts another scheme", lambda s: (_set("components", "securitySchemes", "key", value={"type": "apiKey", "in": "header", "name": "K"})(s), _set(*GET, "security", value=[{"bearer": []}, {"key": []}])(s)), "security-loosened", "non-breaking", "GET /pets", P_GET + "/security"),
    ("operation needs another scheme", lambda s: (_set("components", "securitySchemes", "key", value={"type": "apiKey", "in": "header", "name": "K"})(s), _set(*GET, "security", value=[{"key": []}])(s)), "security-tightened", "breaking", "GET /pets", P_GET + "/security"),
    ("default base URL changed", _set("servers", 0, "url", value="https://pets.example.com"), "base-url-changed", "breaking", None, "/servers/0"),
    ("another server added", _append("servers", value={"url": "https://sandbox.example.com"}), "server-changed", "non-breaking", None, "/servers"),
    ("API version changed", _set("info", "version", value="1.1"), "docs-changed", "docs", None, "/info"),
    ("tag documented", _set("tags", 0, "description", value="Pets, all of them."), "docs-changed", "docs", None, "/tags/0"),
]


@pytest.mark.parametrize(("change", "kind", "severity", "operation", "pointer"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_each_kind_of_change(tmp_path: Path, change: Callable[[dict[str, Any]], None], kind: str, severity: str, operation: str | None, pointer: str) -> None:
    report = report_of(tmp_path, change)
    found = [(c.kind, c.severity, c.operation, c.pointer) for c in report.changes]
    assert (kind, severity, operation, pointer) in found, found


def test_security_added_where_there_was_none(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    old = copy.deepcopy(BASE)
    old["security"] = []
    report = diff_documents(load_source(str(write(tmp_path, "old.yml", old))), load_source(str(write(tmp_path, "new.yml", new))))
    assert [(c.kind, c.severity, c.pointer) for c in report.changes] == [("security-tightened", "breaking", "/security")]


@pytest.mark.parametrize(
    ("before", "after", "kind"),
    [(None, 10, "constraint-narrowed"), (10, None, "constraint-widened"), (10, 5, "constraint-widened"), (5, 10, "constraint-narrowed"), (0.1, 0.05, "constraint-widened"), (0.1, 0.3, "constraint-narrowed")],
)
def test_a_multiple_of_is_narrowed_unless_every_value_still_fits(tmp_path: Path, before: float | None, after: float | None, kind: str) -> None:
    specs = []
    for step in (before, after):
        spec = copy.deepcopy(BASE)
        if step is not None:
            at(spec, *GET, "parameters", 0, "schema")["multipleOf"] = step
        specs.append(spec)
    report = diff_documents(load_source(str(write(tmp_path, "old.yml", specs[0]))), load_source(str(write(tmp_path, "new.yml", specs[1]))))
    assert [(c.kind, c.pointer) for c in report.changes] == [(kind, P_GET + "/parameters/0/schema/multipleOf")]


def test_every_kind_is_exercised() -> None:
    # The kinds that need a spec pair of their own are exercised in test_review.py.
    own_pairs = {"response-body-added", "callback-added", "callback-removed", "sdk-symbol-removed", "sdk-symbol-renamed", "sdk-symbol-added", "retyped-from-any", "retyped-to-any"}
    exercised = {case[2] for case in CASES} | {"security-scheme-removed"} | own_pairs
    assert set(KINDS) - exercised == set()


def test_security_scheme_removed(tmp_path: Path) -> None:
    report = report_of(tmp_path, lambda s: (_set("components", "securitySchemes", "key", value={"type": "apiKey", "in": "header", "name": "K"})(s)))
    # The same change read backwards.
    reverse = diff_documents(load_source(str(tmp_path / "new.yml")), load_source(str(tmp_path / "old.yml")))
    assert [c.kind for c in report.changes] == ["security-scheme-added"]
    assert [(c.kind, c.severity) for c in reverse.changes] == [("security-scheme-removed", "breaking")]


def test_a_type_shared_by_requests_and_responses_gets_the_stricter_verdict(tmp_path: Path) -> None:
    def share(spec: dict[str, Any]) -> None:
        # Status is now also a query parameter: removing a value breaks the request side.
        _append(*GET, "parameters", value={"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/Status"}})(spec)

    old = copy.deepcopy(BASE)
    share(old)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Status"]["enum"].remove("dead")
    report = diff_documents(load_source(str(write(tmp_path, "old.yml", old))), load_source(str(write(tmp_path, "new.yml", new))))
    assert [(c.kind, c.severity, c.direction) for c in report.changes] == [("enum-value-removed", "breaking", "request+response")]


def _reordered(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reordered(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reordered(item) for item in reversed(value)]
    return value


def test_identical_and_reordered_specs_report_nothing(tmp_path: Path) -> None:
    old = write(tmp_path, "old.yml", BASE)
    same = write(tmp_path, "same.json", json.loads(json.dumps(BASE)))
    same.write_text(json.dumps(BASE, indent=1), encoding="utf-8")
    reordered = write(tmp_path, "reordered.yml", _reordered(BASE))
    assert diff_documents(load_source(str(old)), load_source(str(same))).changes == ()
    assert diff_documents(load_source(str(old)), load_source(str(reordered))).changes == ()


# -- the command line --------------------------------------------------------------------


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    new = copy.deepcopy(BASE)
    new["components"]["schemas"]["Color"]["enum"].remove("green")  # breaking (request)
    new["components"]["schemas"]["Pet"]["properties"]["born"] = {"type": "string"}  # non-breaking
    new["paths"]["/pets"]["get"]["summary"] = "Lists pets."  # docs
    return write(tmp_path, "old.yml", BASE), write(tmp_path, "new.yml", new)


def test_json_output_follows_the_documented_schema(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "sdkwright-diff/1"
    assert document["summary"] == {"breaking": 1, "non-breaking": 1, "docs": 1}
    assert document["sdk"] is None
    for change in document["changes"]:
        assert set(change) == {"kind", "severity", "location", "direction", "message", "old", "new"}
        assert set(change["location"]) == {"operation", "pointer", "used_by"}
    removed = next(c for c in document["changes"] if c["kind"] == "enum-value-removed")
    assert removed["location"] == {"operation": None, "pointer": "/components/schemas/Color/enum", "used_by": ["GET /pets"]}
    born = next(c for c in document["changes"] if c["kind"] == "field-added")
    assert born["location"]["used_by"] == ["GET /pets", "POST /pets", "webhook petAdopted"]
    assert (removed["old"], removed["new"], removed["direction"]) == ("green", None, "request")
    summary = next(c for c in document["changes"] if c["kind"] == "docs-changed")
    assert summary["location"]["operation"] == "GET /pets"
    assert (summary["old"], summary["new"]) == ("List pets.", "Lists pets.")


def test_fail_on_breaking(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    assert run_cli("diff", str(old), str(new), "--fail-on-breaking").returncode == 1
    assert run_cli("diff", str(old), str(new)).returncode == 0
    harmless = copy.deepcopy(BASE)
    harmless["paths"]["/pets"]["get"]["summary"] = "Lists pets."
    assert run_cli("diff", str(old), str(write(tmp_path, "docs.yml", harmless)), "--fail-on-breaking").returncode == 0


def test_markdown_has_a_summary_table_then_details_per_operation(tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    result = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    table = lines.index("| | breaking | non-breaking | docs | through shared |")
    # Every operation the change touches has a row: directly, or through the shared schemas it uses.
    assert "| `API-wide and shared schemas` | 1 | 1 | 0 | 0 |" in lines[table:]
    assert "| `GET /pets` | 0 | 0 | 1 | 2 |" in lines[table:]
    assert "| `POST /pets` | 0 | 0 | 0 | 1 |" in lines[table:]
    assert "| `webhook petAdopted` | 0 | 0 | 0 | 1 |" in lines[table:]
    assert "| **total** | **1** | **1** | **1** | |" in lines[table:]
    breaking = lines.index("### Breaking changes (1)")
    assert breaking > lines.index("| **total** | **1** | **1** | **1** | |")
    docs = lines.index("<details><summary>Documentation changes (1)</summary>")
    details = lines.index("#### `GET /pets`", docs)
    assert any(line.startswith("- **docs** summary of the operation changed") for line in lines[details:])
    assert lines[-1] == "**Semver: major** (something breaks)."


def test_text_is_coloured_only_on_a_terminal(tmp_path: Path) -> None:
    from generator.diff.report import as_text

    old, new = _pair(tmp_path)
    piped = run_cli("diff", str(old), str(new))
    assert "\x1b[" not in piped.stdout
    assert "1 breaking, 1 non-breaking, 1 docs" in piped.stdout.splitlines()[0]
    assert any(line.strip().startswith("breaking") and "value 'green' removed" in line for line in piped.stdout.splitlines())
    report = diff_documents(load_source(str(old)), load_source(str(new)))
    assert "\x1b[31m" in as_text(report, colour=True)  # red for breaking


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    old, _ = _pair(tmp_path)
    broken = tmp_path / "broken.yml"
    broken.write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(broken))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "broken.yml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_git_sources(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    write(repo, "api.yml", BASE)
    git("add", "api.yml")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "v1")
    old, new = _pair(tmp_path)
    (repo / "api.yml").write_text(new.read_text(encoding="utf-8"), encoding="utf-8")
    git("add", "api.yml")
    result = run_cli("diff", "git:HEAD:api.yml", "git::api.yml", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"] == {"breaking": 1, "non-breaking": 1, "docs": 1}
    missing = run_cli("diff", "git:HEAD:nothing.yml", "api.yml", cwd=repo)
    assert missing.returncode == 2 and len(missing.stderr.splitlines()) == 1 and "git:HEAD:nothing.yml" in missing.stderr


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving tmp_path."""
    old, new = _pair(tmp_path)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def test_url_sources(served: str, tmp_path: Path) -> None:
    result = run_cli("diff", f"{served}/old.yml", str(tmp_path / "new.yml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["old"] == f"{served}/old.yml"
    assert document["summary"]["breaking"] == 1


def test_sdk_symbols_and_files(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    del new["paths"]["/pets"]["post"]
    new["paths"]["/pets"]["get"]["parameters"].append({"name": "q", "in": "query", "schema": {"type": "string"}})
    new["components"]["schemas"]["Kind"]["enum"].append("bird")
    before = build_side(load_source(str(write(tmp_path, "old.yml", BASE))))
    after = build_side(load_source(str(write(tmp_path, "new.yml", new))))
    sdk = sdk_changes(before, after, "pets")
    assert "pets.client.PetsResource.create_pet" in sdk.symbols_removed
    assert "pets.client.PetsResource.list_pets(q)" in sdk.symbols_added
    assert "pets.models.Kind.BIRD" in sdk.symbols_added
    assert "pets.client.PetsResource.list_pets" not in sdk.symbols_added + sdk.symbols_removed
    assert "pets/client.py" in sdk.files_changed and "pets/models.py" in sdk.files_changed
    assert not [f for f in sdk.files_changed if f.startswith("pets/_runtime/")]
    # The same spec: no symbol and no file changes.
    same = sdk_changes(before, before, "pets")
    assert (same.symbols_added, same.symbols_removed, same.files_changed) == ((), (), ())
    assert diff_sides(before, after).breaking
    result = run_cli("diff", str(tmp_path / "old.yml"), str(tmp_path / "new.yml"), "--sdk", "--package", "pets", "--format", "json")
    assert json.loads(result.stdout)["sdk"]["symbols_removed"] == list(sdk.symbols_removed)


def test_an_operation_that_comes_to_stream_and_page_adds_its_methods(tmp_path: Path) -> None:
    new = copy.deepcopy(BASE)
    listing = new["paths"]["/pets"]["get"]
    listing["responses"]["200"]["content"]["application/x-ndjson"] = {"schema": {"$ref": "#/components/schemas/Pet"}}
    listing["responses"]["200"]["headers"] = {"Link": {"schema": {"type": "string"}}}
    before = build_side(load_source(str(write(tmp_path, "old.yml", BASE))))
    after = build_side(load_source(str(write(tmp_path, "new.yml", new))))
    sdk = sdk_changes(before, after, "pets")
    added = [s for s in sdk.symbols_added if s.startswith("pets.client.PetsResource.")]
    assert any(s.startswith("pets.client.PetsResource.stream_list_pets") for s in added), added
    assert any(s.startswith("pets.client.PetsResource.iter_pets") for s in added), added
    assert not sdk.symbols_removed
    report = diff_sides(before, after)
    assert not report.breaking

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


# -- the SDK's public names ---------------------------------------------------------------------


def _listing(operations: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Operations whose query parameter `type` is an inline enum: each wants the class name `Type`."""
    paths = {
        f"/{name}": {"get": {"operationId": name, "parameters": [{"name": "type", "in": "query", "schema": {"type": "string", "enum": values}}],
                             "responses": ok()}}
        for name, values in operations.items()
    }
    return spec(paths)


def test_a_name_the_sdk_has_does_not_move_when_a_competitor_arrives(tmp_path: Path) -> None:
    # A new operation whose enum also wants `Type`: the new side is named with the old side's names
    # as its lock, as `generate` names a spec over its previous output, so `Type` stays where it is.
    old = _listing({"listConferences": ["a", "b"]})
    new = _listing({"listConferences": ["a", "b"], "listCalls": ["x", "y"]})
    report = review(tmp_path, old, new)
    assert [(c.kind, c.severity) for c in report.changes if not c.kind.startswith("sdk-")] == [("operation-added", "non-breaking")]
    assert not [c for c in report.changes if c.kind in ("sdk-symbol-renamed", "sdk-symbol-removed")], kinds(report)
    assert report.counts()["breaking"] == 0 and report.bump == "minor"


def test_a_public_name_that_disappears_is_breaking_whatever_the_wire_says(tmp_path: Path) -> None:
    # An inline response schema moves to a component of the same shape: nothing changes on the
    # wire, but the SDK's class for the inline schema is gone, and every caller that imported it breaks.
    pet = {"type": "object", "properties": {"name": {"type": "string"}}}
    old = spec({"/pets": {"get": {"operationId": "getPet", "responses": ok(pet)}}})
    new = spec({"/pets": {"get": {"operationId": "getPet", "responses": ok({"$ref": "#/components/schemas/Pet"})}}}, {"Pet": pet})
    report = review(tmp_path, old, new)
    assert not [c for c in report.breaking if not c.kind.startswith("sdk-")], kinds(report)
    gone = [c for c in report.breaking if c.kind in ("sdk-symbol-removed", "sdk-symbol-renamed")]
    assert [c.old for c in gone] == ["GetPetResponse"], kinds(report)
    assert report.bump == "major"
    # ... and the command line fails on it.
    before, after = write(tmp_path, "a.yml", old), write(tmp_path, "b.yml", new)
    assert run_cli("diff", str(before), str(after)).returncode == 0
    failed = run_cli("diff", str(before), str(after), "--fail-on-breaking")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "sdk-symbol-" in failed.stdout


def _participants(*names: str) -> dict[str, Any]:
    """Schemas each with an inline `status` enum of one shape (merged into one class), and a
    component `Status` that takes the short name."""
    status = {"type": "string", "enum": ["joined", "left"]}
    schemas: dict[str, Any] = {n: {"type": "object", "properties": {"id": {"type": "string"}, "status": status}} for n in names}
    schemas["Status"] = {"type": "string", "enum": ["up", "down"]}
    paths = {f"/{n.lower()}": {"get": {"operationId": f"get{n}", "responses": ok({"$ref": f"#/components/schemas/{n}"})}} for n in (*names, "Status")}
    return spec(paths, schemas)


def test_a_new_sibling_does_not_take_over_a_merged_enum_name(tmp_path: Path) -> None:
    # One class names both inline enums (`ParticipantStatus`); a new sibling with the same enum
    # would take the name without a lock. With the old side's names as the lock it stays put,
    # and it does not move back when the sibling goes again.
    two, three = _participants("Participant", "ParticipantUpdate"), _participants("Participant", "ParticipantUpdate", "ConferenceParticipant")
    for old, new in ((two, three), (three, two)):
        report = review(tmp_path, old, new)
        assert not [c for c in report.changes if c.kind == "sdk-symbol-renamed"], kinds(report)


def test_the_same_spec_under_another_file_name_and_folder_reports_nothing(tmp_path: Path) -> None:
    document = _participants("Participant", "ParticipantUpdate")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = write(tmp_path / "a", "conferences.yml", document), write(tmp_path / "b", "telnyx-conferences.yaml", document)
    report = diff_sides(build_side(load_source(str(one))), build_side(load_source(str(two))))
    assert report.changes == ()
    assert report.bump == "patch"


def test_a_name_that_goes_with_a_breaking_change_is_said_once(tmp_path: Path) -> None:
    old = _listing({"listConferences": ["a", "b"], "listCalls": ["x", "y"]})
    new = _listing({"listConferences": ["a", "b"]})
    report = review(tmp_path, old, new)
    # The method, its argument and its enum go with the operation: one breaking change, not four;
    # the enum left behind keeps its name (the lock), so nothing else breaks.
    assert sorted((c.kind, c.operation) for c in report.breaking) == [("operation-removed", "GET /listCalls")]


def test_a_removed_field_name_is_reported_with_what_it_carried(tmp_path: Path) -> None:
    # A response field removed: breaking on the wire already; its attribute is not counted twice.
    old = spec({"/items": {"get": {"operationId": "getItem", "responses": ok({"$ref": "#/components/schemas/Item"})}}}, {"Item": ITEM})
    smaller = copy.deepcopy(ITEM)
    del smaller["properties"]["name"]
    report = review(tmp_path, old, spec({"/items": {"get": {"operationId": "getItem", "responses": ok({"$ref": "#/components/schemas/Item"})}}}, {"Item": smaller}))
    assert kinds(report) == [("field-removed", "breaking")]


# -- the report ----------------------------------------------------------------------------------


def test_semver_advice_ends_every_format(tmp_path: Path) -> None:
    base = spec({"/items": {"get": {"operationId": "listItems", "summary": "List.", "responses": ok({"$ref": "#/components/schemas/Item"})}}}, {"Item": ITEM})
    docs = copy.deepcopy(base)
    docs["paths"]["/items"]["get"]["summary"] = "List the items."
    added = copy.deepcopy(base)
    added["components"]["schemas"]["Item"]["properties"]["price"] = {"type": "number"}
    broken = copy.deepcopy(base)
    broken["components"]["schemas"]["Item"]["properties"]["id"] = {"type": "string"}
    for document, bump in ((docs, "patch"), (added, "minor"), (broken, "major")):
        before, after = write(tmp_path, "a.yml", base), write(tmp_path, "b.yml", document)
        text = run_cli("diff", str(before), str(after))
        markdown = run_cli("diff", str(before), str(after), "--format", "markdown")
        as_json = run_cli("diff", str(before), str(after), "--format", "json")
        assert text.stdout.splitlines()[-1].startswith(f"semver: {bump} ("), text.stdout
        assert markdown.stdout.splitlines()[-1].startswith(f"**Semver: {bump}**"), markdown.stdout
        assert json.loads(as_json.stdout)["semver"] == bump


def test_the_header_names_both_sides_with_their_revisions(tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> str:
        env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
               "PATH": __import__("os").environ["PATH"], "HOME": str(tmp_path)}
        return subprocess.run(["git", *args], cwd=tmp_path, capture_output=True, text=True, check=True, env=env).stdout.strip()

    git("init", "-q")
    (tmp_path / "specs").mkdir()
    base = spec({"/items": {"get": {"operationId": "listItems", "responses": ok()}}})
    write(tmp_path / "specs", "x.yml", base)
    git("add", "-A")
    git("commit", "-qm", "one")
    base["paths"]["/items"]["get"]["summary"] = "List."
    write(tmp_path / "specs", "x.yml", base)
    git("commit", "-qam", "two")
    base["paths"]["/items"]["get"]["summary"] = "List them."
    write(tmp_path / "specs", "x.yml", base)
    previous = git("rev-parse", "--short", "HEAD~1")
    result = run_cli("diff", "git:HEAD~1:specs/x.yml", "specs/x.yml", "--format", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"## API changes: `git:HEAD~1:specs/x.yml ({previous})` → `specs/x.yml (worktree)`"


def _many_operations(count: int, changed: bool) -> dict[str, Any]:
    paths = {}
    for index in range(count):
        parameter = {"name": "limit", "in": "query", "description": f"At most this many{' items' if changed else ''}.",
                     "schema": {"type": "integer", "maximum": 50 if changed else 100}}
        paths[f"/things{index}/items"] = {"get": {"operationId": f"listThings{index}", "summary": "List." if not changed else "List them.",
                                                  "parameters": [parameter], "responses": ok()}}
    return spec(paths)


def test_a_large_review_fits_a_pull_request_comment_and_names_every_operation(tmp_path: Path) -> None:
    from generator.diff.report import COMMENT_LIMIT, as_json, as_markdown

    report = review(tmp_path, _many_operations(400, False), _many_operations(400, True))
    assert report.counts() == {"breaking": 400, "non-breaking": 0, "docs": 800}
    markdown = as_markdown(report)
    assert len(markdown) < COMMENT_LIMIT
    assert all(f"`GET /things{index}/items`" in markdown for index in range(400))
    assert "--format json" in markdown  # where the rest is
    assert markdown.splitlines()[-1] == "**Semver: major** (something breaks)."
    assert len(json.loads(as_json(report))["changes"]) == 1200


def _histories(shared: Path) -> list[list[Path]]:
    conversations = sorted((shared / "twilio_conversations_history").glob("*.json"))
    v2010 = sorted((shared / "twilio_history").glob("twilio_api_v2010.*.yaml"))
    if len(conversations) < 2 or len(v2010) < 2:
        import pytest

        pytest.skip("the Twilio histories are absent")
    return [conversations, v2010]


def test_the_largest_diff_over_the_twilio_histories_fits_and_names_every_changed_operation(shared_specs: Path) -> None:
    from generator.diff.report import COMMENT_LIMIT, as_markdown

    largest = ("", 0, 0)
    for history in _histories(shared_specs):
        sides = [build_side(load_source(str(path))) for path in history]
        # Each version against the one before it, and the first against the last.
        for a, b in [*zip(sides, sides[1:]), (sides[0], sides[-1])]:
            report = diff_sides(a, b)
            markdown = as_markdown(report)
            operations = {c.operation for c in report.changes if c.operation} | {u for c in report.changes for u in c.used_by}
            missing = sorted(o for o in operations if f"`{o}`" not in markdown)
            assert missing == [], (report.old, report.new, missing[:5])
            assert len(markdown) < COMMENT_LIMIT, (report.old, report.new, len(markdown))
            if len(markdown) > largest[1]:
                largest = (f"{report.old} -> {report.new}", len(markdown), len(report.changes))
    assert largest[2] > 100, largest  # the largest really is large


def test_operations_that_start_using_a_shared_part_each_change(tmp_path: Path) -> None:
    # A shared callback declared by two more operations: each operation gains it (not one shared entry).
    one, three = _with_callback(EVENT, ("listOrders",)), _with_callback(EVENT, ("createOrder", "createRefund", "listOrders"))
    added = [c for c in review(tmp_path, one, three).changes if c.kind == "callback-added"]
    assert sorted(c.operation for c in added) == ["POST /createOrder", "POST /createRefund"]


def test_a_value_of_any_type_given_a_type_narrows_it(tmp_path: Path) -> None:
    def document(settings: dict[str, Any]) -> dict[str, Any]:
        item = {"type": "object", "properties": {"id": {"type": "string"}, "settings": settings}}
        return spec({"/items": {"get": {"operationId": "getItem", "responses": ok({"$ref": "#/components/schemas/Item"})},
                                "post": {"operationId": "putItem", "requestBody": json_body({"$ref": "#/components/schemas/Draft"}), "responses": ok()}}},
                    {"Item": item, "Draft": copy.deepcopy(item)})

    untyped = document({"description": "Any settings.", "nullable": True})
    typed = document({"type": ["object", "null"], "description": "Any settings."})
    # A value that may be anything may be null already: no "made nullable"; readers now get a typed
    # value (harmless), senders may no longer send any value (breaking).
    forward = sorted((c.kind, c.severity, c.pointer) for c in review(tmp_path, untyped, typed).changes)
    assert forward == [
        ("retyped-from-any", "breaking", "/components/schemas/Draft/properties/settings"),
        ("retyped-from-any", "non-breaking", "/components/schemas/Item/properties/settings"),
    ]
    backward = sorted((c.kind, c.severity, c.pointer) for c in review(tmp_path, typed, untyped).changes)
    assert backward == [
        ("retyped-to-any", "breaking", "/components/schemas/Item/properties/settings"),
        ("retyped-to-any", "non-breaking", "/components/schemas/Draft/properties/settings"),
    ]

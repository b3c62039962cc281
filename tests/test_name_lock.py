"""Names that never move: the lock of earlier names in the output's manifest.

Each mechanism that used to move a public name is shown on a pair of small
specs: the first version generated fresh, the second generated over its output.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import assert_imports
from generator.cli import main
from generator.output.manifest import MANIFEST

OK: dict[str, Any] = {"200": {"description": "ok"}}


def document(schemas: dict[str, Any], title: str = "Names API") -> dict[str, Any]:
    """A spec whose one operation returns a list of every schema (so each one is used)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": "1.0"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {name: {"$ref": f"#/components/schemas/{name}"} for name in schemas},
                                    }
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def generate(spec: Path, contents: dict[str, Any], output: Path, *options: str) -> None:
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", str(spec), "--output", str(output), "--package", "names_sdk", *options])
    assert result.exit_code == 0, result.output


def check(spec: Path, output: Path) -> int:
    return CliRunner().invoke(main, ["check", str(spec), "--output", str(output), "--package", "names_sdk"]).exit_code


def models(output: Path) -> ast.Module:
    return ast.parse((output / "names_sdk" / "models.py").read_text(encoding="utf-8"))


def field_type(output: Path, cls: str, field: str) -> str:
    """The class name a dataclass field's annotation names (`Type` in `Type | Unset = UNSET`)."""
    for node in models(output).body:
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for statement in node.body:
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == field:
                    named: list[str] = [n for n in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", ast.unparse(statement.annotation)) if n not in ("Unset", "None")]
                    assert len(named) == 1, ast.unparse(statement.annotation)
                    return named[0]
    raise AssertionError(f"no field {cls}.{field}")


def class_names(output: Path, module: str = "models") -> set[str]:
    tree = ast.parse((output / "names_sdk" / f"{module}.py").read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.ClassDef)}


def test_an_added_schema_whose_inline_enum_wants_a_name_leaves_the_holder_its_name(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    first = {"Conference": obj(type=enum("audio", "video"))}
    generate(spec, document(first), output)
    assert field_type(output, "Conference", "type") == "Type"

    # A second schema's inline enum wants `Type` too: without the lock both moved on together.
    generate(spec, document({**first, "Participant": obj(type=enum("host", "guest"))}), output)
    assert field_type(output, "Conference", "type") == "Type"
    assert field_type(output, "Participant", "type") == "ParticipantType"
    assert check(spec, output) == 0


def test_a_new_sibling_does_not_take_over_a_merged_enums_name(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    # `Status` is a component's; the two inline `status` enums are one type, named from a member.
    first = {
        "Status": obj(code=enum("up", "down")),
        "Participant": obj(status=enum("joined", "left")),
        "Recording": obj(status=enum("joined", "left")),
    }
    generate(spec, document(first), output)
    merged = field_type(output, "Participant", "status")
    assert merged == field_type(output, "Recording", "status") == "ParticipantStatus"

    # A sibling that sorts first would have given the merged enum its own name.
    generate(spec, document({**first, "ConferenceParticipant": obj(status=enum("joined", "left"))}), output)
    assert field_type(output, "Participant", "status") == "ParticipantStatus"
    assert field_type(output, "ConferenceParticipant", "status") == "ParticipantStatus"
    assert field_type(output, "Recording", "status") == "ParticipantStatus"


def test_a_removed_competitor_does_not_give_the_name_back_until_rename_all(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    both = {"Conference": obj(type=enum("audio", "video")), "Participant": obj(type=enum("host", "guest"))}
    generate(spec, document(both), output)
    assert field_type(output, "Conference", "type") == "ConferenceType"

    alone = {"Conference": both["Conference"]}
    generate(spec, document(alone), output)
    assert field_type(output, "Conference", "type") == "ConferenceType"
    assert "Type" not in class_names(output)
    assert check(spec, output) == 0

    generate(spec, document(alone), output, "--rename-all")
    assert field_type(output, "Conference", "type") == "Type"
    assert "ConferenceType" not in class_names(output)


def sdk_files(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file() and p.name != MANIFEST}


def test_digest_fallbacks_do_not_depend_on_the_specs_file_name_or_folder(tmp_path: Path) -> None:
    # `pet` and `Pet` state the same class name: every readable candidate collides, one takes a digest.
    schemas = {"pet": obj(name={"type": "string"}), "Pet": obj(tag={"type": "string"})}
    generate(tmp_path / "one" / "conferences.yml", document(schemas), tmp_path / "out1")
    generate(tmp_path / "two" / "deeper" / "telnyx-conferences.yaml", document(schemas), tmp_path / "out2")
    first, second = sdk_files(tmp_path / "out1"), sdk_files(tmp_path / "out2")
    digests = sorted(n for n in class_names(tmp_path / "out1") if re.fullmatch(r"Pet[0-9A-F]{6}", n))
    assert len(digests) == 1, class_names(tmp_path / "out1")
    assert first == second
    lock = json.loads((tmp_path / "out1" / MANIFEST).read_text())["names"]
    assert lock == json.loads((tmp_path / "out2" / MANIFEST).read_text())["names"]


def test_the_same_spec_under_two_file_names_and_folders_gives_the_same_bytes(repo: Path, tmp_path: Path) -> None:
    text = (repo / "specs" / "conferences.yml").read_bytes()
    outputs = []
    for index, place in enumerate(["a/conferences.yml", "b/c/telnyx-conferences.yaml"]):
        spec = tmp_path / place
        spec.parent.mkdir(parents=True)
        spec.write_bytes(text)
        output = tmp_path / f"out{index}"
        result = CliRunner().invoke(main, ["generate", str(spec), "--output", str(output)])
        assert result.exit_code == 0, result.output
        outputs.append(output)
    assert sdk_files(outputs[0]) == sdk_files(outputs[1])
    names = [json.loads((o / MANIFEST).read_text())["names"] for o in outputs]
    assert names[0] == names[1] and len(names[0]) > 100


def test_a_schema_named_like_the_sdks_own_class_yields(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    contents = document({"ConflictError": obj(message={"type": "string"}), "NotFoundError": obj(detail={"type": "string"})})
    contents["paths"]["/things"]["get"]["responses"]["409"] = {
        "description": "conflict",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConflictError"}}},
    }
    generate(spec, contents, output)
    errors = class_names(output, "errors")
    assert {"ConflictError", "NotFoundError"} <= errors
    schemas = class_names(output)
    assert {"ConflictErrorModel", "NotFoundErrorModel"} <= schemas
    assert not [n for n in errors | schemas if re.search(r"[0-9A-F]{6}$", n)]


def test_the_raw_response_classes_are_named_by_the_naming_stage(tmp_path: Path) -> None:
    # Schemas named like the client's raw-response classes: the client keeps its classes, the
    # schemas take other names, and the package imports.
    spec, output = tmp_path / "api.json", tmp_path / "out"
    generate(spec, document({"DefaultResourceWithRawResponse": obj(a={"type": "string"}), "RawResource": obj(b={"type": "string"})}), output)
    client = class_names(output, "client")
    assert {"DefaultResourceWithRawResponse", "AsyncDefaultResourceWithRawResponse", "ClientWithRawResponse"} <= client
    schemas = class_names(output)
    assert not {"DefaultResourceWithRawResponse", "RawResource"} & schemas, schemas
    lock = json.loads((output / MANIFEST).read_text())["names"]
    assert ["raw group", "", "DefaultResourceWithRawResponse"] in lock
    assert_imports(output, "names_sdk")


def test_the_names_table_pins_and_overrides_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec, output = tmp_path / "specs" / "api.json", tmp_path / "out"
    generate(spec, document({"Conference": obj(type=enum("audio", "video"))}), output)
    assert field_type(output, "Conference", "type") == "Type"
    (tmp_path / "pyproject.toml").write_text(
        "[tool.sdkwright]\n"
        'spec = "specs/api.json"\noutput = "out"\npackage = "names_sdk"\n\n'
        "[tool.sdkwright.names.types]\n"
        '"#/components/schemas/Conference/properties/type" = "ConferenceKind"\n'
        '"#/components/schemas/Conference" = "Meeting"\n\n'
        "[tool.sdkwright.names.methods]\n"
        '"get /things" = "all_things"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["check"]).exit_code == 1  # the table changes names: the output is stale
    result = runner.invoke(main, ["generate"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["check"]).exit_code == 0
    assert field_type(output, "Meeting", "type") == "ConferenceKind"
    assert "Type" not in class_names(output)
    client = (output / "names_sdk" / "client.py").read_text(encoding="utf-8")
    assert "def all_things(" in client and "def list_things(" not in client


def test_check_fails_when_the_lock_would_change(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    generate(spec, document({"Conference": obj(type=enum("audio", "video"))}), output)
    assert check(spec, output) == 0
    manifest = json.loads((output / MANIFEST).read_text())
    manifest["names"] = [entry for entry in manifest["names"] if entry[0] != "field"]
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    assert check(spec, output) == 1


@pytest.mark.parametrize("bad", ['"#/components/schemas/X" = "not an identifier"', '"components/X" = "X"'])
def test_a_bad_names_table_is_one_line_naming_the_pyproject(tmp_path: Path, bad: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f'[tool.sdkwright]\nspec = "api.json"\n\n[tool.sdkwright.names.types]\n{bad}\n', encoding="utf-8")
    from generator.config import default_jobs
    from generator.errors import SpecError

    with pytest.raises(SpecError, match="names.types") as raised:
        default_jobs(tmp_path)
    assert "pyproject.toml" in str(raised.value)


def test_copying_an_output_elsewhere_keeps_its_names(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    both = {"Conference": obj(type=enum("audio", "video")), "Participant": obj(type=enum("host", "guest"))}
    generate(spec, document(both), output)
    moved_spec, moved_output = tmp_path / "elsewhere" / "renamed.json", tmp_path / "elsewhere" / "sdk"
    shutil.copytree(output, moved_output)
    generate(moved_spec, document({"Conference": both["Conference"]}), moved_output)
    assert field_type(moved_output, "Conference", "type") == "ConferenceType"


PRIVATE_KINDS = ("operation constant", "shared parameter")  # module constants of `_operations.py`


def _histories() -> list[tuple[str, list[Path]]]:
    from conftest import SHARED

    specs = SHARED / "specs"
    return [
        ("twilio_conversations_history", sorted((specs / "twilio_conversations_history").glob("*.json"))),
        ("twilio_history", sorted((specs / "twilio_history").glob("twilio_api_v2010.*.yaml"))),
    ]


@pytest.mark.parametrize("history", [name for name, _ in _histories()])
def test_no_name_of_a_kept_key_moves_over_real_histories(shared_specs: Path, history: str) -> None:
    """Each version named over the previous one's lock (the pipeline up to naming: render and format
    add no name): a key that exists in both keeps its name, and the lock changes no first choice."""
    from generator.document.load import load
    from generator.openapi.read import build_model
    from generator.naming import build_names
    from generator.naming.lock import EMPTY
    from generator.document.resolve import Resolver

    versions = dict(_histories())[history]
    if len(versions) < 2:
        pytest.skip(f"{history} needs at least two versions in ../shared/specs")
    lock = EMPTY
    kept = 0
    for path in versions:
        loaded = load(str(path))
        api = build_model(Resolver(loaded))
        chained = build_names(api, root=loaded.uri, lock=lock)
        fresh = build_names(api, root=loaded.uri)
        moved = [(key, lock.names[key], name) for key, name in chained.lock if key in lock.names and lock.names[key] != name]
        assert moved == [], f"{path.name}: {moved[:5]}"
        kept += sum(1 for key, _ in chained.lock if key in lock.names)
        # These histories rename no public name: a fresh output's public names are the chained ones.
        # (Constants private to `_operations.py` do move without the lock: two `PageSize` parameters
        # that differ take `PAGE_SIZE` from each other.)
        public = {key: name for key, name in fresh.lock if key.kind not in PRIVATE_KINDS}
        assert public == {key: name for key, name in chained.lock if key.kind not in PRIVATE_KINDS}, path.name
        assert fresh.types == chained.types and fresh.status_errors == chained.status_errors
        lock = chained.lock
    assert kept > 1000


def _corpus() -> list[str]:
    from conftest import SHARED

    specs = SHARED / "specs"
    found = [*sorted((specs / "vendors").glob("*.json")), *sorted(specs.glob("*.yaml"))]
    found += [versions[-1] for _, versions in _histories() if versions]
    return [path.relative_to(specs).as_posix() for path in found]


@pytest.mark.parametrize("name", _corpus() or ["(none)"])
def test_no_public_class_of_the_shared_corpus_carries_a_digest(shared_specs: Path, name: str) -> None:
    """Schemas of one context are told apart by their place (`Part2`, `Variant2`), schemas named like
    the SDK's own classes yield: no class is `ConflictError17FA6E` or `...Assignee2165EA`."""
    from generator.document.load import load
    from generator.openapi.read import build_model
    from generator.naming import build_names
    from generator.document.resolve import Resolver

    if name == "(none)":
        pytest.skip("no specs in ../shared/specs")
    loaded = load(str(shared_specs / name))
    names = build_names(build_model(Resolver(loaded)), root=loaded.uri)
    classes = {
        *names.types.values(),
        *names.status_errors.values(),
        *(name for name, _ in names.error_codes.values()),
        *(group.class_name for group in names.groups),
        *(operation.error_class for operation in names.operations),
    }
    assert sorted(n for n in classes if re.search(r"[0-9A-F]{6}$", n)) == []
    assert [names.status_errors[s] for s in (404, 409) if s in names.status_errors] == ["NotFoundError", "ConflictError"]


def test_schemas_of_one_context_are_told_apart_by_their_place_not_a_digest(tmp_path: Path) -> None:
    spec, output = tmp_path / "api.json", tmp_path / "out"
    user = obj(login={"type": "string"})
    schemas = {
        "Event": {
            "type": "object",
            "properties": {"issue": {"allOf": [obj(user=user), obj(user={**user, "description": "who opened it"})]}},
        },
    }
    generate(spec, document(schemas), output)
    classes = class_names(output)
    assert not [n for n in classes if re.search(r"[0-9A-F]{6}$", n)], sorted(classes)
    assert {"EventIssueUserPart1", "EventIssueUserPart2"} <= classes, sorted(classes)


def test_schema_places_are_relative_to_the_root_document() -> None:
    from generator.naming.lock import document_place

    root = "file:///home/a/specs/api.yaml"
    assert document_place(root + "#/components/schemas/Pet", root) == ("", "/components/schemas/Pet")
    assert document_place("file:///home/a/specs/common/error.yaml#/Error", root) == ("common/error.yaml", "/Error")
    assert document_place("file:///home/a/shared.yaml#/X", root) == ("../shared.yaml", "/X")
    assert document_place("https://example.test/schemas/pet.json#/Pet", root) == ("https://example.test/schemas/pet.json", "/Pet")


def test_the_lock_reads_back_what_the_manifest_writes_and_drops_what_it_cannot_read(tmp_path: Path) -> None:
    from generator.naming.lock import Key, NameLock
    from generator.output.manifest import Manifest, read_manifest

    lock = NameLock({Key("type", ("", "/components/schemas/Pet")): "Pet", Key("method", ("get", "/pets")): "list_pets", Key("package"): "pets"})
    (tmp_path / MANIFEST).write_text(Manifest("f", {}, {}, lock).dumps(), encoding="utf-8")
    read = read_manifest(tmp_path)
    assert read is not None and dict(read.names) == dict(lock)
    assert NameLock.from_json([["type", "", "/a", "A"], ["no such kind", "x", "X"], ["type", 3, "B"], "text", ["method"]]).names == {Key("type", ("", "/a")): "A"}


def test_the_manifest_writes_each_lock_entry_as_jsons_own_encoding_of_it(tmp_path: Path) -> None:
    from generator.naming.lock import Key, NameLock
    from generator.output.manifest import Manifest

    # Quotes, backslashes, control characters, non-ASCII and separators of lines in JavaScript.
    awkward = 'a"b\\c\x01\x1f\u00e9\u2028\u2029\U0001f600/'
    lock = NameLock({Key("field", ("", "/components/schemas/Pet", awkward)): "odd", Key("member", ("", "/x", '"\t"')): "TAB", Key("package"): "pets"})
    text = Manifest("f", {}, {}, lock).dumps()
    entries = json.loads(text)["names"]
    assert entries == lock.to_json()
    lines = text.split("\n")  # not splitlines(): U+2028 is inside an entry, not between two
    for entry in entries:
        assert {f"    {json.dumps(entry, ensure_ascii=False)}", f"    {json.dumps(entry, ensure_ascii=False)},"} & set(lines)


def test_the_locks_digest_is_taken_of_the_manifests_lines_each_ended_by_a_newline() -> None:
    import hashlib

    from generator.naming.lock import EMPTY, Key, NameLock

    lock = NameLock({Key("type", ("", f"/components/schemas/S{i}")): f"S{i}" for i in range(3)})
    expected = hashlib.sha256()
    for entry in lock.to_json():
        expected.update((json.dumps(entry, ensure_ascii=False) + "\n").encode())
    assert lock.encoded.digest == expected.hexdigest()
    assert lock.encoded.manifest_block.split(",\n") == [f"    {json.dumps(e, ensure_ascii=False)}" for e in lock.to_json()]
    assert EMPTY.encoded.manifest_block == ""


def test_a_lock_encoded_in_a_forked_process_gives_the_manifest_of_one_encoded_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import pipeline

    contents = document({f"Thing{i}": obj(**{f"field_{j}": {"type": "string"} for j in range(4)}) for i in range(30)})
    spec = tmp_path / "api.json"
    texts = []
    for threshold, forks in ((1, True), (10**9, False)):
        monkeypatch.setattr(pipeline, "ENCODED_APART_FROM", threshold)
        calls: list[object] = []
        real = pipeline.in_background
        monkeypatch.setattr(pipeline, "in_background", lambda work, what: calls.append(what) or real(work, what))
        generate(spec, contents, tmp_path / f"out{threshold}")
        assert ("encoding the name lock" in calls) is forks
        texts.append((tmp_path / f"out{threshold}" / MANIFEST).read_text(encoding="utf-8"))
    assert texts[0] == texts[1]
    assert len(json.loads(texts[0])["names"]) > 150


def test_a_run_that_stops_at_a_defect_leaves_no_encoding_process_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import background, pipeline
    from generator.config import Job
    from generator.errors import SpecDefects

    contents = document({f"Thing{i}": obj(size={"type": "integer", "default": "large"}) for i in range(3)})
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(contents), encoding="utf-8")
    monkeypatch.setattr(pipeline, "ENCODED_APART_FROM", 1)
    started: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        child = real_fork()
        if child:
            started.append(child)
        return child

    monkeypatch.setattr(os, "fork", fork)
    with pytest.raises(SpecDefects):  # --strict: the defaults that do not fit are refused
        pipeline.generate_files(Job(spec=str(spec), output=tmp_path / "out", package="names_sdk", strict=True))
    assert len(started) >= 2  # the validator's process and the lock's
    assert not background._unfinished
    for child in started:
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)  # reaped already: no such child


def test_kept_names_overrides_first_then_the_lock_distinct_and_valid() -> None:
    from generator.naming.lock import Key, NameLock, kept_names

    a, b, c = (Key("type", ("", f"/{n}")) for n in "abc")
    lock = NameLock({a: "Same", b: "Same", c: "Taken"})
    overrides = NameLock({c: "Pinned"})
    assert kept_names([a, b, c], lock, overrides, lambda name: True) == {a: "Same", c: "Pinned"}
    assert kept_names([a, b, c], lock, NameLock(), lambda name: name != "Taken") == {a: "Same"}


def test_build_names_takes_another_sides_names_as_its_lock(tmp_path: Path) -> None:
    """How a comparison names its new side with the old side's names."""
    from generator.document.load import load
    from generator.openapi.read import build_model
    from generator.naming import build_names
    from generator.document.resolve import Resolver

    def named(name: str, schemas: dict[str, Any], lock: Any = None) -> Any:
        path = tmp_path / name
        path.write_text(json.dumps(document(schemas)), encoding="utf-8")
        loaded = load(str(path))
        api = build_model(Resolver(loaded))
        names = build_names(api, "p", root=loaded.uri) if lock is None else build_names(api, "p", root=loaded.uri, lock=lock)
        return {key.split("#")[1]: name for key, name in names.types.items()}, names

    first = {"Conference": obj(type=enum("audio", "video"))}
    old, old_names = named("old.json", first)
    fresh, _ = named("new.json", {**first, "Participant": obj(type=enum("host", "guest"))})
    kept, _ = named("new.json", {**first, "Participant": obj(type=enum("host", "guest"))}, old_names.lock)
    pointer = "/components/schemas/Conference/properties/type"
    assert (old[pointer], fresh[pointer], kept[pointer]) == ("Type", "ConferenceType", "Type")


def test_an_override_the_sdk_itself_uses_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = tmp_path / "api.json"
    spec.write_text(json.dumps(document({"Conference": obj(type=enum("audio", "video"))})), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sdkwright]\nspec = "api.json"\noutput = "out"\n\n[tool.sdkwright.names.types]\n"#/components/schemas/Conference" = "Client"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["generate"])
    assert result.exit_code == 2
    assert "'Client'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()

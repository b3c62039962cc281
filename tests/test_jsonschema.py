"""JSON Schema input: the SWML join_conference package (output/swml) and the generator's handling of bare schemas."""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import REPO, SHARED, assert_imports, import_package, run_cli
from generator.config import Job
from generator.errors import SpecError
from generator.document.load import load
from generator.jsonschema.read import build_schema_model
from generator.naming import build_names
from generator.pipeline import Result, generate, generate_files
from generator.document.resolve import Resolver
from generator.output.manifest import MANIFEST

SWML = REPO / "specs" / "swml_join_conference.json"
OUTPUT = REPO / "output" / "swml"
PACKAGE = "signalwire_swml"
SEED = SHARED / "seeds" / "002_a0327ef19c11850f.txt"
ERROR_LINE = re.compile(r"^error: (?P<file>[^\s:]+)(?::(?P<line>\d+))? at (?P<pointer>#\S*): (?P<message>.+)$")

# The three examples of the seed's reference page, with the indentation the page's text lost.
EXAMPLES = {
    "Basic Conference Join": """\
version: 1.0.0
sections:
  main:
    - join_conference:
        name: "team_meeting"
""",
    "Conference with Custom Settings": """\
version: 1.0.0
sections:
  main:
    - join_conference:
        name: "team_meeting"
        muted: false
        beep: "onEnter"
        start_on_enter: true
        max_participants: 10
        record: "record-from-start"
""",
    "Conference with Status Callbacks": """\
version: 1.0.0
sections:
  main:
    - join_conference:
        name: "support_call"
        status_callback_event: "join"
        status_callback: "https://example.com/conference-status"
        status_callback_method: "POST"
        recording_status_callback: "https://example.com/recording-status"
        recording_status_callback_event: "completed"
""",
}


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def swml() -> ModuleType:
    """The committed package (output/swml), imported with its models."""
    package = import_package(OUTPUT, PACKAGE)
    assert package.models.__file__.startswith(str(OUTPUT))
    return package


@pytest.fixture(scope="module")
def m(swml: ModuleType) -> ModuleType:
    return swml.models  # type: ignore[no-any-return]


def seed_text() -> str:
    if not SEED.is_file():
        pytest.skip("../shared/seeds is absent (the seeds are not part of the repository)")
    return SEED.read_text(encoding="utf-8")


# -- the spec is the seed's ------------------------------------------------------------


def test_the_examples_are_the_seeds(swml: ModuleType) -> None:
    text = seed_text()
    lines = [line.strip() for line in text.split("\nExamples\n", 1)[1].splitlines() if line.strip()]
    for title, example in EXAMPLES.items():
        start = lines.index(title) + 1
        expected = [line.strip() for line in example.splitlines()]
        assert lines[start : start + len(expected)] == expected, title


SEED_ROW = re.compile(
    r"^(?P<name>[a-z_]+)(?P<required>Required|Optional)(?P<type>string|boolean|integer|object)"
    r"(?P<default>-|true|false|\d+|[a-z]+(?:-[a-z]+)+|[A-Z]+(?=[A-Z][a-z]))(?P<description>.+)$"
)


def seed_parameters() -> dict[str, dict[str, Any]]:
    """The seed's table of join_conference parameters: type, required, default, possible values."""
    text = seed_text()
    table = text.split("join_conference Parameters", 1)[1].split("\nVariables\n", 1)[0]
    rows: dict[str, dict[str, Any]] = {}
    last = None
    for line in table.splitlines():
        found = SEED_ROW.match(line.strip())
        if found:
            last = found["name"]
            rows[last] = {"type": found["type"], "required": found["required"] == "Required", "default": found["default"], "values": None}
        elif line.startswith("Possible Values:") and last is not None:
            rows[last]["values"] = [v.strip() for v in line.split(":", 1)[1].split(",")]
    return rows


def field_of(cls: type, name: str) -> dataclasses.Field[Any]:
    return next(f for f in dataclasses.fields(cls) if f.name == name)


def enum_of(cls: type, name: str) -> type[enum.Enum] | None:
    hint = typing.get_type_hints(cls)[name]
    found = [a for a in typing.get_args(hint) if isinstance(a, type) and issubclass(a, enum.Enum)]
    return found[0] if found else None


def test_every_parameter_of_the_seed_is_a_field_with_its_type_enum_and_default(m: ModuleType) -> None:
    rows = seed_parameters()
    assert len(rows) == 18 and "result" in rows and "recording_status_callback_event" in rows
    fields = {f.name: f for f in dataclasses.fields(m.JoinConference)}
    assert sorted(fields) == sorted(rows)
    hints = typing.get_type_hints(m.JoinConference)
    for name, row in rows.items():
        field = fields[name]
        # Required: no default; optional: absent (UNSET) unless set, whatever the default.
        assert field.default is (dataclasses.MISSING if row["required"] else m.UNSET), name
        values = row["values"]
        kind = enum_of(m.JoinConference, name)
        if values is not None:
            assert kind is not None, name
            assert [member.value for member in kind] == values, name
        if row["default"] == "-":
            assert "default" not in field.metadata, name
        else:
            expected: Any = {"boolean": row["default"] == "true", "integer": int(row["default"]) if row["default"].isdigit() else None}.get(row["type"], row["default"])
            assert field.metadata["default"] == expected, name
            if kind is not None:
                kind(expected)  # the default is one of the enum's values
        plain = {"string": str, "boolean": bool, "integer": int}.get(row["type"])
        if plain is not None:
            assert (kind or plain) in typing.get_args(hints[name]) or hints[name] is plain, name


def test_enums_and_defaults_of_join_conference(m: ModuleType) -> None:
    """The seed's values, spelled out (runs without the seed file too)."""
    assert [b.value for b in m.Beep] == ["true", "false", "onEnter", "onExit"]
    assert m.Beep.ON_ENTER.value == "onEnter" and m.Beep.ON_EXIT.value == "onExit"
    assert [r.value for r in m.Record] == ["do-not-record", "record-from-start"]
    assert [t.value for t in m.Trim] == ["trim-silence", "do-not-trim"]
    assert [e.value for e in m.StatusCallbackEvent] == ["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"]
    assert [e.value for e in m.RecordingStatusCallbackEvent] == ["in-progress", "completed", "absent"]
    assert [e.value for e in m.CallbackMethod] == ["GET", "POST"]
    assert enum_of(m.JoinConference, "status_callback_method") is m.CallbackMethod
    assert enum_of(m.JoinConference, "recording_status_callback_method") is m.CallbackMethod
    defaults = {f.name: f.metadata.get("default") for f in dataclasses.fields(m.JoinConference) if "default" in f.metadata}
    assert defaults == {
        "muted": False,
        "beep": "true",
        "start_on_enter": True,
        "end_on_exit": False,
        "max_participants": 250,
        "record": "do-not-record",
        "trim": "trim-silence",
        "status_callback_method": "POST",
        "recording_status_callback_method": "POST",
    }
    # Left out, a defaulted field stays out of the document: its reader applies the default.
    assert m.JoinConference(name="x").to_dict() == {"join_conference": {"name": "x"}}
    assert "Default: ``250``" in Path(m.__file__).read_text(encoding="utf-8")
    assert m.SWMLDocument(sections={"main": []}).version == "1.0.0"


# -- building documents ---------------------------------------------------------------


def build_examples(m: ModuleType) -> dict[str, Any]:
    return {
        "Basic Conference Join": m.SWMLDocument(sections={"main": [m.JoinConference(name="team_meeting")]}),
        "Conference with Custom Settings": m.SWMLDocument(
            sections={
                "main": [
                    m.JoinConference(
                        name="team_meeting",
                        muted=False,
                        beep=m.Beep.ON_ENTER,
                        start_on_enter=True,
                        max_participants=10,
                        record=m.Record.RECORD_FROM_START,
                    )
                ]
            }
        ),
        "Conference with Status Callbacks": m.SWMLDocument(
            sections={
                "main": [
                    m.JoinConference(
                        name="support_call",
                        status_callback_event=m.StatusCallbackEvent.JOIN,
                        status_callback="https://example.com/conference-status",
                        status_callback_method=m.CallbackMethod.POST,
                        recording_status_callback="https://example.com/recording-status",
                        recording_status_callback_event=m.RecordingStatusCallbackEvent.COMPLETED,
                    )
                ]
            }
        ),
    }


@pytest.mark.parametrize("title", list(EXAMPLES))
def test_seed_examples_built_in_python_parse_equal_to_the_seeds_yaml(m: ModuleType, title: str) -> None:
    document = build_examples(m)[title]
    expected = yaml.safe_load(EXAMPLES[title])
    assert document.to_dict() == expected
    assert yaml.safe_load(document.to_yaml()) == expected
    assert json.loads(document.to_json()) == expected
    assert document.to_yaml().startswith("version: 1.0.0\nsections:\n  main:\n  - join_conference:\n")


@pytest.mark.parametrize("title", list(EXAMPLES))
def test_seed_examples_read_back_into_the_same_objects(m: ModuleType, title: str) -> None:
    built = build_examples(m)[title]
    read = m.SWMLDocument.from_yaml(EXAMPLES[title])
    assert read == built
    assert isinstance(read.sections["main"][0], m.JoinConference)
    assert m.SWMLDocument.from_json(built.to_json()) == built


def full_document() -> dict[str, Any]:
    """Every parameter set, both forms of `result`, a second section."""
    cond = [
        {"when": 'return_value == "completed"', "then": [{"join_conference": {"name": "debrief"}}], "else": []},
        {"else": [{"join_conference": {"name": "retry", "beep": "false"}}]},
    ]
    return {
        "version": "1.0.0",
        "sections": {
            "main": [
                {
                    "join_conference": {
                        "name": "team_meeting",
                        "muted": True,
                        "beep": "onExit",
                        "start_on_enter": False,
                        "end_on_exit": True,
                        "wait_url": "https://example.com/hold.mp3",
                        "max_participants": 3,
                        "record": "record-from-start",
                        "region": "us-east",
                        "trim": "do-not-trim",
                        "coach": "CA1234",
                        "status_callback_event": "speaker",
                        "status_callback": "https://example.com/status",
                        "status_callback_method": "GET",
                        "recording_status_callback": "https://example.com/recording",
                        "recording_status_callback_method": "GET",
                        "recording_status_callback_event": "absent",
                        "result": {
                            "variable": "join_conference_result",
                            "case": {"failed": [{"join_conference": {"name": "fallback"}}]},
                            "default": [],
                        },
                    }
                }
            ],
            "after": [{"join_conference": {"name": "second", "result": cond}}],
        },
    }


def test_round_trip_dict_objects_dict_is_identity(m: ModuleType) -> None:
    data = full_document()
    document = m.SWMLDocument.from_dict(data)
    main = document.sections["main"][0]
    assert main.beep is m.Beep.ON_EXIT and main.trim is m.Trim.DO_NOT_TRIM
    assert isinstance(main.result, m.Switch) and main.result.case["failed"][0].name == "fallback"
    after = document.sections["after"][0].result
    assert isinstance(after[0], m.CondWhen) and isinstance(after[1], m.CondElse)
    assert after[1].else_[0].beep is m.Beep.FALSE
    assert document.to_dict() == data
    assert m.SWMLDocument.from_dict(document.to_dict()) == document
    assert yaml.safe_load(document.to_yaml()) == data
    for title, text in EXAMPLES.items():
        assert m.SWMLDocument.from_dict(yaml.safe_load(text)).to_dict() == yaml.safe_load(text), title


@pytest.mark.parametrize(
    ("arguments", "field", "words"),
    [
        ({"beep": "sometimes"}, "beep", "'sometimes' is not one of"),
        ({"max_participants": "ten"}, "max_participants", "'ten' is not of type 'integer'"),
        ({"record": "always"}, "record", "'always' is not one of"),
        ({"muted": "no"}, "muted", "is not of type 'boolean'"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(swml: ModuleType, m: ModuleType, arguments: dict[str, Any], field: str, words: str) -> None:
    document = m.SWMLDocument(sections={"main": [m.JoinConference(name="team_meeting", **arguments)]})
    for emit in (document.to_dict, document.to_json, document.to_yaml):
        with pytest.raises(swml.DocumentError) as caught:
            emit()
        assert caught.value.field == field
        assert str(caught.value).startswith(f"sections.main[0].join_conference.{field}: ")
        assert words in str(caught.value)
        assert isinstance(caught.value, ValueError)
    data = {"version": "1.0.0", "sections": {"main": [{"join_conference": {"name": "x", **arguments}}]}}
    with pytest.raises(swml.DocumentError, match=rf"join_conference\.{field}: "):
        m.SWMLDocument.from_dict(data)


def test_structural_mistakes_are_refused_too(swml: ModuleType, m: ModuleType) -> None:
    with pytest.raises(swml.DocumentError, match=r"^sections: 'main' is a required property"):
        m.SWMLDocument(sections={"other": []}).to_dict()
    with pytest.raises(swml.DocumentError) as caught:
        m.SWMLDocument.from_dict({"version": "1.0.0", "sections": {"main": [{"join_conference": {"name": "x", "bogus": 1}}]}})
    assert "'bogus' was unexpected" in str(caught.value)
    with pytest.raises(swml.DocumentError, match=r"result\[0\]\.then\[0\]\.join_conference\.name: 3 is not of type 'string'"):
        m.SWMLDocument(sections={"main": [m.JoinConference(name="a", result=[m.CondWhen(when="x", then=[m.JoinConference(name=3)])])]}).to_yaml()
    swml.validate(full_document())  # the module-level check accepts a valid document


def test_the_package_ships_its_schema_and_needs_no_client(swml: ModuleType) -> None:
    package = OUTPUT / PACKAGE
    assert json.loads((package / "_schema.json").read_text(encoding="utf-8")) == json.loads(SWML.read_text(encoding="utf-8"))
    assert not (package / "client.py").exists() and not (package / "errors.py").exists()
    pyproject = (OUTPUT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"jsonschema>=' in pyproject and '"pyyaml>=' in pyproject
    assert 'packages = ["signalwire_swml"]' in pyproject


# -- output/swml is what the generator makes --------------------------------------------


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Result:
    """The spec generated from scratch, laid out as in the repository (specs/ beside output/swml)."""
    root = tmp_path_factory.mktemp("fresh-swml")
    (root / "specs").mkdir()
    shutil.copyfile(SWML, root / "specs" / SWML.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        return generate_files(Job(str(root / "specs" / SWML.name), root / "output" / "swml", PACKAGE))


def test_committed_swml_output_equals_a_fresh_generation(fresh: Result) -> None:
    committed = {
        p.relative_to(OUTPUT).as_posix(): p.read_bytes()
        for p in sorted(OUTPUT.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and ".mypy_cache" not in p.parts
    }
    assert sorted(committed) == sorted([*fresh.files, MANIFEST])
    assert [path for path, text in fresh.files.items() if committed[path] != text.encode()] == []
    assert committed[MANIFEST] == fresh.manifest.dumps().encode()
    assert list(fresh.manifest.inputs) == ["../../specs/swml_join_conference.json"]
    assert fresh.warnings == ()


def test_committed_swml_package_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    usage = tmp_path / "usage.py"
    usage.write_text(
        "from signalwire_swml.models import Beep, JoinConference, SWMLDocument\n"
        'document = SWMLDocument(sections={"main": [JoinConference(name="team_meeting", beep=Beep.ON_ENTER)]})\n'
        "text: str = document.to_yaml()\n"
        "again: SWMLDocument = SWMLDocument.from_yaml(text)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), PACKAGE, str(usage)],
        cwd=OUTPUT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_mypy_catches_a_wrong_value_in_a_document(tmp_path: Path, mypy_cache: Path) -> None:
    usage = tmp_path / "wrong.py"
    usage.write_text(
        "from signalwire_swml.models import JoinConference\n"
        'JoinConference(name="team_meeting", max_participants="ten")\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), str(usage)],
        cwd=OUTPUT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1 and "max_participants" in done.stdout, done.stdout


# -- the generator on JSON Schema input -------------------------------------------------


def generate_schema(root: Path, schema: Any, name: str = "schema.json", package: str = "models_pkg", **options: Any) -> dict[str, bytes]:
    root.mkdir(parents=True, exist_ok=True)
    text = schema if isinstance(schema, str) else json.dumps(schema, indent=2)
    (root / name).write_text(text, encoding="utf-8")
    generate(Job(str(root / name), root / "out", package, **options))
    assert_imports(root / "out", package)
    return {p.relative_to(root / "out").as_posix(): p.read_bytes() for p in sorted((root / "out").rglob("*")) if p.is_file()}


def reordered(value: Any, keep_order: bool = False) -> Any:
    """Every mapping in reverse key order, except under `properties` (the fields' order)."""
    if isinstance(value, dict):
        items = list(value.items()) if keep_order else list(reversed(list(value.items())))
        return {key: reordered(item, keep_order or key == "properties") for key, item in items}
    if isinstance(value, list):
        return [reordered(item, keep_order) for item in value]
    return value


def test_reordering_the_schema_changes_no_generated_byte(tmp_path: Path) -> None:
    original = json.loads(SWML.read_text(encoding="utf-8"))
    shuffled = reordered(original)
    assert shuffled == original
    assert list(shuffled["$defs"]) == list(reversed(list(original["$defs"])))
    assert list(shuffled) == list(reversed(list(original)))
    first = generate_schema(tmp_path / "a", original, package=PACKAGE)
    second = generate_schema(tmp_path / "b", json.dumps(shuffled), package=PACKAGE)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_generation_of_the_swml_schema_is_repeatable(tmp_path: Path) -> None:
    text = SWML.read_text(encoding="utf-8")
    assert generate_schema(tmp_path / "a", text, package=PACKAGE) == generate_schema(tmp_path / "b", text, package=PACKAGE)


DRAFT7 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Pet store order",
    "type": "object",
    "properties": {
        "class": {"type": "string", "description": "A keyword as a name."},
        "pet": {"$ref": "#/definitions/Pet"},
        "lines": {"type": "array", "items": {"$ref": "#/definitions/Line"}},
        "status": {"enum": ["placed", "in-transit", "delivered"], "default": "placed"},
        "from": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        "kind": {"const": "order"},
        "note": {"type": ["string", "null"]},
    },
    "required": ["pet", "class"],
    "additionalProperties": False,
    "definitions": {
        "Pet": {
            "oneOf": [{"$ref": "#/definitions/Cat"}, {"$ref": "#/definitions/Dog"}],
        },
        "Cat": {"type": "object", "properties": {"meows": {"type": "boolean"}}, "required": ["meows"], "additionalProperties": False},
        "Dog": {"type": "object", "properties": {"barks": {"type": "boolean", "default": True}}, "required": ["barks"], "additionalProperties": False},
        "Line": {"type": "object", "properties": {"sku": {"type": "string"}, "count": {"type": "integer", "minimum": 1}}},
    },
}


def test_a_draft_07_schema_with_definitions(tmp_path: Path) -> None:
    files = generate_schema(tmp_path, DRAFT7, package="pet_store")
    models = files["pet_store/models.py"].decode()
    assert "class PetStoreOrder(Document):" in models
    assert "class_: str = field(metadata={\"wire\": \"class\"})" in models
    assert "from_: str | int | Unset = field(default=UNSET, metadata={\"wire\": \"from\"})" in models
    assert "Pet = Cat | Dog" in models
    assert "class Status(OpenStrEnum):" in models and "IN_TRANSIT = \"in-transit\"" in models
    assert "note: str | None | Unset = UNSET" in models
    assert "class Kind(OpenStrEnum):" in models and 'ORDER = "order"' in models  # a const is a one-value enum
    assert "barks: bool = field(default=True, metadata={\"required\": True})" in models  # required with a default: starts with it, always written
    package = import_package(tmp_path / "out", "pet_store")
    m = package.models
    order = m.PetStoreOrder(class_="express", pet=m.Dog(barks=True), lines=[m.Line(sku="a", count=2)], from_=3)
    data = order.to_dict()
    assert data == {"class": "express", "pet": {"barks": True}, "lines": [{"sku": "a", "count": 2}], "from": 3}
    assert m.PetStoreOrder.from_dict(data) == order
    assert isinstance(m.PetStoreOrder.from_dict({"class": "x", "pet": {"meows": False}}).pet, m.Cat)
    with pytest.raises(package.DocumentError) as caught:
        m.PetStoreOrder(class_="x", pet=m.Cat(meows=True), lines=[m.Line(count=0)]).to_dict()
    assert caught.value.path == ("lines", 0, "count") and caught.value.field == "count"


def test_input_kind_is_told_by_the_openapi_key_or_chosen(tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text(json.dumps(DRAFT7), encoding="utf-8")
    done = run_cli("generate", "schema.json", "-o", "auto", "-p", "pets", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "auto" / "pets" / "_document.py").is_file() and not (tmp_path / "auto" / "pets" / "client.py").exists()
    done = run_cli("generate", "schema.json", "-o", "chosen", "-p", "pets", "--input", "jsonschema", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "chosen" / "pets" / "models.py").read_bytes() == (tmp_path / "auto" / "pets" / "models.py").read_bytes()
    assert_imports(tmp_path / "chosen", "pets")
    done = run_cli("generate", "schema.json", "-o", "forced", "--input", "openapi", cwd=tmp_path)
    assert done.returncode == 2 and "no `openapi` field" in done.stderr
    assert not (tmp_path / "forced").exists()
    done = run_cli("validate", "schema.json", cwd=tmp_path)
    assert done.returncode == 0 and "valid JSON Schema, " in done.stdout, done.stderr


def bad_input(tmp_path: Path, text: str, name: str = "bad.json") -> tuple[re.Match[str], str]:
    """Generate from `text` over an earlier output: exit 2, one error line, the output untouched."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "out" / "keep").mkdir(parents=True, exist_ok=True)
    (tmp_path / "out" / "keep" / "file.txt").write_text("kept\n", encoding="utf-8")
    before = sorted((p.as_posix(), p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file())
    done = run_cli("generate", name, "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert sorted((p.as_posix(), p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file()) == before
    found = ERROR_LINE.match(lines[0])
    assert found is not None, lines[0]
    assert found["file"] == name
    return found, lines[0]


def test_bad_input_a_schema_the_meta_schema_refuses(tmp_path: Path) -> None:
    schema = json.loads(json.dumps(DRAFT7))
    schema["definitions"]["Line"]["properties"]["count"]["minimum"] = "one"
    found, line = bad_input(tmp_path, json.dumps(schema, indent=2))
    assert found["pointer"] == "#/definitions/Line/properties/count/minimum"
    assert found["line"] is not None and '"minimum": "one"' in json.dumps(schema, indent=2).splitlines()[int(found["line"]) - 1]
    assert "invalid JSON Schema" in line and "'one' is not of type 'number'" in line


def test_bad_input_an_unresolvable_ref(tmp_path: Path) -> None:
    text = "$schema: https://json-schema.org/draft/2020-12/schema\ntype: object\nproperties:\n  a:\n    $ref: '#/$defs/Missing'\n"
    found, line = bad_input(tmp_path, text, "bad.yaml")
    assert found["pointer"] == "#/properties/a/$ref" and found["line"] == "5"
    assert "unresolvable $ref '#/$defs/Missing'" in line


def test_bad_input_an_unknown_dialect_or_no_schema_at_all(tmp_path: Path) -> None:
    found, line = bad_input(tmp_path, '{\n  "$schema": "https://example.com/my-dialect",\n  "type": "object"\n}\n')
    assert found["pointer"] == "#/$schema" and found["line"] == "2" and "unsupported $schema" in line
    found, line = bad_input(tmp_path, '{\n  "info": {"title": "x"},\n  "paths": {}\n}\n')
    assert found["pointer"] == "#" and "neither an OpenAPI document" in line


def test_bad_input_broken_json(tmp_path: Path) -> None:
    found, line = bad_input(tmp_path, '{\n  "type": "object",\n  "properties": {\n}\n')
    assert found["line"] is not None


def test_wrapper_objects_become_one_class_and_others_do_not(tmp_path: Path) -> None:
    schema = {
        "$defs": {
            "Play": {
                "type": "object",
                "properties": {"play": {"type": "object", "properties": {"url": {"type": "string"}}, "required": ["url"]}},
                "required": ["play"],
                "additionalProperties": False,
            },
            "Open": {"type": "object", "properties": {"data": {"type": "object", "properties": {"x": {"type": "integer"}}}}, "required": ["data"]},
        },
        "type": "array",
        "items": {"oneOf": [{"$ref": "#/$defs/Play"}, {"$ref": "#/$defs/Open"}]},
    }
    document = load(str(_write(tmp_path / "w.json", schema)))
    api = build_schema_model(Resolver(document))
    names = build_names(api, "w")
    by_name = {names.types[t.key]: t for t in api.types}
    assert by_name["Play"].wrapper == "play" and [p.wire_name for p in by_name["Play"].properties] == ["url"]  # type: ignore[union-attr]
    assert by_name["Open"].wrapper is None and [p.wire_name for p in by_name["Open"].properties] == ["data"]  # type: ignore[union-attr]
    generate_schema(tmp_path / "gen", schema, package="wrapped")
    m = import_package(tmp_path / "gen" / "out", "wrapped").models
    assert m.Play(url="a.mp3").to_dict() == {"play": {"url": "a.mp3"}}
    assert m.Play.from_dict({"play": {"url": "b.mp3"}}) == m.Play(url="b.mp3")


def _write(path: Path, schema: Any) -> Path:
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def test_external_refs_are_refused_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text('{"type": "string"}', encoding="utf-8")
    (tmp_path / "main.json").write_text('{"type": "object", "properties": {"a": {"$ref": "other.json"}}}', encoding="utf-8")
    with pytest.raises(SpecError, match="other documents are not supported"):
        generate_files(Job(str(tmp_path / "main.json"), tmp_path / "out", "x"))


def test_the_readme_example_runs(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## SWML documents from a JSON Schema", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-B", str(tmp_path / "example.py")],
        cwd=OUTPUT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(OUTPUT), "PATH": os.environ.get("PATH", "")},
    )
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert yaml.safe_load("\n".join(printed[:-1])) == {
        "version": "1.0.0",
        "sections": {"main": [{"join_conference": {"name": "team_meeting", "beep": "onEnter", "max_participants": 10, "record": "record-from-start"}}]},
    }
    assert printed[-1].startswith("sections.main[0].join_conference.beep: 'sometimes' is not one of")


def test_refs_through_the_root_id_stay_in_the_document(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.com/schemas/pair.json",
        "title": "Pair",
        "type": "object",
        "properties": {
            "left": {"$ref": "https://example.com/schemas/pair.json#/$defs/Side"},
            "right": {"$ref": "#/$defs/Side"},
        },
        "$defs": {"Side": {"type": "object", "properties": {"size": {"type": "integer"}}, "required": ["size"]}},
    }
    files = generate_schema(tmp_path, schema, package="pair")
    models = files["pair/models.py"].decode()
    assert models.count("class Side(Model):") == 1
    assert "left: Side | Unset = UNSET" in models and "right: Side | Unset = UNSET" in models
    assert list(json.loads(files[MANIFEST])["inputs"]) == ["../schema.json"]
    m = import_package(tmp_path / "out", "pair").models
    pair = m.Pair.from_dict({"left": {"size": 1}, "right": {"size": 2}})
    assert pair.left == m.Side(size=1)
    with pytest.raises(ValueError, match=r"^left\.size: 'x' is not of type 'integer'"):
        m.Pair(left=m.Side(size="x")).to_json()


@pytest.mark.parametrize("path", sorted((OUTPUT / PACKAGE).glob("*.py")), ids=lambda p: p.name)
def test_generated_swml_module_is_black_stable(path: Path) -> None:
    import black

    from generator.output.format import mode

    text = path.read_text(encoding="utf-8")
    assert black.format_str(text, mode=mode()) == text


def test_the_built_wheel_ships_the_schema_and_works_installed(tmp_path: Path) -> None:
    """A real wheel of output/swml, unpacked as an installer would, used from a fresh process."""
    import zipfile

    source = tmp_path / "source"
    shutil.copytree(OUTPUT, source, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(source), "-w", str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = (tmp_path / "dist").glob("signalwire_swml-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert f"{PACKAGE}/_schema.json" in names and f"{PACKAGE}/py.typed" in names
    code = (
        "from signalwire_swml import DocumentError\n"
        "from signalwire_swml.models import Beep, JoinConference, SWMLDocument\n"
        'print(SWMLDocument(sections={"main": [JoinConference(name="a", beep=Beep.ON_EXIT)]}).to_json(indent=None), end="")\n'
        "try:\n"
        '    SWMLDocument(sections={"main": [JoinConference(name="a", max_participants="ten")]}).to_dict()\n'
        "except DocumentError as error:\n"
        '    print("|" + error.field)\n'
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    assert done.returncode == 0, done.stderr
    document, field = done.stdout.strip().split("|")
    assert json.loads(document) == {"version": "1.0.0", "sections": {"main": [{"join_conference": {"name": "a", "beep": "onExit"}}]}}
    assert field == "max_participants"


def test_a_definition_named_like_the_document_base_is_renamed(tmp_path: Path) -> None:
    schema = {
        "title": "Archive",
        "type": "object",
        "properties": {"items": {"type": "array", "items": {"$ref": "#/$defs/Document"}}},
        "$defs": {"Document": {"type": "object", "properties": {"id": {"type": "string"}}}},
    }
    models = generate_schema(tmp_path, schema, package="archive")["archive/models.py"].decode()
    assert "class Document_(Model):" in models and "class Archive(Document):" in models  # as a reserved name is in an SDK
    m = import_package(tmp_path / "out", "archive").models
    assert m.Archive.from_dict({"items": [{"id": "a"}]}).items == [m.Document_(id="a")]


def test_a_default_that_does_not_match_its_schema_is_a_warning_and_an_error_when_strict(tmp_path: Path) -> None:
    schema = json.loads(json.dumps(DRAFT7))
    schema["properties"]["status"]["default"] = "lost"
    schema["definitions"]["Line"]["properties"]["count"]["default"] = 0
    schema["properties"]["pet"]["default"] = {"meows": "yes"}  # through $ref to a union
    text = json.dumps(schema, indent=2)
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")

    done = run_cli("generate", "bad.json", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    *warnings, total = done.stderr.splitlines()
    assert total == "3 warnings"
    assert len(warnings) == 3 and all(w.startswith("warning: bad.json:") for w in warnings), warnings
    assert any("#/properties/status/default: default 'lost' is not one of" in w for w in warnings)
    assert any("#/properties/pet/default" in w for w in warnings)
    count = next(w for w in warnings if "#/definitions/Line/properties/count/default" in w)
    assert "0 is less than the minimum of 1: kept" in count
    line = int(count.split(":")[2].split(" ")[0])
    assert '"default": 0' in text.splitlines()[line - 1]
    assert (tmp_path / "out" / "pet_store_order" / "models.py").is_file()  # the package named from the title
    assert_imports(tmp_path / "out", "pet_store_order")

    before = sorted((p.as_posix(), p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file())
    strict = run_cli("generate", "bad.json", "-o", "out", "--strict", cwd=tmp_path)
    assert strict.returncode == 2, strict.stderr
    errors = strict.stderr.splitlines()
    assert [e.replace("error: ", "warning: ", 1) for e in errors] == [w.rsplit(": ", 1)[0] for w in warnings]
    assert sorted((p.as_posix(), p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file()) == before


def test_the_seeds_defaults_match_their_schemas() -> None:
    from generator.jsonschema.validate import _defaults, validate_schema

    document = load(str(SWML))
    assert len(_defaults(document.contents)) == 11  # version, nine join_conference defaults, switch variable
    assert validate_schema(document) == []

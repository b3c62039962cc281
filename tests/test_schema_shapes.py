"""Schema shapes the models carry: unions that contain themselves, enums written as
`oneOf` of constants, member names the spec gives, defaults of every type, `prefixItems`.

One small spec is generated, imported in this process and in a fresh one, exercised,
and checked with mypy --strict (with a usage module that relies on the types).
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import assert_imports, import_package, runtime_of

from generator.config import Job
from generator.pipeline import generate

PACKAGE = "shapes_api"


def json_response(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Shapes", "version": "1"},
    "paths": {
        "/trees/{id}": {
            "get": {
                "operationId": "getTree",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": json_response({"$ref": "#/components/schemas/Tree"}),
            }
        },
        "/forests": {"get": {"operationId": "getForest", "responses": json_response({"$ref": "#/components/schemas/Forest"})}},
        "/calls": {"get": {"operationId": "getCall", "responses": json_response({"$ref": "#/components/schemas/Call"})}},
        "/schedules": {
            "get": {
                "operationId": "listSchedules",
                "parameters": [
                    {"name": "since", "in": "query", "description": "The first day", "schema": {"type": "string", "format": "date", "default": "2024-01-01"}}
                ],
                "responses": json_response({"$ref": "#/components/schemas/Schedule"}),
            }
        },
    },
    "components": {
        "schemas": {
            "Leaf": {
                "type": "object",
                "required": ["value"],
                "properties": {"value": {"type": "string"}},
            },
            # The union contains itself through a map: `Tree = dict[str, Tree] | Leaf`.
            "Tree": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Leaf"},
                    {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Tree"}},
                ]
            },
            # The issue's order: the map first.
            "Node": {
                "oneOf": [
                    {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Node"}},
                    {"$ref": "#/components/schemas/Leaf"},
                ]
            },
            # Through a list, and nullable, so that a bare self-reference stands beside None.
            "Chain": {
                "anyOf": [
                    {"type": "array", "items": {"anyOf": [{"$ref": "#/components/schemas/Chain"}, {"type": "null"}]}},
                    {"$ref": "#/components/schemas/Leaf"},
                ]
            },
            # Two unions that contain each other: the first is written before the second is defined.
            "Apple": {"oneOf": [{"$ref": "#/components/schemas/Banana"}, {"$ref": "#/components/schemas/Leaf"}]},
            "Banana": {"oneOf": [{"type": "array", "items": {"$ref": "#/components/schemas/Apple"}}, {"type": "integer"}]},
            # One enum written as constants, named by their titles; null makes it nullable.
            "CallState": {
                "description": "Where a call is.",
                "oneOf": [
                    {"title": "Ringing now", "const": "ringing", "description": "Not answered yet."},
                    {"title": "Answered", "const": "answered"},
                    {"title": "On hold", "const": "hold"},
                    {"const": "parked"},
                ],
            },
            "Priority": {"type": "integer", "enum": [1, 2, 3], "x-enum-varnames": ["LOW", "MEDIUM", "HIGH"]},
            "Colour": {"type": "string", "enum": ["#800000", "#add8e6", None], "x-enumNames": ["Dark red", "Light blue", "None"]},
            "Call": {
                "type": "object",
                "required": ["state"],
                "properties": {
                    "state": {"$ref": "#/components/schemas/CallState"},
                    "previous": {"anyOf": [{"const": "ringing", "title": "Rang"}, {"const": "hold", "title": "Held"}, {"const": None}]},
                    "priority": {"$ref": "#/components/schemas/Priority"},
                    "colour": {"$ref": "#/components/schemas/Colour"},
                },
            },
            "Schedule": {
                "type": "object",
                "properties": {
                    "starts_on": {"type": "string", "format": "date", "default": "2024-02-29"},
                    "starts_at": {"type": "string", "format": "date-time", "default": "2024-02-29T12:30:00Z"},
                    "mode": {"anyOf": [{"type": "string"}, {"type": "integer"}], "default": 5},
                    "choice": {"oneOf": [{"$ref": "#/components/schemas/Leaf"}, {"type": "string"}], "default": "plain"},
                    "leaf": {"$ref": "#/components/schemas/Leaf", "default": {"value": "fallen"}},
                    "anything": {"description": "Whatever is set.", "default": {"a": [1, 2]}},
                    "label": {"default": "none"},
                    "pair": {"type": "array", "prefixItems": [{"$ref": "#/components/schemas/Leaf"}, {"type": "string"}]},
                    "coords": {"type": "array", "prefixItems": [{"type": "number"}, {"type": "number"}], "items": False},
                    "tagged": {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer"}},
                    "span": {"type": "array", "prefixItems": [{"type": "string", "format": "date-time"}, {"type": "integer"}]},
                },
            },
            "Forest": {
                "type": "object",
                "properties": {
                    "tree": {"$ref": "#/components/schemas/Tree"},
                    "node": {"$ref": "#/components/schemas/Node"},
                    "chain": {"$ref": "#/components/schemas/Chain"},
                    "apple": {"$ref": "#/components/schemas/Apple"},
                },
            },
        }
    },
}


@pytest.fixture(scope="module")
def sdk_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes")
    (root / "shapes.yml").write_text(yaml.safe_dump(SPEC, sort_keys=False), encoding="utf-8")
    generate(Job(str(root / "shapes.yml"), root / "out", PACKAGE))
    return root / "out"


@pytest.fixture(scope="module")
def sdk(sdk_root: Path) -> Iterator[ModuleType]:
    yield import_package(sdk_root, PACKAGE)


def models(sdk: ModuleType) -> Any:
    return sys.modules[f"{PACKAGE}.models"]


def test_the_package_imports_in_a_fresh_process(sdk_root: Path) -> None:
    assert_imports(sdk_root, PACKAGE)


def test_a_union_that_contains_itself_is_an_alias_naming_itself(sdk_root: Path) -> None:
    text = (sdk_root / PACKAGE / "models.py").read_text(encoding="utf-8")
    assert 'Tree = Leaf | dict[str, "Tree"]' in text
    assert 'Node = dict[str, "Node"] | Leaf' in text
    assert 'Chain = list[Union["Chain", None]] | Leaf' in text
    assert "Apple = Union[\"Banana\", Leaf]" in text and "Banana = list[Apple] | int" in text


def test_a_union_that_contains_itself_decodes_at_every_depth(sdk: ModuleType) -> None:
    m = models(sdk)
    runtime = runtime_of(PACKAGE)
    tree = runtime.decode(m.Tree, {"a": {"b": {"value": "deep"}}, "c": {"value": "shallow"}})
    assert tree == {"a": {"b": m.Leaf(value="deep")}, "c": m.Leaf(value="shallow")}
    chain = runtime.decode(m.Chain, [[{"value": "x"}, None], {"value": "y"}])
    assert chain == [[m.Leaf(value="x"), None], m.Leaf(value="y")]
    forest = m.Forest.from_dict({"tree": {"k": {"value": "v"}}, "chain": [{"value": "z"}]})
    assert forest.tree == {"k": m.Leaf(value="v")}
    assert forest.chain == [m.Leaf(value="z")]
    assert forest.to_dict() == {"tree": {"k": {"value": "v"}}, "chain": [{"value": "z"}]}
    assert m.Forest.from_dict({"apple": [[{"value": "a"}], 3]}).apple == [[m.Leaf(value="a")], 3]


def test_the_package_passes_mypy_strict_with_a_usage_module(sdk_root: Path, mypy_cache: Path) -> None:
    usage = sdk_root / "usage_shapes.py"
    usage.write_text(
        "from shapes_api.models import Call, CallState, Chain, Colour, Forest, Leaf, Priority, Tree\n"
        "call = Call(state=CallState.ON_HOLD, priority=Priority.HIGH, colour=Colour.DARK_RED)\n"
        "from shapes_api.models import Schedule\n"
        'schedule = Schedule(pair=[Leaf(value="v"), "s"], coords=[1.0, 2.0])\n'
        "import datetime\n"
        "day: datetime.date | None = None if isinstance(schedule.starts_on, type(None)) else schedule.starts_on\n"
        'tree: Tree = {"a": {"b": Leaf(value="deep")}}\n'
        'chain: Chain = [[Leaf(value="x"), None], Leaf(value="y")]\n'
        "forest = Forest(tree=tree, chain=chain)\n"
        "from shapes_api.models import Apple\n"
        'apple: Apple = [[Leaf(value="a")], 3]\n'
        "forest = Forest(apple=apple)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), PACKAGE, str(usage)],
        cwd=sdk_root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    usage.unlink()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_an_enum_written_as_constants_is_one_enum_named_by_the_titles(sdk: ModuleType) -> None:
    m = models(sdk)
    assert [(member.name, member.value) for member in m.CallState] == [
        ("RINGING_NOW", "ringing"),
        ("ANSWERED", "answered"),
        ("ON_HOLD", "hold"),
        ("PARKED", "parked"),  # no title: named from its value
    ]
    call = m.Call.from_dict({"state": "hold", "previous": None})
    assert call.state is m.CallState.ON_HOLD and call.previous is None
    previous = type(m.Call.from_dict({"state": "ringing", "previous": "hold"}).previous)
    assert [(member.name, member.value) for member in previous] == [("RANG", "ringing"), ("HELD", "hold")]
    assert m.Call(state=m.CallState.RINGING_NOW).to_dict() == {"state": "ringing"}
    # An enum stays open: a value the spec does not list is kept, not refused.
    assert m.Call.from_dict({"state": "transferred"}).state == "transferred"


def test_x_enum_varnames_and_x_enum_names_name_the_members(sdk: ModuleType) -> None:
    m = models(sdk)
    assert [(member.name, member.value) for member in m.Priority] == [("LOW", 1), ("MEDIUM", 2), ("HIGH", 3)]
    assert [(member.name, member.value) for member in m.Colour] == [("DARK_RED", "#800000"), ("LIGHT_BLUE", "#add8e6")]
    call = m.Call.from_dict({"state": "answered", "priority": 3, "colour": "#add8e6"})
    assert call.priority is m.Priority.HIGH and call.colour is m.Colour.LIGHT_BLUE


def test_defaults_of_every_type_are_the_attributes_parsed_values(sdk: ModuleType) -> None:
    m = models(sdk)
    schedule = m.Schedule()
    assert schedule.starts_on == datetime.date(2024, 2, 29)
    assert schedule.starts_at == datetime.datetime(2024, 2, 29, 12, 30, tzinfo=datetime.timezone.utc)
    assert schedule.mode == 5  # a default on anyOf
    assert schedule.choice == "plain"  # ... and on a oneOf of a model and a string
    assert schedule.leaf == m.Leaf(value="fallen")  # a model's default, decoded
    assert schedule.anything == {"a": [1, 2]} and schedule.label == "none"  # untyped schemas
    # Mutable defaults are built per instance.
    other = m.Schedule()
    assert other.anything == schedule.anything and other.anything is not schedule.anything
    assert other.leaf is not schedule.leaf
    # A value decoded from the wire wins over the default; one left out takes it.
    decoded = m.Schedule.from_dict({"starts_on": "2025-01-31", "mode": "fast"})
    assert decoded.starts_on == datetime.date(2025, 1, 31) and decoded.mode == "fast"
    assert decoded.starts_at == datetime.datetime(2024, 2, 29, 12, 30, tzinfo=datetime.timezone.utc)


def test_defaults_are_documented_in_the_docstrings(sdk_root: Path, sdk: ModuleType) -> None:
    text = (sdk_root / PACKAGE / "models.py").read_text(encoding="utf-8")
    for note in ('Default: ``"2024-02-29"``.', 'Default: ``"2024-02-29T12:30:00Z"``.', "Default: ``5``.", 'Default: ``"plain"``.'):
        assert note in text, note
    assert 'Whatever is set.\n\n    Default: ``{"a": [1, 2]}``.' in text
    method = sdk.Client(base_url="http://api.test").default.list_schedules
    assert 'since: The first day (the server\'s default: ``"2024-01-01"``)' in (method.__doc__ or "")


def test_prefix_items_are_a_typed_list_whose_elements_are_decoded(sdk_root: Path, sdk: ModuleType) -> None:
    text = (sdk_root / PACKAGE / "models.py").read_text(encoding="utf-8")
    assert "pair: list[Leaf | str] | Unset = UNSET" in text
    assert "coords: list[float] | Unset = UNSET" in text
    assert "tagged: list[str | int] | Unset = UNSET" in text
    assert "span: list[datetime.datetime | int] | Unset = UNSET" in text
    m = models(sdk)
    schedule = m.Schedule.from_dict(
        {"pair": [{"value": "v"}, "second", {"extra": True}], "span": ["2024-03-01T08:00:00+01:00", 90]}
    )
    assert schedule.pair[:2] == [m.Leaf(value="v"), "second"]
    assert schedule.pair[2] == {"extra": True}  # an item the schema does not describe is kept as it came
    assert schedule.span == [datetime.datetime(2024, 3, 1, 8, tzinfo=datetime.timezone(datetime.timedelta(hours=1))), 90]
    assert m.Schedule(pair=[m.Leaf(value="v"), "s"]).to_dict()["pair"] == [{"value": "v"}, "s"]


MISFITS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Misfits", "version": "1"},
    "paths": {"/things": {"get": {"operationId": "getThing", "responses": json_response({"$ref": "#/components/schemas/Thing"})}}},
    "components": {
        "schemas": {
            "Leaf": {"type": "object", "required": ["value"], "properties": {"value": {"type": "string"}}},
            "Thing": {
                "type": "object",
                "properties": {
                    "level": {"type": "integer", "minimum": 1, "default": 0},
                    "kind": {"type": "string", "enum": ["a", "b"], "default": "c"},
                    "count": {"type": "integer", "default": "many"},
                    "day": {"type": "string", "format": "date", "default": "yesterday"},
                    "leaf": {"$ref": "#/components/schemas/Leaf", "default": {}},
                    "kept": {"type": "integer", "minimum": 1, "default": 3},
                },
            },
        }
    },
}


def test_a_default_that_does_not_fit_is_dropped_and_the_package_works(tmp_path: Path) -> None:
    (tmp_path / "misfits.yml").write_text(yaml.safe_dump(MISFITS, sort_keys=False), encoding="utf-8")
    generate(Job(str(tmp_path / "misfits.yml"), tmp_path / "out", "misfits", lenient=True))
    assert_imports(tmp_path / "out", "misfits")
    package = import_package(tmp_path / "out", "misfits")
    m = sys.modules["misfits.models"]
    runtime = runtime_of("misfits")
    thing = m.Thing()
    for dropped in ("kind", "count", "day", "leaf"):
        assert getattr(thing, dropped) is runtime.UNSET, dropped
    # A default of the right type outside the schema's range is still a value (the validator warns): kept.
    assert thing.level == 0
    assert thing.kept == 3
    assert thing.to_dict() == {}  # defaults are not written: only what was set is
    assert package.Client(base_url="http://api.test") is not None
    text = (tmp_path / "out" / "misfits" / "models.py").read_text(encoding="utf-8")
    assert "Default: ``3``." in text and "Default: ``0``." in text and 'Default: ``"many"``.' not in text  # only what is applied is documented

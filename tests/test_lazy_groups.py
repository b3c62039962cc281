"""A large SDK loads each group of operations on first use, and the models of a call when it is made.

The spec is built here: three tagged groups of 35 operations each (past the size from which
the SDK is split by group), with types each group uses alone, one two groups share, one no
operation uses, and a union that names a type defined after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.config import Job
from generator.pipeline import generate
from generator.emit.render import LAZY_FROM

PACKAGE = "zoo"
GROUPS = ("pets", "stores", "keepers")
PER_GROUP = 35
assert len(GROUPS) * PER_GROUP >= LAZY_FROM


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def zoo_spec() -> dict[str, Any]:
    returns = {"pets": "Pet", "stores": "Store", "keepers": "Keeper"}
    paths: dict[str, Any] = {}
    for group in GROUPS:
        for index in range(PER_GROUP):
            paths[f"/{group}/{{id}}/v{index}"] = {
                "get": {
                    "operationId": f"get_{group[:-1]}_v{index}",
                    "tags": [group],
                    "summary": f"Fetch a {group[:-1]}, version {index}.",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": {"description": "Found.", **_json(_ref(returns[group]))}},
                }
            }
    paths["/pets"] = {
        "post": {
            "operationId": "create_pet",
            "tags": ["pets"],
            "requestBody": {"required": True, **_json(_ref("Pet"))},
            "responses": {"201": {"description": "Made.", **_json(_ref("Pet"))}},
        }
    }
    schemas = {
        "Owner": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        "PetKind": {"type": "string", "enum": ["cat", "dog"]},
        "Pet": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "kind": _ref("PetKind"),
                "owner": _ref("Owner"),
                "toy": _ref("Toy"),
            },
        },
        "Toy": {"oneOf": [{"type": "string"}, _ref("Ball")]},
        "Ball": {"type": "object", "properties": {"size": {"type": "integer"}, "inside": _ref("Toy")}},
        "Store": {"type": "object", "properties": {"city": {"type": "string"}, "owner": _ref("Owner")}},
        "Keeper": {"type": "object", "properties": {"badge": {"type": "integer"}}},
        "Sighting": {"type": "object", "properties": {"pet": _ref("Pet"), "at": {"type": "string", "format": "date-time"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Zoo API", "version": "1.0.0"},
        "servers": [{"url": "https://zoo.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zoo SDK, generated cold; the project root."""
    root = tmp_path_factory.mktemp("lazy-groups")
    spec = root / "zoo.json"
    spec.write_text(json.dumps(zoo_spec()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        generate(Job(str(spec), root / "out", PACKAGE))
    return root / "out"


def run(root: Path, code: str) -> Any:
    """What `code` prints as JSON, run in a fresh process with the SDK importable."""
    done = subprocess.run([sys.executable, "-B", "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


MODULES = f"sorted(m for m in sys.modules if m.startswith('{PACKAGE}.'))"
CALL_PETS = (
    "import httpx\n"
    "def answer(request):\n"
    "    return httpx.Response(200, json={'name': 'Rex', 'kind': 'dog', 'owner': {'name': 'Ann'}, 'toy': {'size': 3}})\n"
    f"client = {PACKAGE}.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))\n"
    "pet = client.pets.get_pet_v0('1')\n"
)


def test_the_package_is_split_by_group(zoo: Path) -> None:
    package = zoo / PACKAGE
    assert not (package / "models.py").exists() and not (package / "_operations.py").exists()
    assert {p.name for p in (package / "_groups").glob("*.py")} == {"__init__.py", "pets.py", "stores.py", "keepers.py"}
    defined = {
        p.stem: {line.split("(")[0].split()[1].rstrip(":") for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("class ")}
        for p in (package / "models").glob("*.py")
    }
    # The types the same operations use share a module, named for the one they name most.
    # Owner: the operations of pets and of stores; Sighting: no operation; Toy's union names
    # Ball, defined after it.
    assert defined == {
        "__init__": set(),
        "_owner": {"Owner"},
        "_pet": {"Ball", "Pet", "PetKind"},
        "_store": {"Store"},
        "_keeper": {"Keeper"},
        "_unused": {"Sighting"},
    }
    assert "Toy = " in (package / "models" / "_pet.py").read_text(encoding="utf-8")


def test_importing_the_package_loads_no_group(zoo: Path) -> None:
    loaded = run(zoo, f"import json, sys, {PACKAGE}\nprint(json.dumps({MODULES}))")
    assert not [m for m in loaded if m.startswith((f"{PACKAGE}._groups.", f"{PACKAGE}.models."))]


def test_a_call_loads_its_group_and_the_models_it_uses_only(zoo: Path) -> None:
    before, after, pet = run(
        zoo,
        f"import json, sys, {PACKAGE}\nbefore = {MODULES}\n{CALL_PETS}"
        f"print(json.dumps([before, {MODULES}, [type(pet).__name__, pet.kind.value, pet.owner.name, type(pet.toy).__name__]]))",
    )
    assert set(after) - set(before) == {
        f"{PACKAGE}._groups",
        f"{PACKAGE}._groups.pets",
        f"{PACKAGE}.models._owner",
        f"{PACKAGE}.models._pet",
    }
    assert pet == ["Pet", "dog", "Ann", "Ball"]  # the deferred union found Ball through the lazy models


def test_an_import_and_a_call_load_little_beyond_httpx(zoo: Path) -> None:
    # Start-up is part of every program's cost: besides its own modules the SDK loads only
    # `dataclasses`. `uuid` (which loads `platform`) waits for an operation with an idempotency
    # key: with it made unimportable, importing and calling still work.
    extra = run(
        zoo,
        "import json, sys, httpx\n"
        "httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200))).get('https://example.test/')\n"
        "before = set(sys.modules)\nsys.modules['uuid'] = None\n"
        f"import {PACKAGE}\n{CALL_PETS}"
        "print(json.dumps(sorted(set(sys.modules) - before)))",
    )
    assert {m for m in extra if m.split(".")[0] != PACKAGE} <= {"dataclasses", "uuid"}


def test_two_groups_load_two(zoo: Path) -> None:
    loaded = run(
        zoo,
        f"import json, sys, {PACKAGE}\nclient = {PACKAGE}.Client()\nclient.pets\nclient.with_raw_response.stores\nprint(json.dumps({MODULES}))",
    )
    assert sorted(m for m in loaded if m.startswith(f"{PACKAGE}._groups.")) == [f"{PACKAGE}._groups.pets", f"{PACKAGE}._groups.stores"]
    assert not [m for m in loaded if m.startswith(f"{PACKAGE}.models.")]  # a group's types wait for its calls


def test_public_names_stay_where_they_were(zoo: Path) -> None:
    found = run(
        zoo,
        "import json\n"
        f"from {PACKAGE}.models import Owner, Pet, PetKind, Sighting\n"
        f"from {PACKAGE}.client import AsyncPetsResource, PetsResource, StoresResource\n"
        f"from {PACKAGE} import models, client\n"
        f"from {PACKAGE}.errors import GetPetV0Error\n"
        "names = [Owner.__name__, Pet.__name__, PetKind.CAT.value, Sighting.__name__, PetsResource.__name__, AsyncPetsResource.__name__]\n"
        "missing = []\n"
        "for module, name in ((models, 'Nothing'), (client, 'NothingResource')):\n"
        "    try:\n"
        "        getattr(module, name)\n"
        "    except AttributeError as error:\n"
        "        missing.append(str(error))\n"
        "print(json.dumps([names, sorted(set(models.__all__) - set(dir(models))), missing, issubclass(StoresResource, object)]))",
    )
    names, undiscoverable, missing, _ = found
    assert names == ["Owner", "Pet", "cat", "Sighting", "PetsResource", "AsyncPetsResource"]
    assert undiscoverable == []
    assert missing == [f"module '{PACKAGE}.models' has no attribute 'Nothing'", f"module '{PACKAGE}.client' has no attribute 'NothingResource'"]


def test_two_groups_are_typed_for_mypy(zoo: Path) -> None:
    snippet = zoo / "uses_two_groups.py"
    snippet.write_text(
        "from zoo import AsyncClient, Client\n"
        "from zoo.models import Keeper, Pet, Store\n"
        "\n"
        "client = Client()\n"
        "pet: Pet = client.pets.get_pet_v0('1')\n"
        "store: Store = client.stores.get_store_v1('2')\n"
        "keeper: Keeper = client.with_raw_response.keepers.get_keeper_v2('3').parsed\n"
        "\n"
        "\n"
        "async def fetch() -> Pet:\n"
        "    return await AsyncClient().pets.get_pet_v3('1')\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE, snippet.name],
        cwd=zoo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-5000:]
    # mypy sees the groups as what they are: a wrong use is an error, not Any.
    snippet.write_text("from zoo import Client\nfrom zoo.models import Store\n\nstore: Store = Client().pets.get_pet_v0('1')\nClient().pets.no_such_method()\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", snippet.name], cwd=zoo, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 1
    assert 'Incompatible types in assignment (expression has type "Pet", variable has type "Store")' in done.stdout
    assert '"PetsResource" has no attribute "no_such_method"' in done.stdout


def test_the_split_moves_no_public_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The names a user reaches (`zoo.models.Pet`, `zoo.client.PetsResource.get_pet_v0(id)`) are
    those of the same SDK in one module of each kind."""
    from generator.emit import render as render_stage
    from generator.diff.sdk import names_for_comparison, public_symbols
    from generator.diff.sources import build_side, load_source
    from generator.emit.render import render

    spec = tmp_path / "zoo.json"
    spec.write_text(json.dumps(zoo_spec()), encoding="utf-8")
    side = build_side(load_source(str(spec)))
    names = names_for_comparison(side, PACKAGE)
    split = render(side.api, names)
    monkeypatch.setattr(render_stage, "LAZY_FROM", 10**9)
    flat = render(side.api, names)
    assert f"{PACKAGE}/models/_pet.py" in split and f"{PACKAGE}/models.py" in flat
    symbols = public_symbols(split, PACKAGE)
    assert symbols == public_symbols(flat, PACKAGE)
    assert {f"{PACKAGE}.models.Pet", f"{PACKAGE}.models.Owner", f"{PACKAGE}.client.PetsResource.get_pet_v0(id)"} <= symbols


def test_a_failed_call_raises_its_operations_error_from_errors(zoo: Path) -> None:
    raised = run(
        zoo,
        "import json, httpx\n"
        f"from {PACKAGE} import Client, errors\n"
        "client = Client(http_client=httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(404, json={}))))\n"
        "try:\n"
        "    client.stores.get_store_v3('1')\n"
        "except errors.APIStatusError as error:\n"
        "    print(json.dumps([isinstance(error, errors.GetStoreV3Error), isinstance(error, errors.NotFoundError), isinstance(error, errors.GetPetV3Error)]))\n",
    )
    assert raised == [True, True, False]


def test_a_copy_with_other_options_has_its_own_groups(zoo: Path) -> None:
    owners = run(
        zoo,
        f"import json, {PACKAGE}\nclient = {PACKAGE}.Client()\nclient.pets\nclone = client.with_options(max_retries=0)\n"
        "print(json.dumps([clone.pets._client is clone, clone.stores._client is clone, client.pets._client is client]))",
    )
    assert owners == [True, True, True]


def test_an_sdk_split_by_group_without_data_types_is_valid_code(tmp_path: Path) -> None:
    """An API large enough to split whose operations name no schema: an empty `models` index."""
    spec = zoo_spec()
    del spec["components"]
    for item in spec["paths"].values():
        for operation in item.values():
            operation.pop("requestBody", None)
            for response in operation["responses"].values():
                response.pop("content", None)
    (tmp_path / "bare.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        generate(Job(str(tmp_path / "bare.json"), tmp_path / "out", "bare"))
    index = (tmp_path / "out" / "bare" / "models" / "__init__.py").read_text(encoding="utf-8")
    from generator.output.format import format_source

    assert format_source(index) == index  # it parses, and it is black's layout
    shown = run(tmp_path / "out", "import json, bare.models as m\nprint(json.dumps([m.__all__, hasattr(m, 'Pet')]))")
    assert shown == [[], False]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "bare"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_pagers_and_streams_of_an_sdk_split_by_group(tmp_path: Path) -> None:
    """A split SDK's group module defines its pagers and streams, typed (mypy) and working."""
    spec = zoo_spec()
    spec["paths"]["/keepers"] = {
        "get": {
            "operationId": "list_keepers",
            "tags": ["keepers"],
            "parameters": [{"name": "pageToken", "in": "query", "schema": {"type": "string"}}],
            "responses": {
                "200": {
                    "description": "A page.",
                    **_json({"type": "object", "properties": {"keepers": {"type": "array", "items": _ref("Keeper")}, "nextPageToken": {"type": "string"}}}),
                }
            },
        }
    }
    spec["paths"]["/keepers/feed"] = {
        "get": {
            "operationId": "keeper_feed",
            "tags": ["keepers"],
            "responses": {"200": {"description": "Keepers as they come.", "content": {"text/event-stream": {"schema": _ref("Keeper")}}}},
        }
    }
    (tmp_path / "zoo.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        generate(Job(str(tmp_path / "zoo.json"), tmp_path / "out", PACKAGE))
    assert not (tmp_path / "out" / PACKAGE / "_operations.py").exists()
    badges = run(
        tmp_path / "out",
        "import asyncio, json, httpx\n"
        f"from {PACKAGE} import AsyncClient, Client\n"
        "def answer(request):\n"
        "    if request.url.path.endswith('/feed'):\n"
        "        return httpx.Response(200, headers={'content-type': 'text/event-stream'}, content=b'data: {\"badge\": 7}\\n\\n')\n"
        "    token = request.url.params.get('pageToken')\n"
        "    return httpx.Response(200, json={'keepers': [{'badge': 2 if token else 1}], **({} if token else {'nextPageToken': 't'})})\n"
        "client = Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))\n"
        "paged = [k.badge for k in client.keepers.iter_keepers()]\n"
        "streamed = [k.badge for k in client.keepers.stream_keeper_feed()]\n"
        "async def main():\n"
        "    async with AsyncClient(http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer))) as a:\n"
        "        return [k.badge async for k in await a.keepers.stream_keeper_feed()]\n"
        "print(json.dumps([paged, streamed, asyncio.run(main())]))\n",
    )
    assert badges == [[1, 2], [7], [7]]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", PACKAGE], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-3000:]

"""Third-party specs from ../shared/specs: every operation generated, importable, mypy-clean."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import SHARED, assert_imports, import_package, runtime_of
from generator.config import Job
from generator.pipeline import generate

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SPECS_FOLDER = SHARED / "specs"
ABSENT = "../shared/specs is absent (third-party specs are not part of the repository)"


def spec_files() -> list[Any]:
    if not SPECS_FOLDER.is_dir():
        return [pytest.param(None, id="absent", marks=pytest.mark.skip(reason=ABSENT))]
    found = sorted(p for p in SPECS_FOLDER.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".json"))
    return [pytest.param(p, id=p.relative_to(SPECS_FOLDER).as_posix()) for p in found]


def twilio_version(path: Path) -> str | None:
    match = re.match(r"twilio_api_v2010\.(\d{4}-\d{2}-\d{2})\.ya?ml$", path.name)
    return match.group(1) if match else None


def typed_spec_files() -> list[Any]:
    """The specs mypy runs on: the newest of the Twilio versions and every other spec."""
    params = spec_files()
    paths = [p.values[0] for p in params if p.values[0] is not None]
    if not paths:
        return params
    versions = sorted(v for v in (twilio_version(p) for p in paths) if v is not None)
    newest = versions[-1] if versions else None
    return [p for p in params if p.values[0] is None or twilio_version(p.values[0]) in (None, newest)]


@dataclass(frozen=True)
class Generated:
    spec: Path
    root: Path
    package: str


_GENERATED: dict[Path, Generated] = {}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-specs")


def generated(spec: Path, workspace: Path) -> Generated:
    """The SDK of `spec`, generated once per test run without any cache."""
    if spec not in _GENERATED:
        root = workspace / re.sub(r"[^A-Za-z0-9_.-]", "_", spec.relative_to(SPECS_FOLDER).as_posix())
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SDKWRIGHT_NO_CACHE", "1")
            patch.setenv("XDG_CACHE_HOME", str(workspace / "cache"))
            result, _ = generate(Job(str(spec), root))
        packages = [path.split("/")[0] for path in result.files if path.endswith("/py.typed")]
        assert len(packages) == 1, packages
        _GENERATED[spec] = Generated(spec, root, packages[0])
    return _GENERATED[spec]


def spec_operations(spec: Path) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation of the spec, read with a plain YAML parser."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(spec, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    found: list[tuple[str, str]] = []
    for path, item in (document.get("paths") or {}).items():
        assert isinstance(item, dict) and "$ref" not in item, path
        found.extend((method.upper(), str(path)) for method in HTTP_METHODS if isinstance(item.get(method), dict))
    assert len(found) == len(set(found))
    return set(found)


class Recorder:
    """Stands in for the client: records the operation a method sends, sends nothing."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def _send(self, operation: Any, arguments: Any) -> None:
        self.sent.append(operation)


def client_of(package: ModuleType) -> Any:
    parameters = inspect.signature(package.Client.__init__).parameters
    credentials = {
        name: "test"
        for name in parameters
        if name not in ("self", "base_url", "http_client", "headers", "timeout", "max_retries", "retry_policy")
    }
    return package.Client(**credentials)


def is_pager(method: Any) -> bool:
    """An `iter_...` method: the items of every page of an operation that has its own method."""
    return str(inspect.signature(method).return_annotation).startswith("Pager[")


def resource_methods(package: ModuleType) -> list[tuple[str, str, Any]]:
    """(group attribute, method name, the Resource instance) for every public method of every
    group that calls an operation (the pagers of list operations aside)."""
    runtime = runtime_of(package.__name__)
    client = client_of(package)
    try:
        found = []
        for attribute in sorted(vars(client)):
            resource = getattr(client, attribute)
            if not isinstance(resource, runtime.Resource):
                continue
            for name in dir(resource):
                if not name.startswith("_") and callable(getattr(resource, name)) and not is_pager(getattr(resource, name)):
                    found.append((attribute, name, resource))
        return found
    finally:
        client.close()


def sent_operation(resource: Any, name: str) -> Any:
    """The Operation object the method `name` of `resource` hands to its client."""
    recorder = Recorder()
    stand_in = type(resource)(recorder)
    method = getattr(stand_in, name)
    positional = [
        "x"
        for p in inspect.signature(method).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    required = {
        p.name: "x" for p in inspect.signature(method).parameters.values() if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    }
    method(*positional, **required)
    assert len(recorder.sent) == 1
    return recorder.sent[0]


@pytest.mark.parametrize("spec", spec_files())
def test_no_operation_is_dropped(spec: Path, shared_specs: Path, workspace: Path) -> None:
    sdk = generated(spec, workspace)
    package = import_package(sdk.root, sdk.package)
    expected = spec_operations(spec)
    methods = resource_methods(package)
    assert len(methods) == len(expected)
    assert len({(group, name) for group, name, _ in methods}) == len(methods)


@pytest.mark.parametrize("spec", spec_files())
def test_each_method_calls_its_own_operation(spec: Path, shared_specs: Path, workspace: Path) -> None:
    sdk = generated(spec, workspace)
    package = import_package(sdk.root, sdk.package)
    operations_module = sys.modules[f"{sdk.package}._operations"]
    runtime = runtime_of(sdk.package)
    declared = [value for value in vars(operations_module).values() if isinstance(value, runtime.Operation)]
    assert {(op.method, op.path) for op in declared} == spec_operations(spec)
    assert len(declared) == len({(op.method, op.path) for op in declared})

    used: dict[tuple[str, str], str] = {}
    for group, name, resource in resource_methods(package):
        operation = sent_operation(resource, name)
        assert any(operation is op for op in declared), f"{group}.{name}"
        key = (operation.method, operation.path)
        assert key not in used, f"{group}.{name} and {used.get(key)} both call {key}"
        used[key] = f"{group}.{name}"
    assert set(used) == spec_operations(spec)


@pytest.mark.parametrize("spec", spec_files())
def test_package_imports_in_a_fresh_process(spec: Path, shared_specs: Path, workspace: Path) -> None:
    sdk = generated(spec, workspace)
    code = (
        f"import {sdk.package}, {sdk.package}.client, {sdk.package}.models, {sdk.package}.errors\n"
        f"print({sdk.package}.Client.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code], cwd=sdk.root, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Client"


@pytest.mark.parametrize("spec", typed_spec_files())
def test_package_passes_mypy_strict(spec: Path, shared_specs: Path, workspace: Path) -> None:
    sdk = generated(spec, workspace)
    assert_imports(sdk.root, sdk.package)  # what mypy passes may still fail at import
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(workspace / "mypy-cache" / sdk.root.name), sdk.package],
        cwd=sdk.root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]


def _linked_list_operations(spec: Path) -> set[tuple[str, str]]:
    """GET operations whose 200 response has a `next_page_uri`, read with a plain YAML parser."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(spec, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    found = set()
    for path, item in (document.get("paths") or {}).items():
        get = item.get("get") if isinstance(item, dict) else None
        schema = (((get or {}).get("responses") or {}).get("200") or {}).get("content", {}).get("application/json", {}).get("schema", {})
        if isinstance(schema, dict) and "next_page_uri" in (schema.get("properties") or {}):
            found.add(("GET", str(path)))
    return found


@pytest.mark.parametrize("spec", [p for p in spec_files() if p.values[0] is None or twilio_version(p.values[0])])
def test_twilio_list_operations_get_pagers(spec: Path, shared_specs: Path, workspace: Path) -> None:
    sdk = generated(spec, workspace)
    package = import_package(sdk.root, sdk.package)
    runtime = runtime_of(package.__name__)
    operations = sys.modules[f"{package.__name__}._operations"]
    paged = {
        (op.method, op.path)
        for op in vars(operations).values()
        if isinstance(op, runtime.Operation) and isinstance(op.pagination, runtime.NextLink)
    }
    expected = _linked_list_operations(spec)
    assert expected and paged == expected
    client = client_of(package)
    pagers = [
        name
        for attribute in vars(client)
        if isinstance(getattr(client, attribute), runtime.Resource)
        for name in dir(getattr(client, attribute))
        if not name.startswith("_") and is_pager(getattr(getattr(client, attribute), name))
    ]
    assert len(pagers) == len(expected)

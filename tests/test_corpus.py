"""The shared corpus (../shared/specs: vendors, both histories, SignalWire) in the default mode.

Every spec generates with exit code 0 through the command line (defects are warnings),
every operation has a client method that calls it, the package imports in a fresh
process, no public name carries a digest suffix, and mypy --strict passes on each
vendor spec, on SignalWire and on the newest version of each history, and black finds
nothing to change in any generated Python file (black runs in the format stage only on
what the builder cannot vouch for: this holds the vouching to black's bytes). Each spec is
generated once per run (a session-scoped fixture, shared by pytest-xdist's workers) and shared by the checks; the whole
module skips with a reason when ../shared is absent. Marked `corpus`: the quick suite
leaves it out with `-m "not corpus"`; `.ci/run` runs it.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import inspect
import json
import multiprocessing
import os
import re
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import CORPUS_ROWS, SHARED, assert_imports, client_groups, declared_operations, import_package, made_once, run_cli, run_folder, runtime_of

pytestmark = pytest.mark.corpus

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
    """The specs mypy runs on: every spec outside a history, and the newest of each history
    (a folder of dated versions of one spec, `<name>.<date>...`)."""
    params = spec_files()
    paths = [p.values[0] for p in params if p.values[0] is not None]
    if not paths:
        return params
    newest: dict[Path, Path] = {}
    for path in paths:
        if path.parent != SPECS_FOLDER / "vendors" and re.search(r"\.\d{4}-\d{2}-\d{2}\.", path.name):
            newest[path.parent] = max(newest.get(path.parent, path), path, key=lambda p: p.name)
    histories = set(newest)
    return [p for p in params if p.values[0] is None or p.values[0].parent not in histories or newest[p.values[0].parent] == p.values[0]]


@dataclass(frozen=True)
class Generated:
    spec: Path
    root: Path
    package: str
    returncode: int
    stderr: str
    seconds: float

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("warning: ")]


@dataclass
class Row:
    """One line of the corpus table printed at the end of the run."""

    operations: int = 0
    warnings: int = 0
    exit: int | None = None
    seconds: float = 0.0
    imports: str = "-"
    mypy: str = "-"


_ROWS: dict[str, Row] = {}


def row(spec: Path) -> Row:
    return _ROWS.setdefault(spec.relative_to(SPECS_FOLDER).as_posix(), Row())


@pytest.fixture(scope="session")
def table_rows(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """At the end of the session, this worker's rows of the corpus table (the last lines of the
    run, printed by conftest's `pytest_terminal_summary` from every worker's rows)."""
    started = time.time()
    yield
    if _ROWS:
        rows = run_folder(tmp_path_factory) / CORPUS_ROWS
        rows.mkdir(exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        data = {"started": started, "ended": time.time(), "rows": {name: dataclasses.asdict(r) for name, r in _ROWS.items()}}
        (rows / f"{worker}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, table_rows: None) -> Callable[[Path], Generated]:
    """The SDK of a spec, generated once per test run through the command line, without any cache
    (by the first worker that asks for it; the others wait for it and share it)."""
    found: dict[Path, Generated] = {}

    def generate(spec: Path, root: Path) -> None:
        env = {**os.environ, "SDKWRIGHT_NO_CACHE": "1", "XDG_CACHE_HOME": str(root.parent / "cache")}
        started = time.perf_counter()
        done = run_cli("generate", str(spec), "--output", str(root), env=env)
        seconds = time.perf_counter() - started
        root.mkdir(parents=True, exist_ok=True)  # a failed generation may leave none
        packages = sorted(p.parent.name for p in root.glob("*/py.typed"))
        record = {"package": packages[0] if len(packages) == 1 else "", "returncode": done.returncode, "stderr": done.stderr, "seconds": seconds}
        (root.parent / f"{root.name}.json").write_text(json.dumps(record), encoding="utf-8")

    def generated(spec: Path) -> Generated:
        if spec not in found:
            name = "corpus-" + re.sub(r"[^A-Za-z0-9_.-]", "_", spec.relative_to(SPECS_FOLDER).as_posix())
            root = made_once(tmp_path_factory, name, lambda folder: generate(spec, folder))
            record = json.loads((root.parent / f"{root.name}.json").read_text(encoding="utf-8"))
            found[spec] = Generated(spec, root, record["package"], record["returncode"], record["stderr"], record["seconds"])
            line = row(spec)
            line.exit, line.seconds, line.warnings = found[spec].returncode, found[spec].seconds, len(found[spec].warnings)
            line.operations = len(spec_operations(spec))
        sdk = found[spec]
        assert sdk.returncode == 0 and sdk.package, sdk.stderr[-3000:]
        return sdk

    return generated


def spec_operations(spec: Path) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation of the spec, read with a plain YAML parser."""
    found = list(_operations_of(spec))
    assert len(found) == len(set(found))
    return set(found)


def spec_deprecated_operations(spec: Path) -> set[tuple[str, str]]:
    """(METHOD, path) of the operations the spec marks `deprecated: true`."""
    return {key for key, operation in _operations_of(spec).items() if operation.get("deprecated") is True}


@functools.cache
def _operations_of(spec: Path) -> dict[tuple[str, str], dict[str, Any]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(spec, encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        assert isinstance(item, dict) and "$ref" not in item, path
        operations = [(method, item.get(method)) for method in HTTP_METHODS]
        if str(document.get("openapi", "")).startswith("3.2"):  # its QUERY method, and any other by name
            operations += [("query", item.get("query")), *(item.get("additionalOperations") or {}).items()]
        for method, operation in operations:
            if isinstance(operation, dict):
                assert (str(method).upper(), str(path)) not in found
                found[(str(method).upper(), str(path))] = operation
    return found


@pytest.mark.parametrize("spec", spec_files())
def test_spec_generates_in_the_default_mode(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)  # exit code 0
    lines = sdk.stderr.splitlines()
    # Nothing but the warnings, one line each, and their count.
    assert lines == ([*sdk.warnings, f"{len(sdk.warnings)} warning{'' if len(sdk.warnings) == 1 else 's'}"] if sdk.warnings else [])
    assert all(re.match(r"^warning: \S+:\d+ at #\S*: .+: .+$", line) for line in sdk.warnings), sdk.warnings


# A digest suffix (`ConflictError17FA6E`, `body_3f2a1c`): six hex digits, one of them a digit.
_DIGEST_CLASS = re.compile(r"^class (\w*?(?=[0-9A-F]{0,5}[0-9])[0-9A-F]{6})\b", re.M)
_DIGEST_NAME = re.compile(r"^\s+(?:def |async def )?(\w*?_(?=[0-9a-f]{0,5}[0-9])[0-9a-f]{6})\b", re.M)


@pytest.mark.parametrize("spec", spec_files())
def test_no_public_name_carries_a_digest(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    offenders = set()
    for module in sorted((sdk.root / sdk.package).glob("*.py")):
        if module.name.startswith("_"):
            continue
        text = module.read_text(encoding="utf-8")
        offenders |= {f"{module.stem}.{name}" for name in _DIGEST_CLASS.findall(text)}
        offenders |= {f"{module.stem}.{name}" for name in _DIGEST_NAME.findall(text) if not name.startswith("_")}
    assert not offenders, sorted(offenders)


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
        for attribute in client_groups(client):
            resource = getattr(client, attribute)
            if not isinstance(resource, runtime.Resource):
                continue
            for name in dir(resource):
                if not name.startswith("_") and callable(getattr(resource, name)) and not is_pager(getattr(resource, name)):
                    found.append((attribute, name, resource))
        return found
    finally:
        client.close()


def sent_operation(resource: Any, name: str, deprecated: set[tuple[str, str]]) -> Any:
    """The Operation object the method `name` of `resource` hands to its client (one of the
    `deprecated` operations warns so)."""
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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        method(*positional, **required)
    assert len(recorder.sent) == 1
    operation = recorder.sent[0]
    # A deprecated operation's method warns (PEP 702), and no other does.
    warned = [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)]
    assert warned == ([f"{name} is deprecated by the API"] if (operation.method, operation.path) in deprecated else []), name
    return operation


@pytest.mark.parametrize("spec", spec_files())
def test_no_operation_is_dropped(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    package = import_package(sdk.root, sdk.package)
    expected = spec_operations(spec)
    methods = resource_methods(package)
    assert len(methods) == len(expected)
    assert len({(group, name) for group, name, _ in methods}) == len(methods)


@pytest.mark.parametrize("spec", spec_files())
def test_each_method_calls_its_own_operation(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    package = import_package(sdk.root, sdk.package)
    declared = declared_operations(sdk.package)
    assert {(op.method, op.path) for op in declared} == spec_operations(spec)
    assert len(declared) == len({(op.method, op.path) for op in declared})

    used: dict[tuple[str, str], str] = {}
    deprecated = spec_deprecated_operations(spec)
    for group, name, resource in resource_methods(package):
        operation = sent_operation(resource, name, deprecated)
        assert any(operation is op for op in declared), f"{group}.{name}"
        key = (operation.method, operation.path)
        assert key not in used, f"{group}.{name} and {used.get(key)} both call {key}"
        used[key] = f"{group}.{name}"
    assert set(used) == spec_operations(spec)


@pytest.mark.parametrize("spec", spec_files())
def test_package_imports_in_a_fresh_process(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    row(spec).imports = "fail"
    code = (
        f"import {sdk.package}, {sdk.package}.client, {sdk.package}.models, {sdk.package}.errors\n"
        f"print({sdk.package}.Client.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code], cwd=sdk.root, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Client"
    row(spec).imports = "ok"


@pytest.mark.parametrize("spec", typed_spec_files())
def test_package_passes_mypy_strict(spec: Path, shared_specs: Path, mypy_cache: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    row(spec).mypy = "fail"
    assert_imports(sdk.root, sdk.package)  # what mypy passes may still fail at import
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), sdk.package],
        cwd=sdk.root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    row(spec).mypy = "ok"


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
def test_twilio_list_operations_get_pagers(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    package = import_package(sdk.root, sdk.package)
    runtime = runtime_of(package.__name__)
    paged = {(op.method, op.path) for op in declared_operations(package.__name__) if isinstance(op.pagination, runtime.NextLink)}
    expected = _linked_list_operations(spec)
    assert expected and paged == expected
    client = client_of(package)
    pagers = [
        name
        for attribute in client_groups(client)
        if isinstance(getattr(client, attribute), runtime.Resource)
        for name in dir(getattr(client, attribute))
        if not name.startswith("_") and is_pager(getattr(getattr(client, attribute), name))
    ]
    assert len(pagers) == len(expected)


def _link_header_operations(spec: Path) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """GET operations whose 200 response documents a `Link` header, and those of them whose
    response is a JSON array, read with the json module."""
    document = json.loads(spec.read_text(encoding="utf-8"))

    def followed(node: Any) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            target: Any = document
            for part in node["$ref"][2:].split("/"):
                target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
            node = target
        return node

    documented, arrays = set(), set()
    for path, item in (document.get("paths") or {}).items():
        success = followed(((item.get("get") or {}).get("responses") or {}).get("200"))
        if not isinstance(success, dict) or "link" not in {str(h).lower() for h in success.get("headers") or {}}:
            continue
        documented.add(("GET", str(path)))
        schema = followed(((success.get("content") or {}).get("application/json") or {}).get("schema"))
        if isinstance(schema, dict) and schema.get("type") == "array":
            arrays.add(("GET", str(path)))
    return documented, arrays


@pytest.mark.parametrize("spec", [p for p in spec_files() if p.values[0] is None or p.values[0].name == "github_rest_api.json"])
def test_github_list_operations_follow_the_link_header(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated]) -> None:
    sdk = corpus(spec)
    package = import_package(sdk.root, sdk.package)
    runtime = runtime_of(package.__name__)
    linked = {(op.method, op.path) for op in declared_operations(package.__name__) if isinstance(op.pagination, runtime.LinkHeader)}
    documented, arrays = _link_header_operations(spec)
    assert len(arrays) > 100
    assert arrays <= linked <= documented  # every list answered with a Link header, and only those
    client = client_of(package)
    assert is_pager(client.repos.iter_repos_list_for_org)  # GET /orgs/{org}/repos


class BlackCheck:
    """black over generated modules, cut at their top-level statements (and a class of more than
    64,000 characters at its members, in a stand-in class) as the format stage cuts them: the
    pieces run on two worker processes, and a piece seen in an earlier spec (the histories
    share most of theirs) is not formatted again. A module is black's when every piece is and
    the blank lines between them are black's (`join_pieces`); that this equals black over the
    whole file is tested in test_output.py."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.formatted: dict[str, str] = {}  # digest of a piece -> black's formatting of it

    def changed_files(self, files: dict[str, str]) -> list[str]:
        from generator.output.format import class_runs, join_pieces, join_runs, split_module

        cut = {path: [(class_runs(piece), blanks) for piece, blanks in split_module(text)] for path, text in files.items()}
        digest = {run: hashlib.sha256(run.encode()).hexdigest() for pieces in cut.values() for runs, _ in pieces for run, _ in runs}
        todo = sorted({run for run, key in digest.items() if key not in self.formatted}, key=len, reverse=True)
        self.formatted.update(zip((digest[run] for run in todo), self.pool.map(_black, todo, chunksize=8)))
        return [
            path
            for path, pieces in cut.items()
            if join_pieces([(join_runs([(self.formatted[digest[run]], b) for run, b in runs]), blanks) for runs, blanks in pieces]) != files[path]
        ]


def _black(source: str) -> str:
    from generator.output.format import format_source

    return format_source(source)


@pytest.fixture(scope="session")
def black_check() -> Iterator[BlackCheck]:
    from generator.output.format import mode

    mode()  # black imported once, before the workers fork
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        yield BlackCheck(pool)


@pytest.mark.parametrize("spec", spec_files())
def test_black_finds_nothing_to_change(spec: Path, shared_specs: Path, corpus: Callable[[Path], Generated], black_check: BlackCheck) -> None:
    sdk = corpus(spec)
    files = {
        path.relative_to(sdk.root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((sdk.root / sdk.package).rglob("*.py"))
        if "__pycache__" not in path.parts
    }
    # The client and the models, in one module or, for an SDK split by group, a package of them.
    assert f"{sdk.package}/client.py" in files
    assert {f"{sdk.package}/models.py", f"{sdk.package}/models/__init__.py"} & set(files)
    assert black_check.changed_files(files) == []
    # The format stage cuts modules line by line (the parser only where that reading is unsure):
    # it cuts black's layout as the parser does.
    from generator.output.format import split_lines, split_module

    assert [path for path, text in files.items() if split_lines(text) not in (None, split_module(text))] == []

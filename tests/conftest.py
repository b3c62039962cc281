"""Shared fixtures: the repository, the shared third-party specs, generated SDKs."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout; SDKWRIGHT_SHARED names another place (a worktree elsewhere).
SHARED = Path(os.environ.get("SDKWRIGHT_SHARED") or REPO.parent / "shared")
CONFERENCES = REPO / "specs" / "conferences.yml"
CORPUS_ROWS = "corpus-rows"  # the run folder's subfolder where each worker leaves its rows of the corpus table


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under `pytest -n`: a test module's tests on one worker (its module-scoped fixtures, such as
    an SDK generated for the module, are made once), and the corpus's checks of one spec on one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class ByModuleAndSpec(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module, _, test = nodeid.partition("::")
            if module.endswith("test_corpus.py") and "[" in test:
                return f"{module}::[{test.partition('[')[2]}"
            return module

    return ByModuleAndSpec(config, log)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """The corpus table, from the rows each worker left (tests/test_corpus.py)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    factory = getattr(config, "_tmp_path_factory", None)  # pytest's own, the one xdist gives its workers' folders from
    folder = factory.getbasetemp() / CORPUS_ROWS if factory is not None else None
    if folder is None or not folder.is_dir():
        return
    import json

    started, ended, rows = float("inf"), 0.0, {}
    for part in sorted(folder.glob("*.json")):
        data = json.loads(part.read_text(encoding="utf-8"))
        started, ended = min(started, data["started"]), max(ended, data["ended"])
        for name, values in data["rows"].items():
            merged = rows.setdefault(name, dict(values))
            merged.update({key: value for key, value in values.items() if value not in (0, 0.0, None, "-")})
    terminalreporter.write_line("")
    terminalreporter.write_line(f"corpus: {len(rows)} specs, {ended - started:.0f} s in all")
    terminalreporter.write_line(f"{'spec':<80} {'operations':>10} {'warnings':>8} {'exit':>4} {'seconds':>7} {'import':>6} {'mypy':>4}")
    for name, r in sorted(rows.items()):
        terminalreporter.write_line(
            f"{name:<80} {r['operations']:>10} {r['warnings']:>8} {r['exit']!s:>4} {r['seconds']:>7.1f} {r['imports']:>6} {r['mypy']:>4}"
        )


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of this whole run: under pytest-xdist, each worker's base folder lies in it."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` once per test run, whichever worker asks first; the others wait for it, then share it.

    A `make` that raises leaves nothing behind: the next one to ask tries again (and reports its own error).
    """
    from filelock import FileLock

    root = run_folder(factory) / "made-once"
    root.mkdir(exist_ok=True)
    folder, done = root / name, root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


# What a generated SDK imports (and what mypy reads for it): checked once into a cache each mypy
# run starts from, so that no test pays for the standard library and httpx again.
_MYPY_WARM_UP = """\
import dataclasses, datetime, functools, hashlib, hmac, json, logging, os, random, re, sys, time, types, typing, uuid
from collections.abc import Iterator, Mapping, Sequence
import httpx
"""


def _warm_mypy_cache(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "warm_up.py").write_text(_MYPY_WARM_UP, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(folder / "cache"), "warm_up.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def mypy_cache(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A mypy cache folder of this test's own (`--cache-dir`), the standard library and httpx in it
    already: each test's packages are checked afresh, what they import is read from the cache."""
    cache = tmp_path / "mypy-cache"
    shutil.copytree(made_once(tmp_path_factory, "mypy-cache", _warm_mypy_cache) / "cache", cache)
    return cache


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_specs() -> Path:
    """../shared/specs, or a skip when this checkout has no shared folder beside it."""
    specs = SHARED / "specs"
    if not specs.is_dir():
        pytest.skip("../shared/specs is absent (third-party specs are not part of the repository)")
    return specs


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def runtime_of(package: str) -> SimpleNamespace:
    """Every public name of the runtime modules a generated package ships, in one namespace."""
    import pkgutil

    base = importlib.import_module(f"{package}._runtime")
    names: dict[str, object] = {}
    for info in sorted(pkgutil.iter_modules(base.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{package}._runtime.{info.name}")
        names.update({name: getattr(module, name) for name in module.__all__})
    return SimpleNamespace(**names)


def client_groups(client: object) -> list[str]:
    """The attributes of a client that may hold a group: set in `__init__`, or, in an SDK split
    by group, a `cached_property` that imports the group on first access."""
    import functools

    lazy = {name for name, value in vars(type(client)).items() if isinstance(value, functools.cached_property)}
    return sorted(set(vars(client)) | lazy)


def declared_operations(package: str) -> list[Any]:
    """Every `Operation` a generated package declares: in `_operations`, or in each module of
    `_groups` when it is split by group."""
    import pkgutil

    runtime = runtime_of(package)
    try:
        modules = [importlib.import_module(f"{package}._operations")]
    except ModuleNotFoundError:
        groups = importlib.import_module(f"{package}._groups")
        modules = [importlib.import_module(f"{package}._groups.{info.name}") for info in pkgutil.iter_modules(groups.__path__)]
    return [value for module in modules for value in vars(module).values() if isinstance(value, runtime.Operation)]


def import_package(root: Path, package: str) -> ModuleType:
    """Import a generated package from its project root (replacing an earlier import)."""
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(package)
    finally:
        sys.path.remove(str(root))


@pytest.fixture(scope="session")
def conferences_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The SDK generated now from specs/conferences.yml (not the committed output)."""
    from generator.config import Job
    from generator.pipeline import generate

    root = tmp_path_factory.mktemp("conferences-sdk")
    generate(Job(str(CONFERENCES), root, "telnyx_conferences"))
    yield import_package(root, "telnyx_conferences")


def assert_imports(root: Path, package: str | None = None) -> None:
    """Import a generated package and every module of it in a fresh process.

    Type-checking is not enough: an annotation evaluated at import (a type alias
    that names itself) passes mypy and fails with a NameError when imported.
    Without `package`, the one package under `root` (its `py.typed`) is taken.
    """
    if package is None:
        found = sorted(p.parent.relative_to(root).as_posix().replace("/", ".") for p in root.rglob("py.typed"))
        assert len(found) == 1, found
        package = found[0]
    folder = root / package.replace(".", "/")
    modules = sorted(
        ".".join((package, *p.relative_to(folder).with_suffix("").parts)).removesuffix(".__init__")
        for p in folder.rglob("*.py")
        if "__pycache__" not in p.parts
    )
    assert modules, f"no modules in {folder}"
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\nprint(len(sys.argv) - 1)\n"
    done = subprocess.run(
        [sys.executable, "-B", "-c", code, *modules], cwd=root, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == str(len(modules))

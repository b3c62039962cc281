"""Every fixture spec (tests/fixtures/coverage/ and the repository's spec): generates, imports, drops nothing, mypy-clean.

The same checks as tests/test_corpus.py, for the specs of this
repository; mypy runs once over all the generated packages.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import CONFERENCES
from generator.config import Job
from generator.pipeline import generate
from test_corpus import spec_operations

FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures" / "coverage").glob("*.yaml")) + [CONFERENCES]


@dataclass(frozen=True)
class Package:
    spec: Path
    root: Path
    name: str


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Package]:
    """Every fixture generated once, cold, into a folder of its own."""
    workspace = tmp_path_factory.mktemp("fixture-specs")
    made: dict[Path, Package] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        for spec in FIXTURES:
            name = spec.stem.replace(".", "_").replace("-", "_")
            generate(Job(str(spec), workspace / name, name))
            made[spec] = Package(spec, workspace / name, name)
    return made


def census(package: Package) -> tuple[set[tuple[str, str]], int]:
    """(METHOD, path) of every Operation the package declares, and its client's method count, from a fresh process."""
    code = (
        "import inspect, json\n"
        f"import {package.name}, {package.name}._operations as ops, {package.name}._runtime.client as runtime\n"
        f"from {package.name} import client\n"
        "declared = [[o.method, o.path] for o in vars(ops).values() if isinstance(o, ops.Operation)]\n"
        "methods = [n for c in vars(client).values() if inspect.isclass(c) and issubclass(c, runtime.Resource) and not issubclass(c, runtime.RawResource) and c is not runtime.Resource\n"
        "           for n, f in vars(c).items() if inspect.isfunction(f) and not n.startswith('_')\n"
        "           and not str(f.__annotations__.get('return', '')).startswith(('Pager[', 'Stream['))]\n"  # an operation's pager and stream are more of its methods
        "print(json.dumps([declared, len(methods)]))\n"
    )
    done = subprocess.run([sys.executable, "-B", "-c", code], cwd=package.root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    import json

    declared, methods = json.loads(done.stdout)
    pairs = [tuple(pair) for pair in declared]
    assert len(pairs) == len(set(pairs))
    return {(m, p) for m, p in pairs}, methods


@pytest.mark.parametrize("spec", FIXTURES, ids=lambda p: p.name)
def test_fixture_generates_imports_and_drops_nothing(spec: Path, packages: dict[Path, Package]) -> None:
    declared, methods = census(packages[spec])
    expected = spec_operations(spec)
    assert declared == expected
    assert methods == len(expected)


def test_every_fixture_package_passes_mypy_strict(packages: dict[Path, Package], tmp_path: Path, mypy_cache: Path) -> None:
    """One mypy run over all the packages (each package root on MYPYPATH)."""
    roots = [str(p.root) for p in packages.values()]
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), *[arg for p in packages.values() for arg in ("-p", p.name)]],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "MYPYPATH": os.pathsep.join(roots)},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert f"in {sum(len(list((p.root / p.name).rglob('*.py'))) for p in packages.values())} source files" in done.stdout

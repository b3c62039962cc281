"""Hostile specs: no spec text becomes code, no file lands outside the output directory.

A hand-written spec puts every payload of tests/hostile.py in every place the
generator prints, and a hypothesis test builds random specs from the same
strings. Each generated package must compile, pass a fresh-process import, and
leave the canary file (which any payload, were it run, would create) absent.
`SDKWRIGHT_HYPOTHESIS_EXAMPLES` sets the number of random specs (20 by default;
benchmarks/fuzz_hostile.py runs many more).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from conftest import assert_imports, run_cli
from generator.config import Job
from generator.pipeline import generate
from hostile import payloads, specs

EXAMPLES = int(os.environ.get("SDKWRIGHT_HYPOTHESIS_EXAMPLES", "20"))
CANARY = Path(tempfile.gettempdir()) / f"sdkwright-canary-{os.getpid()}"


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def package_of(files: Any) -> str:
    packages = {path.split("/")[0] for path in files if path.endswith("/py.typed")}
    assert len(packages) == 1, packages
    return packages.pop()


def import_everything(root: Path, package: str, canary: Path) -> None:
    """Compile every generated module and import the package in a fresh process; the canary stays absent."""
    code = (
        "import compileall, importlib, sys\n"
        f"assert compileall.compile_dir({str(root / package)!r}, quiet=1, legacy=False, force=True)\n"
        f"for module in ('', '.client', '.models', '.errors', '._operations', '._runtime.client', '._runtime.models'):\n"
        f"    importlib.import_module({package!r} + module)\n"
        f"print(importlib.import_module({package!r}).Client.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "Client"
    assert not canary.exists(), "a spec string ran as code"


# -- a hand-written spec with every payload everywhere --------------------------


def every_place_spec(canary: Path) -> dict[str, Any]:
    strings = payloads(str(canary))
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for i, text in enumerate(strings):
        key = f"S{i}" + re.sub(r"[^a-zA-Z0-9._-]", "", text)
        schemas[key] = {
            "type": "object",
            "title": text,
            "description": text,
            "example": {text: text},
            "properties": {
                text or "empty": {
                    "type": "string",
                    "description": text,
                    "default": text,
                    "example": text,
                    "enum": list(dict.fromkeys([text, text + "2", "plain"])),
                },
                f"n{i}{text}": {"type": "integer", "default": i, "description": text},
            },
        }
        template = re.sub(r"[{}/?#%\[\]!:\x00-\x20\x7f]", "", text) or "id"
        paths[f"/p{i}/{{{template}}}"] = {
            "post": {
                "operationId": text + str(i),
                "tags": [text, "../../" + text, "/abs/" + text],
                "summary": text,
                "description": text,
                "parameters": [
                    {"name": template, "in": "path", "required": True, "description": text, "schema": {"type": "string"}},
                    {"name": text or "q", "in": "query", "description": text, "schema": {"type": "string", "default": text}},
                    {"name": (text or "h") + "-h", "in": "header", "schema": {"type": "string", "example": text}},
                    {"name": (text or "c") + "-c", "in": "cookie", "schema": {"type": "string"}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{key}"}}}},
                "responses": {
                    "200": {
                        "description": text,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{key}"},
                                "examples": {"e": {"value": {"errors": [{"code": text, "title": text}]}}},
                            }
                        },
                    },
                    "422": {
                        "description": text,
                        "content": {"application/json": {"example": {"errors": [{"code": text + "!", "title": text}]}}},
                    },
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": strings[0], "version": strings[2], "description": strings[4]},
        "servers": [{"url": "https://x.example.com/" + strings[0], "description": strings[5]}],
        "tags": [{"name": text, "description": text} for text in strings],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                f"k{i}" + re.sub(r"[^a-zA-Z0-9._-]", "", text): {
                    "type": "apiKey",
                    "in": ("header", "query", "cookie")[i % 3],
                    "name": text or "key",
                    "description": text,
                }
                for i, text in enumerate(strings[:8])
            },
        },
        "security": [{f"k{i}" + re.sub(r"[^a-zA-Z0-9._-]", "", text): []} for i, text in enumerate(strings[:8])],
    }


@pytest.fixture(scope="module")
def every_place(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str]]:
    """The hostile spec generated by the real command line; (folder, output, files around it before)."""
    folder = tmp_path_factory.mktemp("hostile")
    canary = folder / "CANARY"
    (folder / "hostile.json").write_text(json.dumps(every_place_spec(canary), indent=1), encoding="utf-8")
    before = tree(folder)
    done = run_cli("generate", "hostile.json", "--output", "out", cwd=folder, env={**os.environ, "SDKWRIGHT_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr
    return folder, folder / "out", before


def test_every_place_spec_generates_and_imports_without_running_spec_text(
    every_place: tuple[Path, Path, set[str]],
) -> None:
    folder, out, _ = every_place
    package = package_of(p.relative_to(out).as_posix() for p in out.rglob("py.typed"))
    import_everything(out, package, folder / "CANARY")


def black_changes(files: dict[str, str]) -> list[str]:
    """The generated Python files black would lay out otherwise (black ran only on the
    pieces the format stage could not vouch for)."""
    import black

    from generator.output.format import mode

    return [path for path, text in sorted(files.items()) if path.endswith(".py") and black.format_str(text, mode=mode()) != text]


def test_every_place_spec_is_black_where_black_did_not_run(every_place: tuple[Path, Path, set[str]]) -> None:
    _, out, _ = every_place
    files = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.py")}
    assert len(files) > 5
    assert black_changes(files) == []


def test_every_place_spec_writes_nothing_outside_the_output(every_place: tuple[Path, Path, set[str]]) -> None:
    folder, out, before = every_place
    outside = {p for p in tree(folder) if not p.startswith("out/") and p != "out"}
    assert outside == before
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()), path
        assert "\x00" not in path.name


def test_every_place_spec_passes_mypy_strict(every_place: tuple[Path, Path, set[str]]) -> None:
    _, out, _ = every_place
    package = package_of(p.relative_to(out).as_posix() for p in out.rglob("py.typed"))
    assert_imports(out, package)  # what mypy passes may still fail at import
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package],
        cwd=out,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_every_place_spec_keeps_the_strings_as_data(every_place: tuple[Path, Path, set[str]]) -> None:
    """The payloads are still there, as values: enum members and defaults carry them unchanged."""
    folder, out, _ = every_place
    package = package_of(p.relative_to(out).as_posix() for p in out.rglob("py.typed"))
    strings = [s for s in payloads(str(folder / "CANARY")) if s]
    code = (
        "import enum, json, sys\n"
        f"import {package}.models as models\n"
        "values = {m.value for v in vars(models).values() if isinstance(v, type) and issubclass(v, enum.Enum) for m in v}\n"
        "print(json.dumps(sorted(values)))\n"
    )
    done = subprocess.run([sys.executable, "-B", "-c", code], cwd=out, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert set(strings) <= set(json.loads(done.stdout))
    assert not (folder / "CANARY").exists()


@pytest.mark.parametrize("package", ["../escape", "/abs/pkg", "a b", "a/b", "..", "class", "ok_name"])
def test_a_package_name_that_is_not_an_identifier_is_refused_or_made_safe(tmp_path: Path, package: str) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(every_place_spec(tmp_path / "CANARY")), encoding="utf-8")
    before = tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "spec.json", "--output", "out", "--package", package],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "SDKWRIGHT_NO_CACHE": "1"},
    )
    assert "Traceback" not in done.stderr
    after = {p for p in tree(tmp_path) if not p.startswith("out/") and p != "out"}
    assert after == before
    if done.returncode == 0:
        generated = package_of(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("py.typed"))
        assert generated.isidentifier()
    else:
        assert done.returncode == 2
        assert len(done.stderr.splitlines()) == 1, done.stderr


# -- random specs ---------------------------------------------------------------------------


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(document=specs(str(CANARY)))
def test_random_hostile_specs_generate_importable_packages(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="sdkwright-hostile-") as folder:
        root = Path(folder)
        (root / "spec.json").write_text(json.dumps(document), encoding="utf-8")
        saved = os.environ.get("SDKWRIGHT_NO_CACHE")
        os.environ["SDKWRIGHT_NO_CACHE"] = "1"
        try:
            result, _ = generate(Job(str(root / "spec.json"), root / "out"))
        finally:
            if saved is None:
                del os.environ["SDKWRIGHT_NO_CACHE"]
            else:
                os.environ["SDKWRIGHT_NO_CACHE"] = saved
        assert tree(root) - {"spec.json", "out"} == {f"out/{path}" for path in tree(root / "out")}
        import_everything(root / "out", package_of(result.files), CANARY)
        operations = sum(len(item) for item in document["paths"].values())
        client = (root / "out" / package_of(result.files) / "client.py").read_text(encoding="utf-8")
        assert client.count("return self._call(") == operations
        assert black_changes(result.files) == []

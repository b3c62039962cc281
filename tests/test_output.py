"""The committed output/: what the generator makes now, deterministic, typed, black-stable."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import black
import pytest
import yaml

from conftest import CONFERENCES, REPO, assert_imports
from generator.config import Job
from generator.output.format import class_runs, format_source, join_pieces, join_runs, mode, split_lines, split_module
from generator.document.load import load, parse, to_uri
from generator.openapi.read import build_model
from generator.naming import build_names
from generator.pipeline import Result, generate, generate_files
from generator.emit.render import render
from generator.document.resolve import Resolver
from generator.output.manifest import MANIFEST, read_manifest

OUTPUT = REPO / "output"
PACKAGE = "telnyx_conferences"
IGNORED = {"__pycache__", ".mypy_cache", ".pytest_cache"}


def committed_files() -> dict[str, bytes]:
    """The files of output/, less those of other jobs' outputs inside it (a folder with its own manifest)."""
    nested = [d for d in OUTPUT.rglob(MANIFEST) if d.parent != OUTPUT]
    return {
        p.relative_to(OUTPUT).as_posix(): p.read_bytes()
        for p in sorted(OUTPUT.rglob("*"))
        if p.is_file()
        and not IGNORED & set(p.relative_to(OUTPUT).parts)
        and not any(m.parent in p.parents for m in nested)
    }


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Result:
    """specs/conferences.yml generated from scratch, the output and spec laid out as in the repository.

    The spec is copied beside an empty output directory, so the manifest names the
    input as the committed one does and nothing is taken from an earlier run.
    """
    root = tmp_path_factory.mktemp("fresh")
    (root / "specs").mkdir()
    shutil.copyfile(CONFERENCES, root / "specs" / "conferences.yml")
    output = root / "output"
    assert read_manifest(output) is None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SDKWRIGHT_NO_CACHE", "1")
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        result = generate_files(Job(str(root / "specs" / "conferences.yml"), output, PACKAGE))
    assert not (root / "cache").exists()
    assert not output.exists()
    return result


# -- output/ is what the generator makes ---------------------------------------------


def test_committed_output_has_the_generated_file_set(fresh: Result) -> None:
    assert sorted(committed_files()) == sorted([*fresh.files, MANIFEST])


def test_committed_output_equals_a_fresh_generation(fresh: Result) -> None:
    committed = committed_files()
    differing = sorted(path for path, text in fresh.files.items() if committed.get(path) != text.encode())
    assert differing == [], "output/ is stale; regenerate it with `sdkwright generate`"


def test_committed_manifest_equals_a_fresh_generation(fresh: Result) -> None:
    assert (OUTPUT / MANIFEST).read_text(encoding="utf-8") == fresh.manifest.dumps()


def test_the_manifest_describes_the_files(fresh: Result) -> None:
    assert sorted(fresh.manifest.files) == sorted(fresh.files)
    for path, text in fresh.files.items():
        assert fresh.manifest.files[path][1] == hashlib.sha256(text.encode()).hexdigest(), path
    assert list(fresh.manifest.inputs) == ["../specs/conferences.yml"]


def test_fresh_generation_warns_of_nothing(fresh: Result) -> None:
    assert fresh.warnings == ()


# -- determinism ---------------------------------------------------------------------


def reversed_mapping(mapping: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(list(mapping.items())))


def reordered(contents: dict[str, Any]) -> dict[str, Any]:
    """The spec with paths, methods, components, schemas, responses and webhooks in reverse order."""
    copy = json.loads(json.dumps(contents))
    copy["paths"] = reversed_mapping({path: reversed_mapping(item) for path, item in copy["paths"].items()})
    copy["webhooks"] = reversed_mapping(copy["webhooks"])
    components = copy["components"]
    for section in ("schemas", "responses", "securitySchemes"):
        if section in components:
            components[section] = reversed_mapping(components[section])
    copy["components"] = reversed_mapping(components)
    for operation in [op for item in copy["paths"].values() for op in item.values() if isinstance(op, dict)]:
        if isinstance(operation.get("responses"), dict):
            operation["responses"] = reversed_mapping(operation["responses"])
    return reversed_mapping(copy)


def generate_copy(root: Path, text: str) -> dict[str, bytes]:
    root.mkdir()
    (root / "spec.yml").write_text(text, encoding="utf-8")
    generate(Job(str(root / "spec.yml"), root / "out", PACKAGE))
    assert_imports(root / "out", PACKAGE)
    return {p.relative_to(root / "out").as_posix(): p.read_bytes() for p in sorted((root / "out").rglob("*")) if p.is_file()}


def test_reordering_the_spec_changes_no_byte(tmp_path: Path) -> None:
    original = load(str(CONFERENCES))
    text = yaml.safe_dump(reordered(original.contents), sort_keys=False, allow_unicode=True, width=1000)
    shuffled = parse(text, to_uri("copy.yml"))
    assert shuffled == original.contents
    assert list(shuffled["paths"]) == list(reversed(list(original.contents["paths"])))
    assert list(shuffled["components"]["schemas"]) == list(reversed(list(original.contents["components"]["schemas"])))
    assert list(shuffled["webhooks"]) == list(reversed(list(original.contents["webhooks"])))

    first = generate_copy(tmp_path / "a", CONFERENCES.read_text(encoding="utf-8"))
    second = generate_copy(tmp_path / "b", text)
    assert sorted(first) == sorted(second)
    for path in first:
        if path != MANIFEST:
            assert first[path] == second[path], path

    manifest_a, manifest_b = json.loads(first[MANIFEST]), json.loads(second[MANIFEST])
    assert manifest_a["files"] == manifest_b["files"]
    assert list(manifest_a["inputs"]) == list(manifest_b["inputs"]) == ["../spec.yml"]


def test_generation_is_repeatable(tmp_path: Path, fresh: Result) -> None:
    text = CONFERENCES.read_text(encoding="utf-8")
    again = generate_copy(tmp_path / "again", text)
    for path, content in fresh.files.items():
        assert again[path] == content.encode(), path


# -- the generated package ------------------------------------------------------------


def test_committed_package_passes_mypy_strict(mypy_cache: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), PACKAGE],
        cwd=OUTPUT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success" in done.stdout


def test_committed_package_imports_in_a_fresh_process() -> None:
    code = (
        "import telnyx_conferences as p, telnyx_conferences.client, telnyx_conferences.models, "
        "telnyx_conferences.errors, telnyx_conferences._operations\n"
        "assert p.__file__.startswith(%r), p.__file__\n"
        "print(sorted(n for n in dir(p) if not n.startswith('_')))\n" % str(OUTPUT)
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code],
        cwd=OUTPUT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "Client" in done.stdout


def generated_python() -> list[Path]:
    return sorted(p for p in (OUTPUT / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", generated_python(), ids=lambda p: p.name)
def test_generated_module_is_black_stable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert black.format_str(text, mode=mode()) == text


def unformatted_sources() -> dict[str, str]:
    document = load(str(CONFERENCES))
    api = build_model(Resolver(document))
    return render(api, build_names(api, PACKAGE))


def test_piecewise_formatting_equals_whole_file_black() -> None:
    sources = {path: text for path, text in unformatted_sources().items() if path.endswith(".py")}
    assert {Path(p).name for p in sources} >= {"models.py", "client.py", "errors.py", "_operations.py", "__init__.py"}
    for path, source in sources.items():
        pieces = split_module(source)
        assert "".join(piece for piece, _ in pieces).count("\n") <= source.count("\n")
        joined = join_pieces([(format_source(piece), blanks) for piece, blanks in pieces])
        assert joined == black.format_str(source, mode=mode()), path


@pytest.mark.parametrize(
    "source",
    [
        'import a\nimport b\nx = 1\n\n\n\ny = 2\n',
        '"""Doc."""\n\nfrom __future__ import annotations\n\nimport os\n\n\nclass A:\n    pass\nZ = 1\n"""About Z."""\ndef f():\n    return 1\n\n\n\n\nw = 3\n',
        '"""Doc."""\nimport os\nT = 1\n\n@decorator\nclass A:\n    x: int = 1\n\n\nclass B(A):\n    """B."""\n\n    y = 2\n',
        'def f(a,b):\n  return a+b\nX=[1,\n2]\n',
        'import a\n\n# About X.\nX = 1\n# About f,\n# on two lines.\ndef f():\n    pass\nY = 2\n\n# About Z.\n\nZ = 3\n',
    ],
    ids=["assignments", "mixed", "decorated", "unformatted", "comments"],
)
def test_piecewise_formatting_of_sample_modules(source: str) -> None:
    joined = join_pieces([(format_source(piece), blanks) for piece, blanks in split_module(source)])
    assert joined == black.format_str(source, mode=mode())


def test_the_line_wise_cut_equals_the_parsed_cut_of_the_unformatted_modules() -> None:
    sources = {path: text for path, text in unformatted_sources().items() if path.endswith(".py")}
    for path, source in sources.items():
        assert split_lines(source) == split_module(source), path


BLACK_LAYOUT_SAMPLES = [
    '"""Doc\non two lines.\n"""\n\nfrom __future__ import annotations\n\nimport os\n\n\nclass A:\n    """A."""\n\n    x: int = 1\n',
    'import a\nfrom b import (\n    c,\n)\nX = 1\n"""About X,\non two lines.\n"""\n# About f.\n@decorator\n@other(\n    1,\n)\ndef f(\n    a: int,\n) -> None:\n    pass\nY = 2\n',
    'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import a\nelse:\n    a = None\ntry:\n    import b\nexcept ImportError:\n    b = None\nfinally:\n    pass\n__all__ = [\n    "a",\n]\n',
    'class A:\n    """Quotes \\"at the end\\""""\n\n    # A comment inside.\n\n\n\n# About B.\nclass B(\n    A\n):\n    pass\n',
    "",
    "# Only a comment.\n",
]


@pytest.mark.parametrize("source", BLACK_LAYOUT_SAMPLES)
def test_the_line_wise_cut_of_modules_in_black_layout_equals_the_parsed_cut(source: str) -> None:
    assert split_lines(source) is not None
    assert split_lines(source) == split_module(source)


@pytest.mark.parametrize(
    "source",
    [
        "X = [1,\n2]\n",
        "x = 1 + \\\n2\ny = 3\n",
        "x = '''a\nb'''\ny = 1\n",
        'x = """a\nb"""\ny = 1\n',
        'x = 1\n"a"\ny = 2\n',
        "x = 1\ry = 2\n",
        "if x:\n\ty = 1\nz = 2\n",
    ],
    ids=["inside-brackets", "backslash", "single-quotes", "inline-triple-quotes", "string-statement", "carriage-return", "tab"],
)
def test_the_line_wise_cut_leaves_what_it_cannot_place_to_the_parser(source: str) -> None:
    assert split_lines(source) is None


_PARTS_SAMPLES = [
    'import a\nif a.X:\n    Y = 1\nelse:\n    Y = 2\nZ = 3\n',
    'try:\n    import a\nexcept ImportError:\n    a = None\nfinally:\n    pass\nB = 1\n',
    'X = """\nclass Not:\ndef code(): pass\n"""\n@d\n@e(\n1\n)\ndef f():\n    pass\n',
    'X = [\n1,\n]\nY = (\n2\n)\nZ = 1 + \\\n3\n',
]


@pytest.mark.parametrize("part", [1, 40])
def test_a_module_parsed_in_parts_is_cut_as_parsed_whole(part: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Parts of a line or a few: every unindented line is tried as a cut, inside strings,
    # brackets, decorators and compound statements too.
    sources = [*_PARTS_SAMPLES, *(text for path, text in unformatted_sources().items() if path.endswith(".py"))]
    whole = [split_module(source) for source in sources]
    monkeypatch.setattr("generator.output.format._PART", part)
    assert [split_module(source) for source in sources] == whole


def test_a_long_class_formatted_in_runs_of_members_equals_whole_file_black() -> None:
    # Runs of about 300 characters cut every class of the conferences SDK many times.
    sources = {path: text for path, text in unformatted_sources().items() if path.endswith(".py")}
    cut = 0
    for path, source in sources.items():
        pieces = []
        for piece, blanks in split_module(source):
            runs = class_runs(piece, size=300)
            cut += len(runs) - 1
            pieces.append((join_runs([(format_source(run), b) for run, b in runs]), blanks))
        assert join_pieces(pieces) == black.format_str(source, mode=mode()), path
    assert cut > 50


def test_the_generators_fingerprint_is_the_same_from_a_checkout_and_from_a_wheel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Templates beside the package (a checkout) or inside it (a wheel): the same digest of the
    same files; compiled files are left out, and any byte of a module or template counts."""
    from generator import pipeline

    modules = {"__init__.py": "x = 1\n", "emit/render.py": "y = 2\n", "emit/__pycache__/render.cpython-311.pyc": "\0"}
    templates = {"package/client.py.j2": "{{ view }}\n", "runtime/models.py": "z = 3\n", "__pycache__/t.pyc": "\0"}

    def layout(package: Path, template_root: Path, changed: str = "") -> str:
        for root, files in ((package, modules), (template_root, templates)):
            for relative, text in files.items():
                (root / relative).parent.mkdir(parents=True, exist_ok=True)
                (root / relative).write_text(text + (changed if relative == "runtime/models.py" else ""), encoding="utf-8")
        monkeypatch.setattr(pipeline, "_PACKAGE_ROOT", package)
        monkeypatch.setattr(pipeline, "TEMPLATES", template_root)
        pipeline.generator_fingerprint.cache_clear()
        return pipeline.generator_fingerprint()

    try:
        checkout = layout(tmp_path / "checkout" / "generator", tmp_path / "checkout" / "templates")
        wheel = layout(tmp_path / "wheel" / "generator", tmp_path / "wheel" / "generator" / "templates")
        edited = layout(tmp_path / "edited" / "generator", tmp_path / "edited" / "templates", changed=" ")
    finally:
        pipeline.generator_fingerprint.cache_clear()
    assert checkout == wheel
    assert edited != checkout

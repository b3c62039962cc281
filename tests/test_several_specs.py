"""Several specs in [tool.sdkwright]: the configuration, the default main job, nested outputs."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import CONFERENCES, REPO, assert_imports, run_cli
from test_cli import MINI
from generator.config import Job, default_job, default_jobs
from generator.errors import SpecError
from generator.pipeline import generate, is_fresh
from generator.output.manifest import MANIFEST

SWML = REPO / "specs" / "swml_join_conference.json"

SCHEMA = {"title": "Thing", "type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}


def pyproject(root: Path, body: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[project]\nname = "example"\nversion = "0"\n\n' + body, encoding="utf-8")
    return root


def test_the_repository_lists_the_conferences_sdk_and_the_swml_package() -> None:
    jobs = default_jobs(REPO)
    assert [(Path(j.spec).relative_to(REPO).as_posix(), j.output.relative_to(REPO).as_posix(), j.package) for j in jobs] == [
        ("specs/conferences.yml", "output", "telnyx_conferences"),
        ("specs/swml_join_conference.json", "output/swml", "signalwire_swml"),
    ]
    assert default_job(REPO) == jobs[0]


def test_the_single_spec_form_still_works(tmp_path: Path) -> None:
    root = pyproject(tmp_path, '[tool.sdkwright]\nspec = "a.yml"\noutput = "sdk"\npackage = "a"\nlenient = true\n')
    assert default_jobs(root) == [Job(str(root / "a.yml"), root / "sdk", "a", True)]


def test_both_forms_together_and_an_explicit_input(tmp_path: Path) -> None:
    root = pyproject(
        tmp_path,
        '[tool.sdkwright]\nspec = "a.yml"\n\n'
        '[[tool.sdkwright.specs]]\nspec = "b.json"\noutput = "out/b"\ninput = "jsonschema"\n\n'
        '[[tool.sdkwright.specs]]\nspec = "https://example.com/c.yml"\noutput = "c"\n',
    )
    assert default_jobs(root) == [
        Job(str(root / "a.yml"), root / "output"),
        Job(str(root / "b.json"), root / "out" / "b", input="jsonschema"),
        Job("https://example.com/c.yml", root / "c"),
    ]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('[[tool.sdkwright.specs]]\nspec = "a.yml"\n\n[[tool.sdkwright.specs]]\nspec = "b.yml"\n', "same output"),
        ('[[tool.sdkwright.specs]]\noutput = "x"\n', "needs spec"),
        ('[[tool.sdkwright.specs]]\nspec = "a.yml"\ninput = "swagger"\n', "is not one of openapi, jsonschema"),
        ('[tool.sdkwright]\nspecs = ["a.yml"]\n', "array of tables"),
        ("[tool.other]\n", "no [tool.sdkwright] spec"),
    ],
    ids=["shared output", "no spec", "unknown input", "not tables", "no table"],
)
def test_bad_configurations_are_one_error_naming_the_file(tmp_path: Path, body: str, words: str) -> None:
    root = pyproject(tmp_path, body)
    with pytest.raises(SpecError, match=re.escape(words)) as caught:
        default_jobs(root)
    assert caught.value.uri == str(root / "pyproject.toml")


def test_an_output_inside_another_keeps_both_jobs_whole(tmp_path: Path) -> None:
    """The outer job's atomic swap carries the inner job's folder over; neither clobbers the other."""
    (tmp_path / "mini.yml").write_text(MINI, encoding="utf-8")
    (tmp_path / "thing.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    outer = Job(str(tmp_path / "mini.yml"), tmp_path / "out", "mini")
    inner = Job(str(tmp_path / "thing.json"), tmp_path / "out" / "thing", "thing")
    generate(outer)
    generate(inner)
    inner_files = {p.relative_to(inner.output).as_posix(): p.read_bytes() for p in inner.output.rglob("*") if p.is_file()}
    assert MANIFEST in inner_files and "thing/models.py" in inner_files

    (tmp_path / "mini.yml").write_text(MINI.replace("title: Mini", "title: Mini Changed"), encoding="utf-8")
    _, changed = generate(outer)
    assert changed and not any(path.startswith("thing/") for path in changed)
    assert {p.relative_to(inner.output).as_posix(): p.read_bytes() for p in inner.output.rglob("*") if p.is_file()} == inner_files
    assert is_fresh(outer) and is_fresh(inner)

    (tmp_path / "thing.json").write_text(json.dumps({**SCHEMA, "description": "Changed."}), encoding="utf-8")
    generate(inner)
    assert is_fresh(outer) and is_fresh(inner)
    assert (outer.output / "mini" / "client.py").is_file()
    assert_imports(outer.output, "mini")
    assert_imports(inner.output, "thing")


def cli_env() -> dict[str, str]:
    return {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}


def test_generate_and_check_without_arguments_run_every_listed_spec(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "specs").mkdir(parents=True)
    shutil.copyfile(CONFERENCES, root / "specs" / "conferences.yml")
    shutil.copyfile(SWML, root / "specs" / SWML.name)
    pyproject(
        root,
        '[[tool.sdkwright.specs]]\nspec = "specs/conferences.yml"\noutput = "output"\npackage = "telnyx_conferences"\n\n'
        f'[[tool.sdkwright.specs]]\nspec = "specs/{SWML.name}"\noutput = "output/swml"\npackage = "signalwire_swml"\n',
    )
    done = run_cli("generate", cwd=root, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert (root / "output" / "telnyx_conferences" / "client.py").is_file()
    assert (root / "output" / "swml" / "signalwire_swml" / "_document.py").is_file()
    for project in ("output", "output/swml"):  # the same bytes as the committed outputs
        for path in ("pyproject.toml", MANIFEST):
            assert (root / project / path).read_bytes() == (REPO / project / path).read_bytes(), f"{project}/{path}"

    assert run_cli("check", cwd=root, env=cli_env()).returncode == 0
    assert_imports(root / "output", "telnyx_conferences")
    assert_imports(root / "output" / "swml", "signalwire_swml")
    models = root / "output" / "swml" / "signalwire_swml" / "models.py"
    models.write_text(models.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    done = run_cli("check", cwd=root, env=cli_env())
    assert done.returncode == 1
    assert "signalwire_swml/models.py" in [line.strip() for line in done.stderr.splitlines()]
    assert "output/swml is stale" in done.stderr and "telnyx" not in done.stderr

    done = run_cli("generate", "--package", "other", cwd=root, env=cli_env())
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "lists several specs" in done.stderr


def test_a_configured_spec_named_on_the_command_line_keeps_its_output_and_package(tmp_path: Path) -> None:
    root = pyproject(
        tmp_path,
        '[[tool.sdkwright.specs]]\nspec = "mini.yml"\noutput = "sdk"\npackage = "mini_client"\n\n'
        '[[tool.sdkwright.specs]]\nspec = "thing.json"\noutput = "things"\npackage = "things"\n',
    )
    (root / "mini.yml").write_text(MINI, encoding="utf-8")
    (root / "thing.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    generated = run_cli("generate", cwd=root)
    assert generated.returncode == 0, generated.stderr
    assert (root / "sdk" / "mini_client" / "client.py").is_file()
    assert_imports(root / "sdk", "mini_client")
    assert_imports(root / "things", "things")
    named = run_cli("check", "mini.yml", cwd=root)
    assert named.returncode == 0, named.stdout + named.stderr  # not the derived package `mini`
    assert not (root / "output").exists()
    other = run_cli("check", "mini.yml", "--package", "mini", cwd=root)
    assert other.returncode == 1  # a different package: the configured output is stale for it

"""Blockers (tests/fixtures/bad/): exit 2, one line naming file, line and pointer, old output kept.

A blocker has no one sound reading (defects, which have one, are in tests/fixtures/defects/).

Each case runs the real command line in a fresh process over an output folder
generated before, and checks all three promises: the exit code, the one-line
message (file, line, JSON pointer, no traceback) and the untouched output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assert_imports, run_cli
from test_cli import ERROR_LINE, MINI, cli_env, snapshot

BAD = Path(__file__).resolve().parent / "fixtures" / "bad"

# file -> (its line the message names, the pointer, words the message has)
CASES: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "malformed.yaml": (6, "#", ("invalid YAML",)),
    "malformed.json": (3, "#", ("invalid JSON",)),
    "unresolvable_ref.yaml": (
        15,
        "#/paths/~1items/get/responses/200/content/application~1json/schema/$ref",
        ("unresolvable $ref", "#/components/schemas/Missing"),
    ),
    "body_ref_cycle.yaml": (19, "#/components/schemas/A", ("$ref cycle",)),
    "status_invalid.yaml": (10, "#/paths/~1items/get/responses/20x", ("invalid response status '20x'",)),
    "status_999.json": (8, "#/paths/~1a/get/responses/999", ("invalid response status '999'",)),
    "version_4.yaml": (1, "#/openapi", ("unsupported OpenAPI version '4.0.0'",)),
    "version_3_3.yaml": (1, "#/openapi", ("unsupported OpenAPI version '3.3.0'", "3.2.x are supported")),
    "swagger_2.yaml": (1, "#/swagger", ("Swagger 2.0 is not supported", "OpenAPI 3")),
    # The validator blames `Item` (none of Schema or Reference fits); the defect is deeper.
    # Reported by the validator under the response that refers to `Item`: named where it is.
    "defect_behind_a_ref_31.yaml": (22, "#/components/schemas/Item/properties/label/type", ("{'kind': 'text'}",)),
    "schema_type_not_a_name.yaml": (22, "#/components/schemas/Item/properties/label/type", ("`type` is {'kind': 'text'}: a schema's type is a name",)),
    # `{id/raw` is no template: no one reading of the parameter it means (a name may hold `:`, not a brace).
    "path_unbalanced_brace.yaml": (6, "#/paths/~1items~1{id~1raw", ("malformed path '/items/{id/raw'",)),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


@pytest.fixture(scope="module")
def generated_before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("before")
    (root / "mini.yml").write_text(MINI, encoding="utf-8")
    done = run_cli("generate", "mini.yml", "--output", "out", cwd=root, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert_imports(root / "out")
    (root / "out" / "NOTES.txt").write_text("mine\n", encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, generated_before: Path) -> Path:
    """A folder with an output generated before (and a file of the user's own in it)."""
    shutil.copytree(generated_before, tmp_path / "project")
    return tmp_path / "project"


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_spec_is_one_line_exit_2_and_keeps_the_output(project: Path, name: str) -> None:
    line, pointer, words = CASES[name]
    shutil.copyfile(BAD / name, project / name)
    before = snapshot(project / "out")
    done = run_cli("generate", name, "--output", "out", cwd=project, env=cli_env())

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    match = ERROR_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert (match["file"], match["line"], match["pointer"]) == (name, str(line), pointer), lines[0]
    for word in words:
        assert word in match["message"], lines[0]

    assert snapshot(project / "out") == before
    assert sorted(p.name for p in project.iterdir()) == sorted(["mini.yml", name, "out"])

    # A blocker is the same error, byte for byte, whether or not defects are refused too.
    strict = run_cli("generate", name, "--output", "out", "--strict", cwd=project, env=cli_env())
    assert (strict.returncode, strict.stdout, strict.stderr) == (2, "", done.stderr)
    assert snapshot(project / "out") == before

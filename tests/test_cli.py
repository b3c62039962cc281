"""The command line, run in fresh processes: generate, check, validate, exit codes, errors."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import CONFERENCES, REPO, assert_imports, run_cli

PACKAGE = "telnyx_conferences"

# error: FILE[:LINE] at #POINTER: MESSAGE
ERROR_LINE = re.compile(r"^error: (?P<file>[^\s:]+)(?::(?P<line>\d+))? at (?P<pointer>#\S*): (?P<message>.+)$")

MINI = """\
openapi: 3.0.3
info:
  title: Mini
  version: 1.0.0
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: ok
"""


def cli_env() -> dict[str, str]:
    """The current environment without the caches that could hide behaviour."""
    return {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes (relative POSIX paths)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def spec_operations(spec: Path) -> int:
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    return sum(1 for item in document["paths"].values() for method in item if method in methods)


def make_project(root: Path) -> Path:
    """A project of its own: pyproject.toml with [tool.sdkwright] and a copy of the spec."""
    (root / "specs").mkdir(parents=True)
    shutil.copyfile(CONFERENCES, root / "specs" / "conferences.yml")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "example"\nversion = "0"\n\n'
        f'[tool.sdkwright]\nspec = "specs/conferences.yml"\noutput = "output"\npackage = "{PACKAGE}"\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project (`make_project`) whose output `generate` made, once for the module."""
    project = make_project(tmp_path_factory.mktemp("generated") / "project")
    done = run_cli("generate", cwd=project, env=cli_env())
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture
def project_generated_before(tmp_path: Path, generated_project: Path) -> Path:
    """A copy of `generated_project` of this test's own: the state right after `generate`."""
    return Path(shutil.copytree(generated_project, tmp_path / "project"))


def assert_generated_project(output: Path, package: str) -> None:
    assert (output / "pyproject.toml").is_file()
    assert (output / "README.md").is_file()
    assert (output / package / "py.typed").is_file()
    for module in ("__init__.py", "client.py", "models.py", "errors.py", "_operations.py", "_runtime/client.py", "_runtime/models.py"):
        assert (output / package / module).is_file(), module
    assert (output / ".sdkwright.json").is_file()
    assert f'packages = ["{package}"]' in (output / "pyproject.toml").read_text(encoding="utf-8")
    assert_imports(output, package)


# -- generate ------------------------------------------------------------------


def test_generate_with_spec_and_output(tmp_path: Path) -> None:
    output = tmp_path / "sdk"
    done = run_cli("generate", str(CONFERENCES), "--output", str(output), "--package", PACKAGE, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert_generated_project(output, PACKAGE)
    assert "Telnyx Conferences API" in (output / "README.md").read_text(encoding="utf-8")


def test_generate_derives_the_package_name_from_the_title(tmp_path: Path) -> None:
    spec = tmp_path / "mini.yml"
    spec.write_text(MINI.replace("title: Mini", "title: Widget Store"), encoding="utf-8")
    done = run_cli("generate", "mini.yml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    packages = [p.parent.name for p in (tmp_path / "out").glob("*/py.typed")]
    assert len(packages) == 1
    assert "widget" in packages[0]
    assert_imports(tmp_path / "out", packages[0])


def test_generate_without_arguments_uses_the_project_table(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    done = run_cli("generate", cwd=project, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert_generated_project(project / "output", PACKAGE)
    assert not (project / "specs" / "output").exists()


def test_generate_without_arguments_from_a_subfolder_finds_the_project(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    done = run_cli("generate", cwd=project / "specs", env=cli_env())
    assert done.returncode == 0, done.stderr
    assert_generated_project(project / "output", PACKAGE)
    assert not (project / "specs" / "output").exists()


def test_generate_without_arguments_and_without_a_project_fails(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    done = run_cli("generate", cwd=folder, env=cli_env())
    assert done.returncode == 2
    assert done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr
    assert "tool.sdkwright" in done.stderr
    assert not (folder / "output").exists()


def test_generate_is_quiet_when_piped(tmp_path: Path) -> None:
    done = run_cli("generate", str(CONFERENCES), "--output", str(tmp_path / "sdk"), env=cli_env())
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr == ""
    assert_imports(tmp_path / "sdk")


def test_regenerate_without_changes_changes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "sdk"
    first = run_cli("generate", str(CONFERENCES), "--output", str(output), env=cli_env())
    assert first.returncode == 0, first.stderr
    before = snapshot(output)
    mtimes = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    second = run_cli("generate", str(CONFERENCES), "--output", str(output), env=cli_env())
    assert second.returncode == 0, second.stderr
    assert snapshot(output) == before
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == mtimes
    assert_imports(output)


# -- check ---------------------------------------------------------------------


def test_check_passes_right_after_generate(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert run_cli("generate", cwd=project, env=cli_env()).returncode == 0
    done = run_cli("check", cwd=project, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert_imports(project / "output", PACKAGE)


def test_check_passes_right_after_generate_with_explicit_arguments(tmp_path: Path) -> None:
    output = tmp_path / "sdk"
    args = (str(CONFERENCES), "--output", str(output), "--package", PACKAGE)
    assert run_cli("generate", *args, env=cli_env()).returncode == 0
    done = run_cli("check", *args, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert_imports(output, PACKAGE)


def test_check_lists_an_edited_file_and_the_fix(project_generated_before: Path) -> None:
    project = project_generated_before
    edited = project / "output" / PACKAGE / "client.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# a local edit\n", encoding="utf-8")
    done = run_cli("check", cwd=project, env=cli_env())
    assert done.returncode == 1
    listed = [line.strip() for line in done.stderr.splitlines()]
    assert f"{PACKAGE}/client.py" in listed
    assert f"{PACKAGE}/models.py" not in listed
    assert "sdkwright generate" in done.stderr
    assert "Traceback" not in done.stderr

    fixed = run_cli("generate", cwd=project, env=cli_env())
    assert fixed.returncode == 0
    assert "# a local edit" not in edited.read_text(encoding="utf-8")
    assert run_cli("check", cwd=project, env=cli_env()).returncode == 0
    assert_imports(project / "output", PACKAGE)


def test_check_with_explicit_arguments_names_them_in_the_fix(tmp_path: Path) -> None:
    output = tmp_path / "sdk"
    args = (str(CONFERENCES), "--output", str(output), "--package", PACKAGE)
    assert run_cli("generate", *args, env=cli_env()).returncode == 0
    (output / "README.md").write_text("replaced\n", encoding="utf-8")
    done = run_cli("check", *args, env=cli_env())
    assert done.returncode == 1
    assert "README.md" in [line.strip() for line in done.stderr.splitlines()]
    fix = re.search(r"`(sdkwright generate[^`]*)`", done.stderr)
    assert fix is not None, done.stderr
    assert str(CONFERENCES) in fix.group(1)
    assert str(output) in fix.group(1)


def test_check_lists_a_deleted_file(project_generated_before: Path) -> None:
    project = project_generated_before
    (project / "output" / PACKAGE / "errors.py").unlink()
    done = run_cli("check", cwd=project, env=cli_env())
    assert done.returncode == 1
    assert f"{PACKAGE}/errors.py" in [line.strip() for line in done.stderr.splitlines()]


def test_check_after_adding_an_enum_value_lists_models(project_generated_before: Path) -> None:
    project = project_generated_before
    spec = project / "specs" / "conferences.yml"
    text = spec.read_text(encoding="utf-8")
    anchor = "        - US\n    ConferenceCommandResult:\n"
    assert text.count(anchor) == 1
    spec.write_text(text.replace(anchor, "        - US\n        - Asia Pacific\n    ConferenceCommandResult:\n"), encoding="utf-8")

    done = run_cli("check", cwd=project, env=cli_env())
    assert done.returncode == 1
    listed = [line.strip() for line in done.stderr.splitlines()]
    assert f"{PACKAGE}/models.py" in listed
    assert "Asia Pacific" not in (project / "output" / PACKAGE / "models.py").read_text(encoding="utf-8")

    assert run_cli("generate", cwd=project, env=cli_env()).returncode == 0
    assert "Asia Pacific" in (project / "output" / PACKAGE / "models.py").read_text(encoding="utf-8")
    assert run_cli("check", cwd=project, env=cli_env()).returncode == 0
    assert_imports(project / "output", PACKAGE)


def test_check_after_adding_a_property_lists_models(project_generated_before: Path) -> None:
    project = project_generated_before
    spec = project / "specs" / "conferences.yml"
    text = spec.read_text(encoding="utf-8")
    anchor = "    ConferenceRecordingUrls:\n"
    assert text.count(anchor) == 1
    start = text.index(anchor)
    properties = text.index("      properties:\n", start) + len("      properties:\n")
    added = "        archive_url:\n          type: string\n          description: Where the archive is kept.\n"
    spec.write_text(text[:properties] + added + text[properties:], encoding="utf-8")

    done = run_cli("check", cwd=project, env=cli_env())
    assert done.returncode == 1
    assert f"{PACKAGE}/models.py" in [line.strip() for line in done.stderr.splitlines()]
    assert run_cli("generate", cwd=project, env=cli_env()).returncode == 0
    assert "archive_url" in (project / "output" / PACKAGE / "models.py").read_text(encoding="utf-8")
    assert_imports(project / "output", PACKAGE)


def test_check_on_a_missing_output_exits_1(tmp_path: Path) -> None:
    done = run_cli("check", str(CONFERENCES), "--output", str(tmp_path / "never"), env=cli_env())
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "never").exists()


# -- bad input -----------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    """A defective input and what its one-line error must say."""

    name: str
    text: str | None  # None: the file does not exist
    lines: tuple[int, ...] | None  # acceptable lines; None: no line applies
    pointer: str | None  # the error's pointer starts with this
    mentions: tuple[str, ...] = ()


UNCLOSED = """\
openapi: 3.0.3
info:
  title: Mini
  version: 1.0.0
  x-tags: [a, b
paths: {}
"""

BAD_JSON = '{\n  "openapi": "3.0.3",\n  "info": {"title": "x",,\n  "paths": {}\n}\n'

UNRESOLVABLE = """\
openapi: 3.0.3
info:
  title: Mini
  version: 1.0.0
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Missing'
components:
  schemas:
    Item:
      type: object
"""

CYCLE = """\
openapi: 3.0.3
info:
  title: Mini
  version: 1.0.0
paths:
  /items:
    post:
      operationId: createItem
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/A'
      responses:
        '200':
          description: ok
components:
  schemas:
    A:
      $ref: '#/components/schemas/B'
    B:
      $ref: '#/components/schemas/A'
"""

BAD_STATUS = """\
openapi: 3.0.3
info:
  title: Mini
  version: 1.0.0
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '20x':
          description: ok
"""

SWAGGER = """\
swagger: "2.0"
info:
  title: Mini
  version: 1.0.0
paths: {}
"""

FUTURE = """\
openapi: 4.0.0
info:
  title: Mini
  version: 1.0.0
paths: {}
"""

BAD_INPUTS = [
    pytest.param(Bad("unclosed.yml", UNCLOSED, (5, 6), "#", ("YAML",)), id="yaml-unclosed-bracket"),
    pytest.param(Bad("broken.json", BAD_JSON, (3,), "#", ("JSON",)), id="json-malformed"),
    pytest.param(
        Bad("unresolvable.yml", UNRESOLVABLE, (15,), "#/paths/~1items/get/responses/200", ("Missing",)),
        id="ref-unresolvable",
    ),
    pytest.param(
        Bad("cycle.yml", CYCLE, tuple(range(9, 23)), "#/", ("cycle",)),
        id="ref-cycle",
    ),
    pytest.param(Bad("status.yml", BAD_STATUS, (9, 10), "#/paths/~1items/get/responses", ("20x",)), id="status-20x"),
    pytest.param(Bad("swagger.yml", SWAGGER, (1,), "#/swagger", ("Swagger",)), id="swagger-2"),
    pytest.param(Bad("future.yml", FUTURE, (1,), "#/openapi", ("4.0.0",)), id="openapi-4"),
    pytest.param(Bad("absent.yml", None, None, None, ("no such file",)), id="file-missing"),
]


@pytest.fixture(scope="module")
def mini_generated_before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with mini.yml and its output generated from it (once for the module)."""
    root = tmp_path_factory.mktemp("mini-before")
    (root / "mini.yml").write_text(MINI, encoding="utf-8")
    done = run_cli("generate", "mini.yml", "--output", "out", cwd=root, env=cli_env())
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def previous_output(tmp_path: Path, mini_generated_before: Path) -> Path:
    """An output directory generated before (a copy of the module's), plus a file of the user's own in it."""
    shutil.copyfile(mini_generated_before / "mini.yml", tmp_path / "mini.yml")
    shutil.copytree(mini_generated_before / "out", tmp_path / "out")
    (tmp_path / "out" / "NOTES.txt").write_text("mine\n", encoding="utf-8")
    return tmp_path / "out"


def assert_one_line_error(stderr: str, bad: Bad) -> None:
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    match = ERROR_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert Path(match["file"]).name == bad.name
    if bad.lines is not None:
        assert match["line"] is not None, lines[0]
        assert int(match["line"]) in bad.lines, lines[0]
    if bad.pointer is not None:
        assert match["pointer"].startswith(bad.pointer), lines[0]
    for word in bad.mentions:
        assert word in match["message"], lines[0]


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_generate_rejects_bad_input_and_keeps_the_output(tmp_path: Path, previous_output: Path, bad: Bad) -> None:
    if bad.text is not None:
        (tmp_path / bad.name).write_text(bad.text, encoding="utf-8")
    before = snapshot(previous_output)
    done = run_cli("generate", bad.name, "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert_one_line_error(done.stderr, bad)
    assert snapshot(previous_output) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_check_and_validate_reject_bad_input(tmp_path: Path, previous_output: Path, bad: Bad) -> None:
    if bad.text is not None:
        (tmp_path / bad.name).write_text(bad.text, encoding="utf-8")
    before = snapshot(previous_output)
    for command in (("check", bad.name, "--output", "out"), ("validate", bad.name)):
        done = run_cli(*command, cwd=tmp_path, env=cli_env())
        assert done.returncode == 2, (command, done.stderr)
        assert_one_line_error(done.stderr, bad)
    assert snapshot(previous_output) == before


# -- --lenient -----------------------------------------------------------------

NULL_DEFAULT = """\
openapi: {version}
info:
  title: Mini
  version: 1.0.0
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - name: limit
          in: query
          schema:
            type: integer
            default: null
      responses:
        '200':
          description: ok
"""

LENIENT_VERSIONS = [
    pytest.param("3.0.3", id="openapi-3.0"),
    pytest.param("3.1.0", id="openapi-3.1"),
]


@pytest.mark.parametrize("version", LENIENT_VERSIONS)
def test_a_null_default_is_a_warning_an_error_when_strict_and_lenient_changes_nothing(tmp_path: Path, version: str) -> None:
    (tmp_path / "nulls.yml").write_text(NULL_DEFAULT.format(version=version), encoding="utf-8")
    warning = "warning: nulls.yml:14 at #/paths/~1items/get/parameters/0/schema/default: default null, but the value is not nullable: dropped"

    strict = run_cli("generate", "nulls.yml", "--output", "out", "--strict", cwd=tmp_path, env=cli_env())
    assert strict.returncode == 2
    assert strict.stderr.splitlines() == [warning.replace("warning: ", "error: ", 1).removesuffix(": dropped")], strict.stderr
    assert not (tmp_path / "out").exists()

    for flags in ((), ("--lenient",)):
        done = run_cli("generate", "nulls.yml", "--output", "out", *flags, cwd=tmp_path, env=cli_env())
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines() == [warning, "1 warning"], done.stderr
        assert list((tmp_path / "out").glob("*/py.typed"))
        assert_imports(tmp_path / "out")

    validated = run_cli("validate", "nulls.yml", "--lenient", cwd=tmp_path, env=cli_env())
    assert validated.returncode == 2, validated.stderr
    assert validated.stderr.splitlines() == [warning, "1 warning"], validated.stderr


def test_help_says_lenient_is_accepted_and_does_nothing() -> None:
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    done = run_cli("generate", "--help", env=buffered)
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "--lenient Accepted for existing configurations; has no effect" in text
    assert "--strict Refuse any defect" in text


PATTERNS = """\
openapi: {version}
info: {{title: Patterns, version: '1'}}
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - name: name
          in: query
          schema:
            type: string
            pattern: '{pattern}'
      responses:
        '200':
          description: ok
"""


@pytest.mark.parametrize("version", LENIENT_VERSIONS)
def test_an_unreadable_pattern_is_named_and_generated_without(tmp_path: Path, version: str) -> None:
    # `(` opens a group it never closes: no regex dialect reads it. The validator
    # blames the whole schema around it; the message must name the pattern itself.
    (tmp_path / "bad.yml").write_text(PATTERNS.format(version=version, pattern="^(ab"), encoding="utf-8")
    strict = run_cli("generate", "bad.yml", "--output", "out", "--strict", cwd=tmp_path, env=cli_env())
    assert strict.returncode == 2
    match = ERROR_LINE.match(strict.stderr.strip())
    assert match is not None and len(strict.stderr.splitlines()) == 1, strict.stderr
    assert match["line"] == "12"
    assert match["pointer"] == "#/paths/~1items/get/parameters/0/schema/pattern"
    assert match["message"] == "pattern '^(ab' is not a valid regular expression"

    done = run_cli("generate", "bad.yml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: bad.yml:12 at #/paths/~1items/get/parameters/0/schema/pattern: pattern '^(ab' is not a valid"
        " regular expression: ignored (the SDK leaves the check to the server)",
        "1 warning",
    ]
    operations = (tmp_path / "out" / "patterns" / "_operations.py").read_text(encoding="utf-8")
    assert "pattern" not in operations  # the SDK leaves the check to the server
    assert_imports(tmp_path / "out")


def test_an_ecma_pattern_the_fast_validator_cannot_read_is_no_defect(tmp_path: Path) -> None:
    # `\\000-\\037` (octal escapes) is ECMA-262 and Python, but not Rust's regex dialect.
    (tmp_path / "octal.yml").write_text(PATTERNS.format(version="3.0.3", pattern=r"^[^\000-\037]+$"), encoding="utf-8")
    done = run_cli("generate", "octal.yml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0 and done.stderr == "", done.stderr
    operations = (tmp_path / "out" / "patterns" / "_operations.py").read_text(encoding="utf-8")
    assert r"\\000-\\037" in operations  # the SDK checks it (a Python literal: backslashes doubled)
    assert_imports(tmp_path / "out")


def assert_list_items_sends(output: Path, name: str, warnings_are_errors: bool = False) -> None:
    """The `patterns` SDK in `output`, in a fresh process, sends `list_items(name=...)` (`name`
    as Python source inside a string literal) to a mock server without raising."""
    script = (
        "import warnings, httpx, patterns\n"
        + ("warnings.simplefilter('error')\n" if warnings_are_errors else "")
        + "client = patterns.Client(base_url='http://api.test', http_client=httpx.Client("
        "transport=httpx.MockTransport(lambda request: httpx.Response(200, text=str(request.url)))))\n"
        f"client.default.list_items(name='{name}')\n"
        "print('sent')\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], cwd=output, capture_output=True, text=True, check=False)
    assert ran.returncode == 0 and ran.stdout.strip() == "sent", ran.stderr


def test_an_ecma_pattern_python_cannot_run_is_left_to_the_server(tmp_path: Path) -> None:
    # `\\p{L}` (any letter) is ECMA-262, as OpenAPI patterns are, but not Python's `re`.
    (tmp_path / "ecma.yml").write_text(PATTERNS.format(version="3.1.0", pattern=r"^\p{L}+$"), encoding="utf-8")
    done = run_cli("generate", "ecma.yml", "--output", "out", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("warning: ecma.yml:12 at #/paths/~1items/get/parameters/0/schema/pattern:")
    assert "not a Python regular expression" in done.stderr
    assert_list_items_sends(tmp_path / "out", "Zo\\u00eb")


def test_a_pattern_python_reads_with_a_warning_is_left_to_the_server_and_warns_once(tmp_path: Path) -> None:
    # `[[A-Z0-9]` is ECMA-262 (a `[` in a class is one), which Python's `re` reads with a
    # FutureWarning ("possible nested set"): neither the run nor the SDK may print that.
    (tmp_path / "nested.yml").write_text(PATTERNS.format(version="3.0.3", pattern="[[A-Z0-9]{1,18}"), encoding="utf-8")
    done = run_cli("generate", "nested.yml", "--output", "out", cwd=tmp_path, env={**cli_env(), "PYTHONWARNINGS": "default"})
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("warning: nested.yml:12 at #/paths/~1items/get/parameters/0/schema/pattern:"), done.stderr
    assert "possible nested set" in lines[0] and "FutureWarning" not in done.stderr, done.stderr
    assert_list_items_sends(tmp_path / "out", "[A1", warnings_are_errors=True)


def test_lenient_in_the_project_table(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "nulls.yml").write_text(NULL_DEFAULT.format(version="3.1.0"), encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[tool.sdkwright]\nspec = "nulls.yml"\noutput = "sdk"\npackage = "mini"\nlenient = true\n', encoding="utf-8"
    )
    done = run_cli("generate", cwd=project, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("warning: ")
    assert (project / "sdk" / "mini" / "py.typed").is_file()
    assert_imports(project / "sdk", "mini")

    # `strict = true` in the table refuses the defect, and leaves the output as it was.
    before = snapshot(project / "sdk")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("lenient = true", "strict = true"), encoding="utf-8")
    refused = run_cli("generate", cwd=project, env=cli_env())
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("error: nulls.yml:14 at #/paths/~1items/get/parameters/0/schema/default: ")
    assert snapshot(project / "sdk") == before


# -- validate ------------------------------------------------------------------


def test_validate_prints_a_summary(tmp_path: Path) -> None:
    done = run_cli("validate", str(CONFERENCES), env=cli_env())
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    summary = done.stdout.strip()
    assert "conferences.yml" in summary
    assert "3.1.0" in summary
    match = re.search(r"(\d+) operations", summary)
    assert match is not None, summary
    assert int(match.group(1)) == spec_operations(CONFERENCES)


def test_validate_counts_the_operations_of_another_spec(tmp_path: Path) -> None:
    spec = tmp_path / "two.yml"
    document = yaml.safe_load(MINI)
    document["paths"]["/items/{id}"]["delete"] = {
        "operationId": "deleteItem",
        "parameters": document["paths"]["/items/{id}"]["get"]["parameters"],
        "responses": {"204": {"description": "gone"}},
    }
    document["paths"]["/items"] = {"get": {"operationId": "listItems", "responses": {"200": {"description": "ok"}}}}
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    done = run_cli("validate", str(spec), env=cli_env())
    assert done.returncode == 0, done.stderr
    assert re.search(r"\b3 operations\b", done.stdout), done.stdout


def test_validate_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mini.yml").write_text(MINI, encoding="utf-8")
    done = run_cli("validate", "mini.yml", cwd=tmp_path, env=cli_env())
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini.yml"]


def test_validate_bad_spec_exits_2(tmp_path: Path) -> None:
    (tmp_path / "status.yml").write_text(BAD_STATUS, encoding="utf-8")
    done = run_cli("validate", "status.yml", cwd=tmp_path, env=cli_env())
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("error: status.yml:")
    assert "Traceback" not in done.stderr


def test_validate_requires_a_spec() -> None:
    done = run_cli("validate", env=cli_env())
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_unknown_command_is_a_usage_error() -> None:
    done = run_cli("frobnicate", env=cli_env())
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_module_and_script_entry_points_agree(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "sdkwright"
    if not script.exists():
        pytest.skip("the sdkwright script is not installed beside this interpreter")
    via_script = subprocess.run(
        [str(script), "validate", str(CONFERENCES)], capture_output=True, text=True, timeout=600, env=cli_env()
    )
    via_module = run_cli("validate", str(CONFERENCES), env=cli_env())
    assert via_script.returncode == via_module.returncode == 0
    assert via_script.stdout == via_module.stdout


def test_generate_never_overwrites_a_file_it_did_not_write(tmp_path: Path) -> None:
    spec = Path(__file__).resolve().parent.parent / "specs" / "conferences.yml"
    out = tmp_path / "sdk"
    out.mkdir()
    (out / "README.md").write_text("# my own notes\n", encoding="utf-8")
    (out / "pyproject.toml").write_text("[project]\nname = 'mine'\n", encoding="utf-8")
    refused = run_cli("generate", str(spec), "--output", str(out), "--package", "telnyx_conferences")
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "README.md" in lines[0] and "--force" in lines[0] and "Traceback" not in refused.stderr
    assert (out / "README.md").read_text(encoding="utf-8") == "# my own notes\n"
    assert not (out / "telnyx_conferences").exists()  # nothing written
    forced = run_cli("generate", str(spec), "--output", str(out), "--package", "telnyx_conferences", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "README.md").read_text(encoding="utf-8") != "# my own notes\n"
    again = run_cli("generate", str(spec), "--output", str(out), "--package", "telnyx_conferences")
    assert again.returncode == 0, again.stderr  # its own files, from the manifest, are rewritten freely


def test_the_command_leaves_only_after_its_exit_handlers_and_output(tmp_path: Path) -> None:
    """The command leaves without Python's clean-up, but only once the exit handlers registered
    during the run (ending forked children, say) have run and what was written is flushed, with
    the run's exit status."""
    marker = tmp_path / "ran"
    program = f"""
import atexit, sys
from pathlib import Path
from generator import cli

command = cli.main
def main():
    atexit.register(Path({str(marker)!r}).write_text, "ran")
    sys.stdout.write("written, not flushed")
    command()
cli.main = main
sys.argv = ["sdkwright", "generate", {str(tmp_path / "missing.yml")!r}, "--output", {str(tmp_path / "out")!r}]
cli.run()
"""
    buffered = {name: value for name, value in cli_env().items() if name != "PYTHONUNBUFFERED"} | {"PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120, cwd=tmp_path, env=buffered)
    assert done.returncode == 2
    assert ERROR_LINE.match(done.stderr.strip()), done.stderr
    assert done.stdout == "written, not flushed"
    assert marker.read_text() == "ran"

"""The two workflows that run sdkwright inside other tools, with those tools themselves:
the pre-commit hooks (the real `pre-commit`, in a temporary git repository) and the hatchling
build hook (a real `pip wheel` of a temporary SDK project)."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, assert_imports
from test_diff import BASE

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check, env=env, timeout=600)


@pytest.fixture(scope="module")
def sdkwright_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is now (committed or not), as a git repository of one commit."""
    source = tmp_path_factory.mktemp("sdkwright-source")
    listed = git(REPO, "ls-files", "-co", "--exclude-standard", "-z").stdout.split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    env = {**os.environ, **GIT_IDENTITY}
    git(source, "init", "-q")
    git(source, "add", "-A")
    git(source, "commit", "-qm", "snapshot", env=env)
    return source, git(source, "rev-parse", "HEAD").stdout.strip()


def write_spec(path: Path, spec: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")


# -- pre-commit ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def precommit_project(root: Path, source: Path, rev: str, spec: dict[str, Any] = BASE) -> None:
    """An SDK project with its generated output committed and sdkwright's hooks installed."""
    from generator.config import Job
    from generator.pipeline import generate

    root.mkdir()
    write_spec(root / "api.yml", spec)
    (root / "pyproject.toml").write_text(
        '[tool.sdkwright]\nspec = "api.yml"\noutput = "sdk"\npackage = "pets"\n', encoding="utf-8"
    )
    (root / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(
            {"repos": [{"repo": str(source), "rev": rev, "hooks": [{"id": "sdkwright-check"}, {"id": "sdkwright-diff"}]}]}
        ),
        encoding="utf-8",
    )
    generate(Job(str(root / "api.yml"), root / "sdk", "pets"))
    assert_imports(root / "sdk", "pets")
    env = {**os.environ, **GIT_IDENTITY}
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "v1", env=env)


def test_precommit_hooks(sdkwright_source: tuple[Path, str], precommit_home: Path, tmp_path: Path) -> None:
    from generator.config import Job
    from generator.pipeline import generate

    source, rev = sdkwright_source
    root = tmp_path / "project"
    precommit_project(root, source, rev)
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(precommit_home)}
    env.pop("SDKWRIGHT_ALLOW_BREAKING", None)
    # The hook environment: pre-commit installs sdkwright from its repository (pip, no other network).
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    # A spec change without regenerating: the commit is refused, naming stale files and the fix.
    new = copy.deepcopy(BASE)
    new["components"]["schemas"]["Pet"]["properties"]["born"] = {"type": "string", "format": "date"}
    write_spec(root / "api.yml", new)
    git(root, "add", "api.yml")
    stale = git(root, "commit", "-m", "born", env=env, check=False)
    assert stale.returncode != 0
    assert "sdk is stale" in stale.stdout + stale.stderr
    assert "pets/models.py" in stale.stdout + stale.stderr
    assert "sdkwright generate" in stale.stdout + stale.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "1"

    # Regenerated: the commit passes (the change is not breaking, so the diff hook passes too).
    generate(Job(str(root / "api.yml"), root / "sdk", "pets"))
    git(root, "add", "-A")
    fresh = git(root, "commit", "-m", "born", env=env, check=False)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "2"

    # A breaking change, regenerated: the diff hook prints it and refuses, unless allowed.
    del new["paths"]["/pets"]["post"]
    write_spec(root / "api.yml", new)
    generate(Job(str(root / "api.yml"), root / "sdk", "pets"))
    git(root, "add", "-A")
    breaking = git(root, "commit", "-m", "drop create", env=env, check=False)
    assert breaking.returncode != 0
    assert "operation createPet removed" in breaking.stdout + breaking.stderr
    assert "SDKWRIGHT_ALLOW_BREAKING=1" in breaking.stdout + breaking.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "2"
    allowed = git(root, "commit", "-m", "drop create", env={**env, "SDKWRIGHT_ALLOW_BREAKING": "1"}, check=False)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "3"


def _pets(component: bool) -> dict[str, Any]:
    """One operation whose response is an object, written inline or as the component `Pet`."""
    pet = {"type": "object", "properties": {"name": {"type": "string"}}}
    schema = {"$ref": "#/components/schemas/Pet"} if component else pet
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {"/pets": {"get": {"operationId": "getPet", "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}}}},
    }
    if component:
        document["components"] = {"schemas": {"Pet": pet}}
    return document


def test_precommit_diff_hook_refuses_an_sdk_rename(sdkwright_source: tuple[Path, str], precommit_home: Path, tmp_path: Path) -> None:
    """A change the wire calls harmless (an inline schema moved to a component of the same shape)
    that takes a public class away from the SDK."""
    from generator.config import Job
    from generator.pipeline import generate

    source, rev = sdkwright_source
    root = tmp_path / "project"
    precommit_project(root, source, rev, _pets(component=False))
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(precommit_home)}
    env.pop("SDKWRIGHT_ALLOW_BREAKING", None)
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    write_spec(root / "api.yml", _pets(component=True))
    generate(Job(str(root / "api.yml"), root / "sdk", "pets"))
    git(root, "add", "-A")
    refused = git(root, "commit", "-m", "pet component", env=env, check=False)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "`GetPetResponse`" in refused.stdout + refused.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    allowed = git(root, "commit", "-m", "pet component", env={**env, "SDKWRIGHT_ALLOW_BREAKING": "1"}, check=False)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert git(root, "rev-list", "--count", "HEAD").stdout.strip() == "2"


# -- the hatchling build hook --------------------------------------------------------------


def test_wheel_build_regenerates_the_sdk(sdkwright_source: tuple[Path, str], tmp_path: Path) -> None:
    source, _ = sdkwright_source
    project = tmp_path / "pets-sdk"
    project.mkdir()
    write_spec(project / "api.yml", BASE)
    (project / "pyproject.toml").write_text(
        f"""[build-system]
requires = ["hatchling>=1.21", "sdkwright @ {source.as_uri()}"]
build-backend = "hatchling.build"

[project]
name = "pets-sdk"
version = "1.0.0"
dependencies = ["httpx>=0.27"]

[tool.hatch.build.hooks.sdkwright]
spec = "api.yml"
package = "pets"
output = "src"

[tool.hatch.build.targets.wheel]
packages = ["src/pets"]
""",
        encoding="utf-8",
    )
    # A stale package from an older spec: the build must replace it, not ship it.
    (project / "src" / "pets").mkdir(parents=True)
    (project / "src" / "pets" / "__init__.py").write_text("raise RuntimeError('stale')\n", encoding="utf-8")
    (project / "src" / "pets" / "leftover.py").write_text("", encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(project)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("pets_sdk-1.0.0-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "installed")
    assert "pets/client.py" in names and "pets/py.typed" in names
    assert "pets/leftover.py" not in names
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pets, inspect; from pets.models import NewPet, Kind; "
            "print(inspect.signature(pets.Client(api_key=\"k\").pets.create_pet)); print(sorted(k.value for k in Kind))",
        ],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "installed")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    signature, kinds = probe.stdout.splitlines()
    assert "name: 'str'" in signature and "nickname:" in signature
    assert kinds == "['cat', 'dog']"

    # A broken spec fails the build with sdkwright's one-line error and leaves the package alone.
    (project / "api.yml").write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist2"), str(project)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert failed.returncode != 0
    assert "api.yml:3" in failed.stdout + failed.stderr and "invalid YAML" in failed.stdout + failed.stderr
    assert (project / "src" / "pets" / "client.py").is_file()
    assert not list((tmp_path / "dist2").glob("*.whl"))

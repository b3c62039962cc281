"""Each generated package ships only the runtime modules its API uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def shipped(package_dir: Path) -> set[str]:
    return {p.stem for p in (package_dir / "_runtime").glob("*.py")}


def test_the_conferences_sdk_ships_no_pagination_forms_or_api_key_auth(conferences_sdk: ModuleType) -> None:
    package_dir = Path(conferences_sdk.__file__).parent
    assert shipped(package_dir) == {"__init__", "models", "errors", "request", "client", "auth", "webhooks"}
    assert not (package_dir / "_runtime.py").exists()


def test_a_paginated_api_with_form_bodies_ships_those_modules(tmp_path: Path) -> None:
    from generator.config import Job
    from generator.pipeline import generate

    spec = REPO / "tests" / "fixtures" / "production.yaml"
    if not spec.is_file():
        pytest.skip("the production fixture is absent")
    generate(Job(str(spec), tmp_path / "sdk", "catalogue"))
    modules = shipped(tmp_path / "sdk" / "catalogue")
    assert {"pagination", "forms"} <= modules


def test_the_models_only_package_depends_on_no_http_library(tmp_path: Path) -> None:
    from generator.config import Job
    from generator.pipeline import generate

    generate(Job(str(REPO / "specs" / "swml_join_conference.json"), tmp_path / "swml", "signalwire_swml"))
    root = tmp_path / "swml"
    assert shipped(root / "signalwire_swml") == {"__init__", "models"}
    assert "httpx" not in (root / "pyproject.toml").read_text(encoding="utf-8")
    # Importing it, and using it, loads no HTTP library.
    code = (
        "import sys\n"
        "import signalwire_swml.models as m\n"
        "doc = m.SWMLDocument(sections={'main': [m.JoinConference(name='room')]})\n"
        "assert m.SWMLDocument.from_yaml(doc.to_yaml()) == doc\n"
        "assert 'httpx' not in sys.modules, 'httpx was imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr

"""Every Python snippet of the project README and of the generated README passes mypy --strict."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONFERENCES, assert_imports

REPO = Path(__file__).resolve().parent.parent
SWML = REPO / "specs" / "swml_join_conference.json"
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def snippets(text: str) -> list[str]:
    return [m.group(1) for m in FENCE.finditer(text)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The conferences SDK and the SWML models, generated now, side by side."""
    from generator.config import Job
    from generator.pipeline import generate

    root = tmp_path_factory.mktemp("readme-sdks")
    generate(Job(str(CONFERENCES), root / "conferences", "telnyx_conferences"))
    generate(Job(str(SWML), root / "swml", "signalwire_swml"))
    # It imports (the files are complete), in a process of its own: this run's other tests keep theirs.
    assert_imports(root / "conferences", "telnyx_conferences")
    return root


def test_the_readmes_have_python_snippets(generated: Path) -> None:
    assert len(snippets((REPO / "README.md").read_text(encoding="utf-8"))) >= 6
    assert len(snippets((generated / "conferences" / "README.md").read_text(encoding="utf-8"))) >= 1


def test_every_readme_snippet_passes_mypy_strict(generated: Path, tmp_path: Path, mypy_cache: Path) -> None:
    sources = {
        "project": (REPO / "README.md").read_text(encoding="utf-8"),
        "generated": (generated / "conferences" / "README.md").read_text(encoding="utf-8"),
        "generated_swml": (generated / "swml" / "README.md").read_text(encoding="utf-8"),
    }
    files = []
    for name, text in sources.items():
        for index, code in enumerate(snippets(text)):
            path = tmp_path / f"snippet_{name}_{index}.py"
            path.write_text(code, encoding="utf-8")
            files.append(path)
    assert files
    failures = []
    for path in files:  # one run each: snippets may reuse names
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), "--no-error-summary", str(path)],
            capture_output=True,
            text=True,
            timeout=600,
            env={"MYPYPATH": f"{generated / 'conferences'}:{generated / 'swml'}", "PATH": "/usr/bin:/bin"},
        )
        if done.returncode != 0:
            failures.append(f"{path.name}:\n{path.read_text(encoding='utf-8')}\n{done.stdout}{done.stderr}")
    assert not failures, "\n\n".join(failures)

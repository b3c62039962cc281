"""The generator's own code passes mypy --strict (the generated SDK is checked in test_output)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_generator_passes_mypy_strict(repo: Path, mypy_cache: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(mypy_cache), "generator"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr

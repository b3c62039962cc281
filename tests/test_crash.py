"""A real `sdkwright generate` killed with SIGKILL while it writes leaves the old output or the new one.

The test watches the output's parent folder and sends SIGKILL the moment the
generator's staging folder (`.out.new-*`) appears, that is while the new tree is
being written, then compares the output, byte for byte, with the old and the new
generation.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from conftest import CONFERENCES, REPO, assert_imports, run_cli
from test_cli import snapshot

PACKAGE = "telnyx_conferences"


def _env() -> dict[str, str]:
    return {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}


def _generate(folder: Path, spec: str, output: str) -> dict[str, bytes]:
    done = run_cli("generate", spec, "--output", output, "--package", PACKAGE, cwd=folder, env=_env())
    assert done.returncode == 0, done.stderr
    return snapshot(folder / output)


def _kill_while_writing(folder: Path, spec: str) -> bool:
    """Run generate; SIGKILL it as soon as its staging folder exists. True if it was caught writing."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", spec, "--output", "out", "--package", PACKAGE],
        cwd=folder,
        env={**_env(), "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    caught = False
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if any(name.startswith(".out.new-") for name in os.listdir(folder)):
                process.send_signal(signal.SIGKILL)
                caught = True
                break
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.stderr is not None
        process.stderr.close()
    if caught:
        assert process.returncode == -signal.SIGKILL
    return caught


def test_generate_killed_while_writing_leaves_old_or_new(tmp_path: Path) -> None:
    document = yaml.safe_load(CONFERENCES.read_text(encoding="utf-8"))
    (tmp_path / "old.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    document["info"]["title"] = document["info"]["title"] + " Changed"
    document["info"]["description"] = "A different description, in every generated module."
    (tmp_path / "new.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    new_tree = _generate(tmp_path, "new.yml", "reference")
    old_tree = _generate(tmp_path, "old.yml", "out")
    changed = {path for path in old_tree if new_tree.get(path) != old_tree[path]}
    assert len(changed) >= 4, changed  # the two trees differ in several files, so a mix would show

    caught = 0
    for attempt in range(12):
        if caught >= 4:
            break
        if _kill_while_writing(tmp_path, "new.yml"):
            caught += 1
        found = snapshot(tmp_path / "out")
        assert found in (old_tree, new_tree), f"attempt {attempt}: a mix of {sorted(p for p in changed if p in found and found[p] not in (old_tree[p], new_tree.get(p)))}"
        if found == new_tree:
            _generate(tmp_path, "old.yml", "out")  # back to the old tree for the next attempt
    assert caught >= 2, "the generator was never caught while writing"
    # The killed runs' staging folders are cleaned up by the next run.
    _generate(tmp_path, "new.yml", "out")
    assert not [name for name in os.listdir(tmp_path) if name.startswith((".out.new-", ".out.old-"))]
    assert_imports(tmp_path / "out")

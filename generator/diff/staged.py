"""Which staged files the `sdkwright-diff` pre-commit hook compares with HEAD.

Kept apart from the diff stage, and cheap (git plumbing only), so that a commit which
changes no spec costs the hook little more than the interpreter's start-up.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], capture_output=True, check=False)


def staged_specs(files: Iterable[str]) -> list[str]:
    """Of `files` (paths in the repository), the OpenAPI documents whose staged version differs from HEAD's."""
    found = []
    for path in sorted(set(files)):
        head, index = _git("rev-parse", "-q", "--verify", f"HEAD:{path}"), _git("rev-parse", "-q", "--verify", f":{path}")
        if head.returncode != 0 or index.returncode != 0 or head.stdout == index.stdout:
            continue  # new, deleted, or unchanged: nothing to compare
        staged = _git("show", f":{path}")
        if staged.returncode != 0:
            continue
        start = staged.stdout[:4096].decode("utf-8", errors="replace")
        # Cheap test before parsing: an OpenAPI document names its version at the top level.
        if not any(line.lstrip("{ \t").startswith(("openapi:", '"openapi"')) for line in start.splitlines()):
            continue
        found.append(path)
    return found

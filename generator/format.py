"""Format stage: black over the generated Python files.

Formatting is the main cost at scale, so a file whose unformatted text is
unchanged since the last run (its digest is in the output's manifest) reuses
the formatted text already on disk, and the rest are formatted in parallel
when there is enough of them to pay for the worker processes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ProcessPoolExecutor
import multiprocessing

import black

MODE = black.Mode(target_versions={black.TargetVersion.PY310}, line_length=100)
_PARALLEL_THRESHOLD = 400_000  # characters of Python to format before workers pay off


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def format_source(source: str) -> str:
    """black's formatting of one module (without its slow second safety pass)."""
    try:
        return black.format_str(source, mode=MODE)
    except black.InvalidInput as exc:  # a generator bug, never a user error
        raise RuntimeError(f"generated code does not parse: {exc}") from exc


def format_files(
    files: Mapping[str, str],
    reuse: Callable[[str, str], str | None] = lambda path, source_digest: None,
) -> dict[str, str]:
    """Format every .py file; `reuse(path, digest)` may return a previous result."""
    result = dict(files)
    pending: dict[str, str] = {}
    for path, source in files.items():
        if not path.endswith(".py"):
            continue
        previous = reuse(path, digest(source))
        if previous is not None:
            result[path] = previous
        else:
            pending[path] = source
    total = sum(len(s) for s in pending.values())
    workers = min(os.cpu_count() or 1, len(pending))
    if total >= _PARALLEL_THRESHOLD and workers > 1:
        ordered = sorted(pending, key=lambda p: -len(pending[p]))
        context = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for path, formatted in zip(ordered, pool.map(format_source, [pending[p] for p in ordered])):
                result[path] = formatted
    else:
        for path, source in pending.items():
            result[path] = format_source(source)
    return result

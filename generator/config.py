"""The `[tool.sdkwright]` table of the project's pyproject.toml: default spec, output, package."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from generator.errors import SpecError


@dataclass(frozen=True)
class Job:
    spec: str
    output: Path
    package: str | None = None
    lenient: bool = False


def find_pyproject(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def default_job(start: Path | None = None) -> Job:
    """The job `[tool.sdkwright]` describes, paths relative to its pyproject.toml."""
    pyproject = find_pyproject((start or Path.cwd()).resolve())
    if pyproject is None:
        raise SpecError("no SPEC given and no pyproject.toml with [tool.sdkwright] found")
    try:
        table = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("sdkwright")
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"invalid TOML: {exc}", str(pyproject)) from None
    if not isinstance(table, dict) or "spec" not in table:
        raise SpecError("no SPEC given and no [tool.sdkwright] spec = ... in pyproject.toml", str(pyproject))
    root = pyproject.parent
    spec = str(table["spec"])
    if "://" not in spec:
        spec = str(root / spec)
    return Job(
        spec=spec,
        output=root / str(table.get("output", "output")),
        package=str(table["package"]) if table.get("package") else None,
        lenient=bool(table.get("lenient", False)),
    )

"""A hatchling build hook: regenerate an SDK project's package from its spec when a wheel is built.

Registered under the `hatch` entry-point group, so a project only names it:

    [build-system]
    requires = ["hatchling", "sdkwright"]
    build-backend = "hatchling.build"

    [tool.hatch.build.hooks.sdkwright]
    spec = "specs/api.yml"   # a path relative to the project, or an http(s) URL
    package = "my_api"       # optional: the package's name (else derived from the spec's title)
    output = "src"           # optional: the folder the package is written into (default: the project)
    strict = false           # optional: as `sdkwright generate --strict` (defects are errors)

Before hatchling collects the wheel's files, the package folder `<output>/<package>` is replaced by
what the spec gives (the same files `sdkwright generate` writes there), so `pip wheel .` and
`python -m build` always ship the SDK of the spec they are built with. A bad spec fails the build
with sdkwright's one-line error.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.plugin import hookimpl

from generator.config import Job
from generator.errors import SpecDefects, SpecError


class SdkwrightBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "sdkwright"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from generator.pipeline import generate_files

        root = Path(self.root)
        spec = self.config.get("spec")
        if not isinstance(spec, str) or not spec:
            raise ValueError("[tool.hatch.build.hooks.sdkwright] needs spec = \"path or URL of the OpenAPI document\"")
        if "://" not in spec:
            spec = str(root / spec)
        package = self.config.get("package")
        target = root / str(self.config.get("output", "."))
        with tempfile.TemporaryDirectory(prefix="sdkwright-") as scratch:
            try:
                job = Job(spec, Path(scratch), str(package) if package else None, strict=bool(self.config.get("strict", False)))
                result = generate_files(job)
            except SpecDefects as defects:
                raise SystemExit("\n".join(f"error: {line}" for line in defects.lines())) from None
            except SpecError as error:
                raise SystemExit(f"error: {error}") from None
        for warning in result.warnings:
            self.app.display_warning(f"warning: {warning}")
        packages = {path.split("/", 1)[0] for path in result.files if path.endswith("/py.typed")}
        (name,) = packages
        folder = target / name
        if folder.exists():
            shutil.rmtree(folder)
        for path, text in result.files.items():
            if path.startswith(name + "/"):
                destination = target / path
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_text(text, encoding="utf-8")
        self.app.display_info(f"sdkwright: generated {folder.relative_to(root).as_posix()} from {self.config['spec']}")


@hookimpl
def hatch_register_build_hook() -> type[SdkwrightBuildHook]:
    return SdkwrightBuildHook

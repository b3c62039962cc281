"""Time of generating a multi-file spec (Redocly's layout) with ~600 operations.

    python benchmarks/bench_multifile.py [--operations N] [--keep DIR]

Writes the spec into a temporary folder: `openapi.yaml` whose every path item is a
`$ref` into `paths/`, each path item's operations `$ref`s into `operations/`, and
every operation's schemas `$ref`s into one shared `components/schemas.yaml` (with
`--schemas` more schemas beside the ones used, as a real API's has) and
`components/parameters.yaml`. Then runs `python -m generator generate` on it
once, cold (`SDKWRIGHT_NO_CACHE=1`), and prints the wall time. A measurement,
not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_spec(root: Path, operations: int, schemas: int = 300) -> Path:
    """A multi-file spec of `operations` operations (two per path item) under `root`; the shared
    schemas file also holds `schemas` more schemas, as a real API's does."""
    for folder in ("paths", "operations", "components"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "components" / "schemas.yaml").write_text(
        "Item:\n  type: object\n  required: [id]\n  properties:\n"
        "    id: {type: string}\n    name: {type: string, maxLength: 80}\n    count: {type: integer, minimum: 0}\n"
        "ItemList:\n  type: object\n  properties:\n    data:\n      type: array\n      items: {$ref: '#/Item'}\n"
        "Error:\n  type: object\n  properties:\n    code: {type: string}\n    detail: {type: string}\n"
        + "".join(
            f"Other{index}:\n  type: object\n  description: Another schema of the API.\n  properties:\n"
            + "".join(f"    field{field}: {{type: string, description: A field of the schema.}}\n" for field in range(8))
            for index in range(schemas)
        ),
        encoding="utf-8",
    )
    (root / "components" / "parameters.yaml").write_text(
        "Id:\n  name: id\n  in: path\n  required: true\n  schema: {type: string}\n"
        "PageSize:\n  name: page_size\n  in: query\n  schema: {type: integer, minimum: 1, maximum: 250, default: 20}\n",
        encoding="utf-8",
    )
    paths = []
    for index in range(operations // 2):
        name = f"resource{index}"
        paths.append(f"  /{name}/{{id}}:\n    $ref: 'paths/{name}.yaml'\n")
        (root / "paths" / f"{name}.yaml").write_text(
            f"parameters:\n  - $ref: '../components/parameters.yaml#/Id'\n"
            f"get:\n  $ref: '../operations/get_{name}.yaml'\n"
            f"put:\n  $ref: '../operations/put_{name}.yaml'\n",
            encoding="utf-8",
        )
        (root / "operations" / f"get_{name}.yaml").write_text(
            f"operationId: get{name.title()}\ntags: [{name}]\n"
            "parameters:\n  - $ref: '../components/parameters.yaml#/PageSize'\n"
            "responses:\n  '200':\n    description: ok\n    content:\n      application/json:\n"
            "        schema: {$ref: '../components/schemas.yaml#/ItemList'}\n"
            "  '404':\n    description: missing\n    content:\n      application/json:\n"
            "        schema: {$ref: '../components/schemas.yaml#/Error'}\n",
            encoding="utf-8",
        )
        (root / "operations" / f"put_{name}.yaml").write_text(
            f"operationId: put{name.title()}\ntags: [{name}]\n"
            "requestBody:\n  content:\n    application/json:\n      schema: {$ref: '../components/schemas.yaml#/Item'}\n"
            "responses:\n  '200':\n    description: ok\n    content:\n      application/json:\n"
            "        schema: {$ref: '../components/schemas.yaml#/Item'}\n",
            encoding="utf-8",
        )
    (root / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo:\n  title: Multi File\n  version: '1'\npaths:\n" + "".join(paths), encoding="utf-8"
    )
    return root / "openapi.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=600)
    parser.add_argument("--schemas", type=int, default=300, help="schemas in the shared file besides the ones used")
    parser.add_argument("--keep", type=Path, help="write the spec here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or Path(scratch) / "spec"
        spec = write_spec(root, args.operations, args.schemas)
        files = sum(1 for p in root.rglob("*.yaml"))
        env = {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "generator", "generate", str(spec), "--output", str(Path(scratch) / "out")],
            cwd=REPO,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - started
        size = (root / "components" / "schemas.yaml").stat().st_size
        print(f"{args.operations} operations in {files} files (shared schemas: {size // 1024} KiB): exit {done.returncode}, {elapsed:.1f} s")
        if done.returncode != 0:
            print(done.stderr.strip()[-2000:])


if __name__ == "__main__":
    main()

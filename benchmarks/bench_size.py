"""Generation of a 20 MB document: wall time and peak memory.

Usage: python benchmarks/bench_size.py [--megabytes 20] [--keep DIR]

Writes a synthetic document (benchmarks/synthetic_spec.py) of the given size,
runs `python -m generator generate` on it once, cold (SDKWRIGHT_NO_CACHE=1), and
reports the wall time, the peak resident memory of the largest process
(`resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`: the generator, its validation
process and its formatting workers are all its children), the number of
operations in the document and of methods in the generated client. Exits 0;
a failed generation prints its error.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic_spec import synthetic_spec

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, help="generate into this folder (kept) instead of a temporary one")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sdkwright-size-") as folder:
        spec = Path(folder) / "synthetic.yaml"
        started = time.perf_counter()
        text = synthetic_spec(args.megabytes)
        spec.write_text(text, encoding="utf-8")
        size = spec.stat().st_size
        operations = text.count("operationId: ")
        print(f"document: {size / 1e6:.1f} MB, {operations} operations (written in {time.perf_counter() - started:.1f} s)")

        output = args.keep or Path(folder) / "out"
        env = {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "generator", "generate", str(spec), "--output", str(output), "--package", "synthetic"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if done.returncode != 0:
            print(f"generate failed with exit code {done.returncode}:\n{done.stderr[-3000:]}")
            return
        methods = (output / "synthetic" / "client.py").read_text(encoding="utf-8").count("return self._call(")
        code = sum(p.stat().st_size for p in (output / "synthetic").glob("*.py"))
        print(f"generate: {elapsed:.1f} s wall, peak RSS {peak_kib / 1024:.0f} MiB (largest process)")
        print(f"output: {methods} client methods for {operations} operations, {code / 1e6:.1f} MB of Python")
        print("dropped: none" if methods == operations else f"dropped: {operations - methods}")


if __name__ == "__main__":
    main()

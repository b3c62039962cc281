"""Wall-clock time of ``python -m generator check`` with the project's defaults.

Usage: python benchmarks/bench_check.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=10, help="number of runs (default 10)"
    )
    args = parser.parse_args()
    cmd = [sys.executable, "-m", "generator", "check"]

    times: list[float] = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            print((result.stdout + result.stderr).rstrip())
            print(
                f"'python -m generator check' exited with code {result.returncode}: "
                "the generated output is stale (or the check could not run); "
                "timing not meaningful"
            )
            return 0
        times.append(elapsed)

    if not times:
        print("no runs")
        return 0
    median = statistics.median(times)
    verdict = "TARGET MET" if median <= TARGET_SECONDS else "TARGET NOT MET"
    print(f"generator check, {len(times)} runs:")
    print(f"  min {min(times):.3f} s, median {median:.3f} s")
    print(f"target: median <= {TARGET_SECONDS} s -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

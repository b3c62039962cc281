"""Many random hostile specs: the property test of tests/test_hostile.py with more examples.

Usage: python benchmarks/fuzz_hostile.py [--examples 500]

Runs `pytest tests/test_hostile.py -k random` with SDKWRIGHT_HYPOTHESIS_EXAMPLES
set (the test suite runs 20): every random spec must generate a package that
compiles and imports in a fresh process without creating the canary file the
spec's strings would write if run. Prints pytest's summary and the wall time;
exits with pytest's exit code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=500)
    args = parser.parse_args()
    env = {**os.environ, "SDKWRIGHT_HYPOTHESIS_EXAMPLES": str(args.examples)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_hostile.py", "-k", "random"],
        cwd=ROOT,
        env=env,
    )
    print(f"{args.examples} random hostile specs in {time.perf_counter() - started:.0f} s")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

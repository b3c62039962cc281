"""CPU time of the validate stage: the fast checks against openapi-spec-validator's walk.

Usage: python benchmarks/bench_validate.py [--spec PATH ...] [--repeat N]

Each measurement is one fresh process that loads the spec (untimed) and then
computes the uncached verdict (imports of the validators included), with either
the fast checks (what `validate` runs) or openapi-spec-validator's own walk (the
reference the tests hold the fast checks to). CPU time is user + system time of
that process around the verdict (`resource.getrusage`); both run in one run,
alternating, `N` times each (default 3).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_SPECS = ROOT.parent / "shared" / "specs"
DEFAULT_SPECS = (
    SHARED_SPECS / "vendors" / "github_rest_api.json",
    SHARED_SPECS / "vendors" / "box_platform_api.json",
    SHARED_SPECS / "twilio_history" / "twilio_api_v2010.2026-04-14.yaml",
)
TARGET_SECONDS = 1.0  # the fast checks on GitHub's REST API


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(spec: str, mode: str) -> None:
    """Time one verdict in this process; print {"cpu": seconds, "verdict": ...} as JSON."""
    sys.path.insert(0, str(ROOT))
    from generator.document.load import Documents, load
    from generator.errors import SpecError
    from generator.openapi.validate import reference_findings, verdict

    document = load(spec)
    documents = Documents(document)
    documents.load_referenced()
    started = _cpu()
    try:
        if mode == "reference":
            warnings = verdict(document, documents=documents, find=reference_findings)
        else:
            warnings = verdict(document, documents=documents)
        outcome = f"{len(warnings)} defects"
    except SpecError as error:
        outcome = f"blocker at #{error.pointer}"
    print(json.dumps({"cpu": _cpu() - started, "verdict": outcome}))


def measure(spec: Path, mode: str) -> tuple[float, str]:
    env = {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(spec), mode], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return float(data["cpu"]), str(data["verdict"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", action="append", type=Path, help="a spec (repeatable; default: GitHub, Box, Twilio v2010)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each validator (default 3)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    specs = args.spec or [spec for spec in DEFAULT_SPECS if spec.is_file()]
    if not specs:
        print("no spec: ../shared/specs is absent; pass --spec PATH")
        return 0
    for spec in specs:
        times: dict[str, list[float]] = {"fast": [], "reference": []}
        verdicts: dict[str, set[str]] = {"fast": set(), "reference": set()}
        for repeat in range(args.repeat):
            for mode in ("fast", "reference") if repeat % 2 == 0 else ("reference", "fast"):
                seconds, outcome = measure(spec, mode)
                times[mode].append(seconds)
                verdicts[mode].add(outcome)
        fast, reference = (statistics.median(times[m]) for m in ("fast", "reference"))
        print(
            f"{spec.name}: fast {fast:.2f} s CPU (min-max {min(times['fast']):.2f}-{max(times['fast']):.2f}), "
            f"openapi-spec-validator {reference:.2f} s ({min(times['reference']):.2f}-{max(times['reference']):.2f}), "
            f"ratio {fast / reference:.3f}; verdicts {sorted(verdicts['fast'])} / {sorted(verdicts['reference'])}"
        )
        if spec.name == "github_rest_api.json":
            met = "met" if fast <= TARGET_SECONDS else "NOT met"
            print(f"  target: the fast checks on GitHub's REST API in at most {TARGET_SECONDS:.1f} s of CPU: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

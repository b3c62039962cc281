"""The SDK generated from GitHub's REST API against githubkit, side by side: import plus first call.

githubkit is GitHub's generated Python SDK (lazily loaded itself). Both run in
fresh processes of githubkit's private virtualenv (it has httpx), alternating
for `--rounds` rounds, each process timing

    GitHub("t", transport=httpx.MockTransport(answer)).rest.repos.get("o", "r")

against ours,

    Client(headers=..., http_client=httpx.Client(transport=httpx.MockTransport(answer))).repos.repos_get("o", "r")

from before the first import to after the call: wall time, CPU time (user +
system of the whole process, interpreter start-up included) and the peak
resident memory after the call. Both SDKs are imported from bytecode, as
after an install: ours is compiled with `compileall` first, and one untimed
round runs before the timed ones.

Targets: time at most 0.3 of githubkit's, memory at most 0.5 of it. It also
prints the floor under both, a process that imports httpx and makes one call,
and what each SDK adds to that floor, as a ratio ours/githubkit's.

Usage: python benchmarks/bench_github_sdk.py [--spec PATH] [--sdk DIR [--package NAME]] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _peers import ensure_githubkit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SPEC = ROOT.parent / "shared" / "specs" / "vendors" / "github_rest_api.json"
PACKAGE = "github_rest"

COMMON = """
import json, resource, time
started = time.perf_counter()
import httpx
def answer(request):
    return httpx.Response(200, json={"id": 1, "name": "r", "full_name": "o/r"})
"""

OURS = """
from {package} import Client
client = Client(headers={{"Authorization": "token t"}}, http_client=httpx.Client(transport=httpx.MockTransport(answer)))
client.repos.repos_get("o", "r")
"""

THEIRS = """
from githubkit import GitHub
github = GitHub("t", transport=httpx.MockTransport(answer))
github.rest.repos.get("o", "r")
"""

# What either SDK costs at least: the interpreter, httpx and one call through the mock.
FLOOR = """
httpx.Client(transport=httpx.MockTransport(answer)).get("https://api.github.com/repos/o/r")
"""

REPORT = """
print(json.dumps({"wall": time.perf_counter() - started, "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run(python: Path, sdk: str, path: Path) -> dict[str, float]:
    """One fresh process: its wall time and peak memory (KiB) as it reports them, and its CPU time."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(path)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([str(python), "-c", COMMON + sdk + REPORT], capture_output=True, text=True, env=env, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr[-3000:]}")
    values: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    values["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return values


def _above_floor(figures: dict[str, dict[str, list[float]]], key: str) -> float:
    """(ours - floor) / (githubkit - floor) of the medians of `key`."""
    floor = statistics.median(figures["httpx"][key])
    return (statistics.median(figures["ours"][key]) - floor) / (statistics.median(figures["githubkit"][key]) - floor)


def generate(spec: Path, output: Path) -> None:
    print(f"generating {spec.name} into {output} (cold) ...", flush=True)
    env = {**os.environ, "SDKWRIGHT_NO_CACHE": "1"}
    command = [sys.executable, "-m", "generator", "generate", str(spec), "--output", str(output), "--package", PACKAGE]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC, help="GitHub's REST API description")
    parser.add_argument("--sdk", type=Path, help="an SDK generated from it before (default: generate one)")
    parser.add_argument("--package", default=PACKAGE, help=f"the package of --sdk (default {PACKAGE!r})")
    parser.add_argument("--rounds", type=int, default=5, help="timed alternating rounds (default 5)")
    args = parser.parse_args()
    if args.sdk is None and not args.spec.is_file():
        print(f"{args.spec} is absent: nothing to measure")
        return 0
    python = ensure_githubkit()
    with tempfile.TemporaryDirectory(prefix="bench-github-sdk-") as scratch:
        sdk = args.sdk or Path(scratch) / "sdk"
        if args.sdk is None:
            generate(args.spec, sdk)
        package = args.package if args.sdk is not None else PACKAGE
        subprocess.run([str(python), "-m", "compileall", "-q", str(sdk / package)], check=True)
        labels = ("ours", "githubkit", "httpx")
        figures: dict[str, dict[str, list[float]]] = {label: {"wall": [], "cpu": [], "rss": []} for label in labels}
        for round_ in range(args.rounds + 1):
            for label, code in zip(labels, (OURS.format(package=package), THEIRS, FLOOR)):
                values = run(python, code, sdk)
                if round_ == 0:
                    continue  # bytecode written, files cached: what every later start finds
                for key in figures[label]:
                    figures[label][key].append(values[key])
                time.sleep(0.2)

    print(f"import + first call (GET /repos/{{owner}}/{{repo}}), ours vs githubkit, medians of {args.rounds} alternating rounds (min-max):")
    verdicts = []
    for key, unit, scale, target in (("wall", "ms", 1e3, 0.3), ("cpu", "ms", 1e3, 0.3), ("rss", "MB", 1 / 1024, 0.5)):
        ours, theirs = (figures[label][key] for label in ("ours", "githubkit"))
        ratio = statistics.median(ours) / statistics.median(theirs)
        verdicts.append(ratio <= target)
        print(
            f"  {key:<4}: ours {statistics.median(ours) * scale:7.1f} {unit} ({min(ours) * scale:.1f}-{max(ours) * scale:.1f}), "
            f"githubkit {statistics.median(theirs) * scale:7.1f} {unit} ({min(theirs) * scale:.1f}-{max(theirs) * scale:.1f}), "
            f"ratio {ratio:.3f} (target <= {target})"
        )
    floor = figures["httpx"]
    print(
        f"  httpx alone (the floor of both): wall {statistics.median(floor['wall']) * 1e3:.1f} ms, "
        f"cpu {statistics.median(floor['cpu']) * 1e3:.1f} ms, rss {statistics.median(floor['rss']) / 1024:.1f} MB; "
        + ", ".join(
            f"{statistics.median(floor[key]) / statistics.median(figures['githubkit'][key]):.3f} {key}" for key in ("wall", "cpu", "rss")
        )
        + " of githubkit's"
    )
    # The floor is below the targets for some figures: what each SDK adds to it shows what the SDK itself costs.
    print(
        "  each SDK above the floor, ours / githubkit's: "
        + ", ".join(f"{key} {_above_floor(figures, key):.3f}" for key in ("wall", "cpu", "rss"))
    )
    print("targets: " + ("ALL MET" if all(verdicts) else "NOT ALL MET"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

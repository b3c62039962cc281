"""Whole-API scale: sdkwright against openapi-python-client on big specs, and a one-field regeneration.

Usage: python benchmarks/bench_scale.py [--repeat N] [--only PART,...] [--schema NAME] [--stages]

Parts (all by default, in this order):
- `github`: the GitHub REST spec, cold (SDKWRIGHT_NO_CACHE=1): wall, CPU (user + system of the
  whole process tree) and peak memory of the largest process, ours against the peer's.
- `specs`: Twilio v2010 and every spec of ../shared/specs/vendors but GitHub's: wall ratio each.
- `regen`: one optional property added to one schema of the GitHub spec (a modified copy in a
  temporary folder), regenerated over the previous output with its caches warm; its time as a share
  of the cold time (the `github` part's median when it ran, else a cold run made here).
  `--stages` then regenerates once more in this process and prints the time of each stage.

Each run is a fresh process, measured with `os.wait4` (its rusage covers every descendant it waited
for); the two tools alternate. The figures are medians of the runs with min-max beside them.
Always exits 0: a failed run is reported and left out.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _peers import as_installed, ensure_openapi_python_client, peer_env

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT.parent / "shared" / "specs"
GITHUB = SPECS / "vendors" / "github_rest_api.json"
TWILIO_V2010 = SPECS / "twilio_history" / "twilio_api_v2010.2026-04-14.yaml"
GITHUB_TARGETS = {"wall": 0.2, "cpu": 0.3, "memory": 0.7}
SPEC_WALL_TARGET = 0.25
REGEN_TARGET = 0.10
DEFAULT_SCHEMA = "simple-user"
# The peer's settings for specs it refuses with its defaults (Box: enum values that differ only in
# case, "consider setting literal_enums in your config"); the JSON is YAML for its `--config`.
PEER_CONFIG = {"box_platform_api.json": {"literal_enums": True}}
TAIL_LINES = 15


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system, every waited-for descendant included
    peak_mib: float  # ru_maxrss: the largest single process of the tree


@dataclass
class Tool:
    name: str
    runs: list[Run] = field(default_factory=list)
    failures: int = 0

    def values(self, what: str) -> list[float]:
        return [getattr(run, what) for run in self.runs]

    def median(self, what: str) -> float | None:
        values = self.values(what)
        return statistics.median(values) if values else None

    def spread(self, what: str, unit: str) -> str:
        values = self.values(what)
        if not values:
            return "n/a"
        return f"{statistics.median(values):.1f} {unit} ({min(values):.1f}-{max(values):.1f})"


def measured(cmd: Sequence[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[Run | None, str]:
    """Run `cmd` to its end; its wall time and its process tree's rusage, or None and its output's tail."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            tail = output.read().decode(errors="replace").strip().splitlines()[-TAIL_LINES:]
            return None, f"exit code {process.returncode}:\n    " + "\n    ".join(tail)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), ""


def record(tool: Tool, cmd: Sequence[str], env: dict[str, str], label: str) -> None:
    run, failure = measured(cmd, env)
    if run is None:
        tool.failures += 1
        print(f"  {label}: {tool.name} failed, {failure}", flush=True)
        return
    tool.runs.append(run)
    print(f"  {label}: {tool.name:<24} {run.wall:7.1f} s wall {run.cpu:7.1f} s CPU {run.peak_mib:6.0f} MiB", flush=True)


def ratio(ours: Tool, peer: Tool, what: str) -> float | None:
    mine, theirs = ours.median(what), peer.median(what)
    return None if mine is None or not theirs else mine / theirs


def verdict(value: float | None, target: float) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f} (target <= {target}: {'met' if value <= target else 'NOT met'})"


def ours_cmd(spec: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", str(spec), "--output", str(output)]


def peer_cmd(peer: Path, spec: Path, output: Path) -> list[str]:
    command = [str(peer), "generate", "--path", str(spec), "--output-path", str(output), "--overwrite"]
    if spec.name in PEER_CONFIG:
        config = output.parent / "peer-config.yaml"
        config.write_text(json.dumps(PEER_CONFIG[spec.name]), encoding="utf-8")
        command += ["--config", str(config)]
    return command


def side_by_side(spec: Path, repeat: int, peer: Path) -> tuple[Tool, Tool]:
    """`repeat` cold runs of each tool on `spec`, alternating which goes first."""
    ours, theirs = Tool("sdkwright (cold)"), Tool("openapi-python-client")
    cold_env = {**as_installed(), "SDKWRIGHT_NO_CACHE": "1"}
    for index in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
            runs: list[Callable[[], None]] = [
                lambda: record(ours, ours_cmd(spec, Path(folder) / "ours"), cold_env, f"run {index + 1}"),
                lambda: record(theirs, peer_cmd(peer, spec, Path(folder) / "peer"), peer_env(peer), f"run {index + 1}"),
            ]
            for run in runs[:: -1 if index % 2 else 1]:
                run()
    return ours, theirs


def table(ours: Tool, peer: Tool) -> None:
    for tool in (ours, peer):
        print(
            f"  {tool.name:<24} wall {tool.spread('wall', 's'):<22} CPU {tool.spread('cpu', 's'):<22}"
            f" memory {tool.spread('peak_mib', 'MiB')}" + (f", {tool.failures} failed" if tool.failures else "")
        )


def bench_github(repeat: int, peer: Path) -> Tool | None:
    print(f"\n== GitHub REST, cold: {GITHUB.name} ({GITHUB.stat().st_size / 1e6:.1f} MB)", flush=True)
    ours, theirs = side_by_side(GITHUB, repeat, peer)
    table(ours, theirs)
    print(f"  wall ratio   {verdict(ratio(ours, theirs, 'wall'), GITHUB_TARGETS['wall'])}")
    print(f"  CPU ratio    {verdict(ratio(ours, theirs, 'cpu'), GITHUB_TARGETS['cpu'])}")
    print(f"  memory ratio {verdict(ratio(ours, theirs, 'peak_mib'), GITHUB_TARGETS['memory'])}")
    return ours


def bench_specs(repeat: int, peer: Path) -> None:
    specs = [TWILIO_V2010, *sorted(p for p in (SPECS / "vendors").iterdir() if p.is_file() and p != GITHUB)]
    summary: list[tuple[str, float | None]] = []
    for spec in specs:
        if not spec.is_file():
            print(f"\n== {spec.name}: absent, skipped")
            continue
        print(f"\n== {spec.name} ({spec.stat().st_size / 1e6:.1f} MB), cold", flush=True)
        ours, theirs = side_by_side(spec, repeat, peer)
        table(ours, theirs)
        summary.append((spec.name, ratio(ours, theirs, "wall")))
        print(f"  wall ratio {verdict(summary[-1][1], SPEC_WALL_TARGET)}")
    print("\n== wall ratios (median/median), target <= 0.25 each")
    for name, value in summary:
        print(f"  {name:<48} {verdict(value, SPEC_WALL_TARGET)}")


def with_added_field(document: dict[str, object], schema: str, field_name: str) -> dict[str, object]:
    """`document` with one optional string property more in `components/schemas/<schema>` (changed in place)."""
    target = document["components"]["schemas"][schema]  # type: ignore[index]
    target.setdefault("properties", {})[field_name] = {"type": "string", "description": "A field added by the benchmark."}
    return document


def stage_times(spec: Path, output: Path, cache: Path) -> list[tuple[str, float]]:
    """Regenerate `spec` over `output` in this process; the seconds from each progress message to the next."""
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ.pop("SDKWRIGHT_NO_CACHE", None)
    sys.path.insert(0, str(ROOT))
    from generator.config import Job
    from generator.pipeline import generate

    marks: list[tuple[str, float]] = [("start", time.perf_counter())]
    generate(Job(str(spec), output, None), lambda message: marks.append((message, time.perf_counter())))
    marks.append(("end", time.perf_counter()))
    return [(name, later - at) for (name, at), (_, later) in zip(marks, marks[1:])]


def bench_regen(repeat: int, schema: str, cold: Tool | None, stages: bool) -> None:
    print(f"\n== GitHub REST, one property added to components/schemas/{schema}, regenerated over the previous output (warm)", flush=True)
    document = json.loads(GITHUB.read_text(encoding="utf-8"))
    if schema not in document.get("components", {}).get("schemas", {}):
        print(f"  no schema {schema!r} in the spec; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="bench-regen-") as folder:
        spec, output, cache = Path(folder) / "github.json", Path(folder) / "out", Path(folder) / "cache"
        warm_env = {**as_installed(), "XDG_CACHE_HOME": str(cache)}
        warm_env.pop("SDKWRIGHT_NO_CACHE", None)
        spec.write_text(json.dumps(document), encoding="utf-8")
        first = Tool("first generation (fills the caches)")
        record(first, ours_cmd(spec, output), warm_env, "set-up")
        if not first.runs:
            return
        if cold is None or not cold.runs:
            cold = Tool("sdkwright (cold)")
            record(cold, ours_cmd(spec, Path(folder) / "cold"), {**as_installed(), "SDKWRIGHT_NO_CACHE": "1"}, "cold")
        regen = Tool("one field added")
        for index in range(repeat):
            spec.write_text(json.dumps(with_added_field(document, schema, f"benchmark_field_{index}")), encoding="utf-8")
            record(regen, ours_cmd(spec, output), warm_env, f"run {index + 1}")
        table(regen, cold)
        share = ratio(regen, cold, "wall")
        print(f"  regeneration / cold wall {verdict(share, REGEN_TARGET)}")
        print(f"  regeneration / cold CPU  {verdict(ratio(regen, cold, 'cpu'), REGEN_TARGET)}")
        if stages:
            spec.write_text(json.dumps(with_added_field(document, schema, f"benchmark_field_{repeat}")), encoding="utf-8")
            print("  stages of one more regeneration, in this process (validation runs beside resolve, model, naming")
            print("  and the views; the views' line holds the wait for its verdict, if any):")
            for name, seconds in stage_times(spec, output, cache):
                print(f"    {seconds:7.2f} s  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool and spec (default 3)")
    parser.add_argument("--only", default="github,specs,regen", help="comma-separated parts: github, specs, regen")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help=f"the schema that gains a property (default {DEFAULT_SCHEMA})")
    parser.add_argument("--stages", action="store_true", help="time each stage of one more regeneration")
    args = parser.parse_args()
    if not GITHUB.is_file():
        print(f"spec not found: {GITHUB}; nothing to benchmark")
        return 0
    parts = set(args.only.split(","))
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores); wall times grow with it, CPU times hardly")
    peer = ensure_openapi_python_client() if parts & {"github", "specs"} else Path()
    cold = bench_github(args.repeat, peer) if "github" in parts else None
    if "specs" in parts:
        bench_specs(args.repeat, peer)
    if "regen" in parts:
        bench_regen(args.repeat, args.schema, cold, args.stages)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wall-clock comparison of ``python -m generator generate`` and openapi-python-client.

Usage: python benchmarks/bench_generate.py [--spec PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from _peers import as_installed, ensure_openapi_python_client, peer_env

ROOT = Path(__file__).resolve().parent.parent
TWILIO_SPEC = "shared/specs/twilio_history/twilio_api_v2010.2026-04-14.yaml"
DEFAULT_SPEC = ROOT.parent / TWILIO_SPEC
HTTP_METHODS = frozenset(
    {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
)
TARGET_RATIO = 0.25
TAIL_LINES = 20


@dataclass
class Tool:
    name: str
    times: list[float] = field(default_factory=list)
    failures: int = 0


def timed_run(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Run ``cmd`` to completion and return its whole-process wall time and result."""
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, result


def report_failure(name: str, result: subprocess.CompletedProcess[str]) -> None:
    output = (result.stdout + result.stderr).strip().splitlines()
    print(f"  {name} failed with exit code {result.returncode}; last lines:")
    for line in output[-TAIL_LINES:]:
        print(f"    {line}")


def count_spec_operations(spec: Path) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with spec.open("rb") as handle:
        document = yaml.load(handle, Loader=loader)
    paths = document.get("paths") or {}
    return sum(
        1
        for item in paths.values()
        if isinstance(item, dict)
        for method in item
        if method in HTTP_METHODS
    )


def count_peer_operations(project: Path) -> int:
    """Count endpoint modules in the peer's ``<package>/api/`` tree."""
    api_dirs = [path for path in project.glob("*/api") if path.is_dir()]
    return sum(
        1
        for api in api_dirs
        for module in api.rglob("*.py")
        if module.name != "__init__.py"
    )


def fmt_ratio(ours: float | None, peer: float | None) -> str:
    if ours is None or not peer:
        return "n/a"
    return f"{ours / peer:.3f}"


def summarize(ours_tools: list[Tool], peer: Tool) -> None:
    print()
    print(f"{'tool':<36}{'runs':>6}{'failed':>8}{'min (s)':>10}{'median (s)':>12}")
    for tool in (*ours_tools, peer):
        lo = f"{min(tool.times):.3f}" if tool.times else "n/a"
        med = f"{statistics.median(tool.times):.3f}" if tool.times else "n/a"
        print(f"{tool.name:<36}{len(tool.times):>6}{tool.failures:>8}{lo:>10}{med:>12}")
    peer_med = statistics.median(peer.times) if peer.times else None
    peer_min = min(peer.times) if peer.times else None
    print()
    for ours in ours_tools:
        ours_med = statistics.median(ours.times) if ours.times else None
        ours_min = min(ours.times) if ours.times else None
        verdict = "unknown"
        if ours_med is not None and peer_med:
            verdict = "met" if ours_med / peer_med <= TARGET_RATIO else "NOT met"
        print(
            f"{ours.name}: ratio median/median {fmt_ratio(ours_med, peer_med)}, "
            f"min/min {fmt_ratio(ours_min, peer_min)}; target <= {TARGET_RATIO} {verdict}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--spec",
        type=Path,
        default=DEFAULT_SPEC,
        help="OpenAPI document to generate from",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="number of runs per tool (default 3)"
    )
    args = parser.parse_args()
    spec: Path = args.spec.resolve()
    if not spec.is_file():
        print(f"spec not found: {spec}; nothing to benchmark")
        return 0

    peer_exe = ensure_openapi_python_client()
    env = peer_env(peer_exe)
    cold = Tool("ours, cold (SDKWRIGHT_NO_CACHE=1)")
    cached = Tool("ours, warm cache")
    peer = Tool("openapi-python-client")
    spec_ops = count_spec_operations(spec)
    peer_ops: int | None = None
    print(f"spec: {spec} ({spec_ops} operations)")
    print(f"repeats: {args.repeat}, order alternates between runs")

    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache_dir:
        cold_env = {**as_installed(), "SDKWRIGHT_NO_CACHE": "1"}
        cached_env = {**as_installed(), "XDG_CACHE_HOME": cache_dir}
        ours_cmd = [sys.executable, "-m", "generator", "generate", str(spec), "--output"]
        with tempfile.TemporaryDirectory(prefix="bench-warmup-") as warmup:
            timed_run([*ours_cmd, str(Path(warmup) / "ours")], ROOT, cached_env)  # fills the cache
        for index in range(args.repeat):
            with tempfile.TemporaryDirectory(prefix="bench-generate-") as tmp:
                tmpdir = Path(tmp)
                runs = [
                    (cold, [*ours_cmd, str(tmpdir / "cold")], cold_env),
                    (cached, [*ours_cmd, str(tmpdir / "cached")], cached_env),
                    (
                        peer,
                        [
                            str(peer_exe),
                            "generate",
                            "--path",
                            str(spec),
                            "--output-path",
                            str(tmpdir / "peer"),
                            "--overwrite",
                        ],
                        env,
                    ),
                ]
                if index % 2:
                    runs.reverse()
                for tool, cmd, run_env in runs:
                    elapsed, result = timed_run(cmd, ROOT, run_env)
                    if result.returncode != 0:
                        tool.failures += 1
                        report_failure(tool.name, result)
                        continue
                    tool.times.append(elapsed)
                    print(f"  run {index + 1}: {tool.name:<36} {elapsed:8.3f} s")
                    if tool is peer and peer_ops is None:
                        peer_ops = count_peer_operations(tmpdir / "peer")

    summarize([cold, cached], peer)
    print()
    generated = "n/a" if peer_ops is None else str(peer_ops)
    print(
        f"operations: spec {spec_ops}, generated by openapi-python-client {generated}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wall-clock time of a no-change run of sdkwright's pre-commit hooks, through the real pre-commit.

Usage: python benchmarks/bench_precommit.py [--repeat N]

Sets up, untimed: a git repository holding this checkout as it is (the hooks' repository), an
SDK project generated from specs/conferences.yml with both hooks configured, and the hooks'
environment (`pre-commit install-hooks`, which pip-installs sdkwright). Then runs
`pre-commit run --all-files --verbose` N times (both hooks run: `check` finds the output fresh,
`diff-staged` finds the spec unchanged against HEAD) and prints min and median of

- the hooks' run: the two hooks' durations as pre-commit measures and prints them (`--verbose`),
  added up; this is what the target is about;
- the whole `pre-commit` process, pre-commit's own start-up and configuration checks included;
- the CPU time (user + system) of that process and every process it ran, which, unlike wall
  time, hardly depends on what else the machine is running;
- each hook's command run directly from the hooks' environment (wall and CPU time).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.5
IDENTITY = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.com", "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **IDENTITY}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def snapshot(target: Path) -> str:
    """This checkout (committed or not) as a one-commit repository; returns the commit."""
    for name in filter(None, git(ROOT, "ls-files", "-co", "--exclude-standard", "-z").split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "snapshot")
    return git(target, "rev-parse", "HEAD").strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="number of timed runs (default 10)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-precommit-") as scratch:
        work = Path(scratch)
        source, project = work / "sdkwright", work / "project"
        source.mkdir()
        project.mkdir()
        rev = snapshot(source)
        shutil.copy2(ROOT / "specs" / "conferences.yml", project / "api.yml")
        (project / "pyproject.toml").write_text('[tool.sdkwright]\nspec = "api.yml"\noutput = "sdk"\n', encoding="utf-8")
        (project / ".pre-commit-config.yaml").write_text(
            f"repos:\n- repo: {source}\n  rev: {rev}\n  hooks:\n  - id: sdkwright-check\n  - id: sdkwright-diff\n", encoding="utf-8"
        )
        env = {**os.environ, "PRE_COMMIT_HOME": str(work / "pre-commit-home")}
        subprocess.run([sys.executable, "-m", "generator", "generate"], cwd=project, check=True, env=env)
        git(project, "init", "-q")
        git(project, "add", "-A")
        git(project, "commit", "-qm", "v1")
        print("installing the hook environment (untimed) ...", flush=True)
        subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=project, check=True, env=env, capture_output=True)
        command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--verbose"]
        times: list[float] = []
        hooks: list[float] = []
        cpu: list[float] = []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if result.returncode != 0:
                print((result.stdout + result.stderr).rstrip())
                print(f"pre-commit exited with code {result.returncode}: timing not meaningful")
                return 0
            durations = [float(d) for d in re.findall(r"- duration: ([0-9.]+)s", result.stdout)]
            if len(durations) != 2:
                print(result.stdout.rstrip())
                print("expected the durations of two hooks in pre-commit's output")
                return 0
            times.append(elapsed)
            hooks.append(sum(durations))
        (script,) = (work / "pre-commit-home").glob("repo*/py_env-*/bin/sdkwright")
        direct: dict[str, tuple[list[float], list[float]]] = {}
        for name, hook in (("check", [str(script), "check"]), ("diff-staged", [str(script), "diff-staged", "api.yml"])):
            walls, cpus = direct.setdefault(name, ([], []))
            for _ in range(args.repeat):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(hook, cwd=project, env=env, check=True, capture_output=True)
                walls.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    median = statistics.median(hooks)
    verdict = "TARGET MET" if median <= TARGET_SECONDS else "TARGET NOT MET"
    print(f"no-change run of sdkwright-check + sdkwright-diff, {len(times)} runs:")
    print(f"  hooks (pre-commit's durations):     min {min(hooks):.3f} s, median {median:.3f} s")
    print(f"  whole pre-commit process:           min {min(times):.3f} s, median {statistics.median(times):.3f} s")
    print(f"  its CPU time, hooks included:       min {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s")
    for name, (walls, cpus) in direct.items():
        label = f"sdkwright {name} run directly:"
        print(f"  {label:<36}wall median {statistics.median(walls):.3f} s, CPU median {statistics.median(cpus):.3f} s")
    print(f"  load average while measuring:       {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    print(f"target: hooks' median <= {TARGET_SECONDS} s -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

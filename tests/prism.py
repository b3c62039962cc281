"""Prism, the OpenAPI mock server of the contract tests: installed from package.json, run per spec.

`prism mock --errors SPEC` answers every request with an example of the spec and
any request that violates the spec (parameters, body, security) with an error
(422 for a malformed request, 401 for missing credentials), which the SDK raises.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PRISM = REPO / "node_modules" / ".bin" / "prism"
START_TIMEOUT = 60.0  # seconds until Prism listens
INSTALL_TIMEOUT = 600.0  # seconds for `npm ci`
STOP_TIMEOUT = 10.0  # seconds between SIGTERM and SIGKILL


def ensure_prism() -> Path:
    """The Prism executable, installed with `npm ci` from package-lock.json when missing.

    Skips (with the reason) only when Node.js or npm is not installed.
    """
    if PRISM.exists():
        return PRISM
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: Prism (the contract tests' mock server) needs Node.js and npm")
    with open(REPO / "package-lock.json", "rb") as lock:  # one `npm ci` at a time (parallel workers)
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not PRISM.exists():
                done = subprocess.run(
                    ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                    cwd=REPO,
                    capture_output=True,
                    text=True,
                    timeout=INSTALL_TIMEOUT,
                )
                assert done.returncode == 0, f"npm ci failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert PRISM.exists(), f"npm ci did not install {PRISM.relative_to(REPO)}"
    return PRISM


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End Prism and whatever it started (its own process group), SIGKILL if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=STOP_TIMEOUT)


@contextmanager
def prism_mock(spec: Path, log: Path) -> Iterator[str]:
    """Run `prism mock --errors SPEC` on a free port of 127.0.0.1; yields its base URL.

    Prism's output goes to `log`, whose tail is shown when it fails to start.
    """
    prism = ensure_prism()
    for _ in range(3):  # another program may take the free port before Prism binds it: try again
        port = free_port()
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [str(prism), "mock", "-h", "127.0.0.1", "-p", str(port), "--errors", str(spec)],
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while process.poll() is None and not _listening(port) and time.monotonic() < deadline:
                time.sleep(0.2)
            if process.poll() is None and _listening(port):
                yield f"http://127.0.0.1:{port}"
                return
            if process.poll() is None:  # still starting after START_TIMEOUT
                break
        finally:
            _stop(process)
    tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
    raise AssertionError(f"Prism did not listen within {START_TIMEOUT:.0f} s on {spec.name}:\n{tail}")

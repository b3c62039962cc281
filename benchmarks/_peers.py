"""Provision the peer generators used by the benchmarks in a private virtualenv."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

PEER_PACKAGE = "openapi-python-client==0.29.1"
VENV_DIR = Path(__file__).resolve().parent / ".peers-venv"


def _bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


def _runs(executable: Path) -> bool:
    """Return True if ``executable --version`` exits successfully."""
    if not executable.exists():
        return False
    try:
        result = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=120
        )
    except OSError:
        return False
    return result.returncode == 0


def ensure_openapi_python_client(venv: Path = VENV_DIR) -> Path:
    """Return the peer executable in ``venv``, installing it first if needed."""
    suffix = ".exe" if os.name == "nt" else ""
    executable = _bin_dir(venv) / f"openapi-python-client{suffix}"
    if _runs(executable):
        return executable
    print(f"Installing {PEER_PACKAGE} into {venv} ...", flush=True)
    if not (_bin_dir(venv) / f"python{suffix}").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = _bin_dir(venv) / f"python{suffix}"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", PEER_PACKAGE], check=True
    )
    if not _runs(executable):
        raise RuntimeError(f"{executable} does not run after installing {PEER_PACKAGE}")
    return executable


@functools.cache
def _compile_ours() -> None:
    generator = Path(__file__).resolve().parent.parent / "generator"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(generator)], check=True)


def as_installed() -> dict[str, str]:
    """This environment as an installed tool runs in: its bytecode compiled and kept.

    `pip install` compiles a package's modules; an editable checkout has only its sources.
    Our modules are compiled here once, untimed, and `PYTHONDONTWRITEBYTECODE` is dropped,
    so neither tool pays for compiling its sources in a timed run."""
    _compile_ours()
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def peer_env(executable: Path) -> dict[str, str]:
    """Environment for running a peer: its venv's bin first on PATH.

    openapi-python-client runs ``ruff`` as a post-generation hook and silently
    skips it when ``ruff`` is not on PATH; this keeps its default pipeline intact.
    """
    env = as_installed()
    env["PATH"] = os.pathsep.join([str(executable.parent), env.get("PATH", "")])
    return env


TELNYX_PACKAGE = "telnyx==4.189.0"


def _python_with(venv: Path, module: str, packages: tuple[str, ...]) -> Path:
    """Return the python of ``venv``, creating it and installing ``packages`` unless ``module`` imports."""
    suffix = ".exe" if os.name == "nt" else ""
    python = _bin_dir(venv) / f"python{suffix}"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = subprocess.run([str(python), "-c", f"import {module}"], capture_output=True)
    if probe.returncode != 0:
        print(f"Installing {' '.join(packages)} into {venv} ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *packages], check=True)
    return python


def ensure_telnyx_sdk(venv: Path = VENV_DIR) -> Path:
    """Return the python of ``venv`` with the official ``telnyx`` SDK installed."""
    return _python_with(venv, "telnyx", (TELNYX_PACKAGE,))


# githubkit 0.16.1 imports only with this hishel beside it (later ones changed their API).
GITHUBKIT_PACKAGES = ("githubkit==0.16.1", "hishel[async,httpx]==1.4.0")
GITHUBKIT_VENV_DIR = Path(__file__).resolve().parent / ".githubkit-venv"


def ensure_githubkit(venv: Path = GITHUBKIT_VENV_DIR) -> Path:
    """Return the python of ``venv`` with githubkit (GitHub's generated SDK) installed."""
    return _python_with(venv, "githubkit", GITHUBKIT_PACKAGES)


if __name__ == "__main__":
    print(ensure_openapi_python_client())

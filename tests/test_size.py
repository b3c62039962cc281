"""A large synthetic document generates, with every operation (benchmarks/bench_size.py runs 20 MB)."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest

from conftest import REPO, import_package
from generator.config import Job
from generator.pipeline import generate

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic_spec import synthetic_spec  # noqa: E402

MEGABYTES = float(os.environ.get("SDKWRIGHT_SIZE_MEGABYTES", "0.3"))


def test_a_large_synthetic_document_generates_every_operation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = synthetic_spec(MEGABYTES)
    assert len(text.encode("utf-8")) >= MEGABYTES * 1_000_000
    spec = tmp_path / "synthetic.yaml"
    spec.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    generate(Job(str(spec), tmp_path / "out", "synthetic"))
    package = import_package(tmp_path / "out", "synthetic")
    operations = text.count("operationId: ")
    methods = [
        name
        for group in vars(package.Client(username="u", password="p")).values()
        if isinstance(group, package.client.Resource)
        for name in dir(group)
        if not name.startswith("_")
        # an `iter_...` method pages through a list operation, which has its own method too
        and not str(inspect.signature(getattr(group, name)).return_annotation).startswith("Pager[")
    ]
    assert operations > 50
    assert len(methods) == operations


def test_the_synthetic_document_is_deterministic() -> None:
    assert synthetic_spec(0.05) == synthetic_spec(0.05)

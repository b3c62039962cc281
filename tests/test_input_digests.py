"""The manifest's input digests: their values, and that taking them in a forked process (beside the
model stage) or at once, with the validator's verdict cached or not, gives the same inputs."""

from __future__ import annotations

import datetime
import gc
import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import background, pipeline
from generator.config import Job
from generator.document.load import Documents, load
from generator.document.resolve import Resolver
from generator.errors import SpecError
from generator.openapi.read import build_model

REPO = Path(__file__).resolve().parent.parent
MULTIFILE = REPO / "tests" / "fixtures" / "multifile"
CONFERENCES = REPO / "specs" / "conferences.yml"

# Digests in every manifest written so far: a change of the canonical form would show here.
PINNED: list[tuple[Any, str]] = [
    (
        {
            "openapi": "3.1.0",
            "paths": {"/b": {"get": {"responses": {"200": {"description": "ok"}}}}, "/a": {}},
            "components": {
                "schemas": {
                    "Pet": {
                        "type": "object",
                        "properties": {
                            "z": {"type": "string", "enum": ["b", "a"]},
                            "a": {"type": ["integer", "null"], "default": {"y": 1, "x": [1, {"q": None}]}},
                        },
                        "required": ["z"],
                    }
                }
            },
            "x-list": [1, "two", [3, {"b": 1.5, "a": True}], {}],
            "x-empty": [],
        },
        "399be823367495bad7feb3c1d86d683e84d20c11873d534f673e408874326ff3",
    ),
    (
        {"a": {"b": {"c": {"d": {2: "int", 1: datetime.date(2020, 1, 2)}, "examples": {"z": {"y": [], "x": [[{"k": 1}], "v"]}}}}}},
        "e85c999e1b672cd1405e59eb4f5e788a2af42803e35f9a60b2e3dc5ca2133878",
    ),
    ([{"b": 1, "a": [{"d": 1, "c": 2}]}], "177bf193b6fb9a5485dd36fc7656a6f56c9e72287ce90b7a6ca11b5ffa089b58"),
    ("text", "1e1d0f251d3a76fa2b1bfc81164078572623403887db02988b504b0492e9f076"),
]


@pytest.mark.parametrize(("contents", "expected"), PINNED)
def test_document_digests_keep_their_values(contents: Any, expected: str) -> None:
    assert pipeline.document_digest(contents) == expected


def test_key_order_counts_only_where_the_sdk_keeps_it() -> None:
    schema = {"type": "object", "properties": {"b": {"type": "string"}, "a": {"type": "integer"}}}
    reordered = {"properties": schema["properties"], "type": "object"}
    fields_swapped = {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}
    deep = {"components": {"schemas": {"x": {"y": schema}}}}
    assert pipeline.document_digest(schema) == pipeline.document_digest(reordered)
    assert pipeline.document_digest(schema) != pipeline.document_digest(fields_swapped)
    assert pipeline.document_digest(deep) != pipeline.document_digest({"components": {"schemas": {"x": {"y": fields_swapped}}}})


def _documents(spec: Path) -> Documents:
    documents = Documents(load(str(spec)))
    documents.load_referenced()
    return documents


def test_background_digests_equal_those_taken_here() -> None:
    documents = _documents(MULTIFILE / "openapi.yaml")
    assert len(documents.by_uri) >= 5
    digested = pipeline.digests_in_background(documents)
    assert sorted(digested) == sorted(documents.by_uri)
    assert {uri: wait() for uri, wait in digested.items()} == {uri: pipeline.document_digest(d.contents) for uri, d in documents.by_uri.items()}


def test_digests_without_fork_are_taken_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = _documents(MULTIFILE / "openapi.yaml")
    monkeypatch.delattr(os, "fork")
    digested = pipeline.digests_in_background(documents)
    for document in documents.by_uri.values():
        document.release()  # the digests were taken before: nothing is read again
    assert {uri: wait() for uri, wait in digested.items()} == {
        uri: pipeline.document_digest(load(uri).contents) for uri in documents.by_uri
    }


def test_a_document_read_after_the_fork_is_digested_too(tmp_path: Path) -> None:
    documents = Documents(load(str(MULTIFILE / "openapi.yaml")))  # the root only, as if the others were found late
    digested = pipeline.digests_in_background(documents)
    resolver = Resolver(documents.root, documents)
    build_model(resolver)
    assert len(resolver.documents) > len(digested)
    job = Job(spec=str(MULTIFILE / "openapi.yaml"), output=tmp_path)
    late = pipeline._digests_when_done(job, resolver, digested)
    assert late() == pipeline.input_digests(job, resolver)


def _inputs(spec: Path, output: Path) -> dict[str, str]:
    """The inputs as the documents the run reads give them, each digested here."""
    resolver = Resolver(load(str(spec)))
    build_model(resolver)
    return pipeline.input_digests(Job(spec=str(spec), output=output), resolver)


def test_the_manifest_names_every_document_the_run_read(tmp_path: Path) -> None:
    job = Job(spec=str(MULTIFILE / "openapi.yaml"), output=tmp_path / "out")
    inputs = pipeline.generate_files(job).manifest.inputs
    assert len(inputs) >= 5
    assert inputs == _inputs(MULTIFILE / "openapi.yaml", tmp_path / "out")


def test_inputs_are_digested_when_the_verdict_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SDKWRIGHT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    job = Job(spec=str(CONFERENCES), output=tmp_path / "out")
    first = pipeline.generate_files(job).manifest.inputs
    assert list((tmp_path / "cache").rglob("*")), "the first run caches its verdict"
    validated: list[object] = []

    def verdict(*args: object, **kwargs: object) -> list[object]:
        validated.append(args)
        return []

    monkeypatch.setattr("generator.openapi.validate.verdict", verdict)
    second = pipeline.generate_files(job).manifest.inputs
    assert validated == []  # the cached verdict: not validated again
    assert first == second == _inputs(CONFERENCES, tmp_path / "out")


def _refuse() -> None:
    raise SpecError("refused", "spec.yaml", "/paths")


def test_background_work_reports_its_failures() -> None:
    def crash() -> None:
        raise ValueError("broken")

    with pytest.raises(SpecError, match="refused"):
        background.in_background(_refuse, "refusing")()
    with pytest.raises(RuntimeError, match=r"crashing failed: ValueError\('broken'\)"):
        background.in_background(crash, "crashing")()
    wait = background.in_background(lambda: [1, 2], "listing")
    assert wait() == wait() == [1, 2]  # waited for once, answered again


def test_pieces_of_background_work_share_one_process_and_fail_alone() -> None:
    work = background.Background()
    first = work.add(os.getpid, "asking")
    broken = work.add(lambda: 1 // 0, "dividing")
    refused = work.add(_refuse, "refusing")
    last = work.add(os.getpid, "asking again")
    work.start()
    assert last() == first() != os.getpid()  # waited for out of order, in one child
    with pytest.raises(RuntimeError, match="dividing failed: ZeroDivisionError"):
        broken()
    with pytest.raises(SpecError, match="refused"):
        refused()


def test_without_fork_the_pieces_run_at_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    ran: list[str] = []

    def run() -> int:
        ran.append("ran")
        return len(ran)

    work = background.Background()
    wait = work.add(run, "running")
    assert ran == []
    work.start()
    assert ran == ["ran"] and wait() == 1


def test_one_run_validates_and_digests_in_one_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    original = background.Background.start

    def counting(self: background.Background) -> None:
        started.append(len(self._pieces))
        original(self)

    monkeypatch.setattr(background.Background, "start", counting)
    pipeline.generate_files(Job(spec=str(MULTIFILE / "openapi.yaml"), output=tmp_path / "out"))
    assert started == [2]  # the digests and the verdict


class _Held:
    pass


def _reading_held() -> tuple[Callable[[], str], weakref.ref[_Held]]:
    held = _Held()
    return (lambda: type(held).__name__), weakref.ref(held)


def test_started_work_no_longer_holds_what_it_reads() -> None:
    reading, seen = _reading_held()  # the piece alone holds it, as the pieces of a run hold the parsed documents
    work = background.Background()
    wait = work.add(reading, "naming")
    del reading
    assert seen() is not None
    work.start()
    gc.collect()
    assert seen() is None  # the pipeline frees the documents after the model stage: nothing keeps them
    assert wait() == "_Held"


@pytest.mark.parametrize("depth", [1, 4])
def test_a_document_that_contains_itself_is_no_digest(depth: int) -> None:
    # A YAML alias of its own parent: the canonical form never ends (the encoder skips its own check).
    inner: dict[str, Any] = {}
    document: dict[str, Any] = inner
    for _ in range(depth):
        document = {"x": document}
    inner["loop"] = document
    with pytest.raises(RecursionError):
        pipeline.document_digest(document)

"""The cyclic collector through a generation: paused by the stages that build, frozen after them
inside a generation only, and as it was once the generation ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import pipeline
from generator.collector import collector_paused, generation
from generator.config import Job

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def nothing_frozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_paused_block_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_stages_freeze_only_inside_a_generation(nothing_frozen: None) -> None:
    with collector_paused(freeze=True):
        built = [{"a": [1]} for _ in range(100)]
    assert gc.get_freeze_count() == 0  # outside a generation (the diff, a test): nothing frozen
    with generation():
        with collector_paused(freeze=True):
            built = [{"a": [1]} for _ in range(100)]
        assert gc.get_freeze_count() >= len(built)
        with generation():  # a generation inside another one: unfrozen by the outer one only
            pass
        assert gc.get_freeze_count() >= len(built)
    assert gc.get_freeze_count() == 0


def test_a_generation_ends_with_nothing_frozen(tmp_path: Path, nothing_frozen: None) -> None:
    frozen: list[int] = []
    original = pipeline._generate_files

    def generating(*args: object) -> pipeline.Result:
        result = original(*args)  # type: ignore[arg-type]
        frozen.append(gc.get_freeze_count())
        return result

    import generator.pipeline as module

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "_generate_files", generating)
        pipeline.generate_files(Job(spec=str(REPO / "specs" / "conferences.yml"), output=tmp_path / "out"))
    assert frozen and frozen[0] > 0  # the model and the names were frozen during the generation
    assert gc.get_freeze_count() == 0


def test_objects_frozen_before_stay_so(tmp_path: Path, nothing_frozen: None) -> None:
    kept = [{"held": [1]} for _ in range(50)]
    gc.freeze()  # a process that froze its own objects (before forking, say)
    before = gc.get_freeze_count()
    assert before >= len(kept)
    pipeline.generate_files(Job(spec=str(REPO / "specs" / "conferences.yml"), output=tmp_path / "out"))
    # Neither unfrozen nor more frozen (frozen objects freed meanwhile leave the count).
    assert len(kept) <= gc.get_freeze_count() <= before


def test_the_manifest_is_read_with_the_collector_paused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The manifest (a large API's lock: 65,000 entries living as long as the run) is parsed
    without a collection, and the collector is as it was afterwards."""
    from generator.output import manifest

    seen: list[bool] = []
    original = manifest._manifest_of

    def reading(path: str) -> manifest.Manifest | None:
        seen.append(gc.isenabled())
        return original(path)

    monkeypatch.setattr(manifest, "_manifest_of", reading)
    output = tmp_path / "out"
    output.mkdir()
    (output / manifest.MANIFEST).write_text(manifest.Manifest("f", {}, {"a.txt": ("d", "d")}).dumps(), encoding="utf-8")
    assert gc.isenabled()
    assert manifest.read_manifest(output) is not None
    assert seen == [False] and gc.isenabled()

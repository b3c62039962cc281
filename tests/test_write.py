"""The write stage: the output directory is replaced whole, atomically, keeping foreign files."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.output.manifest import MANIFEST, Manifest, read_manifest
from generator.output.write import safe_path, write_tree


def manifest_of(files: dict[str, str], fingerprint: str = "f") -> Manifest:
    digests = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in files.items()}
    return Manifest(fingerprint, {"../spec.yml": "d"}, {path: (d, d) for path, d in digests.items()})


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def expected(files: dict[str, str], manifest: Manifest, extra: dict[str, bytes] | None = None) -> dict[str, bytes]:
    tree = {path: text.encode() for path, text in files.items()}
    tree[MANIFEST] = manifest.dumps().encode()
    tree.update(extra or {})
    return dict(sorted(tree.items()))


FIRST = {
    "pyproject.toml": "[project]\nname = 'x'\n",
    "pkg/__init__.py": "",
    "pkg/models.py": "class A:\n    pass\n",
    "pkg/sub/deep.py": "x = 1\n",
}


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_write_tree_creates_the_tree_and_manifest(tmp_path: Path) -> None:
    output = tmp_path / "a" / "b" / "out"
    manifest = manifest_of(FIRST)
    changed = write_tree(output, FIRST, manifest)
    assert changed == sorted(FIRST)
    assert snapshot(output) == expected(FIRST, manifest)
    assert read_manifest(output) == manifest
    assert (output / MANIFEST).read_text(encoding="utf-8") == manifest.dumps()


def test_write_tree_leaves_no_staging_directories(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n"}
    write_tree(output, second, manifest_of(second))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_writing_the_same_files_again_changes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out"
    manifest = manifest_of(FIRST)
    write_tree(output, FIRST, manifest)
    before = snapshot(output)
    inode = output.stat().st_ino
    times = {p: p.stat().st_mtime_ns for p in output.rglob("*")}
    assert write_tree(output, dict(FIRST), manifest_of(FIRST)) == []
    assert snapshot(output) == before
    assert output.stat().st_ino == inode
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*")} == times


def test_a_new_manifest_alone_is_written(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST, "old"))
    assert write_tree(output, FIRST, manifest_of(FIRST, "new")) == []
    manifest = read_manifest(output)
    assert manifest is not None and manifest.fingerprint == "new"


def test_changed_files_are_reported_and_written(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n", "pkg/new.py": "y = 2\n"}
    manifest = manifest_of(second, "2")
    assert write_tree(output, second, manifest) == ["pkg/models.py", "pkg/new.py"]
    assert snapshot(output) == expected(second, manifest)


def test_unchanged_files_are_carried_over_not_rewritten(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    inodes = {path: (output / path).stat().st_ino for path in FIRST}
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n"}
    manifest = manifest_of(second, "2")
    assert write_tree(output, second, manifest) == ["pkg/models.py"]
    assert snapshot(output) == expected(second, manifest)
    kept = {path: (output / path).stat().st_ino for path in FIRST}
    assert {path for path in FIRST if kept[path] == inodes[path]} == set(FIRST) - {"pkg/models.py"}
    assert {(output / path).stat().st_nlink for path in FIRST} == {1}  # the old tree is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_without_hard_links_unchanged_files_are_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))

    def refuse(source: object, target: object) -> None:
        raise OSError("hard links are not supported here")

    monkeypatch.setattr(os, "link", refuse)
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n"}
    manifest = manifest_of(second, "2")
    assert write_tree(output, second, manifest) == ["pkg/models.py"]
    assert snapshot(output) == expected(second, manifest)


def test_written_files_reach_the_disk_before_the_swap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import write

    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    flushed: list[Path] = []
    file_systems: list[Path] = []

    def record_swap(a: Path, b: Path) -> bool:
        # What was flushed by the time the new tree replaces the old one.
        record_swap.flushed = (list(file_systems), sorted(p.relative_to(a).as_posix() for p in flushed))  # type: ignore[attr-defined]
        return exchange(a, b)

    exchange = write._exchange
    monkeypatch.setattr(write, "_exchange", record_swap)
    monkeypatch.setattr(write, "_flush", lambda target: flushed.append(target))
    # Where the file system cannot be flushed at once, every file written (not the linked ones) is.
    monkeypatch.setattr(write, "_flush_file_system", lambda folder: file_systems.append(folder) and False)
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n", "pkg/new.py": "y = 2\n"}
    assert write_tree(output, second, manifest_of(second, "2")) == ["pkg/models.py", "pkg/new.py"]
    (staging,), paths = record_swap.flushed  # type: ignore[attr-defined]
    assert staging.name.startswith(".out.new-") and paths == sorted([MANIFEST, "pkg/models.py", "pkg/new.py"])


def test_the_file_system_is_flushed_at_once_where_it_can_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.output import write

    if not write._flush_file_system(tmp_path):
        pytest.skip("this system cannot flush a file system at once (no syncfs)")
    monkeypatch.setattr(write, "_flush", lambda target: pytest.fail(f"{target} flushed alone"))
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    assert snapshot(output) == expected(FIRST, manifest_of(FIRST))


def test_a_file_edited_by_hand_is_restored(tmp_path: Path) -> None:
    output = tmp_path / "out"
    manifest = manifest_of(FIRST)
    write_tree(output, FIRST, manifest)
    (output / "pkg" / "models.py").write_text("edited\n", encoding="utf-8")
    assert write_tree(output, FIRST, manifest) == ["pkg/models.py"]
    assert snapshot(output) == expected(FIRST, manifest)


def test_foreign_files_are_kept_across_regenerations(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    foreign = {
        "NOTES.md": b"mine\n",
        "pkg/local_extension.py": b"z = 3\n",
        "data/blob.bin": bytes(range(256)),
        ".hidden/config": b"k=v\n",
    }
    for path, data in foreign.items():
        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_bytes(data)
    second = {**FIRST, "pkg/models.py": "class B:\n    pass\n"}
    manifest = manifest_of(second, "2")
    write_tree(output, second, manifest)
    assert snapshot(output) == expected(second, manifest, foreign)
    third = {"pkg/__init__.py": "", "pkg/other.py": "w = 4\n"}
    manifest = manifest_of(third, "3")
    write_tree(output, third, manifest)
    assert snapshot(output) == expected(third, manifest, foreign)


def test_foreign_file_in_an_output_made_elsewhere_is_kept(tmp_path: Path) -> None:
    output = tmp_path / "out"
    output.mkdir()
    (output / "README.md").write_text("hand written\n", encoding="utf-8")
    (output / "keep.txt").write_text("keep\n", encoding="utf-8")
    manifest = manifest_of(FIRST)
    write_tree(output, FIRST, manifest)
    assert snapshot(output) == expected(FIRST, manifest, {"README.md": b"hand written\n", "keep.txt": b"keep\n"})


def test_files_no_longer_generated_are_removed(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    second = {path: text for path, text in FIRST.items() if path != "pkg/sub/deep.py"}
    manifest = manifest_of(second, "2")
    changed = write_tree(output, second, manifest)
    assert "pkg/sub/deep.py" in changed
    assert not (output / "pkg" / "sub" / "deep.py").exists()
    assert snapshot(output) == expected(second, manifest)


def test_a_generated_file_that_becomes_foreign_is_not_resurrected(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    second = {"pkg/__init__.py": ""}
    write_tree(output, second, manifest_of(second, "2"))
    assert not (output / "pkg" / "models.py").exists()
    third = {"pkg/__init__.py": "", "pkg/x.py": ""}
    write_tree(output, third, manifest_of(third, "3"))
    assert not (output / "pkg" / "models.py").exists()


def test_write_tree_writes_exact_bytes(tmp_path: Path) -> None:
    output = tmp_path / "out"
    files = {"a.txt": "line\r\nunicode: caf\u00e9 \u2603\n", "b.txt": "no newline at end"}
    write_tree(output, files, manifest_of(files))
    assert (output / "a.txt").read_bytes() == "line\r\nunicode: caf\u00e9 \u2603\n".encode()
    assert (output / "b.txt").read_bytes() == b"no newline at end"


@pytest.mark.parametrize("relative", ["../x", "a/../../x", "/etc/passwd", "/x", "a\0b", "..", "a/../.."])
def test_safe_path_refuses_leaving_the_root(tmp_path: Path, relative: str) -> None:
    with pytest.raises(ValueError):
        safe_path(tmp_path / "root", relative)


def test_safe_path_refuses_a_symlink_out(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (root / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ValueError):
        safe_path(root, "link/x.py")


@pytest.mark.parametrize("relative", ["a.py", "pkg/a.py", "pkg/sub/a.py", ".sdkwright.json", "a..b/c"])
def test_safe_path_accepts_paths_inside(tmp_path: Path, relative: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    assert safe_path(root, relative) == (root / relative).resolve()


def test_write_tree_refuses_paths_outside_and_keeps_the_output(tmp_path: Path) -> None:
    output = tmp_path / "out"
    manifest = manifest_of(FIRST)
    write_tree(output, FIRST, manifest)
    before = snapshot(output)
    bad = {**FIRST, "../escaped.txt": "x"}
    with pytest.raises(ValueError):
        write_tree(output, bad, manifest_of(bad, "2"))
    assert not (tmp_path / "escaped.txt").exists()
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_output_mode_follows_the_umask(tmp_path: Path, umask: None, mask: int) -> None:
    os.umask(mask)
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    assert stat.S_IMODE(output.stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((output / "pkg").stat().st_mode) == 0o777 & ~mask
    assert stat.S_IMODE((output / "pkg" / "models.py").stat().st_mode) == 0o666 & ~mask
    second = {**FIRST, "pkg/models.py": "changed = True\n"}
    write_tree(output, second, manifest_of(second, "2"))
    assert stat.S_IMODE(output.stat().st_mode) == 0o777 & ~mask


def test_output_is_not_private_by_default(tmp_path: Path, umask: None) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST))
    assert stat.S_IMODE(output.stat().st_mode) != 0o700
    assert output.stat().st_mode & stat.S_IROTH


def test_read_manifest_of_nothing_or_garbage(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "absent") is None
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    assert read_manifest(tmp_path) is None
    (tmp_path / MANIFEST).write_text('{"fingerprint": "x"}', encoding="utf-8")
    assert read_manifest(tmp_path) is None


def test_a_manifest_changed_in_place_is_read_afresh(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_tree(output, FIRST, manifest_of(FIRST, "aaaa"))
    first = read_manifest(output)
    assert first is not None and first.fingerprint == "aaaa"
    path = output / MANIFEST
    time.sleep(0.01)  # a later modification time, as any later write has
    path.write_text(path.read_text(encoding="utf-8").replace('"aaaa"', '"bbbb"'), encoding="utf-8")  # same size
    second = read_manifest(output)
    assert second is not None and second.fingerprint == "bbbb"
    path.write_text("not json", encoding="utf-8")
    assert read_manifest(output) is None


def test_manifest_dumps_is_sorted_and_stable() -> None:
    a = Manifest("f", {"b": "2", "a": "1"}, {"z.py": ("s1", "o1"), "a.py": ("s2", "o2")})
    b = Manifest("f", {"a": "1", "b": "2"}, {"a.py": ("s2", "o2"), "z.py": ("s1", "o1")})
    assert a.dumps() == b.dumps()
    text = a.dumps()
    assert text.endswith("\n")
    assert text.index('"a.py"') < text.index('"z.py"')


# -- crash safety ------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from generator.output.manifest import Manifest
    from generator.output.write import write_tree

    def tree(version):
        files = {}
        for i in range(COUNT):
            files[f"pkg/m{i // 50}/f{i}.py"] = f"# {version} {i}\\n" + ("x = %d\\n" % i) * 40
        files[f"only_{version}.txt"] = version + "\\n"
        return files

    def manifest(files, version):
        return Manifest(version, {}, {p: (version, version) for p in files})

    output = Path(sys.argv[1])
    trees = [(tree(v), v) for v in ("old", "new")]
    print("ready", flush=True)
    index = 1
    while True:
        files, version = trees[index % 2]
        write_tree(output, files, manifest(files, version))
        index += 1
    """
)

COUNT = 600


def _tree(version: str) -> dict[str, str]:
    files = {f"pkg/m{i // 50}/f{i}.py": f"# {version} {i}\n" + ("x = %d\n" % i) * 40 for i in range(COUNT)}
    files[f"only_{version}.txt"] = version + "\n"
    return files


def _manifest(files: dict[str, str], version: str) -> Manifest:
    return Manifest(version, {}, {p: (version, version) for p in files})


def test_a_killed_writer_leaves_the_old_or_the_new_tree(tmp_path: Path) -> None:
    output = tmp_path / "out"
    old, new = _tree("old"), _tree("new")
    old_manifest, new_manifest = _manifest(old, "old"), _manifest(new, "new")
    write_tree(output, old, old_manifest)
    old_tree = expected(old, old_manifest)
    new_tree = expected(new, new_manifest)
    assert snapshot(output) == old_tree

    script = tmp_path / "writer.py"
    script.write_text(WRITER.replace("COUNT", str(COUNT)), encoding="utf-8")
    rng = random.Random(20240601)
    seen: set[str] = set()
    deadline = time.monotonic() + 90
    attempts = 0
    while attempts < 8 and time.monotonic() < deadline:
        attempts += 1
        process = subprocess.Popen(
            [sys.executable, str(script), str(output)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.02, 1.5))
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()

        found = snapshot(output)
        if found == old_tree:
            seen.add("old")
        elif found == new_tree:
            seen.add("new")
        else:
            only_old = sorted(set(found) - set(new_tree))[:5]
            only_new = sorted(set(found) - set(old_tree))[:5]
            mixed = sorted(p for p in set(found) & set(old_tree) & set(new_tree) if found[p] not in (old_tree[p], new_tree[p]))
            pytest.fail(f"a mix after kill {attempts}: not in new {only_old}, not in old {only_new}, torn {mixed[:5]}")
        assert read_manifest(output) in (old_manifest, new_manifest)
        for leftover in tmp_path.iterdir():
            assert leftover == output or leftover == script or leftover.name.startswith(".out.")

    assert attempts >= 3
    assert seen, "no kill was observed"

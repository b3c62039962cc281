"""Write stage: replace the output directory with the generated files, atomically.

The new tree is written beside the old one and swapped in with one atomic
rename exchange (Linux `renameat2`), so a generator killed at any moment
leaves either the previous output or the new one, never a mix. Files in the
output that the generator did not make (not listed in its manifest) are
carried over untouched, and generated files whose text is unchanged are carried
over as hard links rather than written again.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import shutil
import tempfile
from typing import Any
from pathlib import Path, PurePath

from generator.output.manifest import MANIFEST, Manifest, read_manifest

@functools.lru_cache(maxsize=None)
def _libc_function(name: str) -> Any:
    """The C library's function `name`, or None where there is no such library or function.

    Looked up once a process: first among the symbols the interpreter has loaded (the C library's
    on POSIX), else in the library `find_library` names, which may run `ldconfig`."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError, TypeError):
        pass
    from ctypes.util import find_library

    libc_name = find_library("c")
    if libc_name is None:
        return None
    try:
        return getattr(ctypes.CDLL(libc_name, use_errno=True), name)
    except (OSError, AttributeError):
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories; False where the system cannot."""
    renameat2 = _libc_function("renameat2")
    if renameat2 is None or not hasattr(os, "fsync"):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def safe_path(root: Path, relative: str) -> Path:
    """`root / relative`, refusing anything that would leave `root` (by its words or a symlink)."""
    path = (root / _checked(relative)).resolve()
    if root.resolve() not in path.parents:
        raise ValueError(f"refusing to write outside the output directory: {relative!r}")
    return path


def _checked(relative: str) -> str:
    """`relative`, refused (`ValueError`) unless its words name a file below a folder: not empty,
    not absolute, no `..`."""
    path = PurePath(relative)
    if "\0" in relative or relative.startswith(("/", "\\")) or path.anchor or not path.parts or ".." in path.parts:
        raise ValueError(f"refusing to write outside the output directory: {relative!r}")
    return relative


def _remove_abandoned(output: Path) -> None:
    """Remove the staging folders that killed runs left beside `output` (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(output.name)}\.(new|old)-(\d+)-")
    try:
        siblings = list(output.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        match = pattern.match(sibling.name)
        if match is None or not sibling.is_dir() or _alive(int(match.group(2))):
            continue
        shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def _text_of(path: Path) -> str | None:
    """The text of the file at `path`; None when there is none (or it is no UTF-8 text)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


_PIECE = 1 << 20  # characters written at a time: a large file (the manifest of a whole API, 9 MB) is never encoded whole


def _write(target: Path, text: str) -> None:
    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        for start in range(0, len(text), _PIECE):
            handle.write(text[start : start + _PIECE])


def _flush(target: Path) -> None:
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())


def _flush_file_system(folder: Path) -> bool:
    """Everything written to `folder`'s file system on disk (Linux `syncfs`): one call instead of
    a flush per file, each waiting on the disk. False where the system has no such call."""
    syncfs = _libc_function("syncfs")
    if syncfs is None:
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


def _link_or_write(target: Path, text: str, unchanged: Path | None) -> bool:
    """Put `text` at `target` (in a folder already made): as a second link to `unchanged` (the
    output's file, already holding exactly `text` on disk) when there is one and the file system allows it, else
    written (True: it still has to reach the disk). Linking spares a regeneration that changes
    a few files rewriting and flushing all the others."""
    if unchanged is not None:
        try:
            os.link(unchanged, target)
            return False
        except OSError:
            pass  # no hard links here (or the file went away): write it
    _write(target, text)
    return True


def write_tree(output: Path, files: dict[str, str], manifest: Manifest, force: bool = False) -> list[str]:
    """Make `output` hold exactly `files` (plus files it did not generate); return changed paths.

    A file already there that sdkwright did not write (not in the previous manifest: a
    user's README.md) is never overwritten unless `force`: a `SpecError` names it.
    """
    from generator.errors import SpecError

    given, output = output, output.resolve()
    exists = output.is_dir()  # (a new output: every file is new, and none is in the way)
    previous = read_manifest(output) if exists else None
    if not force and exists:
        written = set(previous.files) if previous else set()
        for path in sorted(files):
            target = output / path
            if path not in written and target.is_file() and target.read_text(encoding="utf-8", errors="replace") != files[path]:
                raise SpecError(
                    "sdkwright did not write this file and will not overwrite it; pass --force to replace it",
                    (given / path).as_posix(),
                )
    changed = sorted(path for path, text in files.items() if not exists or _text_of(output / path) != text)
    removed = sorted(set(previous.files) - set(files)) if previous else []
    manifest_text = manifest.dumps()
    if not changed and not removed and _text_of(output / MANIFEST) == manifest_text:
        return []

    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-{os.getpid()}-", dir=output.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes 0700; the output is an ordinary folder
    try:
        generated = set(previous.files) | {MANIFEST} if previous else {MANIFEST}
        if output.is_dir():
            for source in output.rglob("*"):
                relative = source.relative_to(output).as_posix()
                if source.is_file() and relative not in generated and relative not in files:
                    target = staging / relative
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        stale = set(changed)
        # The staging folder is new and holds no symlink (carried-over files are copies): the
        # words of a path are all there is to check, not the file system (`safe_path`).
        targets = [staging / _checked(relative) for relative in [*files, MANIFEST]]
        for folder in sorted({target.parent for target in targets}):
            folder.mkdir(parents=True, exist_ok=True)
        unchanged = [None if path in stale else output / path for path in files]
        to_flush = [target for target, text, same in zip(targets, [*files.values(), manifest_text], [*unchanged, None]) if _link_or_write(target, text, same)]
        # On disk before the swap: the file system flushed at once, else each file (side by side:
        # an fsync waits on the disk, not the CPU).
        if not _flush_file_system(staging):
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(8) as pool:
                list(pool.map(_flush, to_flush))
        if output.is_dir():
            if _exchange(staging, output):
                shutil.rmtree(staging)
            else:
                retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-{os.getpid()}-", dir=output.parent))
                retired.rmdir()
                output.rename(retired)
                staging.rename(output)
                shutil.rmtree(retired)
        else:
            staging.rename(output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(set(changed) | set(removed))

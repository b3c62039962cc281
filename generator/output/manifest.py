"""The output's manifest (`.sdkwright.json`): what the last generation made, from what, and the names it gave.

`names` is the name lock: one `[kind, *place, name]` entry a line (see
`generator.naming.lock`), read back by the next generation so that no name moves.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from generator.collector import collector_paused
from generator.naming.lock import EMPTY, NameLock

MANIFEST = ".sdkwright.json"


@dataclass(frozen=True)
class Manifest:
    """What the last generation produced: its input fingerprint and each file's digests."""

    fingerprint: str
    inputs: dict[str, str]  # input document (relative to the output) -> digest
    files: dict[str, tuple[str, str]]  # path -> (digest of unformatted source, digest of the file)
    names: NameLock = EMPTY  # every public name by key

    def dumps(self) -> str:
        data = {
            "generator": "sdkwright",
            "fingerprint": self.fingerprint,
            "inputs": dict(sorted(self.inputs.items())),
            "files": {path: {"source": s, "output": o} for path, (s, o) in sorted(self.files.items())},
        }
        text = json.dumps(data, indent=2)
        if not len(self.names):
            return text + "\n"
        # The lock's lines, encoded once (the lock of a large API is some 9 MB of text).
        return "".join((text[: -len("\n}")], ',\n  "names": [\n', self.names.encoded.manifest_block, "\n  ]\n}\n"))  # one copy


def read_manifest(output: Path) -> Manifest | None:
    """The output's manifest, or None when it has none that reads.

    One generation reads it in several stages (the names to keep, the files to reuse, the
    files to replace); the lock of a large API takes a second to parse, so a manifest is
    parsed once for as long as its file is the same (the same inode, size and time)."""
    path = output / MANIFEST
    try:
        stat = path.stat()
    except OSError:
        return None
    return _parsed_manifest(str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _parsed_manifest(path: str, inode: int, size: int, modified: int) -> Manifest | None:
    # A large API's lock is 65,000 entries that live as long as the run, and no garbage: a
    # collection while they are read would walk them again and again (half the time).
    with collector_paused(freeze=True):
        return _manifest_of(path)


def _manifest_of(path: str) -> Manifest | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Manifest(
            str(data["fingerprint"]),
            {str(k): str(v) for k, v in data.get("inputs", {}).items()},
            {str(p): (str(d["source"]), str(d["output"])) for p, d in data["files"].items()},
            NameLock.from_json(data.get("names")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None

"""The compiled Jinja templates, kept beside the templates as Python keeps `.pyc` files beside modules.

Compiling the templates costs more than rendering them on a small spec, and
they change only with the generator, so their compiled code is part of the
installed generator, not a cache of generation (`SDKWRIGHT_NO_CACHE` leaves it
alone). Jinja's `FileSystemBytecodeCache` stores one file per template, checked
against the digest of the template's source (and Jinja's and Python's
versions) on every load, so an edited template is compiled afresh, never
served stale. The file name carries a digest of the environment's settings that
shape the compiled code as well. As for `.pyc` files: written only when Python
writes bytecode (not under `PYTHONDONTWRITEBYTECODE`), under
`PYTHONPYCACHEPREFIX` when that is set, and not at all where the folder is not
writable (the templates are then compiled on each run).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
import jinja2.bccache

# The `Environment` settings the compiled code depends on (the lexer's and the compiler's).
_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
)


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """A `FileSystemBytecodeCache` that never fails a render: an unwritable folder only costs time."""

    def __init__(self, directory: Path, settings_digest: str) -> None:
        super().__init__(str(directory), f"__jinja2_{settings_digest}_%s.cache")
        self.folder = directory

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass  # unreadable: compiled afresh

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if sys.dont_write_bytecode:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def cache_folder(templates: Path) -> Path:
    """Where the compiled templates of `templates` are kept: its `__pycache__`, or the same
    folder under `sys.pycache_prefix` (as `importlib` places `.pyc` files)."""
    if sys.pycache_prefix:
        resolved = templates.resolve()
        return Path(sys.pycache_prefix, *resolved.parts[1:])
    return templates / "__pycache__"


def compiled_templates(environment: jinja2.Environment, templates: Path) -> CompiledTemplates:
    """The bytecode cache for `environment`, whose loader reads `templates`."""
    settings = repr([(name, getattr(environment, name)) for name in _COMPILE_SETTINGS] + sorted(environment.extensions))
    return CompiledTemplates(cache_folder(templates), hashlib.sha256(settings.encode()).hexdigest()[:16])

"""The two sides of a diff: where a version comes from (a path, a URL, `git:REV:PATH`) and its model."""

from __future__ import annotations

import posixpath
import subprocess
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from generator import ir
from generator.errors import SpecError
from generator.document.load import Document, parse, to_uri
from generator.document.resolve import Resolver


def load_source(source: str) -> Document:
    """A path, an http(s) URL, or `git:REV:PATH` (REV empty: the staged version of PATH)."""
    if not source.startswith("git:"):
        from generator.document.load import load

        return load(source)
    rev, sep, path = source[4:].partition(":")
    if not sep or not path:
        raise SpecError("expected git:REV:PATH (REV may be empty for the staged version)", source)
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True)
        shown = subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, check=True)
    except FileNotFoundError:
        raise SpecError("git is not installed", source) from None
    except subprocess.CalledProcessError as exc:
        reason = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else str(exc.stderr)
        raise SpecError(f"git: {(reason.strip().splitlines() or ['failed'])[-1]}", source) from None
    try:
        text = shown.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(f"not UTF-8 text ({exc.reason})", source) from None
    # Relative $refs resolve against the working tree's copy of PATH's folder.
    uri = to_uri(path if path.startswith("/") else posixpath.join(top.stdout.strip(), path))
    try:
        return Document(uri, text, parse(text, uri))
    except SpecError as error:
        raise SpecError(error.message, source, error.pointer, error.line) from None


@dataclass(frozen=True)
class Side:
    """One version: its document, resolver and model, with type keys made relative to the document."""

    document: Document
    resolver: Resolver
    api: ir.Api
    types: dict[str, ir.NamedType] = field(default_factory=dict)
    label: str = ""  # how reports name this side: `git:HEAD~1:specs/x.yml (3f2a1c9)`, `specs/x.yml (worktree)`

    def local(self, key: str) -> str:
        """A type key without the root document's URI (`#/components/schemas/X`)."""
        uri, _, pointer = key.partition("#")
        if uri == self.document.uri:
            return "#" + pointer
        root = urlsplit(self.document.uri)
        other = urlsplit(uri)
        if root.scheme == other.scheme and root.netloc == other.netloc:
            return posixpath.relpath(other.path, posixpath.dirname(root.path)) + "#" + pointer
        return key


def describe(source: str) -> str:
    """How a report names a side, with its revision: `git:HEAD~1:specs/x.yml (3f2a1c9)`,
    `git::specs/x.yml (staged)`, `specs/x.yml (worktree)` inside a git work tree, else the source."""
    if "://" in source:
        return source
    if source.startswith("git:"):
        rev, _, _ = source[4:].partition(":")
        if not rev:
            return f"{source} (staged)"
        found = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True, text=True, check=False)
        return f"{source} ({found.stdout.strip()})" if found.returncode == 0 and found.stdout.strip() else source
    folder = posixpath.dirname(source) or "."
    try:
        inside = subprocess.run(["git", "-C", folder, "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False)
    except OSError:
        return source
    return f"{source} (worktree)" if inside.stdout.strip() == "true" else source


def build_side(document: Document, label: str = "") -> Side:
    from generator.openapi.read import build_model

    resolver = Resolver(document)
    api = build_model(resolver)
    side = Side(document, resolver, api, label=label)
    for named in api.types:
        side.types[side.local(named.key)] = named
    return side



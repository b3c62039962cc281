"""Resolve stage: follow `$ref`s across the document, relative files and URLs.

`referencing` does the lookups; this module adds what the later stages need:
the canonical place (document URI and JSON pointer) of every target, which
names each schema uniquely, and errors that point at the offending `$ref`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

import referencing
import referencing.exceptions

from generator.errors import SpecError, join_pointer
from generator.document.load import Document, Documents, display_name, line_of


@dataclass(frozen=True)
class Located:
    """A value of a document together with its place: `uri#pointer`."""

    value: Any
    uri: str
    pointer: str

    @property
    def key(self) -> str:
        return f"{self.uri}#{self.pointer}"

    def child(self, *tokens: str | int) -> Located:
        value = self.value
        for token in tokens:
            value = value[token]
        return Located(value, self.uri, join_pointer(self.pointer, *tokens))


def _reason(exc: BaseException) -> str:
    """Why a lookup failed: the loader's own message when a document could not be read."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, SpecError):
            return cause.message
        cause = cause.__cause__ or cause.__context__
    return "nothing there"


class Resolver:
    """Looks up `$ref`s; remembers every document it loaded, for error lines."""

    def __init__(self, root: Document, store: Documents | None = None) -> None:
        self.root = root
        self.store = store if store is not None and store.root is root else Documents(root)
        self.documents: dict[str, Document] = {root.uri: root}  # the documents its lookups reached
        self.aliases: dict[str, str] = {}  # another URI of a loaded document -> its own
        resource = referencing.Specification.OPAQUE.create_resource(root.contents)
        registry: referencing.Registry[Any] = referencing.Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        self._registry = registry.with_resource(root.uri, resource)

    def _retrieve(self, uri: str) -> referencing.Resource[Any]:
        document = self.store.get(uri)  # read and parsed once per run, however many $refs lead there
        self.documents[uri] = document
        return referencing.Specification.OPAQUE.create_resource(document.contents)

    def error(self, message: str, at: Located) -> SpecError:
        document = self.documents.get(at.uri)
        line = line_of(document, at.pointer) if document is not None else None
        return SpecError(message, display_name(at.uri), at.pointer, line)

    def deref(self, node: Located) -> Located:
        """Follow `$ref` (and chains of them) from `node` to the value they name."""
        seen: list[str] = []
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            ref = node.value["$ref"]
            target_uri, fragment = urldefrag(urljoin(node.uri, ref))
            if target_uri in self.aliases:
                target_uri = self.aliases[target_uri]
                ref = f"{target_uri}#{fragment}"
            pointer = unquote(fragment)
            if pointer and not pointer.startswith("/"):
                raise self.error(f"unsupported $ref {ref!r}: only JSON pointer fragments are resolved", node.child("$ref"))
            key = f"{target_uri}#{pointer}"
            if key in seen:
                raise self.error(f"$ref cycle: {' -> '.join(seen + [key])}", node)
            seen.append(key)
            try:
                resolved = self._registry.resolver(base_uri=node.uri).lookup(ref)
            except referencing.exceptions.Unresolvable as exc:
                raise self.error(f"unresolvable $ref {ref!r}: {_reason(exc)}", node.child("$ref")) from None
            node = Located(resolved.contents, target_uri, pointer)
        return node


class SchemaResolver(Resolver):
    """The resolver of a JSON Schema document: `$ref`s through the root's `$id` lead into it."""

    def __init__(self, root: Document) -> None:
        super().__init__(root)
        identifier = root.contents.get("$id") if isinstance(root.contents, dict) else None
        if isinstance(identifier, str) and urldefrag(identifier)[0] and urldefrag(identifier)[0] != root.uri:
            self.aliases[urldefrag(identifier)[0]] = root.uri

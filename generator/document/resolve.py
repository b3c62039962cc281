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

from generator.errors import SpecError, escape_token, join_pointer
from generator.document.load import Document, Documents, display_name, line_of


# Not frozen: the model stage of a whole API makes some 60,000, and a frozen dataclass sets
# each field through `object.__setattr__` (three times the cost); none is changed once made.
@dataclass(slots=True)
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
        pointer = self.pointer
        for token in tokens:  # `join_pointer`, inline: a whole API's model takes some 60,000 children
            value = value[token]
            text = token if isinstance(token, str) else str(token)
            pointer += "/" + (escape_token(text) if "~" in text or "/" in text else text)
        return Located(value, self.uri, pointer)


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
        # (document URI, `$ref`) -> what it names: a whole API follows one `$ref` thousands of times
        self._hops: dict[tuple[str, str], Located] = {}
        resource = referencing.Specification.OPAQUE.create_resource(root.contents)
        registry: referencing.Registry[Any] = referencing.Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        self._registry = registry.with_resource(root.uri, resource)

    def _retrieve(self, uri: str) -> referencing.Resource[Any]:
        document = self.store.get(uri)  # read and parsed once per run, however many $refs lead there
        self.documents[uri] = document
        return referencing.Specification.OPAQUE.create_resource(document.contents)

    def release(self) -> None:
        """Release every document this resolver and its store read (see `Document.release`) and
        forget its lookups, which hold parts of them. Its registry's `retrieve` is a method of
        the resolver: a cycle that would keep them all until the cyclic collector ran."""
        for document in {id(d): d for d in (*self.store.by_uri.values(), *self.documents.values())}.values():
            document.release()
        self._hops.clear()
        self._registry = referencing.Registry()

    def error(self, message: str, at: Located) -> SpecError:
        document = self.documents.get(at.uri)
        line = line_of(document, at.pointer) if document is not None else None
        return SpecError(message, display_name(at.uri), at.pointer, line)

    def deref(self, node: Located) -> Located:
        """Follow `$ref` (and chains of them) from `node` to the value they name."""
        seen: list[str] = []
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            ref = node.value["$ref"]
            hop = self._hops.get((node.uri, ref))
            if hop is not None:
                hop_key = hop.key
                if hop_key in seen:
                    raise self.error(f"$ref cycle: {' -> '.join(seen + [hop_key])}", node)
                seen.append(hop_key)
                node = hop
                continue
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
            self._hops[(node.uri, node.value["$ref"])] = node = Located(resolved.contents, target_uri, pointer)
        return node


class SchemaResolver(Resolver):
    """The resolver of a JSON Schema document: `$id`s are base URIs.

    The document is registered under its URI as a resource of its dialect and
    crawled, so `referencing` knows every schema by its `$id` (the root's own,
    `"$ref": "SWMLObject.json"` in a document whose `$id` is `SWMLObject.json`,
    and relative ones on subschemas); a `$ref` inside a schema with an `$id`
    resolves against it. The place of what a lookup finds is known by identity.
    """

    def __init__(self, root: Document, store: Documents | None = None) -> None:
        import referencing.jsonschema

        super().__init__(root, store)
        contents = root.contents
        dialect = contents.get("$schema") if isinstance(contents, dict) else None
        specification = referencing.jsonschema.specification_with(
            dialect if isinstance(dialect, str) else "", default=referencing.jsonschema.DRAFT202012
        )
        registry: referencing.Registry[Any] = referencing.Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        self._registry = registry.with_resource(root.uri, specification.create_resource(contents)).crawl()
        self._places: dict[int, str] = {}  # id() of each mapping of the document -> its pointer
        self._bases: dict[str, str] = {}  # pointer of each schema with an `$id` -> its base URI
        pending: list[tuple[Any, str, str]] = [(contents, "", root.uri)]
        while pending:
            value, pointer, base = pending.pop()
            if isinstance(value, dict):
                self._places.setdefault(id(value), pointer)
                identifier = value.get("$id")
                if isinstance(identifier, str) and urldefrag(identifier)[0]:
                    base = urldefrag(urljoin(base, identifier))[0]
                    self._bases[pointer] = base
                pending.extend((item, join_pointer(pointer, key), base) for key, item in value.items())
            elif isinstance(value, list):
                pending.extend((item, join_pointer(pointer, index), base) for index, item in enumerate(value))

    def _base_of(self, node: Located) -> str:
        """The base URI of `node`'s `$ref`s: the `$id` of the nearest schema around it that has one."""
        if node.uri != self.root.uri:
            return node.uri
        tokens = node.pointer.split("/")
        for end in range(len(tokens), 0, -1):
            base = self._bases.get("/".join(tokens[:end]))
            if base is not None:
                return base
        return node.uri

    def deref(self, node: Located) -> Located:
        seen: list[str] = []
        while isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            ref = node.value["$ref"]
            base = self._base_of(node)
            try:
                resolved = self._registry.resolver(base_uri=base).lookup(ref)
            except referencing.exceptions.Unresolvable as exc:
                raise self.error(f"unresolvable $ref {ref!r}: {_reason(exc)}", node.child("$ref")) from None
            place = self._places.get(id(resolved.contents)) if isinstance(resolved.contents, dict) else None
            if place is not None:
                target = Located(resolved.contents, self.root.uri, place)
            else:
                target_uri, fragment = urldefrag(urljoin(base, ref))
                target = Located(resolved.contents, target_uri, unquote(fragment))
            if target.key in seen:
                raise self.error(f"$ref cycle: {' -> '.join(seen + [target.key])}", node)
            seen.append(target.key)
            node = target
        return node

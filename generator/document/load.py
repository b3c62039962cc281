"""Load stage: read a YAML or JSON document from a file or an http(s) URL.

Parsing uses libyaml when present (fast path); PyYAML is imported only for a YAML
document (`generator.document.yaml12`), not for JSON. Line numbers are only needed for
error messages, so they are computed on demand by composing the document again
and walking to the JSON pointer of the problem.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator.collector import collector_paused
from generator.errors import SpecError, unescape_token

if TYPE_CHECKING:
    import yaml

@dataclass(eq=False)
class Document:
    """One loaded document: where it came from, its text and its parsed contents."""

    uri: str
    text: str
    contents: Any
    released: bool = field(default=False, init=False)

    def release(self) -> None:
        """Drop the parsed contents and the text once the model is built: the pipeline's later
        stages read the model only, and the validator, which gives messages their line numbers,
        runs beforehand or in a process of its own. For a 13 MB JSON spec they are some 80 MB
        (a text with one character beyond the BMP takes four bytes a character)."""
        self.contents = None
        self.text = ""
        self.released = True
        _compose.cache_clear()  # its keys are texts, its values their whole node trees

    @property
    def display_name(self) -> str:
        return display_name(self.uri)

    @functools.cached_property
    def leaves_itself(self) -> bool:
        """Whether a `$ref` of its text names another document (the loader, the validator's cache ask)."""
        return _EXTERNAL_REF.search(self.text) is not None

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


def display_name(uri: str) -> str:
    """A path relative to the working directory for files, the URL otherwise."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return uri
    path = Path(unquote(parts.path))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def to_uri(source: str) -> str:
    """The absolute URI of a path or URL given on the command line."""
    if re.match(r"^https?://", source):
        return source
    if source.startswith("file://"):
        return source
    return Path(source).resolve().as_uri()


def read_text(uri: str) -> str:
    parts = urlsplit(uri)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SpecError("no such file", display_name(uri)) from None
        except UnicodeDecodeError as exc:
            raise SpecError(f"not UTF-8 text ({exc.reason})", display_name(uri)) from None
        except OSError as exc:
            raise SpecError(exc.strerror or str(exc), display_name(uri)) from None
    if parts.scheme in ("http", "https"):
        import httpx

        try:
            response = httpx.get(uri, follow_redirects=True, timeout=30.0)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise SpecError(f"could not fetch: {exc}", uri) from None
        return response.text
    raise SpecError(f"unsupported URI scheme {parts.scheme!r}", uri)


def parse(text: str, uri: str) -> Any:
    """Parse YAML or JSON text; a syntax error becomes a SpecError with its line."""
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            with collector_paused(freeze=True):  # a whole API is a million mappings, lists and strings: no garbage
                return json.loads(text)
        except json.JSONDecodeError as exc:
            raise SpecError(f"invalid JSON: {exc.msg}", display_name(uri), "", exc.lineno) from None
    import yaml

    from generator.document.yaml12 import SpecLoader

    try:
        return yaml.load(text, Loader=SpecLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise SpecError(f"invalid YAML: {problem}", display_name(uri), "", line) from None
    except yaml.YAMLError as exc:
        raise SpecError(f"invalid YAML: {exc}", display_name(uri)) from None


def load(source: str) -> Document:
    """Load a document from a path or an http(s) URL."""
    uri = to_uri(source)
    text = read_text(uri)
    return Document(uri, text, parse(text, uri))


# A `$ref` that leaves its document (not a bare `#...` fragment), as it appears in YAML or JSON text.
# The lookahead looks past the blanks and the quote after the colon at once (a `\s*['"]?` before a
# `(?!#)` would backtrack to before the quote, and every `"$ref": "#/..."` would count).
_EXTERNAL_REF = re.compile(r"""\$ref['"]?\s*:(?!\s*['"]?#)""")


class Documents:
    """The documents of one run, by URI: each is read and parsed once, whoever asks for it
    (the validator, the resolver, error messages)."""

    def __init__(self, root: Document) -> None:
        self.root = root
        self.by_uri: dict[str, Document] = {root.uri: root}
        self.reads = 0  # documents read and parsed besides the root

    def get(self, uri: str) -> Document:
        """The document at `uri` (without fragment), read and parsed on first use."""
        found = self.by_uri.get(uri)
        if found is None:
            text = read_text(uri)
            found = Document(uri, text, parse(text, uri))
            self.reads += 1
            self.by_uri[uri] = found
        return found

    def load_referenced(self) -> None:
        """Read every document the root's `$ref`s reach, transitively (before the validator forks,
        so that it and the resolver share them). One that cannot be read is left for the
        resolver to report, at the `$ref` that names it."""
        from urllib.parse import urldefrag, urljoin

        pending = [self.root]
        while pending:
            document = pending.pop()
            if not document.leaves_itself:
                continue
            for ref in sorted(set(_refs(document.contents))):
                target = urldefrag(urljoin(document.uri, ref))[0]
                if not target or target in self.by_uri:
                    continue
                try:
                    pending.append(self.get(target))
                except SpecError:
                    continue

    def contents(self, uri: str) -> Any:
        """A handler for the validator's own reference lookups: contents of the document at `uri`."""
        from urllib.parse import urldefrag

        return self.get(urldefrag(uri)[0]).contents


def _refs(value: Any) -> list[str]:
    """Every `$ref` string that names another document, found anywhere in `value`."""
    found: list[str] = []
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.append(ref)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return found


# Characters JSON strings may hold but YAML refuses: blanked one for one (lines stay put)
# before composing, which is done only to find line numbers.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")


@functools.lru_cache(maxsize=8)
def _compose(text: str) -> yaml.Node | None:
    import yaml

    from generator.document.yaml12 import SpecLoader

    try:
        return yaml.compose(_NOT_YAML.sub(" ", text), Loader=SpecLoader)
    except yaml.YAMLError:
        return None


def line_of(document: Document, pointer: str) -> int | None:
    """The 1-based line where the value at `pointer` starts (or its nearest parent); None
    when the document cannot be composed or was released."""
    if document.released:
        return None
    import yaml

    node = _compose(document.text)
    if node is None:
        return None
    line: int = node.start_mark.line + 1
    for token in [unescape_token(t) for t in pointer.split("/")[1:]] if pointer else []:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if key_node.value == token:
                    found = (key_node, value_node)
                    break
            if found is None:
                break
            line = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
            node = node.value[int(token)]
            line = node.start_mark.line + 1
        else:
            break
    return line

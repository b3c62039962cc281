"""Documents described by a JSON Schema: validation and the JSON and YAML forms.

The schema the package was generated from ships beside this module
(`_schema.json`). `Document` is the base of the root schema's class: what it
writes and what it reads is validated against that schema with the
`jsonschema` library, and a violation raises one `DocumentError` naming the
path of the offending field.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any, TypeVar

import jsonschema
import yaml
from jsonschema.exceptions import best_match

from ._runtime.models import Model

D = TypeVar("D", bound="Document")


class DocumentError(ValueError):
    """A document that does not match the schema.

    `path` leads from the document's root to the offending value (keys and list
    indexes); `field` is the last key on it, the name of the field at fault.
    """

    def __init__(self, message: str, path: Sequence[str | int]) -> None:
        self.path = tuple(path)
        self.field = next((step for step in reversed(self.path) if isinstance(step, str)), None)
        self.reason = message
        super().__init__(f"{json_path(self.path)}: {message}" if self.path else message)


def json_path(path: Sequence[str | int]) -> str:
    """`sections.main[0].name` for ("sections", "main", 0, "name")."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        elif step.isidentifier():
            text += f".{step}" if text else step
        else:
            text += f"[{json.dumps(step)}]"
    return text


@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema the package was generated from."""
    text = resources.files(__package__).joinpath("_schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    document = schema()
    return jsonschema.validators.validator_for(document)(document)


def validate(data: Any) -> None:
    """Raise `DocumentError` when `data` (a JSON-ready value) does not match the schema."""
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise DocumentError(error.message, list(error.absolute_path))


class Document(Model):
    """A whole document: `to_*` and `from_*` validate against the schema."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The document as JSON-ready data; `DocumentError` if it does not match the schema."""
        data = Model.to_dict(self)
        validate(data)
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The document as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False) + "\n"

    def to_yaml(self) -> str:
        """The document as YAML text, keys in the schema's order."""
        text: str = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True)
        return text

    @classmethod
    def from_dict(cls: type[D], data: Mapping[str, Any]) -> D:
        """Read a document; `DocumentError` if it does not match the schema."""
        validate(data)
        result: D = super().from_dict(data)
        return result

    @classmethod
    def from_json(cls: type[D], text: str) -> D:
        """Read a document from JSON text."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_yaml(cls: type[D], text: str) -> D:
        """Read a document from YAML text."""
        return cls.from_dict(yaml.safe_load(text))

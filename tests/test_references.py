"""The builder records the models each class, alias and operation names (`emit/imports.py`).

The split layout's model modules, their imports and a group's type-checking imports come
from those records, so they must hold what the written code names and nothing it does not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.document.load import load
from generator.document.resolve import Resolver
from generator.emit.imports import References
from generator.emit.render import build_view
from generator.naming import build_names
from generator.openapi.read import build_model


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _spec() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Shelter", "version": "1.0"},
        "paths": {
            "/pets/{id}": {
                "get": {
                    "operationId": "get_pet",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "kind", "in": "query", "schema": _ref("Kind")},
                    ],
                    "responses": {"200": {"description": "Found.", "content": {"application/json": {"schema": _ref("Pet")}}}},
                }
            },
            "/notes": {
                "get": {
                    "operationId": "list_notes",
                    "responses": {"200": {"description": "Notes.", "content": {"application/json": {"schema": {"type": "string"}}}}},
                }
            },
        },
        "components": {
            "schemas": {
                "Kind": {"type": "string", "enum": ["cat", "dog"]},
                "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
                "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
                "Pet": {
                    "type": "object",
                    "required": ["owner"],
                    "properties": {
                        "owner": _ref("Owner"),
                        "kind": {**_ref("Kind")},
                        # Anything at all: the union is `Any`, which names no model.
                        "extra": {"anyOf": [_ref("Tag"), {}]},
                    },
                },
                "Either": {"oneOf": [_ref("Owner"), _ref("Tag")]},
            }
        },
    }


def _view(tmp_path: Path) -> Any:
    spec = tmp_path / "shelter.json"
    spec.write_text(json.dumps(_spec()), encoding="utf-8")
    api = build_model(Resolver(load(str(spec))))
    return build_view(api, build_names(api, "shelter"), quoted_types=True)


def test_a_class_refers_to_the_models_its_fields_name(tmp_path: Path) -> None:
    view = _view(tmp_path)
    classes = {c.name: c for c in view.classes}
    assert classes["Pet"].refers == {"Owner", "Kind", "Extra"}
    assert classes["Owner"].refers == frozenset()


def test_an_alias_refers_to_its_target_and_an_any_union_to_none_of_its_variants(tmp_path: Path) -> None:
    aliases = {a.name: a for a in _view(tmp_path).aliases}
    assert (aliases["Either"].target, aliases["Either"].refers) == ("Owner | Tag", {"Owner", "Tag"})
    assert (aliases["Extra"].target, aliases["Extra"].refers) == ("Any", frozenset())


def test_an_operation_refers_to_the_models_of_its_arguments_and_responses(tmp_path: Path) -> None:
    operations = {o.method: o for g in _view(tmp_path).groups for o in g.operations}
    assert operations["get_pet"].refers == {"Kind", "Pet"}
    assert '"Pet"' in operations["get_pet"].descriptor  # quoted: the runtime looks it up on first use
    assert operations["list_notes"].refers == frozenset()


def test_an_enclosing_piece_refers_to_what_its_pieces_do_but_not_to_a_dropped_draft() -> None:
    references = References()
    with references.piece() as outer:
        references.add("A")
        with references.piece() as inner:
            references.add("B")
        with references.piece(enclosed=False) as draft:
            references.add("C")
    references.add("D")  # outside every piece: recorded nowhere
    assert (outer, inner, draft) == ({"A", "B"}, {"B"}, {"C"})

"""Render stage for a JSON Schema input: a models-only package (no client).

The views are those of `emit/render.py` (same classes, enums, unions, docstrings);
what differs is the package around them:

- the root schema's class derives from `Document` (`_document.py`): its
  `to_dict`, `to_json` and `to_yaml` validate the document against the schema
  (`_schema.json`, shipped in the package) with the `jsonschema` library, and
  `from_dict`, `from_json` and `from_yaml` validate what they read;
- a field the document may leave out is `UNSET` even when the schema gives it
  a `default`: absent, the reader of the document applies that default, so
  the document says only what its author set. The default is documented and
  kept in the field's metadata (`default`). A required field with a default
  (`version`) starts with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from generator import TEMPLATES, ir
from generator.document.load import Document
from generator.naming import Names
from generator.emit.imports import models_runtime
from generator.emit.source import call, docstring, py
from generator.emit.render import ClassView, PackageView, _Builder, _environment, _imports, _package_version, example_value, one_line, runtime_files, runtime_modules

SCHEMA_FILE = "_schema.json"
# Names the models-only package's modules use themselves (naming keeps types off them).
MODELS_RESERVED = frozenset({"Document", "DocumentError"})


@dataclass(frozen=True)
class ModelsView:
    """The models-only package: its models module and what its other files print."""

    models: PackageView
    root: str | None  # the class of the root schema, when it is an object
    summary: str
    example: str
    dependencies: tuple[str, ...]  # TOML string literals
    types_table: tuple[tuple[str, str, str], ...]  # (name, kind, first line of its description)


class _ModelsBuilder(_Builder):
    def __init__(self, api: ir.Api, names: Names, root_key: str) -> None:
        super().__init__(api, names)
        self.root_key = root_key

    def _field_default(self, prop: ir.Property, name: str, metadata: dict[str, Any]) -> tuple[str, str | None, str]:
        if prop.default is None:
            return super()._field_default(prop, name, metadata)
        if prop.required:  # the document must hold it: start with the default, always written
            return super()._field_default(replace(prop, required=False), name, {**metadata, "required": True})
        annotation = f"{self.annotation(prop.type)} | Unset"
        meta = {**metadata, "default": prop.default.value}
        prefix = f"{name}: {annotation} = "
        declaration = call(prefix, "field", ["default=UNSET", f"metadata={py(meta)}"], 4)
        return annotation, declaration[len(prefix) :], declaration

    def class_view(self, obj: ir.ObjectType) -> ClassView:
        view = super().class_view(obj)
        documented = []
        for prop, field_view in zip(obj.properties, view.fields):
            if prop.required or prop.default is None:
                documented.append(field_view)
                continue
            note = f"Default: ``{json.dumps(prop.default.value)}`` (applied by the reader when the field is left out)."
            text = (prop.description + "\n\n" if prop.description else "") + note
            if prop.deprecated:
                text += "\n\nDeprecated."
            documented.append(replace(field_view, doc=docstring(text, 4)))
        return replace(
            view,
            fields=tuple(documented),
            base="Document" if obj.key == self.root_key else "Model",
            wrapper=py(obj.wrapper) if obj.wrapper is not None else None,
        )


def _example(view: PackageView, root: str | None) -> str:
    """A line building the root document with its required fields, for the README."""
    if root is None:
        return ""
    cls = next(c for c in view.classes if c.name == root)
    required = [f for f in cls.fields if f.default is None]
    return f"document = {root}({', '.join(f'{f.name}={example_value(f.annotation)}' for f in required)})"


def _summary(api: ir.Api, named: ir.NamedType) -> str:
    text = named.description or named.hint.title or ""
    return one_line(text.split(". ")[0].rstrip(".") + "." if text else "").replace("|", "\\|")


def _types_table(api: ir.Api, names: Names) -> tuple[tuple[str, str, str], ...]:
    kinds = {ir.ObjectType: "class", ir.EnumType: "enum", ir.AliasType: "alias"}
    rows = {names.types[t.key]: (names.types[t.key], kinds[type(t)], _summary(api, t)) for t in api.types}
    return tuple(rows[name] for name in sorted(rows))


def build_models_view(api: ir.Api, names: Names, document: Document) -> ModelsView:
    root_key = f"{document.uri}#"
    builder = _ModelsBuilder(api, names, root_key)
    package = builder.package()
    root_type = builder.types.get(root_key)
    root = names.types[root_key] if isinstance(root_type, ir.ObjectType) else None
    models_code = " ".join(
        [f"{f.annotation} {f.default or ''}" for c in package.classes for f in c.fields]
        + [c.base for c in package.classes]
        + [e.base for e in package.enums]
        + [a.target for a in package.aliases]
        + (["model Model"] if package.classes else [])
    )
    models_imports = replace(
        _imports(models_code, models_runtime(bool(package.classes))),
        document=("Document",) if root is not None else (),
    )
    package = replace(
        package,
        version=_package_version(api.version) if api.version else "0.1.0",
        doc=docstring(
            f"Typed models of the {api.title}.\n\n"
            + (f"{api.description}\n\n" if api.description else "")
            + "Generated from a JSON Schema; regenerate rather than edit."
        ),
        imports={**package.imports, "models": models_imports},
    )
    return ModelsView(
        models=package,
        root=root,
        summary=" ".join((api.description or f"Typed models of the {api.title}.").split()),
        example=_example(package, root),
        dependencies=tuple(json.dumps(d) for d in ("jsonschema>=4.18", "pyyaml>=6.0")),  # no HTTP: the runtime's models module only
        types_table=_types_table(api, names),
    )


# Generated file (relative to the output root) -> template; None: an empty file.
MODELS_FILES = {
    "pyproject.toml": "project/models_pyproject.toml.j2",
    "README.md": "project/models_README.md.j2",
    "{package}/__init__.py": "package/models_init.py.j2",
    "{package}/py.typed": None,
    "{package}/_document.py": "package/_document.py",
    "{package}/models.py": "package/models.py.j2",
}


def schema_text(document: Document) -> str:
    """The schema as shipped in the package: the parsed document as JSON with sorted keys.

    Key order means nothing to a validator, so a reordered input ships the same bytes.
    """
    return json.dumps(document.contents, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def render_models(api: ir.Api, names: Names, document: Document) -> dict[str, str]:
    """The generated models-only project: relative path -> unformatted text."""
    view = build_models_view(api, names, document)
    environment = _environment()
    files: dict[str, str] = {}
    for target, template in MODELS_FILES.items():
        path = target.format(package=names.package)
        if template is None:
            files[path] = ""
        elif template.endswith(".j2"):
            files[path] = environment.get_template(template).render(view=view.models, document=view)
        else:
            files[path] = (TEMPLATES / template).read_text(encoding="utf-8")
    files.update(runtime_files(names.package, runtime_modules([view.models.imports["models"]], client=False)))
    files[f"{names.package}/{SCHEMA_FILE}"] = schema_text(document)
    return files

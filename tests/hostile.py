"""Adversarial spec text: strings that try to break out of generated code, and random specs made of them.

`payloads(canary)` are strings that, were they ever run as code, would create the
file `canary`; `specs(canary)` is a hypothesis strategy of valid OpenAPI
documents (3.0 and 3.1) whose every piece of free text (titles, descriptions,
names, operationIds, tags, defaults, examples, enum values, server URLs,
security scheme names, header and cookie names) may be such a string.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import strategies as st

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def payloads(canary: str) -> list[str]:
    run = f"__import__('pathlib').Path({canary!r}).write_text('pwned')"
    return [
        f'"""; {run}; """',
        f"'''; {run}; '''",
        f'"; {run}; "',
        f"'; {run}; '",
        f'\\"""\n{run}\n"""',
        f'\\\\"""\n{run}\n#',
        f'x"""\n{run}\nx = """',
        f"\n{run}\n",
        f"\\N{{QUOTATION MARK}}\\u0022\\x22\\042; {run}",
        f"{{{run}}} {{0}} %s %(x)s {{{{ x }}}} {{% if 1 %}}",
        f"*/ {run} /* -->",
        f"#{run}",
        f"\\\n{run}",
        f'{run} #"',
        f'"\\',
        "\\",
        '"',
        '""',
        '"""',
        "'''",
        "__import__",
        "__init__",
        "__class__",
        "__dict__",
        "__builtins__",
        "class",
        "def",
        "None",
        "True",
        "lambda",
        "import",
        "print",
        "str",
        "locals",
        "self",
        "UNSET",
        "Model",
        "Operation",
        "exec",
        "eval",
        "os.system('true')",
        "раураl",  # Cyrillic letters that look like Latin ones
        "ℌ𝔢𝔩𝔩𝔬 ﬁ",  # compatibility forms that NFKC folds to ASCII
        "\u2028\u2029\x85\x0b\x0c",
        "\x00NUL\x1b[31m\x7f",
        "\ud7ff\ufeff\u200b",
        "../../../etc/passwd",
        "/absolute/path",
        "..",
        "C:\\Windows\\x",
        "a\x00b",
        "",
        " ",
        "0",
        "1e9",
    ]


def _key(text: str, fallback: str) -> str:
    """A component key (`^[a-zA-Z0-9._-]+$`) made from `text`."""
    return re.sub(r"[^a-zA-Z0-9._-]", "", text) or fallback


def _segment(text: str, fallback: str) -> str:
    """A path segment or template name: no braces, slashes, query or fragment marks."""
    return re.sub(r"[{}/?#%\[\]!:\x00-\x20\x7f]", "", text) or fallback


def specs(canary: str) -> st.SearchStrategy[dict[str, Any]]:
    hostile = st.sampled_from(payloads(canary))
    text = st.one_of(hostile, st.text(max_size=12), st.builds(lambda a, b: a + b, hostile, st.text(max_size=6)))

    @st.composite
    def document(draw: st.DrawFn) -> dict[str, Any]:
        version = draw(st.sampled_from(["3.0.3", "3.1.0"]))
        schema_names = draw(st.lists(text, min_size=1, max_size=4, unique_by=lambda t: _key(t, "S")))
        keys = [f"{_key(name, 'S')}{i}" if i else _key(name, "S") for i, name in enumerate(schema_names)]
        refs = [{"$ref": f"#/components/schemas/{key}"} for key in keys]

        def value_schema() -> dict[str, Any]:
            kind = draw(st.sampled_from(["string", "integer", "boolean", "enum", "array", "ref", "map", "default"]))
            schema: dict[str, Any]
            if kind == "enum":
                values = draw(st.lists(text, min_size=1, max_size=4, unique=True))
                schema = {"type": "string", "enum": values, "default": draw(st.sampled_from(values))}
            elif kind == "default":
                schema = {"type": "string", "default": draw(text), "example": draw(text)}
            elif kind == "array":
                schema = {"type": "array", "items": draw(st.sampled_from(refs))}
            elif kind == "ref":
                schema = dict(draw(st.sampled_from(refs)))
            elif kind == "map":
                schema = {"type": "object", "additionalProperties": {"type": "string"}}
            else:
                schema = {"type": kind}
            if kind != "ref" or version == "3.1.0":
                schema["description"] = draw(text)
                schema["title"] = draw(text)
            return schema

        schemas: dict[str, Any] = {}
        for key, name in zip(keys, schema_names):
            names = draw(st.lists(text, max_size=4, unique=True))
            schemas[key] = {
                "type": "object",
                "title": name,
                "description": draw(text),
                "properties": {prop: value_schema() for prop in names},
                "required": draw(st.lists(st.sampled_from(names), unique=True)) if names else [],
            }
            if not schemas[key]["required"]:
                del schemas[key]["required"]

        operation_ids = draw(st.lists(text, min_size=1, max_size=5, unique=True))
        paths: dict[str, Any] = {}
        for index, operation_id in enumerate(operation_ids):
            template = _segment(draw(text), "id")
            path = f"/{_segment(draw(text), 'p')}{index}/{{{template}}}"
            method = draw(st.sampled_from(HTTP_METHODS))
            parameters: list[dict[str, Any]] = [
                {"name": template, "in": "path", "required": True, "schema": {"type": "string"}, "description": draw(text)}
            ]
            for location in ("query", "header", "cookie"):
                for name in draw(st.lists(text.filter(lambda t: t != ""), max_size=2, unique=True)):
                    if location == "query" and name == template:
                        continue
                    parameters.append(
                        {"name": name, "in": location, "description": draw(text), "schema": {"type": "string", "default": draw(text)}}
                    )
            response: dict[str, Any] = {"description": draw(text)}
            if draw(st.booleans()):
                response["content"] = {"application/json": {"schema": draw(st.sampled_from(refs)), "example": {draw(text): draw(text)}}}
            operation: dict[str, Any] = {
                "operationId": operation_id,
                "summary": draw(text),
                "description": draw(text),
                "tags": draw(st.lists(text, max_size=2, unique=True)),
                "parameters": parameters,
                "responses": {"200": response, "default": {"description": draw(text)}},
            }
            if method in ("put", "post", "patch") and draw(st.booleans()):
                operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": draw(st.sampled_from(refs))}}}
            paths[path] = {method: operation}

        scheme_names = draw(st.lists(text, max_size=3, unique_by=lambda t: _key(t, "k")))
        security_schemes = {
            f"{_key(name, 'k')}{i}": {
                "type": "apiKey",
                "in": ("header", "query", "cookie")[i % 3],
                "name": name or "key",
                "description": draw(text),
            }
            for i, name in enumerate(scheme_names)
        }
        document: dict[str, Any] = {
            "openapi": version,
            "info": {"title": draw(text), "version": draw(text), "description": draw(text)},
            "servers": [{"url": draw(text), "description": draw(text)}],
            "tags": [{"name": tag, "description": draw(text)} for tag in draw(st.lists(text, max_size=3, unique=True))],
            "paths": paths,
            "components": {"schemas": schemas},
        }
        if security_schemes:
            document["components"]["securitySchemes"] = security_schemes
            document["security"] = [{key: []} for key in security_schemes]
        return document

    return document()

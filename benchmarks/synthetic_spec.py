"""A synthetic, valid OpenAPI 3.1 document of a chosen size, shaped like a large telephony API.

Every resource is a family of nested paths under an account
(`/2010-04-01/Accounts/{AccountSid}/<Resource>.json` and `/<Resource>/{Sid}.json`):
list with paging, create with a form body, fetch, update and delete; its schema
has typed, nullable, enum and date-time fields with long descriptions. All text
is made up here; the document only has the shape of real ones.

Usage: python benchmarks/synthetic_spec.py OUT.yaml [--megabytes 20]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

import yaml

WORDS = (
    "account call conference queue recording message media number address key token "
    "participant member transcription notification application domain credential list "
    "sip trunk region edge status price unit direction duration caller identity hold "
    "mute coach beep record channel stream webhook callback method fallback url sid "
    "friendly name date created updated sent uri subresource page size start end"
).split()

FIELD_KINDS = ("string", "sid", "integer", "number", "boolean", "date-time", "enum", "uri", "array", "nullable")


def _sentence(rng: random.Random, count: int) -> str:
    words = [rng.choice(WORDS) for _ in range(count)]
    return (" ".join(words)).capitalize() + "."


def _description(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5)))


def _field(rng: random.Random, kind: str, enum_name: str) -> dict[str, Any]:
    schema: dict[str, Any]
    if kind == "sid":
        schema = {"type": ["string", "null"], "minLength": 34, "maxLength": 34, "pattern": "^[A-Z]{2}[0-9a-fA-F]{32}$"}
    elif kind == "date-time":
        schema = {"type": ["string", "null"], "format": "date-time"}
    elif kind == "enum":
        schema = {"$ref": f"#/components/schemas/{enum_name}"}
    elif kind == "uri":
        schema = {"type": ["string", "null"], "format": "uri"}
    elif kind == "array":
        schema = {"type": ["array", "null"], "items": {"type": "string"}}
    elif kind == "nullable":
        schema = {"type": ["integer", "null"], "minimum": 0}
    else:
        schema = {"type": kind}
    schema["description"] = _description(rng)
    return schema


def _resource(rng: random.Random, index: int) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(name, its paths, its component schemas)."""
    name = "".join(w.capitalize() for w in rng.sample(WORDS, 2)) + f"Resource{index}"
    base = f"/2010-04-01/Accounts/{{AccountSid}}/{name}"
    schema_name = f"api.v2010.account.{name.lower()}"
    enum_name = f"{name.lower()}_enum_status"
    properties = {
        f"{rng.choice(WORDS)}_{rng.choice(WORDS)}_{i}": _field(rng, rng.choice(FIELD_KINDS), enum_name) for i in range(rng.randint(14, 26))
    }
    properties["sid"] = _field(rng, "sid", enum_name)
    properties["account_sid"] = _field(rng, "sid", enum_name)
    schemas: dict[str, Any] = {
        schema_name: {"type": "object", "description": _description(rng), "properties": properties},
        enum_name: {"type": "string", "enum": sorted({rng.choice(WORDS) + "-" + rng.choice(WORDS) for _ in range(6)})},
        f"List{name}Response": {
            "type": "object",
            "properties": {
                name.lower(): {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_name}"}},
                "end": {"type": "integer"},
                "first_page_uri": {"type": "string"},
                "next_page_uri": {"type": ["string", "null"]},
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "previous_page_uri": {"type": ["string", "null"]},
                "start": {"type": "integer"},
                "uri": {"type": "string"},
            },
        },
    }
    one = {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}}
    account = {"name": "AccountSid", "in": "path", "required": True, "description": _description(rng), "schema": {"type": "string", "minLength": 34, "maxLength": 34}}
    sid = {"name": "Sid", "in": "path", "required": True, "description": _description(rng), "schema": {"type": "string"}}
    form_fields = {
        "".join(w.capitalize() for w in (rng.choice(WORDS), rng.choice(WORDS))) + str(i): {
            "type": rng.choice(["string", "integer", "boolean"]),
            "description": _description(rng),
        }
        for i in range(rng.randint(3, 9))
    }
    form = {"content": {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": form_fields}}}}
    paths = {
        f"{base}.json": {
            "description": _description(rng),
            "get": {
                "operationId": f"List{name}",
                "description": _description(rng),
                "parameters": [
                    account,
                    {"name": "PageSize", "in": "query", "description": _description(rng), "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                    {"name": "Page", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                    {"name": "PageToken", "in": "query", "schema": {"type": "string"}},
                    {"name": "DateCreated<", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                    {"name": "DateCreated>", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                ],
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/List{name}Response"}}}}},
            },
            "post": {
                "operationId": f"Create{name}",
                "description": _description(rng),
                "parameters": [account],
                "requestBody": form,
                "responses": {"201": {"description": "Created", "content": one}},
            },
        },
        f"{base}/{{Sid}}.json": {
            "get": {"operationId": f"Fetch{name}", "description": _description(rng), "parameters": [account, sid], "responses": {"200": {"description": "OK", "content": one}}},
            "post": {
                "operationId": f"Update{name}",
                "description": _description(rng),
                "parameters": [account, sid],
                "requestBody": form,
                "responses": {"200": {"description": "OK", "content": one}},
            },
            "delete": {"operationId": f"Delete{name}", "description": _description(rng), "parameters": [account, sid], "responses": {"204": {"description": "Deleted"}}},
        },
    }
    return name, paths, schemas


def synthetic_spec(megabytes: float, seed: int = 2010) -> str:
    """The YAML text of a valid document of at least `megabytes` MB."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    head: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Synthetic Telephony API", "version": "1.0.0", "description": _description(rng)},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"accountSid_authToken": []}],
    }
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    size = 0
    index = 0
    while size < target:
        _, resource_paths, resource_schemas = _resource(rng, index)
        chunk = yaml.safe_dump({"paths": resource_paths, "schemas": resource_schemas}, sort_keys=False, width=1000)
        size += len(chunk.encode("utf-8"))
        paths.update(resource_paths)
        schemas.update(resource_schemas)
        index += 1
    document = {
        **head,
        "paths": paths,
        "components": {"securitySchemes": {"accountSid_authToken": {"type": "http", "scheme": "basic"}}, "schemas": schemas},
    }
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(document, Dumper=dumper, sort_keys=False, width=1000, allow_unicode=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    text = synthetic_spec(args.megabytes)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(text.encode('utf-8')) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()

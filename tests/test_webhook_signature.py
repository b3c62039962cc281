"""The webhook signature scheme comes from the model: the spec's `x-webhook-signature`, or
`[tool.sdkwright]`'s `webhook-signature`, else the vendor-named Ed25519 convention."""

from __future__ import annotations

import base64
import hashlib
import hmac
import importlib
import json
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from conftest import CONFERENCES, import_package, run_cli

EVENTS_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Hooks API", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {},
    "webhooks": {
        "thing.made": {
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingMade"}}},
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
    "components": {
        "schemas": {
            "ThingMade": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"type": "string", "const": "thing.made"}, "id": {"type": "string"}},
            }
        }
    },
}


def generated(tmp_path: Path, spec: dict[str, Any], pyproject: str | None = None) -> ModuleType:
    project = tmp_path / "project"
    project.mkdir()
    (project / "hooks.yml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    args = ["generate"]
    if pyproject is None:
        args += [str(project / "hooks.yml"), "--output", str(project / "out"), "--package", "hooks"]
    else:
        (project / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    done = run_cli(*args, cwd=project)
    assert done.returncode == 0, done.stderr
    import_package(project / "out", "hooks")
    return importlib.import_module("hooks.webhooks")


def hmac_headers(secret: bytes, body: bytes, stamp: str) -> dict[str, str]:
    digest = hmac.new(secret, f"{stamp}.{body.decode()}".encode(), hashlib.sha256).digest()
    return {"X-Hook-Signature": "v1," + base64.b64encode(digest).decode(), "X-Hook-Time": stamp}


SCHEME = {"algorithm": "hmac-sha256", "signature-header": "X-Hook-Signature", "timestamp-header": "X-Hook-Time", "payload": "{timestamp}.{body}"}


def test_the_spec_extension_chooses_the_scheme(tmp_path: Path) -> None:
    webhooks = generated(tmp_path, {**EVENTS_SPEC, "x-webhook-signature": SCHEME})
    assert webhooks.SIGNATURE.algorithm == "hmac-sha256"
    body = json.dumps({"type": "thing.made", "id": "t1"}).encode()
    stamp = str(int(time.time()))
    event = webhooks.parse_webhook(body, hmac_headers(b"s3cret", body, stamp), b"s3cret")
    assert event.id == "t1"
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.parse_webhook(body, hmac_headers(b"other", body, stamp), b"s3cret")


def test_the_configuration_chooses_the_scheme(tmp_path: Path) -> None:
    table = ", ".join(f'"{k}" = "{v}"' for k, v in SCHEME.items())
    pyproject = f'[tool.sdkwright]\nspec = "hooks.yml"\noutput = "out"\npackage = "hooks"\nwebhook-signature = {{ {table} }}\n'
    webhooks = generated(tmp_path, EVENTS_SPEC, pyproject)
    assert (webhooks.SIGNATURE.signature_header, webhooks.SIGNATURE.payload) == ("X-Hook-Signature", "{timestamp}.{body}")


def test_without_either_the_vendor_named_ed25519_convention(tmp_path: Path) -> None:
    webhooks = generated(tmp_path, EVENTS_SPEC)
    assert webhooks.SIGNATURE.algorithm == "ed25519"
    assert webhooks.SIGNATURE.signature_header.endswith("-signature-ed25519")
    assert webhooks.SIGNATURE.timestamp_header.endswith("-timestamp")


def test_the_telnyx_spec_keeps_telnyx_headers(conferences_sdk: ModuleType) -> None:
    webhooks = importlib.import_module("telnyx_conferences.webhooks")
    assert (webhooks.SIGNATURE.signature_header, webhooks.SIGNATURE.timestamp_header) == ("telnyx-signature-ed25519", "telnyx-timestamp")
    runtime = (Path(webhooks.__file__).parent / "_runtime" / "webhooks.py").read_text(encoding="utf-8")
    assert "telnyx" not in runtime.lower()  # no vendor constant in the generic runtime


def test_a_malformed_extension_is_one_line_naming_its_place(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(yaml.safe_dump({**EVENTS_SPEC, "x-webhook-signature": {"algorithm": "rot13"}}, sort_keys=False), encoding="utf-8")
    done = run_cli("generate", str(path), "--output", str(tmp_path / "out"))
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert "bad.yml" in line and "#/x-webhook-signature" in line and "rot13" in line
    assert CONFERENCES.is_file()

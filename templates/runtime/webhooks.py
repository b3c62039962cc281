"""Webhooks: signature checks and routing of event bodies to their classes (only APIs that send events ship this)."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import hmac
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from .models import Model


class WebhookVerificationError(ValueError):
    """A webhook whose headers, timestamp or signature do not prove it came from the API."""


@dataclasses.dataclass(frozen=True)
class EventRoute:
    """Bodies whose value at `path` (wire names) is `value` are events of class `event`."""

    path: tuple[str, ...]
    value: str
    event: type[Model]


@dataclasses.dataclass(frozen=True)
class UnknownEvent:
    """An event of a type this SDK does not know (the API added it): its body as sent."""

    event_type: str | None
    body: Mapping[str, Any]


def _wire_path(data: Any, path: Sequence[str]) -> Any:
    for name in path:
        data = data.get(name) if isinstance(data, Mapping) else None
    return data


def parse_event(body: bytes | str, routes: Sequence[EventRoute]) -> Any:
    """The typed event a webhook's JSON body holds, or `UnknownEvent`."""
    data = json.loads(body)
    if not isinstance(data, Mapping):
        raise WebhookVerificationError("the webhook's body is not a JSON object")
    for route in routes:
        if _wire_path(data, route.path) == route.value:
            return route.event.from_dict(data)
    tag = _wire_path(data, routes[0].path) if routes else None
    return UnknownEvent(tag if isinstance(tag, str) else None, data)


@dataclasses.dataclass(frozen=True)
class SignatureScheme:
    """How an API signs its webhooks; the generated `webhooks` module states its API's.

    `payload` is what is signed, `{timestamp}` and `{body}` replaced by the timestamp
    header's value and the body. `ed25519` verifies with the API's public key,
    `hmac-sha256` with a shared secret; the signature header holds base64 (several
    signatures may be given, separated by spaces or commas, optionally `v1,`-prefixed).
    """

    algorithm: str
    signature_header: str
    timestamp_header: str
    payload: str = "{timestamp}|{body}"


def verify_signature(
    body: bytes | str,
    headers: Mapping[str, str],
    key: str | bytes,
    tolerance: float,
    scheme: SignatureScheme,
) -> None:
    """Check a webhook's signature by `scheme` and its timestamp's age.

    `key` is the public key (Ed25519: raw 32 bytes or base64 text) or the shared
    secret (HMAC). Raises `WebhookVerificationError` for a missing header, a
    timestamp more than `tolerance` seconds away from now (a replay) or a
    signature that does not match.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    signature_header, timestamp_header = scheme.signature_header, scheme.timestamp_header
    signature = lowered.get(signature_header.lower())
    timestamp = lowered.get(timestamp_header.lower())
    if not signature or not timestamp:
        missing = signature_header if not signature else timestamp_header
        raise WebhookVerificationError(f"the webhook lacks the {missing} header")
    try:
        sent = int(timestamp)
    except ValueError:
        raise WebhookVerificationError(f"{timestamp_header} is not a Unix time") from None
    if abs(time.time() - sent) > tolerance:
        raise WebhookVerificationError(
            f"{timestamp_header} is more than {tolerance:g} s from now: a replayed webhook?"
        )
    text = body.decode("utf-8", "surrogateescape") if isinstance(body, bytes) else body
    message = scheme.payload.replace("{timestamp}", timestamp).replace("{body}", text)
    signed = message.encode("utf-8", "surrogateescape")
    candidates = [c.split(",", 1)[-1] for c in signature.replace(", ", " ").split()] or [signature]
    try:
        decoded = [base64.b64decode(c, validate=True) for c in candidates]
    except (binascii.Error, ValueError):
        raise WebhookVerificationError("the signature is not valid base64") from None
    if scheme.algorithm == "hmac-sha256":
        secret = key.encode() if isinstance(key, str) else key
        digest = hmac.new(secret, signed, hashlib.sha256).digest()
        matches = any(hmac.compare_digest(digest, d) for d in decoded)
    else:
        try:
            public = key if isinstance(key, bytes) else base64.b64decode(key)
        except (binascii.Error, ValueError):
            raise WebhookVerificationError("the public key is not valid base64") from None
        matches = any(_ed25519_verifies(public, d, signed) for d in decoded)
    if not matches:
        raise WebhookVerificationError("the webhook's signature does not match its body")


def _ed25519_verifies(key: bytes, signature: bytes, message: bytes) -> bool:
    """Ed25519 with PyNaCl, or else `cryptography`: the optional `webhooks` extra.

    Imported by name, so that the SDK type-checks without either installed.
    """
    import importlib

    try:
        signing: Any = importlib.import_module("nacl.signing")
        nacl_errors: Any = importlib.import_module("nacl.exceptions")
    except ImportError:
        pass
    else:
        try:
            signing.VerifyKey(key).verify(message, signature)
        except (nacl_errors.CryptoError, ValueError, TypeError):
            return False
        return True
    try:
        ed25519: Any = importlib.import_module("cryptography.hazmat.primitives.asymmetric.ed25519")
        crypto_errors: Any = importlib.import_module("cryptography.exceptions")
    except ImportError:
        raise ImportError(
            "verifying webhooks needs PyNaCl or cryptography: install the 'webhooks' extra"
        ) from None
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(key).verify(signature, message)
    except (crypto_errors.InvalidSignature, ValueError):
        return False
    return True


__all__ = [
    "EventRoute",
    "SignatureScheme",
    "UnknownEvent",
    "WebhookVerificationError",
    "parse_event",
    "verify_signature",
]

"""Webhook events of the Telnyx Conferences API: verified, then parsed into their classes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Union

from ._runtime.webhooks import (
    EventRoute,
    SignatureScheme,
    UnknownEvent,
    WebhookVerificationError,
    parse_event,
    verify_signature,
)
from .models import (
    ConferenceCreatedEvent,
    ConferenceEndedEvent,
    ConferenceFloorChangedEvent,
    ConferenceParticipantJoinedEvent,
    ConferenceParticipantLeftEvent,
    ConferenceRecordingSavedEvent,
)

WebhookEvent = Union[
    ConferenceCreatedEvent,
    ConferenceEndedEvent,
    ConferenceFloorChangedEvent,
    ConferenceParticipantJoinedEvent,
    ConferenceParticipantLeftEvent,
    ConferenceRecordingSavedEvent,
    UnknownEvent,
]
"""Any event the API sends; `UnknownEvent` for a type this SDK does not list."""

SIGNATURE = SignatureScheme(
    "ed25519", "telnyx-signature-ed25519", "telnyx-timestamp", "{timestamp}|{body}"
)
"""How the API signs its webhooks (``x-webhook-signature`` or ``[tool.sdkwright]``, else the convention)."""

EVENTS: tuple[EventRoute, ...] = (
    EventRoute(("data", "event_type"), "conference.created", ConferenceCreatedEvent),
    EventRoute(("data", "event_type"), "conference.ended", ConferenceEndedEvent),
    EventRoute(("data", "event_type"), "conference.floor.changed", ConferenceFloorChangedEvent),
    EventRoute(
        ("data", "event_type"), "conference.participant.joined", ConferenceParticipantJoinedEvent
    ),
    EventRoute(
        ("data", "event_type"), "conference.participant.left", ConferenceParticipantLeftEvent
    ),
    EventRoute(("data", "event_type"), "conference.recording.saved", ConferenceRecordingSavedEvent),
)


def parse_webhook(
    body: bytes | str,
    headers: Mapping[str, str],
    public_key: str | bytes,
    tolerance: float = 300,
) -> WebhookEvent:
    """Verify a webhook's signature and return its typed event.

    Args:
        body: The request's body, exactly as received.
        headers: The request's headers (``telnyx-signature-ed25519``, ``telnyx-timestamp``).
        public_key: The API's Ed25519 public key (base64 text or 32 bytes).
        tolerance: Seconds a webhook may be older or newer than now; older ones are replays.

    Raises:
        WebhookVerificationError: a missing header, a stale timestamp or a wrong signature.
    """
    verify_signature(body, headers, public_key, tolerance, SIGNATURE)
    event: WebhookEvent = parse_event(body, EVENTS)
    return event


def parse_unverified_webhook(body: bytes | str) -> WebhookEvent:
    """The typed event of a webhook body whose origin was checked elsewhere."""
    event: WebhookEvent = parse_event(body, EVENTS)
    return event


__all__ = [
    "EVENTS",
    "SIGNATURE",
    "UnknownEvent",
    "WebhookEvent",
    "WebhookVerificationError",
    "parse_unverified_webhook",
    "parse_webhook",
]

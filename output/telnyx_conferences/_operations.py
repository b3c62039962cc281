"""What the runtime needs to call each operation of the Telnyx Conferences API."""

from __future__ import annotations

from . import errors
from ._runtime.request import Body, Operation, Param
from .models import (
    ConferenceCommandResponse,
    ConferenceResponse,
    CreateConferenceRequest,
    JoinConferenceRequest,
)

CREATE_CONFERENCE: Operation[ConferenceResponse] = Operation(
    "POST",
    "/conferences",
    body=Body("application/json", CreateConferenceRequest, flatten=True),
    responses={"200": ConferenceResponse},
    error=errors.CreateConferenceError,
    idempotency_key="command_id",
)

JOIN_CONFERENCE: Operation[ConferenceCommandResponse] = Operation(
    "POST",
    "/conferences/{id}/actions/join",
    params=(Param("id", "id", "path", str, required=True),),
    body=Body("application/json", JoinConferenceRequest, flatten=True),
    responses={"200": ConferenceCommandResponse},
    error=errors.JoinConferenceError,
    idempotency_key="command_id",
)

"""Errors of the Telnyx Conferences API.

A failed call raises one exception that is at once an instance of the
operation's error class, the HTTP status's class and, when the response names
a documented API error code, that code's class.
"""

from __future__ import annotations

from ._runtime.errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ClientError,
    ErrorDetail,
    ServerError,
)


class BadRequestError(ClientError):
    """HTTP 400."""

    status_code = 400


class AuthenticationError(ClientError):
    """HTTP 401."""

    status_code = 401


class PermissionDeniedError(ClientError):
    """HTTP 403."""

    status_code = 403


class NotFoundError(ClientError):
    """HTTP 404."""

    status_code = 404


class ConflictError(ClientError):
    """HTTP 409."""

    status_code = 409


class UnprocessableEntityError(ClientError):
    """HTTP 422."""

    status_code = 422


class RateLimitError(ClientError):
    """HTTP 429."""

    status_code = 429


class InternalServerError(ServerError):
    """HTTP 500."""

    status_code = 500


class BadGatewayError(ServerError):
    """HTTP 502."""

    status_code = 502


class ServiceUnavailableError(ServerError):
    """HTTP 503."""

    status_code = 503


class GatewayTimeoutError(ServerError):
    """HTTP 504."""

    status_code = 504


class AiAssistantAlreadyActiveError(APIStatusError):
    """API error 90061: AI Assistant is already in progress."""

    code = "90061"


class AuthenticationFailedError(APIStatusError):
    """API error 10009: Authentication failed."""

    code = "10009"


class CallAlreadyEndedError(APIStatusError):
    """API error 90018: Call has already ended."""

    code = "90018"


class CallAlreadyInQueueError(APIStatusError):
    """API error 90038: Call already in queue."""

    code = "90038"


class CallNotAnsweredError(APIStatusError):
    """API error 90034: Call not answered yet."""

    code = "90034"


class CannotRecordBeforeAudioStartedError(APIStatusError):
    """API error 90020: Call recording triggered before audio started."""

    code = "90020"


class ConferenceAlreadyEndedError(APIStatusError):
    """API error 90019: Conference has already ended."""

    code = "90019"


class ConferenceNameConflictError(APIStatusError):
    """API error 90033: Unable to execute command."""

    code = "90033"


class ForkNotFoundError(APIStatusError):
    """API error 90031: Call is not currently forked."""

    code = "90031"


class InvalidCallControlIdError(APIStatusError):
    """API error 90015: Invalid Call Control ID."""

    code = "90015"


class InvalidConnectionIdError(APIStatusError):
    """API error 10015: Invalid value for connection_id (Call Control App ID)."""

    code = "10015"


class InvalidEnumeratedValueError(APIStatusError):
    """API error 10032: Invalid enumerated value."""

    code = "10032"


class InvalidPhoneNumberFormatError(APIStatusError):
    """API error 10016: Phone number must be in +E164 format."""

    code = "10016"


class MaxParticipantsReachedError(APIStatusError):
    """API error 90032: Maximum number of participants reached."""

    code = "90032"


class MediaStreamingUsedError(APIStatusError):
    """API error 90045: Media Streaming is used."""

    code = "90045"


class MissingRequiredParameterError(APIStatusError):
    """API error 10004: Missing required parameter."""

    code = "10004"


class QueueFullError(APIStatusError):
    """API error 90036: Queue full."""

    code = "90036"


class SrtpNotSupportedForPstnError(APIStatusError):
    """API error 10011: Media encryption not supported for PSTN calls."""

    code = "10011"


class TranscriptionAlreadyActiveError(APIStatusError):
    """API error 90054: Call transcription is already in progress."""

    code = "90054"


class ValueOutsideRangeError(APIStatusError):
    """API error 10033: Value outside of range."""

    code = "10033"


class CreateConferenceError(APIStatusError):
    """Raised when ``create_conference`` (POST /conferences) fails."""


class JoinConferenceError(APIStatusError):
    """Raised when ``join_conference`` (POST /conferences/{id}/actions/join) fails."""


STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    500: InternalServerError,
    502: BadGatewayError,
    503: ServiceUnavailableError,
    504: GatewayTimeoutError,
}
"""The error class of each HTTP status."""

ERROR_CODES: dict[str, type[APIStatusError]] = {
    "10004": MissingRequiredParameterError,
    "10009": AuthenticationFailedError,
    "10011": SrtpNotSupportedForPstnError,
    "10015": InvalidConnectionIdError,
    "10016": InvalidPhoneNumberFormatError,
    "10032": InvalidEnumeratedValueError,
    "10033": ValueOutsideRangeError,
    "90015": InvalidCallControlIdError,
    "90018": CallAlreadyEndedError,
    "90019": ConferenceAlreadyEndedError,
    "90020": CannotRecordBeforeAudioStartedError,
    "90031": ForkNotFoundError,
    "90032": MaxParticipantsReachedError,
    "90033": ConferenceNameConflictError,
    "90034": CallNotAnsweredError,
    "90036": QueueFullError,
    "90038": CallAlreadyInQueueError,
    "90045": MediaStreamingUsedError,
    "90054": TranscriptionAlreadyActiveError,
    "90061": AiAssistantAlreadyActiveError,
}
"""The error class of each API error code documented in the spec."""

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "ClientError",
    "ERROR_CODES",
    "ErrorDetail",
    "STATUS_ERRORS",
    "ServerError",
    "AiAssistantAlreadyActiveError",
    "AuthenticationError",
    "AuthenticationFailedError",
    "BadGatewayError",
    "BadRequestError",
    "CallAlreadyEndedError",
    "CallAlreadyInQueueError",
    "CallNotAnsweredError",
    "CannotRecordBeforeAudioStartedError",
    "ConferenceAlreadyEndedError",
    "ConferenceNameConflictError",
    "ConflictError",
    "CreateConferenceError",
    "ForkNotFoundError",
    "GatewayTimeoutError",
    "InternalServerError",
    "InvalidCallControlIdError",
    "InvalidConnectionIdError",
    "InvalidEnumeratedValueError",
    "InvalidPhoneNumberFormatError",
    "JoinConferenceError",
    "MaxParticipantsReachedError",
    "MediaStreamingUsedError",
    "MissingRequiredParameterError",
    "NotFoundError",
    "PermissionDeniedError",
    "QueueFullError",
    "RateLimitError",
    "ServiceUnavailableError",
    "SrtpNotSupportedForPstnError",
    "TranscriptionAlreadyActiveError",
    "UnprocessableEntityError",
    "ValueOutsideRangeError",
]

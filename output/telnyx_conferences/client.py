"""Clients of the Telnyx Conferences API: `Client` and `AsyncClient`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TYPE_CHECKING

import httpx

from . import _operations as _ops
from . import errors
from ._runtime.auth import BearerAuth
from ._runtime.client import (
    AsyncBaseClient,
    AsyncRawResource,
    AsyncResource,
    BaseClient,
    RawResource,
    Resource,
    RetryPolicy,
    async_raw,
    awaitable,
    credential,
    raw,
)
from ._runtime.models import UNSET, Unset
from ._runtime.request import CallOptions
from .models import (
    BeepEnabled,
    ConferenceCommandResponse,
    ConferenceRegion,
    ConferenceResponse,
    SupervisorRole,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

DEFAULT_BASE_URL = "https://api.telnyx.com/v2"


class ConferenceCommandsResource(Resource):
    """Create conferences and control the call legs that take part in them."""

    __slots__ = ()

    def create_conference(
        self,
        *,
        call_control_id: str,
        name: str,
        beep_enabled: (
            BeepEnabled | Literal["always", "never", "on_enter", "on_exit"] | Unset
        ) = UNSET,
        client_state: str | Unset = UNSET,
        comfort_noise: bool | Unset = UNSET,
        command_id: str | Unset = UNSET,
        duration_minutes: int | Unset = UNSET,
        hold_audio_url: str | Unset = UNSET,
        hold_media_name: str | Unset = UNSET,
        max_participants: int | Unset = UNSET,
        start_conference_on_create: bool | Unset = UNSET,
        **options: Unpack[CallOptions],
    ) -> ConferenceResponse:
        """Create conference

        Create a conference from an existing call leg using a `call_control_id` and a conference name. Upon creating the conference, the call will be automatically bridged to the conference. Conferences will expire after all participants have left the conference or after 4 hours regardless of the number of active participants.

        **Expected Webhooks:**

        - `conference.created`
        - `conference.participant.joined`
        - `conference.participant.left`
        - `conference.ended`
        - `conference.recording.saved`
        - `conference.floor.changed`

        Request body: Create a conference

        Args:
            call_control_id: Unique identifier and token for controlling the call
            name: Name of the conference
            beep_enabled: Whether a beep sound should be played when participants join and/or leave the conference. (the server's default: ``"never"``)
            client_state: Use this field to add state to every subsequent webhook. It must be a valid Base-64 encoded string. The client_state will be updated for the creator call leg and will be used for all webhooks related to the created conference.
            comfort_noise: Toggle background comfort noise. (the server's default: ``true``)
            command_id: Use this field to avoid execution of duplicate commands. Telnyx will ignore subsequent commands with the same `command_id` as one that has already been executed.
            duration_minutes: Time length (minutes) after which the conference will end.
            hold_audio_url: The URL of a file to be played to participants joining the conference. The URL can point to either a WAV or MP3 file. hold_media_name and hold_audio_url cannot be used together in one request. Takes effect only when "start_conference_on_create" is set to "false".
            hold_media_name: The media_name of a file to be played to participants joining the conference. The media_name must point to a file previously uploaded to api.telnyx.com/v2/media by the same user/organization. The file must either be a WAV or MP3 file. Takes effect only when "start_conference_on_create" is set to "false".
            max_participants: The maximum number of active conference participants to allow. Must be between 2 and 800. Defaults to 250 (the server's default: ``250``)
            start_conference_on_create: Whether the conference should be started on creation. If the conference isn't started all participants that join are automatically put on hold. Defaults to "true". (the server's default: ``true``)

        ``POST /conferences``
        """
        return self._call(_ops.CREATE_CONFERENCE, locals())

    def join_conference(
        self,
        id: str,
        *,
        call_control_id: str,
        client_state: str | Unset = UNSET,
        command_id: str | Unset = UNSET,
        end_conference_on_exit: bool | Unset = UNSET,
        soft_end_conference_on_exit: bool | Unset = UNSET,
        hold: bool | Unset = UNSET,
        hold_audio_url: str | Unset = UNSET,
        hold_media_name: str | Unset = UNSET,
        mute: bool | Unset = UNSET,
        start_conference_on_enter: bool | Unset = UNSET,
        supervisor_role: (
            SupervisorRole | Literal["barge", "monitor", "none", "whisper"] | Unset
        ) = UNSET,
        whisper_call_control_ids: list[str] | Unset = UNSET,
        beep_enabled: (
            BeepEnabled | Literal["always", "never", "on_enter", "on_exit"] | Unset
        ) = UNSET,
        region: (
            ConferenceRegion | Literal["Australia", "Europe", "Middle East", "US"] | Unset
        ) = UNSET,
        **options: Unpack[CallOptions],
    ) -> ConferenceCommandResponse:
        """Join a conference

        Join an existing call leg to a conference. Issue the Join Conference command with the conference ID in the path and the `call_control_id` of the leg you wish to join to the conference as an attribute. The conference can have up to a certain amount of active participants, as set by the `max_participants` parameter in conference creation request.

        **Expected Webhooks:**

        - `conference.participant.joined`
        - `conference.participant.left`

        Request body: Join Conference request object

        Args:
            id: Uniquely identifies the conference by id or name
            call_control_id: Unique identifier and token for controlling the call
            client_state: Use this field to add state to every subsequent webhook. It must be a valid Base-64 encoded string. Please note that the client_state will be updated for the participient call leg and the change will not affect conferencing webhooks unless the participient is the owner of the conference.
            command_id: Use this field to avoid execution of duplicate commands. Telnyx will ignore subsequent commands with the same `command_id` as one that has already been executed.
            end_conference_on_exit: Whether the conference should end and all remaining participants be hung up after the participant leaves the conference. Defaults to "false".
            soft_end_conference_on_exit: Whether the conference should end after the participant leaves the conference. NOTE this doesn't hang up the other participants. Defaults to "false".
            hold: Whether the participant should be put on hold immediately after joining the conference. Defaults to "false".
            hold_audio_url: The URL of a file to be played to the participant when they are put on hold after joining the conference. hold_media_name and hold_audio_url cannot be used together in one request. Takes effect only when "start_conference_on_create" is set to "false". This property takes effect only if "hold" is set to "true".
            hold_media_name: The media_name of a file to be played to the participant when they are put on hold after joining the conference. The media_name must point to a file previously uploaded to api.telnyx.com/v2/media by the same user/organization. The file must either be a WAV or MP3 file. Takes effect only when "start_conference_on_create" is set to "false". This property takes effect only if "hold" is set to "true".
            mute: Whether the participant should be muted immediately after joining the conference. Defaults to "false".
            start_conference_on_enter: Whether the conference should be started after the participant joins the conference. Defaults to "false".
            supervisor_role: Sets the joining participant as a supervisor for the conference. A conference can have multiple supervisors. "barge" means the supervisor enters the conference as a normal participant. This is the same as "none". "monitor" means the supervisor is muted but can hear all participants. "whisper" means that only the specified "whisper_call_control_ids" can hear the supervisor. Defaults to "none".
            whisper_call_control_ids: Array of unique call_control_ids the joining supervisor can whisper to. If none provided, the supervisor will join the conference as a monitoring participant only.
            beep_enabled: Whether a beep sound should be played when the participant joins and/or leaves the conference. Can be used to override the conference-level setting.
            region: Region where the conference data is located. Defaults to the region defined in user's data locality settings (Europe or US).

        ``POST /conferences/{id}/actions/join``
        """
        return self._call(_ops.JOIN_CONFERENCE, locals())


class AsyncConferenceCommandsResource(AsyncResource):
    """Create conferences and control the call legs that take part in them."""

    __slots__ = ()

    create_conference = awaitable(ConferenceCommandsResource.create_conference)
    join_conference = awaitable(ConferenceCommandsResource.join_conference)


class ConferenceCommandsResourceWithRawResponse(RawResource):
    """Create conferences and control the call legs that take part in them. Each method returns a ``RawResponse`` (headers, status, request id)."""

    __slots__ = ()

    create_conference = raw(ConferenceCommandsResource.create_conference)
    join_conference = raw(ConferenceCommandsResource.join_conference)


class AsyncConferenceCommandsResourceWithRawResponse(AsyncRawResource):
    """Create conferences and control the call legs that take part in them. Each method returns a ``RawResponse`` (headers, status, request id)."""

    __slots__ = ()

    create_conference = async_raw(ConferenceCommandsResource.create_conference)
    join_conference = async_raw(ConferenceCommandsResource.join_conference)


class ClientWithRawResponse:
    """The groups of ``Client`` whose methods return a ``RawResponse``."""

    def __init__(self, client: Client) -> None:
        self.conference_commands = ConferenceCommandsResourceWithRawResponse(client)
        """Create conferences and control the call legs that take part in them."""


class AsyncClientWithRawResponse:
    """The groups of ``AsyncClient`` whose methods return a ``RawResponse``."""

    def __init__(self, client: AsyncClient) -> None:
        self.conference_commands = AsyncConferenceCommandsResourceWithRawResponse(client)
        """Create conferences and control the call legs that take part in them."""


def _auth(api_key: str | None) -> dict[str, httpx.Auth | None] | None:
    """The credentials given, or found in the environment, by security scheme."""
    api_key = credential(api_key, "TELNYX_API_KEY")
    if api_key is None:
        raise errors.APIError("no credentials: pass api_key= or set TELNYX_API_KEY")
    return {"bearerAuth": BearerAuth(api_key) if api_key is not None else None}


class Client(BaseClient):
    """Python SDK of the Telnyx Conferences API (version 2.0.0).

    Args:
        api_key: API key. Defaults to the environment variable ``TELNYX_API_KEY``.
        base_url: The API's address; defaults to ``TELNYX_BASE_URL`` from the
            environment, else ``https://api.telnyx.com/v2``.
        http_client: An ``httpx.Client`` to send requests with (for proxies, transports, tests).
        headers: Headers sent with every request.
        timeout: Seconds (or an ``httpx.Timeout``) before a request fails; 60 s, 5 s to connect.
            This holds whatever ``http_client`` is given (its own timeout is not used).
        max_retries: How many times a failed request is sent again; 2 by default.
        retry_policy: Backoff and retry limits; see ``RetryPolicy``.
        strict_response_validation: Raise ``APIResponseValidationError`` for a success whose
            body lacks a required field or holds another type; by default it is kept as it came.
    """

    status_errors = errors.STATUS_ERRORS
    error_codes = errors.ERROR_CODES
    security = (("bearerAuth",),)
    package = "telnyx_conferences"
    version = "2.0.0"
    environment_prefix = "TELNYX"
    default_base_url = DEFAULT_BASE_URL

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        http_client: httpx.Client | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        retry_policy: RetryPolicy | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            http_client=http_client,
            headers=headers,
            auth=_auth(api_key),
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            strict_response_validation=strict_response_validation,
        )
        self.conference_commands = ConferenceCommandsResource(self)
        """Create conferences and control the call legs that take part in them."""

    @property
    def with_raw_response(self) -> ClientWithRawResponse:
        """The same groups, whose methods return a ``RawResponse`` with the parsed result."""
        return ClientWithRawResponse(self)


class AsyncClient(AsyncBaseClient):
    """Python SDK of the Telnyx Conferences API (version 2.0.0). Every method is a coroutine.

    Args:
        api_key: API key. Defaults to the environment variable ``TELNYX_API_KEY``.
        base_url: The API's address; defaults to ``TELNYX_BASE_URL`` from the
            environment, else ``https://api.telnyx.com/v2``.
        http_client: An ``httpx.AsyncClient`` to send requests with (for proxies, transports, tests).
        headers: Headers sent with every request.
        timeout: Seconds (or an ``httpx.Timeout``) before a request fails; 60 s, 5 s to connect.
            This holds whatever ``http_client`` is given (its own timeout is not used).
        max_retries: How many times a failed request is sent again; 2 by default.
        retry_policy: Backoff and retry limits; see ``RetryPolicy``.
        strict_response_validation: Raise ``APIResponseValidationError`` for a success whose
            body lacks a required field or holds another type; by default it is kept as it came.
    """

    status_errors = errors.STATUS_ERRORS
    error_codes = errors.ERROR_CODES
    security = (("bearerAuth",),)
    package = "telnyx_conferences"
    version = "2.0.0"
    environment_prefix = "TELNYX"
    default_base_url = DEFAULT_BASE_URL

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | httpx.Timeout | None | Unset = UNSET,
        max_retries: int | Unset = UNSET,
        retry_policy: RetryPolicy | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        super().__init__(
            base_url=base_url,
            http_client=http_client,
            headers=headers,
            auth=_auth(api_key),
            timeout=timeout,
            max_retries=max_retries,
            retry_policy=retry_policy,
            strict_response_validation=strict_response_validation,
        )
        self.conference_commands = AsyncConferenceCommandsResource(self)
        """Create conferences and control the call legs that take part in them."""

    @property
    def with_raw_response(self) -> AsyncClientWithRawResponse:
        """The same groups, whose methods return a ``RawResponse`` with the parsed result."""
        return AsyncClientWithRawResponse(self)


__all__ = [
    "AsyncClient",
    "Client",
    "DEFAULT_BASE_URL",
    "AsyncConferenceCommandsResource",
    "ConferenceCommandsResource",
]

"""Data types of the Telnyx Conferences API."""

from __future__ import annotations

import datetime
from dataclasses import field
from typing import Any

from ._runtime.models import UNSET, Model, OpenStrEnum, Unset, model


class BeepEnabled(OpenStrEnum):
    """Values of beep_enabled."""

    ALWAYS = "always"
    NEVER = "never"
    ON_ENTER = "on_enter"
    ON_EXIT = "on_exit"


class Channels(OpenStrEnum):
    """Values of channels."""

    SINGLE = "single"
    DUAL = "dual"


class ConferenceCreatedEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_CREATED = "conference.created"


class ConferenceEndedEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_ENDED = "conference.ended"


class ConferenceFloorChangedEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_FLOOR_CHANGED = "conference.floor.changed"


class ConferenceParticipantJoinedEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_PARTICIPANT_JOINED = "conference.participant.joined"


class ConferenceParticipantLeftEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_PARTICIPANT_LEFT = "conference.participant.left"


class ConferenceRecordType(OpenStrEnum):
    """Values of record_type."""

    CONFERENCE = "conference"


class ConferenceRecordingSavedEventType(OpenStrEnum):
    """Values of event_type."""

    CONFERENCE_RECORDING_SAVED = "conference.recording.saved"


class ConferenceRegion(OpenStrEnum):
    """Region where the conference data is located. Defaults to the region defined in user's data locality settings (Europe or US)."""

    AUSTRALIA = "Australia"
    EUROPE = "Europe"
    MIDDLE_EAST = "Middle East"
    US = "US"


class EndReason(OpenStrEnum):
    """Values of end_reason."""

    ALL_LEFT = "all_left"
    ENDED_VIA_API = "ended_via_api"
    HOST_LEFT = "host_left"
    TIME_EXCEEDED = "time_exceeded"


class EventRecordType(OpenStrEnum):
    """Values of record_type."""

    EVENT = "event"


class Format(OpenStrEnum):
    """Values of format."""

    WAV = "wav"
    MP3 = "mp3"


class Reason(OpenStrEnum):
    """Values of reason."""

    ALL_LEFT = "all_left"
    ENDED_VIA_API = "ended_via_api"
    HOST_LEFT = "host_left"
    TIME_EXCEEDED = "time_exceeded"


class Status(OpenStrEnum):
    """Values of status."""

    INIT = "init"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class SupervisorRole(OpenStrEnum):
    """Values of supervisor_role."""

    BARGE = "barge"
    MONITOR = "monitor"
    NONE = "none"
    WHISPER = "whisper"


@model(slots=True, kw_only=True)
class CallControlError(Model):
    """The CallControlError object."""

    code: str

    title: str

    detail: str | Unset = UNSET

    source: Source | Unset = UNSET

    meta: dict[str, Any] | Unset = UNSET


@model(slots=True, kw_only=True)
class CallControlErrors(Model):
    """The CallControlErrors object."""

    errors: list[CallControlError] | Unset = UNSET


@model(slots=True, kw_only=True)
class Conference(Model):
    """Conference"""

    record_type: ConferenceRecordType
    """Identifies the type of the resource."""

    id: str
    """Uniquely identifies the conference"""

    name: str
    """Name of the conference"""

    created_at: datetime.datetime
    """ISO 8601 formatted date of when the conference was created"""

    expires_at: datetime.datetime
    """ISO 8601 formatted date of when the conference will expire"""

    updated_at: datetime.datetime | Unset = UNSET
    """ISO 8601 formatted date of when the conference was last updated"""

    region: str | Unset = UNSET
    """Region where the conference is hosted"""

    status: Status | Unset = UNSET
    """The status of the conference"""

    end_reason: EndReason | Unset = UNSET
    """Reason why the conference ended"""

    ended_by: EndedBy | Unset = UNSET
    """Identifies the call that ended the conference"""

    connection_id: str | Unset = UNSET
    """Identifies the connection (Call Control App) the conference belongs to"""


@model(slots=True, kw_only=True)
class ConferenceCommandResponse(Model):
    """Conference Command Response"""

    data: ConferenceCommandResult | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceCommandResult(Model):
    """Conference Command Result"""

    result: str


@model(slots=True, kw_only=True)
class ConferenceCreatedEvent(Model):
    """Conference Created Event"""

    data: ConferenceCreatedEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceCreatedEventData(Model):
    """The ConferenceCreatedEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceCreatedEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceEventPayload | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceEndedEvent(Model):
    """Conference Ended Event"""

    data: ConferenceEndedEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceEndedEventData(Model):
    """The ConferenceEndedEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceEndedEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceEndedPayload | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceEndedPayload(Model):
    """Conference Ended Payload"""

    call_control_id: str | Unset = UNSET
    """Call ID used to issue commands via Call Control API."""

    call_leg_id: str | Unset = UNSET
    """ID that is unique to the call leg and can be used to correlate webhook events."""

    call_session_id: str | Unset = UNSET
    """ID that is unique to the call session and can be used to correlate webhook events. A call session is a group of related call legs."""

    client_state: str | Unset = UNSET
    """State received from a command."""

    connection_id: str | Unset = UNSET
    """Call Control App ID (formerly Telnyx connection ID) used in the call."""

    conference_id: str | Unset = UNSET
    """ID of the conference the event relates to."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    reason: Reason | Unset = UNSET
    """Reason the conference ended."""


@model(slots=True, kw_only=True)
class ConferenceEventPayload(Model):
    """Conference Event Payload"""

    call_control_id: str | Unset = UNSET
    """Call ID used to issue commands via Call Control API."""

    call_leg_id: str | Unset = UNSET
    """ID that is unique to the call leg and can be used to correlate webhook events."""

    call_session_id: str | Unset = UNSET
    """ID that is unique to the call session and can be used to correlate webhook events. A call session is a group of related call legs."""

    client_state: str | Unset = UNSET
    """State received from a command."""

    connection_id: str | Unset = UNSET
    """Call Control App ID (formerly Telnyx connection ID) used in the call."""

    conference_id: str | Unset = UNSET
    """ID of the conference the event relates to."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""


@model(slots=True, kw_only=True)
class ConferenceFloorChangedEvent(Model):
    """Conference Floor Changed Event"""

    data: ConferenceFloorChangedEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceFloorChangedEventData(Model):
    """The ConferenceFloorChangedEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceFloorChangedEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceFloorChangedPayload | Unset = UNSET
    """Identifies the participant who has the floor."""


@model(slots=True, kw_only=True)
class ConferenceFloorChangedPayload(Model):
    """Identifies the participant who has the floor."""

    call_control_id: str | Unset = UNSET
    """Call Control ID of the participant who has the floor."""

    call_leg_id: str | Unset = UNSET
    """Call leg ID of the participant who has the floor."""

    call_session_id: str | Unset = UNSET
    """Call session ID of the participant who has the floor."""

    conference_id: str | Unset = UNSET
    """ID of the conference."""


@model(slots=True, kw_only=True)
class ConferenceParticipantJoinedEvent(Model):
    """Conference Participant Joined Event"""

    data: ConferenceParticipantJoinedEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceParticipantJoinedEventData(Model):
    """The ConferenceParticipantJoinedEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceParticipantJoinedEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceEventPayload | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceParticipantLeftEvent(Model):
    """Conference Participant Left Event"""

    data: ConferenceParticipantLeftEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceParticipantLeftEventData(Model):
    """The ConferenceParticipantLeftEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceParticipantLeftEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceEventPayload | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceRecordingSavedEvent(Model):
    """Conference Recording Saved Event"""

    data: ConferenceRecordingSavedEventData

    meta: WebhookMeta | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceRecordingSavedEventData(Model):
    """The ConferenceRecordingSavedEventData object."""

    record_type: EventRecordType | Unset = UNSET
    """Identifies the type of the resource."""

    event_type: ConferenceRecordingSavedEventType | Unset = UNSET
    """The type of event being delivered."""

    id: str | Unset = UNSET
    """Uniquely identifies the event."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    payload: ConferenceRecordingSavedPayload | Unset = UNSET


@model(slots=True, kw_only=True)
class ConferenceRecordingSavedPayload(Model):
    """Conference Recording Saved Payload"""

    call_control_id: str | Unset = UNSET
    """Call ID used to issue commands via Call Control API."""

    call_leg_id: str | Unset = UNSET
    """ID that is unique to the call leg and can be used to correlate webhook events."""

    call_session_id: str | Unset = UNSET
    """ID that is unique to the call session and can be used to correlate webhook events. A call session is a group of related call legs."""

    client_state: str | Unset = UNSET
    """State received from a command."""

    connection_id: str | Unset = UNSET
    """Call Control App ID (formerly Telnyx connection ID) used in the call."""

    conference_id: str | Unset = UNSET
    """ID of the conference the event relates to."""

    occurred_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the event occurred."""

    channels: Channels | Unset = UNSET
    """Whether the recording was made with a single channel or dual channels."""

    format: Format | Unset = UNSET
    """The audio file format of the recording."""

    recording_started_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the recording started."""

    recording_ended_at: datetime.datetime | Unset = UNSET
    """ISO 8601 datetime of when the recording ended."""

    public_recording_urls: ConferenceRecordingUrls | Unset = UNSET
    """Public links to the saved recording, one per file format."""

    recording_urls: ConferenceRecordingUrls | Unset = UNSET
    """Links to the saved recording, one per file format."""


@model(slots=True, kw_only=True)
class ConferenceRecordingUrls(Model):
    """Conference Recording URLs"""

    mp3: str | Unset = UNSET
    """Link to the recording in MP3 format."""

    wav: str | Unset = UNSET
    """Link to the recording in WAV format."""


@model(slots=True, kw_only=True)
class ConferenceResponse(Model):
    """Conference Response"""

    data: Conference | Unset = UNSET


@model(slots=True, kw_only=True)
class CreateConferenceRequest(Model):
    """Create Conference Request"""

    call_control_id: str
    """Unique identifier and token for controlling the call"""

    name: str
    """Name of the conference"""

    beep_enabled: BeepEnabled = BeepEnabled.NEVER
    """Whether a beep sound should be played when participants join and/or leave the conference.

    Default: ``"never"``.
    """

    client_state: str | Unset = UNSET
    """Use this field to add state to every subsequent webhook. It must be a valid Base-64 encoded string. The client_state will be updated for the creator call leg and will be used for all webhooks related to the created conference."""

    comfort_noise: bool = True
    """Toggle background comfort noise.

    Default: ``true``.
    """

    command_id: str | Unset = UNSET
    """Use this field to avoid execution of duplicate commands. Telnyx will ignore subsequent commands with the same `command_id` as one that has already been executed."""

    duration_minutes: int | Unset = UNSET
    """Time length (minutes) after which the conference will end."""

    hold_audio_url: str | Unset = UNSET
    """The URL of a file to be played to participants joining the conference. The URL can point to either a WAV or MP3 file. hold_media_name and hold_audio_url cannot be used together in one request. Takes effect only when "start_conference_on_create" is set to "false"."""

    hold_media_name: str | Unset = UNSET
    """The media_name of a file to be played to participants joining the conference. The media_name must point to a file previously uploaded to api.telnyx.com/v2/media by the same user/organization. The file must either be a WAV or MP3 file. Takes effect only when "start_conference_on_create" is set to "false"."""

    max_participants: int = field(default=250, metadata={"minimum": 2, "maximum": 800})
    """The maximum number of active conference participants to allow. Must be between 2 and 800. Defaults to 250

    Default: ``250``.
    """

    start_conference_on_create: bool = True
    """Whether the conference should be started on creation. If the conference isn't started all participants that join are automatically put on hold. Defaults to "true".

    Default: ``true``.
    """


@model(slots=True, kw_only=True)
class EndedBy(Model):
    """Identifies the call that ended the conference"""

    call_control_id: str | Unset = UNSET
    """Call Control ID of the call that ended the conference"""

    call_session_id: str | Unset = UNSET
    """Call Session ID of the call that ended the conference"""


@model(slots=True, kw_only=True)
class JoinConferenceRequest(Model):
    """Join Conference Request"""

    call_control_id: str
    """Unique identifier and token for controlling the call"""

    client_state: str | Unset = UNSET
    """Use this field to add state to every subsequent webhook. It must be a valid Base-64 encoded string. Please note that the client_state will be updated for the participient call leg and the change will not affect conferencing webhooks unless the participient is the owner of the conference."""

    command_id: str | Unset = UNSET
    """Use this field to avoid execution of duplicate commands. Telnyx will ignore subsequent commands with the same `command_id` as one that has already been executed."""

    end_conference_on_exit: bool | Unset = UNSET
    """Whether the conference should end and all remaining participants be hung up after the participant leaves the conference. Defaults to "false"."""

    soft_end_conference_on_exit: bool | Unset = UNSET
    """Whether the conference should end after the participant leaves the conference. NOTE this doesn't hang up the other participants. Defaults to "false"."""

    hold: bool | Unset = UNSET
    """Whether the participant should be put on hold immediately after joining the conference. Defaults to "false"."""

    hold_audio_url: str | Unset = UNSET
    """The URL of a file to be played to the participant when they are put on hold after joining the conference. hold_media_name and hold_audio_url cannot be used together in one request. Takes effect only when "start_conference_on_create" is set to "false". This property takes effect only if "hold" is set to "true"."""

    hold_media_name: str | Unset = UNSET
    """The media_name of a file to be played to the participant when they are put on hold after joining the conference. The media_name must point to a file previously uploaded to api.telnyx.com/v2/media by the same user/organization. The file must either be a WAV or MP3 file. Takes effect only when "start_conference_on_create" is set to "false". This property takes effect only if "hold" is set to "true"."""

    mute: bool | Unset = UNSET
    """Whether the participant should be muted immediately after joining the conference. Defaults to "false"."""

    start_conference_on_enter: bool | Unset = UNSET
    """Whether the conference should be started after the participant joins the conference. Defaults to "false"."""

    supervisor_role: SupervisorRole | Unset = UNSET
    """Sets the joining participant as a supervisor for the conference. A conference can have multiple supervisors. "barge" means the supervisor enters the conference as a normal participant. This is the same as "none". "monitor" means the supervisor is muted but can hear all participants. "whisper" means that only the specified "whisper_call_control_ids" can hear the supervisor. Defaults to "none"."""

    whisper_call_control_ids: list[str] | Unset = UNSET
    """Array of unique call_control_ids the joining supervisor can whisper to. If none provided, the supervisor will join the conference as a monitoring participant only."""

    beep_enabled: BeepEnabled | Unset = UNSET
    """Whether a beep sound should be played when the participant joins and/or leaves the conference. Can be used to override the conference-level setting."""

    region: ConferenceRegion | Unset = UNSET
    """Region where the conference data is located. Defaults to the region defined in user's data locality settings (Europe or US)."""


@model(slots=True, kw_only=True)
class Source(Model):
    """The Source object."""

    pointer: str | Unset = UNSET
    """JSON pointer (RFC6901) to the offending entity."""

    parameter: str | Unset = UNSET
    """Indicates which query parameter caused the error."""


@model(slots=True, kw_only=True)
class WebhookMeta(Model):
    """Webhook Meta"""

    attempt: int | Unset = UNSET
    """Delivery attempt number of this webhook."""

    delivered_to: str | Unset = UNSET
    """URL the webhook was delivered to."""


__all__ = [
    "BeepEnabled",
    "Channels",
    "ConferenceCreatedEventType",
    "ConferenceEndedEventType",
    "ConferenceFloorChangedEventType",
    "ConferenceParticipantJoinedEventType",
    "ConferenceParticipantLeftEventType",
    "ConferenceRecordType",
    "ConferenceRecordingSavedEventType",
    "ConferenceRegion",
    "EndReason",
    "EventRecordType",
    "Format",
    "Reason",
    "Status",
    "SupervisorRole",
    "CallControlError",
    "CallControlErrors",
    "Conference",
    "ConferenceCommandResponse",
    "ConferenceCommandResult",
    "ConferenceCreatedEvent",
    "ConferenceCreatedEventData",
    "ConferenceEndedEvent",
    "ConferenceEndedEventData",
    "ConferenceEndedPayload",
    "ConferenceEventPayload",
    "ConferenceFloorChangedEvent",
    "ConferenceFloorChangedEventData",
    "ConferenceFloorChangedPayload",
    "ConferenceParticipantJoinedEvent",
    "ConferenceParticipantJoinedEventData",
    "ConferenceParticipantLeftEvent",
    "ConferenceParticipantLeftEventData",
    "ConferenceRecordingSavedEvent",
    "ConferenceRecordingSavedEventData",
    "ConferenceRecordingSavedPayload",
    "ConferenceRecordingUrls",
    "ConferenceResponse",
    "CreateConferenceRequest",
    "EndedBy",
    "JoinConferenceRequest",
    "Source",
    "WebhookMeta",
]

"""Data types of the SWML document."""

from __future__ import annotations

from dataclasses import field

from ._document import Document
from ._runtime.models import UNSET, Model, OpenStrEnum, Unset, model


class Beep(OpenStrEnum):
    """Values of beep."""

    TRUE = "true"
    FALSE = "false"
    ON_ENTER = "onEnter"
    ON_EXIT = "onExit"


class CallbackMethod(OpenStrEnum):
    """The HTTP method of a callback request."""

    GET = "GET"
    POST = "POST"


class Record(OpenStrEnum):
    """Values of record."""

    DO_NOT_RECORD = "do-not-record"
    RECORD_FROM_START = "record-from-start"


class RecordingStatusCallbackEvent(OpenStrEnum):
    """Values of recording_status_callback_event."""

    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    ABSENT = "absent"


class StatusCallbackEvent(OpenStrEnum):
    """Values of status_callback_event."""

    START = "start"
    END = "end"
    JOIN = "join"
    LEAVE = "leave"
    MUTE = "mute"
    HOLD = "hold"
    MODIFY = "modify"
    SPEAKER = "speaker"
    ANNOUNCEMENT = "announcement"


class Trim(OpenStrEnum):
    """Values of trim."""

    TRIM_SILENCE = "trim-silence"
    DO_NOT_TRIM = "do-not-trim"


@model(slots=True, kw_only=True)
class CondElse(Model):
    """The last entry of a cond array: methods to run when no condition held."""

    else_: Section = field(metadata={"wire": "else"})
    """Methods to run when no condition held."""


@model(slots=True, kw_only=True)
class CondWhen(Model):
    """Runs `then` when the expression `when` holds, such as `return_value == "completed"`."""

    when: str
    """The condition, a JavaScript expression over the call's variables."""

    then: Section
    """Methods to run when the condition holds."""

    else_: Section | Unset = field(default=UNSET, metadata={"wire": "else"})
    """Methods to run when it does not."""


@model(slots=True, kw_only=True)
class JoinConference(Model):
    """Join an ad-hoc audio conference with RELAY and CXML calls. This method allows you to connect the current call to a named conference where multiple participants can communicate simultaneously."""

    _wrapper = "join_conference"

    name: str
    """Name of conference."""

    muted: bool | Unset = field(default=UNSET, metadata={"default": False})
    """Whether to join the conference in a muted state. If set to true, the participant will be muted upon joining.

    Default: ``false`` (applied by the reader when the field is left out).
    """

    beep: Beep | Unset = field(default=UNSET, metadata={"default": "true"})
    """Sets the behavior of the beep sound when joining or leaving the conference.

    Default: ``"true"`` (applied by the reader when the field is left out).
    """

    start_on_enter: bool | Unset = field(default=UNSET, metadata={"default": True})
    """Starts the conference when the main participant joins. This means the start action will not wait on more participants to join before starting.

    Default: ``true`` (applied by the reader when the field is left out).
    """

    end_on_exit: bool | Unset = field(default=UNSET, metadata={"default": False})
    """Ends the conference when the main participant leaves. This means the end action will not wait on more participants to leave before ending.

    Default: ``false`` (applied by the reader when the field is left out).
    """

    wait_url: str | Unset = UNSET
    """A URL that will play media when the conference is put on hold. Default hold music will be played if not set."""

    max_participants: int | Unset = field(default=UNSET, metadata={"default": 250})
    """The maximum number of participants allowed in the conference. If the limit is reached, new participants will not be able to join.

    Default: ``250`` (applied by the reader when the field is left out).
    """

    record: Record | Unset = field(default=UNSET, metadata={"default": "do-not-record"})
    """Enables or disables recording of the conference.

    Default: ``"do-not-record"`` (applied by the reader when the field is left out).
    """

    region: str | Unset = UNSET
    """Specifies the geographical region where the conference will be hosted."""

    trim: Trim | Unset = field(default=UNSET, metadata={"default": "trim-silence"})
    """If set to trim-silence, it will remove silence from the start of the recording. If set to do-not-trim, it will keep the silence.

    Default: ``"trim-silence"`` (applied by the reader when the field is left out).
    """

    coach: str | Unset = UNSET
    """Coach accepts a call SID of a call that is currently connected to an in-progress conference. Specifying a call SID that does not exist or is no longer connected will result in a failure."""

    status_callback_event: StatusCallbackEvent | Unset = UNSET
    """The events to listen for and send to the status callback URL."""

    status_callback: str | Unset = UNSET
    """The URL to which status events will be sent. This URL must be publicly accessible and able to handle HTTP requests."""

    status_callback_method: CallbackMethod | Unset = field(
        default=UNSET, metadata={"default": "POST"}
    )
    """The HTTP method to use when sending status events to the status callback URL.

    Default: ``"POST"`` (applied by the reader when the field is left out).
    """

    recording_status_callback: str | Unset = UNSET
    """The URL to which recording status events will be sent. This URL must be publicly accessible and able to handle HTTP requests."""

    recording_status_callback_method: CallbackMethod | Unset = field(
        default=UNSET, metadata={"default": "POST"}
    )
    """The HTTP method to use when sending recording status events to the recording status callback URL.

    Default: ``"POST"`` (applied by the reader when the field is left out).
    """

    recording_status_callback_event: RecordingStatusCallbackEvent | Unset = UNSET
    """The events to listen for and send to the recording status callback URL."""

    result: Result | Unset = UNSET
    """Allows the user to specify a custom action to be executed when the conference result is returned (typically when it has ended). The actions can a switch object or a cond array. The switch object allows for conditional execution based on the result of the conference, while the cond array allows for multiple conditions to be checked in sequence. If neither is provided, the default action will be to end the conference."""


@model(slots=True, kw_only=True)
class SWMLDocument(Document):
    """A SignalWire Markup Language (SWML) call flow: sections of methods run in order, starting with the section `main`. This schema covers the `join_conference` method."""

    version: str = field(default="1.0.0", metadata={"required": True})
    """The version of SWML the document is written in."""

    sections: dict[str, Section]
    """Named lists of methods; the call starts with `main`."""


@model(slots=True, kw_only=True)
class Switch(Model):
    """Runs the methods of the case that matches the value of a variable, such as `join_conference_result` (completed, answered, no-answer, failed or canceled) or `return_value`."""

    variable: str | Unset = field(default=UNSET, metadata={"default": "return_value"})
    """The variable whose value selects the case.

    Default: ``"return_value"`` (applied by the reader when the field is left out).
    """

    case: dict[str, Section]
    """Methods to run for each value of the variable."""

    default: Section | Unset = UNSET
    """Methods to run when no case matches."""


CondStep = CondWhen | CondElse
"""One entry of a cond array: a condition with its methods, or the methods to run when no condition holds."""


Result = Switch | list[CondStep]
"""Allows the user to specify a custom action to be executed when the conference result is returned (typically when it has ended). The actions can a switch object or a cond array. The switch object allows for conditional execution based on the result of the conference, while the cond array allows for multiple conditions to be checked in sequence. If neither is provided, the default action will be to end the conference."""


Section = list[JoinConference]
"""The methods of a section, run in order."""

__all__ = [
    "Beep",
    "CallbackMethod",
    "Record",
    "RecordingStatusCallbackEvent",
    "StatusCallbackEvent",
    "Trim",
    "CondElse",
    "CondWhen",
    "JoinConference",
    "SWMLDocument",
    "Switch",
    "CondStep",
    "Result",
    "Section",
]

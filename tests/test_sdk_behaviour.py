"""The generated conferences client, driven against httpx.MockTransport."""

from __future__ import annotations

import dataclasses
import datetime
import inspect
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml

SPEC = Path(__file__).resolve().parent.parent / "specs" / "conferences.yml"
BASE = "https://api.telnyx.com/v2"
CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"

Handler = Callable[[httpx.Request], httpx.Response]


def _spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return loaded


def _422_examples() -> list[tuple[str, dict[str, Any]]]:
    response = _spec()["components"]["responses"]["UnprocessableEntityResponse"]
    examples = response["content"]["application/json"]["examples"]
    return sorted((name, example["value"]) for name, example in examples.items())


def _documented_codes() -> set[str]:
    """Every error code in the examples of the spec's error responses."""
    codes: set[str] = set()
    for response in _spec()["components"]["responses"].values():
        content = response.get("content", {}).get("application/json", {})
        samples = [content["example"]] if "example" in content else []
        samples += [e["value"] for e in content.get("examples", {}).values()]
        for sample in samples:
            codes.update(str(entry["code"]) for entry in sample.get("errors", []) if "code" in entry)
    return codes


EXAMPLES_422 = _422_examples()


def conference_json(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "record_type": "conference",
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "name": "All hands meeting",
        "created_at": "2019-01-23T18:10:02.574Z",
        "expires_at": "2019-01-23T22:10:02.574Z",
        "region": "sv1",
        "status": "completed",
        "end_reason": "all_left",
        "connection_id": "3fa85f64-9191-4567-b3fc-2c963f66afa6",
    }
    data.update(changes)
    return {"data": data}


class Recorder:
    """A MockTransport handler that keeps every request it is sent."""

    def __init__(self, respond: Handler | httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.respond = respond

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if callable(self.respond):
            return self.respond(request)
        if isinstance(self.respond, httpx.Response):
            return httpx.Response(self.respond.status_code, headers=self.respond.headers, content=self.respond.content)
        if request.url.path.endswith("/join"):
            return httpx.Response(200, json={"data": {"result": "ok"}})
        return httpx.Response(200, json=conference_json())

    @property
    def last(self) -> httpx.Request:
        assert self.requests, "no request was sent"
        return self.requests[-1]

    def body(self) -> Any:
        return json.loads(self.last.content)


def client_for(sdk: ModuleType, recorder: Recorder, **options: Any) -> Any:
    options.setdefault("api_key", "test-key")
    return sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(recorder)), **options)


def failing(sdk: ModuleType, status: int, body: Any = None, headers: dict[str, str] | None = None) -> Any:
    """The client and the exception a join_conference call raises for this answer."""
    if body is None:
        response = httpx.Response(status, headers=headers)
    else:
        response = httpx.Response(status, json=body, headers=headers)
    client = client_for(sdk, Recorder(response))
    with pytest.raises(sdk.errors.APIStatusError) as caught:
        client.conference_commands.join_conference("conf-1", call_control_id=CALL)
    return caught.value


# -- requests --------------------------------------------------------------------


def test_create_conference_sends_method_url_auth_and_json(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client = client_for(conferences_sdk, recorder)
    client.conference_commands.create_conference(
        call_control_id=CALL,
        name="Business",
        client_state="aGF2ZSBhIG5pY2UgZGF5ID1d",
        duration_minutes=5,
        max_participants=100,
        comfort_noise=False,
    )
    request = recorder.last
    assert len(recorder.requests) == 1
    assert request.method == "POST"
    assert str(request.url) == f"{BASE}/conferences"
    assert request.headers["Authorization"] == "Bearer test-key"
    assert request.headers["Content-Type"] == "application/json"
    body = recorder.body()
    # No command_id given: the client fills a fresh one, so the call can be retried.
    assert uuid.UUID(body.pop("command_id")).version == 4
    assert body == {
        "call_control_id": CALL,
        "name": "Business",
        "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
        "duration_minutes": 5,
        "max_participants": 100,
        "comfort_noise": False,
    }


def test_create_conference_sends_no_default_the_caller_did_not_set(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.create_conference(call_control_id=CALL, name="Business")
    body = recorder.body()
    properties = _spec()["components"]["schemas"]["CreateConferenceRequest"]["properties"]
    defaults = {name: schema["default"] for name, schema in properties.items() if "default" in schema}
    assert defaults == {
        "beep_enabled": "never",
        "comfort_noise": True,
        "max_participants": 250,
        "start_conference_on_create": True,
    }
    assert body.pop("command_id")  # the idempotency key the client fills: the one exception
    assert body == {"call_control_id": CALL, "name": "Business"}


def test_a_default_given_explicitly_is_sent(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.create_conference(
        call_control_id=CALL, name="Business", max_participants=250, beep_enabled="never"
    )
    body = recorder.body()
    assert body["max_participants"] == 250 and body["beep_enabled"] == "never"


def test_spec_defaults_are_documented_in_the_signature(conferences_sdk: ModuleType) -> None:
    import inspect

    method = conferences_sdk.client.ConferenceCommandsResource.create_conference
    parameters = inspect.signature(method).parameters
    assert parameters["max_participants"].default is conferences_sdk.UNSET
    assert "the server's default: ``250``" in (method.__doc__ or "")
    assert 'the server\'s default: ``"never"``' in (method.__doc__ or "")


def test_request_models_write_only_what_was_set(conferences_sdk: ModuleType) -> None:
    models = conferences_sdk.models
    request = models.CreateConferenceRequest(call_control_id=CALL, name="x")
    assert request.max_participants == 250  # reads as the spec's default
    assert request.to_dict() == {"call_control_id": CALL, "name": "x"}
    assert request.model_fields_set == {"call_control_id", "name"}
    request.comfort_noise = False
    assert request.to_dict() == {"call_control_id": CALL, "name": "x", "comfort_noise": False}
    explicit = models.CreateConferenceRequest(call_control_id=CALL, name="x", max_participants=250)
    assert explicit.to_dict()["max_participants"] == 250


def _plain_dataclass(kind: type) -> type:
    """A plain keyword-only dataclass with `kind`'s name and fields: what `model` must build like."""
    fields = [(f.name, f.type, dataclasses.field(default=f.default, default_factory=f.default_factory)) for f in dataclasses.fields(kind)]
    return dataclasses.make_dataclass(kind.__name__, fields, kw_only=True)


def _error_of(make: Callable[[], object]) -> str:
    with pytest.raises(TypeError) as raised:
        make()
    return str(raised.value)


def test_a_model_is_constructed_as_the_dataclass_it_is(conferences_sdk: ModuleType) -> None:
    """Models get their constructor, repr and equality from `Model` rather than compiled per
    class; to the caller they behave as dataclasses' own."""
    runtime = conferences_sdk._runtime.models

    @runtime.model(slots=True, kw_only=True)
    class Tagged(runtime.Model):
        name: str
        tags: list[str] = dataclasses.field(default_factory=lambda: ["new"])
        size: int = 3
        self: str | None = None  # a field's name that the constructor's first parameter must not take

        def __post_init__(self) -> None:
            self.name = self.name.strip()

    for kind in (conferences_sdk.models.CreateConferenceRequest, Tagged):
        assert dataclasses.is_dataclass(kind) and not {"__init__", "__repr__", "__eq__"} & set(vars(kind))
        plain = _plain_dataclass(kind)
        assert str(inspect.signature(kind)) == str(inspect.signature(plain))
        for bad in ({}, {"bogus": 1}, {"name": "x", "bogus": 1, "other": 2}):
            assert _error_of(lambda: kind(**bad)).replace(kind.__qualname__, kind.__name__) == _error_of(lambda: plain(**bad))
        with pytest.raises(TypeError):
            kind("positional")
    assert Tagged(name="x", self="me").self == "me"
    made = Tagged(name=" rex ")
    assert (made.name, made.tags, made.size) == ("rex", ["new"], 3)  # __post_init__ ran
    assert made.tags is not Tagged(name="x").tags  # a fresh default each time
    assert repr(made).replace(Tagged.__qualname__, "Tagged") == repr(_plain_dataclass(Tagged)(name="rex"))
    assert made == Tagged(name="rex") and made != Tagged(name="rex", size=4)
    assert made.to_dict() == {"name": "rex"} and made.model_fields_set == {"name"}
    assert dataclasses.replace(made, size=5).to_dict() == {"name": "rex", "tags": ["new"], "size": 5, "self": None}
    with pytest.raises(TypeError, match="unhashable"):
        hash(made)


def test_optional_arguments_not_passed_are_absent(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.join_conference(
        "conf-1", call_control_id=CALL, command_id="given"
    )
    body = recorder.body()
    assert body == {"call_control_id": CALL, "command_id": "given"}  # a given key is kept
    assert b"null" not in recorder.last.content


def test_join_sends_every_argument_given(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.join_conference(
        "conf-1",
        call_control_id=CALL,
        hold=True,
        mute=False,
        whisper_call_control_ids=["v2:a", "v2:b"],
        command_id="891510ac",
    )
    assert recorder.last.method == "POST"
    assert str(recorder.last.url) == f"{BASE}/conferences/conf-1/actions/join"
    assert recorder.body() == {
        "call_control_id": CALL,
        "hold": True,
        "mute": False,
        "whisper_call_control_ids": ["v2:a", "v2:b"],
        "command_id": "891510ac",
    }


@pytest.mark.parametrize(
    ("conference_id", "escaped"),
    [("a/b", "a%2Fb"), ("a b", "a%20b"), ("x?y#z", "x%3Fy%23z"), ("100%", "100%25")],
)
def test_path_parameter_is_percent_escaped(conferences_sdk: ModuleType, conference_id: str, escaped: str) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.join_conference(conference_id, call_control_id=CALL)
    assert recorder.last.url.raw_path.decode("ascii") == f"/v2/conferences/{escaped}/actions/join"
    assert recorder.last.url.query == b""


# -- enums ------------------------------------------------------------------------------


def test_enums_are_accepted_as_members(conferences_sdk: ModuleType) -> None:
    models = conferences_sdk.models
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.join_conference(
        "conf-1",
        call_control_id=CALL,
        supervisor_role=models.SupervisorRole.WHISPER,
        beep_enabled=models.BeepEnabled.ON_EXIT,
        region=models.ConferenceRegion.MIDDLE_EAST,
    )
    body = recorder.body()
    assert body["supervisor_role"] == "whisper"
    assert body["beep_enabled"] == "on_exit"
    assert body["region"] == "Middle East"


def test_enums_are_accepted_as_plain_strings(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.join_conference(
        "conf-1", call_control_id=CALL, supervisor_role="monitor", region="Middle East", beep_enabled="always"
    )
    body = recorder.body()
    assert (body["supervisor_role"], body["region"], body["beep_enabled"]) == ("monitor", "Middle East", "always")


def test_region_members_carry_the_spec_values(conferences_sdk: ModuleType) -> None:
    region = conferences_sdk.models.ConferenceRegion
    spec_values = _spec()["components"]["schemas"]["ConferenceRegion"]["enum"]
    assert [member.value for member in region] == spec_values
    assert region.MIDDLE_EAST.value == "Middle East"


# -- responses ------------------------------------------------------------------------------


def test_create_conference_returns_a_typed_result(conferences_sdk: ModuleType) -> None:
    models = conferences_sdk.models
    result = client_for(conferences_sdk, Recorder()).conference_commands.create_conference(call_control_id=CALL, name="x")
    assert isinstance(result, models.ConferenceResponse)
    assert dataclasses.is_dataclass(models.ConferenceResponse)
    conference = result.data
    assert isinstance(conference, models.Conference)
    assert conference.id == "3fa85f64-5717-4562-b3fc-2c963f66afa6"
    assert conference.record_type is models.ConferenceRecordType.CONFERENCE
    assert conference.status is models.Status.COMPLETED
    assert conference.end_reason is models.EndReason.ALL_LEFT


def test_created_at_is_an_aware_datetime(conferences_sdk: ModuleType) -> None:
    result = client_for(conferences_sdk, Recorder()).conference_commands.create_conference(call_control_id=CALL, name="x")
    created = result.data.created_at
    assert isinstance(created, datetime.datetime)
    assert created.tzinfo is not None
    assert created.utcoffset() == datetime.timedelta(0)
    assert created == datetime.datetime(2019, 1, 23, 18, 10, 2, 574000, tzinfo=datetime.timezone.utc)
    assert result.data.expires_at - created == datetime.timedelta(hours=4)


def test_join_returns_a_typed_result(conferences_sdk: ModuleType) -> None:
    result = client_for(conferences_sdk, Recorder()).conference_commands.join_conference("c", call_control_id=CALL)
    assert isinstance(result, conferences_sdk.models.ConferenceCommandResponse)
    assert isinstance(result.data, conferences_sdk.models.ConferenceCommandResult)
    assert result.data.result == "ok"


def test_unknown_response_fields_are_kept(conferences_sdk: ModuleType) -> None:
    payload = conference_json(surprise={"nested": True}, another=[1, 2])
    payload["meta"] = {"page": 1}
    client = client_for(conferences_sdk, Recorder(httpx.Response(200, json=payload)))
    result = client.conference_commands.create_conference(call_control_id=CALL, name="x")
    assert result.data.name == "All hands meeting"
    assert result.data.surprise == {"nested": True}
    assert result.data.model_extra == {"surprise": {"nested": True}, "another": [1, 2]}
    assert result.data.to_dict()["another"] == [1, 2]
    assert result.to_dict()["meta"] == {"page": 1}


def test_a_decoded_response_round_trips_to_what_the_server_sent(conferences_sdk: ModuleType) -> None:
    payload = conference_json(surprise=1)
    del payload["data"]["region"]
    parsed = conferences_sdk.models.ConferenceResponse.from_dict(payload)
    dumped = parsed.to_dict()
    created = dumped["data"].pop("created_at"), payload["data"].pop("created_at")
    expires = dumped["data"].pop("expires_at"), payload["data"].pop("expires_at")
    assert dumped == payload  # only what was sent: no default, no UNSET field
    for ours, theirs in (created, expires):
        assert datetime.datetime.fromisoformat(ours) == datetime.datetime.fromisoformat(theirs.replace("Z", "+00:00"))


def test_a_response_lacking_a_required_field_still_returns(conferences_sdk: ModuleType) -> None:
    payload = conference_json()
    del payload["data"]["name"]
    client = client_for(conferences_sdk, Recorder(httpx.Response(200, json=payload)))
    result = client.conference_commands.create_conference(call_control_id=CALL, name="x")
    assert result.data.id == payload["data"]["id"]
    with pytest.raises(AttributeError, match="lacked this required field"):
        result.data.name
    assert "name" not in result.data.to_dict()
    assert "name=" not in repr(result.data)


def test_a_value_of_the_wrong_type_is_kept_as_it_came(conferences_sdk: ModuleType) -> None:
    payload = conference_json(ended_by="not an object")
    client = client_for(conferences_sdk, Recorder(httpx.Response(200, json=payload)))
    result = client.conference_commands.create_conference(call_control_id=CALL, name="x")
    assert result.data.ended_by == "not an object"
    assert result.data.to_dict()["ended_by"] == "not an object"


def test_strict_response_validation_raises(conferences_sdk: ModuleType) -> None:
    payload = conference_json()
    del payload["data"]["name"]
    client = client_for(conferences_sdk, Recorder(httpx.Response(200, json=payload)), strict_response_validation=True)
    with pytest.raises(conferences_sdk.APIResponseValidationError, match="name"):
        client.conference_commands.create_conference(call_control_id=CALL, name="x")
    empty = client_for(conferences_sdk, Recorder(httpx.Response(200)), strict_response_validation=True)
    with pytest.raises(conferences_sdk.APIResponseValidationError, match="empty"):
        empty.conference_commands.create_conference(call_control_id=CALL, name="x")


def test_an_empty_body_returns_an_empty_model_not_none(conferences_sdk: ModuleType) -> None:
    client = client_for(conferences_sdk, Recorder(httpx.Response(200)))
    result = client.conference_commands.join_conference("c", call_control_id=CALL)
    assert isinstance(result, conferences_sdk.models.ConferenceCommandResponse)
    assert result.data is conferences_sdk.UNSET
    assert result.to_dict() == {}


def test_an_unlisted_enum_value_is_kept(conferences_sdk: ModuleType) -> None:
    status_type = conferences_sdk.models.Status
    client = client_for(conferences_sdk, Recorder(httpx.Response(200, json=conference_json(status="mystery"))))
    result = client.conference_commands.create_conference(call_control_id=CALL, name="x")
    status = result.data.status
    assert isinstance(status, status_type)
    assert status.value == "mystery"
    assert status == "mystery"
    assert status not in list(status_type)
    assert result.data.to_dict()["status"] == "mystery"


def test_an_unlisted_enum_value_is_refused_in_a_request(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    unknown = conferences_sdk.models.SupervisorRole("boss")
    with pytest.raises(ValueError, match="supervisor_role"):
        client_for(conferences_sdk, recorder).conference_commands.join_conference("c", call_control_id=CALL, supervisor_role=unknown)
    assert recorder.requests == []


def test_to_dict_and_from_dict_round_trip(conferences_sdk: ModuleType) -> None:
    models = conferences_sdk.models
    sample = conference_json(ended_by={"call_control_id": "v2:x", "call_session_id": "428c31b6"}, updated_at="2019-01-23T18:11:00Z")
    parsed = models.ConferenceResponse.from_dict(sample)
    again = models.ConferenceResponse.from_dict(parsed.to_dict())
    assert again == parsed
    assert isinstance(again.data.ended_by, models.EndedBy)
    assert again.data.ended_by.call_session_id == "428c31b6"
    dumped = parsed.to_dict()
    assert json.loads(json.dumps(dumped)) == dumped
    assert set(dumped["data"]) == set(sample["data"])
    for key in ("id", "name", "region", "status", "end_reason", "ended_by", "record_type"):
        assert dumped["data"][key] == sample["data"][key]
    assert datetime.datetime.fromisoformat(dumped["data"]["created_at"]) == parsed.data.created_at


def test_to_dict_of_the_spec_example_gives_the_example_back(conferences_sdk: ModuleType) -> None:
    models = conferences_sdk.models
    example = _spec()["components"]["schemas"]["JoinConferenceRequest"]["example"]
    request = models.JoinConferenceRequest.from_dict(example)
    assert request.supervisor_role is models.SupervisorRole.WHISPER
    assert request.to_dict() == example


def test_null_is_none_and_absent_is_unset(conferences_sdk: ModuleType) -> None:
    unset = conferences_sdk.UNSET
    sample = conference_json(ended_by=None)
    del sample["data"]["region"]
    result = client_for(conferences_sdk, Recorder(httpx.Response(200, json=sample))).conference_commands.create_conference(
        call_control_id=CALL, name="x"
    )
    conference = result.data
    assert conference.ended_by is None
    assert conference.region is unset
    assert conference.updated_at is unset
    assert not conference.region
    dumped = conference.to_dict()
    assert "ended_by" in dumped and dumped["ended_by"] is None
    assert "region" not in dumped and "updated_at" not in dumped


# -- errors ---------------------------------------------------------------------------------


def test_a_422_with_a_documented_code_is_all_three_classes(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    body = {
        "errors": [
            {
                "code": "90032",
                "title": "Maximum number of participants reached",
                "detail": "The maximum allowed value of `max_participants` has been reached at 100.",
                "source": {"pointer": "/max_participants"},
            }
        ]
    }
    error = failing(conferences_sdk, 422, body, headers={"x-request-id": "req-123"})
    assert isinstance(error, errors.JoinConferenceError)
    assert isinstance(error, errors.UnprocessableEntityError)
    assert isinstance(error, errors.MaxParticipantsReachedError)
    assert isinstance(error, errors.APIStatusError)
    assert isinstance(error, errors.ClientError)
    assert not isinstance(error, errors.CreateConferenceError)
    assert error.status == 422
    assert error.headers["x-request-id"] == "req-123"
    assert error.body == body
    assert error.error_code == "90032"
    first = error.errors[0]
    assert first.code == "90032"
    assert first.title == "Maximum number of participants reached"
    assert first.detail == "The maximum allowed value of `max_participants` has been reached at 100."
    assert first.pointer == "/max_participants"
    assert "422" in str(error)


def test_a_401_with_code_10009(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    body = {"errors": [{"code": "10009", "title": "Authentication failed", "detail": "Bad headers."}]}
    client = client_for(conferences_sdk, Recorder(httpx.Response(401, json=body)))
    with pytest.raises(errors.AuthenticationFailedError) as caught:
        client.conference_commands.create_conference(call_control_id=CALL, name="x")
    error = caught.value
    assert isinstance(error, errors.AuthenticationError)
    assert isinstance(error, errors.CreateConferenceError)
    assert not isinstance(error, errors.JoinConferenceError)
    assert error.status == 401
    assert error.errors[0].code == "10009"


def test_a_404_without_a_body(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    error = failing(conferences_sdk, 404)
    assert isinstance(error, errors.NotFoundError)
    assert isinstance(error, errors.JoinConferenceError)
    assert isinstance(error, errors.ClientError)
    assert error.status == 404
    assert error.errors == ()
    assert error.error_code is None


def test_a_503_is_a_server_error(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    error = failing(conferences_sdk, 503, {"errors": [{"title": "Down for maintenance"}]})
    assert isinstance(error, errors.ServiceUnavailableError)
    assert isinstance(error, errors.ServerError)
    assert isinstance(error, errors.JoinConferenceError)
    assert not isinstance(error, errors.ClientError)
    assert error.status == 503


def test_an_undocumented_status_is_a_client_error(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    error = failing(conferences_sdk, 418, {"errors": [{"code": "1", "title": "teapot"}]})
    assert isinstance(error, errors.ClientError)
    assert isinstance(error, errors.JoinConferenceError)
    assert not isinstance(error, tuple(errors.STATUS_ERRORS.values()))
    assert error.status == 418


def test_a_422_with_an_undocumented_code(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors
    assert "99999" not in errors.ERROR_CODES
    error = failing(conferences_sdk, 422, {"errors": [{"code": "99999", "title": "Something new"}]})
    assert isinstance(error, errors.UnprocessableEntityError)
    assert isinstance(error, errors.JoinConferenceError)
    assert not isinstance(error, errors.MaxParticipantsReachedError)
    assert not isinstance(error, tuple(errors.ERROR_CODES.values()))
    assert error.error_code == "99999"


@pytest.mark.parametrize(
    "body",
    [
        {"errors": [{"code": 90032, "title": "Maximum number of participants reached"}]},
        {"code": "90032", "message": "Maximum number of participants reached"},
    ],
    ids=["integer-code", "top-level-code"],
)
def test_other_shapes_of_an_error_code_are_recognised(conferences_sdk: ModuleType, body: dict[str, Any]) -> None:
    errors = conferences_sdk.errors
    error = failing(conferences_sdk, 422, body)
    assert isinstance(error, errors.MaxParticipantsReachedError)
    assert error.error_code == "90032"


def test_error_codes_are_those_the_spec_documents(conferences_sdk: ModuleType) -> None:
    error_codes = conferences_sdk.errors.ERROR_CODES
    assert set(error_codes) == _documented_codes()
    for code, cls in error_codes.items():
        assert cls.code == code
    assert len(set(error_codes.values())) == len(error_codes)


@pytest.mark.parametrize(("example", "body"), EXAMPLES_422, ids=[name for name, _ in EXAMPLES_422])
def test_each_documented_422_example_raises_its_code_class(conferences_sdk: ModuleType, example: str, body: dict[str, Any]) -> None:
    errors = conferences_sdk.errors
    code = str(body["errors"][0]["code"])
    cls = errors.ERROR_CODES[code]
    assert cls.code == code
    assert cls.__name__ == "".join(word.capitalize() for word in example.split("_")) + "Error"
    error = failing(conferences_sdk, 422, body)
    assert isinstance(error, cls)
    assert isinstance(error, errors.UnprocessableEntityError)
    assert isinstance(error, errors.JoinConferenceError)
    others = tuple(c for k, c in errors.ERROR_CODES.items() if k != code)
    assert not isinstance(error, others)
    assert error.errors[0].title == body["errors"][0]["title"]


# -- argument checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("operation", "arguments", "named"),
    [
        ("create_conference", {"max_participants": 1}, "max_participants"),
        ("create_conference", {"max_participants": 801}, "max_participants"),
        ("create_conference", {"max_participants": "ten"}, "max_participants"),
        ("create_conference", {"beep_enabled": "sometimes"}, "beep_enabled"),
        ("create_conference", {"comfort_noise": "yes"}, "comfort_noise"),
        ("join_conference", {"supervisor_role": "boss"}, "supervisor_role"),
        ("join_conference", {"region": "Antarctica"}, "region"),
        ("join_conference", {"whisper_call_control_ids": "v2:a"}, "whisper_call_control_ids"),
    ],
)
def test_bad_arguments_raise_before_sending(
    conferences_sdk: ModuleType, operation: str, arguments: dict[str, Any], named: str
) -> None:
    recorder = Recorder()
    resource = client_for(conferences_sdk, recorder).conference_commands
    with pytest.raises(ValueError) as caught:
        if operation == "create_conference":
            resource.create_conference(call_control_id=CALL, name="x", **arguments)
        else:
            resource.join_conference("conf-1", call_control_id=CALL, **arguments)
    assert named in str(caught.value)
    assert recorder.requests == []


@pytest.mark.parametrize("value", [2, 800, 250])
def test_bounds_of_max_participants_are_inclusive(conferences_sdk: ModuleType, value: int) -> None:
    recorder = Recorder()
    client_for(conferences_sdk, recorder).conference_commands.create_conference(call_control_id=CALL, name="x", max_participants=value)
    assert recorder.body()["max_participants"] == value


# -- credentials and address -------------------------------------------------------------------


def test_api_key_from_the_environment(conferences_sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELNYX_API_KEY", "env-key")
    recorder = Recorder()
    client = conferences_sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(recorder)))
    client.conference_commands.join_conference("c", call_control_id=CALL)
    assert recorder.last.headers["Authorization"] == "Bearer env-key"


def test_an_explicit_api_key_wins_over_the_environment(conferences_sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELNYX_API_KEY", "env-key")
    recorder = Recorder()
    client_for(conferences_sdk, recorder, api_key="given-key").conference_commands.join_conference("c", call_control_id=CALL)
    assert recorder.last.headers["Authorization"] == "Bearer given-key"


def test_no_credentials_is_an_error_naming_the_variable(conferences_sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELNYX_API_KEY", raising=False)
    recorder = Recorder()
    with pytest.raises(conferences_sdk.errors.APIError) as caught:
        conferences_sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(recorder)))
    assert "TELNYX_API_KEY" in str(caught.value)
    assert recorder.requests == []


def test_base_url_overrides_the_address(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client = client_for(conferences_sdk, recorder, base_url="http://localhost:8080/mock/v2/")
    client.conference_commands.join_conference("a/b", call_control_id=CALL)
    assert str(recorder.last.url) == "http://localhost:8080/mock/v2/conferences/a%2Fb/actions/join"
    assert recorder.last.headers["Authorization"] == "Bearer test-key"


def test_the_host_header_names_the_base_url(conferences_sdk: ModuleType) -> None:
    recorder = Recorder()
    client = client_for(conferences_sdk, recorder, base_url="http://127.0.0.1:8080/mock/v2")
    client.conference_commands.join_conference("c", call_control_id=CALL)
    assert recorder.last.headers.get("Host") == "127.0.0.1:8080"  # HTTP/1.1 servers refuse a request without it
    client = client_for(conferences_sdk, recorder)
    client.conference_commands.join_conference("c", call_control_id=CALL)
    assert recorder.last.headers.get("Host") == "api.telnyx.com"


# -- transport failures ------------------------------------------------------------------------


def test_a_connection_failure_is_an_api_connection_error(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = client_for(conferences_sdk, Recorder(refuse))
    with pytest.raises(errors.APIConnectionError) as caught:
        client.conference_commands.join_conference("c", call_control_id=CALL)
    assert not isinstance(caught.value, errors.APITimeoutError)
    assert not isinstance(caught.value, errors.APIStatusError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_a_timeout_is_an_api_timeout_error(conferences_sdk: ModuleType) -> None:
    errors = conferences_sdk.errors

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client = client_for(conferences_sdk, Recorder(slow))
    with pytest.raises(errors.APITimeoutError) as caught:
        client.conference_commands.create_conference(call_control_id=CALL, name="x")
    assert isinstance(caught.value, errors.APIConnectionError)
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)

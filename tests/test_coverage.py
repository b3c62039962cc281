"""OpenAPI 3.0, 3.1 and 3.2 features, one fixture each: the generated SDK's behaviour on the wire.

Each fixture in tests/fixtures/coverage/ is generated into a temporary folder,
imported, and called through httpx.MockTransport; the tests look at the requests
it sends and the values it parses.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import datetime
import json
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import pytest

from conftest import import_package, run_cli
from generator.config import Job
from generator.pipeline import generate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "coverage"

Handler = Callable[[httpx.Request], httpx.Response]

_BUILT: dict[str, ModuleType] = {}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("coverage")


def sdk(name: str, workspace: Path) -> ModuleType:
    """The package generated from tests/fixtures/coverage/<name>.yaml, named <name>."""
    if name not in _BUILT:
        root = workspace / name
        generate(Job(str(FIXTURES / f"{name}.yaml"), root, name))
        import_package(root, name)
        _BUILT[name] = import_package(root, name)
    return _BUILT[name]


class Recorder:
    """A MockTransport handler answering with `respond`, keeping every request."""

    def __init__(self, respond: Handler) -> None:
        self.requests: list[httpx.Request] = []
        self.respond = respond

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)

    @property
    def last(self) -> httpx.Request:
        assert self.requests, "no request was sent"
        return self.requests[-1]

    def body(self) -> Any:
        return json.loads(self.last.content)


def client(package: ModuleType, respond: Handler, **options: Any) -> tuple[Any, Recorder]:
    recorder = Recorder(respond)
    return package.Client(http_client=httpx.Client(transport=httpx.MockTransport(recorder)), **options), recorder


def answer(status: int = 200, body: Any = None, **options: Any) -> Handler:
    if body is not None:
        options["json"] = body
    return lambda request: httpx.Response(status, **options)


def echo(status: int = 200, **changes: Any) -> Handler:
    """Answer with the request's JSON body, updated with `changes`."""

    def respond(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json={**json.loads(request.content), **changes})

    return respond


def field_types(model: type) -> dict[str, Any]:
    return typing.get_type_hints(model)


# -- nullable (3.0) and type arrays with null (3.1) ------------------------------


@pytest.mark.parametrize("name", ["nullable_30", "type_null_31"])
def test_null_is_sent_and_parsed_as_none(name: str, workspace: Path) -> None:
    package = sdk(name, workspace)
    api, recorder = client(package, echo())
    note = api.default.create_note(text=None, author=None)
    assert recorder.body() == {"text": None, "author": None}
    assert note.text is None and note.author is None
    assert type(None) in typing.get_args(field_types(package.models.Note)["text"])


@pytest.mark.parametrize("name", ["nullable_30", "type_null_31"])
def test_a_nullable_reference_parses_its_model(name: str, workspace: Path) -> None:
    package = sdk(name, workspace)
    api, _ = client(package, echo())
    note = api.default.create_note(text="hi", author=package.models.Author(name="Ada"))
    assert note.author == package.models.Author(name="Ada")


def test_a_nullable_field_that_is_not_nullable_in_the_spec_refuses_none(workspace: Path) -> None:
    package = sdk("nullable_30", workspace)
    api, recorder = client(package, echo())
    with pytest.raises(ValueError, match="author.name"):
        api.default.create_note(text="hi", author=package.models.Author(name=None))
    assert recorder.requests == []


def test_openapi_30_nullable_integer_absent_is_unset(workspace: Path) -> None:
    package = sdk("nullable_30", workspace)
    api, _ = client(package, answer(body={"text": "a", "author": None, "rank": None}))
    note = api.default.create_note(text="a", author=None)
    assert note.rank is None
    api, _ = client(package, answer(body={"text": "a", "author": None}))
    assert api.default.create_note(text="a", author=None).rank is package.UNSET


def test_openapi_31_type_list_of_two_types_is_a_union(workspace: Path) -> None:
    package = sdk("type_null_31", workspace)
    for score in (3, "three"):
        api, recorder = client(package, echo())
        assert api.default.create_note(text="a", author=None, score=score).score == score
        assert recorder.body()["score"] == score
    api, recorder = client(package, echo())
    with pytest.raises(ValueError, match="score"):
        api.default.create_note(text="a", author=None, score=2.5)
    assert recorder.requests == []


# -- const ---------------------------------------------------------------------------


def test_const_is_a_one_member_enum_sent_and_parsed(workspace: Path) -> None:
    package = sdk("const_31", workspace)
    kind = field_types(package.models.Event)["kind"]
    assert [m.value for m in kind] == ["ping"]
    api, recorder = client(package, echo())
    event = api.default.send_event(kind="ping", name="x")
    assert recorder.body() == {"kind": "ping", "name": "x"}
    assert event.kind is kind("ping")


def test_const_refuses_another_value_in_a_request(workspace: Path) -> None:
    package = sdk("const_31", workspace)
    api, recorder = client(package, echo())
    with pytest.raises(ValueError, match="kind"):
        api.default.send_event(kind="pong", name="x")
    assert recorder.requests == []


# -- $ref with sibling keywords (3.1) -----------------------------------------------


def test_ref_siblings_description_documents_the_field(workspace: Path) -> None:
    package = sdk("ref_siblings_31", workspace)
    source = Path(package.models.__file__).read_text(encoding="utf-8")
    assert "What the order costs, in the order's currency." in source
    assert "The size ordered." in source
    assert field_types(package.models.Order)["price"].__args__[0] is package.models.Money


def test_ref_siblings_default_is_the_default(workspace: Path) -> None:
    package = sdk("ref_siblings_31", workspace)
    api, recorder = client(package, echo())
    order = api.default.create_order()
    assert recorder.body() == {}  # the default is the server's to apply: not sent
    assert "``\"large\"``" in (type(api.default).create_order.__doc__ or "")
    assert order.size is package.models.Size.LARGE  # a field the server left out reads as its default
    assert order.to_dict() == {}
    assert package.models.Order().size is package.models.Size.LARGE
    # A list or map default of an enum holds its members, as the annotation says (mypy checks it).
    assert package.models.Order().sizes == [package.models.Size.SMALL, package.models.Size.LARGE]
    assert all(type(size) is package.models.Size for size in package.models.Order().sizes)
    assert package.models.Order().size_of == {"lid": package.models.Size.SMALL}
    assert package.models.Order().sizes is not package.models.Order().sizes  # a new list each
    assert package.models.Order().prices == [package.models.Money(cents=500)]  # a list of models: built from each item


# -- allOf ---------------------------------------------------------------------------


def test_all_of_is_one_dataclass_with_every_field(workspace: Path) -> None:
    package = sdk("all_of_30", workspace)
    dog_type = package.models.Dog
    assert [f.name for f in dataclasses.fields(dog_type)] == ["id", "created", "name", "good"]
    api, recorder = client(
        package, answer(body={"id": "d1", "created": "2024-05-06T07:08:09+02:00", "name": "Rex", "good": True})
    )
    dog = api.default.get_dog("d1")
    assert recorder.last.url.path == "/dogs/d1"
    assert type(dog) is dog_type
    assert (dog.id, dog.name, dog.good) == ("d1", "Rex", True)
    assert dog.created == datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


def test_all_of_keeps_the_required_fields_of_every_part(workspace: Path) -> None:
    package = sdk("all_of_30", workspace)
    api, _ = client(package, answer(body={"id": "d1"}), strict_response_validation=True)
    with pytest.raises(ValueError, match="name"):
        api.default.get_dog("d1")
    lenient, _ = client(package, answer(body={"id": "d1"}))
    dog = lenient.default.get_dog("d1")  # by default the success still returns
    with pytest.raises(AttributeError, match="name"):
        dog.name


# -- unions ----------------------------------------------------------------------


def test_discriminator_mapping_chooses_the_variant(workspace: Path) -> None:
    package = sdk("discriminator_mapping_31", workspace)
    models = package.models
    # A Dog with `lives` would also fit Cat; the discriminator decides.
    api, _ = client(
        package, answer(body=[{"pet_type": "kitty", "lives": 9}, {"pet_type": "puppy", "lives": 1, "bark": "woof"}])
    )
    cat, dog = api.default.list_pets()
    assert type(cat) is models.Cat and cat.lives == 9
    assert type(dog) is models.Dog and dog.bark == "woof"


def test_discriminator_without_mapping_uses_the_schema_names(workspace: Path) -> None:
    package = sdk("discriminator_implicit_30", workspace)
    models = package.models
    api, _ = client(package, answer(body=[{"kind": "Square", "size": 2}, {"kind": "Circle", "size": 1}]))
    square, circle = api.default.list_shapes()
    assert type(square) is models.Square and square.size == 2
    assert type(circle) is models.Circle


def test_union_without_discriminator_takes_the_first_match_in_order(workspace: Path) -> None:
    package = sdk("union_in_order_31", workspace)
    models = package.models
    cases = [
        ({"id": 1, "name": "full"}, models.Full(id=1, name="full")),
        ({"id": 2}, models.Short(id=2)),
        (7, 7),
        ("seven", "seven"),
    ]
    for body, expected in cases:
        api, _ = client(package, answer(body=body))
        value = api.default.get_value()
        assert type(value) is type(expected) and value == expected


def test_union_request_sends_the_variant_given(workspace: Path) -> None:
    package = sdk("union_in_order_31", workspace)
    for value, wire in [(package.models.Short(id=3), {"id": 3}), (5, 5), ("five", "five")]:
        api, recorder = client(package, answer(204))
        assert api.default.put_value(body=value) is None
        assert recorder.body() == wire


# -- additionalProperties -------------------------------------------------------


def test_additional_properties_are_typed_maps(workspace: Path) -> None:
    package = sdk("additional_properties_30", workspace)
    hints = field_types(package.models.Stock)
    assert typing.get_args(hints["counts"])[0] == dict[str, int]
    assert typing.get_args(hints["items"])[0] == dict[str, package.models.Item]
    body = {
        "counts": {"apples": 3, "pears": 0},
        "items": {"a": {"name": "apple"}},
        "seen": {"a": "2024-01-02T03:04:05Z"},
        "anything": {"x": [1, {"y": None}]},
    }
    api, _ = client(package, answer(body=body))
    stock = api.default.get_stock()
    assert stock.counts == {"apples": 3, "pears": 0}
    assert stock.items == {"a": package.models.Item(name="apple")}
    assert stock.seen["a"] == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert stock.anything == {"x": [1, {"y": None}]}
    assert stock.to_dict() == {**body, "seen": {"a": "2024-01-02T03:04:05+00:00"}}


# -- readOnly and writeOnly -----------------------------------------------------------


def test_read_only_fields_are_not_arguments_and_not_sent(workspace: Path) -> None:
    package = sdk("read_write_only_30", workspace)
    import inspect

    parameters = inspect.signature(package.client.DefaultResource.create_user).parameters
    assert "id" not in parameters
    assert parameters["password"].default is inspect.Parameter.empty  # still required
    api, recorder = client(package, answer(201, {"id": "u1", "name": "Ada"}))
    user = api.default.create_user(name="Ada", password="secret")
    assert recorder.body() == {"name": "Ada", "password": "secret"}
    assert user.id == "u1"


def test_write_only_fields_are_left_out_of_responses(workspace: Path) -> None:
    package = sdk("read_write_only_30", workspace)
    api, _ = client(package, answer(201, {"id": "u1", "name": "Ada", "password": "echoed"}))
    user = api.default.create_user(name="Ada", password="secret")
    assert user.password is package.UNSET
    api, _ = client(package, answer(201, {"id": "u1", "name": "Ada"}))  # required, yet absent: fine
    assert api.default.create_user(name="Ada", password="secret").name == "Ada"


# -- formats --------------------------------------------------------------------------


def test_formats_in_json(workspace: Path) -> None:
    package = sdk("formats_31", workspace)
    wire = {
        "id": "5f0c6d5e-8f1a-4b6e-9a43-2b1f0c1d2e3f",
        "created": "2024-02-29T23:59:59.5Z",
        "day": "2024-02-29",
        "link": "https://example.com/a?b=c",
        "digest": "aGVsbG8=",
    }
    api, recorder = client(package, echo())
    made = api.default.create_file(
        id=wire["id"],
        created=datetime.datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=datetime.timezone.utc),
        day=datetime.date(2024, 2, 29),
        link=wire["link"],
        digest=wire["digest"],
    )
    sent = recorder.body()
    assert datetime.datetime.fromisoformat(sent["created"].replace("Z", "+00:00")) == made.created
    assert {k: v for k, v in sent.items() if k != "created"} == {k: v for k, v in wire.items() if k != "created"}
    assert made.day == datetime.date(2024, 2, 29)
    assert made.created.tzinfo is not None
    assert (made.id, made.link, made.digest) == (wire["id"], wire["link"], wire["digest"])


def test_date_time_argument_of_the_wrong_type_is_refused(workspace: Path) -> None:
    package = sdk("formats_31", workspace)
    api, recorder = client(package, echo())
    with pytest.raises(ValueError, match="created"):
        api.default.create_file(created=12)
    assert recorder.requests == []


def test_binary_body_is_sent_as_raw_bytes(workspace: Path) -> None:
    package = sdk("formats_31", workspace)
    api, recorder = client(package, answer(204))
    payload = bytes(range(256))
    assert api.default.upload_content("5f0c6d5e-8f1a-4b6e-9a43-2b1f0c1d2e3f", body=payload) is None
    assert recorder.last.content == payload
    assert recorder.last.headers["content-type"] == "application/octet-stream"
    assert recorder.last.url.path == "/files/5f0c6d5e-8f1a-4b6e-9a43-2b1f0c1d2e3f/content"


# -- responses --------------------------------------------------------------------------


def test_a_default_response_describes_errors(workspace: Path) -> None:
    package = sdk("responses_30", workspace)
    api, _ = client(package, answer(418, {"code": "teapot", "message": "I am one"}))
    with pytest.raises(package.errors.GetItemError) as caught:
        api.default.get_item("i1")
    assert caught.value.status == 418
    assert caught.value.body == {"code": "teapot", "message": "I am one"}


def test_a_default_only_response_is_the_result(workspace: Path) -> None:
    package = sdk("responses_30", workspace)
    api, _ = client(package, answer(200, {"id": "s"}))
    assert api.default.get_status() == package.models.Item(id="s")


def test_204_returns_none(workspace: Path) -> None:
    package = sdk("responses_30", workspace)
    api, recorder = client(package, answer(204))
    assert api.default.delete_item("i1") is None
    assert recorder.last.method == "DELETE"


def test_text_response_is_a_str(workspace: Path) -> None:
    package = sdk("responses_30", workspace)
    api, _ = client(package, answer(200, text="# Read me\nplease", headers={"content-type": "text/plain; charset=utf-8"}))
    assert api.default.get_readme() == "# Read me\nplease"


def test_binary_response_is_bytes(workspace: Path) -> None:
    package = sdk("responses_30", workspace)
    image = b"\x89PNG\r\n\x1a\n\x00\xff"
    api, _ = client(package, answer(200, content=image, headers={"content-type": "image/png"}))
    assert api.default.get_logo() == image


def test_requests_accept_the_media_type_their_responses_are_read_as(workspace: Path) -> None:
    package = sdk("responses_30", workspace)

    def negotiate(request: httpx.Request) -> httpx.Response:
        if request.headers.get("accept", "").startswith("application/json"):
            return httpx.Response(200, json={"id": "c1"})
        return httpx.Response(200, content=b"<item><id>c1</id></item>", headers={"content-type": "application/xml"})

    api, recorder = client(package, negotiate)
    assert api.default.get_catalog() == package.models.Item(id="c1")  # JSON chosen over XML
    api.default.get_logo()
    api.default.get_readme()
    api.default.delete_item("i1")
    api.default.get_export()
    assert [r.headers.get_list("accept") for r in recorder.requests] == [["application/json"], ["image/png"], ["text/plain"], ["application/json"], ["*/*"]]
    # A media range whose schema is read as JSON asks for JSON first.
    assert api.default.get_feed() == package.models.Item(id="c1")
    assert recorder.last.headers.get_list("accept") == ["application/json, */*;q=0.9"]
    # The caller's Accept wins, per call or for the client.
    # (XML is not what the SDK reads: the success is kept as its text.)
    assert api.default.get_catalog(extra_headers={"Accept": "application/xml"}) == "<item><id>c1</id></item>"
    assert recorder.last.headers.get_list("accept") == ["application/xml"]
    mine, recorder = client(package, negotiate, headers={"Accept": "application/json; q=0.9"})
    mine.default.get_logo()
    assert recorder.last.headers.get_list("accept") == ["application/json; q=0.9"]


# -- header and cookie parameters -----------------------------------------------------------


def test_header_and_cookie_parameters_are_sent(workspace: Path) -> None:
    package = sdk("header_cookie_31", workspace)
    api, recorder = client(package, answer(body={"total": 3}))
    result = api.default.get_report(x_request_id="r-1", x_page_size=50, visit="s 1;x", theme="dark")
    assert result.total == 3
    request = recorder.last
    assert request.headers["X-Request-ID"] == "r-1"
    assert request.headers["X-Page-Size"] == "50"
    assert request.headers["Cookie"] == "visit=s%201%3Bx; theme=dark"


def test_optional_header_and_cookie_parameters_are_left_out(workspace: Path) -> None:
    package = sdk("header_cookie_31", workspace)
    api, recorder = client(package, answer(body={}))
    api.default.get_report(x_request_id="r-1", visit="s")
    assert "X-Page-Size" not in recorder.last.headers
    assert recorder.last.headers["Cookie"] == "visit=s"


def test_header_parameter_checks_apply(workspace: Path) -> None:
    package = sdk("header_cookie_31", workspace)
    api, recorder = client(package, answer(body={}))
    with pytest.raises(ValueError, match="x_page_size"):
        api.default.get_report(x_request_id="r", visit="s", x_page_size=101)
    with pytest.raises(TypeError, match="visit"):
        api.default.get_report(x_request_id="r")
    assert recorder.requests == []


# -- server variables -------------------------------------------------------------------------


def test_server_variables_take_their_defaults(workspace: Path) -> None:
    package = sdk("servers_30", workspace)
    assert package.client.DEFAULT_BASE_URL == "https://eu.api.example.com:8443/v2"
    api, recorder = client(package, answer(204))
    api.default.ping()
    assert str(recorder.last.url) == "https://eu.api.example.com:8443/v2/ping"


def test_another_server_is_chosen_with_base_url(workspace: Path) -> None:
    package = sdk("servers_30", workspace)
    api, recorder = client(package, answer(204), base_url="http://localhost:8080")
    api.default.ping()
    assert str(recorder.last.url) == "http://localhost:8080/ping"


# -- recursive schemas ---------------------------------------------------------------------------


def test_recursive_object_parses_to_any_depth(workspace: Path) -> None:
    package = sdk("recursive_31", workspace)
    Node = package.models.Node
    depth = 50
    data: dict[str, Any] = {"name": "leaf"}
    for level in range(depth):
        data = {"name": f"n{level}", "children": [data], "parent": {"name": "up"}}
    api, _ = client(package, answer(body=data))
    node = api.default.get_tree()
    for _ in range(depth):
        assert type(node) is Node and node.parent == Node(name="up")
        node = node.children[0]
    assert node == Node(name="leaf")


def test_recursive_union_round_trips(workspace: Path) -> None:
    package = sdk("recursive_31", workspace)
    Sum = package.models.Sum
    expression = Sum(terms=[1, Sum(terms=[2, 3]), 4])
    api, recorder = client(package, echo())
    assert api.default.evaluate(body=expression) == expression
    assert recorder.body() == {"terms": [1, {"terms": [2, 3]}, 4]}


# -- security schemes ---------------------------------------------------------------------------


def test_each_security_scheme_reaches_its_place(workspace: Path) -> None:
    package = sdk("security_30", workspace)
    import inspect

    arguments = set(inspect.signature(package.Client.__init__).parameters)
    assert {"username", "password", "bearer_key", "query_key_key", "header_key_key", "cookie_key_key"} <= arguments
    for options, method, check in [
        ({"bearer_key": "tok"}, "get_me", lambda r: r.headers["Authorization"] == "Bearer tok"),
        (
            {"username": "ada", "password": "pw"},
            "get_admin",
            lambda r: r.headers["Authorization"] == "Basic " + base64.b64encode(b"ada:pw").decode(),
        ),
        ({"query_key_key": "qk"}, "search", lambda r: r.url.params["api_key"] == "qk"),
        ({"header_key_key": "hk"}, "search", lambda r: r.headers["X-API-Key"] == "hk"),
        ({"cookie_key_key": "ck"}, "get_visit", lambda r: r.headers["Cookie"] == "sid=ck"),
    ]:
        api, recorder = client(package, answer(204), **options)
        getattr(api.default, method)()
        assert check(recorder.last), options


EVERY_CREDENTIAL = {
    "bearer_key": "tok",
    "username": "ada",
    "password": "pw",
    "query_key_key": "qk",
    "header_key_key": "hk",
    "cookie_key_key": "ck",
}


def test_each_operation_sends_only_what_its_security_asks_for(workspace: Path) -> None:
    package = sdk("security_30", workspace)
    api, recorder = client(package, answer(204), **EVERY_CREDENTIAL)

    def sent(method: str) -> tuple[str | None, str | None, str | None, str | None]:
        getattr(api.default, method)()
        request = recorder.last
        return (
            request.headers.get("Authorization"),
            request.url.params.get("api_key"),
            request.headers.get("X-API-Key"),
            request.headers.get("Cookie"),
        )

    basic = "Basic " + base64.b64encode(b"ada:pw").decode()
    assert sent("get_me") == ("Bearer tok", None, None, None)  # the API's requirement
    assert sent("get_admin") == (basic, None, None, None)  # the operation's own
    assert sent("search") == (None, "qk", None, None)  # the first of two alternatives
    assert sent("get_visit") == (None, None, None, "sid=ck")
    assert sent("get_both") == (None, "qk", "hk", None)  # two schemes at once
    assert sent("get_public") == (None, None, None, None)  # `security: []`


def test_no_credentials_is_an_error(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = sdk("security_30", workspace)
    for name in ("EXAMPLE_USERNAME", "EXAMPLE_PASSWORD", "EXAMPLE_BEARER_KEY"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(package.errors.APIError, match="no credentials"):
        package.Client()


# -- Swagger 2.0 --------------------------------------------------------------------------------


def test_swagger_2_is_refused_with_a_message_saying_so(tmp_path: Path) -> None:
    (tmp_path / "petstore.json").write_text(
        json.dumps({"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "paths": {}}, indent=2),
        encoding="utf-8",
    )
    done = run_cli("generate", "petstore.json", "--output", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert "petstore.json:2 at #/swagger" in line
    assert "Swagger 2.0" in line
    assert not (tmp_path / "out").exists()


# -- path templates whose names Python's format strings would misread ------------


def test_a_template_name_with_format_characters_takes_its_parameter(workspace: Path) -> None:
    from generator.document.load import load
    from generator.openapi.validate import validate

    # No defect: `{insight_id:}` is the template of the parameter named `insight_id:`.
    assert validate(load(str(FIXTURES / "path_template_names_30.yaml"))) == []
    package = sdk("path_template_names_30", workspace)
    api, recorder = client(package, answer(204))
    api.default.get_insight("in/1")
    assert recorder.last.url.raw_path == b"/insights/in%2F1"
    api.default.get_cell(7, "b2")
    assert recorder.last.url.raw_path == b"/rows/7/cells/b2"


# -- OpenAPI 3.2: the QUERY method, additionalOperations, querystring, media types by $ref --


ITEMS = [{"id": "i1", "name": "Lamp", "price": 12.5}, {"id": "i2", "name": "Desk", "price": None}]


def test_openapi_32_generates_without_defects(workspace: Path) -> None:
    from generator.document.load import load
    from generator.openapi.validate import validate

    assert validate(load(str(FIXTURES / "openapi_32.yaml"))) == []
    package = sdk("openapi_32", workspace)
    assert {"link_item", "list_items", "search_items", "select_items"} <= set(dir(package.Client().items))


def test_the_query_method_sends_its_body_and_parses_a_media_type_by_ref(workspace: Path) -> None:
    package = sdk("openapi_32", workspace)
    api, recorder = client(package, answer(200, ITEMS))
    found = api.items.search_items(text="lamp")
    assert (recorder.last.method, recorder.last.url.path) == ("QUERY", "/items")
    assert recorder.body() == {"text": "lamp"}
    assert [type(item) for item in found] == [package.models.Item, package.models.Item]
    assert [item.to_dict() for item in found] == ITEMS


def test_an_additional_operation_is_sent_with_its_own_method(workspace: Path) -> None:
    package = sdk("openapi_32", workspace)
    api, recorder = client(package, answer(204))
    assert api.items.link_item("i/1", link="<https://api.example.com/items/i2>; rel=next") is None
    assert recorder.last.method == "LINK"
    assert recorder.last.url.raw_path == b"/items/i%2F1"
    assert recorder.last.headers["link"] == "<https://api.example.com/items/i2>; rel=next"


def test_a_form_querystring_is_the_whole_query(workspace: Path) -> None:
    package = sdk("openapi_32", workspace)
    api, recorder = client(package, answer(200, []))
    api.items.list_items(filter=package.models.Filter(name="a b&c", tags=["x", "y"], limit=3), page=2)
    assert recorder.last.url.query == b"name=a+b%26c&tags=x&tags=y&limit=3"
    assert parse_qsl(recorder.last.url.query.decode()) == [("name", "a b&c"), ("tags", "x"), ("tags", "y"), ("limit", "3")]
    assert recorder.last.headers["page"] == "2"
    api.items.list_items(filter=package.models.Filter(name="n"), extra_query={"trace": "1"})
    assert parse_qsl(recorder.last.url.query.decode()) == [("name", "n"), ("trace", "1")]
    api.items.list_items()
    assert recorder.last.url.query == b""


def test_a_json_querystring_is_its_json_text_percent_encoded(workspace: Path) -> None:
    package = sdk("openapi_32", workspace)
    api, recorder = client(package, answer(200, []))
    selector = {"price": {"lt": 20, "gte": 1.5}}
    api.items.select_items(selector=package.models.Selector.from_dict(selector))
    raw = recorder.last.url.query
    assert b"{" not in raw and b'"' not in raw and b" " not in raw
    assert json.loads(unquote(raw.decode())) == selector


# -- streamed successes: server-sent events and JSON Lines ---------------------------------------


def streamed(chunks: list[bytes], read: list[int], media_type: str = "text/event-stream", asynchronous: bool = False) -> Handler:
    """Answer with `chunks` as a streamed body, counting in `read` the chunks the client took."""

    def body() -> Iterator[bytes]:
        for chunk in chunks:
            read.append(1)
            yield chunk

    async def async_body() -> AsyncIterator[bytes]:
        for chunk in body():
            yield chunk

    return lambda request: httpx.Response(200, headers={"content-type": media_type}, content=async_body() if asynchronous else body())


def test_server_sent_events_are_typed_items_read_as_they_arrive(workspace: Path) -> None:
    package = sdk("streams_31", workspace)
    read: list[int] = []
    chunks = [b'data: {"delta": "Hel"}\n\n', b': a comment\nevent: chunk\nid: 2\n', b'data: {"delta":\ndata: "lo"}\n\n', b"data: [DONE]\n\n", b'data: {"delta": "after"}\n\n']
    api, recorder = client(package, streamed(chunks, read))
    stream = api.completions.stream_create_completion(prompt="hi")
    assert recorder.body() == {"prompt": "hi", "stream": True}  # the body's `stream` flag, set by the stream method
    assert recorder.last.headers["accept"] == "text/event-stream"
    items = iter(stream)
    assert next(items) == package.models.Chunk(delta="Hel")
    assert len(read) == 1  # the rest is not read yet
    assert list(items) == [package.models.Chunk(delta="lo")]  # data lines joined; `[DONE]` ends the stream
    assert len(read) == 4 and stream.response.is_closed
    # The caller's own flag is sent as given; and the plain method still reads one JSON answer.
    api.completions.stream_create_completion(prompt="hi", stream=False).close()
    assert recorder.body() == {"prompt": "hi", "stream": False}
    plain, _ = client(package, answer(body={"text": "Hello"}))
    assert plain.completions.create_completion(prompt="hi") == package.models.Completion(text="Hello")
    assert "`stream_...` method" in (workspace / "streams_31" / "README.md").read_text(encoding="utf-8")


def test_json_lines_are_typed_items_and_a_line_that_is_not_json_is_kept(workspace: Path) -> None:
    package = sdk("streams_31", workspace)
    read: list[int] = []
    chunks = [b'{"level": "info", "message": "a"}\n\n{"level": "err', b'or", "message": "b"}\n', b"not json\n", b'{"level": "debug"}']
    api, recorder = client(package, streamed(chunks, read, "application/x-ndjson"))
    with api.logs.stream_tail_logs(level="info") as stream:
        lines = list(stream)
    LogLine, Level = package.models.LogLine, package.models.Level
    assert lines[:2] == [LogLine(level=Level.INFO, message="a"), LogLine(level=Level.ERROR, message="b")]
    assert lines[2] == "not json"  # a success's data is never lost
    assert lines[3].level == "debug"  # a value the spec does not list is kept, as in any answer
    assert recorder.last.url.params["level"] == "info" and recorder.last.headers["accept"] == "application/x-ndjson"


def test_a_32_item_schema_types_each_event_whole_and_each_line(workspace: Path) -> None:
    package = sdk("streams_32", workspace)
    read: list[int] = []
    chunks = [b"event: created\nid: 7\nretry: 1500\ndata: first\n\n", b"data: [DONE]\n\n", b"data: cut short"]
    api, _ = client(package, streamed(chunks, read))
    Event = package.models.WatchEventsEvent
    # The whole event is the item: its data is text, and `[DONE]` is data like any other.
    assert list(api.events.stream_watch_events()) == [Event(event="created", id="7", retry=1500, data="first"), Event(data="[DONE]"), Event(data="cut short")]
    metrics, _ = client(package, streamed([b'{"name": "cpu", "value": 0.5}\n{"name": "mem", "value": 2}\n'], [], "application/jsonl"))
    assert list(metrics.metrics.stream_stream_metrics()) == [package.models.Metric(name="cpu", value=0.5), package.models.Metric(name="mem", value=2)]


def test_a_stream_that_fails_raises_before_any_item_and_is_retried(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = sdk("streams_31", workspace)
    api, _ = client(package, lambda request: httpx.Response(429, json={"message": "slow down"}), max_retries=0)
    with pytest.raises(package.errors.CreateCompletionError) as raised:
        api.completions.stream_create_completion(prompt="hi")
    assert isinstance(raised.value, package.errors.RateLimitError) and raised.value.body == {"message": "slow down"}
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    busy = httpx.Response(503, content=b"busy")
    answers = [busy, httpx.Response(200, headers={"content-type": "application/x-ndjson"}, content=b'{"message": "ok"}\n')]
    api, recorder = client(package, lambda request: answers.pop(0))
    assert list(api.logs.stream_tail_logs()) == [package.models.LogLine(message="ok")]
    assert len(recorder.requests) == 2 and busy.is_closed  # the refused answer let go of its connection


def test_async_streams(workspace: Path) -> None:
    package = sdk("streams_31", workspace)
    read: list[int] = []
    chunks = [b'data: {"delta": "a"}\n\n', b'data: {"delta": "b"}\n\n']

    async def main() -> list[Any]:
        transport = httpx.MockTransport(streamed(chunks, read, asynchronous=True))
        async with package.AsyncClient(http_client=httpx.AsyncClient(transport=transport)) as api:
            stream = await api.completions.stream_create_completion(prompt="hi")
            assert read == []  # nothing of the body is read before iterating
            async with stream:
                return [item async for item in stream]

    assert asyncio.run(main()) == [package.models.Chunk(delta="a"), package.models.Chunk(delta="b")]

"""Request bodies on the wire, for the media types the conferences spec does not use (form-encoded)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from conftest import import_package
from generator.config import Job
from generator.pipeline import generate

FORM_SPEC = """\
openapi: 3.0.3
info: {title: Form API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /calls:
    post:
      operationId: UpdateCall
      tags: [Calls]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                Status: {type: string}
                Events: {type: array, items: {type: string}}
                Muted: {type: boolean}
      responses:
        "204": {description: Updated}
"""


def generated(root: Path, spec_text: str, package: str) -> ModuleType:
    """The SDK of `spec_text`, generated under `root` and imported."""
    spec = root / f"{package}.yml"
    spec.write_text(spec_text, encoding="utf-8")
    generate(Job(str(spec), root / "out", package))
    return import_package(root / "out", package)


@pytest.fixture(scope="module")
def form_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield generated(tmp_path_factory.mktemp("form-sdk"), FORM_SPEC, "form_api")


def requests_sent(sdk: ModuleType, calls: Callable[[Any], object]) -> list[httpx.Request]:
    """The requests that `calls(client)` sends, each answered with 204."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    calls(sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer))))
    return sent


def send(sdk: ModuleType, **arguments: object) -> httpx.Request:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    client = sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    client.calls.update_call(**arguments)
    (request,) = sent
    return request


def test_a_form_body_is_url_encoded_with_repeated_fields_for_arrays(form_sdk: ModuleType) -> None:
    request = send(form_sdk, status="completed", events=["start", "end"], muted=True)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(request.content.decode("ascii")) == [
        ("Status", "completed"),
        ("Events", "start"),
        ("Events", "end"),
        ("Muted", "true"),
    ]


def test_a_form_body_without_fields_is_still_a_form(form_sdk: ModuleType) -> None:
    request = send(form_sdk)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.content == b""


STYLES_SPEC = """\
openapi: 3.0.3
info: {title: Styles API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /things/{coords}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: coords, in: path, required: true, schema: {type: object, additionalProperties: {type: integer}}}
        - {name: ids, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
        - {name: X-Filter, in: header, schema: {type: object, additionalProperties: {type: integer}}}
        - name: where
          in: query
          content:
            application/json:
              schema: {type: object, properties: {x: {type: integer}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Node"}
components:
  schemas:
    Node:
      type: object
      nullable: true
      properties:
        name: {type: string}
        parent: {$ref: "#/components/schemas/Node"}
"""


@pytest.fixture(scope="module")
def styles_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield generated(tmp_path_factory.mktemp("styles-sdk"), STYLES_SPEC, "styles_api")


def test_parameters_not_exploded_by_default_are_sent_unexploded(styles_sdk: ModuleType) -> None:
    # simple (path, header) and pipeDelimited default to explode: false; form to true.
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"name": "leaf", "parent": {"name": "root", "parent": None}})

    client = styles_sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    client.things.get_thing(
        {"a": 1, "b": 2}, ids=["x", "y"], tags=["p", "q"], x_filter={"k": 1, "m": 2}, where=styles_sdk.models.Where(x=5)
    )
    (request,) = sent
    assert request.url.path == "/things/a,1,b,2"
    # A parameter with JSON `content` goes under its own name, as JSON text.
    assert request.url.params.multi_items() == [("ids", "x|y"), ("tags", "p,q"), ("where", '{"x":5}')]
    assert request.headers["X-Filter"] == "k,1,m,2"


def test_a_nullable_schema_that_contains_itself_keeps_its_class(styles_sdk: ModuleType) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"name": "leaf", "parent": {"name": "root", "parent": None}})

    client = styles_sdk.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    node = client.things.get_thing({"a": 1})
    assert isinstance(node, styles_sdk.models.Node) and isinstance(node.parent, styles_sdk.models.Node)
    assert node.parent.parent is None
    assert node.to_dict() == {"name": "leaf", "parent": {"name": "root", "parent": None}}


AUTH_SPEC = """\
openapi: 3.0.3
info: {title: Auth API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
components:
  securitySchemes:
    digest: {type: http, scheme: digest}
    kerberos: {type: http, scheme: Negotiate}
paths:
  /reports:
    get:
      operationId: listReports
      tags: [Reports]
      security: [{digest: []}]
      responses: {"204": {description: none}}
  /tickets:
    get:
      operationId: listTickets
      tags: [Reports]
      security: [{kerberos: []}]
      responses: {"204": {description: none}}
"""


def test_digest_and_other_http_schemes_are_sent_as_they_say(tmp_path: Path) -> None:
    sdk = generated(tmp_path, AUTH_SPEC, "auth_api")
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path == "/reports" and "Authorization" not in request.headers:
            return httpx.Response(401, headers={"WWW-Authenticate": 'Digest realm="api", nonce="n1", qop="auth"'})
        return httpx.Response(204)

    client = sdk.Client(username="ada", password="pw", api_key="ticket-1", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    client.reports.list_reports()
    assert sent[-1].headers["Authorization"].startswith('Digest username="ada", realm="api"')
    client.reports.list_tickets()
    assert sent[-1].headers["Authorization"] == "Negotiate ticket-1"


PATH_STYLES_SPEC = """\
openapi: 3.0.3
info: {title: Path styles API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /points/{one}/{many}/{point}:
    get:
      operationId: getPoint
      tags: [Points]
      parameters:
        - {name: one, in: path, required: true, style: STYLE, explode: EXPLODE, schema: {type: string}}
        - {name: many, in: path, required: true, style: STYLE, explode: EXPLODE, schema: {type: array, items: {type: string}}}
        - name: point
          in: path
          required: true
          style: STYLE
          explode: EXPLODE
          schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}
      responses:
        "204": {description: ok}
"""

# OpenAPI's style table (RFC 6570): one = "a b", many = ["p", "q,r"], point = {x: 1, y: 2}.
PATH_STYLES = {
    ("simple", "false"): "/points/a%20b/p,q%2Cr/x,1,y,2",
    ("simple", "true"): "/points/a%20b/p,q%2Cr/x=1,y=2",
    ("label", "false"): "/points/.a%20b/.p,q%2Cr/.x,1,y,2",
    ("label", "true"): "/points/.a%20b/.p.q%2Cr/.x=1.y=2",
    ("matrix", "false"): "/points/;one=a%20b/;many=p,q%2Cr/;point=x,1,y,2",
    ("matrix", "true"): "/points/;one=a%20b/;many=p;many=q%2Cr/;x=1;y=2",
}


@pytest.mark.parametrize(("style", "explode"), sorted(PATH_STYLES))
def test_a_path_parameter_is_expanded_by_its_style(tmp_path: Path, style: str, explode: str) -> None:
    spec = PATH_STYLES_SPEC.replace("STYLE", style).replace("EXPLODE", explode)
    sdk = generated(tmp_path, spec, "path_styles_api")

    def calls(client: Any) -> None:
        client.points.get_point("a b", ["p", "q,r"], sdk.models.Point(x=1, y=2))
        client.points.get_point("a b", [], sdk.models.Point())  # empty: nothing, not a crash

    sent = requests_sent(sdk, calls)
    assert [request.url.raw_path.decode() for request in sent] == [PATH_STYLES[style, explode], "/points/" + PATH_STYLES[style, explode].split("/")[2] + "//"]


MULTIPART_SPEC = """\
openapi: 3.0.3
info: {title: Upload API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /uploads:
    put:
      operationId: upload
      tags: [Uploads]
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                note: {type: string}
                tags: {type: array, items: {type: string}}
                meta: {type: object, properties: {size: {type: integer}}}
                files: {type: array, items: {type: string, format: binary}}
      responses:
        "204": {description: ok}
"""


def parts_of(request: httpx.Request) -> list[tuple[str, str, bytes]]:
    """(name, content type, content) of each part of a multipart request, in order."""
    import email.parser
    import email.policy

    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    assert message.is_multipart()
    return [(str(part.get_param("name", header="content-disposition")), part.get_content_type(), part.get_payload(decode=True)) for part in message.iter_parts()]


@pytest.fixture(scope="module")
def upload_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    yield generated(tmp_path_factory.mktemp("upload-sdk"), MULTIPART_SPEC, "upload_api")


def upload(sdk: ModuleType, **arguments: object) -> httpx.Request:
    (request,) = requests_sent(sdk, lambda client: client.uploads.upload(**arguments))
    return request


def test_a_multipart_body_without_a_file_is_multipart_and_keeps_every_item(upload_sdk: ModuleType) -> None:
    request = upload(upload_sdk, note="hi", tags=["a", "b"], meta=upload_sdk.models.Meta(size=3))
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert parts_of(request) == [
        ("note", "text/plain", b"hi"),
        ("tags", "text/plain", b"a"),
        ("tags", "text/plain", b"b"),
        ("meta", "application/json", b'{"size": 3}'),
    ]


def test_a_list_of_files_is_a_part_per_file(upload_sdk: ModuleType) -> None:
    request = upload(upload_sdk, files=[b"\x00one", b"two"])
    assert [(name, content) for name, _, content in parts_of(request)] == [("files", b"\x00one"), ("files", b"two")]


def test_an_empty_multipart_body_is_still_multipart(upload_sdk: ModuleType) -> None:
    request = upload(upload_sdk)
    kind, _, boundary = request.headers["content-type"].partition("; boundary=")
    assert kind == "multipart/form-data" and request.content == f"--{boundary}--\r\n".encode()  # no part


BINARY_IN_JSON_SPEC = """\
openapi: 3.0.3
info: {title: Notes API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /notes:
    post:
      operationId: addNote
      tags: [Notes]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [attachment]
              properties:
                attachment: {type: string, format: binary}
      responses:
        "204": {description: ok}
"""


def test_bytes_in_a_json_body_are_sent_as_base64(tmp_path: Path) -> None:
    import base64
    import json

    sdk = generated(tmp_path, BINARY_IN_JSON_SPEC, "notes_api")
    (request,) = requests_sent(sdk, lambda client: client.notes.add_note(attachment=b"\x00\xffnote"))
    assert base64.b64decode(json.loads(request.content)["attachment"]) == b"\x00\xffnote"


MULTIPLES_SPEC = """\
openapi: 3.1.0
info: {title: Prices API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /prices:
    post:
      operationId: SetPrice
      tags: [Prices]
      parameters:
        - {name: step, in: query, schema: {type: number, multipleOf: 0.01}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                pack: {type: integer, multipleOf: 5}
                tiny: {type: number, multipleOf: 1.0e-9}
      responses:
        "204": {description: Set}
"""


def test_a_multiple_of_is_checked_in_decimal_before_sending(tmp_path: Path) -> None:
    sdk = generated(tmp_path, MULTIPLES_SPEC, "prices_api")
    fits = [{"step": 19.99, "pack": 10}, {"step": 0.3, "pack": 0}, {"step": 1, "pack": -15}, {"tiny": 3.000000001}, {"tiny": 1e300}]
    sent = requests_sent(sdk, lambda client: [client.prices.set_price(**arguments) for arguments in fits])
    assert len(sent) == len(fits)
    assert dict(sent[0].url.params) == {"step": "19.99"} and json.loads(sent[0].content) == {"pack": 10}
    for arguments, named in (({"step": 19.995}, "step"), ({"pack": 12}, "pack"), ({"step": 0.1 + 0.2}, "step"), ({"tiny": 3.0000000015}, "tiny")):
        with pytest.raises(ValueError, match=f"{named}.* is not a multiple of"):
            requests_sent(sdk, lambda client: client.prices.set_price(**arguments))


def test_a_media_type_no_header_can_carry_is_not_sent_as_accept(tmp_path: Path) -> None:
    spec = """\
openapi: 3.0.3
info: {title: Odd API, version: "1.0"}
servers: [{url: "https://api.example.com"}]
paths:
  /report:
    get:
      operationId: GetReport
      tags: [Reports]
      responses:
        "200":
          description: The report.
          content:
            "text/csv\\r\\nX-Injected: 1": {schema: {type: string}}
            "application/pdf": {schema: {type: string, format: binary}}
"""
    sdk = generated(tmp_path, spec, "odd_api")
    (request,) = requests_sent(sdk, lambda client: client.reports.get_report())
    assert "x-injected" not in request.headers
    assert request.headers.get_list("accept") in (["application/json"], ["application/pdf"])


def test_schemas_named_like_the_runtime_classes_an_sdk_imports_are_renamed_only_there(tmp_path: Path) -> None:
    # `Cursor` and `Stream` are runtime classes imported beside the models only by an SDK whose
    # operations page by cursor or stream; elsewhere a schema keeps the name.
    def spec(paged: bool) -> str:
        token = "\n                  nextPageToken: {type: string}" if paged else ""
        return f"""\
openapi: 3.1.0
info: {{title: Runtime names, version: "1.0"}}
servers: [{{url: "https://api.example.com"}}]
paths:
  /cursors:
    get:
      operationId: ListCursors
      tags: [Cursors]
      parameters:
        - {{name: pageToken, in: query, schema: {{type: string}}}}
      responses:
        "200":
          description: A page.
          content:
            application/json:
              schema:
                type: object
                properties:
                  items: {{type: array, items: {{$ref: "#/components/schemas/Cursor"}}}}{token}
            {"text/event-stream: {schema: {$ref: '#/components/schemas/Stream'}}" if paged else "text/plain: {schema: {$ref: '#/components/schemas/Stream'}}"}
components:
  schemas:
    Cursor: {{type: object, properties: {{id: {{type: string}}}}}}
    Stream: {{type: object, properties: {{id: {{type: string}}}}}}
"""

    (tmp_path / "plain").mkdir()
    (tmp_path / "paged").mkdir()
    plain = generated(tmp_path / "plain", spec(False), "plain_api")
    assert {"Cursor", "Stream"} <= set(dir(plain.models))
    paged = generated(tmp_path / "paged", spec(True), "paged_api")
    assert not {"Cursor", "Stream"} & set(dir(paged.models))
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        following = {"nextPageToken": "t2"} if "pageToken" not in request.url.params else {}
        return httpx.Response(200, json={"items": [{"id": str(len(sent))}], **following})

    client = paged.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    assert [c.id for c in client.cursors.iter_cursors()] == ["1", "2"]

"""The first stages: load (YAML 1.2, JSON, URLs, lines), resolve ($refs) and validate."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CONFERENCES
from generator.errors import SpecError
from generator.document.load import Document, line_of, load, parse, to_uri
from generator.document.resolve import Located, Resolver
from generator.openapi.validate import check_version, validate

# -- load: YAML 1.2 core schema -------------------------------------------------


def parsed(text: str) -> Any:
    return parse(text, to_uri("spec.yml"))


@pytest.mark.parametrize("word", ["on", "off", "yes", "no", "y", "n", "On", "YES", "Off"])
def test_yaml_11_booleans_stay_strings(word: str) -> None:
    assert parsed(f"value: {word}\n") == {"value": word}
    assert parsed(f"{word}: 1\n") == {word: 1}


def test_yaml_12_booleans_and_null() -> None:
    assert parsed("a: true\nb: False\nc: null\nd: ~\ne:\n") == {"a": True, "b": False, "c": None, "d": None, "e": None}


@pytest.mark.parametrize("text", ["2020-01-01", "2020-01-01T10:00:00Z", "2001-12-14 21:59:43.10 -5"])
def test_dates_and_timestamps_stay_strings(text: str) -> None:
    value = parsed(f"when: {text}\n")["when"]
    assert value == text
    assert type(value) is str


@pytest.mark.parametrize(
    ("text", "number"),
    [("017", 17), ("0x1F", 31), ("0o17", 15), ("-12", -12), ("+3", 3), ("0", 0), ("007", 7)],
)
def test_integers_follow_yaml_12(text: str, number: int) -> None:
    value = parsed(f"n: {text}\n")["n"]
    assert value == number
    assert type(value) is int


@pytest.mark.parametrize("text", ["1_000", "0b101", "1:30", "12e", "0x", "0o8"])
def test_yaml_11_only_numbers_stay_strings(text: str) -> None:
    value = parsed(f"n: {text}\n")["n"]
    assert value == text


def test_floats() -> None:
    assert parsed("a: 1.5\nb: 1e3\nc: .5\n") == {"a": 1.5, "b": 1000.0, "c": 0.5}
    assert parsed("d: .inf\n")["d"] == float("inf")


def test_status_keys_are_strings() -> None:
    responses = parsed("responses:\n  200:\n    description: ok\n  404:\n    description: no\n  default: {}\n")["responses"]
    assert list(responses) == ["200", "404", "default"]
    assert all(type(key) is str for key in responses)


def test_numeric_and_boolean_keys_keep_their_text() -> None:
    assert parsed("017: a\n0x1F: b\ntrue: c\n1.50: d\n") == {"017": "a", "0x1F": "b", "true": "c", "1.50": "d"}


def test_duplicate_keys_are_rejected_with_their_line() -> None:
    text = "openapi: 3.1.0\ninfo:\n  title: x\n  version: '1'\n  title: y\npaths: {}\n"
    with pytest.raises(SpecError) as caught:
        parse(text, to_uri("dup.yml"))
    assert caught.value.line == 5
    assert "title" in caught.value.message
    assert "dup.yml:5" in str(caught.value)


def test_duplicate_status_keys_are_rejected() -> None:
    with pytest.raises(SpecError) as caught:
        parsed("responses:\n  200: {}\n  '200': {}\n")
    assert caught.value.line == 3


def test_merge_keys_do_not_merge() -> None:
    """YAML 1.2 has no merge keys: `<<` never copies another mapping's keys in silently."""
    try:
        other = parsed("base: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n")["other"]
    except SpecError as error:
        assert error.line == 3
    else:
        assert "a" not in other
        assert other["c"] == 2


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(SpecError) as caught:
        parse("a: 1\nb: [1, 2\nc: 3\n", to_uri("bad.yml"))
    assert caught.value.line in (2, 3)
    assert caught.value.uri.endswith("bad.yml")
    assert "YAML" in caught.value.message


def test_json_input(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    contents = {"openapi": "3.1.0", "info": {"title": "on", "version": "017"}, "paths": {}, "x-n": 17}
    spec.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    document = load(str(spec))
    assert document.contents == contents
    assert document.uri == spec.resolve().as_uri()
    assert line_of(document, "/info/version") == 5


def test_json_syntax_error_has_a_line(tmp_path: Path) -> None:
    spec = tmp_path / "bad.json"
    spec.write_text('{\n  "openapi": "3.1.0",\n  "info": {,\n}\n', encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load(str(spec))
    assert caught.value.line == 3
    assert "JSON" in caught.value.message


def test_line_of_a_json_document_with_characters_yaml_refuses(tmp_path: Path) -> None:
    # JSON strings may hold C1 control characters (U+009F); YAML, used to find lines, may not.
    spec = tmp_path / "c1.json"
    spec.write_text('{\n  "info": {"title": "a\u009fb"},\n  "paths": {\n    "/x": 1\n  }\n}\n', encoding="utf-8")
    document = load(str(spec))
    assert document.contents["info"]["title"] == "a\u009fb"
    assert line_of(document, "/paths/~1x") == 4


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as caught:
        load(str(tmp_path / "absent.yml"))
    assert "absent.yml" in str(caught.value)


def test_not_utf8(tmp_path: Path) -> None:
    spec = tmp_path / "latin1.yml"
    spec.write_bytes("openapi: 3.1.0\ninfo: {title: caf\xe9}\n".encode("latin-1"))
    with pytest.raises(SpecError) as caught:
        load(str(spec))
    assert "UTF-8" in caught.value.message


def test_document_digest_follows_the_text(tmp_path: Path) -> None:
    first = tmp_path / "a.yml"
    first.write_text("a: 1\n", encoding="utf-8")
    second = tmp_path / "b.yml"
    second.write_text("a: 2\n", encoding="utf-8")
    assert load(str(first)).digest == load(str(first)).digest
    assert load(str(first)).digest != load(str(second)).digest


# -- load: line_of --------------------------------------------------------------

LINES = """\
openapi: 3.1.0
info:
  title: Lines
  version: '1'
paths:
  /a/{b}:
    get:
      parameters:
        - name: b
          in: path
        - name: c
          in: query
  /x~y:
    get:
      summary: tilde
components:
  schemas:
    Thing:
      properties:
        a/b:
          type: string
"""


@pytest.fixture
def lines_document() -> Document:
    return Document(to_uri("lines.yml"), LINES, parse(LINES, to_uri("lines.yml")))


@pytest.mark.parametrize(
    ("pointer", "line"),
    [
        ("", 1),
        ("/openapi", 1),
        ("/info/version", 4),
        ("/paths", 5),
        ("/paths/~1a~1{b}", 6),
        ("/paths/~1a~1{b}/get", 7),
        ("/paths/~1a~1{b}/get/parameters/0", 9),
        ("/paths/~1a~1{b}/get/parameters/1/in", 12),
        ("/paths/~1x~0y/get/summary", 15),
        ("/components/schemas/Thing/properties/a~1b/type", 21),
    ],
)
def test_line_of(lines_document: Document, pointer: str, line: int) -> None:
    assert line_of(lines_document, pointer) == line


@pytest.mark.parametrize(
    ("pointer", "line"),
    [
        ("/paths/~1a~1{b}/post", 6),
        ("/paths/~1a~1{b}/get/parameters/7", 8),
        ("/components/schemas/Other/type", 17),
    ],
)
def test_line_of_a_missing_place_is_its_nearest_parent(lines_document: Document, pointer: str, line: int) -> None:
    assert line_of(lines_document, pointer) == line


def test_line_of_in_the_conferences_spec() -> None:
    document = load(str(CONFERENCES))
    text_lines = document.text.splitlines()
    join = line_of(document, "/paths/~1conferences~1{id}~1actions~1join/post")
    assert join is not None
    assert text_lines[join - 1].strip() == "post:"
    assert text_lines[join - 2].strip() == "/conferences/{id}/actions/join:"
    region = line_of(document, "/components/schemas/ConferenceRegion/enum/2")
    assert region is not None
    assert text_lines[region - 1].strip() == "- Middle East"


# -- load: http ------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder served over http on 127.0.0.1 (base URL, folder), stopped afterwards."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        assert not thread.is_alive()


def test_load_from_http(served: tuple[str, Path]) -> None:
    base, folder = served
    (folder / "api.yml").write_text(LINES, encoding="utf-8")
    document = load(f"{base}/api.yml")
    assert document.uri == f"{base}/api.yml"
    assert document.contents == parse(LINES, "file:///api.yml")
    assert document.display_name == f"{base}/api.yml"
    assert line_of(document, "/paths/~1a~1{b}/get/parameters/1/in") == 12


def test_load_json_from_http(served: tuple[str, Path]) -> None:
    base, folder = served
    (folder / "api.json").write_text(json.dumps({"openapi": "3.1.0", "paths": {"/a": {}}}), encoding="utf-8")
    assert load(f"{base}/api.json").contents == {"openapi": "3.1.0", "paths": {"/a": {}}}


def test_load_from_http_not_found(served: tuple[str, Path]) -> None:
    base, _ = served
    with pytest.raises(SpecError) as caught:
        load(f"{base}/absent.yml")
    assert "absent.yml" in str(caught.value)
    assert "404" in caught.value.message


def test_relative_ref_over_http(served: tuple[str, Path]) -> None:
    base, folder = served
    (folder / "api.yml").write_text("thing:\n  $ref: 'parts/other.yml#/components/schemas/X'\n", encoding="utf-8")
    (folder / "parts").mkdir()
    (folder / "parts" / "other.yml").write_text("components:\n  schemas:\n    X:\n      type: integer\n", encoding="utf-8")
    document = load(f"{base}/api.yml")
    resolver = Resolver(document)
    target = resolver.deref(Located(document.contents["thing"], document.uri, "/thing"))
    assert target.value == {"type": "integer"}
    assert target.key == f"{base}/parts/other.yml#/components/schemas/X"


# -- resolve ---------------------------------------------------------------------

RESOLVE = """\
openapi: 3.1.0
info:
  title: Refs
  version: '1'
paths:
  /items:
    get:
      responses:
        '200':
          $ref: '#/components/responses/Ok'
  /a/b:
    summary: slash
components:
  responses:
    Ok:
      description: ok
  schemas:
    Start:
      $ref: '#/components/schemas/Middle'
    Middle:
      $ref: '#/components/schemas/End'
    End:
      type: string
    Broken:
      $ref: '#/components/schemas/Nowhere'
    Ping:
      $ref: '#/components/schemas/Pong'
    Pong:
      $ref: '#/components/schemas/Ping'
    Self:
      $ref: '#/components/schemas/Self'
    Slash:
      $ref: '#/paths/~1a~1b'
    Encoded:
      $ref: '#/components/schemas/%45nd'
    Plain:
      type: object
      properties:
        local:
          $ref: 'other.yml#/components/schemas/X'
        missing:
          $ref: 'nowhere.yml#/components/schemas/X'
"""

OTHER = """\
components:
  schemas:
    X:
      type: object
      properties:
        y:
          $ref: '#/components/schemas/Y'
    Y:
      type: integer
"""


@pytest.fixture
def resolver(tmp_path: Path) -> Resolver:
    (tmp_path / "api.yml").write_text(RESOLVE, encoding="utf-8")
    (tmp_path / "other.yml").write_text(OTHER, encoding="utf-8")
    return Resolver(load(str(tmp_path / "api.yml")))


def at(resolver: Resolver, pointer: str) -> Located:
    root = Located(resolver.root.contents, resolver.root.uri, "")
    tokens = [token.replace("~1", "/").replace("~0", "~") for token in pointer.split("/")[1:]]
    return root.child(*tokens)


def test_located_child_escapes_pointer_tokens(resolver: Resolver) -> None:
    node = at(resolver, "/paths/~1a~1b/summary")
    assert node.value == "slash"
    assert node.pointer == "/paths/~1a~1b/summary"
    assert node.key == f"{resolver.root.uri}#/paths/~1a~1b/summary"


def test_local_pointer(resolver: Resolver) -> None:
    target = resolver.deref(at(resolver, "/paths/~1items/get/responses/200"))
    assert target.value == {"description": "ok"}
    assert target.uri == resolver.root.uri
    assert target.pointer == "/components/responses/Ok"


def test_a_value_without_ref_is_itself(resolver: Resolver) -> None:
    node = at(resolver, "/components/schemas/End")
    assert resolver.deref(node) == node


def test_ref_chain_ends_at_the_value(resolver: Resolver) -> None:
    target = resolver.deref(at(resolver, "/components/schemas/Start"))
    assert target.value == {"type": "string"}
    assert target.key == f"{resolver.root.uri}#/components/schemas/End"


def test_escaped_and_percent_encoded_pointers(resolver: Resolver) -> None:
    assert resolver.deref(at(resolver, "/components/schemas/Slash")).value == {"summary": "slash"}
    assert resolver.deref(at(resolver, "/components/schemas/Slash")).pointer == "/paths/~1a~1b"
    encoded = resolver.deref(at(resolver, "/components/schemas/Encoded"))
    assert encoded.value == {"type": "string"}
    assert encoded.pointer == "/components/schemas/End"


def test_relative_file_ref_has_its_canonical_key(resolver: Resolver, tmp_path: Path) -> None:
    target = resolver.deref(at(resolver, "/components/schemas/Plain/properties/local"))
    other = (tmp_path / "other.yml").resolve().as_uri()
    assert target.uri == other
    assert target.pointer == "/components/schemas/X"
    assert target.key == f"{other}#/components/schemas/X"
    assert target.value["type"] == "object"
    assert other in resolver.documents


def test_local_ref_inside_another_file_stays_in_that_file(resolver: Resolver, tmp_path: Path) -> None:
    x = resolver.deref(at(resolver, "/components/schemas/Plain/properties/local"))
    y = resolver.deref(x.child("properties", "y"))
    assert y.value == {"type": "integer"}
    assert y.key == f"{(tmp_path / 'other.yml').resolve().as_uri()}#/components/schemas/Y"


def test_unresolvable_ref_names_the_ref_and_its_line(resolver: Resolver) -> None:
    with pytest.raises(SpecError) as caught:
        resolver.deref(at(resolver, "/components/schemas/Broken"))
    error = caught.value
    assert error.pointer == "/components/schemas/Broken/$ref"
    assert error.line == RESOLVE.splitlines().index("      $ref: '#/components/schemas/Nowhere'") + 1
    assert error.uri.endswith("api.yml")
    assert "#/components/schemas/Nowhere" in error.message
    assert f"api.yml:{error.line} at #/components/schemas/Broken/$ref" in str(error)


def test_ref_to_a_missing_file(resolver: Resolver) -> None:
    with pytest.raises(SpecError) as caught:
        resolver.deref(at(resolver, "/components/schemas/Plain/properties/missing"))
    error = caught.value
    assert error.pointer == "/components/schemas/Plain/properties/missing/$ref"
    assert error.line == RESOLVE.splitlines().index("          $ref: 'nowhere.yml#/components/schemas/X'") + 1
    assert "nowhere.yml" in error.message
    assert "no such file" in error.message


@pytest.mark.parametrize("name", ["Ping", "Pong", "Self"])
def test_ref_cycle(resolver: Resolver, name: str) -> None:
    with pytest.raises(SpecError) as caught:
        resolver.deref(at(resolver, f"/components/schemas/{name}"))
    assert "cycle" in caught.value.message
    assert caught.value.line is not None
    assert caught.value.pointer.startswith("/components/schemas/")


def test_non_pointer_fragment_is_refused(tmp_path: Path) -> None:
    (tmp_path / "api.yml").write_text("a:\n  b: 1\nc:\n  $ref: '#anchor'\n", encoding="utf-8")
    resolver = Resolver(load(str(tmp_path / "api.yml")))
    with pytest.raises(SpecError) as caught:
        resolver.deref(at(resolver, "/c"))
    assert caught.value.line == 4


# -- validate --------------------------------------------------------------------

VALID_30 = """\
openapi: 3.0.3
info:
  title: Valid
  version: '1'
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
            minimum: 1
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Item'
components:
  schemas:
    Item:
      type: object
      nullable: true
      properties:
        name:
          type: string
"""

VALID_31 = """\
openapi: 3.1.0
info:
  title: Valid
  version: '1'
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Item'
webhooks:
  itemAdded:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Item'
      responses:
        '200':
          description: ok
components:
  schemas:
    Item:
      type: [object, 'null']
      properties:
        name:
          type: string
          const: fixed
"""


DEFAULTS = """\
openapi: {version}
info:
  title: Defaults
  version: '1'
paths: {{}}
components:
  schemas:
    Item:
      type: object
      properties:
        name:
          type: string
        count:
          type: integer
          default: {default}
"""


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SDKWRIGHT_NO_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def document_of(tmp_path: Path, text: str, name: str = "spec.yml") -> Document:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load(str(tmp_path / name))


@pytest.mark.parametrize(("text", "version"), [(VALID_30, "3.0.3"), (VALID_31, "3.1.0")])
def test_valid_specs_pass(tmp_path: Path, text: str, version: str) -> None:
    document = document_of(tmp_path, text)
    assert check_version(document) == version
    assert validate(document) == []
    assert validate(document, lenient=True) == []


def test_the_conferences_spec_is_valid() -> None:
    assert validate(load(str(CONFERENCES))) == []


def test_no_cache_is_written_when_disabled(tmp_path: Path) -> None:
    validate(document_of(tmp_path, VALID_31))
    assert not (tmp_path / "cache").exists()


def test_error_carries_pointer_and_line(tmp_path: Path) -> None:
    document = document_of(tmp_path, VALID_30.replace("          in: path\n", "          in: body\n"))
    with pytest.raises(SpecError) as caught:
        validate(document)
    error = caught.value
    assert error.pointer.startswith("/paths/~1items~1{id}/get/parameters/0")
    assert error.line is not None
    assert 9 <= error.line <= 15
    assert error.uri.endswith("spec.yml")
    assert str(error).startswith(f"{error.uri}:{error.line} at #/paths/~1items~1{{id}}/get/parameters/0")


def test_schema_error_points_into_components(tmp_path: Path) -> None:
    document = document_of(tmp_path, VALID_31.replace("          type: string\n", "          type: text\n"))
    with pytest.raises(SpecError) as caught:
        validate(document)
    assert caught.value.pointer.startswith("/components/schemas/Item")
    assert caught.value.line is not None and caught.value.line >= 31


def test_errors_do_not_depend_on_an_earlier_verdict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SDKWRIGHT_NO_CACHE")
    good = document_of(tmp_path, VALID_31, "good.yml")
    assert validate(good) == []
    assert validate(good) == []
    bad = document_of(tmp_path, VALID_31.replace("version: '1'", "version: 1"), "bad.yml")
    with pytest.raises(SpecError) as caught:
        validate(bad)
    assert caught.value.pointer == "/info/version"
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("text", "pointer", "words"),
    [
        ('swagger: "2.0"\ninfo: {title: x, version: "1"}\npaths: {}\n', "/swagger", "Swagger 2.0"),
        ("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "/openapi", "4.0.0"),
        ("openapi: 3.2\ninfo: {title: x, version: '1'}\npaths: {}\n", "/openapi", "3.2"),
        ("info: {title: x, version: '1'}\npaths: {}\n", "", "openapi"),
        ("- a\n- b\n", "", "mapping"),
    ],
)
def test_version_check(tmp_path: Path, text: str, pointer: str, words: str) -> None:
    document = document_of(tmp_path, text)
    with pytest.raises(SpecError) as caught:
        validate(document)
    assert caught.value.pointer == pointer
    assert caught.value.line == 1
    assert words in caught.value.message


def test_defects_are_warnings_with_file_pointer_line_and_what_is_done(tmp_path: Path) -> None:
    document = document_of(tmp_path, DEFAULTS.format(version="3.1.0", default="null"))
    warnings = validate(document)
    assert len(warnings) == 1  # one defect, one warning (the validator finds it twice)
    (warning,) = warnings
    assert warning.pointer == "/components/schemas/Item/properties/count/default"
    assert warning.line in (13, 14, 15)
    assert warning.action == "dropped"
    assert str(warning) == f"{document.display_name}:{warning.line} at #{warning.pointer}: {warning.message}: dropped"
    assert warning.as_error() == f"{document.display_name}:{warning.line} at #{warning.pointer}: {warning.message}"


def test_validation_stops_at_a_blocking_error_even_when_lenient(tmp_path: Path) -> None:
    document = document_of(tmp_path, VALID_30.replace("          in: path\n", "          in: body\n"))
    with pytest.raises(SpecError):
        validate(document, lenient=True)


def test_yaml_round_trip_of_the_conferences_spec_is_lossless() -> None:
    document = load(str(CONFERENCES))
    dumped = yaml.safe_dump(document.contents, sort_keys=False, allow_unicode=True)
    assert parse(dumped, to_uri("copy.yml")) == document.contents


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_a_default_of_another_type_is_a_warning_and_dropped(tmp_path: Path, version: str) -> None:
    document = document_of(tmp_path, DEFAULTS.format(version=version, default="'five'"))
    warnings = validate(document)
    assert [(w.pointer, w.action) for w in warnings] == [("/components/schemas/Item/properties/count/default", "dropped")]
    assert "'five' is not of type 'integer'" in warnings[0].message


@pytest.mark.parametrize(
    ("reference", "cached"),
    [
        ("'#/components/schemas/Pet'", True),
        ('"#/components/schemas/Pet"', True),
        ("'other.yaml#/Pet'", False),
        ("other.yaml", False),
    ],
)
def test_a_verdict_is_cached_unless_a_ref_leaves_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: str, cached: bool
) -> None:
    monkeypatch.delenv("SDKWRIGHT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        f"components:\n  schemas:\n    Pet: {{type: object}}\n    Pets:\n      type: array\n      items:\n        $ref: {reference}\n",
        encoding="utf-8",
    )
    (tmp_path / "other.yaml").write_text("Pet: {type: object}\n", encoding="utf-8")
    document = load(str(spec))
    validate(document)
    marker = tmp_path / "cache" / "sdkwright" / "valid"
    assert (marker.is_dir() and any(marker.iterdir())) == cached

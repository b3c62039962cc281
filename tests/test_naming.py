"""The naming stage: words, identifiers, allocation, and the names of whole specs."""

from __future__ import annotations

import copy
import itertools
import json
import keyword
import random
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import import_package
from generator import ir
from generator.document.load import load
from generator.openapi.read import build_model
from generator.naming import (
    ARGUMENT_RESERVED,
    FIELD_RESERVED,
    TOP_LEVEL_RESERVED,
    Claim,
    Names,
    allocate,
    argument_words,
    identifier,
    pascal,
    build_names,
    snake,
    stable_suffix,
    words,
)
from generator.emit.render import render
from generator.document.resolve import Resolver

OK: dict[str, Any] = {"200": {"description": "ok"}}
STR = ir.Primitive("str")


def spec(paths: dict[str, Any] | None = None, schemas: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "Test API", "version": "1.0"}, "paths": paths or {}}
    if schemas is not None:
        document["components"] = {"schemas": schemas}
    document.update(extra)
    return document


def build(path: Path, document: dict[str, Any]) -> tuple[ir.Api, Names]:
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    api = build_model(Resolver(load(str(path))))
    return api, build_names(api, "testpkg")


def type_name(api: ir.Api, names: Names, pointer: str) -> str:
    found = [names.types[t.key] for t in api.types if t.key.endswith("#" + pointer)]
    assert len(found) == 1, (pointer, sorted(names.types.values()))
    return found[0]


def is_safe(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


# -- words, snake, pascal ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("camelCaseName", ["camel", "Case", "Name"]),
        ("PascalCaseName", ["Pascal", "Case", "Name"]),
        ("snake_case_name", ["snake", "case", "name"]),
        ("kebab-case-name", ["kebab", "case", "name"]),
        ("some prose, here.", ["some", "prose", "here"]),
        ("getHTTPResponse", ["get", "HTTP", "Response"]),
        ("HTTPServer", ["HTTP", "Server"]),
        ("call-control_Errors", ["call", "control", "Errors"]),
        ("conference.participant.joined", ["conference", "participant", "joined"]),
        ("v2Api", ["v2", "Api"]),
        ("", []),
        ("---", []),
    ],
)
def test_words_splits_every_naming_style(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_words_spells_out_the_given_symbols() -> None:
    assert words("DateCreated<", {"<": " before "}) == ["Date", "Created", "before"]
    assert words("a>=b", {">=": " gte ", ">": " gt "}) == ["a", "gte", "b"]


def test_snake_and_pascal() -> None:
    assert snake(["Get", "HTTP", "Response"]) == "get_http_response"
    assert snake([]) == ""
    assert pascal(["get", "HTTP", "response"]) == "GetHTTPResponse"
    assert pascal(words("conference.created event_type")) == "ConferenceCreatedEventType"
    assert snake(words("CreateConference")) == "create_conference"
    assert pascal([]) == ""


# -- argument_words ---------------------------------------------------------------------


def test_date_comparisons_read_before_and_after() -> None:
    names = [snake(argument_words(wire, STR)) for wire in ("DateCreated", "DateCreated<", "DateCreated>")]
    assert names == ["date_created", "date_created_before", "date_created_after"]
    assert len(set(names)) == 3
    assert all(is_safe(n) for n in names)


def test_inclusive_date_comparisons() -> None:
    assert snake(argument_words("StartTime<=", STR)) == "start_time_on_or_before"
    assert snake(argument_words("StartTime>=", STR)) == "start_time_on_or_after"


def test_a_datetime_typed_argument_is_date_like_whatever_its_name() -> None:
    assert snake(argument_words("created<", ir.Primitive("datetime"))) == "created_before"
    assert snake(argument_words("birthday>", ir.Primitive("date"))) == "birthday_after"


def test_non_date_comparisons_read_lt_and_gt() -> None:
    integer = ir.Primitive("int")
    results = {wire: snake(argument_words(wire, integer)) for wire in ("Price", "Price<", "Price>", "Price<=", "Price>=", "Price!=")}
    assert results == {
        "Price": "price",
        "Price<": "price_lt",
        "Price>": "price_gt",
        "Price<=": "price_lte",
        "Price>=": "price_gte",
        "Price!=": "price_ne",
    }


# -- identifier ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["class", "def", "None", "True", "lambda", "async", "await", "import"])
def test_identifier_avoids_keywords(name: str) -> None:
    result = identifier(name, "field")
    assert result == name + "_"
    assert is_safe(result)


def test_identifier_of_a_leading_digit() -> None:
    assert identifier("3d_model", "field") == "field_3d_model"
    assert identifier("2FA", "Model") == "Model2FA"
    assert all(is_safe(n) for n in (identifier("3d_model", "field"), identifier("2FA", "Model")))


def test_identifier_of_an_empty_name_is_the_fallback() -> None:
    assert identifier("", "field") == "field"
    assert identifier("", "param", ARGUMENT_RESERVED) == "param"


def test_identifier_avoids_reserved_names() -> None:
    assert identifier("self", "param", ARGUMENT_RESERVED) == "self_"
    assert identifier("str", "field", FIELD_RESERVED) == "str_"
    assert identifier("from_dict", "field", FIELD_RESERVED) == "from_dict_"
    assert identifier("list", "Model", TOP_LEVEL_RESERVED) == "list_"
    assert identifier("Client", "Model", TOP_LEVEL_RESERVED) == "Client_"
    assert identifier("x", "field", {"x", "x_"}) == "x__"
    # A name that is merely similar is left alone.
    assert identifier("strict", "field", FIELD_RESERVED) == "strict"


@pytest.mark.parametrize(
    "text",
    ["café", "naïve résumé", "Ωmega", "Сlass", "раз два", "日本語", "ｆｕｌｌｗｉｄｔｈ", "straße"],
)
def test_non_ascii_text_gives_ascii_identifiers(text: str) -> None:
    for result in (
        identifier(snake(words(text)), "field", FIELD_RESERVED),
        identifier(pascal(words(text)), "Model", TOP_LEVEL_RESERVED),
    ):
        assert is_safe(result), (text, result)


def test_accents_are_dropped_not_the_letters() -> None:
    assert snake(words("café")) == "cafe"
    assert snake(words("naïve résumé")) == "naive_resume"
    assert snake(words("ｆｕｌｌｗｉｄｔｈ")) == "fullwidth"
    # A Cyrillic homoglyph is not taken for the Latin letter it looks like.
    assert snake(words("Сlass")) != "class"


# -- allocate -----------------------------------------------------------------------------------


def _random_claims(rng: random.Random, count: int) -> list[Claim]:
    pool = ["alpha", "beta", "gamma", "delta", "eps"]
    claims = []
    for index in range(count):
        candidates = rng.sample(pool, rng.randint(1, 3)) + [f"last_{index}"]
        claims.append(Claim(f"k{index}", tuple(candidates), explicit=rng.random() < 0.2))
    return claims


def test_allocate_gives_distinct_names_independent_of_order() -> None:
    rng = random.Random(20240611)
    for _ in range(40):
        claims = _random_claims(rng, rng.randint(2, 14))
        reference = allocate(claims, reserved={"eps"})
        assert set(reference) == {c.key for c in claims}
        assert len(set(reference.values())) == len(claims)
        assert "eps" not in reference.values()
        for claim in claims:
            assert reference[claim.key] in claim.candidates
        for _ in range(15):
            shuffled = claims[:]
            rng.shuffle(shuffled)
            assert allocate(shuffled, reserved={"eps"}) == reference


def test_allocate_is_the_same_for_every_permutation() -> None:
    claims = [
        Claim("schema", ("User", "UserModel", "User_1f"), explicit=True),
        Claim("inline-a", ("User", "OrderUser", "User_2a")),
        Claim("inline-b", ("User", "InvoiceUser", "User_3b")),
        Claim("status", ("Status", "OrderStatus", "Status_4c")),
        Claim("other-status", ("Status", "InvoiceStatus", "Status_5d")),
        Claim("order", ("OrderUser", "Order", "Order_6e")),
    ]
    results = {json.dumps(allocate(list(p)), sort_keys=True) for p in itertools.permutations(claims)}
    assert len(results) == 1
    result = allocate(claims)
    assert len(set(result.values())) == len(claims)
    assert result["schema"] == "User"


def test_an_explicit_claim_keeps_its_name_against_derived_ones() -> None:
    explicit = Claim("component", ("EventType", "EventTypeModel", "EventType_aa"), explicit=True)
    derived = [
        Claim("inline-1", ("EventType", "OrderEventType", "EventType_bb")),
        Claim("inline-2", ("EventType", "UserEventType", "EventType_cc")),
    ]
    for order in itertools.permutations([explicit, *derived]):
        result = allocate(list(order))
        assert result["component"] == "EventType"
        assert result["inline-1"] == "OrderEventType"
        assert result["inline-2"] == "UserEventType"


def test_colliding_claims_all_move_on_together() -> None:
    # Each claim's last candidate is its digest fallback, as for every type.
    claims = [Claim("a", ("Status", "OrderStatus", "StatusA1B2C3")), Claim("b", ("Status", "UserStatus", "Status9F8E7D"))]
    # Neither keeps the short name while both have a readable one left.
    assert allocate(claims) == {"a": "OrderStatus", "b": "UserStatus"}
    assert allocate(claims[::-1]) == {"a": "OrderStatus", "b": "UserStatus"}


def test_of_claims_with_no_readable_name_left_the_outermost_keeps_it() -> None:
    # A response schema `400Error` and its property `error`, whose folded name is `400Error` too.
    outer = Claim("doc#/components/responses/400Error", ("Model400Error", "Model400ErrorEB7A74"))
    inner = Claim("doc#/components/responses/400Error/properties/error", ("Model400Error", "Model400Error245CA3"))
    expected = {outer.key: "Model400Error", inner.key: "Model400Error245CA3"}
    assert allocate([outer, inner]) == expected
    assert allocate([inner, outer]) == expected


def test_allocate_never_hands_out_a_reserved_name() -> None:
    result = allocate([Claim("a", ("str", "str_", "str_1")), Claim("b", ("int", "integer"))], reserved={"str", "int"})
    assert result == {"a": "str_", "b": "integer"}


# -- whole specs: type names --------------------------------------------------------------------


def _event(event: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "data": {
                "type": "object",
                "properties": {
                    "event_type": {"type": "string", "enum": [event]},
                    "status": {"type": "string", "enum": ["queued", "sent"]},
                },
            }
        },
    }


def test_inline_enums_under_the_same_property_are_named_from_their_context(tmp_path: Path) -> None:
    schemas = {
        "OrderEvent": {"type": "object", "properties": {"event_type": {"type": "string", "enum": ["order.created", "order.paid"]}}},
        "UserEvent": {"type": "object", "properties": {"event_type": {"type": "string", "enum": ["user.created", "user.deleted"]}}},
    }
    api, names = build(tmp_path / "spec.json", spec(schemas=schemas))
    order = type_name(api, names, "/components/schemas/OrderEvent/properties/event_type")
    user = type_name(api, names, "/components/schemas/UserEvent/properties/event_type")
    assert order != user
    assert order.startswith("Order") and order.endswith("EventType")
    assert user.startswith("User") and user.endswith("EventType")
    assert not re.search(r"\d", order + user)


def _assert_distinct_or_shared_enums(api: ir.Api, names: Names) -> None:
    """Two types share a name only when they are inline enums with the same values."""
    by_name: dict[str, list[ir.NamedType]] = {}
    for named in api.types:
        by_name.setdefault(names.types[named.key], []).append(named)
    for name, group in by_name.items():
        if len(group) > 1:
            assert all(isinstance(t, ir.EnumType) and t.hint.explicit is None for t in group), name
            assert len({t.values for t in group if isinstance(t, ir.EnumType)}) == 1, name


def test_no_type_name_is_numbered(tmp_path: Path) -> None:
    schemas = {
        "OrderCreatedEvent": _event("order.created"),
        "OrderPaidEvent": _event("order.paid"),
        "UserCreatedEvent": _event("user.created"),
        "Invoice": {"type": "object", "properties": {"status": {"type": "string", "enum": ["draft", "open", "paid"]}}},
        "Refund": {"type": "object", "properties": {"status": {"type": "string", "enum": ["pending", "done"]}}},
        "Payout": {"type": "object", "properties": {"status": {"type": "string", "enum": ["pending", "failed"]}}},
    }
    paths = {
        "/orders": {
            "post": {
                "operationId": "createOrder",
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"status": {"type": "string", "enum": ["new", "held"]}},
                            }
                        }
                    }
                },
                "responses": OK,
            }
        }
    }
    api, names = build(tmp_path / "spec.json", spec(paths, schemas))
    _assert_distinct_or_shared_enums(api, names)
    for name in names.types.values():
        assert not re.search(r"\d", name), name
        assert is_safe(name)
    event_types = {
        type_name(api, names, f"/components/schemas/{s}/properties/data/properties/event_type")
        for s in ("OrderCreatedEvent", "OrderPaidEvent", "UserCreatedEvent")
    }
    assert len(event_types) == 3
    statuses = {type_name(api, names, f"/components/schemas/{s}/properties/status") for s in ("Invoice", "Refund", "Payout")}
    assert statuses == {"InvoiceStatus", "RefundStatus", "PayoutStatus"}
    # The three events' `data.status` enums have the same values and name: one type.
    shared = {
        type_name(api, names, f"/components/schemas/{s}/properties/data/properties/status")
        for s in ("OrderCreatedEvent", "OrderPaidEvent", "UserCreatedEvent")
    }
    assert len(shared) == 1


def test_a_nested_enum_under_the_same_property_name_leaves_the_outer_one_readable(tmp_path: Path) -> None:
    schemas = {
        "Invoice": {
            "type": "object",
            "properties": {
                "status": {"type": "string", "enum": ["draft", "open", "paid"]},
                "line": {"type": "object", "properties": {"status": {"type": "string", "enum": ["ok", "void"]}}},
            },
        },
        "Refund": {"type": "object", "properties": {"status": {"type": "string", "enum": ["pending", "done"]}}},
    }
    api, names = build(tmp_path / "spec.json", spec(schemas=schemas))
    outer = type_name(api, names, "/components/schemas/Invoice/properties/status")
    inner = type_name(api, names, "/components/schemas/Invoice/properties/line/properties/status")
    assert outer != inner
    for pointer, name in (("status", outer), ("line/properties/status", inner)):
        key = next(t.key for t in api.types if t.key.endswith(f"#/components/schemas/Invoice/properties/{pointer}"))
        assert not name.upper().endswith(stable_suffix(key).upper()), (outer, inner)


def test_inline_enums_with_the_same_values_and_name_are_one_type(tmp_path: Path) -> None:
    schemas = {
        "Order": {"type": "object", "properties": {"currency": {"type": "string", "enum": ["EUR", "USD"]}}},
        "Invoice": {"type": "object", "properties": {"currency": {"type": "string", "enum": ["EUR", "USD"]}}},
    }
    api, names = build(tmp_path / "spec.json", spec(schemas=schemas))
    order = type_name(api, names, "/components/schemas/Order/properties/currency")
    invoice = type_name(api, names, "/components/schemas/Invoice/properties/currency")
    assert order == invoice == "Currency"


def test_a_component_name_wins_over_an_inline_type(tmp_path: Path) -> None:
    schemas = {
        "Status": {"type": "string", "enum": ["a", "b"]},
        "Order": {"type": "object", "properties": {"status": {"type": "string", "enum": ["x", "y"]}}},
    }
    api, names = build(tmp_path / "spec.json", spec(schemas=schemas))
    assert type_name(api, names, "/components/schemas/Status") == "Status"
    assert type_name(api, names, "/components/schemas/Order/properties/status") == "OrderStatus"


def _rich_spec() -> dict[str, Any]:
    error_examples = {
        "queue_full": {"value": {"errors": [{"code": "90036", "title": "Queue full"}]}},
        "call_ended": {"value": {"errors": [{"code": "90018", "title": "Call has already ended"}]}},
    }
    return spec(
        {
            "/orders": {
                "get": {"operationId": "listOrders", "tags": ["Orders"], "parameters": [{"name": "status", "in": "query", "schema": {"type": "string", "enum": ["open", "closed"]}}], "responses": OK},
                "post": {
                    "operationId": "createOrder",
                    "tags": ["Orders"],
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}},
                    "responses": {"200": {"description": "ok"}, "422": {"description": "bad", "content": {"application/json": {"examples": error_examples}}}},
                },
            },
            "/orders/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {"tags": ["Orders"], "responses": OK},
                "delete": {"tags": ["Orders"], "responses": OK},
            },
            "/users": {"get": {"operationId": "listUsers", "tags": ["Users"], "responses": OK}},
        },
        {
            "Order": {"type": "object", "properties": {"status": {"type": "string", "enum": ["new", "paid"]}, "user": {"$ref": "#/components/schemas/User"}}},
            "User": {"type": "object", "properties": {"status": {"type": "string", "enum": ["active", "gone"]}}},
            "OrderCreatedEvent": _event("order.created"),
            "UserCreatedEvent": _event("user.created"),
        },
        webhooks={
            "order.created": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/OrderCreatedEvent"}}}}, "responses": OK}},
            "user.created": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/UserCreatedEvent"}}}}, "responses": OK}},
        },
        tags=[{"name": "Orders"}, {"name": "Users"}],
    )


def _reversed(mapping: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(list(mapping.items())))


def test_reordering_paths_components_and_webhooks_changes_no_name(tmp_path: Path) -> None:
    original = _rich_spec()
    reordered = copy.deepcopy(original)
    reordered["paths"] = _reversed({path: _reversed(item) for path, item in reordered["paths"].items()})
    reordered["components"]["schemas"] = _reversed(reordered["components"]["schemas"])
    reordered["webhooks"] = _reversed(reordered["webhooks"])
    reordered = _reversed(reordered)
    assert json.dumps(reordered) != json.dumps(original)

    path = tmp_path / "spec.json"
    api_a, names_a = build(path, original)
    api_b, names_b = build(path, reordered)
    assert names_a == names_b
    assert api_a.operations == api_b.operations
    assert api_a.types == api_b.types
    assert api_a.webhooks == api_b.webhooks
    assert len(names_a.error_codes) == 2


# -- whole specs: enum members -------------------------------------------------------------------


def _members(tmp_path: Path, values: list[Any]) -> tuple[str, ...]:
    schemas = {"Values": {"type": "string" if all(isinstance(v, str) for v in values) else "integer", "enum": values}}
    api, names = build(tmp_path / "spec.json", spec(schemas=schemas))
    [enum] = [t for t in api.types if isinstance(t, ir.EnumType)]
    members = names.members[enum.key]
    assert len(members) == len(values)
    assert len(set(members)) == len(members), members
    assert all(is_safe(m) for m in members), members
    return members


def test_member_names_of_prose_values(tmp_path: Path) -> None:
    assert _members(tmp_path, ["Australia", "Middle East", "US"]) == ("AUSTRALIA", "MIDDLE_EAST", "US")


def test_member_names_of_values_differing_only_by_punctuation_are_distinct(tmp_path: Path) -> None:
    members = _members(tmp_path, ["on-enter", "on_enter", "on enter", "on_exit"])
    assert members[3] == "ON_EXIT"


def test_spelled_out_member_names_keep_their_words(tmp_path: Path) -> None:
    members = _members(tmp_path, ["on-enter", "on_enter"])
    for member in members:
        assert {"ON", "ENTER"} <= set(member.split("_")), members


def test_member_names_of_values_starting_with_a_digit(tmp_path: Path) -> None:
    members = _members(tmp_path, ["1st", "2nd", "3d", "x"])
    assert all(not m[0].isdigit() for m in members)
    assert members[3] == "X"


def test_member_name_of_an_empty_value(tmp_path: Path) -> None:
    members = _members(tmp_path, ["", "none", "V"])
    assert members[1] == "NONE"


def test_member_names_of_integer_values(tmp_path: Path) -> None:
    members = _members(tmp_path, [1, 2, -1, 10])
    assert all(not m[0].isdigit() for m in members)


def test_member_names_of_symbols_only(tmp_path: Path) -> None:
    members = _members(tmp_path, ["<", ">", "=", "!="])
    assert len(set(members)) == 4


# -- whole specs: fields, arguments, methods ----------------------------------------------------


def test_query_parameter_and_body_field_with_the_same_name_both_survive(tmp_path: Path) -> None:
    paths = {
        "/items": {
            "post": {
                "operationId": "createItem",
                "parameters": [{"name": "name", "in": "query", "schema": {"type": "string"}}],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "integer"}}}
                        }
                    }
                },
                "responses": OK,
            }
        }
    }
    api, names = build(tmp_path / "spec.json", spec(paths))
    [op] = names.operations
    assert len(op.arguments) == 3
    assert len(set(op.arguments)) == 3
    query_name, body_name, size = op.arguments
    assert "name" in query_name and "name" in body_name
    assert query_name != body_name
    assert size == "size"
    assert all(is_safe(a) for a in op.arguments)


def test_date_filters_become_distinct_arguments(tmp_path: Path) -> None:
    parameters = [{"name": n, "in": "query", "schema": {"type": "string"}} for n in ("DateCreated", "DateCreated<", "DateCreated>")]
    api, names = build(tmp_path / "spec.json", spec({"/calls": {"get": {"operationId": "listCalls", "parameters": parameters, "responses": OK}}}))
    assert names.operations[0].arguments == ("date_created", "date_created_before", "date_created_after")


def test_fields_are_safe_and_distinct(tmp_path: Path) -> None:
    properties = {name: {"type": "string"} for name in ("class", "from", "str", "field", "to_dict", "user-id", "user_id", "userId", "café")}
    api, names = build(tmp_path / "spec.json", spec(schemas={"Thing": {"type": "object", "properties": properties}}))
    [obj] = [t for t in api.types if isinstance(t, ir.ObjectType)]
    fields = names.fields[obj.key]
    assert len(fields) == len(properties)
    assert len(set(fields)) == len(fields)
    assert all(is_safe(f) for f in fields)
    assert not set(fields) & FIELD_RESERVED
    by_wire = dict(zip(properties, fields))
    assert by_wire["class"] == "class_"
    assert by_wire["café"] == "cafe"


def test_fields_of_non_latin_names_do_not_start_with_an_underscore(tmp_path: Path) -> None:
    properties = {name: {"type": "string"} for name in ("имя", "тип", "日付")}
    api, names = build(tmp_path / "spec.json", spec(schemas={"Thing": {"type": "object", "properties": properties}}))
    [obj] = [t for t in api.types if isinstance(t, ir.ObjectType)]
    fields = names.fields[obj.key]
    assert len(set(fields)) == 3
    assert all(is_safe(f) and not f.startswith("_") for f in fields), fields


def test_operations_without_operation_id_get_method_names(tmp_path: Path) -> None:
    paths = {
        "/things": {"get": {"responses": OK}, "post": {"responses": OK}},
        "/things/{thing_id}": {
            "parameters": [{"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"responses": OK},
            "delete": {"responses": OK},
        },
    }
    api, names = build(tmp_path / "spec.json", spec(paths))
    methods = {(op.method, op.path): n.method for op, n in zip(api.operations, names.operations)}
    assert len(set(methods.values())) == 4
    for (method, path), name in methods.items():
        assert is_safe(name)
        assert name.startswith(method.lower() + "_")
        assert "things" in name
    assert "thing_id" in methods[("GET", "/things/{thing_id}")]
    errors = [n.error_class for n in names.operations]
    assert len(set(errors)) == 4


def test_operation_ids_that_snake_alike_both_survive(tmp_path: Path) -> None:
    paths = {
        "/users": {"get": {"operationId": "getUsers", "responses": OK}},
        "/people": {"get": {"operationId": "get_users", "responses": OK}},
    }
    api, names = build(tmp_path / "spec.json", spec(paths))
    methods = [n.method for n in names.operations]
    errors = [n.error_class for n in names.operations]
    assert len(set(methods)) == 2
    assert len(set(errors)) == 2
    assert all(is_safe(m) for m in methods)


def test_fallback_method_names_keep_their_words(tmp_path: Path) -> None:
    paths = {
        "/users": {"get": {"operationId": "getUsers", "responses": OK}},
        "/people": {"get": {"operationId": "get_users", "responses": OK}},
    }
    api, names = build(tmp_path / "spec.json", spec(paths))
    by_path = {op.path: n.method for op, n in zip(api.operations, names.operations)}
    assert "users" in by_path["/users"].split("_"), by_path
    assert "people" in by_path["/people"].split("_"), by_path


def test_operation_ids_that_snake_alike_on_one_path_get_distinct_error_classes(tmp_path: Path) -> None:
    paths = {"/users": {"get": {"operationId": "getUsers", "responses": OK}, "post": {"operationId": "get_users", "responses": OK}}}
    api, names = build(tmp_path / "spec.json", spec(paths))
    methods = [n.method for n in names.operations]
    assert len(set(methods)) == 2
    errors = [n.error_class for n in names.operations]
    assert len(set(errors)) == 2, errors


def test_error_code_classes_are_named_from_their_examples(tmp_path: Path) -> None:
    api, names = build(tmp_path / "spec.json", _rich_spec())
    classes = {code: name for code, (name, _) in names.error_codes.items()}
    assert classes == {"90036": "QueueFullError", "90018": "CallEndedError"}


def test_an_argument_named_like_a_builtin_the_method_uses_still_works(tmp_path: Path) -> None:
    from generator.config import Job
    from generator.pipeline import generate

    response = {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}}}
    document = spec(
        {"/search": {"get": {"operationId": "search", "parameters": [{"name": "locals", "in": "query", "schema": {"type": "string"}}], "responses": response}}},
        servers=[{"url": "https://api.example.com"}],
    )
    source = tmp_path / "spec.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    generate(Job(str(source), tmp_path / "out", "localspkg"))
    package = import_package(tmp_path / "out", "localspkg")
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    client = package.Client(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    [argument] = build_names(build_model(Resolver(load(str(source)))), "localspkg").operations[0].arguments
    result = client.default.search(**{argument: "here"})
    assert result.ok is True
    assert seen[0].url.params["locals"] == "here"


def test_a_response_and_its_enum_property_of_one_name_both_read_well(tmp_path: Path) -> None:
    # Two `error` enums cannot both be `Error`; each then folds to its response's
    # own name (`400Error`): the response keeps it, the enum says every word.
    def error_response(codes: list[str]) -> dict[str, Any]:
        schema = {"type": "object", "properties": {"error": {"type": "string", "enum": codes}}}
        return {"description": "error", "content": {"application/json": {"schema": schema}}}

    responses = {"400Error": error_response(["missing_parameter", "invalid_format"]), "401Error": error_response(["no_token", "expired_token"])}
    responses_of_get = {"200": {"description": "ok"}, **{code[:3]: {"$ref": f"#/components/responses/{code}"} for code in responses}}
    paths = {"/things": {"get": {"operationId": "listThings", "responses": responses_of_get}}}
    api, names = build(tmp_path / "spec.json", spec(paths=paths, components={"responses": responses}))
    found = {
        code: (
            type_name(api, names, f"/components/responses/{code}/content/application~1json/schema"),
            type_name(api, names, f"/components/responses/{code}/content/application~1json/schema/properties/error"),
        )
        for code in responses
    }
    assert found == {"400Error": ("Model400Error", "Model400ErrorError"), "401Error": ("Model401Error", "Model401ErrorError")}


def test_parameters_of_one_name_that_differ_are_named_by_an_operation(tmp_path: Path) -> None:
    def country(values: list[str]) -> dict[str, Any]:
        return {"name": "country", "in": "query", "schema": {"type": "string", "enum": values}}

    def operation(name: str, values: list[str]) -> dict[str, Any]:
        return {"operationId": name, "parameters": [country(values)], "responses": {"200": {"description": "ok"}}}

    paths = {
        "/cars": {"get": operation("listCars", ["us", "ca"])},
        "/cars/new": {"get": operation("listNewCars", ["us", "ca"])},
        "/bikes": {"get": operation("listBikes", ["uk", "de"])},
        "/bikes/new": {"get": operation("listNewBikes", ["uk", "de"])},
    }
    api, names = build(tmp_path / "spec.json", spec(paths=paths))
    operations = render(api, names)["testpkg/_operations.py"]
    constants = sorted(re.findall(r"^(\w+) = Param\(", operations, re.MULTILINE))
    assert constants == ["LIST_BIKES_COUNTRY", "LIST_CARS_COUNTRY"], operations


def test_two_success_responses_are_named_apart_by_status(tmp_path: Path) -> None:
    def body(field: str) -> dict[str, Any]:
        return {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {field: {"type": "string"}}}}}}

    paths = {"/jobs": {"post": {"operationId": "startJob", "responses": {"200": body("result"), "202": body("ticket")}}}}
    api, names = build(tmp_path / "spec.json", spec(paths=paths))
    found = {
        status: type_name(api, names, f"/paths/~1jobs/post/responses/{status}/content/application~1json/schema")
        for status in ("200", "202")
    }
    assert found == {"200": "StartJobResponse", "202": "StartJob202Response"}


def test_an_inline_copy_of_a_component_is_named_by_its_kind_not_a_digest(tmp_path: Path) -> None:
    # Converted specs often repeat a component inline, where its context gives the same name.
    shape = {"type": "object", "properties": {"name": {"type": "string"}}}
    paths = {
        "/things": {
            "post": {
                "operationId": "createThing",
                "requestBody": {"content": {"application/json": {"schema": shape}}},
                "responses": {"200": {"description": "ok"}},
            }
        }
    }
    api, names = build(tmp_path / "spec.json", spec(paths=paths, schemas={"CreateThingRequest": shape}))
    inline = type_name(api, names, "/paths/~1things/post/requestBody/content/application~1json/schema")
    assert type_name(api, names, "/components/schemas/CreateThingRequest") == "CreateThingRequest"
    assert inline == "CreateThingRequestObject"


# -- words: merging word lists, and the digest candidate of a type --------------

WORD_GROUPS = [
    ["Conference", "Created", "Event"],
    ["event", "Type"],
    ["Event"],
    ["created", "event", "type", "value"],
    [],
    ["A", "a", "A"],
    ["a", "A", "b"],
]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_merged_pascal_is_pascal_of_merged_words(size: int) -> None:
    from generator.naming.words import merge_words, merged_pascal, prepared

    for groups in itertools.product(WORD_GROUPS, repeat=size):
        assert merged_pascal(*(prepared(group) for group in groups)) == pascal(merge_words(*groups)), groups


@pytest.mark.parametrize(
    "context",
    [(), ("",), ("", ""), ("Pet",), ("repos/get response", "owner"), ("Überweisung", "ñame", "x-rate-limit"), ("a  b", "", "CSVRow2d")],
)
def test_the_digest_candidate_says_every_word_of_the_context(context: tuple[str, ...]) -> None:
    from generator.naming.names import _type_candidates

    named = ir.ObjectType("#/x", ir.NameHint(None, context), None, ())
    candidates, explicit = _type_candidates(named, "#/x")
    assert not explicit
    assert candidates[-1] == pascal(words(" ".join(context) or "Model")) + stable_suffix("#/x").upper()


def test_two_fields_of_one_wire_name_get_two_names() -> None:
    # Not from a spec (an object's wire names are its schema's keys): a model made by hand.
    twice = (ir.Property("id", STR, True), ir.Property("id", STR, False), ir.Property("name", STR, True))
    obj = ir.ObjectType("#/components/schemas/Pair", ir.NameHint("Pair", ("Pair",)), None, twice)
    api = ir.Api("T", "1", None, "3.1.0", (), (), (), (), (), (obj,))
    names = build_names(api, "t", root="")
    first, second, other = names.fields[obj.key]
    assert len({first, second, other}) == 3 and first == "id" and other == "name"
    places = sorted(key.place for key, _ in names.lock if key.kind == "field")
    assert places == [("", "/components/schemas/Pair", "id"), ("", "/components/schemas/Pair", "id", "2"), ("", "/components/schemas/Pair", "name")]


def test_no_group_is_named_as_an_attribute_the_clients_hold() -> None:
    """Every public name the runtime's clients define (methods, class attributes, attributes set
    in `__init__`) is reserved for groups: a group `version` would hide the client's `version`."""
    import ast

    from generator import TEMPLATES
    from generator.naming.names import GROUP_ATTRIBUTE_RESERVED

    tree = ast.parse((TEMPLATES / "runtime" / "client.py").read_text(encoding="utf-8"))
    held: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in ("_Sender", "BaseClient", "AsyncBaseClient"):
            for item in ast.walk(node):
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item in node.body:
                    held.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and item in node.body:
                    held.add(item.target.id)
                elif isinstance(item, ast.Attribute) and isinstance(item.ctx, ast.Store) and isinstance(item.value, ast.Name) and item.value.id == "self":
                    held.add(item.attr)
    assert "version" in held and "close" in held  # the walk reads the runtime
    assert {name for name in held if not name.startswith("_")} <= GROUP_ATTRIBUTE_RESERVED


def test_no_group_is_named_as_the_decorator_of_the_split_clients_groups(tmp_path: Path) -> None:
    """A client split by group defines each group with `@cached_property`: a group of that name
    would hide the decorator from the groups after it."""
    paths = {"/a": {"get": {"operationId": "get_a", "tags": ["cached_property"], "responses": OK}}}
    _, names = build(tmp_path / "spec.json", spec(paths))
    assert [group.attribute for group in names.groups] == ["cached_property_resource"]


def test_a_group_named_as_a_client_attribute_is_reached_beside_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    from generator.config import Job
    from generator.pipeline import generate

    tags = ("version", "package", "security", "pets")
    paths = {f"/{tag}": {"get": {"operationId": f"get_{tag}", "tags": [tag], "responses": {"204": {"description": "ok"}}}} for tag in tags}
    (tmp_path / "spec.json").write_text(json.dumps(spec(paths)), encoding="utf-8")
    generate(Job(str(tmp_path / "spec.json"), tmp_path / "out", "tagged"))
    client = import_package(tmp_path / "out", "tagged").Client()
    assert isinstance(client.version, str)  # the package's version, not a group
    assert [type(getattr(client, f"{tag}_resource")).__name__ for tag in tags[:3]] == ["VersionResource", "PackageResource", "SecurityResource"]
    assert type(client.pets).__name__ == "PetsResource"
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "tagged"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.parametrize("split", [False, True], ids=["flat", "split by group"])
def test_methods_named_like_builtins_keep_their_names_and_the_annotations_after_them_their_meaning(tmp_path: Path, split: bool) -> None:
    """An operation `list` is `client.templates.list(...)`: a type checker reads a class body in
    order, so a method named like a builtin the annotations use is defined after the others
    (its pager too), where `list[str]` still names the builtin. A schema `Union` is no class
    named `Union`, which the runtime (and `typing`) take for `typing.Union`."""
    import subprocess
    import sys

    from generator.config import Job
    from generator.pipeline import generate

    listed = {"name": "ids", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}}
    page = {"name": "page", "in": "query", "schema": {"type": "integer"}}
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string"}}, "meta": {"type": "object", "additionalProperties": {"type": "string"}}}}}}}
    paged = {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/Union"}}, "next": {"type": "string"}}}
    ok = {"200": {"description": "ok"}}
    paths = {
        "/templates": {
            "get": {"operationId": "list", "tags": ["templates"], "parameters": [listed, page], "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": paged}}}}},
            "post": {"operationId": "dict", "tags": ["templates"], "requestBody": body, "responses": ok},
        },
        "/templates/{id}": {
            "patch": {"operationId": "update", "tags": ["templates"], "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}, listed], "requestBody": body, "responses": ok}
        },
        "/strings": {"get": {"operationId": "str", "tags": ["templates"], "parameters": [listed], "responses": ok}},
    }
    if split:  # enough operations for the layout of a module per group (`render.LAZY_FROM`)
        paths.update({f"/other/{i}": {"get": {"operationId": f"other{i}", "tags": ["other"], "responses": ok}} for i in range(100)})
    document = spec(paths)
    document["components"] = {"schemas": {"Union": {"type": "object", "properties": {"id": {"type": "string"}, "items": {"type": "array", "items": {"type": "integer"}}}}}}
    (tmp_path / "spec.json").write_text(json.dumps(document), encoding="utf-8")
    generate(Job(str(tmp_path / "spec.json"), tmp_path / "out", "shadowed"))
    package = import_package(tmp_path / "out", "shadowed")
    resource = package.client.Client().templates.__class__
    assert {"list", "dict", "str", "update", "iter_list"} <= set(vars(resource))
    assert not hasattr(package.models, "Union")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "shadowed"], cwd=tmp_path / "out", capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]

"""Contract tests: the generated SDK against Prism, a mock server that validates requests against the spec.

Every operation of specs/conferences.yml and every conference and participant
operation of the third-party specs is called through the generated client, once
with the required arguments only and once with every argument. The arguments are
made from what the SDK declares (`Operation`, `Param`, `Body`, the models'
annotations and checks) plus the spec's `format`s, never written per operation.
Prism (`--errors`) answers a request that breaks the spec with an error, which
the SDK raises, so a passing call means the request was valid; the response,
one of the spec's examples, must then parse into the declared type all the way
down (models, enums, dates), not merely decode.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime
import enum
import functools
import inspect
import json
import re
import types
import typing
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st

from conftest import CONFERENCES, SHARED, client_groups, import_package, runtime_of
from generator.config import Job
from generator.pipeline import generate
from prism import ensure_prism, prism_mock

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ABSENT = "../shared/specs is absent (third-party specs are not part of the repository)"


# -- the specs and the operations under test --------------------------------------


def _newest_twilio() -> Path | None:
    found = sorted(
        (SHARED / "specs" / "twilio_history").glob("twilio_api_v2010.*.yaml"),
        key=lambda p: p.name,  # the version is an ISO date in the name
    )
    return found[-1] if found else None


@dataclass(frozen=True)
class Spec:
    name: str
    path: Path | None
    shared: bool  # a third-party spec: only its conference and participant operations

    def selects(self, path: str) -> bool:
        return not self.shared or bool(re.search("conference|participant", path, re.IGNORECASE))


SPECS = (
    Spec("conferences", CONFERENCES, False),
    Spec("twilio", _newest_twilio(), True),
    Spec("signalwire", SHARED / "specs" / "signalwire_compatibility.yaml", True),
)


@functools.lru_cache(maxsize=None)
def load_document(path: Path) -> Mapping[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        document: Mapping[str, Any] = yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    return document


def selected_operations(spec: Spec) -> list[tuple[str, str]]:
    """(METHOD, path) of the operations of `spec` under test, in the spec's order."""
    document = load_document(spec.path) if spec.path else {}
    return [
        (method.upper(), str(path))
        for path, item in (document.get("paths") or {}).items()
        if spec.selects(str(path))
        for method in HTTP_METHODS
        if isinstance(item.get(method), dict)
    ]


def operation_params() -> list[Any]:
    params = []
    for spec in SPECS:
        if spec.path is None or not spec.path.is_file():
            params.append(pytest.param(spec, None, None, id=f"{spec.name}-absent", marks=pytest.mark.skip(reason=ABSENT)))
            continue
        for method, path in selected_operations(spec):
            for filled in (False, True):
                label = f"{spec.name}-{method} {path}-{'all' if filled else 'required'}"
                params.append(pytest.param(spec, (method, path), filled, id=label))
    return params


def resolve(document: Mapping[str, Any], node: Any) -> Any:
    """`node` with its local `$ref`s followed (None where a reference leads nowhere)."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and seen < 50:
        reference = node["$ref"]
        if not reference.startswith("#/"):
            return None
        node = document
        for part in reference[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part) if isinstance(node, Mapping) else None
        seen += 1
    return node


def properties_of(document: Mapping[str, Any], schema: Any) -> dict[str, Any]:
    """The properties of an object schema, its `allOf` parts' included."""
    schema = resolve(document, schema)
    if not isinstance(schema, Mapping):
        return {}
    found: dict[str, Any] = {}
    for part in schema.get("allOf") or ():
        found.update(properties_of(document, part))
    found.update(schema.get("properties") or {})
    return found


# -- valid values, from the SDK's declarations --------------------------------------

FORMAT_EXAMPLES = {
    "uri": "https://example.com/callback",
    "url": "https://example.com/callback",
    "uri-reference": "https://example.com/callback",
    "iri": "https://example.com/callback",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "someone@example.com",
    "idn-email": "someone@example.com",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "date": "2024-01-02",
    "date-time": "2024-01-02T03:04:05Z",
    "time": "03:04:05Z",
    "byte": base64.b64encode(b"example").decode("ascii"),
    "json-pointer": "/example",
}

_REGEX_SETTINGS = settings(
    database=None, derandomize=True, max_examples=50, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
)


@functools.lru_cache(maxsize=None)
def matching_string(pattern: str, shortest: int, longest: int) -> str:
    """A string matching `pattern` with a length in [shortest, longest], the same on every run."""
    strategy = st.from_regex(pattern, fullmatch=False).filter(lambda s: shortest <= len(s) <= longest)
    result: str = find(strategy, lambda s: re.search(pattern, s) is not None, settings=_REGEX_SETTINGS)
    return result


def format_of(document: Mapping[str, Any], schema: Any) -> str | None:
    """The schema's `format`, or that of a part of its `allOf`."""
    schema = resolve(document, schema)
    if not isinstance(schema, Mapping):
        return None
    if isinstance(schema.get("format"), str):
        return str(schema["format"])
    return next((f for f in (format_of(document, part) for part in schema.get("allOf") or ()) if f), None)


def string_for(checks: Mapping[str, Any], fmt: str | None) -> str:
    shortest = int(checks.get("minLength", 0))
    longest = int(checks.get("maxLength", 10_000))
    if "pattern" in checks:
        return matching_string(str(checks["pattern"]), shortest, longest)
    text = FORMAT_EXAMPLES.get(str(fmt), "example")
    if len(text) < shortest:
        text += "x" * (shortest - len(text))
    return text[: max(longest, 1)]


def number_for(kind: type, checks: Mapping[str, Any]) -> Any:
    step = 1 if kind is int else 0.5
    value: Any = 1
    if "minimum" in checks:
        value = checks["minimum"]
    if "exclusiveMinimum" in checks:
        value = checks["exclusiveMinimum"] + step
    if "maximum" in checks and value > checks["maximum"]:
        value = checks["maximum"]
    if "exclusiveMaximum" in checks and value >= checks["exclusiveMaximum"]:
        value = checks["exclusiveMaximum"] - step
    return kind(value)


FORM = "application/x-www-form-urlencoded"
FORM_ARRAYS = (
    "Prism 5 keeps only one value of a form field given more than once (stoplightio/prism#2473),"
    " so it refuses an array sent as OpenAPI's default form style; the SDK sends arrays that way"
)


def is_list(annotation: Any) -> bool:
    annotation = _strip(annotation)
    variants = typing.get_args(annotation) if _is_union(annotation) else (annotation,)
    return any(typing.get_origin(_strip(v)) in (list, Sequence) for v in variants)


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


class Values:
    """Builds valid arguments for the operations of one generated package."""

    def __init__(self, package: ModuleType, document: Mapping[str, Any]) -> None:
        self.runtime = runtime_of(package.__name__)
        self.document = document

    def value(self, annotation: Any, checks: Mapping[str, Any], schema: Any, filled: bool, depth: int = 0) -> Any:
        annotation = _strip(self.runtime.resolved(annotation))  # an SDK split by group names its types as strings
        schema = resolve(self.document, schema)
        if _is_union(annotation):
            variants = [a for a in typing.get_args(annotation) if a not in (self.runtime.Unset, type(None))]
            assert variants, f"no value fits {annotation}"
            branches: Sequence[Any] = (schema.get("oneOf") or schema.get("anyOf") or []) if isinstance(schema, Mapping) else []
            branch = branches[0] if len(branches) == len(variants) else schema
            return self.value(variants[0], checks, branch, filled, depth)
        origin = typing.get_origin(annotation)
        if origin in (list, Sequence):
            items = schema.get("items") if isinstance(schema, Mapping) else None
            item = self.value(typing.get_args(annotation)[0], {}, items, filled, depth + 1)
            # two items where allowed: a form field given once would not read back as an array
            return [item] * max(int(checks.get("minItems", 0)), min(int(checks.get("maxItems", 2)), 2), 1)
        if origin in (dict, Mapping):
            extra = schema.get("additionalProperties") if isinstance(schema, Mapping) else None
            return {"key": self.value(typing.get_args(annotation)[1], {}, extra, filled, depth + 1)}
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            return next(iter(annotation))
        if isinstance(annotation, type) and issubclass(annotation, self.runtime.Model):
            return self.model(annotation, schema, filled, depth + 1)
        if annotation is bool:
            return True
        if annotation in (int, float):
            return number_for(annotation, checks)
        if annotation is str:
            return string_for(checks, format_of(self.document, schema))
        if annotation is bytes:
            return b"example"
        if annotation is datetime.datetime:
            return datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        if annotation is datetime.date:
            return datetime.date(2024, 1, 2)
        return "example"  # Any

    def model(self, kind: type, schema: Any, filled: bool, depth: int) -> Any:
        """An instance with its required fields set, and the optional ones too when `filled` (not too deep)."""
        hints = typing.get_type_hints(kind, include_extras=True)
        schemas = properties_of(self.document, schema)
        given = {}
        for f in dataclasses.fields(kind):
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if f.metadata.get("readOnly") or not (required or (filled and depth <= 3)):
                continue
            checks = {k: v for k, v in f.metadata.items() if k not in ("wire", "readOnly")}
            given[f.name] = self.value(hints[f.name], checks, schemas.get(f.metadata.get("wire", f.name)), filled, depth)
        return kind(**given)

    def arguments(self, operation: Any, filled: bool) -> dict[str, Any]:
        """Valid arguments of `operation`, by argument name: the required ones, or all when `filled`."""
        spec_operation = resolve(self.document, self.document["paths"][operation.path])
        found = {}
        declared = {}
        for parameter in [*spec_operation.get("parameters", ()), *spec_operation[operation.method.lower()].get("parameters", ())]:
            parameter = resolve(self.document, parameter)
            declared[(parameter["in"], parameter["name"])] = parameter.get("schema")
        for param in operation.params:
            if param.required or filled:
                schema = declared.get((param.location, param.wire))
                found[param.argument] = self.value(param.type, param.checks, schema, filled)
        body = operation.body
        if body is not None:
            request_body = resolve(self.document, spec_operation[operation.method.lower()].get("requestBody")) or {}
            schema = resolve(self.document, (request_body.get("content", {}).get(body.media_type) or {}).get("schema"))
            if body.flatten:
                hints = typing.get_type_hints(self.runtime.resolved(body.type), include_extras=True)
                fields = {f.name: f for f in dataclasses.fields(self.runtime.resolved(body.type))}
                schemas = properties_of(self.document, schema)
                # A required form body of optional fields only: the SDK sends only what the caller
                # sets (no defaults), and an empty form is no body at all, so the caller sets one.
                needs_one = body.media_type == FORM and body.required and not any(
                    f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING for f in fields.values()
                )
                for argument, name in body.arguments:
                    f = fields[name]
                    required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                    if not required and body.media_type == FORM and is_list(hints[name]):
                        continue  # Prism reads a repeated form field as one string (see FORM_ARRAYS)
                    if required or filled or needs_one:
                        needs_one = False
                        checks = {k: v for k, v in f.metadata.items() if k not in ("wire", "readOnly")}
                        wire = f.metadata.get("wire", name)
                        found[argument] = self.value(hints[name], checks, schemas.get(wire), filled)
            elif body.required or filled:
                found[body.argument] = self.value(body.type, {}, schema, filled)
        return found


# -- the typed result, checked all the way down -------------------------------------


def mistyped(value: Any, annotation: Any, runtime: ModuleType, where: str = "result") -> str | None:
    """Where `value` is not of `annotation` (a raw dict, a date left as text, ...), or None."""
    annotation = _strip(annotation)
    if _is_union(annotation):
        variants = typing.get_args(annotation)
        if value is runtime.UNSET and runtime.Unset in variants or value is None and type(None) in variants:
            return None
        problems = [mistyped(value, v, runtime, where) for v in variants if v not in (runtime.Unset, type(None))]
        return None if any(p is None for p in problems) else " / ".join(p for p in problems if p)
    origin = typing.get_origin(annotation)
    if origin in (list, Sequence):
        if not isinstance(value, list):
            return f"{where}: {value!r:.80} is not a list"
        item = typing.get_args(annotation)[0]
        return next((p for i, v in enumerate(value) if v is not None and (p := mistyped(v, item, runtime, f"{where}[{i}]"))), None)
    if origin in (dict, Mapping):
        if not isinstance(value, Mapping):
            return f"{where}: {value!r:.80} is not a mapping"
        item = typing.get_args(annotation)[1]
        return next((p for k, v in value.items() if v is not None and (p := mistyped(v, item, runtime, f"{where}[{k!r}]"))), None)
    if annotation in (Any, object):
        return None
    if annotation is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif annotation is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif annotation is datetime.date:
        ok = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    elif isinstance(annotation, type):
        ok = isinstance(value, annotation)
    else:
        return None  # a form the SDK does not generate
    if not ok:
        return f"{where}: {value!r:.80} is not a {getattr(annotation, '__name__', annotation)}"
    if isinstance(annotation, type) and issubclass(annotation, runtime.Model):
        hints = typing.get_type_hints(annotation, include_extras=True)
        for f in dataclasses.fields(annotation):
            problem = mistyped(getattr(value, f.name), hints[f.name], runtime, f"{where}.{f.name}")
            if problem:
                return problem
    return None


# -- the generated SDK and its Prism, once per spec ----------------------------------


class Recorder:
    """Stands in for the client: records the operation a method sends, sends nothing."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    def _send(self, operation: Any, arguments: Any) -> None:
        self.sent.append(operation)


def credentials_of(client_class: type) -> dict[str, str]:
    """The client's credential arguments (those not common to every generated client), filled."""
    common = {"base_url", "http_client", "headers", "timeout", "max_retries", "retry_policy"}
    parameters = inspect.signature(client_class).parameters
    return {
        name: "test"
        for name, p in parameters.items()
        if name not in common and p.kind is p.KEYWORD_ONLY and str(p.annotation).startswith("str")
    }


@dataclass
class Contract:
    """The generated package of one spec, its methods by (METHOD, path), and Prism serving the spec."""

    spec: Spec
    package: ModuleType
    base_url: str
    methods: dict[tuple[str, str], tuple[str, str, Any]]  # -> (group, method name, Operation)
    values: Values
    statuses: list[int] = dataclasses.field(default_factory=list)

    def call(self, method: str, path: str, arguments: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> Any:
        """Call the operation through its method of a client of Prism; the status is appended to `statuses`."""
        group, name, _ = self.methods[(method, path)]
        hooks = {"response": [lambda response: self.statuses.append(response.status_code)]}
        with httpx.Client(timeout=30.0, event_hooks=hooks) as http:
            # No retries: a contract failure shows at once; retries have tests of their own.
            client = self.package.Client(
                base_url=self.base_url, http_client=http, max_retries=0, **credentials_of(self.package.Client)
            )
            bound = getattr(getattr(client, group), name)
            parameters = inspect.signature(bound).parameters
            unknown = set(arguments) - set(parameters)
            assert not unknown, f"{group}.{name} has no arguments {sorted(unknown)}"
            positional = [v for n, v in arguments.items() if parameters[n].kind is POSITIONAL]
            keywords = {n: v for n, v in arguments.items() if parameters[n].kind is not POSITIONAL}
            if headers:
                keywords["extra_headers"] = headers  # this call only
            return bound(*positional, **keywords)


POSITIONAL = inspect.Parameter.POSITIONAL_OR_KEYWORD


def methods_of(package: ModuleType) -> dict[tuple[str, str], tuple[str, str, Any]]:
    """(METHOD, path) -> (group, method, Operation) for every public method of the generated client."""
    runtime = runtime_of(package.__name__)
    client = package.Client(base_url="http://127.0.0.1:9", **credentials_of(package.Client))
    found = {}
    try:
        for group in client_groups(client):
            resource = getattr(client, group)
            if not isinstance(resource, runtime.Resource):
                continue
            for name in dir(resource):
                if name.startswith("_") or not callable(getattr(resource, name)):
                    continue
                if str(inspect.signature(getattr(resource, name)).return_annotation).startswith("Pager["):
                    continue  # the items of a list operation's pages: the list operation is called
                recorder = Recorder()
                method = getattr(type(resource)(recorder), name)
                parameters = inspect.signature(method).parameters.values()
                positional = ["x" for p in parameters if p.kind is POSITIONAL and p.default is p.empty]
                keywords = {p.name: "x" for p in parameters if p.kind is p.KEYWORD_ONLY and p.default is p.empty}
                method(*positional, **keywords)
                (operation,) = recorder.sent
                found[(operation.method, operation.path)] = (group, name, operation)
    finally:
        client.close()
    return found


class Contracts:
    """The contract of one spec at a time: starting another spec's stops the previous Prism."""

    def __init__(self, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.request = request
        self.tmp_path_factory = tmp_path_factory
        self.current: Contract | None = None
        self.stack = contextlib.ExitStack()

    def of(self, spec: Spec) -> Contract:
        if self.current is None or self.current.spec != spec:
            self.close()
            if spec.shared:
                self.request.getfixturevalue("shared_specs")  # skips when ../shared/specs is absent
            assert spec.path is not None
            ensure_prism()  # before generating: skips at once without Node.js
            workspace = self.tmp_path_factory.mktemp(f"contract-{spec.name}")
            result, _ = generate(Job(str(spec.path), workspace / "sdk"))
            (name,) = {path.split("/")[0] for path in result.files if path.endswith("/py.typed")}
            package = import_package(workspace / "sdk", name)
            base_url = self.stack.enter_context(prism_mock(spec.path, workspace / "prism.log"))
            values = Values(package, load_document(spec.path))
            self.current = Contract(spec, package, base_url, methods_of(package), values)
        return self.current

    def close(self) -> None:
        self.current = None
        self.stack.close()


@pytest.fixture(scope="module")
def contracts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contracts]:
    """Generated SDKs with their Prism, one spec at a time (tests come grouped by spec)."""
    started = Contracts(request, tmp_path_factory)
    try:
        yield started
    finally:
        started.close()


def declared_type(operation: Any, status: int, resolved: Callable[[Any], Any]) -> Any:
    """The type the operation declares for a response status (as the runtime chooses it, and
    `resolved` evaluates it: an SDK split by group names its types as strings)."""
    key = str(status)
    responses = operation.responses
    return resolved(responses[key] if key in responses else responses.get(f"{key[0]}XX", responses.get("default")))





# -- error examples --------------------------------------------------------------------

CONFERENCES_SPEC = SPECS[0]
ERRORS_OF = "JoinConference"  # the operation whose documented error examples Prism plays back


def error_examples(operation_id: str) -> list[Any]:
    """(status, example name or None, error code) of every example of the operation's 4xx responses."""
    document = load_document(CONFERENCES)
    found = []
    for path, item in document["paths"].items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping) or operation.get("operationId") != operation_id:
                continue
            for status, response in operation["responses"].items():
                if not str(status).startswith("4"):
                    continue
                content = (resolve(document, response).get("content") or {}).get("application/json") or {}
                named = {name: resolve(document, e)["value"] for name, e in (content.get("examples") or {}).items()}
                samples = named.items() if named else [(None, content["example"])] if "example" in content else []
                for name, value in samples:
                    code = str(value["errors"][0]["code"])
                    found.append(pytest.param((method.upper(), str(path)), int(status), name, code, id=f"{status}-{name or 'example'}"))
    assert found, f"{operation_id} documents no 4xx examples"
    return found


@pytest.mark.parametrize(("operation", "status", "example", "code"), error_examples(ERRORS_OF))
def test_a_documented_error_example_raises_its_code_status_and_operation_class(
    contracts: Contracts, operation: tuple[str, str], status: int, example: str | None, code: str
) -> None:
    contract = contracts.of(CONFERENCES_SPEC)
    errors = contract.package.errors
    _, _, described = contract.methods[operation]
    arguments = contract.values.arguments(described, filled=False)
    prefer = f"code={status}" + (f", example={example}" if example else "")
    with pytest.raises(errors.APIStatusError) as caught:
        contract.call(*operation, arguments, headers={"Prefer": prefer})
    error = caught.value
    assert error.status == status
    assert error.error_code == code  # the example's, not a complaint of Prism about the request
    assert isinstance(error, errors.ERROR_CODES[code])
    assert isinstance(error, errors.STATUS_ERRORS[status])
    assert isinstance(error, described.error)


# -- every operation ------------------------------------------------------------------


def response_violations(error: Any) -> list[Any]:
    """Prism's complaints about its own answer (an example that breaks the spec's schema), else []."""
    found = error.body.get("validation") if error.status == 500 and isinstance(error.body, Mapping) else None
    if not found or not all(v.get("location", [None])[0] == "response" for v in found):
        return []
    return list(found)


@pytest.mark.parametrize(("spec", "operation", "filled"), operation_params())
def test_prism_accepts_the_request_and_the_sdk_types_the_response(
    contracts: Contracts, spec: Spec, operation: tuple[str, str], filled: bool
) -> None:
    contract = contracts.of(spec)
    assert operation in contract.methods, f"the SDK has no method for {operation}"
    _, _, described = contract.methods[operation]
    runtime = runtime_of(contract.package.__name__)
    arguments = contract.values.arguments(described, filled)
    contract.statuses.clear()
    try:
        try:
            result = contract.call(*operation, arguments)
        except runtime.APIStatusError as error:
            violations = response_violations(error)
            if not violations:
                raise
            # The request passed; the spec's own example breaks its schema: ask Prism for an answer made from the schema.
            messages = "; ".join(str(v.get("message")) for v in violations)
            warnings.warn(f"{spec.name} {' '.join(operation)}: the spec's example breaks its schema ({messages})", stacklevel=1)
            contract.statuses.clear()
            result = contract.call(*operation, arguments, headers={"Prefer": "dynamic=true"})
    except runtime.APIStatusError as error:
        pytest.fail(f"Prism refused {operation} with {error.status}: {error.body}")
    assert len(contract.statuses) == 1 and 200 <= contract.statuses[0] < 300, contract.statuses
    expected = declared_type(described, contract.statuses[0], runtime.resolved)
    if expected is None or contract.statuses[0] == 204:
        assert result is None
    else:
        assert not isinstance(result, Mapping), "a raw JSON object instead of the declared type"
        assert isinstance(result, typing.get_origin(expected) or expected), f"{type(result)} is not {expected}"
        problem = mistyped(result, expected, runtime)
        assert problem is None, problem


# -- what the SDK sends and returns, against the real mock server ---------------------------


def test_prism_accepts_a_call_without_defaults_and_the_raw_response_has_its_headers(contracts: Contracts) -> None:
    """Only what the caller set is sent, Prism validates it against the spec, and the raw
    response carries Prism's status, headers and the request that was sent."""
    contract = contracts.of(CONFERENCES_SPEC)
    package = contract.package
    with httpx.Client(timeout=30.0) as http:
        client = package.Client(base_url=contract.base_url, http_client=http, max_retries=0, **credentials_of(package.Client))
        raw = client.with_raw_response.conference_commands.create_conference(
            call_control_id="v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg",
            name="Business",
            extra_headers={"Prefer": "code=200"},
        )
        assert raw.status_code == 200
        assert raw.headers["content-type"].startswith("application/json")
        sent = json.loads(raw.http_request.content)
        assert set(sent) == {"call_control_id", "name", "command_id"}  # no spec default sent
        conference = raw.parse()
        assert isinstance(conference, package.models.ConferenceResponse)
        sent_back, answered = conference.to_dict()["data"], raw.http_response.json()["data"]
        assert set(sent_back) == set(answered)  # exactly the fields Prism sent: no defaults added
        assert all(sent_back[k] == v for k, v in answered.items() if not k.endswith("_at"))  # dates re-spelt
        joined = client.conference_commands.join_conference(
            conference.data.id, call_control_id="v3:x", supervisor_role="whisper", region="US"
        )
        assert isinstance(joined, package.models.ConferenceCommandResponse)

"""`sdkwright diff` on real history: the three versions of Twilio's API in ../shared/specs/twilio_history.

Every structural difference between two versions (found by a generic walk over the two documents,
knowing nothing about OpenAPI) must be reported at its place, every reported change must stand on
such a difference, and severities are checked on hand-picked cases in both directions.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diff.compare import Report, diff_sides
from generator.diff.sources import Side, build_side, load_source
from generator.errors import escape_token

_SIDES: dict[Path, Side] = {}
_RAW: dict[Path, Any] = {}

# What the model (and so the SDK) does not read: examples (only error codes are taken from error
# responses' examples, and these versions change none), vendor extensions, and the summary and
# description of a path item (each operation has its own).
IGNORED_TOKENS = {"example", "examples"}


def versions(shared_specs: Path) -> list[Path]:
    found = sorted((shared_specs / "twilio_history").glob("twilio_api_v2010.*.yaml"))
    if len(found) < 3:
        pytest.skip("the three versions of twilio_history are absent")
    return found


def side(path: Path) -> Side:
    if path not in _SIDES:
        _SIDES[path] = build_side(load_source(str(path)))
    return _SIDES[path]


def raw(path: Path) -> Any:
    if path not in _RAW:
        with open(path, encoding="utf-8") as handle:
            _RAW[path] = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    return _RAW[path]


def structural_diff(a: Any, b: Any, pointer: str = "") -> list[str]:
    """JSON pointers of every place where two documents differ: keys added or removed, values changed."""
    if isinstance(a, dict) and isinstance(b, dict):
        found = []
        for key in sorted(set(a) | set(b), key=str):
            here = f"{pointer}/{escape_token(str(key))}"
            found.extend([here] if key not in a or key not in b else structural_diff(a[key], b[key], here))
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [p for i, (x, y) in enumerate(zip(a, b)) for p in structural_diff(x, y, f"{pointer}/{i}")]
    return [] if a == b else [pointer]


def modelled(pointer: str) -> bool:
    tokens = pointer.split("/")[1:]
    if any(t in IGNORED_TOKENS or t.startswith("x-") for t in tokens):
        return False
    is_path_item_docs = len(tokens) == 3 and tokens[0] == "paths" and tokens[2] in ("summary", "description")
    return not is_path_item_docs


def related(change_pointer: str, difference: str) -> bool:
    """One pointer lies within the other, and the change is at least as precise as its owner
    (the component, or the path and method)."""
    a, b = change_pointer.split("/")[1:], difference.split("/")[1:]
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter] and len(a) >= min(len(b), 3)


def ref_target(document: Any, pointer: str) -> str:
    """The local `$ref` at `pointer`, if there is one there (else the pointer itself)."""
    node = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return pointer
    ref = node.get("$ref") if isinstance(node, dict) else None
    return ref[1:] if isinstance(ref, str) and ref.startswith("#/") else pointer


def report(old: Path, new: Path) -> Report:
    return diff_sides(side(old), side(new))


@pytest.mark.parametrize("pair", [(0, 1), (1, 2), (2, 1), (0, 2)], ids=["v1-v2", "v2-v3", "v3-v2", "v1-v3"])
def test_every_structural_difference_is_reported(shared_specs: Path, pair: tuple[int, int]) -> None:
    paths = versions(shared_specs)
    old, new = paths[pair[0]], paths[pair[1]]
    differences = [d for d in structural_diff(raw(old), raw(new)) if modelled(d)]
    changes = report(old, new).changes
    assert differences, "these versions differ in what the model reads"
    missing = [d for d in differences if not any(related(c.pointer, d) for c in changes)]
    assert missing == []
    # Nothing is invented: every change stands on a difference of the documents, at its place or
    # at the schema its place refers to (a field documented by its enum's description).
    document = raw(new)
    unfounded = [c for c in changes if not any(related(p, d) for p in (c.pointer, ref_target(document, c.pointer)) for d in differences)]
    assert unfounded == []


def test_hand_checked_severities(shared_specs: Path) -> None:
    v1, v2, v3 = versions(shared_specs)
    forward = {(c.kind, c.pointer, c.new): c for c in report(v2, v3).changes}
    backward = {(c.kind, c.pointer, c.old): c for c in report(v3, v2).changes}
    capture = "/components/schemas/payments_enum_capture/enum"
    # payments_enum_capture is only sent (Payments create/update): new values break nobody,
    # removing them breaks callers who send them.
    added = forward[("enum-value-added", capture, "postal-code-matcher")]
    assert (added.severity, added.direction) == ("non-breaking", "request")
    removed = backward[("enum-value-removed", capture, "postal-code-matcher")]
    assert (removed.severity, removed.direction) == ("breaking", "request")
    # A field the API starts to return is harmless; one it stops returning breaks readers.
    phone_type = "/components/schemas/api.v2010.account.incoming_phone_number/properties/type"
    assert forward[("field-added", phone_type, "str | null")].severity == "non-breaking"
    assert backward[("field-removed", phone_type, "str | null")].severity == "breaking"
    # An optional argument added to Calls create is harmless; taken away, it breaks callers.
    calls = "/paths/~12010-04-01~1Accounts~1{AccountSid}~1Calls.json/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/ClientNotificationUrl"
    assert forward[("field-added", calls, "str")].severity == "non-breaking"
    assert forward[("field-added", calls, "str")].operation == "POST /2010-04-01/Accounts/{AccountSid}/Calls.json"
    assert backward[("field-removed", calls, "str")].severity == "breaking"
    # A new error status is a new error class; dropping it removes one.
    status = "/paths/~12010-04-01~1Accounts~1{AccountSid}~1Calls~1{CallSid}~1Recordings~1{Sid}.json/post/responses/408"
    assert forward[("status-added", status, "408")].severity == "non-breaking"
    assert backward[("status-removed", status, "408")].severity == "breaking"
    # Only descriptions changed between the first two versions.
    assert {c.severity for c in report(v1, v2).changes} == {"docs"}


def _reordered(value: Any, key: str = "") -> Any:
    """Every mapping's keys reversed, and parameter lists reversed (their order carries no meaning)."""
    if isinstance(value, dict):
        return {k: _reordered(value[k], k) for k in reversed(list(value))}
    if isinstance(value, list):
        items = [_reordered(item) for item in value]
        return items[::-1] if key in ("parameters", "required", "enum") else items
    return value


def test_reordered_copy_reports_nothing(shared_specs: Path, tmp_path: Path) -> None:
    newest = versions(shared_specs)[-1]
    copy_path = tmp_path / "reordered.json"
    copy_path.write_text(json.dumps(_reordered(copy.deepcopy(raw(newest)))), encoding="utf-8")
    assert diff_sides(side(newest), build_side(load_source(str(copy_path)))).changes == ()


def test_response_only_enum_value_removed_is_not_breaking_on_the_wire(shared_specs: Path, tmp_path: Path) -> None:
    """The wire verdict: a value the API no longer returns breaks no reader. The SDK's member for
    it is gone though, and that is breaking (code that names it fails), reported as such."""
    newest = versions(shared_specs)[-1]
    changed = copy.deepcopy(raw(newest))
    values = changed["components"]["schemas"]["message_enum_status"]["enum"]
    request_values = changed["components"]["schemas"]["payments_enum_capture"]["enum"]
    dropped, dropped_request = values.pop(), request_values.pop()
    changed_path = tmp_path / "changed.json"
    changed_path.write_text(json.dumps(changed), encoding="utf-8")
    found = {(c.kind, c.pointer, c.old): c.severity for c in diff_sides(side(newest), build_side(load_source(str(changed_path)))).changes}
    assert found == {
        ("enum-value-removed", "/components/schemas/message_enum_status/enum", dropped): "non-breaking",
        ("enum-value-removed", "/components/schemas/payments_enum_capture/enum", dropped_request): "breaking",
        ("sdk-symbol-removed", "/components/schemas/message_enum_status/enum", f"MessageEnumStatus.{dropped.upper().replace('-', '_')}"): "breaking",
    }

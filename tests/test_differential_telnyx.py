"""The generated conferences SDK against the official `telnyx` SDK: the same calls send the
same method, path, query and JSON body.

The official SDK is installed from the package index into a throwaway virtualenv under
pytest's cache (made once, reused by later runs); without it the test is skipped with the
reason. Both SDKs run in that virtualenv (ours needs only httpx, which the official SDK
brings) and send through an `httpx.MockTransport` that records each request.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

OFFICIAL = "telnyx==4.189.0"
CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"

# (label, operation, positional, keyword arguments as given to both, enum members for ours)
CALLS: list[tuple[str, str, list[str], dict[str, Any], dict[str, tuple[str, str]]]] = [
    ("create, required only", "create", [], {"call_control_id": CALL, "name": "Business"}, {}),
    (
        "create, every argument",
        "create",
        [],
        {
            "call_control_id": CALL,
            "name": "Business",
            "beep_enabled": "always",
            "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
            "comfort_noise": False,
            "command_id": "891510ac-f3e4-11e8-af5b-de00688a4901",
            "duration_minutes": 5,
            "hold_audio_url": "http://example.com/message.wav",
            "max_participants": 10,
            "start_conference_on_create": False,
        },
        {},
    ),
    (
        "create, an enum as a member",
        "create",
        [],
        {"call_control_id": CALL, "name": "Business", "beep_enabled": "on_enter", "hold_media_name": "my_media_uploaded_to_media_storage_api"},
        {"beep_enabled": ("BeepEnabled", "ON_ENTER")},
    ),
    ("create, spec defaults given explicitly", "create", [], {"call_control_id": CALL, "name": "B", "max_participants": 250, "comfort_noise": True}, {}),
    ("join, required only", "join", ["3fa85f64-5717-4562-b3fc-2c963f66afa6"], {"call_control_id": CALL}, {}),
    (
        "join, every argument, enums as strings",
        "join",
        ["3fa85f64-5717-4562-b3fc-2c963f66afa6"],
        {
            "call_control_id": CALL,
            "client_state": "aGF2ZSBhIG5pY2UgZGF5ID1d",
            "command_id": "891510ac-f3e4-11e8-af5b-de00688a4901",
            "end_conference_on_exit": True,
            "soft_end_conference_on_exit": True,
            "hold": True,
            "hold_audio_url": "http://www.example.com/audio.wav",
            "mute": True,
            "start_conference_on_enter": True,
            "supervisor_role": "whisper",
            "whisper_call_control_ids": ["v2:Sg1xxxQ_U3ixxxyXT_VDNI3xxxazZdg6Vxxxs4-GNYxxxVaJPOhFMRQ"],
            "beep_enabled": "on_exit",
            "region": "US",
        },
        {},
    ),
    (
        "join, enums as members",
        "join",
        ["conf-name"],
        {"call_control_id": CALL, "supervisor_role": "monitor", "region": "Middle East", "beep_enabled": "never"},
        {"supervisor_role": ("SupervisorRole", "MONITOR"), "region": ("ConferenceRegion", "MIDDLE_EAST"), "beep_enabled": ("BeepEnabled", "NEVER")},
    ),
    ("join, a name needing escapes in the path", "join", ["team meeting/1"], {"call_control_id": CALL, "hold_media_name": "m", "mute": False}, {}),
    ("join, with a command id", "join", ["c"], {"call_control_id": CALL, "command_id": "given-id"}, {}),
]

DRIVER = r'''
import json, sys
import httpx
calls = json.loads(sys.argv[1])
seen = []
def record(request):
    seen.append(request)
    if request.url.path.endswith("/join"):
        return httpx.Response(200, json={"data": {"result": "ok"}})
    return httpx.Response(200, json={"data": {"record_type": "conference", "id": "x", "name": "n",
        "created_at": "2019-01-23T18:10:02.574Z", "expires_at": "2019-01-23T18:10:02.574Z"}})
def shape(request):
    body = json.loads(request.content) if request.content else None
    return {"method": request.method, "path": request.url.raw_path.decode().split("?")[0],
            "query": sorted(request.url.params.multi_items()), "body": body}
from telnyx import Telnyx
import telnyx_conferences as ours
theirs_client = Telnyx(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(record)), max_retries=0)
ours_client = ours.Client(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(record)), max_retries=0)
out = []
for label, operation, positional, keyword, members in calls:
    mine = dict(keyword)
    for name, (kind, member) in members.items():
        mine[name] = getattr(getattr(ours.models, kind), member)
    if operation == "create":
        theirs_client.conferences.create(*positional, **keyword)
        ours_client.conference_commands.create_conference(*positional, **mine)
    else:
        theirs_client.conferences.actions.join(*positional, **keyword)
        ours_client.conference_commands.join_conference(*positional, **mine)
    out.append({"label": label, "theirs": shape(seen[-2]), "ours": shape(seen[-1])})
print(json.dumps(out))
'''


@pytest.fixture(scope="session")
def official_python(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python of a virtualenv holding the official SDK (made once under pytest's cache, or
    for this run when the cache is switched off)."""
    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("official-telnyx-sdk")) if cache is not None else tmp_path_factory.mktemp("official-telnyx-sdk")
    venv = folder / "venv"
    python = venv / "bin" / "python"
    try:
        if not python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        probe = subprocess.run([str(python), "-c", "import telnyx, httpx"], capture_output=True, timeout=120)
        if probe.returncode != 0:
            subprocess.run(
                [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", OFFICIAL],
                check=True,
                capture_output=True,
                timeout=600,
            )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        detail = getattr(error, "stderr", b"") or b""
        pytest.skip(f"the official SDK ({OFFICIAL}) could not be installed: {error} {detail.decode(errors='replace')[-300:]}")
    return python


def test_both_sdks_send_the_same_requests(official_python: Path, conferences_sdk: Any) -> None:
    root = Path(conferences_sdk.__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    env.pop("TELNYX_API_KEY", None)
    done = subprocess.run(
        [str(official_python), "-c", DRIVER, json.dumps(CALLS)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(done.stdout)
    assert len(results) == len(CALLS) >= 8
    for result in results:
        theirs, ours = result["theirs"], result["ours"]
        if isinstance(ours["body"], dict) and isinstance(theirs["body"], dict) and "command_id" not in theirs["body"]:
            ours["body"].pop("command_id", None)  # the idempotency key ours fills: allowed
        assert ours == theirs, result["label"]
    # The calls exercised both operations and a few arguments each, not empty bodies only.
    assert {r["theirs"]["path"].rsplit("/", 1)[-1] for r in results} >= {"conferences", "join"}
    assert max(len(r["theirs"]["body"] or {}) for r in results) >= 10

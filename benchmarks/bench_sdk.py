"""The generated conferences SDK against the official `telnyx` package, side by side.

Measures, for both SDKs in the same virtualenv (the official one's, which has
httpx) and in fresh processes of this one run:

- per call: Create Conference and Join Conference against an
  `httpx.MockTransport` that answers at once, so the time is the SDK's own
  (building, checking and encoding the request, parsing the response);
  target: ours at most 0.5 of theirs;
- cold start: a fresh process importing the SDK, making a client and one call;
  target: ours at most 0.2 of theirs.

Usage: python benchmarks/bench_sdk.py [--calls N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _peers import ensure_telnyx_sdk  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
CALL = "v3:MdI91X4lWFEs7IgbBEOT9M4AigoY08M0WWZFISt1Yw2axZ_IiE4pqg"

COMMON = f'''
import time
started = time.perf_counter()
import httpx
CONFERENCE = {{"data": {{"record_type": "conference", "id": "41b9acd4-f4da-4ff5-a85c-e07e90b53f46",
    "name": "Business", "created_at": "2019-01-23T18:10:02.574Z", "expires_at": "2019-01-23T18:10:02.574Z",
    "updated_at": "2019-01-23T18:10:02.574Z", "region": "sv1", "status": "init", "end_reason": "all_left",
    "ended_by": {{"call_control_id": "{CALL}", "call_session_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1"}},
    "connection_id": "3fa85f64-9191-4567-b3fc-2c963f66afa6"}}}}
JOINED = {{"data": {{"result": "ok"}}}}
def answer(request):
    return httpx.Response(200, json=CONFERENCE if request.url.path.endswith("/conferences") else JOINED)
'''

OURS = '''
from telnyx_conferences import Client
client = Client(api_key="key", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
create = lambda: client.conference_commands.create_conference(call_control_id=CALL, name="Business")
join = lambda: client.conference_commands.join_conference("conf-1", call_control_id=CALL)
'''

THEIRS = '''
from telnyx import Telnyx
client = Telnyx(api_key="key", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
create = lambda: client.conferences.create(call_control_id=CALL, name="Business")
join = lambda: client.conferences.actions.join("conf-1", call_control_id=CALL)
'''

COLD = '''
join()
print(json.dumps({"cold": time.perf_counter() - started}))
'''

PER_CALL = '''
results = {}
for name, call in (("create", create), ("join", join)):
    for _ in range(200):
        call()
    start = time.perf_counter()
    for _ in range(CALLS):
        call()
    results[name] = (time.perf_counter() - start) / CALLS
print(json.dumps(results))
'''


def run(python: Path, sdk: str, tail: str, calls: int) -> dict[str, float]:
    script = f"import json\nCALL = {CALL!r}\nCALLS = {calls}\n" + COMMON + sdk + tail
    env = {**os.environ, "PYTHONPATH": str(OUTPUT), "TELNYX_API_KEY": "key"}
    result = subprocess.run([str(python), "-c", script], capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"benchmark process failed:\n{result.stderr}")
    values: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return values


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=2000, help="calls per measurement (default 2000)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    args = parser.parse_args()
    python = ensure_telnyx_sdk()

    cold: dict[str, list[float]] = {"ours": [], "theirs": []}
    per_call: dict[str, dict[str, list[float]]] = {"ours": {"create": [], "join": []}, "theirs": {"create": [], "join": []}}
    for _ in range(args.rounds):
        for label, sdk in (("ours", OURS), ("theirs", THEIRS)):
            cold[label].append(run(python, sdk, COLD, 0)["cold"])
            for name, seconds in run(python, sdk, PER_CALL, args.calls).items():
                per_call[label][name].append(seconds)

    print(f"generated SDK vs telnyx (official), medians of {args.rounds} alternating rounds:")
    verdicts = []
    for name in ("create", "join"):
        ours, theirs = (statistics.median(per_call[label][name]) for label in ("ours", "theirs"))
        ratio = ours / theirs
        verdicts.append(ratio <= 0.5)
        print(f"  {name:<7} per call: ours {ours * 1e6:7.1f} us, theirs {theirs * 1e6:7.1f} us, ratio {ratio:.3f} (target <= 0.5)")
    ours, theirs = statistics.median(cold["ours"]), statistics.median(cold["theirs"])
    verdicts.append(ours / theirs <= 0.2)
    print(f"  import + first call: ours {ours * 1e3:7.1f} ms, theirs {theirs * 1e3:7.1f} ms, ratio {ours / theirs:.3f} (target <= 0.2)")
    print("targets: " + ("ALL MET" if all(verdicts) else "NOT ALL MET"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

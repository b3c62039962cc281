"""The runtime of the generated modules, in small modules; a package ships the ones it uses.

- `models`: the dataclasses' base, enums, conversion from and to JSON (no HTTP)
- `errors`: the errors a client raises
- `request`: `Operation` descriptions, request building, response parsing
- `client`: the sync and async clients, their groups, raw responses, retries
- `auth`, `api_key`: credentials
- `forms`: form-encoded and multipart bodies
- `pagination`: lazy pagers
- `streams`: streamed successes (server-sent events, JSON Lines), item by item
- `webhooks`: signature checks and event routing
"""

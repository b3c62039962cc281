"""API conventions the model recognises beyond what OpenAPI states.

Part of the model stage, run on the finished model: it returns a new `ir.Api`
whose operations and webhooks say what the runtime needs to know about

- idempotency keys: a body field or header that lets the server ignore a
  repeated command (Telnyx's `command_id`, an `Idempotency-Key` header), so a
  POST may be retried safely;
- pagination: a list operation whose pages are numbered (a page-number
  parameter and a `meta` object with `page_number` and `total_pages`, as in
  Telnyx), chained (a `next_page_uri` in each page, as in Twilio; `nextLink`,
  as in Azure), chosen by a cursor (a `nextPageToken` in each page that the
  `pageToken` parameter takes back, as in Google's APIs; a `has_more` flag and a
  `starting_after` parameter that takes the last item's `id`, as in Stripe; an
  `offset` parameter and a `total` count of the items) or
  linked by the response's `Link` header (`rel="next"`, as in GitHub's);
- webhook events: the constant (`data.event_type`) that tells each event of
  the API from the others;
- streams: the body's boolean `stream` that asks a streamed success for its
  stream (as in OpenAI's API), which the operation's stream method sets.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from generator import ir

# Normalised names (lower case, without `-` and `_`) of idempotency keys.
IDEMPOTENCY_FIELDS = frozenset({"commandid", "idempotencykey", "idempotencytoken"})
IDEMPOTENCY_HEADERS = frozenset({"idempotencykey", "xidempotencykey", "itwilioidempotencytoken"})
NEXT_LINK_FIELDS = ("next_page_uri", "next_page_url", "next_page", "next_url", "next_link", "@odata.next_link", "next")
# A page's field that selects the next page when a query parameter takes it back (see `_cursor`).
NEXT_TOKEN_FIELDS = ("next_page_token", "next_token", "next_cursor", "continuation_token", "next_marker", "next_page", "next_offset", "cursor", "marker")
PAGE_NUMBER_FIELDS = ("page_number", "current_page", "page")
TOTAL_PAGES_FIELDS = ("total_pages", "page_count", "pages")
TOTAL_ITEMS_FIELDS = ("total", "total_count", "total_results", "total_items", "total_elements", "total_size", "num_found")
OFFSET_PARAMETERS = ("offset", "start_at", "start_index", "skip", "$skip")
HAS_MORE_FIELDS = ("has_more", "has_next_page")
AFTER_PARAMETERS = ("startingafter", "after", "afterid")  # normalised
PAGE_PARAMETER = re.compile(r"^page(\[number\]|_number|number)?$", re.IGNORECASE)


_SEPARATORS = re.compile(r"[-_\s]")


@functools.lru_cache(maxsize=1 << 14)  # (the same wire names recur in every page of an API)
def _normalised(name: str) -> str:
    return _SEPARATORS.sub("", name).lower()


class TypeTable:
    def __init__(self, api: ir.Api) -> None:
        self.by_key = api.type_by_key()
        self._fields: dict[str, dict[str, list[tuple[tuple[str, ...], ir.TypeExpr]]]] = {}

    def fields(self, page: ir.ObjectType) -> dict[str, list[tuple[tuple[str, ...], ir.TypeExpr]]]:
        """The paths to the properties of `page` and of its object properties (in order of their
        names), by normalised name, with their types: the places `_find` looks."""
        found = self._fields.get(page.key)
        if found is None:
            found = self._fields[page.key] = defaultdict(list)
            for prop in page.properties:
                found[_normalised(prop.wire_name)].append(((prop.wire_name,), prop.type))
            for outer in sorted(page.properties, key=lambda p: p.wire_name):
                inner = self.object(outer.type)
                for prop in inner.properties if inner is not None else ():
                    found[_normalised(prop.wire_name)].append(((outer.wire_name, prop.wire_name), prop.type))
        return found

    def object(self, expr: ir.TypeExpr | None) -> ir.ObjectType | None:
        """The object type `expr` stands for (through `Nullable`), if it is one."""
        while isinstance(expr, ir.Nullable):
            expr = expr.inner
        if isinstance(expr, ir.Named):
            named = self.by_key.get(expr.key)
            if isinstance(named, ir.AliasType):
                return self.object(named.target)
            return named if isinstance(named, ir.ObjectType) else None
        return None

    def enum(self, expr: ir.TypeExpr) -> ir.EnumType | None:
        while isinstance(expr, ir.Nullable):
            expr = expr.inner
        named = self.by_key.get(expr.key) if isinstance(expr, ir.Named) else None
        return named if isinstance(named, ir.EnumType) else None


def _core(expr: ir.TypeExpr) -> ir.TypeExpr:
    while isinstance(expr, ir.Nullable):
        expr = expr.inner
    return expr


def _is(expr: ir.TypeExpr, *kinds: str) -> bool:
    core = _core(expr)
    return isinstance(core, ir.Primitive) and core.kind in kinds


def _find(types: TypeTable, page: ir.ObjectType, names: tuple[str, ...], *kinds: str) -> tuple[str, ...]:
    """The path to a property named one of `names` (in order of preference; `nextLink` is
    `next_link`) with a type of `kinds`, in `page` or one of its object properties; () if there is none."""
    found = _found(types, page, names, kinds)
    return found[0] if found else ()


def _found(types: TypeTable, page: ir.ObjectType, names: tuple[str, ...], kinds: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every path `_find` may choose, its choice first: the page's own properties before those one down."""
    fields = types.fields(page)
    matches = [(path, kind) for name in map(_normalised, names) for path, kind in fields.get(name, ())]
    return [path for depth in (1, 2) for path, kind in matches if len(path) == depth and _is(kind, *kinds)]


def _query(operation: ir.Operation) -> dict[str, list[ir.Parameter]]:
    """An operation's query parameters by normalised name, in the order it lists them."""
    query: dict[str, list[ir.Parameter]] = defaultdict(list)
    for param in operation.parameters:
        if param.location == "query":
            query[_normalised(param.wire_name)].append(param)
    return query


def _parameter(query: dict[str, list[ir.Parameter]], names: Iterable[str], *kinds: str) -> ir.Parameter | None:
    """The first query parameter with one of the normalised `names` (in their order) and a type of `kinds`."""
    return next((p for name in names for p in query.get(name, ()) if _is(p.type, *kinds)), None)


def _cursor(query: dict[str, list[ir.Parameter]], types: TypeTable, page: ir.ObjectType) -> tuple[tuple[str, ...], ir.Parameter] | None:
    """The field of `page` that selects the next page and the query parameter that takes it
    back: a token or cursor named as `NEXT_LINK_FIELDS` or `NEXT_TOKEN_FIELDS` are, and a
    parameter of its name or, for a `NEXT_TOKEN_FIELDS` name, of its name without `next`
    (`nextPageToken`, `pageToken`) or with `start` for `next` (`next_cursor`,
    `start_cursor`), of the same type."""
    tokens = frozenset(map(_normalised, NEXT_TOKEN_FIELDS))
    for kinds in (("str",), ("int",)):
        for path in _found(types, page, NEXT_TOKEN_FIELDS + NEXT_LINK_FIELDS, kinds):
            name = _normalised(path[-1])
            # (A link's name is taken back only as it is: a `next_url` is no `url` parameter's.)
            rest = name[len("next") :] if name.startswith("next") and name in tokens else ""
            wanted = [w for w in (name, rest, "start" + rest if rest else "") if w not in ("", "token")]  # (a `token` parameter may be a credential)
            param = _parameter(query, wanted, *kinds)
            if param is not None:
                return path, param
    return None


def _list_item(types: TypeTable, expr: ir.TypeExpr | None) -> ir.TypeExpr | None:
    """The item type of the list `expr` stands for (through `Nullable` and aliases), if it is one."""
    while expr is not None:
        expr = _core(expr)
        if isinstance(expr, ir.ListOf):
            return expr.item
        named = types.by_key.get(expr.key) if isinstance(expr, ir.Named) else None
        expr = named.target if isinstance(named, ir.AliasType) else None
    return None


def idempotency_key(operation: ir.Operation, types: TypeTable) -> ir.IdempotencyKey | None:
    for param in operation.parameters:
        if param.location == "header" and _normalised(param.wire_name) in IDEMPOTENCY_HEADERS:
            return ir.IdempotencyKey("header", param.wire_name)
    body = types.object(operation.body.type) if operation.body is not None else None
    if body is not None:
        for prop in body.properties:
            if _normalised(prop.wire_name) in IDEMPOTENCY_FIELDS and _is(prop.type, "str") and not prop.read_only:
                return ir.IdempotencyKey("body", prop.wire_name)
    return None


def pagination(operation: ir.Operation, types: TypeTable) -> ir.Pagination | None:
    if operation.method != "GET":
        return None
    success = next((r for r in operation.responses if r.status == "200"), None)
    if success is None:
        return None
    linked = "link" in success.headers  # the response's `Link` header names the next page
    listed = _list_item(types, success.type)
    if listed is not None:
        return ir.Pagination("link_header", None, listed) if linked else None
    page = types.object(success.type)
    if page is None:
        return None
    lists = [p for p in page.properties if isinstance(_core(p.type), ir.ListOf)]
    if len(lists) > 1:
        lists = [p for p in lists if p.wire_name == "data"]
    if len(lists) != 1:
        return None
    items = lists[0]
    item_list = _core(items.type)
    assert isinstance(item_list, ir.ListOf)
    query = _query(operation)
    cursor = _cursor(query, types, page)
    if cursor is not None:  # (before links: a field a parameter takes back is no address)
        token, param = cursor
        return ir.Pagination("cursor", items.wire_name, item_list.item, parameter=param.wire_name, token=token)
    after = _after_last(query, types, page, items.wire_name, item_list.item)
    if after is not None:
        return after
    link = _find(types, page, NEXT_LINK_FIELDS, "str")
    if link:
        return ir.Pagination("next_link", items.wire_name, item_list.item, link=link)
    if linked:
        return ir.Pagination("link_header", items.wire_name, item_list.item)
    return _page_number(operation, types, page, items.wire_name, item_list.item) or _offset(query, types, page, items.wire_name, item_list.item)


def _after_last(query: dict[str, list[ir.Parameter]], types: TypeTable, page: ir.ObjectType, items: str, item_type: ir.TypeExpr) -> ir.Pagination | None:
    """Pages after the last item: a `has_more` flag, a `starting_after` parameter, items with a string `id`."""
    more = _find(types, page, HAS_MORE_FIELDS, "bool")
    after = _parameter(query, AFTER_PARAMETERS, "str")
    item = types.object(item_type)
    key = next((p.wire_name for p in item.properties if p.wire_name == "id" and _is(p.type, "str")), None) if item is not None else None
    if more and after is not None and key is not None:
        return ir.Pagination("after_last", items, item_type, parameter=after.wire_name, has_more=more, parameter_key=key)
    return None


def _offset(query: dict[str, list[ir.Parameter]], types: TypeTable, page: ir.ObjectType, items: str, item_type: ir.TypeExpr) -> ir.Pagination | None:
    """Pages by offset: an integer `offset` parameter and a count of all the items in the page."""
    total = _find(types, page, TOTAL_ITEMS_FIELDS, "int")
    offset = _parameter(query, map(_normalised, OFFSET_PARAMETERS), "int")
    if total and offset is not None:
        return ir.Pagination("offset", items, item_type, parameter=offset.wire_name, total_items=total)
    return None


def _page_number(operation: ir.Operation, types: TypeTable, page: ir.ObjectType, items: str, item_type: ir.TypeExpr) -> ir.Pagination | None:
    """Numbered pages: a page-number parameter and a count of the pages in the page."""
    total = _find(types, page, TOTAL_PAGES_FIELDS, "int")
    if not total:
        return None
    for param in operation.parameters:
        if param.location != "query":
            continue
        if PAGE_PARAMETER.match(param.wire_name) and _is(param.type, "int"):
            key = None
        elif param.wire_name == "page" and (holder := types.object(param.type)) is not None:
            number = next((p for p in holder.properties if p.wire_name == "number" and _is(p.type, "int")), None)
            if number is None:
                continue
            key = number.wire_name
        else:
            continue
        return ir.Pagination(
            "page_number",
            items,
            item_type,
            parameter=param.wire_name,
            parameter_key=key,
            page_number=_find(types, page, PAGE_NUMBER_FIELDS, "int"),
            total_pages=total,
        )
    return None


def stream_flagged(operation: ir.Operation, types: TypeTable) -> ir.EventStream | None:
    """The operation's stream, with the flag of its body that asks for it, if it has one."""
    stream, body = operation.stream, operation.body
    holder = types.object(body.type) if stream is not None and body is not None else None
    if stream is None or holder is None:
        return stream
    flag = next((p.wire_name for p in holder.properties if p.wire_name == "stream" and _is(p.type, "bool") and not p.read_only), None)
    return dataclasses.replace(stream, flag=flag)


def _constants(types: TypeTable, body: ir.ObjectType, depth: int = 0, seen: frozenset[str] = frozenset()) -> list[tuple[tuple[str, ...], str]]:
    """(path, value) of every one-value string enum in `body`, nearest first."""
    found: list[tuple[tuple[str, ...], str]] = []
    nested: list[tuple[str, ir.ObjectType]] = []
    for prop in body.properties:
        enum = types.enum(prop.type)
        if enum is not None and len(enum.values) == 1 and isinstance(enum.values[0], str):
            found.append(((prop.wire_name,), enum.values[0]))
        inner = types.object(prop.type)
        if inner is not None and inner.key not in seen:
            nested.append((prop.wire_name, inner))
    if depth < 2:
        for name, inner in nested:
            found += [((name,) + path, value) for path, value in _constants(types, inner, depth + 1, seen | {body.key})]
    return found


def _rank(path: tuple[str, ...]) -> tuple[int, int, tuple[str, ...]]:
    last = path[-1].lower()
    return (len(path), 0 if "event" in last else 1 if "type" in last else 2, path)


def event_tags(webhooks: list[ir.Webhook], types: TypeTable) -> list[ir.EventTag | None]:
    """For each event, the constant that tells it from the others: the best-ranked path
    whose values differ between all the events that have it."""
    candidates = [
        _constants(types, body) if (body := types.object(w.body.type if w.body else None)) else [] for w in webhooks
    ]
    values_at: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for found in candidates:
        for path, value in found:
            values_at[path].append(value)
    telling = {path for path, values in values_at.items() if len(values) == len(set(values))}
    tags: list[ir.EventTag | None] = []
    for found in candidates:
        usable = sorted((path, value) for path, value in found if path in telling)
        best = min(usable, key=lambda pv: _rank(pv[0]), default=None)
        tags.append(ir.EventTag(best[0], best[1]) if best else None)
    return tags


def recognise_conventions(api: ir.Api) -> ir.Api:
    types = TypeTable(api)
    events = list(api.webhooks) + [c for op in api.operations for c in op.callbacks]
    tags = iter(event_tags(events, types))
    webhooks = tuple(dataclasses.replace(w, tag=next(tags)) for w in api.webhooks)
    operations = tuple(
        dataclasses.replace(
            op,
            idempotency_key=idempotency_key(op, types),
            pagination=pagination(op, types),
            stream=stream_flagged(op, types),
            callbacks=tuple(dataclasses.replace(c, tag=next(tags)) for c in op.callbacks),
        )
        for op in api.operations
    )
    return dataclasses.replace(api, operations=operations, webhooks=webhooks)

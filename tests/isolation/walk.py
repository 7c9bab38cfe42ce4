"""Walking the GraphQL schema as a client sees it, to generate isolation probes.

Everything here is derived from introspection (graphql-core's ``build_client_schema``), so a
field added to the API is probed without anyone listing it: root queries and connections,
their ID arguments and filters, and every mutation with an input built from its types.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
)

from backoffice.graphql.ids import decode_any, encode_id

# A key no database of a test run reaches: ids made with it name records that never existed.
NEVER = 10**17 + 7


async def post(api: Any, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run one operation; the body, with the HTTP status under ``_status`` when it is not 200."""
    response = await api.client.post("/graphql", json={"query": query, "variables": variables or {}},
                                      headers=api.headers)
    try:
        body = response.json()
    except ValueError:
        body = {"text": response.text}
    if response.status_code != 200:
        body["_status"] = response.status_code
    return body


async def run_all(calls: list[Any], limit: int = 4) -> list[Any]:
    """Await the coroutine factories in ``calls``, a few at a time, results in order."""
    import asyncio

    gate = asyncio.Semaphore(limit)

    async def one(call: Any) -> Any:
        async with gate:
            return await call()

    return await asyncio.gather(*(one(c) for c in calls))


async def introspect(api: Any) -> GraphQLSchema:
    body = await post(api, get_introspection_query(descriptions=False))
    assert not body.get("errors"), body
    return build_client_schema(body["data"])


# ---------------------------------------------------------------------------------------------
# Types


def named(t: Any) -> Any:
    return get_named_type(t)


def is_connection(t: Any) -> bool:
    n = named(t)
    return isinstance(n, GraphQLObjectType) and "pageInfo" in n.fields and (
        "nodes" in n.fields or "edges" in n.fields)


def connection_node(t: Any) -> GraphQLObjectType:
    n = named(t)
    if "nodes" in n.fields:
        return named(n.fields["nodes"].type)
    return named(named(n.fields["edges"].type).fields["node"].type)


def required_args(f: GraphQLField) -> dict[str, Any]:
    return {name: a for name, a in f.args.items()
            if isinstance(a.type, GraphQLNonNull) and a.default_value is None
            and not _has_default(a)}


def _has_default(arg: Any) -> bool:
    from graphql.pyutils import Undefined

    return arg.default_value is not Undefined and arg.default_value is not None


def is_id_type(t: Any) -> bool:
    return getattr(named(t), "name", None) == "ID"


def is_list(t: Any) -> bool:
    t = t.of_type if isinstance(t, GraphQLNonNull) else t
    return isinstance(t, GraphQLList)


def id_args(f: GraphQLField) -> list[str]:
    return [name for name, a in f.args.items() if is_id_type(a.type)]


# ---------------------------------------------------------------------------------------------
# Selections: what to ask of a returned type, kept small (the endpoint limits tokens and cost)


def _leafy(f: GraphQLField) -> bool:
    return not isinstance(named(f.type), GraphQLObjectType)


def object_selection(t: GraphQLObjectType, depth: int) -> str:
    """Scalars of ``t`` (at the top) and the ``id`` of every object beneath it."""
    parts = ["__typename"]
    if "id" in t.fields:
        parts.append("id")
    for name, f in t.fields.items():
        if name == "id" or required_args(f):
            continue
        if _leafy(f):
            # Beneath the top, a record shows its id only; a value object (a user error,
            # an amount) shows its scalars.
            if depth > 0 or is_id_type(f.type) or "id" not in t.fields:
                parts.append(name)
        elif depth > 0 and not is_connection(f.type):
            inner = named(f.type)
            parts.append(f"{name} {{ {object_selection(inner, 0)} }}")
    return " ".join(parts)


def selection(t: Any, depth: int = 1) -> str:
    """The selection set (with braces) for a field of type ``t``, or '' for a leaf."""
    n = named(t)
    if not isinstance(n, GraphQLObjectType):
        return ""
    if is_connection(n):
        parts = ["pageInfo { endCursor hasNextPage }"]
        if "totalCount" in n.fields:
            parts.append("totalCount")
        node = connection_node(n)
        if "nodes" in n.fields:
            parts.append(f"nodes {{ {object_selection(node, depth)} }}")
        else:
            parts.append(f"edges {{ cursor node {{ {object_selection(node, depth)} }} }}")
        return "{ " + " ".join(parts) + " }"
    return "{ " + object_selection(n, depth) + " }"


def operation(kind: str, field_name: str, f: GraphQLField, args: dict[str, Any],
              depth: int = 1) -> tuple[str, dict[str, Any]]:
    """A one-field operation passing ``args`` as variables of the declared types."""
    defs = ", ".join(f"${k}: {f.args[k].type}" for k in args)
    call = ", ".join(f"{k}: ${k}" for k in args)
    text = (f"{kind}{'(' + defs + ')' if defs else ''} {{ {field_name}"
            f"{'(' + call + ')' if call else ''} {selection(f.type, depth)} }}")
    return text, dict(args)


# ---------------------------------------------------------------------------------------------
# Ids


def id_type(global_id: str) -> str | None:
    try:
        return decode_any(global_id)[0]
    except Exception:  # noqa: BLE001
        return None


def never_existed(global_id: str) -> str:
    """A well-formed id of the same type as ``global_id`` that names no record."""
    return encode_id(id_type(global_id) or "Unknown", NEVER)


_ID_LIKE = re.compile(r"^[A-Za-z0-9_-]{6,}$")


def collect_ids(value: Any, into: dict[str, set[str]], key: str | None = None) -> None:
    """Every global id in a response, by type (fields named ``id`` or ``...Id``)."""
    if isinstance(value, dict):
        for k, v in value.items():
            collect_ids(v, into, k)
    elif isinstance(value, list):
        for v in value:
            collect_ids(v, into, key)
    elif isinstance(value, str) and key and (key == "id" or key.endswith("Id")) \
            and _ID_LIKE.match(value):
        type_name = id_type(value)
        if type_name and type_name[:1].isupper() and type_name.isidentifier():
            into.setdefault(type_name, set()).add(value)


def guess_type(name: str, ids: dict[str, set[str]], hint: str | None = None) -> str | None:
    """The type of record an argument or input field named ``name`` most likely refers to."""
    base = name[:-2] if name.endswith("Ids") else name[:-2] if name.endswith("Id") else ""
    if name in ("id", "ids") and hint:
        base = hint
    if base:
        want = base[0].upper() + base[1:]
        if want in ids:
            return want
        for t in sorted(ids):  # managerId -> Employee is not guessable; accountId -> Account is
            if t.endswith(want) or want.endswith(t):
                return t
    return None


def hint_from_mutation(name: str, ids: dict[str, set[str]]) -> str | None:
    """``approveLeaveRequest`` -> ``LeaveRequest``, when B has records of that type."""
    words = re.findall(r"[A-Z][a-z0-9]*", name)
    for i in range(len(words)):
        candidate = "".join(words[i:])
        if candidate in ids:
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# Dummy values for a generated input


def scalar_value(type_name: str, name: str) -> Any:
    lowered = name.lower()
    if type_name == "Int":
        return 1
    if type_name == "Float":
        return 1.0
    if type_name == "Boolean":
        return False
    if type_name == "Date":
        return date.today().isoformat()
    if type_name == "DateTime":
        return datetime.now(UTC).replace(microsecond=0).isoformat()
    if type_name in ("Decimal", "Money"):
        return "1"
    if type_name == "JSON":
        return {}
    if type_name == "Time":
        return "09:00:00"
    if "email" in lowered:
        return "nobody@example.com"
    if "url" in lowered or "uri" in lowered:
        return "https://example.com/x"
    if "currency" in lowered:
        return "IDR"
    if "base64" in lowered or lowered in ("content", "data"):
        return "eA=="
    return "x"


@dataclass
class Filler:
    """Builds argument values: every ID from B (of a plausible type), the rest dummy values."""

    ids: dict[str, set[str]]
    hint: str | None = None
    used: list[str] = field(default_factory=list)
    fake: bool = False  # ids that never existed, of the same types, instead of B's

    def pick(self, name: str) -> str:
        type_name = guess_type(name, self.ids, self.hint) or self.hint
        if type_name not in self.ids:
            type_name = "Employee" if "Employee" in self.ids else sorted(self.ids)[0]
        chosen = sorted(self.ids[type_name])[0]
        self.used.append(chosen)
        return never_existed(chosen) if self.fake else chosen

    def value(self, t: Any, name: str, depth: int = 0) -> Any:
        inner = t.of_type if isinstance(t, GraphQLNonNull) else t
        if isinstance(inner, GraphQLList):
            return [self.value(inner.of_type, name, depth)]
        if is_id_type(inner):
            return self.pick(name)
        if isinstance(inner, GraphQLEnumType):
            return next(iter(inner.values))
        if isinstance(inner, GraphQLInputObjectType):
            return self.input(inner, depth + 1)
        return scalar_value(inner.name, name)

    def input(self, t: GraphQLInputObjectType, depth: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, f in t.fields.items():
            required = isinstance(f.type, GraphQLNonNull) and not _has_default(f)
            wanted = required or (is_id_type(f.type) and depth < 4)
            if wanted:
                out[name] = self.value(f.type, name, depth)
        return out

    def args(self, f: GraphQLField, include_optional_ids: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, a in f.args.items():
            required = isinstance(a.type, GraphQLNonNull) and not _has_default(a)
            if required or (include_optional_ids and is_id_type(a.type)) or (
                    isinstance(named(a.type), GraphQLInputObjectType) and name != "input"
                    and _input_has_ids(named(a.type))):
                out[name] = self.value(a.type, name)
        return out


def _input_has_ids(t: GraphQLInputObjectType, depth: int = 0) -> bool:
    if depth > 3:
        return False
    return any(is_id_type(f.type) or (isinstance(named(f.type), GraphQLInputObjectType)
                                      and _input_has_ids(named(f.type), depth + 1))
               for f in t.fields.values())


# ---------------------------------------------------------------------------------------------
# Comparing and scanning responses


_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


def normalise(body: dict[str, Any], given: list[str]) -> str:
    """A response as text, with the ids the caller passed replaced by a placeholder (echoing
    the caller's own input is no leak) and timestamps blanked."""
    body = {k: v for k, v in body.items() if k != "extensions"}  # cost and rate-limit figures
    text = json.dumps(_strip(body), sort_keys=True)
    for g in sorted(set(given), key=len, reverse=True):
        text = text.replace(g, "<given>").replace(never_existed(g), "<given>")
    return text


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("locations", "traceId")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    if isinstance(value, str) and _TIMESTAMP.match(value):
        return "<time>"
    return value


def leaks(body: dict[str, Any], secrets: set[str], given: list[str]) -> list[str]:
    """B's ids and strings that appear in a response, beyond the ids the caller passed. An id
    counts only as a whole token (``Account:6`` encodes to a prefix of ``Account:601``)."""
    text = json.dumps(body)
    tokens = set(re.findall(r"[A-Za-z0-9_-]+", text)) - set(given)
    lowered = text.lower()
    found = []
    for s in secrets:
        if _ID_LIKE.match(s):
            if s in tokens:
                found.append(s)
        elif s.lower() in lowered:
            found.append(s)
    return sorted(found)


def error_codes(body: dict[str, Any]) -> set[str]:
    codes = {(e.get("extensions") or {}).get("code", "?") for e in body.get("errors") or []}

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if k == "userErrors" and isinstance(x, list):
                    codes.update(e.get("code") or "USER_ERROR" for e in x if isinstance(e, dict))
                else:
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(body.get("data"))
    return codes

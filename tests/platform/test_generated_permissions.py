"""Permissions, generated from what the modules declare.

For every root query and mutation of the full schema this suite builds a minimal valid
operation (required arguments filled with dummy values by type, a selection of
``__typename`` and the payload's ``userErrors``) and runs it as:

- nobody (no session): everything but the public ways in is ``UNAUTHENTICATED``;
- a member with no role, the built-in roles and every module's role templates: a field is
  ``FORBIDDEN`` exactly when its declared rule is a permission the role does not hold;
- for each permission that guards at least one field, a member holding only that permission:
  allowed exactly the fields that permission guards (and those open to any member).

"Allowed" is any other outcome: data, ``NOT_FOUND`` for the dummy ids, ``BAD_USER_INPUT``,
``userErrors``. The list of fields and the permissions of each role come from the running
product (the schema and ``roles { key permissions }``), so a new field or a new role is covered
without touching this file, and a field without an access rule fails it.

Nested fields guarded inside their type (the sensitive fields of an employee) carry no
declaration a generator could read; they are listed in ``NESTED_GUARDS``, and a field whose
description says it is sensitive but which is missing from that list fails the suite.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    Undefined,
    get_named_type,
)

from backoffice.graphql.fields import AUTHENTICATED, PUBLIC, SELF_SERVICE, access_rule
from backoffice.graphql.ids import encode_id
from backoffice.graphql.schema import SchemaRouter
from backoffice.runtime import get_registry
from backoffice.settings import get_settings
from helpers import Api, add_member, enable, sign_up

OPEN_TO_MEMBERS = {AUTHENTICATED, SELF_SERVICE}
# A key no row has, in every table: dummy ids are well formed and name a plausible type.
MISSING_PK = 987_654_321
# Codes that mean the field was refused for who the caller is (or was not there at all).
REFUSED = {"FORBIDDEN", "UNAUTHENTICATED", "MODULE_DISABLED"}

# Mutations that end or move the caller's own session: run last for each caller, each alone,
# so that they cannot change the outcome of another field.
RUN_LAST = ("switchTenant", "logIn", "signUp", "acceptInvitation", "resetPassword",
            "disableModule", "logOut")
# Callers checked at the same time: a request spends much of its time waiting on the database.
CONCURRENT_CALLERS = 4

# Nested fields that a type guards itself, returning null without the permission: the type,
# the permission, the root field that reads one record by id, and the guarded fields. Nothing
# in the schema declares these, so they are listed here; a field whose description calls it
# sensitive and is missing from this table fails the suite. The record used is never the
# caller's own (their own employee record is always visible to them).
NESTED_GUARDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "Employee": ("hr.employee.read_sensitive", "employee",
                 ("nationalId", "taxId", "bankName", "bankAccount", "ptkpStatus", "birthDate",
                  "address", "emergencyContacts { id }", "documents { id }")),
}
# A role is checked against every field of the core and of each module it holds a permission
# of. A module's fields for a caller holding none of that module's permissions behave
# as for the member with no role, who is checked against every field (no permission of one
# module stands in for another's; each caller's `me { permissions }` must equal its role's).
# BACKOFFICE_PERMISSIONS_EXHAUSTIVE=1 checks every role against every field, and each
# one-permission member against every guarded field.
EXHAUSTIVE = os.environ.get("BACKOFFICE_PERMISSIONS_EXHAUSTIVE") == "1"


# -- the schema, as the product declares it ----------------------------------------------------

@dataclasses.dataclass(frozen=True)
class RootField:
    kind: str  # "query" or "mutation"
    name: str
    rule: str
    owner: str
    definition: GraphQLField = dataclasses.field(compare=False, repr=False)

    @property
    def module(self) -> str:
        """The module whose permissions decide this field."""
        if self.rule in OPEN_TO_MEMBERS | {PUBLIC}:
            return self.owner
        return self.rule.split(".", 1)[0]

    @property
    def label(self) -> str:
        return f"{'Query' if self.kind == 'query' else 'Mutation'}.{self.name}"


def root_fields() -> list[RootField]:
    router = SchemaRouter(get_registry(), get_settings())
    schema = router.full()
    graphql_schema = schema._schema
    fields: list[RootField] = []
    for kind, type_name in (("query", "Query"), ("mutation", "Mutation")):
        rules = {schema.config.name_converter.get_graphql_name(f): access_rule(f)
                 for f in schema.get_type_by_name(type_name).fields}
        for name, definition in graphql_schema.type_map[type_name].fields.items():
            rule = rules.get(name)
            assert rule is not None, f"{type_name}.{name} names no access rule"
            fields.append(RootField(kind, name, rule, router.field_owner.get(name, "core"),
                                    definition))
    return fields


def _type_name_for_id(arg_name: str, context: str) -> str:
    """A plausible type for a dummy id: ``employeeId`` -> ``Employee``; a bare ``id`` takes the
    name of its input (``UpdateEmployeeInput`` -> ``Employee``)."""
    if arg_name.endswith("Id") and len(arg_name) > 2:
        base = arg_name[:-2]
    else:
        base = context
        for suffix in ("IdInput", "Input"):
            base = base.removesuffix(suffix)
        for prefix in ("Update", "Delete", "Decide", "Cancel", "Close", "Remove"):
            if base.startswith(prefix) and len(base) > len(prefix):
                base = base[len(prefix):]
                break
    return (base[:1].upper() + base[1:]) or "Node"


def dummy(type_: GraphQLInputType, name: str, context: str) -> Any:
    """The smallest valid value of ``type_``, as a JSON variable."""
    if isinstance(type_, GraphQLNonNull):
        return dummy(type_.of_type, name, context)
    if isinstance(type_, GraphQLList):
        return [dummy(type_.of_type, name, context)]
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    if isinstance(type_, GraphQLInputObjectType):
        return {field_name: dummy(f.type, field_name, type_.name)
                for field_name, f in type_.fields.items()
                if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined}
    assert isinstance(type_, GraphQLScalarType), type_
    scalar = type_.name
    if scalar == "ID":
        return encode_id(_type_name_for_id(name, context), MISSING_PK)
    values: dict[str, Any] = {
        "String": "x", "Int": 1, "Float": 1.0, "Boolean": False, "Decimal": "1",
        "Date": date.today().isoformat(), "DateTime": datetime.now(UTC).isoformat(), "JSON": {},
    }
    assert scalar in values, f"no dummy value for the scalar {scalar} ({context}.{name})"
    return values[scalar]


def selection(field: GraphQLField) -> str:
    named = get_named_type(field.type)
    if isinstance(named, GraphQLObjectType):
        if "userErrors" in named.fields:
            return " { __typename userErrors { code } }"
        return " { __typename }"
    if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
        return " { __typename }"
    return ""


def operation(kind: str, fields: list[RootField]) -> tuple[str, dict[str, Any]]:
    """One document running ``fields`` under aliases ``f0``, ``f1``..., and its variables."""
    declarations: list[str] = []
    selections: list[str] = []
    variables: dict[str, Any] = {}
    for i, f in enumerate(fields):
        arguments = []
        for arg_name, arg in f.definition.args.items():
            if not isinstance(arg.type, GraphQLNonNull) or arg.default_value is not Undefined:
                continue
            variable = f"v{i}_{arg_name}"
            declarations.append(f"${variable}: {arg.type}")
            variables[variable] = dummy(arg.type, arg_name, f.name)
            arguments.append(f"{arg_name}: ${variable}")
        args = f"({', '.join(arguments)})" if arguments else ""
        selections.append(f"f{i}: {f.name}{args}{selection(f.definition)}")
    header = f"{kind}({', '.join(declarations)})" if declarations else kind
    return f"{header} {{ {' '.join(selections)} }}", variables


# -- running fields and reading outcomes -------------------------------------------------------

def _outcome_of_data(value: Any) -> str:
    if isinstance(value, dict) and value.get("userErrors"):
        return "userErrors:" + ",".join(sorted({e["code"] for e in value["userErrors"]}))
    return "data"


def _code(error: dict[str, Any]) -> str:
    return (error.get("extensions") or {}).get("code") or "ERROR"


class Runner:
    """Runs root fields as one caller, batching with aliases where the outcome stays readable.

    A non-null root field that fails nulls the whole response and hides the other fields'
    outcomes (and, in a mutation, stops the fields after it), so a batch that comes back
    without data is run again without the field that failed.
    """

    def __init__(self, api: Api, max_batch: int) -> None:
        self.api = api
        self.max_batch = max_batch
        self.requests = 0

    async def post(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        self.requests += 1
        response = await self.api.client.post(
            "/graphql", json={"query": document, "variables": variables}, headers=self.api.headers)
        assert response.status_code == 200, (response.status_code, response.text[:500])
        return response.json()

    async def run(self, fields: Iterable[RootField], expected_denied: set[str]) -> dict[str, str]:
        """The outcome of each field: an error code, ``data`` or ``userErrors:<codes>``.

        Fields expected to be refused go alone (a refused non-null field would hide the
        rest of its batch); the others in batches."""
        outcomes: dict[str, str] = {}
        fields = list(fields)
        last = [f for f in fields if f.name in RUN_LAST]
        for kind in ("query", "mutation"):
            of_kind = [f for f in fields if f.kind == kind and f.name not in RUN_LAST]
            batched = [f for f in of_kind if f.name not in expected_denied]
            alone = [f for f in of_kind if f.name in expected_denied]
            await self._run_batches(kind, batched, outcomes)
            for f in alone:
                await self._run_batches(kind, [f], outcomes)
        for f in sorted(last, key=lambda f: RUN_LAST.index(f.name)):
            await self._run_batches(f.kind, [f], outcomes)
        return outcomes

    async def _run_batches(self, kind: str, fields: list[RootField],
                           outcomes: dict[str, str]) -> None:
        pending = list(fields)
        while pending:
            batch, rest = pending[:self.max_batch], pending[self.max_batch:]
            document, variables = operation(kind, batch)
            body = await self.post(document, variables)
            errors = body.get("errors") or []
            data = body.get("data")
            whole = [e for e in errors if not e.get("path")]
            if whole:  # the document was refused before anything ran
                if len(batch) > 1:  # find out which field, one by one
                    for f in batch:
                        await self._run_batches(kind, [f], outcomes)
                else:
                    # A field unknown to the caller's schema; anything else is a bug of the
                    # generator (a dummy value of the wrong type, say).
                    assert "MODULE_DISABLED" in {_code(e) for e in whole}, (whole, document, variables)
                    outcomes[batch[0].name] = "MODULE_DISABLED"
                pending = rest
                continue
            by_alias: dict[str, dict[str, Any]] = {}
            for error in errors:
                by_alias.setdefault(error["path"][0], error)
            if data is not None:
                for i, f in enumerate(batch):
                    alias = f"f{i}"
                    outcomes[f.name] = (_code(by_alias[alias]) if alias in by_alias
                                        else _outcome_of_data(data.get(alias)))
                pending = rest
                continue
            # The whole response is null: a non-null field failed. Every error reported is
            # that field's own outcome; the fields without one are run again.
            failed = {int(alias[1:]): error for alias, error in by_alias.items()}
            for i, error in failed.items():
                outcomes[batch[i].name] = _code(error)
            if kind == "mutation":
                # Mutations run in order and stop at the failure: the ones before it ran
                # without error, the ones after it did not run.
                stop = max(failed)
                for f in batch[:stop]:
                    outcomes.setdefault(f.name, "data")
                pending = batch[stop + 1:] + rest
            else:
                pending = [f for i, f in enumerate(batch) if i not in failed] + rest


def expected_denial(field: RootField, permissions: frozenset[str] | None) -> set[str] | None:
    """The codes a caller may be refused with, or ``None`` when the field must let them
    through. ``permissions`` is ``None`` for a caller without a session, whose schema has only
    the core's fields (a module's field is unknown to it: ``MODULE_DISABLED``)."""
    if field.rule == PUBLIC:
        return None
    if permissions is None:
        return {"UNAUTHENTICATED"} if field.owner == "core" else {"UNAUTHENTICATED", "MODULE_DISABLED"}
    if field.rule in OPEN_TO_MEMBERS:
        return None
    return None if field.rule in permissions else {"FORBIDDEN"}


def mismatches(who: str, fields: list[RootField], permissions: frozenset[str] | None,
               outcomes: dict[str, str]) -> list[str]:
    lines = []
    for f in fields:
        got = outcomes.get(f.name, "no outcome")
        want = expected_denial(f, permissions)
        if want is not None and got not in want:
            lines.append(f"{who} → {f.label} ({f.rule}): expected {' or '.join(sorted(want))}, got {got}")
        elif want is None and (got in REFUSED or got == "no outcome"):
            lines.append(f"{who} → {f.label} ({f.rule}): expected to be allowed, got {got}")
    return lines


# -- the world: one company with every module, and a caller per role ----------------------------

@dataclasses.dataclass
class World:
    company: Any
    fields: list[RootField]
    role_permissions: dict[str, frozenset[str]]
    make_client: Any
    stats: dict[str, Any]


@pytest.fixture(scope="module")
async def world(app):  # type: ignore[no-untyped-def]
    import secrets

    import httpx

    from backoffice.graphql.ratelimit import RateLimiter

    # Thousands of requests from a handful of callers of one company: lift the budgets (as
    # the environment would) for this module only.
    original_limiter = app.state.rate_limiter
    big = 1_000_000_000
    app.state.rate_limiter = RateLimiter(dataclasses.replace(
        get_settings(), rate_limit_points=big, rate_limit_user_points=big,
        rate_limit_tenant_points=big))
    clients: list[httpx.AsyncClient] = []

    async def make_client() -> Api:
        address = (f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}."
                   f"{secrets.randbelow(250) + 1}")
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)),
                                   base_url="http://testserver", timeout=120)
        clients.append(client)
        return Api(client)

    fields = root_fields()
    company = await sign_up(await make_client())
    for module in get_registry():
        if module.key != "core":
            result = await enable(company.api, module.key)
            assert result["userErrors"] == [], (module.key, result)
    roles = (await company.api.data("{ roles(first: 100) { totalCount nodes { key permissions } } }"))["roles"]
    assert roles["totalCount"] == len(roles["nodes"])
    role_permissions = {r["key"]: frozenset(r["permissions"]) for r in roles["nodes"]}
    try:
        world_stats: dict[str, Any] = {}
        yield World(company, fields, role_permissions, make_client, world_stats)
    finally:
        runs = [v for k, v in world_stats.items() if k != "internal"]
        print(f"\npermissions suite: {len(runs)} callers, {sum(r[0] for r in runs)} requests; "
              f"internal errors (allowed, with dummy input): {world_stats.get('internal', {})}")
        app.state.rate_limiter = original_limiter
        for c in clients:
            await c.aclose()


async def _member(world: World, *, role_keys: list[str] = (),  # type: ignore[assignment]
                  permissions: list[str] = (), name: str) -> Any:  # type: ignore[assignment]
    async def new_client() -> Api:
        return await world.make_client()

    return await add_member(world.company, new_client, role_keys=list(role_keys),
                            permissions=list(permissions), name=name)


async def _check(world: World, who: str, api: Api, permissions: frozenset[str] | None,
                 fields: list[RootField] | None = None) -> list[str]:
    fields = world.fields if fields is None else fields
    expected_denied = {f.name for f in fields if expected_denial(f, permissions) is not None}
    runner = Runner(api, get_settings().graphql_max_aliases)
    started = time.monotonic()
    outcomes = await runner.run(fields, expected_denied)
    world.stats[who] = (runner.requests, round(time.monotonic() - started, 1))
    internal = sorted(f.label for f in fields if outcomes.get(f.name) == "INTERNAL_SERVER_ERROR")
    if internal:
        world.stats.setdefault("internal", {})[who] = internal
    return mismatches(who, fields, permissions, outcomes)


# -- the tests -----------------------------------------------------------------------------------

def test_every_module_role_template_is_offered(world):
    keys = set(world.role_permissions)
    missing = [f"{m.key}.{t.key}" for m in get_registry() for t in m.role_templates
               if f"{m.key}.{t.key}" not in keys]
    assert {"owner", "admin"} <= keys and missing == []


async def test_nobody_without_a_session_gets_past_the_public_fields(world):
    api = await world.make_client()
    problems = await _check(world, "anonymous", api, None)
    assert problems == [], "\n".join(problems)


async def _sweep(world: World, callers: list[tuple[Any, ...]]) -> list[str]:
    """Check ``callers`` (name, ``add_member`` arguments, expected permissions and optionally
    the fields to run), a few at a time; returns every mismatch."""
    gate = asyncio.Semaphore(CONCURRENT_CALLERS)

    async def one(who: str, grants: dict[str, list[str]], permissions: frozenset[str],
                  fields: list[RootField] | None = None) -> list[str]:
        if fields is None and permissions and not EXHAUSTIVE:
            modules = {"core"} | {p.split(".", 1)[0] for p in permissions}
            fields = [f for f in world.fields if f.module in modules]
        async with gate:
            member = await _member(world, name=f"Caller {len(world.stats)}", **grants)
            me = await member.api.data("{ me { permissions } }")
            if frozenset(me["me"]["permissions"]) != permissions:
                return [f"{who}: holds {sorted(me['me']['permissions'])}, "
                        f"its role says {sorted(permissions)}"]
            return await _check(world, who, member.api, permissions, fields)

    results = await asyncio.gather(*(one(*c) for c in callers))
    return [line for lines in results for line in lines]


async def test_each_role_is_allowed_exactly_what_it_holds(world):
    callers = [("role 'none' (a member with no role)", {}, frozenset())] + [
        (f"role '{key}'", {"role_keys": [key]}, permissions)
        for key, permissions in sorted(world.role_permissions.items())]
    problems = await _sweep(world, callers)
    assert problems == [], "\n".join(problems)


async def test_each_permission_alone_unlocks_exactly_its_own_fields(world):
    # The fields open to any member answer a member holding one permission as they answer the
    # member with no role (checked with the roles): only the guarded fields are run here.
    guarded = [f for f in world.fields if f.rule not in OPEN_TO_MEMBERS | {PUBLIC}]
    used = sorted({f.rule for f in guarded})
    assert used, "no field is guarded by a permission"
    callers = [(f"only '{permission}'", {"permissions": [permission]}, frozenset({permission}),
                [f for f in guarded if EXHAUSTIVE or f.module == permission.split(".", 1)[0]])
               for permission in used]
    problems = await _sweep(world, callers)
    assert problems == [], "\n".join(problems)


async def _employee_with_sensitive_data(owner: Api) -> str:
    created = (await owner.data(
        "mutation($input: EmployeeInput!) { createEmployee(input: $input) { employee { id } "
        "userErrors { message } } }",
        {"input": {"fullName": "Sensitive Person", "startDate": "2024-01-02",
                   "nationalId": "3171000000000001", "taxId": "01.234.567.8-901.000",
                   "bankName": "Bank", "bankAccount": "1234567890", "ptkpStatus": "TK/0",
                   "birthDate": "1990-01-01", "address": "Jalan 1"}}))["createEmployee"]
    assert created["userErrors"] == [], created
    return created["employee"]["id"]


# How to make a record of each type in NESTED_GUARDS, as the owner.
NESTED_RECORDS = {"Employee": _employee_with_sensitive_data}


def test_every_field_described_as_sensitive_is_listed():
    schema = SchemaRouter(get_registry(), get_settings()).full()._schema
    listed = {(type_name, selection.split(" ", 1)[0])
              for type_name, (_, _, selections) in NESTED_GUARDS.items() for selection in selections}
    described = {(name, field_name) for name, t in schema.type_map.items()
                 if isinstance(t, GraphQLObjectType) and not name.startswith("__")
                 for field_name, f in t.fields.items()
                 if "sensitive" in (f.description or "").lower()}
    assert described - listed == set(), "sensitive fields missing from NESTED_GUARDS"
    assert set(NESTED_RECORDS) == set(NESTED_GUARDS)


async def test_nested_guarded_fields_are_null_exactly_without_their_permission(world):
    problems = []
    records = {t: await make(world.company.api) for t, make in NESTED_RECORDS.items()}
    callers = [("role 'none' (a member with no role)", {}, frozenset())] + [
        (f"role '{key}'", {"role_keys": [key]}, permissions)
        for key, permissions in sorted(world.role_permissions.items())]
    root = {f.name: f for f in world.fields if f.kind == "query"}
    seen: set[bool] = set()
    for who, grants, permissions in callers:
        member = await _member(world, name="Nested reader", **grants)
        for type_name, (permission, root_name, selections) in NESTED_GUARDS.items():
            document = (f"query($id: ID!) {{ record: {root_name}(id: $id) "
                        f"{{ {' '.join(selections)} }} }}")
            body = await member.api.gql(document, {"id": records[type_name]})
            if root[root_name].rule not in permissions:
                got = _code(body["errors"][0]) if body.get("errors") else "data"
                if got != "FORBIDDEN":
                    problems.append(f"{who} → Query.{root_name}: expected FORBIDDEN, got {got}")
                continue
            assert not body.get("errors"), (who, body)
            for selection in selections:
                name = selection.split(" ", 1)[0]
                shown = body["data"]["record"][name] is not None
                seen.add(shown)
                if shown != (permission in permissions):
                    problems.append(f"{who} → {type_name}.{name} ({permission}): expected "
                                    f"{'a value' if permission in permissions else 'null'}, "
                                    f"got {'a value' if shown else 'null'}")
    assert problems == [], "\n".join(problems)
    assert seen == {True, False}, "no caller could read the records, or every caller saw everything"

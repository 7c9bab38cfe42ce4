"""Tenant isolation, generated from the schema.

Tenant B is the demo company (every module enabled, every module's demo data). Tenant A is a
fresh company with every module enabled, whose owner holds every permission. The suite reads
B's records through B's own eyes (every root connection and list it can call), then walks
the schema as A's owner and tries every root query with B's ids (arguments and filters), every
connection with B's cursors, and every mutation with an input whose ids are B's. Nothing is
listed by hand: a field added to the API is probed on the next run.

Expected everywhere: no id, name or count of B in any response, and a response to B's id
identical to the response to a well-formed id that never existed (same type), so that "not
yours" cannot be told from "does not exist". After the mutations B's records are unchanged.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import secrets
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graphql import GraphQLField, GraphQLInputObjectType, GraphQLNonNull, GraphQLSchema

from helpers import Api, Company, enable, eventually, log_in, sign_up
import walk

# Mutations left out of the generic walk, because they act on the caller's own session or
# company rather than on records (they take no record ids of another tenant):
# - signUp creates a new company and logs the caller into it;
# - logIn / logOut / switchTenant change whose session this is (switchTenant to B's company is
#   probed on its own below);
# - deleteTenant / closeAccount would remove company A itself.
SESSION_MUTATIONS = {"signUp", "logIn", "logOut", "switchTenant", "deleteTenant", "closeAccount"}

# Mutations that may accept an input naming B's ids, because the id is not used there: each
# is still checked for B's data in its answer.
IDS_READ_LATER = {
    # accountId is read only by the general ledger report, whose job looks the account up in
    # the caller's company (a trial balance, the generated input, ignores it).
    "exportFinancialReport",
}

# Codes a refused probe may answer with.
REFUSALS = {"NOT_FOUND", "BAD_USER_INPUT", "FORBIDDEN", "USER_ERROR", "CONFLICT"}

ID_SAMPLES = 2  # B ids tried of the type the argument expects
OTHER_TYPES = 4  # and ids of this many other types (a type confusion must read as not found)


@dataclass
class Harvest:
    ids: dict[str, set[str]] = field(default_factory=dict)
    cursors: dict[str, str] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    fields: list[str] = field(default_factory=list)


@dataclass
class World:
    a: Company
    b: Company
    schema: GraphQLSchema  # as A sees it (every module enabled)
    b_schema: GraphQLSchema
    b_data: Harvest
    a_data: Harvest
    secrets: set[str]
    violations: dict[str, list[str]] = field(default_factory=dict)
    probes: dict[str, int] = field(default_factory=dict)

    def foreign_ids(self) -> dict[str, set[str]]:
        """B's ids of records (numeric keys) that A does not share: catalogue entries keyed by
        name (the same for every company) are left out."""
        own = {i for s in self.a_data.ids.values() for i in s}
        out: dict[str, set[str]] = {}
        for t, ids in self.b_data.ids.items():
            keep = {i for i in ids if i not in own and walk.decode_any(i)[1].isdigit()}
            if keep:
                out[t] = keep
        return out


# ---------------------------------------------------------------------------------------------
# Set-up


def _client(app: Any) -> Api:
    address = f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"
    return Api(httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(address, 40000)),
                                 base_url="http://testserver"))


def _seed_demo(email: str, password: str, name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backoffice.cli", "seed-demo", "--email", email, "--password",
         password, "--name", name], capture_output=True, text=True, env=os.environ.copy(),
        timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


async def harvest(api: Api, schema: GraphQLSchema, known: dict[str, set[str]] | None = None
                  ) -> Harvest:
    """Every id, cursor and total a company sees through the root query fields it can call
    without arguments (and those whose required arguments are ids it has)."""
    out = Harvest()
    query = schema.query_type
    deferred: list[tuple[str, GraphQLField]] = []
    direct = []
    for name, f in sorted(query.fields.items()):
        if not isinstance(walk.named(f.type), type(query)):
            continue
        if walk.required_args(f):
            deferred.append((name, f))
        else:
            direct.append((name, f, {"first": 50} if "first" in f.args else {}))
    await walk.run_all([_harvester(api, name, f, args, out) for name, f, args in direct])
    # Fields needing ids: fill them with ids just harvested (accountId -> an Account).
    for name, f in deferred:
        required = walk.required_args(f)
        if not all(walk.is_id_type(a.type) and not walk.is_list(a.type) for a in required.values()):
            continue
        for attempt in range(3):
            args: dict[str, Any] = {"first": 50} if "first" in f.args else {}
            for arg in required:
                t = walk.guess_type(arg, out.ids) or walk.hint_from_mutation(name, out.ids)
                pool = sorted(out.ids.get(t, set())) if t else []
                if not pool:
                    break
                args[arg] = pool[min(attempt, len(pool) - 1)]
            else:
                await _harvest_one(api, name, f, args, out)
                continue
            break
    return out


def _harvester(api: Api, name: str, f: GraphQLField, args: dict[str, Any], out: Harvest) -> Any:
    return lambda: _harvest_one(api, name, f, args, out)


async def _harvest_one(api: Api, name: str, f: GraphQLField, args: dict[str, Any],
                       out: Harvest) -> None:
    text, variables = walk.operation("query", name, f, args)
    body = await walk.post(api, text, variables)
    data = (body.get("data") or {}).get(name)
    if data is None:
        return
    out.fields.append(name)
    walk.collect_ids(data, out.ids)
    if walk.is_connection(f.type):
        cursor = (data.get("pageInfo") or {}).get("endCursor")
        if cursor:
            out.cursors[name] = cursor
        total = data.get("totalCount")
        out.totals[name] = total if total is not None else len(data.get("nodes") or data.get("edges") or [])


async def _enable_everything(company: Company) -> None:
    modules = (await company.api.data("{ modules(first: 100) { nodes { key enabled core } } }"))
    for m in modules["modules"]["nodes"]:
        if not m["enabled"]:
            await enable(company.api, m["key"])


@pytest.fixture(scope="module")
async def world(app):  # type: ignore[no-untyped-def]
    from backoffice.graphql.ratelimit import RateLimiter
    from backoffice.settings import get_settings

    # The walk sends a few thousand operations as one user: lift the per-hour budgets meanwhile.
    original = app.state.rate_limiter
    app.state.rate_limiter = RateLimiter(dataclasses.replace(
        get_settings(), rate_limit_points=10**9, rate_limit_user_points=10**9,
        rate_limit_tenant_points=10**9))
    clients: list[Api] = []
    try:
        tag = secrets.token_hex(4)
        b_email, b_password, b_name = f"isolation-b-{tag}@example.com", "b-password-" + tag, \
            f"Isolation B {tag}"
        t0 = time.monotonic()
        _seed_demo(b_email, b_password, b_name)
        t1 = time.monotonic()
        b_api = _client(app)
        clients.append(b_api)
        result = await log_in(b_api, b_email, b_password)
        assert result["userErrors"] == [], result
        b_tenant = (await b_api.data("{ tenant { id slug name } }"))["tenant"]
        b = Company(api=b_api, slug=b_tenant["slug"], email=b_email, password=b_password,
                    name=b_name, tenant_id=b_tenant["id"])

        a_api = _client(app)
        clients.append(a_api)
        a = await sign_up(a_api, name=f"Isolation A {tag}")
        await _enable_everything(a)
        me = await a.api.data("{ me { permissions } permissions { key } }")
        missing = {p["key"] for p in me["permissions"]} - set(me["me"]["permissions"])
        assert not missing, f"A's owner lacks permissions: {sorted(missing)}"

        await _settled(b.api)
        t2 = time.monotonic()
        schema = await walk.introspect(a.api)
        b_schema = await walk.introspect(b.api)
        b_data = await harvest(b.api, b_schema)
        a_data = await harvest(a.api, schema)
        print(f"\nset-up: seeding B {t1 - t0:.1f}s, A {t2 - t1:.1f}s, "
              f"introspection and harvest {time.monotonic() - t2:.1f}s")
        w = World(a=a, b=b, schema=schema, b_schema=b_schema, b_data=b_data, a_data=a_data,
                  secrets=set())
        w.secrets = {i for s in w.foreign_ids().values() for i in s} | {
            b.name, b.slug, b.email, b.tenant_id}
        yield w
    finally:
        app.state.rate_limiter = original
        for c in clients:
            await c.client.aclose()


async def _settled(api: Api, timeout: float = 180.0) -> None:
    """Wait until the demo seeding's background work has finished: no job queued or running,
    and the postings its events make (journal entries) the same over two reads three seconds
    apart. Otherwise B's lists still grow while the probes compare them (more so after suites
    that leave the job runner a backlog)."""
    query = """{ queued: jobs(first: 1, status: "queued") { totalCount }
                 running: jobs(first: 1, status: "running") { totalCount }
                 journalEntries(first: 1) { totalCount } }"""
    deadline = time.monotonic() + timeout
    previous = None
    while time.monotonic() < deadline:
        data = await api.data(query)
        state = (data["queued"]["totalCount"], data["running"]["totalCount"],
                 data["journalEntries"]["totalCount"])
        if state[:2] == (0, 0) and state == previous:
            return
        previous = state
        await asyncio.sleep(3)
    raise AssertionError(f"B's background work did not settle in {timeout:g} s: {previous}")


def _report(violations: list[str], what: str) -> None:
    assert not violations, f"{len(violations)} {what}:\n" + "\n".join(violations[:60])


# ---------------------------------------------------------------------------------------------
# Helpers for generated probes


def _id_paths(f: GraphQLField) -> list[tuple[str, ...]]:
    """Where an id can be given to ``f``: its ID arguments and ID fields of input arguments
    (filters), as paths."""
    paths: list[tuple[str, ...]] = []

    def inner(t: GraphQLInputObjectType, prefix: tuple[str, ...], depth: int) -> None:
        for n, x in t.fields.items():
            if walk.is_id_type(x.type):
                paths.append((*prefix, n))
            elif isinstance(walk.named(x.type), GraphQLInputObjectType) and depth < 2:
                inner(walk.named(x.type), (*prefix, n), depth + 1)

    for name, a in f.args.items():
        if walk.is_id_type(a.type):
            paths.append((name,))
        elif isinstance(walk.named(a.type), GraphQLInputObjectType):
            inner(walk.named(a.type), (name,), 0)
    return paths


def _put(args: dict[str, Any], path: tuple[str, ...], value: Any, f: GraphQLField,
         schema_types: Any = None) -> dict[str, Any]:
    out = json.loads(json.dumps(args))
    here = out
    for p in path[:-1]:
        here = here.setdefault(p, {})
    here[path[-1]] = value
    return out


def _expected_type(field_name: str, path: tuple[str, ...], f: GraphQLField,
                   ids: dict[str, set[str]]) -> str | None:
    last = path[-1]
    hint = walk.named(f.type).name
    if walk.is_connection(f.type):
        hint = walk.connection_node(f.type).name
    if last not in ("id", "ids"):
        return walk.guess_type(last, ids)
    return walk.guess_type(last, ids, hint) or walk.hint_from_mutation(
        field_name[0].upper() + field_name[1:], ids)


def _wrap(value: str, path: tuple[str, ...], f: GraphQLField) -> Any:
    # An [ID] argument or input field gets a one-element list.
    t: Any = f.args[path[0]].type
    for p in path[1:]:
        t = walk.named(t).fields[p].type
    return [value] if walk.is_list(t) else value


def _samples(ids: dict[str, set[str]], expected: str | None, salt: str) -> list[str]:
    """Up to ID_SAMPLES of B's ids of the expected type and one of OTHER_TYPES other types
    (chosen per field, so that across the schema every type is tried); one id of every type
    where the expected type cannot be told from the name (``recordId``)."""
    types = sorted(ids)
    if expected not in ids:
        return [sorted(ids[t])[0] for t in types]
    others = [t for t in types if t != expected]
    offset = zlib.crc32(salt.encode()) % max(1, len(others))
    chosen = (others[offset:] + others[:offset])[:OTHER_TYPES]
    return sorted(ids[expected])[:ID_SAMPLES] + [sorted(ids[t])[0] for t in chosen]


def _acceptable(body: dict[str, Any], path: str) -> str | None:
    if body.get("_status") not in (None, 200):
        return f"{path}: HTTP {body['_status']} {body}"
    return None


# ---------------------------------------------------------------------------------------------
# 1 and 2: root queries with B's ids (lookups and filters) and B's cursors


async def test_queries_with_another_tenants_ids(world: World) -> None:
    ids = world.foreign_ids()
    assert len(ids) >= 20, f"B's demo data should span the modules; types seen: {sorted(ids)}"
    api = world.a.api
    started = time.monotonic()
    # (where, text, variables, B id, key of the never-existing reference)
    probes: list[tuple[str, str, dict[str, Any], str, tuple[str, str]]] = []
    fakes: dict[tuple[str, str], tuple[str, dict[str, Any], str]] = {}
    fields = 0
    for name, f in sorted(world.schema.query_type.fields.items()):
        paths = _id_paths(f)
        if not paths:
            continue
        fields += 1
        base = walk.Filler(ids, fake=True).args(f, include_optional_ids=False)
        for path in paths:
            expected = _expected_type(name, path, f, ids)
            for bid in _samples(ids, expected, salt=name + ".".join(path)):
                args = _put(base, path, _wrap(bid, path, f), f)
                text, variables = walk.operation("query", name, f, args)
                where = f"query {name}({'.'.join(path)}={bid} [{walk.id_type(bid)}]) args={args}"
                # B's id must read exactly like a missing record of its own type. Ids of a
                # type the argument does not take are refused before any lookup, all alike:
                # one reference serves them all.
                t = walk.id_type(bid) or "?"
                key = (f"{name}:{'.'.join(path)}", t if expected in (None, t) else "another type")
                probes.append((where, text, variables, bid, key))
                if key not in fakes:
                    fake = walk.never_existed(bid)
                    fakes[key] = (text, _put(base, path, _wrap(fake, path, f), f), fake)

    answers = await walk.run_all([_call(api, p[1], p[2]) for p in probes])
    fake_keys = list(fakes)
    fake_answers = dict(zip(fake_keys, await walk.run_all(
        [_call(api, fakes[k][0], fakes[k][1]) for k in fake_keys]), strict=True))
    violations: list[str] = []
    for (where, _, _, bid, key), body in zip(probes, answers, strict=True):
        if problem := _acceptable(body, where):
            violations.append(problem)
            continue
        if found := walk.leaks(body, world.secrets, [bid]):
            violations.append(f"{where}: B's data in the response: {found[:5]} -> "
                              f"{json.dumps(body)[:400]}")
            continue
        reference = walk.normalise(fake_answers[key], [fakes[key][2]])
        got = walk.normalise(body, [bid])
        if got != reference:
            violations.append(f"{where}: answer differs from a never-existing {key[1]}:\n"
                              f"  B's id:        {got[:400]}\n  never existed: {reference[:400]}")
    world.probes["query fields with ids"] = fields
    world.probes["query probes"] = len(probes) + len(fakes)
    print(f"\nid probes: {fields} query fields, {len(probes)} + {len(fakes)} operations, "
          f"{time.monotonic() - started:.1f}s")
    _report(violations, "query probes let something of B through")


def _call(api: Api, text: str, variables: dict[str, Any]) -> Any:
    return lambda: walk.post(api, text, variables)


async def test_connections_with_another_tenants_cursors(world: World) -> None:
    ids = world.foreign_ids()
    cursors = world.b_data.cursors
    assert cursors, "B's connections returned no cursor"
    any_cursor = sorted(cursors.values())[0]
    violations: list[str] = []
    count = 0
    for name, f in sorted(world.schema.query_type.fields.items()):
        if not walk.is_connection(f.type) or "after" not in f.args:
            continue
        count += 1
        base = walk.Filler(ids, fake=True).args(f, include_optional_ids=False)
        own_text, _ = walk.operation("query", name, f, base)
        own = await walk.post(world.a.api, own_text, base)
        own_total = ((own.get("data") or {}).get(name) or {}).get("totalCount")
        for cursor in {cursors.get(name, any_cursor), any_cursor}:
            args = {**base, "after": cursor}
            text, variables = walk.operation("query", name, f, args)
            body = await walk.post(world.a.api, text, variables)
            where = f"query {name}(after={cursor!r}) args={base}"
            if problem := _acceptable(body, where):
                violations.append(problem)
            elif found := walk.leaks(body, world.secrets, [cursor]):
                violations.append(f"{where}: B's data in the response: {found[:5]}")
            else:
                total = ((body.get("data") or {}).get(name) or {}).get("totalCount")
                if total is not None and own_total is not None and total != own_total:
                    violations.append(f"{where}: totalCount {total} with B's cursor, "
                                      f"{own_total} without")
    world.probes["connections with cursors"] = count
    assert count >= 30
    _report(violations, "cursor probes let something of B through")


async def test_no_root_field_reveals_another_tenant(world: World) -> None:
    """Every root query A can call without arguments answers with A's data only."""
    violations = []
    for name, f in sorted(world.schema.query_type.fields.items()):
        if walk.required_args(f):
            continue
        text, variables = walk.operation("query", name, f, {})
        body = await walk.post(world.a.api, text, variables)
        if found := walk.leaks(body, world.secrets, []):
            violations.append(f"query {name}: B's data in the response: {found[:5]}")
    _report(violations, "root fields show B's data")


# ---------------------------------------------------------------------------------------------
# 3: every mutation with B's ids


async def test_mutations_with_another_tenants_ids(world: World) -> None:
    ids = world.foreign_ids()
    violations: list[str] = []
    exercised = 0
    started = time.monotonic()
    for name, f in sorted(world.schema.mutation_type.fields.items()):
        if name in SESSION_MUTATIONS:
            continue
        hint = walk.hint_from_mutation(name, ids)
        filler = walk.Filler(ids, hint=hint)
        args = filler.args(f)
        fake_filler = walk.Filler(ids, hint=hint, fake=True)
        fake_args = fake_filler.args(f)
        text, variables = walk.operation("mutation", name, f, args)
        body = await walk.post(world.a.api, text, variables)
        exercised += 1
        given = filler.used
        where = f"mutation {name}({json.dumps(args)})"
        if problem := _acceptable(body, where):
            violations.append(problem)
            continue
        if found := walk.leaks(body, world.secrets, given):
            violations.append(f"{where}: B's data in the response: {found[:5]} -> "
                              f"{json.dumps(body)[:400]}")
            continue
        if not given:
            continue  # nothing of B was named: whatever happened, happened to A
        codes = walk.error_codes(body)
        if not codes and name in IDS_READ_LATER:
            continue
        if not codes:
            violations.append(f"{where}: accepted with B's ids -> {json.dumps(body)[:400]}")
            continue
        if not codes & REFUSALS and "MODULE_DISABLED" not in codes:
            violations.append(f"{where}: refused with unexpected codes {sorted(codes)} -> "
                              f"{json.dumps(body)[:300]}")
        fake_body = await walk.post(world.a.api, text, fake_args)
        got = walk.normalise(body, given)
        reference = walk.normalise(fake_body, fake_filler.used)
        if got != reference:
            violations.append(f"{where}: answer differs from never-existing ids:\n"
                              f"  B's ids:       {got[:400]}\n  never existed: {reference[:400]}")
    world.probes["mutations"] = exercised
    print(f"\nmutations: {exercised} exercised in {time.monotonic() - started:.1f}s")

    # B is as it was: the same records and totals, seen by B.
    after = await harvest(world.b.api, world.b_schema)
    for conn, total in sorted(world.b_data.totals.items()):
        if conn in after.totals and after.totals[conn] != total and conn not in _MOVING:
            violations.append(f"B's {conn}: totalCount {total} before A's mutations, "
                              f"{after.totals[conn]} after")
    before_ids = {i for s in world.b_data.ids.values() for i in s}
    after_ids = {i for s in after.ids.values() for i in s}
    gone = sorted(before_ids - after_ids)
    if gone:
        violations.append(f"B's records no longer visible to B after A's mutations: {gone[:20]}")
    _report(violations, "mutation probes reached B")


# Lists of B that change on their own while the suite runs (B's log-in and reads are audited,
# jobs and mail of the demo seeding finish in the background).
_MOVING = {"auditLog", "jobs", "emails", "notifications", "bulkOperations"}


async def test_switching_into_another_tenant_is_refused(world: World) -> None:
    f = world.schema.mutation_type.fields.get("switchTenant")
    if f is None:
        pytest.skip("no switchTenant mutation")
    input_type = walk.named(f.args["input"].type)
    results = []
    for value in (world.b.slug, world.b.tenant_id):
        args = {"input": {n: (value if isinstance(x.type, GraphQLNonNull) else None)
                          for n, x in input_type.fields.items()}}
        text, variables = walk.operation("mutation", "switchTenant", f, args, depth=0)
        results.append(await walk.post(world.a.api, text, variables))
    tenant = (await world.a.api.data("{ tenant { id } }"))["tenant"]["id"]
    assert tenant == world.a.tenant_id
    for body in results:
        assert walk.error_codes(body), body
        assert not walk.leaks(body, world.secrets - {world.b.slug, world.b.tenant_id},
                              [world.b.slug, world.b.tenant_id])


# ---------------------------------------------------------------------------------------------
# Jobs, audit entries, report files and bulk downloads


async def _b_job_done(world: World, job_id: str) -> bool:
    body = await walk.post(world.b.api, "query($id: ID!) { job(id: $id) { status } }", {"id": job_id})
    return ((body.get("data") or {}).get("job") or {}).get("status") in ("succeeded", "failed")


async def _same_as_missing(api: Api, query: str, real: dict[str, Any], missing: dict[str, Any],
                           given: list[str], secrets_: set[str]) -> list[str]:
    got, reference = await walk.post(api, query, real), await walk.post(api, query, missing)
    problems = []
    if "NOT_FOUND" not in walk.error_codes(got):
        problems.append(f"{query} {real}: not refused as NOT_FOUND: {json.dumps(got)[:300]}")
    if walk.normalise(got, given) != walk.normalise(reference, list(missing.values())):
        problems.append(f"{query} {real}: differs from a missing one: {got} / {reference}")
    if found := walk.leaks(got, secrets_, given):
        problems.append(f"{query} {real}: B's data in the answer: {found}")
    return problems


async def test_jobs_audit_entries_files_and_downloads_of_another_tenant(world: World, app) -> None:  # type: ignore[no-untyped-def]
    from backoffice.bulk import services as bulk_services
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    ids = world.foreign_ids()
    violations: list[str] = []
    fields = world.schema.query_type.fields
    mutations = world.schema.mutation_type.fields

    # The generic walk tried B's jobs and audit entries through every field taking their ids;
    # make sure B had some, and try the single-record fields once more, plainly.
    assert ids.get("AuditEntry"), "B has no audit entries to try"
    for type_name, field_name in (("Job", "job"), ("AuditEntry", "auditEntry"),
                                  ("BulkOperation", "bulkOperation")):
        if field_name not in fields or type_name not in ids:
            continue
        bid = sorted(ids[type_name])[0]
        q = f"query($id: ID!) {{ {field_name}(id: $id) {{ id }} }}"
        violations += await _same_as_missing(world.a.api, q, {"id": bid},
                                             {"id": walk.never_existed(bid)}, [bid], world.secrets)

    running = worker.embedded(get_settings()) if get_settings().redis_url else None
    if running is not None:
        await running.__aenter__()
    try:
        # A report file of B's, by its key.
        if "exportFinancialReport" in mutations and "reportFile" in fields:
            started = await world.b.api.data(
                "mutation($i: ExportReportInput!) { exportFinancialReport(input: $i) "
                "{ jobId fileKey userErrors { message } } }",
                {"i": {"report": "TRIAL_BALANCE", "format": "CSV", "dateFrom": "2026-01-01",
                       "dateTo": "2026-12-31"}})
            payload = started["exportFinancialReport"]
            assert payload["userErrors"] == [], payload
            await eventually(lambda: _b_job_done(world, payload["jobId"]), timeout=60)
            own = await walk.post(world.b.api, "query($k: String!) { reportFile(key: $k) "
                                  "{ filename rows } }", {"k": payload["fileKey"]})
            assert (own.get("data") or {}).get("reportFile"), own  # B can fetch it
            violations += await _same_as_missing(
                world.a.api, "query($k: String!) { reportFile(key: $k) { filename base64 rows } }",
                {"k": payload["fileKey"]}, {"k": "never-made-" + secrets.token_hex(8)},
                [payload["fileKey"]], world.secrets)
            violations += await _same_as_missing(
                world.a.api, "query($id: ID!) { job(id: $id) { id status result } }",
                {"id": payload["jobId"]}, {"id": walk.never_existed(payload["jobId"])},
                [payload["jobId"]], world.secrets)

        # A bulk export of B's: its link is the credential, so it is B's alone; a link naming
        # B's operation under A's company, or a tampered one, is 404 with no content.
        if "runBulkQuery" in mutations:
            run = await world.b.api.data(
                "mutation($i: RunBulkQueryInput!) { runBulkQuery(input: $i) "
                "{ bulkOperation { id } userErrors { message code } } }",
                {"i": {"query": "{ users { nodes { id email } } }"}})
            op = run["runBulkQuery"]["bulkOperation"]
            assert op, run

            async def completed() -> str | None:
                body = await world.b.api.data("query($id: ID!) { bulkOperation(id: $id) "
                                              "{ status url objectCount errorCode } }",
                                              {"id": op["id"]})
                state.update(body["bulkOperation"])
                return body["bulkOperation"]["url"]

            state: dict[str, Any] = {}

            url = await eventually(completed, timeout=60)
            token = url.rsplit("/bulk/", 1)[1]
            own = await world.b.api.client.get(f"/bulk/{token}")
            assert own.status_code == 200 and world.b.email in own.text, (state, own.text[:300])
            violations += await _same_as_missing(
                world.a.api, "query($id: ID!) { bulkOperation(id: $id) { id url } }",
                {"id": op["id"]}, {"id": walk.never_existed(op["id"])}, [op["id"]], world.secrets)
            a_tenant = decode_id(world.a.tenant_id, "Tenant")
            forged = bulk_services.sign(a_tenant, decode_id(op["id"], "BulkOperation"),
                                        int(time.time()) + 600)
            missing = bulk_services.sign(a_tenant, walk.NEVER, int(time.time()) + 600)
            tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
            answers = {}
            for label, t in (("forged for A", forged), ("never existed", missing),
                             ("tampered", tampered)):
                r = await world.a.api.client.get(f"/bulk/{t}")
                answers[label] = (r.status_code, r.text)
                if r.status_code != 404 or world.b.email in r.text:
                    violations.append(f"GET /bulk/<{label}>: {r.status_code} {r.text[:200]}")
            if len(set(answers.values())) != 1:
                violations.append(f"/bulk answers differ: {answers}")
    finally:
        if running is not None:
            await running.__aexit__(None, None, None)
    _report(violations, "jobs, files or downloads of B reachable")


# ---------------------------------------------------------------------------------------------
# Row level security alone


@pytest.mark.postgres
async def test_row_level_security_alone_keeps_tenants_apart(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With the application's own tenant filter switched off (TenantTable adds
    ``tenant_id = <scope>`` to every query; here it adds nothing), PostgreSQL's policies alone
    still show A nothing of B, and A's totals stay A's."""
    from backoffice.db.tables import TenantTable

    before = await harvest(world.a.api, world.schema)
    filtered: list[str] = []

    def no_filter(cls):  # type: ignore[no-untyped-def]
        filtered.append(cls.__name__)
        return cls.id.is_not_null()

    monkeypatch.setattr(TenantTable, "_tenant_filter", classmethod(no_filter))
    after = await harvest(world.a.api, world.schema)
    own = {i for s in before.ids.values() for i in s}
    seen = {i for s in after.ids.values() for i in s}
    assert filtered, "the filter was not consulted: the fault injection missed"
    assert not (seen & world.secrets), sorted(seen & world.secrets)[:20]
    assert seen == own, (sorted(seen - own)[:20], sorted(own - seen)[:20])
    moving = _MOVING
    assert {k: v for k, v in after.totals.items() if k not in moving} == \
        {k: v for k, v in before.totals.items() if k not in moving}
    assert sum(after.totals.values()) > 0  # A's own records are still there


@pytest.mark.sqlite_only
async def test_the_fault_injection_bites_where_there_is_no_second_wall(world: World, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same fault on SQLite, which has no row level security: B's records show up. This
    proves the PostgreSQL test above switches the first wall off for real."""
    from backoffice.db.tables import TenantTable

    monkeypatch.setattr(TenantTable, "_tenant_filter", classmethod(lambda cls: cls.id.is_not_null()))
    f = world.schema.query_type.fields["roles"]
    text, variables = walk.operation("query", "roles", f, {"first": 100})
    body = await walk.post(world.a.api, text, variables)
    assert walk.leaks(body, world.secrets, []), "B's roles should be visible without the filter"

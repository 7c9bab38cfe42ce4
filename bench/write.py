"""write: creating employees through GraphQL against a bare INSERT.

Two mutations are measured: ``createEmployee`` (the employee and its audit entry, in one
transaction) and ``hireApplicant`` (the employee, the applicant's new stage, the audit entry
and an ``hr.employee_hired`` row in the outbox, handed to Redis after commit). The baseline
is a plain Litestar handler doing one INSERT with asyncpg, as the application role."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import asyncpg
import httpx

from . import common, gql, seed
from .config import Size
from .env import Installation
from .load import run_load
from .report import Section, Steps, fmt_ratio, ratio
from .server import app_server, baseline_server

START = "2025-01-06"


def _create(tenant: gql.Tenant) -> Any:
    def send(client: httpx.AsyncClient, n: int) -> Any:
        return client.post("/graphql", headers=tenant.headers, content=json.dumps({
            "query": gql.CREATE_EMPLOYEE,
            "variables": {"input": {"fullName": f"New Hire {n}", "startDate": START}}}))

    return send


def _hire(tenant: gql.Tenant, applicant_ids: list[int]) -> Any:
    from .baseline_app import encode_id

    pending = iter(applicant_ids)

    def send(client: httpx.AsyncClient, n: int) -> Any:
        return client.post("/graphql", headers=tenant.headers, content=json.dumps({
            "query": gql.HIRE,
            "variables": {"input": {"id": encode_id("Applicant", next(pending)),
                                    "startDate": START}}}))

    return send


def _bare(tenant: gql.Tenant) -> Any:
    headers = {"cookie": tenant.headers["cookie"]}

    def send(client: httpx.AsyncClient, n: int) -> Any:
        return client.post("/employees", headers=headers,
                           json={"fullName": f"Bare Insert {n}", "startDate": START})

    return send


async def _written(inst: Installation, tenant_id: int) -> dict[str, float]:
    """Audit entries per created employee and per hire, outbox rows per hire: counted on
    rows of the same transactions, so requests still finishing do not skew them."""
    conn = await asyncpg.connect(inst.superuser_url)
    try:
        q = conn.fetchval
        created = await q("SELECT count(*) FROM hr_employees WHERE tenant_id = $1 "
                          "AND full_name LIKE 'New Hire %'", tenant_id)
        hired = await q("SELECT count(*) FROM hr_applicants WHERE tenant_id = $1 "
                        "AND stage = 'hired'", tenant_id)
        audit_create = await q("SELECT count(*) FROM audit_entries WHERE tenant_id = $1 "
                               "AND operation = 'createEmployee'", tenant_id)
        audit_hire = await q("SELECT count(*) FROM audit_entries WHERE tenant_id = $1 "
                             "AND operation = 'hireApplicant'", tenant_id)
        outbox_hire = await q("SELECT count(*) FROM outbox_events WHERE tenant_id = $1 "
                              "AND event_type = 'hr.employee_hired'", tenant_id)
    finally:
        await conn.close()

    def per(n: int, d: int) -> float:
        return n / d if d else float("nan")

    return {"create_audit": per(audit_create, created), "hire_audit": per(audit_hire, hired),
            "hire_outbox": per(outbox_hire, hired), "created": created, "hired": hired}


async def _count_statements(tenant: gql.Tenant, applicant_ids: list[int]) -> dict[str, Any]:
    from .counting import StatementCounter, count_request, in_process_client

    counter = StatementCounter()
    out: dict[str, Any] = {}
    async with in_process_client() as client:
        with counter.counting():
            create, hire = _create(tenant), _hire(tenant, applicant_ids)
            for name, send in (("createEmployee", create), ("hireApplicant", hire)):
                orm, wire, statements = await count_request(
                    client, counter, lambda c, s=send: s(c, 0))
                out[name] = {"orm": orm, "round_trips": wire, "statements": statements}
    return out


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    steps = Steps("write")
    applicants_needed = size.applicants
    with app_server(inst.env()) as app:
        tenant = await common.prepare_tenant(app, inst, size)
        applicant_ids = await seed.seed_applicants(inst.superuser_url, tenant.tenant_id,
                                                   applicants_needed + 10)
        steps.done("server started, tenant seeded with applicants")
        counting_ids, applicant_ids = applicant_ids[:10], applicant_ids[10:]

        def load(send: Any, server: Any, check: Any, clients: int = size.write_clients) -> Any:
            # One client: no two creations race for the next employee number.
            duration = size.duration if clients > 1 else size.duration / 2
            return run_load(server.base_url, send, clients=clients, duration=duration,
                            warmup=size.warmup, check=check, server_pid=server.pid,
                            superuser_url=inst.superuser_url, database=inst.db,
                            min_requests=2 * clients + 3)

        created = await load(_create(tenant), app, gql.ok)
        steps.done("createEmployee load")
        hired = await load(_hire(tenant, applicant_ids), app, gql.ok)
        steps.done("hireApplicant load")
        logged = app.exceptions()
        created_alone = await load(_create(tenant), app, gql.ok, clients=1)
        steps.done("createEmployee load, one client")
    with baseline_server(inst.env()) as baseline:
        bare = await load(_bare(tenant), baseline, lambda r: r.status_code == 201)
        bare_alone = await load(_bare(tenant), baseline, lambda r: r.status_code == 201,
                                clients=1)
    steps.done("baseline loads")
    inst.use_in_this_process()
    counts = await _count_statements(tenant, counting_ids)
    steps.done("statements counted in-process")

    written = await _written(inst, tenant.tenant_id)
    section = Section(f"write: creating employees, {size.write_clients} clients, "
                      f"{size.duration:g} s", [*common.LOAD_COLUMNS])
    section.add(*common.load_row("GraphQL createEmployee", created))
    section.add(*common.load_row("GraphQL hireApplicant", hired))
    section.add(*common.load_row("baseline bare INSERT", bare))
    section.add(*common.load_row("GraphQL createEmployee, 1 client", created_alone))
    section.add(*common.load_row("baseline bare INSERT, 1 client", bare_alone))
    for label, result, base in (("ratio createEmployee / INSERT", created, bare),
                                ("ratio hireApplicant / INSERT", hired, bare),
                                ("ratio createEmployee / INSERT, 1 client", created_alone,
                                 bare_alone)):
        section.add(label, fmt_ratio(ratio(result.throughput, base.throughput)),
                    fmt_ratio(ratio(result.p50, base.p50)), fmt_ratio(ratio(result.p99, base.p99)),
                    fmt_ratio(ratio(result.server_cpu_ms, base.server_cpu_ms)),
                    fmt_ratio(ratio(result.db_cpu_ms, base.db_cpu_ms)), "")
    section.notes.append(
        f"Rows written: {written['create_audit']:.2f} audit entry per employee created "
        f"({written['created']:,}); per hire ({written['hired']:,}) "
        f"{written['hire_audit']:.2f} audit entry and {written['hire_outbox']:.2f} outbox row. "
        "createEmployee publishes no event; hireApplicant publishes hr.employee_hired.")
    section.notes.append("SQL statements per mutation, ORM (round trips): " + ", ".join(
        f"{name} {c['orm']} ({c['round_trips']})" for name, c in counts.items())
        + "; baseline: session, scope, INSERT = 3 (4 with the pool's reset).")
    for name, result in (("createEmployee", created), ("hireApplicant", hired)):
        if result.errors:
            section.notes.append(f"{name} errors: {result.errors}; first: "
                                 f"{result.first_error[:300]}")
    for line, times in sorted(logged.items(), key=lambda kv: -kv[1])[:5]:
        section.notes.append(f"server log, {times}x: {line}")
    section.print()
    return {
        "server_exceptions": logged,
        "headline": ["createEmployee req/s / bare INSERT req/s",
                     ratio(created.throughput, bare.throughput)],
        "create_employee": created.as_dict(), "hire_applicant": hired.as_dict(),
        "baseline": bare.as_dict(), "create_employee_one_client": created_alone.as_dict(),
        "baseline_one_client": bare_alone.as_dict(),
        "create_ratio_one_client": ratio(created_alone.throughput, bare_alone.throughput),
        "create_ratio": ratio(created.throughput, bare.throughput),
        "hire_ratio": ratio(hired.throughput, bare.throughput),
        "rows_written": written,
        "statements": counts,
        "errors": {"create": created.first_error, "hire": hired.first_error},
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

"""Pieces the benchmarks share: a measured tenant, the read load, statement counts."""

from __future__ import annotations

import json
from typing import Any

import httpx

from . import gql, seed
from .config import Size
from .env import Installation
from .load import LoadResult, run_load
from .server import Server


async def prepare_tenant(server: Server, inst: Installation, size: Size) -> gql.Tenant:
    """Sign a company up through the API, enable HR, and give it ``size.employees``
    employees in departments and positions, with managers."""
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        tenant, _ = await gql.sign_up(client)
        await gql.enable(client, tenant, "hr")
    await seed.seed_people(inst.superuser_url, tenant.tenant_id, size.employees)
    return tenant


def read_sender(tenant: gql.Tenant, page: int, baseline: bool) -> Any:
    if baseline:
        params = {"first": page}
        headers = {"cookie": tenant.headers["cookie"]}

        def send_baseline(client: httpx.AsyncClient, n: int) -> Any:
            return client.get("/employees", params=params, headers=headers)

        return send_baseline
    body = json.dumps({"query": gql.READ, "variables": {"first": page}}).encode()

    def send(client: httpx.AsyncClient, n: int) -> Any:
        return client.post("/graphql", content=body, headers=tenant.headers)

    return send


def read_ok(response: httpx.Response) -> bool:
    return response.status_code == 200 and b'"errors"' not in response.content


async def read_load(server: Server, inst: Installation, tenant: gql.Tenant, size: Size, *,
                    baseline: bool = False, duration: float | None = None) -> LoadResult:
    result = await run_load(server.base_url, read_sender(tenant, size.page, baseline),
                            clients=size.clients, duration=duration or size.duration,
                            warmup=size.warmup, check=read_ok, server_pid=server.pid,
                            superuser_url=inst.superuser_url, database=inst.db)
    if result.requests == 0:
        raise RuntimeError(f"{server.name}: no successful request; first error: "
                           f"{result.first_error}")
    return result


async def same_answer(app: Server, baseline: Server, tenant: gql.Tenant, page: int) -> int:
    """Check that the baseline answers exactly what GraphQL answers; returns the rows."""
    async with httpx.AsyncClient(base_url=app.base_url, timeout=60) as client:
        ours = await read_sender(tenant, page, False)(client, 0)
    async with httpx.AsyncClient(base_url=baseline.base_url, timeout=60) as client:
        theirs = await read_sender(tenant, page, True)(client, 0)
    a, b = ours.json(), theirs.json()
    if a != b:
        raise RuntimeError("the baseline's answer differs from GraphQL's:\n"
                           f"{json.dumps(a)[:400]}\n{json.dumps(b)[:400]}")
    return len(a["data"]["employees"]["edges"])


# Where the CPU of the read goes: the same page asked for with more and more of its fields.
SHAPES = {
    "{ __typename } (no data)": "{ __typename }",
    "50 x id": "{ employees(first: 50) { edges { node { id } } } }",
    "50 x 6 scalars": "{ employees(first: 50) { edges { node { id employeeNumber fullName "
                      "workEmail status startDate } } } }",
    "+ department { id name }": "{ employees(first: 50) { edges { node { id employeeNumber "
                                "fullName workEmail status startDate department { id name } } } } }",
    "+ position, manager (the read)": "{ employees(first: 50) { edges { node { id employeeNumber "
                                      "fullName workEmail status startDate department { id name } "
                                      "position { id title } manager { id fullName } } } } }",
}


async def read_diagnostics(tenant: gql.Tenant, pages: tuple[int, ...],
                           repeats: int) -> tuple[dict[int, dict[str, Any]], dict[str, float]]:
    """In this process, one request at a time: the ORM statements and round trips of the
    read at several page sizes, and the CPU milliseconds of each of :data:`SHAPES` (client
    included: the first shape is the floor)."""
    import time

    from .counting import StatementCounter, count_request, in_process_client

    counts: dict[int, dict[str, Any]] = {}
    counter = StatementCounter()
    cpu: dict[str, float] = {}
    async with in_process_client() as client:
        with counter.counting():
            for page in pages:
                send = read_sender(tenant, page, False)
                orm, wire, statements = await count_request(client, counter,
                                                            lambda c, s=send: s(c, 0))
                counts[page] = {"orm": orm, "round_trips": wire, "statements": statements}
        for label, query in SHAPES.items():
            body = json.dumps({"query": query}).encode()
            for _ in range(3):
                response = await client.post("/graphql", content=body, headers=tenant.headers)
                if not read_ok(response):
                    raise RuntimeError(f"{label}: {response.text[:300]}")
            started = time.process_time()
            for _ in range(repeats):
                await client.post("/graphql", content=body, headers=tenant.headers)
            cpu[label] = (time.process_time() - started) / repeats * 1000
    return counts, cpu


def load_row(label: str, result: LoadResult) -> list[Any]:
    return [label, result.throughput, result.p50, result.p99, result.server_cpu_ms,
            result.db_cpu_ms, result.errors]


LOAD_COLUMNS = ["", "req/s", "p50 ms", "p99 ms", "server CPU ms/req", "PG CPU ms/req", "errors"]

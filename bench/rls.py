"""rls: the read benchmark with row level security binding the app (its role lacks
BYPASSRLS) against the same with the policies skipped (a role with BYPASSRLS and the same
privileges): the cost of the second wall. The first wall (``tenant_id`` in every query) is on
in both, so both return the same rows. The baseline's hand-written SQL is measured both ways
too, to show the cost at the database alone."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from . import common
from .config import Size
from .env import Installation
from .report import Section, Steps, fmt_ratio, ratio
from .server import app_server, baseline_server


async def _answer(server: Any, tenant: Any, page: int) -> Any:
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        return (await common.read_sender(tenant, page, False)(client, 0)).json()


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    steps = Steps("rls")
    with app_server(inst.env(), name="backoffice-rls") as app:
        tenant = await common.prepare_tenant(app, inst, size)
        expected = await _answer(app, tenant, size.page)
        steps.done("server started, tenant signed up and seeded")
        walled = await common.read_load(app, inst, tenant, size)
        steps.done("GraphQL load, app role (policies apply)")
    with app_server(inst.env(database_url=inst.bypass_url), name="backoffice-bypass") as app:
        if await _answer(app, tenant, size.page) != expected:
            raise RuntimeError("the answer without row level security differs")
        open_ = await common.read_load(app, inst, tenant, size)
        steps.done("GraphQL load, BYPASSRLS role")
    with baseline_server(inst.env()) as baseline:
        base_walled = await common.read_load(baseline, inst, tenant, size, baseline=True)
    with baseline_server(inst.env(database_url=inst.bypass_url)) as baseline:
        base_open = await common.read_load(baseline, inst, tenant, size, baseline=True)
    steps.done("baseline loads, both roles")

    section = Section(f"rls: the read with row level security against without, "
                      f"{size.clients} clients, {size.duration:g} s", [*common.LOAD_COLUMNS])
    section.add(*common.load_row("GraphQL, policies apply", walled))
    section.add(*common.load_row("GraphQL, BYPASSRLS", open_))
    section.add("ratio (with / without)", fmt_ratio(ratio(walled.throughput, open_.throughput)),
                fmt_ratio(ratio(walled.p50, open_.p50)), fmt_ratio(ratio(walled.p99, open_.p99)),
                fmt_ratio(ratio(walled.server_cpu_ms, open_.server_cpu_ms)),
                fmt_ratio(ratio(walled.db_cpu_ms, open_.db_cpu_ms)), "")
    section.add(*common.load_row("baseline SQL, policies apply", base_walled))
    section.add(*common.load_row("baseline SQL, BYPASSRLS", base_open))
    section.add("ratio (with / without)",
                fmt_ratio(ratio(base_walled.throughput, base_open.throughput)),
                fmt_ratio(ratio(base_walled.p50, base_open.p50)),
                fmt_ratio(ratio(base_walled.p99, base_open.p99)),
                fmt_ratio(ratio(base_walled.server_cpu_ms, base_open.server_cpu_ms)),
                fmt_ratio(ratio(base_walled.db_cpu_ms, base_open.db_cpu_ms)), "")
    section.notes.append("Both roles get the same answer: the first wall (tenant_id in every "
                         "query) holds without the policies.")
    section.print()
    return {
        "headline": ["req/s with RLS / without", ratio(walled.throughput, open_.throughput)],
        "graphql_rls": walled.as_dict(), "graphql_bypass": open_.as_dict(),
        "baseline_rls": base_walled.as_dict(), "baseline_bypass": base_open.as_dict(),
        "throughput_ratio": ratio(walled.throughput, open_.throughput),
        "db_cpu_ratio": ratio(walled.db_cpu_ms, open_.db_cpu_ms),
        "baseline_throughput_ratio": ratio(base_walled.throughput, base_open.throughput),
        "baseline_db_cpu_ratio": ratio(base_walled.db_cpu_ms, base_open.db_cpu_ms),
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

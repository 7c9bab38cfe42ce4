"""read: a GraphQL page of employees with department, position and manager, through the
whole stack, against a plain Litestar handler running the same query as hand-written SQL."""

from __future__ import annotations

import asyncio
from typing import Any

from . import common
from .config import Size
from .env import Installation
from .report import Section, Steps, fmt_ratio, ratio
from .server import app_server, baseline_server, rss_mb


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    steps = Steps("read")
    with app_server(inst.env()) as app:
        steps.done("backoffice serve started")
        tenant = await common.prepare_tenant(app, inst, size)
        steps.done("tenant signed up and seeded")
        with baseline_server(inst.env()) as baseline:
            rows = await common.same_answer(app, baseline, tenant, size.page)
            steps.done("baseline started, same answer checked")
            ours = await common.read_load(app, inst, tenant, size)
            steps.done("GraphQL load")
            theirs = await common.read_load(baseline, inst, tenant, size, baseline=True)
            steps.done("baseline load")
            app_rss, baseline_rss = rss_mb(app.pid), rss_mb(baseline.pid)
    inst.use_in_this_process()
    counts, shapes = await common.read_diagnostics(tenant, (1, 10, size.page),
                                                   repeats=max(5, int(size.duration)))
    steps.done("statements counted and CPU by shape measured in-process")

    section = Section(f"read: {rows} employees with department, position and manager, "
                      f"{size.clients} clients, {size.duration:g} s",
                      [*common.LOAD_COLUMNS])
    section.add(*common.load_row("GraphQL (backoffice serve)", ours))
    section.add(*common.load_row("baseline (Litestar + asyncpg)", theirs))
    section.add("ratio (GraphQL / baseline)", fmt_ratio(ratio(ours.throughput, theirs.throughput)),
                fmt_ratio(ratio(ours.p50, theirs.p50)), fmt_ratio(ratio(ours.p99, theirs.p99)),
                fmt_ratio(ratio(ours.server_cpu_ms, theirs.server_cpu_ms)),
                fmt_ratio(ratio(ours.db_cpu_ms, theirs.db_cpu_ms)), "")
    statements = " / ".join(f"{page} rows: {c['orm']} ({c['round_trips']})"
                            for page, c in counts.items())
    section.notes.append(f"SQL statements per request, ORM (round trips incl. scope, "
                         f"transaction and pool reset): {statements}; baseline: 3 (4)")
    section.notes.append(f"RSS after the load: backoffice {app_rss:.0f} MB, "
                         f"baseline {baseline_rss:.0f} MB")
    section.print()
    breakdown = Section("read: CPU per request by what is asked (in-process, one at a time, "
                        "client included)", ["query", "CPU ms", "added ms"])
    previous = None
    for label, ms in shapes.items():
        breakdown.add(label, ms, "" if previous is None else f"{ms - previous:+.1f}")
        previous = ms
    breakdown.print()
    return {
        "headline": ["GraphQL req/s / baseline req/s",
                     ratio(ours.throughput, theirs.throughput)],
        "rows": rows,
        "graphql": ours.as_dict(), "baseline": theirs.as_dict(),
        "throughput_ratio": ratio(ours.throughput, theirs.throughput),
        "p50_ratio": ratio(ours.p50, theirs.p50), "p99_ratio": ratio(ours.p99, theirs.p99),
        "cpu_per_request_ratio": ratio(ours.server_cpu_ms, theirs.server_cpu_ms),
        "statements": {page: {k: v for k, v in c.items()} for page, c in counts.items()},
        "cpu_ms_by_shape": {k: round(v, 2) for k, v in shapes.items()},
        "rss_mb": {"backoffice": round(app_rss, 1), "baseline": round(baseline_rss, 1)},
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

"""tenants: the read benchmark for one tenant when the database holds a few tenants and when
it holds many (``size.tenants``, each with the same 100 employees and default rows), and
signing up a new company at both sizes. The baseline is the same measurement at the small
size, in the same run, on the same server process."""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

import httpx

from . import common, gql, seed
from .config import Size
from .env import Installation
from .load import LoadResult
from .report import Section, Steps, fmt, fmt_ratio, ratio
from .server import Server, app_server


async def _sign_ups(server: Server, count: int) -> list[float]:
    """Milliseconds of ``count`` sign-ups, one after the other (each a new company)."""
    times = []
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        for _ in range(count):
            _, seconds = await gql.sign_up(client)
            times.append(seconds * 1000)
    return times


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    if size.tenants <= size.small_tenants:
        raise SystemExit(f"tenants ({size.tenants}) must exceed small_tenants "
                         f"({size.small_tenants})")
    steps = Steps("tenants")
    phases: dict[int, dict[str, Any]] = {}
    with app_server(inst.env()) as app:
        tenant = await common.prepare_tenant(app, inst, size)
        steps.done("server started, measured tenant signed up and seeded")
        counted = 1
        for target in (size.small_tenants, size.tenants):
            seeded = await seed.clone_tenants(inst.superuser_url, tenant.tenant_id,
                                              counted + 1, target, tag=str(target))
            counted = target
            steps.done(f"seeded to {target:,} tenants")
            load: LoadResult = await common.read_load(app, inst, tenant, size)
            steps.done(f"read load at {target:,} tenants")
            sign_ups = await _sign_ups(app, size.signups)
            steps.done(f"{size.signups} sign-ups at {target:,} tenants")
            phases[target] = {"seed": seeded, "load": load, "sign_up_ms": sign_ups}
            counted += size.signups  # the sign-ups are tenants too (numbering only)

    small, large = phases[size.small_tenants], phases[size.tenants]
    employees = sum(v for k, v in large["seed"]["rows"].items() if k == "hr_employees")
    section = Section(f"tenants: the read for one tenant among {size.small_tenants:,} and "
                      f"among {size.tenants:,} tenants, {size.clients} clients, "
                      f"{size.duration:g} s", [*common.LOAD_COLUMNS, "sign-up ms"])
    for count, phase in ((size.small_tenants, small), (size.tenants, large)):
        section.add(*common.load_row(f"{count:,} tenants", phase["load"]),
                    statistics.median(phase["sign_up_ms"]))
    section.add(f"ratio ({size.tenants:,} / {size.small_tenants:,})",
                fmt_ratio(ratio(large["load"].throughput, small["load"].throughput)),
                fmt_ratio(ratio(large["load"].p50, small["load"].p50)),
                fmt_ratio(ratio(large["load"].p99, small["load"].p99)),
                fmt_ratio(ratio(large["load"].server_cpu_ms, small["load"].server_cpu_ms)),
                fmt_ratio(ratio(large["load"].db_cpu_ms, small["load"].db_cpu_ms)), "",
                fmt_ratio(ratio(statistics.median(large["sign_up_ms"]),
                                statistics.median(small["sign_up_ms"]))))
    rows = sum(large["seed"]["rows"].values()) + sum(small["seed"]["rows"].values())
    section.notes.append(
        f"Seeding {size.tenants:,} tenants ({fmt(rows)} rows, of which {fmt(employees)} "
        f"employees in the last step) took {large['seed']['insert_seconds'] + small['seed']['insert_seconds']:.1f} s "
        f"of bulk INSERT ... SELECT and {large['seed']['seconds'] - large['seed']['insert_seconds']:.1f} s "
        f"of VACUUM ANALYZE. Sign-up: median of {size.signups} (argon2id hashing included).")
    section.print()
    return {
        "headline": [f"req/s at {size.tenants:,} tenants / at {size.small_tenants}",
                     ratio(large["load"].throughput, small["load"].throughput)],
        "tenants": [size.small_tenants, size.tenants],
        "seed": {str(k): v["seed"] for k, v in phases.items()},
        "read": {str(k): v["load"].as_dict() for k, v in phases.items()},
        "sign_up_ms": {str(k): [round(x, 1) for x in v["sign_up_ms"]] for k, v in phases.items()},
        "throughput_ratio": ratio(large["load"].throughput, small["load"].throughput),
        "sign_up_ratio": ratio(statistics.median(large["sign_up_ms"]),
                               statistics.median(small["sign_up_ms"])),
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

"""start: seconds from spawning ``backoffice serve`` (every product plugin loaded, the full
schema built) to its first successful ``/health``, and the resident memory of that one API
process after a read load; the baseline app measured the same way."""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

from . import common
from .config import Size
from .env import Installation
from .report import Section, Steps, fmt_ratio, ratio
from .server import Server, app_server, baseline_server, cpu_seconds, rss_mb


def _starts(make: Any, count: int) -> tuple[list[float], list[float]]:
    """Wall seconds to the first good /health, and the CPU seconds the process had used."""
    walls, cpus = [], []
    for _ in range(count):
        server: Server = make()
        try:
            walls.append(server.start())
            cpus.append(cpu_seconds(server.pid))
        finally:
            server.stop()
    return walls, cpus


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    steps = Steps("start")
    # The last start of each is kept running for the memory measurement.
    app_walls, app_cpus = _starts(lambda: app_server(inst.env()), size.starts - 1)
    app = app_server(inst.env())
    app_walls.append(app.start())
    app_cpus.append(cpu_seconds(app.pid))
    steps.done(f"backoffice serve started {size.starts}x")
    try:
        idle_rss = rss_mb(app.pid)
        tenant = await common.prepare_tenant(app, inst, size)
        await common.read_load(app, inst, tenant, size)
        app_rss = rss_mb(app.pid)
    finally:
        app.stop()
    steps.done("backoffice read load")
    base_walls, base_cpus = _starts(lambda: baseline_server(inst.env()), size.starts - 1)
    baseline = baseline_server(inst.env())
    base_walls.append(baseline.start())
    base_cpus.append(cpu_seconds(baseline.pid))
    try:
        base_idle = rss_mb(baseline.pid)
        await common.read_load(baseline, inst, tenant, size, baseline=True)
        base_rss = rss_mb(baseline.pid)
    finally:
        baseline.stop()
    steps.done(f"baseline started {size.starts}x, read load")

    app_wall, base_wall = statistics.median(app_walls), statistics.median(base_walls)
    app_cpu, base_cpu = statistics.median(app_cpus), statistics.median(base_cpus)
    section = Section(f"start: process start to the first good /health (median of "
                      f"{size.starts}), and RSS", ["", "start s", "CPU s to /health",
                                                   "RSS idle MB", "RSS after read MB"])
    section.add("backoffice serve (all plugins)", app_wall, app_cpu, idle_rss, app_rss)
    section.add("baseline (Litestar + asyncpg)", base_wall, base_cpu, base_idle, base_rss)
    section.add("ratio", fmt_ratio(ratio(app_wall, base_wall)), fmt_ratio(ratio(app_cpu, base_cpu)),
                fmt_ratio(ratio(idle_rss, base_idle)), fmt_ratio(ratio(app_rss, base_rss)))
    section.notes.append("Start times: " + ", ".join(f"{w:.1f}" for w in app_walls)
                         + " s (backoffice); " + ", ".join(f"{w:.1f}" for w in base_walls)
                         + " s (baseline). CPU s is the process's own user+system time, "
                           "which other work on the machine does not inflate.")
    section.print()
    return {
        "headline": ["start seconds, backoffice / baseline", ratio(app_wall, base_wall)],
        "backoffice": {"start_seconds": app_walls, "cpu_seconds": app_cpus,
                       "rss_idle_mb": round(idle_rss, 1), "rss_after_read_mb": round(app_rss, 1)},
        "baseline": {"start_seconds": base_walls, "cpu_seconds": base_cpus,
                     "rss_idle_mb": round(base_idle, 1), "rss_after_read_mb": round(base_rss, 1)},
        "start_ratio": ratio(app_wall, base_wall),
        "rss_ratio": ratio(app_rss, base_rss),
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

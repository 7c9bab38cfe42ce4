"""A closed-loop HTTP load client: N clients in one asyncio loop, each sending its next
request as soon as the previous one is answered, over kept-alive connections (httpx).

After a warm-up, requests are counted for a fixed window: throughput is the answers that
arrive in the window divided by its length; latencies are those of the same answers. The CPU
time the server process and its PostgreSQL backends spent in the window is read from /proc,
so that the cost of one request can be compared even when other work shares the machine.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx

from .server import cpu_seconds

Send = Callable[[httpx.AsyncClient, int], Awaitable[httpx.Response]]
Check = Callable[[httpx.Response], bool]


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies: list[float] = field(repr=False)
    server_cpu: float = 0.0
    db_cpu: float = 0.0
    first_error: str = ""

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency percentile in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
        return ordered[index] * 1000

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def server_cpu_ms(self) -> float:
        """Server CPU per request, in milliseconds."""
        return self.server_cpu / self.requests * 1000 if self.requests else float("nan")

    @property
    def db_cpu_ms(self) -> float:
        """PostgreSQL CPU per request (the backends of the benchmark's database)."""
        return self.db_cpu / self.requests * 1000 if self.requests else float("nan")

    def as_dict(self) -> dict[str, Any]:
        return {"requests": self.requests, "errors": self.errors, "seconds": round(self.seconds, 3),
                "throughput": round(self.throughput, 2), "p50_ms": round(self.p50, 2),
                "p99_ms": round(self.p99, 2), "server_cpu_ms": round(self.server_cpu_ms, 3),
                "db_cpu_ms": round(self.db_cpu_ms, 3)}


async def _backend_pids(superuser_url: str | None, database: str | None) -> list[int]:
    if not superuser_url or not database:
        return []
    conn = await asyncpg.connect(superuser_url)
    try:
        rows = await conn.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1 "
                                "AND pid <> pg_backend_pid()", database)
    finally:
        await conn.close()
    return [r["pid"] for r in rows]


async def run_load(base_url: str, send: Send, *, clients: int, duration: float, warmup: float,
                   check: Check | None = None, server_pid: int | None = None,
                   superuser_url: str | None = None, database: str | None = None,
                   headers: dict[str, str] | None = None, min_requests: int | None = None,
                   ) -> LoadResult:
    """Run ``clients`` loops of ``send(client, n)``: a warm-up of ``warmup`` seconds (and
    at least one answer per client), then a window of ``duration`` seconds.

    The window is stretched (up to four times ``duration``) until ``min_requests`` answers
    (default: two per client) have arrived, so that a slow server still yields a result."""
    min_requests = 2 * clients if min_requests is None else min_requests
    check = check or (lambda r: r.status_code == 200)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    latencies: list[float] = []
    counters = {"done": 0, "errors": 0, "n": 0, "warm": 0}
    first_error: list[str] = []
    state = {"measuring": False, "stop": False, "t0": 0.0, "t1": 0.0}

    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60.0,
                                 headers=headers or {}) as client:

        async def worker() -> None:
            while not state["stop"]:
                counters["n"] += 1
                started = time.perf_counter()
                try:
                    response = await send(client, counters["n"])
                    ok = check(response)
                    if not ok and not first_error:
                        first_error.append(response.text[:500])
                except httpx.HTTPError as exc:
                    ok = False
                    if not first_error:
                        first_error.append(repr(exc))
                ended = time.perf_counter()
                counters["warm"] += 1
                # Counted by completion: every answer that arrives inside the window.
                if state["measuring"] and not state["stop"]:
                    counters["done"] += 1
                    if ok:
                        latencies.append(ended - started)
                    else:
                        counters["errors"] += 1

        tasks = [asyncio.create_task(worker()) for _ in range(clients)]
        await asyncio.sleep(warmup)
        # A slow server has not answered anything yet after a short warm-up: wait until
        # every client has had about one answer, so that the window starts warm.
        warm_deadline = time.perf_counter() + 60
        while counters["warm"] < clients and time.perf_counter() < warm_deadline:
            await asyncio.sleep(0.05)
        pids = await _backend_pids(superuser_url, database)
        db_before = {pid: cpu_seconds(pid) for pid in pids}
        server_before = cpu_seconds(server_pid) if server_pid else 0.0
        state["measuring"] = True
        state["t0"] = time.perf_counter()
        await asyncio.sleep(duration)
        while counters["done"] < min_requests and time.perf_counter() - state["t0"] < 4 * duration:
            await asyncio.sleep(0.05)
        state["stop"] = True
        state["t1"] = time.perf_counter()
        server_cpu = (cpu_seconds(server_pid) - server_before) if server_pid else 0.0
        pids_after = await _backend_pids(superuser_url, database)
        db_cpu = sum(cpu_seconds(pid) - db_before.get(pid, 0.0) for pid in set(pids) | set(pids_after))
        # Answers still on their way no longer count: stop waiting for them.
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return LoadResult(requests=counters["done"] - counters["errors"], errors=counters["errors"],
                      seconds=state["t1"] - state["t0"], latencies=latencies,
                      server_cpu=server_cpu, db_cpu=db_cpu,
                      first_error=first_error[0] if first_error else "")

"""jobs: no-op jobs through the platform's tenant-aware job wrapper against bare arq, and one
payroll run end to end.

No-op jobs: the workers run as processes of their own, as in production (``backoffice
worker``; ``arq bench.bare_worker.WorkerSettings`` with the same settings), while this process
hands jobs in from a few concurrent producers: through ``backoffice.jobs`` (a job row in a
transaction, handed to arq after commit) or straight to arq. Throughput is jobs from the first
hand-in to the last one finished; the worker's CPU per job is read from /proc.

Payroll: ``createPayrollRun`` through GraphQL on ``backoffice serve``, run by the worker,
until the run reads ``calculated``. Its baseline does the same arithmetic (the module's own
``calc``) on rows fetched with one hand-written query, and writes the payslips with one
pipelined prepared INSERT (COPY is refused under row level security).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from datetime import date
from decimal import Decimal
from typing import Any

import asyncpg
import httpx

from . import common, gql, seed
from .config import Size
from .env import BIN, REDIS_URL, Installation
from .report import Section, Steps, fmt, fmt_ratio, ratio
from .server import Server, app_server, cpu_seconds

PLUGIN = "bench.noop_plugin"
PRODUCERS = 8
PERIOD = "2025-03"

CREATE_RUN = """
mutation Run($input: PayrollRunInput!) {
  createPayrollRun(input: $input) { payrollRun { id status } userErrors { message code } }
}"""
RUN_STATUS = "query Status($id: ID!) { payrollRun(id: $id) { status employeeCount } }"


class Worker:
    """A worker process; ready once it has run one warm-up job."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        self.server = Server(name, argv, env, port=0)

    def start(self) -> None:
        import subprocess

        from .env import ROOT

        self.server.process = subprocess.Popen(self.server.argv, env=self.server.env, cwd=ROOT,
                                               stdout=self.server.log,
                                               stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.server.pid

    def check(self) -> None:
        process = self.server.process
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{self.server.name} exited:\n{self.server.tail()}")

    def stop(self) -> None:
        self.server.stop()


async def _wait(done: Any, worker: Worker, expected: int, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while await done() < expected:
        worker.check()
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {await done()} of {expected} jobs done in {timeout:g} s:\n"
                               f"{worker.server.tail()}")
        await asyncio.sleep(0.02)


async def _producers(count: int, hand_in: Any) -> float:
    """Hand ``count`` jobs in from PRODUCERS concurrent loops; returns the seconds taken."""
    numbers = iter(range(count))
    started = time.perf_counter()

    async def loop() -> None:
        for _ in numbers:
            await hand_in()

    await asyncio.gather(*(loop() for _ in range(PRODUCERS)))
    return time.perf_counter() - started


class Platform:
    """Hands no-op jobs in through ``backoffice.jobs`` from this process, to one
    ``backoffice worker`` process (also used for the payroll run)."""

    def __init__(self, inst: Installation, tenant_id: int) -> None:
        self.inst = inst
        self.tenant_id = tenant_id
        self.worker = Worker("backoffice-worker", [str(BIN / "backoffice"), "worker"],
                             inst.env(BACKOFFICE_PLUGINS=PLUGIN))

    async def __aenter__(self) -> Platform:
        from backoffice.db import engine as db_engine
        from backoffice.jobs import runner
        from backoffice.runtime import get_engine
        from backoffice.settings import get_settings

        self.engine = get_engine()
        await db_engine.start(self.engine)
        await runner.start(get_settings())
        self.monitor = await asyncpg.connect(self.inst.superuser_url)
        self.worker.start()
        await self.hand_in()  # warm-up: the worker is ready once it has run one job
        await _wait(self.succeeded, self.worker, 1, timeout=180)
        return self

    async def __aexit__(self, *exc: object) -> None:
        from backoffice.db import engine as db_engine
        from backoffice.jobs import runner

        self.worker.stop()
        await self.monitor.close()
        await runner.stop()
        await db_engine.stop(self.engine)

    async def hand_in(self) -> None:
        from backoffice.db import scope
        from backoffice.db.engine import write_transaction
        from backoffice.jobs.api import after_commit, enqueue

        from .noop_plugin import noop

        with scope.scoped(tenant_id=self.tenant_id):
            # What a mutation does: the job row in its transaction, the hand-over after commit.
            async with after_commit(), write_transaction(self.engine):
                await enqueue(noop)

    async def succeeded(self) -> int:
        return await self.monitor.fetchval(
            "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND status = 'succeeded'",
            self.tenant_id)

    async def noop(self, count: int) -> dict[str, Any]:
        already = await self.succeeded()
        cpu_before = cpu_seconds(self.worker.pid)
        started = time.perf_counter()
        handed_in = await _producers(count, self.hand_in)
        await _wait(self.succeeded, self.worker, already + count, timeout=300)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds(self.worker.pid) - cpu_before
        failed = await self.monitor.fetchval(
            "SELECT count(*) FROM jobs WHERE tenant_id = $1 AND status <> 'succeeded'",
            self.tenant_id)
        return {"jobs": count, "seconds": seconds, "hand_in_seconds": handed_in,
                "jobs_per_second": count / seconds,
                "worker_cpu_ms_per_job": cpu / count * 1000, "not_succeeded": failed}


async def bare_noop(inst: Installation, count: int) -> dict[str, Any]:
    from arq import create_pool
    from arq.connections import RedisSettings

    queue = inst.queue + ":bare"
    done_key = queue + ":done"
    pool = await create_pool(RedisSettings.from_dsn(REDIS_URL), default_queue_name=queue)
    worker = Worker("arq-worker", [str(BIN / "arq"), "bench.bare_worker.WorkerSettings"],
                    inst.env(BENCH_ARQ_QUEUE=queue))

    async def hand_in() -> None:
        await pool.enqueue_job("noop", _queue_name=queue)

    async def done() -> int:
        return int(await pool.get(done_key) or 0)

    try:
        worker.start()
        await hand_in()
        await _wait(done, worker, 1, timeout=120)
        cpu_before = cpu_seconds(worker.pid)
        started = time.perf_counter()
        handed_in = await _producers(count, hand_in)
        await _wait(done, worker, count + 1, timeout=300)
        seconds = time.perf_counter() - started
        cpu = cpu_seconds(worker.pid) - cpu_before
    finally:
        worker.stop()
        await pool.delete(done_key)
        await pool.aclose()
    return {"jobs": count, "seconds": seconds, "hand_in_seconds": handed_in,
            "jobs_per_second": count / seconds, "worker_cpu_ms_per_job": cpu / count * 1000}


async def payroll_run(app: Server, worker: Worker, tenant: gql.Tenant) -> dict[str, Any]:
    """createPayrollRun through GraphQL, worked off by the (warm) ``backoffice worker``."""
    async with httpx.AsyncClient(base_url=app.base_url, timeout=120) as client:
        started = time.perf_counter()
        payload = gql.data(await gql.post(client, tenant, CREATE_RUN, {
            "input": {"period": PERIOD}}))["createPayrollRun"]
        if payload["userErrors"]:
            raise RuntimeError(f"createPayrollRun: {payload['userErrors']}")
        run_id = payload["payrollRun"]["id"]
        while True:
            worker.check()
            status = gql.data(await gql.post(client, tenant, RUN_STATUS, {"id": run_id}))[
                "payrollRun"]
            if status["status"] == "calculated":
                break
            if status["status"] == "failed" or time.perf_counter() - started > 300:
                raise RuntimeError(f"payroll run ended as {status}:\n{worker.server.tail()}")
            await asyncio.sleep(0.05)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "employees": status["employeeCount"]}


async def payroll_baseline(inst: Installation, tenant_id: int) -> dict[str, Any]:
    """The same payslips by hand: one query, the module's arithmetic, one batched INSERT."""
    from backoffice_hr.payroll import calc

    started = time.perf_counter()
    conn = await asyncpg.connect(inst.app_url)
    try:
        await conn.execute("SELECT set_config('app.tenant_id', $1, false)", str(tenant_id))
        async with conn.transaction():
            run_id = await conn.fetchval(
                "INSERT INTO hr_payroll_runs (tenant_id, period, status) "
                "VALUES ($1, '2025-04', 'calculated') RETURNING id", tenant_id)
            rows = await conn.fetch(
                "SELECT e.id, e.ptkp_status, e.end_date, s.base_salary, s.fixed_allowances, "
                "s.other_deductions, s.jkk_class FROM hr_employees e JOIN hr_salary_structures s "
                "ON s.tenant_id = e.tenant_id AND s.employee_id = e.id "
                "WHERE e.tenant_id = $1 AND e.start_date <= $2 "
                "AND (e.end_date IS NULL OR e.end_date >= $3) ORDER BY e.id",
                tenant_id, date(2025, 4, 30), date(2025, 4, 1))
            records = []
            for r in rows:
                base, allowances = Decimal(r["base_salary"]), Decimal(r["fixed_allowances"])
                slip = calc.payslip(base_salary=base, fixed_allowances=allowances,
                                    other_deductions=Decimal(r["other_deductions"]),
                                    irregular=Decimal(0), ptkp_status=r["ptkp_status"],
                                    period=date(2025, 4, 30), ytd=calc.YearToDate(),
                                    last_period=False, jkk_class=r["jkk_class"])
                c = slip.contributions
                records.append((
                    tenant_id, run_id, r["id"], "2025-04", base, allowances, Decimal(0),
                    slip.deductions, slip.gross_for_tax, slip.pph21, c.employee_total,
                    c.employer_total, c.jht_employee + c.jp_employee, slip.net_pay,
                    slip.ter_category, r["ptkp_status"], 0,
                    json.dumps({"lines": [[k, str(v)] for k, v in slip.lines],
                                "contributions": {k: str(v) for k, v in vars(c).items()}})))
            # COPY is refused under row level security; a pipelined prepared INSERT is next best.
            await conn.executemany(
                "INSERT INTO hr_payslips (tenant_id, run_id, employee_id, period, base_salary, "
                "fixed_allowances, irregular, other_deductions, gross_for_tax, pph21, "
                "bpjs_employee, bpjs_employer, employee_pension, net_pay, ter_category, "
                "ptkp_status, last_period, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                "$10, $11, $12, $13, $14, $15, $16, $17, $18)", records)
    finally:
        await conn.close()
    return {"seconds": time.perf_counter() - started, "employees": len(records)}


async def run(inst: Installation, size: Size) -> dict[str, Any]:
    steps = Steps("jobs")
    inst.use_in_this_process(BACKOFFICE_PLUGINS=PLUGIN)
    payroll_size = dataclasses.replace(size, employees=size.payroll_employees)
    with app_server(inst.env(BACKOFFICE_PLUGINS=PLUGIN)) as app:
        tenant = await common.prepare_tenant(app, inst, payroll_size)
        async with httpx.AsyncClient(base_url=app.base_url, timeout=60) as client:
            await gql.enable(client, tenant, "benchnoop")
        await seed.seed_salaries(inst.superuser_url, tenant.tenant_id)
        steps.done(f"server started, tenant seeded with {size.payroll_employees} employees")
        async with Platform(inst, tenant.tenant_id) as platform:
            steps.done("worker started and warm")
            ours = await platform.noop(size.noop_jobs)
            steps.done(f"{size.noop_jobs} no-op jobs through backoffice.jobs")
            payroll = await payroll_run(app, platform.worker, tenant)
            steps.done(f"payroll run of {payroll['employees']} employees")
        theirs = await bare_noop(inst, size.noop_jobs)
        steps.done(f"{size.noop_jobs} no-op jobs through bare arq")
    by_hand = await payroll_baseline(inst, tenant.tenant_id)
    steps.done("payroll baseline")

    section = Section(f"jobs: {size.noop_jobs:,} no-op jobs from {PRODUCERS} producers, one "
                      "worker process", ["", "jobs/s", "hand-in s", "total s",
                                         "worker CPU ms/job"])
    section.add("backoffice.jobs (tenant-aware wrapper)", ours["jobs_per_second"],
                ours["hand_in_seconds"], ours["seconds"], ours["worker_cpu_ms_per_job"])
    section.add("bare arq", theirs["jobs_per_second"], theirs["hand_in_seconds"],
                theirs["seconds"], theirs["worker_cpu_ms_per_job"])
    section.add("ratio (wrapper / bare)",
                fmt_ratio(ratio(ours["jobs_per_second"], theirs["jobs_per_second"])),
                fmt_ratio(ratio(ours["hand_in_seconds"], theirs["hand_in_seconds"])),
                fmt_ratio(ratio(ours["seconds"], theirs["seconds"])),
                fmt_ratio(ratio(ours["worker_cpu_ms_per_job"], theirs["worker_cpu_ms_per_job"])))
    if ours["not_succeeded"]:
        section.notes.append(f"{ours['not_succeeded']} platform jobs did not succeed")
    section.print()
    payroll_section = Section(f"jobs: one payroll run of {payroll['employees']:,} employees, "
                              "end to end", ["", "seconds", "ms per employee"])
    payroll_section.add("createPayrollRun -> calculated (GraphQL, worker)", payroll["seconds"],
                        payroll["seconds"] / max(payroll["employees"], 1) * 1000)
    payroll_section.add("baseline: one query, calc, batched INSERT", by_hand["seconds"],
                        by_hand["seconds"] / max(by_hand["employees"], 1) * 1000)
    payroll_section.add("ratio", fmt_ratio(ratio(payroll["seconds"], by_hand["seconds"])), "")
    payroll_section.notes.append(
        "The run's time includes handing the job to the worker, its progress updates every "
        f"50 employees and the client polling the run's status every 50 ms; "
        f"{fmt(by_hand['employees'])} payslips in the baseline.")
    payroll_section.print()
    return {
        "headline": ["no-op jobs/s, wrapper / bare arq",
                     ratio(ours["jobs_per_second"], theirs["jobs_per_second"])],
        "noop_platform": ours, "noop_bare": theirs,
        "noop_ratio": ratio(ours["jobs_per_second"], theirs["jobs_per_second"]),
        "payroll": payroll, "payroll_baseline": by_hand,
        "payroll_ratio": ratio(payroll["seconds"], by_hand["seconds"]),
    }


def main(inst: Installation, size: Size) -> dict[str, Any]:
    return asyncio.run(run(inst, size))

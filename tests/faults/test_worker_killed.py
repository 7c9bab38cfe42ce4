"""A worker killed with SIGKILL in the middle of a payroll run and of an event handler.

Real processes on loopback, as in the topology test: one ``backoffice serve``, a worker A,
PostgreSQL and Redis (a database and an arq queue of the test's own). A company with HR and
finance enabled has a few employees with salaries; January's payroll is calculated.

To catch both pieces of work half-way, the test holds two table locks in a transaction of its
own: ``hr_payslips`` and ``finance_journal_entries`` in SHARE mode (reads go on, writes wait).
Then January is approved (``hr.payroll_approved``: finance's handler posts the salary entry)
and February's run is started. In worker A the payroll job has claimed its row, computed every
payslip and is inside the transaction that replaces the run's payslips; finance's handler is
inside the transaction that records its delivery, writing the journal entry. Both wait on the
locks, and the test sees both waiting in ``pg_stat_activity``. A second worker B starts, A is
killed with SIGKILL, and the locks are released: A's transactions never commit.

- Right after, nothing of A's half-done work is there: February has no payslips and finance
  has no salary entry.
- Worker B finishes both (arq delivers them again once A's in-progress marks expire, or the
  sweeper puts the run back): February is calculated with exactly one payslip per employee,
  its job ``succeeded`` on its second attempt (``WorkerLost`` recorded for the first), and
  finance holds exactly one salary entry for January.

The topology test kills a worker under load too, but only while it runs the example module's
job; this one is about work whose effect must not happen twice. PostgreSQL only.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from faults.stack import (
    PG_ADMIN,
    GraphQL,
    Proc,
    Timeline,
    drop,
    drop_queue,
    enable_modules,
    migrate,
    print_logs,
    process_env,
    provision,
    sign_up,
    start_api_and_worker,
    worker_process,
)

pytestmark = pytest.mark.postgres

EMPLOYEES = 5
# Jobs may run this long. arq delivers a job again once its in-progress mark expires: the
# longest time limit of its functions (JOB_TIMEOUT + 60, as SMTP_TIMEOUT is short) plus 10 s.
JOB_TIMEOUT = 15
REDELIVERY = JOB_TIMEOUT + 60 + 10
BLOCKED_WITHIN = 60.0   # seconds for worker A to reach both locks

EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""
SALARY = """mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) { userErrors { code } } }"""
CREATE_RUN = """mutation($p: String!) { createPayrollRun(input: {period: $p}) {
  payrollRun { id jobId } userErrors { code message } } }"""
APPROVE = """mutation($id: ID!) { approvePayrollRun(input: {id: $id}) { userErrors { code message } } }"""
RUN = """query($id: ID!) { payrollRun(id: $id) { status employeeCount totals { gross netPay }
  payslips(first: 100) { totalCount edges { node { id employee { id } netPay } } } } }"""
JOB = """query($id: ID!) { job(id: $id) { id name status attempts lastError progress } }"""
ENTRIES = """{ journalEntries(source: "hr.payroll") { nodes { id memo lines { debit credit } } } }"""


async def test_worker_killed_in_a_payroll_run_and_an_event_handler() -> None:
    import asyncpg

    suffix = secrets.token_hex(4)
    queue = f"backoffice:worker-killed:{suffix}"
    redis_url = os.environ["REDIS_URL"]
    workdir = Path(tempfile.mkdtemp(prefix="backoffice-worker-killed-"))
    procs: list[Proc] = []
    names: dict[str, str] | None = None
    locks: Any = None
    watch: Any = None
    timeline = Timeline()
    mark, marks = timeline.mark, timeline.marks
    passed = False

    try:
        names = await provision(f"k{suffix}")
        superuser_url = PG_ADMIN.rsplit("/", 1)[0] + "/" + names["db"]
        env = process_env(names, redis_url=redis_url, queue=queue, job_timeout=JOB_TIMEOUT)
        await migrate(env)
        mark("migrated")

        # Worker B is started later, to take over from A.
        _, url, worker_a = await start_api_and_worker(env, workdir, procs, worker_name="worker-a")
        worker_b = worker_process("worker-b", env, workdir)
        procs.append(worker_b)
        mark("serving")

        async with httpx.AsyncClient(timeout=30) as client:
            graphql = GraphQL(client, url)
            data = graphql.data

            async def wait_for(what: str, check: Any, within: float) -> Any:
                deadline = time.monotonic() + within
                while True:
                    result = await check()
                    if result:
                        return result
                    assert time.monotonic() < deadline, f"{what}: not within {within:.0f}s"
                    await asyncio.sleep(0.5)

            await sign_up(graphql, company=f"Worker killed {suffix}",
                          email=f"worker-killed-{suffix}@example.com", owner="Payroll Owner")
            await enable_modules(graphql, "hr", "finance")
            employees = []
            for i in range(EMPLOYEES):
                created = (await data(EMP, {"i": {"fullName": f"Pegawai {i}", "startDate": "2022-01-03",
                                                  "ptkpStatus": "TK/0"}}))["createEmployee"]
                assert created["userErrors"] == [], created
                employees.append(created["employee"]["id"])
                salary = await data(SALARY, {"i": {"employeeId": created["employee"]["id"],
                                                   "baseSalary": str(8_000_000 + 1_000_000 * i)}})
                assert salary["setSalaryStructure"]["userErrors"] == [], salary

            async def job_of(job_id: str) -> dict[str, Any]:
                return (await data(JOB, {"id": job_id}))["job"]

            async def start_run(period: str) -> dict[str, Any]:
                payload = (await data(CREATE_RUN, {"p": period}))["createPayrollRun"]
                assert payload["userErrors"] == [], payload
                return payload["payrollRun"]

            january = await start_run("2026-01")

            async def january_done() -> bool:
                return (await job_of(january["jobId"]))["status"] == "succeeded"

            await wait_for("January's payroll", january_done, 60)
            mark("january calculated")

            # The test's locks: writes to payslips and journal entries wait from now on. (A
            # second connection watches: inside a transaction pg_stat_activity does not move.)
            watch = await asyncpg.connect(superuser_url)
            locks = await asyncpg.connect(superuser_url)
            await locks.execute("BEGIN")
            await locks.execute("LOCK TABLE hr_payslips IN SHARE MODE")
            await locks.execute("LOCK TABLE finance_journal_entries IN SHARE MODE")
            approved = (await data(APPROVE, {"id": january["id"]}))["approvePayrollRun"]
            assert approved["userErrors"] == [], approved
            february = await start_run("2026-02")

            async def both_waiting() -> dict[int, str]:
                rows = await watch.fetch(
                    "SELECT pid, query FROM pg_stat_activity WHERE datname = $1 AND usename = $2 "
                    "AND wait_event_type = 'Lock'", names["db"], names["app"])
                waiting = {r["pid"]: r["query"] for r in rows}
                payslips = any("hr_payslips" in q for q in waiting.values())
                journal = any("finance_journal_entries" in q for q in waiting.values())
                return waiting if payslips and journal else {}

            waiting = await wait_for("worker A reaching both locks", both_waiting, BLOCKED_WITHIN)
            held = _held(worker_a.text())
            assert any(":job:" in ref for ref in held) and any(":dispatch:" in ref for ref in held), \
                (held, worker_a.tail())
            job = await job_of(february["jobId"])
            assert job["status"] == "running" and job["attempts"] == 1, job
            mark("worker A blocked")

            # Another worker is there to take over; then A dies and the locks go.
            worker_b.start()
            await wait_for("worker B starting", lambda: _started(worker_b), 60)
            worker_a.kill()
            killed = mark("worker A killed")
            await locks.execute("ROLLBACK")

            # A's sessions end without a commit: nothing of its half-done work is there (unless
            # B already did it over, which it can only do later, see below).
            async def a_gone() -> bool:
                rows = await watch.fetch("SELECT pid FROM pg_stat_activity WHERE pid = ANY($1::int[])",
                                         list(waiting))
                return not rows

            await wait_for("worker A's database sessions ending", a_gone, 30)
            await locks.close()
            locks = None
            finished_early = _finished(worker_b)
            run = (await data(RUN, {"id": february["id"]}))["payrollRun"]
            if not any(":job:" in ref for ref in finished_early):
                assert run["payslips"]["totalCount"] == 0 and run["status"] != "calculated", run
            if not any(":dispatch:" in ref for ref in finished_early):
                assert (await data(ENTRIES))["journalEntries"]["nodes"] == []
            mark("A's sessions gone, nothing half-done")

            # Worker B finishes both, each once.
            async def february_done() -> dict[str, Any] | None:
                job = await job_of(february["jobId"])
                assert job["status"] in ("queued", "running", "succeeded"), job
                return job if job["status"] == "succeeded" else None

            async def posted() -> list[dict[str, Any]]:
                return (await data(ENTRIES))["journalEntries"]["nodes"]

            job = await wait_for("February's payroll after the kill", february_done, REDELIVERY + 60)
            payroll_done = mark("february calculated by B")
            entries = await wait_for("January's salary entry after the kill", posted,
                                     max(5.0, killed + REDELIVERY + 60 - time.monotonic()))
            entry_done = mark("january posted by B")
            assert worker_b.alive(), worker_b.tail()

            assert job["attempts"] == 2 and job["lastError"].startswith("WorkerLost"), job
            run = (await data(RUN, {"id": february["id"]}))["payrollRun"]
            assert run["status"] == "calculated" and run["employeeCount"] == EMPLOYEES, run
            slips = [e["node"] for e in run["payslips"]["edges"]]
            assert run["payslips"]["totalCount"] == EMPLOYEES == len(slips), run
            assert sorted(s["employee"]["id"] for s in slips) == sorted(employees), slips
            assert sum(Decimal(s["netPay"]) for s in slips) == Decimal(run["totals"]["netPay"]), run

            await asyncio.sleep(2)  # a second delivery, were there one, would have posted by now
            entries = await posted()
            assert len(entries) == 1 and entries[0]["memo"] == "Payroll 2026-01", entries
            lines = entries[0]["lines"]
            assert sum(Decimal(x["debit"]) for x in lines) == sum(Decimal(x["credit"]) for x in lines)
            ran_in_b = _finished(worker_b)
            assert any(":job:" in ref for ref in ran_in_b), worker_b.tail()
            assert any(":dispatch:" in ref for ref in ran_in_b), worker_b.tail()

            print(f"\nworker killed: A held {sorted(held)} waiting on {len(waiting)} locks; "
                  f"B finished the payroll run {payroll_done - killed:.0f}s and the event "
                  f"{entry_done - killed:.0f}s after the kill; timeline {marks}")
        passed = True
    except BaseException:
        print_logs(marks, procs)
        raise
    finally:
        for connection in (locks, watch):
            if connection is not None:
                await connection.close()
        for proc in procs:
            proc.stop()
        try:
            await drop_queue(redis_url, queue)
        except Exception:  # noqa: BLE001
            pass
        if names is not None:
            await drop(names)
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)


async def _started(worker: Proc) -> bool:
    assert worker.alive(), worker.tail()
    return "Starting worker" in worker.text()


# arq's log lines: "→" a job starts; "←" it ended ("●" successfully), "↻" it will be retried,
# "!" it failed, "⊘" it was aborted.
ARQ_LINE = re.compile(r"([→←↻!⊘]) (\S+):(?:run_job|dispatch_events)\b")


def _held(log: str) -> set[str]:
    """arq job ids (``<queue>:job:<id>``, ``<queue>:dispatch:...``) started and not ended."""
    last: dict[str, str] = {}
    for sign, ref in ARQ_LINE.findall(log):
        last[ref] = sign
    return {ref for ref, sign in last.items() if sign == "→"}


def _finished(worker: Proc) -> set[str]:
    """arq job ids the worker ended successfully."""
    return set(re.findall(r"← (\S+):(?:run_job|dispatch_events) ●", worker.text()))

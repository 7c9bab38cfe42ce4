"""Redis outage: the API keeps serving, work waits in PostgreSQL and flows once Redis is back.

Real processes on loopback, as in the topology test: one ``backoffice serve``, one
``backoffice worker``, PostgreSQL, and a Redis of the test's own (``redis-server`` on a free
port, so that the Redis the other tests share is never touched). A company signs up and
enables the ``example`` module and its event listener; one job and one event go through
normally. Then the test's Redis is stopped. While it is down:

- ``/health`` answers 200, ``/ready`` answers 200 and names redis under ``degraded``;
- writes keep succeeding (notes, each publishing an ``example.note_created`` event);
- jobs can still be started (``countExampleNotes``): their rows wait ``queued``.

Redis is then started again on the same port, empty (it lost everything). Within the
sweeper's reach (it runs every minute) every job started during the outage ends
``succeeded`` after one attempt, every note written during the outage is there once, and
the listener has one receipt for each of them (the outbox events were delivered).

PostgreSQL only: skipped on SQLite.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from faults.stack import (
    COUNT,
    CREATE,
    JOBS,
    NOTES,
    GraphQL,
    Proc,
    Timeline,
    all_nodes,
    drop,
    enable_modules,
    free_port,
    migrate,
    print_logs,
    process_env,
    provision,
    sign_up,
    start_api_and_worker,
)

pytestmark = pytest.mark.postgres

REQUIRE = os.environ.get("BACKOFFICE_REQUIRE_SERVICES") == "1"
JOB_TIMEOUT = 5
SMTP_TIMEOUT = 1
NOTES_DURING = 5        # notes written while Redis is down
JOBS_DURING = 3         # jobs started while Redis is down
OUTAGE_AT_LEAST = 5.0   # seconds Redis stays down, so the worker meets it down
# The worker's sweeper runs at second 0 of every minute; after Redis is back the worker has to
# reconnect and reach the next minute. Room for a slow machine on top.
RECOVERY = 150.0

RECEIPTS = """query($after: String) { exampleReceipts(first: 100, after: $after) {
  edges { node { noteTitle eventId } } pageInfo { hasNextPage endCursor } } }"""
JOB = """query($id: ID!) { job(id: $id) { id name status attempts lastError } }"""

# Starts a program after asking Linux for SIGKILL when the test process dies, as
# ``faults.stack.LAUNCH`` does for ``backoffice``.
EXEC = ("import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGKILL); "
        "os.execv(sys.argv[1], sys.argv[1:])")


def _redis_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (the Redis outage test starts one of its own)"
        if REQUIRE:
            pytest.fail(f"BACKOFFICE_REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    return binary


async def _redis_answers(url: str) -> bool:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        return bool(await client.ping())
    except Exception:  # noqa: BLE001
        return False
    finally:
        await client.aclose()


async def _wait_redis(proc: Proc, url: str, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not await _redis_answers(url):
        assert proc.alive(), f"redis-server exited while starting:\n{proc.tail()}"
        assert time.monotonic() < deadline, f"redis-server not answering in time:\n{proc.tail()}"
        await asyncio.sleep(0.1)


async def test_redis_down_the_api_serves_and_work_flows_once_it_is_back() -> None:
    redis_server = _redis_binary()
    suffix = secrets.token_hex(4)
    workdir = Path(tempfile.mkdtemp(prefix="backoffice-redis-outage-"))
    redis_port = free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    redis = Proc("redis", [sys.executable, "-c", EXEC, redis_server, "--port", str(redis_port),
                           "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                           "--dir", str(workdir)],
                 dict(os.environ), workdir / "redis.log")
    procs: list[Proc] = [redis]
    names: dict[str, str] | None = None
    timeline = Timeline()
    mark, marks = timeline.mark, timeline.marks
    passed = False

    try:
        redis.start()
        names = await provision(f"r{suffix}")
        env = process_env(names, redis_url=redis_url, queue=f"backoffice:redis-outage:{suffix}",
                          job_timeout=JOB_TIMEOUT, smtp_timeout=SMTP_TIMEOUT)
        await migrate(env)
        await _wait_redis(redis, redis_url)
        mark("migrated")

        api, url, worker = await start_api_and_worker(env, workdir, procs)
        mark("serving")

        async with httpx.AsyncClient(timeout=30) as client:
            graphql = GraphQL(client, url)
            data = graphql.data
            await sign_up(graphql, company=f"Redis outage {suffix}",
                          email=f"redis-outage-{suffix}@example.com", owner="Outage Owner")
            await enable_modules(graphql, "example", "example_listener")

            async def write(title: str) -> None:
                payload = (await data(CREATE, {"t": title}))["createExampleNote"]
                assert payload["userErrors"] == [] and payload["note"]["title"] == title, payload

            async def start_job(title: str) -> str:
                payload = (await data(COUNT, {"t": title}))["countExampleNotes"]
                assert payload["userErrors"] == [] and payload["jobId"], payload
                return payload["jobId"]

            async def receipts() -> list[str]:
                nodes = await all_nodes(client, url, RECEIPTS, "exampleReceipts")
                return [n["noteTitle"] for n in nodes]

            async def wait_for(what: str, check: Any, within: float) -> None:
                deadline = time.monotonic() + within
                while not await check():
                    assert worker.alive(), f"the worker exited:\n{worker.tail()}"
                    assert time.monotonic() < deadline, f"{what}: not within {within:.0f}s"
                    await asyncio.sleep(1)

            # Everything flows normally first.
            await write("before-outage")
            first_job = await start_job("before")

            async def first_done() -> bool:
                job = (await data(JOB, {"id": first_job}))["job"]
                return job["status"] == "succeeded"

            async def first_receipt() -> bool:
                return "before-outage" in await receipts()

            await wait_for("the first job", first_done, 60)
            await wait_for("the first event", first_receipt, 60)
            mark("flowing")

            # Redis goes away.
            redis.stop()
            assert redis.popen is not None and redis.popen.returncode is not None
            assert not await _redis_answers(redis_url)
            down = mark("redis down")

            health = await client.get(url + "/health")
            assert health.status_code == 200, health.text
            ready = await client.get(url + "/ready")
            assert ready.status_code == 200, ready.text
            assert ready.json()["status"] == "ready", ready.text
            assert any(d.startswith("redis") for d in ready.json().get("degraded", [])), ready.text

            written = [f"during-outage-{i}" for i in range(NOTES_DURING)]
            jobs_during: list[str] = []
            for i, title in enumerate(written):
                await write(title)
                if i < JOBS_DURING:
                    jobs_during.append(await start_job("during-outage"))
            assert len(set(jobs_during)) == JOBS_DURING
            titles = [n["title"] for n in await all_nodes(client, url, NOTES, "exampleNotes")]
            assert set(written) <= set(titles), titles
            for job_id in jobs_during:
                job = (await data(JOB, {"id": job_id}))["job"]
                assert job["status"] == "queued" and job["attempts"] == 0, job
            assert not set(written) & set(await receipts()), "an event was delivered without Redis"
            await asyncio.sleep(max(0.0, down + OUTAGE_AT_LEAST - time.monotonic()))
            assert api.alive(), f"the API exited while Redis was down:\n{api.tail()}"
            ready = await client.get(url + "/ready")
            assert ready.status_code == 200 and "degraded" in ready.json(), ready.text
            mark("writes done")

            # Redis comes back on the same port, empty.
            redis.start()
            await _wait_redis(redis, redis_url)
            back = mark("redis back")

            async def all_done() -> bool:
                statuses = [(await data(JOB, {"id": j}))["job"]["status"] for j in jobs_during]
                return all(s == "succeeded" for s in statuses)

            async def all_received() -> bool:
                return set(written) <= set(await receipts())

            await wait_for("the jobs started during the outage", all_done, RECOVERY)
            mark("jobs done")
            await wait_for("the events of the outage", all_received,
                           max(5.0, back + RECOVERY - time.monotonic()))
            mark("events done")

            # Nothing lost, nothing twice.
            for job_id in jobs_during:
                job = (await data(JOB, {"id": job_id}))["job"]
                assert job["status"] == "succeeded" and job["attempts"] == 1, job
            jobs = [j for j in await all_nodes(client, url, JOBS, "jobs")
                    if j["name"].endswith(".count_notes")]
            assert len(jobs) == JOBS_DURING + 1, jobs
            titles = [n["title"] for n in await all_nodes(client, url, NOTES, "exampleNotes")]
            for title in [*written, "before-outage"]:
                assert titles.count(title) == 1, (title, titles)
            got = await receipts()
            for title in [*written, "before-outage"]:
                assert got.count(title) == 1, (title, got)
            ready = await client.get(url + "/ready")
            assert ready.status_code == 200 and "degraded" not in ready.json(), ready.text
            assert api.alive() and worker.alive()
            print(f"\nredis outage: {NOTES_DURING} notes and {JOBS_DURING} jobs during "
                  f"{back - down:.1f}s without Redis; all delivered "
                  f"{time.monotonic() - back:.0f}s after it came back; timeline {marks}")
        passed = True
    except BaseException:
        print_logs(marks, procs)
        raise
    finally:
        for proc in reversed(procs):
            proc.stop()
        if names is not None:
            await drop(names)
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)

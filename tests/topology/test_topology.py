"""Topology: real processes on loopback, one of each kind killed under load.

Two ``backoffice serve`` processes, two ``backoffice worker`` processes, one PostgreSQL and
one Redis. A client signs a company up, then sends a steady stream of writes (notes with
unique titles) and of job starts (``countExampleNotes``), spread round-robin over the two
APIs. Mid-load one API process and one worker (while it runs a job) are killed with
SIGKILL; the load goes on against the surviving API; both are started again and the load
continues. Afterwards:

- every write that was answered exists, once;
- writes without an answer are only those in flight on the killed API when it died;
- every job that was accepted (and any other job) ends ``succeeded``, run at most twice:
  once more only if the killed worker held it.

The processes get a database and an arq queue of their own, so that nothing here reaches
the app the other tests run in-process. PostgreSQL and Redis only: skipped on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from helpers import PASSWORD, SIGN_UP, enable

pytestmark = pytest.mark.postgres

PG_ADMIN = os.environ.get("BACKOFFICE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")

LOAD_SECONDS = 20.0    # at least; and at least AFTER_RESTART seconds after the restart
KILL_AT = 6.0          # seconds into the load
RESTART_AFTER = 3.0    # seconds after the kill
AFTER_RESTART = 5.0    # seconds of load once the killed API serves again
STARTUP = 120.0        # seconds a process may take to serve (a loaded machine is slow)
CONCURRENCY = 4        # client tasks, so at most this many requests are ever in flight
PACE = 0.12            # seconds each client task waits between two requests
JOB_EVERY = 6          # one request in this many starts a job
# Short limits for the spawned processes. arq marks a delivered job "in progress" for its
# longest function time limit plus 10 s: here max(JOB_TIMEOUT + 60, 3 * SMTP_TIMEOUT + 60)
# + 10 = 75 s (with the defaults, 670 s). A job held by the killed worker is delivered again
# once that mark expires; the delivery finds the row still "running" and puts it back
# (backoffice.jobs.worker.run_job), so every job has finished well within REDELIVERY + 30 s.
JOB_TIMEOUT = 5
SMTP_TIMEOUT = 1
REDELIVERY = max(JOB_TIMEOUT, 3 * SMTP_TIMEOUT) + 70

CREATE = """mutation($t: String!) { createExampleNote(input: {title: $t}) {
  note { id title } userErrors { code } } }"""
COUNT = """mutation($t: String!) { countExampleNotes(input: {titleContains: $t}) {
  jobId userErrors { code } } }"""
NOTES = """query($after: String) { exampleNotes(first: 100, after: $after) {
  edges { node { title } } pageInfo { hasNextPage endCursor } } }"""
JOBS = """query($after: String) { jobs(first: 100, after: $after) {
  edges { node { id name status attempts lastError } } pageInfo { hasNextPage endCursor } } }"""

# arq's log lines: "→" a job starts; "←" it ended, "↻" it will be retried, "!" it failed,
# "⊘" it was aborted.
ARQ_LINE = re.compile(r"([→←↻!⊘]) (\S+):run_job\b")


# -- processes ---------------------------------------------------------------------------------


# Starts ``backoffice <args>`` in the same process after asking Linux for SIGKILL when the
# test process dies (PR_SET_PDEATHSIG), so that nothing is left running even if pytest itself
# is killed. Done in the child's own interpreter, not in a ``preexec_fn``: running Python
# between fork and exec can deadlock while the test's event loop has threads.
LAUNCH = ("import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGKILL); "
          "os.execv(sys.executable, [sys.executable, '-m', 'backoffice.cli', *sys.argv[1:]])")


def _command(*args: str) -> list[str]:
    return [sys.executable, "-c", LAUNCH, *args]


@dataclass
class Proc:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen[bytes] | None = None
    starts: int = 0

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n===== start {self.starts}: {' '.join(self.args)}\n".encode())
            out.flush()
            self.popen = subprocess.Popen(self.args, env=self.env, stdout=out,
                                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        assert self.popen is not None
        self.popen.kill()
        self.popen.wait()

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        self.popen.terminate()
        try:
            self.popen.wait(10)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def tail(self, lines: int = 80) -> str:
        return "\n".join(self.text().splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _wait_healthy(proc: Proc, url: str, within: float = STARTUP) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            assert proc.alive(), f"{proc.name} exited while starting:\n{proc.tail()}"
            with contextlib.suppress(httpx.TransportError):
                if (await client.get(url + "/health")).status_code == 200:
                    return
            assert time.monotonic() < deadline, f"{proc.name} not healthy in time:\n{proc.tail()}"
            await asyncio.sleep(0.2)


def _held_jobs(log: str) -> set[str]:
    """arq job ids (``<queue>:job:<id>``) the worker started and had not ended."""
    last: dict[str, str] = {}
    for mark, ref in ARQ_LINE.findall(log.rsplit("===== start", 1)[-1]):
        last[ref] = mark
    return {ref for ref, mark in last.items() if mark == "→"}


# -- database and queue of the test --------------------------------------------------------


async def _admin(statements: list[str], database: str | None = None) -> None:
    import asyncpg

    url = PG_ADMIN if database is None else PG_ADMIN.rsplit("/", 1)[0] + "/" + database
    conn = await asyncpg.connect(url)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _provision(suffix: str) -> dict[str, str]:
    """A database with an owner role and an application role, as the suite's own."""
    db, owner, app_role = f"bo_topo_{suffix}", f"bo_topo_owner_{suffix}", f"bo_topo_app_{suffix}"
    await _admin([f"CREATE ROLE {owner} LOGIN", f"CREATE ROLE {app_role} LOGIN NOBYPASSRLS",
                  f"CREATE DATABASE {db} OWNER {owner}"])
    await _admin(["REVOKE ALL ON SCHEMA public FROM PUBLIC",
                  f"ALTER SCHEMA public OWNER TO {owner}"], database=db)
    host = PG_ADMIN.split("@", 1)[1].rsplit("/", 1)[0]
    return {"db": db, "owner": owner, "app": app_role,
            "DATABASE_URL": f"postgresql://{app_role}@{host}/{db}",
            "DATABASE_OWNER_URL": f"postgresql://{owner}@{host}/{db}",
            "DATABASE_APP_ROLE": app_role}


async def _drop(names: dict[str, str]) -> None:
    await _admin([
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{names['db']}'",
        f"DROP DATABASE IF EXISTS {names['db']}",
        f"DROP ROLE IF EXISTS {names['owner']}",
        f"DROP ROLE IF EXISTS {names['app']}",
    ])


async def _drop_queue(redis_url: str, queue: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"*{queue}*", count=1000)]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


# -- the load ------------------------------------------------------------------------------


@dataclass
class Record:
    kind: str           # "note" or "job"
    key: str
    api: int
    started: float
    ended: float = 0.0
    outcome: str = ""   # ok | error | no response
    detail: Any = None  # the job id, or what went wrong
    refused: list[int] = field(default_factory=list)  # APIs that refused the connection first


class Load:
    """Client tasks sending writes round-robin over the APIs. A connection refused never
    reached a process, so the request goes to the other API; any other transport failure
    leaves the request without an answer (in flight on a process that died)."""

    def __init__(self, client: httpx.AsyncClient, urls: list[str]) -> None:
        self.client = client
        self.urls = urls
        self.turn = itertools.count()
        self.seq = itertools.count()
        self.down_until = [0.0] * len(urls)
        self.records: list[Record] = []
        self.stopping = False

    def _pick(self, avoid: set[int]) -> int:
        now = time.monotonic()
        choices = [i for i in range(len(self.urls))
                   if i not in avoid and self.down_until[i] <= now]
        if not choices:
            choices = [i for i in range(len(self.urls)) if i not in avoid] or [0]
        return choices[next(self.turn) % len(choices)]

    async def send(self, kind: str) -> Record:
        n = next(self.seq)
        key = f"topology-{n:05d}"
        query = COUNT if kind == "job" else CREATE
        record = Record(kind=kind, key=key, api=-1, started=time.monotonic())
        refused: set[int] = set()
        for _ in range(50):
            record.api = self._pick(refused)
            record.started = time.monotonic()
            try:
                response = await self.client.post(
                    self.urls[record.api] + "/graphql", json={"query": query, "variables": {"t": key}})
            except httpx.ConnectError:
                self.down_until[record.api] = time.monotonic() + 0.5
                record.refused.append(record.api)
                refused.add(record.api)
                if len(refused) == len(self.urls):
                    refused.clear()
                    await asyncio.sleep(0.1)
                continue
            except httpx.TransportError as exc:
                record.outcome, record.detail = "no response", repr(exc)
                break
            body = response.json() if response.status_code == 200 else {}
            payload = next(iter((body.get("data") or {}).values()), None)
            if response.status_code == 200 and not body.get("errors") and payload \
                    and payload["userErrors"] == []:
                record.outcome = "ok"
                record.detail = payload["jobId"] if kind == "job" else payload["note"]["title"]
            else:
                record.outcome, record.detail = "error", (response.status_code, response.text[:500])
            break
        else:
            record.outcome, record.detail = "error", "every API refused the connection"
        record.ended = time.monotonic()
        self.records.append(record)
        return record

    async def client_task(self, index: int) -> None:
        i = index
        while not self.stopping:
            await self.send("job" if i % JOB_EVERY == 0 else "note")
            i += 1
            await asyncio.sleep(PACE)


async def _all(api_client: httpx.AsyncClient, url: str, query: str, root: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        response = await api_client.post(url + "/graphql",
                                         json={"query": query, "variables": {"after": after}})
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), response.text[:1000]
        page = body["data"][root]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]


# -- the test ------------------------------------------------------------------------------


async def test_kill_an_api_and_a_worker_under_load() -> None:
    suffix = secrets.token_hex(4)
    queue = f"backoffice:topology:{suffix}"
    redis_url = os.environ["REDIS_URL"]
    workdir = Path(tempfile.mkdtemp(prefix="backoffice-topology-"))
    procs: list[Proc] = []
    names: dict[str, str] | None = None
    t0 = time.monotonic()
    marks: dict[str, float] = {}
    passed = False

    def mark(what: str) -> float:
        marks[what] = round(time.monotonic() - t0, 1)
        return time.monotonic()

    try:
        names = await _provision(suffix)
        env = {k: v for k, v in os.environ.items() if not k.startswith("BACKOFFICE_TEST_")}
        env.update({
            "BACKOFFICE_ENV": "test", "SECRET_KEY": os.environ["SECRET_KEY"],
            "DATABASE_URL": names["DATABASE_URL"],
            "DATABASE_OWNER_URL": names["DATABASE_OWNER_URL"],
            "DATABASE_APP_ROLE": names["DATABASE_APP_ROLE"],
            "REDIS_URL": redis_url, "ARQ_QUEUE_NAME": queue,
            "JOB_TIMEOUT_SECONDS": str(JOB_TIMEOUT), "SMTP_TIMEOUT_SECONDS": str(SMTP_TIMEOUT),
            # One client sends everything: no per-caller budget may get in the way.
            "RATE_LIMIT_POINTS": "100000000", "RATE_LIMIT_USER_POINTS": "100000000",
            "RATE_LIMIT_TENANT_POINTS": "100000000",
            "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
        })
        migrate = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-m", "backoffice.cli", "migrate"],
            env=env, capture_output=True, text=True)
        assert migrate.returncode == 0, migrate.stdout + migrate.stderr
        mark("migrated")

        ports = [_free_port(), _free_port()]
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        apis = [Proc(f"api{i}", _command("serve", "--port", str(port), "--workers", "1"), env,
                     workdir / f"api{i}.log")
                for i, port in enumerate(ports)]
        workers = [Proc(f"worker{i}", _command("worker"), env, workdir / f"worker{i}.log")
                   for i in range(2)]
        procs += apis + workers
        for proc in procs:
            proc.start()
        await asyncio.gather(*(_wait_healthy(p, u) for p, u in zip(apis, urls, strict=True)))
        mark("serving")

        # One browser: the session cookie set by one API is good on the other (sessions
        # live in the database). A fresh connection per request: a request to a dead
        # process is then refused, never sent down a stale kept-alive connection.
        limits = httpx.Limits(max_keepalive_connections=0, max_connections=CONCURRENCY + 4)
        async with httpx.AsyncClient(timeout=30, limits=limits) as client:
            response = await client.post(urls[0] + "/graphql", json={"query": SIGN_UP, "variables": {
                "input": {"companyName": f"Topology {suffix}", "email": f"topology-{suffix}@example.com",
                          "password": PASSWORD, "fullName": "Topology Owner", "locale": "en"}}})
            assert response.status_code == 200 and not response.json().get("errors"), response.text

            class _Api:  # enable() speaks to an Api; this one goes to the second process
                async def data(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
                    r = await client.post(urls[1] + "/graphql",
                                          json={"query": query, "variables": variables})
                    assert r.status_code == 200 and not r.json().get("errors"), r.text
                    return r.json()["data"]

            enabled = await enable(_Api(), "example")  # type: ignore[arg-type]
            assert enabled["userErrors"] == [], enabled

            load = Load(client, urls)
            tasks = [asyncio.create_task(load.client_task(i)) for i in range(CONCURRENCY)]
            began = mark("load")
            try:
                await asyncio.sleep(KILL_AT)
                victim_api, victim_worker = apis[0], workers[0]
                api_kill_started = time.monotonic()
                victim_api.kill()
                api_killed = mark("api killed")
                # The worker dies while it runs a job, if it starts one within a few seconds:
                # a moment after the start, so that the job has likely claimed its row.
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline:
                    if _held_jobs(victim_worker.text()):
                        await asyncio.sleep(0.1)
                        if _held_jobs(victim_worker.text()):
                            break
                    else:
                        await asyncio.sleep(0.01)
                victim_worker.kill()
                worker_killed = mark("worker killed")
                held = _held_jobs(victim_worker.text())

                await asyncio.sleep(RESTART_AFTER)
                victim_worker.start()
                victim_api.start()
                mark("restarted")
                await _wait_healthy(victim_api, urls[0])
                api_back = mark("api back")
                end = max(began + LOAD_SECONDS, api_back + AFTER_RESTART)
                await asyncio.sleep(max(0.0, end - time.monotonic()))
            finally:
                load.stopping = True
                await asyncio.gather(*tasks, return_exceptions=True)
            load_ended = mark("load ended")

            records = load.records
            errors = [r for r in records if r.outcome == "error"]
            assert not errors, f"requests answered with an error: {errors[:5]}"
            lost = [r for r in records if r.outcome == "no response"]
            # Without an answer: only requests in flight on the killed API when it died.
            assert all(r.api == 0 and r.started < api_killed and r.ended >= api_kill_started
                       for r in lost), lost
            assert len(lost) <= CONCURRENCY, lost
            assert any(0 in r.refused for r in records), "no request met the killed API"
            assert any(r.api == 0 and r.outcome == "ok" and r.started > api_back
                       for r in records), "the restarted API served nothing"
            assert sum(r.api == 1 and r.outcome == "ok" for r in records) > 20

            # Every answered write exists, each once.
            titles = [n["title"] for n in await _all(client, urls[1], NOTES, "exampleNotes")]
            assert len(titles) == len(set(titles)), "a note was written twice"
            written = {r.key for r in records if r.kind == "note" and r.outcome == "ok"}
            assert written <= set(titles), f"answered writes missing: {sorted(written - set(titles))[:10]}"
            assert {t for t in titles if t.startswith("topology-")} <= {
                r.key for r in records if r.kind == "note"}

            # Every job ends, succeeded: the accepted ones, and any a lost answer started.
            accepted = {r.detail for r in records if r.kind == "job" and r.outcome == "ok"}
            assert len(accepted) >= 10
            finish_by = worker_killed + REDELIVERY + 30
            while True:
                jobs = [j for j in await _all(client, urls[1], JOBS, "jobs")
                        if j["name"].endswith(".count_notes")]
                waiting = [j for j in jobs if j["status"] in ("queued", "running")]
                if not waiting or time.monotonic() > finish_by:
                    break
                await asyncio.sleep(2)
            mark("jobs done")
            assert not waiting, f"jobs still waiting at the deadline: {waiting[:10]}"
            by_id = {j["id"]: j for j in jobs}
            assert accepted <= set(by_id), f"accepted jobs missing: {sorted(accepted - set(by_id))}"
            assert len(jobs) <= len(accepted) + sum(r.kind == "job" for r in lost)
            assert all(j["status"] == "succeeded" for j in jobs), \
                [j for j in jobs if j["status"] != "succeeded"]
            # Run once; a second time only after a worker was lost under it.
            rerun = [j for j in jobs if j["attempts"] != 1]
            assert all(j["attempts"] == 2 and j["lastError"].startswith("WorkerLost")
                       for j in rerun), rerun
            assert len(rerun) <= len(held), (rerun, held)

            print(f"\ntopology: {len(records)} requests over {load_ended - began:.1f}s, "
                  f"{sum(r.outcome == 'ok' for r in records)} answered, {len(lost)} in flight "
                  f"on the killed API, {sum(bool(r.refused) for r in records)} refused and sent "
                  f"to the other API; {len(jobs)} jobs, {len(held)} held by the killed worker, "
                  f"{len(rerun)} run again after it; all done "
                  f"{time.monotonic() - worker_killed:.0f}s after the kill; timeline {marks}")
        passed = True
    except BaseException:
        print(f"\ntimeline (seconds): {marks}")
        for proc in procs:
            print(f"\n----- {proc.name} ({proc.log}) -----\n{proc.tail(120)}")
        raise
    finally:
        for proc in procs:
            proc.stop()
        with contextlib.suppress(Exception):
            await _drop_queue(redis_url, queue)
        if names is not None:
            await _drop(names)
        if passed:  # the logs are kept (and printed) when the test fails
            shutil.rmtree(workdir, ignore_errors=True)

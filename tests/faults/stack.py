"""Real ``backoffice`` processes on loopback, for the fault and topology tests.

The tests that kill or starve processes (``tests/faults``, ``tests/topology``) run the app as
it runs in production: ``backoffice serve`` and ``backoffice worker`` as subprocesses with a
database and an arq queue of their own, so that nothing reaches the app the other tests run
in-process. This module holds what they share: the processes' environment, the migration,
starting and watching the processes, the test's database and queue, and a small GraphQL
client. Import it as ``faults.stack`` (``tests`` is on ``sys.path``).

The processes inherit the test's environment (``PYTHONPATH`` included, so they run the code
under test), less the test suite's own ``BACKOFFICE_TEST_*`` settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from helpers import PASSWORD, SIGN_UP, enable

PG_ADMIN = os.environ.get("BACKOFFICE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/test")
STARTUP = 120.0        # seconds a process may take to serve (a loaded machine is slow)

# The example module's operations the tests send.
CREATE = """mutation($t: String!) { createExampleNote(input: {title: $t}) {
  note { id title } userErrors { code } } }"""
COUNT = """mutation($t: String!) { countExampleNotes(input: {titleContains: $t}) {
  jobId userErrors { code } } }"""
NOTES = """query($after: String) { exampleNotes(first: 100, after: $after) {
  edges { node { title } } pageInfo { hasNextPage endCursor } } }"""
JOBS = """query($after: String) { jobs(first: 100, after: $after) {
  edges { node { id name status attempts lastError } } pageInfo { hasNextPage endCursor } } }"""


# -- the processes' environment ----------------------------------------------------------------


def process_env(database: Mapping[str, str], *, redis_url: str, queue: str,
                job_timeout: int, smtp_timeout: int = 1) -> dict[str, str]:
    """The environment of a ``backoffice`` process: the test's own, less ``BACKOFFICE_TEST_*``,
    with the given database (``DATABASE_URL``, ``DATABASE_OWNER_URL`` and
    ``DATABASE_APP_ROLE``), Redis, arq queue and time limits."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKOFFICE_TEST_")}
    env.update({
        "BACKOFFICE_ENV": "test", "SECRET_KEY": os.environ["SECRET_KEY"],
        "DATABASE_URL": database["DATABASE_URL"],
        "DATABASE_OWNER_URL": database["DATABASE_OWNER_URL"],
        "DATABASE_APP_ROLE": database["DATABASE_APP_ROLE"],
        "REDIS_URL": redis_url, "ARQ_QUEUE_NAME": queue,
        "JOB_TIMEOUT_SECONDS": str(job_timeout), "SMTP_TIMEOUT_SECONDS": str(smtp_timeout),
        # One client sends everything: no per-caller budget may get in the way.
        "RATE_LIMIT_POINTS": "100000000", "RATE_LIMIT_USER_POINTS": "100000000",
        "RATE_LIMIT_TENANT_POINTS": "100000000",
        "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1",
    })
    return env


async def migrate(env: dict[str, str]) -> None:
    """Run ``backoffice migrate`` with ``env``; fail the test with its output if it fails."""
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "backoffice.cli", "migrate"],
        env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


# -- processes ---------------------------------------------------------------------------------


# Starts ``backoffice <args>`` in the same process after asking Linux for SIGKILL when the
# test process dies (PR_SET_PDEATHSIG), so that nothing is left running even if pytest itself
# is killed. Done in the child's own interpreter, not in a ``preexec_fn``: running Python
# between fork and exec can deadlock while the test's event loop has threads.
LAUNCH = ("import ctypes, os, signal, sys; ctypes.CDLL(None).prctl(1, signal.SIGKILL); "
          "os.execv(sys.executable, [sys.executable, '-m', 'backoffice.cli', *sys.argv[1:]])")


def command(*args: str) -> list[str]:
    """The command line of ``backoffice <args>``, started through ``LAUNCH``."""
    return [sys.executable, "-c", LAUNCH, *args]


@dataclass
class Proc:
    """A subprocess that can be started again, its output appended to one log file."""

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


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(proc: Proc, url: str, within: float = STARTUP) -> None:
    """Wait until ``url`` answers ``/health`` with 200; fail if ``proc`` exits first."""
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            assert proc.alive(), f"{proc.name} exited while starting:\n{proc.tail()}"
            with contextlib.suppress(httpx.TransportError):
                if (await client.get(url + "/health")).status_code == 200:
                    return
            assert time.monotonic() < deadline, f"{proc.name} not healthy in time:\n{proc.tail()}"
            await asyncio.sleep(0.2)


def api_process(name: str, env: dict[str, str], workdir: Path) -> tuple[Proc, str]:
    """A ``backoffice serve`` (one worker process) on a free port, not started, and its URL.
    It logs to ``<workdir>/<name>.log``."""
    port = free_port()
    proc = Proc(name, command("serve", "--port", str(port), "--workers", "1"), env,
                workdir / f"{name}.log")
    return proc, f"http://127.0.0.1:{port}"


def worker_process(name: str, env: dict[str, str], workdir: Path) -> Proc:
    """A ``backoffice worker``, not started, logging to ``<workdir>/<name>.log``."""
    return Proc(name, command("worker"), env, workdir / f"{name}.log")


async def start_api_and_worker(env: dict[str, str], workdir: Path, procs: list[Proc], *,
                               worker_name: str = "worker") -> tuple[Proc, str, Proc]:
    """Start one API and one worker, added to ``procs`` (to be stopped by the caller), and
    return the API, its URL and the worker once the API answers ``/health``."""
    api, url = api_process("api", env, workdir)
    worker = worker_process(worker_name, env, workdir)
    procs += [api, worker]
    api.start()
    worker.start()
    await wait_healthy(api, url)
    return api, url, worker


class Timeline:
    """Seconds from the start of a test to each of its steps, printed when it ends."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.marks: dict[str, float] = {}

    def mark(self, what: str) -> float:
        """Note that ``what`` happened now; returns now (``time.monotonic()``)."""
        self.marks[what] = round(time.monotonic() - self.t0, 1)
        return time.monotonic()


def print_logs(marks: dict[str, float], procs: list[Proc]) -> None:
    """What a failing test prints: its timeline and the end of each process's log."""
    print(f"\ntimeline (seconds): {marks}")
    for proc in procs:
        print(f"\n----- {proc.name} ({proc.log}) -----\n{proc.tail(120)}")


# -- database and queue of the test ------------------------------------------------------------


async def _admin(statements: list[str], database: str | None = None) -> None:
    import asyncpg

    url = PG_ADMIN if database is None else PG_ADMIN.rsplit("/", 1)[0] + "/" + database
    conn = await asyncpg.connect(url)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def provision(suffix: str) -> dict[str, str]:
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


async def drop(names: dict[str, str]) -> None:
    """Drop what ``provision`` made."""
    await _admin([
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{names['db']}'",
        f"DROP DATABASE IF EXISTS {names['db']}",
        f"DROP ROLE IF EXISTS {names['owner']}",
        f"DROP ROLE IF EXISTS {names['app']}",
    ])


async def drop_queue(redis_url: str, queue: str) -> None:
    """Delete the arq queue's keys from Redis."""
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"*{queue}*", count=1000)]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


# -- GraphQL -----------------------------------------------------------------------------------


class GraphQL:
    """``/graphql`` of one process, through a client whose cookies it shares; what
    ``helpers.enable()`` speaks to."""

    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self.client = client
        self.url = url

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """Run an operation that must succeed; returns ``data``."""
        r = await self.client.post(self.url + "/graphql",
                                   json={"query": query, "variables": variables or {}})
        assert r.status_code == 200 and not r.json().get("errors"), r.text[:1000]
        return r.json()["data"]


async def sign_up(api: GraphQL, *, company: str, email: str, owner: str) -> None:
    """Sign a company up (in English, with ``helpers.PASSWORD``); the client is then logged in."""
    await api.data(SIGN_UP, {"input": {
        "companyName": company, "email": email, "password": PASSWORD, "fullName": owner,
        "locale": "en"}})


async def enable_modules(api: GraphQL, *modules: str) -> None:
    """Enable each module for the logged-in company; each must be enabled without errors."""
    for module in modules:
        enabled = await enable(api, module)  # type: ignore[arg-type]
        assert enabled["userErrors"] == [], enabled


async def all_nodes(client: httpx.AsyncClient, url: str, query: str,
                    root: str) -> list[dict[str, Any]]:
    """Every node of the connection ``root``, page after page (``query`` takes ``$after``)."""
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        response = await client.post(url + "/graphql",
                                     json={"query": query, "variables": {"after": after}})
        body = response.json()
        assert response.status_code == 200 and not body.get("errors"), response.text[:1000]
        page = body["data"][root]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return nodes
        after = page["pageInfo"]["endCursor"]

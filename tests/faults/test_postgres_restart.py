"""PostgreSQL restarted under load: 503 while it is down, serving again once it is back.

Real processes on loopback, as in the Redis outage test: one ``backoffice serve``, one
``backoffice worker`` and a PostgreSQL of the test's own (``initdb`` into a temporary
directory, ``postgres`` on a free port; the PostgreSQL the other tests share is never
touched). A company signs up and enables the ``example`` module; a few client tasks write
notes (each with a unique title) and read them back. Then the test's PostgreSQL is stopped
with ``pg_ctl stop -m fast`` while the load goes on. While it is down:

- every request is answered quickly (well within ``FAIL_FAST``) with HTTP 503, a
  ``Retry-After`` header and a GraphQL error coded ``SERVICE_UNAVAILABLE`` with a human
  message (in the request's language), never a stack trace or ``INTERNAL_SERVER_ERROR``:
  logged-in requests (the session is read before any resolver), anonymous ones (``logIn``,
  which reads the database in its resolver) and the OAuth token endpoint alike;
- ``/health`` answers 200 and ``/ready`` answers 503 naming the database.

PostgreSQL is then started again on the same port and directory. Without restarting the API
or the worker, requests succeed again within ``RECOVERY`` seconds, ``/ready`` answers 200,
every write answered as successful is there exactly once, and a job started after the
restart is run by the worker.

PostgreSQL only (skipped on SQLite). The test runs ``initdb`` and ``postgres``; as root it
runs them as the ``postgres`` system user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import asyncio
import itertools
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from faults.stack import (
    COUNT,
    CREATE,
    NOTES,
    GraphQL,
    Proc,
    Timeline,
    all_nodes,
    drop_queue,
    enable_modules,
    free_port,
    migrate,
    print_logs,
    process_env,
    sign_up,
    start_api_and_worker,
)
from helpers import LOG_IN, PASSWORD

pytestmark = pytest.mark.postgres

REQUIRE = os.environ.get("BACKOFFICE_REQUIRE_SERVICES") == "1"
CONCURRENCY = 3         # client tasks
PACE = 0.1              # seconds each client task waits between two requests
LOAD_BEFORE = 3.0       # seconds of load before PostgreSQL is stopped
DOWN_FOR = 6.0          # seconds PostgreSQL stays down, the load going on
FAIL_FAST = 5.0         # seconds: a generous bound on any answer while the database is down
RECOVERY = 30.0         # seconds after PostgreSQL accepts connections again
AFTER_RECOVERY = 3.0    # seconds of load once requests succeed again
JOB_TIMEOUT = 5

JOB = """query($id: ID!) { job(id: $id) { id name status attempts lastError } }"""
RECEIPTS = """query($after: String) { exampleReceipts(first: 100, after: $after) {
  edges { node { noteTitle eventId } } pageInfo { hasNextPage endCursor } } }"""
ME = """query { me { email } }"""

# Runs a program as another user (the first argument; empty: the current one), after asking
# Linux for SIGKILL when the test process dies. The credentials change first: changing them
# clears the parent-death signal.
AS_USER = """
import ctypes, os, pwd, signal, sys
if sys.argv[1]:
    user = pwd.getpwnam(sys.argv[1])
    os.setgroups([])
    os.setgid(user.pw_gid)
    os.setuid(user.pw_uid)
    os.environ["HOME"] = user.pw_dir
ctypes.CDLL(None).prctl(1, signal.SIGKILL)
os.execv(sys.argv[2], sys.argv[2:])
"""


def _unavailable(message: str) -> None:
    if REQUIRE:
        pytest.fail(f"BACKOFFICE_REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)


def _postgres_binaries() -> tuple[str, str, str]:
    """``initdb``, ``pg_ctl`` and ``postgres`` of one installation."""
    initdb = shutil.which("initdb")
    if initdb is None:
        for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True):
            initdb = str(candidate)
            break
    if initdb is None:
        _unavailable("initdb is not installed (the PostgreSQL restart test starts a server of its own)")
    bindir = Path(os.path.realpath(initdb)).parent  # type: ignore[arg-type]
    pg_ctl, postgres = bindir / "pg_ctl", bindir / "postgres"
    if not (pg_ctl.exists() and postgres.exists()):
        _unavailable(f"pg_ctl or postgres missing beside {initdb}")
    return str(bindir / "initdb"), str(pg_ctl), str(postgres)


def _server_user() -> str:
    """The user PostgreSQL runs as: the current one, or ``postgres`` when running as root."""
    if os.geteuid() != 0:
        return ""
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("the tests run as root and there is no 'postgres' user to run PostgreSQL as")
    return "postgres"


def _as(user: str, *args: str) -> list[str]:
    return [sys.executable, "-c", AS_USER, user, *args]


async def _admin(url: str, statements: list[str]) -> None:
    import asyncpg

    conn = await asyncpg.connect(url, timeout=5)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _accepting(url: str) -> bool:
    import asyncpg

    try:
        conn = await asyncpg.connect(url, timeout=2)
    except Exception:  # noqa: BLE001
        return False
    await conn.close()
    return True


async def _wait_accepting(proc: Proc, url: str, within: float = 60) -> None:
    deadline = time.monotonic() + within
    while not await _accepting(url):
        assert proc.alive(), f"postgres exited while starting:\n{proc.tail()}"
        assert time.monotonic() < deadline, f"postgres not accepting connections in time:\n{proc.tail()}"
        await asyncio.sleep(0.1)


@dataclass
class Answer:
    kind: str          # note | read | me | login
    key: str
    started: float
    ended: float = 0.0
    status: int = 0    # 0: no HTTP answer
    body: Any = None
    text: str = ""
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and isinstance(self.body, dict) and not self.body.get("errors")


class Load:
    """Client tasks writing notes and reading, through one logged-in browser."""

    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self.client = client
        self.url = url
        self.seq = itertools.count()
        self.answers: list[Answer] = []
        self.stopping = False

    async def send(self, kind: str) -> Answer:
        key = f"pgrestart-{next(self.seq):05d}"
        query, variables = {"note": (CREATE, {"t": key}), "read": (NOTES, {"after": None}),
                            "me": (ME, {})}[kind]
        answer = Answer(kind=kind, key=key, started=time.monotonic())
        try:
            response = await self.client.post(self.url + "/graphql",
                                              json={"query": query, "variables": variables})
        except httpx.TransportError as exc:
            answer.text = repr(exc)
        else:
            answer.status = response.status_code
            answer.text = response.text[:2000]
            answer.retry_after = response.headers.get("retry-after")
            try:
                answer.body = response.json()
            except ValueError:
                answer.body = None
        answer.ended = time.monotonic()
        if kind == "note" and answer.ok:
            payload = answer.body["data"]["createExampleNote"]
            assert payload["userErrors"] == [] and payload["note"]["title"] == key, payload
        self.answers.append(answer)
        return answer

    async def client_task(self, index: int) -> None:
        kinds = itertools.islice(itertools.cycle(["note", "note", "read", "me"]), index, None)
        while not self.stopping:
            await self.send(next(kinds))
            await asyncio.sleep(PACE)


def _assert_unavailable(answer: Answer, *, locale: str = "en") -> None:
    """A 503 answer, as clients and load balancers are promised one."""
    assert answer.status == 503, (answer.kind, answer.text)
    assert answer.retry_after is not None and int(answer.retry_after) > 0, answer
    assert "Traceback" not in answer.text and "asyncpg" not in answer.text, answer.text
    assert answer.ended - answer.started < FAIL_FAST, answer
    assert isinstance(answer.body, dict), answer.text
    errors = answer.body.get("errors")
    assert errors and all((e.get("extensions") or {}).get("code") == "SERVICE_UNAVAILABLE"
                          for e in errors), answer.text
    message = errors[0]["message"]
    expected = "coba lagi" if locale == "id" else "try again"
    assert expected in message.lower(), message


async def test_postgres_restarted_under_load_503_then_serving_again() -> None:
    initdb, pg_ctl, postgres = _postgres_binaries()
    user = _server_user()
    suffix = secrets.token_hex(4)
    workdir = Path(tempfile.mkdtemp(prefix="backoffice-pg-restart-"))
    if user:
        shutil.chown(workdir, user, user)
    data_dir = workdir / "data"
    pg_port = free_port()
    admin_url = f"postgresql://postgres@127.0.0.1:{pg_port}/postgres"
    server = Proc("postgres", _as(user, postgres, "-D", str(data_dir), "-p", str(pg_port),
                                  "-k", str(workdir), "-c", "listen_addresses=127.0.0.1",
                                  "-c", "fsync=off"),
                  dict(os.environ), workdir / "postgres.log")
    redis_url = os.environ["REDIS_URL"]
    queue = f"backoffice:pg-restart:{suffix}"
    procs: list[Proc] = [server]
    timeline = Timeline()
    mark, marks = timeline.mark, timeline.marks
    passed = False

    try:
        made = await asyncio.to_thread(
            subprocess.run, _as(user, initdb, "-D", str(data_dir), "-A", "trust", "-U", "postgres",
                                "-E", "UTF8", "--locale=C", "--no-sync"),
            capture_output=True, text=True)
        assert made.returncode == 0, made.stdout + made.stderr
        server.start()
        await _wait_accepting(server, admin_url)
        db, owner, app_role = "backoffice", f"bo_owner_{suffix}", f"bo_app_{suffix}"
        await _admin(admin_url, [f"CREATE ROLE {owner} LOGIN", f"CREATE ROLE {app_role} LOGIN NOBYPASSRLS",
                                 f"CREATE DATABASE {db} OWNER {owner}"])
        await _admin(admin_url.rsplit("/", 1)[0] + "/" + db, [
            "REVOKE ALL ON SCHEMA public FROM PUBLIC", f"ALTER SCHEMA public OWNER TO {owner}"])
        mark("postgres up")

        database = {"DATABASE_URL": f"postgresql://{app_role}@127.0.0.1:{pg_port}/{db}",
                    "DATABASE_OWNER_URL": f"postgresql://{owner}@127.0.0.1:{pg_port}/{db}",
                    "DATABASE_APP_ROLE": app_role}
        env = process_env(database, redis_url=redis_url, queue=queue, job_timeout=JOB_TIMEOUT)
        await migrate(env)
        mark("migrated")

        api, url, worker = await start_api_and_worker(env, workdir, procs)
        api_pid = api.popen.pid  # type: ignore[union-attr]
        worker_pid = worker.popen.pid  # type: ignore[union-attr]
        mark("serving")

        email = f"pg-restart-{suffix}@example.com"
        async with httpx.AsyncClient(timeout=30) as client, \
                httpx.AsyncClient(timeout=30) as anonymous:
            graphql = GraphQL(client, url)
            data = graphql.data
            await sign_up(graphql, company=f"PostgreSQL restart {suffix}", email=email,
                          owner="Restart Owner")
            await enable_modules(graphql, "example", "example_listener")

            load = Load(client, url)
            tasks = [asyncio.create_task(load.client_task(i)) for i in range(CONCURRENCY)]
            try:
                await asyncio.sleep(LOAD_BEFORE)
                assert any(a.ok for a in load.answers), load.answers[:5]

                # PostgreSQL goes away (connections terminated, a checkpoint written).
                stopping = mark("stopping postgres")
                stopped = await asyncio.to_thread(
                    subprocess.run, _as(user, pg_ctl, "stop", "-D", str(data_dir), "-m", "fast", "-w"),
                    capture_output=True, text=True)
                assert stopped.returncode == 0, stopped.stdout + stopped.stderr
                assert server.popen is not None and server.popen.wait(10) is not None
                down = mark("postgres down")

                # What else a client may meet meanwhile: anonymous GraphQL (the resolver reads
                # the database), in Indonesian; a plain HTTP route; health and readiness.
                started = time.monotonic()
                r = await anonymous.post(url + "/graphql", headers={"accept-language": "id"}, json={
                    "query": LOG_IN, "variables": {"input": {"email": email, "password": PASSWORD}}})
                login = Answer("login", "", started, time.monotonic(), r.status_code,
                               r.json(), r.text, r.headers.get("retry-after"))
                _assert_unavailable(login, locale="id")
                started = time.monotonic()
                r = await anonymous.post(url + "/oauth/token", data={
                    "grant_type": "client_credentials", "client_id": "bo_nobody", "client_secret": "x"})
                assert r.status_code == 503 and r.headers.get("retry-after"), (r.status_code, r.text)
                assert r.json()["code"] == "SERVICE_UNAVAILABLE" and "Traceback" not in r.text, r.text
                assert time.monotonic() - started < FAIL_FAST
                health = await anonymous.get(url + "/health")
                assert health.status_code == 200, health.text
                started = time.monotonic()
                ready = await anonymous.get(url + "/ready")
                assert ready.status_code == 503, ready.text
                assert any(f.startswith("database") for f in ready.json()["failing"]), ready.text
                assert time.monotonic() - started < FAIL_FAST

                await asyncio.sleep(max(0.0, down + DOWN_FOR - time.monotonic()))
                assert api.alive(), f"the API exited while PostgreSQL was down:\n{api.tail()}"
                restarting = mark("starting postgres")
                server.start()
                await _wait_accepting(server, admin_url)
                back = mark("postgres back")

                # Requests succeed again, the same API process serving them.
                deadline = back + RECOVERY
                while not any(a.ok and a.started >= back for a in load.answers):
                    assert time.monotonic() < deadline, \
                        f"no request succeeded within {RECOVERY:.0f}s: {load.answers[-3:]}"
                    await asyncio.sleep(0.1)
                recovered = mark("requests succeed")
                await asyncio.sleep(AFTER_RECOVERY)
            finally:
                load.stopping = True
                await asyncio.gather(*tasks, return_exceptions=True)
            mark("load ended")

            answers = load.answers
            assert api.alive() and api.popen.pid == api_pid and api.starts == 1  # type: ignore[union-attr]
            assert worker.alive() and worker.popen.pid == worker_pid and worker.starts == 1  # type: ignore[union-attr]
            # Every request got an HTTP answer: a success or a well-formed 503.
            assert all(a.status for a in answers), [a for a in answers if not a.status][:5]
            failed = [a for a in answers if not a.ok]
            for answer in failed:
                _assert_unavailable(answer)
            # While the database was down nothing succeeded, and the load went on.
            during = [a for a in answers if a.started >= down and a.ended <= restarting]
            assert len(during) >= CONCURRENCY * 5, len(during)
            assert all(a.status == 503 for a in during)
            assert not [a for a in failed if a.started > recovered], \
                [a for a in failed if a.started > recovered][:5]
            assert any(a.ok and a.started < stopping for a in answers)
            assert sum(a.ok and a.started > recovered for a in answers) >= CONCURRENCY

            ready = await client.get(url + "/ready")
            assert ready.status_code == 200, ready.text

            # Every write answered as successful is there, once; nothing else appeared.
            titles = [n["title"] for n in await all_nodes(client, url, NOTES, "exampleNotes")]
            assert len(titles) == len(set(titles)), "a note was written twice"
            written = {a.key for a in answers if a.kind == "note" and a.ok}
            assert written <= set(titles), f"answered writes missing: {sorted(written - set(titles))[:10]}"
            assert {t for t in titles if t.startswith("pgrestart-")} <= {
                a.key for a in answers if a.kind == "note"}

            # The worker, never restarted either, delivers every note's event once: those whose
            # delivery met the database down are tried again a few seconds later.
            titles = [t for t in titles if t.startswith("pgrestart-")]
            deadline = recovered + RECOVERY
            while True:
                got = [n["noteTitle"]
                       for n in await all_nodes(client, url, RECEIPTS, "exampleReceipts")]
                if set(titles) <= set(got) or time.monotonic() > deadline:
                    break
                assert worker.alive(), f"the worker exited:\n{worker.tail()}"
                await asyncio.sleep(0.5)
            assert set(titles) <= set(got), f"events not delivered: {sorted(set(titles) - set(got))[:10]}"
            assert all(got.count(t) == 1 for t in titles), sorted(t for t in got if got.count(t) > 1)
            events_done = mark("events delivered")

            # And runs a job started now.
            payload = (await data(COUNT, {"t": "pgrestart-"}))["countExampleNotes"]
            assert payload["userErrors"] == [] and payload["jobId"], payload
            job_id = payload["jobId"]
            deadline = time.monotonic() + 60
            while True:
                job = (await data(JOB, {"id": job_id}))["job"]
                if job["status"] == "succeeded" or time.monotonic() > deadline:
                    break
                assert worker.alive(), f"the worker exited:\n{worker.tail()}"
                await asyncio.sleep(0.5)
            assert job["status"] == "succeeded", job
            mark("job done")

            slowest = max(a.ended - a.started for a in during)
            print(f"\npostgres restart: {len(answers)} requests, {len(during)} while the database "
                  f"was down ({back - down:.1f}s), all 503, the slowest in {slowest:.2f}s; "
                  f"first success {recovered - back:.1f}s after PostgreSQL accepted connections "
                  f"again ({back - restarting:.1f}s after it was started); "
                  f"{len(written)} notes written, all there once, their events delivered "
                  f"{events_done - recovered:.1f}s after that; timeline {marks}")
        passed = True
    except BaseException:
        print_logs(marks, procs)
        raise
    finally:
        for proc in reversed(procs):
            proc.stop()
        try:
            await drop_queue(redis_url, queue)
        except Exception:  # noqa: BLE001
            pass
        if passed:
            shutil.rmtree(workdir, ignore_errors=True)

"""Background jobs: tenant scope, progress, retries, the sweeper, cron and the ``job`` API.

Jobs are started through the example plugin's mutations and followed through the ``job``
query. On SQLite they run in the app's in-process runner; on PostgreSQL they go through
Redis to an arq worker running in this event loop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from backoffice.graphql.ids import encode_id
from helpers import enable, log_in, sign_up

JOB = """query($id: ID!) { job(id: $id) { id name module status progress message attempts
  maxAttempts lastError createdAt startedAt finishedAt result } }"""
COUNT = """mutation($t: String!) { countExampleNotes(input: {titleContains: $t}) {
  jobId userErrors { code } } }"""
EXPORT = """mutation($t: String!) { exportExampleNotes(input: {target: $t}) {
  jobId userErrors { code } } }"""
CREATE = """mutation($t: String!) { createExampleNote(input: {title: $t}) {
  note { id } userErrors { code } } }"""
DONE = {"succeeded", "failed", "cancelled"}


@pytest.fixture(scope="module", autouse=True)
async def job_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, jobs go to arq: run a worker in this event loop meanwhile."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running


async def eventually(check: Callable[[], Awaitable[Any]], within: float = 30.0) -> Any:
    """Poll ``check`` until it returns something truthy, or fail at the deadline."""
    deadline = time.monotonic() + within
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def job_of(api: Any, job_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    return (await api.data(JOB, {"id": job_id}, headers))["job"]


async def finished(api: Any, job_id: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        job = await job_of(api, job_id)
        return job if job["status"] in DONE else None

    return await eventually(check)


async def start(api: Any, mutation: str, value: str) -> str:
    data = await api.data(mutation, {"t": value})
    payload = next(iter(data.values()))
    assert payload["userErrors"] == []
    return payload["jobId"]


def tenant_id(company: Any) -> int:
    from backoffice.graphql.ids import decode_id

    return decode_id(company.tenant_id, "Tenant")


async def add_member(company: Any, new_client: Any, role_keys: list[str]) -> Any:
    """A second user in ``company`` holding only ``role_keys``; returns their logged-in client.
    (Set up in the database: inviting users is another area's API.)"""
    from backoffice.db.scope import scoped
    from backoffice.identity.tables import Membership, MembershipRole, Role, User

    member = await sign_up(await new_client())  # the user, with a company of their own
    user = await User.select(User.id).where(User.email == member.email).first()
    with scoped(tenant_id=tenant_id(company)):
        rows = await Membership.insert(Membership(user_id=user["id"])).returning(Membership.id)
        for role in await Role.select(Role.id).where(Role.key.is_in(role_keys or ["-"])):
            await MembershipRole.insert(MembershipRole(membership_id=rows[0]["id"],
                                                       role_id=role["id"]))
    api = await new_client()
    result = await log_in(api, member.email, tenant_slug=company.slug)
    assert result["userErrors"] == []
    return api


@pytest.fixture
async def notes_company(company):  # type: ignore[no-untyped-def]
    """A company with the example module on: the welcome note plus two of its own."""
    await enable(company.api, "example")
    for title in ("Payroll cut-off", "Office move"):
        await company.api.data(CREATE, {"t": title})
    return company


async def test_job_runs_in_its_tenant_scope_and_reports_progress(notes_company, other_company,
                                                                  job_worker):
    await enable(other_company.api, "example")  # one (welcome) note there
    ran_before = job_worker.jobs_complete if job_worker else 0
    job_id = await start(notes_company.api, COUNT, "")
    job = await finished(notes_company.api, job_id)
    if job_worker is not None:  # it went through Redis and the arq worker
        assert job_worker.jobs_complete > ran_before
    assert job["status"] == "succeeded", job
    assert job["result"] == {"count": 3}  # the other company's note is not counted
    assert job["progress"] == 100
    assert job["message"] == "Counted 3 of 3 notes."
    assert job["module"] == "example" and job["name"].endswith("count_notes")
    assert job["attempts"] == 1 and job["lastError"] == ""
    assert job["startedAt"] and job["finishedAt"]
    indonesian = await job_of(notes_company.api, job_id, {"accept-language": "id"})
    assert indonesian["message"] == "Menghitung 3 dari 3 catatan."

    other = await finished(other_company.api, await start(other_company.api, COUNT, ""))
    assert other["result"] == {"count": 1}
    matching = await finished(notes_company.api, await start(notes_company.api, COUNT, "move"))
    assert matching["result"] == {"count": 1}


async def test_failing_job_retries_with_backoff_then_fails(notes_company):
    job = await finished(notes_company.api,
                         await start(notes_company.api, EXPORT, "archive://down"))
    assert job["status"] == "failed"
    assert job["attempts"] == job["maxAttempts"] == 3
    assert job["lastError"] == "ConnectionError: archive://down refused the connection"
    assert "Traceback" not in job["lastError"]
    assert job["result"] is None
    # Two waits between three attempts: 0.2 s, then 0.4 s.
    took = datetime.fromisoformat(job["finishedAt"]) - datetime.fromisoformat(job["createdAt"])
    assert took >= timedelta(seconds=0.6)


async def test_a_retry_can_succeed(notes_company):
    job = await finished(notes_company.api,
                         await start(notes_company.api, EXPORT, "archive://flaky/1"))
    assert job["status"] == "succeeded"
    assert job["attempts"] == 2
    assert job["result"] == {"exported": 3, "target": "archive://flaky/1", "attempt": 2}
    assert job["lastError"] == "ConnectionError: archive://flaky/1 refused attempt 1"


async def test_another_company_cannot_see_the_job(notes_company, other_company):
    job_id = await start(notes_company.api, COUNT, "")
    await finished(notes_company.api, job_id)
    body = await other_company.api.gql(JOB, {"id": job_id})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    listed = await other_company.api.data("{ jobs(first: 100) { nodes { id } } }")
    assert job_id not in [j["id"] for j in listed["jobs"]["nodes"]]
    # An id of another type is not a job either.
    note = (await notes_company.api.data("{ exampleNotes(first: 1) { nodes { id } } }"))
    body = await notes_company.api.gql(JOB, {"id": note["exampleNotes"]["nodes"][0]["id"]})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_jobs_are_listed_newest_first_and_filtered_by_status(notes_company):
    first = await start(notes_company.api, EXPORT, "archive://flaky/0")
    second = await start(notes_company.api, EXPORT, "archive://down")
    await finished(notes_company.api, first)
    await finished(notes_company.api, second)
    # Page through one at a time: every job once, newest first.
    seen: list[str] = []
    after = None
    while True:
        page = (await notes_company.api.data(
            "query($a: String) { jobs(first: 1, after: $a) { totalCount "
            "pageInfo { hasNextPage endCursor } nodes { id } } }", {"a": after}))["jobs"]
        seen += [j["id"] for j in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert page["totalCount"] == len(seen) == len(set(seen))
    assert [j for j in seen if j in (first, second)] == [second, first]
    failed = await notes_company.api.data(
        '{ jobs(status: "failed") { totalCount nodes { id status } } }')
    assert failed["jobs"]["nodes"] == [{"id": second, "status": "failed"}]
    assert failed["jobs"]["totalCount"] == 1
    code = await notes_company.api.error_code('{ jobs(status: "lost") { totalCount } }')
    assert code == "BAD_USER_INPUT"


async def test_reading_jobs_needs_the_permission(notes_company, new_client, api):
    job_id = await start(notes_company.api, COUNT, "")
    editor = await add_member(notes_company, new_client, ["example.editor"])
    # The editor may start a count (example.note.read) but not read the jobs list.
    assert await start(editor, COUNT, "")
    assert await editor.error_code("{ jobs { totalCount } }") == "FORBIDDEN"
    body = await editor.gql(JOB, {"id": job_id})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await api.gql(JOB, {"id": job_id})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@pytest.fixture
def lost_hand_over(monkeypatch):  # type: ignore[no-untyped-def]
    """Make handing jobs to the queue fail (Redis down), and keep the periodic sweeper from
    racing the test; the test runs the sweeper itself. Returns the real ``sweep``."""
    from backoffice.jobs import cron, runner

    async def redis_down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("Redis is down")

    async def no_sweep() -> dict[str, int]:
        return {}

    real_sweep = cron.sweep
    monkeypatch.setattr(runner, "submit_job", redis_down)
    monkeypatch.setattr(cron, "sweep", no_sweep)
    return real_sweep


async def pending_work_at(company: Any) -> Any:
    from backoffice.tenancy.tables import Tenant

    row = await Tenant.select(Tenant.pending_work_at).where(
        Tenant.id == tenant_id(company)).first()
    return row["pending_work_at"]


async def test_a_job_that_never_reached_the_queue_is_run_by_the_sweeper(
        notes_company, lost_hand_over, monkeypatch):
    job_id = await start(notes_company.api, COUNT, "")  # the mutation still succeeds
    await asyncio.sleep(0.3)  # time enough for a runner to start it, had it been handed over
    assert (await job_of(notes_company.api, job_id))["status"] == "queued"
    assert await pending_work_at(notes_company) is not None

    monkeypatch.undo()  # Redis is back
    await lost_hand_over()
    job = await finished(notes_company.api, job_id)
    assert job["status"] == "succeeded" and job["result"] == {"count": 3}

    # Nothing is left: a sweep clears the company's flag (polled, in case a scheduled job
    # of the company happens to be running just now).
    async def cleared() -> bool:
        await lost_hand_over()
        return await pending_work_at(notes_company) is None

    await eventually(cleared)


async def test_a_job_whose_worker_died_is_run_again(notes_company, lost_hand_over, monkeypatch):
    from backoffice.db.scope import scoped
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs.tables import Job

    job_id = await start(notes_company.api, COUNT, "")
    with scoped(tenant_id=tenant_id(notes_company)):
        # As a worker leaves it when it dies mid-job, long ago.
        await Job.update({Job.status: "running", Job.attempts: 1,
                          Job.started_at: datetime.now(UTC) - timedelta(hours=2)}
                         ).where(Job.id == decode_id(job_id, "Job"))
    monkeypatch.undo()
    await lost_hand_over()
    job = await finished(notes_company.api, job_id)
    assert job["status"] == "succeeded" and job["attempts"] == 2
    assert job["lastError"].startswith("WorkerLost")


async def test_a_job_delivered_again_after_its_worker_died_runs_at_once(
        notes_company, lost_hand_over, monkeypatch):
    """arq delivers a job again once the dead worker's in-progress mark expired: the row the
    dead worker left running goes back to the queue and runs, without waiting for the
    sweeper. A run younger than the time limit is not taken over."""
    from backoffice.db.scope import scoped
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs import worker
    from backoffice.jobs.tables import Job

    job_id = await start(notes_company.api, COUNT, "")
    pk, tenant = decode_id(job_id, "Job"), tenant_id(notes_company)

    async def left_running(started: datetime) -> None:
        with scoped(tenant_id=tenant):
            await Job.update({Job.status: "running", Job.attempts: 1, Job.started_at: started}
                             ).where(Job.id == pk)

    await left_running(datetime.now(UTC))
    await worker.run_job({"job_try": 2}, pk, tenant)
    assert (await job_of(notes_company.api, job_id))["status"] == "running"

    await left_running(datetime.now(UTC) - timedelta(minutes=15))
    await worker.run_job({"job_try": 2}, pk, tenant)
    job = await job_of(notes_company.api, job_id)
    assert job["status"] == "succeeded" and job["attempts"] == 2
    assert job["lastError"].startswith("WorkerLost")


async def test_a_job_cut_short_by_the_database_going_away_runs_again(
        notes_company, lost_hand_over, monkeypatch):
    """The connection is lost under a running job and the database stays away a moment: the
    run is put back in the queue as soon as the database answers, and runs again."""
    from asyncpg.exceptions import ConnectionDoesNotExistError
    from backoffice_example.notes.tables import ExampleNote

    from backoffice.errors import ServiceUnavailable
    from backoffice.graphql.ids import decode_id
    from backoffice.jobs import wrapper

    job_id = await start(notes_company.api, COUNT, "")
    pk, tenant = decode_id(job_id, "Job"), tenant_id(notes_company)
    real_select, real_requeue = ExampleNote.select, wrapper._requeue
    tries: list[str] = []

    def lost(cls: Any, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionDoesNotExistError("connection was closed in the middle of operation")

    async def still_down(*args: Any, **kwargs: Any) -> None:
        tries.append("requeue")
        if len(tries) < 3:
            raise ServiceUnavailable()
        await real_requeue(*args, **kwargs)

    monkeypatch.setattr(ExampleNote, "select", classmethod(lost))
    monkeypatch.setattr(wrapper, "_requeue", still_down)
    monkeypatch.setattr(wrapper, "PUT_BACK_EVERY", 0.01)
    outcome = await wrapper.execute(pk, tenant)
    assert outcome.retry_in is not None and len(tries) == 3
    job = await job_of(notes_company.api, job_id)
    assert job["status"] == "queued" and job["attempts"] == 1, job
    assert job["lastError"].startswith("ConnectionDoesNotExistError"), job

    monkeypatch.setattr(ExampleNote, "select", real_select)
    monkeypatch.setattr(wrapper, "_requeue", real_requeue)
    await wrapper.execute(pk, tenant)
    job = await job_of(notes_company.api, job_id)
    assert job["status"] == "succeeded" and job["attempts"] == 2 and job["result"] == {"count": 3}


async def test_a_job_of_a_disabled_module_is_cancelled(notes_company, lost_hand_over,
                                                       monkeypatch):
    from helpers import disable

    job_id = await start(notes_company.api, COUNT, "")
    await disable(notes_company.api, "example")
    monkeypatch.undo()
    await lost_hand_over()
    job = await finished(notes_company.api, job_id)
    assert job["status"] == "cancelled" and job["attempts"] == 0
    assert job["message"] == "Cancelled: the example module is not enabled."
    assert job["lastError"].startswith("ModuleDisabled")


async def test_cron_makes_one_job_per_company_with_the_module(notes_company, other_company):
    from backoffice.db.scope import scoped
    from backoffice.jobs import cron
    from backoffice.jobs.tables import Job
    from backoffice.runtime import get_registry

    (schedule,) = get_registry().get("example").cron_jobs
    minute = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
    assert cron.matches(schedule, minute) and not cron.matches(schedule, minute.replace(minute=5))
    assert await cron.fire("example", schedule, minute) >= 1
    assert await cron.fire("example", schedule, minute) == 0  # fired twice: still one job

    with scoped(tenant_id=tenant_id(notes_company)):
        rows = await Job.select(Job.id).where(
            Job.dedupe_key == "cron:example.hourly_count:2030-01-07T09:00")
    assert len(rows) == 1
    job = await finished(notes_company.api, encode_id("Job", rows[0]["id"]))
    assert job["status"] == "succeeded" and job["result"] == {"count": 3}
    # A company without the module gets no scheduled job.
    assert (await other_company.api.data("{ jobs { totalCount } }"))["jobs"]["totalCount"] == 0


async def test_enqueue_refuses_what_no_module_registered(notes_company):
    from backoffice.db.scope import scoped
    from backoffice.jobs.api import JobNotRegistered, enqueue
    from backoffice.runtime import get_registry

    async def stray(ctx: Any) -> None:
        return None

    count_notes = get_registry().jobs["backoffice_example.notes.jobs.count_notes"][1]
    with scoped(tenant_id=tenant_id(notes_company)):
        with pytest.raises(JobNotRegistered):
            await enqueue(stray)
        with pytest.raises(TypeError):
            await enqueue(count_notes, title_contains=object())


@pytest.mark.postgres
async def test_the_worker_command_runs_queued_jobs(notes_company):
    """``backoffice worker --burst``, as operators run it, on a queue of its own."""
    import dataclasses
    import os
    import sys

    from backoffice.db.scope import scoped
    from backoffice.jobs import runner
    from backoffice.jobs.api import create_job
    from backoffice.runtime import get_registry
    from backoffice.settings import get_settings

    settings = dataclasses.replace(get_settings(),
                                   arq_queue_name=get_settings().arq_queue_name + ":cli")
    count_notes = get_registry().jobs["backoffice_example.notes.jobs.count_notes"][1]
    with scoped(tenant_id=tenant_id(notes_company)):
        job_id = await create_job(count_notes, {}, hand_over=False)
    backend = runner.ArqBackend(settings)
    await backend.submit_job(job_id, tenant_id(notes_company))
    await backend.close()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "backoffice.cli", "worker", "--burst",
        env={**os.environ, "ARQ_QUEUE_NAME": settings.arq_queue_name},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, output.decode()
    assert "run_job" in output.decode() and "Traceback" not in output.decode()
    job = await finished(notes_company.api, encode_id("Job", job_id))
    assert job["status"] == "succeeded" and job["result"] == {"count": 3}


@pytest.mark.sqlite_only
def test_the_worker_command_needs_redis():
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "backoffice.cli", "worker", "--burst"],
                            capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    assert result.returncode == 1
    assert "REDIS_URL is not set" in result.stderr

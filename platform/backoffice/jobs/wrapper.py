"""The tenant-aware execution of one job, shared by the arq worker and the in-process runner.

:func:`execute` enters the job's tenant scope, checks that the tenant is active and still
has the job's module enabled, claims the row (``queued`` -> ``running``, one statement, so
two runners handed the same job never both run it), calls the job function with a
:class:`JobContext`, and records the outcome on the row. It never raises for a job's own
failure: it returns when to try again, and the caller (arq's ``Retry`` or a delayed re-put)
does the waiting.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.db.unavailable import is_unavailable
from backoffice.i18n import Message, T, translate
from backoffice.jobs.api import JobOptions, after_commit, now, options_of
from backoffice.jobs.tables import Job
from backoffice.observability import job_finished
from backoffice.tenancy.tables import Tenant

log = logging.getLogger("backoffice.jobs")

MAX_BACKOFF = 600.0
DEFAULT_RETRY_BASE = 1.0
ERROR_LIMIT = 2000
# A run cut short by the database going away is put back in the queue as soon as the database
# answers again: tried every PUT_BACK_EVERY seconds for at most PUT_BACK_WITHIN seconds (past
# that, the sweeper's check for stale runs puts it back).
PUT_BACK_EVERY = 2.0
PUT_BACK_WITHIN = 60.0


@dataclass
class Outcome:
    """What the caller does next: nothing, try again in ``retry_in`` seconds, or (``missing``)
    look again shortly because the row was not visible yet."""

    retry_in: float | None = None
    missing: bool = False


def backoff(attempt: int, base: float | None = None) -> float:
    """Seconds before the next attempt after ``attempt`` failed: ``base * 2**attempt``, capped."""
    return min(MAX_BACKOFF, (base if base is not None else DEFAULT_RETRY_BASE) * 2 ** attempt)


def retry_delay(options: JobOptions, attempt: int) -> float:
    """Seconds before the next attempt after ``attempt`` (1, 2, ...) of a job with ``options``
    failed: its own schedule's step (the last one again past its end), else :func:`backoff`."""
    schedule = options.schedule()
    if schedule:
        return schedule[min(attempt, len(schedule)) - 1]
    return backoff(attempt, options.retry_base)


def encode_text(message: Message) -> str:
    """A progress message for the row: plain, or both languages as JSON."""
    if isinstance(message, str):
        return message
    text = T(message)
    return json.dumps({"en": text.en, "id": text.id}, ensure_ascii=False)


def decode_text(stored: str | None) -> str:
    """The stored message in the current locale."""
    if stored and stored.startswith('{"en"'):
        try:
            data = json.loads(stored)
            return translate((data["en"], data["id"]))
        except (ValueError, KeyError, TypeError):
            return stored
    return stored or ""


def loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


@dataclass
class JobContext:
    """What a job function receives as ``ctx``: who it runs for and a progress reporter."""

    job_id: int
    tenant_id: int
    attempt: int
    # Attempts in all: ``attempt == max_attempts`` is the last try.
    max_attempts: int = 1

    async def progress(self, percent: float, message: Message = "") -> None:
        """Record how far the job is (0-100) and what it is doing; visible at once through
        the ``job`` query. ``message`` may be an ``(english, indonesian)`` pair."""
        value = max(0, min(100, int(percent)))
        await Job.update({Job.progress: value, Job.message: encode_text(message)}).where(
            Job.id == self.job_id)


def _error_text(exc: BaseException) -> str:
    # Type and message only: the traceback goes to the log, never to the API.
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text[:ERROR_LIMIT]


async def execute(job_id: int, tenant_id: int) -> Outcome:
    """Run job ``job_id`` of ``tenant_id`` once, if it is due and still wanted."""
    with tenant_scope.scoped(tenant_id=tenant_id):
        return await _execute(job_id, tenant_id)


async def _execute(job_id: int, tenant_id: int) -> Outcome:
    from backoffice.runtime import get_registry  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    tenant = await Tenant.select(Tenant.status, Tenant.enabled_modules).where(
        Tenant.id == tenant_id).first()
    row = await Job.select().where(Job.id == job_id).first() if tenant else None
    if row is None:
        return Outcome(missing=tenant is not None)
    if row["status"] != "queued":
        return Outcome()  # done, cancelled, or running elsewhere
    if tenant["status"] != "active":
        # Left queued: the sweeper starts it again once the tenant is resumed.
        return Outcome()
    wait = (row["run_after"] - now()).total_seconds() if row["run_after"] else 0
    if wait > 0.05:
        return Outcome(retry_in=wait)
    registry = get_registry()
    try:
        module, fn = registry.job(row["name"])
    except KeyError:
        await _finish(job_id, "failed", error=f"JobNotRegistered: {row['name']} is not installed")
        return Outcome()
    if module not in registry.effective_enabled(loads(tenant["enabled_modules"]) or []):
        job_finished(row["name"], "cancelled", None)
        await _finish(job_id, "cancelled", error=f"ModuleDisabled: the {module} module is off",
                      message=(f"Cancelled: the {module} module is not enabled.",
                               f"Dibatalkan: modul {module} tidak aktif."))
        return Outcome()

    claimed = await Job.update({
        Job.status: "running", Job.attempts: Job.attempts + 1, Job.started_at: now(),
        Job.finished_at: None,
    }).where((Job.id == job_id) & (Job.status == "queued")).returning(Job.attempts)
    if not claimed:
        return Outcome()  # another runner claimed it first
    attempt = int(claimed[0]["attempts"])
    options = options_of(fn)
    timeout = options.timeout or get_settings().job_timeout_seconds
    ctx = JobContext(job_id=job_id, tenant_id=tenant_id, attempt=attempt,
                     max_attempts=int(row["max_attempts"]))
    started = time.monotonic()
    try:
        # Jobs and events the job starts are handed over when it ends, even if it fails:
        # whatever it committed on the way must run.
        async with after_commit(run_on_error=True):
            result = await asyncio.wait_for(fn(ctx, **(loads(row["args"]) or {})), timeout)
        json.dumps(result)
    except asyncio.CancelledError:
        # The worker is stopping: put the job back so that it runs again, now or after a
        # restart (the attempt still counts).
        await asyncio.shield(_requeue(job_id, "CancelledError: the worker stopped", 0))
        raise
    except Exception as exc:  # noqa: BLE001 - a job's failure is recorded, not raised
        if is_unavailable(exc):
            # Not the job's fault: it runs again once the database is back (the cut-short
            # attempt still counts).
            log.warning("Job %s (%s) of tenant %s was cut short: the database is unavailable",
                        job_id, row["name"], tenant_id)
            await _put_back(job_id, _error_text(exc))
            job_finished(row["name"], "retried", time.monotonic() - started)
            return Outcome(retry_in=PUT_BACK_EVERY)
        if isinstance(exc, TimeoutError) and time.monotonic() - started >= timeout:
            exc = TimeoutError(f"the job ran longer than {timeout:g} seconds")
        error = _error_text(exc)
        log.warning("Job %s (%s) of tenant %s failed on attempt %s", job_id, row["name"],
                    tenant_id, attempt, exc_info=True)
        if attempt < row["max_attempts"]:
            delay = retry_delay(options, attempt)
            await _requeue(job_id, error, delay)
            job_finished(row["name"], "retried", time.monotonic() - started)
            return Outcome(retry_in=delay)
        await _finish(job_id, "failed", error=error)
        job_finished(row["name"], "failed", time.monotonic() - started)
        return Outcome()
    await _finish(job_id, "succeeded", result=result)
    job_finished(row["name"], "succeeded", time.monotonic() - started)
    return Outcome()


async def _put_back(job_id: int, error: str) -> None:
    """Back to the queue, waiting for the database to answer (raises if it does not in time)."""
    deadline = time.monotonic() + PUT_BACK_WITHIN
    while True:
        try:
            await _requeue(job_id, error, 0)
            return
        except Exception as exc:
            if not is_unavailable(exc) or time.monotonic() > deadline:
                raise
        await asyncio.sleep(PUT_BACK_EVERY)


WORKER_LOST = "WorkerLost: the job was still running when its worker stopped"


async def release_lost_run(job_id: int, tenant_id: int) -> bool:
    """Put back a run of ``job_id`` left ``running`` by a worker that stopped (or fail the job
    once out of attempts). For a runner that knows the previous run is gone: arq delivers a
    job again only after the previous delivery's in-progress mark expired, which outlasts the
    time limit. Runs younger than the time limit are left alone. Returns whether one was
    released."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    limit = now() - timedelta(seconds=get_settings().job_timeout_seconds)
    with tenant_scope.scoped(tenant_id=tenant_id):
        row = await Job.select(Job.attempts, Job.max_attempts).where(
            (Job.id == job_id) & (Job.status == "running") & (Job.started_at < limit)).first()
        if row is None:
            return False
        await release(job_id, row["attempts"], row["max_attempts"])
    return True


async def release(job_id: int, attempts: int, max_attempts: int) -> None:
    """Back to the queue a run whose worker is gone, or failed once out of attempts."""
    values: dict[Any, Any] = {Job.last_error: WORKER_LOST}
    if attempts >= max_attempts:
        values.update({Job.status: "failed", Job.finished_at: now()})
    else:
        values.update({Job.status: "queued", Job.run_after: now()})
    await Job.update(values).where((Job.id == job_id) & (Job.status == "running"))


async def _requeue(job_id: int, error: str, delay: float) -> None:
    await Job.update({
        Job.status: "queued", Job.last_error: error,
        Job.run_after: now() + timedelta(seconds=delay),
    }).where(Job.id == job_id)


async def _finish(job_id: int, status: str, *, error: str | None = None, result: Any = None,
                  message: Message | None = None) -> None:
    values: dict[Any, Any] = {Job.status: status, Job.finished_at: now()}
    if error is not None:
        values[Job.last_error] = error
    if status == "succeeded":
        values[Job.progress] = 100
        values[Job.result] = json.dumps(result)
    if message is not None:
        values[Job.message] = encode_text(message)
    await Job.update(values).where(Job.id == job_id)

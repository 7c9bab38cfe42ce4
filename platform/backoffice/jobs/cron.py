"""Scheduled work: the modules' cron jobs, and the sweeper that recovers lost work.

**Cron.** A ``CronJob`` of a module runs, at each matching minute (UTC), as one ordinary
job per active tenant that has the module enabled. The job row's dedupe key names the
schedule and the minute, so a schedule fired twice (several processes, a restarted worker)
still makes one job per tenant.

**Sweeper.** Every minute (and when a runner starts), for each active tenant flagged with
``Tenant.pending_work_at``: jobs left ``running`` longer than the time limit allows (their
worker died) go back to the queue or fail once out of attempts; due ``queued`` jobs, due
undelivered events and due outgoing mail are handed over again (duplicates are harmless: a
job or a mail is claimed by one statement, deliveries are recorded once); a tenant with nothing left has its flag cleared,
only if no new work flagged it meanwhile.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.db import scope as tenant_scope
from backoffice.events.tables import OutboxEvent
from backoffice.jobs import runner
from backoffice.jobs.api import create_job, now
from backoffice.jobs.tables import Job
from backoffice.jobs.wrapper import release
from backoffice.mail import sender as mail_sender
from backoffice.modules.types import CronJob
from backoffice.tenancy.tables import Tenant

log = logging.getLogger("backoffice.jobs")

TENANT_BATCH = 500
JOB_BATCH = 1000
# A run is presumed dead this long after the job's time limit.
STALE_MARGIN = timedelta(minutes=5)


def _field_matches(spec: int | set[int] | None, value: int) -> bool:
    if spec is None:
        return True
    if isinstance(spec, int):
        return spec == value
    return value in spec


def matches(cron: CronJob, at: datetime) -> bool:
    """Whether ``cron`` is due at minute ``at`` (UTC; weekday 0 is Monday, as in arq)."""
    return (_field_matches(cron.minute, at.minute) and _field_matches(cron.hour, at.hour)
            and _field_matches(cron.day, at.day) and _field_matches(cron.month, at.month)
            and _field_matches(cron.weekday, at.weekday()))


def schedules() -> list[tuple[str, CronJob]]:
    from backoffice.runtime import get_registry  # noqa: PLC0415

    return [(m.key, c) for m in get_registry() for c in m.cron_jobs]


async def fire_due(minute: datetime) -> None:
    """Fire every schedule due at ``minute`` (the in-process runner's clock)."""
    for module, cron in schedules():
        if matches(cron, minute):
            await fire(module, cron, minute)


async def _active_tenants() -> Any:
    """Active tenants as ``(id, enabled module keys)``, in batches by id."""
    last = 0
    while True:
        rows = await Tenant.select(Tenant.id, Tenant.enabled_modules, Tenant.status).where(Tenant.id > last).order_by(
            Tenant.id).limit(TENANT_BATCH)
        for row in rows:
            if row["status"] == "active":
                raw = row["enabled_modules"]
                yield row["id"], (json.loads(raw) if isinstance(raw, str) else raw or [])
        if len(rows) < TENANT_BATCH:
            return
        last = rows[-1]["id"]


async def fire(module: str, cron: CronJob, scheduled: datetime) -> int:
    """Create the job of ``cron`` for every active tenant with ``module`` enabled.

    Returns how many jobs were created (a repeat firing of the same minute creates none)."""
    from backoffice.runtime import get_registry  # noqa: PLC0415

    registry = get_registry()
    minute = scheduled.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")
    key = f"cron:{module}.{cron.name}:{minute}"
    created = 0
    async for tenant_id, enabled in _active_tenants():
        if module not in registry.effective_enabled(enabled):
            continue
        with tenant_scope.scoped(tenant_id=tenant_id):
            try:
                if await create_job(cron.job, {}, dedupe_key=key) is not None:
                    created += 1
            except Exception:  # one tenant's failure must not stop the others
                log.exception("Cron %s could not be queued for tenant %s", key, tenant_id)
    return created


async def sweep() -> dict[str, int]:
    """Hand over again whatever waits in flagged tenants; returns what was done."""
    from backoffice.settings import get_settings  # noqa: PLC0415

    stale_before = now() - timedelta(seconds=get_settings().job_timeout_seconds) - STALE_MARGIN
    counts = {"tenants": 0, "jobs": 0, "stale": 0, "dispatches": 0, "mails": 0, "cleared": 0}
    last = 0
    while True:
        # Keyset by id: tenants whose work stays pending (a retry due later) never starve
        # the others.
        rows = await Tenant.select(Tenant.id, Tenant.status, Tenant.pending_work_at).where(
            Tenant.pending_work_at.is_not_null() & (Tenant.id > last)).order_by(
            Tenant.id).limit(TENANT_BATCH)
        for row in rows:
            if row["status"] != "active":
                continue  # a suspended tenant's work waits for it to be resumed
            counts["tenants"] += 1
            with tenant_scope.scoped(tenant_id=row["id"]):
                try:
                    await _sweep_tenant(row, stale_before, counts)
                except Exception:
                    log.exception("Sweeping tenant %s failed", row["id"])
        if len(rows) < TENANT_BATCH:
            break
        last = rows[-1]["id"]
    try:
        # Mail of no tenant (password resets asked for before logging in), outside any scope.
        with tenant_scope.scoped():
            counts["mails"] += await mail_sender.hand_over_waiting(None)
    except Exception:
        log.exception("Sweeping mail of no tenant failed")
    return counts


async def _sweep_tenant(tenant: dict[str, Any], stale_before: datetime,
                        counts: dict[str, int]) -> None:
    tenant_id = tenant["id"]
    stale = await Job.select(Job.id, Job.attempts, Job.max_attempts).where(
        (Job.status == "running") & (Job.started_at < stale_before)).limit(JOB_BATCH)
    for job in stale:
        counts["stale"] += 1
        await release(job["id"], job["attempts"], job["max_attempts"])

    due = await Job.select(Job.id).where(
        (Job.status == "queued") & (Job.run_after <= now())).order_by(Job.id).limit(JOB_BATCH)
    for job in due:
        await runner.submit_job(job["id"], tenant_id)
        counts["jobs"] += 1

    first = await OutboxEvent.select(OutboxEvent.id).where(
        OutboxEvent.dispatched_at.is_null()
        & (OutboxEvent.retry_at.is_null() | (OutboxEvent.retry_at <= now()))
    ).order_by(OutboxEvent.id).first()
    if first is not None:
        await runner.submit_dispatch(tenant_id, first["id"])
        counts["dispatches"] += 1

    counts["mails"] += await mail_sender.hand_over_waiting(tenant_id)

    if await clear_if_idle(tenant_id, tenant["pending_work_at"]):
        counts["cleared"] += 1


async def clear_if_idle(tenant_id: int, flagged_at: Any = None) -> bool:
    """Clear the tenant's flag (in its scope) if nothing waits: no queued or running job, no
    undelivered event, no mail to send. Compare-and-clear: work flagged after ``flagged_at``
    (read now when not given) keeps its flag. Returns whether the flag was cleared."""
    if flagged_at is None:
        row = await Tenant.select(Tenant.pending_work_at).where(Tenant.id == tenant_id).first()
        if row is None or row["pending_work_at"] is None:
            return False
        flagged_at = row["pending_work_at"]
    waiting = await Job.exists().where(Job.status.is_in(["queued", "running"])) or \
        await OutboxEvent.exists().where(OutboxEvent.dispatched_at.is_null()) or \
        await mail_sender.has_waiting(tenant_id)
    if waiting:
        return False
    await Tenant.update({Tenant.pending_work_at: None}).where(
        (Tenant.id == tenant_id) & (Tenant.pending_work_at == flagged_at))
    return True

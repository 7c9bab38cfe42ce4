"""Enqueueing jobs, and handing work to the queue only once the transaction commits.

``enqueue`` writes a ``Job`` row (the record of truth) in the caller's transaction and asks
the runner to start it *after commit*: a worker picking the job up earlier would not see the
row yet, and a rolled-back transaction must start nothing. Work to hand over is collected
by :func:`after_commit`, which the GraphQL mutation wrapper, the event dispatcher and the
job wrapper put around their transactions. Where nobody collects (a bare script), the
hand-over happens at once and the job wrapper tolerates a row that is not visible yet.
Whatever never reaches the queue (Redis down, a process killed) is found by the sweeper
through ``Tenant.pending_work_at``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from backoffice.db.scope import current_tenant_id
from backoffice.jobs.tables import Job
from backoffice.tenancy.tables import Tenant

log = logging.getLogger("backoffice.jobs")

F = TypeVar("F", bound=Callable[..., Any])
Callback = Callable[[], Awaitable[None]]

HAND_OVER_TIMEOUT = 3.0



@dataclass
class _Collected:
    callbacks: list[Callback] = field(default_factory=list)
    keys: set[Any] = field(default_factory=set)


_collected: ContextVar[_Collected | None] = ContextVar("backoffice_after_commit", default=None)


class JobNotRegistered(RuntimeError):
    """A function was enqueued that no module registered with ``register_jobs``."""


@dataclass(frozen=True)
class JobOptions:
    """Per-job retry policy; unset values fall back to the settings."""

    max_attempts: int | None = None
    # First retry after ``retry_base * 2`` seconds, then doubling, capped at MAX_BACKOFF.
    retry_base: float | None = None
    timeout: float | None = None
    # A schedule of its own instead: the seconds to wait after attempt 1, 2, ... (no cap).
    # A callable is read when the job is queued and when it fails, so settings can shape it.
    retry_schedule: Sequence[float] | Callable[[], Sequence[float]] | None = None

    def schedule(self) -> tuple[float, ...] | None:
        schedule = self.retry_schedule() if callable(self.retry_schedule) else self.retry_schedule
        return None if schedule is None else tuple(float(s) for s in schedule)

    def attempts(self, default: int) -> int:
        """Attempts in all: ``max_attempts``, else one more than the schedule's steps."""
        if self.max_attempts is not None:
            return self.max_attempts
        schedule = self.schedule()
        return default if schedule is None else len(schedule) + 1


def job_options(*, max_attempts: int | None = None, retry_base: float | None = None,
                timeout: float | None = None,
                retry_schedule: Sequence[float] | Callable[[], Sequence[float]] | None = None,
                ) -> Callable[[F], F]:
    """Decorate a job function with its own retry policy (attempts, backoff, time limit).

    ``retry_schedule`` lists the waits between attempts (``[5, 300, 1800]``: three retries,
    four attempts in all unless ``max_attempts`` says otherwise), or is a function returning
    them."""
    if max_attempts is not None and max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")

    def mark(fn: F) -> F:
        fn.__backoffice_job_options__ = JobOptions(max_attempts, retry_base, timeout,  # type: ignore[attr-defined]
                                                   retry_schedule)
        return fn

    return mark


def options_of(fn: Any) -> JobOptions:
    return getattr(fn, "__backoffice_job_options__", None) or JobOptions()


# -- after commit ------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def after_commit(*, run_on_error: bool = False) -> AsyncIterator[None]:
    """Collect hand-overs made inside the block and run them when it exits normally.

    Put it *around* a transaction: leaving the block by an exception (a rollback) drops
    what was collected unless ``run_on_error``. Nested blocks join the outermost one, as
    nested transactions join the outer transaction.
    """
    if _collected.get() is not None:
        yield
        return
    collected = _Collected()
    token = _collected.set(collected)
    try:
        yield
    except BaseException:
        _collected.reset(token)
        if run_on_error:
            await _run(collected.callbacks)
        raise
    _collected.reset(token)
    await _run(collected.callbacks)


async def on_commit(callback: Callback, key: Any = None) -> None:
    """Run ``callback`` after the surrounding :func:`after_commit` block, or now if none.

    Of several callbacks collected with the same ``key``, only the first runs (one delivery
    request covers every event a transaction published)."""
    collected = _collected.get()
    if collected is None:
        await _run([callback])
    elif key is None or key not in collected.keys:
        collected.callbacks.append(callback)
        if key is not None:
            collected.keys.add(key)


async def _run(callbacks: list[Callback]) -> None:
    for callback in callbacks:
        try:
            # A queue that hangs must not hold the request that handed work over.
            await asyncio.wait_for(callback(), HAND_OVER_TIMEOUT)
        except Exception:  # the sweeper catches up with anything not handed over
            log.warning("Handing work to the queue failed; the sweeper will retry",
                        exc_info=True)


# -- enqueueing ------------------------------------------------------------------------------


def now() -> datetime:
    return datetime.now(UTC)


async def mark_pending(tenant_id: int) -> None:
    """Flag the tenant for the sweeper. Always a new value: the sweeper clears the flag only
    if it is unchanged since it looked (compare-and-clear), so new work is never unflagged."""
    await Tenant.update({Tenant.pending_work_at: now()}).where(Tenant.id == tenant_id)


def _jsonable(kwargs: dict[str, Any]) -> None:
    try:
        json.dumps(kwargs)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"Job arguments must be JSON values: {exc}") from exc


async def create_job(job: Any, kwargs: dict[str, Any], *, dedupe_key: str | None = None,
                     hand_over: bool = True) -> int | None:
    """Insert the job row for the tenant in scope and hand it over after commit.

    With a ``dedupe_key`` already used by this tenant, nothing is created (``None``)."""
    from backoffice.modules.manager import job_name  # noqa: PLC0415
    from backoffice.runtime import get_registry  # noqa: PLC0415
    from backoffice.settings import get_settings  # noqa: PLC0415

    name = job_name(job)
    try:
        module, fn = get_registry().job(name)
    except KeyError:
        raise JobNotRegistered(
            f"{name} is not a job of any module: return it from the module's register_jobs"
        ) from None
    _jsonable(kwargs)
    tenant_id = current_tenant_id()
    max_attempts = options_of(fn).attempts(get_settings().job_max_attempts)
    query = Job.insert(Job(name=name, module=module, args=kwargs, status="queued",
                           max_attempts=max_attempts, dedupe_key=dedupe_key,
                           run_after=now()))
    if dedupe_key is not None:
        query = query.on_conflict(action="DO NOTHING")
    rows = await query.returning(Job.id)
    if not rows:
        return None
    job_id = int(rows[0]["id"])
    await mark_pending(tenant_id)
    if hand_over:
        await on_commit(_submitter(job_id, tenant_id))
    return job_id


def _submitter(job_id: int, tenant_id: int) -> Callback:
    async def submit() -> None:
        from backoffice.jobs import runner  # noqa: PLC0415

        await runner.submit_job(job_id, tenant_id)

    return submit


async def enqueue(job: Any, **kwargs: Any) -> int:
    """Queue ``job(ctx, **kwargs)`` for the tenant in scope; returns the job's id.

    The job must be registered by a module (``register_jobs``) and its arguments must be
    JSON values. It starts once the surrounding transaction commits."""
    job_id = await create_job(job, kwargs)
    assert job_id is not None  # no dedupe key: always created
    return job_id

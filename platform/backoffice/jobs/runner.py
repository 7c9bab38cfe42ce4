"""Where handed-over work goes: arq (with ``REDIS_URL``) or an in-process runner.

``start(settings)``/``stop()`` are called by the serving process. With Redis, the process
only enqueues (``backoffice worker`` runs the jobs); without it, a few asyncio tasks in the
process consume a queue and run the very same code (:func:`backoffice.jobs.wrapper.execute`
and :func:`backoffice.events.dispatch.dispatch_events`), plus a once-a-minute loop for the
sweeper and the modules' cron jobs. Everything here is a hint to start work sooner: the
rows in the database are the record, and the sweeper finds whatever a hint missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from backoffice.settings import Settings

log = logging.getLogger("backoffice.jobs")

CONCURRENCY = 4
MISSING_TRIES = 5  # a row not visible yet: look again this many times, then leave it


class Backend(Protocol):
    async def submit_job(self, job_id: int, tenant_id: int, delay: float = 0) -> None: ...

    async def submit_dispatch(self, tenant_id: int, event_id: int, delay: float = 0) -> None: ...

    async def submit_mail(self, mail_id: int, tenant_id: int | None, delay: float = 0) -> None: ...

    async def close(self) -> None: ...


class ArqBackend:
    """Enqueues on arq. Job ids carry the queue name, so deployments (or test runs) sharing
    a Redis never mistake each other's jobs for duplicates."""

    def __init__(self, settings: Settings, pool: Any = None) -> None:
        self.settings = settings
        self.queue = settings.arq_queue_name
        self.pool = pool
        self._own_pool = pool is None

    async def _pool(self) -> Any:
        if self.pool is None:
            from arq import create_pool  # noqa: PLC0415
            from arq.connections import RedisSettings  # noqa: PLC0415

            # Fail fast when Redis is down: the rows wait for the sweeper meanwhile.
            redis = dataclasses.replace(RedisSettings.from_dsn(self.settings.redis_url),
                                        conn_timeout=1, conn_retries=0)
            self.pool = await create_pool(redis, default_queue_name=self.queue)
        return self.pool

    async def submit_job(self, job_id: int, tenant_id: int, delay: float = 0) -> None:
        pool = await self._pool()
        await pool.enqueue_job("run_job", job_id, tenant_id, _job_id=f"{self.queue}:job:{job_id}",
                               _queue_name=self.queue, _defer_by=delay or None)

    async def submit_dispatch(self, tenant_id: int, event_id: int, delay: float = 0) -> None:
        pool = await self._pool()
        await pool.enqueue_job("dispatch_events", tenant_id,
                               _job_id=f"{self.queue}:dispatch:{tenant_id}:{event_id}",
                               _queue_name=self.queue, _defer_by=delay or None)

    async def submit_mail(self, mail_id: int, tenant_id: int | None, delay: float = 0) -> None:
        pool = await self._pool()
        await pool.enqueue_job("send_mail", mail_id, tenant_id, _job_id=f"{self.queue}:mail:{mail_id}",
                               _queue_name=self.queue, _defer_by=delay or None)

    async def close(self) -> None:
        if self.pool is not None and self._own_pool:
            await self.pool.aclose()
        self.pool = None


class InProcessRunner:
    """Runs jobs and event delivery inside the serving process (no Redis)."""

    def __init__(self, settings: Settings, concurrency: int = CONCURRENCY) -> None:
        self.settings = settings
        self.concurrency = concurrency
        self.queue: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
        self.waiting: set[tuple[Any, ...]] = set()
        self.missing: dict[tuple[Any, ...], int] = {}
        self.tasks: list[asyncio.Task[None]] = []
        self.timers: set[asyncio.TimerHandle] = set()

    async def start(self) -> None:
        self.tasks = [asyncio.create_task(self._consume(), name=f"backoffice-jobs-{i}")
                      for i in range(self.concurrency)]
        self.tasks.append(asyncio.create_task(self._every_minute(), name="backoffice-cron"))

    def put(self, item: tuple[Any, ...], delay: float = 0) -> None:
        if delay > 0:
            loop = asyncio.get_running_loop()
            handle: asyncio.TimerHandle | None = None

            def later() -> None:
                self.timers.discard(handle)  # type: ignore[arg-type]
                self.put(item)

            handle = loop.call_later(delay, later)
            self.timers.add(handle)
            return
        # An item already waiting covers a second request for the same work.
        if item not in self.waiting:
            self.waiting.add(item)
            self.queue.put_nowait(item)

    async def submit_job(self, job_id: int, tenant_id: int, delay: float = 0) -> None:
        self.put(("job", job_id, tenant_id), delay)

    async def submit_dispatch(self, tenant_id: int, event_id: int, delay: float = 0) -> None:
        # One waiting delivery run per tenant sees every event committed before it starts.
        self.put(("dispatch", tenant_id), delay)

    async def submit_mail(self, mail_id: int, tenant_id: int | None, delay: float = 0) -> None:
        self.put(("mail", mail_id, tenant_id), delay)

    async def _consume(self) -> None:
        while True:
            item = await self.queue.get()
            self.waiting.discard(item)
            try:
                await self._run(item)
            except asyncio.CancelledError:
                raise
            except Exception:  # keep the runner alive; the sweeper retries the work
                log.exception("Background work %s failed", item)

    async def _run(self, item: tuple[Any, ...]) -> None:
        from backoffice.events.dispatch import dispatch_events  # noqa: PLC0415
        from backoffice.jobs.wrapper import execute  # noqa: PLC0415
        from backoffice.mail.sender import deliver  # noqa: PLC0415

        if item[0] in ("job", "mail"):
            run = execute if item[0] == "job" else deliver
            outcome = await run(item[1], item[2])
            if outcome.retry_in is not None:
                self.put(item, outcome.retry_in)
            elif outcome.missing:
                tries = self.missing.get(item, 0) + 1
                if tries < MISSING_TRIES:
                    self.missing[item] = tries
                    self.put(item, 0.2 * tries)
                else:
                    self.missing.pop(item, None)
            else:
                self.missing.pop(item, None)
        else:
            delay = await dispatch_events(item[1])
            if delay is not None:
                self.put(item, delay)

    async def _every_minute(self) -> None:
        from backoffice.jobs import cron  # noqa: PLC0415

        await _safely(cron.sweep())  # catch up with what a stopped process left behind
        while True:
            now = datetime.now(UTC)
            minute = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
            await asyncio.sleep((minute - now).total_seconds())
            await _safely(cron.fire_due(minute))
            await _safely(cron.sweep())

    async def close(self) -> None:
        for handle in self.timers:
            handle.cancel()
        self.timers.clear()
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.tasks = []


async def _safely(coro: Any) -> None:
    try:
        await coro
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("Scheduled background work failed")


_backend: Backend | None = None


def backend() -> Backend | None:
    return _backend


def use(new: Backend | None) -> None:
    """Install a backend (the worker process uses its own arq pool)."""
    global _backend
    _backend = new


async def start(settings: Settings) -> None:
    """Start handing work over: to arq with Redis, else to an in-process runner."""
    global _backend
    if _backend is not None:
        return
    if settings.redis_url:
        _backend = ArqBackend(settings)
    else:
        runner = InProcessRunner(settings)
        await runner.start()
        _backend = runner


async def stop() -> None:
    global _backend
    if _backend is not None:
        current, _backend = _backend, None
        await current.close()


async def submit_job(job_id: int, tenant_id: int, delay: float = 0) -> None:
    if _backend is None:
        log.debug("No job runner in this process; job %s waits for the sweeper", job_id)
        return
    await _backend.submit_job(job_id, tenant_id, delay)


async def submit_dispatch(tenant_id: int, event_id: int, delay: float = 0) -> None:
    if _backend is None:
        log.debug("No job runner in this process; event %s waits for the sweeper", event_id)
        return
    await _backend.submit_dispatch(tenant_id, event_id, delay)


async def submit_mail(mail_id: int, tenant_id: int | None, delay: float = 0) -> None:
    if _backend is None:
        log.debug("No job runner in this process; mail %s waits for the sweeper", mail_id)
        return
    await _backend.submit_mail(mail_id, tenant_id, delay)

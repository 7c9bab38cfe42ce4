"""The arq worker: ``backoffice worker`` (``run``), ``WorkerSettings`` for arq's own command
line, and ``embedded`` to run a worker inside another asyncio program (tests, one-box
deployments).

Three arq functions carry everything: ``run_job(job_id, tenant_id)``,
``dispatch_events(tenant_id)`` and ``send_mail(mail_id, tenant_id)``; retries use
``arq.Retry`` with the delay the wrapper (or the mail sender) asks for, and a few seconds
when the database cannot be reached (a run cut short by PostgreSQL going away is picked up
again once it is back, instead of waiting for the sweeper). Cron: the sweeper
every minute (and at start), and each module's schedules. arq is used nowhere else, so
another queue could replace it without touching a plugin.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import warnings
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from arq import Retry
from arq.connections import RedisSettings, create_pool
from arq.cron import cron
from arq.worker import Worker, func
from redis.exceptions import RedisError

from backoffice.settings import Settings, get_settings

log = logging.getLogger("backoffice.jobs")

# Attempts are counted on the job row; arq's own limit only stops runaway loops.
ARQ_MAX_TRIES = 1000
# How long ``backoffice worker`` waits before connecting again after losing Redis.
RECONNECT_SECONDS = 2
# How long a delivery waits before trying again when the database was unreachable.
UNAVAILABLE_RETRY_SECONDS = 5


def _retry_if_unavailable(function: Any) -> Any:
    """Turn "the database is unreachable" in an arq function into a retry a little later."""

    @functools.wraps(function)
    async def wrapper(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        from backoffice.db.unavailable import is_unavailable  # noqa: PLC0415

        try:
            return await function(ctx, *args, **kwargs)
        except Retry:
            raise
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            log.warning("%s%s: the database is unavailable (%s: %s); trying again in %ss",
                        function.__name__, args, type(exc).__name__, exc,
                        UNAVAILABLE_RETRY_SECONDS)
            raise Retry(defer=UNAVAILABLE_RETRY_SECONDS) from exc

    return wrapper


@_retry_if_unavailable
async def run_job(ctx: dict[str, Any], job_id: int, tenant_id: int) -> None:
    from backoffice.jobs.runner import MISSING_TRIES  # noqa: PLC0415
    from backoffice.jobs.wrapper import execute, release_lost_run  # noqa: PLC0415

    if ctx.get("job_try", 1) > 1:
        # arq delivers a job again once the previous delivery's in-progress mark expired (the
        # time limit plus a margin): a row still "running" then belongs to a worker that died.
        # Release it here, rather than leaving it to the sweeper's later stale check.
        await release_lost_run(job_id, tenant_id)
    outcome = await execute(job_id, tenant_id)
    if outcome.retry_in is not None:
        raise Retry(defer=outcome.retry_in)
    if outcome.missing and ctx.get("job_try", 1) < MISSING_TRIES:
        # Handed over before its transaction committed: look again shortly.
        raise Retry(defer=0.2 * ctx.get("job_try", 1))


@_retry_if_unavailable
async def send_mail(ctx: dict[str, Any], mail_id: int, tenant_id: int | None) -> None:
    from backoffice.jobs.runner import MISSING_TRIES  # noqa: PLC0415
    from backoffice.mail.sender import deliver  # noqa: PLC0415

    outcome = await deliver(mail_id, tenant_id)
    if outcome.retry_in is not None:
        raise Retry(defer=outcome.retry_in)
    if outcome.missing and ctx.get("job_try", 1) < MISSING_TRIES:
        raise Retry(defer=0.2 * ctx.get("job_try", 1))


@_retry_if_unavailable
async def dispatch_events(ctx: dict[str, Any], tenant_id: int) -> None:
    from backoffice.events import dispatch  # noqa: PLC0415

    delay = await dispatch.dispatch_events(tenant_id)
    if delay is not None:
        raise Retry(defer=delay)


async def sweep(ctx: dict[str, Any]) -> None:
    from backoffice.jobs import cron as scheduled  # noqa: PLC0415

    await scheduled.sweep()


def _schedule(module: str, job: Any) -> Any:
    async def fire(ctx: dict[str, Any]) -> None:
        from backoffice.jobs import cron as scheduled  # noqa: PLC0415

        minute = datetime.now(UTC).replace(second=0, microsecond=0)
        await scheduled.fire(module, job, minute)

    return fire


def cron_jobs(settings: Settings) -> list[Any]:
    from backoffice.jobs import cron as scheduled  # noqa: PLC0415

    queue = settings.arq_queue_name
    jobs = [cron(sweep, name=f"cron:{queue}:sweep", second=0, run_at_startup=True,
                 keep_result=0)]
    for module, job in scheduled.schedules():
        jobs.append(cron(_schedule(module, job), name=f"cron:{queue}:{module}.{job.name}",
                         minute=job.minute, hour=job.hour, day=job.day, month=job.month,
                         weekday=job.weekday, second=0, keep_result=0))
    return jobs


def functions(settings: Settings) -> list[Any]:
    return [
        func(run_job, name="run_job", keep_result=0, max_tries=ARQ_MAX_TRIES,
             timeout=settings.job_timeout_seconds + 60),
        func(dispatch_events, name="dispatch_events", keep_result=0, max_tries=ARQ_MAX_TRIES),
        func(send_mail, name="send_mail", keep_result=0, max_tries=ARQ_MAX_TRIES,
             timeout=settings.smtp_timeout_seconds * 3 + 60),
    ]


def worker_options(settings: Settings, *, manage_engine: bool = True) -> dict[str, Any]:
    """The ``Worker`` arguments shared by every way of running one."""

    async def on_startup(ctx: dict[str, Any]) -> None:
        from backoffice.jobs import runner  # noqa: PLC0415
        from backoffice.runtime import get_registry  # noqa: PLC0415

        get_registry()  # a broken plugin stops the worker at start, not at its first job
        if manage_engine:
            from backoffice.db import engine as db_engine  # noqa: PLC0415
            from backoffice.runtime import get_engine  # noqa: PLC0415

            await db_engine.start(get_engine())
        if runner.backend() is None:
            # Jobs and handlers may enqueue and publish: hand that over on this pool.
            runner.use(runner.ArqBackend(settings, pool=ctx["redis"]))
            ctx["backoffice_backend"] = True

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        from backoffice.jobs import runner  # noqa: PLC0415

        if ctx.pop("backoffice_backend", False):
            runner.use(None)
        if manage_engine:
            from backoffice.db import engine as db_engine  # noqa: PLC0415
            from backoffice.runtime import get_engine  # noqa: PLC0415

            await db_engine.stop(get_engine())

    return {
        "functions": functions(settings),
        "cron_jobs": cron_jobs(settings),
        "queue_name": settings.arq_queue_name,
        "redis_settings": RedisSettings.from_dsn(settings.redis_url),
        "on_startup": on_startup,
        "on_shutdown": on_shutdown,
        "keep_result": 0,
        "max_tries": ARQ_MAX_TRIES,
        "job_timeout": settings.job_timeout_seconds + 60,
        "timezone": UTC,
    }


def build_worker(settings: Settings, *, burst: bool = False, handle_signals: bool = True,
                 redis_pool: Any = None, poll_delay: float = 0.5,
                 manage_engine: bool = True) -> Worker:
    options = worker_options(settings, manage_engine=manage_engine)
    if redis_pool is not None:
        options.pop("redis_settings")
    return Worker(**options, burst=burst, handle_signals=handle_signals,
                  redis_pool=redis_pool, poll_delay=poll_delay)


def run(settings: Settings, burst: bool = False) -> None:
    """``backoffice worker``: run jobs, event delivery and cron until stopped (or, with
    ``burst``, until the queue is empty).

    Losing Redis does not end the process: the worker is closed without it and a new one
    connects again every few seconds. Work started meanwhile waits in the database, and the
    new worker's sweeper (which runs at its start) hands it over."""

    logging.basicConfig(level=settings.log_level)

    async def main() -> None:
        stop = asyncio.Event()
        while True:
            worker = build_worker(settings, burst=burst)
            worker.on_stop = lambda _signal: stop.set()
            try:
                await worker.async_run()
            except asyncio.CancelledError:  # SIGINT/SIGTERM: arq cancelled the main task
                try:
                    await _close(worker)
                except (RedisError, OSError):  # stopped while Redis was away
                    await _close_without_redis(worker)
                return
            except (RedisError, OSError) as exc:
                if burst:
                    raise
                await _close_without_redis(worker)
                if stop.is_set():  # stopped while it was connecting
                    return
                log.warning("Redis is unreachable (%s: %s); connecting again in %ss",
                            type(exc).__name__, exc, RECONNECT_SECONDS)
            else:
                await _close(worker)
                return
            if await _stopped_within(stop, RECONNECT_SECONDS):
                return

    asyncio.run(main())


async def _close_without_redis(worker: Worker) -> None:
    """Close a worker whose Redis went away: let running jobs end (their rows are the
    record), run the shutdown hook if the startup one ran, drop the connections."""
    await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
    if "redis" in worker.ctx and worker.on_shutdown is not None:
        with contextlib.suppress(Exception):
            await worker.on_shutdown(worker.ctx)
    if worker._pool is not None:  # noqa: SLF001 - arq has no public way to drop it
        with contextlib.suppress(Exception):
            await worker._pool.close(close_connection_pool=True)  # noqa: SLF001
        worker._pool = None  # noqa: SLF001


async def _stopped_within(stop: asyncio.Event, seconds: float) -> bool:
    """Wait ``seconds``; True if SIGINT or SIGTERM arrived (now or before, as ``stop``)."""
    import signal  # noqa: PLC0415

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    return stop.is_set()


async def _close(worker: Worker) -> None:
    with warnings.catch_warnings():
        # arq 0.28 closes its pool with redis' deprecated close(); nothing to act on.
        warnings.simplefilter("ignore", DeprecationWarning)
        await worker.close()


@contextlib.asynccontextmanager
async def embedded(settings: Settings | None = None, *,
                   poll_delay: float = 0.1) -> AsyncIterator[Worker]:
    """Run an arq worker as a task of the current event loop, sharing its database engine
    (which the caller has started)."""
    settings = settings or get_settings()
    pool = await create_pool(RedisSettings.from_dsn(settings.redis_url),
                             default_queue_name=settings.arq_queue_name)
    worker = build_worker(settings, handle_signals=False, redis_pool=pool,
                          poll_delay=poll_delay, manage_engine=False)
    task = asyncio.create_task(worker.async_run())
    try:
        yield worker
    finally:
        # Closing cancels running jobs (they are put back in the queue) and the polling loop;
        # arq then awaits the cancelled tasks, which raises CancelledError here.
        # Bounded: a worker that cannot close in time is cancelled rather than waited on forever.
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(_close(worker), 20)
        if not task.done():
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, TimeoutError):
            await asyncio.wait_for(task, 10)


def __getattr__(name: str) -> Any:
    # ``arq backoffice.jobs.worker.WorkerSettings``, built on first use from the settings.
    if name == "WorkerSettings":
        return type("WorkerSettings", (), worker_options(get_settings()))
    raise AttributeError(name)

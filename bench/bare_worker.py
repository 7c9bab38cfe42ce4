"""The jobs baseline: bare arq, with the same worker settings as ``backoffice worker``
(``max_jobs=10``, ``poll_delay=0.5`` s, no results kept). Run as
``arq bench.bare_worker.WorkerSettings`` with ``BENCH_ARQ_QUEUE`` and ``REDIS_URL`` set.

The job counts itself done in Redis (one INCR), so that the benchmark can tell when the queue
has been worked off."""

from __future__ import annotations

import os
from typing import Any

from arq.connections import RedisSettings
from arq.worker import func

QUEUE = os.environ.get("BENCH_ARQ_QUEUE", "bench:bare")
DONE_KEY = QUEUE + ":done"


async def noop(ctx: dict[str, Any]) -> None:
    await ctx["redis"].incr(DONE_KEY)


class WorkerSettings:
    functions = [func(noop, name="noop", keep_result=0)]
    queue_name = QUEUE
    redis_settings = RedisSettings.from_dsn(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    keep_result = 0
    max_jobs = 10
    poll_delay = 0.5

"""Shared fixtures of the HR tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest


@pytest.fixture(scope="module")
async def job_worker(app):  # type: ignore[no-untyped-def]
    """With Redis configured, jobs go to arq: run a worker in this event loop meanwhile."""
    from backoffice.jobs import worker
    from backoffice.settings import get_settings

    if not get_settings().redis_url:
        yield None
        return
    async with worker.embedded(get_settings()) as running:
        yield running


async def eventually(check: Callable[[], Awaitable[Any]], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)

"""Fixtures shared by the module tests."""

from __future__ import annotations

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

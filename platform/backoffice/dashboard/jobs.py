"""The daily snapshot of the dashboard's figures, run by cron for every active company."""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.dashboard import services


async def snapshot_indicators(ctx: Any, day: str | None = None) -> dict[str, int]:
    """Store the day's value of every indicator of the company's enabled modules."""
    stored = await services.take_snapshots(date.fromisoformat(day) if day else None)
    return {"stored": stored}

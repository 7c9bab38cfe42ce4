"""The SLA watch: every 15 minutes, tickets late on their first response or resolution are
marked as breached."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import transaction

from . import services


async def detect_sla_breaches(ctx: Any) -> dict[str, int]:
    async with transaction():
        return {"breached": await services.detect_breaches()}

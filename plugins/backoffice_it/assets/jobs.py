"""The daily reminder of warranties ending and licences renewing within 30 days."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import transaction

from . import services


async def remind_renewals(ctx: Any) -> dict[str, int]:
    async with transaction():
        return {"announced": await services.remind()}

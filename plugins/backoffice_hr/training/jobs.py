"""The daily certificate-expiry job."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import transaction

from . import services


async def remind_expiring_certificates(ctx: Any) -> dict[str, int]:
    """Announce certificates that expire within 30 days (hr.certificate_expiring)."""
    async with transaction():
        count = await services.remind_expiring()
    return {"announced": count}

"""The legal module's daily job: contract and permit reminders, expiry, and the next filings."""

from __future__ import annotations

from datetime import date
from typing import Any

from backoffice.sdk import transaction

from .compliance import services as compliance
from .contracts import services as contracts


async def daily_legal_watch(ctx: Any) -> dict[str, int]:
    today = date.today()
    async with transaction():
        announced, expired = await contracts.remind_and_expire(today)
        permits = await compliance.remind_permits(today)
        filings = await compliance.generate(today)
    return {"contract_reminders": announced, "expired": expired, "permit_reminders": permits, "filings": filings}

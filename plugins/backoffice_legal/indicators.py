"""Legal's figure on the operations dashboard: contracts ending within 60 days (one count)."""

from __future__ import annotations

from datetime import date, timedelta

from backoffice.sdk import Indicator, Text

from .contracts.tables import Contract

WINDOW_DAYS = 60


async def expiring_contracts(as_of: date) -> int:
    """Signed or active contracts whose end date falls in the next 60 days."""
    return await Contract.count().where(
        Contract.status.is_in(["signed", "active"]) & (Contract.end_date >= as_of)
        & (Contract.end_date <= as_of + timedelta(days=WINDOW_DAYS)))


INDICATORS = [
    Indicator(key="legal.expiring_contracts", label=Text("Contracts ending within 60 days",
                                                         "Kontrak berakhir dalam 60 hari"),
              permission="legal.contract.read", compute=expiring_contracts, link="/legal/contracts", good="down"),
]

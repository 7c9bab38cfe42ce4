"""General affairs' figures on the operations dashboard: approved trips and company events in
the next 30 days (one count each)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from backoffice.sdk import Indicator, Text

from .company_events.tables import CompanyEvent
from .travel.tables import TravelRequest

WINDOW_DAYS = 30


async def upcoming_travel(as_of: date) -> int:
    """Approved trips departing from ``as_of`` to 30 days later."""
    return await TravelRequest.count().where(
        (TravelRequest.status == "approved") & (TravelRequest.departs_on >= as_of)
        & (TravelRequest.departs_on <= as_of + timedelta(days=WINDOW_DAYS)))


async def upcoming_events(as_of: date) -> int:
    """Planned company events starting from ``as_of`` to 30 days later."""
    start = datetime.combine(as_of, time(), tzinfo=UTC)
    return await CompanyEvent.count().where(
        (CompanyEvent.status == "planned") & (CompanyEvent.starts_at >= start)
        & (CompanyEvent.starts_at < start + timedelta(days=WINDOW_DAYS + 1)))


INDICATORS = [
    Indicator(key="ga.upcoming_travel", label=Text("Business trips in the next 30 days",
                                                   "Perjalanan dinas 30 hari ke depan"),
              permission="ga.travel.approve", compute=upcoming_travel, link="/ga/travel"),
    Indicator(key="ga.upcoming_events", label=Text("Company events in the next 30 days",
                                                   "Acara perusahaan 30 hari ke depan"),
              permission="ga.event.manage", compute=upcoming_events, link="/ga/events"),
]

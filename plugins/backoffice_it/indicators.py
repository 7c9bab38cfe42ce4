"""IT's figures on the operations dashboard: open tickets and SLA breaches (one count each)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from backoffice.sdk import Indicator, Text

from .helpdesk.tables import Ticket

HANDLE = "it.ticket.handle"
CLOSED = ["resolved", "closed"]


def _end_of(day: date) -> datetime:
    """The end of ``day`` (UTC), or now for today: the moment the figure is taken at."""
    return min(datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC), datetime.now(UTC))


def _open_at(at: datetime):  # noqa: ANN202
    return Ticket.status.not_in(CLOSED) & (Ticket.created_at < at)


async def open_tickets(as_of: date) -> int:
    return await Ticket.count().where(_open_at(_end_of(as_of)))


async def sla_breaches(as_of: date) -> int:
    """Open tickets past their response or resolution target (or already marked breached)."""
    at = _end_of(as_of)
    late = ((Ticket.breached == True) | (Ticket.first_response_at.is_null() & (Ticket.response_due_at < at))  # noqa: E712
            | (Ticket.resolution_due_at < at))
    return await Ticket.count().where(_open_at(at) & late)


INDICATORS = [
    Indicator(key="it.open_tickets", label=Text("Open IT tickets", "Tiket TI terbuka"), permission=HANDLE,
              compute=open_tickets, link="/it/tickets", good="down"),
    Indicator(key="it.sla_breaches", label=Text("IT tickets past their SLA", "Tiket TI melewati SLA"),
              permission=HANDLE, compute=sla_breaches, link="/it/tickets", good="down"),
]

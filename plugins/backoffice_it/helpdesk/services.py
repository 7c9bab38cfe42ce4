"""Helpdesk rules: the status workflow, SLA clocks from the priority's targets, who may see
what (requesters their own tickets, agents all; internal notes only agents)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound, current_tenant_id

from .. import notifications
from .tables import SlaTarget, Ticket, TicketMessage

PRIORITIES = ("low", "medium", "high", "urgent")
CATEGORIES = ("problem", "request", "access", "equipment", "onboarding", "offboarding")
FLOW = {"new": {"in_progress", "waiting", "resolved"}, "in_progress": {"waiting", "resolved"},
        "waiting": {"in_progress", "resolved"}, "resolved": {"in_progress", "closed"}, "closed": set()}
DEFAULT_SLA = {"urgent": (30, 240), "high": (60, 480), "medium": (240, 1440 * 2), "low": (480, 1440 * 5)}


def now() -> datetime:
    return datetime.now(UTC)


async def seed_sla() -> None:
    existing = {r["priority"] for r in await SlaTarget.select(SlaTarget.priority)}
    rows = [SlaTarget(priority=p, response_minutes=r, resolution_minutes=s)
            for p, (r, s) in DEFAULT_SLA.items() if p not in existing]
    if rows:
        await SlaTarget.insert(*rows)


async def sla_for(priority: str) -> tuple[int, int]:
    row = await SlaTarget.select().where(SlaTarget.priority == priority).first()
    return (row["response_minutes"], row["resolution_minutes"]) if row else DEFAULT_SLA[priority]


async def get(pk: int) -> dict[str, Any]:
    row = await Ticket.select().where(Ticket.id == pk).first()
    if row is None:
        raise NotFound()
    return row


def visible(ticket: dict[str, Any], user_id: int | None, agent: bool) -> bool:
    return agent or (user_id is not None and ticket["requester_user_id"] == user_id)


async def open_ticket(*, subject: str, description: str, category: str, priority: str, impact: str,
                      requester: int | None, source_key: str | None = None) -> int:
    if source_key:
        existing = await Ticket.select(Ticket.id).where(Ticket.source_key == source_key).first()
        if existing:
            return existing["id"]  # an event delivered twice opens one ticket
    if not subject.strip():
        raise BadUserInput(("Say what the problem is.", "Sebutkan masalahnya."), field="subject")
    if priority not in PRIORITIES or category not in CATEGORIES or impact not in ("single", "team", "company"):
        raise BadUserInput(("Choose a known category, priority and impact.",
                            "Pilih kategori, prioritas, dan dampak yang dikenal."), field="priority")
    response, resolution = await sla_for(priority)
    if Ticket._meta.db.engine_type == "postgres":
        await Ticket.raw("SELECT pg_advisory_xact_lock(hashtext('it_tickets'), {})", current_tenant_id())
    last = await Ticket.select(Ticket.number).order_by(Ticket.number, ascending=False).first()
    opened = now()
    result = await Ticket.insert(Ticket(
        number=(last["number"] + 1) if last else 1, subject=subject.strip()[:300], description=description or "",
        category=category, priority=priority, impact=impact, requester_user_id=requester, source_key=source_key,
        response_due_at=opened + timedelta(minutes=response), resolution_due_at=opened + timedelta(minutes=resolution)))
    return result[0]["id"]


async def reply(pk: int, body: str, *, user_id: int | None, agent: bool, internal: bool) -> None:
    ticket = await get(pk)
    if not visible(ticket, user_id, agent):
        raise NotFound()
    if internal and not agent:
        raise Forbidden()
    if ticket["status"] == "closed":
        raise Conflict(("This ticket is closed.", "Tiket ini sudah ditutup."))
    if not body.strip():
        raise BadUserInput(("The message is empty.", "Pesan kosong."), field="body")
    await TicketMessage.insert(TicketMessage(ticket_id=pk, author_user_id=user_id, body=body.strip(), internal=internal))
    if agent and not internal:
        await notifications.ticket_answered(ticket, user_id)
    if agent and not internal and ticket["first_response_at"] is None and ticket["requester_user_id"] != user_id:
        await Ticket.update({Ticket.first_response_at: now()}).where(Ticket.id == pk)


async def update(pk: int, *, status: str | None, assignee: int | None, priority: str | None,
                 by: int | None = None) -> None:
    ticket = await get(pk)
    values: dict[Any, Any] = {}
    if status is not None and status != ticket["status"]:
        if status not in FLOW[ticket["status"]]:
            raise Conflict((f"A {ticket['status']} ticket cannot become {status}.",
                            f"Tiket {ticket['status']} tidak dapat menjadi {status}."), field="status")
        values[Ticket.status] = status
        if status == "resolved":
            values[Ticket.resolved_at] = now()
        if ticket["first_response_at"] is None:
            values[Ticket.first_response_at] = now()
    if assignee is not None:
        values[Ticket.assignee_user_id] = assignee
    if priority is not None and priority != ticket["priority"]:
        if priority not in PRIORITIES:
            raise BadUserInput(("Choose a known priority.", "Pilih prioritas yang dikenal."), field="priority")
        response, resolution = await sla_for(priority)
        values[Ticket.priority] = priority
        values[Ticket.response_due_at] = ticket["created_at"] + timedelta(minutes=response)
        values[Ticket.resolution_due_at] = ticket["created_at"] + timedelta(minutes=resolution)
    if values:
        await Ticket.update(values).where(Ticket.id == pk)
    if assignee is not None and assignee != ticket["assignee_user_id"]:
        await notifications.ticket_assigned(ticket, assignee, by)


async def close_with_rating(pk: int, rating: int, user_id: int | None) -> None:
    ticket = await get(pk)
    if ticket["requester_user_id"] != user_id:
        raise Forbidden()
    if ticket["status"] != "resolved":
        raise Conflict(("Only a resolved ticket can be closed.", "Hanya tiket terselesaikan yang dapat ditutup."))
    if not 1 <= rating <= 5:
        raise BadUserInput(("Rate from 1 to 5.", "Beri nilai 1 sampai 5."), field="rating")
    await Ticket.update({Ticket.status: "closed", Ticket.satisfaction: rating}).where(Ticket.id == pk)


async def detect_breaches(at: datetime | None = None) -> int:
    """Mark open tickets whose first response or resolution is late. Returns how many."""
    at = at or now()
    late = await Ticket.select(Ticket.id).where(
        (Ticket.breached == False) & Ticket.status.not_in(["resolved", "closed"])  # noqa: E712
        & (((Ticket.first_response_at.is_null()) & (Ticket.response_due_at < at)) | (Ticket.resolution_due_at < at)))
    if late:
        await Ticket.update({Ticket.breached: True}).where(Ticket.id.is_in([r["id"] for r in late]))
    return len(late)

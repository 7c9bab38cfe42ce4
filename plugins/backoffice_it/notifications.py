"""What IT support tells people (``sdk.notify``) and which of its records take comments: the
agent a ticket is assigned to, and the requester when an agent answers their ticket."""

from __future__ import annotations

from typing import Any

from backoffice.sdk import Commentable, NotificationKind, Text, encode_id, notify

from .assets.tables import Asset
from .helpdesk.tables import Ticket

KINDS = [
    NotificationKind("it.ticket_assigned", Text("A ticket assigned to me", "Tiket yang ditugaskan kepada saya"),
                     email_default=True),
    NotificationKind("it.ticket_answered", Text("An answer on my ticket", "Jawaban atas tiket saya"),
                     email_default=True),
]


def _exists(table: Any) -> Any:
    async def exists(pk: int) -> bool:
        return await table.exists().where(table.id == pk)

    return exists


COMMENTABLES = [
    Commentable("Ticket", "it.ticket.handle", _exists(Ticket), link="/it/tickets/{id}"),
    Commentable("Asset", "it.asset.read", _exists(Asset), link="/it/assets/{id}"),
]


def _label(ticket: dict[str, Any]) -> str:
    return f"#{ticket['number']} {ticket['subject']}"


async def ticket_assigned(ticket: dict[str, Any], assignee: int, by: int | None) -> None:
    """Tell the new assignee (not when they took the ticket themselves)."""
    label = _label(ticket)
    await notify("it.ticket_assigned",
                 title=(f"Ticket {label} is assigned to you", f"Tiket {label} ditugaskan kepada Anda"),
                 body=(f"Priority: {ticket['priority']}.", f"Prioritas: {ticket['priority']}."),
                 link=f"/it/tickets/{encode_id('Ticket', ticket['id'])}", users=[assignee], exclude=[by])


async def ticket_answered(ticket: dict[str, Any], by: int | None) -> None:
    """Tell the requester that IT answered their ticket."""
    if ticket["requester_user_id"] is None:
        return
    label = _label(ticket)
    await notify("it.ticket_answered",
                 title=(f"IT answered your ticket {label}", f"TI menjawab tiket Anda {label}"),
                 link="/me/tickets", users=[ticket["requester_user_id"]], exclude=[by])

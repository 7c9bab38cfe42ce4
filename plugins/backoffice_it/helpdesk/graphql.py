"""GraphQL of the helpdesk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Ticket as TicketTable
from .tables import TicketAttachment as AttachmentTable
from .tables import TicketMessage as MessageTable

HANDLE = "it.ticket.handle"


async def load_messages(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(MessageTable, MessageTable.ticket_id, keys, order_by=MessageTable.id)


@strawberry.type
class TicketMessage:
    id: strawberry.ID
    body: str
    internal: bool
    author_id: strawberry.ID | None
    created_at: datetime


async def load_attachments(keys: list[int]) -> list[list[dict[str, Any]]]:
    rows = await AttachmentTable.select(AttachmentTable.id, AttachmentTable.ticket_id, AttachmentTable.name,
                                        AttachmentTable.content_type, AttachmentTable.size).where(
        AttachmentTable.ticket_id.is_in(list(set(keys)))).order_by(AttachmentTable.id)
    grouped: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(r["ticket_id"], []).append(r)
    return [grouped.get(k, []) for k in keys]


@strawberry.type
class TicketAttachment:
    id: strawberry.ID
    name: str
    content_type: str
    size: int


@strawberry.type
class Ticket:
    id: strawberry.ID
    number: int
    subject: str
    description: str
    category: str
    priority: str
    impact: str
    status: str
    breached: bool
    satisfaction: int | None
    created_at: datetime
    response_due_at: datetime
    resolution_due_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Ticket:
        return cls(id=sdk.encode_id("Ticket", r["id"]), number=r["number"], subject=r["subject"],
                   description=r["description"], category=r["category"], priority=r["priority"], impact=r["impact"],
                   status=r["status"], breached=r["breached"], satisfaction=r["satisfaction"],
                   created_at=r["created_at"], response_due_at=r["response_due_at"],
                   resolution_due_at=r["resolution_due_at"], first_response_at=r["first_response_at"],
                   resolved_at=r["resolved_at"], _row=r)

    @strawberry.field
    async def attachments(self, info: sdk.Info) -> list[TicketAttachment]:
        return [TicketAttachment(id=sdk.encode_id("TicketAttachment", r["id"]), name=r["name"],
                                 content_type=r["content_type"], size=r["size"])
                for r in await sdk.loader(info, load_attachments).load(self._row["id"])]

    @strawberry.field(description="The conversation; internal notes only for IT agents.")
    async def messages(self, info: sdk.Info) -> list[TicketMessage]:
        agent = await sdk.has_permission(info, HANDLE)
        rows = await sdk.loader(info, load_messages).load(self._row["id"])
        return [TicketMessage(id=sdk.encode_id("TicketMessage", r["id"]), body=r["body"], internal=r["internal"],
                              author_id=sdk.encode_id("User", r["author_user_id"]) if r["author_user_id"] else None,
                              created_at=r["created_at"]) for r in rows if agent or not r["internal"]]


@strawberry.input
class TicketInput:
    subject: str
    description: str = ""
    category: str = "problem"
    priority: str = "medium"
    impact: str = "single"


@strawberry.input
class TicketReplyInput:
    id: strawberry.ID
    body: str
    internal: bool = False


@strawberry.input
class UpdateTicketInput:
    id: strawberry.ID
    status: str | None = None
    assignee_id: strawberry.ID | None = None
    priority: str | None = None


@strawberry.input
class TicketAttachmentInput:
    id: strawberry.ID
    name: str
    file: str = strawberry.field(description="PDF, PNG or JPEG (a screenshot), base64, at most 5 MB.")


@strawberry.input
class CloseTicketInput:
    id: strawberry.ID
    rating: int


@strawberry.type
class TicketPayload(sdk.Payload):
    ticket: Ticket | None = None


async def _visible(info: sdk.Info, pk: int) -> dict[str, Any]:
    ticket = await services.get(pk)
    if not services.visible(ticket, info.context.actor.user_id, await sdk.has_permission(info, HANDLE)):
        raise sdk.NotFound()
    return ticket


@strawberry.type
class HelpdeskQuery:
    @sdk.field(HANDLE, description="Every ticket, for IT agents.")
    async def tickets(self, first: int | None = 20, after: str | None = None, status: str | None = None,
                      breached: bool | None = None, assignee_id: strawberry.ID | None = None) -> sdk.Connection[Ticket]:
        where = sdk.all_of(TicketTable.status == status if status else None,
                           TicketTable.breached == breached if breached is not None else None,
                           TicketTable.assignee_user_id == sdk.decode_id(assignee_id, "User") if assignee_id else None)
        return await sdk.paginate(TicketTable, node=Ticket.of, first=first, after=after, where=where, descending=True)

    @sdk.field(self_service=True, description="The tickets you asked for.")
    async def my_tickets(self, info: sdk.Info, first: int | None = 20, after: str | None = None) -> sdk.Connection[Ticket]:
        return await sdk.paginate(TicketTable, node=Ticket.of, first=first, after=after, descending=True,
                                  where=TicketTable.requester_user_id == (info.context.actor.user_id or 0))

    @sdk.field(self_service=True, description="One ticket: yours, or any for IT agents.")
    async def ticket(self, info: sdk.Info, id: strawberry.ID) -> Ticket:
        return Ticket.of(await _visible(info, sdk.decode_id(id, "Ticket")))


@strawberry.type
class HelpdeskMutation:
    @sdk.mutation(self_service=True, description="Ask IT for help.")
    async def create_ticket(self, info: sdk.Info, input: TicketInput) -> TicketPayload:
        pk = await services.open_ticket(subject=input.subject, description=input.description, category=input.category,
                                        priority=input.priority, impact=input.impact,
                                        requester=info.context.actor.user_id)
        return TicketPayload(ticket=Ticket.of(await services.get(pk)))

    @sdk.mutation(self_service=True, description="Reply on a ticket; IT agents may add internal notes.")
    async def reply_to_ticket(self, info: sdk.Info, input: TicketReplyInput) -> TicketPayload:
        pk = sdk.decode_id(input.id, "Ticket")
        await services.reply(pk, input.body, user_id=info.context.actor.user_id,
                             agent=await sdk.has_permission(info, HANDLE), internal=input.internal)
        return TicketPayload(ticket=Ticket.of(await services.get(pk)))

    @sdk.mutation(HANDLE, description="Move, assign or re-prioritise a ticket.")
    async def update_ticket(self, info: sdk.Info, input: UpdateTicketInput) -> TicketPayload:
        pk = sdk.decode_id(input.id, "Ticket")
        await services.update(pk, status=input.status, priority=input.priority,
                              assignee=sdk.decode_id(input.assignee_id, "User") if input.assignee_id else None,
                              by=info.context.actor.user_id)
        return TicketPayload(ticket=Ticket.of(await services.get(pk)))

    @sdk.mutation(self_service=True, description="Attach a screenshot or document to a ticket you can see.")
    async def add_ticket_attachment(self, info: sdk.Info, input: TicketAttachmentInput) -> TicketPayload:
        pk = sdk.decode_id(input.id, "Ticket")
        await _visible(info, pk)
        content, content_type = sdk.checked_upload(input.file)
        await AttachmentTable.insert(AttachmentTable(ticket_id=pk, name=sdk.safe_filename(input.name, "attachment"),
                                                     content_type=content_type, size=len(content), content=content,
                                                     uploaded_by=info.context.actor.user_id))
        return TicketPayload(ticket=Ticket.of(await services.get(pk)))

    @sdk.mutation(self_service=True, description="Close your resolved ticket with a rating from 1 to 5.")
    async def close_ticket(self, info: sdk.Info, input: CloseTicketInput) -> TicketPayload:
        pk = sdk.decode_id(input.id, "Ticket")
        await _visible(info, pk)
        await services.close_with_rating(pk, input.rating, info.context.actor.user_id)
        return TicketPayload(ticket=Ticket.of(await services.get(pk)))

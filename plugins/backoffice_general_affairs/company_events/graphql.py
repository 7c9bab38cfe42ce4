"""GraphQL of company events: the event, its venue booking, participants and tasks."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, person, user_gid, user_pk
from ..facilities.graphql import Bookable, room_of
from . import services
from .tables import CompanyEvent as EventTable
from .tables import EventParticipant as ParticipantTable
from .tables import EventTask as TaskTable

MANAGE = "ga.event.manage"


async def load_participants(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ParticipantTable, ParticipantTable.company_event_id, keys,
                                     order_by=ParticipantTable.id)


async def load_tasks(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(TaskTable, TaskTable.company_event_id, keys, order_by=TaskTable.id)


@strawberry.type
class CompanyEventParticipant:
    user_id: strawberry.ID
    rsvp: str = strawberry.field(description="pending, accepted, declined or tentative")
    responded_at: datetime | None


@strawberry.type
class CompanyEventTask:
    id: strawberry.ID
    title: str
    owner_id: strawberry.ID | None
    due_on: date | None
    done: bool
    done_at: datetime | None

    @classmethod
    def of(cls, r: dict[str, Any]) -> CompanyEventTask:
        return cls(id=sdk.encode_id("CompanyEventTask", r["id"]), title=r["title"], owner_id=user_gid(r["owner_user_id"]),
                   due_on=r["due_on"], done=r["done"], done_at=r["done_at"])


@strawberry.type
class RsvpCount:
    rsvp: str
    count: int


@strawberry.type
class CompanyEvent:
    id: strawberry.ID
    name: str
    description: str
    starts_at: datetime
    ends_at: datetime
    venue: str = strawberry.field(description="A place outside the office, or directions.")
    booking_id: strawberry.ID | None = strawberry.field(description="The room booking that holds the venue.")
    budget: Decimal
    currency: str
    status: str = strawberry.field(description="planned or cancelled")
    organiser_id: strawberry.ID | None
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> CompanyEvent:
        return cls(id=sdk.encode_id("CompanyEvent", r["id"]), name=r["name"], description=r["description"],
                   starts_at=r["starts_at"], ends_at=r["ends_at"], venue=r["venue"],
                   booking_id=sdk.encode_id("Booking", r["booking_id"]) if r["booking_id"] else None,
                   budget=Decimal(r["budget"]), currency=r["currency"], status=r["status"],
                   organiser_id=user_gid(r["organiser_user_id"]), _row=r)

    @strawberry.field(description="The room in the office where it takes place.")
    async def room(self, info: sdk.Info) -> Bookable | None:
        return await room_of(info, self._row["room_id"])

    @strawberry.field
    async def participants(self, info: sdk.Info) -> list[CompanyEventParticipant]:
        return [CompanyEventParticipant(user_id=sdk.encode_id("User", r["user_id"]), rsvp=r["rsvp"],
                                        responded_at=r["responded_at"])
                for r in await sdk.loader(info, load_participants).load(self._row["id"])]

    @strawberry.field(description="How many participants answered what.")
    async def rsvp_summary(self, info: sdk.Info) -> list[RsvpCount]:
        rows = await sdk.loader(info, load_participants).load(self._row["id"])
        return [RsvpCount(rsvp=k, count=sum(1 for r in rows if r["rsvp"] == k)) for k in services.RSVP]

    @strawberry.field(description="Your own answer, if you are invited.")
    async def my_rsvp(self, info: sdk.Info) -> str | None:
        me = info.context.actor.user_id
        rows = await sdk.loader(info, load_participants).load(self._row["id"])
        return next((r["rsvp"] for r in rows if r["user_id"] == me), None)

    @strawberry.field(description="The checklist, in the order it was written.")
    async def tasks(self, info: sdk.Info) -> list[CompanyEventTask]:
        return [CompanyEventTask.of(r) for r in await sdk.loader(info, load_tasks).load(self._row["id"])]


@strawberry.input
class CompanyEventInput:
    name: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    room_id: strawberry.ID | None = strawberry.field(default=None, description="A room to book as the venue.")
    venue: str = ""
    budget: Decimal = Decimal(0)
    currency: str = "IDR"
    participant_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="Users to invite.")


@strawberry.input
class UpdateCompanyEventInput:
    id: strawberry.ID
    name: str | None = None
    description: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    room_id: strawberry.ID | None = strawberry.field(default=None, description="Move the venue to this room.")
    clear_room: bool = strawberry.field(default=False, description="Release the room booking.")
    venue: str | None = None
    budget: Decimal | None = None
    currency: str | None = None


@strawberry.input
class CompanyEventInviteInput:
    id: strawberry.ID
    user_ids: list[strawberry.ID]


@strawberry.input
class CompanyEventUninviteInput:
    id: strawberry.ID
    user_id: strawberry.ID


@strawberry.input
class CompanyEventRsvpInput:
    id: strawberry.ID
    rsvp: str = strawberry.field(description="accepted, declined or tentative")


@strawberry.input
class CompanyEventTaskInput:
    company_event_id: strawberry.ID
    title: str
    owner_id: strawberry.ID | None = None
    due_on: date | None = None


@strawberry.input
class UpdateCompanyEventTaskInput:
    id: strawberry.ID
    title: str | None = None
    owner_id: strawberry.ID | None = None
    clear_owner: bool = False
    due_on: date | None = None
    done: bool | None = None


@strawberry.input
class CompanyEventTaskDoneInput:
    id: strawberry.ID
    done: bool = True


@strawberry.type
class CompanyEventPayload(sdk.Payload):
    company_event: CompanyEvent | None = None


def _users(ids: list[strawberry.ID]) -> list[int]:
    return [sdk.decode_id(x, "User") for x in ids]


async def _event(pk: int) -> CompanyEvent:
    return CompanyEvent.of(await get_row(EventTable, pk))


@strawberry.type
class CompanyEventsQuery:
    @sdk.field(MANAGE, description="Company events from a time on (now when omitted), soonest first.")
    async def company_events(self, since: datetime | None = None, status: str | None = None, first: int | None = 20,
                             after: str | None = None) -> sdk.Connection[CompanyEvent]:
        where = sdk.all_of(EventTable.ends_at > (since or datetime.now(UTC)),
                           EventTable.status == status if status else None)
        return await sdk.paginate(EventTable, node=CompanyEvent.of, first=first, after=after, where=where,
                                  order_by=EventTable.starts_at)

    @sdk.field(self_service=True, description="Events you are invited to that have not ended, soonest first.")
    async def my_company_events(self, info: sdk.Info) -> list[CompanyEvent]:
        mine = [r["company_event_id"] for r in await ParticipantTable.select(ParticipantTable.company_event_id).where(
            ParticipantTable.user_id == (info.context.actor.user_id or 0))]
        rows = await EventTable.select().where(EventTable.id.is_in(mine or [0]) & (EventTable.ends_at > datetime.now(UTC))
                                               ).order_by(EventTable.starts_at)
        return [CompanyEvent.of(r) for r in rows]

    @sdk.field(self_service=True, description="One event: one you are invited to, or any for organisers.")
    async def company_event(self, info: sdk.Info, id: strawberry.ID) -> CompanyEvent:
        pk = sdk.decode_id(id, "CompanyEvent")
        row = await get_row(EventTable, pk)
        if not (await sdk.has_permission(info, MANAGE)
                or await services.is_participant(pk, info.context.actor.user_id)):
            raise sdk.NotFound()
        return CompanyEvent.of(row)


@strawberry.type
class CompanyEventsMutation:
    @sdk.mutation(MANAGE, description="Plan an event; a room given is booked as the venue (no overlaps).")
    async def create_company_event(self, info: sdk.Info, input: CompanyEventInput) -> CompanyEventPayload:
        pk = await services.create(
            name=input.name, description=input.description, starts_at=input.starts_at, ends_at=input.ends_at,
            room_id=sdk.decode_id(input.room_id, "Bookable") if input.room_id else None, venue=input.venue,
            budget=input.budget, currency_code=input.currency, organiser=info.context.actor.user_id)
        if input.participant_ids:
            await services.invite(pk, _users(input.participant_ids))
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE, description="Change an event; moving it moves its room booking.")
    async def update_company_event(self, info: sdk.Info, input: UpdateCompanyEventInput) -> CompanyEventPayload:
        pk = sdk.decode_id(input.id, "CompanyEvent")
        await services.update(
            pk, name=input.name, description=input.description, starts_at=input.starts_at, ends_at=input.ends_at,
            room_id=sdk.decode_id(input.room_id, "Bookable") if input.room_id else None, clear_room=input.clear_room,
            venue=input.venue, budget=input.budget, currency_code=input.currency, user_id=info.context.actor.user_id)
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE, description="Cancel an event and release its room.")
    async def cancel_company_event(self, id: strawberry.ID) -> CompanyEventPayload:
        pk = sdk.decode_id(id, "CompanyEvent")
        await services.cancel(pk)
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE, description="Invite members; those already invited keep their answer.")
    async def invite_to_company_event(self, input: CompanyEventInviteInput) -> CompanyEventPayload:
        pk = sdk.decode_id(input.id, "CompanyEvent")
        await services.invite(pk, _users(input.user_ids))
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE)
    async def uninvite_from_company_event(self, input: CompanyEventUninviteInput) -> CompanyEventPayload:
        pk = sdk.decode_id(input.id, "CompanyEvent")
        await services.uninvite(pk, sdk.decode_id(input.user_id, "User"))
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(self_service=True, description="Answer an invitation: accepted, declined or tentative.")
    async def respond_to_company_event(self, info: sdk.Info, input: CompanyEventRsvpInput) -> CompanyEventPayload:
        pk = sdk.decode_id(input.id, "CompanyEvent")
        await services.respond(pk, person(info), input.rsvp)
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE, description="Add a task to an event's checklist.")
    async def add_company_event_task(self, input: CompanyEventTaskInput) -> CompanyEventPayload:
        pk = sdk.decode_id(input.company_event_id, "CompanyEvent")
        await services.add_task(pk, title=input.title, owner=user_pk(input.owner_id), due_on=input.due_on)
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE, description="Change a task: its title, owner, due date or done state.")
    async def update_company_event_task(self, input: UpdateCompanyEventTaskInput) -> CompanyEventPayload:
        pk = await services.update_task(sdk.decode_id(input.id, "CompanyEventTask"), title=input.title,
                                        owner=user_pk(input.owner_id), clear_owner=input.clear_owner,
                                        due_on=input.due_on, done=input.done)
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(MANAGE)
    async def remove_company_event_task(self, id: strawberry.ID) -> CompanyEventPayload:
        pk = await services.remove_task(sdk.decode_id(id, "CompanyEventTask"))
        return CompanyEventPayload(company_event=await _event(pk))

    @sdk.mutation(self_service=True, description="Tick off (or reopen) a task you own.")
    async def set_company_event_task_done(self, info: sdk.Info, input: CompanyEventTaskDoneInput) -> CompanyEventPayload:
        pk = await services.set_own_task_done(sdk.decode_id(input.id, "CompanyEventTask"), person(info), input.done,
                                              await sdk.has_permission(info, MANAGE))
        return CompanyEventPayload(company_event=await _event(pk))

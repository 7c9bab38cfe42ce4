"""Company event rules: an event ends after it starts; its venue in the office is a booking of
a room made through the booking rules (so it never overlaps another booking), moved when the
event moves and released when it is cancelled; the budget is money, not negative; each member
is invited once and answers for themselves; tasks have an owner, a due date and a done state."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound

from ..common import currency, get_row, money, text
from ..facilities import services as facilities
from ..facilities.tables import Booking
from .tables import CompanyEvent, EventParticipant, EventTask

RSVP = ("pending", "accepted", "declined", "tentative")
ANSWERS = ("accepted", "declined", "tentative")


def _cancelled() -> Conflict:
    return Conflict(("This event is cancelled.", "Acara ini sudah dibatalkan."), field="id")


async def _book_room(room_id: int, name: str, starts_at: datetime, ends_at: datetime, user_id: int | None) -> int:
    try:
        return await facilities.book(room_id, starts_at, ends_at, f"{name}"[:200], user_id, kind="room")
    except Exception as exc:
        if facilities.is_overlap_violation(exc):
            raise Conflict(facilities.OVERLAP, field="startsAt") from exc
        raise


def _check(name: str, starts_at: datetime, ends_at: datetime, budget: Decimal) -> None:
    if not name.strip():
        raise BadUserInput(("Give the event a name.", "Beri acara nama."), field="name")
    if ends_at <= starts_at:
        raise BadUserInput(("The event ends before it starts.", "Acara berakhir sebelum dimulai."), field="endsAt")
    money(budget, "budget")


async def create(*, name: str, description: str, starts_at: datetime, ends_at: datetime, room_id: int | None,
                 venue: str, budget: Decimal, currency_code: str, organiser: int | None) -> int:
    _check(name, starts_at, ends_at, budget)
    code = currency(currency_code)
    booking_id = await _book_room(room_id, name, starts_at, ends_at, organiser) if room_id is not None else None
    result = await CompanyEvent.insert(CompanyEvent(
        name=text(name, 200), description=description or "", starts_at=starts_at, ends_at=ends_at, room_id=room_id,
        booking_id=booking_id, venue=text(venue, 300), budget=budget, currency=code, organiser_user_id=organiser))
    return result[0]["id"]


async def update(pk: int, *, name: str | None, description: str | None, starts_at: datetime | None,
                 ends_at: datetime | None, room_id: int | None, clear_room: bool, venue: str | None,
                 budget: Decimal | None, currency_code: str | None, user_id: int | None) -> None:
    row = await get_row(CompanyEvent, pk)
    if row["status"] == "cancelled":
        raise _cancelled()
    new = {"name": name if name is not None else row["name"],
           "starts_at": starts_at or row["starts_at"], "ends_at": ends_at or row["ends_at"],
           "budget": budget if budget is not None else Decimal(row["budget"])}
    _check(new["name"], new["starts_at"], new["ends_at"], new["budget"])
    room = None if clear_room else (room_id if room_id is not None else row["room_id"])
    values: dict[Any, Any] = {CompanyEvent.name: text(new["name"], 200), CompanyEvent.starts_at: new["starts_at"],
                              CompanyEvent.ends_at: new["ends_at"], CompanyEvent.budget: new["budget"]}
    moved = (room != row["room_id"] or new["starts_at"] != row["starts_at"] or new["ends_at"] != row["ends_at"])
    if moved or (room is not None and row["booking_id"] is None):
        # The old booking goes first, so that moving an event within its own slot never clashes with itself.
        if row["booking_id"] is not None:
            await Booking.delete().where(Booking.id == row["booking_id"])
        values[CompanyEvent.booking_id] = (await _book_room(room, new["name"], new["starts_at"], new["ends_at"], user_id)
                                           if room is not None else None)
        values[CompanyEvent.room_id] = room
    elif name is not None and row["booking_id"] is not None:
        await Booking.update({Booking.purpose: text(name, 200)}).where(Booking.id == row["booking_id"])
    if description is not None:
        values[CompanyEvent.description] = description
    if venue is not None:
        values[CompanyEvent.venue] = text(venue, 300)
    if currency_code is not None:
        values[CompanyEvent.currency] = currency(currency_code)
    await CompanyEvent.update(values).where(CompanyEvent.id == pk)


async def cancel(pk: int) -> None:
    row = await get_row(CompanyEvent, pk)
    if row["status"] == "cancelled":
        raise _cancelled()
    if row["booking_id"] is not None:
        await Booking.delete().where(Booking.id == row["booking_id"])
    await CompanyEvent.update({CompanyEvent.status: "cancelled", CompanyEvent.booking_id: None}).where(
        CompanyEvent.id == pk)


async def invite(pk: int, user_ids: list[int]) -> int:
    """Invite members; those already invited are left as they are. Returns how many were new."""
    row = await get_row(CompanyEvent, pk)
    if row["status"] == "cancelled":
        raise _cancelled()
    if not user_ids:
        raise BadUserInput(("Choose who to invite.", "Pilih siapa yang diundang."), field="userIds")
    existing = {r["user_id"] for r in await EventParticipant.select(EventParticipant.user_id).where(
        EventParticipant.company_event_id == pk)}
    new = [u for u in dict.fromkeys(user_ids) if u not in existing]
    if new:
        await EventParticipant.insert(*[EventParticipant(company_event_id=pk, user_id=u) for u in new])
    return len(new)


async def uninvite(pk: int, user_id: int) -> None:
    await get_row(CompanyEvent, pk)
    where = (EventParticipant.company_event_id == pk) & (EventParticipant.user_id == user_id)
    if not await EventParticipant.exists().where(where):
        raise NotFound()
    await EventParticipant.delete().where(where)


async def respond(pk: int, user_id: int, answer: str) -> None:
    row = await get_row(CompanyEvent, pk)
    where = (EventParticipant.company_event_id == pk) & (EventParticipant.user_id == user_id)
    if not await EventParticipant.exists().where(where):
        raise NotFound()
    if row["status"] == "cancelled":
        raise _cancelled()
    if answer not in ANSWERS:
        raise BadUserInput(("Answer accepted, declined or tentative.", "Jawab accepted, declined, atau tentative."),
                           field="rsvp")
    await EventParticipant.update({EventParticipant.rsvp: answer,
                                   EventParticipant.responded_at: datetime.now(UTC)}).where(where)


async def is_participant(pk: int, user_id: int | None) -> bool:
    return user_id is not None and await EventParticipant.exists().where(
        (EventParticipant.company_event_id == pk) & (EventParticipant.user_id == user_id))


async def add_task(pk: int, *, title: str, owner: int | None, due_on: date | None) -> int:
    row = await get_row(CompanyEvent, pk)
    if row["status"] == "cancelled":
        raise _cancelled()
    if not title.strip():
        raise BadUserInput(("Say what needs doing.", "Sebutkan apa yang perlu dikerjakan."), field="title")
    result = await EventTask.insert(EventTask(company_event_id=pk, title=text(title, 200), owner_user_id=owner,
                                              due_on=due_on))
    return result[0]["id"]


async def update_task(task_id: int, *, title: str | None, owner: int | None, clear_owner: bool,
                      due_on: date | None, done: bool | None) -> int:
    task = await get_row(EventTask, task_id)
    if (await get_row(CompanyEvent, task["company_event_id"]))["status"] == "cancelled":
        raise _cancelled()
    values: dict[Any, Any] = {}
    if title is not None:
        if not title.strip():
            raise BadUserInput(("Say what needs doing.", "Sebutkan apa yang perlu dikerjakan."), field="title")
        values[EventTask.title] = text(title, 200)
    if clear_owner:
        values[EventTask.owner_user_id] = None
    elif owner is not None:
        values[EventTask.owner_user_id] = owner
    if due_on is not None:
        values[EventTask.due_on] = due_on
    if done is not None:
        values[EventTask.done] = done
        values[EventTask.done_at] = datetime.now(UTC) if done else None
    if values:
        await EventTask.update(values).where(EventTask.id == task_id)
    return task["company_event_id"]


async def set_own_task_done(task_id: int, user_id: int, done: bool, manager: bool) -> int:
    task = await get_row(EventTask, task_id)
    if not manager and task["owner_user_id"] != user_id:
        if await is_participant(task["company_event_id"], user_id):
            raise Forbidden(("Only the task's owner, or an event organiser, ticks it off.",
                             "Hanya pemilik tugas, atau penyelenggara acara, yang dapat menandainya selesai."))
        raise NotFound()
    return await update_task(task_id, title=None, owner=None, clear_owner=False, due_on=None, done=done)


async def remove_task(task_id: int) -> int:
    task = await get_row(EventTask, task_id)
    if (await get_row(CompanyEvent, task["company_event_id"]))["status"] == "cancelled":
        raise _cancelled()
    await EventTask.delete().where(EventTask.id == task_id)
    return task["company_event_id"]

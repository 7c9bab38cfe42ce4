"""GraphQL of rooms, vehicles and their bookings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Booking as BookingTable
from .tables import Resource as ResourceTable


@strawberry.type
class Bookable:
    id: strawberry.ID
    kind: str
    name: str
    building: str
    floor: str
    capacity: int
    equipment: str
    plate: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> Bookable:
        return cls(id=sdk.encode_id("Bookable", r["id"]), kind=r["kind"], name=r["name"], building=r["building"],
                   floor=r["floor"], capacity=r["capacity"], equipment=r["equipment"], plate=r["plate"])


@strawberry.type
class Booking:
    id: strawberry.ID
    resource_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    purpose: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> Booking:
        return cls(id=sdk.encode_id("Booking", r["id"]), resource_id=sdk.encode_id("Bookable", r["resource_id"]),
                   starts_at=r["starts_at"], ends_at=r["ends_at"], purpose=r["purpose"])


@strawberry.input
class BookableInput:
    kind: str = strawberry.field(description="room or vehicle")
    name: str
    building: str = ""
    floor: str = ""
    capacity: int = 0
    equipment: str = ""
    plate: str = ""


@strawberry.input
class BookingInput:
    resource_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    purpose: str = ""


@strawberry.type
class BookablePayload(sdk.Payload):
    bookable: Bookable | None = None


@strawberry.type
class BookingPayload(sdk.Payload):
    booking: Booking | None = None


@strawberry.type
class FacilitiesQuery:
    @sdk.field(self_service=True, description="Rooms and vehicles that can be booked.")
    async def bookables(self, kind: str | None = None, first: int | None = 50,
                        after: str | None = None) -> sdk.Connection[Bookable]:
        return await sdk.paginate(ResourceTable, node=Bookable.of, first=first, after=after,
                                  where=ResourceTable.kind == kind if kind else None, order_by=ResourceTable.name)

    @sdk.field(self_service=True, description="Bookings of a room or vehicle between two times (its calendar).")
    async def bookings(self, resource_id: strawberry.ID, start: datetime, end: datetime) -> list[Booking]:
        rows = await BookingTable.select().where((BookingTable.resource_id == sdk.decode_id(resource_id, "Bookable"))
                                                 & (BookingTable.starts_at < end) & (BookingTable.ends_at > start)
                                                 ).order_by(BookingTable.starts_at)
        return [Booking.of(r) for r in rows]


@strawberry.type
class FacilitiesMutation:
    @sdk.mutation("ga.facility.manage")
    async def create_bookable(self, input: BookableInput) -> BookablePayload:
        pk = await services.create_resource({"kind": input.kind, "name": input.name.strip()[:200],
                                             "building": input.building, "floor": input.floor,
                                             "capacity": input.capacity, "equipment": input.equipment,
                                             "plate": input.plate})
        return BookablePayload(bookable=Bookable.of(await ResourceTable.select().where(ResourceTable.id == pk).first()))

    @sdk.mutation(self_service=True, description="Book a room or vehicle; overlapping bookings are refused.")
    async def book(self, info: sdk.Info, input: BookingInput) -> BookingPayload:
        try:
            pk = await services.book(sdk.decode_id(input.resource_id, "Bookable"), input.starts_at, input.ends_at,
                                     input.purpose, info.context.actor.user_id)
        except Exception as exc:
            if services.is_overlap_violation(exc):  # the database saw the race the check could not
                raise sdk.Conflict(services.OVERLAP, field="startsAt") from exc
            raise
        return BookingPayload(booking=Booking.of(await BookingTable.select().where(BookingTable.id == pk).first()))

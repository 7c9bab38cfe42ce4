"""GraphQL of buildings, floors, rooms and vehicles, and their bookings."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, user_gid
from . import services
from .tables import Booking as BookingTable
from .tables import Building as BuildingTable
from .tables import Floor as FloorTable
from .tables import Resource as ResourceTable

MANAGE = "ga.facility.manage"


async def load_buildings(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(BuildingTable, keys)


async def load_floors(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(FloorTable, keys)


async def load_resources(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(ResourceTable, keys)


async def load_floors_of_buildings(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(FloorTable, FloorTable.building_id, keys, order_by=FloorTable.level)


async def load_rooms_of_floors(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(ResourceTable, ResourceTable.floor_id, keys, order_by=ResourceTable.name)


async def building_of(info: sdk.Info, pk: int | None) -> Building | None:
    row = await sdk.loader(info, load_buildings).load(pk) if pk else None
    return Building.of(row) if row else None


async def floor_of(info: sdk.Info, pk: int | None) -> Floor | None:
    row = await sdk.loader(info, load_floors).load(pk) if pk else None
    return Floor.of(row) if row else None


async def room_of(info: sdk.Info, pk: int | None) -> Bookable | None:
    row = await sdk.loader(info, load_resources).load(pk) if pk else None
    return Bookable.of(row) if row else None


@strawberry.type
class Building:
    id: strawberry.ID
    code: str
    name: str
    address: str
    active: bool
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Building:
        return cls(id=sdk.encode_id("Building", r["id"]), code=r["code"], name=r["name"], address=r["address"],
                   active=r["active"], _pk=r["id"])

    @strawberry.field(description="Its floors, from the lowest.")
    async def floors(self, info: sdk.Info) -> list[Floor]:
        return [Floor.of(r) for r in await sdk.loader(info, load_floors_of_buildings).load(self._pk)]


@strawberry.type
class Floor:
    id: strawberry.ID
    name: str
    level: int
    _pk: strawberry.Private[int]
    _building_id: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Floor:
        return cls(id=sdk.encode_id("Floor", r["id"]), name=r["name"], level=r["level"], _pk=r["id"],
                   _building_id=r["building_id"])

    @strawberry.field
    async def building(self, info: sdk.Info) -> Building | None:
        return await building_of(info, self._building_id)

    @strawberry.field(description="The rooms on this floor.")
    async def rooms(self, info: sdk.Info) -> list[Bookable]:
        return [Bookable.of(r) for r in await sdk.loader(info, load_rooms_of_floors).load(self._pk)]


@strawberry.type(description="A room or a vehicle that members book.")
class Bookable:
    id: strawberry.ID
    kind: str
    name: str
    capacity: int
    equipment: list[str]
    plate: str
    active: bool
    _floor_id: strawberry.Private[int | None]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Bookable:
        return cls(id=sdk.encode_id("Bookable", r["id"]), kind=r["kind"], name=r["name"], capacity=r["capacity"],
                   equipment=services.equipment_list(r["equipment"]), plate=r["plate"], active=r["active"],
                   _floor_id=r["floor_id"])

    @strawberry.field(description="The floor a room is on.")
    async def floor(self, info: sdk.Info) -> Floor | None:
        return await floor_of(info, self._floor_id)

    @strawberry.field(description="The building a room is in.")
    async def building(self, info: sdk.Info) -> Building | None:
        floor = await sdk.loader(info, load_floors).load(self._floor_id) if self._floor_id else None
        return await building_of(info, floor["building_id"]) if floor else None


@strawberry.type
class Booking:
    id: strawberry.ID
    resource_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    purpose: str
    booked_by_id: strawberry.ID | None
    _resource_pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Booking:
        return cls(id=sdk.encode_id("Booking", r["id"]), resource_id=sdk.encode_id("Bookable", r["resource_id"]),
                   starts_at=r["starts_at"], ends_at=r["ends_at"], purpose=r["purpose"],
                   booked_by_id=user_gid(r["booked_by"]), _resource_pk=r["resource_id"])

    @strawberry.field(description="The room or vehicle booked.")
    async def resource(self, info: sdk.Info) -> Bookable | None:
        return await room_of(info, self._resource_pk)


@strawberry.input
class BuildingInput:
    code: str
    name: str
    address: str = ""


@strawberry.input
class UpdateBuildingInput:
    id: strawberry.ID
    code: str | None = None
    name: str | None = None
    address: str | None = None
    active: bool | None = None


@strawberry.input
class FloorInput:
    building_id: strawberry.ID
    name: str
    level: int = 0


@strawberry.input
class UpdateFloorInput:
    id: strawberry.ID
    name: str | None = None
    level: int | None = None


@strawberry.input
class BookableInput:
    kind: str = strawberry.field(description="room or vehicle")
    name: str
    floor_id: strawberry.ID | None = strawberry.field(default=None, description="The floor of a room.")
    capacity: int = 0
    equipment: list[str] = strawberry.field(default_factory=list, description="Projector, whiteboard, TV ...")
    plate: str = ""


@strawberry.input
class UpdateBookableInput:
    id: strawberry.ID
    kind: str | None = strawberry.field(default=None, description="Cannot change; accepted when it is the same.")
    name: str | None = None
    floor_id: strawberry.ID | None = None
    clear_floor: bool = False
    capacity: int | None = None
    equipment: list[str] | None = None
    plate: str | None = None
    active: bool | None = strawberry.field(default=None, description="False takes it out of use: no new bookings.")


@strawberry.input
class BookingInput:
    resource_id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    purpose: str = ""


@strawberry.type
class BuildingPayload(sdk.Payload):
    building: Building | None = None


@strawberry.type
class FloorPayload(sdk.Payload):
    floor: Floor | None = None


@strawberry.type
class BookablePayload(sdk.Payload):
    bookable: Bookable | None = None


@strawberry.type
class BookingPayload(sdk.Payload):
    booking: Booking | None = None


def _opt(value: strawberry.ID | None, kind: str) -> int | None:
    return sdk.decode_id(value, kind) if value else None


@strawberry.type
class FacilitiesQuery:
    @sdk.field(self_service=True, description="The company's buildings (with their floors and rooms).")
    async def buildings(self, include_inactive: bool = False, first: int | None = 50,
                        after: str | None = None) -> sdk.Connection[Building]:
        return await sdk.paginate(BuildingTable, node=Building.of, first=first, after=after, order_by=BuildingTable.code,
                                  where=None if include_inactive else BuildingTable.active == True)  # noqa: E712

    @sdk.field(self_service=True)
    async def building(self, id: strawberry.ID) -> Building:
        return Building.of(await get_row(BuildingTable, sdk.decode_id(id, "Building")))

    @sdk.field(self_service=True, description="Floors, of one building or of all.")
    async def floors(self, building_id: strawberry.ID | None = None, first: int | None = 100,
                     after: str | None = None) -> sdk.Connection[Floor]:
        return await sdk.paginate(FloorTable, node=Floor.of, first=first, after=after, order_by=FloorTable.building_id,
                                  where=FloorTable.building_id == _opt(building_id, "Building") if building_id else None)

    @sdk.field(self_service=True)
    async def floor(self, id: strawberry.ID) -> Floor:
        return Floor.of(await get_row(FloorTable, sdk.decode_id(id, "Floor")))

    @sdk.field(self_service=True, description="One room or vehicle.")
    async def bookable(self, id: strawberry.ID) -> Bookable:
        return Bookable.of(await get_row(ResourceTable, sdk.decode_id(id, "Bookable")))

    @sdk.field(self_service=True, description="Rooms and vehicles that can be booked; with freeFrom and freeUntil, "
                                               "only those with no booking in that time.")
    async def bookables(self, kind: str | None = None, building_id: strawberry.ID | None = None,
                        floor_id: strawberry.ID | None = None, min_capacity: int | None = None,
                        free_from: datetime | None = None, free_until: datetime | None = None,
                        include_inactive: bool = False, first: int | None = 50,
                        after: str | None = None) -> sdk.Connection[Bookable]:
        floors = None
        if building_id:
            floors = [r["id"] for r in await FloorTable.select(FloorTable.id).where(
                FloorTable.building_id == sdk.decode_id(building_id, "Building"))]
        busy = None
        if free_from and free_until:
            busy = [r["resource_id"] for r in await BookingTable.select(BookingTable.resource_id).where(
                (BookingTable.starts_at < free_until) & (BookingTable.ends_at > free_from))]
        where = sdk.all_of(ResourceTable.kind == kind if kind else None,
                           None if include_inactive else ResourceTable.active == True,  # noqa: E712
                           ResourceTable.floor_id.is_in(floors or [0]) if floors is not None else None,
                           ResourceTable.floor_id == _opt(floor_id, "Floor") if floor_id else None,
                           ResourceTable.capacity >= min_capacity if min_capacity else None,
                           ResourceTable.id.not_in(busy) if busy else None)
        return await sdk.paginate(ResourceTable, node=Bookable.of, first=first, after=after, where=where,
                                  order_by=ResourceTable.name)

    @sdk.field(self_service=True, description="Bookings of a room or vehicle between two times (its calendar).")
    async def bookings(self, resource_id: strawberry.ID, start: datetime, end: datetime) -> list[Booking]:
        rows = await BookingTable.select().where((BookingTable.resource_id == sdk.decode_id(resource_id, "Bookable"))
                                                 & (BookingTable.starts_at < end) & (BookingTable.ends_at > start)
                                                 ).order_by(BookingTable.starts_at)
        return [Booking.of(r) for r in rows]

    @sdk.field(self_service=True, description="Your bookings that end after a time (now when omitted).")
    async def my_bookings(self, info: sdk.Info, since: datetime | None = None) -> list[Booking]:
        rows = await BookingTable.select().where((BookingTable.booked_by == (info.context.actor.user_id or 0))
                                                 & (BookingTable.ends_at > (since or datetime.now(UTC)))
                                                 ).order_by(BookingTable.starts_at)
        return [Booking.of(r) for r in rows]


@strawberry.type
class FacilitiesMutation:
    @sdk.mutation(MANAGE)
    async def create_building(self, input: BuildingInput) -> BuildingPayload:
        pk = await services.create_building(input.code, input.name, input.address)
        return BuildingPayload(building=Building.of(await get_row(BuildingTable, pk)))

    @sdk.mutation(MANAGE, description="Rename a building, change its address, or take it out of use.")
    async def update_building(self, input: UpdateBuildingInput) -> BuildingPayload:
        pk = sdk.decode_id(input.id, "Building")
        await services.update_building(pk, code=input.code, name=input.name, address=input.address,
                                       active=input.active)
        return BuildingPayload(building=Building.of(await get_row(BuildingTable, pk)))

    @sdk.mutation(MANAGE)
    async def create_floor(self, input: FloorInput) -> FloorPayload:
        pk = await services.create_floor(sdk.decode_id(input.building_id, "Building"), input.name, input.level)
        return FloorPayload(floor=Floor.of(await get_row(FloorTable, pk)))

    @sdk.mutation(MANAGE)
    async def update_floor(self, input: UpdateFloorInput) -> FloorPayload:
        pk = sdk.decode_id(input.id, "Floor")
        await services.update_floor(pk, name=input.name, level=input.level)
        return FloorPayload(floor=Floor.of(await get_row(FloorTable, pk)))

    @sdk.mutation(MANAGE, description="Add a room (on a floor) or a vehicle.")
    async def create_bookable(self, input: BookableInput) -> BookablePayload:
        pk = await services.create_resource(kind=input.kind, name=input.name, floor_id=_opt(input.floor_id, "Floor"),
                                            capacity=input.capacity, equipment=input.equipment, plate=input.plate)
        return BookablePayload(bookable=Bookable.of(await get_row(ResourceTable, pk)))

    @sdk.mutation(MANAGE, description="Change a room or vehicle: its floor, capacity, equipment, or whether in use.")
    async def update_bookable(self, input: UpdateBookableInput) -> BookablePayload:
        pk = sdk.decode_id(input.id, "Bookable")
        await services.update_resource(pk, kind=input.kind, name=input.name, floor_id=_opt(input.floor_id, "Floor"),
                                       clear_floor=input.clear_floor, capacity=input.capacity,
                                       equipment=input.equipment, plate=input.plate, active=input.active)
        return BookablePayload(bookable=Bookable.of(await get_row(ResourceTable, pk)))

    @sdk.mutation(self_service=True, description="Book a room or vehicle; overlapping bookings are refused.")
    async def book(self, info: sdk.Info, input: BookingInput) -> BookingPayload:
        try:
            pk = await services.book(sdk.decode_id(input.resource_id, "Bookable"), input.starts_at, input.ends_at,
                                     input.purpose, info.context.actor.user_id)
        except Exception as exc:
            if services.is_overlap_violation(exc):  # the database saw the race the check could not
                raise sdk.Conflict(services.OVERLAP, field="startsAt") from exc
            raise
        return BookingPayload(booking=Booking.of(await get_row(BookingTable, pk)))

    @sdk.mutation(self_service=True, description="Cancel your booking (general affairs may cancel any).")
    async def cancel_booking(self, info: sdk.Info, id: strawberry.ID) -> BookingPayload:
        row = await services.cancel_booking(sdk.decode_id(id, "Booking"), user_id=info.context.actor.user_id,
                                            manager=await sdk.has_permission(info, MANAGE))
        return BookingPayload(booking=Booking.of(row))

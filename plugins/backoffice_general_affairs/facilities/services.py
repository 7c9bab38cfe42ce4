"""Facility rules: buildings with unique codes and their floors; rooms sit on a floor and
carry a capacity and an equipment list; vehicles carry a plate. A booking ends after it starts
and two bookings of one room or vehicle never overlap. On PostgreSQL an exclusion constraint
refuses the overlap even when two requests race; the check here gives the clear message first."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound

from ..common import get_row, text
from ..company_events.tables import CompanyEvent
from .tables import Booking, Building, Floor, Resource

OVERLAP = ("This time overlaps another booking.", "Waktu ini bertabrakan dengan pemesanan lain.")
KINDS = ("room", "vehicle")


# -- buildings and floors ------------------------------------------------------------------


async def create_building(code: str, name: str, address: str) -> int:
    code, name = text(code, 16).upper(), text(name, 200)
    if not code or not name:
        raise BadUserInput(("Give the building a code and a name.", "Beri gedung kode dan nama."), field="code")
    if await Building.exists().where(Building.code == code):
        raise Conflict((f"Code {code} is taken.", f"Kode {code} sudah dipakai."), field="code")
    result = await Building.insert(Building(code=code, name=name, address=address or ""))
    return result[0]["id"]


async def update_building(pk: int, *, code: str | None, name: str | None, address: str | None,
                          active: bool | None) -> None:
    row = await get_row(Building, pk)
    values: dict[Any, Any] = {}
    if code is not None and text(code, 16).upper() != row["code"]:
        code = text(code, 16).upper()
        if not code:
            raise BadUserInput(("Give the building a code.", "Beri gedung kode."), field="code")
        if await Building.exists().where(Building.code == code):
            raise Conflict((f"Code {code} is taken.", f"Kode {code} sudah dipakai."), field="code")
        values[Building.code] = code
    if name is not None:
        if not name.strip():
            raise BadUserInput(("Give the building a name.", "Beri gedung nama."), field="name")
        values[Building.name] = text(name, 200)
    if address is not None:
        values[Building.address] = address
    if active is not None:
        values[Building.active] = active
    if values:
        await Building.update(values).where(Building.id == pk)


async def create_floor(building_id: int, name: str, level: int) -> int:
    await get_row(Building, building_id)
    if not name.strip():
        raise BadUserInput(("Give the floor a name.", "Beri lantai nama."), field="name")
    if await Floor.exists().where((Floor.building_id == building_id) & (Floor.name == text(name, 50))):
        raise Conflict(("This building already has a floor of that name.",
                        "Gedung ini sudah memiliki lantai dengan nama itu."), field="name")
    result = await Floor.insert(Floor(building_id=building_id, name=text(name, 50), level=level))
    return result[0]["id"]


async def update_floor(pk: int, *, name: str | None, level: int | None) -> None:
    floor = await get_row(Floor, pk)
    values: dict[Any, Any] = {}
    if name is not None:
        if not name.strip():
            raise BadUserInput(("Give the floor a name.", "Beri lantai nama."), field="name")
        if await Floor.exists().where((Floor.building_id == floor["building_id"]) & (Floor.name == text(name, 50))
                                      & (Floor.id != pk)):
            raise Conflict(("This building already has a floor of that name.",
                            "Gedung ini sudah memiliki lantai dengan nama itu."), field="name")
        values[Floor.name] = text(name, 50)
    if level is not None:
        values[Floor.level] = level
    if values:
        await Floor.update(values).where(Floor.id == pk)


async def resolve_location(building_id: int | None, floor_id: int | None,
                           room_id: int | None) -> tuple[int | None, int | None, int | None]:
    """The full place (building, floor, room) named by any part of it: a room gives its floor
    and building, a floor its building. Parts that disagree are refused."""
    if room_id is not None:
        room = await get_row(Resource, room_id)
        if room["kind"] != "room":
            raise BadUserInput(("That is not a room.", "Itu bukan ruangan."), field="roomId")
        if room["floor_id"] is None:
            if floor_id is not None or building_id is not None:
                raise BadUserInput(("The room is not on that floor.", "Ruangan tidak berada di lantai itu."),
                                   field="roomId")
            return None, None, room_id
        if floor_id is not None and floor_id != room["floor_id"]:
            raise BadUserInput(("The room is not on that floor.", "Ruangan tidak berada di lantai itu."), field="roomId")
        floor_id = room["floor_id"]
    if floor_id is not None:
        floor = await get_row(Floor, floor_id)
        if building_id is not None and building_id != floor["building_id"]:
            raise BadUserInput(("The floor is not in that building.", "Lantai tidak berada di gedung itu."),
                               field="floorId")
        building_id = floor["building_id"]
    if building_id is not None:
        await get_row(Building, building_id)
    return building_id, floor_id, room_id


# -- rooms and vehicles ---------------------------------------------------------------------


def equipment_list(stored: str | None) -> list[str]:
    """A room's equipment: stored as a JSON list; older rows hold comma-separated text."""
    stored = (stored or "").strip()
    if stored.startswith("["):
        try:
            return [str(x) for x in json.loads(stored)]
        except ValueError:
            pass
    return [part.strip() for part in re.split(r"[,\n]", stored) if part.strip()]


def equipment_json(items: list[str] | None) -> str:
    seen: list[str] = []
    for given in items or []:
        for item in re.split(r"[,\n]", given):  # "TV, whiteboard" typed in one box is two items
            item = item.strip()[:100]
            if item and item.lower() not in (s.lower() for s in seen):
                seen.append(item)
    return json.dumps(seen, ensure_ascii=False)


def _check_resource(kind: str, name: str, capacity: int, floor_id: int | None) -> None:
    if kind not in KINDS or not name.strip():
        raise BadUserInput(("Give a name and a kind: room or vehicle.", "Beri nama dan jenis: room atau vehicle."),
                           field="name")
    if capacity < 0:
        raise BadUserInput(("The capacity cannot be negative.", "Kapasitas tidak boleh negatif."), field="capacity")
    if kind == "vehicle" and floor_id is not None:
        raise BadUserInput(("A vehicle is not on a floor.", "Kendaraan tidak berada di lantai."), field="floorId")


async def create_resource(*, kind: str, name: str, floor_id: int | None, capacity: int, equipment: list[str],
                          plate: str) -> int:
    _check_resource(kind, name, capacity, floor_id)
    if floor_id is not None:
        await get_row(Floor, floor_id)
    result = await Resource.insert(Resource(kind=kind, name=text(name, 200), floor_id=floor_id, capacity=capacity,
                                            equipment=equipment_json(equipment), plate=text(plate, 20)))
    return result[0]["id"]


async def update_resource(pk: int, *, kind: str | None, name: str | None, floor_id: int | None, clear_floor: bool,
                          capacity: int | None, equipment: list[str] | None, plate: str | None,
                          active: bool | None) -> None:
    row = await get_row(Resource, pk)
    if kind is not None and kind != row["kind"]:
        raise BadUserInput(("A room stays a room and a vehicle a vehicle.",
                            "Ruangan tetap ruangan dan kendaraan tetap kendaraan."), field="kind")
    new_floor = None if clear_floor else (floor_id if floor_id is not None else row["floor_id"])
    _check_resource(row["kind"], name if name is not None else row["name"],
                    capacity if capacity is not None else row["capacity"], new_floor)
    if floor_id is not None:
        await get_row(Floor, floor_id)
    values: dict[Any, Any] = {Resource.floor_id: new_floor}
    if name is not None:
        values[Resource.name] = text(name, 200)
    if capacity is not None:
        values[Resource.capacity] = capacity
    if equipment is not None:
        values[Resource.equipment] = equipment_json(equipment)
    if plate is not None:
        values[Resource.plate] = text(plate, 20)
    if active is not None:
        values[Resource.active] = active
    await Resource.update(values).where(Resource.id == pk)


# -- bookings -------------------------------------------------------------------------------


async def book(resource_id: int, starts_at: datetime, ends_at: datetime, purpose: str, user_id: int | None,
               kind: str | None = None) -> int:
    """Book ``resource_id``; ``kind`` (room or vehicle) when the caller needs one of them."""
    query = Resource.select(Resource.id, Resource.kind, Resource.active).where(Resource.id == resource_id)
    if Resource._meta.db.engine_type == "postgres":
        # Bookings of one resource queue here: two racing inserts would otherwise wait on each
        # other's speculative insertion in the exclusion constraint and deadlock.
        query = query.lock_rows("NO KEY UPDATE")
    found = await query
    if not found:
        raise NotFound()
    if kind is not None and found[0]["kind"] != kind:
        raise BadUserInput(("That is not a room.", "Itu bukan ruangan."), field="roomId")
    if not found[0]["active"]:
        raise Conflict(("This room or vehicle is out of use.", "Ruangan atau kendaraan ini tidak digunakan."),
                       field="resourceId")
    if ends_at <= starts_at:
        raise BadUserInput(("The booking ends before it starts.", "Pemesanan berakhir sebelum dimulai."), field="endsAt")
    if await Booking.exists().where((Booking.resource_id == resource_id) & (Booking.starts_at < ends_at)
                                    & (Booking.ends_at > starts_at)):
        raise Conflict(OVERLAP, field="startsAt")
    result = await Booking.insert(Booking(resource_id=resource_id, starts_at=starts_at, ends_at=ends_at,
                                          purpose=(purpose or "")[:200], booked_by=user_id))
    return result[0]["id"]


async def cancel_booking(pk: int, *, user_id: int | None, manager: bool) -> dict[str, Any]:
    """Cancel a booking: its maker's own, or any for facility managers. Returns it."""
    row = await get_row(Booking, pk)
    if await CompanyEvent.exists().where(CompanyEvent.booking_id == pk):
        raise Conflict(("This booking is the venue of a company event: change the event instead.",
                        "Pemesanan ini adalah tempat acara perusahaan: ubah acaranya saja."))
    if not manager and row["booked_by"] != user_id:
        raise Forbidden(("Only who booked it, or general affairs, cancels a booking.",
                         "Hanya pemesan, atau urusan umum, yang dapat membatalkan pemesanan."))
    await Booking.delete().where(Booking.id == pk)
    return row


def is_overlap_violation(exc: BaseException) -> bool:
    """The database's own refusal of an overlap (PostgreSQL exclusion constraint)."""
    return "ga_bookings_no_overlap" in str(exc)

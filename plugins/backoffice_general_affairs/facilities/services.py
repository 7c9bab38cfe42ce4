"""Booking rules: a booking ends after it starts; two bookings of one room or vehicle never
overlap. On PostgreSQL an exclusion constraint refuses the overlap even when two requests race;
the check here gives the clear message first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, NotFound

from .tables import Booking, Resource

OVERLAP = (("This time overlaps another booking.", "Waktu ini bertabrakan dengan pemesanan lain."))


async def create_resource(data: dict[str, Any]) -> int:
    if data.get("kind") not in ("room", "vehicle") or not str(data.get("name", "")).strip():
        raise BadUserInput(("Give a name and a kind: room or vehicle.", "Beri nama dan jenis: room atau vehicle."),
                           field="name")
    result = await Resource.insert(Resource(**data))
    return result[0]["id"]


async def book(resource_id: int, starts_at: datetime, ends_at: datetime, purpose: str, user_id: int | None) -> int:
    query = Resource.select(Resource.id).where(Resource.id == resource_id)
    if Resource._meta.db.engine_type == "postgres":
        # Bookings of one resource queue here: two racing inserts would otherwise wait on each
        # other's speculative insertion in the exclusion constraint and deadlock.
        query = query.lock_rows("NO KEY UPDATE")
    if not await query:
        raise NotFound()
    if ends_at <= starts_at:
        raise BadUserInput(("The booking ends before it starts.", "Pemesanan berakhir sebelum dimulai."), field="endsAt")
    if await Booking.exists().where((Booking.resource_id == resource_id) & (Booking.starts_at < ends_at)
                                    & (Booking.ends_at > starts_at)):
        raise Conflict(OVERLAP, field="startsAt")
    result = await Booking.insert(Booking(resource_id=resource_id, starts_at=starts_at, ends_at=ends_at,
                                          purpose=(purpose or "")[:200], booked_by=user_id))
    return result[0]["id"]


def is_overlap_violation(exc: BaseException) -> bool:
    """The database's own refusal of an overlap (PostgreSQL exclusion constraint)."""
    return "ga_bookings_no_overlap" in str(exc)

"""Travel rules: a member asks to travel (one or more stops, dates in order, an estimated cost
and a cash advance no larger than it); an approver who is not the traveller approves or
rejects; tickets, hotels and cars are recorded against an approved trip; the traveller may
cancel before settlement; settling records the actual cost once and tells finance
(``ga.travel_settled``)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput, Conflict, Forbidden, NotFound, encode_id, publish

from .. import notifications
from ..common import currency, get_row, money, text
from .tables import TravelBooking, TravelRequest

BOOKING_KINDS = ("flight", "hotel", "train", "car", "other")
LABELS = {"submitted": ("waiting for a decision", "menunggu keputusan"), "approved": ("approved", "disetujui"),
          "rejected": ("rejected", "ditolak"), "cancelled": ("cancelled", "dibatalkan"),
          "settled": ("settled", "diselesaikan")}


def visible(row: dict[str, Any], user_id: int | None, approver: bool) -> bool:
    return approver or (user_id is not None and row["traveller_user_id"] == user_id)


def _already(row: dict[str, Any]) -> Conflict:
    label = LABELS[row["status"]]
    return Conflict((f"This trip is {label[0]}.", f"Perjalanan ini {label[1]}."), field="id")


async def request(*, traveller: int, destinations: list[str], departs_on: date, returns_on: date, purpose: str,
                  estimated_cost: Decimal, advance: Decimal) -> int:
    stops = [text(d, 100) for d in destinations if d and d.strip()]
    if not stops or returns_on < departs_on:
        raise BadUserInput(("Give a destination and dates in order.", "Beri tujuan dan tanggal yang berurutan."),
                           field="returnsOn")
    money(estimated_cost, "estimatedCost")
    money(advance, "advance")
    if advance > estimated_cost:
        raise BadUserInput(("The cash advance cannot be more than the estimated cost.",
                            "Uang muka tidak boleh melebihi perkiraan biaya."), field="advance")
    result = await TravelRequest.insert(TravelRequest(
        traveller_user_id=traveller, destination=", ".join(stops)[:200], destinations=stops, purpose=purpose or "",
        departs_on=departs_on, returns_on=returns_on, estimated_cost=estimated_cost, advance=advance))
    return result[0]["id"]


async def decide(pk: int, *, approve: bool, note: str, user_id: int | None) -> None:
    row = await get_row(TravelRequest, pk)
    if row["traveller_user_id"] == user_id:
        raise Forbidden(("Nobody approves their own trip.", "Tidak ada yang menyetujui perjalanannya sendiri."))
    if row["status"] != "submitted":
        raise Conflict(("This request has been decided.", "Permintaan ini sudah diputuskan."))
    await TravelRequest.update({TravelRequest.status: "approved" if approve else "rejected",
                                TravelRequest.decided_by: user_id, TravelRequest.decided_at: datetime.now(UTC),
                                TravelRequest.decision_note: note.strip()}).where(TravelRequest.id == pk)
    await notifications.travel_decided(pk, user_id)


async def cancel(pk: int, *, user_id: int | None, approver: bool) -> None:
    row = await get_row(TravelRequest, pk)
    if not visible(row, user_id, approver):
        raise NotFound()
    if row["status"] not in ("submitted", "approved"):
        raise _already(row)
    await TravelRequest.update({TravelRequest.status: "cancelled"}).where(TravelRequest.id == pk)


async def add_booking(pk: int, *, user_id: int | None, approver: bool, kind: str, vendor: str, reference: str,
                      starts_on: date, ends_on: date | None, cost: Decimal, currency_code: str, note: str) -> int:
    row = await get_row(TravelRequest, pk)
    if not visible(row, user_id, approver):
        raise NotFound()
    if row["status"] != "approved":
        raise Conflict(("Bookings are recorded on an approved trip that is not settled yet.",
                        "Pemesanan dicatat pada perjalanan yang disetujui dan belum diselesaikan."), field="id")
    if kind not in BOOKING_KINDS:
        raise BadUserInput(("Choose a kind: flight, hotel, train, car or other.",
                            "Pilih jenis: flight, hotel, train, car, atau other."), field="kind")
    if ends_on is not None and ends_on < starts_on:
        raise BadUserInput(("The booking ends before it starts.", "Pemesanan berakhir sebelum dimulai."),
                           field="endsOn")
    money(cost, "cost")
    result = await TravelBooking.insert(TravelBooking(
        travel_request_id=pk, kind=kind, vendor=text(vendor, 200), reference=text(reference, 100), starts_on=starts_on,
        ends_on=ends_on, cost=cost, currency=currency(currency_code), note=text(note, 300), created_by=user_id))
    return result[0]["id"]


async def remove_booking(booking_id: int, *, user_id: int | None, approver: bool) -> int:
    booking = await get_row(TravelBooking, booking_id)
    row = await get_row(TravelRequest, booking["travel_request_id"])
    if not visible(row, user_id, approver):
        raise NotFound()
    if row["status"] != "approved":
        raise _already(row)
    await TravelBooking.delete().where(TravelBooking.id == booking_id)
    return row["id"]


async def settle(pk: int, *, actual_cost: Decimal | None, settled_on: date, notes: str) -> None:
    row = await get_row(TravelRequest, pk)
    if row["status"] != "approved":
        raise Conflict(("Only an approved trip is settled, once.", "Hanya perjalanan disetujui yang diselesaikan, sekali."))
    if actual_cost is None:
        bookings = await TravelBooking.select(TravelBooking.cost, TravelBooking.currency).where(
            TravelBooking.travel_request_id == pk)
        if not bookings or any(b["currency"] != "IDR" for b in bookings):
            raise BadUserInput(("Give the actual cost (it comes from the bookings only when all are in IDR).",
                                "Beri biaya aktual (diambil dari pemesanan hanya jika semuanya dalam IDR)."),
                               field="actualCost")
        actual_cost = sum((Decimal(b["cost"]) for b in bookings), Decimal(0))
    if not actual_cost.is_finite() or actual_cost < 0:
        raise BadUserInput(("The cost cannot be negative.", "Biaya tidak boleh negatif."), field="actualCost")
    money(actual_cost, "actualCost")
    await TravelRequest.update({TravelRequest.status: "settled", TravelRequest.actual_cost: actual_cost,
                                TravelRequest.settled_on: settled_on, TravelRequest.bookings: notes or ""}).where(
        TravelRequest.id == pk)
    await publish("ga.travel_settled", {
        "travel_request_id": encode_id("TravelRequest", pk),
        "traveller": encode_id("User", row["traveller_user_id"]), "destination": row["destination"],
        "settled_on": settled_on.isoformat(), "currency": "IDR", "actual_cost": str(actual_cost),
        "advance_paid": str(row["advance"])})

"""What general affairs holds about one person (UU PDP): their business trips and what was
booked for them, for their export; and what anonymising a former employee removes here.

A trip's dates, destination and amounts stay: they were posted to the books (advances and
settlements are kept with the bookkeeping for 10 years under KUP). The purpose, notes and
booking references (a PNR names the passenger) go.
"""

from __future__ import annotations

from backoffice.sdk import PersonalDataSection, Text, encode_id

from .travel.tables import TravelBooking, TravelRequest


async def export(user_id: int | None) -> list[PersonalDataSection]:
    if user_id is None:
        return []
    trips = await TravelRequest.select().where(TravelRequest.traveller_user_id == user_id).order_by(TravelRequest.id)
    bookings = await TravelBooking.select().where(
        TravelBooking.travel_request_id.is_in([t["id"] for t in trips] or [0])).order_by(TravelBooking.id)
    return [PersonalDataSection("ga.travel", Text("Your business trips", "Perjalanan dinas Anda"), rows=tuple(
        {"destination": t["destination"], "purpose": t["purpose"], "departs_on": t["departs_on"],
         "returns_on": t["returns_on"], "estimated_cost": t["estimated_cost"], "advance": t["advance"],
         "status": t["status"], "decision_note": t["decision_note"], "actual_cost": t["actual_cost"],
         "settled_on": t["settled_on"], "created_at": t["created_at"],
         "bookings": [{"kind": b["kind"], "vendor": b["vendor"], "reference": b["reference"],
                       "starts_on": b["starts_on"], "ends_on": b["ends_on"], "cost": b["cost"],
                       "currency": b["currency"], "note": b["note"]}
                      for b in bookings if b["travel_request_id"] == t["id"]]} for t in trips))]


async def anonymise(user_id: int | None) -> list[str]:
    if user_id is None:
        return []
    trips = [r["id"] for r in await TravelRequest.select(TravelRequest.id).where(
        TravelRequest.traveller_user_id == user_id)]
    if not trips:
        return []
    await TravelRequest.update({TravelRequest.purpose: "", TravelRequest.decision_note: "",
                                TravelRequest.bookings: ""}).where(TravelRequest.id.is_in(trips))
    bookings = [r["id"] for r in await TravelBooking.select(TravelBooking.id).where(
        TravelBooking.travel_request_id.is_in(trips))]
    await TravelBooking.update({TravelBooking.reference: "", TravelBooking.note: ""}).where(
        TravelBooking.travel_request_id.is_in(trips))
    return [encode_id("TravelRequest", i) for i in trips] + [encode_id("TravelBooking", i) for i in bookings]

"""GraphQL of business travel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from .tables import TravelRequest as TravelTable

APPROVE = "ga.travel.approve"


@strawberry.type
class TravelRequest:
    id: strawberry.ID
    traveller_id: strawberry.ID
    destination: str
    purpose: str
    departs_on: date
    returns_on: date
    estimated_cost: Decimal
    advance: Decimal
    status: str
    actual_cost: Decimal | None
    bookings: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> TravelRequest:
        return cls(id=sdk.encode_id("TravelRequest", r["id"]), traveller_id=sdk.encode_id("User", r["traveller_user_id"]),
                   destination=r["destination"], purpose=r["purpose"], departs_on=r["departs_on"],
                   returns_on=r["returns_on"], estimated_cost=Decimal(r["estimated_cost"]), advance=Decimal(r["advance"]),
                   status=r["status"], bookings=r["bookings"],
                   actual_cost=Decimal(r["actual_cost"]) if r["actual_cost"] is not None else None)


@strawberry.input
class TravelRequestInput:
    destination: str
    departs_on: date
    returns_on: date
    purpose: str = ""
    estimated_cost: Decimal = Decimal(0)
    advance: Decimal = Decimal(0)


@strawberry.input
class TravelDecisionInput:
    id: strawberry.ID
    approve: bool


@strawberry.input
class SettleTravelInput:
    id: strawberry.ID
    actual_cost: Decimal
    settled_on: date
    bookings: str = ""


@strawberry.type
class TravelPayload(sdk.Payload):
    travel_request: TravelRequest | None = None


async def _get(pk: int) -> dict[str, Any]:
    row = await TravelTable.select().where(TravelTable.id == pk).first()
    if row is None:
        raise sdk.NotFound()
    return row


@strawberry.type
class TravelQuery:
    @sdk.field(APPROVE, description="Every travel request.")
    async def travel_requests(self, status: str | None = None, first: int | None = 20,
                              after: str | None = None) -> sdk.Connection[TravelRequest]:
        return await sdk.paginate(TravelTable, node=TravelRequest.of, first=first, after=after, descending=True,
                                  where=TravelTable.status == status if status else None)

    @sdk.field(self_service=True)
    async def my_travel_requests(self, info: sdk.Info) -> list[TravelRequest]:
        rows = await TravelTable.select().where(TravelTable.traveller_user_id == (info.context.actor.user_id or 0))
        return [TravelRequest.of(r) for r in rows]


@strawberry.type
class TravelMutation:
    @sdk.mutation(self_service=True, description="Ask to travel, with the cash advance you need.")
    async def request_travel(self, info: sdk.Info, input: TravelRequestInput) -> TravelPayload:
        if not input.destination.strip() or input.returns_on < input.departs_on or input.advance < 0:
            raise sdk.BadUserInput(("Give a destination and dates in order.", "Beri tujuan dan tanggal yang berurutan."),
                                   field="returnsOn")
        result = await TravelTable.insert(TravelTable(
            traveller_user_id=info.context.actor.user_id, destination=input.destination.strip()[:200],
            purpose=input.purpose, departs_on=input.departs_on, returns_on=input.returns_on,
            estimated_cost=input.estimated_cost, advance=input.advance))
        return TravelPayload(travel_request=TravelRequest.of(await _get(result[0]["id"])))

    @sdk.mutation(APPROVE)
    async def decide_travel_request(self, info: sdk.Info, input: TravelDecisionInput) -> TravelPayload:
        pk = sdk.decode_id(input.id, "TravelRequest")
        row = await _get(pk)
        if row["traveller_user_id"] == info.context.actor.user_id:
            raise sdk.Forbidden(("Nobody approves their own trip.", "Tidak ada yang menyetujui perjalanannya sendiri."))
        if row["status"] != "submitted":
            raise sdk.Conflict(("This request has been decided.", "Permintaan ini sudah diputuskan."))
        await TravelTable.update({TravelTable.status: "approved" if input.approve else "rejected",
                                  TravelTable.decided_by: info.context.actor.user_id}).where(TravelTable.id == pk)
        return TravelPayload(travel_request=TravelRequest.of(await _get(pk)))

    @sdk.mutation(APPROVE, description="Record the actual cost; finance posts it (ga.travel_settled).")
    async def settle_travel(self, input: SettleTravelInput) -> TravelPayload:
        pk = sdk.decode_id(input.id, "TravelRequest")
        row = await _get(pk)
        if row["status"] != "approved":
            raise sdk.Conflict(("Only an approved trip is settled, once.", "Hanya perjalanan disetujui yang diselesaikan, sekali."))
        if input.actual_cost < 0:
            raise sdk.BadUserInput(("The cost cannot be negative.", "Biaya tidak boleh negatif."), field="actualCost")
        await TravelTable.update({TravelTable.status: "settled", TravelTable.actual_cost: input.actual_cost,
                                  TravelTable.bookings: input.bookings}).where(TravelTable.id == pk)
        await sdk.publish("ga.travel_settled", {
            "travel_request_id": sdk.encode_id("TravelRequest", pk),
            "traveller": sdk.encode_id("User", row["traveller_user_id"]), "destination": row["destination"],
            "settled_on": input.settled_on.isoformat(), "currency": "IDR", "actual_cost": str(input.actual_cost),
            "advance_paid": str(row["advance"])})
        return TravelPayload(travel_request=TravelRequest.of(await _get(pk)))

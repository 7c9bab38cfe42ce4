"""GraphQL of business travel: requests, decisions, bookings and settlement."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice import sdk

from ..common import get_row, person, user_gid
from . import services
from .tables import TravelBooking as BookingTable
from .tables import TravelRequest as TravelTable

APPROVE = "ga.travel.approve"


async def load_bookings(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(BookingTable, BookingTable.travel_request_id, keys, order_by=BookingTable.starts_on)


@strawberry.type(description="A ticket, hotel, train, car or other booking made for a trip.")
class TravelBooking:
    id: strawberry.ID
    kind: str = strawberry.field(description="flight, hotel, train, car or other")
    vendor: str
    reference: str
    starts_on: date
    ends_on: date | None
    cost: Decimal
    currency: str
    note: str

    @classmethod
    def of(cls, r: dict[str, Any]) -> TravelBooking:
        return cls(id=sdk.encode_id("TravelBooking", r["id"]), kind=r["kind"], vendor=r["vendor"],
                   reference=r["reference"], starts_on=r["starts_on"], ends_on=r["ends_on"], cost=Decimal(r["cost"]),
                   currency=r["currency"], note=r["note"])


@strawberry.type
class TravelRequest:
    id: strawberry.ID
    traveller_id: strawberry.ID
    destination: str = strawberry.field(description="Every stop, joined.")
    destinations: list[str]
    purpose: str
    departs_on: date
    returns_on: date
    estimated_cost: Decimal
    advance: Decimal
    status: str = strawberry.field(description="submitted, approved, rejected, cancelled or settled")
    decided_by_id: strawberry.ID | None
    decided_at: datetime | None
    decision_note: str
    actual_cost: Decimal | None
    settled_on: date | None
    notes: str = strawberry.field(description="Notes recorded at settlement.")
    _pk: strawberry.Private[int]

    @classmethod
    def of(cls, r: dict[str, Any]) -> TravelRequest:
        stops = r["destinations"]
        stops = json.loads(stops) if isinstance(stops, str) else (stops or [])
        return cls(id=sdk.encode_id("TravelRequest", r["id"]), traveller_id=sdk.encode_id("User", r["traveller_user_id"]),
                   destination=r["destination"], destinations=stops or [r["destination"]], purpose=r["purpose"],
                   departs_on=r["departs_on"], returns_on=r["returns_on"], estimated_cost=Decimal(r["estimated_cost"]),
                   advance=Decimal(r["advance"]), status=r["status"], decided_by_id=user_gid(r["decided_by"]),
                   decided_at=r["decided_at"], decision_note=r["decision_note"],
                   actual_cost=Decimal(r["actual_cost"]) if r["actual_cost"] is not None else None,
                   settled_on=r["settled_on"], notes=r["bookings"], _pk=r["id"])

    @strawberry.field(description="Tickets, hotels and cars booked for the trip.")
    async def bookings(self, info: sdk.Info) -> list[TravelBooking]:
        return [TravelBooking.of(r) for r in await sdk.loader(info, load_bookings).load(self._pk)]

    @strawberry.field(description="What the bookings cost, per currency.")
    async def booked_cost(self, info: sdk.Info) -> list[CurrencyAmount]:
        totals: dict[str, Decimal] = {}
        for r in await sdk.loader(info, load_bookings).load(self._pk):
            totals[r["currency"]] = totals.get(r["currency"], Decimal(0)) + Decimal(r["cost"])
        return [CurrencyAmount(currency=k, amount=v) for k, v in sorted(totals.items())]


@strawberry.type
class CurrencyAmount:
    currency: str
    amount: Decimal


@strawberry.input
class TravelRequestInput:
    destination: str = strawberry.field(default="", description="One stop; or give destinations.")
    destinations: list[str] = strawberry.field(default_factory=list, description="The stops, in order.")
    departs_on: date
    returns_on: date
    purpose: str = ""
    estimated_cost: Decimal = Decimal(0)
    advance: Decimal = strawberry.field(default=Decimal(0), description="The cash advance, at most the estimated cost.")


@strawberry.input
class TravelDecisionInput:
    id: strawberry.ID
    approve: bool
    note: str = ""


@strawberry.input
class TravelBookingInput:
    travel_request_id: strawberry.ID
    kind: str = strawberry.field(description="flight, hotel, train, car or other")
    starts_on: date
    ends_on: date | None = None
    vendor: str = ""
    reference: str = strawberry.field(default="", description="Booking code or PNR.")
    cost: Decimal = Decimal(0)
    currency: str = "IDR"
    note: str = ""


@strawberry.input
class SettleTravelInput:
    id: strawberry.ID
    settled_on: date
    actual_cost: Decimal | None = strawberry.field(
        default=None, description="When omitted, the sum of the bookings (all of them in IDR).")
    notes: str = ""


@strawberry.type
class TravelPayload(sdk.Payload):
    travel_request: TravelRequest | None = None


@strawberry.type
class TravelBookingPayload(sdk.Payload):
    travel_booking: TravelBooking | None = None
    travel_request: TravelRequest | None = None


@strawberry.type
class TravelQuery:
    @sdk.field(APPROVE, description="Every travel request, newest first.")
    async def travel_requests(self, status: str | None = None, first: int | None = 20,
                              after: str | None = None) -> sdk.Connection[TravelRequest]:
        return await sdk.paginate(TravelTable, node=TravelRequest.of, first=first, after=after, descending=True,
                                  where=TravelTable.status == status if status else None)

    @sdk.field(self_service=True, description="Your travel requests, newest first.")
    async def my_travel_requests(self, info: sdk.Info) -> list[TravelRequest]:
        rows = await TravelTable.select().where(TravelTable.traveller_user_id == (info.context.actor.user_id or 0)
                                                ).order_by(TravelTable.id, ascending=False)
        return [TravelRequest.of(r) for r in rows]

    @sdk.field(self_service=True, description="One travel request: yours, or any for approvers.")
    async def travel_request(self, info: sdk.Info, id: strawberry.ID) -> TravelRequest:
        row = await get_row(TravelTable, sdk.decode_id(id, "TravelRequest"))
        if not services.visible(row, info.context.actor.user_id, await sdk.has_permission(info, APPROVE)):
            raise sdk.NotFound()
        return TravelRequest.of(row)


@strawberry.type
class TravelMutation:
    @sdk.mutation(self_service=True, description="Ask to travel, with the cash advance you need.")
    async def request_travel(self, info: sdk.Info, input: TravelRequestInput) -> TravelPayload:
        pk = await services.request(
            traveller=person(info), destinations=[input.destination, *input.destinations], departs_on=input.departs_on,
            returns_on=input.returns_on, purpose=input.purpose, estimated_cost=input.estimated_cost,
            advance=input.advance)
        return TravelPayload(travel_request=TravelRequest.of(await get_row(TravelTable, pk)))

    @sdk.mutation(APPROVE, description="Approve or reject a trip (never your own).")
    async def decide_travel_request(self, info: sdk.Info, input: TravelDecisionInput) -> TravelPayload:
        pk = sdk.decode_id(input.id, "TravelRequest")
        await services.decide(pk, approve=input.approve, note=input.note, user_id=info.context.actor.user_id)
        return TravelPayload(travel_request=TravelRequest.of(await get_row(TravelTable, pk)))

    @sdk.mutation(self_service=True, description="Call off a trip before it is settled (yours, or any for approvers).")
    async def cancel_travel_request(self, info: sdk.Info, id: strawberry.ID) -> TravelPayload:
        pk = sdk.decode_id(id, "TravelRequest")
        await services.cancel(pk, user_id=info.context.actor.user_id, approver=await sdk.has_permission(info, APPROVE))
        return TravelPayload(travel_request=TravelRequest.of(await get_row(TravelTable, pk)))

    @sdk.mutation(self_service=True, description="Record a booking on an approved trip (yours, or any for approvers).")
    async def add_travel_booking(self, info: sdk.Info, input: TravelBookingInput) -> TravelBookingPayload:
        trip = sdk.decode_id(input.travel_request_id, "TravelRequest")
        pk = await services.add_booking(
            trip, user_id=info.context.actor.user_id, approver=await sdk.has_permission(info, APPROVE),
            kind=input.kind, vendor=input.vendor, reference=input.reference, starts_on=input.starts_on,
            ends_on=input.ends_on, cost=input.cost, currency_code=input.currency, note=input.note)
        return TravelBookingPayload(travel_booking=TravelBooking.of(await get_row(BookingTable, pk)),
                                    travel_request=TravelRequest.of(await get_row(TravelTable, trip)))

    @sdk.mutation(self_service=True, description="Remove a booking from a trip that is not settled yet.")
    async def remove_travel_booking(self, info: sdk.Info, id: strawberry.ID) -> TravelBookingPayload:
        trip = await services.remove_booking(sdk.decode_id(id, "TravelBooking"), user_id=info.context.actor.user_id,
                                             approver=await sdk.has_permission(info, APPROVE))
        return TravelBookingPayload(travel_request=TravelRequest.of(await get_row(TravelTable, trip)))

    @sdk.mutation(APPROVE, description="Record the actual cost; finance posts it (ga.travel_settled).")
    async def settle_travel(self, input: SettleTravelInput) -> TravelPayload:
        pk = sdk.decode_id(input.id, "TravelRequest")
        await services.settle(pk, actual_cost=input.actual_cost, settled_on=input.settled_on, notes=input.notes)
        return TravelPayload(travel_request=TravelRequest.of(await get_row(TravelTable, pk)))

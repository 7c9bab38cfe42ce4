"""Business travel through GraphQL beyond the happy path of test_ga: several stops, the cash
advance within the estimate, bookings on an approved trip, settling from the bookings, calling
a trip off, who sees what, and a constant cost per list."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from ga_helpers import outbox, user_id
from helpers import QueryCounter, add_member, enable

TRIP = """id status destination destinations estimatedCost advance decisionNote actualCost settledOn notes
  bookings { kind vendor reference startsOn endsOn cost currency } bookedCost { currency amount }"""
REQUEST = f"""mutation($i: TravelRequestInput!) {{ requestTravel(input: $i) {{ travelRequest {{ {TRIP} }}
  userErrors {{ field code message }} }} }}"""
DECIDE = f"""mutation($i: TravelDecisionInput!) {{ decideTravelRequest(input: $i) {{ travelRequest {{ {TRIP} }}
  userErrors {{ code }} }} }}"""
BOOKING = f"""mutation($i: TravelBookingInput!) {{ addTravelBooking(input: $i) {{ travelBooking {{ id kind }}
  travelRequest {{ {TRIP} }} userErrors {{ field code }} }} }}"""
SETTLE = f"""mutation($i: SettleTravelInput!) {{ settleTravel(input: $i) {{ travelRequest {{ {TRIP} }}
  userErrors {{ field code }} }} }}"""
LIST = f"""{{ travelRequests(first: 100) {{ nodes {{ {TRIP} }} }} }}"""


@pytest.fixture
async def trip(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "ga")
    traveller = await add_member(company, new_client, name="Rina")
    data = await traveller.api.data(REQUEST, {"i": {"destinations": ["Surabaya", "Malang"], "departsOn": "2026-12-02",
                                                    "returnsOn": "2026-12-05", "purpose": "Audit gudang",
                                                    "estimatedCost": "6000000", "advance": "3000000"}})
    return company, traveller, data["requestTravel"]["travelRequest"]


async def test_a_trip_with_stops_bookings_and_settlement_from_them(trip):
    company, traveller, request = trip
    assert request["destinations"] == ["Surabaya", "Malang"] and request["destination"] == "Surabaya, Malang"
    early = (await traveller.api.data(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "flight",
                                                      "startsOn": "2026-12-02"}}))["addTravelBooking"]["userErrors"]
    assert [e["code"] for e in early] == ["CONFLICT"]  # not approved yet
    approved = (await company.api.data(DECIDE, {"i": {"id": request["id"], "approve": True, "note": "Sesuai anggaran"}}))
    assert approved["decideTravelRequest"]["travelRequest"]["decisionNote"] == "Sesuai anggaran"
    await traveller.api.data(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "flight", "vendor": "Garuda",
                                             "reference": "PNR7XK", "startsOn": "2026-12-02", "cost": "1850000"}})
    hotel = (await company.api.data(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "hotel",
                                                    "vendor": "Hotel Majapahit", "startsOn": "2026-12-02",
                                                    "endsOn": "2026-12-05", "cost": "2700000"}}))["addTravelBooking"]
    assert hotel["userErrors"] == []
    trip_now = hotel["travelRequest"]
    assert [b["kind"] for b in trip_now["bookings"]] == ["flight", "hotel"]
    assert [(x["currency"], D(x["amount"])) for x in trip_now["bookedCost"]] == [("IDR", D(4550000))]
    settled = (await company.api.data(SETTLE, {"i": {"id": request["id"], "settledOn": "2026-12-06",
                                                     "notes": "Struk terlampir"}}))["settleTravel"]
    assert settled["userErrors"] == []
    assert settled["travelRequest"]["status"] == "settled" and D(settled["travelRequest"]["actualCost"]) == D(4550000)
    assert settled["travelRequest"]["settledOn"] == "2026-12-06" and settled["travelRequest"]["notes"] == "Struk terlampir"
    events = await outbox(company, "ga.travel_settled")
    assert len(events) == 1
    payload = events[0]["payload"]
    assert payload["travel_request_id"] == request["id"] and payload["traveller"] == user_id(traveller)
    assert payload["destination"] == "Surabaya, Malang" and payload["settled_on"] == "2026-12-06"
    assert D(payload["actual_cost"]) == D(4550000) and D(payload["advance_paid"]) == D(3000000)
    late = (await traveller.api.data(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "car",
                                                     "startsOn": "2026-12-03"}}))["addTravelBooking"]["userErrors"]
    assert [e["code"] for e in late] == ["CONFLICT"]


async def test_request_and_booking_input_is_checked(trip):
    company, traveller, request = trip

    async def errors(query, variables, name):  # type: ignore[no-untyped-def]
        data = await traveller.api.data(query, variables)
        return [(e["field"], e["code"]) for e in data[name]["userErrors"]]

    base = {"destination": "Medan", "departsOn": "2026-12-02", "returnsOn": "2026-12-03"}
    assert await errors(REQUEST, {"i": {**base, "estimatedCost": "1000000", "advance": "2000000"}}, "requestTravel") == [
        (["input", "advance"], "BAD_USER_INPUT")]
    assert await errors(REQUEST, {"i": {**base, "returnsOn": "2026-12-01"}}, "requestTravel") == [
        (["input", "returnsOn"], "BAD_USER_INPUT")]
    assert await errors(REQUEST, {"i": {**base, "destination": " "}}, "requestTravel") == [
        (["input", "returnsOn"], "BAD_USER_INPUT")]
    assert await errors(REQUEST, {"i": {**base, "estimatedCost": "100.005"}}, "requestTravel") == [
        (["input", "estimatedCost"], "BAD_USER_INPUT")]
    await company.api.data(DECIDE, {"i": {"id": request["id"], "approve": True}})
    booking = {"travelRequestId": request["id"], "kind": "flight", "startsOn": "2026-12-02"}
    assert await errors(BOOKING, {"i": {**booking, "kind": "ship"}}, "addTravelBooking") == [
        (["input", "kind"], "BAD_USER_INPUT")]
    assert await errors(BOOKING, {"i": {**booking, "endsOn": "2026-12-01"}}, "addTravelBooking") == [
        (["input", "endsOn"], "BAD_USER_INPUT")]
    assert await errors(BOOKING, {"i": {**booking, "cost": "-1"}}, "addTravelBooking") == [
        (["input", "cost"], "BAD_USER_INPUT")]
    assert await errors(BOOKING, {"i": {**booking, "currency": "dollar"}}, "addTravelBooking") == [
        (["input", "currency"], "BAD_USER_INPUT")]
    await traveller.api.data(BOOKING, {"i": {**booking, "cost": "300", "currency": "usd"}})
    mixed = (await company.api.data(SETTLE, {"i": {"id": request["id"], "settledOn": "2026-12-06"}}))["settleTravel"]
    assert [(e["field"], e["code"]) for e in mixed["userErrors"]] == [(["input", "actualCost"], "BAD_USER_INPUT")]
    given = (await company.api.data(SETTLE, {"i": {"id": request["id"], "settledOn": "2026-12-06",
                                                   "actualCost": "5100000"}}))["settleTravel"]
    assert given["userErrors"] == [] and D(given["travelRequest"]["actualCost"]) == D(5100000)


async def test_bookings_come_off_and_trips_are_called_off(trip):
    company, traveller, request = trip
    await company.api.data(DECIDE, {"i": {"id": request["id"], "approve": True}})
    booking = (await traveller.api.data(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "train",
                                                        "vendor": "KAI", "startsOn": "2026-12-02", "cost": "450000"}}))[
        "addTravelBooking"]["travelBooking"]["id"]
    removed = await traveller.api.data("""mutation($id: ID!) { removeTravelBooking(id: $id) { travelRequest { bookings { kind } } } }""",
                                       {"id": booking})
    assert removed["removeTravelBooking"]["travelRequest"]["bookings"] == []
    cancel = "mutation($id: ID!) { cancelTravelRequest(id: $id) { travelRequest { status } userErrors { code } } }"
    assert (await traveller.api.data(cancel, {"id": request["id"]}))["cancelTravelRequest"]["travelRequest"]["status"] == "cancelled"
    again = (await traveller.api.data(cancel, {"id": request["id"]}))["cancelTravelRequest"]["userErrors"]
    assert [e["code"] for e in again] == ["CONFLICT"]
    settle = (await company.api.data(SETTLE, {"i": {"id": request["id"], "settledOn": "2026-12-06", "actualCost": "1"}}))
    assert [e["code"] for e in settle["settleTravel"]["userErrors"]] == ["CONFLICT"]


async def test_who_sees_a_trip(trip, new_client, other_company):
    company, traveller, request = trip
    one = "query($id: ID!) { travelRequest(id: $id) { destination } }"
    colleague = await add_member(company, new_client, name="Budi")
    assert (await traveller.api.data(one, {"id": request["id"]}))["travelRequest"]["destination"] == "Surabaya, Malang"
    assert await colleague.api.error_code(one, {"id": request["id"]}) == "NOT_FOUND"
    assert await colleague.api.error_code(LIST) == "FORBIDDEN"
    await company.api.data(DECIDE, {"i": {"id": request["id"], "approve": True}})
    assert await colleague.api.error_code(BOOKING, {"i": {"travelRequestId": request["id"], "kind": "car",
                                                          "startsOn": "2026-12-02"}}) == "NOT_FOUND"
    await enable(other_company.api, "ga")
    assert await other_company.api.error_code(one, {"id": request["id"]}) == "NOT_FOUND"
    assert await other_company.api.error_code(SETTLE, {"i": {"id": request["id"], "settledOn": "2026-12-06",
                                                             "actualCost": "1"}}) == "NOT_FOUND"


async def test_the_list_costs_a_constant_number_of_statements(trip):
    company, traveller, request = trip

    async def approved_trip_with_bookings():  # type: ignore[no-untyped-def]
        pk = (await traveller.api.data(REQUEST, {"i": {"destination": "Bali", "departsOn": "2026-12-10",
                                                       "returnsOn": "2026-12-12"}}))["requestTravel"]["travelRequest"]["id"]
        await company.api.data(DECIDE, {"i": {"id": pk, "approve": True}})
        for kind in ("flight", "hotel"):
            await traveller.api.data(BOOKING, {"i": {"travelRequestId": pk, "kind": kind, "startsOn": "2026-12-10",
                                                     "cost": "1000000"}})

    await approved_trip_with_bookings()
    with QueryCounter() as few:
        await company.api.data(LIST)
    for _ in range(10):
        await approved_trip_with_bookings()
    with QueryCounter() as many:
        data = await company.api.data(LIST)
    assert len(data["travelRequests"]["nodes"]) == 12
    assert many.count == few.count, many.statements

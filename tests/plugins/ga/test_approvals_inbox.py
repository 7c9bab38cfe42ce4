"""General affairs in the approvals inbox: trips with their estimated cost and cash advance
(a second step above an amount), and supply requests, decided there as the module decides them."""

from __future__ import annotations

from decimal import Decimal

from approval_helpers import decide, decide_error, inbox, inbox_ids, set_rule
from ga_helpers import outbox
from helpers import add_member

TRAVEL = "ga.travel_request"
SUPPLY = "ga.supply_request"
REQUEST_TRAVEL = """mutation($i: TravelRequestInput!) { requestTravel(input: $i) { travelRequest { id }
  userErrors { field code } } }"""
TRIP = "query($id: ID!) { travelRequest(id: $id) { status decisionNote } }"
ITEM = "mutation($i: SupplyItemInput!) { createSupplyItem(input: $i) { userErrors { code } } }"
REQUEST_SUPPLIES = """mutation($i: SupplyRequestInput!) { requestSupplies(input: $i) { supplyRequest { id }
  userErrors { field code } } }"""
SUPPLY_REQUEST = "query($id: ID!) { supplyRequest(id: $id) { status decisionReason } }"


async def _trip(member, cost: str, advance: str) -> str:  # type: ignore[no-untyped-def]
    data = await member.api.data(REQUEST_TRAVEL, {"i": {
        "destinations": ["Surabaya"], "departsOn": "2026-12-02", "returnsOn": "2026-12-04",
        "purpose": "Audit gudang", "estimatedCost": cost, "advance": advance}})
    assert data["requestTravel"]["userErrors"] == []
    return data["requestTravel"]["travelRequest"]["id"]


async def test_trips_above_the_amount_need_a_second_approver(office, new_client):
    traveller = await add_member(office.company, new_client, name="Rina")
    ga = await add_member(office.company, new_client, permissions=["ga.travel.approve"], name="GA")
    director = await add_member(office.company, new_client, permissions=["ga.facility.manage"], name="Director")
    rule = await set_rule(office.api, TRAVEL, [
        {"approver": "PERMISSION", "permission": "ga.travel.approve"},
        {"approver": "PERMISSION", "permission": "ga.facility.manage", "minAmount": "5000000"}])
    assert rule["userErrors"] == [], rule
    cheap = await _trip(traveller, "2500000", "1000000")
    dear = await _trip(traveller, "8000000", "3000000")
    items = {n["id"]: n for n in await inbox(ga.api)}
    assert set(items) == {cheap, dear}
    assert Decimal(items[dear]["amount"]) == Decimal("8000000") and items[dear]["stepCount"] == 2
    assert items[dear]["title"] == "Surabaya, 2026-12-02 – 2026-12-04 (cash advance IDR 3,000,000)"
    assert items[cheap]["stepCount"] == 1
    assert await inbox(director.api) == []

    assert (await decide(ga.api, TRAVEL, cheap, reason="Sesuai anggaran"))["status"] == "APPROVED"
    assert (await office.api.data(TRIP, {"id": cheap}))["travelRequest"] == {"status": "approved",
                                                                              "decisionNote": "Sesuai anggaran"}
    assert (await decide(ga.api, TRAVEL, dear))["status"] == "WAITING"
    assert await inbox_ids(director.api) == [dear]
    assert (await decide(director.api, TRAVEL, dear, approve=False, reason="Pakai kereta"))["status"] == "REJECTED"
    assert (await office.api.data(TRIP, {"id": dear}))["travelRequest"] == {"status": "rejected",
                                                                             "decisionNote": "Pakai kereta"}
    assert await inbox(traveller.api) == []


async def test_supply_requests_are_decided_in_the_inbox(office, new_client):
    await office.api.data(ITEM, {"i": {"sku": "ATK-MAP", "name": "Map", "unit": "pcs"}})
    member = await add_member(office.company, new_client, name="Rina")
    staff = await add_member(office.company, new_client, role_keys=["ga.ga_staff"], name="Staf GA")
    first = (await member.api.data(REQUEST_SUPPLIES, {"i": {"lines": [{"sku": "ATK-MAP", "quantity": "3"}]}}))[
        "requestSupplies"]["supplyRequest"]["id"]
    second = (await member.api.data(REQUEST_SUPPLIES, {"i": {"lines": [{"sku": "ATK-MAP", "quantity": "1"}]}}))[
        "requestSupplies"]["supplyRequest"]["id"]
    items = {n["id"]: n for n in await inbox(staff.api, SUPPLY)}
    assert set(items) == {first, second}
    assert items[first]["title"] == "SR-00001: Map × 3 pcs" and items[first]["amount"] is None
    assert await inbox(member.api) == []
    assert (await decide_error(member.api, SUPPLY, first))["code"] == "NOT_FOUND"

    assert (await decide(staff.api, SUPPLY, first))["status"] == "APPROVED"
    events = await outbox(office.company, "ga.supply_request_approved")
    assert [e["payload"]["supply_request_id"] for e in events] == [first]  # logistics is told, once
    done = await decide(staff.api, SUPPLY, second, approve=False, reason="Stok map masih ada")
    assert done["status"] == "REJECTED"
    assert (await member.api.data(SUPPLY_REQUEST, {"id": second}))["supplyRequest"] == {
        "status": "rejected", "decisionReason": "Stok map masih ada"}
    assert len(await outbox(office.company, "ga.supply_request_approved")) == 1

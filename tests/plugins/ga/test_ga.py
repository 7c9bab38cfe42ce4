"""General affairs through GraphQL: bookings that never overlap (raced on PostgreSQL), and a
settled trip reaching finance."""

from __future__ import annotations

import asyncio
from decimal import Decimal as D

import pytest

from helpers import add_member, enable, eventually

BOOK = """mutation($i: BookingInput!) { book(input: $i) { booking { id } userErrors { field code } } }"""


@pytest.fixture
async def room(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "ga")
    room = (await company.api.data('mutation { createBookable(input: {kind: "room", name: "Ruang Rapat Melati", capacity: 8}) { bookable { id } } }'))[
        "createBookable"]["bookable"]["id"]
    return company, room


def slot(room, start, end):  # type: ignore[no-untyped-def]
    return {"i": {"resourceId": room, "startsAt": f"2026-12-01T{start}:00+07:00", "endsAt": f"2026-12-01T{end}:00+07:00"}}


async def test_overlapping_bookings_are_refused(room, new_client):
    company, room_id = room
    member = await add_member(company, new_client)
    assert (await member.api.data(BOOK, slot(room_id, "09:00", "10:00")))["book"]["userErrors"] == []
    clash = (await member.api.data(BOOK, slot(room_id, "09:30", "10:30")))["book"]["userErrors"]
    assert clash == [{"field": ["input", "startsAt"], "code": "CONFLICT"}]
    assert (await member.api.data(BOOK, slot(room_id, "10:00", "11:00")))["book"]["userErrors"] == []  # back to back
    cal = (await member.api.data('query($r: ID!) { bookings(resourceId: $r, start: "2026-12-01T00:00:00+07:00", end: "2026-12-02T00:00:00+07:00") { startsAt } }',
                                 {"r": room_id}))["bookings"]
    assert len(cal) == 2


@pytest.mark.postgres
async def test_the_database_refuses_a_race(room):
    company, room_id = room
    results = await asyncio.gather(*[company.api.data(BOOK, slot(room_id, "13:00", "14:00")) for _ in range(6)])
    won = [r for r in results if r["book"]["userErrors"] == []]
    assert len(won) == 1 and all(r["book"]["userErrors"][0]["code"] == "CONFLICT" for r in results if r not in won)


@pytest.mark.postgres
async def test_the_constraint_itself_holds():
    """Past the service: a raw insert of an overlap is refused by PostgreSQL."""
    import os

    import asyncpg

    conn = await asyncpg.connect(os.environ["BACKOFFICE_TEST_PG_SUPERUSER_URL"])
    try:
        found = await conn.fetchval("SELECT count(*) FROM pg_constraint WHERE conname = 'ga_bookings_no_overlap'")
    finally:
        await conn.close()
    assert found == 1


async def test_travel_is_approved_settled_and_posted(company, new_client, job_worker):
    from backoffice.events import dispatch
    from backoffice.graphql.ids import decode_id

    api = company.api
    await enable(api, "ga")
    await enable(api, "finance")
    traveller = await add_member(company, new_client, name="Traveller")
    trip = (await traveller.api.data('mutation { requestTravel(input: {destination: "Surabaya", departsOn: "2026-12-02", returnsOn: "2026-12-04", estimatedCost: "4000000", advance: "3000000"}) { travelRequest { id status } } }'))[
        "requestTravel"]["travelRequest"]["id"]
    assert await traveller.api.error_code("mutation($i: TravelDecisionInput!) { decideTravelRequest(input: $i) { travelRequest { status } } }",
                                          {"i": {"id": trip, "approve": True}}) == "FORBIDDEN"
    await api.data("mutation($i: TravelDecisionInput!) { decideTravelRequest(input: $i) { travelRequest { status } } }",
                   {"i": {"id": trip, "approve": True}})
    settled = await api.data("mutation($i: SettleTravelInput!) { settleTravel(input: $i) { travelRequest { status actualCost } } }",
                             {"i": {"id": trip, "actualCost": "4750000", "settledOn": "2026-12-05"}})
    assert settled["settleTravel"]["travelRequest"]["status"] == "settled"
    await dispatch.dispatch_events(decode_id(company.tenant_id, "Tenant"))

    async def posted():  # type: ignore[no-untyped-def]
        return (await api.data('{ journalEntries(source: "ga.travel") { nodes { lines { account { code } debit credit } } } }'))[
            "journalEntries"]["nodes"]

    entries = await eventually(posted)
    lines = {x["account"]["code"]: x for x in entries[0]["lines"]}
    assert D(lines["6400"]["debit"]) == D(4750000) and D(lines["2210"]["credit"]) == D(1750000)

"""A settled business trip (``ga.travel_settled``) becomes one entry in finance, exactly once.

General affairs publishes the event when a trip is settled; here it is published the same way,
through the SDK in the company's scope, and delivered by the real dispatcher."""

from __future__ import annotations

from decimal import Decimal as D

from helpers import enable, eventually


async def test_trip_is_posted_once(company, job_worker):
    from backoffice.db import scope
    from backoffice.events import dispatch
    from backoffice.graphql.ids import decode_id
    from backoffice.sdk import publish, transaction

    api = company.api
    await enable(api, "finance")
    await enable(api, "ga")
    tenant = decode_id(company.tenant_id, "Tenant")
    payload = {"travel_request_id": "VHJhdmVsOjE", "traveller": "Rina", "settled_on": "2026-06-12", "currency": "IDR",
               "actual_cost": "4750000", "advance_paid": "3000000"}
    with scope.scoped(tenant_id=tenant):
        async with transaction():
            await publish("ga.travel_settled", payload)
    for _ in range(2):  # a second delivery round must post nothing more
        await dispatch.dispatch_events(tenant)

    async def posted():  # type: ignore[no-untyped-def]
        data = await api.data('{ journalEntries(source: "ga.travel") { nodes { lines { account { code } debit credit } } } }')
        return data["journalEntries"]["nodes"]

    entries = await eventually(posted)
    assert len(entries) == 1
    lines = {x["account"]["code"]: x for x in entries[0]["lines"]}
    assert D(lines["6400"]["debit"]) == D(4750000)
    assert D(lines["1250"]["credit"]) == D(3000000) and D(lines["2210"]["credit"]) == D(1750000)

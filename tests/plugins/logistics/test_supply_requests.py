"""An approved supply request in general affairs (``ga.supply_request_approved``) becomes one
DRAFT stock issue document in logistics, which logistics reviews and posts.

General affairs publishes the event when it approves a request; here it is published the same
way, through the SDK in the company's scope, and delivered by the real dispatcher."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from helpers import add_member, enable, eventually

ISSUES = """{ stockIssues { totalCount nodes { id status reference source issueDate note requestedById
  fromLocation { code } lines { id quantity moveId item { sku } } } } }"""
POST = """mutation($i: PostStockIssueInput!) { postStockIssue(input: $i) {
  stockIssue { status issueDate fromLocation { code } lines { quantity moveId } } userErrors { field code message } } }"""
ON_HAND = "query($i: ID) { stockOnHand(itemId: $i) { locationId quantity } }"
MOVE = """mutation($i: StockMoveInput!) { postStockMove(input: $i) { userErrors { code } } }"""


@pytest.fixture
async def supplies(company):  # type: ignore[no-untyped-def]
    api = company.api
    await enable(api, "logistics")
    items = {}
    for sku in ("ATK-KERTAS-A4", "ATK-PULPEN"):
        items[sku] = (await api.data('mutation($s: String!) { createItem(input: {sku: $s, name: $s}) { item { id } } }',
                                     {"s": sku}))["createItem"]["item"]["id"]
    locations = {x["code"]: x["id"] for x in (await api.data(
        'mutation { createWarehouse(input: {code: "KTR", name: "Gudang kantor", locations: ["RAK-1", "RAK-2"]}) { warehouse { locations { id code } } } }'))[
        "createWarehouse"]["warehouse"]["locations"]}
    for sku, qty in (("ATK-KERTAS-A4", 50), ("ATK-PULPEN", 3)):
        await api.data(MOVE, {"i": {"kind": "receipt", "itemId": items[sku], "quantity": str(qty), "unitCost": "1000",
                                    "moveDate": "2026-06-01", "toLocationId": locations["RAK-2"]}})
    return company, items, locations


async def approve(company, request_id="U3VwcGx5UmVxdWVzdDox", number="SR-00012"):  # type: ignore[no-untyped-def]
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id, encode_id
    from backoffice.sdk import publish, transaction

    payload = {"supply_request_id": request_id, "number": number, "requested_by": encode_id("User", 7),
               "approved_on": "2026-06-15",
               "lines": [{"sku": "ATK-KERTAS-A4", "quantity": "5"}, {"sku": "ATK-STAPLER", "quantity": "2"},
                         {"sku": "ATK-PULPEN", "quantity": "12.000"}, {"sku": "ATK-KERTAS-A4", "quantity": "1.5"}]}
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        async with transaction():
            await publish("ga.supply_request_approved", payload)


async def test_an_approved_request_becomes_one_draft(supplies, job_worker):
    from backoffice.db import scope
    from backoffice.events import dispatch
    from backoffice.events.tables import EventDelivery, OutboxEvent
    from backoffice.graphql.ids import decode_id

    company, items, loc = supplies
    api = company.api
    tenant = decode_id(company.tenant_id, "Tenant")
    set_default = "mutation($l: ID) { setDefaultStockLocation(locationId: $l) { settings { defaultLocationId } userErrors { code } } }"
    assert (await api.data(set_default, {"l": loc["RAK-2"]}))["setDefaultStockLocation"]["settings"] == {
        "defaultLocationId": loc["RAK-2"]}
    await approve(company)
    for _ in range(2):  # a second delivery round must add nothing
        await dispatch.dispatch_events(tenant)

    async def drafted():  # type: ignore[no-untyped-def]
        return (await api.data(ISSUES))["stockIssues"]["nodes"]

    issues = await eventually(drafted)
    assert len(issues) == 1
    issue = issues[0]
    assert (issue["status"], issue["reference"], issue["source"], issue["issueDate"]) == (
        "draft", "SR-00012", "ga.supply_request", "2026-06-15")
    assert issue["fromLocation"] == {"code": "RAK-2"} and issue["requestedById"] is not None
    assert [(x["item"]["sku"], D(x["quantity"]), x["moveId"]) for x in issue["lines"]] == [
        ("ATK-KERTAS-A4", D("6.5"), None), ("ATK-PULPEN", D(12), None)]
    assert "ATK-STAPLER × 2" in issue["note"]  # unknown here: kept as a note, not an error
    # A draft takes nothing out of stock.
    levels = (await api.data(ON_HAND, {"i": items["ATK-KERTAS-A4"]}))["stockOnHand"]
    assert [D(x["quantity"]) for x in levels] == [D(50)]

    # The event delivered again (a worker died before recording its delivery) and the same
    # request published twice: still one document.
    with scope.scoped(tenant_id=tenant):
        event = await OutboxEvent.select().where(OutboxEvent.event_type == "ga.supply_request_approved").first()
        await EventDelivery.delete().where(EventDelivery.event_id == event["id"])
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(OutboxEvent.id == event["id"])
    await approve(company)
    await dispatch.dispatch_events(tenant)

    async def all_delivered():  # type: ignore[no-untyped-def]
        with scope.scoped(tenant_id=tenant):
            return await OutboxEvent.count().where(OutboxEvent.dispatched_at.is_null()) == 0

    await eventually(all_delivered)
    assert (await api.data(ISSUES))["stockIssues"]["totalCount"] == 1

    # Logistics reviews it: only 3 pens are in stock, so posting as drafted is refused and changes nothing.
    short = (await api.data(POST, {"i": {"id": issue["id"]}}))["postStockIssue"]
    assert short["userErrors"][0]["code"] == "CONFLICT"
    assert (await api.data(ISSUES))["stockIssues"]["nodes"][0]["status"] == "draft"
    levels = (await api.data(ON_HAND, {"i": items["ATK-KERTAS-A4"]}))["stockOnHand"]
    assert [D(x["quantity"]) for x in levels] == [D(50)]

    pens = issue["lines"][1]["id"]
    posted = (await api.data(POST, {"i": {"id": issue["id"], "issueDate": "2026-06-16",
                                          "lines": [{"lineId": pens, "quantity": "3"}]}}))["postStockIssue"]
    assert posted["userErrors"] == []
    assert posted["stockIssue"]["status"] == "posted" and posted["stockIssue"]["issueDate"] == "2026-06-16"
    assert all(x["moveId"] for x in posted["stockIssue"]["lines"])
    for sku, left in (("ATK-KERTAS-A4", D("43.5")), ("ATK-PULPEN", D(0))):
        levels = (await api.data(ON_HAND, {"i": items[sku]}))["stockOnHand"]
        assert sum((D(x["quantity"]) for x in levels), D(0)) == left
    moves = (await api.data("query($i: ID!) { stockMoves(itemId: $i) { nodes { kind purpose reference } } }",
                            {"i": items["ATK-PULPEN"]}))["stockMoves"]["nodes"]
    assert moves[0] == {"kind": "issue", "purpose": "internal_use", "reference": "SR-00012"}
    again = (await api.data(POST, {"i": {"id": issue["id"]}}))["postStockIssue"]
    assert again["userErrors"][0]["code"] == "CONFLICT"


async def test_without_a_chosen_location_the_first_one_is_used(supplies, job_worker):
    company, items, loc = supplies
    await approve(company, request_id="U3VwcGx5UmVxdWVzdDoy", number="SR-00013")

    async def drafted():  # type: ignore[no-untyped-def]
        return (await company.api.data(ISSUES))["stockIssues"]["nodes"]

    issue = (await eventually(drafted))[0]
    assert issue["fromLocation"] == {"code": "RAK-1"} and issue["reference"] == "SR-00013"
    cancel = "mutation($i: StockIssueIdInput!) { cancelStockIssue(input: $i) { stockIssue { status } userErrors { code } } }"
    assert (await company.api.data(cancel, {"i": {"id": issue["id"]}}))["cancelStockIssue"]["stockIssue"] == {
        "status": "cancelled"}
    refused = (await company.api.data(POST, {"i": {"id": issue["id"]}}))["postStockIssue"]
    assert refused["userErrors"][0]["code"] == "CONFLICT"


async def test_reviewing_drafts_needs_the_stock_permissions(supplies, new_client, other_company, job_worker):
    company, items, loc = supplies
    await approve(company, request_id="U3VwcGx5UmVxdWVzdDoz", number="SR-00014")

    async def drafted():  # type: ignore[no-untyped-def]
        return (await company.api.data(ISSUES))["stockIssues"]["nodes"]

    issue = (await eventually(drafted))[0]
    reader = await add_member(company, new_client, permissions=["logistics.stock.read"])
    assert (await reader.api.data(ISSUES))["stockIssues"]["totalCount"] == 1
    assert await reader.api.error_code(POST, {"i": {"id": issue["id"]}}) == "FORBIDDEN"
    await enable(other_company.api, "logistics")
    assert (await other_company.api.data(ISSUES))["stockIssues"]["totalCount"] == 0
    assert await other_company.api.error_code(POST, {"i": {"id": issue["id"]}}) == "NOT_FOUND"
    assert await other_company.api.error_code("query($id: ID!) { stockIssue(id: $id) { id } }",
                                              {"id": issue["id"]}) == "NOT_FOUND"

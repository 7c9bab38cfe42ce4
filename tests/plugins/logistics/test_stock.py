"""Stock through GraphQL: moves posted once, no negative stock, exact under concurrency,
moving-average valuation."""

from __future__ import annotations

import asyncio
from decimal import Decimal as D

import pytest

from helpers import add_member, enable

MOVE = """mutation($i: StockMoveInput!) { postStockMove(input: $i) { created move { id value unitCost } userErrors { field code message } } }"""
ON_HAND = "query($i: ID) { stockOnHand(itemId: $i) { locationId quantity } }"


@pytest.fixture
async def stock(company):  # type: ignore[no-untyped-def]
    api = company.api
    await enable(api, "logistics")
    item = (await api.data('mutation { createItem(input: {sku: "KOP-1KG", name: "Kopi 1 kg", reorderPoint: "5"}) { item { id } } }'))[
        "createItem"]["item"]["id"]
    wh = (await api.data('mutation { createWarehouse(input: {code: "JKT", name: "Gudang Jakarta", locations: ["A-01", "B-01"]}) { warehouse { locations { id code } } } }'))[
        "createWarehouse"]["warehouse"]["locations"]
    return company, item, {loc["code"]: loc["id"] for loc in wh}


def move(kind, item, qty, **extra):  # type: ignore[no-untyped-def]
    return {"i": {"kind": kind, "itemId": item, "quantity": str(qty), "moveDate": "2026-06-01", **extra}}


async def test_receipts_issues_transfers_and_average_cost(stock):
    company, item, loc = stock
    api = company.api
    await api.data(MOVE, move("receipt", item, 10, toLocationId=loc["A-01"], unitCost="100000"))
    await api.data(MOVE, move("receipt", item, 10, toLocationId=loc["A-01"], unitCost="130000"))
    issued = (await api.data(MOVE, move("issue", item, 4, fromLocationId=loc["A-01"])))["postStockMove"]["move"]
    assert D(issued["unitCost"]) == D(115000) and D(issued["value"]) == D(460000)
    await api.data(MOVE, move("transfer", item, 6, fromLocationId=loc["A-01"], toLocationId=loc["B-01"]))
    levels = {x["locationId"]: D(x["quantity"]) for x in (await api.data(ON_HAND, {"i": item}))["stockOnHand"]}
    assert levels == {loc["A-01"]: D(10), loc["B-01"]: D(6)}
    valuation = (await api.data('{ stockValuation(asOf: "2026-12-31") { quantity value } }'))["stockValuation"][0]
    assert D(valuation["quantity"]) == D(16) and D(valuation["value"]) == D(1840000)


async def test_no_negative_stock_and_posting_once(stock):
    company, item, loc = stock
    api = company.api
    await api.data(MOVE, move("receipt", item, 3, toLocationId=loc["A-01"], unitCost="1000", idempotencyKey="gr-1"))
    again = (await api.data(MOVE, move("receipt", item, 3, toLocationId=loc["A-01"], unitCost="1000", idempotencyKey="gr-1")))["postStockMove"]
    assert again["created"] is False
    short = (await api.data(MOVE, move("issue", item, 5, fromLocationId=loc["A-01"])))["postStockMove"]
    assert short["userErrors"][0]["code"] == "CONFLICT" and short["userErrors"][0]["field"] == ["input", "quantity"]
    levels = (await api.data(ON_HAND, {"i": item}))["stockOnHand"]
    assert [D(x["quantity"]) for x in levels] == [D(3)]
    low = (await api.data("{ lowStockItems { item { sku } quantity } }"))["lowStockItems"]
    assert [x["item"]["sku"] for x in low] == ["KOP-1KG"] and D(low[0]["quantity"]) == 3
    await api.data("mutation { setNegativeStockAllowed(allowed: true) { userErrors { code } } }")
    allowed = (await api.data(MOVE, move("issue", item, 5, fromLocationId=loc["A-01"])))["postStockMove"]
    assert allowed["userErrors"] == []


async def test_permissions_and_boundaries(stock, new_client, other_company):
    company, item, loc = stock
    staff = await add_member(company, new_client, role_keys=["logistics.warehouse_staff"])
    ok = await staff.api.data(MOVE, move("receipt", item, 1, toLocationId=loc["A-01"], unitCost="1"))
    assert ok["postStockMove"]["userErrors"] == []
    assert await staff.api.error_code('mutation { createItem(input: {sku: "X", name: "X"}) { item { id } } }') == "FORBIDDEN"
    await enable(other_company.api, "logistics")
    assert await other_company.api.error_code(MOVE, move("receipt", item, 1, toLocationId=loc["A-01"])) == "NOT_FOUND"


@pytest.mark.postgres
async def test_twenty_concurrent_moves_leave_stock_exact(stock):
    company, item, loc = stock
    api = company.api
    await api.data(MOVE, move("receipt", item, 100, toLocationId=loc["A-01"], unitCost="10"))

    async def one(i):  # type: ignore[no-untyped-def]
        if i % 2:
            body = move("issue", item, 3, fromLocationId=loc["A-01"])
        else:
            body = move("transfer", item, 2, fromLocationId=loc["A-01"], toLocationId=loc["B-01"])
        return (await api.data(MOVE, body))["postStockMove"]

    results = await asyncio.gather(*[one(i) for i in range(20)])
    assert all(r["userErrors"] == [] for r in results)
    levels = {x["locationId"]: D(x["quantity"]) for x in (await api.data(ON_HAND, {"i": item}))["stockOnHand"]}
    assert levels == {loc["A-01"]: D(100 - 10 * 3 - 10 * 2), loc["B-01"]: D(20)}


async def test_low_stock_alert_and_exports(stock):
    import base64
    import csv
    import io
    import json

    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id
    from backoffice_logistics.stock.jobs import alert_low_stock

    company, item, loc = stock
    await company.api.data(MOVE, move("receipt", item, 4, toLocationId=loc["A-01"], unitCost="50000"))
    tenant = decode_id(company.tenant_id, "Tenant")
    with scope.scoped(tenant_id=tenant):
        assert (await alert_low_stock(None)) == {"low": 1}
        event = await OutboxEvent.select().where(OutboxEvent.event_type == "logistics.low_stock").first()
    payload = event["payload"]
    payload = json.loads(payload) if isinstance(payload, str) else payload
    assert payload["items"][0]["sku"] == "KOP-1KG"
    exported = (await company.api.data("{ exportStock(format: CSV) { base64 rows } }"))["exportStock"]
    rows = list(csv.DictReader(io.StringIO(base64.b64decode(exported["base64"]).decode("utf-8-sig"))))
    assert rows[0]["sku"] == "KOP-1KG" and D(rows[0]["quantity"]) == 4
    moves = (await company.api.data("query($i: ID!) { exportStock(format: XLSX, itemId: $i) { filename rows } }", {"i": item}))["exportStock"]
    assert moves["filename"] == "moves-KOP-1KG.xlsx" and moves["rows"] == 1


async def test_shipment_takes_stock_out_once_and_a_return_brings_it_back(stock):
    company, item, loc = stock
    api = company.api
    await api.data(MOVE, move("receipt", item, 10, toLocationId=loc["A-01"], unitCost="1000"))
    ship = (await api.data("""mutation($i: ShipmentInput!) { createShipment(input: $i) { shipment { id status } userErrors { code } } }""",
                           {"i": {"reference": "DO-001", "destination": "Toko Berkah, Bandung", "carrier": "JNE",
                                  "lines": [{"itemId": item, "quantity": "4", "fromLocationId": loc["A-01"]}]}}))["createShipment"]["shipment"]["id"]
    status = """mutation($i: ShipmentStatusInput!) { updateShipmentStatus(input: $i) { shipment { status receivedBy } userErrors { field code } } }"""
    await api.data(status, {"i": {"id": ship, "status": "shipped", "trackingNumber": "JNE123"}})
    levels = (await api.data(ON_HAND, {"i": item}))["stockOnHand"]
    assert D(levels[0]["quantity"]) == D(6)
    no_proof = await api.data(status, {"i": {"id": ship, "status": "delivered"}})
    assert no_proof["updateShipmentStatus"]["userErrors"][0]["field"] == ["input", "receivedBy"]
    done = await api.data(status, {"i": {"id": ship, "status": "delivered", "receivedBy": "Bu Sari"}})
    assert done["updateShipmentStatus"]["shipment"] == {"status": "delivered", "receivedBy": "Bu Sari"}
    await api.data(status, {"i": {"id": ship, "status": "returned"}})
    levels = (await api.data(ON_HAND, {"i": item}))["stockOnHand"]
    assert D(levels[0]["quantity"]) == D(10)
    late = await api.data(status, {"i": {"id": ship, "status": "shipped"}})
    assert late["updateShipmentStatus"]["userErrors"][0]["code"] == "CONFLICT"

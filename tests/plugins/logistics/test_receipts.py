"""Expected deliveries through GraphQL: partial receipts into stock, statuses that follow the
lines, over-receipts refused (unless a line allows them), receipts posted once, permissions and
company walls, and a list whose statement count does not grow with its rows."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from helpers import QueryCounter, add_member, enable, eventually

CREATE = """mutation($i: ExpectedDeliveryInput!) { createExpectedDelivery(input: $i) {
  expectedDelivery { id status expectedValue lines { id position item { sku } quantityExpected } }
  userErrors { field code message } } }"""
RECEIVE = """mutation($i: ReceiveDeliveryInput!) { receiveExpectedDelivery(input: $i) {
  created receipt { id lines { quantity unitCost moveId item { sku } } location { code } }
  expectedDelivery { status lines { quantityReceived quantityOutstanding } }
  userErrors { field code message } } }"""
DETAIL = """query($id: ID!) { expectedDelivery(id: $id) { id reference supplierName status currency
  lines { id quantityExpected quantityReceived quantityOutstanding unitCost allowOverReceipt item { sku } }
  receipts { id receivedOn reference location { code } lines { quantity item { sku } } } } }"""
ON_HAND = "query($i: ID) { stockOnHand(itemId: $i) { locationId quantity } }"


@pytest.fixture
async def warehouse(company):  # type: ignore[no-untyped-def]
    api = company.api
    await enable(api, "logistics")
    items = {}
    for sku in ("KOP-ARB", "GULA-1KG"):
        items[sku] = (await api.data('mutation($s: String!) { createItem(input: {sku: $s, name: $s}) { item { id } } }',
                                     {"s": sku}))["createItem"]["item"]["id"]
    locations = (await api.data('mutation { createWarehouse(input: {code: "JKT", name: "Gudang Jakarta", locations: ["A-01", "B-01"]}) { warehouse { locations { id code } } } }'))[
        "createWarehouse"]["warehouse"]["locations"]
    return company, items, {loc["code"]: loc["id"] for loc in locations}


async def expect(api, items, reference="PO-001", **extra):  # type: ignore[no-untyped-def]
    data = await api.data(CREATE, {"i": {
        "supplierName": "PT Sumber Kopi", "reference": reference, "expectedDate": "2026-06-10",
        "lines": [{"itemId": items["KOP-ARB"], "quantity": "10", "unitCost": "150000"},
                  {"itemId": items["GULA-1KG"], "quantity": "5", "unitCost": "18000.50", "allowOverReceipt": True}],
        **extra}})
    payload = data["createExpectedDelivery"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["expectedDelivery"]


def receipt(delivery, location, *quantities, **extra):  # type: ignore[no-untyped-def]
    lines = [{"lineId": line["id"], "quantity": str(q)} for line, q in zip(delivery["lines"], quantities, strict=False)
             if q is not None]
    return {"i": {"deliveryId": delivery["id"], "locationId": location, "receivedOn": "2026-06-11", "lines": lines,
                  **extra}}


async def on_hand(api, item):  # type: ignore[no-untyped-def]
    return {x["locationId"]: D(x["quantity"]) for x in (await api.data(ON_HAND, {"i": item}))["stockOnHand"]}


async def test_partial_receipts_fill_stock_and_move_the_status(warehouse):
    company, items, loc = warehouse
    api = company.api
    delivery = await expect(api, items)
    assert delivery["status"] == "open" and D(delivery["expectedValue"]) == D("1590002.50")

    first = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 4, reference="SJ-1")))["receiveExpectedDelivery"]
    assert first["userErrors"] == [] and first["created"] is True
    assert first["expectedDelivery"]["status"] == "partially_received"
    assert [(D(x["quantityReceived"]), D(x["quantityOutstanding"])) for x in first["expectedDelivery"]["lines"]] == [
        (D(4), D(6)), (D(0), D(5))]
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(4)}
    assert first["receipt"]["location"]["code"] == "A-01" and D(first["receipt"]["lines"][0]["unitCost"]) == D(150000)

    second = receipt(delivery, loc["B-01"], 6, 5, idempotencyKey="gr-2")
    done = (await api.data(RECEIVE, second))["receiveExpectedDelivery"]
    assert done["userErrors"] == [] and done["expectedDelivery"]["status"] == "received"
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(4), loc["B-01"]: D(6)}
    assert await on_hand(api, items["GULA-1KG"]) == {loc["B-01"]: D(5)}

    # The same receipt sent again (a double click, a retried request) posts nothing more.
    again = (await api.data(RECEIVE, second))["receiveExpectedDelivery"]
    assert again["created"] is False and again["receipt"]["id"] == done["receipt"]["id"]
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(4), loc["B-01"]: D(6)}
    moves = (await api.data("query($i: ID!) { stockMoves(itemId: $i) { nodes { kind purpose quantity value reference } } }",
                            {"i": items["GULA-1KG"]}))["stockMoves"]["nodes"]
    assert [(m["kind"], m["purpose"], D(m["quantity"]), D(m["value"]), m["reference"]) for m in moves] == [
        ("receipt", "purchase", D(5), D("90002.50"), "PO-001")]
    average = (await api.data('{ items(search: "GULA") { nodes { averageCost } } }'))["items"]["nodes"][0]
    assert D(average["averageCost"]) == D("18000.50")

    detail = (await api.data(DETAIL, {"id": delivery["id"]}))["expectedDelivery"]
    assert [r["reference"] for r in detail["receipts"]] == ["SJ-1", ""]
    assert [[(x["item"]["sku"], D(x["quantity"])) for x in r["lines"]] for r in detail["receipts"]] == [
        [("KOP-ARB", D(4))], [("KOP-ARB", D(6)), ("GULA-1KG", D(5))]]

    late = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], None, 1)))["receiveExpectedDelivery"]
    assert late["userErrors"][0]["code"] == "CONFLICT" and late["userErrors"][0]["field"] == ["input", "deliveryId"]


async def test_an_over_receipt_is_refused_and_changes_nothing(warehouse):
    company, items, loc = warehouse
    api = company.api
    delivery = await expect(api, items)
    await api.data(RECEIVE, receipt(delivery, loc["A-01"], 8))

    # Three more is fine on line 2, but line 1 expects only 2 more: the whole receipt is refused.
    over = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 3, 2)))["receiveExpectedDelivery"]
    error = over["userErrors"][0]
    assert error["code"] == "OVER_RECEIPT" and error["field"] == ["input", "lines", "0", "quantity"]
    assert "2" in error["message"] and over["receipt"] is None
    detail = (await api.data(DETAIL, {"id": delivery["id"]}))["expectedDelivery"]
    assert detail["status"] == "partially_received" and len(detail["receipts"]) == 1
    assert [D(x["quantityReceived"]) for x in detail["lines"]] == [D(8), D(0)]
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(8)}
    assert await on_hand(api, items["GULA-1KG"]) == {}

    # Line 2 allows more than expected: seven of five are taken.
    more = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 2, 7)))["receiveExpectedDelivery"]
    assert more["userErrors"] == [] and more["expectedDelivery"]["status"] == "received"
    assert [(D(x["quantityReceived"]), D(x["quantityOutstanding"])) for x in more["expectedDelivery"]["lines"]] == [
        (D(10), D(0)), (D(7), D(0))]

    # In Indonesian, the same refusal reads in Indonesian.
    other = await expect(api, items, reference="PO-002")
    body = await api.gql(RECEIVE, receipt(other, loc["A-01"], 11), headers={"accept-language": "id"})
    assert body["data"]["receiveExpectedDelivery"]["userErrors"][0]["message"].startswith("Baris 1 hanya menunggu")


async def test_checks_on_input(warehouse):
    company, items, loc = warehouse
    api = company.api
    empty = (await api.data(CREATE, {"i": {"supplierName": "PT A", "reference": "PO-X", "expectedDate": "2026-06-01",
                                           "lines": []}}))["createExpectedDelivery"]
    assert empty["userErrors"][0]["field"] == ["input", "lines"]
    delivery = await expect(api, items)
    nothing = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 0)))["receiveExpectedDelivery"]
    assert nothing["userErrors"][0]["code"] == "BAD_USER_INPUT"
    negative = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], -1)))["receiveExpectedDelivery"]
    assert negative["userErrors"][0]["field"] == ["input", "lines", "0", "quantity"]
    other = await expect(api, items, reference="PO-002")
    foreign = receipt(delivery, loc["A-01"], 1)
    foreign["i"]["lines"][0]["lineId"] = other["lines"][0]["id"]
    wrong = (await api.data(RECEIVE, foreign))["receiveExpectedDelivery"]
    assert wrong["userErrors"][0]["field"] == ["input", "lines", "0", "lineId"]

    # A delivery in dollars needs the rate of the day; its costs enter stock in rupiah.
    usd = await expect(api, items, reference="PO-USD", currency="usd")
    no_rate = (await api.data(RECEIVE, receipt(usd, loc["A-01"], None, 1)))["receiveExpectedDelivery"]
    assert no_rate["userErrors"][0]["field"] == ["input", "exchangeRate"]
    rated = (await api.data(RECEIVE, receipt(usd, loc["A-01"], None, 2, exchangeRate="16250")))["receiveExpectedDelivery"]
    assert D(rated["receipt"]["lines"][0]["unitCost"]) == D("292508125")
    detail = (await api.data(DETAIL, {"id": usd["id"]}))["expectedDelivery"]
    assert detail["currency"] == "USD"


async def test_cancelling_keeps_what_arrived_and_stops_receipts(warehouse):
    company, items, loc = warehouse
    api = company.api
    delivery = await expect(api, items)
    await api.data(RECEIVE, receipt(delivery, loc["A-01"], 3))
    cancel = "mutation($i: ExpectedDeliveryIdInput!) { cancelExpectedDelivery(input: $i) { expectedDelivery { status } userErrors { code } } }"
    done = (await api.data(cancel, {"i": {"id": delivery["id"]}}))["cancelExpectedDelivery"]
    assert done["expectedDelivery"]["status"] == "cancelled"
    again = (await api.data(cancel, {"i": {"id": delivery["id"]}}))["cancelExpectedDelivery"]
    assert again["userErrors"][0]["code"] == "CONFLICT"
    refused = (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 1)))["receiveExpectedDelivery"]
    assert refused["userErrors"][0]["code"] == "CONFLICT"
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(3)}


async def test_permissions(warehouse, new_client):
    company, items, loc = warehouse
    delivery = await expect(company.api, items)
    reader = await add_member(company, new_client, permissions=["logistics.purchase.read"])
    seen = (await reader.api.data(DETAIL, {"id": delivery["id"]}))["expectedDelivery"]
    assert seen["reference"] == "PO-001"
    assert await reader.api.error_code(RECEIVE, receipt(delivery, loc["A-01"], 1)) == "FORBIDDEN"
    assert await reader.api.error_code(CREATE, {"i": {"supplierName": "X", "reference": "X", "expectedDate": "2026-06-01",
                                                      "lines": []}}) == "FORBIDDEN"
    staff = await add_member(company, new_client, role_keys=["logistics.warehouse_staff"], name="Gudang")
    ok = (await staff.api.data(RECEIVE, receipt(delivery, loc["A-01"], 1)))["receiveExpectedDelivery"]
    assert ok["userErrors"] == []
    assert await staff.api.error_code(CREATE, {"i": {"supplierName": "X", "reference": "X", "expectedDate": "2026-06-01",
                                                     "lines": []}}) == "FORBIDDEN"
    buyer = await add_member(company, new_client, role_keys=["logistics.purchasing_staff"], name="Pembelian")
    assert await buyer.api.error_code(RECEIVE, receipt(delivery, loc["A-01"], 1)) == "FORBIDDEN"
    nobody = await add_member(company, new_client, permissions=["logistics.stock.read"], name="Lain")
    assert await nobody.api.error_code(DETAIL, {"id": delivery["id"]}) == "FORBIDDEN"
    # The refused attempts changed nothing.
    assert await on_hand(company.api, items["KOP-ARB"]) == {loc["A-01"]: D(1)}


async def test_another_company_can_neither_see_nor_receive(warehouse, other_company):
    company, items, loc = warehouse
    delivery = await expect(company.api, items)
    other = other_company.api
    await enable(other, "logistics")
    own = (await other.data('mutation { createWarehouse(input: {code: "SBY", name: "Gudang Surabaya"}) { warehouse { locations { id } } } }'))[
        "createWarehouse"]["warehouse"]["locations"][0]["id"]
    assert await other.error_code(DETAIL, {"id": delivery["id"]}) == "NOT_FOUND"
    assert (await other.data("{ expectedDeliveries { totalCount } }"))["expectedDeliveries"]["totalCount"] == 0
    assert await other.error_code(RECEIVE, receipt(delivery, own, 1)) == "NOT_FOUND"
    assert await other.error_code(RECEIVE, receipt(delivery, loc["A-01"], 1)) == "NOT_FOUND"
    # Nor can a company receive its own delivery into another company's location.
    assert await company.api.error_code(RECEIVE, receipt(delivery, own, 1)) == "NOT_FOUND"
    detail = (await company.api.data(DETAIL, {"id": delivery["id"]}))["expectedDelivery"]
    assert detail["status"] == "open" and detail["receipts"] == []


async def statements(company, query):  # type: ignore[no-untyped-def]
    """Statements the list runs, once the receipts' events are delivered (the in-process
    dispatcher shares the engine the counter watches); the fewer of two runs, in case a
    background sweep ran meanwhile."""
    from backoffice.db import scope
    from backoffice.events.tables import OutboxEvent
    from backoffice.graphql.ids import decode_id

    async def delivered():  # type: ignore[no-untyped-def]
        with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
            return await OutboxEvent.count().where(OutboxEvent.dispatched_at.is_null()) == 0

    await eventually(delivered)
    counts = []
    for _ in range(2):
        with QueryCounter() as counter:
            await company.api.data(query, {"f": 50})
        counts.append(counter.count)
    return min(counts)


async def test_list_filters_pages_and_costs_the_same_for_3_or_30(warehouse, job_worker):
    company, items, loc = warehouse
    api = company.api
    query = """query($f: Int, $a: String) { expectedDeliveries(first: $f, after: $a) { totalCount
      pageInfo { hasNextPage endCursor }
      nodes { reference status expectedValue lines { quantityReceived item { sku } } receipts { location { code } lines { quantity } } } } }"""
    first = await expect(api, items, reference="PO-A")
    await api.data(RECEIVE, receipt(first, loc["A-01"], 1))
    for n in range(2):
        await expect(api, items, reference=f"PO-B{n}", supplierName="CV Gula Manis", expectedDate=f"2026-07-0{n + 1}")
    few = await statements(company, query)
    for n in range(27):
        delivery = await expect(api, items, reference=f"PO-C{n}")
        await api.data(RECEIVE, receipt(delivery, loc["B-01"], 1, 1))
    many = await statements(company, query)
    data = (await api.data(query, {"f": 50}))["expectedDeliveries"]
    assert len(data["nodes"]) == 30 and many == few

    page = (await api.data(query, {"f": 20}))["expectedDeliveries"]
    rest = (await api.data(query, {"f": 20, "a": page["pageInfo"]["endCursor"]}))["expectedDeliveries"]
    assert page["pageInfo"]["hasNextPage"] and len(page["nodes"]) + len(rest["nodes"]) == 30
    assert {x["reference"] for x in page["nodes"]} | {x["reference"] for x in rest["nodes"]} == {
        "PO-A", "PO-B0", "PO-B1", *[f"PO-C{n}" for n in range(27)]}

    filtered = """query($s: String, $q: String, $from: Date, $to: Date) {
      expectedDeliveries(status: $s, search: $q, expectedFrom: $from, expectedTo: $to) { totalCount nodes { reference } } }"""
    assert (await api.data(filtered, {"s": "open"}))["expectedDeliveries"]["totalCount"] == 2
    assert (await api.data(filtered, {"s": "partially_received"}))["expectedDeliveries"]["totalCount"] == 28
    assert (await api.data(filtered, {"q": "gula"}))["expectedDeliveries"]["totalCount"] == 2
    assert (await api.data(filtered, {"q": "PO-B1"}))["expectedDeliveries"]["nodes"] == [{"reference": "PO-B1"}]
    window = (await api.data(filtered, {"from": "2026-07-01", "to": "2026-07-01"}))["expectedDeliveries"]
    assert window["nodes"] == [{"reference": "PO-B0"}]


@pytest.mark.postgres
async def test_concurrent_receipts_never_take_more_than_expected(warehouse):
    import asyncio

    company, items, loc = warehouse
    api = company.api
    delivery = await expect(api, items)  # line 1 expects 10

    async def one(i):  # type: ignore[no-untyped-def]
        return (await api.data(RECEIVE, receipt(delivery, loc["A-01"], 3, idempotencyKey=f"rush-{i}")))[
            "receiveExpectedDelivery"]

    results = await asyncio.gather(*[one(i) for i in range(5)])
    codes = sorted(r["userErrors"][0]["code"] if r["userErrors"] else "" for r in results)
    assert codes == ["", "", "", "OVER_RECEIPT", "OVER_RECEIPT"]
    assert await on_hand(api, items["KOP-ARB"]) == {loc["A-01"]: D(9)}
    detail = (await api.data(DETAIL, {"id": delivery["id"]}))["expectedDelivery"]
    assert D(detail["lines"][0]["quantityReceived"]) == D(9) and len(detail["receipts"]) == 3

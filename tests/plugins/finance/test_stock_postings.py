"""Stock moves posted in logistics (``logistics.stock_moved``) become balanced entries in
finance, once per move: receipts, issues for sale or internal use, customer returns and count
adjustments; transfers and moves worth nothing post nothing."""

from __future__ import annotations

from decimal import Decimal as D

from helpers import enable, eventually

MOVE = """mutation($i: StockMoveInput!) { postStockMove(input: $i) { move { id value } userErrors { field code } } }"""
ENTRIES = """{ journalEntries(source: "logistics.stock", first: 50) { nodes { memo entryDate currency
  lines { account { code } debit credit } } } }"""


def move(kind, item, qty, **extra):  # type: ignore[no-untyped-def]
    return {"i": {"kind": kind, "itemId": item, "quantity": str(qty), "moveDate": "2026-06-01", **extra}}


async def test_stock_values_are_posted_once_and_balanced(company, job_worker):
    from backoffice.db import scope
    from backoffice.events import dispatch
    from backoffice.events.tables import EventDelivery, OutboxEvent
    from backoffice.graphql.ids import decode_id
    from backoffice_finance.ledger.tables import Account

    api = company.api
    tenant = decode_id(company.tenant_id, "Tenant")
    await enable(api, "finance")
    await enable(api, "logistics")
    # A company that enabled finance before "goods received not invoiced" joined the chart.
    with scope.scoped(tenant_id=tenant):
        await Account.delete().where(Account.code == "2120")
    item = (await api.data('mutation { createItem(input: {sku: "ATK-KERTAS", name: "Kertas A4"}) { item { id } } }'))[
        "createItem"]["item"]["id"]
    loc = {x["code"]: x["id"] for x in (await api.data(
        'mutation { createWarehouse(input: {code: "JKT", name: "Gudang", locations: ["A", "B"]}) { warehouse { locations { id code } } } }'))[
        "createWarehouse"]["warehouse"]["locations"]}

    for body in (move("receipt", item, 10, toLocationId=loc["A"], unitCost="50000"),  # 500,000 in
                 move("issue", item, 2, fromLocationId=loc["A"]),  # 100,000 sold
                 move("receipt", item, 1, toLocationId=loc["A"], purpose="return"),  # 50,000 back from a customer
                 move("adjustment", item, -1, toLocationId=loc["A"]),  # 50,000 short at the count
                 move("adjustment", item, 2, toLocationId=loc["A"]),  # 100,000 found
                 move("transfer", item, 3, fromLocationId=loc["A"], toLocationId=loc["B"])):  # no value moves
        assert (await api.data(MOVE, body))["postStockMove"]["userErrors"] == []
    issue = (await api.data("""mutation($i: StockIssueInput!) { createStockIssue(input: $i) { stockIssue { id } } }""",
                            {"i": {"issueDate": "2026-06-02", "fromLocationId": loc["A"], "reference": "ATK Juni",
                                   "lines": [{"itemId": item, "quantity": "3"}]}}))["createStockIssue"]["stockIssue"]["id"]
    posted = (await api.data("""mutation($i: PostStockIssueInput!) { postStockIssue(input: $i) { stockIssue { status } userErrors { code } } }""",
                             {"i": {"id": issue, "issueDate": "2026-06-02"}}))["postStockIssue"]
    assert posted == {"stockIssue": {"status": "posted"}, "userErrors": []}
    free = move("receipt", item, 5, toLocationId=loc["B"], unitCost="0")  # a free sample: worth nothing
    assert (await api.data(MOVE, free))["postStockMove"]["userErrors"] == []

    async def entries():  # type: ignore[no-untyped-def]
        nodes = (await api.data(ENTRIES))["journalEntries"]["nodes"]
        return nodes if len(nodes) >= 6 else None

    found = await eventually(entries)
    for entry in found:
        assert sum(D(x["debit"]) for x in entry["lines"]) == sum(D(x["credit"]) for x in entry["lines"]) > 0
        assert entry["currency"] == "IDR"
    postings = sorted((e["memo"].split(" ")[1], *[(x["account"]["code"], D(x["debit"]), D(x["credit"]))
                                                  for x in e["lines"]]) for e in found)
    # Average cost after the receipts: 500,000 / 10 = 50,000 (the return came in at that cost too).
    assert postings == sorted([
        ("receipt", ("1300", D(500000), D(0)), ("2120", D(0), D(500000))),
        ("issue", ("5000", D(100000), D(0)), ("1300", D(0), D(100000))),
        ("receipt", ("1300", D(50000), D(0)), ("5000", D(0), D(50000))),
        ("adjustment", ("6600", D(50000), D(0)), ("1300", D(0), D(50000))),
        ("adjustment", ("1300", D(100000), D(0)), ("4300", D(0), D(100000))),
        ("issue", ("6500", D(150000), D(0)), ("1300", D(0), D(150000))),
    ])
    accounts = {a["code"]: a for a in (await api.data("{ accounts(first: 100) { nodes { code kind } } }"))["accounts"]["nodes"]}
    assert accounts["2120"]["kind"] == "liability"  # added back on first use

    # Every stock event delivered again (a worker died before recording its delivery): nothing more.
    with scope.scoped(tenant_id=tenant):
        events = [r["id"] for r in await OutboxEvent.select(OutboxEvent.id).where(
            OutboxEvent.event_type == "logistics.stock_moved")]
        assert len(events) == 7  # the transfer is not published; the free sample is, worth zero
        await EventDelivery.delete().where(EventDelivery.event_id.is_in(events))
        await OutboxEvent.update({OutboxEvent.dispatched_at: None}).where(OutboxEvent.id.is_in(events))
    await dispatch.dispatch_events(tenant)
    assert len((await api.data(ENTRIES))["journalEntries"]["nodes"]) == 6

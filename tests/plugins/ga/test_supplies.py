"""Office supplies through GraphQL: a catalogue, requests from members, GA's decision with a
reason, the event logistics builds on (``ga.supply_request_approved``), and the boundaries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from ga_helpers import outbox, user_id
from helpers import QueryCounter, add_member, enable

ITEM = "mutation($i: SupplyItemInput!) { createSupplyItem(input: $i) { supplyItem { id sku } userErrors { field code } } }"
REQUEST = """mutation($i: SupplyRequestInput!) { requestSupplies(input: $i) { supplyRequest { id number status
  requestedById lines { sku name unit quantity note } } userErrors { field code message } } }"""
DECIDE = """mutation($i: SupplyDecisionInput!) { decideSupplyRequest(input: $i) { supplyRequest { status approvedOn
  decisionReason decidedById } userErrors { field code message } } }"""
CANCEL = "mutation($id: ID!) { cancelSupplyRequest(id: $id) { supplyRequest { status } userErrors { field code } } }"
LIST = "{ supplyRequests(first: 100) { nodes { number status lines { sku quantity } } } }"


@pytest.fixture
async def supplies(office, new_client):  # type: ignore[no-untyped-def]
    for sku, name, unit in (("ATK-KRT-A4", "Kertas A4", "rim"), ("ATK-PLP", "Pulpen hitam", "pcs"),
                            ("ATK-MAP", "Map", "pcs")):
        await office.api.data(ITEM, {"i": {"sku": sku, "name": name, "unit": unit}})
    member = await add_member(office.company, new_client, name="Rina")
    approver = await add_member(office.company, new_client, role_keys=["ga.ga_staff"], name="Staf GA")
    return office, member, approver


def lines(*pairs, **extra):  # type: ignore[no-untyped-def]
    return {"i": {"lines": [{"sku": s, "quantity": q} for s, q in pairs], **extra}}


async def test_a_member_asks_and_ga_approves_publishing_the_event(supplies):
    office, member, approver = supplies
    asked = (await member.api.data(REQUEST, lines(("ATK-KRT-A4", "5"), ("ATK-PLP", "2.5"), note="Untuk tim keuangan")))[
        "requestSupplies"]
    assert asked["userErrors"] == []
    request = asked["supplyRequest"]
    assert request["number"] == "SR-00001" and request["status"] == "submitted"
    assert request["requestedById"] == user_id(member)
    assert [(x["sku"], x["name"], x["unit"]) for x in request["lines"]] == [("ATK-KRT-A4", "Kertas A4", "rim"),
                                                                              ("ATK-PLP", "Pulpen hitam", "pcs")]
    assert await member.api.error_code(DECIDE, {"i": {"id": request["id"], "approve": True}}) == "FORBIDDEN"
    decided = (await approver.api.data(DECIDE, {"i": {"id": request["id"], "approve": True}}))["decideSupplyRequest"]
    assert decided["userErrors"] == []
    today = date.today().isoformat()
    assert decided["supplyRequest"] == {"status": "approved", "approvedOn": today, "decisionReason": "",
                                        "decidedById": user_id(approver)}
    events = await outbox(office.company, "ga.supply_request_approved")
    assert len(events) == 1
    assert events[0]["payload"] == {"supply_request_id": request["id"], "number": "SR-00001",
                                    "requested_by": user_id(member), "approved_on": today,
                                    "lines": [{"sku": "ATK-KRT-A4", "quantity": "5"}, {"sku": "ATK-PLP", "quantity": "2.5"}]}
    again = (await approver.api.data(DECIDE, {"i": {"id": request["id"], "approve": False, "reason": "x"}}))
    assert [e["code"] for e in again["decideSupplyRequest"]["userErrors"]] == ["CONFLICT"]
    assert len(await outbox(office.company, "ga.supply_request_approved")) == 1


async def test_a_rejection_needs_a_reason_and_publishes_nothing(supplies):
    office, member, approver = supplies
    pk = (await member.api.data(REQUEST, lines(("ATK-MAP", "3"))))["requestSupplies"]["supplyRequest"]["id"]
    bare = (await approver.api.data(DECIDE, {"i": {"id": pk, "approve": False}}))["decideSupplyRequest"]["userErrors"]
    assert [(e["field"], e["code"]) for e in bare] == [(["input", "reason"], "BAD_USER_INPUT")]
    body = await approver.api.gql(DECIDE, {"i": {"id": pk, "approve": False}}, headers={"accept-language": "id"})
    assert body["data"]["decideSupplyRequest"]["userErrors"][0]["message"] == "Beri alasan penolakan."
    no = (await approver.api.data(DECIDE, {"i": {"id": pk, "approve": False, "reason": "Stok map masih ada di meja"}}))
    assert no["decideSupplyRequest"]["supplyRequest"]["status"] == "rejected"
    assert no["decideSupplyRequest"]["supplyRequest"]["decisionReason"] == "Stok map masih ada di meja"
    assert await outbox(office.company, "ga.supply_request_approved") == []
    mine = await member.api.data("{ mySupplyRequests { nodes { status decisionReason } } }")
    assert mine["mySupplyRequests"]["nodes"] == [{"status": "rejected", "decisionReason": "Stok map masih ada di meja"}]


async def test_lines_are_checked(supplies):
    office, member, _ = supplies

    async def errors(variables):  # type: ignore[no-untyped-def]
        data = await member.api.data(REQUEST, variables)
        return [(e["field"], e["code"]) for e in data["requestSupplies"]["userErrors"]]

    assert await errors(lines()) == [(["input", "lines"], "BAD_USER_INPUT")]
    assert await errors(lines(("ATK-KRT-A4", "1"), ("KOPI-1", "1"))) == [(["input", "lines", "1", "sku"], "BAD_USER_INPUT")]
    assert await errors(lines(("ATK-KRT-A4", "0"))) == [(["input", "lines", "0", "quantity"], "BAD_USER_INPUT")]
    assert await errors(lines(("ATK-KRT-A4", "1.2345"))) == [(["input", "lines", "0", "quantity"], "BAD_USER_INPUT")]
    assert await errors(lines(("ATK-PLP", "1"), ("ATK-PLP", "2"))) == [(["input", "lines", "1", "sku"], "BAD_USER_INPUT")]
    item = (await office.api.data('{ supplyItems { nodes { id sku } } }'))["supplyItems"]["nodes"][0]
    await office.api.data("mutation($i: UpdateSupplyItemInput!) { updateSupplyItem(input: $i) { userErrors { code } } }",
                          {"i": {"id": item["id"], "active": False}})
    assert await errors(lines((item["sku"], "1"))) == [(["input", "lines", "0", "sku"], "BAD_USER_INPUT")]
    offered = await member.api.data('{ supplyItems { nodes { sku } } }')
    assert item["sku"] not in [n["sku"] for n in offered["supplyItems"]["nodes"]]
    dup = (await office.api.data(ITEM, {"i": {"sku": "ATK-PLP", "name": "Lagi"}}))["createSupplyItem"]["userErrors"]
    assert [(e["field"], e["code"]) for e in dup] == [(["input", "sku"], "CONFLICT")]


async def test_the_requester_cancels_while_waiting(supplies):
    office, member, approver = supplies
    pk = (await member.api.data(REQUEST, lines(("ATK-MAP", "1"))))["requestSupplies"]["supplyRequest"]["id"]
    assert await approver.api.error_code(CANCEL, {"id": pk}) == "NOT_FOUND"  # only the requester takes it back
    assert (await member.api.data(CANCEL, {"id": pk}))["cancelSupplyRequest"]["supplyRequest"]["status"] == "cancelled"
    late = (await approver.api.data(DECIDE, {"i": {"id": pk, "approve": True}}))["decideSupplyRequest"]["userErrors"]
    assert [e["code"] for e in late] == ["CONFLICT"]


async def test_who_sees_what_and_the_company_boundary(supplies, new_client, other_company):
    office, member, approver = supplies
    pk = (await member.api.data(REQUEST, lines(("ATK-MAP", "1"))))["requestSupplies"]["supplyRequest"]["id"]
    colleague = await add_member(office.company, new_client, name="Budi")
    one = "query($id: ID!) { supplyRequest(id: $id) { number } }"
    assert await colleague.api.error_code(one, {"id": pk}) == "NOT_FOUND"
    assert (await approver.api.data(one, {"id": pk}))["supplyRequest"]["number"] == "SR-00001"
    assert await member.api.error_code(LIST) == "FORBIDDEN"
    assert await member.api.error_code(ITEM, {"i": {"sku": "X", "name": "X"}}) == "FORBIDDEN"
    await enable(other_company.api, "ga")
    assert (await other_company.api.data(LIST))["supplyRequests"]["nodes"] == []
    assert await other_company.api.error_code(DECIDE, {"i": {"id": pk, "approve": True}}) == "NOT_FOUND"
    assert await other_company.api.error_code(one, {"id": pk}) == "NOT_FOUND"
    assert (await other_company.api.data("{ supplyItems { nodes { sku } } }"))["supplyItems"]["nodes"] == []
    theirs = (await other_company.api.data(REQUEST, lines(("ATK-MAP", "1"))))["requestSupplies"]["userErrors"]
    assert [e["code"] for e in theirs] == ["BAD_USER_INPUT"]  # not in their catalogue


async def test_the_list_costs_a_constant_number_of_statements(supplies):
    office, member, approver = supplies
    await member.api.data(REQUEST, lines(("ATK-MAP", "1"), ("ATK-PLP", "2")))
    with QueryCounter() as few:
        await approver.api.data(LIST)
    for _ in range(20):
        await member.api.data(REQUEST, lines(("ATK-MAP", "1"), ("ATK-PLP", "2"), ("ATK-KRT-A4", "1")))
    with QueryCounter() as many:
        data = await approver.api.data(LIST)
    assert len(data["supplyRequests"]["nodes"]) == 21
    assert many.count == few.count, many.statements


async def test_logistics_drafts_the_issue_of_an_approved_request(supplies, job_worker):
    """The contract end to end: GA approves, the event is delivered, logistics drafts the issue."""
    from backoffice.events import dispatch
    from backoffice.graphql.ids import decode_id

    from helpers import eventually

    office, member, approver = supplies
    api = office.api
    await enable(api, "logistics")
    await api.data('mutation { createItem(input: {sku: "ATK-KRT-A4", name: "Kertas A4", unit: "rim"}) { item { id } } }')
    await api.data('mutation { createWarehouse(input: {code: "KTR", name: "Gudang kantor", locations: ["RAK-1"]}) { warehouse { id } } }')
    pk = (await member.api.data(REQUEST, lines(("ATK-KRT-A4", "4"))))["requestSupplies"]["supplyRequest"]["id"]
    await approver.api.data(DECIDE, {"i": {"id": pk, "approve": True}})
    await dispatch.dispatch_events(decode_id(office.company.tenant_id, "Tenant"))

    async def drafted():  # type: ignore[no-untyped-def]
        data = await api.data("{ stockIssues { nodes { status reference source requestedById lines { quantity item { sku } } } } }")
        return data["stockIssues"]["nodes"]

    issue = (await eventually(drafted))[0]
    assert issue["reference"] == "SR-00001" and issue["source"] == "ga.supply_request" and issue["status"] == "draft"
    assert issue["requestedById"] == user_id(member)
    assert [(x["item"]["sku"], D(x["quantity"])) for x in issue["lines"]] == [("ATK-KRT-A4", D(4))]

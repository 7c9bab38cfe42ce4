"""What the modules tell people: HR leave to approve and decided, IT tickets assigned and
answered, legal deadlines and permits from the daily watch, logistics low stock from the daily
alert; and comments on a module's own records."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from backoffice.graphql.ids import decode_id, encode_id
from helpers import add_member, enable

NOTIFICATIONS = "{ notifications { unreadCount nodes { kind title body link } } }"
CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""


async def _notes(member: Any) -> list[dict[str, Any]]:
    return (await member.api.data(NOTIFICATIONS))["notifications"]["nodes"]


def _tenant(company: Any) -> int:
    return decode_id(company.tenant_id, "Tenant")


async def _employee(company: Any, name: str, user: Any = None, manager: str | None = None) -> str:
    values: dict[str, Any] = {"fullName": name, "startDate": "2015-01-05"}
    if user is not None:
        values["userId"] = encode_id("User", user.extra["user_id"])
    if manager:
        values["managerId"] = manager
    return (await company.api.data(CREATE_EMP, {"i": values}))["createEmployee"]["employee"]["id"]


async def _ask_leave(member: Any) -> str:
    start = date(date.today().year + 1, 3, 2)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
    types = (await member.api.data("{ leaveTypes { nodes { id code } } }"))["leaveTypes"]["nodes"]
    annual = next(t["id"] for t in types if t["code"] == "annual")
    data = await member.api.data("""mutation($i: RequestLeaveInput!) { requestLeave(input: $i) {
        leaveRequest { id } userErrors { code message } } }""", {"i": {
        "leaveTypeId": annual, "startDate": str(start), "endDate": str(start + timedelta(days=1)),
        "reason": "Family visit"}})
    assert data["requestLeave"]["userErrors"] == [], data
    return data["requestLeave"]["leaveRequest"]["id"]


async def test_leave_goes_to_the_manager_and_the_decision_back(company, new_client):
    await enable(company.api, "hr")
    manager = await add_member(company, new_client, name="Maya")
    report = await add_member(company, new_client, name="Rudi")
    approver = await add_member(company, new_client, permissions=["hr.leave.approve"], name="HR")
    boss = await _employee(company, "Maya", manager)
    await _employee(company, "Rudi", report, manager=boss)
    leave = await _ask_leave(report)
    (n,) = await _notes(manager)
    assert n["kind"] == "hr.leave_to_approve" and n["title"].startswith("Rudi asks for leave (")
    assert n["body"] == "Family visit" and n["link"] == "/hr/leave"
    assert await _notes(approver) == [] and await _notes(report) == []

    await manager.api.data("""mutation($i: DecideLeaveInput!) { approveLeaveRequest(input: $i) {
        userErrors { code } } }""", {"i": {"id": leave}})
    (n,) = await _notes(report)
    assert n["kind"] == "hr.leave_decided" and n["title"].endswith("is approved")
    assert n["link"] == "/me/leave"


async def test_leave_without_a_manager_goes_to_the_approvers(company, new_client):
    await enable(company.api, "hr")
    loner = await add_member(company, new_client, name="Lina")
    approver = await add_member(company, new_client, permissions=["hr.leave.approve"], name="HR")
    bystander = await add_member(company, new_client, permissions=["hr.leave.read"], name="Reader")
    await _employee(company, "Lina", loner)
    await _ask_leave(loner)
    assert [n["kind"] for n in await _notes(approver)] == ["hr.leave_to_approve"]
    assert [n["kind"] for n in (await company.api.data(NOTIFICATIONS))["notifications"]["nodes"]] == [
        "hr.leave_to_approve"]  # the owner holds every permission
    assert await _notes(bystander) == [] and await _notes(loner) == []


async def test_a_ticket_assigned_and_answered(company, new_client):
    await enable(company.api, "it")
    agent = await add_member(company, new_client, role_keys=["it.support_agent"], name="Agent")
    requester = await add_member(company, new_client, name="Requester")
    ticket = (await requester.api.data("""mutation { createTicket(input: {subject: "Printer offline"}) {
        ticket { id } } }"""))["createTicket"]["ticket"]["id"]
    update = "mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { userErrors { code } } }"
    agent_id = encode_id("User", agent.extra["user_id"])
    await company.api.data(update, {"i": {"id": ticket, "assigneeId": agent_id}})
    (n,) = await _notes(agent)
    assert n["kind"] == "it.ticket_assigned" and "Printer offline" in n["title"]
    assert n["link"] == f"/it/tickets/{ticket}"
    await company.api.data(update, {"i": {"id": ticket, "assigneeId": agent_id}})  # unchanged: no repeat
    assert len(await _notes(agent)) == 1
    # Taking a ticket yourself tells nobody.
    other = (await requester.api.data("""mutation { createTicket(input: {subject: "VPN"}) {
        ticket { id } } }"""))["createTicket"]["ticket"]["id"]
    await agent.api.data(update, {"i": {"id": other, "assigneeId": agent_id}})
    assert len(await _notes(agent)) == 1

    reply = "mutation($i: TicketReplyInput!) { replyToTicket(input: $i) { userErrors { code } } }"
    await agent.api.data(reply, {"i": {"id": ticket, "body": "Internal only", "internal": True}})
    assert await _notes(requester) == []
    await agent.api.data(reply, {"i": {"id": ticket, "body": "Restarted it."}})
    (n,) = await _notes(requester)
    assert n["kind"] == "it.ticket_answered" and n["link"] == "/me/tickets"


async def test_legal_deadlines_from_the_daily_watch(company, new_client):
    from backoffice.db import scope
    from backoffice_legal.contracts.tables import Contract
    from backoffice_legal.jobs import daily_legal_watch

    await enable(company.api, "legal")
    officer = await add_member(company, new_client, role_keys=["legal.legal_officer"], name="Officer")
    owner = await add_member(company, new_client, name="Owner of the contract")
    bystander = await add_member(company, new_client, name="Bystander")
    end = date.today() + timedelta(days=40)
    contract = (await officer.api.data("""mutation($i: ContractInput!) { createContract(input: $i) {
        contract { id } } }""", {"i": {"title": "Servis AC", "counterparty": "CV Dingin",
                                       "endDate": str(end), "noticeDays": 30,
                                       "ownerId": encode_id("User", owner.extra["user_id"])}}))
    contract_id = contract["createContract"]["contract"]["id"]
    await officer.api.data("""mutation($i: PermitInput!) { createPermit(input: $i) { permit { id } } }""",
                           {"i": {"name": "Izin lingkungan", "expiresOn": str(date.today() + timedelta(days=20))}})
    with scope.scoped(tenant_id=_tenant(company)):
        await Contract.update({Contract.status: "active"}).where(Contract.id == decode_id(contract_id, "Contract"))
        await daily_legal_watch(None)
        await daily_legal_watch(None)  # once per deadline
    kinds = sorted(n["kind"] for n in await _notes(officer))
    assert kinds == ["legal.contract_deadline", "legal.permit_expiring"]
    (n,) = await _notes(owner)
    notice = (end - timedelta(days=30)).isoformat()
    assert n["title"] == f"Notice for “Servis AC” is due by {notice}"
    assert n["link"] == f"/legal/contracts/{contract_id}"
    assert await _notes(bystander) == []


async def test_low_stock_from_the_daily_alert(company, new_client):
    from backoffice.db import scope
    from backoffice_logistics.stock.jobs import alert_low_stock

    await enable(company.api, "logistics")
    staff = await add_member(company, new_client, role_keys=["logistics.warehouse_staff"], name="Staff")
    bystander = await add_member(company, new_client, name="Bystander")
    await company.api.data("""mutation { createItem(input: {sku: "KRT-A4", name: "Kertas A4", reorderPoint: "10"}) {
        userErrors { code } } }""")
    with scope.scoped(tenant_id=_tenant(company)):
        assert (await alert_low_stock(None))["low"] == 1
    (n,) = await _notes(staff)
    assert n["kind"] == "logistics.low_stock"
    assert n["title"] == "1 item(s) at or below the reorder point"
    assert "KRT-A4 Kertas A4: 0 / 10" in n["body"]
    assert await _notes(bystander) == []


async def test_comments_on_an_employee(company, new_client):
    await enable(company.api, "hr")
    employee = await _employee(company, "Dewi")
    hr_reader = await add_member(company, new_client, permissions=["hr.employee.read"], name="Reader")
    me = (await hr_reader.api.data("{ me { id } }"))["me"]["id"]
    add = "mutation($r: ID!, $b: String!) { addComment(input: {recordId: $r, body: $b}) { userErrors { code } } }"
    await company.api.data(add, {"r": employee, "b": f"Probation ends soon, @[Reader]({me})"})
    (n,) = await _notes(hr_reader)
    assert n["kind"] == "core.mentioned" and n["link"] == f"/hr/employees/{employee}"
    outsider = await add_member(company, new_client, permissions=["hr.leave.read"])
    body = await outsider.api.gql("query($r: ID!) { comments(recordId: $r) { totalCount } }", {"r": employee})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"

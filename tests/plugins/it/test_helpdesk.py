"""The helpdesk through GraphQL: tickets, replies and internal notes, the workflow, SLA
breaches, satisfaction, and onboarding tickets from HR hires."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from helpers import add_member, enable, eventually

CREATE = """mutation($i: TicketInput!) { createTicket(input: $i) { ticket { id number status priority } userErrors { field code } } }"""
REPLY = """mutation($i: TicketReplyInput!) { replyToTicket(input: $i) { ticket { firstResponseAt } userErrors { code } } }"""
UPDATE = """mutation($i: UpdateTicketInput!) { updateTicket(input: $i) { ticket { status } userErrors { field code } } }"""
TICKET = """query($id: ID!) { ticket(id: $id) { subject status messages { body internal } } }"""


@pytest.fixture
async def desk(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "it")
    agent = await add_member(company, new_client, role_keys=["it.support_agent"], name="Agent")
    user = await add_member(company, new_client, name="User")
    return company, agent, user


async def test_a_member_asks_and_an_agent_answers(desk):
    company, agent, user = desk
    t = (await user.api.data(CREATE, {"i": {"subject": "Printer offline", "priority": "high"}}))["createTicket"]["ticket"]
    assert t["status"] == "new" and t["number"] >= 1
    await agent.api.data(REPLY, {"i": {"id": t["id"], "body": "On my way"}})
    await agent.api.data(REPLY, {"i": {"id": t["id"], "body": "Driver issue", "internal": True}})
    assert await user.api.error_code(REPLY, {"i": {"id": t["id"], "body": "psst", "internal": True}}) == "FORBIDDEN"
    seen = (await user.api.data(TICKET, {"id": t["id"]}))["ticket"]["messages"]
    assert [m["body"] for m in seen] == ["On my way"]
    assert len((await agent.api.data(TICKET, {"id": t["id"]}))["ticket"]["messages"]) == 2


async def test_workflow_and_satisfaction(desk):
    company, agent, user = desk
    t = (await user.api.data(CREATE, {"i": {"subject": "VPN"}}))["createTicket"]["ticket"]
    bad = await agent.api.data(UPDATE, {"i": {"id": t["id"], "status": "closed"}})
    assert bad["updateTicket"]["userErrors"][0]["code"] == "CONFLICT"
    await agent.api.data(UPDATE, {"i": {"id": t["id"], "status": "resolved"}})
    closed = await user.api.data("mutation($i: CloseTicketInput!) { closeTicket(input: $i) { ticket { status satisfaction } } }",
                                 {"i": {"id": t["id"], "rating": 5}})
    assert closed["closeTicket"]["ticket"] == {"status": "closed", "satisfaction": 5}


async def test_others_cannot_see_my_ticket(desk, new_client, other_company):
    company, agent, user = desk
    t = (await user.api.data(CREATE, {"i": {"subject": "Private"}}))["createTicket"]["ticket"]
    colleague = await add_member(company, new_client, name="Colleague")
    assert await colleague.api.error_code(TICKET, {"id": t["id"]}) == "NOT_FOUND"
    assert await colleague.api.error_code("{ tickets { totalCount } }") == "FORBIDDEN"
    await enable(other_company.api, "it")
    assert await other_company.api.error_code(TICKET, {"id": t["id"]}) == "NOT_FOUND"


async def test_sla_breach_is_detected(desk):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice_it.helpdesk import services

    company, agent, user = desk
    t = (await user.api.data(CREATE, {"i": {"subject": "Server down", "priority": "urgent"}}))["createTicket"]["ticket"]
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        assert await services.detect_breaches(datetime.now(UTC)) == 0
        assert await services.detect_breaches(datetime.now(UTC) + timedelta(hours=5)) == 1
    breached = (await agent.api.data("{ tickets(breached: true) { nodes { id } } }"))["tickets"]["nodes"]
    assert [n["id"] for n in breached] == [t["id"]]


async def test_a_hire_opens_one_onboarding_ticket(company, new_client, job_worker):
    from backoffice.events import dispatch
    from backoffice.graphql.ids import decode_id

    api = company.api
    await enable(api, "it")
    await enable(api, "hr")
    opening = (await api.data('mutation { createJobOpening(input: {title: "Admin"}) { jobOpening { id } } }'))[
        "createJobOpening"]["jobOpening"]["id"]
    applicant = (await api.data('mutation($o: ID!) { createApplicant(input: {openingId: $o, fullName: "Sari Dewi"}) { applicant { id } } }',
                                {"o": opening}))["createApplicant"]["applicant"]["id"]
    await api.data('mutation($a: ID!) { hireApplicant(input: {id: $a, startDate: "2026-12-01"}) { userErrors { code } } }',
                   {"a": applicant})
    await dispatch.dispatch_events(decode_id(company.tenant_id, "Tenant"))

    async def onboarding():  # type: ignore[no-untyped-def]
        nodes = (await api.data("{ tickets { nodes { subject category } } }"))["tickets"]["nodes"]
        return [n for n in nodes if n["category"] == "onboarding"]

    tickets = await eventually(onboarding)
    assert len(tickets) == 1 and "Sari Dewi" in tickets[0]["subject"]


async def test_attachments_are_checked(desk):
    import base64

    company, agent, user = desk
    t = (await user.api.data(CREATE, {"i": {"subject": "Error dialog"}}))["createTicket"]["ticket"]
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode()
    add = "mutation($i: TicketAttachmentInput!) { addTicketAttachment(input: $i) { ticket { attachments { name contentType } } userErrors { field code } } }"
    ok = await user.api.data(add, {"i": {"id": t["id"], "name": "screen.png", "file": png}})
    assert ok["addTicketAttachment"]["ticket"]["attachments"] == [{"name": "screen.png", "contentType": "image/png"}]
    bad = await user.api.data(add, {"i": {"id": t["id"], "name": "x.exe", "file": base64.b64encode(b"MZ").decode()}})
    assert bad["addTicketAttachment"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    # A PNG one byte over 5 MB is refused, and so is HTML whatever its name says.
    large = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024 - 7)).decode()
    too_big = await user.api.data(add, {"i": {"id": t["id"], "name": "huge.png", "file": large}})
    assert too_big["addTicketAttachment"]["userErrors"] == [{"field": ["input", "file"], "code": "BAD_USER_INPUT"}]
    again = await user.api.data(add, {"i": {"id": t["id"], "name": "x.html", "file": base64.b64encode(b"<html>").decode()}})
    assert again["addTicketAttachment"]["userErrors"][0]["code"] == "BAD_USER_INPUT"


async def test_ticket_list_costs_the_same_for_2_or_20(desk):
    from helpers import QueryCounter

    company, agent, user = desk
    query = "{ tickets(first: 50) { nodes { subject attachments { name } messages { body } } } }"
    for i in range(2):
        await user.api.data(CREATE, {"i": {"subject": f"T{i}"}})
    with QueryCounter() as few:
        await agent.api.data(query)
    for i in range(18):
        await user.api.data(CREATE, {"i": {"subject": f"U{i}"}})
    with QueryCounter() as many:
        data = await agent.api.data(query)
    assert len(data["tickets"]["nodes"]) == 20 and many.count == few.count

"""The service portal: request types of the enabled modules, submitting with checked forms, the
department's queue with due times, accepting (the module's record made in the same
transaction), rejecting, cancelling, approval first where a type asks for it, and walls between
requesters, departments and companies."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from helpers import add_member, disable, enable

TYPES = """query($m: String) { requestTypes(module: $m) { key module label description responseHours needsApproval
  canHandle fields { field label kind required options { value label } } } }"""
SUBMIT = """mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) {
  serviceRequest { id number type status title values dueAt submittedAt responseHours overdue }
  userErrors { field message code } } }"""
FIELDS = "id number type typeLabel module title values status reason dueAt overdue recordId recordType link requesterName"
MINE = "query($s: String) { myServiceRequests(status: $s) { totalCount nodes { " + FIELDS + " } } }"
QUEUE = ("query($m: String, $s: String, $o: Boolean) { serviceQueue(module: $m, status: $s, overdue: $o) "
         "{ totalCount nodes { " + FIELDS + " } } }")
ONE = "query($id: ID!) { serviceRequest(id: $id) { " + FIELDS + " } }"
ACCEPT = """mutation($id: ID!) { acceptServiceRequest(input: {id: $id}) {
  serviceRequest { """ + FIELDS + """ } userErrors { field message code } } }"""
REJECT = """mutation($id: ID!, $r: String!) { rejectServiceRequest(input: {id: $id, reason: $r}) {
  serviceRequest { """ + FIELDS + """ } userErrors { field message code } } }"""
CANCEL = """mutation($id: ID!) { cancelServiceRequest(input: {id: $id}) {
  serviceRequest { status } userErrors { field message code } } }"""

EQUIPMENT = {"type": "it.equipment", "title": "A second monitor",
             "values": {"item": "27-inch monitor", "reason": "Spreadsheets all day", "neededBy": "2030-01-15"}}


@pytest.fixture
async def it_desk(company, new_client):  # type: ignore[no-untyped-def]
    """A company with IT on, a member who asks and an IT agent who handles."""
    await enable(company.api, "it")
    requester = await add_member(company, new_client, name="Requester")
    agent = await add_member(company, new_client, permissions=["it.ticket.handle"], name="Agent")
    return company, requester, agent


async def submit(api, request=EQUIPMENT):  # type: ignore[no-untyped-def]
    payload = (await api.data(SUBMIT, {"i": request}))["submitServiceRequest"]
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["serviceRequest"]


async def test_request_types_are_those_of_the_enabled_modules(company, new_client):
    keys = {t["key"] for t in (await company.api.data(TYPES))["requestTypes"]}
    assert not any(k.startswith("it.") for k in keys)
    await enable(company.api, "it")
    member = await add_member(company, new_client)
    types = {t["key"]: t for t in (await member.api.data(TYPES, {"m": "it"}))["requestTypes"]}
    assert set(types) == {"it.equipment", "it.access", "it.problem"}
    access = types["it.access"]
    assert access["module"] == "it" and access["responseHours"] == 8 and access["canHandle"] is False
    level = next(f for f in access["fields"] if f["field"] == "level")
    assert level["kind"] == "select" and level["required"] and {o["value"] for o in level["options"]} == {
        "read", "write", "admin"}
    owner_view = {t["key"]: t for t in (await company.api.data(TYPES, {"m": "it"}))["requestTypes"]}
    assert owner_view["it.access"]["canHandle"] is True
    indonesian = (await member.api.data(TYPES, {"m": "it"}, headers={"accept-language": "id"}))["requestTypes"]
    assert "Akses ke sistem" in {t["label"] for t in indonesian}


async def test_submit_queue_accept_makes_an_it_ticket(it_desk):
    company, requester, agent = it_desk
    made = await submit(requester.api)
    assert made["status"] == "submitted" and made["number"].startswith("REQ-") and made["responseHours"] == 24
    submitted = datetime.fromisoformat(made["submittedAt"])
    assert datetime.fromisoformat(made["dueAt"]) - submitted == timedelta(hours=24)
    assert made["values"] == EQUIPMENT["values"]

    queue = (await agent.api.data(QUEUE, {"m": "it"}))["serviceQueue"]
    assert [n["id"] for n in queue["nodes"]] == [made["id"]]
    assert queue["nodes"][0]["overdue"] is False and queue["nodes"][0]["requesterName"] == "Requester"

    accepted = (await agent.api.data(ACCEPT, {"id": made["id"]}))["acceptServiceRequest"]
    assert accepted["userErrors"] == []
    request = accepted["serviceRequest"]
    assert request["status"] == "accepted" and request["recordType"] == "Ticket"
    assert request["link"] == "/me/tickets"

    tickets = (await agent.api.data("{ tickets { nodes { id subject category description } } }"))["tickets"]["nodes"]
    ticket = next(t for t in tickets if t["id"] == request["recordId"])
    assert ticket["subject"] == "A second monitor" and ticket["category"] == "equipment"
    assert "27-inch monitor" in ticket["description"]
    # The requester follows the status, and finds the ticket among their own.
    mine = (await requester.api.data(MINE))["myServiceRequests"]["nodes"]
    assert [(n["status"], n["recordId"]) for n in mine] == [("accepted", request["recordId"])]
    own = (await requester.api.data("{ myTickets { nodes { id } } }"))["myTickets"]["nodes"]
    assert [t["id"] for t in own] == [request["recordId"]]
    # Gone from the queue of waiting requests; accepting twice is refused.
    assert (await agent.api.data(QUEUE, {"m": "it"}))["serviceQueue"]["totalCount"] == 0
    again = (await agent.api.data(ACCEPT, {"id": made["id"]}))["acceptServiceRequest"]
    assert again["userErrors"][0]["code"] == "CONFLICT"


async def test_reject_needs_a_reason_and_the_requester_reads_it(it_desk):
    company, requester, agent = it_desk
    made = await submit(requester.api)
    empty = (await agent.api.data(REJECT, {"id": made["id"], "r": "  "}))["rejectServiceRequest"]
    assert empty["serviceRequest"] is None
    assert empty["userErrors"][0]["field"] == ["input", "reason"] and empty["userErrors"][0]["code"] == "BAD_USER_INPUT"
    assert (await requester.api.data(ONE, {"id": made["id"]}))["serviceRequest"]["status"] == "submitted"

    done = (await agent.api.data(REJECT, {"id": made["id"], "r": "Monitors come with the spring refresh."}))
    assert done["rejectServiceRequest"]["userErrors"] == []
    mine = (await requester.api.data(MINE, {"s": "rejected"}))["myServiceRequests"]["nodes"]
    assert [(n["status"], n["reason"], n["link"]) for n in mine] == [
        ("rejected", "Monitors come with the spring refresh.", "")]


@pytest.mark.parametrize("values, field, code", [
    ({"reason": "x"}, ["input", "values", "item"], "BAD_USER_INPUT"),
    ({"item": "Monitor", "reason": "x", "neededBy": "next week"}, ["input", "values", "neededBy"], "BAD_USER_INPUT"),
    ({"item": "Monitor", "reason": "x", "colour": "red"}, ["input", "values", "colour"], "BAD_USER_INPUT"),
    ({"item": 5, "reason": "x"}, ["input", "values", "item"], "BAD_USER_INPUT"),
])
async def test_the_form_is_checked_field_by_field(it_desk, values, field, code):
    company, requester, agent = it_desk
    result = (await requester.api.data(SUBMIT, {"i": {**EQUIPMENT, "values": values}}))["submitServiceRequest"]
    assert result["serviceRequest"] is None
    assert (result["userErrors"][0]["field"], result["userErrors"][0]["code"]) == (field, code)
    assert (await requester.api.data(MINE))["myServiceRequests"]["totalCount"] == 0  # nothing stored


async def test_type_title_and_choices_are_checked(it_desk):
    company, requester, agent = it_desk

    async def error(request):  # type: ignore[no-untyped-def]
        result = (await requester.api.data(SUBMIT, {"i": request}))["submitServiceRequest"]
        return result["userErrors"][0]["field"], result["userErrors"][0]["code"]

    assert await error({**EQUIPMENT, "type": "it.nothing"}) == (["input", "type"], "BAD_USER_INPUT")
    assert await error({**EQUIPMENT, "type": "hr.question"}) == (["input", "type"], "BAD_USER_INPUT")  # HR is off
    assert await error({**EQUIPMENT, "title": " "}) == (["input", "title"], "BAD_USER_INPUT")
    access = {"type": "it.access", "title": "VPN", "values": {"system": "VPN", "level": "root", "reason": "x"}}
    assert await error(access) == (["input", "values", "level"], "BAD_USER_INPUT")
    indonesian = (await requester.api.data(SUBMIT, {"i": {**EQUIPMENT, "values": {}}},
                                           headers={"accept-language": "id"}))["submitServiceRequest"]
    assert "wajib diisi" in indonesian["userErrors"][0]["message"]


async def test_overdue_follows_the_response_target(it_desk, monkeypatch):
    from backoffice.portal import services

    company, requester, agent = it_desk
    problem = await submit(requester.api, {"type": "it.problem", "title": "Printer jams",
                                           "values": {"description": "Every page", "urgency": "high"}})
    equipment = await submit(requester.api)
    assert (await agent.api.data(QUEUE, {"o": True}))["serviceQueue"]["totalCount"] == 0
    real_now = services.now
    monkeypatch.setattr(services, "now", lambda: real_now() + timedelta(hours=5))  # past 4 h, before 24 h
    late = (await agent.api.data(QUEUE, {"o": True}))["serviceQueue"]["nodes"]
    assert [n["id"] for n in late] == [problem["id"]] and late[0]["overdue"] is True
    on_time = (await agent.api.data(QUEUE, {"o": False}))["serviceQueue"]["nodes"]
    assert [n["id"] for n in on_time] == [equipment["id"]] and on_time[0]["overdue"] is False
    mine = {n["id"]: n["overdue"] for n in (await requester.api.data(MINE))["myServiceRequests"]["nodes"]}
    assert mine == {problem["id"]: True, equipment["id"]: False}


async def test_others_see_nothing_and_cannot_decide(it_desk, new_client, other_company):
    company, requester, agent = it_desk
    made = await submit(requester.api)
    colleague = await add_member(company, new_client, permissions=["hr.employee.read"], name="Colleague")
    await enable(other_company.api, "it")
    from backoffice.graphql.ids import encode_id

    nowhere = encode_id("ServiceRequest", 10 ** 12)
    for outsider in (colleague, other_company):
        assert (await outsider.api.data(QUEUE))["serviceQueue"]["totalCount"] == 0
        for gid in (made["id"], nowhere):
            for query, variables in ((ACCEPT, {"id": gid}), (REJECT, {"id": gid, "r": "No"}), (ONE, {"id": gid}),
                                     (CANCEL, {"id": gid})):
                body = await outsider.api.gql(query, variables)
                assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (query, body)
                assert body["errors"][0]["message"] == "Not found."
    assert await colleague.api.error_code(ONE, {"id": "not-an-id"}) == "NOT_FOUND"
    # Still waiting, untouched.
    assert (await requester.api.data(ONE, {"id": made["id"]}))["serviceRequest"]["status"] == "submitted"
    assert (await agent.api.data(QUEUE))["serviceQueue"]["totalCount"] == 1


async def test_the_requester_cancels_while_it_waits(it_desk):
    company, requester, agent = it_desk
    made = await submit(requester.api)
    assert await agent.api.error_code(CANCEL, {"id": made["id"]}) == "NOT_FOUND"  # not theirs to take back
    cancelled = (await requester.api.data(CANCEL, {"id": made["id"]}))["cancelServiceRequest"]
    assert cancelled == {"serviceRequest": {"status": "cancelled"}, "userErrors": []}
    again = (await requester.api.data(CANCEL, {"id": made["id"]}))["cancelServiceRequest"]
    assert again["userErrors"][0]["code"] == "CONFLICT"
    assert (await agent.api.data(ACCEPT, {"id": made["id"]}))["acceptServiceRequest"]["userErrors"][0]["code"] == "CONFLICT"
    assert (await agent.api.data(QUEUE, {"s": None}))["serviceQueue"]["nodes"][0]["status"] == "cancelled"


async def test_disabling_a_module_removes_its_types_and_queue(it_desk):
    company, requester, agent = it_desk
    made = await submit(requester.api)
    assert (await disable(company.api, "it"))["userErrors"] == []
    assert not [t for t in (await requester.api.data(TYPES))["requestTypes"] if t["module"] == "it"]
    assert (await agent.api.data(QUEUE))["serviceQueue"]["totalCount"] == 0
    assert await agent.api.error_code(ACCEPT, {"id": made["id"]}) == "NOT_FOUND"
    result = (await requester.api.data(SUBMIT, {"i": EQUIPMENT}))["submitServiceRequest"]
    assert result["userErrors"][0]["field"] == ["input", "type"]
    # The requester still sees what they asked; enabling IT again brings the queue back.
    assert (await requester.api.data(MINE))["myServiceRequests"]["totalCount"] == 1
    await enable(company.api, "it")
    assert (await agent.api.data(QUEUE))["serviceQueue"]["totalCount"] == 1


async def test_a_failed_accept_changes_nothing(company, new_client):
    """A room already booked: accepting the request fails with the module's own error, and neither
    the request nor the bookings change."""
    await enable(company.api, "ga")
    api = company.api
    building = (await api.data('mutation { createBuilding(input: {code: "HQ", name: "Head office"}) '
                               '{ building { id } } }'))["createBuilding"]["building"]["id"]
    floor = (await api.data('mutation($b: ID!) { createFloor(input: {buildingId: $b, name: "1", level: 1}) '
                            '{ floor { id } } }', {"b": building}))["createFloor"]["floor"]["id"]
    room = (await api.data('mutation($f: ID!) { createBookable(input: {kind: "room", name: "Melati", floorId: $f, '
                           'capacity: 8}) { bookable { id } } }', {"f": floor}))["createBookable"]["bookable"]["id"]
    taken = await api.data('mutation($r: ID!) { book(input: {resourceId: $r, startsAt: "2030-03-04T09:00:00+07:00", '
                           'endsAt: "2030-03-04T11:00:00+07:00", purpose: "Board"}) { userErrors { code } } }',
                           {"r": room})
    assert taken["book"]["userErrors"] == []
    requester = await add_member(company, new_client, name="Requester")
    made = await submit(requester.api, {"type": "ga.room", "title": "Sales review", "values": {
        "room": room, "startsAt": "2030-03-04T10:00:00+07:00", "endsAt": "2030-03-04T12:00:00+07:00"}})
    failed = (await api.data(ACCEPT, {"id": made["id"]}))["acceptServiceRequest"]
    assert failed["serviceRequest"] is None
    assert failed["userErrors"][0]["code"] == "CONFLICT" and failed["userErrors"][0]["field"] == [
        "input", "values", "startsAt"]
    assert (await api.data(ONE, {"id": made["id"]}))["serviceRequest"]["status"] == "submitted"
    bookings = await api.data('query($r: ID!) { bookings(resourceId: $r, start: "2030-03-04T00:00:00Z", '
                              'end: "2030-03-05T00:00:00Z") { id } }', {"r": room})
    assert len(bookings["bookings"]) == 1


async def test_approval_comes_first_where_the_type_asks(company, new_client):
    """A type with needs_approval waits outside the queue until ``approval_decided``."""
    from backoffice.db import scope
    from backoffice.db.engine import write_transaction
    from backoffice.graphql.ids import decode_id
    from backoffice.portal import services
    from backoffice.runtime import get_engine

    await enable(company.api, "example")
    requester = await add_member(company, new_client, name="Requester")
    writer = await add_member(company, new_client, permissions=["example.note.write"], name="Writer")
    request = {"type": "example.note_request", "title": "Parking rules", "values": {"body": "Level B2 only"}}
    first, second = await submit(requester.api, request), await submit(requester.api, request)
    assert first["status"] == "pending_approval" and first["dueAt"] is None
    assert (await writer.api.data(QUEUE, {"s": None}))["serviceQueue"]["totalCount"] == 0
    assert await writer.api.error_code(ACCEPT, {"id": first["id"]}) == "NOT_FOUND"

    tenant = decode_id(company.tenant_id, "Tenant")
    with scope.scoped(tenant_id=tenant):
        assert [i.id for i in await services.pending_approvals()] == [first["id"], second["id"]]
        async with write_transaction(get_engine()):
            await services.approval_decided(first["id"], True, "", decided_by=None)
            await services.approval_decided(second["id"], False, "Ask facilities instead.", decided_by=None)
        from backoffice.errors import Conflict

        with pytest.raises(Conflict):
            async with write_transaction(get_engine()):
                await services.approval_decided(second["id"], True)
    queued = (await writer.api.data(QUEUE))["serviceQueue"]["nodes"]
    assert [n["id"] for n in queued] == [first["id"]] and queued[0]["dueAt"] is not None
    accepted = (await writer.api.data(ACCEPT, {"id": first["id"]}))["acceptServiceRequest"]
    assert accepted["serviceRequest"]["recordType"] == "ExampleNote"
    statuses = {n["id"]: (n["status"], n["reason"]) for n in
                (await requester.api.data(MINE))["myServiceRequests"]["nodes"]}
    assert statuses == {first["id"]: ("accepted", ""), second["id"]: ("rejected", "Ask facilities instead.")}


async def test_every_bundled_request_type_makes_its_modules_record(company, new_client):
    """One request of each type the bundled modules offer, accepted: each becomes the module's
    own record, found where the requester (or the department) looks for it."""
    from datetime import date

    api = company.api
    for key in ("hr", "finance", "it", "legal", "logistics", "ga"):
        await enable(api, key)
    building = (await api.data('mutation { createBuilding(input: {code: "HQ", name: "Head office"}) '
                               '{ building { id } } }'))["createBuilding"]["building"]["id"]
    floor = (await api.data('mutation($b: ID!) { createFloor(input: {buildingId: $b, name: "1", level: 1}) '
                            '{ floor { id } } }', {"b": building}))["createFloor"]["floor"]["id"]
    room = (await api.data('mutation($f: ID!) { createBookable(input: {kind: "room", name: "Melati", floorId: $f}) '
                           '{ bookable { id } } }', {"f": floor}))["createBookable"]["bookable"]["id"]
    paper = (await api.data('mutation { createSupplyItem(input: {sku: "PAPER-A4", name: "A4 paper", unit: "ream"}) '
                            '{ supplyItem { id } } }'))["createSupplyItem"]["supplyItem"]["id"]
    due = (date.today() + timedelta(days=14)).isoformat()
    requester = await add_member(company, new_client, name="Requester")
    cases = [
        ("it.access", {"system": "VPN", "level": "read", "reason": "Working from Bandung"},
         "{ myTickets { nodes { id category } } }", requester),
        ("hr.employment_letter", {"purpose": "visa", "addressedTo": "Embassy", "language": "en"},
         "{ myHrRequests { nodes { id kind details } } }", requester),
        ("hr.question", {"question": "How many leave days carry over?", "topic": "leave"},
         "{ myHrRequests { nodes { id kind } } }", requester),
        ("legal.contract_review", {"counterparty": "PT Mitra", "value": "150000000", "summary": "Liability caps"},
         "{ myAdviceRequests { id title counterparty } }", requester),
        ("legal.advice", {"question": "May we record calls?", "deadline": due},
         "{ myAdviceRequests { id deadline } }", requester),
        ("ga.room", {"room": room, "startsAt": "2030-05-06T09:00:00+07:00", "endsAt": "2030-05-06T10:00:00+07:00"},
         '{ myBookings(since: "2030-01-01T00:00:00Z") { id } }', requester),
        ("ga.supplies", {"item": paper, "quantity": "3", "note": "For the printer"},
         "{ mySupplyRequests { nodes { id } } }", requester),
        ("ga.travel", {"destination": "Surabaya, Malang", "departsOn": "2030-02-03", "returnsOn": "2030-02-05",
                       "purpose": "Client visits", "estimatedCost": "4500000", "advance": "1000000"},
         "{ myTravelRequests { id destination } }", requester),
        ("ga.maintenance", {"building": building, "room": room, "description": "The AC drips", "priority": "high"},
         "{ myMaintenanceRequests { nodes { id } } }", requester),
        ("finance.reimbursement", {"expenseDate": "2026-11-20", "amount": "275000.50", "category": "travel",
                                   "description": "Taxi to the client"},
         "{ myExpenseClaims { nodes { id amount } } }", requester),
        ("finance.payment", {"payee": "PT Listrik Jaya", "amount": "1500000", "dueDate": due,
                             "category": "utilities", "description": "November electricity", "reference": "INV-77"},
         "{ bills { nodes { id total dueDate reference } } }", company),
        ("logistics.shipment", {"recipient": "PT Mitra", "address": "Jl. Gatot Subroto 1, Jakarta",
                                "contents": "Signed contract", "packages": 2},
         "{ shipments { nodes { id reference packages destination } } }", company),
    ]
    for type_key, values, query, reader in cases:
        made = await submit(requester.api, {"type": type_key, "title": f"Portal {type_key}", "values": values})
        accepted = (await api.data(ACCEPT, {"id": made["id"]}))["acceptServiceRequest"]
        assert accepted["userErrors"] == [], (type_key, accepted["userErrors"])
        record = accepted["serviceRequest"]["recordId"]
        data = next(iter((await reader.api.data(query)).values()))
        rows = data["nodes"] if isinstance(data, dict) else data
        found = [r for r in rows if r["id"] == record]
        assert found, (type_key, record, rows)
        if type_key == "finance.payment":
            assert found[0]["total"] in ("1500000.00", "1500000") and found[0]["dueDate"] == due
        if type_key == "logistics.shipment":
            assert found[0]["packages"] == 2 and found[0]["destination"].startswith("PT Mitra")
        if type_key == "finance.reimbursement":
            assert found[0]["amount"] in ("275000.50", "275000.5")
        if type_key == "legal.contract_review":
            assert found[0]["counterparty"] == "PT Mitra"
    mine = (await requester.api.data(MINE))["myServiceRequests"]
    assert mine["totalCount"] == len(cases) and {n["status"] for n in mine["nodes"]} == {"accepted"}

"""Requests to HR: employment letters and questions asked through the service portal become
requests that HR staff list and answer, and that the employee follows with the answer."""

from __future__ import annotations

import pytest

from helpers import add_member, enable

SUBMIT = """mutation($i: SubmitServiceRequestInput!) { submitServiceRequest(input: $i) {
  serviceRequest { id } userErrors { field code } } }"""
ACCEPT = """mutation($id: ID!) { acceptServiceRequest(input: {id: $id}) {
  serviceRequest { status recordId recordType link } userErrors { code } } }"""
LIST = """query($s: String, $k: String) { hrRequests(status: $s, kind: $k) { totalCount
  nodes { id number kind subject details status answer } } }"""
MINE = "{ myHrRequests { nodes { id number subject status answer } } }"
COMPLETE = """mutation($id: ID!, $a: String!) { completeHrRequest(input: {id: $id, answer: $a}) {
  hrRequest { status answer doneAt } userErrors { field code } } }"""


@pytest.fixture
async def desk(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    employee = await add_member(company, new_client, name="Employee")
    staff = await add_member(company, new_client, role_keys=["hr.staff"], name="HR staff")
    return employee, staff


async def ask(employee, staff, type_key, title, values):  # type: ignore[no-untyped-def]
    made = (await employee.api.data(SUBMIT, {"i": {"type": type_key, "title": title, "values": values}}))
    request = made["submitServiceRequest"]["serviceRequest"]
    accepted = (await staff.api.data(ACCEPT, {"id": request["id"]}))["acceptServiceRequest"]
    assert accepted["userErrors"] == []
    return accepted["serviceRequest"]


async def test_hr_staff_answer_requests_and_the_employee_reads_the_answer(desk):
    employee, staff = desk
    letter = await ask(employee, staff, "hr.employment_letter", "Letter for the embassy",
                       {"purpose": "visa", "addressedTo": "Embassy of Japan", "language": "en"})
    question = await ask(employee, staff, "hr.question", "Leave carry-over", {"question": "Do 3 days carry over?"})
    assert letter["recordType"] == "HrRequest" and letter["link"] == "/me/hr-requests"

    listed = (await staff.api.data(LIST, {"s": "open"}))["hrRequests"]
    assert [n["id"] for n in listed["nodes"]] == [letter["recordId"], question["recordId"]]
    assert listed["nodes"][0]["number"] == "HRQ-00001" and "Embassy of Japan" in listed["nodes"][0]["details"]
    assert (await staff.api.data(LIST, {"k": "question"}))["hrRequests"]["totalCount"] == 1

    empty = (await staff.api.data(COMPLETE, {"id": question["recordId"], "a": " "}))["completeHrRequest"]
    assert empty["userErrors"] == [{"field": ["input", "answer"], "code": "BAD_USER_INPUT"}]
    done = (await staff.api.data(COMPLETE, {"id": question["recordId"], "a": "Yes, until March."}))
    assert done["completeHrRequest"]["hrRequest"]["status"] == "done"
    again = (await staff.api.data(COMPLETE, {"id": question["recordId"], "a": "Twice"}))["completeHrRequest"]
    assert again["userErrors"][0]["code"] == "CONFLICT"

    mine = {n["id"]: (n["status"], n["answer"]) for n in (await employee.api.data(MINE))["myHrRequests"]["nodes"]}
    assert mine == {letter["recordId"]: ("open", ""), question["recordId"]: ("done", "Yes, until March.")}


async def test_only_hr_handles_requests(desk, new_client, company):
    employee, staff = desk
    await ask(employee, staff, "hr.question", "Payslip", {"question": "Where is my payslip?"})
    assert await employee.api.error_code(LIST) == "FORBIDDEN"
    outsider = await add_member(company, new_client, name="Outsider")
    assert (await outsider.api.data(MINE))["myHrRequests"]["nodes"] == []
    record = (await staff.api.data(LIST))["hrRequests"]["nodes"][0]["id"]
    assert await employee.api.error_code(COMPLETE, {"id": record, "a": "Mine"}) == "FORBIDDEN"


async def test_one_source_makes_one_hr_request(desk, company):
    """Made twice for the same source (one portal request), a request to HR is made once."""
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice.sdk import transaction
    from backoffice_hr.requests import services
    from backoffice_hr.requests.tables import HrRequest

    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        async with transaction():
            first = await services.create(kind="question", subject="Q", details="", requester=1, source_key="portal:x")
            second = await services.create(kind="question", subject="Q", details="", requester=1, source_key="portal:x")
        assert first == second and await HrRequest.count() == 1

"""Leave through GraphQL: entitlement, balance, overlap, approval by the manager, cancellation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backoffice.graphql.ids import encode_id
from helpers import add_member, enable

CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) {
  employee { id } userErrors { field code message } } }"""
REQUEST = """mutation($i: RequestLeaveInput!) { requestLeave(input: $i) {
  leaveRequest { id days status } userErrors { field code message } } }"""
YEAR = date.today().year + 1  # always ahead, so that requests are never in the past
BALANCES = "{ myLeaveBalances(year: %d) { leaveType { code } entitled used remaining } }" % YEAR


def next_monday(weeks: int = 1) -> date:
    """A Monday in the spring of next year, well inside one calendar year."""
    first = date(YEAR, 3, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7) + timedelta(weeks=weeks - 1)


@pytest.fixture
async def team(company, new_client):  # type: ignore[no-untyped-def]
    """An HR-enabled company with a manager and a report, each a user with self-service only."""
    await enable(company.api, "hr")
    manager = await add_member(company, new_client, name="Manager")
    report = await add_member(company, new_client, name="Report")
    boss = (await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Manager", "startDate": "2015-01-05",
        "userId": encode_id("User", manager.extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    worker = (await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Report", "startDate": "2020-03-02", "managerId": boss,
        "userId": encode_id("User", report.extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    types = (await report.api.data("{ leaveTypes { nodes { id code } } }"))["leaveTypes"]["nodes"]
    return {"owner": company, "manager": manager, "report": report, "worker": worker,
            "types": {t["code"]: t["id"] for t in types}}


def _leave(team, start, end, code="annual"):  # type: ignore[no-untyped-def]
    return {"i": {"leaveTypeId": team["types"][code], "startDate": str(start), "endDate": str(end)}}


async def test_default_leave_types_are_seeded_on_enable(team):
    assert {"annual", "sick", "unpaid"} <= set(team["types"])


async def test_request_counts_working_days_and_reserves_balance(team):
    start = next_monday(2)
    data = await team["report"].api.data(REQUEST, _leave(team, start, start + timedelta(days=6)))
    request = data["requestLeave"]["leaveRequest"]
    assert request["days"] == "5" or float(request["days"]) == 5  # Monday to Sunday: 5 working days
    assert request["status"] == "pending"
    annual = [b for b in (await team["report"].api.data(BALANCES))["myLeaveBalances"]
              if b["leaveType"]["code"] == "annual"][0]
    assert float(annual["entitled"]) == 12 and float(annual["used"]) == 5
    assert float(annual["remaining"]) == 7


async def test_overlapping_requests_are_refused(team):
    start = next_monday(3)
    await team["report"].api.data(REQUEST, _leave(team, start, start + timedelta(days=2)))
    again = await team["report"].api.data(REQUEST, _leave(team, start + timedelta(days=1),
                                                          start + timedelta(days=3)))
    assert again["requestLeave"]["userErrors"][0]["code"] == "CONFLICT"


async def test_balance_cannot_go_negative(team):
    start = next_monday(4)
    too_long = await team["report"].api.data(REQUEST, _leave(team, start, start + timedelta(days=20)))
    error = too_long["requestLeave"]["userErrors"][0]
    assert error["code"] == "BAD_USER_INPUT" and error["field"] == ["input", "endDate"]
    # Unpaid leave has no quota and may be taken.
    unpaid = await team["report"].api.data(REQUEST, _leave(team, start, start + timedelta(days=20), "unpaid"))
    assert unpaid["requestLeave"]["userErrors"] == []


async def test_manager_approves_and_the_employee_cannot(team):
    start = next_monday(5)
    rid = (await team["report"].api.data(REQUEST, _leave(team, start, start)))["requestLeave"][
        "leaveRequest"]["id"]
    approve = "mutation($i: DecideLeaveInput!) { approveLeaveRequest(input: $i) { leaveRequest { status } userErrors { code } } }"
    assert await team["report"].api.error_code(approve, {"i": {"id": rid}}) == "FORBIDDEN"
    waiting = await team["manager"].api.data("{ leaveRequestsToApprove { nodes { id } } }")
    assert [n["id"] for n in waiting["leaveRequestsToApprove"]["nodes"]] == [rid]
    done = await team["manager"].api.data(approve, {"i": {"id": rid}})
    assert done["approveLeaveRequest"]["leaveRequest"]["status"] == "approved"
    twice = await team["manager"].api.data(approve, {"i": {"id": rid}})
    assert twice["approveLeaveRequest"]["userErrors"][0]["code"] == "CONFLICT"


async def test_rejection_needs_a_reason(team):
    start = next_monday(6)
    rid = (await team["report"].api.data(REQUEST, _leave(team, start, start)))["requestLeave"][
        "leaveRequest"]["id"]
    reject = "mutation($i: RejectLeaveInput!) { rejectLeaveRequest(input: $i) { leaveRequest { status } userErrors { field code } } }"
    empty = await team["manager"].api.data(reject, {"i": {"id": rid, "reason": " "}})
    assert empty["rejectLeaveRequest"]["userErrors"][0]["code"] == "BAD_USER_INPUT"
    done = await team["manager"].api.data(reject, {"i": {"id": rid, "reason": "Busy week"}})
    assert done["rejectLeaveRequest"]["leaveRequest"]["status"] == "rejected"


async def test_cancellation_restores_the_balance(team):
    start = next_monday(7)
    rid = (await team["report"].api.data(REQUEST, _leave(team, start, start + timedelta(days=1))))[
        "requestLeave"]["leaveRequest"]["id"]
    before = [b for b in (await team["report"].api.data(BALANCES))["myLeaveBalances"]
              if b["leaveType"]["code"] == "annual"][0]
    cancel = "mutation($i: CancelLeaveInput!) { cancelLeaveRequest(input: $i) { leaveRequest { status } userErrors { code } } }"
    done = await team["report"].api.data(cancel, {"i": {"id": rid}})
    assert done["cancelLeaveRequest"]["leaveRequest"]["status"] == "cancelled"
    after = [b for b in (await team["report"].api.data(BALANCES))["myLeaveBalances"]
             if b["leaveType"]["code"] == "annual"][0]
    assert float(after["remaining"]) == float(before["remaining"]) + 2


async def test_someone_elses_request_cannot_be_cancelled(team, new_client):
    start = next_monday(8)
    rid = (await team["report"].api.data(REQUEST, _leave(team, start, start)))["requestLeave"][
        "leaveRequest"]["id"]
    stranger = await add_member(team["owner"], new_client, name="Stranger")
    cancel = "mutation($i: CancelLeaveInput!) { cancelLeaveRequest(input: $i) { leaveRequest { status } } }"
    assert await stranger.api.error_code(cancel, {"i": {"id": rid}}) == "FORBIDDEN"


async def test_new_employee_has_no_annual_leave_in_the_first_year(company, new_client):
    await enable(company.api, "hr")
    newbie = await add_member(company, new_client, name="Newbie")
    await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Newbie", "startDate": str(date.today()),
        "userId": encode_id("User", newbie.extra["user_id"])}})
    this_year = "{ myLeaveBalances { leaveType { code } entitled } }"
    annual = [b for b in (await newbie.api.data(this_year))["myLeaveBalances"]
              if b["leaveType"]["code"] == "annual"][0]
    assert float(annual["entitled"]) == 0


async def test_other_company_cannot_approve(team, other_company):
    start = next_monday(9)
    rid = (await team["report"].api.data(REQUEST, _leave(team, start, start)))["requestLeave"][
        "leaveRequest"]["id"]
    await enable(other_company.api, "hr")
    approve = "mutation($i: DecideLeaveInput!) { approveLeaveRequest(input: $i) { leaveRequest { status } } }"
    assert await other_company.api.error_code(approve, {"i": {"id": rid}}) == "NOT_FOUND"


async def test_hr_sees_everyone_and_filters(team):
    start = next_monday(10)
    await team["report"].api.data(REQUEST, _leave(team, start, start))
    data = await team["owner"].api.data(
        'query($e: ID) { leaveRequests(filter: {status: "pending", employeeId: $e}) { totalCount nodes { employee { fullName } } } }',
        {"e": team["worker"]})
    assert data["leaveRequests"]["totalCount"] >= 1
    assert {n["employee"]["fullName"] for n in data["leaveRequests"]["nodes"]} == {"Report"}


async def test_leave_export(team):
    import base64

    start = next_monday(11)
    await team["report"].api.data(REQUEST, _leave(team, start, start))
    exported = (await team["owner"].api.data("{ exportLeaveRequests(format: CSV) { base64 rows } }"))["exportLeaveRequests"]
    text = base64.b64decode(exported["base64"]).decode("utf-8-sig")
    assert exported["rows"] >= 1 and "Report" in text and "annual" in text

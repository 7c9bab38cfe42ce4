"""HR in the approvals inbox: leave requests go to the requester's manager (or the leave
approvers), and the leave module carries out the decision; calculated payroll runs go to the
payroll approvers, above an amount to a second step as well."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from approval_helpers import decide, decide_error, inbox, inbox_ids, set_rule
from backoffice.graphql.ids import encode_id
from helpers import add_member, enable, eventually

CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""
REQUEST = """mutation($i: RequestLeaveInput!) { requestLeave(input: $i) {
  leaveRequest { id status } userErrors { field code message } } }"""
MY_LEAVE = "{ myLeaveRequests { nodes { id status decisionNote } } }"
LEAVE = "hr.leave_request"
PAYROLL = "hr.payroll_run"
YEAR = date.today().year + 1


def monday(weeks: int) -> date:
    first = date(YEAR, 3, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7) + timedelta(weeks=weeks - 1)


@pytest.fixture
async def team(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    manager = await add_member(company, new_client, name="Manager")
    report = await add_member(company, new_client, name="Report")
    hr = await add_member(company, new_client, permissions=["hr.leave.approve"], name="HR")
    boss = (await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Manager", "startDate": "2015-01-05",
        "userId": encode_id("User", manager.extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Report", "startDate": "2020-03-02", "managerId": boss,
        "userId": encode_id("User", report.extra["user_id"])}})
    types = (await report.api.data("{ leaveTypes { nodes { id code } } }"))["leaveTypes"]["nodes"]
    return {"owner": company, "manager": manager, "report": report, "hr": hr,
            "annual": [t["id"] for t in types if t["code"] == "annual"][0]}


async def ask(team, weeks: int) -> str:  # type: ignore[no-untyped-def]
    start = monday(weeks)
    data = await team["report"].api.data(REQUEST, {"i": {"leaveTypeId": team["annual"],
                                                         "startDate": str(start), "endDate": str(start + timedelta(days=1))}})
    assert data["requestLeave"]["userErrors"] == []
    return data["requestLeave"]["leaveRequest"]["id"]


async def leave_of(team, rid: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    return [n for n in (await team["report"].api.data(MY_LEAVE))["myLeaveRequests"]["nodes"] if n["id"] == rid][0]


async def test_the_manager_approves_leave_in_the_inbox(team):
    await set_rule(team["owner"].api, LEAVE, [{"approver": "MANAGER"}])
    rid = await ask(team, 2)
    [item] = await inbox(team["manager"].api)
    assert item["id"] == rid and item["kind"] == LEAVE and item["kindLabel"] == "Leave request"
    assert item["title"].startswith("Report: Annual leave, ") and item["title"].endswith("(2 days)")
    assert item["currentStep"]["approver"] == "MANAGER" and item["requester"]["fullName"] == "Report"
    assert item["amount"] is None
    assert await inbox(team["hr"].api) == []  # the rule names the manager, not the leave approvers
    assert await inbox(team["report"].api) == []
    done = await decide(team["manager"].api, LEAVE, rid, reason="Enjoy")
    assert done["status"] == "APPROVED"
    assert await leave_of(team, rid) == {"id": rid, "status": "approved", "decisionNote": "Enjoy"}
    # The module's own mutation sees it decided.
    again = await team["manager"].api.data(
        "mutation($i: DecideLeaveInput!) { approveLeaveRequest(input: $i) { userErrors { code } } }", {"i": {"id": rid}})
    assert again["approveLeaveRequest"]["userErrors"][0]["code"] == "CONFLICT"


async def test_without_a_rule_the_leave_approvers_decide(team):
    rid = await ask(team, 3)
    assert await inbox_ids(team["hr"].api) == [rid]
    assert await inbox(team["manager"].api) == []
    done = await decide(team["hr"].api, LEAVE, rid, approve=False, reason="Tutup buku akhir kuartal")
    assert done["status"] == "REJECTED"
    assert await leave_of(team, rid) == {"id": rid, "status": "rejected", "decisionNote": "Tutup buku akhir kuartal"}
    assert await inbox(team["hr"].api) == []


async def test_manager_then_hr_and_leave_stays_pending_in_between(team):
    await set_rule(team["owner"].api, LEAVE, [{"approver": "MANAGER"}, {"approver": "PERMISSION",
                                                                      "permission": "hr.leave.approve"}])
    rid = await ask(team, 4)
    assert (await decide(team["manager"].api, LEAVE, rid))["status"] == "WAITING"
    assert (await leave_of(team, rid))["status"] == "pending"
    [item] = await inbox(team["hr"].api)
    assert (item["step"], item["stepCount"]) == (2, 2)
    assert (await decide(team["hr"].api, LEAVE, rid))["status"] == "APPROVED"
    assert (await leave_of(team, rid))["status"] == "approved"


async def test_the_employee_never_sees_their_own_leave(team, new_client):
    """An HR staff member asks for leave: the rule names their own role, yet the request waits
    for someone else."""
    owner = team["owner"]
    staff = await add_member(owner, new_client, role_keys=["hr.staff"], name="Staff")
    await owner.api.data(CREATE_EMP, {"i": {"fullName": "Staff", "startDate": "2019-01-07",
                                            "userId": encode_id("User", staff.extra["user_id"])}})
    await set_rule(owner.api, LEAVE, [{"approver": "ROLE", "roleKey": "hr.staff"}])
    start = monday(5)
    rid = (await staff.api.data(REQUEST, {"i": {"leaveTypeId": team["annual"], "startDate": str(start),
                                                "endDate": str(start)}}))["requestLeave"]["leaveRequest"]["id"]
    assert rid not in await inbox_ids(staff.api)
    assert (await decide_error(staff.api, LEAVE, rid))["code"] == "NOT_FOUND"
    assert rid not in await inbox_ids(team["hr"].api)  # holds the permission, not the role


async def test_a_leave_cancelled_meanwhile_leaves_the_inbox(team):
    rid = await ask(team, 6)
    assert await inbox_ids(team["hr"].api) == [rid]
    await team["report"].api.data(
        "mutation($i: CancelLeaveInput!) { cancelLeaveRequest(input: $i) { userErrors { code } } }", {"i": {"id": rid}})
    assert await inbox(team["hr"].api) == []
    assert (await decide_error(team["hr"].api, LEAVE, rid))["code"] == "NOT_FOUND"


CREATE_RUN = """mutation($i: PayrollRunInput!) { createPayrollRun(input: $i) {
  payrollRun { id status jobId } userErrors { field code message } } }"""
RECALC = """mutation($i: PayrollRunIdInput!) { recalculatePayrollRun(input: $i) { payrollRun { jobId } userErrors { code } } }"""
RUN = "query($id: ID!) { payrollRun(id: $id) { status totals { gross } } }"


async def _calculated(api, run_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    async def done():  # type: ignore[no-untyped-def]
        run = (await api.data(RUN, {"id": run_id}))["payrollRun"]
        assert run["status"] != "failed", run
        return run if run["status"] == "calculated" else None

    return await eventually(done)


async def test_payroll_runs_wait_for_the_payroll_approvers(company, new_client, job_worker):
    await enable(company.api, "hr")
    employee = (await company.api.data(CREATE_EMP, {"i": {"fullName": "Ani", "startDate": "2021-02-01"}}))[
        "createEmployee"]["employee"]["id"]
    await company.api.data("mutation($i: SalaryStructureInput!) { setSalaryStructure(input: $i) { userErrors { code } } }",
                           {"i": {"employeeId": employee, "baseSalary": "12000000"}})
    approver = await add_member(company, new_client, permissions=["hr.payroll.approve"], name="Payroll approver")
    director = await add_member(company, new_client, permissions=["hr.payroll.read"], name="Director")
    await set_rule(company.api, PAYROLL, [
        {"approver": "PERMISSION", "permission": "hr.payroll.approve"},
        {"approver": "PERMISSION", "permission": "hr.payroll.read", "minAmount": "10000000"}])
    run_id = (await company.api.data(CREATE_RUN, {"i": {"period": "2026-05"}}))["createPayrollRun"]["payrollRun"]["id"]
    run = await _calculated(company.api, run_id)
    [item] = await inbox(approver.api)
    assert item["id"] == run_id and item["title"] == "Payroll 2026-05: 1 employee"
    assert Decimal(item["amount"]) == Decimal(run["totals"]["gross"]) == Decimal("12000000")
    assert (item["step"], item["stepCount"]) == (1, 2)

    # Sent back at the first step: recalculating brings it back, from the first step again.
    done = await decide(approver.api, PAYROLL, run_id, approve=False, reason="Tunjangan belum masuk")
    assert done["status"] == "REJECTED"
    assert (await company.api.data(RUN, {"id": run_id}))["payrollRun"]["status"] == "rejected"
    assert await inbox(approver.api) == []
    await company.api.data(RECALC, {"i": {"id": run_id}})
    await _calculated(company.api, run_id)
    [again] = await inbox(approver.api)
    assert (again["step"], again["decisions"]) == (1, [])

    assert (await decide(approver.api, PAYROLL, run_id))["status"] == "WAITING"
    assert await inbox_ids(director.api) == [run_id]
    assert (await decide(director.api, PAYROLL, run_id))["status"] == "APPROVED"
    assert (await company.api.data(RUN, {"id": run_id}))["payrollRun"]["status"] == "approved"

"""The approvals inbox through GraphQL: rules by step and amount, deciding, rejection with a
reason, stand-ins while away, self-approval, other companies and people without rights, disabled
modules, and the statement count of the inbox. Expense claims (finance) and the organisation
chart (HR) serve as the records."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from approval_helpers import HISTORY, decide, decide_error, inbox, inbox_ids, set_rule
from backoffice.graphql.ids import encode_id
from helpers import QueryCounter, add_member, disable, enable

CLAIM = "finance.expense_claim"
SUBMIT = """mutation($i: ExpenseClaimInput!) { submitExpenseClaim(input: $i) {
  expenseClaim { id } userErrors { field code } } }"""
MY_CLAIMS = "{ myExpenseClaims { nodes { id status decisionNote } } }"
CREATE_EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""
MANAGER_THEN_FINANCE = [{"approver": "MANAGER"},
                        {"approver": "PERMISSION", "permission": "finance.expense.approve", "minAmount": "5000000"}]


@pytest.fixture
async def office(company, new_client):  # type: ignore[no-untyped-def]
    """HR and finance on; a manager and their report (self-service only), a finance approver,
    and a member without rights."""
    await enable(company.api, "hr")
    await enable(company.api, "finance")
    people = {
        "manager": await add_member(company, new_client, name="Manager"),
        "report": await add_member(company, new_client, name="Report"),
        "finance": await add_member(company, new_client, permissions=["finance.expense.approve"], name="Finance"),
        "nobody": await add_member(company, new_client, name="Nobody"),
    }
    boss = (await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Manager", "startDate": "2015-01-05",
        "userId": encode_id("User", people["manager"].extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    await company.api.data(CREATE_EMP, {"i": {
        "fullName": "Report", "startDate": "2020-03-02", "managerId": boss,
        "userId": encode_id("User", people["report"].extra["user_id"])}})
    accounts = (await company.api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]
    return {"owner": company, "account": {a["code"]: a["id"] for a in accounts}["6400"], **people}


async def claim(office, who: str, amount: str, description: str = "Taksi ke klien") -> str:  # type: ignore[no-untyped-def]
    data = await office[who].api.data(SUBMIT, {"i": {"description": description, "expenseDate": "2026-06-04",
                                                     "amount": amount, "accountId": office["account"]}})
    assert data["submitExpenseClaim"]["userErrors"] == []
    return data["submitExpenseClaim"]["expenseClaim"]["id"]


async def status_of(office, who: str, claim_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    nodes = (await office[who].api.data(MY_CLAIMS))["myExpenseClaims"]["nodes"]
    return [n for n in nodes if n["id"] == claim_id][0]


async def test_without_a_rule_the_permission_decides_in_one_step(office):
    claim_id = await claim(office, "report", "185000")
    [item] = await inbox(office["finance"].api)
    assert item["id"] == claim_id and item["kind"] == CLAIM and item["kindLabel"] == "Expense claim"
    assert Decimal(item["amount"]) == Decimal("185000") and item["currency"] == "IDR"
    assert (item["step"], item["stepCount"]) == (1, 1)
    assert item["currentStep"]["approver"] == "PERMISSION"
    assert item["currentStep"]["permission"] == "finance.expense.approve"
    assert item["requester"]["fullName"] == "Report" and item["onBehalfOf"] is None
    assert item["link"].startswith("/finance/expense-claims/")
    for who in ("manager", "report", "nobody"):
        assert await inbox(office[who].api) == [], who
    done = await decide(office["finance"].api, CLAIM, claim_id)
    assert done["userErrors"] == [] and done["status"] == "APPROVED"
    assert done["decision"]["final"] and (done["decision"]["step"], done["decision"]["stepCount"]) == (1, 1)
    assert (await status_of(office, "report", claim_id))["status"] == "approved"
    assert await inbox(office["finance"].api) == []


async def test_manager_then_finance_above_the_amount(office):
    rule = await set_rule(office["owner"].api, CLAIM, MANAGER_THEN_FINANCE)
    assert rule["userErrors"] == [] and rule["rule"]["custom"]
    assert rule["rule"]["steps"][1]["description"] == (
        "Whoever may: Approve or reject expense claims (above IDR 5,000,000)")
    small = await claim(office, "report", "1000000", "Taksi")
    large = await claim(office, "report", "7500000", "Hotel Surabaya")
    # The manager decides first, both; finance has nothing yet.
    waiting = {n["id"]: n for n in await inbox(office["manager"].api)}
    assert set(waiting) == {small, large}
    assert (waiting[small]["step"], waiting[small]["stepCount"]) == (1, 1)
    assert (waiting[large]["step"], waiting[large]["stepCount"]) == (1, 2)
    assert waiting[large]["currentStep"]["approver"] == "MANAGER"
    assert await inbox(office["finance"].api) == []

    assert (await decide(office["manager"].api, CLAIM, small))["status"] == "APPROVED"
    assert (await status_of(office, "report", small))["status"] == "approved"

    step_one = await decide(office["manager"].api, CLAIM, large, reason="Sesuai")
    assert step_one["status"] == "WAITING" and not step_one["decision"]["final"]
    assert step_one["nextStep"] == {"approver": "PERMISSION", "permission": "finance.expense.approve",
                                    "roleKey": None, "minAmount": "5000000.00"}
    assert (await status_of(office, "report", large))["status"] == "submitted"  # not yet
    assert await inbox(office["manager"].api) == []
    [item] = await inbox(office["finance"].api)
    assert item["id"] == large and (item["step"], item["stepCount"]) == (2, 2)
    assert [(d["step"], d["approved"], d["decidedBy"]["fullName"]) for d in item["decisions"]] == [(1, True, "Manager")]

    assert (await decide(office["finance"].api, CLAIM, large))["status"] == "APPROVED"
    assert (await status_of(office, "report", large))["status"] == "approved"
    history = (await office["manager"].api.data(HISTORY, {"kind": CLAIM}))["approvalsHistory"]
    assert history["totalCount"] == 2
    assert {(n["recordId"], n["step"], n["final"]) for n in history["nodes"]} == {(small, 1, True), (large, 1, False)}


async def test_a_role_step_names_the_members_of_the_role(office, new_client):
    accountant = await add_member(office["owner"], new_client, role_keys=["finance.accountant"], name="Accountant")
    rule = await set_rule(office["owner"].api, CLAIM, [{"approver": "ROLE", "roleKey": "finance.accountant"}])
    assert rule["rule"]["steps"][0]["description"] == "Members of the role Accountant"
    claim_id = await claim(office, "report", "50000")
    assert await inbox_ids(accountant.api) == [claim_id]
    assert await inbox(office["finance"].api) == []  # holds the permission, not the role
    assert (await decide(accountant.api, CLAIM, claim_id))["status"] == "APPROVED"


async def test_rejection_needs_a_reason_and_reaches_the_module(office):
    claim_id = await claim(office, "report", "250000")
    empty = await decide(office["finance"].api, CLAIM, claim_id, approve=False, reason="  ")
    assert empty["userErrors"] == [{"field": ["input", "reason"], "code": "BAD_USER_INPUT",
                                    "message": "Say why you reject it."}]
    assert empty["decision"] is None
    assert await inbox_ids(office["finance"].api) == [claim_id]  # nothing changed
    assert (await office["finance"].api.data(HISTORY, {"kind": None}))["approvalsHistory"]["totalCount"] == 0
    done = await decide(office["finance"].api, CLAIM, claim_id, approve=False, reason="Tanpa kuitansi")
    assert done["status"] == "REJECTED" and done["decision"]["reason"] == "Tanpa kuitansi"
    assert await status_of(office, "report", claim_id) == {"id": claim_id, "status": "rejected",
                                                          "decisionNote": "Tanpa kuitansi"}


async def test_a_rejection_at_the_first_step_ends_it(office):
    await set_rule(office["owner"].api, CLAIM, MANAGER_THEN_FINANCE)
    large = await claim(office, "report", "9000000")
    done = await decide(office["manager"].api, CLAIM, large, approve=False, reason="Terlalu mahal")
    assert done["status"] == "REJECTED" and done["decision"]["final"]
    assert (await status_of(office, "report", large))["status"] == "rejected"
    assert await inbox(office["finance"].api) == []


async def test_nobody_approves_their_own_request(office):
    own = await claim(office, "finance", "300000", "Makan siang")
    assert own not in await inbox_ids(office["finance"].api)
    error = await decide_error(office["finance"].api, CLAIM, own)
    assert error["code"] == "NOT_FOUND"
    # Nor one step of it: the owner holds every permission but sees their own claim nowhere.
    owners = await claim(office, "owner", "300000", "Parkir")
    assert owners not in await inbox_ids(office["owner"].api)
    assert owners in await inbox_ids(office["finance"].api)


async def test_one_person_does_not_decide_two_steps(office):
    """The owner is the report's manager here and holds every permission: after approving the
    first step, the second waits for someone else."""
    boss = (await office["owner"].api.data("{ me { id } }"))["me"]["id"]
    await office["owner"].api.data(CREATE_EMP, {"i": {"fullName": "Second", "startDate": "2021-01-04",
                                                      "userId": encode_id("User", office["nobody"].extra["user_id"]),
                                                      "managerId": await _employee_of(office, boss)}})
    await set_rule(office["owner"].api, CLAIM, MANAGER_THEN_FINANCE)
    large = await claim(office, "nobody", "6000000")
    assert (await decide(office["owner"].api, CLAIM, large))["status"] == "WAITING"
    assert large not in await inbox_ids(office["owner"].api)
    assert await inbox_ids(office["finance"].api) == [large]


async def _employee_of(office, user_gid: str) -> str:  # type: ignore[no-untyped-def]
    created = await office["owner"].api.data(CREATE_EMP, {"i": {"fullName": "Owner", "startDate": "2010-01-04",
                                                                "userId": user_gid}})
    return created["createEmployee"]["employee"]["id"]


async def test_other_companies_and_people_without_rights_see_and_decide_nothing(office, other_company):
    claim_id = await claim(office, "report", "400000")
    await enable(other_company.api, "finance")
    assert await inbox(other_company.api) == []
    assert await inbox(office["nobody"].api) == []
    missing = encode_id("ExpenseClaim", 987654321)
    errors = [await decide_error(other_company.api, CLAIM, claim_id),
              await decide_error(office["nobody"].api, CLAIM, claim_id),
              await decide_error(office["nobody"].api, CLAIM, missing),
              await decide_error(office["nobody"].api, CLAIM, "not-an-id"),
              await decide_error(office["nobody"].api, "finance.unknown", claim_id),
              await decide_error(office["nobody"].api, CLAIM, claim_id, approve=False, reason="No")]
    assert all(e == {"code": "NOT_FOUND", "message": "Not found."} for e in errors), errors
    assert (await status_of(office, "report", claim_id))["status"] == "submitted"
    # Reading and setting rules needs core.approval_rule.manage.
    assert await office["finance"].api.error_code("{ approvalRules { kind } }") == "FORBIDDEN"


async def test_delegation_while_away(office, new_client):
    await set_rule(office["owner"].api, CLAIM, [{"approver": "MANAGER"}])
    claim_id = await claim(office, "report", "120000")
    stand_in = office["nobody"]
    delegate = """mutation($i: DelegateApprovalsInput!) { delegateApprovals(input: $i) {
      delegation { id startsOn endsOn active cancelled fromUser { fullName } toUser { fullName } }
      userErrors { field code } } }"""
    today = await _today()
    period = {"startsOn": str(today - timedelta(days=1)), "endsOn": str(today + timedelta(days=1))}
    to_self = await office["manager"].api.data(delegate, {"i": {"toUserId": encode_id(
        "User", office["manager"].extra["user_id"]), **period}})
    assert to_self["delegateApprovals"]["userErrors"] == [{"field": ["input", "toUserId"], "code": "BAD_USER_INPUT"}]
    backwards = await office["manager"].api.data(delegate, {"i": {"toUserId": encode_id(
        "User", stand_in.extra["user_id"]), "startsOn": period["endsOn"], "endsOn": period["startsOn"]}})
    assert backwards["delegateApprovals"]["userErrors"] == [{"field": ["input", "endsOn"], "code": "BAD_USER_INPUT"}]

    made = (await office["manager"].api.data(delegate, {"i": {"toUserId": encode_id(
        "User", stand_in.extra["user_id"]), **period}}))["delegateApprovals"]
    assert made["userErrors"] == [] and made["delegation"]["active"]
    assert made["delegation"]["toUser"]["fullName"] == "Nobody"
    again = (await office["manager"].api.data(delegate, {"i": {"toUserId": encode_id(
        "User", office["finance"].extra["user_id"]), **period}}))["delegateApprovals"]
    assert again["userErrors"] == [{"field": ["input", "startsOn"], "code": "CONFLICT"}]
    mine = "{ myDelegations { nodes { id active fromUser { fullName } toUser { fullName } } } }"
    assert [d["id"] for d in (await stand_in.api.data(mine))["myDelegations"]["nodes"]] == [made["delegation"]["id"]]

    [item] = await inbox(stand_in.api)
    assert item["id"] == claim_id and item["onBehalfOf"]["fullName"] == "Manager"
    assert claim_id in await inbox_ids(office["manager"].api)  # still the manager's too
    # A stand-in cannot be cancelled by the delegate; it reads as not found.
    cancel = "mutation($i: CancelDelegationInput!) { cancelDelegation(input: $i) { delegation { cancelled active } userErrors { code } } }"
    assert await stand_in.api.error_code(cancel, {"i": {"id": made["delegation"]["id"]}}) == "NOT_FOUND"

    done = await decide(stand_in.api, CLAIM, claim_id)
    assert done["status"] == "APPROVED"
    assert done["decision"]["decidedBy"]["fullName"] == "Nobody"
    assert done["decision"]["onBehalfOf"]["fullName"] == "Manager"
    assert (await status_of(office, "report", claim_id))["status"] == "approved"
    # Both find it in their history.
    for who in (stand_in, office["manager"]):
        nodes = (await who.api.data(HISTORY, {"kind": CLAIM}))["approvalsHistory"]["nodes"]
        assert [(n["decidedBy"]["fullName"], n["onBehalfOf"]["fullName"]) for n in nodes] == [("Nobody", "Manager")]

    later = await claim(office, "report", "130000")
    assert await inbox_ids(stand_in.api) == [later]
    cancelled = (await office["manager"].api.data(cancel, {"i": {"id": made["delegation"]["id"]}}))["cancelDelegation"]
    assert cancelled["delegation"] == {"cancelled": True, "active": False}
    assert await inbox(stand_in.api) == []


async def test_a_stand_in_never_decides_their_own_request(office):
    await set_rule(office["owner"].api, CLAIM, [{"approver": "MANAGER"}])
    claim_id = await claim(office, "report", "90000")
    today = await _today()
    await office["manager"].api.data(
        "mutation($i: DelegateApprovalsInput!) { delegateApprovals(input: $i) { userErrors { code } } }",
        {"i": {"toUserId": encode_id("User", office["report"].extra["user_id"]),
               "startsOn": str(today), "endsOn": str(today + timedelta(days=3))}})
    assert await inbox(office["report"].api) == []
    assert (await decide_error(office["report"].api, CLAIM, claim_id))["code"] == "NOT_FOUND"


async def test_disabling_a_module_removes_its_items(office):
    claim_id = await claim(office, "report", "60000")
    assert await inbox_ids(office["finance"].api) == [claim_id]
    assert (await disable(office["owner"].api, "finance"))["userErrors"] == []
    assert await inbox(office["finance"].api) == []
    assert (await decide_error(office["finance"].api, CLAIM, claim_id))["code"] == "NOT_FOUND"
    rules = (await office["owner"].api.data("{ approvalRules { kind } }"))["approvalRules"]
    assert CLAIM not in {r["kind"] for r in rules}
    await enable(office["owner"].api, "finance")
    assert await inbox_ids(office["finance"].api) == [claim_id]


async def test_rules_are_validated(office):
    api = office["owner"].api
    rules = {r["kind"]: r for r in (await api.data(
        "{ approvalRules { kind kindLabel module custom defaultPermission steps { approver permission } } }"))["approvalRules"]}
    assert {CLAIM, "hr.leave_request", "hr.payroll_run"} <= set(rules)
    assert rules[CLAIM]["custom"] is False and rules[CLAIM]["module"] == "finance"
    assert rules[CLAIM]["steps"] == [{"approver": "PERMISSION", "permission": "finance.expense.approve"}]
    cases = [
        ("finance.nothing", [{"approver": "MANAGER"}], ["input", "kind"]),
        (CLAIM, [{"approver": "PERMISSION", "permission": "finance.nothing.approve"}], ["input", "steps", "0", "permission"]),
        (CLAIM, [{"approver": "PERMISSION"}], ["input", "steps", "0", "permission"]),
        (CLAIM, [{"approver": "MANAGER"}, {"approver": "ROLE", "roleKey": "no-such-role"}], ["input", "steps", "1", "roleKey"]),
        (CLAIM, [{"approver": "MANAGER", "minAmount": "-1"}], ["input", "steps", "0", "minAmount"]),
        (CLAIM, [{"approver": "MANAGER", "minAmount": "0.001"}], ["input", "steps", "0", "minAmount"]),
        (CLAIM, [{"approver": "NAMED"}], ["input", "steps", "0", "approver"]),
        ("ga.travel_request", [{"approver": "MANAGER"}], ["input", "kind"]),  # general affairs is off
    ]
    for kind, steps, field in cases:
        result = await set_rule(api, kind, steps)
        assert result["rule"] is None and [e["field"] for e in result["userErrors"]] == [field], (kind, steps)
        assert result["userErrors"][0]["code"] == "BAD_USER_INPUT"
    assert (await set_rule(api, CLAIM, MANAGER_THEN_FINANCE))["rule"]["steps"][1]["minAmount"] == "5000000.00"
    back = await set_rule(api, CLAIM, [])
    assert back["rule"]["custom"] is False and len(back["rule"]["steps"]) == 1


async def test_rules_and_decisions_are_audited(office):
    await set_rule(office["owner"].api, CLAIM, [{"approver": "MANAGER"}])
    claim_id = await claim(office, "report", "70000")
    await decide(office["manager"].api, CLAIM, claim_id)
    log = "query($op: String) { auditLog(operation: $op) { nodes { operation targetIds } } }"
    assert (await office["owner"].api.data(log, {"op": "setApprovalRule"}))["auditLog"]["nodes"]
    [entry] = (await office["owner"].api.data(log, {"op": "decideApproval"}))["auditLog"]["nodes"]
    assert claim_id in entry["targetIds"]


async def test_inbox_paginates_oldest_first(office):
    ids = [await claim(office, "report", str(1000 + i)) for i in range(5)]
    page = (await office["finance"].api.data(
        "query($a: String) { approvalsInbox(first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }",
        {"a": None}))["approvalsInbox"]
    seen = [n["id"] for n in page["nodes"]]
    while page["pageInfo"]["hasNextPage"]:
        page = (await office["finance"].api.data(
            "query($a: String) { approvalsInbox(first: 2, after: $a) { pageInfo { hasNextPage endCursor } nodes { id } } }",
            {"a": page["pageInfo"]["endCursor"]}))["approvalsInbox"]
        seen += [n["id"] for n in page["nodes"]]
    assert seen == ids


async def test_the_inbox_statement_count_does_not_grow_with_records(office):
    await set_rule(office["owner"].api, CLAIM, MANAGER_THEN_FINANCE)
    query = """{ approvalsInbox(first: 100) { totalCount nodes { id kindLabel title amount step stepCount
      currentStep { description } requester { fullName } onBehalfOf { fullName }
      decisions { decidedBy { fullName } } } } }"""

    async def count() -> tuple[int, int]:
        with QueryCounter() as counter:
            data = await office["finance"].api.data(query)
        return counter.count, data["approvalsInbox"]["totalCount"]

    for _ in range(2):
        await decide(office["manager"].api, CLAIM, await claim(office, "report", "6000000"))
    few, shown = await count()
    assert shown == 2
    for _ in range(8):
        await decide(office["manager"].api, CLAIM, await claim(office, "report", "6000000"))
    many, shown = await count()
    assert shown == 10
    assert many == few, f"{few} statements for 2 records, {many} for 10"


async def test_two_decisions_of_one_step_do_not_both_count(office, new_client):
    """Two approvers see the same step; the first decides it, the second finds nothing left."""
    other = await add_member(office["owner"], new_client, permissions=["finance.expense.approve"], name="Finance 2")
    claim_id = await claim(office, "report", "80000")
    assert await inbox_ids(other.api) == [claim_id]
    assert (await decide(office["finance"].api, CLAIM, claim_id))["status"] == "APPROVED"
    assert (await decide_error(other.api, CLAIM, claim_id))["code"] == "NOT_FOUND"
    assert (await other.api.data(HISTORY, {"kind": CLAIM}))["approvalsHistory"]["totalCount"] == 0


async def _today():  # type: ignore[no-untyped-def]
    from backoffice.approvals.delegation import today

    return today()


async def test_service_requests_that_need_approval_wait_in_the_inbox(company, new_client):
    """The portal's requests of a type that needs approval (the example plugin's note request)
    are decided in the inbox: approved, they join the department's queue; rejected, the
    requester reads why."""
    await enable(company.api, "example")
    member = await add_member(company, new_client, name="Member")
    approver = await add_member(company, new_client, permissions=["core.service_request.approve"], name="Approver")
    submit = """mutation($t: String!) { submitServiceRequest(input: {type: "example.note_request", title: $t,
      values: {body: "Use the stairs"}}) { serviceRequest { id status } userErrors { code } } }"""
    first = (await member.api.data(submit, {"t": "Lift closed"}))["submitServiceRequest"]["serviceRequest"]
    second = (await member.api.data(submit, {"t": "Lift closed again"}))["submitServiceRequest"]["serviceRequest"]
    assert first["status"] == "pending_approval"
    items = {n["id"]: n for n in await inbox(approver.api, "core.service_request")}
    assert set(items) == {first["id"], second["id"]}
    assert items[first["id"]]["requester"]["fullName"] == "Member"
    assert await inbox(member.api) == []
    assert (await decide(approver.api, "core.service_request", first["id"]))["status"] == "APPROVED"
    done = await decide(approver.api, "core.service_request", second["id"], approve=False, reason="Already announced")
    assert done["status"] == "REJECTED"
    mine = {n["id"]: n for n in (await member.api.data(
        "{ myServiceRequests(status: null) { nodes { id status reason } } }"))["myServiceRequests"]["nodes"]}
    assert mine[first["id"]]["status"] == "submitted"
    assert (mine[second["id"]]["status"], mine[second["id"]]["reason"]) == ("rejected", "Already announced")


async def test_two_approvers_deciding_one_step_at_once_count_once(office, new_client):
    import asyncio

    from approval_helpers import DECIDE

    other = await add_member(office["owner"], new_client, permissions=["finance.expense.approve"], name="Finance 2")
    claim_id = await claim(office, "report", "80000")
    bodies = await asyncio.gather(*[
        who.api.gql(DECIDE, {"i": {"kind": CLAIM, "id": claim_id, "approve": True, "reason": ""}})
        for who in (office["finance"], other)])
    outcomes = []
    for body in bodies:
        if body.get("errors"):
            outcomes.append(body["errors"][0]["extensions"]["code"])
        elif body["data"]["decideApproval"]["userErrors"]:
            outcomes.append(body["data"]["decideApproval"]["userErrors"][0]["code"])
        else:
            outcomes.append(body["data"]["decideApproval"]["status"])
    assert sorted(outcomes)[0] == "APPROVED" and sorted(outcomes)[1] in ("CONFLICT", "NOT_FOUND"), outcomes
    histories = [(await who.api.data(HISTORY, {"kind": CLAIM}))["approvalsHistory"]["totalCount"]
                 for who in (office["finance"], other)]
    assert sorted(histories) == [0, 1]
    assert (await status_of(office, "report", claim_id))["status"] == "approved"

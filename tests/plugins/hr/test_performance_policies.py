"""Performance reviews and company policies through GraphQL."""

from __future__ import annotations

import pytest

from backoffice.graphql.ids import encode_id
from helpers import add_member, enable

EMP = """mutation($i: EmployeeInput!) { createEmployee(input: $i) { employee { id } userErrors { code } } }"""


@pytest.fixture
async def team(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "hr")
    manager = await add_member(company, new_client, name="Boss")
    report = await add_member(company, new_client, name="Worker")
    dept = (await company.api.data('mutation { createDepartment(input: {name: "Penjualan"}) { department { id } } }'))[
        "createDepartment"]["department"]["id"]
    boss = (await company.api.data(EMP, {"i": {"fullName": "Boss", "startDate": "2020-01-06", "departmentId": dept,
                                               "userId": encode_id("User", manager.extra["user_id"])}}))["createEmployee"]["employee"]["id"]
    worker = (await company.api.data(EMP, {"i": {"fullName": "Worker", "startDate": "2022-01-03", "departmentId": dept,
                                                 "managerId": boss, "userId": encode_id("User", report.extra["user_id"])}}))[
        "createEmployee"]["employee"]["id"]
    cycle = (await company.api.data(
        'mutation { createReviewCycle(input: {name: "2026 H2", startsOn: "2026-07-01", endsOn: "2026-12-31"}) { reviewCycle { id } } }'
    ))["createReviewCycle"]["reviewCycle"]["id"]
    return {"owner": company, "manager": manager, "report": report, "worker": worker, "cycle": cycle}


GOAL = """mutation($i: GoalInput!) { addGoal(input: $i) { goal { weight } userErrors { field code } } }"""
SELF = """mutation($i: SelfReviewInput!) { submitSelfReview(input: $i) { review { kind rating } userErrors { code } } }"""
MANAGER = """mutation($i: ReviewInput!) { submitManagerReview(input: $i) { review { kind rating } userErrors { code } } }"""


async def test_goal_weights_cannot_pass_100(team):
    owner = team["owner"].api
    ok = await owner.data(GOAL, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "title": "Sales", "weight": "70"}})
    assert ok["addGoal"]["userErrors"] == []
    over = await owner.data(GOAL, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "title": "More", "weight": "40"}})
    assert over["addGoal"]["userErrors"] == [{"field": ["input", "weight"], "code": "BAD_USER_INPUT"}]


async def test_self_and_manager_reviews_and_the_summary(team):
    mine = await team["report"].api.data(SELF, {"i": {"cycleId": team["cycle"], "rating": 4}})
    assert mine["submitSelfReview"]["review"] == {"kind": "self", "rating": 4}
    # The employee cannot write their own manager review.
    assert await team["report"].api.error_code(
        MANAGER, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "rating": 5}}) == "FORBIDDEN"
    review = await team["manager"].api.data(MANAGER, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "rating": 3}})
    assert review["submitManagerReview"]["review"]["rating"] == 3
    twice = await team["manager"].api.data(MANAGER, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "rating": 5}})
    assert twice["submitManagerReview"]["userErrors"][0]["code"] == "CONFLICT"
    summary = await team["owner"].api.data(
        "query($c: ID!) { reviewCycleSummary(cycleId: $c) { department employees reviewed averageManagerRating averageSelfRating } }",
        {"c": team["cycle"]})
    row = [r for r in summary["reviewCycleSummary"] if r["department"] == "Penjualan"][0]
    assert row["employees"] == 2 and row["reviewed"] == 1
    assert float(row["averageManagerRating"]) == 3 and float(row["averageSelfRating"]) == 4


async def test_closed_cycle_is_final(team):
    await team["owner"].api.data("mutation($i: CycleIdInput!) { closeReviewCycle(input: $i) { userErrors { code } } }",
                                 {"i": {"id": team["cycle"]}})
    late = await team["report"].api.data(SELF, {"i": {"cycleId": team["cycle"], "rating": 5}})
    assert late["submitSelfReview"]["userErrors"][0]["code"] == "CONFLICT"


async def test_policy_versions_and_acknowledgement(team):
    owner = team["owner"].api
    policy = (await owner.data(
        'mutation { createPolicy(input: {title: "Kode Etik", body: "v1", effectiveFrom: "2026-01-01"}) { policy { id currentVersion { version } } } }'
    ))["createPolicy"]["policy"]
    assert policy["currentVersion"]["version"] == 1
    ack = "mutation($i: AcknowledgePolicyInput!) { acknowledgePolicy(input: $i) { policy { acknowledgedCount } userErrors { code } } }"
    first = await team["report"].api.data(ack, {"i": {"policyId": policy["id"]}})
    assert first["acknowledgePolicy"]["policy"]["acknowledgedCount"] == 1
    again = await team["report"].api.data(ack, {"i": {"policyId": policy["id"]}})
    assert again["acknowledgePolicy"]["userErrors"][0]["code"] == "CONFLICT"
    await owner.data("mutation($i: PolicyVersionInput!) { publishPolicyVersion(input: $i) { policy { currentVersion { version } } } }",
                     {"i": {"policyId": policy["id"], "body": "v2", "effectiveFrom": "2026-07-01"}})
    mine = await team["report"].api.data("{ myPolicies { policy { title currentVersion { version } } acknowledged } }")
    assert mine["myPolicies"] == [{"policy": {"title": "Kode Etik", "currentVersion": {"version": 2}}, "acknowledged": False}]


async def test_permissions_and_boundaries(team, other_company):
    assert await team["report"].api.error_code("{ reviewCycles { totalCount } }") == "FORBIDDEN"
    await enable(other_company.api, "hr")
    assert await other_company.api.error_code(
        MANAGER, {"i": {"cycleId": team["cycle"], "employeeId": team["worker"], "rating": 1}}) == "NOT_FOUND"

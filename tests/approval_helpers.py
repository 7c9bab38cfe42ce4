"""Operations of the approvals inbox shared by the platform and module tests."""

from __future__ import annotations

from typing import Any

from helpers import Api

INBOX = """query($kind: String, $first: Int, $after: String) {
  approvalsInbox(kind: $kind, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind kindLabel title amount currency submittedAt link step stepCount
      currentStep { approver permission roleKey minAmount description }
      requester { id fullName } onBehalfOf { id fullName }
      decisions { step approved reason decidedBy { fullName } onBehalfOf { fullName } } } } }"""

DECIDE = """mutation($i: DecideApprovalInput!) { decideApproval(input: $i) {
  status nextStep { approver permission roleKey minAmount }
  decision { id kind recordId step stepCount approved reason final
    decidedBy { id fullName } onBehalfOf { id fullName } }
  userErrors { field code message } } }"""

SET_RULE = """mutation($i: SetApprovalRuleInput!) { setApprovalRule(input: $i) {
  rule { kind custom defaultPermission steps { approver permission roleKey minAmount description } }
  userErrors { field code message } } }"""

HISTORY = """query($kind: String) { approvalsHistory(kind: $kind) { totalCount nodes {
  kind recordId title step stepCount approved reason final decidedBy { fullName } onBehalfOf { fullName } } } }"""


async def inbox(api: Api, kind: str | None = None) -> list[dict[str, Any]]:
    return (await api.data(INBOX, {"kind": kind, "first": 100}))["approvalsInbox"]["nodes"]


async def inbox_ids(api: Api, kind: str | None = None) -> list[str]:
    return [n["id"] for n in await inbox(api, kind)]


async def decide(api: Api, kind: str, record_id: str, approve: bool = True, reason: str = "") -> dict[str, Any]:
    return (await api.data(DECIDE, {"i": {"kind": kind, "id": record_id, "approve": approve,
                                          "reason": reason}}))["decideApproval"]


async def decide_error(api: Api, kind: str, record_id: str, approve: bool = True,
                       reason: str = "ok") -> dict[str, Any]:
    """The GraphQL error of a decision that must fail outright (code and message)."""
    body = await api.gql(DECIDE, {"i": {"kind": kind, "id": record_id, "approve": approve, "reason": reason}})
    assert body.get("errors"), body
    error = body["errors"][0]
    return {"code": error["extensions"]["code"], "message": error["message"]}


async def set_rule(api: Api, kind: str, steps: list[dict[str, Any]]) -> dict[str, Any]:
    return (await api.data(SET_RULE, {"i": {"kind": kind, "steps": steps}}))["setApprovalRule"]

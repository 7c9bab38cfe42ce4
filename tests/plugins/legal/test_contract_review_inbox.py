"""Contract reviews in the approvals inbox: each named reviewer finds the contract there, and
nobody else does; their decisions do what reviewContract does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from approval_helpers import decide, decide_error, inbox, inbox_ids, set_rule
from helpers import add_member, enable

REVIEW = "legal.contract_review"
CREATE = """mutation($i: ContractInput!) { createContract(input: $i) { contract { id } userErrors { field code } } }"""
SEND = "mutation($i: ContractReviewInput!) { requestContractReview(input: $i) { contract { status } } }"
CONTRACT = "query($id: ID!) { contract(id: $id) { status reviews { decision comment } } }"


@pytest.fixture
async def legal(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "legal")
    officer = await add_member(company, new_client, role_keys=["legal.legal_officer"], name="Officer")
    first = await add_member(company, new_client, name="First reviewer")
    second = await add_member(company, new_client, name="Second reviewer")
    contract = (await officer.api.data(CREATE, {"i": {"title": "Sewa gudang", "counterparty": "PT Properti",
                                                      "value": "240000000", "kind": "lease"}}))["createContract"]["contract"]["id"]
    ids = [(await m.api.data("{ me { id } }"))["me"]["id"] for m in (first, second)]
    await officer.api.data(SEND, {"i": {"contractId": contract, "reviewerIds": ids}})
    return {"owner": company, "officer": officer, "first": first, "second": second, "contract": contract}


async def test_each_reviewer_finds_the_contract_and_nobody_else(legal):
    [item] = await inbox(legal["first"].api)
    assert item["kind"] == REVIEW and item["title"] == "Sewa gudang (with PT Properti)"
    assert item["link"] == f"/legal/contracts/{legal['contract']}"
    assert item["currentStep"]["approver"] == "NAMED" and item["requester"]["fullName"] == "Officer"
    assert len(await inbox(legal["second"].api)) == 1
    # Legal officers and the owner hold legal.contract.manage, yet the reviews are the reviewers'.
    assert await inbox(legal["officer"].api) == [] and await inbox(legal["owner"].api) == []
    # The company's rules do not reroute named reviews.
    await set_rule(legal["owner"].api, REVIEW, [{"approver": "PERMISSION", "permission": "legal.contract.manage"}])
    assert await inbox(legal["owner"].api) == []
    assert (await decide_error(legal["officer"].api, REVIEW, item["id"]))["code"] == "NOT_FOUND"


async def test_every_reviewer_agrees_or_one_asks_for_changes(legal):
    [first] = await inbox_ids(legal["first"].api)
    assert (await decide(legal["first"].api, REVIEW, first))["status"] == "APPROVED"
    contract = (await legal["officer"].api.data(CONTRACT, {"id": legal["contract"]}))["contract"]
    assert contract["status"] == "in_review"  # the second reviewer has not agreed yet
    [second] = await inbox_ids(legal["second"].api)
    done = await decide(legal["second"].api, REVIEW, second, approve=False, reason="Pasal 4 kurang jelas")
    assert done["status"] == "REJECTED"
    contract = (await legal["officer"].api.data(CONTRACT, {"id": legal["contract"]}))["contract"]
    assert contract["status"] == "draft"
    assert sorted((r["decision"], r["comment"]) for r in contract["reviews"]) == [
        ("approved", ""), ("changes", "Pasal 4 kurang jelas")]
    assert await inbox(legal["second"].api) == []


async def test_a_stand_in_reviews_for_an_absent_reviewer(legal):
    from backoffice.approvals.delegation import today
    from backoffice.graphql.ids import encode_id

    await legal["first"].api.data(
        "mutation($i: DelegateApprovalsInput!) { delegateApprovals(input: $i) { userErrors { code } } }",
        {"i": {"toUserId": encode_id("User", legal["second"].extra["user_id"]),
               "startsOn": str(today()), "endsOn": str(today() + timedelta(days=7))}})
    items = await inbox(legal["second"].api)
    assert len(items) == 2
    stood_in = [i for i in items if i["onBehalfOf"]]
    assert [i["onBehalfOf"]["fullName"] for i in stood_in] == ["First reviewer"]
    done = await decide(legal["second"].api, REVIEW, stood_in[0]["id"])
    assert done["decision"]["onBehalfOf"]["fullName"] == "First reviewer"
    contract = (await legal["officer"].api.data(CONTRACT, {"id": legal["contract"]}))["contract"]
    assert sorted(r["decision"] for r in contract["reviews"]) == ["approved", "pending"]

"""Legal through GraphQL: contract visibility, review and workflow, advice, permits, filings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from helpers import add_member, enable

CREATE = """mutation($i: ContractInput!) { createContract(input: $i) { contract { id status value } userErrors { field code } } }"""
CONTRACTS = "{ contracts { totalCount nodes { title value } } }"
PDF = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"


@pytest.fixture
async def legal(company, new_client):  # type: ignore[no-untyped-def]
    await enable(company.api, "legal")
    officer = await add_member(company, new_client, role_keys=["legal.legal_officer"], name="Officer")
    reviewer = await add_member(company, new_client, name="Reviewer")
    outsider = await add_member(company, new_client, name="Outsider")
    return company, officer, reviewer, outsider


async def test_contracts_are_invisible_to_people_not_on_them(legal):
    company, officer, reviewer, outsider = legal
    c = (await officer.api.data(CREATE, {"i": {"title": "Sewa gudang", "counterparty": "PT Properti", "value": "240000000",
                                               "kind": "lease"}}))["createContract"]["contract"]
    assert (await outsider.api.data(CONTRACTS))["contracts"] == {"totalCount": 0, "nodes": []}
    assert await outsider.api.error_code("query($id: ID!) { contract(id: $id) { title } }", {"id": c["id"]}) == "NOT_FOUND"
    reviewer_id = (await reviewer.api.data("{ me { id } }"))["me"]["id"]
    await officer.api.data("mutation($i: ContractReviewInput!) { requestContractReview(input: $i) { contract { status } } }",
                           {"i": {"contractId": c["id"], "reviewerIds": [reviewer_id]}})
    seen = (await reviewer.api.data(CONTRACTS))["contracts"]
    assert seen["totalCount"] == 1 and seen["nodes"][0]["title"] == "Sewa gudang"


async def test_review_workflow_versions_and_signing(legal):
    company, officer, reviewer, _ = legal
    c = (await officer.api.data(CREATE, {"i": {"title": "NDA", "counterparty": "CV Mitra", "kind": "nda"}}))["createContract"]["contract"]
    await officer.api.data("mutation($i: ContractVersionInput!) { addContractVersion(input: $i) { contract { versions { version } } } }",
                           {"i": {"contractId": c["id"], "name": "nda-v1.pdf", "file": PDF}})
    reviewer_id = (await reviewer.api.data("{ me { id } }"))["me"]["id"]
    review = "mutation($i: ContractReviewInput!) { requestContractReview(input: $i) { contract { status } } }"
    decide = "mutation($i: ContractDecisionInput!) { reviewContract(input: $i) { contract { status } userErrors { field code } } }"
    await officer.api.data(review, {"i": {"contractId": c["id"], "reviewerIds": [reviewer_id]}})
    changes = await reviewer.api.data(decide, {"i": {"contractId": c["id"], "approve": False, "comment": "Fix clause 4"}})
    assert changes["reviewContract"]["contract"]["status"] == "draft"
    versions = (await officer.api.data("mutation($i: ContractVersionInput!) { addContractVersion(input: $i) { contract { versions { version } } } }",
                                       {"i": {"contractId": c["id"], "name": "nda-v2.pdf", "file": PDF}}))
    assert [v["version"] for v in versions["addContractVersion"]["contract"]["versions"]] == [1, 2]
    await officer.api.data(review, {"i": {"contractId": c["id"], "reviewerIds": [reviewer_id]}})
    ok = await reviewer.api.data(decide, {"i": {"contractId": c["id"], "approve": True}})
    assert ok["reviewContract"]["contract"]["status"] == "approved"
    status = "mutation($i: ContractStatusInput!) { setContractStatus(input: $i) { contract { status } userErrors { code } } }"
    assert (await officer.api.data(status, {"i": {"contractId": c["id"], "status": "signed"}}))["setContractStatus"]["contract"]["status"] == "signed"
    bad = await officer.api.data(status, {"i": {"contractId": c["id"], "status": "draft"}})
    assert bad["setContractStatus"]["userErrors"][0]["code"] == "CONFLICT"


async def test_notice_reminder_and_expiry(legal):
    from backoffice.db import scope
    from backoffice.graphql.ids import decode_id
    from backoffice_legal.contracts import services

    company, officer, _, _ = legal
    end = date.today() + timedelta(days=40)
    c = (await officer.api.data(CREATE, {"i": {"title": "Servis AC", "counterparty": "CV Dingin", "endDate": str(end),
                                               "noticeDays": 30}}))["createContract"]["contract"]
    with scope.scoped(tenant_id=decode_id(company.tenant_id, "Tenant")):
        from backoffice_legal.contracts.tables import Contract

        await Contract.update({Contract.status: "active"}).where(Contract.id == decode_id(c["id"], "Contract"))
        assert (await services.remind_and_expire(date.today()))[0] == 1
        assert (await services.remind_and_expire(date.today()))[0] == 0
        assert (await services.remind_and_expire(end + timedelta(days=1)))[1] == 1


async def test_advice_requests(legal):
    company, officer, _, outsider = legal
    asked = await outsider.api.data('mutation { requestLegalAdvice(input: {title: "Kontrak freelancer", description: "Apakah perlu PKWT?"}) { matter { id } } }')
    mid = asked["requestLegalAdvice"]["matter"]["id"]
    await officer.api.data("mutation($i: AnswerAdviceInput!) { answerLegalAdvice(input: $i) { matter { status } } }",
                           {"i": {"id": mid, "answer": "Ya, untuk pekerjaan tertentu."}})
    mine = (await outsider.api.data("{ myAdviceRequests { answer status } }"))["myAdviceRequests"]
    assert mine == [{"answer": "Ya, untuk pekerjaan tertentu.", "status": "closed"}]
    assert await outsider.api.error_code("{ legalMatters { totalCount } }") == "FORBIDDEN"


async def test_filings_are_generated_and_overdue_flagged(legal):
    from backoffice_legal.compliance.services import periods_ahead

    company, officer, _, _ = legal
    assert periods_ahead("monthly", 15, date(2026, 11, 22)) == [("2026-11", date(2026, 12, 15)), ("2026-12", date(2027, 1, 15)),
                                                               ("2027-01", date(2027, 2, 15))]
    assert periods_ahead("quarterly", 30, date(2026, 11, 22))[0] == ("2026-Q4", date(2027, 1, 30))
    assert periods_ahead("yearly", 31, date(2026, 11, 22))[0] == ("2026", date(2027, 3, 31))
    await officer.api.data('mutation { createFilingObligation(input: {name: "SPT Masa PPh 21", frequency: "monthly", dueDay: 15}) { ok } }')
    filings = (await officer.api.data("{ filings { id period status overdue } }"))["filings"]
    assert len(filings) == 3 and all(f["status"] == "pending" for f in filings)
    await officer.api.data("mutation($i: FileFilingInput!) { markFilingFiled(input: $i) { ok } }",
                           {"i": {"id": filings[0]["id"], "filedOn": str(date.today()), "evidence": "BPE-123"}})
    assert (await officer.api.data('{ filings(status: "filed") { period } }'))["filings"][0]["period"] == filings[0]["period"]


async def test_other_company_sees_nothing(legal, other_company):
    company, officer, _, _ = legal
    c = (await officer.api.data(CREATE, {"i": {"title": "Rahasia", "counterparty": "X"}}))["createContract"]["contract"]
    await enable(other_company.api, "legal")
    assert (await other_company.api.data(CONTRACTS))["contracts"]["totalCount"] == 0
    assert await other_company.api.error_code("query($id: ID!) { contract(id: $id) { title } }", {"id": c["id"]}) == "NOT_FOUND"


async def test_permit_renewal_tasks_and_documents(legal):
    company, officer, _, outsider = legal
    permit = (await officer.api.data('mutation { createPermit(input: {name: "Izin lingkungan", expiresOn: "2027-01-31"}) { permit { id } } }'))[
        "createPermit"]["permit"]["id"]
    task = await officer.api.data("mutation($p: ID!) { addPermitRenewalTask(input: {permitId: $p, title: \"Kumpulkan AMDAL\"}) { permit { renewalTasks { id title done } } } }",
                                  {"p": permit})
    tasks = task["addPermitRenewalTask"]["permit"]["renewalTasks"]
    assert [t["title"] for t in tasks] == ["Kumpulkan AMDAL"] and tasks[0]["done"] is False
    await officer.api.data("mutation($t: ID!) { completePermitRenewalTask(input: {id: $t}) { ok } }", {"t": tasks[0]["id"]})
    matter = (await officer.api.data('mutation { createLegalMatter(input: {title: "Gugatan", kind: "case"}) { matter { id } } }'))[
        "createLegalMatter"]["matter"]["id"]
    doc = "mutation($o: ID!, $f: String!) { addLegalDocument(input: {ownerId: $o, name: \"gugatan.pdf\", file: $f}) { ok userErrors { code } } }"
    assert (await officer.api.data(doc, {"o": matter, "f": PDF}))["addLegalDocument"]["ok"] is True
    assert await officer.api.error_code(doc, {"o": permit, "f": PDF}) == "NOT_FOUND"  # a permit is not a document owner
    assert await outsider.api.error_code(doc, {"o": matter, "f": PDF}) == "FORBIDDEN"


async def test_contract_list_costs_the_same_for_2_or_20(legal):
    from helpers import QueryCounter

    company, officer, _, _ = legal
    query = "{ contracts(first: 50) { nodes { title versions { version } reviews { decision } } } }"
    for i in range(2):
        await officer.api.data(CREATE, {"i": {"title": f"C{i}", "counterparty": "X"}})
    with QueryCounter() as few:
        await officer.api.data(query)
    for i in range(18):
        await officer.api.data(CREATE, {"i": {"title": f"D{i}", "counterparty": "Y"}})
    with QueryCounter() as many:
        data = await officer.api.data(query)
    assert len(data["contracts"]["nodes"]) == 20 and many.count == few.count

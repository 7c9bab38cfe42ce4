"""Bills, payments to suppliers and expense claims through GraphQL."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from helpers import add_member, enable

BILL = """mutation($i: BillInput!) { recordBill(input: $i) { bill { id status subtotal taxTotal total supplier { name } } userErrors { field code } } }"""
TB = """query($d: Date!) { trialBalance(asOf: $d) { totalDebit totalCredit lines { account { code } balance } } }"""


@pytest.fixture
async def books(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "finance")
    accounts = (await company.api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]
    supplier = (await company.api.data('mutation { createSupplier(input: {name: "CV Sumber Listrik"}) { supplier { id } } }'))[
        "createSupplier"]["supplier"]["id"]
    return company, {a["code"]: a["id"] for a in accounts}, supplier


async def test_bill_posts_with_ppn_input_and_is_paid(books):
    company, acc, supplier = books
    data = await company.api.data(BILL, {"i": {"supplierId": supplier, "billDate": "2026-06-03", "reference": "SL-77",
                                               "idempotencyKey": "bill-sl-77", "lines": [
        {"description": "Listrik Mei", "accountId": acc["6300"], "amount": "2400000", "taxCode": "PPN"}]}})
    bill = data["recordBill"]["bill"]
    assert D(bill["taxTotal"]) == D("264000.00") and D(bill["total"]) == D("2664000.00")
    again = await company.api.data(BILL, {"i": {"supplierId": supplier, "billDate": "2026-06-03", "reference": "SL-77",
                                                "idempotencyKey": "bill-sl-77", "lines": [
        {"description": "Listrik Mei", "accountId": acc["6300"], "amount": "2400000", "taxCode": "PPN"}]}})
    assert again["recordBill"]["bill"]["id"] == bill["id"]
    pay = """mutation($i: BillPaymentInput!) { payBill(input: $i) { bill { status amountPaid } userErrors { field code } } }"""
    too_much = await company.api.data(pay, {"i": {"billId": bill["id"], "amount": "9999999", "paidOn": "2026-06-10",
                                                  "accountId": acc["1110"]}})
    assert too_much["payBill"]["userErrors"][0]["field"] == ["input", "amount"]
    paid = await company.api.data(pay, {"i": {"billId": bill["id"], "amount": "2664000", "paidOn": "2026-06-10",
                                              "accountId": acc["1110"]}})
    assert paid["payBill"]["bill"]["status"] == "paid"
    tb = (await company.api.data(TB, {"d": "2026-06-30"}))["trialBalance"]
    balances = {x["account"]["code"]: D(x["balance"]) for x in tb["lines"]}
    assert balances["2100"] == 0 and balances["1400"] == D(264000) and balances["6300"] == D(2400000)
    assert D(tb["totalDebit"]) == D(tb["totalCredit"])


async def test_bill_to_an_income_account_is_refused(books):
    company, acc, supplier = books
    data = await company.api.data(BILL, {"i": {"supplierId": supplier, "billDate": "2026-06-03", "lines": [
        {"description": "x", "accountId": acc["4100"], "amount": "1"}]}})
    assert data["recordBill"]["userErrors"][0]["field"] == ["input", "lines", "0", "accountId"]


async def test_expense_claim_approval_and_reimbursement(books, new_client):
    company, acc, supplier = books
    staff = await add_member(company, new_client, name="Claimant")
    claim = """mutation($i: ExpenseClaimInput!) { submitExpenseClaim(input: $i) { expenseClaim { id status } userErrors { code } } }"""
    submitted = (await staff.api.data(claim, {"i": {"description": "Taksi ke klien", "expenseDate": "2026-06-04",
                                                    "amount": "185000", "accountId": acc["6400"]}}))["submitExpenseClaim"]
    claim_id = submitted["expenseClaim"]["id"]
    mine = (await staff.api.data("{ myExpenseClaims { nodes { id status } } }"))["myExpenseClaims"]["nodes"]
    assert mine == [{"id": claim_id, "status": "submitted"}]
    decide = "mutation($i: DecideClaimInput!) { approveExpenseClaim(input: $i) { expenseClaim { status } userErrors { code } } }"
    assert await staff.api.error_code(decide, {"i": {"id": claim_id}}) == "FORBIDDEN"
    approved = await company.api.data(decide, {"i": {"id": claim_id}})
    assert approved["approveExpenseClaim"]["expenseClaim"]["status"] == "approved"
    paid = await company.api.data(
        "mutation($i: PayClaimInput!) { payExpenseClaim(input: $i) { expenseClaim { status } userErrors { code } } }",
        {"i": {"id": claim_id, "paidOn": "2026-06-06", "accountId": acc["1110"]}})
    assert paid["payExpenseClaim"]["expenseClaim"]["status"] == "paid"
    tb = (await company.api.data(TB, {"d": "2026-06-30"}))["trialBalance"]
    balances = {x["account"]["code"]: D(x["balance"]) for x in tb["lines"]}
    assert balances["6400"] == D(185000) and balances["2210"] == 0


async def test_own_claim_cannot_be_approved_and_others_cannot_see(books, other_company, new_client):
    company, acc, _ = books
    claim = """mutation($i: ExpenseClaimInput!) { submitExpenseClaim(input: $i) { expenseClaim { id } } }"""
    own = (await company.api.data(claim, {"i": {"description": "Makan siang", "expenseDate": "2026-06-04",
                                                "amount": "75000", "accountId": acc["6900"]}}))["submitExpenseClaim"]["expenseClaim"]["id"]
    decide = "mutation($i: DecideClaimInput!) { approveExpenseClaim(input: $i) { userErrors { code } } }"
    assert await company.api.error_code(decide, {"i": {"id": own}}) == "FORBIDDEN"
    await enable(other_company.api, "finance")
    assert await other_company.api.error_code(decide, {"i": {"id": own}}) == "NOT_FOUND"
    assert (await other_company.api.data("{ bills { totalCount } }"))["bills"]["totalCount"] == 0


async def test_claim_receipt_is_checked_and_kept(books, new_client):
    company, acc, _ = books
    staff = await add_member(company, new_client, name="Receipts")
    claim = """mutation($i: ExpenseClaimInput!) { submitExpenseClaim(input: $i) { expenseClaim { id receiptType receiptBase64 } userErrors { field code } } }"""
    pdf = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK"
    ok = (await staff.api.data(claim, {"i": {"description": "Parkir", "expenseDate": "2026-06-04", "amount": "20000",
                                             "accountId": acc["6400"], "receipt": pdf, "receiptName": "parkir.pdf"}}))["submitExpenseClaim"]
    assert ok["expenseClaim"]["receiptType"] == "application/pdf" and ok["expenseClaim"]["receiptBase64"] == pdf
    import base64

    bad = (await staff.api.data(claim, {"i": {"description": "Parkir", "expenseDate": "2026-06-04", "amount": "20000",
                                              "accountId": acc["6400"], "receipt": base64.b64encode(b"<html>").decode()}}))["submitExpenseClaim"]
    assert bad["userErrors"] == [{"field": ["input", "receipt"], "code": "BAD_USER_INPUT"}]

"""Sales invoices through GraphQL: PPN by date, gap-free numbers, posting, payments."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from helpers import add_member, enable

CREATE = """mutation($i: InvoiceInput!) { createInvoice(input: $i) { invoice { id status number subtotal } userErrors { field code } } }"""
ISSUE = """mutation($i: IssueInvoiceInput!) { issueInvoice(input: $i) { invoice { number status taxTotal total dueDate } userErrors { code } } }"""
PAY = """mutation($i: PaymentInput!) { recordInvoicePayment(input: $i) { invoice { status amountPaid balanceDue payments { amount } } userErrors { field code } } }"""
TB = """query($d: Date!) { trialBalance(asOf: $d) { totalDebit totalCredit lines { account { code } balance } } }"""


@pytest.fixture
async def sales(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "finance")
    accounts = (await company.api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]
    customer = (await company.api.data('mutation { createCustomer(input: {name: "PT Pelanggan Setia", taxId: "012345678901234"}) { customer { id } } }'))[
        "createCustomer"]["customer"]["id"]
    return company, {a["code"]: a["id"] for a in accounts}, customer


async def _draft(api, customer, price="50000000", tax="PPN"):  # type: ignore[no-untyped-def]
    data = await api.data(CREATE, {"i": {"customerId": customer, "lines": [
        {"description": "Jasa konsultasi", "quantity": "1", "unitPrice": price, "taxCode": tax}]}})
    return data["createInvoice"]["invoice"]["id"]


async def test_ppn_follows_the_date_and_invoices_number_without_gaps(sales):
    company, acc, customer = sales
    first = await _draft(company.api, customer)
    issued = (await company.api.data(ISSUE, {"i": {"id": first, "issueDate": "2025-06-10"}}))["issueInvoice"]["invoice"]
    # PMK 131/2024 (Kemenkeu's example): Rp50,000,000 → DPP 45,833,333.33 → PPN 5,500,000.
    assert D(issued["taxTotal"]) == D("5500000.00") and D(issued["total"]) == D("55500000.00")
    assert issued["number"] == "INV-2025-000001" and issued["dueDate"] == "2025-07-10"
    older = await _draft(company.api, customer, price="1000000")
    old = (await company.api.data(ISSUE, {"i": {"id": older, "issueDate": "2023-03-01"}}))["issueInvoice"]["invoice"]
    assert D(old["taxTotal"]) == D("110000.00")  # 11% before 2025
    again = (await company.api.data(ISSUE, {"i": {"id": first, "issueDate": "2025-06-11"}}))["issueInvoice"]
    assert again["userErrors"][0]["code"] == "CONFLICT"
    second = await _draft(company.api, customer, tax="")
    assert (await company.api.data(ISSUE, {"i": {"id": second, "issueDate": "2025-06-12"}}))["issueInvoice"]["invoice"]["number"] == "INV-2025-000002"


async def test_payments_partial_and_over(sales):
    company, acc, customer = sales
    pk = await _draft(company.api, customer, price="1000000", tax="")
    await company.api.data(ISSUE, {"i": {"id": pk, "issueDate": "2026-06-01"}})
    part = (await company.api.data(PAY, {"i": {"invoiceId": pk, "amount": "400000", "paidOn": "2026-06-05",
                                                "accountId": acc["1110"], "idempotencyKey": "bca-1"}}))["recordInvoicePayment"]
    assert part["invoice"]["status"] == "partly_paid" and D(part["invoice"]["balanceDue"]) == D(600000)
    retried = (await company.api.data(PAY, {"i": {"invoiceId": pk, "amount": "400000", "paidOn": "2026-06-05",
                                                   "accountId": acc["1110"], "idempotencyKey": "bca-1"}}))["recordInvoicePayment"]
    assert len(retried["invoice"]["payments"]) == 1  # the retried payment is not recorded twice
    rest = (await company.api.data(PAY, {"i": {"invoiceId": pk, "amount": "700000", "paidOn": "2026-06-20",
                                                "accountId": acc["1110"]}}))["recordInvoicePayment"]
    assert rest["invoice"]["status"] == "paid" and D(rest["invoice"]["amountPaid"]) == D(1000000)
    tb = (await company.api.data(TB, {"d": "2026-06-30"}))["trialBalance"]
    balances = {line["account"]["code"]: D(line["balance"]) for line in tb["lines"]}
    assert balances["1200"] == 0 and balances["1110"] == D(1100000) and balances["2150"] == D(-100000)
    assert D(tb["totalDebit"]) == D(tb["totalCredit"])
    closed = (await company.api.data(PAY, {"i": {"invoiceId": pk, "amount": "1", "paidOn": "2026-06-21",
                                                  "accountId": acc["1110"]}}))["recordInvoicePayment"]
    assert closed["userErrors"][0]["code"] == "CONFLICT"


async def test_void_reverses_the_entry(sales):
    company, acc, customer = sales
    pk = await _draft(company.api, customer, price="2000000")
    await company.api.data(ISSUE, {"i": {"id": pk, "issueDate": "2026-07-01"}})
    voided = await company.api.data("mutation($i: VoidInvoiceInput!) { voidInvoice(input: $i) { invoice { status } userErrors { code } } }",
                                    {"i": {"id": pk, "voidDate": "2026-07-02"}})
    assert voided["voidInvoice"]["invoice"]["status"] == "void"
    tb = (await company.api.data(TB, {"d": "2026-07-31"}))["trialBalance"]
    assert all(D(line["balance"]) == 0 for line in tb["lines"] if line["account"]["code"] in ("1200", "4100", "2320"))


async def test_bad_lines_and_boundaries(sales, other_company, new_client):
    company, acc, customer = sales
    bad = await company.api.data(CREATE, {"i": {"customerId": customer, "lines": [
        {"description": "", "quantity": "0", "unitPrice": "10"}]}})
    assert bad["createInvoice"]["userErrors"][0]["field"] == ["input", "lines", "0"]
    analyst = await add_member(company, new_client, role_keys=["finance.analyst"])
    assert (await analyst.api.data("{ invoices { totalCount } }"))["invoices"]["totalCount"] == 0
    assert await analyst.api.error_code(CREATE, {"i": {"customerId": customer, "lines": []}}) == "FORBIDDEN"
    await enable(other_company.api, "finance")
    pk = await _draft(company.api, customer)
    assert await other_company.api.error_code(ISSUE, {"i": {"id": pk, "issueDate": "2026-01-05"}}) == "NOT_FOUND"


async def test_statements_balance_to_the_rupiah(sales):
    company, acc, customer = sales
    post = """mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { userErrors { code } } }"""
    for day, debit, credit, amount in (("2026-01-05", "1110", "3100", "100000000"),
                                       ("2026-02-10", "6200", "1110", "12500000"),
                                       ("2026-03-15", "6100", "1110", "30123456.78")):
        await company.api.data(post, {"i": {"entryDate": day, "lines": [
            {"accountId": acc[debit], "debit": amount}, {"accountId": acc[credit], "credit": amount}]}})
    pk = await _draft(company.api, customer, price="40000000")
    await company.api.data(ISSUE, {"i": {"id": pk, "issueDate": "2026-03-20"}})
    pnl = (await company.api.data(
        'query { profitAndLoss(dateFrom: "2026-01-01", dateTo: "2026-03-31", compareFrom: "2026-01-01", compareTo: "2026-01-31") { income expense net comparison { net } } }'))["profitAndLoss"]
    assert D(pnl["income"]) == D(40000000) and D(pnl["expense"]) == D("42623456.78")
    assert D(pnl["net"]) == D("-2623456.78") and D(pnl["comparison"]["net"]) == 0
    sheet = (await company.api.data('{ balanceSheet(asOf: "2026-03-31") { assets liabilities equity currentEarnings } }'))["balanceSheet"]
    assert D(sheet["assets"]) == D(sheet["liabilities"]) + D(sheet["equity"])
    assert D(sheet["currentEarnings"]) == D(pnl["net"])


async def test_general_ledger_and_cash_flow(sales):
    company, acc, customer = sales
    post = """mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { userErrors { code } } }"""
    await company.api.data(post, {"i": {"entryDate": "2026-01-02", "lines": [
        {"accountId": acc["1110"], "debit": "50000000"}, {"accountId": acc["3100"], "credit": "50000000"}]}})
    await company.api.data(post, {"i": {"entryDate": "2026-02-02", "lines": [
        {"accountId": acc["1500"], "debit": "8000000"}, {"accountId": acc["1110"], "credit": "8000000"}]}})
    pk = await _draft(company.api, customer, price="3000000", tax="")
    await company.api.data(ISSUE, {"i": {"id": pk, "issueDate": "2026-02-10"}})
    await company.api.data(PAY, {"i": {"invoiceId": pk, "amount": "3000000", "paidOn": "2026-02-20", "accountId": acc["1110"]}})
    gl = (await company.api.data("query($a: ID!) { generalLedger(accountId: $a, dateFrom: \"2026-02-01\", dateTo: \"2026-02-28\") { opening closing lines { debit credit balance } } }",
                                 {"a": acc["1110"]}))["generalLedger"]
    assert D(gl["opening"]) == D(50000000) and D(gl["closing"]) == D(45000000)
    assert [D(x["balance"]) for x in gl["lines"]] == [D(42000000), D(45000000)]
    cf = (await company.api.data('{ cashFlow(dateFrom: "2026-01-01", dateTo: "2026-02-28") { opening operating investing financing closing } }'))["cashFlow"]
    assert (D(cf["operating"]), D(cf["investing"]), D(cf["financing"])) == (D(3000000), D(-8000000), D(50000000))
    assert D(cf["closing"]) == D(45000000)


async def test_products_pdf_and_foreign_currency(sales):
    import base64

    company, acc, customer = sales
    product = (await company.api.data('mutation { createProduct(input: {code: "KOP-1", name: "Kopi 1 kg", unitPrice: "150000"}) { product { id } } }'))[
        "createProduct"]["product"]["id"]
    pk = (await company.api.data(CREATE, {"i": {"customerId": customer, "lines": [{"productId": product, "quantity": "4"}]}}))[
        "createInvoice"]["invoice"]["id"]
    issued = (await company.api.data(ISSUE, {"i": {"id": pk, "issueDate": "2026-02-02"}}))["issueInvoice"]["invoice"]
    assert D(issued["total"]) == D("666000.00")  # 600,000 + PPN (12% of 11/12) 66,000
    pdf = (await company.api.data("query($id: ID!) { invoice(id: $id) { pdfBase64 lines { description } } }", {"id": pk}))["invoice"]
    assert base64.b64decode(pdf["pdfBase64"]).startswith(b"%PDF") and pdf["lines"][0]["description"] == "Kopi 1 kg"
    await company.api.data('mutation { setExchangeRate(input: {currency: "USD", validFrom: "2026-01-01", rate: "16000"}) { ok } }')
    usd = (await company.api.data(CREATE, {"i": {"customerId": customer, "currency": "USD", "lines": [
        {"description": "Consulting", "quantity": "10", "unitPrice": "100", "taxCode": ""}]}}))["createInvoice"]["invoice"]["id"]
    await company.api.data(ISSUE, {"i": {"id": usd, "issueDate": "2026-02-03"}})
    tb = (await company.api.data(TB, {"d": "2026-02-28"}))["trialBalance"]
    sales_line = [x for x in tb["lines"] if x["account"]["code"] == "4100"][0]
    assert D(sales_line["balance"]) == -(D(600000) + D(16000000))  # USD 1,000 at Rp16,000


async def test_finance_settings(sales):
    company, acc, customer = sales
    data = await company.api.data('mutation { updateFinanceSettings(input: {companyName: "PT Maju", fiscalYearStartMonth: 4}) { settings { companyName fiscalYearStartMonth baseCurrency } } }')
    assert data["updateFinanceSettings"]["settings"] == {"companyName": "PT Maju", "fiscalYearStartMonth": 4, "baseCurrency": "IDR"}
    mapped = await company.api.data('mutation { setAccountMapping(input: {key: "sales.sales", accountCode: "4200"}) { settings { accountMappings { key accountCode } } } }')
    assert {"key": "sales.sales", "accountCode": "4200"} in mapped["setAccountMapping"]["settings"]["accountMappings"]
    await company.api.data("""mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { userErrors { code } } }""",
                           {"i": {"entryDate": "2026-01-02", "lines": [{"accountId": acc["1110"], "debit": "1"}, {"accountId": acc["3100"], "credit": "1"}]}})
    refused = await company.api.data('mutation { updateFinanceSettings(input: {baseCurrency: "USD"}) { userErrors { code } } }')
    assert refused["updateFinanceSettings"]["userErrors"][0]["code"] == "CONFLICT"


async def test_invoice_list_costs_the_same_for_3_or_30(sales):
    from helpers import QueryCounter

    company, acc, customer = sales
    query = "{ invoices(first: 50) { nodes { number customer { name } lines { amount } payments { amount } } } }"
    for _ in range(3):
        await _draft(company.api, customer)
    with QueryCounter() as few:
        await company.api.data(query)
    for _ in range(27):
        await _draft(company.api, customer)
    with QueryCounter() as many:
        data = await company.api.data(query)
    assert len(data["invoices"]["nodes"]) == 30 and many.count == few.count

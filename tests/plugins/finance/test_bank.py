"""Bank statement import, suggested matches and reconciliation through GraphQL."""

from __future__ import annotations

import base64

import pytest

from helpers import enable

IMPORT = """mutation($i: ImportBankStatementInput!) { importBankStatement(input: $i) { imported skippedAsSeen userErrors { field code } } }"""
LINES = """query($a: ID!, $r: Boolean) { bankStatementLines(accountId: $a, reconciled: $r) {
  nodes { id amount description reconciled suggestions { kind id label } } } }"""
RECONCILE = """mutation($i: ReconcileBankLineInput!) { reconcileBankLine(input: $i) { line { reconciled } userErrors { field code } } }"""


def csv_b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


STATEMENT = "date,description,amount,reference\n2026-06-05,Setoran PT Abadi,1110000,TRF01\n2026-06-07,Bayar listrik,-500000,DB02\n"


@pytest.fixture
async def bank(company):  # type: ignore[no-untyped-def]
    api = company.api
    await enable(api, "finance")
    acc = {a["code"]: a["id"] for a in (await api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]}
    customer = (await api.data('mutation { createCustomer(input: {name: "PT Abadi"}) { customer { id } } }'))["createCustomer"]["customer"]["id"]
    invoice = (await api.data("""mutation($i: InvoiceInput!) { createInvoice(input: $i) { invoice { id } } }""", {"i": {
        "customerId": customer, "lines": [{"description": "Barang", "quantity": "1", "unitPrice": "1000000", "taxCode": "PPN"}]}}))[
        "createInvoice"]["invoice"]["id"]
    await api.data("""mutation($i: IssueInvoiceInput!) { issueInvoice(input: $i) { userErrors { code } } }""",
                   {"i": {"id": invoice, "issueDate": "2026-06-01"}})
    await api.data("""mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { userErrors { code } } }""",
                   {"i": {"entryDate": "2026-06-06", "memo": "Listrik", "lines": [
                       {"accountId": acc["6300"], "debit": "500000"}, {"accountId": acc["1110"], "credit": "500000"}]}})
    return company, acc, invoice


async def test_import_once_suggest_and_reconcile(bank):
    company, acc, invoice = bank
    first = (await company.api.data(IMPORT, {"i": {"accountId": acc["1110"], "file": csv_b64(STATEMENT)}}))["importBankStatement"]
    again = (await company.api.data(IMPORT, {"i": {"accountId": acc["1110"], "file": csv_b64(STATEMENT)}}))["importBankStatement"]
    assert (first["imported"], again["imported"], again["skippedAsSeen"]) == (2, 0, 2)
    lines = {n["description"]: n for n in (await company.api.data(LINES, {"a": acc["1110"]}))["bankStatementLines"]["nodes"]}
    deposit, power = lines["Setoran PT Abadi"], lines["Bayar listrik"]
    assert [s["kind"] for s in deposit["suggestions"]] == ["invoice"] and deposit["suggestions"][0]["id"] == invoice
    assert [s["kind"] for s in power["suggestions"]] == ["entry"]
    done = await company.api.data(RECONCILE, {"i": {"lineId": power["id"], "journalEntryId": power["suggestions"][0]["id"]}})
    assert done["reconcileBankLine"]["line"]["reconciled"] is True
    paid = await company.api.data(RECONCILE, {"i": {"lineId": deposit["id"], "invoiceId": invoice}})
    assert paid["reconcileBankLine"]["line"]["reconciled"] is True
    status = (await company.api.data("query($id: ID!) { invoice(id: $id) { status } }", {"id": invoice}))["invoice"]["status"]
    assert status == "paid"
    open_lines = (await company.api.data(LINES, {"a": acc["1110"], "r": False}))["bankStatementLines"]["nodes"]
    assert open_lines == []


async def test_bad_rows_import_nothing(bank):
    company, acc, _ = bank
    data = (await company.api.data(IMPORT, {"i": {"accountId": acc["1110"], "file": csv_b64(
        "date,description,amount\n2026-06-05,ok,100\nyesterday,bad,abc\n")}}))["importBankStatement"]
    assert data["imported"] == 0 and data["userErrors"][0]["field"] == ["input", "file", "3"]


async def test_wrong_entry_is_refused(bank):
    company, acc, _ = bank
    await company.api.data(IMPORT, {"i": {"accountId": acc["1110"], "file": csv_b64(STATEMENT)}})
    lines = {n["description"]: n for n in (await company.api.data(LINES, {"a": acc["1110"]}))["bankStatementLines"]["nodes"]}
    entry = lines["Bayar listrik"]["suggestions"][0]["id"]
    wrong = await company.api.data(RECONCILE, {"i": {"lineId": lines["Setoran PT Abadi"]["id"], "journalEntryId": entry}})
    assert wrong["reconcileBankLine"]["userErrors"][0]["field"] == ["input", "journalEntryId"]

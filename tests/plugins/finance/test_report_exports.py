"""Financial reports rendered as files by a background job, in CSV, XLSX and PDF."""

from __future__ import annotations

import base64
import csv
import io

import pytest

from helpers import enable, eventually

EXPORT = """mutation($i: ExportReportInput!) { exportFinancialReport(input: $i) { jobId fileKey userErrors { field code } } }"""


@pytest.fixture
async def books(company, job_worker):  # type: ignore[no-untyped-def]
    await enable(company.api, "finance")
    acc = {a["code"]: a["id"] for a in (await company.api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]}
    await company.api.data("""mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { userErrors { code } } }""",
                           {"i": {"entryDate": "2026-03-03", "lines": [{"accountId": acc["1110"], "debit": "1000000"},
                                                                        {"accountId": acc["4100"], "credit": "1000000"}]}})
    return company, acc


async def _file(api, report, fmt, **extra):  # type: ignore[no-untyped-def]
    started = (await api.data(EXPORT, {"i": {"report": report, "format": fmt, "dateFrom": "2026-01-01",
                                             "dateTo": "2026-12-31", **extra}}))["exportFinancialReport"]
    assert started["userErrors"] == []

    async def done():  # type: ignore[no-untyped-def]
        job = (await api.data("query($id: ID!) { job(id: $id) { status progress } }", {"id": started["jobId"]}))["job"]
        assert job["status"] != "failed"
        return job if job["status"] == "succeeded" else None

    job = await eventually(done)
    assert job["progress"] == 100
    return (await api.data("query($k: String!) { reportFile(key: $k) { filename contentType base64 rows } }",
                           {"k": started["fileKey"]}))["reportFile"]


async def test_trial_balance_as_csv(books):
    company, _ = books
    f = await _file(company.api, "TRIAL_BALANCE", "CSV")
    rows = list(csv.reader(io.StringIO(base64.b64decode(f["base64"]).decode("utf-8-sig"))))
    assert rows[0] == ["code", "account", "debit", "credit"] and len(rows) == 3


async def test_profit_and_loss_as_pdf_and_ledger_as_xlsx(books):
    company, acc = books
    pdf = await _file(company.api, "PROFIT_AND_LOSS", "PDF")
    assert base64.b64decode(pdf["base64"]).startswith(b"%PDF") and pdf["contentType"] == "application/pdf"
    xlsx = await _file(company.api, "GENERAL_LEDGER", "XLSX", accountId=acc["1110"])
    assert xlsx["filename"].endswith(".xlsx") and xlsx["rows"] == 1


async def test_a_backwards_period_is_refused(books):
    company, _ = books
    data = await company.api.data(EXPORT, {"i": {"report": "CASH_FLOW", "format": "CSV",
                                                 "dateFrom": "2026-12-31", "dateTo": "2026-01-01"}})
    assert data["exportFinancialReport"]["userErrors"] == [{"field": ["input", "dateTo"], "code": "BAD_USER_INPUT"}]


async def test_report_files_stay_in_their_company(books, other_company):
    company, _ = books
    f = (await company.api.data(EXPORT, {"i": {"report": "CASH_FLOW", "format": "CSV", "dateFrom": "2026-01-01",
                                                 "dateTo": "2026-12-31"}}))["exportFinancialReport"]
    await enable(other_company.api, "finance")
    body = await other_company.api.gql("query($k: String!) { reportFile(key: $k) { filename } }", {"k": f["fileKey"]})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"

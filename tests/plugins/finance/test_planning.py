"""Aging, budgets against actuals, the cash forecast and risk indicators through GraphQL."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from helpers import enable

CREATE = """mutation($i: InvoiceInput!) { createInvoice(input: $i) { invoice { id } } }"""
ISSUE = """mutation($i: IssueInvoiceInput!) { issueInvoice(input: $i) { userErrors { code } } }"""


@pytest.fixture
async def books(company):  # type: ignore[no-untyped-def]
    api = company.api
    await enable(api, "finance")
    acc = {a["code"]: a["id"] for a in (await api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]}
    big = (await api.data('mutation { createCustomer(input: {name: "Big Buyer"}) { customer { id } } }'))["createCustomer"]["customer"]["id"]
    small = (await api.data('mutation { createCustomer(input: {name: "Small Shop"}) { customer { id } } }'))["createCustomer"]["customer"]["id"]
    for customer, price, day in ((big, "9000000", "2026-01-05"), (big, "1000000", "2026-05-20"), (small, "1000000", "2026-05-25")):
        pk = (await api.data(CREATE, {"i": {"customerId": customer, "lines": [
            {"description": "Barang", "quantity": "1", "unitPrice": price, "taxCode": ""}]}}))["createInvoice"]["invoice"]["id"]
        await api.data(ISSUE, {"i": {"id": pk, "issueDate": day, "dueInDays": 30}})
    return company, acc


async def test_receivables_aging(books):
    company, _ = books
    rows = (await company.api.data('{ receivablesAging(asOf: "2026-06-30") { party current days1To30 over90 total } }'))["receivablesAging"]
    by_party = {r["party"]: r for r in rows}
    assert D(by_party["Big Buyer"]["over90"]) == D(9000000) and D(by_party["Big Buyer"]["days1To30"]) == D(1000000)
    assert D(by_party["Small Shop"]["days1To30"]) == D(1000000) and D(by_party["Small Shop"]["current"]) == 0


async def test_budget_vs_actual(books):
    company, acc = books
    await company.api.data("mutation($i: BudgetInput!) { setBudget(input: $i) { ok } }",
                           {"i": {"accountId": acc["4100"], "year": 2026, "month": 5, "amount": "1500000"}})
    rows = (await company.api.data("{ budgetVsActual(year: 2026) { account { code } month budget actual variance } }"))["budgetVsActual"]
    assert len(rows) == 1 and rows[0]["account"] == {"code": "4100"} and rows[0]["month"] == 5
    assert D(rows[0]["budget"]) == D(1500000) and D(rows[0]["actual"]) == D(2000000)
    assert D(rows[0]["variance"]) == D(500000)


async def test_cash_forecast_puts_receipts_in_their_week(books):
    company, _ = books
    weeks = (await company.api.data('{ cashForecast(start: "2026-06-15") { weekStart opening inflow outflow closing } }'))["cashForecast"]
    assert len(weeks) == 13
    assert D(weeks[0]["inflow"]) == D(10000000)  # overdue and due this week
    assert D(weeks[1]["inflow"]) == D(1000000)   # due 24 June
    assert D(weeks[-1]["closing"]) == D(weeks[0]["opening"]) + D(11000000)


async def test_risk_indicators_and_thresholds(books):
    company, _ = books
    risks = {r["key"]: r for r in (await company.api.data('{ riskIndicators(asOf: "2026-06-30") { key value threshold alert } }'))["riskIndicators"]}
    assert D(risks["top_customer_share"]["value"]) == D("0.9091") and risks["top_customer_share"]["alert"] is True
    await company.api.data('mutation { setRiskThreshold(input: {key: "top_customer_share", threshold: "0.95"}) { ok } }')
    risks = {r["key"]: r for r in (await company.api.data('{ riskIndicators(asOf: "2026-06-30") { key alert } }'))["riskIndicators"]}
    assert risks["top_customer_share"]["alert"] is False


async def test_recurring_items_enter_the_forecast(books):
    company, _ = books
    await company.api.data('mutation { addRecurringItem(input: {description: "Sewa kantor", amount: "-5000000", every: "month", nextDate: "2026-07-01"}) { ok } }')
    weeks = (await company.api.data('{ cashForecast(start: "2026-06-15") { weekStart outflow } }'))["cashForecast"]
    rent_weeks = [w for w in weeks if D(w["outflow"]) == D(5000000)]
    assert [w["weekStart"] for w in rent_weeks] == ["2026-06-29", "2026-07-27", "2026-08-31"]

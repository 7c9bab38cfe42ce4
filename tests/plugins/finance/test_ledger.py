"""The ledger through GraphQL: balanced entries only, gap-free numbers, idempotent posting,
closed periods, reversals, foreign currency, the trial balance, and payroll from HR."""

from __future__ import annotations

import asyncio
from decimal import Decimal as D

import pytest

from helpers import add_member, enable

POST = """mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) {
  created journalEntry { id number currency lines { account { code } debit credit baseDebit baseCredit } }
  userErrors { field code message } } }"""
TB = """query($d: Date!) { trialBalance(asOf: $d) { totalDebit totalCredit lines { account { code } debit credit balance } } }"""


@pytest.fixture
async def books(company):  # type: ignore[no-untyped-def]
    await enable(company.api, "finance")
    accounts = (await company.api.data("{ accounts(first: 100) { nodes { id code } } }"))["accounts"]["nodes"]
    return company, {a["code"]: a["id"] for a in accounts}


def entry(acc, debit_code, credit_code, amount, **extra):  # type: ignore[no-untyped-def]
    return {"i": {"entryDate": "2026-06-15", "memo": "test", **extra, "lines": [
        {"accountId": acc[debit_code], "debit": str(amount)},
        {"accountId": acc[credit_code], "credit": str(amount)}]}}


async def test_chart_is_seeded_in_both_languages(books):
    company, acc = books
    assert {"1100", "2310", "6100"} <= set(acc)
    names = await company.api.data('{ accounts(first: 100) { nodes { code name } } }', headers={"accept-language": "id"})
    assert {"code": "2310", "name": "Utang PPh 21"} in names["accounts"]["nodes"]


async def test_balanced_entry_posts_with_gap_free_numbers(books):
    company, acc = books
    first = (await company.api.data(POST, entry(acc, "1110", "3100", 50_000_000)))["postJournalEntry"]
    second = (await company.api.data(POST, entry(acc, "6200", "1110", 5_000_000)))["postJournalEntry"]
    assert first["journalEntry"]["number"] == "JE-2026-000001"
    assert second["journalEntry"]["number"] == "JE-2026-000002"
    bad = await company.api.data(POST, {"i": {"entryDate": "2026-06-15", "lines": [
        {"accountId": acc["1110"], "debit": "100"}, {"accountId": acc["3100"], "credit": "90"}]}})
    assert bad["postJournalEntry"]["userErrors"][0]["field"] == ["input", "lines"]
    third = (await company.api.data(POST, entry(acc, "6300", "1110", 1_000)))["postJournalEntry"]
    assert third["journalEntry"]["number"] == "JE-2026-000003"  # the refused entry took no number


async def test_same_idempotency_key_posts_once(books):
    company, acc = books
    body = entry(acc, "6900", "1100", 125_000, idempotencyKey="receipt-42")
    first = (await company.api.data(POST, body))["postJournalEntry"]
    again = (await company.api.data(POST, body))["postJournalEntry"]
    assert first["created"] is True and again["created"] is False
    assert again["journalEntry"]["id"] == first["journalEntry"]["id"]
    listed = await company.api.data("{ journalEntries { totalCount } }")
    assert listed["journalEntries"]["totalCount"] == 1


async def test_closed_period_refuses_posting_and_reopens(books):
    company, acc = books
    close = "mutation { closePeriod(input: {year: 2026, month: 5}) { closed userErrors { code } } }"
    assert (await company.api.data(close))["closePeriod"]["closed"] is True
    refused = await company.api.data(POST, entry(acc, "6900", "1100", 1_000, entryDate="2026-05-20"))
    assert refused["postJournalEntry"]["userErrors"][0]["code"] == "CONFLICT"
    await company.api.data("mutation { reopenPeriod(input: {year: 2026, month: 5}) { closed } }")
    ok = await company.api.data(POST, entry(acc, "6900", "1100", 1_000, entryDate="2026-05-20"))
    assert ok["postJournalEntry"]["userErrors"] == []


async def test_reversal_leaves_the_original_and_nets_to_zero(books):
    company, acc = books
    posted = (await company.api.data(POST, entry(acc, "6400", "1110", 750_000)))["postJournalEntry"]["journalEntry"]
    rev = await company.api.data(
        "mutation($i: ReverseJournalEntryInput!) { reverseJournalEntry(input: $i) { journalEntry { lines { debit credit } } userErrors { code } } }",
        {"i": {"id": posted["id"], "entryDate": "2026-06-20"}})
    assert rev["reverseJournalEntry"]["userErrors"] == []
    again = await company.api.data(
        "mutation($i: ReverseJournalEntryInput!) { reverseJournalEntry(input: $i) { userErrors { code } } }",
        {"i": {"id": posted["id"], "entryDate": "2026-06-21"}})
    assert again["reverseJournalEntry"]["userErrors"][0]["code"] == "CONFLICT"
    tb = (await company.api.data(TB, {"d": "2026-06-30"}))["trialBalance"]
    travel = [line for line in tb["lines"] if line["account"]["code"] == "6400"][0]
    assert D(travel["balance"]) == 0


async def test_foreign_currency_converts_at_the_rate(books):
    company, acc = books
    await company.api.data('mutation { setExchangeRate(input: {currency: "USD", validFrom: "2026-06-01", rate: "16250.5"}) { ok } }')
    posted = (await company.api.data(POST, entry(acc, "6900", "1110", "99.99", currency="USD")))["postJournalEntry"]
    lines = posted["journalEntry"]["lines"]
    assert D(lines[0]["baseDebit"]) == D("1624887.50") and D(lines[1]["baseCredit"]) == D("1624887.50")
    missing = await company.api.data(POST, entry(acc, "6900", "1110", "10", currency="EUR"))
    assert missing["postJournalEntry"]["userErrors"][0]["field"] == ["input", "currency"]


async def test_trial_balance_always_balances(books):
    company, acc = books
    for debit, credit, amount in (("1110", "3100", 100_000_000), ("1200", "4100", 33_300_000),
                                  ("6100", "1110", 12_345_678), ("1300", "2100", 7_777_777)):
        await company.api.data(POST, entry(acc, debit, credit, amount))
    tb = (await company.api.data(TB, {"d": "2026-12-31"}))["trialBalance"]
    assert D(tb["totalDebit"]) == D(tb["totalCredit"]) == D(153_423_455)


async def test_permissions_and_boundaries(books, other_company, new_client):
    company, acc = books
    analyst = await add_member(company, new_client, role_keys=["finance.analyst"])
    assert (await analyst.api.data(TB, {"d": "2026-12-31"}))["trialBalance"]["totalDebit"] is not None
    assert await analyst.api.error_code(POST, entry(acc, "6900", "1100", 1)) == "FORBIDDEN"
    await enable(other_company.api, "finance")
    assert await other_company.api.error_code(POST, entry(acc, "6900", "1100", 1)) == "NOT_FOUND"


@pytest.mark.postgres
async def test_twenty_concurrent_posters_keep_the_ledger_exact(books):
    company, acc = books
    keys = [f"concurrent-{i % 15}" for i in range(20)]  # five keys are retried by a second client

    async def poster(i: int, key: str):  # type: ignore[no-untyped-def]
        body = entry(acc, "6900", "1110", 1000 + i, idempotencyKey=key)
        return (await company.api.data(POST, body))["postJournalEntry"]

    results = await asyncio.gather(*[poster(i, k) for i, k in enumerate(keys)])
    assert all(r["userErrors"] == [] for r in results)
    assert sum(1 for r in results if r["created"]) == 15
    numbers = sorted(r["journalEntry"]["number"] for r in results if r["created"])
    assert numbers == [f"JE-2026-{n:06d}" for n in range(1, 16)]
    tb = (await company.api.data(TB, {"d": "2026-12-31"}))["trialBalance"]
    assert D(tb["totalDebit"]) == D(tb["totalCredit"])
    assert (await company.api.data("{ journalEntries { totalCount } }"))["journalEntries"]["totalCount"] == 15

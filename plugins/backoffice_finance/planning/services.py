"""Aging, budgets, the cash forecast and risk indicators, computed from the books."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from backoffice.sdk import BadUserInput

from ..ledger import services as ledger
from ..ledger.tables import Account, JournalLine
from ..purchases.tables import Bill, Supplier
from ..sales.tables import Customer, Invoice
from .tables import Budget, RecurringItem

ZERO = Decimal(0)
BUCKETS = ("current", "1-30", "31-60", "61-90", "over-90")
CASH_CODES = ("1100", "1110")
RISK_DEFAULTS = {"overdue_share": Decimal("0.25"), "top_customer_share": Decimal("0.40"),
                 "current_ratio_min": Decimal("1.20")}


def bucket(due: date, as_of: date) -> str:
    days = (as_of - due).days
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "over-90"


async def aging(kind: str, as_of: date) -> list[dict[str, Any]]:
    """Open amounts per customer (``receivables``) or supplier (``payables``) by age."""
    if kind == "receivables":
        docs = await Invoice.select().where(Invoice.status.is_in(["issued", "partly_paid"])
                                            & (Invoice.issue_date <= as_of))
        names = {r["id"]: r["name"] for r in await Customer.select(Customer.id, Customer.name)}
        party = "customer_id"
    else:
        docs = await Bill.select().where(Bill.status.is_in(["posted", "partly_paid"]) & (Bill.bill_date <= as_of))
        names = {r["id"]: r["name"] for r in await Supplier.select(Supplier.id, Supplier.name)}
        party = "supplier_id"
    rows: dict[int, dict[str, Any]] = {}
    for d in docs:
        open_amount = Decimal(d["total"]) - Decimal(d["amount_paid"])
        row = rows.setdefault(d[party], {"party": names.get(d[party], ""), **{b: ZERO for b in BUCKETS}})
        row[bucket(d["due_date"], as_of)] += open_amount
    out = sorted(rows.values(), key=lambda r: r["party"])
    for r in out:
        r["total"] = sum((r[b] for b in BUCKETS), ZERO)
    return out


async def set_budget(account_id: int, year: int, month: int, amount: Decimal) -> None:
    await ledger.get_account(account_id)
    if not 1 <= month <= 12:
        raise BadUserInput(("A month is 1 to 12.", "Bulan adalah 1 sampai 12."), field="month")
    where = (Budget.account_id == account_id) & (Budget.year == year) & (Budget.month == month)
    if await Budget.exists().where(where):
        await Budget.update({Budget.amount: amount}).where(where)
    else:
        await Budget.insert(Budget(account_id=account_id, year=year, month=month, amount=amount))


async def budget_vs_actual(year: int) -> list[dict[str, Any]]:
    budgets = await Budget.select().where(Budget.year == year)
    if not budgets:
        return []
    accounts = {a["id"]: a for a in await Account.select().where(
        Account.id.is_in(list({b["account_id"] for b in budgets})))}
    lines = await JournalLine.select(JournalLine.account_id, JournalLine.entry_date, JournalLine.base_debit,
                                     JournalLine.base_credit).where(
        JournalLine.account_id.is_in(list(accounts)) & (JournalLine.entry_date >= date(year, 1, 1))
        & (JournalLine.entry_date <= date(year, 12, 31)))
    actual: dict[tuple[int, int], Decimal] = {}
    for r in lines:
        sign = -1 if accounts[r["account_id"]]["kind"] in ("income", "liability", "equity") else 1
        key = (r["account_id"], r["entry_date"].month)
        actual[key] = actual.get(key, ZERO) + sign * (Decimal(r["base_debit"]) - Decimal(r["base_credit"]))
    return [{"account": accounts[b["account_id"]], "month": b["month"], "budget": Decimal(b["amount"]),
             "actual": actual.get((b["account_id"], b["month"]), ZERO)}
            for b in sorted(budgets, key=lambda b: (accounts[b["account_id"]]["code"], b["month"]))]


async def _balance(codes: tuple[str, ...], as_of: date) -> Decimal:
    ids = [a["id"] for a in await Account.select(Account.id).where(Account.code.is_in(list(codes)))]
    rows = await JournalLine.select(JournalLine.base_debit, JournalLine.base_credit).where(
        JournalLine.account_id.is_in(ids or [0]) & (JournalLine.entry_date <= as_of))
    return sum((Decimal(r["base_debit"]) - Decimal(r["base_credit"]) for r in rows), ZERO)


async def cash_forecast(start: date, weeks: int = 13) -> list[dict[str, Any]]:
    """Week by week: opening cash, receipts expected from open invoices, payments due on open
    bills (overdue ones fall in the first week), and closing cash."""
    opening = await _balance(CASH_CODES, start)
    invoices = await Invoice.select().where(Invoice.status.is_in(["issued", "partly_paid"]))
    bills = await Bill.select().where(Bill.status.is_in(["posted", "partly_paid"]))
    horizon = start + timedelta(weeks=weeks)
    recurring: list[tuple[date, Decimal]] = []
    for item in await RecurringItem.select():
        day = item["next_date"]
        while day < horizon:
            if day >= start:
                recurring.append((day, Decimal(item["amount"])))
            day = day + timedelta(weeks=1) if item["every"] == "week" else _next_month(day)
    out = []
    for week in range(weeks):
        begin = start + timedelta(weeks=week)
        end = begin + timedelta(days=6)

        def due_now(doc: dict[str, Any], begin: date = begin, end: date = end, week: int = week) -> bool:
            return (doc["due_date"] <= end) if week == 0 else (begin <= doc["due_date"] <= end)

        inflow = sum((Decimal(d["total"]) - Decimal(d["amount_paid"]) for d in invoices if due_now(d)), ZERO)
        outflow = sum((Decimal(d["total"]) - Decimal(d["amount_paid"]) for d in bills if due_now(d)), ZERO)
        for day, amount in recurring:
            if begin <= day <= end:
                if amount > 0:
                    inflow += amount
                else:
                    outflow -= amount
        closing = opening + inflow - outflow
        out.append({"week_start": begin, "opening": opening, "inflow": inflow, "outflow": outflow, "closing": closing})
        opening = closing
    return out


def _next_month(day: date) -> date:
    import calendar  # noqa: PLC0415

    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


async def add_recurring(description: str, amount: Decimal, every: str, next_date: date) -> int:
    if every not in ("week", "month") or not description.strip() or amount == 0:
        raise BadUserInput(("Describe it, give a non-zero amount and 'week' or 'month'.",
                            "Jelaskan, beri jumlah bukan nol dan 'week' atau 'month'."), field="every")
    result = await RecurringItem.insert(RecurringItem(description=description.strip()[:200], amount=amount,
                                                      every=every, next_date=next_date))
    return result[0]["id"]


async def risk_indicators(as_of: date) -> list[dict[str, Any]]:
    thresholds = {k: Decimal(await ledger.setting(f"risk.{k}", str(v))) for k, v in RISK_DEFAULTS.items()}
    receivables = await aging("receivables", as_of)
    total = sum((r["total"] for r in receivables), ZERO)
    overdue = sum((r["total"] - r["current"] for r in receivables), ZERO)
    top = max((r["total"] for r in receivables), default=ZERO)
    current_assets = await _balance(("1100", "1110", "1200", "1300", "1400"), as_of)
    current_liabilities = -(await _balance(("2100", "2150", "2200", "2210", "2310", "2320", "2330"), as_of))
    indicators = [
        ("overdue_share", overdue / total if total else ZERO, thresholds["overdue_share"], "max"),
        ("top_customer_share", top / total if total else ZERO, thresholds["top_customer_share"], "max"),
        ("current_ratio", current_assets / current_liabilities if current_liabilities > 0 else Decimal(99),
         thresholds["current_ratio_min"], "min"),
    ]
    return [{"key": key, "value": value.quantize(Decimal("0.0001")), "threshold": threshold,
             "alert": value > threshold if rule == "max" else value < threshold} for key, value, threshold, rule in indicators]

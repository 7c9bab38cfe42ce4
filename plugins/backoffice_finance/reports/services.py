"""Statements from journal lines in the base currency. Income and equity are credit-normal,
assets and expenses debit-normal; the balance sheet carries the result of all periods up to
its date as current earnings, so assets always equal liabilities plus equity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..ledger.tables import Account, JournalLine

ZERO = Decimal(0)
CREDIT_NORMAL = {"liability", "equity", "income"}


async def _sums(date_from: date | None, date_to: date) -> dict[int, Decimal]:
    """Debit less credit per account over the dates."""
    where = JournalLine.entry_date <= date_to
    if date_from is not None:
        where = where & (JournalLine.entry_date >= date_from)
    rows = await JournalLine.select(JournalLine.account_id, JournalLine.base_debit, JournalLine.base_credit).where(where)
    sums: dict[int, Decimal] = {}
    for r in rows:
        sums[r["account_id"]] = sums.get(r["account_id"], ZERO) + Decimal(r["base_debit"]) - Decimal(r["base_credit"])
    return sums


def _amount(kind: str, debit_less_credit: Decimal) -> Decimal:
    return -debit_less_credit if kind in CREDIT_NORMAL else debit_less_credit


async def profit_and_loss(date_from: date, date_to: date) -> dict[str, Any]:
    accounts = await Account.select().where(Account.kind.is_in(["income", "expense"])).order_by(Account.code)
    sums = await _sums(date_from, date_to)
    lines = [{"account": a, "amount": _amount(a["kind"], sums[a["id"]])} for a in accounts if sums.get(a["id"])]
    income = sum((x["amount"] for x in lines if x["account"]["kind"] == "income"), ZERO)
    expense = sum((x["amount"] for x in lines if x["account"]["kind"] == "expense"), ZERO)
    return {"lines": lines, "income": income, "expense": expense, "net": income - expense}


async def balance_sheet(as_of: date) -> dict[str, Any]:
    accounts = await Account.select().order_by(Account.code)
    sums = await _sums(None, as_of)
    lines = [{"account": a, "amount": _amount(a["kind"], sums[a["id"]])}
             for a in accounts if a["kind"] in ("asset", "liability", "equity") and sums.get(a["id"])]
    earnings = sum((_amount(a["kind"], sums.get(a["id"], ZERO)) * (1 if a["kind"] == "income" else -1)
                    for a in accounts if a["kind"] in ("income", "expense")), ZERO)
    assets = sum((x["amount"] for x in lines if x["account"]["kind"] == "asset"), ZERO)
    liabilities = sum((x["amount"] for x in lines if x["account"]["kind"] == "liability"), ZERO)
    equity = sum((x["amount"] for x in lines if x["account"]["kind"] == "equity"), ZERO) + earnings
    return {"lines": lines, "assets": assets, "liabilities": liabilities, "equity": equity,
            "current_earnings": earnings}

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


async def general_ledger(account_id: int, date_from: date, date_to: date) -> dict[str, Any]:
    """One account's lines over the dates, with the opening and running balance."""
    from ..ledger.tables import JournalEntry  # noqa: PLC0415

    account = await Account.select().where(Account.id == account_id).first()
    opening_rows = await JournalLine.select(JournalLine.base_debit, JournalLine.base_credit).where(
        (JournalLine.account_id == account_id) & (JournalLine.entry_date < date_from))
    balance = sum((Decimal(r["base_debit"]) - Decimal(r["base_credit"]) for r in opening_rows), ZERO)
    opening = balance
    lines = await JournalLine.select().where(
        (JournalLine.account_id == account_id) & (JournalLine.entry_date >= date_from)
        & (JournalLine.entry_date <= date_to)).order_by(JournalLine.entry_date).order_by(JournalLine.id)
    entries = {e["id"]: e for e in await JournalEntry.select(JournalEntry.id, JournalEntry.number, JournalEntry.memo).where(
        JournalEntry.id.is_in(list({r["entry_id"] for r in lines}) or [0]))}
    out = []
    for r in lines:
        balance += Decimal(r["base_debit"]) - Decimal(r["base_credit"])
        entry = entries.get(r["entry_id"], {})
        out.append({"date": r["entry_date"], "number": entry.get("number", ""), "memo": entry.get("memo", ""),
                    "description": r["description"], "debit": Decimal(r["base_debit"]),
                    "credit": Decimal(r["base_credit"]), "balance": balance})
    return {"account": account, "opening": opening, "closing": balance, "lines": out}


CASH = ("1100", "1110")


async def cash_flow(date_from: date, date_to: date) -> dict[str, Any]:
    """The direct method: every cash movement classified by the accounts on the other side of
    its entry — operating (income, expense, receivables, payables, taxes), investing (fixed
    assets), financing (equity)."""
    from ..ledger.tables import JournalEntry  # noqa: PLC0415, F401

    accounts = {a["id"]: a for a in await Account.select()}
    cash_ids = {pk for pk, a in accounts.items() if a["code"] in CASH}
    lines = await JournalLine.select().where((JournalLine.entry_date >= date_from) & (JournalLine.entry_date <= date_to))
    by_entry: dict[int, list[dict[str, Any]]] = {}
    for r in lines:
        by_entry.setdefault(r["entry_id"], []).append(r)
    sections = {"operating": ZERO, "investing": ZERO, "financing": ZERO}
    for entry_lines in by_entry.values():
        cash = sum((Decimal(r["base_debit"]) - Decimal(r["base_credit"]) for r in entry_lines if r["account_id"] in cash_ids), ZERO)
        if not cash:
            continue
        others = [accounts[r["account_id"]] for r in entry_lines if r["account_id"] not in cash_ids]
        if any(a["kind"] == "equity" for a in others):
            sections["financing"] += cash
        elif any(a["code"].startswith("15") for a in others):
            sections["investing"] += cash
        else:
            sections["operating"] += cash
    opening = sum((Decimal(r["base_debit"]) - Decimal(r["base_credit"]) for r in await JournalLine.select(
        JournalLine.base_debit, JournalLine.base_credit).where(
        JournalLine.account_id.is_in(list(cash_ids) or [0]) & (JournalLine.entry_date < date_from))), ZERO)
    net = sum(sections.values(), ZERO)
    return {"opening": opening, **sections, "net": net, "closing": opening + net}

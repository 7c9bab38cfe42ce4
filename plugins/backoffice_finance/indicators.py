"""Finance's figures on the operations dashboard: overdue invoices (how many, and how much is
still owed on them) and the cash position. Each is one aggregate query."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from piccolo.query.functions.aggregate import Sum

from backoffice.sdk import Indicator, Text

from .ledger.tables import Account, JournalLine
from .planning.services import CASH_CODES
from .sales.tables import Invoice

OPEN = ["issued", "partly_paid"]


def _overdue(as_of: date):  # noqa: ANN202
    return Invoice.status.is_in(OPEN) & (Invoice.due_date < as_of)


def _decimal(value: object) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


async def overdue_invoices(as_of: date) -> int:
    return await Invoice.count().where(_overdue(as_of))


async def overdue_amount(as_of: date) -> Decimal:
    """What customers still owe on invoices past their due date."""
    row = await Invoice.select(Sum(Invoice.total, alias="total"), Sum(Invoice.amount_paid, alias="paid")).where(
        _overdue(as_of)).first()
    return _decimal((row or {}).get("total")) - _decimal((row or {}).get("paid"))


async def cash_position(as_of: date) -> Decimal:
    """The balance of the cash and bank accounts at the end of ``as_of``, in the base currency."""
    cash = Account.select(Account.id).where(Account.code.is_in(list(CASH_CODES)))
    row = await JournalLine.select(Sum(JournalLine.base_debit, alias="debit"),
                                   Sum(JournalLine.base_credit, alias="credit")).where(
        JournalLine.account_id.is_in(cash) & (JournalLine.entry_date <= as_of)).first()
    return _decimal((row or {}).get("debit")) - _decimal((row or {}).get("credit"))


INDICATORS = [
    Indicator(key="finance.overdue_invoices", label=Text("Overdue invoices", "Faktur lewat jatuh tempo"),
              permission="finance.invoice.read", compute=overdue_invoices, link="/finance/invoices", good="down"),
    Indicator(key="finance.overdue_amount", label=Text("Owed on overdue invoices", "Piutang lewat jatuh tempo"),
              permission="finance.invoice.read", compute=overdue_amount, link="/finance/invoices", unit="money",
              good="down"),
    Indicator(key="finance.cash_position", label=Text("Cash and bank", "Kas dan bank"),
              permission="finance.report.read", compute=cash_position, link="/finance/bank", unit="money"),
]

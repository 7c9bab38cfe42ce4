"""GraphQL of the financial statements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from backoffice import sdk

from ..ledger.graphql import Account
from . import services


@strawberry.type
class StatementLine:
    account: Account
    amount: Decimal


@strawberry.type
class ProfitAndLoss:
    date_from: date
    date_to: date
    lines: list[StatementLine]
    income: Decimal
    expense: Decimal
    net: Decimal
    comparison: ProfitAndLoss | None = None


@strawberry.type(description="Assets = liabilities + equity, always; equity includes current earnings.")
class BalanceSheet:
    as_of: date
    lines: list[StatementLine]
    assets: Decimal
    liabilities: Decimal
    equity: Decimal
    current_earnings: Decimal


async def _pnl(date_from: date, date_to: date) -> ProfitAndLoss:
    r = await services.profit_and_loss(date_from, date_to)
    return ProfitAndLoss(date_from=date_from, date_to=date_to, income=r["income"], expense=r["expense"], net=r["net"],
                         lines=[StatementLine(account=Account.of(x["account"]), amount=x["amount"]) for x in r["lines"]])


@strawberry.type
class ReportQuery:
    @sdk.field("finance.report.read", description="Income and expenses over a period, with an optional comparison.")
    async def profit_and_loss(self, date_from: date, date_to: date, compare_from: date | None = None,
                              compare_to: date | None = None) -> ProfitAndLoss:
        if date_to < date_from:
            raise sdk.BadUserInput(("The period ends before it starts.", "Periode berakhir sebelum dimulai."),
                                   field="dateTo")
        report = await _pnl(date_from, date_to)
        if compare_from and compare_to:
            report.comparison = await _pnl(compare_from, compare_to)
        return report

    @sdk.field("finance.report.read")
    async def balance_sheet(self, as_of: date) -> BalanceSheet:
        r = await services.balance_sheet(as_of)
        return BalanceSheet(as_of=as_of, assets=r["assets"], liabilities=r["liabilities"], equity=r["equity"],
                            current_earnings=r["current_earnings"],
                            lines=[StatementLine(account=Account.of(x["account"]), amount=x["amount"])
                                   for x in r["lines"]])

"""GraphQL of the financial statements."""

from __future__ import annotations

import base64
import enum
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


@strawberry.type
class LedgerLine:
    date: date
    number: str
    memo: str
    description: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


@strawberry.type
class GeneralLedger:
    account: Account
    opening: Decimal
    closing: Decimal
    lines: list[LedgerLine]


@strawberry.type
class CashFlow:
    date_from: date
    date_to: date
    opening: Decimal
    operating: Decimal
    investing: Decimal
    financing: Decimal
    net: Decimal
    closing: Decimal


@strawberry.type
class MoreReportsQuery:
    @sdk.field("finance.report.read", description="One account's lines with the running balance.")
    async def general_ledger(self, account_id: strawberry.ID, date_from: date, date_to: date) -> GeneralLedger:
        from ..ledger.services import get_account

        pk = sdk.decode_id(account_id, "Account")
        await get_account(pk)
        r = await services.general_ledger(pk, date_from, date_to)
        return GeneralLedger(account=Account.of(r["account"]), opening=r["opening"], closing=r["closing"],
                             lines=[LedgerLine(**x) for x in r["lines"]])

    @sdk.field("finance.report.read", description="Cash in and out by activity (direct method).")
    async def cash_flow(self, date_from: date, date_to: date) -> CashFlow:
        r = await services.cash_flow(date_from, date_to)
        return CashFlow(date_from=date_from, date_to=date_to, **r)


@strawberry.enum
class ReportKind(enum.Enum):
    TRIAL_BALANCE = "trial_balance"
    PROFIT_AND_LOSS = "profit_and_loss"
    BALANCE_SHEET = "balance_sheet"
    GENERAL_LEDGER = "general_ledger"
    CASH_FLOW = "cash_flow"


@strawberry.enum
class ReportFormat(enum.Enum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


@strawberry.input
class ExportReportInput:
    report: ReportKind
    format: ReportFormat
    date_from: date
    date_to: date
    account_id: strawberry.ID | None = None


@strawberry.type
class ExportReportPayload(sdk.Payload):
    job_id: strawberry.ID | None = strawberry.field(default=None, description="Follow it with job(id).")
    file_key: str | None = strawberry.field(default=None, description="Then fetch reportFile(key).")


@strawberry.type
class ReportFileQuery:
    @sdk.field("finance.report.read", description="A report file rendered by exportFinancialReport.")
    async def report_file(self, key: str) -> sdk.ExportFile:
        from .tables import ReportFile

        row = await ReportFile.select().where(ReportFile.job_key == key).first()
        if row is None:
            raise sdk.NotFound()
        return sdk.ExportFile(filename=row["filename"], content_type=row["content_type"],
                              base64=base64.b64encode(bytes(row["content"])).decode(), rows=row["rows"])


@strawberry.type
class ReportMutation:
    @sdk.mutation("finance.report.read", description="Render a report as CSV, XLSX or PDF in the background.")
    async def export_financial_report(self, input: ExportReportInput) -> ExportReportPayload:
        from . import exports

        account = sdk.decode_id(input.account_id, "Account") if input.account_id else None
        job_id, key = await exports.start(input.report.value, input.format.value, input.date_from, input.date_to,
                                          account)
        return ExportReportPayload(job_id=sdk.encode_id("Job", job_id), file_key=key)

"""GraphQL of planning and oversight."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from backoffice import sdk

from ..ledger.graphql import Account
from ..ledger import services as ledger
from . import services


@strawberry.type
class AgingRow:
    party: str
    current: Decimal
    days_1_30: Decimal = strawberry.field(name="days1To30")
    days_31_60: Decimal = strawberry.field(name="days31To60")
    days_61_90: Decimal = strawberry.field(name="days61To90")
    over_90: Decimal = strawberry.field(name="over90")
    total: Decimal


@strawberry.type
class BudgetLine:
    account: Account
    month: int
    budget: Decimal
    actual: Decimal
    variance: Decimal


@strawberry.type
class ForecastWeek:
    week_start: date
    opening: Decimal
    inflow: Decimal
    outflow: Decimal
    closing: Decimal


@strawberry.type
class RiskIndicator:
    key: str
    value: Decimal
    threshold: Decimal
    alert: bool


@strawberry.input
class BudgetInput:
    account_id: strawberry.ID
    year: int
    month: int
    amount: Decimal


@strawberry.input
class RiskThresholdInput:
    key: str
    threshold: Decimal


@strawberry.type
class BudgetPayload(sdk.Payload):
    ok: bool = False


@strawberry.input
class RecurringItemInput:
    description: str
    amount: Decimal = strawberry.field(description="Money in positive, money out negative.")
    every: str = strawberry.field(description="week or month")
    next_date: date


def _aging(rows: list[dict]) -> list[AgingRow]:  # type: ignore[type-arg]
    return [AgingRow(party=r["party"], current=r["current"], days_1_30=r["1-30"], days_31_60=r["31-60"],
                     days_61_90=r["61-90"], over_90=r["over-90"], total=r["total"]) for r in rows]


@strawberry.type
class PlanningQuery:
    @sdk.field("finance.report.read", description="Open receivables per customer by days overdue.")
    async def receivables_aging(self, as_of: date) -> list[AgingRow]:
        return _aging(await services.aging("receivables", as_of))

    @sdk.field("finance.report.read", description="Open bills per supplier by days overdue.")
    async def payables_aging(self, as_of: date) -> list[AgingRow]:
        return _aging(await services.aging("payables", as_of))

    @sdk.field("finance.report.read")
    async def budget_vs_actual(self, year: int) -> list[BudgetLine]:
        return [BudgetLine(account=Account.of(r["account"]), month=r["month"], budget=r["budget"],
                           actual=r["actual"], variance=r["actual"] - r["budget"])
                for r in await services.budget_vs_actual(year)]

    @sdk.field("finance.report.read", description="13 weeks of expected cash from open invoices and bills.")
    async def cash_forecast(self, start: date, weeks: int = 13) -> list[ForecastWeek]:
        if not 1 <= weeks <= 26:
            raise sdk.BadUserInput(("Forecast 1 to 26 weeks.", "Proyeksi 1 sampai 26 minggu."), field="weeks")
        return [ForecastWeek(**w) for w in await services.cash_forecast(start, weeks)]

    @sdk.field("finance.report.read", description="Overdue receivables, customer concentration, current ratio.")
    async def risk_indicators(self, as_of: date) -> list[RiskIndicator]:
        return [RiskIndicator(**r) for r in await services.risk_indicators(as_of)]


@strawberry.type
class PlanningMutation:
    @sdk.mutation("finance.account.manage")
    async def set_budget(self, input: BudgetInput) -> BudgetPayload:
        await services.set_budget(sdk.decode_id(input.account_id, "Account"), input.year, input.month, input.amount)
        return BudgetPayload(ok=True)

    @sdk.mutation("finance.account.manage", description="A recurring receipt or payment for the cash forecast.")
    async def add_recurring_item(self, input: RecurringItemInput) -> BudgetPayload:
        await services.add_recurring(input.description, input.amount, input.every, input.next_date)
        return BudgetPayload(ok=True)

    @sdk.mutation("finance.account.manage", description="Set when a risk indicator raises an alert.")
    async def set_risk_threshold(self, input: RiskThresholdInput) -> BudgetPayload:
        if input.key not in services.RISK_DEFAULTS:
            raise sdk.BadUserInput((f"Choose one of: {', '.join(services.RISK_DEFAULTS)}.",
                                    f"Pilih salah satu: {', '.join(services.RISK_DEFAULTS)}."), field="key")
        await ledger.set_setting(f"risk.{input.key}", str(input.threshold))
        return BudgetPayload(ok=True)

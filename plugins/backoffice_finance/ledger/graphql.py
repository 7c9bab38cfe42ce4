"""GraphQL of the ledger: accounts, journal entries, periods, exchange rates, trial balance."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from backoffice import sdk

from . import services
from .tables import Account as AccountTable
from .tables import JournalEntry as EntryTable
from .tables import JournalLine as LineTable


async def load_accounts(keys: list[int]) -> list[dict[str, Any] | None]:
    return await sdk.rows_by_id(AccountTable, keys)


async def load_lines(keys: list[int]) -> list[list[dict[str, Any]]]:
    return await sdk.rows_grouped_by(LineTable, LineTable.entry_id, keys, order_by=LineTable.id)


@strawberry.type
class Account:
    id: strawberry.ID
    code: str
    name: str
    kind: str
    active: bool
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> Account:
        name = r["name_id"] if sdk.get_locale() == "id" and r["name_id"] else r["name"]
        return cls(id=sdk.encode_id("Account", r["id"]), code=r["code"], name=name, kind=r["kind"],
                   active=r["active"], _row=r)

    @strawberry.field
    async def parent(self, info: sdk.Info) -> Account | None:
        pk = self._row["parent_id"]
        row = await sdk.loader(info, load_accounts).load(pk) if pk else None
        return Account.of(row) if row else None


@strawberry.type
class JournalLine:
    description: str
    debit: Decimal
    credit: Decimal
    base_debit: Decimal
    base_credit: Decimal
    _account_id: strawberry.Private[int]

    @strawberry.field
    async def account(self, info: sdk.Info) -> Account | None:
        row = await sdk.loader(info, load_accounts).load(self._account_id)
        return Account.of(row) if row else None


@strawberry.type
class JournalEntry:
    id: strawberry.ID
    number: str
    entry_date: date
    memo: str
    currency: str
    exchange_rate: Decimal
    source: str
    posted_at: datetime
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> JournalEntry:
        return cls(id=sdk.encode_id("JournalEntry", r["id"]), number=r["number"], entry_date=r["entry_date"],
                   memo=r["memo"], currency=r["currency"], exchange_rate=Decimal(r["exchange_rate"]),
                   source=r["source"], posted_at=r["posted_at"], _row=r)

    @strawberry.field
    def reversed_by(self) -> strawberry.ID | None:
        pk = self._row["reversed_by"]
        return sdk.encode_id("JournalEntry", pk) if pk else None

    @strawberry.field
    async def lines(self, info: sdk.Info) -> list[JournalLine]:
        rows = await sdk.loader(info, load_lines).load(self._row["id"])
        return [JournalLine(description=r["description"], debit=Decimal(r["debit"]), credit=Decimal(r["credit"]),
                            base_debit=Decimal(r["base_debit"]), base_credit=Decimal(r["base_credit"]),
                            _account_id=r["account_id"]) for r in rows]


@strawberry.type
class TrialBalanceLine:
    account: Account
    debit: Decimal
    credit: Decimal
    balance: Decimal = strawberry.field(description="Debit less credit.")


@strawberry.type
class TrialBalance:
    as_of: date
    lines: list[TrialBalanceLine]
    total_debit: Decimal
    total_credit: Decimal


@strawberry.input
class AccountInput:
    code: str
    name: str
    kind: str
    name_id: str = ""
    parent_id: strawberry.ID | None = None


@strawberry.input
class JournalLineInput:
    account_id: strawberry.ID
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)
    description: str = ""


@strawberry.input
class PostJournalEntryInput:
    entry_date: date
    lines: list[JournalLineInput]
    memo: str = ""
    currency: str | None = None
    idempotency_key: str | None = strawberry.field(
        default=None, description="Send the same key again and the first entry comes back; nothing posts twice.")


@strawberry.input
class ReverseJournalEntryInput:
    id: strawberry.ID
    entry_date: date


@strawberry.input
class PeriodInput:
    year: int
    month: int


@strawberry.input
class ExchangeRateInput:
    currency: str
    valid_from: date
    rate: Decimal


@strawberry.type
class AccountPayload(sdk.Payload):
    account: Account | None = None


@strawberry.type
class JournalEntryPayload(sdk.Payload):
    journal_entry: JournalEntry | None = None
    created: bool = False


@strawberry.type
class PeriodPayload(sdk.Payload):
    year: int | None = None
    month: int | None = None
    closed: bool | None = None


@strawberry.type
class OkPayload(sdk.Payload):
    ok: bool = False


@strawberry.type
class LedgerQuery:
    @sdk.field("finance.account.read", description="The chart of accounts.")
    async def accounts(self, first: int | None = 100, after: str | None = None,
                       kind: str | None = None) -> sdk.Connection[Account]:
        where = AccountTable.kind == kind if kind else None
        return await sdk.paginate(AccountTable, node=Account.of, first=first, after=after, where=where,
                                  order_by=AccountTable.code)

    @sdk.field("finance.journal.read")
    async def journal_entries(self, first: int | None = 20, after: str | None = None,
                              date_from: date | None = None, date_to: date | None = None,
                              from_source: Annotated[str | None, strawberry.argument(name="source")] = None,
                              ) -> sdk.Connection[JournalEntry]:
        clauses = []
        if date_from:
            clauses.append(EntryTable.entry_date >= date_from)
        if date_to:
            clauses.append(EntryTable.entry_date <= date_to)
        if from_source:
            clauses.append(EntryTable.source == from_source)
        where = sdk.all_of(*clauses)
        return await sdk.paginate(EntryTable, node=JournalEntry.of, first=first, after=after, where=where,
                                  descending=True)

    @sdk.field("finance.journal.read")
    async def journal_entry(self, id: strawberry.ID) -> JournalEntry:
        return JournalEntry.of(await services.get_entry(sdk.decode_id(id, "JournalEntry")))

    @sdk.field("finance.report.read", description="Debits and credits per account up to a date.")
    async def trial_balance(self, as_of: date) -> TrialBalance:
        rows = await services.trial_balance(as_of)
        lines = [TrialBalanceLine(account=Account.of(r["account"]), debit=r["debit"], credit=r["credit"],
                                  balance=r["debit"] - r["credit"]) for r in rows]
        return TrialBalance(as_of=as_of, lines=lines, total_debit=sum((x.debit for x in lines), Decimal(0)),
                            total_credit=sum((x.credit for x in lines), Decimal(0)))


@strawberry.type
class LedgerMutation:
    @sdk.mutation("finance.account.manage")
    async def create_account(self, input: AccountInput) -> AccountPayload:
        pk = await services.create_account(input.code, input.name, input.name_id, input.kind,
                                           sdk.decode_id(input.parent_id, "Account") if input.parent_id else None)
        return AccountPayload(account=Account.of(await services.get_account(pk)))

    @sdk.mutation("finance.journal.post", description="Post a balanced entry into an open month.")
    async def post_journal_entry(self, info: sdk.Info, input: PostJournalEntryInput) -> JournalEntryPayload:
        lines = [services.Line(account_id=sdk.decode_id(line.account_id, "Account"), debit=line.debit,
                               credit=line.credit, description=line.description) for line in input.lines]
        pk, created = await services.post(entry_date=input.entry_date, memo=input.memo, lines=lines,
                                          currency=input.currency, idempotency_key=input.idempotency_key,
                                          user_id=info.context.actor.user_id)
        return JournalEntryPayload(journal_entry=JournalEntry.of(await services.get_entry(pk)), created=created)

    @sdk.mutation("finance.journal.post", description="Post the mirror entry; the original stays as it was.")
    async def reverse_journal_entry(self, info: sdk.Info, input: ReverseJournalEntryInput) -> JournalEntryPayload:
        pk = await services.reverse(sdk.decode_id(input.id, "JournalEntry"), input.entry_date,
                                    info.context.actor.user_id)
        return JournalEntryPayload(journal_entry=JournalEntry.of(await services.get_entry(pk)), created=True)

    @sdk.mutation("finance.period.manage")
    async def close_period(self, info: sdk.Info, input: PeriodInput) -> PeriodPayload:
        await services.close_period(input.year, input.month, info.context.actor.user_id)
        return PeriodPayload(year=input.year, month=input.month, closed=True)

    @sdk.mutation("finance.period.manage")
    async def reopen_period(self, input: PeriodInput) -> PeriodPayload:
        await services.reopen_period(input.year, input.month)
        return PeriodPayload(year=input.year, month=input.month, closed=False)

    @sdk.mutation("finance.account.manage")
    async def set_exchange_rate(self, input: ExchangeRateInput) -> OkPayload:
        await services.set_rate(input.currency, input.valid_from, input.rate)
        return OkPayload(ok=True)


MAPPINGS = ("payroll.salary_expense", "payroll.bpjs_expense", "payroll.salaries_payable", "payroll.pph21_payable",
            "payroll.bpjs_payable", "sales.receivables", "sales.sales", "sales.ppn_output", "sales.advances",
            "purchases.payables", "purchases.ppn_input", "purchases.reimbursements", "travel.expense",
            "travel.advances", "travel.reimbursements", "stock.inventory", "stock.goods_received",
            "stock.cost_of_goods", "stock.supplies_expense", "stock.inventory_gain", "stock.inventory_loss")


@strawberry.type
class FinanceSettings:
    base_currency: str
    fiscal_year_start_month: int
    company_name: str
    account_mappings: list[AccountMapping]


@strawberry.type
class AccountMapping:
    key: str
    account_code: str


@strawberry.input
class FinanceSettingsInput:
    base_currency: str | None = None
    fiscal_year_start_month: int | None = None
    company_name: str | None = None


@strawberry.input
class AccountMappingInput:
    key: str
    account_code: str


@strawberry.type
class FinanceSettingsPayload(sdk.Payload):
    settings: FinanceSettings | None = None


async def _settings() -> FinanceSettings:
    from .chart import PAYROLL_ACCOUNTS, STOCK_ACCOUNTS

    defaults = {**{f"payroll.{k}": v for k, v in PAYROLL_ACCOUNTS.items()},
                **{f"stock.{k}": v for k, v in STOCK_ACCOUNTS.items()},
                "sales.receivables": "1200", "sales.sales": "4100", "sales.ppn_output": "2320", "sales.advances": "2150",
                "purchases.payables": "2100", "purchases.ppn_input": "1400", "purchases.reimbursements": "2210",
                "travel.expense": "6400", "travel.advances": "1250", "travel.reimbursements": "2210"}
    return FinanceSettings(
        base_currency=await services.base_currency(),
        fiscal_year_start_month=int(await services.setting("fiscal_year_start_month", "1")),
        company_name=await services.setting("company_name", ""),
        account_mappings=[AccountMapping(key=k, account_code=await services.setting(k, defaults[k])) for k in MAPPINGS])


@strawberry.type
class SettingsQuery:
    @sdk.field("finance.account.read")
    async def finance_settings(self) -> FinanceSettings:
        return await _settings()


@strawberry.type
class SettingsMutation:
    @sdk.mutation("finance.account.manage", description="Base currency (only before anything is posted), "
                                                         "fiscal year and the name on documents.")
    async def update_finance_settings(self, input: FinanceSettingsInput) -> FinanceSettingsPayload:
        if input.base_currency is not None:
            code = input.base_currency.strip().upper()
            if len(code) != 3 or not code.isalpha():
                raise sdk.BadUserInput(("Use a three-letter currency code.", "Gunakan kode mata uang tiga huruf."),
                                       field="baseCurrency")
            if code != await services.base_currency() and await EntryTable.exists():
                raise sdk.Conflict(("The base currency cannot change once entries are posted.",
                                    "Mata uang dasar tidak dapat diubah setelah ada jurnal."), field="baseCurrency")
            await services.set_setting("base_currency", code)
        if input.fiscal_year_start_month is not None:
            if not 1 <= input.fiscal_year_start_month <= 12:
                raise sdk.BadUserInput(("A month is 1 to 12.", "Bulan adalah 1 sampai 12."), field="fiscalYearStartMonth")
            await services.set_setting("fiscal_year_start_month", str(input.fiscal_year_start_month))
        if input.company_name is not None:
            await services.set_setting("company_name", input.company_name.strip()[:200])
        return FinanceSettingsPayload(settings=await _settings())

    @sdk.mutation("finance.account.manage", description="Which account an automatic posting uses.")
    async def set_account_mapping(self, input: AccountMappingInput) -> FinanceSettingsPayload:
        if input.key not in MAPPINGS:
            raise sdk.BadUserInput((f"Choose one of: {', '.join(MAPPINGS)}.", f"Pilih salah satu: {', '.join(MAPPINGS)}."),
                                   field="key")
        await services.account_by_code(input.account_code)
        await services.set_setting(input.key, input.account_code)
        return FinanceSettingsPayload(settings=await _settings())

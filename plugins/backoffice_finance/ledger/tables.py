from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

AMOUNT = (20, 2)
RATE = (20, 8)


class Account(TenantTable, tablename="finance_accounts"):
    code = Varchar(length=20)
    name = Varchar(length=200)
    name_id = Varchar(length=200, default="")
    kind = Varchar(length=16)  # asset | liability | equity | income | expense
    parent_id = BigInt(null=True, default=None)
    active = Boolean(default=True)


class Period(TenantTable, tablename="finance_periods"):
    """A closed month; months without a row are open."""

    year = Integer()
    month = Integer()
    closed_at = Timestamptz(default=TimestamptzNow())
    closed_by = BigInt(null=True, default=None)


class ExchangeRate(TenantTable, tablename="finance_exchange_rates"):
    """How many units of the base currency one unit of ``currency`` buys from ``valid_from``."""

    currency = Varchar(length=3)
    valid_from = Date()
    rate = Numeric(digits=RATE)


class JournalEntry(TenantTable, tablename="finance_journal_entries"):
    number = Varchar(length=32)
    entry_date = Date()
    memo = Text(default="")
    currency = Varchar(length=3)
    exchange_rate = Numeric(digits=RATE, default=Decimal(1))
    source = Varchar(length=64, default="manual")
    idempotency_key = Varchar(length=200, null=True, default=None)
    reversal_of = BigInt(null=True, default=None)
    reversed_by = BigInt(null=True, default=None)
    posted_by = BigInt(null=True, default=None)
    posted_at = Timestamptz(default=TimestamptzNow())


class JournalLine(TenantTable, tablename="finance_journal_lines"):
    entry_id = BigInt()
    account_id = BigInt()
    description = Text(default="")
    debit = Numeric(digits=AMOUNT, default=Decimal(0))
    credit = Numeric(digits=AMOUNT, default=Decimal(0))
    base_debit = Numeric(digits=AMOUNT, default=Decimal(0))
    base_credit = Numeric(digits=AMOUNT, default=Decimal(0))
    entry_date = Date()  # copied from the entry: ledgers and reports read lines by date


class EntryCounter(TenantTable, tablename="finance_entry_counters"):
    """Gap-free entry numbers per year: taken under a row lock in the posting transaction."""

    year = Integer()
    last = Integer(default=0)


class FinanceSetting(TenantTable, tablename="finance_settings"):
    key = Varchar(length=64)
    value = Varchar(length=200)

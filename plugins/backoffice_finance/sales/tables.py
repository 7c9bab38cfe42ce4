from decimal import Decimal

from piccolo.columns import BigInt, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

AMOUNT = (20, 2)


class Customer(TenantTable, tablename="finance_customers"):
    name = Varchar(length=200)
    email = Varchar(length=254, default="")
    tax_id = Varchar(length=32, default="")  # NPWP, or NIK for individuals
    address = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class TaxRate(TenantTable, tablename="finance_tax_rates"):
    """A tax (``PPN``) from ``valid_from``: ``rate`` applied to ``base_fraction`` of the price
    (PMK 131/2024: 12% of a base of 11/12 of the price for ordinary supplies from 2025)."""

    code = Varchar(length=16)
    name = Varchar(length=100)
    rate = Numeric(digits=(7, 4))
    base_numerator = Integer(default=1)
    base_denominator = Integer(default=1)
    valid_from = Date()


class Invoice(TenantTable, tablename="finance_invoices"):
    customer_id = BigInt()
    number = Varchar(length=32, null=True, default=None)  # given at issue, gap-free per year
    issue_date = Date(null=True, default=None)
    due_date = Date(null=True, default=None)
    status = Varchar(length=16, default="draft")  # draft|issued|partly_paid|paid|void
    currency = Varchar(length=3, default="IDR")
    subtotal = Numeric(digits=AMOUNT, default=Decimal(0))
    tax_total = Numeric(digits=AMOUNT, default=Decimal(0))
    total = Numeric(digits=AMOUNT, default=Decimal(0))
    amount_paid = Numeric(digits=AMOUNT, default=Decimal(0))
    journal_entry_id = BigInt(null=True, default=None)
    notes = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class InvoiceLine(TenantTable, tablename="finance_invoice_lines"):
    invoice_id = BigInt()
    description = Varchar(length=300)
    quantity = Numeric(digits=(14, 3))
    unit_price = Numeric(digits=AMOUNT)
    tax_code = Varchar(length=16, default="")
    amount = Numeric(digits=AMOUNT)
    tax_amount = Numeric(digits=AMOUNT, default=Decimal(0))


class InvoicePayment(TenantTable, tablename="finance_invoice_payments"):
    invoice_id = BigInt()
    paid_on = Date()
    amount = Numeric(digits=AMOUNT)
    account_id = BigInt()  # the bank or cash account that received it
    journal_entry_id = BigInt(null=True, default=None)
    idempotency_key = Varchar(length=200, null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class DocumentCounter(TenantTable, tablename="finance_document_counters"):
    kind = Varchar(length=16)
    year = Integer()
    last = Integer(default=0)


class Product(TenantTable, tablename="finance_products"):
    code = Varchar(length=32)
    name = Varchar(length=200)
    unit_price = Numeric(digits=AMOUNT)
    tax_code = Varchar(length=16, default="PPN")
    active = Integer(default=1)

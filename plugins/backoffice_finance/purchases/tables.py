from decimal import Decimal

from piccolo.columns import BigInt, Bytea, Date, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

AMOUNT = (20, 2)


class Supplier(TenantTable, tablename="finance_suppliers"):
    name = Varchar(length=200)
    tax_id = Varchar(length=32, default="")
    bank_account = Varchar(length=64, default="")


class Bill(TenantTable, tablename="finance_bills"):
    supplier_id = BigInt()
    reference = Varchar(length=64, default="")  # the supplier's invoice number
    bill_date = Date()
    due_date = Date()
    status = Varchar(length=16, default="posted")  # posted | partly_paid | paid | void
    subtotal = Numeric(digits=AMOUNT)
    tax_total = Numeric(digits=AMOUNT, default=Decimal(0))
    total = Numeric(digits=AMOUNT)
    amount_paid = Numeric(digits=AMOUNT, default=Decimal(0))
    journal_entry_id = BigInt(null=True, default=None)
    idempotency_key = Varchar(length=200, null=True, default=None)


class BillLine(TenantTable, tablename="finance_bill_lines"):
    bill_id = BigInt()
    description = Varchar(length=300)
    account_id = BigInt()  # the expense or asset account
    amount = Numeric(digits=AMOUNT)
    tax_amount = Numeric(digits=AMOUNT, default=Decimal(0))


class ExpenseClaim(TenantTable, tablename="finance_expense_claims"):
    claimant_user_id = BigInt()
    description = Text()
    expense_date = Date()
    amount = Numeric(digits=AMOUNT)
    account_id = BigInt()
    status = Varchar(length=16, default="submitted")  # submitted|approved|rejected|paid
    decided_by = BigInt(null=True, default=None)
    decision_note = Text(default="")
    journal_entry_id = BigInt(null=True, default=None)
    submitted_at = Timestamptz(default=TimestamptzNow())
    receipt_name = Varchar(length=200, default="")
    receipt_type = Varchar(length=100, default="")
    receipt = Bytea(null=True, default=None)

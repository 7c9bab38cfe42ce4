from piccolo.columns import BigInt, Date, Numeric, Varchar

from backoffice.sdk import TenantTable


class BankStatementLine(TenantTable, tablename="finance_bank_lines"):
    account_id = BigInt()  # the bank account in the ledger
    line_date = Date()
    description = Varchar(length=300)
    reference = Varchar(length=100, default="")
    amount = Numeric(digits=(20, 2))  # money in is positive, money out negative
    fingerprint = Varchar(length=64)  # the same line imported twice is recognised
    matched_entry_id = BigInt(null=True, default=None)

from piccolo.columns import BigInt, Integer, Numeric

from backoffice.sdk import TenantTable


class Budget(TenantTable, tablename="finance_budgets"):
    account_id = BigInt()
    year = Integer()
    month = Integer()
    amount = Numeric(digits=(20, 2))

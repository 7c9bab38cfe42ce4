from piccolo.columns import BigInt, Date, Integer, Numeric, Varchar

from backoffice.sdk import TenantTable


class Budget(TenantTable, tablename="finance_budgets"):
    account_id = BigInt()
    year = Integer()
    month = Integer()
    amount = Numeric(digits=(20, 2))


class RecurringItem(TenantTable, tablename="finance_recurring_items"):
    """Money that comes or goes on a schedule (rent, salaries, a retainer), for the forecast."""

    description = Varchar(length=200)
    amount = Numeric(digits=(20, 2))  # money in positive, money out negative
    every = Varchar(length=8)  # week | month
    next_date = Date()

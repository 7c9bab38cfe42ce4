from decimal import Decimal

from piccolo.columns import BigInt, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class ReviewCycle(TenantTable, tablename="hr_review_cycles"):
    name = Varchar(length=200)
    starts_on = Date()
    ends_on = Date()
    status = Varchar(length=16, default="open")  # open | closed


class Goal(TenantTable, tablename="hr_goals"):
    cycle_id = BigInt()
    employee_id = BigInt()
    title = Varchar(length=300)
    weight = Numeric(digits=(5, 2), default=Decimal(0))


class Review(TenantTable, tablename="hr_reviews"):
    cycle_id = BigInt()
    employee_id = BigInt()
    kind = Varchar(length=8)  # self | manager
    reviewer_user_id = BigInt(null=True, default=None)
    rating = Integer()
    comments = Text(default="")
    submitted_at = Timestamptz(default=TimestamptzNow())

from piccolo.columns import BigInt, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Policy(TenantTable, tablename="hr_policies"):
    title = Varchar(length=200)
    category = Varchar(length=64, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class PolicyVersion(TenantTable, tablename="hr_policy_versions"):
    policy_id = BigInt()
    version = Integer()
    body = Text()
    effective_from = Date()
    published_at = Timestamptz(default=TimestamptzNow())


class PolicyAcknowledgement(TenantTable, tablename="hr_policy_acknowledgements"):
    version_id = BigInt()
    employee_id = BigInt()
    acknowledged_at = Timestamptz(default=TimestamptzNow())

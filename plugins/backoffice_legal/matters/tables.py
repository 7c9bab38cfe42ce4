from piccolo.columns import BigInt, Date, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Matter(TenantTable, tablename="legal_matters"):
    title = Varchar(length=200)
    kind = Varchar(length=16)  # dispute | case | advice
    counterparty = Varchar(length=200, default="")
    counsel = Varchar(length=200, default="")
    description = Text(default="")
    status = Varchar(length=16, default="open")  # open | closed
    deadline = Date(null=True, default=None)
    requester_user_id = BigInt(null=True, default=None)
    answer = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())

"""Comments, keyed by the global id of the record they are about (tenant data)."""

from piccolo.columns import JSON, BigInt, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class Comment(TenantTable, tablename="comments"):
    record_id = Varchar(length=200)
    # The record's global-id type ("Employee"): which module's rules apply to it.
    record_type = Varchar(length=100)
    author_user_id = BigInt()
    body = Text()
    # Ids of the members mentioned, as resolved when the comment was written.
    mentions = JSON(default=[])
    created_at = Timestamptz(default=TimestamptzNow())

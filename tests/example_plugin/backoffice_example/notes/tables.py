"""The notes table (tenant data: the SDK's base table scopes every query to the tenant)."""

from piccolo.columns import Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class ExampleNote(TenantTable, tablename="example_notes"):
    title = Varchar(length=200)
    body = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())

"""The notes table (tenant data: the SDK's base table scopes every query to the tenant)."""

from piccolo.columns import BigInt, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class ExampleNote(TenantTable, tablename="example_notes"):
    title = Varchar(length=200)
    body = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    # A note may be sent for approval before the team relies on it (the approvals inbox).
    status = Varchar(length=16, default="published")  # published | pending | rejected
    submitted_by = BigInt(null=True, default=None)
    decision_reason = Text(default="")

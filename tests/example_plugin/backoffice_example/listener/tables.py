"""Receipts of created notes (one per event: a unique index on the event id backs that)."""

from piccolo.columns import BigInt, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class ExampleReceipt(TenantTable, tablename="example_receipts"):
    event_id = BigInt()
    note_title = Varchar(length=200)
    created_at = Timestamptz(default=TimestamptzNow())

from piccolo.columns import BigInt, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class StockIssue(TenantTable, tablename="logistics_stock_issues"):
    """A document taking goods out of stock: a draft until logistics posts it (each line then
    posts an issue move), or cancelled. Drafts never touch stock."""

    status = Varchar(length=16, default="draft")  # draft | posted | cancelled
    from_location_id = BigInt(null=True, default=None)
    issue_date = Date()
    reference = Varchar(length=100, default="")  # e.g. the supply request's number
    source = Varchar(length=32, default="manual")  # manual | ga.supply_request
    source_key = Varchar(length=200, null=True, default=None)  # one document per source record
    requested_by = BigInt(null=True, default=None)
    note = Text(default="")
    created_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    posted_by = BigInt(null=True, default=None)
    posted_at = Timestamptz(null=True, default=None)


class StockIssueLine(TenantTable, tablename="logistics_stock_issue_lines"):
    issue_id = BigInt()
    position = Integer(default=0)
    item_id = BigInt()
    quantity = Numeric(digits=(18, 3))
    move_id = BigInt(null=True, default=None)  # set when posted

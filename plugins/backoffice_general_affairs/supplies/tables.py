from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class SupplyItem(TenantTable, tablename="ga_supply_items"):
    """An office supply members may ask for; its SKU is the item's SKU in the stock room."""

    sku = Varchar(length=64)  # unique per company
    name = Varchar(length=200)
    unit = Varchar(length=16, default="pcs")
    active = Boolean(default=True)


class SupplyRequest(TenantTable, tablename="ga_supply_requests"):
    number = Integer()  # per company: SR-00001
    requested_by = BigInt(null=True, default=None)  # none only for requests entered without a member (demo data)
    note = Text(default="")
    status = Varchar(length=16, default="submitted")  # submitted | approved | rejected | cancelled
    decided_by = BigInt(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decision_reason = Text(default="")
    approved_on = Date(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class SupplyRequestLine(TenantTable, tablename="ga_supply_request_lines"):
    supply_request_id = BigInt()
    sku = Varchar(length=64)
    name = Varchar(length=200, default="")  # the catalogue's name when asked
    unit = Varchar(length=16, default="pcs")
    quantity = Numeric(digits=(18, 3), default=Decimal(0))
    note = Varchar(length=200, default="")

from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Numeric, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

QTY = (18, 3)
MONEY = (20, 2)


class Item(TenantTable, tablename="logistics_items"):
    sku = Varchar(length=64)
    name = Varchar(length=200)
    unit = Varchar(length=16, default="pcs")
    barcode = Varchar(length=64, default="")
    reorder_point = Numeric(digits=QTY, default=Decimal(0))
    average_cost = Numeric(digits=(20, 4), default=Decimal(0))
    active = Boolean(default=True)


class Warehouse(TenantTable, tablename="logistics_warehouses"):
    code = Varchar(length=16)
    name = Varchar(length=200)


class Location(TenantTable, tablename="logistics_locations"):
    warehouse_id = BigInt()
    code = Varchar(length=32)  # e.g. A-01-02


class StockMove(TenantTable, tablename="logistics_stock_moves"):
    """A document moving stock: receipt (in), issue (out), transfer (between locations) or
    adjustment (a count's correction, either way). Posted once; never edited."""

    kind = Varchar(length=16)
    item_id = BigInt()
    quantity = Numeric(digits=QTY)
    from_location_id = BigInt(null=True, default=None)
    to_location_id = BigInt(null=True, default=None)
    unit_cost = Numeric(digits=(20, 4), default=Decimal(0))
    value = Numeric(digits=MONEY, default=Decimal(0))
    move_date = Date()
    reference = Varchar(length=100, default="")
    # Where the value goes in finance: purchase | return (receipts), sale | internal_use (issues).
    purpose = Varchar(length=16, default="")
    idempotency_key = Varchar(length=200, null=True, default=None)
    posted_at = Timestamptz(default=TimestamptzNow())


class StockLevel(TenantTable, tablename="logistics_stock_levels"):
    """On hand per item and location: the sum of posted moves, kept with each post (and
    locked while a move posts, so concurrent moves stay exact)."""

    item_id = BigInt()
    location_id = BigInt()
    quantity = Numeric(digits=QTY, default=Decimal(0))


class LogisticsSetting(TenantTable, tablename="logistics_settings"):
    """Per-company switches: ``allow_negative`` ("1" or "0") and ``default_location`` (the id of
    the location that stock issue documents take from when nothing else is said)."""

    key = Varchar(length=64)
    value = Varchar(length=200)

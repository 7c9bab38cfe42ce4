from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable

QTY = (18, 3)
COST = (20, 4)


class ExpectedDelivery(TenantTable, tablename="logistics_expected_deliveries"):
    """A delivery a supplier is expected to make (a purchase order, seen from the warehouse)."""

    supplier_name = Varchar(length=200)
    reference = Varchar(length=64)
    expected_date = Date()
    currency = Varchar(length=3, default="IDR")
    status = Varchar(length=24, default="open")  # open | partially_received | received | cancelled
    note = Text(default="")
    created_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    cancelled_at = Timestamptz(null=True, default=None)


class ExpectedDeliveryLine(TenantTable, tablename="logistics_expected_delivery_lines"):
    delivery_id = BigInt()
    position = Integer(default=0)
    item_id = BigInt()
    quantity_expected = Numeric(digits=QTY)
    quantity_received = Numeric(digits=QTY, default=Decimal(0))
    unit_cost = Numeric(digits=COST, default=Decimal(0))  # in the delivery's currency
    allow_over_receipt = Boolean(default=False)


class PurchaseReceipt(TenantTable, tablename="logistics_purchase_receipts"):
    """Goods received against an expected delivery, into one location, on one day."""

    delivery_id = BigInt()
    location_id = BigInt()
    received_on = Date()
    reference = Varchar(length=64, default="")  # the supplier's delivery note, say
    exchange_rate = Numeric(digits=(20, 8), default=Decimal(1))  # to the stock currency
    note = Text(default="")
    idempotency_key = Varchar(length=200, null=True, default=None)
    received_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class PurchaseReceiptLine(TenantTable, tablename="logistics_purchase_receipt_lines"):
    receipt_id = BigInt()
    delivery_line_id = BigInt()
    item_id = BigInt()
    quantity = Numeric(digits=QTY)
    unit_cost = Numeric(digits=COST, default=Decimal(0))  # in the stock currency
    move_id = BigInt()

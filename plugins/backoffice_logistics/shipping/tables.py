from decimal import Decimal

from piccolo.columns import BigInt, Integer, Numeric, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Shipment(TenantTable, tablename="logistics_shipments"):
    reference = Varchar(length=64)
    destination = Varchar(length=300)
    carrier = Varchar(length=100, default="")
    tracking_number = Varchar(length=100, default="")
    packages = Integer(default=1)
    status = Varchar(length=16, default="planned")  # planned | picked | shipped | delivered | returned
    received_by = Varchar(length=200, default="")
    delivered_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ShipmentLine(TenantTable, tablename="logistics_shipment_lines"):
    shipment_id = BigInt()
    item_id = BigInt()
    quantity = Numeric(digits=(18, 3), default=Decimal(0))
    from_location_id = BigInt()

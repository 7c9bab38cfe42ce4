from decimal import Decimal

from piccolo.columns import BigInt, Date, Integer, Numeric, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Asset(TenantTable, tablename="it_assets"):
    tag = Varchar(length=32)  # the label on the device (and in its QR code)
    kind = Varchar(length=16)  # laptop | phone | network | server | other
    name = Varchar(length=200)
    serial_number = Varchar(length=100, default="")
    purchase_date = Date(null=True, default=None)
    purchase_price = Numeric(digits=(20, 2), default=Decimal(0))
    warranty_end = Date(null=True, default=None)
    location = Varchar(length=200, default="")
    status = Varchar(length=16, default="in_stock")  # in_stock | assigned | repair | retired
    assigned_user_id = BigInt(null=True, default=None)
    reminded_for = Date(null=True, default=None)


class AssetAssignment(TenantTable, tablename="it_asset_assignments"):
    asset_id = BigInt()
    user_id = BigInt()
    assigned_at = Timestamptz(default=TimestamptzNow())
    returned_at = Timestamptz(null=True, default=None)


class License(TenantTable, tablename="it_licenses"):
    product = Varchar(length=200)
    vendor = Varchar(length=200, default="")
    seats = Integer()
    renewal_date = Date(null=True, default=None)
    reminded_for = Date(null=True, default=None)


class LicenseSeat(TenantTable, tablename="it_license_seats"):
    license_id = BigInt()
    user_id = BigInt()
    assigned_at = Timestamptz(default=TimestamptzNow())

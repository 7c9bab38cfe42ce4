from piccolo.columns import BigInt, Date, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class OfficeAsset(TenantTable, tablename="ga_office_assets"):
    """A piece of office furniture or equipment, where it stands and who looks after it."""

    tag = Varchar(length=32)  # unique per company, e.g. FUR-0012
    name = Varchar(length=200)
    category = Varchar(length=16)  # furniture | equipment
    status = Varchar(length=16, default="in_use")  # in_use | in_storage | under_repair | disposed
    building_id = BigInt(null=True, default=None)
    floor_id = BigInt(null=True, default=None)
    room_id = BigInt(null=True, default=None)
    custodian_user_id = BigInt(null=True, default=None)
    purchase_date = Date(null=True, default=None)
    purchase_cost = Numeric(digits=(20, 2), null=True, default=None)
    notes = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())

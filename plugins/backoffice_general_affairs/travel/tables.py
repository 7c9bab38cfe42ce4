from decimal import Decimal

from piccolo.columns import BigInt, Date, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class TravelRequest(TenantTable, tablename="ga_travel_requests"):
    traveller_user_id = BigInt()
    destination = Varchar(length=200)
    purpose = Text(default="")
    departs_on = Date()
    returns_on = Date()
    estimated_cost = Numeric(digits=(20, 2), default=Decimal(0))
    advance = Numeric(digits=(20, 2), default=Decimal(0))
    status = Varchar(length=16, default="submitted")  # submitted | approved | rejected | settled
    decided_by = BigInt(null=True, default=None)
    actual_cost = Numeric(digits=(20, 2), null=True, default=None)
    bookings = Text(default="")  # tickets and hotel, as recorded
    created_at = Timestamptz(default=TimestamptzNow())

from decimal import Decimal

from piccolo.columns import JSON, BigInt, Date, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class TravelRequest(TenantTable, tablename="ga_travel_requests"):
    traveller_user_id = BigInt()
    destination = Varchar(length=200)  # every stop, in order, joined: "Surabaya, Malang"
    destinations = JSON(default=[])  # the stops as a list
    purpose = Text(default="")
    departs_on = Date()
    returns_on = Date()
    estimated_cost = Numeric(digits=(20, 2), default=Decimal(0))
    advance = Numeric(digits=(20, 2), default=Decimal(0))
    status = Varchar(length=16, default="submitted")  # submitted | approved | rejected | cancelled | settled
    decided_by = BigInt(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decision_note = Text(default="")
    actual_cost = Numeric(digits=(20, 2), null=True, default=None)
    settled_on = Date(null=True, default=None)
    bookings = Text(default="")  # notes recorded at settlement
    created_at = Timestamptz(default=TimestamptzNow())


class TravelBooking(TenantTable, tablename="ga_travel_bookings"):
    """A ticket, room or car booked for a trip."""

    travel_request_id = BigInt()
    kind = Varchar(length=8)  # flight | hotel | train | car | other
    vendor = Varchar(length=200, default="")
    reference = Varchar(length=100, default="")  # booking code, PNR
    starts_on = Date()
    ends_on = Date(null=True, default=None)
    cost = Numeric(digits=(20, 2), default=Decimal(0))
    currency = Varchar(length=3, default="IDR")
    note = Varchar(length=300, default="")
    created_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())

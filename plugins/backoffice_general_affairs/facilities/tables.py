from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Resource(TenantTable, tablename="ga_resources"):
    """A bookable thing: a room (with capacity and equipment) or a vehicle (with its plate)."""

    kind = Varchar(length=8)  # room | vehicle
    name = Varchar(length=200)
    building = Varchar(length=100, default="")
    floor = Varchar(length=20, default="")
    capacity = Integer(default=0)
    equipment = Text(default="")
    plate = Varchar(length=20, default="")


class Booking(TenantTable, tablename="ga_bookings"):
    resource_id = BigInt()
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    purpose = Varchar(length=200, default="")
    booked_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())

from piccolo.columns import BigInt, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Building(TenantTable, tablename="ga_buildings"):
    """An office building or site of the company."""

    code = Varchar(length=16)  # unique per company
    name = Varchar(length=200)
    address = Text(default="")
    active = Boolean(default=True)


class Floor(TenantTable, tablename="ga_floors"):
    """A floor of a building; rooms sit on floors."""

    building_id = BigInt()
    name = Varchar(length=50)  # e.g. "Lantai 3", "Mezzanine"
    level = Integer(default=0)  # for ordering: basement -1, ground 0, first 1 ...


class Resource(TenantTable, tablename="ga_resources"):
    """A bookable thing: a room (on a floor, with capacity and equipment) or a vehicle (with
    its plate)."""

    kind = Varchar(length=8)  # room | vehicle
    name = Varchar(length=200)
    floor_id = BigInt(null=True, default=None)
    capacity = Integer(default=0)
    equipment = Text(default="")  # a JSON list of strings (older rows: free text, comma separated)
    plate = Varchar(length=20, default="")
    active = Boolean(default=True)


class Booking(TenantTable, tablename="ga_bookings"):
    resource_id = BigInt()
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    purpose = Varchar(length=200, default="")
    booked_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())

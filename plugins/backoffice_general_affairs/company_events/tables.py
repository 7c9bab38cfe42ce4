from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class CompanyEvent(TenantTable, tablename="ga_company_events"):
    """A company event (town hall, outing, anniversary); its venue in the office is a room
    booking, so it never clashes with other bookings of that room."""

    name = Varchar(length=200)
    description = Text(default="")
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    room_id = BigInt(null=True, default=None)
    booking_id = BigInt(null=True, default=None)
    venue = Varchar(length=300, default="")  # a place outside the office, or directions
    budget = Numeric(digits=(20, 2), default=Decimal(0))
    currency = Varchar(length=3, default="IDR")
    status = Varchar(length=16, default="planned")  # planned | cancelled
    organiser_user_id = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class EventParticipant(TenantTable, tablename="ga_event_participants"):
    company_event_id = BigInt()
    user_id = BigInt()
    rsvp = Varchar(length=12, default="pending")  # pending | accepted | declined | tentative
    responded_at = Timestamptz(null=True, default=None)


class EventTask(TenantTable, tablename="ga_event_tasks"):
    company_event_id = BigInt()
    title = Varchar(length=200)
    owner_user_id = BigInt(null=True, default=None)
    due_on = Date(null=True, default=None)
    done = Boolean(default=False)
    done_at = Timestamptz(null=True, default=None)

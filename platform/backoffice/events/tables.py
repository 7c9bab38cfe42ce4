"""The outbox (events written with the change that caused them) and their deliveries."""

from piccolo.columns import JSON, BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class OutboxEvent(TenantTable, tablename="outbox_events"):
    event_type = Varchar(length=100)
    payload = JSON(default={})
    created_at = Timestamptz(default=TimestamptzNow())
    dispatched_at = Timestamptz(null=True, default=None)
    attempts = Integer(default=0)
    last_error = Text(default="")
    # When a failed delivery is tried again (exponential backoff); null means "now".
    retry_at = Timestamptz(null=True, default=None)


class EventDelivery(TenantTable, tablename="event_deliveries"):
    """One handler's successful run for one event: makes redelivery skip it."""

    event_id = BigInt(index=True)
    handler = Varchar(length=200)
    delivered_at = Timestamptz(default=TimestamptzNow())

"""Notifications and the email preference of each person per kind (tenant data)."""

from piccolo.columns import BigInt, Boolean, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class Notification(TenantTable, tablename="notifications"):
    user_id = BigInt()
    kind = Varchar(length=100)
    # The module that declared the kind: its notifications hide while it is disabled.
    module = Varchar(length=32)
    # Both languages are kept, so each person reads it in theirs, now and after a change.
    title_en = Varchar(length=300)
    title_id = Varchar(length=300)
    body_en = Text(default="")
    body_id = Text(default="")
    link = Varchar(length=500, default="")
    created_at = Timestamptz(default=TimestamptzNow())
    read_at = Timestamptz(null=True, default=None)


class NotificationPreference(TenantTable, tablename="notification_preferences"):
    """A person's choice for one kind; without a row the kind's ``email_default`` holds."""

    user_id = BigInt()
    kind = Varchar(length=100)
    email = Boolean(default=False)

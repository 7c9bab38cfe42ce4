"""The outgoing mail table.

A mail belongs to a tenant when one is in scope as it is written (an invitation, a
notification) and to nobody when none is (a password reset asked for before logging in). Its
tenant column is therefore nullable and the table is not a ``TenantTable``: the mail functions
filter on it by hand. On PostgreSQL the migration runner still puts it under the tenant policy,
and one more policy lets a connection *without* a tenant in scope see the rows without a
tenant, and nothing else (``backoffice.db.migrate.EXTRA_POLICIES``).

The body is sealed (encrypted with a key derived from ``SECRET_KEY``) because it may carry a
single-use link, and erased once the mail is sent or has failed for good.
"""

from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import GlobalTable

STATUSES = ("queued", "sending", "sent", "failed")


class OutgoingMail(GlobalTable, tablename="outgoing_mails"):
    tenant_id = BigInt(null=True, default=None, index=True)
    # What the mail is for: "core.verify_email", "core.invitation", "core.password_reset",
    # "core.two_factor" (turned on or off) or a
    # notification kind such as "hr.leave_to_approve".
    kind = Varchar(length=100)
    to_address = Varchar(length=254)
    to_user_id = BigInt(null=True, default=None)
    subject = Varchar(length=300)
    locale = Varchar(length=8, default="en")
    # Sealed JSON {"text": ..., "html": ...}; empty once the mail is sent or failed for good.
    sealed_body = Text(default="", secret=True)
    status = Varchar(length=16, default="queued")  # queued | sending | sent | failed
    attempts = Integer(default=0)
    max_attempts = Integer(default=5)
    last_error = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())
    next_attempt_at = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)

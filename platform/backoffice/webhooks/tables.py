"""Webhook endpoints and their deliveries (tenant data)."""

from piccolo.columns import JSON, BigInt, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable

DELIVERY_STATUSES = ("pending", "succeeded", "failed")


class WebhookEndpoint(TenantTable, tablename="webhook_endpoints"):
    url = Varchar(length=2000)
    description = Varchar(length=500, default="")
    # The event types it receives, e.g. ["hr.employee_hired"].
    event_types = JSON(default=[])
    # The signing secret (``whsec_...``), sealed with a key derived from SECRET_KEY: signing
    # needs the secret itself, so it cannot be hashed like a password.
    sealed_secret = Text(default="", secret=True)
    enabled = Boolean(default=True)
    disabled_at = Timestamptz(null=True, default=None)
    # Why it is off: "manual", or "failing" when the deliveries kept failing.
    disabled_reason = Varchar(length=32, default="")
    # Health, for automatic disabling: deliveries in a row that failed every attempt, and the
    # first failed attempt since the last success (null while it works).
    consecutive_failures = Integer(default=0)
    failing_since = Timestamptz(null=True, default=None)
    created_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    secret_rotated_at = Timestamptz(null=True, default=None)


class WebhookDelivery(TenantTable, tablename="webhook_deliveries"):
    """One event for one endpoint: the body as signed (the same on every attempt), where the
    attempts stand, and a short log of them."""

    endpoint_id = BigInt()
    event_id = BigInt()
    event_type = Varchar(length=100)
    body = Text(default="")
    status = Varchar(length=16, default="pending")  # pending | succeeded | failed
    attempts = Integer(default=0)
    last_status_code = Integer(null=True, default=None)
    last_duration_ms = Integer(null=True, default=None)
    last_error = Text(default="")
    last_response_body = Text(default="")
    last_attempt_at = Timestamptz(null=True, default=None)
    next_attempt_at = Timestamptz(null=True, default=None)
    # [{"at": iso, "statusCode": int|null, "durationMs": int, "error": str, "manual": bool}]
    attempt_log = JSON(default=[])
    created_at = Timestamptz(default=TimestamptzNow())

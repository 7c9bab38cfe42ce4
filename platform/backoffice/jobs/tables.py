"""The jobs table: the record of truth of every background job of a tenant."""

from piccolo.columns import JSON, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class Job(TenantTable, tablename="jobs"):
    name = Varchar(length=200)
    module = Varchar(length=32)
    args = JSON(default={})
    status = Varchar(length=16, default="queued")  # queued|running|succeeded|failed|cancelled
    progress = Integer(default=0)
    message = Text(default="")
    attempts = Integer(default=0)
    max_attempts = Integer(default=5)
    last_error = Text(default="")
    result = JSON(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    run_after = Timestamptz(default=TimestamptzNow())
    started_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)
    # Set for scheduled runs ("cron:<module>.<name>:<time>"): unique per tenant, so a schedule
    # fired twice (several processes, a restarted worker) makes one job.
    dedupe_key = Varchar(length=200, null=True, default=None)

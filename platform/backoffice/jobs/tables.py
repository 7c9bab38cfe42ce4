from piccolo.columns import JSON, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class Job(TenantTable, tablename="jobs"):
    name = Varchar(length=200)
    module = Varchar(length=32)
    args = JSON(default={})
    status = Varchar(length=16, default="queued")  # queued|running|succeeded|failed
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

from piccolo.columns import BigInt, Bytea, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class ReportFile(TenantTable, tablename="finance_report_files"):
    """A report rendered by a job, kept for download."""

    job_key = Varchar(length=64)
    filename = Varchar(length=200)
    content_type = Varchar(length=100)
    content = Bytea()
    rows = BigInt(default=0)
    created_at = Timestamptz(default=TimestamptzNow())

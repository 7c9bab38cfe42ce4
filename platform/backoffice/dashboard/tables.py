"""Daily snapshots of the dashboard's figures (tenant data)."""

from piccolo.columns import Date, Numeric, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class IndicatorSnapshot(TenantTable, tablename="indicator_snapshots"):
    """The value of one indicator on one day (unique per company, key and day)."""

    key = Varchar(length=64)
    day = Date()
    value = Numeric(digits=(24, 4))
    taken_at = Timestamptz(default=TimestamptzNow())

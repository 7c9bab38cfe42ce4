from piccolo.columns import BigInt, Boolean, Bytea, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class PersonalDataExport(TenantTable, tablename="hr_personal_data_exports"):
    """An archive of one person's data, built by a job and kept for a week for download.

    ``for_self``: the person asked for it themselves (``exportMyPersonalData``); only they
    read it then. Otherwise HR asked (``exportEmployeePersonalData``)."""

    employee_id = BigInt()
    requested_by = BigInt(null=True, default=None)
    for_self = Boolean(default=False)
    job_id = BigInt(null=True, default=None)
    status = Varchar(length=16, default="building")  # building | ready
    filename = Varchar(length=200, default="")
    content = Bytea(null=True, default=None)
    records = Integer(default=0)
    created_at = Timestamptz(default=TimestamptzNow())

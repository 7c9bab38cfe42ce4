from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class HrRequest(TenantTable, tablename="hr_requests"):
    """Something an employee asked HR for (an employment letter, a question), usually through
    the service portal, until HR marks it done with its answer."""

    number = Integer()  # per company: HRQ-00001
    kind = Varchar(length=24)  # employment_letter | question
    subject = Varchar(length=200)
    details = Text(default="")
    requester_user_id = BigInt()
    status = Varchar(length=16, default="open")  # open | done
    answer = Text(default="")
    source_key = Varchar(length=200, null=True, default=None)  # e.g. the portal request that made it
    handled_by = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())
    done_at = Timestamptz(null=True, default=None)

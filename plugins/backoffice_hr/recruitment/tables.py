from piccolo.columns import BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class JobOpening(TenantTable, tablename="hr_job_openings"):
    title = Varchar(length=200)
    department_id = BigInt(null=True, default=None)
    position_id = BigInt(null=True, default=None)
    headcount = Integer(default=1)
    status = Varchar(length=16, default="open")  # open | on_hold | closed
    description = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())


class Applicant(TenantTable, tablename="hr_applicants"):
    opening_id = BigInt()
    full_name = Varchar(length=200)
    email = Varchar(length=254, default="")
    phone = Varchar(length=32, default="")
    source = Varchar(length=64, default="")
    stage = Varchar(length=16, default="applied")
    employee_id = BigInt(null=True, default=None)
    created_at = Timestamptz(default=TimestamptzNow())


class ApplicantNote(TenantTable, tablename="hr_applicant_notes"):
    applicant_id = BigInt()
    author_user_id = BigInt(null=True, default=None)
    body = Text()
    created_at = Timestamptz(default=TimestamptzNow())

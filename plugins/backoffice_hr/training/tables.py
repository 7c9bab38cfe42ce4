from piccolo.columns import BigInt, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class TrainingProgramme(TenantTable, tablename="hr_training_programmes"):
    title = Varchar(length=200)
    description = Text(default="")
    provider = Varchar(length=200, default="")
    created_at = Timestamptz(default=TimestamptzNow())


class TrainingSession(TenantTable, tablename="hr_training_sessions"):
    programme_id = BigInt()
    starts_on = Date()
    ends_on = Date()
    location = Varchar(length=200, default="")
    capacity = Integer(default=20)


class Enrolment(TenantTable, tablename="hr_enrolments"):
    session_id = BigInt()
    employee_id = BigInt()
    status = Varchar(length=16, default="enrolled")  # enrolled | completed | cancelled
    completed_on = Date(null=True, default=None)


class Certificate(TenantTable, tablename="hr_certificates"):
    employee_id = BigInt()
    name = Varchar(length=200)
    issuer = Varchar(length=200, default="")
    issued_on = Date()
    expires_on = Date(null=True, default=None)
    reminded_at = Timestamptz(null=True, default=None)

from decimal import Decimal

from piccolo.columns import BigInt, Boolean, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class LeaveType(TenantTable, tablename="hr_leave_types"):
    code = Varchar(length=32)
    name = Varchar(length=100)
    name_id = Varchar(length=100, default="")
    yearly_entitlement = Numeric(digits=(6, 1), default=Decimal(0))
    # Months of service before the entitlement applies (12 for annual leave, UU 13/2003 Art. 79).
    months_of_service = Integer(default=0)
    allow_negative = Boolean(default=False)
    # Types without a yearly quota (sick, unpaid) are recorded, not counted down.
    tracks_balance = Boolean(default=True)
    paid = Boolean(default=True)
    active = Boolean(default=True)


class LeaveBalance(TenantTable, tablename="hr_leave_balances"):
    """An entitlement set by HR for one employee, type and year (overrides the default)."""

    employee_id = BigInt()
    leave_type_id = BigInt()
    year = Integer()
    entitled = Numeric(digits=(6, 1))


class LeaveRequest(TenantTable, tablename="hr_leave_requests"):
    employee_id = BigInt()
    leave_type_id = BigInt()
    start_date = Date()
    end_date = Date()
    days = Numeric(digits=(6, 1))
    reason = Text(default="")
    status = Varchar(length=16, default="pending")  # pending|approved|rejected|cancelled
    requested_by = BigInt(null=True, default=None)
    decided_by = BigInt(null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
    decision_note = Text(default="")
    created_at = Timestamptz(default=TimestamptzNow())

"""The service requests of a company (tenant data)."""

from piccolo.columns import JSON, BigInt, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable


class ServiceRequest(TenantTable, tablename="service_requests"):
    """Something a member asked a department for, and what became of it.

    ``status``: pending_approval (waits for the approvals inbox) -> submitted (in the
    department's queue) -> accepted (``record_id`` names the module's record) | rejected
    (``reason``) | cancelled (by the requester)."""

    number = Integer()  # per company: REQ-00001
    type_key = Varchar(length=64)  # the RequestType's key, e.g. "it.equipment"
    module = Varchar(length=32)
    title = Varchar(length=200)
    form_values = JSON(default={})  # the checked form, by field name (JSON values)
    status = Varchar(length=20, default="submitted")
    requester_user_id = BigInt()
    response_hours = Integer(default=24)  # the type's target when the request was made
    submitted_at = Timestamptz(default=TimestamptzNow())
    queued_at = Timestamptz(null=True, default=None)  # reached the department's queue
    due_at = Timestamptz(null=True, default=None)  # queued_at + response_hours
    decided_at = Timestamptz(null=True, default=None)  # accepted, rejected or cancelled
    decided_by = BigInt(null=True, default=None)
    reason = Text(default="")  # why it was rejected (by the department or the approver)
    record_id = Varchar(length=200, null=True, default=None)  # global id of the module's record
    approval_decided_at = Timestamptz(null=True, default=None)
    approval_decided_by = BigInt(null=True, default=None)

from piccolo.columns import BigInt, Boolean, Bytea, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.sdk import TenantTable


class Ticket(TenantTable, tablename="it_tickets"):
    number = Integer()
    subject = Varchar(length=300)
    description = Text(default="")
    category = Varchar(length=32, default="problem")  # problem | request | access | equipment | onboarding | offboarding
    priority = Varchar(length=8, default="medium")  # low | medium | high | urgent
    impact = Varchar(length=8, default="single")  # single | team | company
    status = Varchar(length=16, default="new")  # new | in_progress | waiting | resolved | closed
    requester_user_id = BigInt(null=True, default=None)
    assignee_user_id = BigInt(null=True, default=None)
    source_key = Varchar(length=200, null=True, default=None)  # e.g. the HR event that opened it
    created_at = Timestamptz(default=TimestamptzNow())
    first_response_at = Timestamptz(null=True, default=None)
    resolved_at = Timestamptz(null=True, default=None)
    response_due_at = Timestamptz()
    resolution_due_at = Timestamptz()
    breached = Boolean(default=False)
    satisfaction = Integer(null=True, default=None)


class TicketMessage(TenantTable, tablename="it_ticket_messages"):
    ticket_id = BigInt()
    author_user_id = BigInt(null=True, default=None)
    body = Text()
    internal = Boolean(default=False)
    created_at = Timestamptz(default=TimestamptzNow())


class SlaTarget(TenantTable, tablename="it_sla_targets"):
    priority = Varchar(length=8)
    response_minutes = Integer()
    resolution_minutes = Integer()


class TicketAttachment(TenantTable, tablename="it_ticket_attachments"):
    ticket_id = BigInt()
    name = Varchar(length=200)
    content_type = Varchar(length=100)
    size = Integer()
    content = Bytea()
    uploaded_by = BigInt(null=True, default=None)
    uploaded_at = Timestamptz(default=TimestamptzNow())

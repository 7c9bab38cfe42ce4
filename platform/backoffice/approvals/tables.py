"""Approval tables: the tenant's rules (one row per step), every step's decision, and who stands
in for whom."""

from piccolo.columns import BigInt, Boolean, Date, Integer, Numeric, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow

from backoffice.db.tables import TenantTable

AMOUNT = (20, 2)


class ApprovalRuleStep(TenantTable, tablename="approval_rule_steps"):
    """One step of a tenant's rule for a kind of approvable; a rule is its steps in order."""

    kind = Varchar(length=64)
    position = Integer()
    approver = Varchar(length=16)  # permission | role | manager
    permission = Varchar(length=100, default="")
    role_key = Varchar(length=100, default="")
    # The step applies only to records whose amount is above this (None: always).
    min_amount = Numeric(digits=AMOUNT, null=True, default=None)
    updated_by = BigInt(null=True, default=None)
    updated_at = Timestamptz(default=TimestamptzNow())


class ApprovalDecision(TenantTable, tablename="approval_decisions"):
    """One step's decision on one record. The decisions of a round stay open until the round
    ends (a rejection, or the last approval), then are closed; a record that comes back (a
    recalculated payroll) starts a new round."""

    kind = Varchar(length=64)
    record_id = Varchar(length=200)
    step = Integer()  # 1-based, among the steps that applied to the record
    step_count = Integer()
    approver = Varchar(length=16)  # what the step asked for: permission | role | manager | named
    approve = Boolean()
    reason = Text(default="")
    decided_by = BigInt()
    on_behalf_of = BigInt(null=True, default=None)  # the person the decider stood in for
    decided_at = Timestamptz(default=TimestamptzNow())
    final = Boolean(default=False)  # this decision ended the round and reached the module
    closed = Boolean(default=False)
    # What the record looked like when decided, for the history.
    title = Varchar(length=300, default="")
    requester_user_id = BigInt(null=True, default=None)
    amount = Numeric(digits=AMOUNT, null=True, default=None)
    currency = Varchar(length=3, default="IDR")
    link = Varchar(length=300, default="")


class ApprovalDelegation(TenantTable, tablename="approval_delegations"):
    """While away (``starts_on`` to ``ends_on``, both included) ``from_user_id`` has
    ``to_user_id`` see and decide what waits for them."""

    from_user_id = BigInt()
    to_user_id = BigInt()
    starts_on = Date()
    ends_on = Date()
    created_at = Timestamptz(default=TimestamptzNow())
    cancelled_at = Timestamptz(null=True, default=None)

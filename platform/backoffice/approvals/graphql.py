"""GraphQL of the approvals inbox: ``approvalsInbox``, ``approvalsHistory``, ``decideApproval``;
the tenant's rules (``approvalRules``, ``setApprovalRule``); stand-ins while away
(``delegateApprovals``, ``myDelegations``, ``cancelDelegation``)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry

from backoffice.approvals import delegation, services
from backoffice.approvals import rules as rule_rules
from backoffice.approvals.rules import Step
from backoffice.approvals.tables import ApprovalDecision as DecisionTable
from backoffice.approvals.tables import ApprovalDelegation as DelegationTable
from backoffice.graphql.fields import Payload, field, mutation
from backoffice.graphql.ids import decode_id, encode_id
from backoffice.graphql.relay import Connection, Edge, PageInfo, decode_cursor, encode_cursor, page_size, paginate
from backoffice.i18n import get_locale
from backoffice.identity.admin_graphql import load_users
from backoffice.identity.tables import Role as RoleTable

MANAGE_RULES = "core.approval_rule.manage"


async def load_role_names(keys: list[str]) -> list[str | None]:
    from backoffice.identity import roles as role_rules  # noqa: PLC0415

    rows = await RoleTable.select().where(RoleTable.key.is_in(list(set(keys)) or [""]))
    names = {r["key"]: role_rules.role_label(r, get_locale())[0] for r in rows}
    return [names.get(k) for k in keys]


@strawberry.enum(description="Who decides a step.")
class ApproverType(enum.Enum):
    PERMISSION = "permission"
    ROLE = "role"
    MANAGER = "manager"
    NAMED = "named"


@strawberry.type(description="A member, as the inbox shows them.")
class ApprovalPerson:
    id: strawberry.ID
    full_name: str
    email: str


async def _person(info: strawberry.Info, user_id: int | None) -> ApprovalPerson | None:
    if user_id is None:
        return None
    row = await info.context.loader(load_users).load(user_id)
    if row is None:
        return None
    return ApprovalPerson(id=strawberry.ID(encode_id("User", user_id)), full_name=row["full_name"],
                          email=row["email"])


@strawberry.type(description="One step of an approval rule: who decides, and above which amount.")
class ApprovalStep:
    approver: ApproverType
    permission: str | None
    role_key: str | None
    min_amount: Decimal | None = strawberry.field(
        description="The step applies only to records above this amount; null: always.")
    _currency: strawberry.Private[str]

    @classmethod
    def of(cls, step: Step, currency: str = "IDR") -> ApprovalStep:
        return cls(approver=ApproverType(step.approver), permission=step.permission or None,
                   role_key=step.role_key or None, min_amount=step.min_amount, _currency=currency)

    @strawberry.field(description="Who decides, in words.")
    async def description(self, info: strawberry.Info) -> str:
        names: dict[str, str] = {}
        if self.role_key:
            name = await info.context.loader(load_role_names).load(self.role_key)
            if name:
                names[self.role_key] = name
        step = Step(self.approver.value, self.permission or "", self.role_key or "", self.min_amount)
        return rule_rules.describe(step, get_locale(), names, self._currency)


def _kind_label(kind: str) -> str:
    found = rule_rules.approvables().get(kind)
    return found[1].label.get(get_locale()) if found else kind


@strawberry.type(description="One step's decision on a record.")
class ApprovalDecision:
    id: strawberry.ID
    kind: str
    record_id: strawberry.ID = strawberry.field(description="The decided record's global id.")
    title: str
    amount: Decimal | None
    currency: str
    link: str
    step: int
    step_count: int
    approved: bool
    reason: str
    decided_at: datetime
    final: bool = strawberry.field(
        description="This decision ended the approval: the module carried it out.")
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ApprovalDecision:
        return cls(id=strawberry.ID(encode_id("ApprovalDecision", r["id"])), kind=r["kind"],
                   record_id=strawberry.ID(r["record_id"]), title=r["title"],
                   amount=Decimal(r["amount"]) if r["amount"] is not None else None,
                   currency=r["currency"], link=r["link"], step=r["step"],
                   step_count=r["step_count"], approved=bool(r["approve"]), reason=r["reason"],
                   decided_at=r["decided_at"], final=bool(r["final"]), _row=r)

    @strawberry.field
    def kind_label(self) -> str:
        return _kind_label(self.kind)

    @strawberry.field(description="Who decided.")
    async def decided_by(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._row["decided_by"])

    @strawberry.field(description="Whom the decider stood in for, if anyone.")
    async def on_behalf_of(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._row["on_behalf_of"])

    @strawberry.field
    async def requester(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._row["requester_user_id"])


@strawberry.type(description="A record waiting for your decision (or for someone you stand in for).")
class PendingApproval:
    id: strawberry.ID = strawberry.field(description="The record's global id.")
    kind: str
    kind_label: str
    title: str
    amount: Decimal | None
    currency: str
    submitted_at: datetime
    link: str = strawberry.field(description="The record's page in the web app.")
    step: int = strawberry.field(description="The step waiting for you, from 1.")
    step_count: int
    current_step: ApprovalStep
    _pending: strawberry.Private[services.Pending]

    @classmethod
    def of(cls, p: services.Pending) -> PendingApproval:
        item = p.item
        return cls(id=strawberry.ID(item.id), kind=p.approvable.kind,
                   kind_label=p.approvable.label.get(get_locale()), title=item.title,
                   amount=Decimal(item.amount) if item.amount is not None else None,
                   currency=item.currency, submitted_at=services._aware(item.submitted_at),
                   link=item.link, step=p.index + 1, step_count=len(p.steps),
                   current_step=ApprovalStep.of(p.step, item.currency), _pending=p)

    @strawberry.field
    async def requester(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._pending.item.requester_user_id)

    @strawberry.field(description="Whom you decide this for while they are away; null: yourself.")
    async def on_behalf_of(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._pending.on_behalf_of)

    @strawberry.field(description="The earlier steps' decisions.")
    def decisions(self) -> list[ApprovalDecision]:
        return [ApprovalDecision.of(r) for r in self._pending.decisions]


def _inbox_connection(items: list[services.Pending], first: int | None,
                      after: str | None) -> Connection[PendingApproval]:
    size = page_size(first)
    start = 0
    if after:
        stamp, kind, record_id = decode_cursor(after, 3)
        if not isinstance(stamp, datetime):
            stamp = datetime.min
        key = (services._aware(stamp), str(kind), str(record_id))
        start = next((i for i, p in enumerate(items) if p.sort_key > key), len(items))
    page = items[start:start + size]
    edges = [Edge(cursor=encode_cursor(list(p.sort_key)), node=PendingApproval.of(p)) for p in page]

    async def count() -> int:
        return len(items)

    return Connection(edges=edges, page_info=PageInfo(
        has_next_page=start + size < len(items), has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None), _count=count)


@strawberry.type(description="How a kind of record is approved in this company.")
class ApprovalRule:
    kind: str
    kind_label: str
    module: str
    default_permission: str = strawberry.field(
        description="Who decides, in one step, when the company has set no rule.")
    custom: bool = strawberry.field(description="The company has set steps of its own.")
    steps: list[ApprovalStep] = strawberry.field(
        description="The steps in order (the default one when the company has set none).")


async def _rules(enabled: frozenset[str], kind: str | None = None) -> list[ApprovalRule]:
    available = rule_rules.approvables(enabled)
    kinds = sorted(k for k in available if kind is None or k == kind)
    stored = await rule_rules.load_rules(kinds)
    out = []
    for k in kinds:
        module, approvable = available[k]
        steps = stored.get(k) or [Step(rule_rules.PERMISSION, permission=approvable.permission)]
        out.append(ApprovalRule(kind=k, kind_label=approvable.label.get(get_locale()), module=module,
                                default_permission=approvable.permission, custom=k in stored,
                                steps=[ApprovalStep.of(s) for s in steps]))
    return out


@strawberry.type(description="Someone standing in for someone else's approvals while they are away.")
class ApprovalDelegation:
    id: strawberry.ID
    starts_on: date
    ends_on: date
    created_at: datetime
    cancelled: bool
    active: bool = strawberry.field(description="In force today.")
    _row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, r: dict[str, Any]) -> ApprovalDelegation:
        return cls(id=strawberry.ID(encode_id("ApprovalDelegation", r["id"])), starts_on=r["starts_on"],
                   ends_on=r["ends_on"], created_at=r["created_at"],
                   cancelled=r["cancelled_at"] is not None, active=delegation.is_active(r), _row=r)

    @strawberry.field(description="Who is away.")
    async def from_user(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._row["from_user_id"])

    @strawberry.field(description="Who stands in.")
    async def to_user(self, info: strawberry.Info) -> ApprovalPerson | None:
        return await _person(info, self._row["to_user_id"])


@strawberry.input
class DecideApprovalInput:
    kind: str
    id: strawberry.ID = strawberry.field(description="The record's global id, as the inbox gives it.")
    approve: bool
    reason: str = strawberry.field(default="", description="Required when rejecting.")


@strawberry.enum
class ApprovalStatus(enum.Enum):
    APPROVED = "approved"
    REJECTED = "rejected"
    WAITING = "waiting"


@strawberry.type
class DecideApprovalPayload(Payload):
    decision: ApprovalDecision | None = None
    status: ApprovalStatus | None = strawberry.field(
        default=None, description="APPROVED or REJECTED when the module carried it out; WAITING for a next step.")
    next_step: ApprovalStep | None = None


@strawberry.input
class ApprovalStepInput:
    approver: ApproverType
    permission: str | None = strawberry.field(default=None, description="For PERMISSION.")
    role_key: str | None = strawberry.field(default=None, description="For ROLE.")
    min_amount: Decimal | None = strawberry.field(
        default=None, description="Apply only to records above this amount.")


@strawberry.input
class SetApprovalRuleInput:
    kind: str
    steps: list[ApprovalStepInput] = strawberry.field(
        description="In order; an empty list goes back to the default.")


@strawberry.type
class ApprovalRulePayload(Payload):
    rule: ApprovalRule | None = None


@strawberry.input
class DelegateApprovalsInput:
    to_user_id: strawberry.ID
    starts_on: date
    ends_on: date


@strawberry.input
class CancelDelegationInput:
    id: strawberry.ID


@strawberry.type
class ApprovalDelegationPayload(Payload):
    delegation: ApprovalDelegation | None = None


@strawberry.type
class ApprovalQuery:
    @field(self_service=True, description="What waits for your decision, oldest first, across the "
           "enabled modules (with what waits for those you stand in for).")
    async def approvals_inbox(self, info: strawberry.Info, first: int | None = None,
                              after: str | None = None,
                              kind: str | None = None) -> Connection[PendingApproval]:
        items = await services.inbox(info.context.actor, kind)
        return _inbox_connection(items, first, after)

    @field(self_service=True, description="Decisions you took (or that were taken for you), newest first.")
    async def approvals_history(self, info: strawberry.Info, first: int | None = None,
                                after: str | None = None,
                                kind: str | None = None) -> Connection[ApprovalDecision]:
        return await paginate(DecisionTable, node=ApprovalDecision.of, first=first, after=after,
                              where=services.history_where(info.context.actor.user_id, kind),
                              order_by=DecisionTable.id, descending=True)

    @field(MANAGE_RULES, description="How each kind of record of the enabled modules is approved.")
    async def approval_rules(self, info: strawberry.Info) -> list[ApprovalRule]:
        return await _rules(info.context.actor.enabled_modules)

    @field(self_service=True, description="Stand-ins you asked for, and those you are asked to be.")
    async def my_delegations(self, info: strawberry.Info, first: int | None = None,
                             after: str | None = None) -> Connection[ApprovalDelegation]:
        return await paginate(DelegationTable, node=ApprovalDelegation.of, first=first, after=after,
                              where=delegation.mine(info.context.actor.user_id),
                              order_by=DelegationTable.id, descending=True)


@strawberry.type
class ApprovalMutation:
    @mutation(self_service=True, description="Approve or reject (with a reason) the step of a record "
              "waiting for you. The last approval, or a rejection, is carried out by the module.")
    async def decide_approval(self, info: strawberry.Info,
                              input: DecideApprovalInput) -> DecideApprovalPayload:
        outcome = await services.decide(info.context.actor, input.kind.strip(), str(input.id),
                                        input.approve, input.reason)
        return DecideApprovalPayload(
            decision=ApprovalDecision.of(outcome.decision), status=ApprovalStatus(outcome.status),
            next_step=ApprovalStep.of(outcome.next_step, outcome.pending.item.currency)
            if outcome.next_step else None)

    @mutation(MANAGE_RULES, description="Set the steps that approve a kind of record.")
    async def set_approval_rule(self, info: strawberry.Info,
                                input: SetApprovalRuleInput) -> ApprovalRulePayload:
        enabled = info.context.actor.enabled_modules
        kind = input.kind.strip()
        steps = await rule_rules.validate(kind, [{
            "approver": s.approver.value, "permission": s.permission, "role_key": s.role_key,
            "min_amount": s.min_amount} for s in input.steps], enabled)
        await rule_rules.save(kind, steps, info.context.actor.user_id)
        return ApprovalRulePayload(rule=(await _rules(enabled, kind))[0])

    @mutation(self_service=True, description="Have a colleague see and decide your approvals while you are away.")
    async def delegate_approvals(self, info: strawberry.Info,
                                 input: DelegateApprovalsInput) -> ApprovalDelegationPayload:
        pk = await delegation.delegate(info.context.actor.user_id or 0,
                                       decode_id(input.to_user_id, "User"), input.starts_on,
                                       input.ends_on)
        return ApprovalDelegationPayload(delegation=ApprovalDelegation.of(await delegation.get(pk)))

    @mutation(self_service=True, description="Call off a stand-in you asked for.")
    async def cancel_delegation(self, info: strawberry.Info,
                                input: CancelDelegationInput) -> ApprovalDelegationPayload:
        pk = decode_id(input.id, "ApprovalDelegation")
        await delegation.cancel(pk, info.context.actor.user_id or 0)
        return ApprovalDelegationPayload(delegation=ApprovalDelegation.of(await delegation.get(pk)))

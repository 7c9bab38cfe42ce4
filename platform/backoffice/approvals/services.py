"""The inbox and deciding: what waits for whom, and what a decision does.

Modules list what waits for a decision (``Approvable.pending()``); the tenant's rules say who
decides each step; the open decisions of a record say which step it has reached. A person sees
a record when its current step names them, or someone they stand in for today, and they are not
its requester and have not decided an earlier step of it. The cost of the inbox does not grow
with the number of records: one ``pending()`` per kind, then a fixed number of queries.
"""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from backoffice.approvals import rules as rule_rules
from backoffice.approvals.delegation import active_delegators
from backoffice.approvals.rules import MANAGER, NAMED, PERMISSION, ROLE, Step
from backoffice.approvals.tables import ApprovalDecision
from backoffice.errors import BadUserInput, Conflict, NotFound
from backoffice.identity import roles as role_rules
from backoffice.identity.actor import Actor
from backoffice.identity.tables import Membership, MembershipRole, Role
from backoffice.modules.types import Approvable, ApprovalItem
from backoffice.runtime import get_registry

REASON_MAX = 2000
CHUNK = 500


@dataclass(frozen=True)
class Person:
    """Someone whose inbox the viewer sees: themselves, or someone they stand in for."""

    user_id: int
    permissions: frozenset[str]
    role_keys: frozenset[str]


@dataclass
class Pending:
    module: str
    approvable: Approvable
    item: ApprovalItem
    steps: list[Step]
    index: int  # the current step, 0-based
    decisions: list[dict[str, Any]] = field(default_factory=list)  # this round's, in order
    on_behalf_of: int | None = None  # the person the viewer stands in for; None: their own

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def sort_key(self) -> tuple[datetime, str, str]:
        return (_aware(self.item.submitted_at), self.approvable.kind, self.item.id)


def _aware(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


async def _people(user_ids: list[int], enabled: frozenset[str]) -> dict[int, Person]:
    """The permissions and role keys of active members, in three queries."""
    if not user_ids:
        return {}
    memberships = await Membership.select(Membership.id, Membership.user_id).where(
        Membership.user_id.is_in(user_ids) & (Membership.is_active == True))  # noqa: E712
    links = await MembershipRole.select(MembershipRole.membership_id, MembershipRole.role_id).where(
        MembershipRole.membership_id.is_in([m["id"] for m in memberships] or [0]))
    role_rows = {r["id"]: r for r in await Role.select().where(
        Role.id.is_in(list({link["role_id"] for link in links}) or [0]))}
    available = set(get_registry().permissions_for(enabled))
    out: dict[int, Person] = {}
    for m in memberships:
        rows = [role_rows[link["role_id"]] for link in links
                if link["membership_id"] == m["id"] and link["role_id"] in role_rows]
        granted: set[str] = set()
        for row in rows:
            granted |= role_rules.role_permissions(row, available)
        out[m["user_id"]] = Person(m["user_id"], frozenset(granted),
                                   frozenset(r["key"] for r in rows))
    return out


async def acting_as(actor: Actor) -> list[Person]:
    """The viewer first, then everyone who has them stand in today."""
    if actor.user_id is None:
        return []
    me = Person(actor.user_id, await actor.permissions(), await actor.role_keys())
    delegators = await active_delegators(actor.user_id)
    others = await _people(delegators, actor.enabled_modules)
    if actor.scopes is not None:  # a token acting for the viewer reaches no further than its scopes
        others = {k: Person(p.user_id, p.permissions & actor.scopes, p.role_keys)
                  for k, p in others.items()}
    return [me, *(others[d] for d in delegators if d in others)]


def _names(step: Step, item: ApprovalItem, person: Person) -> bool:
    if step.approver == PERMISSION:
        return step.permission in person.permissions
    if step.approver == ROLE:
        return step.role_key in person.role_keys
    if step.approver == MANAGER:
        return item.manager_user_id == person.user_id
    if step.approver == NAMED:
        return item.decider_user_id == person.user_id
    return False


def _stand_in(p: Pending, viewer: int, people: list[Person]) -> tuple[bool, int | None]:
    """Whether the viewer decides the record's current step, and for whom (None: themselves)."""
    earlier = {d["decided_by"] for d in p.decisions} | {d["on_behalf_of"] for d in p.decisions}
    for person in people:
        involved = {viewer, person.user_id}
        if p.item.requester_user_id in involved or involved & earlier:
            continue  # nobody approves their own request, nor two steps of one record
        if _names(p.step, p.item, person):
            return True, None if person.user_id == viewer else person.user_id
    return False, None


async def _open_decisions(kinds: list[str], record_ids: list[str]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
    ids = sorted(set(record_ids))
    for start in range(0, len(ids), CHUNK):
        rows = await ApprovalDecision.select().where(
            ApprovalDecision.kind.is_in(kinds) & ApprovalDecision.record_id.is_in(ids[start:start + CHUNK])
            & (ApprovalDecision.closed == False)).order_by(ApprovalDecision.step)  # noqa: E712
        for r in rows:
            grouped.setdefault((r["kind"], r["record_id"]), []).append(r)
    return grouped


async def find_managers(user_ids: list[int], enabled: frozenset[str]) -> dict[int, int]:
    """The managers of ``user_ids`` as the enabled modules know them (``find_managers`` hook)."""
    registry = get_registry()
    found: dict[int, int] = {}
    for module in registry:
        if module.key not in enabled:
            continue
        result = registry.call(module.key, "find_managers", user_ids=user_ids)
        if inspect.isawaitable(result):
            result = await result
        for user_id, manager_id in (result or {}).items():
            if manager_id is not None:
                found.setdefault(user_id, manager_id)
    return found


async def _fill_managers(found: list[Pending], rules: dict[str, list[Step]],
                         enabled: frozenset[str]) -> None:
    """Records of kinds whose rule has a manager step, from modules that do not know the
    requester's manager, get it from the module that does (one call for all of them)."""
    with_manager = {k for k, steps in rules.items() if any(s.approver == MANAGER for s in steps)}

    def lacking(p: Pending) -> bool:
        return (p.approvable.kind in with_manager and p.item.manager_user_id is None
                and p.item.requester_user_id is not None and p.item.decider_user_id is None)

    missing = sorted({p.item.requester_user_id for p in found if lacking(p)})  # type: ignore[type-var]
    if not missing:
        return
    managers = await find_managers(missing, enabled)
    for p in found:
        if lacking(p) and p.item.requester_user_id in managers:
            p.item = dataclasses.replace(p.item, manager_user_id=managers[p.item.requester_user_id])


async def _pending(enabled: frozenset[str], kind: str | None,
                   record_id: str | None = None) -> list[Pending]:
    """Every record waiting in the enabled modules (of one kind, or one record), at its step."""
    available = rule_rules.approvables(enabled)
    if kind is not None:
        available = {k: v for k, v in available.items() if k == kind}
    found: list[Pending] = []
    for module, approvable in available.values():
        for item in await approvable.pending():
            if record_id is None or item.id == record_id:
                found.append(Pending(module, approvable, item, [], 0))
    if not found:
        return []
    kinds = sorted({p.approvable.kind for p in found})
    rules = await rule_rules.load_rules(kinds)
    await _fill_managers(found, rules, enabled)
    decisions = await _open_decisions(kinds, [p.item.id for p in found])
    for p in found:
        p.steps = rule_rules.steps_for(p.item, p.approvable, rules.get(p.approvable.kind))
        p.decisions = decisions.get((p.approvable.kind, p.item.id), [])
        approved = sum(1 for d in p.decisions if d["approve"])
        p.index = min(approved, len(p.steps) - 1)  # a rule that shrank: its last step remains
    return found


async def inbox(actor: Actor, kind: str | None = None) -> list[Pending]:
    """What waits for the viewer's decision, oldest first."""
    people = await acting_as(actor)
    if not people:
        return []
    mine = []
    for p in await _pending(actor.enabled_modules, kind):
        ok, on_behalf_of = _stand_in(p, actor.user_id, people)  # type: ignore[arg-type]
        if ok:
            p.on_behalf_of = on_behalf_of
            mine.append(p)
    return sorted(mine, key=lambda p: p.sort_key)


@dataclass
class Outcome:
    decision: dict[str, Any]
    status: str  # approved | rejected | waiting
    pending: Pending
    next_step: Step | None = None


def _is_duplicate(exc: Exception) -> bool:
    return type(exc).__name__ in ("UniqueViolationError", "IntegrityError")


async def decide(actor: Actor, kind: str, record_id: str, approve: bool, reason: str) -> Outcome:
    """Decide the current step of one record waiting for the viewer, inside the caller's
    transaction. The last approving step, or any rejection, reaches the module's ``decide``.
    A record that does not wait for the viewer reads as NOT_FOUND, whether it exists or not."""
    reason = (reason or "").strip()
    if not approve and not reason:
        raise BadUserInput(("Say why you reject it.", "Sebutkan alasan penolakan."), field="reason")
    if len(reason) > REASON_MAX:
        raise BadUserInput((f"Keep the reason under {REASON_MAX} characters.",
                            f"Alasan paling banyak {REASON_MAX} karakter."), field="reason")
    people = await acting_as(actor)
    found = await _pending(actor.enabled_modules, kind, record_id) if people else []
    if not found:
        raise NotFound()
    p = found[0]
    ok, on_behalf_of = _stand_in(p, actor.user_id, people)  # type: ignore[arg-type]
    if not ok:
        raise NotFound()
    p.on_behalf_of = on_behalf_of
    last = p.index == len(p.steps) - 1
    final = not approve or last
    item = p.item
    try:
        rows = await ApprovalDecision.insert(ApprovalDecision(
            kind=kind, record_id=record_id, step=p.index + 1, step_count=len(p.steps),
            approver=p.step.approver, approve=approve, reason=reason, decided_by=actor.user_id,
            on_behalf_of=on_behalf_of, final=final, title=(item.title or "")[:300],
            requester_user_id=item.requester_user_id,
            amount=Decimal(item.amount) if item.amount is not None else None,
            currency=(item.currency or "IDR")[:3], link=(item.link or "")[:300],
        )).returning(ApprovalDecision.id)
    except Exception as exc:
        if _is_duplicate(exc):  # someone decided this step a moment ago
            raise Conflict(("Someone has just decided this step.",
                            "Seseorang baru saja memutuskan langkah ini.")) from exc
        raise
    if final:
        await p.approvable.decide(record_id, approve, reason, actor.user_id)  # type: ignore[arg-type]
        await ApprovalDecision.update({ApprovalDecision.closed: True}).where(
            (ApprovalDecision.kind == kind) & (ApprovalDecision.record_id == record_id)
            & (ApprovalDecision.closed == False))  # noqa: E712
    decision = await ApprovalDecision.select().where(ApprovalDecision.id == rows[0]["id"]).first()
    status = "waiting" if not final else ("approved" if approve else "rejected")
    return Outcome(decision=decision, status=status, pending=p,
                   next_step=None if final else p.steps[p.index + 1])


def history_where(user_id: int | None, kind: str | None) -> Any:
    me = user_id or 0
    where = (ApprovalDecision.decided_by == me) | (ApprovalDecision.on_behalf_of == me)
    if kind:
        where = where & (ApprovalDecision.kind == kind)
    return where
